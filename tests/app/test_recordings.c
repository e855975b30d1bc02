/* The kiosk and the translators' recordings (catalog/recordings.h,
 * pages.c speak_text, kiosk.c read_aloud, speech.c speech_say_parts), on a
 * catalogue that tests/catalog/test_recordings.py builds from the
 * catalogue tests' fixture with generated recordings (a 440 Hz tone):
 *   ti  category.diritti.name.ogg           1 s
 *   ti  article.caporalato.summary.ogg      2 s (16 000 Hz)
 *   ar  service.questura-mantova-immigrazione.what.ogg   1 s (44 100 Hz, stereo)
 * Tigrinya has no espeak-ng voice (assets/speech-voices.txt), Arabic has.
 *
 *   test_recordings CATALOGUE NAME   (SDL_AUDIODRIVER set by the caller;
 *                                     SDL_DISKAUDIOFILE for the disk test) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "catalog/recording.h"
#include "catalog_read.h"
#include "../check.h"
#include "kiosk.h"
#include "log.h"
#include "pages.h"
#include "paths.h"
#include "png_io.h"
#include "site_config.h"

#define WIDTH 1280
#define HEIGHT 800

static const char *catalog_path;

/* ---- the screen model: which part is read with what ---- */

static page *page_of(catalog *c, const char *language, kiosk_screen screen, const char *arg)
{
    site_config config;
    site_config_defaults(&config);
    pages_input in = {.catalog = c, .config = &config, .language = language, .now = 1};
    return pages_build(&in, screen, arg);
}

/* The part of `p` with `key`, or NULL; *texts counts the parts without. */
static const page_speech *part_with_key(const page *p, const char *key, size_t *texts)
{
    const page_speech *found = NULL;
    *texts = 0;
    for (size_t i = 0; i < p->speak_count; i++) {
        if (p->speak[i].key && strcmp(p->speak[i].key, key) == 0)
            found = &p->speak[i];
        if (!p->speak[i].key)
            (*texts)++;
    }
    return found;
}

static void kiosk_reads_the_recording_where_present_and_espeak_for_the_other_texts(void)
{
    char why[512];
    catalog *c = catalog_open(catalog_path, why, sizeof why);
    CHECK(c, "%s", why);
    if (!c)
        return;
    CHECK(catalog_has_recording(c, "category:diritti:name", "ti"), "ti recording stored");
    CHECK(!catalog_has_recording(c, "category:diritti:name", "en"), "no en recording");

    /* Arabic, the service's screen: its "what" by the recording, its name
     * and the rest by espeak-ng (the language has a voice). */
    const char *what = "service:questura-mantova-immigrazione:what";
    page *p = page_of(c, "ar", SCREEN_SERVICE, "questura-mantova-immigrazione");
    size_t texts = 0;
    const page_speech *part = part_with_key(p, what, &texts);
    CHECK(part && p->speak_recorded, "ar: the 'what' text is read by its recording");
    CHECK(texts >= 1, "ar: the other texts are read by espeak-ng (%zu text parts)", texts);
    char *arabic = catalog_text(c, what, "ar", NULL);
    CHECK(part && arabic && strncmp(part->text, arabic, strlen(arabic)) == 0,
          "the recorded part is the Arabic text shown");
    free(arabic);
    size_t size = 0;
    unsigned char *bytes = catalog_recording(c, what, "ar", &size);
    long ms = 0;
    CHECK(bytes && recording_check(bytes, size, &ms, why, sizeof why) && ms == 1000,
          "the stored recording decodes whole: %ld ms", ms);
    free(bytes);
    page_free(p);

    /* English, the same screen: no recording in English, espeak-ng only. */
    p = page_of(c, "en", SCREEN_SERVICE, "questura-mantova-immigrazione");
    CHECK(!p->speak_recorded && p->speak_count == 1 && !p->speak[0].key,
          "en: one text for espeak-ng, no recording (%zu parts)", p->speak_count);
    page_free(p);

    /* Tigrinya, the category's screen: its title by the recording. */
    p = page_of(c, "ti", SCREEN_CATEGORY, "diritti");
    CHECK(part_with_key(p, "category:diritti:name", &texts), "ti: the title's recording");
    page_free(p);
    catalog_close(c);
}

/* ---- the kiosk: the speaker button, playing, stopping ---- */

typedef struct rig {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    text_engine *engine;
    kiosk *kiosk;
    double now;
} rig;

static void rig_open(rig *r)
{
    memset(r, 0, sizeof *r);
    r->surface = SDL_CreateRGBSurfaceWithFormat(0, WIDTH, HEIGHT, 32, SDL_PIXELFORMAT_ARGB8888);
    r->renderer = SDL_CreateSoftwareRenderer(r->surface);
    char path[4096], *error = NULL;
    r->engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    if (!r->engine) {
        fprintf(stderr, "%s\n", error);
        exit(1);
    }
    kiosk_options options = {.catalog_path = catalog_path, .kiosk_mode = true, .speech = true};
    r->now = 1000;
    r->kiosk = kiosk_create(r->renderer, r->engine, &options, r->now);
    if (!r->kiosk) {
        fprintf(stderr, "no kiosk\n");
        exit(1);
    }
}

static void rig_close(rig *r)
{
    kiosk_destroy(r->kiosk);
    text_engine_destroy(r->engine);
    SDL_DestroyRenderer(r->renderer);
    SDL_FreeSurface(r->surface);
}

static void advance(rig *r, double seconds)
{
    double end = r->now + seconds;
    while (r->now < end) {
        r->now += 1.0 / 30 < end - r->now ? 1.0 / 30 : end - r->now;
        kiosk_pump_events(r->kiosk, r->now);
        kiosk_tick(r->kiosk, r->now);
    }
    kiosk_draw(r->kiosk);
}

static bool show(rig *r, const char *language, kiosk_screen screen, const char *arg)
{
    bool ok = kiosk_show(r->kiosk, language, screen, arg, r->now);
    kiosk_draw(r->kiosk);
    return ok;
}

/* Whether the screen has a speaker button; with SPORTELLO_TEST_PNG_DIR
 * set, the screen is also written there as LANG-NAME.png to look at. */
static bool has_speaker(rig *r, const char *name)
{
    const char *folder = getenv("SPORTELLO_TEST_PNG_DIR");
    if (folder) {
        char path[4096], *error = NULL;
        snprintf(path, sizeof path, "%s/%s.png", folder, name);
        if (!png_write_surface(path, r->surface, &error)) {
            fprintf(stderr, "%s: %s\n", path, error);
            free(error);
        }
    }
    float x, y;
    return kiosk_find_target(r->kiosk, ACTION_SPEAK, NULL, &x, &y);
}

static void push_mouse(Uint32 type, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = (int)x;
    e.button.y = (int)y;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    SDL_PushEvent(&e);
}

static bool tap(rig *r, kiosk_action action, const char *arg)
{
    float x, y;
    if (!kiosk_find_target(r->kiosk, action, arg, &x, &y))
        return false;
    push_mouse(SDL_MOUSEBUTTONDOWN, x, y);
    advance(r, 0.08);
    push_mouse(SDL_MOUSEBUTTONUP, x, y);
    advance(r, 0.05);
    return true;
}

static void kiosk_speaker_shows_in_tigrinya_only_where_a_recording_exists(void)
{
    rig r;
    rig_open(&r);
    CHECK(show(&r, "ti", SCREEN_CATEGORY, "diritti"), "ti diritti");
    CHECK(has_speaker(&r, "ti-diritti"), "ti: a speaker button where the title has a recording");
    CHECK(show(&r, "ti", SCREEN_ARTICLE, "caporalato"), "ti article");
    CHECK(has_speaker(&r, "ti-article"),
          "ti: a speaker button on the article with a recorded summary");
    CHECK(show(&r, "ti", SCREEN_CATEGORY, "lavoro"), "ti lavoro");
    CHECK(!has_speaker(&r, "ti-lavoro"), "ti: no speaker button without a recording (no voice)");
    CHECK(show(&r, "ti", SCREEN_SERVICE, "cpi-mantova"), "ti service");
    CHECK(!has_speaker(&r, "ti-service"), "ti: no speaker button on a service without a recording");
    CHECK(show(&r, "en", SCREEN_CATEGORY, "lavoro"), "en lavoro");
    CHECK(has_speaker(&r, "en-lavoro"), "en: a speaker button by espeak-ng's voice");
    rig_close(&r);
}

static void kiosk_reading_stops_at_navigation_and_at_the_idle_reset(void)
{
    rig r;
    rig_open(&r);
    /* The article: its 2-second recorded summary plays (SDL's dummy
     * driver plays in real time), and stops when the visitor goes back. */
    CHECK(show(&r, "ti", SCREEN_ARTICLE, "caporalato"), "ti article");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "the speaker button is tapped");
    CHECK(kiosk_reading_aloud(r.kiosk), "reading after the tap");
    CHECK(tap(&r, ACTION_BACK, NULL), "Back");
    CHECK(!kiosk_reading_aloud(r.kiosk), "Back stopped the reading");

    CHECK(show(&r, "ti", SCREEN_ARTICLE, "caporalato"), "ti article again");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "the speaker button is tapped again");
    CHECK(kiosk_reading_aloud(r.kiosk), "reading after the second tap");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "and once more");
    CHECK(!kiosk_reading_aloud(r.kiosk), "a second tap stops it");

    /* Nobody touches the screen while the 2-second recording plays: the
     * kiosk's clock runs to the idle reset (90 s and the countdown) in
     * steps of a second, some milliseconds of real time; the reset stops
     * the reading. */
    CHECK(tap(&r, ACTION_SPEAK, NULL), "the speaker button is tapped a third time");
    CHECK(kiosk_reading_aloud(r.kiosk), "reading after the third tap");
    for (int second = 0; second < 200; second++) {
        r.now += 1;
        kiosk_tick(r.kiosk, r.now);
    }
    kiosk_draw(r.kiosk);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset to the languages");
    CHECK(!kiosk_reading_aloud(r.kiosk), "the idle reset stopped the reading");
    rig_close(&r);
}

/* No audio device (a kiosk without sound, SDL_AUDIODRIVER naming no
 * driver): the button is there, a tap plays nothing, logs, never crashes,
 * and a second tap does the same. */
static void kiosk_recording_without_audio_device_does_not_crash(void)
{
    rig r;
    rig_open(&r);
    CHECK(show(&r, "ti", SCREEN_CATEGORY, "diritti"), "ti diritti");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "the speaker button is tapped");
    CHECK(!kiosk_reading_aloud(r.kiosk), "nothing is read without a device");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "tapped again");
    CHECK(!kiosk_reading_aloud(r.kiosk), "still nothing");
    CHECK(tap(&r, ACTION_BACK, NULL), "Back works");
    rig_close(&r);
}

/* The disk driver writes what is played to SDL_DISKAUDIOFILE: the
 * Tigrinya category's title (1 s) and its article's summary (2 s, at
 * 16 000 Hz: converted), a 440 Hz tone, and nothing else (the screen's
 * other texts have no recording and Tigrinya no voice). */
static void kiosk_plays_the_tigrinya_recording_through_sdl_disk_audio(void)
{
    const char *file = getenv("SDL_DISKAUDIOFILE");
    CHECK(file, "SDL_DISKAUDIOFILE is set");
    if (!file)
        return;
    rig r;
    rig_open(&r);
    CHECK(show(&r, "ti", SCREEN_CATEGORY, "diritti"), "ti diritti");
    CHECK(tap(&r, ACTION_SPEAK, NULL), "the speaker button is tapped");
    for (int i = 0; i < 1500 && kiosk_reading_aloud(r.kiosk); i++)
        SDL_Delay(10);
    SDL_Delay(300); /* the device's own buffer */
    rig_close(&r);  /* closes the device: the file is complete */

    FILE *f = fopen(file, "rb");
    CHECK(f, "%s written", file);
    if (!f)
        return;
    long sounding = 0, crossings = 0, total = 0;
    int16_t sample, previous = 0;
    while (fread(&sample, sizeof sample, 1, f) == 1) {
        total++;
        if (abs(sample) > 200)
            sounding++;
        if ((sample >= 0) != (previous >= 0) && abs(sample - previous) > 100)
            crossings++;
        previous = sample;
    }
    fclose(f);
    /* 22 050 samples a second (the device's rate, speech.c). */
    double seconds = (double)sounding / 22050, rate = crossings / 2.0 / ((double)sounding / 22050);
    printf("played %.2f s of sound (of %.2f s written), %.0f Hz\n", seconds, (double)total / 22050,
           rate);
    CHECK(seconds > 2.8 && seconds < 3.2, "three seconds of the tone, not %.2f s", seconds);
    CHECK(rate > 400 && rate < 480, "the 440 Hz tone, not %.0f Hz", rate);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_recordings CATALOGUE NAME\n");
        return 2;
    }
    catalog_path = argv[1];
    const char *name = argv[2];
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    static const struct {
        const char *name;
        void (*run)(void);
    } tests[] = {
        {"kiosk_reads_the_recording_where_present_and_espeak_for_the_other_texts",
         kiosk_reads_the_recording_where_present_and_espeak_for_the_other_texts},
        {"kiosk_speaker_shows_in_tigrinya_only_where_a_recording_exists",
         kiosk_speaker_shows_in_tigrinya_only_where_a_recording_exists},
        {"kiosk_reading_stops_at_navigation_and_at_the_idle_reset",
         kiosk_reading_stops_at_navigation_and_at_the_idle_reset},
        {"kiosk_recording_without_audio_device_does_not_crash",
         kiosk_recording_without_audio_device_does_not_crash},
        {"kiosk_plays_the_tigrinya_recording_through_sdl_disk_audio",
         kiosk_plays_the_tigrinya_recording_through_sdl_disk_audio},
    };
    bool found = false;
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        if (strcmp(tests[i].name, name) == 0) {
            found = true;
            tests[i].run();
        }
    SDL_Quit();
    if (!found) {
        fprintf(stderr, "no test %s\n", name);
        return 2;
    }
    return check_failures ? 1 : 0;
}
