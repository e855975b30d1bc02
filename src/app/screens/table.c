/* table.c - every screen of the kiosk, in one table.
 *
 * A new screen: an id in screen_ids.h, a page builder in pages.c if it
 * shows something new, one file here with its build function (declared in
 * screen.h), one row below, and the file in src/app/meson.build. */
#include <string.h>

#include "screen.h"

#define CONTENT_BAR (BAR_BACK | BAR_HOME | BAR_HELP | BAR_SPEAK)

static const screen_def screens[SCREEN_COUNT] = {
    /* id                    name              bar                              counted staff build
     */
    {SCREEN_LANGUAGES, "languages", BAR_HELP, false, false, screen_languages},
    {SCREEN_HOME, "home", BAR_BACK | BAR_LANGUAGE | BAR_HELP | BAR_SPEAK, true, false, screen_home},
    {SCREEN_CATEGORY, "category", CONTENT_BAR, true, false, screen_category},
    {SCREEN_SERVICE, "service", CONTENT_BAR | BAR_ITALIAN, true, false, screen_service},
    {SCREEN_QR, "qr", BAR_BACK | BAR_HOME | BAR_HELP, true, false, screen_qr},
    {SCREEN_ARTICLE, "article", CONTENT_BAR | BAR_ITALIAN, true, false, screen_article},
    {SCREEN_HELP, "help", BAR_BACK | BAR_HOME | BAR_SPEAK, true, false, screen_help},
    {SCREEN_PIN, "pin", BAR_BACK, false, true, screen_pin},
    {SCREEN_OPERATOR, "operator", BAR_BACK, false, true, screen_operator},
    {SCREEN_OUT_OF_SERVICE, "out-of-service", 0, false, false, screen_out_of_service},
};

const screen_def *screen_def_of(kiosk_screen id)
{
    return (size_t)id < SCREEN_COUNT ? &screens[id] : &screens[SCREEN_OUT_OF_SERVICE];
}

const screen_def *screen_def_named(const char *name)
{
    for (size_t i = 0; i < SCREEN_COUNT; i++)
        if (strcmp(screens[i].name, name) == 0)
            return &screens[i];
    return NULL;
}
