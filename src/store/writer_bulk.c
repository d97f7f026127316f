/* The speed machinery of an import (see store/writer.h): new records and
 * studies queued and written IMPORT_BATCH to a statement, the study
 * labels' index dropped and built once, and the read-back of records for
 * their warnings. */
#include "store/writer_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parameters of one record in add_record(s). */
#define RECORD_PARAMS 24

int srw_writer__prepare_batches(srw_writer *w, srw_error *err)
{
    static const char one[] =
        "INSERT INTO records (outcome_id, study_id, comparison, intervention, comparator,"
        " subgroup, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd,"
        " ctl_mean, ctl_sd, estimate, se, source, notes, entered_by, entered_at, reviewer,"
        " kind, measured_as, audit_id, arm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, 'extraction', ?22, ?23, ?24)";
    if (srw_store_prepare(w->s, &w->add_record, one, err) != 0)
        return SRW_EDB;
    /* The same, IMPORT_BATCH rows at a time (group g's parameters are those
     * of the one-row statement plus g times its parameter count). */
    char *rec = malloc(IMPORT_BATCH * 220 + 400);
    if (rec == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    size_t nr = (size_t)sprintf(rec, "INSERT INTO records (outcome_id, study_id, comparison, intervention,"
                                     " comparator, subgroup, exp_events, exp_total, ctl_events, ctl_total,"
                                     " exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, source, notes,"
                                     " entered_by, entered_at, reviewer, kind, measured_as, audit_id, arm) VALUES ");
    for (int g = 0; g < IMPORT_BATCH; g++) {
        nr += (size_t)sprintf(rec + nr, "%s(", g ? ", " : "");
        for (int i = 1; i <= 21; i++)
            nr += (size_t)sprintf(rec + nr, "?%d, ", g * RECORD_PARAMS + i);
        nr += (size_t)sprintf(rec + nr, "'extraction', ?%d, ?%d, ?%d)", g * RECORD_PARAMS + 22,
                              g * RECORD_PARAMS + 23, g * RECORD_PARAMS + 24);
    }
    int rc = srw_store_prepare(w->s, &w->add_records, rec, err) != 0 ? SRW_EDB : 0;
    free(rec);
    return rc;
}

/* Binds a queued record as parameters base + 1 .. base + 24 of add_record(s).
 * A record the import adds has its trail entry's who and when (schema 8):
 * entered_by and entered_at stay NULL. */
static void bind_record_at(sqlite3_stmt *st, int base, const struct pending_record *p)
{
    const srw_record *r = p->r;
    sqlite3_bind_int64(st, base + 1, p->oid);
    sqlite3_bind_int64(st, base + 2, p->sid);
    srw_bind_text_static(st, base + 3, r->comparison);
    srw_bind_text_static(st, base + 4, r->intervention);
    srw_bind_text_static(st, base + 5, r->comparator);
    srw_bind_text_static(st, base + 6, r->subgroup);
    srw_bind_count(st, base + 7, r->exp_events);
    srw_bind_count(st, base + 8, r->exp_total);
    srw_bind_count(st, base + 9, r->ctl_events);
    srw_bind_count(st, base + 10, r->ctl_total);
    srw_bind_real(st, base + 11, r->exp_mean);
    srw_bind_real(st, base + 12, r->exp_sd);
    srw_bind_real(st, base + 13, r->ctl_mean);
    srw_bind_real(st, base + 14, r->ctl_sd);
    srw_bind_real(st, base + 15, r->estimate);
    srw_bind_real(st, base + 16, r->se);
    srw_bind_text_static(st, base + 17, r->source);
    srw_bind_text_static(st, base + 18, r->notes);
    sqlite3_bind_null(st, base + 19);
    sqlite3_bind_null(st, base + 20);
    srw_bind_text_static(st, base + 21, p->reviewer);
    srw_bind_text_static(st, base + 22, r->measured_as);
    sqlite3_bind_int64(st, base + 23, p->audit);
    srw_bind_text_static(st, base + 24, r->arm ? r->arm : "");
}

/* Writes the queued new studies (label_index_later), with the ids given. */
static int flush_studies(srw_writer *w, srw_error *err)
{
    size_t n = w->n_queued;
    w->n_queued = 0;
    sqlite3_stmt *st = n == IMPORT_BATCH ? w->add_studies : w->add_study_one;
    for (size_t i = 0; i < n; i++) {
        const struct queued_study *q = &w->queued[i];
        int base = st == w->add_studies ? (int)i * 5 : 0;
        sqlite3_bind_text(st, base + 1, q->label, -1, SQLITE_STATIC);
        if (q->year != 0)
            sqlite3_bind_int(st, base + 2, q->year);
        else
            sqlite3_bind_null(st, base + 2);
        if (q->randomised != 0)
            sqlite3_bind_int64(st, base + 3, q->randomised);
        else
            sqlite3_bind_null(st, base + 3);
        sqlite3_bind_int64(st, base + 4, q->audit);
        sqlite3_bind_int64(st, base + 5, w->last_study_id - (srw_id)(n - 1 - i));
        if (st == w->add_studies && i + 1 < n)
            continue;
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return srw_store_fail(w->s, err, "cannot add a study");
    }
    return 0;
}

/* Writes the queued new records (ids in the order the rows were queued, as
 * one at a time would give them). */
int srw_writer_flush(srw_writer *w, srw_error *err)
{
    size_t n = w->n_pending;
    const struct pending_record *p = w->pending;
    int rc = flush_studies(w, err);
    if (rc)
        return rc;
    w->n_pending = 0;
    if (n == IMPORT_BATCH) {
        srw_id lo[2] = {p[0].oid, p[0].sid}, hi[2] = {p[0].oid, p[0].sid};
        for (size_t i = 0; i < n; i++) {
            bind_record_at(w->add_records, (int)i * RECORD_PARAMS, &p[i]);
            lo[0] = p[i].oid < lo[0] ? p[i].oid : lo[0];
            hi[0] = p[i].oid > hi[0] ? p[i].oid : hi[0];
            lo[1] = p[i].sid < lo[1] ? p[i].sid : lo[1];
            hi[1] = p[i].sid > hi[1] ? p[i].sid : hi[1];
        }
        rc = sqlite3_step(w->add_records);
        sqlite3_reset(w->add_records);
        if (rc == SQLITE_DONE) {
            srw_id last = sqlite3_last_insert_rowid(w->s->db);
            srw_store__bulk_vouch(w->s, last - (srw_id)n + 1, last, lo[0], hi[0], lo[1], hi[1]);
            return 0;
        }
        /* The statement undid itself: one at a time below finds the row. */
        if (sqlite3_extended_errcode(w->s->db) != SQLITE_CONSTRAINT_UNIQUE)
            return srw_store_fail(w->s, err, "cannot add a record");
    }
    for (size_t i = 0; i < n; i++) {
        bind_record_at(w->add_record, 0, &p[i]);
        rc = sqlite3_step(w->add_record);
        sqlite3_reset(w->add_record);
        if (rc == SQLITE_DONE) {
            srw_id id = sqlite3_last_insert_rowid(w->s->db);
            srw_store__bulk_vouch(w->s, id, id, p[i].oid, p[i].oid, p[i].sid, p[i].sid);
            continue;
        }
        if (sqlite3_extended_errcode(w->s->db) != SQLITE_CONSTRAINT_UNIQUE)
            return srw_store_fail(w->s, err, "cannot add a record");
        /* One extraction per reviewer, study, arm and outcome: the reader
         * finds a study twice in one outcome of a file; this is the same
         * study and outcome in two files of one import. */
        const srw_record *r = p[i].r;
        if (r->arm != NULL)
            SRW_FAIL(err, SRW_EDATA,
                     "study '%s' has arm '%s' twice in outcome '%s' of '%s' (also in an earlier file of this import)",
                     r->study, r->arm, r->outcome, r->use);
        else
            SRW_FAIL(err, SRW_EDATA,
                     "study '%s' appears twice in outcome '%s' of '%s' (also in an earlier file of this import)",
                     r->study, r->outcome, r->use);
        srw_error_locate(err, p[i].path, r->line, 0, "study");
        return SRW_EDATA;
    }
    return 0;
}

int srw_writer_record_queue(srw_writer *w, const char *path, const srw_record *r, srw_id outcome, srw_id study,
                            const char *reviewer, srw_id audit, srw_error *err)
{
    struct pending_record *p = &w->pending[w->n_pending++];
    p->path = path;
    p->r = r;
    p->reviewer = reviewer;
    p->oid = outcome;
    p->sid = study;
    p->audit = audit;
    return w->n_pending == IMPORT_BATCH ? srw_writer_flush(w, err) : 0;
}

/* --- the study labels' index ---------------------------------------------------- */

int srw_writer_labels_deferrable(const srw_writer *w)
{
    return w->label_index_deferrable && !w->label_index_later;
}

int srw_writer_labels_deferred(const srw_writer *w)
{
    return w->label_index_later;
}

int srw_writer_labels_defer(srw_writer *w, int (*each)(void *ctx, const char *label, srw_id id), void *ctx,
                            srw_error *err)
{
    w->label_index_deferrable = 0;
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, "SELECT id, label FROM studies", err), step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        srw_id id = sqlite3_column_int64(st, 0);
        rc = each(ctx, (const char *)sqlite3_column_text(st, 1), id);
        if (id > w->last_study_id)
            w->last_study_id = id;
    }
    sqlite3_finalize(st);
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(w->s, err, "cannot read the studies");
    if (rc || (rc = srw_store_exec(w->s, "DROP INDEX studies_label", err)) != 0)
        return rc;
    char sql[IMPORT_BATCH * 40 + 100];
    size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO studies (label, year, randomised, audit_id, id) VALUES ");
    for (int g = 0; g < IMPORT_BATCH; g++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(?%d, ?%d, ?%d, ?%d, ?%d)", g ? ", " : "", g * 5 + 1,
                              g * 5 + 2, g * 5 + 3, g * 5 + 4, g * 5 + 5);
    if ((rc = srw_store_prepare(w->s, &w->add_studies, sql, err)) != 0 ||
        (rc = srw_store_prepare(w->s, &w->add_study_one,
                                "INSERT INTO studies (label, year, randomised, audit_id, id) VALUES (?1, ?2, ?3, ?4, ?5)",
                                err)) != 0)
        return rc;
    w->label_index_later = 1;
    return 0;
}

int srw_writer_study_queue(srw_writer *w, const char *label, int year, long randomised, srw_id audit, srw_id *id,
                           srw_error *err)
{
    struct queued_study *q = &w->queued[w->n_queued++];
    q->label = label;
    q->year = year;
    q->randomised = randomised;
    q->audit = audit;
    *id = ++w->last_study_id;
    return w->n_queued == IMPORT_BATCH ? flush_studies(w, err) : 0;
}

int srw_writer_labels_build(srw_writer *w, srw_error *err)
{
    if (w->warned_one != NULL)
        sqlite3_reset(w->warned_one); /* its last row read, the index is built */
    if (!w->label_index_later)
        return 0;
    w->label_index_later = 0;
    return srw_store_exec(w->s, "CREATE UNIQUE INDEX studies_label ON studies (label)", err);
}

/* --- records read back for their warnings --------------------------------------- */

/* The study's randomised total only when some study states one (?2), and
 * its label only for a record that warns (srw_writer_study_label): most
 * records of a large import need neither, and a look-up per row costs. */
#define WARNED_SELECT                                                                                        \
    "SELECT u.name, o.name, r.study_id, o.type, r.exp_total, r.ctl_total, r.exp_mean, r.exp_sd, r.ctl_mean," \
    " r.ctl_sd, r.measured_as, r.outcome_id,"                                                                 \
    " CASE WHEN ?2 THEN (SELECT randomised FROM studies WHERE id = r.study_id) END"                          \
    " FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"

/* out->r views the row (its strings are SQLite's, valid until the next step). */
static void fill_warned(sqlite3_stmt *st, srw_warned *out)
{
    srw_record *r = &out->r;
    srw_record_init(r, 0);
    r->use = (char *)sqlite3_column_text(st, 0);
    r->outcome = (char *)sqlite3_column_text(st, 1);
    r->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 3));
    double *nums[] = {&r->exp_total, &r->ctl_total, &r->exp_mean, &r->exp_sd, &r->ctl_mean, &r->ctl_sd};
    for (int i = 0; i < 6; i++)
        *nums[i] = srw_column_real(st, 4 + i);
    r->measured_as = (char *)sqlite3_column_text(st, 10);
    out->study = sqlite3_column_int64(st, 2);
    out->outcome = sqlite3_column_int64(st, 11);
    out->randomised = srw_column_real(st, 12);
}

int srw_writer_warned_one(srw_writer *w, srw_id record, int any_randomised, srw_warned *out, srw_error *err)
{
    int rc = srw_store_prepare_kept(w->s, &w->warned_one, WARNED_SELECT " WHERE r.id = ?1", err);
    if (rc)
        return rc;
    sqlite3_reset(w->warned_one); /* the previous row's strings end here */
    sqlite3_bind_int64(w->warned_one, 1, record);
    sqlite3_bind_int(w->warned_one, 2, any_randomised);
    rc = sqlite3_step(w->warned_one);
    if (rc == SQLITE_ROW) {
        fill_warned(w->warned_one, out);
        return 1; /* reset by the next call: out's strings live until then */
    }
    sqlite3_reset(w->warned_one);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(w->s, err, "cannot read a record back");
}

int srw_writer_warned_added(srw_writer *w, srw_id after, srw_id max_outcome, int any_randomised,
                            int (*each)(void *ctx, const srw_warned *row), void *ctx, srw_error *err)
{
    /* Only continuous records can warn, unless some study states its
     * randomised total; only they have an SD, which rules the others out
     * before the join. */
    int rc = srw_store_prepare_kept(w->s, &w->warned_added,
                                    WARNED_SELECT " WHERE r.id > ?1 AND (r.exp_sd IS NOT NULL OR ?2)"
                                                  " AND (o.type = 'continuous' OR ?2) AND r.outcome_id <= ?3"
                                                  " ORDER BY r.id",
                                    err);
    if (rc)
        return rc;
    if (w->warned_one != NULL)
        sqlite3_reset(w->warned_one);
    sqlite3_stmt *st = w->warned_added;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, any_randomised);
    sqlite3_bind_int64(st, 3, max_outcome);
    srw_warned row;
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        fill_warned(st, &row);
        rc = each(ctx, &row);
    }
    sqlite3_reset(st);
    if (rc == 0 && step != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read the records back");
    return rc;
}
