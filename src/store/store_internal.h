/* Internals shared by the store's files (not public). */
#ifndef SRW_STORE_INTERNAL_H
#define SRW_STORE_INTERNAL_H

#include <sqlite3.h>

#include "srw/store.h"

struct srw_store {
    sqlite3 *db;
    char *path;
    /* Statements an import's warnings run once per outcome (tens of
     * thousands in a large import): prepared on first use, reset after each,
     * finalized by srw_store_close. */
    sqlite3_stmt *typical_sd, *outcome_scale;
    /* srw_store_load_outcome's loader and its statements, made on first
     * use (src/store/outcome_load.c). */
    struct loader *outcome_loader;
    /* srw_store_begin_bulk left WAL for the rollback journal, and turned
     * foreign-key enforcement off for a check before commit (both set back
     * at the transaction's end). */
    int rollback_journal, fk_deferred;
    int write_depth, write_outermost; /* srw_store_savepoint's savepoints */
    sqlite3_int64 bulk_last_record; /* records.id before the bulk transaction */
    /* The records an import wrote in the bulk transaction, from
     * bulk_last_record + 1 to vouched_last without a gap, and the ranges of
     * the outcome ([0]) and study ([1]) ids it bound in them
     * (srw_store__bulk_vouch): check_references compares the ranges instead
     * of reading a million rows back.  vouch_broken: a record came from
     * elsewhere in between, and the rows are read back. */
    sqlite3_int64 vouched_last, vouched_min[2], vouched_max[2];
    int vouch_broken;
};

/* Records first .. last were just written with outcome ids in
 * [min_oid, max_oid] and study ids in [min_sid, max_sid]. */
void srw_store__bulk_vouch(srw_store *s, sqlite3_int64 first, sqlite3_int64 last, sqlite3_int64 min_oid,
                           sqlite3_int64 max_oid, sqlite3_int64 min_sid, sqlite3_int64 max_sid);

/* srw merge's settings step (merge_settings.c), inside its transaction
 * with the other file attached as "other". */
struct srw_merge_stats;
int srw_store__merge_check(srw_store *s, srw_error *err); /* one type, one direction per outcome */
/* Who merges, when, from which file, and the trail's prepared INSERT. */
typedef struct srw_merge_fill {
    const char *when, *who, *from;
    sqlite3_stmt *audit;
} srw_merge_fill;
int srw_store__merge_settings(srw_store *s, const srw_merge_fill *f, struct srw_merge_stats *stats, srw_error *err);
/* Before the merge copies them: the other file's uses with decision
 * settings and published results this file lacks, listed and written to
 * the trail (srw_merge_stats.filled). */
int srw_store__merge_copied(srw_store *s, const srw_merge_fill *f, struct srw_merge_stats *stats, srw_error *err);
/* After a merge, before its commit: no outcome holds one trial under two
 * labels that fold alike (util/label.h), wherever they came from (a file
 * older than a check may hold both). */
int srw_store__merge_trials_check(srw_store *s, srw_error *err);
/* After a merge, before its commit: no two uses, and no two outcomes of a
 * use, have names that fold alike (src/store/names.c). */
int srw_store__merge_names_check(srw_store *s, srw_error *err);
/* After a merge, before its commit: every published result fits its
 * outcome's type and direction, as an import requires. */
int srw_store__merge_published_check(srw_store *s, srw_error *err);

/* Frees srw_store's outcome loader (NULL is fine). */
void srw_store__outcome_loader_free(struct loader *L);
/* The error srw_store_find_use / _outcome give for a name that means
 * nothing (use NULL: a use; else an outcome of use): SRW_ENOTFOUND. */
int srw_store__unknown_name(srw_store *s, const char *use, const char *given, srw_error *err);

/* Turn the last SQLite error into an srw_error naming what was attempted. */
int srw_store_fail(srw_store *s, srw_error *err, const char *what);
/* A statement a caller keeps across calls: *st is prepared on first use
 * and reset (bindings cleared) on every later one; the caller finalizes
 * it.  The loaders below take such slots, so that reading a whole review
 * (src/store/scan.c) prepares each statement once, and a single load
 * passes a slot of its own and finalizes it after. */
int srw_store__kept(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err);

/* A use's outcome settings, by outcome name (src/store/outcome_settings.c). */
int srw_store__outcome_settings_load(srw_store *s, sqlite3_stmt **kept, sqlite3_int64 use,
                                     srw_outcome_settings **out, size_t *n, srw_error *err);

/* The analysis settings an imported RevMan review stored for outcome oid
 * (analysis_settings; src/store/revman.c); out->present 0 when none. */
struct srw_stored_analysis;
int srw_store__load_stored(srw_store *s, sqlite3_stmt **kept, sqlite3_int64 oid, struct srw_stored_analysis *out,
                           srw_error *err);

/* The statements of srw_store__load_use (src/store/load.c). */
typedef struct srw_store_use_stmts {
    sqlite3_stmt *use, *comparisons, *settings, *published;
} srw_store_use_stmts;
void srw_store__use_stmts_finalize(srw_store_use_stmts *k);
int srw_store__load_use(srw_store *s, srw_store_use_stmts *k, const char *use, srw_use_info *out, srw_error *err);
int srw_store__load_published(srw_store *s, sqlite3_stmt **kept, const char *use, const char *outcome,
                              srw_published_list *out, srw_error *err);
/* SRW_ENOTFOUND naming what exists: the uses (use NULL), or use's outcomes. */
int srw_store__not_found(srw_store *s, srw_error *err, const char *what, const char *name, const char *use);
/* A copy of line appended to *lines (*n of them): the lines of an import's
 * or a merge's stats. */
int srw_store__add_line(char ***lines, size_t *n, const char *line, srw_error *err);
int srw_store_prepare(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err);
int srw_store_exec(srw_store *s, const char *sql, srw_error *err);
/* srw_store_prepare into one of the store's kept statements (*st, a member
 * of srw_store), unless it is prepared already; the caller resets it. */
int srw_store_prepare_kept(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err);


/* Bind helpers: NULL for NULL text, NAN for real, negative / NAN for counts. */
int srw_bind_text(sqlite3_stmt *st, int i, const char *v);
/* As srw_bind_text, but SQLite keeps the pointer: only for strings that
 * outlive the statement's next sqlite3_step (an import's records). */
int srw_bind_text_static(sqlite3_stmt *st, int i, const char *v);
int srw_bind_real(sqlite3_stmt *st, int i, double v);
int srw_bind_count(sqlite3_stmt *st, int i, double v);
/* Column readers: NULL -> NULL / NAN; text copied with strdup. */
char *srw_column_text_dup(sqlite3_stmt *st, int i);
double srw_column_real(sqlite3_stmt *st, int i);

#endif
