/* screens.c - what each kiosk screen shows.
 *
 * Every builder fills k->view once, in design pixels of a 1280 x 800 screen
 * multiplied by k->scale, in logical coordinates (x from the start side:
 * view.c mirrors for right-to-left languages).  Every string comes from
 * the catalogue (content, in the person's language or its fallback) or from
 * _() (the kiosk's own words), and goes through the text engine. */
#define _GNU_SOURCE /* qsort_r (glibc; POSIX.1-2024) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/utf8.h>

#include "kiosk_internal.h"
#include "log.h"
#include "paths.h"
#include "qr.h"
#include "ui_text.h"

/* The colour under everything (kiosk_draw clears to it). */
const SDL_Color KIOSK_BACKGROUND = {244, 241, 234, 255};

/* Colours: dark text on a warm light background, one strong colour for the
 * top bar, red only for "Help now". */
#define BACKGROUND KIOSK_BACKGROUND
static const SDL_Color BAR = {31, 58, 95, 255};
static const SDL_Color BAR_BUTTON = {52, 86, 130, 255};
static const SDL_Color WHITE = {255, 255, 255, 255};
static const SDL_Color INK = {27, 27, 27, 255};
static const SDL_Color MUTED = {85, 85, 85, 255};
static const SDL_Color CARD = {255, 255, 255, 255};
static const SDL_Color CARD_EDGE = {196, 204, 216, 255};
static const SDL_Color HELP = {198, 40, 40, 255};
static const SDL_Color EXAMPLE_BG = {255, 232, 163, 255};
static const SDL_Color EXAMPLE_INK = {90, 67, 0, 255};
static const SDL_Color ITALIAN = {31, 84, 140, 255};
static const SDL_Color OPEN = {27, 110, 50, 255};
static const SDL_Color CLOSED = {160, 50, 30, 255};
static const SDL_Color TOGGLE_ON = {27, 110, 50, 255};
static const SDL_Color SHADE = {0, 0, 0, 160};

/* Pictograms are glyphs of the symbol fonts, named in assets/icons.txt
 * ("NAME U+XXXX"), read once when the kiosk starts. */
void screens_load_icons(kiosk *k)
{
    char path[4096];
    FILE *file = fopen(asset_path("icons.txt", path, sizeof path), "r");
    if (!file) {
        log_message(LOG_WARNING, "kiosk", "%s: cannot read the pictograms", path);
        return;
    }
    char line[256];
    int number = 0;
    while (fgets(line, sizeof line, file) && k->icon_count < KIOSK_MAX_ICONS) {
        number++;
        char name[32];
        unsigned code;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%31s U+%x", name, &code) != 2 || code > 0x10ffff ||
            (code >= 0xd800 && code <= 0xdfff)) {
            log_message(LOG_WARNING, "kiosk", "%s:%d: expected NAME U+XXXX", path, number);
            continue;
        }
        kiosk_icon *icon = &k->icons[k->icon_count++];
        snprintf(icon->name, sizeof icon->name, "%s", name);
        size_t length = 0;
        U8_APPEND_UNSAFE(icon->utf8, length, (UChar32)code);
        icon->utf8[length] = '\0';
    }
    fclose(file);
}

static const char *icon_glyph(const kiosk *k, const char *name)
{
    for (size_t i = 0; i < k->icon_count; i++)
        if (strcmp(k->icons[i].name, name) == 0)
            return k->icons[i].utf8;
    return "\xe2\x97\x8f"; /* U+25CF BLACK CIRCLE */
}

const char *kiosk_town_name(const char *town)
{
    /* Place names are proper names: the same in every language. */
    if (strcmp(town, "mantova") == 0)
        return "Mantova";
    if (strcmp(town, "castiglione-delle-stiviere") == 0)
        return "Castiglione delle Stiviere";
    if (strcmp(town, "suzzara") == 0)
        return "Suzzara";
    return "";
}

/* ---- building blocks ---------------------------------------------- */

static float px(const kiosk *k, float design) { return roundf(design * k->scale); }

static void speak_append(kiosk *k, const char *text)
{
    if (!text || !*text)
        return;
    size_t n = strlen(text);
    text_buffer *b = &k->speak;
    if (b->length + n + 3 > b->capacity) {
        size_t capacity = (b->length + n + 3) * 2;
        char *bigger = realloc(b->data, capacity);
        if (!bigger)
            return;
        b->data = bigger;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, n);
    b->length += n;
    memcpy(b->data + b->length, ".\n", 3);
    b->length += 2;
}

typedef struct style {
    float size;
    bool bold;
    text_align align;
    int max_lines;
    SDL_Color color;
} style;

/* The text engine's parameters for `st` in a box `w` pixels wide. */
static text_params params_for(const kiosk *k, const char *language, float w, style st)
{
    text_params params = text_params_default(language, (int)w, px(k, st.size));
    params.weight = st.bold ? TEXT_WEIGHT_BOLD : TEXT_WEIGHT_REGULAR;
    /* Alignment follows the screen's direction: an Italian address or a
     * phone number on an Arabic screen starts at the right, like the
     * Arabic text around it. */
    params.align = st.align;
    if (st.align != TEXT_ALIGN_CENTER && k->view.rtl != text_language_is_rtl(language))
        params.align = st.align == TEXT_ALIGN_START ? TEXT_ALIGN_END : TEXT_ALIGN_START;
    params.max_lines = st.max_lines;
    return params;
}

/* The height `text` takes when laid out as text_at would, without adding
 * it (to centre it, or to size what holds it). */
static float measure(kiosk *k, const char *text, const char *language, float w, style st)
{
    text_params params = params_for(k, language, w, st);
    text_layout *layout = text_layout_create(k->engine, text, strlen(text), &params);
    float height = layout ? text_layout_height(layout) : px(k, st.size);
    text_layout_destroy(layout);
    return height;
}

static bool has_missing_glyph(const text_layout *layout)
{
    for (size_t i = 0; i < text_layout_line_count(layout); i++) {
        const text_line *line = text_layout_line(layout, i);
        for (size_t g = 0; g < line->glyph_count; g++)
            if (line->glyphs[g].missing)
                return true;
    }
    return false;
}

/* Adds text in `language` and returns its height in screen pixels. */
static float text_at(kiosk *k, view_layer layer, const char *text, const char *language, float x,
                     float y, float w, style st)
{
    text_params params = params_for(k, language, w, st);
    float height = 0;
    int index = view_text(&k->view, layer, k->engine, text, &params, x, y, st.color, &height);
    if (index >= 0 && has_missing_glyph(k->view.items[index].layout))
        k->missing_texts++;
    return height;
}

/* The kiosk's own words, in the person's language. */
static float ui_at(kiosk *k, view_layer layer, const char *text, float x, float y, float w,
                   style st)
{
    return text_at(k, layer, text, k->language[0] ? k->language : "it", x, y, w, st);
}

/* Spaces that must not become line breaks in content: inside a number
 * written in groups ("800 290 290", "0376 2051": a space between two
 * digits) and after an abbreviation that goes with the number after it
 * ("art. 18", "n. 199", "comma 12", "D.Lgs. 81/2008").  Each such space
 * becomes a no-break space (U+00A0, two bytes), so the text may grow: the
 * result is malloc'd. */
static char *keep_numbers_whole(const char *text)
{
    static const char *const before_number[] = {"art. ", "n. ", "comma ", "commi ", "D.Lgs. ",
                                                "Art. ", "c.p. ", "p. "};
    size_t n = strlen(text);
    char *out = malloc(2 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool nbsp = false;
        if (text[i] == ' ' && i > 0 && i + 1 < n && text[i + 1] >= '0' && text[i + 1] <= '9') {
            if (text[i - 1] >= '0' && text[i - 1] <= '9')
                nbsp = true;
            for (size_t a = 0; !nbsp && a < sizeof before_number / sizeof *before_number; a++) {
                size_t len = strlen(before_number[a]);
                nbsp = i + 1 >= len && strncmp(text + i + 1 - len, before_number[a], len) == 0 &&
                       (i + 1 == len || text[i - len] == ' ' || text[i - len] == '(');
            }
        }
        if (nbsp) {
            out[o++] = (char)0xc2;
            out[o++] = (char)0xa0;
        } else {
            out[o++] = text[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* A content text: the translation (or the fallback, laid out in the
 * language it really is in); below it the Italian text when "show in
 * Italian" is on.  Returns the height used. */
static float content_at(kiosk *k, const char *key, float x, float y, float w, style st)
{
    char shown[8] = "it";
    char *raw = catalog_text(k->catalog, key, k->language, shown);
    char *text = raw ? keep_numbers_whole(raw) : NULL;
    free(raw);
    if (!text)
        return 0;
    float h = text_at(k, VIEW_BODY, text, shown, x, y, w, st);
    if (strcmp(shown, k->language) == 0)
        speak_append(k, text);
    free(text);
    if (k->show_italian && strcmp(shown, "it") != 0) {
        char *raw_italian = catalog_text(k->catalog, key, "it", NULL);
        char *italian = raw_italian ? keep_numbers_whole(raw_italian) : NULL;
        free(raw_italian);
        if (italian && *italian) {
            style it = st;
            it.size = st.size * 0.85f;
            it.color = ITALIAN;
            it.align = TEXT_ALIGN_START;
            it.max_lines = 0;
            float gap = px(k, 6);
            float bar = px(k, 4);
            float ih = text_at(k, VIEW_BODY, italian, "it", x + bar + px(k, 10), y + h + gap,
                               w - bar - px(k, 10), it);
            view_fill(&k->view, VIEW_BODY, (SDL_FRect){x, y + h + gap, bar, ih}, ITALIAN);
            h += gap + ih;
        }
        free(italian);
    }
    return h;
}

/* A button: a filled target with a centred label (and an optional
 * pictogram before it). */
static void button(kiosk *k, view_layer layer, SDL_FRect r, SDL_Color fill, SDL_Color ink,
                   const char *pictogram, const char *label, float size, int action,
                   const char *arg)
{
    view_target(&k->view, layer, r, fill, action, arg);
    float pad = px(k, 12);
    float icon_w = 0;
    if (pictogram) {
        icon_w = px(k, size * 1.4f);
        style ist = {size * 1.1f, false, TEXT_ALIGN_CENTER, 1, ink};
        text_at(k, layer, pictogram, "und", r.x + pad, r.y + (r.h - px(k, size * 1.6f)) / 2,
                icon_w, ist);
    }
    if (label) {
        float lx = r.x + pad + icon_w;
        float lw = r.w - 2 * pad - icon_w;
        style st = {size, true, pictogram ? TEXT_ALIGN_START : TEXT_ALIGN_CENTER, 2, ink};
        /* Measured first so the label is centred vertically. */
        float h = measure(k, label, k->language[0] ? k->language : "it", lw, st);
        ui_at(k, layer, label, lx, r.y + (r.h - h) / 2, lw, st);
    }
}

static float card(kiosk *k, SDL_FRect r, int action, const char *arg)
{
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){r.x, r.y, r.w, r.h}, CARD_EDGE);
    view_target(&k->view, VIEW_BODY, (SDL_FRect){r.x + 2, r.y + 2, r.w - 4, r.h - 4}, CARD,
                action, arg);
    return r.h;
}

/* The top bar: Back and Home at the start, the speaker, "Show in Italian"
 * and Help now at the end; and the footer line for draft translations. */
static void top_bar(kiosk *k, bool italian_toggle)
{
    float w = (float)k->width;
    float bar_h = px(k, 96);
    view_fill(&k->view, VIEW_FIXED, (SDL_FRect){0, 0, w, bar_h}, BAR);
    float y = px(k, 12), h = px(k, 72), x = px(k, 16);
    kiosk_screen screen = kiosk_current_screen(k);
    if (screen != SCREEN_LANGUAGES) {
        button(k, VIEW_FIXED, (SDL_FRect){x, y, px(k, 196), h}, BAR_BUTTON, WHITE,
               icon_glyph(k, k->view.rtl ? "back-rtl" : "back-ltr"), _("Back"), 24, ACTION_BACK,
               NULL);
        x += px(k, 196 + 12);
    }
    if (screen != SCREEN_HOME && screen != SCREEN_LANGUAGES && screen != SCREEN_OUT_OF_SERVICE &&
        screen != SCREEN_PIN && screen != SCREEN_OPERATOR) {
        button(k, VIEW_FIXED, (SDL_FRect){x, y, px(k, 196), h}, BAR_BUTTON, WHITE,
               icon_glyph(k, "home"), _("Home"), 24, ACTION_HOME, NULL);
        x += px(k, 196 + 12);
    }
    if (screen == SCREEN_HOME) {
        button(k, VIEW_FIXED, (SDL_FRect){x, y, px(k, 240), h}, BAR_BUTTON, WHITE,
               icon_glyph(k, "languages"), _("Language"), 24, ACTION_LANGUAGES, NULL);
        x += px(k, 240 + 12);
    }
    float end = w - px(k, 16);
    if (screen != SCREEN_PIN && screen != SCREEN_OPERATOR && screen != SCREEN_OUT_OF_SERVICE) {
        float hw = px(k, 290);
        /* Before a language is chosen the label is Italian and English. */
        char label[160];
        snprintf(label, sizeof label, "%s%s", _("Help now"),
                 screen == SCREEN_LANGUAGES ? " \xc2\xb7 Help now" : "");
        button(k, VIEW_FIXED, (SDL_FRect){end - hw, y, hw, h}, HELP, WHITE, icon_glyph(k, "help"),
               label, 24, ACTION_HELP, NULL);
        end -= hw + px(k, 12);
    }
    if (k->speech && k->language[0] && speech_has_voice(k->speech, k->language) &&
        (screen == SCREEN_SERVICE || screen == SCREEN_ARTICLE || screen == SCREEN_HELP ||
         screen == SCREEN_HOME || screen == SCREEN_CATEGORY)) {
        float sw = px(k, 88);
        button(k, VIEW_FIXED, (SDL_FRect){end - sw, y, sw, h}, BAR_BUTTON, WHITE,
               icon_glyph(k, "speaker"), NULL, 30, ACTION_SPEAK, NULL);
        end -= sw + px(k, 12);
    }
    if (italian_toggle && strcmp(k->language, "it") != 0) {
        float tw = end - x > px(k, 260) ? px(k, 260) : end - x;
        if (tw > px(k, 120))
            button(k, VIEW_FIXED, (SDL_FRect){end - tw, y, tw, h},
                   k->show_italian ? TOGGLE_ON : BAR_BUTTON, WHITE, NULL,
                   k->show_italian ? _("Hide Italian") : _("Show in Italian"), 22, ACTION_ITALIAN,
                   NULL);
    }
    k->view.body_top = bar_h;
    k->view.body_bottom = (float)k->height;

    /* A discreet line when the translation has not been reviewed. */
    const catalog_language *l =
        k->catalog && k->language[0] ? catalog_find_language(k->catalog, k->language) : NULL;
    if (l && strcmp(l->review, "source") != 0 && strcmp(l->review, "reviewed") != 0) {
        const char *note = _("Draft translation, not yet checked by a translator.");
        style st = {17, false, TEXT_ALIGN_START, 1, MUTED};
        float fh = measure(k, note, k->language, w - px(k, 48), st) + px(k, 12);
        view_fill(&k->view, VIEW_FIXED, (SDL_FRect){0, (float)k->height - fh, w, fh},
                  (SDL_Color){232, 228, 218, 255});
        ui_at(k, VIEW_FIXED, note, px(k, 24), (float)k->height - fh + px(k, 6), w - px(k, 48), st);
        k->view.body_bottom = (float)k->height - fh;
    }
}

static float heading(kiosk *k, const char *text, const char *language, float y)
{
    float margin = px(k, 40);
    return text_at(k, VIEW_BODY, text, language, margin, y, (float)k->width - 2 * margin,
                   (style){38, true, TEXT_ALIGN_START, 0, INK});
}

static void example_chip(kiosk *k, float x, float y, float w, float *height)
{
    float pad = px(k, 8);
    const char *label = _("Example: details not yet checked");
    style st = {20, false, TEXT_ALIGN_START, 0, EXAMPLE_INK};
    float h = measure(k, label, k->language, w - 2 * pad, st) + 2 * pad;
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){x, y, w, h}, EXAMPLE_BG);
    ui_at(k, VIEW_BODY, label, x + pad, y + pad, w - 2 * pad, st);
    *height = h;
}

/* ---- the language picker ------------------------------------------ */

static void build_languages(kiosk *k)
{
    k->view.rtl = false;
    top_bar(k, false);
    float w = (float)k->width, margin = px(k, 32);
    float y = px(k, 20);
    /* The one line before a language is chosen: Italian and English, the
     * languages most visitors can read a little, under a globe. */
    text_at(k, VIEW_BODY, icon_glyph(k, "languages"), "und", margin, y, px(k, 80),
            (style){44, false, TEXT_ALIGN_CENTER, 1, INK});
    text_at(k, VIEW_BODY, "Scegli la tua lingua \xc2\xb7 Choose your language", "it",
            margin + px(k, 96), y + px(k, 10), w - 2 * margin - px(k, 96),
            (style){32, true, TEXT_ALIGN_START, 1, INK});
    y += px(k, 100);
    int columns = 4;
    float gap = px(k, 20);
    float tile_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    float tile_h = px(k, 128);
    for (int i = 0; i < k->config.language_count; i++) {
        const char *code = k->config.languages[i];
        if (k->catalog && !catalog_find_language(k->catalog, code))
            continue;
        int col = i % columns, row = i / columns;
        SDL_FRect r = {margin + (float)col * (tile_w + gap), y + (float)row * (tile_h + gap),
                       tile_w, tile_h};
        card(k, r, ACTION_LANGUAGE, code);
        char name[128];
        if (!locale_language_name(code, name, sizeof name))
            snprintf(name, sizeof name, "%s", code);
        /* The name is laid out in its own language: its script, its font,
         * its direction. */
        style st = {40, false, TEXT_ALIGN_CENTER, 1, INK};
        float h = measure(k, name, code, tile_w - px(k, 24), st);
        text_at(k, VIEW_BODY, name, code, r.x + px(k, 12), r.y + (tile_h - h) / 2,
                tile_w - px(k, 24), st);
    }
}

/* ---- home ------------------------------------------------------------ */

static void build_home(kiosk *k)
{
    top_bar(k, false);
    float w = (float)k->width, margin = px(k, 40);
    float y = px(k, 24);
    y += heading(k, _("What do you need?"), k->language, y) + px(k, 24);
    size_t n = catalog_category_count(k->catalog);
    int columns = 3;
    float gap = px(k, 24);
    float tile_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    /* Tiles as tall as the tallest name needs (Nastaliq lines are tall). */
    style name_style = {28, true, TEXT_ALIGN_CENTER, 3, INK};
    float name_h = 0;
    for (size_t i = 0; i < n; i++) {
        char key[128], shown[8] = "it";
        snprintf(key, sizeof key, "category:%s:name", catalog_category_at(k->catalog, i)->id);
        char *name = catalog_text(k->catalog, key, k->language, shown);
        if (!name)
            continue;
        float h = measure(k, name, shown, tile_w - px(k, 32), name_style);
        name_h = h > name_h ? h : name_h;
        free(name);
    }
    float tile_h = px(k, 230);
    if (px(k, 120) + name_h + px(k, 20) > tile_h)
        tile_h = px(k, 120) + name_h + px(k, 20);
    for (size_t i = 0; i < n; i++) {
        const catalog_category *c = catalog_category_at(k->catalog, i);
        int col = (int)i % columns, row = (int)i / columns;
        SDL_FRect r = {margin + (float)col * (tile_w + gap), y + (float)row * (tile_h + gap),
                       tile_w, tile_h};
        card(k, r, ACTION_CATEGORY, c->id);
        text_at(k, VIEW_BODY, icon_glyph(k, c->icon), "und", r.x, r.y + px(k, 18), r.w,
                (style){64, false, TEXT_ALIGN_CENTER, 1, BAR});
        char key[128];
        snprintf(key, sizeof key, "category:%s:name", c->id);
        content_at(k, key, r.x + px(k, 16), r.y + px(k, 120), r.w - px(k, 32), name_style);
    }
}

/* ---- a category: its articles, then its services ------------------- */

typedef struct listed {
    const catalog_service *service;
    char *name;
    bool first; /* a national number in the help category */
    bool own_town;
} listed;

/* `collator` is the language's (NULL: byte order). */
static int compare_listed(const void *a, const void *b, void *collator)
{
    const listed *x = a, *y = b;
    if (x->first != y->first)
        return x->first ? -1 : 1;
    if (x->own_town != y->own_town)
        return x->own_town ? -1 : 1;
    if (collator)
        return locale_collate(collator, x->name, y->name);
    return strcmp(x->name, y->name);
}

static void status_line(kiosk *k, const catalog_service *s, char *out, size_t size,
                        SDL_Color *color)
{
    out[0] = '\0';
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    hours_status st = hours_status_at(s->hours, s->hours_count, (const char *const *)s->closures,
                                      s->closure_count, hours_now_from_tm(&tm));
    char time_text[64], day[64];
    switch (st.state) {
    case HOURS_UNKNOWN:
        break;
    case HOURS_OPEN:
        if (st.minutes < 0) { /* open round the clock */
            snprintf(out, size, "%s", _("Open 24 hours a day"));
        } else {
            locale_format_time(k->language, st.minutes, time_text, sizeof time_text);
            snprintf(out, size, _("Open now, closes at %s"), time_text);
        }
        *color = OPEN;
        break;
    case HOURS_OPENS_LATER:
        locale_format_time(k->language, st.minutes, time_text, sizeof time_text);
        snprintf(out, size, _("Closed now, opens at %s"), time_text);
        *color = CLOSED;
        break;
    case HOURS_OPENS_ON:
        locale_format_time(k->language, st.minutes, time_text, sizeof time_text);
        locale_weekday_name(k->language, st.weekday, day, sizeof day);
        /* TRANSLATORS: %1$s is a weekday name, %2$s a time ("Monday", "8:30"). */
        snprintf(out, size, _("Closed now, opens %1$s at %2$s"), day, time_text);
        *color = CLOSED;
        break;
    case HOURS_CLOSED:
        snprintf(out, size, "%s", _("Closed"));
        *color = CLOSED;
        break;
    }
}

static float service_row(kiosk *k, const catalog_service *s, float x, float y, float w)
{
    float pad = px(k, 20);
    float inner = w - 2 * pad - px(k, 40);
    /* Lay the row's texts out first to know the card's height. */
    size_t first = k->view.count;
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){x, y, w, 0}, CARD_EDGE);
    view_target(&k->view, VIEW_BODY, (SDL_FRect){x + 2, y + 2, w - 4, 0}, CARD, ACTION_SERVICE,
                s->id);
    float ty = y + pad;
    char key[160];
    snprintf(key, sizeof key, "service:%s:name", s->id);
    ty += content_at(k, key, x + pad, ty, inner, (style){28, true, TEXT_ALIGN_START, 2, INK});
    snprintf(key, sizeof key, "agency:%s:name", s->agency);
    char shown[8] = "it";
    char *agency = catalog_text(k->catalog, key, k->language, shown);
    if (agency) {
        ty += px(k, 4) + text_at(k, VIEW_BODY, agency, shown, x + pad, ty + px(k, 4), inner,
                                 (style){21, false, TEXT_ALIGN_START, 1, MUTED});
        free(agency);
    }
    const char *town = kiosk_town_name(s->town);
    char status[256];
    SDL_Color color = MUTED;
    status_line(k, s, status, sizeof status, &color);
    char line[400];
    snprintf(line, sizeof line, "%s%s%s", town, *town && *status ? " \xc2\xb7 " : "", status);
    if (*line)
        ty += px(k, 6) + ui_at(k, VIEW_BODY, line, x + pad, ty + px(k, 6), inner,
                              (style){21, *status != '\0', TEXT_ALIGN_START, 2, color});
    if (s->example) {
        float ch;
        example_chip(k, x + pad, ty + px(k, 10), inner * 0.6f, &ch);
        ty += px(k, 10) + ch;
    }
    /* A chevron at the end side, pointing on in the reading direction (drawn
     * from the symbol fonts, not the script's font). */
    text_at(k, VIEW_BODY, k->view.rtl ? "\xe2\x80\xb9" : "\xe2\x80\xba", "und",
            x + w - pad - px(k, 32), y + pad, px(k, 32),
            (style){40, false, TEXT_ALIGN_CENTER, 1, MUTED});
    float h = ty + pad - y;
    k->view.items[first].rect.h = h;
    k->view.items[first + 1].rect.h = h - 4;
    if (y + h > k->view.content_height)
        k->view.content_height = y + h;
    return h;
}

static float article_row(kiosk *k, const catalog_article *a, float x, float y, float w)
{
    float pad = px(k, 20);
    size_t first = k->view.count;
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){x, y, w, 0}, CARD_EDGE);
    view_target(&k->view, VIEW_BODY, (SDL_FRect){x + 2, y + 2, w - 4, 0}, CARD, ACTION_ARTICLE,
                a->id);
    float icon_w = px(k, 64);
    text_at(k, VIEW_BODY, icon_glyph(k, "article"), "und", x + pad, y + pad, icon_w,
            (style){40, false, TEXT_ALIGN_CENTER, 1, BAR});
    float tx = x + pad + icon_w + px(k, 12), inner = w - (tx - x) - pad - px(k, 40);
    float ty = y + pad;
    char key[160];
    snprintf(key, sizeof key, "article:%s:title", a->id);
    ty += content_at(k, key, tx, ty, inner, (style){28, true, TEXT_ALIGN_START, 2, INK});
    snprintf(key, sizeof key, "article:%s:summary", a->id);
    ty += px(k, 6) +
          content_at(k, key, tx, ty + px(k, 6), inner, (style){22, false, TEXT_ALIGN_START, 3, MUTED});
    text_at(k, VIEW_BODY, k->view.rtl ? "\xe2\x80\xb9" : "\xe2\x80\xba", "und",
            x + w - pad - px(k, 32), y + pad, px(k, 32),
            (style){40, false, TEXT_ALIGN_CENTER, 1, MUTED});
    float h = ty + pad - y;
    if (h < px(k, 100))
        h = px(k, 100);
    k->view.items[first].rect.h = h;
    k->view.items[first + 1].rect.h = h - 4;
    if (y + h > k->view.content_height)
        k->view.content_height = y + h;
    return h;
}

static void build_category(kiosk *k, const char *id)
{
    top_bar(k, false);
    float w = (float)k->width, margin = px(k, 40);
    float y = px(k, 24);
    char key[160];
    snprintf(key, sizeof key, "category:%s:name", id);
    char shown[8] = "it";
    char *title = catalog_text(k->catalog, key, k->language, shown);
    y += heading(k, title ? title : id, shown, y) + px(k, 20);
    if (title && strcmp(shown, k->language) == 0)
        speak_append(k, title);
    free(title);
    float gap = px(k, 16);
    for (size_t i = 0; i < catalog_article_count(k->catalog); i++) {
        const catalog_article *a = catalog_article_at(k->catalog, i);
        if (strcmp(a->category, id) == 0)
            y += article_row(k, a, margin, y, w - 2 * margin) + gap;
    }
    /* Services: the kiosk's own town first, then by the language's
     * collation of the names as shown. */
    size_t n = catalog_service_count(k->catalog), count = 0;
    listed *list = calloc(n ? n : 1, sizeof *list);
    if (!list)
        return;
    for (size_t i = 0; i < n; i++) {
        const catalog_service *s = catalog_service_at(k->catalog, i);
        if (strcmp(s->category, id) != 0)
            continue;
        char *name = catalog_field(k->catalog, "service", s->id, "name", k->language, NULL);
        /* In "help now and reporting" the national numbers (112, 1522,
         * 800 290 290: no town, no address, a phone) come first, as on the
         * Help screen. */
        bool national = strcmp(id, "aiuto") == 0 && strcmp(s->town, "other") == 0 &&
                        !s->address[0] && s->phone_count > 0;
        list[count++] = (listed){s, name ? name : strdup(s->id), national,
                                 strcmp(s->town, k->config.town) == 0};
    }
    qsort_r(list, count, sizeof *list, compare_listed, k->collator);
    for (size_t i = 0; i < count; i++) {
        y += service_row(k, list[i].service, margin, y, w - 2 * margin) + gap;
        free(list[i].name);
    }
    free(list);
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(k, 24)}, BACKGROUND);
}

/* ---- a service ------------------------------------------------------- */

static float section(kiosk *k, const char *title, float x, float y, float w)
{
    return text_at(k, VIEW_BODY, title, k->language, x, y, w,
                   (style){22, true, TEXT_ALIGN_START, 0, MUTED}) +
           px(k, 4);
}

static float hours_table(kiosk *k, const catalog_service *s, float x, float y, float w)
{
    float start = y;
    float day_w = w * 0.45f;
    for (int day = 1; day <= 7; day++) {
        char name[64], ranges[256] = "";
        locale_weekday_name(k->language, day, name, sizeof name);
        for (size_t i = 0; i < s->hours_count; i++) {
            if (s->hours[i].weekday != day)
                continue;
            char from[32], to[32];
            locale_format_time(k->language, s->hours[i].opens, from, sizeof from);
            locale_format_time(k->language, s->hours[i].closes, to, sizeof to);
            size_t used = strlen(ranges);
            /* Each range is isolated so "8:30-12:30" keeps its order in
             * right-to-left text. */
            snprintf(ranges + used, sizeof ranges - used, "%s\xe2\x81\xa6%s\xe2\x80\x93%s\xe2\x81\xa9",
                     used ? ", " : "", from, to);
        }
        if (!ranges[0])
            snprintf(ranges, sizeof ranges, "%s", _("Closed"));
        float h1 = ui_at(k, VIEW_BODY, name, x, y, day_w - px(k, 12),
                         (style){24, true, TEXT_ALIGN_START, 1, INK});
        float h2 = ui_at(k, VIEW_BODY, ranges, x + day_w, y, w - day_w,
                         (style){24, false, TEXT_ALIGN_START, 2, INK});
        y += (h1 > h2 ? h1 : h2) + px(k, 4);
    }
    return y - start;
}

/* The service's contact (name in the reader's language, the agency's
 * Italian name, phones, address) as a QR code texture; NULL when it
 * cannot be made.  *modules receives its side in modules. */
static SDL_Texture *contact_qr(kiosk *k, const catalog_service *s, int *modules)
{
    char *name = catalog_field(k->catalog, "service", s->id, "name", k->language, NULL);
    char *organisation = catalog_field(k->catalog, "agency", s->agency, "name", "it", NULL);
    char *vcard = qr_vcard(name ? name : s->id, organisation, (const char *const *)s->phones,
                           s->phone_count, s->address);
    SDL_Surface *surface = vcard ? qr_surface(vcard, modules) : NULL;
    SDL_Texture *texture = surface ? SDL_CreateTextureFromSurface(k->renderer, surface) : NULL;
    SDL_FreeSurface(surface);
    free(vcard), free(name), free(organisation);
    return texture;
}

static void build_service(kiosk *k, const char *id)
{
    top_bar(k, true);
    const catalog_service *s = catalog_find_service(k->catalog, id);
    if (!s)
        return;
    float w = (float)k->width, margin = px(k, 40);
    float side_w = px(k, 360);
    float main_w = w - 2 * margin - side_w - px(k, 32);
    float side_x = margin + main_w + px(k, 32);
    float y = px(k, 24);
    char key[160];
    snprintf(key, sizeof key, "service:%s:name", id);
    y += content_at(k, key, margin, y, main_w, (style){38, true, TEXT_ALIGN_START, 0, INK}) +
         px(k, 6);
    snprintf(key, sizeof key, "agency:%s:name", s->agency);
    y += content_at(k, key, margin, y, main_w, (style){24, false, TEXT_ALIGN_START, 0, MUTED}) +
         px(k, 16);
    if (s->example) {
        float ch;
        example_chip(k, margin, y, main_w, &ch);
        y += ch + px(k, 16);
    }
    static const struct {
        const char *field, *title;
    } fields[] = {
        {"what", N_("What it does")},
        {"for-whom", N_("Who it is for")},
        {"cost", N_("Cost")},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        snprintf(key, sizeof key, "service:%s:%s", id, fields[i].field);
        char *probe = catalog_text(k->catalog, key, "it", NULL);
        bool present = probe && *probe;
        free(probe);
        if (!present)
            continue;
        y += section(k, _(fields[i].title), margin, y, main_w);
        y += content_at(k, key, margin, y, main_w, (style){26, false, TEXT_ALIGN_START, 0, INK}) +
             px(k, 18);
    }
    /* Documents: one message per line. */
    for (int n = 1;; n++) {
        snprintf(key, sizeof key, "service:%s:documents:%d", id, n);
        char *probe = catalog_text(k->catalog, key, "it", NULL);
        bool present = probe != NULL;
        free(probe);
        if (!present)
            break;
        if (n == 1)
            y += section(k, _("What to bring"), margin, y, main_w);
        ui_at(k, VIEW_BODY, "\xe2\x80\xa2", margin, y, px(k, 28),
              (style){26, false, TEXT_ALIGN_START, 1, INK});
        y += content_at(k, key, margin + px(k, 32), y, main_w - px(k, 32),
                        (style){26, false, TEXT_ALIGN_START, 0, INK}) +
             px(k, 6);
    }
    if (s->address[0]) {
        y += px(k, 12) + section(k, _("Address"), margin, y + px(k, 12), main_w);
        /* An Italian address stays as it is written, in its own order. */
        y += text_at(k, VIEW_BODY, s->address, "it", margin, y, main_w,
                     (style){28, true, TEXT_ALIGN_START, 0, INK}) +
             px(k, 18);
    }
    if (s->hours_count) {
        y += section(k, _("Opening hours"), margin, y, main_w);
        y += hours_table(k, s, margin, y, main_w) + px(k, 8);
    }
    snprintf(key, sizeof key, "service:%s:hours-note", id);
    char *note = catalog_text(k->catalog, key, "it", NULL);
    if (note && *note) {
        if (!s->hours_count)
            y += section(k, _("When"), margin, y, main_w);
        y += content_at(k, key, margin, y, main_w, (style){24, false, TEXT_ALIGN_START, 0, INK}) +
             px(k, 18);
    }
    free(note);
    if (s->language_count) {
        char spoken[512] = "";
        for (size_t i = 0; i < s->language_count; i++) {
            char name[96];
            if (!locale_language_name(s->languages[i], name, sizeof name))
                snprintf(name, sizeof name, "%s", s->languages[i]);
            size_t used = strlen(spoken);
            /* Each name isolated: its own direction inside the list. */
            snprintf(spoken + used, sizeof spoken - used, "%s\xe2\x81\xa8%s\xe2\x81\xa9",
                     used ? ", " : "", name);
        }
        y += section(k, _("Languages spoken"), margin, y, main_w);
        y += ui_at(k, VIEW_BODY, spoken, margin, y, main_w,
                   (style){24, false, TEXT_ALIGN_START, 0, INK}) +
             px(k, 18);
    }
    if (s->email[0]) {
        y += section(k, _("Email"), margin, y, main_w);
        y += text_at(k, VIEW_BODY, s->email, "en", margin, y, main_w,
                     (style){24, false, TEXT_ALIGN_START, 0, INK}) + px(k, 18);
    }
    if (s->web[0]) {
        y += section(k, _("Website"), margin, y, main_w);
        y += text_at(k, VIEW_BODY, s->web, "en", margin, y, main_w,
                     (style){24, false, TEXT_ALIGN_START, 0, INK}) + px(k, 18);
    }
    char source[512];
    /* TRANSLATORS: %1$s is where the facts were read, %2$s when (2026-03). */
    snprintf(source, sizeof source, _("Source: %1$s (checked %2$s)"), s->source, s->checked);
    y += px(k, 8) + ui_at(k, VIEW_BODY, source, margin, y + px(k, 8), main_w,
                          (style){18, false, TEXT_ALIGN_START, 0, MUTED});

    /* The side column: phones, large, and the QR code to take away. */
    float sy = px(k, 24);
    if (s->phone_count) {
        sy += section(k, s->phone_count > 1 ? _("Phones") : _("Phone"), side_x, sy, side_w);
        for (size_t i = 0; i < s->phone_count; i++)
            sy += text_at(k, VIEW_BODY, s->phones[i], "it", side_x, sy, side_w,
                          (style){40, true, TEXT_ALIGN_START, 1, INK}) +
                  px(k, 6);
        sy += px(k, 16);
    }
    int modules = 0;
    SDL_Texture *texture = s->phone_count || s->address[0] ? contact_qr(k, s, &modules) : NULL;
    if (texture) {
        float side = floorf(px(k, 240) / (float)modules) * (float)modules;
        SDL_FRect r = {side_x, sy, side, side};
        view_target(&k->view, VIEW_BODY, r, WHITE, ACTION_QR, id);
        view_texture(&k->view, VIEW_BODY, r, texture);
        ui_at(k, VIEW_BODY, _("Scan with your phone to save the contact."), side_x,
              sy + side + px(k, 8), side_w, (style){20, false, TEXT_ALIGN_START, 0, MUTED});
    }
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(k, 24)}, BACKGROUND);
}

static void build_qr(kiosk *k, const char *id)
{
    top_bar(k, false);
    const catalog_service *s = catalog_find_service(k->catalog, id);
    if (!s)
        return;
    float w = (float)k->width, margin = px(k, 40);
    float y = px(k, 16);
    char key[160];
    snprintf(key, sizeof key, "service:%s:name", id);
    y += content_at(k, key, margin, y, w - 2 * margin,
                    (style){30, true, TEXT_ALIGN_CENTER, 2, INK}) + px(k, 12);
    int modules = 0;
    SDL_Texture *texture = contact_qr(k, s, &modules);
    if (texture) {
        float space = (float)k->view.body_bottom - k->view.body_top - y - px(k, 80);
        float side = floorf(space / (float)modules) * (float)modules;
        view_texture(&k->view, VIEW_BODY, (SDL_FRect){(w - side) / 2, y, side, side}, texture);
        y += side + px(k, 12);
    }
    ui_at(k, VIEW_BODY, _("Scan with your phone to save the contact."), margin, y, w - 2 * margin,
          (style){24, false, TEXT_ALIGN_CENTER, 0, INK});
}

/* ---- an article ------------------------------------------------------ */

static void build_article(kiosk *k, const char *id)
{
    top_bar(k, true);
    const catalog_article *a = catalog_find_article(k->catalog, id);
    if (!a)
        return;
    float w = (float)k->width;
    float column = w > px(k, 1000) ? px(k, 1000) : w - px(k, 80);
    float x = px(k, 40);
    float y = px(k, 24);
    char key[160];
    snprintf(key, sizeof key, "article:%s:title", id);
    y += content_at(k, key, x, y, column, (style){38, true, TEXT_ALIGN_START, 0, INK}) + px(k, 12);
    snprintf(key, sizeof key, "article:%s:summary", id);
    y += content_at(k, key, x, y, column, (style){28, true, TEXT_ALIGN_START, 0, BAR}) + px(k, 20);
    for (size_t i = 0; i < a->block_count; i++) {
        const catalog_block *b = &a->blocks[i];
        if (strcmp(b->kind, "heading") == 0) {
            y += px(k, 14);
            y += content_at(k, b->key, x, y, column, (style){30, true, TEXT_ALIGN_START, 0, INK}) +
                 px(k, 10);
        } else if (strcmp(b->kind, "item") == 0) {
            ui_at(k, VIEW_BODY, "\xe2\x80\xa2", x, y, px(k, 28),
                  (style){26, false, TEXT_ALIGN_START, 1, INK});
            y += content_at(k, b->key, x + px(k, 34), y, column - px(k, 34),
                            (style){26, false, TEXT_ALIGN_START, 0, INK}) +
                 px(k, 8);
        } else {
            y += content_at(k, b->key, x, y, column, (style){26, false, TEXT_ALIGN_START, 0, INK}) +
                 px(k, 14);
        }
    }
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(k, 40)}, BACKGROUND);
}

/* ---- help now -------------------------------------------------------- */

static void build_help(kiosk *k)
{
    top_bar(k, false);
    float w = (float)k->width, margin = px(k, 40);
    float y = px(k, 24);
    y += heading(k, _("Help now"), k->language, y) + px(k, 8);
    speak_append(k, _("Help now"));
    y += px(k, 12);
    for (size_t i = 0; i < catalog_service_count(k->catalog); i++) {
        const catalog_service *s = catalog_service_at(k->catalog, i);
        if (strcmp(s->category, "aiuto") != 0 || s->phone_count == 0)
            continue;
        float pad = px(k, 20);
        size_t first = k->view.count;
        view_fill(&k->view, VIEW_BODY, (SDL_FRect){margin, y, w - 2 * margin, 0}, HELP);
        view_target(&k->view, VIEW_BODY, (SDL_FRect){margin + 6, y, w - 2 * margin - 6, 0}, CARD,
                    ACTION_SERVICE, s->id);
        float phone_w = px(k, 420);
        float ty = y + pad;
        for (size_t p = 0; p < s->phone_count; p++)
            ty += text_at(k, VIEW_BODY, s->phones[p], "it", margin + pad, ty, phone_w,
                          (style){56, true, TEXT_ALIGN_START, 1, HELP});
        float tx = margin + pad + phone_w + px(k, 16);
        float tw = w - margin - pad - tx;
        char key[160];
        float cy = y + pad;
        snprintf(key, sizeof key, "service:%s:name", s->id);
        cy += content_at(k, key, tx, cy, tw, (style){26, true, TEXT_ALIGN_START, 0, INK});
        snprintf(key, sizeof key, "service:%s:what", s->id);
        cy += px(k, 4) +
              content_at(k, key, tx, cy + px(k, 4), tw, (style){22, false, TEXT_ALIGN_START, 0, INK});
        float h = (cy > ty ? cy : ty) + pad - y;
        k->view.items[first].rect.h = h;
        k->view.items[first + 1].rect.h = h;
        if (y + h > k->view.content_height)
            k->view.content_height = y + h;
        y += h + px(k, 16);
    }
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(k, 24)}, BACKGROUND);
}

/* ---- operator: PIN pad and settings ------------------------------- */

static void build_pin(kiosk *k)
{
    k->view.rtl = false; /* a keypad keeps its layout in every language */
    top_bar(k, false);
    float w = (float)k->width;
    float y = px(k, 16);
    y += ui_at(k, VIEW_BODY, _("Operator PIN"), 0, y, w,
                 (style){34, true, TEXT_ALIGN_CENTER, 1, INK}) + px(k, 8);
    char dots[64] = "";
    for (size_t i = 0; i < strlen(k->pin) && i < 12; i++)
        strcat(dots, "\xe2\x97\x8f ");
    float dh = text_at(k, VIEW_BODY, dots[0] ? dots : " ", "und", 0, y, w,
                       (style){34, false, TEXT_ALIGN_CENTER, 1, INK});
    y += (dh > px(k, 44) ? dh : px(k, 44)) + px(k, 4);
    if (k->message[0])
        ui_at(k, VIEW_BODY, k->message, 0, y, w,
              (style){22, false, TEXT_ALIGN_CENTER, 2, CLOSED});
    y += px(k, 40);
    float key_w = px(k, 150), key_h = px(k, 96), gap = px(k, 14);
    float x0 = (w - 3 * key_w - 2 * gap) / 2;
    static const char *keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "\xe2\x8c\xab", "0", "OK"};
    for (int i = 0; i < 12; i++) {
        SDL_FRect r = {x0 + (float)(i % 3) * (key_w + gap), y + (float)(i / 3) * (key_h + gap),
                       key_w, key_h};
        int action = i == 9 ? ACTION_PIN_DELETE : i == 11 ? ACTION_PIN_OK : ACTION_PIN_DIGIT;
        view_fill(&k->view, VIEW_BODY, r, CARD_EDGE);
        view_target(&k->view, VIEW_BODY, (SDL_FRect){r.x + 2, r.y + 2, r.w - 4, r.h - 4}, CARD,
                    action, action == ACTION_PIN_DIGIT ? keys[i] : NULL);
        text_at(k, VIEW_BODY, keys[i], "und", r.x, r.y + px(k, 22), r.w,
                (style){36, true, TEXT_ALIGN_CENTER, 1, INK});
    }
    float by = y + 4 * (key_h + gap);
    button(k, VIEW_BODY, (SDL_FRect){(w - px(k, 300)) / 2, by, px(k, 300), px(k, 72)}, BAR_BUTTON,
           WHITE, NULL, _("Cancel"), 24, ACTION_CANCEL, NULL);
}

static void build_operator(kiosk *k)
{
    k->view.rtl = false;
    top_bar(k, false);
    float w = (float)k->width, margin = px(k, 40);
    float y = px(k, 16);
    y += ui_at(k, VIEW_BODY, _("Operator"), margin, y, w - 2 * margin,
                 (style){34, true, TEXT_ALIGN_START, 1, INK}) + px(k, 12);
    style label = {22, true, TEXT_ALIGN_START, 1, MUTED};
    y += ui_at(k, VIEW_BODY, _("Where this kiosk stands"), margin, y, w, label) + px(k, 6);
    static const char *towns[] = {"mantova", "castiglione-delle-stiviere", "suzzara", "other"};
    float tx = margin;
    for (size_t i = 0; i < 4; i++) {
        const char *name = i == 3 ? _("Elsewhere") : kiosk_town_name(towns[i]);
        float bw = px(k, i == 1 ? 360 : 220);
        bool on = strcmp(k->config.town, towns[i]) == 0;
        button(k, VIEW_BODY, (SDL_FRect){tx, y, bw, px(k, 64)}, on ? TOGGLE_ON : CARD_EDGE,
               on ? WHITE : INK, NULL, name, 22, ACTION_OPERATOR_TOWN, towns[i]);
        tx += bw + px(k, 12);
    }
    y += px(k, 64 + 20);
    y += ui_at(k, VIEW_BODY, _("Languages on the kiosk (touch to switch on or off)"), margin, y,
               w, label) + px(k, 6);
    size_t n = k->catalog ? catalog_language_count(k->catalog) : 0;
    float bw = (w - 2 * margin - 6 * px(k, 12)) / 7;
    for (size_t i = 0; i < n; i++) {
        const char *code = catalog_language_at(k->catalog, i)->code;
        bool on = false;
        for (int j = 0; j < k->config.language_count; j++)
            on = on || strcmp(k->config.languages[j], code) == 0;
        char name[96];
        if (!locale_language_name(code, name, sizeof name))
            snprintf(name, sizeof name, "%s", code);
        SDL_FRect r = {margin + (float)(i % 7) * (bw + px(k, 12)),
                       y + (float)(i / 7) * px(k, 76), bw, px(k, 64)};
        view_target(&k->view, VIEW_BODY, r, on ? TOGGLE_ON : CARD_EDGE, ACTION_OPERATOR_LANGUAGE,
                    code);
        text_at(k, VIEW_BODY, name, code, r.x + px(k, 6), r.y + px(k, 14), r.w - px(k, 12),
                (style){22, false, TEXT_ALIGN_CENTER, 1, on ? WHITE : INK});
    }
    y += (float)((n + 6) / 7) * px(k, 76) + px(k, 12);
    char line[256];
    snprintf(line, sizeof line, _("Back to the start after %d seconds without a touch"),
             k->config.idle_timeout);
    ui_at(k, VIEW_BODY, line, margin, y + px(k, 18), px(k, 640), label);
    button(k, VIEW_BODY, (SDL_FRect){margin + px(k, 660), y, px(k, 100), px(k, 64)}, CARD_EDGE,
           INK, NULL, "\xe2\x88\x92", 30, ACTION_OPERATOR_IDLE_LESS, NULL);
    button(k, VIEW_BODY, (SDL_FRect){margin + px(k, 772), y, px(k, 100), px(k, 64)}, CARD_EDGE,
           INK, NULL, "+", 30, ACTION_OPERATOR_IDLE_MORE, NULL);
    y += px(k, 64 + 20);
    char today[16];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    /* TRANSLATORS: counts of screens shown, today and since counting began. */
    snprintf(line, sizeof line, _("Screens shown today: %1$ld \xc2\xb7 in all: %2$ld"),
             k->counters ? counters_total(k->counters, today) : 0L,
             k->counters ? counters_total(k->counters, NULL) : 0L);
    y += ui_at(k, VIEW_BODY, line, margin, y, w - 2 * margin,
               (style){24, false, TEXT_ALIGN_START, 1, INK}) + px(k, 8);
    if (k->message[0])
        y += ui_at(k, VIEW_BODY, k->message, margin, y, w - 2 * margin,
                   (style){20, false, TEXT_ALIGN_START, 2, OPEN}) + px(k, 8);
    y += px(k, 8);
    static const struct {
        const char *label;
        int action;
    } buttons[] = {
        {N_("Reload the catalogue"), ACTION_OPERATOR_RELOAD},
        {N_("Export the counts (CSV)"), ACTION_OPERATOR_EXPORT},
        {N_("Save and close"), ACTION_CANCEL},
        {N_("Quit the kiosk"), ACTION_OPERATOR_EXIT},
    };
    float bx = margin, bwid = (w - 2 * margin - 3 * px(k, 12)) / 4;
    for (size_t i = 0; i < 4; i++) {
        button(k, VIEW_BODY, (SDL_FRect){bx, y, bwid, px(k, 72)},
               buttons[i].action == ACTION_OPERATOR_EXIT ? HELP : BAR_BUTTON, WHITE, NULL,
               _(buttons[i].label), 22, buttons[i].action, NULL);
        bx += bwid + px(k, 12);
    }
    y += px(k, 72 + 20);
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(k, 8)}, BACKGROUND);
}

/* ---- out of service: every language, no catalogue needed ------------ */

static void build_out_of_service(kiosk *k)
{
    k->view.rtl = false;
    k->view.body_top = 0;
    k->view.body_bottom = (float)k->height;
    float w = (float)k->width, margin = px(k, 32);
    float y = px(k, 24);
    text_at(k, VIEW_BODY, icon_glyph(k, "out-of-service"), "und", 0, y, w,
            (style){56, false, TEXT_ALIGN_CENTER, 1, CLOSED});
    y += px(k, 90);
    int columns = 2;
    float col_w = (w - 2 * margin - px(k, 24)) / (float)columns;
    float row_y[2] = {y, y};
    for (int i = 0; i < k->config.language_count; i++) {
        const char *code = k->config.languages[i];
        ui_text_set_language(code);
        char text[512];
        const char *first = _("Out of service.");
        size_t first_len = strlen(first);
        /* No space after a full-width full stop (Chinese). */
        bool ideographic = first_len >= 3 && strcmp(first + first_len - 3, "\xe3\x80\x82") == 0;
        snprintf(text, sizeof text, "%s%s%s", first, ideographic ? "" : " ",
                 _("Please ask at the information desk."));
        int col = i % columns;
        float x = margin + (float)col * (col_w + px(k, 24));
        /* Each language in its own direction, in its half of the screen. */
        text_params params = text_params_default(code, (int)col_w, px(k, 22));
        params.align = TEXT_ALIGN_START;
        float h = 0;
        view_text(&k->view, VIEW_BODY, k->engine, text, &params, x, row_y[col], INK, &h);
        row_y[col] += h + px(k, 14);
    }
    ui_text_set_language(k->language[0] ? k->language : "it");
    float bottom = row_y[0] > row_y[1] ? row_y[0] : row_y[1];
    /* The numbers that need no catalogue (FACTS.md): emergency, the
     * anti-violence and the anti-trafficking helplines. */
    bottom += px(k, 16);
    bottom += text_at(k, VIEW_BODY,
                      "\xe2\x98\x8e 112 \xc2\xb7 1522 \xc2\xb7 800\xc2\xa0" "290\xc2\xa0" "290", "it",
                      0, bottom, w, (style){48, true, TEXT_ALIGN_CENTER, 1, CLOSED});
    view_fill(&k->view, VIEW_BODY, (SDL_FRect){0, bottom, 1, px(k, 8)}, BACKGROUND);
}

/* ---- the idle countdown, over any screen ------------------------------ */

static void build_countdown(kiosk *k)
{
    float w = (float)k->width, h = (float)k->height;
    view_fill(&k->view, VIEW_OVERLAY, (SDL_FRect){0, 0, w, h}, SHADE);
    float cw = px(k, 760), ch = px(k, 380);
    SDL_FRect r = {(w - cw) / 2, (h - ch) / 2, cw, ch};
    view_fill(&k->view, VIEW_OVERLAY, r, CARD);
    float y = r.y + px(k, 32);
    y += ui_at(k, VIEW_OVERLAY, _("Are you still there?"), r.x + px(k, 32), y, cw - px(k, 64),
               (style){34, true, TEXT_ALIGN_CENTER, 2, INK}) + px(k, 16);
    int left = (int)ceil(10.0 - (k->last_tick - k->countdown_start));
    if (left < 0)
        left = 0;
    if (left > 10)
        left = 10;
    char text[256];
    snprintf(text, sizeof text,
             P_("The kiosk starts again in %d second.", "The kiosk starts again in %d seconds.",
                (unsigned long)left),
             left);
    y += ui_at(k, VIEW_OVERLAY, text, r.x + px(k, 32), y, cw - px(k, 64),
               (style){26, false, TEXT_ALIGN_CENTER, 2, INK}) + px(k, 24);
    button(k, VIEW_OVERLAY, (SDL_FRect){r.x + (cw - px(k, 360)) / 2, y, px(k, 360), px(k, 84)},
           TOGGLE_ON, WHITE, NULL, _("Continue"), 28, ACTION_STAY, NULL);
}

void screens_build(kiosk *k)
{
    view_clear(&k->view);
    k->speak.length = 0;
    if (k->speak.data)
        k->speak.data[0] = '\0';
    k->view.width = k->width;
    k->view.height = k->height;
    k->view.rtl = k->language[0] && text_language_is_rtl(k->language);
    ui_text_set_language(k->language[0] ? k->language : "it");
    const char *arg = kiosk_current_arg(k);
    kiosk_screen screen = kiosk_current_screen(k);
    /* The operator's screens are for the site's staff: in Italian, left
     * to right, whatever the last visitor chose. */
    char visitor[8];
    memcpy(visitor, k->language, sizeof visitor);
    if (screen == SCREEN_PIN || screen == SCREEN_OPERATOR) {
        snprintf(k->language, sizeof k->language, "it");
        k->view.rtl = false;
        ui_text_set_language("it");
    }
    if (!k->catalog && screen != SCREEN_PIN && screen != SCREEN_OPERATOR)
        screen = SCREEN_OUT_OF_SERVICE;
    switch (screen) {
    case SCREEN_LANGUAGES: build_languages(k); break;
    case SCREEN_HOME: build_home(k); break;
    case SCREEN_CATEGORY: build_category(k, arg); break;
    case SCREEN_SERVICE: build_service(k, arg); break;
    case SCREEN_QR: build_qr(k, arg); break;
    case SCREEN_ARTICLE: build_article(k, arg); break;
    case SCREEN_HELP: build_help(k); break;
    case SCREEN_PIN: build_pin(k); break;
    case SCREEN_OPERATOR: build_operator(k); break;
    case SCREEN_OUT_OF_SERVICE: build_out_of_service(k); break;
    }
    if (k->countdown)
        build_countdown(k);
    if (strcmp(visitor, k->language) != 0) {
        memcpy(k->language, visitor, sizeof visitor);
        ui_text_set_language(k->language[0] ? k->language : "it");
    }
    view_scroll_to(&k->view, k->view.scroll);
}
