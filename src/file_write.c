/* file_write.c - see file_write.h. */
#include "file_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool file_write_atomic(const char *path, const void *data, size_t length)
{
    if (!path || !*path) {
        errno = EINVAL;
        return false;
    }
    size_t size = strlen(path) + sizeof ".new-XXXXXX";
    char *temporary = malloc(size);
    if (!temporary) {
        errno = ENOMEM;
        return false;
    }
    snprintf(temporary, size, "%s.new-XXXXXX", path);
    int fd = mkstemp(temporary); /* same directory, so rename() is atomic */
    if (fd < 0) {
        free(temporary);
        return false;
    }
    bool ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < length;) {
        ssize_t wrote = write(fd, (const char *)data + done, length - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        ok = wrote > 0;
        if (wrote == 0)
            errno = EIO;
        done += ok ? (size_t)wrote : 0;
    }
    ok = ok && fsync(fd) == 0;
    int error = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && rename(temporary, path) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok)
        unlink(temporary);
    free(temporary);
    errno = error;
    return ok;
}
