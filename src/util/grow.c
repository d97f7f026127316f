/* Internal helpers of the readers and the importer: see grow.h. */
#define _DEFAULT_SOURCE /* madvise and MADV_HUGEPAGE (Linux) */
#include "util/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *srw_hash_table_alloc(size_t bytes)
{
    if (bytes < HUGE_PAGE)
        return calloc(1, bytes);
    if (bytes > SIZE_MAX - HUGE_PAGE)
        return NULL;
    size_t rounded = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); /* aligned_alloc wants a multiple */
    void *p = aligned_alloc(HUGE_PAGE, rounded);
    if (p == NULL)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, rounded, MADV_HUGEPAGE); /* advice: without it, 4 KiB pages as before */
#endif
    memset(p, 0, rounded);
    return p;
}

int srw_grow(void **items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    if (c > SIZE_MAX / size)
        return -1;
    void *p = realloc(*items, c * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = c;
    return 0;
}

int srw_reserve(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    char *b = realloc(*buf, c);
    if (b == NULL)
        return -1;
    *buf = b;
    *cap = c;
    return 0;
}

int srw_copy_into(char **buf, size_t *cap, const char *s)
{
    size_t n = strlen(s) + 1;
    if (srw_reserve(buf, cap, n) != 0)
        return -1;
    memcpy(*buf, s, n);
    return 0;
}

const char *srw_texts_keep(srw_texts *t, const char *s)
{
    size_t len = strlen(s) + 1;
    if (t->cap - t->used < len) {
        size_t cap = len > 65536 ? len : 65536;
        char **b = realloc(t->blocks, (t->n_blocks + 1) * sizeof *b);
        if (b == NULL)
            return NULL;
        t->blocks = b;
        if ((b[t->n_blocks] = malloc(cap)) == NULL)
            return NULL;
        t->n_blocks++;
        t->used = 0;
        t->cap = cap;
    }
    char *k = t->blocks[t->n_blocks - 1] + t->used;
    memcpy(k, s, len);
    t->used += len;
    return k;
}

void srw_texts_dispose(srw_texts *t)
{
    for (size_t i = 0; i < t->n_blocks; i++)
        free(t->blocks[i]);
    free(t->blocks);
    memset(t, 0, sizeof *t);
}
