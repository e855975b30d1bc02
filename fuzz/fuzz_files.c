/* fuzz_files.c - see fuzz_files.h. */
#define _XOPEN_SOURCE 700
#include "fuzz_files.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"

static char folder[512];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_folder(void)
{
    if (folder[0])
        nftw(folder, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_folder(void)
{
    if (folder[0])
        return folder;
    const char *base = getenv("TMPDIR");
    if (!base || access(base, W_OK) != 0)
        base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(folder, sizeof folder, "%s/sportello-fuzz-XXXXXX", base);
    if (!mkdtemp(folder)) {
        perror(folder);
        abort();
    }
    atexit(remove_folder);
    return folder;
}

static void make_parents(char *path)
{
    for (char *slash = strchr(path + strlen(fuzz_folder()) + 1, '/'); slash;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
}

void fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", fuzz_folder(), name);
    make_parents(path);
    FILE *file = fopen(path, "wb");
    if (!file || (size && fwrite(data, 1, size, file) != size) || fclose(file) != 0) {
        perror(path);
        abort();
    }
}

void fuzz_copy_source_file(const char *source_name, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SPORTELLO_SOURCE_DIR, source_name);
    size_t size;
    char *bytes = file_read_all(path, &size);
    if (!bytes) {
        perror(path);
        abort();
    }
    fuzz_write(name, (const uint8_t *)bytes, size);
    free(bytes);
}
