/* test_search.c - the kiosk's search over the bundled catalogue
 * (catalog_search in src/app/catalog_read.c): what a visitor types is
 * found in their language and in Italian, folded like the index, ranked as
 * a person expects, and nothing typed can make an FTS5 query fail.
 *
 *   test_search CATALOG TEST-NAME [QUERIES]
 *   (QUERIES: tests/app/search_queries.txt, for the realistic queries) */
#define _GNU_SOURCE /* strcasestr */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../check.h"
#include "catalog/fold.h"
#include "catalog_search.h"
#include "log.h"

static const char *catalog_path, *queries_path;

static int warnings;
/* every log line, at every level, for the privacy test */
static char logged[65536];
static size_t logged_length;

static void count_warnings(log_level level, const char *module, const char *message, void *user)
{
    (void)user;
    if (level >= LOG_WARNING) {
        warnings++;
        fprintf(stderr, "[%s] %s\n", module, message);
    }
    int n = snprintf(logged + logged_length, sizeof logged - logged_length, "%s\n", message);
    if (n > 0 && (size_t)n < sizeof logged - logged_length)
        logged_length += (size_t)n;
}

/* The records found for `query`, "KIND:ID" each, best first (at most
 * `max`, up to 64); returns how many. */
static size_t search_records(catalog *c, const char *language, const char *query, const char *town,
                             size_t max, char records[][128])
{
    size_t count = 0;
    catalog_search_result *results = catalog_search(c, language, query, town, max, &count);
    for (size_t i = 0; i < count; i++)
        snprintf(records[i], 128, "%s:%s", results[i].kind, results[i].id);
    catalog_search_free(results, count);
    return count;
}

/* The position of `record` among the first `max` results, or -1. */
static int position_of(catalog *c, const char *language, const char *query, const char *town,
                       size_t max, const char *record)
{
    char records[64][128];
    size_t count = search_records(c, language, query, town, max, records);
    for (size_t i = 0; i < count; i++)
        if (strcmp(records[i], record) == 0)
            return (int)i;
    return -1;
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
    CHECK(expression && strcmp(expression, "(\"a\"\"b\"*) AND (\"NEAR(x)\"*)") == 0,
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
    CHECK(expression && strlen(expression) <= CATALOG_SEARCH_MAX_BYTES + 8,
          "cut to the byte limit: %zu", expression ? strlen(expression) : 0);
    free(expression);
    warnings = 0;
    result_count(c, "ar", query);
    CHECK(warnings == 0, "no error");
}

/* All the texts of a record ("service:ID") in `language`, joined, from the
 * catalogue's texts table; malloc'd. */
static char *record_texts(const char *record, const char *language)
{
    sqlite3 *db = NULL;
    char *joined = NULL;
    if (sqlite3_open_v2(catalog_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *stmt = NULL;
        /* a service's texts and its category's name, indexed with it */
        sqlite3_prepare_v2(db,
                           "SELECT group_concat(text, ' | ') FROM texts WHERE language = ?2 AND"
                           " (substr(key, 1, length(?1) + 1) IN (?1 || ':', ?1 || char(4))"
                           " OR key = (SELECT 'category:' || category || ':name' FROM services"
                           " WHERE 'service:' || id = ?1))",
                           -1, &stmt, NULL);
        sqlite3_bind_text(stmt, 1, record, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, language, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            joined = strdup((const char *)sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return joined ? joined : strdup("");
}

/* Whether two strings fold to the same text. */
static bool fold_same(const char *a, const char *b)
{
    char *fa = search_fold(a), *fb = search_fold(b);
    bool same = fa && fb && strcmp(fa, fb) == 0;
    free(fa), free(fb);
    return same;
}

static void search_folds_arabic_letters_and_finds_words_without_article_or_prefix(catalog *c)
{
    /* alef forms, teh marbuta, alef maksura */
    CHECK(fold_same("أإآٱ", "اااا"), "alef forms");
    CHECK(fold_same("إقامة", "اقامه"), "teh marbuta is heh");
    CHECK(fold_same("على", "علي"), "alef maksura is yeh");
    /* the text says "تصريح الإقامة"; people type it without hamza, without
     * the article, with one of the prefixes */
    const char *permit[] = {"اقامة", "الاقامة", "الإقامة", "إقامة", "والإقامة", "بالاقامة"};
    for (size_t i = 0; i < sizeof permit / sizeof *permit; i++)
        CHECK(position_of(c, "ar", permit[i], NULL, 5, "category:permesso") >= 0,
              "ar %s: the permit category not in the first five", permit[i]);
    /* "كشف الراتب": the payslip, typed without the article or with "و" */
    CHECK(position_of(c, "ar", "راتب", NULL, 3, "article:busta-paga") >= 0, "ar راتب");
    CHECK(position_of(c, "ar", "والراتب", NULL, 3, "article:busta-paga") >= 0, "ar والراتب");
    CHECK(position_of(c, "ar", "للعمال", NULL, 20, "service:flai-cgil-sportello") >= 0,
          "ar للعمال finds the union desk for workers (لمساعدة العمال)");
}

static void search_folds_urdu_dari_kaf_yeh_heh_typed_with_arabic_letters(catalog *c)
{
    CHECK(fold_same("ک", "ك") && fold_same("ی", "ي") && fold_same("ہ", "ه") &&
              fold_same("ھ", "ه") && fold_same("ے", "ي"),
          "kaf, yeh, heh forms");
    /* Urdu "کام" (work), "تنخواہ" (pay) typed on an Arabic keyboard */
    CHECK(position_of(c, "ur", "كام", NULL, 5, "category:lavoro") >= 0, "ur كام");
    CHECK(position_of(c, "ur", "تنخواه", NULL, 5, "article:busta-paga") >= 0, "ur تنخواه");
    CHECK(position_of(c, "ur", "تنخواہ", NULL, 5, "article:busta-paga") >= 0, "ur تنخواہ");
    /* Dari "کار" (work) with the Arabic kaf and yeh */
    CHECK(position_of(c, "fa", "كار", NULL, 5, "category:lavoro") >= 0, "fa كار");
    CHECK(position_of(c, "ps", "كار", NULL, 5, "category:lavoro") >= 0, "ps كار");
}

static void search_finds_persian_typed_without_zwnj(catalog *c)
{
    CHECK(fold_same("می\u200cتوانید", "میتوانید"), "ZWNJ removed");
    char with[64][128], without[64][128];
    size_t a = search_records(c, "fa", "می\u200cتوانید", NULL, 64, with);
    size_t b = search_records(c, "fa", "میتوانید", NULL, 64, without);
    CHECK(a > 5 && a == b, "fa: %zu results with the ZWNJ, %zu without", a, b);
    CHECK(position_of(c, "fa", "اجازه میدهد", NULL, 5, "article:permesso-e-lavoro") >= 0,
          "fa اجازه میدهد (the title has می\u200cدهد)");
}

static void search_finds_gurmukhi_without_nukta(catalog *c)
{
    CHECK(fold_same("ਤਨਖ਼ਾਹ", "ਤਨਖਾਹ") && fold_same("ਸ਼", "ਸ") && fold_same("ਜ਼", "ਜ"),
          "nukta, alone or precomposed");
    CHECK(position_of(c, "pa", "ਤਨਖਾਹ", NULL, 3, "article:busta-paga") >= 0,
          "pa ਤਨਖਾਹ finds the payslip (ਤਨਖ਼ਾਹ)");
    CHECK(position_of(c, "pa", "ਰੁਜਗਾਰ", NULL, 5, "category:lavoro") >= 0, "pa ਰੁਜਗਾਰ finds ਰੁਜ਼ਗਾਰ");
}

static void search_folds_ethiopic_series_that_tigrinya_writers_mix(catalog *c)
{
    CHECK(fold_same("ቓ", "ቃ") && fold_same("ሐ", "ሀ") && fold_same("ኀ", "ሀ") &&
              fold_same("ሠ", "ሰ") && fold_same("ዐ", "አ") && fold_same("ፀ", "ጸ") &&
              fold_same("ኸ", "ከ") && fold_same("ሖ", "ሆ"),
          "Ethiopic series, order by order");
    /* the payslip is "ወረቐት ደሞዝ"; typed with ቀ */
    CHECK(position_of(c, "ti", "ወረቀት ደሞዝ", NULL, 3, "article:busta-paga") >= 0, "ti ወረቀት");
    /* "ሓገዝ" (help) typed with ሀ's series */
    char with[64][128], without[64][128];
    size_t a = search_records(c, "ti", "ሓገዝ", NULL, 64, with);
    size_t b = search_records(c, "ti", "ሃገዝ", NULL, 64, without);
    CHECK(a > 0 && a == b, "ti ሓገዝ %zu results, ሃገዝ %zu", a, b);
}

static void search_folds_traditional_chinese_and_finds_characters_apart(catalog *c)
{
    CHECK(fold_same("醫生", "医生") && fold_same("工資單", "工资单"), "traditional to simplified");
    CHECK(position_of(c, "zh", "醫生", NULL, 3, "service:ats-val-padana-ssn") >= 0, "zh 醫生");
    CHECK(position_of(c, "zh", "工資單", NULL, 1, "article:busta-paga") == 0, "zh 工資單 first");
    /* 工作 and 许可 are both in the article, never side by side */
    char *texts = record_texts("article:permesso-e-lavoro", "zh");
    CHECK(strstr(texts, "工作") && strstr(texts, "许可") && !strstr(texts, "工作许可"),
          "the article has 工作 and 许可 apart: this test would prove nothing");
    free(texts);
    CHECK(position_of(c, "zh", "工作许可", NULL, 5, "article:permesso-e-lavoro") >= 0,
          "zh 工作许可");
}

static void search_latin_letters_find_pinyin_bengali_gurmukhi_ukrainian_tigrinya(catalog *c)
{
    CHECK(position_of(c, "zh", "gongzuo", NULL, 3, "category:lavoro") >= 0, "zh gongzuo");
    CHECK(position_of(c, "zh", "gong zuo", NULL, 3, "category:lavoro") >= 0, "zh gong zuo");
    CHECK(position_of(c, "zh", "Gongz", NULL, 3, "category:lavoro") >= 0, "zh Gongz, still typing");
    CHECK(position_of(c, "bn", "kaj", NULL, 3, "category:lavoro") >= 0, "bn kaj finds কাজ");
    CHECK(position_of(c, "pa", "tanakhah", NULL, 3, "article:busta-paga") >= 0, "pa tanakhah");
    CHECK(position_of(c, "uk", "likar", NULL, 3, "service:ats-val-padana-ssn") >= 0,
          "uk likar finds лікар");
    CHECK(position_of(c, "ti", "demoz", NULL, 3, "article:busta-paga") >= 0, "ti demoz");
    /* the languages without Latin letters in the index (docs/design.md) */
    CHECK(position_of(c, "ar", "rateb", NULL, 50, "article:busta-paga") < 0,
          "ar has no transliteration");
}

static void search_typo_of_one_edit_finds_the_word_ranked_below_exact(catalog *c)
{
    const struct {
        const char *language, *query, *record;
    } typos[] = {
        {"it", "permeso", "category:permesso"},             /* a letter missing */
        {"it", "caporalatto", "article:caporalato"},        /* one too many */
        {"it", "contartto", "article:contratto-di-lavoro"}, /* two swapped */
        {"en", "payslpi", "article:busta-paga"},            /* two swapped */
        {"fr", "contrst", "article:contratto-di-lavoro"},   /* one changed */
        {"uk", "договор", "article:contratto-di-lavoro"},   /* one changed (договір) */
    };
    for (size_t i = 0; i < sizeof typos / sizeof *typos; i++)
        CHECK(position_of(c, typos[i].language, typos[i].query, NULL, 5, typos[i].record) >= 0,
              "%s %s: %s not in the first five", typos[i].language, typos[i].query,
              typos[i].record);
    CHECK(result_count(c, "it", "pagx") == 0 && result_count(c, "it", "pagax") > 0,
          "words of fewer than 5 letters have no typos (pagx: %zu, pagax: %zu)",
          result_count(c, "it", "pagx"), result_count(c, "it", "pagax"));
    /* "lavori": the records with a word beginning with it come before those
     * found through a word one edit away (lavoro, lavora) */
    sqlite3 *db = NULL;
    sqlite3_open_v2(catalog_path, &db, SQLITE_OPEN_READONLY, NULL);
    char records[64][128];
    size_t count = search_records(c, "it", "lavori", NULL, 64, records);
    size_t exact = 0, first_typo = count;
    bool order = true;
    for (size_t i = 0; i < count; i++) {
        sqlite3_stmt *stmt = NULL;
        sqlite3_prepare_v2(db,
                           "SELECT 1 FROM search_it WHERE search_it MATCH '\"lavori\"*'"
                           " AND record = ?",
                           -1, &stmt, NULL);
        sqlite3_bind_text(stmt, 1, records[i], -1, SQLITE_STATIC);
        bool is_exact = sqlite3_step(stmt) == SQLITE_ROW;
        sqlite3_finalize(stmt);
        if (is_exact) {
            exact++;
            order = order && i < first_typo;
        } else if (first_typo == count) {
            first_typo = i;
        }
    }
    sqlite3_close(db);
    CHECK(exact > 0 && first_typo < count, "lavori: %zu exact, typos from %zu of %zu", exact,
          first_typo, count);
    CHECK(order, "an exact match after a typo");
}

/* Whether the results of `query` that satisfy `good` all come before those
 * that do not; at least one of each. */
static void check_before(catalog *c, const char *language, const char *query,
                         bool (*good)(const char *record, const char *language, const void *data),
                         const void *data, const char *what)
{
    char records[64][128];
    size_t count = search_records(c, language, query, NULL, 64, records);
    size_t goods = 0, bads = 0;
    bool order = true;
    for (size_t i = 0; i < count; i++) {
        if (good(records[i], language, data)) {
            goods++;
            order = order && bads == 0;
            if (bads)
                fprintf(stderr, "%s %s: %s at %zu after %zu others\n", language, query, records[i],
                        i, bads);
        } else {
            bads++;
        }
    }
    CHECK(goods > 0 && bads > 0 && order, "%s %s: %s (%zu, then %zu)", language, query, what, goods,
          bads);
}

static bool has_phrase(const char *record, const char *language, const void *phrase)
{
    char *texts = record_texts(record, language);
    bool found = strcasestr(texts, phrase) != NULL;
    free(texts);
    return found;
}

static bool title_matches(const char *record, const char *language, const void *word)
{
    char key[160];
    snprintf(key, sizeof key, "%s:%s", record,
             strncmp(record, "article:", 8) == 0 ? "title" : "name");
    sqlite3 *db = NULL;
    bool found = false;
    sqlite3_open_v2(catalog_path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(db, "SELECT text FROM texts WHERE key = ? AND language = ?", -1, &stmt,
                       NULL);
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, language, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        char *folded = search_fold((const char *)sqlite3_column_text(stmt, 0));
        found = folded && strcasestr(folded, word);
        free(folded);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return found;
}

static void search_ranks_names_and_titles_first_and_a_phrase_above_scattered_words(catalog *c)
{
    /* words of fewer than 5 letters: no typos in the way */
    check_before(c, "it", "paga", title_matches, "paga", "the title has it");
    check_before(c, "it", "sede", title_matches, "sede", "the title has it");
    check_before(c, "ar", "عمل", title_matches, "عمل", "the title has it");
    check_before(c, "it", "permesso di soggiorno", has_phrase, "permesso di soggiorno",
                 "the phrase as typed");
    check_before(c, "it", "diritti lavoro", has_phrase, "diritti al lavoro",
                 "the words side by side");
    /* names before summaries before the body: the immigration office's
     * name says Immigrazione, other texts only mention it */
    CHECK(position_of(c, "it", "immigrazione", NULL, 2, "service:questura-mantova-immigrazione") >=
              0,
          "it immigrazione");
    /* the case: the Questura's immigration office in the first five */
    CHECK(position_of(c, "it", "permesso di soggiorno", NULL, 5,
                      "service:questura-mantova-immigrazione") >= 0,
          "it permesso di soggiorno: the immigration office not in the first five");
}

static bool own_words(const char *record, const char *language, const void *word)
{
    char *texts = record_texts(record, language);
    bool found = strcasestr(texts, word) != NULL;
    free(texts);
    return found;
}

static void search_ranks_the_languages_own_words_above_italian(catalog *c)
{
    /* "permesso" is in a few English texts ("residence permit (permesso di
     * soggiorno)"), and in the Italian text of many more */
    check_before(c, "en", "permesso", own_words, "permesso", "the English text has it");
    check_before(c, "fr", "permesso", own_words, "permesso", "the French text has it");
}

static void search_puts_the_sites_town_first_among_equal_services(catalog *c)
{
    /* the three job centres: the site's own first among them */
    const char *centres[] = {"service:cpi-mantova", "service:cpi-suzzara",
                             "service:cpi-castiglione"};
    const char *towns[] = {"mantova", "suzzara", "castiglione-delle-stiviere"};
    const char *queries[][2] = {{"it", "centro impiego"}, {"ar", "Impiego"}, {"en", "job centre"}};
    for (size_t q = 0; q < 3; q++)
        for (size_t t = 0; t < 3; t++) {
            int own = position_of(c, queries[q][0], queries[q][1], towns[t], 20, centres[t]);
            CHECK(own >= 0 && own < 5, "%s %s at %s: %s at %d", queries[q][0], queries[q][1],
                  towns[t], centres[t], own);
            for (size_t other = 0; other < 3; other++) {
                int at = position_of(c, queries[q][0], queries[q][1], towns[t], 20, centres[other]);
                CHECK(other == t || at < 0 || at > own, "%s %s at %s: %s at %d before %s at %d",
                      queries[q][0], queries[q][1], towns[t], centres[other], at, centres[t], own);
            }
        }
}

/* The title's highlighted words, "word|word". */
static void highlights(catalog *c, const char *language, const char *query, const char *record,
                       char *out, size_t size)
{
    size_t count = 0, n = 0;
    out[0] = '\0';
    catalog_search_result *results = catalog_search(c, language, query, NULL, 20, &count);
    for (size_t i = 0; i < count; i++) {
        char name[160];
        snprintf(name, sizeof name, "%s:%s", results[i].kind, results[i].id);
        if (strcmp(name, record) != 0)
            continue;
        for (size_t m = 0; m < results[i].match_count && n < size; m++)
            n += (size_t)snprintf(out + n, size - n, "%s%.*s", m ? "|" : "",
                                  (int)results[i].matches[m].length,
                                  results[i].title + results[i].matches[m].start);
    }
    catalog_search_free(results, count);
}

static void search_results_say_kind_title_and_the_matched_words(catalog *c)
{
    size_t count = 0;
    catalog_search_result *results = catalog_search(c, "ar", "اقامة", NULL, 5, &count);
    CHECK(count > 0, "ar اقامة found nothing");
    for (size_t i = 0; i < count; i++)
        CHECK(strcmp(results[i].kind, "service") == 0 || strcmp(results[i].kind, "article") == 0 ||
                  strcmp(results[i].kind, "category") == 0 ||
                  strcmp(results[i].kind, "agency") == 0,
              "kind %s", results[i].kind);
    catalog_search_free(results, count);
    const struct {
        const char *language, *query, *record, *words;
    } cases[] = {
        {"it", "permesso soggiorno", "category:permesso", "Permesso|soggiorno"},
        {"it", "PERMES", "category:permesso", "Permesso"},
        {"ar", "اقامة", "category:permesso", "الإقامة"},
        {"zh", "工資單", "article:busta-paga", "工|资|单"},
        {"it", "permeso", "category:permesso", "Permesso"},
        {"fr", "sante", "category:salute", "Santé"},
        {"pa", "ਤਨਖਾਹ", "article:busta-paga", "ਤਨਖ਼ਾਹ"},
        {"bn", "kaj", "category:lavoro", "কাজ"},
        {"zh", "gong zuo", "category:lavoro", "工|作"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char got[512];
        highlights(c, cases[i].language, cases[i].query, cases[i].record, got, sizeof got);
        CHECK(strcmp(got, cases[i].words) == 0, "%s %s: %s highlighted, expected %s",
              cases[i].language, cases[i].query, got, cases[i].words);
    }
}

static void search_never_logs_the_query(catalog *c)
{
    const char *queries[] = {
        "segretissimo", "permesso di soggiorno", "اقامة سرية", "工作许可", "zzqqxx", "\"(", "kaj"};
    logged_length = 0;
    logged[0] = '\0';
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        for (size_t l = 0; l < catalog_language_count(c); l++)
            result_count(c, catalog_language_at(c, l)->code, queries[i]);
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        CHECK(!strstr(logged, queries[i]), "the log has %s:\n%s", queries[i], logged);
}

/* tests/app/search_queries.txt: LANGUAGE TAB QUERY TAB RECORDS; every
 * record among the first five, at a kiosk in Mantova (the default site);
 * at least 5 queries for every language of the catalogue.  Prints each
 * query and its first five. */
static void
search_realistic_queries_in_14_languages_find_their_records_in_the_first_five(catalog *c)
{
    FILE *f = queries_path ? fopen(queries_path, "r") : NULL;
    CHECK(f, "cannot read %s", queries_path ? queries_path : "(no file given)");
    if (!f)
        return;
    size_t per_language[64] = {0}, queries = 0, passed = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        char *language = strtok(line, "\t"), *query = strtok(NULL, "\t"),
             *wanted = strtok(NULL, "\t");
        if (!language || !query || !wanted) {
            CHECK(false, "malformed line");
            continue;
        }
        for (size_t l = 0; l < catalog_language_count(c) && l < 64; l++)
            per_language[l] += strcmp(catalog_language_at(c, l)->code, language) == 0;
        char records[64][128];
        size_t count = search_records(c, language, query, "mantova", 5, records);
        printf("%s %s ->", language, query);
        for (size_t i = 0; i < count; i++)
            printf(" %s", records[i]);
        bool ok = true;
        for (char *want = strtok(wanted, " "); want; want = strtok(NULL, " ")) {
            bool found = false;
            for (size_t i = 0; i < count; i++)
                found = found || strcmp(records[i], want) == 0;
            CHECK(found, "%s %s: %s not in the first five", language, query, want);
            ok = ok && found;
        }
        printf("  %s\n", ok ? "ok" : "MISSING");
        queries++;
        passed += ok;
    }
    fclose(f);
    printf("%zu of %zu queries found their records in the first five\n", passed, queries);
    for (size_t l = 0; l < catalog_language_count(c) && l < 64; l++)
        CHECK(per_language[l] >= 5, "%s: %zu queries", catalog_language_at(c, l)->code,
              per_language[l]);
    CHECK(catalog_language_count(c) == 14, "%zu languages", catalog_language_count(c));
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s CATALOG TEST-NAME [QUERIES]\n", argv[0]);
        return 2;
    }
    catalog_path = argv[1];
    queries_path = argc == 4 ? argv[3] : NULL;
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
#define TEST(name) {#name, name}
        TEST(search_folds_arabic_letters_and_finds_words_without_article_or_prefix),
        TEST(search_folds_urdu_dari_kaf_yeh_heh_typed_with_arabic_letters),
        TEST(search_finds_persian_typed_without_zwnj),
        TEST(search_finds_gurmukhi_without_nukta),
        TEST(search_folds_ethiopic_series_that_tigrinya_writers_mix),
        TEST(search_folds_traditional_chinese_and_finds_characters_apart),
        TEST(search_latin_letters_find_pinyin_bengali_gurmukhi_ukrainian_tigrinya),
        TEST(search_typo_of_one_edit_finds_the_word_ranked_below_exact),
        TEST(search_ranks_names_and_titles_first_and_a_phrase_above_scattered_words),
        TEST(search_ranks_the_languages_own_words_above_italian),
        TEST(search_puts_the_sites_town_first_among_equal_services),
        TEST(search_results_say_kind_title_and_the_matched_words),
        TEST(search_never_logs_the_query),
        TEST(search_realistic_queries_in_14_languages_find_their_records_in_the_first_five),
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
