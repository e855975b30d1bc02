/* sportello - the kiosk.
 *
 *   sportello [--windowed] [--catalog FILE] [--config FILE] [--counters FILE]
 *             [--dpi N] [--lang L [--show SCREEN[:ID]]]
 *   sportello --screenshots DIR [--lang L] [--size WxH] [--dpi N] [--full]
 *             [--large-text] [--high-contrast] [--catalog FILE] [--config FILE]
 *   sportello --screenshots DIR --lang L --only MSGCTXT_OR_MSGID
 *   sportello --check-layout [--lang L] [--po DIR] [--po-content DIR] [--data DIR]
 *             [--catalog FILE]
 *   sportello --describe-slots [--catalog FILE]...   (where each string is shown)
 *   sportello --export-counts FILE [--counters FILE]
 *   sportello --set-pin [--config FILE]       (the PIN on standard input)
 *   sportello --search QUERY --lang L [--catalog FILE] [--limit N] [--config FILE]
 *
 * Without --windowed the kiosk runs fullscreen in kiosk mode: closing the
 * window, Alt+F4, Ctrl+Q and Escape do nothing; only the operator gesture
 * and PIN lead out.  With no display it draws its start screen into
 * sportello-start.png and prints the file's path. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>

#include "catalog_search.h"
#include "counters.h"
#include "kiosk.h"
#include "layout_check.h"
#include "log.h"
#include "paths.h"
#include "pin.h"
#include "png_io.h"
#include "site_config.h"
#include "system_service.h"
#include "text.h"
#include "text_render.h"

#define SCREEN_WIDTH 1280
#define SCREEN_HEIGHT 800

typedef struct options {
    const char *catalog, *config, *counters, *screenshots, *language, *export_counts;
    const char *po, *po_content, *data, *only, *search;
    long limit;                         /* of --search */
    const char *show;                   /* --show SCREEN[:ID], with --lang */
    const char *trusted_key, *versions; /* kiosk_options' default key and versions file */
    const char *state_dir;              /* the counters' folder: versions, updates */
    const char *starts;                 /* kiosk_options' starts file (health.h) */
    bool windowed, set_pin, full, check_layout, describe_slots, large_text, high_contrast;
    bool catalog_given;      /* --catalog on the command line */
    const char *catalogs[4]; /* every --catalog given (--describe-slots reads each) */
    size_t catalog_count;
    float dpi;
    int width, height; /* of the screenshots */
} options;

static double seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* mkdir -p of the directory part of `path`. */
static void make_parent(const char *path)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST)
            return;
        *p = '/';
    }
}

static const char *default_catalog(char *buffer, size_t size)
{
    if (paths_from_build_tree() && exists(SPORTELLO_BUILD_CATALOG))
        return SPORTELLO_BUILD_CATALOG; /* a developer's build tree */
    snprintf(buffer, size, "%s/catalog.sqlite", SPORTELLO_DATA_DIR);
    return buffer;
}

/* The key that signed the bundled catalogue, trusted when the site
 * configuration names none: the build tree's development key beside the
 * build's catalogue, else the one installed with the kiosk. */
static const char *default_trusted_key(char *buffer, size_t size)
{
    if (paths_from_build_tree() && exists(SPORTELLO_BUILD_CATALOG) &&
        exists(SPORTELLO_BUILD_PUBLIC_KEY))
        return SPORTELLO_BUILD_PUBLIC_KEY;
    snprintf(buffer, size, "%s/keys/development.pub", SPORTELLO_DATA_DIR);
    return buffer;
}

/* /etc/sportello/site.conf when the site has one, else the user's. */
static const char *default_config(char *buffer, size_t size)
{
    const char *env = getenv("SPORTELLO_CONFIG");
    if (env && *env)
        return env;
    if (exists("/etc/sportello/site.conf"))
        return "/etc/sportello/site.conf";
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(buffer, size, "%s/sportello/site.conf", xdg);
    else
        snprintf(buffer, size, "%s/.config/sportello/site.conf", home ? home : ".");
    return buffer;
}

static const char *default_counters(char *buffer, size_t size)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(buffer, size, "%s/sportello/counters.sqlite", xdg);
    else
        snprintf(buffer, size, "%s/.local/state/sportello/counters.sqlite", home ? home : ".");
    return buffer;
}

static bool has_display(void)
{
    const char *names[] = {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *value = getenv(names[i]);
        if (value && *value)
            return true;
    }
    return false;
}

static kiosk_options kiosk_options_of(const options *o, bool kiosk_mode)
{
    return (kiosk_options){.catalog_path = o->catalog,
                           .default_trusted_key = o->trusted_key,
                           .versions_path = o->versions,
                           .state_dir = o->state_dir,
                           .starts_path = o->starts,
                           .config_path = o->config,
                           .counters_path = o->counters,
                           .export_dir = ".",
                           .kiosk_mode = kiosk_mode,
                           .dpi = o->dpi,
                           .speech = true};
}

/* ---- headless: screens into PNG files ------------------------------- */

typedef struct offscreen {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    bool large_text;    /* every screen drawn with the visitor's large text */
    bool high_contrast; /* and with high contrast */
} offscreen;

static bool offscreen_open(offscreen *o, int width, int height)
{
    o->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    o->renderer = o->surface ? SDL_CreateSoftwareRenderer(o->surface) : NULL;
    if (!o->renderer)
        log_message(LOG_ERROR, "main", "cannot draw offscreen: %s", SDL_GetError());
    return o->renderer != NULL;
}

static void offscreen_close(offscreen *o)
{
    if (o->renderer)
        SDL_DestroyRenderer(o->renderer);
    SDL_FreeSurface(o->surface);
}

/* The whole scrolled height of the current screen as one tall surface:
 * the fixed part above the body, the body drawn band by band as it
 * scrolls, the fixed part below it.  NULL when out of memory. */
static SDL_Surface *full_height(kiosk *k, offscreen *o)
{
    kiosk_set_scroll_bar(k, false);
    kiosk_set_scroll(k, 0);
    kiosk_draw(k);
    const view *v = kiosk_view(k);
    int top = (int)v->body_top, bottom = (int)v->body_bottom;
    int viewport = bottom - top, below = o->surface->h - bottom;
    int content = (int)ceilf(v->content_height);
    if (content < viewport)
        content = viewport;
    SDL_Surface *tall = SDL_CreateRGBSurfaceWithFormat(0, o->surface->w, top + content + below, 32,
                                                       SDL_PIXELFORMAT_ARGB8888);
    if (!tall)
        return NULL;
    SDL_Rect head = {0, 0, o->surface->w, top};
    SDL_BlitSurface(o->surface, &head, tall, &head);
    for (int done = 0; done < content && viewport > 0;) {
        kiosk_set_scroll(k, (float)done);
        kiosk_draw(k);
        SDL_RenderPresent(o->renderer);
        int scrolled = (int)kiosk_scroll(k); /* less than asked at the end */
        SDL_Rect from = {0, top + (done - scrolled), o->surface->w, viewport - (done - scrolled)};
        SDL_Rect to = {0, top + done, o->surface->w, from.h};
        SDL_BlitSurface(o->surface, &from, tall, &to);
        done += from.h;
    }
    SDL_Rect foot = {0, bottom, o->surface->w, below};
    SDL_Rect foot_to = {0, top + content, o->surface->w, below};
    kiosk_set_scroll(k, 0);
    kiosk_draw(k);
    SDL_RenderPresent(o->renderer);
    SDL_BlitSurface(o->surface, &foot, tall, &foot_to);
    kiosk_set_scroll_bar(k, true);
    return tall;
}

static bool save(kiosk *k, offscreen *o, const char *path, bool full)
{
    kiosk_draw(k);
    SDL_RenderPresent(o->renderer);
    char *error;
    SDL_Surface *tall = full && !kiosk_idle_countdown(k) ? full_height(k, o) : NULL;
    bool written = png_write_surface(path, tall ? tall : o->surface, &error);
    SDL_FreeSurface(tall);
    if (!written) {
        log_message(LOG_ERROR, "main", "%s", error);
        free(error);
        return false;
    }
    return true;
}

/* LANG-SCREEN[-ID][SUFFIX].png in dir. */
static int shoot_named(kiosk *k, offscreen *o, const char *dir, const char *language,
                       kiosk_screen screen, const char *arg, const char *suffix, bool full,
                       int *count)
{
    if (!kiosk_show(k, language, screen, arg, seconds()))
        return 0;
    kiosk_set_large_text(k, o->large_text);
    kiosk_set_high_contrast(k, o->high_contrast);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%s%s%s%s.png", dir, language, kiosk_screen_name(screen),
             arg && *arg ? "-" : "", arg && *arg ? arg : "", suffix);
    if (!save(k, o, path, full))
        return 1;
    ++*count;
    return 0;
}

static int shoot(kiosk *k, offscreen *o, const char *dir, const char *language, kiosk_screen screen,
                 const char *arg, bool full, int *count)
{
    return shoot_named(k, o, dir, language, screen, arg, "", full, count);
}

/* ---- one string's places: --screenshots DIR --lang L --only ID ------------ */

typedef struct finder {
    const char *id;
    bool found;
} finder;

static void find_slot(const screen_slot *slot, void *user)
{
    finder *f = user;
    const char *id = slot->key ? slot->key : slot->msgid;
    f->found = f->found || (id && strcmp(id, f->id) == 0);
}

typedef struct one_string {
    kiosk *k;
    offscreen *o;
    const options *opt;
    const char *suffix;
    int width, height;
    int failures, count;
} one_string;

/* The screen, when it shows the string (layout_each_screen's fn). */
static bool shoot_if_shown(kiosk_screen screen, const char *arg, void *user)
{
    one_string *s = user;
    finder f = {s->opt->only, false};
    kiosk_slot_state state = {.large_text = s->opt->large_text};
    kiosk_list_slots(s->k, s->opt->language, screen, arg, s->width, s->height, 0, &state, find_slot,
                     &f);
    if (f.found)
        s->failures += shoot_named(s->k, s->o, s->opt->screenshots, s->opt->language, screen, arg,
                                   s->suffix, true, &s->count);
    return true;
}

/* Every screen that shows the string with this catalogue key (msgctxt) or
 * msgid, at every supported shape, whole height, its boxes outlined:
 * LANG-SCREEN[-ID]-WxH.png. */
static int screenshots_of_one_string(const options *opt, text_engine *engine)
{
    if (!opt->language) {
        fprintf(stderr, "sportello: --only needs --lang L\n");
        return 2;
    }
    make_parent(opt->screenshots);
    mkdir(opt->screenshots, 0755);
    int failures = 0, count = 0;
    for (size_t s = 0; s < SCREEN_SHAPE_COUNT; s++) {
        int w = screen_supported_shapes[s][0], h = screen_supported_shapes[s][1];
        offscreen o = {0};
        if (!offscreen_open(&o, w, h))
            return 1;
        kiosk_options ko = kiosk_options_of(opt, false);
        ko.counters_path = NULL;
        ko.versions_path = NULL;
        ko.state_dir = NULL; /* the catalogue given, no updates */
        ko.starts_path = NULL;
        ko.allow_unsigned = true; /* a translator's preview */
        ko.speech = false;
        kiosk *k = kiosk_create(o.renderer, engine, &ko, seconds());
        if (!k) {
            offscreen_close(&o);
            return 1;
        }
        kiosk_set_highlight(k, opt->only);
        char suffix[32];
        snprintf(suffix, sizeof suffix, "-%dx%d", w, h);
        one_string each = {k, &o, opt, suffix, w, h, 0, 0};
        layout_each_screen(k, true, shoot_if_shown, &each);
        failures += each.failures;
        count += each.count;
        kiosk_destroy(k);
        offscreen_close(&o);
    }
    if (count == 0) {
        fprintf(stderr, "sportello: no screen shows \"%s\" in %s\n", opt->only, opt->language);
        return 1;
    }
    printf("%d screens in %s\n", count, opt->screenshots);
    return failures ? 1 : 0;
}

static void drop_message(log_level level, const char *module, const char *message, void *user)
{
    (void)level, (void)module, (void)message, (void)user;
}

static int screenshots(const options *opt, text_engine *engine)
{
    offscreen o = {.large_text = opt->large_text, .high_contrast = opt->high_contrast};
    if (!offscreen_open(&o, opt->width, opt->height))
        return 1;
    make_parent(opt->screenshots);
    mkdir(opt->screenshots, 0755);
    kiosk_options ko = kiosk_options_of(opt, false);
    ko.counters_path = NULL; /* screenshots are not visits */
    ko.versions_path = NULL;
    ko.state_dir = NULL;      /* the catalogue given, no updates */
    ko.starts_path = NULL;    /* nor starts */
    ko.allow_unsigned = true; /* a developer's or translator's preview */
    ko.speech = false;
    kiosk *k = kiosk_create(o.renderer, engine, &ko, seconds());
    int failures = 0, count = 0;
    const char *dir = opt->screenshots;
    if (!k) {
        offscreen_close(&o);
        return 1;
    }
    const char *languages[64];
    size_t language_count = kiosk_languages(k, languages, 64);
    if (opt->language) {
        languages[0] = opt->language;
        language_count = 1;
    }
    for (size_t l = 0; l < language_count; l++) {
        const char *lang = languages[l];
        if (kiosk_current_screen(k) == SCREEN_OUT_OF_SERVICE ||
            !kiosk_show(k, lang, SCREEN_HOME, NULL, seconds())) {
            /* No catalogue: the out-of-service screen is all there is. */
            failures += shoot(k, &o, dir, lang, SCREEN_OUT_OF_SERVICE, NULL, opt->full, &count);
            continue;
        }
        failures += shoot(k, &o, dir, lang, SCREEN_LANGUAGES, NULL, opt->full, &count);
        failures += shoot(k, &o, dir, lang, SCREEN_HOME, NULL, opt->full, &count);
        failures += shoot(k, &o, dir, lang, SCREEN_HELP, NULL, opt->full, &count);
        /* Search: the keyboard and the topics; a query with results; nothing found. */
        failures += shoot(k, &o, dir, lang, SCREEN_SEARCH, NULL, opt->full, &count);
        failures += shoot(k, &o, dir, lang, SCREEN_SEARCH, "example", opt->full, &count);
        failures += shoot(k, &o, dir, lang, SCREEN_SEARCH, "qxqxqxqx", opt->full, &count);
        static const kiosk_screen with_ids[] = {SCREEN_CATEGORY, SCREEN_SERVICE, SCREEN_QR,
                                                SCREEN_ARTICLE};
        for (size_t s = 0; s < sizeof with_ids / sizeof *with_ids; s++) {
            const char *ids[512];
            size_t n = kiosk_ids(k, with_ids[s], ids, 512);
            for (size_t i = 0; i < n; i++) {
                char id[64];
                snprintf(id, sizeof id, "%s", ids[i]);
                failures += shoot(k, &o, dir, lang, with_ids[s], id, opt->full, &count);
            }
        }
        /* The idle countdown over the home screen. */
        kiosk_show(k, lang, SCREEN_HOME, NULL, 0);
        kiosk_tick(k, 0);
        kiosk_tick(k, 100000);
        kiosk_tick(k, 100000.5);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-idle.png", dir, lang);
        if (save(k, &o, path, false))
            count++;
        else
            failures++;
        failures += shoot(k, &o, dir, lang, SCREEN_PIN, NULL, opt->full, &count);
        failures += shoot(k, &o, dir, lang, SCREEN_OPERATOR, NULL, opt->full, &count);
    }
    kiosk_destroy(k);
    /* The out-of-service screen, from a kiosk with no catalogue: its
     * missing catalogue is on purpose, not an error for whoever runs the
     * screenshots (a technician read "error: ... out of service"). */
    {
        ko.catalog_path = "/nonexistent/catalog.sqlite";
        log_set_sink(drop_message, NULL);
        kiosk *broken = kiosk_create(o.renderer, engine, &ko, seconds());
        log_set_sink(NULL, NULL);
        if (broken) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s-out-of-service.png", dir,
                     opt->language ? opt->language : "all");
            if (save(broken, &o, path, opt->full))
                count++;
            else
                failures++;
            kiosk_destroy(broken);
        }
    }
    offscreen_close(&o);
    printf("%d screens in %s\n", count, dir);
    return failures ? 1 : 0;
}

/* ---- with no display: the start screen into a PNG ------------------ */

static int start_png(const options *opt, text_engine *engine)
{
    offscreen o = {0};
    if (!offscreen_open(&o, SCREEN_WIDTH, SCREEN_HEIGHT))
        return 1;
    kiosk_options ko = kiosk_options_of(opt, false);
    ko.counters_path = NULL;
    ko.versions_path = NULL; /* one picture: verified, nothing remembered */
    ko.state_dir = NULL;     /* the catalogue given, no updates */
    ko.starts_path = NULL;
    ko.speech = false;
    kiosk *k = kiosk_create(o.renderer, engine, &ko, seconds());
    int status = k && save(k, &o, "sportello-start.png", false) ? 0 : 1;
    if (status == 0)
        printf("sportello-start.png\n");
    kiosk_destroy(k);
    offscreen_close(&o);
    return status;
}

/* ---- the kiosk in a window ------------------------------------------ */

/* "article:ID" or "help": that screen of `language`. */
static bool show_screen(kiosk *k, const char *language, const char *what)
{
    const char *colon = strchr(what, ':');
    size_t length = colon ? (size_t)(colon - what) : strlen(what);
    for (int s = 0; s < SCREEN_COUNT; s++) {
        const char *name = kiosk_screen_name((kiosk_screen)s);
        if (strlen(name) == length && strncmp(name, what, length) == 0)
            return kiosk_show(k, language, (kiosk_screen)s, colon ? colon + 1 : NULL, seconds());
    }
    return false;
}

static int run(const options *opt, text_engine *engine, system_service *service)
{
    bool kiosk_mode = !opt->windowed;
    if (kiosk_mode) {
        SDL_SetHint(SDL_HINT_WINDOWS_NO_CLOSE_ON_ALT_F4, "1");
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
        SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
        /* No window decorations on Wayland: a full-screen kiosk has none,
         * and where the compositor asks for client-side ones (cage does)
         * SDL 2.26 drops its own window to make one with libdecor, which
         * without a libdecor plugin installed never shows: a black screen
         * (docs/kiosk.md, "A kiosk session"). */
        SDL_SetHint(SDL_HINT_VIDEO_WAYLAND_ALLOW_LIBDECOR, "0");
    }
    /* SPORTELLO_RENDERER=software (or opengl, ...) chooses SDL's renderer;
     * by default SDL picks, falling back to software below. */
    const char *driver = getenv("SPORTELLO_RENDERER");
    if (driver && *driver)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, driver);
    Uint32 flags = kiosk_mode ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    flags |= SDL_WINDOW_ALLOW_HIGHDPI;
    /* In kiosk mode the window is the whole display from the start, at its
     * corner: where no window manager makes it fullscreen (a bare X
     * server, some kiosk sessions), a 1280x800 window would stand
     * off-centre on a portrait tablet.  The layout follows whatever size
     * the window really gets. */
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int width = SCREEN_WIDTH, height = SCREEN_HEIGHT;
    SDL_Rect bounds;
    if (kiosk_mode && SDL_GetDisplayBounds(0, &bounds) == 0 && bounds.w > 0 && bounds.h > 0) {
        x = bounds.x, y = bounds.y, width = bounds.w, height = bounds.h;
    }
    SDL_Window *window = SDL_CreateWindow("Sportello", x, y, width, height, flags);
    SDL_Renderer *renderer =
        window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
    if (!renderer && window)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        log_message(LOG_ERROR, "main", "cannot open the window: %s", SDL_GetError());
        if (window)
            SDL_DestroyWindow(window);
        return 1;
    }
    if (kiosk_mode) {
        SDL_SetWindowKeyboardGrab(window, SDL_TRUE);
        SDL_ShowCursor(SDL_DISABLE);
    }
    options o = *opt;
    float ddpi = 0;
    if (o.dpi <= 0 && SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &ddpi, NULL, NULL) == 0)
        o.dpi = ddpi;
    kiosk_options ko = kiosk_options_of(&o, kiosk_mode);
    kiosk *k = kiosk_create(renderer, engine, &ko, seconds());
    if (!k) {
        SDL_DestroyRenderer(renderer);
        SDL_DestroyWindow(window);
        return 1;
    }
    /* --lang: straight to that language's home (a translator's preview;
     * the idle reset still goes back to the picker). */
    if (opt->language && !kiosk_show(k, opt->language, SCREEN_HOME, NULL, seconds()))
        log_message(LOG_WARNING, "main", "%s: no such language in the catalogue", opt->language);
    /* --show SCREEN[:ID]: straight to that screen (previews, the rest
     * benchmark); an unknown one is a warning. */
    if (opt->language && opt->show && !show_screen(k, opt->language, opt->show))
        log_message(LOG_WARNING, "main", "--show %s: no such screen", opt->show);
    SDL_RendererInfo info;
    int output_w = 0, output_h = 0;
    SDL_GetRendererOutputSize(renderer, &output_w, &output_h);
    if (SDL_GetRendererInfo(renderer, &info) == 0)
        log_message(LOG_INFO, "main", "renderer %s, %s mode, %dx%d pixels", info.name,
                    kiosk_mode ? "kiosk" : "windowed", output_w, output_h);
    /* For the start-up benchmark (bench/kiosk_bench.c): quit once the
     * first frame is on screen. */
    bool first_frame_only = getenv("SPORTELLO_EXIT_AFTER_FIRST_FRAME") != NULL;
    while (!kiosk_exit_requested(k)) {
        /* Sleep in the event queue until an event, or until time alone
         * changes something (the idle clock) or the watchdog wants its
         * ping: at rest the kiosk wakes only for those and draws nothing. */
        SDL_Event event;
        double now = seconds();
        double wait = kiosk_seconds_to_wake(k, now);
        double ping = system_service_ping(service, now);
        if (ping < wait)
            wait = ping;
        int timeout = wait <= 0 ? 0 : wait > 3600 ? 3600000 : (int)ceil(wait * 1000);
        if (SDL_WaitEventTimeout(&event, timeout))
            kiosk_handle_event(k, &event, seconds());
        kiosk_pump_events(k, seconds());
        kiosk_tick(k, seconds());
        if (!kiosk_wants_frame(k))
            continue; /* at rest: nothing changed on screen */
        kiosk_draw(k);
        SDL_RenderPresent(renderer);
        system_service_ready(service);
        if (first_frame_only)
            break;
    }
    kiosk_destroy(k);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    return 0;
}

/* ---- the translators' layout check ------------------------------------- */

/* A folder of the source tree ("po"), when this is a developer's build
 * run from it; NULL for an installed kiosk. */
static const char *source_folder(const char *name, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s/%s", SPORTELLO_SOURCE_DIR, name);
    return paths_from_build_tree() && exists(buffer) ? buffer : NULL;
}

static int check_layout(const options *opt, text_engine *engine)
{
    char po_buffer[4096], content_buffer[4096], data_buffer[4096];
    layout_check_options lo = {.catalog_path = opt->catalog, .language = opt->language};
    /* The lines of the strings: the folders given, else the source tree's. */
    lo.po_dir = opt->po ? opt->po : source_folder("po", po_buffer, sizeof po_buffer);
    lo.po_content_dir = opt->po_content
                            ? opt->po_content
                            : source_folder("po-content", content_buffer, sizeof content_buffer);
    char work[] = "/tmp/sportello-check-layout-XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char work_buffer[4096];
    snprintf(work_buffer, sizeof work_buffer, "%s/sportello-check-layout-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    char *dir = mkdtemp(work_buffer);
    if (!dir)
        dir = mkdtemp(work);
    if (!dir) {
        fprintf(stderr, "sportello: no temporary folder: %s\n", strerror(errno));
        return 2;
    }
    /* Given folders are the translators' working files: laid out as they
     * are now, not as the last build left them. */
    const char *data =
        opt->data ? opt->data : source_folder("data", data_buffer, sizeof data_buffer);
    if (opt->po_content && !data) {
        fprintf(stderr, "sportello: --po-content needs --data DIR (the agencies' data)\n");
        layout_check_clean(dir);
        return 2;
    }
    int status = 2;
    /* With --catalog the texts are that catalogue's (and the kiosk's words
     * as SPORTELLO_LOCALEDIR or the build has them): --po and --po-content
     * then only say where their lines are. */
    bool build = !opt->catalog_given;
    /* An installed kiosk runs the installed tool (PATH). */
    const char *tool = paths_from_build_tree() ? SPORTELLO_CATALOG_TOOL : "sportello-catalog";
    if (layout_check_prepare(dir, tool, data, build ? opt->po_content : NULL,
                             build ? opt->po : NULL, &lo)) {
        SDL_Init(0);
        int problems = layout_check_run(engine, &lo, stdout);
        SDL_Quit();
        if (problems >= 0)
            fprintf(stderr, "sportello: %d layout problem%s\n", problems, problems == 1 ? "" : "s");
        status = problems < 0 ? 2 : problems > 0 ? 1 : 0;
    }
    layout_check_clean(dir);
    return status;
}

/* ---- operator commands ---------------------------------------------- */

static int export_counts(const options *opt)
{
    counters *c = counters_open(opt->counters);
    if (!c)
        return 1;
    FILE *out = strcmp(opt->export_counts, "-") == 0 ? stdout : fopen(opt->export_counts, "w");
    int status = out ? counters_export_csv(c, out) : -1;
    if (!out)
        log_message(LOG_ERROR, "main", "%s: %s", opt->export_counts, strerror(errno));
    if (out && out != stdout && fclose(out) != 0)
        status = -1;
    counters_close(c);
    return status == 0 ? 0 : 1;
}

static int set_pin(const options *opt)
{
    char line[64];
    fprintf(stderr, "New operator PIN (4 to 12 digits): ");
    if (!fgets(line, sizeof line, stdin))
        return 1;
    line[strcspn(line, "\r\n")] = '\0';
    site_config config;
    site_config_defaults(&config);
    site_config_load(&config, opt->config);
    if (!pin_hash(line, config.pin_hash, sizeof config.pin_hash)) {
        fprintf(stderr, "sportello: the PIN must be 4 to 12 digits\n");
        return 1;
    }
    memset(line, 0, sizeof line);
    make_parent(opt->config);
    if (!site_config_save(&config, opt->config))
        return 1;
    fprintf(stderr, "PIN saved in %s\n", opt->config);
    return 0;
}

/* --search: the records found for QUERY in language L, best first, one a
 * line, "KIND:ID<TAB>title"; services of the site's town (its settings)
 * first among equals.  Nothing found is not an error.  The query is not
 * counted nor logged: this is for tests and people, not the kiosk. */
static int search(const options *opt)
{
    if (!opt->language) {
        fprintf(stderr, "sportello: --search needs --lang L\n");
        return 2;
    }
    char why[512];
    catalog *c = catalog_open(opt->catalog, why, sizeof why);
    if (!c) {
        log_message(LOG_ERROR, "main", "%s", why);
        return 1;
    }
    if (!catalog_find_language(c, opt->language)) {
        fprintf(stderr, "sportello: --lang %s: not a language of %s\n", opt->language,
                opt->catalog);
        catalog_close(c);
        return 2;
    }
    site_config config;
    site_config_defaults(&config);
    site_config_load(&config, opt->config);
    size_t count = 0;
    catalog_search_result *results =
        catalog_search(c, opt->language, opt->search, config.town, (size_t)opt->limit, &count);
    for (size_t i = 0; i < count; i++)
        printf("%s:%s\t%s\n", results[i].kind, results[i].id, results[i].title);
    catalog_search_free(results, count);
    catalog_close(c);
    return fflush(stdout) == 0 ? 0 : 1;
}

static int usage(void)
{
    fprintf(
        stderr,
        "usage: sportello [--windowed] [--catalog FILE] [--config FILE] [--counters FILE] [--dpi "
        "N]\n"
        "       sportello --screenshots DIR [--lang L] [--size WxH] [--dpi N] [--full]\n"
        "                 [--large-text] [--high-contrast] [--catalog FILE] [--config FILE]\n"
        "       sportello --screenshots DIR --lang L --only MSGCTXT_OR_MSGID [--large-text]\n"
        "       sportello --check-layout [--lang L] [--po DIR] [--po-content DIR] [--data DIR]\n"
        "                 [--catalog FILE]\n"
        "       sportello --describe-slots [--catalog FILE]...\n"
        "       sportello --export-counts FILE [--counters FILE]\n"
        "       sportello --set-pin [--config FILE]\n"
        "       sportello --search QUERY --lang L [--catalog FILE] [--limit N]\n");
    return 2;
}

/* "WxH", each side 200 to 8192 pixels: a screen, not a poster. */
static bool parse_size(const char *text, int *width, int *height)
{
    char *end;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    const char *h_text = end + 1;
    long h = strtol(h_text, &end, 10);
    if (end == h_text || *end || w < 200 || h < 200 || w > 8192 || h > 8192) {
        fprintf(stderr, "sportello: --size %s: expected WxH, 200 to 8192 pixels a side\n", text);
        return false;
    }
    *width = (int)w;
    *height = (int)h;
    return true;
}

/* Dots per inch of the display: 50 to 1000. */
static bool parse_dpi(const char *text, float *dpi)
{
    char *end;
    float value = strtof(text, &end);
    if (end == text || *end || !(value >= 50 && value <= 1000)) {
        fprintf(stderr, "sportello: --dpi %s: expected a number from 50 to 1000\n", text);
        return false;
    }
    *dpi = value;
    return true;
}

int main(int argc, char **argv)
{
    options opt = {.width = SCREEN_WIDTH, .height = SCREEN_HEIGHT, .limit = 10};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (strcmp(a, "--windowed") == 0)
            opt.windowed = true;
        else if (strcmp(a, "--set-pin") == 0)
            opt.set_pin = true;
        else if (strcmp(a, "--catalog") == 0 && more) {
            opt.catalog = argv[++i];
            opt.catalog_given = true;
            if (opt.catalog_count == sizeof opt.catalogs / sizeof *opt.catalogs)
                return usage();
            opt.catalogs[opt.catalog_count++] = opt.catalog;
        } else if (strcmp(a, "--config") == 0 && more)
            opt.config = argv[++i];
        else if (strcmp(a, "--counters") == 0 && more)
            opt.counters = argv[++i];
        else if (strcmp(a, "--screenshots") == 0 && more)
            opt.screenshots = argv[++i];
        else if (strcmp(a, "--lang") == 0 && more)
            opt.language = argv[++i];
        else if (strcmp(a, "--export-counts") == 0 && more)
            opt.export_counts = argv[++i];
        else if (strcmp(a, "--dpi") == 0 && more) {
            if (!parse_dpi(argv[++i], &opt.dpi))
                return usage();
        } else if (strcmp(a, "--size") == 0 && more) {
            if (!parse_size(argv[++i], &opt.width, &opt.height))
                return usage();
        } else if (strcmp(a, "--full") == 0)
            opt.full = true;
        else if (strcmp(a, "--show") == 0 && more)
            opt.show = argv[++i];
        else if (strcmp(a, "--only") == 0 && more)
            opt.only = argv[++i];
        else if (strcmp(a, "--large-text") == 0)
            opt.large_text = true;
        else if (strcmp(a, "--high-contrast") == 0)
            opt.high_contrast = true;
        else if (strcmp(a, "--describe-slots") == 0)
            opt.describe_slots = true;
        else if (strcmp(a, "--check-layout") == 0)
            opt.check_layout = true;
        else if (strcmp(a, "--po") == 0 && more)
            opt.po = argv[++i];
        else if (strcmp(a, "--po-content") == 0 && more)
            opt.po_content = argv[++i];
        else if (strcmp(a, "--data") == 0 && more)
            opt.data = argv[++i];
        else if (strcmp(a, "--search") == 0 && more)
            opt.search = argv[++i];
        else if (strcmp(a, "--limit") == 0 && more) {
            char *end;
            opt.limit = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || opt.limit < 1 || opt.limit > 1000) {
                fprintf(stderr, "sportello: --limit %s: expected 1 to 1000\n", argv[i]);
                return usage();
            }
        } else
            return usage();
    }
    char catalog_buffer[4096], config_buffer[4096], counters_buffer[4096];
    if (!opt.catalog)
        opt.catalog = default_catalog(catalog_buffer, sizeof catalog_buffer);
    if (!opt.config)
        opt.config = default_config(config_buffer, sizeof config_buffer);
    if (!opt.counters)
        opt.counters = default_counters(counters_buffer, sizeof counters_buffer);
    char key_buffer[4096], versions[4200], state_dir[4096];
    opt.trusted_key = default_trusted_key(key_buffer, sizeof key_buffer);
    /* Beside the counters, in the kiosk's state folder. */
    const char *slash = strrchr(opt.counters, '/');
    snprintf(versions, sizeof versions, "%.*s%scatalog-versions",
             slash ? (int)(slash - opt.counters) : 0, opt.counters, slash ? "/" : "");
    opt.versions = versions;
    snprintf(state_dir, sizeof state_dir, "%.*s", slash ? (int)(slash - opt.counters) : 1,
             slash ? opt.counters : ".");
    opt.state_dir = state_dir;
    char starts[4200];
    snprintf(starts, sizeof starts, "%s/starts", state_dir);
    opt.starts = starts;

    if (opt.set_pin)
        return set_pin(&opt);
    if (opt.export_counts)
        return export_counts(&opt);
    if (opt.search)
        return search(&opt);

    /* Under systemd: log lines into the journal from the first one on. */
    system_service service;
    system_service_start(&service, 0);

    /* A full disk or a file size limit must not kill the kiosk: counting
     * fails, logged, and the kiosk goes on. */
    signal(SIGXFSZ, SIG_IGN);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    char path[4096];
    char *error = NULL;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    if (!engine) {
        log_message(LOG_ERROR, "main", "%s", error);
        free(error);
        return 1;
    }
    int status;
    if (opt.describe_slots) {
        SDL_Init(0);
        if (!opt.catalog_count)
            opt.catalogs[opt.catalog_count++] = opt.catalog;
        status =
            layout_describe_slots(engine, opt.catalogs, opt.catalog_count, stdout) == 0 ? 0 : 1;
        SDL_Quit();
    } else if (opt.check_layout) {
        status = check_layout(&opt, engine);
    } else if (opt.screenshots) {
        SDL_Init(0);
        status = opt.only ? screenshots_of_one_string(&opt, engine) : screenshots(&opt, engine);
        SDL_Quit();
    } else if (has_display() && SDL_Init(SDL_INIT_VIDEO) == 0) {
        make_parent(opt.counters);
        status = run(&opt, engine, &service);
        SDL_Quit();
    } else {
        log_message(LOG_INFO, "main", "no display: drawing the start screen into a PNG");
        status = start_png(&opt, engine);
    }
    text_engine_destroy(engine);
    return status;
}
