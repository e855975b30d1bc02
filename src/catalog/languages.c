/* languages.c - see languages.h. */
#include "languages.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "language_code.h"

static const language_entry *find(const language_list *list, const char *code)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->entries[i].code, code) == 0)
            return &list->entries[i];
    return NULL;
}

static void parse_line(const char *path, int number, char *text, language_list *list,
                       problem_list *problems)
{
    char *words[LANGUAGE_MAX_FALLBACKS + 2];
    size_t count = 0;
    for (char *word = strtok(text, " \t\r"); word; word = strtok(NULL, " \t\r")) {
        if (count == LANGUAGE_MAX_FALLBACKS + 1) {
            problems_add(problems, path, number, "at most %d fallback languages",
                         LANGUAGE_MAX_FALLBACKS - 1);
            return;
        }
        words[count++] = word;
    }
    if (count == 0)
        return;
    for (size_t i = 0; i < count; i++)
        if (!language_code_is_valid(words[i])) {
            problems_add(problems, path, number, "'%s' is not a language code (2 or 3 letters)",
                         words[i]);
            return;
        }
    if (find(list, words[0])) {
        problems_add(problems, path, number, "language '%s' listed twice", words[0]);
        return;
    }
    language_entry *bigger = realloc(list->entries, (list->count + 1) * sizeof *bigger);
    if (!bigger)
        return;
    list->entries = bigger;
    language_entry *entry = &list->entries[list->count++];
    memset(entry, 0, sizeof *entry);
    snprintf(entry->code, sizeof entry->code, "%s", words[0]);
    /* Italian always has the text, so the chain ends there: languages
     * after it could never be reached. */
    bool reached_italian = strcmp(entry->code, "it") == 0;
    for (size_t i = 1; i < count && !reached_italian; i++) {
        snprintf(entry->fallback[entry->fallback_count++], 8, "%s", words[i]);
        reached_italian = strcmp(words[i], "it") == 0;
    }
    if (!reached_italian && entry->fallback_count == LANGUAGE_MAX_FALLBACKS) {
        problems_add(problems, path, number,
                     "at most %d fallback languages before Italian, which ends every chain",
                     LANGUAGE_MAX_FALLBACKS - 1);
        list->count--;
        return;
    }
    if (!reached_italian)
        snprintf(entry->fallback[entry->fallback_count++], 8, "it");
}

bool language_list_read(const char *path, language_list *list, problem_list *problems)
{
    memset(list, 0, sizeof *list);
    size_t before = problems->count;
    FILE *file = fopen(path, "r");
    if (!file) {
        problems_add(problems, path, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    char text[512];
    int number = 0;
    while (fgets(text, sizeof text, file)) {
        number++;
        text[strcspn(text, "\n")] = '\0';
        const char *first = text + strspn(text, " \t");
        if (*first == '#' || *first == '\0')
            continue;
        parse_line(path, number, text, list, problems);
    }
    fclose(file);
    if (!find(list, "it"))
        problems_add(problems, path, 0, "Italian (it), the source language, is not listed");
    for (size_t i = 0; i < list->count; i++)
        for (size_t f = 0; f < list->entries[i].fallback_count; f++)
            if (!find(list, list->entries[i].fallback[f]))
                problems_add(problems, path, 0, "%s falls back to %s, which is not listed",
                             list->entries[i].code, list->entries[i].fallback[f]);
    return problems->count == before;
}

void language_list_free(language_list *list)
{
    free(list->entries);
    memset(list, 0, sizeof *list);
}
