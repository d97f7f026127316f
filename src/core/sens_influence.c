/* Influence diagnostics of each study (Viechtbauer W, Cheung MW-L.
 * Outlier and influence diagnostics for meta-analysis. Res Synth Methods
 * 2010;1:112-125), as metafor 3.8 influence.rma.uni computes them for the
 * intercept-only model, of the inverse-variance fit of the analysis's model
 * (a Mantel-Haenszel or Peto analysis: its equal-effects fit).
 *
 * With the full fit mu, vb = var(mu) (times the HKSJ factor under --ci
 * hksj), tau^2 and weights w_i = 1/(v_i + tau^2), and the fit without
 * study i: mu_(i), vb_(i), tau^2_(i), QE_(i) and its HKSJ factor s2w_(i)
 * (1 under a Wald test):
 *   hat_i     = w_i / sum w;  weight_i = 100 hat_i
 *   rstudent  = (y_i - mu_(i)) / sqrt(s2w_(i) (v_i + tau^2_(i)) + vb_(i))
 *   DFFITS    = (mu - mu_(i)) / sqrt(s2w_(i) hat_i (tau^2_(i) + v_i))
 *   DFBETAS   = (mu - mu_(i)) / sqrt(s2w_(i) / sum_j 1/(v_j + tau^2_(i)))  (all j)
 *   Cook's D  = (mu - mu_(i))^2 / vb
 *   COVRATIO  = vb_(i) / vb
 * A study is influential (metafor's rule) when |DFFITS| > 3 sqrt(p/(k-p)),
 * or the chi-square(p) distribution function at Cook's D exceeds 0.5, or
 * hat > 3 p / k, or |DFBETAS| > 1 (p = 1 coefficient). */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "core/sens_internal.h"

static void blank(srw_sens_influence *r, size_t study, const char *note)
{
    r->study = study;
    r->rstudent = r->dffits = r->cook_d = r->cov_r = r->tau2_del = r->QE_del = NAN;
    r->hat = r->weight = r->dfbetas = NAN;
    r->influential = 0;
    r->note = note;
}

/* The HKSJ variance factor of a fit, 1 under a Wald test (metafor's s2w;
 * a fit of one study has none). */
static double s2w_of(const srw_pooled *p)
{
    return isfinite(p->hksj_factor) ? p->hksj_factor : 1.0;
}

int srw_sens__influence(srw_sensitivity *s, srw_sens__in *in, srw_error *err)
{
    size_t k = in->k;
    s->infl = calloc(k ? k : 1, sizeof *s->infl);
    if (s->infl == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the influence diagnostics");
    s->n_infl = k;
    if (k < 2) {
        for (size_t i = 0; i < k; i++)
            blank(&s->infl[i], in->idx[i], "influence needs at least 2 studies");
        return 0;
    }
    const srw_pool_options *o = &in->iv;
    int random = o->model == SRW_MODEL_RANDOM;
    srw_pooled full;
    srw_pool__blank(&full);
    for (size_t j = 0; j < k; j++)
        in->wk.y[j] = in->y[j], in->wk.v[j] = in->v[j];
    (void)srw_pool__fit(&full, &in->wk, k, o, 0, NULL);
    double sw = 0.0;
    for (size_t j = 0; j < k; j++)
        sw += in->wk.w[j];
    double *hat = in->wk.w + k; /* the refit arrays hold 2k */
    for (size_t j = 0; j < k; j++)
        hat[j] = in->wk.w[j] / sw;
    double vb = full.se * full.se, mu = full.estimate, kd = (double)k;
    for (size_t i = 0; i < k; i++) {
        srw_sens_influence *r = &s->infl[i];
        blank(r, in->idx[i], NULL);
        srw_pooled del;
        if (in->have_loo) {
            del = in->loo_pool[i]; /* the same fit: the options are the analysis's */
        } else {
            size_t n = 0;
            for (size_t j = 0; j < k; j++)
                if (j != i)
                    in->wk.y[n] = in->y[j], in->wk.v[n] = in->v[j], n++;
            srw_pool__blank(&del);
            (void)srw_pool__fit(&del, &in->wk, n, o, 0, NULL);
        }
        if (del.k == 0 || !isfinite(del.estimate)) {
            r->note = del.note;
            continue;
        }
        double t2 = random ? del.tau2 : 0.0, s2w = s2w_of(&del), vbd = del.se * del.se;
        double diff = mu - del.estimate;
        double resid = in->y[i] - del.estimate;
        if (fabs(resid) < 100.0 * DBL_EPSILON) /* metafor: rounding, not a residual */
            resid = 0.0;
        double swd = 0.0;
        for (size_t j = 0; j < k; j++)
            swd += 1.0 / (in->v[j] + t2);
        r->hat = hat[i];
        r->weight = 100.0 * hat[i];
        r->rstudent = resid / sqrt(in->v[i] * s2w + vbd + t2 * s2w);
        r->dffits = diff / sqrt(s2w * hat[i] * (t2 + in->v[i]));
        r->dfbetas = diff / sqrt(s2w / swd);
        r->cook_d = diff * diff / vb;
        r->cov_r = vbd / vb;
        r->tau2_del = random ? del.tau2 : NAN;
        r->QE_del = del.Q;
        r->influential = fabs(r->dffits) > 3.0 * sqrt(1.0 / (kd - 1.0)) || gsl_cdf_chisq_P(r->cook_d, 1.0) > 0.5 ||
                         hat[i] > 3.0 / kd || fabs(r->dfbetas) > 1.0;
    }
    return 0;
}
