/* bidi.c - see bidi.h.  A thin owner of two ICU UBiDi objects: one for the
 * paragraph, one reused for whichever line is being reordered. */
#include "bidi.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "array.h"
#include "log.h"

struct text_bidi {
    UBiDi *paragraph;
    UBiDi *line;       /* reused by every text_bidi_reorder_line(); opened lazily */
    const UChar *text; /* the caller's, for rule L1 on each line */
    int32_t length;
    UBiDiLevel requested_level; /* given to ubidi_setPara() */
    uint8_t *levels;            /* copy: ubidi_getLevels() storage moves when ICU wants */
    /* The levels as UAX #9 resolves them, for line_levels; set on first
     * use by resolve_exact_levels(): `levels` itself, or an array of its
     * own. */
    uint8_t *exact_levels;
};

/* UAX #9 P2-P3 for AUTO; an explicit direction sets the paragraph level
 * directly (HL1). */
static UBiDiLevel paragraph_level_for(text_direction direction)
{
    switch (direction) {
    case TEXT_DIRECTION_LTR:
        return 0;
    case TEXT_DIRECTION_RTL:
        return 1;
    case TEXT_DIRECTION_AUTO:
        break;
    }
    return UBIDI_DEFAULT_LTR;
}

static bool icu_failed(UErrorCode status, const char *what)
{
    if (U_SUCCESS(status))
        return false;
    log_message(LOG_ERROR, "text", "bidi: %s: %s", what, u_errorName(status));
    return true;
}

/* Keeps our own copy of the resolved levels so the accessor stays valid
 * whatever ICU later does with its internal buffers. */
static bool copy_paragraph_levels(text_bidi *bidi)
{
    bidi->levels = malloc(bidi->length > 0 ? (size_t)bidi->length : 1);
    if (!bidi->levels) {
        log_message(LOG_ERROR, "text", "bidi: out of memory");
        return false;
    }
    if (bidi->length == 0)
        return true;
    UErrorCode status = U_ZERO_ERROR;
    const UBiDiLevel *levels = ubidi_getLevels(bidi->paragraph, &status);
    if (icu_failed(status, "ubidi_getLevels"))
        return false;
    memcpy(bidi->levels, levels, (size_t)bidi->length);
    return true;
}

text_bidi *text_bidi_create(const uint16_t *text, int32_t length, text_direction direction)
{
    text_bidi *bidi = calloc(1, sizeof *bidi);
    if (!bidi) {
        log_message(LOG_ERROR, "text", "bidi: out of memory");
        return NULL;
    }
    bidi->length = length;
    UErrorCode status = U_ZERO_ERROR;
    bidi->paragraph = ubidi_openSized(length, 0, &status);
    if (icu_failed(status, "ubidi_openSized"))
        goto fail;
    /* UChar is char16_t; uint16_t has the same size and representation.
     * ICU refuses a NULL text even when it is empty. */
    static const UChar empty[1];
    const UChar *units = text ? (const UChar *)text : empty;
    bidi->text = units;
    bidi->requested_level = paragraph_level_for(direction);
    ubidi_setPara(bidi->paragraph, units, length, bidi->requested_level, NULL, &status);
    if (icu_failed(status, "ubidi_setPara"))
        goto fail;
    if (!copy_paragraph_levels(bidi))
        goto fail;
    return bidi;
fail:
    text_bidi_destroy(bidi);
    return NULL;
}

void text_bidi_destroy(text_bidi *bidi)
{
    if (!bidi)
        return;
    /* The line refers to the paragraph's memory: close it first. */
    if (bidi->line)
        ubidi_close(bidi->line);
    if (bidi->paragraph)
        ubidi_close(bidi->paragraph);
    if (bidi->exact_levels != bidi->levels)
        free(bidi->exact_levels);
    free(bidi->levels);
    free(bidi);
}

int text_bidi_paragraph_level(const text_bidi *bidi)
{
    return ubidi_getParaLevel(bidi->paragraph);
}

const uint8_t *text_bidi_levels(const text_bidi *bidi)
{
    return bidi->levels;
}

/* Points bidi->line at [start, end).  ubidi_setLine() applies L1 to the
 * white space at the end of the line (ICU resolves the rest of L1, for
 * segment separators, in ubidi_setPara()); its runs and visual map are
 * right, its levels not always (copy_line_levels()). */
static bool set_line(text_bidi *bidi, int32_t start, int32_t end)
{
    UErrorCode status = U_ZERO_ERROR;
    if (!bidi->line) {
        bidi->line = ubidi_openSized(0, 0, &status);
        if (icu_failed(status, "ubidi_openSized"))
            return false;
    }
    ubidi_setLine(bidi->paragraph, start, end, bidi->line, &status);
    return !icu_failed(status, "ubidi_setLine");
}

/* UAX #9 L2 as runs: ICU hands them out in visual order already. */
static int32_t copy_runs(text_bidi *bidi, int32_t start, text_bidi_run *runs, int32_t capacity)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t count = ubidi_countRuns(bidi->line, &status);
    if (icu_failed(status, "ubidi_countRuns"))
        return -1;
    for (int32_t i = 0; i < count && i < capacity; i++) {
        int32_t logical_start, length;
        UBiDiDirection direction = ubidi_getVisualRun(bidi->line, i, &logical_start, &length);
        runs[i].start = start + logical_start;
        runs[i].length = length;
        runs[i].rtl = direction == UBIDI_RTL;
    }
    return count;
}

/* UAX #9 L1: segment separators (S) and paragraph separators (B). */
static bool is_separator(UCharDirection direction)
{
    return direction == U_SEGMENT_SEPARATOR || direction == U_BLOCK_SEPARATOR;
}

/* UAX #9 L1: white space and isolate formatting characters, plus what X9
 * removed (BN and the explicit embeddings, section 5.2), which L1 resets
 * with the sequence they belong to. */
static bool resets_before_separator(UCharDirection direction)
{
    switch (direction) {
    case U_WHITE_SPACE_NEUTRAL:
    case U_FIRST_STRONG_ISOLATE:
    case U_LEFT_TO_RIGHT_ISOLATE:
    case U_RIGHT_TO_LEFT_ISOLATE:
    case U_POP_DIRECTIONAL_ISOLATE:
    case U_BOUNDARY_NEUTRAL:
    case U_LEFT_TO_RIGHT_EMBEDDING:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_LEFT_TO_RIGHT_OVERRIDE:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_POP_DIRECTIONAL_FORMAT:
        return true;
    default:
        return false;
    }
}

/* The level L1 resets to at paragraph index `index`: the level of the
 * paragraph holding it (ICU splits the text after each B of its own). */
static bool paragraph_level_at(const text_bidi *bidi, int32_t index, UBiDiLevel *level)
{
    UErrorCode status = U_ZERO_ERROR;
    ubidi_getParagraph(bidi->paragraph, index, NULL, NULL, level, &status);
    return !icu_failed(status, "ubidi_getParagraph");
}

/* A paragraph of its own (PARAGRAPH SEPARATOR, then an R and an L) that
 * makes any text it ends mixed-directional for ICU. */
static const UChar mixed_paragraph[] = {0x2029, 0x05D0, 0x0061};

/* Sets bidi->exact_levels.  ICU only resolves X1-I2 when it finds the text
 * mixed-directional.  Otherwise (ubidi_getDirection() LTR: no R, AL, RLE,
 * RLO or RLI, and not both an AN and a neutral; or the mirror image, RTL)
 * ubidi_setPara() reports every level as the paragraph level, so an L
 * embedded by LRE or an AN in a left-to-right paragraph reads 0 where
 * UAX #9 gives 2.  The visual order is the same, but line_levels promises
 * the levels: for those texts we resolve a copy with mixed_paragraph
 * appended, and as UAX #9 resolves each paragraph on its own (P1), the
 * levels of the text itself are exact. */
static bool resolve_exact_levels(text_bidi *bidi)
{
    if (ubidi_getDirection(bidi->paragraph) == UBIDI_MIXED) {
        bidi->exact_levels = bidi->levels;
        return true;
    }
    const int32_t extra = (int32_t)(sizeof mixed_paragraph / sizeof mixed_paragraph[0]);
    int32_t length = bidi->length + extra;
    UChar *text = malloc((size_t)length * sizeof *text);
    uint8_t *exact = malloc((size_t)bidi->length);
    UErrorCode status = U_ZERO_ERROR;
    UBiDi *mixed = NULL;
    const UBiDiLevel *levels;
    bool ok = false;
    if (!text || !exact) {
        log_message(LOG_ERROR, "text", "bidi: out of memory");
        goto done;
    }
    memcpy(text, bidi->text, (size_t)bidi->length * sizeof *text);
    memcpy(text + bidi->length, mixed_paragraph, sizeof mixed_paragraph);
    mixed = ubidi_openSized(length, 0, &status);
    if (icu_failed(status, "ubidi_openSized"))
        goto done;
    ubidi_setPara(mixed, text, length, bidi->requested_level, NULL, &status);
    if (icu_failed(status, "ubidi_setPara"))
        goto done;
    levels = ubidi_getLevels(mixed, &status);
    if (icu_failed(status, "ubidi_getLevels"))
        goto done;
    memcpy(exact, levels, (size_t)bidi->length);
    bidi->exact_levels = exact;
    exact = NULL;
    ok = true;
done:
    if (mixed)
        ubidi_close(mixed);
    free(text);
    free(exact);
    return ok;
}

/* The line's levels after L1, from the paragraph's resolved levels rather
 * than from the line object: ubidi_setLine() reports every level of a line
 * whose levels all have one parity as the (line's) paragraph level, which
 * loses an AN or embedded L at level 2 in a left-to-right line.  Walks the
 * line backwards by code point: the units of a supplementary character
 * share its level. */
static bool copy_line_levels(text_bidi *bidi, int32_t start, int32_t end, uint8_t *line_levels)
{
    if (!bidi->exact_levels && !resolve_exact_levels(bidi))
        return false;
    int32_t length = end - start;
    const UChar *line = bidi->text + start;
    memcpy(line_levels, bidi->exact_levels + start, (size_t)length);
    bool resetting = true; /* the end of the line is where L1 starts */
    for (int32_t i = length; i > 0;) {
        int32_t limit = i;
        UChar32 c;
        U16_PREV(line, 0, i, c);
        UCharDirection direction = u_charDirection(c);
        if (is_separator(direction))
            resetting = true;
        else if (!resets_before_separator(direction))
            resetting = false;
        if (!resetting)
            continue;
        UBiDiLevel level;
        if (!paragraph_level_at(bidi, start + i, &level))
            return false;
        memset(line_levels + i, level, (size_t)(limit - i));
    }
    return true;
}

static bool copy_visual_map(text_bidi *bidi, int32_t start, int32_t length,
                            int32_t *visual_to_logical)
{
    UErrorCode status = U_ZERO_ERROR;
    /* No UBIDI_OPTION_INSERT_MARKS / REMOVE_CONTROLS: the map has exactly
     * one entry per unit of the line. */
    ubidi_getVisualMap(bidi->line, visual_to_logical, &status);
    if (icu_failed(status, "ubidi_getVisualMap"))
        return false;
    for (int32_t i = 0; i < length; i++)
        visual_to_logical[i] += start;
    return true;
}

int32_t text_bidi_reorder_line(text_bidi *bidi, int32_t start, int32_t end, text_bidi_run *runs,
                               int32_t capacity, uint8_t *line_levels, int32_t *visual_to_logical)
{
    if (start < 0 || end < start || end > bidi->length) {
        log_message(LOG_ERROR, "text", "bidi: line [%d, %d) outside paragraph of %d units",
                    (int)start, (int)end, (int)bidi->length);
        return -1;
    }
    if (start == end)
        return 0; /* ICU rejects empty lines; nothing to order anyway */
    if (!set_line(bidi, start, end))
        return -1;
    int32_t count = copy_runs(bidi, start, runs, capacity);
    if (count < 0)
        return -1;
    if (line_levels && !copy_line_levels(bidi, start, end, line_levels))
        return -1;
    if (visual_to_logical && !copy_visual_map(bidi, start, end - start, visual_to_logical))
        return -1;
    return count;
}

/* UAX #9 BD16: at most 63 opening brackets wait for their closing one. */
#define BRACKET_STACK 63

/* BD16 compares brackets under canonical equivalence: U+2329 and U+232A
 * are U+3008 and U+3009. */
static UChar32 canonical_bracket(UChar32 c)
{
    if (c == 0x2329)
        return 0x3008;
    if (c == 0x232A)
        return 0x3009;
    return c;
}

/* Whether the text strictly between the brackets at `open` and `close` is
 * all above the paragraph's level, spaces and format characters (an
 * isolate's LRI and PDI) aside, and not empty.  The units of a
 * supplementary character share one level. */
static bool encloses_gloss(const text_bidi *bidi, int32_t open, int32_t close)
{
    UBiDiLevel paragraph;
    if (!paragraph_level_at(bidi, open, &paragraph))
        return false;
    bool any = false;
    for (int32_t i = open + 1; i < close; i++) {
        int8_t category = u_charType(bidi->text[i]);
        if (category == U_SPACE_SEPARATOR || category == U_FORMAT_CHAR)
            continue;
        if (bidi->levels[i] <= paragraph)
            return false;
        any = true;
    }
    return any;
}

static int compare_pairs(const void *a, const void *b)
{
    int32_t x = ((const text_bidi_pair *)a)->open, y = ((const text_bidi_pair *)b)->open;
    return (x > y) - (x < y);
}

int32_t text_bidi_glosses(const text_bidi *bidi, text_bidi_pair **pairs)
{
    *pairs = NULL;
    struct {
        UChar32 closing; /* the bracket that closes this one, canonical */
        int32_t at;
    } stack[BRACKET_STACK];
    int depth = 0;
    bool stopped = false; /* the stack overflowed: no more pairs in this paragraph */
    text_bidi_pair *found = NULL;
    size_t count = 0, capacity = 0; /* count <= the paragraph's length, an int32_t */
    for (int32_t i = 0; i < bidi->length;) {
        int32_t at = i;
        UChar32 c;
        U16_NEXT(bidi->text, i, bidi->length, c);
        UCharDirection direction = u_charDirection(c);
        if (direction == U_BLOCK_SEPARATOR) { /* brackets pair within a paragraph */
            depth = 0;
            stopped = false;
            continue;
        }
        /* BD14, BD15: a paired bracket whose Bidi_Class is ON. */
        if (stopped || direction != U_OTHER_NEUTRAL)
            continue;
        int32_t type = u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
        if (type == U_BPT_OPEN) {
            if (depth == BRACKET_STACK) {
                stopped = true;
                continue;
            }
            stack[depth].closing = canonical_bracket(u_getBidiPairedBracket(c));
            stack[depth++].at = at;
            continue;
        }
        if (type != U_BPT_CLOSE)
            continue;
        UChar32 closing = canonical_bracket(c);
        int k = depth - 1;
        while (k >= 0 && stack[k].closing != closing)
            k--;
        if (k < 0)
            continue; /* a closing bracket with no opening one */
        depth = k;    /* the pair, and the unclosed brackets inside it, leave the stack */
        if (!encloses_gloss(bidi, stack[k].at, at))
            continue;
        if (!array_grow((void **)&found, count, &capacity, sizeof *found)) {
            log_message(LOG_ERROR, "text", "bidi: out of memory");
            free(found);
            return -1;
        }
        found[count++] = (text_bidi_pair){stack[k].at, at};
    }
    /* Found as they close: inner pairs before the pairs around them. */
    if (count > 1)
        qsort(found, count, sizeof *found, compare_pairs);
    *pairs = found;
    return (int32_t)count;
}
