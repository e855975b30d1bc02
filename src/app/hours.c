/* hours.c - see hours.h.  Time is counted in minutes from the start of today on a timeline of
 * the next HOURS_DAYS days; a minute is open when a range of that day's weekday covers it and
 * the day is not a closure date.  Following the ends of the ranges that cover a minute finds
 * when an opening ends, across touching ranges and across midnight.  Dates step day by day in
 * the Gregorian calendar, so month ends, year ends and leap days need no table of day numbers. */
#include "hours.h"

#include "log.h"

#define MINUTES_PER_DAY (24 * 60)
/* Today and the next 7 days: the farthest opening HOURS_OPENS_ON reports is a week ahead
 * (closed on Monday afternoon, open on Monday mornings: next Monday). */
#define HOURS_DAYS 8

typedef struct civil_date {
    int year, month, day;
} civil_date;

static bool is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

static bool date_is_valid(civil_date date)
{
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

static civil_date next_date(civil_date date)
{
    if (date.day < days_in_month(date.year, date.month)) {
        date.day++;
    } else if (date.month < 12) {
        date.month++;
        date.day = 1;
    } else {
        date.year++;
        date.month = 1;
        date.day = 1;
    }
    return date;
}

static bool same_date(civil_date a, civil_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* `count` ASCII digits as a number; false if any is not a digit. */
static bool read_digits(const char *text, int count, int *value)
{
    *value = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        *value = *value * 10 + (text[i] - '0');
    }
    return true;
}

/* Exactly "YYYY-MM-DD", a date that exists. */
static bool parse_date(const char *text, civil_date *date)
{
    if (!text)
        return false;
    for (int i = 0; i < 10; i++)
        if (text[i] == '\0')
            return false;
    if (text[10] != '\0' || text[4] != '-' || text[7] != '-')
        return false;
    return read_digits(text, 4, &date->year) && read_digits(text + 5, 2, &date->month) &&
           read_digits(text + 8, 2, &date->day) && date_is_valid(*date);
}

static bool range_is_valid(const hours_range *range)
{
    return range->weekday >= 1 && range->weekday <= 7 && range->opens >= 0 &&
           range->opens < range->closes && range->closes <= MINUTES_PER_DAY;
}

/* What one call knows: the valid ranges, which of the next days are closures, today's weekday. */
typedef struct week_view {
    const hours_range *ranges;
    size_t count;
    bool closed[HOURS_DAYS];
    int today; /* weekday 1..7 */
} week_view;

static int weekday_after(int today, int days)
{
    return (today - 1 + days) % 7 + 1;
}

/* If minute `t` of the timeline is open, the latest end of the ranges covering it; else -1. */
static int open_until(const week_view *week, int t)
{
    int day = t / MINUTES_PER_DAY;
    if (day >= HOURS_DAYS || week->closed[day])
        return -1;
    int minute = t % MINUTES_PER_DAY;
    int weekday = weekday_after(week->today, day);
    int end = -1;
    for (size_t i = 0; i < week->count; i++) {
        const hours_range *r = &week->ranges[i];
        if (range_is_valid(r) && r->weekday == weekday && r->opens <= minute &&
            minute < r->closes && day * MINUTES_PER_DAY + r->closes > end)
            end = day * MINUTES_PER_DAY + r->closes;
    }
    return end;
}

/* Status while open at minute `t`: follow each covering range to its end until a minute is
 * not covered (8:00-12:00 and 12:00-16:00 close at 16:00; 20:00-24:00 and the next day's
 * 0:00-2:00 close at 2:00 tomorrow). */
static hours_status open_status(const week_view *week, int t)
{
    int end = t;
    for (int next = open_until(week, end); next >= 0; next = open_until(week, end)) {
        end = next;
        if (end >= HOURS_DAYS * MINUTES_PER_DAY) /* open day and night all week */
            return (hours_status){HOURS_OPEN, 0, -1, 0};
    }
    /* A range ending at 24:00 closes on its own day, at 1440, not at 0:00 of the next. */
    int day = (end - 1) / MINUTES_PER_DAY;
    return (hours_status){HOURS_OPEN, weekday_after(week->today, day), end - day * MINUTES_PER_DAY,
                          day};
}

/* Status while closed at minute `t`: the earliest later opening on a day that is no closure. */
static hours_status closed_status(const week_view *week, int t)
{
    int best = -1;
    for (int day = 0; day < HOURS_DAYS; day++) {
        if (week->closed[day])
            continue;
        int weekday = weekday_after(week->today, day);
        for (size_t i = 0; i < week->count; i++) {
            const hours_range *r = &week->ranges[i];
            int start = day * MINUTES_PER_DAY + r->opens;
            if (range_is_valid(r) && r->weekday == weekday && start > t &&
                (best < 0 || start < best))
                best = start;
        }
    }
    if (best < 0)
        return (hours_status){HOURS_CLOSED, 0, 0, 0};
    int day = best / MINUTES_PER_DAY;
    return (hours_status){day == 0 ? HOURS_OPENS_LATER : HOURS_OPENS_ON,
                          weekday_after(week->today, day), best % MINUTES_PER_DAY, day};
}

static bool now_is_valid(hours_now now)
{
    civil_date today = {now.year, now.month, now.day};
    return date_is_valid(today) && now.weekday >= 1 && now.weekday <= 7 && now.minute >= 0 &&
           now.minute < MINUTES_PER_DAY;
}

/* Marks the days of the timeline that are closure dates; logs the dates it cannot read. */
static void mark_closures(week_view *week, hours_now now, const char *const *closures,
                          size_t closure_count)
{
    civil_date dates[HOURS_DAYS];
    dates[0] = (civil_date){now.year, now.month, now.day};
    for (int day = 1; day < HOURS_DAYS; day++)
        dates[day] = next_date(dates[day - 1]);
    for (int day = 0; day < HOURS_DAYS; day++)
        week->closed[day] = false;
    for (size_t i = 0; closures && i < closure_count; i++) {
        civil_date date;
        if (!parse_date(closures[i], &date)) {
            log_message(LOG_WARNING, "hours", "closure date \"%s\" is not YYYY-MM-DD; ignored",
                        closures[i] ? closures[i] : "(null)");
            continue;
        }
        for (int day = 0; day < HOURS_DAYS; day++)
            if (same_date(dates[day], date))
                week->closed[day] = true;
    }
}

hours_status hours_status_at(const hours_range *ranges, size_t count, const char *const *closures,
                             size_t closure_count, hours_now now)
{
    const hours_status unknown = {HOURS_UNKNOWN, 0, 0, 0};
    size_t valid = 0;
    for (size_t i = 0; ranges && i < count; i++) {
        if (range_is_valid(&ranges[i])) {
            valid++;
        } else {
            log_message(LOG_WARNING, "hours",
                        "range weekday %d %d-%d minutes is not valid; ignored", ranges[i].weekday,
                        ranges[i].opens, ranges[i].closes);
        }
    }
    if (valid == 0)
        return unknown;
    if (!now_is_valid(now)) {
        log_message(LOG_ERROR, "hours", "time %04d-%02d-%02d weekday %d minute %d is not valid",
                    now.year, now.month, now.day, now.weekday, now.minute);
        return unknown;
    }
    week_view week = {.ranges = ranges, .count = count, .today = now.weekday};
    mark_closures(&week, now, closures, closure_count);
    if (open_until(&week, now.minute) >= 0)
        return open_status(&week, now.minute);
    return closed_status(&week, now.minute);
}

hours_now hours_now_from_tm(const struct tm *tm)
{
    if (!tm)
        return (hours_now){0, 0, 0, 0, 0};
    /* struct tm counts Sunday as 0; hours count Monday as 1 and Sunday as 7. */
    return (hours_now){tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
                       tm->tm_wday == 0 ? 7 : tm->tm_wday, tm->tm_hour * 60 + tm->tm_min};
}
