/* fold.c - see fold.h. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Harakat D9 8B..D9 9F, superscript alef D9 B0 (U+0670) and tatweel D9 80
 * (U+0640) are all two-byte sequences. */
static bool folded_away(const unsigned char *p, size_t left)
{
    if (left < 2 || p[0] != 0xD9)
        return false;
    return (p[1] >= 0x8B && p[1] <= 0x9F) || p[1] == 0xB0 || p[1] == 0x80;
}

/* Length of the UTF-8 sequence at p (1 for a stray byte) and its code
 * point (0 when ill-formed: the build has rejected such text already). */
static size_t decode(const unsigned char *p, size_t left, uint32_t *c)
{
    size_t length = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
    if (length > left)
        length = 1;
    *c = length == 1 ? p[0] : (uint32_t)(p[0] & (0x7F >> length));
    for (size_t i = 1; i < length; i++)
        *c = (*c << 6) | (p[i] & 0x3F);
    return length;
}

static bool is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

char *search_fold(const char *utf8)
{
    size_t length = strlen(utf8);
    /* a Han character (3 or 4 bytes) gains two spaces: at most doubled */
    char *out = malloc(length * 2 + 1);
    if (!out)
        return NULL;
    const unsigned char *in = (const unsigned char *)utf8;
    size_t n = 0;
    for (size_t i = 0; i < length;) {
        if (folded_away(in + i, length - i)) {
            i += 2;
            continue;
        }
        uint32_t c;
        size_t step = decode(in + i, length - i, &c);
        bool han = is_han(c);
        if (han)
            out[n++] = ' ';
        memcpy(out + n, in + i, step);
        n += step;
        if (han)
            out[n++] = ' ';
        i += step;
    }
    out[n] = '\0';
    return out;
}
