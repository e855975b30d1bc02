/* paragraph.c - decode, bidi, itemize and shape one paragraph (see
 * paragraph.h).  Line breaking and placement are in layout.c. */
#include "paragraph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "log.h"

/* HarfBuzz scale: units per pixel. */
#define SHAPE_UNITS 1024.0f

/* Longest paragraph accepted, in bytes; ICU indexes with int32_t. */
#define PARAGRAPH_MAX_BYTES (64u * 1024u * 1024u)

void language_primary(const char *language, char primary[16])
{
    size_t n = 0;
    if (language)
        while (n < 15 && language[n] && language[n] != '-' && language[n] != '_') {
            char c = language[n];
            primary[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    primary[n] = '\0';
    if (n == 0)
        strcpy(primary, "und");
}

const char *language_main_script(const char *language, char code[5])
{
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode scripts[8];
    int32_t count = uscript_getCode(language ? language : "und", scripts, 8, &status);
    UScriptCode script = (U_SUCCESS(status) && count > 0) ? scripts[0] : USCRIPT_LATIN;
    if (script == USCRIPT_SIMPLIFIED_HAN || script == USCRIPT_TRADITIONAL_HAN)
        script = USCRIPT_HAN;
    const char *name = uscript_getShortName(script);
    snprintf(code, 5, "%s", name && strlen(name) == 4 ? name : "Latn");
    return code;
}

/* UTF-8 to UTF-16, remembering where each unit came from.  Ill-formed
 * sequences become one U+FFFD each (ICU's maximal-subpart rule). */
static bool decode(paragraph *p, const char *utf8, size_t length)
{
    if (length > PARAGRAPH_MAX_BYTES) {
        log_message(LOG_WARNING, "text", "paragraph of %zu bytes cut to %u", length,
                    PARAGRAPH_MAX_BYTES);
        length = PARAGRAPH_MAX_BYTES;
    }
    p->text = malloc((length + 1) * sizeof *p->text);
    p->byte_of = malloc((length + 1) * sizeof *p->byte_of);
    if (!p->text || !p->byte_of)
        return false;
    const uint8_t *bytes = (const uint8_t *)utf8;
    int32_t i = 0, n = 0, total = (int32_t)length;
    while (i < total) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, total, c);
        if (c < 0) {
            if (p->invalid_utf8 == 0)
                log_message(LOG_WARNING, "text", "invalid UTF-8 at byte %d: shown as U+FFFD",
                            (int)start);
            p->invalid_utf8++;
            c = 0xFFFD;
        }
        if (U16_LENGTH(c) == 2) {
            p->byte_of[n] = (uint32_t)start;
            p->text[n++] = U16_LEAD(c);
            p->byte_of[n] = (uint32_t)start;
            p->text[n++] = U16_TRAIL(c);
        } else {
            p->byte_of[n] = (uint32_t)start;
            p->text[n++] = (uint16_t)c;
        }
    }
    p->byte_of[n] = (uint32_t)length;
    p->length = n;
    p->byte_length = length;
    return true;
}

static bool is_control(UChar32 c)
{
    return u_charType(c) == U_CONTROL_CHAR || c == 0x2028 || c == 0x2029;
}

/* The script a Common or Inherited character takes after `previous`: that
 * script when its Script Extensions include it (or it has none), else the
 * language's script when they include that, else the first they name
 * (U+060C ARABIC COMMA after Latin text is Arabic). */
static UScriptCode resolve_neutral(UChar32 c, UScriptCode script, UScriptCode previous,
                                   UScriptCode preferred)
{
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode extensions[64];
    int32_t count = uscript_getScriptExtensions(c, extensions, 64, &status);
    bool plain =
        U_FAILURE(status) || count <= 0 ||
        (count == 1 && (extensions[0] == USCRIPT_COMMON || extensions[0] == USCRIPT_INHERITED));
    if (previous != USCRIPT_COMMON && (plain || uscript_hasScript(c, previous)))
        return previous;
    if (plain)
        return script == USCRIPT_INHERITED ? USCRIPT_COMMON : script;
    /* U+0964 DEVANAGARI DANDA after a Latin word in Punjabi text: the
     * language's own script when the character has it. */
    if (uscript_hasScript(c, preferred))
        return preferred;
    return extensions[0];
}

/* Resolves the script of every code point (UAX #24): Inherited takes the
 * script before it; Common takes the script before it when its Script
 * Extensions allow (or it is plain Common), else the one after; a text of
 * only Common characters takes the language's script.  Trail surrogates copy
 * their lead.  Brackets are not paired here: a bracket takes its neighbour's
 * script, which puts it in the same font and run. */
static bool resolve_scripts(const paragraph *p, const char *language, UScriptCode *scripts)
{
    UScriptCode previous = USCRIPT_COMMON;
    int32_t first_real = -1;
    char code[5];
    UScriptCode preferred =
        (UScriptCode)u_getPropertyValueEnum(UCHAR_SCRIPT, language_main_script(language, code));
    for (int32_t i = 0; i < p->length;) {
        int32_t start = i;
        UChar32 c;
        U16_NEXT(p->text, i, p->length, c);
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &status);
        if (script == USCRIPT_INHERITED || script == USCRIPT_COMMON) {
            script = resolve_neutral(c, script, previous, preferred);
        } else if (first_real < 0) {
            first_real = start;
        }
        for (int32_t k = start; k < i; k++)
            scripts[k] = script;
        previous = script;
    }
    /* Leading Common characters take the first real script after them. */
    UScriptCode fill;
    if (first_real >= 0) {
        fill = scripts[first_real];
    } else {
        fill = (int)preferred < 0 ? USCRIPT_LATIN : preferred;
    }
    for (int32_t k = 0; k < p->length && scripts[k] == USCRIPT_COMMON; k++)
        scripts[k] = fill;
    return true;
}

/* true when `font` has every character of the cluster [from, to) that needs
 * a glyph (default-ignorable and control characters do not). */
static bool font_covers(text_font *font, const uint16_t *text, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to;) {
        UChar32 c;
        U16_NEXT(text, i, to, c);
        if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || is_control(c))
            continue;
        if (!font_has_codepoint(font, (uint32_t)c))
            return false;
    }
    return true;
}

typedef struct cluster_font {
    text_font *font;
    bool missing;
} cluster_font;

/* Logs a character no font has, the first time this engine meets it. */
static void log_missing(paragraph_context *context, uint32_t c, const char *script,
                        const char *language)
{
    for (size_t i = 0; i < context->logged_missing_count && i < PARAGRAPH_LOGGED_MISSING; i++)
        if (context->logged_missing[i] == c)
            return;
    if (context->logged_missing_count < PARAGRAPH_LOGGED_MISSING) {
        context->logged_missing[context->logged_missing_count++] = c;
        log_message(LOG_WARNING, "text",
                    "no font has U+%04X (script %s, language %s): drawn as a box", (unsigned)c,
                    script ? script : "?", language);
    } else if (context->logged_missing_count == PARAGRAPH_LOGGED_MISSING) {
        context->logged_missing_count++; /* said once */
        log_message(LOG_WARNING, "text", "more characters no font has: not logged");
    }
}

/* Chooses the font of one grapheme cluster: the first candidate for its
 * script and language that has all its characters (per-cluster fallback);
 * when none has, the first usable candidate, and the cluster is drawn as a
 * box. */
static cluster_font choose_font(paragraph_context *context, paragraph *p, UScriptCode script,
                                const char *primary, text_weight weight, int32_t from, int32_t to)
{
    text_font *const *candidates;
    const char *name = uscript_getShortName(script);
    size_t count =
        font_table_candidates(context->fonts, name ? name : "Zyyy", primary, weight, &candidates);
    cluster_font result = {NULL, true};
    for (size_t i = 0; i < count; i++) {
        if (!font_usable(context->fonts, candidates[i]))
            continue;
        if (!result.font)
            result.font = candidates[i];
        if (font_covers(candidates[i], p->text, from, to)) {
            result.font = candidates[i];
            result.missing = false;
            return result;
        }
    }
    UChar32 c;
    U16_GET(p->text, 0, from, p->length, c);
    p->missing_clusters++;
    log_missing(context, (uint32_t)c, name, primary);
    return result;
}

static void run_metrics(shaped_run *run, float size)
{
    if (run->font) {
        float scale = size / (float)run->font->units_per_em;
        run->ascent = (float)run->font->ascender * scale;
        run->descent = (float)-run->font->descender * scale;
    } else {
        run->ascent = size * 0.8f;
        run->descent = size * 0.2f;
    }
}

static bool add_glyphs(paragraph *p, size_t count, size_t *capacity)
{
    if (p->glyph_count + count <= *capacity)
        return true;
    size_t wanted = *capacity ? *capacity : 64;
    while (wanted < p->glyph_count + count)
        wanted *= 2;
    shaped_glyph *bigger = realloc(p->glyphs, wanted * sizeof *bigger);
    if (!bigger)
        return false;
    p->glyphs = bigger;
    *capacity = wanted;
    return true;
}

/* A run with no usable font: one box per grapheme cluster. */
static bool shape_boxes(paragraph *p, shaped_run *run, const uint8_t *grapheme, size_t *capacity)
{
    for (int32_t i = run->start; i < run->end; i++) {
        if (!grapheme[i])
            continue;
        if (!add_glyphs(p, 1, capacity))
            return false;
        UChar32 c;
        U16_GET(p->text, 0, i, p->length, c);
        shaped_glyph *g = &p->glyphs[p->glyph_count++];
        memset(g, 0, sizeof *g);
        g->cluster = i;
        g->invisible = is_control(c);
        g->missing = !g->invisible;
        g->advance = g->invisible ? 0 : p->size * 0.6f;
        g->ink_top = p->size * 0.7f;
        run->glyph_count++;
    }
    if (run->level & 1) { /* visual order, as HarfBuzz would give it */
        shaped_glyph *g = p->glyphs + run->first_glyph;
        for (size_t a = 0, b = run->glyph_count; a + 1 < b; a++, b--) {
            shaped_glyph t = g[a];
            g[a] = g[b - 1];
            g[b - 1] = t;
        }
    }
    return true;
}

static bool shape_run(paragraph_context *context, paragraph *p, shaped_run *run,
                      hb_language_t language, const uint8_t *missing, const uint8_t *grapheme,
                      size_t *capacity)
{
    run->first_glyph = p->glyph_count;
    run->glyph_count = 0;
    run_metrics(run, p->size);
    if (!run->font)
        return shape_boxes(p, run, grapheme, capacity);
    hb_buffer_t *buffer = context->buffer;
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_utf16(buffer, p->text, p->length, (unsigned)run->start, run->end - run->start);
    hb_buffer_set_direction(buffer, (run->level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, run->script);
    hb_buffer_set_language(buffer, language);
    hb_buffer_set_flags(buffer, (run->start == 0 ? HB_BUFFER_FLAG_BOT : 0) |
                                    (run->end == p->length ? HB_BUFFER_FLAG_EOT : 0));
    /* Positions in 1/1024 pixel: 1/64 rounds every advance, and a line
     * that is really 240.02 px would be measured as 239.98 and kept in a
     * 240 px box (found against Pango, which measures exactly). */
    int scale = (int)(p->size * SHAPE_UNITS + 0.5f);
    hb_font_set_scale(run->font->hb, scale, scale);
    hb_shape(run->font->hb, buffer, NULL, 0);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buffer, &count);
    hb_glyph_position_t *position = hb_buffer_get_glyph_positions(buffer, NULL);
    if (!add_glyphs(p, count, capacity))
        return false;
    for (unsigned i = 0; i < count; i++) {
        shaped_glyph *g = &p->glyphs[p->glyph_count++];
        int32_t cluster = (int32_t)info[i].cluster;
        UChar32 c;
        U16_GET(p->text, 0, cluster, p->length, c);
        g->id = info[i].codepoint;
        g->cluster = cluster;
        g->invisible = is_control(c);
        g->missing = !g->invisible && (missing[cluster] || g->id == 0);
        g->advance = g->invisible ? 0 : (float)position[i].x_advance / SHAPE_UNITS;
        g->x_offset = (float)position[i].x_offset / SHAPE_UNITS;
        g->y_offset = (float)position[i].y_offset / SHAPE_UNITS;
        g->pad = 0;
        hb_glyph_extents_t extents;
        if (!g->invisible && hb_font_get_glyph_extents(run->font->hb, g->id, &extents)) {
            /* In 64 bits: a long stack of marks moves a glyph by offsets
             * whose sum with its extents leaves an int (found by fuzzing). */
            int64_t top = (int64_t)extents.y_bearing + position[i].y_offset;
            int64_t left = (int64_t)extents.x_bearing + position[i].x_offset;
            g->ink_top = (float)top / SHAPE_UNITS;
            g->ink_bottom = (float)(top + extents.height) / SHAPE_UNITS;
            g->ink_left = (float)left / SHAPE_UNITS;
            g->ink_right = g->ink_left + (float)extents.width / SHAPE_UNITS;
        } else {
            g->ink_top = g->ink_bottom = g->ink_left = g->ink_right = 0;
        }
        run->glyph_count++;
    }
    return true;
}

/* Ink closer than this to a neighbouring run's, in em, touches it. */
#define RUN_INK_GAP 0.08f

typedef struct run_room {
    float left, right; /* from the run's pen edges to its ink: negative
                          where the ink overhangs the advance */
} run_room;

/* The room between a run's pen box (its advances, in HarfBuzz's visual
 * order) and its ink, on each side.  A run with no ink is all room. */
static run_room run_ink_room(const paragraph *p, const shaped_run *run)
{
    const shaped_glyph *g = p->glyphs + run->first_glyph;
    float pen = 0, low = INFINITY, high = -INFINITY;
    for (size_t i = 0; i < run->glyph_count; i++) {
        if (g[i].ink_right > g[i].ink_left) {
            low = fminf(low, pen + g[i].ink_left);
            high = fmaxf(high, pen + g[i].ink_right);
        }
        pen += g[i].advance;
    }
    if (low > high)
        return (run_room){pen, pen};
    return (run_room){low, pen - high};
}

/* Runs of two fonts side by side keep their ink RUN_INK_GAP apart where
 * one overhangs its advance: Noto Nastaliq Urdu's initial letters draw far
 * beyond their advance (notofonts/nastaliq#103), over the "(" or the Latin
 * word before them ("stalking (پیچھا": the "(" under the پ).  The room is
 * added after the run on the left, as a pad on its last glyph in visual
 * order, which layout.c measures and places only when a glyph follows on
 * the line.  Runs of one level that follow each other in the text sit side
 * by side, the later one on the left when the level is odd; runs of
 * different levels meet elsewhere (UAX #9 L2) and are not padded. */
static void keep_runs_clear(paragraph *p)
{
    for (size_t r = 0; r + 1 < p->run_count; r++) {
        const shaped_run *a = &p->runs[r], *b = &p->runs[r + 1];
        if (a->font == b->font || a->level != b->level || !a->glyph_count || !b->glyph_count)
            continue;
        const shaped_run *left = (a->level & 1) ? b : a, *right = (a->level & 1) ? a : b;
        float overlap = run_ink_room(p, left).right, room = run_ink_room(p, right).left;
        if (overlap >= 0 && room >= 0)
            continue; /* each font's own side bearings hold */
        float pad = RUN_INK_GAP * p->size - overlap - room;
        if (pad > 0)
            p->glyphs[left->first_glyph + left->glyph_count - 1].pad += pad;
    }
}

/* Splits the text into runs of one font, one script and one bidi level,
 * choosing fonts cluster by cluster. */
static bool itemize(paragraph_context *context, paragraph *p, const char *language,
                    text_weight weight, const UScriptCode *scripts, const uint8_t *grapheme,
                    uint8_t *missing)
{
    char primary[16];
    language_primary(language, primary);
    const uint8_t *levels = text_bidi_levels(p->bidi);
    size_t capacity = 0;
    int32_t from = 0;
    while (from < p->length) {
        int32_t to = from + 1;
        while (to < p->length && !grapheme[to])
            to++;
        cluster_font chosen = choose_font(context, p, scripts[from], primary, weight, from, to);
        missing[from] = chosen.missing;
        shaped_run *last = p->run_count ? &p->runs[p->run_count - 1] : NULL;
        hb_script_t script = hb_script_from_string(uscript_getShortName(scripts[from]), -1);
        if (!last || last->font != chosen.font || last->script != script ||
            last->level != levels[from]) {
            if (p->run_count == capacity) {
                capacity = capacity ? capacity * 2 : 8;
                shaped_run *bigger = realloc(p->runs, capacity * sizeof *bigger);
                if (!bigger)
                    return false;
                p->runs = bigger;
            }
            last = &p->runs[p->run_count++];
            memset(last, 0, sizeof *last);
            last->start = from;
            last->font = chosen.font;
            last->script = script;
            last->level = levels[from];
        }
        last->end = to;
        from = to;
    }
    return true;
}

/* p->glosses from the bidi's bracketed glosses and the line breaks: each
 * pair widened to the break opportunities around it, in one pass over the
 * text each way.  Pairs with a mandatory break inside are left out: they
 * are never on one line. */
static bool find_glosses(paragraph *p, text_bidi_pair *pairs, int32_t count)
{
    if (count <= 0)
        return true;
    size_t n = (size_t)p->length + 1;
    int32_t *previous = malloc(n * sizeof *previous);   /* last break at or before i */
    int32_t *next = malloc(n * sizeof *next);           /* first break at or after i */
    int32_t *mandatory = malloc(n * sizeof *mandatory); /* first mandatory at or after i */
    p->glosses = malloc((size_t)count * sizeof *p->glosses);
    bool ok = previous && next && mandatory && p->glosses;
    if (ok) {
        int32_t last = 0;
        for (int32_t i = 0; i <= p->length; i++) {
            if (p->breaks[i] != TEXT_BREAK_NONE)
                last = i;
            previous[i] = last;
        }
        next[p->length] = mandatory[p->length] = p->length;
        for (int32_t i = p->length - 1; i >= 0; i--) {
            next[i] = p->breaks[i] != TEXT_BREAK_NONE ? i : next[i + 1];
            mandatory[i] = p->breaks[i] == TEXT_BREAK_MANDATORY ? i : mandatory[i + 1];
        }
        for (int32_t k = 0; k < count; k++) {
            int32_t open = pairs[k].open, close = pairs[k].close;
            if (mandatory[open + 1] <= close)
                continue;
            p->glosses[p->gloss_count++] = (text_span){previous[open], next[close + 1]};
        }
    }
    free(previous);
    free(next);
    free(mandatory);
    return ok;
}

/* The brackets of a gloss take the gloss's direction, for the bidi
 * algorithm only (its text gets U+200E LRM or U+200F RLM, strong, in their
 * place): on one line the gloss reads as before, "(permesso di soggiorno)"
 * inside Arabic; split over two lines by a gloss longer than a line, the
 * first ends "(permesso di" and the second starts "soggiorno)", each
 * bracket at its own word, instead of "permesso di)" and "(soggiorno" (the
 * brackets at the paragraph's level, mirrored).  The bidi is made again
 * from that text; false when out of memory. */
static bool glosses_keep_their_brackets(paragraph *p, text_direction direction,
                                        const text_bidi_pair *pairs, int32_t count)
{
    if (count <= 0)
        return true;
    if (!p->bidi_text) {
        p->bidi_text = malloc((size_t)p->length * sizeof *p->bidi_text);
        if (!p->bidi_text)
            return false;
        memcpy(p->bidi_text, p->text, (size_t)p->length * sizeof *p->bidi_text);
    }
    uint16_t mark = p->rtl ? 0x200E : 0x200F; /* the gloss runs the other way */
    for (int32_t k = 0; k < count; k++) {
        p->bidi_text[pairs[k].open] = mark;
        p->bidi_text[pairs[k].close] = mark;
    }
    text_bidi_destroy(p->bidi);
    /* The paragraph's direction as found the first time (a gloss's mark
     * must not make an AUTO paragraph change its mind). */
    p->bidi = text_bidi_create(p->bidi_text, p->length,
                               direction == TEXT_DIRECTION_AUTO
                                   ? (p->rtl ? TEXT_DIRECTION_RTL : TEXT_DIRECTION_LTR)
                                   : direction);
    return p->bidi != NULL;
}

/* Per-index advance sums and the positions where a line may end. */
static bool measure(paragraph *p, const uint8_t *grapheme)
{
    p->advance_before = calloc((size_t)p->length + 1, sizeof *p->advance_before);
    p->fit = calloc((size_t)p->length + 1, 1);
    if (!p->advance_before || !p->fit)
        return false;
    uint8_t *cluster_start = p->fit; /* reused: first mark HarfBuzz clusters */
    for (size_t i = 0; i < p->glyph_count; i++) {
        p->advance_before[p->glyphs[i].cluster + 1] += p->glyphs[i].advance + p->glyphs[i].pad;
        cluster_start[p->glyphs[i].cluster] = 1;
    }
    for (size_t r = 0; r < p->run_count; r++)
        cluster_start[p->runs[r].start] = 1;
    for (int32_t i = 0; i < p->length; i++)
        p->advance_before[i + 1] += p->advance_before[i];
    /* A HarfBuzz cluster may span several graphemes (a ligature): a line
     * may only end where both agree. */
    for (int32_t i = 0; i < p->length; i++)
        p->fit[i] = cluster_start[i] && grapheme[i];
    p->fit[p->length] = 1;
    /* advance_before must be flat inside a cluster so that widths between
     * fit positions are exact: the sum above added each cluster's advance
     * at cluster + 1 already. */
    return true;
}

/* A digit: European (bidi EN), Arabic-Indic (AN) or extended Arabic-Indic
 * (EN), the digits phone numbers are written with. */
static bool is_number_digit(uint16_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

/* A phone number written in groups ("800 290 290") inside right-to-left
 * text would be shown with its groups in reverse order ("290 290 800"):
 * UAX #9 makes each space between numbers take the paragraph's direction
 * (rule N1).  For the bidi algorithm only, a single space between two
 * digits becomes U+00A0 NO-BREAK SPACE, a common separator, which rule W4
 * joins to the numbers on both sides: the groups stay one number, left to
 * right, as a reader dials it.  Returns the text the algorithm reads
 * (malloc'd), or NULL when no space is between two digits (or out of
 * memory: then the plain text is read). */
static uint16_t *number_groups_whole(const uint16_t *text, int32_t length)
{
    uint16_t *copy = NULL;
    for (int32_t i = 1; i + 1 < length; i++) {
        if (text[i] != ' ' || !is_number_digit(text[i - 1]) || !is_number_digit(text[i + 1]))
            continue;
        if (!copy) {
            copy = malloc((size_t)length * sizeof *copy);
            if (!copy)
                return NULL;
            memcpy(copy, text, (size_t)length * sizeof *copy);
        }
        copy[i] = 0x00A0;
    }
    return copy;
}

paragraph *paragraph_shape(paragraph_context *context, const char *utf8, size_t length,
                           const char *language, text_direction direction, float size,
                           text_weight weight)
{
    paragraph *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->size = size;
    UScriptCode *scripts = NULL;
    uint8_t *grapheme = NULL, *missing = NULL;
    text_bidi_pair *pairs = NULL; /* the glosses' brackets */
    int32_t gloss_count = 0;
    if (!decode(p, utf8 ? utf8 : "", utf8 ? length : 0))
        goto fail;
    p->bidi_text = number_groups_whole(p->text, p->length);
    p->bidi = text_bidi_create(p->bidi_text ? p->bidi_text : p->text, p->length, direction);
    if (!p->bidi)
        goto fail;
    p->rtl = text_bidi_paragraph_level(p->bidi) & 1;
    gloss_count = text_bidi_glosses(p->bidi, &pairs);
    if (gloss_count < 0 || !glosses_keep_their_brackets(p, direction, pairs, gloss_count))
        goto fail;
    size_t n = (size_t)p->length + 1;
    scripts = malloc(n * sizeof *scripts);
    grapheme = calloc(n, 1);
    missing = calloc(n, 1);
    p->breaks = calloc(n, 1);
    if (!scripts || !grapheme || !missing || !p->breaks)
        goto fail;
    if (!text_breaker_graphemes(context->breaker, p->text, p->length, grapheme) ||
        !text_breaker_lines(context->breaker, language, p->text, p->length, p->breaks))
        log_message(LOG_ERROR, "text", "ICU could not segment a paragraph");
    resolve_scripts(p, language, scripts);
    if (!itemize(context, p, language, weight, scripts, grapheme, missing))
        goto fail;
    hb_language_t hb_language = hb_language_from_string(language ? language : "und", -1);
    size_t capacity = 0;
    for (size_t r = 0; r < p->run_count; r++)
        if (!shape_run(context, p, &p->runs[r], hb_language, missing, grapheme, &capacity))
            goto fail;
    keep_runs_clear(p);
    if (!measure(p, grapheme) || !find_glosses(p, pairs, gloss_count))
        goto fail;
    /* Empty lines take the height of the language's first font. */
    shaped_run probe = {.font = NULL};
    if (p->run_count) {
        probe.font = p->runs[0].font;
    } else {
        char primary[16], script[5];
        language_primary(language, primary);
        text_font *const *candidates;
        size_t count = font_table_candidates(context->fonts, language_main_script(language, script),
                                             primary, weight, &candidates);
        for (size_t i = 0; i < count && !probe.font; i++)
            if (font_usable(context->fonts, candidates[i]))
                probe.font = candidates[i];
    }
    run_metrics(&probe, size);
    p->default_ascent = probe.ascent;
    p->default_descent = probe.descent;
    free(pairs);
    free(scripts);
    free(grapheme);
    free(missing);
    return p;
fail:
    free(pairs);
    free(scripts);
    free(grapheme);
    free(missing);
    paragraph_free(p);
    return NULL;
}

void paragraph_free(paragraph *p)
{
    if (!p)
        return;
    text_bidi_destroy(p->bidi);
    free(p->text);
    free(p->bidi_text);
    free(p->byte_of);
    free(p->breaks);
    free(p->fit);
    free(p->advance_before);
    free(p->glosses);
    free(p->runs);
    free(p->glyphs);
    free(p);
}
