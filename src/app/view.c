/* view.c - a screen's items: building, hit testing, drawing. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

void view_init(view *v)
{
    memset(v, 0, sizeof *v);
    v->pressed = -1;
}

void view_clear(view *v)
{
    for (size_t i = 0; i < v->count; i++) {
        text_layout_destroy(v->items[i].layout);
        if (v->items[i].texture)
            SDL_DestroyTexture(v->items[i].texture);
    }
    v->count = 0;
    v->content_height = 0;
    v->pressed = -1;
    v->grounds_known = false;
}

void view_free(view *v)
{
    view_clear(v);
    free(v->items);
    v->items = NULL;
    v->capacity = 0;
}

static int add(view *v, view_item item)
{
    if (!array_grow((void **)&v->items, v->count, &v->capacity, sizeof *v->items))
        return -1;
    v->items[v->count] = item;
    v->grounds_known = false;
    if (item.layer == VIEW_BODY && item.rect.y + item.rect.h > v->content_height)
        v->content_height = item.rect.y + item.rect.h;
    return (int)v->count++;
}

SDL_Color view_color(const view *v, SDL_Color color, bool ink)
{
    const view_palette *p = v->palette;
    for (size_t i = 0; p && i < p->count; i++) {
        SDL_Color from = p->swaps[i].from;
        if (from.r == color.r && from.g == color.g && from.b == color.b && from.a == color.a)
            return ink ? p->swaps[i].ink : p->swaps[i].fill;
    }
    return color;
}

int view_fill(view *v, view_layer layer, SDL_FRect rect, SDL_Color color)
{
    return add(v, (view_item){.kind = VIEW_FILL,
                              .layer = layer,
                              .rect = rect,
                              .color = view_color(v, color, false)});
}

int view_frame(view *v, view_layer layer, SDL_FRect rect, SDL_Color color)
{
    return add(v, (view_item){.kind = VIEW_FRAME,
                              .layer = layer,
                              .rect = rect,
                              .color = view_color(v, color, false)});
}

int view_target(view *v, view_layer layer, SDL_FRect rect, SDL_Color color, int action,
                const char *arg)
{
    view_item item = {.kind = VIEW_FILL,
                      .layer = layer,
                      .rect = rect,
                      .color = view_color(v, color, false),
                      .action = action};
    if (arg)
        snprintf(item.arg, sizeof item.arg, "%s", arg);
    return add(v, item);
}

int view_texture(view *v, view_layer layer, SDL_FRect rect, SDL_Texture *texture)
{
    int index =
        add(v, (view_item){.kind = VIEW_TEXTURE, .layer = layer, .rect = rect, .texture = texture});
    if (index < 0)
        SDL_DestroyTexture(texture);
    return index;
}

int view_text(view *v, view_layer layer, text_engine *engine, const char *text,
              const text_params *params, float x, float y, SDL_Color color, float *height)
{
    if (height)
        *height = 0;
    if (!text || !*text)
        return -1;
    text_layout *layout = text_layout_create(engine, text, strlen(text), params);
    if (!layout)
        return -1;
    float h = text_layout_height(layout);
    int index = add(v, (view_item){.kind = VIEW_TEXT,
                                   .layer = layer,
                                   .rect = {x, y, (float)params->width, h},
                                   .color = view_color(v, color, true),
                                   .layout = layout});
    if (index < 0) {
        text_layout_destroy(layout);
        return -1;
    }
    if (height)
        *height = h;
    return index;
}

SDL_FRect view_screen_rect(const view *v, const view_item *item)
{
    SDL_FRect r = item->rect;
    if (v->rtl)
        r.x = (float)v->width - r.x - r.w;
    if (item->layer == VIEW_BODY)
        r.y += v->body_top - v->scroll;
    return r;
}

static bool inside(SDL_FRect r, float x, float y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

int view_target_at(const view *v, float x, float y)
{
    /* Overlays first, then the fixed bars, then the body (only inside its
     * viewport): the topmost item drawn is the one touched. */
    for (int layer = VIEW_OVERLAY; layer >= VIEW_BODY; layer--) {
        bool overlay_present = false;
        for (size_t i = v->count; i-- > 0;) {
            const view_item *item = &v->items[i];
            if ((int)item->layer != layer)
                continue;
            if (layer == VIEW_OVERLAY)
                overlay_present = true;
            if (!item->action)
                continue;
            if (layer == VIEW_BODY && (y < v->body_top || y >= v->body_bottom))
                continue;
            if (inside(view_screen_rect(v, item), x, y))
                return (int)i;
        }
        if (overlay_present)
            return -1; /* an overlay covers everything under it */
    }
    return -1;
}

int view_find(const view *v, int action, const char *arg)
{
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].action == action && (!arg || strcmp(v->items[i].arg, arg) == 0))
            return (int)i;
    return -1;
}

float view_max_scroll(const view *v)
{
    float viewport = v->body_bottom - v->body_top;
    float max = v->content_height - viewport;
    return max > 0 ? max : 0;
}

void view_scroll_to(view *v, float scroll)
{
    float max = view_max_scroll(v);
    v->scroll = scroll < 0 ? 0 : scroll > max ? max : scroll;
}

/* What a text's pixels lie on: the last item of its layer drawn before it
 * that meets its box (with room for ink beyond it: the lines' ascent and
 * descent already hold Nastaliq's tall ink, so a little more to the sides
 * for overhanging glyphs and less above and below).  An opaque fill holding that box whole: its
 * index.  Nothing at all in the body: -1, the background.  Anything else (a texture, a frame, a
 * fill that holds only part of it, a translucent one): -2, drawn glyph by glyph. */
enum { UNDER_BACKGROUND = -1, UNDER_UNKNOWN = -2 };

static bool contains(SDL_FRect outer, SDL_FRect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static bool meets(SDL_FRect a, SDL_FRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void find_grounds(view *v)
{
    for (size_t i = 0; i < v->count; i++) {
        view_item *text = &v->items[i];
        if (text->kind != VIEW_TEXT)
            continue;
        float side = text_layout_size(text->layout) * 0.15f;
        float above = text_layout_size(text->layout) * 0.1f;
        SDL_FRect box = {text->rect.x - side, text->rect.y - above, text->rect.w + 2 * side,
                         text->rect.h + 2 * above};
        text->under = text->layer == VIEW_BODY ? UNDER_BACKGROUND : UNDER_UNKNOWN;
        for (size_t j = i; j-- > 0;) {
            const view_item *below = &v->items[j];
            if (below->layer != text->layer || below->kind == VIEW_TEXT || !meets(below->rect, box))
                continue;
            bool holds =
                below->kind == VIEW_FILL && below->color.a == 255 && contains(below->rect, box);
            text->under = holds ? (int)j : UNDER_UNKNOWN;
            break;
        }
    }
    v->grounds_known = true;
}

static SDL_Color pressed_color(SDL_Color c)
{
    return (SDL_Color){(Uint8)(c.r * 3 / 4), (Uint8)(c.g * 3 / 4), (Uint8)(c.b * 3 / 4), c.a};
}

static void draw_item(view *v, size_t index, SDL_Renderer *renderer, text_renderer *text)
{
    const view_item *item = &v->items[index];
    SDL_FRect r = view_screen_rect(v, item);
    if (r.y + r.h < 0 || r.y > (float)v->height)
        return;
    if (item->layer == VIEW_BODY && (r.y + r.h < v->body_top || r.y > v->body_bottom))
        return;
    SDL_Color c = (int)index == v->pressed ? pressed_color(item->color) : item->color;
    switch (item->kind) {
    case VIEW_FILL:
        if (c.a == 0)
            break;
        SDL_SetRenderDrawBlendMode(renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
        SDL_RenderFillRectF(renderer, &r);
        break;
    case VIEW_FRAME:
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
        for (int i = 0; i < 3; i++) {
            SDL_FRect edge = {r.x + (float)i, r.y + (float)i, r.w - 2.0f * (float)i,
                              r.h - 2.0f * (float)i};
            SDL_RenderDrawRectF(renderer, &edge);
        }
        break;
    case VIEW_TEXT:
        if (item->under == UNDER_BACKGROUND)
            text_renderer_draw_on(text, item->layout, r.x, r.y, item->color, v->background);
        else if (item->under >= 0 && item->under != v->pressed)
            text_renderer_draw_on(text, item->layout, r.x, r.y, item->color,
                                  v->items[item->under].color);
        else
            text_renderer_draw(text, item->layout, r.x, r.y, item->color);
        break;
    case VIEW_TEXTURE:
        SDL_RenderCopyF(renderer, item->texture, NULL, &r);
        break;
    }
}

bool view_text_ground(const view *v, size_t index, SDL_Color *ground)
{
    const view_item *item = index < v->count ? &v->items[index] : NULL;
    if (!item || item->kind != VIEW_TEXT || !v->grounds_known)
        return false;
    if (item->under == UNDER_BACKGROUND)
        *ground = v->background;
    else if (item->under >= 0)
        *ground = v->items[item->under].color;
    else
        return false;
    return true;
}

void view_draw(view *v, SDL_Renderer *renderer, text_renderer *text)
{
    if (!v->grounds_known)
        find_grounds(v);
    SDL_Rect body = {0, (int)v->body_top, v->width, (int)(v->body_bottom - v->body_top)};
    SDL_RenderSetClipRect(renderer, &body);
    for (size_t i = 0; i < v->count; i++)
        if (v->items[i].layer == VIEW_BODY)
            draw_item(v, i, renderer, text);
    SDL_RenderSetClipRect(renderer, NULL);
    for (int layer = VIEW_FIXED; layer <= VIEW_OVERLAY; layer++)
        for (size_t i = 0; i < v->count; i++)
            if ((int)v->items[i].layer == layer)
                draw_item(v, i, renderer, text);
}
