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
 *      and presents.  Goal: text frame / empty frame <= 3.  The text sits on
 *      solid cards, as on the kiosk's screens, and the frame is drawn five
 *      ways: glyph by glyph without cards (the measure before retained
 *      lines), the cards alone, the cards with text glyph by glyph, the
 *      cards with text from retained lines (text_renderer_draw_on), and
 *      cards made of retained lines (text_renderer_draw_card).  When a
 *      display is available (DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER
 *      set) the frames are measured again in a real 1280x800 window with
 *      SDL's software renderer, where presenting copies the frame to the
 *      display server; both tables are printed, the offscreen one first.
 *
 * Every figure is the median of repeated timed passes (each phase runs for
 * at least MIN_SECONDS and MIN_SAMPLES passes), after an untimed warm-up
 * that loads fonts and fills caches.  Urdu gets its own row everywhere:
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

/* The three text frames of part (c); all place the same paragraphs at the
 * same positions. */
typedef enum frame_kind {
    FRAME_GLYPHS,        /* text_renderer_draw on the cleared screen: a copy per glyph */
    FRAME_CARDS,         /* a solid card per paragraph, no text */
    FRAME_CARDS_GLYPHS,  /* the cards, then text_renderer_draw */
    FRAME_CARDS_DRAW_ON, /* the cards, then text_renderer_draw_on: copies of lines */
    FRAME_DRAW_CARD,     /* text_renderer_draw_card: the cards made of copies of lines */
    FRAME_KINDS
} frame_kind;

static const char *const FRAME_NAMES[FRAME_KINDS] = {"glyphs", "cards", "cards+glyphs",
                                                     "cards+draw_on", "draw_card"};

static const SDL_Color SCREEN_COLOR = {236, 236, 230, 255};
static const SDL_Color CARD_COLOR = {255, 255, 255, 255};
static const SDL_Color INK_COLOR = {20, 20, 30, 255};

/* What one text frame holds. */
typedef struct frame_content {
    size_t paragraphs, glyphs;
} frame_content;

static void clear_screen(screen *s)
{
    SDL_SetRenderDrawColor(s->renderer, SCREEN_COLOR.r, SCREEN_COLOR.g, SCREEN_COLOR.b, 255);
    SDL_RenderClear(s->renderer);
}

/* The frame's geometry: three columns of 384 px text, each paragraph on a
 * card 8 px larger than its box on every side, 16 px between cards.  Cards
 * start and end on 16-pixel columns: SDL's software fill of a rectangle
 * that does not is 5 times slower (0.72 ms instead of 0.14 for these
 * three columns of cards). */
enum { COLUMN_WIDTH = 384, CARD_PADDING = 8, SCREEN_MARGIN = 16 + CARD_PADDING, CARD_GAP = 16 };

/* The layout of `paragraph` at most `room` pixels tall: whole when it fits,
 * else cut to the lines that fit, ending in an ellipsis (max_lines), as a
 * card at the bottom of a kiosk's screen shows a long text.  NULL when not
 * even one line fits. */
static text_layout *layout_within(bench *b, const language_corpus *corpus,
                                  const paragraph_text *paragraph, float room)
{
    text_params params = text_params_default(corpus->language, COLUMN_WIDTH, FONT_SIZE);
    text_layout *layout =
        text_layout_create(b->engine, paragraph->text, paragraph->length, &params);
    if (!layout || text_layout_height(layout) <= room)
        return layout;
    float line_height = text_layout_height(layout) / (float)text_layout_line_count(layout);
    params.max_lines = (int)(room / line_height);
    for (; params.max_lines > 0; params.max_lines--) {
        text_layout_destroy(layout);
        layout = text_layout_create(b->engine, paragraph->text, paragraph->length, &params);
        if (!layout || text_layout_height(layout) <= room)
            return layout;
    }
    text_layout_destroy(layout);
    return NULL;
}

/* Fills the screen, column after column down to the bottom margin, with
 * the corpora's paragraphs in turn; each layout comes from the engine's
 * cache, as a screen redrawn every frame gets it.  With cards, each
 * paragraph sits on a white card, as the kiosk's screens draw text. */
static frame_content draw_text_frame(bench *b, screen *s, language_corpus *const *corpora,
                                     size_t count, frame_kind kind)
{
    clear_screen(s);
    frame_content drawn = {0};
    size_t next = 0;
    for (float x = SCREEN_MARGIN; x + COLUMN_WIDTH + CARD_PADDING <= SCREEN_WIDTH;
         x += COLUMN_WIDTH + 2 * CARD_PADDING + CARD_GAP) {
        float y = SCREEN_MARGIN;
        for (;;) {
            language_corpus *corpus = corpora[next % count];
            const paragraph_text *paragraph = &corpus->paragraphs[(next / count) % corpus->count];
            text_layout *layout =
                layout_within(b, corpus, paragraph, SCREEN_HEIGHT - SCREEN_MARGIN - y);
            if (!layout)
                break; /* the next column starts with this paragraph */
            next++;
            float height = text_layout_height(layout);
            SDL_Rect card = {(int)x - CARD_PADDING, (int)y - CARD_PADDING,
                             COLUMN_WIDTH + 2 * CARD_PADDING, (int)height + 2 * CARD_PADDING};
            if (kind != FRAME_GLYPHS && kind != FRAME_DRAW_CARD) {
                SDL_SetRenderDrawColor(s->renderer, CARD_COLOR.r, CARD_COLOR.g, CARD_COLOR.b, 255);
                SDL_RenderFillRect(s->renderer, &card);
            }
            if (kind == FRAME_GLYPHS || kind == FRAME_CARDS_GLYPHS)
                text_renderer_draw(s->text, layout, x, y, INK_COLOR);
            else if (kind == FRAME_CARDS_DRAW_ON)
                text_renderer_draw_on(s->text, layout, x, y, INK_COLOR, CARD_COLOR);
            else if (kind == FRAME_DRAW_CARD)
                text_renderer_draw_card(s->text, layout, x, y, INK_COLOR, card, CARD_COLOR);
            y += height + 2 * CARD_PADDING + CARD_GAP;
            drawn.paragraphs++;
            for (size_t line = 0; line < text_layout_line_count(layout); line++)
                drawn.glyphs += text_layout_line(layout, line)->glyph_count;
            text_layout_destroy(layout);
        }
    }
    SDL_RenderPresent(s->renderer);
    return drawn;
}

static void draw_empty_frame(screen *s)
{
    clear_screen(s);
    SDL_RenderPresent(s->renderer);
}

typedef struct frame_times {
    double text[FRAME_KINDS];  /* median seconds per frame */
    double empty[FRAME_KINDS]; /* median of the clear frames timed with each kind */
    double all_empty;          /* median of every clear frame */
    frame_content content;     /* of the text frames */
    line_cache_stats lines;    /* the line cache over the timed frames */
} frame_times;

/* Each kind of frame is timed in a run of its own, alternating with the
 * clear frame (so that a change of machine load hits both alike) after two
 * untimed frames of that kind: interleaving the kinds would let each evict
 * the others' textures from the CPU's caches, which a kiosk drawing its
 * screen one way does not suffer (measured: glyph-by-glyph frames 1.3 ms
 * alone, 1.9 ms between frames of retained lines). */
static frame_times measure_frames(bench *b, screen *s, language_corpus *const *corpora,
                                  size_t count)
{
    static double text_samples[MAX_SAMPLES], empty_samples[MAX_SAMPLES];
    static double all_empty[FRAME_KINDS * MAX_SAMPLES];
    size_t all_count = 0;
    text_engine_set_cache_size(b->engine, 4096, 4096);
    frame_times times = {0};
    for (int kind = 0; kind < FRAME_KINDS; kind++) {
        /* Warm-up: atlas, layout cache, line cache, CPU caches. */
        times.content = draw_text_frame(b, s, corpora, count, (frame_kind)kind);
        draw_text_frame(b, s, corpora, count, (frame_kind)kind);
        draw_empty_frame(s);
        line_cache_stats before = text_renderer_line_cache_stats(s->text);
        size_t samples = 0;
        double started = now_seconds();
        while (samples < MAX_SAMPLES &&
               (samples < MIN_SAMPLES || now_seconds() - started < MIN_SECONDS)) {
            double t0 = now_seconds();
            draw_text_frame(b, s, corpora, count, (frame_kind)kind);
            double t1 = now_seconds();
            draw_empty_frame(s);
            double t2 = now_seconds();
            text_samples[samples] = t1 - t0;
            empty_samples[samples] = t2 - t1;
            all_empty[all_count++] = t2 - t1;
            samples++;
            if (s->window)
                SDL_PumpEvents(); /* untimed; X11 events must not pile up */
        }
        times.text[kind] = median(text_samples, samples);
        times.empty[kind] = median(empty_samples, samples);
        line_cache_stats after = text_renderer_line_cache_stats(s->text);
        times.lines.hits += after.hits - before.hits;
        times.lines.misses += after.misses - before.misses;
        times.lines.fallbacks += after.fallbacks - before.fallbacks;
    }
    times.all_empty = median(all_empty, all_count);
    return times;
}

/* The draw_card frame when no line is cached yet (the line cache emptied,
 * untimed, before each frame): what the first frame of a new screen costs,
 * every line composited from the atlas and made a texture.  Median seconds. */
static double measure_cold_lines(bench *b, screen *s, language_corpus *const *corpora, size_t count)
{
    static double samples[MAX_SAMPLES];
    size_t taken = 0;
    double started = now_seconds();
    while (taken < MAX_SAMPLES && (taken < MIN_SAMPLES || now_seconds() - started < MIN_SECONDS)) {
        text_renderer_set_line_cache(s->text, 0);
        text_renderer_set_line_cache(s->text, TEXT_RENDERER_LINE_CACHE_DEFAULT);
        double t0 = now_seconds();
        draw_text_frame(b, s, corpora, count, FRAME_DRAW_CARD);
        samples[taken++] = now_seconds() - t0;
    }
    return median(samples, taken);
}

/* The largest difference of one channel between each frame of retained
 * lines and the glyph-by-glyph frame on cards, and how many pixels differ
 * at all: retained lines must not change what is drawn. */
static void compare_retained_pixels(bench *b, screen *s, language_corpus *const *corpora,
                                    size_t count)
{
    size_t bytes = (size_t)s->surface->pitch * (size_t)s->surface->h;
    Uint8 *glyphs = malloc(bytes);
    if (!glyphs)
        return;
    draw_text_frame(b, s, corpora, count, FRAME_CARDS_GLYPHS);
    memcpy(glyphs, s->surface->pixels, bytes);
    static const frame_kind retained[] = {FRAME_CARDS_DRAW_ON, FRAME_DRAW_CARD};
    for (size_t k = 0; k < 2; k++) {
        draw_text_frame(b, s, corpora, count, retained[k]);
        const Uint8 *lines = s->surface->pixels;
        int worst = 0;
        size_t differing = 0;
        for (size_t i = 0; i < bytes; i += 4) {
            int most = 0;
            for (int c = 0; c < 4; c++)
                most = SDL_max(most, abs((int)glyphs[i + c] - (int)lines[i + c]));
            differing += most > 0;
            worst = SDL_max(worst, most);
        }
        printf("%s frame against cards+glyphs: %zu of %zu pixels differ, by at most %d per "
               "channel\n",
               FRAME_NAMES[retained[k]], differing, bytes / 4, worst);
    }
    free(glyphs);
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

/* Each text frame: milliseconds and the ratio to the clear frame. */
static void print_frame_header(void)
{
    printf("%-6s %5s %6s %8s", "screen", "paras", "glyphs", "clear ms");
    for (int kind = 0; kind < FRAME_KINDS; kind++)
        printf(" %13s", FRAME_NAMES[kind]);
    printf("\n");
}

static void print_frame_row(const char *name, frame_times times)
{
    printf("%-6s %5zu %6zu %8.3f", name, times.content.paragraphs, times.content.glyphs,
           times.all_empty * 1e3);
    for (int kind = 0; kind < FRAME_KINDS; kind++)
        printf(" %6.3f %5.1fx", times.text[kind] * 1e3, times.text[kind] / times.empty[kind]);
    printf("\n");
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
    line_cache_stats lines = mixed.lines;
    for (size_t l = 0; l < b->language_count; l++) {
        language_corpus *one[1] = {all[l]};
        frame_times times = measure_frames(b, s, one, 1);
        print_frame_row(all[l]->language, times);
        lines.hits += times.lines.hits;
        lines.misses += times.lines.misses;
        lines.fallbacks += times.lines.fallbacks;
    }
    line_cache_stats now = text_renderer_line_cache_stats(s->text);
    printf("line cache over the timed frames: %zu lines drawn from it, %zu made, %zu drawn "
           "glyph by glyph; %zu lines held in %.1f MB\n",
           lines.hits, lines.misses, lines.fallbacks, now.lines, (double)now.bytes / (1 << 20));
    atlas_stats atlas = text_renderer_atlas_stats(s->text);
    printf("glyph atlas: %zu glyphs held, %zu rasterized, emptied %zu times when full\n",
           atlas.glyphs, atlas.rasterized, atlas.flushes);
    return mixed;
}

static bool display_available(void)
{
    return getenv("DISPLAY") || getenv("WAYLAND_DISPLAY") || getenv("SDL_VIDEODRIVER");
}

static void print_summary_row(const char *name, frame_times times)
{
    printf("%-18s %8.3f", name, times.all_empty * 1e3);
    for (int kind = 0; kind < FRAME_KINDS; kind++)
        printf(" %6.3f %5.1fx", times.text[kind] * 1e3, times.text[kind] / times.empty[kind]);
    printf("\n");
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
    printf("(c) %dx%d frame, SDL software renderer, cached layouts, milliseconds per frame\n"
           "    clear:         clear + present, the reference\n"
           "    glyphs:        text_renderer_draw on the cleared screen, one blended copy per "
           "glyph\n"
           "    cards:         a white card under each paragraph's place (as the kiosk's "
           "screens),\n"
           "                   no text\n"
           "    cards+glyphs:  the cards, text by text_renderer_draw\n"
           "    cards+draw_on: the cards, text by text_renderer_draw_on: unblended copies of "
           "lines\n"
           "    draw_card:     each card and its text by text_renderer_draw_card: the card "
           "made of\n"
           "                   unblended copies of its lines, every pixel written once\n"
           "    line cache warm in both (made in the warm-up frame); each kind is timed in a "
           "run\n"
           "    of its own, alternating with the clear frame, and its ratio is to the clear "
           "frames\n"
           "    of that run (clear ms: the median of them all)\n"
           "(c1) OFFSCREEN: an ARGB8888 surface (SDL_CreateSoftwareRenderer)\n",
           SCREEN_WIDTH, SCREEN_HEIGHT);
    screen s = {0};
    if (!screen_create_offscreen(&s)) {
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
        screen_destroy(&s);
        return 1;
    }
    frame_times offscreen = print_frame_table(b, &s, all);
    compare_retained_pixels(b, &s, all, b->language_count);
    double cold = measure_cold_lines(b, &s, all, b->language_count);
    printf("mixed draw_card with an empty line cache (every line made in the frame): "
           "%.3f ms, %.1f x clear\n",
           cold * 1e3, cold / offscreen.all_empty);
    printf("\n");
    screen_destroy(&s);

    frame_times windowed;
    bool have_window = measure_window(b, all, &windowed);

    printf("%-18s %8s", "(c) mixed frame", "clear ms");
    for (int kind = 0; kind < FRAME_KINDS; kind++)
        printf(" %13s", FRAME_NAMES[kind]);
    printf("\n");
    print_summary_row("offscreen surface", offscreen);
    if (have_window)
        print_summary_row("window", windowed);
    else
        printf("%-18s not measured\n", "window");
    double ratio = offscreen.text[FRAME_DRAW_CARD] / offscreen.empty[FRAME_DRAW_CARD];
    printf("goal: offscreen text frame / clear frame <= 3 -> %s with draw_card (%.1f); "
           "cards+draw_on %.1f, cards+glyphs %.1f, glyphs without cards %.1f\n",
           ratio <= 3 ? "met" : "NOT met", ratio,
           offscreen.text[FRAME_CARDS_DRAW_ON] / offscreen.empty[FRAME_CARDS_DRAW_ON],
           offscreen.text[FRAME_CARDS_GLYPHS] / offscreen.empty[FRAME_CARDS_GLYPHS],
           offscreen.text[FRAME_GLYPHS] / offscreen.empty[FRAME_GLYPHS]);
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
           "interleaved; each text frame alternating with the clear frame), after untimed\n"
           "warm-up passes\n\n",
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
