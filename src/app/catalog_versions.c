/* catalog_versions.c - see catalog_versions.h. */
#include "catalog_versions.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file_write.h"
#include "log.h"

enum { KEYS_MAX = 256 }; /* lines kept; the oldest-numbered dropped past it */

typedef struct entry {
    char id[17];
    long long version;
} entry;

/* Reads the file's lines into entries; returns their count. */
static int read_entries(const char *path, entry *entries)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        if (errno != ENOENT)
            log_message(LOG_WARNING, "kiosk", "%s: cannot read: %s", path, strerror(errno));
        return 0;
    }
    int count = 0;
    char line[128];
    while (count < KEYS_MAX && fgets(line, sizeof line, in)) {
        entry e;
        char end;
        if (sscanf(line, "%16[0-9a-f] %lld%c", e.id, &e.version, &end) == 3 && end == '\n' &&
            strlen(e.id) == 16 && e.version >= 0)
            entries[count++] = e;
        else
            log_message(LOG_WARNING, "kiosk", "%s:%d: not \"KEYID VERSION\": ignored", path,
                        count + 1);
    }
    fclose(in);
    return count;
}

long long catalog_versions_get(const char *path, const char *key_id_hex)
{
    if (!path || !*path)
        return 0;
    entry entries[KEYS_MAX];
    int count = read_entries(path, entries);
    for (int i = 0; i < count; i++)
        if (strcmp(entries[i].id, key_id_hex) == 0)
            return entries[i].version;
    return 0;
}

static int by_version_down(const void *a, const void *b)
{
    long long x = ((const entry *)a)->version, y = ((const entry *)b)->version;
    return x < y ? 1 : x > y ? -1 : 0;
}

bool catalog_versions_put(const char *path, const char *key_id_hex, long long version)
{
    if (!path || !*path)
        return true;
    entry entries[KEYS_MAX + 1];
    int count = read_entries(path, entries), i = 0;
    while (i < count && strcmp(entries[i].id, key_id_hex) != 0)
        i++;
    if (i < count && entries[i].version >= version)
        return true;
    if (i == count)
        count++;
    snprintf(entries[i].id, sizeof entries[i].id, "%s", key_id_hex);
    entries[i].version = version;
    qsort(entries, (size_t)count, sizeof *entries, by_version_down);
    if (count > KEYS_MAX)
        count = KEYS_MAX;
    char text[KEYS_MAX * 48 + 1];
    size_t length = 0;
    for (int k = 0; k < count; k++)
        length += (size_t)snprintf(text + length, sizeof text - length, "%s %lld\n", entries[k].id,
                                   entries[k].version);
    bool ok = file_write_atomic(path, text, length, 0600);
    if (!ok)
        log_message(LOG_ERROR, "kiosk", "%s: the accepted catalogue version not recorded: %s", path,
                    strerror(errno));
    return ok;
}
