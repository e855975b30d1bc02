/* sportello-catalog - the agencies' data and the translators' PO files
 * become the kiosk's catalogue.
 *
 *   sportello-catalog build --data DIR --po DIR --output FILE [--languages FILE]
 *   sportello-catalog stats [--po DIR] [--languages FILE] [--data DIR [--older-than MONTHS]]
 *   sportello-catalog check --po DIR [--data DIR]
 *   sportello-catalog pot --data DIR --output FILE
 *   sportello-catalog recordings --data DIR  (the file name of each text's recording)
 *   sportello-catalog keygen --secret FILE --public FILE [--name NAME]
 *                            [--replace | --keep-existing]
 *   sportello-catalog build ... --sign SECRET      (the catalogue signed, signed.h)
 *   sportello-catalog verify --public FILE [--public FILE...] CATALOGUE
 *
 * Every problem is printed as "path:line: what is wrong", all of them, and
 * the exit code is 1; the catalogue in service is then untouched.
 * Warnings ("path:line: warning: ...", a fuzzy message) are printed before
 * them and do not stop the build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checked.h"
#include "inputs.h"
#include "languages.h"
#include "model.h"
#include "paths.h"
#include "po.h"
#include "pot.h"
#include "progress.h"
#include "recordings.h"
#include "signed.h"
#include "writer.h"

typedef struct arguments {
    const char *command, *data, *po, *output, *languages;
    const char *sign;       /* build --sign SECRET: a secret key file */
    bool preview;           /* build --preview: refused translations left out, reported */
    const char *older_than; /* stats --older-than MONTHS, as written */
} arguments;

static int usage(void)
{
    fprintf(
        stderr,
        "usage: sportello-catalog build --data DIR --po DIR --output FILE [--languages FILE]\n"
        "                                [--preview]  (refused translations left out, reported)\n"
        "       sportello-catalog stats [--po DIR] [--languages FILE]\n"
        "                               [--data DIR [--older-than MONTHS]]  (default 18)\n"
        "       sportello-catalog check --po DIR [--data DIR]\n"
        "       sportello-catalog pot --data DIR --output FILE\n"
        "       sportello-catalog recordings --data DIR  (a recording's file name per text)\n"
        "       sportello-catalog keygen --secret FILE --public FILE [--name NAME]\n"
        "                                [--replace | --keep-existing]\n"
        "       sportello-catalog build ... --sign SECRET  (signed with that secret key)\n"
        "       sportello-catalog verify --public FILE [--public FILE...] CATALOGUE\n");
    return 2;
}

static bool parse(int argc, char **argv, arguments *a)
{
    memset(a, 0, sizeof *a);
    if (argc < 2)
        return false;
    a->command = argv[1];
    for (int i = 2; i < argc; i += 2) {
        if (strcmp(argv[i], "--preview") == 0) {
            a->preview = true;
            i--;
            continue;
        }
        if (i + 1 >= argc)
            return false;
        const char *flag = argv[i], *value = argv[i + 1];
        if (strcmp(flag, "--data") == 0)
            a->data = value;
        else if (strcmp(flag, "--po") == 0)
            a->po = value;
        else if (strcmp(flag, "--output") == 0)
            a->output = value;
        else if (strcmp(flag, "--languages") == 0)
            a->languages = value;
        else if (strcmp(flag, "--sign") == 0)
            a->sign = value;
        else if (strcmp(flag, "--older-than") == 0)
            a->older_than = value;
        else
            return false;
    }
    return true;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* Prints every warning, then every problem; returns the exit code: 1 when
 * there is a problem, warnings alone do not fail. */
static int report(problem_list *problems, problem_list *warnings)
{
    for (size_t i = 0; i < warnings->count; i++)
        fprintf(stderr, "%s\n", warnings->items[i]);
    for (size_t i = 0; i < problems->count; i++)
        fprintf(stderr, "%s\n", problems->items[i]);
    if (problems->count && warnings->count)
        fprintf(stderr, "sportello-catalog: %zu problem%s, %zu warning%s\n", problems->count,
                plural(problems->count), warnings->count, plural(warnings->count));
    else if (problems->count)
        fprintf(stderr, "sportello-catalog: %zu problem%s\n", problems->count,
                plural(problems->count));
    else if (warnings->count)
        fprintf(stderr, "sportello-catalog: %zu warning%s\n", warnings->count,
                plural(warnings->count));
    int status = problems->count ? 1 : 0;
    problems_free(problems);
    problems_free(warnings);
    return status;
}

/* True when --po is the kiosk's own words (po/, whose template is
 * sportello.pot): messages keyed by msgid, no msgctxt needed. */
static bool ui_domain(const arguments *a)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sportello.pot", a->po);
    return access(path, F_OK) == 0;
}

/* The PO files, told the Plural-Forms of assets/plural-forms.txt. */
static po_set *read_po(const arguments *a, problem_list *problems)
{
    char path[4096];
    const char *forms = asset_path("plural-forms.txt", path, sizeof path);
    return ui_domain(a) ? po_set_read_ui(a->po, forms, problems)
                        : po_set_read_with(a->po, forms, problems);
}

/* The output must be none of what the command read: refused (one problem)
 * before anything is written (inputs.h). */
static void check_output(const arguments *a, const char *languages, const catalog_model *model,
                         const po_set *po, problem_list *problems)
{
    char path[4096];
    input_list inputs = {0};
    if (inputs_add(&inputs, a->data) && inputs_add(&inputs, a->po) &&
        inputs_add(&inputs, languages) &&
        inputs_add(&inputs, asset_path("plural-forms.txt", path, sizeof path)) &&
        inputs_add_read(&inputs, model, po))
        inputs_check_output(&inputs, a->output, problems);
    else
        problems_add(problems, NULL, 0, "out of memory: the output could not be checked");
    inputs_free(&inputs);
}

static const po_language *po_language_of(const po_set *po, const char *code);

/* A language of languages.txt with no PO file is shown entirely in its
 * fallback: the build says so, one line per language, and goes on. */
static void warn_missing_languages(const arguments *a, const language_list *languages,
                                   const po_set *po, problem_list *warnings)
{
    for (size_t i = 0; po && i < languages->count; i++) {
        const language_entry *language = &languages->entries[i];
        if (strcmp(language->code, "it") == 0 || po_language_of(po, language->code))
            continue;
        char chain[64] = "";
        for (size_t f = 0; f < language->fallback_count; f++)
            snprintf(chain + strlen(chain), sizeof chain - strlen(chain), "%s%s",
                     f ? ", then " : "", language->fallback[f]);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.po", a->po, language->code);
        problems_add(warnings, path, 0,
                     "warning: no PO file: %s is shown entirely in its fallback (%s) on every "
                     "screen",
                     language->code, chain);
    }
}

/* "FILE: N recordings stored (K KB)", and each one left out because its
 * language does not show its own current translation of the text (the
 * writer's rule, recordings.h), read back from the written file. */
static void print_recordings(const char *output, const recording_set *recordings)
{
    if (!recordings->count)
        return;
    sqlite3 *db = NULL;
    sqlite3_stmt *stored = NULL;
    if (sqlite3_open_v2(output, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT 1 FROM recordings WHERE key = ? AND language = ?", -1,
                           &stored, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    size_t kept = 0, bytes = 0;
    bool *found = calloc(recordings->count, sizeof *found);
    for (size_t i = 0; found && i < recordings->count; i++) {
        const recording_file *r = &recordings->items[i];
        sqlite3_bind_text(stored, 1, r->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(stored, 2, r->language, -1, SQLITE_STATIC);
        found[i] = sqlite3_step(stored) == SQLITE_ROW;
        sqlite3_reset(stored);
        if (found[i])
            kept++, bytes += r->size;
    }
    printf("%s: %zu recording%s stored (%zu KB)\n", output, kept, plural(kept),
           (bytes + 1023) / 1024);
    for (size_t i = 0; found && i < recordings->count; i++) {
        const recording_file *r = &recordings->items[i];
        if (!found[i])
            printf("%s: recording not used: %s does not show its own current translation of %s "
                   "(untranslated, fuzzy or changed since)\n",
                   output, r->language, strchr(r->key, '\004') ? "an article's text" : r->key);
    }
    free(found);
    sqlite3_finalize(stored);
    sqlite3_close(db);
}

/* "FILE: N translatable texts x M languages; fuzzy (not shown until a
 * translator checks them): ar 2, bn 2": how many messages each language
 * lost to a change of the Italian text (msgmerge marks them fuzzy). */
static void print_summary(const char *output, const catalog_model *model, const po_set *po,
                          const language_list *languages, const recording_set *recordings)
{
    printf("%s: %zu translatable texts x %zu languages", output, model->unit_count,
           languages->count);
    size_t shown = 0;
    for (size_t l = 0; l < po->count; l++) {
        size_t fuzzy = po_language_stats(&po->languages[l]).fuzzy;
        if (fuzzy)
            printf("%s %s %zu",
                   shown++ ? "," : "; fuzzy (not shown until a translator checks them):",
                   po->languages[l].language, fuzzy);
    }
    printf("%s\n", shown ? "" : "; no fuzzy translations");
    print_recordings(output, recordings);
}

/* The catalogue written, and signed with --sign's key (read before
 * anything is written: a key that cannot be read stops the build). */
static bool write_output(const arguments *a, const catalog_model *model, const po_set *po,
                         const language_list *languages, const recording_set *recordings,
                         problem_list *problems)
{
    if (!a->sign)
        return catalog_write(model, po, languages, recordings, a->output, problems);
    signed_secret secret;
    char why[512];
    if (!signed_secret_read(a->sign, &secret, why, sizeof why)) {
        problems_add(problems, NULL, 0, "%s", why);
        return false;
    }
    bool ok = catalog_write_signed(model, po, languages, recordings, a->output, &secret, problems);
    signed_secret_forget(&secret);
    return ok;
}

static int build(const arguments *a)
{
    problem_list problems = {0}, warnings = {0};
    char path[4096];
    language_list languages;
    const char *languages_path =
        a->languages ? a->languages : asset_path("languages.txt", path, sizeof path);
    language_list_read(languages_path, &languages, &problems);
    progress_start(); /* one line on a terminal, nothing otherwise */
    catalog_model *model = catalog_model_read(a->data, &problems);
    po_set *po = read_po(a, &problems);
    check_output(a, languages_path, model, po, &problems);
    if (!a->preview) /* a translator's preview builds one language on purpose */
        warn_missing_languages(a, &languages, po, &warnings);
    /* Translator warnings that do not make the catalogue wrong are for
     * `check`; what this scope reports would put a wrong number or address
     * on screen, so it stops the build.  A translator's preview instead
     * leaves those translations out (reported, exit 1) and shows the rest. */
    problem_list refused = {0};
    if (model && po && a->preview && problems.count == 0)
        po_leave_out_refused(po, model, &refused);
    if (model && po)
        po_check(po, model, PO_CHECK_SHOWN_FACTS, &problems, &warnings);
    /* The translators' recordings, PO_DIR/audio/LANG/NAME.ogg (recordings.h):
     * each decoded whole; a bad one stops the build like a bad PO file. */
    recording_set recordings = {0};
    if (model && problems.count == 0)
        recordings_read(a->po, model, &languages, &recordings, &problems);
    bool written = problems.count == 0 && model && po &&
                   write_output(a, model, po, &languages, &recordings, &problems);
    progress_finish();
    if (written)
        print_summary(a->output, model, po, &languages, &recordings);
    recording_set_free(&recordings);
    for (size_t i = 0; i < refused.count; i++)
        problems_add(&problems, NULL, 0, "%s (left out of this preview)", refused.items[i]);
    problems_free(&refused);
    po_set_free(po);
    catalog_model_free(model);
    language_list_free(&languages);
    return report(&problems, &warnings);
}

static const po_language *po_language_of(const po_set *po, const char *code)
{
    for (size_t i = 0; i < po->count; i++)
        if (strcmp(po->languages[i].language, code) == 0)
            return &po->languages[i];
    return NULL;
}

static void print_stats_row(const po_language *language)
{
    po_stats s = po_language_stats(language);
    size_t total = s.translated + s.fuzzy + s.untranslated;
    printf("%-6s %10zu %6zu %12zu %10zu %7.1f%%  %s\n", language->language, s.translated, s.fuzzy,
           s.untranslated, s.words_left,
           total ? 100.0 * (double)s.translated / (double)total : 100.0, language->review);
}

/* --older-than MONTHS: a whole number of months, 0..CHECKED_MONTHS_MAX
 * (default CHECKED_OLD_MONTHS); -1 for anything else. */
static int months_of(const char *text)
{
    if (!text)
        return CHECKED_OLD_MONTHS;
    size_t n = strlen(text);
    if (n == 0 || n > 4 || strspn(text, "0123456789") != n)
        return -1;
    int months = atoi(text);
    return months <= CHECKED_MONTHS_MAX ? months : -1;
}

/* The services and articles of data/ checked more than `months` months
 * ago, per agency (in the order of its file), each with its date, then a
 * count; the rule is the kiosk's (checked.h). */
static void print_old_facts(const catalog_model *model, int months)
{
    time_t now = time(NULL);
    size_t old = 0, all = 0;
    printf("checked more than %d month%s ago:\n", months, months == 1 ? "" : "s");
    for (size_t a = 0; a < model->agency_count; a++) {
        const agency *ag = &model->agencies[a];
        bool named = false;
        for (size_t i = 0; i < ag->service_count; i++) {
            const service *s = &ag->services[i];
            const char *checked = service_checked(ag, s);
            all++;
            if (!checked_is_older(checked, months, now))
                continue;
            if (!named)
                printf("%s (%s)\n", ag->id, ag->file);
            named = true;
            printf("  %-10s service %s%s\n", checked, s->id,
                   s->example || ag->example ? " (example)" : "");
            old++;
        }
    }
    bool named = false;
    for (size_t i = 0; i < model->article_count; i++) {
        const article *ar = &model->articles[i];
        all++;
        if (!checked_is_older(ar->checked, months, now))
            continue;
        if (!named)
            printf("articles\n");
        named = true;
        printf("  %-10s article %s (%s)\n", ar->checked, ar->id, ar->file);
        old++;
    }
    printf("%zu of %zu services and articles checked more than %d month%s ago\n", old, all, months,
           months == 1 ? "" : "s");
}

/* Every PO file, then every language of languages.txt that has none: the
 * kiosk shows it entirely in its fallback, so it is "missing", not a draft
 * with nothing translated yet.  With --data, the facts checked more than
 * --older-than months ago (print_old_facts). */
static int stats(const arguments *a)
{
    problem_list problems = {0}, warnings = {0};
    char path[4096];
    language_list languages = {0};
    po_set *po = NULL;
    if (a->po) {
        language_list_read(a->languages ? a->languages
                                        : asset_path("languages.txt", path, sizeof path),
                           &languages, &problems);
        po = read_po(a, &problems);
    }
    if (po) {
        printf("%-6s %10s %6s %12s %10s %8s  %s\n", "lang", "translated", "fuzzy", "untranslated",
               "words-left", "done", "review");
        for (size_t i = 0; i < po->count; i++)
            print_stats_row(&po->languages[i]);
        for (size_t i = 0; i < languages.count; i++) {
            const char *code = languages.entries[i].code;
            if (strcmp(code, "it") != 0 && !po_language_of(po, code))
                printf("%-6s %10s %6s %12s %10s %8s  %s\n", code, "-", "-", "-", "-", "-",
                       "missing");
        }
    }
    catalog_model *model = a->data ? catalog_model_read(a->data, &problems) : NULL;
    if (model && problems.count == 0) {
        if (po)
            printf("\n");
        print_old_facts(model, months_of(a->older_than));
    }
    catalog_model_free(model);
    po_set_free(po);
    language_list_free(&languages);
    return report(&problems, &warnings);
}

static int check(const arguments *a)
{
    problem_list problems = {0}, warnings = {0};
    /* The kiosk's words have no source in data/: no key to compare. */
    catalog_model *model = a->data && !ui_domain(a) ? catalog_model_read(a->data, &problems) : NULL;
    po_set *po = read_po(a, &problems);
    if (po)
        po_check(po, model, PO_CHECK_ALL, &problems, &warnings);
    po_set_free(po);
    catalog_model_free(model);
    return report(&problems, &warnings);
}

static int pot(const arguments *a)
{
    problem_list problems = {0}, warnings = {0};
    catalog_model *model = catalog_model_read(a->data, &problems);
    input_list inputs = {0};
    if (inputs_add(&inputs, a->data) && inputs_add_read(&inputs, model, NULL))
        inputs_check_output(&inputs, a->output, &problems);
    inputs_free(&inputs);
    if (model && problems.count == 0)
        pot_write(model, a->output, a->data, &problems);
    catalog_model_free(model);
    return report(&problems, &warnings);
}

/* sportello-catalog recordings --data DIR: for translators, one line per
 * text, "NAME.ogg<TAB>its Italian text" (the start of it), in data order:
 * the name its recording must have in po-content/audio/LANG/. */
static int recordings_command(const arguments *a)
{
    problem_list problems = {0}, warnings = {0};
    catalog_model *model = catalog_model_read(a->data, &problems);
    for (size_t i = 0; model && problems.count == 0 && i < model->unit_count; i++) {
        char name[512];
        if (!recording_name(model, i, name, sizeof name))
            continue;
        const char *text = model->units[i].text;
        size_t length = strcspn(text, "\n");
        int shown = length > 70 ? 70 : (int)length;
        while (shown > 0 && (text[shown] & 0xc0) == 0x80)
            shown--; /* not inside a character */
        printf("%s.ogg\t%.*s%s\n", name, shown, text, (size_t)shown < strlen(text) ? "..." : "");
    }
    catalog_model_free(model);
    return report(&problems, &warnings);
}

/* ---- signing: keygen and verify -------------------------------------------- */

/* sportello-catalog keygen --secret FILE --public FILE [--name NAME]
 * [--replace | --keep-existing]: a new Ed25519 key pair; the name defaults
 * to the public file's name without its folder and extension.  Existing key
 * files are refused, replaced (--replace), or kept when they are a readable
 * pair (--keep-existing: the build's development key stays across rebuilds;
 * a broken pair is then refused as existing). */
static int keygen_command(int argc, char **argv)
{
    const char *secret = NULL, *public = NULL, *name = NULL;
    bool replace = false, keep = false;
    for (int i = 2; i < argc; i++) {
        bool more = i + 1 < argc;
        if (strcmp(argv[i], "--replace") == 0)
            replace = true;
        else if (strcmp(argv[i], "--keep-existing") == 0)
            keep = true;
        else if (strcmp(argv[i], "--secret") == 0 && more)
            secret = argv[++i];
        else if (strcmp(argv[i], "--public") == 0 && more)
        public = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && more) name = argv[++i];
        else return usage();
    }
    if (!secret || !public)
        return usage();
    char base[SIGNED_NAME_MAX + 1];
    if (!name) {
        const char *slash = strrchr(public, '/');
        const char *file = slash ? slash + 1 : public;
        snprintf(base, sizeof base, "%.*s", (int)strcspn(file, "."), file);
        name = base;
    }
    char why[512];
    signed_secret existing;
    signed_key key;
    if (keep && signed_secret_read(secret, &existing, why, sizeof why) &&
        signed_public_read(public, &key, why, sizeof why) && signed_pair_matches(&existing, &key)) {
        signed_secret_forget(&existing);
        printf("key %s: kept (%s, %s)\n", key.name, secret, public);
        return 0;
    }
    signed_secret_forget(&existing);
    if (!signed_keygen(secret, public, name, replace, why, sizeof why)) {
        fprintf(stderr, "sportello-catalog: %s\n", why);
        return 1;
    }
    if (!signed_public_read(public, &key, why, sizeof why)) {
        fprintf(stderr, "sportello-catalog: %s\n", why);
        return 1;
    }
    char hex[17];
    signed_key_id_hex(key.id, hex);
    printf("key %s (id %s): secret key in %s, public key in %s\n", key.name, hex, secret, public);
    return 0;
}

/* sportello-catalog verify --public FILE [--public FILE...] CATALOGUE: the
 * kiosk's checks (signature by one of the keys, full integrity check,
 * schema), exit 0 and one line naming the signer and version, else exit 1
 * and one line saying why. */
static int verify_command(int argc, char **argv)
{
    signed_key keys[SIGNED_KEYS_MAX];
    size_t key_count = 0;
    const char *catalogue = NULL;
    char why[1024];
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--public") == 0 && i + 1 < argc && key_count < SIGNED_KEYS_MAX) {
            if (!signed_public_read(argv[++i], &keys[key_count++], why, sizeof why)) {
                fprintf(stderr, "sportello-catalog: %s\n", why);
                return 1;
            }
        } else if (argv[i][0] != '-' && !catalogue) {
            catalogue = argv[i];
        } else {
            return usage();
        }
    }
    if (!catalogue || key_count == 0)
        return usage();
    signed_catalog opened;
    if (!signed_catalog_open(catalogue, keys, key_count, false, &opened, why, sizeof why)) {
        fprintf(stderr, "sportello-catalog: refused: %s\n", why);
        return 1;
    }
    char hex[17];
    signed_key_id_hex(opened.signer->id, hex);
    printf("%s: signed by %s (key id %s), version %lld, integrity ok\n", catalogue,
           opened.signer->name, hex, opened.version);
    sqlite3_close(opened.db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "keygen") == 0)
        return keygen_command(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return verify_command(argc, argv);
    arguments a;
    if (!parse(argc, argv, &a))
        return usage();
    if (strcmp(a.command, "build") == 0 && a.data && a.po && a.output)
        return build(&a);
    if (strcmp(a.command, "stats") == 0 && (a.po || a.data)) {
        if (a.older_than && !a.data) {
            fprintf(stderr, "sportello-catalog: --older-than needs --data DIR\n");
            return usage();
        }
        if (months_of(a.older_than) < 0) {
            fprintf(stderr,
                    "sportello-catalog: --older-than '%.40s': write a number of months from 0 to "
                    "%d\n",
                    a.older_than, CHECKED_MONTHS_MAX);
            return usage();
        }
        return stats(&a);
    }
    if (strcmp(a.command, "check") == 0 && a.po)
        return check(&a);
    if (strcmp(a.command, "pot") == 0 && a.data && a.output)
        return pot(&a);
    if (strcmp(a.command, "recordings") == 0 && a.data)
        return recordings_command(&a);
    return usage();
}
