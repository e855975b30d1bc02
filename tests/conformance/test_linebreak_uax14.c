/* test_linebreak_uax14.c - breaks.h against the Unicode LineBreakTest.txt.
 *
 * Each line of the file is a string of code points with "÷" where UAX #14
 * allows a line break and "×" where it does not; the first mark is always
 * × (nothing breaks before the text, LB2) and the last always ÷ (LB3).  We
 * run every line through text_breaker_lines() with the root language and
 * check, in UTF-16 units:
 *   - kinds[0] is NONE and kinds[length] MANDATORY (breaks.h),
 *   - before each code point, a break exactly where the file has ÷,
 *     MANDATORY after BK, CR, LF and NL (LB4-LB5) and ALLOWED elsewhere,
 *   - never a break between the two units of a supplementary character.
 * Our Ethiopic tailoring (breaks.h) only acts on a space followed by
 * U+1361..U+1368, which the file does not contain; a failure it caused
 * would be reported as such.  Our quotation-mark tailoring (breaks.h: UAX #14
 * 15.1 LB15a/LB15b instead of 15.0's LB15) does meet the file: the lines
 * where 15.0 and 15.1 differ on those rules are listed exceptions below, and
 * each agrees with the same line of LineBreakTest-15.1.0.txt.  (Run on that
 * file, this program applies no exception and reports ICU 72's other
 * differences from 15.1, none of them at a quotation mark.)
 *
 * Usage: test_linebreak_uax14 [path/to/LineBreakTest.txt]
 * Exit status 1 when a line fails that is not a listed exception. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "break_case.h"
#include "breaks.h"

#define DEFAULT_PATH "/usr/share/unicode/auxiliary/LineBreakTest.txt"
#define EXPECTED_VERSION "# LineBreakTest-15.0.0.txt"
#define FAILURES_SHOWN 20

/* ICU 72 against LineBreakTest-15.0.0.txt.  ICU's root line rules (CLDR 42)
 * already follow three changes that UAX #14 itself made later, in Unicode
 * 16.0 (revision 53; LineBreakTest-15.1.0.txt still expects the old breaks
 * there, like 15.0); the 15.0 file expects the old breaks.  We keep ICU's
 * behaviour, which is also what readers expect ("-5", ".5" stay whole). */
static const char word_initial_hyphen[] =
    "UAX #14 15.0 breaks HY ÷ AL after a hyphen that starts the text (LB31); ICU keeps a "
    "word-initial hyphen with the letter after it (ICU-8151, from a Finnish tailoring), which "
    "Unicode 16.0 made LB20a";
static const char number_starts_with_separator[] =
    "UAX #14 15.0 breaks IS ÷ NU unless a digit precedes the IS (LB25 as in Example 7, where a "
    "number begins with PR, PO, OP, HY or NU); ICU's LB25 lets a number begin with IS "
    "(\".5\"), so ICU keeps IS × NU, as Unicode 16.0's LB25 does";
static const char space_before_decimal_point[] =
    "\" .35\": UAX #14 15.0 forbids a break before IS even after a space (LB13) and breaks "
    "IS ÷ NU (LB31); ICU breaks before the IS when a digit follows (SP ÷ IS NU) and "
    "keeps \".35\" whole (LB25 with IS NU), which Unicode 16.0 made LB15c, LB15d and LB25";

/* Our tailoring (breaks.h), not ICU: Unicode 15.1 replaced LB15 with LB15a
 * and LB15b; LineBreakTest-15.1.0.txt has each of these lines with the break
 * we give. */
static const char quote_space_bracket[] =
    "our tailoring to Unicode 15.1 LB15a/LB15b: 15.0's LB15 (QU SP* × OP) is gone, and this QU "
    "is no initial quote (Pi) after sot, BK, CR, LF, NL, OP, QU, GL, SP or ZW, so LB15a does "
    "not hold and LB18 breaks SP ÷ OP";
static const char quotes_opening_closing[] =
    "our tailoring to Unicode 15.1 LB15a/LB15b: no break after OP « SP (LB15a: an initial quote "
    "after OP, and its spaces) nor before SP » CP (LB15b: a final quote before CP), where 15.0 "
    "broke after the space (LB18)";

/* An exception names the code points before which ICU may differ (bit i
 * for code point i); every other position of the line is still checked. */
typedef struct known_exception {
    long line;
    uint64_t positions;
    const char *reason;
} known_exception;

#define AT(i) ((uint64_t)1 << (i))

static const known_exception exceptions[] = {
    {2265, AT(1), word_initial_hyphen},                /* - # */
    {2267, AT(2), word_initial_hyphen},                /* - U+0308 # */
    {2421, AT(1), word_initial_hyphen},                /* - § (AI) */
    {2423, AT(2), word_initial_hyphen},                /* - U+0308 § */
    {2425, AT(1), word_initial_hyphen},                /* - U+50005 (XX) */
    {2427, AT(2), word_initial_hyphen},                /* - U+0308 U+50005 */
    {2429, AT(1), word_initial_hyphen},                /* - U+0E01 (SA) */
    {2431, AT(2), word_initial_hyphen},                /* - U+0308 U+0E01 */
    {2873, AT(1), number_starts_with_separator},       /* , 0 */
    {2875, AT(2), number_starts_with_separator},       /* , U+0308 0 */
    {4770, AT(2), quote_space_bracket},                /* " 〈 */
    {4772, AT(3), quote_space_bracket},                /* " U+0308 〈 */
    {4818, AT(2), quote_space_bracket},                /* " ( */
    {4820, AT(3), quote_space_bracket},                /* " U+0308 ( */
    {7477, AT(7) | AT(8), space_before_decimal_point}, /* equals .35 cents */
    {7514, AT(9) | AT(11), quotes_opening_closing},    /* ambigu(« ̈ »)(ë) */
    {7515, AT(8), quote_space_bracket},                /* ambigu« ( ̈ ) »(ë) */
    {7519, AT(9) | AT(11), quotes_opening_closing},    /* ambigu{« ̈ »}(ë) */
    {7520, AT(8), quote_space_bracket},                /* ambigu« { ̈ } »(ë) */
    {7576, AT(2), number_starts_with_separator},       /* a.2 */
    {7577, AT(2), number_starts_with_separator},       /* a.2 क */
    {7578, AT(2), number_starts_with_separator},       /* a.2 本 */
    {7579, AT(2), number_starts_with_separator},       /* a.2\u3000本 */
    {7580, AT(2), number_starts_with_separator},       /* a.2\u3000ま */
    {7581, AT(2), number_starts_with_separator},       /* a.2\u30003 */
    {7583, AT(2), number_starts_with_separator},       /* A.1 몫 */
    {7584, AT(6), number_starts_with_separator},       /* 봤어. A.2 볼 */
    {7585, AT(6), number_starts_with_separator},       /* 봐요. A.3 몫 */
    {7586, AT(5), number_starts_with_separator},       /* 요. A.4 몫 */
    {7587, AT(2), number_starts_with_separator},       /* a.2\u3000「 */
};
#define EXCEPTION_COUNT (sizeof exceptions / sizeof exceptions[0])

typedef struct counts {
    long tested, passed, failed, excepted;
} counts;

/* UAX #14 LB4-LB5: a break after these is mandatory. */
static bool is_hard_break_class(uint32_t c)
{
    int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
    return lb == U_LB_MANDATORY_BREAK || lb == U_LB_CARRIAGE_RETURN || lb == U_LB_LINE_FEED ||
           lb == U_LB_NEXT_LINE;
}

static uint8_t expected_kind(const break_case *test, int i)
{
    if (!test->breaks[i])
        return TEXT_BREAK_NONE;
    return is_hard_break_class(test->codepoints[i - 1]) ? TEXT_BREAK_MANDATORY : TEXT_BREAK_ALLOWED;
}

static int line_class(uint32_t c)
{
    return u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
}

/* Which of our tailorings, not ICU, may have decided the break before i:
 * "" for none. */
static const char *tailored_position(const break_case *test, int i)
{
    if (test->codepoints[i] >= 0x1361 && test->codepoints[i] <= 0x1368 &&
        line_class(test->codepoints[i - 1]) == U_LB_SPACE)
        return " (our Ethiopic tailoring)";
    /* Quotation marks: before a QU (LB15b), or after QU CM* SP* (LB15a, and
     * the SP ÷ OP that LB15 forbade). */
    int before = i - 1;
    while (before > 0 && line_class(test->codepoints[before]) == U_LB_SPACE)
        before--;
    while (before > 0 && (line_class(test->codepoints[before]) == U_LB_COMBINING_MARK ||
                          line_class(test->codepoints[before]) == U_LB_ZWJ))
        before--;
    if (line_class(test->codepoints[i]) == U_LB_QUOTATION ||
        line_class(test->codepoints[before]) == U_LB_QUOTATION)
        return " (near a quotation mark: our LB15a/LB15b tailoring?)";
    return "";
}

static const char *kind_name(uint8_t kind)
{
    return kind == TEXT_BREAK_NONE ? "none" : kind == TEXT_BREAK_ALLOWED ? "allowed" : "mandatory";
}

/* What one line got wrong. */
typedef struct linebreak_result {
    bool fatal;         /* engine error, wrong start or end, break inside a surrogate pair */
    uint64_t positions; /* bit i: wrong kind before code point i (i < 64) */
    bool beyond;        /* a wrong kind before a later code point */
    char why[256];      /* the first thing that went wrong */
} linebreak_result;

static void compare_position(const break_case *test, int i, uint8_t actual,
                             linebreak_result *result)
{
    uint8_t expected = expected_kind(test, i);
    if (actual == expected)
        return;
    if (i < 64)
        result->positions |= AT(i);
    else
        result->beyond = true;
    if (result->why[0] == '\0')
        snprintf(result->why, sizeof result->why, "before code point %d (%04X): %s, expected %s%s",
                 i, (unsigned)test->codepoints[i], kind_name(actual), kind_name(expected),
                 tailored_position(test, i));
}

/* Runs one case through the engine and compares every position. */
static void run_case(text_breaker *breaker, const break_case *test, linebreak_result *result)
{
    uint16_t units[MAX_UNITS];
    int32_t first_unit[MAX_CODEPOINTS + 1];
    uint8_t kinds[MAX_UNITS + 1];
    int32_t length = break_case_to_utf16(test, units, first_unit);
    memset(result, 0, sizeof *result);
    result->fatal = true;
    if (!text_breaker_lines(breaker, "", units, length, kinds)) {
        snprintf(result->why, sizeof result->why, "text_breaker_lines failed");
        return;
    }
    if (kinds[0] != TEXT_BREAK_NONE || kinds[length] != TEXT_BREAK_MANDATORY) {
        snprintf(result->why, sizeof result->why, "start %s, end %s", kind_name(kinds[0]),
                 kind_name(kinds[length]));
        return;
    }
    for (int i = 0; i < test->count; i++) {
        if (first_unit[i + 1] - first_unit[i] == 2 && kinds[first_unit[i] + 1] != TEXT_BREAK_NONE) {
            snprintf(result->why, sizeof result->why,
                     "break inside the surrogate pair of code point %d", i);
            return;
        }
    }
    result->fatal = false;
    for (int i = 1; i < test->count; i++)
        compare_position(test, i, kinds[first_unit[i]], result);
}

static const known_exception *exception_for(long line)
{
    for (size_t i = 0; i < EXCEPTION_COUNT; i++)
        if (exceptions[i].line == line)
            return &exceptions[i];
    return NULL;
}

/* An exception covers a line that differs only where it says. */
static bool covered_by(const known_exception *exception, const linebreak_result *result)
{
    return exception && !result->fatal && !result->beyond &&
           (result->positions & ~exception->positions) == 0;
}

static void check_line(text_breaker *breaker, const char *line, long number, bool use_exceptions,
                       counts *counts)
{
    static break_case test;
    linebreak_result result = {.fatal = true, .why = "cannot parse the line"};
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
        printf("FAIL LineBreakTest.txt line %ld: %s\n  %.*s\n", number, result.why,
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
                printf("note: %s is not %s: no exceptions apply\n", path, EXPECTED_VERSION + 2);
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
