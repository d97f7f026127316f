/* A review database holding the shipped evidence base (the CSV files of studies/),
 * imported as srw import does, in a folder of its own under $TMPDIR (else
 * /tmp) that teardown removes.  Runs from the repository root. */
#ifndef SRW_STUDIES_FIXTURE_H
#define SRW_STUDIES_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/store.h"

typedef struct studies_fixture {
    char dir[200], path[260];
    srw_store *s;
} studies_fixture;

static int studies_setup(void **state)
{
    static const char *const files[] = {
        "studies/botox-neck-pain.csv", "studies/botox-low-back-pain.csv", "studies/botox-cervical-dystonia.csv",
        "studies/botulinum-toxin-b-cervical-dystonia.csv", "studies/published.csv", "studies/uses.csv",
        "studies/grade.csv", "studies/claims.csv",
    };
    enum { N = sizeof files / sizeof files[0] };
    studies_fixture *f = calloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/srw-studies-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/review.db", f->dir);
    srw_error err;
    if (srw_store_open(&f->s, f->path, 1, &err) != 0)
        return -1;
    srw_record_set sets[N];
    memset(sets, 0, sizeof sets);
    for (size_t i = 0; i < N; i++)
        if (srw_csv_read_review(&sets[i], files[i], &err) != 0)
            return -1;
    srw_import_stats st;
    int rc = srw_import_sets(f->s, sets, N, "test", "import", NULL, &st, &err);
    srw_import_stats_dispose(&st);
    for (size_t i = 0; i < N; i++)
        srw_record_set_dispose(&sets[i]);
    if (rc != 0)
        return -1;
    *state = f;
    return 0;
}

static int studies_teardown(void **state)
{
    studies_fixture *f = *state;
    srw_store_close(f->s);
    char p[300];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

#endif
