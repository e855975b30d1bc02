/* atlas.h - rasterized glyphs packed into one 8-bit coverage image.
 *
 * FreeType draws each glyph once per (font, glyph, size, quarter-pixel
 * horizontal offset) into a shelf-packed atlas; the drawing step uploads the
 * changed part to a GPU or software texture.  When the atlas is full it is
 * emptied whole and refilled with what is drawn next: cheap, bounded, and
 * right for a kiosk whose screens use a few hundred glyphs at a time.  No
 * SDL here. */
#ifndef SPORTELLO_TEXT_ATLAS_H
#define SPORTELLO_TEXT_ATLAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* Horizontal positions are quantized to 1/ATLAS_SUBPIXELS of a pixel. */
#define ATLAS_SUBPIXELS 4

typedef struct glyph_atlas glyph_atlas;

typedef struct atlas_glyph {
    int x, y;          /* top-left of the bitmap in the atlas */
    int width, height; /* 0 for a glyph with no ink (a space) */
    int left, top;     /* bitmap offset from the pen: right and up, pixels */
} atlas_glyph;

typedef struct atlas_stats {
    size_t glyphs;     /* glyphs held now */
    size_t rasterized; /* glyphs drawn by FreeType since creation */
    size_t flushes;    /* times the atlas was emptied because it was full */
    size_t failures;   /* glyphs FreeType could not draw or too big to hold */
} atlas_stats;

/* An empty atlas of width x height pixels.  NULL when out of memory. */
glyph_atlas *glyph_atlas_create(int width, int height);
void glyph_atlas_destroy(glyph_atlas *atlas);

/* The glyph's place in the atlas, rasterizing it when new.  `subpixel` is
 * 0..ATLAS_SUBPIXELS-1.  Returns NULL when FreeType cannot draw the glyph or
 * it cannot fit even in an empty atlas.  The pointer is valid until the next
 * call (which may empty the atlas). */
const atlas_glyph *glyph_atlas_get(glyph_atlas *atlas, const text_font *font, uint32_t glyph_id,
                                   float size, int subpixel);

/* True when FreeType failed to draw this glyph of this font (a damaged
 * file): the text renderer draws it as a box, like a missing glyph. */
bool glyph_atlas_broken(const glyph_atlas *atlas, const text_font *font, uint32_t glyph_id);

/* The coverage pixels (one byte each, `width` bytes per row). */
const uint8_t *glyph_atlas_pixels(const glyph_atlas *atlas, int *width, int *height);

/* The rectangle changed since the last call, as x, y, width, height; false
 * when nothing changed. */
bool glyph_atlas_take_dirty(glyph_atlas *atlas, int rect[4]);

atlas_stats glyph_atlas_get_stats(const glyph_atlas *atlas);

#endif
