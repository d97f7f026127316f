/* The typed writes and look-ups an import makes (src/import/ decides what
 * to write; this is how), each over a statement prepared once for the
 * whole import, and the machinery that makes a large import fast: new
 * records and studies written IMPORT_BATCH to a statement, the study
 * labels' index dropped and built once at the end, the references of the
 * records an import added vouched for by their id ranges (store.c).
 *
 * Internal to srw (store and import).  Every function returns 0 or a
 * negative srw_status with err filled, unless it says otherwise; the
 * look-ups return 1 when they find, 0 when not.  Strings passed in are
 * borrowed for the call, except where a comment says they are kept until
 * the next flush (the queues bind them without copying).
 */
#ifndef SRW_STORE_WRITER_H
#define SRW_STORE_WRITER_H

#include <stddef.h>

#include "srw/record.h"
#include "srw/store.h"

typedef long long srw_id;

/* Rows per multi-row INSERT: SQLite's per-statement work (step, reset, the
 * statement's transaction bookkeeping) is spread over this many rows. */
#define IMPORT_BATCH 32

/* One line of the audit trail; NULL fields are stored as NULL. */
typedef struct srw_audit_row {
    const char *at, *who, *action;
    const char *use, *outcome, *study, *reviewer;
    const char *field, *old_value, *new_value, *reason;
} srw_audit_row;

typedef struct srw_writer srw_writer;

/* What the database held when the writer opened. */
typedef struct srw_writer_before {
    srw_id max_record, max_outcome, max_study;
    int had_published;
} srw_writer_before;

/* Prepares the import's statements (inside the caller's transaction). */
int srw_writer_open(srw_writer **out, srw_store *s, srw_writer_before *before, srw_error *err);
void srw_writer_free(srw_writer *w);

/* Writes the queued studies and records (before anything reads them; the
 * look-ups below flush first where they must). */
int srw_writer_flush(srw_writer *w, srw_error *err);

/* --- the audit trail ------------------------------------------------------- */
/* A row; *id (may be NULL) gets its id. */
int srw_writer_trail(srw_writer *w, const srw_audit_row *row, srw_id *id, srw_error *err);
/* Before a record an import added first changes: the trail row the
 * audit_imported view derives for it, written into the trail itself. */
int srw_writer_trail_freeze(srw_writer *w, srw_id record, srw_error *err);

/* --- uses ---------------------------------------------------------------------- */
int srw_writer_use_find(srw_writer *w, const char *name, srw_id *id, srw_error *err);
int srw_writer_use_add(srw_writer *w, const char *name, const char *who, const char *when, srw_id *id,
                       srw_error *err);
/* The use's decision settings (srw_use_settings_init'ed; use, line unset):
 * 1 when it has any (a primary outcome), 0 when none. */
int srw_writer_use_settings(srw_writer *w, srw_id use, srw_use_settings *out, srw_error *err);
/* One outcome's settings in a use (srw_outcome_settings_init'ed first):
 * 1 found, 0 none, or a negative status (src/store/outcome_settings.c). */
int srw_writer_outcome_settings_get(srw_writer *w, srw_id use, const char *outcome, srw_outcome_settings *out,
                                    srw_error *err);
/* Writes o as the outcome's settings, replacing stored ones. */
int srw_writer_outcome_settings_put(srw_writer *w, srw_id use, const srw_outcome_settings *o, const char *who,
                                    const char *when, srw_error *err);
int srw_writer_use_settings_put(srw_writer *w, srw_id use, const srw_use_settings *u, const char *who,
                                const char *when, srw_error *err);
/* A claim of a use by its words (srw_claim_init'ed here): 1 found, 0 none,
 * or a negative status (src/store/claim.c). */
int srw_writer_claim_get(srw_writer *w, srw_id use, const char *claim, srw_claim *out, srw_error *err);
/* Writes c as the use's claim, updating the stored one when it exists. */
int srw_writer_claim_put(srw_writer *w, int exists, srw_id use, const srw_claim *c, const char *who,
                         const char *when, srw_error *err);

/* --- outcomes ----------------------------------------------------------------- */
typedef struct srw_stored_outcome {
    srw_outcome_type type;
    srw_direction direction;
    double mid, scale_min, scale_max;  /* NAN when not set */
    char *measure, *unit, *mid_source; /* owned */
} srw_stored_outcome;
void srw_stored_outcome_dispose(srw_stored_outcome *o);

int srw_writer_outcome_find(srw_writer *w, srw_id use, const char *name, srw_id *id, srw_error *err);
int srw_writer_outcome_find_named(srw_writer *w, const char *use, const char *name, srw_id *id, srw_error *err);
/* A new outcome with r's type and settings. */
int srw_writer_outcome_add(srw_writer *w, srw_id use, const srw_record *r, const char *who, const char *when,
                           srw_id *id, srw_error *err);
int srw_writer_outcome_get(srw_writer *w, srw_id id, srw_stored_outcome *out, srw_error *err);
/* Sets the settings given (NULL texts and NAN numbers leave theirs). */
int srw_writer_outcome_fill(srw_writer *w, srw_id id, const char *direction, const char *unit, double mid,
                            const char *mid_source, const char *measure, double scale_min, double scale_max,
                            srw_error *err);
/* The published results stored for outcome name of use: each's review,
 * measure and direction (NULL when not stated) to each(); a non-zero
 * return of each stops and is returned. */
int srw_writer_outcome_published(srw_writer *w, srw_id use, const char *name,
                                 int (*each)(void *ctx, const char *review, const char *measure,
                                             const char *direction),
                                 void *ctx, srw_error *err);
/* Every study with a record (any reviewer's) in the outcome. */
int srw_writer_outcome_trials(srw_writer *w, srw_id outcome,
                              int (*each)(void *ctx, srw_id study, const char *label), void *ctx, srw_error *err);

/* --- studies ------------------------------------------------------------------- */
/* 1 when a study has the label. */
int srw_writer_study_known(srw_writer *w, const char *label, srw_error *err);
/* A new study (1, *id), or 0 when one has the label already (nothing
 * written); audit is the trail entry it points at. */
int srw_writer_study_insert(srw_writer *w, const char *label, int year, long randomised, srw_id audit,
                            srw_id *id, srw_error *err);
/* The study with the label, its year and total filled in where missing. */
int srw_writer_study_upsert(srw_writer *w, const char *label, int year, long randomised, srw_id audit,
                            srw_id *id, srw_error *err);
/* Its year and randomised total (0 when not stated). */
int srw_writer_study_get(srw_writer *w, srw_id id, int *year, long *randomised, srw_error *err);
/* Sets the year and total given (0 leaves theirs). */
int srw_writer_study_fill(srw_writer *w, srw_id id, int year, long randomised, srw_error *err);
int srw_writer_study_label(srw_writer *w, srw_id id, char *buf, size_t n, srw_error *err);
/* 1 when some study states its randomised total. */
int srw_writer_any_randomised(srw_writer *w, srw_error *err);

/* The study labels' index, in a bulk import (srw_store_begin_bulk) into a
 * database of at most SRW_LABEL_PRELOAD_MAX studies: inserted one by one in
 * the file's order, a million labels land all over it, so the index is
 * dropped and built with one sort at the end.  Then a label the caller's
 * map lacks is a new study, queued with an id the writer gives. */
#define SRW_LABEL_PRELOAD_MAX 100000
/* 1 when the index may be dropped. */
int srw_writer_labels_deferrable(const srw_writer *w);
/* 1 when it has been: the caller's map knows every label. */
int srw_writer_labels_deferred(const srw_writer *w);
/* Every stored label and id to each() (for the caller's map), then the
 * index goes; inside the import's savepoint, so that a failed import gets
 * it back with the rest. */
int srw_writer_labels_defer(srw_writer *w, int (*each)(void *ctx, const char *label, srw_id id), void *ctx,
                            srw_error *err);
/* After srw_writer_labels_defer: a new study, queued; label is kept until
 * the next flush. */
int srw_writer_study_queue(srw_writer *w, const char *label, int year, long randomised, srw_id audit, srw_id *id,
                           srw_error *err);
/* The index back, when deferred (at the end of the import). */
int srw_writer_labels_build(srw_writer *w, srw_error *err);

/* --- records ---------------------------------------------------------------- */
/* reviewer's extraction of the outcome's study (its arm; NULL none): 1 with its id and values
 * (the record's own values: srw_column.value) in *stored, which the caller
 * disposes; 0 when there is none. */
int srw_writer_record_find(srw_writer *w, srw_id outcome, srw_id study, const char *arm, const char *reviewer,
                           srw_record *stored, srw_id *id, srw_error *err);
/* A new extraction, queued: r (and its strings) are kept until the next
 * flush; audit is the import's trail entry, which it points at.  When the
 * flush finds the same study and outcome twice (in two files of an
 * import), err names path:line of the second. */
int srw_writer_record_queue(srw_writer *w, const char *path, const srw_record *r, srw_id outcome, srw_id study,
                            const char *reviewer, srw_id audit, srw_error *err);
/* reviewer's extraction (of r's arm) replaced by r's values (its trail
 * entry is then the trail's rows: audit_id cleared). */
int srw_writer_record_update(srw_writer *w, srw_id outcome, srw_id study, const char *reviewer, const char *when,
                             const srw_record *r, srw_error *err);

/* --- moderators ---------------------------------------------------------------- */
/* The study's (and arm's; NULL for the study) value of moderator name: 1
 * with *value (owned), 0 none. */
int srw_writer_moderator_get(srw_writer *w, srw_id study, const char *arm, const char *name, char **value,
                             srw_error *err);
/* Writes it, replacing a stored one. */
int srw_writer_moderator_put(srw_writer *w, srw_id study, const char *arm, const char *name, const char *value,
                             const char *who, const char *when, srw_error *err);

/* --- risk of bias ------------------------------------------------------------ */
/* reviewer's judgement of the study in a domain ("rob_sequence"): 1 with
 * *judgement and *support (owned, NULL when none), 0 when none. */
int srw_writer_rob_get(srw_writer *w, srw_id study, const char *domain, const char *reviewer, char **judgement,
                       char **support, srw_error *err);
/* Writes it (replacing the one srw_writer_rob_get found when exists). */
int srw_writer_rob_put(srw_writer *w, int exists, srw_id study, const char *domain, const char *judgement,
                       const char *source, const char *reviewer, const char *when, const char *support,
                       srw_error *err);

/* --- RoB 2 (rob2.c) ----------------------------------------------------------- */
/* reviewer's RoB 2 judgement of the result (outcome, study) in item
 * ("rob2_missing", "rob2_overall"): 1 with *judgement and *support (owned,
 * NULL when none), 0 when none. */
int srw_writer_rob2_get(srw_writer *w, srw_id outcome, srw_id study, const char *item, const char *reviewer,
                        char **judgement, char **support, srw_error *err);
/* Writes it (replacing the one srw_writer_rob2_get found when exists). */
int srw_writer_rob2_put(srw_writer *w, int exists, srw_id outcome, srw_id study, const char *item,
                        const char *judgement, const char *reviewer, const char *when, const char *support,
                        srw_error *err);

/* --- published results -------------------------------------------------------- */
/* The stored result of p's use, outcome, review and measure: 1 with it in
 * *stored (the caller disposes), 0 when none. */
int srw_writer_published_find(srw_writer *w, srw_id use, const srw_published *p, srw_published *stored,
                              srw_error *err);
int srw_writer_published_put(srw_writer *w, int exists, srw_id use, const srw_published *p, const char *who,
                             const char *when, srw_error *err);

/* --- GRADE judgements --------------------------------------------------------- */
/* The reviewer's judgement of a domain: 1 with *downgrade, *reason and
 * *source (owned; NULL for an indirectness never judged, a source not
 * given), 0 when none. */
int srw_writer_grade_get(srw_writer *w, srw_id outcome, const char *domain, int *downgrade, char **reason,
                         char **source, srw_error *err);
int srw_writer_grade_put(srw_writer *w, srw_id outcome, const char *domain, int downgrade, const char *reason,
                         const char *source, const char *who, const char *when, srw_error *err);

/* --- records read back for their warnings --------------------------------------- */
/* What a warning reads of a record: r views it (use, outcome, type, the arm
 * totals, means and SDs, measured_as; valid until the next row), with its
 * study's and outcome's ids and the study's randomised total (NAN unless
 * any_randomised). */
typedef struct srw_warned {
    srw_record r;
    srw_id study, outcome;
    double randomised;
} srw_warned;
/* The record with this id: 1 and *out, or 0. */
int srw_writer_warned_one(srw_writer *w, srw_id record, int any_randomised, srw_warned *out, srw_error *err);
/* The records above id after, of outcomes up to max_outcome, in id order,
 * that can warn (continuous ones, or any when any_randomised). */
int srw_writer_warned_added(srw_writer *w, srw_id after, srw_id max_outcome, int any_randomised,
                            int (*each)(void *ctx, const srw_warned *row), void *ctx, srw_error *err);
/* The outcome's warning context (srw_record_context): its typical SD, scale
 * and change/final mix, as the database holds them now. */
int srw_writer_outcome_context(srw_writer *w, const srw_record *r, srw_record_context *ctx, srw_error *err);

#endif
