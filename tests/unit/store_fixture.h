/* The fixture of the store's and the import's unit tests: a new review
 * database in a directory of its own, and the helpers both use. */
#ifndef SRW_TEST_STORE_FIXTURE_H
#define SRW_TEST_STORE_FIXTURE_H

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/store.h"
#include "store/entry_internal.h"
#include "store/store_internal.h"

typedef struct fixture {
    char dir[64];
    char path[128];
    srw_store *s;
} fixture;

static inline int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/srw-test-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/review.db", f->dir);
    srw_error err;
    if (srw_store_open(&f->s, f->path, 1, &err) != 0)
        return -1;
    *state = f;
    return 0;
}

static inline int teardown(void **state)
{
    fixture *f = *state;
    srw_store_close(f->s);
    char p[160];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

#define TRIAL_HEAD "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,year,rob_sequence,source\n"

static inline int import_text(srw_store *s, const char *csv, srw_import_stats *st, srw_error *err)
{
    srw_record_set set;
    int rc = srw_csv_read_review_buffer(&set, csv, strlen(csv), "t.csv", err);
    if (rc)
        return rc;
    rc = srw_import_sets(s, &set, 1, "tester", "import", NULL, st, err);
    srw_record_set_dispose(&set);
    return rc;
}

static const char *const foster =
    TRIAL_HEAD "Foster 2001,low back pain,\"Relief >50%, 3 weeks\",dichotomous,11,15,4,16,higher_is_better,2001,low,"
               "Neurology 2001\n"
               "Foster 2001,low back pain,\"Relief >50%, 8 weeks\",dichotomous,9,15,2,16,higher_is_better,2001,,"
               "Neurology 2001\n";

/* One value of a one-row query on the store's own connection. */
static inline long long query_int(srw_store *s, const char *sql)
{
    return srw_test_query_int(s->db, sql);
}

static inline int journal_is_wal(srw_store *s)
{
    sqlite3_stmt *st = NULL;
    int wal = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    return wal;
}

/* Streams the files csv[0..n) through an importer's sink in one import inside a
 * bulk transaction; returns the first failure (then nothing is kept). */
static inline int stream_bulk_files(srw_store *s, const char *const *csv, size_t n, srw_import_stats *st, srw_error *err)
{
    const char *paths[] = {"big.csv", "b.csv", "c.csv"};
    srw_importer *imp = NULL;
    int rc = srw_store_begin_bulk(s, err);
    if (rc == 0)
        rc = srw_importer_open(&imp, s, paths, n, "tester", "import", NULL, st, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        srw_trial_reader *rd = NULL;
        srw_file_kind kind;
        srw_record r;
        if ((rc = srw_trial_reader_open_buffer(&rd, csv[i], strlen(csv[i]), paths[i], &kind, err)) == 0)
            while (rc == 0 && (rc = srw_trial_reader_next(rd, &r, err)) == 1)
                rc = srw_importer_sink(imp).record(imp, paths[i], &r, 1);
        srw_trial_reader_free(rd);
    }
    if (rc < 0 || (rc != 0 && imp != NULL))
        srw_importer_abandon(imp);
    else if (rc == 0)
        rc = srw_importer_finish(imp);
    if (rc == 0)
        rc = srw_store_commit(s, err);
    else
        srw_store_rollback(s);
    return rc;
}

static inline int stream_bulk(srw_store *s, const char *csv, srw_import_stats *st, srw_error *err)
{
    return stream_bulk_files(s, &csv, 1, st, err);
}

static inline int label_index_present(srw_store *s)
{
    return (int)query_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'studies_label'");
}

#endif
