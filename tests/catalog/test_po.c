/* test_po.c - the PO reader and the translators' checks (po.h), one named
 * test per argument:
 *
 *   test_po CASES_DIR TEST_NAME
 *
 * CASES_DIR/CASE/ holds the PO files of one case (tests/catalog/po-cases);
 * each test reads one case and asserts the exact "path:line: " of every
 * problem it expects, a phrase of it, and that nothing else is reported. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

#include "../check.h"
#include "po.h"

static const char *cases_dir;

typedef struct po_case {
    char dir[1024];
    po_set *set;
    problem_list problems;
    problem_list warnings; /* "path:line: warning: ..." */
} po_case;

/* Reads CASES_DIR/name and, with `check`, runs po_check without a model. */
static void read_case(po_case *c, const char *name, bool check)
{
    snprintf(c->dir, sizeof c->dir, "%s/%s", cases_dir, name);
    c->problems = (problem_list){0};
    c->warnings = (problem_list){0};
    c->set = po_set_read(c->dir, &c->problems);
    CHECK(c->set != NULL, "po_set_read(%s) returned NULL", c->dir);
    if (c->set && check)
        po_check(c->set, NULL, PO_CHECK_ALL, &c->problems, &c->warnings);
}

static void free_case(po_case *c)
{
    po_set_free(c->set);
    problems_free(&c->problems);
    problems_free(&c->warnings);
}

static void print_problems(const po_case *c)
{
    fprintf(stderr, "  %zu problem(s):\n", c->problems.count);
    for (size_t i = 0; i < c->problems.count; i++)
        fprintf(stderr, "    %s\n", c->problems.items[i]);
}

/* The problem that starts with "DIR/FILE:LINE: " ("DIR/FILE: " for line 0)
 * and contains `phrase`. */
static bool has_problem(const po_case *c, const char *file, int line, const char *phrase)
{
    char prefix[1200];
    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s/%s:%d: ", c->dir, file, line);
    else
        snprintf(prefix, sizeof prefix, "%s/%s: ", c->dir, file);
    for (size_t i = 0; i < c->problems.count; i++) {
        const char *item = c->problems.items[i];
        if (strncmp(item, prefix, strlen(prefix)) == 0 && strstr(item + strlen(prefix), phrase))
            return true;
    }
    return false;
}

#define EXPECT_PROBLEM(c, file, line, phrase)                                                      \
    do {                                                                                           \
        bool found_ = has_problem((c), (file), (line), (phrase));                                  \
        CHECK(found_, "no problem %s:%d: ...%s...", (file), (line), (phrase));                     \
        if (!found_)                                                                               \
            print_problems(c);                                                                     \
    } while (0)

#define EXPECT_PROBLEM_COUNT(c, n)                                                                 \
    do {                                                                                           \
        CHECK((c)->problems.count == (size_t)(n), "%zu problems, expected %d",                     \
              (c)->problems.count, (n));                                                           \
        if ((c)->problems.count != (size_t)(n))                                                    \
            print_problems(c);                                                                     \
    } while (0)

/* The same for warnings: the one at "DIR/FILE:LINE: warning: PHRASE...". */
static bool has_warning(const po_case *c, const char *file, int line, const char *phrase)
{
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s/%s:%d: warning: %s", c->dir, file, line, phrase);
    for (size_t i = 0; i < c->warnings.count; i++)
        if (strncmp(c->warnings.items[i], prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

static void print_warnings(const po_case *c)
{
    fprintf(stderr, "  %zu warning(s):\n", c->warnings.count);
    for (size_t i = 0; i < c->warnings.count; i++)
        fprintf(stderr, "    %s\n", c->warnings.items[i]);
}

#define EXPECT_WARNING(c, file, line, phrase)                                                      \
    do {                                                                                           \
        bool found_ = has_warning((c), (file), (line), (phrase));                                  \
        CHECK(found_, "no warning %s:%d: warning: %s...", (file), (line), (phrase));               \
        if (!found_)                                                                               \
            print_warnings(c);                                                                     \
    } while (0)

#define EXPECT_WARNING_COUNT(c, n)                                                                 \
    do {                                                                                           \
        CHECK((c)->warnings.count == (size_t)(n), "%zu warnings, expected %d",                     \
              (c)->warnings.count, (n));                                                           \
        if ((c)->warnings.count != (size_t)(n))                                                    \
            print_warnings(c);                                                                     \
    } while (0)

static const po_language *language_of(const po_case *c, const char *code)
{
    for (size_t i = 0; c->set && i < c->set->count; i++)
        if (strcmp(c->set->languages[i].language, code) == 0)
            return &c->set->languages[i];
    CHECK(false, "no language %s in %s", code, c->dir);
    return NULL;
}

/* ---- translators' checks ------------------------------------------------ */

/* %d became %s and {nome} became {name}; %1$s/%2$d reordered, "50% di" and
 * "100%%" are not placeholders. */
static void catalog_po_rejects_changed_placeholder(void)
{
    po_case c;
    read_case(&c, "placeholder-changed", true);
    EXPECT_PROBLEM(&c, "en.po", 14, "placeholder \"%d\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 14, "placeholder \"{nome}\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 14, "placeholder \"%s\" is not in the source");
    EXPECT_PROBLEM(&c, "en.po", 14, "placeholder \"{name}\" is not in the source");
    EXPECT_PROBLEM_COUNT(&c, 4);
    free_case(&c);
}

/* 0376 2051 became 0376 2015; 800 290 290, 199/2016, 603-bis, 9.00,
 * 12.30, 2 and 16 ("the 2nd and the 16th") are kept. */
static void catalog_po_rejects_changed_phone_number(void)
{
    po_case c;
    read_case(&c, "phone-number-changed", true);
    EXPECT_PROBLEM(&c, "en.po", 14, "number \"0376 2051\" of the source is missing or changed");
    EXPECT_PROBLEM_COUNT(&c, 1);
    free_case(&c);
}

/* The same number in Arabic-Indic and in Persian digits: not dialable as
 * written on a phone keypad; in ASCII digits inside Arabic text it is fine. */
static void catalog_po_rejects_phone_number_in_arabic_indic_digits(void)
{
    po_case c;
    read_case(&c, "arabic-indic-digits", true);
    EXPECT_PROBLEM(&c, "ar.po", 14, "number \"0376 2051\" written with Arabic-Indic digits");
    EXPECT_PROBLEM(&c, "ar.po", 14, "dialable as written");
    EXPECT_PROBLEM(&c, "fa.po", 14, "written with Persian (extended Arabic-Indic) digits");
    EXPECT_PROBLEM_COUNT(&c, 2);
    free_case(&c);
}

/* www.comune.mantova.it became .com (the sentence's final dot is not part
 * of the URL), and the 603 inside a URL is reported once, as the URL. */
static void catalog_po_rejects_changed_url(void)
{
    po_case c;
    read_case(&c, "url-changed", true);
    EXPECT_PROBLEM(&c, "en.po", 14, "URL \"www.comune.mantova.it\" of the source is missing");
    EXPECT_PROBLEM(&c, "en.po", 24,
                   "URL \"https://www.comune.mantova.it/moduli/603\" of the source is missing");
    EXPECT_PROBLEM_COUNT(&c, 2);
    free_case(&c);
}

static void catalog_po_rejects_changed_email(void)
{
    po_case c;
    read_case(&c, "email-changed", true);
    EXPECT_PROBLEM(&c, "en.po", 14,
                   "e-mail address \"anagrafe@comune.mantova.it\" of the source is missing");
    EXPECT_PROBLEM_COUNT(&c, 1);
    free_case(&c);
}

/* Numbers of any length with their suffix: "art. 35" -> 53, "603-bis" ->
 * "603-ter", "comma 4" -> 5, "9-bis" -> 9, and the 7 of "7 giorni su 7"
 * dropped; digit groups joined or split by spaces, no-break and narrow
 * no-break spaces, numbers in another order, a non-breaking hyphen, one 24
 * for "24 ore su 24" and a number the translator added are accepted.  In
 * Arabic, 35 in Arabic-Indic digits gets the digits' hint. */
static void catalog_po_rejects_changed_short_number_and_suffix(void)
{
    po_case c;
    read_case(&c, "number-changed", true);
    EXPECT_PROBLEM(&c, "en.po", 14, "number \"35\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 14, "number \"603-bis\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 19, "number \"4\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 24, "number \"9-bis\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "en.po", 45, "number \"7\" of the source is missing or changed");
    EXPECT_PROBLEM(&c, "ar.po", 14, "number \"35\" written with Arabic-Indic digits (\"٣٥\")");
    EXPECT_PROBLEM_COUNT(&c, 6);
    free_case(&c);
}

/* An isolate never closed, and a PDI while an embedding opened inside the
 * isolate is still open; the balanced message between them is accepted. */
static void catalog_po_rejects_unbalanced_bidi_isolate(void)
{
    po_case c;
    read_case(&c, "bidi-isolate", true);
    EXPECT_PROBLEM(&c, "ar.po", 14,
                   "unbalanced bidi controls: LEFT-TO-RIGHT ISOLATE (U+2066) at character 9 is "
                   "never closed by POP DIRECTIONAL ISOLATE (U+2069)");
    /* an embedding inside a balanced isolate: the embedding is refused */
    EXPECT_PROBLEM(&c, "ar.po", 25, "U+202B RIGHT-TO-LEFT EMBEDDING is not allowed in PO files");
    EXPECT_PROBLEM(&c, "ar.po", 30,
                   "unbalanced bidi controls: POP DIRECTIONAL ISOLATE (U+2069) at character 17 "
                   "closes nothing");
    EXPECT_PROBLEM_COUNT(&c, 3);
    free_case(&c);
}

/* Issue 17: a balanced override makes the French title read "211 - ..."
 * while it stores "112".  Refused at the line where it is written, in a
 * msgstr or a comment, and at the msgid's line when written as an escape
 * (in a msgstr, or in a msgid); isolates are the translators' tool. */
static void catalog_po_refuses_bidi_override_even_balanced_or_escaped(void)
{
    po_case c;
    read_case(&c, "bidi-override", true);
    EXPECT_PROBLEM(&c, "fr.po", 15,
                   "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in PO files: it shows a text in "
                   "another order than it is stored (\"112\" would read \"211\")");
    EXPECT_PROBLEM(&c, "fr.po", 17, "U+202B RIGHT-TO-LEFT EMBEDDING is not allowed in PO files");
    EXPECT_PROBLEM(&c, "ro.po", 14,
                   "U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape) is not allowed");
    EXPECT_PROBLEM(&c, "ro.po", 19,
                   "U+202D LEFT-TO-RIGHT OVERRIDE (written as an escape) is not allowed");
    EXPECT_PROBLEM_COUNT(&c, 4);
    free_case(&c);
}

/* A name's translation: ZERO WIDTH NON-JOINER between Persian letters and
 * a balanced isolate around a number are kept; a zero width space, a
 * right-to-left mark, a non-joiner not between letters are refused by
 * code point; so is a zero width space inside a phone number of any text.
 * Prose keeps its joiners and spaces (a description is not a fact). */
static void catalog_po_refuses_invisible_characters_in_names_and_numbers(void)
{
    po_case c;
    read_case(&c, "invisible", true);
    EXPECT_PROBLEM(&c, "fa.po", 24,
                   "the name contains the invisible character U+200B ZERO WIDTH SPACE at "
                   "character 5: remove it");
    EXPECT_PROBLEM(&c, "fa.po", 29,
                   "the name contains the invisible character U+200F RIGHT-TO-LEFT MARK at "
                   "character 1");
    EXPECT_PROBLEM(&c, "fa.po", 34,
                   "the name contains the invisible character U+200C ZERO WIDTH NON-JOINER at "
                   "character 1");
    EXPECT_PROBLEM(&c, "fa.po", 39,
                   "number \"800 290 290\" has the invisible character U+200B ZERO WIDTH SPACE "
                   "inside it (\"800<U+200B>290 290\")");
    EXPECT_PROBLEM_COUNT(&c, 4);
    free_case(&c);
}

/* " Opening hours" for "Orari", "Documents: " for "Documenti:"; "Note: "
 * keeps the source's own trailing space. */
static void catalog_po_rejects_added_leading_and_trailing_space(void)
{
    po_case c;
    read_case(&c, "leading-space", true);
    EXPECT_PROBLEM(&c, "en.po", 14, "leading white space \" \" differs from the source's \"\"");
    EXPECT_PROBLEM(&c, "en.po", 19, "trailing white space \" \" differs from the source's \"\"");
    EXPECT_PROBLEM_COUNT(&c, 2);
    free_case(&c);
}

/* Copied text is its own class, told apart by its first words; "CUP" (3
 * characters) and "0376 2051" (no letters) are not reported. */
static void catalog_po_reports_identical_text_as_its_own_class(void)
{
    po_case c;
    read_case(&c, "identical-text", true);
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s/en.po:14: identical to the Italian text", c.dir);
    CHECK(c.problems.count == 1 && strncmp(c.problems.items[0], prefix, strlen(prefix)) == 0,
          "expected one problem starting with \"%s\"", prefix);
    if (c.problems.count != 1)
        print_problems(&c);
    free_case(&c);
}

/* With a model: a msgid that is not the current Italian text, and a key
 * that is no longer in the data. */
static void catalog_po_reports_out_of_date_and_obsolete_keys(void)
{
    unit units[] = {
        {.key = "service:test:name", .text = "Sportello stranieri"},
        {.key = "service:test:what", .text = "Rinnovo del permesso di soggiorno"},
        {.key = "service:test:cost", .text = "Gratuito"},
    };
    catalog_model model = {.units = units, .unit_count = sizeof units / sizeof *units};
    po_case c;
    read_case(&c, "model-check", false);
    po_check(c.set, &model, PO_CHECK_ALL, &c.problems, &c.warnings);
    EXPECT_PROBLEM(&c, "en.po", 19,
                   "out of date: the Italian text changed, run the content-po-update target");
    EXPECT_PROBLEM(&c, "en.po", 24, "obsolete key \"service:gone:name\"");
    EXPECT_PROBLEM_COUNT(&c, 2);
    free_case(&c);
}

/* ---- reading ------------------------------------------------------------ */

/* CLDR gives Arabic 6 plural categories: nplurals=2 is reported on the
 * Plural-Forms line of the header. */
static void catalog_po_rejects_arabic_with_two_plural_forms(void)
{
    po_case c;
    read_case(&c, "arabic-plural-forms", false);
    EXPECT_PROBLEM(&c, "ar.po", 9, "Plural-Forms has nplurals=2 but CLDR gives ar 6 plural forms");
    EXPECT_PROBLEM_COUNT(&c, 1);
    free_case(&c);
}

/* A header without Plural-Forms: one problem on the header's msgid line,
 * with the value plural-forms.txt gives Arabic, and CLDR's count for
 * English, which that file leaves to msginit. */
static void catalog_po_reports_missing_plural_forms_with_expected_value(void)
{
    po_case c;
    snprintf(c.dir, sizeof c.dir, "%s/no-plural-forms", cases_dir);
    char table[1100];
    snprintf(table, sizeof table, "%s/plural-forms.txt", c.dir);
    c.problems = (problem_list){0};
    c.warnings = (problem_list){0};
    c.set = po_set_read_with(c.dir, table, &c.problems);
    CHECK(c.set != NULL, "po_set_read_with(%s) returned NULL", c.dir);
    EXPECT_PROBLEM(&c, "ar.po", 2,
                   "the header has no Plural-Forms: add \"Plural-Forms: nplurals=6; "
                   "plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                   "n%100>=11 ? 4 : 5);\" (assets/plural-forms.txt)");
    EXPECT_PROBLEM(&c, "en.po", 2,
                   "the header has no Plural-Forms: add \"Plural-Forms: nplurals=2; plural=...;\" "
                   "for en (as msginit writes it)");
    EXPECT_PROBLEM_COUNT(&c, 2);
    free_case(&c);
}

static void catalog_po_rejects_plural_message_with_wrong_form_count(void)
{
    po_case c;
    read_case(&c, "plural-message", false);
    EXPECT_PROBLEM(&c, "ar.po", 14, "2 plural forms (msgstr[N]) but the language has 6");
    EXPECT_PROBLEM_COUNT(&c, 1);
    free_case(&c);
}

/* libgettextpo reports the string that runs to the end of line 19 on line
 * 20; the reader puts it back where the string is. */
static void catalog_po_reports_unterminated_string_at_its_line(void)
{
    po_case c;
    read_case(&c, "unterminated-string", false);
    EXPECT_PROBLEM(&c, "en.po", 19, "end-of-line within string");
    EXPECT_PROBLEM_COUNT(&c, 1);
    free_case(&c);
}

/* en.po stops after a msgid, fr.po inside a msgstr: both are syntax
 * errors with their line, and the process goes on to the next file. */
static void catalog_po_reports_file_cut_in_the_middle_of_a_message(void)
{
    po_case c;
    read_case(&c, "cut-in-a-message", false);
    EXPECT_PROBLEM(&c, "en.po", 19, "missing 'msgstr' section");
    EXPECT_PROBLEM(&c, "fr.po", 20, "end-of-file within string");
    EXPECT_PROBLEM_COUNT(&c, 2);
    const po_language *en = language_of(&c, "en");
    CHECK(en && en->count == 1 && po_find(en, "service:test:what"),
          "en.po keeps its complete message only");
    free_case(&c);
}

static void catalog_po_reports_empty_file(void)
{
    po_case c;
    read_case(&c, "empty", false);
    EXPECT_PROBLEM(&c, "en.po", 0, "empty file");
    EXPECT_PROBLEM_COUNT(&c, 1);
    const po_language *en = language_of(&c, "en");
    CHECK(en && en->count == 0 && strcmp(en->review, "unknown") == 0,
          "an empty file is a language without messages, review unknown");
    free_case(&c);
}

static void catalog_po_rejects_message_without_msgctxt(void)
{
    po_case c;
    read_case(&c, "no-msgctxt", false);
    EXPECT_PROBLEM(&c, "en.po", 18, "message without msgctxt");
    EXPECT_PROBLEM_COUNT(&c, 1);
    const po_language *en = language_of(&c, "en");
    CHECK(en && en->count == 1, "the message without msgctxt is not kept");
    free_case(&c);
}

/* Same msgctxt, other msgid: ours.  Same msgctxt and msgid: libgettextpo's
 * "duplicate message definition", with the first one's line.  po_find
 * answers the first of each. */
static void catalog_po_rejects_duplicate_msgctxt(void)
{
    po_case c;
    read_case(&c, "duplicate-msgctxt", false);
    EXPECT_PROBLEM(&c, "en.po", 19, "duplicate msgctxt \"service:test:name\" (first at line 14)");
    EXPECT_PROBLEM(&c, "en.po", 29, "duplicate message definition");
    EXPECT_PROBLEM(&c, "en.po", 29, "line 24");
    EXPECT_PROBLEM_COUNT(&c, 2);
    const po_language *en = language_of(&c, "en");
    const translation *name = en ? po_find(en, "service:test:name") : NULL;
    const translation *cost = en ? po_find(en, "service:test:cost") : NULL;
    CHECK(name && name->line == 14 && strcmp(name->text, "Foreigners desk") == 0,
          "po_find gives the first service:test:name");
    CHECK(cost && cost->line == 24 && strcmp(cost->text, "Free") == 0,
          "po_find gives the first service:test:cost");
    free_case(&c);
}

/* An article's blocks: one msgctxt for the article, each block found by
 * (msgctxt, msgid), "article:test#2" for a second block of the same text;
 * no "duplicate msgctxt".  The article's title stays keyed by msgctxt. */
static void catalog_po_keys_article_blocks_by_context_and_text(void)
{
    po_case c;
    read_case(&c, "article-blocks", true);
    EXPECT_PROBLEM_COUNT(&c, 0);
    EXPECT_WARNING(&c, "en.po", 33, "fuzzy: not shown until a translator checks it");
    EXPECT_WARNING_COUNT(&c, 1);
    const po_language *en = language_of(&c, "en");
    static const struct {
        const char *key, *text;
        translation_status status;
    } expected[] = {
        {"article:test:title", "Title", TRANSLATION_TRANSLATED},
        {"article:test\004Chiedi la busta paga.", "Ask for your payslip.", TRANSLATION_TRANSLATED},
        {"article:test\004Conservala.", "Keep it.", TRANSLATION_TRANSLATED},
        {"article:test#2\004Chiedi la busta paga.", "Ask for your payslip, again.",
         TRANSLATION_TRANSLATED},
        {"article:test\004Conservala per cinque anni.", "Keep it always.", TRANSLATION_FUZZY},
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        const translation *t = en ? po_find(en, expected[i].key) : NULL;
        CHECK(t && strcmp(t->text, expected[i].text) == 0 && t->status == expected[i].status,
              "po_find(\"%s\") gives \"%s\"", expected[i].key, expected[i].text);
    }
    CHECK(en && !po_find(en, "article:test"), "no message is keyed by the article's msgctxt alone");
    free_case(&c);
}

static void catalog_po_counts_fuzzy_as_fuzzy_not_translated(void)
{
    po_case c;
    read_case(&c, "fuzzy", true);
    EXPECT_PROBLEM_COUNT(&c, 0);
    const po_language *en = language_of(&c, "en");
    po_stats stats = po_language_stats(en);
    CHECK(stats.translated == 2 && stats.fuzzy == 1 && stats.untranslated == 2,
          "translated %zu fuzzy %zu untranslated %zu, expected 2 1 2 (a fuzzy flag on an empty "
          "msgstr is untranslated)",
          stats.translated, stats.fuzzy, stats.untranslated);
    const translation *cost = en ? po_find(en, "service:test:cost") : NULL;
    CHECK(cost && cost->status == TRANSLATION_FUZZY && strcmp(cost->text, "Free of charge") == 0 &&
              strcmp(cost->source, "Gratuito") == 0 && cost->line == 24,
          "the fuzzy message keeps its text, its source and its line");
    const translation *note = en ? po_find(en, "service:test:hours-note") : NULL;
    CHECK(note && note->status == TRANSLATION_UNTRANSLATED && note->text[0] == '\0',
          "fuzzy without msgstr is untranslated");
    free_case(&c);
}

/* A fuzzy message is a warning at the line of its msgid, in both scopes;
 * a fuzzy flag on an empty msgstr is untranslated, not warned about. */
static void catalog_po_warns_fuzzy_message_at_its_line(void)
{
    po_case c;
    read_case(&c, "fuzzy", true);
    EXPECT_PROBLEM_COUNT(&c, 0);
    EXPECT_WARNING(&c, "en.po", 24, "fuzzy: not shown until a translator checks it");
    EXPECT_WARNING_COUNT(&c, 1);
    problems_free(&c.warnings);
    po_check(c.set, NULL, PO_CHECK_SHOWN_FACTS, &c.problems, &c.warnings);
    EXPECT_PROBLEM_COUNT(&c, 0);
    EXPECT_WARNING(&c, "en.po", 24, "fuzzy: not shown");
    EXPECT_WARNING_COUNT(&c, 1);
    free_case(&c);
}

/* glossary/en.tsv beside en.po: "permesso di soggiorno" translated without
 * "residence permit" is a warning at the msgid's line, never a problem;
 * another case of the agreed term, "permessi" (not the whole word), an
 * untranslated message and a term met nowhere say nothing; a glossary line
 * without a translation is a warning at its own line. */
static void catalog_po_warns_glossary_term_not_used(void)
{
    po_case c;
    read_case(&c, "glossary", true);
    EXPECT_PROBLEM_COUNT(&c, 0);
    char where[1200];
    snprintf(where, sizeof where,
             "glossary: \"permesso di soggiorno\" is \"residence permit\" (%s/glossary/en.tsv:2), "
             "not in the translation",
             c.dir);
    EXPECT_WARNING(&c, "en.po", 19, where);
    EXPECT_WARNING(&c, "glossary/en.tsv", 5, "glossary: not \"Italian term<TAB>agreed translation");
    EXPECT_WARNING_COUNT(&c, 2);
    free_case(&c);
}

/* Words left: "Documenti  necessari\tper la domanda" (5, any white space),
 * fuzzy "Sportello 外国人 stranieri" (5: each Han character is a word),
 * "50 euro" with a no-break space (2); the translated message is not
 * counted. */
static void catalog_po_stats_count_words_left(void)
{
    po_case c;
    read_case(&c, "stats-words", false);
    EXPECT_PROBLEM_COUNT(&c, 0);
    po_stats stats = po_language_stats(language_of(&c, "en"));
    CHECK(stats.words_left == 12, "words left %zu, expected 12", stats.words_left);
    CHECK(stats.translated == 1 && stats.fuzzy == 1 && stats.untranslated == 2,
          "translated %zu fuzzy %zu untranslated %zu", stats.translated, stats.fuzzy,
          stats.untranslated);
    free_case(&c);
}

/* reviewed, draft, no field (unknown), and "Reviewed" (a problem on its
 * header line, then unknown); languages come sorted by code. */
static void catalog_po_reads_review_status_from_header(void)
{
    po_case c;
    read_case(&c, "review-status", false);
    EXPECT_PROBLEM(&c, "uk.po", 10, "X-Sportello-Review is \"Reviewed\"");
    EXPECT_PROBLEM_COUNT(&c, 1);
    static const char *const expected[][2] = {
        {"ar", "reviewed"}, {"en", "draft"}, {"fr", "unknown"}, {"uk", "unknown"}};
    CHECK(c.set && c.set->count == 4, "4 languages");
    for (size_t i = 0; c.set && i < c.set->count && i < 4; i++)
        CHECK(strcmp(c.set->languages[i].language, expected[i][0]) == 0 &&
                  strcmp(c.set->languages[i].review, expected[i][1]) == 0,
              "language %zu is %s (%s), expected %s (%s)", i, c.set->languages[i].language,
              c.set->languages[i].review, expected[i][0], expected[i][1]);
    free_case(&c);
}

/* Five correct files: Ukrainian nplurals=3 (CLDR's fourth category is for
 * fractions only), French nplurals=3, Chinese 1, Arabic 6 with a balanced
 * isolate, an obsolete entry sharing a live msgctxt, an untranslated
 * message, a wrapped msgid with escapes: nothing to report, and every
 * message at the line of its msgid. */
static void catalog_po_accepts_valid_files_in_five_languages(void)
{
    po_case c;
    read_case(&c, "clean", true);
    EXPECT_PROBLEM_COUNT(&c, 0);
    CHECK(c.set && c.set->count == 5, "5 languages");
    const po_language *uk = language_of(&c, "uk");
    const translation *plural = uk ? po_find(uk, "service:test:documents-count") : NULL;
    CHECK(plural && plural->status == TRANSLATION_TRANSLATED &&
              strcmp(plural->text, "%d документ") == 0 && plural->line == 19,
          "the plural message is translated, its text msgstr[0]");
    const po_language *en = language_of(&c, "en");
    const translation *name = en ? po_find(en, "service:test:name") : NULL;
    CHECK(name && strcmp(name->text, "Foreigners desk") == 0 && name->line == 14,
          "the live message, not the obsolete one");
    const translation *block =
        en ? po_find(en, "article:test\004Il \"modulo A\" si trova\nallo sportello.") : NULL;
    CHECK(block && block->line == 34 &&
              strcmp(block->source, "Il \"modulo A\" si trova\nallo sportello.") == 0 &&
              strcmp(block->text, "The \"form A\" is\nat the desk.") == 0,
          "a wrapped msgid with escapes has its text and the line of its msgid keyword");
    CHECK(en && !po_find(en, "service:test:nothing"), "po_find of an unknown key is NULL");
    free_case(&c);
}

/* UTF-16 with and without BOM, UTF-8 with a BOM, Windows-1252 under a
 * UTF-8 header: one problem each, naming the encoding and how to convert,
 * at line 1 or at the line of the first byte that is not UTF-8; nothing
 * from libgettextpo, no messages read. */
static void catalog_po_names_wrong_encoding_in_one_line(void)
{
    po_case c;
    read_case(&c, "wrong-encoding", true);
    EXPECT_PROBLEM(&c, "en.po", 1, "the file is UTF-16 (big endian); save it as UTF-8 without "
                                   "BOM (a text editor's Save As, encoding \"UTF-8\"), or: "
                                   "iconv -f UTF-16BE -t UTF-8");
    EXPECT_PROBLEM(&c, "fr.po", 1, "the file is UTF-16 (little endian, with BOM); save it as UTF-8");
    EXPECT_PROBLEM(&c, "fr.po", 1, "iconv -f UTF-16 -t UTF-8");
    EXPECT_PROBLEM(&c, "ro.po", 1, "the file is UTF-8 with a byte order mark (BOM); save it as "
                                   "UTF-8 without BOM");
    EXPECT_PROBLEM(&c, "sq.po", 14, "the file is not UTF-8 (byte 0xE0 here: Windows-1252 or "
                                    "ISO-8859-1?); convert it: iconv -f WINDOWS-1252 -t UTF-8");
    EXPECT_PROBLEM_COUNT(&c, 4);
    for (size_t i = 0; c.set && i < c.set->count; i++)
        CHECK(c.set->languages[i].count == 0 && strcmp(c.set->languages[i].review, "unknown") == 0,
              "%s: no message read from a file in the wrong encoding", c.set->languages[i].language);
    free_case(&c);
}

/* A directory named xx.po is a problem; en.po beside it is read. */
static void catalog_po_reports_directory_named_like_a_po_file(void)
{
    po_case c;
    read_case(&c, "not-a-file", false);
    EXPECT_PROBLEM(&c, "xx.po", 0, "not a regular file");
    EXPECT_PROBLEM_COUNT(&c, 1);
    const po_language *en = language_of(&c, "en");
    CHECK(en && en->count == 1, "en.po read");
    free_case(&c);
}

static const struct {
    const char *name;
    void (*run)(void);
} tests[] = {
    {"catalog_po_rejects_changed_placeholder", catalog_po_rejects_changed_placeholder},
    {"catalog_po_rejects_changed_phone_number", catalog_po_rejects_changed_phone_number},
    {"catalog_po_rejects_phone_number_in_arabic_indic_digits",
     catalog_po_rejects_phone_number_in_arabic_indic_digits},
    {"catalog_po_rejects_changed_short_number_and_suffix",
     catalog_po_rejects_changed_short_number_and_suffix},
    {"catalog_po_rejects_changed_url", catalog_po_rejects_changed_url},
    {"catalog_po_rejects_changed_email", catalog_po_rejects_changed_email},
    {"catalog_po_rejects_unbalanced_bidi_isolate", catalog_po_rejects_unbalanced_bidi_isolate},
    {"catalog_po_refuses_bidi_override_even_balanced_or_escaped",
     catalog_po_refuses_bidi_override_even_balanced_or_escaped},
    {"catalog_po_refuses_invisible_characters_in_names_and_numbers",
     catalog_po_refuses_invisible_characters_in_names_and_numbers},
    {"catalog_po_rejects_added_leading_and_trailing_space",
     catalog_po_rejects_added_leading_and_trailing_space},
    {"catalog_po_reports_identical_text_as_its_own_class",
     catalog_po_reports_identical_text_as_its_own_class},
    {"catalog_po_reports_out_of_date_and_obsolete_keys",
     catalog_po_reports_out_of_date_and_obsolete_keys},
    {"catalog_po_rejects_arabic_with_two_plural_forms",
     catalog_po_rejects_arabic_with_two_plural_forms},
    {"catalog_po_reports_missing_plural_forms_with_expected_value",
     catalog_po_reports_missing_plural_forms_with_expected_value},
    {"catalog_po_rejects_plural_message_with_wrong_form_count",
     catalog_po_rejects_plural_message_with_wrong_form_count},
    {"catalog_po_reports_unterminated_string_at_its_line",
     catalog_po_reports_unterminated_string_at_its_line},
    {"catalog_po_reports_file_cut_in_the_middle_of_a_message",
     catalog_po_reports_file_cut_in_the_middle_of_a_message},
    {"catalog_po_reports_empty_file", catalog_po_reports_empty_file},
    {"catalog_po_rejects_message_without_msgctxt", catalog_po_rejects_message_without_msgctxt},
    {"catalog_po_rejects_duplicate_msgctxt", catalog_po_rejects_duplicate_msgctxt},
    {"catalog_po_keys_article_blocks_by_context_and_text",
     catalog_po_keys_article_blocks_by_context_and_text},
    {"catalog_po_counts_fuzzy_as_fuzzy_not_translated",
     catalog_po_counts_fuzzy_as_fuzzy_not_translated},
    {"catalog_po_warns_fuzzy_message_at_its_line", catalog_po_warns_fuzzy_message_at_its_line},
    {"catalog_po_warns_glossary_term_not_used", catalog_po_warns_glossary_term_not_used},
    {"catalog_po_stats_count_words_left", catalog_po_stats_count_words_left},
    {"catalog_po_reads_review_status_from_header", catalog_po_reads_review_status_from_header},
    {"catalog_po_accepts_valid_files_in_five_languages",
     catalog_po_accepts_valid_files_in_five_languages},
    {"catalog_po_names_wrong_encoding_in_one_line", catalog_po_names_wrong_encoding_in_one_line},
    {"catalog_po_reports_directory_named_like_a_po_file",
     catalog_po_reports_directory_named_like_a_po_file},
};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_po CASES_DIR TEST_NAME\n");
        return 2;
    }
    cases_dir = argv[1];
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
        if (strcmp(tests[i].name, argv[2]) == 0) {
            tests[i].run();
            u_cleanup(); /* ICU's caches (plural rules): valgrind sees them released */
            printf("%s: %s\n", argv[2], check_failures ? "FAILED" : "ok");
            return check_failures ? 1 : 0;
        }
    }
    fprintf(stderr, "no test named %s\n", argv[2]);
    return 2;
}
