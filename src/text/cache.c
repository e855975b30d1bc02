/* cache.c - see cache.h.  Chained hash table plus a doubly linked list in
 * use order; the table doubles when it holds more entries than buckets.
 * Room is made before an entry is linked, so a new entry is never the one
 * dropped and the total cost never passes its bound (nor overflows). */
#include "cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    struct entry *next_in_bucket;
    struct entry *newer, *older;
    uint64_t hash;
    size_t key_length;
    size_t cost;
    void *value;
    unsigned char key[]; /* key_length bytes */
} entry;

struct lru_cache {
    entry **buckets;
    size_t bucket_count; /* a power of two */
    size_t count, capacity;
    size_t cost, cost_limit, entry_cost_limit;
    entry *newest, *oldest;
    void (*release)(void *value);
};

/* FNV-1a: short, good enough for keys that are whole paragraphs. */
static uint64_t hash_bytes(const void *data, size_t length)
{
    const unsigned char *bytes = data;
    uint64_t hash = 14695981039346656037ull;
    for (size_t i = 0; i < length; i++) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

lru_cache *lru_cache_create(size_t capacity, void (*release)(void *value))
{
    lru_cache *cache = calloc(1, sizeof *cache);
    if (!cache)
        return NULL;
    cache->bucket_count = 64;
    cache->buckets = calloc(cache->bucket_count, sizeof *cache->buckets);
    if (!cache->buckets) {
        free(cache);
        return NULL;
    }
    cache->capacity = capacity;
    cache->cost_limit = cache->entry_cost_limit = LRU_UNBOUNDED;
    cache->release = release;
    return cache;
}

static void unlink_use(lru_cache *cache, entry *item)
{
    if (item->newer)
        item->newer->older = item->older;
    else
        cache->newest = item->older;
    if (item->older)
        item->older->newer = item->newer;
    else
        cache->oldest = item->newer;
    item->newer = item->older = NULL;
}

static void link_newest(lru_cache *cache, entry *item)
{
    item->older = cache->newest;
    item->newer = NULL;
    if (cache->newest)
        cache->newest->newer = item;
    cache->newest = item;
    if (!cache->oldest)
        cache->oldest = item;
}

static void remove_entry(lru_cache *cache, entry *item)
{
    entry **link = &cache->buckets[item->hash & (cache->bucket_count - 1)];
    while (*link != item)
        link = &(*link)->next_in_bucket;
    *link = item->next_in_bucket;
    unlink_use(cache, item);
    cache->count--;
    cache->cost -= item->cost;
    if (cache->release)
        cache->release(item->value);
    free(item);
}

/* Drops the least recently used entries until `count` more entries
 * costing `cost` fit; `cost` is at most cache->cost_limit. */
static void make_room(lru_cache *cache, size_t count, size_t cost)
{
    while (cache->oldest &&
           (cache->count > cache->capacity - count || cache->cost > cache->cost_limit - cost))
        remove_entry(cache, cache->oldest);
}

void lru_cache_destroy(lru_cache *cache)
{
    if (!cache)
        return;
    lru_cache_clear(cache);
    free(cache->buckets);
    free(cache);
}

void *lru_cache_get(lru_cache *cache, const void *key, size_t key_length)
{
    uint64_t hash = hash_bytes(key, key_length);
    for (entry *item = cache->buckets[hash & (cache->bucket_count - 1)]; item;
         item = item->next_in_bucket) {
        if (item->hash == hash && item->key_length == key_length &&
            memcmp(item->key, key, key_length) == 0) {
            unlink_use(cache, item);
            link_newest(cache, item);
            return item->value;
        }
    }
    return NULL;
}

static void grow_table(lru_cache *cache)
{
    size_t count = cache->bucket_count * 2;
    entry **buckets = calloc(count, sizeof *buckets);
    if (!buckets)
        return; /* longer chains, still correct */
    for (size_t b = 0; b < cache->bucket_count; b++) {
        entry *item = cache->buckets[b];
        while (item) {
            entry *next = item->next_in_bucket;
            item->next_in_bucket = buckets[item->hash & (count - 1)];
            buckets[item->hash & (count - 1)] = item;
            item = next;
        }
    }
    free(cache->buckets);
    cache->buckets = buckets;
    cache->bucket_count = count;
}

bool lru_cache_put(lru_cache *cache, const void *key, size_t key_length, void *value, size_t cost)
{
    if (cache->capacity == 0 || cache->cost_limit == 0 || cost > cache->cost_limit ||
        cost > cache->entry_cost_limit)
        return false;
    /* Allocated before room is made: out of memory drops nothing. */
    entry *item = malloc(sizeof *item + key_length);
    if (!item)
        return false;
    make_room(cache, 1, cost);
    item->hash = hash_bytes(key, key_length);
    item->key_length = key_length;
    item->cost = cost;
    item->value = value;
    memcpy(item->key, key, key_length);
    entry **bucket = &cache->buckets[item->hash & (cache->bucket_count - 1)];
    item->next_in_bucket = *bucket;
    *bucket = item;
    link_newest(cache, item);
    cache->count++;
    cache->cost += cost;
    if (cache->count > cache->bucket_count)
        grow_table(cache);
    return true;
}

void lru_cache_clear(lru_cache *cache)
{
    while (cache->oldest)
        remove_entry(cache, cache->oldest);
}

void lru_cache_set_capacity(lru_cache *cache, size_t capacity)
{
    cache->capacity = capacity;
    make_room(cache, 0, 0);
}

void lru_cache_set_cost_limit(lru_cache *cache, size_t total, size_t entry)
{
    cache->cost_limit = total;
    cache->entry_cost_limit = entry;
    make_room(cache, 0, 0);
}

size_t lru_cache_count(const lru_cache *cache)
{
    return cache->count;
}

size_t lru_cache_cost(const lru_cache *cache)
{
    return cache->cost;
}
