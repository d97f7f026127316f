/* What an import keeps beside the trial records: reviews' published
 * results, a use's decision settings and the reviewer's GRADE judgements;
 * each new, changed (listed, with its trail row) or unchanged. */
#include "import/importer.h"
#include "srw/decimal.h"
#include "util/grow.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- published results -------------------------------------------------------- */

/* How the stored result differs from p: the fields, with old and new
 * values for the numbers; "" when it does not. */
static void pub_describe(const srw_published *old, const srw_published *p, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    static const char *const num_names[] = {"estimate", "ci_lower", "ci_upper", "trials", "participants"};
    const double was[] = {old->estimate, old->ci_lower, old->ci_upper, old->trials < 0 ? NAN : (double)old->trials,
                          old->participants < 0 ? NAN : (double)old->participants};
    const double now[] = {p->estimate, p->ci_lower, p->ci_upper, p->trials < 0 ? NAN : (double)p->trials,
                          p->participants < 0 ? NAN : (double)p->participants};
    for (int i = 0; i < 5; i++) {
        if ((isnan(was[i]) && isnan(now[i])) || was[i] == now[i])
            continue;
        char o[40] = "(none)", v[40] = "(none)";
        if (!isnan(was[i]))
            srw_number_text(was[i], o, sizeof o);
        if (!isnan(now[i]))
            srw_number_text(now[i], v, sizeof v);
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s %s -> %s", len ? ", " : "", num_names[i], o, v);
    }
    static const char *const text_names[] = {"version", "search_date", "model",  "method",        "certainty",
                                             "direction", "source",     "notes", "pooled_trials", "scope"};
    const char *texts_was[] = {old->version, old->search_date, old->model, old->method, old->certainty,
                               srw_direction_name(old->direction), old->source, old->notes, old->pooled_trials,
                               old->scope};
    const char *texts_now[] = {p->version, p->search_date, p->model, p->method, p->certainty,
                               srw_direction_name(p->direction), p->source, p->notes, p->pooled_trials, p->scope};
    for (int i = 0; i < 10; i++)
        if (!srw_same_text(texts_was[i], texts_now[i]) && len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s changed", len ? ", " : "", text_names[i]);
    /* The precision the review printed (0.8 against 0.80): what the
     * report shows, and compares srw's result at. */
    if (old->decimals != p->decimals && len < n)
        snprintf(buf + len, n - len, "%sdecimals %d -> %d", len ? ", " : "", old->decimals, p->decimals);
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
static int published_fits(importer *im, const srw_published *p, srw_id uid)
{
    srw_id oid;
    int rc = srw_writer_outcome_find(im->w, uid, p->outcome, &oid, im->err);
    if (rc <= 0)
        return rc;
    srw_stored_outcome o;
    if ((rc = srw_writer_outcome_get(im->w, oid, &o, im->err)) != 0)
        return rc;
    const char *type = srw_outcome_type_name(o.type), *dir = srw_direction_name(o.direction);
    const char *pdir = srw_direction_name(p->direction);
    const char *misfit = srw_published_misfit(o.type, dir, p->measure, pdir);
    if (misfit != NULL && strcmp(misfit, "measure") == 0)
        rc = SRW_FAIL(im->err, SRW_EDATA, "%s is not a measure of outcome '%s' of '%s', which is %s", p->measure,
                      p->outcome, p->use, type);
    else if (misfit != NULL)
        rc = SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' is %s, not %s", p->outcome, p->use, dir, pdir);
    if (misfit != NULL)
        srw_error_locate(im->err, NULL, 0, 0, misfit);
    srw_stored_outcome_dispose(&o);
    return rc;
}

/* The trail's value of a new published result. */
static void pub_value(const srw_published *p, char *value, size_t n)
{
    char pe[64], pl[64], ph[64];
    srw_decimal_text(p->estimate, p->decimals, pe, sizeof pe);
    srw_decimal_text(p->ci_lower, p->decimals, pl, sizeof pl);
    srw_decimal_text(p->ci_upper, p->decimals, ph, sizeof ph);
    size_t len = (size_t)snprintf(value, n, "estimate %s [%s, %s]", pe, pl, ph);
    if (p->trials >= 0 && len < n)
        len += (size_t)snprintf(value + len, n - len, "; trials %ld", (long)p->trials);
    if (p->participants >= 0 && len < n)
        len += (size_t)snprintf(value + len, n - len, "; participants %ld", (long)p->participants);
    if (p->source != NULL && len < n)
        snprintf(value + len, n - len, "; source %s", p->source);
}

int srw_import__published(importer *im, const char *path, const srw_published *p)
{
    srw_id uid;
    int rc = published_once(im, path, p), is_new = 0;
    if (rc == 0) {
        rc = srw_writer_use_find(im->w, p->use, &uid, im->err);
        is_new = rc == 0;
        rc = rc < 0 ? rc : 0;
    }
    if (rc == 0 && is_new && (rc = srw_import__new_name(im, 0, NULL, p->use, path, p->line, NULL)) == 0)
        rc = srw_writer_use_add(im->w, p->use, im->who, im->when, &uid, im->err);
    if (rc == 0)
        rc = srw_import__new_name(im, uid, p->use, p->outcome, path, p->line, NULL);
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
    srw_published old;
    char field[300];
    snprintf(field, sizeof field, "published result (%s, %s)", p->measure, p->review);
    int exists = srw_writer_published_find(im->w, uid, p, &old, im->err);
    if (exists < 0)
        return exists;
    if (exists) {
        char diff[600];
        pub_describe(&old, p, diff, sizeof diff);
        srw_published_dispose(&old);
        if (diff[0] == '\0') {
            im->stats->n_published_unchanged++;
            return 0;
        }
        if ((rc = srw_import__setting_changed(im, p->use, p->outcome, NULL, field, NULL, diff,
                                              "updated published result %s / %s / %s (%s): %s", p->use, p->outcome,
                                              p->review, p->measure, diff)) != 0)
            return rc;
        im->stats->n_published_updated++;
    } else {
        char value[700];
        pub_value(p, value, sizeof value);
        if ((rc = srw_import__setting_added(im, p->use, p->outcome, field, value)) != 0)
            return rc;
        im->stats->n_published_new++;
    }
    return srw_writer_published_put(im->w, exists, uid, p, im->who, im->when, im->err);
}

/* --- a use's decision settings ---------------------------------------------------- */

/* A stored text setting against the file's: a change line when they
 * differ (the value itself when short, else that it changed). */
static int use_text_change(importer *im, const char *use, const char *name, const char *old, const char *v)
{
    if (srw_same_text(old, v))
        return 0;
    if ((old == NULL || strlen(old) <= 40) && (v == NULL || strlen(v) <= 40))
        return srw_import__setting_changed(im, use, NULL, NULL, name, old, v, "use '%s': %s %s%s%s -> %s%s%s", use,
                                           name, old ? "'" : "", old ? old : "(none)", old ? "'" : "", v ? "'" : "",
                                           v ? v : "(none)", v ? "'" : "");
    return srw_import__setting_changed(im, use, NULL, NULL, name, old, v, "use '%s': %s %s", use, name,
                                       v == NULL ? "removed" : old == NULL ? "added" : "changed");
}

/* What u changes in settings stored before, listed and in the trail. */
static int use_changes(importer *im, const srw_use_settings *old, const srw_use_settings *u)
{
    const char *names[] = {"description", "primary_outcome", "mid_measure",  "mid_source", "notes",
                           "source",      "primary_source",  "large_source", "search_date"};
    const char *was[] = {old->description,    old->primary_outcome, old->mid_measure, old->mid_source, old->notes,
                         old->source,         old->primary_source,  old->large_source, old->search_date};
    const char *now[] = {u->description,    u->primary_outcome, u->mid_measure, u->mid_source, u->notes,
                         u->source,         u->primary_source,  u->large_source, u->search_date};
    int rc = 0;
    for (int i = 0; i < 9 && rc == 0; i++)
        rc = use_text_change(im, u->use, names[i], was[i], now[i]);
    const char *num_names[] = {"mid", "large"};
    const double num_was[] = {old->mid, old->large}, num_now[] = {u->mid, u->large};
    for (int i = 0; i < 2 && rc == 0; i++) {
        if ((isnan(num_was[i]) && isnan(num_now[i])) || num_was[i] == num_now[i])
            continue;
        char o[32] = "(none)", v[32] = "(none)";
        if (!isnan(num_was[i]))
            srw_number_text(num_was[i], o, sizeof o);
        if (!isnan(num_now[i]))
            srw_number_text(num_now[i], v, sizeof v);
        rc = srw_import__setting_changed(im, u->use, NULL, NULL, num_names[i], isnan(num_was[i]) ? NULL : o,
                                         isnan(num_now[i]) ? NULL : v, "use '%s': %s %s -> %s", u->use,
                                         num_names[i], o, v);
    }
    return rc;
}

/* A use's first decision settings: one trail row. */
static int use_added(importer *im, const srw_use_settings *u)
{
    char v[900];
    size_t len = (size_t)snprintf(v, sizeof v, "primary_outcome=%s", u->primary_outcome);
    if (!isnan(u->mid) && len < sizeof v) {
        char m[40];
        srw_number_text(u->mid, m, sizeof m);
        len += (size_t)snprintf(v + len, sizeof v - len, "; mid=%s %s", m, u->mid_measure ? u->mid_measure : "");
    }
    if (u->primary_source != NULL && len < sizeof v)
        len += (size_t)snprintf(v + len, sizeof v - len, "; primary_source=%s", u->primary_source);
    if (!isnan(u->large) && len < sizeof v) {
        char m[40];
        srw_number_text(u->large, m, sizeof m);
        len += (size_t)snprintf(v + len, sizeof v - len, "; large=%s", m);
    }
    if (u->source != NULL && len < sizeof v)
        snprintf(v + len, sizeof v - len, "; source=%s", u->source);
    return srw_import__setting_added(im, u->use, NULL, "decision settings", v);
}

/* A use's decision settings, as the file gives them (a column the file
 * leaves out clears the stored value: the file is the use's settings).
 * What that changes in settings stored before is listed; a use given
 * settings by two files of one import is an error, as within one file. */
int srw_import__use(importer *im, const char *path, const srw_use_settings *u)
{
    srw_id uid;
    int rc = srw_import__use_id(im, path, u->line, u->use, &uid);
    if (rc == 0 && u->primary_outcome != NULL)
        rc = srw_import__new_name(im, uid, u->use, u->primary_outcome, path, u->line, "primary_outcome");
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
    srw_use_settings old;
    int had_settings = srw_writer_use_settings(im->w, uid, &old, im->err);
    if (had_settings < 0)
        return had_settings;
    /* A use without a primary outcome has had no settings to change. */
    size_t lines_before = im->stats->n_changes;
    rc = had_settings ? use_changes(im, &old, u) : use_added(im, u);
    srw_use_settings_dispose(&old);
    /* The same settings again: nothing to write (and the stored entry's
     * who and when stay). */
    if (rc || (had_settings && im->stats->n_changes == lines_before))
        return rc;
    im->stats->n_uses_set++;
    return srw_writer_use_settings_put(im->w, uid, u, im->who, im->when, im->err);
}

/* --- GRADE judgements ---------------------------------------------------------- */

/* One judgement per outcome and domain in an import, as in one file: a
 * second would silently replace the first. */
static int grade_once(importer *im, const char *path, const srw_grade_setting *g, srw_id oid)
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
static int grade_changes(importer *im, const srw_grade_setting *g, srw_id oid, int *same)
{
    *same = 0;
    int down = 0;
    char *reason = NULL, *source = NULL;
    int rc = srw_writer_grade_get(im->w, oid, g->domain, &down, &reason, &source, im->err);
    if (rc < 0)
        return rc;
    /* Indirectness 0 without a reason is the default, not a judgement. */
    int same_reason = reason != NULL && strcmp(reason, g->reason) == 0;
    int same_source = srw_same_text(source, g->source);
    *same = same_reason && same_source && down == g->downgrade;
    char field[64], o[700], v[700];
    snprintf(field, sizeof field, "GRADE %s", g->domain);
    snprintf(v, sizeof v, "downgrade %d: %s", g->downgrade, g->reason);
    rc = 0;
    if (reason == NULL) {
        rc = srw_import__setting_added(im, g->use, g->outcome, field, v);
    } else if (!*same) {
        snprintf(o, sizeof o, "downgrade %d: %s", down, reason);
        rc = srw_import__setting_changed(im, g->use, g->outcome, NULL, field, o, v,
                                         "GRADE %s of %s / %s: downgrade %d -> %d%s%s", g->domain, g->use,
                                         g->outcome, down, g->downgrade, same_reason ? "" : ", reason changed",
                                         same_source ? "" : ", source changed");
    }
    free(reason);
    free(source);
    return rc;
}

/* A reviewer's GRADE judgement of an outcome srw holds (or this import
 * adds): indirectness is stored on the outcome, any other domain as an
 * override of the computed value; both keep their reason. */
int srw_import__grade(importer *im, const char *path, const srw_grade_setting *g)
{
    srw_id oid = 0;
    int rc = srw_writer_outcome_find_named(im->w, g->use, g->outcome, &oid, im->err);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        SRW_FAIL(im->err, SRW_EDATA, "no outcome '%s' of '%s' holds trial records, so there is nothing to grade",
                 g->outcome, g->use);
        return srw_import__located(im, path, g->line, "outcome");
    }
    int same;
    if ((rc = grade_once(im, path, g, oid)) != 0 || (rc = grade_changes(im, g, oid, &same)) != 0)
        return rc;
    if (same) /* nothing to write; the stored judgement keeps its who and when */
        return 0;
    im->stats->n_grade_set++;
    return srw_writer_grade_put(im->w, oid, g->domain, g->downgrade, g->reason, g->source, im->who, im->when,
                                im->err);
}
