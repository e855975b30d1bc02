/* array.h - growing a malloc'd array by doubling. */
#ifndef SPORTELLO_ARRAY_H
#define SPORTELLO_ARRAY_H

#include <stdbool.h>
#include <stdlib.h>

/* Makes room in *array (of *capacity elements of `size` bytes) for element
 * number `count`: doubles it, from 16, when full.  False when out of
 * memory, leaving *array and *capacity as they were. */
static inline bool array_grow(void **array, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return true;
    size_t wanted = *capacity ? *capacity * 2 : 16;
    void *bigger = realloc(*array, wanted * size);
    if (!bigger)
        return false;
    *array = bigger;
    *capacity = wanted;
    return true;
}

#endif
