/* operator.c - the operator's settings: the site's town, the languages on
 * the kiosk, the idle timeout, the counts, reload, export, exit.  Rows of
 * buttons flow onto more lines on a narrow screen. */
#include <stdio.h>
#include <string.h>

#include "screen.h"
#include "ui_text.h"

/* Places a button `bw` wide at (*x, *y) in a row from `margin` to
 * `right`, starting a new line when it does not fit. */
static SDL_FRect flow(screen_ctx *ctx, float *x, float *y, float bw, float bh, float margin,
                      float right)
{
    if (*x > margin && *x + bw > right) {
        *x = margin;
        *y += bh + px(ctx, 12);
    }
    if (bw > right - margin)
        bw = right - margin;
    SDL_FRect r = {*x, *y, bw, bh};
    *x += bw + px(ctx, 12);
    return r;
}

void screen_operator(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = screen_margin(ctx), right = w - margin;
    float y = px(ctx, 16);
    y += screen_ui(ctx, VIEW_BODY, "operator.title", N_("Operator"), NULL, page, margin, y,
                   right - margin, (style){34, true, TEXT_ALIGN_START, 1, COLOR_INK}) +
         px(ctx, 12);
    style label = {22, true, TEXT_ALIGN_START, 2, COLOR_MUTED};
    y += screen_ui(ctx, VIEW_BODY, "operator.label", N_("Where this kiosk stands"), NULL, page,
                   margin, y, right - margin, label) +
         px(ctx, 6);
    float x = margin, bh = px(ctx, 64);
    for (size_t i = 0; i < PAGES_TOWN_COUNT; i++) {
        const char *town = pages_towns[i];
        bool other = strcmp(town, "other") == 0;
        const char *name = other ? _("Elsewhere") : pages_town_name(town);
        bool on = strcmp(page->operator.town, town) == 0;
        SDL_FRect r = flow(ctx, &x, &y, px(ctx, strlen(name) > 12 ? 360 : 220), bh, margin, right);
        screen_button(ctx, VIEW_BODY, other ? "operator.town" : NULL, r,
                      on ? COLOR_TOGGLE_ON : COLOR_CARD_EDGE, on ? COLOR_WHITE : COLOR_INK, NULL,
                      name, other ? "Elsewhere" : NULL, page, 22, ACTION_OPERATOR_TOWN, town);
    }
    y += bh + px(ctx, 20);
    y += screen_ui(ctx, VIEW_BODY, "operator.label",
                   N_("Languages on the kiosk (touch to switch on or off)"), NULL, page, margin, y,
                   right - margin, label) +
         px(ctx, 6);
    int columns = screen_columns(ctx, right - margin, 160, 7);
    float gap = px(ctx, 12);
    float bw = (right - margin - (float)(columns - 1) * gap) / (float)columns;
    for (size_t i = 0; i < page->operator.language_count; i++) {
        const page_operator_language *l = &page->operator.languages[i];
        SDL_FRect r = {margin + (float)(i % (size_t)columns) * (bw + gap),
                       y + (float)(i / (size_t)columns) * px(ctx, 76), bw, bh};
        view_target(ctx->view, VIEW_BODY, r, l->on ? COLOR_TOGGLE_ON : COLOR_CARD_EDGE,
                    ACTION_OPERATOR_LANGUAGE, l->code);
        /* Each name in its own script, centred in its button. */
        style st = {22, false, TEXT_ALIGN_CENTER, 1, l->on ? COLOR_WHITE : COLOR_INK};
        float top, bottom;
        float h = screen_measure_ink(ctx, l->name, l->code, r.w - px(ctx, 12), st, &top, &bottom);
        screen_plain(ctx, VIEW_BODY, NULL, l->name, l->code, r.x + px(ctx, 6),
                     screen_ink_centred(r.y, r.h, h, top, bottom), r.w - px(ctx, 12), st);
    }
    size_t rows = (page->operator.language_count +(size_t) columns - 1) / (size_t)columns;
    y += (float)rows * px(ctx, 76) + px(ctx, 12);
    char line[256];
    const char *idle = N_("Back to the start after %d seconds without a touch");
    snprintf(line, sizeof line, _(idle), page->operator.idle_timeout);
    float controls = px(ctx, 100) * 2 + px(ctx, 12);
    bool beside = right - margin - controls - px(ctx, 20) >= px(ctx, 400);
    float text_w = beside ? right - margin - controls - px(ctx, 20) : right - margin;
    float lh = screen_ui(ctx, VIEW_BODY, "operator.idle", idle, line, page, margin,
                         y + (beside ? px(ctx, 18) : 0), text_w, label);
    float cx = beside ? right - controls : margin;
    float cy = beside ? y : y + lh + px(ctx, 8);
    screen_button(ctx, VIEW_BODY, NULL, (SDL_FRect){cx, cy, px(ctx, 100), bh}, COLOR_CARD_EDGE,
                  COLOR_INK, NULL, "\xe2\x88\x92", NULL, page, 30, ACTION_OPERATOR_IDLE_LESS, NULL);
    screen_button(ctx, VIEW_BODY, NULL, (SDL_FRect){cx + px(ctx, 112), cy, px(ctx, 100), bh},
                  COLOR_CARD_EDGE, COLOR_INK, NULL, "+", NULL, page, 30, ACTION_OPERATOR_IDLE_MORE,
                  NULL);
    y = cy + bh + px(ctx, 20);
    /* TRANSLATORS: counts of screens shown, today and since counting began. */
    const char *counts = N_("Screens shown today: %1$ld \xc2\xb7 in all: %2$ld");
    snprintf(line, sizeof line, _(counts), page->operator.today, page->operator.total);
    y += screen_ui(ctx, VIEW_BODY, "operator.counts", counts, line, page, margin, y, right - margin,
                   (style){24, false, TEXT_ALIGN_START, 2, COLOR_INK}) +
         px(ctx, 8);
    if (page->operator.message[0])
        y += screen_ui(ctx, VIEW_BODY, "operator.message", page->operator.message_msgid,
                       page->operator.message, page, margin, y, right - margin,
                       (style){20, false, TEXT_ALIGN_START, 2, COLOR_OPEN}) +
             px(ctx, 8);
    y += px(ctx, 8);
    static const struct {
        const char *label;
        int action;
    } buttons[] = {
        {N_("Reload the catalogue"), ACTION_OPERATOR_RELOAD},
        {N_("Export the counts (CSV)"), ACTION_OPERATOR_EXPORT},
        {N_("Save and close"), ACTION_CANCEL},
        {N_("Quit the kiosk"), ACTION_OPERATOR_EXIT},
    };
    /* Three buttons in a row; "Quit the kiosk" apart, on a row of its own
     * at the end side, where no one taps it for "Save and close". */
    int per_row = screen_columns(ctx, right - margin, 240, 3);
    float bwid = (right - margin - (float)(per_row - 1) * gap) / (float)per_row;
    for (size_t i = 0; i < 4; i++) {
        SDL_FRect r = {margin + (float)(i % (size_t)per_row) * (bwid + gap),
                       y + (float)(i / (size_t)per_row) * px(ctx, 84), bwid, px(ctx, 72)};
        if (i == 3)
            r = (SDL_FRect){right - bwid,
                            y + (float)((3 + per_row - 1) / per_row) * px(ctx, 84) + px(ctx, 24),
                            bwid, px(ctx, 72)};
        screen_button(ctx, VIEW_BODY, "operator.button", r,
                      buttons[i].action == ACTION_OPERATOR_EXIT ? COLOR_HELP : COLOR_BAR_BUTTON,
                      COLOR_WHITE, NULL, _(buttons[i].label), buttons[i].label, page, 22,
                      buttons[i].action, NULL);
    }
    y += (float)((3 + per_row - 1) / per_row + 1) * px(ctx, 84) + px(ctx, 32);
    screen_end(ctx, y, 8);
}
