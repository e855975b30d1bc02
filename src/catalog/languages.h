/* languages.h - the kiosk's languages and their fallback chains
 * (assets/languages.txt). */
#ifndef SPORTELLO_CATALOG_LANGUAGES_H
#define SPORTELLO_CATALOG_LANGUAGES_H

#include <stddef.h>

#include "model.h"

#define LANGUAGE_MAX_FALLBACKS 4

typedef struct language_entry {
    char code[8];
    char fallback[LANGUAGE_MAX_FALLBACKS][8]; /* in order, Italian last */
    size_t fallback_count;
} language_entry;

typedef struct language_list {
    language_entry *entries;
    size_t count;
} language_list;

/* Reads the table; problems ("path:line: ...") go to `problems`.  Italian
 * must be listed; every fallback must be a listed language; a chain that
 * does not end in Italian gets Italian appended.  Returns false on any
 * problem. */
bool language_list_read(const char *path, language_list *list, problem_list *problems);
void language_list_free(language_list *list);

#endif
