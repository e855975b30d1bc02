/* kiosk_bench - the kiosk's speed and memory, as figures and ratios to
 * references measured in the same run (never a pass or fail, never a timed
 * assertion; the goals are printed beside the figures, met or not met):
 *
 *   1. start to first frame: `sportello` (windowed, quitting after its first
 *      frame) against minimal_sdl (window + renderer + one frame), medians
 *      of RUNS alternated runs under the offscreen video driver (or X11 when
 *      DISPLAY is set); goal ratio <= 1.3.  Then where the time goes: the
 *      cost of exec, dynamic linking and exit alone (`sportello` with an
 *      unknown option), and main()'s steps timed one by one in forked
 *      copies of this program (medians), kiosk_create and the first frame
 *      taken apart as far as the public API allows;
 *   2. scrolling the longest article in ur, ar, ti and zh on the software
 *      renderer (SDL_CreateSoftwareRenderer on an ARGB8888 surface) at
 *      1280x800, 800x1280 (portrait tablet) and 1920x1080 (desk), a finger
 *      dragging it down and up: frame time p50/p99 and the ratio to a frame
 *      that only clears and presents at the same size, timed alternately
 *      with the kiosk's frames; goals p99 <= 8 ms at 1280x800 and p99 <= 4
 *      ms at 1920x1080;
 *   3. kiosk_draw of a screen at rest (the language picker, home, the
 *      longest article), after its first frame, against clear + present at
 *      the same size; goal ratio <= 1.5;
 *   4. a rotation: each kind of screen shown at 1280x800, then the
 *      renderer's output made 800x1280 (a render target; kiosk_draw reads
 *      SDL_GetRendererOutputSize each frame and rebuilds when it changes)
 *      and the first kiosk_draw after the change timed, and the same back
 *      to 1280x800; per screen (median of ROTATIONS) and in total;
 *   5. peak RSS of `sportello --screenshots` over all languages (goal <=
 *      150 MB);
 *   6. at rest: CPU time of the kiosk (kiosk mode, software renderer) left
 *      untouched for REST_SECONDS (60; KIOSK_BENCH_REST_SECONDS) on the
 *      language picker and on the longest article, after a warm-up, against
 *      `minimal_sdl --wait` (one frame, then SDL_WaitEvent) over the same
 *      time, all three at once in an X server (Xvfb started for it when
 *      DISPLAY is not set); as a share of one core (goal <= 0.5 %) and as a
 *      ratio to the bare SDL program, with the wake-ups a second
 *      (voluntary context switches).
 *
 *   kiosk_bench SPORTELLO MINIMAL_SDL CATALOG */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "catalog_read.h"
#include "counters.h"
#include "kiosk.h"
#include "locale_info.h"
#include "log.h"
#include "paths.h"
#include "site_config.h"
#include "speech.h"
#include "text.h"
#include "text_render.h"
#include "ui_text.h"

#define RUNS 15      /* processes per start-up figure */
#define BREAKDOWNS 9 /* forked copies per start-up breakdown */
#define FRAMES 400   /* frames per scrolling figure */
#define STILL_FRAMES 200
#define ROTATIONS 5
#define COUNTERS "/tmp/sportello-bench-counters.sqlite"

typedef struct screen_size {
    int width, height;
    const char *name;
} screen_size;

static const screen_size sizes[] = {
    {1280, 800, "1280x800"},
    {800, 1280, "800x1280"},
    {1920, 1080, "1920x1080"},
};
#define SIZE_COUNT (sizeof sizes / sizeof *sizes)

static const char *const languages[] = {"ur", "ar", "ti", "zh"};
#define LANGUAGE_COUNT (sizeof languages / sizeof *languages)

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts `values`. */
static double percentile(double *values, size_t n, double p)
{
    qsort(values, n, sizeof *values, compare_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return values[i < n ? i : n - 1];
}

static const char *met(bool yes)
{
    return yes ? "met" : "NOT met";
}

/* Starts argv with its output thrown away; returns its pid. */
static pid_t start_quiet(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* Runs argv to completion; returns its wall time, and its peak RSS in KiB
 * through *rss.  An exit status other than `expected` is reported. */
static double run(char *const argv[], long *rss, int expected)
{
    double start = now_seconds();
    pid_t pid = start_quiet(argv);
    int status;
    struct rusage usage;
    wait4(pid, &status, 0, &usage);
    double elapsed = now_seconds() - start;
    if (rss)
        *rss = usage.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != expected)
        fprintf(stderr, "kiosk_bench: %s exited with status %d\n", argv[0], status);
    return elapsed;
}

/* ---- 1. start to first frame ------------------------------------------ */

/* The steps of main() for the windowed kiosk (src/main.c, run()), timed in
 * a forked copy of this program: the libraries are loaded already (that
 * cost is measured apart), nothing else is. */
enum {
    STEP_ENGINE,   /* text_engine_create: font table, FreeType, ICU breaker */
    STEP_SDL_INIT, /* SDL_Init(SDL_INIT_VIDEO) */
    STEP_WINDOW,   /* window, renderer, display DPI */
    STEP_KIOSK,    /* kiosk_create */
    STEP_EVENTS,   /* the main loop's first wait for events, pump, tick */
    STEP_DRAW,     /* the first kiosk_draw: the language picker built and drawn */
    STEP_PRESENT,  /* SDL_RenderPresent */
    STEP_TEARDOWN, /* kiosk_destroy, SDL_Quit, text_engine_destroy */
    STEP_COUNT
};

static const char *const step_names[STEP_COUNT] = {
    [STEP_ENGINE] = "text_engine_create (font table, ICU breaker)",
    [STEP_SDL_INIT] = "SDL_Init(VIDEO)",
    [STEP_WINDOW] = "window + renderer + display DPI",
    [STEP_KIOSK] = "kiosk_create",
    [STEP_EVENTS] = "first event wait + pump + tick",
    [STEP_DRAW] = "first kiosk_draw (language picker)",
    [STEP_PRESENT] = "SDL_RenderPresent",
    [STEP_TEARDOWN] = "teardown (kiosk, renderer, SDL_Quit, engine)",
};

/* kiosk_create's parts, called one by one in its order (src/app/kiosk.c),
 * then kiosk_create itself for the rest, then the first frame's parts: the
 * ICU language names and the picker's names laid out in their own fonts
 * (fonts opened, shaped) before the kiosk draws. */
enum {
    PART_TEXT_RENDERER, /* text_renderer_create: the glyph atlas */
    PART_GETTEXT,       /* ui_text_init: setlocale, bindtextdomain */
    PART_CONFIG,        /* site_config_load */
    PART_COUNTERS,      /* counters_open: SQLite */
    PART_SPEECH,        /* speech_create: espeak-ng, the voice table */
    PART_CATALOG,       /* catalog_open: SQLite, the whole catalogue read */
    PART_KIOSK_REST,    /* kiosk_create without speech after the above */
    PART_NAMES,         /* locale_language_name of each picker language: ICU */
    PART_FONTS,         /* those names laid out at the picker's size: fonts opened, shaped */
    PART_DRAW_REST,     /* the first kiosk_draw after the above */
    PART_COUNT
};

static const char *const part_names[PART_COUNT] = {
    [PART_TEXT_RENDERER] = "  text_renderer_create (glyph atlas)",
    [PART_GETTEXT] = "  ui_text_init (setlocale, gettext)",
    [PART_CONFIG] = "  site_config_load",
    [PART_COUNTERS] = "  counters_open (SQLite)",
    [PART_SPEECH] = "  speech_create (espeak-ng, voices)",
    [PART_CATALOG] = "  catalog_open (SQLite, catalogue)",
    [PART_KIOSK_REST] = "  kiosk_create again, without speech",
    [PART_NAMES] = "  language names (ICU locale data)",
    [PART_FONTS] = "  names laid out: fonts opened, shaped",
    [PART_DRAW_REST] = "  rest of the first kiosk_draw",
};

typedef struct start_window {
    SDL_Window *window;
    SDL_Renderer *renderer;
    float dpi;
} start_window;

/* As run() in src/main.c. */
static bool open_window(start_window *w)
{
    w->window = SDL_CreateWindow("Sportello", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280,
                                 800, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    w->renderer = w->window ? SDL_CreateRenderer(w->window, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
    if (!w->renderer && w->window)
        w->renderer = SDL_CreateRenderer(w->window, -1, SDL_RENDERER_SOFTWARE);
    w->dpi = 0;
    if (w->window)
        SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(w->window), &w->dpi, NULL, NULL);
    return w->renderer != NULL;
}

static kiosk_options start_options(const char *catalog, float dpi, char *config, size_t size)
{
    /* main()'s default configuration path: none exists on a bench machine,
     * so this is the file it looks for. */
    const char *home = getenv("HOME");
    snprintf(config, size, "%s/.config/sportello/site.conf", home ? home : ".");
    return (kiosk_options){.catalog_path = catalog,
                           .config_path = config,
                           .counters_path = COUNTERS,
                           .export_dir = ".",
                           .kiosk_mode = false,
                           .dpi = dpi,
                           .speech = true};
}

/* In the child: main()'s steps. */
static bool time_steps(const char *catalog, double *steps)
{
    char path[4096], config[4096], *error = NULL;
    double t = now_seconds(), before;
#define STEP(i) (before = t, t = now_seconds(), steps[i] = t - before)
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    STEP(STEP_ENGINE);
    if (!engine || SDL_Init(SDL_INIT_VIDEO) != 0)
        return false;
    STEP(STEP_SDL_INIT);
    start_window w;
    if (!open_window(&w))
        return false;
    STEP(STEP_WINDOW);
    kiosk_options options = start_options(catalog, w.dpi, config, sizeof config);
    kiosk *k = kiosk_create(w.renderer, engine, &options, now_seconds());
    if (!k)
        return false;
    STEP(STEP_KIOSK);
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, kiosk_animating(k) ? 0 : 250))
        kiosk_handle_event(k, &event, now_seconds());
    kiosk_pump_events(k, now_seconds());
    kiosk_tick(k, now_seconds());
    STEP(STEP_EVENTS);
    kiosk_draw(k);
    STEP(STEP_DRAW);
    SDL_RenderPresent(w.renderer);
    STEP(STEP_PRESENT);
    kiosk_destroy(k);
    SDL_DestroyRenderer(w.renderer);
    SDL_DestroyWindow(w.window);
    SDL_Quit();
    text_engine_destroy(engine);
    STEP(STEP_TEARDOWN);
    return true;
}

/* In the child: minimal_sdl's steps (bench/minimal_sdl.c), as a reference
 * for the same steps of the kiosk. */
static bool time_minimal_steps(const char *catalog, double *steps)
{
    (void)catalog;
    double t = now_seconds(), before;
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return false;
    STEP(STEP_SDL_INIT);
    SDL_Window *window =
        SDL_CreateWindow("minimal", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800, 0);
    SDL_Renderer *renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!renderer)
        return false;
    STEP(STEP_WINDOW);
    SDL_SetRenderDrawColor(renderer, 244, 241, 234, 255);
    SDL_RenderClear(renderer);
    STEP(STEP_DRAW);
    SDL_RenderPresent(renderer);
    STEP(STEP_PRESENT);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    STEP(STEP_TEARDOWN);
    return true;
}

/* In the child: kiosk_create and the first frame taken apart. */
static bool time_parts(const char *catalog_path, double *parts)
{
    char path[4096], config_path[4096], *error = NULL;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    start_window w;
    if (!engine || SDL_Init(SDL_INIT_VIDEO) != 0 || !open_window(&w))
        return false;
    kiosk_options options = start_options(catalog_path, w.dpi, config_path, sizeof config_path);
    double t = now_seconds(), before;
#define PART(i) (before = t, t = now_seconds(), parts[i] = t - before)
    text_renderer *text = text_renderer_create(w.renderer, 0);
    PART(PART_TEXT_RENDERER);
    ui_text_init();
    PART(PART_GETTEXT);
    site_config config;
    site_config_defaults(&config);
    site_config_load(&config, options.config_path);
    PART(PART_CONFIG);
    counters *c = counters_open(options.counters_path);
    PART(PART_COUNTERS);
    speech *s = speech_create();
    PART(PART_SPEECH);
    char why[256];
    catalog *cat = catalog_open(catalog_path, why, sizeof why);
    PART(PART_CATALOG);
    /* espeak-ng allows one speech object at a time; and the rest is
     * kiosk_create without speech, or it would be timed twice. */
    speech_destroy(s);
    counters_close(c);
    options.speech = false;
    t = now_seconds();
    kiosk *k = kiosk_create(w.renderer, engine, &options, now_seconds());
    if (!k || !cat || !text)
        return false;
    PART(PART_KIOSK_REST);
    const char *codes[64];
    char names[64][128];
    size_t count = kiosk_languages(k, codes, 64);
    for (size_t i = 0; i < count; i++)
        if (!locale_language_name(codes[i], names[i], sizeof names[i]))
            snprintf(names[i], sizeof names[i], "%s", codes[i]);
    PART(PART_NAMES);
    for (size_t i = 0; i < count; i++) {
        /* The picker's tiles: 40 design pixels, a quarter of the width. */
        text_params params = text_params_default(codes[i], 260, 40);
        text_layout_destroy(text_layout_create(engine, names[i], strlen(names[i]), &params));
    }
    PART(PART_FONTS);
    kiosk_draw(k);
    PART(PART_DRAW_REST);
    kiosk_destroy(k);
    catalog_close(cat);
    text_renderer_destroy(text);
    return true;
}

/* Runs `measure` in BREAKDOWNS forked copies of this program, each writing
 * its `count` durations to a pipe; medians into `medians`. */
static bool breakdown(bool (*measure)(const char *, double *), const char *catalog, size_t count,
                      double *medians)
{
    double samples[STEP_COUNT + PART_COUNT][BREAKDOWNS];
    for (int r = 0; r < BREAKDOWNS; r++) {
        int fds[2];
        if (pipe(fds) != 0)
            return false;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, 2);
            double values[STEP_COUNT + PART_COUNT] = {0};
            bool ok = measure(catalog, values);
            if (ok &&
                write(fds[1], values, count * sizeof *values) != (ssize_t)(count * sizeof *values))
                ok = false;
            _exit(ok ? 0 : 1);
        }
        close(fds[1]);
        double values[STEP_COUNT + PART_COUNT];
        ssize_t got = read(fds[0], values, count * sizeof *values);
        close(fds[0]);
        int status;
        waitpid(pid, &status, 0);
        if (got != (ssize_t)(count * sizeof *values) || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            fprintf(stderr, "kiosk_bench: a start-up breakdown child failed\n");
            return false;
        }
        for (size_t i = 0; i < count; i++)
            samples[i][r] = values[i];
    }
    for (size_t i = 0; i < count; i++)
        medians[i] = percentile(samples[i], BREAKDOWNS, 0.5);
    return true;
}

static void startup(const char *sportello, const char *minimal, const char *catalog)
{
    setenv("SPORTELLO_EXIT_AFTER_FIRST_FRAME", "1", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!getenv("DISPLAY"))
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    char *video = getenv("SDL_VIDEODRIVER") ? strdup(getenv("SDL_VIDEODRIVER")) : NULL;
    char *kiosk_argv[] = {(char *)sportello, "--windowed", "--catalog", (char *)catalog,
                          "--counters",      COUNTERS,     NULL};
    /* An unknown option: sportello prints its usage and exits 2 - exec,
     * dynamic linking, constructors and exit, nothing of its own.  The
     * same for minimal_sdl: a video driver that does not exist. */
    char *linking_argv[] = {(char *)sportello, "--kiosk-bench-no-such-option", NULL};
    char *minimal_argv[] = {(char *)minimal, NULL};
    double kiosk[RUNS], reference[RUNS], linking[RUNS], minimal_linking[RUNS];
    /* Once untimed: the files in the page cache, the counters file made (a
     * kiosk has it from its first day). */
    run(minimal_argv, NULL, 0);
    run(kiosk_argv, NULL, 0);
    for (int i = 0; i < RUNS; i++) {
        /* Alternate, so all see the same cache and load. */
        reference[i] = run(minimal_argv, NULL, 0);
        kiosk[i] = run(kiosk_argv, NULL, 0);
        linking[i] = run(linking_argv, NULL, 2);
        setenv("SDL_VIDEODRIVER", "kiosk-bench-none", 1);
        minimal_linking[i] = run(minimal_argv, NULL, 1);
        if (video)
            setenv("SDL_VIDEODRIVER", video, 1);
        else
            unsetenv("SDL_VIDEODRIVER");
    }
    free(video);
    unsetenv("SPORTELLO_EXIT_AFTER_FIRST_FRAME");
    double k = percentile(kiosk, RUNS, 0.5), r = percentile(reference, RUNS, 0.5);
    double kl = percentile(linking, RUNS, 0.5), rl = percentile(minimal_linking, RUNS, 0.5);
    printf("== 1. start to first frame (%s, median of %d runs each)\n",
           getenv("DISPLAY") ? "X11 window" : "offscreen video driver", RUNS);
    printf("  sportello %.1f ms, minimal SDL program %.1f ms: ratio %.2f (goal <= 1.3: %s); "
           "the kiosk's own cost %.1f ms, %.1f ms over the goal\n",
           k * 1e3, r * 1e3, k / r, met(k / r <= 1.3), (k - r) * 1e3,
           k > 1.3 * r ? (k - 1.3 * r) * 1e3 : 0.0);
    double steps[STEP_COUNT + PART_COUNT], parts[STEP_COUNT + PART_COUNT];
    double reference_steps[STEP_COUNT + PART_COUNT];
    bool have_steps = breakdown(time_steps, catalog, STEP_COUNT, steps);
    bool have_parts = breakdown(time_parts, catalog, PART_COUNT, parts);
    bool have_reference = breakdown(time_minimal_steps, catalog, STEP_COUNT, reference_steps);
    unlink(COUNTERS);
    if (!have_steps || !have_reference)
        return;
    printf("  where the time goes (medians; the steps of main() and of minimal_sdl timed in %d "
           "forked copies of the bench each, the first row from whole runs):\n",
           BREAKDOWNS);
    printf("    %-50s %9s %9s %9s\n", "step", "sportello", "minimal", "more, ms");
    printf("    %-50s %9.1f %9.1f %9.1f\n", "exec + dynamic linking + exit (no window)", kl * 1e3,
           rl * 1e3, (kl - rl) * 1e3);
    double sum = kl, reference_sum = rl;
    for (int i = 0; i < STEP_COUNT; i++) {
        const char *name = step_names[i];
        if (i == STEP_DRAW)
            name = "first kiosk_draw (language picker) / clear";
        printf("    %-50s %9.1f %9.1f %9.1f\n", name, steps[i] * 1e3, reference_steps[i] * 1e3,
               (steps[i] - reference_steps[i]) * 1e3);
        sum += steps[i];
        reference_sum += reference_steps[i];
        if (i == STEP_KIOSK && have_parts)
            for (int p = PART_TEXT_RENDERER; p <= PART_KIOSK_REST; p++)
                printf("    %-50s %9.1f\n", part_names[p], parts[p] * 1e3);
        if (i == STEP_DRAW && have_parts)
            for (int p = PART_NAMES; p <= PART_DRAW_REST; p++)
                printf("    %-50s %9.1f\n", part_names[p], parts[p] * 1e3);
    }
    printf("    %-50s %9.1f %9.1f %9.1f\n", "sum of the steps", sum * 1e3, reference_sum * 1e3,
           (sum - reference_sum) * 1e3);
    printf("    %-50s %9.1f %9.1f\n", "whole run (from above)", k * 1e3, r * 1e3);
    printf("    (the indented parts are timed apart, each cold in its own copy, kiosk_create's "
           "last: they add up to about their step, not exactly)\n");
}

/* ---- 2-4. frames on the software renderer ---------------------------- */

static const char *longest_article(const char *catalog_path)
{
    static char id[64];
    char why[256];
    catalog *c = catalog_open(catalog_path, why, sizeof why);
    if (!c) {
        fprintf(stderr, "kiosk_bench: %s\n", why);
        exit(1);
    }
    size_t longest = 0;
    for (size_t i = 0; i < catalog_article_count(c); i++) {
        const catalog_article *a = catalog_article_at(c, i);
        size_t length = 0;
        for (size_t b = 0; b < a->block_count; b++) {
            char *text = catalog_text(c, a->blocks[b].key, "it", NULL);
            length += text ? strlen(text) : 0;
            free(text);
        }
        if (length > longest) {
            longest = length;
            snprintf(id, sizeof id, "%s", a->id);
        }
    }
    catalog_close(c);
    return id;
}

typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
} canvas;

static canvas canvas_open(int width, int height)
{
    canvas c;
    c.surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    c.renderer = c.surface ? SDL_CreateSoftwareRenderer(c.surface) : NULL;
    if (!c.renderer) {
        fprintf(stderr, "kiosk_bench: %s\n", SDL_GetError());
        exit(1);
    }
    return c;
}

static void canvas_close(canvas *c)
{
    SDL_DestroyRenderer(c->renderer);
    SDL_FreeSurface(c->surface);
}

/* The reference frame: clear and present. */
static double clear_frame(SDL_Renderer *renderer)
{
    double t = now_seconds();
    SDL_SetRenderDrawColor(renderer, 244, 241, 234, 255);
    SDL_RenderClear(renderer);
    SDL_RenderPresent(renderer);
    return now_seconds() - t;
}

static kiosk *new_kiosk(SDL_Renderer *renderer, text_engine *engine, const char *catalog_path)
{
    kiosk_options options = {.catalog_path = catalog_path, .kiosk_mode = true};
    kiosk *k = kiosk_create(renderer, engine, &options, 0);
    if (!k) {
        fprintf(stderr, "kiosk_bench: no kiosk\n");
        exit(1);
    }
    return k;
}

static SDL_Event finger(Uint32 type, const screen_size *size, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x / (float)size->width;
    e.tfinger.y = y / (float)size->height;
    return e;
}

/* A finger dragging the article down and up, as at 1280x800 (12 px a frame
 * between y 700 and 100, at 60 frames/s), in proportion to the height,
 * inside the scrolling body (whose place depends on the shape: the bar is
 * at the bottom in portrait). */
static void scrolling_at(const screen_size *size, text_engine *engine, const char *catalog_path,
                         const char *article)
{
    canvas c = canvas_open(size->width, size->height);
    float unit = (float)size->height / 800, x = (float)size->width / 2;
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        kiosk *k = new_kiosk(c.renderer, engine, catalog_path);
        kiosk_show(k, languages[l], SCREEN_ARTICLE, article, 0);
        kiosk_draw(k); /* the screen is built when entered, not measured */
        SDL_RenderPresent(c.renderer);
        const view *body = kiosk_view(k);
        float span = body->body_bottom - body->body_top;
        float low = body->body_top + span / 8, high = body->body_bottom - span / 8;
        double t0 = 1;
        double frames[FRAMES], clear[FRAMES];
        float y = high, step = 12 * unit, deepest = 0;
        SDL_Event e = finger(SDL_FINGERDOWN, size, x, y);
        kiosk_handle_event(k, &e, t0);
        for (int i = 0; i < FRAMES; i++) {
            /* Down the page, then back up. */
            if (i == FRAMES / 2) {
                e = finger(SDL_FINGERUP, size, x, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
                y = low;
                step = -step;
                e = finger(SDL_FINGERDOWN, size, x, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
            }
            y -= step;
            if (y < low || y > high) {
                e = finger(SDL_FINGERUP, size, x, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
                y = step > 0 ? high : low;
                e = finger(SDL_FINGERDOWN, size, x, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
            }
            /* The reference frame just before, so both see the same load. */
            clear[i] = clear_frame(c.renderer);
            double t = now_seconds();
            e = finger(SDL_FINGERMOTION, size, x, y);
            kiosk_handle_event(k, &e, t0 + (i + 1) / 60.0);
            kiosk_tick(k, t0 + (i + 1) / 60.0);
            kiosk_draw(k);
            SDL_RenderPresent(c.renderer);
            frames[i] = now_seconds() - t;
            if (kiosk_scroll(k) > deepest)
                deepest = kiosk_scroll(k);
        }
        float reached = kiosk_scroll(k);
        double p50 = percentile(frames, FRAMES, 0.5), p99 = percentile(frames, FRAMES, 0.99);
        double clear_p50 = percentile(clear, FRAMES, 0.5);
        char goal[48] = "-";
        if (size->width == 1280 && size->height == 800)
            snprintf(goal, sizeof goal, "p99 <= 8 ms: %s", met(p99 <= 0.008));
        if (size->width == 1920 && size->height == 1080)
            snprintf(goal, sizeof goal, "p99 <= 4 ms: %s", met(p99 <= 0.004));
        printf("  %-10s %-4s %7.2f %7.2f %9.3f %7.1f %7.1f %6.0f/%-5.0f %s\n", size->name,
               languages[l], p50 * 1e3, p99 * 1e3, clear_p50 * 1e3, p50 / clear_p50,
               p99 / clear_p50, deepest, reached, goal);
        kiosk_destroy(k);
    }
    canvas_close(&c);
}

static void scrolling(text_engine *engine, const char *catalog_path, const char *article)
{
    printf("\n== 2. scrolling the longest article (%s), software renderer, %d frames each, a "
           "finger dragging it down and up; ratios to clear+present at the same size, timed "
           "alternately\n",
           article, FRAMES);
    printf("  %-10s %-4s %7s %7s %9s %7s %7s %12s %s\n", "size", "lang", "p50 ms", "p99 ms",
           "clear ms", "x p50", "x p99", "deepest/end", "goal");
    for (size_t s = 0; s < SIZE_COUNT; s++)
        scrolling_at(&sizes[s], engine, catalog_path, article);
    printf("  (deepest/end: the furthest scroll reached and the scroll at the end, in px; a "
           "deepest of 0 means the article fits on the screen and the frames only redraw it)\n");
}

typedef struct still_screen {
    const char *label, *language;
    kiosk_screen screen;
    bool article;
} still_screen;

static void still_frames(text_engine *engine, const char *catalog_path, const char *article)
{
    static const still_screen screens[] = {
        {"languages", "", SCREEN_LANGUAGES, false}, {"home ar", "ar", SCREEN_HOME, false},
        {"home zh", "zh", SCREEN_HOME, false},      {"article ur", "ur", SCREEN_ARTICLE, true},
        {"article ti", "ti", SCREEN_ARTICLE, true},
    };
    printf("\n== 3. kiosk_draw + present of a screen at rest, after its first frame, %d frames "
           "each; ratio to clear+present at the same size (timed alternately), goal <= 1.5\n",
           STILL_FRAMES);
    printf("  %-10s %-11s %7s %7s %9s %7s %s\n", "size", "screen", "p50 ms", "p99 ms", "clear ms",
           "x p50", "goal <= 1.5");
    for (size_t s = 0; s < SIZE_COUNT; s++) {
        canvas c = canvas_open(sizes[s].width, sizes[s].height);
        for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
            kiosk *k = new_kiosk(c.renderer, engine, catalog_path);
            kiosk_show(k, screens[i].language, screens[i].screen,
                       screens[i].article ? article : NULL, 0);
            kiosk_draw(k); /* built, first glyphs rasterized: not measured */
            SDL_RenderPresent(c.renderer);
            double frames[STILL_FRAMES], clear[STILL_FRAMES];
            for (int f = 0; f < STILL_FRAMES; f++) {
                clear[f] = clear_frame(c.renderer);
                double t = now_seconds();
                kiosk_draw(k);
                SDL_RenderPresent(c.renderer);
                frames[f] = now_seconds() - t;
            }
            double p50 = percentile(frames, STILL_FRAMES, 0.5);
            double p99 = percentile(frames, STILL_FRAMES, 0.99);
            double clear_p50 = percentile(clear, STILL_FRAMES, 0.5);
            printf("  %-10s %-11s %7.2f %7.2f %9.3f %7.1f %s\n", sizes[s].name, screens[i].label,
                   p50 * 1e3, p99 * 1e3, clear_p50 * 1e3, p50 / clear_p50,
                   met(p50 / clear_p50 <= 1.5));
            kiosk_destroy(k);
        }
        canvas_close(&c);
    }
}

/* The first kiosk_draw after the renderer's output size changed. */
static double timed_draw(kiosk *k, SDL_Renderer *renderer)
{
    double t = now_seconds();
    kiosk_draw(k);
    double elapsed = now_seconds() - t;
    SDL_RenderPresent(renderer);
    return elapsed;
}

static void rotation(text_engine *engine, const char *catalog_path, const char *article)
{
    static const kiosk_screen kinds[] = {SCREEN_LANGUAGES, SCREEN_HOME, SCREEN_CATEGORY,
                                         SCREEN_SERVICE,   SCREEN_QR,   SCREEN_ARTICLE,
                                         SCREEN_HELP,      SCREEN_PIN,  SCREEN_OPERATOR};
    const char *language = "ar";
    printf("\n== 4. rotation: each screen (%s) drawn at 1280x800, then the output made 800x1280 "
           "(a render target): the first kiosk_draw after the change, and back; median of %d, "
           "text caches cleared and a new kiosk each time\n",
           language, ROTATIONS);
    printf("  %-11s %-22s %14s %14s\n", "screen", "argument", "to 800x1280", "back, ms");
    canvas c = canvas_open(1280, 800);
    SDL_Texture *portrait = SDL_CreateTexture(c.renderer, SDL_PIXELFORMAT_ARGB8888,
                                              SDL_TEXTUREACCESS_TARGET, 800, 1280);
    int w = 0, h = 0;
    if (portrait && SDL_SetRenderTarget(c.renderer, portrait) == 0)
        SDL_GetRendererOutputSize(c.renderer, &w, &h);
    SDL_SetRenderTarget(c.renderer, NULL);
    if (w != 800 || h != 1280) {
        printf("  (not measured: the renderer's output size does not follow its target: %dx%d; "
               "%s)\n",
               w, h, SDL_GetError());
        if (portrait)
            SDL_DestroyTexture(portrait);
        canvas_close(&c);
        return;
    }
    double total_to = 0, total_back = 0;
    for (size_t s = 0; s < sizeof kinds / sizeof *kinds; s++) {
        kiosk *probe = new_kiosk(c.renderer, engine, catalog_path);
        const char *ids[1] = {NULL};
        char arg[64] = "";
        if (kinds[s] == SCREEN_ARTICLE)
            snprintf(arg, sizeof arg, "%s", article);
        else if (kiosk_ids(probe, kinds[s], ids, 1) == 1)
            snprintf(arg, sizeof arg, "%s", ids[0]);
        kiosk_destroy(probe);
        double to[ROTATIONS], back[ROTATIONS];
        for (int r = 0; r < ROTATIONS; r++) {
            text_engine_clear_caches(engine);
            kiosk *k = new_kiosk(c.renderer, engine, catalog_path);
            kiosk_show(k, kinds[s] == SCREEN_LANGUAGES ? "" : language, kinds[s], arg, 0);
            kiosk_draw(k);
            SDL_RenderPresent(c.renderer);
            SDL_SetRenderTarget(c.renderer, portrait);
            to[r] = timed_draw(k, c.renderer);
            SDL_SetRenderTarget(c.renderer, NULL);
            back[r] = timed_draw(k, c.renderer);
            kiosk_destroy(k);
        }
        double m_to = percentile(to, ROTATIONS, 0.5), m_back = percentile(back, ROTATIONS, 0.5);
        total_to += m_to;
        total_back += m_back;
        printf("  %-11s %-22s %14.2f %14.2f\n", kiosk_screen_name(kinds[s]), arg[0] ? arg : "-",
               m_to * 1e3, m_back * 1e3);
    }
    printf("  %-11s %-22s %14.2f %14.2f\n", "total", "", total_to * 1e3, total_back * 1e3);
    SDL_DestroyTexture(portrait);
    canvas_close(&c);
}

static void frames(const char *catalog_path)
{
    const char *article = longest_article(catalog_path);
    char path[4096], *error = NULL;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    if (!engine) {
        fprintf(stderr, "kiosk_bench: %s\n", error);
        exit(1);
    }
    scrolling(engine, catalog_path, article);
    still_frames(engine, catalog_path, article);
    rotation(engine, catalog_path, article);
    text_engine_destroy(engine);
}

/* ---- 5. memory --------------------------------------------------------- */

static void screenshots_memory(const char *sportello, const char *catalog)
{
    char dir[] = "/tmp/sportello-bench-XXXXXX";
    if (!mkdtemp(dir))
        return;
    char *argv[] = {(char *)sportello, "--screenshots", dir, "--catalog", (char *)catalog, NULL};
    long rss = 0;
    double seconds = run(argv, &rss, 0);
    printf("\n== 5. memory\n");
    printf("  --screenshots of every screen in every language: %.1f s, peak RSS %.1f MB (goal <= "
           "150 MB: %s)\n",
           seconds, (double)rss / 1024.0, met((double)rss / 1024.0 <= 150));
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    if (system(command) != 0)
        fprintf(stderr, "kiosk_bench: could not remove %s\n", dir);
}

/* ---- 6. at rest ---------------------------------------------------------- */

#define REST_WARM_UP 5.0

typedef struct resting {
    const char *name;
    pid_t pid;
    double cpu0, cpu1;         /* user + system seconds */
    long switches0, switches1; /* voluntary context switches */
} resting;

/* CPU seconds and voluntary context switches of a running process. */
static bool sample(pid_t pid, double *cpu, long *switches)
{
    char path[64], text[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *p = strrchr(text, ')'); /* the command may hold spaces */
    unsigned long utime = 0, stime = 0;
    if (!p ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
        return false;
    *cpu = (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    f = fopen(path, "r");
    *switches = 0;
    while (f && fgets(text, sizeof text, f))
        if (sscanf(text, "voluntary_ctxt_switches: %ld", switches) == 1)
            break;
    if (f)
        fclose(f);
    return true;
}

/* An X server of its own when there is none: Xvfb picks a free display
 * and writes its number. */
static pid_t start_xvfb(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        char fd[16];
        snprintf(fd, sizeof fd, "%d", fds[1]);
        execlp("Xvfb", "Xvfb", "-displayfd", fd, "-screen", "0", "1280x800x24", "-nolisten", "tcp",
               (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char number[16] = {0};
    ssize_t got = read(fds[0], number, sizeof number - 1);
    close(fds[0]);
    if (got <= 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return -1;
    }
    char display[32];
    snprintf(display, sizeof display, ":%d", atoi(number));
    setenv("DISPLAY", display, 1);
    return pid;
}

static void at_rest(const char *sportello, const char *minimal, const char *catalog)
{
    const char *env = getenv("KIOSK_BENCH_REST_SECONDS");
    double seconds = env && atof(env) > 0 ? atof(env) : 60;
    printf("\n== 6. at rest: CPU over %.0f s after a %.0f s warm-up, kiosk mode, software "
           "renderer, X11\n",
           seconds, REST_WARM_UP);
    fflush(stdout);
    pid_t xvfb = getenv("DISPLAY") ? 0 : start_xvfb();
    if (xvfb < 0) {
        printf("  no X server (Xvfb): not measured\n");
        return;
    }
    char state[] = "/tmp/sportello-bench-rest-XXXXXX";
    if (!mkdtemp(state))
        return;
    /* Each kiosk its own state folder (counters, versions), no speech
     * device, no site configuration. */
    setenv("XDG_STATE_HOME", state, 1);
    setenv("SPORTELLO_CONFIG", "/nonexistent/site.conf", 1);
    setenv("SPORTELLO_RENDERER", "software", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    unsetenv("SDL_VIDEODRIVER");
    char show[96];
    snprintf(show, sizeof show, "article:%s", longest_article(catalog));
    char *bare[] = {(char *)minimal, "--wait", NULL};
    char *picker[] = {(char *)sportello, "--catalog", (char *)catalog, NULL};
    char *article[] = {
        (char *)sportello, "--catalog", (char *)catalog, "--lang", "it", "--show", show, NULL};
    resting runs[] = {{"bare SDL program waiting for events", start_quiet(bare), 0, 0, 0, 0},
                      {"kiosk on the language picker", start_quiet(picker), 0, 0, 0, 0},
                      {"kiosk on an article (it)", start_quiet(article), 0, 0, 0, 0}};
    size_t count = sizeof runs / sizeof *runs;
    struct timespec warm = {(time_t)REST_WARM_UP, 0};
    nanosleep(&warm, NULL);
    bool ok = true;
    for (size_t i = 0; i < count; i++)
        ok = ok && sample(runs[i].pid, &runs[i].cpu0, &runs[i].switches0);
    double start = now_seconds();
    struct timespec rest = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&rest, NULL);
    double elapsed = now_seconds() - start;
    for (size_t i = 0; i < count; i++)
        ok = ok && sample(runs[i].pid, &runs[i].cpu1, &runs[i].switches1);
    if (!ok)
        printf("  a program ended before the measurement: not measured\n");
    double bare_share = ok ? (runs[0].cpu1 - runs[0].cpu0) / elapsed : 0;
    for (size_t i = 0; ok && i < count; i++) {
        double share = (runs[i].cpu1 - runs[i].cpu0) / elapsed;
        double wakes = (double)(runs[i].switches1 - runs[i].switches0) / elapsed;
        printf("  %-38s %6.3f %% of one core, %6.2f wake-ups/s", runs[i].name, share * 100, wakes);
        if (i > 0) {
            if (bare_share > 0)
                printf(", ratio to bare SDL %.1f", share / bare_share);
            else
                printf(", bare SDL used no measurable CPU");
            printf(" (goal <= 0.5 %%: %s)", met(share <= 0.005));
        }
        printf("\n");
    }
    printf("  (CPU time in clock ticks of 1/%ld s: over %.0f s one tick is %.3f %%)\n",
           sysconf(_SC_CLK_TCK), elapsed, 100.0 / (double)sysconf(_SC_CLK_TCK) / elapsed);
    for (size_t i = 0; i < count; i++) {
        kill(runs[i].pid, SIGKILL);
        waitpid(runs[i].pid, NULL, 0);
    }
    if (xvfb > 0) {
        kill(xvfb, SIGTERM);
        waitpid(xvfb, NULL, 0);
        unsetenv("DISPLAY");
    }
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", state);
    if (system(command) != 0)
        fprintf(stderr, "kiosk_bench: could not remove %s\n", state);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: kiosk_bench SPORTELLO MINIMAL_SDL CATALOG\n");
        return 2;
    }
    log_set_threshold(LOG_ERROR);
    /* KIOSK_BENCH_ONLY_REST=1: section 6 alone. */
    if (getenv("KIOSK_BENCH_ONLY_REST")) {
        at_rest(argv[1], argv[2], argv[3]);
        return 0;
    }
    startup(argv[1], argv[2], argv[3]);
    frames(argv[3]);
    screenshots_memory(argv[1], argv[3]);
    at_rest(argv[1], argv[2], argv[3]);
    return 0;
}
