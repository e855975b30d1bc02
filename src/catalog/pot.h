/* pot.h - the content domain's template for translators. */
#ifndef SPORTELLO_CATALOG_POT_H
#define SPORTELLO_CATALOG_POT_H

#include <stdbool.h>

#include "model.h"

/* Writes every unit of the model as a PO template (with libgettextpo):
 * msgctxt = key, msgid = Italian text, "#." = what it is, "#:" = file:line
 * relative to `relative_to` when it is a prefix, under xgettext's template
 * header with a POT-Creation-Date (SOURCE_DATE_EPOCH if set, else now, UTC)
 * and no review status.  The file is written beside `output` and renamed
 * over it, unless the file in place differs from it only in its
 * POT-Creation-Date: then that file is kept as it is.  Problems go to
 * `problems`. */
bool pot_write(const catalog_model *model, const char *output, const char *relative_to,
               problem_list *problems);

#endif
