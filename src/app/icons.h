/* icons.h - the kiosk's pictograms: glyphs of the symbol fonts named in
 * assets/icons.txt ("NAME U+XXXX"), read once, drawn through the text
 * engine like every other string. */
#ifndef SPORTELLO_ICONS_H
#define SPORTELLO_ICONS_H

#include <stddef.h>

#define ICONS_MAX 64

typedef struct icon_table {
    struct {
        char name[32];
        char utf8[5];
    } icons[ICONS_MAX];
    size_t count;
} icon_table;

/* Reads assets/icons.txt; bad lines and a missing file are logged. */
void icons_load(icon_table *table);
/* The glyph of `name` as UTF-8; U+25CF BLACK CIRCLE when unknown. */
const char *icons_glyph(const icon_table *table, const char *name);

#endif
