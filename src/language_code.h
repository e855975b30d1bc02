/* language_code.h - the form of a language code in Sportello's files and
 * databases (site configuration, counters, assets/languages.txt): 2 or 3
 * letters a-z ("it", "ar", "prs"). */
#ifndef SPORTELLO_LANGUAGE_CODE_H
#define SPORTELLO_LANGUAGE_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define LANGUAGE_CODE_MAX 3 /* letters */

static inline bool language_code_is_valid(const char *code)
{
    if (!code)
        return false;
    size_t length = 0;
    for (; code[length]; length++)
        if (length >= LANGUAGE_CODE_MAX || code[length] < 'a' || code[length] > 'z')
            return false;
    return length >= 2;
}

#endif
