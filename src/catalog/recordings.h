/* recordings.h - the translators' recordings (po-content/audio/LANG/NAME.ogg)
 * read, checked and kept for the catalogue's `recordings` table.
 *
 * NAME is the text's key with each ':' written '.' (a file name that every
 * system can hold: Windows refuses ':'), so "service:cpi-mantova:what" is
 * service.cpi-mantova.what.ogg.  An article's paragraph, heading or list
 * item, whose key is its Italian text (msgctxt "article:ID" and the text
 * as msgid), is "article.ID.N-XXXXXXXX.ogg": N its place in the article
 * counting from 1, XXXXXXXX eight hex digits of a hash of its key, so that
 * a recording never reads another paragraph when the article changes
 * (`sportello-catalog recordings --data DIR` lists every name).
 *
 * Only a recording of the text the visitor sees is stored: its language's
 * own translation, current (not fuzzy, not of an older Italian text); the
 * others are left out of the catalogue (writer.c). */
#ifndef SPORTELLO_CATALOG_RECORDINGS_H
#define SPORTELLO_CATALOG_RECORDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "languages.h"
#include "model.h"

typedef struct recording_file {
    char language[8];
    const char *key; /* borrowed from the model's unit */
    unsigned char *bytes;
    size_t size;
    long milliseconds;
} recording_file;

typedef struct recording_set {
    recording_file *items;
    size_t count, capacity;
    size_t total_bytes;
} recording_set;

/* All the recordings in one catalogue, at most: the
 * kiosk holds its catalogue in memory (docs/design.md, "Recordings"). */
#define RECORDINGS_MAX_TOTAL_BYTES (256u * 1024 * 1024)

/* Reads PO_DIR/audio/LANG/ for every language: each file checked whole
 * (recording.h).  A folder that is not a language of `languages`, a file
 * that is not NAME.ogg for a key of `model`, a symbolic link, a folder
 * inside a language's folder, or a recording refused by recording_check
 * adds one problem "path: what is wrong".  No audio folder: no recordings,
 * no problem.  Free with recording_set_free. */
void recordings_read(const char *po_dir, const catalog_model *model, const language_list *languages,
                     recording_set *out, problem_list *problems);
void recording_set_free(recording_set *set);

/* The file name (without ".ogg") for the unit `index` of `model` into
 * `out`; false when it does not fit. */
bool recording_name(const catalog_model *model, size_t index, char *out, size_t size);

#endif
