/* fold.c - see fold.h. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* All the folded characters are two-byte UTF-8 sequences D9 8B..D9 9F,
 * D9 B0 (U+0670) and D9 80 (U+0640), so a byte scan is enough. */
static bool folded(const unsigned char *p)
{
    if (p[0] != 0xD9)
        return false;
    return (p[1] >= 0x8B && p[1] <= 0x9F) || p[1] == 0xB0 || p[1] == 0x80;
}

char *search_fold(const char *utf8)
{
    size_t length = strlen(utf8);
    char *out = malloc(length + 1);
    if (!out)
        return NULL;
    const unsigned char *in = (const unsigned char *)utf8;
    size_t n = 0;
    for (size_t i = 0; i < length;) {
        if (i + 1 < length && folded(in + i)) {
            i += 2;
            continue;
        }
        out[n++] = (char)in[i++];
    }
    out[n] = '\0';
    return out;
}
