/* test_search.c - the kiosk's search over the bundled catalogue
 * (catalog_search in src/app/catalog_read.c): what a visitor types is
 * found in their language and in Italian, folded like the index, and
 * nothing typed can make an FTS5 query fail.
 *
 *   test_search CATALOG TEST-NAME */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "catalog_read.h"
#include "log.h"

static int warnings;

static void count_warnings(log_level level, const char *module, const char *message, void *user)
{
    (void)user;
    if (level >= LOG_WARNING) {
        warnings++;
        fprintf(stderr, "[%s] %s\n", module, message);
    }
}

/* True when `record` is among the results of `query` in `language`. */
static bool finds(catalog *c, const char *language, const char *query, const char *record)
{
    size_t count = 0;
    catalog_search_result *results = catalog_search(c, language, query, NULL, 50, &count);
    bool found = false;
    for (size_t i = 0; i < count; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s:%s", results[i].kind, results[i].id);
        found = found || strcmp(name, record) == 0;
    }
    catalog_search_free(results, count);
    return found;
}

static size_t result_count(catalog *c, const char *language, const char *query)
{
    size_t count = 0;
    catalog_search_result *results = catalog_search(c, language, query, NULL, 50, &count);
    catalog_search_free(results, count);
    return count;
}

static void search_finds_records_in_the_language_and_in_italian(catalog *c)
{
    CHECK(finds(c, "it", "caporalato", "article:caporalato"), "it: caporalato");
    CHECK(finds(c, "it", "Capor", "article:caporalato"), "a prefix, any case");
    CHECK(finds(c, "it", "questura denunce", "service:questura-mantova-denunce"),
          "two words, both required");
    CHECK(!finds(c, "it", "caporalato zzzzqqq", "article:caporalato"),
          "a word found nowhere leaves nothing");
    /* the Arabic text, and the Italian name read on a letter */
    CHECK(finds(c, "ar", "الكابورالاتو", "article:caporalato"), "ar: the article's Arabic title");
    CHECK(finds(c, "ar", "caporalato", "article:caporalato"), "ar: the Italian word");
    CHECK(finds(c, "uk", "Questura", "service:questura-mantova-denunce"),
          "uk: the office's Italian name");
}

static void search_folds_harakat_and_finds_chinese_inside_a_clause(catalog *c)
{
    size_t plain = result_count(c, "ar", "العمال");
    CHECK(plain > 0, "ar: العمال is in the catalogue");
    CHECK(result_count(c, "ar", "العُمّال") == plain, "with harakat: %zu results, without: %zu",
          result_count(c, "ar", "العُمّال"), plain);
    CHECK(result_count(c, "ar", "العــمال") == plain, "with tatweel");
    CHECK(finds(c, "zh", "劳务", "service:questura-mantova-denunce"),
          "zh: two characters inside a longer run of Han text");
}

static void search_operators_quotes_and_punctuation_are_only_text(catalog *c)
{
    const char *queries[] = {
        "\"", "\"\"", "*", "^", "NEAR(a b)", "a AND b OR NOT c", "text:foo", "{text italian}:x",
        "-x", "+", "caporal*", "(((((", "caporalato\"", "\"caporalato", "record:article",
        "caporalato AND", "OR", "NOT caporalato", "'; DROP TABLE texts; --", "\\", "\x01\x7f",
        "\xff\xfe\xc0\xaf", "\xe2\x80", "\u200f\u2067", "ـــ", "①②③", "\U0001F600",
    };
    warnings = 0;
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        result_count(c, "it", queries[i]);
    CHECK(warnings == 0, "%d queries logged an SQLite error", warnings);
    CHECK(finds(c, "it", "caporalato\"", "article:caporalato"), "a trailing quote is ignored");
    CHECK(finds(c, "it", "(caporalato)", "article:caporalato"), "brackets are ignored");
    CHECK(finds(c, "it", "capor*", "article:caporalato"), "a typed star is a separator");
    char *expression = catalog_search_expression(NULL, "it", "a\"b NEAR(x)");
    CHECK(expression && strcmp(expression, "\"a\"\"b\"* AND \"NEAR(x)\"*") == 0,
          "quotes doubled, each word one prefix phrase: %s", expression ? expression : "NULL");
    free(expression);
}

static void search_without_words_or_language_gives_nothing(catalog *c)
{
    CHECK(result_count(c, "it", "") == 0, "empty");
    CHECK(result_count(c, "it", "   \t ") == 0, "white space");
    CHECK(result_count(c, "it", "?! ... ,;") == 0, "punctuation only");
    CHECK(result_count(c, "xx", "caporalato") == 0, "a language not in the catalogue");
    CHECK(result_count(c, "it; DROP", "caporalato") == 0, "not a language code");
    CHECK(result_count(c, "it", NULL) == 0, "NULL");
    char *expression = catalog_search_expression(NULL, "it", " , ; ");
    CHECK(expression && expression[0] == '\0', "no word: empty expression");
    free(expression);
}

static void search_long_queries_are_cut_at_the_limits(catalog *c)
{
    char query[4096];
    size_t n = 0;
    for (int i = 0; i < 600 && n + 12 < sizeof query; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "parola%d ", i);
    char *expression = catalog_search_expression(NULL, "ar", query);
    size_t words = 0;
    for (const char *p = expression; p && *p; p++)
        words += *p == '*';
    CHECK(words == CATALOG_SEARCH_MAX_WORDS, "%zu words kept", words);
    free(expression);
    /* 300 Arabic letters: the cut falls between the bytes of a letter */
    n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "ع");
    expression = catalog_search_expression(NULL, "ar", query);
    CHECK(expression && strlen(expression) <= CATALOG_SEARCH_MAX_BYTES + 4,
          "cut to the byte limit: %zu", expression ? strlen(expression) : 0);
    free(expression);
    warnings = 0;
    result_count(c, "ar", query);
    CHECK(warnings == 0, "no error");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CATALOG TEST-NAME\n", argv[0]);
        return 2;
    }
    log_set_sink(count_warnings, NULL);
    char why[512];
    catalog *c = catalog_open(argv[1], why, sizeof why);
    if (!c) {
        fprintf(stderr, "%s\n", why);
        return 1;
    }
    static const struct {
        const char *name;
        void (*run)(catalog *);
    } tests[] = {
        {"search_finds_records_in_the_language_and_in_italian",
         search_finds_records_in_the_language_and_in_italian},
        {"search_folds_harakat_and_finds_chinese_inside_a_clause",
         search_folds_harakat_and_finds_chinese_inside_a_clause},
        {"search_operators_quotes_and_punctuation_are_only_text",
         search_operators_quotes_and_punctuation_are_only_text},
        {"search_without_words_or_language_gives_nothing",
         search_without_words_or_language_gives_nothing},
        {"search_long_queries_are_cut_at_the_limits", search_long_queries_are_cut_at_the_limits},
    };
    bool ran = false;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (strcmp(argv[2], tests[i].name) == 0) {
            tests[i].run(c);
            ran = true;
        }
    catalog_close(c);
    if (!ran) {
        fprintf(stderr, "unknown test %s\n", argv[2]);
        return 2;
    }
    return check_failures ? 1 : 0;
}
