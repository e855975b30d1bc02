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
 * as a hollow box. */
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
void text_renderer_destroy(text_renderer *text_renderer);

/* Draws `layout` with the top-left of its box at (x, y), in `color` (its
 * alpha included). */
void text_renderer_draw(text_renderer *text_renderer, const text_layout *layout, float x, float y,
                        SDL_Color color);

atlas_stats text_renderer_atlas_stats(const text_renderer *text_renderer);

#endif
