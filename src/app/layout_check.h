/* layout_check.h - the translators' layout check (`sportello
 * --check-layout`): every string laid out in every slot where a screen
 * shows it (the slots the screens declare: box width, line limit, the
 * button it must fit), at every shape the kiosk supports, with the text
 * engine that draws the screens; each problem reported at the PO line of
 * the string:
 *
 *   po-content/ur.po:920: category:lavoro:name: cut to 3 lines at 800x1280 (needs 5)
 * [home.category] po/ur.po:75: Help now: overflows its button by 46 px at 600x1024 [bar.help]
 *   po-content/ti.po:88: service:x:name: lacks a glyph for U+E000: no font of assets/fonts.txt has
 * it [service.title]
 *
 * A slot that cuts on purpose (a summary in a list) is reported only when
 * the cut hides the end of the text's first sentence. */
#ifndef SPORTELLO_LAYOUT_CHECK_H
#define SPORTELLO_LAYOUT_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "kiosk.h"
#include "text.h"

typedef struct layout_check_options {
    const char *catalog_path;   /* the catalogue whose texts are laid out */
    const char *po_dir;         /* po/: where the kiosk's words are (lines); NULL: none */
    const char *po_content_dir; /* po-content/: where the content is (lines); NULL: none */
    const char *locale_dir; /* compiled po/ (LANG/LC_MESSAGES/sportello.mo); NULL: the kiosk's */
    const char *language;   /* only this language; NULL: every language of the catalogue */
} layout_check_options;

/* From the translators' working files into `work` (an empty folder):
 * po_content_dir (with data_dir) built into a catalogue by catalog_tool
 * (sportello-catalog, whose problems it prints at file:line), po_dir's
 * LANG.po compiled by msgfmt; sets o->catalog_path and o->locale_dir.
 * Either dir may be NULL.  False when a build failed (said on stderr). */
bool layout_check_prepare(const char *work, const char *catalog_tool, const char *data_dir,
                          const char *po_content_dir, const char *po_dir, layout_check_options *o);
/* Removes what layout_check_prepare made, and `work`. */
void layout_check_clean(const char *work);

/* Prints each problem on `out`, one line each, sorted; returns how many
 * (0: every string fits), or -1 when the check could not run (said on
 * stderr). */
int layout_check_run(text_engine *engine, const layout_check_options *options, FILE *out);

/* Calls fn for every screen a visitor can reach, once per record for
 * the screens of one (arg "" for the others), and with `staff` the
 * language picker and the operator's screens too: the one list of screens
 * the layout check, the slot descriptions and --only screenshots walk.
 * False when fn failed on a screen without a record (home, help). */
typedef bool (*layout_screen_fn)(kiosk_screen screen, const char *arg, void *user);
bool layout_each_screen(kiosk *k, bool staff, layout_screen_fn fn, void *user);

/* Where every string is shown and its limits, for the PO files' comments:
 * one line a string, "ID<TAB>Shown on a 600x1024 tablet: a tile of the
 * home screen (at most 3 lines of about 23 characters); ...", the ID a
 * content key's pattern (service:*:name; article:* for every block of an
 * article, whose msgctxt is article:ID or article:ID#2) or a msgid of
 * the kiosk's words; sorted; from every catalogue given (the bundled one,
 * and po/specimen's, which has every field).  Returns 0, or -1 when it
 * could not run. */
int layout_describe_slots(text_engine *engine, const char *const *catalogs, size_t count,
                          FILE *out);

#endif
