/* fold.h - the same folding for search at index time and at query time.
 *
 * The catalogue builder (writer.c) indexes each record's text through these
 * functions, and the kiosk (app/catalog_read.c) passes what the visitor
 * typed through the very same ones, so both sides always agree.  Folding is
 * for matching only: the kiosk shows the text as written (docs/design.md,
 * "Search").
 *
 * SQLite's unicode61 tokenizer (remove_diacritics 2) folds case and Latin
 * accents, but keeps Arabic harakat and tatweel inside tokens (measured:
 * TEXT.md), so "العُمّال" would not match "العمال"; the rest is done here. */
#ifndef SPORTELLO_CATALOG_FOLD_H
#define SPORTELLO_CATALOG_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns a malloc'd copy of `utf8` folded for search (NULL when out of
 * memory):
 * - removed: Arabic harakat (U+064B-U+065F), superscript alef (U+0670),
 *   tatweel (U+0640), ZWNJ and ZWJ (so "میتوانید" typed without the ZWNJ
 *   matches "می‌توانید"), LRM/RLM/ALM, the nukta of Gurmukhi, Devanagari and
 *   Bengali (U+0A3C, U+093C, U+09BC);
 * - Arabic script: alef forms أ إ آ ٱ ٲ ٳ -> ا; teh marbuta ة ۃ -> ه;
 *   alef maksura ى, Persian/Urdu yeh ی ے and hamza on yeh ئ -> ي;
 *   Persian/Urdu kaf ک -> ك; heh goal, doachashmee, ae ہ ھ ە ۀ ۂ -> ه;
 *   waw with hamza ؤ -> و;
 * - letters with a nukta precomposed (ਸ਼ ਖ਼ ਗ਼ ਜ਼ ਫ਼ ਲ਼, क़-य़, ড় ঢ় য়) -> the letter;
 * - Ethiopic series that Tigrinya writers mix, each order to the same
 *   order: ሐ ኀ -> ሀ, ሠ -> ሰ, ዐ -> አ, ፀ -> ጸ, ቐ -> ቀ, ኸ -> ከ;
 * - traditional Chinese to simplified (ICU's Traditional-Simplified), and a
 *   space on each side of every Han character: unicode61 makes a whole run
 *   of Chinese text one token, so a word inside a clause could not be found
 *   (measured: FTS found 26 % of what a LIKE scan finds); one token per
 *   character is matched character by character. */
char *search_fold(const char *utf8);

/* For Arabic (`language` "ar"): the folded text `folded` with each word's
 * prefixes taken away - "و" (and), then the article "ال" or "بال" "كال"
 * "فال" "لل", or one letter "ب" "ل" - when at least three letters are left
 * (two after an article), so "الراتب" and "والراتب" are also "راتب".
 * Malloc'd; NULL when the language has no such prefixes, nothing changed,
 * or out of memory. */
char *search_bare(const char *language, const char *folded);

/* The text in Latin letters for the languages where a person may type
 * Latin letters instead (docs/design.md, "Search", the measurement per
 * script): zh through ICU's Han-Latin (pinyin, one syllable per character:
 * "gong zuo"), bn pa uk ti fa ps through Any-Latin; then Latin-ASCII, so
 * "kaja" for কাজ.  Malloc'd; NULL for the other languages (it en fr ro sq
 * are Latin already; ar ur measured no help), for text with nothing to
 * transliterate, or when ICU fails.  Not folded: pass it to search_fold(). */
char *search_latin(const char *language, const char *utf8);

/* The same for any language, whether its index has Latin letters or not
 * (to measure the choice: bench/transliteration_bench.c). */
char *search_transliterate(const char *language, const char *utf8);

/* Whether the language has a Latin transliteration in the index. */
bool search_has_latin(const char *language);

/* The columns of a search_LANG table, in order, as the builder creates them
 * and the kiosk ranks them (one place for both): the record and its town
 * (not indexed), the record's own text by field (names and titles; what a
 * service does, an article's summary, an agency's description; the rest),
 * the same in Latin letters (titles; the rest), the Italian text (the
 * agency's name included for its services). */
#define SEARCH_COLUMNS                                                                             \
    "record UNINDEXED, town UNINDEXED, title, summary, body, latin_title, latin_text, italian"
enum search_column {
    SEARCH_RECORD,
    SEARCH_TOWN,
    SEARCH_TITLE,
    SEARCH_SUMMARY,
    SEARCH_BODY,
    SEARCH_LATIN_TITLE,
    SEARCH_LATIN_TEXT,
    SEARCH_ITALIAN,
    SEARCH_COLUMN_COUNT
};

/* The column of a field of a record by its key's last part: "name" and
 * "title" are titles, "what", "summary" and "description" summaries, any
 * other field or an article's block the body. */
enum search_column search_field_column(const char *key);

/* How `term` is one edit (a letter added, missing, changed, or two next to
 * each other swapped) from `word`, both in code points: 2 when the whole
 * term is, 1 when only a beginning of it is (the visitor is still typing),
 * 0 when neither, or when the term begins with the word itself (no edit:
 * an exact match).  For typos of words of 5+ letters (catalog_read.c). */
int search_one_edit(const int32_t *word, size_t word_length, const int32_t *term,
                    size_t term_length);

/* Frees ICU's transliterators (at exit; for leak checkers). */
void search_fold_release(void);

#endif
