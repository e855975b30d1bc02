/* bidi.h - the Unicode Bidirectional Algorithm (UAX #9) through ICU ubidi.
 *
 * Internal to the text engine (and its conformance test).  One text_bidi per
 * paragraph: levels are resolved once (rules P2-P3, X1-X10, W1-W7, N0-N2,
 * I1-I2), then each line gets its own reordering (L1 trailing white space
 * and separators back to the paragraph level, L2 reversal).  L3 does not
 * apply (no combining-mark reordering in ICU's default mode) and L4
 * (mirroring) is done by HarfBuzz when a run is shaped right to left. */
#ifndef SPORTELLO_TEXT_BIDI_H
#define SPORTELLO_TEXT_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

typedef struct text_bidi text_bidi;

/* A maximal run of one direction in visual order within a line. */
typedef struct text_bidi_run {
    int32_t start;  /* logical UTF-16 index of the run's first unit */
    int32_t length; /* UTF-16 units */
    bool rtl;
} text_bidi_run;

/* Resolves the paragraph `text` (UTF-16, `length` units; it must stay alive
 * and unchanged as long as the text_bidi).  TEXT_DIRECTION_AUTO takes the
 * direction from the first strong character (P2-P3), left to right when
 * there is none.  Returns NULL on an ICU error or when out of memory. */
text_bidi *text_bidi_create(const uint16_t *text, int32_t length, text_direction direction);
void text_bidi_destroy(text_bidi *bidi);

/* 0 or 1 (or higher for explicit embeddings at paragraph level: never). */
int text_bidi_paragraph_level(const text_bidi *bidi);

/* Resolved embedding level of each UTF-16 unit of the paragraph, before L1
 * (`length` entries, owned by bidi).
 * Exception, from ICU: ubidi_setPara() already applies L1 to segment
 * separators (TAB), the white space before them and the white space at the
 * end of the paragraph, so those units read the paragraph level here. */
const uint8_t *text_bidi_levels(const text_bidi *bidi);

/* A pair of brackets (UAX #9 BD16): logical UTF-16 indices of the opening
 * and the closing bracket. */
typedef struct text_bidi_pair {
    int32_t open, close;
} text_bidi_pair;

/* The bracket pairs of the paragraph (BD16 over the whole paragraph, not
 * per isolating run sequence) that enclose a gloss: text in the direction
 * opposite the paragraph's, "(permesso di soggiorno)" in an Arabic sentence
 * or "(تصريح الإقامة)" in an Italian one.  Every character between the
 * brackets, spaces and format characters aside, is at a level above the
 * paragraph's (so numbers may sit in the gloss), and there is at least one.
 * Sets *pairs to a malloc'd array sorted by opening bracket (NULL when
 * there is none) and returns its length; -1 when out of memory. */
int32_t text_bidi_glosses(const text_bidi *bidi, text_bidi_pair **pairs);

/* Reorders the line [start, end) of the paragraph.  Fills up to `capacity`
 * runs in visual order, left to right, and returns how many the line has
 * (call again with more room when the result exceeds capacity).  When
 * `line_levels` is not NULL it receives end - start levels after rule L1.
 * When `visual_to_logical` is not NULL it receives, for each visual position
 * from the left, the logical index (paragraph-relative) shown there.
 * Returns -1 on an ICU error.
 * `line_levels` are the exact UAX #9 levels after L1, computed here from
 * the paragraph's resolved levels, even where ICU's own line object takes a
 * shortcut and reports a one-direction line at the paragraph level. */
int32_t text_bidi_reorder_line(text_bidi *bidi, int32_t start, int32_t end, text_bidi_run *runs,
                               int32_t capacity, uint8_t *line_levels, int32_t *visual_to_logical);

#endif
