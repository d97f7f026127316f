/* Internal to srw (not public): the CSV reader's window, for the tests. */
#ifndef SRW_IO_CSV_INTERNAL_H
#define SRW_IO_CSV_INTERNAL_H

#include <stddef.h>

#include "srw/csv.h"

/* srw_csv_open_file with a window of the given size (bytes, at least 1)
 * instead of the usual one: a test reads a file through a window of a few
 * bytes so that the window's end cuts every construct (a CR LF, a "", a
 * UTF-8 sequence, a quoted newline) somewhere. */
int srw_io__csv_open_file_window(srw_csv **out, const char *path, size_t window, srw_error *err);

#endif
