/* catalog_read.c - open, check and load the catalogue for the kiosk. */
#include "catalog_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "array.h"
#include "catalog/facts.h"
#include "catalog/fold.h"
#include "language_code.h"
#include "log.h"

struct catalog {
    sqlite3 *db;
    sqlite3_stmt *text;
    char *path;
    struct stat opened; /* the file as it was when opened */
    long long version;  /* meta built_at in seconds; -1 when it has none */
    bool is_signed;     /* verified and read into memory (catalog_open_trusted) */
    signed_key signer;
    catalog_language *languages;
    size_t language_count, language_cap;
    catalog_category *categories;
    size_t category_count, category_cap;
    catalog_service *services;
    size_t service_count, service_cap;
    catalog_service **services_by_id; /* for catalog_find_service */
    catalog_article *articles;
    size_t article_count, article_cap;
    /* Someone holds a write lock on the file (texts are read on demand):
     * while it lasts, lookups do not wait, so a screen with fifty texts
     * costs one busy timeout, not fifty; logged once per episode. */
    bool busy;
    /* search (the end of this file) */
    struct vocabulary *vocabularies; /* per language, read on first search */
};

static void search_close(catalog *c);

#define BUSY_TIMEOUT_MS 200

static char *dup_column(sqlite3_stmt *stmt, int column)
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
    k->id = dup_column(stmt, 0);
    k->icon = dup_column(stmt, 1);
    return k->id && k->icon;
}

static bool service_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->services, c->service_count, &c->service_cap, sizeof *c->services))
        return false;
    catalog_service *s = &c->services[c->service_count++];
    memset(s, 0, sizeof *s);
    s->id = dup_column(stmt, 0);
    s->agency = dup_column(stmt, 1);
    s->category = dup_column(stmt, 2);
    s->town = dup_column(stmt, 3);
    s->address = dup_column(stmt, 4);
    s->email = dup_column(stmt, 5);
    s->web = dup_column(stmt, 6);
    s->example = sqlite3_column_int(stmt, 7) != 0;
    s->source = dup_column(stmt, 8);
    s->checked = dup_column(stmt, 9);
    return s->id && s->agency && s->category && s->town && s->address && s->email && s->web &&
           s->source && s->checked;
}

static bool article_row(catalog *c, sqlite3_stmt *stmt)
{
    if (!array_grow((void **)&c->articles, c->article_count, &c->article_cap, sizeof *c->articles))
        return false;
    catalog_article *a = &c->articles[c->article_count++];
    memset(a, 0, sizeof *a);
    a->id = dup_column(stmt, 0);
    a->category = dup_column(stmt, 1);
    return a->id && a->category;
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
    return ((*list)[(*count)++] = dup_column(stmt, 1)) != NULL;
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
    return (b->key = dup_column(stmt, 2)) != NULL;
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
        each_row(c, "SELECT id, category FROM articles ORDER BY position", article_row, reason,
                 sizeof reason) &&
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
        free(a->id), free(a->category), free(a->blocks);
    }
    free(c->languages), free(c->categories), free(c->services), free(c->articles);
    free(c->services_by_id);
    search_close(c);
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
        result = dup_column(c->text, 0);
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

/* ---- search ------------------------------------------------------------- */

/* A character FTS5's tokenizer keeps inside tokens (its categories
 * 'L* N* Co M*', see writer.c): anything else separates tokens. */
static bool is_token_character(UChar32 c)
{
    int8_t type = u_charType(c);
    return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0 ||
           type == U_PRIVATE_USE_CHAR;
}

/* The words of one language's index (every column), in FTS5's order (by
 * bytes), read once through fts5vocab: typos are looked for among them,
 * and the syllables of its Latin columns cut pinyin typed run together. */
typedef struct vocabulary_term {
    size_t text;   /* offset in vocabulary.text */
    size_t points; /* offset in vocabulary.points */
    size_t length; /* in code points */
    long documents;
    bool latin; /* in a Latin column */
} vocabulary_term;

/* A row of a search table: its record and town, read once, so that a
 * search reads only the index (reading each matching row's content to
 * rank it cost 24 ms for a one-letter query in the 10,000-service
 * benchmark, the index alone 1 ms). */
typedef struct indexed_record {
    sqlite3_int64 rowid;
    char *record, *town;
} indexed_record;

struct vocabulary {
    bool loaded;
    char *text;
    size_t text_length, text_cap;
    UChar32 *points;
    size_t point_count, point_cap;
    vocabulary_term *terms;
    size_t term_count, term_cap;
    indexed_record *records; /* by rowid */
    size_t record_count, record_cap;
};

static void vocabulary_free(struct vocabulary *v)
{
    free(v->text), free(v->points), free(v->terms);
    for (size_t i = 0; i < v->record_count; i++)
        free(v->records[i].record), free(v->records[i].town);
    free(v->records);
}

/* Reads the rows' records and towns, in rowid order. */
static void read_records(catalog *c, struct vocabulary *v, const char *language)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT rowid, record, town FROM search_%s ORDER BY rowid", language);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step(stmt) == SQLITE_ROW && array_grow((void **)&v->records, v->record_count,
                                                              &v->record_cap, sizeof *v->records)) {
            indexed_record *r = &v->records[v->record_count];
            r->rowid = sqlite3_column_int64(stmt, 0);
            r->record = dup_column(stmt, 1);
            r->town = dup_column(stmt, 2);
            if (!r->record || !r->town) {
                free(r->record), free(r->town);
                break;
            }
            v->record_count++;
        }
    sqlite3_finalize(stmt);
}

static const indexed_record *record_by_rowid(const struct vocabulary *v, sqlite3_int64 rowid)
{
    size_t low = 0, high = v->record_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (v->records[middle].rowid < rowid)
            low = middle + 1;
        else
            high = middle;
    }
    return low < v->record_count && v->records[low].rowid == rowid ? &v->records[low] : NULL;
}

static void search_close(catalog *c)
{
    for (size_t i = 0; c->vocabularies && i < c->language_count; i++)
        vocabulary_free(&c->vocabularies[i]);
    free(c->vocabularies);
}

static const char *term_text(const struct vocabulary *v, const vocabulary_term *t)
{
    return v->text + t->text;
}

/* Adds one (term, column, documents) row of fts5vocab 'col': rows come
 * sorted by term, so a term's columns are consecutive. */
static bool vocabulary_add(struct vocabulary *v, const char *term, const char *column,
                           long documents)
{
    bool latin = strncmp(column, "latin_", 6) == 0;
    vocabulary_term *last = v->term_count ? &v->terms[v->term_count - 1] : NULL;
    if (last && strcmp(term_text(v, last), term) == 0) {
        last->documents += documents;
        last->latin = last->latin || latin;
        return true;
    }
    size_t bytes = strlen(term);
    if (!array_grow((void **)&v->terms, v->term_count, &v->term_cap, sizeof *v->terms))
        return false;
    while (v->text_length + bytes + 1 > v->text_cap) {
        size_t cap = v->text_cap ? v->text_cap * 2 : 4096;
        char *bigger = realloc(v->text, cap);
        if (!bigger)
            return false;
        v->text = bigger, v->text_cap = cap;
    }
    while (v->point_count + bytes > v->point_cap) {
        size_t cap = v->point_cap ? v->point_cap * 2 : 4096;
        UChar32 *bigger = realloc(v->points, cap * sizeof *bigger);
        if (!bigger)
            return false;
        v->points = bigger, v->point_cap = cap;
    }
    vocabulary_term *t = &v->terms[v->term_count++];
    *t = (vocabulary_term){
        .text = v->text_length, .points = v->point_count, .documents = documents, .latin = latin};
    memcpy(v->text + v->text_length, term, bytes + 1);
    v->text_length += bytes + 1;
    for (int32_t i = 0; i < (int32_t)bytes;) {
        UChar32 point;
        U8_NEXT((const uint8_t *)term, i, (int32_t)bytes, point);
        v->points[v->point_count++] = point;
        t->length++;
    }
    return true;
}

/* The vocabulary of `language` (a language of the catalogue), read on first
 * use; empty when it cannot be read (logged: search then has no typos). */
static struct vocabulary *vocabulary_of(catalog *c, const char *language)
{
    if (!c->vocabularies)
        c->vocabularies = calloc(c->language_count, sizeof *c->vocabularies);
    struct vocabulary *v = NULL;
    for (size_t i = 0; c->vocabularies && i < c->language_count; i++)
        if (strcmp(c->languages[i].code, language) == 0)
            v = &c->vocabularies[i];
    if (!v || v->loaded)
        return v;
    v->loaded = true;
    /* A language's index stays in SQLite's cache between keys: with the
     * default 2 MB, the 10,000-service benchmark read its pages from the
     * file again at every key.  Filled only as used; the bundled
     * catalogue is a few MB in all. */
    sqlite3_exec(c->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_%s USING fts5vocab(main, "
             "search_%s, 'col')",
             language, language);
    sqlite3_stmt *stmt = NULL;
    /* A verified catalogue is query_only (signed.c), which refuses even a
     * table in `temp`: the vocabulary's is made with it off, then on again
     * (nothing of `main` is written). */
    bool query_only = false;
    if (sqlite3_prepare_v2(c->db, "PRAGMA query_only", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        query_only = sqlite3_column_int(stmt, 0) != 0;
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (query_only)
        sqlite3_exec(c->db, "PRAGMA query_only = 0", NULL, NULL, NULL);
    int made = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    if (query_only)
        sqlite3_exec(c->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
    if (made == SQLITE_OK) {
        snprintf(sql, sizeof sql, "SELECT term, col, doc FROM temp.vocabulary_%s", language);
        if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW) {
                const char *term = (const char *)sqlite3_column_text(stmt, 0);
                const char *column = (const char *)sqlite3_column_text(stmt, 1);
                if (term && column &&
                    !vocabulary_add(v, term, column, (long)sqlite3_column_int64(stmt, 2)))
                    break;
            }
        }
    }
    if (v->term_count == 0)
        log_message(LOG_WARNING, "catalog", "search [%s]: no words of the index: %s", language,
                    sqlite3_errmsg(c->db));
    sqlite3_finalize(stmt);
    read_records(c, v, language);
    return v;
}

/* Whether the vocabulary has a Latin-column term `text[0..length)`, or one
 * beginning with it when `prefix`. */
static bool latin_syllable(const struct vocabulary *v, const char *text, size_t length, bool prefix)
{
    size_t low = 0, high = v->term_count;
    while (low < high) { /* the first term >= text */
        size_t middle = (low + high) / 2;
        const char *term = term_text(v, &v->terms[middle]);
        int order = strncmp(term, text, length);
        if (order < 0 || (order == 0 && strlen(term) < length))
            low = middle + 1;
        else
            high = middle;
    }
    for (size_t i = low; i < v->term_count; i++) {
        const char *term = term_text(v, &v->terms[i]);
        if (strncmp(term, text, length) != 0)
            break;
        if (v->terms[i].latin && (prefix || term[length] == '\0'))
            return true;
        if (!prefix)
            break;
    }
    return false;
}

enum { PINYIN_MAX_BYTES = 64, PINYIN_SYLLABLE_MAX = 6 };

/* `word` (lower-case ASCII letters) cut into pinyin syllables of the
 * index, the fewest possible, the last one maybe still being typed:
 * "gongzuo" -> "gong zuo".  False when it cannot be cut in two or more. */
static bool pinyin_syllables(const struct vocabulary *v, const char *word, char *out, size_t size)
{
    size_t n = strlen(word);
    if (n < 2 || n > PINYIN_MAX_BYTES || size < 2 * n + 1)
        return false;
    int best[PINYIN_MAX_BYTES + 1], from[PINYIN_MAX_BYTES + 1];
    for (size_t i = 0; i <= n; i++)
        best[i] = -1;
    best[0] = 0;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = i > PINYIN_SYLLABLE_MAX ? i - PINYIN_SYLLABLE_MAX : 0; j < i; j++)
            if (best[j] >= 0 && (best[i] < 0 || best[j] + 1 < best[i]) &&
                latin_syllable(v, word + j, i - j, i == n))
                best[i] = best[j] + 1, from[i] = (int)j;
    if (best[n] < 2)
        return false;
    size_t cuts[PINYIN_MAX_BYTES + 1], count = 0;
    for (size_t i = n; i > 0; i = (size_t)from[i])
        cuts[count++] = i;
    size_t o = 0, start = 0;
    while (count > 0) {
        size_t end = cuts[--count];
        if (o)
            out[o++] = ' ';
        memcpy(out + o, word + start, end - start);
        o += end - start;
        start = end;
    }
    out[o] = '\0';
    return true;
}

enum { SEARCH_TYPOS_PER_WORD = 12 };

/* A growing string; `failed` once memory ran out. */
typedef struct text_out {
    char *data;
    size_t length, capacity;
    bool failed;
} text_out;

static void out_add(text_out *o, const char *text)
{
    size_t more = strlen(text);
    if (o->failed)
        return;
    if (o->length + more + 1 > o->capacity) {
        size_t capacity = (o->length + more + 1) * 2;
        char *bigger = realloc(o->data, capacity);
        if (!bigger) {
            o->failed = true;
            return;
        }
        o->data = bigger, o->capacity = capacity;
    }
    memcpy(o->data + o->length, text, more + 1);
    o->length += more;
}

/* Appends `text` inside an FTS5 string: its double quotes doubled. */
static void out_quoted(text_out *o, const char *text)
{
    for (const char *q = text; *q && !o->failed;) {
        size_t span = strcspn(q, "\"");
        char chunk[CATALOG_SEARCH_MAX_BYTES * 2 + 8];
        snprintf(chunk, sizeof chunk, "%.*s", (int)span, q);
        out_add(o, chunk);
        q += span;
        if (*q == '"') {
            out_add(o, "\"\"");
            q++;
        }
    }
}

/* Appends one phrase, `"text"` with `*` when a prefix, after " OR " unless
 * it is the first of its piece. */
static void out_phrase(text_out *o, bool first, const char *columns, const char *text, bool prefix)
{
    if (!first)
        out_add(o, " OR ");
    if (columns)
        out_add(o, columns);
    out_add(o, "\"");
    out_quoted(o, text);
    out_add(o, prefix ? "\"*" : "\"");
}

/* What catalog_search() runs, piece by piece: each piece of the query
 * folded (a word, or one Chinese character), its alternatives without
 * typos (the piece as a prefix, an Arabic word without its prefixes,
 * pinyin cut into syllables) and with them (the index's words one edit
 * away), each an FTS5 term in brackets; the pieces as one phrase. */
typedef struct search_plan {
    char *pieces[CATALOG_SEARCH_MAX_WORDS];
    text_out exact[CATALOG_SEARCH_MAX_WORDS], typo[CATALOG_SEARCH_MAX_WORDS];
    size_t piece_count;
    char *typos[CATALOG_SEARCH_MAX_WORDS][SEARCH_TYPOS_PER_WORD];
    size_t typo_count[CATALOG_SEARCH_MAX_WORDS];
    bool failed;
} search_plan;

static void plan_free(search_plan *p)
{
    for (size_t i = 0; i < p->piece_count; i++) {
        free(p->pieces[i]);
        free(p->exact[i].data), free(p->typo[i].data);
        for (size_t t = 0; t < p->typo_count[i]; t++)
            free(p->typos[i][t]);
    }
}

/* Whether the piece is one token of at least 5 letters, not Han (Chinese
 * has no typos of that kind), decoded into points. */
static size_t typo_candidate(const char *piece, UChar32 *points, size_t size)
{
    size_t n = 0, letters = 0;
    for (int32_t i = 0, length = (int32_t)strlen(piece); i < length;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)piece, i, length, c);
        if (c < 0 || !is_token_character(c) ||
            uscript_getScript(c, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_HAN || n == size)
            return 0;
        points[n++] = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        letters += u_isalpha(c) != 0;
    }
    return letters >= 5 ? n : 0;
}

/* The index's words one edit from the piece: whole words first, then the
 * most frequent, at most SEARCH_TYPOS_PER_WORD. */
static void plan_typos(search_plan *p, const struct vocabulary *v, const char *piece)
{
    UChar32 word[CATALOG_SEARCH_MAX_BYTES];
    size_t n = typo_candidate(piece, word, CATALOG_SEARCH_MAX_BYTES);
    if (!v || n == 0)
        return;
    size_t *slot = &p->typo_count[p->piece_count];
    long score[SEARCH_TYPOS_PER_WORD];
    for (size_t i = 0; i < v->term_count; i++) {
        const vocabulary_term *t = &v->terms[i];
        if (t->length + 1 < n)
            continue;
        int edit = search_one_edit(word, n, v->points + t->points, t->length);
        if (!edit)
            continue;
        long value = (edit == 2 ? 1L << 40 : 0) + t->documents;
        size_t at = *slot;
        if (at == SEARCH_TYPOS_PER_WORD) { /* replace the weakest if weaker */
            size_t weakest = 0;
            for (size_t k = 1; k < at; k++)
                if (score[k] < score[weakest])
                    weakest = k;
            if (score[weakest] >= value)
                continue;
            free(p->typos[p->piece_count][weakest]);
            at = weakest;
        } else {
            (*slot)++;
        }
        p->typos[p->piece_count][at] = strdup(term_text(v, t));
        score[at] = value;
        if (!p->typos[p->piece_count][at]) {
            p->failed = true;
            return;
        }
    }
}

/* One piece of the query (folded; without spaces but for Chinese
 * characters, one per piece) and its alternatives, as one AND term. */
static void plan_piece(search_plan *p, catalog *c, const char *language, const char *piece)
{
    if (p->piece_count >= CATALOG_SEARCH_MAX_WORDS || p->failed)
        return;
    struct vocabulary *v = c ? vocabulary_of(c, language) : NULL;
    char *bare = search_bare(language, piece);
    char pinyin[2 * PINYIN_MAX_BYTES + 1] = "";
    if (v && strcmp(language, "zh") == 0) {
        char lower[PINYIN_MAX_BYTES + 1];
        size_t n = 0;
        bool letters = true;
        for (const char *q = piece; *q && letters; q++, n++)
            letters =
                n < PINYIN_MAX_BYTES && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'));
        if (letters && n > 0) {
            for (size_t i = 0; i < n; i++)
                lower[i] = (char)(piece[i] | 0x20);
            lower[n] = '\0';
            if (!pinyin_syllables(v, lower, pinyin, sizeof pinyin))
                pinyin[0] = '\0';
        }
    }
    plan_typos(p, v, piece);
    size_t i = p->piece_count;
    text_out *exact = &p->exact[i], *typo = &p->typo[i];
    out_add(exact, "(");
    out_phrase(exact, true, NULL, piece, true);
    if (bare)
        out_phrase(exact, false, NULL, bare, true);
    if (pinyin[0])
        out_phrase(exact, false, "{latin_title latin_text} : ", pinyin, true);
    out_add(typo, exact->data ? exact->data : "");
    for (size_t t = 0; t < p->typo_count[i]; t++)
        out_phrase(typo, false, NULL, p->typos[i][t], false);
    out_add(exact, ")");
    out_add(typo, ")");
    free(bare);
    p->pieces[i] = strdup(piece);
    p->failed = p->failed || !p->pieces[i] || exact->failed || typo->failed;
    p->piece_count++;
}

/* Folds one typed word and adds its pieces. */
static void plan_word(search_plan *p, catalog *c, const char *language, const char *word)
{
    char *folded = search_fold(word);
    if (!folded) {
        p->failed = true;
        return;
    }
    for (char *q = folded; *q;) {
        q += strspn(q, " ");
        size_t span = strcspn(q, " ");
        if (span == 0)
            break;
        char saved = q[span];
        q[span] = '\0';
        /* a piece with no token character left (a lone mark folded away) */
        bool token = false;
        for (int32_t i = 0; i < (int32_t)span && !token;) {
            UChar32 ch;
            U8_NEXT((const uint8_t *)q, i, (int32_t)span, ch);
            token = ch >= 0 && is_token_character(ch);
        }
        if (token)
            plan_piece(p, c, language, q);
        q[span] = saved;
        q += span;
    }
    free(folded);
}

/* The plan of `query`; false when out of memory. */
static bool plan_search(search_plan *p, catalog *c, const char *language, const char *query)
{
    memset(p, 0, sizeof *p);
    int32_t limit = (int32_t)strnlen(query, CATALOG_SEARCH_MAX_BYTES);
    /* one word: its well-formed characters, re-encoded (never longer than
     * the bytes they came from) */
    char word[CATALOG_SEARCH_MAX_BYTES + 1];
    int32_t word_length = 0;
    bool has_token = false;
    for (int32_t i = 0; i <= limit && p->piece_count < CATALOG_SEARCH_MAX_WORDS && !p->failed;) {
        UChar32 ch = -1;
        if (i < limit)
            U8_NEXT((const uint8_t *)query, i, limit, ch);
        else
            i++;
        bool ends_word = ch < 0 || u_isUWhiteSpace(ch);
        if (!ends_word) {
            U8_APPEND_UNSAFE((uint8_t *)word, word_length, ch);
            has_token = has_token || is_token_character(ch);
            continue;
        }
        word[word_length] = '\0';
        if (has_token)
            plan_word(p, c, language, word);
        word_length = 0;
        has_token = false;
    }
    return !p->failed;
}

/* The expression of one step of the search (catalog_search): every piece
 * (with its typos or not), or the pieces as one phrase, in `columns` (an
 * FTS5 column filter "{title summary}") or in any column.  Malloc'd, or
 * NULL. */
static char *plan_expression(const search_plan *p, const char *columns, bool typos, bool phrase)
{
    text_out o = {0};
    out_add(&o, "");
    if (columns) {
        out_add(&o, columns);
        out_add(&o, " : (");
    }
    /* the pieces next to each other, each a prefix: "permis"* + "de"* */
    for (size_t i = 0; phrase && i < p->piece_count; i++) {
        out_add(&o, i ? " + \"" : "\"");
        out_quoted(&o, p->pieces[i]);
        out_add(&o, "\"*");
    }
    /* AND written out: FTS5 takes two phrases side by side as AND, not a
     * bracket and a phrase */
    for (size_t i = 0; !phrase && i < p->piece_count; i++) {
        out_add(&o, i ? " AND " : "");
        out_add(&o, typos ? p->typo[i].data : p->exact[i].data);
    }
    if (columns)
        out_add(&o, ")");
    /* and every piece anywhere, which finds nothing more but counts in
     * bm25: a phrase step's records are ordered by all their text (the
     * immigration office mentions "permesso di soggiorno" all through) */
    for (size_t i = 0; columns && phrase && i < p->piece_count; i++) {
        out_add(&o, " AND ");
        out_add(&o, typos ? p->typo[i].data : p->exact[i].data);
    }
    if (o.failed) {
        free(o.data);
        return NULL;
    }
    return o.data;
}

char *catalog_search_expression(catalog *c, const char *language, const char *query)
{
    search_plan plan;
    char *expression = plan_search(&plan, c, language ? language : "", query ? query : "")
                           ? plan_expression(&plan, NULL, true, false)
                           : NULL;
    plan_free(&plan);
    return expression;
}

/* The key a word is compared by for the highlights: folded, lower case,
 * Latin, Greek and Cyrillic without accents (as unicode61 compares).
 * Malloc'd UTF-8, or NULL. */
static char *highlight_key(const char *utf8)
{
    char *folded = search_fold(utf8);
    if (!folded)
        return NULL;
    /* only Latin, Greek and Cyrillic have case and accents to take away
     * (and spaces are only those around a Han character) */
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)folded; plain && *p; p++)
        plain = (*p & 0xC0) == 0x80 || *p >= 0xD4; /* U+0500 and above */
    if (plain)
        return folded;
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&error);
    UChar in[CATALOG_SEARCH_MAX_BYTES * 2], decomposed[CATALOG_SEARCH_MAX_BYTES * 4];
    int32_t length = 0;
    u_strFromUTF8Lenient(in, (int32_t)(sizeof in / sizeof *in), &length, folded, -1, &error);
    free(folded);
    if (U_FAILURE(error))
        return NULL;
    length = unorm2_normalize(nfd, in, length, decomposed,
                              (int32_t)(sizeof decomposed / sizeof *decomposed), &error);
    if (U_FAILURE(error))
        return NULL;
    char *out = malloc((size_t)length * 4 + 1);
    if (!out)
        return NULL;
    int32_t n = 0;
    UChar32 base = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 ch;
        U16_NEXT(decomposed, i, length, ch);
        if (u_charType(ch) == U_NON_SPACING_MARK && base < 0x0530)
            continue;
        if (u_charType(ch) != U_NON_SPACING_MARK)
            base = ch;
        ch = u_foldCase(ch, U_FOLD_CASE_DEFAULT);
        if (ch != ' ')
            U8_APPEND_UNSAFE((uint8_t *)out, n, ch);
    }
    out[n] = '\0';
    return out;
}

/* Whether a word of the title, by its key, matches a piece (by its key) or
 * one of its typos. */
static bool word_matches(const char *word, const char *language, const search_plan *plan,
                         char *const *piece_keys, bool latin_pieces)
{
    char *bare = search_bare(language, word);
    /* the word in Latin letters, when the visitor typed some */
    char *latin = latin_pieces ? search_latin(language, word) : NULL;
    char *latin_key = latin ? highlight_key(latin) : NULL;
    bool found = false;
    for (size_t i = 0; !found && i < plan->piece_count; i++) {
        const char *key = piece_keys[i];
        if (!key || !key[0])
            continue;
        size_t n = strlen(key);
        found = strncmp(word, key, n) == 0 || (bare && strncmp(bare, key, n) == 0) ||
                (latin_key && strncmp(latin_key, key, n) == 0);
        for (size_t t = 0; !found && t < plan->typo_count[i]; t++)
            found = strcmp(word, plan->typos[i][t]) == 0 ||
                    (latin_key && strcmp(latin_key, plan->typos[i][t]) == 0);
    }
    free(bare), free(latin), free(latin_key);
    return found;
}

/* The words of `title` that match the plan: each run of token characters
 * (each Han character alone), compared as folded. */
static void find_highlights(catalog_search_result *r, const char *language, const search_plan *plan)
{
    char *piece_keys[CATALOG_SEARCH_MAX_WORDS] = {0};
    bool latin_pieces = false;
    for (size_t i = 0; i < plan->piece_count; i++) {
        piece_keys[i] = highlight_key(plan->pieces[i]);
        bool ascii = piece_keys[i] != NULL;
        for (const char *q = piece_keys[i]; ascii && *q; q++)
            ascii = (unsigned char)*q < 0x80;
        latin_pieces = latin_pieces || (ascii && search_has_latin(language));
    }
    const char *title = r->title;
    int32_t length = (int32_t)strlen(title);
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 ch;
        U8_NEXT((const uint8_t *)title, i, length, ch);
        if (ch < 0 || !is_token_character(ch))
            continue;
        bool han = uscript_getScript(ch, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_HAN;
        int32_t end = i;
        while (!han && end < length) {
            int32_t next = end;
            U8_NEXT((const uint8_t *)title, next, length, ch);
            if (ch < 0 || !is_token_character(ch) ||
                uscript_getScript(ch, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_HAN)
                break;
            end = next;
        }
        i = end;
        if (end - start > CATALOG_SEARCH_MAX_BYTES)
            continue;
        char word[CATALOG_SEARCH_MAX_BYTES + 1];
        snprintf(word, sizeof word, "%.*s", (int)(end - start), title + start);
        char *key = highlight_key(word);
        if (key && word_matches(key, language, plan, piece_keys, latin_pieces)) {
            catalog_search_match *grown = realloc(r->matches, (r->match_count + 1) * sizeof *grown);
            if (grown) {
                r->matches = grown;
                r->matches[r->match_count++] =
                    (catalog_search_match){(size_t)start, (size_t)(end - start)};
            }
        }
        free(key);
    }
    for (size_t i = 0; i < plan->piece_count; i++)
        free(piece_keys[i]);
}

/* Fills a result from its record "KIND:ID". */
static bool fill_result(catalog *c, catalog_search_result *r, const char *record,
                        const char *language, const search_plan *plan)
{
    memset(r, 0, sizeof *r);
    const char *colon = strchr(record, ':');
    if (!colon || (size_t)(colon - record) >= sizeof r->kind)
        return false;
    snprintf(r->kind, sizeof r->kind, "%.*s", (int)(colon - record), record);
    r->id = strdup(colon + 1);
    r->title = catalog_field(c, r->kind, colon + 1,
                             strcmp(r->kind, "article") == 0 ? "title" : "name", language, NULL);
    if (!r->id || !r->title) {
        free(r->id), free(r->title);
        return false;
    }
    find_highlights(r, language, plan);
    return true;
}

/* The steps of a search, best first (catalog_read.h gives the order): the
 * words as one phrase in the language's names and titles, summaries, body;
 * every word in its names and titles, in them or the summaries, anywhere
 * in its text; then with the Italian text; then the same with typos.
 * Each step is
 * one FTS5 query read in data order only until the results are complete
 * (ranking every match instead cost 4-6 ms a key for a prefix found in
 * thousands of records in the 10,000-service benchmark, each row read and
 * ranked), so a record found by an earlier step is never after one of a
 * later step; inside a step, the services of a category an earlier step
 * found first (its name typed: its offices), then by bm25 (the columns
 * weighted: titles 10, summaries 5, the rest 1). */
static const struct search_step {
    const char *columns;
    bool phrase, typos;
} search_steps[] = {
    {"{title latin_title}", true, false},
    {"{summary}", true, false},
    {"{body latin_text}", true, false},
    {"{title latin_title}", false, false},
    {"{title latin_title summary}", false, false},
    {"{title summary body latin_title latin_text}", false, false},
    {NULL, false, false},
    {"{title latin_title}", false, true},
    {"{title latin_title summary}", false, true},
    {"{title summary body latin_title latin_text}", false, true},
    {NULL, false, true},
};

/* In a step, how many matching rows are read beyond the results still
 * needed, to order them by bm25, and then each agency's services in the
 * places they have with its service in the site's town first ("equal
 * services" are one agency's desks in several towns).  A step with more
 * matches than that (a first letter or two in a large catalogue) is read
 * in data order. */
enum { STEP_EXTRA_ROWS = 100 };

typedef struct search_hits {
    const indexed_record **records;
    size_t count, max;
} search_hits;

static bool hits_have(const search_hits *h, const indexed_record *r)
{
    for (size_t i = 0; i < h->count; i++)
        if (h->records[i] == r)
            return true;
    return false;
}

typedef struct candidate {
    const indexed_record *record;
    const char *agency; /* of a service, else NULL */
    bool in_town;
    bool of_found_category; /* a service of a category already found */
    double bm25;            /* lower is better */
} candidate;

/* Whether the category `id` is among the records found so far: a visitor
 * who typed a category's name ("permesso di soggiorno") wants its offices
 * before the other records that only mention those words. */
static bool hits_have_category(const search_hits *h, const char *id)
{
    for (size_t i = 0; i < h->count; i++)
        if (strncmp(h->records[i]->record, "category:", 9) == 0 &&
            strcmp(h->records[i]->record + 9, id) == 0)
            return true;
    return false;
}

static int compare_candidates(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->of_found_category != y->of_found_category)
        return x->of_found_category ? -1 : 1;
    if (x->bm25 != y->bm25)
        return x->bm25 < y->bm25 ? -1 : 1;
    return x->record->rowid < y->record->rowid ? -1 : x->record->rowid > y->record->rowid;
}

/* In bm25 order, each agency's services keep the places they have, its
 * service in the site's town taking the first of them; then each agency's
 * other desks after the step's other records (three desks of one agency
 * in three towns are one result for a visitor, and would push the others
 * out of sight). */
static void town_first(candidate *candidates, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i].agency || candidates[i].in_town)
            continue;
        for (size_t j = i + 1; j < count; j++)
            if (candidates[j].in_town && candidates[j].agency &&
                strcmp(candidates[j].agency, candidates[i].agency) == 0) {
                /* j moves up to i, the agency's others between move down one of its places */
                candidate moved = candidates[j];
                size_t to = j;
                for (size_t k = j; k-- > i;)
                    if (candidates[k].agency && strcmp(candidates[k].agency, moved.agency) == 0) {
                        candidates[to] = candidates[k];
                        to = k;
                    }
                candidates[i] = moved;
                break;
            }
    }
    size_t kept = 0, later = 0;
    candidate *again = malloc((count ? count : 1) * sizeof *again);
    for (size_t i = 0; again && i < count; i++) {
        bool seen = false;
        for (size_t k = 0; candidates[i].agency && !seen && k < kept; k++)
            seen = candidates[k].agency && strcmp(candidates[k].agency, candidates[i].agency) == 0;
        if (seen)
            again[later++] = candidates[i];
        else
            candidates[kept++] = candidates[i];
    }
    if (again)
        memcpy(candidates + kept, again, later * sizeof *again);
    free(again);
}

/* Runs one step, adding its best records until `hits` is full; false on
 * an SQLite error (logged, never the query). */
static bool search_step(catalog *c, const struct vocabulary *v, const char *language,
                        const char *expression, const char *town, search_hits *hits)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT rowid, bm25(search_%s, 0, 0, 10, 5, 1, 10, 1, 1) FROM search_%s"
             " WHERE search_%s MATCH ?",
             language, language, language);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        log_message(LOG_WARNING, "catalog", "search [%s]: %s", language, sqlite3_errmsg(c->db));
        return false;
    }
    sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
    size_t need = hits->max - hits->count, read = 0, count = 0;
    candidate *candidates = calloc(need + STEP_EXTRA_ROWS, sizeof *candidates);
    int rc = SQLITE_DONE;
    while (candidates && read < need + STEP_EXTRA_ROWS && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const indexed_record *r = record_by_rowid(v, sqlite3_column_int64(stmt, 0));
        read++;
        if (!r || hits_have(hits, r))
            continue;
        const catalog_service *service =
            strncmp(r->record, "service:", 8) == 0 ? catalog_find_service(c, r->record + 8) : NULL;
        double bm25 = sqlite3_column_double(stmt, 1);
        candidates[count++] = (candidate){
            r, service ? service->agency : NULL, service && town && strcmp(r->town, town) == 0,
            service && hits_have_category(hits, service->category), bm25};
    }
    /* SQLite's message may quote the expression ("syntax error near ..."):
     * only its code, so that nothing typed reaches the log */
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        log_message(LOG_WARNING, "catalog", "search [%s]: %s", language, sqlite3_errstr(rc));
    qsort(candidates, count, sizeof *candidates, compare_candidates);
    town_first(candidates, count);
    for (size_t i = 0; i < count && hits->count < hits->max; i++)
        hits->records[hits->count++] = candidates[i].record;
    free(candidates);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

catalog_search_result *catalog_search(catalog *c, const char *language, const char *query,
                                      const char *town, size_t max, size_t *count)
{
    *count = 0;
    if (!language || !language_code_is_valid(language) || !catalog_find_language(c, language) ||
        max == 0)
        return NULL;
    struct vocabulary *v = vocabulary_of(c, language);
    search_plan plan;
    if (!v || !plan_search(&plan, c, language, query ? query : "") || plan.piece_count == 0) {
        if (v)
            plan_free(&plan);
        return NULL;
    }
    bool typos = false;
    for (size_t i = 0; i < plan.piece_count; i++)
        typos = typos || plan.typo_count[i] > 0;
    search_hits hits = {calloc(max, sizeof *hits.records), 0, max};
    for (size_t s = 0;
         hits.records && hits.count < max && s < sizeof search_steps / sizeof *search_steps; s++) {
        const struct search_step *step = &search_steps[s];
        if ((step->phrase && plan.piece_count < 2) || (step->typos && !typos))
            continue;
        char *expression = plan_expression(&plan, step->columns, step->typos, step->phrase);
        bool ok = expression && search_step(c, v, language, expression, town, &hits);
        free(expression);
        if (!ok)
            break;
    }
    catalog_search_result *results = hits.count ? calloc(hits.count, sizeof *results) : NULL;
    size_t found = 0;
    for (size_t i = 0; results && i < hits.count; i++)
        if (fill_result(c, &results[found], hits.records[i]->record, language, &plan))
            found++;
    free(hits.records);
    plan_free(&plan);
    if (found == 0) {
        free(results);
        return NULL;
    }
    *count = found;
    return results;
}

void catalog_search_free(catalog_search_result *results, size_t count)
{
    for (size_t i = 0; results && i < count; i++) {
        free(results[i].id);
        free(results[i].title);
        free(results[i].matches);
    }
    free(results);
}
