/* cache.h - a small least-recently-used cache keyed by byte strings.
 *
 * The text engine keeps two: shaped paragraphs (the costly part, reused when
 * only the width changes, as Skia's ParagraphCache does) and finished
 * layouts (an unchanged paragraph laid out again is a hash look-up).  Values
 * are opaque; the cache calls `release` on a value it drops. */
#ifndef SPORTELLO_TEXT_CACHE_H
#define SPORTELLO_TEXT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lru_cache lru_cache;

/* Returns NULL when out of memory.  `capacity` 0 keeps nothing. */
lru_cache *lru_cache_create(size_t capacity, void (*release)(void *value));
/* Releases every value still held. */
void lru_cache_destroy(lru_cache *cache);

/* The value stored under the key, now the most recently used, or NULL. */
void *lru_cache_get(lru_cache *cache, const void *key, size_t key_length);

/* Stores `value` under the key (the cache copies the key and takes the
 * value), dropping the least recently used entries beyond the capacity.
 * Returns false (and takes nothing) when the capacity is 0 or memory ran
 * out; the caller then keeps ownership of value. */
bool lru_cache_put(lru_cache *cache, const void *key, size_t key_length, void *value);

void lru_cache_clear(lru_cache *cache);
void lru_cache_set_capacity(lru_cache *cache, size_t capacity);
size_t lru_cache_count(const lru_cache *cache);

#endif
