/* updates.h - catalogue updates from a folder (docs/kiosk.md, "Updates").
 *
 * The site configuration names an update folder (`update_folder`).  Any
 * tool may fill it - a USB stick's script, rsync over SSH, Syncthing - as
 * long as a catalogue appears under its final name complete, which is
 * what each of them does (a temporary name, then rename).  This module
 * watches the folder with inotify on a thread of its own that only wakes
 * the main loop (an SDL user event: the loop sleeps at rest), lists the
 * files worth looking at, copies one into the kiosk's state folder and
 * puts it in place with one rename, and remembers the last refused
 * update.  Whether a file is trusted is the kiosk's (kiosk.c: the same
 * verification as every catalogue it loads).
 *
 * The kiosk never writes, renames or deletes in the update folder: it may
 * be read-only to the kiosk and shared with other kiosks (Syncthing would
 * carry a deletion to all of them). */
#ifndef SPORTELLO_UPDATES_H
#define SPORTELLO_UPDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/stat.h>

/* The catalogue accepted from the update folder, in the state folder. */
#define UPDATES_CATALOG_NAME "catalog.sqlite"
/* The last refused update, in the state folder. */
#define UPDATES_REFUSED_NAME "update-refused"

/* The last update refused and why, kept in the state folder across
 * restarts. */
typedef struct update_refusal {
    long long when;  /* time_t; 0: none refused */
    char file[128];  /* its name in the update folder, printable ASCII only */
    char why[400];   /* one sentence, English, for the technician */
    long long size;  /* the file refused */
    long long mtime; /* nanoseconds */
} update_refusal;

typedef struct updates updates;

/* Watches `folder` (an absolute path) for catalogues; `state_dir` is the
 * kiosk's state folder.  NULL (logged) only when out of memory or the
 * state folder is not given; a folder that does not exist (yet) is logged
 * once and watched as soon as updates_rewatch finds it. */
updates *updates_open(const char *folder, const char *state_dir);
void updates_close(updates *u);

/* The SDL event type the watching thread pushes to wake the main loop
 * (registered once; 0 when SDL has none left). */
uint32_t updates_event_type(void);

/* True, once, after something may have arrived (an inotify event, the
 * start, the folder watched again): the caller then calls updates_next
 * until it returns false. */
bool updates_wanted(updates *u);

/* Watches the folder again when its watch was lost or never set (it was
 * missing, deleted or moved); cheap when it is watched. */
void updates_rewatch(updates *u);

/* The next file of the folder worth looking at: a regular file (not a
 * link) named *.sqlite, not hidden (no leading '.' or '~': rsync's,
 * Syncthing's and the USB script's temporary files), not *.part or *.tmp,
 * at most 1 GiB, not looked at before in this run as it is now (same
 * inode, size and times) and not refused before as it is now.  Its path into `path` and its name
 * into `name`. False when there is none left. */
bool updates_next(updates *u, char *path, size_t path_size, char *name, size_t name_size,
                  struct stat *st);

/* Forgets that `name` was looked at (a copy that failed is tried again at
 * the next event). */
void updates_forget(updates *u, const char *name);

/* Copies the file at `from` into a new file of the state folder (written,
 * fsynced); its path into `temporary`.  False with why (the file vanished
 * or could not be read whole: a stick pulled out) - not a refusal of the
 * catalogue: it is looked at again when it changes. */
bool updates_copy_in(updates *u, const char *from, const struct stat *st, char *temporary,
                     size_t size, char *why, size_t why_size);

/* Puts the verified copy in place as the state folder's catalogue (one
 * rename, the folder synced).  False (logged, the copy removed) on
 * failure. */
bool updates_install(updates *u, const char *temporary);

/* The state folder's catalogue (whether or not it exists). */
const char *updates_catalog_path(const updates *u);

/* Records a refused update (logged by the caller) as the last one, and
 * the file as it is (name, size, time; the last 16 kept): updates_next
 * passes over it, in this run and the next ones, until it changes. */
void updates_refuse(updates *u, const char *name, const struct stat *st, const char *why,
                    long long now);
/* The last refusal (when 0: none). */
const update_refusal *updates_last_refusal(const updates *u);

/* Reads a refusal file (tests; updates_open reads the state folder's). */
bool updates_read_refusal(const char *path, update_refusal *out);

#endif
