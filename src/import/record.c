/* One trial record of an import: its use, outcome and study found or
 * created, its risk-of-bias judgements (RoB 2's: rob2.c), and the record itself new, updated
 * (what changed listed and written to the trail) or unchanged. */
#include "import/importer.h"
#include "util/text.h"
#include "srw/decimal.h"
#include "util/grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One domain's judgement, and its support when the row gives one (a row
 * that leaves the support blank keeps the stored one, as `srw rob` without
 * --support does). */
static int write_rob_domain(importer *im, const char *path, const srw_record *r, srw_id sid, int d, size_t stated)
{
    const char *dom = srw_rob_domain_column((srw_rob_domain)d);
    const char *sup_col = srw_rob_support_column((srw_rob_domain)d);
    const char *label = srw_rob_domain_label((srw_rob_domain)d);
    const char *j = srw_rob_judgement_name(r->rob[d]);
    char *old = NULL, *old_sup = NULL;
    int rc = srw_writer_rob_get(im->w, sid, dom, im->who, &old, &old_sup, im->err);
    if (rc < 0)
        return rc;
    const char *sup = r->rob_support[d] != NULL ? r->rob_support[d] : old_sup;
    int same = old != NULL && strcmp(old, j) == 0, same_sup = srw_same_text(old_sup, sup);
    int ours = sid > im->before.max_study;
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
    for (int k = 0; k < 2 && rc == 0; k++)
        if (changed[k])
            rc = srw_import__trail(im, r->use, NULL, r->study, fields[k], was[k], now[k]);
    if (rc == 0 && (!same || !same_sup))
        rc = srw_writer_rob_put(im->w, old != NULL, sid, dom, j, r->rob_source, im->who, im->when, sup, im->err);
    free(old);
    free(old_sup);
    return rc;
}

static int write_rob(importer *im, const char *path, const srw_record *r, srw_id sid)
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

/* A record's own value of column c: a number (*num, NAN when absent) or a
 * text (*text, NULL when absent). */
static int value_of(const srw_record *r, const srw_column *c, double *num, const char **text)
{
    const char *slot = (const char *)r + c->offset;
    if (c->kind == SRW_FIELD_NUMBER || c->kind == SRW_FIELD_COUNT) {
        memcpy(num, slot, sizeof *num);
        return 1;
    }
    memcpy(text, slot, sizeof *text);
    return 0;
}

static int same_number(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Each of an extraction's own values (srw_column.value) that differs
 * between the stored record and r, numbers first (the order of the trail
 * and of the change line), to each(); a non-zero return stops. */
static int each_difference(const srw_record *stored, const srw_record *r,
                           int (*each)(void *ctx, const srw_column *c, double old_num, double new_num,
                                       const char *old_text, const char *new_text),
                           void *ctx)
{
    size_t n;
    const srw_column *cols = srw_record_columns(&n);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const srw_column *c = &cols[i];
            double a = NAN, b = NAN;
            const char *s = NULL, *t = NULL;
            if (!c->value || value_of(stored, c, &a, &s) != (pass == 0))
                continue;
            value_of(r, c, &b, &t);
            int differs = pass == 0 ? !same_number(a, b) : !srw_same_text(s, t);
            int rc = differs ? each(ctx, c, a, b, s, t) : 0;
            if (rc)
                return rc;
        }
    return 0;
}

typedef struct diff_text {
    char *buf;
    size_t n, len;
} diff_text;

/* "exp_total 30 -> 31, comparison changed, measured_as final -> change":
 * every digit that differs, and for texts that they changed. */
static int describe_one(void *ctx, const srw_column *c, double old_num, double new_num, const char *old_text,
                        const char *new_text)
{
    diff_text *d = ctx;
    if (d->len >= d->n)
        return 0;
    const char *sep = d->len ? ", " : "";
    if (c->kind == SRW_FIELD_NUMBER || c->kind == SRW_FIELD_COUNT) {
        char o[40] = "(none)", v[40] = "(none)"; /* a value added or removed, not NaN */
        if (!isnan(old_num))
            srw_number_text(old_num, o, sizeof o);
        if (!isnan(new_num))
            srw_number_text(new_num, v, sizeof v);
        d->len += (size_t)snprintf(d->buf + d->len, d->n - d->len, "%s%s %s -> %s", sep, c->name, o, v);
    } else if (strcmp(c->name, "measured_as") == 0) { /* a word: shown, not just said to change */
        d->len += (size_t)snprintf(d->buf + d->len, d->n - d->len, "%s%s %s -> %s", sep, c->name,
                                   old_text ? old_text : "(none)", new_text ? new_text : "(none)");
    } else {
        d->len += (size_t)snprintf(d->buf + d->len, d->n - d->len, "%s%s changed", sep, c->name);
    }
    return 0;
}

typedef struct diff_trail {
    importer *im;
    const srw_record *r;
} diff_trail;

/* One row of the trail per value that differs, old and new in full. */
static int trail_one(void *ctx, const srw_column *c, double old_num, double new_num, const char *old_text,
                     const char *new_text)
{
    diff_trail *t = ctx;
    char o[40], n[40];
    if (c->kind == SRW_FIELD_NUMBER || c->kind == SRW_FIELD_COUNT) {
        srw_number_text(old_num, o, sizeof o);
        srw_number_text(new_num, n, sizeof n);
        old_text = isnan(old_num) ? NULL : o;
        new_text = isnan(new_num) ? NULL : n;
    }
    return srw_import__trail(t->im, t->r->use, t->r->outcome, t->r->study, c->name, old_text, new_text);
}

static int name_record(importer *im, srw_id id)
{
    if (srw_grow((void **)&im->named, im->n_named, &im->cap_named, sizeof *im->named) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    im->named[im->n_named++] = id;
    return 0;
}

/* A record the outcome held before the import: unchanged, or updated with
 * what changed listed and in the trail (after the values it was imported
 * with, frozen there).  1 when there is none. */
static int update_record(importer *im, const srw_record *r, srw_id oid, srw_id sid)
{
    srw_record stored;
    srw_id id = 0;
    int rc = srw_writer_record_find(im->w, oid, sid, r->arm, im->who, &stored, &id, im->err);
    if (rc <= 0)
        return rc < 0 ? rc : 1;
    char diff[900] = "";
    diff_text d = {diff, sizeof diff, 0};
    diff_trail t = {im, r};
    if ((rc = name_record(im, id)) == 0)
        each_difference(&stored, r, describe_one, &d);
    if (rc == 0 && diff[0] == '\0') {
        im->stats->n_unchanged++;
    } else if (rc == 0) {
        if ((rc = srw_import__batch_entry(im)) == 0 && (rc = srw_writer_trail_freeze(im->w, id, im->err)) == 0)
            rc = each_difference(&stored, r, trail_one, &t);
        if (rc == 0)
            rc = srw_import__add_change(im, "updated %s / %s / %s%s%s%s: %s", r->use, r->outcome, r->study,
                                        r->arm ? " (arm " : "", r->arm ? r->arm : "", r->arm ? ")" : "", diff);
        if (rc == 0)
            rc = srw_writer_record_update(im->w, oid, sid, im->who, im->when, r, im->err);
        if (rc == 0)
            im->stats->n_updated++;
    }
    srw_record_dispose(&stored);
    return rc;
}

int srw_import__record(importer *im, const char *path, const srw_record *r, int reader_checked)
{
    srw_id uid = 0, sid = 0;
    size_t oi = 0;
    int rc;
    /* A file's rows come grouped by outcome: while the use and outcome stay
     * those of the previous row, so do their ids (what the maps would
     * give, without building and hashing the keys). */
    int changed = 0;
    if (im->last_use != NULL && strcmp(im->last_outcome, r->outcome) == 0 && strcmp(im->last_use, r->use) == 0) {
        uid = im->last_uid;
        oi = im->last_outcome_index;
        if ((rc = srw_import__outcome_row(im, path, r, oi)) != 0)
            return rc;
    } else {
        changed = 1;
        if ((rc = srw_import__use_id(im, path, r->line, r->use, &uid)) != 0 || (rc = srw_import__outcome(im, path, r, uid, &oi)) != 0)
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
    srw_id oid = im->outcomes[oi].id;
    int is_new = im->outcomes[oi].is_new;
    if ((rc = srw_import__run_row(im, r, oid, is_new, changed)) != 0 || (rc = srw_import__study(im, path, r, &sid)) != 0 ||
        (rc = write_rob(im, path, r, sid)) != 0 || (rc = srw_import__rob2(im, r, oid, sid)) != 0 ||
        (r->n_mods > 0 && (rc = srw_import__moderators(im, path, r, sid)) != 0))
        return rc;
    if (!is_new && (rc = update_record(im, r, oid, sid)) != 1)
        return rc;
    /* A record new to its outcome: not the same trial as another there.
     * It points at the import's trail entry, written first. */
    if ((rc = srw_import__same_trial(im, path, r, oi, sid, reader_checked)) != 0 ||
        (rc = srw_import__batch_entry(im)) != 0 ||
        (rc = srw_writer_record_queue(im->w, path, r, oid, sid, im->who, im->batch_id, im->err)) != 0)
        return rc;
    im->stats->n_new++;
    return 0;
}
