/* operator.c - the operator's settings: the site's town, the languages on
 * the kiosk, the idle timeout, the counts, reload, export, exit; then the
 * kiosk's health (uptime and restarts, the catalogue in service, the last
 * one refused) and a chart of the screens shown per language over the last
 * days.  Rows of buttons flow onto more lines on a narrow screen; the
 * screen scrolls. */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* The catalogue in service and the last refused update (docs/kiosk.md,
 * "Updates"), in the health panel; returns the height taken. */
static float catalogue_block(screen_ctx *ctx, const page *page, float x, float y, float w)
{
    const char *what;
    char line[1024];
    if (!page->operator.catalog_version) {
        what = N_("No catalogue in service.");
        snprintf(line, sizeof line, "%s", _(what));
    } else if (!page->operator.catalog_signer[0]) {
        /* TRANSLATORS: %1$lld is the catalogue's version (a number), %2$s
           its build date and time ("2026-12-06 10:00 UTC"). */
        what = N_("Catalogue version %1$lld, built %2$s, not signed");
        snprintf(line, sizeof line, _(what), page->operator.catalog_version,
                 page->operator.catalog_built);
    } else {
        /* TRANSLATORS: %1$lld is the catalogue's version (a number), %2$s
           its build date and time ("2026-12-06 10:00 UTC"), %3$s the name
           of the key that signed it. */
        what = N_("Catalogue version %1$lld, built %2$s, signed by %3$s");
        snprintf(line, sizeof line, _(what), page->operator.catalog_version,
                 page->operator.catalog_built, page->operator.catalog_signer);
    }
    float h = screen_ui(ctx, VIEW_BODY, "operator.catalogue", what, line, page, x, y, w,
                        (style){22, false, TEXT_ALIGN_START, 2, COLOR_INK}) +
              px(ctx, 6);
    bool refused = page->operator.refused_when[0];
    const char *last = N_("No update refused.");
    if (refused) {
        /* TRANSLATORS: %1$s is when ("2026-12-06 10:31 UTC"), %2$s the
           file's name, %3$s the reason, in English, for the technician. */
        last = N_("Last refused update: %1$s, %2$s: %3$s");
        snprintf(line, sizeof line, _(last), page->operator.refused_when,
                 page->operator.refused_file, page->operator.refused_why);
    } else {
        snprintf(line, sizeof line, "%s", _(last));
    }
    h += screen_ui(ctx, VIEW_BODY, "operator.update", last, line, page, x, y + h, w,
                   (style){22, false, TEXT_ALIGN_START, 4, refused ? COLOR_CLOSED : COLOR_MUTED});
    return h + px(ctx, 8);
}

/* The health panel: how long the kiosk has run and its restarts since the
 * computer started, the catalogue in service (version, date, signing key)
 * and the last catalogue refused.  Returns the y after it. */
static float operator_health(screen_ctx *ctx, const page *page, float y)
{
    const page_health *h = &page->operator.health;
    float margin = screen_margin(ctx), w = screen_width(ctx) - 2 * margin;
    view_fill(ctx->view, VIEW_BODY, (SDL_FRect){margin, y, w, px(ctx, 2)}, COLOR_CARD_EDGE);
    y += px(ctx, 16);
    y += screen_ui(ctx, VIEW_BODY, "operator.label", N_("How the kiosk is doing"), NULL, page,
                   margin, y, w, (style){22, true, TEXT_ALIGN_START, 2, COLOR_MUTED}) +
         px(ctx, 8);
    style line_style = {22, false, TEXT_ALIGN_START, 2, COLOR_INK};
    char line[1024], number[32];
    long minutes = h->uptime > 0 ? h->uptime / 60 : 0;
    if (h->restarts >= 0)
        snprintf(number, sizeof number, "%ld", h->restarts);
    else
        snprintf(number, sizeof number, "?");
    /* TRANSLATORS: how long the kiosk has run, in hours and minutes (the
       hours may be more than 24), then how many times it started again
       (after a crash) since the computer was switched on ("?" when not
       known). */
    const char *up = N_("Running for %1$ld h %2$02ld min \xc2\xb7 restarts since the computer "
                        "started: %3$s");
    snprintf(line, sizeof line, _(up), minutes / 60, minutes % 60, number);
    y += screen_ui(ctx, VIEW_BODY, "operator.health", up, line, page, margin, y, w, line_style) +
         px(ctx, 6);
    y += catalogue_block(ctx, page, margin, y, w);
    return y;
}

/* The chart: a row per language, its name (in its own script) at the
 * start, a bar as long as its count is to the largest, the count at the
 * end; a language never shown has an empty bar and 0.  Returns the y after
 * it. */
static float operator_visits(screen_ctx *ctx, const page *page, float y)
{
    float margin = screen_margin(ctx), w = screen_width(ctx) - 2 * margin;
    char line[256];
    /* TRANSLATORS: the title of a bar chart; %d is a number of days (30). */
    const char *title = N_("Screens shown per language, last %d days");
    snprintf(line, sizeof line, _(title), PAGES_VISIT_DAYS);
    y += px(ctx, 10);
    y += screen_ui(ctx, VIEW_BODY, "operator.label", title, line, page, margin, y, w,
                   (style){22, true, TEXT_ALIGN_START, 2, COLOR_MUTED}) +
         px(ctx, 10);
    float gap = px(ctx, 12), row = px(ctx, 40), bar_h = px(ctx, 24);
    float name_w = px(ctx, w > px(ctx, 700) ? 220 : 170), count_w = px(ctx, 90);
    float track_x = margin + name_w + gap, track_w = w - name_w - count_w - 2 * gap;
    style name_style = {20, false, TEXT_ALIGN_END, 1, COLOR_INK};
    style count_style = {20, true, TEXT_ALIGN_START, 1, COLOR_INK};
    for (size_t i = 0; i < page->operator.visit_count; i++) {
        const page_visits *v = &page->operator.visits[i];
        /* A row as tall as its name needs (Nastaliq's lines are tall). */
        float nh = screen_measure(ctx, v->name, v->code, name_w, name_style);
        float row_h = nh + px(ctx, 4) > row ? nh + px(ctx, 4) : row;
        float bar_y = y + (row_h - bar_h) / 2;
        screen_plain(ctx, VIEW_BODY, NULL, v->name, v->code, margin, y + (row_h - nh) / 2, name_w,
                     name_style);
        view_fill(ctx->view, VIEW_BODY, (SDL_FRect){track_x, bar_y, track_w, bar_h}, COLOR_FOOTER);
        view_frame(ctx->view, VIEW_BODY, (SDL_FRect){track_x, bar_y, track_w, bar_h},
                   COLOR_CARD_EDGE);
        if (v->count > 0 && page->operator.visits_most> 0) {
            float share = (float)((double)v->count / (double)page->operator.visits_most);
            float bw = track_w * share > px(ctx, 4) ? track_w * share : px(ctx, 4);
            view_fill(ctx->view, VIEW_BODY, (SDL_FRect){track_x, bar_y, bw, bar_h},
                      COLOR_BAR_BUTTON);
        }
        char count[32];
        snprintf(count, sizeof count, "%ld", v->count);
        float ch = screen_measure(ctx, count, "it", count_w, count_style);
        screen_plain(ctx, VIEW_BODY, NULL, count, "it", track_x + track_w + gap,
                     y + (row_h - ch) / 2, count_w, count_style);
        y += row_h;
    }
    return y;
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
    /* TRANSLATORS: %1$d is a number of months (18), %2$zu how many
     * services and guides of the catalogue were checked before that. */
    const char *old = N_("Services and guides checked more than %1$d months ago: %2$zu");
    snprintf(line, sizeof line, _(old), page->operator.old_months, page->operator.old_facts);
    y += screen_ui(ctx, VIEW_BODY, "operator.old-facts", old, line, page, margin, y, right - margin,
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
    y = operator_health(ctx, page, y);
    y = operator_visits(ctx, page, y);
    screen_end(ctx, y, 24);
}
