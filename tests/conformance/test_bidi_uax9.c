/* test_bidi_uax9.c - bidi.h against the Unicode BidiCharacterTest.txt.
 *
 * Every line of the file is one paragraph and one line of text.  For each we
 * check, through text_bidi_create() and text_bidi_reorder_line() on the
 * whole string:
 *   - the resolved paragraph level (field 2; P2-P3 for direction "2"),
 *   - each character's level after rule L1 (field 3; 'x' = removed by X9,
 *     whose level UAX #9 leaves open, so not checked),
 *   - the visual order after L2 (field 4, which omits the 'x' characters),
 *   - that the runs, read in their direction, spell that same visual order.
 * The file holds code points; the engine works in UTF-16, so each test is
 * converted and indices are mapped back (a supplementary character is two
 * units with one level; in a right-to-left run ICU lists its units low
 * surrogate first, and we count the character once).  The file has no
 * supplementary characters, so a few lines of our own cover them.
 *
 * Usage: test_bidi_uax9 [path/to/BidiCharacterTest.txt]
 * Exit status 1 when a line fails that is not a listed exception. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uversion.h>

#include "bidi.h"
#include "log.h"

#define DEFAULT_PATH "/usr/share/unicode/BidiCharacterTest.txt"
#define EXPECTED_VERSION "# BidiCharacterTest-15.0.0.txt"
#define MAX_CODEPOINTS 512
#define MAX_UNITS (2 * MAX_CODEPOINTS)
#define FAILURES_SHOWN 20
#define LEVEL_REMOVED (-1) /* 'x' in field 3 */

/* What a line can get wrong; an exception names the parts it may get
 * wrong, and everything else is still checked. */
enum {
    WRONG_INPUT = 1 << 0,           /* unparsable line, or an engine error */
    WRONG_PARAGRAPH_LEVEL = 1 << 1, /* field 2 */
    WRONG_LEVEL_VALUE = 1 << 2,     /* field 3, same parity */
    WRONG_DIRECTION = 1 << 3,       /* field 3, other parity */
    WRONG_ORDER = 1 << 4,           /* field 4 */
    WRONG_RUNS = 1 << 5,            /* runs disagree with the visual map */
};

/* ICU 72 (Unicode 15.0) against BidiCharacterTest-15.0.0.txt.  These differ
 * in ubidi itself: checked the way ICU's own bidiconf.cpp does (ubidi_setPara,
 * ubidi_getLevels, ubidi_getLogicalIndex, no line object), ICU fails exactly
 * those 30 lines of the unmodified Unicode file.  We do not patch around
 * ubidi's resolution: each line says which rule ICU misses.  (ICU's
 * shortcuts for unidirectional text and lines, which report every level as
 * the paragraph level, are not listed: bidi.c gives the exact levels.) */
static const char override_on_isolate[] =
    "UAX #9 X5a-X5c with X6a (clarified in Unicode 8.0): an LRI/FSI and its PDI placed between a "
    "PDF and the next embedding initiator take the level and override of the enclosing RLO/LRO; "
    "ICU gives them the flanking embedding's level, so the isolate joins that level run and is "
    "reordered with it";
static const char overridden_bracket[] =
    "UAX #9 BD14-BD16 (Unicode 8.0): only a bracket whose current class is ON can pair, so a "
    "bracket forced to L or R by an override (X6) stays strong; ICU still pairs it in N0 and "
    "gives it its partner's direction";
static const char mark_after_bracket[] =
    "UAX #9 N0, last paragraph (Unicode 8.0): a nonspacing mark after a bracket whose type N0 "
    "changed takes the bracket's new type; ICU 72 leaves the mark with the type W1 gave it "
    "(the bracket's original ON), so it resolves to the embedding direction";
static const char mark_after_bracket_bn[] =
    "UAX #9 N0 with X9 (test cases added in Unicode 14.0): as for marks after a bracket, with a "
    "ZWJ or ZWSP (class BN, ignored) between the bracket and the mark; ICU 72 leaves the mark "
    "at the embedding level";
static const char bracket_stack_full[] =
    "UAX #9 BD16: the bracket stack holds 63 openings; at the 64th, BD16 stops and the "
    "isolating run sequence has no bracket pairs at all; ICU keeps the pairs, so N0 resolves "
    "the closing brackets to L (level 2) where N1-N2 give the embedding direction R (level 1)";
typedef struct known_exception {
    long line;   /* in BidiCharacterTest-15.0.0.txt */
    int allowed; /* WRONG_* the line may show; at least one must show */
    const char *reason;
} known_exception;

#define ICU_DIFFERS (WRONG_LEVEL_VALUE | WRONG_DIRECTION | WRONG_ORDER)

static const known_exception exceptions[] = {
    {59, ICU_DIFFERS, override_on_isolate}, /* auto: RLO a LRE b PDF LRI c PDI LRE d PDF e PDF */
    {60, ICU_DIFFERS, override_on_isolate}, /* RTL: RLO a LRE b PDF LRI c PDI LRE d PDF e PDF */
    {61, ICU_DIFFERS, override_on_isolate}, /* auto: LRO א RLE ב PDF FSI ג PDI RLE ד PDF ה PDF */
    {62, ICU_DIFFERS, override_on_isolate}, /* LTR: LRO ١ RLE ٢ PDF FSI ٣ PDI RLE ٤ PDF ٥ PDF */
    {65, ICU_DIFFERS, overridden_bracket},  /* auto: LRE א ( ב PDF LRO ) */
    {66, ICU_DIFFERS, overridden_bracket},  /* auto: LRE א ( ב PDF LRO ) PDF */
    {67, ICU_DIFFERS, overridden_bracket},  /* auto: RLE a ( b PDF RLO ) */
    {68, ICU_DIFFERS, overridden_bracket},  /* auto: RLE a ( b PDF RLO ) PDF */
    {69, ICU_DIFFERS, overridden_bracket},  /* auto: LRE RLO a PDF ( א PDF LRO ) PDF */
    {70, ICU_DIFFERS, overridden_bracket},  /* auto: RLE LRO א PDF ( a PDF RLO ) PDF */
    {71, ICU_DIFFERS, overridden_bracket},  /* auto: LRE RLO a PDF ( [ א PDF LRO ] ) PDF */
    {72, ICU_DIFFERS, overridden_bracket},  /* auto: RLE LRO א PDF ( [ a PDF RLO ] ) PDF */
    {73, ICU_DIFFERS, overridden_bracket},  /* auto: LRO ( PDF LRE א ) ב */
    {74, ICU_DIFFERS, overridden_bracket},  /* auto: LRO ( PDF LRE א ) ב PDF */
    {75, ICU_DIFFERS, overridden_bracket},  /* auto: RLO ( PDF RLE a ) b */
    {76, ICU_DIFFERS, overridden_bracket},  /* auto: RLO ( PDF RLE a ) b PDF */
    {77, ICU_DIFFERS, overridden_bracket},  /* auto: LRO RLO a PDF ( PDF LRE א ) ב */
    {78, ICU_DIFFERS, overridden_bracket},  /* auto: RLO LRO א PDF ( PDF RLE a ) b */
    {79, ICU_DIFFERS, overridden_bracket},  /* auto: LRO RLO a PDF ( [ PDF LRE א ] ) ב */
    {80, ICU_DIFFERS, overridden_bracket},  /* auto: RLO LRO א PDF ( [ PDF RLE a ] ) b */
    {83, ICU_DIFFERS, mark_after_bracket},  /* RTL: a ( b ) U+0331 */
    {84, ICU_DIFFERS, mark_after_bracket},  /* RTL: a ( U+0332 b ) U+0333 */
    {85, ICU_DIFFERS, mark_after_bracket},  /* LTR: א ( ב ) U+0331 */
    {86, ICU_DIFFERS, mark_after_bracket},  /* LTR: א ( U+0332 ב ) U+0333 */
    {87, ICU_DIFFERS, mark_after_bracket},  /* LTR: ١ ( ٢ ) U+0331 */
    {88, ICU_DIFFERS, mark_after_bracket},  /* LTR: ١ ( U+0332 ٢ ) U+0333 */
    {102, ICU_DIFFERS, mark_after_bracket_bn}, /* LTR: A RLM [ א ] ZWJ U+20D6 */
    {108, ICU_DIFFERS, mark_after_bracket_bn}, /* LTR: A RLM [ ZWJ U+20D6 א ] ZWJ U+20D6 */
    {113, ICU_DIFFERS,
     mark_after_bracket_bn},                /* LTR: A RLM [ ZWJ ZWSP U+20D6 א ] ZWSP ZWJ U+20D6 */
    {120, ICU_DIFFERS, bracket_stack_full}, /* RTL: a (x64 b )x64 */
};
#define EXCEPTION_COUNT (sizeof exceptions / sizeof exceptions[0])

/* Supplementary characters are absent from the Unicode file, so these
 * exercise the UTF-16 index mapping.  U+10900 PHOENICIAN LETTER ALF is R. */
static const char *const surrogate_cases[] = {
    /* R WS L in an RTL paragraph: WS takes the embedding level (N2). */
    "10900 0020 0061;1;1;1 1 2;2 1 0",
    /* L WS R R in LTR: the pair of R characters is reversed as a whole. */
    "0061 0020 10900 10901;0;0;0 0 1 1;0 1 3 2",
    /* P2-P3 find the first strong character even when it is supplementary. */
    "10900 0061;2;1;1 2;1 0",
    /* Supplementary R characters between Latin letters in LTR. */
    "0061 10900 0062 10901 10902 0063;0;0;0 1 0 1 1 0;0 1 2 4 3 5",
};

typedef struct bidi_case {
    uint32_t codepoints[MAX_CODEPOINTS];
    int count;
    int direction; /* field 1: 0 LTR, 1 RTL, 2 auto */
    int paragraph_level;
    int levels[MAX_CODEPOINTS]; /* LEVEL_REMOVED for 'x' */
    int order[MAX_CODEPOINTS];  /* visual order of the kept characters */
    int order_count;
} bidi_case;

/* The engine's answer for one case, in UTF-16 units. */
typedef struct bidi_result {
    uint16_t units[MAX_UNITS];
    int32_t length;
    int codepoint_of[MAX_UNITS]; /* which code point each unit belongs to */
    int paragraph_level;
    uint8_t line_levels[MAX_UNITS];
    int32_t visual[MAX_UNITS];
    text_bidi_run runs[MAX_UNITS];
    int32_t run_count;
} bidi_result;

typedef struct counts {
    long tested, passed, failed, excepted;
} counts;

static const known_exception *exception_for(long line)
{
    for (size_t i = 0; i < EXCEPTION_COUNT; i++)
        if (exceptions[i].line == line)
            return &exceptions[i];
    return NULL;
}

/* Parses up to `max` whitespace-separated numbers in `base`; 'x' gives
 * LEVEL_REMOVED.  Returns how many, or -1 on garbage or too many. */
static int parse_numbers(const char *field, int base, long *out, int max)
{
    int count = 0;
    const char *p = field;
    for (;;) {
        p += strspn(p, " \t");
        if (*p == '\0' || *p == '\n' || *p == '\r')
            return count;
        if (count == max)
            return -1;
        if (*p == 'x') {
            out[count++] = LEVEL_REMOVED;
            p++;
            continue;
        }
        char *end;
        errno = 0;
        long value = strtol(p, &end, base);
        if (end == p || errno != 0 || value < 0)
            return -1;
        out[count++] = value;
        p = end;
    }
}

/* Splits "f0;f1;f2;f3;f4" in place. */
static bool split_fields(char *line, char *fields[5])
{
    for (int i = 0; i < 5; i++) {
        fields[i] = line;
        if (i == 4)
            break;
        char *semicolon = strchr(line, ';');
        if (!semicolon)
            return false;
        *semicolon = '\0';
        line = semicolon + 1;
    }
    return true;
}

static bool parse_case(char *line, bidi_case *test)
{
    char *fields[5];
    long numbers[MAX_CODEPOINTS];
    if (!split_fields(line, fields))
        return false;
    test->count = parse_numbers(fields[0], 16, numbers, MAX_CODEPOINTS);
    if (test->count <= 0)
        return false;
    for (int i = 0; i < test->count; i++) {
        if (numbers[i] == LEVEL_REMOVED || numbers[i] > 0x10FFFF)
            return false;
        test->codepoints[i] = (uint32_t)numbers[i];
    }
    test->direction = atoi(fields[1]);
    test->paragraph_level = atoi(fields[2]);
    if (parse_numbers(fields[3], 10, numbers, MAX_CODEPOINTS) != test->count)
        return false;
    for (int i = 0; i < test->count; i++)
        test->levels[i] = (int)numbers[i];
    test->order_count = parse_numbers(fields[4], 10, numbers, MAX_CODEPOINTS);
    if (test->order_count < 0)
        return false;
    for (int i = 0; i < test->order_count; i++)
        test->order[i] = (int)numbers[i];
    return test->direction >= 0 && test->direction <= 2;
}

/* UTF-32 to UTF-16, remembering the code point of each unit. */
static void to_utf16(const bidi_case *test, bidi_result *result)
{
    result->length = 0;
    for (int i = 0; i < test->count; i++) {
        uint32_t c = test->codepoints[i];
        if (c >= 0x10000) {
            result->codepoint_of[result->length] = i;
            result->units[result->length++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            c = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
        result->codepoint_of[result->length] = i;
        result->units[result->length++] = (uint16_t)c;
    }
}

static text_direction direction_of(int field)
{
    return field == 0 ? TEXT_DIRECTION_LTR : field == 1 ? TEXT_DIRECTION_RTL : TEXT_DIRECTION_AUTO;
}

/* Runs the engine: the whole paragraph as one line. */
static bool run_engine(const bidi_case *test, bidi_result *result)
{
    to_utf16(test, result);
    text_bidi *bidi =
        text_bidi_create(result->units, result->length, direction_of(test->direction));
    if (!bidi)
        return false;
    result->paragraph_level = text_bidi_paragraph_level(bidi);
    result->run_count = text_bidi_reorder_line(bidi, 0, result->length, result->runs, MAX_UNITS,
                                               result->line_levels, result->visual);
    text_bidi_destroy(bidi);
    return result->run_count >= 0 && result->run_count <= MAX_UNITS;
}

/* Compares the L1 levels of every unit of every kept character. */
static int compare_levels(const bidi_case *test, const bidi_result *result)
{
    int wrong = 0;
    for (int32_t u = 0; u < result->length; u++) {
        int expected = test->levels[result->codepoint_of[u]];
        if (expected == LEVEL_REMOVED || result->line_levels[u] == expected)
            continue;
        wrong |= (result->line_levels[u] - expected) % 2 ? WRONG_DIRECTION : WRONG_LEVEL_VALUE;
    }
    return wrong;
}

/* The unit visual map as code points, without the X9-removed characters,
 * each character once whatever the order of its units. */
static int visual_codepoints(const bidi_case *test, const bidi_result *result, int *order)
{
    bool seen[MAX_CODEPOINTS] = {false};
    int count = 0;
    for (int32_t v = 0; v < result->length; v++) {
        int c = result->codepoint_of[result->visual[v]];
        if (seen[c] || test->levels[c] == LEVEL_REMOVED)
            continue;
        seen[c] = true;
        order[count++] = c;
    }
    return count;
}

static int compare_order(const bidi_case *test, const bidi_result *result)
{
    int order[MAX_CODEPOINTS];
    int count = visual_codepoints(test, result, order);
    if (count != test->order_count)
        return WRONG_ORDER;
    for (int i = 0; i < count; i++)
        if (order[i] != test->order[i])
            return WRONG_ORDER;
    return 0;
}

/* L2 as runs must be the visual map cut into pieces: a left-to-right run
 * lists its units forwards, a right-to-left run backwards. */
static int compare_runs(const bidi_result *result)
{
    int32_t v = 0;
    for (int32_t r = 0; r < result->run_count; r++) {
        const text_bidi_run *run = &result->runs[r];
        for (int32_t i = 0; i < run->length; i++, v++) {
            int32_t logical = run->rtl ? run->start + run->length - 1 - i : run->start + i;
            if (v >= result->length || result->visual[v] != logical)
                return WRONG_RUNS;
        }
    }
    return v == result->length ? 0 : WRONG_RUNS;
}

/* Returns the WRONG_* bits for one test case. */
static int check_case(const bidi_case *test)
{
    static bidi_result result; /* large: keep it off the stack */
    if (!run_engine(test, &result))
        return WRONG_INPUT;
    int wrong = result.paragraph_level != test->paragraph_level ? WRONG_PARAGRAPH_LEVEL : 0;
    return wrong | compare_levels(test, &result) | compare_order(test, &result) |
           compare_runs(&result);
}

static void describe(int wrong, char *text, size_t size)
{
    static const char *const names[] = {"input or engine error", "paragraph level", "level values",
                                        "level parity",          "visual order",    "runs"};
    text[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (wrong & (1 << i))
            snprintf(text + strlen(text), size - strlen(text), "%s%s", text[0] ? ", " : "",
                     names[i]);
}

/* Parses and checks one line; `exception` (may be NULL) says what it may
 * get wrong.  Updates the counts and reports failures. */
static void check_line(char *line, const char *source, long number,
                       const known_exception *exception, counts *counts)
{
    static bidi_case test; /* large: keep it off the stack */
    char copy[8192], why[128];
    snprintf(copy, sizeof copy, "%s", line);
    copy[strcspn(copy, "\r\n")] = '\0';
    counts->tested++;
    int wrong = parse_case(line, &test) ? check_case(&test) : WRONG_INPUT;
    if (exception && wrong == 0)
        printf("note: %s line %ld passes now; its exception can go\n", source, number);
    if (wrong == 0) {
        counts->passed++;
        return;
    }
    describe(wrong, why, sizeof why);
    if (exception && (wrong & ~exception->allowed) == 0) {
        counts->excepted++;
        printf("exception, %s line %ld (%s): %s\n", source, number, why, exception->reason);
        return;
    }
    if (++counts->failed <= FAILURES_SHOWN)
        printf("FAIL %s line %ld: wrong %s\n  %s\n", source, number, why, copy);
}

/* The exceptions were checked against one version of the file only. */
static bool is_expected_version(const char *first_line)
{
    return strncmp(first_line, EXPECTED_VERSION, strlen(EXPECTED_VERSION)) == 0;
}

static bool check_file(const char *path, counts *counts)
{
    FILE *file = fopen(path, "r");
    if (!file) {
        printf("cannot open %s: %s\n", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t capacity = 0;
    long number = 0;
    bool use_exceptions = false;
    while (getline(&line, &capacity, file) != -1) {
        if (++number == 1 && !(use_exceptions = is_expected_version(line)))
            printf("note: %s is not %s: no exceptions apply\n", path, &EXPECTED_VERSION[2]);
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        const known_exception *exception = use_exceptions ? exception_for(number) : NULL;
        check_line(line, "BidiCharacterTest.txt", number, exception, counts);
    }
    free(line);
    fclose(file);
    return true;
}

static void check_surrogate_cases(counts *counts)
{
    for (size_t i = 0; i < sizeof surrogate_cases / sizeof surrogate_cases[0]; i++) {
        char line[256];
        snprintf(line, sizeof line, "%s", surrogate_cases[i]);
        check_line(line, "surrogate case", (long)i + 1, NULL, counts);
    }
}

/* The file only reorders whole paragraphs; these cut one into lines, where
 * indices are paragraph-relative and L1 works on each line's own end. */
static bool same(const char *what, const int32_t *actual, const int32_t *expected, int count)
{
    for (int i = 0; i < count; i++) {
        if (actual[i] != expected[i]) {
            printf("FAIL line case %s: entry %d is %d, expected %d\n", what, i, (int)actual[i],
                   (int)expected[i]);
            return false;
        }
    }
    return true;
}

/* "ab אב cd" (LTR): the line "אב cd" starts at 3. */
static bool check_line_in_paragraph(void)
{
    static const uint16_t text[] = {'a', 'b', ' ', 0x05D0, 0x05D1, ' ', 'c', 'd'};
    text_bidi *bidi = text_bidi_create(text, 8, TEXT_DIRECTION_AUTO);
    text_bidi_run runs[4];
    uint8_t levels[5];
    int32_t visual[5], got_levels[5], got_runs[6];
    bool ok = bidi && text_bidi_reorder_line(bidi, 3, 8, runs, 4, levels, visual) == 2;
    for (int i = 0; ok && i < 5; i++)
        got_levels[i] = levels[i];
    for (int r = 0; ok && r < 2; r++) {
        got_runs[3 * r] = runs[r].start;
        got_runs[3 * r + 1] = runs[r].length;
        got_runs[3 * r + 2] = runs[r].rtl;
    }
    ok = ok && same("visual map", visual, (const int32_t[]){4, 3, 5, 6, 7}, 5) &&
         same("levels", got_levels, (const int32_t[]){1, 1, 0, 0, 0}, 5) &&
         same("runs", got_runs, (const int32_t[]){3, 2, 1, 5, 3, 0}, 6);
    /* Asking with no room still counts the runs. */
    ok = ok && text_bidi_reorder_line(bidi, 3, 8, NULL, 0, NULL, NULL) == 2;
    text_bidi_destroy(bidi);
    return ok;
}

/* "אב גד" in an LTR paragraph: the space is level 1 (N1), but at the end of
 * the line "אב " rule L1 puts it back to the paragraph level. */
static bool check_rule_l1_at_line_end(void)
{
    static const uint16_t text[] = {0x05D0, 0x05D1, ' ', 0x05D2, 0x05D3};
    text_bidi *bidi = text_bidi_create(text, 5, TEXT_DIRECTION_LTR);
    uint8_t levels[3];
    int32_t visual[3], got_levels[4];
    bool ok = bidi && text_bidi_reorder_line(bidi, 0, 3, NULL, 0, levels, visual) == 2;
    for (int i = 0; ok && i < 3; i++)
        got_levels[i] = levels[i];
    if (ok)
        got_levels[3] = text_bidi_levels(bidi)[2]; /* the paragraph keeps level 1 */
    ok = ok && same("L1 levels", got_levels, (const int32_t[]){1, 1, 0, 1}, 4) &&
         same("L1 visual map", visual, (const int32_t[]){1, 0, 2}, 3);
    text_bidi_destroy(bidi);
    return ok;
}

/* "a ١ b אב" (LTR): the line "a ١ b" has only even levels, where
 * ubidi_setLine() would report them all as 0; the AN keeps level 2 (I1). */
static bool check_unidirectional_line(void)
{
    static const uint16_t text[] = {'a', ' ', 0x0661, ' ', 'b', ' ', 0x05D0, 0x05D1};
    text_bidi *bidi = text_bidi_create(text, 8, TEXT_DIRECTION_LTR);
    uint8_t levels[5];
    int32_t visual[5], got_levels[5];
    bool ok = bidi && text_bidi_reorder_line(bidi, 0, 5, NULL, 0, levels, visual) == 1;
    for (int i = 0; ok && i < 5; i++)
        got_levels[i] = levels[i];
    ok = ok && same("unidirectional levels", got_levels, (const int32_t[]){0, 0, 2, 0, 0}, 5) &&
         same("unidirectional visual map", visual, (const int32_t[]){0, 1, 2, 3, 4}, 5);
    text_bidi_destroy(bidi);
    return ok;
}

static void count_text_errors(log_level level, const char *module, const char *message, void *user)
{
    (void)message;
    if (level == LOG_ERROR && strcmp(module, "text") == 0)
        ++*(int *)user;
}

/* Empty text and empty lines are valid; a line outside the paragraph is an
 * error, logged, not printed. */
static bool check_edges(void)
{
    text_bidi *empty = text_bidi_create(NULL, 0, TEXT_DIRECTION_AUTO);
    bool ok = empty && text_bidi_paragraph_level(empty) == 0 &&
              text_bidi_reorder_line(empty, 0, 0, NULL, 0, NULL, NULL) == 0;
    text_bidi_destroy(empty);
    static const uint16_t text[] = {'a'};
    text_bidi *bidi = text_bidi_create(text, 1, TEXT_DIRECTION_RTL);
    int errors = 0;
    log_set_sink(count_text_errors, &errors); /* the next call must log one */
    ok = ok && bidi && text_bidi_reorder_line(bidi, 0, 2, NULL, 0, NULL, NULL) == -1 && errors == 1;
    log_set_sink(NULL, NULL);
    text_bidi_destroy(bidi);
    if (!ok)
        printf("FAIL line case: empty text or out-of-range line\n");
    return ok;
}

#define LINE_CASES 4
static int check_line_cases(void)
{
    return !check_line_in_paragraph() + !check_rule_l1_at_line_end() +
           !check_unidirectional_line() + !check_edges();
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : DEFAULT_PATH;
    counts file = {0}, own = {0};
    if (!check_file(path, &file))
        return 1;
    check_surrogate_cases(&own);
    int line_failures = check_line_cases();
    if (file.failed > FAILURES_SHOWN)
        printf("... %ld more failures not shown\n", file.failed - FAILURES_SHOWN);
    printf("ICU %s, %s: %ld lines tested, %ld passed, %ld failed, %ld listed exceptions\n",
           U_ICU_VERSION, path, file.tested, file.passed, file.failed, file.excepted);
    printf("surrogate cases: %ld tested, %ld passed, %ld failed\n", own.tested, own.passed,
           own.failed);
    printf("line cases: %d tested, %d failed\n", LINE_CASES, line_failures);
    return file.tested > 0 && file.failed == 0 && own.failed == 0 && line_failures == 0 ? 0 : 1;
}
