/* Internal helper of the readers (not public): grow an array by doubling. */
#ifndef SRW_IO_GROW_H
#define SRW_IO_GROW_H

#include <stddef.h>

/* Make room for item n in *items (capacity *cap, items of size bytes):
 * 0 ok, -1 out of memory (*items untouched). */
int srw_io__grow(void **items, size_t n, size_t *cap, size_t size);

#endif
