/* srw/input.h - an input that can be read only once (standard input, a
 * pipe, a FIFO, a process substitution): read whole into memory, within
 * the readers' size limits, so that it can be sniffed for its kind and
 * then parsed (a content sniff would otherwise eat what the parse needs).
 */
#ifndef SRW_INPUT_H
#define SRW_INPUT_H

#include <stddef.h>

#include "srw/error.h"

/* The name "-" stands for standard input. */
#define SRW_INPUT_STDIN "-"

/* 1 when path is "-" or names something other than a regular file or a
 * folder (a pipe, a FIFO, a character device): it is read once. */
int srw_input_is_stream(const char *path);

/* The whole of path ("-": standard input) into *out (malloc'ed, the caller
 * frees; NUL-terminated, the NUL not counted in *n).  At most max bytes:
 * more is SRW_EDATA naming the limit; SRW_EIO when it cannot be read. */
int srw_input_read_all(const char *path, size_t max, char **out, size_t *n, srw_error *err);

/* What kind of RevMan input data holds, by its content: "rm5",
 * "revman-csv", "revman-web" (a zip) or NULL (srw's own CSV). */
const char *srw_revman_detect_buffer(const char *data, size_t n);

#endif
