/* locale_info.c - see locale_info.h.  Thin calls into ICU's C API: uloc for ids, uldn for
 * language names, udat/udatpg for weekdays and times, ucol for sorting, ucasemap for the
 * capital letter of a menu item, ubrk to cut text between grapheme clusters. */
#include "locale_info.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "log.h"

/* Longest language tag we accept; kiosk codes are 2-3 letters, BCP 47 tags with a region or
 * script a dozen. */
#define LOCALE_TAG_MAX 64
/* ICU ids, names, weekdays and times are short; longer results are ICU errors (logged). */
#define LOCALE_TEXT_MAX 256

struct locale_collator {
    UCollator *collator;
};

/* Kiosk codes whose plain ICU locale is not the one the kiosk means.  `name_id` is what
 * uldn names with dialect names on: ICU's fa_AF calls fa_AF "دری" (Dari) but plain fa
 * "فارسی"; Chinese and Punjabi are named by their language alone ("中文", "ਪੰਜਾਬੀ"), since their
 * dialect names add the script in brackets. */
typedef struct locale_alias {
    const char *code;
    const char *icu_id;
    const char *name_id;
} locale_alias;

static const locale_alias locale_aliases[] = {
    {"fa", "fa_AF", "fa_AF"},
    {"zh", "zh_Hans", "zh"},
    {"pa", "pa_Guru", "pa"},
};

static const locale_alias *find_alias(const char *canonical_id)
{
    for (size_t i = 0; i < sizeof locale_aliases / sizeof locale_aliases[0]; i++)
        if (strcmp(locale_aliases[i].code, canonical_id) == 0)
            return &locale_aliases[i];
    return NULL;
}

static bool icu_failed(UErrorCode status, const char *what, const char *lang)
{
    if (U_SUCCESS(status))
        return false;
    log_message(LOG_ERROR, "locale", "%s for \"%s\": %s", what, lang, u_errorName(status));
    return true;
}

static void clear_buffer(char *buffer, size_t size)
{
    if (buffer && size > 0)
        buffer[0] = '\0';
}

/* The canonical ICU id of a BCP 47 tag ("en-GB" -> "en_GB"), without keywords.  Underscores
 * are read as hyphens, so "pa_Guru" works too.  Logs nothing: callers decide. */
static bool canonical_id(const char *lang, char *id, size_t size)
{
    if (!lang || !lang[0])
        return false;
    size_t length = strlen(lang);
    if (length >= LOCALE_TAG_MAX)
        return false;
    char tag[LOCALE_TAG_MAX];
    for (size_t i = 0; i <= length; i++) {
        char c = lang[i];
        bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '\0';
        if (!allowed)
            return false;
        tag[i] = c == '_' ? '-' : c;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    int32_t written = uloc_forLanguageTag(tag, id, (int32_t)size, &parsed, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || written <= 0 ||
        parsed != (int32_t)length)
        return false;
    /* "und" and private-use tags have no language for ICU to describe. */
    char language[ULOC_LANG_CAPACITY];
    status = U_ZERO_ERROR;
    uloc_getLanguage(id, language, (int32_t)sizeof language, &status);
    return U_SUCCESS(status) && language[0] != '\0' && strcmp(language, "und") != 0;
}

const char *locale_icu_id(const char *lang, char *buffer, size_t size)
{
    char id[ULOC_FULLNAME_CAPACITY];
    if (!buffer || size == 0) {
        log_message(LOG_ERROR, "locale", "no buffer for the ICU id of \"%s\"", lang ? lang : "");
        return NULL;
    }
    buffer[0] = '\0';
    if (!canonical_id(lang, id, sizeof id)) {
        log_message(LOG_WARNING, "locale", "\"%s\" is not a language tag", lang ? lang : "(null)");
        return NULL;
    }
    const locale_alias *alias = find_alias(id);
    if (alias)
        snprintf(id, sizeof id, "%s", alias->icu_id);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uloc_setKeywordValue("numbers", "latn", id, (int32_t)sizeof id, &status);
    if (icu_failed(status, "uloc_setKeywordValue", lang))
        return NULL;
    if ((size_t)length >= size) {
        log_message(LOG_ERROR, "locale", "ICU id \"%s\" does not fit in %zu bytes", id, size);
        return NULL;
    }
    memcpy(buffer, id, (size_t)length + 1);
    return buffer;
}

/* Whether one of ICU's available locales has `language` as its language. */
static bool icu_has_language(const char *language)
{
    size_t length = strlen(language);
    int32_t count = uloc_countAvailable();
    for (int32_t i = 0; i < count; i++) {
        const char *available = uloc_getAvailable(i);
        if (available && strncmp(available, language, length) == 0 &&
            (available[length] == '\0' || available[length] == '_'))
            return true;
    }
    return false;
}

bool locale_is_known(const char *lang)
{
    char id[ULOC_FULLNAME_CAPACITY];
    char language[ULOC_LANG_CAPACITY];
    if (!canonical_id(lang, id, sizeof id))
        return false;
    UErrorCode status = U_ZERO_ERROR;
    uloc_getLanguage(id, language, (int32_t)sizeof language, &status);
    return U_SUCCESS(status) && icu_has_language(language);
}

/* The ICU id for `lang` if ICU knows the language; logs why not. */
static bool known_icu_id(const char *lang, char *id, size_t size)
{
    if (!locale_is_known(lang)) {
        log_message(LOG_WARNING, "locale", "ICU has no data for language \"%s\"",
                    lang ? lang : "(null)");
        return false;
    }
    return locale_icu_id(lang, id, size) != NULL;
}

/* Copies `length` bytes of UTF-8 `text` into `buffer`, cut at the last grapheme cluster
 * boundary (UAX #29) that fits when it does not fit whole.  Returns true when nothing was cut. */
static bool copy_cut_utf8(const char *text, size_t length, char *buffer, size_t size)
{
    if (size == 0) {
        log_message(LOG_WARNING, "locale", "text of %zu bytes given a buffer of 0 bytes", length);
        return false;
    }
    if (length < size) {
        memcpy(buffer, text, length);
        buffer[length] = '\0';
        return true;
    }
    /* Here size <= length, and length came from a int32_t ICU result. */
    int32_t cut = 0;
    UErrorCode status = U_ZERO_ERROR;
    UText *utext = utext_openUTF8(NULL, text, (int64_t)length, &status);
    UBreakIterator *graphemes = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
    if (U_SUCCESS(status))
        ubrk_setUText(graphemes, utext, &status);
    if (U_SUCCESS(status)) {
        /* Walk forward: ubrk_preceding() would first move an offset inside a character back to
         * that character's start and then skip the boundary there. */
        for (int32_t next = ubrk_first(graphemes); next != UBRK_DONE && next < (int32_t)size;
             next = ubrk_next(graphemes))
            cut = next;
    } else {
        /* Without a break iterator, at least never split a UTF-8 sequence. */
        log_message(LOG_WARNING, "locale", "grapheme break iterator: %s", u_errorName(status));
        cut = (int32_t)size - 1;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    ubrk_close(graphemes);
    utext_close(utext);
    memcpy(buffer, text, (size_t)cut);
    buffer[cut] = '\0';
    log_message(LOG_WARNING, "locale", "text of %zu bytes cut to %d to fit %zu bytes", length,
                (int)cut, size);
    return false;
}

/* Writes ICU's UTF-16 `text` as UTF-8 into the caller's buffer, with its first cased letter
 * titlecased in the rules of `id` when `capitalise` (a menu item, a table header). */
static bool write_text(const UChar *text, int32_t length, const char *id, bool capitalise,
                       const char *lang, char *buffer, size_t size)
{
    char utf8[LOCALE_TEXT_MAX * 3 + 1];
    char titled[sizeof utf8];
    UErrorCode status = U_ZERO_ERROR;
    int32_t utf8_length = 0;
    u_strToUTF8(utf8, (int32_t)sizeof utf8, &utf8_length, text, length, &status);
    if (icu_failed(status, "u_strToUTF8", lang)) {
        clear_buffer(buffer, size);
        return false;
    }
    const char *result = utf8;
    int32_t result_length = utf8_length;
    if (capitalise) {
        /* WHOLE_STRING + NO_LOWERCASE: only the first cased letter changes ("e hënë" ->
         * "E hënë"); scripts without case are left as they are. */
        UCaseMap *casemap =
            ucasemap_open(id, U_TITLECASE_WHOLE_STRING | U_TITLECASE_NO_LOWERCASE, &status);
        if (U_SUCCESS(status))
            result_length = ucasemap_utf8ToTitle(casemap, titled, (int32_t)sizeof titled, utf8,
                                                 utf8_length, &status);
        ucasemap_close(casemap);
        if (icu_failed(status, "ucasemap_utf8ToTitle", lang)) {
            clear_buffer(buffer, size);
            return false;
        }
        result = titled;
    }
    return copy_cut_utf8(result, (size_t)result_length, buffer, size);
}

/* Checks the output buffer shared by every text function; logs a bad one. */
static bool buffer_usable(const char *what, const char *buffer, size_t size)
{
    if (!buffer && size > 0) {
        log_message(LOG_ERROR, "locale", "%s: NULL buffer of %zu bytes", what, size);
        return false;
    }
    return true;
}

/* The name of the language `lang` in the language `display` (an ICU id), as a menu item. */
static bool language_name(const char *what, const char *lang, const char *display, char *buffer,
                          size_t size)
{
    char id[ULOC_FULLNAME_CAPACITY];
    char display_id[ULOC_FULLNAME_CAPACITY];
    char name_id[ULOC_FULLNAME_CAPACITY];
    if (!buffer_usable(what, buffer, size))
        return false;
    clear_buffer(buffer, size);
    if (!known_icu_id(lang, id, sizeof id) || !canonical_id(lang, name_id, sizeof name_id) ||
        !known_icu_id(display ? display : lang, display_id, sizeof display_id))
        return false;
    /* Name the language, not the region or script the tag may carry ("en-GB" -> "English"),
     * except where an alias says which dialect the kiosk means. */
    const locale_alias *alias = find_alias(name_id);
    UErrorCode status = U_ZERO_ERROR;
    if (alias)
        snprintf(name_id, sizeof name_id, "%s", alias->name_id);
    else
        uloc_getLanguage(id, name_id, (int32_t)sizeof name_id, &status);
    if (icu_failed(status, "uloc_getLanguage", lang))
        return false;

    UDisplayContext contexts[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU,
                                  UDISPCTX_DIALECT_NAMES};
    ULocaleDisplayNames *names = uldn_openForContext(
        display_id, contexts, (int32_t)(sizeof contexts / sizeof contexts[0]), &status);
    UChar name[LOCALE_TEXT_MAX];
    int32_t length = 0;
    if (U_SUCCESS(status))
        length = uldn_localeDisplayName(names, name_id, name, LOCALE_TEXT_MAX, &status);
    uldn_close(names);
    if (icu_failed(status, "uldn_localeDisplayName", lang) ||
        status == U_STRING_NOT_TERMINATED_WARNING) {
        clear_buffer(buffer, size);
        return false;
    }
    return write_text(name, length, display_id, true, lang, buffer, size);
}

bool locale_language_name(const char *lang, char *buffer, size_t size)
{
    return language_name("locale_language_name", lang, NULL, buffer, size);
}

bool locale_language_name_in(const char *lang, const char *display, char *buffer, size_t size)
{
    if (!display) {
        log_message(LOG_ERROR, "locale", "locale_language_name_in: no language to name it in");
        if (buffer_usable("locale_language_name_in", buffer, size))
            clear_buffer(buffer, size);
        return false;
    }
    return language_name("locale_language_name_in", lang, display, buffer, size);
}

bool locale_weekday_name(const char *lang, int weekday, char *buffer, size_t size)
{
    char id[ULOC_FULLNAME_CAPACITY];
    if (!buffer_usable("locale_weekday_name", buffer, size))
        return false;
    clear_buffer(buffer, size);
    if (weekday < 1 || weekday > 7) {
        log_message(LOG_ERROR, "locale", "weekday %d is not 1 (Monday) .. 7 (Sunday)", weekday);
        return false;
    }
    if (!known_icu_id(lang, id, sizeof id))
        return false;
    /* ICU counts UCAL_SUNDAY = 1 .. UCAL_SATURDAY = 7. */
    int32_t icu_day = weekday == 7 ? UCAL_SUNDAY : UCAL_MONDAY + (weekday - 1);
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format = udat_open(UDAT_NONE, UDAT_DEFAULT, id, NULL, 0, NULL, 0, &status);
    UChar name[LOCALE_TEXT_MAX];
    int32_t length = 0;
    if (U_SUCCESS(status))
        length = udat_getSymbols(format, UDAT_STANDALONE_WEEKDAYS, icu_day, name, LOCALE_TEXT_MAX,
                                 &status);
    udat_close(format);
    if (icu_failed(status, "udat_getSymbols", lang) || status == U_STRING_NOT_TERMINATED_WARNING ||
        length <= 0) {
        clear_buffer(buffer, size);
        return false;
    }
    return write_text(name, length, id, true, lang, buffer, size);
}

/* For the end of the day: hour field H (0-23) becomes k (1-24), so midnight prints as 24:00.
 * Quoted literals ('h' in "H 'h' mm") are left alone. */
static void use_hour_24_for_midnight(UChar *pattern, int32_t length)
{
    bool quoted = false;
    for (int32_t i = 0; i < length; i++) {
        if (pattern[i] == u'\'')
            quoted = !quoted;
        else if (!quoted && pattern[i] == u'H')
            pattern[i] = u'k';
    }
}

/* The language's pattern (LOCALE_TEXT_MAX units) for an ICU skeleton
 * ("jmm", "yMMMM"); its length, or -1 (logged). */
static int32_t best_pattern(const char *id, const char *lang, const UChar *skeleton, UChar *pattern)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    UDateTimePatternGenerator *generator = udatpg_open(id, &status);
    if (U_SUCCESS(status))
        length = udatpg_getBestPattern(generator, skeleton, -1, pattern, LOCALE_TEXT_MAX, &status);
    udatpg_close(generator);
    if (icu_failed(status, "udatpg_getBestPattern", lang) ||
        status == U_STRING_NOT_TERMINATED_WARNING)
        return -1;
    return length;
}

bool locale_format_time(const char *lang, int minutes, char *buffer, size_t size)
{
    static const UChar skeleton[] = u"jmm"; /* the locale's preferred hour cycle, minutes */
    static const UChar utc[] = u"UTC";      /* no time zone conversion */
    char id[ULOC_FULLNAME_CAPACITY];
    if (!buffer_usable("locale_format_time", buffer, size))
        return false;
    clear_buffer(buffer, size);
    if (minutes < 0 || minutes > 24 * 60) {
        log_message(LOG_ERROR, "locale", "time %d is not 0..1440 minutes", minutes);
        return false;
    }
    if (!known_icu_id(lang, id, sizeof id))
        return false;
    UChar pattern[LOCALE_TEXT_MAX];
    int32_t pattern_length = best_pattern(id, lang, skeleton, pattern);
    if (pattern_length < 0)
        return false;
    UErrorCode status = U_ZERO_ERROR;
    if (minutes == 24 * 60)
        use_hour_24_for_midnight(pattern, pattern_length);

    UDateFormat *format =
        udat_open(UDAT_PATTERN, UDAT_PATTERN, id, utc, -1, pattern, pattern_length, &status);
    UChar text[LOCALE_TEXT_MAX];
    int32_t length = 0;
    if (U_SUCCESS(status))
        length = udat_format(format, (UDate)minutes * 60.0 * 1000.0, text, LOCALE_TEXT_MAX, NULL,
                             &status);
    udat_close(format);
    if (icu_failed(status, "udat_format", lang) || status == U_STRING_NOT_TERMINATED_WARNING) {
        clear_buffer(buffer, size);
        return false;
    }
    return write_text(text, length, id, false, lang, buffer, size);
}

/* Days from 1970-01-01 to the first of `month` of `year` (proleptic Gregorian calendar). */
static long days_from_civil(int year, int month)
{
    year -= month <= 2;
    long era = (year >= 0 ? year : year - 399) / 400;
    long year_of_era = year - era * 400;
    long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

bool locale_format_month_year(const char *lang, int year, int month, char *buffer, size_t size)
{
    static const UChar utc[] = u"UTC";
    char id[ULOC_FULLNAME_CAPACITY];
    if (!buffer_usable("locale_format_month_year", buffer, size))
        return false;
    clear_buffer(buffer, size);
    if (year < 1900 || year > 9999 || month < 0 || month > 12) {
        log_message(LOG_ERROR, "locale", "date %d-%d is not 1900..9999, month 0..12", year, month);
        return false;
    }
    if (!known_icu_id(lang, id, sizeof id))
        return false;
    /* The month as a word, standalone where the language declines it ("березень 2022"). */
    const UChar *skeleton = month ? u"yMMMM" : u"y";
    UChar pattern[LOCALE_TEXT_MAX];
    int32_t pattern_length = best_pattern(id, lang, skeleton, pattern);
    if (pattern_length < 0)
        return false;
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format =
        udat_open(UDAT_PATTERN, UDAT_PATTERN, id, utc, -1, pattern, pattern_length, &status);
    UChar text[LOCALE_TEXT_MAX];
    int32_t length = 0;
    UDate date = (UDate)days_from_civil(year, month ? month : 1) * 86400.0 * 1000.0;
    if (U_SUCCESS(status))
        length = udat_format(format, date, text, LOCALE_TEXT_MAX, NULL, &status);
    udat_close(format);
    if (icu_failed(status, "udat_format", lang) || status == U_STRING_NOT_TERMINATED_WARNING) {
        clear_buffer(buffer, size);
        return false;
    }
    return write_text(text, length, id, false, lang, buffer, size);
}

locale_collator *locale_collator_open(const char *lang)
{
    char id[ULOC_FULLNAME_CAPACITY];
    if (!known_icu_id(lang, id, sizeof id))
        return NULL;
    locale_collator *c = malloc(sizeof *c);
    if (!c) {
        log_message(LOG_ERROR, "locale", "out of memory for the collator of \"%s\"", lang);
        return NULL;
    }
    UErrorCode status = U_ZERO_ERROR;
    c->collator = ucol_open(id, &status);
    if (icu_failed(status, "ucol_open", lang)) {
        ucol_close(c->collator);
        free(c);
        return NULL;
    }
    return c;
}

int locale_collate(const locale_collator *c, const char *a, const char *b)
{
    if (!a)
        a = "";
    if (!b)
        b = "";
    if (!c || !c->collator)
        return strcmp(a, b);
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult result = ucol_strcollUTF8(c->collator, a, -1, b, -1, &status);
    if (U_FAILURE(status)) {
        log_message(LOG_ERROR, "locale", "ucol_strcollUTF8: %s", u_errorName(status));
        return strcmp(a, b);
    }
    return result == UCOL_LESS ? -1 : result == UCOL_GREATER ? 1 : 0;
}

void locale_collator_close(locale_collator *c)
{
    if (!c)
        return;
    ucol_close(c->collator);
    free(c);
}
