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
    int modules = 0;
    SDL_Surface *surface = s->contact && ctx->renderer ? qr_surface(s->contact, &modules) : NULL;
    SDL_Texture *texture = surface ? SDL_CreateTextureFromSurface(ctx->renderer, surface) : NULL;
    SDL_FreeSurface(surface);
    if (texture) {
        /* As large as the viewport leaves room for, never wider than the
         * screen, in whole pixels a module. */
        float space = ctx->view->body_bottom - ctx->view->body_top - y - px(ctx, 80);
        if (space > w - 2 * margin)
            space = w - 2 * margin;
        float side = floorf(space / (float)modules) * (float)modules;
        view_texture(ctx->view, VIEW_BODY, (SDL_FRect){(w - side) / 2, y, side, side}, texture);
        y += side + px(ctx, 12);
    }
    y += screen_ui(ctx, VIEW_BODY, "qr.caption", N_("Scan with your phone to save the contact."),
                   NULL, page, margin, y, w - 2 * margin,
                   (style){24, false, TEXT_ALIGN_CENTER, 0, COLOR_INK});
    screen_end(ctx, y, 16);
}
