/* search.c - the search screen: the query line at the top, the results
 * as the visitor types (the matched words underlined, each with its kind
 * and pictogram), the on-screen keyboard at the bottom (fixed, the results
 * scroll between them).  Nothing found: it says so, offers Help now and
 * the topics.  The page has done the searching (pages.c): this file only
 * lays out. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "screen.h"
#include "ui_text.h"

/* A copy of the last item added since `before`, when it is a text (what
 * screen_plain and screen_text just laid out): a copy, as adding items
 * moves them (the layout it points to stays the view's). */
static bool last_text(const screen_ctx *ctx, size_t before, view_item *out)
{
    const view *v = ctx->view;
    for (size_t i = v->count; i-- > before;)
        if (v->items[i].kind == VIEW_TEXT) {
            *out = v->items[i];
            return true;
        }
    return false;
}

/* A glyph's box [x, x + w) within a text item, as logical x of the view:
 * the view mirrors the item's box in right-to-left screens, not its
 * glyphs, so the glyph's place is counted from the box's other side. */
static float logical_x(const screen_ctx *ctx, const view_item *item, float x, float w)
{
    return ctx->view->rtl ? item->rect.x + item->rect.w - x - w : item->rect.x + x;
}

/* Where the caret goes: after the text's last character in logical
 * order, on the side that character's run reads towards.  In the glyphs
 * (visual order), the last character's neighbour that comes before it
 * logically says which way its run goes; alone, its own direction does. */
static void caret(screen_ctx *ctx, const view_item *item, const char *text, SDL_Color ink)
{
    const text_layout *layout = item->layout;
    size_t lines = text_layout_line_count(layout);
    if (!lines)
        return;
    const text_line *line = text_layout_line(layout, lines - 1);
    float x = line->rtl ? line->x + line->width : line->x;
    if (line->glyph_count) {
        size_t last = 0;
        for (size_t g = 1; g < line->glyph_count; g++)
            if (line->glyphs[g].cluster >= line->glyphs[last].cluster)
                last = g;
        const text_glyph *g = &line->glyphs[last];
        bool rtl;
        if (last > 0 && line->glyphs[last - 1].cluster < g->cluster)
            rtl = false;
        else if (last + 1 < line->glyph_count && line->glyphs[last + 1].cluster < g->cluster)
            rtl = true;
        else {
            UChar32 c;
            int32_t at = (int32_t)g->cluster;
            U8_NEXT(text, at, (int32_t)strlen(text), c);
            UCharDirection d = u_charDirection(c);
            rtl = d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC ||
                  (d != U_LEFT_TO_RIGHT && line->rtl);
        }
        x = rtl ? g->x : g->x + g->advance;
    }
    float w = px(ctx, 3);
    float top = line->baseline - line->ascent, h = line->ascent + line->descent;
    view_fill(ctx->view, item->layer,
              (SDL_FRect){logical_x(ctx, item, x - w / 2, w), item->rect.y + top, w, h}, ink);
}

/* A line under the glyphs of bytes [start, end) of a laid-out text. */
static void underline(screen_ctx *ctx, const view_item *item, size_t start, size_t end,
                      SDL_Color color)
{
    const text_layout *layout = item->layout;
    float thick = px(ctx, 4);
    for (size_t l = 0; l < text_layout_line_count(layout); l++) {
        const text_line *line = text_layout_line(layout, l);
        float y = item->rect.y + line->baseline + line->descent - thick;
        float from = 0, to = 0;
        bool any = false;
        for (size_t g = 0; g < line->glyph_count; g++) {
            const text_glyph *glyph = &line->glyphs[g];
            if (glyph->cluster < start || glyph->cluster >= end)
                continue;
            float a = glyph->x, b = glyph->x + glyph->advance;
            from = any && from < a ? from : a;
            to = any && to > b ? to : b;
            any = true;
        }
        if (any && to > from)
            view_fill(ctx->view, item->layer,
                      (SDL_FRect){logical_x(ctx, item, from, to - from), y, to - from, thick},
                      color);
    }
}

/* ---- the query line -------------------------------------------------------- */

static float query_line(screen_ctx *ctx, const page *page, float top)
{
    float w = screen_width(ctx), margin = px(ctx, 16), h = px(ctx, 96);
    float bw = px(ctx, 88), gap = px(ctx, 12);
    SDL_FRect box = {margin, top + px(ctx, 12), w - 2 * margin - bw - gap, h - px(ctx, 24)};
    view_fill(ctx->view, VIEW_FIXED, (SDL_FRect){0, top, w, h}, COLOR_FOOTER);
    view_fill(ctx->view, VIEW_FIXED, box, COLOR_BAR);
    view_fill(ctx->view, VIEW_FIXED, (SDL_FRect){box.x + 3, box.y + 3, box.w - 6, box.h - 6},
              COLOR_CARD);
    float pad = px(ctx, 14), icon_w = px(ctx, 44);
    screen_plain(ctx, VIEW_FIXED, NULL, screen_icon(ctx, "search"), "und", box.x + pad,
                 box.y + px(ctx, 6), icon_w, (style){28, false, TEXT_ALIGN_CENTER, 1, COLOR_MUTED});
    float tx = box.x + pad + icon_w + px(ctx, 8), tw = box.x + box.w - pad - tx;
    char shown[CATALOG_SEARCH_MAX_BYTES + 128];
    snprintf(shown, sizeof shown, "%s%s", page->search.query, page->search.composing);
    /* The line keeps one size: a button's text does not grow (large text). */
    bool large = ctx->large_text;
    ctx->large_text = false;
    if (shown[0]) {
        size_t before = ctx->view->count;
        style st = {30, false, TEXT_ALIGN_START, 1, COLOR_INK};
        /* A query longer than the line shows its end, where the visitor
         * types, after an ellipsis. */
        style whole = st;
        whole.max_lines = 0;
        float one = screen_measure(ctx, "M", page->language, tw, whole);
        size_t dropped = 0, length = strlen(shown);
        char line[sizeof shown + 4];
        snprintf(line, sizeof line, "%s", shown);
        while (dropped < length &&
               screen_measure(ctx, line, page->language, tw, whole) > one * 1.5f) {
            do
                dropped++;
            while (dropped < length && ((unsigned char)shown[dropped] & 0xc0) == 0x80);
            snprintf(line, sizeof line, "\xe2\x80\xa6%s", shown + dropped); /* U+2026 */
        }
        size_t shift = dropped ? 3 : 0; /* bytes of the ellipsis */
        float th = screen_measure(ctx, line, page->language, tw, st);
        screen_plain(ctx, VIEW_FIXED, "search.query", line, page->language, tx,
                     box.y + (box.h - th) / 2, tw, st);
        view_item item;
        if (last_text(ctx, before, &item)) {
            size_t typed = strlen(page->search.query);
            typed = typed > dropped ? typed - dropped + shift : shift;
            if (page->search.composing[0])
                underline(ctx, &item, typed, strlen(line), COLOR_MUTED);
            caret(ctx, &item, line, COLOR_INK);
        }
    } else {
        style st = {24, false, TEXT_ALIGN_START, 2, COLOR_MUTED};
        float th = screen_measure(ctx, page->search.prompt.text, page->language, tw, st);
        screen_text(ctx, VIEW_FIXED, "search.prompt", &page->search.prompt, tx,
                    box.y + (box.h - th) / 2, tw, st);
    }
    ctx->large_text = large;
    /* The keyboard shown or hidden (results have more room without it). */
    screen_button(ctx, VIEW_FIXED, NULL,
                  (SDL_FRect){w - margin - bw, top + px(ctx, 12), bw, h - px(ctx, 24)},
                  page->search.keyboard ? COLOR_TOGGLE_ON : COLOR_BAR_BUTTON, COLOR_WHITE,
                  screen_icon(ctx, "keyboard"), NULL, NULL, page, 28, ACTION_KEY_KEYBOARD, NULL);
    return h;
}

/* ---- the keyboard -------------------------------------------------------------- */

/* A key's width in keys: the kiosk's own keys are wider. */
static float key_weight(const keyboard_key *key)
{
    const char *c = key->choice[0];
    return strcmp(c, "{space}") == 0                                 ? 3.0f
           : strcmp(c, "{switch}") == 0 || strcmp(c, "{erase}") == 0 ? 1.5f
                                                                     : 1.0f;
}

typedef struct keys {
    screen_ctx *ctx;
    const page *page;
    bool flip; /* the layout runs the other way from the screen */
    float unit, gap, height;
} keys;

static void key(keys *k, float x, float y, float w, const char *label, const char *language,
                SDL_Color fill, SDL_Color ink, int action, const char *arg)
{
    screen_ctx *ctx = k->ctx;
    if (k->flip)
        x = screen_width(ctx) - x - w;
    SDL_FRect r = {x, y, w, k->height};
    view_target(ctx->view, VIEW_FIXED, r, fill, action, arg);
    style st = {30, false, TEXT_ALIGN_CENTER, 1, ink};
    bool large = ctx->large_text;
    ctx->large_text = false; /* keys keep their size */
    float top, bottom;
    float h = screen_measure_ink(ctx, label, language, w - px(ctx, 4), st, &top, &bottom);
    /* A script whose lines are tall (Nastaliq) is drawn smaller, inside its key. */
    float room = k->height - px(ctx, 4);
    if (h > room) {
        st.size = st.size * room / h;
        h = screen_measure_ink(ctx, label, language, w - px(ctx, 4), st, &top, &bottom);
    }
    screen_plain(ctx, VIEW_FIXED, NULL, label, language, x + px(ctx, 2),
                 screen_ink_centred(y, k->height, h, top, bottom), w - px(ctx, 4), st);
    ctx->large_text = large;
}

/* One row of keys, centred; `count` keys of `row`. */
static void key_row(keys *k, const keyboard_layout *layout, int r, float y)
{
    const page *page = k->page;
    float total = 0;
    for (int i = 0; i < layout->key_count[r]; i++)
        if (page->search.other || strcmp(layout->keys[r][i].choice[0], "{switch}") != 0)
            total += key_weight(&layout->keys[r][i]) * (k->unit + k->gap);
    float x = (screen_width(k->ctx) - (total - k->gap)) / 2;
    for (int i = 0; i < layout->key_count[r]; i++) {
        const keyboard_key *kk = &layout->keys[r][i];
        float w = key_weight(kk) * (k->unit + k->gap) - k->gap;
        const char *c = kk->choice[0];
        char where[16];
        snprintf(where, sizeof where, "%d:%d", r, i);
        if (strcmp(c, "{space}") == 0)
            key(k, x, y, w, screen_icon(k->ctx, "space"), "und", COLOR_CARD, COLOR_MUTED,
                ACTION_KEY, " ");
        else if (strcmp(c, "{erase}") == 0)
            key(k, x, y, w, screen_icon(k->ctx, layout->rtl ? "erase-rtl" : "erase-ltr"), "und",
                COLOR_BAR_BUTTON, COLOR_WHITE, ACTION_KEY_ERASE, NULL);
        else if (strcmp(c, "{switch}") == 0) {
            if (!page->search.other)
                continue; /* nowhere to switch to: the row closes up */
            key(k, x, y, w, page->search.other->label, page->search.other->text_language,
                COLOR_BAR_BUTTON, COLOR_WHITE, ACTION_KEY_SWITCH, NULL);
        } else if (kk->choice_count > 1) {
            /* Its characters offered: a mark in the top corner says there are more. */
            key(k, x, y, w, c, layout->text_language, COLOR_CARD, COLOR_INK, ACTION_KEY_CHOICES,
                where);
            float m = px(k->ctx, 8), mx = x + w - m - px(k->ctx, 5);
            if (k->flip)
                mx = screen_width(k->ctx) - x - w + px(k->ctx, 5);
            view_fill(k->ctx->view, VIEW_FIXED, (SDL_FRect){mx, y + px(k->ctx, 5), m, m},
                      COLOR_MUTED);
        } else
            key(k, x, y, w, c, layout->text_language, COLOR_CARD, COLOR_INK, ACTION_KEY, c);
        x += w + k->gap;
    }
}

/* The keyboard above the bottom of the body; returns its top. */
static float keyboard(screen_ctx *ctx, const page *page, float bottom)
{
    const keyboard_layout *layout = page->search.keyboard;
    float w = screen_width(ctx);
    keys k = {.ctx = ctx, .page = page, .gap = px(ctx, 6)};
    /* 11 keys across, never under 64 units (9 mm), never wider than 110. */
    k.unit = (w - 2 * px(ctx, 16) - 10 * k.gap) / 11;
    if (k.unit > px(ctx, 110))
        k.unit = px(ctx, 110);
    if (k.unit < px(ctx, SCREEN_SMALLEST_TARGET))
        k.unit = px(ctx, SCREEN_SMALLEST_TARGET);
    k.height = px(ctx, ctx->shape.portrait ? 80 : SCREEN_SMALLEST_TARGET);
    k.flip = layout->rtl != ctx->view->rtl;
    float pitch = k.height + k.gap;
    float h = (float)layout->row_count * pitch + k.gap;
    float top = bottom - h;
    view_fill(ctx->view, VIEW_FIXED, (SDL_FRect){0, top, w, h}, COLOR_FOOTER);
    if (page->search.choices) {
        /* A key's characters, large, in one row where the keyboard was,
         * and a way back to the keyboard. */
        const keyboard_key *kk = page->search.choices;
        float tall = h - 2 * k.gap < 2 * k.height ? h - 2 * k.gap : 2 * k.height;
        k.height = tall > k.height ? tall : k.height;
        float cw = k.unit * 1.25f;
        float total = (float)(kk->choice_count + 1) * (cw + k.gap) - k.gap;
        if (total > w - 2 * px(ctx, 16))
            cw = (w - 2 * px(ctx, 16) - (float)kk->choice_count * k.gap) /
                 (float)(kk->choice_count + 1);
        total = (float)(kk->choice_count + 1) * (cw + k.gap) - k.gap;
        float x = (w - total) / 2, y = top + k.gap + (h - 2 * k.gap - k.height) / 2;
        for (int i = 0; i < kk->choice_count; i++, x += cw + k.gap)
            key(&k, x, y, cw, kk->choice[i], layout->text_language, COLOR_CARD, COLOR_INK,
                ACTION_KEY, kk->choice[i]);
        key(&k, x, y, cw, screen_icon(ctx, "close"), "und", COLOR_BAR_BUTTON, COLOR_WHITE,
            ACTION_KEY_CHOICES, "");
        return top;
    }
    for (int r = 0; r < layout->row_count; r++)
        key_row(&k, layout, r, top + k.gap + (float)r * pitch);
    return top;
}

/* ---- results ------------------------------------------------------------------ */

static float result_row(screen_ctx *ctx, const page_search_result *r, float x, float y, float w)
{
    float pad = px(ctx, 18), icon_w = px(ctx, ctx->shape.narrow ? 48 : 64);
    int card = screen_card(ctx, (SDL_FRect){x, y, w, 0}, r->action, r->id);
    float ih = screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, r->icon), "und", x + pad,
                            y + pad, icon_w, (style){36, false, TEXT_ALIGN_CENTER, 1, COLOR_BAR});
    float tx = x + pad + icon_w + px(ctx, 12), inner = w - (tx - x) - pad - px(ctx, 40);
    float ty = y + pad;
    ty += screen_text(ctx, VIEW_BODY, "search.kind", &r->kind, tx, ty, inner,
                      (style){22, true, TEXT_ALIGN_START, 1, COLOR_MUTED}) +
          px(ctx, 4);
    size_t before = ctx->view->count;
    ty += screen_text(ctx, VIEW_BODY, "search.title", &r->title, tx, ty, inner,
                      (style){27, true, TEXT_ALIGN_START, 3, COLOR_INK});
    view_item title;
    bool laid = last_text(ctx, before, &title);
    for (size_t m = 0; laid && m < r->match_count; m++)
        underline(ctx, &title, r->matches[m].start, r->matches[m].start + r->matches[m].length,
                  COLOR_OPEN);
    screen_chevron(ctx, x + w - pad - px(ctx, 32), y + pad);
    float h = ty + pad - y;
    if (h < ih + 2 * pad)
        h = ih + 2 * pad;
    if (h < px(ctx, 96))
        h = px(ctx, 96);
    screen_card_height(ctx, card, h);
    return h;
}

/* The topics, as on the home screen but in rows (the search screen's body
 * is short), after the sentence that says nothing was found. */
static float topics(screen_ctx *ctx, const page *page, float y)
{
    float w = screen_width(ctx), margin = screen_margin(ctx), gap = px(ctx, 12);
    int columns = screen_columns(ctx, w - 2 * margin, 420, 3);
    float cw = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    for (size_t first = 0; first < page->home.count; first += (size_t)columns) {
        int cards[3] = {-1, -1, -1};
        float tallest = 0;
        for (size_t c = 0; c < (size_t)columns && first + c < page->home.count; c++) {
            const page_category_tile *t = &page->home.tiles[first + c];
            float x = margin + (float)c * (cw + gap), pad = px(ctx, 14), icon_w = px(ctx, 48);
            cards[c] = screen_card(ctx, (SDL_FRect){x, y, cw, 0}, ACTION_CATEGORY, t->id);
            float ih =
                screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, t->icon), "und", x + pad,
                             y + pad, icon_w, (style){32, false, TEXT_ALIGN_CENTER, 1, COLOR_BAR});
            float tx = x + pad + icon_w + px(ctx, 10);
            float th =
                screen_text(ctx, VIEW_BODY, "search.topic", &t->name, tx, y + pad,
                            cw - (tx - x) - pad, (style){24, true, TEXT_ALIGN_START, 2, COLOR_INK});
            float h = (th > ih ? th : ih) + 2 * pad;
            h = h < px(ctx, 80) ? px(ctx, 80) : h;
            tallest = h > tallest ? h : tallest;
        }
        for (int c = 0; c < columns; c++)
            screen_card_height(ctx, cards[c], tallest);
        y += tallest + gap;
    }
    return y;
}

static float nothing_found(screen_ctx *ctx, const page *page, float y)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    y += screen_text(ctx, VIEW_BODY, "search.nothing", &page->search.nothing, margin, y,
                     w - 2 * margin, (style){28, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
         px(ctx, 16);
    /* Help now, large, first: who finds nothing may need a person. */
    float bw = w - 2 * margin < px(ctx, 520) ? w - 2 * margin : px(ctx, 520);
    screen_button(ctx, VIEW_BODY, "search.help", (SDL_FRect){margin, y, bw, px(ctx, 80)},
                  COLOR_HELP, COLOR_WHITE, screen_icon(ctx, "help"), _("Help now"), "Help now",
                  page, 26, ACTION_HELP, NULL);
    y += px(ctx, 80) + px(ctx, 20);
    return topics(ctx, page, y);
}

void screen_search(screen_ctx *ctx, const page *page)
{
    view *v = ctx->view;
    float top = v->body_top;
    v->body_top = top + query_line(ctx, page, top);
    if (page->search.keyboard)
        v->body_bottom = keyboard(ctx, page, v->body_bottom);
    float w = screen_width(ctx), margin = screen_margin(ctx), gap = px(ctx, 12);
    float y = px(ctx, 16);
    if (page->search.count) {
        int columns = screen_columns(ctx, w - 2 * margin, 560, 2);
        float cw = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
        for (size_t i = 0; i < page->search.count; i += (size_t)columns) {
            float tallest = 0;
            int cards[2] = {-1, -1};
            for (size_t c = 0; c < (size_t)columns && i + c < page->search.count; c++) {
                cards[c] = (int)v->count; /* the card's edge is the next item */
                float h = result_row(ctx, &page->search.results[i + c],
                                     margin + (float)c * (cw + gap), y, cw);
                tallest = h > tallest ? h : tallest;
            }
            for (int c = 0; c < columns; c++)
                screen_card_height(ctx, cards[c], tallest);
            y += tallest + gap;
        }
    } else if (page->search.query[0]) {
        y = nothing_found(ctx, page, y);
    } else {
        y = topics(ctx, page, y);
    }
    screen_end(ctx, y, 16);
}
