/* health.c - see health.h. */
#include "health.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_read.h"
#include "file_write.h"
#include "log.h"

enum { BOOT_ID_LENGTH = HEALTH_BOOT_ID_SIZE - 1, STARTS_MAX = 1000000000 };

static bool is_boot_id(const char *text, size_t length)
{
    if (length != BOOT_ID_LENGTH)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool health_boot_id(const char *path, char out[HEALTH_BOOT_ID_SIZE])
{
    out[0] = '\0';
    size_t length = 0;
    char *text = path ? file_read_all(path, &length) : NULL;
    if (!text)
        return false;
    if (length > 0 && text[length - 1] == '\n')
        length--;
    bool ok = is_boot_id(text, length);
    if (ok) {
        memcpy(out, text, BOOT_ID_LENGTH);
        out[BOOT_ID_LENGTH] = '\0';
    }
    free(text);
    return ok;
}

/* The starts recorded under `boot_id` (0: another boot, no file, or a file
 * that is not ours, logged). */
static long starts_recorded(const char *path, const char *boot_id)
{
    size_t length = 0;
    char *text = file_read_all(path, &length);
    if (!text) {
        if (errno != ENOENT)
            log_message(LOG_WARNING, "health", "%s: cannot read: %s: counting starts again", path,
                        strerror(errno));
        return 0;
    }
    /* "BOOT_ID STARTS\n", and nothing else. */
    long starts = -1;
    if (length > BOOT_ID_LENGTH + 2 && length < BOOT_ID_LENGTH + 16 && strlen(text) == length &&
        is_boot_id(text, BOOT_ID_LENGTH) && text[BOOT_ID_LENGTH] == ' ' &&
        text[length - 1] == '\n') {
        char *end = NULL;
        const char *number = text + BOOT_ID_LENGTH + 1;
        errno = 0;
        long value = number[0] >= '1' && number[0] <= '9' ? strtol(number, &end, 10) : -1;
        if (errno == 0 && end == text + length - 1 && value >= 1 && value <= STARTS_MAX)
            starts = value;
    }
    if (starts < 0) {
        log_message(LOG_WARNING, "health",
                    "%s: not one \"BOOT_ID STARTS\" line: counting starts again", path);
        starts = 0;
    } else if (strncmp(text, boot_id, BOOT_ID_LENGTH) != 0)
        starts = 0; /* the computer started again since */
    free(text);
    return starts;
}

long health_count_start(const char *path, const char *boot_id)
{
    if (!path || !*path || !boot_id || !is_boot_id(boot_id, strlen(boot_id)))
        return -1;
    long before = starts_recorded(path, boot_id);
    long starts = before < STARTS_MAX ? before + 1 : STARTS_MAX;
    char line[64];
    int length = snprintf(line, sizeof line, "%s %ld\n", boot_id, starts);
    if (!file_write_atomic(path, line, (size_t)length, 0644))
        log_message(LOG_WARNING, "health", "%s: this start is not recorded: %s", path,
                    strerror(errno));
    return before;
}
