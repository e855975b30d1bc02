/* table.c - every screen of the kiosk, in one table.
 *
 * A new screen: an id in screen_ids.h, a page builder in pages.c if it
 * shows something new, one file here with its build function (declared in
 * screen.h), one row below, and the file in src/app/meson.build. */
#include <string.h>

#include "screen.h"

#define CONTENT_BAR (BAR_BACK | BAR_HOME | BAR_HELP | BAR_SPEAK | BAR_TEXT_SIZE)
/* Search is one tap from home and from every list. */
#define LIST_BAR (CONTENT_BAR | BAR_SEARCH)

static const screen_def screens[SCREEN_COUNT] = {
    /* id                    name              bar                              counted staff build
     */
    {SCREEN_LANGUAGES, "languages", BAR_HELP | BAR_TEXT_SIZE, false, false, screen_languages},
    {SCREEN_HOME, "home",
     BAR_BACK | BAR_LANGUAGE | BAR_HELP | BAR_SPEAK | BAR_TEXT_SIZE | BAR_SEARCH, true, false,
     screen_home},
    {SCREEN_CATEGORY, "category", LIST_BAR, true, false, screen_category},
    {SCREEN_SERVICE, "service", CONTENT_BAR | BAR_ITALIAN, true, false, screen_service},
    {SCREEN_QR, "qr", BAR_BACK | BAR_HOME | BAR_HELP | BAR_TEXT_SIZE, true, false, screen_qr},
    {SCREEN_ARTICLE, "article", CONTENT_BAR | BAR_ITALIAN, true, false, screen_article},
    {SCREEN_HELP, "help", BAR_BACK | BAR_HOME | BAR_HELP | BAR_SPEAK | BAR_TEXT_SIZE | BAR_SEARCH,
     true, false, screen_help},
    {SCREEN_PIN, "pin", BAR_BACK, false, true, screen_pin},
    {SCREEN_OPERATOR, "operator", BAR_BACK, false, true, screen_operator},
    {SCREEN_OUT_OF_SERVICE, "out-of-service", 0, false, false, screen_out_of_service},
    /* Not counted as a visit: searches are counted on their own (counters.h). */
    {SCREEN_SEARCH, "search", BAR_BACK | BAR_HOME | BAR_HELP | BAR_TEXT_SIZE, false, false,
     screen_search},
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

/* Where each slot is, in words for a translator (the PO files' comments,
 * made by `sportello --describe-slots`). */
static const struct {
    const char *slot, *place;
} slot_places[] = {
    {"bar.back", "the Back button"},
    {"bar.home", "the Home button"},
    {"bar.language", "the Language button on the home screen"},
    {"bar.help", "the red Help now button on every screen"},
    {"bar.italian", "the Show in Italian button"},
    {"draft-line", "the line at the bottom of an unreviewed language's screens"},
    {"example-mark", "the calm note of a service or guide whose details are to confirm"},
    {"checked", "under the title of a service's or guide's screen: when its facts were checked"},
    {"service.status", "a service's screen, whether it is open now"},
    {"service.directions", "a service's screen, under its address: how to get there"},
    {"countdown.question", "the idle countdown, its question"},
    {"countdown.seconds", "the idle countdown, the seconds left"},
    {"countdown.continue", "the idle countdown's button"},
    {"languages.title", "the language picker's title"},
    {"home.title", "the home screen's title"},
    {"home.category", "a tile of the home screen"},
    {"category.title", "the title of a category's screen"},
    {"category.article-title", "an article's title in a category's list"},
    {"category.article-summary", "an article's summary in a category's list (cut on purpose)"},
    {"category.service-name", "a service's name in a category's list"},
    {"category.service-agency", "the agency's name in a category's list"},
    {"category.service-where", "the town and opening status in a category's list"},
    {"category.service-phone", "a service's phone in a category's list"},
    {"category.heading", "a heading in a category's list (guides, offices)"},
    {"service.title", "the title of a service's screen"},
    {"service.agency", "a service's screen, under its title"},
    {"service.section", "a heading on a service's screen"},
    {"service.section-text", "a section of a service's screen"},
    {"service.document", "a service's screen, in 'What to bring'"},
    {"service.hours-day", "a service's opening hours table"},
    {"service.hours-ranges", "a service's opening hours table"},
    {"service.hours-note", "a service's screen, under its hours"},
    {"service.languages", "a service's screen, 'Languages spoken'"},
    {"service.agency-about", "a service's screen, 'Who they are'"},
    {"service.source", "the source line at the end of a service's screen"},
    {"service.qr-caption", "under the QR code on a service's screen"},
    {"qr.title", "the title of the QR code screen"},
    {"qr.caption", "under the large QR code"},
    {"article.title", "the title of an article's screen"},
    {"article.summary", "an article's screen, under its title"},
    {"article.heading", "a heading in an article"},
    {"article.paragraph", "a paragraph of an article"},
    {"article.item", "a list item of an article"},
    {"help.title", "the title of the Help now screen"},
    {"help.name", "a number's name on the Help now screen"},
    {"help.facts", "what is known of a number (free, 24 hours...), on the Help now screen"},
    {"pin.title", "the operator's PIN pad"},
    {"pin.cancel", "the operator's PIN pad, its Cancel button"},
    {"operator.title", "the operator's screen, its title"},
    {"operator.label", "a label on the operator's screen"},
    {"operator.town", "a town button on the operator's screen"},
    {"operator.idle", "the idle timeout line on the operator's screen"},
    {"operator.counts", "the counts line on the operator's screen"},
    {"operator.old-facts", "the operator's screen, under the counts: facts checked long ago"},
    {"operator.catalogue", "the catalogue in service, on the operator's screen"},
    {"operator.update", "the last refused update, on the operator's screen"},
    {"operator.button", "a button of the operator's screen"},
    {"operator.message", "the message line of the operator's screen"},
    {"operator.health", "a line of the kiosk's health on the operator's screen"},
    {"pin.message", "the message line of the operator's PIN pad"},
    {"search.prompt", "the search screen's line before anything is typed"},
    {"search.query", "what the visitor typed, on the search screen"},
    {"search.kind", "the kind of a result on the search screen (Service, Guide, Topic)"},
    {"search.title", "a result's title on the search screen"},
    {"search.nothing", "the search screen when nothing is found"},
    {"search.help", "the Help now button of the search screen when nothing is found"},
    {"search.topic", "a topic under the search screen's query"},
    {"out-of-service.line", "the out-of-service screen, one sentence per language side by side"},
};

const char *screen_slot_place(const char *slot)
{
    for (size_t i = 0; i < sizeof slot_places / sizeof *slot_places; i++)
        if (strcmp(slot_places[i].slot, slot) == 0)
            return slot_places[i].place;
    return NULL;
}
