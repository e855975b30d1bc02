/* ui_text.h - the kiosk's own strings (buttons, headings, messages),
 * translated with gettext in the domain "sportello" (po/).
 *
 * The language is switched at run time, on a machine with no locales
 * generated: the process runs in the C.UTF-8 locale, which glibc always
 * has, and the language comes from the LANGUAGE variable, which gettext
 * honours in any locale except plain "C".  Message ids are English; a
 * string not yet translated shows in English. */
#ifndef SPORTELLO_UI_TEXT_H
#define SPORTELLO_UI_TEXT_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define UI_DOMAIN "sportello"
#define _(string) dgettext(UI_DOMAIN, string)
#define N_(string) (string)
/* A message with a context, when one English word has two uses that a
 * language may say differently: C_("heading", "Help now").  Its msgid in
 * a slot (screen.h) and in po_find is "context\004msgid", as gettext keys it. */
#define C_(context, string) ui_text_pgettext(context "\004" string, string)
#define NC_(context, string) (context "\004" string)
/* A message with plural forms: P_("%d second", "%d seconds", n). */
#define P_(one, many, n) dngettext(UI_DOMAIN, one, many, n)

/* Sets the C.UTF-8 locale and binds the domain to the first directory that
 * has translations: $SPORTELLO_LOCALEDIR, the build tree's po/, the
 * installed locale directory.  False (logged) when none has any. */
bool ui_text_init(void);

/* The translation of `key` ("context\004msgid"), or `msgid` when there is none. */
const char *ui_text_pgettext(const char *key, const char *msgid);

/* Makes `language` ("ar") the language of _() from now on. */
void ui_text_set_language(const char *language);
/* The language _() translates into now ("" before any was set). */
const char *ui_text_language(void);

/* `msgid` translated into `language` into `out`, the language of _()
 * left as it was: for the rare text that shows every language at once
 * (the out-of-service screen). */
void ui_text_in(const char *language, const char *msgid, char *out, size_t size);

#endif
