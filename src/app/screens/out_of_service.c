/* out_of_service.c - no catalogue: one sentence in every language of the
 * site, each in its own direction, and the numbers that need no
 * catalogue.  No bar: there is nowhere to go. */
#include "screen.h"

void screen_out_of_service(screen_ctx *ctx, const page *page)
{
    ctx->view->rtl = false;
    float w = screen_width(ctx), margin = px(ctx, 32);
    float y = px(ctx, 24);
    screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, "out-of-service"), "und", 0, y, w,
                 (style){56, false, TEXT_ALIGN_CENTER, 1, COLOR_CLOSED});
    y += px(ctx, 90);
    int columns = ctx->shape.narrow ? 1 : 2;
    float col_gap = px(ctx, 24);
    float col_w = (w - 2 * margin - (float)(columns - 1) * col_gap) / (float)columns;
    /* Row by row: the two sentences of a row start on one line. */
    for (size_t first = 0; first < page->out_of_service.count; first += (size_t)columns) {
        float tallest = 0;
        for (size_t c = 0; c < (size_t)columns && first + c < page->out_of_service.count; c++) {
            const page_out_of_service_line *line = &page->out_of_service.lines[first + c];
            float x = margin + (float)c * (col_w + col_gap);
            /* Each language in its own direction, in its part of the screen. */
            float h = screen_ui_own_side(ctx, VIEW_BODY, "out-of-service.line", line->msgid,
                                         line->text, line->code, x, y, col_w,
                                         (style){22, false, TEXT_ALIGN_START, 0, COLOR_INK});
            tallest = h > tallest ? h : tallest;
        }
        y += tallest + px(ctx, 14);
    }
    float bottom = y;
    bottom += px(ctx, 16);
    bottom +=
        screen_plain(ctx, VIEW_BODY, "out-of-service.numbers", page->out_of_service.numbers, "it",
                     0, bottom, w, (style){48, true, TEXT_ALIGN_CENTER, 2, COLOR_CLOSED});
    screen_end(ctx, bottom, 8);
}
