/* file_write.h - a whole small file replaced at once. */
#ifndef SPORTELLO_FILE_WRITE_H
#define SPORTELLO_FILE_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes `length` bytes into a new file beside `path` ("PATH.new-XXXXXX",
 * with `mode`), fsyncs it, renames it over `path` and fsyncs the folder: a
 * reader, or a power cut, sees the old file or the new one, never half of
 * one.  On failure the new file is removed, `path` is untouched, errno is
 * set and false is returned.  Every small file the programs keep (state,
 * keys, the site configuration) is written through here. */
bool file_write_atomic(const char *path, const void *data, size_t length, mode_t mode);

#endif
