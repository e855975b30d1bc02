/* test_speech.c - read-aloud (src/app/speech.h), one named test per run:
 *
 *   test_speech TEST_NAME
 *
 * The tables come from the assets (asset_path: SPORTELLO_ASSETS, else the
 * source tree): speech-voices.txt, languages.txt, demo.txt.  Tests that
 * play set SDL_AUDIODRIVER in their meson environment (dummy, disk, or a
 * driver that does not exist); the disk test also sets SDL_DISKAUDIOFILE. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "../check.h"
#include "log.h"
#include "paths.h"
#include "speech.h"

/* ---- helpers ---- */

#define CAPTURE_MAX 256

typedef struct capture {
    SDL_mutex *lock; /* speech_say's thread may log too */
    char messages[CAPTURE_MAX][512];
    log_level levels[CAPTURE_MAX];
    size_t count;
} capture;

static void capture_sink(log_level level, const char *module, const char *message, void *user)
{
    capture *c = user;
    SDL_LockMutex(c->lock);
    if (c->count < CAPTURE_MAX) {
        snprintf(c->messages[c->count], sizeof c->messages[c->count], "%s: %s", module, message);
        c->levels[c->count] = level;
        c->count++;
    }
    SDL_UnlockMutex(c->lock);
}

static capture *capture_start(void)
{
    capture *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->lock = SDL_CreateMutex();
    log_set_sink(capture_sink, c);
    return c;
}

static void capture_stop(capture *c)
{
    log_set_sink(NULL, NULL);
    SDL_DestroyMutex(c->lock);
    free(c);
}

/* Messages at `level` or above that contain every phrase given (NULL ends). */
static size_t captured(capture *c, log_level level, const char *phrase, const char *phrase2)
{
    size_t found = 0;
    SDL_LockMutex(c->lock);
    for (size_t i = 0; i < c->count; i++)
        if (c->levels[i] >= level && strstr(c->messages[i], phrase) &&
            (!phrase2 || strstr(c->messages[i], phrase2)))
            found++;
    SDL_UnlockMutex(c->lock);
    return found;
}

static void print_captured(capture *c)
{
    for (size_t i = 0; i < c->count; i++)
        fprintf(stderr, "  logged: %s\n", c->messages[i]);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Waits up to `limit_ms` for speaking to end; returns the time it took, or
 * a negative number if it did not end. */
static double wait_until_silent(speech *s, double limit_ms)
{
    double start = now_ms();
    while (speech_is_speaking(s)) {
        if (now_ms() - start > limit_ms)
            return -1;
        SDL_Delay(5);
    }
    return now_ms() - start;
}

typedef struct table_line {
    char first[32];
    char rest[512];
} table_line;

/* Reads an asset's non-comment lines as FIRST-WORD and REST (after a tab,
 * or after blanks when there is no tab).  Returns the number read. */
static size_t read_table(const char *name, table_line *lines, size_t max)
{
    char path[4096];
    asset_path(name, path, sizeof path);
    FILE *file = fopen(path, "r");
    CHECK(file != NULL, "cannot open %s", path);
    if (!file)
        return 0;
    size_t count = 0;
    char text[2048];
    while (count < max && fgets(text, sizeof text, file)) {
        text[strcspn(text, "\r\n")] = '\0';
        const char *start = text + strspn(text, " \t");
        if (*start == '#' || *start == '\0')
            continue;
        size_t first = strcspn(start, " \t");
        snprintf(lines[count].first, sizeof lines[count].first, "%.*s", (int)first, start);
        const char *rest = start + first;
        rest += strspn(rest, " \t");
        snprintf(lines[count].rest, sizeof lines[count].rest, "%s", rest);
        /* demo.txt: the sentence ends at the next tab. */
        lines[count].rest[strcspn(lines[count].rest, "\t")] = '\0';
        count++;
    }
    fclose(file);
    return count;
}

static const table_line *find_line(const table_line *lines, size_t count, const char *first)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(lines[i].first, first) == 0)
            return &lines[i];
    return NULL;
}

/* The test's own look-up, independent of speech.c: is `voice` (its name,
 * file or file path, before any "+variant") among espeak-ng's voices? */
static bool espeak_lists_voice(const char *voice)
{
    size_t length = strcspn(voice, "+");
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    for (size_t i = 0; voices && voices[i]; i++) {
        const char *file = voices[i]->identifier;
        const char *base = file && strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
        const char *names[] = {voices[i]->name, file, base};
        for (size_t n = 0; n < 3; n++)
            if (names[n] && strlen(names[n]) == length && strncasecmp(names[n], voice, length) == 0)
                return true;
    }
    return false;
}

/* Does any installed espeak-ng voice declare language `lang` (the primary
 * subtag of one of its languages)?  Mandarin voices declare "zh". */
static bool espeak_has_language(const char *lang)
{
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    for (size_t i = 0; voices && voices[i]; i++) {
        /* languages: (priority byte, name, NUL) repeated, then NUL. */
        const char *entry = voices[i]->languages;
        while (entry && entry[0] != '\0') {
            const char *name = entry + 1;
            size_t primary = strcspn(name, "-");
            if (primary == strlen(lang) && strncasecmp(name, lang, primary) == 0)
                return true;
            entry = name + strlen(name) + 1;
        }
    }
    return false;
}

typedef struct audio_summary {
    size_t nonzero;
    int peak;
} audio_summary;

static audio_summary summarize(const int16_t *samples, size_t count)
{
    audio_summary summary = {0, 0};
    for (size_t i = 0; i < count; i++) {
        int value = abs(samples[i]);
        if (value != 0)
            summary.nonzero++;
        if (value > summary.peak)
            summary.peak = value;
    }
    return summary;
}

static const char *italian_sentence = "Numero Verde Antitratta, gratuito e anonimo, 24 ore su 24.";
static const char *arabic_sentence =
    "خط المساعدة لمكافحة الاتجار بالبشر، مجاني ودون الكشف عن الهوية، على مدار 24 ساعة.";

/* ---- tests ---- */

/* Every language of speech-voices.txt has its voice installed, and the
 * kiosk languages without a voice are exactly those not listed. */
static void speech_voices_exist_for_listed_languages(void)
{
    table_line table[64], languages[64];
    size_t table_count = read_table("speech-voices.txt", table, 64);
    size_t language_count = read_table("languages.txt", languages, 64);
    CHECK(table_count > 0, "speech-voices.txt lists no language");
    CHECK(language_count >= 14, "languages.txt lists %zu languages", language_count);

    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s)
        return;
    for (size_t i = 0; i < table_count; i++) {
        /* speech_has_voice first: it starts espeak-ng, which this test's own
         * look-ups need (speech_create no longer does). */
        CHECK(speech_has_voice(s, table[i].first), "speech_has_voice(%s) is false", table[i].first);
        CHECK(espeak_lists_voice(table[i].rest), "%s: espeak-ng has no voice '%s'", table[i].first,
              table[i].rest);
        CHECK(find_line(languages, language_count, table[i].first) != NULL,
              "%s is listed for speech but is not a kiosk language", table[i].first);
    }
    size_t without_voice = 0;
    for (size_t i = 0; i < language_count; i++) {
        const char *lang = languages[i].first;
        bool listed = find_line(table, table_count, lang) != NULL;
        bool installed = espeak_has_language(lang);
        CHECK(listed == installed, "%s: espeak-ng %s for it but speech-voices.txt %s it", lang,
              installed ? "has a voice" : "has no voice", listed ? "lists" : "does not list");
        CHECK(speech_has_voice(s, lang) == listed, "speech_has_voice(%s) is %d", lang,
              speech_has_voice(s, lang));
        if (!listed) {
            without_voice++;
            fprintf(stderr, "no read-aloud voice: %s\n", lang);
        }
    }
    /* Measured on bookworm: Pashto and Tigrinya have none. */
    CHECK(!speech_has_voice(s, "ps") && !speech_has_voice(s, "ti"),
          "ps or ti has a voice: espeak-ng has none for them (Amharic is not Tigrinya)");
    CHECK(without_voice < language_count, "no kiosk language has a voice");
    speech_destroy(s);
}

static void check_sentence_audio(speech *s, const char *lang, const char *text)
{
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    bool ok = speech_synthesize(s, lang, text, &samples, &count, &rate);
    CHECK(ok, "speech_synthesize(%s) failed", lang);
    CHECK(rate >= 8000 && rate <= 48000, "%s: sample rate %d", lang, rate);
    if (!ok || rate <= 0) {
        free(samples);
        return;
    }
    audio_summary summary = summarize(samples, count);
    double seconds = (double)count / rate;
    /* A sentence of some 60 characters lasts seconds, not milliseconds. */
    CHECK(seconds > 1.5 && seconds < 30, "%s: %.2f s of audio", lang, seconds);
    CHECK(summary.nonzero > count / 4, "%s: only %zu of %zu samples are not zero", lang,
          summary.nonzero, count);
    CHECK(summary.peak > 2000, "%s: peak amplitude %d", lang, summary.peak);
    fprintf(stderr, "%s: %zu samples at %d Hz (%.2f s), peak %d\n", lang, count, rate, seconds,
            summary.peak);
    free(samples);

    /* The text is really read: one word gives much less audio. */
    size_t word_count = 0;
    ok = speech_synthesize(s, lang, strcmp(lang, "ar") == 0 ? "خط" : "Numero", &samples,
                           &word_count, &rate);
    CHECK(ok && word_count > 0 && word_count * 3 < count,
          "%s: one word gives %zu samples, the sentence %zu", lang, word_count, count);
    free(samples);
}

static void speech_synthesizes_italian_and_arabic_to_audio(void)
{
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s)
        return;
    check_sentence_audio(s, "it", italian_sentence);
    check_sentence_audio(s, "ar", arabic_sentence);
    speech_destroy(s);
}

static void speech_unknown_language_has_no_voice_and_fails_cleanly(void)
{
    capture *log = capture_start();
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s) {
        capture_stop(log);
        return;
    }
    const char *unknown[] = {"xx", "", "it-XX-long-unknown", "IT", "ps", "ti"};
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
        CHECK(!speech_has_voice(s, unknown[i]), "speech_has_voice(\"%s\") is true", unknown[i]);
        static int16_t sentinel;
        int16_t *samples = &sentinel; /* must be reset */
        size_t count = 99;
        int rate = 0;
        CHECK(!speech_synthesize(s, unknown[i], "Ciao", &samples, &count, &rate),
              "speech_synthesize(\"%s\") succeeded", unknown[i]);
        CHECK(samples == NULL && count == 0, "\"%s\": output not reset", unknown[i]);
        CHECK(!speech_say(s, unknown[i], "Ciao"), "speech_say(\"%s\") succeeded", unknown[i]);
        CHECK(!speech_is_speaking(s), "speaking after a failed speech_say(\"%s\")", unknown[i]);
    }
    CHECK(captured(log, LOG_WARNING, "no voice for language 'xx'", NULL) == 2,
          "the unknown language was not logged once per call");
    CHECK(!speech_has_voice(s, NULL), "speech_has_voice(NULL) is true");
    CHECK(!speech_has_voice(NULL, "it"), "speech_has_voice on no object is true");
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    CHECK(!speech_synthesize(s, NULL, "Ciao", &samples, &count, &rate), "NULL language accepted");
    CHECK(!speech_synthesize(s, "it", NULL, &samples, &count, &rate), "NULL text accepted");
    CHECK(!speech_synthesize(s, "it", "Ciao", NULL, &count, &rate), "NULL output accepted");
    CHECK(!speech_say(s, NULL, "Ciao") && !speech_say(s, "it", NULL), "NULL say accepted");
    CHECK(!speech_say(NULL, "it", "Ciao") && !speech_is_speaking(NULL), "NULL object accepted");
    speech_stop(NULL);
    speech_destroy(NULL);
    /* A known language still works after all that. */
    CHECK(speech_synthesize(s, "it", "Ciao", &samples, &count, &rate) && count > 0,
          "Italian fails after the bad calls");
    free(samples);
    if (check_failures)
        print_captured(log);
    speech_destroy(s);
    capture_stop(log);
}

/* SDL_AUDIODRIVER names a driver that does not exist. */
static void speech_say_without_audio_device_does_not_crash(void)
{
    capture *log = capture_start();
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s) {
        capture_stop(log);
        return;
    }
    CHECK(!speech_started(s), "espeak-ng started by speech_create");
    for (int i = 0; i < 3; i++) {
        CHECK(!speech_say(s, "it", italian_sentence), "speech_say succeeded without audio");
        /* The voice is checked before the device is opened. */
        CHECK(speech_started(s), "speech_say did not start espeak-ng");
        CHECK(!speech_is_speaking(s), "speaking without audio");
        speech_stop(s);
    }
    CHECK(captured(log, LOG_WARNING, "read-aloud is off", NULL) == 1,
          "no audio was logged %zu times, not once",
          captured(log, LOG_WARNING, "read-aloud is off", NULL));
    /* Synthesis does not need a device. */
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    CHECK(speech_synthesize(s, "it", "Ciao", &samples, &count, &rate) && count > 0,
          "synthesis fails without audio");
    free(samples);
    CHECK(speech_has_voice(s, "it"), "Italian lost its voice");
    if (check_failures)
        print_captured(log);
    speech_destroy(s);
    capture_stop(log);
}

/* SDL_AUDIODRIVER=dummy: it plays in real time into nothing. */
static void speech_say_then_stop_with_dummy_audio(void)
{
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s)
        return;
    /* Some 60 KB of text: minutes of speech, seconds of synthesis. */
    size_t repeat = 1000;
    size_t length = strlen(italian_sentence) + 1;
    char *long_text = malloc(repeat * length + 1);
    if (!long_text)
        abort();
    for (size_t i = 0; i < repeat; i++) {
        memcpy(long_text + i * length, italian_sentence, length - 1);
        long_text[i * length + length - 1] = ' ';
    }
    long_text[repeat * length] = '\0';

    /* The first speech_say opens the audio device: a one-off cost. */
    CHECK(speech_say(s, "it", "Ciao"), "speech_say failed");
    speech_stop(s);
    double start = now_ms();
    CHECK(speech_say(s, "it", long_text), "speech_say failed");
    double said = now_ms() - start;
    CHECK(said < 250, "speech_say took %.0f ms: the UI would freeze", said);
    CHECK(speech_is_speaking(s), "not speaking after speech_say");
    SDL_Delay(400);
    CHECK(speech_is_speaking(s), "not speaking 400 ms into a long text");

    start = now_ms();
    speech_stop(s);
    double stopped = now_ms() - start;
    CHECK(stopped < 250, "speech_stop took %.0f ms", stopped);
    CHECK(!speech_is_speaking(s), "still speaking after speech_stop");
    speech_stop(s); /* twice is harmless */

    /* A new text replaces the one being read. */
    CHECK(speech_say(s, "it", long_text), "second speech_say failed");
    CHECK(speech_say(s, "ar", arabic_sentence), "speech_say over a running one failed");
    CHECK(speech_is_speaking(s), "not speaking the Arabic text");
    speech_stop(s);

    /* A short text plays in about its own duration, then speaking ends. */
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    CHECK(speech_synthesize(s, "it", "Buongiorno a tutti.", &samples, &count, &rate) && count > 0 &&
              rate > 0,
          "speech_synthesize failed");
    free(samples);
    double duration = rate > 0 ? 1e3 * (double)count / rate : 0;
    CHECK(speech_say(s, "it", "Buongiorno a tutti."), "speech_say failed");
    double waited = wait_until_silent(s, duration + 3000);
    CHECK(waited >= 0, "still speaking %.0f ms after a %.0f ms text", duration + 3000, duration);
    CHECK(waited >= duration * 0.6, "a %.0f ms text ended after %.0f ms: not played", duration,
          waited);
    fprintf(stderr, "a %.0f ms text played in %.0f ms\n", duration, waited);

    /* Destroy while speaking. */
    CHECK(speech_say(s, "it", long_text), "speech_say failed");
    free(long_text);
    speech_destroy(s);
}

static void speech_empty_and_invalid_utf8_text_are_safe(void)
{
    capture *log = capture_start();
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s) {
        capture_stop(log);
        return;
    }
    static int16_t sentinel;
    int16_t *samples = &sentinel; /* must be reset */
    size_t count = 99;
    int rate = 0;
    CHECK(speech_synthesize(s, "it", "", &samples, &count, &rate), "empty text failed");
    CHECK(samples == NULL && count == 0, "empty text gave %zu samples", count);
    CHECK(speech_say(s, "it", ""), "speech_say of empty text failed");
    CHECK(!speech_is_speaking(s), "speaking an empty text");

    /* Ill-formed UTF-8 of every kind, and text espeak-ng might treat as
     * markup: each must synthesise without crashing. */
    const char *bad[] = {
        "\xff\xfe",                     /* bytes that are never UTF-8 */
        "Ciao \xc3",                    /* cut at the end */
        "Ciao \xe2\x82 mondo",          /* cut in the middle */
        "\xed\xa0\x80 surrogato",       /* UTF-16 surrogate */
        "\xc0\xaf troppo lungo",        /* overlong */
        "\xf4\x90\x80\x80 oltre",       /* above U+10FFFF */
        "\x80\x80\x80\x80\x80\x80\x80", /* continuation bytes only */
        "خط \xd8 المساعدة",             /* cut Arabic letter */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *lang = i == 7 ? "ar" : "it";
        size_t before = captured(log, LOG_WARNING, "ill-formed UTF-8", NULL);
        CHECK(speech_synthesize(s, lang, bad[i], &samples, &count, &rate), "bad text %zu failed",
              i);
        free(samples);
        CHECK(captured(log, LOG_WARNING, "ill-formed UTF-8", NULL) == before + 1,
              "bad text %zu was not logged once", i);
        CHECK(speech_say(s, lang, bad[i]), "speech_say of bad text %zu failed", i);
    }
    /* The well-formed part is still read. */
    size_t clean_count = 0, dirty_count = 0;
    CHECK(speech_synthesize(s, "it", "Ciao mondo", &samples, &clean_count, &rate),
          "clean text failed");
    free(samples);
    CHECK(speech_synthesize(s, "it", "Ciao \xff mondo", &samples, &dirty_count, &rate),
          "text with a bad byte failed");
    free(samples);
    CHECK(dirty_count > clean_count / 2 && dirty_count < clean_count * 2,
          "\"Ciao <bad> mondo\" gave %zu samples, \"Ciao mondo\" %zu", dirty_count, clean_count);

    const char *odd[] = {
        "\xcc\x81\xcc\x81\xcc\x81",                         /* combining marks alone */
        "\x01\x02\x1b[0m\x7f",                              /* control characters */
        "<speak><audio src=\"x\"/></speak>",                /* markup is text here */
        "[[h@'l@U]] <mark name=\"a\"/>",                    /* phoneme input is text here */
        "\xe2\x80\xae\xe2\x81\xa6 \xef\xbf\xbf",            /* bidi controls, U+FFFF */
        "          ",                                       /* only spaces */
        "\xf0\x9f\x98\x80\xf0\x9f\x87\xae\xf0\x9f\x87\xb9", /* emoji */
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        CHECK(speech_synthesize(s, "it", odd[i], &samples, &count, &rate), "odd text %zu failed",
              i);
        free(samples);
    }
    /* One word without spaces, 20 000 letters long. */
    char *word = malloc(20001);
    if (!word)
        abort();
    memset(word, 'a', 20000);
    word[20000] = '\0';
    CHECK(speech_synthesize(s, "it", word, &samples, &count, &rate), "long word failed");
    free(samples);
    free(word);
    speech_stop(s);
    if (check_failures)
        print_captured(log);
    speech_destroy(s);
    capture_stop(log);
}

/* speech_create does not start espeak-ng; the first speech_has_voice for a
 * language of the table does, and asking about a language that is not in
 * the table does not.  espeak_ng_GetSampleRate is the test's own probe: 0
 * until espeak-ng is initialised in the process. */
static void speech_starts_espeak_at_first_use_not_at_create(void)
{
    capture *log = capture_start();
    double start = now_ms();
    speech *s = speech_create();
    double created = now_ms() - start;
    CHECK(s != NULL, "speech_create failed");
    if (!s) {
        capture_stop(log);
        return;
    }
    CHECK(!speech_started(s), "espeak-ng started by speech_create");
    CHECK(espeak_ng_GetSampleRate() == 0, "espeak-ng initialised by speech_create (rate %d)",
          espeak_ng_GetSampleRate());
    CHECK(!speech_has_voice(s, "xx") && !speech_has_voice(s, NULL) && !speech_has_voice(s, "ps"),
          "a language outside the table has a voice");
    CHECK(!speech_started(s) && espeak_ng_GetSampleRate() == 0,
          "a language outside the table started espeak-ng");
    CHECK(!speech_started(NULL), "speech_started(NULL) is true");

    start = now_ms();
    CHECK(speech_has_voice(s, "it"), "Italian has no voice");
    double first = now_ms() - start;
    CHECK(speech_started(s), "the first speech_has_voice did not start espeak-ng");
    CHECK(espeak_ng_GetSampleRate() > 0, "espeak-ng not initialised after speech_has_voice");
    start = now_ms();
    for (int i = 0; i < 100; i++)
        CHECK(speech_has_voice(s, "it"), "Italian lost its voice");
    double cached = (now_ms() - start) / 100;
    CHECK(speech_has_voice(s, "ar"), "Arabic has no voice");
    fprintf(stderr, "speech_create %.2f ms, first speech_has_voice %.2f ms, later %.4f ms\n",
            created, first, cached);
    CHECK(captured(log, LOG_INFO, "espeak-ng started", NULL) == 1,
          "espeak-ng was not started exactly once");
    speech_destroy(s);

    /* A later object finds espeak-ng initialised but still starts lazily,
     * here through speech_synthesize. */
    s = speech_create();
    CHECK(s != NULL && !speech_started(s), "second object: started at create");
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    CHECK(s && speech_synthesize(s, "it", "Ciao", &samples, &count, &rate) && count > 0 && rate > 0,
          "second object: synthesis failed");
    CHECK(speech_started(s), "second object: speech_synthesize did not start espeak-ng");
    free(samples);
    speech_destroy(s);
    if (check_failures)
        print_captured(log);
    capture_stop(log);
}

/* espeak-ng's state is the process's: one object at a time, and a new one
 * after speech_destroy works (espeak-ng is not initialised twice). */
static void speech_second_create_is_refused_while_one_exists(void)
{
    capture *log = capture_start();
    speech *first = speech_create();
    CHECK(first != NULL, "speech_create failed");
    speech *second = speech_create();
    CHECK(second == NULL, "a second speech object was created");
    CHECK(captured(log, LOG_ERROR, "exists already", NULL) == 1, "the refusal was not logged");
    speech_destroy(second);
    speech_destroy(first);

    for (int round = 0; round < 3; round++) {
        speech *again = speech_create();
        CHECK(again != NULL, "speech_create after speech_destroy failed (round %d)", round);
        int16_t *samples = NULL;
        size_t count = 0;
        int rate = 0;
        CHECK(again && speech_synthesize(again, "it", "Ciao", &samples, &count, &rate) && count > 0,
              "synthesis after re-creation failed (round %d)", round);
        free(samples);
        speech_destroy(again);
    }
    capture_stop(log);
}

static bool write_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    if (!file)
        return false;
    bool ok = fputs(text, file) >= 0;
    return fclose(file) == 0 && ok;
}

/* Wrong lines of speech-voices.txt are logged as path:line and skipped; the
 * right ones still work; a missing table means no speech object.  Lines
 * that are wrong as text are logged by speech_create; a voice that is not
 * installed only at its language's first use (espeak-ng starts lazily),
 * once. */
static void speech_voice_table_errors_are_logged_with_line_and_skipped(void)
{
    const char *base = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/sportello-speech-XXXXXX", base && *base ? base : "/tmp");
    CHECK(mkdtemp(dir) != NULL, "mkdtemp(%s) failed", dir);
    snprintf(path, sizeof path, "%s/speech-voices.txt", dir);
    const char *table = "# test table\n"                /* 1 */
                        "it\tit\n"                      /* 2 good */
                        "ps\n"                          /* 3 no voice */
                        "x\tit\n"                       /* 4 bad code */
                        "it\tfr\n"                      /* 5 twice */
                        "ti\tsportello-no-such-voice\n" /* 6 not installed */
                        "fr\tFrench (France)\r\n"       /* 7 full name, CRLF */
                        "\n"                            /* 8 */
                        "   # indented comment\n"       /* 9 */
                        "zh\tcmn-latn-pinyin   \n"      /* 10 good, trailing blanks */
                        "uk\tuk+a-variant-name-far-longer-than-any-voice-name-that-espeak-"
                        "ng-has-ever-used\n" /* 11 too long */
                        "ro  ro\n"           /* 12 blanks, no tab */
                        "sq\t\t\n";          /* 13 no voice */
    CHECK(write_file(path, table), "cannot write %s", path);
    setenv("SPORTELLO_ASSETS", dir, 1);

    capture *log = capture_start();
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed with a partly wrong table");
    if (s) {
        CHECK(captured(log, LOG_WARNING, path, NULL) == 5,
              "%zu table problems logged by speech_create, not 5",
              captured(log, LOG_WARNING, path, NULL));
        CHECK(captured(log, LOG_WARNING, "sportello-no-such-voice", NULL) == 0,
              "the missing voice was looked for at create");
        CHECK(!speech_started(s), "speech_create started espeak-ng");
        CHECK(!speech_has_voice(s, "ti"), "ti has a voice");
        const char *yes[] = {"it", "fr", "zh", "ro"};
        const char *no[] = {"ps", "x", "ti", "uk", "sq", "en"};
        for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
            CHECK(speech_has_voice(s, yes[i]), "%s has no voice", yes[i]);
        for (size_t i = 0; i < sizeof no / sizeof *no; i++)
            CHECK(!speech_has_voice(s, no[i]), "%s has a voice", no[i]);
        const struct {
            int line;
            const char *phrase;
        } expected[] = {{3, "no voice for 'ps'"},       {4, "'x' is not a language code"},
                        {5, "'it' listed twice"},       {6, "no voice 'sportello-no-such-voice'"},
                        {11, "voice name longer than"}, {13, "no voice for 'sq'"}};
        for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
            char where[4300];
            snprintf(where, sizeof where, "%s:%d: ", path, expected[i].line);
            CHECK(captured(log, LOG_WARNING, where, expected[i].phrase) == 1, "no '%s%s'", where,
                  expected[i].phrase);
        }
        CHECK(captured(log, LOG_WARNING, path, NULL) == 6, "%zu table problems logged, not 6",
              captured(log, LOG_WARNING, path, NULL));
        /* Line 2 won over line 5: Italian is read with the Italian voice,
         * which says "Ciao" unlike the French one. */
        int16_t *samples = NULL, *french = NULL;
        size_t count = 0, french_count = 0;
        int rate = 0;
        CHECK(speech_synthesize(s, "it", "Ciao", &samples, &count, &rate), "Italian failed");
        CHECK(speech_synthesize(s, "fr", "Ciao", &french, &french_count, &rate), "French failed");
        CHECK(count != french_count || (count > 0 && memcmp(samples, french, count * 2) != 0),
              "Italian is read with the French voice");
        free(samples);
        free(french);
        speech_destroy(s);
    }
    if (check_failures)
        print_captured(log);

    /* No table at all: no speech object, logged. */
    remove(path);
    size_t before = captured(log, LOG_ERROR, "cannot open", NULL);
    s = speech_create();
    CHECK(s == NULL, "speech_create succeeded without a table");
    CHECK(captured(log, LOG_ERROR, "cannot open", NULL) == before + 1,
          "the missing table was not logged");
    speech_destroy(s);
    capture_stop(log);
    rmdir(dir);
}

/* Each voice reads its language's demo sentence (assets/demo.txt) as that
 * language: espeak-ng marks a switch to another language's rules with
 * "(en)" and the like in its phonemes, as the "cmn" voice does for every
 * Chinese character in espeak-ng 1.51. */
static void speech_every_voice_reads_its_demo_sentence_without_switching_language(void)
{
    table_line table[64], demo[64];
    size_t table_count = read_table("speech-voices.txt", table, 64);
    size_t demo_count = read_table("demo.txt", demo, 64);
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s)
        return;
    for (size_t i = 0; i < table_count; i++) {
        const table_line *sentence = find_line(demo, demo_count, table[i].first);
        if (!sentence) {
            fprintf(stderr, "%s: no demo sentence, not checked\n", table[i].first);
            continue;
        }
        int16_t *samples = NULL;
        size_t count = 0;
        int rate = 0;
        CHECK(speech_synthesize(s, table[i].first, sentence->rest, &samples, &count, &rate),
              "%s: synthesis failed", table[i].first);
        audio_summary summary = summarize(samples, count);
        CHECK(rate > 0 && count > (size_t)rate && summary.peak > 2000, "%s: %zu samples, peak %d",
              table[i].first, count, summary.peak);
        free(samples);

        CHECK(espeak_ng_SetVoiceByName(table[i].rest) == ENS_OK, "%s: cannot load '%s'",
              table[i].first, table[i].rest);
        const void *text = sentence->rest;
        char phonemes[8192] = "";
        while (text) {
            const char *part = espeak_TextToPhonemes(&text, espeakCHARS_UTF8, 0);
            size_t used = strlen(phonemes);
            snprintf(phonemes + used, sizeof phonemes - used, "%s ", part ? part : "");
        }
        CHECK(strchr(phonemes, '(') == NULL, "%s (%s) switches language: %s", table[i].first,
              table[i].rest, phonemes);
    }
    speech_destroy(s);
}

/* The span from the first to the last non-zero sample, and its mean
 * absolute amplitude. */
typedef struct sound_span {
    size_t length;
    double loudness;
} sound_span;

static sound_span measure_sound(const int16_t *samples, size_t count)
{
    size_t first = 0, last = count;
    while (first < count && samples[first] == 0)
        first++;
    while (last > first && samples[last - 1] == 0)
        last--;
    double sum = 0;
    for (size_t i = first; i < last; i++)
        sum += abs(samples[i]);
    return (sound_span){last - first, last > first ? sum / (double)(last - first) : 0};
}

/* SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE=FILE: what speech_say plays is
 * what speech_synthesize returns, at the same rate and in the same format.
 * Not sample for sample: espeak-ng carries a little state from one text to
 * the next (measured: the same sentence gives 45 216, 45 241 and 45 219
 * samples in three calls), so lengths and loudness must agree within 5 %. */
static void speech_say_plays_the_synthesized_samples_through_sdl_disk_audio(void)
{
    const char *file_name = getenv("SDL_DISKAUDIOFILE");
    CHECK(file_name && *file_name, "SDL_DISKAUDIOFILE is not set");
    if (!file_name || !*file_name)
        return;
    remove(file_name);
    speech *s = speech_create();
    CHECK(s != NULL, "speech_create failed");
    if (!s)
        return;
    const char *text = "Sportello per i lavoratori stranieri.";
    int16_t *samples = NULL;
    size_t count = 0;
    int rate = 0;
    CHECK(speech_synthesize(s, "it", text, &samples, &count, &rate) && count > 0,
          "speech_synthesize failed");
    CHECK(speech_say(s, "it", text), "speech_say failed");
    double limit = rate > 0 ? 1e3 * (double)count / rate + 5000 : 5000;
    CHECK(wait_until_silent(s, limit) >= 0, "still speaking after %.0f ms", limit);
    speech_destroy(s); /* closes the device and its file */

    FILE *file = fopen(file_name, "rb");
    CHECK(file != NULL, "%s was not written", file_name);
    size_t played_count = 0;
    int16_t *played = NULL;
    if (file) {
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        rewind(file);
        played = size > 0 ? malloc((size_t)size) : NULL;
        played_count = played ? fread(played, 2, (size_t)size / 2, file) : 0;
        fclose(file);
    }
    sound_span wanted = measure_sound(samples, count);
    sound_span got = measure_sound(played, played_count);
    fprintf(stderr, "synthesised %zu samples of sound (mean %.0f), played %zu (mean %.0f)\n",
            wanted.length, wanted.loudness, got.length, got.loudness);
    CHECK(wanted.length > 0 && got.length > wanted.length * 0.95 &&
              got.length < wanted.length * 1.05,
          "played %zu samples of sound, synthesised %zu", got.length, wanted.length);
    CHECK(got.loudness > wanted.loudness * 0.95 && got.loudness < wanted.loudness * 1.05,
          "played loudness %.0f, synthesised %.0f", got.loudness, wanted.loudness);
    free(played);
    free(samples);
    remove(file_name);
}

/* ---- main ---- */

typedef struct named_test {
    const char *name;
    void (*run)(void);
} named_test;

int main(int argc, char **argv)
{
    static const named_test tests[] = {
        {"speech_voices_exist_for_listed_languages", speech_voices_exist_for_listed_languages},
        {"speech_synthesizes_italian_and_arabic_to_audio",
         speech_synthesizes_italian_and_arabic_to_audio},
        {"speech_unknown_language_has_no_voice_and_fails_cleanly",
         speech_unknown_language_has_no_voice_and_fails_cleanly},
        {"speech_say_without_audio_device_does_not_crash",
         speech_say_without_audio_device_does_not_crash},
        {"speech_say_then_stop_with_dummy_audio", speech_say_then_stop_with_dummy_audio},
        {"speech_empty_and_invalid_utf8_text_are_safe",
         speech_empty_and_invalid_utf8_text_are_safe},
        {"speech_starts_espeak_at_first_use_not_at_create",
         speech_starts_espeak_at_first_use_not_at_create},
        {"speech_second_create_is_refused_while_one_exists",
         speech_second_create_is_refused_while_one_exists},
        {"speech_voice_table_errors_are_logged_with_line_and_skipped",
         speech_voice_table_errors_are_logged_with_line_and_skipped},
        {"speech_every_voice_reads_its_demo_sentence_without_switching_language",
         speech_every_voice_reads_its_demo_sentence_without_switching_language},
        {"speech_say_plays_the_synthesized_samples_through_sdl_disk_audio",
         speech_say_plays_the_synthesized_samples_through_sdl_disk_audio},
    };
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEST_NAME\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        if (strcmp(argv[1], tests[i].name) == 0) {
            tests[i].run();
            SDL_Quit();
            return check_failures ? 1 : 0;
        }
    fprintf(stderr, "unknown test %s\n", argv[1]);
    return 2;
}
