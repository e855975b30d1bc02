/* session.c - the visitor's session (session.h). */
#include "session.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void session_reset(session *s)
{
    /* memset, not field by field: nothing of the last person survives,
     * not even in padding. */
    memset(s, 0, sizeof *s);
    s->depth = 1;
    s->history[0].screen = SCREEN_LANGUAGES;
}

kiosk_screen session_screen(const session *s)
{
    return s->history[s->depth - 1].screen;
}
const char *session_arg(const session *s)
{
    return s->history[s->depth - 1].arg;
}

void session_go(session *s, kiosk_screen screen, const char *arg, float scroll)
{
    s->history[s->depth - 1].scroll = scroll;
    if (s->depth == SESSION_HISTORY) {
        /* The language picker at the bottom stays; the oldest after it goes. */
        memmove(&s->history[1], &s->history[2], (SESSION_HISTORY - 2) * sizeof *s->history);
        s->depth--;
    }
    session_place *p = &s->history[s->depth++];
    p->screen = screen;
    snprintf(p->arg, sizeof p->arg, "%s", arg ? arg : "");
    p->scroll = 0;
    s->message[0] = '\0';
    s->message_msgid = NULL;
}

float session_back(session *s)
{
    float scroll = 0;
    if (s->depth > 1) {
        s->depth--;
        scroll = s->history[s->depth - 1].scroll;
    }
    if (session_screen(s) == SCREEN_LANGUAGES)
        s->language[0] = '\0';
    s->message[0] = '\0';
    s->message_msgid = NULL;
    return scroll;
}

void session_home(session *s, float scroll)
{
    while (s->depth > 1 && session_screen(s) != SCREEN_HOME)
        s->depth--;
    if (session_screen(s) != SCREEN_HOME)
        session_go(s, SCREEN_HOME, NULL, scroll);
    s->history[s->depth - 1].scroll = 0;
}

void session_replace(session *s, kiosk_screen screen, const char *arg)
{
    s->depth--;
    session_go(s, screen, arg, s->depth > 0 ? s->history[s->depth - 1].scroll : 0);
}

void session_set_language(session *s, const char *language)
{
    snprintf(s->language, sizeof s->language, "%s", language);
}

void session_pin_digit(session *s, const char *digit)
{
    size_t n = strlen(s->pin);
    if (n < SESSION_PIN_DIGITS && digit[0] >= '0' && digit[0] <= '9') {
        s->pin[n] = digit[0];
        s->pin[n + 1] = '\0';
    }
    s->message[0] = '\0';
    s->message_msgid = NULL;
}

void session_pin_delete(session *s)
{
    size_t n = strlen(s->pin);
    if (n)
        s->pin[n - 1] = '\0';
}

void session_query_type(session *s, const char *text)
{
    size_t n = strlen(s->query), add = strlen(text);
    if (n + add > SESSION_QUERY_BYTES)
        return; /* a whole key or input method commit, or nothing */
    memcpy(s->query + n, text, add + 1);
    s->search_pending = true;
}

void session_query_erase(session *s)
{
    size_t n = strlen(s->query);
    if (!n)
        return;
    /* Back over one UTF-8 character: its continuation bytes, then its lead. */
    while (n > 0 && ((unsigned char)s->query[n - 1] & 0xc0) == 0x80)
        n--;
    s->query[n > 0 ? n - 1 : 0] = '\0';
    s->search_pending = true;
}

void session_pin_clear(session *s)
{
    memset(s->pin, 0, sizeof s->pin);
}

void session_message(session *s, const char *msgid, const char *format, ...)
{
    s->message_msgid = msgid;
    va_list args;
    va_start(args, format);
    vsnprintf(s->message, sizeof s->message, format, args);
    va_end(args);
}
