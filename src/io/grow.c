/* Internal helper of the readers: see grow.h. */
#include "io/grow.h"

#include <stdint.h>
#include <stdlib.h>

int srw_io__grow(void **items, size_t n, size_t *cap, size_t size)
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
