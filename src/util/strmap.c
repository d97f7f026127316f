/* String hash map for the readers: see strmap.h. FNV-1a with MurmurHash3's
 * finaliser, linear probing, load factor at most 1/2. */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uint64_t srw_strmap_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    /* FNV-1a's low bits are weak on keys that differ only at the end
     * ("Study 12-3"); the finaliser spreads them. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static size_t slot(const srw_strmap *m, const char *key, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    while (m->slots[i].key != NULL && (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

int srw_strmap_get(const srw_strmap *m, const char *key, size_t *value)
{
    if (m->cap == 0)
        return 0;
    size_t i = slot(m, key, srw_strmap_hash(key));
    if (m->slots[i].key == NULL)
        return 0;
    *value = m->slots[i].value;
    return 1;
}

static int grow(srw_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    if (cap > SIZE_MAX / sizeof(srw_strmap_slot))
        return -1;
    srw_strmap_slot *g = srw_hash_table_alloc(cap * sizeof *g);
    if (g == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key == NULL)
            continue;
        size_t j = (size_t)m->slots[i].hash & (cap - 1);
        while (g[j].key != NULL)
            j = (j + 1) & (cap - 1);
        g[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = g;
    m->cap = cap;
    return 0;
}

/* key's slot, filled with value when key was missing (*added); NULL when
 * out of memory. */
static srw_strmap_slot *find_or_add(srw_strmap *m, const char *key, size_t value, int *added)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return NULL;
    uint64_t h = srw_strmap_hash(key);
    srw_strmap_slot *e = &m->slots[slot(m, key, h)];
    *added = e->key == NULL;
    if (!*added)
        return e;
    const char *k = srw_texts_keep(&m->keys, key);
    if (k == NULL)
        return NULL;
    e->key = k;
    e->hash = h;
    e->value = value;
    m->n++;
    return e;
}

static int insert(srw_strmap *m, const char *key, size_t value, size_t *existing, int replace)
{
    int added;
    srw_strmap_slot *e = find_or_add(m, key, value, &added);
    if (e == NULL)
        return -1;
    if (added)
        return 1;
    if (existing)
        *existing = e->value;
    if (replace)
        e->value = value;
    return 0;
}

srw_strmap_slot *srw_strmap_slot_of(srw_strmap *m, const char *key, int *added)
{
    return find_or_add(m, key, 0, added);
}

int srw_strmap_put(srw_strmap *m, const char *key, size_t value)
{
    return insert(m, key, value, NULL, 1) < 0 ? -1 : 0;
}

int srw_strmap_add(srw_strmap *m, const char *key, size_t value, size_t *existing)
{
    return insert(m, key, value, existing, 0);
}

void srw_strmap_dispose(srw_strmap *m)
{
    if (m == NULL)
        return;
    srw_texts_dispose(&m->keys);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
