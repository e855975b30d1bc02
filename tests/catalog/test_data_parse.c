/* test_data_parse.c - reading and checking data/ (src/catalog/data.c).
 *
 * Each case is a small data folder under data-cases/NAME.  The test reads
 * it from inside data-cases/, so problems start with "NAME/", and compares
 * every problem, in order, with the exact "file:line: message" a clerk will
 * read.  The valid example is the one of data/README.md, byte for byte.
 * Large and corrupted files are made at run time in a temporary folder.
 *
 * Usage: test_data_parse TEST-NAME (see meson.build). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "checked.h"
#include "model.h"

#ifndef SPORTELLO_SOURCE_DIR
#error "SPORTELLO_SOURCE_DIR must name the source tree"
#endif
#define CASES_DIR SPORTELLO_SOURCE_DIR "/tests/catalog/data-cases"
#define README_PATH SPORTELLO_SOURCE_DIR "/data/README.md"

/* ---- expected problems, case by case ------------------------------------ */

static const char *const invalid_utf8[] = {
    "invalid-utf8/agencies/cpi.yaml:3: invalid UTF-8 (byte 0xE8): save the file as UTF-8",
    "invalid-utf8/agencies/cpi.yaml:11: invalid UTF-8 (byte 0xE8): save the file as UTF-8", NULL};

static const char *const unknown_field[] = {
    "unknown-field/agencies/cpi.yaml:5: unknown field 'telefono'; allowed: id, name, "
    "description, source, checked, example, services",
    "unknown-field/agencies/cpi.yaml:13: unknown field 'adress' (did you mean 'address'?); "
    "allowed: id, name, category, what, for-whom, documents, cost, address, town, coordinates, "
    "phones, email, web, hours, closures, hours-note, languages, source, checked, example, "
    "directions",
    NULL};

static const char *const repeated_field[] = {
    "repeated-field/agencies/cpi.yaml:14: field 'town' is written twice (first at line 11)", NULL};

static const char *const missing_field[] = {
    "missing-field/agencies/cpi.yaml:1: missing required field 'source'",
    "missing-field/agencies/cpi.yaml:1: missing required field 'checked'",
    "missing-field/agencies/cpi.yaml:12: missing required field 'what'",
    "missing-field/agencies/cpi.yaml:12: missing required field 'for-whom'",
    "missing-field/agencies/cpi.yaml:12: missing required field 'town'",
    NULL};

static const char *const wrong_type[] = {
    "wrong-type/agencies/cpi.yaml:2: 'name' must be text, not a list",
    "wrong-type/agencies/cpi.yaml:6: 'example' must be true or false, not 'si'",
    "wrong-type/agencies/cpi.yaml:12: 'what' must be text, not a group of fields",
    "wrong-type/agencies/cpi.yaml:14: 'documents' must be a list (e.g. - Passaporto), not text",
    "wrong-type/agencies/cpi.yaml:17: 'phones' must be a list (e.g. [\"0376 2051\"]), not text",
    "wrong-type/agencies/cpi.yaml:18: 'hours' must be a list (e.g. - days: [mon, tue]), not "
    "text",
    "wrong-type/agencies/cpi.yaml:19: each item of 'languages' must be text, not a list",
    "wrong-type/agencies/cpi.yaml:20: each service must be fields (id, name, ...), not text",
    NULL};

static const char *const duplicate_id[] = {
    "duplicate-id/agencies/beta.yaml:7: duplicate id 'alfa-iscrizione': already used at "
    "duplicate-id/agencies/alfa.yaml:7",
    "duplicate-id/articles/lavoro.md:2: duplicate id 'lavoro': already used at "
    "duplicate-id/categories.yaml:1",
    NULL};

static const char *const bad_id[] = {
    "bad-id/agencies/cpi.yaml:1: id 'Cpi_Mantova' may only have lower case letters a-z, "
    "digits and '-'",
    "bad-id/agencies/cpi.yaml:7: id 'cpi mantova' may only have lower case letters a-z, digits "
    "and '-'",
    "bad-id/agencies/cpi.yaml:14: id "
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is too long (70 "
    "characters, at most 64)",
    NULL};

static const char *const file_name[] = {
    "file-name/agencies/cpi.yaml:1: the file name must match the id: rename the file to "
    "'cpi-mantova.yaml' or change the id",
    "file-name/articles/caporalato.md:2: the file name must match the id: rename the file to "
    "'sfruttamento.md' or change the id",
    NULL};

static const char *const unknown_category[] = {
    "unknown-category/agencies/cpi.yaml:9: category 'lavori' is not in categories.yaml "
    "(known: lavoro, permesso, diritti)",
    "unknown-category/articles/salute.md:3: category 'salute' is not in categories.yaml "
    "(known: lavoro, permesso, diritti)",
    NULL};

static const char *const bad_town[] = {
    "bad-town/agencies/cpi.yaml:13: town 'Mantova' is not one of: mantova, "
    "castiglione-delle-stiviere, suzzara, other",
    "bad-town/agencies/cpi.yaml:20: town 'Castiglione delle Stiviere' is not one of: mantova, "
    "castiglione-delle-stiviere, suzzara, other",
    NULL};

#define BAD_TIME "is not valid: write HH:MM between 00:00 and 24:00"
static const char *const hours_past_midnight[] = {
    "hours-past-midnight/agencies/cpi.yaml:17: time '25:00' " BAD_TIME,
    "hours-past-midnight/agencies/cpi.yaml:19: time '12:60' " BAD_TIME,
    "hours-past-midnight/agencies/cpi.yaml:23: time '24:30' " BAD_TIME,
    "hours-past-midnight/agencies/cpi.yaml:25: time '8:30' " BAD_TIME,
    "hours-past-midnight/agencies/cpi.yaml:26: time '12' " BAD_TIME,
    NULL};

static const char *const closing_before_opening[] = {
    "closing-before-opening/agencies/cpi.yaml:17: 'to' (08:30) must be after 'from' (12:30)",
    "closing-before-opening/agencies/cpi.yaml:20: 'to' (09:00) must be after 'from' (09:00)",
    "closing-before-opening/agencies/cpi.yaml:23: 'to' (02:00) must be after 'from' (22:00)", NULL};

static const char *const overlapping_hours[] = {
    "overlapping-hours/agencies/cpi.yaml:18: 11:00-13:00 overlaps 08:30-12:30 (line 15) on "
    "mon, wed",
    "overlapping-hours/agencies/cpi.yaml:21: 12:30-14:00 overlaps 11:00-13:00 (line 18) on "
    "mon, wed",
    "overlapping-hours/agencies/cpi.yaml:27: 09:00-12:00 overlaps 09:00-12:00 (line 24) on sat",
    NULL};

static const char *const bad_day[] = {
    "bad-day/agencies/cpi.yaml:15: day 'lun' is not one of: mon, tue, wed, thu, fri, sat, sun",
    "bad-day/agencies/cpi.yaml:15: day 'Tue' is not one of: mon, tue, wed, thu, fri, sat, sun",
    "bad-day/agencies/cpi.yaml:15: day 'mon' is listed twice",
    "bad-day/agencies/cpi.yaml:18: 'days' lists no day",
    "bad-day/agencies/cpi.yaml:21: missing required field 'days'",
    "bad-day/agencies/cpi.yaml:23: unknown field 'giorni'; allowed: days, from, to",
    NULL};

#define BAD_DATE "': write a real date as YYYY-MM-DD"
/* `checked` may say only the year or the month the source gives. */
#define BAD_CHECKED                                                                             \
    "': write when the source was checked as YYYY-MM-DD, or YYYY-MM or YYYY when the source "   \
    "gives no day"
static const char *const invalid_date[] = {
    "invalid-date/agencies/cpi.yaml:5: invalid date '2026-02-30" BAD_CHECKED,
    "invalid-date/agencies/cpi.yaml:14: invalid date '2026-13-01" BAD_DATE,
    "invalid-date/agencies/cpi.yaml:14: invalid date '2026-04-31" BAD_DATE,
    "invalid-date/agencies/cpi.yaml:14: invalid date '2027-02-29" BAD_DATE,
    "invalid-date/agencies/cpi.yaml:14: invalid date '26-12-2026" BAD_DATE,
    "invalid-date/agencies/cpi.yaml:16: invalid date '1 marzo 2026" BAD_CHECKED,
    "invalid-date/agencies/cpi.yaml:24: invalid date '2024-13" BAD_CHECKED,
    "invalid-date/agencies/cpi.yaml:31: invalid date '2026" BAD_DATE,
    NULL};

static const char *const bad_coordinates[] = {
    "bad-coordinates/agencies/cpi.yaml:14: latitude 145.2 is out of range (-90 to 90)",
    "bad-coordinates/agencies/cpi.yaml:22: 'coordinates' must be two numbers [latitude, "
    "longitude], not 1",
    "bad-coordinates/agencies/cpi.yaml:30: latitude '45,16' is not a number in degrees (e.g. "
    "45.1609)",
    "bad-coordinates/agencies/cpi.yaml:30: longitude -190 is out of range (-180 to 180)",
    "bad-coordinates/agencies/cpi.yaml:38: 'coordinates' must be a list (e.g. [45.1609, "
    "10.7970]), not text",
    NULL};

#define BAD_LANGUAGE "' must be 2 or 3 lower case letters (it, en, ar, ...)"
static const char *const bad_language[] = {
    "bad-language/agencies/cpi.yaml:16: language code 'EN" BAD_LANGUAGE,
    "bad-language/agencies/cpi.yaml:18: language code 'english" BAD_LANGUAGE,
    "bad-language/agencies/cpi.yaml:19: language code 'f" BAD_LANGUAGE, NULL};

static const char *const missing_italian[] = {
    "missing-italian/agencies/cpi.yaml:2: 'name' has no Italian text",
    "missing-italian/agencies/cpi.yaml:3: 'description' has no Italian text",
    "missing-italian/agencies/cpi.yaml:8: 'name' has no Italian text",
    "missing-italian/agencies/cpi.yaml:10: 'what' has no Italian text",
    "missing-italian/agencies/cpi.yaml:15: item 2 of 'documents' has no Italian text",
    "missing-italian/articles/salute.md:4: 'title' has no Italian text",
    "missing-italian/articles/salute.md:5: 'summary' has no Italian text",
    NULL};

static const char *const unterminated_string[] = {
    "unterminated-string/agencies/alfa.yaml:2: the text in quotes that starts here has no "
    "closing \"",
    "unterminated-string/agencies/beta.yaml:10: the text in quotes that starts here runs on to "
    "line 16: is its closing ' missing?",
    NULL};

static const char *const file_cut[] = {
    "file-cut/agencies/cpi.yaml:18: the file ends in the middle of a list: the '[' at line 18 "
    "is not closed (is the file cut short?)",
    "file-cut/agencies/dpi.yaml:17: the file ends inside text in quotes (is the file cut "
    "short?)",
    "file-cut/agencies/epi.yaml:17: the file ends in the middle of a record (is the file cut "
    "short?)",
    NULL};

static const char *const empty_file[] = {
    "empty-file/agencies/commenti.yaml: the file is empty: it should describe one agency and "
    "its services (see data/README.md)",
    "empty-file/agencies/vuota.yaml: the file is empty: it should describe one agency and its "
    "services (see data/README.md)",
    "empty-file/articles/vuoto.md: the file is empty: it should hold one article (see "
    "data/README.md)",
    NULL};

static const char *const empty_categories[] = {
    "empty-categories/categories.yaml: the file is empty: it should list the categories (see "
    "data/README.md)",
    NULL};

static const char *const yaml_syntax[] = {
    "yaml-syntax/agencies/alfa.yaml:10: a tab is used to indent: indent with spaces only",
    "yaml-syntax/agencies/beta.yaml:3: unexpected ':': put text that contains ': ' in quotes, "
    "or check the indentation",
    "yaml-syntax/agencies/delta.yaml:12: text after a closing quote: put the whole value in "
    "quotes",
    "yaml-syntax/agencies/epsilon.yaml:14: a second YAML document starts here: a data file "
    "holds one document, remove the '---'",
    "yaml-syntax/agencies/gamma.yaml:11: text that starts with @ must be in quotes",
    "yaml-syntax/agencies/zeta.yaml:5: a control character (byte 0x01) is not allowed in a data "
    "file",
    NULL};

static const char *const anchors[] = {
    "anchors/agencies/cpi.yaml:2: '&Co' is a YAML anchor, not used in data files: put text "
    "that starts with '&' in quotes",
    "anchors/agencies/cpi.yaml:10: '*Co' is a YAML alias, not used in data files: put text "
    "that starts with '*' in quotes",
    "anchors/agencies/cpi.yaml:11: '!importante' is a YAML tag, not used in data files: put "
    "text that starts with '!' in quotes",
    NULL};

static const char *const article_header[] = {
    "article-header/articles/alfa.md:2: missing required field 'summary'",
    "article-header/articles/alfa.md:5: unknown field 'autore'; allowed: id, category, title, "
    "summary, checked",
    "article-header/articles/beta.md:1: an article starts with a header between two '---' "
    "lines (id, category, title, summary)",
    "article-header/articles/delta.md:1: the header is empty: it needs id, category, title and "
    "summary",
    "article-header/articles/epsilon.md:6: the article has no text after its header",
    "article-header/articles/eta.md:6: invalid date '2024-13" BAD_CHECKED,
    "article-header/articles/gamma.md:1: the header that starts here has no closing '---' line",
    "article-header/articles/theta.md:6: invalid date '1899-12" BAD_CHECKED,
    "article-header/articles/zeta.md:2: the header holds fields (id: ..., title: ...), not a "
    "list",
    NULL};

/* The kiosk shows plain text: raw HTML (a block, an inline tag) would
 * show as words, an image would be lost; each refused where it is. */
static const char *const article_html[] = {
    "article-html/articles/avviso.md:9: raw HTML (<script>) in the article: the kiosk shows an "
    "article as plain text and would show what the tags hold as words (a script's code); write "
    "plain text without tags (data/README.md)",
    "article-html/articles/avviso.md:11: raw HTML (<b>) in the article: the kiosk shows an "
    "article as plain text and would show what the tags hold as words (a script's code); write "
    "plain text without tags (data/README.md)",
    "article-html/articles/avviso.md:13: an image (y.png) in the article: the kiosk shows an "
    "article as plain text, without images; describe it in words or remove it (data/README.md)",
    "article-html/articles/avviso.md:15: an image (mappa-dell-ufficio.png) in the article: the "
    "kiosk shows an article as plain text, without images; describe it in words or remove it "
    "(data/README.md)",
    NULL};

static const char *const misnamed_file[] = {
    "misnamed-file/agencies/cpi.yml: not read: agency files are named ID.yaml",
    "misnamed-file/agencies/vecchi: not read: agency files are named ID.yaml",
    "misnamed-file/articles/note.txt: not read: article files are named ID.md", NULL};

static const char *const missing_categories[] = {
    "missing-categories/categories.yaml: missing: the list of categories is required (see "
    "data/README.md)",
    NULL};

/* One file with one mistake of nearly every kind: all reported, in line
 * order, and a mistake does not hide the ones after it. */
static const char *const several_errors[] = {
    "several-errors/agencies/centro.yaml:1: id 'Centro_Mantova' may only have lower case "
    "letters a-z, digits and '-'",
    "several-errors/agencies/centro.yaml:3: 'description' has no Italian text",
    "several-errors/agencies/centro.yaml:5: invalid date '2026-02-30" BAD_CHECKED,
    "several-errors/agencies/centro.yaml:6: unknown field 'sito'; allowed: id, name, "
    "description, source, checked, example, services",
    "several-errors/agencies/centro.yaml:10: category 'lavori' is not in categories.yaml "
    "(known: lavoro, permesso, diritti)",
    "several-errors/agencies/centro.yaml:14: town 'Mantova' is not one of: mantova, "
    "castiglione-delle-stiviere, suzzara, other",
    "several-errors/agencies/centro.yaml:15: 'coordinates' must be two numbers [latitude, "
    "longitude], not 1",
    "several-errors/agencies/centro.yaml:17: day 'lun' is not one of: mon, tue, wed, thu, fri, "
    "sat, sun",
    "several-errors/agencies/centro.yaml:19: time '25:00' " BAD_TIME,
    "several-errors/agencies/centro.yaml:22: 'to' (12:00) must be after 'from' (14:00)",
    "several-errors/agencies/centro.yaml:23: invalid date '2026-12-32" BAD_DATE,
    "several-errors/agencies/centro.yaml:24: language code 'EN" BAD_LANGUAGE,
    "several-errors/agencies/centro.yaml:25: 'example' must be true or false, not 'forse'",
    "several-errors/agencies/centro.yaml:26: missing required field 'what'",
    "several-errors/agencies/centro.yaml:26: duplicate id 'centro-iscrizione': already used at "
    "several-errors/agencies/centro.yaml:8",
    "several-errors/agencies/centro.yaml:32: 'cost' must be text, not a list",
    NULL};

/* Embeddings, overrides and isolates anywhere in a data file (a comment, a
 * description, a phone), written as such or as a YAML escape or a Markdown
 * entity (those only in a file without one written as such: never twice). */
static const char *const bidi_controls[] = {
    "bidi-controls/agencies/cpi.yaml:2: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in data "
    "files: it shows a text in another order than it is stored (a phone number 211 would read "
    "112); remove it",
    "bidi-controls/agencies/cpi.yaml:3: U+2066 LEFT-TO-RIGHT ISOLATE is not allowed in data files: "
    "the kiosk keeps numbers and names in order itself; remove it",
    "bidi-controls/agencies/cpi.yaml:13: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in data "
    "files: it shows a text in another order than it is stored (a phone number 211 would read "
    "112); remove it",
    "bidi-controls/agencies/emergenza.yaml:8: U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape) "
    "is not allowed in data files: it shows a text in another order than it is stored (a phone "
    "number 211 would read 112); remove it",
    "bidi-controls/agencies/emergenza.yaml:13: U+2067 RIGHT-TO-LEFT ISOLATE (written as an escape) "
    "is not allowed in data files: the kiosk keeps numbers and names in order itself; remove it",
    "bidi-controls/articles/lavoro-nero.md:8: U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape) "
    "is not allowed in data files: it shows a text in another order than it is stored (a phone "
    "number 211 would read 112); remove it",
    NULL};

/* Invisible characters in an id (named by code point), a phone, an
 * address, names, e-mail and web addresses; not in a description (prose),
 * nor a joiner between letters of a name (Persian, Gurmukhi). */
static const char *const invisible[] = {
    "invisible/agencies/cpi.yaml:2: name 'Centro per l<U+00AD>impiego' contains the invisible "
    "character U+00AD SOFT HYPHEN at character 13: remove it",
    "invisible/agencies/cpi.yaml:7: id 'cpi<U+200B>mantova' contains the invisible character "
    "U+200B ZERO WIDTH SPACE at character 4: remove it",
    "invisible/agencies/cpi.yaml:12: address 'Via Esempio 1,<U+FEFF> 46100 Mantova' contains the "
    "invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE at character 15: remove it",
    "invisible/agencies/cpi.yaml:15: name 'Iscrizione<U+2060> Suzzara' contains the invisible "
    "character U+2060 WORD JOINER at character 11: remove it",
    "invisible/agencies/cpi.yaml:20: phone number '0376<U+200B> 2051' contains the invisible "
    "character U+200B ZERO WIDTH SPACE at character 5: write only the digits 0-9 in groups "
    "separated by one space, with an optional leading +",
    "invisible/agencies/cpi.yaml:21: e-mail address 'info@esem<U+200C>pio.it' contains the "
    "invisible character U+200C ZERO WIDTH NON-JOINER at character 10: remove it",
    "invisible/agencies/cpi.yaml:22: web address 'https://esempio.it/<U+2060>' contains the "
    "invisible character U+2060 WORD JOINER at character 20: remove it",
    NULL};

/* The first service has every kind of valid number; each other one number
 * that is not one (issue 17: "11O", Arabic-Indic digits, "chiama 112"),
 * or not of the Italian numbering plan's lengths. */
static const char *const bad_phones[] = {
    "bad-phones/agencies/cpi.yaml:20: phone number '11O' has the letter 'O' at character 3: write "
    "only the digits 0-9 in groups separated by one space, with an optional leading +",
    "bad-phones/agencies/cpi.yaml:27: phone number '١١٢' is written with Arabic-Indic digits: "
    "write it with the ASCII digits 0-9, as it is dialled",
    "bad-phones/agencies/cpi.yaml:34: phone number 'chiama 112' has the letter 'c' at character 1: "
    "write only the digits 0-9 in groups separated by one space, with an optional leading +",
    "bad-phones/agencies/cpi.yaml:41: phone number '11' does not fit the numbering plan: an "
    "emergency or short number (1...) has 3 to 6 digits, as 112 or 1522",
    "bad-phones/agencies/cpi.yaml:48: phone number '1234567' does not fit the numbering plan: an "
    "emergency or short number (1...) has 3 to 6 digits, as 112 or 1522",
    "bad-phones/agencies/cpi.yaml:55: phone number '800 290 29' does not fit the numbering plan: a "
    "green number 800 has 9 digits, as 800 290 290",
    "bad-phones/agencies/cpi.yaml:62: phone number '803 12' does not fit the numbering plan: a "
    "green number 803 has 6 digits, as 803 116",
    "bad-phones/agencies/cpi.yaml:69: phone number '0376' does not fit the numbering plan: an "
    "Italian landline (0...) has 6 to 11 digits, as 0376 2051",
    "bad-phones/agencies/cpi.yaml:76: phone number '333 12345' does not fit the numbering plan: an "
    "Italian mobile number (3...) has 9 or 10 digits, as 333 123 4567",
    "bad-phones/agencies/cpi.yaml:83: phone number '+39 112' does not fit the numbering plan: "
    "emergency and short numbers (1...) are dialled without +39",
    "bad-phones/agencies/cpi.yaml:90: phone number '+0044 20 7946 0958' does not fit the numbering "
    "plan: a country code never starts with 0: write + and the country code, as +39",
    "bad-phones/agencies/cpi.yaml:97: phone number '+1 555 01' does not fit the numbering plan: an "
    "international number has 8 to 15 digits with its country code (E.164)",
    "bad-phones/agencies/cpi.yaml:104: phone number '0376  2051' has a space at character 5 that "
    "is not between two digits: write only the digits 0-9 in groups separated by one space, with "
    "an optional leading +",
    "bad-phones/agencies/cpi.yaml:111: phone number '+39 0376 2051 99999' does not fit the "
    "numbering plan: an Italian landline (0...) has 6 to 11 digits, as 0376 2051",
    "bad-phones/agencies/cpi.yaml:118: phone number '2051' does not fit the numbering plan: an "
    "Italian number starts with 0 (landline), 3 (mobile), 1 (emergency and short numbers) or "
    "800/803 (green numbers); a foreign one with + and its country code",
    "bad-phones/agencies/cpi.yaml:125: phone number '+39 800 290 290' does not fit the numbering "
    "plan: green numbers (800, 803) are dialled without +39",
    "bad-phones/agencies/cpi.yaml:132: phone number '0376-2051' has the character '-' at character "
    "5: write only the digits 0-9 in groups separated by one space, with an optional leading +",
    NULL};

typedef struct problem_case {
    const char *test;
    const char *folder; /* under data-cases/ */
    const char *const *expected;
} problem_case;

static const problem_case problem_cases[] = {
    {"catalog_data_rejects_invalid_utf8", "invalid-utf8", invalid_utf8},
    {"catalog_data_rejects_unknown_field", "unknown-field", unknown_field},
    {"catalog_data_rejects_repeated_field", "repeated-field", repeated_field},
    {"catalog_data_rejects_missing_required_field", "missing-field", missing_field},
    {"catalog_data_rejects_wrong_type", "wrong-type", wrong_type},
    {"catalog_data_rejects_duplicate_id", "duplicate-id", duplicate_id},
    {"catalog_data_rejects_bad_id", "bad-id", bad_id},
    {"catalog_data_refuses_bidi_controls_written_or_escaped", "bidi-controls", bidi_controls},
    {"catalog_data_refuses_invisible_characters_in_ids_phones_addresses_names", "invisible",
     invisible},
    {"catalog_data_refuses_phone_numbers_outside_the_numbering_plan", "bad-phones", bad_phones},
    {"catalog_data_rejects_file_name_not_matching_id", "file-name", file_name},
    {"catalog_data_rejects_category_not_in_list", "unknown-category", unknown_category},
    {"catalog_data_rejects_bad_town", "bad-town", bad_town},
    {"catalog_data_rejects_hours_past_midnight", "hours-past-midnight", hours_past_midnight},
    {"catalog_data_rejects_closing_before_opening", "closing-before-opening",
     closing_before_opening},
    {"catalog_data_rejects_overlapping_hours", "overlapping-hours", overlapping_hours},
    {"catalog_data_rejects_bad_day_name", "bad-day", bad_day},
    {"catalog_data_rejects_invalid_date", "invalid-date", invalid_date},
    {"catalog_data_rejects_bad_coordinates", "bad-coordinates", bad_coordinates},
    {"catalog_data_rejects_bad_language_code", "bad-language", bad_language},
    {"catalog_data_rejects_missing_italian_text", "missing-italian", missing_italian},
    {"catalog_data_rejects_unterminated_string", "unterminated-string", unterminated_string},
    {"catalog_data_rejects_file_cut_in_a_record", "file-cut", file_cut},
    {"catalog_data_rejects_empty_file", "empty-file", empty_file},
    {"catalog_data_rejects_empty_categories_file", "empty-categories", empty_categories},
    {"catalog_data_rejects_yaml_syntax_errors", "yaml-syntax", yaml_syntax},
    {"catalog_data_rejects_anchors_aliases_and_tags", "anchors", anchors},
    {"catalog_data_rejects_bad_article_header", "article-header", article_header},
    {"catalog_data_refuses_raw_html_and_images_in_article_at_file_line", "article-html",
     article_html},
    {"catalog_data_rejects_misnamed_data_file", "misnamed-file", misnamed_file},
    {"catalog_data_rejects_missing_categories_file", "missing-categories", missing_categories},
    {"catalog_data_reports_every_error_in_a_file", "several-errors", several_errors},
};

/* ---- helpers ------------------------------------------------------------ */

/* Compares the problems with `expected` (NULL-terminated), one by one. */
static void check_problems(const problem_list *problems, const char *const *expected)
{
    size_t count = 0;
    while (expected[count])
        count++;
    CHECK(problems->count == count, "%zu problems, expected %zu", problems->count, count);
    for (size_t i = 0; i < problems->count || i < count; i++) {
        const char *got = i < problems->count ? problems->items[i] : "(none)";
        const char *want = i < count ? expected[i] : "(none)";
        CHECK(strcmp(got, want) == 0, "problem %zu:\n   got: %s\n  want: %s", i + 1, got, want);
    }
}

static void expect_problems(const char *folder, const char *const *expected)
{
    problem_list problems = {0};
    catalog_model *model = catalog_model_read(folder, &problems);
    CHECK(model != NULL, "catalog_model_read returned NULL");
    check_problems(&problems, expected);
    catalog_model_free(model);
    problems_free(&problems);
}

static char *read_whole(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *data = NULL;
    size_t capacity = 0;
    *length = 0;
    for (;;) {
        if (*length + 4096 + 1 > capacity) {
            capacity = 2 * capacity + 8192;
            char *bigger = realloc(data, capacity);
            if (!bigger)
                break;
            data = bigger;
        }
        size_t got = fread(data + *length, 1, 4096, file);
        *length += got;
        if (got == 0)
            break;
    }
    fclose(file);
    if (data)
        data[*length] = '\0';
    return data;
}

static bool write_whole(const char *path, const char *data, size_t length)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return false;
    bool ok = fwrite(data, 1, length, file) == length;
    return fclose(file) == 0 && ok;
}

/* A fresh temporary data folder with agencies/ and articles/: in $TMPDIR,
 * else in memory (/dev/shm) when there is one, as the corruption test
 * writes some 20 000 files (10 s on a disk, 1.5 s in memory). */
static bool make_data_folder(char folder[64])
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) > 30)
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(folder, 64, "%s/sportello-data-XXXXXX", tmp);
    if (!mkdtemp(folder))
        return false;
    char path[128];
    snprintf(path, sizeof path, "%s/agencies", folder);
    bool ok = mkdir(path, 0700) == 0;
    snprintf(path, sizeof path, "%s/articles", folder);
    return ok && mkdir(path, 0700) == 0;
}

static void remove_data_folder(const char *folder, const char *const *files)
{
    char path[256];
    for (size_t i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/agencies", folder);
    rmdir(path);
    snprintf(path, sizeof path, "%s/articles", folder);
    rmdir(path);
    rmdir(folder);
}

static const char valid_categories_path[] = CASES_DIR "/valid/categories.yaml";
static const char valid_agency_path[] = CASES_DIR "/valid/agencies/questura-mantova.yaml";
static const char valid_article_path[] = CASES_DIR "/valid/articles/caporalato.md";

/* ---- the valid example -------------------------------------------------- */

typedef struct expected_unit {
    const char *key, *text, *file;
    int line;
} expected_unit;

/* An article's block: its key, "article:ID\004" and its text, as gettext
 * keys a message with a context; then its text. */
#define BLOCK(article, text) "article:" article "\004" text, text

static const expected_unit valid_units[] = {
    {"category:lavoro:name", "Lavoro", "categories.yaml", 2},
    {"category:permesso:name", "Permesso di soggiorno", "categories.yaml", 5},
    {"category:diritti:name", "Diritti dei lavoratori", "categories.yaml", 8},
    {"agency:questura-mantova:name", "Questura di Mantova", "agencies/questura-mantova.yaml", 2},
    {"agency:questura-mantova:description",
     "La Questura è l'ufficio della Polizia di Stato della provincia.",
     "agencies/questura-mantova.yaml", 3},
    {"service:questura-mantova-immigrazione:name", "Ufficio Immigrazione",
     "agencies/questura-mantova.yaml", 10},
    {"service:questura-mantova-immigrazione:what", "Rilascia e rinnova il permesso di soggiorno.",
     "agencies/questura-mantova.yaml", 12},
    {"service:questura-mantova-immigrazione:for-whom",
     "Cittadini di paesi non UE che vivono in provincia di Mantova.",
     "agencies/questura-mantova.yaml", 13},
    {"service:questura-mantova-immigrazione:documents:1", "Passaporto",
     "agencies/questura-mantova.yaml", 15},
    {"service:questura-mantova-immigrazione:documents:2", "Permesso di soggiorno, se lo hai già",
     "agencies/questura-mantova.yaml", 16},
    {"service:questura-mantova-immigrazione:cost", "Dipende dal tipo di permesso.",
     "agencies/questura-mantova.yaml", 17},
    {"service:questura-mantova-immigrazione:hours-note", "Solo su appuntamento.",
     "agencies/questura-mantova.yaml", 30},
    {"service:questura-mantova-immigrazione:directions", "Nel palazzo della Questura.",
     "agencies/questura-mantova.yaml", 19},
    {"article:caporalato:title", "Che cos'è il caporalato", "articles/caporalato.md", 4},
    {"article:caporalato:summary", "Il caporalato è un reato. Chi ti sfrutta può essere punito.",
     "articles/caporalato.md", 5},
    {BLOCK("caporalato", "Il caporalato è un reato (art. 603-bis del codice penale)."),
     "articles/caporalato.md", 8},
    {BLOCK("caporalato", "Che cosa puoi fare"), "articles/caporalato.md", 10},
    {BLOCK("caporalato", "Chiama il Numero Verde Antitratta 800 290 290."),
     "articles/caporalato.md", 12},
    {BLOCK("caporalato", "È gratuito e anonimo."), "articles/caporalato.md", 13},
};

static void check_units(const catalog_model *model, const char *folder,
                        const expected_unit *expected, size_t count)
{
    CHECK(model->unit_count == count, "%zu units, expected %zu", model->unit_count, count);
    for (size_t i = 0; i < model->unit_count && i < count; i++) {
        const unit *u = &model->units[i];
        char file[256];
        snprintf(file, sizeof file, "%s/%s", folder, expected[i].file);
        CHECK(strcmp(u->key, expected[i].key) == 0, "unit %zu key %s, expected %s", i, u->key,
              expected[i].key);
        CHECK(strcmp(u->text, expected[i].text) == 0, "%s: text '%s', expected '%s'", u->key,
              u->text, expected[i].text);
        CHECK(strcmp(u->file, file) == 0, "%s: file %s, expected %s", u->key, u->file, file);
        CHECK(u->line == expected[i].line, "%s: line %d, expected %d", u->key, u->line,
              expected[i].line);
        CHECK(u->comment && strlen(u->comment) > 20, "%s: no comment for translators", u->key);
        CHECK(catalog_model_unit(model, u->key) == u, "catalog_model_unit(%s)", u->key);
    }
}

static void test_valid_example(void)
{
    problem_list problems = {0};
    catalog_model *model = catalog_model_read("valid", &problems);
    CHECK(model != NULL, "catalog_model_read returned NULL");
    check_problems(&problems, (const char *const[]){NULL});
    if (!model) {
        problems_free(&problems);
        return;
    }
    check_units(model, "valid", valid_units, sizeof valid_units / sizeof valid_units[0]);
    CHECK(catalog_model_unit(model, "service:questura-mantova-immigrazione:email") == NULL,
          "email is never translated");
    const unit *what = catalog_model_unit(model, "service:questura-mantova-immigrazione:what");
    CHECK(what && strcmp(what->comment, "Service description: 'what it does', shown on the "
                                        "service's detail screen, under the name") == 0,
          "comment of 'what': %s", what ? what->comment : "(none)");

    static const char *const category_ids[] = {"lavoro", "permesso", "diritti"};
    static const char *const icons[] = {"work", "document", "rights"};
    CHECK(model->category_count == 3, "%zu categories", model->category_count);
    for (size_t i = 0; i < model->category_count && i < 3; i++) {
        CHECK(strcmp(model->categories[i].id, category_ids[i]) == 0, "category %zu id %s", i,
              model->categories[i].id);
        CHECK(strcmp(model->categories[i].icon, icons[i]) == 0, "category %zu icon %s", i,
              model->categories[i].icon);
        CHECK(model->categories[i].line == (int)(1 + 3 * i), "category %zu line %d", i,
              model->categories[i].line);
    }

    CHECK(model->agency_count == 1, "%zu agencies", model->agency_count);
    if (model->agency_count == 1) {
        const agency *ag = &model->agencies[0];
        CHECK(strcmp(ag->id, "questura-mantova") == 0, "agency id %s", ag->id);
        CHECK(strcmp(ag->source, "questure.poliziadistato.it, pagine di Mantova") == 0,
              "agency source %s", ag->source);
        CHECK(strcmp(ag->checked, "2026-03-01") == 0, "agency checked %s", ag->checked);
        CHECK(!ag->example, "agency example");
        CHECK(strcmp(ag->file, "valid/agencies/questura-mantova.yaml") == 0 && ag->line == 1,
              "agency at %s:%d", ag->file, ag->line);
        CHECK(ag->service_count == 1, "%zu services", ag->service_count);
    }
    if (model->agency_count == 1 && model->agencies[0].service_count == 1) {
        const service *s = &model->agencies[0].services[0];
        CHECK(strcmp(s->id, "questura-mantova-immigrazione") == 0, "service id %s", s->id);
        CHECK(strcmp(s->category, "permesso") == 0, "category %s", s->category);
        CHECK(strcmp(s->town, "mantova") == 0, "town %s", s->town);
        CHECK(strcmp(s->address, "Piazza Sordello 46, 46100 Mantova") == 0, "address %s",
              s->address);
        CHECK(s->has_coordinates && fabs(s->latitude - 45.1609) < 1e-9 &&
                  fabs(s->longitude - 10.7970) < 1e-9,
              "coordinates %f %f", s->latitude, s->longitude);
        CHECK(s->phone_count == 1 && strcmp(s->phones[0], "0376 2051") == 0, "phones");
        CHECK(s->email == NULL && s->web == NULL, "empty email and web are absent");
        CHECK(s->hour_count == 5, "%zu opening ranges", s->hour_count);
        for (size_t i = 0; i < s->hour_count && i < 5; i++)
            CHECK(s->hours[i].weekday == (int)i + 1 && s->hours[i].opens == 8 * 60 + 30 &&
                      s->hours[i].closes == 12 * 60 + 30,
                  "range %zu: day %d %d-%d", i, s->hours[i].weekday, s->hours[i].opens,
                  s->hours[i].closes);
        CHECK(s->closure_count == 1 && strcmp(s->closures[0], "2026-12-25") == 0, "closures");
        CHECK(s->language_count == 3 && strcmp(s->languages[0], "it") == 0 &&
                  strcmp(s->languages[1], "en") == 0 && strcmp(s->languages[2], "fr") == 0,
              "languages");
        CHECK(strcmp(s->source, "questure.poliziadistato.it, pagine di Mantova") == 0 &&
                  strcmp(s->checked, "2026-03-01") == 0,
              "service source and date");
        CHECK(s->example, "service example");
        CHECK(s->document_count == 2, "%zu documents", s->document_count);
        CHECK(s->line == 9, "service line %d", s->line);
    }

    CHECK(model->article_count == 1, "%zu articles", model->article_count);
    if (model->article_count == 1) {
        const article *ar = &model->articles[0];
        static const block_kind kinds[] = {BLOCK_PARAGRAPH, BLOCK_HEADING, BLOCK_ITEM, BLOCK_ITEM};
        CHECK(strcmp(ar->id, "caporalato") == 0 && strcmp(ar->category, "diritti") == 0,
              "article %s in %s", ar->id, ar->category);
        CHECK(ar->block_count == 4, "%zu blocks", ar->block_count);
        for (size_t i = 0; i < ar->block_count && i < 4; i++)
            CHECK(ar->blocks[i] == kinds[i], "block %zu kind %d", i + 1, ar->blocks[i]);
    }
    catalog_model_free(model);
    problems_free(&problems);
}

/* The three examples of data/README.md are the valid case's files, so the
 * documentation cannot drift from what the parser accepts. */
static void test_valid_example_matches_readme(void)
{
    size_t length;
    char *readme = read_whole(README_PATH, &length);
    CHECK(readme != NULL, "cannot read %s", README_PATH);
    if (!readme)
        return;
    static const struct {
        const char *fence, *path;
        bool prefix; /* README shows the first category only */
    } examples[] = {
        {"```yaml\n", valid_categories_path, true},
        {"```yaml\n", valid_agency_path, false},
        {"```markdown\n", valid_article_path, false},
    };
    const char *cursor = readme;
    for (size_t i = 0; i < 3; i++) {
        const char *start = strstr(cursor, examples[i].fence);
        CHECK(start != NULL, "README example %zu not found", i + 1);
        if (!start)
            break;
        start += strlen(examples[i].fence);
        const char *end = strstr(start, "```");
        CHECK(end != NULL, "README example %zu not closed", i + 1);
        if (!end)
            break;
        cursor = end + 3;
        size_t example_length = (size_t)(end - start), file_length;
        char *file = read_whole(examples[i].path, &file_length);
        CHECK(file != NULL, "cannot read %s", examples[i].path);
        if (!file)
            continue;
        bool same = examples[i].prefix
                        ? file_length >= example_length && memcmp(file, start, example_length) == 0
                        : file_length == example_length && memcmp(file, start, file_length) == 0;
        CHECK(same, "%s differs from README example %zu:\n%.*s", examples[i].path, i + 1,
              (int)example_length, start);
        free(file);
    }
    free(readme);
}

/* Markdown is reduced to plain blocks: inline markup (bold, emphasis,
 * code) dropped, link text
 * kept, soft breaks and runs of spaces become one space, entities decoded;
 * loose and nested lists, quotes, indented text and a heading without its
 * space give one block each. */
static void test_article_blocks(void)
{
    static const expected_unit units[] = {
        {"category:lavoro:name", "Lavoro", "categories.yaml", 2},
        {"category:permesso:name", "Permesso di soggiorno", "categories.yaml", 5},
        {"category:diritti:name", "Diritti dei lavoratori", "categories.yaml", 8},
        {"article:diritti-lavoro:title", "I tuoi diritti", "articles/diritti-lavoro.md", 4},
        {"article:diritti-lavoro:summary", "Il contratto, la paga, gli orari.",
         "articles/diritti-lavoro.md", 5},
        {BLOCK("diritti-lavoro", "Il contratto"), "articles/diritti-lavoro.md", 7},
        {"article:diritti-lavoro\004"
         "Il contratto di lavoro deve essere scritto e firmato prima di iniziare.",
         "Il contratto di lavoro deve essere scritto e firmato prima di iniziare.",
         "articles/diritti-lavoro.md", 9},
        {"article:diritti-lavoro\004"
         "Leggi la pagina dell'INPS e chiama il 1500. Scrivi a https://www.ispettorato.gov.it.",
         "Leggi la pagina dell'INPS e chiama il 1500. Scrivi a https://www.ispettorato.gov.it.",
         "articles/diritti-lavoro.md", 12},
        {BLOCK("diritti-lavoro", "Primo punto"), "articles/diritti-lavoro.md", 15},
        {BLOCK("diritti-lavoro", "Secondo punto con due righe"), "articles/diritti-lavoro.md", 16},
        {BLOCK("diritti-lavoro", "Voce lunga"), "articles/diritti-lavoro.md", 19},
        {BLOCK("diritti-lavoro", "con un secondo paragrafo"), "articles/diritti-lavoro.md", 21},
        {BLOCK("diritti-lavoro", "Voce con sottolista"), "articles/diritti-lavoro.md", 23},
        {BLOCK("diritti-lavoro", "Sotto voce"), "articles/diritti-lavoro.md", 24},
        {BLOCK("diritti-lavoro", "Una citazione & un'entità è è fine."),
         "articles/diritti-lavoro.md", 26},
        {BLOCK("diritti-lavoro", "Testo rientrato, non codice."), "articles/diritti-lavoro.md", 28},
        {BLOCK("diritti-lavoro", "Titolo senza spazio"), "articles/diritti-lavoro.md", 30},
        {BLOCK("diritti-lavoro", "Ultimo paragrafo."), "articles/diritti-lavoro.md", 34},
    };
    static const block_kind kinds[] = {
        BLOCK_HEADING,   BLOCK_PARAGRAPH, BLOCK_PARAGRAPH, BLOCK_ITEM, BLOCK_ITEM,
        BLOCK_ITEM,      BLOCK_PARAGRAPH, BLOCK_ITEM,      BLOCK_ITEM, BLOCK_PARAGRAPH,
        BLOCK_PARAGRAPH, BLOCK_HEADING,   BLOCK_PARAGRAPH};
    problem_list problems = {0};
    catalog_model *model = catalog_model_read("article-blocks", &problems);
    CHECK(model != NULL, "catalog_model_read returned NULL");
    check_problems(&problems, (const char *const[]){NULL});
    if (model) {
        check_units(model, "article-blocks", units, sizeof units / sizeof units[0]);
        CHECK(model->article_count == 1 && model->articles[0].block_count == 13, "blocks");
        for (size_t i = 0;
             model->article_count == 1 && i < model->articles[0].block_count && i < 13; i++)
            CHECK(model->articles[0].blocks[i] == kinds[i], "block %zu kind %d, expected %d", i + 1,
                  model->articles[0].blocks[i], kinds[i]);
    }
    catalog_model_free(model);
    problems_free(&problems);
}

/* Blocks are keyed by their text (msgctxt "article:ID" and the text, as
 * gettext keys a message); a second and a third block of the same text in
 * one article get "article:ID#2" and "#3", so each has its own message. */
static void test_equal_blocks(void)
{
    static const expected_unit units[] = {
        {"category:lavoro:name", "Lavoro", "categories.yaml", 2},
        {"category:permesso:name", "Permesso di soggiorno", "categories.yaml", 5},
        {"category:diritti:name", "Diritti dei lavoratori", "categories.yaml", 8},
        {"article:orari:title", "Orari", "articles/orari.md", 4},
        {"article:orari:summary", "Due elenchi con le stesse voci.", "articles/orari.md", 5},
        {"article:orari\004Di giorno", "Di giorno", "articles/orari.md", 7},
        {"article:orari\004Chiedi sempre la busta paga.", "Chiedi sempre la busta paga.",
         "articles/orari.md", 9},
        {"article:orari\004Di notte", "Di notte", "articles/orari.md", 11},
        {"article:orari#2\004Chiedi sempre la busta paga.", "Chiedi sempre la busta paga.",
         "articles/orari.md", 13},
        {"article:orari#3\004Chiedi sempre la busta paga.", "Chiedi sempre la busta paga.",
         "articles/orari.md", 14},
    };
    problem_list problems = {0};
    catalog_model *model = catalog_model_read("article-equal-blocks", &problems);
    CHECK(model != NULL, "catalog_model_read returned NULL");
    check_problems(&problems, (const char *const[]){NULL});
    if (model) {
        check_units(model, "article-equal-blocks", units, sizeof units / sizeof units[0]);
        CHECK(model->article_count == 1 && model->articles[0].block_count == 5, "blocks");
        for (size_t i = 0; model->article_count == 1 && i < model->articles[0].block_count; i++)
            CHECK(strcmp(model->articles[0].block_keys[i], units[5 + i].key) == 0,
                  "block %zu has the key of its unit", i + 1);
        for (size_t i = 5; i < sizeof units / sizeof units[0]; i++)
            CHECK(catalog_model_unit(model, units[i].key) == &model->units[i],
                  "catalog_model_unit finds %s", units[i].key);
    }
    catalog_model_free(model);
    problems_free(&problems);
}

/* A clerk on Windows saves with CRLF line ends and a byte order mark: the
 * same units, texts and lines as the valid example. */
static void test_windows_line_ends(void)
{
    char folder[64];
    CHECK(make_data_folder(folder), "cannot make a temporary folder: %s", strerror(errno));
    static const struct {
        const char *source, *relative;
    } files[] = {{valid_categories_path, "categories.yaml"},
                 {valid_agency_path, "agencies/questura-mantova.yaml"},
                 {valid_article_path, "articles/caporalato.md"}};
    for (size_t i = 0; i < 3; i++) {
        size_t length;
        char *text = read_whole(files[i].source, &length);
        char *windows = text ? malloc(3 + 2 * length) : NULL;
        size_t out = 0;
        if (windows) {
            memcpy(windows, "\xEF\xBB\xBF", 3);
            out = 3;
            for (size_t j = 0; j < length; j++) {
                if (text[j] == '\n')
                    windows[out++] = '\r';
                windows[out++] = text[j];
            }
        }
        char path[256];
        snprintf(path, sizeof path, "%s/%s", folder, files[i].relative);
        CHECK(windows && write_whole(path, windows, out), "cannot write %s", path);
        free(text);
        free(windows);
    }
    problem_list problems = {0};
    catalog_model *model = catalog_model_read(folder, &problems);
    CHECK(model != NULL, "catalog_model_read returned NULL");
    check_problems(&problems, (const char *const[]){NULL});
    if (model)
        check_units(model, folder, valid_units, sizeof valid_units / sizeof valid_units[0]);
    CHECK(model && model->article_count == 1 && model->articles[0].block_count == 4,
          "article blocks");
    catalog_model_free(model);
    problems_free(&problems);
    remove_data_folder(folder,
                       (const char *const[]){"categories.yaml", "agencies/questura-mantova.yaml",
                                             "articles/caporalato.md", NULL});
}

/* ---- large files -------------------------------------------------------- */

static long peak_memory_kb(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* The README's agency followed by comment lines up to `size` bytes: valid
 * YAML, so only the size can make it fail. */
static bool write_padded_agency(const char *path, long size)
{
    size_t length;
    char *agency = read_whole(valid_agency_path, &length);
    FILE *file = fopen(path, "wb");
    bool ok = agency && file && fwrite(agency, 1, length, file) == length;
    static char line[1 << 16];
    memset(line, 'x', sizeof line);
    line[0] = '#';
    line[sizeof line - 1] = '\n';
    for (long left = size - (long)length; ok && left > 0;) {
        size_t chunk = left < (long)sizeof line ? (size_t)left : sizeof line;
        if (chunk < sizeof line)
            line[chunk - 1] = '\n';
        ok = fwrite(line, 1, chunk, file) == chunk;
        left -= (long)chunk;
    }
    if (file)
        ok = fclose(file) == 0 && ok;
    free(agency);
    return ok;
}

/* A 50 MB file is refused from its size: fast, and without reading it
 * (peak memory grows by far less than the file).  10 MB exactly is read,
 * one byte more is refused. */
static void test_file_over_10mb(void)
{
    char folder[64];
    CHECK(make_data_folder(folder), "cannot make a temporary folder: %s", strerror(errno));
    char categories[128], path[128];
    snprintf(categories, sizeof categories, "%s/categories.yaml", folder);
    snprintf(path, sizeof path, "%s/agencies/questura-mantova.yaml", folder);
    size_t length;
    char *text = read_whole(valid_categories_path, &length);
    CHECK(text && write_whole(categories, text, length), "cannot write %s", categories);
    free(text);

    CHECK(write_padded_agency(path, 50L * 1024 * 1024), "cannot write %s", path);
    problem_list problems = {0};
    long memory_before = peak_memory_kb();
    double start = seconds_now();
    catalog_model *model = catalog_model_read(folder, &problems);
    double elapsed = seconds_now() - start;
    long memory_growth = peak_memory_kb() - memory_before;
    char expected[256];
    snprintf(expected, sizeof expected,
             "%s: file too large (50.0 MB): a data file may be at most 10 MB", path);
    check_problems(&problems, (const char *const[]){expected, NULL});
    CHECK(elapsed < 0.5, "refusing a 50 MB file took %.3f s", elapsed);
    CHECK(memory_growth < 8 * 1024, "peak memory grew by %ld kB: the file was read", memory_growth);
    catalog_model_free(model);
    problems_free(&problems);

    CHECK(write_padded_agency(path, 10L * 1024 * 1024), "cannot write %s", path);
    model = catalog_model_read(folder, &problems);
    check_problems(&problems, (const char *const[]){NULL});
    CHECK(model && model->agency_count == 1, "the 10 MB file was not read");
    catalog_model_free(model);
    problems_free(&problems);

    CHECK(write_padded_agency(path, 10L * 1024 * 1024 + 1), "cannot write %s", path);
    model = catalog_model_read(folder, &problems);
    snprintf(expected, sizeof expected,
             "%s: file too large (10.1 MB): a data file may be at most 10 MB", path);
    check_problems(&problems, (const char *const[]){expected, NULL});
    catalog_model_free(model);
    problems_free(&problems);

    remove_data_folder(
        folder, (const char *const[]){"categories.yaml", "agencies/questura-mantova.yaml", NULL});
}

/* ---- corrupted input ---------------------------------------------------- */

/* Reads the folder: never NULL, every problem names a file of it, and a
 * model without problems is whole. */
static bool read_survives(const char *folder)
{
    problem_list problems = {0};
    catalog_model *model = catalog_model_read(folder, &problems);
    bool ok = model != NULL;
    size_t prefix = strlen(folder);
    for (size_t i = 0; i < problems.count; i++)
        if (strncmp(problems.items[i], folder, prefix) != 0 || problems.items[i][prefix] != '/')
            ok = false;
    for (size_t i = 0; model && !problems.count && i < model->unit_count; i++) {
        const unit *u = &model->units[i];
        if (!u->key || !u->text || !u->text[0] || !u->comment || !u->file || u->line < 1)
            ok = false;
    }
    catalog_model_free(model);
    problems_free(&problems);
    return ok;
}

/* Every cut of the file, and bytes that matter to YAML and Markdown put
 * at every position: under ASan this proves no crash, leak or overflow. */
static void mutate_file(const char *folder, const char *relative, const char *source_path)
{
    static const char replacements[] = {'"', '\'', ':', '\n', '[', '-', '\t', '&', '\xff', '\0'};
    size_t length;
    char *original = read_whole(source_path, &length);
    CHECK(original != NULL, "cannot read %s", source_path);
    if (!original)
        return;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", folder, relative);
    char *copy = malloc(length + 1);
    size_t failures = 0;
    for (size_t cut = 0; copy && cut <= length; cut++) {
        if (!write_whole(path, original, cut) || !read_survives(folder))
            failures++;
    }
    for (size_t at = 0; copy && at < length; at++) {
        for (size_t r = 0; r < sizeof replacements; r++) {
            memcpy(copy, original, length);
            copy[at] = replacements[r];
            if (!write_whole(path, copy, length) || !read_survives(folder))
                failures++;
        }
    }
    CHECK(failures == 0, "%s: %zu corrupted versions were not handled", relative, failures);
    write_whole(path, original, length);
    free(copy);
    free(original);
}

static void test_corrupted_files(void)
{
    char folder[64];
    CHECK(make_data_folder(folder), "cannot make a temporary folder: %s", strerror(errno));
    size_t length;
    static const struct {
        const char *source, *relative;
    } files[] = {{valid_categories_path, "categories.yaml"},
                 {valid_agency_path, "agencies/questura-mantova.yaml"},
                 {valid_article_path, "articles/caporalato.md"}};
    /* Each file is mutated with only the files it needs beside it. */
    for (size_t i = 0; i < 3; i++) {
        char *text = read_whole(files[i].source, &length);
        char path[256];
        snprintf(path, sizeof path, "%s/%s", folder, files[i].relative);
        CHECK(text && write_whole(path, text, length), "cannot write %s", path);
        free(text);
        CHECK(read_survives(folder), "the valid copy of %s fails", files[i].relative);
        mutate_file(folder, files[i].relative, files[i].source);
        if (i == 1)
            unlink(path);
    }

    /* Hostile shapes: deep nesting, aliases of aliases, a flood of fields. */
    char path[256], expected[2][320];
    snprintf(path, sizeof path, "%s/agencies/questura-mantova.yaml", folder);
    size_t depth = 100000;
    char *deep = malloc(depth + 4);
    if (deep) {
        memcpy(deep, "id: ", 4);
        memset(deep + 4, '[', depth);
        write_whole(path, deep, depth + 4);
        free(deep);
        problem_list problems = {0};
        catalog_model *model = catalog_model_read(folder, &problems);
        snprintf(expected[0], sizeof expected[0], "%s:1: nested too deeply (more than 32 levels)",
                 path);
        check_problems(&problems, (const char *const[]){expected[0], NULL});
        catalog_model_free(model);
        problems_free(&problems);
    }
    char laughs[4096] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 30; i++)
        snprintf(laughs + strlen(laughs), sizeof laughs - strlen(laughs),
                 "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i - 1, i - 1,
                 i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    write_whole(path, laughs, strlen(laughs));
    CHECK(read_survives(folder), "aliases of aliases");

    char *flood = malloc(150 * 32);
    if (flood) {
        size_t used = 0;
        for (int i = 1; i <= 150; i++)
            used += (size_t)snprintf(flood + used, 32, "campo%d: x\n", i);
        write_whole(path, flood, used);
        free(flood);
        problem_list problems = {0};
        catalog_model *model = catalog_model_read(folder, &problems);
        snprintf(expected[1], sizeof expected[1], "%s: 55 more problems in this file not listed",
                 path);
        CHECK(problems.count == 101, "%zu problems for 150 unknown fields, expected 100 + 1",
              problems.count);
        if (problems.count)
            CHECK(strcmp(problems.items[problems.count - 1], expected[1]) == 0, "last: %s",
                  problems.items[problems.count - 1]);
        catalog_model_free(model);
        problems_free(&problems);
    }
    remove_data_folder(folder,
                       (const char *const[]){"categories.yaml", "agencies/questura-mantova.yaml",
                                             "articles/caporalato.md", NULL});
}

/* ---- main --------------------------------------------------------------- */

/* The one rule of a checked date (checked.h): the three forms, real
 * dates only, and its age in months to a fixed "now" (UTC). */
static void test_checked_dates(void)
{
    static const char *const good[] = {"2024", "2024-03", "2024-02-29", "1900", "9999-12-31"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        CHECK(checked_parse(good[i], NULL, NULL, NULL), "'%s' refused", good[i]);
    static const char *const bad[] = {NULL,         "",
                                      "2024-3",     "2024-13",
                                      "2023-02-29", "2024-00",
                                      " 2024",      "2024 ",
                                      "2024-03-00", "2024-03-32",
                                      "1899-12",    "20240301",
                                      "2024/03",    "24-03",
                                      "2024-03-1",  "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4",
                                      "+2024",      "2024-03-01T00",
                                      "-001-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!checked_parse(bad[i], NULL, NULL, NULL), "'%s' accepted", bad[i] ? bad[i] : "NULL");
    int year = 0, month = -1, day = -1;
    CHECK(checked_parse("2024", &year, &month, &day) && year == 2024 && month == 0 && day == 0,
          "2024: %d %d %d", year, month, day);
    CHECK(checked_parse("2024-11-25", &year, &month, &day) && year == 2024 && month == 11 &&
              day == 25,
          "2024-11-25: %d %d %d", year, month, day);
    setenv("TZ", "UTC", 1);
    tzset();
    const time_t december_2026 = 1796914800; /* 2026-12-10 15:00 UTC */
    CHECK(checked_age_months("2026-12-01", december_2026) == 0, "this month");
    CHECK(checked_age_months("2025-06", december_2026) == 18, "18 months");
    CHECK(!checked_is_older("2025-06", 18, december_2026), "18 months is not more than 18");
    CHECK(checked_is_older("2025-05-31", 18, december_2026), "19 months is more than 18");
    CHECK(checked_age_months("2025", december_2026) == 23, "a year counts from its January");
    CHECK(checked_age_months("2030-01", december_2026) == 0, "a date to come is 0 months old");
    CHECK(checked_age_months("", december_2026) == -1 && !checked_is_older("", 0, december_2026),
          "no date is not old");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEST-NAME\n", argv[0]);
        return 2;
    }
    if (chdir(CASES_DIR) != 0) {
        fprintf(stderr, "cannot enter %s: %s\n", CASES_DIR, strerror(errno));
        return 1;
    }
    const char *name = argv[1];
    bool found = true;
    if (strcmp(name, "catalog_data_valid_example_gives_units_and_keys") == 0)
        test_valid_example();
    else if (strcmp(name, "catalog_data_valid_example_matches_readme") == 0)
        test_valid_example_matches_readme();
    else if (strcmp(name, "catalog_data_article_body_becomes_plain_blocks") == 0)
        test_article_blocks();
    else if (strcmp(name, "catalog_data_equal_paragraphs_of_an_article_get_contexts_2_and_3") == 0)
        test_equal_blocks();
    else if (strcmp(name, "catalog_data_reads_windows_line_ends_and_bom") == 0)
        test_windows_line_ends();
    else if (strcmp(name, "catalog_data_refuses_file_over_10mb") == 0)
        test_file_over_10mb();
    else if (strcmp(name, "catalog_data_survives_corrupted_files") == 0)
        test_corrupted_files();
    else if (strcmp(name, "catalog_checked_dates_real_in_three_forms_and_their_age_in_months") == 0)
        test_checked_dates();
    else {
        found = false;
        for (size_t i = 0; i < sizeof problem_cases / sizeof problem_cases[0]; i++)
            if (strcmp(name, problem_cases[i].test) == 0) {
                expect_problems(problem_cases[i].folder, problem_cases[i].expected);
                found = true;
            }
    }
    if (!found) {
        fprintf(stderr, "unknown test %s\n", name);
        return 2;
    }
    return check_failures ? 1 : 0;
}
