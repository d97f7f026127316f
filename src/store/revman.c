/* RevMan analysis settings and RevMan's stored results (schema 3 -> 4):
 * srw_store_revman_save / srw_store_revman_load, see include/srw/rm5.h. */
#include "store/store_internal.h"
#include "srw/revman.h"
#include "srw/review.h"
#include "util/grow.h"
#include "util/strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { Q_FIND, Q_SETTINGS, Q_MEASURE, Q_RESULTS, Q_DEL_SUB, Q_SUB, Q_DEL_STUDY, Q_STUDY, Q_SET_ROB, Q_ROB,
       Q_OTHER, Q_N };

/* Each write changes only what differs from what is stored: a RevMan file
 * imported again unchanged leaves the database as it was (it rewrote every
 * row, with the new importer's name, before). */
#define SETTINGS_COLS                                                                                          \
    "source_format, source, revman_id, number, name, data_type, revman_measure, measure, method, model,"       \
    " ci_study, ci_total, swap_events, totals, subgroup_test, subgroups, log_data, group_label_1,"            \
    " group_label_2, graph_label_1, graph_label_2, sort_order"
#define POOLED_COLS "present, estimable, effect, ci_lower, ci_upper, tau2, chi2, df, p_chi2, i2, z, p_z"
static const char *const save_sql[Q_N] = {
    [Q_FIND] = "SELECT o.id FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2",
    [Q_SETTINGS] = "INSERT INTO analysis_settings (outcome_id, " SETTINGS_COLS ", entered_by, entered_at) VALUES (?1,"
                   " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
                   " ?23, ?24, ?25) ON CONFLICT (outcome_id) DO UPDATE SET (" SETTINGS_COLS ", entered_by,"
                   " entered_at) = (SELECT excluded.source_format, excluded.source, excluded.revman_id,"
                   " excluded.number, excluded.name, excluded.data_type, excluded.revman_measure, excluded.measure,"
                   " excluded.method, excluded.model, excluded.ci_study, excluded.ci_total, excluded.swap_events,"
                   " excluded.totals, excluded.subgroup_test, excluded.subgroups, excluded.log_data,"
                   " excluded.group_label_1, excluded.group_label_2, excluded.graph_label_1, excluded.graph_label_2,"
                   " excluded.sort_order, excluded.entered_by, excluded.entered_at)"
                   " WHERE (" SETTINGS_COLS ") IS NOT (SELECT excluded.source_format, excluded.source,"
                   " excluded.revman_id, excluded.number, excluded.name, excluded.data_type, excluded.revman_measure,"
                   " excluded.measure, excluded.method, excluded.model, excluded.ci_study, excluded.ci_total,"
                   " excluded.swap_events, excluded.totals, excluded.subgroup_test, excluded.subgroups,"
                   " excluded.log_data, excluded.group_label_1, excluded.group_label_2, excluded.graph_label_1,"
                   " excluded.graph_label_2, excluded.sort_order)",
    [Q_MEASURE] = "UPDATE outcomes SET measure = ?2 WHERE id = ?1 AND measure IS NOT ?2",
    [Q_RESULTS] = "INSERT INTO revman_results (outcome_id, " POOLED_COLS ", q_sub, df_sub, p_sub, i2_sub, decimals)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
                  " ON CONFLICT (outcome_id) DO UPDATE SET (" POOLED_COLS ", q_sub, df_sub, p_sub, i2_sub, decimals)"
                  " = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
                  " WHERE (" POOLED_COLS ", q_sub, df_sub, p_sub, i2_sub, decimals)"
                  " IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    [Q_DEL_SUB] = "DELETE FROM revman_subgroup_results WHERE outcome_id = ?1 AND number > ?2",
    [Q_SUB] = "INSERT INTO revman_subgroup_results (outcome_id, number, name, " POOLED_COLS ") VALUES (?1, ?2, ?3,"
              " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) ON CONFLICT (outcome_id, number) DO UPDATE"
              " SET (name, " POOLED_COLS ") = (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
              " WHERE (name, " POOLED_COLS ") IS NOT (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [Q_DEL_STUDY] = "DELETE FROM revman_study_results WHERE outcome_id = ?1 AND number > ?2",
    [Q_STUDY] = "INSERT INTO revman_study_results (outcome_id, number, study, subgroup, present, estimable, effect,"
                " ci_lower, ci_upper, se, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                " ON CONFLICT (outcome_id, number) DO UPDATE SET (study, subgroup, present, estimable, effect,"
                " ci_lower, ci_upper, se, weight) = (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                " WHERE (study, subgroup, present, estimable, effect, ci_lower, ci_upper, se, weight)"
                " IS NOT (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_SET_ROB] = "UPDATE revman_rob SET result = ?4, support = ?5, source = ?6, entered_by = ?7, entered_at = ?8"
                  " WHERE study = ?1 AND item = ?2 AND coalesce(grp, '') = coalesce(?3, '')"
                  " AND (result, support, source) IS NOT (?4, ?5, ?6)",
    [Q_ROB] = "INSERT INTO revman_rob (study, item, grp, result, support, source, entered_by, entered_at)"
              " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM revman_rob WHERE study = ?1"
              " AND item = ?2 AND coalesce(grp, '') = coalesce(?3, ''))",
    [Q_OTHER] = "INSERT INTO revman_other (use, outcome, study, text, source, entered_by, entered_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (use, outcome, study) DO UPDATE SET (text,"
                " source, entered_by, entered_at) = (?4, ?5, ?6, ?7) WHERE (text, source) IS NOT (?4, ?5)",
};
#undef SETTINGS_COLS
#undef POOLED_COLS

static int step(srw_store *s, sqlite3_stmt *st, srw_error *err, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, what);
}

static void bind_pooled(sqlite3_stmt *st, int first, const srw_rm5_pooled *p)
{
    double v[] = {p->effect, p->ci_lower, p->ci_upper, p->tau2, p->chi2, p->df, p->p_chi2, p->i2, p->z, p->p_z};
    sqlite3_bind_int(st, first, p->present);
    sqlite3_bind_int(st, first + 1, p->estimable);
    for (int i = 0; i < 10; i++)
        srw_bind_real(st, first + 2 + i, v[i]);
}

static int save_analysis(srw_store *s, sqlite3_stmt **q, const srw_rm5_review *r, const srw_rm5_analysis *a,
                         int order, const char *who, const char *when, srw_error *err)
{
    sqlite3_bind_text(q[Q_FIND], 1, a->use, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q[Q_FIND], 2, a->outcome, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q[Q_FIND]);
    sqlite3_int64 oid = rc == SQLITE_ROW ? sqlite3_column_int64(q[Q_FIND], 0) : 0;
    sqlite3_reset(q[Q_FIND]);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot look up an outcome");
    if (oid == 0)
        return 0; /* no data rows (or an OTHER outcome): nothing to attach to */
    sqlite3_stmt *st = q[Q_SETTINGS];
    sqlite3_bind_int64(st, 1, oid);
    srw_bind_text(st, 2, r->format);
    srw_bind_text(st, 3, r->path);
    srw_bind_text(st, 4, a->revman_id);
    srw_bind_text(st, 5, a->number);
    srw_bind_text(st, 6, a->name);
    srw_bind_text(st, 7, srw_rm5_data_type_name(a->data_type));
    srw_bind_text(st, 8, a->revman_measure);
    srw_bind_text(st, 9, a->measure);
    srw_bind_text(st, 10, a->method);
    srw_bind_text(st, 11, a->random ? "random" : "fixed");
    srw_bind_real(st, 12, a->ci_study);
    srw_bind_real(st, 13, a->ci_total);
    sqlite3_bind_int(st, 14, a->swap_events);
    srw_bind_text(st, 15, a->totals);
    sqlite3_bind_int(st, 16, a->subgroup_test);
    sqlite3_bind_int(st, 17, a->has_subgroups);
    sqlite3_bind_int(st, 18, a->log_data);
    srw_bind_text(st, 19, a->group_label_1);
    srw_bind_text(st, 20, a->group_label_2);
    srw_bind_text(st, 21, a->graph_label_1);
    srw_bind_text(st, 22, a->graph_label_2);
    sqlite3_bind_int(st, 23, order);
    srw_bind_text(st, 24, who);
    srw_bind_text(st, 25, when);
    if ((rc = step(s, st, err, "cannot store an analysis's settings")) != 0)
        return rc;
    if (a->measure) {
        sqlite3_bind_int64(q[Q_MEASURE], 1, oid);
        srw_bind_text(q[Q_MEASURE], 2, a->measure);
        if ((rc = step(s, q[Q_MEASURE], err, "cannot set an outcome's measure")) != 0)
            return rc;
    }
    st = q[Q_RESULTS];
    sqlite3_bind_int64(st, 1, oid);
    bind_pooled(st, 2, &a->overall);
    srw_bind_real(st, 14, a->q_sub);
    srw_bind_real(st, 15, a->df_sub);
    srw_bind_real(st, 16, a->p_sub);
    srw_bind_real(st, 17, a->i2_sub);
    sqlite3_bind_int(st, 18, a->decimals);
    if ((rc = step(s, st, err, "cannot store RevMan's results")) != 0)
        return rc;
    /* Rows past the file's own numbers: a shorter analysis than stored. */
    sqlite3_bind_int64(q[Q_DEL_SUB], 1, oid);
    sqlite3_bind_int64(q[Q_DEL_SUB], 2, (sqlite3_int64)a->n_subgroups);
    sqlite3_bind_int64(q[Q_DEL_STUDY], 1, oid);
    sqlite3_bind_int64(q[Q_DEL_STUDY], 2, (sqlite3_int64)a->n_studies);
    if ((rc = step(s, q[Q_DEL_SUB], err, "cannot replace subgroup results")) != 0 ||
        (rc = step(s, q[Q_DEL_STUDY], err, "cannot replace study results")) != 0)
        return rc;
    for (size_t g = 0; g < a->n_subgroups; g++) {
        st = q[Q_SUB];
        sqlite3_bind_int64(st, 1, oid);
        sqlite3_bind_int(st, 2, (int)g + 1);
        srw_bind_text(st, 3, a->subgroups[g].name);
        bind_pooled(st, 4, &a->subgroups[g].pooled);
        if ((rc = step(s, st, err, "cannot store a subgroup result")) != 0)
            return rc;
    }
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_rm5_study_result *sr = &a->studies[i];
        st = q[Q_STUDY];
        sqlite3_bind_int64(st, 1, oid);
        sqlite3_bind_int(st, 2, (int)i + 1);
        srw_bind_text(st, 3, sr->study);
        srw_bind_text(st, 4, sr->subgroup);
        sqlite3_bind_int(st, 5, sr->present);
        sqlite3_bind_int(st, 6, sr->estimable);
        srw_bind_real(st, 7, sr->effect);
        srw_bind_real(st, 8, sr->ci_lower);
        srw_bind_real(st, 9, sr->ci_upper);
        srw_bind_real(st, 10, sr->se);
        srw_bind_real(st, 11, sr->weight);
        if ((rc = step(s, st, err, "cannot store a study result")) != 0)
            return rc;
    }
    return 0;
}

int srw_store_revman_save(srw_store *s, const srw_rm5_review *r, const char *entered_by, srw_error *err)
{
    sqlite3_stmt *q[Q_N] = {0};
    const char *who = entered_by && entered_by[0] ? entered_by : "unknown";
    char when[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int rc = srw_store_savepoint(s, err);
    if (rc)
        return rc;
    for (int i = 0; i < Q_N; i++)
        if ((rc = srw_store_prepare(s, &q[i], save_sql[i], err)) != 0)
            goto fail;
    for (size_t i = 0; i < r->n_analyses; i++)
        if ((rc = save_analysis(s, q, r, &r->analyses[i], (int)i + 1, who, when, err)) != 0)
            goto fail;
    for (size_t i = 0; i < r->n_rob; i++) {
        const srw_rm5_rob *b = &r->rob[i];
        const char *v[] = {b->study, b->item, b->group, b->result, b->support, r->path, who, when};
        for (int k = 0; k < 8; k++) {
            srw_bind_text(q[Q_SET_ROB], k + 1, v[k]);
            srw_bind_text(q[Q_ROB], k + 1, v[k]);
        }
        if ((rc = step(s, q[Q_SET_ROB], err, "cannot replace a risk-of-bias item")) != 0 ||
            (rc = step(s, q[Q_ROB], err, "cannot store a risk-of-bias item")) != 0)
            goto fail;
    }
    for (size_t i = 0; i < r->n_other; i++) {
        const srw_rm5_other *o = &r->other[i];
        const char *v[] = {o->use, o->outcome, o->study, o->text, r->path, who, when};
        for (int k = 0; k < 7; k++)
            srw_bind_text(q[Q_OTHER], k + 1, v[k]);
        if ((rc = step(s, q[Q_OTHER], err, "cannot store a row of an OTHER outcome")) != 0)
            goto fail;
    }
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(q[i]);
    return srw_store_release(s, 0, err);
fail:
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(q[i]);
    return srw_store_release(s, rc, NULL);
}

/* --- loading ---------------------------------------------------------------- */

static void column_pooled(sqlite3_stmt *st, int first, srw_rm5_pooled *p)
{
    double *v[] = {&p->effect, &p->ci_lower, &p->ci_upper, &p->tau2, &p->chi2, &p->df, &p->p_chi2, &p->i2,
                   &p->z, &p->p_z};
    p->present = sqlite3_column_int(st, first);
    p->estimable = sqlite3_column_int(st, first + 1);
    for (int i = 0; i < 10; i++)
        *v[i] = srw_column_real(st, first + 2 + i);
}

static int load_parts(srw_store *s, srw_rm5_analysis *a, sqlite3_int64 oid, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT name, present, estimable, effect, ci_lower, ci_upper, tau2, chi2, df, p_chi2,"
                               " i2, z, p_z FROM revman_subgroup_results WHERE outcome_id = ?1 ORDER BY number",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srw_rm5_subgroup *g = realloc(a->subgroups, (a->n_subgroups + 1) * sizeof *g);
        if (g == NULL)
            goto oom;
        a->subgroups = g;
        g = &a->subgroups[a->n_subgroups++];
        memset(g, 0, sizeof *g);
        g->name = srw_column_text_dup(st, 0);
        column_pooled(st, 1, &g->pooled);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot load subgroup results");
    rc = srw_store_prepare(s, &st,
                           "SELECT study, subgroup, present, estimable, effect, ci_lower, ci_upper, se, weight"
                           " FROM revman_study_results WHERE outcome_id = ?1 ORDER BY number",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srw_rm5_study_result *p = realloc(a->studies, (a->n_studies + 1) * sizeof *p);
        if (p == NULL)
            goto oom;
        a->studies = p;
        p = &a->studies[a->n_studies++];
        memset(p, 0, sizeof *p);
        p->study = srw_column_text_dup(st, 0);
        p->subgroup = srw_column_text_dup(st, 1);
        p->present = sqlite3_column_int(st, 2);
        p->estimable = sqlite3_column_int(st, 3);
        p->effect = srw_column_real(st, 4);
        p->ci_lower = srw_column_real(st, 5);
        p->ci_upper = srw_column_real(st, 6);
        p->se = srw_column_real(st, 7);
        p->weight = srw_column_real(st, 8);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot load study results");
    return 0;
oom:
    sqlite3_finalize(st);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

int srw_store_revman_load(srw_store *s, srw_rm5_review *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->format = "store";
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(
        s, &st,
        "SELECT a.outcome_id, u.name, o.name, a.revman_id, a.number, a.name, a.data_type, a.revman_measure,"
        " a.measure, a.method, a.model, a.ci_study, a.ci_total, a.swap_events, a.totals, a.subgroup_test,"
        " a.subgroups, a.log_data, a.group_label_1, a.group_label_2, a.graph_label_1, a.graph_label_2,"
        " r.present, r.estimable, r.effect, r.ci_lower, r.ci_upper, r.tau2, r.chi2, r.df, r.p_chi2, r.i2, r.z,"
        " r.p_z, r.q_sub, r.df_sub, r.p_sub, r.i2_sub, r.decimals"
        " FROM analysis_settings a JOIN revman_results r ON r.outcome_id = a.outcome_id"
        " JOIN outcomes o ON o.id = a.outcome_id JOIN uses u ON u.id = o.use_id"
        " ORDER BY a.source, a.sort_order, a.outcome_id",
        err);
    if (rc)
        return rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_analyses == cap) {
            cap = cap ? 2 * cap : 16;
            srw_rm5_analysis *p = realloc(out->analyses, cap * sizeof *p);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto fail;
            }
            out->analyses = p;
        }
        srw_rm5_analysis *a = &out->analyses[out->n_analyses++];
        memset(a, 0, sizeof *a);
        sqlite3_int64 oid = sqlite3_column_int64(st, 0);
        char **txt[] = {&a->use, &a->outcome, &a->revman_id, &a->number, &a->name};
        for (int i = 0; i < 5; i++)
            *txt[i] = srw_column_text_dup(st, 1 + i);
        a->data_type = srw_rm5_data_type_parse((const char *)sqlite3_column_text(st, 6));
        a->revman_measure = srw_column_text_dup(st, 7);
        a->measure = srw_column_text_dup(st, 8);
        a->method = srw_column_text_dup(st, 9);
        const char *model = (const char *)sqlite3_column_text(st, 10);
        a->random = model && strcmp(model, "random") == 0;
        a->ci_study = srw_column_real(st, 11);
        a->ci_total = srw_column_real(st, 12);
        a->swap_events = sqlite3_column_int(st, 13);
        a->totals = srw_column_text_dup(st, 14);
        a->subgroup_test = sqlite3_column_int(st, 15);
        a->has_subgroups = sqlite3_column_int(st, 16);
        a->log_data = sqlite3_column_int(st, 17);
        a->group_label_1 = srw_column_text_dup(st, 18);
        a->group_label_2 = srw_column_text_dup(st, 19);
        a->graph_label_1 = srw_column_text_dup(st, 20);
        a->graph_label_2 = srw_column_text_dup(st, 21);
        column_pooled(st, 22, &a->overall);
        a->q_sub = srw_column_real(st, 34);
        a->df_sub = srw_column_real(st, 35);
        a->p_sub = srw_column_real(st, 36);
        a->i2_sub = srw_column_real(st, 37);
        a->decimals = sqlite3_column_int(st, 38);
        a->subgroup_test_present = !isnan(a->q_sub);
        if (a->use == NULL || a->outcome == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto fail;
        }
        if ((rc = load_parts(s, a, oid, err)) != 0)
            goto fail;
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load RevMan analyses");
        goto fail;
    }
    sqlite3_finalize(st);
    return 0;
fail:
    sqlite3_finalize(st);
    srw_rm5_review_dispose(out);
    return rc;
}

int srw_store_trials_before(srw_store *s, const char *use, const char *outcome, long long last_record,
                            srw_name_list *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT DISTINCT s.label FROM records r JOIN studies s ON s.id = r.study_id"
                               " JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
                               " WHERE u.name = ?1 AND o.name = ?2 AND r.id <= ?3 ORDER BY s.label",
                               err);
    if (rc)
        return rc;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    sqlite3_bind_int64(st, 3, last_record);
    size_t cap = 0;
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (srw_grow((void **)&out->names, out->n, &cap, sizeof *out->names) != 0 ||
            (out->names[out->n] = srw_column_text_dup(st, 0)) == NULL)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        else
            out->n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot read an analysis's trials");
    sqlite3_finalize(st);
    if (rc)
        srw_name_list_dispose(out);
    return rc;
}

int srw_store_revman_analyses_from(srw_store *s, const char *source,
                                   int (*each)(void *ctx, const char *use, const char *outcome, const char *number),
                                   void *ctx, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT u.name, o.name, a.number FROM analysis_settings a"
                               " JOIN outcomes o ON o.id = a.outcome_id JOIN uses u ON u.id = o.use_id"
                               " WHERE a.source = ?1 AND EXISTS (SELECT 1 FROM records x WHERE x.outcome_id = o.id)"
                               " ORDER BY a.sort_order, o.id",
                               err);
    int step = SQLITE_DONE;
    if (rc == 0)
        srw_bind_text(st, 1, source);
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = each(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                  (const char *)sqlite3_column_text(st, 2));
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot read the stored analyses");
    sqlite3_finalize(st);
    return rc;
}

int srw_store__load_stored(srw_store *s, sqlite3_stmt **kept, sqlite3_int64 oid, struct srw_stored_analysis *out,
                           srw_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = srw_store__kept(s, kept,
                             "SELECT model, method, totals, source, number FROM analysis_settings"
                             " WHERE outcome_id = ?1",
                             err);
    if (rc)
        return rc;
    sqlite3_stmt *st = *kept;
    sqlite3_bind_int64(st, 1, oid);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->present = 1;
        if (srw_model_parse(&out->model, (const char *)sqlite3_column_text(st, 0)) != 0)
            out->model = SRW_MODEL_DEFAULT;
        if (srw_method_parse(&out->method, (const char *)sqlite3_column_text(st, 1)) != 0)
            out->method = SRW_METHOD_DEFAULT;
        out->totals = srw_rm5_totals_parse((const char *)sqlite3_column_text(st, 2));
        /* Every analysis_settings row is a RevMan review's: it pools a
         * study's data rows each against its whole control. */
        out->multi_arm = SRW_MULTI_ARM_SEPARATE;
        const char *src = (const char *)sqlite3_column_text(st, 3);
        const char *no = (const char *)sqlite3_column_text(st, 4);
        const char *base = src ? strrchr(src, '/') : NULL;
        base = base ? base + 1 : src;
        size_t n = (base ? strlen(base) : 0) + (no ? strlen(no) : 0) + 16;
        if ((out->source = malloc(n)) == NULL) {
            sqlite3_reset(st);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        snprintf(out->source, n, "%s, analysis %s", base ? base : "RevMan", no ? no : "?");
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot load an analysis's stored settings");
}
