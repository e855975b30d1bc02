/* languages.c - the language picker: every language of the site as a
 * tile, its name in its own script. */
#include "screen.h"

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
    y += (th + px(ctx, 10) > px(ctx, 80) ? th + px(ctx, 10) : px(ctx, 80)) + px(ctx, 20);
    float gap = px(ctx, 20);
    /* Larger names need wider tiles: fewer columns in large text. */
    int columns = screen_columns(ctx, w - 2 * margin, ctx->large_text ? 400 : 290, 4);
    float tile_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    /* The whole picker on one screen when it can be (it is the first thing
     * a visitor sees): tiles down to 96 units tall, never below. */
    size_t rows = (page->languages.count + (size_t)columns - 1) / (size_t)columns;
    float room = ctx->view->body_bottom - ctx->view->body_top - y - px(ctx, 16);
    float tile_h = rows ? room / (float)rows - gap : px(ctx, 128);
    tile_h = tile_h > px(ctx, 128) ? px(ctx, 128) : tile_h < px(ctx, 96) ? px(ctx, 96) : tile_h;
    /* ... and never lower than the tallest name needs (Nastaliq, large text). */
    style name_style = {40, false, TEXT_ALIGN_CENTER, 1, COLOR_INK};
    for (size_t i = 0; i < page->languages.count; i++) {
        const page_language_tile *t = &page->languages.tiles[i];
        float h =
            screen_measure(ctx, t->name, t->code, tile_w - px(ctx, 24), name_style) + px(ctx, 16);
        tile_h = h > tile_h ? h : tile_h;
    }
    for (size_t i = 0; i < page->languages.count; i++) {
        const page_language_tile *t = &page->languages.tiles[i];
        int col = (int)i % columns, row = (int)i / columns;
        SDL_FRect r = {margin + (float)col * (tile_w + gap), y + (float)row * (tile_h + gap),
                       tile_w, tile_h};
        screen_card(ctx, r, ACTION_LANGUAGE, t->code);
        /* The name is laid out in its own language: its script, its font,
         * its direction. */
        float h = screen_measure(ctx, t->name, t->code, tile_w - px(ctx, 24), name_style);
        screen_plain(ctx, VIEW_BODY, "languages.name", t->name, t->code, r.x + px(ctx, 12),
                     r.y + (tile_h - h) / 2, tile_w - px(ctx, 24), name_style);
    }
    screen_end(ctx, y + (float)rows * (tile_h + gap), 4);
}
