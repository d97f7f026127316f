/* Small helpers any layer may use (not public): arrays and buffers that
 * grow by doubling, and packed copies of strings. */
#ifndef SRW_UTIL_GROW_H
#define SRW_UTIL_GROW_H

#include <stddef.h>

/* Make room for item n in *items (capacity *cap, items of size bytes):
 * 0 ok, -1 out of memory (*items untouched). */
int srw_grow(void **items, size_t n, size_t *cap, size_t size);

/* Make *buf (capacity *cap bytes) hold at least need bytes: 0 or -1. */
int srw_reserve(char **buf, size_t *cap, size_t need);
/* s (with its NUL) into *buf, grown as needed and reused: 0 or -1. */
int srw_copy_into(char **buf, size_t *cap, const char *s);

/* A zeroed table of bytes probed at random (a hash table of a million
 * keys), freed with free(); NULL when out of memory.  From 2 MiB up it is
 * aligned to 2 MiB and asks the kernel for huge pages (madvise), where
 * the kernel allows them: on a virtual machine a TLB miss costs as much
 * as the cache miss it comes with, and a 48 MB table in 4 KiB pages
 * misses the TLB on nearly every probe. */
void *srw_hash_table_alloc(size_t bytes);

/* Copies of many short strings, packed into 64 KiB blocks freed together
 * (not one malloc and free per string).  Zeroed is empty. */
typedef struct srw_texts {
    char **blocks;
    size_t n_blocks, used, cap;
} srw_texts;
/* A copy of s that lives until srw_texts_dispose; NULL when out of memory. */
const char *srw_texts_keep(srw_texts *t, const char *s);
void srw_texts_dispose(srw_texts *t);

#endif
