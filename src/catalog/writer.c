/* writer.c - see writer.h. */
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include <sqlite3.h>

#include "fold.h"
#include "progress.h"

static const char schema[] =
    "PRAGMA foreign_keys = ON;"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE languages(code TEXT PRIMARY KEY, position INTEGER NOT NULL,"
    "  review TEXT NOT NULL, fallback TEXT NOT NULL);"
    "CREATE TABLE categories(id TEXT PRIMARY KEY, position INTEGER NOT NULL, icon TEXT);"
    "CREATE TABLE agencies(id TEXT PRIMARY KEY, example INTEGER NOT NULL, source TEXT NOT NULL,"
    "  checked TEXT NOT NULL, file TEXT NOT NULL);"
    "CREATE TABLE services(id TEXT PRIMARY KEY, agency TEXT NOT NULL REFERENCES agencies(id),"
    "  category TEXT NOT NULL REFERENCES categories(id), town TEXT NOT NULL,"
    "  address TEXT NOT NULL, latitude REAL, longitude REAL, email TEXT, web TEXT,"
    "  example INTEGER NOT NULL, source TEXT NOT NULL, checked TEXT NOT NULL,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE phones(service TEXT NOT NULL REFERENCES services(id), position INTEGER,"
    "  number TEXT NOT NULL);"
    "CREATE TABLE service_languages(service TEXT NOT NULL REFERENCES services(id),"
    "  language TEXT NOT NULL);"
    "CREATE TABLE hours(service TEXT NOT NULL REFERENCES services(id), weekday INTEGER NOT NULL"
    "  CHECK (weekday BETWEEN 1 AND 7), opens INTEGER NOT NULL, closes INTEGER NOT NULL,"
    "  CHECK (0 <= opens AND opens < closes AND closes <= 1440));"
    "CREATE TABLE closures(service TEXT NOT NULL REFERENCES services(id), date TEXT NOT NULL);"
    "CREATE TABLE articles(id TEXT PRIMARY KEY, category TEXT NOT NULL REFERENCES"
    "  categories(id), position INTEGER NOT NULL, checked TEXT NOT NULL);"
    "CREATE TABLE article_blocks(article TEXT NOT NULL REFERENCES articles(id),"
    "  position INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL);"
    "CREATE TABLE texts(key TEXT NOT NULL, language TEXT NOT NULL REFERENCES languages(code),"
    "  text TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('source', 'translated',"
    "  'fuzzy', 'untranslated')), shown TEXT NOT NULL, PRIMARY KEY (key, language))"
    "  WITHOUT ROWID;"
    "CREATE TABLE recordings(key TEXT NOT NULL, language TEXT NOT NULL REFERENCES"
    "  languages(code), audio BLOB NOT NULL, milliseconds INTEGER NOT NULL"
    "  CHECK (milliseconds > 0), PRIMARY KEY (key, language));";

typedef struct writer {
    sqlite3 *db;
    const char *path;
    problem_list *problems;
    bool failed;
} writer;

static void sql_failed(writer *w, const char *what)
{
    if (!w->failed)
        problems_add(w->problems, w->path, 0, "%s: %s", what, sqlite3_errmsg(w->db));
    w->failed = true;
}

static void exec(writer *w, const char *sql)
{
    if (!w->failed && sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        sql_failed(w, "SQLite");
}

/* Prepares `sql`; binds the NULL-terminated text arguments in order. */
static sqlite3_stmt *prepare(writer *w, const char *sql)
{
    sqlite3_stmt *statement = NULL;
    if (!w->failed && sqlite3_prepare_v2(w->db, sql, -1, &statement, NULL) != SQLITE_OK)
        sql_failed(w, "SQLite");
    return statement;
}

static void step(writer *w, sqlite3_stmt *statement)
{
    if (!statement)
        return;
    if (sqlite3_step(statement) != SQLITE_DONE)
        sql_failed(w, "SQLite");
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

static void bind_text(sqlite3_stmt *statement, int index, const char *text)
{
    if (text && *text)
        sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(statement, index);
}

static const po_language *po_for(const po_set *po, const char *code)
{
    for (size_t i = 0; i < po->count; i++)
        if (strcmp(po->languages[i].language, code) == 0)
            return &po->languages[i];
    return NULL;
}

static void write_languages(writer *w, const language_list *languages, const po_set *po)
{
    sqlite3_stmt *insert = prepare(w, "INSERT INTO languages VALUES (?, ?, ?, ?)");
    for (size_t i = 0; insert && i < languages->count; i++) {
        const language_entry *entry = &languages->entries[i];
        char fallback[64] = "";
        for (size_t f = 0; f < entry->fallback_count; f++) {
            strncat(fallback, f ? " " : "", sizeof fallback - strlen(fallback) - 1);
            strncat(fallback, entry->fallback[f], sizeof fallback - strlen(fallback) - 1);
        }
        const po_language *file = po_for(po, entry->code);
        const char *review = strcmp(entry->code, "it") == 0 ? "source"
                             : file                         ? file->review
                                                            : "missing";
        sqlite3_bind_text(insert, 1, entry->code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(insert, 2, (int)i);
        sqlite3_bind_text(insert, 3, review, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 4, fallback, -1, SQLITE_TRANSIENT);
        step(w, insert);
    }
    sqlite3_finalize(insert);
}

static void write_categories(writer *w, const catalog_model *model)
{
    sqlite3_stmt *insert = prepare(w, "INSERT INTO categories VALUES (?, ?, ?)");
    for (size_t i = 0; insert && i < model->category_count; i++) {
        sqlite3_bind_text(insert, 1, model->categories[i].id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(insert, 2, (int)i);
        bind_text(insert, 3, model->categories[i].icon);
        step(w, insert);
    }
    sqlite3_finalize(insert);
}

static void write_service_details(writer *w, const service *s, sqlite3_stmt *phone,
                                  sqlite3_stmt *language, sqlite3_stmt *hour, sqlite3_stmt *closure)
{
    for (size_t p = 0; phone && p < s->phone_count; p++) {
        sqlite3_bind_text(phone, 1, s->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(phone, 2, (int)p);
        sqlite3_bind_text(phone, 3, s->phones[p], -1, SQLITE_TRANSIENT);
        step(w, phone);
    }
    for (size_t l = 0; language && l < s->language_count; l++) {
        sqlite3_bind_text(language, 1, s->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(language, 2, s->languages[l], -1, SQLITE_TRANSIENT);
        step(w, language);
    }
    for (size_t h = 0; hour && h < s->hour_count; h++) {
        sqlite3_bind_text(hour, 1, s->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(hour, 2, s->hours[h].weekday);
        sqlite3_bind_int(hour, 3, s->hours[h].opens);
        sqlite3_bind_int(hour, 4, s->hours[h].closes);
        step(w, hour);
    }
    for (size_t c = 0; closure && c < s->closure_count; c++) {
        sqlite3_bind_text(closure, 1, s->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(closure, 2, s->closures[c], -1, SQLITE_TRANSIENT);
        step(w, closure);
    }
}

static void write_agencies(writer *w, const catalog_model *model)
{
    sqlite3_stmt *agency_insert = prepare(w, "INSERT INTO agencies VALUES (?, ?, ?, ?, ?)");
    sqlite3_stmt *service_insert =
        prepare(w, "INSERT INTO services VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *phone = prepare(w, "INSERT INTO phones VALUES (?, ?, ?)");
    sqlite3_stmt *language = prepare(w, "INSERT INTO service_languages VALUES (?, ?)");
    sqlite3_stmt *hour = prepare(w, "INSERT INTO hours VALUES (?, ?, ?, ?)");
    sqlite3_stmt *closure = prepare(w, "INSERT INTO closures VALUES (?, ?)");
    int position = 0;
    for (size_t a = 0; agency_insert && service_insert && a < model->agency_count; a++) {
        const agency *ag = &model->agencies[a];
        sqlite3_bind_text(agency_insert, 1, ag->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(agency_insert, 2, ag->example);
        sqlite3_bind_text(agency_insert, 3, ag->source ? ag->source : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(agency_insert, 4, ag->checked ? ag->checked : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(agency_insert, 5, ag->file ? ag->file : "", -1, SQLITE_TRANSIENT);
        step(w, agency_insert);
        for (size_t i = 0; i < ag->service_count; i++) {
            const service *s = &ag->services[i];
            sqlite3_stmt *q = service_insert;
            sqlite3_bind_text(q, 1, s->id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 2, ag->id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 3, s->category ? s->category : "", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 4, s->town ? s->town : "", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 5, s->address ? s->address : "", -1, SQLITE_TRANSIENT);
            if (s->has_coordinates) {
                sqlite3_bind_double(q, 6, s->latitude);
                sqlite3_bind_double(q, 7, s->longitude);
            }
            bind_text(q, 8, s->email);
            bind_text(q, 9, s->web);
            /* A service is an example when it or its agency says so. */
            sqlite3_bind_int(q, 10, s->example || ag->example);
            const char *source = s->source ? s->source : ag->source;
            const char *checked = service_checked(ag, s);
            sqlite3_bind_text(q, 11, source ? source : "", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 12, checked ? checked : "", -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(q, 13, position++);
            step(w, q);
            write_service_details(w, s, phone, language, hour, closure);
        }
    }
    sqlite3_finalize(agency_insert);
    sqlite3_finalize(service_insert);
    sqlite3_finalize(phone);
    sqlite3_finalize(language);
    sqlite3_finalize(hour);
    sqlite3_finalize(closure);
}

static void write_articles(writer *w, const catalog_model *model)
{
    static const char *const kinds[] = {"heading", "paragraph", "item"};
    sqlite3_stmt *article_insert = prepare(w, "INSERT INTO articles VALUES (?, ?, ?, ?)");
    sqlite3_stmt *block = prepare(w, "INSERT INTO article_blocks VALUES (?, ?, ?, ?)");
    for (size_t a = 0; article_insert && block && a < model->article_count; a++) {
        const article *ar = &model->articles[a];
        sqlite3_bind_text(article_insert, 1, ar->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(article_insert, 2, ar->category ? ar->category : "", -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_int(article_insert, 3, (int)a);
        sqlite3_bind_text(article_insert, 4, ar->checked ? ar->checked : "", -1, SQLITE_TRANSIENT);
        step(w, article_insert);
        for (size_t b = 0; b < ar->block_count; b++) {
            sqlite3_bind_text(block, 1, ar->id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(block, 2, (int)(b + 1));
            sqlite3_bind_text(block, 3, kinds[ar->blocks[b]], -1, SQLITE_STATIC);
            sqlite3_bind_text(block, 4, ar->block_keys[b], -1, SQLITE_TRANSIENT);
            step(w, block);
        }
    }
    sqlite3_finalize(article_insert);
    sqlite3_finalize(block);
}

/* What `language` shows for `u`: its own translation when translated (a
 * fuzzy one is a guess by msgmerge, not shown), else the first language of
 * its fallback chain that has one, ending with the Italian source. */
static void resolve_text(const unit *u, const language_entry *entry, const po_set *po,
                         const char **text, const char **status, const char **shown)
{
    if (strcmp(entry->code, "it") == 0) {
        *text = u->text, *status = "source", *shown = "it";
        return;
    }
    const po_language *file = po_for(po, entry->code);
    const translation *own = file ? po_find(file, u->key) : NULL;
    /* A translation of an older Italian text is as good as fuzzy: shown
     * only after a translator confirms it. */
    bool current = own && strcmp(own->source, u->text) == 0;
    if (current && own->status == TRANSLATION_TRANSLATED && own->text[0]) {
        *text = own->text, *status = "translated", *shown = entry->code;
        return;
    }
    *status = own && (own->status == TRANSLATION_FUZZY || !current) &&
                      own->status != TRANSLATION_UNTRANSLATED
                  ? "fuzzy"
                  : "untranslated";
    for (size_t f = 0; f < entry->fallback_count; f++) {
        const char *code = entry->fallback[f];
        if (strcmp(code, "it") == 0)
            break;
        const po_language *other = po_for(po, code);
        const translation *t = other ? po_find(other, u->key) : NULL;
        if (t && t->status == TRANSLATION_TRANSLATED && t->text[0] &&
            strcmp(t->source, u->text) == 0) {
            *text = t->text, *shown = code;
            return;
        }
    }
    *text = u->text, *shown = "it";
}

static void write_texts(writer *w, const catalog_model *model, const language_list *languages,
                        const po_set *po)
{
    sqlite3_stmt *insert = prepare(w, "INSERT INTO texts VALUES (?, ?, ?, ?, ?)");
    for (size_t l = 0; insert && l < languages->count; l++) {
        const language_entry *entry = &languages->entries[l];
        for (size_t i = 0; i < model->unit_count; i++) {
            const char *text, *status, *shown;
            resolve_text(&model->units[i], entry, po, &text, &status, &shown);
            sqlite3_bind_text(insert, 1, model->units[i].key, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 2, entry->code, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 3, text, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 4, status, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, shown, -1, SQLITE_TRANSIENT);
            step(w, insert);
        }
    }
    sqlite3_finalize(insert);
}

/* The translators' recordings (recordings.h), each only where the visitor
 * sees its language's own current translation (status 'translated', or
 * the Italian source): a recording of a fuzzy or older translation, or of
 * a text shown in a fallback, would read something else than the screen.
 * Rows are kept apart from `texts` (WITHOUT ROWID suits small rows, not
 * blobs of up to 1 MB). */
static void write_recordings(writer *w, const recording_set *recordings)
{
    if (!recordings || recordings->count == 0)
        return;
    sqlite3_stmt *insert =
        prepare(w, "INSERT INTO recordings SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM texts"
                   " WHERE key = ?1 AND language = ?2 AND shown = ?2 AND status IN ('source',"
                   " 'translated'))");
    for (size_t i = 0; insert && i < recordings->count; i++) {
        const recording_file *r = &recordings->items[i];
        sqlite3_bind_text(insert, 1, r->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, r->language, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(insert, 3, r->bytes, r->size, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 4, r->milliseconds);
        step(w, insert);
    }
    sqlite3_finalize(insert);
}

/* Appends `text` and a separating space to *buffer. */
static void append_text(char **buffer, size_t *length, const char *text)
{
    size_t more = strlen(text);
    char *bigger = realloc(*buffer, *length + more + 2);
    if (!bigger)
        return;
    memcpy(bigger + *length, text, more);
    bigger[*length + more] = ' ';
    bigger[*length + more + 1] = '\0';
    *length += more + 1;
    *buffer = bigger;
}

/* One column of a search row being made. */
typedef struct column_text {
    char *text;
    size_t length;
} column_text;

/* Appends `text` folded for search to a column; in Arabic also its words
 * without their prefixes (fold.h), in the same column so that a word
 * found only so ranks as its field does. */
static void append_folded(column_text *column, const char *language, const char *text)
{
    char *folded = search_fold(text ? text : "");
    if (!folded)
        return;
    append_text(&column->text, &column->length, folded);
    char *bare = search_bare(language, folded);
    if (bare)
        append_text(&column->text, &column->length, bare);
    free(bare);
    free(folded);
}

/* Appends a field's text in `language` to the row's columns: the text by
 * its field, and in Latin letters when the language has them. */
static void append_field(column_text *columns, const char *language, const char *key,
                         const char *text)
{
    enum search_column field = search_field_column(key);
    append_folded(&columns[field], language, text);
    char *latin = search_latin(language, text);
    if (latin)
        append_folded(&columns[field == SEARCH_TITLE ? SEARCH_LATIN_TITLE : SEARCH_LATIN_TEXT],
                      language, latin);
    free(latin);
}

/* "service:ID" of "service:ID:name"; "article:ID" of an article's block,
 * "article:ID\004text" or "article:ID#2\004text". */
static size_t record_length(const char *key)
{
    const char *colon = strchr(key, ':');
    return colon ? (size_t)(colon + 1 - key) + strcspn(colon + 1, ":#\004") : strlen(key);
}

typedef struct service_owner {
    const char *service_id;
    const char *town;
    const unit *agency_name, *category_name;
} service_owner;

static int compare_owner(const void *a, const void *b)
{
    return strcmp(((const service_owner *)a)->service_id, ((const service_owner *)b)->service_id);
}

static int compare_owner_key(const void *key, const void *b)
{
    return strcmp(key, ((const service_owner *)b)->service_id);
}

/* Every service with its town, its agency's and its category's names,
 * sorted by service id. */
static service_owner *service_owners(const catalog_model *model, size_t *count)
{
    size_t total = 0;
    for (size_t a = 0; a < model->agency_count; a++)
        total += model->agencies[a].service_count;
    service_owner *owners = calloc(total ? total : 1, sizeof *owners);
    if (!owners)
        return NULL;
    size_t n = 0;
    for (size_t a = 0; a < model->agency_count; a++) {
        char key[256];
        snprintf(key, sizeof key, "agency:%s:name", model->agencies[a].id);
        const unit *name = catalog_model_unit(model, key);
        for (size_t s = 0; s < model->agencies[a].service_count; s++) {
            const service *sv = &model->agencies[a].services[s];
            char category[256];
            snprintf(category, sizeof category, "category:%s:name",
                     sv->category ? sv->category : "");
            owners[n++] = (service_owner){sv->id, sv->town ? sv->town : "", name,
                                          catalog_model_unit(model, category)};
        }
    }
    qsort(owners, n, sizeof *owners, compare_owner);
    *count = n;
    return owners;
}

/* One FTS5 table per language (prefix indexes for 1 and 2 characters:
 * the first letters typed matched every token and cost 11 ms at p99 in a
 * 10,000-service catalogue, 0.5 ms with them, for 2.4x the index size),
 * columns in fold.h: each record's text in the language by field, the
 * same in Latin letters for the languages that have them, and its Italian
 * text (in the Italian table the own text is the Italian), the agency's
 * name included for its services in both (and the category's name as a
 * summary in the language), so that a name read on an
 * Italian letter finds the service from any language. */
static void write_search(writer *w, const catalog_model *model, const language_list *languages,
                         const po_set *po)
{
    for (size_t l = 0; !w->failed && l < languages->count; l++) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "CREATE VIRTUAL TABLE search_%s USING fts5(" SEARCH_COLUMNS ","
                 " tokenize = \"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\","
                 " prefix = '1 2');",
                 languages->entries[l].code);
        exec(w, sql);
    }
    /* Records in data order, each folded in C (SQLite cannot call
     * search_fold): its text in every language from the same
     * resolve_text() that filled `texts`. */
    size_t count = languages->count;
    sqlite3_stmt **inserts = calloc(count ? count : 1, sizeof *inserts);
    for (size_t l = 0; inserts && l < count; l++) {
        char sql[256];
        snprintf(sql, sizeof sql, "INSERT INTO search_%s VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 languages->entries[l].code);
        inserts[l] = prepare(w, sql);
    }
    column_text(*rows)[SEARCH_COLUMN_COUNT] = calloc(count ? count : 1, sizeof *rows);
    size_t owner_count = 0;
    service_owner *owners = service_owners(model, &owner_count);
    for (size_t i = 0; inserts && rows && !w->failed && i < model->unit_count;) {
        size_t length = record_length(model->units[i].key);
        char record[256];
        snprintf(record, sizeof record, "%.*s", (int)length, model->units[i].key);
        const service_owner *owner =
            owners && strncmp(record, "service:", 8) == 0
                ? bsearch(record + 8, owners, owner_count, sizeof *owners, compare_owner_key)
                : NULL;
        column_text italian = {0};
        if (owner && owner->agency_name)
            append_folded(&italian, "it", owner->agency_name->text);
        for (size_t l = 0; owner && owner->agency_name && l < count; l++) {
            const char *text, *status, *shown;
            resolve_text(owner->agency_name, &languages->entries[l], po, &text, &status, &shown);
            append_field(rows[l], languages->entries[l].code, "agency", text);
        }
        /* what kind of service it is: its category's name, as a summary
         * (the immigration office is the place for "permesso di
         * soggiorno", a union desk that mentions it is not) */
        for (size_t l = 0; owner && owner->category_name && l < count; l++) {
            const char *text, *status, *shown;
            resolve_text(owner->category_name, &languages->entries[l], po, &text, &status, &shown);
            append_field(rows[l], languages->entries[l].code, "category:what", text);
        }
        for (; i < model->unit_count && record_length(model->units[i].key) == length &&
               strncmp(model->units[i].key, record, length) == 0;
             i++) {
            append_folded(&italian, "it", model->units[i].text);
            for (size_t l = 0; l < count; l++) {
                const char *text, *status, *shown;
                resolve_text(&model->units[i], &languages->entries[l], po, &text, &status, &shown);
                append_field(rows[l], languages->entries[l].code, model->units[i].key, text);
            }
        }
        for (size_t l = 0; l < count && inserts[l]; l++) {
            bool own_is_italian = strcmp(languages->entries[l].code, "it") == 0;
            sqlite3_bind_text(inserts[l], 1, record, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(inserts[l], 2, owner ? owner->town : "", -1, SQLITE_TRANSIENT);
            for (int column = SEARCH_TITLE; column < SEARCH_COLUMN_COUNT; column++) {
                const column_text *text = column == SEARCH_ITALIAN ? &italian : &rows[l][column];
                sqlite3_bind_text(
                    inserts[l], column + 1,
                    text->text && !(column == SEARCH_ITALIAN && own_is_italian) ? text->text : "",
                    -1, SQLITE_TRANSIENT);
            }
            step(w, inserts[l]);
            for (int column = 0; column < SEARCH_COLUMN_COUNT; column++)
                free(rows[l][column].text);
            memset(rows[l], 0, sizeof rows[l]);
        }
        free(italian.text);
        progress_search(i, model->unit_count);
    }
    for (size_t l = 0; inserts && l < count; l++)
        sqlite3_finalize(inserts[l]);
    free(inserts);
    free(rows);
    free(owners);
    search_fold_release();
}

/* Records a validation failure of the written file. */
static void invalid(writer *w, const char *format, const char *detail)
{
    problems_add(w->problems, w->path, 0, format, detail);
    w->failed = true;
}

/* Our own validation of the written file, beyond SQLite's integrity check. */
static void validate(writer *w, const catalog_model *model, const language_list *languages)
{
    sqlite3_stmt *check = prepare(w, "PRAGMA integrity_check");
    if (check && sqlite3_step(check) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(check, 0), "ok") != 0)
        invalid(w, "integrity check failed: %s", (const char *)sqlite3_column_text(check, 0));
    sqlite3_finalize(check);
    check = prepare(w, "PRAGMA foreign_key_check");
    if (check && sqlite3_step(check) == SQLITE_ROW)
        invalid(w, "a %s row points at a missing record",
                (const char *)sqlite3_column_text(check, 0));
    sqlite3_finalize(check);
    check = prepare(w, "SELECT count(*) FROM texts");
    if (check && sqlite3_step(check) == SQLITE_ROW &&
        (size_t)sqlite3_column_int64(check, 0) != model->unit_count * languages->count) {
        problems_add(w->problems, w->path, 0, "%lld texts written, %zu expected",
                     sqlite3_column_int64(check, 0), model->unit_count * languages->count);
        w->failed = true;
    }
    sqlite3_finalize(check);
    check = prepare(w, "SELECT s.id FROM services s WHERE NOT EXISTS (SELECT 1 FROM texts t"
                       " WHERE t.key = 'service:' || s.id || ':name' AND t.language = 'it'"
                       " AND t.text <> '')");
    if (check && sqlite3_step(check) == SQLITE_ROW)
        invalid(w, "service %s has no Italian name", (const char *)sqlite3_column_text(check, 0));
    sqlite3_finalize(check);
}

static bool fsync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* The build's time: SOURCE_DATE_EPOCH when set (reproducible builds, and
 * tests that need an older catalogue), else now. */
static time_t build_time(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long seconds = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
    return seconds >= 0 && end && *end == '\0' ? (time_t)seconds : time(NULL);
}

static void write_meta(writer *w)
{
    char built[32], sql[256];
    time_t now = build_time();
    strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    snprintf(sql, sizeof sql,
             "INSERT INTO meta VALUES ('schema_version', '%d'), ('built_at', '%s');",
             CATALOG_SCHEMA_VERSION, built);
    exec(w, sql);
}

/* The PID in `name` when it is exactly "BASE.new-PID-XXXXXX", the name
 * new_file() gives (PID in decimal without leading zero, six letters or
 * digits from mkstemp); 0 for any other name. */
static pid_t leftover_pid(const char *name, const char *base)
{
    size_t base_length = strlen(base);
    if (strncmp(name, base, base_length) != 0 || strncmp(name + base_length, ".new-", 5) != 0)
        return 0;
    const char *p = name + base_length + 5;
    int pid = 0;
    if (*p < '1' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (pid > (INT_MAX - (*p - '0')) / 10)
            return 0; /* more than any PID */
        pid = pid * 10 + (*p - '0');
    }
    if (*p++ != '-')
        return 0;
    for (int i = 0; i < 6; i++, p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return 0;
    return *p == '\0' ? (pid_t)pid : 0;
}

/* A build killed with SIGKILL cannot remove its new file: the next build of
 * the same output removes those whose process is gone.  One whose PID runs
 * is kept, whatever that process is now (two builds may run at once, and
 * a reused PID only delays the removal to a later build); so is one owned
 * by another user's build (kill() says EPERM, not ESRCH).  PIDs are those
 * of our PID namespace: builds in two containers must not share a folder.
 * Best effort: a folder we cannot read or a file we cannot remove stays as
 * it was, and the build goes on. */
static void remove_leftovers_of_dead_builds(const char *output)
{
    char *directory_copy = strdup(output);
    if (!directory_copy)
        return;
    const char *slash = strrchr(output, '/');
    const char *base = slash ? slash + 1 : output;
    DIR *folder = opendir(dirname(directory_copy));
    if (!folder) {
        free(directory_copy);
        return;
    }
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        pid_t pid = leftover_pid(entry->d_name, base);
        if (pid > 0 && kill(pid, 0) == -1 && errno == ESRCH)
            unlinkat(dirfd(folder), entry->d_name, 0);
    }
    closedir(folder);
    free(directory_copy);
}

/* Creates "OUTPUT.new-PID-XXXXXX" beside the output (same file system, so
 * that rename() replaces the output whole); the PID lets a later build
 * tell a dead build's leftover from a running build's file.  Returns its
 * descriptor and sets *temporary (to free), or -1 with errno. */
static int new_file(const char *output, char **temporary)
{
    long pid = (long)getpid();
    int length = snprintf(NULL, 0, "%s.new-%ld-XXXXXX", output, pid);
    *temporary = length > 0 ? malloc((size_t)length + 1) : NULL;
    if (!*temporary) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(*temporary, (size_t)length + 1, "%s.new-%ld-XXXXXX", output, pid);
    int fd = mkstemp(*temporary);
    if (fd < 0) {
        int saved = errno;
        free(*temporary);
        *temporary = NULL;
        errno = saved;
    }
    return fd;
}

static bool write_catalog(const catalog_model *model, const po_set *po,
                          const language_list *languages, const recording_set *recordings,
                          const char *output, const signed_secret *secret, problem_list *problems)
{
    remove_leftovers_of_dead_builds(output);
    char *temporary = NULL;
    int fd = new_file(output, &temporary);
    if (fd < 0) {
        problems_add(problems, output, 0, "cannot create a new file beside it: %s",
                     strerror(errno));
        return false;
    }
    close(fd);
    writer w = {.path = output, .problems = problems};
    if (sqlite3_open_v2(temporary, &w.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        sql_failed(&w, "cannot open the new file");
    exec(&w, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    exec(&w, "BEGIN;");
    exec(&w, schema);
    write_meta(&w);
    write_languages(&w, languages, po);
    write_categories(&w, model);
    write_agencies(&w, model);
    write_articles(&w, model);
    write_texts(&w, model, languages, po);
    write_recordings(&w, recordings);
    write_search(&w, model, languages, po);
    exec(&w, "COMMIT;");
    if (!w.failed)
        validate(&w, model, languages);
    exec(&w, "PRAGMA optimize;");
    if (sqlite3_close(w.db) != SQLITE_OK && !w.failed) {
        problems_add(problems, output, 0, "cannot close the new file");
        w.failed = true;
    }
    char why[512];
    if (!w.failed && secret && !signed_append(temporary, secret, why, sizeof why)) {
        problems_add(problems, output, 0, "%s", why);
        w.failed = true;
    }
    char *directory_copy = strdup(output);
    const char *directory = directory_copy ? dirname(directory_copy) : ".";
    if (!w.failed && !fsync_path(temporary, O_RDONLY)) {
        problems_add(problems, output, 0, "cannot flush the new file to disk: %s", strerror(errno));
        w.failed = true;
    }
    /* mkstemp made it private; the kiosk may run as another user. */
    if (!w.failed && chmod(temporary, 0644) != 0) {
        problems_add(problems, output, 0, "cannot make the new file readable: %s", strerror(errno));
        w.failed = true;
    }
    if (!w.failed && rename(temporary, output) != 0) {
        problems_add(problems, output, 0, "cannot put the new file in place: %s", strerror(errno));
        w.failed = true;
    }
    if (w.failed)
        remove(temporary);
    else
        fsync_path(directory, O_RDONLY | O_DIRECTORY);
    free(directory_copy);
    free(temporary);
    return !w.failed;
}

bool catalog_write(const catalog_model *model, const po_set *po, const language_list *languages,
                   const recording_set *recordings, const char *output, problem_list *problems)
{
    return write_catalog(model, po, languages, recordings, output, NULL, problems);
}

bool catalog_write_signed(const catalog_model *model, const po_set *po,
                          const language_list *languages, const recording_set *recordings,
                          const char *output, const signed_secret *secret, problem_list *problems)
{
    return write_catalog(model, po, languages, recordings, output, secret, problems);
}
