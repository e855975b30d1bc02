/* paths.c - see paths.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool paths_from_build_tree(void)
{
    char exe[PATH_MAX], root[PATH_MAX];
    if (!realpath("/proc/self/exe", exe) || !realpath(SPORTELLO_BUILD_ROOT, root))
        return false;
    size_t n = strlen(root);
    return strncmp(exe, root, n) == 0 && exe[n] == '/';
}

const char *asset_path(const char *name, char *buffer, size_t size)
{
    const char *chosen = getenv("SPORTELLO_ASSETS");
    if ((!chosen || !*chosen) && paths_from_build_tree()) {
        snprintf(buffer, size, "%s/assets/%s", SPORTELLO_SOURCE_DIR, name);
        if (access(buffer, R_OK) == 0)
            return buffer;
    }
    if (!chosen || !*chosen)
        chosen = SPORTELLO_DATA_DIR "/assets";
    snprintf(buffer, size, "%s/%s", chosen, name);
    return buffer;
}
