/* fold.h - the same folding for search at index time and at query time.
 *
 * SQLite's unicode61 tokenizer (remove_diacritics 2) folds Latin accents,
 * but keeps Arabic harakat and tatweel inside tokens (measured: TEXT.md), so
 * "العُمّال" would not match "العمال".  We remove them ourselves, identically
 * when building the index and when the kiosk searches. */
#ifndef SPORTELLO_CATALOG_FOLD_H
#define SPORTELLO_CATALOG_FOLD_H

/* Returns a malloc'd copy of `utf8` without Arabic harakat (U+064B-U+065F,
 * U+0670 superscript alef) and tatweel (U+0640), and with a space on each
 * side of every Han character: unicode61 makes a whole run of Chinese text
 * one token, so a word inside a clause could not be found (measured: FTS
 * found 26 % of what a LIKE scan finds); one token per character, queried
 * as a phrase of the typed characters ("劳 务"*), finds them all.  NULL when
 * out of memory. */
char *search_fold(const char *utf8);

#endif
