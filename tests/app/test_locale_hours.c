/* test_locale_hours.c - ICU locale data for the kiosk languages (locale_info.h) and the
 * "open now / opens at" computation (hours.h), one named test per argument:
 *
 *   test_locale_hours TEST_NAME
 *
 * The expected names, weekdays and times are what ICU 72 (Debian bookworm) says, checked by
 * hand; a test that only needs "non-empty, in its script" says so. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "../check.h"
#include "hours.h"
#include "locale_info.h"
#include "log.h"

static const char *const kiosk_languages[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                              "pa", "bn", "ti", "zh", "ro", "sq", "uk"};
#define LANGUAGE_COUNT (sizeof kiosk_languages / sizeof kiosk_languages[0])

/* Counts what the modules log at warning level and above, and keeps the last line. */
typedef struct log_counter {
    int count;
    char last[512];
} log_counter;

static void count_log(log_level level, const char *module, const char *message, void *user)
{
    log_counter *counter = user;
    if (level < LOG_WARNING)
        return;
    counter->count++;
    snprintf(counter->last, sizeof counter->last, "%s: %s", module, message);
}

static bool is_valid_utf8(const char *s)
{
    int32_t length = (int32_t)strlen(s);
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0)
            return false;
    }
    return true;
}

/* Whether every letter of `s` is in `script` (spaces and punctuation are Common). */
static bool letters_in_script(const char *s, UScriptCode script)
{
    int32_t length = (int32_t)strlen(s);
    int letters = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0)
            return false;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode found = uscript_getScript(c, &status);
        if (U_FAILURE(status))
            return false;
        if (found == USCRIPT_COMMON || found == USCRIPT_INHERITED)
            continue;
        if (found != script)
            return false;
        letters++;
    }
    return letters > 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- locale_info ---- */

static void test_icu_ids_map_kiosk_codes(void)
{
    static const struct {
        const char *lang, *id;
    } cases[] = {
        {"fa", "fa_AF@numbers=latn"},   {"zh", "zh_Hans@numbers=latn"},
        {"pa", "pa_Guru@numbers=latn"}, {"it", "it@numbers=latn"},
        {"ar", "ar@numbers=latn"},      {"en-GB", "en_GB@numbers=latn"},
        {"IT", "it@numbers=latn"},      {"xx", "xx@numbers=latn"},
    };
    char id[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = locale_icu_id(cases[i].lang, id, sizeof id);
        CHECK(got == id && strcmp(id, cases[i].id) == 0, "%s -> %s, expected %s", cases[i].lang,
              got ? got : "NULL", cases[i].id);
    }
    static const char *const malformed[] = {"",           "x",  "it;rm", "it@numbers=arab",
                                            "ar\xd9\xa0", "und"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
        CHECK(locale_icu_id(malformed[i], id, sizeof id) == NULL, "\"%s\" accepted", malformed[i]);
    CHECK(locale_icu_id(NULL, id, sizeof id) == NULL, "NULL accepted");
    char small[6];
    CHECK(locale_icu_id("fa", small, sizeof small) == NULL && small[0] == '\0',
          "id in 6 bytes: \"%s\"", small);
    CHECK(locale_icu_id("fa", NULL, 0) == NULL, "NULL buffer accepted");
}

static void test_language_names(void)
{
    static const char *const expected[LANGUAGE_COUNT] = {
        "Italiano", "English", "Français", "العربية", "اردو",   "دری",   "پښتو",
        "ਪੰਜਾਬੀ",    "বাংলা",   "ትግርኛ",     "中文",    "Română", "Shqip", "Українська",
    };
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        char name[64];
        bool ok = locale_language_name(kiosk_languages[i], name, sizeof name);
        CHECK(ok && strcmp(name, expected[i]) == 0, "%s: \"%s\" (%s), expected \"%s\"",
              kiosk_languages[i], name, ok ? "true" : "false", expected[i]);
    }
    /* Each in its own script: Dari is Arabic script, not the Latin "Dari". */
    static const struct {
        const char *lang;
        UScriptCode script;
    } scripts[] = {{"ar", USCRIPT_ARABIC},   {"ur", USCRIPT_ARABIC},   {"fa", USCRIPT_ARABIC},
                   {"ps", USCRIPT_ARABIC},   {"pa", USCRIPT_GURMUKHI}, {"bn", USCRIPT_BENGALI},
                   {"ti", USCRIPT_ETHIOPIC}, {"zh", USCRIPT_HAN},      {"uk", USCRIPT_CYRILLIC},
                   {"sq", USCRIPT_LATIN}};
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        char name[64];
        CHECK(locale_language_name(scripts[i].lang, name, sizeof name) &&
                  letters_in_script(name, scripts[i].script),
              "%s: \"%s\" not in script %s", scripts[i].lang, name,
              uscript_getName(scripts[i].script));
    }
}

/* The Italian name under each endonym on the language picker (for the desk staff): ICU's
 * names in Italian, the same dialects as the endonyms (fa is Dari, zh Chinese). */
static void test_language_names_in_italian(void)
{
    static const char *const expected[LANGUAGE_COUNT] = {
        "Italiano", "Inglese",   "Francese", "Arabo",  "Urdu",   "Dari",     "Pashto",
        "Punjabi",  "Bengalese", "Tigrino",  "Cinese", "Rumeno", "Albanese", "Ucraino",
    };
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        char name[64];
        bool ok = locale_language_name_in(kiosk_languages[i], "it", name, sizeof name);
        CHECK(ok && strcmp(name, expected[i]) == 0, "%s in Italian: \"%s\" (%s), expected \"%s\"",
              kiosk_languages[i], name, ok ? "true" : "false", expected[i]);
    }
    char name[64];
    CHECK(locale_language_name_in("ar", "en", name, sizeof name) && strcmp(name, "Arabic") == 0,
          "ar in English: \"%s\"", name);
    CHECK(locale_language_name_in("en-GB", "it", name, sizeof name) && strcmp(name, "Inglese") == 0,
          "en-GB in Italian: \"%s\"", name);
    /* Refused, the buffer left empty: an unknown language either side, no display language,
     * a buffer too small is cut between characters. */
    CHECK(!locale_language_name_in("xx", "it", name, sizeof name) && name[0] == '\0',
          "xx named: \"%s\"", name);
    CHECK(!locale_language_name_in("ar", "xx", name, sizeof name) && name[0] == '\0',
          "named in xx: \"%s\"", name);
    CHECK(!locale_language_name_in("ar", NULL, name, sizeof name) && name[0] == '\0',
          "named in NULL: \"%s\"", name);
    char small[4];
    CHECK(!locale_language_name_in("bn", "it", small, sizeof small) && strcmp(small, "Ben") == 0,
          "cut: \"%s\"", small);
}

static void test_weekday_names(void)
{
    static const struct {
        const char *lang;
        int weekday;
        const char *name;
    } cases[] = {
        {"it", 1, "Lunedì"},   {"it", 7, "Domenica"}, {"en", 1, "Monday"}, {"en", 7, "Sunday"},
        {"fr", 3, "Mercredi"}, {"ar", 1, "الاثنين"},  {"zh", 1, "星期一"}, {"uk", 1, "Понеділок"},
        {"ro", 7, "Duminică"}, {"sq", 1, "E hënë"},   {"fa", 1, "دوشنبه"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        bool ok = locale_weekday_name(cases[i].lang, cases[i].weekday, name, sizeof name);
        CHECK(ok && strcmp(name, cases[i].name) == 0, "%s %d: \"%s\", expected \"%s\"",
              cases[i].lang, cases[i].weekday, name, cases[i].name);
    }
    static const struct {
        const char *lang;
        UScriptCode script;
    } scripts[] = {{"ar", USCRIPT_ARABIC},   {"ur", USCRIPT_ARABIC}, {"ps", USCRIPT_ARABIC},
                   {"ti", USCRIPT_ETHIOPIC}, {"zh", USCRIPT_HAN},    {"pa", USCRIPT_GURMUKHI},
                   {"bn", USCRIPT_BENGALI}};
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        for (int day = 1; day <= 7; day++) {
            char name[64];
            CHECK(locale_weekday_name(scripts[i].lang, day, name, sizeof name) &&
                      letters_in_script(name, scripts[i].script),
                  "%s %d: \"%s\" not in script %s", scripts[i].lang, day, name,
                  uscript_getName(scripts[i].script));
        }
    /* Seven different names in every language. */
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        char names[7][64];
        for (int day = 1; day <= 7; day++)
            CHECK(locale_weekday_name(kiosk_languages[i], day, names[day - 1], sizeof names[0]) &&
                      names[day - 1][0] != '\0',
                  "%s %d: no name", kiosk_languages[i], day);
        for (int a = 0; a < 7; a++)
            for (int b = a + 1; b < 7; b++)
                CHECK(strcmp(names[a], names[b]) != 0, "%s: days %d and %d both \"%s\"",
                      kiosk_languages[i], a + 1, b + 1, names[a]);
    }
}

static void test_times_use_latin_digits(void)
{
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        const char *lang = kiosk_languages[i];
        for (int minutes = 0; minutes <= 1440; minutes += 37) {
            char text[64];
            bool ok = locale_format_time(lang, minutes, text, sizeof text);
            CHECK(ok && is_valid_utf8(text), "%s %d: \"%s\"", lang, minutes, text);
            int32_t length = (int32_t)strlen(text);
            int ascii_digits = 0;
            for (int32_t at = 0; at < length;) {
                UChar32 c;
                U8_NEXT(text, at, length, c);
                if (c >= '0' && c <= '9')
                    ascii_digits++;
                else
                    CHECK(!u_isdigit(c), "%s %d: \"%s\" has digit U+%04X", lang, minutes, text,
                          (unsigned)c);
            }
            CHECK(ascii_digits >= 3, "%s %d: \"%s\" has %d digits", lang, minutes, text,
                  ascii_digits);
        }
        /* 8:30 and 20:30 show their minutes, and differ. */
        char morning[64], evening[64];
        CHECK(locale_format_time(lang, 8 * 60 + 30, morning, sizeof morning) &&
                  strstr(morning, "8:30") != NULL,
              "%s 8:30: \"%s\"", lang, morning);
        CHECK(locale_format_time(lang, 20 * 60 + 30, evening, sizeof evening) &&
                  strstr(evening, ":30") != NULL && strcmp(morning, evening) != 0,
              "%s 20:30: \"%s\" (8:30 is \"%s\")", lang, evening, morning);
    }
    static const struct {
        const char *lang;
        int minutes;
        const char *text;
    } exact[] = {
        {"it", 8 * 60 + 30, "08:30"}, {"it", 0, "00:00"},           {"it", 20 * 60 + 5, "20:05"},
        {"fa", 8 * 60 + 30, "8:30"},  {"zh", 8 * 60 + 30, "08:30"}, {"uk", 23 * 60 + 59, "23:59"},
    };
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        char text[64];
        CHECK(locale_format_time(exact[i].lang, exact[i].minutes, text, sizeof text) &&
                  strcmp(text, exact[i].text) == 0,
              "%s %d: \"%s\", expected \"%s\"", exact[i].lang, exact[i].minutes, text,
              exact[i].text);
    }
    char text[64];
    CHECK(locale_format_time("en", 8 * 60 + 30, text, sizeof text) && starts_with(text, "8:30") &&
              strstr(text, "AM"),
          "en 8:30: \"%s\"", text);
    CHECK(locale_format_time("en", 20 * 60 + 30, text, sizeof text) && starts_with(text, "8:30") &&
              strstr(text, "PM"),
          "en 20:30: \"%s\"", text);
}

static void test_end_of_day(void)
{
    static const struct {
        const char *lang, *text;
    } cases[] = {{"it", "24:00"}, {"fr", "24:00"}, {"fa", "24:00"},
                 {"ps", "24:00"}, {"zh", "24:00"}, {"uk", "24:00"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64];
        CHECK(locale_format_time(cases[i].lang, 1440, text, sizeof text) &&
                  strcmp(text, cases[i].text) == 0,
              "%s 1440: \"%s\", expected \"%s\"", cases[i].lang, text, cases[i].text);
    }
    char text[64];
    CHECK(locale_format_time("en", 1440, text, sizeof text) && starts_with(text, "12:00") &&
              strstr(text, "AM"),
          "en 1440: \"%s\"", text);
}

/* When a fact was checked, as a month and year (or a year alone) in each
 * language, Latin digits; month 1 and 12 on the right side of a year's
 * edge. */
static void test_month_year(void)
{
    static const struct {
        const char *lang;
        int year, month;
        const char *text;
    } cases[] = {{"en", 2022, 3, "March 2022"},     {"en", 2019, 12, "December 2019"},
                 {"en", 2020, 1, "January 2020"},   {"it", 2022, 3, "marzo 2022"},
                 {"fr", 2021, 12, "décembre 2021"}, {"zh", 2022, 3, "2022年3月"},
                 {"en", 2023, 0, "2023"},           {"zh", 2023, 0, "2023年"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64];
        CHECK(locale_format_month_year(cases[i].lang, cases[i].year, cases[i].month, text,
                                       sizeof text) &&
                  strcmp(text, cases[i].text) == 0,
              "%s %d-%d: \"%s\", expected \"%s\"", cases[i].lang, cases[i].year, cases[i].month,
              text, cases[i].text);
    }
    char text[64];
    CHECK(locale_format_month_year("uk", 2022, 3, text, sizeof text) && strstr(text, "берез") &&
              strstr(text, "2022"),
          "uk 2022-3: \"%s\"", text);
    CHECK(locale_format_month_year("ar", 2022, 3, text, sizeof text) && strstr(text, "2022"),
          "ar 2022-3 in Latin digits: \"%s\"", text);
    CHECK(!locale_format_month_year("en", 2022, 13, text, sizeof text) && text[0] == '\0',
          "month 13 refused: \"%s\"", text);
}

/* Every pair of `sorted` in order under the collator. */
static void check_sorted(const locale_collator *c, const char *lang, const char *const *sorted,
                         size_t count)
{
    for (size_t a = 0; a < count; a++) {
        CHECK(locale_collate(c, sorted[a], sorted[a]) == 0, "%s: \"%s\" != itself", lang,
              sorted[a]);
        for (size_t b = a + 1; b < count; b++) {
            CHECK(locale_collate(c, sorted[a], sorted[b]) < 0, "%s: \"%s\" not before \"%s\"", lang,
                  sorted[a], sorted[b]);
            CHECK(locale_collate(c, sorted[b], sorted[a]) > 0, "%s: \"%s\" not after \"%s\"", lang,
                  sorted[b], sorted[a]);
        }
    }
}

static void test_collation(void)
{
    /* strcmp would put "università" after "Via" and "città" after "cittadino". */
    static const char *const italian[] = {"città",   "cittadino",  "Comune",     "Èrba",
                                          "Ufficio", "università", "Università", "Via"};
    /* Romanian: ș is a letter after s (root collation puts "șa" before "sz"). */
    static const char *const romanian[] = {"sat", "sz", "șa", "ta", "țară", "uşă"};
    /* Arabic: alphabetical, and Arabic script before Latin (CLDR's [reorder Arab]). */
    static const char *const arabic[] = {"باب", "تفاح", "ثلج", "جمل", "Roma", "Zebra"};
    static const struct {
        const char *lang;
        const char *const *sorted;
        size_t count;
    } cases[] = {
        {"it", italian, sizeof italian / sizeof italian[0]},
        {"ro", romanian, sizeof romanian / sizeof romanian[0]},
        {"ar", arabic, sizeof arabic / sizeof arabic[0]},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        locale_collator *c = locale_collator_open(cases[i].lang);
        CHECK(c != NULL, "no collator for %s", cases[i].lang);
        if (c)
            check_sorted(c, cases[i].lang, cases[i].sorted, cases[i].count);
        locale_collator_close(c);
    }
    /* Every kiosk language has a collator; NULL strings compare as "". */
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        locale_collator *c = locale_collator_open(kiosk_languages[i]);
        CHECK(c != NULL, "no collator for %s", kiosk_languages[i]);
        CHECK(locale_collate(c, NULL, "a") < 0 && locale_collate(c, NULL, "") == 0,
              "%s: NULL is not \"\"", kiosk_languages[i]);
        CHECK(locale_collate(c, "a\xff", "a\xfe") == 0, "%s: ill-formed bytes differ",
              kiosk_languages[i]);
        locale_collator_close(c);
    }
}

static void test_unknown_language(void)
{
    log_counter counter = {0};
    log_set_sink(count_log, &counter);
    char buffer[32];
    static const char *const unknown[] = {"xx", "", "1", "it;rm"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        const char *lang = unknown[i];
        CHECK(!locale_is_known(lang), "\"%s\" is known", lang);
        int before = counter.count;
        memset(buffer, 'z', sizeof buffer);
        CHECK(!locale_language_name(lang, buffer, sizeof buffer) && buffer[0] == '\0',
              "\"%s\" has a name: \"%.31s\"", lang, buffer);
        memset(buffer, 'z', sizeof buffer);
        CHECK(!locale_weekday_name(lang, 1, buffer, sizeof buffer) && buffer[0] == '\0',
              "\"%s\" has a Monday: \"%.31s\"", lang, buffer);
        memset(buffer, 'z', sizeof buffer);
        CHECK(!locale_format_time(lang, 600, buffer, sizeof buffer) && buffer[0] == '\0',
              "\"%s\" has a time: \"%.31s\"", lang, buffer);
        locale_collator *c = locale_collator_open(lang);
        CHECK(c == NULL, "\"%s\" has a collator", lang);
        locale_collator_close(c);
        CHECK(counter.count >= before + 4, "\"%s\": %d failures logged, expected 4", lang,
              counter.count - before);
    }
    CHECK(!locale_is_known(NULL) && !locale_language_name(NULL, buffer, sizeof buffer) &&
              locale_collator_open(NULL) == NULL,
          "NULL language accepted");
    /* Callers fall back to strcmp; locale_collate does it for them with NULL. */
    CHECK(locale_collate(NULL, "b", "a") > 0 && locale_collate(NULL, "città", "cittadino") > 0,
          "NULL collator is not strcmp");
    /* Out-of-range arguments for a known language. */
    int before = counter.count;
    CHECK(!locale_weekday_name("it", 0, buffer, sizeof buffer), "weekday 0 accepted");
    CHECK(!locale_weekday_name("it", 8, buffer, sizeof buffer), "weekday 8 accepted");
    CHECK(!locale_format_time("it", -1, buffer, sizeof buffer), "minute -1 accepted");
    CHECK(!locale_format_time("it", 1441, buffer, sizeof buffer), "minute 1441 accepted");
    CHECK(!locale_language_name("it", NULL, 10), "NULL buffer accepted");
    CHECK(counter.count == before + 5, "%d failures logged, expected 5", counter.count - before);
    CHECK(locale_is_known("it") && locale_is_known("fa") && locale_is_known("en-GB"),
          "known languages not known");
    log_set_sink(NULL, NULL);
}

typedef bool (*text_function)(const char *lang, char *buffer, size_t size);

static bool weekday_monday(const char *lang, char *buffer, size_t size)
{
    return locale_weekday_name(lang, 1, buffer, size);
}

static bool time_20_30(const char *lang, char *buffer, size_t size)
{
    return locale_format_time(lang, 20 * 60 + 30, buffer, size);
}

/* Every size from 0 to the whole text: nothing written past `size`, NUL-terminated, a prefix of
 * the whole text made of whole code points, true only when nothing was cut. */
static void check_every_size(const char *lang, const char *what, text_function function)
{
    char whole[128];
    CHECK(function(lang, whole, sizeof whole), "%s %s: no text", lang, what);
    size_t length = strlen(whole);
    for (size_t size = 0; size <= length + 1; size++) {
        char buffer[160];
        memset(buffer, 0x7f, sizeof buffer);
        bool ok = function(lang, buffer, size);
        for (size_t i = size; i < sizeof buffer; i++)
            if (buffer[i] != 0x7f) {
                CHECK(false, "%s %s size %zu: byte %zu written", lang, what, size, i);
                break;
            }
        if (size == 0) {
            CHECK(!ok, "%s %s size 0 returned true", lang, what);
            continue;
        }
        size_t got = strnlen(buffer, size);
        CHECK(got < size, "%s %s size %zu: not NUL-terminated", lang, what, size);
        if (got >= size)
            continue;
        CHECK(ok == (size > length), "%s %s size %zu: returned %d", lang, what, size, ok);
        CHECK(strncmp(buffer, whole, got) == 0 && is_valid_utf8(buffer),
              "%s %s size %zu: \"%s\" is not a whole-character prefix of \"%s\"", lang, what, size,
              buffer, whole);
        /* Cut between characters: the next byte of the whole text starts a character. */
        CHECK(got == length || ((unsigned char)whole[got] & 0xC0) != 0x80,
              "%s %s size %zu: cut inside a character", lang, what, size);
    }
}

static void test_small_buffers(void)
{
    log_counter counter = {0};
    log_set_sink(count_log, &counter);
    for (size_t i = 0; i < LANGUAGE_COUNT; i++) {
        check_every_size(kiosk_languages[i], "name", locale_language_name);
        check_every_size(kiosk_languages[i], "monday", weekday_monday);
        check_every_size(kiosk_languages[i], "time", time_20_30);
    }
    /* The sizes the brief names, on texts of 2- and 3-byte characters. */
    char buffer[8];
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("fr", buffer, 3) && strcmp(buffer, "Fr") == 0, "fr 3: \"%s\"",
          buffer);
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("ar", buffer, 3) && strcmp(buffer, "\xd8\xa7") == 0, "ar 3: \"%s\"",
          buffer); /* ا, two bytes */
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("zh", buffer, 3) && buffer[0] == '\0' && buffer[1] == 'z',
          "zh 3: \"%s\"", buffer); /* 中 is three bytes: nothing fits */
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("uk", buffer, 1) && buffer[0] == '\0' && buffer[1] == 'z', "uk 1");
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("uk", buffer, 0) && buffer[0] == 'z', "uk 0 wrote");
    CHECK(!locale_language_name("uk", NULL, 0), "uk NULL 0");
    /* A Gurmukhi vowel sign stays with its consonant: ਪੰ (6 bytes) is one grapheme cluster. */
    memset(buffer, 'z', sizeof buffer);
    CHECK(!locale_language_name("pa", buffer, 6) && buffer[0] == '\0', "pa 6: \"%s\"", buffer);
    CHECK(!locale_language_name("pa", buffer, 7) && strcmp(buffer, "ਪੰ") == 0, "pa 7: \"%s\"",
          buffer);
    CHECK(counter.count > 0, "cut texts were not logged");
    log_set_sink(NULL, NULL);
}

/* ---- hours ---- */

#define HM(h, m) ((h)*60 + (m))

static const char *state_name(hours_state state)
{
    switch (state) {
    case HOURS_UNKNOWN:
        return "UNKNOWN";
    case HOURS_OPEN:
        return "OPEN";
    case HOURS_OPENS_LATER:
        return "OPENS_LATER";
    case HOURS_OPENS_ON:
        return "OPENS_ON";
    case HOURS_CLOSED:
        return "CLOSED";
    }
    return "?";
}

#define CHECK_STATUS(status, expected_state, expected_weekday, expected_minutes, expected_days)    \
    do {                                                                                           \
        hours_status got_ = (status);                                                              \
        CHECK(got_.state == (expected_state) && got_.weekday == (expected_weekday) &&              \
                  got_.minutes == (expected_minutes) && got_.days_ahead == (expected_days),        \
              "got %s weekday %d minutes %d days %d, expected %s %d %d %d",                        \
              state_name(got_.state), got_.weekday, got_.minutes, got_.days_ahead,                 \
              state_name(expected_state), (expected_weekday), (expected_minutes),                  \
              (expected_days));                                                                    \
    } while (0)

/* Monday to Friday 8:30-12:30 and 14:00-16:00, Saturday 9:00-12:00, listed out of order. */
static const hours_range office[] = {
    {5, HM(14, 0), HM(16, 0)}, {1, HM(8, 30), HM(12, 30)}, {6, HM(9, 0), HM(12, 0)},
    {2, HM(14, 0), HM(16, 0)}, {3, HM(8, 30), HM(12, 30)}, {1, HM(14, 0), HM(16, 0)},
    {4, HM(14, 0), HM(16, 0)}, {2, HM(8, 30), HM(12, 30)}, {4, HM(8, 30), HM(12, 30)},
    {3, HM(14, 0), HM(16, 0)}, {5, HM(8, 30), HM(12, 30)},
};
#define OFFICE_COUNT (sizeof office / sizeof office[0])

static hours_now at(int year, int month, int day, int weekday, int minute)
{
    return (hours_now){year, month, day, weekday, minute};
}

static void test_open_now_closes_at(void)
{
    /* Tuesday 2 June 2026. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 2, 2, HM(10, 0))),
                 HOURS_OPEN, 2, HM(12, 30), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 2, 2, HM(8, 30))),
                 HOURS_OPEN, 2, HM(12, 30), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 2, 2, HM(12, 29))),
                 HOURS_OPEN, 2, HM(12, 30), 0);
    /* Touching and overlapping ranges are one opening. */
    static const hours_range touching[] = {
        {3, HM(12, 0), HM(16, 0)}, {3, HM(8, 0), HM(12, 0)}, {3, HM(15, 0), HM(17, 30)}};
    CHECK_STATUS(hours_status_at(touching, 3, NULL, 0, at(2026, 6, 3, 3, HM(9, 0))), HOURS_OPEN, 3,
                 HM(17, 30), 0);
}

static void test_opens_later_today(void)
{
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 2, 2, HM(7, 0))),
                 HOURS_OPENS_LATER, 2, HM(8, 30), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 2, 2, 0)),
                 HOURS_OPENS_LATER, 2, HM(8, 30), 0);
    /* Saturday before 9:00. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 5, 30, 6, HM(8, 59))),
                 HOURS_OPENS_LATER, 6, HM(9, 0), 0);
}

static void test_opens_on_next_weekday_across_week_end(void)
{
    /* Saturday 30 May 2026, evening: Monday 1 June at 8:30. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 5, 30, 6, HM(18, 0))),
                 HOURS_OPENS_ON, 1, HM(8, 30), 2);
    /* Sunday: Monday. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 5, 31, 7, HM(11, 0))),
                 HOURS_OPENS_ON, 1, HM(8, 30), 1);
    /* Friday after 16:00: Saturday at 9:00. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 5, 29, 5, HM(16, 0))),
                 HOURS_OPENS_ON, 6, HM(9, 0), 1);
    /* Open on Monday mornings only, Monday afternoon: next Monday, a week ahead. */
    static const hours_range monday[] = {{1, HM(9, 0), HM(12, 0)}};
    CHECK_STATUS(hours_status_at(monday, 1, NULL, 0, at(2026, 6, 1, 1, HM(13, 0))), HOURS_OPENS_ON,
                 1, HM(9, 0), 7);
}

static void test_closure_dates(void)
{
    static const hours_range weekdays[] = {{1, HM(9, 0), HM(13, 0)},
                                           {2, HM(9, 0), HM(13, 0)},
                                           {3, HM(9, 0), HM(13, 0)},
                                           {4, HM(9, 0), HM(13, 0)},
                                           {5, HM(9, 0), HM(13, 0)}};
    static const char *const new_year[] = {"2027-01-01", "2026-12-31"};
    /* Wednesday 30 December 2026 evening: without closures Thursday, with them Monday 4 January. */
    CHECK_STATUS(hours_status_at(weekdays, 5, NULL, 0, at(2026, 12, 30, 3, HM(18, 0))),
                 HOURS_OPENS_ON, 4, HM(9, 0), 1);
    CHECK_STATUS(hours_status_at(weekdays, 5, new_year, 2, at(2026, 12, 30, 3, HM(18, 0))),
                 HOURS_OPENS_ON, 1, HM(9, 0), 5);
    /* On a closure date itself, during the usual hours. */
    CHECK_STATUS(hours_status_at(weekdays, 5, new_year, 2, at(2026, 12, 31, 4, HM(10, 0))),
                 HOURS_OPENS_ON, 1, HM(9, 0), 4);
    /* End of November into December: closure 1 December 2026 (Tuesday). */
    static const char *const december_first[] = {"2026-12-01"};
    CHECK_STATUS(hours_status_at(weekdays, 5, december_first, 1, at(2026, 11, 30, 1, HM(14, 0))),
                 HOURS_OPENS_ON, 3, HM(9, 0), 2);
    /* Leap day: Monday 28 February 2028, closed Tuesday 29: Wednesday 1 March. */
    static const char *const leap_day[] = {"2028-02-29"};
    CHECK_STATUS(hours_status_at(weekdays, 5, leap_day, 1, at(2028, 2, 28, 1, HM(14, 0))),
                 HOURS_OPENS_ON, 3, HM(9, 0), 2);
    /* 2100 is no leap year: Sunday 28 February 2100, Monday is 1 March. */
    static const char *const march_first_2100[] = {"2100-03-01"};
    CHECK_STATUS(hours_status_at(weekdays, 5, march_first_2100, 1, at(2100, 2, 28, 7, HM(14, 0))),
                 HOURS_OPENS_ON, 2, HM(9, 0), 2);
    /* 2000 is one (divisible by 400): Monday 28 February 2000, closed Tuesday 29. */
    static const char *const leap_day_2000[] = {"2000-02-29"};
    CHECK_STATUS(hours_status_at(weekdays, 5, leap_day_2000, 1, at(2000, 2, 28, 1, HM(14, 0))),
                 HOURS_OPENS_ON, 3, HM(9, 0), 2);
    /* Open on Thursdays only and closed on the next one: nothing in the next 7 days. */
    static const hours_range thursday[] = {{4, HM(9, 0), HM(13, 0)}};
    CHECK_STATUS(hours_status_at(thursday, 1, new_year, 2, at(2026, 12, 30, 3, HM(18, 0))),
                 HOURS_CLOSED, 0, 0, 0);
}

static void test_without_ranges(void)
{
    CHECK_STATUS(hours_status_at(NULL, 0, NULL, 0, at(2026, 6, 2, 2, HM(10, 0))), HOURS_UNKNOWN, 0,
                 0, 0);
    CHECK_STATUS(hours_status_at(office, 0, NULL, 0, at(2026, 6, 2, 2, HM(10, 0))), HOURS_UNKNOWN,
                 0, 0, 0);
    static const char *const closure[] = {"2026-06-02"};
    CHECK_STATUS(hours_status_at(NULL, 0, closure, 1, at(2026, 6, 2, 2, HM(10, 0))), HOURS_UNKNOWN,
                 0, 0, 0);
}

static void test_two_ranges_and_lunch_break(void)
{
    /* Thursday 4 June 2026. */
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 4, 4, HM(12, 30))),
                 HOURS_OPENS_LATER, 4, HM(14, 0), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 4, 4, HM(13, 15))),
                 HOURS_OPENS_LATER, 4, HM(14, 0), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 4, 4, HM(14, 0))),
                 HOURS_OPEN, 4, HM(16, 0), 0);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, at(2026, 6, 4, 4, HM(16, 0))),
                 HOURS_OPENS_ON, 5, HM(8, 30), 1);
}

static void test_across_midnight(void)
{
    /* Friday 20:00-24:00 and Saturday 0:00-2:00 are one night. */
    static const hours_range night[] = {{6, 0, HM(2, 0)}, {5, HM(20, 0), 1440}};
    CHECK_STATUS(hours_status_at(night, 2, NULL, 0, at(2026, 5, 29, 5, HM(23, 0))), HOURS_OPEN, 6,
                 HM(2, 0), 1);
    CHECK_STATUS(hours_status_at(night, 2, NULL, 0, at(2026, 5, 30, 6, HM(1, 0))), HOURS_OPEN, 6,
                 HM(2, 0), 0);
    CHECK_STATUS(hours_status_at(night, 2, NULL, 0, at(2026, 5, 30, 6, HM(3, 0))), HOURS_OPENS_ON,
                 5, HM(20, 0), 6);
    /* Without the Saturday range, or with Saturday closed, it closes at 24:00 on Friday. */
    CHECK_STATUS(hours_status_at(night + 1, 1, NULL, 0, at(2026, 5, 29, 5, HM(23, 0))), HOURS_OPEN,
                 5, 1440, 0);
    static const char *const saturday[] = {"2026-05-30"};
    CHECK_STATUS(hours_status_at(night, 2, saturday, 1, at(2026, 5, 29, 5, HM(23, 0))), HOURS_OPEN,
                 5, 1440, 0);
    /* Open day and night every day: no closing in the next 7 days. */
    hours_range always[7];
    for (int day = 1; day <= 7; day++)
        always[day - 1] = (hours_range){day, 0, 1440};
    CHECK_STATUS(hours_status_at(always, 7, NULL, 0, at(2026, 5, 29, 5, HM(23, 0))), HOURS_OPEN, 0,
                 -1, 0);
    /* ... unless a closure date is near: closes at 24:00 the day before. */
    CHECK_STATUS(hours_status_at(always, 7, saturday, 1, at(2026, 5, 27, 3, HM(10, 0))), HOURS_OPEN,
                 5, 1440, 2);
}

static void test_invalid_input(void)
{
    log_counter counter = {0};
    log_set_sink(count_log, &counter);
    /* Impossible dates, weekdays and minutes: unknown, logged. */
    hours_now bad[] = {at(2027, 2, 29, 1, 600), at(2026, 13, 1, 1, 600), at(2026, 6, 2, 8, 600),
                       at(2026, 6, 2, 0, 600),  at(2026, 6, 2, 2, 1440), at(2026, 6, 2, 2, -1),
                       at(2026, 4, 31, 4, 600)};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int before = counter.count;
        CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 0, bad[i]), HOURS_UNKNOWN, 0, 0,
                     0);
        CHECK(counter.count == before + 1, "bad time %zu not logged", i);
    }
    /* A bad range is ignored (and logged); the good one still counts. */
    static const hours_range mixed[] = {{2, HM(12, 0), HM(10, 0)},
                                        {2, HM(9, 0), HM(11, 0)},
                                        {9, HM(9, 0), HM(17, 0)},
                                        {2, HM(9, 0), 1441},
                                        {2, -5, HM(17, 0)}};
    int before = counter.count;
    CHECK_STATUS(hours_status_at(mixed, 5, NULL, 0, at(2026, 6, 2, 2, HM(10, 30))), HOURS_OPEN, 2,
                 HM(11, 0), 0);
    CHECK(counter.count == before + 4, "%d bad ranges logged, expected 4", counter.count - before);
    /* Only bad ranges: unknown. */
    CHECK_STATUS(hours_status_at(mixed, 1, NULL, 0, at(2026, 6, 2, 2, HM(10, 30))), HOURS_UNKNOWN,
                 0, 0, 0);
    /* Bad closure dates are ignored (and logged); the good one still closes Tuesday. */
    static const char *const closures[] = {"2026-6-02", "2026-06-31",  NULL,        "02/06/2026",
                                           "",          "2026-06-02x", "2026-06-02"};
    before = counter.count;
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, closures, 7, at(2026, 6, 2, 2, HM(10, 0))),
                 HOURS_OPENS_ON, 3, HM(8, 30), 1);
    CHECK(counter.count == before + 6, "%d bad closures logged, expected 6",
          counter.count - before);
    CHECK_STATUS(hours_status_at(office, OFFICE_COUNT, NULL, 3, at(2026, 6, 2, 2, HM(10, 0))),
                 HOURS_OPEN, 2, HM(12, 30), 0);
    log_set_sink(NULL, NULL);
}

static void test_now_from_tm(void)
{
    /* Sunday 27 December 2026, 9:45 UTC: gmtime_r fills the same fields localtime_r does. */
    time_t when = (time_t)1798364700;
    struct tm tm;
    CHECK(gmtime_r(&when, &tm) != NULL, "gmtime_r failed");
    hours_now now = hours_now_from_tm(&tm);
    CHECK(now.year == 2026 && now.month == 12 && now.day == 27 && now.weekday == 7 &&
              now.minute == HM(9, 45),
          "got %d-%d-%d weekday %d minute %d", now.year, now.month, now.day, now.weekday,
          now.minute);
    tm.tm_wday = 1;
    CHECK(hours_now_from_tm(&tm).weekday == 1, "Monday is not 1");
    hours_now none = hours_now_from_tm(NULL);
    CHECK(none.year == 0 && none.weekday == 0, "NULL tm gave a date");
}

typedef struct named_test {
    const char *name;
    void (*run)(void);
} named_test;

static const named_test tests[] = {
    {"locale_icu_ids_map_kiosk_codes_with_latin_digits", test_icu_ids_map_kiosk_codes},
    {"locale_language_names_are_endonyms_in_own_script", test_language_names},
    {"locale_language_names_in_italian_for_the_desk_staff", test_language_names_in_italian},
    {"locale_weekday_names_from_icu", test_weekday_names},
    {"locale_times_use_latin_digits_in_every_language", test_times_use_latin_digits},
    {"locale_end_of_day_prints_24_00_on_24_hour_clocks", test_end_of_day},
    {"locale_month_and_year_of_a_date_in_each_language", test_month_year},
    {"locale_collation_sorts_italian_accents_and_arabic", test_collation},
    {"locale_unknown_language_fails_and_logs", test_unknown_language},
    {"locale_small_buffers_cut_between_characters", test_small_buffers},
    {"hours_open_now_closes_at", test_open_now_closes_at},
    {"hours_opens_later_today", test_opens_later_today},
    {"hours_opens_on_next_weekday_across_week_end", test_opens_on_next_weekday_across_week_end},
    {"hours_closure_date_skips_a_day_across_month_and_year_end", test_closure_dates},
    {"hours_without_ranges_are_unknown", test_without_ranges},
    {"hours_two_ranges_a_day_and_lunch_break", test_two_ranges_and_lunch_break},
    {"hours_across_midnight", test_across_midnight},
    {"hours_invalid_input_is_ignored_and_logged", test_invalid_input},
    {"hours_now_from_tm_counts_sunday_as_7", test_now_from_tm},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEST_NAME\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (strcmp(argv[1], tests[i].name) == 0) {
            tests[i].run();
            u_cleanup();
            return check_failures == 0 ? 0 : 1;
        }
    }
    fprintf(stderr, "unknown test %s\n", argv[1]);
    return 2;
}
