/* updates.c - see updates.h. */
#define _GNU_SOURCE /* pipe2, mkostemp */
#include "updates.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/inotify.h>

#include <SDL.h>

#include "file_write.h"
#include "log.h"

enum {
    SEEN_MAX = 64,              /* files remembered per run; the oldest forgotten */
    UPDATE_MAX_BYTES = 1 << 30, /* signed.c's limit for a catalogue */
    COPY_CHUNK = 1 << 16,
    REFUSAL_FILE_MAX = 8192,
    KNOWN_MAX = 16, /* refused files remembered across restarts */
};

/* A file refused: not verified again while it stays as it is. */
typedef struct known_refusal {
    char file[128]; /* printable() of its name */
    long long size, mtime;
} known_refusal;

typedef struct seen_file {
    char name[256];
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
} seen_file;

struct updates {
    char folder[1024], state_dir[1024], catalog[1100], refusal_path[1100];
    int inotify;        /* -1: none */
    int watch;          /* -1: the folder is not watched */
    int stop[2];        /* a byte written to stop[1] ends the thread */
    SDL_Thread *thread; /* waits on the inotify descriptor */
    SDL_atomic_t wanted;
    bool missing_logged;
    DIR *listing; /* updates_next's scan in progress */
    seen_file seen[SEEN_MAX];
    size_t seen_count, seen_next;
    update_refusal refusal;
    known_refusal known[KNOWN_MAX]; /* oldest first */
    size_t known_count;
};

static bool known_refused(const updates *u, const char *name, const struct stat *st);
static bool read_refusals(const char *path, update_refusal *out, known_refusal *known,
                          size_t *known_count);

uint32_t updates_event_type(void)
{
    static Uint32 type;
    if (!type) {
        Uint32 t = SDL_RegisterEvents(1);
        type = t == (Uint32)-1 ? 0 : t;
    }
    return type;
}

/* A name a catalogue may arrive under; everything else is another tool's
 * temporary file or not a catalogue. */
static bool candidate_name(const char *name)
{
    size_t length = strlen(name);
    static const char suffix[] = ".sqlite";
    return length > sizeof suffix - 1 && length < 256 && name[0] != '.' && name[0] != '~' &&
           strcmp(name + length - (sizeof suffix - 1), suffix) == 0;
}

static void wake(updates *u)
{
    SDL_AtomicSet(&u->wanted, 1);
    Uint32 type = updates_event_type();
    if (type) {
        SDL_Event e = {0};
        e.type = type;
        SDL_PushEvent(
            &e); /* fails only when SDL's queue is off or full: tick still sees `wanted` */
    }
}

/* The thread: sleeps in poll() until the folder changes, then wakes the
 * main loop.  It never touches the kiosk. */
static int watch_thread(void *data)
{
    updates *u = data;
    char buffer[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        struct pollfd fds[2] = {{.fd = u->inotify, .events = POLLIN},
                                {.fd = u->stop[0], .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            log_message(LOG_ERROR, "updates", "cannot wait for the update folder: %s",
                        strerror(errno));
            return 1;
        }
        if (fds[1].revents)
            return 0;
        if (!(fds[0].revents & POLLIN))
            continue;
        ssize_t n = read(u->inotify, buffer, sizeof buffer);
        if (n <= 0)
            continue;
        bool relevant = false;
        for (char *p = buffer; p < buffer + n;) {
            const struct inotify_event *e = (const struct inotify_event *)p;
            if (e->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF))
                relevant = true; /* a scan finds what was missed; a lost watch is set again */
            else if (e->len && candidate_name(e->name))
                relevant = true;
            p += sizeof *e + e->len;
        }
        if (relevant)
            wake(u);
    }
}

static void set_watch(updates *u)
{
    if (u->inotify < 0)
        return;
    u->watch = inotify_add_watch(u->inotify, u->folder,
                                 IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_ONLYDIR);
    if (u->watch < 0) {
        if (!u->missing_logged)
            log_message(errno == ENOENT ? LOG_INFO : LOG_WARNING, "updates",
                        "%s: cannot watch the update folder (%s): no updates until it exists",
                        u->folder, strerror(errno));
        u->missing_logged = true;
        return;
    }
    if (u->missing_logged)
        log_message(LOG_INFO, "updates", "%s: watched", u->folder);
    u->missing_logged = false;
    SDL_AtomicSet(&u->wanted, 1); /* what arrived before the watch */
}

updates *updates_open(const char *folder, const char *state_dir)
{
    if (!folder || !*folder || !state_dir || !*state_dir)
        return NULL;
    updates *u = calloc(1, sizeof *u);
    if (!u) {
        log_message(LOG_ERROR, "updates", "out of memory");
        return NULL;
    }
    snprintf(u->folder, sizeof u->folder, "%s", folder);
    snprintf(u->state_dir, sizeof u->state_dir, "%s", state_dir);
    snprintf(u->catalog, sizeof u->catalog, "%s/%s", state_dir, UPDATES_CATALOG_NAME);
    snprintf(u->refusal_path, sizeof u->refusal_path, "%s/%s", state_dir, UPDATES_REFUSED_NAME);
    u->stop[0] = u->stop[1] = -1;
    u->watch = -1;
    read_refusals(u->refusal_path, &u->refusal, u->known, &u->known_count);
    u->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (u->inotify < 0 || pipe2(u->stop, O_CLOEXEC) != 0) {
        log_message(LOG_ERROR, "updates", "%s: cannot watch: %s", folder, strerror(errno));
    } else {
        u->thread = SDL_CreateThread(watch_thread, "updates", u);
        if (!u->thread)
            log_message(LOG_ERROR, "updates", "no thread to watch %s: %s", folder, SDL_GetError());
    }
    set_watch(u);
    SDL_AtomicSet(&u->wanted, 1); /* what arrived while the kiosk was not running */
    return u;
}

void updates_close(updates *u)
{
    if (!u)
        return;
    if (u->thread) {
        char byte = 0;
        if (write(u->stop[1], &byte, 1) != 1)
            log_message(LOG_WARNING, "updates", "cannot stop the watching thread");
        SDL_WaitThread(u->thread, NULL);
    }
    if (u->listing)
        closedir(u->listing);
    if (u->inotify >= 0)
        close(u->inotify);
    for (int i = 0; i < 2; i++)
        if (u->stop[i] >= 0)
            close(u->stop[i]);
    free(u);
}

bool updates_wanted(updates *u)
{
    return u && SDL_AtomicSet(&u->wanted, 0) != 0;
}

void updates_rewatch(updates *u)
{
    if (!u)
        return;
    struct stat st;
    if (u->watch >= 0 && stat(u->folder, &st) == 0)
        return;
    if (u->watch >= 0)
        inotify_rm_watch(u->inotify, u->watch); /* EINVAL when already gone */
    u->watch = -1;
    set_watch(u);
}

const char *updates_catalog_path(const updates *u)
{
    return u->catalog;
}

/* ---- which files --------------------------------------------------------- */

static bool same_time(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* True when `name` was looked at as it is now; else remembers it. */
static bool seen_before(updates *u, const char *name, const struct stat *st)
{
    seen_file *s = NULL;
    for (size_t i = 0; i < u->seen_count && !s; i++)
        if (strcmp(u->seen[i].name, name) == 0)
            s = &u->seen[i];
    if (s && s->dev == st->st_dev && s->ino == st->st_ino && s->size == st->st_size &&
        same_time(s->mtime, st->st_mtim) && same_time(s->ctime, st->st_ctim))
        return true;
    if (!s) {
        s = &u->seen[u->seen_count < SEEN_MAX ? u->seen_count++ : u->seen_next];
        if (u->seen_count == SEEN_MAX)
            u->seen_next = (u->seen_next + 1) % SEEN_MAX;
    }
    snprintf(s->name, sizeof s->name, "%s", name);
    s->dev = st->st_dev, s->ino = st->st_ino, s->size = st->st_size;
    s->mtime = st->st_mtim, s->ctime = st->st_ctim;
    return false;
}

void updates_forget(updates *u, const char *name)
{
    for (size_t i = 0; i < u->seen_count; i++)
        if (strcmp(u->seen[i].name, name) == 0)
            u->seen[i].name[0] = '\0';
}

bool updates_next(updates *u, char *path, size_t path_size, char *name, size_t name_size,
                  struct stat *st)
{
    if (!u)
        return false;
    if (!u->listing) {
        u->listing = opendir(u->folder);
        if (!u->listing)
            return false; /* missing: said once by set_watch */
    }
    struct dirent *entry;
    while ((entry = readdir(u->listing))) {
        if (!candidate_name(entry->d_name))
            continue;
        if (fstatat(dirfd(u->listing), entry->d_name, st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st->st_mode) || st->st_size <= 0 || st->st_size > UPDATE_MAX_BYTES)
            continue;
        if (seen_before(u, entry->d_name, st) || known_refused(u, entry->d_name, st))
            continue;
        snprintf(path, path_size, "%s/%s", u->folder, entry->d_name);
        snprintf(name, name_size, "%s", entry->d_name);
        return true;
    }
    closedir(u->listing);
    u->listing = NULL;
    return false;
}

/* ---- into the state folder ------------------------------------------------ */

static void sync_state_dir(const updates *u)
{
    int fd = open(u->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        log_message(LOG_WARNING, "updates", "%s: cannot sync the folder: %s", u->state_dir,
                    strerror(errno));
    if (fd >= 0)
        close(fd);
}

bool updates_copy_in(updates *u, const char *from, const struct stat *st, char *temporary,
                     size_t size, char *why, size_t why_size)
{
    snprintf(temporary, size, "%s/.update-XXXXXX", u->state_dir);
    /* Not blocking, not through a link: between the listing and here the
     * name may have been given to a FIFO, a device or a link. */
    int in = open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat opened;
    if (in < 0 || fstat(in, &opened) != 0 || !S_ISREG(opened.st_mode)) {
        snprintf(why, why_size, "%s: cannot read: %s", from,
                 in < 0 ? strerror(errno) : "not a regular file");
        if (in >= 0)
            close(in);
        return false;
    }
    int out = mkostemp(temporary, O_CLOEXEC);
    if (out < 0) {
        snprintf(why, why_size, "%s: cannot make a file in the state folder: %s", u->state_dir,
                 strerror(errno));
        close(in);
        return false;
    }
    char *buffer = malloc(COPY_CHUNK);
    long long copied = 0;
    bool ok = buffer != NULL;
    const char *failed = ok ? NULL : "out of memory";
    int error = 0;
    while (ok) {
        ssize_t n = read(in, buffer, COPY_CHUNK);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ok = false, failed = "read", error = errno;
            break;
        }
        copied += n;
        if (copied > UPDATE_MAX_BYTES) {
            ok = false, failed = "larger than 1 GiB";
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t w = write(out, buffer + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                ok = false, failed = "write", error = errno;
            else
                done += w;
        }
    }
    free(buffer);
    if (ok && fsync(out) != 0)
        ok = false, failed = "fsync", error = errno;
    if (close(out) != 0 && ok)
        ok = false, failed = "close", error = errno;
    close(in);
    if (ok && copied != (long long)st->st_size) {
        ok = false, failed = "it changed while it was copied";
        error = 0;
    }
    if (!ok) {
        snprintf(why, why_size, "%s: not copied (%s%s%s)", from, failed, error ? ": " : "",
                 error ? strerror(error) : "");
        unlink(temporary);
        temporary[0] = '\0';
        return false;
    }
    return true;
}

bool updates_install(updates *u, const char *temporary)
{
    if (rename(temporary, u->catalog) != 0) {
        log_message(LOG_ERROR, "updates", "%s: cannot put the new catalogue in place: %s",
                    u->catalog, strerror(errno));
        unlink(temporary);
        return false;
    }
    sync_state_dir(u);
    return true;
}

/* ---- the last refusal ------------------------------------------------------- */

/* Printable ASCII only: a file's name comes from anyone who can write to
 * the folder, and it is shown on the operator's screen and written one
 * per line. */
static void printable(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 1 < size; p++)
        out[n++] = *p >= 0x20 && *p < 0x7f ? (char)*p : '?';
    out[n] = '\0';
}

static bool read_refusals(const char *path, update_refusal *out, known_refusal *known,
                          size_t *known_count)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno != ENOENT)
            log_message(LOG_WARNING, "updates", "%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    char text[REFUSAL_FILE_MAX + 1];
    size_t n = fread(text, 1, REFUSAL_FILE_MAX, f);
    fclose(f);
    text[n] = '\0';
    update_refusal r = {0};
    bool ok = true;
    char *state = NULL;
    for (char *line = strtok_r(text, "\n", &state); line && ok;
         line = strtok_r(NULL, "\n", &state)) {
        char *space = strchr(line, ' ');
        if (!space) {
            ok = false;
            break;
        }
        *space = '\0';
        const char *value = space + 1;
        if (strcmp(line, "when") == 0)
            ok = sscanf(value, "%lld", &r.when) == 1 && r.when > 0;
        else if (strcmp(line, "file") == 0)
            printable(r.file, sizeof r.file, value);
        else if (strcmp(line, "identity") == 0)
            ok = sscanf(value, "%lld %lld", &r.size, &r.mtime) == 2;
        else if (strcmp(line, "why") == 0)
            printable(r.why, sizeof r.why, value);
        else if (strcmp(line, "refused") == 0 && known && *known_count < KNOWN_MAX) {
            known_refusal *k = &known[*known_count];
            int at = 0;
            if (sscanf(value, "%lld %lld %n", &k->size, &k->mtime, &at) == 2 && value[at]) {
                printable(k->file, sizeof k->file, value + at);
                ++*known_count;
            }
        }
    }
    if (!ok || !r.when || !r.file[0] || !r.why[0]) {
        log_message(LOG_WARNING, "updates", "%s: not a record of a refused update: ignored", path);
        return false;
    }
    *out = r;
    return true;
}

bool updates_read_refusal(const char *path, update_refusal *out)
{
    return read_refusals(path, out, NULL, NULL);
}

/* True when `name` as it is now was refused before (this run or an
 * earlier one). */
static bool known_refused(const updates *u, const char *name, const struct stat *st)
{
    char file[128];
    printable(file, sizeof file, name);
    long long mtime = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
    for (size_t i = 0; i < u->known_count; i++)
        if (strcmp(u->known[i].file, file) == 0 && u->known[i].size == (long long)st->st_size &&
            u->known[i].mtime == mtime)
            return true;
    return false;
}

void updates_refuse(updates *u, const char *name, const struct stat *st, const char *why,
                    long long now)
{
    update_refusal r = {.when = now,
                        .size = (long long)st->st_size,
                        .mtime =
                            (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec};
    printable(r.file, sizeof r.file, name);
    printable(r.why, sizeof r.why, why);
    u->refusal = r;
    if (!known_refused(u, name, st)) {
        if (u->known_count == KNOWN_MAX)
            memmove(u->known, u->known + 1, (KNOWN_MAX - 1) * sizeof *u->known);
        else
            u->known_count++;
        known_refusal *k = &u->known[u->known_count - 1];
        snprintf(k->file, sizeof k->file, "%s", r.file);
        k->size = r.size, k->mtime = r.mtime;
    }
    char text[1024 + KNOWN_MAX * 200];
    int length = snprintf(text, sizeof text, "when %lld\nfile %s\nidentity %lld %lld\nwhy %s\n",
                          r.when, r.file, r.size, r.mtime, r.why);
    for (size_t i = 0; length > 0 && (size_t)length < sizeof text && i < u->known_count; i++)
        length += snprintf(text + length, sizeof text - (size_t)length, "refused %lld %lld %s\n",
                           u->known[i].size, u->known[i].mtime, u->known[i].file);
    if (length < 0 || (size_t)length >= sizeof text ||
        !file_write_atomic(u->refusal_path, text, (size_t)length, 0600))
        log_message(LOG_ERROR, "updates", "%s: the refused update not recorded: %s",
                    u->refusal_path,
                    length < 0 || (size_t)length >= sizeof text ? "too long" : strerror(errno));
}

const update_refusal *updates_last_refusal(const updates *u)
{
    return u ? &u->refusal : NULL;
}
