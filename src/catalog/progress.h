/* progress.h - how far a catalogue build is, on one line of a terminal:
 * records read, languages imported, search index built.  A large
 * catalogue takes a while; a technician at a terminal sees it move.
 *
 * Only when progress_start() found standard error to be a terminal: in a
 * log, a pipe or CI nothing at all is written, and the build's output is
 * the same as without this module.  The line is redrawn in place (carriage
 * return, erase to the end) at most ten times a second, and erased by
 * progress_finish() before the build prints its summary or its problems. */
#ifndef SPORTELLO_CATALOG_PROGRESS_H
#define SPORTELLO_CATALOG_PROGRESS_H

#include <stddef.h>

/* On when standard error is a terminal (isatty); off otherwise. */
void progress_start(void);
/* `count` more records read (categories, agencies, services, guides). */
void progress_records(size_t count);
/* `done` of `total` languages' PO files imported. */
void progress_languages(size_t done, size_t total);
/* `done` of `total` translatable texts put into the search index. */
void progress_search(size_t done, size_t total);
/* Erases the line and turns progress off. */
void progress_finish(void);

#endif
