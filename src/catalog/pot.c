/* pot.c - see pot.h. */
#include "pot.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>

static const char header[] =
    "Project-Id-Version: sportello-content\n"
    "Report-Msgid-Bugs-To: \n"
    "Language: \n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"
    "X-Sportello-Review: draft\n";

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
    po_message_set_msgid(head, "");
    po_message_set_msgstr(head, header);
    po_message_insert(iterator, head);
    for (size_t i = 0; i < model->unit_count; i++) {
        const unit *u = &model->units[i];
        po_message_t message = po_message_create();
        po_message_set_msgctxt(message, u->key);
        po_message_set_msgid(message, u->text);
        po_message_set_msgstr(message, "");
        if (u->comment)
            po_message_set_extracted_comments(message, u->comment);
        po_message_add_filepos(message, relative(u->file, relative_to), (size_t)u->line);
        po_message_insert(iterator, message);
    }
    po_message_iterator_free(iterator);
    size_t length = strlen(output);
    char *temporary = malloc(length + 8);
    bool ok = temporary != NULL;
    if (ok) {
        snprintf(temporary, length + 8, "%s.new", output);
        struct po_xerror_handler handler = {xerror, xerror2};
        write_error[0] = '\0';
        po_file_write(file, temporary, &handler);
        if (write_error[0]) {
            problems_add(problems, output, 0, "cannot write: %s", write_error);
            ok = false;
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
