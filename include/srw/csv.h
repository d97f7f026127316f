/* srw/csv.h - an RFC 4180 CSV reader that knows where every field stands.
 *
 * Why our own reader and not libcsv: every error srw reports must name the
 * file, the line and the column, and a quoted field may span lines, so the
 * reader has to track the physical line where each record starts; it must
 * also reject invalid UTF-8 and strip a BOM.  That is one file
 * (src/io/csv.c), unit-tested and fuzzable, and lighter than adapting
 * libcsv's callbacks.
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
#include <stdio.h>

#include "srw/error.h"
#include "srw/record.h"
#include "srw/table.h"

typedef struct srw_csv srw_csv;

typedef struct srw_csv_row {
    size_t n;            /* number of fields */
    char **fields;       /* NUL-terminated, unescaped */
    long line;           /* physical line where the record starts (1-based) */
} srw_csv_row;

/* Open a file (at most SRW_CSV_MAX_BYTES) to parse it.  It is read in
 * chunks as the rows are asked for, so memory holds the current row, not
 * the file; the file stays open until srw_csv_free(). */
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

/* --- trial-record files, one record at a time ---
 * Why: a file of a million rows read whole is a million records in memory.
 * The streaming reader applies the same rules with the same messages as
 * srw_csv_read_review (which reads trial-record files through it), and
 * keeps only what the cross-checks need: per outcome the settings of its
 * first row, per study those of the first row that states any, and one key
 * per (outcome, study).  Rows are checked against the earlier rows as they
 * arrive, so an error is reported at the row where it is found; records
 * handed out before it passed every rule that concerns them.
 *
 * Usage:
 *   srw_trial_reader *rd; srw_file_kind kind; srw_record rec; int rc;
 *   if (srw_trial_reader_open(&rd, path, &kind, &err) != 0) ...
 *   if (kind == SRW_FILE_TRIALS)
 *       while ((rc = srw_trial_reader_next(rd, &rec, &err)) == 1) {
 *           ...; srw_record_dispose(&rec);
 *       }
 *   srw_trial_reader_free(rd);
 */
typedef struct srw_trial_reader srw_trial_reader;

/* Opens path and reads its header.  *kind is the file's kind, decided by
 * the header as srw_csv_read_review decides it.  A file of another kind is
 * opened too (its kind says so; srw_trial_reader_next then fails with
 * SRW_EUSAGE), so that the caller can free the reader and read the file
 * whole with srw_csv_read_review.  Errors of the header (empty file, no
 * kind, unknown, repeated or missing columns) and of opening the file fail
 * here with *out NULL; *kind is 0 when the header decided no kind. */
int srw_trial_reader_open(srw_trial_reader **out, const char *path, srw_file_kind *kind, srw_error *err);
/* The same over a buffer the caller keeps alive until srw_trial_reader_free;
 * name is used in error messages. */
int srw_trial_reader_open_buffer(srw_trial_reader **out, const char *data, size_t len,
                                 const char *name, srw_file_kind *kind, srw_error *err);

/* 1 and the next record in *rec, whose strings the caller owns (free them
 * with srw_record_dispose); 0 at the end of the file; or a negative
 * srw_status with err located (path:line:column: field) as
 * srw_csv_read_review reports the error.  *rec is overwritten, not
 * disposed; when the result is not 1 it holds no strings.  After the end
 * or an error every later call gives the same answer again. */
int srw_trial_reader_next(srw_trial_reader *rd, srw_record *rec, srw_error *err);

/* Every remaining record into sink (srw/record.h), as a record the
 * reader has checked for one trial twice in an outcome of its file; *count
 * counts them.  0 at the end of the file, or the reader's or the sink's
 * failure (err located as srw_trial_reader_next locates it). */
int srw_trial_reader_push(srw_trial_reader *rd, const srw_sink *sink, size_t *count, srw_error *err);

/* The 1-based column of the file's header named field, or 0: for an error
 * the importer locates by line and field only (it does not see the
 * header), so that it names the column too. */
long srw_trial_reader_column(const srw_trial_reader *rd, const char *field);

void srw_trial_reader_free(srw_trial_reader *rd);

/* --- trial records as text (src/io/export_csv.c) ---------------------------
 * Written with the trial-record columns (srw_record_columns), in their
 * order; and a record built from field=value pairs by the reader's own
 * code, so that an entry obeys the import's rules. */
/* Write records in the import format (header + rows, RFC 4180 quoting). */
int srw_csv_write_records(FILE *f, const srw_record *recs, size_t n, srw_error *err);
/* A table (srw_store_export_table) as CSV: its columns as the header, NULL
 * as an empty field, reals in the shortest text that reads back the same. */
int srw_csv_write_table(FILE *f, const srw_table *t, srw_error *err);
/* Write records as a JSON array of objects with the same field names. */
int srw_json_write_records(FILE *f, const srw_record *recs, size_t n, srw_error *err);

/* out = base with fields[i] set to values[i] (an empty value clears the
 * field), parsed and checked by the CSV import's own code (one code path:
 * srw_csv_read_review_buffer, hence srw_record_validate).  base may be NULL.
 * err names the field and the rule broken. */
int srw_record_apply_fields(srw_record *out, const srw_record *base, const char *const *fields,
                            const char *const *values, size_t n, srw_error *err);
/* Check base + the answers given so far by the same code path, with values
 * that pass every rule standing in for required fields not yet answered:
 * the prompt checks each answer at once. */
int srw_record_check_answers(const srw_record *base, const char *const *fields, const char *const *values,
                             size_t n, srw_error *err);

#endif
