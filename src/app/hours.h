/* hours.h - whether a service is open now, from its weekly hours and closure dates.  Pure
 * computation, no ICU, no clock: the caller passes the local time.  This is the "open now /
 * closes at / opens at" line on service lists; locale_format_time() and locale_weekday_name()
 * turn the result into words. */
#ifndef SPORTELLO_APP_HOURS_H
#define SPORTELLO_APP_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* weekday 1=Mon..7=Sun, minutes after midnight, opens < closes <= 1440 */
typedef struct hours_range {
    int weekday;
    int opens;
    int closes;
} hours_range;

typedef enum hours_state {
    HOURS_UNKNOWN,     /* no hours given: say nothing about opening */
    HOURS_OPEN,        /* open now; `minutes` = closing time (1..1440), `weekday` = the day it
                          closes, `days_ahead` days from today: 0 today, 1 (or more) when
                          open across midnight.  `minutes` is -1 (weekday 0) when it does not
                          close in the next 7 days. */
    HOURS_OPENS_LATER, /* closed now, opens later today at `minutes` (`days_ahead` 0) */
    HOURS_OPENS_ON,    /* closed now, next opens on `weekday` (within the next 7 days;
                          `days_ahead` 1..7) at `minutes` */
    HOURS_CLOSED       /* has hours but no opening in the next 7 days (e.g. all closure dates) */
} hours_state;

typedef struct hours_status {
    hours_state state;
    int weekday;
    int minutes;
    int days_ahead;
} hours_status;

/* local date; weekday 1=Mon; minute after midnight (0..1439) */
typedef struct hours_now {
    int year, month, day;
    int weekday;
    int minute;
} hours_now;

/* The status at `now`.  `closures`: dates "YYYY-MM-DD" on which the service is closed all day.
 * Ranges may be in any order and several per day (08:30-12:30 and 14:00-16:00); ranges that
 * touch or overlap are one opening.  A range ending at 1440 followed by one starting at 0 the
 * next day is open across midnight.  Bad input never fails the call: an invalid range or closure
 * date is ignored and logged (module "hours"); an invalid `now` (impossible date, weekday or
 * minute out of range), or no valid range at all, gives HOURS_UNKNOWN. */
hours_status hours_status_at(const hours_range *ranges, size_t count, const char *const *closures,
                             size_t closure_count, hours_now now);

/* The hours_now of a struct tm from localtime_r.  NULL gives an all-zero (invalid) hours_now. */
hours_now hours_now_from_tm(const struct tm *tm);

#endif
