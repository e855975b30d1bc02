/* home.c - "What do you need?": the categories as tiles. */
#include "screen.h"
#include "ui_text.h"

void screen_home(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx), margin = screen_margin(ctx);
    float y = px(ctx, 24);
    y += screen_ui(ctx, VIEW_BODY, "home.title", N_("What do you need?"), NULL, page, margin, y,
                   w - 2 * margin, (style){38, true, TEXT_ALIGN_START, 0, COLOR_INK}) +
         px(ctx, 24);
    float gap = px(ctx, 24);
    int columns = screen_columns(ctx, w - 2 * margin, 340, 3);
    float tile_w = (w - 2 * margin - (float)(columns - 1) * gap) / (float)columns;
    float inner = tile_w - px(ctx, 32);
    /* The pictograms in one band, each centred in it (the symbol fonts'
     * line boxes differ), so the icons of a row stand on one line and the
     * names start under the band. */
    style icon_style = {64, false, TEXT_ALIGN_CENTER, 1, COLOR_BAR};
    float icon_h = 0;
    for (size_t i = 0; i < page->home.count; i++) {
        float h = screen_measure(ctx, screen_icon(ctx, page->home.tiles[i].icon), "und", inner,
                                 icon_style);
        icon_h = h > icon_h ? h : icon_h;
    }
    float name_y = px(ctx, 12) + icon_h + px(ctx, 4);
    /* Each row as tall as its tallest name needs (Nastaliq lines are tall). */
    style name_style = {28, true, TEXT_ALIGN_CENTER, 3, COLOR_INK};
    for (size_t first = 0; first < page->home.count; first += (size_t)columns) {
        float name_h = 0;
        for (size_t i = first; i < page->home.count && i < first + (size_t)columns; i++) {
            const page_text *name = &page->home.tiles[i].name;
            float h = screen_measure(ctx, name->text, name->language, inner, name_style);
            name_h = h > name_h ? h : name_h;
        }
        float tile_h = name_y + name_h + px(ctx, 20);
        if (tile_h < px(ctx, 200))
            tile_h = px(ctx, 200);
        for (size_t i = first; i < page->home.count && i < first + (size_t)columns; i++) {
            const page_category_tile *t = &page->home.tiles[i];
            SDL_FRect r = {margin + (float)(i - first) * (tile_w + gap), y, tile_w, tile_h};
            screen_card(ctx, r, ACTION_CATEGORY, t->id);
            const char *icon = screen_icon(ctx, t->icon);
            float ih = screen_measure(ctx, icon, "und", inner, icon_style);
            screen_plain(ctx, VIEW_BODY, NULL, icon, "und", r.x + px(ctx, 16),
                         r.y + px(ctx, 12) + (icon_h - ih) / 2, inner, icon_style);
            page_text name = t->name;
            name.italian = NULL; /* a tile holds one name */
            screen_text(ctx, VIEW_BODY, "home.category", &name, r.x + px(ctx, 16), r.y + name_y,
                        inner, name_style);
        }
        y += tile_h + gap;
    }
    screen_end(ctx, y, 4);
}
