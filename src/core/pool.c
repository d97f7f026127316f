/* One meta-analysis: study effects, the pooled estimate under the model,
 * heterogeneity, prediction interval and subgroups.  See include/srw/pool.h.
 *
 * Sources:
 *   [RM5] Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5
 *         (2010): MH/Peto/IV fixed effect, DL random effects with Q centred
 *         on the fixed-effect estimate, I^2 = (Q - df)/Q, test for subgroup
 *         differences on the subgroup estimates.
 *   [HB]  Cochrane Handbook (v6.4) 10.10.4: prediction interval
 *         mu +- t(k-2) sqrt(tau^2 + SE^2) (Higgins, Thompson & Spiegelhalter
 *         2009); HKSJ (Hartung & Knapp 2001, Sidik & Jonkman 2002).
 *   [MF]  metafor 3.8 rma.uni: s^2 = (k-1) sum w / ((sum w)^2 - sum w^2),
 *         I^2 = tau^2/(tau^2 + s^2), H^2 = (tau^2 + s^2)/s^2 for random
 *         effects; test = "knha" without truncation.
 */
#include "srw/pool.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "core/inline.h"
#include "pool_internal.h"
#include "util/text.h"


const char srw_pool_note_pi[] = "prediction interval needs at least 3 studies";
static char *dup_str(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* Copies s with its terminator to dst; returns the byte after it. */
static char *copy_label(char *dst, const char *s)
{
    return stpcpy(dst, s) + 1;
}

/* Bytes of n elements of the given size, rounded up so that whatever is
 * carved from the same block after them stays aligned for any type (the
 * caller bounds n so that this cannot overflow). */
static size_t aligned_size(size_t n, size_t size)
{
    const size_t a = _Alignof(max_align_t);
    return (n * size + a - 1) / a * a;
}

int srw_pooled_hksj_narrower(const srw_pooled *p)
{
    return p->hksj_factor < 1.0 && (p->ci_lower_wide != p->ci_lower || p->ci_upper_wide != p->ci_upper);
}

int srw_pooled_judged_ci(const srw_pooled *p, double *lo, double *hi)
{
    int wide = srw_pooled_hksj_narrower(p);
    *lo = wide ? p->ci_lower_wide : p->ci_lower;
    *hi = wide ? p->ci_upper_wide : p->ci_upper;
    return wide;
}

/* Known parts only: both arms' totals are known together (arm-level
 * records) or not at all (generic records, NAN). */
double srw_pooled_participants(const srw_pooled *p)
{
    /* Both arms or nothing: one arm's total alone would undercount. */
    if (!isfinite(p->exp_total) || !isfinite(p->ctl_total))
        return NAN;
    double n = p->exp_total + p->ctl_total;
    return n > 0 ? n : NAN;
}

void srw_pool__blank(srw_pooled *p)
{
    memset(p, 0, sizeof *p);
    p->estimate = p->se = p->ci_lower = p->ci_upper = NAN;
    p->stat = p->stat_df = p->pvalue = NAN;
    p->tau2 = p->tau2_ci_lower = p->tau2_ci_upper = p->tau = NAN;
    p->I2 = p->I2_tau2 = p->H2 = NAN;
    p->Q = p->Q_df = p->Q_pvalue = NAN;
    p->pi_lower = p->pi_upper = NAN;
    p->hksj_factor = p->ci_lower_wide = p->ci_upper_wide = NAN;
    p->converged = 1;
}

/* 2x2 table of a row for the MH / Peto sums, with the correction RevMan
 * applies there to a zero-cell study (srw_pool__mh says where: the
 * study's own continuity correction, e); metafor rma.mh and the cochrane
 * profile use the raw counts. */
srw_pool__table srw_pool__table_of(const srw_study_row *r, const srw_effect *e, int corrected)
{
    srw_pool__table t = {r->exp_events, r->exp_total - r->exp_events, r->ctl_events, r->ctl_total - r->ctl_events,
                         corrected ? e->add_exp : 0.0, corrected ? e->add_ctl : 0.0};
    return t;
}

double srw_pool__zcrit(double level)
{
    return gsl_cdf_ugaussian_Pinv(0.5 + level / 200.0);
}

/* Pool the studies idx[0..n) of the analysis.  wpct receives each study's
 * weight (any scale; the caller turns it into percent), indexed like rows.
 * tr (may be NULL; then wk->pos is NULL too) records what is computed, for
 * an explanation (srw/trace.h): each value where it is computed. */
SRW_CORE_INLINE void pool_group(srw_pooled *p, double *wraw, const srw_analysis *a, const srw_study_set *in,
                                const srw_effect *eff, const size_t *idx, size_t n, srw_pool__work *wk,
                                srw_trace *tr)
{
    const srw_pool_options *o = &a->opts;
    int rm5 = (o->profile == SRW_PROFILE_REVMAN5);
    srw_pool__blank(p);
    p->k_total = n;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        const srw_study_row *r = &in->rows[idx[j]];
        if (in->type == SRW_TYPE_DICHOTOMOUS) {
            p->exp_events += r->exp_events, p->ctl_events += r->ctl_events;
        }
        /* Generic records count their participants when they give both
         * arm totals (GRADE's information size, the summary of findings);
         * one record without them leaves the number unknown (NAN). */
        p->exp_total += r->exp_total, p->ctl_total += r->ctl_total;
        wraw[idx[j]] = 0.0;
        if (!eff[idx[j]].estimable)
            continue;
        wk->y[k] = eff[idx[j]].yi;
        wk->v[k] = eff[idx[j]].vi;
        int corrected = rm5 && o->method == SRW_METHOD_MH && (eff[idx[j]].corrections & SRW_CORR_HALF_ADDED);
        if (o->method != SRW_METHOD_IV)
            wk->t[k] = srw_pool__table_of(r, &eff[idx[j]], corrected);
        if (tr != NULL) {
            wk->pos[k] = idx[j];
            tr->studies[idx[j]].mh_corrected = corrected;
        }
        k++;
    }
    if (in->type == SRW_TYPE_GENERIC)
        p->exp_events = p->ctl_events = NAN;
    else if (in->type != SRW_TYPE_DICHOTOMOUS)
        p->exp_events = p->ctl_events = NAN;
    if (srw_pool__fit(p, wk, k, o, 1, tr) != 0)
        return;
    size_t j = 0;
    for (size_t jj = 0; jj < n; jj++)
        if (eff[idx[jj]].estimable) {
            wraw[idx[jj]] = wk->w[j++];
            if (tr != NULL)
                tr->studies[idx[jj]].w_model = wraw[idx[jj]];
        }
}

/* The fit itself, over arrays: see pool_internal.h.  pool_group above and
 * the sensitivity analyses (sens_refit.c) call it, so that an analysis
 * without a study is pooled by the same code as the analysis with it. */
int srw_pool__fit(srw_pooled *p, srw_pool__work *wk, size_t k, const srw_pool_options *o, int tau2_ci,
                  srw_trace *tr)
{
    int rm5 = (o->profile == SRW_PROFILE_REVMAN5);
    p->k = k;
    if (k == 0) {
        p->note = "no estimable studies: nothing to pool";
        return 1;
    }

    /* Fixed-effect fit of the chosen method; Q is centred on it [RM5]. */
    double sw = 0.0, sw2 = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / wk->v[i];
        sw += w, sw2 += w * w, swy += w * wk->y[i];
        if (tr != NULL)
            tr->studies[wk->pos[i]].w_iv = w;
    }
    double fe = swy / sw, fe_var = 1.0 / sw;
    if (tr != NULL)
        tr->sum_w = sw, tr->sum_w2 = sw2, tr->sum_wy = swy, tr->mh_gr = rm5;
    if (o->method == SRW_METHOD_MH || o->method == SRW_METHOD_PETO) {
        int rc = o->method == SRW_METHOD_MH
                     ? srw_pool__mh(&fe, &fe_var, wk->w, wk->t, k, o->measure, rm5, tr ? tr->mh : NULL)
                     : srw_pool__peto(&fe, &fe_var, wk->w, wk->t, k, tr ? tr->mh : NULL);
        if (rc != 0) {
            p->note = "pooled estimate not estimable (no events in an arm across studies)";
            return 1;
        }
        /* RevMan shows one study's own RD and CI as the MH result (its
         * weights are from the counts, its variance from the corrected
         * cells, which differ for a zero-cell study: CD008625 9.3, 13.3). */
        if (rm5 && o->method == SRW_METHOD_MH && o->measure == SRW_MEASURE_RD && k == 1) {
            fe = wk->y[0];
            fe_var = wk->v[0];
        }
    } else {
        for (size_t i = 0; i < k; i++)
            wk->w[i] = 1.0 / wk->v[i];
    }
    double df = (double)k - 1.0, Q = 0.0;
    for (size_t i = 0; i < k; i++) {
        double term = (wk->y[i] - fe) * (wk->y[i] - fe) / wk->v[i];
        Q += term;
        if (tr != NULL)
            tr->studies[wk->pos[i]].q_term = term, tr->studies[wk->pos[i]].w_fixed = wk->w[i];
    }
    if (tr != NULL)
        tr->fe = fe, tr->fe_var = fe_var;

    double est = fe, se = sqrt(fe_var), tau2 = 0.0, sw_model = sw;
    double qw = NAN; /* generalised Q at tau2, for HKSJ */
    int random = (o->model == SRW_MODEL_RANDOM && k > 1);
    if (random) {
        srw_pool__tau2(&tau2, &p->iterations, &p->converged, wk->y, wk->v,
                       wk->scratch, k, Q, o->tau2, o->max_iter, o->tol, tr ? &tr->tau2 : NULL);
        qw = srw_pool__genq(wk->y, wk->v, k, tau2, &est, &sw_model, tr ? &tr->sum_wy_model : NULL);
        se = sqrt(1.0 / sw_model);
        for (size_t i = 0; i < k; i++)
            wk->w[i] = 1.0 / (wk->v[i] + tau2);
    }
    double zc = wk->zc, se_wald = se;
    if (tr != NULL)
        tr->z = zc, tr->sum_w_model = sw_model, tr->se_model = se_wald, tr->crit = zc;
    p->estimate = est;
    p->tau2 = tau2;
    p->tau = sqrt(tau2);
    if (o->ci == SRW_CI_HKSJ && k > 1) {
        /* HKSJ: SE^2 = sum w* (y - mu)^2 / ((k-1) sum w*), t on k-1 df,
         * no truncation (metafor test = "knha"). */
        if (!random)
            qw = srw_pool__genq(wk->y, wk->v, k, tau2, NULL, NULL, NULL);
        se = sqrt(qw / (df * sw_model));
        double tc = srw_pool__tcrit(o->level, df);
        p->se = se;
        p->ci_lower = est - tc * se;
        p->ci_upper = est + tc * se;
        p->hksj_factor = qw / df;
        double half_t = tc * se, half_z = zc * sqrt(1.0 / sw_model);
        double half = fmax(half_t, half_z);
        if (tr != NULL)
            tr->q_gen = qw, tr->crit = tc, tr->half_t = half_t, tr->half_z = half_z;
        p->ci_lower_wide = est - half;
        p->ci_upper_wide = est + half;
        p->stat = est / se;
        p->stat_df = df;
        p->pvalue = 2.0 * gsl_cdf_tdist_Q(fabs(p->stat), df);
    } else {
        p->se = se;
        p->ci_lower = p->ci_lower_wide = est - zc * se;
        p->ci_upper = p->ci_upper_wide = est + zc * se;
        p->stat = est / se;
        p->pvalue = 2.0 * gsl_cdf_ugaussian_Q(fabs(p->stat));
    }
    if (!isfinite(p->stat)) { /* se 0 (HKSJ with identical estimates) */
        p->stat = NAN;
        p->pvalue = NAN;
    }

    if (k == 1) {
        p->note = "heterogeneity not applicable (k = 1)";
        return 0;
    }
    p->Q = Q;
    p->Q_df = df;
    p->Q_pvalue = gsl_cdf_chisq_Q(Q, df);
    p->I2 = Q > df ? 100.0 * (Q - df) / Q : 0.0;
    /* Typical within-study variance s^2 [MF]. */
    double s2 = df * sw / (sw * sw - sw2);
    if (tr != NULL)
        tr->s2 = s2;
    p->I2_tau2 = 100.0 * tau2 / (tau2 + s2);
    p->H2 = random ? (tau2 + s2) / s2 : Q / df;
    if (random) {
        /* A bound whose search ran out of iterations is its last point;
         * the sensitivity analyses' refits do without it. */
        if (tau2_ci)
            (void)srw_pool__tau2_qprofile(&p->tau2_ci_lower, &p->tau2_ci_upper,
                                      wk->y, wk->v, wk->scratch, k, tau2,
                                      o->level, o->max_iter, o->tol, tr ? &tr->qp : NULL);
        if (k >= 3) {
            /* [HB] 10.10.4.3: t on k-2 df with the unadjusted SE. */
            double tc = srw_pool__tcrit(o->level, df - 1.0);
            double var = tau2 + se_wald * se_wald;
            double h = tc * sqrt(var);
            if (tr != NULL)
                tr->pi_crit = tc, tr->pi_var = var;
            p->pi_lower = est - h;
            p->pi_upper = est + h;
        } else {
            p->note = srw_pool_note_pi;
        }
        if (!p->converged)
            p->note = "tau^2 estimator did not converge: last value reported";
    }
    return 0;
}

static int add_correction(srw_analysis *a, const char *fmt, const char *study)
{
    char buf[600];
    srw_snprintf_utf8(buf, sizeof buf, fmt, study ? study : "(unnamed study)");
    char **c = realloc(a->corrections, (a->n_corrections + 1) * sizeof *c);
    if (c == NULL)
        return SRW_ENOMEM;
    a->corrections = c;
    if ((c[a->n_corrections] = dup_str(buf)) == NULL)
        return SRW_ENOMEM;
    a->n_corrections++;
    return 0;
}

SRW_CORE_INLINE int note_corrections(srw_analysis *a, const srw_effect *e, const char *study)
{
    int rm5mh = a->opts.profile == SRW_PROFILE_REVMAN5 && a->opts.method == SRW_METHOD_MH;
    if (e->corrections & SRW_CORR_HALF_ADDED) {
        /* What was added: "0.5 added to all cells", or the treatment-arm
         * correction's two increments; then where it was used. */
        char what[160], fmt[400];
        if (e->add_exp == e->add_ctl)
            snprintf(what, sizeof what, "%g added to all cells of %%s", e->add_exp);
        else
            snprintf(what, sizeof what, "%.4g added to each experimental and %.4g to each control cell of %%s",
                     e->add_exp, e->add_ctl);
        snprintf(fmt, sizeof fmt, "%s%s", what,
                 a->opts.measure == SRW_MEASURE_RD
                     ? (rm5mh ? " (zero cell) for its variance and the Mantel-Haenszel variance; RD and weight "
                                "from the raw counts"
                              : " (zero cell) for its variance only; RD from the raw counts")
                     : (rm5mh ? " (zero cell), also in the Mantel-Haenszel sums" : " (zero cell)"));
        if (add_correction(a, fmt, study) != 0)
            return SRW_ENOMEM;
    }
    if (!e->estimable && e->reason != NULL) {
        char fmt[300];
        srw_snprintf_utf8(fmt, sizeof fmt, "%%s not estimable: %s", e->reason);
        if (add_correction(a, fmt, study) != 0)
            return SRW_ENOMEM;
    }
    return 0;
}

/* Test for subgroup differences [RM5]: Q = sum (theta_g - theta)^2 / SE_g^2
 * over the subgroups with a pooled estimate, df = G - 1, centred on theta,
 * the inverse-variance pool of the subgroup estimates (kept: RevMan's
 * overall under "subtotals only"; zc the normal critical value). */
static void subgroup_test(srw_analysis *a, double zc)
{
    double sw = 0.0, swy = 0.0, Q = 0.0;
    size_t g = 0;
    srw_subgroup_test *t = &a->subgroup_test;
    memset(t, 0, sizeof *t);
    t->Q = t->df = t->pvalue = t->I2 = NAN;
    t->estimate = t->se = t->ci_lower = t->ci_upper = t->stat = t->pvalue_estimate = NAN;
    for (size_t i = 0; i < a->n_subgroups; i++) {
        const srw_pooled *p = &a->subgroups[i].pooled;
        if (!isfinite(p->estimate) || !(p->se > 0.0))
            continue;
        sw += 1.0 / (p->se * p->se);
        swy += p->estimate / (p->se * p->se);
        g++;
    }
    if (g < 1)
        return;
    double mu = swy / sw;
    t->estimate = mu;
    t->se = sqrt(1.0 / sw);
    t->ci_lower = mu - zc * t->se;
    t->ci_upper = mu + zc * t->se;
    t->stat = mu / t->se;
    t->pvalue_estimate = 2.0 * gsl_cdf_ugaussian_Q(fabs(t->stat));
    if (g < 2)
        return;
    for (size_t i = 0; i < a->n_subgroups; i++) {
        const srw_pooled *p = &a->subgroups[i].pooled;
        if (!isfinite(p->estimate) || !(p->se > 0.0))
            continue;
        Q += (p->estimate - mu) * (p->estimate - mu) / (p->se * p->se);
    }
    double df = (double)g - 1.0;
    a->subgroup_test.present = 1;
    a->subgroup_test.Q = Q;
    a->subgroup_test.df = df;
    a->subgroup_test.pvalue = gsl_cdf_chisq_Q(Q, df);
    a->subgroup_test.I2 = Q > df ? 100.0 * (Q - df) / Q : 0.0;
}

static int has_subgroup(const srw_study_row *r)
{
    return r->subgroup != NULL && r->subgroup[0] != '\0';
}

/* The one implementation of srw_analysis_run and srw_analysis_run_traced,
 * inlined into both (core/inline.h): without a trace every recording folds
 * away. */
SRW_CORE_INLINE int run(srw_analysis *out, const srw_study_set *in, const srw_pool_options *opts, srw_trace *trace,
                        srw_error *err)
{
    gsl_set_error_handler_off();
    if (out == NULL || in == NULL || opts == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_analysis_run: NULL argument");
    if (trace != NULL)
        srw_trace_dispose(trace);
    memset(out, 0, sizeof *out);
    if (in->k == 0 || in->rows == NULL)
        return SRW_FAIL(err, SRW_EDATA, "the outcome has no studies to analyse");
    out->opts = *opts;
    int rc = srw_pool_options_resolve(&out->opts, in->type, err);
    if (rc != 0)
        return rc;
    out->type = in->type;

    size_t k = in->k;
    const char *what = "memory for the analysis";
    /* Scratch arrays, carved from one allocation freed at the end.  A study
     * needs far less than 512 bytes of scratch and results, so below this
     * bound no size computed here can wrap around (and more rows than that
     * cannot be in memory anyway). */
    char *scratch = NULL;
    size_t *trace_pos = NULL; /* wk.pos when tracing */
    if (k > SIZE_MAX / 512)
        goto nomem;
    size_t s_eff = aligned_size(k, sizeof(srw_effect));
    size_t s_idx = aligned_size(k, sizeof(size_t));
    size_t s_dbl = aligned_size(k, sizeof(double));
    size_t s_tab = aligned_size(k, sizeof(srw_pool__table));
    scratch = calloc(1, s_eff + 2 * s_idx + 6 * s_dbl + s_tab);
    if (scratch == NULL)
        goto nomem;
    srw_effect *eff = (srw_effect *)scratch;
    size_t *idx = (size_t *)(scratch + s_eff);
    size_t *gidx = (size_t *)(scratch + s_eff + s_idx);
    char *dbl = scratch + s_eff + 2 * s_idx; /* six arrays of doubles */
    double *wraw = (double *)dbl, *wsub = (double *)(dbl + s_dbl);
    srw_pool__work wk = {(double *)(dbl + 2 * s_dbl), (double *)(dbl + 3 * s_dbl),
               (double *)(dbl + 4 * s_dbl), (double *)(dbl + 5 * s_dbl),
               (srw_pool__table *)(dbl + 6 * s_dbl), srw_pool__zcrit(out->opts.level), NULL};
    what = "the explanation's trace";
    if (trace != NULL && srw_trace__start(trace, k, &trace_pos) != 0)
        goto nomem;
    wk.pos = trace_pos;

    /* The study results and copies of their labels: one block, the labels
     * after the array (srw_analysis_dispose frees the block alone). */
    what = "study labels";
    size_t s_res = aligned_size(k, sizeof *out->studies), s_lab = 0;
    for (size_t i = 0; i < k; i++) {
        const srw_study_row *r = &in->rows[i];
        s_lab += (r->study ? strlen(r->study) : 0) + 1;
        if (has_subgroup(r))
            s_lab += strlen(r->subgroup) + 1;
    }
    if (s_lab > SIZE_MAX - s_res || (out->studies = calloc(1, s_res + s_lab)) == NULL)
        goto nomem;
    out->n_studies = k;
    char *label = (char *)out->studies + s_res;

    double zc = wk.zc;
    const srw_zero_cells zero_rule = srw_pool_zero_cells(&out->opts);
    for (size_t i = 0; i < k; i++) {
        const srw_study_row *r = &in->rows[i];
        srw_study_result *s = &out->studies[i];
        rc = trace != NULL ? srw_effect_compute_detail(&eff[i], &trace->studies[i].effect, r, in->type,
                                                       out->opts.measure, out->opts.smd, &zero_rule, err)
                           : srw_effect_compute_zero(&eff[i], r, in->type, out->opts.measure, out->opts.smd, &zero_rule,
                                                     err);
        if (rc != 0)
            goto fail;
        s->study = label;
        label = copy_label(label, r->study ? r->study : "");
        if (has_subgroup(r)) {
            s->subgroup = label;
            label = copy_label(label, r->subgroup);
        }
        if (trace != NULL)
            trace->studies[i].v = eff[i].vi;
        s->estimable = eff[i].estimable;
        s->weight_subgroup = NAN;
        s->reason = eff[i].reason;
        s->corrections = eff[i].corrections;
        s->yi = eff[i].yi;
        s->se = s->estimable ? sqrt(eff[i].vi) : NAN;
        s->ci_lower = s->yi - zc * s->se;
        s->ci_upper = s->yi + zc * s->se;
        what = "the corrections list";
        if (note_corrections(out, &eff[i], s->study) != 0)
            goto nomem;
        idx[i] = i;
    }

    pool_group(&out->overall, wraw, out, in, eff, idx, k, &wk, trace);
    if (trace != NULL)
        trace->filled = 1;
    double total = 0.0;
    for (size_t i = 0; i < k; i++)
        total += wraw[i];
    if (trace != NULL)
        trace->weight_total = total;
    for (size_t i = 0; i < k; i++)
        out->studies[i].weight = total > 0.0 ? 100.0 * wraw[i] / total : 0.0;

    /* Subgroups in order of first appearance, each with its own tau^2. */
    for (size_t i = 0; i < k; i++) {
        if (!has_subgroup(&in->rows[i]))
            continue;
        int seen = 0;
        for (size_t g = 0; g < out->n_subgroups && !seen; g++)
            seen = strcmp(out->subgroups[g].name, in->rows[i].subgroup) == 0;
        if (seen)
            continue;
        what = "subgroups";
        srw_subgroup_result *sg = realloc(out->subgroups, (out->n_subgroups + 1) * sizeof *sg);
        if (sg == NULL)
            goto nomem;
        out->subgroups = sg;
        memset(&sg[out->n_subgroups], 0, sizeof *sg);
        if ((sg[out->n_subgroups].name = dup_str(in->rows[i].subgroup)) == NULL)
            goto nomem;
        out->n_subgroups++;
        size_t n = 0;
        for (size_t j = i; j < k; j++)
            if (has_subgroup(&in->rows[j]) && strcmp(in->rows[j].subgroup, in->rows[i].subgroup) == 0)
                gidx[n++] = j;
        pool_group(&sg[out->n_subgroups - 1].pooled, wsub, out, in, eff, gidx,
                   n, &wk, NULL);
        double sub_total = 0.0;
        for (size_t j = 0; j < n; j++)
            sub_total += wsub[gidx[j]];
        for (size_t j = 0; j < n; j++)
            out->studies[gidx[j]].weight_subgroup = sub_total > 0.0 ? 100.0 * wsub[gidx[j]] / sub_total : 0.0;
    }
    if (out->n_subgroups > 0)
        subgroup_test(out, wk.zc);
    srw_pool__apply_totals(out);
    rc = 0;
    goto cleanup;

nomem:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory (%s)", what);
fail:
    srw_analysis_dispose(out);
    srw_trace_dispose(trace);
cleanup:
    free(trace_pos);
    free(scratch);
    return rc;
}

int srw_analysis_run(srw_analysis *out, const srw_study_set *in,
                     const srw_pool_options *opts, srw_error *err)
{
    return run(out, in, opts, NULL, err);
}

int srw_analysis_run_traced(srw_analysis *out, const srw_study_set *in, const srw_pool_options *opts,
                            srw_trace *trace, srw_error *err)
{
    return trace != NULL ? run(out, in, opts, trace, err) : run(out, in, opts, NULL, err);
}

void srw_analysis_dispose(srw_analysis *a)
{
    if (a == NULL)
        return;
    free(a->studies); /* with the study labels (srw_analysis_run) */
    for (size_t i = 0; a->subgroups != NULL && i < a->n_subgroups; i++)
        free(a->subgroups[i].name);
    free(a->subgroups);
    for (size_t i = 0; a->corrections != NULL && i < a->n_corrections; i++)
        free(a->corrections[i]);
    free(a->corrections);
    memset(a, 0, sizeof *a);
}
