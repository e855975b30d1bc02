/* writer.h - the catalogue's SQLite file, written whole or not at all. */
#ifndef SPORTELLO_CATALOG_WRITER_H
#define SPORTELLO_CATALOG_WRITER_H

#include <stdbool.h>

#include "languages.h"
#include "model.h"
#include "meta.h"
#include "po.h"
#include "recordings.h"
#include "signed.h"

/* Writes the catalogue (schema: docs/catalog.md) into a new file beside
 * `output`, "OUTPUT.new-PID-XXXXXX", checks it (integrity_check, foreign
 * keys, a text for every key in every language), fsyncs it and renames it
 * over `output`.  On any failure the new file is removed, `output` is
 * untouched, and problems say why.  A build killed (SIGKILL, power cut)
 * leaves its new file behind: each call first removes the new files of the
 * same output whose PID is no longer a running process, and no other file.
 * `po` may hold no language; `recordings` may be NULL (none). */
bool catalog_write(const catalog_model *model, const po_set *po, const language_list *languages,
                   const recording_set *recordings, const char *output, problem_list *problems);

/* The same, signed with `secret` (signed.h): the signature is appended to
 * the new file before it is flushed and renamed, so the catalogue and its
 * signature are put in place by the same rename. */
bool catalog_write_signed(const catalog_model *model, const po_set *po,
                          const language_list *languages, const recording_set *recordings,
                          const char *output, const signed_secret *secret, problem_list *problems);

#endif
