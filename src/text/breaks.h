/* breaks.h - where lines and grapheme clusters may break (ICU).
 *
 * Internal to the text engine (and its conformance test).  Text is UTF-16,
 * as ICU wants it.  A text_breaker keeps one opened ICU break iterator per
 * language, because ubrk_open() costs far more than a layout. */
#ifndef SPORTELLO_TEXT_BREAKS_H
#define SPORTELLO_TEXT_BREAKS_H

#include <stdbool.h>
#include <stdint.h>

enum {
    TEXT_BREAK_NONE = 0,      /* no break before this index */
    TEXT_BREAK_ALLOWED = 1,   /* a line may start here (UAX #14 "÷") */
    TEXT_BREAK_MANDATORY = 2, /* a line must start here (after BK, CR, LF, NL) */
};

typedef struct text_breaker text_breaker;

/* Returns NULL when out of memory. */
text_breaker *text_breaker_create(void);
void text_breaker_destroy(text_breaker *breaker);

/* Fills kinds[0..length] (length + 1 entries) with TEXT_BREAK_* for a break
 * before each UTF-16 index: kinds[0] is NONE; kinds[length] is MANDATORY
 * (end of text).  Rules: UAX #14 as ICU implements it for `language`
 * (NULL or "" = root; ICU 72 follows Unicode 15.0), plus our tailorings:
 *   - quotation marks as in Unicode 15.1 (UAX #14 revision 51, section 6.2,
 *     LB15a and LB15b, which replaced 15.0's LB15 "QU SP* × OP"): a break
 *     before "(" after a quotation mark and a space, as in
 *     "« caporalato » ÷ (intermédiation" or "“yes” ÷ (twice)", unless the
 *     mark is an initial quote (Pi) after the start of the text, BK, CR, LF,
 *     NL, OP, QU, GL, SP or ZW (LB15a: then no break after it nor after
 *     its spaces, "« mot" stays together); and no break before a final
 *     quote (Pf) followed by SP GL WJ CL QU CP EX IS SY BK CR LF NL ZW or
 *     the end (LB15b: "mot »" stays together).  Details in breaks.c;
 *   - no break between a space and a following ETHIOPIC WORDSPACE U+1361
 *     (class BA) or Ethiopic punctuation U+1362..U+1368 (class AL), so
 *     "ቃል ፡ ቃል" keeps ፡ with the word before it (w3c/i18n-tests#25).
 * Returns false on an ICU error (kinds then holds NONE except the end). */
bool text_breaker_lines(text_breaker *breaker, const char *language, const uint16_t *text,
                        int32_t length, uint8_t *kinds);

/* Fills boundary[0..length] with 1 where a grapheme cluster (UAX #29,
 * extended) starts or the text ends, else 0.  Returns false on ICU error. */
bool text_breaker_graphemes(text_breaker *breaker, const uint16_t *text, int32_t length,
                            uint8_t *boundary);

#endif
