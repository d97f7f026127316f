/* Atomic file output (not public; style.md habit 10, after redis rdb.c):
 * the bytes go to a temporary of srw's own in the file's directory
 * (PATH.tmp-PID-N, created exclusively: O_CREAT | O_EXCL, so an existing
 * file or a link planted there is never opened, let alone followed), fclose
 * is checked, and rename() puts the file in place, so a reader finds the
 * old file or the whole new one, never a part; on any failure after the
 * temporary was made it is removed.  The file's place is taken only when
 * it holds a regular file or nothing (a link there is replaced, not
 * followed); an output that is not a regular file (a pipe, a terminal,
 * /dev/stdout) is written straight, and "-" is standard output.  The report writes a buffer (srw_atomic_write); srw export
 * streams into the FILE (srw_atomic_open, write to a.f, then
 * srw_atomic_commit or srw_atomic_abort; srw_atomic_dispose after
 * srw_atomic_open whatever it returned).
 *
 * A failure fills err with "cannot STEP FILE: why" (FILE the temporary,
 * or the file for a rename) and leaves the step in a.step, with a.path and
 * a.tmp until srw_atomic_dispose, for a caller that words it its own way.
 */
#ifndef SRW_UTIL_ATOMIC_H
#define SRW_UTIL_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "srw/error.h"

typedef struct srw_atomic {
    FILE *f;          /* open on tmp from srw_atomic_open to commit / abort */
    char *path, *tmp; /* owned: the file and its temporary (NULL when written straight) */
    int direct;       /* written straight: standard output, a pipe, a device */
    const char *step; /* the step that failed: "open", "write", "close" or "rename"; NULL */
} srw_atomic;

/* Open the temporary (or the output itself, when it is not a regular
 * file) for writing: 0, or SRW_EIO (step "open": a directory there, no
 * room, no right) / SRW_ENOMEM. */
int srw_atomic_open(srw_atomic *a, const char *path, srw_error *err);
/* Close the temporary (checked) and rename it to the path: 0, or SRW_EIO
 * (step "close" or "rename"; the temporary removed). */
int srw_atomic_commit(srw_atomic *a, srw_error *err);
/* Close and remove the temporary: what was written is dropped. */
void srw_atomic_abort(srw_atomic *a);
/* Frees the names (aborting first if the temporary is still open); safe on
 * a zeroed or disposed struct. */
void srw_atomic_dispose(srw_atomic *a);

/* n bytes of data into path, atomically: 0, or SRW_EIO / SRW_ENOMEM. */
int srw_atomic_write(const char *path, const void *data, size_t n, srw_error *err);

#endif
