/* help.c - "Help now": every help number in sight without scrolling, on
 * every shape: the number large, what it is in a line, what is known of
 * it (free, anonymous, 24 hours...) or where it is; a card opens the
 * service (its QR codes, its whole text).  Under the numbers, the help
 * category's guides and other services, as on a category's screen. */
#include <stdio.h>

#include "screen.h"
#include "ui_text.h"

/* One number's card at (x, y), `w` wide; returns its height.  Wide
 * enough: the number at the start side, the words beside it. */
static float help_card(screen_ctx *ctx, const page_help_entry *e, float x, float y, float w,
                       int *card_out)
{
    float pad = px(ctx, 12);
    /* A red edge at the start side, the card a target over the rest. */
    int edge = view_fill(ctx->view, VIEW_BODY, (SDL_FRect){x, y, w, 0}, COLOR_HELP);
    *card_out = edge;
    view_target(ctx->view, VIEW_BODY, (SDL_FRect){x + px(ctx, 6), y, w - px(ctx, 6), 0}, COLOR_CARD,
                ACTION_SERVICE, e->id);
    float inner = w - 2 * pad - px(ctx, 6);
    float left = x + px(ctx, 6) + pad;
    bool beside = inner >= px(ctx, 640) && !ctx->large_text; /* a large number takes the width */
    float number_w = beside ? px(ctx, 300) : inner;
    float ny = y + pad;
    style number = {48, true, TEXT_ALIGN_START, 1, COLOR_HELP};
    for (size_t p = 0; p < e->phone_count; p++)
        ny += screen_plain(ctx, VIEW_BODY, "help.phone", e->phones[p], "it", left, ny, number_w,
                           number);
    float tx = beside ? left + number_w + px(ctx, 16) : left;
    float tw = beside ? inner - number_w - px(ctx, 16) : inner;
    float ty = beside ? y + pad : ny + px(ctx, 2);
    ty += screen_text(ctx, VIEW_BODY, "help.name", &e->name, tx, ty, tw,
                      (style){24, true, TEXT_ALIGN_START, 3, COLOR_INK});
    if (e->facts.text)
        ty += px(ctx, 2) + screen_text(ctx, VIEW_BODY, "help.facts", &e->facts, tx, ty + px(ctx, 2),
                                       tw, (style){22, false, TEXT_ALIGN_START, 3, COLOR_INK});
    else if (e->address && e->address[0])
        ty += px(ctx, 2) + screen_plain(ctx, VIEW_BODY, "help.address", e->address, "it", tx,
                                        ty + px(ctx, 2), tw,
                                        (style){22, false, TEXT_ALIGN_START, 3, COLOR_INK});
    float bottom = ty > ny ? ty : ny;
    return bottom + pad - y;
}

void screen_help(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float y = px(ctx, 12);
    /* The title where the bar is at the bottom (portrait); at the top, the
     * framed Help now button just above says it, and the numbers take the
     * room. */
    /* TRANSLATORS: the title of the screen of help numbers (the button
     * that leads there is "Help now" without context). */
    page_text title = {.text = C_("heading", "Help now"), .msgid = NC_("heading", "Help now")};
    snprintf(title.language, sizeof title.language, "%s", page->language);
    if (ctx->shape.portrait)
        y += screen_heading(ctx, "help.title", &title, y) + px(ctx, 8);
    /* Two columns of cards on a wide screen, so every number is in sight. */
    float gap = px(ctx, 12);
    int columns = screen_columns(ctx, w - 2 * margin, 440, 2);
    float card_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    for (size_t first = 0; first < page->help.count; first += (size_t)columns) {
        int cards[2] = {-1, -1};
        float tallest = 0;
        for (size_t c = 0; c < (size_t)columns && first + c < page->help.count; c++) {
            float x = margin + (float)c * (card_w + gap);
            float h = help_card(ctx, &page->help.entries[first + c], x, y, card_w, &cards[c]);
            tallest = h > tallest ? h : tallest;
        }
        /* The cards of a row as tall as each other (the edge and the target). */
        for (int c = 0; c < columns; c++)
            if (cards[c] >= 0) {
                ctx->view->items[cards[c]].rect.h = tallest;
                ctx->view->items[cards[c] + 1].rect.h = tallest;
            }
        y += tallest + gap;
    }
    y = screen_category_rows(ctx, page, y + px(ctx, 12));
    screen_end(ctx, y, 24);
}
