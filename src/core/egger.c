/* egger.c - Egger's regression test for funnel-plot asymmetry, in its two
 * forms (srw/grade.h): Egger's own least-squares regression, and metafor's
 * default regtest(), the meta-regression on the standard error under the
 * analysis's model, which GRADE's publication-bias domain and the
 * sensitivity analyses report.
 *
 * Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis
 * detected by a simple, graphical test. BMJ 1997;315:629-34.
 *
 * Least squares (model NULL): the standard normal deviate z_i = y_i / se_i
 * is regressed on the precision x_i = 1 / se_i; with no small-study effect
 * the line passes through the origin, so the test is the t-test of the
 * intercept b0 with k - 2 degrees of freedom:
 *   Sxx = sum (x_i - xbar)^2,  b1 = sum (x_i - xbar)(z_i - zbar) / Sxx,
 *   b0 = zbar - b1 xbar,  s^2 = RSS / (k - 2),
 *   se(b0) = sqrt(s^2 (1/k + xbar^2 / Sxx)),  t = b0 / se(b0),
 *   p = 2 Q_t(|t|; k - 2);  the slope b1 (se sqrt(s^2 / Sxx)) is the limit
 *   estimate.
 * This is metafor's regtest(..., model = "lm", predictor = "sei"): in the
 * regression of y on se with weights 1/se^2 the coefficient of se equals
 * Egger's intercept and the intercept Egger's slope.  Harbord's test
 * (sens_small.c) is this regression on the score statistics.
 *
 * Meta-regression (model given): y_i = b0 + b1 se_i + u_i + e_i with
 * var(u) = tau^2 by the analysis's estimator (regfit.c); b1 is the
 * asymmetry coefficient, b0 the limit estimate (metafor regtest()). */
#include "srw/grade.h"
#include "pool_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "core/regfit.h"

static void not_computed(srw_egger *out, const char *note)
{
    out->computed = 0;
    out->intercept = out->se = out->stat = out->df = out->pvalue = NAN;
    out->limit_estimate = out->limit_ci_lower = out->limit_ci_upper = NAN;
    out->note = note;
}

static int least_squares(srw_egger *out, const double *yi, const double *se, size_t k, srw_error *err)
{
    /* Two passes (means first) for accuracy; k is small. */
    double n = (double)k, xbar = 0.0, zbar = 0.0;
    for (size_t i = 0; i < k; i++) {
        xbar += 1.0 / se[i];
        zbar += yi[i] / se[i];
    }
    xbar /= n;
    zbar /= n;
    double sxx = 0.0, sxz = 0.0;
    for (size_t i = 0; i < k; i++) {
        double dx = 1.0 / se[i] - xbar, dz = yi[i] / se[i] - zbar;
        sxx += dx * dx;
        sxz += dx * dz;
    }
    if (!(sxx > 0.0)) {
        not_computed(out, "Egger's test is undefined: every study has the same standard error");
        return 0;
    }
    double b1 = sxz / sxx, b0 = zbar - b1 * xbar;
    double rss = 0.0;
    for (size_t i = 0; i < k; i++) {
        double r = yi[i] / se[i] - (b0 + b1 / se[i]);
        rss += r * r;
    }
    /* A fit exact up to rounding leaves residuals at the level of
     * DBL_EPSILON times the spread of z; the t statistic would then be
     * rounding noise, so it is reported as undefined. */
    double szz = 0.0;
    for (size_t i = 0; i < k; i++) {
        double dz = yi[i] / se[i] - zbar;
        szz += dz * dz;
    }
    if (rss <= n * DBL_EPSILON * szz) {
        not_computed(out, "Egger's test is undefined: the studies lie exactly on a line");
        return 0;
    }
    double df = n - 2.0;
    double s2 = rss / df;
    double se_b0 = sqrt(s2 * (1.0 / n + xbar * xbar / sxx));
    if (!(se_b0 > 0.0) || !isfinite(se_b0)) {
        not_computed(out, "Egger's test is undefined: the studies lie exactly on a line");
        return 0;
    }
    double t = b0 / se_b0;
    double p = 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
    if (!isfinite(p))
        return SRW_FAIL(err, SRW_ENUMERIC, "Egger's test: the t distribution gave no p-value (t = %g, df = %g)",
                        t, df);
    double se_b1 = sqrt(s2 / sxx), tc = srw_pool__tcrit(95.0, df); /* GSL's Pinv(0.975, df), tabulated */
    out->computed = 1;
    out->intercept = b0;
    out->se = se_b0;
    out->stat = t;
    out->df = df;
    out->pvalue = p > 1.0 ? 1.0 : p;
    out->limit_estimate = b1;
    out->limit_ci_lower = b1 - tc * se_b1;
    out->limit_ci_upper = b1 + tc * se_b1;
    out->note = NULL;
    return 0;
}

static int meta_regression(srw_egger *out, const double *yi, const double *se, size_t k,
                           const srw_pool_options *model, srw_error *err)
{
    double *v = malloc((k ? k : 1) * sizeof *v);
    if (v == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for Egger's test (%zu studies)", k);
    for (size_t i = 0; i < k; i++)
        v[i] = se[i] * se[i];
    srw_core__regfit f;
    int rc = srw_core__regfit_run(&f, yi, v, se, k, model);
    free(v);
    if (rc != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for Egger's test (%zu studies)", k);
    if (!f.fitted) {
        not_computed(out, f.why == SRW_REGFIT_CONSTANT
                              ? "Egger's test is undefined: every study has the same standard error"
                              : "Egger's test is undefined: the studies lie exactly on a line");
        return 0;
    }
    out->computed = 1;
    out->intercept = f.b[1];
    out->se = f.se[1];
    out->stat = f.stat[1];
    out->df = f.df;
    out->pvalue = f.pvalue[1];
    out->limit_estimate = f.b[0];
    out->limit_ci_lower = f.ci_lower[0];
    out->limit_ci_upper = f.ci_upper[0];
    out->note = NULL;
    return 0;
}

int srw_egger_test(srw_egger *out, const double *yi, const double *se, size_t k, const srw_pool_options *model,
                   srw_error *err)
{
    if (out == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_egger_test: no result struct");
    not_computed(out, NULL);
    if (k > 0 && (yi == NULL || se == NULL))
        return SRW_FAIL(err, SRW_EUSAGE, "srw_egger_test: no effects given");
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(yi[i]))
            return SRW_FAIL(err, SRW_EDATA,
                            "Egger's test: effect of study %zu is not a finite number", i + 1);
        if (!isfinite(se[i]) || se[i] <= 0.0)
            return SRW_FAIL(err, SRW_EDATA,
                            "Egger's test: standard error of study %zu is not a positive number (%g)",
                            i + 1, se[i]);
    }
    if (k < 3) {
        not_computed(out, "Egger's test needs at least 3 studies");
        return 0;
    }
    gsl_set_error_handler_off();
    if (model == NULL)
        return least_squares(out, yi, se, k, err);
    return meta_regression(out, yi, se, k, model, err);
}
