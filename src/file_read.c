/* file_read.c - see file_read.h. */
#include "file_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *file_read_all(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *data = NULL;
    size_t capacity = 0;
    *length = 0;
    errno = 0;
    for (;;) {
        if (*length + 1 >= capacity) {
            size_t wanted = capacity ? capacity * 2 : 64 * 1024;
            char *bigger = realloc(data, wanted);
            if (!bigger) {
                errno = ENOMEM;
                break;
            }
            data = bigger;
            capacity = wanted;
        }
        size_t got = fread(data + *length, 1, capacity - *length - 1, file);
        *length += got;
        if (got > 0)
            continue;
        if (!ferror(file)) {
            data[*length] = '\0';
            fclose(file);
            return data;
        }
        if (!errno)
            errno = EIO;
        break;
    }
    int saved = errno;
    fclose(file);
    free(data);
    errno = saved;
    return NULL;
}
