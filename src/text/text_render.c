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
 * BlitRGBtoBGRPixelAlpha, within 10% of the MMX one. */
#include "text_render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* One copy of the atlas in one colour. */
typedef struct tinted_atlas {
    SDL_Texture *texture;
    SDL_Color color;
    uint64_t last_used; /* draw count of the last use; 0: never used */
} tinted_atlas;

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
    uint64_t draws;                 /* text_renderer_draw calls so far */
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

text_renderer *text_renderer_create(SDL_Renderer *renderer, int atlas_size)
{
    text_renderer *tr = calloc(1, sizeof *tr);
    if (!tr)
        return NULL;
    tr->size = atlas_size > 0 ? atlas_size : 1024;
    tr->renderer = renderer;
    SDL_RendererInfo info;
    tr->software =
        SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    tr->atlas = glyph_atlas_create(tr->size, tr->size);
    tr->upload = malloc((size_t)tr->size * (size_t)tr->size * sizeof *tr->upload);
    /* The first texture now, so that a renderer without room for one fails
     * here; on the software renderer it is the first colour's copy. */
    tinted_atlas *first = tr->software ? &tr->tints[0] : &tr->white;
    first->texture = create_atlas_texture(tr);
    first->color = WHITE;
    if (!tr->atlas || !tr->upload || !first->texture) {
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
    if (tr->white.texture)
        SDL_DestroyTexture(tr->white.texture);
    for (int i = 0; i < TINT_SLOTS; i++)
        if (tr->tints[i].texture)
            SDL_DestroyTexture(tr->tints[i].texture);
    glyph_atlas_destroy(tr->atlas);
    free(tr->upload);
    free(tr);
}

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

/* A hollow box the size of the glyph's advance: the visible sign of a
 * character no font could show. */
static void draw_box(SDL_Renderer *renderer, float x, float baseline, float advance, float size)
{
    float width = advance > 2 ? advance - 2 : advance;
    SDL_FRect box = {x + 1, baseline - size * 0.7f, width < 2 ? 2 : width, size * 0.7f};
    SDL_RenderDrawRectF(renderer, &box);
}

void text_renderer_draw(text_renderer *tr, const text_layout *layout, float x, float y,
                        SDL_Color color)
{
    float size = text_layout_size(layout);
    tr->draws++;
    upload_dirty(tr); /* so that tr->used is whole before a copy is re-tinted */
    SDL_Texture *texture = texture_for(tr, color);
    SDL_SetRenderDrawColor(tr->renderer, color.r, color.g, color.b, color.a);
    for (size_t l = 0; l < text_layout_line_count(layout); l++) {
        const text_line *line = text_layout_line(layout, l);
        float baseline = y + line->baseline;
        for (size_t i = 0; i < line->glyph_count; i++) {
            const text_glyph *g = &line->glyphs[i];
            float gx = x + g->x;
            if (g->missing || !g->font) {
                draw_box(tr->renderer, gx, baseline, g->advance, size);
                continue;
            }
            if (!texture)
                continue;
            float whole = floorf(gx);
            int subpixel = (int)((gx - whole) * ATLAS_SUBPIXELS);
            const atlas_glyph *a = glyph_atlas_get(tr->atlas, g->font, g->glyph_id, size,
                                                   subpixel < ATLAS_SUBPIXELS ? subpixel : 0);
            if (!a || a->width == 0)
                continue;
            upload_dirty(tr);
            SDL_Rect source = {a->x, a->y, a->width, a->height};
            SDL_Rect target = {(int)whole + a->left, (int)lroundf(baseline + g->y) - a->top,
                               a->width, a->height};
            SDL_RenderCopy(tr->renderer, texture, &source, &target);
        }
    }
}

atlas_stats text_renderer_atlas_stats(const text_renderer *tr)
{
    return glyph_atlas_get_stats(tr->atlas);
}
