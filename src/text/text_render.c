/* text_render.c - see text_render.h.
 *
 * Why copies of the atlas per colour on the software renderer: SDL blends a
 * colour-modulated texture with a generic C loop (SDL_Blit_ARGB8888_
 * ARGB8888_Modulate_Blend in SDL_blit_auto.c), but an unmodulated ARGB8888
 * texture with SDL's per-pixel-alpha blitter (BlitRGBtoRGBPixelAlphaMMX in
 * SDL_blit_A.c).  On bench/text_bench.c (c), a 1280x800 frame of 2,522
 * glyphs offscreen: 3.1 ms modulated, 1.1 ms from a copy already in the
 * text's colour, against 0.16 ms for a frame that only clears (ratio 19 ->
 * 7).  What is left is SDL's: about 0.24 ms of per-RenderCopy overhead (the
 * same frame drawn with 1x1 glyphs) and 2-3 ns a pixel in the blitter.
 * Measured and not kept: SDL_RenderGeometry (the software renderer turns
 * its quads back into copies: 5-25% slower); RGBA8888 or BGRA8888 textures
 * (alpha not in the top byte, so the generic blitter: 2.4 ms against 1.0);
 * trimming glyph boxes (FreeType's are tight: 1% of rows and 0.3% of
 * columns are empty).  An ABGR8888 target (the golden tests) gets SDL's C
 * BlitRGBtoBGRPixelAlpha, within 10% of the MMX one.
 *
 * Why retained lines only on a known background: blending is the largest
 * part of a text frame (perf on a frame of cards and text: 53% in SDL's
 * alpha blitter, 25% in fills, 17% in SDL's per-copy work, 5% ours), and a
 * line's box has more pixels than its glyphs' boxes, so blending whole
 * lines is slower than blending glyphs (1.5 ms against 1.2 on the same
 * frame).  Composited on the card's colour, a line is copied without
 * blending: SDL_BlitCopy, a streaming copy of each row.  What is left is
 * memory bandwidth, and a card filled by the caller and then covered by
 * lines is written twice; text_renderer_draw_card makes the card itself of
 * lines as wide as the card, each pixel written once (a screen of cards
 * and text: 0.46 ms with text_renderer_draw_on, 0.33 ms so).
 *
 * Lines overlap: a descender of one line and a mark of the next can share
 * pixel rows, and an unblended copy of one would erase the other.  So a
 * retained line's texture holds the rows of its band (from its top to the
 * next line's top; the first and last bands reach the ink beyond the box)
 * with the ink of every line that reaches into them: the textures of a
 * layout tile it without overlap.  The texture's pixels are made by
 * blending each glyph in drawing order onto the card's colour with SDL's
 * own blitter, from pixels made as the tinted atlas makes them, so they
 * are those text_renderer_draw leaves on an ARGB8888 or RGB888 target. */
#include "text_render.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "log.h"

/* Copies of the atlas kept on the software renderer, one per recent colour;
 * each is atlas_size^2 * 4 bytes (4 MB at 1024). */
enum { TINT_SLOTS = 4 };

/* A copy in use during the last REUSE_AFTER_DRAWS draws is never re-tinted
 * for another colour; that colour is drawn by modulation instead.  Without
 * this, a screen with more colours than copies re-tints every frame: five
 * colours taking turns over a well-filled atlas cost 4.8 ms a frame instead
 * of 0.17.  256 draws are a few frames of a busy screen. */
enum { REUSE_AFTER_DRAWS = 256 };

/* Line textures wider or taller than this (or than the renderer takes)
 * are not made: a layout with such a line (a label of a 100 KB word) is
 * drawn glyph by glyph. */
enum { LINE_TEXTURE_LIMIT = 4096 };

/* SDL copies an unblended row with SSE and non-temporal stores only when
 * source and target are 16-byte aligned (SDL_BlitCopy, SDL_blit_copy.c),
 * and its stores are fast only from a 64-byte boundary or in whole 64
 * bytes; otherwise, on a target just cleared the same way, every row pays
 * read-for-ownership misses.  Measured on 78 lines of 396x27 pixels after
 * a clear: 0.08 ms aligned, 0.31-0.8 ms not.  So a line texture's columns
 * are aligned to groups of SSE_PIXELS (16 bytes) of the target (the key
 * holds the origin's x modulo SSE_PIXELS) and a line is copied in up to
 * three pieces: the ink before the first multiple of CACHE_LINE_PIXELS (64
 * bytes), whole groups of SSE_PIXELS from there, the rest. */
enum { SSE_PIXELS = 4, CACHE_LINE_PIXELS = 16 };

/* Positions beyond this many pixels are not drawn: whole pixels are ints. */
#define POSITION_LIMIT 1e7f

/* One copy of the atlas in one colour. */
typedef struct tinted_atlas {
    SDL_Texture *texture;
    SDL_Color color;
    uint64_t last_used; /* draw count of the last use; 0: never used */
} tinted_atlas;

/* What a retained line's pixels depend on: the line cache's key, as the
 * bytes line_key_bytes makes.  The layout is held by a reference, so its
 * address names it for as long as the entry lives. */
typedef struct line_key {
    const text_layout *layout;
    size_t line;
    int subpixel; /* the origin's x fraction in 1/ATLAS_SUBPIXELS pixels */
    int column;   /* the origin's whole x modulo SSE_PIXELS */
    SDL_Color color, background;
    SDL_Rect card; /* from the origin's whole pixels; w == 0: text_renderer_draw_on */
} line_key;

/* The key's fields one after another, without the struct's padding. */
enum {
    LINE_KEY_BYTES = sizeof(const text_layout *) + sizeof(size_t) + 2 * sizeof(int) +
                     2 * sizeof(SDL_Color) + sizeof(SDL_Rect)
};

/* One retained line: its band's pixels composited on the background.  It
 * holds a reference to its layout, dropped with it (release_line). */
typedef struct line_entry {
    const text_layout *layout;
    SDL_Texture *texture; /* NULL: no ink in the band */
    SDL_Rect place;       /* the ink, from the origin's whole pixels */
    int texture_x;        /* the ink's first column in the texture */
    size_t bytes;         /* its cost in the cache: pixels and bookkeeping */
} line_entry;

typedef struct line_cache {
    lru_cache *entries;     /* line_entry values, bounded in bytes */
    size_t limit;           /* bytes */
    line_cache_stats stats; /* hits, misses and fallbacks; lines and bytes
                             * are the cache's count and cost */
} line_cache;

struct text_renderer {
    SDL_Renderer *renderer;
    glyph_atlas *atlas;
    uint32_t *upload; /* ARGB pixels of the rectangle being uploaded */
    int size;
    int used[4];   /* x, y, width, height: the atlas's written part */
    bool software; /* SDL's software renderer: colour modulation is slow */
    /* White, tinted by colour modulation: the only copy on accelerated
     * renderers; on the software one made when a colour gets no copy. */
    tinted_atlas white;
    tinted_atlas tints[TINT_SLOTS]; /* software renderer only */
    uint64_t draws;                 /* draws of either kind so far */
    line_cache lines;
    /* The texture format of retained lines: the window's, so that copying
     * one is a plain row copy, else ARGB8888. */
    Uint32 line_format;
    int line_texture_limit;
    /* Scratch buffers for compositing a line, grown as needed. */
    uint32_t *composite, *converted;
    SDL_Surface *glyph;
    size_t scratch_pixels;
    bool warned_texture, warned_position;
};

static const SDL_Color WHITE = {255, 255, 255, 255};

static SDL_Texture *create_atlas_texture(text_renderer *tr)
{
    /* ARGB8888: alpha in the top byte, as SDL's fast blitter wants; it is
     * also the X11 window surface's layout (RGB888). */
    SDL_Texture *texture = SDL_CreateTexture(tr->renderer, SDL_PIXELFORMAT_ARGB8888,
                                             SDL_TEXTUREACCESS_STREAMING, tr->size, tr->size);
    if (texture)
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    return texture;
}

/* The window's pixel format when the renderer supports it for textures and
 * it is a plain 32-bit one, else ARGB8888. */
static Uint32 choose_line_format(SDL_Renderer *renderer, const SDL_RendererInfo *info)
{
    SDL_Window *window = SDL_RenderGetWindow(renderer);
    Uint32 format = window ? SDL_GetWindowPixelFormat(window) : SDL_PIXELFORMAT_UNKNOWN;
    if (format == SDL_PIXELFORMAT_UNKNOWN || SDL_BYTESPERPIXEL(format) != 4 ||
        SDL_ISPIXELFORMAT_FOURCC(format) || SDL_ISPIXELFORMAT_INDEXED(format))
        return SDL_PIXELFORMAT_ARGB8888;
    for (Uint32 i = 0; i < info->num_texture_formats; i++)
        if (info->texture_formats[i] == format)
            return format;
    return SDL_PIXELFORMAT_ARGB8888;
}

static void release_line(void *value);
static void set_line_limit(line_cache *cache, size_t bytes);

text_renderer *text_renderer_create(SDL_Renderer *renderer, int atlas_size)
{
    text_renderer *tr = calloc(1, sizeof *tr);
    if (!tr)
        return NULL;
    tr->size = atlas_size > 0 ? atlas_size : 1024;
    tr->renderer = renderer;
    SDL_RendererInfo info;
    bool have_info = SDL_GetRendererInfo(renderer, &info) == 0;
    tr->software = have_info && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    tr->line_format =
        have_info ? choose_line_format(renderer, &info) : (Uint32)SDL_PIXELFORMAT_ARGB8888;
    tr->line_texture_limit = LINE_TEXTURE_LIMIT;
    if (have_info && info.max_texture_width > 0)
        tr->line_texture_limit = SDL_min(tr->line_texture_limit, info.max_texture_width);
    if (have_info && info.max_texture_height > 0)
        tr->line_texture_limit = SDL_min(tr->line_texture_limit, info.max_texture_height);
    tr->lines.entries = lru_cache_create(LRU_UNBOUNDED, release_line);
    if (tr->lines.entries)
        set_line_limit(&tr->lines, TEXT_RENDERER_LINE_CACHE_DEFAULT);
    tr->atlas = glyph_atlas_create(tr->size, tr->size);
    tr->upload = malloc((size_t)tr->size * (size_t)tr->size * sizeof *tr->upload);
    /* The first texture now, so that a renderer without room for one fails
     * here; on the software renderer it is the first colour's copy. */
    tinted_atlas *first = tr->software ? &tr->tints[0] : &tr->white;
    first->texture = create_atlas_texture(tr);
    first->color = WHITE;
    if (!tr->lines.entries || !tr->atlas || !tr->upload || !first->texture) {
        if (!first->texture)
            log_message(LOG_ERROR, "render", "cannot create the glyph texture: %s", SDL_GetError());
        text_renderer_destroy(tr);
        return NULL;
    }
    return tr;
}

void text_renderer_destroy(text_renderer *tr)
{
    if (!tr)
        return;
    lru_cache_destroy(tr->lines.entries);
    if (tr->white.texture)
        SDL_DestroyTexture(tr->white.texture);
    for (int i = 0; i < TINT_SLOTS; i++)
        if (tr->tints[i].texture)
            SDL_DestroyTexture(tr->tints[i].texture);
    glyph_atlas_destroy(tr->atlas);
    free(tr->upload);
    SDL_FreeSurface(tr->glyph);
    free(tr->composite);
    free(tr->converted);
    free(tr);
}

/* ---- the atlas's textures ------------------------------------------------ */

/* Copies `rect` of the atlas into `copy`'s texture: pixels of its colour
 * whose alpha is coverage * colour alpha / 255, the arithmetic of SDL's own
 * alpha modulation.  SDL flushes the draws already queued with a texture
 * before it changes (the software renderer included), so a full atlas
 * emptied mid-frame stays correct. */
static void upload_rect(text_renderer *tr, const tinted_atlas *copy, const int rect[4])
{
    int width, height;
    const uint8_t *pixels = glyph_atlas_pixels(tr->atlas, &width, &height);
    uint32_t rgb = (uint32_t)copy->color.r << 16 | (uint32_t)copy->color.g << 8 | copy->color.b;
    unsigned alpha = copy->color.a;
    for (int row = 0; row < rect[3]; row++) {
        const uint8_t *from = pixels + (size_t)(rect[1] + row) * (size_t)width + rect[0];
        uint32_t *to = tr->upload + (size_t)row * (size_t)rect[2];
        for (int col = 0; col < rect[2]; col++)
            to[col] = (uint32_t)(from[col] * alpha / 255) << 24 | rgb;
    }
    SDL_Rect area = {rect[0], rect[1], rect[2], rect[3]};
    if (SDL_UpdateTexture(copy->texture, &area, tr->upload, rect[2] * 4) != 0)
        log_message(LOG_ERROR, "render", "cannot update the glyph texture: %s", SDL_GetError());
}

/* Grows tr->used to hold `rect`.  A copy given a new colour needs only this
 * part: glyphs are drawn from nowhere else. */
static void add_used(text_renderer *tr, const int rect[4])
{
    int *used = tr->used;
    if (used[2] == 0) {
        memcpy(used, rect, sizeof tr->used);
        return;
    }
    int right = SDL_max(used[0] + used[2], rect[0] + rect[2]);
    int bottom = SDL_max(used[1] + used[3], rect[1] + rect[3]);
    used[0] = SDL_min(used[0], rect[0]);
    used[1] = SDL_min(used[1], rect[1]);
    used[2] = right - used[0];
    used[3] = bottom - used[1];
}

/* Brings every copy in use up to date with the atlas's changed rectangle. */
static void upload_dirty(text_renderer *tr)
{
    int rect[4];
    if (!glyph_atlas_take_dirty(tr->atlas, rect))
        return;
    add_used(tr, rect);
    if (tr->white.texture)
        upload_rect(tr, &tr->white, rect);
    for (int i = 0; i < TINT_SLOTS; i++)
        if (tr->tints[i].last_used)
            upload_rect(tr, &tr->tints[i], rect);
}

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The software renderer's copy in `color`, re-tinting the least recently
 * used one when it is not in use; NULL when there is none to spare. */
static const tinted_atlas *tinted_copy(text_renderer *tr, SDL_Color color)
{
    tinted_atlas *victim = &tr->tints[0];
    for (int i = 0; i < TINT_SLOTS; i++) {
        tinted_atlas *tint = &tr->tints[i];
        if (tint->last_used && same_color(tint->color, color)) {
            tint->last_used = tr->draws;
            return tint;
        }
        if (tint->last_used < victim->last_used)
            victim = tint;
    }
    if (victim->last_used && victim->last_used + REUSE_AFTER_DRAWS > tr->draws)
        return NULL;
    if (!victim->texture && !(victim->texture = create_atlas_texture(tr))) {
        log_message(LOG_WARNING, "render", "cannot create a glyph texture: %s", SDL_GetError());
        return NULL;
    }
    victim->color = color;
    victim->last_used = tr->draws;
    if (tr->used[2] > 0)
        upload_rect(tr, victim, tr->used);
    return victim;
}

/* The texture that draws glyphs in `color`: on the software renderer a copy
 * already in that colour when it can have one, else the white copy with
 * colour modulation. */
static SDL_Texture *texture_for(text_renderer *tr, SDL_Color color)
{
    if (tr->software) {
        const tinted_atlas *tint = tinted_copy(tr, color);
        if (tint)
            return tint->texture;
    }
    if (!tr->white.texture) {
        tr->white.texture = create_atlas_texture(tr);
        if (!tr->white.texture) {
            log_message(LOG_ERROR, "render", "cannot create a glyph texture: %s", SDL_GetError());
            return NULL;
        }
        tr->white.color = WHITE;
        if (tr->used[2] > 0)
            upload_rect(tr, &tr->white, tr->used);
    }
    SDL_SetTextureColorMod(tr->white.texture, color.r, color.g, color.b);
    SDL_SetTextureAlphaMod(tr->white.texture, color.a);
    return tr->white.texture;
}

/* ---- placing glyphs -------------------------------------------------------- */

/* `value` modulo `step`, from 0 to step - 1 also for negative values. */
static int modulo(int value, int step)
{
    int rest = value % step;
    return rest < 0 ? rest + step : rest;
}

/* A layout's origin as drawing uses it: whole pixels plus x's fraction in
 * atlas subpixels (taken down, as each glyph's is); y to the nearest row. */
typedef struct snapped_origin {
    int x, y;
    int subpixel;
} snapped_origin;

static bool snap_origin(float x, float y, snapped_origin *origin)
{
    if (!(fabsf(x) < POSITION_LIMIT) || !(fabsf(y) < POSITION_LIMIT))
        return false;
    float steps = floorf(x * ATLAS_SUBPIXELS);
    float whole = floorf(steps / ATLAS_SUBPIXELS);
    origin->x = (int)whole;
    origin->subpixel = (int)(steps - whole * ATLAS_SUBPIXELS);
    origin->y = (int)lroundf(y);
    return true;
}

/* The atlas entry of glyph `g` and the top-left of its bitmap, from the
 * origin's whole pixels; NULL for a glyph without ink.  Both drawing paths
 * place glyphs here, so they agree to the pixel. */
static const atlas_glyph *place_glyph(text_renderer *tr, const text_glyph *g, float size,
                                      int origin_subpixel, float baseline, int *x, int *y)
{
    float pen = (float)origin_subpixel / ATLAS_SUBPIXELS + g->x;
    float whole = floorf(pen);
    int subpixel = (int)((pen - whole) * ATLAS_SUBPIXELS);
    const atlas_glyph *a = glyph_atlas_get(tr->atlas, g->font, g->glyph_id, size,
                                           subpixel < ATLAS_SUBPIXELS ? subpixel : 0);
    if (!a || a->width == 0)
        return NULL;
    *x = (int)whole + a->left;
    *y = (int)lroundf(baseline + g->y) - a->top;
    return a;
}

/* False for a glyph drawn as a box: no font has its character, or its
 * font failed to draw it. */
static bool has_glyph(const text_renderer *tr, const text_glyph *g)
{
    return !g->missing && g->font && !glyph_atlas_broken(tr->atlas, g->font, g->glyph_id);
}

/* A hollow box the size of the glyph's advance: the visible sign of a
 * character no font could show. */
static void draw_box(SDL_Renderer *renderer, float x, float baseline, float advance, float size)
{
    float width = advance > 2 ? advance - 2 : advance;
    SDL_FRect box = {x + 1, baseline - size * 0.7f, width < 2 ? 2 : width, size * 0.7f};
    SDL_RenderDrawRectF(renderer, &box);
}

static void draw_line_boxes(text_renderer *tr, const text_line *line, float size,
                            snapped_origin origin)
{
    float x = (float)origin.x + (float)origin.subpixel / ATLAS_SUBPIXELS;
    float baseline = (float)origin.y + line->baseline;
    for (size_t i = 0; i < line->glyph_count; i++) {
        const text_glyph *g = &line->glyphs[i];
        if (!has_glyph(tr, g))
            draw_box(tr->renderer, x + g->x, baseline, g->advance, size);
    }
}

/* One copy from the atlas per glyph of `line`, boxes in their turn. */
static void draw_line_glyphs(text_renderer *tr, SDL_Texture *texture, const text_line *line,
                             float size, snapped_origin origin)
{
    float pen = (float)origin.x + (float)origin.subpixel / ATLAS_SUBPIXELS;
    for (size_t i = 0; i < line->glyph_count; i++) {
        const text_glyph *g = &line->glyphs[i];
        int x, y;
        const atlas_glyph *a = has_glyph(tr, g) && texture
                                   ? place_glyph(tr, g, size, origin.subpixel, line->baseline, &x, &y)
                                   : NULL;
        if (!has_glyph(tr, g)) /* also when it has just failed */
            draw_box(tr->renderer, pen + g->x, (float)origin.y + line->baseline, g->advance, size);
        if (!a)
            continue;
        upload_dirty(tr);
        SDL_Rect source = {a->x, a->y, a->width, a->height};
        SDL_Rect target = {origin.x + x, origin.y + y, a->width, a->height};
        SDL_RenderCopy(tr->renderer, texture, &source, &target);
    }
}

/* Starts a draw: counts it, sets the box colour and snaps the origin;
 * false (logged once) for a position too far to draw. */
static bool begin_draw(text_renderer *tr, float x, float y, SDL_Color color, snapped_origin *origin)
{
    tr->draws++;
    if (!snap_origin(x, y, origin)) {
        if (!tr->warned_position)
            log_message(LOG_WARNING, "render", "text at (%g, %g) is not drawn: too far", (double)x,
                        (double)y);
        tr->warned_position = true;
        return false;
    }
    SDL_SetRenderDrawColor(tr->renderer, color.r, color.g, color.b, color.a);
    return true;
}

static void draw_glyph_by_glyph(text_renderer *tr, const text_layout *layout, snapped_origin origin,
                                SDL_Color color)
{
    upload_dirty(tr); /* so that tr->used is whole before a copy is re-tinted */
    SDL_Texture *texture = texture_for(tr, color);
    float size = text_layout_size(layout);
    for (size_t l = 0; l < text_layout_line_count(layout); l++)
        draw_line_glyphs(tr, texture, text_layout_line(layout, l), size, origin);
}

void text_renderer_draw(text_renderer *tr, const text_layout *layout, float x, float y,
                        SDL_Color color)
{
    snapped_origin origin;
    if (begin_draw(tr, x, y, color, &origin))
        draw_glyph_by_glyph(tr, layout, origin, color);
}

/* ---- the line cache -------------------------------------------------------- */

/* Appends `size` bytes of `field` at *at. */
static void put_field(unsigned char **at, const void *field, size_t size)
{
    memcpy(*at, field, size);
    *at += size;
}

/* The key as the line cache's bytes: field by field, because the bytes of
 * the struct's padding are unspecified. */
static void line_key_bytes(const line_key *key, unsigned char bytes[LINE_KEY_BYTES])
{
    unsigned char *at = bytes;
    put_field(&at, &key->layout, sizeof key->layout);
    put_field(&at, &key->line, sizeof key->line);
    put_field(&at, &key->subpixel, sizeof key->subpixel);
    put_field(&at, &key->column, sizeof key->column);
    put_field(&at, &key->color, sizeof key->color);
    put_field(&at, &key->background, sizeof key->background);
    put_field(&at, &key->card, sizeof key->card);
}

/* Frees a line entry: its texture and its layout reference.  SDL flushes
 * the draws queued with a texture before destroying it, so the cache may
 * drop lines mid-frame. */
static void release_line(void *value)
{
    line_entry *entry = value;
    if (entry->texture)
        SDL_DestroyTexture(entry->texture);
    text_layout_destroy((text_layout *)entry->layout);
    free(entry);
}

/* A line above a quarter of the bound is not kept: it would push out many
 * others for itself. */
static void set_line_limit(line_cache *cache, size_t bytes)
{
    cache->limit = bytes;
    lru_cache_set_cost_limit(cache->entries, bytes, bytes / 4);
}

void text_renderer_set_line_cache(text_renderer *tr, size_t bytes)
{
    set_line_limit(&tr->lines, bytes);
}

line_cache_stats text_renderer_line_cache_stats(const text_renderer *tr)
{
    line_cache_stats stats = tr->lines.stats;
    stats.lines = lru_cache_count(tr->lines.entries);
    stats.bytes = lru_cache_cost(tr->lines.entries);
    return stats;
}

/* ---- compositing a line ------------------------------------------------------ */

/* The pixel rows of line `index`'s band, from the origin's row: from its
 * top to the next line's top; the first and last are open-ended, or on a
 * card reach its edges, and all are cut to the card: the bands of a layout
 * tile its card. */
static void band_rows(const text_layout *layout, size_t index, const SDL_Rect *card, int *top,
                      int *bottom)
{
    size_t count = text_layout_line_count(layout);
    const text_line *line = text_layout_line(layout, index);
    *top = index == 0 ? INT_MIN : (int)lroundf(line->baseline - line->ascent);
    if (index + 1 >= count) {
        *bottom = INT_MAX;
    } else {
        const text_line *next = text_layout_line(layout, index + 1);
        *bottom = (int)lroundf(next->baseline - next->ascent);
    }
    if (card->w > 0) {
        *top = SDL_max(*top, card->y);
        *bottom = SDL_min(*bottom, card->y + card->h);
    }
}

/* Lines whose ink may reach rows [top, bottom): `first` .. `last`.  Ink
 * stays within a line's ascent and descent (layout.c measures it), give
 * or take hinting; a margin of an em more is plenty. */
static void lines_reaching(const text_layout *layout, size_t index, int top, int bottom,
                           size_t *first, size_t *last)
{
    float margin = text_layout_size(layout) + 2;
    size_t count = text_layout_line_count(layout);
    *first = *last = index;
    while (*first > 0) {
        const text_line *line = text_layout_line(layout, *first - 1);
        if (line->baseline + line->descent + margin <= (float)top)
            break;
        (*first)--;
    }
    while (*last + 1 < count) {
        const text_line *line = text_layout_line(layout, *last + 1);
        if (line->baseline - line->ascent - margin >= (float)bottom)
            break;
        (*last)++;
    }
}

/* The rectangle of rows [top, bottom) that the ink of the given lines
 * covers; empty (w == 0) when none. */
static SDL_Rect band_ink(text_renderer *tr, const text_layout *layout, size_t first, size_t last,
                         int subpixel, int top, int bottom)
{
    float size = text_layout_size(layout);
    int left = INT_MAX, right = INT_MIN, high = INT_MAX, low = INT_MIN;
    for (size_t l = first; l <= last; l++) {
        const text_line *line = text_layout_line(layout, l);
        for (size_t i = 0; i < line->glyph_count; i++) {
            int x, y;
            const text_glyph *g = &line->glyphs[i];
            const atlas_glyph *a =
                has_glyph(tr, g) ? place_glyph(tr, g, size, subpixel, line->baseline, &x, &y) : NULL;
            if (!a)
                continue;
            int from = SDL_max(y, top), to = SDL_min(y + a->height, bottom);
            if (from >= to)
                continue;
            left = SDL_min(left, x);
            right = SDL_max(right, x + a->width);
            high = SDL_min(high, from);
            low = SDL_max(low, to);
        }
    }
    if (left >= right)
        return (SDL_Rect){0, 0, 0, 0};
    return (SDL_Rect){left, high, right - left, low - high};
}

static bool reserve_scratch(text_renderer *tr, size_t pixels)
{
    if (pixels <= tr->scratch_pixels)
        return true;
    uint32_t *composite = realloc(tr->composite, pixels * sizeof *composite);
    if (composite)
        tr->composite = composite;
    uint32_t *converted = realloc(tr->converted, pixels * sizeof *converted);
    if (converted)
        tr->converted = converted;
    if (!composite || !converted)
        return false;
    tr->scratch_pixels = pixels;
    return true;
}

/* A surface of at least width x height ARGB8888 pixels for one glyph in
 * its colour, blended when blitted; NULL when out of memory. */
static SDL_Surface *glyph_surface(text_renderer *tr, int width, int height)
{
    SDL_Surface *glyph = tr->glyph;
    if (glyph && glyph->w >= width && glyph->h >= height)
        return glyph;
    int w = glyph ? SDL_max(glyph->w, width) : width;
    int h = glyph ? SDL_max(glyph->h, height) : height;
    SDL_FreeSurface(glyph);
    tr->glyph = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (tr->glyph)
        SDL_SetSurfaceBlendMode(tr->glyph, SDL_BLENDMODE_BLEND);
    return tr->glyph;
}

/* Blends the glyphs of lines first..last that reach `card` onto it, one
 * by one in drawing order, each from pixels made as the tinted atlas makes
 * them and with the blitter SDL's software renderer uses: on an ARGB8888
 * target the very pixels of text_renderer_draw. */
static bool blend_glyphs(text_renderer *tr, const text_layout *layout, size_t first, size_t last,
                         int subpixel, SDL_Color color, SDL_Surface *card, SDL_Rect area)
{
    float size = text_layout_size(layout);
    uint32_t rgb = (uint32_t)color.r << 16 | (uint32_t)color.g << 8 | color.b;
    for (size_t l = first; l <= last; l++) {
        const text_line *line = text_layout_line(layout, l);
        for (size_t i = 0; i < line->glyph_count; i++) {
            int x, y;
            const text_glyph *g = &line->glyphs[i];
            const atlas_glyph *a =
                has_glyph(tr, g) ? place_glyph(tr, g, size, subpixel, line->baseline, &x, &y) : NULL;
            if (!a || y + a->height <= area.y || y >= area.y + area.h)
                continue;
            SDL_Surface *glyph = glyph_surface(tr, a->width, a->height);
            if (!glyph)
                return false;
            int atlas_width, atlas_height;
            const uint8_t *pixels = glyph_atlas_pixels(tr->atlas, &atlas_width, &atlas_height);
            for (int row = 0; row < a->height; row++) {
                const uint8_t *from = pixels + (size_t)(a->y + row) * (size_t)atlas_width + a->x;
                uint32_t *to = (uint32_t *)((uint8_t *)glyph->pixels + (size_t)row * glyph->pitch);
                for (int col = 0; col < a->width; col++)
                    to[col] = (uint32_t)(from[col] * color.a / 255) << 24 | rgb;
            }
            SDL_Rect source = {0, 0, a->width, a->height};
            SDL_Rect target = {x - area.x, y - area.y, a->width, a->height};
            if (SDL_BlitSurface(glyph, &source, card, &target) != 0)
                return false;
        }
    }
    return true;
}

/* The pixels of `area` (from the origin's whole pixels): `background` with
 * the glyphs of lines first..last blended on it, in tr->line_format.  NULL
 * on failure (SDL_GetError says). */
static const uint32_t *composite_band(text_renderer *tr, const text_layout *layout, size_t first,
                                      size_t last, const line_key *key, SDL_Rect area)
{
    size_t count = (size_t)area.w * (size_t)area.h;
    if (!reserve_scratch(tr, count)) {
        SDL_OutOfMemory();
        return NULL;
    }
    SDL_Color under = key->background;
    uint32_t pixel = 0xFF000000u | (uint32_t)under.r << 16 | (uint32_t)under.g << 8 | under.b;
    for (size_t i = 0; i < count; i++)
        tr->composite[i] = pixel;
    SDL_Surface *card = SDL_CreateRGBSurfaceWithFormatFrom(tr->composite, area.w, area.h, 32,
                                                           area.w * 4, SDL_PIXELFORMAT_ARGB8888);
    bool ok = card && blend_glyphs(tr, layout, first, last, key->subpixel, key->color, card, area);
    SDL_FreeSurface(card);
    if (!ok)
        return NULL;
    if (tr->line_format == SDL_PIXELFORMAT_ARGB8888)
        return tr->composite;
    if (SDL_ConvertPixels(area.w, area.h, SDL_PIXELFORMAT_ARGB8888, tr->composite, area.w * 4,
                          tr->line_format, tr->converted, area.w * 4) != 0)
        return NULL;
    return tr->converted;
}

/* Makes the entry of `key`: its band's ink composited, in a texture (none
 * when the band has no ink), holding a reference to the layout.  NULL when
 * it cannot (logged once). */
static line_entry *make_entry(text_renderer *tr, const line_key *key)
{
    const text_layout *layout = key->layout;
    int top, bottom;
    size_t first, last;
    band_rows(layout, key->line, &key->card, &top, &bottom);
    lines_reaching(layout, key->line, top, bottom, &first, &last);
    /* On a card the band's whole width, else its ink. */
    SDL_Rect place = key->card.w > 0 && top < bottom
                         ? (SDL_Rect){key->card.x, top, key->card.w, bottom - top}
                         : band_ink(tr, layout, first, last, key->subpixel, top, bottom);
    /* The texture: that, widened to whole groups of SSE_PIXELS columns of
     * the target; the columns added are never drawn. */
    int lead = modulo(key->column + place.x, SSE_PIXELS);
    int width = (lead + place.w + SSE_PIXELS - 1) / SSE_PIXELS * SSE_PIXELS;
    SDL_Rect area = {place.x - lead, place.y, width, place.h};
    if (area.w > tr->line_texture_limit || area.h > tr->line_texture_limit)
        return NULL;
    line_entry *entry = calloc(1, sizeof *entry);
    if (!entry)
        return NULL;
    entry->layout = text_layout_retain(layout);
    entry->place = place;
    entry->texture_x = lead;
    entry->bytes = sizeof *entry + LINE_KEY_BYTES + (size_t)area.w * (size_t)area.h * 4;
    if (place.w == 0)
        return entry;
    const uint32_t *pixels = composite_band(tr, layout, first, last, key, area);
    if (pixels)
        entry->texture = SDL_CreateTexture(tr->renderer, tr->line_format, SDL_TEXTUREACCESS_STATIC,
                                           area.w, area.h);
    if (!entry->texture || SDL_SetTextureBlendMode(entry->texture, SDL_BLENDMODE_NONE) != 0 ||
        SDL_UpdateTexture(entry->texture, NULL, pixels, area.w * 4) != 0) {
        if (!tr->warned_texture)
            log_message(LOG_WARNING, "render", "cannot make a line texture (%dx%d): %s", area.w,
                        area.h, SDL_GetError());
        tr->warned_texture = true;
        release_line(entry);
        return NULL;
    }
    return entry;
}

/* Copies the ink of `entry` to the target, in the pieces SDL copies fast:
 * up to the first multiple of CACHE_LINE_PIXELS, whole SSE_PIXELS groups
 * from there, the rest. */
static void copy_entry(text_renderer *tr, const line_entry *entry, snapped_origin origin)
{
    int left = origin.x + entry->place.x, right = left + entry->place.w;
    int y = origin.y + entry->place.y, height = entry->place.h;
    int lead = modulo(CACHE_LINE_PIXELS - modulo(left, CACHE_LINE_PIXELS), CACHE_LINE_PIXELS);
    int aligned = SDL_min(left + lead, right);
    int groups_end = aligned + (right - aligned) / SSE_PIXELS * SSE_PIXELS;
    int cuts[4] = {left, aligned, groups_end, right};
    for (int i = 0; i < 3; i++) {
        if (cuts[i] >= cuts[i + 1])
            continue;
        SDL_Rect source = {entry->texture_x + cuts[i] - left, 0, cuts[i + 1] - cuts[i], height};
        SDL_Rect target = {cuts[i], y, source.w, height};
        SDL_RenderCopy(tr->renderer, entry->texture, &source, &target);
    }
}

/* The rows drawing may touch, from the origin's row: the viewport and the
 * clip rectangle; false when nothing of the layout can show. */
static bool visible_rows(SDL_Renderer *renderer, snapped_origin origin, int *top, int *bottom)
{
    SDL_Rect view;
    SDL_RenderGetViewport(renderer, &view);
    int from = 0, to = view.h;
    if (SDL_RenderIsClipEnabled(renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(renderer, &clip);
        from = SDL_max(from, clip.y);
        to = SDL_min(to, clip.y + clip.h);
    }
    if (view.h <= 0) { /* no viewport known: do not cull */
        from = INT_MIN / 2;
        to = INT_MAX / 2;
    }
    *top = from - origin.y;
    *bottom = to - origin.y;
    return from < to;
}

/* Whether every line of `layout` can be a texture: otherwise the layout is
 * drawn glyph by glyph, because a line drawn so next to retained ones
 * would blend its overlapping ink twice. */
static bool fits_textures(const text_renderer *tr, const text_layout *layout)
{
    float margin = 2 * text_layout_size(layout) + 2;
    float limit = (float)tr->line_texture_limit;
    for (size_t l = 0; l < text_layout_line_count(layout); l++) {
        const text_line *line = text_layout_line(layout, l);
        if (line->width + margin > limit || line->ascent + line->descent + margin > limit)
            return false;
    }
    return true;
}

/* Whether line `l` can show in rows [view_top, view_bottom) (from the
 * origin's row).  On a card its band is exact; otherwise ink stays within
 * a line's ascent and descent give or take a margin of an em. */
static bool line_in_sight(const text_layout *layout, size_t l, const SDL_Rect *card, int view_top,
                          int view_bottom)
{
    if (card->w > 0) {
        int top, bottom;
        band_rows(layout, l, card, &top, &bottom);
        return top < bottom && bottom > view_top && top < view_bottom;
    }
    const text_line *line = text_layout_line(layout, l);
    float margin = text_layout_size(layout) + 2;
    return line->baseline + line->descent + margin > (float)view_top &&
           line->baseline - line->ascent - margin < (float)view_bottom;
}

/* Draws each line in sight from the line cache, making the lines it lacks.
 * Returns false when a line could not be made on a card (its band is then
 * not drawn); off a card such a line is drawn glyph by glyph. */
static bool draw_retained(text_renderer *tr, const text_layout *layout, snapped_origin origin,
                          SDL_Color color, SDL_Color background, SDL_Rect card)
{
    int view_top, view_bottom;
    if (!visible_rows(tr->renderer, origin, &view_top, &view_bottom))
        return true;
    float size = text_layout_size(layout);
    SDL_Texture *glyphs = NULL; /* the atlas in `color`, for a line with no texture */
    for (size_t l = 0; l < text_layout_line_count(layout); l++) {
        /* Lines out of sight are skipped: a long page scrolled through
         * keeps only what shows. */
        if (!line_in_sight(layout, l, &card, view_top, view_bottom))
            continue;
        const text_line *line = text_layout_line(layout, l);
        line_key key = {.layout = layout,
                        .line = l,
                        .subpixel = origin.subpixel,
                        .column = modulo(origin.x, SSE_PIXELS),
                        .color = color,
                        .background = background,
                        .card = card};
        unsigned char key_bytes[LINE_KEY_BYTES];
        line_key_bytes(&key, key_bytes);
        line_entry *entry = lru_cache_get(tr->lines.entries, key_bytes, sizeof key_bytes);
        if (entry) {
            tr->lines.stats.hits++;
        } else {
            tr->lines.stats.misses++;
            entry = make_entry(tr, &key);
            if (entry && !lru_cache_put(tr->lines.entries, key_bytes, sizeof key_bytes, entry,
                                        entry->bytes)) {
                /* More than a quarter of the bound (or no memory): drawn
                 * once from its texture, not kept. */
                if (entry->texture)
                    copy_entry(tr, entry, origin);
                release_line(entry);
                draw_line_boxes(tr, line, size, origin);
                continue;
            }
        }
        if (!entry) {
            tr->lines.stats.fallbacks++;
            if (card.w > 0)
                return false;
            if (!glyphs) {
                upload_dirty(tr);
                glyphs = texture_for(tr, color);
            }
            draw_line_glyphs(tr, glyphs, line, size, origin);
            continue;
        }
        if (entry->texture)
            copy_entry(tr, entry, origin);
        draw_line_boxes(tr, line, size, origin);
    }
    return true;
}

/* Whether `layout` is drawn from retained lines: an opaque background, a
 * cache, and lines that fit textures. */
static bool can_retain(text_renderer *tr, const text_layout *layout, SDL_Color background,
                       int card_width)
{
    if (background.a != 255 || tr->lines.limit == 0)
        return false;
    if (card_width <= tr->line_texture_limit - SSE_PIXELS && fits_textures(tr, layout))
        return true;
    tr->lines.stats.fallbacks += text_layout_line_count(layout);
    return false;
}

void text_renderer_draw_on(text_renderer *tr, const text_layout *layout, float x, float y,
                           SDL_Color color, SDL_Color background)
{
    snapped_origin origin;
    if (!begin_draw(tr, x, y, color, &origin))
        return;
    if (!can_retain(tr, layout, background, 0) ||
        !draw_retained(tr, layout, origin, color, background, (SDL_Rect){0, 0, 0, 0}))
        draw_glyph_by_glyph(tr, layout, origin, color);
}

/* The card filled with SDL and the text drawn glyph by glyph, clipped to
 * the card (within the caller's own clip rectangle). */
static void draw_card_glyph_by_glyph(text_renderer *tr, const text_layout *layout,
                                     snapped_origin origin, SDL_Color color, SDL_Rect card,
                                     SDL_Color background)
{
    SDL_Renderer *renderer = tr->renderer;
    SDL_SetRenderDrawColor(renderer, background.r, background.g, background.b, background.a);
    SDL_RenderFillRect(renderer, &card);
    SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
    bool clipped = SDL_RenderIsClipEnabled(renderer);
    SDL_Rect clip = {0, 0, 0, 0}, inside = card;
    if (clipped) {
        SDL_RenderGetClipRect(renderer, &clip);
        if (!SDL_IntersectRect(&clip, &card, &inside))
            return;
    }
    SDL_RenderSetClipRect(renderer, &inside);
    draw_glyph_by_glyph(tr, layout, origin, color);
    SDL_RenderSetClipRect(renderer, clipped ? &clip : NULL);
}

void text_renderer_draw_card(text_renderer *tr, const text_layout *layout, float x, float y,
                             SDL_Color color, SDL_Rect card, SDL_Color background)
{
    snapped_origin origin;
    if (card.w <= 0 || card.h <= 0 || !begin_draw(tr, x, y, color, &origin))
        return;
    /* The card from the origin's whole pixels; positions this far apart
     * are not text on its card. */
    if (fabsf((float)card.x - (float)origin.x) >= POSITION_LIMIT ||
        fabsf((float)card.y - (float)origin.y) >= POSITION_LIMIT)
        return;
    SDL_Rect relative = {card.x - origin.x, card.y - origin.y, card.w, card.h};
    if (!can_retain(tr, layout, background, card.w) || text_layout_line_count(layout) == 0 ||
        !draw_retained(tr, layout, origin, color, background, relative))
        draw_card_glyph_by_glyph(tr, layout, origin, color, card, background);
}

atlas_stats text_renderer_atlas_stats(const text_renderer *tr)
{
    return glyph_atlas_get_stats(tr->atlas);
}
