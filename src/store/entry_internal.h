/* Internals of reviewer data entry shared by the store's files (not public):
 * the audit trail's writer, records read back, and their warnings'
 * context. */
#ifndef SRW_STORE_ENTRY_INTERNAL_H
#define SRW_STORE_ENTRY_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "srw/entry.h"
#include "srw/record.h"
#include "store/store_internal.h"
#include "store/writer.h"
#include "util/text.h"

/* A prepared INSERT into the audit trail (finalize with sqlite3_finalize). */
int srw_audit_prepare(srw_store *s, sqlite3_stmt **out, srw_error *err);
int srw_audit_write(srw_store *s, sqlite3_stmt *st, const srw_audit_row *row, srw_error *err);

/* srw's SQL functions, registered on every connection srw opens:
 * srw_record_text, which the audit_imported view calls, and srw_label_fold
 * (util/label.h), which merge matches trials with, and srw_decimal_text,
 * which an export writes published numbers with.  SQLITE_OK or an error. */
int srw_audit_register(sqlite3 *db);

/* Before a record an import added first changes: write the trail row the
 * audit_imported view derives for it into the trail itself (nothing when
 * the record has none; *st is prepared on first use, finalized by the
 * caller), so that the values it was imported with are kept.  The caller
 * clears records.audit_id in the same transaction. */
int srw_store__audit_freeze(srw_store *s, sqlite3_stmt **st, sqlite3_int64 record_id, srw_error *err);

/* Append a row of text cells (NULL: a null cell) to a table (reconcile.c). */
int srw_store__table_row(srw_table *t, const char *const *cells, srw_error *err);
/* The risk-of-bias part of srw_store_reconcile, RoB 1 and RoB 2 each on its
 * own: differences into out->differences, the counts and kappa pairs
 * (reconcile_rob.c). */
int srw_store__reconcile_rob(srw_store *s, const char *use, srw_reconcile_report *out, srw_error *err);

/* Run sql (with ?1 bound to arg when it has a parameter) into a table. */
int srw_store_query_table(srw_store *s, const char *sql, const char *arg, srw_table *out, srw_error *err);

/* Columns 0-34 of RECORD_SELECT, read by srw_store_fill_record (33, the
 * outcome's id, with the study's, 25, keys its RoB 2 judgements; 34 the
 * arm); extra columns (from 35) may follow in RECORD_SELECT_X. */
#define RECORD_SELECT(from) RECORD_SELECT_X("", from)
#define RECORD_SELECT_X(extra, from)                                                                         \
    "SELECT u.name, o.name, s.label, o.type, o.direction, o.unit, o.mid, o.mid_source, s.year,"              \
    " r.comparison, r.intervention, r.comparator, r.subgroup, r.exp_events, r.exp_total,"                    \
    " r.ctl_events, r.ctl_total, r.exp_mean, r.exp_sd, r.ctl_mean, r.ctl_sd, r.estimate, r.se,"              \
    " r.source, r.notes, r.study_id, r.reviewer, r.kind,"                                                    \
    " s.randomised, o.scale_min, o.scale_max, r.measured_as, o.measure, r.outcome_id, nullif(r.arm, '')"    \
    extra " FROM " from                                                                                      \
    " r"                                                                                                     \
    " JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"                                 \
    " JOIN studies s ON s.id = r.study_id"

/* A record with every number NAN and every string NULL. */
void srw_store_init_record(srw_record *r);
/* Read a RECORD_SELECT row into r (initialised here); -1 when out of memory. */
int srw_store_fill_record(sqlite3_stmt *st, srw_record *r);
/* Risk-of-bias judgements of a study: reviewer's extraction, or (reviewer
 * NULL) those that enter analyses. */
int srw_store_fill_rob(srw_store *s, sqlite3_int64 study_id, const char *reviewer, srw_record *r,
                       srw_error *err);

/* RoB 2 judgements of a result (outcome, study): reviewer's extraction, or
 * (reviewer NULL) those that enter analyses.  *st is prepared on first use
 * (for one kind of call: reviewer given or not) and finalized by the
 * caller, so that an export prepares it once. */
int srw_store_fill_rob2(srw_store *s, sqlite3_stmt **st, sqlite3_int64 outcome_id, sqlite3_int64 study_id,
                        const char *reviewer, srw_record *r, srw_error *err);

/* Removes the reviewer's RoB 2 judgements of a result (outcome, study)
 * with a trail row each, as row says (who, when, why; field and old value
 * per judgement and support, from held, the reviewer's record as
 * srw_store_get_record read it). */
int srw_store__rob2_remove(srw_store *s, sqlite3_int64 outcome_id, sqlite3_int64 study_id, const srw_record *held,
                           const srw_audit_row *row, sqlite3_stmt *audit, srw_error *err);

/* Median arm SD over every version of an outcome's records (NAN when none):
 * the typical SD of srw_record_context. */
int srw_store_outcome_typical_sd(srw_store *s, const char *use, const char *outcome, double *out,
                                 srw_error *err);
/* The whole warning context of r (srw_record_context) from the database:
 * typical SD, the study's randomised total, the outcome's scale range and
 * its studies measured as change / final values. */
int srw_store_record_context(srw_store *s, const srw_record *r, srw_record_context *ctx, srw_error *err);
/* Its parts, for an import that reads the outcome's once per outcome: the
 * outcome's (ctx initialised here; randomised left NAN), and a study's
 * randomised total through st, prepared from SRW_STUDY_RANDOMISED_SQL. */
int srw_store_outcome_context(srw_store *s, const srw_record *r, srw_record_context *ctx, srw_error *err);
#define SRW_STUDY_RANDOMISED_SQL "SELECT randomised FROM studies WHERE label = ?1"
int srw_store_study_randomised(srw_store *s, sqlite3_stmt *st, const char *study, double *out, srw_error *err);

#endif
