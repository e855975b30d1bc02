/* inputs.c - see inputs.h. */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "inputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"

bool inputs_add(input_list *list, const char *path)
{
    if (!path || !path[0])
        return true;
    if (list->count > 0 && strcmp(list->paths[list->count - 1], path) == 0)
        return true; /* the same file again (the records of one file) */
    char *copy = strdup(path);
    if (!copy ||
        !array_grow((void **)&list->paths, list->count, &list->capacity, sizeof *list->paths)) {
        free(copy);
        return false;
    }
    list->paths[list->count++] = copy;
    return true;
}

/* "DIR/glossary/LANG.tsv" beside a PO file, as po.c reads it. */
static bool add_glossary(input_list *list, const po_language *language)
{
    const char *slash = strrchr(language->path, '/');
    int dir = slash ? (int)(slash - language->path + 1) : 0;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%.*sglossary/%s.tsv", dir, language->path,
                 language->language) >= (int)sizeof path)
        return true;
    return access(path, F_OK) != 0 || inputs_add(list, path);
}

bool inputs_add_read(input_list *list, const catalog_model *model, const po_set *po)
{
    bool ok = true;
    for (size_t i = 0; model && i < model->category_count; i++)
        ok = inputs_add(list, model->categories[i].file) && ok;
    for (size_t i = 0; model && i < model->agency_count; i++)
        ok = inputs_add(list, model->agencies[i].file) && ok;
    for (size_t i = 0; model && i < model->article_count; i++)
        ok = inputs_add(list, model->articles[i].file) && ok;
    for (size_t i = 0; po && i < po->count; i++)
        ok = inputs_add(list, po->languages[i].path) && add_glossary(list, &po->languages[i]) && ok;
    return ok;
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    *list = (input_list){0};
}

/* Where `path` really is: realpath() when it exists; else its folder's
 * realpath and its last name (an output about to be made).  NULL when
 * neither can be resolved. */
static char *resolve(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/')
        length--;
    const char *slash = NULL;
    for (size_t i = 0; i < length; i++)
        if (path[i] == '/')
            slash = path + i;
    char *folder = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *folder_real = folder ? realpath(folder, NULL) : NULL;
    free(folder);
    if (!folder_real)
        return NULL;
    const char *name = slash ? slash + 1 : path;
    size_t size = strlen(folder_real) + 1 + (size_t)(path + length - name) + 1;
    char *joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s%s%.*s", folder_real, strcmp(folder_real, "/") ? "/" : "",
                 (int)(path + length - name), name);
    free(folder_real);
    return joined;
}

/* Whether `inner` is `outer` or lies inside it (both resolved). */
static bool within(const char *inner, const char *outer)
{
    size_t length = strlen(outer);
    if (strcmp(outer, "/") == 0)
        return true;
    return strncmp(inner, outer, length) == 0 && (inner[length] == '\0' || inner[length] == '/');
}

/* The input that `output` is (pass 0: the same file or folder) or lies
 * inside (pass 1: a folder), or NULL. */
static const char *find_input(const input_list *inputs, const char *output_real, bool exists,
                              const struct stat *output_info, int pass, bool *folder)
{
    for (size_t i = 0; i < inputs->count; i++) {
        const char *input = inputs->paths[i];
        struct stat info;
        if (stat(input, &info) != 0)
            continue;
        char *input_real = realpath(input, NULL);
        *folder = S_ISDIR(info.st_mode);
        bool found = pass == 0
                         ? (exists && info.st_dev == output_info->st_dev &&
                            info.st_ino == output_info->st_ino) ||
                               (output_real && input_real && strcmp(output_real, input_real) == 0)
                         : *folder && output_real && input_real && within(output_real, input_real);
        free(input_real);
        if (found)
            return input;
    }
    return NULL;
}

bool inputs_check_output(const input_list *inputs, const char *output, problem_list *problems)
{
    struct stat output_info, link_info;
    bool exists = stat(output, &output_info) == 0;
    if (exists && S_ISDIR(output_info.st_mode)) {
        problems_add(problems, NULL, 0,
                     "--output %s is a folder: nothing was written; name the catalogue's file, "
                     "outside the folders this build reads (e.g. build/catalog.sqlite)",
                     output);
        return false;
    }
    bool linked = lstat(output, &link_info) == 0 && S_ISLNK(link_info.st_mode);
    char *output_real = resolve(output);
    bool folder = false;
    const char *input = find_input(inputs, output_real, exists, &output_info, 0, &folder);
    if (input) {
        problems_add(problems, NULL, 0,
                     "--output %s %s %s, a %s this build reads: nothing was written; write the "
                     "catalogue elsewhere (e.g. build/catalog.sqlite)",
                     output, linked ? "leads to" : "is", input, folder ? "folder" : "file");
    } else if ((input = find_input(inputs, output_real, exists, &output_info, 1, &folder))) {
        problems_add(problems, NULL, 0,
                     "--output %s %s inside %s, a folder this build reads: nothing was "
                     "written; write the catalogue outside it (e.g. build/catalog.sqlite)",
                     output, linked ? "leads" : "is", input);
    }
    free(output_real);
    return input == NULL;
}
