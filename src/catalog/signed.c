/* signed.c - see signed.h. */
#include "signed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <sodium.h>
#include <sqlite3.h>

#include "file_read.h"
#include "file_write.h"
#include "meta.h"

static const char magic[8] = {'S', 'P', 'S', 'I', 'G', 'N', 'E', 'D'};
enum { TRAILER_FORMAT = 1, KEY_FILE_MAX = 4096 };

bool signed_init(char *why, size_t why_size)
{
    if (sodium_init() < 0) {
        snprintf(why, why_size, "libsodium cannot start");
        return false;
    }
    return true;
}

bool signed_name_is_valid(const char *name)
{
    size_t length = strlen(name);
    return length >= 1 && length <= SIGNED_NAME_MAX &&
           strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
               length;
}

static void key_id(const unsigned char public_key[32], unsigned char id[8])
{
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, public_key, 32, NULL, 0);
    memcpy(id, hash, 8);
}

void signed_key_id_hex(const unsigned char id[8], char hex[17])
{
    sodium_bin2hex(hex, 17, id, 8);
}

static void put_le(unsigned char *out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++)
        out[i] = (unsigned char)(value >> (8 * i));
}

static uint64_t get_le(const unsigned char *in, int bytes)
{
    uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; i--)
        value = value << 8 | in[i];
    return value;
}

/* ---- key files ------------------------------------------------------------ */

/* Writes `text` to `path` through a file beside it, renamed; `mode`. */
static bool write_key_file(const char *path, const char *text, mode_t mode, bool replace, char *why,
                           size_t why_size)
{
    if (!replace && access(path, F_OK) == 0) {
        snprintf(why, why_size, "%s: exists already (a key is never overwritten)", path);
        return false;
    }
    bool ok = file_write_atomic(path, text, strlen(text), mode);
    if (!ok)
        snprintf(why, why_size, "%s: cannot write: %s", path, strerror(errno));
    return ok;
}

static void key_text(char *out, size_t size, const char *kind, const char *name,
                     const unsigned char *bytes, size_t count)
{
    char base64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(base64, sizeof base64, bytes, count, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, size, "sportello catalogue %s key: %s\n%s\n", kind, name, base64);
    sodium_memzero(base64, sizeof base64);
}

bool signed_keygen(const char *secret_path, const char *public_path, const char *name, bool replace,
                   char *why, size_t why_size)
{
    if (!signed_init(why, why_size))
        return false;
    if (!signed_name_is_valid(name)) {
        snprintf(why, why_size, "key name \"%.40s\": 1-32 letters, digits, '.', '_' or '-'", name);
        return false;
    }
    if (!replace && access(public_path, F_OK) == 0) {
        snprintf(why, why_size, "%s: exists already (a key is never overwritten)", public_path);
        return false;
    }
    unsigned char public_key[32], secret_key[64];
    crypto_sign_keypair(public_key, secret_key);
    char text[256];
    key_text(text, sizeof text, "secret", name, secret_key, sizeof secret_key);
    sodium_memzero(secret_key, sizeof secret_key);
    bool ok = write_key_file(secret_path, text, 0600, replace, why, why_size);
    sodium_memzero(text, sizeof text);
    if (ok) {
        key_text(text, sizeof text, "public", name, public_key, sizeof public_key);
        ok = write_key_file(public_path, text, 0644, replace, why, why_size);
    }
    return ok;
}

/* Reads a key file of `kind` into name and bytes (exactly `count`). */
static bool read_key_file(const char *path, const char *kind, char name[SIGNED_NAME_MAX + 1],
                          unsigned char *bytes, size_t count, char *why, size_t why_size)
{
    size_t length = 0;
    char *text = file_read_all(path, &length);
    if (!text) {
        snprintf(why, why_size, "%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    char header[64];
    snprintf(header, sizeof header, "sportello catalogue %s key: ", kind);
    char *newline = strchr(text, '\n');
    bool ok = false;
    if (length > KEY_FILE_MAX || !newline || strncmp(text, header, strlen(header)) != 0) {
        snprintf(why, why_size, "%s: not a %s key file (first line \"%s...\")", path, kind, header);
    } else {
        *newline = '\0';
        const char *key_name = text + strlen(header);
        char *end = newline + 1 + strcspn(newline + 1, "\r\n");
        *end = '\0';
        size_t decoded = 0;
        if (!signed_name_is_valid(key_name))
            snprintf(why, why_size, "%s:1: key name \"%.40s\" is not 1-32 letters, digits, ._-",
                     path, key_name);
        else if (sodium_base642bin(bytes, count, newline + 1, strlen(newline + 1), NULL, &decoded,
                                   NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
                 decoded != count)
            snprintf(why, why_size, "%s:2: not the base64 of a %zu-byte key", path, count);
        else {
            snprintf(name, SIGNED_NAME_MAX + 1, "%s", key_name);
            ok = true;
        }
    }
    sodium_memzero(text, length);
    free(text);
    return ok;
}

bool signed_public_read(const char *path, signed_key *key, char *why, size_t why_size)
{
    memset(key, 0, sizeof *key);
    if (!signed_init(why, why_size) ||
        !read_key_file(path, "public", key->name, key->public_key, 32, why, why_size))
        return false;
    key_id(key->public_key, key->id);
    return true;
}

bool signed_public_parse(const char *name, const char *base64, signed_key *key, char *why,
                         size_t why_size)
{
    memset(key, 0, sizeof *key);
    size_t decoded = 0;
    if (!signed_init(why, why_size))
        return false;
    if (!signed_name_is_valid(name)) {
        snprintf(why, why_size, "key name \"%.40s\" is not 1-32 letters, digits, '.', '_' or '-'",
                 name);
        return false;
    }
    if (sodium_base642bin(key->public_key, 32, base64, strlen(base64), NULL, &decoded, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        decoded != 32) {
        snprintf(why, why_size, "key %s: not the base64 of a 32-byte public key", name);
        return false;
    }
    snprintf(key->name, sizeof key->name, "%s", name);
    key_id(key->public_key, key->id);
    return true;
}

bool signed_secret_read(const char *path, signed_secret *secret, char *why, size_t why_size)
{
    memset(secret, 0, sizeof *secret);
    return signed_init(why, why_size) &&
           read_key_file(path, "secret", secret->name, secret->secret_key, 64, why, why_size);
}

bool signed_pair_matches(const signed_secret *secret, const signed_key *key)
{
    unsigned char public_key[32];
    crypto_sign_ed25519_sk_to_pk(public_key, secret->secret_key);
    return sodium_memcmp(public_key, key->public_key, sizeof public_key) == 0;
}

void signed_secret_forget(signed_secret *secret)
{
    sodium_memzero(secret, sizeof *secret);
}

/* ---- lists of trusted keys ------------------------------------------------ */

/* Reads one entry: "/path/of/key.pub" or "NAME:BASE64"; `open_files`
 * false only checks the form of a path. */
static bool read_entry(const char *entry, bool open_files, signed_key *key, char *why,
                       size_t why_size)
{
    if (entry[0] == '/') {
        if (!open_files)
            return true;
        return signed_public_read(entry, key, why, why_size);
    }
    const char *colon = strchr(entry, ':');
    if (!colon || colon == entry || (size_t)(colon - entry) > SIGNED_NAME_MAX) {
        snprintf(why, why_size,
                 "trusted key \"%.60s\": expected an absolute path of a key file or NAME:BASE64",
                 entry);
        return false;
    }
    char name[SIGNED_NAME_MAX + 1];
    snprintf(name, sizeof name, "%.*s", (int)(colon - entry), entry);
    signed_key ignored;
    return signed_public_parse(name, colon + 1, key ? key : &ignored, why, why_size);
}

/* Calls read_entry for each entry of the list; returns the count read. */
static size_t each_entry(const char *list, bool open_files, signed_key *keys, bool *all_ok,
                         char *why, size_t why_size)
{
    size_t count = 0, entries = 0;
    *all_ok = true;
    if (why_size)
        why[0] = '\0';
    for (const char *p = list; *p;) {
        p += strspn(p, " \t");
        size_t length = strcspn(p, " \t");
        if (length == 0)
            break;
        char entry[1024], reason[512];
        snprintf(entry, sizeof entry, "%.*s", (int)length, p);
        p += length;
        if (++entries > SIGNED_KEYS_MAX) {
            if (*all_ok)
                snprintf(why, why_size, "more than %d trusted keys", SIGNED_KEYS_MAX);
            *all_ok = false;
            break;
        }
        if (read_entry(entry, open_files, keys ? &keys[count] : NULL, reason, sizeof reason))
            count++;
        else {
            if (*all_ok)
                snprintf(why, why_size, "%s", reason);
            *all_ok = false;
        }
    }
    return count;
}

size_t signed_keys_read(const char *list, signed_key *keys, char *why, size_t why_size)
{
    bool all_ok;
    return each_entry(list, true, keys, &all_ok, why, why_size);
}

bool signed_keys_syntax_ok(const char *list, char *why, size_t why_size)
{
    bool all_ok;
    each_entry(list, false, NULL, &all_ok, why, why_size);
    return all_ok;
}

/* ---- signing and verifying -------------------------------------------------- */

bool signed_append(const char *path, const signed_secret *secret, char *why, size_t why_size)
{
    if (!signed_init(why, why_size))
        return false;
    size_t size = 0;
    char *data = file_read_all(path, &size);
    if (!data) {
        snprintf(why, why_size, "%s: cannot read to sign: %s", path, strerror(errno));
        return false;
    }
    unsigned char *message = malloc(size + SIGNED_TRAILER_SIZE);
    bool ok = message != NULL;
    if (ok) {
        memcpy(message, data, size);
        unsigned char *trailer = message + size;
        memset(trailer, 0, SIGNED_TRAILER_SIZE);
        memcpy(trailer, magic, sizeof magic);
        put_le(trailer + 8, TRAILER_FORMAT, 4);
        unsigned char public_key[32];
        crypto_sign_ed25519_sk_to_pk(public_key, secret->secret_key);
        key_id(public_key, trailer + 16);
        put_le(trailer + 24, size, 8);
        crypto_sign_detached(trailer + 32, NULL, message, size + 32, secret->secret_key);
        int fd = open(path, O_WRONLY | O_APPEND);
        ok = fd >= 0 && write(fd, trailer, SIGNED_TRAILER_SIZE) == SIGNED_TRAILER_SIZE;
        if (!ok)
            snprintf(why, why_size, "%s: cannot append the signature: %s", path, strerror(errno));
        if (fd >= 0 && close(fd) != 0 && ok) {
            snprintf(why, why_size, "%s: cannot append the signature: %s", path, strerror(errno));
            ok = false;
        }
    } else {
        snprintf(why, why_size, "%s: out of memory to sign it", path);
    }
    free(message);
    free(data);
    return ok;
}

bool signed_has_trailer(const unsigned char *bytes, size_t size)
{
    return size >= SIGNED_TRAILER_SIZE &&
           memcmp(bytes + size - SIGNED_TRAILER_SIZE, magic, sizeof magic) == 0;
}

signed_status signed_verify(const unsigned char *bytes, size_t size, const signed_key *keys,
                            size_t key_count, size_t *sqlite_size, const signed_key **signer,
                            char *why, size_t why_size)
{
    if (!signed_has_trailer(bytes, size)) {
        snprintf(why, why_size, "not signed (no signature at the end of the file)");
        return SIGNED_UNSIGNED;
    }
    if (!signed_init(why, why_size))
        return SIGNED_MALFORMED;
    const unsigned char *trailer = bytes + size - SIGNED_TRAILER_SIZE;
    uint64_t format = get_le(trailer + 8, 4), reserved = get_le(trailer + 12, 4);
    uint64_t recorded = get_le(trailer + 24, 8);
    if (format != TRAILER_FORMAT || reserved != 0 || recorded != size - SIGNED_TRAILER_SIZE) {
        snprintf(why, why_size,
                 "signature of another format or size (format %llu, %llu bytes recorded, %zu"
                 " found)",
                 (unsigned long long)format, (unsigned long long)recorded,
                 size - SIGNED_TRAILER_SIZE);
        return SIGNED_MALFORMED;
    }
    char hex[17];
    signed_key_id_hex(trailer + 16, hex);
    for (size_t i = 0; i < key_count; i++) {
        if (memcmp(keys[i].id, trailer + 16, 8) != 0)
            continue;
        if (crypto_sign_verify_detached(trailer + 32, bytes, size - 64, keys[i].public_key) != 0) {
            snprintf(why, why_size,
                     "bad signature: the file is not what key %s (%s) signed (changed or damaged)",
                     keys[i].name, hex);
            return SIGNED_BAD_SIGNATURE;
        }
        *sqlite_size = size - SIGNED_TRAILER_SIZE;
        *signer = &keys[i];
        return SIGNED_OK;
    }
    snprintf(why, why_size, "signed by key %s, which is not among the trusted keys", hex);
    return SIGNED_UNKNOWN_KEY;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

long long signed_version_of(const char *built_at)
{
    int y, mo, d, h, mi, s;
    char z, end;
    if (!built_at || strlen(built_at) != 20 ||
        sscanf(built_at, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &y, &mo, &d, &h, &mi, &s, &z, &end) != 7 ||
        z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 ||
        y < 1970 || h < 0 || mi < 0 || s < 0)
        return -1;
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
}

/* ---- the verified catalogue -------------------------------------------------- */

enum { CATALOG_MAX_BYTES = 1 << 30 };

/* The whole file into a buffer of sqlite3_malloc64 (sqlite3_deserialize
 * takes it), read through one descriptor whose fstat is kept. */
static unsigned char *read_whole(const char *path, struct stat *st, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, st) != 0) {
        snprintf(why, why_size, "%s: cannot read the file: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st->st_mode) || st->st_size <= 0 || st->st_size > CATALOG_MAX_BYTES) {
        snprintf(why, why_size, "%s: not a catalogue file (%lld bytes)", path,
                 (long long)st->st_size);
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st->st_size, got = 0;
    unsigned char *bytes = sqlite3_malloc64(size);
    while (bytes && got < size) {
        ssize_t n = read(fd, bytes + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!bytes || got != size) {
        snprintf(why, why_size, "%s: %s", path,
                 bytes ? "the file changed size while it was read" : "out of memory");
        sqlite3_free(bytes);
        return NULL;
    }
    return bytes;
}

/* The first value of a one-column query as text into out; false if none. */
static bool first_value(sqlite3 *db, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *stmt = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(stmt, 0);
        snprintf(out, size, "%s", text ? (const char *)text : "");
        found = true;
    } else {
        snprintf(out, size, "%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    return found;
}

static bool check_database(sqlite3 *db, long long *version, char *why, size_t why_size)
{
    char value[256];
    if (!first_value(db, "PRAGMA integrity_check", value, sizeof value)) {
        snprintf(why, why_size, "damaged: %s", value);
        return false;
    }
    if (strcmp(value, "ok") != 0) {
        snprintf(why, why_size, "integrity check failed: %s", value);
        return false;
    }
    if (!first_value(db, "SELECT value FROM meta WHERE key = 'schema_version'", value,
                     sizeof value)) {
        snprintf(why, why_size, "no schema version: %s", value);
        return false;
    }
    if (atoi(value) != CATALOG_SCHEMA_VERSION) {
        snprintf(why, why_size, "schema version %d, this kiosk reads version %d", atoi(value),
                 CATALOG_SCHEMA_VERSION);
        return false;
    }
    if (!first_value(db, "SELECT value FROM meta WHERE key = 'built_at'", value, sizeof value) ||
        (*version = signed_version_of(value)) < 0) {
        snprintf(why, why_size, "no version (meta built_at \"%.40s\")", value);
        return false;
    }
    return true;
}

bool signed_catalog_open(const char *path, const signed_key *keys, size_t key_count,
                         bool allow_unsigned, signed_catalog *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    char reason[512];
    unsigned char *bytes = read_whole(path, &out->file, why, why_size);
    if (!bytes)
        return false;
    size_t size = (size_t)out->file.st_size, sqlite_size = size;
    if (allow_unsigned && !signed_has_trailer(bytes, size)) {
        out->signer = NULL;
    } else if (signed_verify(bytes, size, keys, key_count, &sqlite_size, &out->signer, reason,
                             sizeof reason) != SIGNED_OK) {
        snprintf(why, why_size, "%s: %s", path, reason);
        sqlite3_free(bytes);
        return false;
    }
    /* Not SQLITE_DESERIALIZE_READONLY: on a read-only database SQLite's
     * integrity_check skips CHECK constraints (measured: a texts row with a
     * status outside its CHECK passes read-only, fails read-write).  The
     * copy is in memory and query_only, so nothing can be written anyway. */
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_deserialize(db, "main", bytes, (sqlite3_int64)sqlite_size, (sqlite3_int64)size,
                            SQLITE_DESERIALIZE_FREEONCLOSE) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(why, why_size, "%s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        if (!db)
            sqlite3_free(bytes);
        sqlite3_close(db);
        return false;
    }
    if (!check_database(db, &out->version, reason, sizeof reason)) {
        snprintf(why, why_size, "%s: %s", path, reason);
        sqlite3_close(db);
        return false;
    }
    out->db = db;
    return true;
}
