/* pin.c - see pin.h.
 *
 * The PIN is short (10^4..10^12 values), so the hash alone does not protect
 * it against someone who copies the configuration file; yescrypt makes each
 * guess expensive and the salt makes each kiosk's hash different.  On the
 * PIN pad itself the guard's back-off is what limits guessing. */
#include "pin.h"

#include <crypt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

enum {
    PIN_MIN_DIGITS = 4,
    PIN_MAX_DIGITS = 12,
    FREE_FAILURES = 3,   /* wrong PINs allowed before waiting */
    FAILURES_CAP = 1000, /* the count stops here (the delay is capped long before) */
};

static const double FIRST_DELAY_S = 30;
static const double MAX_DELAY_S = 15 * 60;

static bool pin_is_well_formed(const char *pin)
{
    if (!pin)
        return false;
    size_t length = 0;
    for (const char *p = pin; *p; p++, length++)
        if (*p < '0' || *p > '9' || length >= PIN_MAX_DIGITS)
            return false;
    return length >= PIN_MIN_DIGITS;
}

/* crypt_data holds the PIN in clear; a volatile store is not optimised away
 * the way a memset before free() may be. */
static void wipe(void *memory, size_t size)
{
    volatile unsigned char *p = memory;
    while (size--)
        *p++ = 0;
}

/* crypt_r into a fresh struct crypt_data (30 KB: on the heap, not the UI
 * thread's stack).  Copies the result to `out`; false on failure ("*0" or
 * NULL from libxcrypt) or when it does not fit. */
static bool hash_with_setting(const char *pin, const char *setting, char *out, size_t out_size)
{
    struct crypt_data *data = calloc(1, sizeof *data);
    if (!data) {
        log_message(LOG_ERROR, "pin", "out of memory");
        return false;
    }
    const char *result = crypt_r(pin, setting, data);
    bool ok = result && result[0] != '*' && strlen(result) < out_size;
    if (ok)
        memcpy(out, result, strlen(result) + 1);
    wipe(data, sizeof *data);
    free(data);
    return ok;
}

bool pin_hash(const char *pin, char *hash, size_t size)
{
    if (!hash || size == 0) {
        log_message(LOG_ERROR, "pin", "no room for the PIN hash");
        return false;
    }
    hash[0] = '\0';
    if (!pin_is_well_formed(pin)) {
        log_message(LOG_WARNING, "pin", "a PIN is 4 to 12 digits");
        return false;
    }
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    /* count 0: the library's default cost; rbytes NULL: it reads the
     * operating system's random source itself. */
    const char *prefix = "$y$";
    if (!crypt_gensalt_rn(prefix, 0, NULL, 0, setting, sizeof setting)) {
        prefix = "$6$";
        if (!crypt_gensalt_rn(prefix, 0, NULL, 0, setting, sizeof setting)) {
            log_message(LOG_ERROR, "pin", "libcrypt makes neither a yescrypt nor a SHA-512 salt");
            return false;
        }
        log_message(LOG_WARNING, "pin", "libcrypt refuses yescrypt: using SHA-512 crypt");
    }
    char result[CRYPT_OUTPUT_SIZE];
    if (!hash_with_setting(pin, setting, result, sizeof result)) {
        log_message(LOG_ERROR, "pin", "crypt_r failed with the setting %s", prefix);
        return false;
    }
    if (strlen(result) >= size) {
        log_message(LOG_ERROR, "pin", "the PIN hash needs %zu bytes, %zu given", strlen(result) + 1,
                    size);
        return false;
    }
    memcpy(hash, result, strlen(result) + 1);
    wipe(result, sizeof result);
    return true;
}

/* Compares every byte of `b` whatever the first difference, so the time
 * does not tell how much of a guess was right. */
static bool equal_in_constant_time(const char *a, const char *b)
{
    size_t length_a = strlen(a), length_b = strlen(b);
    unsigned char difference = length_a != length_b;
    for (size_t i = 0; i < length_b; i++)
        difference |= (unsigned char)(b[i] ^ (i < length_a ? a[i] : 0));
    return difference == 0;
}

bool pin_verify(const char *pin, const char *hash)
{
    if (!hash || !*hash)
        return false;
    int salt = crypt_checksalt(hash);
    if (salt != CRYPT_SALT_OK) {
        log_message(LOG_WARNING, "pin", "the operator PIN hash is %s",
                    salt == CRYPT_SALT_METHOD_LEGACY ? "of an obsolete method" : "malformed");
        return false;
    }
    if (!pin_is_well_formed(pin))
        return false;
    char result[CRYPT_OUTPUT_SIZE];
    if (!hash_with_setting(pin, hash, result, sizeof result)) {
        log_message(LOG_WARNING, "pin", "the operator PIN hash is malformed");
        return false;
    }
    bool right = equal_in_constant_time(result, hash);
    wipe(result, sizeof result);
    return right;
}

void pin_guard_init(pin_guard *g)
{
    if (g) {
        g->failures = 0;
        g->locked_until = 0;
    }
}

double pin_guard_wait(const pin_guard *g, double now)
{
    if (!g || !isfinite(now))
        return MAX_DELAY_S;
    double remaining = g->locked_until - now;
    return remaining > 0 ? remaining : 0;
}

/* 30 s after the third failure in a row, doubling with each one after,
 * at most MAX_DELAY_S. */
static double delay_after(int failures)
{
    if (failures < FREE_FAILURES)
        return 0;
    double delay = FIRST_DELAY_S;
    for (int i = FREE_FAILURES; i < failures && delay < MAX_DELAY_S; i++)
        delay *= 2;
    return delay < MAX_DELAY_S ? delay : MAX_DELAY_S;
}

int pin_guard_try(pin_guard *g, const char *pin, const char *hash, double now)
{
    if (!g || !isfinite(now)) {
        log_message(LOG_ERROR, "pin", "PIN attempt without a guard or a time: refused");
        return -1;
    }
    if (pin_guard_wait(g, now) > 0)
        return -1;
    if (pin_verify(pin, hash)) {
        pin_guard_init(g);
        return 1;
    }
    if (g->failures < FAILURES_CAP)
        g->failures++;
    g->locked_until = now + delay_after(g->failures);
    log_message(LOG_INFO, "pin", "wrong operator PIN (%d in a row)", g->failures);
    return 0;
}
