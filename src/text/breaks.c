/* breaks.c - see breaks.h.  ICU does the rules (UAX #14 lines, UAX #29
 * grapheme clusters); this file caches its iterators and applies two
 * tailorings on top of ICU's line breaks: Unicode 15.1's rules for quotation
 * marks (LB15a, LB15b), which ICU 72 predates, and ours for Ethiopic
 * punctuation after a space. */
#include "breaks.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utf16.h>

#include "log.h"

/* A kiosk screen mixes a handful of languages (the user's, Italian, English
 * for codes); eight iterators cover that with room to spare. */
#define LINE_ITERATOR_SLOTS 8

typedef struct line_iterator {
    char *language; /* as the caller spelled it ("" for root); NULL = free slot */
    UBreakIterator *iterator;
    uint64_t last_used; /* for evicting the least recently used slot */
} line_iterator;

struct text_breaker {
    line_iterator lines[LINE_ITERATOR_SLOTS];
    uint64_t clock;
    UBreakIterator *graphemes; /* opened on first use */
};

/* ICU refuses a NULL text even when it is empty. */
static const UChar empty_text[1];

static bool icu_failed(UErrorCode status, const char *what)
{
    if (U_SUCCESS(status))
        return false;
    log_message(LOG_ERROR, "text", "breaks: %s: %s", what, u_errorName(status));
    return true;
}

text_breaker *text_breaker_create(void)
{
    text_breaker *breaker = calloc(1, sizeof *breaker);
    if (!breaker)
        log_message(LOG_ERROR, "text", "breaks: out of memory");
    return breaker;
}

static void line_iterator_clear(line_iterator *slot)
{
    if (slot->iterator)
        ubrk_close(slot->iterator);
    free(slot->language);
    memset(slot, 0, sizeof *slot);
}

void text_breaker_destroy(text_breaker *breaker)
{
    if (!breaker)
        return;
    for (int i = 0; i < LINE_ITERATOR_SLOTS; i++)
        line_iterator_clear(&breaker->lines[i]);
    if (breaker->graphemes)
        ubrk_close(breaker->graphemes);
    free(breaker);
}

/* ICU wants locale IDs ("zh_Hans"), callers speak BCP 47 ("zh-Hans"). */
static UBreakIterator *open_line_iterator(const char *language)
{
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    UErrorCode status = U_ZERO_ERROR;
    uloc_forLanguageTag(language, locale, (int32_t)sizeof locale, &parsed, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) {
        log_message(LOG_WARNING, "text", "breaks: language \"%s\" not understood, using root",
                    language);
        locale[0] = '\0';
    }
    status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_LINE, locale, NULL, 0, &status);
    if (icu_failed(status, "ubrk_open(UBRK_LINE)"))
        return NULL;
    return iterator;
}

/* The cached iterator for `language`, opening it (and evicting the least
 * recently used one) on a miss, because ubrk_open() loads rule data. */
static UBreakIterator *line_iterator_for(text_breaker *breaker, const char *language)
{
    line_iterator *victim = &breaker->lines[0];
    for (int i = 0; i < LINE_ITERATOR_SLOTS; i++) {
        line_iterator *slot = &breaker->lines[i];
        if (slot->language && strcmp(slot->language, language) == 0) {
            slot->last_used = ++breaker->clock;
            return slot->iterator;
        }
        if (!slot->language || (victim->language && slot->last_used < victim->last_used))
            victim = slot;
    }
    char *copy = strdup(language);
    UBreakIterator *iterator = copy ? open_line_iterator(language) : NULL;
    if (!iterator) {
        if (!copy)
            log_message(LOG_ERROR, "text", "breaks: out of memory");
        free(copy);
        return NULL;
    }
    line_iterator_clear(victim);
    victim->language = copy;
    victim->iterator = iterator;
    victim->last_used = ++breaker->clock;
    return iterator;
}

/* Rule status values in [UBRK_LINE_HARD, UBRK_LINE_HARD_LIMIT) mark breaks
 * after BK, CR, LF and NL (UAX #14 LB4-LB5). */
static uint8_t break_kind(UBreakIterator *iterator)
{
    int32_t status = ubrk_getRuleStatus(iterator);
    bool hard = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT;
    return hard ? TEXT_BREAK_MANDATORY : TEXT_BREAK_ALLOWED;
}

/* ETHIOPIC WORDSPACE U+1361 (class BA) and the Ethiopic punctuation
 * U+1362..U+1368 (FULL STOP .. PARAGRAPH SEPARATOR, class AL in Unicode 15)
 * close the word before them even when a space is typed in between. */
static bool is_ethiopic_punctuation(uint16_t unit)
{
    return unit >= 0x1361 && unit <= 0x1368;
}

/* Our tailoring of UAX #14 LB18 (SP ÷): "ቃል ፡ ቃል" must not put ፡ at the start
 * of a line (w3c/i18n-tests#25).  LB7 already forbids the break after the
 * space before it, so removing this one binds word, space and ፡ together;
 * the break after ፡ (LB18 again, or LB21 for BA) is left as ICU found it. */
static void tailor_ethiopic_punctuation(const uint16_t *text, int32_t length, uint8_t *kinds)
{
    for (int32_t i = 1; i < length; i++) {
        if (kinds[i] != TEXT_BREAK_ALLOWED || !is_ethiopic_punctuation(text[i]))
            continue;
        if (u_getIntPropertyValue(text[i - 1], UCHAR_LINE_BREAK) == U_LB_SPACE)
            kinds[i] = TEXT_BREAK_NONE;
    }
}

/* Quotation marks: UAX #14 revision 51 (Unicode 15.1), section 6.2
 * "Tailorable Line Breaking Rules", rules LB15a and LB15b, which replaced
 * Unicode 15.0's LB15.  ICU 72 implements Unicode 15.0:
 *
 *   LB15   QU SP* × OP
 *
 * so a quotation mark, spaces and an opening bracket are one unbreakable
 * chunk: `« caporalato » (intermédiation` or `"word" (note`.  Unicode 15.1
 * dropped LB15 and, instead, looks at whether a quotation mark opens or
 * closes, by its General_Category and, for an opening one, what precedes it:
 *
 *   LB15a  (sot | BK | CR | LF | NL | OP | QU | GL | SP | ZW) [\p{Pi}&QU] SP* ×
 *          no break after an initial quotation mark that starts something
 *          (text, line, bracket, quotation, glued or spaced word), nor after
 *          the spaces that follow it: « mot »: never a line ending in `« `;
 *   LB15b  × [\p{Pf}&QU] (SP | GL | WJ | CL | QU | CP | EX | IS | SY | BK | CR
 *          | LF | NL | ZW | eot)
 *          no break before a final quotation mark that ends something, even
 *          after a space: never a line starting with ` »`;
 *
 * and LB18 (SP ÷) then allows the break that LB15 forbade: `» ÷ (`.  LB9
 * applies first: X CM* is X (for X other than SP BK CR LF NL ZW), a CM that
 * follows none is AL (LB10); LB1: SA Mn/Mc is CM, and ZWJ behaves as CM.
 * ICU 74 and later implement LB15a/LB15b themselves.
 *
 * This pass turns ICU 72's results into Unicode 15.1's at exactly the
 * positions where the two versions differ:
 *   - before OP after QU CM* SP+: ALLOWED (LB18) unless LB15a holds for
 *     that QU; ICU said NONE (LB15).  QU × OP without a space stays NONE
 *     (LB19, in both versions);
 *   - after (context) Pi CM* SP*: NONE (LB15a; Unicode 15.0 broke after the
 *     spaces, LB18); no earlier rule can break there;
 *   - before Pf followed by CM* and one of the classes above or the end:
 *     NONE (LB15b), unless an earlier rule breaks there: a mandatory break
 *     after BK CR LF NL (LB4, LB5, never touched here) or ZW SP* ÷ (LB8).
 *     Unicode 15.0 broke there only after a space (LB18).
 * Every other position keeps ICU's answer, so LB19's QU × and × QU, LB14
 * (OP SP* ×) and the rest are ICU's. */

/* The line-break class of c as the pass needs it: CM for every character
 * that LB9 attaches to the one before it (CM, ZWJ, SA with gc Mn or Mc). */
static int32_t quote_pass_class(UChar32 c)
{
    int32_t lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
    if (lb == U_LB_ZWJ)
        return U_LB_COMBINING_MARK;
    if (lb == U_LB_COMPLEX_CONTEXT) {
        int8_t gc = u_charType(c);
        if (gc == U_NON_SPACING_MARK || gc == U_COMBINING_SPACING_MARK)
            return U_LB_COMBINING_MARK;
    }
    return lb;
}

static UChar32 code_point_at(const uint16_t *text, int32_t length, int32_t at)
{
    UChar32 c;
    U16_GET(text, 0, at, length, c);
    return c;
}

/* Whether LB9 attaches combining marks to a character of class lb. */
static bool takes_combining_marks(int32_t lb)
{
    return lb != U_LB_SPACE && lb != U_LB_MANDATORY_BREAK && lb != U_LB_CARRIAGE_RETURN &&
           lb != U_LB_LINE_FEED && lb != U_LB_NEXT_LINE && lb != U_LB_ZWSPACE;
}

/* The class of what ends just before `at`, after LB9 and LB10: the class of
 * the base for X CM*, AL for combining marks with no base; -1 at the start
 * of the text (sot). */
static int32_t class_before(const uint16_t *text, int32_t at)
{
    bool marks = false;
    while (at > 0) {
        UChar32 c;
        U16_PREV(text, 0, at, c);
        int32_t lb = quote_pass_class(c);
        if (lb == U_LB_COMBINING_MARK) {
            marks = true;
            continue;
        }
        if (marks && !takes_combining_marks(lb))
            return U_LB_ALPHABETIC; /* LB10: a CM after SP, BK, ... */
        return lb;
    }
    return marks ? U_LB_ALPHABETIC : -1;
}

/* LB15a's left context: (sot | BK | CR | LF | NL | OP | QU | GL | SP | ZW). */
static bool opens_quotation(int32_t lb)
{
    return lb == -1 || lb == U_LB_MANDATORY_BREAK || lb == U_LB_CARRIAGE_RETURN ||
           lb == U_LB_LINE_FEED || lb == U_LB_NEXT_LINE || lb == U_LB_OPEN_PUNCTUATION ||
           lb == U_LB_QUOTATION || lb == U_LB_GLUE || lb == U_LB_SPACE || lb == U_LB_ZWSPACE;
}

/* LB15b's right context, without eot: (SP | GL | WJ | CL | QU | CP | EX |
 * IS | SY | BK | CR | LF | NL | ZW). */
static bool closes_quotation(int32_t lb)
{
    return lb == U_LB_SPACE || lb == U_LB_GLUE || lb == U_LB_WORD_JOINER ||
           lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_QUOTATION || lb == U_LB_CLOSE_PARENTHESIS ||
           lb == U_LB_EXCLAMATION || lb == U_LB_INFIX_NUMERIC || lb == U_LB_BREAK_SYMBOLS ||
           lb == U_LB_MANDATORY_BREAK || lb == U_LB_CARRIAGE_RETURN || lb == U_LB_LINE_FEED ||
           lb == U_LB_NEXT_LINE || lb == U_LB_ZWSPACE;
}

/* LB8 (ZW SP* ÷): whether only spaces separate `at` from a ZW before it. */
static bool after_zero_width_space(const uint16_t *text, int32_t at)
{
    while (at > 0 && text[at - 1] == 0x0020)
        at--;
    return at > 0 && u_getIntPropertyValue(text[at - 1], UCHAR_LINE_BREAK) == U_LB_ZWSPACE;
}

static void tailor_quotation_marks(const uint16_t *text, int32_t length, uint8_t *kinds)
{
    int32_t at = 0;
    while (at < length) {
        int32_t quote = at;
        UChar32 c;
        U16_NEXT(text, at, length, c);
        if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) != U_LB_QUOTATION)
            continue;
        int8_t category = u_charType(c);
        /* LB9: QU CM* is QU.  `after` is the first code point after it. */
        int32_t after = at;
        while (after < length &&
               quote_pass_class(code_point_at(text, length, after)) == U_LB_COMBINING_MARK)
            U16_FWD_1(text, after, length);
        int32_t spaces_end = after; /* SP is U+0020 alone */
        while (spaces_end < length && text[spaces_end] == 0x0020)
            spaces_end++;

        bool initial = category == U_INITIAL_PUNCTUATION;
        if (initial && opens_quotation(class_before(text, quote))) {
            if (spaces_end < length)
                kinds[spaces_end] = TEXT_BREAK_NONE; /* LB15a */
        } else if (spaces_end > after && spaces_end < length) {
            UChar32 next = code_point_at(text, length, spaces_end);
            if (u_getIntPropertyValue(next, UCHAR_LINE_BREAK) == U_LB_OPEN_PUNCTUATION &&
                kinds[spaces_end] == TEXT_BREAK_NONE)
                kinds[spaces_end] = TEXT_BREAK_ALLOWED; /* LB18, LB15 being gone */
        }

        if (category == U_FINAL_PUNCTUATION && kinds[quote] == TEXT_BREAK_ALLOWED &&
            (after == length ||
             closes_quotation(quote_pass_class(code_point_at(text, length, after)))) &&
            !after_zero_width_space(text, quote))
            kinds[quote] = TEXT_BREAK_NONE; /* LB15b */
        /* Continue after the marks: a CM is never a quotation mark. */
        at = after;
    }
}

static void clear_kinds(uint8_t *kinds, int32_t length)
{
    memset(kinds, TEXT_BREAK_NONE, (size_t)length);
    kinds[length] = TEXT_BREAK_MANDATORY; /* end of text, even on error */
}

bool text_breaker_lines(text_breaker *breaker, const char *language, const uint16_t *text,
                        int32_t length, uint8_t *kinds)
{
    clear_kinds(kinds, length);
    UBreakIterator *iterator = line_iterator_for(breaker, language ? language : "");
    if (!iterator)
        return false;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(iterator, text ? (const UChar *)text : empty_text, length, &status);
    if (icu_failed(status, "ubrk_setText"))
        return false;
    /* ubrk_first() is always 0, which is never a break opportunity. */
    ubrk_first(iterator);
    for (int32_t at = ubrk_next(iterator); at != UBRK_DONE && at < length; at = ubrk_next(iterator))
        kinds[at] = break_kind(iterator);
    tailor_quotation_marks(text, length, kinds);
    tailor_ethiopic_punctuation(text, length, kinds);
    return true;
}

bool text_breaker_graphemes(text_breaker *breaker, const uint16_t *text, int32_t length,
                            uint8_t *boundary)
{
    memset(boundary, 0, (size_t)length + 1);
    UErrorCode status = U_ZERO_ERROR;
    if (!breaker->graphemes) {
        /* Root rules: extended grapheme clusters (UAX #29) do not vary by
         * language in ICU. */
        breaker->graphemes = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
        if (icu_failed(status, "ubrk_open(UBRK_CHARACTER)")) {
            breaker->graphemes = NULL;
            return false;
        }
    }
    ubrk_setText(breaker->graphemes, text ? (const UChar *)text : empty_text, length, &status);
    if (icu_failed(status, "ubrk_setText"))
        return false;
    for (int32_t at = ubrk_first(breaker->graphemes); at != UBRK_DONE;
         at = ubrk_next(breaker->graphemes))
        boundary[at] = 1;
    boundary[length] = 1;
    return true;
}
