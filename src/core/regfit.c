/* Meta-regression on one predictor (see regfit.h): the meta-regression's
 * own fitter (metareg_fit.c: weighted least squares over the design and
 * the mixed-effects tau^2 estimators) on the design [1, x], so that the
 * small-study tests and srw analyse --moderator are one computation. */
#include "core/regfit.h"
#include "core/metareg_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

static void not_fitted(srw_core__regfit *out, int why, const char *note)
{
    out->fitted = 0;
    out->why = why;
    out->note = note;
}

int srw_core__regfit_run(srw_core__regfit *out, const double *y, const double *v, const double *x, size_t k,
                         const srw_pool_options *o)
{
    size_t p = x ? 2 : 1;
    for (int j = 0; j < 2; j++)
        out->b[j] = out->se[j] = out->stat[j] = out->pvalue[j] = out->ci_lower[j] = out->ci_upper[j] = NAN;
    out->p = p;
    out->df = out->tau2 = out->s2w = out->QE = out->QE_df = out->QE_pvalue = NAN;
    out->converged = 1;
    out->why = SRW_REGFIT_OK;
    out->note = NULL;
    if (k < p + 1) {
        not_fitted(out, SRW_REGFIT_TOO_FEW, p == 2 ? "the regression needs at least 3 studies" : "the fit needs at least 2 studies");
        return 0;
    }
    double *X = malloc(k * p * sizeof *X);
    if (X == NULL)
        return SRW_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        X[i * p] = 1.0;
        if (x)
            X[i * p + 1] = x[i];
    }
    srw_mr__work wk;
    if (srw_mr__work_init(&wk, X, y, v, k, p) != 0) {
        free(X);
        return SRW_ENOMEM;
    }
    double kp = (double)k - (double)p;
    double qe = srw_mr__wls(&wk, 0.0, NULL);
    if (!isfinite(qe)) {
        not_fitted(out, SRW_REGFIT_CONSTANT, "the predictor takes the same value in every study");
        goto done;
    }
    out->QE = qe;
    out->QE_df = kp;
    out->QE_pvalue = gsl_cdf_chisq_Q(qe, kp);
    out->tau2 = 0.0;
    if (o->model == SRW_MODEL_RANDOM) {
        int iterations;
        srw_mr__tau2(&wk, o->tau2, o->max_iter, o->tol, &out->tau2, &iterations, &out->converged);
    }
    double rss = srw_mr__wls(&wk, out->tau2, NULL);
    for (size_t j = 0; j < p; j++)
        out->b[j] = wk.b[j];
    double s2w = 1.0;
    int t = o->ci == SRW_CI_HKSJ;
    if (t) {
        /* metafor: a residual sum of squares at rounding level is 0. */
        s2w = rss <= DBL_EPSILON ? 0.0 : rss / kp;
        out->df = kp;
    }
    out->s2w = s2w;
    double crit = t ? gsl_cdf_tdist_Pinv(0.5 + o->level / 200.0, kp) : gsl_cdf_ugaussian_Pinv(0.5 + o->level / 200.0);
    for (size_t j = 0; j < p; j++) {
        out->se[j] = sqrt(s2w * wk.A[j * p + j]);
        out->ci_lower[j] = out->b[j] - crit * out->se[j];
        out->ci_upper[j] = out->b[j] + crit * out->se[j];
        if (out->se[j] > 0.0) {
            out->stat[j] = out->b[j] / out->se[j];
            out->pvalue[j] = t ? 2.0 * gsl_cdf_tdist_Q(fabs(out->stat[j]), kp)
                               : 2.0 * gsl_cdf_ugaussian_Q(fabs(out->stat[j]));
        }
    }
    if (!(out->se[p - 1] > 0.0)) {
        not_fitted(out, SRW_REGFIT_EXACT, "the studies lie exactly on the regression line: no residual variation to test against");
        goto done;
    }
    out->fitted = 1;
done:
    srw_mr__work_dispose(&wk);
    free(X);
    return 0;
}
