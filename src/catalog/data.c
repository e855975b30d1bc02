/* data.c - reads data/ (format: data/README.md) into a catalog_model.
 *
 * YAML goes through libyaml's event API into a small tree of our own: an
 * anchor or an alias is then seen where it is written (the document API
 * would silently share or drop it), and nesting is bounded before we
 * recurse.  Each record is checked against a table of its allowed fields.
 * Article bodies go through md4c.
 *
 * Every problem is collected, none stops the reading of the next field or
 * file: a clerk fixes everything in one round.  Problems are kept per file
 * and sorted by line before they reach the caller's list. */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <md4c.h>
#include <unicode/utf8.h>
#include <yaml.h>

#include "checked.h"
#include "facts.h"
#include "folder.h"
#include "progress.h"

/* A clerk's file is a few kilobytes.  Anything larger than this is the
 * wrong file (a PDF, a dump), refused from its size before it is read. */
#define DATA_FILE_LIMIT (10L * 1024 * 1024)
/* After this many problems in one file the rest are only counted. */
#define PROBLEMS_PER_FILE 100
/* Our deepest record is five levels (agency, services, service, hours,
 * days); the limit only stops hostile input from exhausting the stack. */
#define NESTING_LIMIT 32
/* Keys such as "service:ID:documents:N" are built in 256-byte buffers. */
#define ID_LENGTH_LIMIT 64
/* How much of a value a message quotes. */
#define QUOTE_LIMIT 60

static const char *const towns[] = {"mantova", "castiglione-delle-stiviere", "suzzara", "other",
                                    NULL};
static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};

/* ---- strings ------------------------------------------------------------ */

static char *vformat_string(const char *format, va_list args)
{
    va_list count_args;
    va_copy(count_args, args);
    int length = vsnprintf(NULL, 0, format, count_args);
    va_end(count_args);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (text)
        vsnprintf(text, (size_t)length + 1, format, args);
    return text;
}

static char *format_string(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *format_string(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = vformat_string(format, args);
    va_end(args);
    return text;
}

static char *copy_string(const char *text)
{
    return text ? strdup(text) : NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A copy of `text` without leading and trailing white space. */
static char *copy_trimmed(const char *text)
{
    size_t start = 0, end = strlen(text);
    while (start < end && is_space(text[start]))
        start++;
    while (end > start && is_space(text[end - 1]))
        end--;
    return strndup(text + start, end - start);
}

static bool is_blank(const char *text)
{
    for (; *text; text++)
        if (!is_space(*text))
            return false;
    return true;
}

/* `text` as a message quotes it: at most QUOTE_LIMIT bytes, cut at a
 * character boundary, with "..." when cut. */
static const char *clip(char buffer[QUOTE_LIMIT + 4], const char *text)
{
    size_t length = strlen(text);
    if (length <= QUOTE_LIMIT)
        return text;
    length = QUOTE_LIMIT;
    while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
        length--;
    memcpy(buffer, text, length);
    memcpy(buffer + length, "...", 4);
    return buffer;
}

static int find_name(const char *const *names, const char *name)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* "a, b, c" from a NULL-terminated list, into buffer. */
static const char *join_names(char *buffer, size_t size, const char *const *names)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (int i = 0; names[i] && used < size; i++)
        used += (size_t)snprintf(buffer + used, size - used, "%s%s", i ? ", " : "", names[i]);
    return buffer;
}

/* Levenshtein distance, to suggest the field a typo meant. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return SIZE_MAX;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

static char *join_path(const char *directory, const char *name)
{
    size_t length = strlen(directory);
    while (length > 1 && directory[length - 1] == '/')
        length--;
    return format_string("%.*s/%s", (int)length, directory, name);
}

/* ---- the reader: problems, files, ids ----------------------------------- */

typedef struct pending_problem {
    size_t file; /* index in reader.files */
    int line;
    size_t order; /* discovery order, for a stable sort */
    char *message;
} pending_problem;

typedef struct file_entry {
    char *path;
    size_t problem_count; /* beyond PROBLEMS_PER_FILE only counted */
} file_entry;

typedef enum id_kind { ID_CATEGORY, ID_RECORD } id_kind;

typedef struct id_entry {
    char *id; /* NULL: free slot */
    const char *path;
    int line;
    id_kind kind;
} id_entry;

typedef struct reader {
    catalog_model *model;
    size_t unit_capacity;
    bool out_of_memory;
    file_entry *files;
    size_t file_count, file_capacity, current;
    pending_problem *problems;
    size_t problem_count, problem_capacity;
    id_entry *ids; /* open addressing, capacity a power of two */
    size_t id_count, id_capacity;
    bool categories_read; /* category names can be checked */
    bool literal_bidi;    /* the current file has a bidi control as such (reported) */
    char known_categories[200];
} reader;

/* Makes room for `needed` items of `size` bytes in *items. */
static bool reserve(reader *r, void *items_pointer, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return true;
    size_t grown = *capacity ? *capacity : 8;
    while (grown < needed) {
        if (grown > SIZE_MAX / 2 / size) {
            r->out_of_memory = true;
            return false;
        }
        grown *= 2;
    }
    void *old;
    memcpy(&old, items_pointer, sizeof old);
    void *items = realloc(old, grown * size);
    if (!items) {
        r->out_of_memory = true;
        return false;
    }
    memcpy(items_pointer, &items, sizeof items);
    *capacity = grown;
    return true;
}

/* Problems from now on are about `path`; returns the reader's copy. */
static const char *begin_file(reader *r, const char *path)
{
    char *copy = copy_string(path);
    if (!copy || !reserve(r, &r->files, &r->file_capacity, r->file_count + 1, sizeof *r->files)) {
        free(copy);
        r->out_of_memory = true;
        r->current = SIZE_MAX;
        return NULL;
    }
    r->files[r->file_count] = (file_entry){copy, 0};
    r->current = r->file_count++;
    return copy;
}

static const char *current_path(const reader *r)
{
    return r->current < r->file_count ? r->files[r->current].path : "?";
}

static void report(reader *r, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void report(reader *r, int line, const char *format, ...)
{
    if (r->current >= r->file_count)
        return;
    if (++r->files[r->current].problem_count > PROBLEMS_PER_FILE)
        return;
    va_list args;
    va_start(args, format);
    char *message = vformat_string(format, args);
    va_end(args);
    if (!message || !reserve(r, &r->problems, &r->problem_capacity, r->problem_count + 1,
                             sizeof *r->problems)) {
        free(message);
        r->out_of_memory = true;
        return;
    }
    r->problems[r->problem_count] = (pending_problem){r->current, line, r->problem_count, message};
    r->problem_count++;
}

static int compare_problems(const void *a, const void *b)
{
    const pending_problem *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Hands the problems, sorted by file and line, to the caller's list. */
static void deliver_problems(reader *r, problem_list *list)
{
    if (r->problem_count)
        qsort(r->problems, r->problem_count, sizeof *r->problems, compare_problems);
    size_t next = 0;
    for (size_t f = 0; f < r->file_count; f++) {
        for (; next < r->problem_count && r->problems[next].file == f; next++)
            problems_add(list, r->files[f].path, r->problems[next].line, "%s",
                         r->problems[next].message);
        if (r->files[f].problem_count > PROBLEMS_PER_FILE)
            problems_add(list, r->files[f].path, 0, "%zu more problems in this file not listed",
                         r->files[f].problem_count - PROBLEMS_PER_FILE);
    }
}

static uint32_t hash_id(const char *id)
{
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (; *id; id++)
        hash = (hash ^ (unsigned char)*id) * 16777619u;
    return hash;
}

static id_entry *find_id(const reader *r, const char *id)
{
    if (!r->id_capacity)
        return NULL;
    for (size_t i = hash_id(id) & (r->id_capacity - 1);; i = (i + 1) & (r->id_capacity - 1)) {
        if (!r->ids[i].id)
            return NULL;
        if (strcmp(r->ids[i].id, id) == 0)
            return &r->ids[i];
    }
}

static bool insert_id(reader *r, id_entry entry)
{
    if (2 * (r->id_count + 1) > r->id_capacity) {
        size_t capacity = r->id_capacity ? 2 * r->id_capacity : 64;
        id_entry *ids = calloc(capacity, sizeof *ids);
        if (!ids) {
            r->out_of_memory = true;
            return false;
        }
        for (size_t i = 0; i < r->id_capacity; i++) {
            if (!r->ids[i].id)
                continue;
            size_t j = hash_id(r->ids[i].id) & (capacity - 1);
            while (ids[j].id)
                j = (j + 1) & (capacity - 1);
            ids[j] = r->ids[i];
        }
        free(r->ids);
        r->ids = ids;
        r->id_capacity = capacity;
    }
    size_t i = hash_id(entry.id) & (r->id_capacity - 1);
    while (r->ids[i].id)
        i = (i + 1) & (r->id_capacity - 1);
    r->ids[i] = entry;
    r->id_count++;
    return true;
}

/* Ids are unique in all of data/ (data/README.md). */
static void register_id(reader *r, const char *id, int line, id_kind kind)
{
    const id_entry *other = find_id(r, id);
    if (other) {
        char buffer[QUOTE_LIMIT + 4];
        report(r, line, "duplicate id '%s': already used at %s:%d", clip(buffer, id), other->path,
               other->line);
        return;
    }
    char *copy = copy_string(id);
    if (!copy || !insert_id(r, (id_entry){copy, current_path(r), line, kind})) {
        free(copy);
        r->out_of_memory = true;
    }
}

/* ---- units -------------------------------------------------------------- */

/* Appends the unit `key` (taken over, freed on failure) with the trimmed
 * Italian text; false when out of memory. */
static bool add_keyed_unit(reader *r, char *key, const char *text, const char *comment, int line)
{
    catalog_model *model = r->model;
    if (!key || !reserve(r, &model->units, &r->unit_capacity, model->unit_count + 1,
                         sizeof *model->units)) {
        free(key);
        r->out_of_memory = true;
        return false;
    }
    unit u = {key, copy_trimmed(text), copy_string(comment), copy_string(current_path(r)), line};
    if (!u.text || !u.comment || !u.file) {
        free(u.key), free(u.text), free(u.comment), free(u.file);
        r->out_of_memory = true;
        return false;
    }
    model->units[model->unit_count++] = u;
    return true;
}

/* Appends the unit "record:id:field" (trimmed Italian text). */
static void add_unit(reader *r, const char *record, const char *id, const char *field,
                     const char *text, const char *comment, int line)
{
    if (id)
        add_keyed_unit(r, format_string("%s:%s:%s", record, id, field), text, comment, line);
}

/* ---- reading a file ----------------------------------------------------- */

typedef struct file_bytes {
    char *data; /* NUL-terminated */
    size_t length;
} file_bytes;

static void report_too_large(reader *r, long long size)
{
    long long tenths = (size * 10 + 1048575) / 1048576; /* rounded up: never "10.0 MB" */
    report(r, 0, "file too large (%lld.%lld MB): a data file may be at most %ld MB", tenths / 10,
           tenths % 10, DATA_FILE_LIMIT / 1048576);
}

/* Reads the current file whole, refusing anything that is not a regular
 * file of at most DATA_FILE_LIMIT bytes (judged by its size first, so a
 * huge file costs one stat). */
static bool read_file_bytes(reader *r, const char *path, file_bytes *out)
{
    *out = (file_bytes){NULL, 0};
    /* O_NONBLOCK: a FIFO named like a data file must not hang the build. */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        report(r, 0, "cannot read the file: %s", strerror(errno));
        return false;
    }
    struct stat info;
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        report(r, 0, "not a regular file");
        close(fd);
        return false;
    }
    if (info.st_size > DATA_FILE_LIMIT) {
        report_too_large(r, (long long)info.st_size);
        close(fd);
        return false;
    }
    size_t capacity = (size_t)info.st_size + 1, length = 0;
    char *data = malloc(capacity + 1);
    if (!data) {
        r->out_of_memory = true;
        close(fd);
        return false;
    }
    for (;;) {
        if (length == capacity) {
            /* The file grew while we read it: still keep to the limit. */
            if (length > (size_t)DATA_FILE_LIMIT) {
                report_too_large(r, (long long)length);
                free(data);
                close(fd);
                return false;
            }
            char *bigger = realloc(data, 2 * capacity + 1);
            if (!bigger) {
                r->out_of_memory = true;
                free(data);
                close(fd);
                return false;
            }
            data = bigger;
            capacity *= 2;
        }
        ssize_t got = read(fd, data + length, capacity - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            report(r, 0, "cannot read the file: %s", strerror(errno));
            free(data);
            close(fd);
            return false;
        }
        if (got == 0)
            break;
        length += (size_t)got;
    }
    close(fd);
    if (length > (size_t)DATA_FILE_LIMIT) {
        report_too_large(r, (long long)length);
        free(data);
        return false;
    }
    data[length] = '\0';
    *out = (file_bytes){data, length};
    return true;
}

/* Length of the UTF-8 sequence at s, or 0 when it is not valid UTF-8
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
    if (s[0] < 0x80)
        return 1;
    size_t length;
    unsigned char low = 0x80, high = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        length = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        length = 3;
        if (s[0] == 0xE0)
            low = 0xA0;
        if (s[0] == 0xED)
            high = 0x9F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        length = 4;
        if (s[0] == 0xF0)
            low = 0x90;
        if (s[0] == 0xF4)
            high = 0x8F;
    } else
        return 0;
    if (left < length || s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return length;
}

/* Reports each line holding bytes that are not UTF-8, once, and replaces
 * those bytes by U+FFFD so that the rest of the file is still checked. */
static void check_utf8(reader *r, file_bytes *file)
{
    const unsigned char *bytes = (const unsigned char *)file->data;
    size_t bad = 0;
    int line = 1, reported_line = 0;
    for (size_t i = 0; i < file->length;) {
        size_t length = utf8_sequence(bytes + i, file->length - i);
        if (length) {
            if (bytes[i] == '\n')
                line++;
            i += length;
            continue;
        }
        if (line != reported_line)
            report(r, line, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8", bytes[i]);
        reported_line = line;
        bad++;
        i++;
    }
    if (!bad)
        return;
    char *fixed = malloc(file->length + 2 * bad + 1);
    if (!fixed) {
        r->out_of_memory = true;
        return;
    }
    size_t out = 0;
    for (size_t i = 0; i < file->length;) {
        size_t length = utf8_sequence(bytes + i, file->length - i);
        if (length) {
            memcpy(fixed + out, bytes + i, length);
            out += length;
            i += length;
        } else {
            memcpy(fixed + out, "\xEF\xBF\xBD", 3);
            out += 3;
            i++;
        }
    }
    fixed[out] = '\0';
    free(file->data);
    *file = (file_bytes){fixed, out};
}

/* ---- bidi controls -------------------------------------------------------- */

/* Embeddings and overrides (U+202A-U+202E) show a text in another order
 * than it is stored: "\u202E211" reads "112" on screen while a phone dials
 * 211.  Isolates (U+2066-U+2069) only keep data in order inside other
 * text, which the kiosk does itself (docs/design.md): a data file has no
 * use for any of them. */
static void report_bidi_control(reader *r, int line, int32_t c, const char *how)
{
    char name[128];
    fact_describe(c, name, sizeof name);
    if (fact_is_bidi_embedding(c))
        report(r, line,
               "%s%s is not allowed in data files: it shows a text in another order than it "
               "is stored (a phone number 211 would read 112); remove it",
               name, how);
    else
        report(r, line,
               "%s%s is not allowed in data files: the kiosk keeps numbers and names in order "
               "itself; remove it",
               name, how);
}

/* Reports the first bidi control of every line that has one, written as
 * such in the file (comments included). */
static void check_bidi_bytes(reader *r, const file_bytes *file)
{
    r->literal_bidi = false;
    int line = 1, reported_line = 0;
    int32_t length = file->length > INT32_MAX ? INT32_MAX : (int32_t)file->length;
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)file->data, i, length, c);
        if (c == '\n')
            line++;
        else if ((fact_is_bidi_embedding(c) || fact_is_bidi_isolate(c)) && line != reported_line) {
            report_bidi_control(r, line, c, "");
            reported_line = line;
            r->literal_bidi = true;
        }
    }
}

/* A bidi control that only the decoding made (a YAML escape "\u202E", a
 * Markdown entity "&#x202E;"); in a file without one written as such, so
 * that none is reported twice. */
static void check_decoded_bidi(reader *r, int line, const char *text, size_t length)
{
    if (r->literal_bidi)
        return;
    int32_t end = length > INT32_MAX ? INT32_MAX : (int32_t)length;
    for (int32_t i = 0; i < end;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, end, c);
        if (fact_is_bidi_embedding(c) || fact_is_bidi_isolate(c)) {
            report_bidi_control(r, line, c, " (written as an escape)");
            return;
        }
    }
}

/* ---- YAML into a tree --------------------------------------------------- */

typedef enum node_kind { NODE_TEXT, NODE_LIST, NODE_FIELDS } node_kind;

typedef struct node {
    node_kind kind;
    bool plain;   /* an unquoted scalar: may mean null or a boolean */
    bool invalid; /* already reported (an alias): not checked further */
    int line;
    char *text; /* NODE_TEXT */
    size_t length;
    struct node **items; /* NODE_LIST: items; NODE_FIELDS: name, value, name, value... */
    size_t count, capacity;
} node;

static void free_node(node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->count; i++)
        free_node(n->items[i]);
    free(n->items);
    free(n->text);
    free(n);
}

typedef struct loader {
    reader *r;
    yaml_parser_t parser;
    const char *input;
    size_t length;
    int line_offset;   /* lines of the file before the input (an article's '---') */
    const char *whole; /* "file" or "header", for messages */
    bool failed;       /* a syntax error: the tree is not checked */
    /* The last scalar when it is in quotes and swallowed lines that look
     * like fields: its closing quote is missing, libyaml fails further on. */
    int quote_line, quote_end_line;
    char quote;
    /* The last mark converted by mark_offset(): marks mostly move forward,
     * so the next conversion starts there (linear, not quadratic). */
    size_t cached_index, cached_offset;
} loader;

static int mark_line(const loader *l, yaml_mark_t mark)
{
    return (int)mark.line + 1 + l->line_offset;
}

/* The byte offset of a libyaml mark: libyaml counts mark.index in
 * characters (a byte-order mark not counted), our input is UTF-8 bytes. */
static size_t mark_offset(loader *l, yaml_mark_t mark)
{
    size_t offset = 0, characters = 0;
    if (l->length >= 3 && memcmp(l->input, "\xEF\xBB\xBF", 3) == 0)
        offset = 3;
    if (l->cached_index && l->cached_index <= mark.index) {
        characters = l->cached_index;
        offset = l->cached_offset;
    }
    while (offset < l->length && characters < mark.index) {
        offset++;
        while (offset < l->length && ((unsigned char)l->input[offset] & 0xC0) == 0x80)
            offset++;
        characters++;
    }
    l->cached_index = characters;
    l->cached_offset = offset;
    return characters < mark.index ? l->length + (mark.index - characters) : offset;
}

static int line_at_offset(const loader *l, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset && i < l->length; i++)
        line += l->input[i] == '\n';
    return line + l->line_offset;
}

static int last_line(const loader *l)
{
    return line_at_offset(l, l->length ? l->length - 1 : 0);
}

/* Whether a line inside input[start, end) after the first one starts like
 * a field ("name:") or a list item ("- "): text in quotes that runs over
 * such lines has swallowed them for want of its closing quote. */
static bool swallows_fields(const char *input, size_t start, size_t end)
{
    const char *p = memchr(input + start, '\n', end - start);
    while (p && (size_t)(p - input) < end) {
        p++;
        while ((size_t)(p - input) < end && *p == ' ')
            p++;
        size_t word = strspn(p, "abcdefghijklmnopqrstuvwxyz-");
        if ((p[0] == '-' && p[1] == ' ') || (word > 0 && p[word] == ':'))
            return true;
        p = memchr(p, '\n', end - (size_t)(p - input));
    }
    return false;
}

static void report_syntax_error(loader *l)
{
    const yaml_parser_t *p = &l->parser;
    reader *r = l->r;
    l->failed = true;
    if (p->error == YAML_MEMORY_ERROR) {
        r->out_of_memory = true;
        return;
    }
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_READER_ERROR) {
        if (strstr(problem, "control characters"))
            report(r, line_at_offset(l, p->problem_offset),
                   "a control character (byte 0x%02X) is not allowed in a data file",
                   (unsigned)p->problem_value & 0xFF);
        else
            report(r, line_at_offset(l, p->problem_offset), "YAML syntax error: %s", problem);
        return;
    }
    const char *context = p->context ? p->context : "";
    int context_line = mark_line(l, p->context_mark);
    size_t index = mark_offset(l, p->problem_mark);
    char at = index < l->length ? l->input[index] : '\0';
    if (strcmp(context, "while scanning a quoted scalar") == 0) {
        size_t start = mark_offset(l, p->context_mark);
        char quote = start < l->length && l->input[start] == '\'' ? '\'' : '"';
        /* Opened on the last line, which has no line end: the file was cut. */
        if (index >= l->length && context_line == last_line(l) && l->length &&
            l->input[l->length - 1] != '\n')
            report(r, context_line, "the %s ends inside text in quotes (is the %s cut short?)",
                   l->whole, l->whole);
        else
            report(r, context_line, "the text in quotes that starts here has no closing %c", quote);
        return;
    }
    if (l->quote_line) {
        report(r, l->quote_line,
               "the text in quotes that starts here runs on to line %d: is its closing %c "
               "missing?",
               l->quote_end_line, l->quote);
        return;
    }
    if (index >= l->length) {
        const char *opening = strcmp(context, "while parsing a flow sequence") == 0  ? "["
                              : strcmp(context, "while parsing a flow mapping") == 0 ? "{"
                                                                                     : NULL;
        if (opening)
            report(r, last_line(l),
                   "the %s ends in the middle of a list: the '%s' at line %d is not closed "
                   "(is the %s cut short?)",
                   l->whole, opening, context_line, l->whole);
        else
            report(r, last_line(l), "the %s ends in the middle of a record (is the %s cut short?)",
                   l->whole, l->whole);
        return;
    }
    int line = mark_line(l, p->problem_mark);
    size_t before = index;
    while (before > 0 && (l->input[before - 1] == ' ' || l->input[before - 1] == '\t'))
        before--;
    char previous = before > 0 ? l->input[before - 1] : '\0';
    if (at == '\t' || strstr(problem, "tab"))
        report(r, line, "a tab is used to indent: indent with spaces only");
    else if (strstr(problem, "mapping values are not allowed"))
        report(r, line,
               "unexpected ':': put text that contains ': ' in quotes, or check the "
               "indentation");
    else if (strstr(problem, "did not find expected key") && (previous == '"' || previous == '\''))
        report(r, line, "text after a closing quote: put the whole value in quotes");
    else if (strstr(problem, "cannot start any token") && (at == '@' || at == '`'))
        report(r, line, "text that starts with %c must be in quotes", at);
    else if (*context)
        report(r, line,
               "YAML syntax error: %s (%s at line %d): check the indentation and the quotes",
               problem, context, context_line);
    else
        report(r, line, "YAML syntax error: %s: check the indentation and the quotes", problem);
}

static bool next_event(loader *l, yaml_event_t *event)
{
    if (yaml_parser_parse(&l->parser, event))
        return true;
    report_syntax_error(l);
    return false;
}

static node *new_node(loader *l, node_kind kind, int line)
{
    node *n = calloc(1, sizeof *n);
    if (!n)
        l->r->out_of_memory = true;
    else
        *n = (node){.kind = kind, .line = line};
    return n;
}

/* Anchors and tags are YAML features a clerk uses only by accident: a
 * value starting with '&', '*' or '!' that was meant as text. */
static void check_anchor_and_tag(loader *l, int line, const yaml_char_t *anchor,
                                 const yaml_char_t *tag)
{
    char buffer[QUOTE_LIMIT + 4];
    if (anchor)
        report(l->r, line,
               "'&%s' is a YAML anchor, not used in data files: put text that starts with '&' "
               "in quotes",
               clip(buffer, (const char *)anchor));
    if (tag)
        report(l->r, line,
               "'%s' is a YAML tag, not used in data files: put text that starts with '!' in "
               "quotes",
               clip(buffer, (const char *)tag));
}

static node *load_node(loader *l, yaml_event_t *event, int depth);

/* Reads the items of a list or fields, up to its end event. */
static node *load_collection(loader *l, node *n, yaml_event_type_t end, int depth)
{
    for (;;) {
        yaml_event_t event;
        if (!next_event(l, &event)) {
            free_node(n);
            return NULL;
        }
        if (event.type == end) {
            yaml_event_delete(&event);
            return n;
        }
        node *item = load_node(l, &event, depth + 1);
        if (!item || !reserve(l->r, &n->items, &n->capacity, n->count + 1, sizeof *n->items)) {
            free_node(item);
            free_node(n);
            return NULL;
        }
        n->items[n->count++] = item;
    }
}

/* Reads the node that starts with `event` (and deletes the event).  NULL
 * after a syntax error or when out of memory. */
static node *load_node(loader *l, yaml_event_t *event, int depth)
{
    int line = mark_line(l, event->start_mark);
    node *n = NULL;
    if (depth > NESTING_LIMIT) {
        report(l->r, line, "nested too deeply (more than %d levels)", NESTING_LIMIT);
        l->failed = true;
        yaml_event_delete(event);
        return NULL;
    }
    switch (event->type) {
    case YAML_ALIAS_EVENT: {
        char buffer[QUOTE_LIMIT + 4];
        report(l->r, line,
               "'*%s' is a YAML alias, not used in data files: put text that starts with '*' "
               "in quotes",
               clip(buffer, (const char *)event->data.alias.anchor));
        n = new_node(l, NODE_TEXT, line);
        if (n) {
            n->plain = n->invalid = true;
            n->text = strdup("");
            if (!n->text) {
                l->r->out_of_memory = true;
                free_node(n);
                n = NULL;
            }
        }
        break;
    }
    case YAML_SCALAR_EVENT: {
        check_anchor_and_tag(l, line, event->data.scalar.anchor, event->data.scalar.tag);
        yaml_scalar_style_t style = event->data.scalar.style;
        bool quoted =
            style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        int end_line = mark_line(l, event->end_mark);
        l->quote_line = quoted && end_line > line &&
                                swallows_fields(l->input, mark_offset(l, event->start_mark),
                                                mark_offset(l, event->end_mark))
                            ? line
                            : 0;
        l->quote_end_line = end_line;
        l->quote = style == YAML_SINGLE_QUOTED_SCALAR_STYLE ? '\'' : '"';
        n = new_node(l, NODE_TEXT, line);
        if (!n)
            break;
        n->plain = style == YAML_PLAIN_SCALAR_STYLE;
        n->length = event->data.scalar.length;
        n->text = strndup((const char *)event->data.scalar.value, n->length);
        if (!n->text) {
            l->r->out_of_memory = true;
            free_node(n);
            n = NULL;
        } else if (strlen(n->text) != n->length) {
            report(l->r, line, "the text holds a NUL character ('\\0')");
            n->invalid = true;
        } else {
            check_decoded_bidi(l->r, line, n->text, n->length);
        }
        break;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool list = event->type == YAML_SEQUENCE_START_EVENT;
        if (list)
            check_anchor_and_tag(l, line, event->data.sequence_start.anchor,
                                 event->data.sequence_start.tag);
        else
            check_anchor_and_tag(l, line, event->data.mapping_start.anchor,
                                 event->data.mapping_start.tag);
        yaml_event_delete(event);
        n = new_node(l, list ? NODE_LIST : NODE_FIELDS, line);
        if (!n)
            return NULL;
        return load_collection(l, n, list ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT,
                               depth);
    }
    default:
        l->failed = true;
        break;
    }
    yaml_event_delete(event);
    return n;
}

static bool is_null(const node *n)
{
    if (n->kind != NODE_TEXT || !n->plain)
        return false;
    return n->length == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
           strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

/* Parses `length` bytes of YAML as one document.  NULL when the input is
 * empty (*empty set), has a syntax error (reported), or out of memory. */
static node *load_yaml(reader *r, const char *input, size_t length, int line_offset,
                       const char *whole, bool *empty)
{
    loader l = {
        .r = r, .input = input, .length = length, .line_offset = line_offset, .whole = whole};
    *empty = false;
    if (!yaml_parser_initialize(&l.parser)) {
        r->out_of_memory = true;
        return NULL;
    }
    yaml_parser_set_input_string(&l.parser, (const unsigned char *)input, length);
    node *root = NULL;
    yaml_event_t event;
    if (!next_event(&l, &event))
        goto done;
    yaml_event_delete(&event); /* stream start */
    if (!next_event(&l, &event))
        goto done;
    if (event.type != YAML_DOCUMENT_START_EVENT) {
        *empty = true;
        yaml_event_delete(&event);
        goto done;
    }
    yaml_event_delete(&event);
    if (!next_event(&l, &event))
        goto done;
    root = load_node(&l, &event, 0);
    if (!root || l.failed || !next_event(&l, &event))
        goto done;
    yaml_event_delete(&event); /* document end */
    if (!next_event(&l, &event))
        goto done;
    if (event.type == YAML_DOCUMENT_START_EVENT)
        report(r, mark_line(&l, event.start_mark),
               "a second YAML document starts here: a data file holds one document, remove the "
               "'---'");
    yaml_event_delete(&event);
done:
    yaml_parser_delete(&l.parser);
    if (root && !l.failed && is_null(root)) {
        *empty = true;
        free_node(root);
        return NULL;
    }
    if (l.failed) {
        free_node(root);
        return NULL;
    }
    return root;
}

/* ---- fields of a record ------------------------------------------------- */

typedef struct field {
    const node *value; /* NULL: absent */
    int line;          /* of the field's name */
} field;

static const char *kind_name(const node *n)
{
    return n->kind == NODE_LIST ? "a list" : n->kind == NODE_FIELDS ? "a group of fields" : "text";
}

/* Sorts the fields of `record` by `names` into fields[]; reports unknown
 * and repeated fields, and missing required ones (`required` has a 1 for
 * each required name). */
static void read_fields(reader *r, const node *record, const char *const *names,
                        const char *required, field *fields)
{
    size_t count = 0;
    while (names[count])
        count++;
    for (size_t i = 0; i < count; i++)
        fields[i] = (field){NULL, 0};
    for (size_t i = 0; i + 1 < record->count; i += 2) {
        const node *name = record->items[i], *value = record->items[i + 1];
        if (name->invalid)
            continue;
        if (name->kind != NODE_TEXT) {
            report(r, name->line, "a field name must be a word, not %s", kind_name(name));
            continue;
        }
        int index = find_name(names, name->text);
        char buffer[QUOTE_LIMIT + 4], allowed[512];
        if (index < 0) {
            const char *suggestion = NULL;
            size_t nearest = 3; /* suggest only a name two edits away or closer */
            for (size_t j = 0; j < count && strlen(name->text) > 2; j++) {
                size_t distance = edit_distance(name->text, names[j]);
                if (distance < nearest)
                    nearest = distance, suggestion = names[j];
            }
            join_names(allowed, sizeof allowed, names);
            if (suggestion)
                report(r, name->line, "unknown field '%s' (did you mean '%s'?); allowed: %s",
                       clip(buffer, name->text), suggestion, allowed);
            else
                report(r, name->line, "unknown field '%s'; allowed: %s", clip(buffer, name->text),
                       allowed);
            continue;
        }
        if (fields[index].value) {
            report(r, name->line, "field '%s' is written twice (first at line %d)", names[index],
                   fields[index].line);
            continue;
        }
        fields[index] = (field){value, name->line};
    }
    for (size_t i = 0; i < count; i++)
        if (required[i] == '1' && !fields[i].value)
            report(r, record->line, "missing required field '%s'", names[i]);
}

/* The text of a field that must be text: NULL (reported) for a list or
 * fields, "" for an empty value. */
static const char *field_text(reader *r, const char *name, const field *f)
{
    if (!f->value || f->value->invalid)
        return NULL;
    if (f->value->kind != NODE_TEXT) {
        report(r, f->value->line, "'%s' must be text, not %s", name, kind_name(f->value));
        return NULL;
    }
    return is_null(f->value) ? "" : f->value->text;
}

/* A required field that is not translated: its text, or NULL (reported). */
static char *required_text(reader *r, const char *name, const field *f)
{
    const char *text = field_text(r, name, f);
    if (!text)
        return NULL;
    if (is_blank(text)) {
        report(r, f->line, "'%s' is empty", name);
        return NULL;
    }
    char *copy = copy_trimmed(text);
    if (!copy)
        r->out_of_memory = true;
    return copy;
}

/* An optional text that is not translated: NULL when absent or empty. */
static char *optional_text(reader *r, const char *name, const field *f)
{
    const char *text = field_text(r, name, f);
    if (!text || is_blank(text))
        return NULL;
    char *copy = copy_trimmed(text);
    if (!copy)
        r->out_of_memory = true;
    return copy;
}

/* An invisible character in a fact (an id, a phone number, an address, a
 * name, ...): reported by its code point, since it cannot be seen; false
 * when there is one. */
static bool check_invisible(reader *r, int line, const char *what, const char *text, fact_rule rule)
{
    size_t position;
    int32_t c = fact_invisible(text, rule, &position);
    if (c < 0)
        return true;
    char quoted[4 * QUOTE_LIMIT], name[128];
    fact_quote(text, QUOTE_LIMIT, quoted, sizeof quoted);
    fact_describe(c, name, sizeof name);
    report(r, line, "%s '%s' contains the invisible character %s at character %zu: remove it", what,
           quoted, name, position);
    return false;
}

/* A translated field: one unit "record:id:name".  Required ones must have
 * Italian text; optional ones that are empty give no unit. */
static void translated_field(reader *r, const char *record, const char *id, const char *name,
                             const field *f, bool required, const char *comment)
{
    const char *text = field_text(r, name, f);
    if (!text)
        return;
    if (is_blank(text)) {
        if (required)
            report(r, f->line, "'%s' has no Italian text", name);
        return;
    }
    if (strcmp(name, "name") == 0)
        check_invisible(r, f->value->line, "name", text, FACT_NAME);
    add_unit(r, record, id, name, text, comment, f->value->line);
}

/* The list a field must hold, or NULL: absent, empty (null) or reported. */
static const node *field_list(reader *r, const char *name, const field *f, const char *example)
{
    if (!f->value || f->value->invalid || is_null(f->value))
        return NULL;
    if (f->value->kind != NODE_LIST) {
        report(r, f->value->line, "'%s' must be a list (e.g. %s), not %s", name, example,
               kind_name(f->value));
        return NULL;
    }
    return f->value;
}

/* The text of a list item, or NULL (reported). */
static const char *item_text(reader *r, const char *name, const node *item)
{
    if (item->invalid)
        return NULL;
    if (item->kind != NODE_TEXT) {
        report(r, item->line, "each item of '%s' must be text, not %s", name, kind_name(item));
        return NULL;
    }
    return is_null(item) ? "" : item->text;
}

static char *read_id(reader *r, const field *f, id_kind kind)
{
    char buffer[4 * QUOTE_LIMIT];
    char *id = required_text(r, "id", f);
    if (!id)
        return NULL;
    size_t length = strlen(id);
    if (!check_invisible(r, f->value->line, "id", id, FACT_STRICT)) {
        free(id);
        return NULL;
    }
    if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != length) {
        fact_quote(id, QUOTE_LIMIT, buffer, sizeof buffer);
        report(r, f->value->line, "id '%s' may only have lower case letters a-z, digits and '-'",
               buffer);
        free(id);
        return NULL;
    }
    if (length > ID_LENGTH_LIMIT) {
        report(r, f->value->line, "id '%s' is too long (%zu characters, at most %d)",
               clip(buffer, id), length, ID_LENGTH_LIMIT);
        free(id);
        return NULL;
    }
    register_id(r, id, f->value->line, kind);
    return id;
}

static bool is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* A real calendar date written YYYY-MM-DD. */
static bool is_date(const char *text)
{
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    int year = atoi(text), month = atoi(text + 5), day = atoi(text + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= days[month - 1] + (month == 2 && is_leap_year(year));
}

static void report_bad_date(reader *r, int line, const char *text)
{
    char buffer[QUOTE_LIMIT + 4];
    report(r, line, "invalid date '%s': write a real date as YYYY-MM-DD", clip(buffer, text));
}

static char *read_date(reader *r, const char *name, const field *f, bool required)
{
    char *date = required ? required_text(r, name, f) : optional_text(r, name, f);
    if (date && !checked_parse(date, NULL, NULL, NULL)) {
        char buffer[QUOTE_LIMIT + 4];
        report(r, f->value->line,
               "invalid date '%s': write when the source was checked as YYYY-MM-DD, or YYYY-MM "
               "or YYYY when the source gives no day",
               clip(buffer, date));
        free(date);
        return NULL;
    }
    return date;
}

/* `example`: a YAML 1.1 boolean, written without quotes. */
static bool read_boolean(reader *r, const char *name, const field *f, bool fallback)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES",
                                      "on",   "On",   "ON",   "y",   "Y",   NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO",
                                     "off",   "Off",   "OFF",   "n",  "N",  NULL};
    const char *text = field_text(r, name, f);
    if (!text || is_null(f->value))
        return fallback;
    if (f->value->plain && find_name(yes, text) >= 0)
        return true;
    if (f->value->plain && find_name(no, text) >= 0)
        return false;
    char buffer[QUOTE_LIMIT + 4];
    report(r, f->value->line, "'%s' must be true or false, not '%s'", name, clip(buffer, text));
    return fallback;
}

static char *read_category_name(reader *r, const field *f)
{
    char *category = required_text(r, "category", f);
    if (!category || !r->categories_read)
        return category;
    const id_entry *entry = find_id(r, category);
    if (!entry || entry->kind != ID_CATEGORY) {
        char buffer[QUOTE_LIMIT + 4];
        report(r, f->value->line, "category '%s' is not in categories.yaml (%s)",
               clip(buffer, category), r->known_categories);
    }
    return category;
}

/* Checks one item of a list; false when it is reported. */
typedef bool (*item_check)(reader *r, int line, const char *text);

/* A list of non-empty texts (phones, closures, languages) that pass
 * `check` (when not NULL). */
static char **read_text_list(reader *r, const char *name, const field *f, const char *example,
                             item_check check, size_t *count)
{
    *count = 0;
    const node *list = field_list(r, name, f, example);
    if (!list || !list->count)
        return NULL;
    char **items = calloc(list->count, sizeof *items);
    if (!items) {
        r->out_of_memory = true;
        return NULL;
    }
    for (size_t i = 0; i < list->count; i++) {
        const char *text = item_text(r, name, list->items[i]);
        if (!text)
            continue;
        if (is_blank(text)) {
            report(r, list->items[i]->line, "item %zu of '%s' is empty", i + 1, name);
            continue;
        }
        if (check && !check(r, list->items[i]->line, text))
            continue;
        char *copy = copy_trimmed(text);
        if (!copy) {
            r->out_of_memory = true;
            break;
        }
        items[(*count)++] = copy;
    }
    return items;
}

/* ---- categories.yaml ---------------------------------------------------- */

static const char *const category_fields[] = {"id", "name", "icon", NULL};

static void read_category(reader *r, category *c, const node *record)
{
    field fields[3];
    read_fields(r, record, category_fields, "111", fields);
    c->file = copy_string(current_path(r));
    c->line = record->line;
    c->id = read_id(r, &fields[0], ID_CATEGORY);
    translated_field(r, "category", c->id, "name", &fields[1], true,
                     "Category name: on its button on the home screen, and as the title of its "
                     "list of services and articles");
    c->icon = required_text(r, "icon", &fields[2]);
}

static bool path_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 || errno != ENOENT;
}

/* Reads the current file as YAML; NULL when it cannot be used (reported). */
static node *read_yaml_file(reader *r, const char *path, const char *empty_message)
{
    file_bytes bytes;
    if (!read_file_bytes(r, path, &bytes))
        return NULL;
    check_utf8(r, &bytes);
    check_bidi_bytes(r, &bytes);
    bool empty;
    node *root = load_yaml(r, bytes.data, bytes.length, 0, "file", &empty);
    if (empty)
        report(r, 0, "the file is empty: %s (see data/README.md)", empty_message);
    free(bytes.data);
    return root;
}

static void read_categories(reader *r, const char *data_dir)
{
    char *path = join_path(data_dir, "categories.yaml");
    if (!path || !begin_file(r, path)) {
        free(path);
        r->out_of_memory = true;
        return;
    }
    if (!path_exists(path)) {
        report(r, 0, "missing: the list of categories is required (see data/README.md)");
        free(path);
        return;
    }
    node *root = read_yaml_file(r, path, "it should list the categories");
    free(path);
    if (!root)
        return;
    catalog_model *model = r->model;
    if (root->kind != NODE_LIST)
        report(r, root->line, "categories.yaml must be a list of categories (- id: ...), not %s",
               kind_name(root));
    else if (root->count == 0)
        report(r, root->line, "the list of categories is empty");
    else if (!(model->categories = calloc(root->count, sizeof *model->categories)))
        r->out_of_memory = true;
    else {
        for (size_t i = 0; i < root->count; i++) {
            const node *item = root->items[i];
            if (item->invalid)
                continue;
            if (item->kind != NODE_FIELDS) {
                report(r, item->line, "each category must be fields (id, name, icon), not %s",
                       kind_name(item));
                continue;
            }
            read_category(r, &model->categories[model->category_count++], item);
        }
        progress_records(model->category_count);
        r->categories_read = true;
        /* The known ids, for messages about an unknown one. */
        size_t used = 0, size = sizeof r->known_categories;
        used += (size_t)snprintf(r->known_categories, size, "known:");
        for (size_t i = 0; i < model->category_count && used < size; i++)
            if (model->categories[i].id)
                used += (size_t)snprintf(r->known_categories + used, size - used, "%s %s",
                                         used > 6 ? "," : "", model->categories[i].id);
        if (used >= size)
            memcpy(r->known_categories + size - 6, ", ...", 6);
    }
    free_node(root);
}

/* ---- agencies/ID.yaml --------------------------------------------------- */

static const char *const agency_fields[] = {"id",      "name",    "description", "source",
                                            "checked", "example", "services",    NULL};
enum {
    AGENCY_ID,
    AGENCY_NAME,
    AGENCY_DESCRIPTION,
    AGENCY_SOURCE,
    AGENCY_CHECKED,
    AGENCY_EXAMPLE,
    AGENCY_SERVICES,
    AGENCY_FIELD_COUNT
};

static const char *const service_fields[] = {
    "id",      "name",    "category",   "what",        "for-whom",  "documents",
    "cost",    "address", "town",       "coordinates", "phones",    "email",
    "web",     "hours",   "closures",   "hours-note",  "languages", "source",
    "checked", "example", "directions", NULL};
enum {
    SERVICE_ID,
    SERVICE_NAME,
    SERVICE_CATEGORY,
    SERVICE_WHAT,
    SERVICE_FOR_WHOM,
    SERVICE_DOCUMENTS,
    SERVICE_COST,
    SERVICE_ADDRESS,
    SERVICE_TOWN,
    SERVICE_COORDINATES,
    SERVICE_PHONES,
    SERVICE_EMAIL,
    SERVICE_WEB,
    SERVICE_HOURS,
    SERVICE_CLOSURES,
    SERVICE_HOURS_NOTE,
    SERVICE_LANGUAGES,
    SERVICE_SOURCE,
    SERVICE_CHECKED,
    SERVICE_EXAMPLE,
    SERVICE_DIRECTIONS,
    SERVICE_FIELD_COUNT
};

static const char *const range_fields[] = {"days", "from", "to", NULL};

/* Minutes after midnight of "HH:MM" in 00:00..24:00, or -1. */
static int parse_time(const char *text)
{
    if (strlen(text) != 5 || text[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (text[i] < '0' || text[i] > '9'))
            return -1;
    int hours = (text[0] - '0') * 10 + text[1] - '0';
    int minutes = (text[3] - '0') * 10 + text[4] - '0';
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        return -1;
    return hours * 60 + minutes;
}

static int read_time(reader *r, const char *name, const field *f)
{
    const char *text = field_text(r, name, f);
    if (!text)
        return -1;
    int minutes = parse_time(text);
    if (minutes < 0) {
        char buffer[QUOTE_LIMIT + 4];
        report(r, f->value->line, "time '%s' is not valid: write HH:MM between 00:00 and 24:00",
               clip(buffer, text));
    }
    return minutes;
}

typedef struct hour_entry {
    unsigned days; /* bit 0 Monday .. bit 6 Sunday */
    int opens, closes, line;
} hour_entry;

typedef struct day_range {
    int weekday, opens, closes;
    size_t entry;
} day_range;

typedef struct overlap {
    size_t earlier, later; /* entries */
    unsigned days;
} overlap;

static int compare_day_ranges(const void *a, const void *b)
{
    const day_range *x = a, *y = b;
    if (x->weekday != y->weekday)
        return x->weekday - y->weekday;
    if (x->opens != y->opens)
        return x->opens - y->opens;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int compare_overlaps(const void *a, const void *b)
{
    const overlap *x = a, *y = b;
    if (x->later != y->later)
        return x->later < y->later ? -1 : 1;
    return x->earlier < y->earlier ? -1 : x->earlier > y->earlier;
}

/* "HH:MM" of minutes in 0..1440. */
static void format_time(char buffer[6], int minutes)
{
    unsigned value = (unsigned)minutes % 1441;
    snprintf(buffer, 6, "%02u:%02u", (value / 60) % 25, value % 60);
}

/* Reports ranges that overlap on a day: one message per pair of entries,
 * naming the days.  Sorting keeps it O(n log n) on any input. */
static void check_overlaps(reader *r, const hour_entry *entries, const day_range *ranges,
                           size_t range_count)
{
    day_range *sorted = malloc((range_count ? range_count : 1) * sizeof *sorted);
    overlap *found = malloc((range_count ? range_count : 1) * sizeof *found);
    if (!sorted || !found) {
        r->out_of_memory = true;
        free(sorted), free(found);
        return;
    }
    memcpy(sorted, ranges, range_count * sizeof *sorted);
    qsort(sorted, range_count, sizeof *sorted, compare_day_ranges);
    size_t found_count = 0, best = 0;
    for (size_t i = 0; i < range_count; i++) {
        bool new_day = i == 0 || sorted[i].weekday != sorted[i - 1].weekday;
        if (!new_day && sorted[i].opens < sorted[best].closes) {
            size_t a = sorted[best].entry, b = sorted[i].entry;
            found[found_count++] =
                (overlap){a < b ? a : b, a < b ? b : a, 1u << (sorted[i].weekday - 1)};
        }
        if (new_day || sorted[i].closes > sorted[best].closes)
            best = i;
    }
    qsort(found, found_count, sizeof *found, compare_overlaps);
    for (size_t i = 0; i < found_count;) {
        unsigned days = 0;
        size_t j = i;
        for (; j < found_count && found[j].earlier == found[i].earlier &&
               found[j].later == found[i].later;
             j++)
            days |= found[j].days;
        const hour_entry *earlier = &entries[found[i].earlier], *later = &entries[found[i].later];
        char day_list[40] = "", times[4][6];
        for (int d = 0; d < 7; d++)
            if (days & (1u << d))
                snprintf(day_list + strlen(day_list), sizeof day_list - strlen(day_list), "%s%s",
                         day_list[0] ? ", " : "", day_names[d]);
        format_time(times[0], later->opens);
        format_time(times[1], later->closes);
        format_time(times[2], earlier->opens);
        format_time(times[3], earlier->closes);
        report(r, later->line, "%s-%s overlaps %s-%s (line %d) on %s", times[0], times[1], times[2],
               times[3], earlier->line, day_list);
        i = j;
    }
    free(sorted);
    free(found);
}

static void read_hours(reader *r, service *s, const field *f)
{
    const node *list = field_list(r, "hours", f, "- days: [mon, tue]");
    if (!list || !list->count)
        return;
    hour_entry *entries = calloc(list->count, sizeof *entries);
    day_range *ranges = calloc(7 * list->count, sizeof *ranges);
    if (!entries || !ranges) {
        r->out_of_memory = true;
        free(entries), free(ranges);
        return;
    }
    size_t range_count = 0;
    for (size_t i = 0; i < list->count; i++) {
        const node *item = list->items[i];
        if (item->invalid)
            continue;
        if (item->kind != NODE_FIELDS) {
            report(r, item->line, "each item of 'hours' must be fields (days, from, to), not %s",
                   kind_name(item));
            continue;
        }
        field fields[3];
        read_fields(r, item, range_fields, "111", fields);
        hour_entry *entry = &entries[i];
        entry->line = item->line;
        const node *days = field_list(r, "days", &fields[0], "[mon, tue]");
        for (size_t d = 0; days && d < days->count; d++) {
            const char *name = item_text(r, "days", days->items[d]);
            if (!name)
                continue;
            int day = find_name(day_names, name);
            char buffer[QUOTE_LIMIT + 4];
            if (day < 0)
                report(r, days->items[d]->line,
                       "day '%s' is not one of: mon, tue, wed, thu, "
                       "fri, sat, sun",
                       clip(buffer, name));
            else if (entry->days & (1u << day))
                report(r, days->items[d]->line, "day '%s' is listed twice", name);
            else
                entry->days |= 1u << day;
        }
        if (fields[0].value && (is_null(fields[0].value) || (days && !days->count)))
            report(r, fields[0].line, "'days' lists no day");
        entry->opens = read_time(r, "from", &fields[1]);
        entry->closes = read_time(r, "to", &fields[2]);
        if (entry->opens < 0 || entry->closes < 0)
            continue;
        if (entry->closes <= entry->opens) {
            char opens[6], closes[6];
            format_time(opens, entry->opens);
            format_time(closes, entry->closes);
            report(r, fields[2].line, "'to' (%s) must be after 'from' (%s)", closes, opens);
            continue;
        }
        for (int d = 0; d < 7; d++)
            if (entry->days & (1u << d))
                ranges[range_count++] = (day_range){d + 1, entry->opens, entry->closes, i};
    }
    check_overlaps(r, entries, ranges, range_count);
    if (range_count && (s->hours = calloc(range_count, sizeof *s->hours))) {
        for (size_t i = 0; i < range_count; i++)
            s->hours[i] = (opening_range){ranges[i].weekday, ranges[i].opens, ranges[i].closes};
        s->hour_count = range_count;
    } else if (range_count)
        r->out_of_memory = true;
    free(entries);
    free(ranges);
}

/* A decimal number, -12.5 or 45: strtod would follow LC_NUMERIC. */
static bool parse_decimal(const char *text, double *value)
{
    const char *p = text;
    bool negative = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    double result = 0, scale = 1;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        result = result * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            result += (*p - '0') * (scale /= 10);
    if (*p || digits == 0 || digits > 20)
        return false;
    *value = negative ? -result : result;
    return true;
}

static void read_coordinates(reader *r, service *s, const field *f)
{
    const node *list = field_list(r, "coordinates", f, "[45.1609, 10.7970]");
    if (!list)
        return;
    if (list->count != 2) {
        report(r, list->line, "'coordinates' must be two numbers [latitude, longitude], not %zu",
               list->count);
        return;
    }
    static const char *const names[] = {"latitude", "longitude"};
    static const double limits[] = {90, 180};
    double values[2];
    bool valid = true;
    for (int i = 0; i < 2; i++) {
        const node *item = list->items[i];
        char buffer[QUOTE_LIMIT + 4];
        if (item->kind != NODE_TEXT || !parse_decimal(item->text, &values[i])) {
            report(r, item->line, "%s '%s' is not a number in degrees (e.g. 45.1609)", names[i],
                   item->kind == NODE_TEXT ? clip(buffer, item->text) : kind_name(item));
            valid = false;
        } else if (values[i] < -limits[i] || values[i] > limits[i]) {
            report(r, item->line, "%s %s is out of range (-%g to %g)", names[i],
                   clip(buffer, item->text), limits[i], limits[i]);
            valid = false;
        }
    }
    if (valid) {
        s->has_coordinates = true;
        s->latitude = values[0];
        s->longitude = values[1];
    }
}

static bool check_language(reader *r, int line, const char *code)
{
    size_t length = strlen(code);
    if (length >= 2 && length <= 3 && strspn(code, "abcdefghijklmnopqrstuvwxyz") == length)
        return true;
    char buffer[QUOTE_LIMIT + 4];
    report(r, line, "language code '%s' must be 2 or 3 lower case letters (it, en, ar, ...)",
           clip(buffer, code));
    return false;
}

/* The number as the kiosk shows it and dials it (facts.h); a bidi control
 * in it is reported on its own (check_bidi_bytes). */
static bool check_phone(reader *r, int line, const char *text)
{
    char why[320], quoted[4 * QUOTE_LIMIT];
    if (fact_phone_check(text, true, why, sizeof why))
        return true;
    fact_quote(text, QUOTE_LIMIT, quoted, sizeof quoted);
    report(r, line, "phone number '%s' %s", quoted, why);
    return false;
}

static bool check_date(reader *r, int line, const char *text)
{
    if (is_date(text))
        return true;
    report_bad_date(r, line, text);
    return false;
}

static void read_documents(reader *r, service *s, const field *f)
{
    const node *list = field_list(r, "documents", f, "- Passaporto");
    for (size_t i = 0; list && i < list->count; i++) {
        const char *text = item_text(r, "documents", list->items[i]);
        if (!text)
            continue;
        if (is_blank(text)) {
            report(r, list->items[i]->line, "item %zu of 'documents' has no Italian text", i + 1);
            continue;
        }
        char name[40], comment[160];
        snprintf(name, sizeof name, "documents:%zu", ++s->document_count);
        snprintf(comment, sizeof comment,
                 "Service: document to bring, line %zu of %zu of the 'documents' list on the "
                 "service's detail screen",
                 s->document_count, list->count);
        add_unit(r, "service", s->id, name, text, comment, list->items[i]->line);
    }
}

static void read_service(reader *r, service *s, const node *record)
{
    field f[SERVICE_FIELD_COUNT];
    read_fields(r, record, service_fields, "111110001000000000000", f);
    s->file = copy_string(current_path(r));
    s->line = record->line;
    s->id = read_id(r, &f[SERVICE_ID], ID_RECORD);
    /* The translated fields first, in key order: a record's units are
     * contiguous and always in the same order. */
    translated_field(r, "service", s->id, "name", &f[SERVICE_NAME], true,
                     "Service name (the office or desk): in lists of services, and as the title "
                     "of the service's detail screen");
    translated_field(r, "service", s->id, "what", &f[SERVICE_WHAT], true,
                     "Service description: 'what it does', shown on the service's detail "
                     "screen, under the name");
    translated_field(r, "service", s->id, "for-whom", &f[SERVICE_FOR_WHOM], true,
                     "Service: 'for whom' (who can use it), shown on the service's detail "
                     "screen, under 'what it does'");
    read_documents(r, s, &f[SERVICE_DOCUMENTS]);
    translated_field(r, "service", s->id, "cost", &f[SERVICE_COST], false,
                     "Service: 'cost', shown on the service's detail screen");
    translated_field(r, "service", s->id, "hours-note", &f[SERVICE_HOURS_NOTE], false,
                     "Service: note on the opening hours, shown under the opening hours on the "
                     "service's detail screen");
    translated_field(r, "service", s->id, "directions", &f[SERVICE_DIRECTIONS], false,
                     "Service: how to get there (a landmark, the building it is in), shown "
                     "under the address on the service's detail screen");
    if (f[SERVICE_CATEGORY].value)
        s->category = read_category_name(r, &f[SERVICE_CATEGORY]);
    /* Optional: a helpline has none, and an address nobody has checked is
     * left out rather than invented (the service is then an example). */
    s->address = optional_text(r, "address", &f[SERVICE_ADDRESS]);
    if (s->address)
        check_invisible(r, f[SERVICE_ADDRESS].value->line, "address", s->address, FACT_NAME);
    if (f[SERVICE_TOWN].value && (s->town = required_text(r, "town", &f[SERVICE_TOWN])) &&
        find_name(towns, s->town) < 0) {
        char buffer[QUOTE_LIMIT + 4], list[100];
        report(r, f[SERVICE_TOWN].value->line, "town '%s' is not one of: %s", clip(buffer, s->town),
               join_names(list, sizeof list, towns));
    }
    read_coordinates(r, s, &f[SERVICE_COORDINATES]);
    s->phones = read_text_list(r, "phones", &f[SERVICE_PHONES], "[\"0376 2051\"]", check_phone,
                               &s->phone_count);
    s->email = optional_text(r, "email", &f[SERVICE_EMAIL]);
    if (s->email)
        check_invisible(r, f[SERVICE_EMAIL].value->line, "e-mail address", s->email, FACT_STRICT);
    s->web = optional_text(r, "web", &f[SERVICE_WEB]);
    if (s->web)
        check_invisible(r, f[SERVICE_WEB].value->line, "web address", s->web, FACT_STRICT);
    read_hours(r, s, &f[SERVICE_HOURS]);
    s->closures = read_text_list(r, "closures", &f[SERVICE_CLOSURES], "[2026-12-25]", check_date,
                                 &s->closure_count);
    s->languages = read_text_list(r, "languages", &f[SERVICE_LANGUAGES], "[it, en]", check_language,
                                  &s->language_count);
    s->source = optional_text(r, "source", &f[SERVICE_SOURCE]);
    s->checked = read_date(r, "checked", &f[SERVICE_CHECKED], false);
    /* A service's own source needs its own date; without either, the
     * agency's source and date apply (writer.c). */
    if (s->source && !f[SERVICE_CHECKED].value)
        report(r, f[SERVICE_SOURCE].line,
               "'source' needs 'checked': the date this source was checked");
    s->example = read_boolean(r, "example", &f[SERVICE_EXAMPLE], false);
}

static void read_agency(reader *r, agency *ag, const node *root, const char *file_name)
{
    field f[AGENCY_FIELD_COUNT];
    read_fields(r, root, agency_fields, "1111100", f);
    ag->file = copy_string(current_path(r));
    ag->line = root->line;
    ag->id = read_id(r, &f[AGENCY_ID], ID_RECORD);
    size_t stem = strlen(file_name) - strlen(".yaml");
    if (ag->id && (strlen(ag->id) != stem || strncmp(ag->id, file_name, stem) != 0))
        report(r, f[AGENCY_ID].value->line,
               "the file name must match the id: rename the file to '%s.yaml' or change the id",
               ag->id);
    translated_field(r, "agency", ag->id, "name", &f[AGENCY_NAME], true,
                     "Agency name: under the name of each of its services, in lists and on "
                     "the service's screen");
    translated_field(r, "agency", ag->id, "description", &f[AGENCY_DESCRIPTION], true,
                     "Agency description: what the agency is, on the screen of each of its "
                     "services under 'Who they are'");
    if (f[AGENCY_SOURCE].value)
        ag->source = required_text(r, "source", &f[AGENCY_SOURCE]);
    if (f[AGENCY_CHECKED].value)
        ag->checked = read_date(r, "checked", &f[AGENCY_CHECKED], true);
    ag->example = read_boolean(r, "example", &f[AGENCY_EXAMPLE], false);
    const node *services = field_list(r, "services", &f[AGENCY_SERVICES], "- id: ...");
    if (!services || !services->count)
        return;
    if (!(ag->services = calloc(services->count, sizeof *ag->services))) {
        r->out_of_memory = true;
        return;
    }
    for (size_t i = 0; i < services->count; i++) {
        const node *item = services->items[i];
        if (item->invalid)
            continue;
        if (item->kind != NODE_FIELDS) {
            report(r, item->line, "each service must be fields (id, name, ...), not %s",
                   kind_name(item));
            continue;
        }
        read_service(r, &ag->services[ag->service_count++], item);
    }
}

/* The files of data_dir/folder ending in `suffix`, sorted; any other
 * visible entry is reported (a misnamed file must not silently vanish). */
static char **list_folder(reader *r, const char *folder_path, const char *suffix, const char *kind,
                          size_t *count)
{
    *count = 0;
    size_t total;
    char **names = folder_names(folder_path, NULL, &total);
    if (!names) {
        if (errno == ENOMEM)
            r->out_of_memory = true;
        else if (errno != ENOENT && begin_file(r, folder_path))
            report(r, 0, "cannot read the folder: %s", strerror(errno));
        return NULL;
    }
    size_t suffix_length = strlen(suffix);
    for (size_t i = 0; i < total; i++) {
        size_t length = strlen(names[i]);
        if (length > suffix_length && strcmp(names[i] + length - suffix_length, suffix) == 0) {
            names[(*count)++] = names[i];
            continue;
        }
        char *path = join_path(folder_path, names[i]);
        if (path && begin_file(r, path))
            report(r, 0, "not read: %s files are named ID%s", kind, suffix);
        free(path);
        free(names[i]);
    }
    return names;
}

static void read_agencies(reader *r, const char *data_dir)
{
    char *folder = join_path(data_dir, "agencies");
    size_t count = 0;
    char **names = folder ? list_folder(r, folder, ".yaml", "agency", &count) : NULL;
    catalog_model *model = r->model;
    if (count && !(model->agencies = calloc(count, sizeof *model->agencies)))
        r->out_of_memory = true;
    for (size_t i = 0; model->agencies && i < count; i++) {
        char *path = join_path(folder, names[i]);
        if (!path || !begin_file(r, path)) {
            free(path);
            r->out_of_memory = true;
            break;
        }
        node *root = read_yaml_file(r, path, "it should describe one agency and its services");
        free(path);
        if (!root)
            continue;
        if (root->kind != NODE_FIELDS)
            report(r, root->line, "an agency file holds fields (id: ..., name: ...), not %s",
                   kind_name(root));
        else {
            agency *read = &model->agencies[model->agency_count++];
            read_agency(r, read, root, names[i]);
            progress_records(1 + read->service_count);
        }
        free_node(root);
    }
    folder_names_free(names, count);
    free(folder);
}

/* ---- articles/ID.md ----------------------------------------------------- */

typedef struct open_block {
    MD_BLOCKTYPE type;
    int children; /* blocks entered inside it so far */
} open_block;

typedef struct body_reader {
    reader *r;
    article *ar;
    size_t block_capacity, key_capacity;
    const char *body;
    size_t length;
    int first_line;       /* file line of body[0] */
    size_t cursor_offset; /* offset -> line, moving forward */
    int cursor_line;
    open_block *stack; /* md4c's open blocks */
    size_t depth, stack_capacity;
    char *text; /* the block being collected */
    size_t text_length, text_capacity;
    bool open;
    block_kind kind;
    int line;
    int html_line; /* where raw HTML was last reported */
} body_reader;

static int body_line(body_reader *b, const char *text)
{
    size_t offset = (size_t)(text - b->body);
    if (offset < b->cursor_offset) {
        b->cursor_offset = 0;
        b->cursor_line = b->first_line;
    }
    for (; b->cursor_offset < offset; b->cursor_offset++)
        b->cursor_line += b->body[b->cursor_offset] == '\n';
    return b->cursor_line;
}

static void append(body_reader *b, const char *text, size_t length)
{
    if (!reserve(b->r, &b->text, &b->text_capacity, b->text_length + length + 1, 1))
        return;
    memcpy(b->text + b->text_length, text, length);
    b->text_length += length;
    b->text[b->text_length] = '\0';
}

static void append_code_point(body_reader *b, unsigned long c)
{
    char out[4];
    size_t length;
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    if (c < 0x80)
        out[0] = (char)c, length = 1;
    else if (c < 0x800)
        out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), length = 2;
    else if (c < 0x10000)
        out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        out[2] = (char)(0x80 | (c & 0x3F)), length = 3;
    else
        out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F)), out[3] = (char)(0x80 | (c & 0x3F)), length = 4;
    append(b, out, length);
}

/* md4c hands entities over as written ("&amp;", "&#233;"): decode the
 * numeric ones and the few named ones an Italian text uses. */
static void append_entity(body_reader *b, const char *text, size_t length)
{
    static const struct {
        const char *name;
        unsigned long code_point;
    } named[] = {
        {"&amp;", '&'},      {"&lt;", '<'},       {"&gt;", '>'},        {"&quot;", '"'},
        {"&apos;", '\''},    {"&nbsp;", 0xA0},    {"&agrave;", 0xE0},   {"&egrave;", 0xE8},
        {"&eacute;", 0xE9},  {"&igrave;", 0xEC},  {"&ograve;", 0xF2},   {"&ugrave;", 0xF9},
        {"&Egrave;", 0xC8},  {"&euro;", 0x20AC},  {"&laquo;", 0xAB},    {"&raquo;", 0xBB},
        {"&rsquo;", 0x2019}, {"&lsquo;", 0x2018}, {"&ldquo;", 0x201C},  {"&rdquo;", 0x201D},
        {"&ndash;", 0x2013}, {"&mdash;", 0x2014}, {"&hellip;", 0x2026}, {"&deg;", 0xB0}};
    if (length > 3 && text[1] == '#') {
        bool hex = text[2] == 'x' || text[2] == 'X';
        unsigned long c = 0;
        for (size_t i = hex ? 3 : 2; i + 1 < length && c <= 0x10FFFF; i++) {
            int digit = text[i] >= '0' && text[i] <= '9'          ? text[i] - '0'
                        : hex && text[i] >= 'a' && text[i] <= 'f' ? text[i] - 'a' + 10
                        : hex && text[i] >= 'A' && text[i] <= 'F' ? text[i] - 'A' + 10
                                                                  : -1;
            if (digit < 0)
                break;
            c = c * (hex ? 16 : 10) + (unsigned long)digit;
        }
        append_code_point(b, c);
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == length && memcmp(named[i].name, text, length) == 0) {
            append_code_point(b, named[i].code_point);
            return;
        }
    append(b, text, length);
}

static const char *const block_kind_names[] = {"a heading", "a paragraph", "a list item"};

/* Ends the block being collected: its text, white space collapsed, is one
 * unit unless it is empty. */
static void flush_block(body_reader *b)
{
    if (!b->open)
        return;
    b->open = false;
    size_t out = 0;
    for (size_t i = 0; i < b->text_length; i++) {
        char c = is_space(b->text[i]) ? ' ' : b->text[i];
        if (c == ' ' && (out == 0 || b->text[out - 1] == ' '))
            continue;
        b->text[out++] = c;
    }
    while (out > 0 && b->text[out - 1] == ' ')
        out--;
    b->text_length = 0;
    if (out == 0)
        return;
    b->text[out] = '\0';
    check_decoded_bidi(b->r, b->line, b->text, out);
    article *ar = b->ar;
    /* Keyed by its text, as gettext keys a message: msgctxt "article:ID"
     * and the Italian text, so that moving, adding or removing another
     * block keeps its translation.  The second block of the same text in
     * the article is "article:ID#2", and so on. */
    size_t same = 1;
    for (size_t i = 0; i < ar->block_count; i++) {
        const char *other = strchr(ar->block_keys[i], '\004');
        same += other && strcmp(other + 1, b->text) == 0;
    }
    char number[24] = "";
    if (same > 1)
        snprintf(number, sizeof number, "#%zu", same);
    char *key = format_string("article:%s%s\004%s", ar->id, number, b->text);
    if (!key) {
        b->r->out_of_memory = true;
        return;
    }
    if (!reserve(b->r, &ar->blocks, &b->block_capacity, ar->block_count + 1, sizeof *ar->blocks) ||
        !reserve(b->r, &ar->block_keys, &b->key_capacity, ar->block_count + 1,
                 sizeof *ar->block_keys)) {
        free(key);
        return;
    }
    char comment[160];
    snprintf(comment, sizeof comment, "Article body (%s): plain text shown on the article screen",
             block_kind_names[b->kind]);
    if (!add_keyed_unit(b->r, key, b->text, comment, b->line))
        return;
    ar->blocks[ar->block_count] = b->kind;
    ar->block_keys[ar->block_count++] = b->r->model->units[b->r->model->unit_count - 1].key;
}

static void start_block(body_reader *b, block_kind kind)
{
    flush_block(b);
    b->open = true;
    b->kind = kind;
    b->line = 0;
    b->text_length = 0;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    (void)detail;
    body_reader *b = user;
    open_block *parent = b->depth ? &b->stack[b->depth - 1] : NULL;
    if (parent)
        parent->children++;
    switch (type) {
    case MD_BLOCK_LI:
        start_block(b, BLOCK_ITEM);
        break;
    case MD_BLOCK_P:
        /* In a loose list an item's text is a paragraph inside it. */
        if (!(parent && parent->type == MD_BLOCK_LI && parent->children == 1 && b->open))
            start_block(b, BLOCK_PARAGRAPH);
        break;
    case MD_BLOCK_H:
        start_block(b, BLOCK_HEADING);
        break;
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        start_block(b, BLOCK_PARAGRAPH);
        break;
    default:
        flush_block(b);
        break;
    }
    if (!reserve(b->r, &b->stack, &b->stack_capacity, b->depth + 1, sizeof *b->stack))
        return -1;
    b->stack[b->depth++] = (open_block){type, 0};
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    (void)detail;
    body_reader *b = user;
    if (b->depth)
        b->depth--;
    if (type != MD_BLOCK_DOC)
        flush_block(b);
    return b->r->out_of_memory ? -1 : 0;
}

/* The line of `text` when it points into the body, else `fallback`. */
static int line_of(body_reader *b, const char *text, int fallback)
{
    uintptr_t at = (uintptr_t)text, start = (uintptr_t)b->body;
    return text && at >= start && at < start + b->length ? body_line(b, text) : fallback;
}

/* `length` bytes of the body as a message quotes them: on one line, at
 * most QUOTE_LIMIT bytes cut at a character boundary, "..." when cut. */
static const char *quote_span(char buffer[QUOTE_LIMIT + 4], const char *text, size_t length)
{
    size_t n = length;
    if (n > QUOTE_LIMIT) {
        n = QUOTE_LIMIT;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        buffer[i] = is_space(text[i]) ? ' ' : text[i];
    memcpy(buffer + n, n < length ? "..." : "", n < length ? 4 : 1);
    return buffer;
}

/* The kiosk shows an article as plain text: an image would be lost (its
 * words shown without it), so it is refused where it is written. */
static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    body_reader *b = user;
    if (type == MD_SPAN_IMG) {
        const MD_SPAN_IMG_DETAIL *image = detail;
        char quoted[QUOTE_LIMIT + 4];
        report(b->r, line_of(b, image->src.text, b->line ? b->line : b->cursor_line),
               "an image (%s) in the article: the kiosk shows an article as plain text, "
               "without images; describe it in words or remove it (data/README.md)",
               quote_span(quoted, image->src.text ? image->src.text : "", image->src.size));
    }
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)type, (void)detail, (void)user;
    return 0;
}

static int body_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
    body_reader *b = user;
    if (!b->open)
        start_block(b, BLOCK_PARAGRAPH);
    uintptr_t at = (uintptr_t)text, start = (uintptr_t)b->body;
    if (!b->line && at >= start && at < start + b->length)
        b->line = body_line(b, text);
    switch (type) {
    case MD_TEXT_SOFTBR:
    case MD_TEXT_BR:
        append(b, " ", 1);
        break;
    case MD_TEXT_ENTITY:
        append_entity(b, text, size);
        break;
    case MD_TEXT_NULLCHAR:
        append_code_point(b, 0xFFFD);
        break;
    case MD_TEXT_HTML: {
        /* Raw HTML would be shown as text (a <script> as its code): refused,
         * once a line. */
        int line = line_of(b, text, b->line);
        if (line != b->html_line) {
            char quoted[QUOTE_LIMIT + 4];
            report(b->r, line,
                   "raw HTML (%s) in the article: the kiosk shows an article as plain "
                   "text and would show what the tags hold as words (a script's code); write "
                   "plain text without tags (data/README.md)",
                   quote_span(quoted, text, size));
            b->html_line = line;
        }
        break;
    }
    default:
        append(b, text, size);
        break;
    }
    return b->r->out_of_memory ? -1 : 0;
}

static void read_article_body(reader *r, article *ar, const char *body, size_t length,
                              int first_line)
{
    body_reader b = {.r = r,
                     .ar = ar,
                     .body = body,
                     .length = length,
                     .first_line = first_line,
                     .cursor_line = first_line};
    MD_PARSER parser = {
        .flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_NOHTMLBLOCKS | MD_FLAG_PERMISSIVEATXHEADERS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = body_text,
    };
    if (md_parse(body, (MD_SIZE)length, &parser, &b) != 0 && !r->out_of_memory)
        r->out_of_memory = true;
    flush_block(&b);
    free(b.text);
    free(b.stack);
}

static const char *const article_fields[] = {"id", "category", "title", "summary", "checked", NULL};

/* Length of the line at p (without its end) and where the next starts. */
static size_t line_length(const char *p, const char *end, const char **next)
{
    const char *newline = memchr(p, '\n', (size_t)(end - p));
    *next = newline ? newline + 1 : end;
    size_t length = (size_t)((newline ? newline : end) - p);
    while (length && is_space(p[length - 1]))
        length--;
    return length;
}

static void read_article(reader *r, const file_bytes *bytes, const char *file_name)
{
    const char *p = bytes->data, *end = bytes->data + bytes->length, *next;
    if (bytes->length >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    if (is_blank(p)) {
        report(r, 0, "the file is empty: it should hold one article (see data/README.md)");
        return;
    }
    size_t length = line_length(p, end, &next);
    if (length != 3 || memcmp(p, "---", 3) != 0) {
        report(r, 1,
               "an article starts with a header between two '---' lines (id, category, title, "
               "summary)");
        return;
    }
    const char *header = next, *body = NULL;
    int line = 2;
    for (p = next; p < end; p = next, line++) {
        length = line_length(p, end, &next);
        if (length == 3 && memcmp(p, "---", 3) == 0) {
            body = next;
            break;
        }
    }
    if (!body) {
        report(r, 1, "the header that starts here has no closing '---' line");
        return;
    }
    bool empty;
    node *root = load_yaml(r, header, (size_t)(p - header), 1, "header", &empty);
    if (empty)
        report(r, 1, "the header is empty: it needs id, category, title and summary");
    if (!root)
        return;
    if (root->kind != NODE_FIELDS) {
        report(r, root->line, "the header holds fields (id: ..., title: ...), not %s",
               kind_name(root));
        free_node(root);
        return;
    }
    article *ar = &r->model->articles[r->model->article_count++];
    field f[5];
    read_fields(r, root, article_fields, "11110", f);
    ar->file = copy_string(current_path(r));
    ar->line = root->line;
    ar->id = read_id(r, &f[0], ID_RECORD);
    size_t stem = strlen(file_name) - strlen(".md");
    if (ar->id && (strlen(ar->id) != stem || strncmp(ar->id, file_name, stem) != 0))
        report(r, f[0].value->line,
               "the file name must match the id: rename the file to '%s.md' or change the id",
               ar->id);
    if (f[1].value)
        ar->category = read_category_name(r, &f[1]);
    translated_field(r, "article", ar->id, "title", &f[2], true,
                     "Article title (workers' rights): in the list of articles, and at the top "
                     "of the article's screen");
    translated_field(r, "article", ar->id, "summary", &f[3], true,
                     "Article summary: one or two sentences under the title in the list of "
                     "articles");
    /* Optional: when the law or page the article states was last read. */
    ar->checked = read_date(r, "checked", &f[4], false);
    free_node(root);
    read_article_body(r, ar, body, (size_t)(end - body), line + 1);
    if (ar->block_count == 0 && !r->out_of_memory)
        report(r, line, "the article has no text after its header");
}

static void read_articles(reader *r, const char *data_dir)
{
    char *folder = join_path(data_dir, "articles");
    size_t count = 0;
    char **names = folder ? list_folder(r, folder, ".md", "article", &count) : NULL;
    catalog_model *model = r->model;
    if (count && !(model->articles = calloc(count, sizeof *model->articles)))
        r->out_of_memory = true;
    for (size_t i = 0; model->articles && i < count; i++) {
        char *path = join_path(folder, names[i]);
        if (!path || !begin_file(r, path)) {
            free(path);
            r->out_of_memory = true;
            break;
        }
        file_bytes bytes;
        if (read_file_bytes(r, path, &bytes)) {
            check_utf8(r, &bytes);
            check_bidi_bytes(r, &bytes);
            read_article(r, &bytes, names[i]);
            progress_records(1);
            free(bytes.data);
        }
        free(path);
    }
    folder_names_free(names, count);
    free(folder);
}

/* ---- the model ---------------------------------------------------------- */

static int compare_unit_keys(const void *a, const void *b)
{
    return strcmp((*(const unit *const *)a)->key, (*(const unit *const *)b)->key);
}

static void index_units(catalog_model *model)
{
    model->by_key = malloc((model->unit_count + 1) * sizeof *model->by_key);
    if (!model->by_key)
        return;
    for (size_t i = 0; i < model->unit_count; i++)
        model->by_key[i] = &model->units[i];
    qsort(model->by_key, model->unit_count, sizeof *model->by_key, compare_unit_keys);
}

catalog_model *catalog_model_read(const char *data_dir, problem_list *problems)
{
    reader r = {.model = calloc(1, sizeof(catalog_model))};
    if (!r.model)
        return NULL;
    if (!data_dir)
        data_dir = ".";
    struct stat info;
    if (stat(data_dir, &info) != 0) {
        if (begin_file(&r, data_dir))
            report(&r, 0, "cannot read the data folder: %s", strerror(errno));
    } else if (!S_ISDIR(info.st_mode)) {
        if (begin_file(&r, data_dir))
            report(&r, 0, "not a folder");
    } else {
        read_categories(&r, data_dir);
        read_agencies(&r, data_dir);
        read_articles(&r, data_dir);
    }
    deliver_problems(&r, problems);
    for (size_t i = 0; i < r.problem_count; i++)
        free(r.problems[i].message);
    free(r.problems);
    for (size_t i = 0; i < r.file_count; i++)
        free(r.files[i].path);
    free(r.files);
    for (size_t i = 0; i < r.id_capacity; i++)
        free(r.ids[i].id);
    free(r.ids);
    if (r.out_of_memory) {
        catalog_model_free(r.model);
        return NULL;
    }
    index_units(r.model);
    return r.model;
}

static void free_strings(char **strings, size_t count)
{
    for (size_t i = 0; strings && i < count; i++)
        free(strings[i]);
    free(strings);
}

static void free_service(service *s)
{
    free(s->id), free(s->category), free(s->town), free(s->address);
    free_strings(s->phones, s->phone_count);
    free(s->email), free(s->web), free(s->hours);
    free_strings(s->closures, s->closure_count);
    free_strings(s->languages, s->language_count);
    free(s->source), free(s->checked), free(s->file);
}

void catalog_model_free(catalog_model *model)
{
    if (!model)
        return;
    for (size_t i = 0; i < model->category_count; i++) {
        category *c = &model->categories[i];
        free(c->id), free(c->icon), free(c->file);
    }
    free(model->categories);
    for (size_t i = 0; i < model->agency_count; i++) {
        agency *ag = &model->agencies[i];
        for (size_t j = 0; j < ag->service_count; j++)
            free_service(&ag->services[j]);
        free(ag->services);
        free(ag->id), free(ag->source), free(ag->checked), free(ag->file);
    }
    free(model->agencies);
    for (size_t i = 0; i < model->article_count; i++) {
        article *ar = &model->articles[i];
        free(ar->id), free(ar->category), free(ar->blocks), free(ar->block_keys), free(ar->file);
        free(ar->checked);
    }
    free(model->articles);
    for (size_t i = 0; i < model->unit_count; i++) {
        unit *u = &model->units[i];
        free(u->key), free(u->text), free(u->comment), free(u->file);
    }
    free(model->units);
    free(model->by_key);
    free(model);
}

const unit *catalog_model_unit(const catalog_model *model, const char *key)
{
    if (!model || !key)
        return NULL;
    if (model->by_key) {
        size_t low = 0, high = model->unit_count;
        while (low < high) {
            size_t middle = (low + high) / 2;
            int order = strcmp(model->by_key[middle]->key, key);
            if (order == 0)
                return model->by_key[middle];
            if (order < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return NULL;
    }
    for (size_t i = 0; i < model->unit_count; i++)
        if (strcmp(model->units[i].key, key) == 0)
            return &model->units[i];
    return NULL;
}
