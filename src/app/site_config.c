/* site_config.c - see site_config.h. */
#include "site_config.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "catalog/signed.h"
#include "language_code.h"
#include "file_write.h"
#include "log.h"

enum {
    LINE_MAX_BYTES = 1000,
    FILE_MAX_BYTES = 64 * 1024, /* a real file is < 1 KB; this stops /dev/zero */
    LANGUAGES_MAX = 32,
    IDLE_MIN_S = 30,
    IDLE_MAX_S = 900,
};

static const char *const towns[] = {"mantova", "castiglione-delle-stiviere", "suzzara", "other"};

static const char *const places[] = {"desk", "cas"};

static const char *const default_languages[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                                "pa", "bn", "ti", "zh", "ro", "sq", "uk"};

enum key {
    KEY_TOWN,
    KEY_PLACE,
    KEY_LANGUAGES,
    KEY_IDLE_TIMEOUT,
    KEY_PIN,
    KEY_TRUSTED_KEYS,
    KEY_UPDATE_FOLDER,
    KEY_COUNT
};
static const char *const key_names[KEY_COUNT] = {
    "town", "place", "languages", "idle_timeout", "pin", "trusted_keys", "update_folder"};

void site_config_defaults(site_config *c)
{
    if (!c)
        return;
    memset(c, 0, sizeof *c);
    snprintf(c->town, sizeof c->town, "%s", towns[0]);
    snprintf(c->place, sizeof c->place, "%s", places[0]);
    c->language_count = (int)(sizeof default_languages / sizeof default_languages[0]);
    for (int i = 0; i < c->language_count; i++)
        snprintf(c->languages[i], sizeof c->languages[i], "%s", default_languages[i]);
    c->idle_timeout = 90;
    c->pin_hash[0] = '\0';
    snprintf(c->update_folder, sizeof c->update_folder, "%s", SITE_CONFIG_UPDATE_FOLDER);
}

/* ---- values ---------------------------------------------------------------- */

static bool town_is_valid(const char *town)
{
    for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++)
        if (strcmp(town, towns[i]) == 0)
            return true;
    return false;
}

static bool place_is_valid(const char *place)
{
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
        if (strcmp(place, places[i]) == 0)
            return true;
    return false;
}

bool site_config_at_cas(const site_config *c)
{
    return c && strcmp(c->place, "cas") == 0;
}

/* Empty, or a crypt(3) hash of a current method in crypt's alphabet. */
static bool pin_hash_is_valid(const char *hash)
{
    if (!*hash)
        return true;
    for (const char *p = hash; *p; p++)
        if (!strchr("./$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", *p))
            return false;
    return hash[0] == '$' && crypt_checksalt(hash) == CRYPT_SALT_OK;
}

/* Empty, or an absolute path of printable characters with no "." or ".."
 * part and no trailing slash; why says what is wrong. */
static bool update_folder_is_valid(const char *path, size_t size, const char **why)
{
    *why = NULL;
    size_t length = strnlen(path, size);
    if (length == size)
        *why = "longer than 1023 bytes";
    else if (length && path[0] != '/')
        *why = "not an absolute path";
    else if (length == 1 || (length && path[length - 1] == '/'))
        *why = "a folder path without a trailing slash is needed";
    for (size_t i = 0; !*why && i < length; i++)
        if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
            *why = "a control character";
    for (const char *p = path; !*why && (p = strstr(p, "/.")); p++)
        if (p[2] == '/' || p[2] == '\0' || (p[2] == '.' && (p[3] == '/' || p[3] == '\0')))
            *why = "a \".\" or \"..\" part";
    return *why == NULL;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct reader {
    const char *path;
    int line;
    bool ok;
} reader;

static void problem(reader *r, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void problem(reader *r, const char *format, ...)
{
    char message[600];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    log_message(LOG_WARNING, "config", "%s:%d: %s", r->path, r->line, message);
    r->ok = false;
}

static char *trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t length = strlen(text);
    while (length > 0 && strchr(" \t\r\n", text[length - 1]))
        text[--length] = '\0';
    return text;
}

static void read_town(reader *r, site_config *c, const char *value)
{
    if (!town_is_valid(value))
        problem(r,
                "town \"%.80s\" is not one of mantova, castiglione-delle-stiviere, suzzara,"
                " other",
                value);
    else
        snprintf(c->town, sizeof c->town, "%s", value);
}

static void read_place(reader *r, site_config *c, const char *value)
{
    if (!place_is_valid(value))
        problem(r, "place \"%.80s\" is not desk (an information desk) or cas (a reception centre)",
                value);
    else
        snprintf(c->place, sizeof c->place, "%s", value);
}

static void read_languages(reader *r, site_config *c, char *value)
{
    char codes[LANGUAGES_MAX][8];
    int count = 0;
    char *state = NULL;
    for (char *token = strtok_r(value, " \t", &state); token;
         token = strtok_r(NULL, " \t", &state)) {
        if (!language_code_is_valid(token)) {
            problem(r, "language \"%.40s\" is not a code of 2-3 letters a-z", token);
            return;
        }
        for (int i = 0; i < count; i++)
            if (strcmp(codes[i], token) == 0) {
                problem(r, "language \"%s\" is listed twice", token);
                return;
            }
        if (count == LANGUAGES_MAX) {
            problem(r, "more than %d languages", LANGUAGES_MAX);
            return;
        }
        snprintf(codes[count++], sizeof codes[0], "%s", token);
    }
    if (count == 0) {
        problem(r, "languages: the list is empty");
        return;
    }
    memcpy(c->languages, codes, sizeof codes);
    c->language_count = count;
}

static void read_idle_timeout(reader *r, site_config *c, const char *value)
{
    size_t length = strlen(value);
    bool digits = length > 0 && length <= 4 && strspn(value, "0123456789") == length;
    int seconds = digits ? atoi(value) : 0;
    if (!digits || seconds < IDLE_MIN_S || seconds > IDLE_MAX_S)
        problem(r, "idle_timeout \"%.40s\" is not a number of seconds from 30 to 900", value);
    else
        c->idle_timeout = seconds;
}

static void read_pin(reader *r, site_config *c, const char *value)
{
    if (strlen(value) >= sizeof c->pin_hash || !pin_hash_is_valid(value))
        problem(r, "pin: not a crypt(3) hash (no operator access until it is set again)");
    else
        snprintf(c->pin_hash, sizeof c->pin_hash, "%s", value);
}

static void read_trusted_keys(reader *r, site_config *c, const char *value)
{
    char why[600];
    if (strlen(value) >= sizeof c->trusted_keys)
        problem(r, "trusted_keys: longer than %zu bytes", sizeof c->trusted_keys - 1);
    else if (!signed_keys_syntax_ok(value, why, sizeof why))
        problem(r, "trusted_keys: %s", why);
    else
        snprintf(c->trusted_keys, sizeof c->trusted_keys, "%s", value);
}

static void read_update_folder(reader *r, site_config *c, const char *value)
{
    const char *why;
    if (!update_folder_is_valid(value, sizeof c->update_folder, &why))
        problem(r, "update_folder \"%.80s\": %s", value, why);
    else
        snprintf(c->update_folder, sizeof c->update_folder, "%s", value);
}

static void read_line(reader *r, site_config *c, char *line, int *seen_on)
{
    char *comment = strchr(line, '#');
    if (comment)
        *comment = '\0';
    char *text = trim(line);
    if (!*text)
        return;
    char *equals = strchr(text, '=');
    if (!equals) {
        problem(r, "expected \"key = value\", found \"%.80s\"", text);
        return;
    }
    *equals = '\0';
    char *key = trim(text), *value = trim(equals + 1);
    int k = 0;
    while (k < KEY_COUNT && strcmp(key, key_names[k]) != 0)
        k++;
    if (k == KEY_COUNT) {
        problem(r, "unknown key \"%.80s\"", key);
        return;
    }
    if (seen_on[k]) {
        problem(r, "repeated key %s (first on line %d): this line is ignored", key_names[k],
                seen_on[k]);
        return;
    }
    seen_on[k] = r->line;
    switch ((enum key)k) {
    case KEY_TOWN:
        read_town(r, c, value);
        break;
    case KEY_PLACE:
        read_place(r, c, value);
        break;
    case KEY_LANGUAGES:
        read_languages(r, c, value);
        break;
    case KEY_IDLE_TIMEOUT:
        read_idle_timeout(r, c, value);
        break;
    case KEY_PIN:
        read_pin(r, c, value);
        break;
    case KEY_TRUSTED_KEYS:
        read_trusted_keys(r, c, value);
        break;
    case KEY_UPDATE_FOLDER:
        read_update_folder(r, c, value);
        break;
    case KEY_COUNT:
        break;
    }
}

bool site_config_load(site_config *c, const char *path)
{
    if (!c)
        return false;
    site_config_defaults(c);
    if (!path) {
        log_message(LOG_ERROR, "config", "no configuration file name: using defaults");
        return false;
    }
    FILE *file = fopen(path, "r");
    if (!file) {
        if (errno == ENOENT) {
            log_message(LOG_INFO, "config", "%s: no such file: using defaults", path);
            return true;
        }
        log_message(LOG_ERROR, "config", "%s: cannot read: %s: using defaults", path,
                    strerror(errno));
        return false;
    }
    reader r = {.path = path, .line = 0, .ok = true};
    int seen_on[KEY_COUNT] = {0};
    char line[LINE_MAX_BYTES + 1];
    bool more = true;
    long bytes = 0;
    while (more) {
        /* fgets cannot tell a NUL byte from the end of the line: read bytes. */
        size_t length = 0;
        bool too_long = false, nul = false;
        int ch;
        while ((ch = fgetc(file)) != EOF && ch != '\n' && ++bytes <= FILE_MAX_BYTES) {
            if (ch == '\0')
                nul = true;
            else if (length < LINE_MAX_BYTES)
                line[length++] = (char)ch;
            else
                too_long = true;
        }
        more = ch != EOF;
        if (!more && length == 0 && !too_long && !nul)
            break;
        line[length] = '\0';
        r.line++;
        if (bytes > FILE_MAX_BYTES) {
            problem(&r, "the file is longer than %d bytes: the rest is ignored", FILE_MAX_BYTES);
            break;
        }
        if (too_long)
            problem(&r, "line longer than %d bytes: ignored", LINE_MAX_BYTES);
        else if (nul)
            problem(&r, "a NUL byte: line ignored");
        else if (r.line == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
            read_line(&r, c, line + 3, seen_on); /* a byte order mark from a Windows editor */
        else
            read_line(&r, c, line, seen_on);
    }
    if (ferror(file)) {
        log_message(LOG_ERROR, "config", "%s: read error after line %d: %s", path, r.line,
                    strerror(errno));
        r.ok = false;
    }
    fclose(file);
    return r.ok;
}

/* ---- writing -------------------------------------------------------------------- */

/* A configuration that site_config_load would read back unchanged. */
static bool config_is_valid(const site_config *c, const char **why)
{
    const char *folder_why;
    *why = NULL;
    if (!memchr(c->town, '\0', sizeof c->town) || !town_is_valid(c->town))
        *why = "unknown town";
    else if (!memchr(c->place, '\0', sizeof c->place) || !place_is_valid(c->place))
        *why = "unknown place";
    else if (c->language_count < 1 || c->language_count > LANGUAGES_MAX)
        *why = "1 to 32 languages";
    else if (c->idle_timeout < IDLE_MIN_S || c->idle_timeout > IDLE_MAX_S)
        *why = "idle_timeout out of 30..900";
    else if (!memchr(c->pin_hash, '\0', sizeof c->pin_hash) || !pin_hash_is_valid(c->pin_hash))
        *why = "the PIN hash is not a crypt(3) hash";
    else if (!memchr(c->trusted_keys, '\0', sizeof c->trusted_keys) ||
             !signed_keys_syntax_ok(c->trusted_keys, NULL, 0))
        *why = "trusted_keys is not a list of key files and NAME:BASE64 keys";
    else if (!update_folder_is_valid(c->update_folder, sizeof c->update_folder, &folder_why))
        *why = "update_folder is not an absolute folder path";
    for (int i = 0; !*why && i < c->language_count; i++) {
        if (!memchr(c->languages[i], '\0', sizeof c->languages[i]) ||
            !language_code_is_valid(c->languages[i]))
            *why = "a language code is not 2-3 letters a-z";
        for (int j = 0; !*why && j < i; j++)
            if (strcmp(c->languages[i], c->languages[j]) == 0)
                *why = "a language is listed twice";
    }
    return *why == NULL;
}

/* One "key = value   # comment" line, comments aligned as in the example. */
static void write_setting(FILE *out, const char *key, const char *value, const char *comment)
{
    char setting[1200];
    snprintf(setting, sizeof setting, "%s = %s", key, value);
    fprintf(out, "%-26s  # %s\n", setting, comment);
}

static bool write_config(FILE *out, const site_config *c)
{
    char languages[LANGUAGES_MAX * 4 + 1] = "";
    for (int i = 0; i < c->language_count; i++) {
        if (i > 0)
            strcat(languages, " ");
        strcat(languages, c->languages[i]);
    }
    char idle[16];
    snprintf(idle, sizeof idle, "%d", c->idle_timeout);
    fputs("# Sportello site configuration\n", out);
    write_setting(out, "town", c->town, "mantova | castiglione-delle-stiviere | suzzara | other");
    write_setting(out, "place", c->place, "desk | cas (a tablet in a reception centre)");
    write_setting(out, "languages", languages, "languages shown on the picker, in this order");
    write_setting(out, "idle_timeout", idle, "seconds, 30..900");
    write_setting(out, "pin", c->pin_hash,
                  "crypt(3) hash of the operator PIN (salted); empty = no operator access");
    write_setting(out, "trusted_keys", c->trusted_keys,
                  "keys that sign catalogues (key files, NAME:BASE64); empty = the kiosk's own");
    write_setting(out, "update_folder", c->update_folder,
                  "where new catalogues arrive (USB, rsync, Syncthing); empty = no updates");
    return fflush(out) == 0 && !ferror(out);
}

/* After the rename, the directory entry itself must reach the disk. */

bool site_config_save(const site_config *c, const char *path)
{
    const char *why;
    if (!c || !path || !*path) {
        log_message(LOG_ERROR, "config", "save: no configuration or no file name");
        return false;
    }
    if (!config_is_valid(c, &why)) {
        log_message(LOG_ERROR, "config", "%s: not saved: %s", path, why);
        return false;
    }
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    bool written = out && write_config(out, c);
    if (out && fclose(out) != 0)
        written = false;
    /* 0600: it holds the PIN hash. */
    if (!written || !file_write_atomic(path, text, length, 0600)) {
        log_message(LOG_ERROR, "config", "%s: not saved (%s); the old file is unchanged", path,
                    written ? strerror(errno) : "out of memory");
        free(text);
        return false;
    }
    free(text);
    log_message(LOG_INFO, "config", "%s: saved", path);
    return true;
}
