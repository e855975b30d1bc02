/* pages.h - the screen model: what each screen shows, as plain structs,
 * made from the catalogue, the session and the site's settings.
 *
 *   catalogue reader -> pages -> screens -> view -> text engine -> pixels
 *
 * This is the only caller of the catalogue reader among the kiosk's
 * screens: catalogue keys ("service:ID:name"), the towns of the project
 * and the help category are named here and nowhere else.  A page owns all
 * its strings (one arena, freed by page_free).  Texts come in the
 * visitor's language or its fallback, each with the language it really is
 * in, the Italian under it when "show in Italian" is on, and where it came
 * from (the catalogue key, or the kiosk's own msgid) so that the layout
 * check can point a translator at the PO entry.
 *
 * The kiosk's own words in a page (an opening-hours line, "Closed") are
 * translated with _() in the language the caller set (ui_text.h) before
 * pages_build: pages never switch it, but for the out-of-service page,
 * which says its sentence in every language through ui_text_in(). */
#ifndef SPORTELLO_PAGES_H
#define SPORTELLO_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog_search.h"
#include "counters.h"
#include "keyboard.h"
#include "locale_info.h"
#include "screen_ids.h"
#include "site_config.h"
#include "updates.h"

/* The category whose services are the help numbers. */
#define PAGES_HELP_CATEGORY "aiuto"

/* The towns where kiosks stand (and "other"), in the operator's order. */
#define PAGES_TOWN_COUNT 4
extern const char *const pages_towns[PAGES_TOWN_COUNT];
/* A town's name: the same in every language ("" for "other"). */
const char *pages_town_name(const char *town);

typedef struct page_text {
    const char *text;    /* as shown; NULL or "" when there is none */
    char language[8];    /* the language it really is in ("it" for a fallback) */
    const char *italian; /* the Italian under it ("show in Italian"), or NULL */
    const char *key;     /* content: its catalogue key; NULL for the kiosk's words */
    const char *msgid;   /* the kiosk's own words: the msgid; else NULL */
} page_text;

typedef enum page_status { PAGE_STATUS_NONE, PAGE_STATUS_OPEN, PAGE_STATUS_CLOSED } page_status;

typedef struct page_language_tile {
    char code[8];
    const char *name;    /* in its own language */
    const char *italian; /* its name in Italian, for the desk staff; NULL when the same */
} page_language_tile;

typedef struct page_category_tile {
    const char *id, *icon;
    page_text name;
} page_category_tile;

typedef struct page_article_row {
    const char *id;
    page_text title, summary;
} page_article_row;

typedef struct page_service_row {
    const char *id;
    page_text name, agency;
    page_text where; /* "Town · Open now, closes at 18:00" */
    page_status status;
    const char *phone; /* the first phone, or NULL */
    bool example;
} page_service_row;

typedef struct page_section {
    const char *heading_msgid; /* the kiosk's words (translate with _()) */
    page_text text;
} page_section;

typedef struct page_hours_row {
    page_text day, ranges;
} page_hours_row;

typedef struct page_service {
    const char *id;
    page_text title, agency;
    bool example;
    /* One calm line in the visitor's language when its facts need asking
     * about: an example ("Details to confirm: ask at the information
     * desk"), or facts checked more than two years ago ("Checked March
     * 2022: ask at the information desk to confirm"); "the operator" on a
     * tablet in a CAS (site_config.h, place); else no text. */
    page_text confirm;
    /* Else when its facts were checked, "Checked March 2024" (no text
     * when the catalogue has no date). */
    page_text checked;
    page_text status; /* "Open now, closes at 17:00" (no text without hours) */
    page_status status_kind;
    page_section sections[3]; /* what, for whom, cost: those that exist */
    size_t section_count;
    page_text *documents;
    size_t document_count;
    const char *address;
    page_text directions;    /* how to get there: "In the former Pretura building" */
    page_hours_row hours[7]; /* Monday to Sunday, when it has hours */
    size_t hours_count;
    page_text hours_note;
    page_text languages;    /* "Italiano, English, ..." */
    page_text agency_about; /* what the agency is (its description) */
    const char *email, *web;
    page_text source; /* "Source: NAME"; none for an example */
    const char **phones;
    size_t phone_count;
    const char *contact; /* the QR code's payload (a vCard), or NULL */
    const char *dial;    /* a helpline's (a service of Help now with a phone): the QR
                            code's payload that dials its first phone ("tel:112"), or NULL */
} page_service;

/* A number of the Help now screen: the number, what it is (the service's
 * name), and what is known of it (its hours note: free, anonymous, 24
 * hours...; without one, where it is). */
typedef struct page_help_entry {
    const char *id;
    const char **phones;
    size_t phone_count;
    page_text name, facts;
    const char *address; /* "" when none */
} page_help_entry;

typedef enum page_block_kind {
    PAGE_BLOCK_PARAGRAPH,
    PAGE_BLOCK_HEADING,
    PAGE_BLOCK_ITEM
} page_block_kind;

typedef struct page_block {
    page_block_kind kind;
    page_text text;
} page_block;

typedef struct page_operator_language {
    char code[8];
    const char *name;
    bool on;
} page_operator_language;

/* The kiosk's health on the operator's screen: how long it has run and
 * its restarts (the kiosk's, pages_input); the catalogue in service and
 * the last refused are the operator page's catalog_ and refused_ fields. */
typedef struct page_health {
    long uptime;   /* seconds since this kiosk started */
    long restarts; /* since the computer started (health.h); -1: not known */
} page_health;

/* The chart of the operator's screen: screens shown in one language over
 * the last PAGES_VISIT_DAYS days (counters; nothing about a person). */
#define PAGES_VISIT_DAYS 30
typedef struct page_visits {
    char code[8];
    const char *name; /* in its own language, or the code */
    long count;       /* 0: an empty bar */
} page_visits;

typedef struct page_out_of_service_line {
    char code[8];
    const char *text; /* the out-of-service sentence in the line's language */
    const char *msgid;
} page_out_of_service_line;

/* A record found by the search screen. */
typedef struct page_search_result {
    const char *id;
    int action;                    /* ACTION_SERVICE, ACTION_ARTICLE or ACTION_CATEGORY */
    const char *icon;              /* a pictogram's name (icons.h) */
    page_text title;               /* as shown in the language */
    page_text kind;                /* the kiosk's word: "Service", "Guide", "Topic" */
    catalog_search_match *matches; /* the title's bytes that match the query */
    size_t match_count;
} page_search_result;

typedef struct page_arena page_arena;

/* A part of what the speaker button reads, in the order shown. */
typedef struct page_speech {
    const char *text; /* for espeak-ng: one or more texts, each ending ".\n" */
    const char *key;  /* a content text with a recording in the visitor's
                         language: its key (catalog_recording); else NULL */
} page_speech;

typedef struct page {
    kiosk_screen screen;
    const char *arg;
    char language[8]; /* of the kiosk's own words on this page */
    bool rtl;
    bool draft;          /* the language's translation is not reviewed */
    bool show_italian;   /* the toggle's state */
    bool italian_toggle; /* the toggle is offered (content screens, not Italian) */
    bool large_text;     /* the visitor asked for large text */
    bool high_contrast;  /* and for high contrast */
    page_speech *speak;  /* what the speaker button reads */
    size_t speak_count;
    bool speak_recorded; /* some part has a translator's recording */

    /* One of these is filled, by `screen`. */
    struct {
        page_language_tile *tiles;
        size_t count;
    } languages;
    struct {
        page_category_tile *tiles;
        size_t count;
    } home;
    struct {
        page_text title;
        page_article_row *articles;
        size_t article_count;
        page_service_row *services;
        size_t service_count;
        page_text example_mark; /* an example row's note: "Details to confirm: ..." */
    } category;
    page_service service; /* SCREEN_SERVICE and SCREEN_QR */
    struct {
        page_text title, summary;
        page_block *blocks;
        size_t count;
        /* As a service's: facts older than two years, or "Checked March 2024". */
        page_text confirm, checked;
    } article;
    struct {
        page_help_entry *entries;
        size_t count;
    } help;
    struct {
        size_t digits;
        const char *message, *message_msgid;
    } pin;
    struct {
        const char *town;
        page_operator_language *languages;
        size_t language_count;
        int idle_timeout;
        long today, total; /* screens counted */
        size_t old_facts;  /* services and guides checked more than old_months ago */
        int old_months;
        const char *message, *message_msgid;
        /* The catalogue in service and the last refused update
         * (docs/kiosk.md, "Updates"). */
        long long catalog_version;  /* 0: none in service */
        const char *catalog_built;  /* its build time, "2026-12-06 10:00 UTC" */
        const char *catalog_signer; /* its key's name; "" when not signed */
        const char *refused_when;   /* "" when no update was refused */
        const char *refused_file, *refused_why;
        page_health health;
        /* Every language of the catalogue and every other one counted, the
         * most shown first (then the catalogue's order). */
        page_visits *visits;
        size_t visit_count;
        long visits_most; /* the longest bar's count (0: none) */
    } operator;
    struct {
        const char *query;     /* as typed (never stored or logged) */
        const char *composing; /* an input method's text not yet committed */
        page_search_result *results;
        size_t count;
        page_text prompt;                /* "Type what you are looking for" */
        page_text nothing;               /* no result: says so (then Help now and the topics) */
        const keyboard_layout *keyboard; /* NULL: hidden */
        const keyboard_layout *other;    /* where the switch key goes, or NULL */
        const keyboard_key *choices;     /* a key's characters offered, or NULL */
        const char *choices_at;          /* its "ROW:KEY" */
    } search;                            /* with page->home's tiles when nothing is found */
    struct {
        page_out_of_service_line *lines;
        size_t count;
        const char *numbers;
    } out_of_service;

    page_arena *arena;
} page;

/* What a page is made from.  `catalog` may be NULL (out of service). */
typedef struct pages_input {
    catalog *catalog;
    const site_config *config;
    counters *counters;              /* NULL: nothing counted */
    const locale_collator *collator; /* the visitor's language's, or NULL */
    const char *language;            /* the visitor's ("" on the picker) */
    bool show_italian;
    bool large_text, high_contrast;
    page_health health;        /* the kiosk's part (the operator's screen) */
    const char *message;       /* the PIN pad's or operator's line */
    const char *message_msgid; /* its msgid (untranslated), or NULL */
    size_t pin_digits;
    long long now; /* wall clock, time_t (open now) */
    /* The search screen. */
    const char *query, *composing;
    const keyboard_set *keyboards; /* NULL: no on-screen keyboard */
    bool latin_keys, keyboard_hidden;
    const char *key_choices; /* "ROW:KEY" or NULL */
    /* The last catalogue refused, from the update folder or the installed
     * one at a start or reload (the newer of the two), or NULL. */
    const update_refusal *refused;
    int operator_example; /* PAGES_OPERATOR_EXAMPLE_*, or 0 */
} pages_input;

/* Examples for the operator's catalogue and update lines (the translators'
 * slot descriptions lay out each variant): a catalogue signed by
 * "mantova-office" and a refused update; no catalogue in service. */
enum { PAGES_OPERATOR_EXAMPLE_SIGNED_REFUSED = 1, PAGES_OPERATOR_EXAMPLE_NO_CATALOGUE };

/* The page of `screen` (with `arg`: a category, service or article id);
 * NULL when out of memory.  A screen whose record does not exist gives a
 * page with nothing in it. */
page *pages_build(const pages_input *in, kiosk_screen screen, const char *arg);
void page_free(page *p);

/* Whether a record exists (kiosk_show checks before going there). */
bool pages_exists(catalog *catalog, kiosk_screen screen, const char *arg);
/* Ids of the categories, services (with a contact for SCREEN_QR) and
 * articles; returns how many were put in `ids`. */
size_t pages_ids(catalog *catalog, kiosk_screen screen, const char **ids, size_t max);

/* A query that finds something in `language`, for screenshots and the
 * layout check: the longest word of the first guide's title, or with
 * `topic` of the first topic's name (malloc'd). */
char *pages_search_example(catalog *catalog, const char *language, bool topic);

/* The help category's national numbers first: a service of it with no
 * town, no address and a phone. */
bool pages_is_national_number(const catalog_service *s);

#endif
