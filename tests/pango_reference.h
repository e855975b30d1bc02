/* pango_reference.h - Pango lays out a paragraph as an independent reference.
 *
 * The agreement test and the text benchmark compare our engine with Pango
 * (PangoFT2 backend: HarfBuzz shaping, Pango's own UAX #14 breaking).  To
 * compare line breaking rather than font choice, the reference loads exactly
 * the font files the engine uses for the language
 * (text_engine_font_files(), regular weight), in the same order, through a
 * private FcConfig: no system font can sneak in.
 *
 * One pango_reference per language: it owns a PangoFT2 font map and a
 * context, reused for every paragraph.  Each call to
 * pango_reference_line_starts() lays the paragraph out with a NEW
 * PangoLayout, as an application that does not keep its layouts would; the
 * benchmark measures that, and says so (gaphor PR #356: reusing layouts made
 * Pango about 10x faster there).
 *
 * Test code, not part of the kiosk: it depends on Pango and GLib, which the
 * program itself does not. */
#ifndef SPORTELLO_TESTS_PANGO_REFERENCE_H
#define SPORTELLO_TESTS_PANGO_REFERENCE_H

#include <stddef.h>

#include "text.h"

typedef struct pango_reference pango_reference;

/* Creates the reference for `language` (BCP 47, as given to
 * text_params_default()).  The base direction is right to left for the
 * languages text_language_is_rtl() says are, else left to right; Pango's
 * automatic direction is off.  Returns NULL on failure with a malloc'd
 * message in *error (the caller frees it): no usable font file, or a file
 * fontconfig cannot read.  `engine` is only read during the call. */
pango_reference *pango_reference_create(text_engine *engine, const char *language, char **error);
void pango_reference_destroy(pango_reference *reference);

/* Number of font files loaded and their family names, in the order of the
 * font description's family list (for diagnostics). */
size_t pango_reference_font_count(const pango_reference *reference);
const char *pango_reference_font_family(const pango_reference *reference, size_t index);
const char *pango_reference_font_path(const pango_reference *reference, size_t index);

/* One line as Pango laid it out. */
typedef struct pango_reference_line {
    size_t start;  /* byte offset of the line's first character */
    size_t length; /* bytes on the line, trailing white space included */
    float width;   /* logical width in pixels (Pango's logical extents) */
} pango_reference_line;

/* Lays out `length` bytes of UTF-8 in a box `width_px` pixels wide at
 * `size_px` pixels per em (wrap mode PANGO_WRAP_WORD_CHAR, unrounded glyph
 * positions), with a fresh PangoLayout.  Stores the byte offset of each
 * line's start in starts[0..capacity) and returns the number of lines (which
 * may exceed capacity: call again with more room).  width_px < 0 means no
 * wrapping. */
size_t pango_reference_line_starts(pango_reference *reference, const char *text, size_t length,
                                   int width_px, float size_px, size_t *starts, size_t capacity);

/* The same layout with each line's length and width, for diagnostics. */
size_t pango_reference_lines(pango_reference *reference, const char *text, size_t length,
                             int width_px, float size_px, pango_reference_line *lines,
                             size_t capacity);

#endif
