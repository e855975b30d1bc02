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
    /* Tiles as tall as the tallest name needs (Nastaliq lines are tall). */
    style name_style = {28, true, TEXT_ALIGN_CENTER, 3, COLOR_INK};
    float name_h = 0;
    for (size_t i = 0; i < page->home.count; i++) {
        const page_text *name = &page->home.tiles[i].name;
        float h = screen_measure(ctx, name->text, name->language, tile_w - px(ctx, 32), name_style);
        name_h = h > name_h ? h : name_h;
    }
    /* The pictograms' line boxes (symbol fonts have tall ones), so a name
     * always starts under its pictogram. */
    style icon_style = {64, false, TEXT_ALIGN_CENTER, 1, COLOR_BAR};
    float icon_h = 0;
    for (size_t i = 0; i < page->home.count; i++) {
        float h = screen_measure(ctx, screen_icon(ctx, page->home.tiles[i].icon), "und",
                                 tile_w - px(ctx, 32), icon_style);
        icon_h = h > icon_h ? h : icon_h;
    }
    float name_y = px(ctx, 12) + icon_h + px(ctx, 4);
    float tile_h = px(ctx, 230);
    if (name_y + name_h + px(ctx, 20) > tile_h)
        tile_h = name_y + name_h + px(ctx, 20);
    for (size_t i = 0; i < page->home.count; i++) {
        const page_category_tile *t = &page->home.tiles[i];
        int col = (int)i % columns, row = (int)i / columns;
        SDL_FRect r = {margin + (float)col * (tile_w + gap), y + (float)row * (tile_h + gap),
                       tile_w, tile_h};
        screen_card(ctx, r, ACTION_CATEGORY, t->id);
        screen_plain(ctx, VIEW_BODY, NULL, screen_icon(ctx, t->icon), "und", r.x + px(ctx, 16),
                     r.y + px(ctx, 12), r.w - px(ctx, 32), icon_style);
        page_text name = t->name;
        name.italian = NULL; /* a tile holds one name */
        screen_text(ctx, VIEW_BODY, "home.category", &name, r.x + px(ctx, 16), r.y + name_y,
                    r.w - px(ctx, 32), name_style);
    }
    size_t rows = (page->home.count + (size_t)columns - 1) / (size_t)columns;
    screen_end(ctx, y + (float)rows * (tile_h + gap), 4);
}
