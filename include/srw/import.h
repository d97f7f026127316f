/* srw/import.h - the one path from readers to the review database.
 *
 * An import reads its inputs (srw's CSV files of every kind, RevMan 5
 * files, RevMan's CSV export and RevMan Web's package), pushes what they
 * hold into one sink (srw_importer), and writes it in one transaction: at
 * the first broken rule nothing is kept.  The importer decides what
 * changes (new, updated, unchanged; the change list the user reads) and
 * what the audit trail says; the store writes (store/writer.h).  `srw
 * import`, `srw add` and `srw edit` write through here.
 *
 * Ownership: results are the caller's, released with their _dispose (safe
 * on zeroed structs); arguments are borrowed unless a comment says an item
 * is taken.
 */
#ifndef SRW_IMPORT_H
#define SRW_IMPORT_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/record.h"
#include "srw/store.h"

/* What an import did, per record. */
typedef struct srw_import_stats {
    size_t n_new, n_updated, n_unchanged;
    size_t n_published_new, n_published_updated, n_published_unchanged;
    size_t n_uses_set;
    size_t n_grade_set;
    size_t n_outcomes_set;    /* outcome settings new or changed */
    size_t n_claims_set;      /* claims new or changed */
    size_t n_changes;
    char **changes; /* human-readable lines, one per updated record/field set */
    long long last_record_before; /* records.id the database held up to before the import */
} srw_import_stats;
void srw_import_stats_dispose(srw_import_stats *st);

/* --- srw import: files into a database ---------------------------------------------- */
typedef enum srw_input_kind {
    SRW_INPUT_DETECT = 0,  /* by content: RevMan's formats, else srw's CSV */
    SRW_INPUT_CSV,         /* srw's CSV: trial records, published results, use settings, GRADE */
    SRW_INPUT_RM5,         /* a RevMan 5 file */
    SRW_INPUT_REVMAN_CSV,  /* RevMan 5's "Data and analyses" CSV export */
    SRW_INPUT_REVMAN_WEB   /* RevMan Web's data package (zip or directory) */
} srw_input_kind;

typedef struct srw_import_input {
    const char *path;
    srw_input_kind kind;
} srw_import_input;

typedef struct srw_import_options {
    const char *reviewer; /* whose extraction the records are ("unknown" when NULL) */
    int count;            /* count the review after the import (srw_import_result.counts) */
} srw_import_options;
#define SRW_IMPORT_OPTIONS_INIT { NULL, 0 }

/* What one input held, for the summary an import prints. */
typedef struct srw_import_file {
    const char *path;       /* the input's (borrowed) */
    srw_file_kind kind;     /* srw's CSV: which kind of file; 0 for RevMan's */
    size_t n;               /* srw's CSV: its records, results, uses or judgements */
    /* RevMan's (format non-NULL): */
    const char *format;     /* "rm5", "revman-csv", "revman-web" */
    char *title;            /* owned; NULL when the file has none */
    size_t n_analyses, n_stored, n_records, n_rob;
} srw_import_file;

typedef struct srw_import_result {
    srw_import_stats stats;
    size_t n_files;
    srw_import_file *files; /* one per input, in order */
    srw_store_counts counts; /* the review after the import, when asked for */
    int counted;             /* counts holds them */
} srw_import_result;
void srw_import_result_dispose(srw_import_result *r);

/* Import the inputs into the review database at db (which must exist:
 * `srw init`), all or nothing.  Every file is read and checked before
 * anything is written, except trial-record CSVs, whose rows are checked as
 * they are written (a bad row rolls everything back).  Inputs of 16 MiB or
 * more are written under a rollback journal, with a page cache of their
 * own (srw_store_begin_bulk), others under WAL.  err names file, line,
 * column and field of the first broken rule. */
int srw_import_run(const char *db, const srw_import_input *in, size_t n, const srw_import_options *opts,
                   srw_import_result *out, srw_error *err);

/* --- the sink ------------------------------------------------------------------ */
/* An import under way, in a savepoint of the store's open transaction (or
 * a transaction of its own): items pushed in (srw_importer_sink), then
 * finished or abandoned.  paths are the files its items come from, for its
 * entry in the audit trail; action ("import", "add", "edit") and reason
 * (may be NULL) go into the trail too.  Items should come uses first, then
 * trial records, then published results and GRADE judgements (which are
 * checked against the outcomes the records create). */
typedef struct srw_importer srw_importer;
int srw_importer_open(srw_importer **out, srw_store *s, const char *const *paths, size_t n_paths,
                      const char *who, const char *action, const char *reason, srw_import_stats *stats,
                      srw_error *err);
/* The sink readers push the import's items into (srw/record.h). */
srw_sink srw_importer_sink(srw_importer *imp);
/* Checks what every record the import named warns of (stats->changes),
 * releases the savepoint and frees imp; on failure, as abandon. */
int srw_importer_finish(srw_importer *imp);
/* Rolls the import back and frees imp. */
void srw_importer_abandon(srw_importer *imp);

/* Every item of sets (whole files read by srw_csv_read_review, or a RevMan
 * review's set) in one import, written by who. */
int srw_import_sets(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *who, const char *action,
                    const char *reason, srw_import_stats *stats, srw_error *err);

/* --- srw add, srw edit ------------------------------------------------------------ */
/* Write r as reviewer's extraction (new or changed), its risk-of-bias
 * judgements as reviewer's, with action ("add", "edit") and reason in the
 * audit trail.  r is validated first. */
int srw_import_put_record(srw_store *s, const srw_record *r, const char *reviewer, const char *action,
                          const char *reason, srw_import_stats *stats, srw_error *err);

/* --- srw reconcile ---------------------------------------------------------------- */
/* Record the adjudicated version of a study's record (outcome given) or of
 * its risk-of-bias judgements (outcome NULL): accept's extraction, with
 * fields[i] = values[i] set on top (rob_* fields set judgements).  Without
 * accept, every field the reviewers disagree on must be set.  adjudicator
 * and reason go into the record and the audit trail; one transaction. */
int srw_import_adjudicate(srw_store *s, const char *use, const char *outcome, const char *study,
                          const char *accept, const char *const *fields, const char *const *values, size_t n,
                          const char *adjudicator, const char *reason, srw_error *err);

#endif
