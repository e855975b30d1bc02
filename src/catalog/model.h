/* model.h - the catalogue's content in memory, between the parsers and the
 * SQLite writer (internal to sportello-catalog).
 *
 * The data parser (data.c) fills a catalog_model from data/; the PO reader
 * (po.c) fills one translation table per language; the writer (writer.c)
 * turns both into the SQLite file.  Every string is malloc'd UTF-8 owned by
 * the model; catalog_model_free() releases everything. */
#ifndef SPORTELLO_CATALOG_MODEL_H
#define SPORTELLO_CATALOG_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* Problems are collected, never printed by the library: "path:line: what". */
typedef struct problem_list {
    char **items;
    size_t count, capacity;
} problem_list;

/* Adds "path:line: <formatted>" (line 0: "path: <formatted>"). */
void problems_add(problem_list *list, const char *path, int line, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
void problems_free(problem_list *list);

/* One translatable string: its message context (docs/catalog.md), the
 * Italian text, what it is for the translator, and where it came from. */
typedef struct unit {
    char *key;     /* msgctxt, e.g. "service:cpi-mantova:what"; an article's
                      block is keyed as gettext keys a message, msgctxt
                      "\004" msgid: "article:ID\004" followed by its text */
    char *text;    /* Italian */
    char *comment; /* "#." for translators: what the field is, where it shows */
    char *file;    /* data file, for "#:" and errors */
    int line;
} unit;

typedef struct opening_range {
    int weekday;       /* 1 Monday .. 7 Sunday */
    int opens, closes; /* minutes after midnight, opens < closes */
} opening_range;

typedef struct service {
    char *id;
    char *category;
    char *town; /* mantova, castiglione-delle-stiviere, suzzara, other */
    char *address;
    bool has_coordinates;
    double latitude, longitude;
    char **phones;
    size_t phone_count;
    char *email, *web;
    opening_range *hours;
    size_t hour_count;
    char **closures; /* YYYY-MM-DD */
    size_t closure_count;
    char **languages; /* spoken at the desk */
    size_t language_count;
    char *source, *checked; /* where the facts were read, and when (YYYY-MM-DD) */
    bool example;           /* not checked: the kiosk shows it as an example */
    /* translatable fields are units in model->units with keys
     * service:ID:name, :what, :for-whom, :documents:N, :cost, :hours-note,
     * :directions */
    size_t document_count;
    char *file;
    int line;
} service;

typedef struct agency {
    char *id;
    char *source, *checked;
    bool example;
    service *services;
    size_t service_count;
    char *file;
    int line;
} agency;

/* When a service's facts were checked: its own date, else its agency's
 * (NULL when neither has one). */
static inline const char *service_checked(const agency *ag, const service *s)
{
    return s->checked ? s->checked : ag->checked;
}

typedef struct category {
    char *id;
    char *icon;
    char *file;
    int line;
} category;

typedef enum block_kind { BLOCK_HEADING, BLOCK_PARAGRAPH, BLOCK_ITEM } block_kind;

typedef struct article {
    char *id;
    char *category;
    block_kind *blocks;      /* kind of block N+1 */
    const char **block_keys; /* its unit's key, "article:ID\004text" or
                                "article:ID#2\004text" for the second block
                                of that text (borrowed from the units) */
    size_t block_count;
    char *checked; /* when its facts were last read (checked.h), or NULL */
    char *file;
    int line;
} article;

typedef struct catalog_model {
    category *categories;
    size_t category_count;
    agency *agencies;
    size_t agency_count;
    article *articles;
    size_t article_count;
    unit *units; /* every translatable string, in data order */
    size_t unit_count;
    const unit **by_key; /* the units sorted by key, for catalog_model_unit()
                            (NULL when out of memory: then a linear search) */
} catalog_model;

/* Reads data_dir: categories.yaml, every *.yaml agency file (sorted by
 * name), every articles/<name>.md.  Appends every problem found to `problems`
 * and returns the model (possibly partial; use it only when no problem
 * was added).  NULL only when out of memory. */
catalog_model *catalog_model_read(const char *data_dir, problem_list *problems);
void catalog_model_free(catalog_model *model);

/* The unit with `key`, or NULL.  A binary search: the build looks up
 * every translation of every language (linear, it took 80 % of a 10,000
 * service build). */
const unit *catalog_model_unit(const catalog_model *model, const char *key);

#endif
