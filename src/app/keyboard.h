/* keyboard.h - the search screen's on-screen keyboards, as data.
 *
 * One file per layout in assets/keyboards/ (format: assets/keyboards/README.md):
 * the languages it serves, its direction, the label of the key that
 * switches to it, and rows of keys.  A key is one or more characters
 * separated by '|': a key with one types it; a key with several offers
 * them all in a row over the keyboard (an Ethiopic consonant's seven
 * orders, a Latin vowel's accents), and the one touched is typed.
 * Layouts are read once, when the kiosk starts; nothing here draws. */
#ifndef SPORTELLO_KEYBOARD_H
#define SPORTELLO_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>

#define KEYBOARD_ROWS 6
#define KEYBOARD_KEYS 12   /* a row's keys at most: 11 fit an 800-unit width at 9 mm */
#define KEYBOARD_CHOICES 8 /* characters of one key */
#define KEYBOARD_LAYOUTS 16

typedef struct keyboard_key {
    char choice[KEYBOARD_CHOICES][16]; /* UTF-8 */
    int choice_count;
} keyboard_key;

typedef struct keyboard_layout {
    char name[24];         /* the file's name without .txt ("ar", "latin") */
    char languages[64];    /* the languages it is for, space-separated */
    char text_language[8]; /* the language its keys are laid out in */
    char label[32];        /* the key that switches to it shows this */
    bool rtl;
    keyboard_key keys[KEYBOARD_ROWS][KEYBOARD_KEYS];
    int key_count[KEYBOARD_ROWS];
    int row_count;
} keyboard_layout;

typedef struct keyboard_set {
    keyboard_layout layouts[KEYBOARD_LAYOUTS];
    size_t count;
} keyboard_set;

/* Reads one layout file; false with a "path:line: problem" in `why`. */
bool keyboard_parse(const char *path, keyboard_layout *out, char *why, size_t why_size);

/* Reads every .txt file of assets/keyboards/ (problems logged, the file skipped). */
void keyboard_set_load(keyboard_set *set);

/* The layout named `name`, or NULL. */
const keyboard_layout *keyboard_named(const keyboard_set *set, const char *name);

/* The layout for `language`: its own script's, or with `latin` (the
 * visitor's switch, and languages with no layout of their own) the Latin
 * one.  NULL when there is none at all. */
const keyboard_layout *keyboard_for(const keyboard_set *set, const char *language, bool latin);

/* True when `language` has a layout of its own besides Latin letters. */
bool keyboard_has_own(const keyboard_set *set, const char *language);

/* "ROW:KEY" of a key, and back (the popup's target arg). */
const keyboard_key *keyboard_key_at(const keyboard_layout *layout, const char *where);

#endif
