/* folder.c - the names in a folder, sorted (folder.h). */
#include "folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void folder_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

char **folder_names(const char *path, const char *suffix, size_t *count)
{
    *count = 0;
    DIR *dir = opendir(path);
    if (!dir)
        return NULL;
    size_t suffix_length = suffix ? strlen(suffix) : 0, total = 0, capacity = 0;
    char **names = NULL;
    bool ok = true;
    for (struct dirent *entry; ok && (entry = readdir(dir));) {
        size_t length = strlen(entry->d_name);
        if (entry->d_name[0] == '.' ||
            (suffix && (length <= suffix_length ||
                        strcmp(entry->d_name + length - suffix_length, suffix) != 0)))
            continue;
        ok = array_grow((void **)&names, total, &capacity, sizeof *names) &&
             (names[total] = strdup(entry->d_name)) != NULL;
        if (ok)
            total++;
    }
    closedir(dir);
    if (!ok) {
        folder_names_free(names, total);
        errno = ENOMEM;
        return NULL;
    }
    if (total > 1)
        qsort(names, total, sizeof *names, compare_names);
    *count = total;
    if (!names)
        names = calloc(1, sizeof *names); /* an empty folder is not a failure */
    return names;
}
