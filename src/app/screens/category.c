/* category.c - a category: its guides (articles), then its offices
 * (services), each under its heading; in two columns on a wide desk
 * screen, a row's cards as tall as each other. */
#include "screen.h"
#include "ui_text.h"

static float article_row(screen_ctx *ctx, const page_article_row *a, float x, float y, float w,
                         int *card_out)
{
    float pad = px(ctx, 20);
    int card = *card_out = screen_card(ctx, (SDL_FRect){x, y, w, 0}, ACTION_ARTICLE, a->id);
    float icon_w = px(ctx, ctx->shape.narrow ? 48 : 64);
    screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, "article"), "und", x + pad, y + pad, icon_w,
                 (style){40, false, TEXT_ALIGN_CENTER, 1, COLOR_BAR});
    float tx = x + pad + icon_w + px(ctx, 12), inner = w - (tx - x) - pad - px(ctx, 40);
    float ty = y + pad;
    ty += screen_text(ctx, VIEW_BODY, "category.article-title", &a->title, tx, ty, inner,
                      (style){28, true, TEXT_ALIGN_START, 2, COLOR_INK});
    ty += px(ctx, 6) + screen_text(ctx, VIEW_BODY, "category.article-summary", &a->summary, tx,
                                   ty + px(ctx, 6), inner,
                                   (style){22, false, TEXT_ALIGN_START, 3, COLOR_MUTED});
    screen_chevron(ctx, x + w - pad - px(ctx, 32), y + pad);
    float h = ty + pad - y;
    if (h < px(ctx, 100))
        h = px(ctx, 100);
    screen_card_height(ctx, card, h);
    return h;
}

static float service_row(screen_ctx *ctx, const page *page, const page_service_row *s, float x,
                         float y, float w, int *card_out)
{
    float pad = px(ctx, 20);
    float inner = w - 2 * pad - px(ctx, 40);
    /* The card first (under its texts), its height set once they are laid out. */
    int card = *card_out = screen_card(ctx, (SDL_FRect){x, y, w, 0}, ACTION_SERVICE, s->id);
    float ty = y + pad;
    ty += screen_text(ctx, VIEW_BODY, "category.service-name", &s->name, x + pad, ty, inner,
                      (style){28, true, TEXT_ALIGN_START, 3, COLOR_INK});
    if (s->agency.text)
        ty += px(ctx, 4) + screen_text(ctx, VIEW_BODY, "category.service-agency", &s->agency,
                                       x + pad, ty + px(ctx, 4), inner,
                                       (style){22, false, TEXT_ALIGN_START, 2, COLOR_MUTED});
    if (s->where.text && *s->where.text) {
        SDL_Color color = s->status == PAGE_STATUS_OPEN     ? COLOR_OPEN
                          : s->status == PAGE_STATUS_CLOSED ? COLOR_CLOSED
                                                            : COLOR_MUTED;
        ty += px(ctx, 6) +
              screen_text(ctx, VIEW_BODY, "category.service-where", &s->where, x + pad,
                          ty + px(ctx, 6), inner,
                          (style){22, s->status != PAGE_STATUS_NONE, TEXT_ALIGN_START, 2, color});
    }
    if (s->phone)
        ty += px(ctx, 6) + screen_plain(ctx, VIEW_BODY, "category.service-phone", s->phone, "it",
                                        x + pad, ty + px(ctx, 6), inner,
                                        (style){24, true, TEXT_ALIGN_START, 1, COLOR_INK});
    if (s->example)
        ty += px(ctx, 10) + screen_example_mark(ctx, page, x + pad, ty + px(ctx, 10), inner);
    screen_chevron(ctx, x + w - pad - px(ctx, 32), y + pad);
    float h = ty + pad - y;
    screen_card_height(ctx, card, h);
    return h;
}

/* `count` cards from `first` (articles first, then services), in rows of
 * `columns`; returns the y after them. */
static float cards(screen_ctx *ctx, const page *page, size_t first, size_t count, float y)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float gap = px(ctx, 16);
    int columns = screen_columns(ctx, w - 2 * margin, 660, 2);
    float row_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    size_t articles = page->category.article_count;
    for (size_t start = first; start < first + count; start += (size_t)columns) {
        int ids[2] = {-1, -1};
        float tallest = 0;
        for (size_t c = 0; c < (size_t)columns && start + c < first + count; c++) {
            size_t i = start + c;
            float x = margin + (float)c * (row_w + gap), h;
            if (i < articles)
                h = article_row(ctx, &page->category.articles[i], x, y, row_w, &ids[c]);
            else
                h = service_row(ctx, page, &page->category.services[i - articles], x, y, row_w,
                                &ids[c]);
            tallest = h > tallest ? h : tallest;
        }
        for (int c = 0; c < columns; c++)
            screen_card_height(ctx, ids[c], tallest);
        y += tallest + gap;
    }
    return y;
}

static float group_heading(screen_ctx *ctx, const page *page, const char *msgid, float y)
{
    float margin = screen_margin(ctx);
    return screen_ui(ctx, VIEW_BODY, "category.heading", msgid, NULL, page, margin, y,
                     screen_width(ctx) - 2 * margin,
                     (style){24, true, TEXT_ALIGN_START, 0, COLOR_MUTED}) +
           px(ctx, 10);
}

float screen_category_rows(screen_ctx *ctx, const page *page, float y)
{
    size_t articles = page->category.article_count, services = page->category.service_count;
    if (articles) {
        /* TRANSLATORS: heading of the articles (workers'-rights guides) in
         * a category's list. */
        y += group_heading(ctx, page, N_("Guides"), y);
        y = cards(ctx, page, 0, articles, y);
    }
    if (services) {
        if (articles)
            y += px(ctx, 12);
        /* TRANSLATORS: heading of the offices, desks and numbers (services)
         * in a category's list. */
        y += group_heading(ctx, page, N_("Offices"), y);
        y = cards(ctx, page, articles, services, y);
    }
    return y;
}

void screen_category(screen_ctx *ctx, const page *page)
{
    float y = px(ctx, 24);
    y += screen_heading(ctx, "category.title", &page->category.title, y) + px(ctx, 20);
    screen_end(ctx, screen_category_rows(ctx, page, y), 24);
}
