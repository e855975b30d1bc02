/* test_text.c - the text engine's behaviour, one named test per argument:
 *
 *   test_text FONT_TABLE CORPUS_DIR TEST_NAME
 *
 * Each test asserts what its name says; see tests/meson.build. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "cache.h"
#include "check.h"
#include "log.h"
#include "text.h"
#include "text_render.h"

static const char *font_table;
static const char *corpus_dir;
static const char *const languages[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                        "pa", "bn", "ti", "zh", "ro", "sq", "uk"};
#define LANGUAGE_COUNT (sizeof languages / sizeof *languages)

/* ---- helpers ------------------------------------------------------------ */

typedef struct log_capture {
    int warnings, errors;
    char last[1024];
} log_capture;

static void capture_sink(log_level level, const char *module, const char *message, void *user)
{
    log_capture *capture = user;
    if (level == LOG_WARNING)
        capture->warnings++;
    if (level == LOG_ERROR)
        capture->errors++;
    snprintf(capture->last, sizeof capture->last, "%s: %s", module, message);
}

static text_engine *engine_from(const char *table)
{
    char *error = NULL;
    text_engine *engine = text_engine_create(table, &error);
    CHECK(engine != NULL, "cannot create engine: %s", error ? error : "?");
    free(error);
    return engine;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, file) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(file);
    if (data) {
        data[size] = '\0';
        *length = (size_t)size;
    }
    return data;
}

/* The corpus paragraphs of a language: blank-line separated, one per line. */
static size_t corpus_paragraphs(const char *language, char ***out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.txt", corpus_dir, language);
    size_t length;
    char *data = read_file(path, &length);
    CHECK(data != NULL, "cannot read %s", path);
    *out = NULL;
    if (!data)
        return 0;
    size_t count = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        if (!*line)
            continue;
        *out = realloc(*out, (count + 1) * sizeof **out);
        (*out)[count++] = strdup(line);
    }
    free(data);
    return count;
}

static void free_paragraphs(char **paragraphs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paragraphs[i]);
    free(paragraphs);
}

/* Byte offsets where grapheme clusters start, by ICU directly: an oracle
 * independent of the engine's own segmentation. */
static unsigned char *grapheme_starts(const char *utf8, size_t length)
{
    unsigned char *starts = calloc(length + 1, 1);
    UChar *text = malloc((length + 1) * sizeof *text);
    int32_t *byte_of = malloc((length + 1) * sizeof *byte_of);
    int32_t n = 0;
    for (int32_t i = 0; i < (int32_t)length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)utf8, i, (int32_t)length, c);
        if (c < 0)
            c = 0xFFFD;
        if (U16_LENGTH(c) == 2) {
            byte_of[n] = start;
            text[n++] = U16_LEAD(c);
            byte_of[n] = start;
            text[n++] = U16_TRAIL(c);
        } else {
            byte_of[n] = start;
            text[n++] = (UChar)c;
        }
    }
    byte_of[n] = (int32_t)length;
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_CHARACTER, "", text, n, &status);
    for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it))
        starts[byte_of[b]] = 1;
    ubrk_close(it);
    free(text);
    free(byte_of);
    return starts;
}

/* Checks the invariants every layout keeps: lines cover the text in order
 * with no gap, each starts at a grapheme boundary, each fits the box unless
 * it holds a single grapheme cluster. */
static void check_layout_invariants(const char *what, const char *utf8, size_t length,
                                    const text_layout *layout, int width)
{
    unsigned char *starts = grapheme_starts(utf8, length);
    size_t expected = 0;
    for (size_t i = 0; i < text_layout_line_count(layout); i++) {
        const text_line *line = text_layout_line(layout, i);
        CHECK(line->start == expected, "%s: line %zu starts at %zu, expected %zu", what, i,
              line->start, expected);
        CHECK(line->end > line->start, "%s: line %zu is empty", what, i);
        CHECK(starts[line->start], "%s: line %zu starts inside a grapheme cluster (byte %zu)", what,
              i, line->start);
        size_t clusters = 0;
        for (size_t b = line->start; b < line->end; b++)
            clusters += starts[b];
        if (width >= 0 && clusters > 1)
            CHECK(line->width <= (float)(width < 1 ? 1 : width) + 0.01f,
                  "%s: line %zu is %.1f px wide in a %d px box", what, i, line->width, width);
        expected = line->end;
    }
    CHECK(expected == length || length == 0, "%s: lines end at %zu of %zu bytes", what, expected,
          length);
    free(starts);
}

/* ---- tests -------------------------------------------------------------- */

static void text_empty_paragraph_has_no_lines(void)
{
    text_engine *engine = engine_from(font_table);
    text_params params = text_params_default("ar", 300, 20);
    text_layout *layout = text_layout_create(engine, "", 0, &params);
    CHECK(layout && text_layout_line_count(layout) == 0, "empty text gave lines");
    CHECK(layout && text_layout_height(layout) == 0, "empty text has height");
    text_layout_destroy(layout);
    layout = text_layout_create(engine, NULL, 5, &params);
    CHECK(layout && text_layout_line_count(layout) == 0, "NULL text gave lines");
    text_layout_destroy(layout);
    text_engine_destroy(engine);
}

static void text_invalid_utf8_becomes_replacement_and_is_logged(void)
{
    log_capture capture = {0};
    log_set_sink(capture_sink, &capture);
    text_engine *engine = engine_from(font_table);
    /* a lone continuation byte, a truncated 3-byte sequence, an overlong
     * encoding, a surrogate encoded in UTF-8, and a byte never valid */
    static const char bad[] = "ok \x80 a\xE2\x82 b\xC0\xAF c\xED\xA0\x80 d\xFF end";
    text_params params = text_params_default("it", 1000, 20);
    text_layout *layout = text_layout_create(engine, bad, sizeof bad - 1, &params);
    CHECK(layout && text_layout_line_count(layout) == 1, "expected one line");
    text_engine_stats stats = text_engine_get_stats(engine);
    CHECK(stats.invalid_utf8 >= 5, "only %zu ill-formed sequences counted", stats.invalid_utf8);
    CHECK(capture.warnings >= 1 && strstr(capture.last, "invalid UTF-8"),
          "no log line about invalid UTF-8 (last: %s)", capture.last);
    /* U+FFFD is drawn with a real glyph, not as a missing box */
    const text_line *line = layout ? text_layout_line(layout, 0) : NULL;
    for (size_t i = 0; line && i < line->glyph_count; i++)
        CHECK(!line->glyphs[i].missing, "glyph %zu is missing", i);
    if (line)
        check_layout_invariants("invalid", bad, sizeof bad - 1, layout, 1000);
    text_layout_destroy(layout);
    text_engine_destroy(engine);
    log_set_sink(NULL, NULL);
}

static void text_100kb_paragraph_lays_out_every_byte(void)
{
    text_engine *engine = engine_from(font_table);
    static const char *pieces[] = {"Il caporalato è un reato (art. 603-bis c.p.). ",
                                   "الرقم 800 290 290 مجاني. ", "免费热线 800 290 290。",
                                   "ਮੁਫ਼ਤ ਨੰਬਰ 800 290 290 ਹੈ। "};
    size_t capacity = 100 * 1024 + 256, length = 0;
    char *text = malloc(capacity);
    for (int i = 0; length + 64 < 100 * 1024; i++) {
        size_t piece = strlen(pieces[i % 4]);
        memcpy(text + length, pieces[i % 4], piece);
        length += piece;
    }
    const int widths[] = {600, 37};
    for (int w = 0; w < 2; w++) {
        text_params params = text_params_default("it", widths[w], 18);
        text_layout *layout = text_layout_create(engine, text, length, &params);
        CHECK(layout != NULL, "no layout");
        if (layout) {
            CHECK(text_layout_line_count(layout) > 100, "only %zu lines",
                  text_layout_line_count(layout));
            check_layout_invariants("100 KB", text, length, layout, widths[w]);
        }
        text_layout_destroy(layout);
    }
    /* a 100 KB word with no break opportunity at all */
    memset(text, 'a', 100 * 1024);
    text_params params = text_params_default("it", 300, 18);
    text_layout *layout = text_layout_create(engine, text, 100 * 1024, &params);
    CHECK(layout && text_layout_line_count(layout) > 100, "long word not broken");
    if (layout)
        check_layout_invariants("100 KB word", text, 100 * 1024, layout, 300);
    text_layout_destroy(layout);
    free(text);
    text_engine_destroy(engine);
}

static void text_narrow_boxes_put_one_cluster_per_line(void)
{
    text_engine *engine = engine_from(font_table);
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        char **paragraphs;
        size_t count = corpus_paragraphs(languages[l], &paragraphs);
        for (int width = 0; width <= 1 && count; width++) {
            text_params params = text_params_default(languages[l], width, 20);
            text_layout *layout =
                text_layout_create(engine, paragraphs[0], strlen(paragraphs[0]), &params);
            CHECK(layout && text_layout_line_count(layout) > 10, "%s width %d: too few lines",
                  languages[l], width);
            if (layout) {
                char what[64];
                snprintf(what, sizeof what, "%s width %d", languages[l], width);
                check_layout_invariants(what, paragraphs[0], strlen(paragraphs[0]), layout, width);
            }
            text_layout_destroy(layout);
        }
        free_paragraphs(paragraphs, count);
    }
    text_engine_destroy(engine);
}

static void text_corpus_lines_fit_and_keep_clusters_whole(void)
{
    text_engine *engine = engine_from(font_table);
    const int widths[] = {90, 240, 420, 700};
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        char **paragraphs;
        size_t count = corpus_paragraphs(languages[l], &paragraphs);
        for (size_t p = 0; p < count; p++)
            for (int w = 0; w < 4; w++) {
                text_params params = text_params_default(languages[l], widths[w], 20);
                size_t length = strlen(paragraphs[p]);
                text_layout *layout = text_layout_create(engine, paragraphs[p], length, &params);
                char what[64];
                snprintf(what, sizeof what, "%s paragraph %zu width %d", languages[l], p,
                         widths[w]);
                CHECK(layout != NULL, "%s: no layout", what);
                if (layout)
                    check_layout_invariants(what, paragraphs[p], length, layout, widths[w]);
                text_layout_destroy(layout);
            }
        free_paragraphs(paragraphs, count);
    }
    text_engine_stats stats = text_engine_get_stats(engine);
    CHECK(stats.missing_glyphs == 0, "%zu clusters of the corpus have no font",
          stats.missing_glyphs);
    text_engine_destroy(engine);
}

static void text_missing_font_file_logs_once_and_draws_boxes(void)
{
    char path[] = "/tmp/sportello-fonts-XXXXXX";
    int fd = mkstemp(path);
    FILE *table = fdopen(fd, "w");
    fprintf(table, "Latn * regular /nonexistent/NoSuchFont.ttf\n"
                   "* * regular /nonexistent/NoSuchFont.ttf\n");
    fclose(table);
    log_capture capture = {0};
    log_set_sink(capture_sink, &capture);
    text_engine *engine = engine_from(path);
    text_params params = text_params_default("it", 200, 20);
    text_layout *layout = NULL;
    for (int i = 0; i < 3; i++) { /* three layouts, one log line */
        text_layout_destroy(layout);
        const char *text = i == 2 ? "Un altro testo" : "Centro per l'Impiego";
        layout = text_layout_create(engine, text, strlen(text), &params);
    }
    CHECK(capture.errors == 1, "expected one error line, got %d", capture.errors);
    CHECK(strstr(capture.last, "NoSuchFont") != NULL || capture.warnings > 0,
          "log does not name the font: %s", capture.last);
    CHECK(layout && text_layout_line_count(layout) >= 1, "no lines without fonts");
    size_t boxes = 0;
    for (size_t l = 0; layout && l < text_layout_line_count(layout); l++) {
        const text_line *line = text_layout_line(layout, l);
        for (size_t g = 0; g < line->glyph_count; g++)
            boxes += line->glyphs[g].missing && line->glyphs[g].advance > 0;
    }
    CHECK(boxes >= 12, "only %zu boxes", boxes);
    /* and the boxes are visible: draw them and count dark pixels */
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, 240, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    text_renderer *tr = text_renderer_create(renderer, 256);
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    if (layout)
        text_renderer_draw(tr, layout, 10, 10, (SDL_Color){0, 0, 0, 255});
    SDL_RenderPresent(renderer);
    size_t dark = 0;
    for (int y = 0; y < surface->h; y++)
        for (int x = 0; x < surface->w; x++) {
            Uint32 pixel = ((Uint32 *)((Uint8 *)surface->pixels + y * surface->pitch))[x];
            dark += (pixel & 0xFF) < 128;
        }
    CHECK(dark > 100, "boxes not visible: %zu dark pixels", dark);
    text_renderer_destroy(tr);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    text_layout_destroy(layout);
    text_engine_destroy(engine);
    log_set_sink(NULL, NULL);
    remove(path);
}

static void text_unreadable_font_table_is_an_error_with_line(void)
{
    char path[] = "/tmp/sportello-fonts-XXXXXX";
    int fd = mkstemp(path);
    FILE *table = fdopen(fd, "w");
    fprintf(table, "# comment\nLatn * regular a.ttf\nArabic * regular b.ttf\n");
    fclose(table);
    char *error = NULL;
    text_engine *engine = text_engine_create(path, &error);
    CHECK(engine == NULL, "a bad script code was accepted");
    char expected[64];
    snprintf(expected, sizeof expected, "%s:3:", path);
    CHECK(error && strncmp(error, expected, strlen(expected)) == 0, "error is '%s'",
          error ? error : "(none)");
    free(error);
    text_engine_destroy(engine);
    remove(path);
    engine = text_engine_create("/nonexistent/fonts.txt", &error);
    CHECK(engine == NULL && error && strstr(error, "/nonexistent/fonts.txt"), "missing table");
    free(error);
}

static void text_only_combining_marks_gives_defined_output(void)
{
    text_engine *engine = engine_from(font_table);
    /* combining acute, Arabic fatha and shadda, Bengali virama, Gurmukhi
     * bindi: marks with no base */
    static const char marks[] = "\xCC\x81\xD9\x8E\xD9\x91\xE0\xA7\x8D\xE0\xA8\x82\xCC\x81";
    const int widths[] = {0, 1, 50, 500};
    for (int w = 0; w < 4; w++) {
        text_params params = text_params_default("ar", widths[w], 24);
        text_layout *layout = text_layout_create(engine, marks, sizeof marks - 1, &params);
        CHECK(layout && text_layout_line_count(layout) >= 1, "no line for marks at %d", widths[w]);
        if (layout)
            check_layout_invariants("marks", marks, sizeof marks - 1, layout, widths[w]);
        text_layout_destroy(layout);
    }
    text_engine_destroy(engine);
}

/* Visual (left to right) order of the digits of a line, as a string. */
static void visible_digits(const text_layout *layout, const char *utf8, char *out, size_t size)
{
    size_t n = 0;
    const text_line *line = text_layout_line(layout, 0);
    for (size_t g = 0; g < line->glyph_count && n + 1 < size; g++) {
        char c = utf8[line->glyphs[g].cluster];
        if ((c >= '0' && c <= '9') || c == ' ' || c == '-')
            out[n++] = c;
    }
    out[n] = '\0';
}

static void text_isolated_ltr_data_keeps_its_order_in_rtl(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *before, *after;
    } sentences[] = {
        {"ar", "اتصل بالرقم ", " من فضلك"},
        {"ur", "اس نمبر پر فون کریں ", " شکریہ"},
        {"fa", "با این شماره تماس بگیرید ", " لطفاً"},
    };
    for (size_t s = 0; s < 3; s++) {
        char *isolated, *plain;
        size_t n =
            strlen(sentences[s].before) + strlen("0376 - 123456") + strlen(sentences[s].after) + 1;
        plain = malloc(n);
        snprintf(plain, n, "%s0376 - 123456%s", sentences[s].before, sentences[s].after);
        isolated = strdup(sentences[s].before);
        CHECK(text_append_isolated(&isolated, "0376 - 123456", TEXT_DIRECTION_LTR), "append");
        isolated = realloc(isolated, strlen(isolated) + strlen(sentences[s].after) + 1);
        strcat(isolated, sentences[s].after);
        text_params params = text_params_default(sentences[s].language, 2000, 20);
        text_layout *with = text_layout_create(engine, isolated, strlen(isolated), &params);
        text_layout *without = text_layout_create(engine, plain, strlen(plain), &params);
        char seen_with[64], seen_without[64];
        visible_digits(with, isolated, seen_with, sizeof seen_with);
        visible_digits(without, plain, seen_without, sizeof seen_without);
        /* The digits and spaces in visual order: the number must read as in
         * Italian somewhere in it. */
        CHECK(strstr(seen_with, "0376 - 123456") != NULL, "%s: isolated number reads '%s'",
              sentences[s].language, seen_with);
        CHECK(strstr(seen_without, "0376 - 123456") == NULL,
              "%s: without isolation the number was expected to reorder, reads '%s' (the "
              "test would prove nothing)",
              sentences[s].language, seen_without);
        text_layout_destroy(with);
        text_layout_destroy(without);
        free(isolated);
        free(plain);
    }
    char *wrapped = text_isolate("a@b.it", TEXT_DIRECTION_LTR);
    CHECK(wrapped && strcmp(wrapped, "\xE2\x81\xA6"
                                     "a@b.it"
                                     "\xE2\x81\xA9") == 0,
          "LRI..PDI");
    free(wrapped);
    wrapped = text_isolate("x", TEXT_DIRECTION_AUTO);
    CHECK(wrapped && strncmp(wrapped, "\xE2\x81\xA8", 3) == 0, "FSI");
    free(wrapped);
    text_engine_destroy(engine);
}

/* A phone number in groups ("800 290 290") inside right-to-left text, as
 * translators write it, reads as it is dialled without any isolation:
 * the spaces between its groups do not take the paragraph's direction
 * (paragraph.c, number_groups_whole).  In Arabic, Urdu, Dari and Pashto,
 * with European and Arabic-Indic digits, at the start, middle and end. */
static void text_phone_number_groups_keep_their_order_in_rtl(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *before, *after;
    } sentences[] = {
        {"ar", "اتصل على ", " الآن"},
        {"ur", "اس نمبر پر فون کریں ", " شکریہ"},
        {"fa", "با این شماره تماس بگیرید ", ""},
        {"ps", "", " ته زنګ ووهئ"},
    };
    static const char *const numbers[] = {"800 290 290", "0376 2051", "112", "0376 205 1234"};
    for (size_t s = 0; s < sizeof sentences / sizeof *sentences; s++)
        for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
            char text[256], seen[64];
            snprintf(text, sizeof text, "%s%s%s", sentences[s].before, numbers[i],
                     sentences[s].after);
            text_params params = text_params_default(sentences[s].language, 2000, 20);
            text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
            visible_digits(layout, text, seen, sizeof seen);
            CHECK(strstr(seen, numbers[i]) != NULL, "%s: \"%s\" reads '%s'", sentences[s].language,
                  numbers[i], seen);
            text_layout_destroy(layout);
        }
    /* Arabic-Indic digits (bidi class AN) in groups: the first group first. */
    const char *indic = "اتصل على ٨٠٠ ٢٩٠ ٢٩٠ الآن";
    text_params params = text_params_default("ar", 2000, 20);
    text_layout *layout = text_layout_create(engine, indic, strlen(indic), &params);
    const text_line *line = text_layout_line(layout, 0);
    size_t eight = 0, last_two = 0; /* bytes of the first ٨ and of the last ٢ */
    const char *p8 = strstr(indic, "٨"), *p2 = strstr(indic, "٢٩٠ الآن");
    float x8 = -1, x2 = -1;
    for (size_t g = 0; g < line->glyph_count; g++) {
        if (line->glyphs[g].cluster == (size_t)(p8 - indic))
            x8 = line->glyphs[g].x, eight++;
        if (line->glyphs[g].cluster == (size_t)(p2 - indic))
            x2 = line->glyphs[g].x, last_two++;
    }
    CHECK(eight == 1 && last_two == 1 && x8 < x2,
          "Arabic-Indic groups: the first group (x %.0f) left of the last (x %.0f)", x8, x2);
    text_layout_destroy(layout);
    /* Numbers with words between them keep the sentence's order: the
     * tailoring joins only a single space between two digits. */
    const char *two = "اتصل على 112 أو 1522";
    layout = text_layout_create(engine, two, strlen(two), &params);
    char seen[64];
    visible_digits(layout, two, seen, sizeof seen);
    CHECK(strstr(seen, "1522") && strstr(seen, "112") && strstr(seen, "1522") < strstr(seen, "112"),
          "112 or 1522 in Arabic: 1522 at the left, reads '%s'", seen);
    text_layout_destroy(layout);
    text_engine_destroy(engine);
}

static const char *glyph_font_file(const text_layout *layout, size_t line, size_t glyph)
{
    const text_line *l = text_layout_line(layout, line);
    const char *path = text_font_path(l->glyphs[glyph].font);
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : "(none)";
}

static void text_urdu_gets_nastaliq_and_arabic_naskh(void)
{
    text_engine *engine = engine_from(font_table);
    const char *urdu = text_engine_font_for(engine, "ur", "Arab", TEXT_WEIGHT_REGULAR);
    const char *arabic = text_engine_font_for(engine, "ar", "Arab", TEXT_WEIGHT_REGULAR);
    const char *dari = text_engine_font_for(engine, "fa-AF", "Arab", TEXT_WEIGHT_REGULAR);
    CHECK(urdu && strstr(urdu, "NotoNastaliqUrdu-Regular"), "ur: %s", urdu ? urdu : "none");
    CHECK(arabic && strstr(arabic, "NotoNaskhArabic-Regular"), "ar: %s", arabic ? arabic : "none");
    CHECK(dari && strstr(dari, "NotoNaskhArabic"), "fa-AF: %s", dari ? dari : "none");
    static const char text[] = "مزدوروں کے حقوق";
    text_params params = text_params_default("ur", 500, 24);
    text_layout *layout = text_layout_create(engine, text, sizeof text - 1, &params);
    const text_line *line = text_layout_line(layout, 0);
    for (size_t g = 0; line && g < line->glyph_count; g++)
        CHECK(strcmp(glyph_font_file(layout, 0, g), "NotoNastaliqUrdu-Regular.ttf") == 0,
              "glyph %zu in %s", g, glyph_font_file(layout, 0, g));
    /* Nastaliq: the same letters shaped for Urdu sit on a sloping baseline,
     * so some glyph has a vertical offset; Naskh has none of that. */
    bool sloped = false;
    for (size_t g = 0; line && g < line->glyph_count; g++)
        sloped |= fabsf(line->glyphs[g].y) > 0.5f;
    CHECK(sloped, "no glyph of the Urdu words is raised: not shaped as Nastaliq");
    text_layout_destroy(layout);
    text_engine_destroy(engine);
}

static void text_fallback_chooses_a_font_per_cluster(void)
{
    text_engine *engine = engine_from(font_table);
    /* Italian with a Chinese word, an Arabic word, a Ge'ez word, a Gurmukhi
     * word and a symbol only the symbol fonts have */
    static const char text[] = "Aiuto 帮助 مساعدة እርዳታ ਮਦਦ \xE2\x9B\x91 fine";
    text_params params = text_params_default("it", 2000, 20);
    text_layout *layout = text_layout_create(engine, text, sizeof text - 1, &params);
    const text_line *line = text_layout_line(layout, 0);
    const struct {
        const char *word, *font;
    } expected[] = {
        {"A", "NotoSans-Regular.ttf"},         {"帮", "wqy-microhei.ttc#0"},
        {"م", "NotoNaskhArabic-Regular.ttf"},  {"እ", "NotoSansEthiopic-Regular.ttf"},
        {"ਮ", "NotoSansGurmukhi-Regular.ttf"}, {"\xE2\x9B\x91", "NotoSansSymbols2-Regular.ttf"}};
    for (size_t e = 0; e < sizeof expected / sizeof *expected; e++) {
        size_t offset = (size_t)(strstr(text, expected[e].word) - text);
        bool found = false;
        for (size_t g = 0; line && g < line->glyph_count; g++) {
            if (line->glyphs[g].cluster != offset)
                continue;
            found = true;
            CHECK(strcmp(glyph_font_file(layout, 0, g), expected[e].font) == 0,
                  "'%s' drawn with %s, expected %s", expected[e].word,
                  glyph_font_file(layout, 0, g), expected[e].font);
            CHECK(!line->glyphs[g].missing, "'%s' missing", expected[e].word);
        }
        CHECK(found, "no glyph for '%s'", expected[e].word);
    }
    text_layout_destroy(layout);
    text_engine_destroy(engine);
}

static void text_missing_glyph_is_a_box_and_logged(void)
{
    log_capture capture = {0};
    log_set_sink(capture_sink, &capture);
    text_engine *engine = engine_from(font_table);
    static const char text[] = "Tibetan \xE0\xBC\x80 here"; /* U+0F00: no font has it */
    text_params params = text_params_default("it", 500, 20);
    text_layout *layout = text_layout_create(engine, text, sizeof text - 1, &params);
    const text_line *line = text_layout_line(layout, 0);
    size_t missing = 0;
    for (size_t g = 0; line && g < line->glyph_count; g++)
        if (line->glyphs[g].missing) {
            missing++;
            CHECK(line->glyphs[g].cluster == 8, "box at byte %u", line->glyphs[g].cluster);
            CHECK(line->glyphs[g].advance > 5, "box too narrow");
        }
    CHECK(missing == 1, "%zu boxes", missing);
    CHECK(capture.warnings == 1 && strstr(capture.last, "U+0F00"), "log: %s", capture.last);
    CHECK(text_engine_get_stats(engine).missing_glyphs == 1, "stats");
    text_layout_destroy(layout);
    text_engine_destroy(engine);
    log_set_sink(NULL, NULL);
}

static void text_long_word_is_broken_at_clusters(void)
{
    text_engine *engine = engine_from(font_table);
    static const char *words[] = {"Donaudampfschifffahrtsgesellschaftskapitän",
                                  "ਪੰਜਾਬੀਪੰਜਾਬੀਪੰਜਾਬੀਪੰਜਾਬੀਪੰਜਾਬੀ", "শ্রমিকেরশ্রমিকেরশ্রমিকেরশ্রমিকের"};
    for (size_t w = 0; w < 3; w++) {
        text_params params = text_params_default(w == 0 ? "it" : w == 1 ? "pa" : "bn", 80, 20);
        text_layout *layout = text_layout_create(engine, words[w], strlen(words[w]), &params);
        CHECK(layout && text_layout_line_count(layout) >= 3, "%s: %zu lines", words[w],
              layout ? text_layout_line_count(layout) : 0);
        if (layout)
            check_layout_invariants(words[w], words[w], strlen(words[w]), layout, 80);
        text_layout_destroy(layout);
    }
    text_engine_destroy(engine);
}

static void text_alignment_mirrors_with_direction(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *text;
    } samples[] = {{"it", "Aiuto"}, {"ar", "مساعدة"}};
    for (int s = 0; s < 2; s++) {
        bool rtl = s == 1;
        const text_align aligns[] = {TEXT_ALIGN_START, TEXT_ALIGN_END, TEXT_ALIGN_CENTER};
        for (int a = 0; a < 3; a++) {
            text_params params = text_params_default(samples[s].language, 400, 20);
            params.align = aligns[a];
            text_layout *layout =
                text_layout_create(engine, samples[s].text, strlen(samples[s].text), &params);
            const text_line *line = text_layout_line(layout, 0);
            CHECK(line && line->rtl == rtl, "%s direction", samples[s].language);
            float left = line->x, right = 400 - (line->x + line->width);
            bool at_left = (aligns[a] == TEXT_ALIGN_START) != rtl;
            if (aligns[a] == TEXT_ALIGN_CENTER)
                CHECK(fabsf(left - right) < 1, "%s centre: %.1f vs %.1f", samples[s].language, left,
                      right);
            else if (at_left)
                CHECK(fabsf(left) < 0.01f, "%s align %d: x %.1f", samples[s].language, a, left);
            else
                CHECK(fabsf(right) < 0.01f, "%s align %d: right gap %.1f", samples[s].language, a,
                      right);
            CHECK(fabsf(line->glyphs[0].x - line->x) < 3, "first glyph not at line x");
            text_layout_destroy(layout);
        }
    }
    text_engine_destroy(engine);
}

static uint32_t ellipsis_glyph(text_engine *engine, const char *language)
{
    text_params params = text_params_default(language, -1, 20);
    text_layout *layout = text_layout_create(engine, "\xE2\x80\xA6", 3, &params);
    uint32_t id = text_layout_line(layout, 0)->glyphs[0].glyph_id;
    text_layout_destroy(layout);
    return id;
}

static void text_ellipsis_at_logical_end_in_both_directions(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *text;
    } samples[] = {{"en", "Free anti-trafficking helpline, 24 hours a day, every day"},
                   {"ar", "الرقم الأخضر لمكافحة الاتجار بالبشر مجاني ومتاح على مدار الساعة"}};
    for (int s = 0; s < 2; s++) {
        text_params params = text_params_default(samples[s].language, 200, 20);
        params.max_lines = 1;
        text_layout *layout =
            text_layout_create(engine, samples[s].text, strlen(samples[s].text), &params);
        CHECK(text_layout_line_count(layout) == 1, "%zu lines", text_layout_line_count(layout));
        const text_line *line = text_layout_line(layout, 0);
        CHECK(line->ellipsis, "%s: no ellipsis flag", samples[s].language);
        CHECK(line->width <= 200.01f, "%s: %.1f wide", samples[s].language, line->width);
        uint32_t dots = ellipsis_glyph(engine, samples[s].language);
        /* the logical end is on the right in LTR, on the left in RTL */
        const text_glyph *end = s == 0 ? &line->glyphs[line->glyph_count - 1] : &line->glyphs[0];
        CHECK(end->glyph_id == dots, "%s: the %s glyph is not the ellipsis", samples[s].language,
              s == 0 ? "rightmost" : "leftmost");
        CHECK(line->end == strlen(samples[s].text), "line end %zu", line->end);
        text_layout_destroy(layout);
        /* two lines allowed: the first is whole, the second cut */
        params.max_lines = 2;
        layout = text_layout_create(engine, samples[s].text, strlen(samples[s].text), &params);
        CHECK(text_layout_line_count(layout) == 2, "max_lines 2 gave %zu",
              text_layout_line_count(layout));
        CHECK(!text_layout_line(layout, 0)->ellipsis && text_layout_line(layout, 1)->ellipsis,
              "ellipsis on the wrong line");
        text_layout_destroy(layout);
        /* text that fits gets no ellipsis */
        params.width = 2000;
        layout = text_layout_create(engine, samples[s].text, strlen(samples[s].text), &params);
        CHECK(!text_layout_line(layout, 0)->ellipsis, "ellipsis on text that fits");
        text_layout_destroy(layout);
    }
    text_engine_destroy(engine);
}

/* Draws a layout with a margin and returns the number of inked pixels
 * outside the layout's own box (that ink would be clipped on screen). */
static size_t ink_outside(text_renderer *tr, SDL_Renderer *renderer, SDL_Surface *surface,
                          const text_layout *layout, int margin)
{
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    text_renderer_draw(tr, layout, (float)margin, (float)margin, (SDL_Color){0, 0, 0, 255});
    SDL_RenderPresent(renderer);
    int top = margin, bottom = margin + (int)ceilf(text_layout_height(layout));
    size_t outside = 0;
    for (int y = 0; y < surface->h; y++) {
        if (y >= top && y < bottom)
            continue;
        for (int x = 0; x < surface->w; x++) {
            Uint32 pixel = ((Uint32 *)((Uint8 *)surface->pixels + y * surface->pitch))[x];
            outside += (pixel & 0xFF) < 200;
        }
    }
    return outside;
}

static void text_nastaliq_line_height_holds_all_ink(void)
{
    text_engine *engine = engine_from(font_table);
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, 560, 2400, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    text_renderer *tr = text_renderer_create(renderer, 0);
    const char *languages_checked[] = {"ur", "ar", "ps", "bn", "pa", "ti"};
    for (int l = 0; l < 6; l++) {
        char **paragraphs;
        size_t count = corpus_paragraphs(languages_checked[l], &paragraphs);
        for (size_t p = 0; p < count; p++) {
            text_params params = text_params_default(languages_checked[l], 400, 28);
            text_layout *layout =
                text_layout_create(engine, paragraphs[p], strlen(paragraphs[p]), &params);
            CHECK(text_layout_height(layout) < 2200, "too tall to test: %.0f",
                  text_layout_height(layout));
            size_t outside = ink_outside(tr, renderer, surface, layout, 80);
            CHECK(outside == 0, "%s paragraph %zu: %zu inked pixels outside the layout box",
                  languages_checked[l], p, outside);
            text_layout_destroy(layout);
        }
        free_paragraphs(paragraphs, count);
    }
    text_renderer_destroy(tr);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    text_engine_destroy(engine);
}

/* Nastaliq and Naskh read as large at the same style size, by the fonts'
 * own letters: the body of the round heh (no dots, no ascender: the
 * script's x-height) is as tall in Noto Nastaliq Urdu (Urdu's ہ and ه) as
 * in Noto Naskh Arabic (ه), within 10 %, so Urdu needs no size factor
 * (measured at 100 px: 40.8 px Naskh, 41.1 Nastaliq).  Words in Nastaliq
 * reach higher (the letters cascade down to the baseline: محنت's ink is
 * 2.6 times as tall), which its taller lines hold
 * (text_nastaliq_line_height_holds_all_ink), not a bigger size.  A font
 * table that picked a smaller-bodied face for Urdu fails here. */
static void text_nastaliq_letters_read_as_large_as_naskh_at_the_same_size(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *text;
    } samples[] = {{"ar", "\xd9\x87"}, {"ur", "\xd9\x87"}, {"ur", "\xdb\x81"}};
    float naskh = 0;
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        text_params params = text_params_default(samples[i].language, -1, 100);
        text_layout *layout =
            text_layout_create(engine, samples[i].text, strlen(samples[i].text), &params);
        float top = 0, bottom = 0;
        bool inked = layout && text_layout_ink(layout, &top, &bottom);
        text_layout_destroy(layout);
        CHECK(inked, "%s %s: no ink", samples[i].language, samples[i].text);
        float height = bottom - top;
        if (i == 0)
            naskh = height;
        printf("%s %s: body %.1f px at 100 px\n", samples[i].language, samples[i].text, height);
        CHECK(naskh > 0 && fabsf(height / naskh - 1.0f) <= 0.10f,
              "%s %s: body %.1f px against Naskh's %.1f px", samples[i].language, samples[i].text,
              height, naskh);
    }
    text_engine_destroy(engine);
}

static void text_brackets_are_mirrored_in_rtl(void)
{
    text_engine *engine = engine_from(font_table);
    text_params ltr = text_params_default("ar", -1, 20);
    ltr.direction = TEXT_DIRECTION_LTR;
    text_layout *closing = text_layout_create(engine, ")", 1, &ltr);
    text_layout *opening = text_layout_create(engine, "(", 1, &ltr);
    uint32_t close_id = text_layout_line(closing, 0)->glyphs[0].glyph_id;
    uint32_t open_id = text_layout_line(opening, 0)->glyphs[0].glyph_id;
    CHECK(close_id != open_id, "brackets share a glyph");
    static const char text[] = "(مرحبا)";
    text_params rtl = text_params_default("ar", -1, 20);
    text_layout *layout = text_layout_create(engine, text, sizeof text - 1, &rtl);
    const text_line *line = text_layout_line(layout, 0);
    /* Logical "(" comes first, so it is on the right, drawn as ")" would be
     * in left-to-right text: mirrored (UAX #9 L4). */
    CHECK(line->glyphs[line->glyph_count - 1].cluster == 0, "opening bracket not rightmost");
    CHECK(line->glyphs[line->glyph_count - 1].glyph_id == close_id, "not mirrored");
    CHECK(line->glyphs[0].glyph_id == open_id, "closing bracket not mirrored");
    text_layout_destroy(layout);
    text_layout_destroy(opening);
    text_layout_destroy(closing);
    text_engine_destroy(engine);
}

/* ---- bracketed glosses ---------------------------------------------------- */

/* Kiosk sentences (po-content) with Italian glosses in brackets, and the
 * other way round: an Arabic gloss in an Italian sentence.  The last one
 * has brackets in its own direction, which the rule leaves alone. */
static const struct {
    const char *language, *text;
    bool glossed; /* false: same-direction brackets */
} bracketed[] = {
    {"ar", "تصريح الإقامة (permesso di soggiorno)", true},
    {"ar",
     "إذا كان عندك تصريح إقامة للعمل، أو للعائلة، أو للجوء، أو للحماية، فيجب أن تسجّل في "
     "الخدمة الصحية الوطنية (art. 34 D.Lgs. 286/1998). بعد التسجيل تحصل على البطاقة الصحية "
     "(tessera sanitaria) وتختار طبيب العائلة (medico di base).",
     true},
    {"ur", "رہائشی اجازت نامہ (permesso di soggiorno)", true},
    {"ur",
     "اگر آپ کے پاس کام، خاندان، سیاسی پناہ یا تحفظ (protezione) کی بنیاد پر رہائشی اجازت نامہ "
     "(permesso di soggiorno) ہے تو آپ کو قومی صحت سروس (Servizio Sanitario Nazionale) میں "
     "رجسٹریشن کرانی ہوگی (art. 34 D.Lgs. 286/1998)۔",
     true},
    {"fa", "اجازه اقامت (permesso di soggiorno)", true},
    {"fa",
     "اگر اجازه اقامت برای کار، خانواده، پناهندگی یا حمایت دارید، باید در خدمات صحی ملی ثبت نام "
     "کنید (art. 34 D.Lgs. 286/1998). با ثبت نام، کارت صحی (tessera sanitaria) می\u200cگیرید و "
     "داکتر خانواده (medico di base) خود را انتخاب می\u200cکنید.",
     true},
    {"ps", "د اوسېدو اجازه (permesso di soggiorno)", true},
    {"ps",
     "که تاسو د کار، کورنۍ، پناه غوښتنې یا ساتنې لپاره د اوسېدو اجازه لرئ، باید په ملي روغتیايي "
     "خدمت کې نوم ولیکئ (art. 34 D.Lgs. 286/1998). د نوم لیکنې سره روغتیايي کارت (tessera "
     "sanitaria) اخلئ او د کورنۍ ډاکټر (medico di base) غوره کوئ.",
     true},
    {"it", "Porta sempre con te il permesso di soggiorno (تصريح الإقامة) e un documento.", true},
    {"it", "Porta sempre con te il documento di soggiorno (permesso di soggiorno) e la carta.",
     false},
};

/* Width of the glyphs whose cluster lies in the bytes [from, to) of a
 * one-line layout: what the engine measures for that range. */
static float range_width(const text_layout *layout, size_t from, size_t to)
{
    const text_line *line = text_layout_line(layout, 0);
    float width = 0;
    for (size_t g = 0; g < line->glyph_count; g++)
        if (line->glyphs[g].cluster >= from && line->glyphs[g].cluster < to)
            width += line->glyphs[g].advance;
    return width;
}

static size_t line_holding(const text_layout *layout, size_t byte)
{
    size_t i = 0;
    while (i + 1 < text_layout_line_count(layout) && text_layout_line(layout, i)->end <= byte)
        i++;
    return i;
}

/* A line made of nothing but brackets, spaces and punctuation. */
static bool only_brackets(const char *utf8, size_t start, size_t end)
{
    for (size_t b = start; b < end; b++)
        if (!strchr("() .,:;", utf8[b]) && strncmp(utf8 + b, "۔", strlen("۔")) != 0)
            return false;
        else if (utf8[b] & 0x80)
            b += strlen("۔") - 1;
    return true;
}

static void text_bracketed_gloss_is_never_split_when_it_fits(void)
{
    text_engine *engine = engine_from(font_table);
    for (size_t s = 0; s < sizeof bracketed / sizeof *bracketed; s++) {
        const char *language = bracketed[s].language, *text = bracketed[s].text;
        size_t length = strlen(text);
        text_params wide = text_params_default(language, -1, 20);
        text_layout *one = text_layout_create(engine, text, length, &wide);
        size_t kept = 0, moved = 0, split = 0, too_wide = 0;
        for (int width = 40; width <= 900; width += 3) {
            text_params params = text_params_default(language, width, 20);
            text_layout *layout = text_layout_create(engine, text, length, &params);
            char what[64];
            snprintf(what, sizeof what, "%s sentence %zu at %d px", language, s, width);
            check_layout_invariants(what, text, length, layout, width);
            size_t lines = text_layout_line_count(layout);
            for (const char *open = strchr(text, '('); open; open = strchr(open + 1, '(')) {
                size_t from = (size_t)(open - text), close = (size_t)(strchr(open, ')') - text);
                /* The unit that moves: the brackets and what is glued after
                 * them ("." or "۔"), up to the next space. */
                size_t to = close + 1;
                while (to < length && text[to] != ' ')
                    to++;
                float unit = range_width(one, from, to), inner = range_width(one, from, close + 1);
                size_t first = line_holding(layout, from), last = line_holding(layout, close);
                bool whole = first == last;
                if (first == last && text_layout_line(layout, first)->start == from && from > 0)
                    moved++;
                if (!bracketed[s].glossed) {
                    split += unit < (float)width - 0.5f && !whole;
                    continue;
                }
                if (unit <= (float)width - 0.5f) {
                    CHECK(whole, "%s: the gloss at byte %zu (%.1f px) is split over lines %zu-%zu",
                          what, from, unit, first, last);
                    kept++;
                } else if (inner > (float)width + 0.5f) {
                    too_wide++;
                }
            }
            /* Never a lone bracket, whatever the width. */
            for (size_t i = 0; i < lines; i++) {
                const text_line *line = text_layout_line(layout, i);
                size_t end = line->end;
                while (end > line->start && text[end - 1] == ' ')
                    end--;
                CHECK(!only_brackets(text, line->start, end), "%s: line %zu holds only \"%.*s\"",
                      what, i, (int)(end - line->start), text + line->start);
                CHECK(text[end - 1] != '(', "%s: line %zu ends with \"(\"", what, i);
                CHECK(text[line->start] != ')', "%s: line %zu starts with \")\"", what, i);
            }
            text_layout_destroy(layout);
        }
        /* The widths went through every case. */
        if (bracketed[s].glossed) {
            CHECK(kept > 0 && moved > 0, "%s sentence %zu: no gloss kept by moving it (%zu, %zu)",
                  language, s, kept, moved);
            CHECK(too_wide > 0, "%s sentence %zu: no gloss wider than the box", language, s);
        } else {
            CHECK(split > 0,
                  "%s sentence %zu: brackets in the paragraph's own direction were "
                  "never split: the rule is only for glosses",
                  language, s);
        }
        text_layout_destroy(one);
    }
    text_engine_destroy(engine);
}

/* ---- ink of neighbouring runs ------------------------------------------ */

typedef struct ink_box {
    float left, right, top, bottom; /* pixels, y down, layout coordinates */
    bool empty;
} ink_box;

/* Ink box of a glyph as placed on `line`. */
static ink_box glyph_ink(const text_line *line, const text_glyph *g, float size)
{
    ink_box box = {.empty = true};
    if (text_glyph_ink(g, size, &box.left, &box.top, &box.right, &box.bottom)) {
        box.top += line->baseline;
        box.bottom += line->baseline;
        box.empty = false;
    }
    return box;
}

static void grow(ink_box *box, ink_box with)
{
    if (with.empty)
        return;
    if (box->empty) {
        *box = with;
        return;
    }
    box->left = fminf(box->left, with.left);
    box->right = fmaxf(box->right, with.right);
    box->top = fminf(box->top, with.top);
    box->bottom = fmaxf(box->bottom, with.bottom);
}

static bool is_nastaliq(const text_font *font)
{
    const char *path = font ? text_font_path(font) : NULL;
    return path && strstr(path, "Nastaliq");
}

/* On every line, the glyphs in visual order fall into groups of one font;
 * where a Nastaliq group meets a group of another font (a bracket, a Latin
 * word, a digit), the two ink boxes keep at least `gap` pixels apart.
 * Returns the number of such meetings. */
static size_t check_nastaliq_neighbours(const char *what, const text_layout *layout, float gap)
{
    size_t meetings = 0;
    float size = text_layout_size(layout);
    for (size_t i = 0; i < text_layout_line_count(layout); i++) {
        const text_line *line = text_layout_line(layout, i);
        ink_box previous = {.empty = true};
        const text_font *previous_font = NULL;
        size_t g = 0;
        while (g < line->glyph_count) {
            const text_font *font = line->glyphs[g].font;
            ink_box box = {.empty = true};
            size_t first = g;
            for (; g < line->glyph_count && line->glyphs[g].font == font; g++)
                grow(&box, glyph_ink(line, &line->glyphs[g], size));
            if (first > 0 && !previous.empty && !box.empty &&
                (is_nastaliq(font) || is_nastaliq(previous_font))) {
                meetings++;
                CHECK(
                    box.left - previous.right >= gap,
                    "%s: line %zu: %s ink ends at x %.1f, %s ink starts at %.1f (gap %.1f < %.1f)",
                    what, i, text_font_path(previous_font), previous.right, text_font_path(font),
                    box.left, box.left - previous.right, gap);
            }
            if (!box.empty) {
                previous = box;
                previous_font = font;
            }
        }
    }
    return meetings;
}

static void text_nastaliq_ink_keeps_clear_of_brackets_and_latin(void)
{
    static const char *const extra[] = {
        "تشدد اور stalking (پیچھا کر کے ہراساں کرنا) کے خلاف قومی نمبر۔ یہاں 11 زبانوں میں "
        "جواب دیا جاتا ہے۔",
        "1522 - تشدد اور ہراسانی (stalking) کے خلاف نمبر",
        "Caporalato (غیر قانونی ٹھیکیداری) جرم ہے",
        "رہائشی اجازت نامہ (permesso di soggiorno)",
    };
    text_engine *engine = engine_from(font_table);
    char **paragraphs;
    size_t count = corpus_paragraphs("ur", &paragraphs);
    static const int widths[] = {-1, 240, 420, 700};
    static const float sizes[] = {20, 32};
    size_t meetings = 0;
    for (size_t p = 0; p < count + sizeof extra / sizeof *extra; p++) {
        const char *text = p < count ? paragraphs[p] : extra[p - count];
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
            for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
                text_params params = text_params_default("ur", widths[w], sizes[s]);
                text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
                char what[64];
                snprintf(what, sizeof what, "ur text %zu at %d px, %.0f px", p, widths[w],
                         (double)sizes[s]);
                check_layout_invariants(what, text, strlen(text), layout, widths[w]);
                meetings += check_nastaliq_neighbours(what, layout, sizes[s] * 0.05f);
                text_layout_destroy(layout);
            }
    }
    CHECK(meetings > 100, "only %zu places where Nastaliq meets another font", meetings);
    free_paragraphs(paragraphs, count);
    text_engine_destroy(engine);
}

/* ---- line pitch -------------------------------------------------------- */

/* Whether every glyph of the line is in a font whose file name has `name`. */
static bool line_all_in(const text_line *line, const char *name)
{
    for (size_t g = 0; g < line->glyph_count; g++) {
        const char *path = text_font_path(line->glyphs[g].font);
        if (!path || !strstr(path, name))
            return false;
    }
    return line->glyph_count > 0;
}

static void text_line_pitch_is_constant_within_a_paragraph(void)
{
    /* Bengali, Gurmukhi and Tigrinya paragraphs with Latin words, some
     * narrow enough for a line of Latin alone; and every corpus paragraph. */
    static const struct {
        const char *language, *text;
    } mixed[] = {
        {"bn", "আপনি Centro per l'Impiego di Castiglione delle Stiviere-এ নাম লেখাতে পারেন। "
               "ঠিকানা: Via Don Maraglio 4, Mantova।"},
        {"pa", "ਤੁਸੀਂ Centro per l'Impiego di Castiglione delle Stiviere ਵਿੱਚ ਨਾਮ ਦਰਜ ਕਰਵਾ "
               "ਸਕਦੇ ਹੋ। ਪਤਾ: Via Don Maraglio 4, Mantova।"},
        {"ti", "ኣብ Centro per l'Impiego di Castiglione delle Stiviere ክትምዝገቡ ትኽእሉ ኢኹም። "
               "ኣድራሻ፡ Via Don Maraglio 4, Mantova።"},
    };
    static const char *const own_font[] = {"Bengali", "Gurmukhi", "Ethiopic"};
    text_engine *engine = engine_from(font_table);
    size_t latin_lines = 0;
    for (size_t l = 0; l < LANGUAGE_COUNT + sizeof mixed / sizeof *mixed; l++) {
        char **paragraphs = NULL;
        size_t count = 1;
        const char *language;
        if (l < LANGUAGE_COUNT) {
            language = languages[l];
            count = corpus_paragraphs(language, &paragraphs);
        } else {
            language = mixed[l - LANGUAGE_COUNT].language;
        }
        for (size_t p = 0; p < count; p++) {
            const char *text = paragraphs ? paragraphs[p] : mixed[l - LANGUAGE_COUNT].text;
            for (int width = 120; width <= 720; width += 60) {
                text_params params = text_params_default(language, width, 20);
                text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
                size_t lines = text_layout_line_count(layout);
                const text_line *first = text_layout_line(layout, 0);
                float pitch = first->ascent + first->descent;
                for (size_t i = 0; i < lines; i++) {
                    const text_line *line = text_layout_line(layout, i);
                    CHECK(line->ascent == first->ascent && line->descent == first->descent,
                          "%s paragraph %zu at %d px: line %zu is %.0f + %.0f px, line 0 %.0f + "
                          "%.0f px",
                          language, p, width, i, (double)line->ascent, (double)line->descent,
                          (double)first->ascent, (double)first->descent);
                    CHECK(fabsf(line->baseline - first->baseline - pitch * (float)i) < 0.01f,
                          "%s paragraph %zu at %d px: baseline %zu at %.1f, pitch %.1f", language,
                          p, width, i, (double)line->baseline, (double)pitch);
                    if (!paragraphs && line_all_in(line, "NotoSans-") &&
                        !line_all_in(line, own_font[l - LANGUAGE_COUNT]))
                        latin_lines++;
                }
                CHECK(fabsf(text_layout_height(layout) - pitch * (float)lines) < 0.01f,
                      "%s paragraph %zu at %d px: %zu lines of %.0f px in %.1f px", language, p,
                      width, lines, (double)pitch, (double)text_layout_height(layout));
                text_layout_destroy(layout);
            }
        }
        free_paragraphs(paragraphs, paragraphs ? count : 0);
    }
    CHECK(latin_lines >= 3, "only %zu lines of Latin alone in bn, pa, ti paragraphs", latin_lines);
    text_engine_destroy(engine);
}

static void text_unchanged_paragraph_comes_from_cache(void)
{
    text_engine *engine = engine_from(font_table);
    static const char text[] = "Centro per l'Impiego di Mantova, Via Don Maraglio 4";
    text_params params = text_params_default("it", 300, 20);
    text_layout *first = text_layout_create(engine, text, sizeof text - 1, &params);
    text_layout *second = text_layout_create(engine, text, sizeof text - 1, &params);
    CHECK(first == second, "second layout not from the cache");
    text_engine_stats stats = text_engine_get_stats(engine);
    CHECK(stats.layout_cache_hits == 1 && stats.layout_cache_misses == 1, "hits %zu misses %zu",
          stats.layout_cache_hits, stats.layout_cache_misses);
    params.width = 120; /* a new width reuses the shaped paragraph */
    text_layout *narrow = text_layout_create(engine, text, sizeof text - 1, &params);
    stats = text_engine_get_stats(engine);
    CHECK(stats.shape_cache_hits == 1, "shaped paragraph not reused (%zu)", stats.shape_cache_hits);
    CHECK(text_layout_line_count(narrow) > text_layout_line_count(first), "narrow not narrower");
    text_engine_clear_caches(engine);
    CHECK(text_layout_line_count(first) >= 1, "held layout broken by clearing");
    text_layout_destroy(first);
    text_layout_destroy(second);
    text_layout_destroy(narrow);
    text_engine_destroy(engine);
}

/* Values of the cost-bounded cache test: how often each was released. */
enum { LRU_VALUES = 8 };
static int released[LRU_VALUES];

static void count_release(void *value)
{
    released[(int *)value - released]++;
}

/* Puts value `i` under the key "k<i>" at `cost`. */
static bool put_value(lru_cache *cache, int i, size_t cost)
{
    char key[8];
    snprintf(key, sizeof key, "k%d", i);
    return lru_cache_put(cache, key, strlen(key), &released[i], cost);
}

static bool holds(lru_cache *cache, int i)
{
    char key[8];
    snprintf(key, sizeof key, "k%d", i);
    return lru_cache_get(cache, key, strlen(key)) == &released[i];
}

static void lru_cache_evicts_by_cost_refuses_oversize_and_releases_once(void)
{
    lru_cache *cache = lru_cache_create(LRU_UNBOUNDED, count_release);
    CHECK(cache != NULL, "no cache");
    if (!cache)
        return;
    lru_cache_set_cost_limit(cache, 100, 40);
    for (int i = 0; i < 3; i++)
        CHECK(put_value(cache, i, 30), "value %d refused", i);
    CHECK(lru_cache_count(cache) == 3 && lru_cache_cost(cache) == 90, "%zu entries cost %zu",
          lru_cache_count(cache), lru_cache_cost(cache));

    /* 0 used last: 3 pushes out 1, the least recently used, and only it. */
    CHECK(holds(cache, 0), "0 not held");
    CHECK(put_value(cache, 3, 30), "value 3 refused");
    CHECK(released[1] == 1 && released[0] == 0 && released[2] == 0 && released[3] == 0,
          "released %d %d %d %d", released[0], released[1], released[2], released[3]);
    CHECK(!holds(cache, 1) && holds(cache, 0) && holds(cache, 2) && holds(cache, 3),
          "wrong entries held");
    CHECK(lru_cache_cost(cache) == 90, "cost %zu", lru_cache_cost(cache));

    /* Above the entry limit: refused, nothing dropped, the value not
     * released (the caller keeps it). */
    CHECK(!put_value(cache, 4, 41), "an entry of 41 taken with an entry limit of 40");
    CHECK(lru_cache_count(cache) == 3 && lru_cache_cost(cache) == 90 && released[4] == 0,
          "refusing changed the cache: %zu entries cost %zu", lru_cache_count(cache),
          lru_cache_cost(cache));
    /* Use order now 0, 2, 3: a cost of 40 needs 0 out, and only 0 (the
     * bound is reached, not passed). */
    CHECK(put_value(cache, 5, 40), "value 5 refused");
    CHECK(released[0] == 1 && released[2] == 0 && released[3] == 0, "released %d %d %d",
          released[0], released[2], released[3]);
    CHECK(lru_cache_cost(cache) == 100, "cost %zu", lru_cache_cost(cache));

    /* Shrinking drops at once, the least recently used first: 2, then 3. */
    lru_cache_set_cost_limit(cache, 40, 40);
    CHECK(released[2] == 1 && released[3] == 1 && released[5] == 0, "released %d %d %d",
          released[2], released[3], released[5]);
    CHECK(lru_cache_count(cache) == 1 && holds(cache, 5), "%zu entries after shrinking",
          lru_cache_count(cache));
    /* The count bounds it too: 7 pushes out 5. */
    lru_cache_set_cost_limit(cache, 100, 100);
    lru_cache_set_capacity(cache, 2);
    CHECK(put_value(cache, 6, 10) && put_value(cache, 7, 10), "values 6 and 7 refused");
    CHECK(lru_cache_count(cache) == 2 && released[5] == 1 && lru_cache_cost(cache) == 20,
          "%zu entries cost %zu", lru_cache_count(cache), lru_cache_cost(cache));
    /* 0 keeps nothing. */
    lru_cache_set_cost_limit(cache, 0, 0);
    CHECK(lru_cache_count(cache) == 0 && lru_cache_cost(cache) == 0, "kept with a bound of 0");
    CHECK(!put_value(cache, 4, 0), "an entry taken with a bound of 0");

    /* Every value taken was released once, the refused one never. */
    lru_cache_destroy(cache);
    for (int i = 0; i < LRU_VALUES; i++)
        CHECK(released[i] == (i == 4 ? 0 : 1), "value %d released %d times", i, released[i]);

    /* Many small entries, through a table grown from its first size: the
     * newest 50 stay. */
    cache = lru_cache_create(LRU_UNBOUNDED, NULL);
    CHECK(cache != NULL, "no second cache");
    if (!cache)
        return;
    lru_cache_set_cost_limit(cache, 50, 50);
    static int many[1000];
    for (int i = 0; i < 1000; i++)
        CHECK(lru_cache_put(cache, &i, sizeof i, &many[i], 1), "entry %d refused", i);
    CHECK(lru_cache_count(cache) == 50 && lru_cache_cost(cache) == 50, "%zu entries cost %zu",
          lru_cache_count(cache), lru_cache_cost(cache));
    int oldest = 950, dropped = 949;
    CHECK(lru_cache_get(cache, &oldest, sizeof oldest) == &many[950], "950 not held");
    CHECK(lru_cache_get(cache, &dropped, sizeof dropped) == NULL, "949 held");
    lru_cache_destroy(cache);
}

static void render(text_renderer *tr, SDL_Renderer *renderer, text_layout **layouts, size_t count)
{
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    /* Six colours, more than the software renderer keeps tinted copies
     * of, some translucent: every path of text_render.c is drawn. */
    static const SDL_Color colours[] = {{0, 0, 0, 255},    {200, 30, 30, 255}, {20, 90, 160, 255},
                                        {0, 120, 40, 200}, {90, 90, 90, 255},  {160, 0, 160, 128}};
    for (size_t i = 0; i < count; i++)
        text_renderer_draw(tr, layouts[i], 10, 10 + (float)(i % 20) * 38, colours[i % 6]);
    SDL_RenderPresent(renderer);
}

static void atlas_eviction_keeps_drawing_correct_and_bounded(void)
{
    text_engine *engine = engine_from(font_table);
    text_layout *layouts[LANGUAGE_COUNT];
    size_t count = 0;
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        char **paragraphs;
        size_t n = corpus_paragraphs(languages[l], &paragraphs);
        if (!n)
            continue;
        text_params params = text_params_default(languages[l], 1200, 26);
        params.max_lines = 1;
        layouts[count++] =
            text_layout_create(engine, paragraphs[0], strlen(paragraphs[0]), &params);
        free_paragraphs(paragraphs, n);
    }
    SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, 1240, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, 1240, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *big_renderer = SDL_CreateSoftwareRenderer(big);
    SDL_Renderer *small_renderer = SDL_CreateSoftwareRenderer(small);
    text_renderer *roomy = text_renderer_create(big_renderer, 2048);
    text_renderer *tight = text_renderer_create(small_renderer, 160);
    for (int frame = 0; frame < 3; frame++) {
        render(roomy, big_renderer, layouts, count);
        render(tight, small_renderer, layouts, count);
    }
    atlas_stats stats = text_renderer_atlas_stats(tight);
    CHECK(stats.flushes > 0, "the small atlas never filled: the test proves nothing");
    CHECK(text_renderer_atlas_stats(roomy).flushes == 0, "the big atlas filled");
    CHECK(stats.glyphs < 400, "atlas holds %zu glyphs", stats.glyphs);
    CHECK(stats.failures == 0, "%zu glyphs could not be drawn", stats.failures);
    CHECK(memcmp(big->pixels, small->pixels, (size_t)big->pitch * (size_t)big->h) == 0,
          "drawing through a full atlas differs from drawing through a roomy one");
    text_renderer_destroy(roomy);
    text_renderer_destroy(tight);
    SDL_DestroyRenderer(big_renderer);
    SDL_DestroyRenderer(small_renderer);
    SDL_FreeSurface(big);
    SDL_FreeSurface(small);
    for (size_t i = 0; i < count; i++)
        text_layout_destroy(layouts[i]);
    text_engine_destroy(engine);
}

/* ---- retained lines (text_renderer_draw_on) ------------------------------- */

/* A surface of `format` with a software renderer and a text renderer. */
typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    text_renderer *text;
} canvas;

static canvas canvas_create(int width, int height, Uint32 format)
{
    canvas c = {0};
    c.surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, format);
    c.renderer = c.surface ? SDL_CreateSoftwareRenderer(c.surface) : NULL;
    c.text = c.renderer ? text_renderer_create(c.renderer, 0) : NULL;
    CHECK(c.text != NULL, "no software renderer: %s", SDL_GetError());
    return c;
}

static void canvas_destroy(canvas *c)
{
    text_renderer_destroy(c->text);
    if (c->renderer)
        SDL_DestroyRenderer(c->renderer);
    SDL_FreeSurface(c->surface);
}

static void canvas_fill(canvas *c, SDL_Color color)
{
    SDL_SetRenderDrawColor(c->renderer, color.r, color.g, color.b, color.a);
    SDL_RenderClear(c->renderer);
}

/* The largest difference of one channel (red, green, blue, alpha as the
 * format defines them) between two surfaces of one size and format;
 * *differing counts the pixels that differ at all. */
static int max_channel_difference(const SDL_Surface *a, const SDL_Surface *b, size_t *differing)
{
    int worst = 0;
    *differing = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint32 *row_a =
            (const Uint32 *)((const Uint8 *)a->pixels + (size_t)y * (size_t)a->pitch);
        const Uint32 *row_b =
            (const Uint32 *)((const Uint8 *)b->pixels + (size_t)y * (size_t)b->pitch);
        for (int x = 0; x < a->w; x++) {
            Uint8 ca[4], cb[4];
            SDL_GetRGBA(row_a[x], a->format, &ca[0], &ca[1], &ca[2], &ca[3]);
            SDL_GetRGBA(row_b[x], b->format, &cb[0], &cb[1], &cb[2], &cb[3]);
            int most = 0;
            for (int channel = 0; channel < 4; channel++)
                most = SDL_max(most, abs(ca[channel] - cb[channel]));
            *differing += most > 0;
            worst = SDL_max(worst, most);
        }
    }
    return worst;
}

/* Pixels with ink: differing from `background` by more than 64 in a
 * channel (so that a comparison is known to compare text). */
static size_t ink_pixels(const SDL_Surface *surface, SDL_Color background)
{
    Uint32 under = SDL_MapRGBA(surface->format, background.r, background.g, background.b, 255);
    size_t ink = 0;
    for (int y = 0; y < surface->h; y++) {
        const Uint32 *row =
            (const Uint32 *)((const Uint8 *)surface->pixels + (size_t)y * (size_t)surface->pitch);
        for (int x = 0; x < surface->w; x++) {
            Uint8 r, g, b, a;
            SDL_GetRGBA(row[x], surface->format, &r, &g, &b, &a);
            ink += row[x] != under && (abs(r - background.r) > 64 || abs(g - background.g) > 64 ||
                                       abs(b - background.b) > 64);
        }
    }
    return ink;
}

/* A gloss longer than a line, split: its brackets stay at its own words,
 * "(permesso di" then "soggiorno)", not "permesso di)" and "(soggiorno" (in
 * Arabic, Urdu, Dari and Pashto, at widths that split it), and on one line
 * it reads as before. */
static void text_split_gloss_keeps_its_brackets_at_its_words(void)
{
    text_engine *engine = engine_from(font_table);
    static const struct {
        const char *language, *before, *after;
    } sentences[] = {
        {"ar", "\xd8\xaa\xd8\xb5\xd8\xb1\xd9\x8a\xd8\xad ", " \xd9\x87\xd9\x86\xd8\xa7"},
        {"ur", "\xd8\xa7\xd8\xac\xd8\xa7\xd8\xb2\xd8\xaa ", " \xdb\x81\xdb\x92"},
        {"fa", "\xd8\xa7\xd8\xac\xd8\xa7\xd8\xb2\xd9\x87 ", " \xd8\xa7\xd8\xb3\xd8\xaa"},
        {"ps", "\xd8\xa7\xd8\xac\xd8\xa7\xd8\xb2\xd9\x87 ", " \xd8\xaf\xd9\x87"},
    };
    const char *gloss = "(permesso di soggiorno)";
    for (size_t s = 0; s < sizeof sentences / sizeof *sentences; s++) {
        char text[256];
        snprintf(text, sizeof text, "%s%s%s", sentences[s].before, gloss, sentences[s].after);
        size_t open = strlen(sentences[s].before), close = open + strlen(gloss) - 1;
        size_t p = open + 1, o = close - 1; /* the 'p' of permesso, the last 'o' */
        for (int width = 150; width <= 700; width += 10) {
            text_params params = text_params_default(sentences[s].language, width, 20);
            text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
            /* line and x of the four clusters */
            int line_of[4] = {-1, -1, -1, -1};
            float x_of[4] = {0};
            size_t at[4] = {open, p, o, close};
            for (size_t l = 0; l < text_layout_line_count(layout); l++) {
                const text_line *line = text_layout_line(layout, l);
                for (size_t g = 0; g < line->glyph_count; g++)
                    for (int k = 0; k < 4; k++)
                        if (line->glyphs[g].cluster == at[k]) {
                            line_of[k] = (int)l;
                            x_of[k] = line->glyphs[g].x;
                        }
            }
            CHECK(line_of[0] == line_of[1] && x_of[0] < x_of[1],
                  "%s at %d px: '(' (line %d, x %.0f) not before 'permesso' (line %d, x %.0f)",
                  sentences[s].language, width, line_of[0], x_of[0], line_of[1], x_of[1]);
            CHECK(line_of[3] == line_of[2] && x_of[3] > x_of[2],
                  "%s at %d px: ')' (line %d, x %.0f) not after 'soggiorno' (line %d, x %.0f)",
                  sentences[s].language, width, line_of[3], x_of[3], line_of[2], x_of[2]);
            text_layout_destroy(layout);
        }
    }
    text_engine_destroy(engine);
}

static const SDL_Color CARD = {250, 247, 238, 255};

/* Chinese titles are bold: the bold of the Han font (which has no bold
 * face) is its strokes thickened: a font of its own ("+emboldened"), its
 * glyphs at the regular face's places, with clearly more ink, about as much
 * more as Noto Sans gains from its own bold face. */
static void text_chinese_bold_is_drawn_bolder(void)
{
    text_engine *engine = engine_from(font_table);
    const char *title = "\xe5\x8a\xb3\xe5\x8a\xa8\xe5\x90\x88\xe5\x90\x8c"; /* 劳动合同 */
    size_t ink[2][2] = {{0}}; /* [han, latin][regular, bold] */
    for (int script = 0; script < 2; script++)
        for (int bold = 0; bold < 2; bold++) {
            const char *text = script ? "Contratto" : title;
            text_params params = text_params_default(script ? "it" : "zh", 900, 48);
            params.weight = bold ? TEXT_WEIGHT_BOLD : TEXT_WEIGHT_REGULAR;
            text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
            if (script == 0) {
                const char *font = glyph_font_file(layout, 0, 0);
                CHECK(bold == (strstr(font, "+emboldened") != NULL), "Han %s drawn with %s",
                      bold ? "bold" : "regular", font);
            }
            canvas c = canvas_create(1000, 120, SDL_PIXELFORMAT_ARGB8888);
            canvas_fill(&c, CARD);
            text_renderer_draw(c.text, layout, 10, 10, (SDL_Color){0, 0, 0, 255});
            SDL_RenderPresent(c.renderer);
            ink[script][bold] = ink_pixels(c.surface, CARD);
            canvas_destroy(&c);
            text_layout_destroy(layout);
        }
    double han = (double)ink[0][1] / (double)ink[0][0];
    double latin = (double)ink[1][1] / (double)ink[1][0];
    printf("ink of bold / regular: Han %.2f (%zu / %zu px), Latin %.2f\n", han, ink[0][1],
           ink[0][0], latin);
    CHECK(han > 1.15 && han > 0.6 * latin, "Han bold only %.2fx the regular's ink (Latin %.2fx)",
          han, latin);
    text_engine_destroy(engine);
}

/* One place to draw a layout and the colour to draw it in. */
/* One place to draw a layout, the colour to draw it in and, with w > 0,
 * the card under it (text_renderer_draw_card). */
typedef struct placement {
    float x, y;
    SDL_Color color;
    SDL_Rect card;
} placement;

static const SDL_Color SCREEN = {236, 236, 230, 255};

/* Draws `layout` at each placement the reference way on `glyphs` (a card
 * filled by SDL, text glyph by glyph clipped to it) and from retained
 * lines on `lines`, twice: the first time makes the lines, the second draws
 * them from the cache.  Without cards both canvases are CARD all over and
 * the lines are drawn by text_renderer_draw_on.  Checks that all three
 * images agree within `tolerance` per channel and that the second draw
 * made nothing. */
static void compare_retained(const char *what, canvas *glyphs, canvas *lines,
                             const text_layout *layout, const placement *places, size_t count,
                             int tolerance)
{
    bool cards = places[0].card.w > 0;
    canvas_fill(glyphs, cards ? SCREEN : CARD);
    for (size_t i = 0; i < count; i++) {
        if (cards) {
            SDL_SetRenderDrawColor(glyphs->renderer, CARD.r, CARD.g, CARD.b, 255);
            SDL_RenderFillRect(glyphs->renderer, &places[i].card);
            SDL_RenderSetClipRect(glyphs->renderer, &places[i].card);
        }
        text_renderer_draw(glyphs->text, layout, places[i].x, places[i].y, places[i].color);
        SDL_RenderSetClipRect(glyphs->renderer, NULL);
    }
    SDL_RenderPresent(glyphs->renderer);
    size_t ink = ink_pixels(glyphs->surface, CARD);
    CHECK(ink > 200, "%s: only %zu ink pixels drawn: the comparison proves nothing", what, ink);
    for (int pass = 0; pass < 2; pass++) {
        line_cache_stats before = text_renderer_line_cache_stats(lines->text);
        canvas_fill(lines, cards ? SCREEN : CARD);
        for (size_t i = 0; i < count; i++) {
            const placement *p = &places[i];
            if (cards)
                text_renderer_draw_card(lines->text, layout, p->x, p->y, p->color, p->card, CARD);
            else
                text_renderer_draw_on(lines->text, layout, p->x, p->y, p->color, CARD);
        }
        SDL_RenderPresent(lines->renderer);
        line_cache_stats after = text_renderer_line_cache_stats(lines->text);
        size_t differing;
        int worst = max_channel_difference(glyphs->surface, lines->surface, &differing);
        CHECK(worst <= tolerance, "%s, %s: %zu pixels differ, by up to %d per channel", what,
              pass ? "lines from the cache" : "lines just made", differing, worst);
        CHECK(after.fallbacks == before.fallbacks, "%s: %zu lines drawn glyph by glyph", what,
              after.fallbacks - before.fallbacks);
        if (pass == 0)
            CHECK(after.misses > before.misses, "%s: no line was made", what);
        else
            CHECK(after.misses == before.misses && after.hits > before.hits,
                  "%s: the second draw made %zu lines and took %zu from the cache", what,
                  after.misses - before.misses, after.hits - before.hits);
    }
}

/* The kiosk's targets: ARGB8888 offscreen, RGB888 an X11 window's surface;
 * there line textures are made by the blitter that blends glyphs onto the
 * target, so they agree to the bit.  ABGR8888 (the golden PNGs): SDL blends
 * glyphs onto it with another formula (/255, not >>8), so up to 4 apart. */
static const Uint32 FORMATS[] = {SDL_PIXELFORMAT_ARGB8888, SDL_PIXELFORMAT_RGB888,
                                 SDL_PIXELFORMAT_ABGR8888};
static const int TOLERANCES[] = {2, 2, 4};
#define FORMAT_COUNT (sizeof FORMATS / sizeof *FORMATS)

/* Compares retained lines with glyph by glyph for the first paragraph of
 * Italian, Arabic, Urdu, Bengali and Chinese and for a line with a missing
 * glyph's box, at the placements `place` makes for a layout, on each
 * format. */
static void compare_languages(const char *kind,
                              size_t (*place)(const text_layout *layout, placement *places))
{
    text_engine *engine = engine_from(font_table);
    static const char *const chosen[] = {"it", "ar", "ur", "bn", "zh"};
    for (size_t f = 0; f < FORMAT_COUNT; f++) {
        canvas glyphs = canvas_create(1000, 320, FORMATS[f]);
        canvas lines = canvas_create(1000, 320, FORMATS[f]);
        for (size_t l = 0; glyphs.text && lines.text && l < 6; l++) {
            char **paragraphs = NULL;
            size_t n = 0;
            /* A character no font has: its box is drawn on the retained line. */
            static const char boxed[] = "Tibetan \xE0\xBC\x80 here, and a second line of text";
            const char *text = boxed, *language = "it";
            if (l < 5) {
                n = corpus_paragraphs(chosen[l], &paragraphs);
                if (!n)
                    continue;
                text = paragraphs[0];
                language = chosen[l];
            }
            text_params params = text_params_default(language, 240, 22);
            log_set_threshold(LOG_ERROR); /* the missing glyph is logged */
            text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
            log_set_threshold(LOG_WARNING);
            CHECK(layout && text_layout_line_count(layout) >= 2, "%s: want several lines",
                  language);
            char what[96];
            snprintf(what, sizeof what, "%s, %s on %s", kind, l < 5 ? language : "a box",
                     SDL_GetPixelFormatName(FORMATS[f]));
            placement places[4];
            if (layout)
                compare_retained(what, &glyphs, &lines, layout, places, place(layout, places),
                                 TOLERANCES[f]);
            text_layout_destroy(layout);
            free_paragraphs(paragraphs, n);
        }
        canvas_destroy(&glyphs);
        canvas_destroy(&lines);
    }
    text_engine_destroy(engine);
}

static const SDL_Color INK = {20, 20, 30, 255}, RED = {200, 30, 30, 255},
                       FAINT = {160, 0, 160, 128};

/* Side by side, as the promise of text_renderer_draw_on wants: cut at the
 * left at fractional x and y; the top lines above the surface (out of
 * sight or cut) at fractional x; whole pixels; a translucent colour at a
 * quarter pixel, cut at the bottom. */
static size_t places_on_background(const text_layout *layout, placement *places)
{
    (void)layout;
    places[0] = (placement){-20.7f, 40.5f, INK, {0, 0, 0, 0}};
    places[1] = (placement){250.4f, -37, RED, {0, 0, 0, 0}};
    places[2] = (placement){510, 10, INK, {0, 0, 0, 0}};
    places[3] = (placement){760.25f, 150, FAINT, {0, 0, 0, 0}};
    return 4;
}

/* The same places, each on a card 8 pixels larger than its box; the last
 * card is shorter than its text (cut in the middle of a line) and starts
 * off the 16-pixel grid. */
static size_t places_on_cards(const text_layout *layout, placement *places)
{
    int height = (int)text_layout_height(layout);
    places_on_background(layout, places);
    for (size_t i = 0; i < 4; i++) {
        int x = (int)floorf(places[i].x), y = (int)lroundf(places[i].y);
        places[i].card = (SDL_Rect){x - 8, y - 8, 240 + 16, height + 16};
    }
    places[3].card =
        (SDL_Rect){(int)places[3].x - 3, (int)places[3].y - 5, 240 + 9, height / 2 + 3};
    return 4;
}

static void text_retained_lines_match_glyph_by_glyph(void)
{
    compare_languages("text_renderer_draw_on", places_on_background);
}

static void text_card_of_retained_lines_matches_fill_and_glyphs(void)
{
    compare_languages("text_renderer_draw_card", places_on_cards);
}

/* Draws `text` on both canvases, glyph by glyph and from retained lines,
 * and returns the largest channel difference. */
static int draw_both(text_engine *engine, canvas *glyphs, canvas *lines, const char *language,
                     const char *text, SDL_Color color)
{
    text_params params = text_params_default(language, 300, 20);
    text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
    canvas_fill(glyphs, CARD);
    canvas_fill(lines, CARD);
    if (layout) {
        text_renderer_draw(glyphs->text, layout, 8, 8, color);
        text_renderer_draw_on(lines->text, layout, 8, 8, color, CARD);
    }
    SDL_RenderPresent(glyphs->renderer);
    SDL_RenderPresent(lines->renderer);
    text_layout_destroy(layout);
    size_t differing;
    return max_channel_difference(glyphs->surface, lines->surface, &differing);
}

static void text_line_cache_is_bounded_and_never_mistakes_a_layout(void)
{
    text_engine *engine = engine_from(font_table);
    /* No layout cache: a destroyed layout's memory is free at once, and the
     * next layout is likely to get its address. */
    text_engine_set_cache_size(engine, 0, 0);
    canvas glyphs = canvas_create(400, 300, SDL_PIXELFORMAT_ARGB8888);
    canvas lines = canvas_create(400, 300, SDL_PIXELFORMAT_ARGB8888);
    if (!glyphs.text || !lines.text)
        goto done;
    const SDL_Color ink = {20, 20, 30, 255}, blue = {20, 90, 160, 255};

    /* Layouts made, drawn and destroyed one after another at one place. */
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        char **paragraphs;
        size_t n = corpus_paragraphs(languages[l], &paragraphs);
        for (size_t p = 0; p < n && p < 3; p++) {
            int worst = draw_both(engine, &glyphs, &lines, languages[l], paragraphs[p], ink);
            CHECK(worst <= 2, "%s paragraph %zu drawn after other layouts: off by %d", languages[l],
                  p, worst);
        }
        free_paragraphs(paragraphs, n);
    }
    line_cache_stats stats = text_renderer_line_cache_stats(lines.text);
    CHECK(stats.hits == 0, "%zu lines of new layouts came from the cache", stats.hits);

    /* The same layout in another colour is other pixels. */
    text_engine_set_cache_size(engine, 16, 16);
    const char *sentence = "Il Centro per l'Impiego di Mantova apre alle nove del mattino.";
    CHECK(draw_both(engine, &glyphs, &lines, "it", sentence, ink) <= 2, "first colour");
    CHECK(draw_both(engine, &glyphs, &lines, "it", sentence, blue) <= 2, "second colour");

    /* A bound of 96 KB holds a few lines only, and is never passed. */
    const size_t bound = 96 * 1024;
    text_renderer_set_line_cache(lines.text, bound);
    stats = text_renderer_line_cache_stats(lines.text);
    CHECK(stats.bytes <= bound, "shrinking left %zu bytes", stats.bytes);
    size_t most_lines = 0;
    for (int frame = 0; frame < 2; frame++)
        for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
            char **paragraphs;
            size_t n = corpus_paragraphs(languages[l], &paragraphs);
            if (n) {
                int worst = draw_both(engine, &glyphs, &lines, languages[l], paragraphs[0], ink);
                CHECK(worst <= 2, "%s through a small cache: off by %d", languages[l], worst);
            }
            stats = text_renderer_line_cache_stats(lines.text);
            CHECK(stats.bytes <= bound, "%zu bytes held, bound %zu", stats.bytes, bound);
            most_lines = SDL_max(most_lines, stats.lines);
            free_paragraphs(paragraphs, n);
        }
    CHECK(most_lines > 0, "nothing was ever cached");

    /* 0 keeps nothing and draws glyph by glyph. */
    text_renderer_set_line_cache(lines.text, 0);
    stats = text_renderer_line_cache_stats(lines.text);
    CHECK(stats.lines == 0 && stats.bytes == 0, "%zu lines, %zu bytes left", stats.lines,
          stats.bytes);
    CHECK(draw_both(engine, &glyphs, &lines, "it", sentence, ink) == 0, "without a cache");
    CHECK(text_renderer_line_cache_stats(lines.text).lines == 0, "cached with a bound of 0");
done:
    canvas_destroy(&glyphs);
    canvas_destroy(&lines);
    text_engine_destroy(engine);
}

static void text_line_cache_keeps_only_lines_in_sight(void)
{
    text_engine *engine = engine_from(font_table);
    canvas lines = canvas_create(320, 200, SDL_PIXELFORMAT_ARGB8888);
    /* A page of 60 lines scrolled so that about six show. */
    char page[4096] = "";
    for (int i = 0; i < 60; i++) {
        char line[64];
        snprintf(line, sizeof line, "Riga %d del regolamento comunale.\n", i + 1);
        strcat(page, line);
    }
    text_params params = text_params_default("it", 300, 20);
    text_layout *layout = text_layout_create(engine, page, strlen(page), &params);
    size_t count = layout ? text_layout_line_count(layout) : 0;
    CHECK(count >= 60, "%zu lines", count);
    if (lines.text && layout) {
        float line_height = text_layout_height(layout) / (float)count;
        canvas_fill(&lines, CARD);
        text_renderer_draw_on(lines.text, layout, 10, -30 * line_height, (SDL_Color){0, 0, 0, 255},
                              CARD);
        line_cache_stats stats = text_renderer_line_cache_stats(lines.text);
        size_t in_sight = (size_t)(200 / line_height) + 1;
        CHECK(stats.misses >= in_sight - 1 && stats.misses <= in_sight + 4,
              "%zu lines made for about %zu in sight", stats.misses, in_sight);
        CHECK(ink_pixels(lines.surface, CARD) > 200, "nothing drawn");
        /* Clipped to a band of the surface: fewer still. */
        SDL_Rect band = {0, 80, 320, 40};
        SDL_RenderSetClipRect(lines.renderer, &band);
        text_renderer_draw_on(lines.text, layout, 10, -50 * line_height, (SDL_Color){0, 0, 0, 255},
                              CARD);
        SDL_RenderSetClipRect(lines.renderer, NULL);
        line_cache_stats clipped = text_renderer_line_cache_stats(lines.text);
        CHECK(clipped.misses - stats.misses <= (size_t)(40 / line_height) + 4,
              "%zu lines made for a 40-pixel band", clipped.misses - stats.misses);
        /* A card as tall as the page, scrolled as far: its bands in sight. */
        float y = -20 * line_height;
        SDL_Rect card = {2, (int)lroundf(y) - 8, 316, (int)text_layout_height(layout) + 16};
        text_renderer_draw_card(lines.text, layout, 10, y, (SDL_Color){0, 0, 0, 255}, card, CARD);
        line_cache_stats on_card = text_renderer_line_cache_stats(lines.text);
        size_t made = on_card.misses - clipped.misses;
        CHECK(made >= in_sight - 1 && made <= in_sight + 1, "%zu card lines made for about %zu",
              made, in_sight);
    }
    text_layout_destroy(layout);
    canvas_destroy(&lines);
    text_engine_destroy(engine);
}

static const struct {
    const char *name;
    void (*run)(void);
} tests[] = {
    {"text_empty_paragraph_has_no_lines", text_empty_paragraph_has_no_lines},
    {"text_invalid_utf8_becomes_replacement_and_is_logged",
     text_invalid_utf8_becomes_replacement_and_is_logged},
    {"text_100kb_paragraph_lays_out_every_byte", text_100kb_paragraph_lays_out_every_byte},
    {"text_narrow_boxes_put_one_cluster_per_line", text_narrow_boxes_put_one_cluster_per_line},
    {"text_corpus_lines_fit_and_keep_clusters_whole",
     text_corpus_lines_fit_and_keep_clusters_whole},
    {"text_missing_font_file_logs_once_and_draws_boxes",
     text_missing_font_file_logs_once_and_draws_boxes},
    {"text_unreadable_font_table_is_an_error_with_line",
     text_unreadable_font_table_is_an_error_with_line},
    {"text_only_combining_marks_gives_defined_output",
     text_only_combining_marks_gives_defined_output},
    {"text_isolated_ltr_data_keeps_its_order_in_rtl",
     text_isolated_ltr_data_keeps_its_order_in_rtl},
    {"text_phone_number_groups_keep_their_order_in_rtl",
     text_phone_number_groups_keep_their_order_in_rtl},
    {"text_urdu_gets_nastaliq_and_arabic_naskh", text_urdu_gets_nastaliq_and_arabic_naskh},
    {"text_chinese_bold_is_drawn_bolder", text_chinese_bold_is_drawn_bolder},
    {"text_split_gloss_keeps_its_brackets_at_its_words",
     text_split_gloss_keeps_its_brackets_at_its_words},
    {"text_fallback_chooses_a_font_per_cluster", text_fallback_chooses_a_font_per_cluster},
    {"text_missing_glyph_is_a_box_and_logged", text_missing_glyph_is_a_box_and_logged},
    {"text_long_word_is_broken_at_clusters", text_long_word_is_broken_at_clusters},
    {"text_alignment_mirrors_with_direction", text_alignment_mirrors_with_direction},
    {"text_ellipsis_at_logical_end_in_both_directions",
     text_ellipsis_at_logical_end_in_both_directions},
    {"text_nastaliq_line_height_holds_all_ink", text_nastaliq_line_height_holds_all_ink},
    {"text_nastaliq_letters_read_as_large_as_naskh_at_the_same_size",
     text_nastaliq_letters_read_as_large_as_naskh_at_the_same_size},
    {"text_brackets_are_mirrored_in_rtl", text_brackets_are_mirrored_in_rtl},
    {"text_bracketed_gloss_is_never_split_when_it_fits",
     text_bracketed_gloss_is_never_split_when_it_fits},
    {"text_nastaliq_ink_keeps_clear_of_brackets_and_latin",
     text_nastaliq_ink_keeps_clear_of_brackets_and_latin},
    {"text_line_pitch_is_constant_within_a_paragraph",
     text_line_pitch_is_constant_within_a_paragraph},
    {"text_unchanged_paragraph_comes_from_cache", text_unchanged_paragraph_comes_from_cache},
    {"lru_cache_evicts_by_cost_refuses_oversize_and_releases_once",
     lru_cache_evicts_by_cost_refuses_oversize_and_releases_once},
    {"atlas_eviction_keeps_drawing_correct_and_bounded",
     atlas_eviction_keeps_drawing_correct_and_bounded},
    {"text_retained_lines_match_glyph_by_glyph", text_retained_lines_match_glyph_by_glyph},
    {"text_card_of_retained_lines_matches_fill_and_glyphs",
     text_card_of_retained_lines_matches_fill_and_glyphs},
    {"text_line_cache_is_bounded_and_never_mistakes_a_layout",
     text_line_cache_is_bounded_and_never_mistakes_a_layout},
    {"text_line_cache_keeps_only_lines_in_sight", text_line_cache_keeps_only_lines_in_sight},
};

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_text FONT_TABLE CORPUS_DIR TEST_NAME\n");
        return 2;
    }
    font_table = argv[1];
    corpus_dir = argv[2];
    log_set_threshold(LOG_WARNING);
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
        if (strcmp(tests[i].name, argv[3]) == 0) {
            tests[i].run();
            printf("%s: %s\n", argv[3], check_failures ? "FAILED" : "ok");
            return check_failures ? 1 : 0;
        }
    }
    fprintf(stderr, "no test named %s\n", argv[3]);
    return 2;
}
