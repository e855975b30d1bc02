/* test_linebreak_tailoring.c - our tailorings of ICU's UAX #14 (breaks.h).
 *
 * Ethiopic: Tigrinya and Amharic separate words with ETHIOPIC WORDSPACE ፡
 * (U+1361, class BA) and end sentences with ። (U+1362).  Typed as
 * "ቃል ፡ ቃል", with a space before the wordspace, plain UAX #14 breaks after
 * the space (LB18) and a line may start with ፡ (w3c/i18n-tests#25).
 * breaks.h removes that one break, for U+1361..U+1368 after a space, and
 * nothing else.
 *
 * Quotation marks: ICU 72 has Unicode 15.0's LB15 (QU SP* × OP), which
 * glues `« caporalato » (intermédiation` into one chunk; breaks.h applies
 * Unicode 15.1's LB15a and LB15b instead (UAX #14 revision 51, 6.2).  The
 * cases show the break that comes back (LB18 after a closing quote and its
 * space), the breaks 15.1 still forbids (after an opening quote and its
 * spaces, LB15a; before a closing quote, LB15b; QU × and × QU, LB19), and
 * that an opening or closing mark is told by General_Category (Pi, Pf) and
 * its context, not by the language's habits (German »…«, Swedish ”…”).
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

    /* Quotation marks, UAX #14 15.1 LB15a/LB15b (U+00A0 is a no-break
     * space, as the French corpus writes « »). */
    {"French corpus: Le « caporalato » (intermédiation illégale…: break before ( (LB18)",
     {"Le ", "«\u00A0caporalato\u00A0» ", "(intermédiation ", "illégale"}},
    {"French, plain spaces: none after « nor before » (LB15a, LB15b), one before (",
     {"Le ", "« caporalato » ", "(intermédiation)"}},
    {"English curly quotes: “yes” (twice)", {"He ", "said ", "“yes” ", "(twice)."}},
    {"English straight quotes (Po, neither Pi nor Pf): \"yes\" (twice)",
     {"He ", "said ", "\"yes\" ", "(twice)."}},
    {"Romanian „…” (: break before (", {"„Caporalato” ", "(intermedierea ", "ilegală)"}},
    {"Albanian „…“ (: “ is Pi but follows a letter, so no LB15a",
     {"„Caporalato“ ", "(ndërmjetësimi ", "i ", "paligjshëm)"}},
    {"Ukrainian «…» (", {"«Капоралато» ", "(caporalato)"}},
    {"German »…« (: » opens (break before it), « closes (break after its space)",
     {"er ", "sagte ", "»ja« ", "(zweimal)"}},
    {"Swedish ”…” (: ” before a letter is no LB15b context", {"sa ", "”ja” ", "(två)"}},
    {"still forbidden: « after a space, then space and ( (LB15a)", {"mot ", "« (note) ", "b"}},
    {"still forbidden: « at the start of the text (LB15a sot)", {"« mot » ", "b"}},
    {"still forbidden: « after ( (LB15a OP)", {"a ", "(« mot ») ", "b"}},
    {"still forbidden: « after a line feed (LB15a LF, after LB5)", {"a\n", "« (b)"}},
    {"still forbidden: « after a space, then a combining mark (LB15a, LB10)", {"a ", "« \u0308b"}},
    {"still forbidden: » at the end of the text (LB15b eot)", {"a ", "mot »"}},
    {"still forbidden: » before a full stop (LB15b IS)", {"« mot ». ", "b"}},
    {"still forbidden: » before ) (LB15b CP)", {"(« mot »)"}},
    {"still forbidden: QU × OP without a space (LB19)", {"mot»(b) ", "c"}},
    {"allowed: space before » followed by a letter (no LB15b context)", {"a ", "»b"}},
    {"allowed: » after ZW and space (LB8 before LB15b)", {"a\u200B ", "»"}},
};

/* Languages to run every case in: the tailorings do not depend on it.
 * More than the breaker caches, so iterators are evicted and reopened.  Not
 * Chinese or Japanese: ICU's rules for them treat ” as closing punctuation
 * (no break before it even after a space, a break after it), which is ICU's
 * own tailoring and would change the Swedish case. */
static const char *const languages[] = {"",   "ti", "am", "ti-ER", "gez", "en", "it", "fr", "ro",
                                        "sq", "uk", "ar", "ur",    "bn",  "pa", "ti", NULL};

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
    printf("Ethiopic wordspace and quotation-mark tailorings: %d checks (%zu cases x %zu "
           "languages), %d failed\n",
           tested, sizeof cases / sizeof cases[0], sizeof languages / sizeof languages[0] - 1,
           failed);
    return failed == 0 ? 0 : 1;
}
