/* Shared helpers for the cmocka unit tests. */
#ifndef SRW_TESTUTIL_H
#define SRW_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <sqlite3.h>

/* Relative comparison that treats NaN and infinities explicitly (after
 * gsl_test_rel): both NaN agree, NaN against a number fails, and an expected
 * 0 is compared absolutely with the same tolerance. */
static inline int srw_test_rel_ok(double got, double want, double tol)
{
    if (isnan(want) || isnan(got))
        return isnan(want) && isnan(got);
    if (isinf(want) || isinf(got))
        return got == want;
    if (want == 0.0)
        return fabs(got) <= tol;
    return fabs(got - want) <= tol * fabs(want);
}

#define assert_rel(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        if (!srw_test_rel_ok(g_, w_, (tol)))                                   \
            fail_msg("%s = %.17g, want %.17g (rel tol %g)", #got, g_, w_,     \
                     (double)(tol));                                           \
    } while (0)

/* The first column of a one-row query on db; -1 when it fails. */
static inline long long srw_test_query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The whole of path (the caller frees it), its size in *n; NULL when it
 * cannot be read. */
static inline char *srw_test_read_file(const char *path, long *n)
{
    FILE *in = fopen(path, "rb");
    char *buf = NULL;
    *n = -1;
    if (in != NULL && fseek(in, 0, SEEK_END) == 0 && (*n = ftell(in)) > 0 && fseek(in, 0, SEEK_SET) == 0 &&
        (buf = (char *)malloc((size_t)*n)) != NULL && fread(buf, 1, (size_t)*n, in) != (size_t)*n) {
        free(buf);
        buf = NULL;
    }
    if (in != NULL)
        fclose(in);
    return buf;
}

#endif
