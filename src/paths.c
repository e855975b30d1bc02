/* paths.c - see paths.h. */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *asset_path(const char *name, char *buffer, size_t size)
{
    const char *chosen = getenv("SPORTELLO_ASSETS");
    if (!chosen || !*chosen) {
        snprintf(buffer, size, "%s/assets/%s", SPORTELLO_SOURCE_DIR, name);
        if (access(buffer, R_OK) == 0)
            return buffer;
        chosen = SPORTELLO_DATA_DIR "/assets";
    }
    snprintf(buffer, size, "%s/%s", chosen, name);
    return buffer;
}
