/* Internal to src/io (not public): the row layer of the review-file reader
 * (review_row.c), which the whole-file reader (review_csv.c) and the
 * streaming trial-record reader (trial_stream.c) share, so that a row is
 * read by one piece of code whichever way its file is read. */
#ifndef SRW_IO_REVIEW_READ_H
#define SRW_IO_REVIEW_READ_H

#include <stddef.h>

#include "srw/csv.h"
#include "srw/error.h"
#include "srw/record.h"

/* A file's header: which column of the file holds which field. */
typedef struct srw_io__review_header {
    const char *path;                        /* for error messages; not owned */
    const srw_column *spec;  /* the columns of the file's kind */
    size_t n_spec;
    size_t n_header;
    int *col_of_spec;   /* spec index -> header column (0-based) or -1 */
    int *spec_of_col;   /* header column -> spec index, -1 for a moderator column */
    /* Trial-record files: header column -> its moderator's name (a
     * mod_<name> column, the name without "mod_"; owned), NULL for the
     * others; NULL when the file has none. */
    char **mod_of_col;
} srw_io__review_header;

/* Reads the header row of csv: *kind (0 until the header names one) and
 * the column map.  An empty file, a header of no kind, an unknown,
 * repeated or missing column fail with path:line:column.  h is filled (and
 * must be disposed) whether or not this fails. */
int srw_io__review_header_read(srw_io__review_header *h, srw_csv *csv, const char *path,
                               srw_file_kind *kind, srw_error *err);
void srw_io__review_header_dispose(srw_io__review_header *h);

/* One row of a trial-record file into *r (initialised here; the caller
 * disposes it, also on failure): field count, each field's syntax and the
 * rules of srw_record_validate, located path:line:column: field. */
int srw_io__review_record_read(const srw_io__review_header *h, const srw_csv_row *row, srw_record *r,
                               srw_error *err);

/* The header's names into out->columns (for errors the importer finds
 * after reading): 0, or -1 out of memory. */
int srw_io__review_keep_columns(srw_record_set *out, const srw_io__review_header *h);

/* 1-based column of a field in the file, 0 when the header lacks it. */
long srw_io__review_column(const srw_io__review_header *h, const char *name);

/* One row of a file of another kind into obj (an srw_published,
 * srw_use_settings or srw_grade_setting the caller initialised): field
 * count and each field's syntax, located path:line:column: field. */
int srw_io__review_row_read(const srw_io__review_header *h, const srw_csv_row *row, void *obj, srw_error *err);

/* A rule of srw/record.h broke on line: err located there, with the column
 * of err->field.  Returns err's code. */
int srw_io__review_rule_fail(const srw_io__review_header *h, long line, srw_error *err);

/* The streaming reader over a csv whose header h has been read (both are
 * taken over, also on failure): how srw_csv_read_review reads a
 * trial-record file. */
int srw_io__trial_reader_adopt(srw_trial_reader **out, srw_csv *csv, srw_io__review_header *h,
                               srw_file_kind kind, const char *path, srw_error *err);


#endif
