/* folder.h - the names in a folder, sorted, as every reader of a folder of
 * files (data, PO files, keyboard layouts) wants them. */
#ifndef SPORTELLO_FOLDER_H
#define SPORTELLO_FOLDER_H

#include <stddef.h>

/* The names of `path`'s entries, sorted bytewise, without hidden ones (a
 * leading '.': editor locks, rsync's temporaries) and, when `suffix` is
 * not NULL, only those longer than it that end in it.  malloc'd (free with
 * folder_names_free); NULL with *count 0 and errno set when the folder
 * cannot be read or memory runs out (errno ENOMEM). */
char **folder_names(const char *path, const char *suffix, size_t *count);

void folder_names_free(char **names, size_t count);

#endif
