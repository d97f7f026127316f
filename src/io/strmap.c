/* String hash map for the readers: see strmap.h. FNV-1a with MurmurHash3's
 * finaliser, linear probing, load factor at most 1/2. */
#include "io/strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
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
    while (m->keys[i] != NULL && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

int srw_strmap_get(const srw_strmap *m, const char *key, size_t *value)
{
    if (m->cap == 0)
        return 0;
    size_t i = slot(m, key, hash(key));
    if (m->keys[i] == NULL)
        return 0;
    *value = m->values[i];
    return 1;
}

static int grow(srw_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    srw_strmap g = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(uint64_t)), calloc(cap, sizeof(size_t)), cap,
                    0};
    if (g.keys == NULL || g.hashes == NULL || g.values == NULL) {
        free(g.keys);
        free(g.hashes);
        free(g.values);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == NULL)
            continue;
        size_t j = (size_t)m->hashes[i] & (cap - 1);
        while (g.keys[j] != NULL)
            j = (j + 1) & (cap - 1);
        g.keys[j] = m->keys[i];
        g.hashes[j] = m->hashes[i];
        g.values[j] = m->values[i];
        g.n++;
    }
    free(m->keys);
    free(m->hashes);
    free(m->values);
    *m = g;
    return 0;
}

static int insert(srw_strmap *m, const char *key, size_t value, size_t *existing, int replace)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    uint64_t h = hash(key);
    size_t i = slot(m, key, h);
    if (m->keys[i] != NULL) {
        if (existing)
            *existing = m->values[i];
        if (replace)
            m->values[i] = value;
        return 0;
    }
    if ((m->keys[i] = strdup(key)) == NULL)
        return -1;
    m->hashes[i] = h;
    m->values[i] = value;
    m->n++;
    return 1;
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
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->hashes);
    free(m->values);
    memset(m, 0, sizeof *m);
}
