/* cache.h - the least-recently-used cache of the program, keyed by byte
 * strings and bounded in entries, in cost, or both.
 *
 * The text engine keeps two bounded in entries: shaped paragraphs (the
 * costly part, reused when only the width changes, as Skia's
 * ParagraphCache does) and finished layouts (an unchanged paragraph laid
 * out again is a hash look-up).  The text renderer (text_render.c) keeps
 * its retained lines in one bounded in bytes of pixels.  Values are
 * opaque; the cache calls `release` on a value it drops, so what a value
 * holds (an SDL texture, a layout's reference) is the owner's business and
 * this file needs no SDL. */
#ifndef SPORTELLO_TEXT_CACHE_H
#define SPORTELLO_TEXT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lru_cache lru_cache;

/* No bound: the count or the cost is not limited. */
#define LRU_UNBOUNDED SIZE_MAX

/* At most `capacity` entries, of any cost (lru_cache_set_cost_limit adds a
 * bound on cost).  Returns NULL when out of memory.  `capacity` 0 keeps
 * nothing. */
lru_cache *lru_cache_create(size_t capacity, void (*release)(void *value));
/* Releases every value still held. */
void lru_cache_destroy(lru_cache *cache);

/* The value stored under the key, now the most recently used, or NULL. */
void *lru_cache_get(lru_cache *cache, const void *key, size_t key_length);

/* Stores `value` under the key, a key not in the cache (the cache copies
 * the key and takes the value), counting `cost` against the cost limit;
 * the least recently used entries are dropped first until it fits.
 * Returns false (and takes nothing, drops nothing) when a bound is 0, when
 * `cost` is above the entry limit or memory ran out; the caller then keeps
 * ownership of value. */
bool lru_cache_put(lru_cache *cache, const void *key, size_t key_length, void *value, size_t cost);

void lru_cache_clear(lru_cache *cache);
/* Both drop the least recently used entries beyond the new bound at once. */
void lru_cache_set_capacity(lru_cache *cache, size_t capacity);
/* At most `total` cost held, and no entry costing more than `entry`: one
 * entry near the total would push out all the others for itself.  Both
 * LRU_UNBOUNDED when never set. */
void lru_cache_set_cost_limit(lru_cache *cache, size_t total, size_t entry);

size_t lru_cache_count(const lru_cache *cache);
/* The sum of the costs of the entries held. */
size_t lru_cache_cost(const lru_cache *cache);

#endif
