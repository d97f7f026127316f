/* Loading one outcome, a use's settings and published results for core and
 * the report (types and their _dispose: srw/review.h, src/core/review.c). */
#include "store/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int keep(srw_outcome_data *d, char *s, const char **slot)
{
    d->strings[d->n_strings++] = s;
    *slot = s;
    return 0;
}

/* Say what exists when a name is unknown, so the user can correct it
 * (what it may have meant, else the names, whole: names.c). */
static int not_found(srw_store *s, srw_error *err, const char *what, const char *name, const char *use)
{
    (void)what;
    int rc = srw_store__unknown_name(s, use, name, err);
    return rc == SRW_ENOMEM ? rc : SRW_ENOTFOUND;
}

/* "Botulinum toxin A vs placebo" and "Botulinum toxin B vs placebo" share
 * "Botulinum toxin vs placebo": the words both arms' names begin with, when
 * the comparators agree.  Otherwise *cmp becomes NULL. */
static void common_comparison(char **cmp, const char *other)
{
    const char *a = *cmp, *va = strstr(a, " vs "), *vb = strstr(other, " vs ");
    size_t word_end = 0;
    if (va != NULL && vb != NULL && strcmp(va, vb) == 0) {
        size_t la = (size_t)(va - a), lb = (size_t)(vb - other), n = la < lb ? la : lb, i = 0;
        for (; i < n && a[i] == other[i]; i++)
            if (a[i] == ' ')
                word_end = i;
        /* one name is the other's first words ("Botulinum toxin" in
         * "Botulinum toxin B"), or both are the same */
        if (i == n && (la == lb || (la > n ? a[n] : other[n]) == ' '))
            word_end = n;
    }
    char *joined = NULL;
    if (word_end > 0 && (joined = malloc(word_end + strlen(va) + 1)) != NULL) {
        memcpy(joined, a, word_end);
        strcpy(joined + word_end, va);
    }
    free(*cmp);
    *cmp = joined;
}

/* The moderators of the outcome's studies (and arms): their names, sorted,
 * and each row's value.  A study's value without an arm serves each of its
 * arms that has none of its own. */
static int load_moderators(srw_store *s, sqlite3_int64 oid, srw_outcome_data *out, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT DISTINCT m.name FROM moderators m WHERE m.study_id IN"
                               " (SELECT study_id FROM analysed_records WHERE outcome_id = ?1) ORDER BY m.name",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char **p = realloc(out->moderators, (out->n_moderators + 1) * sizeof *p);
        if (p == NULL || (p[out->n_moderators] = srw_column_text_dup(st, 0)) == NULL) {
            if (p != NULL)
                out->moderators = p;
            sqlite3_finalize(st);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        out->moderators = p;
        out->n_moderators++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot load moderators");
    if (out->n_moderators == 0 || out->set.k == 0)
        return 0;
    size_t k = out->set.k, n = out->n_moderators;
    if ((out->moderator_values = calloc(k * n, sizeof *out->moderator_values)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if ((rc = srw_store_prepare(s, &st,
                                "SELECT m.value FROM moderators m JOIN studies s ON s.id = m.study_id"
                                " WHERE s.label = ?1 AND m.name = ?2 AND m.arm IN (?3, '')"
                                " ORDER BY m.arm = '' LIMIT 1",
                                err)) != 0)
        return rc;
    for (size_t i = 0; i < k; i++)
        for (size_t m = 0; m < n; m++) {
            sqlite3_bind_text(st, 1, out->rows[i].study, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, out->moderators[m], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, out->info[i].arm ? out->info[i].arm : "", -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW && (out->moderator_values[i * n + m] = srw_column_text_dup(st, 0)) == NULL) {
                sqlite3_finalize(st);
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            }
            sqlite3_reset(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                sqlite3_finalize(st);
                return srw_store_fail(s, err, "cannot load moderators");
            }
        }
    sqlite3_finalize(st);
    return 0;
}

int srw_store_load_outcome(srw_store *s, const char *use, const char *outcome, srw_outcome_data *out,
                           srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT o.id, o.type, o.direction, o.unit, o.mid, o.mid_source, o.measure,"
                               " o.indirectness, o.indirectness_reason FROM outcomes o"
                               " JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, outcome, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return srw_store_fail(s, err, "cannot load an outcome");
        srw_name_list l = {0};
        int known_use = 0;
        if (srw_store_use_names(s, &l, NULL) == 0)
            for (size_t i = 0; i < l.n; i++)
                known_use |= strcmp(l.names[i], use) == 0;
        srw_name_list_dispose(&l);
        return known_use ? not_found(s, err, "outcome", outcome, use) : not_found(s, err, "use", use, NULL);
    }
    sqlite3_int64 oid = sqlite3_column_int64(st, 0);
    out->use = strdup(use);
    out->outcome = strdup(outcome);
    out->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 1));
    out->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 2));
    out->unit = srw_column_text_dup(st, 3);
    out->mid = srw_column_real(st, 4);
    out->mid_source = srw_column_text_dup(st, 5);
    out->measure = srw_column_text_dup(st, 6);
    out->indirectness = sqlite3_column_int(st, 7);
    out->indirectness_reason = srw_column_text_dup(st, 8);
    sqlite3_finalize(st);
    st = NULL;
    if (out->use == NULL || out->outcome == NULL)
        goto oom;

    rc = srw_store_prepare(s, &st,
                           "SELECT s.label, r.subgroup, r.exp_events, r.exp_total, r.ctl_events, r.ctl_total,"
                           " r.exp_mean, r.exp_sd, r.ctl_mean, r.ctl_sd, r.estimate, r.se, s.year, r.source,"
                           " r.notes, s.id, r.comparison, r.intervention, r.comparator,"
                           " (SELECT count(*) FROM records WHERE outcome_id = ?1)," /* >= the rows */
                           " nullif(r.arm, '')"
                           " FROM analysed_records r JOIN studies s ON s.id = r.study_id"
                           " WHERE r.outcome_id = ?1 ORDER BY coalesce(r.subgroup, ''), s.label, r.arm",
                           err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    size_t k = 0, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (cap == 0) {
            cap = (size_t)sqlite3_column_int64(st, 19);
            out->rows = calloc(cap, sizeof *out->rows);
            out->info = calloc(cap, sizeof *out->info);
            out->strings = calloc(2 * cap, sizeof *out->strings);
            if (!out->rows || !out->info || !out->strings)
                goto oom;
            out->comparison = srw_column_text_dup(st, 16);
            out->intervention = srw_column_text_dup(st, 17);
            out->comparator = srw_column_text_dup(st, 18);
        } else {
            /* The outcome's comparison is the one every record shares; when
             * records differ (type A and type B toxins in one outcome) there
             * is none, and writers fall back to neutral arm names. */
            char **shared[] = {&out->comparison, &out->intervention, &out->comparator};
            for (int c = 0; c < 3; c++) {
                const char *v = (const char *)sqlite3_column_text(st, 16 + c);
                if (*shared[c] != NULL && (v == NULL || strcmp(*shared[c], v) != 0)) {
                    if (c == 0 && v != NULL)
                        common_comparison(shared[c], v);
                    else {
                        free(*shared[c]);
                        *shared[c] = NULL;
                    }
                }
            }
        }
        if (k == cap)
            break;
        srw_study_row *r = &out->rows[k];
        srw_study_info *in = &out->info[k];
        out->set.k = k + 1; /* so dispose frees info strings of this row */
        char *label = srw_column_text_dup(st, 0);
        if (label == NULL)
            goto oom;
        keep(out, label, &r->study);
        char *sub = srw_column_text_dup(st, 1);
        if (sub)
            keep(out, sub, &r->subgroup);
        r->exp_events = srw_column_real(st, 2);
        r->exp_total = srw_column_real(st, 3);
        r->ctl_events = srw_column_real(st, 4);
        r->ctl_total = srw_column_real(st, 5);
        r->exp_mean = srw_column_real(st, 6);
        r->exp_sd = srw_column_real(st, 7);
        r->ctl_mean = srw_column_real(st, 8);
        r->ctl_sd = srw_column_real(st, 9);
        r->estimate = srw_column_real(st, 10);
        r->se = srw_column_real(st, 11);
        in->year = sqlite3_column_int(st, 12);
        in->source = srw_column_text_dup(st, 13);
        in->notes = srw_column_text_dup(st, 14);
        in->arm = srw_column_text_dup(st, 20);
        k++;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        rc = srw_store_fail(s, err, "cannot load an outcome's records");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    out->set.type = out->type;
    out->set.k = k;
    out->set.rows = out->rows;

    /* Risk of bias per study, by label (labels are unique). */
    rc = srw_store_prepare(s, &st,
                           "SELECT DISTINCT s.label, b.domain, b.judgement FROM analysed_rob b"
                           " JOIN studies s ON s.id = b.study_id"
                           " JOIN records r ON r.study_id = s.id WHERE r.outcome_id = ?1",
                           err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(st, 0);
        const char *dom = (const char *)sqlite3_column_text(st, 1);
        srw_rob_judgement j = srw_rob_judgement_parse((const char *)sqlite3_column_text(st, 2));
        for (size_t i = 0; i < k; i++) {
            if (strcmp(out->rows[i].study, label) != 0)
                continue;
            for (int d = 0; d < SRW_ROB_N; d++)
                if (strcmp(srw_rob_domain_column((srw_rob_domain)d), dom) == 0)
                    out->info[i].rob[d] = j;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load risk-of-bias judgements");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    /* RoB 2, of this outcome's results. */
    rc = srw_store_prepare(s, &st,
                           "SELECT s.label, b.domain, b.judgement FROM analysed_rob2 b"
                           " JOIN studies s ON s.id = b.study_id WHERE b.outcome_id = ?1",
                           err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(st, 0);
        int item = srw_rob2_item_parse((const char *)sqlite3_column_text(st, 1));
        srw_rob2_judgement j = srw_rob2_judgement_parse((const char *)sqlite3_column_text(st, 2));
        for (size_t i = 0; item >= 0 && i < k; i++)
            if (strcmp(out->rows[i].study, label) == 0)
                out->info[i].rob2[item] = j;
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load RoB 2 judgements");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    /* Studies whose extractions still wait for a third reviewer's decision
     * (two or more reviewers, no adjudication): not in the rows above. */
    rc = srw_store_prepare(s, &st, "SELECT count(*) FROM awaiting_records WHERE outcome_id = ?1", err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = srw_store_fail(s, err, "cannot count records awaiting reconciliation");
        goto fail;
    }
    out->n_awaiting = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    rc = srw_store_prepare(s, &st,
                           "SELECT domain, downgrade, reason FROM grade_overrides WHERE outcome_id = ?1"
                           " ORDER BY domain",
                           err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srw_stored_override *o = realloc(out->overrides, (out->n_overrides + 1) * sizeof *o);
        if (o == NULL)
            goto oom;
        out->overrides = o;
        o = &o[out->n_overrides];
        snprintf(o->domain, sizeof o->domain, "%s", (const char *)sqlite3_column_text(st, 0));
        o->downgrade = sqlite3_column_int(st, 1);
        o->reason = srw_column_text_dup(st, 2);
        out->n_overrides++;
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load GRADE overrides");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    if ((rc = srw_store__load_stored(s, oid, &out->stored, err)) != 0)
        goto fail;
    if ((rc = load_moderators(s, oid, out, err)) != 0)
        goto fail;
    return 0;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
fail:
    sqlite3_finalize(st);
    srw_outcome_data_dispose(out);
    return rc;
}

int srw_store_load_use(srw_store *s, const char *use, srw_use_info *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->mid = out->large = NAN;
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT name, description, primary_outcome, mid, mid_measure, mid_source, notes, source,"
                               " primary_source, large, large_source, id, search_date FROM uses WHERE name = ?1",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->name = srw_column_text_dup(st, 0);
        out->description = srw_column_text_dup(st, 1);
        out->primary_outcome = srw_column_text_dup(st, 2);
        out->mid = srw_column_real(st, 3);
        out->mid_measure = srw_column_text_dup(st, 4);
        out->mid_source = srw_column_text_dup(st, 5);
        out->notes = srw_column_text_dup(st, 6);
        out->source = srw_column_text_dup(st, 7);
        out->primary_source = srw_column_text_dup(st, 8);
        out->large = srw_column_real(st, 9);
        out->large_source = srw_column_text_dup(st, 10);
        out->search_date = srw_column_text_dup(st, 12);
        sqlite3_int64 id = sqlite3_column_int64(st, 11);
        sqlite3_finalize(st);
        st = NULL;
        /* The comparisons the use's records name: the intervention of
         * statements on outcomes without trials (core takes their words
         * in common). */
        rc = srw_store_prepare(s, &st,
                               "SELECT DISTINCT coalesce(r.comparison, r.intervention) AS c FROM analysed_records r"
                               " JOIN outcomes o ON o.id = r.outcome_id WHERE o.use_id = ?1 AND c IS NOT NULL"
                               " ORDER BY c",
                               err);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        while (sqlite3_step(st) == SQLITE_ROW) {
            char **p = realloc(out->comparisons, (out->n_comparisons + 1) * sizeof *p);
            if (p == NULL || (p[out->n_comparisons] = srw_column_text_dup(st, 0)) == NULL) {
                if (p != NULL)
                    out->comparisons = p;
                sqlite3_finalize(st);
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            }
            out->comparisons = p;
            out->n_comparisons++;
        }
        sqlite3_finalize(st);
        st = NULL;
        return srw_store__outcome_settings_load(s, id, &out->outcome_settings, &out->n_outcome_settings, err);
    } else if (rc == SQLITE_DONE) {
        rc = not_found(s, err, "use", use, NULL);
    } else {
        rc = srw_store_fail(s, err, "cannot load a use");
    }
    sqlite3_finalize(st);
    return rc;
}

int srw_store_load_published(srw_store *s, const char *use, const char *outcome, srw_published_list *out,
                             srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT u.name, p.outcome, p.review, p.version, p.search_date, p.measure, p.model,"
                               " p.method, p.estimate, p.ci_lower, p.ci_upper, p.trials, p.participants,"
                                " p.certainty, p.direction, p.source, p.notes, p.decimals, p.pooled_trials, p.scope FROM published p"
                               " JOIN uses u ON u.id = p.use_id WHERE u.name = ?1"
                               " AND (?2 IS NULL OR p.outcome = ?2) ORDER BY p.outcome, p.review, p.measure",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    srw_bind_text(st, 2, outcome);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            srw_published *p = realloc(out->items, cap * sizeof *p);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto fail;
            }
            out->items = p;
        }
        srw_published *p = &out->items[out->n++];
        memset(p, 0, sizeof *p);
        p->use = srw_column_text_dup(st, 0);
        p->outcome = srw_column_text_dup(st, 1);
        p->review = srw_column_text_dup(st, 2);
        p->version = srw_column_text_dup(st, 3);
        p->search_date = srw_column_text_dup(st, 4);
        p->measure = srw_column_text_dup(st, 5);
        p->model = srw_column_text_dup(st, 6);
        p->method = srw_column_text_dup(st, 7);
        p->estimate = srw_column_real(st, 8);
        p->ci_lower = srw_column_real(st, 9);
        p->ci_upper = srw_column_real(st, 10);
        p->trials = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 11);
        p->participants = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 12);
        p->certainty = srw_column_text_dup(st, 13);
        p->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 14));
        p->source = srw_column_text_dup(st, 15);
        p->notes = srw_column_text_dup(st, 16);
        p->decimals = sqlite3_column_int(st, 17);
        p->pooled_trials = srw_column_text_dup(st, 18);
        p->scope = srw_column_text_dup(st, 19);
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load published results");
        goto fail;
    }
    sqlite3_finalize(st);
    return 0;
fail:
    sqlite3_finalize(st);
    srw_published_list_dispose(out);
    return rc;
}
