/* SQLite's page cache in huge pages, for a bulk import (srw/store.h).
 *
 * Why: each database page SQLite keeps in its cache is a malloc of 4 KiB
 * and some; a million-row import walks 64 MB of them, and on a virtual
 * machine the TLB misses of 4 KiB pages cost about as much as the cache
 * misses.  SQLITE_CONFIG_PAGECACHE hands SQLite one block for its cache
 * lines instead (pages beyond it are malloc'd as before); the block is
 * asked for in 2 MiB pages (srw_hash_table_alloc).  Measured in bench/README.md,
 * "Benchmarks". */
#include "srw/store.h"
#include "util/grow.h"

#include <sqlite3.h>
#include <stdlib.h>

/* Lines of the database's page size: the 64 MB of PRAGMA cache_size in
 * srw_store_open. */
#define CACHE_PAGE 4096
#define CACHE_LINES 16384

struct srw_page_cache {
    void *mem;
};

int srw_store_page_cache_new(srw_page_cache **out, srw_error *err)
{
    *out = NULL;
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK)
        return SRW_FAIL(err, SRW_EUSAGE, "SQLite is already in use: its page cache cannot be configured now");
    /* Nothing in srw reads SQLite's memory statistics, and keeping them
     * takes a global lock on every allocation: a million-row import makes
     * tens of millions (5 to 10% of its time, bench/README.md). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* SQLite wants each line 8-byte aligned. */
    int line = (CACHE_PAGE + header + 7) & ~7;
    srw_page_cache *pc = calloc(1, sizeof *pc);
    if (pc == NULL || (pc->mem = srw_hash_table_alloc((size_t)line * CACHE_LINES)) == NULL) {
        free(pc);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the page cache");
    }
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, pc->mem, line, CACHE_LINES) != SQLITE_OK) {
        free(pc->mem);
        free(pc);
        return SRW_FAIL(err, SRW_EUSAGE, "SQLite is already in use: its page cache cannot be configured now");
    }
    *out = pc;
    return 0;
}

void srw_store_process_init(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE once SQLite is in use: then as it is */
}

void srw_store_page_cache_free(srw_page_cache *pc)
{
    if (pc == NULL)
        return;
    /* SQLite lets go of the block only when shut down; a later use of it
     * initialises again, with its own page cache. */
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
    /* Memory statistics stay off, as srw_store_process_init leaves them. */
    free(pc->mem);
    free(pc);
}
