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

#include "pool_internal.h"

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
 * applies there to a zero-cell study (srw_pool__mh says where); metafor
 * rma.mh and the cochrane profile use the raw counts. */
srw_pool__table srw_pool__table_of(const srw_study_row *r, int corrected)
{
    srw_pool__table t = {r->exp_events, r->exp_total - r->exp_events,
                         r->ctl_events, r->ctl_total - r->ctl_events, corrected ? 0.5 : 0.0};
    return t;
}

double srw_pool__zcrit(double level)
{
    return gsl_cdf_ugaussian_Pinv(0.5 + level / 200.0);
}

/* Two-sided t critical values at the 95% level (the level of every profile
 * and of nearly every analysis), df = 1..100:
 * gsl_cdf_tdist_Pinv(0.5 + 95 / 200.0, df), printed with %.17g so that they
 * read back as GSL's own bits.  Each GSL call inverts the incomplete beta
 * function iteratively (~1.3 us, and an analysis needs two: HKSJ on k - 1
 * and the prediction interval on k - 2 df); other levels and df still call
 * it. */
static const double t95[] = {
    /* df   1 */ 12.706204736174696, 4.3026527297494619, 3.1824463052837038, 2.7764451051977925,
    /* df   5 */ 2.5705818356363141, 2.4469118511449683, 2.3646242515927844, 2.3060041352041658,
    /* df   9 */ 2.2621571627982053, 2.2281388519862735, 2.2009851600916397, 2.1788128296672293,
    /* df  13 */ 2.1603686564627922, 2.1447866879178026, 2.1314495455597751, 2.1199052992212528,
    /* df  17 */ 2.109815577833317, 2.1009220402410387, 2.0930240544083096, 2.0859634472658648,
    /* df  21 */ 2.0796138447276791, 2.0738730679040245, 2.0686576104190482, 2.063898561628025,
    /* df  25 */ 2.0595385527532959, 2.05552943864287, 2.0518305164802855, 2.0484071417952463,
    /* df  29 */ 2.0452296421327016, 2.0422724563012378, 2.0395134463964069, 2.0369333434601011,
    /* df  33 */ 2.0345152974493379, 2.0322445093177182, 2.0301079282503429, 2.0280940009804498,
    /* df  37 */ 2.0261924630291102, 2.0243941639119685, 2.0226909200367595, 2.0210753903062737,
    /* df  41 */ 2.0195409704413754, 2.0180817028184443, 2.0166921992278239, 2.0153675744437631,
    /* df  45 */ 2.0141033888808471, 2.0128955989194286, 2.0117405137297659, 2.0106347576242323,
    /* df  49 */ 2.0095752371292401, 2.0085591121007602, 2.0075837703158359, 2.0066468050616888,
    /* df  53 */ 2.0057459953178691, 2.0048792881880564, 2.0040447832891455, 2.0032407188478718,
    /* df  57 */ 2.0024654592910069, 2.0017174841452361, 2.0009953780882679, 2.0002978220142595,
    /* df  61 */ 1.99962358499494, 1.9989715170333777, 1.9983405425207417, 1.9977296543176926,
    /* df  65 */ 1.9971379083920033, 1.9965644189523124, 1.9960083540252966, 1.9954689314298442,
    /* df  69 */ 1.9949454151072379, 1.9944371117711859, 1.9939433678456251, 1.9934635666618719,
    /* df  73 */ 1.9929971258898558, 1.9925434951809315, 1.9921021540022428, 1.9916726096446635,
    /* df  77 */ 1.9912543953883857, 1.9908470688116915, 1.9904502102301291, 1.990063421254445,
    /* df  81 */ 1.9896863234569022, 1.9893185571365717, 1.9889597801751633, 1.9886096669757092,
    /* df  85 */ 1.9882679074772212, 1.9879342062390206, 1.9876082815890705, 1.9872898648311688,
    /* df  89 */ 1.9869786995062808, 1.9866745407037685, 1.986377154418618, 1.9860863169511289,
    /* df  93 */ 1.9858018143458231, 1.9855234418666032, 1.9852510035054969, 1.9849843115224577,
    /* df  97 */ 1.9847231860139842, 1.9844674545084808, 1.9842169515864176, 1.9839715185235514,
};

static double tcrit(double level, double df)
{
    size_t n = sizeof t95 / sizeof t95[0];
    if (level == 95.0 && df >= 1.0 && df <= (double)n && df == floor(df))
        return t95[(size_t)df - 1];
    return gsl_cdf_tdist_Pinv(0.5 + level / 200.0, df);
}

/* Pool the studies idx[0..n) of the analysis.  wraw receives each study's
 * weight (any scale; the caller turns it into percent), indexed like rows. */
static void pool_group(srw_pooled *p, double *wraw, const srw_analysis *a,
                       const srw_study_set *in, const srw_effect *eff,
                       const size_t *idx, size_t n, srw_pool__work *wk)
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
        if (o->method != SRW_METHOD_IV)
            wk->t[k] = srw_pool__table_of(r, rm5 && o->method == SRW_METHOD_MH &&
                                                 (eff[idx[j]].corrections & SRW_CORR_HALF_ADDED));
        k++;
    }
    if (in->type == SRW_TYPE_GENERIC)
        p->exp_events = p->ctl_events = NAN;
    else if (in->type != SRW_TYPE_DICHOTOMOUS)
        p->exp_events = p->ctl_events = NAN;
    if (srw_pool__fit(p, wk, k, o, 1) != 0)
        return;
    size_t j = 0;
    for (size_t jj = 0; jj < n; jj++)
        if (eff[idx[jj]].estimable)
            wraw[idx[jj]] = wk->w[j++];
}

/* The fit itself, over arrays: see pool_internal.h.  pool_group above and
 * the sensitivity analyses (sens_refit.c) call it, so that an analysis
 * without a study is pooled by the same code as the analysis with it. */
int srw_pool__fit(srw_pooled *p, srw_pool__work *wk, size_t k, const srw_pool_options *o, int tau2_ci)
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
    }
    double fe = swy / sw, fe_var = 1.0 / sw;
    if (o->method == SRW_METHOD_MH || o->method == SRW_METHOD_PETO) {
        int rc = o->method == SRW_METHOD_MH
                     ? srw_pool__mh(&fe, &fe_var, wk->w, wk->t, k, o->measure, rm5)
                     : srw_pool__peto(&fe, &fe_var, wk->w, wk->t, k);
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
    for (size_t i = 0; i < k; i++)
        Q += (wk->y[i] - fe) * (wk->y[i] - fe) / wk->v[i];

    double est = fe, se = sqrt(fe_var), tau2 = 0.0, sw_model = sw;
    double qw = NAN; /* generalised Q at tau2, for HKSJ */
    int random = (o->model == SRW_MODEL_RANDOM && k > 1);
    if (random) {
        srw_pool__tau2(&tau2, &p->iterations, &p->converged, wk->y, wk->v,
                       wk->scratch, k, Q, o->tau2, o->max_iter, o->tol);
        qw = srw_pool__genq(wk->y, wk->v, k, tau2, &est, &sw_model);
        se = sqrt(1.0 / sw_model);
        for (size_t i = 0; i < k; i++)
            wk->w[i] = 1.0 / (wk->v[i] + tau2);
    }

    double zc = wk->zc, se_wald = se;
    p->estimate = est;
    p->tau2 = tau2;
    p->tau = sqrt(tau2);
    if (o->ci == SRW_CI_HKSJ && k > 1) {
        /* HKSJ: SE^2 = sum w* (y - mu)^2 / ((k-1) sum w*), t on k-1 df,
         * no truncation (metafor test = "knha"). */
        if (!random)
            qw = srw_pool__genq(wk->y, wk->v, k, tau2, NULL, NULL);
        se = sqrt(qw / (df * sw_model));
        double tc = tcrit(o->level, df);
        p->se = se;
        p->ci_lower = est - tc * se;
        p->ci_upper = est + tc * se;
        p->hksj_factor = qw / df;
        double half = fmax(tc * se, zc * sqrt(1.0 / sw_model));
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
    p->I2_tau2 = 100.0 * tau2 / (tau2 + s2);
    p->H2 = random ? (tau2 + s2) / s2 : Q / df;
    if (random) {
        /* A bound whose search ran out of iterations is its last point;
         * the sensitivity analyses' refits do without it. */
        if (tau2_ci)
            (void)srw_pool__tau2_qprofile(&p->tau2_ci_lower, &p->tau2_ci_upper,
                                      wk->y, wk->v, wk->scratch, k, tau2,
                                      o->level, o->max_iter, o->tol);
        if (k >= 3) {
            /* [HB] 10.10.4.3: t on k-2 df with the unadjusted SE. */
            double tc = tcrit(o->level, df - 1.0);
            double h = tc * sqrt(tau2 + se_wald * se_wald);
            p->pi_lower = est - h;
            p->pi_upper = est + h;
        } else {
            p->note = "prediction interval needs at least 3 studies";
        }
        if (!p->converged)
            p->note = "tau^2 estimator did not converge: last value reported";
    }
    return 0;
}

static int add_correction(srw_analysis *a, const char *fmt, const char *study)
{
    char buf[600];
    snprintf(buf, sizeof buf, fmt, study ? study : "(unnamed study)");
    char **c = realloc(a->corrections, (a->n_corrections + 1) * sizeof *c);
    if (c == NULL)
        return SRW_ENOMEM;
    a->corrections = c;
    if ((c[a->n_corrections] = dup_str(buf)) == NULL)
        return SRW_ENOMEM;
    a->n_corrections++;
    return 0;
}

static int note_corrections(srw_analysis *a, const srw_effect *e, const char *study)
{
    int rm5mh = a->opts.profile == SRW_PROFILE_REVMAN5 && a->opts.method == SRW_METHOD_MH;
    if (e->corrections & SRW_CORR_HALF_ADDED) {
        const char *fmt =
            a->opts.measure == SRW_MEASURE_RD
                ? (rm5mh ? "0.5 added to all cells of %s (zero cell) for its variance "
                           "and the Mantel-Haenszel variance; RD and weight from the raw counts"
                         : "0.5 added to all cells of %s (zero cell) for its variance only; "
                           "RD from the raw counts")
                : (rm5mh ? "0.5 added to all cells of %s (zero cell), also in the "
                           "Mantel-Haenszel sums"
                         : "0.5 added to all cells of %s (zero cell)");
        if (add_correction(a, fmt, study) != 0)
            return SRW_ENOMEM;
    }
    if (!e->estimable && e->reason != NULL) {
        char fmt[300];
        snprintf(fmt, sizeof fmt, "%%s not estimable: %s", e->reason);
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

int srw_analysis_run(srw_analysis *out, const srw_study_set *in,
                     const srw_pool_options *opts, srw_error *err)
{
    gsl_set_error_handler_off();
    if (out == NULL || in == NULL || opts == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_analysis_run: NULL argument");
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
               (srw_pool__table *)(dbl + 6 * s_dbl), srw_pool__zcrit(out->opts.level)};

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
    for (size_t i = 0; i < k; i++) {
        const srw_study_row *r = &in->rows[i];
        srw_study_result *s = &out->studies[i];
        rc = srw_effect_compute(&eff[i], r, in->type, out->opts.measure,
                                out->opts.smd, err);
        if (rc != 0)
            goto fail;
        s->study = label;
        label = copy_label(label, r->study ? r->study : "");
        if (has_subgroup(r)) {
            s->subgroup = label;
            label = copy_label(label, r->subgroup);
        }
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

    pool_group(&out->overall, wraw, out, in, eff, idx, k, &wk);
    double total = 0.0;
    for (size_t i = 0; i < k; i++)
        total += wraw[i];
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
                   n, &wk);
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
cleanup:
    free(scratch);
    return rc;
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
