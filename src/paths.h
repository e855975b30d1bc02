/* paths.h - where Sportello finds its assets.
 *
 * In order: the directory in the environment variable SPORTELLO_ASSETS; the
 * source tree's assets/ (a developer's build, run uninstalled); the
 * installed data directory. */
#ifndef SPORTELLO_PATHS_H
#define SPORTELLO_PATHS_H

#include <stddef.h>

/* Writes the path of asset `name` ("fonts.txt") into buffer and returns it. */
const char *asset_path(const char *name, char *buffer, size_t size);

#endif
