/* text.h - Sportello's text engine: one path for every string on screen.
 *
 * UTF-8 paragraph + language + box width + style in, positioned glyph lines
 * out.  The pipeline (text/layout.c):
 *
 *   decode UTF-8 (ill-formed bytes become U+FFFD, logged)
 *   -> bidi levels (ICU ubidi; paragraph direction from the language)
 *   -> itemize by script (Common/Inherited from neighbours) and by font
 *      coverage, cluster by cluster (assets/fonts.txt gives the order)
 *   -> shape each run with HarfBuzz (script, language, direction)
 *   -> line breaks (ICU, UAX #14) fitted on the shaped advances; never
 *      inside a grapheme cluster; overlong words broken at clusters
 *   -> per line: visual order (UAX #9 L1-L4), alignment, ellipsis
 *
 * Rasterization (FreeType, glyph atlas) lives in text/atlas.h and drawing
 * on an SDL_Renderer in text/text_render.h; nothing in this header knows SDL.
 *
 * Lifecycle, in the manner of libraqm:
 *
 *   text_engine *engine = text_engine_create("assets/fonts.txt", &error);
 *   text_params params = text_params_default("ar", 600, 24);
 *   text_layout *layout = text_layout_create(engine, utf8, len, &params);
 *   for (size_t i = 0; i < text_layout_line_count(layout); i++) ...
 *   text_layout_destroy(layout);
 *   text_engine_destroy(engine);
 *
 * Ownership: the caller owns what a _create returns and frees it with the
 * matching _destroy.  Pointers returned by accessors belong to the object
 * they came from and live as long as it does.  Not thread-safe: one engine
 * per thread. */
#ifndef SPORTELLO_TEXT_H
#define SPORTELLO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct text_engine text_engine;
typedef struct text_layout text_layout;
typedef struct text_font text_font;

typedef enum text_weight {
    TEXT_WEIGHT_REGULAR = 400,
    TEXT_WEIGHT_BOLD = 700,
} text_weight;

typedef enum text_align {
    TEXT_ALIGN_START, /* left in a left-to-right paragraph, right in RTL */
    TEXT_ALIGN_CENTER,
    TEXT_ALIGN_END,
} text_align;

typedef enum text_direction {
    TEXT_DIRECTION_AUTO, /* from the language, else the first strong letter */
    TEXT_DIRECTION_LTR,
    TEXT_DIRECTION_RTL,
} text_direction;

/* Box width meaning "never wrap". */
#define TEXT_WIDTH_UNLIMITED (-1)

typedef struct text_params {
    const char *language; /* BCP 47 tag ("ur", "zh-Hans", "fa-AF"); NULL = "und" */
    int width;            /* box width in pixels; < 0: unlimited; 0 behaves as 1 */
    float size;           /* font size in pixels (the em) */
    text_weight weight;
    text_align align;
    text_direction direction;
    int max_lines; /* 0: no limit; otherwise the last line kept ends in an
                      ellipsis at the logical end when text was cut */
} text_params;

/* One positioned glyph.  Coordinates are in pixels, relative to the line's
 * origin: x from the left edge of the box, y from the baseline, y down. */
typedef struct text_glyph {
    const text_font *font; /* NULL when no font file could be loaded */
    uint32_t glyph_id;     /* 0 is .notdef */
    float x, y;            /* pen position plus HarfBuzz offsets */
    float advance;
    uint32_t cluster; /* byte offset in the paragraph of the cluster start */
    bool missing;     /* no font had this character: drawn as a box */
} text_glyph;

typedef struct text_line {
    size_t start, end;        /* byte range of the paragraph on this line */
    float x;                  /* left edge of the first glyph after alignment */
    float baseline;           /* y of the baseline from the layout's top */
    float ascent, descent;    /* above / below the baseline, from font metrics
                                 and the real ink of the glyphs (Nastaliq);
                                 the same on every line of a layout: the
                                 largest of its lines, so the pitch is even */
    float ink_ascent;         /* the ink of this line's own glyphs above and */
    float ink_descent;        /* below its baseline (y up / y down; HarfBuzz
                                 extents, unrounded; both 0 with no ink) */
    float width;              /* advance width, trailing white space excluded */
    bool rtl;                 /* resolved direction of the line's paragraph */
    bool ellipsis;            /* text was cut here and "…" added */
    const text_glyph *glyphs; /* visual order, left to right */
    size_t glyph_count;
} text_line;

/* Creates an engine from a font table (format: assets/README.md).  Font
 * files that cannot be opened are logged once and skipped; an engine with no
 * usable font still works and draws boxes.  Returns NULL only on a table that
 * cannot be read or parsed, with a malloc'd "path:line: problem" in *error
 * (the caller frees it). */
text_engine *text_engine_create(const char *font_table_path, char **error);
void text_engine_destroy(text_engine *engine);

/* Drops cached shaped paragraphs and layouts (benchmarks use it to measure
 * the uncached path).  Layouts the caller holds stay valid. */
void text_engine_clear_caches(text_engine *engine);

/* Sets how many layouts and shaped paragraphs are cached (0 disables). */
void text_engine_set_cache_size(text_engine *engine, size_t layouts, size_t paragraphs);

/* Counters for tests and benchmarks. */
typedef struct text_engine_stats {
    size_t layout_cache_hits, layout_cache_misses;
    size_t shape_cache_hits, shape_cache_misses;
    size_t missing_glyphs; /* clusters no font could show */
    size_t invalid_utf8;   /* ill-formed sequences replaced */
} text_engine_stats;
text_engine_stats text_engine_get_stats(const text_engine *engine);

/* Reasonable defaults: start alignment, auto direction, regular weight. */
text_params text_params_default(const char *language, int width, float size);

/* Lays out `length` bytes of UTF-8 (need not be NUL-terminated).  Never
 * returns NULL except when out of memory.  A layout is immutable and may be
 * shared with the engine's cache; destroy it when done. */
text_layout *text_layout_create(text_engine *engine, const char *utf8, size_t length,
                                const text_params *params);
void text_layout_destroy(text_layout *layout);
/* One more reference to `layout` for a second holder (the text renderer's
 * line cache keeps the layouts it has pixels of, so a layout's address can
 * never be reused while they are cached).  Each retain is matched by one
 * text_layout_destroy.  Returns `layout`. */
text_layout *text_layout_retain(const text_layout *layout);

size_t text_layout_line_count(const text_layout *layout);
const text_line *text_layout_line(const text_layout *layout, size_t index);
/* Total height in pixels: from the top of the first line's ascent to the
 * bottom of the last line's descent. */
float text_layout_height(const text_layout *layout);
/* The ink of the layout's glyphs, in pixels from the layout's top: the top
 * of the first inked line's ink and the bottom of the last one's.  A label
 * centred by it sits in the middle of its box in any script (Nastaliq rises
 * far above its line's middle, Latin capitals sit high in theirs).  False,
 * and nothing set, for a layout with no ink. */
bool text_layout_ink(const text_layout *layout, float *top, float *bottom);
/* Widest line in pixels. */
float text_layout_width(const text_layout *layout);
bool text_layout_rtl(const text_layout *layout);

/* The font size the layout was made at (pixels per em). */
float text_layout_size(const text_layout *layout);

/* Font facts for the drawing step and tests: the file (as in the font table,
 * with "#N" for a face of a collection) and its face index. */
const char *text_font_path(const text_font *font);
int text_font_face_index(const text_font *font);

/* The ink box of a glyph of a layout made at `size`, in the coordinates of
 * its line: x as the glyph's x, y down from the baseline (the glyph's y
 * included), from the font's glyph extents.  False, and nothing set, for a
 * glyph with no ink (a space) or no font. */
bool text_glyph_ink(const text_glyph *glyph, float size, float *left, float *top, float *right,
                    float *bottom);

/* Returns the file name of the font the engine would use for `script`
 * (ISO 15924, "Arab") in `language`, or NULL.  For tests and diagnostics. */
const char *text_engine_font_for(text_engine *engine, const char *language, const char *script,
                                 text_weight weight);

/* Lists the usable font files for `language` at `weight`, in the order the
 * engine tries them for the language's own script(s), then the fallbacks,
 * each file once.  Fills up to `capacity` paths (owned by the engine) and
 * returns how many exist.  The Pango reference uses it to load the very
 * same files. */
size_t text_engine_font_files(text_engine *engine, const char *language, text_weight weight,
                              const char **paths, size_t capacity);

/* Wraps `utf8` in directional isolates so it keeps its own order inside a
 * paragraph of the other direction (UAX #9 X5a-X5c): LRI ... PDI for
 * TEXT_DIRECTION_LTR (phone numbers, e-mail addresses, Italian street
 * names), RLI ... PDI for RTL, FSI ... PDI for AUTO.  Returns a malloc'd
 * NUL-terminated string the caller frees; NULL when out of memory. */
char *text_isolate(const char *utf8, text_direction direction);

/* Appends `piece`, isolated as text_isolate() does, to the malloc'd string
 * *buffer (which may be NULL), growing it.  Returns false when out of memory,
 * leaving *buffer as it was. */
bool text_append_isolated(char **buffer, const char *piece, text_direction direction);

/* true when the language is written right to left (ICU locale data). */
bool text_language_is_rtl(const char *language);

#endif
