/* srw_sensitivity_run: the sensitivity analyses of one analysis, and the
 * judgement whether they change its conclusion.  See
 * include/srw/sensitivity.h; each analysis is in its own file (sens_*.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sens_internal.h"
#include "core/text.h"

int srw_sens_class_of(double lo, double hi)
{
    if (!isfinite(lo) || !isfinite(hi))
        return SRW_SENS_NONE;
    return hi < 0.0 ? SRW_SENS_BELOW : lo > 0.0 ? SRW_SENS_ABOVE : SRW_SENS_INCLUDES;
}

void srw_sensitivity_dispose(srw_sensitivity *s)
{
    if (s == NULL)
        return;
    free(s->loo);
    free(s->cumul);
    free(s->infl);
    free(s->trim_fill.filled_yi); /* with filled_se */
    memset(s, 0, sizeof *s);
}

static void blank(srw_sensitivity *s)
{
    memset(s, 0, sizeof *s);
    s->egger.intercept = s->egger.se = s->egger.stat = s->egger.df = s->egger.pvalue = NAN;
    s->egger.limit_estimate = s->egger.limit_ci_lower = s->egger.limit_ci_upper = NAN;
    s->begg.tau = s->begg.pvalue = NAN;
    s->peters.statistic = s->peters.df = s->peters.pvalue = NAN;
    s->harbord.statistic = s->harbord.df = s->harbord.pvalue = NAN;
    srw_trim_fill *t = &s->trim_fill;
    t->estimate = t->se = t->stat = t->stat_df = t->pvalue = t->ci_lower = t->ci_upper = t->tau2 = NAN;
}

/* A static note on every part not run, so that a writer that shows a part
 * always has its reason. */
static void note_all(srw_sensitivity *s, const char *why)
{
    s->note = why;
    s->egger.note = s->begg.note = s->peters.note = s->harbord.note = s->trim_fill.note = why;
}

int srw_sensitivity_run(srw_sensitivity *out, const srw_analysis *a, const srw_study_set *set, const int *years,
                        const srw_sens_options *o, srw_error *err)
{
    if (out == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_sensitivity_run: no result struct");
    blank(out);
    if (a == NULL || set == NULL || o == NULL || set->k != a->n_studies)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_sensitivity_run: the analysis and its studies do not match");
    out->what = o->what & SRW_SENS_ALL;
    out->order = o->order == SRW_ORDER_DATA ? SRW_ORDER_YEAR : o->order;
    if (a->no_total != NULL) {
        note_all(out, "the analysis reports no total to test");
        srw_sensitivity_judge(out, a);
        return 0;
    }
    if (a->overall.k == 0 || !isfinite(a->overall.estimate)) {
        note_all(out, "the analysis has no pooled result to test");
        srw_sensitivity_judge(out, a);
        return 0;
    }
    srw_sens__in in;
    memset(&in, 0, sizeof in);
    in.a = a;
    in.set = set;
    in.years = years;
    in.iv = a->opts;
    in.iv.method = SRW_METHOD_IV;
    size_t n = a->n_studies, cap = 2 * (n ? n : 1);
    /* One block: the kept leave-one-out fits, y, v and the refit arrays (y,
     * v, w, scratch, 2k each), the tables, then idx. */
    char *block = calloc(1, n * sizeof(srw_pooled) + n * sizeof(size_t) + (2 * n + 4 * cap) * sizeof(double) +
                                (n + cap) * sizeof(srw_pool__table) + 64);
    if (block == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the sensitivity analyses");
    in.loo_pool = (srw_pooled *)block; /* first: srw_pooled's alignment */
    double *d = (double *)(block + n * sizeof(srw_pooled));
    in.y = d, in.v = d + n;
    in.wk.y = d + 2 * n, in.wk.v = in.wk.y + cap, in.wk.w = in.wk.v + cap, in.wk.scratch = in.wk.w + cap;
    srw_pool__table *tb = (srw_pool__table *)(in.wk.scratch + cap);
    in.t = tb, in.wk.t = tb + n;
    in.idx = (size_t *)(tb + n + cap);
    in.wk.zc = srw_pool__zcrit(a->opts.level);
    int rm5mh = a->opts.profile == SRW_PROFILE_REVMAN5 && a->opts.method == SRW_METHOD_MH;
    for (size_t i = 0; i < n; i++) {
        const srw_study_result *st = &a->studies[i];
        if (!st->estimable || !isfinite(st->yi) || !(st->se > 0.0))
            continue;
        in.idx[in.k] = i;
        in.y[in.k] = st->yi;
        in.v[in.k] = st->se * st->se;
        /* RevMan's MH sums add the study's own correction (the zero-cell
         * rule's, as the analysis computed it). */
        int corrected = rm5mh && (st->corrections & SRW_CORR_HALF_ADDED);
        srw_effect e = {0};
        if (corrected) {
            srw_zero_cells z = srw_pool_zero_cells(&a->opts);
            srw_effect_compute_zero(&e, &set->rows[i], set->type, a->opts.measure, a->opts.smd, &z, NULL);
        }
        in.t[in.k] = srw_pool__table_of(&set->rows[i], &e, corrected);
        in.k++;
    }
    out->k = in.k;
    int rc = 0;
    if (rc == 0 && (out->what & SRW_SENS_LEAVE_ONE_OUT))
        rc = srw_sens__leave_one_out(out, &in, err);
    if (rc == 0 && (out->what & SRW_SENS_CUMULATIVE))
        rc = srw_sens__cumulative(out, &in, o->order, err);
    if (rc == 0 && (out->what & SRW_SENS_INFLUENCE))
        rc = srw_sens__influence(out, &in, err);
    if (rc == 0 && (out->what & SRW_SENS_SMALL_STUDY))
        rc = srw_sens__small_study(out, &in, err);
    if (rc == 0 && (out->what & SRW_SENS_TRIM_FILL))
        rc = srw_sens__trim_fill(out, &in, o->side, o->estimator, err);
    free(block);
    if (rc != 0) {
        srw_sensitivity_dispose(out);
        return rc;
    }
    srw_sensitivity_judge(out, a);
    return 0;
}

/* ------------------------------------------------------------ judgement */

static const char *class_words(int c)
{
    return c == SRW_SENS_INCLUDES ? "includes no effect" : c == SRW_SENS_NONE ? "has no interval" : "lies wholly on one side of no effect";
}

/* "A, B and C" of the studies whose flag is set, into buf. */
static void names_of(char *buf, size_t n, const srw_analysis *a, const size_t *study, const int *flag, size_t count,
                     size_t stride_study, size_t stride_flag)
{
    size_t total = 0, shown = 0;
    for (size_t i = 0; i < count; i++)
        total += *(const int *)((const char *)flag + i * stride_flag) != 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (!*(const int *)((const char *)flag + i * stride_flag))
            continue;
        size_t s = *(const size_t *)((const char *)study + i * stride_study);
        shown++;
        srw_core__appendf(buf, n, "%s%s", shown == 1 ? "" : shown == total ? " and " : ", ", a->studies[s].study);
    }
}

void srw_sensitivity_judge(srw_sensitivity *s, const srw_analysis *a)
{
    srw_sens_conclusion *c = &s->conclusion;
    memset(c, 0, sizeof *c);
    char *b = c->sentence;
    size_t bn = sizeof c->sentence;
    double lo, hi;
    int has_pool = a->no_total == NULL && a->overall.k > 0 && isfinite(a->overall.estimate);
    if (has_pool)
        srw_pooled_judged_ci(&a->overall, &lo, &hi);
    c->cls = has_pool ? srw_sens_class_of(lo, hi) : SRW_SENS_NONE;
    if (c->cls == SRW_SENS_NONE) {
        snprintf(b, bn, "No sensitivity analysis: %s.", s->note ? s->note : "the analysis has no pooled interval");
        return;
    }
    c->judged = 1;
    size_t k = s->k;
    srw_core__appendf(b, bn, "The analysis's %.10g%% interval %s.", a->opts.level, class_words(c->cls));
    if (k < 2) {
        srw_core__appendf(b, bn, " With one study there is nothing to leave out, weigh against the others or test "
                                 "for small-study effects: no sensitivity analysis applies.");
        return;
    }
    /* Leave-one-out: the studies whose omission moves the interval. */
    if (s->what & SRW_SENS_LEAVE_ONE_OUT) {
        int *moved = calloc(s->n_loo ? s->n_loo : 1, sizeof *moved);
        size_t n_moved = 0;
        for (size_t i = 0; moved != NULL && i < s->n_loo; i++)
            if (s->loo[i].cls != SRW_SENS_NONE && s->loo[i].cls != c->cls)
                moved[i] = 1, n_moved++;
        if (n_moved == 0) {
            srw_core__appendf(b, bn, " Leaving out any one study does not change that.");
        } else if (moved != NULL) {
            char names[600];
            names_of(names, sizeof names, a, &s->loo[0].study, moved, s->n_loo, sizeof *s->loo, sizeof *moved);
            srw_core__appendf(b, bn, " Without %s it %s: the conclusion rests on %s.", names,
                              class_words(c->cls == SRW_SENS_INCLUDES ? SRW_SENS_BELOW : SRW_SENS_INCLUDES),
                              n_moved == 1 ? "that study" : "each of them");
            c->loo_changes = 1;
        }
        free(moved);
    }
    if (s->what & SRW_SENS_INFLUENCE) {
        for (size_t i = 0; i < s->n_infl; i++)
            c->n_influential += s->infl[i].influential != 0;
        if (c->n_influential == 0) {
            srw_core__appendf(b, bn, " No study is influential by Viechtbauer and Cheung's criteria.");
        } else {
            char names[600];
            names_of(names, sizeof names, a, &s->infl[0].study, &s->infl[0].influential, s->n_infl,
                     sizeof *s->infl, sizeof *s->infl);
            srw_core__appendf(b, bn, " %s %s influential by Viechtbauer and Cheung's criteria.", names,
                              c->n_influential == 1 ? "is" : "are");
        }
    }
    /* The funnel's tests and trim-and-fill mean little below 10 studies
     * (Sterne et al., BMJ 2011;343:d4002), so they judge nothing there. */
    int funnel = s->what & (SRW_SENS_SMALL_STUDY | SRW_SENS_TRIM_FILL);
    if (funnel && k < 10) {
        srw_core__appendf(b, bn, " With %zu stud%s (fewer than 10), the small-study tests and trim-and-fill are "
                                 "too weak to judge by.", k, k == 1 ? "y" : "ies");
    } else if (funnel) {
        if (s->what & SRW_SENS_SMALL_STUDY) {
            int eg = s->egger.computed && s->egger.pvalue < 0.10, bg = s->begg.computed && s->begg.pvalue < 0.10;
            c->asymmetry = eg || bg;
            char eggp[32], beggp[32];
            snprintf(eggp, sizeof eggp, s->egger.computed ? "p = %.2g" : "not computed", s->egger.pvalue);
            snprintf(beggp, sizeof beggp, s->begg.computed ? "p = %.2g" : "not computed", s->begg.pvalue);
            srw_core__appendf(b, bn, " Egger's test on the analysis's model (%s) and Begg's test (%s) %s funnel-plot asymmetry at the 10%% "
                                     "level.", eggp, beggp, c->asymmetry ? "suggest" : "do not suggest");
        }
        if (s->what & SRW_SENS_TRIM_FILL) {
            const srw_trim_fill *t = &s->trim_fill;
            if (!t->computed)
                srw_core__appendf(b, bn, " Trim-and-fill: %s.", t->note ? t->note : "not computed");
            else if (t->k0 == 0)
                srw_core__appendf(b, bn, " Trim-and-fill finds no study missing.");
            else {
                c->tf_changes = t->cls != c->cls;
                srw_core__appendf(b, bn, " Trim-and-fill adds %zu stud%s on the %s; with %s the interval %s%s.", t->k0,
                                  t->k0 == 1 ? "y" : "ies", srw_tf_side_name(t->side), t->k0 == 1 ? "it" : "them",
                                  c->tf_changes ? "" : "still ", class_words(t->cls));
            }
        }
    }
    c->changes = c->loo_changes || c->tf_changes;
    srw_core__appendf(b, bn, " In all, the sensitivity analyses %s the conclusion.",
                      c->changes ? "change" : "do not change");
}
