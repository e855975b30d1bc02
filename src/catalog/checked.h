/* checked.h - when the facts of a record were last checked, and how old
 * that is: one rule for the catalogue builder (data.c reads the date,
 * `sportello-catalog stats --older-than` lists the old ones) and the kiosk
 * (the date on a service or article screen, the operator's count).
 *
 * A date is written as precisely as its source gives it: "YYYY" (a page
 * with no date, read that year), "YYYY-MM" or "YYYY-MM-DD".  Its age in
 * months counts from its month, a year alone from its January (the
 * oldest it can be), to the month of `now` in local time. */
#ifndef SPORTELLO_CATALOG_CHECKED_H
#define SPORTELLO_CATALOG_CHECKED_H

#include <stdbool.h>
#include <time.h>

/* Facts checked more than this many months ago are listed by `stats` and
 * counted on the operator's screen (issue 17). */
#define CHECKED_OLD_MONTHS 18
/* The kiosk asks a visitor to confirm facts older than this. */
#define CHECKED_CONFIRM_MONTHS 24
/* The largest --older-than: a hundred years. */
#define CHECKED_MONTHS_MAX 1200

/* Reads `text`: true with its year (1900..9999), month (1..12, 0 for a
 * year alone) and day (0 when it gives none) when it is a real date in one
 * of the three forms; false for anything else (NULL, "", "2024-13",
 * "2023-02-29", " 2024", "2024-3"). */
bool checked_parse(const char *text, int *year, int *month, int *day);

/* Months from `text` to `now`; -1 when `text` is not a date.  Negative
 * ages (a date after now) are 0. */
long checked_age_months(const char *text, time_t now);

/* Whether `text` is a date more than `months` months before `now` (false
 * for no date: nothing says it is old). */
bool checked_is_older(const char *text, int months, time_t now);

#endif
