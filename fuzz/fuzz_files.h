/* fuzz_files.h - a private temporary folder for fuzz targets whose parser
 * reads files (the data folder, PO files).  Made once per process in
 * $TMPDIR, else /dev/shm, else /tmp; removed at exit. */
#ifndef SPORTELLO_FUZZ_FILES_H
#define SPORTELLO_FUZZ_FILES_H

#include <stddef.h>
#include <stdint.h>

/* The folder's path (made on first call); aborts when it cannot be made. */
const char *fuzz_folder(void);

/* Writes `size` bytes to folder/name (made with its parent folders). */
void fuzz_write(const char *name, const uint8_t *data, size_t size);

/* Copies a file of the source tree (relative to it) to folder/name. */
void fuzz_copy_source_file(const char *source_name, const char *name);

#endif
