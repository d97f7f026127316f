/* egger.c - Egger's regression test for funnel-plot asymmetry.
 *
 * Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis
 * detected by a simple, graphical test. BMJ 1997;315:629-34.
 *
 * The standard normal deviate z_i = y_i / se_i is regressed on the precision
 * x_i = 1 / se_i by ordinary least squares; with no small-study effect the
 * line passes through the origin, so the test is the t-test of the intercept
 * b0 with k - 2 degrees of freedom:
 *   Sxx = sum (x_i - xbar)^2,  b1 = sum (x_i - xbar)(z_i - zbar) / Sxx,
 *   b0 = zbar - b1 xbar,  s^2 = RSS / (k - 2),
 *   se(b0) = sqrt(s^2 (1/k + xbar^2 / Sxx)),  t = b0 / se(b0),
 *   p = 2 Q_t(|t|; k - 2).
 * This is the same test as metafor's regtest(..., model = "lm",
 * predictor = "sei") on a fixed-effect model (its coefficient of sei equals
 * Egger's intercept), which tests/unit/test_grade.c checks.
 */
#include "srw/grade.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <float.h>
#include <math.h>

static void not_computed(srw_egger *out, const char *note)
{
    out->computed = 0;
    out->intercept = out->se = out->t = out->df = out->pvalue = NAN;
    out->note = note;
}

int srw_egger_test(srw_egger *out, const double *yi, const double *se, size_t k,
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

    gsl_set_error_handler_off();
    double p = 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
    if (!isfinite(p))
        return SRW_FAIL(err, SRW_ENUMERIC, "Egger's test: the t distribution gave no p-value (t = %g, df = %g)",
                        t, df);
    out->computed = 1;
    out->intercept = b0;
    out->se = se_b0;
    out->t = t;
    out->df = df;
    out->pvalue = p > 1.0 ? 1.0 : p;
    out->note = NULL;
    return 0;
}
