/* recordings.c - see recordings.h. */
#include "recordings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "array.h"
#include "folder.h"
#include "recording.h"

/* FNV-1a, 32 bits: a short, stable name for an article block's key. */
static uint32_t key_hash(const char *key)
{
    uint32_t hash = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        hash = (hash ^ *p) * 16777619u;
    return hash;
}

bool recording_name(const catalog_model *model, size_t index, char *out, size_t size)
{
    const unit *u = &model->units[index];
    if (!strchr(u->key, '\004')) {
        size_t length = strlen(u->key);
        if (length >= size)
            return false;
        for (size_t i = 0; i <= length; i++)
            out[i] = u->key[i] == ':' ? '.' : u->key[i];
        return true;
    }
    for (size_t a = 0; a < model->article_count; a++) {
        const article *ar = &model->articles[a];
        for (size_t b = 0; b < ar->block_count; b++)
            if (ar->block_keys[b] == u->key) {
                int n = snprintf(out, size, "article.%s.%zu-%08x", ar->id, b + 1,
                                 (unsigned)key_hash(u->key));
                return n > 0 && (size_t)n < size;
            }
    }
    return false;
}

/* Every unit's recording name, worked out once per build (an article
 * block's name looks for its place in the article). */
typedef struct name_table {
    char **names; /* by unit index; NULL where the name does not fit */
    size_t count;
} name_table;

static bool name_table_make(const catalog_model *model, name_table *table)
{
    table->count = model->unit_count;
    table->names = calloc(table->count ? table->count : 1, sizeof *table->names);
    if (!table->names)
        return false;
    char name[512];
    for (size_t i = 0; i < table->count; i++)
        if (recording_name(model, i, name, sizeof name))
            table->names[i] = strdup(name);
    return true;
}

static void name_table_free(name_table *table)
{
    for (size_t i = 0; table->names && i < table->count; i++)
        free(table->names[i]);
    free(table->names);
}

/* The unit whose recording is named `name` (without ".ogg"), or NULL. */
static const unit *unit_named(const catalog_model *model, const name_table *table, const char *name)
{
    for (size_t i = 0; i < table->count; i++)
        if (table->names[i] && strcmp(table->names[i], name) == 0)
            return &model->units[i];
    return NULL;
}

static bool is_language(const language_list *languages, const char *code)
{
    for (size_t i = 0; i < languages->count; i++)
        if (strcmp(languages->entries[i].code, code) == 0)
            return true;
    return false;
}

/* The file's bytes when it is a regular file (never through a symbolic
 * link) of at most RECORDING_MAX_BYTES; NULL with a problem otherwise.
 * The size is looked at before anything is read. */
static unsigned char *read_recording(const char *path, size_t *size, problem_list *problems)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        problems_add(problems, path, 0, "%s",
                     errno == ELOOP ? "a symbolic link: a recording must be a file in its "
                                      "language's folder"
                                    : strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        problems_add(problems, path, 0,
                     "not a file: a language's folder holds only NAME.ogg files");
        close(fd);
        return NULL;
    }
    if (st.st_size > RECORDING_MAX_BYTES) {
        problems_add(problems, path, 0,
                     "%lld bytes, larger than the 1 MB a recording may have (record it shorter "
                     "or at a lower quality)",
                     (long long)st.st_size);
        close(fd);
        return NULL;
    }
    unsigned char *bytes = malloc(st.st_size ? (size_t)st.st_size : 1);
    size_t done = 0;
    while (bytes && done < (size_t)st.st_size) {
        ssize_t got = read(fd, bytes + done, (size_t)st.st_size - done);
        if (got <= 0)
            break;
        done += (size_t)got;
    }
    close(fd);
    if (!bytes || done != (size_t)st.st_size) {
        problems_add(problems, path, 0, "%s", bytes ? "cannot be read whole" : "out of memory");
        free(bytes);
        return NULL;
    }
    *size = done;
    return bytes;
}

static void add_recording(recording_set *out, const char *language, const unit *u,
                          unsigned char *bytes, size_t size, long milliseconds, const char *path,
                          problem_list *problems)
{
    if (out->total_bytes + size > RECORDINGS_MAX_TOTAL_BYTES) {
        problems_add(problems, path, 0,
                     "the recordings pass 256 MB in all, more than a kiosk holds in memory");
        free(bytes);
        return;
    }
    if (!array_grow((void **)&out->items, out->count, &out->capacity, sizeof *out->items)) {
        problems_add(problems, path, 0, "out of memory");
        free(bytes);
        return;
    }
    recording_file *r = &out->items[out->count++];
    snprintf(r->language, sizeof r->language, "%s", language);
    r->key = u->key;
    r->bytes = bytes;
    r->size = size;
    r->milliseconds = milliseconds;
    out->total_bytes += size;
}

/* One language's folder. */
static void read_language(const char *folder, const char *language, const catalog_model *model,
                          const name_table *table, recording_set *out, problem_list *problems)
{
    size_t count = 0;
    char **names = folder_names(folder, NULL, &count); /* sorted, hidden ones left out */
    if (!names) {
        problems_add(problems, folder, 0, "cannot be read: %s", strerror(errno));
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const char *name = names[i];
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", folder, name) >= (int)sizeof path) {
            problems_add(problems, folder, 0, "a file name too long to read");
            continue;
        }
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
            problems_add(problems, path, 0,
                         "a symbolic link: a recording must be a file in its language's folder");
            continue;
        }
        if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            problems_add(problems, path, 0,
                         "not a file: a language's folder holds only NAME.ogg files");
            continue;
        }
        size_t length = strlen(name);
        if (length <= 4 || strcmp(name + length - 4, ".ogg") != 0) {
            problems_add(problems, path, 0, "not NAME.ogg: recordings are Ogg Vorbis files");
            continue;
        }
        char key_name[512];
        snprintf(key_name, sizeof key_name, "%.*s", (int)(length - 4), name);
        const unit *u = unit_named(model, table, key_name);
        if (!u) {
            problems_add(problems, path, 0,
                         "no text has this name (the key with '.' for ':'; "
                         "`sportello-catalog recordings --data DIR` lists the names)");
            continue;
        }
        size_t size = 0;
        unsigned char *bytes = read_recording(path, &size, problems);
        if (!bytes)
            continue;
        long milliseconds = 0;
        char why[256];
        if (!recording_check(bytes, size, &milliseconds, why, sizeof why)) {
            problems_add(problems, path, 0, "%s", why);
            free(bytes);
            continue;
        }
        add_recording(out, language, u, bytes, size, milliseconds, path, problems);
    }
    folder_names_free(names, count);
}

void recordings_read(const char *po_dir, const catalog_model *model, const language_list *languages,
                     recording_set *out, problem_list *problems)
{
    memset(out, 0, sizeof *out);
    if (!po_dir || !model || !languages)
        return;
    char audio[4096];
    snprintf(audio, sizeof audio, "%s/audio", po_dir);
    struct stat st;
    if (lstat(audio, &st) != 0)
        return; /* no recordings */
    if (!S_ISDIR(st.st_mode)) {
        problems_add(problems, audio, 0, "not a folder (recordings go in audio/LANG/NAME.ogg)");
        return;
    }
    size_t count = 0;
    char **names = folder_names(audio, NULL, &count);
    name_table table = {0};
    if (!names || !name_table_make(model, &table)) {
        problems_add(problems, audio, 0, "cannot be read: %s",
                     names ? "out of memory" : strerror(errno));
        folder_names_free(names, count);
        name_table_free(&table);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", audio, names[i]) >= (int)sizeof path) {
            problems_add(problems, audio, 0, "a folder name too long to read");
            continue;
        }
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            problems_add(problems, path, 0,
                         "not a language's folder (recordings go in audio/LANG/NAME.ogg)");
            continue;
        }
        if (!is_language(languages, names[i])) {
            problems_add(problems, path, 0, "'%s' is not a language of languages.txt", names[i]);
            continue;
        }
        read_language(path, names[i], model, &table, out, problems);
    }
    name_table_free(&table);
    folder_names_free(names, count);
}

void recording_set_free(recording_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i].bytes);
    free(set->items);
    memset(set, 0, sizeof *set);
}
