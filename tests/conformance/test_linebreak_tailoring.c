/* test_linebreak_tailoring.c - our Ethiopic tailoring of UAX #14 (breaks.h).
 *
 * Tigrinya and Amharic separate words with ETHIOPIC WORDSPACE ፡ (U+1361,
 * class BA) and end sentences with ። (U+1362).  Typed as "ቃል ፡ ቃል", with a
 * space before the wordspace, plain UAX #14 breaks after the space (LB18)
 * and a line may start with ፡ (w3c/i18n-tests#25).  breaks.h removes that
 * one break, for U+1361..U+1368 after a space, and nothing else.
 *
 * Each case is written as the pieces between break opportunities: joined
 * they are the text, and text_breaker_lines() must allow a break exactly
 * where one piece ends and the next begins (a mandatory one after a line
 * feed), in every language we try, through the breaker's iterator cache. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ustring.h>

#include "breaks.h"

#define MAX_PIECES 8
#define MAX_UNITS 128

typedef struct tailoring_case {
    const char *what;
    const char *pieces[MAX_PIECES]; /* UTF-8, NULL-terminated list */
} tailoring_case;

static const tailoring_case cases[] = {
    /* The tailoring itself. */
    {"space before wordspace: ፡ stays with the word before it", {"ቃል ፡ ", "ቃል"}},
    {"two spaces before wordspace", {"ቃል  ፡ ", "ቃል"}},
    {"space before wordspace at the start of the text", {" ፡ ", "ቃል"}},
    {"space before ። FULL STOP (AL, not BA)", {"ቃል ። ", "ቃል"}},
    {"space before ፣ COMMA", {"ቃል ፣ ", "ቃል"}},
    {"space before ፤ SEMICOLON", {"ቃል ፤ ", "ቃል"}},
    {"space before ፥ COLON", {"ቃል ፥ ", "ቃል"}},
    {"space before ፦ PREFACE COLON", {"ቃል ፦ ", "ቃል"}},
    {"space before ፧ QUESTION MARK", {"ቃል ፧ ", "ቃል"}},
    {"space before ፨ PARAGRAPH SEPARATOR", {"ቃል ፨ ", "ቃል"}},
    {"spaced wordspaces in a sentence", {"ሰላም ፡ ", "ከመይ ፡ ", "ኣለኻ ።"}},
    /* Plain UAX #14, which the tailoring must leave alone. */
    {"wordspace without spaces: break after each ፡ (LB21, LB31)", {"ቃል፡", "ቃል፡", "ቃል"}},
    {"Tigrinya sentence: ሰላም፡ከመይ፡ኣለኻ።", {"ሰላም፡", "ከመይ፡", "ኣለኻ።"}},
    {"wordspace then space: break after the space (LB18)", {"ቃል፡ ", "ቃል"}},
    {"full stop between words: no break (AL × AL, LB28)", {"ቃል።ቃል"}},
    {"U+1360 SECTION MARK is not tailored", {"ቃል ", "፠ቃል"}},
    {"line feed before wordspace: mandatory break (LB5)", {"ቃል\n", "፡", "ቃል"}},
    {"Latin after a space: unchanged", {"a ", "(b) ", "c"}},
};

/* Languages to run every case in: the tailoring does not depend on it.
 * More than the breaker caches, so iterators are evicted and reopened. */
static const char *const languages[] = {"",   "ti", "am", "ti-ER", "gez", "en", "it",
                                        "ar", "ur", "bn", "pa",    "ti",  NULL};

typedef struct case_text {
    uint16_t units[MAX_UNITS];
    int32_t length;
    uint8_t expected[MAX_UNITS + 1];
} case_text;

/* Joins the pieces into UTF-16 and marks the expected break kinds. */
static bool build(const tailoring_case *test, case_text *text)
{
    memset(text->expected, TEXT_BREAK_NONE, sizeof text->expected);
    text->length = 0;
    for (int p = 0; test->pieces[p]; p++) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t written = 0;
        u_strFromUTF8((UChar *)text->units + text->length, MAX_UNITS - text->length, &written,
                      test->pieces[p], -1, &status);
        if (U_FAILURE(status) || text->length + written >= MAX_UNITS)
            return false;
        text->length += written;
        bool line_feed = text->units[text->length - 1] == '\n';
        text->expected[text->length] = line_feed ? TEXT_BREAK_MANDATORY : TEXT_BREAK_ALLOWED;
    }
    text->expected[text->length] = TEXT_BREAK_MANDATORY; /* end of text */
    return true;
}

static bool check(text_breaker *breaker, const tailoring_case *test, const char *language)
{
    case_text text;
    uint8_t kinds[MAX_UNITS + 1];
    if (!build(test, &text)) {
        printf("FAIL %s: cannot build the text\n", test->what);
        return false;
    }
    if (!text_breaker_lines(breaker, language, text.units, text.length, kinds)) {
        printf("FAIL %s [%s]: text_breaker_lines failed\n", test->what, language);
        return false;
    }
    for (int32_t i = 0; i <= text.length; i++) {
        if (kinds[i] != text.expected[i]) {
            printf("FAIL %s [%s]: before unit %d (U+%04X) kind %d, expected %d\n", test->what,
                   language, (int)i, i < text.length ? text.units[i] : 0, kinds[i],
                   text.expected[i]);
            return false;
        }
    }
    return true;
}

int main(void)
{
    text_breaker *breaker = text_breaker_create();
    if (!breaker)
        return 1;
    int tested = 0, failed = 0;
    for (int l = 0; languages[l]; l++) {
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            tested++;
            failed += !check(breaker, &cases[c], languages[l]);
        }
    }
    text_breaker_destroy(breaker);
    printf("Ethiopic wordspace tailoring: %d checks (%zu cases x %zu languages), %d failed\n",
           tested, sizeof cases / sizeof cases[0], sizeof languages / sizeof languages[0] - 1,
           failed);
    return failed == 0 ? 0 : 1;
}
