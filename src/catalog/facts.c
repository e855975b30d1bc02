/* facts.c - see facts.h. */
#include "facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

bool fact_is_bidi_embedding(int32_t c)
{
    return c >= 0x202A && c <= 0x202E;
}

bool fact_is_bidi_isolate(int32_t c)
{
    return c >= 0x2066 && c <= 0x2069;
}

static bool is_bidi_control(int32_t c)
{
    return fact_is_bidi_embedding(c) || fact_is_bidi_isolate(c);
}

bool fact_is_invisible(int32_t c)
{
    if (c < 0)
        return false;
    int8_t type = u_charType(c);
    return type == U_FORMAT_CHAR || (type == U_CONTROL_CHAR && c != '\t' && c != '\n');
}

void fact_describe(int32_t c, char *out, size_t size)
{
    char name[96] = "";
    UErrorCode status = U_ZERO_ERROR;
    u_charName(c, U_UNICODE_CHAR_NAME, name, (int32_t)sizeof name, &status);
    if (U_SUCCESS(status) && name[0])
        snprintf(out, size, "U+%04X %s", (unsigned)c, name);
    else
        snprintf(out, size, "U+%04X", (unsigned)c);
}

void fact_quote(const char *text, size_t limit, char *out, size_t size)
{
    size_t used = 0;
    int32_t length = (int32_t)strnlen(text, 1 << 20);
    bool cut = false;
    out[0] = '\0';
    for (int32_t i = 0; i < length;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, length, c);
        char piece[16];
        size_t piece_length;
        if (c < 0 || fact_is_invisible(c)) {
            snprintf(piece, sizeof piece, c < 0 ? "<?>" : "<U+%04X>", (unsigned)c);
            piece_length = strlen(piece);
        } else {
            piece_length = (size_t)(i - at);
            memcpy(piece, text + at, piece_length);
        }
        if (used + piece_length > limit || used + piece_length + 4 > size) {
            cut = true;
            break;
        }
        memcpy(out + used, piece, piece_length);
        used += piece_length;
    }
    if (cut && used + 4 <= size)
        memcpy(out + used, "...", 3), used += 3;
    out[used] = '\0';
}

static bool is_letter_or_mark(int32_t c)
{
    return c >= 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
}

int32_t fact_invisible(const char *text, fact_rule rule, size_t *position)
{
    int32_t length = (int32_t)strnlen(text, 1 << 24), before = -1;
    size_t count = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, length, c);
        count++;
        if (fact_is_invisible(c) && !is_bidi_control(c)) {
            bool joiner = c == 0x200C || c == 0x200D;
            UChar32 after = -1;
            if (i < length) {
                int32_t j = i;
                U8_NEXT((const uint8_t *)text, j, length, after);
            }
            if (!(rule == FACT_NAME && joiner && is_letter_or_mark(before) &&
                  is_letter_or_mark(after))) {
                if (position)
                    *position = count;
                return c;
            }
        }
        before = c;
    }
    return -1;
}

/* ---- phone numbers ------------------------------------------------------ */

static const char write_digits[] =
    "write only the digits 0-9 in groups separated by one space, with an optional leading +";

/* The length rules of the Italian numbering plan for `digits` (without
 * +39); NULL when they hold, else why not. */
static const char *italian_rule(const char *digits, bool after_39)
{
    size_t n = strlen(digits);
    switch (digits[0]) {
    case '1':
        if (after_39)
            return "emergency and short numbers (1...) are dialled without +39";
        return n >= 3 && n <= 6 ? NULL
                                : "an emergency or short number (1...) has 3 to 6 digits, "
                                  "as 112 or 1522";
    case '8':
        if (after_39)
            return "green numbers (800, 803) are dialled without +39";
        if (strncmp(digits, "800", 3) == 0)
            return n == 9 ? NULL : "a green number 800 has 9 digits, as 800 290 290";
        if (strncmp(digits, "803", 3) == 0)
            return n == 6 ? NULL : "a green number 803 has 6 digits, as 803 116";
        return "an Italian number starting with 8 must be a green number, 800 (9 digits) or "
               "803 (6 digits)";
    case '0':
        return n >= 6 && n <= 11 ? NULL
                                 : "an Italian landline (0...) has 6 to 11 digits, as 0376 2051";
    case '3':
        return n >= 9 && n <= 10 ? NULL
                                 : "an Italian mobile number (3...) has 9 or 10 digits, as "
                                   "333 123 4567";
    default:
        return "an Italian number starts with 0 (landline), 3 (mobile), 1 (emergency and "
               "short numbers) or 800/803 (green numbers); a foreign one with + and its "
               "country code";
    }
}

static bool fail(char *why, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *why, size_t size, const char *format, ...)
{
    if (why && size) {
        va_list args;
        va_start(args, format);
        vsnprintf(why, size, format, args);
        va_end(args);
    }
    return false;
}

bool fact_phone_check(const char *text, bool skip_bidi, char *why, size_t size)
{
    char digits[32];
    size_t count = 0, position = 0;
    bool plus = false, digit_before = false;
    int32_t length = (int32_t)strnlen(text, 1 << 20);
    char at[64], character[128];
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, length, c);
        position++;
        snprintf(at, sizeof at, "at character %zu", position);
        if (skip_bidi && is_bidi_control(c))
            return true; /* the caller refuses it with its own message */
        if (c >= '0' && c <= '9') {
            if (count + 1 < sizeof digits)
                digits[count] = (char)c;
            count++;
            digit_before = true;
            continue;
        }
        if (c == '+' && position == 1) {
            plus = true;
            continue;
        }
        if (c == ' ') {
            UChar32 next = -1;
            if (i < length) {
                int32_t j = i;
                U8_NEXT((const uint8_t *)text, j, length, next);
            }
            if (digit_before && next >= '0' && next <= '9') {
                digit_before = false;
                continue;
            }
            return fail(why, size, "has a space %s that is not between two digits: %s", at,
                        write_digits);
        }
        if (c < 0)
            return fail(why, size, "is not valid UTF-8 %s: %s", at, write_digits);
        if (c == '+')
            return fail(why, size, "has a + %s: + may only come first: %s", at, write_digits);
        if (fact_is_invisible(c)) {
            fact_describe(c, character, sizeof character);
            return fail(why, size, "contains the invisible character %s %s: %s", character, at,
                        write_digits);
        }
        if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
            const char *kind = c >= 0x0660 && c <= 0x0669   ? "Arabic-Indic digits"
                               : c >= 0x06F0 && c <= 0x06F9 ? "Persian digits"
                                                            : "digits that are not 0-9";
            return fail(why, size,
                        "is written with %s: write it with the ASCII digits 0-9, as it is "
                        "dialled",
                        kind);
        }
        return fail(why, size, "has %s '%.*s' %s: %s",
                    u_isalpha(c) ? "the letter" : "the character", (int)(i - start), text + start,
                    at, write_digits);
    }
    if (count == 0)
        return fail(why, size, "has no digits: %s", write_digits);
    if (count + 1 > sizeof digits || count > 15)
        return fail(why, size, "has more than 15 digits: no phone number is longer (E.164)");
    digits[count] = '\0';
    const char *problem = NULL;
    if (!plus)
        problem = italian_rule(digits, false);
    else if (strncmp(digits, "39", 2) == 0 && count > 2)
        problem = italian_rule(digits + 2, true);
    else if (digits[0] == '0')
        problem = "a country code never starts with 0: write + and the country code, as +39";
    else if (count < 8)
        problem = "an international number has 8 to 15 digits with its country code (E.164)";
    if (problem)
        return fail(why, size, "does not fit the numbering plan: %s", problem);
    return true;
}

bool fact_phone_tel_uri(const char *phone, char *out, size_t size)
{
    if (size > 0)
        out[0] = '\0';
    if (!phone || !out || !fact_phone_check(phone, false, NULL, 0))
        return false;
    /* digits (and a leading +) only: fact_phone_check allowed no other
     * character than single spaces between groups */
    char digits[32];
    size_t count = 0;
    for (const char *c = phone; *c && count + 1 < sizeof digits; c++)
        if (*c != ' ')
            digits[count++] = *c;
    digits[count] = '\0';
    const char *country = digits[0] == '0' || digits[0] == '3' ? "+39" : "";
    int written = snprintf(out, size, "tel:%s%s", country, digits);
    if (written < 0 || (size_t)written >= size) {
        if (size > 0)
            out[0] = '\0';
        return false;
    }
    return true;
}
