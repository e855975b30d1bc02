/* keyboard.c - on-screen keyboard layouts read from assets/keyboards/
 * (keyboard.h; the format: assets/keyboards/README.md). */
#include "keyboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folder.h"
#include "log.h"
#include "paths.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* One key: characters separated by '|'. */
static bool parse_key(char *token, keyboard_key *key)
{
    key->choice_count = 0;
    for (char *save = NULL, *c = strtok_r(token, "|", &save); c; c = strtok_r(NULL, "|", &save)) {
        if (key->choice_count == KEYBOARD_CHOICES || strlen(c) >= sizeof key->choice[0])
            return false;
        snprintf(key->choice[key->choice_count++], sizeof key->choice[0], "%s", c);
    }
    return key->choice_count > 0;
}

bool keyboard_parse(const char *path, keyboard_layout *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out->name, sizeof out->name, "%.*s", (int)strcspn(base, "."), base);
    FILE *file = fopen(path, "r");
    if (!file) {
        snprintf(why, why_size, "%s: cannot be read", path);
        return false;
    }
    char line[1024];
    int number = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, file)) {
        number++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(why, why_size, "%s:%d: expected NAME = VALUE", path, number);
            ok = false;
            break;
        }
        *eq = '\0';
        char *name = trim(s), *value = trim(eq + 1);
        if (strcmp(name, "languages") == 0) {
            snprintf(out->languages, sizeof out->languages, "%s", value);
        } else if (strcmp(name, "text-language") == 0) {
            snprintf(out->text_language, sizeof out->text_language, "%s", value);
        } else if (strcmp(name, "label") == 0) {
            snprintf(out->label, sizeof out->label, "%s", value);
        } else if (strcmp(name, "direction") == 0 &&
                   (strcmp(value, "rtl") == 0 || strcmp(value, "ltr") == 0)) {
            out->rtl = strcmp(value, "rtl") == 0;
        } else if (strcmp(name, "row") == 0) {
            if (out->row_count == KEYBOARD_ROWS) {
                snprintf(why, why_size, "%s:%d: more than %d rows", path, number, KEYBOARD_ROWS);
                ok = false;
                break;
            }
            int r = out->row_count++;
            for (char *save = NULL, *t = strtok_r(value, " \t", &save); t;
                 t = strtok_r(NULL, " \t", &save)) {
                if (out->key_count[r] == KEYBOARD_KEYS ||
                    !parse_key(t, &out->keys[r][out->key_count[r]])) {
                    snprintf(why, why_size, "%s:%d: more than %d keys, or a key too long", path,
                             number, KEYBOARD_KEYS);
                    ok = false;
                    break;
                }
                out->key_count[r]++;
            }
            if (ok && out->key_count[r] == 0) {
                snprintf(why, why_size, "%s:%d: a row with no key", path, number);
                ok = false;
            }
        } else {
            snprintf(why, why_size, "%s:%d: unknown setting \"%s\"", path, number, name);
            ok = false;
        }
    }
    fclose(file);
    if (ok && (!out->row_count || !out->text_language[0] || !out->label[0])) {
        snprintf(why, why_size, "%s: needs text-language, label and at least one row", path);
        ok = false;
    }
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const keyboard_layout *)a)->name, ((const keyboard_layout *)b)->name);
}

void keyboard_set_load(keyboard_set *set)
{
    set->count = 0;
    char dir[4096];
    asset_path("keyboards", dir, sizeof dir);
    size_t count;
    char **names = folder_names(dir, ".txt", &count);
    if (!names) {
        log_message(LOG_WARNING, "kiosk", "%s: no keyboard layouts", dir);
        return;
    }
    for (size_t i = 0; i < count && set->count < KEYBOARD_LAYOUTS; i++) {
        char path[4400], why[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (keyboard_parse(path, &set->layouts[set->count], why, sizeof why))
            set->count++;
        else
            log_message(LOG_WARNING, "kiosk", "%s", why);
    }
    folder_names_free(names, count);
    qsort(set->layouts, set->count, sizeof *set->layouts, by_name);
}

const keyboard_layout *keyboard_named(const keyboard_set *set, const char *name)
{
    for (size_t i = 0; set && i < set->count; i++)
        if (strcmp(set->layouts[i].name, name) == 0)
            return &set->layouts[i];
    return NULL;
}

static bool serves(const keyboard_layout *l, const char *language)
{
    char list[sizeof l->languages];
    snprintf(list, sizeof list, "%s", l->languages);
    for (char *save = NULL, *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save))
        if (strcmp(t, language) == 0)
            return true;
    return false;
}

static const keyboard_layout *own(const keyboard_set *set, const char *language)
{
    for (size_t i = 0; set && i < set->count; i++)
        if (strcmp(set->layouts[i].name, "latin") != 0 && serves(&set->layouts[i], language))
            return &set->layouts[i];
    return NULL;
}

bool keyboard_has_own(const keyboard_set *set, const char *language)
{
    return own(set, language) != NULL;
}

const keyboard_layout *keyboard_for(const keyboard_set *set, const char *language, bool latin)
{
    const keyboard_layout *l = latin ? NULL : own(set, language);
    return l ? l : keyboard_named(set, "latin");
}

const keyboard_key *keyboard_key_at(const keyboard_layout *layout, const char *where)
{
    int r, k;
    if (!layout || !where || sscanf(where, "%d:%d", &r, &k) != 2 || r < 0 ||
        r >= layout->row_count || k < 0 || k >= layout->key_count[r])
        return NULL;
    return &layout->keys[r][k];
}
