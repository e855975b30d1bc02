/* file_write.c - see file_write.h. */
#include "file_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder of `path` made durable after a rename in it (a power cut
 * right after would otherwise find the old name); best effort. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char folder[4096];
    if (!slash)
        snprintf(folder, sizeof folder, ".");
    else if (slash == path)
        snprintf(folder, sizeof folder, "/");
    else if ((size_t)(slash - path) < sizeof folder)
        snprintf(folder, sizeof folder, "%.*s", (int)(slash - path), path);
    else
        return;
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

bool file_write_atomic(const char *path, const void *data, size_t length, mode_t mode)
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
    bool ok = fchmod(fd, mode) == 0;
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
    if (ok)
        sync_folder(path);
    errno = error;
    return ok;
}
