/* What an import's rows say about their outcome and their study beyond the
 * record (type, direction, measure, MID, scale; year, randomised total):
 * checked against what earlier rows of the import stated (the reader has
 * checked each file on its own, so a conflict here is between files) and
 * against the database, and written when a row is the first to state it.
 * A row may leave a setting blank that a later row gives; the later row's
 * value is kept, not dropped. */
#include "srw/decimal.h"
#include "store/store_internal.h"
#include "store/import_internal.h"
#include "srw/effect.h"
#include "util/grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The settings of an outcome a row can state (import_outcome.stated). */
enum {
    SET_DIRECTION = 1 << 0,
    SET_UNIT = 1 << 1,
    SET_MID = 1 << 2,
    SET_MID_SOURCE = 1 << 3,
    SET_MEASURE = 1 << 4,
    SET_SCALE = 1 << 5
};

static unsigned stated(const srw_record *r)
{
    return (r->direction != SRW_DIR_UNSET ? SET_DIRECTION : 0u) | (r->unit != NULL ? SET_UNIT : 0u) |
           (!isnan(r->mid) ? SET_MID : 0u) | (r->mid_source != NULL ? SET_MID_SOURCE : 0u) |
           (r->measure != NULL ? SET_MEASURE : 0u) | (r->has_scale ? SET_SCALE : 0u);
}

int srw_import__located(importer *im, const char *path, long line, const char *field)
{
    srw_error_locate(im->err, path, line, 0, field);
    return SRW_EDATA;
}

const char *srw_import__published_misfit(srw_outcome_type type, const char *direction, const char *measure,
                                         const char *published_direction)
{
    /* A generic outcome is on whatever scale its published result is. */
    if (type != SRW_TYPE_GENERIC && !srw_measure_fits_type(srw_measure_parse(measure), type))
        return "measure";
    if (direction != NULL && published_direction != NULL && strcmp(direction, published_direction) != 0)
        return "direction";
    return NULL;
}

/* Published results stored for the outcome before it held trials (an
 * earlier import, or a file of this one) against r's type and direction:
 * the checks srw applies when the published result comes second. */
static int published_fit(importer *im, const char *path, const srw_record *r, sqlite3_int64 uid, int direction)
{
    if (!im->had_published) /* this import's own come after its records */
        return 0;
    sqlite3_stmt *f = im->pub_of_outcome;
    sqlite3_bind_int64(f, 1, uid);
    sqlite3_bind_text(f, 2, r->outcome, -1, SQLITE_TRANSIENT);
    int rc = 0, step;
    const char *rdir = srw_direction_name(r->direction);
    while (rc == 0 && (step = sqlite3_step(f)) == SQLITE_ROW) {
        const char *review = (const char *)sqlite3_column_text(f, 0);
        const char *m = (const char *)sqlite3_column_text(f, 1);
        const char *pdir = (const char *)sqlite3_column_text(f, 2);
        const char *misfit = srw_import__published_misfit(r->type, direction ? rdir : NULL, m, pdir);
        if (misfit != NULL && strcmp(misfit, "measure") == 0) {
            SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' has a published %s result (%s), not a measure of a"
                     " %s outcome", r->outcome, r->use, m, review, srw_outcome_type_name(r->type));
            rc = srw_import__located(im, path, r->line, "type");
        } else if (misfit != NULL) {
            SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s in its published result (%s)",
                     r->outcome, r->use, rdir, pdir, review);
            rc = srw_import__located(im, path, r->line, "direction");
        }
    }
    sqlite3_reset(f);
    return rc;
}

/* The stored outcome `id` against r's settings named in `fields` (and its
 * type): a different type or direction is an error, a different MID or
 * scale range a change, listed; then each of those settings is written. */
static int settle_outcome(importer *im, const char *path, const srw_record *r, sqlite3_int64 id, unsigned fields)
{
    sqlite3_stmt *f = im->outcome_settings;
    sqlite3_bind_int64(f, 1, id);
    if (sqlite3_step(f) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(im->s, im->err, "cannot read an outcome");
    }
    const char *type = (const char *)sqlite3_column_text(f, 0);
    const char *dir = (const char *)sqlite3_column_text(f, 1);
    const char *rtype = srw_outcome_type_name(r->type);
    const char *rdir = srw_direction_name(r->direction);
    if (strcmp(type, rtype) != 0) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "outcome '%s' of '%s' is already in the database as %s, not %s (an outcome has one type)",
                 r->outcome, r->use, type, rtype);
        sqlite3_reset(f);
        return srw_import__located(im, path, r->line, "type");
    }
    if ((fields & SET_DIRECTION) && dir != NULL && strcmp(dir, rdir) != 0) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is already in the database as %s, not %s", r->outcome,
                 r->use, dir, rdir);
        sqlite3_reset(f);
        return srw_import__located(im, path, r->line, "direction");
    }
    double mid = srw_column_real(f, 2), smin = srw_column_real(f, 3), smax = srw_column_real(f, 4);
    /* The stored texts a file replaces: listed, as a number is. */
    static const char *const names[] = {"measure", "unit", "mid_source"};
    const unsigned bits[] = {SET_MEASURE, SET_UNIT, SET_MID_SOURCE};
    const char *mine[] = {r->measure, r->unit, r->mid_source};
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++) {
        const char *old = (const char *)sqlite3_column_text(f, 5 + i);
        if ((fields & bits[i]) && old != NULL && strcmp(old, mine[i]) != 0)
            rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, names[i], old, mine[i],
                                             "outcome '%s' of '%s': %s '%s' -> '%s'", r->outcome, r->use, names[i],
                                             old, mine[i]);
    }
    sqlite3_reset(f);
    if (rc)
        return rc;
    /* Every digit that differs, in the trail and in the line. */
    char o[96], v[96], a[40], b[40], c[40], e[40];
    if ((fields & SET_MID) && !isnan(mid) && mid != r->mid) {
        srw_number_text(mid, o, sizeof o);
        srw_number_text(r->mid, v, sizeof v);
        if ((rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, "mid", o, v,
                                              "outcome '%s' of '%s': mid %s -> %s", r->outcome, r->use, o, v)) != 0)
            return rc;
    }
    if ((fields & SET_SCALE) && !isnan(smin) && !isnan(smax) && (smin != r->scale_min || smax != r->scale_max)) {
        srw_number_text(smin, a, sizeof a);
        srw_number_text(smax, b, sizeof b);
        srw_number_text(r->scale_min, c, sizeof c);
        srw_number_text(r->scale_max, e, sizeof e);
        snprintf(o, sizeof o, "%s to %s", a, b);
        snprintf(v, sizeof v, "%s to %s", c, e);
        if ((rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, "scale", o, v,
                                              "outcome '%s' of '%s': scale range %s -> %s", r->outcome, r->use, o,
                                              v)) != 0)
            return rc;
    }
    sqlite3_stmt *u = im->fill_outcome;
    sqlite3_bind_int64(u, 1, id);
    srw_bind_text(u, 2, fields & SET_DIRECTION ? rdir : NULL);
    srw_bind_text(u, 3, fields & SET_UNIT ? r->unit : NULL);
    srw_bind_real(u, 4, fields & SET_MID ? r->mid : NAN);
    srw_bind_text(u, 5, fields & SET_MID_SOURCE ? r->mid_source : NULL);
    srw_bind_text(u, 6, fields & SET_MEASURE ? r->measure : NULL);
    srw_bind_real(u, 7, fields & SET_SCALE ? r->scale_min : NAN);
    srw_bind_real(u, 8, fields & SET_SCALE ? r->scale_max : NAN);
    rc = sqlite3_step(u);
    sqlite3_reset(u);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(im->s, im->err, "cannot update an outcome");
}

/* What o keeps of the settings r states first. */
static int keep_settings(importer *im, import_outcome *o, const srw_record *r, unsigned fields)
{
    if (fields & SET_DIRECTION)
        o->direction = r->direction;
    if (fields & SET_MID)
        o->mid = r->mid;
    if (fields & SET_SCALE) {
        o->scale_min = r->scale_min;
        o->scale_max = r->scale_max;
    }
    if (((fields & SET_MEASURE) && (o->measure = strdup(r->measure)) == NULL) ||
        ((fields & SET_UNIT) && (o->unit = strdup(r->unit)) == NULL) ||
        ((fields & SET_MID_SOURCE) && (o->mid_source = strdup(r->mid_source)) == NULL))
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    o->stated |= fields;
    return 0;
}

int srw_import__outcome_row(importer *im, const char *path, const srw_record *r, size_t index)
{
    import_outcome *o = &im->outcomes[index];
    unsigned s = stated(r), both = s & o->stated;
    const char *in = "in an earlier file of this import";
    if (r->type != o->type) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s %s (an outcome has one type)",
                 r->outcome, r->use, srw_outcome_type_name(r->type), srw_outcome_type_name(o->type), in);
        return srw_import__located(im, path, r->line, "type");
    }
    if ((both & SET_DIRECTION) && r->direction != o->direction) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s %s", r->outcome, r->use,
                 srw_direction_name(r->direction), srw_direction_name(o->direction), in);
        return srw_import__located(im, path, r->line, "direction");
    }
    if ((both & SET_MEASURE) && strcmp(r->measure, o->measure) != 0) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is analysed as %s here but %s %s", r->outcome, r->use,
                 r->measure, o->measure, in);
        return srw_import__located(im, path, r->line, "measure");
    }
    char a[40], b[40], c[40], e[40];
    if ((both & SET_MID) && r->mid != o->mid) {
        srw_number_text(r->mid, a, sizeof a);
        srw_number_text(o->mid, b, sizeof b);
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' has mid %s here but %s %s", r->outcome, r->use, a, b, in);
        return srw_import__located(im, path, r->line, "mid");
    }
    if ((both & SET_SCALE) && (r->scale_min != o->scale_min || r->scale_max != o->scale_max)) {
        srw_number_text(r->scale_min, a, sizeof a);
        srw_number_text(r->scale_max, b, sizeof b);
        srw_number_text(o->scale_min, c, sizeof c);
        srw_number_text(o->scale_max, e, sizeof e);
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' has the scale range %s to %s here but %s to %s %s",
                 r->outcome, r->use, a, b, c, e, in);
        return srw_import__located(im, path, r->line, r->scale_min != o->scale_min ? "scale_min" : "scale_max");
    }
    /* The descriptive settings may differ (the shipped data describe each
     * trial's events in its own words); the outcome keeps the first, and
     * the import says what it does not keep. */
    int rc;
    if ((both & SET_UNIT) && strcmp(r->unit, o->unit) != 0 &&
        (rc = srw_import__add_change(im, "warning: %s / %s / %s: unit '%s' is not kept: the outcome's is '%s' (one"
                                     " unit per outcome)", r->use, r->outcome, r->study, r->unit, o->unit)) != 0)
        return rc;
    if ((both & SET_MID_SOURCE) && strcmp(r->mid_source, o->mid_source) != 0 &&
        (rc = srw_import__add_change(im, "warning: %s / %s / %s: mid_source '%s' is not kept: the outcome's is '%s'",
                                     r->use, r->outcome, r->study, r->mid_source, o->mid_source)) != 0)
        return rc;
    unsigned first = s & ~o->stated;
    if (first == 0)
        return 0;
    rc = settle_outcome(im, path, r, o->id, first);
    if (rc == 0 && (first & SET_DIRECTION))
        rc = published_fit(im, path, r, o->use_id, 1);
    return rc != 0 ? rc : keep_settings(im, o, r, first);
}

int srw_import__outcome(importer *im, const char *path, const srw_record *r, sqlite3_int64 uid, size_t *index)
{
    char key[32];
    snprintf(key, sizeof key, "%lld\x1f", (long long)uid);
    size_t klen = strlen(key) + strlen(r->outcome) + 1;
    char *k = malloc(klen);
    if (k == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    snprintf(k, klen, "%s%s", key, r->outcome);
    int rc;
    if (srw_strmap_get(&im->outcome_index, k, index)) {
        free(k);
        return srw_import__outcome_row(im, path, r, *index);
    }
    if (srw_grow((void **)&im->outcomes, im->n_outcomes, &im->cap_outcomes, sizeof *im->outcomes) != 0) {
        free(k);
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    }
    import_outcome *o = &im->outcomes[im->n_outcomes];
    memset(o, 0, sizeof *o);
    o->type = r->type;
    o->use_id = uid;
    o->direction = SRW_DIR_UNSET;
    o->mid = o->scale_min = o->scale_max = NAN;
    /* Into a database that had no outcome, every outcome not in
     * outcome_index is new (60,000 look-ups saved in the benchmark). */
    sqlite3_stmt *f = im->find_outcome;
    sqlite3_bind_int64(f, 1, uid);
    sqlite3_bind_text(f, 2, r->outcome, -1, SQLITE_TRANSIENT);
    rc = im->max_outcome_before == 0 ? SQLITE_DONE : sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        o->id = sqlite3_column_int64(f, 0);
        sqlite3_reset(f);
        rc = settle_outcome(im, path, r, o->id, stated(r));
    } else {
        sqlite3_reset(f);
        if (rc != SQLITE_DONE) {
            free(k);
            return srw_store_fail(im->s, im->err, "cannot look up an outcome");
        }
        sqlite3_stmt *a = im->add_outcome;
        sqlite3_bind_int64(a, 1, uid);
        sqlite3_bind_text(a, 2, r->outcome, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(a, 3, srw_outcome_type_name(r->type), -1, SQLITE_STATIC);
        srw_bind_text(a, 4, srw_direction_name(r->direction));
        srw_bind_text(a, 5, r->unit);
        srw_bind_real(a, 6, r->mid);
        srw_bind_text(a, 7, r->mid_source);
        srw_bind_text(a, 8, im->who);
        srw_bind_text(a, 9, im->when);
        srw_bind_text(a, 10, r->measure);
        srw_bind_real(a, 11, r->has_scale ? r->scale_min : NAN);
        srw_bind_real(a, 12, r->has_scale ? r->scale_max : NAN);
        rc = sqlite3_step(a);
        sqlite3_reset(a);
        if (rc != SQLITE_DONE) {
            free(k);
            return srw_store_fail(im->s, im->err, "cannot add an outcome");
        }
        o->id = sqlite3_last_insert_rowid(im->s->db);
        o->is_new = 1;
        rc = 0;
    }
    if (rc == 0)
        rc = published_fit(im, path, r, uid, r->direction != SRW_DIR_UNSET);
    if (rc == 0 && (rc = keep_settings(im, o, r, stated(r))) == 0) {
        *index = im->n_outcomes++;
        if (srw_strmap_put(&im->outcome_index, k, *index) != 0)
            rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    } else {
        free(o->measure);
        free(o->unit);
        free(o->mid_source);
    }
    free(k);
    return rc;
}

void srw_import__outcomes_dispose(importer *im)
{
    for (size_t i = 0; i < im->n_outcomes; i++) {
        free(im->outcomes[i].measure);
        free(im->outcomes[i].unit);
        free(im->outcomes[i].mid_source);
    }
    free(im->outcomes);
    im->outcomes = NULL;
    im->n_outcomes = im->cap_outcomes = 0;
    srw_strmap_dispose(&im->outcome_index);
}

size_t srw_import__study_stated(const importer *im, const char *study)
{
    size_t v;
    return srw_strmap_get(&im->study_ids, study, &v) ? v & ~STUDY_ID_MASK : 0;
}

int srw_import__study_state(importer *im, const char *study, size_t flags)
{
    size_t v;
    if (!srw_strmap_get(&im->study_ids, study, &v) || (v & flags) == flags)
        return 0;
    return srw_strmap_put(&im->study_ids, study, v | flags) != 0 ? SRW_FAIL(im->err, SRW_ENOMEM, "out of memory")
                                                                   : 0;
}

int srw_import__flush_studies(importer *im)
{
    size_t n = im->n_queued_studies;
    im->n_queued_studies = 0;
    sqlite3_stmt *st = n == IMPORT_BATCH ? im->add_studies : im->add_study_one;
    for (size_t i = 0; i < n; i++) {
        const struct queued_study *q = &im->queued_studies[i];
        int base = st == im->add_studies ? (int)i * 5 : 0;
        sqlite3_bind_text(st, base + 1, q->label, -1, SQLITE_STATIC);
        if (q->year != 0)
            sqlite3_bind_int(st, base + 2, q->year);
        else
            sqlite3_bind_null(st, base + 2);
        if (q->randomised != 0)
            sqlite3_bind_int64(st, base + 3, q->randomised);
        else
            sqlite3_bind_null(st, base + 3);
        sqlite3_bind_int64(st, base + 4, im->batch_id);
        sqlite3_bind_int64(st, base + 5, im->last_study_id - (sqlite3_int64)(n - 1 - i));
        if (st == im->add_studies && i + 1 < n)
            continue;
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return srw_store_fail(im->s, im->err, "cannot add a study");
    }
    return 0;
}

/* A stored study's year and randomised total against what r states.  What
 * an earlier row of this import stated (or a study it created holds) makes
 * a difference a conflict; a value stored before is being corrected, which
 * is listed as a change.  A missing value is filled in. */
static int settle_study(importer *im, const char *path, const srw_record *r, sqlite3_int64 id, size_t stated)
{
    int rc = srw_import__flush_studies(im); /* the study may be queued */
    if (rc)
        return rc;
    sqlite3_stmt *f = im->study_settings;
    sqlite3_bind_int64(f, 1, id);
    if (sqlite3_step(f) != SQLITE_ROW) {
        sqlite3_reset(f);
        return srw_store_fail(im->s, im->err, "cannot read a study");
    }
    int has_year = sqlite3_column_type(f, 0) != SQLITE_NULL, has_n = sqlite3_column_type(f, 1) != SQLITE_NULL;
    long year = (long)sqlite3_column_int64(f, 0), n = (long)sqlite3_column_int64(f, 1);
    sqlite3_reset(f);
    int year_differs = r->year != 0 && has_year && year != r->year;
    int n_differs = r->randomised != 0 && has_n && n != r->randomised;
    int ours = id > im->max_study_before;
    int year_clash = year_differs && (ours || (stated & STUDY_STATED_YEAR));
    int n_clash = n_differs && (ours || (stated & STUDY_STATED_RANDOMISED));
    if (year_clash) {
        SRW_FAIL(im->err, SRW_EDATA, "study '%s' has year %d here but %ld in an earlier file of this import",
                 r->study, r->year, year);
        return srw_import__located(im, path, r->line, "year");
    }
    if (n_clash) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "study '%s' has %ld randomised here but %ld in an earlier file of this import (one number per study)",
                 r->study, r->randomised, n);
        return srw_import__located(im, path, r->line, "randomised");
    }
    char o[32], v[32];
    if (year_differs) {
        snprintf(o, sizeof o, "%ld", year);
        snprintf(v, sizeof v, "%d", r->year);
        if ((rc = srw_import__setting_changed(im, NULL, NULL, r->study, "year", o, v, "study '%s': year %s -> %s",
                                              r->study, o, v)) != 0)
            return rc;
    }
    if (n_differs) {
        snprintf(o, sizeof o, "%ld", n);
        snprintf(v, sizeof v, "%ld", r->randomised);
        if ((rc = srw_import__setting_changed(im, NULL, NULL, r->study, "randomised", o, v,
                                              "study '%s': randomised %s -> %s", r->study, o, v)) != 0)
            return rc;
    }
    int fills = (r->year != 0 && !has_year) || (r->randomised != 0 && !has_n);
    if (!year_differs && !n_differs && !fills)
        return 0;
    sqlite3_stmt *u = im->fill_study;
    sqlite3_bind_int64(u, 1, id);
    if (r->year != 0)
        sqlite3_bind_int(u, 2, r->year);
    else
        sqlite3_bind_null(u, 2);
    if (r->randomised != 0)
        sqlite3_bind_int64(u, 3, r->randomised);
    else
        sqlite3_bind_null(u, 3);
    rc = sqlite3_step(u);
    sqlite3_reset(u);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(im->s, im->err, "cannot update a study");
}

int srw_import__study(importer *im, const char *path, const srw_record *r, sqlite3_int64 *id)
{
    size_t says = (r->year != 0 ? STUDY_STATED_YEAR : 0) | (r->randomised != 0 ? STUDY_STATED_RANDOMISED : 0);
    int added;
    srw_strmap_slot *e = srw_strmap_slot_of(&im->study_ids, r->study, &added);
    if (e == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    size_t *slot = &e->value;
    if (!added) {
        size_t v = *slot;
        *id = (sqlite3_int64)(v & STUDY_ID_MASK);
        if (says == 0)
            return 0;
        int rc = settle_study(im, path, r, *id, v & ~STUDY_ID_MASK);
        return rc != 0 ? rc : srw_import__study_state(im, r->study, says);
    }
    /* A study new to the database (most, in a large import) is one plain
     * INSERT; RETURNING costs a result row per statement, so the upsert that
     * returns the id of a known study (which keeps its year and total
     * unless they were missing) runs only when the INSERT did nothing. */
    int rc = 0, known = 0, first = 0;
    if (im->label_index_later) {
        /* Queued (srw_import__flush_studies): its trail entry first. */
        if (im->batch_id == 0 && (rc = srw_import__batch_entry(im)) != 0)
            return rc;
        struct queued_study *q = &im->queued_studies[im->n_queued_studies++];
        q->label = e->key;
        q->year = r->year;
        q->randomised = r->randomised;
        *id = ++im->last_study_id;
        *slot = (size_t)*id | says;
        return im->n_queued_studies == IMPORT_BATCH ? srw_import__flush_studies(im) : 0;
    }
    if (im->batch_id == 0) {
        /* A new study points at the import's trail entry, which is written
         * only once the import changes something: a known study, before
         * then, is looked up (and a re-import that changes nothing writes
         * nothing). */
        if ((rc = srw_store_prepare_kept(im->s, &im->find_study, "SELECT 1 FROM studies WHERE label = ?1",
                                         im->err)) != 0)
            return rc;
        sqlite3_bind_text(im->find_study, 1, r->study, -1, SQLITE_STATIC);
        rc = sqlite3_step(im->find_study);
        sqlite3_reset(im->find_study);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return srw_store_fail(im->s, im->err, "cannot look up a study");
        if (rc == SQLITE_ROW)
            first = 1;
        else if ((rc = srw_import__batch_entry(im)) != 0)
            return rc;
    }
    for (int pass = first; pass < 2; pass++) {
        sqlite3_stmt *a = pass == 0 ? im->add_study : im->upsert_study;
        sqlite3_bind_text(a, 1, r->study, -1, SQLITE_STATIC);
        if (r->year)
            sqlite3_bind_int(a, 2, r->year);
        else
            sqlite3_bind_null(a, 2);
        if (r->randomised)
            sqlite3_bind_int64(a, 3, r->randomised);
        else
            sqlite3_bind_null(a, 3);
        sqlite3_bind_int64(a, 4, im->batch_id);
        rc = sqlite3_step(a);
        if (pass == 0 && rc == SQLITE_DONE && sqlite3_changes(im->s->db) == 1) {
            *id = sqlite3_last_insert_rowid(im->s->db);
            sqlite3_reset(a);
            break;
        }
        if (rc == SQLITE_ROW)
            *id = sqlite3_column_int64(a, 0);
        sqlite3_reset(a);
        if (pass == 0 ? rc != SQLITE_DONE : rc != SQLITE_ROW)
            return srw_store_fail(im->s, im->err, "cannot add a study");
        known = 1;
    }
    /* The map holds the study (0 until now) from the first look-up, which
     * nothing has added to since: its slot is where it was. */
    *slot = (size_t)*id | says;
    /* The upsert kept a stored year or total that r may contradict. */
    if (known && says != 0 && (rc = settle_study(im, path, r, *id, 0)) != 0)
        return rc;
    return !known && im->label_index_deferrable ? srw_import__defer_labels(im) : 0;
}
