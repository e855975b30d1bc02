/* signed.h - signed catalogues: Ed25519 (libsodium) over the whole file.
 *
 * A signed catalogue is one file: the SQLite database, byte for byte as
 * the builder wrote it, followed by a trailer of SIGNED_TRAILER_SIZE bytes
 * (docs/design.md, "Signed catalogues"):
 *
 *   offset  size  what
 *        0     8  magic "SPSIGNED"
 *        8     4  trailer format, 1 (little endian)
 *       12     4  0 (reserved)
 *       16     8  key id: the first 8 bytes of BLAKE2b-128 of the public key
 *       24     8  size of the SQLite part (little endian): the file's size - 96
 *       32    64  Ed25519 signature of every byte of the file before it
 *
 * So the signature travels inside the catalogue and one rename installs
 * both; SQLite ignores the bytes after the size its header records.
 *
 * Key files are two lines of text:
 *   sportello catalogue public key: NAME      (secret key: NAME)
 *   BASE64 of the 32-byte public key          (of the 64-byte secret key)
 * A NAME is 1-32 letters, digits, '.', '_' or '-'. */
#ifndef SPORTELLO_CATALOG_SIGNED_H
#define SPORTELLO_CATALOG_SIGNED_H

#include <stdbool.h>
#include <stddef.h>

#include <sys/stat.h>

#define SIGNED_TRAILER_SIZE 96
#define SIGNED_NAME_MAX 32
#define SIGNED_KEYS_MAX 16 /* trusted keys a site may name */

typedef struct signed_key {
    char name[SIGNED_NAME_MAX + 1];
    unsigned char public_key[32];
    unsigned char id[8];
} signed_key;

typedef struct signed_secret {
    char name[SIGNED_NAME_MAX + 1];
    unsigned char secret_key[64];
} signed_secret;

/* False (with why) when libsodium cannot start. */
bool signed_init(char *why, size_t why_size);

bool signed_name_is_valid(const char *name);

/* The key id as 16 hex digits (buffer of 17). */
void signed_key_id_hex(const unsigned char id[8], char hex[17]);

/* Makes a key pair and writes both files (the secret one 0600), each
 * written beside and renamed; an existing file is refused unless
 * `replace`. */
bool signed_keygen(const char *secret_path, const char *public_path, const char *name, bool replace,
                   char *why, size_t why_size);

bool signed_public_read(const char *path, signed_key *key, char *why, size_t why_size);
/* A key given as NAME and BASE64 of its 32 bytes (a site configuration). */
bool signed_public_parse(const char *name, const char *base64, signed_key *key, char *why,
                         size_t why_size);
bool signed_secret_read(const char *path, signed_secret *secret, char *why, size_t why_size);
/* True when `secret` is the secret half of `key`. */
bool signed_pair_matches(const signed_secret *secret, const signed_key *key);
/* Zeroes the secret key in memory. */
void signed_secret_forget(signed_secret *secret);

/* Reads the trusted keys of a list "ENTRY ENTRY ...", each either an
 * absolute path of a public key file or NAME:BASE64.  Returns how many
 * were read into keys (at most SIGNED_KEYS_MAX); an entry that cannot be
 * read is skipped and the first such reason is put in why. */
size_t signed_keys_read(const char *list, signed_key *keys, char *why, size_t why_size);
/* True when every entry of `list` is well formed (paths are not opened). */
bool signed_keys_syntax_ok(const char *list, char *why, size_t why_size);

/* Signs the file at `path` (an SQLite file with no trailer yet) by
 * appending the trailer; the caller fsyncs and renames it. */
bool signed_append(const char *path, const signed_secret *secret, char *why, size_t why_size);

typedef enum signed_status {
    SIGNED_OK,
    SIGNED_UNSIGNED,      /* no trailer */
    SIGNED_MALFORMED,     /* a trailer of another format or size */
    SIGNED_UNKNOWN_KEY,   /* signed by a key that is not trusted */
    SIGNED_BAD_SIGNATURE, /* a trusted key's id, but the bytes do not match */
} signed_status;

/* True when the last bytes of `bytes` are a trailer's magic. */
bool signed_has_trailer(const unsigned char *bytes, size_t size);

/* Verifies a whole file in memory against `keys`.  SIGNED_OK: *sqlite_size
 * is the size of the SQLite part and *signer the key that signed.  Else a
 * sentence in why. */
signed_status signed_verify(const unsigned char *bytes, size_t size, const signed_key *keys,
                            size_t key_count, size_t *sqlite_size, const signed_key **signer,
                            char *why, size_t why_size);

/* A catalogue verified and opened: its SQLite part, read once into memory
 * (sqlite3_deserialize, query_only), so what is read later is exactly what
 * was verified, whatever happens to the file. */
typedef struct signed_catalog {
    struct sqlite3 *db;
    const signed_key *signer; /* one of the keys given; NULL for an unsigned file allowed */
    long long version;        /* signed_version_of(meta built_at) */
    struct stat file;         /* the file as it was read */
} signed_catalog;

/* Reads the file at `path` whole, verifies its signature against `keys`
 * (an unsigned file only when `allow_unsigned`), opens its SQLite part
 * in memory, query_only, and runs a full PRAGMA integrity_check; checks the
 * schema version and reads the version.  False with one sentence in why
 * (and out->db NULL) when any of it fails. */
bool signed_catalog_open(const char *path, const signed_key *keys, size_t key_count,
                         bool allow_unsigned, signed_catalog *out, char *why, size_t why_size);

/* The build time a catalogue's meta `built_at` ("YYYY-MM-DDTHH:MM:SSZ")
 * names, in seconds since 1970: the catalogue's version.  -1 when the text
 * is not such a time. */
long long signed_version_of(const char *built_at);

#endif
