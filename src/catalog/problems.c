/* problems.c - the list of problems found in the data (model.h). */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stored in place of a problem that could not be allocated, so that a
 * list that ran out of memory is never mistaken for a clean one. */
static char out_of_memory[] = "out of memory: some problems were not recorded";

static char *format_problem(const char *path, int line, const char *format, va_list args)
{
    va_list count_args;
    va_copy(count_args, args);
    int message_length = vsnprintf(NULL, 0, format, count_args);
    va_end(count_args);
    if (message_length < 0)
        return NULL;
    char prefix[64] = "";
    if (path && line > 0)
        snprintf(prefix, sizeof prefix, ":%d: ", line);
    else if (path)
        snprintf(prefix, sizeof prefix, ": ");
    size_t path_length = path ? strlen(path) : 0;
    size_t prefix_length = strlen(prefix);
    char *item = malloc(path_length + prefix_length + (size_t)message_length + 1);
    if (!item)
        return NULL;
    if (path_length)
        memcpy(item, path, path_length);
    memcpy(item + path_length, prefix, prefix_length);
    vsnprintf(item + path_length + prefix_length, (size_t)message_length + 1, format, args);
    return item;
}

void problems_add(problem_list *list, const char *path, int line, const char *format, ...)
{
    if (!list)
        return;
    va_list args;
    va_start(args, format);
    char *item = format_problem(path, line, format, args);
    va_end(args);
    if (!item)
        item = out_of_memory;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        char **items = realloc(list->items, capacity * sizeof *items);
        if (!items) {
            /* No room for one more: the last problem becomes the marker. */
            if (item != out_of_memory)
                free(item);
            if (list->count > 0) {
                if (list->items[list->count - 1] != out_of_memory)
                    free(list->items[list->count - 1]);
                list->items[list->count - 1] = out_of_memory;
            }
            return;
        }
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = item;
}

void problems_free(problem_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i] != out_of_memory)
            free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
