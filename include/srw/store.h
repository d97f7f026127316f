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
#include "srw/revman.h"
#include "srw/table.h"

typedef struct srw_store srw_store;

#define SRW_SCHEMA_VERSION 14

/* Open (and migrate) a review database.  create = 1 makes a new file
 * (failing if one with other content exists is not required: init on an
 * existing database only migrates it); create = 0 fails with SRW_ENOTFOUND
 * when the file does not exist, saying to run `srw init`. */
int srw_store_open(srw_store **out, const char *path, int create, srw_error *err);
void srw_store_close(srw_store *s);
int srw_store_schema_version(srw_store *s);

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
/* Keep other writers out for a moment, writing nothing: connections that
 * begin reading meanwhile all see the same data (several readers of one
 * pass, srw_store_scan_share).  0 when held; -1, at once, when another
 * writer holds the lock, the file is read-only or s is in a transaction.
 * srw_store_rollback lets them in again. */
int srw_store_hold_writers(srw_store *s);
void srw_store_rollback(srw_store *s);

/* A write's own scope: a savepoint, which is a transaction when no
 * srw_store_begin is open and part of the caller's otherwise.
 * srw_store_release(rc) releases it on rc == 0, else rolls it back;
 * returns rc (or the release's failure). */
int srw_store_savepoint(srw_store *s, srw_error *err);
int srw_store_release(srw_store *s, int rc, srw_error *err);

typedef struct srw_store_counts {
    long uses, outcomes, studies, records, published;
} srw_store_counts;
int srw_store_count(srw_store *s, srw_store_counts *out, srw_error *err);


/* what: "uses", "outcomes", "studies", "records" (every version; entered_by
 * is its reviewer), "extractions" (the same with reviewer, kind, status --
 * analysed, awaiting reconciliation or superseded -- and warnings),
 * "published" or "rob2" (the RoB 2 judgements that enter analyses: use,
 * outcome, study, domain, judgement, support). */
int srw_store_list(srw_store *s, const char *what, srw_table *out, srw_error *err);
/* The rows of srw_store_list(what) one by one, without a table ("extractions"
 * excepted): each() gets the column names and a row's values, texts
 * borrowed for the call; a non-zero return stops and is returned. */
typedef int (*srw_list_row)(void *ctx, const char *const *columns, const srw_value *row, size_t n_cols);
int srw_store_list_each(srw_store *s, const char *what, srw_list_row each, void *ctx, srw_error *err);
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
/* The same in the order they were added (by id): a report gives its file
 * names in this order, so a re-run, or a review grown since, keeps them. */
int srw_store_use_names_by_id(srw_store *s, srw_name_list *out, srw_error *err);
int srw_store_outcome_names_by_id(srw_store *s, const char *use, srw_name_list *out, srw_error *err);

/* --- names as people type them (src/store/names.c) -------------------------- */
/* Every use (outcome NULL) and every outcome name a use holds (its trial
 * outcomes' and those only its published results name), to each(); a
 * non-zero return stops and is returned.  For the import's check that two
 * names differ in more than letter case or spacing. */
int srw_store_each_name(srw_store *s,
                        int (*each)(void *ctx, long long use_id, const char *use, const char *outcome),
                        void *ctx, srw_error *err);
/* What --use and --outcome accept, the same for every command, tried in
 * this order: the name as stored; the name in any letter case or spacing
 * (as study labels fold, util/label.h); the short id `srw list` shows
 * ("u3" for a use, "o12" for an outcome); for an outcome, RevMan's analysis
 * number of an imported analysis ("1.1"); and, when prefix, the start of
 * exactly one name.  *out: the stored name (the caller frees it).
 * SRW_ENOTFOUND when given means none, with what it may have meant ("did
 * you mean ...?") or the names there are, never cut within a name;
 * SRW_EUSAGE when given starts several names (listed).  An outcome is of
 * use, the stored name of a use; outcomes only published results name
 * are found by name. */
int srw_store_find_use(srw_store *s, const char *given, int prefix, char **out, srw_error *err);
int srw_store_find_outcome(srw_store *s, const char *use, const char *given, int prefix, char **out,
                           srw_error *err);

/* Load one outcome into a srw_outcome_data (srw/review.h; studies ordered by subgroup, then label, as RevMan
 * sorts study IDs within subgroups).
 * SRW_ENOTFOUND with a message naming what exists when use or outcome is
 * unknown. */
int srw_store_load_outcome(srw_store *s, const char *use, const char *outcome,
                           srw_outcome_data *out, srw_error *err);

/* Decision settings of a use (srw_use_info, srw/review.h). */
int srw_store_load_use(srw_store *s, const char *use, srw_use_info *out, srw_error *err);

/* A whole review read in one pass (srw analyse --all, srw report): the
 * uses in the order of srw_store_use_names, each with its settings and
 * published results, then its outcomes in the order of
 * srw_store_outcome_names, each loaded as srw_store_load_outcome loads it.
 * Every statement is prepared once and the pass reads one snapshot of the
 * database; memory holds one use's settings and one outcome at a time.
 *
 *   srw_store_scan *sc;
 *   srw_store_scan_open(&sc, s, NULL, &err);
 *   while ((rc = srw_store_scan_use(sc, &ui, &pubs, &err)) == 1) {
 *       while ((rc = srw_store_scan_outcome(sc, &d, &err)) == 1) { ...; srw_outcome_data_dispose(&d); }
 *       ...
 *   }
 *   srw_store_scan_free(sc);
 *
 * use: one use only (SRW_ENOTFOUND, naming the uses, when there is none),
 * or NULL for every use.  srw_store_scan_use returns 1 with the next use's
 * settings and published results (of all its outcomes) in *ui and *pubs
 * (either may be NULL when not wanted; the caller disposes them), 0 after
 * the last use, negative on failure.  srw_store_scan_outcome returns 1
 * with the current use's next outcome in *out (the caller disposes it), 0
 * after its last.  srw_store_scan_free is safe on NULL. */
/* Once per process, before any store is opened and before any thread
 * starts (srw's main calls it): SQLite keeps no memory statistics.
 * Nothing in srw reads them, and keeping them takes a global lock on
 * every SQLite allocation, which the threads of srw analyse --all
 * contend for (bench/README.md). */
void srw_store_process_init(void);
typedef struct srw_store_scan srw_store_scan;
int srw_store_scan_open(srw_store_scan **out, srw_store *s, const char *use, srw_error *err);
int srw_store_scan_use(srw_store_scan *sc, srw_use_info *ui, srw_published_list *pubs, srw_error *err);
int srw_store_scan_outcome(srw_store_scan *sc, srw_outcome_data *out, srw_error *err);
void srw_store_scan_free(srw_store_scan *sc);
/* Part of a scan, for several readers of one review (each with its own
 * connection and the same snapshot): the outcomes, numbered 0, 1, ... in
 * the scan's order, go in runs of chunk, the runs to the parts in turn;
 * srw_store_scan_outcome then returns part's outcomes only (the others'
 * records are not read).  Call before the first srw_store_scan_use.
 * srw_store_scan_position: the number of outcomes passed so far, of any
 * part; after srw_store_scan_outcome returned one, that outcome's number
 * plus 1; after the scan, how many the review has. */
void srw_store_scan_share(srw_store_scan *sc, size_t part, size_t parts, size_t chunk);
size_t srw_store_scan_position(const srw_store_scan *sc);
/* The records' source and notes (srw_study_info) left NULL, for a reader
 * that shows neither (srw analyse): they are most of a record's text.
 * Call before the first srw_store_scan_use. */
void srw_store_scan_skip_texts(srw_store_scan *sc);
/* The data-entry warnings (srw_record_check_warnings) of d, the outcome
 * srw_store_scan_outcome returned last, as srw_store_record_warnings gives
 * them for each version that enters the analysis: out[i] (d->set.k
 * entries) is row i's "field: text; ..." (the caller frees each), or NULL
 * when it has none. */
int srw_store_scan_warnings(srw_store_scan *sc, const srw_outcome_data *d, char **out, srw_error *err);

/* Published results of one use (all outcomes when outcome is NULL), as a
 * srw_published_list (srw/review.h). */
/* Every claim the review holds (studies/claims.csv), in the order they
 * were entered, each with its use's name; the caller disposes each and
 * frees the array. */
int srw_store_load_claims(srw_store *s, srw_claim **out, size_t *n, srw_error *err);
int srw_store_load_published(srw_store *s, const char *use, const char *outcome,
                             srw_published_list *out, srw_error *err);

/* --- the store (src/store/revman.c) ---------------------------------------
 * Settings and stored results go to analysis_settings, revman_results,
 * revman_subgroup_results, revman_study_results and revman_rob; the measure
 * also to outcomes.measure so `srw analyse` uses it.  Call after
 * the import of r->set (srw/import.h: the outcomes must exist), between the same
 * srw_store_begin and srw_store_commit, so that the whole import is one
 * transaction (alone, it is a transaction of its own). */
int srw_store_revman_save(srw_store *s, const srw_rm5_review *r, const char *entered_by,
                          srw_error *err);

/* The studies with a record of outcome of use among the records up to
 * last_record (those stored before an import), by label. */
int srw_store_trials_before(srw_store *s, const char *use, const char *outcome, long long last_record,
                            srw_name_list *out, srw_error *err);

/* The analyses imported from the RevMan file source (its path as given)
 * whose outcomes hold records, in RevMan's order: use, outcome and
 * analysis number to each(); a non-zero return stops and is returned. */
int srw_store_revman_analyses_from(srw_store *s, const char *source,
                                   int (*each)(void *ctx, const char *use, const char *outcome, const char *number),
                                   void *ctx, srw_error *err);

/* Every stored analysis (settings and results), in RevMan's order; fills
 * out->analyses only (format "store"). */
int srw_store_revman_load(srw_store *s, srw_rm5_review *out, srw_error *err);


#endif
