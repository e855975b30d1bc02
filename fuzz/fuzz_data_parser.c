/* fuzz_data_parser.c - libFuzzer target for the data folder parser
 * (src/catalog/data.c: YAML through libyaml, articles through md4c).
 *
 * Input: one byte choosing which file of a small valid data folder the
 * rest replaces - categories.yaml, an agency file or an article - then
 * that file's bytes.  The folder is read with catalog_model_read(): any
 * problem is fine, a crash, leak or undefined behaviour is not. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_files.h"
#include "log.h"
#include "model.h"

#define VALID "tests/catalog/data-cases/valid/"

static const char *const files[] = {
    "categories.yaml",
    "agencies/questura-mantova.yaml",
    "articles/caporalato.md",
};

/* Messages are formatted (that code runs too) and dropped. */
static void quiet(log_level level, const char *module, const char *message, void *user)
{
    (void)level, (void)module, (void)message, (void)user;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    log_set_sink(quiet, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t chosen = data[0] % 3;
    for (size_t i = 0; i < 3; i++) {
        char source[256];
        snprintf(source, sizeof source, VALID "%s", files[i]);
        if (i == chosen)
            fuzz_write(files[i], data + 1, size - 1);
        else
            fuzz_copy_source_file(source, files[i]);
    }
    problem_list problems = {0};
    catalog_model *model = catalog_model_read(fuzz_folder(), &problems);
    if (model && problems.count == 0) {
        /* a model the build would accept: every unit has a key and a text */
        for (size_t i = 0; i < model->unit_count; i++)
            if (!model->units[i].key || !model->units[i].text)
                abort();
    }
    catalog_model_free(model);
    problems_free(&problems);
    return 0;
}
