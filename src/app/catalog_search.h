/* catalog_search.h - the kiosk's search over the catalogue's FTS5 index
 * (docs/design.md, "Search"): what the visitor types, folded like the
 * index, found in steps from the best match to typos. */
#ifndef SPORTELLO_CATALOG_SEARCH_H
#define SPORTELLO_CATALOG_SEARCH_H

#include <stddef.h>

#include "catalog_read.h"

/* Search, as the visitor types it (docs/design.md, "Search").  `query`
 * (UTF-8, any bytes) is cut into words at white space; each word is folded
 * like the index (catalog/fold.h), a Chinese word into its characters, and
 * each becomes a prefix phrase ("word"*), so punctuation, quotes and FTS5
 * operators typed by the visitor are only text.  Besides itself a word may
 * match as Arabic without its prefixes, as pinyin run together ("gongzuo"
 * for "gong zuo"), and, with 5 letters or more, as a word of the index one
 * edit away (a letter added, missing, changed, or two swapped), ranked
 * below exact matches.  Words with no letter, digit or mark are dropped;
 * at most CATALOG_SEARCH_MAX_WORDS pieces of the first
 * CATALOG_SEARCH_MAX_BYTES bytes are used.  A record matches when every
 * piece is found in its text in `language` (or in Latin letters) or in
 * Italian.  Best first, in steps: the words next to each other as typed
 * in a name or title, a summary, the body; every word in names and
 * titles, in them or summaries, anywhere in the language's text; with the
 * Italian text; then the same with typos.  Within a step by bm25, one
 * agency's desks in several towns in the places they got, the one in
 * `town` (a town id of the data, may be NULL) first and its others after
 * the step's other records.
 *
 * Returns up to `max` results, malloc'd (free with catalog_search_free);
 * *count 0 and NULL when nothing matches, the query has no word, or the
 * language is not in the catalogue.  The query is never stored or logged. */
#define CATALOG_SEARCH_MAX_BYTES 256
#define CATALOG_SEARCH_MAX_WORDS 16

/* A found word in the shown title: bytes [start, start + length). */
typedef struct catalog_search_match {
    size_t start, length;
} catalog_search_match;

typedef struct catalog_search_result {
    char kind[12]; /* service, article, category, agency */
    char *id;
    char *title; /* as shown in the language (a fallback's text when untranslated) */
    catalog_search_match *matches; /* the title's words that match the query */
    size_t match_count;
} catalog_search_result;

catalog_search_result *catalog_search(catalog *catalog, const char *language, const char *query,
                                      const char *town, size_t max, size_t *count);
void catalog_search_free(catalog_search_result *results, size_t count);

/* The broadest FTS5 expression catalog_search() runs for `query` in
 * `language` (its last step: every piece, with its typos, anywhere),
 * malloc'd; "" when the query has no word.  With a NULL catalogue no words
 * of the index are looked up (no typos, no pinyin).  For tests and the fuzz
 * target. */
char *catalog_search_expression(catalog *catalog, const char *language, const char *query);

#endif
