/* atlas.c - see atlas.h. */
#include "atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include "fonts.h"
#include "log.h"

/* One pixel of empty space around each glyph keeps bilinear-free blits
 * from touching a neighbour and makes the dirty rectangles simple. */
#define PADDING 1

typedef struct slot {
    const text_font *font; /* NULL: empty slot */
    uint32_t glyph_id;
    int size_64; /* font size in 1/64 pixel */
    int subpixel;
    atlas_glyph glyph;
} slot;

typedef struct shelf {
    int y, height, used;
} shelf;

typedef struct broken_glyph {
    const text_font *font;
    uint32_t glyph_id;
} broken_glyph;

/* More broken glyphs than this are still boxes, found by trying again. */
#define ATLAS_BROKEN_GLYPHS 256

struct glyph_atlas {
    int width, height;
    uint8_t *pixels;
    slot *slots;       /* open addressing, linear probing */
    size_t slot_count; /* a power of two */
    shelf *shelves;
    size_t shelf_count, shelf_capacity;
    int next_y;
    int dirty[4]; /* x0, y0, x1, y1; empty when x0 >= x1 */
    atlas_stats stats;
    /* Glyphs FreeType could not draw (a damaged font file): kept across
     * flushes so that they are drawn as boxes, tried and logged once. */
    broken_glyph broken[ATLAS_BROKEN_GLYPHS];
    size_t broken_count;
};

glyph_atlas *glyph_atlas_create(int width, int height)
{
    glyph_atlas *atlas = calloc(1, sizeof *atlas);
    if (!atlas)
        return NULL;
    atlas->width = width;
    atlas->height = height;
    atlas->pixels = calloc((size_t)width * (size_t)height, 1);
    /* Room for as many glyphs as 12x12 cells fill, at most half full. */
    atlas->slot_count = 1024;
    while (atlas->slot_count < (size_t)width * (size_t)height / 144 * 2)
        atlas->slot_count *= 2;
    atlas->slots = calloc(atlas->slot_count, sizeof *atlas->slots);
    if (!atlas->pixels || !atlas->slots) {
        glyph_atlas_destroy(atlas);
        return NULL;
    }
    return atlas;
}

void glyph_atlas_destroy(glyph_atlas *atlas)
{
    if (!atlas)
        return;
    free(atlas->pixels);
    free(atlas->slots);
    free(atlas->shelves);
    free(atlas);
}

static size_t slot_hash(const text_font *font, uint32_t glyph_id, int size_64, int subpixel)
{
    uint64_t h = (uint64_t)(uintptr_t)font * 0x9E3779B97F4A7C15ull;
    h ^= glyph_id * 0xC2B2AE3D27D4EB4Full;
    h ^= (uint64_t)size_64 * 0x165667B19E3779F9ull + (uint64_t)subpixel;
    h ^= h >> 29;
    return (size_t)h;
}

static void mark_dirty(glyph_atlas *atlas, int x, int y, int w, int h)
{
    int *d = atlas->dirty;
    if (d[0] >= d[2]) {
        d[0] = x, d[1] = y, d[2] = x + w, d[3] = y + h;
        return;
    }
    d[0] = x < d[0] ? x : d[0];
    d[1] = y < d[1] ? y : d[1];
    d[2] = x + w > d[2] ? x + w : d[2];
    d[3] = y + h > d[3] ? y + h : d[3];
}

/* Empties the atlas: every glyph will be drawn again when next asked for. */
static void flush(glyph_atlas *atlas)
{
    memset(atlas->slots, 0, atlas->slot_count * sizeof *atlas->slots);
    memset(atlas->pixels, 0, (size_t)atlas->width * (size_t)atlas->height);
    atlas->shelf_count = 0;
    atlas->next_y = 0;
    atlas->stats.glyphs = 0;
    atlas->stats.flushes++;
    mark_dirty(atlas, 0, 0, atlas->width, atlas->height);
    log_message(LOG_DEBUG, "atlas", "atlas full: emptied (%zu times so far)", atlas->stats.flushes);
}

/* Finds room for a w x h box on a shelf (shelves are a little taller than
 * their first glyph so that similar glyphs share them). */
static bool place(glyph_atlas *atlas, int w, int h, int *x, int *y)
{
    for (size_t i = 0; i < atlas->shelf_count; i++) {
        shelf *s = &atlas->shelves[i];
        if (h <= s->height && h * 4 >= s->height * 3 - 4 && s->used + w <= atlas->width) {
            *x = s->used;
            *y = s->y;
            s->used += w;
            return true;
        }
    }
    int height = h + h / 8;
    if (w > atlas->width || atlas->next_y + height > atlas->height)
        return false;
    if (atlas->shelf_count == atlas->shelf_capacity) {
        size_t wanted = atlas->shelf_capacity ? atlas->shelf_capacity * 2 : 16;
        shelf *bigger = realloc(atlas->shelves, wanted * sizeof *bigger);
        if (!bigger)
            return false;
        atlas->shelves = bigger;
        atlas->shelf_capacity = wanted;
    }
    shelf *s = &atlas->shelves[atlas->shelf_count++];
    s->y = atlas->next_y;
    s->height = height;
    s->used = w;
    atlas->next_y += height;
    *x = 0;
    *y = s->y;
    return true;
}

static bool rasterize(const text_font *font, uint32_t glyph_id, int size_64, int subpixel)
{
    FT_Face face = font->face;
    if (!face || FT_Set_Char_Size(face, 0, size_64, 72, 72) != 0)
        return false;
    FT_Vector shift = {subpixel * 64 / ATLAS_SUBPIXELS, 0};
    FT_Set_Transform(face, NULL, &shift);
    /* Light hinting moves outlines only vertically, so the HarfBuzz
     * (unhinted) horizontal positions still hold. */
    FT_Error status = FT_Load_Glyph(face, glyph_id, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP);
    /* A bold drawn from a regular face: strokes thicker by 1/24 em (as
     * FreeType's own FT_GlyphSlot_Embolden), around their middle, so the
     * (unchanged) advances of the regular face still place them; the
     * ideographs' side bearings take the growth. */
    if (status == 0 && font->emboldened && face->glyph->format == FT_GLYPH_FORMAT_OUTLINE)
        status = FT_Outline_Embolden(&face->glyph->outline, size_64 / 24);
    if (status == 0)
        status = FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL);
    FT_Set_Transform(face, NULL, NULL);
    return status == 0 && face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY;
}

static void copy_bitmap(glyph_atlas *atlas, const FT_Bitmap *bitmap, int x, int y)
{
    for (unsigned row = 0; row < bitmap->rows; row++)
        memcpy(atlas->pixels + (size_t)(y + (int)row) * (size_t)atlas->width + (size_t)x,
               bitmap->buffer + (ptrdiff_t)row * bitmap->pitch, bitmap->width);
    mark_dirty(atlas, x, y, (int)bitmap->width, (int)bitmap->rows);
}

const atlas_glyph *glyph_atlas_get(glyph_atlas *atlas, const text_font *font, uint32_t glyph_id,
                                   float size, int subpixel)
{
    if (!font || !font->usable)
        return NULL;
    int size_64 = (int)lroundf(size * 64.0f);
    size_t mask = atlas->slot_count - 1;
    size_t i = slot_hash(font, glyph_id, size_64, subpixel) & mask;
    for (; atlas->slots[i].font; i = (i + 1) & mask) {
        slot *s = &atlas->slots[i];
        if (s->font == font && s->glyph_id == glyph_id && s->size_64 == size_64 &&
            s->subpixel == subpixel)
            return &s->glyph;
    }
    if (!rasterize(font, glyph_id, size_64, subpixel)) {
        atlas->stats.failures++;
        if (atlas->broken_count < ATLAS_BROKEN_GLYPHS &&
            !glyph_atlas_broken(atlas, font, glyph_id)) {
            if (atlas->broken_count++ == 0 || font != atlas->broken[atlas->broken_count - 2].font)
                log_message(LOG_WARNING, "atlas",
                            "%s: glyph %u cannot be drawn (damaged file?): drawn as a box",
                            font->path, (unsigned)glyph_id);
            atlas->broken[atlas->broken_count - 1] = (broken_glyph){font, glyph_id};
        }
        return NULL;
    }
    const FT_GlyphSlot loaded = font->face->glyph;
    const FT_Bitmap *bitmap = &loaded->bitmap;
    int w = (int)bitmap->width, h = (int)bitmap->rows;
    int x = 0, y = 0;
    bool full = atlas->stats.glyphs * 2 >= atlas->slot_count;
    if (w > 0 && h > 0 && (full || !place(atlas, w + PADDING, h + PADDING, &x, &y))) {
        flush(atlas);
        if (!place(atlas, w + PADDING, h + PADDING, &x, &y)) {
            atlas->stats.failures++;
            return NULL;
        }
        i = slot_hash(font, glyph_id, size_64, subpixel) & mask;
    } else if (full) {
        flush(atlas);
        i = slot_hash(font, glyph_id, size_64, subpixel) & mask;
    }
    if (w > 0 && h > 0)
        copy_bitmap(atlas, bitmap, x, y);
    slot *s = &atlas->slots[i];
    s->font = font;
    s->glyph_id = glyph_id;
    s->size_64 = size_64;
    s->subpixel = subpixel;
    s->glyph = (atlas_glyph){x, y, w, h, loaded->bitmap_left, loaded->bitmap_top};
    atlas->stats.glyphs++;
    atlas->stats.rasterized++;
    return &s->glyph;
}

const uint8_t *glyph_atlas_pixels(const glyph_atlas *atlas, int *width, int *height)
{
    *width = atlas->width;
    *height = atlas->height;
    return atlas->pixels;
}

bool glyph_atlas_take_dirty(glyph_atlas *atlas, int rect[4])
{
    int *d = atlas->dirty;
    if (d[0] >= d[2])
        return false;
    rect[0] = d[0];
    rect[1] = d[1];
    rect[2] = d[2] - d[0];
    rect[3] = d[3] - d[1];
    d[0] = d[1] = d[2] = d[3] = 0;
    return true;
}

bool glyph_atlas_broken(const glyph_atlas *atlas, const text_font *font, uint32_t glyph_id)
{
    for (size_t i = 0; i < atlas->broken_count; i++)
        if (atlas->broken[i].font == font && atlas->broken[i].glyph_id == glyph_id)
            return true;
    return false;
}

atlas_stats glyph_atlas_get_stats(const glyph_atlas *atlas)
{
    return atlas->stats;
}
