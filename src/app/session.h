/* session.h - the visitor's session: everything the kiosk keeps about the
 * person in front of it, and nothing else.
 *
 * The language, the screens they went through (for Back, each with its
 * scroll position), the "show in Italian" toggle, the digits typed on the
 * PIN pad and the one message line of the PIN pad or operator screen.
 * session_reset() drops all of it (the idle reset, "Language"). */
#ifndef SPORTELLO_SESSION_H
#define SPORTELLO_SESSION_H

#include <stdbool.h>

#include "screen_ids.h"

#define SESSION_HISTORY 16
#define SESSION_PIN_DIGITS 12
/* The search screen's query (catalog_search reads at most 256 bytes). */
#define SESSION_QUERY_BYTES 256

typedef struct session_place {
    kiosk_screen screen;
    char arg[64];
    float scroll;
} session_place;

typedef struct session {
    char language[8]; /* "" on the language picker */
    bool show_italian;
    bool large_text;    /* about 1.4x, for who reads at arm's length */
    bool high_contrast; /* black on white, dark fills: WCAG AAA for every text */
    session_place history[SESSION_HISTORY];
    int depth; /* history[depth - 1] is the current screen */
    char pin[SESSION_PIN_DIGITS + 1];
    char message[640];
    const char *message_msgid; /* the message's msgid (a static string), or NULL */
    /* The search screen (never stored or logged; dropped with the rest). */
    char query[SESSION_QUERY_BYTES + 1];
    char composing[64];  /* an input method's text not yet committed */
    bool latin_keys;     /* the on-screen keyboard shows Latin letters */
    bool keyboard_hidden;
    char key_choices[64]; /* "ROW:KEY" whose characters are offered, or "" */
    bool search_pending; /* the query changed since it was last counted */
} session;

/* Back to the language picker with nothing of the last person kept. */
void session_reset(session *s);

kiosk_screen session_screen(const session *s);
const char *session_arg(const session *s);

/* Goes to a screen; `scroll` is where the screen being left was scrolled
 * (kept for Back).  The oldest place is dropped beyond SESSION_HISTORY. */
void session_go(session *s, kiosk_screen screen, const char *arg, float scroll);
/* Goes back one screen and returns the scroll position to restore; back
 * on the language picker the language is forgotten. */
float session_back(session *s);
/* Back to the home screen (the one in history, or a new one). */
void session_home(session *s, float scroll);
/* Replaces the current screen (the PIN pad is not kept in history). */
void session_replace(session *s, kiosk_screen screen, const char *arg);

void session_set_language(session *s, const char *language);
/* Adds UTF-8 text at the end of the query (what does not fit is dropped,
 * never half a character); erases the query's last character. */
void session_query_type(session *s, const char *text);
void session_query_erase(session *s);
void session_pin_digit(session *s, const char *digit);
void session_pin_delete(session *s);
void session_pin_clear(session *s);
/* printf into the message line ("" clears it); `msgid` is the kiosk's
 * words it says (untranslated, kept as a pointer), or NULL. */
void session_message(session *s, const char *msgid, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#endif
