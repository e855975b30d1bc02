/* text_render.h - drawing laid-out text on an SDL_Renderer.
 *
 * The only part of the text engine that knows SDL.  Glyphs come from a
 * glyph atlas (atlas.h) mirrored in streaming textures; each glyph is one
 * textured rectangle (SDL_RenderCopy), so it works the same on the software
 * renderer (weak tablets, headless tests) and on accelerated ones.  On
 * accelerated renderers one white texture is tinted by colour modulation.
 * On the software renderer, where modulation is three times slower, up to
 * four copies of the atlas are kept already in the colours drawn most
 * recently (4 bytes a pixel each, made when a colour is first drawn); a
 * colour beyond those is drawn by modulation.  A glyph no font has is drawn
 * as a hollow box.
 *
 * Retained lines: text drawn on a known opaque background
 * (text_renderer_draw_on, text_renderer_draw_card) is kept, line by line,
 * as textures already composited on that background, so a screen redrawn
 * frame after frame costs one unblended copy per line instead of one
 * blended copy per glyph.  They live in the text engine's one
 * least-recently-used cache (cache.h), here bounded in bytes, keyed by the
 * layout (held by a reference, so its address cannot be reused while
 * cached), the line, the colours, the card and the phase of x (quarter
 * pixel and column modulo 4), not by y: text scrolled by whole pixels
 * reuses its lines.  Dropping a line destroys its texture and drops its
 * reference to the layout.
 *
 * Positions: a layout's origin is taken down to a quarter pixel in x (the
 * atlas's subpixel step) and to the nearest whole pixel in y, then each
 * glyph is placed from it; at whole-pixel positions this is the same as
 * placing every glyph from the exact origin, and moving text by a fraction
 * of a pixel never moves a mark against its base. */
#ifndef SPORTELLO_TEXT_RENDER_H
#define SPORTELLO_TEXT_RENDER_H

#include <SDL.h>

#include "atlas.h"
#include "text.h"

typedef struct text_renderer text_renderer;

/* The atlas is atlas_size x atlas_size pixels (0: 1024).  Returns NULL when
 * SDL cannot make the first texture, with SDL_GetError() saying why.  The
 * text renderer owns its textures and must be destroyed before `renderer`. */
text_renderer *text_renderer_create(SDL_Renderer *renderer, int atlas_size);
/* Frees the textures, the line cache and the references it holds. */
void text_renderer_destroy(text_renderer *text_renderer);

/* Draws `layout` with the top-left of its box at (x, y), in `color` (its
 * alpha included), blended over whatever is there, one copy per glyph. */
void text_renderer_draw(text_renderer *text_renderer, const text_layout *layout, float x, float y,
                        SDL_Color color);

/* Draws `layout` as text_renderer_draw does, for text on a solid card: the
 * caller promises that every pixel under the layout's box (and under any
 * ink beyond it) is already `background`, which must be opaque.  Each line
 * is then drawn from the line cache as unblended copies of its pixels
 * composited on `background`; a line's first draw makes them.  Lines
 * outside the viewport and the clip rectangle are neither made nor drawn.
 * The pixels are those text_renderer_draw leaves on that background on
 * ARGB8888 and RGB888 targets; on other formats, which SDL blends with
 * another formula, within 4 per channel.  A translucent `background`, a
 * line too wide for a texture or a cache of 0 bytes draw glyph by glyph as
 * text_renderer_draw does. */
void text_renderer_draw_on(text_renderer *text_renderer, const text_layout *layout, float x,
                           float y, SDL_Color color, SDL_Color background);

/* Fills `card` with the opaque `background` and draws `layout` on it as
 * text_renderer_draw does, with the top-left of its box at (x, y), clipped
 * to the card: the pixels of SDL_RenderFillRect(card) and then
 * text_renderer_draw within a clip rectangle of the card (to the same
 * precision as text_renderer_draw_on).  Every pixel of the card is written
 * once: each line is kept as a texture of its band across the card's whole
 * width, the bands of the layout tiling the card from its top to its
 * bottom.  A card whose size or offset from the text changes gets new
 * lines; a card scrolled with its text reuses them.  Falls back to the
 * fill and glyph by glyph as text_renderer_draw_on does, and for a layout
 * with no lines or a card taller or wider than a texture. */
void text_renderer_draw_card(text_renderer *text_renderer, const text_layout *layout, float x,
                             float y, SDL_Color color, SDL_Rect card, SDL_Color background);

/* The line cache's bound in bytes of pixels (default
 * TEXT_RENDERER_LINE_CACHE_DEFAULT); the least recently drawn lines are
 * dropped beyond it, at once when it shrinks.  A line of more than a
 * quarter of it is drawn from its texture once and not kept.  0 keeps
 * nothing: every draw is one copy per glyph (benchmarks and tests compare
 * the two). */
#define TEXT_RENDERER_LINE_CACHE_DEFAULT ((size_t)16 << 20)
void text_renderer_set_line_cache(text_renderer *text_renderer, size_t bytes);

typedef struct line_cache_stats {
    size_t lines;     /* lines held */
    size_t bytes;     /* their pixels and bookkeeping, never above the bound */
    size_t hits;      /* lines drawn from the cache */
    size_t misses;    /* lines composited (then cached when they fit) */
    size_t fallbacks; /* lines drawn glyph by glyph: too big, or no texture */
} line_cache_stats;
line_cache_stats text_renderer_line_cache_stats(const text_renderer *text_renderer);

atlas_stats text_renderer_atlas_stats(const text_renderer *text_renderer);

#endif
