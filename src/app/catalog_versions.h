/* catalog_versions.h - the highest catalogue version the kiosk accepted
 * from each signing key, remembered in its state folder (next to the
 * counters), so that an older catalogue is refused even after a restart
 * (rollback).  A small text file, one "KEYID VERSION" line per key (the
 * key id as 16 hex digits, the version in seconds), written beside and
 * renamed. */
#ifndef SPORTELLO_CATALOG_VERSIONS_H
#define SPORTELLO_CATALOG_VERSIONS_H

#include <stdbool.h>

/* The highest version recorded for the key (0: none, no file, or a file
 * that cannot be read, which is logged). */
long long catalog_versions_get(const char *path, const char *key_id_hex);

/* Records `version` for the key when it is higher than the one recorded;
 * false (logged) when the file cannot be written. */
bool catalog_versions_put(const char *path, const char *key_id_hex, long long version);

#endif
