/* isolate.c - directional isolates for data of the other direction.
 *
 * A phone number or an Italian street name inside an Arabic sentence is
 * reordered by the bidi algorithm ("0376 123456" shows as "123456 0376"):
 * the space between the two numbers is a neutral between European numbers,
 * which rule N1 resolves to the embedding direction.  Wrapping the piece in
 * LRI ... PDI (UAX #9 X5a, X6a) makes it a unit with its own direction. */
#include <stdlib.h>
#include <string.h>

#include "text.h"

static const char *opener(text_direction direction)
{
    switch (direction) {
    case TEXT_DIRECTION_LTR:
        return "\xE2\x81\xA6"; /* U+2066 LEFT-TO-RIGHT ISOLATE */
    case TEXT_DIRECTION_RTL:
        return "\xE2\x81\xA7"; /* U+2067 RIGHT-TO-LEFT ISOLATE */
    case TEXT_DIRECTION_AUTO:
        break;
    }
    return "\xE2\x81\xA8"; /* U+2068 FIRST STRONG ISOLATE */
}

static const char closer[] = "\xE2\x81\xA9"; /* U+2069 POP DIRECTIONAL ISOLATE */

bool text_append_isolated(char **buffer, const char *piece, text_direction direction)
{
    size_t had = *buffer ? strlen(*buffer) : 0;
    size_t length = strlen(piece);
    char *grown = realloc(*buffer, had + 3 + length + 3 + 1);
    if (!grown)
        return false;
    memcpy(grown + had, opener(direction), 3);
    memcpy(grown + had + 3, piece, length);
    memcpy(grown + had + 3 + length, closer, sizeof closer);
    *buffer = grown;
    return true;
}

char *text_isolate(const char *utf8, text_direction direction)
{
    char *result = NULL;
    if (!text_append_isolated(&result, utf8, direction))
        return NULL;
    return result;
}
