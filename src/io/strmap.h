/* A small open-addressing hash map from strings to size_t, for duplicate
 * checks over large imports (internal to srw; keys are copied). */
#ifndef SRW_IO_STRMAP_H
#define SRW_IO_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct srw_strmap {
    char **keys;
    uint64_t *hashes; /* compared before the strings: one cache miss less */
    size_t *values;
    size_t cap, n;
} srw_strmap;

/* 1 and *value when found, 0 when not. */
int srw_strmap_get(const srw_strmap *m, const char *key, size_t *value);
/* Insert or replace; 0 ok, -1 out of memory. */
int srw_strmap_put(srw_strmap *m, const char *key, size_t value);
/* Insert unless present: 1 inserted, 0 already there (*existing set), -1 OOM. */
int srw_strmap_add(srw_strmap *m, const char *key, size_t value, size_t *existing);
void srw_strmap_dispose(srw_strmap *m);

#endif
