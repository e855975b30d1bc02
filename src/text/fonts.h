/* fonts.h - the font table and the loaded fonts (internal to the engine).
 *
 * The table (assets/fonts.txt, format in assets/README.md) maps a script and
 * a language to font files in preference order.  Files are opened lazily, on
 * the first cluster that needs them, so a kiosk that never shows Chinese
 * never maps the Chinese font.  A file that cannot be opened is logged once
 * and skipped from then on. */
#ifndef SPORTELLO_TEXT_FONTS_H
#define SPORTELLO_TEXT_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "text.h"

struct text_font {
    char *path; /* as resolved from the table, "#N" suffix included */
    char *file; /* path of the file on disk */
    int face_index;
    bool emboldened; /* "+emboldened": a bold drawn from a regular face (atlas.c) */
    bool tried;      /* opening was attempted */
    bool usable;   /* ... and succeeded */
    hb_font_t *hb; /* shaping; its scale is set per use */
    FT_Face face;  /* rasterizing (atlas.c) */
    int units_per_em;
    int ascender, descender; /* font units, descender negative */
};

typedef struct font_table font_table;

/* Reads the table; on failure returns NULL and a malloc'd "path:line:
 * problem" in *error. */
font_table *font_table_load(const char *path, char **error);
void font_table_free(font_table *table);

/* The fonts to try, in order, for a cluster of `script` (ISO 15924 code,
 * e.g. "Arab") in `language` (primary subtag, e.g. "ur") at `weight`.
 * Returns the number of candidates and points *fonts at an array owned by
 * the table.  Fonts in it may be unusable: check with font_usable(). */
size_t font_table_candidates(font_table *table, const char *script, const char *language,
                             text_weight weight, text_font *const **fonts);

/* Opens the font if not yet tried; true when it can shape and rasterize. */
bool font_usable(font_table *table, text_font *font);

/* true when the font maps `codepoint` to a glyph. */
bool font_has_codepoint(text_font *font, uint32_t codepoint);

/* The FreeType library the table opened its faces with. */
FT_Library font_table_freetype(font_table *table);

/* The distinct fonts of every rule of `weight` (regular ones too for a
 * script with no rule of that weight), in table order: fills up to
 * `capacity` and returns how many there are. */
size_t font_table_weight_fonts(font_table *table, text_weight weight, text_font **fonts,
                               size_t capacity);

#endif
