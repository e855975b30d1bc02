/* transliteration_bench.c - how often Latin letters in the index help a
 * visitor who types their language in Latin letters, and how often they
 * add noise, per script (issue 16, point 4; docs/design.md, "Search").
 *
 * Usage: transliteration_bench CATALOGUE   (the bundled catalogue)
 *
 * A measurement, not a test.  For each language with its own script, every
 * record's text in it (every field) is put into Latin letters with
 * search_transliterate() (src/catalog/fold.c, what the builder indexes for
 * the languages that have them) and cut into words as the index does.
 *   help:  words as people type them in Latin letters (below, each with the
 *          record it means): found when every word begins a Latin word of
 *          that record; the same with the kiosk's typos (a word of 5+
 *          letters one edit away); and how many records the query finds.
 *   noise: every Italian and English word of 4+ letters of the catalogue,
 *          typed in that language (people type Italian words): the records
 *          that only the Latin letters find (none of the record's own or
 *          Italian words begins with it).  Shown: the share of words that
 *          find such a record, and how many records per word. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fold.h"

enum { MAX_RECORDS = 512, MAX_WORDS = 8192 };

typedef struct record {
    char id[128];
    char *latin, *own, *italian; /* lower-case words, separated by one space */
} record;

typedef struct typed {
    const char *language, *query, *record;
} typed;

/* Romanized as people write them in chats and on phones (not ISO). */
static const typed TYPED[] = {
    {"ar", "iqama", "category:permesso"},
    {"ar", "ratib", "article:busta-paga"},
    {"ar", "amal", "category:lavoro"},
    {"ar", "aqd", "article:contratto-di-lavoro"},
    {"ar", "sihha", "category:salute"},
    {"ur", "kaam", "category:lavoro"},
    {"ur", "tankhwah", "article:busta-paga"},
    {"ur", "sehat", "category:salute"},
    {"ur", "muahida", "article:contratto-di-lavoro"},
    {"ur", "ijazat", "category:permesso"},
    {"fa", "kar", "category:lavoro"},
    {"fa", "eqamat", "category:permesso"},
    {"fa", "mash", "article:busta-paga"},
    {"fa", "qarardad", "article:contratto-di-lavoro"},
    {"fa", "sehat", "category:salute"},
    {"ps", "kar", "category:lavoro"},
    {"ps", "mash", "article:busta-paga"},
    {"ps", "roghtia", "category:salute"},
    {"ps", "qarardad", "article:contratto-di-lavoro"},
    {"ps", "mohajerat", "service:questura-mantova-immigrazione"},
    {"pa", "kam", "category:lavoro"},
    {"pa", "tankhah", "article:busta-paga"},
    {"pa", "sehat", "category:salute"},
    {"pa", "ikrarnama", "article:contratto-di-lavoro"},
    {"pa", "parmit", "category:permesso"},
    {"bn", "kaj", "category:lavoro"},
    {"bn", "beton", "article:busta-paga"},
    {"bn", "chukti", "article:contratto-di-lavoro"},
    {"bn", "shastho", "category:salute"},
    {"bn", "onumoti", "category:permesso"},
    {"ti", "demoz", "article:busta-paga"},
    {"ti", "sira", "category:lavoro"},
    {"ti", "tiena", "category:salute"},
    {"ti", "wuel", "article:contratto-di-lavoro"},
    {"ti", "fqad", "category:permesso"},
    {"zh", "gong zuo", "category:lavoro"},
    {"zh", "gong zi", "article:busta-paga"},
    {"zh", "yi sheng", "service:ats-val-padana-ssn"},
    {"zh", "he tong", "article:contratto-di-lavoro"},
    {"zh", "ju liu", "category:permesso"},
    {"uk", "robota", "category:lavoro"},
    {"uk", "likar", "service:ats-val-padana-ssn"},
    {"uk", "dohovir", "article:contratto-di-lavoro"},
    {"uk", "dozvil", "category:permesso"},
    {"uk", "zdorovia", "category:salute"},
};

static const char *const LANGUAGES[] = {"ar", "ur", "fa", "ps", "pa", "bn", "ti", "zh", "uk"};

/* Appends `text`'s words, lower case, to *words: runs of letters and digits
 * of ASCII, or of any non-ASCII bytes (a word of another script). */
static void append_words(char **words, const char *text)
{
    size_t length = *words ? strlen(*words) : 0, more = strlen(text);
    char *grown = realloc(*words, length + more + 2);
    if (!grown)
        return;
    *words = grown;
    char *out = grown + length;
    bool in_word = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        bool letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                      (*p >= '0' && *p <= '9') || *p >= 0x80;
        if (letter) {
            if (!in_word && out > *words)
                *out++ = ' ';
            *out++ = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
        }
        in_word = letter;
    }
    *out = '\0';
}

/* Whether a word of `words` begins with `prefix`. */
static bool has_prefix(const char *words, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = words; p && *p;) {
        if (strncmp(p, prefix, n) == 0)
            return true;
        p = strchr(p, ' ');
        p = p ? p + 1 : NULL;
    }
    return false;
}

/* Whether a word of `words` is one edit from `word` or begins so, as the
 * kiosk takes typos (words of 5+ letters; search_one_edit). */
static bool has_typo(const char *words, const char *word)
{
    int32_t w[64], t[64];
    size_t nw = 0;
    for (const char *p = word; *p && nw < 64; p++)
        w[nw++] = (unsigned char)*p;
    if (nw < 5)
        return false;
    for (const char *p = words; p && *p;) {
        size_t nt = 0;
        for (; p[nt] && p[nt] != ' ' && nt < 64; nt++)
            t[nt] = (unsigned char)p[nt];
        if (search_one_edit(w, nw, t, nt))
            return true;
        p = strchr(p, ' ');
        p = p ? p + 1 : NULL;
    }
    return false;
}

/* Whether every word of `query` begins a word of `words` (or, with
 * `typos`, is one edit from one). */
static bool finds(const char *words, const char *query, bool typos)
{
    char copy[128], *rest = NULL;
    snprintf(copy, sizeof copy, "%s", query);
    for (char *w = strtok_r(copy, " ", &rest); w; w = strtok_r(NULL, " ", &rest))
        if (!has_prefix(words, w) && !(typos && has_typo(words, w)))
            return false;
    return true;
}

/* "service:ID" of "service:ID:name" (as writer.c's record_length). */
static void record_of(const char *key, char *out, size_t size)
{
    const char *colon = strchr(key, ':');
    size_t length = colon ? (size_t)(colon + 1 - key) + strcspn(colon + 1, ":#\004") : strlen(key);
    snprintf(out, size, "%.*s", (int)length, key);
}

static size_t load(sqlite3 *db, const char *language, record *records)
{
    sqlite3_stmt *statement = NULL;
    sqlite3_prepare_v2(db,
                       "SELECT o.key, o.text, i.text FROM texts o JOIN texts i ON i.key = o.key"
                       " AND i.language = 'it' WHERE o.language = ? ORDER BY o.key",
                       -1, &statement, NULL);
    sqlite3_bind_text(statement, 1, language, -1, SQLITE_STATIC);
    size_t count = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        char id[128];
        record_of((const char *)sqlite3_column_text(statement, 0), id, sizeof id);
        if (count == 0 || strcmp(records[count - 1].id, id) != 0) {
            if (count == MAX_RECORDS)
                break;
            memset(&records[count], 0, sizeof records[count]);
            snprintf(records[count].id, sizeof records[count].id, "%s", id);
            count++;
        }
        record *r = &records[count - 1];
        const char *own = (const char *)sqlite3_column_text(statement, 1);
        char *folded = search_fold(own);
        char *latin = search_transliterate(language, own);
        char *latin_folded = latin ? search_fold(latin) : NULL;
        append_words(&r->own, folded ? folded : "");
        append_words(&r->latin, latin_folded ? latin_folded : "");
        append_words(&r->italian, (const char *)sqlite3_column_text(statement, 2));
        free(folded), free(latin), free(latin_folded);
    }
    sqlite3_finalize(statement);
    return count;
}

/* Distinct Italian and English words of 4+ ASCII letters of the catalogue. */
static size_t typed_words(sqlite3 *db, char **words)
{
    sqlite3_stmt *statement = NULL;
    sqlite3_prepare_v2(db, "SELECT text FROM texts WHERE language IN ('it', 'en')", -1, &statement,
                       NULL);
    size_t count = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        char *all = NULL;
        append_words(&all, (const char *)sqlite3_column_text(statement, 0));
        for (char *w = all ? strtok(all, " ") : NULL; w; w = strtok(NULL, " ")) {
            bool ascii = strlen(w) >= 4;
            for (const char *p = w; ascii && *p; p++)
                ascii = *p >= 'a' && *p <= 'z';
            bool seen = false;
            for (size_t i = 0; ascii && !seen && i < count; i++)
                seen = strcmp(words[i], w) == 0;
            if (ascii && !seen && count < MAX_WORDS)
                words[count++] = strdup(w);
        }
        free(all);
    }
    sqlite3_finalize(statement);
    return count;
}

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: transliteration_bench CATALOGUE\n");
        return 2;
    }
    static record records[MAX_RECORDS];
    static char *words[MAX_WORDS];
    size_t word_count = typed_words(db, words);
    printf("Latin letters in the index, per language (indexed: *); %zu Italian and English "
           "words of 4+ letters\n%-4s %-9s | %-8s %-8s %-10s | %-11s %-13s | %s\n",
           word_count, "lang", "indexed", "help", "+ typos", "recs/query", "noise words",
           "recs per word", "missed (typed, without typos)");
    for (size_t l = 0; l < sizeof LANGUAGES / sizeof *LANGUAGES; l++) {
        const char *language = LANGUAGES[l];
        size_t count = load(db, language, records);
        size_t asked = 0, found = 0, matched = 0, found_typos = 0;
        char missed[512] = "";
        for (size_t t = 0; t < sizeof TYPED / sizeof *TYPED; t++) {
            if (strcmp(TYPED[t].language, language) != 0)
                continue;
            asked++;
            bool hit = false, hit_typos = false;
            for (size_t r = 0; r < count; r++) {
                bool wanted = strcmp(records[r].id, TYPED[t].record) == 0;
                if (finds(records[r].latin, TYPED[t].query, false)) {
                    matched++;
                    hit = hit || wanted;
                }
                hit_typos = hit_typos || (wanted && finds(records[r].latin, TYPED[t].query, true));
            }
            found += hit;
            found_typos += hit_typos;
            if (!hit)
                snprintf(missed + strlen(missed), sizeof missed - strlen(missed), "%s%s",
                         missed[0] ? ", " : "", TYPED[t].query);
        }
        size_t noisy_words = 0, noisy_records = 0;
        for (size_t w = 0; w < word_count; w++) {
            size_t noisy = 0;
            for (size_t r = 0; r < count; r++)
                noisy += has_prefix(records[r].latin, words[w]) &&
                         !has_prefix(records[r].own, words[w]) &&
                         !has_prefix(records[r].italian, words[w]);
            noisy_words += noisy > 0;
            noisy_records += noisy;
        }
        printf("%-4s %-9s | %zu of %zu   %zu of %zu   %-10.1f | %5.1f %%     %-13.2f | %s\n",
               language, search_has_latin(language) ? "*" : "", found, asked, found_typos, asked,
               asked ? (double)matched / (double)asked : 0.0,
               word_count ? 100.0 * (double)noisy_words / (double)word_count : 0.0,
               word_count ? (double)noisy_records / (double)word_count : 0.0, missed);
        for (size_t r = 0; r < count; r++)
            free(records[r].latin), free(records[r].own), free(records[r].italian);
    }
    for (size_t w = 0; w < word_count; w++)
        free(words[w]);
    search_fold_release();
    sqlite3_close(db);
    return 0;
}
