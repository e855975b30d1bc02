/* replay.c - runs a fuzz target's LLVMFuzzerTestOneInput over files, in a
 * build without libFuzzer: the seed corpora and every input that once
 * crashed a target are replayed by the ordinary test suite (and its
 * ASan/UBSan build), so a crash found by fuzzing stays fixed.
 *
 *   replay FILE|FOLDER...   each file, or each file of each folder */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static int replay_file(const char *path)
{
    size_t size;
    char *data = file_read_all(path, &size);
    if (!data) {
        perror(path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int failures = 0, count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            failures++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            failures += replay_file(argv[i]);
            count++;
            continue;
        }
        struct dirent **entries;
        int n = scandir(argv[i], &entries, NULL, NULL);
        if (n < 0) {
            perror(argv[i]);
            failures++;
            continue;
        }
        char **names = calloc((size_t)n + 1, sizeof *names);
        int kept = 0;
        for (int k = 0; k < n; k++) {
            if (entries[k]->d_name[0] != '.')
                names[kept++] = strdup(entries[k]->d_name);
            free(entries[k]);
        }
        free(entries);
        qsort(names, (size_t)kept, sizeof *names, compare_names);
        for (int k = 0; k < kept; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
            failures += replay_file(path);
            count++;
            free(names[k]);
        }
        free(names);
    }
    printf("%d inputs replayed, %d could not be read\n", count, failures);
    return failures || count == 0 ? 1 : 0;
}
