/* icons.c - the pictogram table (icons.h). */
#include "icons.h"

#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

#include "log.h"
#include "paths.h"

void icons_load(icon_table *table)
{
    table->count = 0;
    char path[4096];
    FILE *file = fopen(asset_path("icons.txt", path, sizeof path), "r");
    if (!file) {
        log_message(LOG_WARNING, "kiosk", "%s: cannot read the pictograms", path);
        return;
    }
    char line[256];
    int number = 0;
    while (fgets(line, sizeof line, file) && table->count < ICONS_MAX) {
        number++;
        char name[32];
        unsigned code;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%31s U+%x", name, &code) != 2 || code > 0x10ffff ||
            (code >= 0xd800 && code <= 0xdfff)) {
            log_message(LOG_WARNING, "kiosk", "%s:%d: expected NAME U+XXXX", path, number);
            continue;
        }
        snprintf(table->icons[table->count].name, sizeof table->icons[0].name, "%s", name);
        size_t length = 0;
        U8_APPEND_UNSAFE(table->icons[table->count].utf8, length, (UChar32)code);
        table->icons[table->count].utf8[length] = '\0';
        table->count++;
    }
    fclose(file);
}

const char *icons_glyph(const icon_table *table, const char *name)
{
    for (size_t i = 0; table && i < table->count; i++)
        if (strcmp(table->icons[i].name, name) == 0)
            return table->icons[i].utf8;
    return "\xe2\x97\x8f"; /* U+25CF BLACK CIRCLE */
}
