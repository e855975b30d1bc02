/* fuzz_po_import.c - libFuzzer target for the PO import (src/catalog/po.c
 * over libgettextpo) and the translators' checks.
 *
 * Input: one byte choosing the file's language (its plural rules and
 * script matter to the checks), then the PO file's bytes.  The folder is
 * read with po_set_read(), then checked with po_check() against the
 * bundled data/ (read once) and counted with po_language_stats(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_files.h"
#include "log.h"
#include "model.h"
#include "po.h"

static const char *const languages[] = {"ar", "zh", "uk", "ro", "ur", "ti", "pa", "fr"};
#define LANGUAGE_COUNT (sizeof languages / sizeof languages[0])

static catalog_model *model;

static void quiet(log_level level, const char *module, const char *message, void *user)
{
    (void)level, (void)module, (void)message, (void)user;
}

static void free_model(void)
{
    catalog_model_free(model);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    log_set_sink(quiet, NULL);
    problem_list problems = {0};
    model = catalog_model_read(SPORTELLO_SOURCE_DIR "/data", &problems);
    if (!model || problems.count) {
        fprintf(stderr, "data/ does not read cleanly (%zu problems)\n", problems.count);
        abort();
    }
    problems_free(&problems);
    atexit(free_model);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char dir[32], name[64];
    /* a fresh folder name per language, so a file of another language never
     * lingers beside it */
    const char *language = languages[data[0] % LANGUAGE_COUNT];
    snprintf(dir, sizeof dir, "po-%s", language);
    snprintf(name, sizeof name, "%s/%s.po", dir, language);
    fuzz_write(name, data + 1, size - 1);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", fuzz_folder(), dir);
    problem_list problems = {0};
    po_set *set = po_set_read(path, &problems);
    if (set) {
        po_check(set, model, PO_CHECK_ALL, &problems, &problems);
        po_check(set, NULL, PO_CHECK_SHOWN_FACTS, &problems, NULL);
        for (size_t i = 0; i < set->count; i++) {
            po_stats stats = po_language_stats(&set->languages[i]);
            if (stats.translated + stats.fuzzy + stats.untranslated != set->languages[i].count)
                abort();
            for (size_t k = 0; k < set->languages[i].count; k++)
                if (!po_find(&set->languages[i], set->languages[i].translations[k].key))
                    abort(); /* the table is sorted by key */
        }
    }
    po_set_free(set);
    problems_free(&problems);
    return 0;
}
