/* catalog_private.h - what catalog_read.c and catalog_search.c share and
 * no one else sees: the catalogue's struct and two helpers.  Screens and
 * pages use catalog_read.h and catalog_search.h only. */
#ifndef SPORTELLO_CATALOG_PRIVATE_H
#define SPORTELLO_CATALOG_PRIVATE_H

#include <stdbool.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "catalog_read.h"

struct catalog {
    sqlite3 *db;
    sqlite3_stmt *text;
    sqlite3_stmt *recording; /* the audio of a key in a language */
    sqlite3_stmt *has_recording;
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
    /* catalog_search.c */
    struct vocabulary *vocabularies; /* per language, read on first search */
};

/* A text column, malloc'd ("" for NULL). */
char *catalog_dup_column(sqlite3_stmt *stmt, int column);

/* Frees the search's vocabularies (catalog_search.c); for catalog_close. */
void catalog_search_close(catalog *c);

#endif
