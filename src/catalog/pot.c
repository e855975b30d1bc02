/* pot.c - see pot.h. */
#include "pot.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gettext-po.h>

/* The header xgettext writes for a template, so that msginit, msgmerge and
 * translate-toolkit treat both domains' templates alike.  POT-Creation-Date
 * goes between the first two lines and the next ones.  No review status:
 * X-Sportello-Review belongs in each PO file's header (msginit for a new
 * language is followed by "draft" in tools/content-po-update.sh). */
static const char header_start[] =
    "Project-Id-Version: sportello-content\n"
    "Report-Msgid-Bugs-To: \n";
static const char header_end[] =
    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
    "Language-Team: LANGUAGE <LL@li.org>\n"
    "Language: \n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n";

/* "YYYY-MM-DD HH:MM+0000": SOURCE_DATE_EPOCH when it is set (reproducible
 * builds), else now, in UTC. */
static void creation_date(char *date, size_t size)
{
    time_t when = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long seconds = strtoll(epoch, &end, 10);
        if (*end == '\0' && seconds >= 0)
            when = (time_t)seconds;
    }
    struct tm utc;
    if (!gmtime_r(&when, &utc) || !strftime(date, size, "%Y-%m-%d %H:%M+0000", &utc))
        snprintf(date, size, "1970-01-01 00:00+0000");
}

/* The whole file, NUL-terminated, or NULL. */
static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t used = 0, capacity = 0;
    for (;;) {
        if (capacity - used < 4096) {
            capacity = capacity ? capacity * 2 : (size_t)1 << 16;
            char *bigger = realloc(text, capacity);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
        }
        size_t got = fread(text + used, 1, capacity - used - 1, f);
        used += got;
        if (got == 0)
            break;
    }
    if (text && ferror(f)) {
        free(text);
        text = NULL;
    }
    fclose(f);
    if (text) {
        text[used] = '\0';
        *length = used;
    }
    return text;
}

/* Drops the line that starts with "POT-Creation-Date: (in place). */
static size_t without_creation_date(char *text, size_t length)
{
    static const char field[] = "\n\"POT-Creation-Date: ";
    char *start = strstr(text, field);
    if (!start)
        return length;
    start++;
    char *end = strchr(start, '\n');
    end = end ? end + 1 : text + length;
    memmove(start, end, (size_t)(text + length - end) + 1);
    return length - (size_t)(end - start);
}

/* True when `old` and `new` differ at most in their POT-Creation-Date: then
 * the template in place is kept with its date, and regenerating it from
 * unchanged data changes no file (nor, through msgmerge, any PO file). */
static bool same_but_date(const char *old, const char *new)
{
    size_t old_length, new_length;
    char *a = read_all(old, &old_length), *b = read_all(new, &new_length);
    bool same = false;
    if (a && b) {
        old_length = without_creation_date(a, old_length);
        new_length = without_creation_date(b, new_length);
        same = old_length == new_length && memcmp(a, b, old_length) == 0;
    }
    free(a);
    free(b);
    return same;
}

/* libgettextpo reports write errors through a handler; keep the first. */
static char write_error[512];

static void xerror(int severity, po_message_t message, const char *filename, size_t lineno,
                   size_t column, int multiline, const char *text)
{
    (void)severity, (void)message, (void)lineno, (void)column, (void)multiline;
    if (!write_error[0])
        snprintf(write_error, sizeof write_error, "%s: %s", filename ? filename : "?", text);
}

static void xerror2(int severity, po_message_t message1, const char *filename1, size_t lineno1,
                    size_t column1, int multiline1, const char *text1, po_message_t message2,
                    const char *filename2, size_t lineno2, size_t column2, int multiline2,
                    const char *text2)
{
    (void)message2, (void)filename2, (void)lineno2, (void)column2, (void)multiline2, (void)text2;
    xerror(severity, message1, filename1, lineno1, column1, multiline1, text1);
}

static const char *relative(const char *path, const char *prefix)
{
    size_t length = prefix ? strlen(prefix) : 0;
    if (length && strncmp(path, prefix, length) == 0 && path[length] == '/')
        return path + length + 1;
    return path;
}

bool pot_write(const catalog_model *model, const char *output, const char *relative_to,
               problem_list *problems)
{
    po_file_t file = po_file_create();
    po_message_iterator_t iterator = po_message_iterator(file, NULL);
    po_message_t head = po_message_create();
    char date[32], header[sizeof header_start + sizeof header_end + 64];
    creation_date(date, sizeof date);
    snprintf(header, sizeof header, "%sPOT-Creation-Date: %s\n%s", header_start, date, header_end);
    po_message_set_msgid(head, "");
    po_message_set_msgstr(head, header);
    po_message_insert(iterator, head);
    bool out_of_memory = false;
    for (size_t i = 0; i < model->unit_count; i++) {
        const unit *u = &model->units[i];
        /* An article's block: "msgctxt\004msgid", as gettext keys it. */
        const char *separator = strchr(u->key, '\004');
        char *context = separator ? strndup(u->key, (size_t)(separator - u->key)) : NULL;
        if (separator && !context) {
            out_of_memory = true;
            break;
        }
        po_message_t message = po_message_create();
        po_message_set_msgctxt(message, context ? context : u->key);
        free(context);
        po_message_set_msgid(message, u->text);
        po_message_set_msgstr(message, "");
        if (u->comment)
            po_message_set_extracted_comments(message, u->comment);
        po_message_add_filepos(message, relative(u->file, relative_to), (size_t)u->line);
        po_message_insert(iterator, message);
    }
    po_message_iterator_free(iterator);
    size_t length = strlen(output);
    char *temporary = out_of_memory ? NULL : malloc(length + 8);
    bool ok = temporary != NULL;
    if (!ok)
        problems_add(problems, output, 0, "out of memory: not written");
    if (ok) {
        snprintf(temporary, length + 8, "%s.new", output);
        struct po_xerror_handler handler = {xerror, xerror2};
        write_error[0] = '\0';
        po_file_write(file, temporary, &handler);
        if (write_error[0]) {
            problems_add(problems, output, 0, "cannot write: %s", write_error);
            ok = false;
        } else if (same_but_date(output, temporary)) {
            remove(temporary);
        } else if (rename(temporary, output) != 0) {
            problems_add(problems, output, 0, "cannot rename the new template into place");
            ok = false;
        }
        if (!ok)
            remove(temporary);
    }
    free(temporary);
    po_file_free(file);
    return ok;
}
