/* srw/csv.h - an RFC 4180 CSV reader that knows where every field stands.
 *
 * Why our own reader and not libcsv: every error srw reports must name the
 * file, the line and the column, and a quoted field may span lines, so the
 * reader has to track the physical line where each record starts; it must
 * also reject invalid UTF-8 and strip a BOM.  That is ~200 lines, fully
 * unit-tested and fuzzable, and lighter than adapting libcsv's callbacks.
 *
 * Accepts: quoted fields with "" escapes, embedded commas and newlines,
 * CRLF or LF line ends, an optional UTF-8 BOM, a missing final newline.
 * Rejects (SRW_EDATA with line and column): a quote inside an unquoted
 * field, text after a closing quote, an unterminated quote, invalid UTF-8,
 * a NUL byte.  Column numbers are 1-based field positions (spreadsheet
 * columns), which is what a user sees in a spreadsheet.
 *
 * Ownership: the reader owns the row it hands out; fields stay valid until
 * the next srw_csv_next() or srw_csv_free().
 */
#ifndef SRW_CSV_H
#define SRW_CSV_H

#include <stddef.h>

#include "srw/error.h"

typedef struct srw_csv srw_csv;

typedef struct srw_csv_row {
    size_t n;            /* number of fields */
    char **fields;       /* NUL-terminated, unescaped */
    long line;           /* physical line where the record starts (1-based) */
} srw_csv_row;

/* Read a whole file (at most SRW_CSV_MAX_BYTES) and prepare to parse it. */
#define SRW_CSV_MAX_BYTES ((size_t)1 << 31)
int srw_csv_open_file(srw_csv **out, const char *path, srw_error *err);

/* Parse a buffer the caller keeps alive; name is used in error messages. */
int srw_csv_open_buffer(srw_csv **out, const char *data, size_t len,
                        const char *name, srw_error *err);

/* 1 and a row, 0 at end of input, or a negative srw_status. A blank line
 * (no characters at all) is skipped. */
int srw_csv_next(srw_csv *r, srw_csv_row *row, srw_error *err);

void srw_csv_free(srw_csv *r);

/* --- the review files (trial records, published results, use settings) ---
 * The header decides the kind: a `study` column makes a trial-record file,
 * a `review` column a published-results file, a `primary_outcome` column a
 * use-settings file.  Unknown, duplicate or missing columns are errors.
 * Every row is checked with the rules of srw/record.h, and rows are checked
 * against each other (the same study twice in one outcome, an outcome with
 * two types or directions, a study with two risk-of-bias judgements for one
 * domain).  On failure *out is left empty and err names path:line:column. */
struct srw_record_set;
int srw_csv_read_review(struct srw_record_set *out, const char *path, srw_error *err);
int srw_csv_read_review_buffer(struct srw_record_set *out, const char *data,
                               size_t len, const char *name, srw_error *err);

#endif
