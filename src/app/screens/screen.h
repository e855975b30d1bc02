/* screen.h - what the screens share: the shape of the window, the context
 * a screen is built in, the declared text slots, the building blocks
 * (widgets.c) and the table of screens (table.c).
 *
 * A screen is one file here with one build function: it takes a const page
 * (pages.h) and a context, and adds items to the context's view in logical
 * coordinates (x from the start side: view.c mirrors for right-to-left
 * languages).  It never sees the kiosk's state or the catalogue.  Sizes
 * are written in design units and turned into pixels by px(): the shape
 * decides how many pixels a unit is, and how many units wide the window
 * is, so one screen serves 600x1024 portrait and 1920x1080 alike.
 *
 * Every text goes through screen_text() and its wrappers, each naming its
 * slot ("service.title"): with a slot sink set, every text laid out is
 * also reported with its box width and line limit (the translators'
 * layout check lists them at any shape). */
#ifndef SPORTELLO_SCREEN_H
#define SPORTELLO_SCREEN_H

#include <stdbool.h>

#include <SDL.h>

#include "icons.h"
#include "pages.h"
#include "screen_ids.h"
#include "text.h"
#include "view.h"

/* ---- the shape of the window ------------------------------------------ */

/* Design units: the screens were drawn for an 800-unit short side. */
#define SCREEN_DESIGN_SHORT_SIDE 800.0f
/* The smallest touch target, in units; kept >= SCREEN_TARGET_MM. */
#define SCREEN_SMALLEST_TARGET 64.0f
#define SCREEN_TARGET_MM 9.0f
/* Below this many units across, one column and a compact bar. */
#define SCREEN_NARROW_UNITS 1000.0f

typedef struct screen_shape {
    int width, height; /* pixels */
    float dpi;         /* of the display (96 when unknown) */
    float scale;       /* pixels per design unit */
    float units;       /* the width in design units */
    bool portrait;     /* taller than wide: the bar at the bottom, in thumb reach */
    bool narrow;       /* fewer than SCREEN_NARROW_UNITS across */
} screen_shape;

/* The window sizes the kiosk is made for and checked at: tablets in
 * portrait (7" and 10"), small and usual landscape screens, a large desk
 * display. */
#define SCREEN_SHAPE_COUNT 5
extern const int screen_supported_shapes[SCREEN_SHAPE_COUNT][2];

/* The shape of a window `width` x `height` pixels on a display of `dpi`
 * (0: unknown): the short side is 800 units, and never so few pixels a
 * unit that the smallest target falls under 9 mm. */
screen_shape screen_shape_for(int width, int height, float dpi);

/* ---- slots ------------------------------------------------------------- */

typedef struct screen_slot {
    const char *screen;   /* the screen's name ("service") */
    const char *slot;     /* the slot's name ("service.title") */
    const char *key;      /* content: the catalogue key; else NULL */
    const char *msgid;    /* the kiosk's own words: the msgid; else NULL */
    const char *text;     /* as laid out */
    const char *language; /* the language it was laid out in */
    float width;          /* the box, pixels */
    int max_lines;        /* 0: no limit */
    float size;           /* font size, pixels */
    bool bold;
    int lines;              /* lines it took */
    bool cut;               /* cut at max_lines, an ellipsis added */
    int needed_lines;       /* when cut: the lines the whole text needs */
    size_t shown_bytes;     /* when cut: the bytes of text that are shown */
    float height;           /* laid out, pixels */
    float room;             /* the height its box has (a button); 0: it grows */
    unsigned missing_glyph; /* the first character no font has, or 0 */
} screen_slot;

typedef void (*screen_slot_sink)(const screen_slot *slot, void *user);

/* ---- the context --------------------------------------------------------- */

typedef struct screen_ctx {
    view *view;
    text_engine *engine;
    SDL_Renderer *renderer; /* textures (QR codes); NULL: none are made */
    const icon_table *icons;
    screen_shape shape;
    const char *screen_name;
    bool speech;    /* a voice reads this language */
    bool countdown; /* the idle countdown is over the screen */
    int countdown_seconds;
    long missing_texts;         /* out: texts with a character no font has */
    screen_slot_sink slot_sink; /* NULL: slots are not reported */
    void *slot_user;
    const char *highlight; /* a catalogue key or msgid whose boxes are outlined, or NULL */
    bool large_text;       /* texts about 1.4x (not the bar's buttons: they keep their size) */
} screen_ctx;

/* How much larger text is with large text on. */
#define SCREEN_LARGE_TEXT 1.4f

/* ---- the table of screens ------------------------------------------------- */

/* Buttons of the bar. */
enum {
    BAR_BACK = 1 << 0,
    BAR_HOME = 1 << 1,
    BAR_LANGUAGE = 1 << 2, /* back to the language picker */
    BAR_HELP = 1 << 3,
    BAR_SPEAK = 1 << 4,     /* when a voice reads the language */
    BAR_ITALIAN = 1 << 5,   /* "Show in Italian", when the page offers it */
    BAR_TEXT_SIZE = 1 << 6, /* large text on and off (a pictogram) */
    BAR_SEARCH = 1 << 7,    /* the search screen (a pictogram) */
};

typedef struct screen_def {
    kiosk_screen id;
    const char *name; /* in file names, counters and slots */
    unsigned bar;     /* BAR_* */
    bool counted;     /* a visit counted (page x language x day) */
    bool staff;       /* the operator's: Italian, left to right */
    void (*build)(screen_ctx *ctx, const page *page);
} screen_def;

const screen_def *screen_def_of(kiosk_screen id);
/* The screen with this name, or NULL. */
const screen_def *screen_def_named(const char *name);

/* A slot's place in words ("a tile of the home screen"), or NULL. */
const char *screen_slot_place(const char *slot);

/* Builds the whole screen into ctx->view (cleared first): the bar, the
 * screen's own items, the draft-translation line, the idle countdown. */
void screen_build(screen_ctx *ctx, const page *page);

/* The screens (one file each). */
void screen_languages(screen_ctx *ctx, const page *page);
void screen_home(screen_ctx *ctx, const page *page);
void screen_category(screen_ctx *ctx, const page *page);
/* page->category's guides and services as cards from `y` (a category's
 * screen, and Help now under its numbers); returns the y after them. */
float screen_category_rows(screen_ctx *ctx, const page *page, float y);
void screen_service(screen_ctx *ctx, const page *page);
void screen_qr(screen_ctx *ctx, const page *page);
void screen_article(screen_ctx *ctx, const page *page);
void screen_help(screen_ctx *ctx, const page *page);
void screen_pin(screen_ctx *ctx, const page *page);
void screen_operator(screen_ctx *ctx, const page *page);
void screen_out_of_service(screen_ctx *ctx, const page *page);
void screen_search(screen_ctx *ctx, const page *page);

/* ---- building blocks (widgets.c) ------------------------------------------ */

/* The colour under everything (the kiosk clears to it). */
extern const SDL_Color SCREEN_BACKGROUND;
extern const SDL_Color COLOR_BAR, COLOR_BAR_BUTTON, COLOR_WHITE, COLOR_INK, COLOR_MUTED, COLOR_CARD,
    COLOR_CARD_EDGE, COLOR_HELP, COLOR_ITALIAN, COLOR_OPEN, COLOR_CLOSED, COLOR_TOGGLE_ON, COLOR_SHADE, COLOR_FOOTER;

typedef struct style {
    float size; /* design units */
    bool bold;
    text_align align;
    int max_lines;
    SDL_Color color;
} style;

/* Design units to pixels. */
float px(const screen_ctx *ctx, float units);
/* The screen's width in pixels. */
float screen_width(const screen_ctx *ctx);
/* The page margin at the start and end sides. */
float screen_margin(const screen_ctx *ctx);
/* How many columns of tiles at least `min_units` wide fit in `width` px. */
int screen_columns(const screen_ctx *ctx, float width, float min_units, int most);

/* A text of the page in its slot: the text in the language it is in, and
 * under it, when there is one, the Italian with a blue bar beside it.
 * Returns the height used (0 for no text). */
float screen_text(screen_ctx *ctx, view_layer layer, const char *slot, const page_text *text,
                  float x, float y, float w, style st);
/* The kiosk's own words: _(msgid) (already translated `text` when not
 * NULL: a formatted message). */
float screen_ui(screen_ctx *ctx, view_layer layer, const char *slot, const char *msgid,
                const char *text, const page *page, float x, float y, float w, style st);
/* Text that is not translated (a number, an address, a name in its own
 * language, a pictogram: language "und"). */
float screen_plain(screen_ctx *ctx, view_layer layer, const char *slot, const char *text,
                   const char *language, float x, float y, float w, style st);
/* The kiosk's words `text` (msgid's translation) in `language`, aligned to
 * the start of the text's own direction rather than the screen's (one
 * sentence in each language, side by side). */
float screen_ui_own_side(screen_ctx *ctx, view_layer layer, const char *slot, const char *msgid,
                         const char *text, const char *language, float x, float y, float w,
                         style st);
/* The height screen_plain would use, without adding anything. */
float screen_measure(screen_ctx *ctx, const char *text, const char *language, float w, style st);
/* screen_measure(), and where the text's ink is: from the top of its first
 * inked line's ink to the bottom of its last one's, in pixels from the
 * text's top (0 and the height for a text with no ink). */
float screen_measure_ink(screen_ctx *ctx, const char *text, const char *language, float w,
                         style st, float *ink_top, float *ink_bottom);
/* The width of `text` on one line, however wide. */
float screen_measure_width(screen_ctx *ctx, const char *text, const char *language, style st);
/* The top at which a text `height` tall, with its ink from `ink_top` to
 * `ink_bottom` below its top, has its ink in the middle of the room from
 * `top`, `room` tall (Urdu, Bengali, Ethiopic, Chinese labels sit in the
 * middle as Latin ones do); moved so the text stays in the room when it
 * fits. */
float screen_ink_centred(float top, float room, float height, float ink_top, float ink_bottom);
/* The room a text `height` tall with that ink needs to be centred by its
 * ink with its line boxes inside the room. */
float screen_ink_room(float height, float ink_top, float ink_bottom);

const char *screen_icon(const screen_ctx *ctx, const char *name);

/* A button: a target filled with `fill`, a pictogram (or NULL) and a
 * label (or NULL) centred in it.  `msgid`: the label's msgid when it is
 * the kiosk's own words (for the slot), else NULL. */
void screen_button(screen_ctx *ctx, view_layer layer, const char *slot, SDL_FRect r, SDL_Color fill,
                   SDL_Color ink, const char *pictogram, const char *label, const char *msgid,
                   const page *page, float size, int action, const char *arg);
/* A white card with an edge, a target; returns its index in the view. */
int screen_card(screen_ctx *ctx, SDL_FRect r, int action, const char *arg);
/* Sets the height of a card made by screen_card before its contents were
 * laid out (edge and face). */
void screen_card_height(screen_ctx *ctx, int card, float h);
/* The calm note of a service or guide whose details are to confirm: `text`
 * (the page's line: an example, or facts checked long ago), in a soft
 * band.  Returns its height (0 for no text). */
float screen_confirm_mark(screen_ctx *ctx, const page *page, const page_text *text, float x,
                          float y, float w);
/* The note of a row of a service that is an example (the category page's
 * example_mark). */
float screen_example_mark(screen_ctx *ctx, const page *page, float x, float y, float w);
/* "Checked March 2024": one quiet line (slot "checked"); returns its
 * height, 0 for no text. */
float screen_checked_line(screen_ctx *ctx, const page_text *text, float x, float y, float w);
/* A heading at the top of the body. */
float screen_heading(screen_ctx *ctx, const char *slot, const page_text *text, float y);
/* Space after the last item of the body. */
void screen_end(screen_ctx *ctx, float y, float units);
/* The chevron at the end side of a list row. */
void screen_chevron(screen_ctx *ctx, float x, float y);

#endif
