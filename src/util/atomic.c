/* Atomic file output: see util/atomic.h. */
#include "util/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Records the failed step, removes the temporary when srw made it (not
 * after a failed open: a PATH.tmp there then is not ours) and fills err;
 * errno is the step's (removing the temporary must not change it). */
static int fail(srw_atomic *a, const char *step, srw_error *err)
{
    int e = errno;
    a->step = step;
    if (strcmp(step, "open") != 0)
        remove(a->tmp);
    return SRW_FAIL(err, SRW_EIO, "cannot %s %s: %s", step, strcmp(step, "rename") == 0 ? a->path : a->tmp,
                    strerror(e));
}

int srw_atomic_open(srw_atomic *a, const char *path, srw_error *err)
{
    memset(a, 0, sizeof *a);
    size_t n = strlen(path);
    a->path = malloc(n + 1);
    a->tmp = malloc(n + 5);
    if (a->path == NULL || a->tmp == NULL) {
        srw_atomic_dispose(a);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    memcpy(a->path, path, n + 1);
    memcpy(a->tmp, path, n);
    memcpy(a->tmp + n, ".tmp", 5);
    a->f = fopen(a->tmp, "wb");
    if (a->f == NULL)
        return fail(a, "open", err);
    return 0;
}

int srw_atomic_commit(srw_atomic *a, srw_error *err)
{
    FILE *f = a->f;
    a->f = NULL;
    if (f == NULL || fclose(f) != 0)
        return fail(a, "close", err);
    if (rename(a->tmp, a->path) != 0)
        return fail(a, "rename", err);
    return 0;
}

void srw_atomic_abort(srw_atomic *a)
{
    if (a->f != NULL) {
        fclose(a->f);
        a->f = NULL;
        remove(a->tmp);
    }
}

void srw_atomic_dispose(srw_atomic *a)
{
    if (a == NULL)
        return;
    srw_atomic_abort(a);
    free(a->path);
    free(a->tmp);
    a->path = a->tmp = NULL;
}

int srw_atomic_write(const char *path, const void *data, size_t n, srw_error *err)
{
    srw_atomic a;
    int rc = srw_atomic_open(&a, path, err);
    if (rc == 0 && n > 0 && fwrite(data, 1, n, a.f) != n) {
        int e = errno;
        fclose(a.f);
        a.f = NULL;
        errno = e;
        rc = fail(&a, "write", err);
    }
    if (rc == 0)
        rc = srw_atomic_commit(&a, err);
    srw_atomic_dispose(&a);
    return rc;
}
