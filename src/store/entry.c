/* One record at a time: read a reviewer's extraction, write it through the
 * import's code path, withdraw it, risk-of-bias judgements, the audit
 * trail's listing and the export (see srw/entry.h). */
#include "store/entry_internal.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_store_fill_record(sqlite3_stmt *st, srw_record *r)
{
    srw_record_init(r, 0);
    char **strs[] = {&r->use, &r->outcome, &r->study};
    for (int i = 0; i < 3; i++)
        if ((*strs[i] = srw_column_text_dup(st, i)) == NULL)
            return -1;
    r->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 3));
    r->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 4));
    r->unit = srw_column_text_dup(st, 5);
    r->mid = srw_column_real(st, 6);
    r->mid_source = srw_column_text_dup(st, 7);
    r->year = sqlite3_column_int(st, 8);
    r->comparison = srw_column_text_dup(st, 9);
    r->intervention = srw_column_text_dup(st, 10);
    r->comparator = srw_column_text_dup(st, 11);
    r->subgroup = srw_column_text_dup(st, 12);
    double *nums[] = {&r->exp_events, &r->exp_total, &r->ctl_events, &r->ctl_total, &r->exp_mean,
                      &r->exp_sd,     &r->ctl_mean,  &r->ctl_sd,     &r->estimate,  &r->se};
    for (int i = 0; i < 10; i++)
        *nums[i] = srw_column_real(st, 13 + i);
    r->source = srw_column_text_dup(st, 23);
    r->notes = srw_column_text_dup(st, 24);
    r->randomised = sqlite3_column_type(st, 28) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(st, 28);
    r->scale_min = srw_column_real(st, 29);
    r->scale_max = srw_column_real(st, 30);
    r->has_scale = !isnan(r->scale_min) && !isnan(r->scale_max);
    r->measured_as = srw_column_text_dup(st, 31);
    r->measure = srw_column_text_dup(st, 32);
    r->arm = srw_column_text_dup(st, 34);
    return 0;
}

/* Risk-of-bias judgements of a study: reviewer's extraction, or (reviewer
 * NULL) the ones that enter analyses. */
int srw_store_fill_rob(srw_store *s, sqlite3_int64 study_id, const char *reviewer, srw_record *r,
                       srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc =
        srw_store_prepare(s, &st,
                          reviewer ? "SELECT domain, judgement, source, support FROM rob WHERE study_id = ?1"
                                     " AND reviewer = ?2 AND kind = 'extraction' ORDER BY domain"
                                   : "SELECT domain, judgement, source, support FROM analysed_rob WHERE study_id = ?1"
                                     " ORDER BY domain",
                          err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, study_id);
    if (reviewer)
        srw_bind_text(st, 2, reviewer);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d = srw_rob_domain_parse((const char *)sqlite3_column_text(st, 0));
        if (d >= 0) {
            r->rob[d] = srw_rob_judgement_parse((const char *)sqlite3_column_text(st, 1));
            free(r->rob_support[d]);
            r->rob_support[d] = srw_column_text_dup(st, 3);
        }
        if (r->rob_source == NULL)
            r->rob_source = srw_column_text_dup(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot read risk-of-bias judgements");
}

int srw_rob_domain_parse(const char *name)
{
    if (name == NULL)
        return -1;
    for (int d = 0; d < SRW_ROB_N; d++) {
        const char *col = srw_rob_domain_column((srw_rob_domain)d);
        if (strcmp(col, name) == 0 || strcmp(col + 4, name) == 0) /* with or without "rob_" */
            return d;
    }
    return -1;
}

int srw_store_get_record(srw_store *s, const char *use, const char *outcome, const char *study,
                         const char *reviewer, srw_record *out, srw_error *err)
{
    srw_record_init(out, 0);
    sqlite3_stmt *st = NULL;
    int rc, found = 0;
    if ((out->use = strdup(use)) == NULL || (out->outcome = strdup(outcome)) == NULL ||
        (out->study = strdup(study)) == NULL)
        goto oom;
    /* What the outcome and the study already fix. */
    rc = srw_store_prepare(s, &st,
                           "SELECT o.type, o.direction, o.unit, o.mid, o.mid_source, o.scale_min, o.scale_max"
                           " FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2",
                           err);
    if (rc)
        goto fail;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 0));
        out->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 1));
        out->unit = srw_column_text_dup(st, 2);
        out->mid = srw_column_real(st, 3);
        out->mid_source = srw_column_text_dup(st, 4);
        out->scale_min = srw_column_real(st, 5);
        out->scale_max = srw_column_real(st, 6);
        out->has_scale = !isnan(out->scale_min) && !isnan(out->scale_max);
    }
    sqlite3_finalize(st);
    st = NULL;
    rc = srw_store_prepare(
        s, &st,
        reviewer ? RECORD_SELECT("records") " WHERE u.name = ?1 AND o.name = ?2 AND s.label = ?3"
                                            " AND r.reviewer = ?4 AND r.kind = 'extraction' AND r.arm = ''"
                 : RECORD_SELECT("analysed_records") " WHERE u.name = ?1 AND o.name = ?2"
                                                     " AND s.label = ?3 AND r.arm = ''",
        err);
    if (rc)
        goto fail;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    srw_bind_text(st, 3, study);
    if (reviewer)
        srw_bind_text(st, 4, reviewer);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 sid = sqlite3_column_int64(st, 25), oid = sqlite3_column_int64(st, 33);
        srw_record_dispose(out);
        if (srw_store_fill_record(st, out) != 0)
            goto oom;
        sqlite3_finalize(st);
        st = NULL;
        if ((rc = srw_store_fill_rob(s, sid, reviewer, out, err)) != 0 ||
            (rc = srw_store_fill_rob2(s, &st, oid, sid, reviewer, out, err)) != 0)
            goto fail;
        found = 1;
    } else if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read a record");
        goto fail;
    } else {
        /* No extraction yet: the study's year and randomised total, when
         * the study exists. */
        sqlite3_finalize(st);
        st = NULL;
        if ((rc = srw_store_prepare(s, &st, "SELECT year, randomised FROM studies WHERE label = ?1", err)) != 0)
            goto fail;
        srw_bind_text(st, 1, study);
        if (sqlite3_step(st) == SQLITE_ROW) {
            out->year = sqlite3_column_int(st, 0);
            out->randomised = (long)sqlite3_column_int64(st, 1);
        }
    }
    sqlite3_finalize(st);
    return found;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
fail:
    sqlite3_finalize(st);
    srw_record_dispose(out);
    return rc;
}

static int begin(srw_store *s, srw_error *err)
{
    return srw_store_exec(s, "BEGIN IMMEDIATE", err);
}

static int finish(srw_store *s, int rc, srw_error *err)
{
    if (rc == 0 && (rc = srw_store_exec(s, "COMMIT", err)) == 0)
        return 0;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int srw_store_remove_record(srw_store *s, const char *use, const char *outcome, const char *study,
                            const char *reviewer, const char *reason, srw_error *err)
{
    if (reason == NULL || reason[0] == '\0')
        return SRW_FAIL(err, SRW_EUSAGE, "removing a record needs a reason (--reason TEXT)");
    srw_record r;
    srw_record_init(&r, 0);
    sqlite3_stmt *del = NULL, *audit = NULL, *find = NULL, *freeze = NULL;
    char when[32], desc[1200];
    int rc = begin(s, err);
    if (rc)
        return rc;
    rc = srw_store_get_record(s, use, outcome, study, reviewer, &r, err);
    if (rc == 0)
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "%s has no record of '%s' for outcome '%s' of '%s'", reviewer,
                      study, outcome, use);
    if (rc < 0)
        goto done;
    srw_record_describe(&r, desc, sizeof desc);
    rc = srw_store_prepare(s, &find,
                           "SELECT r.id, r.outcome_id, r.study_id FROM records r JOIN studies s ON s.id = r.study_id"
                           " JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
                           " WHERE r.kind = 'extraction' AND r.reviewer = ?4 AND s.label = ?3"
                           " AND u.name = ?1 AND o.name = ?2 AND r.arm = ''",
                           err);
    if (rc)
        goto done;
    srw_bind_text(find, 1, use);
    srw_bind_text(find, 2, outcome);
    srw_bind_text(find, 3, study);
    srw_bind_text(find, 4, reviewer);
    if (sqlite3_step(find) != SQLITE_ROW) {
        rc = srw_store_fail(s, err, "cannot find the record to remove");
        goto done;
    }
    sqlite3_int64 id = sqlite3_column_int64(find, 0), oid = sqlite3_column_int64(find, 1),
                  sid = sqlite3_column_int64(find, 2);
    /* The trail keeps what an import added before it says it was removed. */
    if ((rc = srw_store__audit_freeze(s, &freeze, id, err)) != 0 ||
        (rc = srw_store_prepare(s, &del, "DELETE FROM records WHERE id = ?1", err)) != 0)
        goto done;
    sqlite3_bind_int64(del, 1, id);
    if (sqlite3_step(del) != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot remove a record");
        goto done;
    }
    srw_utc_now(when, sizeof when);
    srw_audit_row a = {when, reviewer, "remove", use, outcome, study, reviewer, "*", desc, NULL, reason};
    if ((rc = srw_audit_prepare(s, &audit, err)) == 0)
        rc = srw_audit_write(s, audit, &a, err);
    /* The reviewer's RoB 2 judgements of the result go with the record:
     * they judge it (RoB 1's judge the study, which stays). */
    if (rc == 0)
        rc = srw_store__rob2_remove(s, oid, sid, &r, &a, audit, err);
done:
    sqlite3_finalize(find);
    sqlite3_finalize(freeze);
    sqlite3_finalize(del);
    sqlite3_finalize(audit);
    srw_record_dispose(&r);
    return finish(s, rc, err);
}

int srw_store_set_rob(srw_store *s, const char *study, const char *reviewer,
                      const srw_rob_judgement rob[SRW_ROB_N], const char *support, srw_error *err)
{
    sqlite3_stmt *find = NULL, *upd = NULL, *add = NULL, *audit = NULL;
    char when[32];
    srw_utc_now(when, sizeof when);
    int rc = begin(s, err);
    if (rc)
        return rc;
    sqlite3_int64 sid = 0;
    if ((rc = srw_store_prepare(s, &find, "SELECT id FROM studies WHERE label = ?1", err)) != 0)
        goto done;
    srw_bind_text(find, 1, study);
    if (sqlite3_step(find) != SQLITE_ROW) {
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "no study '%s' in the review (enter one of its records first)",
                      study);
        goto done;
    }
    sid = sqlite3_column_int64(find, 0);
    sqlite3_finalize(find);
    find = NULL;
    if ((rc = srw_store_prepare(s, &find,
                                "SELECT judgement, support FROM rob WHERE study_id = ?1 AND domain = ?2"
                                " AND reviewer = ?3 AND kind = 'extraction'",
                                err)) != 0 ||
        (rc = srw_store_prepare(
             s, &upd,
             "UPDATE rob SET judgement = ?4, support = ?5, entered_by = ?3, entered_at = ?6"
             " WHERE study_id = ?1 AND domain = ?2 AND reviewer = ?3 AND kind = 'extraction'",
             err)) != 0 ||
        (rc = srw_store_prepare(
             s, &add,
             "INSERT INTO rob (study_id, domain, reviewer, kind, judgement, support, entered_by,"
             " entered_at) VALUES (?1, ?2, ?3, 'extraction', ?4, ?5, ?3, ?6)",
             err)) != 0 ||
        (rc = srw_audit_prepare(s, &audit, err)) != 0)
        goto done;
    for (int d = 0; d < SRW_ROB_N && rc == 0; d++) {
        if (rob[d] == SRW_ROB_UNSET)
            continue;
        const char *dom = srw_rob_domain_column((srw_rob_domain)d);
        const char *j = srw_rob_judgement_name(rob[d]);
        sqlite3_bind_int64(find, 1, sid);
        srw_bind_text(find, 2, dom);
        srw_bind_text(find, 3, reviewer);
        int step = sqlite3_step(find);
        char *old = step == SQLITE_ROW ? srw_column_text_dup(find, 0) : NULL;
        char *old_support = step == SQLITE_ROW ? srw_column_text_dup(find, 1) : NULL;
        sqlite3_reset(find);
        /* Without --support the judgement keeps the support it has; an
         * empty one clears it. */
        const char *sup = support == NULL ? old_support : support[0] ? support : NULL;
        int same_j = old != NULL && strcmp(old, j) == 0;
        int same_sup = srw_same_text(old_support, sup);
        if (!same_j || !same_sup) {
            sqlite3_stmt *w = old != NULL ? upd : add;
            sqlite3_bind_int64(w, 1, sid);
            srw_bind_text(w, 2, dom);
            srw_bind_text(w, 3, reviewer);
            srw_bind_text(w, 4, j);
            srw_bind_text(w, 5, sup);
            srw_bind_text(w, 6, when);
            int wrc = sqlite3_step(w);
            sqlite3_reset(w);
            if (wrc != SQLITE_DONE)
                rc = srw_store_fail(s, err, "cannot write a risk-of-bias judgement");
            /* The trail as an import writes it: the judgement and its
             * support, each a field of its own. */
            srw_audit_row a = {when, reviewer, "rob", NULL, NULL, study, reviewer, dom, old, j, NULL};
            if (rc == 0 && !same_j)
                rc = srw_audit_write(s, audit, &a, err);
            srw_audit_row b = {when,     reviewer,    "rob", NULL, NULL, study,
                               reviewer, srw_rob_support_column((srw_rob_domain)d), old_support, sup, NULL};
            if (rc == 0 && !same_sup)
                rc = srw_audit_write(s, audit, &b, err);
        }
        free(old);
        free(old_support);
    }
done:
    sqlite3_finalize(find);
    sqlite3_finalize(upd);
    sqlite3_finalize(add);
    sqlite3_finalize(audit);
    return finish(s, rc, err);
}

int srw_store_history(srw_store *s, const char *study, srw_table *out, srw_error *err)
{
    return srw_store_query_table(
        s,
        "SELECT at, who, action, use, outcome, study, reviewer, field, old_value AS old,"
        " new_value AS new, reason FROM audit_trail WHERE ?1 IS NULL OR study = ?1 ORDER BY seq, sub",
        study, out, err);
}

int srw_store_export(srw_store *s, const char *reviewer, srw_record_set *out, size_t *n_awaiting,
                     srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->kind = SRW_FILE_TRIALS;
    if (n_awaiting)
        *n_awaiting = 0;
    sqlite3_stmt *st = NULL, *rob2 = NULL, *mods = NULL;
    size_t cap = 0;
    /* Each record's moderators (its study's and arm's, as imported): the
     * export's mod_<name> columns. */
    int rc = srw_store_prepare(s, &mods,
                               "SELECT name, value FROM moderators WHERE study_id = ?1 AND arm = coalesce(?2, '')"
                               " ORDER BY name",
                               err);
    if (rc)
        return rc;
    /* In the order they were entered: imported again, the records get the
     * same order, and so each study the same first record (whose source
     * is the study's). */
    rc = srw_store_prepare(
        s, &st,
        reviewer ? RECORD_SELECT("records") " WHERE r.reviewer = ?1 AND r.kind = 'extraction' ORDER BY r.id"
                 : RECORD_SELECT("analysed_records") " ORDER BY r.id",
        err);
    if (rc) {
        sqlite3_finalize(mods);
        return rc;
    }
    if (reviewer)
        srw_bind_text(st, 1, reviewer);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_records == cap) {
            cap = cap ? 2 * cap : 32;
            srw_record *p = realloc(out->records, cap * sizeof *p);
            if (p == NULL)
                goto oom;
            out->records = p;
        }
        srw_record *r = &out->records[out->n_records++];
        if (srw_store_fill_record(st, r) != 0)
            goto oom;
        if ((rc = srw_store_fill_rob(s, sqlite3_column_int64(st, 25), reviewer, r, err)) != 0 ||
            (rc = srw_store_fill_rob2(s, &rob2, sqlite3_column_int64(st, 33), sqlite3_column_int64(st, 25), reviewer,
                                      r, err)) != 0)
            goto fail;
        sqlite3_bind_int64(mods, 1, sqlite3_column_int64(st, 25));
        srw_bind_text(mods, 2, r->arm);
        while ((rc = sqlite3_step(mods)) == SQLITE_ROW)
            if (srw_record_add_mod(r, (const char *)sqlite3_column_text(mods, 0),
                                   (const char *)sqlite3_column_text(mods, 1)) != 0) {
                sqlite3_reset(mods);
                goto oom;
            }
        sqlite3_reset(mods);
        if (rc != SQLITE_DONE) {
            rc = srw_store_fail(s, err, "cannot export the moderators");
            goto fail;
        }
    }
    sqlite3_finalize(rob2);
    rob2 = NULL;
    sqlite3_finalize(mods);
    mods = NULL;
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot export the records");
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (n_awaiting && reviewer == NULL) {
        if ((rc = srw_store_prepare(s, &st, "SELECT count(*) FROM awaiting_records", err)) != 0)
            goto fail;
        if (sqlite3_step(st) == SQLITE_ROW)
            *n_awaiting = (size_t)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return 0;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
fail:
    sqlite3_finalize(st);
    sqlite3_finalize(rob2);
    sqlite3_finalize(mods);
    srw_record_set_dispose(out);
    return rc;
}

int srw_store_set_single_reviewer(srw_store *s, int allowed, const char *who, srw_error *err)
{
    sqlite3_stmt *old = NULL, *st = NULL, *audit = NULL;
    char when[32];
    srw_utc_now(when, sizeof when);
    const char *value = allowed ? "allowed" : "not allowed";
    int rc = begin(s, err);
    if (rc)
        return rc;
    if ((rc = srw_store_prepare(s, &old, "SELECT value FROM review_settings WHERE key = 'single_reviewer'",
                                err)) ||
        (rc = srw_store_prepare(s, &st,
                                "INSERT INTO review_settings (key, value) VALUES ('single_reviewer', ?1)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                err)) ||
        (rc = srw_audit_prepare(s, &audit, err)))
        goto done;
    char *before = sqlite3_step(old) == SQLITE_ROW ? srw_column_text_dup(old, 0) : NULL;
    if (strcmp(before ? before : "allowed", value) == 0) { /* as it is: nothing to write */
        free(before);
        goto done;
    }
    srw_bind_text(st, 1, value);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot change the review's settings");
    srw_audit_row a = {
        when,  who, "setting", NULL, NULL, NULL, NULL, "single_reviewer", before ? before : "allowed",
        value, NULL};
    if (rc == 0)
        rc = srw_audit_write(s, audit, &a, err);
    free(before);
done:
    sqlite3_finalize(old);
    sqlite3_finalize(st);
    sqlite3_finalize(audit);
    return finish(s, rc, err);
}

int srw_store_outcome_typical_sd(srw_store *s, const char *use, const char *outcome, double *out,
                                 srw_error *err)
{
    *out = NAN;
    sqlite3_stmt *st;
    double *sds = NULL;
    size_t k = 0, cap = 0;
    /* Every version's arms: the median is robust to the one being checked. */
    int rc =
        srw_store_prepare_kept(s, &s->typical_sd,
                          "SELECT r.exp_sd, r.ctl_sd FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                          " JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2",
                          err);
    if (rc)
        return rc;
    st = s->typical_sd;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < 2; c++) {
            double v = srw_column_real(st, c);
            if (!(v > 0))
                continue;
            if (k == cap) {
                cap = cap ? cap * 2 : 16;
                double *p = realloc(sds, cap * sizeof *p);
                if (p == NULL) {
                    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                    goto done;
                }
                sds = p;
            }
            sds[k++] = v;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read the outcome's SDs");
        goto done;
    }
    rc = 0;
    *out = srw_record_typical_sd(sds, k);
done:
    free(sds);
    sqlite3_reset(st);
    return rc;
}

int srw_store_study_randomised(srw_store *s, sqlite3_stmt *st, const char *study, double *out, srw_error *err)
{
    *out = NAN;
    srw_bind_text(st, 1, study);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = (double)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot read the study's randomised total");
    return 0;
}

int srw_store_outcome_context(srw_store *s, const srw_record *r, srw_record_context *ctx, srw_error *err)
{
    srw_record_context_init(ctx);
    sqlite3_stmt *st;
    int rc = 0;
    if (r->type != SRW_TYPE_CONTINUOUS)
        return 0;
    if ((rc = srw_store_outcome_typical_sd(s, r->use, r->outcome, &ctx->typical_sd, err)) != 0)
        return rc;
    /* Studies, not versions: two reviewers' extractions of one study count
     * once (a study whose versions disagree counts for both kinds). */
    if ((rc = srw_store_prepare_kept(
             s, &s->outcome_scale,
             "SELECT o.scale_min, o.scale_max,"
             " (SELECT count(DISTINCT x.study_id) FROM records x WHERE x.outcome_id = o.id"
             "   AND x.measured_as = 'change'),"
             " (SELECT count(DISTINCT x.study_id) FROM records x WHERE x.outcome_id = o.id"
             "   AND x.measured_as = 'final')"
             " FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2",
             err)) != 0)
        return rc;
    st = s->outcome_scale;
    srw_bind_text(st, 1, r->use);
    srw_bind_text(st, 2, r->outcome);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ctx->scale_min = srw_column_real(st, 0);
        ctx->scale_max = srw_column_real(st, 1);
        ctx->n_change = (long)sqlite3_column_int64(st, 2);
        ctx->n_final = (long)sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot read the outcome's scale");
    return 0;
}

int srw_store_record_context(srw_store *s, const srw_record *r, srw_record_context *ctx, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_outcome_context(s, r, ctx, err);
    if (rc == 0 && (rc = srw_store_prepare(s, &st, SRW_STUDY_RANDOMISED_SQL, err)) == 0)
        rc = srw_store_study_randomised(s, st, r->study, &ctx->randomised, err);
    sqlite3_finalize(st);
    return rc;
}

int srw_store_record_warnings(srw_store *s, const char *use, const char *outcome, const char *study,
                              const char *reviewer, char *buf, size_t n, srw_error *err)
{
    if (n)
        buf[0] = '\0';
    srw_record r;
    int rc = srw_store_get_record(s, use, outcome, study, reviewer, &r, err);
    if (rc <= 0)
        return rc;
    srw_record_context ctx;
    if ((rc = srw_store_record_context(s, &r, &ctx, err)) == 0)
        srw_record_check_warnings(&r, &ctx, buf, n);
    srw_record_dispose(&r);
    return rc < 0 ? rc : 0;
}
