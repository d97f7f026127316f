/* What an import's rows say about their outcome and their study beyond the
 * record (type, direction, measure, MID, scale; year, randomised total):
 * checked against what earlier rows of the import stated (the reader has
 * checked each file on its own, so a conflict here is between files) and
 * against the database, and written when a row is the first to state it.
 * A row may leave a setting blank that a later row gives; the later row's
 * value is kept, not dropped. */
#include "import/importer.h"
#include "srw/decimal.h"

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

/* Published results stored for the outcome before it held trials (an
 * earlier import, or a file of this one) against r's type and direction:
 * the checks srw applies when the published result comes second. */
typedef struct fit_check {
    importer *im;
    const char *path;
    const srw_record *r;
    int direction;
} fit_check;

static int published_fits(void *ctx, const char *review, const char *m, const char *pdir)
{
    fit_check *f = ctx;
    const srw_record *r = f->r;
    const char *rdir = srw_direction_name(r->direction);
    const char *misfit = srw_published_misfit(r->type, f->direction ? rdir : NULL, m, pdir);
    if (misfit != NULL && strcmp(misfit, "measure") == 0) {
        SRW_FAIL(f->im->err, SRW_EDATA, "outcome '%s' of '%s' has a published %s result (%s), not a measure of a"
                 " %s outcome", r->outcome, r->use, m, review, srw_outcome_type_name(r->type));
        return srw_import__located(f->im, f->path, r->line, "type");
    }
    if (misfit != NULL) {
        SRW_FAIL(f->im->err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s in its published result (%s)",
                 r->outcome, r->use, rdir, pdir, review);
        return srw_import__located(f->im, f->path, r->line, "direction");
    }
    return 0;
}

static int published_fit(importer *im, const char *path, const srw_record *r, srw_id uid, int direction)
{
    if (!im->before.had_published) /* this import's own come after its records */
        return 0;
    fit_check f = {im, path, r, direction};
    return srw_writer_outcome_published(im->w, uid, r->outcome, published_fits, &f, im->err);
}

/* The stored outcome `id` against r's settings named in `fields` (and its
 * type): a different type or direction is an error, a different MID or
 * scale range a change, listed; then each of those settings is written. */
static int settle_outcome(importer *im, const char *path, const srw_record *r, srw_id id, unsigned fields)
{
    srw_stored_outcome o;
    int rc = srw_writer_outcome_get(im->w, id, &o, im->err);
    if (rc)
        return rc;
    const char *rtype = srw_outcome_type_name(r->type);
    const char *rdir = srw_direction_name(r->direction);
    if (o.type != r->type) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "outcome '%s' of '%s' is already in the database as %s, not %s (an outcome has one type)",
                 r->outcome, r->use, srw_outcome_type_name(o.type), rtype);
        rc = srw_import__located(im, path, r->line, "type");
    } else if ((fields & SET_DIRECTION) && o.direction != SRW_DIR_UNSET && o.direction != r->direction) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is already in the database as %s, not %s", r->outcome,
                 r->use, srw_direction_name(o.direction), rdir);
        rc = srw_import__located(im, path, r->line, "direction");
    }
    /* The stored texts a file replaces: listed, as a number is. */
    static const char *const names[] = {"measure", "unit", "mid_source"};
    const unsigned bits[] = {SET_MEASURE, SET_UNIT, SET_MID_SOURCE};
    const char *mine[] = {r->measure, r->unit, r->mid_source};
    const char *old[] = {o.measure, o.unit, o.mid_source};
    for (int i = 0; i < 3 && rc == 0; i++)
        if ((fields & bits[i]) && old[i] != NULL && strcmp(old[i], mine[i]) != 0)
            rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, names[i], old[i], mine[i],
                                             "outcome '%s' of '%s': %s '%s' -> '%s'", r->outcome, r->use, names[i],
                                             old[i], mine[i]);
    /* Every digit that differs, in the trail and in the line. */
    char a[40], b[40], c[40], e[40], was[96], now[96];
    if (rc == 0 && (fields & SET_MID) && !isnan(o.mid) && o.mid != r->mid) {
        srw_number_text(o.mid, was, sizeof was);
        srw_number_text(r->mid, now, sizeof now);
        rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, "mid", was, now,
                                         "outcome '%s' of '%s': mid %s -> %s", r->outcome, r->use, was, now);
    }
    if (rc == 0 && (fields & SET_SCALE) && !isnan(o.scale_min) && !isnan(o.scale_max) &&
        (o.scale_min != r->scale_min || o.scale_max != r->scale_max)) {
        srw_number_text(o.scale_min, a, sizeof a);
        srw_number_text(o.scale_max, b, sizeof b);
        srw_number_text(r->scale_min, c, sizeof c);
        srw_number_text(r->scale_max, e, sizeof e);
        snprintf(was, sizeof was, "%s to %s", a, b);
        snprintf(now, sizeof now, "%s to %s", c, e);
        rc = srw_import__setting_changed(im, r->use, r->outcome, NULL, "scale", was, now,
                                         "outcome '%s' of '%s': scale range %s -> %s", r->outcome, r->use, was, now);
    }
    srw_stored_outcome_dispose(&o);
    if (rc)
        return rc;
    return srw_writer_outcome_fill(im->w, id, fields & SET_DIRECTION ? rdir : NULL, fields & SET_UNIT ? r->unit : NULL,
                                   fields & SET_MID ? r->mid : NAN, fields & SET_MID_SOURCE ? r->mid_source : NULL,
                                   fields & SET_MEASURE ? r->measure : NULL, fields & SET_SCALE ? r->scale_min : NAN,
                                   fields & SET_SCALE ? r->scale_max : NAN, im->err);
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

int srw_import__outcome(importer *im, const char *path, const srw_record *r, srw_id uid, size_t *index)
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
    rc = im->before.max_outcome == 0 ? 0 : srw_writer_outcome_find(im->w, uid, r->outcome, &o->id, im->err);
    if (rc == 1) {
        rc = settle_outcome(im, path, r, o->id, stated(r));
    } else if (rc == 0 && (rc = srw_import__new_name(im, uid, r->use, r->outcome, path, r->line, NULL)) == 0) {
        rc = srw_writer_outcome_add(im->w, uid, r, im->who, im->when, &o->id, im->err);
        o->is_new = 1;
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

/* A stored study's year and randomised total against what r states.  What
 * an earlier row of this import stated (or a study it created holds) makes
 * a difference a conflict; a value stored before is being corrected, which
 * is listed as a change.  A missing value is filled in. */
static int settle_study(importer *im, const char *path, const srw_record *r, srw_id id, size_t stated_bits)
{
    int year = 0;
    long n = 0;
    int rc = srw_writer_study_get(im->w, id, &year, &n, im->err);
    if (rc)
        return rc;
    int year_differs = r->year != 0 && year != 0 && year != r->year;
    int n_differs = r->randomised != 0 && n != 0 && n != r->randomised;
    int ours = id > im->before.max_study;
    if (year_differs && (ours || (stated_bits & STUDY_STATED_YEAR))) {
        SRW_FAIL(im->err, SRW_EDATA, "study '%s' has year %d here but %d in an earlier file of this import",
                 r->study, r->year, year);
        return srw_import__located(im, path, r->line, "year");
    }
    if (n_differs && (ours || (stated_bits & STUDY_STATED_RANDOMISED))) {
        SRW_FAIL(im->err, SRW_EDATA,
                 "study '%s' has %ld randomised here but %ld in an earlier file of this import (one number per study)",
                 r->study, r->randomised, n);
        return srw_import__located(im, path, r->line, "randomised");
    }
    char o[32], v[32];
    if (year_differs) {
        snprintf(o, sizeof o, "%d", year);
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
    int fills = (r->year != 0 && year == 0) || (r->randomised != 0 && n == 0);
    if (!year_differs && !n_differs && !fills)
        return 0;
    return srw_writer_study_fill(im->w, id, r->year, r->randomised, im->err);
}

/* A stored label into the study map (srw_writer_labels_defer). */
static int map_label(void *ctx, const char *label, srw_id id)
{
    importer *im = ctx;
    if (srw_strmap_add(&im->study_ids, label, (size_t)id, NULL) < 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    return 0;
}

int srw_import__study(importer *im, const char *path, const srw_record *r, srw_id *id)
{
    size_t says = (r->year != 0 ? STUDY_STATED_YEAR : 0) | (r->randomised != 0 ? STUDY_STATED_RANDOMISED : 0);
    int added;
    srw_strmap_slot *e = srw_strmap_slot_of(&im->study_ids, r->study, &added);
    if (e == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    if (!added) {
        size_t v = e->value;
        *id = (srw_id)(v & STUDY_ID_MASK);
        if (says == 0)
            return 0;
        int rc = settle_study(im, path, r, *id, v & ~STUDY_ID_MASK);
        return rc != 0 ? rc : srw_import__study_state(im, r->study, says);
    }
    int rc = 0, known = 0;
    if (srw_writer_labels_deferred(im->w)) {
        /* The map knows every stored label: this study is new. */
        if ((rc = srw_import__batch_entry(im)) != 0 ||
            (rc = srw_writer_study_queue(im->w, e->key, r->year, r->randomised, im->batch_id, id, im->err)) != 0)
            return rc;
        e->value = (size_t)*id | says;
        return 0;
    }
    /* A new study points at the import's trail entry, which is written only
     * once the import changes something: a known study, before then, is
     * looked up (and a re-import that changes nothing writes nothing). */
    if (im->batch_id == 0 && (rc = srw_writer_study_known(im->w, r->study, im->err)) < 0)
        return rc;
    if (rc == 1) {
        known = 1;
    } else {
        if ((rc = srw_import__batch_entry(im)) != 0 ||
            (rc = srw_writer_study_insert(im->w, r->study, r->year, r->randomised, im->batch_id, id, im->err)) < 0)
            return rc;
        known = rc == 0;
    }
    if (known &&
        (rc = srw_writer_study_upsert(im->w, r->study, r->year, r->randomised, im->batch_id, id, im->err)) != 0)
        return rc;
    /* The map holds the study (0 until now) from the first look-up, which
     * nothing has added to since: its slot is where it was. */
    e->value = (size_t)*id | says;
    /* The upsert kept a stored year or total that r may contradict. */
    if (known && says != 0 && (rc = settle_study(im, path, r, *id, 0)) != 0)
        return rc;
    /* A bulk import's first new study: the label index goes until the end
     * (store/writer.h), the map taking every stored label. */
    if (!known && srw_writer_labels_deferrable(im->w))
        return srw_writer_labels_defer(im->w, map_label, im, im->err);
    return 0;
}
