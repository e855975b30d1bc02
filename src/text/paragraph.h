/* paragraph.h - a paragraph decoded, itemized and shaped once, before any
 * line breaking (internal to the engine).
 *
 * Breaking the same shaped paragraph at another width only needs the
 * per-cluster advances kept here, so this is what the engine caches. */
#ifndef SPORTELLO_TEXT_PARAGRAPH_H
#define SPORTELLO_TEXT_PARAGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "bidi.h"
#include "breaks.h"
#include "fonts.h"
#include "text.h"

typedef struct shaped_glyph {
    uint32_t id;
    int32_t cluster;           /* UTF-16 index of the cluster's first unit */
    float advance;             /* pixels */
    float x_offset, y_offset;  /* pixels, y up (HarfBuzz convention) */
    float ink_top, ink_bottom; /* ink extent, pixels above the baseline, y up,
                                  y_offset included */
    float ink_left, ink_right; /* ink extent, pixels right of the pen, x_offset
                                  included (0, 0 when the glyph has no ink) */
    float pad;                 /* room kept after the glyph, in visual order,
                                  when another glyph follows it on its line:
                                  keep_runs_clear() */
    bool missing;              /* no font has this character: draw a box */
    bool invisible;            /* a control character: takes no room, draws nothing */
} shaped_glyph;

typedef struct shaped_run {
    int32_t start, end; /* UTF-16 range */
    text_font *font;    /* NULL: no usable font at all */
    hb_script_t script;
    uint8_t level;                   /* bidi embedding level; odd = right to left */
    size_t first_glyph, glyph_count; /* in paragraph->glyphs, HarfBuzz order
                                        (visual: clusters descend when RTL) */
    float ascent, descent;           /* font metrics, pixels */
} shaped_run;

/* A logical UTF-16 range [start, end) between two break opportunities. */
typedef struct text_span {
    int32_t start, end;
} text_span;

typedef struct paragraph {
    uint16_t *text; /* UTF-16, invalid UTF-8 replaced by U+FFFD */
    /* What the bidi algorithm reads when it differs from `text`: numbers
     * of several groups kept whole (number_groups_whole()); else NULL. */
    uint16_t *bidi_text;
    int32_t length;
    uint32_t *byte_of; /* length + 1: byte offset in the UTF-8 input */
    size_t byte_length;
    float size;
    bool rtl; /* paragraph direction */
    text_bidi *bidi;
    uint8_t *breaks;       /* length + 1, TEXT_BREAK_* */
    uint8_t *fit;          /* length + 1: 1 where a line may end: a grapheme
                              boundary that is also a HarfBuzz cluster boundary */
    float *advance_before; /* length + 1: sum of the advances of the clusters
                              before each index (valid where fit[i]) */
    /* Bracketed glosses in the other direction (text_bidi_glosses()), each
     * widened to the break opportunities around it: from the last one at or
     * before its opening bracket to the first one after its closing bracket
     * (what is glued to the brackets goes with them), sorted by start.  No
     * mandatory break falls inside one.  A line keeps each whole when it fits
     * (layout.c). */
    text_span *glosses;
    size_t gloss_count;
    shaped_run *runs;
    size_t run_count;
    shaped_glyph *glyphs;
    size_t glyph_count;
    float default_ascent, default_descent; /* for empty lines */
    size_t invalid_utf8, missing_clusters;
} paragraph;

/* Characters no font has are logged once per engine (a kiosk lays the
 * same screens out again and again), up to this many; then one line says
 * that more are not logged. */
#define PARAGRAPH_LOGGED_MISSING 64

typedef struct paragraph_context {
    font_table *fonts;
    text_breaker *breaker;
    hb_buffer_t *buffer;
    uint32_t logged_missing[PARAGRAPH_LOGGED_MISSING];
    size_t logged_missing_count;
} paragraph_context;

/* Decodes, resolves bidi, itemizes, shapes.  `language` is the full tag;
 * `direction` is already resolved from it (LTR, RTL or AUTO for first
 * strong).  Returns NULL only when out of memory. */
paragraph *paragraph_shape(paragraph_context *context, const char *utf8, size_t length,
                           const char *language, text_direction direction, float size,
                           text_weight weight);
void paragraph_free(paragraph *paragraph);

/* Width in pixels of the logical range [from, to), both fit positions. */
static inline float paragraph_width(const paragraph *p, int32_t from, int32_t to)
{
    return p->advance_before[to] - p->advance_before[from];
}

/* The ISO 15924 code ("Latn") of the main script of `language`. */
const char *language_main_script(const char *language, char code[5]);
/* The primary subtag, lower case ("fa-AF" -> "fa"). */
void language_primary(const char *language, char primary[16]);

#endif
