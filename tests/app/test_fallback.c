/* test_fallback.c - what the kiosk reads for a language that is not
 * entirely translated, on the catalogue built from the catalogue tests'
 * fixture (tests/catalog/build-cases/good: en draft with a fuzzy message,
 * zh reviewed with a fuzzy message, fr and ro with no PO file at all):
 *
 *   test_fallback CATALOG TEST-NAME */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "catalog_read.h"
#include "pages.h"

/* catalog_text of key in language is `text`, shown as `shown`. */
static void expect_text(catalog *c, const char *key, const char *language, const char *text,
                        const char *shown)
{
    char really[8] = "";
    char *got = catalog_text(c, key, language, really);
    CHECK(got && strcmp(got, text) == 0 && strcmp(really, shown) == 0,
          "%s in %s: \"%s\" shown as %s, expected \"%s\" as %s", key, language,
          got ? got : "(null)", really, text, shown);
    free(got);
}

/* A fuzzy message is never what the kiosk shows: en's fuzzy hours note
 * ("Example hours...") gives the Italian, as en's chain is Italian only;
 * zh's fuzzy title ("非法中介是犯罪") gives its chain's first translation
 * (assets/languages.txt: zh en it), never the fuzzy text; ro, with no PO
 * and the chain "it", is Italian. */
static void kiosk_fuzzy_message_is_not_shown_fallback_instead(catalog *c)
{
    expect_text(c, "service:cpi-castiglione:hours-note", "en",
                "Orari di esempio. La sede nel 2024 stava cambiando.", "it");
    expect_text(c, "article:caporalato:title", "zh", "Caporalato is a crime", "en");
    expect_text(c, "article:caporalato:title", "ro", "Il caporalato è un reato", "it");
    expect_text(c, "category:permesso:name", "zh", "居留许可", "zh");
}

static bool draft_line_in(catalog *c, const char *language)
{
    site_config config = {0};
    pages_input in = {.catalog = c, .config = &config, .language = language};
    page *p = pages_build(&in, SCREEN_ARTICLE, "caporalato");
    bool draft = p && p->draft;
    CHECK(p != NULL, "pages_build in %s", language);
    page_free(p);
    return draft;
}

/* The draft line is for a translation not yet reviewed (en: draft); not
 * for a reviewed one (zh), the Italian source, or a language with no PO
 * file (fr, ro: "missing"), whose texts are all its fallback's. */
static void kiosk_missing_language_has_no_draft_line(catalog *c)
{
    static const struct {
        const char *language, *review;
        bool draft;
    } cases[] = {{"en", "draft", true},
                 {"zh", "reviewed", false},
                 {"it", "source", false},
                 {"fr", "missing", false},
                 {"ro", "missing", false}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const catalog_language *l = catalog_find_language(c, cases[i].language);
        CHECK(l && strcmp(l->review, cases[i].review) == 0, "%s review %s, expected %s",
              cases[i].language, l ? l->review : "(none)", cases[i].review);
        CHECK(draft_line_in(c, cases[i].language) == cases[i].draft, "%s: draft line %s",
              cases[i].language, cases[i].draft ? "missing" : "shown");
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CATALOG TEST-NAME\n", argv[0]);
        return 2;
    }
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
        {"kiosk_fuzzy_message_is_not_shown_fallback_instead",
         kiosk_fuzzy_message_is_not_shown_fallback_instead},
        {"kiosk_missing_language_has_no_draft_line", kiosk_missing_language_has_no_draft_line},
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
    printf("%s: %s\n", argv[2], check_failures ? "FAILED" : "ok");
    return check_failures ? 1 : 0;
}
