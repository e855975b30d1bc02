/* pin.h - the operator PIN: 4 to 12 digits, kept only as a salted crypt(3)
 * hash (yescrypt), and a guard that slows down guessing on the PIN pad. */
#ifndef SPORTELLO_PIN_H
#define SPORTELLO_PIN_H

#include <stdbool.h>
#include <stddef.h>

/* Makes a salted hash with crypt_gensalt_rn("$y$", ...) (yescrypt; fall back
 * to "$6$" if the library refuses) and crypt_r, into `hash` (`size` bytes;
 * 128 is enough).  False (logged) on a PIN that is not 4-12 digits, a buffer
 * too small or another failure. */
bool pin_hash(const char *pin, char *hash, size_t size);

/* True when `pin` matches `hash` (crypt_r with the hash as setting,
 * constant-time comparison of the result). Empty or malformed hash, or a
 * hash of an obsolete method (DES, MD5): false. */
bool pin_verify(const char *pin, const char *hash);

/* Attempt limiting for the PIN pad: after 3 wrong PINs in a row, each
 * further attempt must wait: 30 s, then doubling, at most 15 minutes; a right
 * PIN resets. Time is passed in (seconds, monotonic) so tests need no
 * sleeping. */
typedef struct pin_guard {
    int failures;
    double locked_until;
} pin_guard;

void pin_guard_init(pin_guard *g);

/* Seconds still to wait, 0 when an attempt is allowed. */
double pin_guard_wait(const pin_guard *g, double now);

/* Checks `pin` if allowed: returns 1 right, 0 wrong, -1 refused (still
 * locked, PIN not even checked). Updates the guard. */
int pin_guard_try(pin_guard *g, const char *pin, const char *hash, double now);

#endif
