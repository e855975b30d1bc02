/* test_kiosk.c - the kiosk driven like a person would, with synthetic SDL
 * events through the SDL event queue, on the software renderer.
 *
 *   test_kiosk CATALOG GOLDEN_DIR WORK_DIR TEST [LANG [WxH]]
 *
 * Each test checks the kiosk's state after the events (screen, language,
 * scroll, counters) and, for the journeys, compares screens with golden
 * PNGs in tests/app/golden/ (SPORTELLO_UPDATE_GOLDEN=1 rewrites them: look
 * at them before committing). */
#define _GNU_SOURCE /* unshare, CLONE_NEWNS */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <sqlite3.h>

#include "catalog_read.h"
#include "../check.h"
#include "counters.h"
#include "health.h"
#include "keyboard.h"
#include "kiosk.h"
#include "locale_info.h"
#include "log.h"
#include "paths.h"
#include "pin.h"
#include "../pixels.h"
#include "png_io.h"
#include "site_config.h"
#include "text.h"
#include "ui_text.h"

/* The window: 1280x800 unless a journey names another shape. */
static int WIDTH = 1280, HEIGHT = 800;
#define CHANNEL_TOLERANCE 48
#define PIXEL_SHARE_TOLERANCE 0.004

static const char *catalog_path, *golden_dir, *work_dir;
static const char *font_table; /* NULL: assets/fonts.txt */
static int errors_logged, warnings_logged;
static char last_error[512], last_warning[512];

static void sink(log_level level, const char *module, const char *message, void *user)
{
    (void)user;
    if (level >= LOG_ERROR) {
        errors_logged++;
        snprintf(last_error, sizeof last_error, "%s: %s", module, message);
    } else if (level == LOG_WARNING) {
        warnings_logged++;
        snprintf(last_warning, sizeof last_warning, "%s: %s", module, message);
    }
    if (level >= LOG_WARNING || getenv("SPORTELLO_DEBUG"))
        fprintf(stderr, "[%s] %s\n", module, message);
}

/* ---- a kiosk on a software surface --------------------------------- */

typedef struct rig {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    text_engine *engine;
    kiosk *kiosk;
    double now;
    char config[4096], counters[4096], versions[4200];
} rig;

/* Developer previews (kiosk_options.allow_unsigned) for the next rig_open. */
static bool rig_allow_unsigned;
/* The state folder (kiosk_options.state_dir: updates) for the next rig_open. */
static const char *rig_state_dir;
/* kiosk_options.starts_path for the next rig_open (NULL: not counted). */
static const char *rig_starts;

static void rig_open(rig *r, const char *catalog, const char *config_text, float dpi)
{
    memset(r, 0, sizeof *r);
    r->surface = SDL_CreateRGBSurfaceWithFormat(0, WIDTH, HEIGHT, 32, SDL_PIXELFORMAT_ARGB8888);
    r->renderer = SDL_CreateSoftwareRenderer(r->surface);
    char path[4096], *error = NULL;
    r->engine = text_engine_create(
        font_table ? font_table : asset_path("fonts.txt", path, sizeof path), &error);
    if (!r->engine) {
        fprintf(stderr, "%s\n", error);
        exit(1);
    }
    snprintf(r->config, sizeof r->config, "%s/site.conf", work_dir);
    snprintf(r->counters, sizeof r->counters, "%s/counters.sqlite", work_dir);
    unlink(r->counters);
    FILE *f = fopen(r->config, "w");
    if (f) { /* a read-only folder keeps the file it has */
        fputs(config_text ? config_text : "", f);
        fclose(f);
    }
    /* Kept across rig_open calls of one test: the highest catalogue
     * version accepted (a restart must remember it). */
    snprintf(r->versions, sizeof r->versions, "%s/catalog-versions", work_dir);
    kiosk_options options = {.catalog_path = catalog,
                             .allow_unsigned = rig_allow_unsigned,
                             .state_dir = rig_state_dir,
                             .starts_path = rig_starts,
                             .versions_path = r->versions,
                             .config_path = r->config,
                             .counters_path = r->counters,
                             .export_dir = work_dir,
                             .kiosk_mode = true,
                             .dpi = dpi,
                             .speech = false};
    r->now = 1000;
    r->kiosk = kiosk_create(r->renderer, r->engine, &options, r->now);
    if (!r->kiosk) {
        fprintf(stderr, "no kiosk\n");
        exit(1);
    }
    kiosk_draw(r->kiosk);
}

static void rig_close(rig *r)
{
    kiosk_destroy(r->kiosk);
    text_engine_destroy(r->engine);
    SDL_DestroyRenderer(r->renderer);
    SDL_FreeSurface(r->surface);
}

/* Lets time pass in small steps, drawing frames as the kiosk would. */
static void advance(rig *r, double seconds)
{
    double end = r->now + seconds;
    while (r->now < end) {
        r->now += 1.0 / 60 < end - r->now ? 1.0 / 60 : end - r->now;
        kiosk_pump_events(r->kiosk, r->now);
        kiosk_tick(r->kiosk, r->now);
    }
    kiosk_draw(r->kiosk);
}

static void push_finger(Uint32 type, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 7;
    e.tfinger.x = x / WIDTH;
    e.tfinger.y = y / HEIGHT;
    e.tfinger.pressure = 1;
    SDL_PushEvent(&e);
}

static void push_mouse(Uint32 type, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.which = 0;
    e.button.x = (int)x;
    e.button.y = (int)y;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* A finger tap (or, when `mouse`, a click) at a point. */
static void tap_at(rig *r, float x, float y, bool mouse)
{
    if (mouse)
        push_mouse(SDL_MOUSEBUTTONDOWN, x, y);
    else
        push_finger(SDL_FINGERDOWN, x, y);
    advance(r, 0.08);
    if (mouse)
        push_mouse(SDL_MOUSEBUTTONUP, x, y);
    else
        push_finger(SDL_FINGERUP, x, y);
    advance(r, 0.05);
}

static void drag(rig *r, float x, float y0, float y1, double seconds)
{
    push_finger(SDL_FINGERDOWN, x, y0);
    advance(r, 1.0 / 60);
    int steps = (int)(seconds * 60);
    for (int i = 1; i <= steps; i++) {
        push_finger(SDL_FINGERMOTION, x, y0 + (y1 - y0) * (float)i / (float)steps);
        advance(r, 1.0 / 60);
    }
    push_finger(SDL_FINGERUP, x, y1);
    advance(r, 1.0 / 60);
}

/* Taps the target with this action and arg; scrolls down to it first when
 * it is below the visible part of the screen.  False when not found. */
static bool tap(rig *r, kiosk_action action, const char *arg)
{
    for (int attempt = 0; attempt < 12; attempt++) {
        float x, y;
        if (!kiosk_find_target(r->kiosk, action, arg, &x, &y))
            return false;
        const view *v = kiosk_view(r->kiosk);
        int index = view_find(v, action, arg);
        bool fixed = index >= 0 && v->items[index].layer != VIEW_BODY;
        if (fixed || (y > v->body_top + 24 && y < v->body_bottom - 24)) {
            static int taps;
            tap_at(r, x, y, taps++ % 3 == 2); /* now and then a mouse click */
            return true;
        }
        /* Scroll with a slow drag (no fling) towards the target, in the
         * middle of the body. */
        float middle = (v->body_top + v->body_bottom) / 2;
        float distance = y > middle ? -400.0f : 400.0f;
        drag(r, WIDTH / 2.0f, middle - distance / 2, middle + distance / 2, 1.0);
        advance(r, 0.5);
    }
    return false;
}

static void key(rig *r, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    e.key.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    advance(r, 0.05);
}

static void golden(rig *r, const char *name)
{
    char path[4096], *error = NULL;
    snprintf(path, sizeof path, "%s/%s.png", golden_dir, name);
    kiosk_draw(r->kiosk);
    SDL_RenderPresent(r->renderer);
    char got_path[4096];
    snprintf(got_path, sizeof got_path, "%s/%s.png", work_dir, name);
    png_write_surface(got_path, r->surface, &error);
    free(error);
    error = NULL;
    if (getenv("SPORTELLO_UPDATE_GOLDEN")) {
        CHECK(png_write_surface(path, r->surface, &error), "%s", error ? error : "");
        printf("wrote %s\n", path);
        return;
    }
    SDL_Surface *want = png_read_surface(path, &error);
    if (!want) {
        CHECK(false, "%s (SPORTELLO_UPDATE_GOLDEN=1 makes it)", error ? error : path);
        free(error);
        return;
    }
    SDL_Surface *got = SDL_ConvertSurfaceFormat(r->surface, want->format->format, 0);
    bool same_size = got->w == want->w && got->h == want->h;
    size_t differing = same_size ? pixels_differing(got, want, CHANNEL_TOLERANCE) : 0;
    double share = (double)differing / ((double)WIDTH * HEIGHT);
    printf("%s: %zu pixels differ (%.3f%%), drawn in %s\n", name, differing, share * 100, got_path);
    CHECK(same_size && share <= PIXEL_SHARE_TOLERANCE, "%s differs from its golden PNG", name);
    SDL_FreeSurface(got);
    SDL_FreeSurface(want);
}

static long count_rows(const char *counters, const char *where)
{
    sqlite3 *db = NULL;
    long n = -1;
    if (sqlite3_open_v2(counters, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT coalesce(sum(count), 0) FROM counts WHERE %s", where);
        sqlite3_stmt *stmt;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
            if (sqlite3_step(stmt) == SQLITE_ROW)
                n = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
        }
    }
    sqlite3_close(db);
    return n;
}

/* ---- the tests ------------------------------------------------------ */

/* Large text on a portrait tablet (800x1280): home, a service, an article
 * and Help now as goldens (NAME-large-SCREEN-800x1280.png), each screen
 * laid out again with every text larger and nothing clipped (the resize
 * test checks overlaps; these are for the eye). */
static void large_text_goldens(const char *lang)
{
    WIDTH = 800, HEIGHT = 1280;
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, lang), "no tile for %s", lang);
    CHECK(tap(&r, ACTION_TEXT_SIZE, NULL) && kiosk_large_text(r.kiosk),
          "large text from its button");
    static const struct {
        kiosk_screen screen;
        const char *arg, *name;
    } screens[] = {{SCREEN_HOME, NULL, "home"},
                   {SCREEN_SERVICE, "questura-mantova-immigrazione", "service"},
                   {SCREEN_ARTICLE, "caporalato", "article"},
                   {SCREEN_HELP, NULL, "help"}};
    for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
        CHECK(kiosk_show(r.kiosk, lang, screens[i].screen, screens[i].arg, r.now), "show %s",
              screens[i].name);
        kiosk_set_large_text(r.kiosk, true); /* kiosk_show starts a session */
        char name[64];
        snprintf(name, sizeof name, "%s-large-%s-800x1280", lang, screens[i].name);
        golden(&r, name);
    }
    rig_close(&r);
}

/* Language, category, service, QR, back, scrolling with inertia, idle
 * countdown and reset; counters; golden screens. */
static void journey(const char *lang, const char *shape)
{
    /* Golden names carry the shape but at 1280x800 (the first goldens). */
    char suffix[32] = "";
    if (shape && sscanf(shape, "%dx%d", &WIDTH, &HEIGHT) == 2 && (WIDTH != 1280 || HEIGHT != 800))
        snprintf(suffix, sizeof suffix, "-%dx%d", WIDTH, HEIGHT);
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "starts on the language picker");
    CHECK(tap(&r, ACTION_LANGUAGE, lang), "no tile for %s", lang);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_HOME, "home after picking %s", lang);
    CHECK(strcmp(kiosk_language(r.kiosk), lang) == 0, "language %s", kiosk_language(r.kiosk));
    char name[64];
    snprintf(name, sizeof name, "%s-home%s", lang, suffix);
    golden(&r, name);
    /* Drawn again, the texts on cards and on the background come from
     * retained lines: a copy per line, not per glyph. */
    atlas_stats atlas;
    line_cache_stats before, after, kept;
    CHECK(!kiosk_wants_frame(r.kiosk), "an unchanged screen wants no frame");
    kiosk_draw(r.kiosk); /* the same picture a second time: kept */
    kiosk_text_stats(r.kiosk, &atlas, &before);
    kiosk_draw(r.kiosk); /* and again: a copy of the kept frame */
    kiosk_text_stats(r.kiosk, &atlas, &kept);
    CHECK(kept.hits == before.hits && kept.misses == before.misses,
          "an unchanged screen drew %zu lines again", kept.hits - before.hits);
    golden(&r, name);                    /* and the copy is the same picture */
    kiosk_set_scroll_bar(r.kiosk, true); /* drawn anew */
    kiosk_draw(r.kiosk);
    kiosk_text_stats(r.kiosk, &atlas, &after);
    const view *v = kiosk_view(r.kiosk);
    size_t texts = 0, retained = 0;
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].kind == VIEW_TEXT) {
            texts++;
            retained += v->items[i].under >= -1;
        }
    printf("home: %zu of %zu texts on known ground; %zu lines drawn from the cache\n", retained,
           texts, after.hits - before.hits);
    CHECK(retained * 10 >= texts * 7 && after.hits - before.hits >= retained,
          "retained lines: %zu of %zu texts, %zu hits", retained, texts, after.hits - before.hits);

    kiosk_set_scroll(r.kiosk, 40);
    CHECK(kiosk_wants_frame(r.kiosk) == (kiosk_scroll(r.kiosk) > 0),
          "a scrolled screen wants a frame");
    kiosk_set_scroll(r.kiosk, 0);
    CHECK(tap(&r, ACTION_CATEGORY, "permesso"), "no category permesso");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_CATEGORY &&
              strcmp(kiosk_screen_arg(r.kiosk), "permesso") == 0,
          "category screen, got %s %s", kiosk_screen_name(kiosk_current_screen(r.kiosk)),
          kiosk_screen_arg(r.kiosk));
    CHECK(tap(&r, ACTION_SERVICE, "questura-mantova-immigrazione"), "no Questura in the list");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SERVICE, "service screen");
    snprintf(name, sizeof name, "%s-service%s", lang, suffix);
    golden(&r, name);

    CHECK(tap(&r, ACTION_QR, "questura-mantova-immigrazione"), "no QR code");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_QR, "QR screen");
    CHECK(tap(&r, ACTION_BACK, NULL), "no Back");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SERVICE, "back to the service");

    /* Large text from the pictogram button in the bar, on and off again,
     * the screen kept. */
    CHECK(tap(&r, ACTION_TEXT_SIZE, NULL) && kiosk_large_text(r.kiosk), "large text on");
    CHECK(tap(&r, ACTION_TEXT_SIZE, NULL) && !kiosk_large_text(r.kiosk), "large text off");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SERVICE, "large text keeps the screen");
    /* High contrast from its pictogram button, on, kept across screens,
     * off again. */
    CHECK(tap(&r, ACTION_CONTRAST, NULL) && kiosk_high_contrast(r.kiosk), "high contrast on");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SERVICE, "high contrast keeps the screen");
    CHECK(tap(&r, ACTION_CONTRAST, NULL) && !kiosk_high_contrast(r.kiosk), "high contrast off");

    /* A fling: the page keeps moving after the finger lifts, then stops. */
    CHECK(tap(&r, ACTION_HOME, NULL), "no Home");
    CHECK(tap(&r, ACTION_ARTICLE, NULL) ||
              (tap(&r, ACTION_CATEGORY, "diritti") && tap(&r, ACTION_ARTICLE, NULL)),
          "no article");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_ARTICLE, "article screen");
    float fx = WIDTH / 2.0f, fy = kiosk_view(r.kiosk)->body_top + 500;
    push_finger(SDL_FINGERDOWN, fx, fy);
    advance(&r, 1.0 / 60);
    for (int i = 1; i <= 6; i++) {
        push_finger(SDL_FINGERMOTION, fx, fy - 40.0f * (float)i);
        advance(&r, 1.0 / 60);
    }
    push_finger(SDL_FINGERUP, fx, fy - 240);
    advance(&r, 1.0 / 60);
    float lifted = kiosk_scroll(r.kiosk);
    advance(&r, 0.3);
    float later = kiosk_scroll(r.kiosk);
    advance(&r, 3);
    float settled = kiosk_scroll(r.kiosk);
    advance(&r, 0.5);
    CHECK(lifted >= 200, "the drag scrolled %g px", lifted);
    CHECK(later > lifted + 20, "inertia: %g after lifting, %g 0.3 s later", lifted, later);
    CHECK(kiosk_scroll(r.kiosk) == settled, "scrolling stops");

    /* Large text is reset with everything else (set without a touch, so
     * the idle clock below still counts from the fling). */
    kiosk_set_large_text(r.kiosk, true);

    /* Idle: countdown at the timeout, then the language picker. */
    advance(&r, 85); /* the last touch was 4.3 s ago */
    CHECK(!kiosk_idle_countdown(r.kiosk), "no countdown before 90 s");
    advance(&r, 2);
    CHECK(kiosk_idle_countdown(r.kiosk), "countdown after 90 s");
    snprintf(name, sizeof name, "%s-idle%s", lang, suffix);
    golden(&r, name);
    advance(&r, 10);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset to the picker");
    CHECK(kiosk_language(r.kiosk)[0] == '\0', "language dropped");
    CHECK(!kiosk_large_text(r.kiosk), "large text dropped");
    CHECK(kiosk_scroll(r.kiosk) == 0, "scroll dropped");
    CHECK(tap(&r, ACTION_LANGUAGE, lang) && kiosk_current_screen(r.kiosk) == SCREEN_HOME,
          "usable again");
    CHECK(tap(&r, ACTION_BACK, NULL) && kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES,
          "Back from home goes to the picker");
    rig_close(&r);

    /* Counters: only screen x language x day, and the visits made. */
    char where[128];
    snprintf(where, sizeof where, "language = '%s' AND screen = 'service'", lang);
    CHECK(count_rows(r.counters, where) == 1, "service counted once (coming back is not a visit)");
    snprintf(where, sizeof where, "language = '%s' AND screen = 'qr'", lang);
    CHECK(count_rows(r.counters, where) == 1, "QR counted once");
    CHECK(count_rows(r.counters, "language NOT IN ('it','en','fr','ar','ur','fa','ps','pa','bn',"
                                 "'ti','zh','ro','sq','uk')") == 0,
          "only language codes stored");
}

static void escape_attempts(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "tile");
    kiosk_screen before = kiosk_current_screen(r.kiosk);
    SDL_Event quit = {.type = SDL_QUIT};
    SDL_PushEvent(&quit);
    SDL_Event close = {.type = SDL_WINDOWEVENT};
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    SDL_PushEvent(&close);
    advance(&r, 0.1);
    key(&r, SDLK_ESCAPE, 0);
    key(&r, SDLK_F4, KMOD_LALT);
    key(&r, SDLK_q, KMOD_LCTRL);
    key(&r, SDLK_w, KMOD_LCTRL);
    key(&r, SDLK_TAB, KMOD_LALT);
    /* Every key SDL knows, with every modifier combination that matters. */
    static const Uint16 mods[] = {
        0, KMOD_LCTRL, KMOD_LALT, KMOD_LGUI, KMOD_LCTRL | KMOD_LALT, KMOD_LSHIFT | KMOD_LCTRL};
    for (int sc = 0; sc < SDL_NUM_SCANCODES; sc++) {
        SDL_Keycode sym = SDL_GetKeyFromScancode((SDL_Scancode)sc);
        if (sym == SDLK_UNKNOWN || sym == SDLK_BACKSPACE || sym == SDLK_AC_BACK)
            continue;
        for (size_t m = 0; m < sizeof mods / sizeof *mods; m++) {
            SDL_Event e = {0};
            e.type = SDL_KEYDOWN;
            e.key.keysym.scancode = (SDL_Scancode)sc;
            e.key.keysym.sym = sym;
            e.key.keysym.mod = mods[m];
            kiosk_handle_event(r.kiosk, &e, r.now);
        }
    }
    advance(&r, 0.1);
    CHECK(!kiosk_exit_requested(r.kiosk), "a key or close event left kiosk mode");
    CHECK(kiosk_current_screen(r.kiosk) == before, "screen changed to %s",
          kiosk_screen_name(kiosk_current_screen(r.kiosk)));
    rig_close(&r);
}

static void long_press(rig *r, float x, float y)
{
    push_finger(SDL_FINGERDOWN, x, y);
    advance(r, 1.5);
    push_finger(SDL_FINGERUP, x, y);
    advance(r, 0.1);
}

static void corners(rig *r)
{
    long_press(r, 10, 10);
    long_press(r, WIDTH - 10, 10);
    long_press(r, WIDTH - 10, HEIGHT - 10);
    long_press(r, 10, HEIGHT - 10);
}

static void type_pin(rig *r, const char *pin)
{
    for (const char *p = pin; *p; p++) {
        char digit[2] = {*p, 0};
        CHECK(tap(r, ACTION_PIN_DIGIT, digit), "no key %s", digit);
    }
    CHECK(tap(r, ACTION_PIN_OK, NULL), "no OK key");
}

static void copy_file(const char *from, const char *to);
static void run_sql(const char *path, const char *sql);

static void operator_access(void)
{
    char hash[256], config[512];
    CHECK(pin_hash("2468", hash, sizeof hash), "hash");
    snprintf(config, sizeof config, "town = suzzara\nidle_timeout = 90\npin = %s\n", hash);
    /* The screen shows the catalogue's build time: a fixed one, so that
     * the golden does not change with each build. */
    char fixed[4200];
    snprintf(fixed, sizeof fixed, "%s/operator-catalog.sqlite", work_dir);
    copy_file(catalog_path, fixed);
    run_sql(fixed, "UPDATE meta SET value = '2026-12-01T09:00:00Z' WHERE key = 'built_at'");
    rig r;
    rig_open(&r, fixed, config, 0);
    /* Corners out of order, or short presses, do nothing. */
    long_press(&r, WIDTH - 10, 10);
    long_press(&r, 10, 10);
    tap_at(&r, WIDTH - 10, 10, false);
    long_press(&r, WIDTH - 10, HEIGHT - 10);
    long_press(&r, 10, HEIGHT - 10);
    CHECK(kiosk_current_screen(r.kiosk) != SCREEN_PIN, "a wrong gesture opened the PIN pad");
    corners(&r);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_PIN, "the gesture opens the PIN pad");
    /* Wrong PINs back off: the fourth attempt at once is refused even
     * when right. */
    type_pin(&r, "1111");
    type_pin(&r, "2222");
    type_pin(&r, "3333");
    type_pin(&r, "2468");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_PIN, "a locked PIN pad let the PIN in");
    advance(&r, 31);
    type_pin(&r, "2468");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_OPERATOR, "right PIN after the wait: %s",
          kiosk_screen_name(kiosk_current_screen(r.kiosk)));
    golden(&r, "operator");
    /* Switch Tigrinya off, change the timeout, export, save and close. */
    CHECK(tap(&r, ACTION_OPERATOR_LANGUAGE, "ti"), "language toggle");
    CHECK(tap(&r, ACTION_OPERATOR_IDLE_MORE, NULL), "idle +");
    CHECK(tap(&r, ACTION_OPERATOR_EXPORT, NULL), "export");
    CHECK(tap(&r, ACTION_CANCEL, NULL), "save and close");
    site_config saved;
    site_config_defaults(&saved);
    CHECK(site_config_load(&saved, r.config), "saved configuration reads back");
    CHECK(saved.idle_timeout == 120, "idle timeout saved: %d", saved.idle_timeout);
    bool has_ti = false;
    for (int i = 0; i < saved.language_count; i++)
        has_ti = has_ti || strcmp(saved.languages[i], "ti") == 0;
    CHECK(!has_ti && saved.language_count == 13, "ti switched off (%d languages)",
          saved.language_count);
    CHECK(strcmp(saved.town, "suzzara") == 0 && pin_verify("2468", saved.pin_hash),
          "town and PIN kept");
    CHECK(!kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ti", &(float){0}, &(float){0}),
          "ti still on the picker");
    /* Exit needs the gesture and PIN again. */
    corners(&r);
    type_pin(&r, "2468");
    CHECK(tap(&r, ACTION_OPERATOR_EXIT, NULL) && kiosk_exit_requested(r.kiosk), "exit");
    rig_close(&r);
}

static bool screen_has_ink(rig *r)
{
    kiosk_draw(r->kiosk);
    SDL_RenderPresent(r->renderer);
    /* Count dark pixels: text on the light background. */
    size_t dark = 0;
    for (int y = 0; y < HEIGHT; y++) {
        const Uint32 *row =
            (const Uint32 *)((const Uint8 *)r->surface->pixels + y * r->surface->pitch);
        for (int x = 0; x < WIDTH; x++)
            dark += ((row[x] >> 8) & 0xff) < 100;
    }
    return dark > 5000;
}

static void copy_file(const char *from, const char *to)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", to);
    FILE *in = fopen(from, "rb"), *out = fopen(tmp, "wb");
    char buffer[65536];
    size_t n;
    while (in && out && (n = fread(buffer, 1, sizeof buffer, in)) > 0)
        fwrite(buffer, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    rename(tmp, to);
}

/* Puts a new catalogue at `path` (as a build does: written beside, then
 * renamed), one the kiosk can be seen to load: Pashto is not in it. */
static void put_catalogue_without_pashto(const char *path)
{
    char next[4200];
    snprintf(next, sizeof next, "%s.next", path);
    copy_file(catalog_path, next);
    sqlite3 *db;
    sqlite3_open(next, &db);
    sqlite3_exec(db, "DELETE FROM languages WHERE code = 'ps'", 0, 0, 0);
    sqlite3_close(db);
    rename(next, path);
}

static void bad_catalogue(const char *kind)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-%s.sqlite", work_dir, kind);
    unlink(path);
    if (strcmp(kind, "random") == 0) {
        FILE *f = fopen(path, "wb");
        srand(7);
        for (int i = 0; i < 100000; i++)
            fputc(rand() & 0xff, f);
        fclose(f);
    } else if (strcmp(kind, "truncated") == 0) {
        copy_file(catalog_path, path);
        struct stat st;
        stat(path, &st);
        CHECK(truncate(path, st.st_size / 3) == 0, "truncate");
    } else if (strcmp(kind, "schema") == 0) {
        copy_file(catalog_path, path);
        sqlite3 *db;
        sqlite3_open(path, &db);
        sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", 0, 0, 0);
        sqlite3_close(db);
    }
    errors_logged = 0;
    rig r;
    rig_open(&r, path, NULL, 0);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "starts");
    kiosk_draw(r.kiosk);
    CHECK(errors_logged == 1, "%s: %d error lines (one wanted)", kind, errors_logged);
    printf("%s: logged \"%s\"\n", kind, last_error);
    CHECK(screen_has_ink(&r), "%s: the out-of-service screen is blank", kind);
    /* Taps anywhere do nothing harmful. */
    for (int i = 0; i < 50; i++)
        tap_at(&r, (float)(rand() % WIDTH), (float)(rand() % HEIGHT), i % 2);
    char name[64];
    snprintf(name, sizeof name, "out-of-service-%s", kind);
    if (strcmp(kind, "missing") == 0)
        golden(&r, "out-of-service");
    /* A good catalogue put in place is loaded by itself. */
    copy_file(catalog_path, path);
    advance(&r, 61);
    advance(&r, 100);
    CHECK(tap(&r, ACTION_LANGUAGE, "ur"), "%s: the good catalogue was not loaded", kind);
    rig_close(&r);
    unlink(path);
}

/* ---- signed catalogues (docs/kiosk.md) ------------------------------------ */

/* The bundled catalogue is signed with the build's development key;
 * meson gives its two halves (po-content/development.{pub,secret}). */
static const char *public_key_file, *secret_key_file;

static void trusted_config(char *out, size_t size)
{
    snprintf(out, size, "trusted_keys = %s\n", public_key_file);
}

static void run_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK, "%s: cannot open", path);
    char *error = NULL;
    CHECK(sqlite3_exec(db, sql, NULL, NULL, &error) == SQLITE_OK, "%s: %s", sql,
          error ? error : "?");
    sqlite3_free(error);
    CHECK(sqlite3_changes(db) > 0, "%s changed nothing", sql);
    sqlite3_close(db);
}

static void strip_signature(const char *path)
{
    struct stat st;
    CHECK(stat(path, &st) == 0 && truncate(path, st.st_size - SIGNED_TRAILER_SIZE) == 0,
          "%s: cannot cut the signature off", path);
}

static void sign_with(const char *path, const char *secret_file)
{
    signed_secret secret;
    char why[512];
    CHECK(signed_secret_read(secret_file, &secret, why, sizeof why), "%s", why);
    CHECK(signed_append(path, &secret, why, sizeof why), "%s", why);
    signed_secret_forget(&secret);
}

/* The bundled catalogue, edited with `sql` and signed again with the
 * trusted key (a catalogue the signer really made). */
static void resigned(const char *path, const char *sql)
{
    strip_signature(path);
    run_sql(path, sql);
    sign_with(path, secret_key_file);
}

/* Puts at `path` (written beside, then renamed, as a build or an update
 * does) the bundled catalogue made untrustworthy as `kind` says: unsigned,
 * other-key, 112-to-113, language-deleted, older, integrity, newer, or
 * flip-N (one bit of byte N, from the end when N < 0).  Returns what the
 * log line must say. */
static const char *put_variant(const char *kind, const char *path)
{
    char next[4200];
    snprintf(next, sizeof next, "%s.next", path);
    copy_file(catalog_path, next);
    const char *says = "bad signature";
    if (strcmp(kind, "unsigned") == 0) {
        strip_signature(next);
        says = "not signed";
    } else if (strcmp(kind, "other-key") == 0) {
        char secret[4200], public[4200], why[512];
        snprintf(secret, sizeof secret, "%s/other.secret", work_dir);
        snprintf(public, sizeof public, "%s/other.pub", work_dir);
        CHECK(signed_keygen(secret, public, "other", true, why, sizeof why), "%s", why);
        strip_signature(next);
        sign_with(next, secret);
        says = "not among the trusted keys";
    } else if (strcmp(kind, "112-to-113") == 0) {
        run_sql(next, "UPDATE phones SET number = '113' WHERE number = '112'");
    } else if (strcmp(kind, "language-deleted") == 0) {
        run_sql(next, "DELETE FROM texts WHERE language = 'ar'");
    } else if (strcmp(kind, "older") == 0) {
        resigned(next, "UPDATE meta SET value = '2020-01-01T00:00:00Z' WHERE key = 'built_at'");
        says = "older than the one accepted (rollback)";
    } else if (strcmp(kind, "newer") == 0) {
        resigned(next, "UPDATE meta SET value = '2099-01-01T00:00:00Z' WHERE key = 'built_at';"
                       " DELETE FROM languages WHERE code = 'ps'");
        says = NULL;
    } else if (strcmp(kind, "integrity") == 0) {
        /* A row against its table's CHECK: quick_check on a read-only
         * file does not see it. */
        resigned(next, "PRAGMA ignore_check_constraints = 1; UPDATE texts SET status = 'invented'"
                       " WHERE key = (SELECT min(key) FROM texts) AND language = 'it'");
        says = "integrity check failed";
    } else if (strncmp(kind, "flip-", 5) == 0) {
        struct stat st;
        stat(next, &st);
        long offset = atol(kind + 5);
        if (offset < 0)
            offset += (long)st.st_size;
        FILE *f = fopen(next, "r+b");
        CHECK(f && fseek(f, offset, SEEK_SET) == 0, "seek to %ld", offset);
        int byte = f ? fgetc(f) : 0;
        if (f) {
            fseek(f, offset, SEEK_SET);
            fputc(byte ^ 0x10, f);
            fclose(f);
        }
        says = NULL; /* which sentence depends on the byte */
    }
    CHECK(rename(next, path) == 0, "rename %s", next);
    return says;
}

static bool out_of_service(rig *r)
{
    return !kiosk_find_target(r->kiosk, ACTION_LANGUAGE, "it", &(float){0}, &(float){0});
}

/* A kiosk that trusts the build's key starts on the `kind` catalogue: out
 * of service, one log line saying why. */
static void signed_refused_at_start(const char *kind)
{
    char path[4096], config[4400];
    snprintf(path, sizeof path, "%s/catalog.sqlite", work_dir);
    unlink(path);
    trusted_config(config, sizeof config);
    rig r;
    if (strcmp(kind, "older") == 0) {
        /* The kiosk accepted the bundled catalogue once, then restarts. */
        copy_file(catalog_path, path);
        rig_open(&r, path, config, 0);
        CHECK(!out_of_service(&r), "the bundled catalogue was not accepted");
        rig_close(&r);
    }
    const char *says = put_variant(kind, path);
    errors_logged = 0;
    last_error[0] = '\0';
    rig_open(&r, path, config, 0);
    printf("%s at start: logged \"%s\"\n", kind, last_error);
    CHECK(errors_logged == 1, "%s: %d error lines (one wanted)", kind, errors_logged);
    CHECK(strstr(last_error, "out of service") && (!says || strstr(last_error, says)),
          "%s: the line does not say \"%s\": %s", kind, says ? says : "", last_error);
    CHECK(out_of_service(&r), "%s: the kiosk shows a catalogue", kind);
    CHECK(screen_has_ink(&r), "%s: the out-of-service screen is blank", kind);
    rig_close(&r);
}

/* A kiosk in service on the bundled catalogue is offered the `kind` one
 * (each kind of a comma-separated list in turn): each is refused with one
 * log line at the idle reset and the catalogue in use stays. */
static void signed_refused_in_use(const char *kinds)
{
    char path[4096], config[4400];
    snprintf(path, sizeof path, "%s/catalog.sqlite", work_dir);
    copy_file(catalog_path, path);
    trusted_config(config, sizeof config);
    errors_logged = 0;
    rig r;
    rig_open(&r, path, config, 0);
    CHECK(errors_logged == 0 && !out_of_service(&r), "the bundled catalogue was refused: %s",
          last_error);
    char list[1024];
    snprintf(list, sizeof list, "%s", kinds);
    for (char *state = NULL, *kind = strtok_r(list, ",", &state); kind;
         kind = strtok_r(NULL, ",", &state)) {
        const char *says = put_variant(kind, path);
        errors_logged = 0;
        last_error[0] = '\0';
        /* The new file is tried once an idle period (90 s) has passed;
         * then no second line comes. */
        for (int second = 0; second < 101 && errors_logged == 0; second++)
            advance(&r, 1);
        advance(&r, 10);
        printf("%s in use: logged \"%s\"\n", kind, last_error);
        CHECK(errors_logged == 1, "%s: %d error lines (one wanted)", kind, errors_logged);
        CHECK(strstr(last_error, "the one in use stays") && (!says || strstr(last_error, says)),
              "%s: the line does not say \"%s\": %s", kind, says ? says : "", last_error);
        CHECK(!out_of_service(&r), "%s: the catalogue in use was dropped", kind);
        CHECK(kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ps", &(float){0}, &(float){0}),
              "%s: not the catalogue in use", kind);
    }
    rig_close(&r);
}

/* A newer signed catalogue is loaded and its version remembered: after a
 * restart the bundled one, older, is refused (rollback). */
static void signed_newer_then_rollback(void)
{
    char path[4096], config[4400];
    snprintf(path, sizeof path, "%s/catalog.sqlite", work_dir);
    copy_file(catalog_path, path);
    trusted_config(config, sizeof config);
    rig r;
    errors_logged = 0;
    rig_open(&r, path, config, 0);
    put_variant("newer", path);
    advance(&r, 101);
    CHECK(errors_logged == 0, "the newer catalogue was refused: %s", last_error);
    CHECK(!kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ps", &(float){0}, &(float){0}),
          "the newer catalogue (without ps) is not in use");
    rig_close(&r);
    FILE *f = fopen(r.versions, "r");
    char line[128] = "";
    CHECK(f && fgets(line, sizeof line, f), "%s not written", r.versions);
    if (f)
        fclose(f);
    printf("%s: %s", r.versions, line);
    CHECK(strstr(line, " 4070908800\n") != NULL, "2099-01-01 not remembered: %s", line);
    copy_file(catalog_path, path);
    errors_logged = 0;
    rig_open(&r, path, config, 0);
    printf("after a restart: logged \"%s\"\n", last_error);
    CHECK(errors_logged == 1 && strstr(last_error, "older than the one accepted (rollback)"),
          "%d lines: %s", errors_logged, last_error);
    CHECK(out_of_service(&r), "the older catalogue was loaded after a restart");
    rig_close(&r);
}

/* A site configuration naming only a key file that cannot be read: no
 * catalogue is trusted, out of service, one line. */
static void signed_no_key_readable(void)
{
    rig r;
    errors_logged = 0;
    rig_open(&r, catalog_path, "trusted_keys = /nonexistent/agency.pub\n", 0);
    printf("logged \"%s\"\n", last_error);
    CHECK(errors_logged == 1 && strstr(last_error, "no trusted key can be read"), "%d lines: %s",
          errors_logged, last_error);
    CHECK(out_of_service(&r), "a catalogue was loaded with no trusted key");
    rig_close(&r);
}

/* A developer's preview (--screenshots, --check-layout) shows an unsigned
 * catalogue, with a warning, but not a signed one that was tampered with. */
static void signed_preview(void)
{
    char path[4096], config[4400];
    snprintf(path, sizeof path, "%s/catalog.sqlite", work_dir);
    trusted_config(config, sizeof config);
    rig_allow_unsigned = true;
    put_variant("unsigned", path);
    errors_logged = warnings_logged = 0;
    last_warning[0] = '\0';
    rig r;
    rig_open(&r, path, config, 0);
    CHECK(errors_logged == 0 && !out_of_service(&r), "the unsigned preview was refused: %s",
          last_error);
    /* (a build without the kiosk's translations warns about them first) */
    CHECK(warnings_logged >= 1 && strstr(last_warning, "not signed: shown for a preview only"),
          "%d warnings, the last: %s", warnings_logged, last_warning);
    rig_close(&r);
    put_variant("112-to-113", path);
    errors_logged = 0;
    rig_open(&r, path, config, 0);
    CHECK(errors_logged == 1 && strstr(last_error, "bad signature") && out_of_service(&r),
          "a tampered signed catalogue in a preview: %d lines: %s", errors_logged, last_error);
    rig_close(&r);
    rig_allow_unsigned = false;
}

/* The build's test key pair (meson passes it), for the tests that sign
 * catalogues; false, counted as a failure, without it. */
static bool test_keys_given(void)
{
    public_key_file = getenv("SPORTELLO_TEST_PUBLIC_KEY");
    secret_key_file = getenv("SPORTELLO_TEST_SECRET_KEY");
    if (public_key_file && secret_key_file)
        return true;
    fprintf(stderr, "SPORTELLO_TEST_PUBLIC_KEY and SPORTELLO_TEST_SECRET_KEY are needed\n");
    check_failures++;
    return false;
}

static void signed_catalogues(const char *test)
{
    if (!test_keys_given())
        return;
    char versions[4200];
    snprintf(versions, sizeof versions, "%s/catalog-versions", work_dir);
    unlink(versions);
    if (strncmp(test, "start:", 6) == 0)
        signed_refused_at_start(test + 6);
    else if (strncmp(test, "in-use:", 7) == 0)
        signed_refused_in_use(test + 7);
    else if (strcmp(test, "rollback") == 0)
        signed_newer_then_rollback();
    else if (strcmp(test, "no-key") == 0)
        signed_no_key_readable();
    else if (strcmp(test, "preview") == 0)
        signed_preview();
    else {
        fprintf(stderr, "unknown signed test %s\n", test);
        check_failures++;
    }
}

/* ---- updates from the update folder (docs/kiosk.md, "Updates") ------------ */

static char update_folder[4200], state_folder[4200];

/* A kiosk trusting the build's key, watching WORK/incoming, with its state
 * in WORK/state, both empty; in service on the bundled catalogue. */
static void update_rig(rig *r, bool fresh)
{
    char path[4096], config[9000], command[9000];
    snprintf(update_folder, sizeof update_folder, "%s/incoming", work_dir);
    snprintf(state_folder, sizeof state_folder, "%s/state", work_dir);
    if (fresh) {
        snprintf(command, sizeof command, "rm -rf '%s' '%s' '%s/catalog-versions'", update_folder,
                 state_folder, work_dir);
        CHECK(system(command) == 0, "%s", command);
        CHECK(mkdir(update_folder, 0755) == 0 && mkdir(state_folder, 0755) == 0, "mkdir");
    }
    snprintf(path, sizeof path, "%s/catalog.sqlite", work_dir);
    if (fresh)
        copy_file(catalog_path, path);
    snprintf(config, sizeof config, "trusted_keys = %s\nupdate_folder = %s\n", public_key_file,
             update_folder);
    rig_state_dir = state_folder;
    rig_open(r, path, config, 0);
    rig_state_dir = NULL;
}

static bool has_pashto(rig *r)
{
    const char *codes[64];
    size_t n = kiosk_languages(r->kiosk, codes, 64);
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], "ps") == 0)
            return true;
    return false;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The state folder's record of the last refused update ("" when none). */
static void refusal_text(char *out, size_t size)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/update-refused", state_folder);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(out, 1, size - 1, f) : 0;
    out[n] = '\0';
    if (f)
        fclose(f);
}

static bool refusal_names(const char *name)
{
    char text[8192], line[512];
    refusal_text(text, sizeof text);
    snprintf(line, sizeof line, "file %s\n", name);
    return strstr(text, line) != NULL;
}

/* Lets the kiosk take SDL events (the watching thread's) until `done`: a
 * few real seconds at most, a thousandth of a second of the kiosk's time
 * per step (no idle reset comes from this).  False after 60 s. */
static bool wait_until(rig *r, bool (*done)(const char *), const char *arg)
{
    for (int step = 0; step < 6000; step++) {
        r->now += 0.001;
        kiosk_pump_events(r->kiosk, r->now);
        kiosk_tick(r->kiosk, r->now);
        if (done(arg))
            return true;
        SDL_Delay(10);
    }
    return false;
}

static bool state_catalogue_exists(const char *unused)
{
    (void)unused;
    char path[4400];
    snprintf(path, sizeof path, "%s/catalog.sqlite", state_folder);
    return file_exists(path);
}

/* Writes `size` bytes of the file `from` at `to` (no rename): a copy cut
 * short, or one written in place. */
static void write_part(const char *from, const char *to, long size)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    CHECK(in && out, "%s -> %s", from, to);
    char buffer[65536];
    long done = 0;
    size_t n;
    while (in && out && done < size &&
           (n = fread(buffer, 1,
                      (size_t)(size - done) < sizeof buffer ? (size_t)(size - done) : sizeof buffer,
                      in)) > 0) {
        fwrite(buffer, 1, n, out);
        done += (long)n;
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The text of the operator screen's slot `slot`. */
typedef struct slot_finder {
    const char *slot;
    char text[1024];
} slot_finder;

static void find_slot_text(const screen_slot *slot, void *user)
{
    slot_finder *f = user;
    if (strcmp(slot->slot, f->slot) == 0)
        snprintf(f->text, sizeof f->text, "%s", slot->text);
}

static void operator_slot(rig *r, const char *slot, char *out, size_t size)
{
    slot_finder f = {slot, ""};
    kiosk_slot_state state = {0};
    kiosk_list_slots(r->kiosk, "it", SCREEN_OPERATOR, NULL, WIDTH, HEIGHT, 0, &state,
                     find_slot_text, &f);
    snprintf(out, size, "%s", f.text);
}

/* A newer catalogue dropped in the folder while a visitor reads: accepted
 * into the state folder at once, in service only at the idle reset. */
static void update_at_idle_reset(void)
{
    rig r;
    update_rig(&r, true);
    CHECK(has_pashto(&r), "the bundled catalogue is not in service");
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "no Italian tile");
    char drop[4400], newer[4400];
    snprintf(newer, sizeof newer, "%s/newer.sqlite", work_dir);
    put_variant("newer", newer);
    snprintf(drop, sizeof drop, "%s/catalog.sqlite", update_folder);
    copy_file(newer, drop); /* written as catalog.sqlite.tmp, then renamed */
    CHECK(wait_until(&r, state_catalogue_exists, NULL), "the update was not accepted");
    advance(&r, 30);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_HOME, "the visitor's screen changed");
    CHECK(has_pashto(&r), "the update was put in service in the middle of a visitor's session");
    char line[1024];
    operator_slot(&r, "operator.catalogue", line, sizeof line);
    printf("during the session: %s\n", line);
    advance(&r, 101); /* the visitor leaves: idle reset */
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "no idle reset");
    CHECK(!has_pashto(&r), "the update is not in service after the idle reset");
    operator_slot(&r, "operator.catalogue", line, sizeof line);
    printf("after the idle reset: %s\n", line);
    CHECK(strstr(line, "4070908800") && strstr(line, "2099-01-01 00:00 UTC") &&
              strstr(line, "development"),
          "the operator screen does not show the new version, date and key: %s", line);
    rig_close(&r);
    /* A restart keeps the update (newer than the installed catalogue). */
    errors_logged = 0;
    update_rig(&r, false);
    CHECK(errors_logged == 0 && !has_pashto(&r), "after a restart: %s", last_error);
    rig_close(&r);
}

static bool refusal_names_file(const char *name)
{
    return refusal_names(name);
}

/* Half-copied files are never loaded: a copy cut short under the final
 * name (refused), rsync's temporary name written in two goes and a *.part
 * (never looked at); renamed to its final name, the same file is taken. */
static void update_partial_files(void)
{
    rig r;
    update_rig(&r, true);
    char newer[4400], path[4400], temporary[4400], part[4400], marker[4400];
    snprintf(newer, sizeof newer, "%s/newer.sqlite", work_dir);
    put_variant("newer", newer);
    long size = file_size(newer);
    /* A USB stick pulled out while `cp` wrote the file in place. */
    snprintf(path, sizeof path, "%s/catalog.sqlite", update_folder);
    write_part(newer, path, size / 2);
    CHECK(wait_until(&r, refusal_names_file, "catalog.sqlite"), "the cut copy was not refused");
    CHECK(has_pashto(&r) && !state_catalogue_exists(NULL), "a cut copy was loaded");
    /* rsync: .NAME.XXXXXX written (closed twice), and a *.part, complete. */
    snprintf(temporary, sizeof temporary, "%s/.catalog.sqlite.Ab12Cd", update_folder);
    write_part(newer, temporary, size / 3);
    write_part(newer, temporary, size);
    snprintf(part, sizeof part, "%s/catalog.sqlite.part", update_folder);
    write_part(newer, part, size);
    /* A hidden name that ends like a catalogue (a tool's own temporary
     * name), complete: still not looked at. */
    char hidden[4400];
    snprintf(hidden, sizeof hidden, "%s/.catalog.sqlite", update_folder);
    write_part(newer, hidden, size);
    /* Names that are not files: a link to the complete catalogue, a FIFO
     * (opening it would wait for a writer forever). */
    char link[4400], fifo[4400];
    snprintf(link, sizeof link, "%s/link.sqlite", update_folder);
    snprintf(fifo, sizeof fifo, "%s/fifo.sqlite", update_folder);
    CHECK(symlink(newer, link) == 0 && mkfifo(fifo, 0644) == 0, "link, fifo");
    /* Events come in order: once this marker is refused, the files before
     * it were seen (and passed over). */
    snprintf(marker, sizeof marker, "%s/marker.sqlite", update_folder);
    FILE *f = fopen(marker, "w");
    if (f) {
        fputs("not a catalogue\n", f);
        fclose(f);
    }
    CHECK(wait_until(&r, refusal_names_file, "marker.sqlite"), "the marker was not refused");
    CHECK(has_pashto(&r) && !state_catalogue_exists(NULL),
          "a temporary or partial file, a link or a FIFO was loaded");
    /* rsync's rename: the complete file under its name, in service at once
     * (nobody at the kiosk). */
    CHECK(rename(temporary, path) == 0, "rename");
    CHECK(wait_until(&r, state_catalogue_exists, NULL), "the renamed file was not accepted");
    advance(&r, 0.1);
    CHECK(!has_pashto(&r), "the complete update is not in service on the untouched picker");
    rig_close(&r);
}

/* Tampered, unsigned, other-key and older files in the folder: each
 * refused with one log line, the catalogue in use stays, the refusal
 * recorded in the state folder and shown to the operator, after a restart
 * too (and not refused again). */
static void update_refused(void)
{
    rig r;
    update_rig(&r, true);
    static const char *const kinds[] = {"112-to-113", "unsigned", "other-key", "older",
                                        "integrity"};
    char line[1024], name[128], path[4400];
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        snprintf(name, sizeof name, "update-%s.sqlite", kinds[i]);
        snprintf(path, sizeof path, "%s/%s", update_folder, name);
        errors_logged = 0;
        last_error[0] = '\0';
        const char *says = put_variant(kinds[i], path);
        CHECK(wait_until(&r, refusal_names_file, name), "%s: not refused", name);
        advance(&r, 101);
        printf("%s: logged \"%s\"\n", name, last_error);
        CHECK(errors_logged == 1 &&
                  strstr(last_error, "update refused, the catalogue in use stays") &&
                  strstr(last_error, name) && (!says || strstr(last_error, says)),
              "%s: %d error lines, the last: %s", name, errors_logged, last_error);
        CHECK(has_pashto(&r) && !state_catalogue_exists(NULL), "%s: the catalogue in use changed",
              name);
        operator_slot(&r, "operator.update", line, sizeof line);
        printf("  operator screen: %s\n", line);
        CHECK(strstr(line, name) && (!says || strstr(line, says)),
              "%s: the operator screen does not show it: %s", name, line);
    }
    /* A name chosen to break the record or the screen: a line break and
     * an escape, kept as '?'. */
    snprintf(path, sizeof path, "%s/line\nbreak\x1b[31m.sqlite", update_folder);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("garbage", f);
        fclose(f);
    }
    CHECK(wait_until(&r, refusal_names_file, "line?break?[31m.sqlite"),
          "a name with a line break was not refused and kept printable");
    operator_slot(&r, "operator.update", line, sizeof line);
    printf("  operator screen: %s\n", line);
    CHECK(strstr(line, "line?break?[31m.sqlite") != NULL, "the screen shows: %s", line);
    /* The last refusal before the restart. */
    snprintf(path, sizeof path, "%s/update-integrity-again.sqlite", update_folder);
    put_variant("integrity", path);
    CHECK(wait_until(&r, refusal_names_file, "update-integrity-again.sqlite"), "not refused");
    char before[8192];
    refusal_text(before, sizeof before);
    rig_close(&r);
    errors_logged = 0;
    update_rig(&r, false);
    advance(&r, 1);
    char after[8192];
    refusal_text(after, sizeof after);
    operator_slot(&r, "operator.update", line, sizeof line);
    printf("after a restart: %s\n", line);
    CHECK(errors_logged == 0, "the same files refused again after a restart: %s", last_error);
    CHECK(strcmp(before, after) == 0 && strstr(line, "update-integrity-again.sqlite"),
          "the last refusal was not kept across the restart: %s", line);
    CHECK(has_pashto(&r), "the bundled catalogue is not in service after the restart");
    if (getenv("SPORTELLO_UPDATES_PNG")) { /* the operator screen, to look at */
        kiosk_show(r.kiosk, "it", SCREEN_OPERATOR, NULL, r.now);
        kiosk_draw(r.kiosk);
        char *error = NULL;
        if (!png_write_surface(getenv("SPORTELLO_UPDATES_PNG"), r.surface, &error))
            fprintf(stderr, "%s\n", error);
        free(error);
    }
    rig_close(&r);
}

static void updates_tests(const char *test)
{
    if (!test_keys_given())
        return;
    if (strcmp(test, "idle-reset") == 0)
        update_at_idle_reset();
    else if (strcmp(test, "partial") == 0)
        update_partial_files();
    else if (strcmp(test, "refused") == 0)
        update_refused();
    else {
        fprintf(stderr, "unknown updates test %s\n", test);
        check_failures++;
    }
}

static void replaced_at_idle_reset(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-replaced.sqlite", work_dir);
    copy_file(catalog_path, path);
    rig r;
    rig_open(&r, path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "tile");
    CHECK(tap(&r, ACTION_CATEGORY, "lavoro"), "category");
    /* A new catalogue replaces the file while someone reads: they keep the
     * old one until the idle reset, then it is loaded. */
    put_catalogue_without_pashto(path);
    advance(&r, 1);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_CATEGORY, "not interrupted");
    advance(&r, 101);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset");
    CHECK(!kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ps", &(float){0}, &(float){0}),
          "the new catalogue (without ps) is in use");
    CHECK(kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ur", &(float){0}, &(float){0}),
          "ur still there");
    rig_close(&r);
    unlink(path);
}

static void rtl_mirrors(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    float x_it, x_ar, hx_it, hx_ar, y;
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "it");
    CHECK(tap(&r, ACTION_CATEGORY, "lavoro"), "category");
    kiosk_find_target(r.kiosk, ACTION_BACK, NULL, &x_it, &y);
    kiosk_find_target(r.kiosk, ACTION_HELP, NULL, &hx_it, &y);
    float row_x_it, row_x_ar, row_y;
    CHECK(kiosk_find_target(r.kiosk, ACTION_SERVICE, NULL, &row_x_it, &row_y), "a service row");
    advance(&r, 120);
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "ar");
    CHECK(tap(&r, ACTION_CATEGORY, "lavoro"), "category");
    kiosk_find_target(r.kiosk, ACTION_BACK, NULL, &x_ar, &y);
    kiosk_find_target(r.kiosk, ACTION_HELP, NULL, &hx_ar, &y);
    CHECK(x_it < WIDTH / 2.0f && x_ar > WIDTH / 2.0f, "Back at the start side: it %g, ar %g", x_it,
          x_ar);
    CHECK(hx_it > WIDTH / 2.0f && hx_ar < WIDTH / 2.0f, "Help at the end side: it %g, ar %g", hx_it,
          hx_ar);
    CHECK(fabsf((x_it + x_ar) - WIDTH) < 2, "Back mirrored exactly: %g + %g", x_it, x_ar);
    CHECK(kiosk_find_target(r.kiosk, ACTION_SERVICE, NULL, &row_x_ar, &row_y), "a service row");
    CHECK(fabsf(row_x_it - row_x_ar) < 2, "full-width rows stay centred: %g, %g", row_x_it,
          row_x_ar);
    rig_close(&r);
}

static void touch_targets(void)
{
    /* 9 mm at 96 dpi is 34 px; at 220 dpi 78 px (the layout grows). */
    static const float dpis[] = {96, 160, 220};
    for (size_t d = 0; d < 3; d++) {
        rig r;
        rig_open(&r, catalog_path, NULL, dpis[d]);
        float minimum = 9.0f / 25.4f * dpis[d];
        kiosk_screen screens[] = {SCREEN_LANGUAGES, SCREEN_HOME, SCREEN_CATEGORY, SCREEN_SERVICE,
                                  SCREEN_ARTICLE,   SCREEN_HELP, SCREEN_PIN,      SCREEN_OPERATOR};
        const char *args[] = {NULL,         NULL, "aiuto", "questura-mantova-immigrazione",
                              "caporalato", NULL, NULL,    NULL};
        for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
            CHECK(kiosk_show(r.kiosk, "ur", screens[i], args[i], r.now), "show %s",
                  kiosk_screen_name(screens[i]));
            kiosk_draw(r.kiosk);
            float smallest = kiosk_smallest_target(r.kiosk);
            CHECK(smallest >= minimum - 0.5f, "%s at %g dpi: a %g px target (< 9 mm = %g px)",
                  kiosk_screen_name(screens[i]), dpis[d], smallest, minimum);
        }
        rig_close(&r);
    }
}

static void italian_toggle(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "uk"), "uk");
    CHECK(kiosk_show(r.kiosk, "uk", SCREEN_SERVICE, "cpi-mantova", r.now), "service");
    kiosk_draw(r.kiosk);
    float x, y;
    CHECK(kiosk_find_target(r.kiosk, ACTION_ITALIAN, NULL, &x, &y), "toggle on the service");
    SDL_RenderPresent(r.renderer);
    SDL_Surface *before = SDL_DuplicateSurface(r.surface);
    CHECK(tap(&r, ACTION_ITALIAN, NULL), "tap toggle");
    SDL_RenderPresent(r.renderer);
    /* The Italian text is drawn in its own blue: count those pixels. */
    size_t blue_before = 0, blue_after = 0;
    for (int yy = 0; yy < HEIGHT; yy++) {
        const Uint32 *a = (const Uint32 *)((const Uint8 *)before->pixels + yy * before->pitch);
        const Uint32 *b =
            (const Uint32 *)((const Uint8 *)r.surface->pixels + yy * r.surface->pitch);
        for (int xx = 0; xx < WIDTH; xx++) {
            blue_before += (a[xx] & 0xffffff) == 0x1f548c;
            blue_after += (b[xx] & 0xffffff) == 0x1f548c;
        }
    }
    CHECK(blue_after > blue_before + 2000, "Italian text shown: %zu -> %zu blue pixels",
          blue_before, blue_after);
    SDL_FreeSurface(before);
    CHECK(kiosk_show(r.kiosk, "uk", SCREEN_ARTICLE, "caporalato", r.now), "article");
    kiosk_draw(r.kiosk);
    CHECK(kiosk_find_target(r.kiosk, ACTION_ITALIAN, NULL, &x, &y), "toggle on the article");
    rig_close(&r);
}

/* Articles: the gap after the last item of a list is the gap after a
 * paragraph (before a paragraph as before a heading); items of one list
 * sit closer.  Blocks are told apart by their text size and indent. */
static void list_gap(void)
{
    static const char *const articles[] = {"caporalato",
                                           "busta-paga",
                                           "paga-e-orari-agricoltura",
                                           "permesso-e-lavoro",
                                           "iscriversi-centro-impiego",
                                           "contratto-di-lavoro",
                                           "denunciare-sfruttamento",
                                           "sicurezza-sul-lavoro"};
    enum { HEADING, PARAGRAPH, ITEM, KINDS };
    static const char *const names[] = {"heading", "paragraph", "item"};
    float gap[KINDS][KINDS];
    for (int a = 0; a < KINDS; a++)
        for (int b = 0; b < KINDS; b++)
            gap[a][b] = -1;
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    for (size_t n = 0; n < sizeof articles / sizeof *articles; n++) {
        CHECK(kiosk_show(r.kiosk, "it", SCREEN_ARTICLE, articles[n], r.now), "%s", articles[n]);
        kiosk_draw(r.kiosk);
        const view *v = kiosk_view(r.kiosk);
        float scale = 0, column = 0;
        int previous = -1;
        SDL_FRect last = {0};
        for (size_t i = 0; i < v->count; i++) {
            const view_item *it = &v->items[i];
            if (it->layer != VIEW_BODY || it->kind != VIEW_TEXT || !it->layout)
                continue;
            float size = text_layout_size(it->layout);
            if (scale == 0) { /* the title, 38 px at scale 1 */
                scale = size / 38;
                column = it->rect.x;
                continue;
            }
            int kind;
            if (fabsf(size - 30 * scale) < 0.5f)
                kind = HEADING;
            else if (fabsf(size - 26 * scale) < 0.5f && it->rect.w < 30 * scale)
                continue; /* a bullet */
            else if (fabsf(size - 26 * scale) < 0.5f)
                kind = it->rect.x > column + 10 * scale ? ITEM : PARAGRAPH;
            else
                continue; /* the summary */
            if (previous >= 0) {
                float g = it->rect.y - (last.y + last.h);
                if (gap[previous][kind] < 0)
                    gap[previous][kind] = g;
                CHECK(fabsf(gap[previous][kind] - g) < 0.5f, "%s: %s to %s: %g px, elsewhere %g",
                      articles[n], names[previous], names[kind], g, gap[previous][kind]);
            }
            previous = kind;
            last = it->rect;
        }
    }
    rig_close(&r);
    for (int a = 0; a < KINDS; a++)
        for (int b = 0; b < KINDS; b++)
            printf("%s to %s: %g px\n", names[a], names[b], gap[a][b]);
    CHECK(gap[ITEM][PARAGRAPH] > 0 && gap[ITEM][HEADING] > 0 && gap[PARAGRAPH][HEADING] > 0 &&
              gap[ITEM][ITEM] > 0 && gap[PARAGRAPH][ITEM] > 0,
          "the articles lack a case");
    CHECK(fabsf(gap[ITEM][HEADING] - gap[PARAGRAPH][HEADING]) < 0.5f,
          "after a list %g px before a heading, after a paragraph %g", gap[ITEM][HEADING],
          gap[PARAGRAPH][HEADING]);
    float between =
        gap[PARAGRAPH][PARAGRAPH] > 0 ? gap[PARAGRAPH][PARAGRAPH] : gap[PARAGRAPH][ITEM];
    CHECK(fabsf(gap[ITEM][PARAGRAPH] - between) < 0.5f,
          "after a list %g px before a paragraph, between paragraphs %g", gap[ITEM][PARAGRAPH],
          between);
    CHECK(gap[ITEM][ITEM] < gap[ITEM][PARAGRAPH], "items %g px apart, a list and a paragraph %g",
          gap[ITEM][ITEM], gap[ITEM][PARAGRAPH]);
}

static void sorted_services(void)
{
    rig r;
    rig_open(&r, catalog_path, "town = suzzara\n", 0);
    char why[256];
    catalog *c = catalog_open(catalog_path, why, sizeof why);
    CHECK(c != NULL, "%s", why);
    const char *langs[] = {"it", "ro", "ar", "zh"};
    for (size_t l = 0; l < 4 && c; l++) {
        CHECK(kiosk_show(r.kiosk, langs[l], SCREEN_CATEGORY, "lavoro", r.now), "show");
        kiosk_draw(r.kiosk);
        locale_collator *coll = locale_collator_open(langs[l]);
        float last_y = -1;
        char last_name[512] = "";
        bool last_own = true;
        /* Walk the rows from the top. */
        typedef struct row {
            float y;
            const catalog_service *s;
        } row;
        row rows[64];
        size_t n = 0;
        for (size_t i = 0; i < catalog_service_count(c) && n < 64; i++) {
            const catalog_service *s = catalog_service_at(c, i);
            float x, y;
            if (strcmp(s->category, "lavoro") == 0 &&
                kiosk_find_target(r.kiosk, ACTION_SERVICE, s->id, &x, &y))
                rows[n++] = (row){y, s};
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (rows[j].y < rows[i].y) {
                    row t = rows[i];
                    rows[i] = rows[j];
                    rows[j] = t;
                }
        CHECK(n >= 3, "%zu services in lavoro", n);
        for (size_t i = 0; i < n; i++) {
            bool own = strcmp(rows[i].s->town, "suzzara") == 0;
            char *name = catalog_field(c, "service", rows[i].s->id, "name", langs[l], NULL);
            CHECK(!own || last_own, "%s: %s of the kiosk's town after another town", langs[l],
                  rows[i].s->id);
            if (own == last_own && last_y >= 0)
                CHECK(locale_collate(coll, last_name, name) <= 0, "%s: \"%s\" before \"%s\"",
                      langs[l], last_name, name);
            snprintf(last_name, sizeof last_name, "%s", name);
            last_own = own;
            last_y = rows[i].y;
            free(name);
        }
        locale_collator_close(coll);
    }
    catalog_close(c);
    rig_close(&r);
}

/* ---- faults: the catalogue, fonts and counters misbehave ------------ */

/* Another process that holds an exclusive lock on a SQLite file (as a
 * person editing the catalogue with sqlite3 would) until released. */
typedef struct locker {
    pid_t pid;
    int release; /* write end of the pipe the child waits on */
} locker;

static locker lock_file(const char *path)
{
    int ready[2], release[2];
    locker l = {-1, -1};
    if (pipe(ready) != 0 || pipe(release) != 0)
        return l;
    fflush(NULL);
    l.pid = fork();
    if (l.pid == 0) {
        close(ready[0]), close(release[1]);
        sqlite3 *db = NULL;
        char ok = sqlite3_open(path, &db) == SQLITE_OK &&
                          sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK
                      ? 'y'
                      : 'n';
        if (write(ready[1], &ok, 1) != 1)
            _exit(1);
        char c;
        while (read(release[0], &c, 1) < 0 && errno == EINTR) {
        }
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    close(ready[1]), close(release[0]);
    char ok = 'n';
    if (read(ready[0], &ok, 1) != 1 || ok != 'y') {
        CHECK(false, "could not lock %s", path);
    }
    close(ready[0]);
    l.release = release[1];
    return l;
}

static void unlock_file(locker *l)
{
    if (l->release >= 0)
        close(l->release);
    if (l->pid > 0)
        waitpid(l->pid, NULL, 0);
    l->release = -1, l->pid = -1;
}

/* A catalogue locked by another program when the kiosk starts: the
 * out-of-service screen, one log line; once released, the kiosk recovers
 * by itself.  Locked while someone reads: the kiosk goes on (texts it cannot
 * read are left out), logs once, and reads them again once released. */
static void catalogue_locked(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-locked.sqlite", work_dir);
    copy_file(catalog_path, path);
    locker l = lock_file(path);
    errors_logged = 0;
    rig r;
    rig_open(&r, path, NULL, 0);
    CHECK(errors_logged == 1, "locked at start: %d error lines (one wanted)", errors_logged);
    printf("locked at start: logged \"%s\"\n", last_error);
    CHECK(screen_has_ink(&r), "the out-of-service screen is blank");
    CHECK(!kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "it", &(float){0}, &(float){0}),
          "language tiles shown while the catalogue cannot be read");
    unlock_file(&l);
    advance(&r, 61);
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "not recovered after the lock was released");
    CHECK(tap(&r, ACTION_CATEGORY, "permesso"), "category");

    /* Locked while reading. */
    l = lock_file(path);
    warnings_logged = 0;
    int taps = 0;
    const char *screens[][2] = {{"service", "questura-mantova-immigrazione"},
                                {"back", ""},
                                {"category", "lavoro"},
                                {"back", ""},
                                {"help", ""}};
    for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
        if (strcmp(screens[i][0], "service") == 0)
            taps += tap(&r, ACTION_SERVICE, screens[i][1]);
        else if (strcmp(screens[i][0], "category") == 0)
            taps += tap(&r, ACTION_HOME, NULL) && tap(&r, ACTION_CATEGORY, screens[i][1]);
        else if (strcmp(screens[i][0], "help") == 0)
            taps += tap(&r, ACTION_HELP, NULL);
        else
            taps += tap(&r, ACTION_BACK, NULL);
        CHECK(screen_has_ink(&r), "blank screen while locked (%s)", screens[i][0]);
    }
    printf("locked while reading: %d of 5 steps, %d warnings, last \"%s\"\n", taps, warnings_logged,
           last_warning);
    CHECK(warnings_logged == 1, "%d warning lines while locked (one wanted)", warnings_logged);
    unlock_file(&l);
    CHECK(tap(&r, ACTION_HOME, NULL) && tap(&r, ACTION_CATEGORY, "permesso") &&
              tap(&r, ACTION_SERVICE, "questura-mantova-immigrazione") &&
              tap(&r, ACTION_QR, "questura-mantova-immigrazione"),
          "texts not back after the lock was released");
    rig_close(&r);
    unlink(path);
}

/* The catalogue file deleted while the kiosk runs: the open catalogue
 * stays in use, through idle resets too, with one log line per attempt to
 * load a new one; a catalogue put back is loaded at the next reset. */
static void catalogue_deleted(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-deleted.sqlite", work_dir);
    copy_file(catalog_path, path);
    rig r;
    rig_open(&r, path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "ur"), "tile");
    CHECK(tap(&r, ACTION_CATEGORY, "permesso"), "category");
    CHECK(unlink(path) == 0, "unlink");
    CHECK(tap(&r, ACTION_SERVICE, "questura-mantova-immigrazione"), "service after deletion");
    CHECK(screen_has_ink(&r), "blank");
    errors_logged = 0;
    advance(&r, 101);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset");
    printf("deleted: logged \"%s\"\n", last_error);
    CHECK(errors_logged == 1, "%d error lines at the reset (one wanted)", errors_logged);
    CHECK(tap(&r, ACTION_LANGUAGE, "zh") && tap(&r, ACTION_CATEGORY, "lavoro"),
          "the open catalogue is no longer used after its file was deleted");
    CHECK(screen_has_ink(&r), "blank");
    advance(&r, 101);
    advance(&r, 101); /* at rest: one more attempt per idle period */
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "still working at rest");
    /* Put back (without Pashto): loaded at the next reset. */
    put_catalogue_without_pashto(path);
    advance(&r, 101);
    CHECK(!kiosk_find_target(r.kiosk, ACTION_LANGUAGE, "ps", &(float){0}, &(float){0}),
          "the catalogue put back was not loaded");
    rig_close(&r);
    unlink(path);
}

/* Makes `dir` read-only for this process: a read-only bind mount in a
 * mount namespace of its own when running as root (root ignores file
 * modes), the modes otherwise.  False when neither works. */
static bool make_read_only(const char *dir)
{
    if (geteuid() == 0) {
        if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount(dir, dir, NULL, MS_BIND, NULL) != 0 ||
            mount(NULL, dir, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) != 0) {
            fprintf(stderr, "read-only bind mount of %s: %s\n", dir, strerror(errno));
            return false;
        }
    } else {
        char file[4200];
        snprintf(file, sizeof file, "%s/catalog.sqlite", dir);
        chmod(file, 0444);
        chmod(dir, 0555);
    }
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/probe", dir);
    FILE *f = fopen(probe, "w");
    if (f) {
        fclose(f);
        unlink(probe);
        return false;
    }
    return true;
}

/* Catalogue, counters and configuration in a read-only folder: the kiosk
 * works; counting fails, is logged, and nothing else suffers. */
static void read_only_folder(void)
{
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/read-only", work_dir);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/catalog.sqlite", dir);
    copy_file(catalog_path, path);
    char config[4200];
    snprintf(config, sizeof config, "%s/site.conf", dir);
    fclose(fopen(config, "w"));
    CHECK(make_read_only(dir), "%s could not be made read-only", dir);
    const char *saved_dir = work_dir;
    work_dir = dir; /* the rig's site.conf and counters go there too */
    errors_logged = warnings_logged = 0;
    rig r;
    rig_open(&r, path, NULL, 0);
    work_dir = saved_dir;
    CHECK(tap(&r, ACTION_LANGUAGE, "pa"), "tile");
    CHECK(tap(&r, ACTION_CATEGORY, "lavoro"), "category");
    CHECK(tap(&r, ACTION_SERVICE, "cpi-mantova"), "service");
    CHECK(tap(&r, ACTION_QR, "cpi-mantova"), "QR");
    CHECK(screen_has_ink(&r), "blank");
    printf("read-only: %d errors, %d warnings; last \"%s\" / \"%s\"\n", errors_logged,
           warnings_logged, last_error, last_warning);
    CHECK(errors_logged + warnings_logged >= 1, "the counters' failure was not logged");
    advance(&r, 101);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset");
    rig_close(&r);
}

/* Counters on a full disk (RLIMIT_FSIZE) or at a path that cannot be a
 * file: every screen still works; the failure is logged (not once per
 * tap); counting resumes when space is back. */
static void counters_fault(const char *kind)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    struct rlimit saved;
    getrlimit(RLIMIT_FSIZE, &saved);
    if (strcmp(kind, "full") == 0) {
        CHECK(tap(&r, ACTION_LANGUAGE, "fa"), "tile");
        struct stat st;
        CHECK(stat(r.counters, &st) == 0, "counters file");
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit tight = {(rlim_t)st.st_size, saved.rlim_max};
        setrlimit(RLIMIT_FSIZE, &tight); /* not one byte more */
    } else {
        /* the counters path is a folder: the database cannot be opened */
        rig_close(&r);
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/counters.sqlite", work_dir);
        unlink(dir);
        CHECK(mkdir(dir, 0755) == 0, "mkdir %s", dir);
        errors_logged = warnings_logged = 0;
        rig_open(&r, catalog_path, NULL, 0);
        printf("counters folder: at start %d errors, %d warnings; last \"%s\" / \"%s\"\n",
               errors_logged, warnings_logged, last_error, last_warning);
        CHECK(errors_logged + warnings_logged >= 1, "the failure to open was not logged");
        CHECK(tap(&r, ACTION_LANGUAGE, "fa"), "tile");
    }
    if (strcmp(kind, "full") == 0)
        errors_logged = warnings_logged = 0;
    int screens = 0;
    for (int round = 0; round < 10; round++) {
        const char *categories[] = {"lavoro", "permesso", "salute", "lingua", "diritti"};
        screens += tap(&r, ACTION_CATEGORY, categories[round % 5]);
        screens += tap(&r, ACTION_HELP, NULL);
        screens += tap(&r, ACTION_BACK, NULL);
        screens += tap(&r, ACTION_BACK, NULL);
        CHECK(screen_has_ink(&r), "blank");
    }
    CHECK(screens == 40, "only %d of 40 steps worked", screens);
    printf("counters %s: %d errors, %d warnings; last \"%s\" / \"%s\"\n", kind, errors_logged,
           warnings_logged, last_error, last_warning);
    CHECK(errors_logged + warnings_logged >= 1, "the failure was not logged");
    CHECK(errors_logged + warnings_logged <= 12, "%d log lines for 40 screens",
          errors_logged + warnings_logged);
    if (strcmp(kind, "full") == 0) {
        setrlimit(RLIMIT_FSIZE, &saved);
        long before = count_rows(r.counters, "screen = 'help'");
        for (int i = 0; i < 3; i++) {
            CHECK(tap(&r, ACTION_HELP, NULL) && tap(&r, ACTION_BACK, NULL), "help");
            advance(&r, 61); /* the counters retry on their own schedule */
        }
        advance(&r, 120);
        long after = count_rows(r.counters, "screen = 'help'");
        printf("counters full: help counted %ld before space came back, %ld after\n", before,
               after);
        CHECK(after > before, "counting did not resume (%ld, %ld)", before, after);
    }
    rig_close(&r);
    if (strcmp(kind, "full") != 0) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/counters.sqlite", work_dir);
        rmdir(dir);
    }
}

/* Overwrites the 'glyf' table of a TrueType file with 0xFF bytes: the
 * file opens, its character map works, every outline is garbage. */
static bool garble_outlines(const char *path)
{
    FILE *f = fopen(path, "r+b");
    unsigned char header[12], record[16];
    bool done = false;
    if (f && fread(header, 1, 12, f) == 12) {
        unsigned tables = (unsigned)header[4] << 8 | header[5];
        for (unsigned i = 0; i < tables && !done && fread(record, 1, 16, f) == 16; i++) {
            if (memcmp(record, "glyf", 4) != 0)
                continue;
            long offset = (long)record[8] << 24 | record[9] << 16 | record[10] << 8 | record[11];
            long length = (long)record[12] << 24 | record[13] << 16 | record[14] << 8 | record[15];
            fseek(f, offset, SEEK_SET);
            for (long k = 0; k < length; k++)
                fputc(0xff, f);
            done = true;
        }
    }
    if (f)
        fclose(f);
    return done;
}

/* Font files missing, damaged (random bytes, a copy cut short) or with
 * garbage outlines: the kiosk draws every screen, boxes where no font can
 * show a glyph, and says so in the log without flooding it; with no font
 * at all, boxes, never a blank. */
static void font_fault(const char *kind)
{
    char table[4200], corrupt[4200], cut[4200], garbled[4200];
    snprintf(table, sizeof table, "%s/fonts.txt", work_dir);
    snprintf(corrupt, sizeof corrupt, "%s/random.ttf", work_dir);
    snprintf(cut, sizeof cut, "%s/cut.ttf", work_dir);
    snprintf(garbled, sizeof garbled, "%s/garbled.ttf", work_dir);
    FILE *f = fopen(corrupt, "wb");
    srand(11);
    for (int i = 0; i < 200000; i++)
        fputc(rand() & 0xff, f);
    fclose(f);
    const char *naskh = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf";
    copy_file(naskh, cut);
    struct stat st;
    stat(cut, &st);
    CHECK(truncate(cut, st.st_size / 2) == 0, "truncate");
    copy_file(naskh, garbled);
    CHECK(garble_outlines(garbled), "no glyf table in %s", naskh);
    f = fopen(table, "w");
    if (strcmp(kind, "none") == 0) {
        /* every file missing */
        fputs("dir /nonexistent\n* * regular gone.ttf\n* * bold gone.ttf\n", f);
    } else {
        /* the Arabic script only from bad files; the rest as usual */
        char real[4096];
        FILE *in = fopen(asset_path("fonts.txt", real, sizeof real), "r");
        char line[1024];
        while (in && fgets(line, sizeof line, in)) {
            if (strncmp(line, "Arab", 4) == 0) {
                const char *weight = strstr(line, "bold") ? "bold" : "regular";
                if (strcmp(kind, "missing") == 0)
                    fprintf(f, "Arab * %s noto/NoSuchFont.ttf\n", weight);
                else if (strcmp(kind, "damaged") == 0)
                    fprintf(f, "Arab * %s %s %s\n", weight, corrupt, cut);
                else
                    fprintf(f, "Arab * %s %s\n", weight, garbled);
                continue;
            }
            fputs(line, f);
        }
        if (in)
            fclose(in);
    }
    fclose(f);
    font_table = table;
    errors_logged = warnings_logged = 0;
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    const char *languages[] = {"ar", "ur", "it"};
    for (size_t i = 0; i < 3; i++) {
        CHECK(tap(&r, ACTION_LANGUAGE, languages[i]), "%s tile", languages[i]);
        CHECK(screen_has_ink(&r), "%s: blank home", languages[i]);
        CHECK(tap(&r, ACTION_CATEGORY, "permesso"), "category");
        CHECK(tap(&r, ACTION_SERVICE, "questura-mantova-immigrazione"), "service");
        CHECK(screen_has_ink(&r), "%s: blank service screen", languages[i]);
        kiosk_draw(r.kiosk);
        SDL_RenderPresent(r.renderer);
        char png[4200], *error = NULL;
        snprintf(png, sizeof png, "%s/font-%s-%s.png", work_dir, kind, languages[i]);
        png_write_surface(png, r.surface, &error);
        free(error);
        advance(&r, 101);
    }
    long boxes = kiosk_missing_glyph_texts(r.kiosk);
    atlas_stats atlas;
    line_cache_stats lines;
    kiosk_text_stats(r.kiosk, &atlas, &lines);
    printf("fonts %s: %ld texts with missing glyphs, %zu glyphs the font could not draw,"
           " %d errors, %d warnings; last \"%s\" / \"%s\"\n",
           kind, boxes, atlas.failures, errors_logged, warnings_logged, last_error, last_warning);
    if (strcmp(kind, "garbled") == 0)
        CHECK(atlas.failures > 0, "the garbled font drew every glyph: the test proves nothing");
    else
        CHECK(boxes > 0, "no missing glyph was drawn as a box");
    if (strcmp(kind, "damaged") == 0)
        CHECK(errors_logged == 2, "%d error lines (the random and the cut file wanted)",
              errors_logged);
    CHECK(errors_logged + warnings_logged >= 1, "the bad font files were not logged");
    CHECK(warnings_logged <= 130, "%d warning lines: the log is flooded", warnings_logged);
    rig_close(&r);
    font_table = NULL;
}

/* ---- soak: random input for a long time ----------------------------- */

/* Under AddressSanitizer freed memory waits in a quarantine and every byte
 * has shadow: the resident size says nothing about leaks there (LeakSanitizer
 * does). */
#ifdef __SANITIZE_ADDRESS__
#define SOAK_MEASURES_MEMORY 0
#else
#define SOAK_MEASURES_MEMORY 1
#endif

/* Resident set size of this process, in kB. */
static long resident_kb(void)
{
    long pages = -1, resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = -1;
        fclose(f);
    }
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

typedef struct soak_state {
    rig *r;
    long events; /* SDL events delivered and time gaps */
    long taps, drags, keys, others, gaps, idle_resets, frames;
    unsigned seed;
} soak_state;

static unsigned soak_random(soak_state *s)
{
    /* xorshift32: the same sequence on every machine for a seed */
    s->seed ^= s->seed << 13;
    s->seed ^= s->seed >> 17;
    s->seed ^= s->seed << 5;
    return s->seed;
}

static void soak_deliver(soak_state *s, SDL_Event *e)
{
    kiosk_handle_event(s->r->kiosk, e, s->r->now);
    s->events++;
}

static void soak_finger(soak_state *s, Uint32 type, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 7;
    e.tfinger.x = x / WIDTH;
    e.tfinger.y = y / HEIGHT;
    soak_deliver(s, &e);
}

/* Time passes in frames of 1/60 s (long gaps in quarter seconds). */
static void soak_wait(soak_state *s, double seconds)
{
    double end = s->r->now + seconds, step = seconds > 5 ? 0.25 : 1.0 / 60;
    while (s->r->now < end) {
        s->r->now += step < end - s->r->now ? step : end - s->r->now;
        kiosk_tick(s->r->kiosk, s->r->now);
    }
}

static void soak_draw(soak_state *s)
{
    kiosk_draw(s->r->kiosk);
    SDL_RenderPresent(s->r->renderer);
    s->frames++;
}

/* A tap on something the current screen shows (most of the time), or
 * anywhere. */
static void soak_tap(soak_state *s, const char *const *languages, size_t language_count)
{
    static const kiosk_action actions[] = {
        ACTION_LANGUAGE, ACTION_CATEGORY, ACTION_SERVICE, ACTION_ARTICLE,   ACTION_QR,
        ACTION_BACK,     ACTION_HOME,     ACTION_HELP,    ACTION_LANGUAGES, ACTION_ITALIAN,
        ACTION_STAY,     ACTION_CATEGORY, ACTION_SERVICE, ACTION_ARTICLE,   ACTION_LANGUAGE,
    };
    kiosk_action action = actions[soak_random(s) % (sizeof actions / sizeof *actions)];
    const char *arg = NULL;
    if (action == ACTION_LANGUAGE)
        arg = languages[soak_random(s) % language_count];
    float x = (float)(soak_random(s) % WIDTH), y = (float)(soak_random(s) % HEIGHT);
    if (soak_random(s) % 4 != 0)
        kiosk_find_target(s->r->kiosk, action, arg, &x, &y);
    bool mouse = soak_random(s) % 3 == 0;
    if (mouse) {
        SDL_Event e = {0};
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = (int)x, e.button.y = (int)y;
        soak_deliver(s, &e);
        soak_wait(s, 0.05 + (soak_random(s) % 100) / 400.0);
        e.type = SDL_MOUSEBUTTONUP;
        soak_deliver(s, &e);
    } else {
        soak_finger(s, SDL_FINGERDOWN, x, y);
        /* now and then a long press (the operator corners start so) */
        soak_wait(s, soak_random(s) % 20 == 0 ? 1.5 : 0.05 + (soak_random(s) % 100) / 400.0);
        soak_finger(s, SDL_FINGERUP, x, y);
    }
    s->taps++;
}

static void soak_drag(soak_state *s)
{
    float x = (float)(soak_random(s) % WIDTH), y = (float)(soak_random(s) % HEIGHT);
    float dy = (float)((int)(soak_random(s) % 1200) - 600);
    int steps = 2 + (int)(soak_random(s) % 12);
    soak_finger(s, SDL_FINGERDOWN, x, y);
    for (int i = 1; i <= steps; i++) {
        soak_wait(s, 1.0 / 60);
        soak_finger(s, SDL_FINGERMOTION, x, y + dy * (float)i / (float)steps);
    }
    soak_finger(s, SDL_FINGERUP, x, y + dy);
    soak_wait(s, 0.1 + (soak_random(s) % 100) / 100.0); /* inertia runs out */
    s->drags++;
}

static void soak_key(soak_state *s)
{
    static const Uint16 mods[] = {0,         0,         0,           KMOD_LCTRL,
                                  KMOD_LALT, KMOD_LGUI, KMOD_LSHIFT, KMOD_LCTRL | KMOD_LALT};
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    SDL_Scancode sc = (SDL_Scancode)(soak_random(s) % SDL_NUM_SCANCODES);
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    e.key.keysym.mod = mods[soak_random(s) % (sizeof mods / sizeof *mods)];
    e.key.state = SDL_PRESSED;
    soak_deliver(s, &e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    soak_deliver(s, &e);
    s->keys++;
}

/* Window events, the wheel, requests to quit, a stray second finger. */
static void soak_other(soak_state *s)
{
    SDL_Event e = {0};
    switch (soak_random(s) % 5) {
    case 0:
        e.type = SDL_QUIT;
        break;
    case 1:
        e.type = SDL_WINDOWEVENT;
        e.window.event = (Uint8)(soak_random(s) % (SDL_WINDOWEVENT_DISPLAY_CHANGED + 1));
        break;
    case 2:
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = (int)(soak_random(s) % 11) - 5;
        break;
    case 3:
        e.type = SDL_MOUSEMOTION;
        e.motion.x = (int)(soak_random(s) % WIDTH), e.motion.y = (int)(soak_random(s) % HEIGHT);
        break;
    default:
        e.type = SDL_FINGERDOWN;
        e.tfinger.fingerId = 9;
        e.tfinger.x = (float)(soak_random(s) % 1000) / 1000.0f;
        e.tfinger.y = (float)(soak_random(s) % 1000) / 1000.0f;
        break;
    }
    soak_deliver(s, &e);
    s->others++;
}

/* `events` random input events through the kiosk, across every language;
 * no crash, no way out of kiosk mode, bounded caches, and (in a build
 * without sanitizers) the resident memory at the end within 5 % of what
 * it was after the first tenth. */
static void soak(long events)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    const char *languages[32];
    size_t language_count = kiosk_languages(r.kiosk, languages, 32);
    soak_state s = {.r = &r, .seed = 20261123u};
    if (getenv("SPORTELLO_SOAK_SEED"))
        s.seed = (unsigned)strtoul(getenv("SPORTELLO_SOAK_SEED"), NULL, 10) | 1u;
    printf("soak: %ld events, seed %u, %zu languages\n", events, s.seed, language_count);
    long warm_kb = -1, next_report = events / 10;
    long reported[16];
    size_t reports = 0;
    bool visited[32] = {false};
    kiosk_screen last_screen = SCREEN_LANGUAGES;
    while (s.events < events) {
        unsigned kind = soak_random(&s) % 100;
        if (kind < 45)
            soak_tap(&s, languages, language_count);
        else if (kind < 60)
            soak_drag(&s);
        else if (kind < 78)
            soak_key(&s);
        else if (kind < 83)
            soak_other(&s);
        else {
            /* a pause: mostly short; sometimes long enough for the idle
             * countdown, and now and then the idle reset */
            unsigned roll = soak_random(&s) % 100;
            double pause = roll < 85   ? (soak_random(&s) % 300) / 100.0
                           : roll < 95 ? 85 + soak_random(&s) % 10
                                       : 101 + soak_random(&s) % 100;
            soak_wait(&s, pause);
            s.events++;
            s.gaps++;
        }
        soak_wait(&s, 1.0 / 60);
        soak_draw(&s);
        kiosk_screen screen = kiosk_current_screen(r.kiosk);
        if (screen == SCREEN_LANGUAGES && last_screen != SCREEN_LANGUAGES &&
            last_screen != SCREEN_PIN && last_screen != SCREEN_OPERATOR)
            s.idle_resets++; /* or Back to the picker */
        last_screen = screen;
        for (size_t i = 0; i < language_count; i++)
            if (strcmp(kiosk_language(r.kiosk), languages[i]) == 0)
                visited[i] = true;
        if (kiosk_exit_requested(r.kiosk)) {
            CHECK(false, "random input left kiosk mode after %ld events", s.events);
            break;
        }
        if (s.events >= next_report) {
            atlas_stats atlas;
            line_cache_stats lines;
            kiosk_text_stats(r.kiosk, &atlas, &lines);
            long kb = resident_kb();
            if (reports < sizeof reported / sizeof *reported)
                reported[reports++] = kb;
            printf("%7ld events  %6ld frames  RSS %6ld kB  atlas %4zu glyphs (%zu flushes)"
                   "  lines %4zu (%5.1f MB)  screen %s %s\n",
                   s.events, s.frames, kb, atlas.glyphs, atlas.flushes, lines.lines,
                   (double)lines.bytes / 1048576.0, kiosk_screen_name(screen),
                   kiosk_language(r.kiosk));
            CHECK(lines.bytes <= TEXT_RENDERER_LINE_CACHE_DEFAULT, "line cache over its bound");
            fflush(stdout);
            next_report += events / 10;
        }
    }
    /* A leak grows on; bounded caches (the line cache, the atlas and its
     * coloured copies of 4 MB, large text's larger glyphs) stop, and the
     * allocator's free lists make RSS sway by a few percent from report to
     * report.  So: the warm-up is the highest of the fourth to sixth
     * tenths, by when the caches are full, and the end the median of the
     * last three tenths; the end within 5 % of the warm-up.  (A run of
     * 800,000 events, 2026-12-06: RSS 101 MB at 80,000, 107 at 160,000,
     * then 107-111 MB to the end: flat.  With 200,000 events the third to
     * fifth tenths came before that plateau and put the end 5.3 % above.) */
    long end_kb = resident_kb();
    if (reports >= 10) {
        warm_kb = reported[3];
        for (size_t i = 4; i <= 5; i++)
            warm_kb = reported[i] > warm_kb ? reported[i] : warm_kb;
        long a = reported[reports - 3], b = reported[reports - 2], c = reported[reports - 1];
        end_kb = a > b ? (b > c ? b : (a > c ? c : a)) : (a > c ? a : (b > c ? c : b));
    }
    printf("soak: %ld taps, %ld drags, %ld keys, %ld other events, %ld pauses, %ld frames,"
           " %ld returns to the picker; RSS after warm-up (highest of tenths 4-6) %ld kB, at the "
           "end (median of the last 3) %ld kB (%+.2f %%)\n",
           s.taps, s.drags, s.keys, s.others, s.gaps, s.frames, s.idle_resets, warm_kb, end_kb,
           100.0 * (double)(end_kb - warm_kb) / (double)warm_kb);
    size_t seen = 0;
    for (size_t i = 0; i < language_count; i++)
        seen += visited[i];
    CHECK(seen == language_count, "only %zu of %zu languages were used", seen, language_count);
    CHECK(s.idle_resets > 0, "never back to the language picker");
    if (SOAK_MEASURES_MEMORY)
        CHECK(end_kb <= warm_kb + warm_kb / 20, "RSS grew from %ld kB to %ld kB", warm_kb, end_kb);
    rig_close(&r);
}

static void language_switch_without_locales(void)
{
    /* The environment has no LANG/LC_* (meson test sets them empty) and no
     * generated locales are needed: C.UTF-8 and LANGUAGE. */
    CHECK(ui_text_init(), "translations found");
    const char *langs[] = {"it", "ar", "zh", "it", "uk"};
    char seen[5][128];
    for (int i = 0; i < 5; i++) {
        ui_text_set_language(langs[i]);
        snprintf(seen[i], sizeof seen[i], "%s", _("Help now"));
        printf("%s: %s\n", langs[i], seen[i]);
        CHECK(strcmp(seen[i], "Help now") != 0, "%s: \"Help now\" not translated", langs[i]);
    }
    CHECK(strcmp(seen[0], seen[3]) == 0, "switching back to it gives the same string");
    CHECK(strcmp(seen[0], seen[1]) != 0 && strcmp(seen[1], seen[2]) != 0 &&
              strcmp(seen[2], seen[4]) != 0,
          "each switch changes the language");
}

/* ---- every shape ------------------------------------------------------- */

static bool overlap(SDL_FRect a, SDL_FRect b)
{
    /* More than a pixel both ways: touching edges are not an overlap. */
    float w = fminf(a.x + a.w, b.x + b.w) - fmaxf(a.x, b.x);
    float h = fminf(a.y + a.h, b.y + b.h) - fmaxf(a.y, b.y);
    return w > 1 && h > 1;
}

/* The operator's health panel and chart, as kiosk_list_slots lays it out:
 * the text of the slot whose msgid starts with `msgid_start`. */
typedef struct health_texts {
    char running[512], catalogue[512], refused[1024];
} health_texts;

static void health_slot(const screen_slot *slot, void *user)
{
    health_texts *t = user;
    if (!slot->msgid)
        return;
    char *into =
        strcmp(slot->slot, "operator.catalogue") == 0 ? t->catalogue
        : strcmp(slot->slot, "operator.update") == 0  ? t->refused
        : strcmp(slot->slot, "operator.health") == 0 && strncmp(slot->msgid, "Running for", 11) == 0
            ? t->running
            : NULL;
    if (into)
        snprintf(into, 512, "%s", slot->text);
}

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The health panel (issue 19): two starts under this boot are one restart;
 * the uptime; the catalogue's version and that it is not signed; a
 * catalogue refused by Reload, with the reason; and the chart of the last
 * 30 days from the counters: a bar per language with screens shown (ar 8
 * over three screens, uk 4, zh 1; bn's 50 of 40 days ago left out), as long
 * as its share of the largest, an empty bar for every other language of
 * the catalogue, drawn (its pixels on screen) and over no text. */
static void operator_health(void)
{
    char hash[256], config[512], catalogue[4200], starts[4200], next[4300];
    CHECK(pin_hash("2468", hash, sizeof hash), "hash");
    snprintf(config, sizeof config, "town = mantova\npin = %s\n", hash);
    snprintf(catalogue, sizeof catalogue, "%s/catalog-health.sqlite", work_dir);
    snprintf(starts, sizeof starts, "%s/starts", work_dir);
    copy_file(catalog_path, catalogue);
    unlink(starts);
    rig_starts = starts;
    rig r;
    rig_open(&r, catalogue, config, 0);
    rig_close(&r);
    rig_open(&r, catalogue, config, 0); /* started again: one restart */
    rig_starts = NULL;
    char boot_id[HEALTH_BOOT_ID_SIZE];
    bool boot_known = health_boot_id(HEALTH_BOOT_ID_PATH, boot_id);
    if (!boot_known)
        printf("no %s here: restarts are not known (\"?\")\n", HEALTH_BOOT_ID_PATH);

    counters *c = counters_open(r.counters);
    CHECK(c != NULL, "counters %s", r.counters);
    time_t now = time(NULL), day = 24 * 3600;
    for (int i = 0; i < 8; i++)
        counters_add(c, i < 5 ? "home" : i < 7 ? "service" : "article", "ar", now);
    for (int i = 0; i < 4; i++)
        counters_add(c, "article", "uk", now - 5 * day);
    counters_add(c, "home", "zh", now - 29 * day + 3600 * 2);
    for (int i = 0; i < 50; i++)
        counters_add(c, "home", "bn", now - 40 * day);
    counters_close(c);
    advance(&r, 125);
    corners(&r);
    type_pin(&r, "2468");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_OPERATOR, "operator screen");

    /* A catalogue that cannot be read replaces the one in use; Reload
     * refuses it. */
    snprintf(next, sizeof next, "%s.next", catalogue);
    FILE *f = fopen(next, "wb");
    fputs("not a catalogue\n", f);
    fclose(f);
    rename(next, catalogue);
    CHECK(tap(&r, ACTION_OPERATOR_RELOAD, NULL), "reload");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_OPERATOR, "still on the operator screen");

    health_texts t = {0};
    kiosk_slot_state state = {0};
    CHECK(kiosk_list_slots(r.kiosk, "it", SCREEN_OPERATOR, NULL, WIDTH, HEIGHT, 0, &state,
                           health_slot, &t),
          "slots of the operator screen");
    char want[64];
    snprintf(want, sizeof want, ": %s", boot_known ? "1" : "?");
    size_t length = strlen(t.running);
    CHECK(strstr(t.running, " 02 min") && length > strlen(want) &&
              strcmp(t.running + length - strlen(want), want) == 0,
          "uptime and restarts: \"%s\" (want 0 h 02 min and %s)", t.running, want);
    char why[256];
    catalog *opened = catalog_open(catalog_path, why, sizeof why);
    CHECK(opened != NULL, "%s", why);
    snprintf(want, sizeof want, "%lld", opened ? catalog_version(opened) : -2);
    catalog_close(opened);
    CHECK(strstr(t.catalogue, want) && strstr(t.catalogue, "20"),
          "catalogue line \"%s\" (version %s and its date)", t.catalogue, want);
    CHECK(strstr(t.refused, "catalog-health.sqlite") != NULL, "refused line: \"%s\"", t.refused);

    /* The chart, as laid out on screen. */
    kiosk_draw(r.kiosk);
    const view *v = kiosk_view(r.kiosk);
    const view_item *bars[16];
    size_t bar_count = 0, tracks = 0, widest = 0;
    float track_w = 0;
    for (size_t i = 0; i < v->count; i++) {
        const view_item *item = &v->items[i];
        if (item->kind != VIEW_FILL || item->action || item->layer != VIEW_BODY)
            continue;
        if (same_color(item->color, COLOR_FOOTER)) {
            tracks++;
            track_w = item->rect.w;
        } else if (same_color(item->color, COLOR_BAR_BUTTON) && bar_count < 16) {
            if (bar_count == 0 || item->rect.w > bars[widest]->rect.w)
                widest = bar_count;
            bars[bar_count++] = item;
        } else
            continue;
        for (size_t j = 0; j < v->count; j++)
            if (v->items[j].kind == VIEW_TEXT && v->items[j].layer == VIEW_BODY &&
                overlap(item->rect, v->items[j].rect))
                CHECK(false, "a bar at %g,%g over text item %zu", item->rect.x, item->rect.y, j);
    }
    CHECK(tracks == 14, "%zu bars in all (14 languages in the catalogue)", tracks);
    CHECK(bar_count == 3, "%zu bars with screens shown (ar, uk, zh)", bar_count);
    if (bar_count == 3) {
        float w0 = bars[0]->rect.w, w1 = bars[1]->rect.w, w2 = bars[2]->rect.w;
        CHECK(fabsf(w0 - track_w) < 0.5f, "ar's bar %g fills its track %g", w0, track_w);
        CHECK(fabsf(w1 - w0 / 2) < 1, "uk's bar %g is half ar's %g", w1, w0);
        CHECK(fabsf(w2 - w0 / 8) < 1, "zh's bar %g is an eighth of ar's %g", w2, w0);
        CHECK(bars[0]->rect.y < bars[1]->rect.y && bars[1]->rect.y < bars[2]->rect.y,
              "the most shown first");
        /* Drawn: scrolled into view, its pixels are the bar's colour. */
        kiosk_set_scroll(r.kiosk, bars[widest]->rect.y - v->body_top - 100);
        kiosk_draw(r.kiosk);
        SDL_RenderPresent(r.renderer);
        SDL_FRect on = view_screen_rect(v, bars[widest]);
        int x = (int)(on.x + on.w / 2), y = (int)(on.y + on.h / 2);
        Uint8 red, green, blue;
        CHECK(y >= 0 && y < HEIGHT, "the bar is on screen (y %d)", y);
        if (y >= 0 && y < HEIGHT) {
            Uint32 pixel =
                ((const Uint32 *)((const Uint8 *)r.surface->pixels + y * r.surface->pitch))[x];
            SDL_GetRGB(pixel, r.surface->format, &red, &green, &blue);
            CHECK(red == COLOR_BAR_BUTTON.r && green == COLOR_BAR_BUTTON.g &&
                      blue == COLOR_BAR_BUTTON.b,
                  "pixel %d,%d is %d,%d,%d, not the bar's colour", x, y, red, green, blue);
        }
        char png[4200], *error = NULL;
        snprintf(png, sizeof png, "%s/operator-health.png", work_dir);
        png_write_surface(png, r.surface, &error);
        free(error);
        printf("the chart drawn in %s\n", png);
    }
    rig_close(&r);
}

/* The current screen laid out for a window `w` x `h`: every item inside
 * the width, no text over another text, no target over another target,
 * nothing fixed over the scrolling body, every target at least 9 mm. */
static void check_layout(const kiosk *k, const char *what, int w, int h, float dpi)
{
    const view *v = kiosk_view(k);
    screen_shape shape = kiosk_shape(k);
    CHECK(shape.width == w && shape.height == h && v->width == w && v->height == h,
          "%s: laid out at %dx%d (view %dx%d) in a %dx%d window", what, shape.width, shape.height,
          v->width, v->height, w, h);
    CHECK(v->body_top < v->body_bottom && v->body_top >= 0 && v->body_bottom <= (float)h,
          "%s: body %g..%g", what, v->body_top, v->body_bottom);
    int problems = 0;
    for (size_t i = 0; i < v->count && problems < 5; i++) {
        const view_item *a = &v->items[i];
        if (a->rect.x < -0.5f || a->rect.x + a->rect.w > (float)w + 0.5f) {
            CHECK(false, "%s: item %zu (%s) spans %g..%g, outside 0..%d", what, i,
                  a->kind == VIEW_TEXT ? "text" : "box", a->rect.x, a->rect.x + a->rect.w, w);
            problems++;
        }
        if (a->layer == VIEW_FIXED && a->rect.h > 0 &&
            overlap(a->rect, (SDL_FRect){0, v->body_top, (float)w, v->body_bottom - v->body_top})) {
            CHECK(false, "%s: fixed item %zu at y %g..%g covers the body %g..%g", what, i,
                  a->rect.y, a->rect.y + a->rect.h, v->body_top, v->body_bottom);
            problems++;
        }
        for (size_t j = i + 1; j < v->count; j++) {
            const view_item *b = &v->items[j];
            if (a->layer != b->layer)
                continue;
            bool texts = a->kind == VIEW_TEXT && b->kind == VIEW_TEXT;
            bool targets = a->action && b->action;
            if ((texts || targets) && overlap(a->rect, b->rect)) {
                CHECK(false, "%s: %s %zu (%g,%g %gx%g) and %zu (%g,%g %gx%g) overlap", what,
                      texts ? "texts" : "targets", i, a->rect.x, a->rect.y, a->rect.w, a->rect.h, j,
                      b->rect.x, b->rect.y, b->rect.w, b->rect.h);
                problems++;
            }
        }
    }
    float minimum = 9.0f / 25.4f * (dpi > 0 ? dpi : 96);
    float smallest = kiosk_smallest_target(k);
    CHECK(smallest == 0 || smallest >= minimum - 0.5f, "%s: a %g px target (< 9 mm = %g px)", what,
          smallest, minimum);
}

static const struct {
    kiosk_screen screen;
    const char *arg;
} every_screen[] = {
    {SCREEN_LANGUAGES, NULL},
    {SCREEN_HOME, NULL},
    {SCREEN_CATEGORY, "permesso"},
    {SCREEN_CATEGORY, "aiuto"},
    {SCREEN_SERVICE, "questura-mantova-immigrazione"},
    {SCREEN_SERVICE, "cpia-mantova-sede"},
    {SCREEN_QR, "questura-mantova-immigrazione"},
    {SCREEN_ARTICLE, "permesso-e-lavoro"},
    {SCREEN_HELP, NULL},
    {SCREEN_PIN, NULL},
    {SCREEN_OPERATOR, NULL},
    {SCREEN_SEARCH, NULL},
    {SCREEN_SEARCH, "example"},
    {SCREEN_SEARCH, "example-topic"},
    {SCREEN_SEARCH, "qxqxqxqx"},
};

static const int shapes[][2] = {{800, 1280}, {600, 1024}, {1920, 1080}, {1024, 600}, {1280, 800}};

/* WCAG 2.2: relative luminance of an sRGB colour, and the contrast ratio
 * of two. */
static double luminance(SDL_Color c)
{
    double channel[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        channel[i] =
            channel[i] <= 0.04045 ? channel[i] / 12.92 : pow((channel[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double contrast_ratio(SDL_Color a, SDL_Color b)
{
    double x = luminance(a), y = luminance(b);
    return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}

/* What a text the view cannot tell the ground of (a label whose box is
 * wider than its button) is drawn on at the centre of its box: the last
 * opaque fill of its layer there. */
static bool ground_at_centre(const view *v, size_t text, SDL_Color *ground)
{
    SDL_FRect r = v->items[text].rect;
    SDL_FPoint centre = {r.x + r.w / 2, r.y + r.h / 2};
    for (size_t i = text; i-- > 0;) {
        const view_item *below = &v->items[i];
        if (below->kind == VIEW_FILL && below->layer == v->items[text].layer &&
            below->color.a == 255 && SDL_PointInFRect(&centre, &below->rect)) {
            *ground = below->color;
            return true;
        }
    }
    return false;
}

/* A kiosk in a real window (SDL's dummy video driver) that can be resized
 * and rotated; NULL kiosk when it cannot be made (said by CHECK). */
typedef struct windowed {
    SDL_Window *window;
    SDL_Renderer *renderer;
    text_engine *engine;
    kiosk *kiosk;
} windowed;

static windowed windowed_open(double now)
{
    windowed w = {0};
    CHECK(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0, "video: %s", SDL_GetError());
    w.window = SDL_CreateWindow("test", 0, 0, 1280, 800, SDL_WINDOW_RESIZABLE);
    w.renderer = w.window ? SDL_CreateRenderer(w.window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    char path[4096], *error = NULL;
    w.engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    kiosk_options options = {.catalog_path = catalog_path, .kiosk_mode = true};
    w.kiosk = w.renderer && w.engine ? kiosk_create(w.renderer, w.engine, &options, now) : NULL;
    CHECK(w.kiosk != NULL, "window, renderer, engine and kiosk: %s %s", SDL_GetError(),
          error ? error : "");
    free(error);
    return w;
}

static void windowed_close(windowed *w)
{
    kiosk_destroy(w->kiosk);
    text_engine_destroy(w->engine);
    if (w->renderer)
        SDL_DestroyRenderer(w->renderer);
    if (w->window)
        SDL_DestroyWindow(w->window);
}

/* High contrast: every text of every screen, in five scripts, at every
 * shape, is at least 7:1 against what it is drawn on (WCAG 2.2 AAA, 1.4.6);
 * the ordinary theme has texts below that (so the theme changes
 * something); the idle reset turns it off. */
static void high_contrast_meets_wcag_aaa(void)
{
    double now = 1000;
    windowed w = windowed_open(now);
    SDL_Window *window = w.window;
    kiosk *k = w.kiosk;
    static const char *const languages[] = {"it", "ar", "ur", "zh", "ti"};
    size_t texts = 0, unknown = 0, weak_ordinary = 0;
    double lowest = 21;
    for (int contrast = 0; k && contrast < 2; contrast++)
        for (size_t l = 0; l < sizeof languages / sizeof *languages; l++)
            for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
                SDL_SetWindowSize(window, shapes[i][0], shapes[i][1]);
                kiosk_pump_events(k, now);
                for (size_t s = 0; s < sizeof every_screen / sizeof *every_screen; s++) {
                    /* The visitor's screens (the PIN pad and the operator's
                     * are staff's, in the ordinary theme). */
                    if (every_screen[s].screen == SCREEN_PIN ||
                        every_screen[s].screen == SCREEN_OPERATOR)
                        continue;
                    CHECK(kiosk_show(k, languages[l], every_screen[s].screen, every_screen[s].arg,
                                     now),
                          "show");
                    kiosk_set_high_contrast(k, contrast);
                    kiosk_tick(k, now += 0.02);
                    kiosk_draw(k);
                    const view *v = kiosk_view(k);
                    for (size_t t = 0; t < v->count; t++) {
                        SDL_Color ground;
                        if (v->items[t].kind != VIEW_TEXT)
                            continue;
                        if (!view_text_ground(v, t, &ground) && !ground_at_centre(v, t, &ground)) {
                            unknown += contrast;
                            continue;
                        }
                        double ratio = contrast_ratio(v->items[t].color, ground);
                        if (!contrast) {
                            weak_ordinary += ratio < 7;
                            continue;
                        }
                        texts++;
                        lowest = ratio < lowest ? ratio : lowest;
                        CHECK(ratio >= 7.0,
                              "%s %s at %dx%d: a text %.2f:1 (ink %d,%d,%d on %d,%d,%d)",
                              languages[l], kiosk_screen_name(every_screen[s].screen), shapes[i][0],
                              shapes[i][1], ratio, v->items[t].color.r, v->items[t].color.g,
                              v->items[t].color.b, ground.r, ground.g, ground.b);
                    }
                }
            }
    printf("high contrast: %zu texts, the lowest %.2f:1 (%zu over a picture or a partial fill, "
           "not measured); the ordinary theme has %zu texts under 7:1\n",
           texts, lowest, unknown, weak_ordinary);
    CHECK(texts > 1000 && unknown < texts / 20, "%zu texts measured, %zu not", texts, unknown);
    CHECK(weak_ordinary > 0, "the ordinary theme already meets 7:1: the test proves nothing");
    kiosk_set_high_contrast(k, true);
    kiosk_tick(k, now += 10000); /* past the idle timeout and its countdown */
    kiosk_tick(k, now += 10000);
    CHECK(!kiosk_high_contrast(k), "the idle reset turns high contrast off");
    windowed_close(&w);
}

/* A real window (SDL's dummy video driver) resized and rotated between
 * frames: every screen is laid out again at the new shape, stays the
 * screen it was, and nothing overlaps. */
/* Help now shows every help number whole without scrolling, in every
 * language of the catalogue at every supported shape: the cards of the
 * help category's services with a phone lie inside the viewport at the
 * top of the screen (above the draft line and the bar). */
static void help_numbers_in_sight_at_every_shape(void)
{
    double now = 1000;
    windowed w = windowed_open(now);
    SDL_Window *window = w.window;
    kiosk *k = w.kiosk;
    catalog *c = catalog_open(catalog_path, NULL, 0);
    CHECK(c != NULL, "catalogue");
    if (!c) {
        windowed_close(&w);
        return;
    }
    const char *numbers[64];
    size_t count = 0;
    for (size_t i = 0; i < catalog_service_count(c) && count < 64; i++) {
        const catalog_service *s = catalog_service_at(c, i);
        if (strcmp(s->category, "aiuto") == 0 && s->phone_count > 0)
            numbers[count++] = s->id;
    }
    CHECK(count >= 3, "%zu help numbers in the catalogue", count);
    size_t checked = 0;
    for (size_t l = 0; k && l < catalog_language_count(c); l++) {
        const char *language = catalog_language_at(c, l)->code;
        for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
            SDL_SetWindowSize(window, shapes[i][0], shapes[i][1]);
            kiosk_pump_events(k, now);
            CHECK(kiosk_show(k, language, SCREEN_HELP, NULL, now), "show help");
            kiosk_tick(k, now += 0.02);
            kiosk_draw(k);
            const view *v = kiosk_view(k);
            float viewport = v->body_bottom - v->body_top;
            for (size_t n = 0; n < count; n++) {
                int item = view_find(v, ACTION_SERVICE, numbers[n]);
                SDL_FRect r = item >= 0 ? v->items[item].rect : (SDL_FRect){0, 0, 0, 0};
                CHECK(item >= 0 && r.h > 0 && r.y >= 0 && r.y + r.h <= viewport + 0.5f,
                      "%s at %dx%d: %s's card at %.0f-%.0f, the screen shows 0-%.0f without "
                      "scrolling",
                      language, shapes[i][0], shapes[i][1], numbers[n], r.y, r.y + r.h, viewport);
                checked++;
            }
        }
    }
    printf("help: %zu numbers seen whole without scrolling (%zu languages x %zu shapes)\n", checked,
           catalog_language_count(c), sizeof shapes / sizeof *shapes);
    catalog_close(c);
    windowed_close(&w);
}

typedef struct picker_slots {
    size_t names, italian, cut;
    char texts[1024];
} picker_slots;

static void picker_slot(const screen_slot *slot, void *user)
{
    picker_slots *p = user;
    bool name = strcmp(slot->slot, "languages.name") == 0;
    bool italian = strcmp(slot->slot, "languages.italian") == 0;
    p->names += name;
    p->italian += italian;
    p->cut += (name || italian) && (slot->cut || slot->lines != 1);
    if (italian && strlen(p->texts) + strlen(slot->text) + 2 < sizeof p->texts) {
        strcat(p->texts, slot->text);
        strcat(p->texts, " ");
    }
}

/* The language picker, the first screen a visitor sees, whole on the
 * screen at every shape (and at 1280x720, the kiosk session's output in
 * cage): every language's tile inside the viewport, each with its name in
 * Italian under the endonym (but Italiano's own). */
static void picker_whole_with_italian_names(void)
{
    static const int picker_shapes[][2] = {{600, 1024}, {800, 1280}, {1024, 600},
                                           {1280, 720}, {1280, 800}, {1920, 1080}};
    static const struct {
        const char *code, *italian;
    } names[] = {{"en", "Inglese"}, {"ar", "Arabo"},  {"ur", "Urdu"},    {"fa", "Dari"},
                 {"ti", "Tigrino"}, {"zh", "Cinese"}, {"uk", "Ucraino"}, {"bn", "Bengalese"}};
    double now = 1000;
    windowed w = windowed_open(now);
    kiosk *k = w.kiosk;
    const char *codes[32];
    size_t count = k ? kiosk_languages(k, codes, 32) : 0;
    CHECK(count == 14, "%zu languages on the picker", count);
    for (size_t i = 0; k && i < sizeof picker_shapes / sizeof *picker_shapes; i++) {
        int width = picker_shapes[i][0], height = picker_shapes[i][1];
        SDL_SetWindowSize(w.window, width, height);
        kiosk_pump_events(k, now);
        CHECK(kiosk_show(k, "it", SCREEN_LANGUAGES, NULL, now), "show the picker");
        kiosk_tick(k, now += 0.02);
        kiosk_draw(k);
        const view *v = kiosk_view(k);
        float viewport = v->body_bottom - v->body_top;
        CHECK(view_max_scroll(v) == 0, "%dx%d: the picker scrolls by %g px", width, height,
              view_max_scroll(v));
        for (size_t t = 0; t < v->count; t++)
            if (v->items[t].layer == VIEW_BODY &&
                v->items[t].rect.y + v->items[t].rect.h > viewport + 0.5f)
                printf("  %dx%d: item %zu kind %d action %d at %g..%g (viewport %g)\n", width,
                       height, t, (int)v->items[t].kind, v->items[t].action, v->items[t].rect.y,
                       v->items[t].rect.y + v->items[t].rect.h, viewport);
        for (size_t l = 0; l < count; l++) {
            int item = view_find(v, ACTION_LANGUAGE, codes[l]);
            SDL_FRect r = item >= 0 ? v->items[item].rect : (SDL_FRect){0, -1, 0, 0};
            CHECK(item >= 0 && r.y >= 0 && r.y + r.h <= viewport + 0.5f,
                  "%dx%d: %s's tile at %.0f-%.0f, the screen shows 0-%.0f without scrolling", width,
                  height, codes[l], r.y, r.y + r.h, viewport);
        }
        /* The names laid out on the picker: each endonym and the Italian
         * names whole on one line. */
        picker_slots found = {0};
        CHECK(kiosk_list_slots(k, "it", SCREEN_LANGUAGES, NULL, width, height, 0,
                               &(kiosk_slot_state){0}, picker_slot, &found),
              "picker slots");
        CHECK(found.names == count && found.italian == count - 1 && found.cut == 0,
              "%dx%d: %zu names, %zu Italian names, %zu cut or on two lines", width, height,
              found.names, found.italian, found.cut);
        for (size_t n = 0; n < sizeof names / sizeof *names; n++)
            CHECK(strstr(found.texts, names[n].italian) != NULL,
                  "%dx%d: no Italian name \"%s\" for %s (Italian names: %s)", width, height,
                  names[n].italian, names[n].code, found.texts);
    }
    windowed_close(&w);
}

/* The rows of ink (pixels far from the colour of the rectangle's face) in
 * `r` of the rig's surface, inset by `inset` px: false when there is none. */
static bool ink_rows(rig *r, SDL_FRect rect, int inset, int *top, int *bottom)
{
    int x0 = (int)rect.x + inset, x1 = (int)(rect.x + rect.w) - inset;
    int y0 = (int)rect.y + inset, y1 = (int)(rect.y + rect.h) - inset;
    const Uint8 *face = (const Uint8 *)r->surface->pixels + y0 * r->surface->pitch + x0 * 4;
    *top = -1;
    for (int y = y0; y < y1; y++) {
        const Uint8 *row = (const Uint8 *)r->surface->pixels + y * r->surface->pitch;
        for (int x = x0; x < x1; x++) {
            const Uint8 *p = row + x * 4;
            int d = 0;
            for (int c = 0; c < 3; c++)
                d = abs(p[c] - face[c]) > d ? abs(p[c] - face[c]) : d;
            if (d > 96) {
                if (*top < 0)
                    *top = y;
                *bottom = y + 1;
                break;
            }
        }
    }
    return *top >= 0;
}

/* Labels sit in the middle of their tiles and buttons by their ink, in
 * every script: the language picker's tiles (the endonym and its Italian
 * name as one block), the operator's language buttons (the names alone),
 * and the contrast button's pictogram.  Measured on the drawn pixels:
 * the middle of the ink rows is within 2 px of the middle of the box. */
static void labels_centred_by_ink(void)
{
    static const char *const scripts[] = {"ur", "bn", "ti", "zh", "en", "ar", "it"};
    static const struct {
        kiosk_screen screen;
        int action;
    } boxes[] = {{SCREEN_LANGUAGES, ACTION_LANGUAGE}, {SCREEN_OPERATOR, ACTION_OPERATOR_LANGUAGE}};
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    size_t measured = 0;
    for (size_t b = 0; b < sizeof boxes / sizeof *boxes; b++) {
        CHECK(kiosk_show(r.kiosk, "it", boxes[b].screen, NULL, r.now), "show %s",
              kiosk_screen_name(boxes[b].screen));
        kiosk_draw(r.kiosk);
        SDL_RenderPresent(r.renderer);
        const view *v = kiosk_view(r.kiosk);
        for (size_t s = 0; s < sizeof scripts / sizeof *scripts; s++) {
            int item = -1;
            for (size_t i = 0; i < v->count && item < 0; i++)
                if (v->items[i].action == boxes[b].action &&
                    strncmp(v->items[i].arg, scripts[s], strlen(scripts[s])) == 0 &&
                    (v->items[i].arg[2] == '\0' || v->items[i].arg[2] == ':'))
                    item = (int)i;
            CHECK(item >= 0, "%s: no box for %s", kiosk_screen_name(boxes[b].screen), scripts[s]);
            if (item < 0)
                continue;
            SDL_FRect box = view_screen_rect(v, &v->items[item]);
            int top = 0, bottom = 0;
            CHECK(ink_rows(&r, box, 4, &top, &bottom), "%s %s: no ink",
                  kiosk_screen_name(boxes[b].screen), scripts[s]);
            float ink_middle = (float)(top + bottom) / 2, middle = box.y + box.h / 2;
            printf("%s %s: box %.0f-%.0f, ink %d-%d, %+.1f px from the middle\n",
                   kiosk_screen_name(boxes[b].screen), scripts[s], box.y, box.y + box.h, top,
                   bottom, ink_middle - middle);
            CHECK(fabsf(ink_middle - middle) <= 2.0f,
                  "%s %s: the label's ink %d-%d is centred at %.1f, the box's middle is %.1f",
                  kiosk_screen_name(boxes[b].screen), scripts[s], top, bottom, ink_middle, middle);
            measured++;
        }
    }
    /* The contrast pictogram (◐) in its button, on the picker. */
    CHECK(kiosk_show(r.kiosk, "it", SCREEN_LANGUAGES, NULL, r.now), "show the picker");
    kiosk_draw(r.kiosk);
    SDL_RenderPresent(r.renderer);
    const view *v = kiosk_view(r.kiosk);
    int item = view_find(v, ACTION_CONTRAST, NULL);
    CHECK(item >= 0, "no contrast button");
    if (item >= 0) {
        SDL_FRect box = view_screen_rect(v, &v->items[item]);
        int top = 0, bottom = 0;
        CHECK(ink_rows(&r, box, 2, &top, &bottom), "contrast button: no ink");
        float ink_middle = (float)(top + bottom) / 2, middle = box.y + box.h / 2;
        printf("contrast button: box %.0f-%.0f, ink %d-%d, %+.1f px from the middle\n", box.y,
               box.y + box.h, top, bottom, ink_middle - middle);
        CHECK(fabsf(ink_middle - middle) <= 2.0f,
              "contrast button: its pictogram's ink %d-%d is centred at %.1f, the middle is %.1f",
              top, bottom, ink_middle, middle);
        measured++;
    }
    printf("%zu labels measured\n", measured);
    rig_close(&r);
}

static void resize_between_frames(const char *lang)
{
    double now = 1000;
    windowed win = windowed_open(now);
    SDL_Window *window = win.window;
    SDL_Renderer *renderer = win.renderer;
    kiosk *k = win.kiosk;
    int w = 1280, h = 800;
    /* Every screen at every shape, then again in large text. */
    size_t screens = sizeof every_screen / sizeof *every_screen;
    for (size_t n = 0; k && n < 2 * screens; n++) {
        size_t s = n % screens;
        bool large = n >= screens;
        CHECK(kiosk_show(k, lang, every_screen[s].screen, every_screen[s].arg, now), "show %s",
              kiosk_screen_name(every_screen[s].screen));
        kiosk_set_large_text(k, large);
        kiosk_draw(k);
        SDL_RenderPresent(renderer);
        for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
            w = shapes[i][0], h = shapes[i][1];
            SDL_SetWindowSize(window, w, h);
            kiosk_pump_events(k, now);
            kiosk_tick(k, now += 0.02);
            kiosk_draw(k);
            SDL_RenderPresent(renderer);
            char what[160];
            snprintf(what, sizeof what, "%s %s %s at %dx%d%s", lang,
                     kiosk_screen_name(every_screen[s].screen),
                     every_screen[s].arg ? every_screen[s].arg : "", w, h,
                     large ? " in large text" : "");
            CHECK(kiosk_current_screen(k) == every_screen[s].screen, "%s: the screen changed",
                  what);
            check_layout(k, what, w, h, 0);
        }
    }
    printf("%zu screens x %zu shapes, normal and large text, checked in %s\n", screens,
           sizeof shapes / sizeof *shapes, lang);
    windowed_close(&win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

typedef struct slot_log {
    int count, home_categories, content, words;
    float service_title_width;
    char first_problem[512];
    int width;
    const char *title_key; /* the service title's expected key */
    float scale;           /* the shape's pixels per design unit (0: sizes not checked) */
} slot_log;

/* No text a visitor reads is smaller than the body text of a list (22
 * units), but the draft line at the foot and a service's source line
 * (20 units, still readable at arm's length). */
static float smallest_units(const char *slot)
{
    return strcmp(slot, "draft-line") == 0 || strcmp(slot, "service.source") == 0 ? 20.0f : 22.0f;
}

static bool staff_screen(const char *screen)
{
    return strcmp(screen, "pin") == 0 || strcmp(screen, "operator") == 0;
}

static void record_slot(const screen_slot *slot, void *user)
{
    slot_log *log = user;
    log->count++;
    if (strcmp(slot->slot, "home.category") == 0)
        log->home_categories++;
    if (strcmp(slot->slot, "service.title") == 0 && log->title_key) {
        log->service_title_width = slot->width;
        if (!slot->key || strcmp(slot->key, log->title_key) != 0)
            snprintf(log->first_problem, sizeof log->first_problem, "service.title key %s",
                     slot->key ? slot->key : "(none)");
    }
    log->content += slot->key != NULL;
    log->words += slot->msgid != NULL;
    const char *problem = NULL;
    if (slot->width <= 0 || slot->width > (float)log->width)
        problem = "box width outside the screen";
    else if (slot->size <= 0 || slot->max_lines < 0 || slot->lines < 1)
        problem = "size, line limit or lines";
    else if (slot->key && !strchr(slot->key, ':'))
        problem = "a content key without its kind";
    else if (!slot->language || !slot->language[0] || !slot->text || !slot->screen)
        problem = "no language, text or screen";
    else if (log->scale > 0 && !staff_screen(slot->screen) &&
             slot->size < smallest_units(slot->slot) * log->scale - 0.5f)
        problem = "smaller than the body text of a list (22 units; the footer and source line 20)";
    if (problem && !log->first_problem[0])
        snprintf(log->first_problem, sizeof log->first_problem, "%s %s: %s (width %g of %d)",
                 slot->screen, slot->slot, problem, slot->width, log->width);
}

/* Every screen's text slots listed at every shape, with their box width
 * and line limit, without touching the screen on show. */
static void slots_listed(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(kiosk_show(r.kiosk, "ar", SCREEN_HELP, NULL, r.now), "help");
    kiosk_draw(r.kiosk);
    catalog *c = catalog_open(catalog_path, NULL, 0);
    /* Every category has its tile but the help category, which is Help now. */
    size_t categories = c ? catalog_category_count(c) - 1 : 0;
    catalog_close(c);
    static const char *languages[] = {"it", "ar", "ur", "ti", "zh"};
    float title_width[sizeof shapes / sizeof *shapes] = {0};
    for (size_t l = 0; l < sizeof languages / sizeof *languages; l++) {
        for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
            for (size_t s = 0; s < sizeof every_screen / sizeof *every_screen; s++) {
                char title_key[128];
                snprintf(title_key, sizeof title_key, "service:%s:name",
                         every_screen[s].arg ? every_screen[s].arg : "");
                slot_log log = {.width = shapes[i][0],
                                .title_key = title_key,
                                .scale = screen_shape_for(shapes[i][0], shapes[i][1], 0).scale};
                bool listed = kiosk_list_slots(r.kiosk, languages[l], every_screen[s].screen,
                                               every_screen[s].arg, shapes[i][0], shapes[i][1], 0,
                                               &(kiosk_slot_state){0}, record_slot, &log);
                const char *name = kiosk_screen_name(every_screen[s].screen);
                CHECK(listed && log.count > 0, "%s %s at %dx%d: %d slots", languages[l], name,
                      shapes[i][0], shapes[i][1], log.count);
                CHECK(!log.first_problem[0], "%s at %dx%d: %s", languages[l], shapes[i][0],
                      shapes[i][1], log.first_problem);
                if (every_screen[s].screen == SCREEN_HOME)
                    CHECK((size_t)log.home_categories == categories && log.words > 0,
                          "home: %d category slots for %zu categories", log.home_categories,
                          categories);
                if (every_screen[s].screen == SCREEN_ARTICLE)
                    CHECK(log.content > 5, "article: %d content slots", log.content);
                if (every_screen[s].screen == SCREEN_SERVICE && every_screen[s].arg[0] == 'q')
                    title_width[i] = log.service_title_width;
            }
        }
    }
    /* One column in portrait, two on a desk screen: the title's box is the
     * whole width in the first, not in the second. */
    CHECK(title_width[0] > 0.9f * 800 - 100 && title_width[2] < 1920 - 400,
          "service title boxes: %g at 800x1280, %g at 1920x1080", title_width[0], title_width[2]);
    CHECK(!kiosk_list_slots(r.kiosk, "ar", SCREEN_SERVICE, "no-such-service", 800, 1280, 0,
                            &(kiosk_slot_state){0}, record_slot, &(slot_log){.width = 800}),
          "a service that does not exist has no slots");
    CHECK(!kiosk_list_slots(r.kiosk, "xx", SCREEN_HOME, NULL, 800, 1280, 0, &(kiosk_slot_state){0},
                            record_slot, &(slot_log){.width = 800}),
          "a language that does not exist has no slots");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_HELP &&
              strcmp(kiosk_language(r.kiosk), "ar") == 0,
          "the screen on show is untouched");
    rig_close(&r);
}

/* ---- a real service with opening hours, on a fixed clock -------------- */

typedef struct service_slots {
    char status[256], confirm[512], confirm_msgid[128], source[512], directions_key[128];
    char checked[256];
    bool hours_table;
} service_slots;

static void record_service_slot(const screen_slot *slot, void *user)
{
    service_slots *out = user;
    if (strcmp(slot->slot, "service.status") == 0)
        snprintf(out->status, sizeof out->status, "%s", slot->text);
    else if (strcmp(slot->slot, "example-mark") == 0) {
        snprintf(out->confirm, sizeof out->confirm, "%s", slot->text);
        snprintf(out->confirm_msgid, sizeof out->confirm_msgid, "%s",
                 slot->msgid ? slot->msgid : "");
    } else if (strcmp(slot->slot, "service.source") == 0)
        snprintf(out->source, sizeof out->source, "%s", slot->text);
    else if (strcmp(slot->slot, "checked") == 0)
        snprintf(out->checked, sizeof out->checked, "%s", slot->text);
    else if (strcmp(slot->slot, "service.directions") == 0)
        snprintf(out->directions_key, sizeof out->directions_key, "%s", slot->key ? slot->key : "");
    else if (strcmp(slot->slot, "service.hours-ranges") == 0)
        out->hours_table = true;
}

static service_slots service_at(rig *r, const char *lang, const char *id, long long now)
{
    service_slots out = {0};
    kiosk_slot_state state = {.now = now};
    CHECK(kiosk_list_slots(r->kiosk, lang, SCREEN_SERVICE, id, 800, 1280, 0, &state,
                           record_service_slot, &out),
          "%s: %s laid out", lang, id);
    return out;
}

/* The Suzzara information desk (Thursdays 14:00-17:00, aziendasocialis.it,
 * 2023) on a fixed clock: open on Thursday afternoon, closed until 14:00 on
 * Thursday morning, until Thursday on Friday; its facts are older than two
 * years, so a calm note says when they were checked (and the source line
 * names the source alone).  An example (the job
 * centre of Suzzara) has the calm "details to confirm" line and no source
 * line. */
static void service_open_now_on_a_fixed_clock(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const long long thursday_15 = 1796914800; /* 2026-12-10 15:00 UTC, a Thursday */
    const long long thursday_10 = 1796896800; /* 2026-12-10 10:00 */
    const long long friday_9 = 1796979600;    /* 2026-12-11 09:00 */
    const char *desk = "sportello-informativo-suzzara";
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    service_slots s = service_at(&r, "it", desk, thursday_15);
    CHECK(strcmp(s.status, "Aperto ora, chiude alle 17:00") == 0, "it, Thursday 15:00: \"%s\"",
          s.status);
    CHECK(s.hours_table, "the hours table is drawn");
    CHECK(strcmp(s.directions_key, "service:sportello-informativo-suzzara:directions") == 0,
          "how to get there: \"%s\"", s.directions_key);
    s = service_at(&r, "it", desk, thursday_10);
    CHECK(strcmp(s.status, "Chiuso ora, apre alle 14:00") == 0, "it, Thursday 10:00: \"%s\"",
          s.status);
    s = service_at(&r, "it", desk, friday_9);
    CHECK(strstr(s.status, "Chiuso ora, apre ") == s.status && strstr(s.status, "14:00") &&
              strstr(s.status, "iovedì"),
          "it, Friday: \"%s\"", s.status);
    CHECK(strcmp(s.confirm_msgid, "Checked %s: ask at the information desk to confirm") == 0 &&
              strstr(s.confirm, "2023"),
          "checked more than two years ago: \"%s\" (%s)", s.confirm, s.confirm_msgid);
    CHECK(strstr(s.source, "aziendasocialis.it") && !strstr(s.source, "2023"),
          "source: \"%s\" (the date once, in the note)", s.source);
    /* In Ukrainian, Arabic and Chinese: the status in the language, the
     * time in Latin digits (17:00, or 5:00 on a 12-hour clock). */
    static const char *const languages[] = {"uk", "ar", "zh"};
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        s = service_at(&r, languages[i], desk, thursday_15);
        CHECK((strstr(s.status, "17:00") || strstr(s.status, "5:00")) &&
                  !strstr(s.status, "Aperto") && !strstr(s.status, "Open"),
              "%s, Thursday 15:00: \"%s\"", languages[i], s.status);
    }
    /* A year alone less than two years ago: no note, "checked 2026" and
     * the source line. */
    s = service_at(&r, "uk", "questura-mantova-immigrazione", thursday_15);
    CHECK(!s.confirm[0] && strstr(s.checked, "2026") && strstr(s.source, "questure") &&
              !s.status[0],
          "questura: confirm \"%s\", checked \"%s\", source \"%s\", status \"%s\"", s.confirm,
          s.checked, s.source, s.status);
    s = service_at(&r, "uk", "cpi-suzzara", thursday_15);
    CHECK(strcmp(s.confirm_msgid, "Details to confirm: ask at the information desk") == 0 &&
              !s.source[0],
          "an example: confirm \"%s\" (%s), source \"%s\"", s.confirm, s.confirm_msgid, s.source);
    rig_close(&r);
}

/* ---- when facts were checked (issue 17), where a visitor asks ---------- */

typedef struct found_slot {
    const char *name; /* the slot looked for */
    char text[512], msgid[128];
    int count;
} found_slot;

static void record_named_slot(const screen_slot *slot, void *user)
{
    found_slot *f = user;
    if (strcmp(slot->slot, f->name) != 0 || f->count++)
        return;
    snprintf(f->text, sizeof f->text, "%s", slot->text);
    snprintf(f->msgid, sizeof f->msgid, "%s", slot->msgid ? slot->msgid : "");
}

/* The first text of slot `name` on a screen laid out at 800x1280 at `now`. */
static found_slot slot_at(rig *r, const char *lang, kiosk_screen screen, const char *arg,
                          const char *name, long long now)
{
    found_slot f = {.name = name};
    kiosk_slot_state state = {.now = now};
    CHECK(
        kiosk_list_slots(r->kiosk, lang, screen, arg, 800, 1280, 0, &state, record_named_slot, &f),
        "%s: %s %s laid out", lang, screen_def_of(screen)->name, arg ? arg : "");
    return f;
}

#define JANUARY_2025 1736942400LL  /* 2025-01-15 12:00 UTC */
#define DECEMBER_2026 1796914800LL /* 2026-12-10 15:00 UTC */

/* "Checked November 2024" on a service (1522, checked 2024-11-25) and
 * "Checked May 2024" on a guide (post office or Questura, 2024-05-30), in
 * Italian, Arabic and Chinese, the month named by ICU in the language, one
 * calm line and no note; two years later the note with where to ask takes
 * its place; an example has the "details to confirm" note and no date. */
static void checked_line_in_languages(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    static const struct {
        const char *lang, *service, *article;
    } want[] = {
        {"it", "Ultimo controllo: novembre 2024", "Ultimo controllo: maggio 2024"},
        {"ar",
         "\xd8\xa2\xd8\xae\xd8\xb1 \xd8\xaa\xd8\xad\xd9\x82\xd9\x82: "
         "\xd9\x86\xd9\x88\xd9\x81\xd9\x85\xd8\xa8\xd8\xb1 2024", /* آخر تحقق: نوفمبر 2024 */
         "\xd8\xa2\xd8\xae\xd8\xb1 \xd8\xaa\xd8\xad\xd9\x82\xd9\x82: "
         "\xd9\x85\xd8\xa7\xd9\x8a\xd9\x88 2024"}, /* آخر تحقق: مايو 2024 */
        {"zh",
         "\xe6\x9c\x80\xe5\x90\x8e\xe6\xa0\xb8\xe5\xae\x9e\xef\xbc\x9a"
         "2024\xe5\xb9\xb4"
         "11\xe6\x9c\x88",
         "\xe6\x9c\x80\xe5\x90\x8e\xe6\xa0\xb8\xe5\xae\x9e\xef\xbc\x9a"
         "2024\xe5\xb9\xb4"
         "5\xe6\x9c\x88"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *lang = want[i].lang;
        found_slot line =
            slot_at(&r, lang, SCREEN_SERVICE, "antiviolenza-1522", "checked", JANUARY_2025);
        found_slot note =
            slot_at(&r, lang, SCREEN_SERVICE, "antiviolenza-1522", "example-mark", JANUARY_2025);
        CHECK(line.count == 1 && strcmp(line.text, want[i].service) == 0 &&
                  strcmp(line.msgid, "Checked %s") == 0 && note.count == 0,
              "%s: service: \"%s\" (%s), want \"%s\"; %d notes", lang, line.text, line.msgid,
              want[i].service, note.count);
        line =
            slot_at(&r, lang, SCREEN_ARTICLE, "permesso-posta-o-questura", "checked", JANUARY_2025);
        note = slot_at(&r, lang, SCREEN_ARTICLE, "permesso-posta-o-questura", "example-mark",
                       JANUARY_2025);
        CHECK(line.count == 1 && strcmp(line.text, want[i].article) == 0 && note.count == 0,
              "%s: article: \"%s\", want \"%s\"; %d notes", lang, line.text, want[i].article,
              note.count);
        /* 25 months later: the note, with the date, and no line. */
        line = slot_at(&r, lang, SCREEN_SERVICE, "antiviolenza-1522", "checked", DECEMBER_2026);
        note =
            slot_at(&r, lang, SCREEN_SERVICE, "antiviolenza-1522", "example-mark", DECEMBER_2026);
        CHECK(line.count == 0 && note.count == 1 &&
                  strcmp(note.msgid, "Checked %s: ask at the information desk to confirm") == 0 &&
                  strstr(note.text, "2024"),
              "%s: two years later: %d lines, note \"%s\" (%s)", lang, line.count, note.text,
              note.msgid);
        line = slot_at(&r, lang, SCREEN_ARTICLE, "permesso-posta-o-questura", "checked",
                       DECEMBER_2026);
        note = slot_at(&r, lang, SCREEN_ARTICLE, "permesso-posta-o-questura", "example-mark",
                       DECEMBER_2026);
        CHECK(line.count == 0 && note.count == 1 && strstr(note.text, "2024"),
              "%s: the guide two years later: %d lines, note \"%s\"", lang, line.count, note.text);
        /* An example: "details to confirm", no date. */
        line = slot_at(&r, lang, SCREEN_SERVICE, "cpi-suzzara", "checked", JANUARY_2025);
        note = slot_at(&r, lang, SCREEN_SERVICE, "cpi-suzzara", "example-mark", JANUARY_2025);
        CHECK(line.count == 0 && note.count == 1 &&
                  strcmp(note.msgid, "Details to confirm: ask at the information desk") == 0,
              "%s: an example: %d lines, note \"%s\" (%s)", lang, line.count, note.text,
              note.msgid);
    }
    rig_close(&r);
}

/* The bundled catalogue, unsigned, with `sql` run on it, at `path`. */
static void unsigned_variant(const char *path, const char *sql)
{
    copy_file(catalog_path, path);
    strip_signature(path);
    if (sql)
        run_sql(path, sql);
}

/* A catalogue whose services and articles have no date: no checked line,
 * no note (nothing says the facts are old), the source line stays. */
static void no_checked_date_no_line(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-undated.sqlite", work_dir);
    unsigned_variant(path, "UPDATE services SET checked = ''; UPDATE articles SET checked = ''");
    rig_allow_unsigned = true;
    rig r;
    rig_open(&r, path, NULL, 0);
    static const char *const languages[] = {"it", "ar", "zh"};
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        const char *lang = languages[i];
        found_slot line = slot_at(&r, lang, SCREEN_SERVICE, "sportello-informativo-suzzara",
                                  "checked", DECEMBER_2026);
        found_slot note = slot_at(&r, lang, SCREEN_SERVICE, "sportello-informativo-suzzara",
                                  "example-mark", DECEMBER_2026);
        found_slot source = slot_at(&r, lang, SCREEN_SERVICE, "sportello-informativo-suzzara",
                                    "service.source", DECEMBER_2026);
        CHECK(line.count == 0 && note.count == 0 && source.count == 1 &&
                  strstr(source.text, "aziendasocialis.it"),
              "%s: service without a date: %d lines \"%s\", %d notes \"%s\", source \"%s\"", lang,
              line.count, line.text, note.count, note.text, source.text);
        line = slot_at(&r, lang, SCREEN_ARTICLE, "busta-paga", "checked", DECEMBER_2026);
        note = slot_at(&r, lang, SCREEN_ARTICLE, "busta-paga", "example-mark", DECEMBER_2026);
        CHECK(line.count == 0 && note.count == 0, "%s: article without a date: \"%s\" \"%s\"", lang,
              line.text, note.text);
    }
    found_slot old = slot_at(&r, "it", SCREEN_OPERATOR, NULL, "operator.old-facts", DECEMBER_2026);
    CHECK(old.count == 1 && strstr(old.text, ": 0"), "undated facts counted as old: \"%s\"",
          old.text);
    rig_close(&r);
    rig_allow_unsigned = false;
}

/* How many services and articles of the catalogue at `path` (unsigned)
 * were checked before `month` ("2025-05" and earlier: more than 18 months
 * before December 2026), counted in SQL, apart from the kiosk's rule. */
static long count_checked_up_to(const char *path, const char *month)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM (SELECT checked FROM services UNION ALL"
                           " SELECT checked FROM articles) WHERE checked != ''"
                           " AND substr(checked || '-01', 1, 7) <= ?",
                           -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, month, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* The operator's screen counts the services and guides checked more than
 * 18 months ago: the bundled catalogue's, counted in SQL, in December 2026;
 * none in January 2019 (no date is that old). */
static void operator_counts_old_facts(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog-plain.sqlite", work_dir);
    unsigned_variant(path, NULL);
    long want = count_checked_up_to(path, "2025-05");
    CHECK(want > 0, "no old fact in the bundled catalogue (%ld)", want);
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    found_slot old = slot_at(&r, "it", SCREEN_OPERATOR, NULL, "operator.old-facts", DECEMBER_2026);
    char expected[160];
    snprintf(expected, sizeof expected, "Servizi e guide controllati più di 18 mesi fa: %ld", want);
    CHECK(old.count == 1 && strcmp(old.text, expected) == 0 &&
              strcmp(old.msgid, "Services and guides checked more than %1$d months ago: %2$zu") ==
                  0,
          "operator: \"%s\", want \"%s\"", old.text, expected);
    old = slot_at(&r, "it", SCREEN_OPERATOR, NULL, "operator.old-facts",
                  1547553600LL /* 2019-01-15 */);
    CHECK(strcmp(old.text, "Servizi e guide controllati più di 18 mesi fa: 0") == 0,
          "operator in January 2019: \"%s\"", old.text);
    rig_close(&r);
}

/* place = cas: a tablet in a reception centre tells the visitor to ask the
 * operator (an example, facts checked long ago, a list's example row, the
 * out-of-service screen); a bad value is logged at its line and the kiosk
 * says "information desk". */
static void cas_place_says_ask_the_operator(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    rig r;
    warnings_logged = 0;
    rig_open(&r, catalog_path, "place = cas\n", 0);
    CHECK(warnings_logged == 0, "place = cas: %d warnings: %s", warnings_logged, last_warning);
    found_slot note =
        slot_at(&r, "it", SCREEN_SERVICE, "cpi-suzzara", "example-mark", DECEMBER_2026);
    CHECK(strcmp(note.msgid, "Details to confirm: ask the operator") == 0 &&
              strcmp(note.text, "Dati da confermare: chiedi all'operatore") == 0,
          "it, CAS, an example: \"%s\" (%s)", note.text, note.msgid);
    note = slot_at(&r, "uk", SCREEN_SERVICE, "sportello-informativo-suzzara", "example-mark",
                   DECEMBER_2026);
    CHECK(strcmp(note.msgid, "Checked %s: ask the operator to confirm") == 0 &&
              strstr(note.text, "2023") &&
              strstr(note.text, "\xd1\x86\xd0\xb5\xd0\xbd\xd1\x82\xd1\x80\xd1\x83"), /* центру */
          "uk, CAS, old facts: \"%s\" (%s)", note.text, note.msgid);
    note = slot_at(&r, "ar", SCREEN_CATEGORY, "lavoro", "example-mark", DECEMBER_2026);
    CHECK(note.count > 0 && strcmp(note.msgid, "Details to confirm: ask the operator") == 0,
          "ar, CAS, a list's example row: %d, %s", note.count, note.msgid);
    found_slot out =
        slot_at(&r, "it", SCREEN_OUT_OF_SERVICE, NULL, "out-of-service.line", DECEMBER_2026);
    CHECK(strcmp(out.msgid, "Out of service. Please ask the operator.") == 0,
          "CAS, out of service: \"%s\" (%s)", out.text, out.msgid);
    rig_close(&r);
    warnings_logged = 0;
    last_warning[0] = '\0';
    rig_open(&r, catalog_path, "town = suzzara\nplace = tablet\n", 0);
    CHECK(warnings_logged == 1 && strstr(last_warning, "site.conf:2: place \"tablet\""),
          "a bad place: %d warnings: %s", warnings_logged, last_warning);
    note = slot_at(&r, "it", SCREEN_SERVICE, "cpi-suzzara", "example-mark", DECEMBER_2026);
    CHECK(strcmp(note.msgid, "Details to confirm: ask at the information desk") == 0,
          "a bad place keeps the information desk: %s", note.msgid);
    out = slot_at(&r, "it", SCREEN_OUT_OF_SERVICE, NULL, "out-of-service.line", DECEMBER_2026);
    CHECK(strcmp(out.msgid, "Out of service. Please ask at the information desk.") == 0,
          "a bad place, out of service: %s", out.msgid);
    rig_close(&r);
}

/* ---- a category's list: guides and offices, town and phone ------------- */

typedef struct list_slots {
    char headings[4][64];
    int heading_count;
    bool viadana, phone;
} list_slots;

static void record_list_slot(const screen_slot *slot, void *user)
{
    list_slots *out = user;
    if (strcmp(slot->slot, "category.heading") == 0 && out->heading_count < 4)
        snprintf(out->headings[out->heading_count++], sizeof out->headings[0], "%s",
                 slot->msgid ? slot->msgid : "");
    else if (strcmp(slot->slot, "category.service-where") == 0 && strstr(slot->text, "Viadana"))
        out->viadana = true;
    else if (strcmp(slot->slot, "category.service-phone") == 0 &&
             strcmp(slot->text, "0376 1590684") == 0)
        out->phone = true;
}

/* Guides under one heading and offices under another, in that order; an
 * office outside the three towns shows the town of its address, and an
 * office with a phone shows it. */
static void category_lists_guides_and_offices(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    static const char *const languages[] = {"it", "ar", "zh"};
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        list_slots permesso = {0}, lingua = {0};
        CHECK(kiosk_list_slots(r.kiosk, languages[i], SCREEN_CATEGORY, "permesso", 800, 1280, 0,
                               &(kiosk_slot_state){0}, record_list_slot, &permesso),
              "permesso laid out");
        CHECK(permesso.heading_count == 2 && strcmp(permesso.headings[0], "Guides") == 0 &&
                  strcmp(permesso.headings[1], "Offices") == 0,
              "%s permesso: %d headings (%s, %s)", languages[i], permesso.heading_count,
              permesso.headings[0], permesso.headings[1]);
        CHECK(kiosk_list_slots(r.kiosk, languages[i], SCREEN_CATEGORY, "lingua", 800, 1280, 0,
                               &(kiosk_slot_state){0}, record_list_slot, &lingua),
              "lingua laid out");
        CHECK(lingua.heading_count == 1 && strcmp(lingua.headings[0], "Offices") == 0,
              "%s lingua (no guides): %d headings", languages[i], lingua.heading_count);
        CHECK(lingua.viadana && lingua.phone, "%s lingua: Viadana %d, CPIA's phone %d",
              languages[i], lingua.viadana, lingua.phone);
    }
    rig_close(&r);
}

/* ---- search (issue 16) ---------------------------------------------- */

/* The first result on the search screen: its target's index, or -1 (no
 * query: the topics are shown; nothing found: Help now and the topics). */
static int first_result(rig *r)
{
    const view *v = kiosk_view(r->kiosk);
    if (!kiosk_search_query(r->kiosk)[0])
        return -1;
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].layer == VIEW_BODY && v->items[i].action == ACTION_HELP)
            return -1;
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].layer == VIEW_BODY &&
            (v->items[i].action == ACTION_SERVICE || v->items[i].action == ACTION_ARTICLE ||
             v->items[i].action == ACTION_CATEGORY))
            return (int)i;
    return -1;
}

/* Types `text` with taps on the on-screen keys: a character on a key of
 * its own, or offered by a key (an Ethiopic consonant's orders), touched
 * there; a space on the space key. */
static void type_on_keys(rig *r, const keyboard_set *keys, const char *language, const char *text)
{
    const keyboard_layout *layout = keyboard_for(keys, language, false);
    CHECK(layout != NULL, "no layout for %s", language);
    for (const char *c = text; *c;) {
        int n = 1;
        while ((c[n] & 0xc0) == 0x80)
            n++;
        char one[8];
        snprintf(one, sizeof one, "%.*s", n, c);
        c += n;
        if (tap(r, ACTION_KEY, one))
            continue;
        bool typed = false;
        for (int row = 0; layout && row < layout->row_count && !typed; row++)
            for (int k = 0; k < layout->key_count[row] && !typed; k++) {
                const keyboard_key *key = &layout->keys[row][k];
                for (int i = 0; i < key->choice_count && !typed; i++) {
                    if (key->choice_count < 2 || strcmp(key->choice[i], one) != 0)
                        continue;
                    char where[16];
                    snprintf(where, sizeof where, "%d:%d", row, k);
                    CHECK(tap(r, ACTION_KEY_CHOICES, where), "no key %s", where);
                    CHECK(!tap(r, ACTION_KEY_CHOICES, where), "the keyboard still shown (%s)",
                          where);
                    typed = tap(r, ACTION_KEY, one);
                    CHECK(typed, "%s not offered by key %s", one, where);
                }
            }
        CHECK(typed, "no key types %s in %s", one, language);
    }
}

/* From home: the search button, a query typed on the keys, results as it
 * is typed, a result opened, Back to the query; one search counted. */
static void search_journey(const char *lang, const char *query)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    keyboard_set keys;
    keyboard_set_load(&keys);
    CHECK(tap(&r, ACTION_LANGUAGE, lang), "no tile for %s", lang);
    CHECK(tap(&r, ACTION_SEARCH, NULL), "no search button on home");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SEARCH, "the search screen");
    CHECK(kiosk_find_target(r.kiosk, ACTION_KEY_ERASE, NULL, &(float){0}, &(float){0}),
          "a keyboard with an erase key");
    /* A key's characters offered in place of the keyboard (saved as a
     * picture for reviewers), and the way back to the keyboard. */
    const keyboard_layout *layout = keyboard_for(&keys, lang, false);
    for (int row = 0; layout && row < layout->row_count; row++)
        for (int k = 0; k < layout->key_count[row]; k++)
            if (layout->keys[row][k].choice_count > 1) {
                char where[16], png[4200], *error = NULL;
                snprintf(where, sizeof where, "%d:%d", row, k);
                CHECK(tap(&r, ACTION_KEY_CHOICES, where), "key %s", where);
                CHECK(kiosk_find_target(r.kiosk, ACTION_KEY, layout->keys[row][k].choice[1],
                                        &(float){0}, &(float){0}),
                      "%s offered", layout->keys[row][k].choice[1]);
                kiosk_draw(r.kiosk);
                SDL_RenderPresent(r.renderer);
                snprintf(png, sizeof png, "%s/%s-search-choices.png", work_dir, lang);
                png_write_surface(png, r.surface, &error);
                free(error);
                CHECK(tap(&r, ACTION_KEY_CHOICES, ""), "the way back to the keyboard");
                CHECK(kiosk_find_target(r.kiosk, ACTION_KEY_ERASE, NULL, &(float){0}, &(float){0}),
                      "the keyboard back");
                CHECK(kiosk_search_query(r.kiosk)[0] == '\0', "nothing typed");
                row = layout->row_count;
                break;
            }
    /* Latin letters and back, where the language has a layout of its own. */
    if (keyboard_has_own(&keys, lang)) {
        CHECK(tap(&r, ACTION_KEY_SWITCH, NULL), "a switch to Latin letters");
        CHECK(tap(&r, ACTION_KEY, "q"), "Latin letters: q");
        CHECK(strcmp(kiosk_search_query(r.kiosk), "q") == 0, "q typed");
        CHECK(tap(&r, ACTION_KEY_ERASE, NULL), "erase");
        CHECK(tap(&r, ACTION_KEY_SWITCH, NULL), "and back");
        CHECK(!kiosk_find_target(r.kiosk, ACTION_KEY, "q", &(float){0}, &(float){0}),
              "the language's own keys again");
    } else {
        CHECK(!kiosk_find_target(r.kiosk, ACTION_KEY_SWITCH, NULL, &(float){0}, &(float){0}),
              "no switch where there is nowhere to switch to");
    }
    type_on_keys(&r, &keys, lang, query);
    CHECK(strcmp(kiosk_search_query(r.kiosk), query) == 0, "typed \"%s\", the query is \"%s\"",
          query, kiosk_search_query(r.kiosk));
    int result = first_result(&r);
    CHECK(result >= 0, "results for %s", query);
    if (result < 0) {
        rig_close(&r);
        return;
    }
    char id[64];
    int action = kiosk_view(r.kiosk)->items[result].action;
    snprintf(id, sizeof id, "%s", kiosk_view(r.kiosk)->items[result].arg);
    kiosk_screen want = action == ACTION_SERVICE   ? SCREEN_SERVICE
                        : action == ACTION_ARTICLE ? SCREEN_ARTICLE
                                                   : SCREEN_CATEGORY;
    CHECK(tap(&r, (kiosk_action)action, id), "the first result %s", id);
    CHECK(kiosk_current_screen(r.kiosk) == want && strcmp(kiosk_screen_arg(r.kiosk), id) == 0,
          "the result %s opened its screen", id);
    CHECK(count_rows(r.counters, "screen = 'search'") == 1, "one search counted: %ld",
          count_rows(r.counters, "screen = 'search'"));
    CHECK(tap(&r, ACTION_BACK, NULL), "Back");
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SEARCH, "Back returns to the search screen");
    CHECK(strcmp(kiosk_search_query(r.kiosk), query) == 0, "the query kept: \"%s\"",
          kiosk_search_query(r.kiosk));
    CHECK(first_result(&r) >= 0, "its results shown again");
    /* The same query left again is the same search. */
    CHECK(tap(&r, ACTION_HOME, NULL), "Home");
    CHECK(count_rows(r.counters, "screen = 'search'") == 1, "still one search: %ld",
          count_rows(r.counters, "screen = 'search'"));
    CHECK(count_rows(r.counters, "screen = 'search-empty'") == 0, "no empty search");
    CHECK(count_rows(r.counters, "screen = 'search' AND language = 'X'") == 0, "sql");
    char where[64];
    snprintf(where, sizeof where, "screen = 'search' AND language = '%s'", lang);
    CHECK(count_rows(r.counters, where) == 1, "counted in %s", lang);
    rig_close(&r);
}

static void push_text(Uint32 type, const char *text)
{
    SDL_Event e = {0};
    e.type = type;
    if (type == SDL_TEXTINPUT)
        snprintf(e.text.text, sizeof e.text.text, "%s", text);
    else
        snprintf(e.edit.text, sizeof e.edit.text, "%s", text);
    SDL_PushEvent(&e);
}

/* A hardware keyboard and an input method: text input, composition,
 * Backspace, Enter opening the first result. */
static void search_hardware_keyboard(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "Italian");
    push_text(SDL_TEXTINPUT, "per"); /* typed before the search screen: ignored */
    advance(&r, 0.05);
    CHECK(tap(&r, ACTION_SEARCH, NULL), "search button");
    CHECK(kiosk_search_query(r.kiosk)[0] == '\0', "nothing typed outside the search screen");
    push_text(SDL_TEXTINPUT, "perm");
    push_text(SDL_TEXTEDITING, "es"); /* an input method composing */
    advance(&r, 0.05);
    CHECK(strcmp(kiosk_search_query(r.kiosk), "perm") == 0, "composition not in the query: %s",
          kiosk_search_query(r.kiosk));
    push_text(SDL_TEXTINPUT, "essox");
    push_text(SDL_TEXTEDITING, "");
    advance(&r, 0.05);
    key(&r, SDLK_BACKSPACE, 0);
    CHECK(strcmp(kiosk_search_query(r.kiosk), "permesso") == 0, "query \"%s\"",
          kiosk_search_query(r.kiosk));
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_SEARCH, "Backspace erases, stays");
    kiosk_draw(r.kiosk);
    CHECK(first_result(&r) >= 0, "results for permesso");
    key(&r, SDLK_RETURN, 0);
    kiosk_screen now = kiosk_current_screen(r.kiosk);
    CHECK(now == SCREEN_CATEGORY || now == SCREEN_SERVICE || now == SCREEN_ARTICLE,
          "Enter opens the first result (screen %s)", kiosk_screen_name(now));
    CHECK(count_rows(r.counters, "screen = 'search' AND language = 'it'") == 1, "counted");
    rig_close(&r);
}

/* A query that finds nothing says so and offers Help now and the topics;
 * it is counted as an empty search. */
static void search_nothing_found(const char *lang)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, lang), "no tile for %s", lang);
    CHECK(tap(&r, ACTION_CATEGORY, "lavoro"), "a category");
    CHECK(tap(&r, ACTION_SEARCH, NULL), "the search button on a list");
    push_text(SDL_TEXTINPUT, "qxqxqxqx");
    advance(&r, 0.05);
    CHECK(first_result(&r) < 0, "no result for qxqxqxqx");
    const view *v = kiosk_view(r.kiosk);
    int help = -1, topics = 0;
    for (size_t i = 0; i < v->count; i++) {
        if (v->items[i].layer == VIEW_BODY && v->items[i].action == ACTION_HELP)
            help = (int)i;
        topics += v->items[i].layer == VIEW_BODY && v->items[i].action == ACTION_CATEGORY;
    }
    CHECK(help >= 0, "Help now offered in the body");
    CHECK(topics >= 3, "the topics offered: %d", topics);
    int texts = 0;
    for (size_t i = 0; i < v->count; i++)
        texts += v->items[i].layer == VIEW_BODY && v->items[i].kind == VIEW_TEXT;
    CHECK(texts >= 4, "not an empty screen: %d texts", texts);
    if (help >= 0) {
        SDL_FRect rect = view_screen_rect(v, &v->items[help]);
        tap_at(&r, rect.x + rect.w / 2, rect.y + rect.h / 2, false);
    }
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_HELP, "Help now opened");
    char where[96];
    snprintf(where, sizeof where, "screen = 'search-empty' AND language = '%s'", lang);
    CHECK(count_rows(r.counters, where) == 1, "an empty search counted");
    rig_close(&r);
}

/* The caret after the query's last character, from the layout's glyphs:
 * at the left end of Arabic, after a Latin word typed last in an Arabic
 * query (inside the line), at the right end of Italian.  Returns the
 * caret's x as a share of the query's ink, from its left (-1: none). */
static float caret_share(rig *r)
{
    const view *v = kiosk_view(r->kiosk);
    float thin = roundf(3 * kiosk_shape(r->kiosk).scale);
    int caret = -1, carets = 0;
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].layer == VIEW_FIXED && v->items[i].kind == VIEW_FILL &&
            v->items[i].rect.w == thin && v->items[i].rect.h > 10) {
            caret = (int)i;
            carets++;
        }
    CHECK(carets == 1, "%d carets", carets);
    if (caret < 0)
        return -1;
    SDL_FRect c = view_screen_rect(v, &v->items[caret]);
    float cx = c.x + c.w / 2, cy = c.y + c.h / 2;
    for (size_t i = 0; i < v->count; i++) {
        const view_item *t = &v->items[i];
        SDL_FRect tr = view_screen_rect(v, t);
        if (t->layer != VIEW_FIXED || t->kind != VIEW_TEXT || cy < tr.y || cy > tr.y + tr.h ||
            cx < tr.x - 4 || cx > tr.x + tr.w + 4 || text_layout_line_count(t->layout) != 1)
            continue;
        const text_line *line = text_layout_line(t->layout, 0);
        float left = 1e9f, right = -1e9f;
        for (size_t g = 0; g < line->glyph_count; g++) {
            left = fminf(left, tr.x + line->glyphs[g].x);
            right = fmaxf(right, tr.x + line->glyphs[g].x + line->glyphs[g].advance);
        }
        if (right > left && tr.w > 200) /* the query's line, not a key */
            return (cx - left) / (right - left);
    }
    return -1;
}

static void search_caret(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "Arabic");
    CHECK(tap(&r, ACTION_SEARCH, NULL), "search");
    push_text(SDL_TEXTINPUT, "راتب");
    advance(&r, 0.05);
    float share = caret_share(&r);
    CHECK(share >= -0.05f && share < 0.05f, "Arabic: the caret at the left end (%.2f)", share);
    push_text(SDL_TEXTINPUT, " abc");
    advance(&r, 0.05);
    share = caret_share(&r);
    /* "abc" is drawn at the left of the Arabic word, the caret after its c. */
    CHECK(share > 0.15f && share < 0.7f, "Arabic then Latin: the caret after abc (%.2f)", share);
    rig_close(&r);
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "it"), "Italian");
    CHECK(tap(&r, ACTION_SEARCH, NULL), "search");
    push_text(SDL_TEXTINPUT, "lavoro");
    advance(&r, 0.05);
    share = caret_share(&r);
    CHECK(share > 0.95f && share < 1.05f, "Italian: the caret at the right end (%.2f)", share);
    /* Longer than the line: its end is shown, the caret still after it. */
    for (int i = 0; i < 8; i++)
        push_text(SDL_TEXTINPUT, " permesso di soggiorno");
    push_text(SDL_TEXTINPUT, " fine");
    advance(&r, 0.05);
    share = caret_share(&r);
    CHECK(share > 0.95f && share < 1.05f, "a long query: the caret at the right end (%.2f)", share);
    char png[4200], *error = NULL;
    snprintf(png, sizeof png, "%s/it-search-long-query.png", work_dir);
    kiosk_draw(r.kiosk);
    SDL_RenderPresent(r.renderer);
    png_write_surface(png, r.surface, &error);
    free(error);
    rig_close(&r);
}

/* The idle reset drops the query with the rest of the session. */
static void search_idle_reset(void)
{
    rig r;
    rig_open(&r, catalog_path, NULL, 0);
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "Arabic");
    CHECK(tap(&r, ACTION_SEARCH, NULL), "search");
    push_text(SDL_TEXTINPUT, "راتب");
    advance(&r, 0.05);
    CHECK(strcmp(kiosk_search_query(r.kiosk), "راتب") == 0, "typed");
    advance(&r, 120);
    CHECK(kiosk_current_screen(r.kiosk) == SCREEN_LANGUAGES, "idle reset");
    CHECK(kiosk_search_query(r.kiosk)[0] == '\0', "the query dropped: \"%s\"",
          kiosk_search_query(r.kiosk));
    CHECK(count_rows(r.counters, "screen = 'search' AND language = 'ar'") == 1,
          "the search counted at the reset");
    CHECK(tap(&r, ACTION_LANGUAGE, "ar"), "Arabic again");
    CHECK(tap(&r, ACTION_SEARCH, NULL), "search again");
    CHECK(kiosk_search_query(r.kiosk)[0] == '\0', "a new visitor's query line is empty");
    CHECK(first_result(&r) < 0, "no results of the last visitor");
    rig_close(&r);
}

/* Every layout file parses; each kiosk language has its keys (its own
 * script's where there is one); every key's characters are in a font. */
static void keyboard_layouts(void)
{
    char path[4096], *error = NULL;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    CHECK(engine != NULL, "%s", error ? error : "");
    keyboard_set keys;
    keyboard_set_load(&keys);
    CHECK(keys.count == 9, "%zu layouts", keys.count);
    static const char *const own[] = {"ar", "ur", "fa", "ps", "ti", "pa", "bn", "uk"};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
        const keyboard_layout *l = keyboard_for(&keys, own[i], false);
        CHECK(l && strcmp(l->name, own[i]) == 0, "%s has its own layout", own[i]);
        CHECK(l && l->rtl == text_language_is_rtl(own[i]), "%s: direction", own[i]);
    }
    static const char *const latin[] = {"it", "en", "fr", "ro", "sq", "zh"};
    for (size_t i = 0; i < sizeof latin / sizeof *latin; i++) {
        const keyboard_layout *l = keyboard_for(&keys, latin[i], false);
        CHECK(l && strcmp(l->name, "latin") == 0, "%s types Latin letters", latin[i]);
    }
    for (size_t n = 0; n < keys.count; n++) {
        const keyboard_layout *l = &keys.layouts[n];
        bool has_switch = false, has_erase = false, has_space = false;
        char all[4096] = "";
        for (int row = 0; row < l->row_count; row++) {
            float width = 0;
            for (int k = 0; k < l->key_count[row]; k++) {
                const keyboard_key *key = &l->keys[row][k];
                const char *c = key->choice[0];
                bool own_key = c[0] == '{';
                has_switch |= strcmp(c, "{switch}") == 0;
                has_erase |= strcmp(c, "{erase}") == 0;
                has_space |= strcmp(c, "{space}") == 0;
                width += strcmp(c, "{space}") == 0 ? 3 : own_key ? 1.5f : 1;
                for (int i = 0; i < key->choice_count && !own_key; i++) {
                    strncat(all, key->choice[i], sizeof all - strlen(all) - 1);
                    text_params params = text_params_default(l->text_language, 400, 30);
                    text_layout *t =
                        text_layout_create(engine, key->choice[i], strlen(key->choice[i]), &params);
                    bool missing = !t;
                    for (size_t li = 0; t && li < text_layout_line_count(t); li++) {
                        const text_line *line = text_layout_line(t, li);
                        for (size_t g = 0; g < line->glyph_count; g++)
                            missing |= line->glyphs[g].missing;
                    }
                    text_layout_destroy(t);
                    CHECK(!missing, "%s: key %s has a character no font has", l->name,
                          key->choice[i]);
                }
            }
            CHECK(width <= 11, "%s row %d: %g keys wide (11 fit at 9 mm)", l->name, row, width);
        }
        CHECK(has_switch && has_erase && has_space, "%s: switch, erase and space keys", l->name);
        if (strcmp(l->name, "ps") == 0) {
            static const char *const letters[] = {"ځ", "څ", "ډ", "ړ", "ږ", "ښ", "ګ", "ڼ", "ۍ", "ې"};
            for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
                CHECK(strstr(all, letters[i]), "Pashto has %s", letters[i]);
        }
        if (strcmp(l->name, "ti") == 0)
            for (int k = 0; k < l->key_count[0]; k++)
                CHECK(l->keys[0][k].choice_count == 7, "Tigrinya key %d: its seven orders", k);
        if (strcmp(l->name, "latin") == 0) {
            static const char *const accents[] = {"à", "è", "é", "ì", "ò", "ù", "ç", "ë",
                                                  "ê", "â", "î", "ô", "û", "ă", "ș", "ț"};
            for (size_t i = 0; i < sizeof accents / sizeof *accents; i++)
                CHECK(strstr(all, accents[i]), "Latin letters have %s", accents[i]);
        }
    }
    char why[512];
    keyboard_layout bad;
    snprintf(path, sizeof path, "%s/bad-layout.txt", work_dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("text-language = it\nlabel = X\nrow = a b\nkeys = c\n", f);
        fclose(f);
    }
    CHECK(!keyboard_parse(path, &bad, why, sizeof why) && strstr(why, ":4:"),
          "a bad line refused at its line: %s", why);
    text_engine_destroy(engine);
}

/* Each test by the name meson gives it, with how many arguments (after
 * the name: a language, a kind) it needs; a second one may be optional
 * (journey's shape). */
typedef struct named_test {
    const char *name;
    int arguments;
    void (*none)(void);
    void (*one)(const char *);
    void (*two)(const char *, const char *);
} named_test;

static void soak_for(const char *seconds)
{
    soak(atol(seconds));
}

static const named_test tests[] = {
    {"journey", 1, .two = journey},
    {"large-golden", 1, .one = large_text_goldens},
    {"high-contrast", 0, .none = high_contrast_meets_wcag_aaa},
    {"picker-whole", 0, .none = picker_whole_with_italian_names},
    {"ink-centred", 0, .none = labels_centred_by_ink},
    {"help-in-sight", 0, .none = help_numbers_in_sight_at_every_shape},
    {"resize", 1, .one = resize_between_frames},
    {"slots", 0, .none = slots_listed},
    {"escape", 0, .none = escape_attempts},
    {"operator", 0, .none = operator_access},
    {"operator-health", 0, .none = operator_health},
    {"bad-catalogue", 1, .one = bad_catalogue},
    {"replaced", 0, .none = replaced_at_idle_reset},
    {"signed", 1, .one = signed_catalogues},
    {"updates", 1, .one = updates_tests},
    {"rtl", 0, .none = rtl_mirrors},
    {"targets", 0, .none = touch_targets},
    {"italian", 0, .none = italian_toggle},
    {"sorted", 0, .none = sorted_services},
    {"list-gap", 0, .none = list_gap},
    {"open-now", 0, .none = service_open_now_on_a_fixed_clock},
    {"category-lists", 0, .none = category_lists_guides_and_offices},
    {"checked-line", 0, .none = checked_line_in_languages},
    {"no-checked-date", 0, .none = no_checked_date_no_line},
    {"operator-old-facts", 0, .none = operator_counts_old_facts},
    {"cas", 0, .none = cas_place_says_ask_the_operator},
    {"gettext", 0, .none = language_switch_without_locales},
    {"locked", 0, .none = catalogue_locked},
    {"deleted", 0, .none = catalogue_deleted},
    {"read-only", 0, .none = read_only_folder},
    {"counters", 1, .one = counters_fault},
    {"fonts", 1, .one = font_fault},
    {"search-journey", 2, .two = search_journey},
    {"search-hardware", 0, .none = search_hardware_keyboard},
    {"search-nothing", 1, .one = search_nothing_found},
    {"search-caret", 0, .none = search_caret},
    {"search-idle", 0, .none = search_idle_reset},
    {"keyboards", 0, .none = keyboard_layouts},
    {"soak", 1, .one = soak_for},
};

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: test_kiosk CATALOG GOLDEN_DIR WORK_DIR TEST [LANG]\n");
        return 2;
    }
    catalog_path = argv[1];
    golden_dir = argv[2];
    const char *test = argv[4];
    char work[4096];
    snprintf(work, sizeof work, "%s/%s%s%s%s%s", argv[3], test, argc > 5 ? "-" : "",
             argc > 5 ? argv[5] : "", argc > 6 ? "-" : "", argc > 6 ? argv[6] : "");
    mkdir(argv[3], 0755);
    mkdir(work, 0755);
    work_dir = work;
    log_set_sink(sink, NULL);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const named_test *t = NULL;
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        if (strcmp(tests[i].name, test) == 0 && argc - 5 >= tests[i].arguments)
            t = &tests[i];
    if (!t) {
        fprintf(stderr, "unknown test %s (or its arguments missing)\n", test);
        return 2;
    }
    if (t->none)
        t->none();
    else if (t->one)
        t->one(argv[5]);
    else
        t->two(argv[5], argc > 6 ? argv[6] : NULL);
    SDL_Quit();
    printf("%s: %s\n", test, check_failures ? "FAILED" : "ok");
    return check_failures ? 1 : 0;
}
