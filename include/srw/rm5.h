/* srw/rm5.h - the readers of RevMan's files: RevMan 5 files (.rm5), RevMan
 * 5's "Data and analyses" CSV export and RevMan Web's data package, each
 * into an srw_rm5_review (srw/revman.h).
 *
 * Ownership: a reader fills a caller-provided srw_rm5_review that owns every
 * string and array; srw_rm5_review_dispose frees it (safe on a zeroed or
 * disposed struct).  On failure the review is left empty and err names
 * path:line:column and the rule broken.  Arguments are borrowed.
 */
#ifndef SRW_RM5_H
#define SRW_RM5_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/revman.h"

/* Largest RevMan file or CSV srw reads (untrusted input is capped). */
#define SRW_RM5_MAX_BYTES ((size_t)256 << 20)

/* The deepest nesting of elements srw reads in a RevMan 5 file (RevMan's
 * own nest about 10 deep; libxml2 stops at 256 whatever srw says). */
#define SRW_RM5_MAX_DEPTH 100

/* RevMan 5 file (ISO-8859-1 or UTF-8 XML; parsed by libxml2, without
 * network access or entity expansion). */
int srw_rm5_read(srw_rm5_review *out, const char *path, srw_error *err);
int srw_rm5_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                        srw_error *err);

/* RevMan 5 "Data and analyses" CSV export (columns "Comparison Number", ...). */
int srw_revman_csv_read(srw_rm5_review *out, const char *path, srw_error *err);
int srw_revman_csv_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err);

/* RevMan Web data package: *-overall-estimates-and-settings.csv,
 * *-data-rows.csv and, when present, *-subgroup-estimates.csv and
 * *-risk-of-bias.csv.  path is any of
 *   the .zip RevMan Web exports (a folder with x-files/x-data.zip inside),
 *   the inner x-data.zip itself (the CSVs under x-analysis-data/ and
 *     x-study-data/), or
 *   a directory holding the CSVs (searched up to four levels down).
 * Zips are read in memory with libzip (src/io/zip.h): no temporary files.
 * At most one zip inside the one given is opened; at most 10000 entries and
 * 64 MiB unpacked per entry read (a zip bomb is refused).  A corrupt or
 * truncated zip, or one without the CSVs, fails with SRW_EDATA naming the
 * archive ("a.zip!b-data.zip" for the inner one) and the reason; a file that
 * is neither zip nor directory with SRW_EUSAGE.  Messages about a CSV name
 * it as "a.zip!b-data.zip!dir/x-data-rows.csv:line:column". */
int srw_revman_web_read(srw_rm5_review *out, const char *path, srw_error *err);

/* The same from a zip (outer package or data zip) held in memory; name is
 * used in messages. */
int srw_revman_web_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err);

/* What kind of RevMan input a path is, by content (src/io/input.c): "rm5", "revman-csv",
 * "revman-web" or NULL (not RevMan). */
const char *srw_revman_detect(const char *path);

#endif
