/* fuzz_search_query.c - libFuzzer target for the kiosk's search: what a
 * visitor types, turned into an FTS5 query (catalog_search_expression) and
 * run on the bundled catalogue (catalog_search).
 *
 * Input: one byte choosing the language, then the typed text (any bytes).
 * Checked besides memory safety: the expression is always one FTS5 can
 * parse - the query is never a syntax error, whatever was typed (SQLite
 * logs one through sqlite3_log, counted here) - and every record found
 * names a service or an article of the catalogue. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "catalog_search.h"
#include "log.h"

static catalog *bundled;
static int search_warnings;

static void count_warnings(log_level level, const char *module, const char *message, void *user)
{
    (void)message, (void)user;
    if (level >= LOG_WARNING && strcmp(module, "catalog") == 0)
        search_warnings++;
}

static void close_catalog(void)
{
    catalog_close(bundled);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    log_set_sink(count_warnings, NULL);
    const char *path = getenv("SPORTELLO_FUZZ_CATALOG");
    char why[512];
    bundled = catalog_open(path ? path : SPORTELLO_BUILD_CATALOG, why, sizeof why);
    if (!bundled) {
        fprintf(stderr, "%s\n", why);
        abort();
    }
    atexit(close_catalog);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    size_t languages = catalog_language_count(bundled);
    const char *language = catalog_language_at(bundled, data[0] % languages)->code;
    char *query = malloc(size);
    if (!query)
        return 0;
    memcpy(query, data + 1, size - 1);
    query[size - 1] = '\0';

    char *expression = catalog_search_expression(NULL, language, query);
    free(expression);
    search_warnings = 0;
    size_t count = 0;
    catalog_search_result *results =
        catalog_search(bundled, language, query, "mantova", 20, &count);
    if (search_warnings)
        abort(); /* FTS5 refused the expression */
    for (size_t i = 0; i < count; i++) {
        const catalog_search_result *r = &results[i];
        if (strcmp(r->kind, "service") == 0 ? !catalog_find_service(bundled, r->id)
            : strcmp(r->kind, "article") == 0
                ? !catalog_find_article(bundled, r->id)
                : strcmp(r->kind, "agency") != 0 && strcmp(r->kind, "category") != 0)
            abort();
        /* the highlights are words of the title */
        for (size_t m = 0; m < r->match_count; m++)
            if (r->matches[m].length == 0 ||
                r->matches[m].start + r->matches[m].length > strlen(r->title))
                abort();
    }
    catalog_search_free(results, count);
    free(query);
    return 0;
}
