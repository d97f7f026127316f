/* Double data extraction: where reviewers' extractions differ, how often
 * they agree (per field; risk of bias and Cohen's kappa: reconcile_rob.c),
 * and the third reviewer's adjudication (see srw/entry.h). */
#include "util/text.h"
#include "store/entry_internal.h"
#include "srw/agreement.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



void srw_reconcile_report_dispose(srw_reconcile_report *r)
{
    if (r == NULL)
        return;
    srw_table_dispose(&r->differences);
    for (size_t i = 0; i < r->n_fields; i++)
        free(r->fields[i].field);
    free(r->fields);
    for (size_t i = 0; i < r->n_pairs; i++) {
        free(r->pairs[i].reviewer_a);
        free(r->pairs[i].reviewer_b);
    }
    free(r->pairs);
    for (size_t i = 0; i < r->n_rob2_pairs; i++) {
        free(r->rob2_pairs[i].reviewer_a);
        free(r->rob2_pairs[i].reviewer_b);
    }
    free(r->rob2_pairs);
    srw_name_list_dispose(&r->changed_since);
    memset(r, 0, sizeof *r);
}

/* Append a row of text cells (NULL -> null cell) to a table. */
int srw_store__table_row(srw_table *t, const char *const *cells, srw_error *err)
{
    srw_value *v = realloc(t->cells, (t->n_rows + 1) * t->n_cols * sizeof *v);
    if (v == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    t->cells = v;
    srw_value *row = &v[t->n_rows * t->n_cols];
    memset(row, 0, t->n_cols * sizeof *row);
    t->n_rows++;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (cells[c] == NULL)
            continue;
        row[c].type = SRW_VALUE_TEXT;
        if ((row[c].text = strdup(cells[c])) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    return 0;
}

static int table_init(srw_table *t, const char *const *names, size_t n, srw_error *err)
{
    memset(t, 0, sizeof *t);
    if ((t->columns = calloc(n, sizeof *t->columns)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    t->n_cols = n;
    for (size_t i = 0; i < n; i++)
        if ((t->columns[i] = strdup(names[i])) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 0;
}

/* One study-outcome pair's extractions, one per reviewer. */
typedef struct group {
    size_t n, cap;
    srw_record *recs;
    char **reviewers;
    int adjudicated;
} group;

static void group_clear(group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        srw_record_dispose(&g->recs[i]);
        free(g->reviewers[i]);
    }
    g->n = 0;
    g->adjudicated = 0;
}

static void group_free(group *g)
{
    group_clear(g);
    free(g->recs);
    free(g->reviewers);
}

static int field_texts(const group *g, const char *field, char **texts, int *all_missing, int *all_same)
{
    *all_missing = 1;
    *all_same = 1;
    for (size_t i = 0; i < g->n; i++) {
        if (srw_record_field_text(&g->recs[i], field, &texts[i], NULL) != 0)
            return -1;
        if (texts[i])
            *all_missing = 0;
    }
    for (size_t i = 1; i < g->n; i++) {
        const char *a = texts[0], *b = texts[i];
        if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
            *all_same = 0;
    }
    return 0;
}

static int add_field_stat(srw_reconcile_report *out, const char *field, int agreed, srw_error *err)
{
    size_t i = 0;
    while (i < out->n_fields && strcmp(out->fields[i].field, field) != 0)
        i++;
    if (i == out->n_fields) {
        srw_field_agreement *f = realloc(out->fields, (out->n_fields + 1) * sizeof *f);
        if (f == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        out->fields = f;
        memset(&f[i], 0, sizeof f[i]);
        if ((f[i].field = strdup(field)) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        out->n_fields++;
    }
    out->fields[i].compared++;
    out->fields[i].agreed += agreed != 0;
    return 0;
}

static int close_group(srw_reconcile_report *out, group *g, srw_error *err)
{
    int rc = 0;
    if (g->n < 2)
        goto done;
    out->n_items++;
    if (!g->adjudicated)
        out->n_awaiting++;
    int any_diff = 0;
    char **texts = calloc(g->n, sizeof *texts);
    if (texts == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    /* Two extractions are compared on the record's own values (type,
     * direction, unit, MID and year belong to the outcome or study). */
    size_t n_cols;
    const srw_column *cols = srw_record_columns(&n_cols);
    for (size_t f = 0; f < n_cols && rc == 0; f++) {
        if (!cols[f].value)
            continue;
        const char *field = cols[f].name;
        int missing, same;
        if (field_texts(g, field, texts, &missing, &same) != 0)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        if (rc == 0 && !missing)
            rc = add_field_stat(out, field, same, err);
        if (rc == 0 && !same && !g->adjudicated) {
            any_diff = 1;
            for (size_t i = 0; i < g->n && rc == 0; i++) {
                const char *cells[] = {g->recs[i].outcome, g->recs[i].study, field, g->reviewers[i],
                                       texts[i] ? texts[i] : ""};
                rc = srw_store__table_row(&out->differences, cells, err);
            }
        }
        for (size_t i = 0; i < g->n; i++) {
            free(texts[i]);
            texts[i] = NULL;
        }
    }
    free(texts);
    if (!g->adjudicated && !any_diff)
        out->n_agreeing++;
done:
    group_clear(g);
    return rc;
}

int srw_store_reconcile(srw_store *s, const char *use, srw_reconcile_report *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    static const char *const cols[] = {"outcome", "study", "field", "reviewer", "value"};
    sqlite3_stmt *st = NULL;
    group g = {0};
    int rc = table_init(&out->differences, cols, 5, err);
    if (rc)
        goto fail;
    rc = srw_store_prepare(s, &st,
                           RECORD_SELECT_X(", EXISTS (SELECT 1 FROM records a WHERE"
                                           " a.outcome_id = r.outcome_id AND a.study_id = r.study_id"
                                           " AND a.arm = r.arm AND a.kind = 'adjudicated'), r.arm",
                                           "records") " WHERE u.name = ?1 AND r.kind = 'extraction'"
                                                      " ORDER BY o.name, s.label, r.arm, r.reviewer",
                           err);
    if (rc)
        goto fail;
    srw_bind_text(st, 1, use);
    sqlite3_int64 cur_o = -1, cur_s = -1;
    char cur_arm[256] = "";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 oid = sqlite3_column_int64(st, 33), sid = sqlite3_column_int64(st, 25);
        const char *arm = (const char *)sqlite3_column_text(st, 36);
        /* One group per study, arm and outcome: the reviewers' extractions
         * of one record. */
        if ((oid != cur_o || sid != cur_s || strcmp(cur_arm, arm ? arm : "") != 0) &&
            (rc = close_group(out, &g, err)) != 0)
            goto fail;
        cur_o = oid;
        cur_s = sid;
        snprintf(cur_arm, sizeof cur_arm, "%s", arm ? arm : "");
        if (g.n == g.cap) {
            g.cap = g.cap ? g.cap * 2 : 4;
            srw_record *r = realloc(g.recs, g.cap * sizeof *r);
            char **v = r ? realloc(g.reviewers, g.cap * sizeof *v) : NULL;
            if (r)
                g.recs = r;
            if (v)
                g.reviewers = v;
            if (r == NULL || v == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto fail;
            }
        }
        g.reviewers[g.n] = srw_column_text_dup(st, 26);
        int bad = srw_store_fill_record(st, &g.recs[g.n]);
        g.n++;
        if (bad || g.reviewers[g.n - 1] == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto fail;
        }
        g.adjudicated = sqlite3_column_int(st, 35);
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read the extractions");
        goto fail;
    }
    if ((rc = close_group(out, &g, err)) != 0)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    if ((rc = srw_store__reconcile_rob(s, use, out, err)) != 0)
        goto fail;
    /* Adjudications overtaken by later entries (the trail's order, not the
     * clock, which has one-second resolution). */
    rc = srw_store_prepare(
        s, &st,
        "SELECT o.name || ' / ' || s.label FROM records a JOIN outcomes o ON o.id = a.outcome_id"
        " JOIN uses u ON u.id = o.use_id JOIN studies s ON s.id = a.study_id"
        " WHERE a.kind = 'adjudicated' AND u.name = ?1 AND EXISTS (SELECT 1 FROM audit_trail x"
        "  WHERE x.study = s.label AND x.use = u.name AND x.outcome = o.name"
        "  AND x.action IN ('add', 'edit', 'import', 'remove', 'merge')"
        "  AND x.seq > (SELECT max(y.id) FROM audit y WHERE y.study = s.label AND y.use = u.name"
        "   AND y.outcome = o.name AND y.action = 'adjudicate'))"
        " ORDER BY o.name, s.label",
        err);
    if (rc)
        goto fail;
    srw_bind_text(st, 1, use);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srw_name_list *l = &out->changed_since;
        char **p = realloc(l->names, (l->n + 1) * sizeof *p);
        if (p == NULL || (p[l->n] = srw_column_text_dup(st, 0)) == NULL) {
            if (p)
                l->names = p;
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto fail;
        }
        l->names = p;
        l->n++;
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read the audit trail");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    group_free(&g);
    return 0;
fail:
    sqlite3_finalize(st);
    group_free(&g);
    srw_reconcile_report_dispose(out);
    return rc;
}

/* Reviewers with an extraction of (use, outcome, study), by name. */
static int reviewers_of(srw_store *s, const char *use, const char *outcome, const char *study,
                        srw_name_list *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT r.reviewer FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                               " JOIN uses u ON u.id = o.use_id JOIN studies s ON s.id = r.study_id"
                               " WHERE u.name = ?1 AND o.name = ?2 AND s.label = ?3 AND r.kind = 'extraction'"
                               " AND r.arm = '' ORDER BY r.reviewer",
                               err);
    if (rc)
        return rc;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    srw_bind_text(st, 3, study);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char **p = realloc(out->names, (out->n + 1) * sizeof *p);
        if (p == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto fail;
        }
        out->names = p;
        if ((p[out->n] = srw_column_text_dup(st, 0)) == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto fail;
        }
        out->n++;
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read the extractions");
        goto fail;
    }
    sqlite3_finalize(st);
    return 0;
fail:
    sqlite3_finalize(st);
    srw_name_list_dispose(out);
    return rc;
}

int srw_store_extractions(srw_store *s, const char *use, const char *outcome, const char *study,
                          srw_name_list *reviewers, srw_record **recs, srw_error *err)
{
    *recs = NULL;
    int rc = reviewers_of(s, use, outcome, study, reviewers, err);
    if (rc)
        return rc;
    if ((*recs = calloc(reviewers->n ? reviewers->n : 1, sizeof **recs)) == NULL)
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < reviewers->n; i++)
        if ((rc = srw_store_get_record(s, use, outcome, study, reviewers->names[i], &(*recs)[i], err)) > 0)
            rc = 0;
    if (rc) {
        for (size_t i = 0; *recs != NULL && i < reviewers->n; i++)
            srw_record_dispose(&(*recs)[i]);
        free(*recs);
        *recs = NULL;
        srw_name_list_dispose(reviewers);
    }
    return rc;
}

int srw_store_put_adjudicated(srw_store *s, const char *use, const char *outcome, const char *study,
                              const srw_record *result, const char *adjudicator, const char *why,
                              const char *reason, srw_error *err)
{
    srw_record old;
    srw_record_init(&old, 0);
    sqlite3_stmt *st = NULL, *audit = NULL;
    char when[32], desc[1200], old_desc[1200];
    srw_utc_now(when, sizeof when);
    srw_record_describe(result, desc, sizeof desc);
    int had = 0;
    /* The current adjudicated version, for the trail. */
    int rc = srw_store_prepare(s, &st,
                               RECORD_SELECT("records") " WHERE u.name = ?1 AND o.name = ?2 AND s.label = ?3"
                                                        " AND r.kind = 'adjudicated' AND r.arm = ''",
                               err);
    if (rc)
        goto done;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    srw_bind_text(st, 3, study);
    if (sqlite3_step(st) == SQLITE_ROW) {
        had = 1;
        if (srw_store_fill_record(st, &old) != 0) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        srw_record_describe(&old, old_desc, sizeof old_desc);
    }
    sqlite3_finalize(st);
    st = NULL;
    rc = srw_store_prepare(
        s, &st,
        "INSERT INTO records (outcome_id, study_id, reviewer, kind, comparison, intervention,"
        " comparator, subgroup, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd,"
        " ctl_mean, ctl_sd, estimate, se, source, notes, reason, entered_by, entered_at, measured_as)"
        " SELECT o.id, s.id, ?4, 'adjudicated', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
        " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?4, ?22, ?23 FROM outcomes o JOIN uses u"
        " ON u.id = o.use_id, studies s WHERE u.name = ?1 AND o.name = ?2 AND s.label = ?3"
        " ON CONFLICT (outcome_id, study_id, arm) WHERE kind = 'adjudicated' DO UPDATE SET"
        " reviewer = excluded.reviewer, comparison = excluded.comparison,"
        " intervention = excluded.intervention, comparator = excluded.comparator,"
        " subgroup = excluded.subgroup, exp_events = excluded.exp_events,"
        " exp_total = excluded.exp_total, ctl_events = excluded.ctl_events,"
        " ctl_total = excluded.ctl_total, exp_mean = excluded.exp_mean, exp_sd = excluded.exp_sd,"
        " ctl_mean = excluded.ctl_mean, ctl_sd = excluded.ctl_sd, estimate = excluded.estimate,"
        " se = excluded.se, source = excluded.source, notes = excluded.notes,"
        " reason = excluded.reason, entered_by = excluded.entered_by,"
        " entered_at = excluded.entered_at, measured_as = excluded.measured_as",
        err);
    if (rc == 0)
        rc = srw_audit_prepare(s, &audit, err);
    if (rc)
        goto done;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    srw_bind_text(st, 3, study);
    srw_bind_text(st, 4, adjudicator);
    const char *texts[] = {result->comparison, result->intervention, result->comparator, result->subgroup};
    for (int i = 0; i < 4; i++)
        srw_bind_text(st, 5 + i, texts[i]);
    const double nums[] = {result->exp_events, result->exp_total, result->ctl_events, result->ctl_total};
    for (int i = 0; i < 4; i++)
        srw_bind_count(st, 9 + i, nums[i]);
    const double reals[] = {result->exp_mean, result->exp_sd,   result->ctl_mean,
                            result->ctl_sd,   result->estimate, result->se};
    for (int i = 0; i < 6; i++)
        srw_bind_real(st, 13 + i, reals[i]);
    srw_bind_text(st, 19, result->source);
    srw_bind_text(st, 20, result->notes);
    srw_bind_text(st, 21, reason);
    srw_bind_text(st, 22, when);
    srw_bind_text(st, 23, result->measured_as);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot write the adjudicated record");
        goto done;
    }
    char why_full[1200];
    snprintf(why_full, sizeof why_full, "%s: %s", why, reason);
    srw_audit_row a = {when,        adjudicator, "adjudicate",          use,  outcome, study,
                       adjudicator, "*",         had ? old_desc : NULL, desc, why_full};
    rc = srw_audit_write(s, audit, &a, err);
done:
    sqlite3_finalize(st);
    sqlite3_finalize(audit);
    srw_record_dispose(&old);
    return rc;
}
