/* text_bench.c - how fast our text engine lays out and draws, against Pango.
 *
 * Usage: text_bench [--draw-only] [CORPUS_DIR [FONT_TABLE]]
 *        (defaults: the source tree's; --draw-only measures (c) alone)
 *
 * A benchmark, not a test: it prints figures and ratios measured in this one
 * run and never fails on them.  Three questions, each with the goal the
 * kiosk needs:
 *
 *  (a) Uncached layout: the whole corpus (tests/corpus/LANG.txt) at widths
 *      240, 420 and 700 px, 20 px text.  Ours with both caches disabled,
 *      against Pango with a NEW PangoLayout per paragraph (its context and
 *      font map reused: tests/pango_reference.h).  Reusing PangoLayouts would
 *      make Pango much faster (gaphor PR #356, about 10x); applications that
 *      build a layout per string do not.  Goal: ours/Pango >= 1.5.
 *  (b) The same paragraph laid out again with the cache on (a cache hit, as a
 *      screen redrawn every frame does), against Pango fresh.  Goal >= 20.
 *  (c) A 1280x800 frame full of cached text drawn with SDL's software
 *      renderer into an offscreen surface, against a frame that only clears
 *      and presents.  Goal: text frame / empty frame <= 3.  When a display is
 *      available (DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER set) the same
 *      two frames are measured again in a real 1280x800 window with SDL's
 *      software renderer, where presenting copies the frame to the display
 *      server; both tables are printed, the offscreen one first.
 *
 * Every figure is the median of repeated timed passes (each phase runs for
 * at least MIN_SECONDS and MIN_SAMPLES passes), after one untimed warm-up
 * pass that loads fonts and fills caches.  Urdu gets its own row everywhere:
 * Noto Nastaliq Urdu is several times slower to shape than Naskh
 * (harfbuzz PR #2457). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <pango/pango.h>

#include "pango_reference.h"
#include "text.h"
#include "text_render.h"

static const char *const LANGUAGES[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                        "pa", "bn", "ti", "zh", "ro", "sq", "uk"};
#define LANGUAGE_COUNT (sizeof LANGUAGES / sizeof LANGUAGES[0])
static const int WIDTHS[] = {240, 420, 700};
#define WIDTH_COUNT (sizeof WIDTHS / sizeof WIDTHS[0])
static const float FONT_SIZE = 20.0f;
static const double MIN_SECONDS = 0.5;
enum { MIN_SAMPLES = 9, MAX_SAMPLES = 4096, MAX_PARAGRAPHS = 64 };

enum { SCREEN_WIDTH = 1280, SCREEN_HEIGHT = 800 };

typedef struct paragraph_text {
    const char *text;
    size_t length;
} paragraph_text;

/* One language's corpus and its Pango reference. */
typedef struct language_corpus {
    const char *language;
    char *data;
    paragraph_text paragraphs[MAX_PARAGRAPHS];
    size_t count;
    pango_reference *reference;
} language_corpus;

typedef struct bench {
    text_engine *engine;
    language_corpus corpora[LANGUAGE_COUNT];
    size_t language_count;
    size_t sink; /* keeps results alive so no work is optimised away */
} bench;

static double now_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *samples, size_t count)
{
    qsort(samples, count, sizeof *samples, compare_doubles);
    return count % 2 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2.0;
}

/* ---- corpus ---------------------------------------------------------- */

static char *read_whole_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t capacity = 1 << 16, used = 0, got;
    char *data = malloc(capacity);
    while (data && (got = fread(data + used, 1, capacity - used - 1, file)) > 0) {
        used += got;
        if (capacity - used < 2) {
            char *bigger = realloc(data, capacity *= 2);
            if (!bigger) {
                free(data);
                data = NULL;
            }
            data = bigger;
        }
    }
    fclose(file);
    if (data)
        data[used] = '\0';
    return data;
}

/* Paragraphs are single lines separated by blank lines (tests/corpus). */
static bool load_corpus(language_corpus *corpus, const char *directory)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", directory, corpus->language);
    corpus->data = read_whole_file(path);
    if (!corpus->data) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return false;
    }
    char *line = corpus->data;
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3;
    while (*line) {
        char *end = strchr(line, '\n');
        char *next = end ? end + 1 : line + strlen(line);
        if (!end)
            end = next;
        if (end > line && end[-1] == '\r')
            end--;
        if (end > line && corpus->count < MAX_PARAGRAPHS)
            corpus->paragraphs[corpus->count++] = (paragraph_text){line, (size_t)(end - line)};
        line = next;
    }
    return corpus->count > 0;
}

/* ---- one pass of work, timed by the caller ----------------------------- */

typedef enum pass_kind {
    PASS_OURS,
    PASS_PANGO,
} pass_kind;

/* Lays out every paragraph of the listed corpora at every width; returns
 * the number of layouts made. */
static size_t run_pass(bench *b, pass_kind kind, language_corpus *const *corpora, size_t count)
{
    size_t layouts = 0;
    size_t starts[256];
    for (size_t c = 0; c < count; c++) {
        language_corpus *corpus = corpora[c];
        for (size_t p = 0; p < corpus->count; p++) {
            const paragraph_text *paragraph = &corpus->paragraphs[p];
            for (size_t w = 0; w < WIDTH_COUNT; w++) {
                if (kind == PASS_PANGO) {
                    b->sink += pango_reference_line_starts(corpus->reference, paragraph->text,
                                                           paragraph->length, WIDTHS[w], FONT_SIZE,
                                                           starts, 256);
                } else {
                    text_params params =
                        text_params_default(corpus->language, WIDTHS[w], FONT_SIZE);
                    text_layout *layout =
                        text_layout_create(b->engine, paragraph->text, paragraph->length, &params);
                    size_t lines = text_layout_line_count(layout);
                    for (size_t i = 0; i < lines && i < 256; i++)
                        starts[i] = text_layout_line(layout, i)->start;
                    b->sink += lines + starts[0];
                    text_layout_destroy(layout);
                }
                layouts++;
            }
        }
    }
    return layouts;
}

/* Median paragraphs per second of ours (cached or not) and of Pango, their
 * passes interleaved so that a change of machine load hits both alike. */
typedef struct rate_pair {
    double ours, pango; /* paragraphs per second */
} rate_pair;

static rate_pair measure_rates(bench *b, bool cached, language_corpus *const *corpora, size_t count)
{
    static double ours_samples[MAX_SAMPLES], pango_samples[MAX_SAMPLES];
    if (cached)
        text_engine_set_cache_size(b->engine, 4096, 4096);
    else
        text_engine_set_cache_size(b->engine, 0, 0);
    text_engine_clear_caches(b->engine);
    text_engine_stats before = text_engine_get_stats(b->engine);

    /* Warm-up: fonts opened, ICU iterators made, and (cached) caches filled. */
    size_t layouts = run_pass(b, PASS_OURS, corpora, count);
    run_pass(b, PASS_PANGO, corpora, count);

    size_t samples = 0;
    double started = now_seconds();
    while (samples < MAX_SAMPLES &&
           (samples < MIN_SAMPLES || now_seconds() - started < 2 * MIN_SECONDS)) {
        double t0 = now_seconds();
        run_pass(b, PASS_OURS, corpora, count);
        double t1 = now_seconds();
        run_pass(b, PASS_PANGO, corpora, count);
        double t2 = now_seconds();
        ours_samples[samples] = t1 - t0;
        pango_samples[samples] = t2 - t1;
        samples++;
    }
    if (!cached) {
        /* The uncached figure is only honest if nothing came from a cache. */
        text_engine_stats after = text_engine_get_stats(b->engine);
        size_t hits = after.layout_cache_hits - before.layout_cache_hits + after.shape_cache_hits -
                      before.shape_cache_hits;
        if (hits != 0)
            fprintf(stderr, "warning: %zu cache hits with caches disabled\n", hits);
    }
    rate_pair rates;
    rates.ours = (double)layouts / median(ours_samples, samples);
    rates.pango = (double)layouts / median(pango_samples, samples);
    return rates;
}

/* ---- drawing ------------------------------------------------------------ */

/* Where part (c) draws: an offscreen surface, or a window (then `surface`
 * is NULL and presenting sends the frame to the display server). */
typedef struct screen {
    SDL_Surface *surface;
    SDL_Window *window;
    SDL_Renderer *renderer;
    text_renderer *text;
} screen;

/* What one text frame holds. */
typedef struct frame_content {
    size_t paragraphs, glyphs;
} frame_content;

/* Fills the screen in three columns 400 px wide with the corpora's
 * paragraphs, in turn, until it is full; each layout comes from the engine's
 * cache, as a screen redrawn every frame gets it. */
static frame_content draw_text_frame(bench *b, screen *s, language_corpus *const *corpora,
                                     size_t count)
{
    enum { COLUMN_WIDTH = 400, MARGIN = 20 };
    SDL_SetRenderDrawColor(s->renderer, 250, 250, 245, 255);
    SDL_RenderClear(s->renderer);
    const SDL_Color ink = {20, 20, 30, 255};
    frame_content drawn = {0};
    float x = MARGIN, y = MARGIN;
    for (size_t i = 0; x + COLUMN_WIDTH <= SCREEN_WIDTH; i++) {
        language_corpus *corpus = corpora[i % count];
        const paragraph_text *paragraph = &corpus->paragraphs[(i / count) % corpus->count];
        text_params params = text_params_default(corpus->language, COLUMN_WIDTH, FONT_SIZE);
        text_layout *layout =
            text_layout_create(b->engine, paragraph->text, paragraph->length, &params);
        float height = text_layout_height(layout);
        if (y + height > SCREEN_HEIGHT - MARGIN && y > MARGIN) {
            /* Next column; a paragraph taller than a whole column is drawn
             * anyway and cut by the screen's edge. */
            x += COLUMN_WIDTH + MARGIN;
            y = MARGIN;
            if (x + COLUMN_WIDTH > SCREEN_WIDTH) {
                text_layout_destroy(layout);
                break;
            }
        }
        text_renderer_draw(s->text, layout, x, y, ink);
        y += height + FONT_SIZE / 2;
        drawn.paragraphs++;
        for (size_t line = 0; line < text_layout_line_count(layout); line++)
            drawn.glyphs += text_layout_line(layout, line)->glyph_count;
        text_layout_destroy(layout);
    }
    SDL_RenderPresent(s->renderer);
    return drawn;
}

static void draw_empty_frame(screen *s)
{
    SDL_SetRenderDrawColor(s->renderer, 250, 250, 245, 255);
    SDL_RenderClear(s->renderer);
    SDL_RenderPresent(s->renderer);
}

typedef struct frame_times {
    double text, empty;    /* median seconds per frame */
    frame_content content; /* of the text frame */
} frame_times;

static frame_times measure_frames(bench *b, screen *s, language_corpus *const *corpora,
                                  size_t count)
{
    static double text_samples[MAX_SAMPLES], empty_samples[MAX_SAMPLES];
    text_engine_set_cache_size(b->engine, 4096, 4096);
    frame_times times = {0};
    times.content = draw_text_frame(b, s, corpora, count); /* warm-up: atlas, caches */
    draw_empty_frame(s);
    size_t samples = 0;
    double started = now_seconds();
    while (samples < MAX_SAMPLES &&
           (samples < MIN_SAMPLES || now_seconds() - started < 2 * MIN_SECONDS)) {
        double t0 = now_seconds();
        draw_text_frame(b, s, corpora, count);
        double t1 = now_seconds();
        draw_empty_frame(s);
        double t2 = now_seconds();
        text_samples[samples] = t1 - t0;
        empty_samples[samples] = t2 - t1;
        samples++;
        if (s->window)
            SDL_PumpEvents(); /* untimed; X11 events must not pile up */
    }
    times.text = median(text_samples, samples);
    times.empty = median(empty_samples, samples);
    return times;
}

static bool screen_create_offscreen(screen *s)
{
    s->surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_WIDTH, SCREEN_HEIGHT, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    s->renderer = s->surface ? SDL_CreateSoftwareRenderer(s->surface) : NULL;
    s->text = s->renderer ? text_renderer_create(s->renderer, 0) : NULL;
    return s->text != NULL;
}

/* A shown window with SDL's software renderer, as on a kiosk without a
 * usable GPU.  False, with SDL_GetError() saying why, when there is none. */
static bool screen_create_window(screen *s)
{
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return false;
    s->window = SDL_CreateWindow("text_bench", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                 SCREEN_WIDTH, SCREEN_HEIGHT, SDL_WINDOW_SHOWN);
    s->renderer = s->window ? SDL_CreateRenderer(s->window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    s->text = s->renderer ? text_renderer_create(s->renderer, 0) : NULL;
    if (s->window)
        SDL_PumpEvents(); /* let the window be mapped before timing */
    return s->text != NULL;
}

static void screen_destroy(screen *s)
{
    if (s->text)
        text_renderer_destroy(s->text);
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    if (s->surface)
        SDL_FreeSurface(s->surface);
    if (s->window)
        SDL_DestroyWindow(s->window);
    *s = (screen){0};
}

/* ---- report ------------------------------------------------------------- */

static size_t corpus_layouts(language_corpus *const *corpora, size_t count)
{
    size_t layouts = 0;
    for (size_t c = 0; c < count; c++)
        layouts += corpora[c]->count * WIDTH_COUNT;
    return layouts;
}

static void print_rate_row(const char *name, size_t layouts, rate_pair uncached, rate_pair cached)
{
    printf("%-5s %5zu %11.0f %11.0f %7.2f  %11.0f %8.1f\n", name, layouts, uncached.ours,
           uncached.pango, uncached.ours / uncached.pango, cached.ours,
           cached.ours / uncached.pango);
}

static void print_frame_header(void)
{
    printf("%-6s %6s %7s %9s %9s %7s %9s\n", "screen", "paras", "glyphs", "text ms", "clear ms",
           "ratio", "us/glyph");
}

static void print_frame_row(const char *name, frame_times times)
{
    printf("%-6s %6zu %7zu %9.3f %9.3f %7.1f %9.3f\n", name, times.content.paragraphs,
           times.content.glyphs, times.text * 1e3, times.empty * 1e3, times.text / times.empty,
           times.content.glyphs ? (times.text - times.empty) * 1e6 / (double)times.content.glyphs
                                : 0.0);
}

/* Parts (a) and (b), one row per language and one for all of them. */
static void measure_layout(bench *b, language_corpus *const *all)
{
    printf("(a) uncached layout and (b) cached layout, paragraphs per second\n");
    printf("%-5s %5s %11s %11s %7s  %11s %8s\n", "lang", "paras", "ours", "Pango", "ratio",
           "ours cached", "ratio");
    for (size_t l = 0; l < b->language_count; l++) {
        language_corpus *one[1] = {all[l]};
        rate_pair uncached = measure_rates(b, false, one, 1);
        rate_pair cached = measure_rates(b, true, one, 1);
        print_rate_row(all[l]->language, corpus_layouts(one, 1), uncached, cached);
    }
    rate_pair uncached = measure_rates(b, false, all, b->language_count);
    rate_pair cached = measure_rates(b, true, all, b->language_count);
    print_rate_row("all", corpus_layouts(all, b->language_count), uncached, cached);
    printf("goals: (a) ours/Pango >= 1.5 -> %s; (b) cached/Pango >= 20 -> %s\n\n",
           uncached.ours / uncached.pango >= 1.5 ? "met" : "NOT met",
           cached.ours / uncached.pango >= 20 ? "met" : "NOT met");
    text_engine_stats stats = text_engine_get_stats(b->engine);
    printf("engine counters over the run: layout cache %zu hits / %zu misses, shape cache "
           "%zu hits / %zu misses, %zu missing glyphs\n\n",
           stats.layout_cache_hits, stats.layout_cache_misses, stats.shape_cache_hits,
           stats.shape_cache_misses, stats.missing_glyphs);
}

/* Prints one table of part (c): the mixed frame and one per language.
 * Returns the mixed frame's figures. */
static frame_times print_frame_table(bench *b, screen *s, language_corpus *const *all)
{
    print_frame_header();
    frame_times mixed = measure_frames(b, s, all, b->language_count);
    print_frame_row("mixed", mixed);
    for (size_t l = 0; l < b->language_count; l++) {
        language_corpus *one[1] = {all[l]};
        print_frame_row(all[l]->language, measure_frames(b, s, one, 1));
    }
    return mixed;
}

static bool display_available(void)
{
    return getenv("DISPLAY") || getenv("WAYLAND_DISPLAY") || getenv("SDL_VIDEODRIVER");
}

static void print_summary_row(const char *name, frame_times times)
{
    printf("%-26s %8.3f %8.3f %6.1f %12.3f\n", name, times.text * 1e3, times.empty * 1e3,
           times.text / times.empty, (times.text - times.empty) * 1e3);
}

/* Part (c) in a window, when there is a display: its table, and its mixed
 * frame in `mixed`.  False, with the reason printed, when not measured. */
static bool measure_window(bench *b, language_corpus *const *all, frame_times *mixed)
{
    if (!display_available()) {
        printf("(c2) WINDOW: not measured, no display (set DISPLAY, e.g. under Xvfb, "
               "WAYLAND_DISPLAY or SDL_VIDEODRIVER)\n\n");
        return false;
    }
    screen s = {0};
    if (!screen_create_window(&s)) {
        printf("(c2) WINDOW: not measured, %s\n\n", SDL_GetError());
        screen_destroy(&s);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return false;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(s.renderer, &info);
    SDL_Surface *window_surface = SDL_GetWindowSurface(s.window);
    printf("(c2) WINDOW: a shown %dx%d window, video driver %s, renderer %s, window surface %s;\n"
           "     presenting copies the frame to the display server\n",
           SCREEN_WIDTH, SCREEN_HEIGHT, SDL_GetCurrentVideoDriver(), info.name,
           window_surface ? SDL_GetPixelFormatName(window_surface->format->format) : "?");
    *mixed = print_frame_table(b, &s, all);
    printf("\n");
    screen_destroy(&s);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return true;
}

/* Part (c): offscreen always, then in a window when there is a display, then
 * both mixed frames side by side.  Returns the exit status. */
static int measure_drawing(bench *b, language_corpus *const *all)
{
    printf("(c) %dx%d frame, SDL software renderer, cached layouts, milliseconds\n"
           "(c1) OFFSCREEN: an ARGB8888 surface (SDL_CreateSoftwareRenderer)\n",
           SCREEN_WIDTH, SCREEN_HEIGHT);
    screen s = {0};
    if (!screen_create_offscreen(&s)) {
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
        screen_destroy(&s);
        return 1;
    }
    frame_times offscreen = print_frame_table(b, &s, all);
    printf("\n");
    screen_destroy(&s);

    frame_times windowed;
    bool have_window = measure_window(b, all, &windowed);

    printf("%-26s %8s %8s %6s %12s\n", "(c) mixed frame", "text ms", "clear ms", "ratio",
           "text - clear");
    print_summary_row("offscreen surface", offscreen);
    if (have_window)
        print_summary_row("window", windowed);
    else
        printf("%-26s not measured\n", "window");
    printf("goal: offscreen text frame / clear frame <= 3 -> %s\n",
           offscreen.text / offscreen.empty <= 3 ? "met" : "NOT met");
    return 0;
}

int main(int argc, char **argv)
{
    bool draw_only = argc > 1 && strcmp(argv[1], "--draw-only") == 0;
    if (draw_only) {
        argc--;
        argv++;
    }
    const char *corpus_directory = argc > 1 ? argv[1] : SPORTELLO_SOURCE_DIR "/tests/corpus";
    const char *font_table = argc > 2 ? argv[2] : SPORTELLO_SOURCE_DIR "/assets/fonts.txt";

    bench b = {0};
    char *error = NULL;
    b.engine = text_engine_create(font_table, &error);
    if (!b.engine) {
        fprintf(stderr, "%s\n", error ? error : font_table);
        free(error);
        return 1;
    }
    language_corpus *all[LANGUAGE_COUNT];
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        language_corpus *corpus = &b.corpora[b.language_count];
        corpus->language = LANGUAGES[l];
        if (!load_corpus(corpus, corpus_directory)) {
            free(corpus->data);
            memset(corpus, 0, sizeof *corpus);
            continue;
        }
        corpus->reference = pango_reference_create(b.engine, corpus->language, &error);
        if (!corpus->reference) {
            fprintf(stderr, "%s\n", error ? error : corpus->language);
            free(error);
            free(corpus->data);
            memset(corpus, 0, sizeof *corpus);
            continue;
        }
        all[b.language_count++] = corpus;
    }
    if (b.language_count == 0) {
        fprintf(stderr, "%s: no corpus to measure\n", corpus_directory);
        text_engine_destroy(b.engine);
        return 1;
    }

    printf("Sportello text benchmark: %zu languages from %s\n", b.language_count, corpus_directory);
    printf("widths %d/%d/%d px, %.0f px text; Pango %s (PangoFT2, a new PangoLayout per "
           "paragraph)\n",
           WIDTHS[0], WIDTHS[1], WIDTHS[2], (double)FONT_SIZE, pango_version_string());
    printf("each figure: median of >= %d timed passes over >= %.1f s (ours and Pango passes\n"
           "interleaved), after one untimed warm-up pass\n\n",
           MIN_SAMPLES, 2 * MIN_SECONDS);

    if (!draw_only)
        measure_layout(&b, all);
    int status = 0;
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        status = 1;
    } else {
        status = measure_drawing(&b, all);
        SDL_Quit();
    }

    for (size_t l = 0; l < b.language_count; l++) {
        pango_reference_destroy(all[l]->reference);
        free(all[l]->data);
    }
    text_engine_destroy(b.engine);
    /* Printed so that the compiler must compute it. */
    printf("(checksum %zu)\n", b.sink);
    return status;
}
