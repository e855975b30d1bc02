/* text_render.c - see text_render.h. */
#include "text_render.h"

#include <math.h>
#include <stdlib.h>

#include "log.h"

struct text_renderer {
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    glyph_atlas *atlas;
    uint32_t *upload; /* ARGB pixels of the dirty rectangle */
    int size;
};

text_renderer *text_renderer_create(SDL_Renderer *renderer, int atlas_size)
{
    text_renderer *tr = calloc(1, sizeof *tr);
    if (!tr)
        return NULL;
    tr->size = atlas_size > 0 ? atlas_size : 1024;
    tr->renderer = renderer;
    tr->atlas = glyph_atlas_create(tr->size, tr->size);
    tr->upload = malloc((size_t)tr->size * (size_t)tr->size * sizeof *tr->upload);
    tr->texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                    tr->size, tr->size);
    if (!tr->atlas || !tr->upload || !tr->texture) {
        if (!tr->texture)
            log_message(LOG_ERROR, "render", "cannot create the glyph texture: %s", SDL_GetError());
        text_renderer_destroy(tr);
        return NULL;
    }
    SDL_SetTextureBlendMode(tr->texture, SDL_BLENDMODE_BLEND);
    return tr;
}

void text_renderer_destroy(text_renderer *tr)
{
    if (!tr)
        return;
    if (tr->texture)
        SDL_DestroyTexture(tr->texture);
    glyph_atlas_destroy(tr->atlas);
    free(tr->upload);
    free(tr);
}

/* Copies the atlas's changed rectangle into the texture: white pixels whose
 * alpha is the coverage, so colour modulation tints them.  SDL flushes the
 * draws already queued with this texture before it changes (the software
 * renderer included), so a full atlas emptied mid-frame stays correct. */
static void upload_dirty(text_renderer *tr)
{
    int rect[4];
    if (!glyph_atlas_take_dirty(tr->atlas, rect))
        return;
    int width, height;
    const uint8_t *pixels = glyph_atlas_pixels(tr->atlas, &width, &height);
    for (int row = 0; row < rect[3]; row++) {
        const uint8_t *from = pixels + (size_t)(rect[1] + row) * (size_t)width + rect[0];
        uint32_t *to = tr->upload + (size_t)row * (size_t)rect[2];
        for (int col = 0; col < rect[2]; col++)
            to[col] = ((uint32_t)from[col] << 24) | 0x00FFFFFFu;
    }
    SDL_Rect area = {rect[0], rect[1], rect[2], rect[3]};
    if (SDL_UpdateTexture(tr->texture, &area, tr->upload, rect[2] * 4) != 0)
        log_message(LOG_ERROR, "render", "cannot update the glyph texture: %s", SDL_GetError());
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
    SDL_SetTextureColorMod(tr->texture, color.r, color.g, color.b);
    SDL_SetTextureAlphaMod(tr->texture, color.a);
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
            SDL_RenderCopy(tr->renderer, tr->texture, &source, &target);
        }
    }
}

atlas_stats text_renderer_atlas_stats(const text_renderer *tr)
{
    return glyph_atlas_get_stats(tr->atlas);
}
