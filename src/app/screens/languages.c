/* languages.c - the language picker: every language of the site as a
 * tile, its name in its own script and, small beneath, its name in
 * Italian (so the staff at the desk can help). */
#include <math.h>

#include "screen.h"

/* The most columns of tiles, however wide the screen. */
#define MOST_COLUMNS 7

/* A tile's two lines as one block: the name, and under it, `between`
 * lower, its Italian name. */
typedef struct tile_block {
    float name_h, height;      /* the name's line box, the two lines' */
    float ink_top, ink_bottom; /* from the name's ink top to the Italian's ink bottom */
} tile_block;

static tile_block measure_block(screen_ctx *ctx, const page_language_tile *t, float w, style name,
                                style italian, float between)
{
    tile_block b;
    b.name_h = screen_measure_ink(ctx, t->name, t->code, w, name, &b.ink_top, &b.ink_bottom);
    b.height = b.name_h;
    if (t->italian) {
        float top, bottom;
        b.height += between + screen_measure_ink(ctx, t->italian, "it", w, italian, &top, &bottom);
        b.ink_bottom = b.name_h + between + bottom;
    }
    return b;
}

void screen_languages(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = px(ctx, 32);
    float y = px(ctx, 20);
    /* The one line before a language is chosen: Italian and English, the
     * languages most visitors can read a little, under a globe. */
    screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, "languages"), "und", margin, y, px(ctx, 80),
                 (style){44, false, TEXT_ALIGN_CENTER, 1, COLOR_INK});
    float th = screen_plain(ctx, VIEW_BODY, "languages.title",
                            "Scegli la tua lingua \xc2\xb7 Choose your language", "it",
                            margin + px(ctx, 96), y + px(ctx, 10), w - 2 * margin - px(ctx, 96),
                            (style){32, true, TEXT_ALIGN_START, 2, COLOR_INK});
    y += (th + px(ctx, 10) > px(ctx, 80) ? th + px(ctx, 10) : px(ctx, 80)) + px(ctx, 12);

    style name_style = {40, false, TEXT_ALIGN_CENTER, 1, COLOR_INK};
    /* The Italian name: the size of a list's body text, the smallest a
     * visitor's screen has but for its footer. */
    style italian_style = {22, false, TEXT_ALIGN_CENTER, 1, COLOR_MUTED};
    float pad = px(ctx, 8), between = px(ctx, 2);
    /* Every name on one line: the tiles are at least as wide as the widest
     * name, and as tall as the tallest name and its Italian need (Nastaliq,
     * large text). */
    float widest = 0, need = 0;
    for (size_t i = 0; i < page->languages.count; i++) {
        const page_language_tile *t = &page->languages.tiles[i];
        float nw = screen_measure_width(ctx, t->name, t->code, name_style);
        float iw = screen_measure_width(ctx, t->italian, "it", italian_style);
        widest = nw > widest ? nw : widest;
        widest = iw > widest ? iw : widest;
        /* centred by its ink, its line boxes inside the tile */
        tile_block b = measure_block(ctx, t, w, name_style, italian_style, between);
        float h = screen_ink_room(b.height, b.ink_top, b.ink_bottom);
        need = h > need ? h : need;
    }
    need += 2 * px(ctx, 2);
    /* The whole picker on one screen when it can be (it is the first thing
     * a visitor sees): as many columns as the screen's width gives tiles of
     * 290 units (400 in large text); more, down to the widest name, when
     * the rows would leave the screen (a landscape screen 720 px tall). */
    float across = w - 2 * margin, gap = px(ctx, 20);
    float room = ctx->view->body_bottom - ctx->view->body_top - y - px(ctx, 8);
    size_t count = page->languages.count;
    int columns = screen_columns(ctx, across, ctx->large_text ? 400 : 290, 4);
    for (int more = columns; more <= MOST_COLUMNS && (size_t)more <= count; more++) {
        /* the usual gap between tiles, else a narrower one */
        float gaps[] = {px(ctx, 20), px(ctx, 12)};
        bool fits = false;
        for (size_t g = 0; g < 2 && !fits; g++) {
            float tile = (across - (float)(more - 1) * gaps[g]) / (float)more;
            size_t rows = (count + (size_t)more - 1) / (size_t)more;
            if (more > columns && tile < widest + 2 * pad)
                continue;
            columns = more, gap = gaps[g];
            fits = (float)rows * (need + gap) - gap <= room;
        }
        if (fits)
            break;
    }
    /* Whole pixels: a window's renderer and an offscreen one round a
     * fractional edge differently (the cage test compares the two). */
    float tile_w = floorf((across - (float)(columns - 1) * gap) / (float)columns);
    size_t rows = count ? (count + (size_t)columns - 1) / (size_t)columns : 1;
    /* Tiles share the room, up to 150 units tall, never lower than their
     * names need. */
    float tile_h = room / (float)rows - gap;
    tile_h = tile_h > px(ctx, 150) ? px(ctx, 150) : tile_h;
    tile_h = ceilf(tile_h < need ? need : tile_h);
    for (size_t i = 0; i < count; i++) {
        const page_language_tile *t = &page->languages.tiles[i];
        int col = (int)i % columns, row = (int)i / columns;
        SDL_FRect r = {margin + (float)col * (tile_w + gap), y + (float)row * (tile_h + gap),
                       tile_w, tile_h};
        screen_card(ctx, r, ACTION_LANGUAGE, t->code);
        /* The name is laid out in its own language: its script, its font,
         * its direction; the two lines are centred by their ink, so every
         * script sits in the middle of its tile. */
        float nw = tile_w - 2 * pad;
        tile_block b = measure_block(ctx, t, nw, name_style, italian_style, between);
        float ny = screen_ink_centred(r.y, tile_h, b.height, b.ink_top, b.ink_bottom);
        screen_plain(ctx, VIEW_BODY, "languages.name", t->name, t->code, r.x + pad, ny, nw,
                     name_style);
        if (t->italian)
            screen_plain(ctx, VIEW_BODY, "languages.italian", t->italian, "it", r.x + pad,
                         ny + b.name_h + between, nw, italian_style);
    }
    screen_end(ctx, y + (float)rows * (tile_h + gap) - gap, 8);
}
