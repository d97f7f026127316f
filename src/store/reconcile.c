/* Double data extraction: where reviewers' extractions differ, how often
 * they agree (per field, and Cohen's kappa for risk-of-bias judgements),
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
    srw_name_list_dispose(&r->changed_since);
    memset(r, 0, sizeof *r);
}

/* Append a row of text cells (NULL -> null cell) to a table. */
static int table_row(srw_table *t, const char *const *cells, srw_error *err)
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
                rc = table_row(&out->differences, cells, err);
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

static int rob_category(const char *j)
{
    srw_rob_judgement r = srw_rob_judgement_parse(j);
    return r == SRW_ROB_LOW ? 0 : r == SRW_ROB_HIGH ? 1 : r == SRW_ROB_UNCLEAR ? 2 : -1;
}

/* Risk of bias: differences (not yet adjudicated) and kappa per pair. */
static int reconcile_rob(srw_store *s, const char *use, srw_reconcile_report *out, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(
        s, &st,
        "SELECT s.label, b.domain, b.reviewer, b.judgement,"
        " EXISTS (SELECT 1 FROM rob a WHERE a.study_id = b.study_id AND a.domain = b.domain"
        "   AND a.kind = 'adjudicated')"
        " FROM rob b JOIN studies s ON s.id = b.study_id WHERE b.kind = 'extraction' AND b.study_id IN"
        " (SELECT r.study_id FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = "
        "o.use_id"
        "  WHERE u.name = ?1) ORDER BY s.label, b.domain, b.reviewer",
        err);
    if (rc)
        return rc;
    srw_bind_text(st, 1, use);
    /* Rows in memory: the data of one use is small (studies x 7 domains x
     * reviewers). */
    size_t n = 0, cap = 0;
    struct item {
        char *study, *domain, *reviewer, *judgement;
        int adjudicated;
    } *items = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct item *p = realloc(items, cap * sizeof *p);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto done;
            }
            items = p;
        }
        struct item *it = &items[n++];
        it->study = srw_column_text_dup(st, 0);
        it->domain = srw_column_text_dup(st, 1);
        it->reviewer = srw_column_text_dup(st, 2);
        it->judgement = srw_column_text_dup(st, 3);
        it->adjudicated = sqlite3_column_int(st, 4);
        if (!it->study || !it->domain || !it->reviewer || !it->judgement) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read risk-of-bias judgements");
        goto done;
    }
    rc = 0;
    /* Differences, per study and domain (items are sorted that way). */
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        int differ = 0;
        while (j < n && strcmp(items[j].study, items[i].study) == 0 &&
               strcmp(items[j].domain, items[i].domain) == 0) {
            differ |= strcmp(items[j].judgement, items[i].judgement) != 0;
            j++;
        }
        if (differ) {
            out->n_rob_differences++;
            for (size_t k = i; k < j && rc == 0 && !items[i].adjudicated; k++) {
                const char *cells[] = {"(risk of bias)", items[k].study, items[k].domain, items[k].reviewer,
                                       items[k].judgement};
                rc = table_row(&out->differences, cells, err);
            }
        }
        i = j;
    }
    /* Kappa for every pair of reviewers over the items both judged. */
    for (size_t a = 0; a < n && rc == 0; a++) {
        for (size_t b = 0; b < n && rc == 0; b++) {
            if (strcmp(items[a].reviewer, items[b].reviewer) >= 0)
                continue;
            int seen = 0;
            for (size_t p = 0; p < out->n_pairs; p++)
                seen |= strcmp(out->pairs[p].reviewer_a, items[a].reviewer) == 0 &&
                        strcmp(out->pairs[p].reviewer_b, items[b].reviewer) == 0;
            if (seen)
                continue;
            int *ra = malloc(n * sizeof *ra), *rb = malloc(n * sizeof *rb);
            size_t m = 0;
            if (ra == NULL || rb == NULL) {
                free(ra);
                free(rb);
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                break;
            }
            for (size_t x = 0; x < n; x++) {
                if (strcmp(items[x].reviewer, items[a].reviewer) != 0)
                    continue;
                for (size_t y = 0; y < n; y++)
                    if (strcmp(items[y].reviewer, items[b].reviewer) == 0 &&
                        strcmp(items[y].study, items[x].study) == 0 &&
                        strcmp(items[y].domain, items[x].domain) == 0) {
                        ra[m] = rob_category(items[x].judgement);
                        rb[m] = rob_category(items[y].judgement);
                        m++;
                    }
            }
            if (m > 0) {
                srw_kappa_pair *pp = realloc(out->pairs, (out->n_pairs + 1) * sizeof *pp);
                if (pp == NULL) {
                    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                } else {
                    out->pairs = pp;
                    srw_kappa_pair *k = &pp[out->n_pairs++];
                    memset(k, 0, sizeof *k);
                    k->reviewer_a = strdup(items[a].reviewer);
                    k->reviewer_b = strdup(items[b].reviewer);
                    k->n = m;
                    rc = srw_agreement_kappa(ra, rb, m, 3, &k->kappa, &k->agreement, err);
                }
            }
            free(ra);
            free(rb);
        }
    }
done:
    for (size_t i = 0; i < n; i++) {
        free(items[i].study);
        free(items[i].domain);
        free(items[i].reviewer);
        free(items[i].judgement);
    }
    free(items);
    sqlite3_finalize(st);
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
                                           " AND a.kind = 'adjudicated')",
                                           "records") " WHERE u.name = ?1 AND r.kind = 'extraction'"
                                                      " ORDER BY o.name, s.label, r.reviewer",
                           err);
    if (rc)
        goto fail;
    srw_bind_text(st, 1, use);
    sqlite3_int64 cur_o = -1, cur_s = -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 oid = sqlite3_column_int64(st, 33), sid = sqlite3_column_int64(st, 25);
        if ((oid != cur_o || sid != cur_s) && (rc = close_group(out, &g, err)) != 0)
            goto fail;
        cur_o = oid;
        cur_s = sid;
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
        g.adjudicated = sqlite3_column_int(st, 34);
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read the extractions");
        goto fail;
    }
    if ((rc = close_group(out, &g, err)) != 0)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    if ((rc = reconcile_rob(s, use, out, err)) != 0)
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
                               " ORDER BY r.reviewer",
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

static int is_set(const char *const *fields, size_t n, const char *f)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i], f) == 0)
            return 1;
    return 0;
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
                                                        " AND r.kind = 'adjudicated'",
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
        " ON CONFLICT (outcome_id, study_id) WHERE kind = 'adjudicated' DO UPDATE SET"
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

/* One adjudicated judgement and its support, as adjudicate_rob decided. */
typedef struct adjudicated_rob {
    const char *study, *domain, *support_column, *judgement, *support, *adjudicator, *reason, *when;
} adjudicated_rob;

/* Writes a (was: the adjudicated row it replaces; wr: the upsert), with
 * its trail rows: the judgement, and the support when it changed (also
 * when cleared), each naming what it replaces. */
static int write_adjudicated_rob(srw_store *s, sqlite3_stmt *was, sqlite3_stmt *wr, sqlite3_stmt *audit,
                                 const adjudicated_rob *a, srw_error *err)
{
    srw_bind_text(was, 1, a->study);
    srw_bind_text(was, 2, a->domain);
    char *old_j = NULL, *old_sup = NULL;
    if (sqlite3_step(was) == SQLITE_ROW) {
        old_j = srw_column_text_dup(was, 0);
        old_sup = srw_column_text_dup(was, 1);
    }
    sqlite3_reset(was);
    int rc = 0;
    srw_bind_text(wr, 1, a->study);
    srw_bind_text(wr, 2, a->domain);
    srw_bind_text(wr, 3, a->adjudicator);
    srw_bind_text(wr, 4, a->judgement);
    srw_bind_text(wr, 5, a->support);
    srw_bind_text(wr, 6, a->reason);
    srw_bind_text(wr, 7, a->when);
    if (sqlite3_step(wr) != SQLITE_DONE || sqlite3_changes(s->db) == 0)
        rc = srw_store_fail(s, err, "cannot write an adjudicated judgement");
    sqlite3_reset(wr);
    srw_audit_row j = {a->when,        a->adjudicator, "adjudicate", NULL,         NULL,     a->study,
                       a->adjudicator, a->domain,      old_j,        a->judgement, a->reason};
    if (rc == 0)
        rc = srw_audit_write(s, audit, &j, err);
    srw_audit_row b = {a->when,        a->adjudicator,    "adjudicate", NULL,       NULL,     a->study,
                       a->adjudicator, a->support_column, old_sup,      a->support, a->reason};
    if (rc == 0 && !srw_same_text(old_sup, a->support))
        rc = srw_audit_write(s, audit, &b, err);
    free(old_j);
    free(old_sup);
    return rc;
}

/* d when field is a domain's support column (rob_sequence_support), else -1. */
static int support_domain(const char *field)
{
    for (int d = 0; d < SRW_ROB_N; d++)
        if (strcmp(field, srw_rob_support_column((srw_rob_domain)d)) == 0)
            return d;
    return -1;
}

/* Risk of bias of a study: accept's judgements and/or rob_* fields set.
 * A judgement's support is the one set, else the accepted reviewer's,
 * else the one all reviewers give. */
int srw_store_adjudicate_rob(srw_store *s, const char *study, const char *accept, const char *const *fields,
                             const char *const *values, size_t n, int only_set, const char *adjudicator,
                             const char *reason, srw_error *err)
{
    sqlite3_stmt *rd = NULL, *wr = NULL, *was = NULL, *audit = NULL;
    char when[32];
    srw_utc_now(when, sizeof when);
    int rc = srw_audit_prepare(s, &audit, err);
    if (rc == 0)
        rc = srw_store_prepare(
        s, &was,
        "SELECT b.judgement, b.support FROM rob b JOIN studies s ON s.id = b.study_id"
        " WHERE s.label = ?1 AND b.domain = ?2 AND b.kind = 'adjudicated'",
        err);
    if (rc == 0)
        rc = srw_store_prepare(
            s, &rd,
            "SELECT b.reviewer, b.judgement, b.support FROM rob b JOIN studies s"
            " ON s.id = b.study_id WHERE s.label = ?1 AND b.domain = ?2 AND b.kind = 'extraction'"
            " ORDER BY b.reviewer",
            err);
    if (rc == 0)
        rc = srw_store_prepare(
            s, &wr,
            "INSERT INTO rob (study_id, domain, reviewer, kind, judgement, support, reason,"
            " entered_by, entered_at) SELECT id, ?2, ?3, 'adjudicated', ?4, ?5, ?6, ?3, ?7"
            " FROM studies WHERE label = ?1 ON CONFLICT (study_id, domain) WHERE kind = 'adjudicated'"
            " DO UPDATE SET reviewer = excluded.reviewer, judgement = excluded.judgement,"
            " support = excluded.support, reason = excluded.reason,"
            " entered_by = excluded.entered_by, entered_at = excluded.entered_at",
            err);
    int written = 0, accepted_any = 0;
    for (int d = 0; d < SRW_ROB_N && rc == 0; d++) {
        const char *dom = srw_rob_domain_column((srw_rob_domain)d);
        const char *sup_col = srw_rob_support_column((srw_rob_domain)d);
        if (only_set && !is_set(fields, n, dom) && !is_set(fields, n, sup_col))
            continue;
        const char *chosen = NULL, *sup_set = NULL;
        char *accepted = NULL, *support = NULL, *first = NULL, *sup_first = NULL;
        int differ = 0, any = 0, sup_given = 0, sup_differ = 0;
        for (size_t i = 0; i < n; i++) {
            if (srw_rob_domain_parse(fields[i]) == d)
                chosen = values[i];
            if (support_domain(fields[i]) == d) {
                sup_given = 1;
                sup_set = values[i][0] ? values[i] : NULL; /* empty: none */
            }
        }
        srw_bind_text(rd, 1, study);
        srw_bind_text(rd, 2, dom);
        while (sqlite3_step(rd) == SQLITE_ROW) {
            const char *who = (const char *)sqlite3_column_text(rd, 0);
            const char *j = (const char *)sqlite3_column_text(rd, 1);
            const char *sp = (const char *)sqlite3_column_text(rd, 2);
            if (first == NULL) {
                first = strdup(j);
                sup_first = sp ? strdup(sp) : NULL;
            } else {
                differ |= strcmp(first, j) != 0;
                sup_differ |= !srw_same_text(sp, sup_first);
            }
            any = 1;
            if (accept && strcmp(who, accept) == 0) {
                accepted = strdup(j);
                support = srw_column_text_dup(rd, 2);
            }
        }
        sqlite3_reset(rd);
        accepted_any |= accepted != NULL;
        if (chosen == NULL)
            chosen = accepted ? accepted : (!differ ? first : NULL);
        /* The accepted reviewer's support goes with their judgement only:
         * a judgement set otherwise has none of theirs. */
        if (accepted != NULL && chosen != NULL && strcmp(chosen, accepted) != 0) {
            free(support);
            support = NULL;
        }
        if (sup_given) {
            free(support);
            support = sup_set ? strdup(sup_set) : NULL;
        } else if (accepted == NULL && !sup_differ && sup_first != NULL && chosen != NULL && !differ) {
            support = strdup(sup_first); /* every reviewer gives it, with one judgement */
        }
        if (chosen == NULL && !differ && sup_given)
            rc = SRW_FAIL(err, SRW_EDATA, "%s: no judgement of %s of '%s' to support: --set %s=low|high|unclear",
                          sup_col, dom, study, dom);
        if (rc == 0 && chosen == NULL && differ)
            rc = SRW_FAIL(err, SRW_EDATA,
                          "the reviewers judge %s of '%s' differently: give --accept REVIEWER or --set "
                          "%s=low|high|unclear",
                          dom, study, dom);
        else if (rc == 0 && chosen != NULL && srw_rob_judgement_parse(chosen) == SRW_ROB_UNSET)
            rc = SRW_FAIL(err, SRW_EDATA, "%s: '%s' is not low, high or unclear", dom, chosen);
        if (rc == 0 && chosen != NULL && (any || is_set(fields, n, dom))) {
            const adjudicated_rob a = {study, dom, sup_col, chosen, support, adjudicator, reason, when};
            rc = write_adjudicated_rob(s, was, wr, audit, &a, err);
            written++;
        }
        free(accepted);
        free(support);
        free(first);
        free(sup_first);
    }
    if (rc == 0 && accept != NULL && !accepted_any)
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "%s has no risk-of-bias judgement of '%s' to accept", accept, study);
    if (rc == 0 && written == 0)
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "no risk-of-bias judgements of '%s' to adjudicate", study);
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    sqlite3_finalize(was);
    sqlite3_finalize(audit);
    return rc;
}
