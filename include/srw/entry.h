/* srw/entry.h - reviewer data entry: one record at a time, double data
 * extraction (two reviewers extract, a third adjudicates), merging another
 * reviewer's database, export, and the append-only audit trail.
 *
 * The model (migrations 1 -> 2 and 2 -> 3, src/store/store.c):
 *   - every record and risk-of-bias version carries its reviewer (and its
 *     entered_by is always that reviewer); each
 *     reviewer has at most one current extraction per study and outcome
 *     (per study and domain for risk of bias), kept beside the others';
 *   - an adjudicated version (one per study and outcome) records who decided
 *     and why;
 *   - what enters analyses (srw_store_load_outcome): the adjudicated version,
 *     else the single reviewer's extraction when exactly one reviewer
 *     extracted (the default "single-reviewer allowed" policy: a CSV import
 *     by one reviewer needs no reconciliation).  When two or more reviewers'
 *     extractions exist and none is adjudicated, the record awaits
 *     reconciliation and is left out (srw_outcome_data.n_awaiting counts it).
 *   - every change of a record or judgement writes the audit trail (who,
 *     when, old and new value, why); the trail is never updated or deleted
 *     (triggers refuse it).  Published results and use settings are not
 *     audited yet.
 *
 * Ownership: records and tables filled here are the caller's, released
 * with their _dispose (safe on zeroed structs); string arguments are
 * borrowed.  Every writing function is one transaction: all or nothing.
 */
#ifndef SRW_ENTRY_H
#define SRW_ENTRY_H

#include <stddef.h>
#include <stdio.h>

#include "srw/error.h"
#include "srw/record.h"
#include "srw/store.h"

/* --- warnings (srw_record_check_warnings: srw/record.h) --------------------------- */
/* The warnings of a study's record of an outcome (reviewer's extraction, or
 * NULL: the version that enters analyses), in buf ("" when none). */
int srw_store_record_warnings(srw_store *s, const char *use, const char *outcome, const char *study,
                              const char *reviewer, char *buf, size_t n, srw_error *err);

/* --- one record -------------------------------------------------------------- */
/* What the store knows of a study's record: use, outcome, study; the
 * outcome's type, direction, unit and MID; the study's year; and, when
 * reviewer is given, that reviewer's extraction and risk-of-bias judgements
 * (reviewer NULL: the version that enters analyses).  Returns 1 when such
 * an extraction exists, 0 when out holds only what the outcome and study
 * give (possibly nothing), or a negative srw_status. */
int srw_store_get_record(srw_store *s, const char *use, const char *outcome, const char *study,
                         const char *reviewer, srw_record *out, srw_error *err);

/* Withdraw reviewer's extraction (reason required); the trail keeps every
 * value it had.  SRW_ENOTFOUND when there is none. */
int srw_store_remove_record(srw_store *s, const char *use, const char *outcome, const char *study,
                            const char *reviewer, const char *reason, srw_error *err);

/* Record reviewer's risk-of-bias judgements of a study (UNSET domains are
 * left alone), each with the support text (may be NULL).  The study must
 * exist. */
int srw_store_set_rob(srw_store *s, const char *study, const char *reviewer,
                      const srw_rob_judgement rob[SRW_ROB_N], const char *support, srw_error *err);
/* "rob_sequence" or "sequence" -> the domain; -1 when unknown. */
int srw_rob_domain_parse(const char *name);
/* Record reviewer's RoB 2 judgements of a result: the study's record of
 * the outcome (any reviewer's must exist).  UNSET items are left alone;
 * support (may be NULL: each keeps its own; "" clears) goes with every
 * domain judged, not with the overall.  now (may be NULL) gets the
 * reviewer's judgements as they stand after the write (for the check of a
 * given overall, srw/rob.h).  The trail gets each judgement and support
 * that changed, as an import writes them. */
int srw_store_set_rob2(srw_store *s, const char *use, const char *outcome, const char *study, const char *reviewer,
                       const srw_rob2_judgement rob2[SRW_ROB2_ITEMS], const char *support,
                       srw_rob2_judgement now[SRW_ROB2_ITEMS], srw_error *err);

/* --- audit trail ------------------------------------------------------------- */
/* The trail in order (oldest first), of one study or (study NULL) all:
 * columns at, who, action, use, outcome, study, reviewer, field, old, new,
 * reason. */
int srw_store_history(srw_store *s, const char *study, srw_table *out, srw_error *err);

/* --- export ------------------------------------------------------------------ */
/* The trial records of the review as a trial-record set: reviewer's
 * extractions, or (reviewer NULL) the records that enter analyses.
 * n_awaiting (may be NULL) gets how many were left out because they await
 * reconciliation. */
int srw_store_export(srw_store *s, const char *reviewer, srw_record_set *out, size_t *n_awaiting,
                     srw_error *err);
/* --- double data extraction -------------------------------------------------- */
typedef struct srw_field_agreement {
    char *field;
    size_t compared, agreed; /* items where two or more reviewers gave it */
} srw_field_agreement;

typedef struct srw_kappa_pair {
    char *reviewer_a, *reviewer_b;
    size_t n;         /* study-domain items both judged */
    double agreement; /* observed proportion agreeing */
    double kappa;     /* Cohen's kappa; NAN when undefined (p_e = 1) */
} srw_kappa_pair;

typedef struct srw_reconcile_report {
    /* one row per reviewer and differing field:
     * outcome, study, field, reviewer, value ("" when missing) */
    srw_table differences;
    size_t n_items;    /* study-outcome pairs with two or more reviewers */
    size_t n_awaiting; /* of which not yet adjudicated */
    size_t n_agreeing; /* of which awaiting but identical in every field */
    size_t n_fields;
    srw_field_agreement *fields;
    size_t n_pairs;
    srw_kappa_pair *pairs;    /* RoB 1 judgements, per reviewer pair */
    size_t n_rob_differences; /* study-domain items judged differently */
    size_t n_rob2_pairs;
    srw_kappa_pair *rob2_pairs;  /* RoB 2 judgements (the five domains and the overall of each result) */
    size_t n_rob2_differences;   /* result-domain items judged differently */
    /* "outcome / study" of adjudicated records whose extractions were
     * entered, changed or removed after the adjudication (re-adjudicate) */
    srw_name_list changed_since;
} srw_reconcile_report;
void srw_reconcile_report_dispose(srw_reconcile_report *r);

/* Compare the reviewers' extractions of one use (records, the RoB 1
 * judgements of its studies and the RoB 2 judgements of its results;
 * differences rows of RoB 1 have outcome "(risk of bias)", of RoB 2 the
 * result's outcome, with the domain as field). */
int srw_store_reconcile(srw_store *s, const char *use, srw_reconcile_report *out, srw_error *err);

/* Every reviewer's extraction of a study's record (reviewers by name, recs
 * the caller's: dispose each, then free the array). */
int srw_store_extractions(srw_store *s, const char *use, const char *outcome, const char *study,
                          srw_name_list *reviewers, srw_record **recs, srw_error *err);
/* Writes r as the adjudicated version of the study's record, with its trail
 * row ("why: reason"); inside the caller's transaction. */
int srw_store_put_adjudicated(srw_store *s, const char *use, const char *outcome, const char *study,
                              const srw_record *r, const char *adjudicator, const char *why, const char *reason,
                              srw_error *err);
/* The adjudicated risk-of-bias judgements of a study: accept's, and/or the
 * rob_* fields set (only those when only_set); a judgement's support is the
 * one set, else the accepted reviewer's, else the one all reviewers give.
 * Inside the caller's transaction.  The adjudication as a whole:
 * srw_import_adjudicate (srw/import.h). */
int srw_store_adjudicate_rob(srw_store *s, const char *study, const char *accept, const char *const *fields,
                             const char *const *values, size_t n, int only_set, const char *adjudicator,
                             const char *reason, srw_error *err);
/* The adjudicated RoB 2 judgements of a result (use, outcome, study), by
 * the same rule over the five domains and the overall (rob2_* fields; the
 * overall has no support).  with_record: adjudicated with the result's
 * record (srw reconcile --accept with --outcome): every item the reviewers
 * judged, accept's where they have one, and none at all is no error;
 * without, only the items set.  Inside the caller's transaction. */
int srw_store_adjudicate_rob2(srw_store *s, const char *use, const char *outcome, const char *study,
                              const char *accept, const char *const *fields, const char *const *values, size_t n,
                              int with_record, const char *adjudicator, const char *reason, srw_error *err);

/* Cohen's kappa: srw_agreement_kappa in srw/agreement.h (core). */

/* The review's policy: allowed = 1 (the default) lets a record with one
 * reviewer's extraction and no adjudication enter analyses; 0 requires
 * adjudication of every record (and risk-of-bias judgement). */
int srw_store_set_single_reviewer(srw_store *s, int allowed, const char *who, srw_error *err);

/* --- merge ------------------------------------------------------------------- */
typedef struct srw_merge_stats {
    size_t n_records, n_identical, n_conflicts, n_rob, n_rob2, n_audit;
    /* Settings both files hold with different values, kept as they are
     * here: one line each ("outcome 'o' of 'u': mid 0.5 here, 0.8 in the
     * other file"); owned, freed by srw_merge_stats_dispose. */
    char **kept;
    size_t n_kept;
    /* Settings, GRADE judgements, uses' decision settings and published
     * results this file lacked, taken from the other ("outcome 'o' of 'u':
     * mid 0.8"); owned the same way. */
    char **filled;
    size_t n_filled;
} srw_merge_stats;
void srw_merge_stats_dispose(srw_merge_stats *stats);
/* Bring another review database's extractions in (one transaction): uses,
 * outcomes, studies, published results that are missing, the settings and
 * GRADE judgements this file lacks (src/store/merge_settings.c), every
 * reviewer's extractions and adjudications that are missing (records, RoB 1
 * and RoB 2 judgements), and its audit trail.  An outcome with another type or direction in the other file is
 * an error.
 * Never overwrites: where both files hold the same reviewer's extraction
 * with different values, the other file's version is kept as reviewer
 * "NAME@FILE" so that the conflict shows in srw_store_reconcile. */
int srw_store_merge(srw_store *s, const char *other_path, const char *who, srw_merge_stats *stats,
                    srw_error *err);

#endif
