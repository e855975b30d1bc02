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
    /* TRANSLATORS: the title of the screen of help numbers (the button
     * that leads there is "Help now" without context). */
    page_text title = {.text = C_("heading", "Help now"), .msgid = NC_("heading", "Help now")};
    snprintf(title.language, sizeof title.language, "%s", page->language);
    y += screen_heading(ctx, "help.title", &title, y) + px(ctx, 20);
    bool stacked = ctx->shape.narrow || ctx->large_text; /* large numbers need the width */
    /* Two columns of cards on a wide desk screen, so every number is in
     * sight without scrolling. */
    int columns = stacked ? 1 : screen_columns(ctx, w - 2 * margin, 660, 2);
    float card_gap = px(ctx, 16);
    float card_w = (w - 2 * margin - (float)(columns - 1) * card_gap) / (float)columns;
    stacked = stacked || columns > 1;
    float row_y = y, row_h = 0;
    int row_edges[2] = {-1, -1};
    for (size_t i = 0; i < page->help.count; i++) {
        const page_help_entry *e = &page->help.entries[i];
        float pad = px(ctx, 20);
        int column = (int)(i % (size_t)columns);
        float left = margin + (float)column * (card_w + card_gap);
        y = row_y;
        /* A red edge at the start side, the card a target over the rest. */
        int edge = view_fill(ctx->view, VIEW_BODY, (SDL_FRect){left, y, card_w, 0}, COLOR_HELP);
        view_target(ctx->view, VIEW_BODY, (SDL_FRect){left + 6, y, card_w - 6, 0}, COLOR_CARD,
                    ACTION_SERVICE, e->id);
        float inner = card_w - 2 * pad;
        float phone_w = stacked ? inner : px(ctx, 420);
        float ty = y + pad;
        for (size_t p = 0; p < e->phone_count; p++)
            ty += screen_plain(ctx, VIEW_BODY, "help.phone", e->phones[p], "it", left + pad, ty,
                               phone_w, (style){56, true, TEXT_ALIGN_START, 1, COLOR_HELP});
        float tx = stacked ? left + pad : left + pad + phone_w + px(ctx, 16);
        float tw = stacked ? inner : left + card_w - pad - tx;
        float cy = stacked ? ty + px(ctx, 8) : y + pad;
        cy += screen_text(ctx, VIEW_BODY, "help.name", &e->name, tx, cy, tw,
                          (style){26, true, TEXT_ALIGN_START, 0, COLOR_INK});
        cy += px(ctx, 4) + screen_text(ctx, VIEW_BODY, "help.what", &e->what, tx, cy + px(ctx, 4),
                                       tw, (style){22, false, TEXT_ALIGN_START, 0, COLOR_INK});
        float h = (cy > ty ? cy : ty) + pad - y;
        row_edges[column] = edge;
        row_h = h > row_h ? h : row_h;
        if (column == columns - 1 || i + 1 == page->help.count) {
            /* The cards of a row as tall as each other. */
            for (int c = 0; c < columns; c++)
                if (row_edges[c] >= 0) {
                    ctx->view->items[row_edges[c]].rect.h = row_h;
                    ctx->view->items[row_edges[c] + 1].rect.h = row_h;
                }
            if (row_y + row_h > ctx->view->content_height)
                ctx->view->content_height = row_y + row_h;
            row_y += row_h + px(ctx, 16);
            row_h = 0;
            row_edges[0] = row_edges[1] = -1;
        }
    }
    screen_end(ctx, row_y, 24);
}
