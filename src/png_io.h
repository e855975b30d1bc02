/* png_io.h - SDL surfaces to and from PNG files (libpng).
 *
 * Headless mode, tests and translators see the kiosk's frames as PNG files.
 * Writing goes to "path.tmp" first and is renamed over `path`, so a reader
 * never sees half a file. */
#ifndef SPORTELLO_PNG_IO_H
#define SPORTELLO_PNG_IO_H

#include <stdbool.h>

#include <SDL.h>

/* Writes `surface` (any format) as an 8-bit RGBA PNG.  On failure returns
 * false and a malloc'd "path: problem" in *error. */
bool png_write_surface(const char *path, SDL_Surface *surface, char **error);

/* Reads a PNG into a new ABGR8888 (RGBA bytes) surface the caller frees
 * with SDL_FreeSurface.  NULL and *error on failure. */
SDL_Surface *png_read_surface(const char *path, char **error);

#endif
