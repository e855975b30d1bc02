/* health.h - how the kiosk itself is doing, for the operator's screen: how
 * many times it started again since the computer did (after a crash, or a
 * hang the watchdog ended, systemd's Restart=always brings it back: dist/).
 * Nothing about a person.
 *
 * The starts are counted in a small file in the state folder, beside the
 * counters: one line "BOOT_ID STARTS", the kernel's boot id (a new one at
 * every boot) and how many times the kiosk started under it, written
 * beside and renamed (file_write.h). */
#ifndef SPORTELLO_HEALTH_H
#define SPORTELLO_HEALTH_H

#include <stdbool.h>

/* Where Linux gives this boot's id. */
#define HEALTH_BOOT_ID_PATH "/proc/sys/kernel/random/boot_id"
/* A boot id: 36 characters (a UUID), and the NUL. */
#define HEALTH_BOOT_ID_SIZE 37

/* This boot's id, read from `path` (HEALTH_BOOT_ID_PATH; tests give
 * another file): false when it cannot be read or is not a UUID's 36
 * characters of hexadecimal digits and dashes (one line end allowed). */
bool health_boot_id(const char *path, char out[HEALTH_BOOT_ID_SIZE]);

/* Counts one more start under `boot_id` in the file `path` and returns the
 * restarts since boot: how many starts there were before this one under
 * the same boot id.  Under a new boot id, with no file, or with a file that
 * is not one "BOOT_ID STARTS" line (logged), counting starts again: 0.
 * A file that cannot be written is logged, and the number is returned all
 * the same.  -1 when `path` or `boot_id` is NULL or not valid (unknown). */
long health_count_start(const char *path, const char *boot_id);

#endif
