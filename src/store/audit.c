/* The audit trail: append-only (the schema's triggers refuse UPDATE and
 * DELETE on it), one row per change: who, when, what (old and new), why. */
#include "srw/decimal.h"
#include "store/entry_internal.h"
#include "util/label.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int srw_audit_prepare(srw_store *s, sqlite3_stmt **out, srw_error *err)
{
    return srw_store_prepare(
        s, out,
        "INSERT INTO audit (at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        err);
}

int srw_audit_write(srw_store *s, sqlite3_stmt *st, const srw_audit_row *row, srw_error *err)
{
    const char *v[] = {row->at,       row->who,   row->action,    row->use,       row->outcome, row->study,
                       row->reviewer, row->field, row->old_value, row->new_value, row->reason};
    for (int i = 0; i < 11; i++) /* the row's strings outlive the step below */
        srw_bind_text_static(st, i + 1, v[i]);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot write the audit trail");
}

/* srw_record_text(type, exp_events, exp_total, ctl_events, ctl_total,
 * exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, comparison,
 * intervention, comparator, subgroup, source, notes, measured_as[, arm]):
 * the record's description as srw_record_describe writes it, so that the
 * trail row the audit_imported view derives from a record reads exactly as
 * the row an import once wrote per record.  The arm came with schema 13;
 * the 18-argument form is the views' of the migrations before it. */
static void record_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    srw_record r;
    double *nums[] = {&r.exp_events, &r.exp_total, &r.ctl_events, &r.ctl_total, &r.exp_mean,
                      &r.exp_sd,     &r.ctl_mean,  &r.ctl_sd,     &r.estimate,  &r.se};
    char **texts[] = {&r.comparison, &r.intervention, &r.comparator, &r.subgroup,
                      &r.source,     &r.notes,        &r.measured_as, &r.arm};
    char buf[1200];
    srw_record_init(&r, 0);
    if (argc != 18 && argc != 19)
        return;
    r.type = srw_outcome_type_parse((const char *)sqlite3_value_text(argv[0]));
    for (int i = 0; i < 10; i++)
        *nums[i] = sqlite3_value_type(argv[1 + i]) == SQLITE_NULL ? NAN : sqlite3_value_double(argv[1 + i]);
    /* Read-only views of SQLite's values, valid during this call. */
    for (int i = 0; i < argc - 11; i++)
        *texts[i] = (char *)sqlite3_value_text(argv[11 + i]);
    srw_record_describe(&r, buf, sizeof buf);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* srw_label_fold(label): the label as srw matches trials (util/label.h). */
static void label_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *label = argc == 1 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
    if (label == NULL)
        return; /* NULL */
    char *buf = NULL;
    size_t cap = 0;
    const char *out = srw_label_fold(label, &buf, &cap);
    if (out == NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
    free(buf);
}

/* srw_decimal_text(value, decimals): a published number as text with the
 * decimals it was given (srw/decimal.h), so that an export reads back
 * the same value at the same precision. */
static void decimal_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc != 2 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return; /* NULL */
    char buf[512];
    int decimals = sqlite3_value_type(argv[1]) == SQLITE_NULL ? -1 : sqlite3_value_int(argv[1]);
    srw_decimal_text(sqlite3_value_double(argv[0]), decimals, buf, sizeof buf);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

int srw_audit_register(sqlite3 *db)
{
    int rc = sqlite3_create_function_v2(db, "srw_record_text", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        record_text, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "srw_label_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        label_fold, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "srw_decimal_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        decimal_text, NULL, NULL, NULL);
    return rc;
}

int srw_store__audit_freeze(srw_store *s, sqlite3_stmt **st, sqlite3_int64 record_id, srw_error *err)
{
    int rc = srw_store_prepare_kept(
        s, st,
        "INSERT INTO audit (seq, sub, at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason) SELECT seq, sub, at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason FROM audit_imported WHERE sub = ?1",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(*st, 1, record_id);
    rc = sqlite3_step(*st);
    sqlite3_reset(*st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot write the audit trail");
    return 0;
}
