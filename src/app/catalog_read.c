/* catalog_read.c - open, check and load the catalogue for the kiosk. */
#include "catalog_read.h"
#include "catalog_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "array.h"
#include "catalog/checked.h"
#include "catalog/facts.h"
#include "log.h"

#define BUSY_TIMEOUT_MS 200

char *catalog_dup_column(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    return strdup(text ? (const char *)text : "");
}

static void copy_column(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    snprintf(out, size, "%s", text ? (const char *)text : "");
}

/* Runs `sql`, calling `row` for each result row; false on any error, with
 * the reason in why. */
typedef bool (*row_fn)(catalog *c, sqlite3_stmt *stmt);

static bool each_row(catalog *c, const char *sql, row_fn row, char *why, size_t why_size)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(why, why_size, "%s", sqlite3_errmsg(c->db));
        return false;
    }
    int rc;
    bool ok = true;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!row(c, stmt)) {
            snprintf(why, why_size, "out of memory");
            ok = false;
            break;
        }
    }
    if (ok && rc != SQLITE_DONE) {
        snprintf(why, why_size, "%s", sqlite3_errmsg(c->db));
        ok = false;
    }
    sqlite3_finalize(stmt);
    return ok;
}

static bool language_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->languages, c->language_count, &c->language_cap,
                    sizeof *c->languages))
        return false;
    catalog_language *l = &c->languages[c->language_count++];
    copy_column(stmt, 0, l->code, sizeof l->code);
    copy_column(stmt, 1, l->review, sizeof l->review);
    return true;
}

static bool category_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->categories, c->category_count, &c->category_cap,
                    sizeof *c->categories))
        return false;
    catalog_category *k = &c->categories[c->category_count++];
    k->id = catalog_dup_column(stmt, 0);
    k->icon = catalog_dup_column(stmt, 1);
    return k->id && k->icon;
}

static bool service_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->services, c->service_count, &c->service_cap, sizeof *c->services))
        return false;
    catalog_service *s = &c->services[c->service_count++];
    memset(s, 0, sizeof *s);
    s->id = catalog_dup_column(stmt, 0);
    s->agency = catalog_dup_column(stmt, 1);
    s->category = catalog_dup_column(stmt, 2);
    s->town = catalog_dup_column(stmt, 3);
    s->address = catalog_dup_column(stmt, 4);
    s->email = catalog_dup_column(stmt, 5);
    s->web = catalog_dup_column(stmt, 6);
    s->example = sqlite3_column_int(stmt, 7) != 0;
    s->source = catalog_dup_column(stmt, 8);
    s->checked = catalog_dup_column(stmt, 9);
    return s->id && s->agency && s->category && s->town && s->address && s->email && s->web &&
           s->source && s->checked;
}

static bool article_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->articles, c->article_count, &c->article_cap, sizeof *c->articles))
        return false;
    catalog_article *a = &c->articles[c->article_count++];
    memset(a, 0, sizeof *a);
    a->id = catalog_dup_column(stmt, 0);
    a->category = catalog_dup_column(stmt, 1);
    a->checked = catalog_dup_column(stmt, 2);
    return a->id && a->category && a->checked;
}

static int compare_service_ids(const void *a, const void *b)
{
    return strcmp((*(catalog_service *const *)a)->id, (*(catalog_service *const *)b)->id);
}

/* Sorts pointers to the services by id, once they are all loaded: the
 * detail tables then find their service by binary search (a catalogue may
 * hold thousands of services). */
static bool index_services(catalog *c, char *why, size_t why_size)
{
    size_t count = c->service_count ? c->service_count : 1;
    c->services_by_id = malloc(count * sizeof *c->services_by_id);
    if (!c->services_by_id) {
        snprintf(why, why_size, "out of memory");
        return false;
    }
    for (size_t i = 0; i < c->service_count; i++)
        c->services_by_id[i] = &c->services[i];
    qsort(c->services_by_id, c->service_count, sizeof *c->services_by_id, compare_service_ids);
    return true;
}

const catalog_service *catalog_find_service(const catalog *c, const char *id)
{
    catalog_service key = {.id = (char *)id}, *wanted = &key;
    catalog_service **found = c->services_by_id
                                  ? bsearch(&wanted, c->services_by_id, c->service_count,
                                            sizeof *c->services_by_id, compare_service_ids)
                                  : NULL;
    return found ? *found : NULL;
}

size_t catalog_count_older(const catalog *c, int months, long long now)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->service_count; i++)
        n += checked_is_older(c->services[i].checked, months, (time_t)now);
    for (size_t i = 0; c && i < c->article_count; i++)
        n += checked_is_older(c->articles[i].checked, months, (time_t)now);
    return n;
}

const catalog_article *catalog_find_article(const catalog *c, const char *id)
{
    for (size_t i = 0; i < c->article_count; i++)
        if (strcmp(c->articles[i].id, id) == 0)
            return &c->articles[i];
    return NULL;
}

static catalog_service *service_of(catalog *c, sqlite3_stmt *stmt)
{
    const unsigned char *id = sqlite3_column_text(stmt, 0);
    return id ? (catalog_service *)catalog_find_service(c, (const char *)id) : NULL;
}

/* Appends the text of column 1 to a service's list of strings. */
static bool append_text(char ***list, size_t *count, sqlite3_stmt *stmt)
{
    char **grown = realloc(*list, (*count + 1) * sizeof *grown);
    if (!grown)
        return false;
    *list = grown;
    return ((*list)[(*count)++] = catalog_dup_column(stmt, 1)) != NULL;
}

/* Rows of the detail tables of a service; an unknown service is skipped
 * (foreign keys were checked when the catalogue was built).  A phone is
 * checked again as the builder checked it (catalog/facts.h): the number
 * the screens draw and the one the QR code holds are this one string, so
 * a number that is not dialable as written (a bidi override, an invisible
 * character, a letter) is left out of both, logged. */
static bool phone_row(catalog *c, sqlite3_stmt *stmt)
{
    catalog_service *s = service_of(c, stmt);
    const unsigned char *number = sqlite3_column_text(stmt, 1);
    char why[320], quoted[256];
    if (s && number && !fact_phone_check((const char *)number, false, why, sizeof why)) {
        fact_quote((const char *)number, 60, quoted, sizeof quoted);
        log_message(LOG_WARNING, "catalog", "service %s: phone number '%s' %s: not shown", s->id,
                    quoted, why);
        return true;
    }
    return !s || append_text(&s->phones, &s->phone_count, stmt);
}

static bool hours_row(catalog *c, sqlite3_stmt *stmt)
{
    catalog_service *s = service_of(c, stmt);
    if (!s)
        return true;
    hours_range *grown = realloc(s->hours, (s->hours_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    s->hours = grown;
    s->hours[s->hours_count++] = (hours_range){.weekday = sqlite3_column_int(stmt, 1),
                                               .opens = sqlite3_column_int(stmt, 2),
                                               .closes = sqlite3_column_int(stmt, 3)};
    return true;
}

static bool closure_row(catalog *c, sqlite3_stmt *stmt)
{
    catalog_service *s = service_of(c, stmt);
    return !s || append_text(&s->closures, &s->closure_count, stmt);
}

static bool spoken_row(catalog *c, sqlite3_stmt *stmt)
{
    catalog_service *s = service_of(c, stmt);
    if (!s)
        return true;
    char(*grown)[8] = realloc(s->languages, (s->language_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    s->languages = grown;
    copy_column(stmt, 1, s->languages[s->language_count++], 8);
    return true;
}

static bool block_row(catalog *c, sqlite3_stmt *stmt)
{
    const unsigned char *id = sqlite3_column_text(stmt, 0);
    catalog_article *a = id ? (catalog_article *)catalog_find_article(c, (const char *)id) : NULL;
    if (!a)
        return true;
    catalog_block *grown = realloc(a->blocks, (a->block_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    a->blocks = grown;
    catalog_block *b = &a->blocks[a->block_count++];
    copy_column(stmt, 1, b->kind, sizeof b->kind);
    return (b->key = catalog_dup_column(stmt, 2)) != NULL;
}

static bool check_file(catalog *c, char *why, size_t why_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = false;
    if (sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &stmt,
                           NULL) != SQLITE_OK) {
        snprintf(why, why_size, "not a catalogue: %s", sqlite3_errmsg(c->db));
        return false;
    }
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        int version = sqlite3_column_int(stmt, 0);
        if (version == CATALOG_SCHEMA_VERSION)
            ok = true;
        else
            snprintf(why, why_size, "schema version %d, this kiosk reads version %d", version,
                     CATALOG_SCHEMA_VERSION);
    } else {
        snprintf(why, why_size, "no schema version: %s", sqlite3_errmsg(c->db));
    }
    sqlite3_finalize(stmt);
    if (!ok)
        return false;
    /* A damaged file must give the out-of-service screen at once, not
     * wrong text later: quick_check reads every page (a few ms). */
    ok = false;
    if (sqlite3_prepare_v2(c->db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char *result = sqlite3_column_text(stmt, 0);
        ok = result && strcmp((const char *)result, "ok") == 0;
        if (!ok)
            snprintf(why, why_size, "damaged: %s", result ? (const char *)result : "?");
    } else {
        snprintf(why, why_size, "damaged: %s", sqlite3_errmsg(c->db));
    }
    sqlite3_finalize(stmt);
    return ok;
}

/* The meta version (build time) of an opened catalogue; -1 when none. */
static long long read_version(catalog *c)
{
    sqlite3_stmt *stmt = NULL;
    long long version = -1;
    if (sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = 'built_at'", -1, &stmt,
                           NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        version = signed_version_of((const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return version;
}

/* Loads the structure of the catalogue whose c->db is open; closes c and
 * gives NULL with why on failure.  `checked`: the file was checked whole
 * already (signed_catalog_open's integrity_check). */
static catalog *load(catalog *c, const char *path, bool checked, char *why, size_t why_size)
{
    char reason[256] = "";
    bool ok =
        (checked || check_file(c, reason, sizeof reason)) &&
        each_row(c, "SELECT code, review FROM languages ORDER BY position", language_row, reason,
                 sizeof reason) &&
        each_row(c, "SELECT id, icon FROM categories ORDER BY position", category_row, reason,
                 sizeof reason) &&
        each_row(c,
                 "SELECT s.id, s.agency, s.category, s.town, s.address, s.email, s.web,"
                 " s.example OR a.example, s.source, s.checked"
                 " FROM services s JOIN agencies a ON a.id = s.agency ORDER BY s.position",
                 service_row, reason, sizeof reason) &&
        index_services(c, reason, sizeof reason) &&
        each_row(c, "SELECT service, number FROM phones ORDER BY service, position", phone_row,
                 reason, sizeof reason) &&
        each_row(c, "SELECT service, weekday, opens, closes FROM hours ORDER BY weekday, opens",
                 hours_row, reason, sizeof reason) &&
        each_row(c, "SELECT service, date FROM closures ORDER BY date", closure_row, reason,
                 sizeof reason) &&
        each_row(c, "SELECT service, language FROM service_languages", spoken_row, reason,
                 sizeof reason) &&
        each_row(c, "SELECT id, category, checked FROM articles ORDER BY position", article_row,
                 reason, sizeof reason) &&
        each_row(c, "SELECT article, kind, key FROM article_blocks ORDER BY article, position",
                 block_row, reason, sizeof reason);
    if (ok && c->language_count == 0) {
        snprintf(reason, sizeof reason, "no languages");
        ok = false;
    }
    if (ok &&
        sqlite3_prepare_v2(c->db, "SELECT text, shown FROM texts WHERE key = ? AND language = ?",
                           -1, &c->text, NULL) != SQLITE_OK) {
        snprintf(reason, sizeof reason, "%s", sqlite3_errmsg(c->db));
        ok = false;
    }
    if (ok &&
        (sqlite3_prepare_v2(c->db, "SELECT audio FROM recordings WHERE key = ? AND language = ?",
                            -1, &c->recording, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(c->db, "SELECT 1 FROM recordings WHERE key = ? AND language = ?", -1,
                            &c->has_recording, NULL) != SQLITE_OK)) {
        snprintf(reason, sizeof reason, "%s", sqlite3_errmsg(c->db));
        ok = false;
    }
    if (!ok) {
        snprintf(why, why_size, "%s: %s", path, reason);
        catalog_close(c);
        return NULL;
    }
    c->version = read_version(c);
    if (c->is_signed)
        log_message(LOG_INFO, "catalog",
                    "%s: %zu languages, %zu services, %zu articles; version %lld, signed by %s",
                    path, c->language_count, c->service_count, c->article_count, c->version,
                    c->signer.name);
    else
        log_message(LOG_INFO, "catalog", "%s: %zu languages, %zu services, %zu articles", path,
                    c->language_count, c->service_count, c->article_count);
    return c;
}

catalog *catalog_open(const char *path, char *why, size_t why_size)
{
    catalog *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    c->path = strdup(path);
    if (!c->path || stat(path, &c->opened) != 0) {
        snprintf(why, why_size, "%s: cannot read the file", path);
        catalog_close(c);
        return NULL;
    }
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(why, why_size, "%s: %s", path, c->db ? sqlite3_errmsg(c->db) : "cannot open");
        catalog_close(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    return load(c, path, false, why, why_size);
}

catalog *catalog_open_trusted(const char *path, const signed_key *keys, size_t key_count,
                              bool allow_unsigned, char *why, size_t why_size)
{
    signed_catalog verified;
    if (!signed_catalog_open(path, keys, key_count, allow_unsigned, &verified, why, why_size))
        return NULL;
    catalog *c = calloc(1, sizeof *c);
    if (c)
        c->path = strdup(path);
    if (!c || !c->path) {
        snprintf(why, why_size, "out of memory");
        sqlite3_close(verified.db);
        catalog_close(c);
        return NULL;
    }
    c->db = verified.db;
    c->opened = verified.file;
    c->is_signed = verified.signer != NULL;
    if (verified.signer)
        c->signer = *verified.signer;
    return load(c, path, true, why, why_size);
}

long long catalog_version(const catalog *c)
{
    return c->version;
}

const signed_key *catalog_signer(const catalog *c)
{
    return c->is_signed ? &c->signer : NULL;
}

void catalog_close(catalog *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->text);
    sqlite3_finalize(c->recording);
    sqlite3_finalize(c->has_recording);
    sqlite3_close(c->db);
    for (size_t i = 0; i < c->category_count; i++) {
        free(c->categories[i].id);
        free(c->categories[i].icon);
    }
    for (size_t i = 0; i < c->service_count; i++) {
        catalog_service *s = &c->services[i];
        free(s->id), free(s->agency), free(s->category), free(s->town), free(s->address);
        free(s->email), free(s->web), free(s->source), free(s->checked);
        for (size_t k = 0; k < s->phone_count; k++)
            free(s->phones[k]);
        for (size_t k = 0; k < s->closure_count; k++)
            free(s->closures[k]);
        free(s->phones), free(s->closures), free(s->hours), free(s->languages);
    }
    for (size_t i = 0; i < c->article_count; i++) {
        catalog_article *a = &c->articles[i];
        for (size_t k = 0; k < a->block_count; k++)
            free(a->blocks[k].key);
        free(a->id), free(a->category), free(a->blocks), free(a->checked);
    }
    free(c->languages), free(c->categories), free(c->services), free(c->articles);
    free(c->services_by_id);
    catalog_search_close(c);
    free(c->path);
    free(c);
}

bool same_file_state(const struct stat *now, const struct stat *then)
{
    /* Nanoseconds too: a new file of the same size, put in place within the
     * same second, may be given the inode of the one in use (deleted). */
    return now->st_ino == then->st_ino && now->st_dev == then->st_dev &&
           now->st_size == then->st_size && now->st_mtim.tv_sec == then->st_mtim.tv_sec &&
           now->st_mtim.tv_nsec == then->st_mtim.tv_nsec &&
           now->st_ctim.tv_sec == then->st_ctim.tv_sec &&
           now->st_ctim.tv_nsec == then->st_ctim.tv_nsec;
}

bool catalog_replaced(const catalog *c)
{
    struct stat now;
    return stat(c->path, &now) != 0 || !same_file_state(&now, &c->opened);
}

const char *catalog_path_of(const catalog *c)
{
    return c->path;
}

size_t catalog_language_count(const catalog *c)
{
    return c->language_count;
}
const catalog_language *catalog_language_at(const catalog *c, size_t i)
{
    return i < c->language_count ? &c->languages[i] : NULL;
}
const catalog_language *catalog_find_language(const catalog *c, const char *code)
{
    for (size_t i = 0; i < c->language_count; i++)
        if (strcmp(c->languages[i].code, code) == 0)
            return &c->languages[i];
    return NULL;
}
size_t catalog_category_count(const catalog *c)
{
    return c->category_count;
}
const catalog_category *catalog_category_at(const catalog *c, size_t i)
{
    return i < c->category_count ? &c->categories[i] : NULL;
}
size_t catalog_service_count(const catalog *c)
{
    return c->service_count;
}
const catalog_service *catalog_service_at(const catalog *c, size_t i)
{
    return i < c->service_count ? &c->services[i] : NULL;
}
size_t catalog_article_count(const catalog *c)
{
    return c->article_count;
}
const catalog_article *catalog_article_at(const catalog *c, size_t i)
{
    return i < c->article_count ? &c->articles[i] : NULL;
}

char *catalog_text(catalog *c, const char *key, const char *language, char *shown)
{
    char *result = NULL;
    sqlite3_reset(c->text);
    sqlite3_bind_text(c->text, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(c->text, 2, language, -1, SQLITE_STATIC);
    int rc = sqlite3_step(c->text);
    if (rc == SQLITE_ROW) {
        result = catalog_dup_column(c->text, 0);
        if (shown)
            copy_column(c->text, 1, shown, 8);
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (!c->busy) {
            log_message(LOG_WARNING, "catalog",
                        "%s is locked by another program: texts missing"
                        " until it is released",
                        c->path);
            c->busy = true;
            sqlite3_busy_timeout(c->db, 0);
        }
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        log_message(LOG_WARNING, "catalog", "%s [%s]: %s", key, language, sqlite3_errmsg(c->db));
    } else if (c->busy) {
        log_message(LOG_INFO, "catalog", "%s is readable again", c->path);
        c->busy = false;
        sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    }
    sqlite3_reset(c->text);
    sqlite3_clear_bindings(c->text);
    return result;
}

char *catalog_field(catalog *c, const char *kind, const char *id, const char *field,
                    const char *language, char *shown)
{
    char key[512];
    snprintf(key, sizeof key, "%s:%s:%s", kind, id, field);
    return catalog_text(c, key, language, shown);
}

/* Steps `statement` with `key` and `language` bound; SQLITE_ROW when found.
 * The caller resets it. */
static int step_key(catalog *c, sqlite3_stmt *statement, const char *key, const char *language)
{
    if (!c || !statement || !key || !language)
        return SQLITE_DONE;
    sqlite3_reset(statement);
    sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 2, language, -1, SQLITE_STATIC);
    int rc = sqlite3_step(statement);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        log_message(LOG_WARNING, "catalog", "recording %s [%s]: %s", key, language,
                    sqlite3_errmsg(c->db));
    return rc;
}

bool catalog_has_recording(catalog *c, const char *key, const char *language)
{
    bool found = step_key(c, c ? c->has_recording : NULL, key, language) == SQLITE_ROW;
    if (c && c->has_recording) {
        sqlite3_reset(c->has_recording);
        sqlite3_clear_bindings(c->has_recording);
    }
    return found;
}

unsigned char *catalog_recording(catalog *c, const char *key, const char *language, size_t *size)
{
    unsigned char *copy = NULL;
    if (size)
        *size = 0;
    if (step_key(c, c ? c->recording : NULL, key, language) == SQLITE_ROW) {
        const void *bytes = sqlite3_column_blob(c->recording, 0);
        int length = sqlite3_column_bytes(c->recording, 0);
        copy = bytes && length > 0 ? malloc((size_t)length) : NULL;
        if (copy) {
            memcpy(copy, bytes, (size_t)length);
            if (size)
                *size = (size_t)length;
        }
    }
    if (c && c->recording) {
        sqlite3_reset(c->recording);
        sqlite3_clear_bindings(c->recording);
    }
    return copy;
}
