/* po.h - the translators' PO files of the content domain (libgettextpo).
 *
 * One po-content/LANG.po per language, domain "sportello-content", each
 * message identified by its msgctxt (docs/catalog.md), except an article's
 * block: msgctxt "article:ID" (or "article:ID#2" for a second block of the
 * same text) and its Italian text, keyed "msgctxt\004msgid".  The header field
 * "X-Sportello-Review" records the review status: "draft" (drafted, not
 * reviewed by the project's translators) or "reviewed". */
#ifndef SPORTELLO_CATALOG_PO_H
#define SPORTELLO_CATALOG_PO_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef enum translation_status {
    TRANSLATION_TRANSLATED,
    TRANSLATION_FUZZY,
    TRANSLATION_UNTRANSLATED,
} translation_status;

typedef struct translation {
    char *key;     /* msgctxt; "msgctxt\004msgid" for an article's block */
    char *source;  /* msgid as found in the PO */
    char *text;    /* msgstr ("" when untranslated) */
    translation_status status;
    int line;      /* line of the msgid in the PO file */
} translation;

typedef struct po_language {
    char *language; /* from the file name: "ar" for ar.po */
    char *path;
    char *review;   /* "draft", "reviewed", or "unknown" */
    translation *translations;
    size_t count;
    bool ui_domain; /* read by po_set_read_ui */
} po_language;

typedef struct po_set {
    po_language *languages; /* sorted by language code */
    size_t count;
} po_set;

/* Reads every *.po of po_dir.  Syntax errors (libgettextpo's own, with
 * file and line), a wrong number of plural forms for the language (from its
 * Plural-Forms header against CLDR's count via ICU; a header without
 * Plural-Forms), messages without
 * msgctxt, duplicate contexts (duplicate context and msgid for an
 * article's block), are appended to `problems`.  NULL only when
 * out of memory. */
po_set *po_set_read(const char *po_dir, problem_list *problems);
/* The same for po/, the kiosk's own words (domain "sportello"): messages
 * need no msgctxt; each is keyed by its msgid, or "msgctxt\004msgid" as
 * gettext keys them. */
po_set *po_set_read_ui(const char *po_dir, const char *plural_forms, problem_list *problems);
/* The same as po_set_read; a header without Plural-Forms, or with a wrong nplurals, is
 * told the value `plural_forms` (assets/plural-forms.txt, may be NULL)
 * gives the language. */
po_set *po_set_read_with(const char *po_dir, const char *plural_forms, problem_list *problems);
void po_set_free(po_set *set);

/* The translation of `key` in `language`, or NULL. */
const translation *po_find(const po_language *language, const char *key);

/* Translator checks ("po-file:line: problem") on every translated or fuzzy
 * message: placeholders (%s, %d, {name}), numbers (any length, with a
 * "-bis" suffix; only their digit grouping by spaces may change), phone
 * numbers, e-mail addresses and URLs of the source must appear unchanged; no leading or
 * trailing white space the source lacks; bidi controls (LRE, RLE, LRO,
 * RLO, PDF, LRI, RLI, FSI, PDI) balanced; text identical to a source with
 * letters (left untranslated by copying) is reported.  When `model` is not
 * NULL, the msgid must also equal the current Italian text of its key. */
typedef enum po_check_scope {
    PO_CHECK_ALL,         /* everything above: `sportello-catalog check` */
    PO_CHECK_SHOWN_FACTS, /* what the build refuses: placeholders, numbers,
                             phones, e-mail, URLs and bidi controls, in the
                             translations the kiosk will show (translated and
                             current; fuzzy and out-of-date ones are not shown) */
} po_check_scope;
/* Problems go to `problems`; what does not make the catalogue wrong goes to
 * `warnings` (may be NULL), as "path:line: warning: ...": a fuzzy message,
 * never shown. */
void po_check(const po_set *set, const catalog_model *model, po_check_scope scope,
              problem_list *problems, problem_list *warnings);

/* For a translator's preview catalogue only (never one a kiosk uses):
 * every translation the build would refuse (a wrong number, address,
 * placeholder, bidi control) is reported into `refused` and left out, as
 * if untranslated, so the rest of the language can still be seen. */
void po_leave_out_refused(po_set *set, const catalog_model *model, problem_list *refused);

/* Counts for `sportello-catalog stats`. */
typedef struct po_stats {
    size_t translated, fuzzy, untranslated;
    size_t words_left; /* words of the source of fuzzy and untranslated messages */
} po_stats;
po_stats po_language_stats(const po_language *language);

#endif
