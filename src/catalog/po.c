/* po.c - see po.h.
 *
 * libgettextpo parses the PO files and reports their syntax errors; this
 * file turns its callbacks into problems, reads the messages into plain
 * structs and runs the translators' checks on them. */
#include "po.h"

#include <ctype.h>
#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <gettext-po.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/upluralrules.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "array.h"
#include "facts.h"
#include "file_read.h"
#include "folder.h"
#include "progress.h"

/* ---- small helpers ------------------------------------------------------ */

static char *copy_range(const char *start, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy) {
        memcpy(copy, start, length);
        copy[length] = '\0';
    }
    return copy;
}

/* The next code point of s[*i..length), negative for an ill-formed sequence
 * (ICU's U8_NEXT, which always advances). */
static UChar32 next_code_point(const char *s, int32_t *i, int32_t length)
{
    UChar32 c;
    U8_NEXT((const uint8_t *)s, *i, length, c);
    return c;
}

static int32_t clamp_length(size_t length)
{
    return length > INT32_MAX ? INT32_MAX : (int32_t)length;
}

/* ---- where each message is: a light scan of the file text --------------- */

/* libgettextpo keeps the line of each msgid but does not expose it
 * (po_message_filepos is the "#:" reference to the data file).  So the file
 * text is scanned for the keywords msgctxt and msgid at the start of a line,
 * their strings (with continuation lines) unescaped like po-lex.c does, and
 * each message is matched to its (msgctxt, msgid) here.  Obsolete "#~"
 * entries are comments to this scan, as they are skipped anyway. */
typedef struct entry_position {
    char *msgctxt; /* NULL when the entry has none */
    char *msgid;
    int line; /* of the msgid keyword */
    bool used;
} entry_position;

typedef struct line_map {
    entry_position *entries; /* sorted by msgctxt, msgid, line */
    size_t count, capacity;
} line_map;

typedef struct text_line {
    const char *start;
    size_t length;
} text_line;

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

static bool starts_with_keyword(const char *p, const char *end, const char *keyword)
{
    size_t length = strlen(keyword);
    return (size_t)(end - p) > length && memcmp(p, keyword, length) == 0 &&
           (p[length] == ' ' || p[length] == '\t' || p[length] == '"');
}

/* The character of the escape sequence at *p (just after its backslash);
 * leaves *p on its last character. */
static char unescape(const char **p, const char *end)
{
    static const char simple[] = "n\nt\tb\br\rf\fv\va\a";
    const char *s = *p + 1;
    for (size_t i = 0; i < sizeof simple - 1; i += 2) {
        if (*s == simple[i]) {
            *p = s;
            return simple[i + 1];
        }
    }
    unsigned value = 0;
    if (*s >= '0' && *s <= '7') { /* up to 3 octal digits */
        for (int n = 0; n < 3 && s < end && *s >= '0' && *s <= '7'; n++)
            value = value * 8 + (unsigned)(*s++ - '0');
    } else if (*s == 'x' && s + 1 < end && isxdigit((unsigned char)s[1])) { /* any hex digits */
        for (s++; s < end && isxdigit((unsigned char)*s); s++)
            value = value * 16 +
                    (unsigned)(isdigit((unsigned char)*s) ? *s - '0' : (*s | 0x20) - 'a' + 10);
    } else {
        *p = s; /* \\, \" and what po-lex.c rejects: the character itself */
        return *s;
    }
    *p = s - 1;
    return (char)value;
}

/* Appends the unescaped "..." string found at p (up to the closing quote or
 * the end of the line) to *buffer, escapes as po-lex.c reads them. */
static bool append_string(const char *p, const char *end, char **buffer, size_t *length,
                          size_t *capacity)
{
    p = skip_blanks(p, end);
    if (p >= end || *p != '"')
        return true;
    for (p++; p < end && *p != '"'; p++) {
        char c = *p;
        if (c == '\\' && p + 1 < end)
            c = unescape(&p, end);
        if (!array_grow((void **)buffer, *length + 1, capacity, 1))
            return false;
        (*buffer)[(*length)++] = c;
    }
    return true;
}

/* The string of the keyword on lines[*index] and its continuation lines;
 * leaves *index on the last line read. */
static char *read_po_string(const text_line *lines, size_t line_count, size_t *index,
                            const char *after_keyword)
{
    char *buffer = NULL;
    size_t length = 0, capacity = 0;
    const text_line *line = &lines[*index];
    bool ok = append_string(after_keyword, line->start + line->length, &buffer, &length, &capacity);
    while (ok && *index + 1 < line_count) {
        const text_line *next = &lines[*index + 1];
        const char *p = skip_blanks(next->start, next->start + next->length);
        if (p >= next->start + next->length || *p != '"')
            break;
        ++*index;
        ok = append_string(p, next->start + next->length, &buffer, &length, &capacity);
    }
    if (ok && array_grow((void **)&buffer, length + 1, &capacity, 1)) {
        buffer[length] = '\0';
        return buffer;
    }
    free(buffer);
    return NULL;
}

static int compare_optional(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int compare_entries(const void *a, const void *b)
{
    const entry_position *x = a, *y = b;
    int order = compare_optional(x->msgctxt, y->msgctxt);
    if (!order)
        order = strcmp(x->msgid, y->msgid);
    return order ? order : (x->line > y->line) - (x->line < y->line);
}

static void line_map_free(line_map *map)
{
    for (size_t i = 0; i < map->count; i++) {
        free(map->entries[i].msgctxt);
        free(map->entries[i].msgid);
    }
    free(map->entries);
    *map = (line_map){0};
}

/* Splits the text into lines (without their "\n"); false when out of memory. */
static bool split_lines(const char *text, size_t length, text_line **lines, size_t *count)
{
    size_t capacity = 0;
    *lines = NULL;
    *count = 0;
    const char *p = text, *end = text + length;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        if (!array_grow((void **)lines, *count, &capacity, sizeof **lines))
            return false;
        (*lines)[(*count)++] = (text_line){p, (size_t)(line_end - p)};
        p = newline ? newline + 1 : end;
    }
    return true;
}

static bool scan_entries(const text_line *lines, size_t line_count, line_map *map)
{
    char *pending_msgctxt = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < line_count; i++) {
        const char *end = lines[i].start + lines[i].length;
        const char *p = skip_blanks(lines[i].start, end);
        if (starts_with_keyword(p, end, "msgctxt")) {
            free(pending_msgctxt);
            pending_msgctxt = read_po_string(lines, line_count, &i, p + strlen("msgctxt"));
            ok = pending_msgctxt != NULL;
        } else if (starts_with_keyword(p, end, "msgid")) {
            int line = (int)(i + 1 > INT_MAX ? INT_MAX : i + 1);
            char *msgid = read_po_string(lines, line_count, &i, p + strlen("msgid"));
            ok = msgid && array_grow((void **)&map->entries, map->count, &map->capacity,
                                     sizeof *map->entries);
            if (ok) {
                map->entries[map->count++] = (entry_position){pending_msgctxt, msgid, line, false};
            } else {
                free(msgid);
                free(pending_msgctxt);
            }
            pending_msgctxt = NULL;
        } else if (starts_with_keyword(p, end, "msgstr")) {
            free(pending_msgctxt);
            pending_msgctxt = NULL;
        }
    }
    free(pending_msgctxt);
    if (map->count)
        qsort(map->entries, map->count, sizeof *map->entries, compare_entries);
    return ok;
}

/* The line of the first entry (msgctxt, msgid) not yet claimed (a second
 * entry with the same identity is a duplicate, claimed later); 0 if the
 * scan did not see it. */
static int claim_line(line_map *map, const char *msgctxt, const char *msgid, bool claim)
{
    entry_position key = {(char *)msgctxt, (char *)msgid, INT_MIN, false};
    size_t low = 0, high = map->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (compare_entries(&map->entries[middle], &key) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    for (size_t i = low; i < map->count; i++) {
        entry_position *entry = &map->entries[i];
        if (compare_optional(entry->msgctxt, msgctxt) || strcmp(entry->msgid, msgid))
            break;
        if (!entry->used || !claim) {
            entry->used = entry->used || claim;
            return entry->line;
        }
    }
    return 0;
}

/* The line of the header's "FIELD: value" string: in the msgstr that
 * follows the header's msgid (on line header_line), else header_line. */
static int header_field_line(const text_line *lines, size_t line_count, int header_line,
                             const char *field)
{
    size_t field_length = strlen(field);
    for (size_t i = header_line > 0 ? (size_t)header_line : line_count; i < line_count; i++) {
        const char *end = lines[i].start + lines[i].length;
        const char *p = skip_blanks(lines[i].start, end);
        if (starts_with_keyword(p, end, "msgstr"))
            p = skip_blanks(p + strlen("msgstr"), end);
        else if (p >= end || *p != '"')
            break; /* past the header entry */
        if ((size_t)(end - p) > field_length + 1 && memcmp(p + 1, field, field_length) == 0 &&
            p[1 + field_length] == ':')
            return (int)(i + 1 > INT_MAX ? INT_MAX : i + 1);
    }
    return header_line;
}

/* ---- libgettextpo's error callbacks ------------------------------------- */

/* The callbacks get no user pointer, and libgettextpo keeps its parser
 * state in globals anyway (po_set_read is not thread-safe for that reason):
 * the file being read is found here, only while po_file_read runs. */
typedef struct reading {
    const char *path;
    problem_list *problems;
    line_map *lines;
    jmp_buf fatal;
} reading;

static reading *current_reading;

/* po-lex.c reports an unterminated string after it has counted the newline
 * that ended it: one line too far (gettext 0.21). */
static bool reported_on_next_line(const char *text)
{
    static const char message[] = "end-of-line within string";
    return strcmp(text, message) == 0 || strcmp(text, dgettext("gettext-tools", message)) == 0;
}

/* libgettextpo's messages may be several lines ending with "\n": one line. */
static void add_library_problem(const char *text, int line, const char *suffix)
{
    char *flat = strdup(text ? text : "");
    if (flat) {
        for (char *p = flat; *p; p++)
            if (*p == '\n')
                *p = ' ';
        size_t length = strlen(flat);
        while (length > 0 && flat[length - 1] == ' ')
            flat[--length] = '\0';
    }
    problems_add(current_reading->problems, current_reading->path, line, "%s%s", flat ? flat : "?",
                 suffix);
    free(flat);
}

static int library_line(const char *filename, size_t lineno)
{
    if (!filename || lineno == (size_t)-1 || lineno > INT_MAX)
        return 0;
    return (int)lineno;
}

static void on_library_error(int severity, po_message_t message, const char *filename,
                             size_t lineno, size_t column, int multiline, const char *text)
{
    (void)message, (void)column, (void)multiline;
    if (!current_reading)
        return; /* not during po_set_read: nothing to record, nowhere to go */
    int line = library_line(filename, lineno);
    if (line > 1 && reported_on_next_line(text))
        line--;
    add_library_problem(text, line, "");
    /* The handler must not return from a fatal error (gettext-po.h): back to
     * read_with_libgettextpo, which gives up on this file.  Fatal errors are
     * read and iconv failures, which read_language has ruled out before. */
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(current_reading->fatal, 1);
}

/* Two locations: a duplicate message and its first definition, whose
 * position libgettextpo gives as the message only (line 0). */
static void on_library_error2(int severity, po_message_t message1, const char *filename1,
                              size_t lineno1, size_t column1, int multiline1, const char *text1,
                              po_message_t message2, const char *filename2, size_t lineno2,
                              size_t column2, int multiline2, const char *text2)
{
    (void)message1, (void)column1, (void)multiline1, (void)column2, (void)multiline2;
    if (!current_reading)
        return;
    int line2 = library_line(filename2, lineno2);
    if (!line2 && message2)
        line2 = claim_line(current_reading->lines, po_message_msgctxt(message2),
                           po_message_msgid(message2), false);
    char suffix[256] = "";
    if (text2 && line2 > 0)
        snprintf(suffix, sizeof suffix, " (%s: line %d)", text2, line2);
    add_library_problem(text1, library_line(filename1, lineno1), suffix);
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(current_reading->fatal, 1);
}

static const struct po_xerror_handler library_handler = {on_library_error, on_library_error2};

/* po_file_read, or NULL after a fatal error (already recorded).  On that
 * path libgettextpo's own FILE and partial catalogue are lost: it offers no
 * way to release them. */
static po_file_t read_with_libgettextpo(reading *r)
{
    if (setjmp(r->fatal) != 0) {
        current_reading = NULL;
        return NULL;
    }
    current_reading = r;
    po_file_t file = po_file_read(r->path, &library_handler);
    current_reading = NULL;
    if (!file)
        problems_add(r->problems, r->path, 0, "cannot open: %s", strerror(errno));
    return file;
}

/* po_file_free, after releasing the contexts: gettext's message_free
 * (0.21, and still in 2025) frees every string of a message but its
 * msgctxt, and po_message_set_msgctxt frees the old one. */
static void free_po_file(po_file_t file)
{
    po_message_iterator_t iterator = po_message_iterator(file, NULL);
    for (po_message_t m; (m = po_next_message(iterator));)
        po_message_set_msgctxt(m, NULL);
    po_message_iterator_free(iterator);
    po_file_free(file);
}

/* ---- plural forms ------------------------------------------------------- */

enum { MAX_PLURAL_CATEGORIES = 6 }; /* zero one two few many other */

typedef struct plural_categories {
    char names[MAX_PLURAL_CATEGORIES][8];
    bool reached[MAX_PLURAL_CATEGORIES];
    int count;
} plural_categories;

static void reach_category(const UPluralRules *rules, double n, plural_categories *categories,
                           UErrorCode *status)
{
    UChar keyword[8];
    int32_t length = uplrules_select(rules, n, keyword, 8, status);
    char name[8] = "";
    for (int32_t i = 0; i < length && i < 7; i++)
        name[i] = (char)keyword[i];
    for (int k = 0; k < categories->count; k++)
        if (strcmp(categories->names[k], name) == 0)
            categories->reached[k] = true;
}

/* How many plural forms CLDR (through ICU) gives `language` for the whole
 * numbers a kiosk counts, which are all gettext's n can be: categories
 * reached only by decimals (Ukrainian and Russian "other") are no msgstr[]
 * of a PO file, and neither are categories reached only by whole millions
 * (French and Italian "many", "1 milione di"), which gettext's own tables,
 * msginit and every translation tool leave out (nplurals=2 for French).
 * CLDR's integer rules look at the last digits (mod 10, 100, 1000), so
 * 0..1099 and d×10^k below a million reach every other category.  0 when
 * ICU does not know the language. */
static int cldr_plural_count(const char *language)
{
    char locale[ULOC_FULLNAME_CAPACITY];
    snprintf(locale, sizeof locale, "%s", language);
    locale[strcspn(locale, "@")] = '\0'; /* sr@latin: a gettext modifier, not ICU's */
    if (!uloc_getISO3Language(locale)[0])
        return 0; /* ICU would answer with the root rules: "other" only */
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    UEnumeration *keywords = uplrules_getKeywords(rules, &status);
    plural_categories categories = {.count = keywords ? uenum_count(keywords, &status) : 0};
    if (categories.count > MAX_PLURAL_CATEGORIES)
        categories.count = 0;
    for (int k = 0; U_SUCCESS(status) && k < categories.count; k++) {
        const char *name = uenum_next(keywords, NULL, &status);
        snprintf(categories.names[k], sizeof categories.names[k], "%s", name ? name : "");
    }
    for (int n = 0; U_SUCCESS(status) && n < 1100; n++)
        reach_category(rules, n, &categories, &status);
    for (double power = 1e3; U_SUCCESS(status) && power < 1e6; power *= 10)
        for (int digit = 1; digit <= 9; digit++)
            reach_category(rules, digit * power, &categories, &status);
    int count = 0;
    for (int k = 0; k < categories.count; k++)
        count += categories.reached[k];
    uenum_close(keywords);
    uplrules_close(rules);
    return U_SUCCESS(status) ? count : 0;
}

/* nplurals=N of a Plural-Forms value, or -1. */
static int parse_nplurals(const char *value)
{
    const char *p = strstr(value, "nplurals");
    if (!p)
        return -1;
    p += strlen("nplurals");
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p++ != '=')
        return -1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    long n = strtol(p, NULL, 10);
    return n > 0 && n < 100 ? (int)n : -1;
}

/* ---- reading one language ----------------------------------------------- */

static void trim(char *s)
{
    size_t start = strspn(s, " \t"), length = strlen(s);
    while (length > start && (s[length - 1] == ' ' || s[length - 1] == '\t'))
        length--;
    memmove(s, s + start, length - start);
    s[length - start] = '\0';
}

/* The Plural-Forms value `file` (assets/plural-forms.txt: "CODE<TAB>value"
 * lines, '#' comments) gives `language`; false without one. */
static bool expected_plural_forms(const char *file, const char *language, char *value, size_t size)
{
    FILE *in = file ? fopen(file, "r") : NULL;
    if (!in)
        return false;
    char line[512];
    bool found = false;
    size_t code_length = strlen(language);
    while (!found && fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, language, code_length) == 0 && line[code_length] == '\t') {
            snprintf(value, size, "%s", line + code_length + 1);
            trim(value);
            found = value[0] != '\0';
        }
    }
    fclose(in);
    return found;
}

typedef struct header_facts {
    int nplurals; /* from Plural-Forms, -1 without */
} header_facts;

/* Review status, charset and plural forms from the header entry. */
static bool read_header(po_language *language, const char *header, const text_line *lines,
                        size_t line_count, int header_line, const char *plural_forms,
                        problem_list *problems, header_facts *facts)
{
    facts->nplurals = -1;
    const char *review = "unknown";
    char *value = po_header_field(header, "X-Sportello-Review");
    if (value) {
        trim(value);
        if (strcmp(value, "draft") == 0 || strcmp(value, "reviewed") == 0)
            review = value;
        else
            problems_add(problems, language->path,
                         header_field_line(lines, line_count, header_line, "X-Sportello-Review"),
                         "X-Sportello-Review is \"%s\": it must be \"draft\" or \"reviewed\"",
                         value);
    }
    language->review = strdup(review);
    free(value);
    if (!language->review)
        return false;

    value = po_header_field(header, "Content-Type");
    const char *charset = value ? strstr(value, "charset=") : NULL;
    if (charset) {
        charset += strlen("charset=");
        size_t length = strcspn(charset, " ;\t");
        if (!(length == 5 && strncasecmp(charset, "UTF-8", 5) == 0) &&
            !(length == 7 && strncasecmp(charset, "CHARSET", 7) == 0)) /* libgettextpo warns */
            problems_add(problems, language->path,
                         header_field_line(lines, line_count, header_line, "Content-Type"),
                         "charset %.*s: sportello-content PO files are UTF-8", (int)length,
                         charset);
    }
    free(value);

    value = po_header_field(header, "Plural-Forms");
    char expected[512];
    bool known = expected_plural_forms(plural_forms, language->language, expected, sizeof expected);
    int cldr = cldr_plural_count(language->language);
    if (value) {
        int line = header_field_line(lines, line_count, header_line, "Plural-Forms");
        facts->nplurals = parse_nplurals(value);
        if (facts->nplurals < 0)
            problems_add(problems, language->path, line, "Plural-Forms without nplurals=N: \"%s\"",
                         value);
        else if (cldr > 0 && facts->nplurals != cldr)
            problems_add(problems, language->path, line,
                         "Plural-Forms has nplurals=%d but CLDR gives %s %d plural forms for "
                         "whole numbers%s%s%s",
                         facts->nplurals, language->language, cldr,
                         known ? ": write \"Plural-Forms: " : "", known ? expected : "",
                         known ? "\" (assets/plural-forms.txt)" : "");
    } else if (known) {
        problems_add(problems, language->path, header_line,
                     "the header has no Plural-Forms: add \"Plural-Forms: %s\" "
                     "(assets/plural-forms.txt)",
                     expected);
    } else {
        problems_add(problems, language->path, header_line,
                     "the header has no Plural-Forms: add \"Plural-Forms: nplurals=%d; "
                     "plural=...;\" for %s (as msginit writes it)",
                     cldr > 0 ? cldr : 2, language->language);
    }
    free(value);
    return true;
}

static int compare_by_key_then_line(const void *a, const void *b)
{
    const translation *x = a, *y = b;
    int order = strcmp(x->key, y->key);
    return order ? order : (x->line > y->line) - (x->line < y->line);
}

static void translation_free(translation *t)
{
    free(t->key);
    free(t->source);
    free(t->text);
}

/* An article's block: msgctxt "article:ID" or "article:ID#N", told apart
 * from "article:ID:title" by having no second ':' (ids have none). */
static bool is_article_block_context(const char *msgctxt)
{
    return msgctxt && strncmp(msgctxt, "article:", 8) == 0 && msgctxt[8] &&
           !strchr(msgctxt + 8, ':');
}

/* "msgctxt\004msgid" (malloc'd), as gettext keys a message with a context. */
static char *context_key(const char *msgctxt, const char *msgid)
{
    size_t n = (msgctxt ? strlen(msgctxt) + 1 : 0) + strlen(msgid) + 1;
    char *key = malloc(n);
    if (key)
        snprintf(key, n, "%s%s%s", msgctxt ? msgctxt : "", msgctxt ? "\004" : "", msgid);
    return key;
}

/* ---- bidi embeddings and overrides --------------------------------------- */

/* LRE RLE PDF LRO RLO show a text in another order than it is stored: a
 * balanced "\u202E211\u202C" reads "112" on screen.  A translation keeps
 * numbers and names in order with isolates (LRI ... PDI), which the checks
 * below want balanced. */
static void report_embedding(const po_language *language, int line, int32_t c, const char *how,
                             problem_list *problems)
{
    char name[128];
    fact_describe(c, name, sizeof name);
    problems_add(problems, language->path, line,
                 "%s%s is not allowed in PO files: it shows a text in another order than it is "
                 "stored (\"112\" would read \"211\"); keep a number or a name in order with "
                 "an isolate, U+2066 ... U+2069, or with nothing",
                 name, how);
}

/* The first embedding or override of each line of the file that has one,
 * written as such (comments and obsolete entries included); true when
 * there was one. */
static bool check_embedding_bytes(const po_language *language, const char *text, size_t length,
                                  problem_list *problems)
{
    bool found = false;
    int line = 1, reported_line = 0;
    int32_t end = clamp_length(length);
    for (int32_t i = 0; i < end;) {
        UChar32 c = next_code_point(text, &i, end);
        if (c == '\n') {
            line++;
        } else if (fact_is_bidi_embedding(c) && line != reported_line) {
            report_embedding(language, line, c, "", problems);
            reported_line = line;
            found = true;
        }
    }
    return found;
}

/* An embedding that only an escape of a string made ("\342\200\256"), in
 * a file without one written as such (so that none is reported twice). */
static void check_decoded_embedding(const po_language *language, int line, const char *text,
                                    problem_list *problems)
{
    int32_t end = clamp_length(text ? strlen(text) : 0);
    for (int32_t i = 0; i < end;) {
        UChar32 c = next_code_point(text, &i, end);
        if (fact_is_bidi_embedding(c)) {
            report_embedding(language, line, c, " (written as an escape)", problems);
            return;
        }
    }
}

static void check_message_embeddings(const po_language *language, po_message_t message, int line,
                                     problem_list *problems)
{
    check_decoded_embedding(language, line, po_message_msgctxt(message), problems);
    check_decoded_embedding(language, line, po_message_msgid(message), problems);
    check_decoded_embedding(language, line, po_message_msgid_plural(message), problems);
    check_decoded_embedding(language, line, po_message_msgstr(message), problems);
    for (int n = 0; po_message_msgid_plural(message) && po_message_msgstr_plural(message, n); n++)
        check_decoded_embedding(language, line, po_message_msgstr_plural(message, n), problems);
}

/* One message into language->translations; false when out of memory. */
static bool add_message(po_language *language, size_t *capacity, po_message_t message, int line,
                        const header_facts *facts, problem_list *problems)
{
    const char *msgctxt = po_message_msgctxt(message);
    const char *msgid = po_message_msgid(message);
    char *gettext_key = NULL;
    if (language->ui_domain || is_article_block_context(msgctxt)) {
        /* The kiosk's own words: keyed as gettext keys them, the msgid, or
         * "context\004msgid" when a context tells two uses apart.  So is
         * an article's block: its text is its identity (docs/catalog.md). */
        if (!(gettext_key = context_key(msgctxt, msgid)))
            return false;
        msgctxt = gettext_key;
    } else if (!msgctxt || !msgctxt[0]) {
        problems_add(problems, language->path, line,
                     "message without msgctxt: every message of sportello-content is identified "
                     "by its context, e.g. service:ID:name (docs/catalog.md)");
        return true;
    }
    const char *text = po_message_msgstr(message);
    bool complete = text && text[0];
    if (po_message_msgid_plural(message)) {
        int forms = 0;
        for (const char *form; (form = po_message_msgstr_plural(message, forms)); forms++)
            complete = (forms == 0 || complete) && form[0];
        int expected =
            facts->nplurals > 0 ? facts->nplurals : cldr_plural_count(language->language);
        if (expected > 0 && forms != expected)
            problems_add(problems, language->path, line,
                         "%d plural forms (msgstr[N]) but the language has %d", forms, expected);
        text = po_message_msgstr_plural(message, 0);
        complete = complete && text;
    }
    translation t = {
        .key = gettext_key ? gettext_key : strdup(msgctxt),
        .source = strdup(msgid),
        .text = strdup(complete ? text : ""),
        .status = !complete                      ? TRANSLATION_UNTRANSLATED
                  : po_message_is_fuzzy(message) ? TRANSLATION_FUZZY
                                                 : TRANSLATION_TRANSLATED,
        .line = line,
    };
    if (!t.key || !t.source || !t.text ||
        !array_grow((void **)&language->translations, language->count, capacity,
                    sizeof *language->translations)) {
        translation_free(&t);
        return false;
    }
    language->translations[language->count++] = t;
    return true;
}

/* Sorts by key for po_find; a second message with a known key (msgctxt; an
 * article's block: msgctxt and msgid) is a
 * problem and dropped, so that po_find answers the first one. */
static void sort_and_drop_duplicates(po_language *language, problem_list *problems)
{
    if (language->count > 1)
        qsort(language->translations, language->count, sizeof *language->translations,
              compare_by_key_then_line);
    size_t kept = 0;
    for (size_t i = 0; i < language->count; i++) {
        translation *t = &language->translations[i];
        if (kept > 0 && strcmp(language->translations[kept - 1].key, t->key) == 0) {
            /* (An article's block with the same msgctxt and msgid is
             * libgettextpo's "duplicate message definition".) */
            problems_add(problems, language->path, t->line,
                         "duplicate msgctxt \"%s\" (first at line %d)", t->key,
                         language->translations[kept - 1].line);
            translation_free(t);
            continue;
        }
        language->translations[kept++] = *t;
    }
    language->count = kept;
}

static bool is_blank_text(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (!strchr(" \t\r\n", text[i]))
            return false;
    return true;
}

static bool read_messages(po_language *language, po_file_t file, line_map *map,
                          const text_line *lines, size_t line_count, const char *plural_forms,
                          bool literal_embeddings, problem_list *problems)
{
    const char *const *domains = po_file_domains(file);
    for (size_t d = 0; domains && domains[d]; d++)
        if (strcmp(domains[d], "messages") != 0)
            problems_add(problems, language->path, 0,
                         "domain \"%s\": a sportello-content PO file has no domain directive",
                         domains[d]);

    /* The header entry first: Plural-Forms is needed to check messages.
     * (po_file_domain_header would return a copy to free behind a const.) */
    po_message_iterator_t iterator = po_message_iterator(file, NULL);
    const char *header = NULL;
    for (po_message_t m; (m = po_next_message(iterator));)
        if (!po_message_is_obsolete(m) && !po_message_msgctxt(m) && !po_message_msgid(m)[0])
            header = po_message_msgstr(m);
    po_message_iterator_free(iterator);

    header_facts facts = {-1};
    if (header) {
        int header_line = claim_line(map, NULL, "", true);
        if (!read_header(language, header, lines, line_count, header_line, plural_forms, problems,
                         &facts))
            return false;
    } else {
        problems_add(problems, language->path, 1,
                     "no header entry (msgid \"\"): its charset, Plural-Forms and "
                     "X-Sportello-Review are missing");
    }

    size_t capacity = 0;
    bool ok = true;
    iterator = po_message_iterator(file, NULL);
    for (po_message_t m; ok && (m = po_next_message(iterator));) {
        if (po_message_is_obsolete(m) || (!po_message_msgctxt(m) && !po_message_msgid(m)[0]))
            continue;
        int line = claim_line(map, po_message_msgctxt(m), po_message_msgid(m), true);
        if (!literal_embeddings)
            check_message_embeddings(language, m, line, problems);
        ok = add_message(language, &capacity, m, line, &facts, problems);
    }
    po_message_iterator_free(iterator);
    if (ok)
        sort_and_drop_duplicates(language, problems);
    return ok;
}

/* ---- the file's encoding, before libgettextpo sees it ------------------- */

/* A PO file saved by a Windows editor in the wrong encoding makes
 * libgettextpo report every line, or read mojibake without a word: one
 * line naming the encoding and how to convert it instead. */
static const char utf8_advice[] =
    "save it as UTF-8 without BOM (a text editor's Save As, encoding \"UTF-8\")";

/* "little endian", "big endian", or NULL: a byte order mark, else the NUL
 * bytes of the ASCII text (the header is ASCII) on one side of the pairs. */
static const char *utf16_order(const unsigned char *text, size_t length)
{
    if (length >= 2 && text[0] == 0xFF && text[1] == 0xFE)
        return "little endian";
    if (length >= 2 && text[0] == 0xFE && text[1] == 0xFF)
        return "big endian";
    size_t pairs = length < 1024 ? length / 2 : 512, even = 0, odd = 0;
    for (size_t i = 0; i < pairs; i++) {
        even += text[2 * i] == 0;
        odd += text[2 * i + 1] == 0;
    }
    if (pairs >= 2 && odd * 4 >= pairs && even == 0)
        return "little endian";
    if (pairs >= 2 && even * 4 >= pairs && odd == 0)
        return "big endian";
    return NULL;
}

/* The offset of the first byte that is not well-formed UTF-8, or -1. */
static int64_t first_invalid_utf8(const char *text, size_t length)
{
    int32_t end = clamp_length(length);
    for (int32_t i = 0; i < end;) {
        int32_t at = i;
        if (next_code_point(text, &i, end) < 0)
            return at;
    }
    return -1;
}

/* Reports a file that libgettextpo must not read; true when it did. */
static bool wrong_encoding(const po_language *language, const char *text, size_t length,
                           problem_list *problems)
{
    const unsigned char *bytes = (const unsigned char *)text;
    const char *order = utf16_order(bytes, length);
    if (order) {
        /* iconv's "UTF-16" reads and drops the byte order mark */
        bool mark =
            (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF);
        problems_add(problems, language->path, 1,
                     "the file is UTF-16 (%s%s); %s, or: iconv -f UTF-16%s -t UTF-8", order,
                     mark ? ", with BOM" : "", utf8_advice,
                     mark              ? ""
                     : order[0] == 'l' ? "LE"
                                       : "BE");
        return true;
    }
    if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        problems_add(problems, language->path, 1,
                     "the file is UTF-8 with a byte order mark (BOM); %s, not \"UTF-8 with BOM\"",
                     utf8_advice);
        return true;
    }
    int64_t bad = first_invalid_utf8(text, length);
    if (bad < 0)
        return false;
    int line = 1;
    for (int64_t i = 0; i < bad && line < INT_MAX; i++)
        line += text[i] == '\n';
    problems_add(problems, language->path, line,
                 "the file is not UTF-8 (byte 0x%02X here: Windows-1252 or ISO-8859-1?); "
                 "convert it: iconv -f WINDOWS-1252 -t UTF-8, or %s",
                 bytes[bad], utf8_advice);
    return true;
}

/* Fills `language` from po_dir/name; false only when out of memory. */
static bool read_language(po_language *language, const char *po_dir, const char *name,
                          const char *plural_forms, problem_list *problems)
{
    size_t name_length = strlen(name), dir_length = strlen(po_dir);
    language->language = copy_range(name, name_length - strlen(".po"));
    language->path = malloc(dir_length + 1 + name_length + 1);
    if (!language->language || !language->path)
        return false;
    snprintf(language->path, dir_length + 1 + name_length + 1, "%s/%s", po_dir, name);

    /* Read the text first: it is needed for the lines anyway, and a file
     * that cannot be read is reported here rather than by a fatal error
     * inside libgettextpo. */
    struct stat info;
    char *text = NULL;
    size_t length = 0;
    if (stat(language->path, &info) != 0)
        problems_add(problems, language->path, 0, "cannot read: %s", strerror(errno));
    else if (!S_ISREG(info.st_mode))
        problems_add(problems, language->path, 0, "not a regular file");
    else if (!(text = file_read_all(language->path, &length))) {
        if (errno == ENOMEM)
            return false;
        problems_add(problems, language->path, 0, "cannot read: %s", strerror(errno));
    } else if (is_blank_text(text, length))
        problems_add(problems, language->path, 0,
                     "empty file: a PO file needs its header entry and the messages of "
                     "sportello-content (run the content-po-update target)");
    if (!text || is_blank_text(text, length) || wrong_encoding(language, text, length, problems)) {
        free(text);
        language->review = strdup("unknown");
        return language->review != NULL;
    }

    bool literal_embeddings = check_embedding_bytes(language, text, length, problems);
    text_line *lines = NULL;
    size_t line_count = 0;
    line_map map = {0};
    bool ok =
        split_lines(text, length, &lines, &line_count) && scan_entries(lines, line_count, &map);
    if (ok) {
        reading r = {.path = language->path, .problems = problems, .lines = &map};
        po_file_t file = read_with_libgettextpo(&r);
        if (file) {
            ok = read_messages(language, file, &map, lines, line_count, plural_forms,
                               literal_embeddings, problems);
            free_po_file(file);
        }
    }
    if (ok && !language->review)
        language->review = strdup("unknown");
    ok = ok && language->review;
    line_map_free(&map);
    free(lines);
    free(text);
    return ok;
}

/* ---- the set ------------------------------------------------------------ */

/* The *.po names of po_dir, sorted (hidden files, e.g. editor locks, are
 * skipped); false only when out of memory. */
static bool list_po_files(const char *po_dir, problem_list *problems, char ***names, size_t *count)
{
    *names = folder_names(po_dir, ".po", count);
    if (*names)
        return true;
    if (errno == ENOMEM)
        return false;
    problems_add(problems, po_dir, 0, "cannot open the PO directory: %s", strerror(errno));
    return true;
}

static po_set *read_set(const char *po_dir, bool ui_domain, const char *plural_forms,
                        problem_list *problems)
{
    po_set *set = calloc(1, sizeof *set);
    char **names;
    size_t name_count;
    if (!set || !list_po_files(po_dir, problems, &names, &name_count)) {
        free(set);
        return NULL;
    }
    bool ok = name_count == 0 || (set->languages = calloc(name_count, sizeof *set->languages));
    for (size_t i = 0; ok && i < name_count; i++) {
        set->languages[i].ui_domain = ui_domain;
        ok = read_language(&set->languages[i], po_dir, names[i], plural_forms, problems);
        set->count = i + 1; /* freed below even when partly filled */
        progress_languages(i + 1, name_count);
    }
    folder_names_free(names, name_count);
    if (!ok) {
        po_set_free(set);
        return NULL;
    }
    return set;
}

po_set *po_set_read(const char *po_dir, problem_list *problems)
{
    return read_set(po_dir, false, NULL, problems);
}

po_set *po_set_read_with(const char *po_dir, const char *plural_forms, problem_list *problems)
{
    return read_set(po_dir, false, plural_forms, problems);
}

po_set *po_set_read_ui(const char *po_dir, const char *plural_forms, problem_list *problems)
{
    return read_set(po_dir, true, plural_forms, problems);
}

void po_set_free(po_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++) {
        po_language *language = &set->languages[i];
        for (size_t t = 0; t < language->count; t++)
            translation_free(&language->translations[t]);
        free(language->translations);
        free(language->language);
        free(language->path);
        free(language->review);
    }
    free(set->languages);
    free(set);
}

const translation *po_find(const po_language *language, const char *key)
{
    size_t low = 0, high = language ? language->count : 0;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(language->translations[middle].key, key);
        if (order == 0)
            return &language->translations[middle];
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

/* ---- checks ------------------------------------------------------------- */

/* A piece of a message that must come through translation unchanged. */
typedef struct token {
    const char *start; /* in the message */
    size_t length;
    char key[64];            /* numbers: as compared (find_numbers) */
    char ascii[64];          /* numbers: the digits as ASCII, for the hint below */
    bool long_key;           /* numbers: too long for key, compared as written */
    const char *digit_names; /* numbers: which non-ASCII digits, or NULL */
    int32_t invisible;       /* numbers: an invisible character inside, or 0 */
    bool used;
} token;

typedef struct token_list {
    token *items;
    size_t count, capacity;
} token_list;

static bool add_token(token_list *list, const char *start, size_t length)
{
    if (!array_grow((void **)&list->items, list->count, &list->capacity, sizeof *list->items))
        return false;
    list->items[list->count++] = (token){.start = start, .length = length};
    return true;
}

static bool same_token(const token *a, const token *b)
{
    if (a->key[0] && b->key[0] && !a->long_key && !b->long_key)
        return strcmp(a->key, b->key) == 0;
    return a->length == b->length && memcmp(a->start, b->start, a->length) == 0;
}

/* %s %d %5.2f %1$s %% (not a placeholder), and {name}.  A space flag is not
 * accepted: "50% di sconto" is Italian, not "% d". */
static size_t printf_placeholder_length(const char *s)
{
    const char *p = s + 1;
    if (*p == '%')
        return 0;
    const char *digits = p;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p > digits && *p == '$')
        p++;
    else
        p = digits;
    while (*p && strchr("-+#0'", *p))
        p++;
    if (*p == '*')
        p++;
    else
        while (*p >= '0' && *p <= '9')
            p++;
    if (*p == '.') {
        p++;
        if (*p == '*')
            p++;
        else
            while (*p >= '0' && *p <= '9')
                p++;
    }
    if ((p[0] == 'h' && p[1] == 'h') || (p[0] == 'l' && p[1] == 'l'))
        p += 2;
    else if (*p && strchr("hljztL", *p))
        p++;
    return *p && strchr("diouxXeEfFgGaAcspn", *p) ? (size_t)(p + 1 - s) : 0;
}

static bool find_placeholders(const char *s, token_list *list)
{
    for (const char *p = s; *p; p++) {
        size_t length = 0;
        if (*p == '%') {
            if (p[1] == '%') {
                p++;
                continue;
            }
            length = printf_placeholder_length(p);
        } else if (*p == '{') {
            const char *q = p + 1;
            while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                   (*q >= '0' && *q <= '9') || *q == '_')
                q++;
            if (q > p + 1 && *q == '}')
                length = (size_t)(q + 1 - p);
        }
        if (length) {
            if (!add_token(list, p, length))
                return false;
            p += length - 1;
        }
    }
    return true;
}

static bool is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* URLs (http://, https://, www.) end at white space, a quote, <>, or any
 * non-ASCII character; trailing punctuation is the sentence's. */
static bool find_urls(char *s, token_list *list)
{
    for (char *p = s; *p; p++) {
        bool scheme = strncasecmp(p, "http://", 7) == 0 || strncasecmp(p, "https://", 8) == 0;
        bool www = strncasecmp(p, "www.", 4) == 0 && (p == s || !is_ascii_alnum(p[-1]));
        if (!scheme && !www)
            continue;
        char *end = p;
        while ((unsigned char)*end > ' ' && (unsigned char)*end < 0x7f && !strchr("\"<>", *end))
            end++;
        while (end > p && strchr(".,;:!?)]}'", end[-1]))
            end--;
        if (!add_token(list, p, (size_t)(end - p)))
            return false;
        p = end - 1;
    }
    return true;
}

static bool find_emails(const char *s, token_list *list)
{
    for (const char *at = strchr(s, '@'); at; at = strchr(at + 1, '@')) {
        const char *start = at, *end = at + 1;
        while (start > s && (is_ascii_alnum(start[-1]) || strchr("._%+-", start[-1])))
            start--;
        while (is_ascii_alnum(*end) || (*end && strchr(".-", *end)))
            end++;
        while (end > at + 1 && strchr(".-", end[-1]))
            end--;
        const char *dot = memchr(at + 1, '.', (size_t)(end - at - 1));
        if (start < at && dot && dot > at + 1 && !add_token(list, start, (size_t)(end - start)))
            return false;
    }
    return true;
}

/* Which digits a number is written with, for the problem message. */
static const char *digit_names(UChar32 c)
{
    if (c >= 0x0660 && c <= 0x0669)
        return "Arabic-Indic digits";
    if (c >= 0x06F0 && c <= 0x06F9)
        return "Persian (extended Arabic-Indic) digits";
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    return U_SUCCESS(status) ? uscript_getName(script) : "non-ASCII digits";
}

static bool is_digit(UChar32 c)
{
    return c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER;
}

/* Spaces that group the digits of a long number ("800 290 290"): a
 * translation may group them otherwise, or not at all. */
static bool is_grouping_space(UChar32 c)
{
    return c == ' ' || c == 0x00A0 || c == 0x202F; /* NO-BREAK, NARROW NO-BREAK SPACE */
}

/* Hyphens before a suffix: a translator may keep "603-bis" on one line. */
static bool is_hyphen(UChar32 c)
{
    return c == '-' || c == 0x2010 || c == 0x2011; /* HYPHEN, NON-BREAKING HYPHEN */
}

static bool is_ascii_letter(UChar32 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A number as compared: `key` holds its digits as written (a phone number
 * in Arabic-Indic digits is not the number of the source) and `ascii`
 * their values, both without grouping spaces; a number too long for them
 * is compared as written. */
typedef struct number_form {
    size_t key_length, ascii_length;
} number_form;

static void append_byte(char *buffer, size_t size, size_t *length, char c, bool *overflow)
{
    if (*length + 1 >= size)
        *overflow = true;
    else
        buffer[(*length)++] = c;
}

static void append_to_number(token *number, number_form *form, const char *bytes, size_t count,
                             char ascii)
{
    for (size_t i = 0; i < count; i++)
        append_byte(number->key, sizeof number->key, &form->key_length, bytes[i],
                    &number->long_key);
    append_byte(number->ascii, sizeof number->ascii, &form->ascii_length, ascii, &number->long_key);
}

/* The end of the "-bis" ("-ter", "-quater"...) suffix of a number ending
 * at `at`, or `at` when there is none. */
static int32_t suffix_end(const char *s, int32_t at, int32_t length)
{
    int32_t i = at;
    if (i >= length || !is_hyphen(next_code_point(s, &i, length)))
        return at;
    int32_t end = i;
    for (int32_t j = i; j < length && is_ascii_letter(next_code_point(s, &j, length));)
        end = j;
    return end > i ? end : at;
}

/* Reads the number starting at s[start] into `number` (see find_numbers);
 * returns where it ends. */
static int32_t read_number(const char *s, int32_t start, int32_t length, token *number)
{
    number_form form = {0};
    int32_t end = start;
    for (int32_t j = start; j < length;) {
        int32_t at = j;
        UChar32 d = next_code_point(s, &j, length);
        if (is_digit(d)) {
            if (d > 0x7f && !number->digit_names)
                number->digit_names = digit_names(d);
            append_to_number(number, &form, s + at, (size_t)(j - at),
                             (char)('0' + u_charDigitValue(d)));
            end = j;
            continue;
        }
        /* a separator only between two digits */
        int32_t after = j;
        bool between = j < length && is_digit(next_code_point(s, &after, length));
        bool kept = d == '.' || d == '/' || d == 0x066B; /* U+066B: Arabic decimal separator */
        /* an invisible character between two digits is kept in the key, so
         * the number differs from the source's, and named (compare_tokens) */
        bool hidden = fact_is_invisible(d) && !fact_is_bidi_isolate(d);
        if (!between || !(kept || hidden || is_grouping_space(d)))
            break;
        if (hidden) {
            if (!number->invisible)
                number->invisible = d;
            for (int32_t k = at; k < j; k++)
                append_byte(number->key, sizeof number->key, &form.key_length, s[k],
                            &number->long_key);
            continue;
        }
        if (kept)
            append_to_number(number, &form, d == 0x066B ? "." : s + at, 1,
                             d == 0x066B ? '.' : (char)d);
    }
    int32_t suffix = suffix_end(s, end, length);
    if (suffix > end) { /* any hyphen is "-" */
        int32_t letters = end;
        next_code_point(s, &letters, length);
        append_to_number(number, &form, "-", 1, '-');
        for (int32_t k = letters; k < suffix; k++)
            append_to_number(number, &form, s + k, 1, s[k]);
    }
    number->key[form.key_length] = '\0';
    number->ascii[form.ascii_length] = '\0';
    return suffix;
}

/* Numbers, every one whatever its length, of any script: digit groups
 * joined by one grouping space ("800 290 290", compared without the
 * spaces), or by a dot or slash ("9.00", "286/1998"), and a suffix of
 * letters after a hyphen ("603-bis", "12-quater").  "art. 35" and "comma 4"
 * are 35 and 4: "art." and "comma" are words, translated.  `masked` is the
 * message with URLs and e-mail addresses blanked, so that their digits are
 * theirs; tokens point into `original`. */
static bool find_numbers(const char *masked, const char *original, token_list *list)
{
    int32_t length = clamp_length(strlen(masked));
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        if (!is_digit(next_code_point(masked, &i, length)))
            continue;
        token number = {.start = original + start};
        i = read_number(masked, start, length, &number);
        number.length = (size_t)(i - start);
        if (!array_grow((void **)&list->items, list->count, &list->capacity, sizeof *list->items))
            return false;
        list->items[list->count++] = number;
    }
    return true;
}

/* Whether s[from..to) is " WORD su ", WORD one or more letters. */
static bool is_word_su(const char *s, int32_t from, int32_t to)
{
    if (to - from < 6 || s[from] != ' ' || memcmp(s + to - 4, " su ", 4) != 0)
        return false;
    int32_t i = from + 1, end = to - 4;
    while (i < end)
        if (!u_isalpha(next_code_point(s, &i, end)))
            return false;
    return true;
}

/* "24 ore su 24", "7 giorni su 7": Italian says "round the clock" with
 * the number twice, other languages once ("24 hours a day", "24小时"); the
 * second number of the idiom is dropped from the source's numbers. */
static void drop_repeated_in_idiom(const char *source, token_list *numbers)
{
    size_t kept = 0;
    for (size_t i = 0; i < numbers->count; i++) {
        const token *previous = kept ? &numbers->items[kept - 1] : NULL;
        const token *number = &numbers->items[i];
        if (previous && same_token(previous, number) &&
            is_word_su(source, (int32_t)(previous->start + previous->length - source),
                       (int32_t)(number->start - source)))
            continue;
        numbers->items[kept++] = *number;
    }
    numbers->count = kept;
}

static void mask_tokens(char *masked, const char *original, const token_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        memset(masked + (list->items[i].start - original), '#', list->items[i].length);
}

/* Every token of every kind, for one message. */
typedef struct message_tokens {
    token_list placeholders, urls, emails, numbers;
    char *masked;
} message_tokens;

static void message_tokens_free(message_tokens *tokens)
{
    free(tokens->placeholders.items);
    free(tokens->urls.items);
    free(tokens->emails.items);
    free(tokens->numbers.items);
    free(tokens->masked);
}

static bool find_tokens(const char *s, message_tokens *tokens)
{
    *tokens = (message_tokens){0};
    tokens->masked = strdup(s);
    if (!tokens->masked || !find_placeholders(s, &tokens->placeholders) ||
        !find_urls(tokens->masked, &tokens->urls))
        return false;
    /* the tokens of find_urls point into `masked`: rebase them on s */
    for (size_t i = 0; i < tokens->urls.count; i++)
        tokens->urls.items[i].start = s + (tokens->urls.items[i].start - tokens->masked);
    mask_tokens(tokens->masked, s, &tokens->urls);
    if (!find_emails(tokens->masked, &tokens->emails))
        return false;
    for (size_t i = 0; i < tokens->emails.count; i++)
        tokens->emails.items[i].start = s + (tokens->emails.items[i].start - tokens->masked);
    mask_tokens(tokens->masked, s, &tokens->emails);
    return find_numbers(tokens->masked, s, &tokens->numbers);
}

/* Each token of `source` must be in `translation` as many times.  With
 * `extra`, tokens of the translation not in the source are reported too
 * (a placeholder the program does not fill). */
static void compare_tokens(const po_language *language, const translation *t, token_list *source,
                           token_list *target, const char *what, bool extra, problem_list *problems)
{
    for (size_t i = 0; i < source->count; i++) {
        token *wanted = &source->items[i];
        for (size_t j = 0; j < target->count && !wanted->used; j++)
            if (!target->items[j].used && same_token(wanted, &target->items[j]))
                wanted->used = target->items[j].used = true;
    }
    for (size_t i = 0; i < source->count; i++) {
        token *wanted = &source->items[i];
        if (wanted->used)
            continue;
        token *hint = NULL;
        for (size_t j = 0; j < target->count && !hint; j++)
            if (!target->items[j].used &&
                (target->items[j].digit_names || target->items[j].invisible) &&
                strcmp(target->items[j].ascii, wanted->ascii) == 0)
                hint = &target->items[j];
        if (hint && hint->invisible) {
            char name[128], quoted[256];
            fact_describe(hint->invisible, name, sizeof name);
            char piece[128];
            snprintf(piece, sizeof piece, "%.*s", (int)hint->length, hint->start);
            fact_quote(piece, 120, quoted, sizeof quoted);
            hint->used = true;
            problems_add(problems, language->path, t->line,
                         "%s \"%.*s\" has the invisible character %s inside it (\"%s\"): "
                         "remove it, a phone number must be dialable as written",
                         what, (int)wanted->length, wanted->start, name, quoted);
        } else if (hint) {
            hint->used = true;
            problems_add(problems, language->path, t->line,
                         "%s \"%.*s\" written with %s (\"%.*s\"): keep the ASCII digits "
                         "0-9, a phone number must be dialable as written",
                         what, (int)wanted->length, wanted->start, hint->digit_names,
                         (int)hint->length, hint->start);
        } else {
            problems_add(problems, language->path, t->line,
                         "%s \"%.*s\" of the source is missing or changed", what,
                         (int)wanted->length, wanted->start);
        }
    }
    for (size_t j = 0; extra && j < target->count; j++)
        if (!target->items[j].used)
            problems_add(problems, language->path, t->line, "%s \"%.*s\" is not in the source",
                         what, (int)target->items[j].length, target->items[j].start);
}

/* The kiosk's English "Open 24 hours a day" is said without a number in
 * many languages ("non-stop", "цілодобово"): there its 24 may go. */
static void drop_round_the_clock(const char *source, token_list *numbers)
{
    size_t kept = 0;
    for (size_t i = 0; i < numbers->count; i++) {
        const token *number = &numbers->items[i];
        const char *after = number->start + number->length;
        if (number->length == 2 && strncmp(number->start, "24", 2) == 0 &&
            strncmp(after, " hours a day", 12) == 0 && after - source >= 2)
            continue;
        numbers->items[kept++] = *number;
    }
    numbers->count = kept;
}

static bool check_tokens(const po_language *language, const translation *t, problem_list *problems)
{
    message_tokens source, target;
    bool ok = find_tokens(t->source, &source);
    ok = find_tokens(t->text, &target) && ok;
    if (ok) {
        drop_repeated_in_idiom(t->source, &source.numbers);
        if (language->ui_domain)
            drop_round_the_clock(t->source, &source.numbers);
        compare_tokens(language, t, &source.placeholders, &target.placeholders, "placeholder", true,
                       problems);
        compare_tokens(language, t, &source.urls, &target.urls, "URL", false, problems);
        compare_tokens(language, t, &source.emails, &target.emails, "e-mail address", false,
                       problems);
        compare_tokens(language, t, &source.numbers, &target.numbers, "number", false, problems);
    }
    message_tokens_free(&source);
    message_tokens_free(&target);
    return ok;
}

/* The bytes of leading (or trailing) white space, Unicode's White_Space. */
static size_t leading_space(const char *s)
{
    int32_t length = clamp_length(strlen(s)), i = 0;
    while (i < length) {
        int32_t at = i;
        UChar32 c = next_code_point(s, &i, length);
        if (c < 0 || !u_isUWhiteSpace(c))
            return (size_t)at;
    }
    return (size_t)length;
}

static size_t trailing_space(const char *s)
{
    int32_t length = clamp_length(strlen(s)), i = length;
    while (i > 0) {
        int32_t at = i;
        UChar32 c;
        U8_PREV((const uint8_t *)s, 0, i, c);
        if (c < 0 || !u_isUWhiteSpace(c))
            return (size_t)(length - at);
    }
    return (size_t)length;
}

/* White space made visible for a problem message: "\n", "\t", U+00A0. */
static void describe_space(const char *s, size_t length, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    int32_t i = 0, end = clamp_length(length);
    while (i < end && used + 12 < size) {
        UChar32 c = next_code_point(s, &i, end);
        int written = c == ' '    ? snprintf(out + used, size - used, " ")
                      : c == '\n' ? snprintf(out + used, size - used, "\\n")
                      : c == '\t' ? snprintf(out + used, size - used, "\\t")
                                  : snprintf(out + used, size - used, "U+%04X", (unsigned)c);
        used += written > 0 ? (size_t)written : 0;
    }
}

static void check_space(const po_language *language, const translation *t, problem_list *problems)
{
    static const char *const sides[] = {"leading", "trailing"};
    for (int side = 0; side < 2; side++) {
        size_t source = side ? trailing_space(t->source) : leading_space(t->source);
        size_t target = side ? trailing_space(t->text) : leading_space(t->text);
        const char *source_start = side ? t->source + strlen(t->source) - source : t->source;
        const char *target_start = side ? t->text + strlen(t->text) - target : t->text;
        if (source == target && memcmp(source_start, target_start, source) == 0)
            continue;
        char source_space[64], target_space[64];
        describe_space(source_start, source, source_space, sizeof source_space);
        describe_space(target_start, target, target_space, sizeof target_space);
        problems_add(problems, language->path, t->line,
                     "%s white space \"%s\" differs from the source's \"%s\"", sides[side],
                     target_space, source_space);
    }
}

static bool is_isolate_initiator(UChar32 c)
{
    return c == 0x2066 || c == 0x2067 || c == 0x2068; /* LRI RLI FSI */
}

/* "RIGHT-TO-LEFT ISOLATE (U+2067)" */
static void describe_control(UChar32 c, char *out, size_t size)
{
    char name[80] = "";
    UErrorCode status = U_ZERO_ERROR;
    u_charName(c, U_UNICODE_CHAR_NAME, name, (int32_t)sizeof name, &status);
    snprintf(out, size, "%s (U+%04X)", U_SUCCESS(status) ? name : "?", (unsigned)c);
}

/* Isolates (LRI RLI FSI) close with PDI, innermost first, within their
 * paragraph.  UAX #9 would tolerate more (a paragraph end closes
 * everything) but a translation that relies on it has lost a control
 * somewhere.  Embeddings and overrides are refused wherever they are
 * (check_embedding_bytes). */
static void check_bidi(const po_language *language, const translation *t, problem_list *problems)
{
    enum { MAX_DEPTH = 125 }; /* UAX #9 BD2 */
    size_t stack[MAX_DEPTH];  /* where each open isolate started */
    UChar32 opener[MAX_DEPTH];
    size_t depth = 0, position = 0;
    int32_t length = clamp_length(strlen(t->text));
    char control[112], open[112];
    for (int32_t i = 0; i <= length;) {
        UChar32 c = 0x2029; /* the end of the text ends its last paragraph */
        if (i < length)
            c = next_code_point(t->text, &i, length);
        else
            i++;
        position++;
        if (is_isolate_initiator(c)) {
            if (depth == MAX_DEPTH) {
                problems_add(problems, language->path, t->line,
                             "unbalanced bidi controls: nested deeper than 125 (UAX #9 BD2)");
                return;
            }
            opener[depth] = c;
            stack[depth++] = position;
            continue;
        }
        if (c == 0x2069) { /* PDI */
            if (depth > 0) {
                depth--;
                continue;
            }
            describe_control(c, control, sizeof control);
            problems_add(problems, language->path, t->line,
                         "unbalanced bidi controls: %s at character %zu closes nothing", control,
                         position);
            return;
        }
        if (depth > 0 && u_charDirection(c) == U_BLOCK_SEPARATOR) {
            describe_control(opener[depth - 1], open, sizeof open);
            describe_control(0x2069, control, sizeof control);
            problems_add(problems, language->path, t->line,
                         "unbalanced bidi controls: %s at character %zu is never closed by %s",
                         open, stack[depth - 1], control);
            return;
        }
    }
}

/* The translation of a name (agency, service, category): no invisible
 * character but the joiners a script spells its words with (facts.h). */
static void check_name(const po_language *language, const translation *t, problem_list *problems)
{
    size_t length = strlen(t->key);
    if (language->ui_domain || length < 5 || strcmp(t->key + length - 5, ":name") != 0)
        return;
    size_t position;
    int32_t c = fact_invisible(t->text, FACT_NAME, &position);
    if (c < 0)
        return;
    char name[128];
    fact_describe(c, name, sizeof name);
    problems_add(problems, language->path, t->line,
                 "the name contains the invisible character %s at character %zu: remove it "
                 "(ZERO WIDTH NON-JOINER and JOINER only between letters)",
                 name, position);
}

static bool has_letter(const char *s, size_t *characters)
{
    bool letter = false;
    int32_t length = clamp_length(strlen(s));
    *characters = 0;
    for (int32_t i = 0; i < length; ++*characters) {
        UChar32 c = next_code_point(s, &i, length);
        letter = letter || (c >= 0 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC));
    }
    return letter;
}

static int compare_translation_lines(const void *a, const void *b)
{
    const translation *x = *(const translation *const *)a, *y = *(const translation *const *)b;
    return (x->line > y->line) - (x->line < y->line);
}

static void check_translation(const po_language *language, const translation *t,
                              const catalog_model *model, po_check_scope scope,
                              problem_list *problems)
{
    if (scope == PO_CHECK_SHOWN_FACTS) {
        /* Only what would put a wrong number, address or broken text on
         * screen: the rest is for the translator (`check`). */
        if (!check_tokens(language, t, problems))
            problems_add(problems, language->path, t->line, "out of memory: not checked");
        check_bidi(language, t, problems);
        check_name(language, t, problems);
        return;
    }
    if (model) {
        const unit *u = catalog_model_unit(model, t->key);
        const char *separator = strchr(t->key, '\004');
        if (!u && separator && !language->ui_domain) {
            problems_add(problems, language->path, t->line,
                         "obsolete: no block of \"%.*s\" has this text in data/ any more, run "
                         "the content-po-update target",
                         (int)(separator - t->key), t->key);
            return;
        }
        if (!u) {
            problems_add(problems, language->path, t->line,
                         "obsolete key \"%s\": no such text in data/ any more, run the "
                         "content-po-update target",
                         t->key);
            return;
        }
        if (strcmp(u->text, t->source) != 0)
            problems_add(problems, language->path, t->line,
                         "out of date: the Italian text changed, run the content-po-update "
                         "target");
    }
    /* A copy of the source.  The kiosk's own words are English: the same
     * in en.po, and a short word is often the same in another language
     * ("Cost", "Email"). */
    size_t characters;
    bool ui = language->ui_domain;
    if (strcmp(t->source, t->text) == 0 && has_letter(t->source, &characters) &&
        characters > (ui ? 8u : 3u) && !(ui && strcmp(language->language, "en") == 0))
        problems_add(problems, language->path, t->line,
                     ui ? "identical to the English source: copied rather than translated?"
                        : "identical to the Italian text: copied rather than translated? (an "
                          "office name may stay in Italian)");
    if (!check_tokens(language, t, problems))
        problems_add(problems, language->path, t->line, "out of memory: not checked");
    check_space(language, t, problems);
    check_bidi(language, t, problems);
    check_name(language, t, problems);
}

/* ---- the glossary -------------------------------------------------------- */

/* po_dir/glossary/LANG.tsv: "Italian term<TAB>agreed translation<TAB>note"
 * per line, '#' comments.  Terms are compared case-folded (ICU full case
 * folding), the Italian one as whole words of the msgid, the translation
 * anywhere in the msgstr. */
typedef struct glossary_term {
    char *italian, *translation; /* as written in the file */
    char *italian_folded, *translation_folded;
    int line;
} glossary_term;

typedef struct glossary {
    char *path;
    glossary_term *terms;
    size_t count, capacity;
} glossary;

/* s case-folded, malloc'd UTF-8; NULL when out of memory or ill-formed. */
static char *fold_case(const char *s)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(NULL, 0, &length, s, -1, &status);
    status = U_ZERO_ERROR;
    int32_t capacity = 3 * length + 1; /* full folding grows at most 3 times */
    UChar *wide = malloc(sizeof *wide * (size_t)(length + 1));
    UChar *folded = malloc(sizeof *folded * (size_t)capacity);
    char *out = NULL;
    if (wide && folded) {
        u_strFromUTF8(wide, length + 1, NULL, s, -1, &status);
        int32_t folded_length =
            u_strFoldCase(folded, capacity, wide, length, U_FOLD_CASE_DEFAULT, &status);
        int32_t bytes = 0;
        if (U_SUCCESS(status))
            u_strToUTF8(NULL, 0, &bytes, folded, folded_length, &status);
        status = status == U_BUFFER_OVERFLOW_ERROR ? U_ZERO_ERROR : status;
        out = U_SUCCESS(status) ? malloc((size_t)bytes + 1) : NULL;
        if (out)
            u_strToUTF8(out, bytes + 1, NULL, folded, folded_length, &status);
        if (out && U_FAILURE(status)) {
            free(out);
            out = NULL;
        }
    }
    free(wide);
    free(folded);
    return out;
}

static void glossary_free(glossary *g)
{
    for (size_t i = 0; i < g->count; i++) {
        free(g->terms[i].italian);
        free(g->terms[i].translation);
        free(g->terms[i].italian_folded);
        free(g->terms[i].translation_folded);
    }
    free(g->terms);
    free(g->path);
    *g = (glossary){0};
}

static void glossary_add(glossary *g, char *line, int number, problem_list *warnings)
{
    char *tab = strchr(line, '\t');
    char *second = tab ? strchr(tab + 1, '\t') : NULL;
    if (second)
        *second = '\0'; /* the note is for people */
    if (tab)
        *tab = '\0';
    char *translation = tab ? tab + 1 : line + strlen(line);
    trim(line);
    trim(translation);
    if (!line[0] || !translation[0]) {
        problems_add(warnings, g->path, number,
                     "warning: glossary: not \"Italian term<TAB>agreed translation<TAB>note\"");
        return;
    }
    glossary_term term = {strdup(line), strdup(translation), fold_case(line),
                          fold_case(translation), number};
    if (!term.italian || !term.translation || !term.italian_folded || !term.translation_folded ||
        !array_grow((void **)&g->terms, g->count, &g->capacity, sizeof *g->terms)) {
        free(term.italian), free(term.translation);
        free(term.italian_folded), free(term.translation_folded);
        problems_add(warnings, g->path, number, "warning: glossary: line not read");
        return;
    }
    g->terms[g->count++] = term;
}

/* The glossary beside the language's PO file, if there is one. */
static void glossary_read(const po_language *language, glossary *g, problem_list *warnings)
{
    *g = (glossary){0};
    const char *slash = strrchr(language->path, '/');
    size_t dir = slash ? (size_t)(slash - language->path + 1) : 0;
    size_t size = dir + strlen("glossary/") + strlen(language->language) + strlen(".tsv") + 1;
    g->path = malloc(size);
    if (!g->path)
        return;
    snprintf(g->path, size, "%.*sglossary/%s.tsv", (int)dir, language->path, language->language);
    FILE *in = fopen(g->path, "r");
    if (!in)
        return; /* no glossary for this language */
    char line[1024];
    for (int number = 1; fgets(line, sizeof line, in); number++) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[strspn(line, " \t")] != '#' && line[strspn(line, " \t")] != '\0')
            glossary_add(g, line, number, warnings);
    }
    fclose(in);
}

/* Whether the code points around text[at..at+length) are not letters or
 * digits: a whole word (or words). */
static bool whole_words(const char *text, size_t at, size_t length)
{
    UChar32 before = -1, after = -1;
    if (at > 0) {
        int32_t i = (int32_t)at;
        U8_PREV((const uint8_t *)text, 0, i, before);
    }
    int32_t end = clamp_length(strlen(text)), i = (int32_t)(at + length);
    if (i < end)
        after = next_code_point(text, &i, end);
    return !(before >= 0 && u_isalnum(before)) && !(after >= 0 && u_isalnum(after));
}

static bool contains_words(const char *text, const char *words)
{
    for (const char *p = strstr(text, words); p; p = strstr(p + 1, words))
        if (whole_words(text, (size_t)(p - text), strlen(words)))
            return true;
    return false;
}

static void check_glossary(const po_language *language, const glossary *g, const translation *t,
                           problem_list *warnings)
{
    if (!g->count)
        return;
    char *source = fold_case(t->source), *text = fold_case(t->text);
    for (size_t i = 0; source && text && i < g->count; i++) {
        const glossary_term *term = &g->terms[i];
        if (contains_words(source, term->italian_folded) && !strstr(text, term->translation_folded))
            problems_add(warnings, language->path, t->line,
                         "warning: glossary: \"%s\" is \"%s\" (%s:%d), not in the translation",
                         term->italian, term->translation, g->path, term->line);
    }
    free(source);
    free(text);
}

/* A fuzzy message is msgmerge's guess or a translator's doubt: the kiosk
 * never shows it, so whoever builds should know what is missing. */
static void warn_fuzzy(const po_language *language, const translation *t, problem_list *warnings)
{
    problems_add(warnings, language->path, t->line,
                 "warning: fuzzy: not shown until a translator checks it and removes the "
                 "fuzzy flag (the kiosk shows the language's fallback)");
}

void po_check(const po_set *set, const catalog_model *model, po_check_scope scope,
              problem_list *problems, problem_list *warnings)
{
    for (size_t l = 0; set && l < set->count; l++) {
        const po_language *language = &set->languages[l];
        glossary terms;
        glossary_read(language, &terms, warnings);
        /* in line order, as a translator reads the file */
        const translation **order = malloc((language->count + 1) * sizeof *order);
        for (size_t i = 0; order && i < language->count; i++)
            order[i] = &language->translations[i];
        if (order && language->count > 1)
            qsort(order, language->count, sizeof *order, compare_translation_lines);
        for (size_t i = 0; i < language->count; i++) {
            const translation *t = order ? order[i] : &language->translations[i];
            bool shown =
                t->status == TRANSLATION_TRANSLATED &&
                (!model || (catalog_model_unit(model, t->key) &&
                            strcmp(catalog_model_unit(model, t->key)->text, t->source) == 0));
            if (t->status == TRANSLATION_FUZZY)
                warn_fuzzy(language, t, warnings);
            if (t->status == TRANSLATION_TRANSLATED)
                check_glossary(language, &terms, t, warnings);
            if (scope == PO_CHECK_SHOWN_FACTS ? shown : t->status != TRANSLATION_UNTRANSLATED)
                check_translation(language, t, model, scope, problems);
        }
        free(order);
        glossary_free(&terms);
    }
}

void po_leave_out_refused(po_set *set, const catalog_model *model, problem_list *refused)
{
    for (size_t l = 0; set && l < set->count; l++) {
        po_language *language = &set->languages[l];
        for (size_t i = 0; i < language->count; i++) {
            translation *t = &language->translations[i];
            const unit *u = model ? catalog_model_unit(model, t->key) : NULL;
            if (t->status != TRANSLATION_TRANSLATED ||
                (model && (!u || strcmp(u->text, t->source))))
                continue;
            problem_list found = {0};
            check_translation(language, t, model, PO_CHECK_SHOWN_FACTS, &found);
            if (found.count == 0)
                continue;
            for (size_t p = 0; p < found.count; p++)
                problems_add(refused, NULL, 0, "%s", found.items[p]);
            problems_free(&found);
            /* Left out: the kiosk shows the language's fallback here. */
            char *empty = strdup("");
            if (empty) {
                free(t->text);
                t->text = empty;
                t->status = TRANSLATION_UNTRANSLATED;
            }
        }
    }
}

/* ---- statistics --------------------------------------------------------- */

/* Words split at Unicode white space; each Han character is a word, as
 * translation tools count Chinese and Japanese. */
static size_t count_words(const char *s)
{
    size_t words = 0;
    bool in_word = false;
    int32_t length = clamp_length(strlen(s));
    for (int32_t i = 0; i < length;) {
        UChar32 c = next_code_point(s, &i, length);
        UErrorCode status = U_ZERO_ERROR;
        if (c >= 0 && u_isUWhiteSpace(c)) {
            in_word = false;
        } else if (c >= 0 && uscript_getScript(c, &status) == USCRIPT_HAN) {
            words++;
            in_word = false;
        } else if (!in_word) {
            words++;
            in_word = true;
        }
    }
    return words;
}

po_stats po_language_stats(const po_language *language)
{
    po_stats stats = {0};
    for (size_t i = 0; language && i < language->count; i++) {
        const translation *t = &language->translations[i];
        switch (t->status) {
        case TRANSLATION_TRANSLATED:
            stats.translated++;
            continue;
        case TRANSLATION_FUZZY:
            stats.fuzzy++;
            break;
        case TRANSLATION_UNTRANSLATED:
            stats.untranslated++;
            break;
        }
        stats.words_left += count_words(t->source);
    }
    return stats;
}
