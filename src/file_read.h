/* file_read.h - a whole file in memory. */
#ifndef SPORTELLO_FILE_READ_H
#define SPORTELLO_FILE_READ_H

#include <stddef.h>

/* The file's bytes, NUL-terminated (so a text file is also a C string),
 * malloc'd; *length receives their count (the NUL not included).  NULL with
 * errno set on failure. */
char *file_read_all(const char *path, size_t *length);

#endif
