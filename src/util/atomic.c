/* Atomic file output: see util/atomic.h. */
#include "util/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Records the failed step, removes the temporary when srw made it and
 * fills err; errno is the step's (removing the temporary must not change
 * it). */
static int fail(srw_atomic *a, const char *step, srw_error *err)
{
    int e = errno;
    a->step = step;
    if (a->tmp != NULL && strcmp(step, "open") != 0)
        remove(a->tmp);
    const char *what = strcmp(step, "rename") == 0 || a->tmp == NULL ? a->path : a->tmp;
    return SRW_FAIL(err, SRW_EIO, "cannot %s %s: %s", step, what, strerror(e));
}

/* A temporary of our own beside path: created exclusively, so that a file
 * or a link someone put under the name is refused, not opened.  The name
 * carries the process id and a count, tried until one is free. */
static int open_temporary(srw_atomic *a, srw_error *err)
{
    size_t n = strlen(a->path) + 48;
    if ((a->tmp = malloc(n)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (unsigned k = 0; k < 1000; k++) {
        snprintf(a->tmp, n, "%s.tmp-%ld-%u", a->path, (long)getpid(), k);
        int fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return fail(a, "open", err);
        if ((a->f = fdopen(fd, "wb")) == NULL) {
            int e = errno;
            close(fd);
            remove(a->tmp);
            errno = e;
            return fail(a, "open", err);
        }
        return 0;
    }
    errno = EEXIST;
    return fail(a, "open", err);
}

int srw_atomic_open(srw_atomic *a, const char *path, srw_error *err)
{
    memset(a, 0, sizeof *a);
    if ((a->path = strdup(path)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (strcmp(path, "-") == 0) {
        a->f = stdout;
        a->direct = 1;
        return 0;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        errno = EISDIR;
        return fail(a, "open", err);
    }
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        /* A pipe, a terminal, a device: nothing to rename onto, and
         * replacing it with a file would break it (/dev/stdout as root). */
        a->direct = 1;
        return (a->f = fopen(path, "wb")) != NULL ? 0 : fail(a, "open", err);
    }
    return open_temporary(a, err);
}

int srw_atomic_commit(srw_atomic *a, srw_error *err)
{
    FILE *f = a->f;
    a->f = NULL;
    if (a->direct) {
        int bad = f == NULL || (f == stdout ? fflush(f) != 0 || ferror(f) : fclose(f) != 0);
        return bad ? fail(a, "write", err) : 0;
    }
    if (f == NULL || fclose(f) != 0)
        return fail(a, "close", err);
    if (rename(a->tmp, a->path) != 0)
        return fail(a, "rename", err);
    return 0;
}

void srw_atomic_abort(srw_atomic *a)
{
    if (a->f == NULL)
        return;
    /* What went straight out is out; a temporary is dropped. */
    if (a->f != stdout)
        fclose(a->f);
    a->f = NULL;
    if (!a->direct)
        remove(a->tmp);
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
        if (a.f != stdout)
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
