/* Writing imported records: one transaction for a whole import. */
#include "store/store_internal.h"
#include "srw/decimal.h"
#include "store/entry_internal.h"
#include "util/grow.h"
#include "util/strmap.h"
#include "store/import_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* Parameters of one record in add_record(s). */
#define RECORD_PARAMS 23


static int add_line(importer *im, const char *line)
{
    return srw_store__add_line(&im->stats->changes, &im->stats->n_changes, line, im->err);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int srw_import__add_change(importer *im, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return add_line(im, line);
}

/* A row of the trail under the import's entry (written first if need be). */
static int trail_row(importer *im, const char *use, const char *outcome, const char *study, const char *field,
                     const char *old_value, const char *new_value)
{
    int rc = srw_import__batch_entry(im);
    if (rc)
        return rc;
    srw_audit_row a = {im->when, im->who, im->action, use, outcome, study, im->who,
                       field, old_value, new_value, im->reason};
    return srw_audit_write(im->s, im->audit, &a, im->err);
}

#if defined(__GNUC__)
__attribute__((format(printf, 8, 9)))
#endif
int srw_import__setting_changed(importer *im, const char *use, const char *outcome, const char *study,
                                const char *field, const char *old_value, const char *new_value, const char *fmt,
                                ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    int rc = add_line(im, line);
    return rc != 0 ? rc : trail_row(im, use, outcome, study, field, old_value, new_value);
}

/* What an import adds beside the records (a published result, a use's
 * first decision settings, a GRADE judgement): a row of the trail, old
 * value none; the summary counts it. */
static int setting_added(importer *im, const char *use, const char *outcome, const char *field,
                         const char *new_value)
{
    return trail_row(im, use, outcome, NULL, field, NULL, new_value);
}

static int step_done(importer *im, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(im->s, im->err, what);
    return 0;
}

static int prepare_all(importer *im)
{
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        {&im->find_use, "SELECT id FROM uses WHERE name = ?1"},
        {&im->add_use, "INSERT INTO uses (name, entered_by, entered_at) VALUES (?1, ?2, ?3)"},
        {&im->set_use, "UPDATE uses SET description = ?2, primary_outcome = ?3, mid = ?4, mid_measure = ?5,"
                       " mid_source = ?6, notes = ?7, entered_by = ?8, entered_at = ?9, source = ?10 WHERE id = ?1"},
        {&im->find_outcome, "SELECT id FROM outcomes WHERE use_id = ?1 AND name = ?2"},
        {&im->outcome_of_pub, "SELECT type, direction FROM outcomes WHERE use_id = ?1 AND name = ?2"},
        {&im->pub_of_outcome, "SELECT review, measure, direction FROM published WHERE use_id = ?1 AND outcome = ?2"},
        {&im->grade_stored, "SELECT indirectness, indirectness_reason FROM outcomes WHERE id = ?1 AND ?2 = 'indirectness'"
                            " UNION ALL SELECT downgrade, reason FROM grade_overrides WHERE outcome_id = ?1 AND domain = ?2"},
        {&im->use_settings, "SELECT description, primary_outcome, mid, mid_measure, mid_source, notes, source"
                            " FROM uses WHERE id = ?1"},
        {&im->outcome_settings, "SELECT type, direction, mid, scale_min, scale_max, measure, unit, mid_source"
                                " FROM outcomes WHERE id = ?1"},
        {&im->study_settings, "SELECT year, randomised FROM studies WHERE id = ?1"},
        {&im->add_outcome, "INSERT INTO outcomes (use_id, name, type, direction, unit, mid, mid_source,"
                           " entered_by, entered_at, measure, scale_min, scale_max)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
        {&im->fill_outcome, "UPDATE outcomes SET direction = coalesce(?2, direction), unit = coalesce(?3, unit),"
                            " mid = coalesce(?4, mid), mid_source = coalesce(?5, mid_source),"
                            " measure = coalesce(?6, measure), scale_min = coalesce(?7, scale_min),"
                            " scale_max = coalesce(?8, scale_max) WHERE id = ?1"},
        {&im->find_outcome_by_name, "SELECT o.id FROM outcomes o JOIN uses u ON u.id = o.use_id"
                                    " WHERE u.name = ?1 AND o.name = ?2"},
        {&im->set_indirectness, "UPDATE outcomes SET indirectness = ?2, indirectness_reason = ?3 WHERE id = ?1"},
        {&im->set_override, "INSERT INTO grade_overrides (outcome_id, domain, downgrade, reason, entered_by,"
                            " entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (outcome_id, domain)"
                            " DO UPDATE SET downgrade = excluded.downgrade, reason = excluded.reason,"
                            " entered_by = excluded.entered_by, entered_at = excluded.entered_at"},
        /* A study the import adds keeps no source of its own: its source is
         * its first record's (srw list studies), which this row is about
         * to write.  The same text was stored twice per study before. */
        {&im->add_study, "INSERT INTO studies (label, year, randomised, audit_id)"
                         " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (label) DO NOTHING"},
        {&im->upsert_study, "INSERT INTO studies (label, year, randomised, audit_id)"
                            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (label) DO UPDATE SET"
                            " year = coalesce(studies.year, excluded.year),"
                            " randomised = coalesce(studies.randomised, excluded.randomised) RETURNING id"},
        {&im->fill_study, "UPDATE studies SET year = coalesce(?2, year), randomised = coalesce(?3, randomised)"
                          " WHERE id = ?1"},
        {&im->any_randomised, "SELECT EXISTS (SELECT 1 FROM studies WHERE randomised IS NOT NULL)"},
        {&im->find_record, "SELECT id, comparison, intervention, comparator, subgroup, exp_events, exp_total,"
                           " ctl_events, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, source,"
                           " notes, id, measured_as FROM records WHERE outcome_id = ?1 AND study_id = ?2 AND reviewer = ?3"
                           " AND kind = 'extraction'"},
        {&im->add_record, "INSERT INTO records (outcome_id, study_id, comparison, intervention, comparator,"
                          " subgroup, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd,"
                          " ctl_mean, ctl_sd, estimate, se, source, notes, entered_by, entered_at, reviewer,"
                          " kind, measured_as, audit_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                          " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, 'extraction', ?22, ?23)"},
        {&im->set_record, "UPDATE records SET comparison = ?3, intervention = ?4, comparator = ?5,"
                          " subgroup = ?6, exp_events = ?7, exp_total = ?8, ctl_events = ?9, ctl_total = ?10,"
                          " exp_mean = ?11, exp_sd = ?12, ctl_mean = ?13, ctl_sd = ?14, estimate = ?15,"
                          " se = ?16, source = ?17, notes = ?18, entered_by = ?19, entered_at = ?20,"
                          " measured_as = ?22, audit_id = NULL WHERE outcome_id = ?1 AND study_id = ?2 AND reviewer = ?21 AND kind = 'extraction'"},
        {&im->find_rob, "SELECT judgement, support FROM rob WHERE study_id = ?1 AND domain = ?2 AND reviewer = ?3"
                        " AND kind = 'extraction'"},
        {&im->set_rob, "UPDATE rob SET judgement = ?3, source = ?4, entered_by = ?5, entered_at = ?6, support = ?7"
                       " WHERE study_id = ?1 AND domain = ?2 AND reviewer = ?5 AND kind = 'extraction'"},
        {&im->add_rob, "INSERT INTO rob (study_id, domain, judgement, source, entered_by, entered_at, reviewer,"
                       " kind, support) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, 'extraction', ?7)"},
        {&im->find_pub, "SELECT id, version, search_date, model, method, estimate, ci_lower, ci_upper, trials,"
                        " participants, certainty, direction, source, notes, decimals FROM published"
                        " WHERE use_id = ?1 AND outcome = ?2 AND review = ?3 AND measure = ?4"},
        {&im->add_pub, "INSERT INTO published (use_id, outcome, review, measure, version, search_date, model,"
                       " method, estimate, ci_lower, ci_upper, trials, participants, certainty, direction,"
                       " source, notes, entered_by, entered_at, decimals) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                       " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"},
        {&im->set_pub, "UPDATE published SET version = ?5, search_date = ?6, model = ?7, method = ?8,"
                       " estimate = ?9, ci_lower = ?10, ci_upper = ?11, trials = ?12, participants = ?13,"
                       " certainty = ?14, direction = ?15, source = ?16, notes = ?17, entered_by = ?18,"
                       " entered_at = ?19, decimals = ?20 WHERE use_id = ?1 AND outcome = ?2 AND review = ?3 AND measure = ?4"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (q[i].sql != NULL && srw_store_prepare(im->s, q[i].st, q[i].sql, im->err) != 0)
            return SRW_EDB;
    if (srw_audit_prepare(im->s, &im->audit, im->err) != 0)
        return SRW_EDB;
    /* add_record, IMPORT_BATCH rows at a time, with the same columns and
     * values (group g's parameters are those of the one-row statement plus
     * g times its parameter count). */
    char *rec = malloc(IMPORT_BATCH * 220 + 400);
    int rc = 0;
    if (rec == NULL) {
        rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    } else {
        size_t nr = (size_t)sprintf(rec, "INSERT INTO records (outcome_id, study_id, comparison, intervention,"
                                         " comparator, subgroup, exp_events, exp_total, ctl_events, ctl_total,"
                                         " exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, source, notes,"
                                         " entered_by, entered_at, reviewer, kind, measured_as, audit_id) VALUES ");
        for (int g = 0; g < IMPORT_BATCH; g++) {
            nr += (size_t)sprintf(rec + nr, "%s(", g ? ", " : "");
            for (int i = 1; i <= 21; i++)
                nr += (size_t)sprintf(rec + nr, "?%d, ", g * RECORD_PARAMS + i);
            nr += (size_t)sprintf(rec + nr, "'extraction', ?%d, ?%d)", g * RECORD_PARAMS + 22,
                                  g * RECORD_PARAMS + 23);
        }
        if (srw_store_prepare(im->s, &im->add_records, rec, im->err) != 0)
            rc = SRW_EDB;
        else if ((im->pending = malloc(IMPORT_BATCH * sizeof *im->pending)) == NULL)
            rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    }
    free(rec);
    return rc;
}

static void finalize_all(importer *im)
{
    sqlite3_stmt *all[] = {im->find_use, im->add_use, im->set_use, im->find_outcome, im->add_outcome,
                           im->fill_outcome, im->add_study, im->upsert_study, im->find_outcome_by_name, im->set_indirectness,
                           im->set_override,
                           im->find_record, im->add_record, im->set_record, im->find_rob, im->set_rob,
                           im->find_pub, im->add_pub, im->set_pub, im->add_rob, im->audit,
                           im->fill_study, im->any_randomised, im->outcome_settings, im->study_settings, im->use_settings, im->grade_stored, im->outcome_of_pub, im->pub_of_outcome,
                           im->add_records, im->freeze, im->label_of, im->outcome_trials, im->find_study,
                           im->add_studies, im->add_study_one};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    free(im->pending);
    im->pending = NULL;
    free(im->file_path);
    free(im->folded);
    free(im->fold_tmp);
    im->file_path = im->folded = im->fold_tmp = NULL;
    im->folded_cap = im->fold_tmp_cap = 0;
    srw_strmap_dispose(&im->trials);
    free(im->last_use);
    free(im->last_outcome);
    im->last_use = im->last_outcome = NULL;
    im->cap_last_use = im->cap_last_outcome = 0;
    srw_import__runs_dispose(&im->runs);
    free(im->named);
    im->named = NULL;
    im->n_pending = 0;
    srw_strmap_dispose(&im->use_ids);
    srw_import__outcomes_dispose(im);
    srw_strmap_dispose(&im->uses_set);
    srw_strmap_dispose(&im->grades_set);
    srw_strmap_dispose(&im->pubs_seen);
    free(im->pub_at);
    im->pub_at = NULL;
    im->n_pub_at = im->cap_pub_at = 0;
    srw_strmap_dispose(&im->study_ids);
}

static int use_id(importer *im, const char *name, sqlite3_int64 *id)
{
    size_t v;
    if (srw_strmap_get(&im->use_ids, name, &v)) {
        *id = (sqlite3_int64)v;
        return 0;
    }
    sqlite3_bind_text(im->find_use, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(im->find_use);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(im->find_use, 0);
        sqlite3_reset(im->find_use);
    } else {
        sqlite3_reset(im->find_use);
        if (rc != SQLITE_DONE)
            return srw_store_fail(im->s, im->err, "cannot look up a use");
        sqlite3_bind_text(im->add_use, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(im->add_use, 2, im->who, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(im->add_use, 3, im->when, -1, SQLITE_TRANSIENT);
        if ((rc = step_done(im, im->add_use, "cannot add a use")) != 0)
            return rc;
        *id = sqlite3_last_insert_rowid(im->s->db);
    }
    if (srw_strmap_put(&im->use_ids, name, (size_t)*id) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    return 0;
}

/* One domain's judgement, and its support when the row gives one (a row
 * that leaves the support blank keeps the stored one, as `srw rob` without
 * --support does). */
static int write_rob_domain(importer *im, const char *path, const srw_record *r, sqlite3_int64 sid, int d,
                            size_t stated)
{
    const char *dom = srw_rob_domain_column((srw_rob_domain)d);
    const char *sup_col = srw_rob_support_column((srw_rob_domain)d);
    const char *label = srw_rob_domain_label((srw_rob_domain)d);
    const char *j = srw_rob_judgement_name(r->rob[d]);
    sqlite3_bind_int64(im->find_rob, 1, sid);
    sqlite3_bind_text(im->find_rob, 2, dom, -1, SQLITE_STATIC);
    sqlite3_bind_text(im->find_rob, 3, im->who, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(im->find_rob);
    char *old = rc == SQLITE_ROW ? srw_column_text_dup(im->find_rob, 0) : NULL;
    char *old_sup = rc == SQLITE_ROW ? srw_column_text_dup(im->find_rob, 1) : NULL;
    sqlite3_reset(im->find_rob);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        free(old);
        free(old_sup);
        return srw_store_fail(im->s, im->err, "cannot read a risk-of-bias judgement");
    }
    const char *sup = r->rob_support[d] != NULL ? r->rob_support[d] : old_sup;
    int same = old != NULL && strcmp(old, j) == 0, same_sup = srw_store__same_text(old_sup, sup);
    int ours = sid > im->max_study_before;
    rc = 0;
    if (old != NULL && !same && (ours || (stated & STUDY_STATED_ROB(d)))) {
        /* An earlier file of this import judged it. */
        SRW_FAIL(im->err, SRW_EDATA,
                 "study '%s' is judged %s here but %s in an earlier file of this import (one judgement per study"
                 " and domain)",
                 r->study, j, old);
        rc = srw_import__located(im, path, r->line, dom);
    } else if (old_sup != NULL && !same_sup && (ours || (stated & STUDY_STATED_SUPPORT(d)))) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "study '%s' has another support for its %s judgement here than in an earlier file of this import"
                 " (one text per study and domain)",
                 r->study, label);
        rc = srw_import__located(im, path, r->line, sup_col);
    } else if (old != NULL && !same) {
        rc = srw_import__add_change(im, "risk of bias of '%s', %s: %s -> %s", r->study, label, old, j);
    }
    if (rc == 0 && old_sup != NULL && !same_sup) /* a support filled in is not a change to list */
        rc = srw_import__add_change(im, "risk of bias of '%s', %s: support changed", r->study, label);
    /* The trail: the judgement, and its support, each as its own field. */
    const char *fields[2] = {dom, sup_col}, *was[2] = {old, old_sup}, *now[2] = {j, sup};
    int changed[2] = {!same, !same_sup};
    for (int k = 0; k < 2 && rc == 0; k++) {
        if (!changed[k])
            continue;
        srw_audit_row a = {im->when, im->who, im->action, r->use, NULL,      r->study,
                           im->who,  fields[k], was[k],     now[k], im->reason};
        if ((rc = srw_import__batch_entry(im)) == 0)
            rc = srw_audit_write(im->s, im->audit, &a, im->err);
    }
    if (rc == 0 && (!same || !same_sup)) {
        sqlite3_stmt *w = old != NULL ? im->set_rob : im->add_rob;
        sqlite3_bind_int64(w, 1, sid);
        sqlite3_bind_text(w, 2, dom, -1, SQLITE_STATIC);
        sqlite3_bind_text(w, 3, j, -1, SQLITE_STATIC);
        srw_bind_text(w, 4, r->rob_source);
        srw_bind_text(w, 5, im->who);
        srw_bind_text(w, 6, im->when);
        srw_bind_text(w, 7, sup);
        rc = step_done(im, w, "cannot write a risk-of-bias judgement");
    }
    free(old);
    free(old_sup);
    return rc;
}

static int write_rob(importer *im, const char *path, const srw_record *r, sqlite3_int64 sid)
{
    size_t says = 0;
    for (int d = 0; d < SRW_ROB_N; d++)
        says |= (r->rob[d] != SRW_ROB_UNSET ? STUDY_STATED_ROB(d) : 0) |
                (r->rob_support[d] != NULL ? STUDY_STATED_SUPPORT(d) : 0);
    if (says == 0)
        return 0;
    size_t stated = srw_import__study_stated(im, r->study);
    for (int d = 0; d < SRW_ROB_N; d++) {
        int rc = r->rob[d] != SRW_ROB_UNSET ? write_rob_domain(im, path, r, sid, d, stated) : 0;
        if (rc)
            return rc;
    }
    return srw_import__study_state(im, r->study, says);
}

/* Binds r as parameters base + 1 .. base + 23 of add_record / set_record
 * (base > 0 for the later rows of add_records; set_record has no ?23). */
static void bind_record_at(importer *im, sqlite3_stmt *st, int base, const srw_record *r, sqlite3_int64 oid,
                           sqlite3_int64 sid)
{
    sqlite3_bind_int64(st, base + 1, oid);
    sqlite3_bind_int64(st, base + 2, sid);
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
    /* A record the import adds has its entry's who and when (schema 8). */
    int added = im->batch_id != 0 && st != im->set_record;
    srw_bind_text_static(st, base + 19, added ? NULL : im->who);
    srw_bind_text_static(st, base + 20, added ? NULL : im->when);
    srw_bind_text_static(st, base + 21, im->who);
    srw_bind_text_static(st, base + 22, r->measured_as);
    if (added)
        sqlite3_bind_int64(st, base + 23, im->batch_id);
}

static void bind_record(importer *im, sqlite3_stmt *st, const srw_record *r, sqlite3_int64 oid,
                        sqlite3_int64 sid)
{
    bind_record_at(im, st, 0, r, oid, sid);
}

/* The trail's entry for this import (who, when, what, why, and the files
 * its records came from), written before its first change, which it
 * heads; the records it adds point at it. */
int srw_import__batch_entry(importer *im)
{
    if (im->batch_id != 0)
        return 0;
    char files[2048];
    size_t len = 0;
    files[0] = '\0';
    for (size_t f = 0; f < im->n_sets; f++)
        if (im->sets[f].path != NULL && len < sizeof files)
            len += (size_t)snprintf(files + len, sizeof files - len, "%s%s", len ? ", " : "", im->sets[f].path);
    for (size_t f = 0; f < im->n_paths; f++)
        if (len < sizeof files)
            len += (size_t)snprintf(files + len, sizeof files - len, "%s%s", len ? ", " : "", im->paths[f]);
    srw_audit_row a = {im->when, im->who, im->action, NULL,          NULL, NULL,
                       im->who,  NULL,    NULL,       len ? files : NULL, im->reason};
    int rc = srw_audit_write(im->s, im->audit, &a, im->err);
    if (rc == 0)
        im->batch_id = sqlite3_last_insert_rowid(im->s->db);
    return rc;
}

/* Writes the queued new records (ids in the order the rows were queued, as
 * one at a time would give them). */
int srw_import__flush(importer *im)
{
    size_t n = im->n_pending;
    struct pending_record *p = im->pending;
    int rc = srw_import__flush_studies(im);
    if (rc)
        return rc;
    im->n_pending = 0;
    if (n > 0 && (rc = srw_import__batch_entry(im)) != 0)
        return rc;
    if (n == IMPORT_BATCH) {
        sqlite3_int64 lo[2] = {p[0].oid, p[0].sid}, hi[2] = {p[0].oid, p[0].sid};
        for (size_t i = 0; i < n; i++) {
            bind_record_at(im, im->add_records, (int)i * RECORD_PARAMS, p[i].r, p[i].oid, p[i].sid);
            lo[0] = p[i].oid < lo[0] ? p[i].oid : lo[0];
            hi[0] = p[i].oid > hi[0] ? p[i].oid : hi[0];
            lo[1] = p[i].sid < lo[1] ? p[i].sid : lo[1];
            hi[1] = p[i].sid > hi[1] ? p[i].sid : hi[1];
        }
        rc = sqlite3_step(im->add_records);
        sqlite3_reset(im->add_records);
        if (rc == SQLITE_DONE) {
            sqlite3_int64 last = sqlite3_last_insert_rowid(im->s->db);
            srw_store__bulk_vouch(im->s, last - (sqlite3_int64)n + 1, last, lo[0], hi[0], lo[1], hi[1]);
            return 0;
        }
        /* The statement undid itself: one at a time below finds the row. */
        if (sqlite3_extended_errcode(im->s->db) != SQLITE_CONSTRAINT_UNIQUE)
            return srw_store_fail(im->s, im->err, "cannot add a record");
    }
    for (size_t i = 0; i < n; i++) {
        bind_record(im, im->add_record, p[i].r, p[i].oid, p[i].sid);
        rc = sqlite3_step(im->add_record);
        sqlite3_reset(im->add_record);
        if (rc == SQLITE_DONE) {
            sqlite3_int64 id = sqlite3_last_insert_rowid(im->s->db);
            srw_store__bulk_vouch(im->s, id, id, p[i].oid, p[i].oid, p[i].sid, p[i].sid);
            continue;
        }
        if (sqlite3_extended_errcode(im->s->db) != SQLITE_CONSTRAINT_UNIQUE)
            return srw_store_fail(im->s, im->err, "cannot add a record");
        /* The reader finds a study twice in one outcome of a file; this is
         * the same study and outcome in two files of one import. */
        const srw_record *r = p[i].r;
        SRW_FAIL(im->err, SRW_EDATA,
                 "study '%s' appears twice in outcome '%s' of '%s' (also in an earlier file of this import)",
                 r->study, r->outcome, r->use);
        srw_error_locate(im->err, p[i].path, r->line, 0, "study");
        return SRW_EDATA;
    }
    return 0;
}

/* A record new to the database is queued and written with the next
 * IMPORT_BATCH - 1; its trail row is the view audit_imported's. */
static int queue_new_record(importer *im, const char *path, const srw_record *r, sqlite3_int64 oid,
                            sqlite3_int64 sid)
{
    struct pending_record *p = &im->pending[im->n_pending++];
    p->path = path;
    p->r = r;
    p->oid = oid;
    p->sid = sid;
    return im->n_pending == IMPORT_BATCH ? srw_import__flush(im) : 0;
}

static int text_differs(sqlite3_stmt *st, int col, const char *v)
{
    const char *old = (const char *)sqlite3_column_text(st, col);
    if (old == NULL || v == NULL)
        return (old == NULL) != (v == NULL);
    return strcmp(old, v) != 0;
}

/* Describe how the stored row (find_record) differs from r; "" if not. */
static void describe_diff(sqlite3_stmt *st, const srw_record *r, char *buf, size_t n)
{
    static const char *const num_names[] = {"exp_events", "exp_total", "ctl_events", "ctl_total",
                                            "exp_mean", "exp_sd", "ctl_mean", "ctl_sd", "estimate", "se"};
    const double nums[] = {r->exp_events, r->exp_total, r->ctl_events, r->ctl_total, r->exp_mean,
                           r->exp_sd, r->ctl_mean, r->ctl_sd, r->estimate, r->se};
    static const char *const text_names[] = {"comparison", "intervention", "comparator", "subgroup"};
    const char *texts[] = {r->comparison, r->intervention, r->comparator, r->subgroup};
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < 10; i++) {
        double old = srw_column_real(st, 5 + i);
        if ((isnan(old) && isnan(nums[i])) || old == nums[i])
            continue;
        char o[40] = "(none)", v[40] = "(none)"; /* a value added or removed, not NaN */
        if (!isnan(old))
            srw_number_text(old, o, sizeof o); /* every digit that differs */
        if (!isnan(nums[i]))
            srw_number_text(nums[i], v, sizeof v);
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s %s -> %s", len ? ", " : "", num_names[i], o, v);
    }
    for (int i = 0; i < 4; i++)
        if (text_differs(st, 1 + i, texts[i]) && len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s changed", len ? ", " : "", text_names[i]);
    if (text_differs(st, 15, r->source) && len < n)
        len += (size_t)snprintf(buf + len, n - len, "%ssource changed", len ? ", " : "");
    if (text_differs(st, 16, r->notes) && len < n)
        len += (size_t)snprintf(buf + len, n - len, "%snotes changed", len ? ", " : "");
    if (text_differs(st, 18, r->measured_as) && len < n) {
        const char *old = (const char *)sqlite3_column_text(st, 18);
        snprintf(buf + len, n - len, "%smeasured_as %s -> %s", len ? ", " : "", old ? old : "(none)",
                 r->measured_as ? r->measured_as : "(none)");
    }
}

/* One audit row per field whose stored value (find_record) differs. */
static int audit_diff(importer *im, sqlite3_stmt *st, const srw_record *r)
{
    static const char *const num_names[] = {"exp_events", "exp_total", "ctl_events", "ctl_total",
                                            "exp_mean", "exp_sd", "ctl_mean", "ctl_sd", "estimate", "se"};
    const double nums[] = {r->exp_events, r->exp_total, r->ctl_events, r->ctl_total, r->exp_mean,
                           r->exp_sd, r->ctl_mean, r->ctl_sd, r->estimate, r->se};
    static const char *const text_names[] = {"comparison", "intervention", "comparator", "subgroup"};
    const char *texts[] = {r->comparison, r->intervention, r->comparator, r->subgroup};
    srw_audit_row a = {im->when, im->who, im->action, r->use, r->outcome, r->study, im->who,
                       NULL, NULL, NULL, im->reason};
    char o[40], n[40];
    int rc = 0;
    for (int i = 0; i < 10 && rc == 0; i++) {
        double old = srw_column_real(st, 5 + i);
        if ((isnan(old) && isnan(nums[i])) || old == nums[i])
            continue;
        srw_number_text(old, o, sizeof o);
        srw_number_text(nums[i], n, sizeof n);
        a.field = num_names[i];
        a.old_value = isnan(old) ? NULL : o;
        a.new_value = isnan(nums[i]) ? NULL : n;
        rc = srw_audit_write(im->s, im->audit, &a, im->err);
    }
    for (int i = 0; i < 7 && rc == 0; i++) {
        int col = i < 4 ? 1 + i : i < 6 ? 15 + (i - 4) : 18;
        const char *v = i < 4 ? texts[i] : i == 4 ? r->source : i == 5 ? r->notes : r->measured_as;
        if (!text_differs(st, col, v))
            continue;
        a.field = i < 4 ? text_names[i] : i == 4 ? "source" : i == 5 ? "notes" : "measured_as";
        a.old_value = (const char *)sqlite3_column_text(st, col);
        a.new_value = v;
        rc = srw_audit_write(im->s, im->audit, &a, im->err);
    }
    return rc;
}

static int name_record(importer *im, sqlite3_int64 id)
{
    if (srw_grow((void **)&im->named, im->n_named, &im->cap_named, sizeof *im->named) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    im->named[im->n_named++] = id;
    return 0;
}

/* reader_checked: r comes from a trial reader (srw_import_add), which
 * checked the rows of its file for one trial twice in an outcome. */
static int import_record(importer *im, const char *path, const srw_record *r, int reader_checked)
{
    sqlite3_int64 uid = 0, oid = 0, sid = 0;
    size_t oi = 0;
    int rc;
    /* A file's rows come grouped by outcome: while the use and outcome stay
     * those of the previous row, so do their ids (what the maps of use_id
     * and outcome_id would give, without building and hashing the keys). */
    int changed = 0;
    if (im->last_use != NULL && strcmp(im->last_outcome, r->outcome) == 0 && strcmp(im->last_use, r->use) == 0) {
        uid = im->last_uid;
        oi = im->last_outcome_index;
        if ((rc = srw_import__outcome_row(im, path, r, oi)) != 0)
            return rc;
    } else {
        changed = 1;
        if ((rc = use_id(im, r->use, &uid)) != 0 || (rc = srw_import__outcome(im, path, r, uid, &oi)) != 0)
            return rc;
        if (srw_copy_into(&im->last_use, &im->cap_last_use, r->use) != 0 ||
            srw_copy_into(&im->last_outcome, &im->cap_last_outcome, r->outcome) != 0) {
            free(im->last_use);
            im->last_use = NULL; /* no previous row to compare with */
            im->cap_last_use = 0;
            return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
        }
        im->last_uid = uid;
        im->last_outcome_index = oi;
    }
    oid = im->outcomes[oi].id;
    int is_new = im->outcomes[oi].is_new;
    if ((rc = srw_import__run_row(im, r, oid, is_new, changed)) != 0 || (rc = srw_import__study(im, path, r, &sid)) != 0 ||
        (rc = write_rob(im, path, r, sid)) != 0)
        return rc;
    if (!is_new) {
        /* The look-up must see the queued rows. */
        if ((rc = srw_import__flush(im)) != 0)
            return rc;
        sqlite3_stmt *f = im->find_record;
        sqlite3_bind_int64(f, 1, oid);
        sqlite3_bind_int64(f, 2, sid);
        sqlite3_bind_text(f, 3, im->who, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(f);
        if (rc == SQLITE_ROW) {
            int named = name_record(im, sqlite3_column_int64(f, 0));
            if (named != 0) {
                sqlite3_reset(f);
                return named;
            }
            char diff[900];
            describe_diff(f, r, diff, sizeof diff);
            if (diff[0] == '\0') {
                sqlite3_reset(f);
                im->stats->n_unchanged++;
                return 0;
            }
            /* The values the record was imported with go into the trail
             * before the trail says what changed. */
            if ((rc = srw_import__batch_entry(im)) == 0)
                rc = srw_store__audit_freeze(im->s, &im->freeze, sqlite3_column_int64(f, 0), im->err);
            if (rc == 0)
                rc = audit_diff(im, f, r);
            sqlite3_reset(f);
            if (rc)
                return rc;
            if ((rc = srw_import__add_change(im, "updated %s / %s / %s: %s", r->use, r->outcome, r->study, diff)) != 0)
                return rc;
            bind_record(im, im->set_record, r, oid, sid);
            if ((rc = step_done(im, im->set_record, "cannot update a record")) != 0)
                return rc;
            im->stats->n_updated++;
            return 0;
        }
        sqlite3_reset(f);
        if (rc != SQLITE_DONE)
            return srw_store_fail(im->s, im->err, "cannot look up a record");
    }
    /* A record new to its outcome: not the same trial as another there. */
    if ((rc = srw_import__same_trial(im, path, r, oi, sid, reader_checked)) != 0 || (rc = queue_new_record(im, path, r, oid, sid)) != 0)
        return rc;
    im->stats->n_new++;
    return 0;
}

static void bind_pub(importer *im, sqlite3_stmt *st, const srw_published *p, sqlite3_int64 uid)
{
    sqlite3_bind_int64(st, 1, uid);
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
    srw_bind_text(st, 18, im->who);
    srw_bind_text(st, 19, im->when);
    sqlite3_bind_int(st, 20, p->decimals);
}

/* How the stored published result (find_pub) differs from p: the fields,
 * with old and new values for the numbers; "" when it does not. */
static void pub_describe(sqlite3_stmt *f, const srw_published *p, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    static const char *const num_names[] = {"estimate", "ci_lower", "ci_upper", "trials", "participants"};
    const double nums[] = {p->estimate, p->ci_lower, p->ci_upper, p->trials < 0 ? NAN : (double)p->trials,
                           p->participants < 0 ? NAN : (double)p->participants};
    for (int i = 0; i < 5; i++) {
        double old = srw_column_real(f, 5 + i);
        if ((isnan(old) && isnan(nums[i])) || old == nums[i])
            continue;
        char o[40] = "(none)", v[40] = "(none)";
        if (!isnan(old))
            srw_number_text(old, o, sizeof o);
        if (!isnan(nums[i]))
            srw_number_text(nums[i], v, sizeof v);
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s %s -> %s", len ? ", " : "", num_names[i], o, v);
    }
    static const char *const text_names[] = {"version", "search_date", "model", "method", "certainty",
                                             "direction", "source", "notes"};
    const char *texts[] = {p->version, p->search_date, p->model, p->method, p->certainty,
                           srw_direction_name(p->direction), p->source, p->notes};
    const int cols[] = {1, 2, 3, 4, 10, 11, 12, 13};
    for (int i = 0; i < 8; i++)
        if (text_differs(f, cols[i], texts[i]) && len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s changed", len ? ", " : "", text_names[i]);
    /* The precision the review printed (0.8 against 0.80): what the
     * report shows, and compares srw's result at. */
    if (sqlite3_column_int(f, 14) != p->decimals && len < n)
        snprintf(buf + len, n - len, "%sdecimals %d -> %d", len ? ", " : "", sqlite3_column_int(f, 14), p->decimals);
}

/* One published result per use, outcome, review and measure in an import:
 * a second would silently replace the first. */
static int published_once(importer *im, const char *path, const srw_published *p)
{
    size_t len = strlen(p->use) + strlen(p->outcome) + strlen(p->review) + strlen(p->measure) + 4;
    char *key = malloc(len);
    if (key == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    snprintf(key, len, "%s\x1f%s\x1f%s\x1f%s", p->use, p->outcome, p->review, p->measure);
    size_t j;
    int rc = 0;
    if (srw_strmap_get(&im->pubs_seen, key, &j)) {
        rc = SRW_FAIL(im->err, SRW_EDATA, "the published result of %s / %s / %s (%s) appears twice in this import"
                      " (also %s:%ld)", p->use, p->outcome, p->review, p->measure, im->pub_at[j].path,
                      im->pub_at[j].line);
        srw_error_locate(im->err, NULL, 0, 0, "review");
    } else if (srw_grow((void **)&im->pub_at, im->n_pub_at, &im->cap_pub_at, sizeof *im->pub_at) != 0 ||
               srw_strmap_put(&im->pubs_seen, key, im->n_pub_at) != 0) {
        rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    } else {
        im->pub_at[im->n_pub_at].path = path;
        im->pub_at[im->n_pub_at++].line = p->line;
    }
    free(key);
    return rc;
}

/* A published result of an outcome srw holds trials for: a measure of its
 * type and, when both say, its direction (the verdict reads the result
 * through the outcome's direction). */
static int published_fits(importer *im, const srw_published *p, sqlite3_int64 uid)
{
    sqlite3_stmt *f = im->outcome_of_pub;
    sqlite3_bind_int64(f, 1, uid);
    srw_bind_text(f, 2, p->outcome);
    int rc = 0;
    if (sqlite3_step(f) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(f, 0);
        const char *dir = (const char *)sqlite3_column_text(f, 1);
        const char *pdir = srw_direction_name(p->direction);
        const char *misfit = srw_import__published_misfit(srw_outcome_type_parse(type), dir, p->measure, pdir);
        if (misfit != NULL && strcmp(misfit, "measure") == 0)
            rc = SRW_FAIL(im->err, SRW_EDATA, "%s is not a measure of outcome '%s' of '%s', which is %s",
                          p->measure, p->outcome, p->use, type);
        else if (misfit != NULL)
            rc = SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is %s, not %s", p->outcome, p->use, dir, pdir);
        if (misfit != NULL)
            srw_error_locate(im->err, NULL, 0, 0, misfit);
    }
    sqlite3_reset(f);
    return rc;
}

static int import_published(importer *im, const char *path, const srw_published *p)
{
    sqlite3_int64 uid;
    size_t known;
    int rc = published_once(im, path, p), is_new = 0;
    if (rc == 0 && !srw_strmap_get(&im->use_ids, p->use, &known)) {
        sqlite3_bind_text(im->find_use, 1, p->use, -1, SQLITE_TRANSIENT);
        is_new = sqlite3_step(im->find_use) == SQLITE_DONE;
        sqlite3_reset(im->find_use);
    }
    if (rc == 0)
        rc = use_id(im, p->use, &uid);
    /* Published results may stand alone, but a use that only they name is
     * most often a misspelt one. */
    if (rc == 0 && is_new)
        rc = srw_import__add_change(im,
                                    "warning: %s:%ld: use '%s' is new: no trial record or decision setting names it"
                                    " (check its spelling)",
                                    path ? path : "-", p->line, p->use);
    if (rc == 0)
        rc = published_fits(im, p, uid);
    if (rc)
        return rc;
    sqlite3_stmt *f = im->find_pub;
    sqlite3_bind_int64(f, 1, uid);
    srw_bind_text(f, 2, p->outcome);
    srw_bind_text(f, 3, p->review);
    srw_bind_text(f, 4, p->measure);
    rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        char diff[600];
        pub_describe(f, p, diff, sizeof diff);
        sqlite3_reset(f);
        if (diff[0] == '\0') {
            im->stats->n_published_unchanged++;
            return 0;
        }
        char field[300];
        snprintf(field, sizeof field, "published result (%s, %s)", p->measure, p->review);
        if ((rc = srw_import__setting_changed(im, p->use, p->outcome, NULL, field, NULL, diff,
                                              "updated published result %s / %s / %s (%s): %s", p->use,
                                              p->outcome, p->review, p->measure, diff)) != 0)
            return rc;
        bind_pub(im, im->set_pub, p, uid);
        im->stats->n_published_updated++;
        return step_done(im, im->set_pub, "cannot update a published result");
    }
    sqlite3_reset(f);
    if (rc != SQLITE_DONE)
        return srw_store_fail(im->s, im->err, "cannot look up a published result");
    char field[300], value[700];
    snprintf(field, sizeof field, "published result (%s, %s)", p->measure, p->review);
    char pe[64], pl[64], ph[64];
    srw_decimal_text(p->estimate, p->decimals, pe, sizeof pe);
    srw_decimal_text(p->ci_lower, p->decimals, pl, sizeof pl);
    srw_decimal_text(p->ci_upper, p->decimals, ph, sizeof ph);
    snprintf(value, sizeof value, "estimate %s [%s, %s]", pe, pl, ph);
    size_t len = strlen(value);
    if (p->trials >= 0)
        len += (size_t)snprintf(value + len, sizeof value - len, "; trials %ld", (long)p->trials);
    if (p->participants >= 0 && len < sizeof value)
        len += (size_t)snprintf(value + len, sizeof value - len, "; participants %ld", (long)p->participants);
    if (p->source != NULL && len < sizeof value)
        snprintf(value + len, sizeof value - len, "; source %s", p->source);
    if ((rc = setting_added(im, p->use, p->outcome, field, value)) != 0)
        return rc;
    bind_pub(im, im->add_pub, p, uid);
    im->stats->n_published_new++;
    return step_done(im, im->add_pub, "cannot add a published result");
}

/* A stored text setting against the file's: a change line when they
 * differ (the value itself when short, else that it changed). */
static int use_text_change(importer *im, const char *use, const char *name, const char *old, const char *v)
{
    if ((old == NULL && v == NULL) || (old != NULL && v != NULL && strcmp(old, v) == 0))
        return 0;
    if ((old == NULL || strlen(old) <= 40) && (v == NULL || strlen(v) <= 40))
        return srw_import__setting_changed(im, use, NULL, NULL, name, old, v, "use '%s': %s %s%s%s -> %s%s%s", use,
                                           name, old ? "'" : "", old ? old : "(none)", old ? "'" : "", v ? "'" : "",
                                           v ? v : "(none)", v ? "'" : "");
    return srw_import__setting_changed(im, use, NULL, NULL, name, old, v, "use '%s': %s %s", use, name,
                                       v == NULL ? "removed" : old == NULL ? "added" : "changed");
}

/* A use's decision settings, as the file gives them (a column the file
 * leaves out clears the stored value: the file is the use's settings).
 * What that changes in settings stored before is listed; a use given
 * settings by two files of one import is an error, as within one file. */
static int import_use(importer *im, const char *path, const srw_use_settings *u)
{
    sqlite3_int64 uid;
    int rc = use_id(im, u->use, &uid);
    if (rc)
        return rc;
    size_t seen;
    if (srw_strmap_get(&im->uses_set, u->use, &seen)) {
        SRW_FAIL(im->err, SRW_EDATA, "use '%s' has decision settings in an earlier file of this import too",
                 u->use);
        srw_error_locate(im->err, path, u->line, 0, "use");
        return SRW_EDATA;
    }
    if (srw_strmap_put(&im->uses_set, u->use, 1) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    sqlite3_stmt *f = im->use_settings;
    sqlite3_bind_int64(f, 1, uid);
    if ((rc = sqlite3_step(f)) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(im->s, im->err, "cannot read a use's decision settings");
    }
    /* A use without a primary outcome has had no settings to change. */
    size_t lines_before = im->stats->n_changes;
    int had_settings = sqlite3_column_type(f, 1) != SQLITE_NULL;
    if (had_settings) {
        const char *names[] = {"description", "primary_outcome", "mid_measure", "mid_source", "notes", "source"};
        const char *vals[] = {u->description, u->primary_outcome, u->mid_measure, u->mid_source, u->notes, u->source};
        const int cols[] = {0, 1, 3, 4, 5, 6};
        for (int i = 0; i < 6 && rc == SQLITE_ROW; i++)
            if (use_text_change(im, u->use, names[i], (const char *)sqlite3_column_text(f, cols[i]), vals[i]) != 0)
                rc = SQLITE_NOMEM;
        double mid = srw_column_real(f, 2);
        if (rc == SQLITE_ROW && !((isnan(mid) && isnan(u->mid)) || mid == u->mid)) {
            char o[32] = "(none)", v[32] = "(none)";
            if (!isnan(mid))
                srw_number_text(mid, o, sizeof o);
            if (!isnan(u->mid))
                srw_number_text(u->mid, v, sizeof v);
            if (srw_import__setting_changed(im, u->use, NULL, NULL, "mid", isnan(mid) ? NULL : o,
                                            isnan(u->mid) ? NULL : v, "use '%s': mid %s -> %s", u->use, o, v) != 0)
                rc = SQLITE_NOMEM;
        }
    } else {
        char v[900];
        size_t len = (size_t)snprintf(v, sizeof v, "primary_outcome=%s", u->primary_outcome);
        if (!isnan(u->mid) && len < sizeof v) {
            char m[40];
            srw_number_text(u->mid, m, sizeof m);
            len += (size_t)snprintf(v + len, sizeof v - len, "; mid=%s %s", m, u->mid_measure ? u->mid_measure : "");
        }
        if (u->source != NULL && len < sizeof v)
            snprintf(v + len, sizeof v - len, "; source=%s", u->source);
        int e = setting_added(im, u->use, NULL, "decision settings", v);
        if (e != 0) {
            sqlite3_reset(f);
            return e;
        }
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    /* The same settings again: nothing to write (and the stored entry's
     * who and when stay). */
    if (had_settings && im->stats->n_changes == lines_before)
        return 0;
    sqlite3_stmt *st = im->set_use;
    sqlite3_bind_int64(st, 1, uid);
    srw_bind_text(st, 2, u->description);
    srw_bind_text(st, 3, u->primary_outcome);
    srw_bind_real(st, 4, u->mid);
    srw_bind_text(st, 5, u->mid_measure);
    srw_bind_text(st, 6, u->mid_source);
    srw_bind_text(st, 7, u->notes);
    srw_bind_text(st, 8, im->who);
    srw_bind_text(st, 9, im->when);
    srw_bind_text(st, 10, u->source);
    im->stats->n_uses_set++;
    return step_done(im, st, "cannot set a use's decision settings");
}

/* One judgement per outcome and domain in an import, as in one file: a
 * second would silently replace the first. */
static int grade_once(importer *im, const char *path, const srw_grade_setting *g, sqlite3_int64 oid)
{
    char key[96];
    snprintf(key, sizeof key, "%lld\x1f%s", (long long)oid, g->domain);
    size_t seen;
    if (srw_strmap_get(&im->grades_set, key, &seen)) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "outcome '%s' of '%s' has a judgement of %s in an earlier file of this import too", g->outcome,
                 g->use, g->domain);
        return srw_import__located(im, path, g->line, "domain");
    }
    return srw_strmap_put(&im->grades_set, key, 1) != 0 ? SRW_FAIL(im->err, SRW_ENOMEM, "out of memory") : 0;
}

/* What g changes in a judgement stored before: a change line. */
static int grade_changes(importer *im, const srw_grade_setting *g, sqlite3_int64 oid, int *same)
{
    *same = 0;
    sqlite3_stmt *f = im->grade_stored;
    sqlite3_bind_int64(f, 1, oid);
    sqlite3_bind_text(f, 2, g->domain, -1, SQLITE_STATIC);
    int rc = sqlite3_step(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_reset(f);
        return srw_store_fail(im->s, im->err, "cannot read a GRADE judgement");
    }
    /* Indirectness 0 without a reason is the default, not a judgement. */
    int down = rc == SQLITE_ROW ? sqlite3_column_int(f, 0) : 0;
    const char *reason = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(f, 1) : NULL;
    int same_reason = reason != NULL && strcmp(reason, g->reason) == 0;
    *same = same_reason && down == g->downgrade;
    rc = 0;
    if (reason == NULL) {
        char field[64], v[700];
        snprintf(field, sizeof field, "GRADE %s", g->domain);
        snprintf(v, sizeof v, "downgrade %d: %s", g->downgrade, g->reason);
        rc = setting_added(im, g->use, g->outcome, field, v);
    } else if (down != g->downgrade || !same_reason) {
        char field[64], o[700], v[700];
        snprintf(field, sizeof field, "GRADE %s", g->domain);
        snprintf(o, sizeof o, "downgrade %d: %s", down, reason);
        snprintf(v, sizeof v, "downgrade %d: %s", g->downgrade, g->reason);
        rc = srw_import__setting_changed(im, g->use, g->outcome, NULL, field, o, v,
                                         "GRADE %s of %s / %s: downgrade %d -> %d%s", g->domain, g->use, g->outcome,
                                         down, g->downgrade, same_reason ? "" : ", reason changed");
    }
    sqlite3_reset(f);
    return rc;
}

/* A reviewer's GRADE judgement of an outcome srw holds (or this import
 * adds): indirectness is stored on the outcome, any other domain as an
 * override of the computed value; both keep their reason. */
static int import_grade(importer *im, const char *path, const srw_grade_setting *g)
{
    sqlite3_stmt *f = im->find_outcome_by_name;
    sqlite3_bind_text(f, 1, g->use, -1, SQLITE_STATIC);
    sqlite3_bind_text(f, 2, g->outcome, -1, SQLITE_STATIC);
    int rc = sqlite3_step(f);
    sqlite3_int64 oid = rc == SQLITE_ROW ? sqlite3_column_int64(f, 0) : 0;
    sqlite3_reset(f);
    if (rc == SQLITE_DONE) {
        SRW_FAIL(im->err, SRW_EDATA, "no outcome '%s' of '%s' holds trial records, so there is nothing to grade",
                 g->outcome, g->use);
        return srw_import__located(im, path, g->line, "outcome");
    }
    if (rc != SQLITE_ROW)
        return srw_store_fail(im->s, im->err, "cannot look up an outcome");
    int same;
    if ((rc = grade_once(im, path, g, oid)) != 0 || (rc = grade_changes(im, g, oid, &same)) != 0)
        return rc;
    if (same) /* nothing to write; the stored judgement keeps its who and when */
        return 0;
    sqlite3_stmt *w;
    if (strcmp(g->domain, "indirectness") == 0) {
        w = im->set_indirectness;
        sqlite3_bind_int64(w, 1, oid);
        sqlite3_bind_int(w, 2, g->downgrade);
        sqlite3_bind_text(w, 3, g->reason, -1, SQLITE_STATIC);
    } else {
        w = im->set_override;
        sqlite3_bind_int64(w, 1, oid);
        sqlite3_bind_text(w, 2, g->domain, -1, SQLITE_STATIC);
        sqlite3_bind_int(w, 3, g->downgrade);
        sqlite3_bind_text(w, 4, g->reason, -1, SQLITE_STATIC);
        sqlite3_bind_text(w, 5, im->who, -1, SQLITE_STATIC);
        sqlite3_bind_text(w, 6, im->when, -1, SQLITE_STATIC);
    }
    im->stats->n_grade_set++;
    return step_done(im, w, "cannot store a GRADE judgement");
}

/* What the warnings read of a record, columns as fill_warned reads them. */
int srw_store_import(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *entered_by,
                     srw_import_stats *stats, srw_error *err)
{
    return srw_store_write_sets(s, sets, n_sets, entered_by, "import", NULL, stats, err);
}

/* The CSV import and `srw add` / `srw edit` write through here: records go in
 * as entered_by's extraction (one per reviewer, study and outcome), beside
 * other reviewers' extractions, never over them. */
/* An import under way: the importer, and the records passed to
 * srw_import_add, kept until the rows that refer to them are written (the
 * pending queue binds their strings without copying; IMPORT_BATCH + 1
 * slots hold the queue and the previous record). */
struct srw_import {
    importer im;
    srw_record ring[IMPORT_BATCH + 1];
    size_t n_added;
};

static void import_free(srw_import *imp)
{
    finalize_all(&imp->im);
    for (size_t i = 0; i < IMPORT_BATCH + 1; i++)
        srw_record_dispose(&imp->ring[i]);
    free(imp);
}

/* At most this many stored studies are read into the study map when a
 * bulk import drops the label index (srw_import__defer_labels): a review
 * holds far fewer; beyond, the index is kept up row by row. */
#define LABEL_PRELOAD_MAX 100000

/* Whether this import may build the study labels' index at the end: a
 * bulk import into a database of at most LABEL_PRELOAD_MAX studies. */
static int decide_label_index(importer *im)
{
    if (!im->s->fk_deferred)
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(im->s, &st, "SELECT count(*) FROM studies", im->err);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        im->label_index_deferrable = sqlite3_column_int64(st, 0) <= LABEL_PRELOAD_MAX;
    sqlite3_finalize(st);
    return 0;
}

/* A bulk import that adds studies: inserted one by one, in the file's
 * order, a million labels land all over their index.  Once the import has
 * added its first study (so that one that adds none writes nothing), the
 * stored studies go into the study map, which then knows every label, the
 * index is dropped, and it is built with one sort at the end
 * (build_label_index), about a second less of a million-row import.  The
 * studies still to come are queued and written 32 to a statement with ids
 * the importer gives (srw_import__flush_studies).  Inside the import's
 * savepoint: a failed import gets the index back with the rest. */
int srw_import__defer_labels(importer *im)
{
    im->label_index_deferrable = 0;
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(im->s, &st, "SELECT id, label FROM studies", im->err), step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (srw_strmap_add(&im->study_ids, (const char *)sqlite3_column_text(st, 1), (size_t)id, NULL) < 0)
            rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
        if (id > im->last_study_id)
            im->last_study_id = id;
    }
    sqlite3_finalize(st);
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(im->s, im->err, "cannot read the studies");
    if (rc || (rc = srw_store_exec(im->s, "DROP INDEX studies_label", im->err)) != 0)
        return rc;
    char sql[IMPORT_BATCH * 40 + 100];
    size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO studies (label, year, randomised, audit_id, id) VALUES ");
    for (int g = 0; g < IMPORT_BATCH; g++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(?%d, ?%d, ?%d, ?%d, ?%d)", g ? ", " : "", g * 5 + 1,
                              g * 5 + 2, g * 5 + 3, g * 5 + 4, g * 5 + 5);
    if ((rc = srw_store_prepare(im->s, &im->add_studies, sql, im->err)) != 0 ||
        (rc = srw_store_prepare(im->s, &im->add_study_one,
                                "INSERT INTO studies (label, year, randomised, audit_id, id) VALUES (?1, ?2, ?3, ?4, ?5)",
                                im->err)) != 0)
        return rc;
    im->label_index_later = 1;
    return 0;
}

static int build_label_index(importer *im)
{
    if (!im->label_index_later)
        return 0;
    im->label_index_later = 0;
    /* Nothing reads the study map after the warnings: its memory (60 MB
     * for a million studies) is the index's sort's to reuse. */
    srw_strmap_dispose(&im->study_ids);
    return srw_store_exec(im->s, "CREATE UNIQUE INDEX studies_label ON studies (label)", im->err);
}

static int import_open(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *const *paths,
                       size_t n_paths, const char *entered_by, const char *action, const char *reason,
                       srw_import_stats *stats, srw_import **out, srw_error *err)
{
    memset(stats, 0, sizeof *stats);
    *out = NULL;
    srw_import *imp = calloc(1, sizeof *imp);
    if (imp == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    importer *im = &imp->im;
    im->s = s;
    im->who = entered_by && entered_by[0] ? entered_by : "unknown";
    im->action = action;
    im->reason = reason;
    im->stats = stats;
    im->sets = sets;
    im->n_sets = n_sets;
    im->paths = paths;
    im->n_paths = n_paths;
    im->err = err;
    srw_utc_now(im->when, sizeof im->when);
    int rc = srw_store__write_begin(s, err);
    if (rc) {
        free(imp);
        return rc;
    }
    sqlite3_stmt *max_id = NULL;
    if ((rc = decide_label_index(im)) != 0 || (rc = prepare_all(im)) != 0 ||
        (rc = srw_store_prepare(s, &max_id,
                                "SELECT (SELECT coalesce(max(id), 0) FROM records),"
                                " (SELECT coalesce(max(id), 0) FROM outcomes), (SELECT coalesce(max(id), 0) FROM studies),"
                                " EXISTS (SELECT 1 FROM published)",
                                err)) != 0)
        goto fail;
    if (sqlite3_step(max_id) == SQLITE_ROW) {
        im->max_id_before = sqlite3_column_int64(max_id, 0);
        stats->last_record_before = im->max_id_before;
        im->max_outcome_before = sqlite3_column_int64(max_id, 1);
        im->max_study_before = im->last_study_id = sqlite3_column_int64(max_id, 2);
        im->had_published = sqlite3_column_int(max_id, 3);
    }
    sqlite3_finalize(max_id);
    /* Use settings first, so that trial rows find their use configured. */
    for (size_t f = 0; f < n_sets; f++)
        for (size_t i = 0; i < sets[f].n_uses; i++)
            if ((rc = import_use(im, sets[f].path, &sets[f].uses[i])) != 0)
                goto fail;
    for (size_t f = 0; f < n_sets; f++) {
        for (size_t i = 0; i < sets[f].n_records; i++)
            if ((rc = import_record(im, sets[f].path, &sets[f].records[i], 0)) != 0)
                goto fail;
        if ((rc = srw_import__flush(im)) != 0)
            goto fail;
    }
    *out = imp;
    return 0;
fail:
    srw_store__write_end(s, rc, NULL);
    import_free(imp);
    srw_import_stats_dispose(stats);
    return rc;
}

int srw_import_add(srw_import *imp, const char *path, srw_record *r)
{
    srw_record *slot = &imp->ring[imp->n_added++ % (IMPORT_BATCH + 1)];
    srw_record_dispose(slot);
    *slot = *r;
    memset(r, 0, sizeof *r);
    return import_record(&imp->im, path, slot, 1);
}

static int import_finish(srw_import *imp)
{
    importer *im = &imp->im;
    const srw_record_set *sets = im->sets;
    int rc = srw_import__flush(im);
    if (rc)
        return rc;
    /* Published results and GRADE judgements after every record (the
     * streamed files' too): they are checked against the outcomes the
     * records create. */
    for (size_t f = 0; f < im->n_sets; f++)
        for (size_t i = 0; i < sets[f].n_published; i++)
            if ((rc = import_published(im, sets[f].path, &sets[f].published[i])) != 0) {
                srw_error_locate(im->err, sets[f].path, sets[f].published[i].line, 0, NULL);
                return rc;
            }
    for (size_t f = 0; f < im->n_sets; f++)
        for (size_t i = 0; i < sets[f].n_grade; i++)
            if ((rc = import_grade(im, sets[f].path, &sets[f].grade[i])) != 0)
                return rc;
    if ((rc = srw_import__check_warnings(im)) != 0)
        return rc;
    return build_label_index(im);
}

/* Ends the import's savepoint: released when rc is 0, else rolled back. */
static int import_end(srw_import *imp, int rc)
{
    srw_store *s = imp->im.s;
    srw_error *err = imp->im.err;
    srw_import_stats *stats = imp->im.stats;
    import_free(imp);
    if (rc == 0)
        rc = srw_store__write_end(s, 0, err);
    else
        srw_store__write_end(s, rc, NULL);
    if (rc)
        srw_import_stats_dispose(stats);
    return rc;
}

int srw_import_finish(srw_import *imp)
{
    return import_end(imp, import_finish(imp));
}

void srw_import_abandon(srw_import *imp)
{
    if (imp != NULL)
        import_end(imp, SRW_EDATA);
}

int srw_store_import_open(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *const *paths,
                          size_t n_paths, const char *entered_by, srw_import_stats *stats, srw_import **out,
                          srw_error *err)
{
    return import_open(s, sets, n_sets, paths, n_paths, entered_by, "import", NULL, stats, out, err);
}

int srw_store_write_sets(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *entered_by,
                         const char *action, const char *reason, srw_import_stats *stats, srw_error *err)
{
    srw_import *imp;
    int rc = import_open(s, sets, n_sets, NULL, 0, entered_by, action, reason, stats, &imp, err);
    return rc ? rc : srw_import_finish(imp);
}

void srw_import_stats_dispose(srw_import_stats *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->n_changes; i++)
        free(st->changes[i]);
    free(st->changes);
    memset(st, 0, sizeof *st);
}
