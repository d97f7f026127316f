/* Meta-regression on one predictor: see regfit.h for the model and the
 * estimators.  Every quantity comes from weighted sums over the studies
 * and the 2 x 2 matrix X'WX, so that P (k x k) is never formed:
 *   y'Py = sum w e^2, y'PPy = sum w^2 e^2 (e the weighted-LS residuals),
 *   tr P = sum w - tr(M A), tr PP = sum w^2 - 2 tr(M B) + tr(M A M A),
 * with M = (X'WX)^-1, A = X'W^2X, B = X'W^3X. */
#include "core/regfit.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

/* Weighted least squares at weights w and what the estimators need. */
typedef struct wls {
    double b0, b1;         /* b1 = 0 when p = 1 */
    double m00, m01, m11;  /* M = (X'WX)^-1 */
    double sw, sw2;        /* sum w, sum w^2 */
    double rss, rss2;      /* y'Py, y'PPy */
    double trP, trPP;
    double logdet;         /* log det X'WX */
} wls;

/* 0, or -1 when X'WX is singular (x does not vary among the weighted
 * studies). */
static int wls_fit(wls *o, const double *y, const double *x, const double *w, size_t k)
{
    double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, a0 = 0, a1 = 0, a2 = 0, c0 = 0, c1 = 0, c2 = 0;
    for (size_t i = 0; i < k; i++) {
        double wi = w[i], xi = x ? x[i] : 0.0, w2 = wi * wi, w3 = w2 * wi;
        s0 += wi, t0 += wi * y[i], a0 += w2, c0 += w3;
        if (x) {
            s1 += wi * xi, s2 += wi * xi * xi, t1 += wi * xi * y[i];
            a1 += w2 * xi, a2 += w2 * xi * xi, c1 += w3 * xi, c2 += w3 * xi * xi;
        }
    }
    o->sw = s0;
    o->sw2 = a0;
    if (x == NULL) {
        o->b0 = t0 / s0, o->b1 = 0.0;
        o->m00 = 1.0 / s0, o->m01 = o->m11 = 0.0;
        o->trP = s0 - a0 / s0;
        o->trPP = a0 - 2.0 * c0 / s0 + (a0 / s0) * (a0 / s0);
        o->logdet = log(s0);
    } else {
        double d = s0 * s2 - s1 * s1;
        /* Relative to its terms: a determinant at rounding level is 0. */
        if (!(d > 64.0 * DBL_EPSILON * s0 * s2))
            return -1;
        o->m00 = s2 / d, o->m01 = -s1 / d, o->m11 = s0 / d;
        o->b0 = o->m00 * t0 + o->m01 * t1;
        o->b1 = o->m01 * t0 + o->m11 * t1;
        /* tr(MA), tr(MB) and tr(MAMA) for symmetric 2 x 2 A, B. */
        double ma00 = o->m00 * a0 + o->m01 * a1, ma01 = o->m00 * a1 + o->m01 * a2;
        double ma10 = o->m01 * a0 + o->m11 * a1, ma11 = o->m01 * a1 + o->m11 * a2;
        double trmb = o->m00 * c0 + 2.0 * o->m01 * c1 + o->m11 * c2;
        o->trP = s0 - (ma00 + ma11);
        o->trPP = a0 - 2.0 * trmb + ma00 * ma00 + 2.0 * ma01 * ma10 + ma11 * ma11;
        o->logdet = log(d);
    }
    double rss = 0, rss2 = 0;
    for (size_t i = 0; i < k; i++) {
        double e = y[i] - o->b0 - o->b1 * (x ? x[i] : 0.0), we = w[i] * e;
        rss += we * e;
        rss2 += we * we;
    }
    o->rss = rss, o->rss2 = rss2;
    return 0;
}

/* The fit at tau2 (weights 1/(v + tau2) into w). */
static int wls_at(wls *o, const double *y, const double *v, const double *x, double *w, size_t k, double tau2)
{
    for (size_t i = 0; i < k; i++)
        w[i] = 1.0 / (v[i] + tau2);
    return wls_fit(o, y, x, w, k);
}

/* Hedges' estimator: ordinary least squares, (RSS - tr(P V)) / (k - p),
 * with tr(P V) = sum v - tr((X'X)^-1 X'VX); not truncated here. */
static double tau2_he(const double *y, const double *v, const double *x, double *w, size_t k, size_t p)
{
    for (size_t i = 0; i < k; i++)
        w[i] = 1.0;
    wls o;
    (void)wls_fit(&o, y, x, w, k); /* singular X was refused before */
    double sv = 0, svx = 0, svx2 = 0;
    for (size_t i = 0; i < k; i++) {
        double xi = x ? x[i] : 0.0;
        sv += v[i], svx += v[i] * xi, svx2 += v[i] * xi * xi;
    }
    double trmv = o.m00 * sv + 2.0 * o.m01 * svx + o.m11 * svx2;
    return (o.rss - (sv - trmv)) / ((double)k - (double)p);
}

/* One Fisher-scoring step at tau2 (metafor rma.uni). */
static double reg_scoring_step(const double *y, const double *v, const double *x, double *w, size_t k, size_t p,
                           double tau2, srw_tau2_method m)
{
    wls o;
    if (wls_at(&o, y, v, x, w, k, tau2) != 0)
        return NAN;
    double kd = (double)k;
    switch (m) {
    case SRW_TAU2_ML:
        return (o.rss2 - o.sw) / o.sw2;
    case SRW_TAU2_REML:
        return (o.rss2 - o.trP) / o.trPP;
    default: /* EB */
        return (o.rss * kd / (kd - (double)p) - kd) / o.sw;
    }
}

/* ll(0) - ll(tau2) of ML or REML (without constants). */
static double loglik_drop(const double *y, const double *v, const double *x, double *w, size_t k, double tau2,
                          srw_tau2_method m)
{
    wls z, t;
    if (wls_at(&z, y, v, x, w, k, 0.0) != 0 || wls_at(&t, y, v, x, w, k, tau2) != 0)
        return 0.0;
    double logdet = 0.0;
    for (size_t i = 0; i < k; i++)
        logdet += log1p(tau2 / v[i]);
    double drop = 0.5 * (logdet + t.rss - z.rss);
    /* log det X'W_t X - log det X'W_0 X enters REML's likelihood. */
    return m == SRW_TAU2_REML ? drop + 0.5 * (t.logdet - z.logdet) : drop;
}

/* Paule-Mandel: the root of y'Py(tau2) = target, y'Py decreasing, by
 * Newton on 1/Q safeguarded by bisection (as tau2.c's q_root: the slope is
 * -y'PPy by the envelope theorem).  0 converged, -1 not. */
static int pm_root(double *root, const double *y, const double *v, const double *x, double *w, size_t k,
                   double target, int max_iter, double tol)
{
    wls o;
    double lo = 0.0, hi = 100.0;
    while (wls_at(&o, y, v, x, w, k, hi) == 0 && o.rss > target && hi < 1e12)
        hi *= 10.0;
    if (o.rss > target)
        return -1;
    double t = 0.0;
    for (int it = 0; it < max_iter; it++) {
        if (wls_at(&o, y, v, x, w, k, t) != 0)
            return -1;
        if (o.rss > target)
            lo = t;
        else if (o.rss < target)
            hi = t;
        else
            break;
        double next = t + (o.rss - target) * o.rss / (target * o.rss2);
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        int done = fabs(next - t) <= tol * fmax(next, tol);
        t = next;
        if (done) {
            *root = t;
            return 0;
        }
    }
    *root = t;
    return fabs(hi - lo) <= tol * fmax(t, tol) ? 0 : -1;
}

static double tau2_of(int *converged, const double *y, const double *v, const double *x, double *w, size_t k,
                      size_t p, const srw_pool_options *o)
{
    double kp = (double)k - (double)p;
    wls z;
    *converged = 1;
    if (o->model != SRW_MODEL_RANDOM)
        return 0.0;
    switch (o->tau2) {
    case SRW_TAU2_DL:
        (void)wls_at(&z, y, v, x, w, k, 0.0);
        return fmax(0.0, (z.rss - kp) / z.trP);
    case SRW_TAU2_HE:
        return fmax(0.0, tau2_he(y, v, x, w, k, p));
    case SRW_TAU2_SJ: {
        double ybar = 0.0, t0 = 0.0;
        for (size_t i = 0; i < k; i++)
            ybar += y[i];
        ybar /= (double)k;
        for (size_t i = 0; i < k; i++)
            t0 += (y[i] - ybar) * (y[i] - ybar);
        t0 /= (double)k;
        (void)wls_at(&z, y, v, x, w, k, t0);
        return fmax(0.0, t0 * z.rss / kp);
    }
    case SRW_TAU2_PM: {
        (void)wls_at(&z, y, v, x, w, k, 0.0);
        if (z.rss < kp)
            return 0.0;
        double t = 0.0;
        *converged = pm_root(&t, y, v, x, w, k, kp, o->max_iter, o->tol) == 0;
        return fmax(0.0, t);
    }
    default:
        break;
    }
    /* ML, REML, EB: tau2.c's scoring, with the predictor. */
    double t = fmax(0.0, tau2_he(y, v, x, w, k, p));
    int it = 0;
    *converged = 0;
    while (it < o->max_iter) {
        it++;
        double adj = reg_scoring_step(y, v, x, w, k, p, t, o->tau2);
        if (!isfinite(adj))
            adj = 0.0;
        if (t + adj < 0.0) {
            double adj0 = t > 0.0 ? reg_scoring_step(y, v, x, w, k, p, 0.0, o->tau2) : adj;
            if (!(adj0 > 0.0)) {
                t = 0.0;
                *converged = 1;
                break;
            }
            while (t + adj < 0.0)
                adj /= 2.0;
        }
        double old = t;
        t += adj;
        if (fabs(t - old) <= o->tol * fmax(t, o->tol)) {
            *converged = 1;
            break;
        }
    }
    t = fmax(0.0, t);
    if (*converged && t > 0.0 && (o->tau2 == SRW_TAU2_ML || o->tau2 == SRW_TAU2_REML) &&
        loglik_drop(y, v, x, w, k, t, o->tau2) > 0.0)
        t = 0.0;
    return t;
}

static void not_fitted(srw_core__regfit *out, int why, const char *note)
{
    out->fitted = 0;
    out->why = why;
    out->note = note;
}

void srw_core__regfit_run(srw_core__regfit *out, const double *y, const double *v, const double *x, size_t k,
                          const srw_pool_options *o, double *w)
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
        return;
    }
    wls f;
    if (wls_at(&f, y, v, x, w, k, 0.0) != 0) {
        not_fitted(out, SRW_REGFIT_CONSTANT, "the predictor takes the same value in every study");
        return;
    }
    double kp = (double)k - (double)p;
    out->QE = f.rss;
    out->QE_df = kp;
    out->QE_pvalue = gsl_cdf_chisq_Q(f.rss, kp);
    out->tau2 = tau2_of(&out->converged, y, v, x, w, k, p, o);
    (void)wls_at(&f, y, v, x, w, k, out->tau2);
    out->b[0] = f.b0, out->b[1] = f.b1;
    double s2w = 1.0;
    int t = o->ci == SRW_CI_HKSJ;
    if (t) {
        /* metafor: a residual sum of squares at rounding level is 0. */
        s2w = f.rss <= DBL_EPSILON ? 0.0 : f.rss / kp;
        out->df = kp;
    }
    out->s2w = s2w;
    double crit = t ? gsl_cdf_tdist_Pinv(0.5 + o->level / 200.0, kp) : gsl_cdf_ugaussian_Pinv(0.5 + o->level / 200.0);
    double var[2] = {s2w * f.m00, s2w * f.m11};
    for (size_t j = 0; j < p; j++) {
        out->se[j] = sqrt(var[j]);
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
        return;
    }
    out->fitted = 1;
}
