/* widgets.c - the shape of the window and the building blocks every
 * screen uses (screen.h): texts in declared slots, buttons, cards, the
 * bar, the draft line and the idle countdown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

#include "screen.h"
#include "ui_text.h"

/* Dark text on a warm light background, one strong colour for the bar,
 * red only for "Help now". */
const SDL_Color SCREEN_BACKGROUND = {244, 241, 234, 255};
const SDL_Color COLOR_BAR = {31, 58, 95, 255};
const SDL_Color COLOR_BAR_BUTTON = {52, 86, 130, 255};
const SDL_Color COLOR_WHITE = {255, 255, 255, 255};
const SDL_Color COLOR_INK = {27, 27, 27, 255};
const SDL_Color COLOR_MUTED = {85, 85, 85, 255};
const SDL_Color COLOR_CARD = {255, 255, 255, 255};
const SDL_Color COLOR_CARD_EDGE = {196, 204, 216, 255};
const SDL_Color COLOR_HELP = {198, 40, 40, 255};
const SDL_Color COLOR_ITALIAN = {31, 84, 140, 255};
const SDL_Color COLOR_OPEN = {27, 110, 50, 255};
const SDL_Color COLOR_CLOSED = {160, 50, 30, 255};
const SDL_Color COLOR_TOGGLE_ON = {27, 110, 50, 255};
const SDL_Color COLOR_SHADE = {0, 0, 0, 160};
const SDL_Color COLOR_FOOTER = {232, 228, 218, 255};

/* High contrast (the visitor's toggle): black text on white, dark fills
 * under white text, every pair at least 7:1 (WCAG 2.2 AAA, test
 * kiosk_high_contrast_every_text_meets_wcag_aaa_on_every_screen). */
/* clang-format off */
static const view_swap contrast_swaps[] = {
    /* colour               fill                   ink */
    {{244, 241, 234, 255}, {255, 255, 255, 255}, {0, 0, 0, 255}},     /* SCREEN_BACKGROUND */
    {{31, 58, 95, 255},    {0, 0, 0, 255},       {0, 0, 0, 255}},     /* COLOR_BAR */
    {{52, 86, 130, 255},   {0, 51, 102, 255},    {0, 51, 102, 255}},  /* COLOR_BAR_BUTTON */
    {{27, 27, 27, 255},    {0, 0, 0, 255},       {0, 0, 0, 255}},     /* COLOR_INK */
    {{85, 85, 85, 255},    {0, 0, 0, 255},       {0, 0, 0, 255}},     /* COLOR_MUTED */
    {{196, 204, 216, 255}, {0, 0, 0, 255},       {0, 0, 0, 255}},     /* COLOR_CARD_EDGE */
    {{198, 40, 40, 255},   {163, 0, 0, 255},     {163, 0, 0, 255}},   /* COLOR_HELP */
    {{255, 232, 163, 255}, {255, 230, 120, 255}, {0, 0, 0, 255}},     /* COLOR_EXAMPLE_BG */
    {{90, 67, 0, 255},     {0, 0, 0, 255},       {0, 0, 0, 255}},     /* COLOR_EXAMPLE_INK */
    {{31, 84, 140, 255},   {0, 40, 100, 255},    {0, 40, 100, 255}},  /* COLOR_ITALIAN */
    {{27, 110, 50, 255},   {0, 85, 30, 255},     {0, 85, 30, 255}},   /* COLOR_OPEN, _TOGGLE_ON */
    {{160, 50, 30, 255},   {140, 0, 0, 255},     {140, 0, 0, 255}},   /* COLOR_CLOSED */
    {{232, 228, 218, 255}, {235, 235, 235, 255}, {0, 0, 0, 255}},     /* COLOR_FOOTER */
};
/* clang-format on */
static const view_palette high_contrast = {contrast_swaps,
                                           sizeof contrast_swaps / sizeof *contrast_swaps};

/* ---- shape ------------------------------------------------------------------ */

const int screen_supported_shapes[SCREEN_SHAPE_COUNT][2] = {
    {600, 1024}, {800, 1280}, {1024, 600}, {1280, 800}, {1920, 1080}};

screen_shape screen_shape_for(int width, int height, float dpi)
{
    screen_shape s = {.width = width > 0 ? width : 1, .height = height > 0 ? height : 1};
    s.dpi = dpi > 0 ? dpi : 96;
    float short_side = (float)(s.width < s.height ? s.width : s.height);
    s.scale = short_side / SCREEN_DESIGN_SHORT_SIDE;
    /* Touch targets at least 9 mm at the display's density. */
    float minimum = SCREEN_TARGET_MM / 25.4f * s.dpi / SCREEN_SMALLEST_TARGET;
    if (s.scale < minimum)
        s.scale = minimum;
    s.units = (float)s.width / s.scale;
    s.portrait = s.height > s.width;
    s.narrow = s.units < SCREEN_NARROW_UNITS;
    return s;
}

float px(const screen_ctx *ctx, float units)
{
    return roundf(units * ctx->shape.scale);
}

/* A font size in pixels: large text makes it about 1.4 times larger, and
 * the screens lay out around what the texts then take. */
static float text_size(const screen_ctx *ctx, float units)
{
    return px(ctx, ctx->large_text ? units * SCREEN_LARGE_TEXT : units);
}
float screen_width(const screen_ctx *ctx)
{
    return (float)ctx->shape.width;
}
float screen_margin(const screen_ctx *ctx)
{
    return px(ctx, ctx->shape.narrow ? 24 : 40);
}

int screen_columns(const screen_ctx *ctx, float width, float min_units, int most)
{
    int n = (int)(width / px(ctx, min_units));
    return n < 1 ? 1 : n > most ? most : n;
}

const char *screen_icon(const screen_ctx *ctx, const char *name)
{
    return icons_glyph(ctx->icons, name);
}

/* ---- texts in slots ----------------------------------------------------------- */

static text_params params_for(const screen_ctx *ctx, const char *language, float w, style st,
                              bool own_side)
{
    text_params params = text_params_default(language, (int)w, text_size(ctx, st.size));
    params.weight = st.bold ? TEXT_WEIGHT_BOLD : TEXT_WEIGHT_REGULAR;
    /* Alignment follows the screen's direction: an Italian address or a
     * phone number on an Arabic screen starts at the right, like the
     * Arabic text around it. */
    params.align = st.align;
    if (st.align != TEXT_ALIGN_CENTER && !own_side &&
        ctx->view->rtl != text_language_is_rtl(language))
        params.align = st.align == TEXT_ALIGN_START ? TEXT_ALIGN_END : TEXT_ALIGN_START;
    params.max_lines = st.max_lines;
    return params;
}

typedef struct slot_source {
    const char *slot, *key, *msgid;
    bool own_side;
    float room; /* the height of the box it must fit (a button); 0: it grows */
} slot_source;

/* The slot of a text just laid out, for the slot sink: what was cut and
 * what the whole text would need, and the first character no font has. */
static void report_slot(screen_ctx *ctx, slot_source source, const char *text, const char *language,
                        const text_params *params, const text_layout *layout, float w, style st)
{
    size_t lines = text_layout_line_count(layout);
    screen_slot slot = {.screen = ctx->screen_name,
                        .slot = source.slot,
                        .key = source.key,
                        .msgid = source.msgid,
                        .text = text,
                        .language = language,
                        .width = w,
                        .max_lines = st.max_lines,
                        .size = text_size(ctx, st.size),
                        .bold = st.bold,
                        .lines = (int)lines,
                        .height = text_layout_height(layout),
                        .room = source.room};
    for (size_t i = 0; i < lines; i++) {
        const text_line *line = text_layout_line(layout, i);
        if (line->ellipsis) {
            slot.cut = true;
            slot.shown_bytes = line->end;
        }
        for (size_t g = 0; g < line->glyph_count && !slot.missing_glyph; g++)
            if (line->glyphs[g].missing) {
                UChar32 c;
                int32_t at = (int32_t)line->glyphs[g].cluster;
                U8_NEXT(text, at, (int32_t)strlen(text), c);
                slot.missing_glyph = c > 0 ? (unsigned)c : 0xfffd;
            }
    }
    if (slot.cut) {
        text_params whole = *params;
        whole.max_lines = 0;
        text_layout *all = text_layout_create(ctx->engine, text, strlen(text), &whole);
        slot.needed_lines = all ? (int)text_layout_line_count(all) : 0;
        text_layout_destroy(all);
    }
    ctx->slot_sink(&slot, ctx->slot_user);
}

static float put(screen_ctx *ctx, view_layer layer, slot_source source, const char *text,
                 const char *language, float x, float y, float w, style st)
{
    if (!text || !*text)
        return 0;
    /* Large text cuts nothing: every text takes the lines it needs, and
     * the screens lay out around it (a button's label is not large). */
    if (ctx->large_text)
        st.max_lines = 0;
    text_params params = params_for(ctx, language, w, st, source.own_side);
    float height = 0;
    int index = view_text(ctx->view, layer, ctx->engine, text, &params, x, y, st.color, &height);
    if (index < 0)
        return height;
    const text_layout *layout = ctx->view->items[index].layout;
    size_t lines = text_layout_line_count(layout);
    bool missing = false;
    for (size_t i = 0; i < lines; i++) {
        const text_line *line = text_layout_line(layout, i);
        for (size_t g = 0; g < line->glyph_count && !missing; g++)
            missing = line->glyphs[g].missing;
    }
    if (missing)
        ctx->missing_texts++;
    if (ctx->slot_sink && source.slot)
        report_slot(ctx, source, text, language, &params, layout, w, st);
    /* A translator looking for one string: its box outlined, in red. */
    const char *id = source.key ? source.key : source.msgid;
    if (ctx->highlight && id && strcmp(id, ctx->highlight) == 0) {
        float m = px(ctx, 4);
        view_frame(ctx->view, layer, (SDL_FRect){x - m, y - m, w + 2 * m, height + 2 * m},
                   (SDL_Color){220, 0, 0, 255});
    }
    return height;
}

float screen_text(screen_ctx *ctx, view_layer layer, const char *slot, const page_text *t, float x,
                  float y, float w, style st)
{
    if (!t->text || !*t->text)
        return 0;
    float h = put(ctx, layer, (slot_source){slot, t->key, t->msgid, false, 0}, t->text, t->language,
                  x, y, w, st);
    if (t->italian && *t->italian) {
        style it = st;
        it.size = st.size * 0.85f;
        it.color = COLOR_ITALIAN;
        it.align = TEXT_ALIGN_START;
        it.max_lines = 0;
        float gap = px(ctx, 6), bar = px(ctx, 4), indent = bar + px(ctx, 10);
        float ih = put(ctx, layer, (slot_source){NULL, NULL, NULL, false, 0}, t->italian, "it",
                       x + indent, y + h + gap, w - indent, it);
        view_fill(ctx->view, layer, (SDL_FRect){x, y + h + gap, bar, ih}, COLOR_ITALIAN);
        h += gap + ih;
    }
    return h;
}

float screen_ui(screen_ctx *ctx, view_layer layer, const char *slot, const char *msgid,
                const char *text, const page *page, float x, float y, float w, style st)
{
    return put(ctx, layer, (slot_source){slot, NULL, msgid, false, 0}, text ? text : _(msgid),
               page->language, x, y, w, st);
}

float screen_plain(screen_ctx *ctx, view_layer layer, const char *slot, const char *text,
                   const char *language, float x, float y, float w, style st)
{
    return put(ctx, layer, (slot_source){slot, NULL, NULL, false, 0}, text, language, x, y, w, st);
}

float screen_ui_own_side(screen_ctx *ctx, view_layer layer, const char *slot, const char *msgid,
                         const char *text, const char *language, float x, float y, float w,
                         style st)
{
    return put(ctx, layer, (slot_source){slot, NULL, msgid, true, 0}, text, language, x, y, w, st);
}

float screen_measure(screen_ctx *ctx, const char *text, const char *language, float w, style st)
{
    float top, bottom;
    return screen_measure_ink(ctx, text, language, w, st, &top, &bottom);
}

float screen_measure_ink(screen_ctx *ctx, const char *text, const char *language, float w, style st,
                         float *ink_top, float *ink_bottom)
{
    *ink_top = *ink_bottom = 0;
    if (!text || !*text)
        return 0;
    if (ctx->large_text)
        st.max_lines = 0; /* as put() lays it out */
    text_params params = params_for(ctx, language, w, st, false);
    text_layout *layout = text_layout_create(ctx->engine, text, strlen(text), &params);
    float height = layout ? text_layout_height(layout) : text_size(ctx, st.size);
    if (!layout || !text_layout_ink(layout, ink_top, ink_bottom))
        *ink_bottom = height;
    text_layout_destroy(layout);
    return height;
}

float screen_measure_width(screen_ctx *ctx, const char *text, const char *language, style st)
{
    if (!text || !*text)
        return 0;
    text_params params = params_for(ctx, language, TEXT_WIDTH_UNLIMITED, st, false);
    params.max_lines = 0;
    text_layout *layout = text_layout_create(ctx->engine, text, strlen(text), &params);
    float width = layout ? text_layout_width(layout) : 0;
    text_layout_destroy(layout);
    return width;
}

float screen_ink_room(float height, float ink_top, float ink_bottom)
{
    float middle = (ink_top + ink_bottom) / 2;
    return 2 * (middle > height - middle ? middle : height - middle);
}

float screen_ink_centred(float top, float room, float height, float ink_top, float ink_bottom)
{
    float y = top + room / 2 - (ink_top + ink_bottom) / 2;
    /* The line boxes stay in the room when they fit it. */
    if (y + height > top + room)
        y = top + room - height;
    return y < top ? top : y;
}

/* ---- buttons and cards ---------------------------------------------------------- */

static void button_contents(screen_ctx *ctx, view_layer layer, const char *slot, SDL_FRect r,
                            SDL_Color fill, SDL_Color ink, const char *pictogram, const char *label,
                            const char *msgid, const page *page, float size, int action,
                            const char *arg);

void screen_button(screen_ctx *ctx, view_layer layer, const char *slot, SDL_FRect r, SDL_Color fill,
                   SDL_Color ink, const char *pictogram, const char *label, const char *msgid,
                   const page *page, float size, int action, const char *arg)
{
    /* A button's label keeps its size in large text: the button cannot
     * grow, and its pictogram says what it is. */
    bool large = ctx->large_text;
    ctx->large_text = false;
    button_contents(ctx, layer, slot, r, fill, ink, pictogram, label, msgid, page, size, action,
                    arg);
    ctx->large_text = large;
}

static void button_contents(screen_ctx *ctx, view_layer layer, const char *slot, SDL_FRect r,
                            SDL_Color fill, SDL_Color ink, const char *pictogram, const char *label,
                            const char *msgid, const page *page, float size, int action,
                            const char *arg)
{
    view_target(ctx->view, layer, r, fill, action, arg);
    float pad = px(ctx, 12);
    float icon_w = 0;
    if (pictogram) {
        icon_w = label ? px(ctx, size * 1.4f) : r.w - 2 * pad;
        /* Alone, the pictogram is the label: larger. */
        style ist = {size * (label ? 1.1f : 1.8f), false, TEXT_ALIGN_CENTER, 1, ink};
        float top, bottom;
        float ih = screen_measure_ink(ctx, pictogram, "und", icon_w, ist, &top, &bottom);
        /* Its line box may reach into the button's padding (a large
         * pictogram's box is about as tall as the button); a pictogram
         * whose font's line box is far from its ink (◐ in Noto Sans
         * Symbols 2) is drawn smaller, to sit in the middle. */
        float room = r.h + 2 * pad, needed = screen_ink_room(ih, top, bottom);
        if (needed > room) {
            ist.size *= room / needed;
            ih = screen_measure_ink(ctx, pictogram, "und", icon_w, ist, &top, &bottom);
        }
        screen_plain(ctx, layer, NULL, pictogram, "und", r.x + pad,
                     screen_ink_centred(r.y - pad, room, ih, top, bottom), icon_w, ist);
    }
    if (label) {
        float space = pictogram ? px(ctx, 8) : 0; /* the pictogram never touches the word */
        float lx = r.x + pad + icon_w + space;
        float lw = r.w - 2 * pad - icon_w - space;
        style st = {size, true, pictogram ? TEXT_ALIGN_START : TEXT_ALIGN_CENTER, 2, ink};
        /* Measured first so the label's ink is centred vertically, in any
         * script. */
        float top, bottom;
        float h = screen_measure_ink(ctx, label, page->language, lw, st, &top, &bottom);
        /* kept 0.15 em inside the button where it fits, so the
         * view knows the ground it is drawn on (view.c, retained lines) */
        float m = px(ctx, size * 0.15f);
        put(ctx, layer, (slot_source){slot, NULL, msgid, false, r.h}, label, page->language, lx,
            screen_ink_centred(r.y + m, r.h - 2 * m, h, top, bottom), lw, st);
    }
}

int screen_card(screen_ctx *ctx, SDL_FRect r, int action, const char *arg)
{
    int edge = view_fill(ctx->view, VIEW_BODY, r, COLOR_CARD_EDGE);
    view_target(ctx->view, VIEW_BODY, (SDL_FRect){r.x + 2, r.y + 2, r.w - 4, r.h - 4}, COLOR_CARD,
                action, arg);
    return edge;
}

void screen_card_height(screen_ctx *ctx, int card, float h)
{
    if (card < 0)
        return;
    view *v = ctx->view;
    v->items[card].rect.h = h;
    v->items[card + 1].rect.h = h - 4;
    if (v->items[card].rect.y + h > v->content_height)
        v->content_height = v->items[card].rect.y + h;
}

float screen_confirm_mark(screen_ctx *ctx, const page *page, const page_text *text, float x,
                          float y, float w)
{
    (void)page;
    if (!text || !text->text || !*text->text)
        return 0;
    /* A note, not a warning: the colour of the draft line, the body's ink
     * a little softer, the same size as the text around it. */
    float pad = px(ctx, 10);
    style st = {22, false, TEXT_ALIGN_START, 0, COLOR_MUTED};
    float h = screen_measure(ctx, text->text, text->language, w - 2 * pad, st);
    view_fill(ctx->view, VIEW_BODY, (SDL_FRect){x, y, w, h + 2 * pad}, COLOR_FOOTER);
    screen_text(ctx, VIEW_BODY, "example-mark", text, x + pad, y + pad, w - 2 * pad, st);
    return h + 2 * pad;
}

float screen_example_mark(screen_ctx *ctx, const page *page, float x, float y, float w)
{
    return screen_confirm_mark(ctx, page, &page->category.example_mark, x, y, w);
}

float screen_checked_line(screen_ctx *ctx, const page_text *text, float x, float y, float w)
{
    if (!text->text || !*text->text)
        return 0;
    return screen_text(ctx, VIEW_BODY, "checked", text, x, y, w,
                       (style){22, false, TEXT_ALIGN_START, 0, COLOR_MUTED});
}

float screen_heading(screen_ctx *ctx, const char *slot, const page_text *text, float y)
{
    float margin = screen_margin(ctx);
    return screen_text(ctx, VIEW_BODY, slot, text, margin, y, screen_width(ctx) - 2 * margin,
                       (style){38, true, TEXT_ALIGN_START, 0, COLOR_INK});
}

void screen_end(screen_ctx *ctx, float y, float units)
{
    view_fill(ctx->view, VIEW_BODY, (SDL_FRect){0, y, 1, px(ctx, units)}, SCREEN_BACKGROUND);
}

void screen_chevron(screen_ctx *ctx, float x, float y)
{
    /* Pointing on in the reading direction, from the symbol fonts. */
    screen_plain(ctx, VIEW_BODY, NULL, ctx->view->rtl ? "\xe2\x80\xb9" : "\xe2\x80\xba", "und", x,
                 y, px(ctx, 32), (style){40, false, TEXT_ALIGN_CENTER, 1, COLOR_MUTED});
}

/* ---- the bar ------------------------------------------------------------------------ */

/* The bar: Back, Home or Language at the start; Help now, the speaker and
 * "Show in Italian" at the end.  At the top of a landscape screen; at the
 * bottom of a portrait one, where a thumb reaches it.  On a narrow screen
 * Back, Home and Language are pictograms only, and "Show in Italian" gets
 * a row of its own beside the bar. */
static void bar(screen_ctx *ctx, const screen_def *def, const page *page)
{
    float w = screen_width(ctx), h = (float)ctx->shape.height;
    bool narrow = ctx->shape.narrow;
    bool toggle = (def->bar & BAR_ITALIAN) && page->italian_toggle;
    bool toggle_row = toggle && narrow;
    float bar_h = px(ctx, 96), row_h = toggle_row ? px(ctx, 84) : 0;
    float top = ctx->shape.portrait ? h - bar_h - row_h : 0;
    view *v = ctx->view;
    if (!def->bar) {
        v->body_top = 0;
        v->body_bottom = h;
        return;
    }
    view_fill(v, VIEW_FIXED, (SDL_FRect){0, top, w, bar_h + row_h}, COLOR_BAR);
    float bar_y = ctx->shape.portrait ? top + row_h : top;
    float y = bar_y + px(ctx, 12), bh = px(ctx, 72), gap = px(ctx, 12);
    float x = px(ctx, 16), end = w - px(ctx, 16);
    float small = px(ctx, 96);
    if (def->bar & BAR_BACK) {
        float bw = narrow ? small : px(ctx, 196);
        screen_button(ctx, VIEW_FIXED, "bar.back", (SDL_FRect){x, y, bw, bh}, COLOR_BAR_BUTTON,
                      COLOR_WHITE, screen_icon(ctx, v->rtl ? "back-rtl" : "back-ltr"),
                      narrow ? NULL : _("Back"), "Back", page, 24, ACTION_BACK, NULL);
        x += bw + gap;
    }
    if (def->bar & BAR_HOME) {
        float bw = narrow ? small : px(ctx, 196);
        screen_button(ctx, VIEW_FIXED, "bar.home", (SDL_FRect){x, y, bw, bh}, COLOR_BAR_BUTTON,
                      COLOR_WHITE, screen_icon(ctx, "home"), narrow ? NULL : _("Home"), "Home",
                      page, 24, ACTION_HOME, NULL);
        x += bw + gap;
    }
    if (def->bar & BAR_LANGUAGE) {
        float bw = narrow ? small : px(ctx, 240);
        screen_button(ctx, VIEW_FIXED, "bar.language", (SDL_FRect){x, y, bw, bh}, COLOR_BAR_BUTTON,
                      COLOR_WHITE, screen_icon(ctx, "languages"), narrow ? NULL : _("Language"),
                      "Language", page, 24, ACTION_LANGUAGES, NULL);
        x += bw + gap;
    }
    /* Search, with the ways to go elsewhere (a pictogram). */
    if (def->bar & BAR_SEARCH) {
        float sw = px(ctx, narrow ? 80 : 88);
        screen_button(ctx, VIEW_FIXED, NULL, (SDL_FRect){x, y, sw, bh}, COLOR_BAR_BUTTON,
                      COLOR_WHITE, screen_icon(ctx, "search"), NULL, NULL, page, 30, ACTION_SEARCH,
                      NULL);
        x += sw + gap;
    }
    bool speak = (def->bar & BAR_SPEAK) && ctx->speech;
    if (def->bar & BAR_HELP) {
        /* On the language picker the label is in two languages. */
        float hw = px(ctx, page->screen == SCREEN_LANGUAGES ? 440 : 290);
        float room = end - x - (speak ? px(ctx, 88) + gap : 0) -
                     (def->bar & BAR_TEXT_SIZE ? 2 * (px(ctx, narrow ? 80 : 88) + gap) : 0);
        if (hw > room)
            hw = room;
        /* Before a language is chosen the label is Italian and English. */
        char label[160];
        snprintf(label, sizeof label, "%s%s", _("Help now"),
                 page->screen == SCREEN_LANGUAGES ? " \xc2\xb7 Help now" : "");
        /* On Help now itself the button says so: framed, and it does nothing. */
        bool here = page->screen == SCREEN_HELP;
        SDL_FRect r = {end - hw, y, hw, bh};
        screen_button(ctx, VIEW_FIXED, "bar.help", r, COLOR_HELP, COLOR_WHITE,
                      screen_icon(ctx, "help"), label, "Help now", page, 24,
                      here ? ACTION_NONE : ACTION_HELP, NULL);
        if (here)
            view_frame(v, VIEW_FIXED,
                       (SDL_FRect){r.x + px(ctx, 5), r.y + px(ctx, 5), r.w - px(ctx, 10),
                                   r.h - px(ctx, 10)},
                       COLOR_WHITE);
        end -= hw + gap;
    }
    if (def->bar & BAR_TEXT_SIZE) {
        float tw = px(ctx, narrow ? 80 : 88);
        screen_button(ctx, VIEW_FIXED, NULL, (SDL_FRect){end - tw, y, tw, bh},
                      page->large_text ? COLOR_TOGGLE_ON : COLOR_BAR_BUTTON, COLOR_WHITE,
                      screen_icon(ctx, "text-size"), NULL, NULL, page, 30, ACTION_TEXT_SIZE, NULL);
        end -= tw + gap;
        screen_button(ctx, VIEW_FIXED, NULL, (SDL_FRect){end - tw, y, tw, bh},
                      page->high_contrast ? COLOR_TOGGLE_ON : COLOR_BAR_BUTTON, COLOR_WHITE,
                      screen_icon(ctx, "contrast"), NULL, NULL, page, 30, ACTION_CONTRAST, NULL);
        end -= tw + gap;
    }
    if (speak) {
        float sw = px(ctx, 88);
        screen_button(ctx, VIEW_FIXED, NULL, (SDL_FRect){end - sw, y, sw, bh}, COLOR_BAR_BUTTON,
                      COLOR_WHITE, screen_icon(ctx, "speaker"), NULL, NULL, page, 30, ACTION_SPEAK,
                      NULL);
        end -= sw + gap;
    }
    if (toggle) {
        const char *msgid = page->show_italian ? N_("Hide Italian") : N_("Show in Italian");
        SDL_Color fill = page->show_italian ? COLOR_TOGGLE_ON : COLOR_BAR_BUTTON;
        if (toggle_row) {
            float ty = ctx->shape.portrait ? top + px(ctx, 12) : bar_h;
            float tw = w - 2 * px(ctx, 16) < px(ctx, 420) ? w - 2 * px(ctx, 16) : px(ctx, 420);
            screen_button(ctx, VIEW_FIXED, "bar.italian",
                          (SDL_FRect){w - px(ctx, 16) - tw, ty, tw, bh}, fill, COLOR_WHITE, NULL,
                          _(msgid), msgid, page, 22, ACTION_ITALIAN, NULL);
        } else {
            float tw = end - x > px(ctx, 260) ? px(ctx, 260) : end - x;
            if (tw > px(ctx, 120))
                screen_button(ctx, VIEW_FIXED, "bar.italian", (SDL_FRect){end - tw, y, tw, bh},
                              fill, COLOR_WHITE, NULL, _(msgid), msgid, page, 22, ACTION_ITALIAN,
                              NULL);
        }
    }
    if (ctx->shape.portrait) {
        v->body_top = 0;
        v->body_bottom = top;
    } else {
        v->body_top = bar_h + row_h;
        v->body_bottom = h;
    }
}

/* A discreet line when the translation has not been reviewed: at the
 * bottom of the body. */
static void draft_line(screen_ctx *ctx, const page *page)
{
    if (!page->draft)
        return;
    float w = screen_width(ctx);
    const char *msgid = N_("Draft translation, not yet checked by a translator.");
    style st = {20, false, TEXT_ALIGN_START, 1, COLOR_MUTED};
    float fh = screen_measure(ctx, _(msgid), page->language, w - px(ctx, 48), st) + px(ctx, 12);
    float y = ctx->view->body_bottom - fh;
    view_fill(ctx->view, VIEW_FIXED, (SDL_FRect){0, y, w, fh}, COLOR_FOOTER);
    screen_ui(ctx, VIEW_FIXED, "draft-line", msgid, NULL, page, px(ctx, 24), y + px(ctx, 6),
              w - px(ctx, 48), st);
    ctx->view->body_bottom = y;
}

/* The idle countdown, over any screen: a card as tall as what it says,
 * in the middle. */
static void countdown(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), h = (float)ctx->shape.height;
    view_fill(ctx->view, VIEW_OVERLAY, (SDL_FRect){0, 0, w, h}, COLOR_SHADE);
    float cw = px(ctx, 760) < w - px(ctx, 32) ? px(ctx, 760) : w - px(ctx, 32);
    float pad = px(ctx, 32), inner = cw - 2 * pad;
    const char *question = N_("Are you still there?");
    /* The msgid of a plural message is its singular (for the slot); the
     * literals stay inside P_() for xgettext. */
    const char *seconds_msgid = "The kiosk starts again in %d second.";
    char text[256];
    snprintf(text, sizeof text,
             P_("The kiosk starts again in %d second.", "The kiosk starts again in %d seconds.",
                (unsigned long)ctx->countdown_seconds),
             ctx->countdown_seconds);
    style question_style = {34, true, TEXT_ALIGN_CENTER, 2, COLOR_INK};
    style text_style = {26, false, TEXT_ALIGN_CENTER, 2, COLOR_INK};
    float qh = screen_measure(ctx, _(question), page->language, inner, question_style);
    float th = screen_measure(ctx, text, page->language, inner, text_style);
    float bh = px(ctx, 84);
    float ch = pad + qh + px(ctx, 16) + th + px(ctx, 24) + bh + pad;
    SDL_FRect r = {(w - cw) / 2, (h - ch) / 2, cw, ch};
    view_fill(ctx->view, VIEW_OVERLAY, r, COLOR_CARD);
    float y = r.y + pad;
    y += screen_ui(ctx, VIEW_OVERLAY, "countdown.question", question, NULL, page, r.x + pad, y,
                   inner, question_style) +
         px(ctx, 16);
    y += screen_ui(ctx, VIEW_OVERLAY, "countdown.seconds", seconds_msgid, text, page, r.x + pad, y,
                   inner, text_style) +
         px(ctx, 24);
    float bw = px(ctx, 360) < inner ? px(ctx, 360) : inner;
    screen_button(ctx, VIEW_OVERLAY, "countdown.continue",
                  (SDL_FRect){r.x + (cw - bw) / 2, y, bw, bh}, COLOR_TOGGLE_ON, COLOR_WHITE, NULL,
                  _("Continue"), "Continue", page, 28, ACTION_STAY, NULL);
}

void screen_build(screen_ctx *ctx, const page *page)
{
    const screen_def *def = screen_def_of(page->screen);
    view *v = ctx->view;
    view_clear(v);
    v->width = ctx->shape.width;
    v->height = ctx->shape.height;
    v->rtl = page->rtl;
    v->palette = page->high_contrast ? &high_contrast : NULL;
    v->background = view_color(v, SCREEN_BACKGROUND, false);
    ctx->screen_name = def->name;
    bar(ctx, def, page);
    draft_line(ctx, page);
    def->build(ctx, page);
    if (ctx->countdown)
        countdown(ctx, page);
}
