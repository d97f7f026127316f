/* srw/store.h - the SQLite review database.
 *
 * The store owns the schema (versioned by PRAGMA user_version, migrated
 * forward on open), the transactions (one per import or edit: all or
 * nothing) and every query (prepared statements with bound parameters).
 * It hands core plain arrays and never computes statistics.
 *
 * Ownership: srw_store_open gives a handle closed by srw_store_close; every
 * struct filled by a srw_store_* query is owned by the caller and released
 * with its _dispose function (safe on a zeroed struct).
 */
#ifndef SRW_STORE_H
#define SRW_STORE_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"
#include "srw/record.h"
#include "srw/review.h"

typedef struct srw_store srw_store;

#define SRW_SCHEMA_VERSION 9

/* Open (and migrate) a review database.  create = 1 makes a new file
 * (failing if one with other content exists is not required: init on an
 * existing database only migrates it); create = 0 fails with SRW_ENOTFOUND
 * when the file does not exist, saying to run `srw init`. */
int srw_store_open(srw_store **out, const char *path, int create, srw_error *err);
void srw_store_close(srw_store *s);
int srw_store_schema_version(srw_store *s);

/* What an import did, per record. */
typedef struct srw_import_stats {
    size_t n_new, n_updated, n_unchanged;
    size_t n_published_new, n_published_updated, n_published_unchanged;
    size_t n_uses_set;
    size_t n_grade_set;
    size_t n_changes;
    char **changes; /* human-readable lines, one per updated record/field set */
    long long last_record_before; /* records.id the database held up to before the import */
} srw_import_stats;
void srw_import_stats_dispose(srw_import_stats *st);

/* Group several writes into one transaction (e.g. a RevMan import: its
 * records, then its settings and stored results).  Writes made between
 * begin and commit each run in a savepoint of it; rollback undoes all.
 * Without begin, every write is a transaction of its own. */
int srw_store_begin(srw_store *s, srw_error *err);
/* As srw_store_begin, for an import large enough that writing each new
 * page once (a rollback journal for the transaction's duration, not WAL)
 * matters; see src/store/store.c. */
int srw_store_begin_bulk(srw_store *s, srw_error *err);

/* SQLite's page cache in memory of its own, 64 MB in 2 MiB pages where the
 * kernel allows them (src/store/page_cache.c), for a bulk import; SQLite
 * keeps no memory statistics while it exists.  It is process-wide, as
 * SQLite's page-cache configuration is: create it before the process's
 * first srw_store_open, free it after its last srw_store_close.
 * SRW_EUSAGE when SQLite is already in use. */
typedef struct srw_page_cache srw_page_cache;
int srw_store_page_cache_new(srw_page_cache **out, srw_error *err);
void srw_store_page_cache_free(srw_page_cache *pc);
int srw_store_commit(srw_store *s, srw_error *err);
void srw_store_rollback(srw_store *s);

/* Write every set in one transaction; on any failure nothing is written.
 * Checks the sets against what the database already holds (an outcome's
 * type and direction cannot change; a study's risk-of-bias judgement is
 * updated and reported).  entered_by names the person (e.g. $USER). */
int srw_store_import(srw_store *s, const srw_record_set *sets, size_t n_sets,
                     const char *entered_by, srw_import_stats *stats, srw_error *err);

/* An import whose trial records arrive one at a time (a large CSV read as
 * it goes, never whole in memory), in the same savepoint as the sets:
 *   open  writes the sets' use settings, records and published results;
 *         paths names the files whose records srw_import_add will pass
 *         (for the audit trail's entry);
 *   add   writes one record; it takes r's strings (r is left zeroed).
 *         The records of one path are those of one srw_trial_reader,
 *         which has refused one trial twice within an outcome of the file
 *         (under labels that differ in case or spacing too); add checks
 *         that across files and against the database;
 *   finish writes the sets' GRADE judgements and checks every record the
 *         import named for warnings (stats->changes), then frees imp;
 *   abandon rolls the import back and frees imp.
 * On failure of open, add or finish nothing of the import is kept (after a
 * failed add, call abandon); err says what and where. */
typedef struct srw_import srw_import;
int srw_store_import_open(srw_store *s, const srw_record_set *sets, size_t n_sets,
                          const char *const *paths, size_t n_paths, const char *entered_by,
                          srw_import_stats *stats, srw_import **out, srw_error *err);
int srw_import_add(srw_import *imp, const char *path, srw_record *r);
int srw_import_finish(srw_import *imp);
void srw_import_abandon(srw_import *imp);
typedef struct srw_store_counts {
    long uses, outcomes, studies, records, published;
} srw_store_counts;
int srw_store_count(srw_store *s, srw_store_counts *out, srw_error *err);

/* A small typed table, for listings (text or JSON). */
typedef enum srw_value_type { SRW_VALUE_NULL = 0, SRW_VALUE_INT, SRW_VALUE_REAL, SRW_VALUE_TEXT } srw_value_type;
typedef struct srw_value {
    srw_value_type type;
    long long i;
    double r;
    char *text;
} srw_value;
typedef struct srw_table {
    size_t n_cols, n_rows;
    char **columns;
    srw_value *cells; /* n_rows * n_cols, row-major */
} srw_table;
void srw_table_dispose(srw_table *t);
const srw_value *srw_table_cell(const srw_table *t, size_t row, size_t col);

/* what: "uses", "outcomes", "studies", "records" (every version; entered_by
 * is its reviewer), "extractions" (the same with reviewer, kind, status --
 * analysed, awaiting reconciliation or superseded -- and warnings) or
 * "published". */
int srw_store_list(srw_store *s, const char *what, srw_table *out, srw_error *err);
/* What the review keeps beside the records, as the import reads it back:
 * "published" (published results; estimates with the decimals they were
 * given), "uses" (use decision settings) or "grade" (GRADE judgements,
 * indirectness among them); columns named and ordered as the import's. */
int srw_store_export_table(srw_store *s, const char *what, srw_table *out, srw_error *err);

/* Names of uses, and of a use's outcomes, in a stable order (by name). */
typedef struct srw_name_list {
    size_t n;
    char **names;
} srw_name_list;
void srw_name_list_dispose(srw_name_list *l);
int srw_store_use_names(srw_store *s, srw_name_list *out, srw_error *err);
int srw_store_outcome_names(srw_store *s, const char *use, srw_name_list *out, srw_error *err);

/* Load one outcome into a srw_outcome_data (srw/review.h; studies ordered by subgroup, then label, as RevMan
 * sorts study IDs within subgroups).
 * SRW_ENOTFOUND with a message naming what exists when use or outcome is
 * unknown. */
int srw_store_load_outcome(srw_store *s, const char *use, const char *outcome,
                           srw_outcome_data *out, srw_error *err);

/* Decision settings of a use (srw_use_info, srw/review.h). */
int srw_store_load_use(srw_store *s, const char *use, srw_use_info *out, srw_error *err);

/* Published results of one use (all outcomes when outcome is NULL), as a
 * srw_published_list (srw/review.h). */
int srw_store_load_published(srw_store *s, const char *use, const char *outcome,
                             srw_published_list *out, srw_error *err);

#endif
