/* inputs.h - the files and folders a command of sportello-catalog reads,
 * so that its --output is never one of them.
 *
 * `sportello-catalog build ... --output po-content/fr.po` used to replace
 * a translator's file with a database.  Before anything is written, the
 * output is compared with every input: the folders given (--data, --po),
 * every file read from them (data files, PO files, glossaries, wherever a
 * symbolic link leads), --languages and the assets read.  Paths are
 * compared resolved (realpath: symbolic links, "..", relative paths) and
 * files also by device and inode (a hard link). */
#ifndef SPORTELLO_CATALOG_INPUTS_H
#define SPORTELLO_CATALOG_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "po.h"

typedef struct input_list {
    char **paths; /* as the command was given them, or as they were read */
    size_t count, capacity;
} input_list;

/* Adds a copy of `path` (NULL is ignored); false when out of memory. */
bool inputs_add(input_list *list, const char *path);
/* Adds every file the model was read from, and every PO file of `po` with
 * its glossary when there is one (either may be NULL). */
bool inputs_add_read(input_list *list, const catalog_model *model, const po_set *po);
void inputs_free(input_list *list);

/* When `output` is an existing folder, or is, is inside, or resolves to
 * one of `inputs`, adds one problem saying so, and returns false. */
bool inputs_check_output(const input_list *inputs, const char *output, problem_list *problems);

#endif
