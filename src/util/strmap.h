/* A small open-addressing hash map from strings to size_t, for duplicate
 * checks over large imports (internal to srw; keys are copied). */
#ifndef SRW_UTIL_STRMAP_H
#define SRW_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "util/grow.h"

/* Hash, key and value side by side: a probe of a map with a million keys
 * costs one cache miss, not one per array. */
typedef struct srw_strmap_slot {
    uint64_t hash;    /* compared before the strings */
    const char *key;  /* NULL: empty slot */
    size_t value;
} srw_strmap_slot;

typedef struct srw_strmap {
    srw_strmap_slot *slots;
    size_t cap, n;
    srw_texts keys; /* the key copies */
} srw_strmap;

/* The map's hash of a key, for callers that keep their own tables of
 * strings (one hash function for the readers). */
uint64_t srw_strmap_hash(const char *key);

/* 1 and *value when found, 0 when not. */
int srw_strmap_get(const srw_strmap *m, const char *key, size_t *value);
/* Insert or replace; 0 ok, -1 out of memory. */
int srw_strmap_put(srw_strmap *m, const char *key, size_t value);
/* Insert unless present: 1 inserted, 0 already there (*existing set), -1 OOM. */
int srw_strmap_add(srw_strmap *m, const char *key, size_t value, size_t *existing);
/* key's slot (the map's copy of the key, and its value), inserted with
 * value 0 when missing (*added 1, else 0): one probe where a get and then
 * a put take two.  The slot holds until the map next grows (the key copy,
 * until the map is disposed of); NULL when out of memory. */
srw_strmap_slot *srw_strmap_slot_of(srw_strmap *m, const char *key, int *added);
void srw_strmap_dispose(srw_strmap *m);

#endif
