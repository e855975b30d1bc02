/* fonts.c - see fonts.h. */
#include "fonts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "array.h"
#include "log.h"

typedef struct font_rule {
    char script[5];    /* "Arab", or "*" */
    char language[16]; /* "ur", or "*" */
    text_weight weight;
    size_t first, count; /* range in table->rule_fonts */
} font_rule;

/* One resolved candidate list, memoized: the lookup runs per cluster. */
typedef struct candidate_list {
    char script[5];
    char language[16];
    text_weight weight;
    text_font **fonts;
    size_t count;
} candidate_list;

struct font_table {
    FT_Library freetype;
    text_font **fonts; /* distinct files */
    size_t font_count;
    font_rule *rules;
    size_t rule_count;
    text_font **rule_fonts;
    size_t rule_font_count;
    candidate_list *lists;
    size_t list_count;
};

static char *format_error(const char *path, int line, const char *what, const char *detail)
{
    char buffer[1024];
    snprintf(buffer, sizeof buffer, "%s:%d: %s%s%s", path, line, what, detail ? ": " : "",
             detail ? detail : "");
    return strdup(buffer);
}

/* Returns the font for `path`, creating its (unopened) record once. */
static text_font *font_for_path(font_table *table, const char *path, size_t *capacity)
{
    for (size_t i = 0; i < table->font_count; i++)
        if (strcmp(table->fonts[i]->path, path) == 0)
            return table->fonts[i];
    if (!array_grow((void **)&table->fonts, table->font_count, capacity, sizeof *table->fonts))
        return NULL;
    text_font *font = calloc(1, sizeof *font);
    if (!font)
        return NULL;
    font->path = strdup(path);
    font->file = strdup(path);
    if (!font->path || !font->file) {
        free(font->path);
        free(font->file);
        free(font);
        return NULL;
    }
    /* "file+emboldened": the face drawn bolder (a script without a bold
     * face); a font of its own, so its glyphs have their own atlas slots. */
    size_t n = strlen(font->file);
    static const char suffix[] = "+emboldened";
    if (n > sizeof suffix - 1 && strcmp(font->file + n - (sizeof suffix - 1), suffix) == 0) {
        font->file[n - (sizeof suffix - 1)] = '\0';
        font->emboldened = true;
    }
    /* "file.ttc#2" names face 2 of a collection. */
    char *hash = strrchr(font->file, '#');
    if (hash && hash[1] && strspn(hash + 1, "0123456789") == strlen(hash + 1)) {
        font->face_index = atoi(hash + 1);
        *hash = '\0';
    }
    table->fonts[table->font_count++] = font;
    return font;
}

static bool parse_weight(const char *word, text_weight *weight)
{
    if (strcmp(word, "regular") == 0)
        *weight = TEXT_WEIGHT_REGULAR;
    else if (strcmp(word, "bold") == 0)
        *weight = TEXT_WEIGHT_BOLD;
    else
        return false;
    return true;
}

static bool valid_script(const char *word)
{
    if (strcmp(word, "*") == 0)
        return true;
    if (strlen(word) != 4 || !isupper((unsigned char)word[0]))
        return false;
    for (int i = 1; i < 4; i++)
        if (!islower((unsigned char)word[i]))
            return false;
    return true;
}

static bool valid_language(const char *word)
{
    size_t length = strlen(word);
    if (strcmp(word, "*") == 0)
        return true;
    if (length < 2 || length > 3)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!islower((unsigned char)word[i]))
            return false;
    return true;
}

typedef struct parse_state {
    font_table *table;
    const char *path;
    int line;
    char directory[512];
    size_t font_capacity, rule_capacity, rule_font_capacity;
} parse_state;

/* Parses one non-comment line; returns a malloc'd error or NULL. */
static char *parse_line(parse_state *state, char *text)
{
    char *words[64];
    int count = 0;
    for (char *word = strtok(text, " \t\r"); word; word = strtok(NULL, " \t\r")) {
        if (count == 64)
            return format_error(state->path, state->line, "too many fields", NULL);
        words[count++] = word;
    }
    if (count == 0)
        return NULL;
    if (strcmp(words[0], "dir") == 0) {
        if (count != 2)
            return format_error(state->path, state->line, "`dir` takes one directory", NULL);
        snprintf(state->directory, sizeof state->directory, "%s", words[1]);
        return NULL;
    }
    if (count < 4)
        return format_error(state->path, state->line,
                            "expected: script language weight font-file...", NULL);
    font_table *table = state->table;
    font_rule rule = {0};
    if (!valid_script(words[0]))
        return format_error(state->path, state->line,
                            "script must be an ISO 15924 code like Arab, or *", words[0]);
    if (!valid_language(words[1]))
        return format_error(state->path, state->line,
                            "language must be a primary subtag like ur, or *", words[1]);
    if (!parse_weight(words[2], &rule.weight))
        return format_error(state->path, state->line, "weight must be regular or bold", words[2]);
    snprintf(rule.script, sizeof rule.script, "%s", words[0]);
    snprintf(rule.language, sizeof rule.language, "%s", words[1]);
    rule.first = table->rule_font_count;
    for (int i = 3; i < count; i++) {
        char full[1024];
        if (words[i][0] == '/' || state->directory[0] == '\0')
            snprintf(full, sizeof full, "%s", words[i]);
        else
            snprintf(full, sizeof full, "%s/%s", state->directory, words[i]);
        text_font *font = font_for_path(table, full, &state->font_capacity);
        if (!font || !array_grow((void **)&table->rule_fonts, table->rule_font_count,
                                 &state->rule_font_capacity, sizeof *table->rule_fonts))
            return format_error(state->path, state->line, "out of memory", NULL);
        table->rule_fonts[table->rule_font_count++] = font;
    }
    rule.count = table->rule_font_count - rule.first;
    if (!array_grow((void **)&table->rules, table->rule_count, &state->rule_capacity,
                    sizeof *table->rules))
        return format_error(state->path, state->line, "out of memory", NULL);
    table->rules[table->rule_count++] = rule;
    return NULL;
}

font_table *font_table_load(const char *path, char **error)
{
    *error = NULL;
    FILE *file = fopen(path, "r");
    if (!file) {
        *error = format_error(path, 0, "cannot open font table", strerror(errno));
        return NULL;
    }
    font_table *table = calloc(1, sizeof *table);
    if (!table || FT_Init_FreeType(&table->freetype) != 0) {
        fclose(file);
        free(table);
        *error = format_error(path, 0, "cannot start FreeType", NULL);
        return NULL;
    }
    parse_state state = {.table = table, .path = path};
    char text[4096];
    while (fgets(text, sizeof text, file)) {
        state.line++;
        size_t length = strlen(text);
        if (length == sizeof text - 1 && text[length - 1] != '\n') {
            *error = format_error(path, state.line, "line too long", NULL);
            break;
        }
        text[strcspn(text, "\n")] = '\0';
        /* A comment is a line whose first non-blank character is '#': a '#'
         * later on a line belongs to a file name ("fonts.ttc#1"). */
        const char *first = text + strspn(text, " \t\r");
        if (*first == '#' || *first == '\0')
            continue;
        *error = parse_line(&state, text);
        if (*error)
            break;
    }
    fclose(file);
    if (!*error && table->rule_count == 0)
        *error = format_error(path, state.line, "the font table names no fonts", NULL);
    if (*error) {
        font_table_free(table);
        return NULL;
    }
    return table;
}

void font_table_free(font_table *table)
{
    if (!table)
        return;
    for (size_t i = 0; i < table->font_count; i++) {
        text_font *font = table->fonts[i];
        if (font->hb)
            hb_font_destroy(font->hb);
        if (font->face)
            FT_Done_Face(font->face);
        free(font->path);
        free(font->file);
        free(font);
    }
    for (size_t i = 0; i < table->list_count; i++)
        free(table->lists[i].fonts);
    free(table->lists);
    free(table->fonts);
    free(table->rules);
    free(table->rule_fonts);
    FT_Done_FreeType(table->freetype);
    free(table);
}

static bool append_unique(text_font ***fonts, size_t *count, text_font *font)
{
    for (size_t i = 0; i < *count; i++)
        if ((*fonts)[i] == font)
            return true;
    text_font **bigger = realloc(*fonts, (*count + 1) * sizeof **fonts);
    if (!bigger)
        return false;
    *fonts = bigger;
    bigger[(*count)++] = font;
    return true;
}

/* Adds the fonts of every rule matching (script, language) exactly as given,
 * at `weight`; returns false when out of memory. */
static bool add_rules(font_table *table, const char *script, const char *language,
                      text_weight weight, candidate_list *list)
{
    for (size_t r = 0; r < table->rule_count; r++) {
        const font_rule *rule = &table->rules[r];
        if (rule->weight != weight || strcmp(rule->script, script) != 0 ||
            strcmp(rule->language, language) != 0)
            continue;
        for (size_t i = 0; i < rule->count; i++)
            if (!append_unique(&list->fonts, &list->count, table->rule_fonts[rule->first + i]))
                return false;
    }
    return true;
}

/* The preference order: the language's own fonts for the script, the
 * script's fonts, then the catch-all rules.  A weight with no rule at all
 * (no bold face for a script) falls back to regular. */
static bool build_list(font_table *table, candidate_list *list, const char *script,
                       const char *language)
{
    const text_weight weights[2] = {list->weight, TEXT_WEIGHT_REGULAR};
    for (int w = 0; w < (list->weight == TEXT_WEIGHT_REGULAR ? 1 : 2); w++) {
        if (!add_rules(table, script, language, weights[w], list) ||
            !add_rules(table, script, "*", weights[w], list) ||
            !add_rules(table, "*", language, weights[w], list) ||
            !add_rules(table, "*", "*", weights[w], list))
            return false;
    }
    return true;
}

size_t font_table_candidates(font_table *table, const char *script, const char *language,
                             text_weight weight, text_font *const **fonts)
{
    for (size_t i = 0; i < table->list_count; i++) {
        candidate_list *list = &table->lists[i];
        if (list->weight == weight && strcmp(list->script, script) == 0 &&
            strcmp(list->language, language) == 0) {
            *fonts = list->fonts;
            return list->count;
        }
    }
    candidate_list *bigger = realloc(table->lists, (table->list_count + 1) * sizeof *bigger);
    if (!bigger) {
        *fonts = NULL;
        return 0;
    }
    table->lists = bigger;
    candidate_list *list = &table->lists[table->list_count];
    memset(list, 0, sizeof *list);
    snprintf(list->script, sizeof list->script, "%s", script);
    snprintf(list->language, sizeof list->language, "%s", language);
    list->weight = weight;
    if (!build_list(table, list, script, language)) {
        free(list->fonts);
        *fonts = NULL;
        return 0;
    }
    table->list_count++;
    *fonts = list->fonts;
    return list->count;
}

static uint32_t read_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A font file cut short (an interrupted copy) still opens in FreeType,
 * which then draws the glyphs past the cut as empty - invisible text.  So
 * every table the sfnt directory lists must lie inside the file.  False,
 * with the reason in `why`, when one does not. */
static bool tables_inside_file(hb_blob_t *blob, int face_index, char *why, size_t why_size)
{
    unsigned size;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(blob, &size);
    uint32_t sfnt = 0;
    if (size >= 12 && memcmp(data, "ttcf", 4) == 0) {
        uint32_t faces = read_u32(data + 8);
        if (face_index < 0 || (uint32_t)face_index >= faces ||
            12 + 4 * (uint64_t)(face_index + 1) > size) {
            snprintf(why, why_size, "damaged: no face %d in the collection", face_index);
            return false;
        }
        sfnt = read_u32(data + 12 + 4 * face_index);
    }
    if ((uint64_t)sfnt + 12 > size) {
        snprintf(why, why_size, "damaged: the file ends inside its header");
        return false;
    }
    unsigned tables = (unsigned)data[sfnt + 4] << 8 | data[sfnt + 5];
    if ((uint64_t)sfnt + 12 + 16 * (uint64_t)tables > size) {
        snprintf(why, why_size, "damaged: the file ends inside its table directory");
        return false;
    }
    for (unsigned i = 0; i < tables; i++) {
        const uint8_t *record = data + sfnt + 12 + 16 * i;
        if ((uint64_t)read_u32(record + 8) + read_u32(record + 12) > size) {
            snprintf(why, why_size,
                     "damaged: table '%.4s' ends past the end of the file (cut short?)",
                     (const char *)record);
            return false;
        }
    }
    return true;
}

bool font_usable(font_table *table, text_font *font)
{
    if (font->tried)
        return font->usable;
    font->tried = true;
    FT_Error status = FT_New_Face(table->freetype, font->file, font->face_index, &font->face);
    if (status != 0) {
        log_message(LOG_ERROR, "font",
                    "%s: cannot open font (FreeType error %d); its scripts "
                    "fall back to the next font or a box",
                    font->path, status);
        font->face = NULL;
        return false;
    }
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(font->file);
    char damage[96] = "";
    if (blob && !tables_inside_file(blob, font->face_index, damage, sizeof damage)) {
        hb_blob_destroy(blob);
        blob = NULL;
    }
    hb_face_t *face = blob ? hb_face_create(blob, (unsigned)font->face_index) : NULL;
    hb_blob_destroy(blob);
    if (!face || hb_face_get_glyph_count(face) == 0) {
        log_message(LOG_ERROR, "font", "%s: %s; its scripts fall back to the next font or a box",
                    font->path, damage[0] ? damage : "HarfBuzz cannot read the font");
        hb_face_destroy(face);
        FT_Done_Face(font->face);
        font->face = NULL;
        return false;
    }
    font->hb = hb_font_create(face);
    hb_face_destroy(face);
    font->units_per_em = (int)hb_face_get_upem(hb_font_get_face(font->hb));
    hb_font_set_scale(font->hb, font->units_per_em, font->units_per_em);
    hb_font_extents_t extents;
    hb_font_get_h_extents(font->hb, &extents);
    font->ascender = extents.ascender;
    font->descender = extents.descender;
    font->usable = true;
    log_message(LOG_DEBUG, "font", "%s: opened, %d units per em", font->path, font->units_per_em);
    return true;
}

bool font_has_codepoint(text_font *font, uint32_t codepoint)
{
    hb_codepoint_t glyph;
    return font->usable && hb_font_get_nominal_glyph(font->hb, codepoint, &glyph);
}

FT_Library font_table_freetype(font_table *table)
{
    return table->freetype;
}

size_t font_table_weight_fonts(font_table *table, text_weight weight, text_font **fonts,
                               size_t capacity)
{
    size_t found = 0;
    text_font **seen = calloc(table->font_count + 1, sizeof *seen);
    if (!seen)
        return 0;
    for (size_t r = 0; r < table->rule_count; r++) {
        const font_rule *rule = &table->rules[r];
        text_font *const *list;
        /* the rule's script as the engine would resolve it at this weight */
        size_t count = font_table_candidates(table, rule->script, "*", weight, &list);
        for (size_t i = 0; i < count; i++) {
            bool duplicate = false;
            for (size_t k = 0; k < found && !duplicate; k++)
                duplicate = seen[k] == list[i];
            if (duplicate || found == table->font_count)
                continue;
            seen[found] = list[i];
            if (found < capacity)
                fonts[found] = list[i];
            found++;
        }
    }
    free(seen);
    return found;
}

const char *text_font_path(const text_font *font)
{
    return font ? font->path : NULL;
}

int text_font_face_index(const text_font *font)
{
    return font ? font->face_index : 0;
}

bool text_glyph_ink(const text_glyph *glyph, float size, float *left, float *top, float *right,
                    float *bottom)
{
    if (!glyph->font || !glyph->font->hb || glyph->missing)
        return false;
    /* The shaping scale (paragraph.c): 1/1024 pixel. */
    int scale = (int)(size * 1024.0f + 0.5f);
    hb_font_set_scale(glyph->font->hb, scale, scale);
    hb_glyph_extents_t e;
    if (!hb_font_get_glyph_extents(glyph->font->hb, glyph->glyph_id, &e) || e.width == 0 ||
        e.height == 0)
        return false;
    *left = glyph->x + (float)e.x_bearing / 1024.0f;
    *right = *left + (float)e.width / 1024.0f;
    *top = glyph->y - (float)e.y_bearing / 1024.0f;
    *bottom = *top - (float)e.height / 1024.0f;
    return true;
}
