/* String hash map for the readers: see strmap.h. FNV-1a, linear probing. */
#include "io/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t slot(const srw_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

int srw_strmap_get(const srw_strmap *m, const char *key, size_t *value)
{
    if (m->cap == 0)
        return 0;
    size_t i = slot(m, key);
    if (m->keys[i] == NULL)
        return 0;
    *value = m->values[i];
    return 1;
}

static int grow(srw_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    srw_strmap g = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t)), cap, 0};
    if (g.keys == NULL || g.values == NULL) {
        free(g.keys);
        free(g.values);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == NULL)
            continue;
        size_t j = slot(&g, m->keys[i]);
        g.keys[j] = m->keys[i];
        g.values[j] = m->values[i];
        g.n++;
    }
    free(m->keys);
    free(m->values);
    *m = g;
    return 0;
}

int srw_strmap_put(srw_strmap *m, const char *key, size_t value)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    size_t i = slot(m, key);
    if (m->keys[i] == NULL) {
        m->keys[i] = strdup(key);
        if (m->keys[i] == NULL)
            return -1;
        m->n++;
    }
    m->values[i] = value;
    return 0;
}

void srw_strmap_dispose(srw_strmap *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}
