/* checked.c - see checked.h. */
#include "checked.h"

#include <string.h>

static bool digits(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] < '0' || text[i] > '9')
            return false;
    return true;
}

static int number(const char *text, size_t n)
{
    int value = 0;
    for (size_t i = 0; i < n; i++)
        value = value * 10 + (text[i] - '0');
    return value;
}

bool checked_parse(const char *text, int *year, int *month, int *day)
{
    if (!text)
        return false;
    size_t length = strlen(text);
    if ((length != 4 && length != 7 && length != 10) || !digits(text, 4))
        return false;
    int y = number(text, 4), m = 0, d = 0;
    if (length >= 7) {
        if (text[4] != '-' || !digits(text + 5, 2))
            return false;
        m = number(text + 5, 2);
        if (m < 1 || m > 12)
            return false;
    }
    if (length == 10) {
        if (text[7] != '-' || !digits(text + 8, 2))
            return false;
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        d = number(text + 8, 2);
        if (d < 1 || d > days[m - 1] + (m == 2 && leap))
            return false;
    }
    if (y < 1900)
        return false;
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
    return true;
}

long checked_age_months(const char *text, time_t now)
{
    int year, month;
    if (!checked_parse(text, &year, &month, NULL))
        return -1;
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return -1;
    long age =
        ((long)tm.tm_year + 1900) * 12 + tm.tm_mon - ((long)year * 12 + (month ? month - 1 : 0));
    return age < 0 ? 0 : age;
}

bool checked_is_older(const char *text, int months, time_t now)
{
    return checked_age_months(text, now) > months;
}
