/* counters.h - the only thing the kiosk stores: how many times each screen
 * was shown, per language and day, in its own SQLite file.
 *
 * Privacy is the point: nothing about a person is kept, no time of day, no
 * order of taps (the table has no rowid), only one aggregate number per
 * (day, screen, language).  Counting must never get in the kiosk's way: every
 * failure is logged and the kiosk goes on. */
#ifndef SPORTELLO_COUNTERS_H
#define SPORTELLO_COUNTERS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

typedef struct counters counters;

/* Opens or creates the file (schema: counts(day TEXT, screen TEXT, language
 * TEXT, count INTEGER, PRIMARY KEY(day, screen, language)) plus meta
 * schema_version). NULL on failure, logged once: the kiosk keeps working
 * without counting.
 *
 * A file that is another database (other tables, another schema version) is
 * refused and never written.  A read-only counters file is opened: adds then
 * wait in memory until it (and its -wal and -shm files) can be written.  The
 * caller frees the object with counters_close(). */
counters *counters_open(const char *path);

/* Adds one to (day of `now` in local time as YYYY-MM-DD, screen, language).
 * screen and language are short ASCII ids ("home", "service", "ar"); anything
 * else is rejected (logged). A write failure (disk full, read-only file,
 * RLIMIT_FSIZE, locked by another process: a 40 ms busy timeout, so the UI is
 * never blocked much more than ~50 ms) is logged (rate-limited: not one line
 * per tap) and never fatal; later calls retry.
 *
 * A screen id is 1-32 characters of a-z, 0-9, '-' and '_' starting with a
 * letter; a language is 2-3 letters a-z.  Taps that could not be written wait
 * in memory (up to 256 different keys; beyond that they are dropped and
 * logged) and are written with the next successful add. */
void counters_add(counters *c, const char *screen, const char *language, time_t now);

/* One search (issue 16): one more "search" for (day, language), and one
 * more "search-empty" when it found nothing.  That is all that is kept of
 * a search: what was typed is never given here, stored or logged.  The
 * search screen counts a search once, when the visitor leaves the query
 * (opens a result, goes back, or the idle reset), not at every key. */
#define COUNTERS_SEARCH "search"
#define COUNTERS_SEARCH_EMPTY "search-empty"
void counters_add_search(counters *c, const char *language, bool found, time_t now);

/* Writes CSV to `out`: header `day,screen,language,count`, rows sorted by
 * day, screen, language. Returns 0 or -1 (logged).  Only counts saved in the
 * file are exported, not those waiting in memory. */
int counters_export_csv(counters *c, FILE *out);

/* Total count (for the operator screen): all rows, or of one day
 * "YYYY-MM-DD" when day != NULL.  Counts saved in the file only; -1 (logged)
 * on failure or a malformed day. */
long counters_total(counters *c, const char *day);

/* Screens shown in one language over recent days (the operator's chart). */
typedef struct counters_language_count {
    char language[4]; /* 2-3 letters a-z */
    long count;
} counters_language_count;

/* Screens shown per language over the `days` days (1 to 3660) that end with
 * the day of `now` (local time, as counters_add), every screen summed: at
 * most `max` languages into `out`, the most shown first (then by code).
 * Returns how many, or -1 (logged) on failure.  Days before the first and
 * after the last are left out, and so are rows whose language is not a
 * code (a file edited by hand).  Counts saved in the file only. */
int counters_recent_by_language(counters *c, time_t now, int days, counters_language_count *out,
                                size_t max);

/* Tries once more to write waiting taps, then closes the file and frees `c`
 * (NULL is allowed). */
void counters_close(counters *c);

#endif
