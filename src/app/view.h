/* view.h - what one kiosk screen shows, as a list of drawable items.
 *
 * A screen is built once when it is entered (or when the language, the
 * "show in Italian" toggle or the window size changes): its texts are laid
 * out then, and every frame only draws the items that are visible.  That
 * keeps scrolling cheap and lets tests ask where a button is.
 *
 * Coordinates are logical: x grows from the start side of the screen.  In
 * a right-to-left language every item is mirrored when drawn and hit, so
 * screens are written once for both directions.  Items of the BODY layer
 * scroll; FIXED items (top bar, footer, overlays) do not. */
#ifndef SPORTELLO_VIEW_H
#define SPORTELLO_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "text.h"
#include "text_render.h"

typedef enum view_layer { VIEW_BODY, VIEW_FIXED, VIEW_OVERLAY } view_layer;

typedef enum view_kind { VIEW_FILL, VIEW_TEXT, VIEW_TEXTURE, VIEW_FRAME } view_kind;

typedef struct view_item {
    view_kind kind;
    view_layer layer;
    SDL_FRect rect; /* logical, in pixels; BODY items in content coordinates */
    SDL_Color color;
    text_layout *layout;  /* VIEW_TEXT (owned) */
    SDL_Texture *texture; /* VIEW_TEXTURE (owned) */
    int action;           /* 0: not a target */
    char arg[64];
    int under; /* VIEW_TEXT: what its pixels are drawn on (view.c) */
} view_item;

/* Colours swapped as items are added (a theme): `from` becomes `fill` in
 * fills, frames and targets, `ink` in texts; other colours stay. */
typedef struct view_swap {
    SDL_Color from, fill, ink;
} view_swap;

typedef struct view_palette {
    const view_swap *swaps;
    size_t count;
} view_palette;

typedef struct view {
    view_item *items;
    size_t count, capacity;
    bool rtl;
    int width, height;           /* of the screen */
    float body_top, body_bottom; /* the scrolling viewport, in screen pixels */
    float content_height;        /* bottom of the lowest BODY item */
    float scroll;                /* how far the body is scrolled, >= 0 */
    int pressed;                 /* index of the item being pressed, or -1 */
    SDL_Color background;        /* under the body (what the frame is cleared to) */
    bool grounds_known;          /* each text's `under` is found (at the first draw) */
    const view_palette *palette; /* NULL: colours as given */
} view;

void view_init(view *v);
/* Drops every item (layouts and textures freed). */
void view_clear(view *v);
void view_free(view *v);

/* Adds items; they return the item's index or -1 when out of memory. */
int view_fill(view *v, view_layer layer, SDL_FRect rect, SDL_Color color);
int view_frame(view *v, view_layer layer, SDL_FRect rect, SDL_Color color);
int view_target(view *v, view_layer layer, SDL_FRect rect, SDL_Color color, int action,
                const char *arg);
int view_texture(view *v, view_layer layer, SDL_FRect rect, SDL_Texture *texture);
/* Lays out `text` in `params` (its width is the box width) and adds it
 * with the top-left of its box at (x, y); *height receives the laid-out
 * height (0 for NULL or empty text). */
int view_text(view *v, view_layer layer, text_engine *engine, const char *text,
              const text_params *params, float x, float y, SDL_Color color, float *height);

/* The on-screen rectangle of an item (mirrored, scrolled). */
SDL_FRect view_screen_rect(const view *v, const view_item *item);

/* The target under a screen point, or -1. */
int view_target_at(const view *v, float x, float y);
/* The first target with this action (and arg, when not NULL), or -1. */
int view_find(const view *v, int action, const char *arg);

float view_max_scroll(const view *v);
void view_scroll_to(view *v, float scroll);

/* Draws every visible item.  A text on an opaque fill that holds it
 * whole (a card, a button, the bar), or on the bare background, is drawn
 * from the text renderer's retained lines (text_renderer_draw_on): one
 * copy per line instead of one blended copy per glyph.  Any other text,
 * and text on a pressed target, is drawn glyph by glyph. */
void view_draw(view *v, SDL_Renderer *renderer, text_renderer *text);

/* The colour a text item is drawn on (a fill that holds it, or the
 * background), known after the first view_draw; false when it is drawn
 * over anything else (a texture, a partial fill). */
bool view_text_ground(const view *v, size_t index, SDL_Color *ground);
/* `color` through the view's palette, as a fill (ink false) or a text. */
SDL_Color view_color(const view *v, SDL_Color color, bool ink);

#endif
