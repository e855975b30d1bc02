/* pango_reference.c - see pango_reference.h. */
#include "pango_reference.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>

/* The engine lists its own fonts for the language, then every other file
 * in assets/fonts.txt (19 today). */
#define REFERENCE_MAX_FONTS 64

struct pango_reference {
    PangoFontMap *font_map;
    PangoContext *context;
    size_t font_count;
    char *paths[REFERENCE_MAX_FONTS];    /* as the engine gave them, "#N" kept */
    char *families[REFERENCE_MAX_FONTS]; /* family name of each face */
    char *family_list;                   /* "A,B,C": unique families, in order */
};

static char *format_message(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *format_message(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        return NULL;
    char *message = malloc((size_t)length + 1);
    if (message == NULL)
        return NULL;
    va_start(args, format);
    vsnprintf(message, (size_t)length + 1, format, args);
    va_end(args);
    return message;
}

/* The engine names one face of a collection as "file.ttc#N"; fontconfig
 * wants the file and the index apart.  Returns a malloc'd file name. */
static char *split_face_index(const char *path, unsigned *face_index)
{
    *face_index = 0;
    const char *hash = strrchr(path, '#');
    size_t length = strlen(path);
    if (hash != NULL && hash[1] != '\0' && strspn(hash + 1, "0123456789") == strlen(hash + 1)) {
        *face_index = (unsigned)strtoul(hash + 1, NULL, 10);
        length = (size_t)(hash - path);
    }
    char *file = malloc(length + 1);
    if (file != NULL) {
        memcpy(file, path, length);
        file[length] = '\0';
    }
    return file;
}

/* Reads the first (default-language) family name of one face, as fontconfig
 * itself would index it. */
static char *read_family_name(const char *file, unsigned face_index)
{
    int face_count = 0;
    FcPattern *pattern = FcFreeTypeQuery((const FcChar8 *)file, face_index, NULL, &face_count);
    if (pattern == NULL)
        return NULL;
    FcChar8 *family = NULL;
    char *copy = NULL;
    if (FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch)
        copy = strdup((const char *)family);
    FcPatternDestroy(pattern);
    return copy;
}

static bool family_listed(const pango_reference *reference, size_t before, const char *family)
{
    for (size_t i = 0; i < before; i++)
        if (strcmp(reference->families[i], family) == 0)
            return true;
    return false;
}

/* Joins the unique family names with commas, Pango's family-list syntax. */
static char *join_families(const pango_reference *reference)
{
    size_t size = 1;
    for (size_t i = 0; i < reference->font_count; i++)
        size += strlen(reference->families[i]) + 1;
    char *list = malloc(size);
    if (list == NULL)
        return NULL;
    list[0] = '\0';
    for (size_t i = 0; i < reference->font_count; i++) {
        if (family_listed(reference, i, reference->families[i]))
            continue;
        if (list[0] != '\0')
            strcat(list, ",");
        strcat(list, reference->families[i]);
    }
    return list;
}

/* Loads the engine's files for the language into a fresh FcConfig: only
 * those fonts exist for this font map. */
static FcConfig *load_fonts(pango_reference *reference, text_engine *engine, const char *language,
                            char **error)
{
    const char *paths[REFERENCE_MAX_FONTS];
    size_t count =
        text_engine_font_files(engine, language, TEXT_WEIGHT_REGULAR, paths, REFERENCE_MAX_FONTS);
    if (count == 0) {
        *error = format_message("%s: the engine has no usable font file", language);
        return NULL;
    }
    if (count > REFERENCE_MAX_FONTS)
        count = REFERENCE_MAX_FONTS;

    FcConfig *config = FcConfigCreate();
    if (config == NULL) {
        *error = format_message("%s: FcConfigCreate failed", language);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        unsigned face_index = 0;
        char *file = split_face_index(paths[i], &face_index);
        char *family = file != NULL ? read_family_name(file, face_index) : NULL;
        if (family == NULL || !FcConfigAppFontAddFile(config, (const FcChar8 *)file)) {
            *error = format_message("%s: fontconfig cannot read this font file", paths[i]);
            free(family);
            free(file);
            FcConfigDestroy(config);
            return NULL;
        }
        free(file);
        reference->paths[reference->font_count] = strdup(paths[i]);
        reference->families[reference->font_count] = family;
        reference->font_count++;
    }
    return config;
}

pango_reference *pango_reference_create(text_engine *engine, const char *language, char **error)
{
    *error = NULL;
    pango_reference *reference = calloc(1, sizeof *reference);
    if (reference == NULL) {
        *error = format_message("out of memory");
        return NULL;
    }
    FcConfig *config = load_fonts(reference, engine, language, error);
    if (config == NULL) {
        pango_reference_destroy(reference);
        return NULL;
    }
    reference->family_list = join_families(reference);

    reference->font_map = pango_ft2_font_map_new();
    /* The font map takes its own reference on the configuration. */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(reference->font_map), config);
    FcConfigDestroy(config);

    reference->context = pango_font_map_create_context(reference->font_map);
    pango_context_set_language(reference->context, pango_language_from_string(language));
    pango_context_set_base_dir(reference->context, text_language_is_rtl(language)
                                                       ? PANGO_DIRECTION_RTL
                                                       : PANGO_DIRECTION_LTR);
    /* Our engine keeps fractional HarfBuzz advances; rounding each glyph to
     * whole pixels would move breaks for a reason that is not breaking. */
    pango_context_set_round_glyph_positions(reference->context, FALSE);
    return reference;
}

void pango_reference_destroy(pango_reference *reference)
{
    if (reference == NULL)
        return;
    if (reference->context != NULL)
        g_object_unref(reference->context);
    if (reference->font_map != NULL)
        g_object_unref(reference->font_map);
    for (size_t i = 0; i < reference->font_count; i++) {
        free(reference->paths[i]);
        free(reference->families[i]);
    }
    free(reference->family_list);
    free(reference);
}

size_t pango_reference_font_count(const pango_reference *reference)
{
    return reference->font_count;
}

const char *pango_reference_font_family(const pango_reference *reference, size_t index)
{
    return index < reference->font_count ? reference->families[index] : NULL;
}

const char *pango_reference_font_path(const pango_reference *reference, size_t index)
{
    return index < reference->font_count ? reference->paths[index] : NULL;
}

/* A fresh layout of the paragraph; the caller unrefs it. */
static PangoLayout *create_layout(pango_reference *reference, const char *text, size_t length,
                                  int width_px, float size_px)
{
    PangoLayout *layout = pango_layout_new(reference->context);
    PangoFontDescription *description = pango_font_description_new();
    pango_font_description_set_family(description, reference->family_list);
    pango_font_description_set_absolute_size(description, (double)size_px * PANGO_SCALE);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);

    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(layout, width_px < 0 ? -1 : width_px * PANGO_SCALE);
    pango_layout_set_text(layout, text, (int)length);

    /* Pango (1.44 and later) draws a hyphen where it cuts a word that is
     * wider than the line; our engine cuts at a grapheme cluster and draws
     * none.  The hyphen's width moves Pango's cut one letter earlier, so
     * left on it would hide where the two engines really cut.  Off, the
     * comparison checks the cut itself (docs/pango-agreement.md). */
    PangoAttrList *attributes = pango_attr_list_new();
    pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(layout, attributes);
    pango_attr_list_unref(attributes);
    return layout;
}

size_t pango_reference_line_starts(pango_reference *reference, const char *text, size_t length,
                                   int width_px, float size_px, size_t *starts, size_t capacity)
{
    PangoLayout *layout = create_layout(reference, text, length, width_px, size_px);
    size_t count = 0;
    for (GSList *item = pango_layout_get_lines_readonly(layout); item != NULL; item = item->next) {
        const PangoLayoutLine *line = item->data;
        if (count < capacity)
            starts[count] = (size_t)line->start_index;
        count++;
    }
    g_object_unref(layout);
    return count;
}

size_t pango_reference_lines(pango_reference *reference, const char *text, size_t length,
                             int width_px, float size_px, pango_reference_line *lines,
                             size_t capacity)
{
    PangoLayout *layout = create_layout(reference, text, length, width_px, size_px);
    size_t count = 0;
    for (GSList *item = pango_layout_get_lines_readonly(layout); item != NULL; item = item->next) {
        PangoLayoutLine *line = item->data;
        if (count < capacity) {
            PangoRectangle logical;
            pango_layout_line_get_extents(line, NULL, &logical);
            lines[count].start = (size_t)line->start_index;
            lines[count].length = (size_t)line->length;
            lines[count].width = (float)logical.width / PANGO_SCALE;
        }
        count++;
    }
    g_object_unref(layout);
    return count;
}
