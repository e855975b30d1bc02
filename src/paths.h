/* paths.h - where Sportello finds its assets.
 *
 * In order: the directory in the environment variable SPORTELLO_ASSETS; the
 * source tree's assets/ (a developer's build, run uninstalled: only for a
 * program that is itself a file of the build tree); the installed data
 * directory. */
#ifndef SPORTELLO_PATHS_H
#define SPORTELLO_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* True when the running program is a file of the build tree it was built in
 * (a developer's build, its tests): only then are the source and build
 * trees' files (assets, catalogue, key, translations) looked for.  An
 * installed program never looks there, even where those folders exist
 * (the machine that built a package, a path someone else could create). */
bool paths_from_build_tree(void);

/* Writes the path of asset `name` ("fonts.txt") into buffer and returns it. */
const char *asset_path(const char *name, char *buffer, size_t size);

#endif
