/* help.c - "Help now": the help numbers, large, each with what it is for.
 * The number at the start side and the words beside it on a wide screen;
 * the number above the words on a narrow one. */
#include <stdio.h>

#include "screen.h"
#include "ui_text.h"

void screen_help(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float y = px(ctx, 24);
    page_text title = {.text = _("Help now"), .msgid = N_("Help now")};
    snprintf(title.language, sizeof title.language, "%s", page->language);
    y += screen_heading(ctx, "help.title", &title, y) + px(ctx, 20);
    bool stacked = ctx->shape.narrow;
    for (size_t i = 0; i < page->help.count; i++) {
        const page_help_entry *e = &page->help.entries[i];
        float pad = px(ctx, 20);
        /* A red edge at the start side, the card a target over the rest. */
        int edge =
            view_fill(ctx->view, VIEW_BODY, (SDL_FRect){margin, y, w - 2 * margin, 0}, COLOR_HELP);
        view_target(ctx->view, VIEW_BODY, (SDL_FRect){margin + 6, y, w - 2 * margin - 6, 0},
                    COLOR_CARD, ACTION_SERVICE, e->id);
        float inner = w - 2 * margin - 2 * pad;
        float phone_w = stacked ? inner : px(ctx, 420);
        float ty = y + pad;
        for (size_t p = 0; p < e->phone_count; p++)
            ty += screen_plain(ctx, VIEW_BODY, "help.phone", e->phones[p], "it", margin + pad, ty,
                               phone_w, (style){56, true, TEXT_ALIGN_START, 1, COLOR_HELP});
        float tx = stacked ? margin + pad : margin + pad + phone_w + px(ctx, 16);
        float tw = stacked ? inner : w - margin - pad - tx;
        float cy = stacked ? ty + px(ctx, 8) : y + pad;
        cy += screen_text(ctx, VIEW_BODY, "help.name", &e->name, tx, cy, tw,
                          (style){26, true, TEXT_ALIGN_START, 0, COLOR_INK});
        cy += px(ctx, 4) + screen_text(ctx, VIEW_BODY, "help.what", &e->what, tx, cy + px(ctx, 4),
                                       tw, (style){22, false, TEXT_ALIGN_START, 0, COLOR_INK});
        float h = (cy > ty ? cy : ty) + pad - y;
        ctx->view->items[edge].rect.h = h;
        ctx->view->items[edge + 1].rect.h = h;
        if (y + h > ctx->view->content_height)
            ctx->view->content_height = y + h;
        y += h + px(ctx, 16);
    }
    screen_end(ctx, y, 24);
}
