/* test_grapheme_uax29.c - breaks.h against the Unicode GraphemeBreakTest.txt.
 *
 * Each line of the file is a string of code points with "÷" where UAX #29
 * puts an extended grapheme cluster boundary and "×" where it does not; the
 * first and last marks are always ÷ (GB1, GB2).  We run every line through
 * text_breaker_graphemes() and check, in UTF-16 units:
 *   - before each code point and at the end, boundary[] is 1 exactly where
 *     the file has ÷,
 *   - never a boundary between the two units of a supplementary character
 *     (77 lines of the file have some: regional indicators, emoji, skin tones).
 *
 * Usage: test_grapheme_uax29 [path/to/GraphemeBreakTest.txt]
 * Exit status 1 when a line fails that is not a listed exception. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uversion.h>

#include "break_case.h"
#include "breaks.h"

#define DEFAULT_PATH "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt"
#define EXPECTED_VERSION "# GraphemeBreakTest-15.0.0.txt"
#define FAILURES_SHOWN 20

/* An exception names the positions where ICU may differ (bit i for the
 * boundary before code point i, bit count for the end of the text); every
 * other position of the line is still checked. */
typedef struct known_exception {
    long line;
    uint64_t positions;
    const char *reason;
} known_exception;

#define AT(i) ((uint64_t)1 << (i))

/* ICU 72 implements the Unicode 15.0 rules (GB1-GB13, GB999) and passes
 * every line of GraphemeBreakTest-15.0.0.txt, so none is listed.  A line
 * that ICU gets wrong goes here, {line, AT(position) | ..., reason}, with
 * the rule ICU misses.  The entry with line 0 ends the list. */
static const known_exception exceptions[] = {
    {0, 0, NULL},
};

typedef struct counts {
    long tested, passed, failed, excepted;
} counts;

/* What one line got wrong. */
typedef struct grapheme_result {
    bool fatal;         /* engine error, boundary inside a surrogate pair */
    uint64_t positions; /* bit i: wrong before code point i, or at the end (i < 64) */
    bool beyond;        /* wrong at a later position */
    char why[256];      /* the first thing that went wrong */
} grapheme_result;

static void compare_position(const break_case *test, int i, uint8_t actual, grapheme_result *result)
{
    bool expected = test->breaks[i];
    if ((actual != 0) == expected && actual <= 1)
        return;
    if (i < 64)
        result->positions |= AT(i);
    else
        result->beyond = true;
    if (result->why[0] != '\0')
        return;
    if (i == test->count)
        snprintf(result->why, sizeof result->why, "at the end: %u, expected %d", (unsigned)actual,
                 expected);
    else
        snprintf(result->why, sizeof result->why, "before code point %d (%04X): %u, expected %d", i,
                 (unsigned)test->codepoints[i], (unsigned)actual, expected);
}

/* Runs one case through the engine and compares every position. */
static void run_case(text_breaker *breaker, const break_case *test, grapheme_result *result)
{
    uint16_t units[MAX_UNITS];
    int32_t first_unit[MAX_CODEPOINTS + 1];
    uint8_t boundary[MAX_UNITS + 1];
    int32_t length = break_case_to_utf16(test, units, first_unit);
    memset(result, 0, sizeof *result);
    result->fatal = true;
    if (!text_breaker_graphemes(breaker, units, length, boundary)) {
        snprintf(result->why, sizeof result->why, "text_breaker_graphemes failed");
        return;
    }
    for (int i = 0; i < test->count; i++) {
        if (first_unit[i + 1] - first_unit[i] == 2 && boundary[first_unit[i] + 1] != 0) {
            snprintf(result->why, sizeof result->why,
                     "boundary inside the surrogate pair of code point %d", i);
            return;
        }
    }
    result->fatal = false;
    for (int i = 0; i <= test->count; i++)
        compare_position(test, i, boundary[first_unit[i]], result);
}

static const known_exception *exception_for(long line)
{
    for (const known_exception *exception = exceptions; exception->line != 0; exception++)
        if (exception->line == line)
            return exception;
    return NULL;
}

/* An exception covers a line that differs only where it says. */
static bool covered_by(const known_exception *exception, const grapheme_result *result)
{
    return exception && !result->fatal && !result->beyond &&
           (result->positions & ~exception->positions) == 0;
}

static void check_line(text_breaker *breaker, const char *line, long number, bool use_exceptions,
                       counts *counts)
{
    static break_case test;
    grapheme_result result = {.fatal = true, .why = "cannot parse the line"};
    counts->tested++;
    if (break_case_parse(line, &test))
        run_case(breaker, &test, &result);
    bool passed = !result.fatal && !result.beyond && result.positions == 0;
    const known_exception *exception = use_exceptions ? exception_for(number) : NULL;
    if (passed) {
        counts->passed++;
        if (exception)
            printf("note: line %ld passes now; its exception can go\n", number);
    } else if (covered_by(exception, &result)) {
        counts->excepted++;
        printf("exception, line %ld (%s): %s\n", number, result.why, exception->reason);
    } else if (++counts->failed <= FAILURES_SHOWN) {
        printf("FAIL GraphemeBreakTest.txt line %ld: %s\n  %.*s\n", number, result.why,
               (int)strcspn(line, "\r\n"), line);
    }
}

static bool check_file(text_breaker *breaker, const char *path, counts *counts)
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
        if (++number == 1) {
            use_exceptions = strncmp(line, EXPECTED_VERSION, strlen(EXPECTED_VERSION)) == 0;
            if (!use_exceptions)
                printf("note: %s is not %s: no exceptions apply\n", path, &EXPECTED_VERSION[2]);
        }
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        check_line(breaker, line, number, use_exceptions, counts);
    }
    free(line);
    fclose(file);
    return true;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : DEFAULT_PATH;
    text_breaker *breaker = text_breaker_create();
    if (!breaker)
        return 1;
    counts counts = {0};
    bool read = check_file(breaker, path, &counts);
    text_breaker_destroy(breaker);
    if (!read)
        return 1;
    if (counts.failed > FAILURES_SHOWN)
        printf("... %ld more failures not shown\n", counts.failed - FAILURES_SHOWN);
    printf("ICU %s, %s: %ld lines tested, %ld passed, %ld failed, %ld listed exceptions\n",
           U_ICU_VERSION, path, counts.tested, counts.passed, counts.failed, counts.excepted);
    return counts.tested > 0 && counts.failed == 0 ? 0 : 1;
}
