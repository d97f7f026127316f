/* Atomic file output (not public; style.md habit 10, after redis rdb.c):
 * the bytes go to PATH.tmp in the file's own directory, fclose is checked,
 * and rename() puts the file in place, so a reader finds the old file or
 * the whole new one, never a part; on any failure after the temporary was
 * opened it is removed (a failed open removes nothing: a PATH.tmp that
 * could not be opened is not srw's).  The report writes a buffer (srw_atomic_write); srw export
 * streams into the FILE (srw_atomic_open, write to a.f, then
 * srw_atomic_commit or srw_atomic_abort; srw_atomic_dispose after
 * srw_atomic_open whatever it returned).
 *
 * A failure fills err with "cannot STEP FILE: why" (FILE the temporary,
 * or the file for a rename) and leaves the step in a.step, with a.path and
 * a.tmp until srw_atomic_dispose, for a caller that words it its own way.
 * The temporary's name is fixed (PATH.tmp): making it unique (mkstemp,
 * O_EXCL) is another change. */
#ifndef SRW_UTIL_ATOMIC_H
#define SRW_UTIL_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "srw/error.h"

typedef struct srw_atomic {
    FILE *f;          /* open on tmp from srw_atomic_open to commit / abort */
    char *path, *tmp; /* owned: the file and its temporary, PATH.tmp */
    const char *step; /* the step that failed: "open", "write", "close" or "rename"; NULL */
} srw_atomic;

/* Open path.tmp for writing: 0, or SRW_EIO (step "open") / SRW_ENOMEM. */
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
