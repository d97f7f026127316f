/* Between-study variance estimators and the Q-profile CI for tau^2.
 *
 * Sources:
 *   DerSimonian & Laird (1986); RevMan 5 statistical algorithms (Deeks &
 *   Higgins 2010) for DL with Q centred on the MH estimate.
 *   Viechtbauer W (2005), Bias and efficiency of meta-analytic variance
 *   estimators in the random-effects model, JEBS 30:261-293 (HE, ML, REML,
 *   EB, Fisher scoring).
 *   Paule & Mandel (1982); Sidik & Jonkman (2005).
 *   Viechtbauer W (2007), Confidence intervals for the amount of
 *   heterogeneity in meta-analysis, Stat Med 26:37-52 (Q-profile).
 *   metafor 3.8 rma.uni / confint.rma.uni: same starting values (HE for the
 *   Fisher-scoring estimators), step halving at the 0 boundary, truncation
 *   at 0 and the conventions for a CI at the boundary.
 *
 * For the intercept-only model, with w = 1/(v + tau2), mu = sum(w y)/sum(w)
 * and r = y - mu:  y'Py = sum(w r^2), y'PPy = sum((w r)^2),
 * tr(P) = sum(w) - sum(w^2)/sum(w),
 * tr(PP) = sum(w^2) - 2 sum(w^3)/sum(w) + (sum(w^2)/sum(w))^2.
 */
#include "pool_internal.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

double srw_pool__genq(const double *y, const double *v, size_t k, double tau2,
                      double *mu_out, double *sumw_out)
{
    double sw = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / (v[i] + tau2);
        sw += w;
        swy += w * y[i];
    }
    double mu = swy / sw, q = 0.0;
    for (size_t i = 0; i < k; i++) {
        double r = y[i] - mu;
        q += r * r / (v[i] + tau2);
    }
    if (mu_out != NULL)
        *mu_out = mu;
    if (sumw_out != NULL)
        *sumw_out = sw;
    return q;
}

/* Hedges (HE) / method of moments on unweighted residuals:
 * (sum (y - ybar)^2 - (k-1)/k sum v) / (k - 1), not truncated. */
static double tau2_he(const double *y, const double *v, size_t k)
{
    double ybar = 0.0, sv = 0.0, rss = 0.0;
    for (size_t i = 0; i < k; i++)
        ybar += y[i], sv += v[i];
    ybar /= (double)k;
    for (size_t i = 0; i < k; i++)
        rss += (y[i] - ybar) * (y[i] - ybar);
    return (rss - sv * ((double)k - 1.0) / (double)k) / ((double)k - 1.0);
}

/* One Fisher-scoring step of ML, REML or EB at tau2 (metafor rma.uni). */
static double scoring_step(const double *y, const double *v, size_t k,
                           double tau2, srw_tau2_method m)
{
    double mu;
    (void)srw_pool__genq(y, v, k, tau2, &mu, NULL);
    double sw1 = 0.0, sw2 = 0.0, sw3 = 0.0, rpy = 0.0, rppy = 0.0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / (v[i] + tau2), r = y[i] - mu;
        sw1 += w, sw2 += w * w, sw3 += w * w * w;
        rpy += w * r * r;
        rppy += w * w * r * r;
    }
    double kd = (double)k;
    switch (m) {
    case SRW_TAU2_ML:
        return (rppy - sw1) / sw2;
    case SRW_TAU2_REML: {
        double trp = sw1 - sw2 / sw1;
        double trpp = sw2 - 2.0 * sw3 / sw1 + (sw2 / sw1) * (sw2 / sw1);
        return (rppy - trp) / trpp;
    }
    default: /* EB (Morris 1983) */
        return (rpy * kd / (kd - 1.0) - kd) / sw1;
    }
}

/* Log-likelihood of the random-effects model without its constant
 * (Viechtbauer 2005): ML -1/2 [sum log(v + tau2) + Q(tau2)], REML adds
 * -1/2 log sum w. */
static double loglik(const double *y, const double *v, size_t k, double tau2,
                     srw_tau2_method m)
{
    double sw, slog = 0.0;
    double q = srw_pool__genq(y, v, k, tau2, NULL, &sw);
    for (size_t i = 0; i < k; i++)
        slog += log(v[i] + tau2);
    double ll = -0.5 * (slog + q);
    return m == SRW_TAU2_REML ? ll - 0.5 * log(sw) : ll;
}

typedef struct qroot {
    const double *y, *v;
    size_t k;
    double target;
} qroot;

static double q_minus_target(double tau2, void *p)
{
    const qroot *q = p;
    return srw_pool__genq(q->y, q->v, q->k, tau2, NULL, NULL) - q->target;
}

/* Root of Q(tau2) = target on [lo, hi] by Brent's method; Q decreases in
 * tau2, and the caller has checked the sign change. */
static int brent(double *root, int *iterations, const qroot *q, double lo,
                 double hi, int max_iter, double tol)
{
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return SRW_ENOMEM;
    gsl_function f = {q_minus_target, (void *)q};
    int status = gsl_root_fsolver_set(s, &f, lo, hi);
    int it = 0, done = 0;
    while (status == GSL_SUCCESS && !done && it < max_iter) {
        it++;
        status = gsl_root_fsolver_iterate(s);
        if (status != GSL_SUCCESS)
            break;
        /* Relative tolerance: tau^2 has the squared units of the data. */
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                        gsl_root_fsolver_x_upper(s), tol * tol, tol);
        done = (status == GSL_SUCCESS);
        if (status == GSL_CONTINUE)
            status = GSL_SUCCESS;
    }
    *root = gsl_root_fsolver_root(s);
    if (status == GSL_SUCCESS && !done)
        status = GSL_EMAXITER;
    gsl_root_fsolver_free(s);
    if (iterations != NULL)
        *iterations = it;
    return status == GSL_SUCCESS ? 0 : SRW_ENUMERIC;
}

int srw_pool__tau2(double *tau2, int *iterations, int *converged,
                   const double *y, const double *v, size_t k, double q_dl,
                   srw_tau2_method m, int max_iter, double tol)
{
    *iterations = 0;
    *converged = 1;
    *tau2 = 0.0;
    if (k < 2)
        return 0;
    double kd = (double)k, sw = 0.0, sw2 = 0.0;
    for (size_t i = 0; i < k; i++)
        sw += 1.0 / v[i], sw2 += 1.0 / (v[i] * v[i]);

    switch (m) {
    case SRW_TAU2_DL:
        /* tau2 = (Q - (k-1)) / (sum w - sum w^2 / sum w), truncated at 0. */
        *tau2 = fmax(0.0, (q_dl - (kd - 1.0)) / (sw - sw2 / sw));
        return 0;
    case SRW_TAU2_HE:
        *tau2 = fmax(0.0, tau2_he(y, v, k));
        return 0;
    case SRW_TAU2_SJ: {
        /* Sidik-Jonkman: tau0 = sum (y - ybar)^2 / k,
         * tau2 = tau0 Q(tau0) / (k - 1). */
        double ybar = 0.0, t0 = 0.0;
        for (size_t i = 0; i < k; i++)
            ybar += y[i];
        ybar /= kd;
        for (size_t i = 0; i < k; i++)
            t0 += (y[i] - ybar) * (y[i] - ybar);
        t0 /= kd;
        *tau2 = fmax(0.0, t0 * srw_pool__genq(y, v, k, t0, NULL, NULL) / (kd - 1.0));
        return 0;
    }
    case SRW_TAU2_PM: {
        /* Paule-Mandel: the tau2 where the generalised Q equals k - 1;
         * 0 when Q(0) < k - 1 (metafor rma.uni). */
        qroot q = {y, v, k, kd - 1.0};
        if (q_minus_target(0.0, &q) < 0.0)
            return 0;
        double hi = 100.0;
        while (q_minus_target(hi, &q) > 0.0 && hi < 1e12)
            hi *= 10.0;
        int rc = brent(tau2, iterations, &q, 0.0, hi, max_iter, tol);
        if (rc == SRW_ENOMEM)
            return rc;
        if (rc != 0)
            *converged = 0;
        *tau2 = fmax(0.0, *tau2);
        return 0;
    }
    default:
        break;
    }

    /* ML, REML, EB: Fisher scoring from the (truncated) HE estimate, each
     * step halved until tau2 stays >= 0 (metafor rma.uni).  Two departures
     * that make the result the exact maximiser rather than metafor's
     * stopping point: when a step would cross 0 and the score at 0 points
     * below 0, the maximum is the boundary and tau2 = 0 exactly (metafor
     * creeps towards 0 by halving); and convergence is judged relative to
     * tau2 (|change| <= tol max(tau2, tol)), since near 0 Fisher scoring
     * converges only linearly. */
    double t = fmax(0.0, tau2_he(y, v, k));
    int it = 0;
    *converged = 0;
    while (it < max_iter) {
        it++;
        double adj = scoring_step(y, v, k, t, m);
        if (!isfinite(adj))
            adj = 0.0;
        if (t + adj < 0.0) {
            double adj0 = t > 0.0 ? scoring_step(y, v, k, 0.0, m) : adj;
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
        if (fabs(t - old) <= tol * fmax(t, tol)) {
            *converged = 1;
            break;
        }
    }
    *iterations = it;
    t = fmax(0.0, t);
    /* metafor's ll0check for ML and REML: if the likelihood at tau2 = 0 is
     * higher than at the scoring result, the scoring found a local maximum
     * and tau2 = 0 is reported. */
    if (*converged && t > 0.0 && (m == SRW_TAU2_ML || m == SRW_TAU2_REML) &&
        loglik(y, v, k, 0.0, m) > loglik(y, v, k, t, m))
        t = 0.0;
    *tau2 = t;
    return 0;
}

int srw_pool__tau2_qprofile(double *lower, double *upper, const double *y,
                            const double *v, size_t k, double tau2,
                            double level, int max_iter, double tol)
{
    *lower = NAN;
    *upper = NAN;
    if (k < 2)
        return 0;
    double alpha = 1.0 - level / 100.0, df = (double)k - 1.0;
    double crit_u = gsl_cdf_chisq_Qinv(alpha / 2.0, df);
    double crit_l = gsl_cdf_chisq_Pinv(alpha / 2.0, df);
    /* metafor searches [0, max(100, 10 tau2)] and reports "> tmax" when a
     * bound lies beyond; srw widens the interval (x10) until it brackets
     * the bound, so the number reported is the bound itself. */
    double tmax = fmax(100.0, 10.0 * tau2);
    qroot q = {y, v, k, 0.0};
    double q_min = q_minus_target(0.0, &q), q_max = q_minus_target(tmax, &q);
    for (int widen = 0; q_max > crit_l && widen < 30; widen++)
        q_max = q_minus_target(tmax *= 10.0, &q);
    int rc = 0, r;

    /* Upper bound: Q(tau2) = lower chi-square quantile. */
    if (q_min < crit_l) {
        *lower = 0.0; /* metafor: both bounds at the boundary, "CI null" */
        *upper = 0.0;
    } else if (q_max > crit_l) {
        *upper = tmax; /* beyond the search interval (metafor: "> tmax") */
    } else {
        q.target = crit_l;
        r = brent(upper, NULL, &q, 0.0, tmax, max_iter, tol);
        if (r != 0)
            rc = r;
    }
    /* Lower bound: Q(tau2) = upper chi-square quantile. */
    if (q_max > crit_u) {
        *lower = tmax;
        *upper = tmax;
    } else if (q_min < crit_u) {
        *lower = 0.0;
    } else {
        q.target = crit_u;
        r = brent(lower, NULL, &q, 0.0, tmax, max_iter, tol);
        if (r != 0)
            rc = r;
    }
    return rc;
}
