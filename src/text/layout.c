/* layout.c - the engine object, line breaking and line placement.
 *
 * A layout is made from a shaped paragraph (paragraph.c): lines are fitted
 * greedily on the shaped advances at the break opportunities of UAX #14,
 * each line is reordered for display (UAX #9 L1-L2; HarfBuzz mirrored the
 * right-to-left runs, L4), aligned, and its height taken from the fonts and
 * the real ink of its glyphs. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utf16.h>

#include "cache.h"
#include "log.h"
#include "paragraph.h"
#include "text.h"

/* Both caches are bounded in entries only: their values cost 0. */
#define DEFAULT_LAYOUT_CACHE 512
#define DEFAULT_PARAGRAPH_CACHE 256

struct text_engine {
    paragraph_context context;
    lru_cache *layouts;
    lru_cache *paragraphs;
    text_engine_stats stats;
};

struct text_layout {
    int references;
    float size;
    bool rtl;
    float width, height;
    text_line *lines;
    size_t line_count;
    text_glyph *glyphs;
    size_t glyph_count;
};

/* ---- engine ---------------------------------------------------------- */

static void release_layout(void *value)
{
    text_layout_destroy(value);
}

static void release_paragraph(void *value)
{
    paragraph_free(value);
}

text_engine *text_engine_create(const char *font_table_path, char **error)
{
    *error = NULL;
    text_engine *engine = calloc(1, sizeof *engine);
    if (!engine) {
        *error = strdup("out of memory");
        return NULL;
    }
    engine->context.fonts = font_table_load(font_table_path, error);
    if (!engine->context.fonts) {
        free(engine);
        return NULL;
    }
    engine->context.breaker = text_breaker_create();
    engine->context.buffer = hb_buffer_create();
    engine->layouts = lru_cache_create(DEFAULT_LAYOUT_CACHE, release_layout);
    engine->paragraphs = lru_cache_create(DEFAULT_PARAGRAPH_CACHE, release_paragraph);
    if (!engine->context.breaker || !hb_buffer_allocation_successful(engine->context.buffer) ||
        !engine->layouts || !engine->paragraphs) {
        text_engine_destroy(engine);
        *error = strdup("out of memory");
        return NULL;
    }
    return engine;
}

void text_engine_destroy(text_engine *engine)
{
    if (!engine)
        return;
    lru_cache_destroy(engine->layouts);
    lru_cache_destroy(engine->paragraphs);
    hb_buffer_destroy(engine->context.buffer);
    text_breaker_destroy(engine->context.breaker);
    font_table_free(engine->context.fonts);
    free(engine);
}

void text_engine_clear_caches(text_engine *engine)
{
    lru_cache_clear(engine->layouts);
    lru_cache_clear(engine->paragraphs);
}

void text_engine_set_cache_size(text_engine *engine, size_t layouts, size_t paragraphs)
{
    lru_cache_set_capacity(engine->layouts, layouts);
    lru_cache_set_capacity(engine->paragraphs, paragraphs);
}

text_engine_stats text_engine_get_stats(const text_engine *engine)
{
    return engine->stats;
}

text_params text_params_default(const char *language, int width, float size)
{
    text_params params = {
        .language = language,
        .width = width,
        .size = size,
        .weight = TEXT_WEIGHT_REGULAR,
        .align = TEXT_ALIGN_START,
        .direction = TEXT_DIRECTION_AUTO,
        .max_lines = 0,
    };
    return params;
}

bool text_language_is_rtl(const char *language)
{
    return language && *language && uloc_isRightToLeft(language);
}

const char *text_engine_font_for(text_engine *engine, const char *language, const char *script,
                                 text_weight weight)
{
    char primary[16];
    language_primary(language, primary);
    text_font *const *fonts;
    size_t count = font_table_candidates(engine->context.fonts, script, primary, weight, &fonts);
    for (size_t i = 0; i < count; i++)
        if (font_usable(engine->context.fonts, fonts[i]))
            return fonts[i]->path;
    return NULL;
}

size_t text_engine_font_files(text_engine *engine, const char *language, text_weight weight,
                              const char **paths, size_t capacity)
{
    char primary[16], script[5];
    language_primary(language, primary);
    font_table *table = engine->context.fonts;
    /* The language's own script first, then the other scripts' fonts of
     * this weight (they draw its mixed-in words), each file once. */
    text_font *const *own;
    size_t own_count =
        font_table_candidates(table, language_main_script(language, script), primary, weight, &own);
    text_font *others[256];
    size_t other_count = font_table_weight_fonts(table, weight, others, 256);
    if (other_count > 256)
        other_count = 256;
    const char *seen[512];
    size_t found = 0;
    for (size_t i = 0; i < own_count + other_count; i++) {
        text_font *font = i < own_count ? own[i] : others[i - own_count];
        if (!font_usable(table, font))
            continue;
        bool duplicate = false;
        for (size_t k = 0; k < found && k < 512 && !duplicate; k++)
            duplicate = strcmp(seen[k], font->path) == 0;
        if (duplicate)
            continue;
        if (found < 512)
            seen[found] = font->path;
        if (found < capacity)
            paths[found] = font->path;
        found++;
    }
    return found;
}

/* ---- keys ------------------------------------------------------------ */

typedef struct key_header {
    float size;
    int weight, direction, width, align, max_lines;
    char language[32];
} key_header;

/* Builds header + text into a malloc'd key.  Width, alignment and line
 * limit are zeroed for the paragraph key: shaping does not depend on them. */
static unsigned char *make_key(const char *utf8, size_t length, const text_params *params,
                               bool for_paragraph, size_t *key_length)
{
    key_header header;
    memset(&header, 0, sizeof header);
    header.size = params->size;
    header.weight = params->weight;
    header.direction = params->direction;
    if (!for_paragraph) {
        header.width = params->width;
        header.align = params->align;
        header.max_lines = params->max_lines;
    }
    snprintf(header.language, sizeof header.language, "%s",
             params->language ? params->language : "");
    unsigned char *key = malloc(sizeof header + length);
    if (!key)
        return NULL;
    memcpy(key, &header, sizeof header);
    if (length)
        memcpy(key + sizeof header, utf8, length);
    *key_length = sizeof header + length;
    return key;
}

/* ---- line breaking ------------------------------------------------------ */

static bool is_trailing_space(uint16_t c)
{
    return c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
           c == 0x2028 || c == 0x2029 || u_charType(c) == U_SPACE_SEPARATOR;
}

/* End of the visible part of [start, end): trailing white space and the
 * line's own newline take no room (UAX #14 lets spaces hang). */
static int32_t content_end(const paragraph *p, int32_t start, int32_t end)
{
    while (end > start && is_trailing_space(p->text[end - 1]))
        end--;
    return end;
}

/* The first fit position after `from`: at least one whole cluster. */
static int32_t next_fit(const paragraph *p, int32_t from)
{
    int32_t i = from + 1;
    while (i < p->length && !p->fit[i])
        i++;
    return i;
}

/* A line that would end at `end`, inside a bracketed gloss in the other
 * direction (paragraph.h) that opens on this line after `start`, ends
 * before the gloss instead when the gloss fits a line of its own: never
 * "permesso di)" at the end of one line and "(soggiorno" at the start of the
 * next.  Nested glosses: the outermost that fits.  A gloss wider than the
 * box is broken inside, at its own opportunities (UAX #14 keeps each
 * bracket with its word: OP SP* ×, × CP). */
static int32_t keep_gloss_whole(const paragraph *p, int32_t start, int32_t end, float width)
{
    /* the glosses that start before `end` */
    size_t low = 0, high = p->gloss_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (p->glosses[middle].start < end)
            low = middle + 1;
        else
            high = middle;
    }
    int32_t kept = end;
    for (size_t k = low; k-- > 0 && p->glosses[k].start > start;) {
        const text_span *gloss = &p->glosses[k];
        if (gloss->end > end &&
            paragraph_width(p, gloss->start, content_end(p, gloss->start, gloss->end)) <= width)
            kept = gloss->start;
    }
    return kept;
}

/* Whether a break at `at`, inside a word, would part a bracket or a
 * punctuation mark from the letters UAX #14 keeps it with: after an opening
 * bracket (OP ×), before a closing one or a mark such as "." or "!" (× CL,
 * × CP, × EX, × IS): "(" alone at the end of a line, ")" or "." alone at the
 * start of the next. */
static bool strands_punctuation(const paragraph *p, int32_t at)
{
    if (at <= 0 || at >= p->length)
        return false;
    UChar32 before, after;
    U16_GET(p->text, 0, at - 1, p->length, before);
    U16_GET(p->text, 0, at, p->length, after);
    int32_t lb = u_getIntPropertyValue(after, UCHAR_LINE_BREAK);
    return u_getIntPropertyValue(before, UCHAR_LINE_BREAK) == U_LB_OPEN_PUNCTUATION ||
           lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS || lb == U_LB_EXCLAMATION ||
           lb == U_LB_INFIX_NUMERIC;
}

/* Where the line starting at `start` ends, for a box `width` wide.  Greedy:
 * the last break opportunity whose content fits, moved back before a
 * bracketed gloss that it would split (keep_gloss_whole()); a mandatory
 * break ends the line; when not even the first word fits, the word is
 * broken at the last cluster boundary that fits and strands no punctuation
 * (at least one cluster per line). */
static int32_t line_end(const paragraph *p, int32_t start, float width)
{
    int32_t best = -1;
    for (int32_t i = start + 1; i <= p->length; i++) {
        if (!p->fit[i])
            continue;
        /* Widths only grow: past the box, no later break can fit.  Spaces
         * are checked at the break after them, where they hang. */
        if (!is_trailing_space(p->text[i - 1]) && paragraph_width(p, start, i) > width)
            break;
        if (p->breaks[i] == TEXT_BREAK_NONE)
            continue;
        best = i;
        if (p->breaks[i] == TEXT_BREAK_MANDATORY)
            return i;
    }
    if (best >= 0)
        return p->gloss_count ? keep_gloss_whole(p, start, best, width) : best;
    /* Emergency break inside a word too wide for the box: at the last
     * cluster boundary that fits and leaves no bracket or punctuation
     * alone, else at the last that fits; never before the first cluster. */
    int32_t end = next_fit(p, start), tidy = strands_punctuation(p, end) ? -1 : end;
    while (end < p->length && p->breaks[end] != TEXT_BREAK_MANDATORY) {
        int32_t next = next_fit(p, end);
        if (paragraph_width(p, start, next) > width)
            break;
        end = next;
        if (!strands_punctuation(p, end))
            tidy = end;
    }
    return tidy >= 0 ? tidy : end;
}

/* ---- building a layout -------------------------------------------------- */

typedef struct builder {
    text_layout *layout;
    size_t line_capacity, glyph_capacity;
    size_t *line_first_glyph; /* glyph index per line, fixed up at the end */
    text_bidi_run *runs;
    int32_t run_capacity;
    float pending_pad; /* the pad of the last glyph placed: room before the next */
} builder;

static bool reserve_glyphs(builder *b, size_t more)
{
    text_layout *layout = b->layout;
    if (layout->glyph_count + more <= b->glyph_capacity)
        return true;
    size_t wanted = b->glyph_capacity ? b->glyph_capacity : 64;
    while (wanted < layout->glyph_count + more)
        wanted *= 2;
    text_glyph *bigger = realloc(layout->glyphs, wanted * sizeof *bigger);
    if (!bigger)
        return false;
    layout->glyphs = bigger;
    b->glyph_capacity = wanted;
    return true;
}

static text_line *add_line(builder *b)
{
    text_layout *layout = b->layout;
    if (layout->line_count == b->line_capacity) {
        size_t wanted = b->line_capacity ? b->line_capacity * 2 : 8;
        text_line *lines = realloc(layout->lines, wanted * sizeof *lines);
        size_t *firsts = realloc(b->line_first_glyph, wanted * sizeof *firsts);
        if (lines)
            layout->lines = lines;
        if (firsts)
            b->line_first_glyph = firsts;
        if (!lines || !firsts)
            return NULL;
        b->line_capacity = wanted;
    }
    text_line *line = &layout->lines[layout->line_count];
    memset(line, 0, sizeof *line);
    b->line_first_glyph[layout->line_count++] = layout->glyph_count;
    return line;
}

/* The first run whose end is past `index` (runs are in logical order). */
static size_t find_run(const paragraph *p, int32_t index)
{
    size_t low = 0, high = p->run_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (p->runs[middle].end <= index)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

static bool cluster_in(int32_t cluster, int32_t from, int32_t to)
{
    return cluster >= from && cluster < to;
}

/* Appends the glyphs of `run` whose cluster lies in [from, to), in the
 * run's visual order.  Clusters are monotonic in a run (rising when LTR,
 * falling when RTL), so the range is found by binary search. */
static bool emit_run_glyphs(builder *b, const paragraph *p, const shaped_run *run, int32_t from,
                            int32_t to, float *pen, text_line *line)
{
    const shaped_glyph *g = p->glyphs + run->first_glyph;
    size_t count = run->glyph_count;
    bool falling = run->level & 1;
    /* first glyph index inside the range */
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        bool before = falling ? g[middle].cluster >= to : g[middle].cluster < from;
        if (before)
            low = middle + 1;
        else
            high = middle;
    }
    if (!reserve_glyphs(b, count - low))
        return false;
    for (size_t i = low; i < count && cluster_in(g[i].cluster, from, to); i++) {
        const shaped_glyph *s = &g[i];
        if (s->invisible)
            continue;
        /* A glyph's pad (paragraph.c, keep_runs_clear()) separates it from
         * the glyph after it; at the end of a line it is dropped. */
        *pen += b->pending_pad;
        b->pending_pad = s->pad;
        text_glyph *out = &b->layout->glyphs[b->layout->glyph_count++];
        out->font = run->font;
        out->glyph_id = s->id;
        out->x = *pen + s->x_offset;
        out->y = -s->y_offset;
        out->advance = s->advance;
        out->cluster = p->byte_of[s->cluster];
        out->missing = s->missing;
        *pen += s->advance;
        line->ascent = fmaxf(line->ascent, fmaxf(run->ascent, s->ink_top));
        line->descent = fmaxf(line->descent, fmaxf(run->descent, -s->ink_bottom));
        if (s->ink_top != s->ink_bottom) { /* a space has no ink */
            line->ink_ascent = fmaxf(line->ink_ascent, s->ink_top);
            line->ink_descent = fmaxf(line->ink_descent, -s->ink_bottom);
        }
    }
    return true;
}

/* Places the glyphs of the logical range [start, end) of the paragraph in
 * visual order on `line`. */
static bool place_line(builder *b, const paragraph *p, int32_t start, int32_t end, text_line *line)
{
    line->ascent = p->default_ascent;
    line->descent = p->default_descent;
    line->ink_ascent = line->ink_descent = -INFINITY; /* no ink yet (finish() makes it 0) */
    int32_t visible_end = content_end(p, start, end);
    if (visible_end == start)
        return true;
    int32_t count =
        text_bidi_reorder_line(p->bidi, start, visible_end, b->runs, b->run_capacity, NULL, NULL);
    if (count > b->run_capacity) {
        text_bidi_run *bigger = realloc(b->runs, (size_t)count * sizeof *bigger);
        if (!bigger)
            return false;
        b->runs = bigger;
        b->run_capacity = count;
        count = text_bidi_reorder_line(p->bidi, start, visible_end, b->runs, count, NULL, NULL);
    }
    if (count < 0)
        return false;
    float pen = 0;
    b->pending_pad = 0;
    for (int32_t v = 0; v < count; v++) {
        int32_t from = b->runs[v].start, to = from + b->runs[v].length;
        size_t first = find_run(p, from), last = find_run(p, to - 1);
        for (size_t k = 0; k <= last - first; k++) {
            /* A right-to-left visual run shows its logical runs last first. */
            const shaped_run *run = &p->runs[b->runs[v].rtl ? last - k : first + k];
            int32_t a = run->start > from ? run->start : from;
            int32_t z = run->end < to ? run->end : to;
            if (!emit_run_glyphs(b, p, run, a, z, &pen, line))
                return false;
        }
    }
    line->width = pen;
    return true;
}

static void align_lines(text_layout *layout, float box, text_align align)
{
    for (size_t i = 0; i < layout->line_count; i++) {
        text_line *line = &layout->lines[i];
        float room = box - line->width;
        float x = 0;
        bool right = (align == TEXT_ALIGN_START) == line->rtl;
        if (align == TEXT_ALIGN_CENTER)
            x = room / 2;
        else if (right)
            x = room;
        line->x = x;
        for (size_t g = 0; g < line->glyph_count; g++)
            ((text_glyph *)line->glyphs)[g].x += x;
    }
}

/* Fixes glyph pointers and baselines once all lines exist.  Every line of
 * the paragraph gets the same ascent and descent, the largest of its lines
 * (the metrics of every font on them and the ink of their glyphs): the line
 * pitch stays the same through a paragraph whose lines use different fonts
 * (a Bengali paragraph with one line of Latin words). */
static void finish(builder *b, float box, text_align align)
{
    text_layout *layout = b->layout;
    float y = 0, widest = 0, ascent = 0, descent = 0;
    for (size_t i = 0; i < layout->line_count; i++) {
        ascent = fmaxf(ascent, layout->lines[i].ascent);
        descent = fmaxf(descent, layout->lines[i].descent);
    }
    /* Whole pixels: baselines land on pixel rows, so the rasterized ink
     * (whose bitmap rows are whole pixels too) stays inside the line. */
    ascent = ceilf(ascent);
    descent = ceilf(descent);
    for (size_t i = 0; i < layout->line_count; i++) {
        text_line *line = &layout->lines[i];
        size_t first = b->line_first_glyph[i];
        size_t next = i + 1 < layout->line_count ? b->line_first_glyph[i + 1] : layout->glyph_count;
        /* a paragraph of line breaks only has lines but no glyph array */
        line->glyphs = next > first ? layout->glyphs + first : NULL;
        line->glyph_count = next - first;
        line->ascent = ascent;
        line->descent = descent;
        if (line->ink_ascent == -INFINITY || line->ink_descent == -INFINITY)
            line->ink_ascent = line->ink_descent = 0;
        line->baseline = y + line->ascent;
        y = line->baseline + line->descent;
        widest = fmaxf(widest, line->width);
    }
    layout->height = y;
    layout->width = widest;
    align_lines(layout, box < 0 ? widest : box, align);
}

/* The shaped paragraph, from the shape cache or shaped now (then cached
 * when `cache`; *owned says whether the caller must free it).  A nested
 * layout made while an outer one holds a cached paragraph must not cache:
 * putting into a full cache evicts, and may free the outer paragraph. */
static paragraph *get_paragraph(text_engine *engine, const char *utf8, size_t length,
                                const text_params *params, text_direction direction, bool cache,
                                bool *owned)
{
    size_t key_length = 0;
    unsigned char *key = cache ? make_key(utf8, length, params, true, &key_length) : NULL;
    paragraph *p = key ? lru_cache_get(engine->paragraphs, key, key_length) : NULL;
    *owned = false;
    if (p) {
        engine->stats.shape_cache_hits++;
    } else {
        engine->stats.shape_cache_misses++;
        p = paragraph_shape(&engine->context, utf8, length, params->language, direction,
                            params->size, params->weight);
        if (p) {
            engine->stats.invalid_utf8 += p->invalid_utf8;
            engine->stats.missing_glyphs += p->missing_clusters;
        }
        if (p && !(key && lru_cache_put(engine->paragraphs, key, key_length, p, 0)))
            *owned = true;
    }
    free(key);
    return p;
}

static text_direction resolve_direction(const text_params *params)
{
    if (params->direction != TEXT_DIRECTION_AUTO)
        return params->direction;
    char primary[16];
    language_primary(params->language, primary);
    if (strcmp(primary, "und") == 0)
        return TEXT_DIRECTION_AUTO;
    return text_language_is_rtl(params->language) ? TEXT_DIRECTION_RTL : TEXT_DIRECTION_LTR;
}

static text_layout *layout_uncached(text_engine *engine, const char *utf8, size_t length,
                                    const text_params *params, bool cache);

/* Where to cut the last kept line so that `room` pixels hold it: at the
 * last word boundary that fits, or inside the first word at a cluster when
 * not even it fits.  Stops at a mandatory break. */
static int32_t ellipsis_cut(const paragraph *p, int32_t start, float room)
{
    int32_t word = -1, cluster = start;
    for (int32_t i = next_fit(p, start); i <= p->length; i = next_fit(p, i)) {
        if (paragraph_width(p, start, content_end(p, start, i)) > room)
            break;
        cluster = i;
        if (p->breaks[i] != TEXT_BREAK_NONE)
            word = i;
        if (i == p->length || p->breaks[i] == TEXT_BREAK_MANDATORY)
            break;
    }
    return content_end(p, start, word > start ? word : cluster);
}

/* The paragraph's text [start, cut) followed by "…", laid out as one line
 * of the paragraph's direction (the ellipsis lands at the logical end: on
 * the left of a right-to-left line). */
static text_layout *ellipsized(text_engine *engine, const paragraph *p, const char *utf8,
                               int32_t start, int32_t cut, const text_params *single)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t from = p->byte_of[start], to = p->byte_of[cut];
    char *text = malloc(to - from + sizeof ellipsis);
    if (!text)
        return NULL;
    memcpy(text, utf8 + from, to - from);
    memcpy(text + (to - from), ellipsis, sizeof ellipsis);
    text_layout *layout = layout_uncached(engine, text, to - from + 3, single, false);
    free(text);
    return layout;
}

/* Adds the last kept line, cut so that it and "…" fit the box.  The cut
 * text is shaped anew (an Arabic letter before the cut takes its final
 * form, which may be wider), so the cut moves back until it really fits. */
static bool add_ellipsis_line(text_engine *engine, builder *b, const paragraph *p, const char *utf8,
                              int32_t start, float box, const text_params *params, bool rtl)
{
    text_params single = *params;
    single.width = TEXT_WIDTH_UNLIMITED;
    single.max_lines = 0;
    single.align = TEXT_ALIGN_START;
    single.direction = rtl ? TEXT_DIRECTION_RTL : TEXT_DIRECTION_LTR;
    text_layout *mark = layout_uncached(engine, "\xE2\x80\xA6", 3, &single, false);
    float room = box - (mark ? mark->width : 0);
    text_layout_destroy(mark);
    int32_t cut = ellipsis_cut(p, start, room);
    text_layout *cut_layout = ellipsized(engine, p, utf8, start, cut, &single);
    while (cut_layout && cut > start && cut_layout->width > box) {
        text_layout_destroy(cut_layout);
        int32_t back = cut - 1;
        while (back > start && !p->fit[back])
            back--;
        cut = content_end(p, start, back);
        cut_layout = ellipsized(engine, p, utf8, start, cut, &single);
    }
    text_line *line = add_line(b);
    if (!cut_layout || !line || !reserve_glyphs(b, cut_layout->glyph_count)) {
        text_layout_destroy(cut_layout);
        return false;
    }
    const text_line *source = &cut_layout->lines[0];
    size_t from = p->byte_of[start], to = p->byte_of[cut];
    line->start = from;
    line->end = p->byte_length;
    line->ascent = source->ascent;
    line->descent = source->descent;
    line->ink_ascent = source->ink_ascent;
    line->ink_descent = source->ink_descent;
    line->width = source->width;
    line->rtl = rtl;
    line->ellipsis = true;
    for (size_t g = 0; g < source->glyph_count; g++) {
        text_glyph glyph = source->glyphs[g];
        glyph.x -= source->x;
        /* Clusters point into the cut text; map them back (the ellipsis
         * itself points at the cut). */
        glyph.cluster = glyph.cluster < to - from ? glyph.cluster + (uint32_t)from : (uint32_t)to;
        b->layout->glyphs[b->layout->glyph_count++] = glyph;
    }
    text_layout_destroy(cut_layout);
    return true;
}

static text_layout *layout_uncached(text_engine *engine, const char *utf8, size_t length,
                                    const text_params *params, bool cache)
{
    bool owned;
    paragraph *p =
        get_paragraph(engine, utf8, length, params, resolve_direction(params), cache, &owned);
    text_layout *layout = calloc(1, sizeof *layout);
    builder b = {.layout = layout};
    if (!p || !layout)
        goto fail;
    layout->references = 1;
    layout->size = params->size;
    layout->rtl = p->rtl;
    float box = params->width < 0 ? INFINITY : (float)(params->width < 1 ? 1 : params->width);
    int32_t start = 0;
    while (start < p->length) {
        int32_t end = line_end(p, start, box);
        bool cut = params->max_lines > 0 && (int)layout->line_count == params->max_lines - 1 &&
                   end < p->length;
        if (cut) {
            if (!add_ellipsis_line(engine, &b, p, utf8, start, box, params, p->rtl))
                goto fail;
            break;
        }
        text_line *line = add_line(&b);
        if (!line)
            goto fail;
        line->start = p->byte_of[start];
        line->end = p->byte_of[end];
        line->rtl = p->rtl;
        if (!place_line(&b, p, start, end, line))
            goto fail;
        start = end;
    }
    finish(&b, params->width < 0 ? -1 : box, params->align);
    free(b.line_first_glyph);
    free(b.runs);
    if (owned)
        paragraph_free(p);
    return layout;
fail:
    free(b.line_first_glyph);
    free(b.runs);
    if (owned)
        paragraph_free(p);
    if (layout) {
        layout->references = 1;
        text_layout_destroy(layout);
    }
    return NULL;
}

text_layout *text_layout_create(text_engine *engine, const char *utf8, size_t length,
                                const text_params *params)
{
    if (!utf8)
        length = 0;
    text_params fixed = *params;
    if (!(fixed.size > 0) || fixed.size > 1000)
        fixed.size = fixed.size > 1000 ? 1000 : 16;
    size_t key_length;
    unsigned char *key = make_key(utf8, length, &fixed, false, &key_length);
    text_layout *layout = key ? lru_cache_get(engine->layouts, key, key_length) : NULL;
    if (layout) {
        engine->stats.layout_cache_hits++;
        layout->references++;
        free(key);
        return layout;
    }
    engine->stats.layout_cache_misses++;
    layout = layout_uncached(engine, utf8 ? utf8 : "", length, &fixed, true);
    if (layout && key && lru_cache_put(engine->layouts, key, key_length, layout, 0))
        layout->references++;
    free(key);
    return layout;
}

void text_layout_destroy(text_layout *layout)
{
    if (!layout || --layout->references > 0)
        return;
    free(layout->lines);
    free(layout->glyphs);
    free(layout);
}

text_layout *text_layout_retain(const text_layout *layout)
{
    /* The count is bookkeeping, not part of the immutable layout. */
    text_layout *shared = (text_layout *)layout;
    shared->references++;
    return shared;
}

size_t text_layout_line_count(const text_layout *layout)
{
    return layout->line_count;
}

const text_line *text_layout_line(const text_layout *layout, size_t index)
{
    return index < layout->line_count ? &layout->lines[index] : NULL;
}

float text_layout_height(const text_layout *layout)
{
    return layout->height;
}

bool text_layout_ink(const text_layout *layout, float *top, float *bottom)
{
    size_t first = 0, last = layout->line_count;
    while (first < layout->line_count && layout->lines[first].ink_ascent == 0 &&
           layout->lines[first].ink_descent == 0)
        first++;
    while (last > first && layout->lines[last - 1].ink_ascent == 0 &&
           layout->lines[last - 1].ink_descent == 0)
        last--;
    if (first == last)
        return false;
    *top = layout->lines[first].baseline - layout->lines[first].ink_ascent;
    *bottom = layout->lines[last - 1].baseline + layout->lines[last - 1].ink_descent;
    return true;
}

float text_layout_width(const text_layout *layout)
{
    return layout->width;
}

bool text_layout_rtl(const text_layout *layout)
{
    return layout->rtl;
}

float text_layout_size(const text_layout *layout)
{
    return layout->size;
}
