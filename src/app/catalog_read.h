/* catalog_read.h - the kiosk's read-only view of the catalogue.
 *
 * catalog_open() checks the file (schema version, quick_check) and loads
 * the structure - categories, services with their phones, hours, closures
 * and languages, articles with their blocks - into memory; texts are read
 * on demand, per key and language, from the `texts` table (docs/catalog.md).
 * A catalogue that cannot be opened gives NULL and a sentence saying why:
 * the kiosk then shows its out-of-service screen. */
#ifndef SPORTELLO_CATALOG_READ_H
#define SPORTELLO_CATALOG_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <sys/stat.h>

#include "catalog/meta.h"
#include "catalog/signed.h"
#include "hours.h"

typedef struct catalog_language {
    char code[8];
    char review[16]; /* source, draft, reviewed, unknown, missing */
} catalog_language;

typedef struct catalog_category {
    char *id, *icon;
} catalog_category;

typedef struct catalog_service {
    char *id, *agency, *category, *town, *address, *email, *web;
    bool example; /* the service or its agency */
    char *source, *checked;
    char **phones;
    size_t phone_count;
    hours_range *hours;
    size_t hours_count;
    char **closures;
    size_t closure_count;
    char (*languages)[8];
    size_t language_count;
} catalog_service;

typedef struct catalog_block {
    char kind[12]; /* heading, paragraph, item */
    char *key;
} catalog_block;

typedef struct catalog_article {
    char *id, *category;
    char *checked; /* when its facts were last read (catalog/checked.h); "" when unknown */
    catalog_block *blocks;
    size_t block_count;
} catalog_article;

typedef struct catalog catalog;

catalog *catalog_open(const char *path, char *why, size_t why_size);
void catalog_close(catalog *catalog);

/* The kiosk's way: the file read whole, its signature verified against
 * `keys` (an unsigned file only when `allow_unsigned`), a full
 * integrity_check, then the verified bytes opened in memory (query_only), so
 * the catalogue in use cannot change under the kiosk (signed.h). */
catalog *catalog_open_trusted(const char *path, const signed_key *keys, size_t key_count,
                              bool allow_unsigned, char *why, size_t why_size);

/* The catalogue's version: its build time in seconds (meta built_at); -1
 * when it has none. */
long long catalog_version(const catalog *catalog);
/* The key that signed it, NULL when it was opened unverified. */
const signed_key *catalog_signer(const catalog *catalog);

/* True when the file at the path is no longer the one opened (replaced by
 * a new build, or deleted). */
bool catalog_replaced(const catalog *catalog);
/* True when two stats of one path are the same file as it was: inode,
 * size and times to the nanosecond. */
bool same_file_state(const struct stat *now, const struct stat *then);
/* The file it was opened from. */
const char *catalog_path_of(const catalog *catalog);

size_t catalog_language_count(const catalog *catalog);
const catalog_language *catalog_language_at(const catalog *catalog, size_t index);
const catalog_language *catalog_find_language(const catalog *catalog, const char *code);

size_t catalog_category_count(const catalog *catalog);
const catalog_category *catalog_category_at(const catalog *catalog, size_t index);

size_t catalog_service_count(const catalog *catalog);
const catalog_service *catalog_service_at(const catalog *catalog, size_t index);
const catalog_service *catalog_find_service(const catalog *catalog, const char *id);

size_t catalog_article_count(const catalog *catalog);
const catalog_article *catalog_article_at(const catalog *catalog, size_t index);
const catalog_article *catalog_find_article(const catalog *catalog, const char *id);

/* How many services and articles were checked more than `months` months
 * before `now` (catalog/checked.h: the rule `sportello-catalog stats
 * --older-than` lists them by). */
size_t catalog_count_older(const catalog *catalog, int months, long long now);

/* The text of `key` ("service:ID:name") in `language`: malloc'd UTF-8, or
 * NULL when the key is unknown.  `shown` (8 bytes, may be NULL) receives
 * the language the text really is in (a fallback shows as "it" or "en"). */
char *catalog_text(catalog *catalog, const char *key, const char *language, char *shown);

/* The same for a record field: catalog_field(c, "service", id, "name", ...). */
char *catalog_field(catalog *catalog, const char *kind, const char *id, const char *field,
                    const char *language, char *shown);

/* Whether a translator's recording of `key` in `language` is in the
 * catalogue (stored only where that language shows its own current
 * translation: catalog/recordings.h). */
bool catalog_has_recording(catalog *catalog, const char *key, const char *language);

/* The recording's bytes (Ogg Vorbis, catalog/recording.h), malloc'd, with
 * *size; NULL when there is none. */
unsigned char *catalog_recording(catalog *catalog, const char *key, const char *language,
                                 size_t *size);

#endif
