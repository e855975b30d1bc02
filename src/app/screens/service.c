/* service.c - a service: what it does, for whom, what to bring, where,
 * when, and its phones and QR code large.  Two columns on a wide screen
 * (phones and QR code at the end side); one on a narrow one, the phones
 * and QR code right under the name, where a visitor looks first. */
#include <math.h>

#include "qr.h"
#include "screen.h"
#include "ui_text.h"

static float section(screen_ctx *ctx, const page *page, const char *msgid, float x, float y,
                     float w)
{
    return screen_ui(ctx, VIEW_BODY, "service.section", msgid, NULL, page, x, y, w,
                     (style){22, true, TEXT_ALIGN_START, 0, COLOR_MUTED}) +
           px(ctx, 4);
}

static float body_text(screen_ctx *ctx, const char *slot, const page_text *t, float x, float y,
                       float w, float size)
{
    return screen_text(ctx, VIEW_BODY, slot, t, x, y, w,
                       (style){size, false, TEXT_ALIGN_START, 0, COLOR_INK});
}

static float hours_table(screen_ctx *ctx, const page_service *s, float x, float y, float w)
{
    float start = y;
    float day_w = w * 0.45f;
    for (size_t i = 0; i < s->hours_count; i++) {
        float h1 =
            screen_text(ctx, VIEW_BODY, "service.hours-day", &s->hours[i].day, x, y,
                        day_w - px(ctx, 12), (style){24, true, TEXT_ALIGN_START, 1, COLOR_INK});
        float h2 =
            screen_text(ctx, VIEW_BODY, "service.hours-ranges", &s->hours[i].ranges, x + day_w, y,
                        w - day_w, (style){24, false, TEXT_ALIGN_START, 2, COLOR_INK});
        y += (h1 > h2 ? h1 : h2) + px(ctx, 4);
    }
    return y - start;
}

/* A QR code of `payload`, 240 units a side, at the start of a column `w`
 * wide, a target that opens the QR screen, with its caption under it;
 * returns the height (0 when the code cannot be made). */
static float qr_code(screen_ctx *ctx, const page *page, const char *payload, const char *caption,
                     float x, float y, float w)
{
    int modules = 0;
    SDL_Surface *surface = ctx->renderer ? qr_surface(payload, &modules) : NULL;
    SDL_Texture *texture = surface ? SDL_CreateTextureFromSurface(ctx->renderer, surface) : NULL;
    SDL_FreeSurface(surface);
    if (!texture && ctx->renderer)
        return 0;
    float side = px(ctx, 240), start = y;
    if (modules > 0)
        side = floorf(side / (float)modules) * (float)modules;
    SDL_FRect r = {x, y, side, side};
    view_target(ctx->view, VIEW_BODY, r, COLOR_WHITE, ACTION_QR, page->service.id);
    if (texture)
        view_texture(ctx->view, VIEW_BODY, r, texture);
    y += side + px(ctx, 8);
    y += screen_ui(ctx, VIEW_BODY, "service.qr-caption", caption, NULL, page, x, y, w,
                   (style){22, false, TEXT_ALIGN_START, 0, COLOR_MUTED}) +
         px(ctx, 16);
    return y - start;
}

/* Phones, large, and the QR codes to take away; returns the height. */
static float contact(screen_ctx *ctx, const page *page, float x, float y, float w)
{
    const page_service *s = &page->service;
    float start = y;
    if (s->phone_count) {
        y += section(ctx, page, s->phone_count > 1 ? N_("Phones") : N_("Phone"), x, y, w);
        for (size_t i = 0; i < s->phone_count; i++)
            y += screen_plain(ctx, VIEW_BODY, "service.phone", s->phones[i], "it", x, y, w,
                              (style){40, true, TEXT_ALIGN_START, 1, COLOR_INK}) +
                 px(ctx, 6);
        y += px(ctx, 16);
    }
    /* The contact to save and, for a helpline, the number to call: side
     * by side where they fit, else one under the other. */
    float side = px(ctx, 240), gap = px(ctx, 24);
    bool across = s->contact && s->dial && w >= 2 * side + gap;
    float saved = 0, called = 0;
    if (s->contact)
        saved = qr_code(ctx, page, s->contact, N_("Scan with your phone to save the contact."), x,
                        y, across ? side : w);
    if (s->dial)
        called = qr_code(ctx, page, s->dial, N_("Scan with your phone to call this number."),
                         across ? x + side + gap : x, across ? y : y + saved, across ? side : w);
    y += across ? (saved > called ? saved : called) : saved + called;
    return y - start;
}

void screen_service(screen_ctx *ctx, const page *page)
{
    const page_service *s = &page->service;
    if (!s->id)
        return;
    float w = screen_width(ctx), margin = screen_margin(ctx);
    bool one_column = ctx->shape.narrow || (!s->phone_count && !s->contact);
    float side_w = one_column ? 0 : px(ctx, 360);
    float main_w = one_column ? w - 2 * margin : w - 2 * margin - side_w - px(ctx, 32);
    float side_x = margin + main_w + px(ctx, 32);
    float x = margin, y = px(ctx, 24);
    y += screen_text(ctx, VIEW_BODY, "service.title", &s->title, x, y, main_w,
                     (style){38, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
         px(ctx, 6);
    y += screen_text(ctx, VIEW_BODY, "service.agency", &s->agency, x, y, main_w,
                     (style){24, false, TEXT_ALIGN_START, 0, COLOR_MUTED}) +
         px(ctx, 16);
    if (s->confirm.text)
        y += screen_confirm_mark(ctx, page, &s->confirm, x, y, main_w) + px(ctx, 16);
    else if (s->checked.text)
        y += screen_checked_line(ctx, &s->checked, x, y - px(ctx, 8), main_w) + px(ctx, 8);
    if (one_column)
        y += contact(ctx, page, x, y, main_w);
    for (size_t i = 0; i < s->section_count; i++) {
        y += section(ctx, page, s->sections[i].heading_msgid, x, y, main_w);
        y += body_text(ctx, "service.section-text", &s->sections[i].text, x, y, main_w, 26) +
             px(ctx, 18);
    }
    for (size_t i = 0; i < s->document_count; i++) {
        if (i == 0)
            y += section(ctx, page, N_("What to bring"), x, y, main_w);
        screen_plain(ctx, VIEW_BODY, NULL, "\xe2\x80\xa2", page->language, x, y, px(ctx, 28),
                     (style){26, false, TEXT_ALIGN_START, 1, COLOR_INK});
        y += body_text(ctx, "service.document", &s->documents[i], x + px(ctx, 32), y,
                       main_w - px(ctx, 32), 26) +
             px(ctx, 6);
    }
    if (s->address) {
        y += px(ctx, 12) + section(ctx, page, N_("Address"), x, y + px(ctx, 12), main_w);
        /* An Italian address stays as it is written, in its own order. */
        y += screen_plain(ctx, VIEW_BODY, "service.address", s->address, "it", x, y, main_w,
                          (style){28, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
             px(ctx, 18);
    }
    if (s->directions.text) {
        y += section(ctx, page, N_("How to get there"), x, y, main_w);
        y += body_text(ctx, "service.directions", &s->directions, x, y, main_w, 24) + px(ctx, 18);
    }
    if (s->hours_count) {
        y += section(ctx, page, N_("Opening hours"), x, y, main_w);
        if (s->status.text && *s->status.text) {
            SDL_Color color = s->status_kind == PAGE_STATUS_OPEN ? COLOR_OPEN : COLOR_CLOSED;
            y += screen_text(ctx, VIEW_BODY, "service.status", &s->status, x, y, main_w,
                             (style){24, true, TEXT_ALIGN_START, 0, color}) +
                 px(ctx, 8);
        }
        y += hours_table(ctx, s, x, y, main_w) + px(ctx, 8);
    }
    if (s->hours_note.text) {
        if (!s->hours_count)
            y += section(ctx, page, N_("When"), x, y, main_w);
        y += body_text(ctx, "service.hours-note", &s->hours_note, x, y, main_w, 24) + px(ctx, 18);
    }
    if (s->languages.text) {
        y += section(ctx, page, N_("Languages spoken"), x, y, main_w);
        y += body_text(ctx, "service.languages", &s->languages, x, y, main_w, 24) + px(ctx, 18);
    }
    if (s->agency_about.text) {
        /* TRANSLATORS: heading of what the agency behind a service is
         * ("FLAI-CGIL is a trade union..."), on the service's screen. */
        y += section(ctx, page, N_("Who they are"), x, y, main_w);
        y += body_text(ctx, "service.agency-about", &s->agency_about, x, y, main_w, 24) +
             px(ctx, 18);
    }
    if (s->email) {
        y += section(ctx, page, N_("Email"), x, y, main_w);
        y += screen_plain(ctx, VIEW_BODY, "service.email", s->email, "en", x, y, main_w,
                          (style){24, false, TEXT_ALIGN_START, 0, COLOR_INK}) +
             px(ctx, 18);
    }
    if (s->web) {
        y += section(ctx, page, N_("Website"), x, y, main_w);
        y += screen_plain(ctx, VIEW_BODY, "service.web", s->web, "en", x, y, main_w,
                          (style){24, false, TEXT_ALIGN_START, 0, COLOR_INK}) +
             px(ctx, 18);
    }
    if (s->source.text)
        y += px(ctx, 8) + screen_text(ctx, VIEW_BODY, "service.source", &s->source, x,
                                      y + px(ctx, 8), main_w,
                                      (style){20, false, TEXT_ALIGN_START, 0, COLOR_MUTED});
    if (!one_column)
        contact(ctx, page, side_x, px(ctx, 24), side_w);
    screen_end(ctx, y, 24);
}
