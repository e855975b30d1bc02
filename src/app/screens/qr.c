/* qr.c - a service's contact as a large QR code to scan. */
#include <math.h>

#include "qr.h"
#include "screen.h"
#include "ui_text.h"

void screen_qr(screen_ctx *ctx, const page *page)
{
    const page_service *s = &page->service;
    if (!s->id)
        return;
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float y = px(ctx, 16);
    y += screen_text(ctx, VIEW_BODY, "qr.title", &s->title, margin, y, w - 2 * margin,
                     (style){30, true, TEXT_ALIGN_CENTER, 2, COLOR_INK}) +
         px(ctx, 12);
    /* The contact to save and, for a helpline, the number to call: side
     * by side on a landscape screen, else one under the other. */
    const char *codes[2] = {s->contact, s->dial};
    const char *captions[2] = {N_("Scan with your phone to save the contact."),
                               N_("Scan with your phone to call this number.")};
    int count = (s->contact != NULL) + (s->dial != NULL);
    bool across = count == 2 && !ctx->shape.portrait;
    float gap = px(ctx, 32);
    float column = across ? (w - 2 * margin - gap) / 2 : w - 2 * margin;
    /* As large as the viewport leaves room for, never wider than its
     * column, in whole pixels a module. */
    float space = ctx->view->body_bottom - ctx->view->body_top - y - px(ctx, 80);
    if (count == 2 && !across)
        space = (space - px(ctx, 80)) / 2;
    if (space > column)
        space = column;
    float x = margin, top = y, lowest = y;
    for (int i = 0; i < 2; i++) {
        if (!codes[i])
            continue;
        int modules = 0;
        SDL_Surface *surface = ctx->renderer ? qr_surface(codes[i], &modules) : NULL;
        SDL_Texture *texture =
            surface ? SDL_CreateTextureFromSurface(ctx->renderer, surface) : NULL;
        SDL_FreeSurface(surface);
        float cy = y;
        if (texture) {
            float side = floorf(space / (float)modules) * (float)modules;
            view_texture(ctx->view, VIEW_BODY, (SDL_FRect){x + (column - side) / 2, cy, side, side},
                         texture);
            cy += side + px(ctx, 12);
        }
        cy += screen_ui(ctx, VIEW_BODY, "qr.caption", captions[i], NULL, page, x, cy, column,
                        (style){24, false, TEXT_ALIGN_CENTER, 0, COLOR_INK});
        lowest = cy > lowest ? cy : lowest;
        if (across)
            x += column + gap;
        else
            y = cy + px(ctx, 24);
    }
    y = across ? lowest : (lowest > top ? lowest : y);
    screen_end(ctx, y, 16);
}
