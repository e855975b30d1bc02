/* facts.h - what a fact on screen may be made of: phone numbers, and the
 * invisible characters that must not hide in ids, phones, addresses and
 * names (docs/catalog.md, "Facts that cannot lie").
 *
 * The same code checks the agencies' data when the catalogue is built
 * (data.c, po.c) and the phones the kiosk draws and puts in a QR code
 * (src/app/pages.c): what the screen shows and what the phone saves are
 * the one string that passed fact_phone_check. */
#ifndef SPORTELLO_CATALOG_FACTS_H
#define SPORTELLO_CATALOG_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bidi embeddings and overrides (U+202A-U+202E: LRE RLE PDF LRO RLO). */
bool fact_is_bidi_embedding(int32_t c);
/* Bidi isolates (U+2066-U+2069: LRI RLI FSI PDI). */
bool fact_is_bidi_isolate(int32_t c);

/* Invisible: a format character (general category Cf: U+00AD, U+061C,
 * U+200B-U+200F, U+2060-U+2064, U+FEFF, the bidi controls, tags...) or a
 * control other than tab and line feed. */
bool fact_is_invisible(int32_t c);

/* "U+200B ZERO WIDTH SPACE" (the code point, then its Unicode name). */
void fact_describe(int32_t c, char *out, size_t size);

/* `text` for a message: at most `limit` bytes of it (cut between
 * characters, "..." added), every invisible character (general category
 * Cf, controls) written as <U+XXXX>, so that a message never carries a
 * character that reorders or hides what the terminal shows. */
void fact_quote(const char *text, size_t limit, char *out, size_t size);

/* How strict fact_invisible is. */
typedef enum fact_rule {
    /* ids and phone numbers: every invisible character */
    FACT_STRICT,
    /* names and addresses: ZERO WIDTH NON-JOINER (U+200C) and ZERO WIDTH
     * JOINER (U+200D) between two letters or marks are allowed, since
     * Persian, Urdu, Pashto and the Indic scripts spell words with them
     * ("کورس‌های"); every other invisible character is refused */
    FACT_NAME,
} fact_rule;

/* The first invisible character of `text` the rule refuses (its 1-based
 * character position in *position), or -1.  Bidi controls (U+202A-U+202E,
 * U+2066-U+2069) are not reported here: the builder refuses them on their
 * own (embeddings everywhere, isolates in data files and when unbalanced
 * in PO files), with their own message. */
int32_t fact_invisible(const char *text, fact_rule rule, size_t *position);

/* Whether `text` is a phone number a visitor can dial as written: ASCII
 * digits in groups separated by one space, with an optional leading +,
 * within the Italian numbering plan's lengths:
 *   1...  emergency and short numbers (112, 1522, 116 000): 3 to 6 digits
 *   800   green numbers: 9 digits; 803: 6 digits
 *   0...  landlines: 6 to 11 digits
 *   3...  mobiles: 9 or 10 digits
 *   +39   followed by a landline or a mobile number
 *   +CC   another country: 8 to 15 digits with its country code (E.164)
 * When not, `why` (may be NULL) receives one sentence saying what is wrong
 * and what to write, without the number itself.  With `skip_bidi`, a
 * number with a bidi control is left to the caller, which refuses it with
 * its own message (the builder: one sentence per mistake); without, it is
 * refused here as invisible. */
bool fact_phone_check(const char *text, bool skip_bidi, char *why, size_t size);

/* The URI that dials `phone` (a number fact_phone_check accepts) from a
 * phone's camera (RFC 3966): "tel:" and its digits without spaces; a
 * landline or mobile (0..., 3...) with Italy's +39 before it, so it
 * dials from a phone of any country ("0376 123456" -> "tel:+390376123456");
 * short and green numbers as they are, since they are only dialled inside
 * Italy ("112" -> "tel:112", "800 290 290" -> "tel:800290290"); "+CC..."
 * as it is.  False, with `out` "" (when size > 0), for a number
 * fact_phone_check refuses or an `out` too small. */
bool fact_phone_tel_uri(const char *phone, char *out, size_t size);

#endif
