/* test_pango_agreement.c - our line breaks against Pango's, on the corpus.
 *
 * Usage: test_pango_agreement CORPUS_DIR EXPECTATIONS FONT_TABLE
 *
 * Every paragraph of tests/corpus/LANG.txt is laid out at 20 px in boxes
 * 240, 420 and 700 px wide, once by our engine and once by Pango (a fresh
 * PangoLayout on the very same font files, tests/pango_reference.h), and the
 * lists of line starts (byte offsets) are compared.  The two engines share
 * HarfBuzz but break lines with different UAX #14 implementations (ICU for
 * us, Pango's own code for Pango), so a few disagreements are expected; each
 * one is listed with its reason in EXPECTATIONS (tests/pango-disagreements.txt)
 * and explained in docs/pango-agreement.md.
 *
 * Fails when a disagreement is not listed, or when a listed one no longer
 * happens: the list must describe the engine as it is.  Always prints the
 * agreement rate per language and overall. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "file_read.h"
#include "pango_reference.h"
#include "text.h"

static const char *const LANGUAGES[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                        "pa", "bn", "ti", "zh", "ro", "sq", "uk"};
#define LANGUAGE_COUNT (sizeof LANGUAGES / sizeof LANGUAGES[0])
static const int WIDTHS[] = {240, 420, 700};
#define WIDTH_COUNT (sizeof WIDTHS / sizeof WIDTHS[0])
static const float FONT_SIZE = 20.0f;
#define MAX_LINES 512

/* One line of the expectations file. */
typedef struct expectation {
    char language[16];
    long paragraph;
    int width;
    char reason[64];
    int line_number;
    bool seen;
} expectation;

typedef struct expectations {
    expectation *items;
    size_t count;
} expectations;

/* A corpus file: the whole text, and each paragraph as a byte range. */
typedef struct corpus {
    char *text;
    size_t starts[64], lengths[64];
    size_t count;
} corpus;

/* Paragraphs are separated by blank lines; within one, line breaks are kept
 * (both engines then break there).  A trailing CR and a leading BOM are
 * dropped. */
static bool read_corpus(const char *directory, const char *language, corpus *out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", directory, language);
    size_t length = 0;
    out->count = 0;
    out->text = file_read_all(path, &length);
    if (out->text == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return false;
    }
    size_t position = strncmp(out->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t paragraph_start = position, paragraph_end = position;
    bool in_paragraph = false;
    while (position <= length) {
        size_t line_end = position;
        while (line_end < length && out->text[line_end] != '\n')
            line_end++;
        size_t content_end = line_end;
        if (content_end > position && out->text[content_end - 1] == '\r')
            content_end--;
        bool blank = content_end == position;
        if (!blank && !in_paragraph) {
            in_paragraph = true;
            paragraph_start = position;
        }
        if (!blank)
            paragraph_end = content_end;
        if ((blank || line_end >= length) && in_paragraph) {
            if (out->count == sizeof out->starts / sizeof out->starts[0]) {
                fprintf(stderr, "%s: more than %zu paragraphs\n", path, out->count);
                return false;
            }
            out->starts[out->count] = paragraph_start;
            out->lengths[out->count] = paragraph_end - paragraph_start;
            out->count++;
            in_paragraph = false;
        }
        position = line_end + 1;
    }
    if (out->count == 0) {
        fprintf(stderr, "%s: no paragraph\n", path);
        return false;
    }
    return true;
}

/* Format (see the header of tests/pango-disagreements.txt):
 *   LANG PARAGRAPH WIDTH REASON    # comment
 * Returns false on a malformed line, printed as "path:line: problem". */
static bool read_expectations(const char *path, expectations *out)
{
    size_t length = 0;
    char *text = file_read_all(path, &length);
    if (text == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return false;
    }
    out->items = NULL;
    out->count = 0;
    bool ok = true;
    int line_number = 0;
    for (char *line = text; line != NULL && *line != '\0';) {
        char *next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        line_number++;
        char *comment = strchr(line, '#');
        if (comment != NULL)
            *comment = '\0';
        expectation item = {.line_number = line_number};
        char extra[2];
        int fields = sscanf(line, "%15s %ld %d %63s %1s", item.language, &item.paragraph,
                            &item.width, item.reason, extra);
        if (fields == 4) {
            expectation *grown = realloc(out->items, (out->count + 1) * sizeof *grown);
            if (grown == NULL) {
                ok = false;
                break;
            }
            out->items = grown;
            out->items[out->count++] = item;
        } else if (strspn(line, " \t\r") != strlen(line)) {
            fprintf(stderr, "%s:%d: expected `lang paragraph width reason`\n", path, line_number);
            ok = false;
        }
        line = next;
    }
    free(text);
    return ok;
}

static expectation *find_expectation(expectations *list, const char *language, size_t paragraph,
                                     int width)
{
    for (size_t i = 0; i < list->count; i++) {
        expectation *item = &list->items[i];
        if (strcmp(item->language, language) == 0 && item->paragraph == (long)paragraph &&
            item->width == width)
            return item;
    }
    return NULL;
}

static size_t engine_line_starts(text_engine *engine, const char *language, const char *text,
                                 size_t length, int width, size_t *starts, float *widths,
                                 size_t capacity)
{
    text_params params = text_params_default(language, width, FONT_SIZE);
    text_layout *layout = text_layout_create(engine, text, length, &params);
    if (layout == NULL)
        return 0;
    size_t count = text_layout_line_count(layout);
    for (size_t i = 0; i < count && i < capacity; i++) {
        const text_line *line = text_layout_line(layout, i);
        starts[i] = line->start;
        widths[i] = line->width;
    }
    text_layout_destroy(layout);
    return count;
}

static void print_starts(const char *who, const size_t *starts, const float *widths, size_t count)
{
    printf("    %-6s", who);
    for (size_t i = 0; i < count && i < MAX_LINES; i++)
        printf(" %zu", starts[i]);
    printf("\n    %-6s", "width");
    for (size_t i = 0; i < count && i < MAX_LINES; i++)
        printf(" %.2f", (double)widths[i]);
    printf("\n");
}

/* Prints the code points on both sides of a line start, with their UAX #14
 * classes, so a reader can check the rule by hand. */
static void print_break_context(const char *who, const char *text, size_t length, size_t at)
{
    size_t from = at, to = at;
    for (int n = 0; n < 24 && from > 0; n++)
        U8_BACK_1((const uint8_t *)text, 0, from);
    for (int n = 0; n < 24 && to < length; n++)
        U8_FWD_1((const uint8_t *)text, to, length);
    printf("    %-6s «%.*s⏎%.*s»\n", who, (int)(at - from), text + from, (int)(to - at), text + at);

    size_t before = at;
    for (int n = 0; n < 3 && before > 0; n++)
        U8_BACK_1((const uint8_t *)text, 0, before);
    printf("    %-6s", "");
    for (size_t i = before; i < length;) {
        if (i == at)
            printf(" ⏎");
        if (i >= at && i - at > 8)
            break;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, length, c);
        int line_break = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
        const char *class_name =
            u_getPropertyValueName(UCHAR_LINE_BREAK, line_break, U_SHORT_PROPERTY_NAME);
        printf(" U+%04X(%s)", (unsigned)c, class_name != NULL ? class_name : "?");
        if (i > at + 8)
            break;
    }
    printf("\n");
}

typedef struct tally {
    size_t compared, agreed;
} tally;

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CORPUS_DIR EXPECTATIONS FONT_TABLE\n", argv[0]);
        return 2;
    }
    const char *corpus_directory = argv[1];
    const char *expectations_path = argv[2];
    const char *font_table = argv[3];

    /* An unreadable list fails the test, but the rates are still printed. */
    expectations expected = {0};
    bool failed = !read_expectations(expectations_path, &expected);
    char *error = NULL;
    text_engine *engine = text_engine_create(font_table, &error);
    if (engine == NULL) {
        fprintf(stderr, "%s\n", error != NULL ? error : font_table);
        free(error);
        return 1;
    }

    tally total = {0};
    tally per_language[LANGUAGE_COUNT] = {{0}};
    size_t unexpected = 0;
    static size_t ours[MAX_LINES], theirs[MAX_LINES];
    static float our_widths[MAX_LINES];
    static pango_reference_line their_lines[MAX_LINES];
    static float their_widths[MAX_LINES];

    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        const char *language = LANGUAGES[l];
        corpus text = {0};
        if (!read_corpus(corpus_directory, language, &text)) {
            free(text.text);
            failed = true;
            continue;
        }
        pango_reference *reference = pango_reference_create(engine, language, &error);
        if (reference == NULL) {
            fprintf(stderr, "%s\n", error != NULL ? error : language);
            free(error);
            free(text.text);
            failed = true;
            continue;
        }
        for (size_t p = 0; p < text.count; p++) {
            const char *paragraph = text.text + text.starts[p];
            size_t length = text.lengths[p];
            for (size_t w = 0; w < WIDTH_COUNT; w++) {
                int width = WIDTHS[w];
                size_t our_count = engine_line_starts(engine, language, paragraph, length, width,
                                                      ours, our_widths, MAX_LINES);
                size_t their_count = pango_reference_lines(reference, paragraph, length, width,
                                                           FONT_SIZE, their_lines, MAX_LINES);
                for (size_t i = 0; i < their_count && i < MAX_LINES; i++) {
                    theirs[i] = their_lines[i].start;
                    their_widths[i] = their_lines[i].width;
                }
                per_language[l].compared++;
                size_t first_difference = 0;
                while (first_difference < our_count && first_difference < their_count &&
                       first_difference < MAX_LINES &&
                       ours[first_difference] == theirs[first_difference])
                    first_difference++;
                bool agree = our_count == their_count &&
                             (first_difference == our_count || first_difference == MAX_LINES);
                if (agree) {
                    per_language[l].agreed++;
                    continue;
                }
                expectation *known = find_expectation(&expected, language, p, width);
                if (known != NULL)
                    known->seen = true;
                else
                    unexpected++;
                printf("%s %s paragraph %zu width %d: %zu lines ours, %zu Pango%s%s\n",
                       known != NULL ? "KNOWN" : "NEW", language, p, width, our_count, their_count,
                       known != NULL ? ", listed as " : "", known != NULL ? known->reason : "");
                print_starts("ours", ours, our_widths, our_count);
                print_starts("pango", theirs, their_widths, their_count);
                size_t our_at = first_difference < our_count ? ours[first_difference] : length;
                size_t their_at =
                    first_difference < their_count ? theirs[first_difference] : length;
                print_break_context("ours", paragraph, length, our_at);
                print_break_context("pango", paragraph, length, their_at);
            }
        }
        pango_reference_destroy(reference);
        free(text.text);
        total.compared += per_language[l].compared;
        total.agreed += per_language[l].agreed;
    }

    size_t stale = 0;
    for (size_t i = 0; i < expected.count; i++) {
        if (expected.items[i].seen)
            continue;
        printf("%s:%d: listed disagreement `%s %ld %d %s` no longer occurs: remove it\n",
               expectations_path, expected.items[i].line_number, expected.items[i].language,
               expected.items[i].paragraph, expected.items[i].width, expected.items[i].reason);
        stale++;
    }

    printf("\n%-5s %9s %7s %7s\n", "lang", "compared", "agreed", "rate");
    for (size_t l = 0; l < LANGUAGE_COUNT; l++) {
        const tally *t = &per_language[l];
        printf("%-5s %9zu %7zu %6.1f%%\n", LANGUAGES[l], t->compared, t->agreed,
               t->compared != 0 ? 100.0 * (double)t->agreed / (double)t->compared : 0.0);
    }
    printf("%-5s %9zu %7zu %6.1f%%\n", "all", total.compared, total.agreed,
           total.compared != 0 ? 100.0 * (double)total.agreed / (double)total.compared : 0.0);
    printf("(paragraphs x widths %d, %d, %d px at %.0f px; %zu unlisted, %zu stale)\n", WIDTHS[0],
           WIDTHS[1], WIDTHS[2], (double)FONT_SIZE, unexpected, stale);

    free(expected.items);
    text_engine_destroy(engine);
    return failed || unexpected != 0 || stale != 0 ? 1 : 0;
}
