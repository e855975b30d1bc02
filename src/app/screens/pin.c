/* pin.c - the operator's PIN pad: a keypad keeps its layout in every
 * language (the page is left to right). */
#include <string.h>

#include "screen.h"
#include "ui_text.h"

void screen_pin(screen_ctx *ctx, const page *page)
{
    float w = screen_width(ctx);
    float y = px(ctx, 16);
    y += screen_ui(ctx, VIEW_BODY, "pin.title", N_("Operator PIN"), NULL, page, 0, y, w,
                   (style){34, true, TEXT_ALIGN_CENTER, 1, COLOR_INK}) +
         px(ctx, 8);
    char dots[64] = "";
    for (size_t i = 0; i < page->pin.digits && i < 12; i++)
        strcat(dots, "\xe2\x97\x8f ");
    float dh = screen_plain(ctx, VIEW_BODY, NULL, dots[0] ? dots : " ", "und", 0, y, w,
                            (style){34, false, TEXT_ALIGN_CENTER, 1, COLOR_INK});
    y += (dh > px(ctx, 44) ? dh : px(ctx, 44)) + px(ctx, 4);
    if (page->pin.message && page->pin.message[0])
        screen_ui(ctx, VIEW_BODY, "pin.message", page->pin.message_msgid, page->pin.message, page,
                  0, y, w, (style){22, false, TEXT_ALIGN_CENTER, 2, COLOR_CLOSED});
    y += px(ctx, 40);
    float key_w = px(ctx, 150), key_h = px(ctx, 96), gap = px(ctx, 14);
    float x0 = (w - 3 * key_w - 2 * gap) / 2;
    static const char *keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "\xe2\x8c\xab",
                                   "0", "OK"};
    for (int i = 0; i < 12; i++) {
        SDL_FRect r = {x0 + (float)(i % 3) * (key_w + gap), y + (float)(i / 3) * (key_h + gap),
                       key_w, key_h};
        int action = i == 9 ? ACTION_PIN_DELETE : i == 11 ? ACTION_PIN_OK : ACTION_PIN_DIGIT;
        screen_card(ctx, r, action, action == ACTION_PIN_DIGIT ? keys[i] : NULL);
        screen_plain(ctx, VIEW_BODY, NULL, keys[i], "und", r.x, r.y + px(ctx, 22), r.w,
                     (style){36, true, TEXT_ALIGN_CENTER, 1, COLOR_INK});
    }
    float by = y + 4 * (key_h + gap);
    screen_button(ctx, VIEW_BODY, "pin.cancel",
                  (SDL_FRect){(w - px(ctx, 300)) / 2, by, px(ctx, 300), px(ctx, 72)},
                  COLOR_BAR_BUTTON, COLOR_WHITE, NULL, _("Cancel"), "Cancel", page, 24,
                  ACTION_CANCEL, NULL);
    screen_end(ctx, by + px(ctx, 72), 16);
}
