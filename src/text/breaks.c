/* breaks.c - see breaks.h.  ICU does the rules (UAX #14 lines, UAX #29
 * grapheme clusters); this file caches its iterators and applies the one
 * tailoring ICU lacks, for Ethiopic punctuation after a space. */
#include "breaks.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>

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
