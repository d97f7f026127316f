/* The typed writes and look-ups of an import: see store/writer.h.  Each
 * is one prepared statement; what to write is src/import/'s to decide. */
#include "store/writer_internal.h"
#include "store/entry_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_writer__done(srw_writer *w, sqlite3_stmt *st, const char *what, srw_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(w->s, err, what);
}

static int prepare_all(srw_writer *w, srw_error *err)
{
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        {&w->find_use, "SELECT id FROM uses WHERE name = ?1"},
        {&w->add_use, "INSERT INTO uses (name, entered_by, entered_at) VALUES (?1, ?2, ?3)"},
        {&w->set_use, "UPDATE uses SET description = ?2, primary_outcome = ?3, mid = ?4, mid_measure = ?5,"
                      " mid_source = ?6, notes = ?7, entered_by = ?8, entered_at = ?9, source = ?10,"
                      " primary_source = ?11, large = ?12, large_source = ?13, search_date = ?14 WHERE id = ?1"},
        {&w->find_outcome, "SELECT id FROM outcomes WHERE use_id = ?1 AND name = ?2"},
        {&w->pub_of_outcome, "SELECT review, measure, direction FROM published WHERE use_id = ?1 AND outcome = ?2"},
        {&w->grade_stored, "SELECT indirectness, indirectness_reason, indirectness_source FROM outcomes"
                           " WHERE id = ?1 AND ?2 = 'indirectness'"
                           " UNION ALL SELECT downgrade, reason, source FROM grade_overrides"
                           " WHERE outcome_id = ?1 AND domain = ?2"},
        {&w->use_settings, "SELECT description, primary_outcome, mid, mid_measure, mid_source, notes, source,"
                           " primary_source, large, large_source, search_date FROM uses WHERE id = ?1"},
        {&w->outcome_settings, "SELECT type, direction, mid, scale_min, scale_max, measure, unit, mid_source"
                               " FROM outcomes WHERE id = ?1"},
        {&w->study_settings, "SELECT year, randomised FROM studies WHERE id = ?1"},
        {&w->add_outcome, "INSERT INTO outcomes (use_id, name, type, direction, unit, mid, mid_source,"
                          " entered_by, entered_at, measure, scale_min, scale_max)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
        {&w->fill_outcome, "UPDATE outcomes SET direction = coalesce(?2, direction), unit = coalesce(?3, unit),"
                           " mid = coalesce(?4, mid), mid_source = coalesce(?5, mid_source),"
                           " measure = coalesce(?6, measure), scale_min = coalesce(?7, scale_min),"
                           " scale_max = coalesce(?8, scale_max) WHERE id = ?1"},
        {&w->find_outcome_by_name, "SELECT o.id FROM outcomes o JOIN uses u ON u.id = o.use_id"
                                   " WHERE u.name = ?1 AND o.name = ?2"},
        {&w->set_indirectness, "UPDATE outcomes SET indirectness = ?2, indirectness_reason = ?3,"
                               " indirectness_source = ?4 WHERE id = ?1"},
        {&w->set_override, "INSERT INTO grade_overrides (outcome_id, domain, downgrade, reason, entered_by,"
                           " entered_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (outcome_id, domain)"
                           " DO UPDATE SET downgrade = excluded.downgrade, reason = excluded.reason,"
                           " entered_by = excluded.entered_by, entered_at = excluded.entered_at, source = excluded.source"},
        /* A study the import adds keeps no source of its own: its source is
         * its first record's (srw list studies), which is about to be
         * written.  The same text was stored twice per study before. */
        {&w->add_study, "INSERT INTO studies (label, year, randomised, audit_id)"
                        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (label) DO NOTHING"},
        {&w->upsert_study, "INSERT INTO studies (label, year, randomised, audit_id)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (label) DO UPDATE SET"
                           " year = coalesce(studies.year, excluded.year),"
                           " randomised = coalesce(studies.randomised, excluded.randomised) RETURNING id"},
        {&w->fill_study, "UPDATE studies SET year = coalesce(?2, year), randomised = coalesce(?3, randomised)"
                         " WHERE id = ?1"},
        {&w->any_randomised, "SELECT EXISTS (SELECT 1 FROM studies WHERE randomised IS NOT NULL)"},
        {&w->find_record, "SELECT id, comparison, intervention, comparator, subgroup, exp_events, exp_total,"
                          " ctl_events, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, source,"
                          " notes, measured_as FROM records WHERE outcome_id = ?1 AND study_id = ?2 AND reviewer = ?3"
                          " AND kind = 'extraction' AND arm = ?4"},
        {&w->set_record, "UPDATE records SET comparison = ?3, intervention = ?4, comparator = ?5,"
                         " subgroup = ?6, exp_events = ?7, exp_total = ?8, ctl_events = ?9, ctl_total = ?10,"
                         " exp_mean = ?11, exp_sd = ?12, ctl_mean = ?13, ctl_sd = ?14, estimate = ?15,"
                         " se = ?16, source = ?17, notes = ?18, entered_by = ?19, entered_at = ?20,"
                         " measured_as = ?22, audit_id = NULL WHERE outcome_id = ?1 AND study_id = ?2 AND reviewer = ?21"
                         " AND kind = 'extraction' AND arm = ?23"},
        {&w->find_moderator, "SELECT value FROM moderators WHERE study_id = ?1 AND arm = ?2 AND name = ?3"},
        {&w->put_moderator, "INSERT INTO moderators (study_id, arm, name, value, entered_by, entered_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (study_id, arm, name) DO UPDATE SET"
                            " value = excluded.value, entered_by = excluded.entered_by,"
                            " entered_at = excluded.entered_at"},
        {&w->find_rob, "SELECT judgement, support FROM rob WHERE study_id = ?1 AND domain = ?2 AND reviewer = ?3"
                       " AND kind = 'extraction'"},
        {&w->set_rob, "UPDATE rob SET judgement = ?3, source = ?4, entered_by = ?5, entered_at = ?6, support = ?7"
                      " WHERE study_id = ?1 AND domain = ?2 AND reviewer = ?5 AND kind = 'extraction'"},
        {&w->add_rob, "INSERT INTO rob (study_id, domain, judgement, source, entered_by, entered_at, reviewer,"
                      " kind, support) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, 'extraction', ?7)"},
        {&w->find_pub, "SELECT id, version, search_date, model, method, estimate, ci_lower, ci_upper, trials,"
                        " participants, certainty, direction, source, notes, decimals, pooled_trials, scope FROM published"
                       " WHERE use_id = ?1 AND outcome = ?2 AND review = ?3 AND measure = ?4"},
        {&w->add_pub, "INSERT INTO published (use_id, outcome, review, measure, version, search_date, model,"
                      " method, estimate, ci_lower, ci_upper, trials, participants, certainty, direction,"
                       " source, notes, entered_by, entered_at, decimals, pooled_trials, scope) VALUES (?1, ?2, ?3, ?4, ?5,"
                      " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"},
        {&w->set_pub, "UPDATE published SET version = ?5, search_date = ?6, model = ?7, method = ?8,"
                      " estimate = ?9, ci_lower = ?10, ci_upper = ?11, trials = ?12, participants = ?13,"
                      " certainty = ?14, direction = ?15, source = ?16, notes = ?17, entered_by = ?18,"
                      " entered_at = ?19, decimals = ?20, pooled_trials = ?21, scope = ?22 WHERE use_id = ?1 AND outcome = ?2 AND review = ?3 AND measure = ?4"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (srw_store_prepare(w->s, q[i].st, q[i].sql, err) != 0)
            return SRW_EDB;
    if (srw_audit_prepare(w->s, &w->audit, err) != 0)
        return SRW_EDB;
    return srw_writer__prepare_batches(w, err);
}

/* Whether a bulk import may build the study labels' index at the end: one
 * into a database of at most SRW_LABEL_PRELOAD_MAX studies. */
static int decide_label_index(srw_writer *w, srw_error *err)
{
    if (!w->s->fk_deferred)
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, "SELECT count(*) FROM studies", err);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        w->label_index_deferrable = sqlite3_column_int64(st, 0) <= SRW_LABEL_PRELOAD_MAX;
    sqlite3_finalize(st);
    return 0;
}

int srw_writer_open(srw_writer **out, srw_store *s, srw_writer_before *before, srw_error *err)
{
    *out = NULL;
    memset(before, 0, sizeof *before);
    srw_writer *w = calloc(1, sizeof *w);
    if (w == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    w->s = s;
    sqlite3_stmt *max_id = NULL;
    int rc;
    if ((rc = decide_label_index(w, err)) != 0 || (rc = prepare_all(w, err)) != 0 ||
        (rc = srw_store_prepare(s, &max_id,
                                "SELECT (SELECT coalesce(max(id), 0) FROM records),"
                                " (SELECT coalesce(max(id), 0) FROM outcomes), (SELECT coalesce(max(id), 0) FROM studies),"
                                " EXISTS (SELECT 1 FROM published)",
                                err)) != 0) {
        srw_writer_free(w);
        return rc;
    }
    if (sqlite3_step(max_id) == SQLITE_ROW) {
        before->max_record = sqlite3_column_int64(max_id, 0);
        before->max_outcome = sqlite3_column_int64(max_id, 1);
        before->max_study = w->last_study_id = sqlite3_column_int64(max_id, 2);
        before->had_published = sqlite3_column_int(max_id, 3);
    }
    sqlite3_finalize(max_id);
    *out = w;
    return 0;
}

void srw_writer_free(srw_writer *w)
{
    if (w == NULL)
        return;
    sqlite3_stmt *all[] = {w->find_use, w->add_use, w->use_settings, w->set_use, w->find_outcome,
                           w->find_outcome_by_name, w->add_outcome, w->outcome_settings, w->fill_outcome,
                           w->pub_of_outcome, w->outcome_trials, w->find_study, w->add_study, w->upsert_study,
                           w->study_settings, w->fill_study, w->label_of, w->any_randomised, w->find_record,
                           w->add_record, w->add_records, w->set_record, w->find_rob, w->set_rob, w->add_rob,
                           w->find_pub, w->add_pub, w->set_pub, w->grade_stored, w->set_indirectness,
                           w->set_override, w->audit, w->freeze, w->add_studies, w->add_study_one,
                           w->warned_one, w->warned_added, w->find_rob2, w->set_rob2, w->add_rob2,
                           w->find_moderator, w->put_moderator};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    srw_strmap_dispose(&w->use_ids);
    free(w);
}

/* --- the audit trail ------------------------------------------------------- */

int srw_writer_trail(srw_writer *w, const srw_audit_row *row, srw_id *id, srw_error *err)
{
    int rc = srw_audit_write(w->s, w->audit, row, err);
    if (rc == 0 && id != NULL)
        *id = sqlite3_last_insert_rowid(w->s->db);
    return rc;
}

int srw_writer_trail_freeze(srw_writer *w, srw_id record, srw_error *err)
{
    return srw_store__audit_freeze(w->s, &w->freeze, record, err);
}

/* --- uses ---------------------------------------------------------------------- */

int srw_writer_use_find(srw_writer *w, const char *name, srw_id *id, srw_error *err)
{
    size_t v;
    if (srw_strmap_get(&w->use_ids, name, &v)) {
        *id = (srw_id)v;
        return 1;
    }
    sqlite3_bind_text(w->find_use, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(w->find_use);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(w->find_use, 0);
    sqlite3_reset(w->find_use);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return srw_store_fail(w->s, err, "cannot look up a use");
    if (srw_strmap_put(&w->use_ids, name, (size_t)*id) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 1;
}

int srw_writer_use_add(srw_writer *w, const char *name, const char *who, const char *when, srw_id *id,
                       srw_error *err)
{
    sqlite3_bind_text(w->add_use, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(w->add_use, 2, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(w->add_use, 3, when, -1, SQLITE_TRANSIENT);
    int rc = srw_writer__done(w, w->add_use, "cannot add a use", err);
    if (rc)
        return rc;
    *id = sqlite3_last_insert_rowid(w->s->db);
    if (srw_strmap_put(&w->use_ids, name, (size_t)*id) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 0;
}

int srw_writer_use_settings(srw_writer *w, srw_id use, srw_use_settings *out, srw_error *err)
{
    srw_use_settings_init(out, 0);
    sqlite3_stmt *f = w->use_settings;
    sqlite3_bind_int64(f, 1, use);
    if (sqlite3_step(f) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(w->s, err, "cannot read a use's decision settings");
    }
    char **texts[] = {&out->description, &out->primary_outcome, NULL,   &out->mid_measure,
                      &out->mid_source,  &out->notes,           &out->source, &out->primary_source,
                      NULL,              &out->large_source, &out->search_date};
    int rc = 0;
    out->large = srw_column_real(f, 8);
    for (int i = 0; i < 11; i++)
        if (texts[i] != NULL && sqlite3_column_type(f, i) != SQLITE_NULL &&
            (*texts[i] = srw_column_text_dup(f, i)) == NULL)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    out->mid = srw_column_real(f, 2);
    sqlite3_reset(f);
    if (rc) {
        srw_use_settings_dispose(out);
        return rc;
    }
    return out->primary_outcome != NULL;
}

int srw_writer_use_settings_put(srw_writer *w, srw_id use, const srw_use_settings *u, const char *who,
                                const char *when, srw_error *err)
{
    sqlite3_stmt *st = w->set_use;
    sqlite3_bind_int64(st, 1, use);
    srw_bind_text(st, 2, u->description);
    srw_bind_text(st, 3, u->primary_outcome);
    srw_bind_real(st, 4, u->mid);
    srw_bind_text(st, 5, u->mid_measure);
    srw_bind_text(st, 6, u->mid_source);
    srw_bind_text(st, 7, u->notes);
    srw_bind_text(st, 8, who);
    srw_bind_text(st, 9, when);
    srw_bind_text(st, 10, u->source);
    srw_bind_text(st, 11, u->primary_source);
    srw_bind_real(st, 12, u->large);
    srw_bind_text(st, 13, u->large_source);
    srw_bind_text(st, 14, u->search_date);
    return srw_writer__done(w, st, "cannot set a use's decision settings", err);
}

/* --- outcomes ----------------------------------------------------------------- */

void srw_stored_outcome_dispose(srw_stored_outcome *o)
{
    if (o == NULL)
        return;
    free(o->measure);
    free(o->unit);
    free(o->mid_source);
    memset(o, 0, sizeof *o);
}

static int find_id(srw_writer *w, sqlite3_stmt *f, srw_id *id, const char *what, srw_error *err)
{
    int rc = sqlite3_step(f);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(f, 0);
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, what);
    return rc == SQLITE_ROW;
}

int srw_writer_outcome_find(srw_writer *w, srw_id use, const char *name, srw_id *id, srw_error *err)
{
    sqlite3_bind_int64(w->find_outcome, 1, use);
    sqlite3_bind_text(w->find_outcome, 2, name, -1, SQLITE_TRANSIENT);
    return find_id(w, w->find_outcome, id, "cannot look up an outcome", err);
}

int srw_writer_outcome_find_named(srw_writer *w, const char *use, const char *name, srw_id *id, srw_error *err)
{
    sqlite3_bind_text(w->find_outcome_by_name, 1, use, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->find_outcome_by_name, 2, name, -1, SQLITE_STATIC);
    return find_id(w, w->find_outcome_by_name, id, "cannot look up an outcome", err);
}

int srw_writer_outcome_add(srw_writer *w, srw_id use, const srw_record *r, const char *who, const char *when,
                           srw_id *id, srw_error *err)
{
    sqlite3_stmt *a = w->add_outcome;
    sqlite3_bind_int64(a, 1, use);
    sqlite3_bind_text(a, 2, r->outcome, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(a, 3, srw_outcome_type_name(r->type), -1, SQLITE_STATIC);
    srw_bind_text(a, 4, srw_direction_name(r->direction));
    srw_bind_text(a, 5, r->unit);
    srw_bind_real(a, 6, r->mid);
    srw_bind_text(a, 7, r->mid_source);
    srw_bind_text(a, 8, who);
    srw_bind_text(a, 9, when);
    srw_bind_text(a, 10, r->measure);
    srw_bind_real(a, 11, r->has_scale ? r->scale_min : NAN);
    srw_bind_real(a, 12, r->has_scale ? r->scale_max : NAN);
    int rc = srw_writer__done(w, a, "cannot add an outcome", err);
    if (rc == 0)
        *id = sqlite3_last_insert_rowid(w->s->db);
    return rc;
}

int srw_writer_outcome_get(srw_writer *w, srw_id id, srw_stored_outcome *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *f = w->outcome_settings;
    sqlite3_bind_int64(f, 1, id);
    if (sqlite3_step(f) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(w->s, err, "cannot read an outcome");
    }
    out->type = srw_outcome_type_parse((const char *)sqlite3_column_text(f, 0));
    out->direction = srw_direction_parse((const char *)sqlite3_column_text(f, 1));
    out->mid = srw_column_real(f, 2);
    out->scale_min = srw_column_real(f, 3);
    out->scale_max = srw_column_real(f, 4);
    char **texts[] = {&out->measure, &out->unit, &out->mid_source};
    int rc = 0;
    for (int i = 0; i < 3; i++)
        if (sqlite3_column_type(f, 5 + i) != SQLITE_NULL && (*texts[i] = srw_column_text_dup(f, 5 + i)) == NULL)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    sqlite3_reset(f);
    if (rc)
        srw_stored_outcome_dispose(out);
    return rc;
}

int srw_writer_outcome_fill(srw_writer *w, srw_id id, const char *direction, const char *unit, double mid,
                            const char *mid_source, const char *measure, double scale_min, double scale_max,
                            srw_error *err)
{
    sqlite3_stmt *u = w->fill_outcome;
    sqlite3_bind_int64(u, 1, id);
    srw_bind_text(u, 2, direction);
    srw_bind_text(u, 3, unit);
    srw_bind_real(u, 4, mid);
    srw_bind_text(u, 5, mid_source);
    srw_bind_text(u, 6, measure);
    srw_bind_real(u, 7, scale_min);
    srw_bind_real(u, 8, scale_max);
    return srw_writer__done(w, u, "cannot update an outcome", err);
}

int srw_writer_outcome_published(srw_writer *w, srw_id use, const char *name,
                                 int (*each)(void *ctx, const char *review, const char *measure,
                                             const char *direction),
                                 void *ctx, srw_error *err)
{
    sqlite3_stmt *f = w->pub_of_outcome;
    sqlite3_bind_int64(f, 1, use);
    sqlite3_bind_text(f, 2, name, -1, SQLITE_TRANSIENT);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(f)) == SQLITE_ROW)
        rc = each(ctx, (const char *)sqlite3_column_text(f, 0), (const char *)sqlite3_column_text(f, 1),
                  (const char *)sqlite3_column_text(f, 2));
    sqlite3_reset(f);
    if (rc == 0 && step != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read an outcome's published results");
    return rc;
}

int srw_writer_outcome_trials(srw_writer *w, srw_id outcome,
                              int (*each)(void *ctx, srw_id study, const char *label), void *ctx, srw_error *err)
{
    int rc = srw_writer_flush(w, err); /* the queued rows are the outcome's too */
    if (rc == 0)
        rc = srw_store_prepare_kept(w->s, &w->outcome_trials,
                                    "SELECT DISTINCT s.id, s.label FROM records r JOIN studies s ON s.id = r.study_id"
                                    " WHERE r.outcome_id = ?1",
                                    err);
    if (rc)
        return rc;
    sqlite3_stmt *st = w->outcome_trials;
    sqlite3_bind_int64(st, 1, outcome);
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = each(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_reset(st);
    if (rc == 0 && step != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read an outcome's trials");
    return rc;
}

/* --- studies ------------------------------------------------------------------- */

int srw_writer_study_known(srw_writer *w, const char *label, srw_error *err)
{
    int rc = srw_store_prepare_kept(w->s, &w->find_study, "SELECT 1 FROM studies WHERE label = ?1", err);
    if (rc)
        return rc;
    sqlite3_bind_text(w->find_study, 1, label, -1, SQLITE_STATIC);
    rc = sqlite3_step(w->find_study);
    sqlite3_reset(w->find_study);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot look up a study");
    return rc == SQLITE_ROW;
}

static void bind_study(sqlite3_stmt *a, const char *label, int year, long randomised, srw_id audit)
{
    sqlite3_bind_text(a, 1, label, -1, SQLITE_STATIC);
    if (year)
        sqlite3_bind_int(a, 2, year);
    else
        sqlite3_bind_null(a, 2);
    if (randomised)
        sqlite3_bind_int64(a, 3, randomised);
    else
        sqlite3_bind_null(a, 3);
    sqlite3_bind_int64(a, 4, audit);
}

/* A study new to the database (most, in a large import) is one plain
 * INSERT; RETURNING costs a result row per statement, so the upsert that
 * returns the id of a known study runs only when the INSERT did nothing. */
int srw_writer_study_insert(srw_writer *w, const char *label, int year, long randomised, srw_id audit,
                            srw_id *id, srw_error *err)
{
    bind_study(w->add_study, label, year, randomised, audit);
    int rc = sqlite3_step(w->add_study);
    int added = rc == SQLITE_DONE && sqlite3_changes(w->s->db) == 1;
    if (added)
        *id = sqlite3_last_insert_rowid(w->s->db);
    sqlite3_reset(w->add_study);
    if (rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot add a study");
    return added;
}

int srw_writer_study_upsert(srw_writer *w, const char *label, int year, long randomised, srw_id audit,
                            srw_id *id, srw_error *err)
{
    bind_study(w->upsert_study, label, year, randomised, audit);
    int rc = sqlite3_step(w->upsert_study);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(w->upsert_study, 0);
    sqlite3_reset(w->upsert_study);
    return rc == SQLITE_ROW ? 0 : srw_store_fail(w->s, err, "cannot add a study");
}

int srw_writer_study_get(srw_writer *w, srw_id id, int *year, long *randomised, srw_error *err)
{
    int rc = srw_writer_flush(w, err); /* the study may be queued */
    if (rc)
        return rc;
    sqlite3_stmt *f = w->study_settings;
    sqlite3_bind_int64(f, 1, id);
    if (sqlite3_step(f) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(w->s, err, "cannot read a study");
    }
    *year = sqlite3_column_type(f, 0) == SQLITE_NULL ? 0 : sqlite3_column_int(f, 0);
    *randomised = sqlite3_column_type(f, 1) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(f, 1);
    sqlite3_reset(f);
    return 0;
}

int srw_writer_study_fill(srw_writer *w, srw_id id, int year, long randomised, srw_error *err)
{
    sqlite3_stmt *u = w->fill_study;
    sqlite3_bind_int64(u, 1, id);
    if (year != 0)
        sqlite3_bind_int(u, 2, year);
    else
        sqlite3_bind_null(u, 2);
    if (randomised != 0)
        sqlite3_bind_int64(u, 3, randomised);
    else
        sqlite3_bind_null(u, 3);
    return srw_writer__done(w, u, "cannot update a study", err);
}

int srw_writer_study_label(srw_writer *w, srw_id id, char *buf, size_t n, srw_error *err)
{
    int rc = srw_writer_flush(w, err); /* the study may be queued */
    if (rc == 0)
        rc = srw_store_prepare_kept(w->s, &w->label_of, "SELECT label FROM studies WHERE id = ?1", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(w->label_of, 1, id);
    rc = sqlite3_step(w->label_of);
    snprintf(buf, n, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(w->label_of, 0) : "?");
    sqlite3_reset(w->label_of);
    return rc == SQLITE_ROW ? 0 : srw_store_fail(w->s, err, "cannot read a study");
}

int srw_writer_any_randomised(srw_writer *w, srw_error *err)
{
    int rc = sqlite3_step(w->any_randomised), any = 0;
    if (rc == SQLITE_ROW)
        any = sqlite3_column_int(w->any_randomised, 0);
    sqlite3_reset(w->any_randomised);
    return rc == SQLITE_ROW ? any : srw_store_fail(w->s, err, "cannot read the studies");
}

/* --- records ---------------------------------------------------------------- */

int srw_writer_record_find(srw_writer *w, srw_id outcome, srw_id study, const char *arm, const char *reviewer,
                           srw_record *stored, srw_id *id, srw_error *err)
{
    srw_record_init(stored, 0);
    int rc = srw_writer_flush(w, err); /* the look-up must see the queued rows */
    if (rc)
        return rc;
    sqlite3_stmt *f = w->find_record;
    sqlite3_bind_int64(f, 1, outcome);
    sqlite3_bind_int64(f, 2, study);
    sqlite3_bind_text(f, 3, reviewer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(f, 4, arm ? arm : "", -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(f, 0);
        if (arm != NULL && arm[0] != '\0')
            stored->arm = strdup(arm);
        char **texts[] = {&stored->comparison, &stored->intervention, &stored->comparator, &stored->subgroup};
        double *nums[] = {&stored->exp_events, &stored->exp_total, &stored->ctl_events, &stored->ctl_total,
                          &stored->exp_mean,   &stored->exp_sd,    &stored->ctl_mean,   &stored->ctl_sd,
                          &stored->estimate,   &stored->se};
        for (int i = 0; i < 4; i++)
            *texts[i] = srw_column_text_dup(f, 1 + i);
        for (int i = 0; i < 10; i++)
            *nums[i] = srw_column_real(f, 5 + i);
        stored->source = srw_column_text_dup(f, 15);
        stored->notes = srw_column_text_dup(f, 16);
        stored->measured_as = srw_column_text_dup(f, 17);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot look up a record");
    return rc == SQLITE_ROW;
}

int srw_writer_record_update(srw_writer *w, srw_id outcome, srw_id study, const char *reviewer, const char *when,
                             const srw_record *r, srw_error *err)
{
    sqlite3_stmt *st = w->set_record;
    sqlite3_bind_int64(st, 1, outcome);
    sqlite3_bind_int64(st, 2, study);
    const char *texts[] = {r->comparison, r->intervention, r->comparator, r->subgroup};
    const double counts[] = {r->exp_events, r->exp_total, r->ctl_events, r->ctl_total};
    const double reals[] = {r->exp_mean, r->exp_sd, r->ctl_mean, r->ctl_sd, r->estimate, r->se};
    for (int i = 0; i < 4; i++)
        srw_bind_text(st, 3 + i, texts[i]);
    for (int i = 0; i < 4; i++)
        srw_bind_count(st, 7 + i, counts[i]);
    for (int i = 0; i < 6; i++)
        srw_bind_real(st, 11 + i, reals[i]);
    srw_bind_text(st, 17, r->source);
    srw_bind_text(st, 18, r->notes);
    srw_bind_text(st, 19, reviewer);
    srw_bind_text(st, 20, when);
    srw_bind_text(st, 21, reviewer);
    srw_bind_text(st, 22, r->measured_as);
    sqlite3_bind_text(st, 23, r->arm ? r->arm : "", -1, SQLITE_TRANSIENT);
    return srw_writer__done(w, st, "cannot update a record", err);
}

/* --- moderators ---------------------------------------------------------------- */

int srw_writer_moderator_get(srw_writer *w, srw_id study, const char *arm, const char *name, char **value,
                             srw_error *err)
{
    *value = NULL;
    int rc = srw_writer_flush(w, err); /* the study may be queued */
    if (rc)
        return rc;
    sqlite3_stmt *f = w->find_moderator;
    sqlite3_bind_int64(f, 1, study);
    sqlite3_bind_text(f, 2, arm ? arm : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(f, 3, name, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(f);
    if (rc == SQLITE_ROW && (*value = srw_column_text_dup(f, 0)) == NULL)
        rc = SQLITE_NOMEM;
    sqlite3_reset(f);
    if (rc == SQLITE_NOMEM)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot look up a moderator");
    return rc == SQLITE_ROW;
}

int srw_writer_moderator_put(srw_writer *w, srw_id study, const char *arm, const char *name, const char *value,
                             const char *who, const char *when, srw_error *err)
{
    sqlite3_stmt *st = w->put_moderator;
    sqlite3_bind_int64(st, 1, study);
    sqlite3_bind_text(st, 2, arm ? arm : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, value, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, when, -1, SQLITE_TRANSIENT);
    return srw_writer__done(w, st, "cannot write a moderator", err);
}

/* --- risk of bias ------------------------------------------------------------ */

int srw_writer_rob_get(srw_writer *w, srw_id study, const char *domain, const char *reviewer, char **judgement,
                       char **support, srw_error *err)
{
    *judgement = *support = NULL;
    sqlite3_stmt *f = w->find_rob;
    sqlite3_bind_int64(f, 1, study);
    sqlite3_bind_text(f, 2, domain, -1, SQLITE_STATIC);
    sqlite3_bind_text(f, 3, reviewer, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        *judgement = srw_column_text_dup(f, 0);
        *support = srw_column_text_dup(f, 1);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read a risk-of-bias judgement");
    return rc == SQLITE_ROW;
}

int srw_writer_rob_put(srw_writer *w, int exists, srw_id study, const char *domain, const char *judgement,
                       const char *source, const char *reviewer, const char *when, const char *support,
                       srw_error *err)
{
    sqlite3_stmt *st = exists ? w->set_rob : w->add_rob;
    sqlite3_bind_int64(st, 1, study);
    sqlite3_bind_text(st, 2, domain, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, judgement, -1, SQLITE_STATIC);
    srw_bind_text(st, 4, source);
    srw_bind_text(st, 5, reviewer);
    srw_bind_text(st, 6, when);
    srw_bind_text(st, 7, support);
    return srw_writer__done(w, st, "cannot write a risk-of-bias judgement", err);
}

/* --- published results -------------------------------------------------------- */

static void bind_pub(sqlite3_stmt *st, const srw_published *p, srw_id use, const char *who, const char *when)
{
    sqlite3_bind_int64(st, 1, use);
    srw_bind_text(st, 2, p->outcome);
    srw_bind_text(st, 3, p->review);
    srw_bind_text(st, 4, p->measure);
    srw_bind_text(st, 5, p->version);
    srw_bind_text(st, 6, p->search_date);
    srw_bind_text(st, 7, p->model);
    srw_bind_text(st, 8, p->method);
    srw_bind_real(st, 9, p->estimate);
    srw_bind_real(st, 10, p->ci_lower);
    srw_bind_real(st, 11, p->ci_upper);
    srw_bind_count(st, 12, (double)p->trials);
    srw_bind_count(st, 13, (double)p->participants);
    srw_bind_text(st, 14, p->certainty);
    srw_bind_text(st, 15, srw_direction_name(p->direction));
    srw_bind_text(st, 16, p->source);
    srw_bind_text(st, 17, p->notes);
    srw_bind_text(st, 18, who);
    srw_bind_text(st, 19, when);
    sqlite3_bind_int(st, 20, p->decimals);
    srw_bind_text(st, 21, p->pooled_trials);
    srw_bind_text(st, 22, p->scope);
}

int srw_writer_published_find(srw_writer *w, srw_id use, const srw_published *p, srw_published *stored,
                              srw_error *err)
{
    srw_published_init(stored, 0);
    sqlite3_stmt *f = w->find_pub;
    sqlite3_bind_int64(f, 1, use);
    srw_bind_text(f, 2, p->outcome);
    srw_bind_text(f, 3, p->review);
    srw_bind_text(f, 4, p->measure);
    int rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        char **texts[] = {&stored->version, &stored->search_date, &stored->model, &stored->method};
        for (int i = 0; i < 4; i++)
            *texts[i] = srw_column_text_dup(f, 1 + i);
        stored->estimate = srw_column_real(f, 5);
        stored->ci_lower = srw_column_real(f, 6);
        stored->ci_upper = srw_column_real(f, 7);
        stored->trials = sqlite3_column_type(f, 8) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(f, 8);
        stored->participants = sqlite3_column_type(f, 9) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(f, 9);
        stored->certainty = srw_column_text_dup(f, 10);
        stored->direction = srw_direction_parse((const char *)sqlite3_column_text(f, 11));
        stored->source = srw_column_text_dup(f, 12);
        stored->notes = srw_column_text_dup(f, 13);
        stored->decimals = sqlite3_column_int(f, 14);
        stored->pooled_trials = srw_column_text_dup(f, 15);
        stored->scope = srw_column_text_dup(f, 16);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot look up a published result");
    return rc == SQLITE_ROW;
}

int srw_writer_published_put(srw_writer *w, int exists, srw_id use, const srw_published *p, const char *who,
                             const char *when, srw_error *err)
{
    sqlite3_stmt *st = exists ? w->set_pub : w->add_pub;
    bind_pub(st, p, use, who, when);
    return srw_writer__done(w, st, exists ? "cannot update a published result" : "cannot add a published result",
                            err);
}

/* --- GRADE judgements --------------------------------------------------------- */

int srw_writer_grade_get(srw_writer *w, srw_id outcome, const char *domain, int *downgrade, char **reason,
                         char **source, srw_error *err)
{
    *downgrade = 0;
    *reason = *source = NULL;
    sqlite3_stmt *f = w->grade_stored;
    sqlite3_bind_int64(f, 1, outcome);
    sqlite3_bind_text(f, 2, domain, -1, SQLITE_STATIC);
    int rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        *downgrade = sqlite3_column_int(f, 0);
        *reason = srw_column_text_dup(f, 1);
        *source = srw_column_text_dup(f, 2);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read a GRADE judgement");
    return rc == SQLITE_ROW;
}

int srw_writer_grade_put(srw_writer *w, srw_id outcome, const char *domain, int downgrade, const char *reason,
                         const char *source, const char *who, const char *when, srw_error *err)
{
    sqlite3_stmt *st;
    if (strcmp(domain, "indirectness") == 0) {
        st = w->set_indirectness;
        sqlite3_bind_int64(st, 1, outcome);
        sqlite3_bind_int(st, 2, downgrade);
        sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
        srw_bind_text(st, 4, source);
    } else {
        st = w->set_override;
        sqlite3_bind_int64(st, 1, outcome);
        sqlite3_bind_text(st, 2, domain, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, downgrade);
        sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, who, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, when, -1, SQLITE_STATIC);
        srw_bind_text(st, 7, source);
    }
    return srw_writer__done(w, st, "cannot store a GRADE judgement", err);
}

int srw_writer_outcome_context(srw_writer *w, const srw_record *r, srw_record_context *ctx, srw_error *err)
{
    return srw_store_outcome_context(w->s, r, ctx, err);
}
