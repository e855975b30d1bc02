/* locale_info.h - what ICU knows about a kiosk language: its own name, weekday names, time format,
 * collation order.
 *
 * A language is a kiosk code (assets/languages.txt: "it", "fa", "zh", ... or any BCP 47 tag).
 * Three codes need more than the code itself to ask ICU the right thing: "fa" is Dari as spoken
 * in Afghanistan (fa_AF), "zh" is Simplified Chinese (zh_Hans), "pa" is Punjabi in Gurmukhi
 * (pa_Guru).  Every locale is asked for Latin digits (@numbers=latn): phone numbers, times and
 * signs in Italy use 0-9, and the kiosk shows them the same way in every language.
 *
 * Text comes back as UTF-8 in the caller's buffer, always NUL-terminated when size > 0.  A text
 * that does not fit is cut between two grapheme clusters (UAX #29), so neither a UTF-8 sequence
 * nor a vowel sign is ever split from its letter.  Every failure is logged (module "locale"). */
#ifndef SPORTELLO_APP_LOCALE_INFO_H
#define SPORTELLO_APP_LOCALE_INFO_H

#include <stdbool.h>
#include <stddef.h>

/* The ICU locale id for a kiosk language code ("fa" -> "fa_AF@numbers=latn", "it" ->
 * "it@numbers=latn", "en-GB" -> "en_GB@numbers=latn").  Returns `buffer`, or NULL (logged) when
 * `lang` is not a well-formed language tag or the id does not fit in `size` bytes. */
const char *locale_icu_id(const char *lang, char *buffer, size_t size);

/* Whether `lang` is well-formed and ICU has data for its language ("xx" has none).  The
 * functions below fail for a language that is not known rather than answer in ICU's root
 * locale.  Logs nothing. */
bool locale_is_known(const char *lang);

/* The functions that write text return true when the whole text is in `buffer`.  They return
 * false, and log why, when the language is unknown, an argument is out of range or ICU fails
 * (`buffer` is then "" if size > 0), or when the text did not fit (`buffer` then holds the
 * longest prefix of whole grapheme clusters that fits; nothing at all when size is 0). */

/* The language's name in its own language and script, capitalised as a menu item where the
 * script has case: "Italiano", "English", "Français", "العربية", "اردو", "دری" (for fa: Dari,
 * as ICU's fa_AF names it), "پښتو", "ਪੰਜਾਬੀ", "বাংলা", "ትግርኛ", "中文", "Română", "Shqip",
 * "Українська". */
bool locale_language_name(const char *lang, char *buffer, size_t size);

/* The language's name in the language `display`, capitalised as a menu item where `display`'s
 * script has case, with the same dialects as locale_language_name(): in "it", "Arabo", "Urdu",
 * "Dari" (for fa), "Cinese" (for zh), "Punjabi", "Tigrino"; in "en", "Arabic".  The language
 * picker shows it under each endonym, so staff at the desk can help. */
bool locale_language_name_in(const char *lang, const char *display, char *buffer, size_t size);

/* Standalone weekday name, weekday 1 = Monday .. 7 = Sunday, in `lang`, capitalised for a table
 * header where the script has case ("Lunedì", "Monday", "الاثنين"). */
bool locale_weekday_name(const char *lang, int weekday, char *buffer, size_t size);

/* A time of day (minutes after midnight, 0..1440) in the language's usual short format with
 * Latin digits ("08:30", "8:30", "8:30 AM").  1440 is the end of the day: "24:00" where the
 * locale uses a 24-hour clock, "12:00 AM" where it uses a 12-hour one. */
bool locale_format_time(const char *lang, int minutes, char *buffer, size_t size);

/* A month of a year ("March 2022", "березень 2022 р.", "2022年3月") in the language's usual
 * format with Latin digits, or the year alone when month is 0 ("2022", "2022年").  year
 * 1900..9999, month 0..12. */
bool locale_format_month_year(const char *lang, int year, int month, char *buffer, size_t size);

/* Sorting by the language's collation (ICU ucol with the locale's rules: Romanian ș after s,
 * Arabic script before Latin in Arabic, accents after the bare letter in Italian). */
typedef struct locale_collator locale_collator;

/* A collator for `lang`; free it with locale_collator_close().  NULL on failure (logged): callers
 * then sort with strcmp, which is also what locale_collate() does with a NULL collator. */
locale_collator *locale_collator_open(const char *lang);

/* Compares two UTF-8 strings: <0, 0, >0.  Ill-formed UTF-8 compares as U+FFFD; NULL as "". */
int locale_collate(const locale_collator *c, const char *a, const char *b);

/* Frees the collator; NULL is allowed. */
void locale_collator_close(locale_collator *c);

#endif
