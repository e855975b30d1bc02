/* article.c - an article: title, summary, then its headings, paragraphs
 * and list items, in a column no wider than reads well. */
#include "screen.h"

void screen_article(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float column = w - 2 * margin > px(ctx, 1000) ? px(ctx, 1000) : w - 2 * margin;
    /* A column no wider than reads well, in the middle of a wide screen. */
    float x = (w - column) / 2, y = px(ctx, 24);
    y += screen_text(ctx, VIEW_BODY, "article.title", &page->article.title, x, y, column,
                     (style){38, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
         px(ctx, 12);
    y += screen_text(ctx, VIEW_BODY, "article.summary", &page->article.summary, x, y, column,
                     (style){28, true, TEXT_ALIGN_START, 0, COLOR_BAR}) +
         px(ctx, 20);
    /* When its facts were checked: a calm line (or note, when long ago). */
    if (page->article.confirm.text)
        y += screen_confirm_mark(ctx, page, &page->article.confirm, x, y, column) + px(ctx, 20);
    else if (page->article.checked.text)
        y += screen_checked_line(ctx, &page->article.checked, x, y - px(ctx, 8), column) +
             px(ctx, 20);
    for (size_t i = 0; i < page->article.count; i++) {
        const page_block *b = &page->article.blocks[i];
        style text = {26, false, TEXT_ALIGN_START, 0, COLOR_INK};
        switch (b->kind) {
        case PAGE_BLOCK_HEADING:
            y += px(ctx, 14);
            y += screen_text(ctx, VIEW_BODY, "article.heading", &b->text, x, y, column,
                             (style){30, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
                 px(ctx, 10);
            break;
        case PAGE_BLOCK_ITEM: {
            screen_plain(ctx, VIEW_BODY, NULL, "\xe2\x80\xa2", page->language, x, y, px(ctx, 28),
                         (style){26, false, TEXT_ALIGN_START, 1, COLOR_INK});
            /* Items of a list sit closer together; after the last, the
             * gap after a paragraph. */
            bool more =
                i + 1 < page->article.count && page->article.blocks[i + 1].kind == PAGE_BLOCK_ITEM;
            y += screen_text(ctx, VIEW_BODY, "article.item", &b->text, x + px(ctx, 34), y,
                             column - px(ctx, 34), text) +
                 px(ctx, more ? 8 : 14);
            break;
        }
        case PAGE_BLOCK_PARAGRAPH:
            y += screen_text(ctx, VIEW_BODY, "article.paragraph", &b->text, x, y, column, text) +
                 px(ctx, 14);
            break;
        }
    }
    screen_end(ctx, y, 40);
}
