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
 *   at 0 and the conventions for a CI at the boundary.  The roots of the
 *   generalised Q (PM, Q-profile) by safeguarded Newton (q_root) rather
 *   than metafor's uniroot: same roots, to the same relative tolerance.
 *
 * For the intercept-only model, with w = 1/(v + tau2), mu = sum(w y)/sum(w)
 * and r = y - mu:  y'Py = sum(w r^2), y'PPy = sum((w r)^2),
 * tr(P) = sum(w) - sum(w^2)/sum(w),
 * tr(PP) = sum(w^2) - 2 sum(w^3)/sum(w) + (sum(w^2)/sum(w))^2.
 */
#include "pool_internal.h"

#include <math.h>

#include "core/inline.h"

double srw_pool__genq(const double *y, const double *v, size_t k, double tau2,
                      double *mu_out, double *sumw_out, double *sumwy_out)
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
    if (sumwy_out != NULL)
        *sumwy_out = swy;
    return q;
}

/* Q(tau2) as srw_pool__genq, and its slope: dQ/dtau2 = -sum w_i^2 r_i^2
 * (the term through mu vanishes because mu minimises Q), returned as
 * *neg_slope = sum w_i^2 r_i^2 >= 0.  w: scratch for the k weights, so that
 * the second pass need not divide again. */
SRW_CORE_INLINE double genq_slope(const double *y, const double *v, double *w, size_t k, double tau2,
                                  double *neg_slope)
{
    double sw = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++) {
        w[i] = 1.0 / (v[i] + tau2);
        sw += w[i];
        swy += w[i] * y[i];
    }
    double mu = swy / sw, q = 0.0, d = 0.0;
    for (size_t i = 0; i < k; i++) {
        double wr2 = w[i] * (y[i] - mu) * (y[i] - mu);
        q += wr2;
        d += w[i] * wr2;
    }
    *neg_slope = d;
    return q;
}

/* Hedges (HE) / method of moments on unweighted residuals:
 * (sum (y - ybar)^2 - (k-1)/k sum v) / (k - 1), not truncated.  tr (may be
 * NULL) receives ybar, the residual sum of squares and sum v. */
SRW_CORE_INLINE double tau2_he(const double *y, const double *v, size_t k, srw_trace_tau2 *tr)
{
    double ybar = 0.0, sv = 0.0, rss = 0.0;
    for (size_t i = 0; i < k; i++)
        ybar += y[i], sv += v[i];
    ybar /= (double)k;
    for (size_t i = 0; i < k; i++)
        rss += (y[i] - ybar) * (y[i] - ybar);
    if (tr != NULL)
        tr->ybar = ybar, tr->rss = rss, tr->sum_v = sv;
    return (rss - sv * ((double)k - 1.0) / (double)k) / ((double)k - 1.0);
}

/* One Fisher-scoring step of ML, REML or EB at tau2 (metafor rma.uni).
 * Two passes: the weight sums (which give mu), then the residual sums; w is
 * scratch for the k weights, so that the second pass need not divide.  The
 * step is score / information; parts (may be NULL) receives both. */
SRW_CORE_INLINE double scoring_step(const double *y, const double *v, double *w, size_t k, double tau2,
                                    srw_tau2_method m, double parts[2])
{
    double sw1 = 0.0, sw2 = 0.0, sw3 = 0.0, swy = 0.0, rpy = 0.0, rppy = 0.0;
    for (size_t i = 0; i < k; i++) {
        double wi = w[i] = 1.0 / (v[i] + tau2);
        sw1 += wi, sw2 += wi * wi, sw3 += wi * wi * wi;
        swy += wi * y[i];
    }
    double mu = swy / sw1;
    for (size_t i = 0; i < k; i++) {
        double r = y[i] - mu;
        rpy += w[i] * r * r;
        rppy += w[i] * w[i] * r * r;
    }
    double kd = (double)k, score, info;
    switch (m) {
    case SRW_TAU2_ML:
        score = rppy - sw1, info = sw2;
        break;
    case SRW_TAU2_REML: {
        double trp = sw1 - sw2 / sw1;
        double trpp = sw2 - 2.0 * sw3 / sw1 + (sw2 / sw1) * (sw2 / sw1);
        score = rppy - trp, info = trpp;
        break;
    }
    default: /* EB (Morris 1983) */
        score = rpy * kd / (kd - 1.0) - kd, info = sw1;
        break;
    }
    if (parts != NULL)
        parts[0] = score, parts[1] = info;
    return score / info;
}

/* ll(0) - ll(tau2) for ML or REML: the log-likelihood without its constant
 * is (Viechtbauer 2005) ML -1/2 [sum log(v + tau2) + Q(tau2)], REML adds
 * -1/2 log sum w.  The log-determinant difference
 * sum log(v + tau2) - sum log v = log prod (1 + tau2 / v) is taken as one
 * log of a product that frexp keeps in range (mantissa in [0.5, 1), the
 * exponents summed), rather than as 2k logs. */
static double loglik_drop(const double *y, const double *v, size_t k,
                          double tau2, srw_tau2_method m)
{
    double sw0, swt;
    double q0 = srw_pool__genq(y, v, k, 0.0, NULL, &sw0, NULL);
    double qt = srw_pool__genq(y, v, k, tau2, NULL, &swt, NULL);
    double prod = 1.0;
    int exp2 = 0;
    for (size_t i = 0; i < k; i++) {
        int e;
        prod = frexp(prod * (1.0 + tau2 / v[i]), &e);
        exp2 += e;
    }
    double logdet = log(prod) + (double)exp2 * 0.69314718055994530942; /* ln 2 */
    double drop = 0.5 * (logdet + qt - q0);
    return m == SRW_TAU2_REML ? drop + 0.5 * log(swt / sw0) : drop;
}

/* The tau2 in [lo, hi] where Q(tau2) = target, given Q(lo) >= target >
 * Q(hi) (Q decreases in tau2).  Newton's method on 1/Q(tau2) - 1/target,
 * safeguarded by bisection: each evaluated point narrows the bracket, and a
 * step that would leave it bisects instead.  1/Q rather than Q because Q
 * falls off like 1/(v + tau2) (with equal v_i, 1/Q is exactly linear in
 * tau2): Newton on Q itself, convex and decreasing, approaches a distant
 * root from the left only by doubling v + tau2 per step.  The step is
 * dtau2 = (Q - target) Q / (target S) with S = -dQ/dtau2.  Stops when a step
 * is within tol relative to tau2 (tol^2 absolute near 0, as the Brent search
 * it replaces); after max_iter steps returns SRW_ENUMERIC with *root the
 * last point.  Each step goes into trace (may be NULL). */
SRW_CORE_INLINE int q_root(double *root, int *iterations, const double *y, const double *v, double *w, size_t k,
                           double target, double lo, double hi, int max_iter, double tol, srw_trace_iters *trace)
{
    double t = lo;
    int it = 0, rc = SRW_ENUMERIC;
    for (;;) {
        double s, q = genq_slope(y, v, w, k, t, &s);
        if (q > target) {
            lo = t;
        } else if (q < target) {
            hi = t;
        } else {
            rc = 0;
            break;
        }
        if (it >= max_iter)
            break;
        it++;
        double newton = (q - target) * q / (target * s);
        double next = t + newton;
        int bisect = !(next > lo && next < hi); /* also catches s = 0 (NaN / inf) */
        if (bisect)
            next = 0.5 * (lo + hi);
        if (trace != NULL) {
            srw_trace_iter x = {it, t, q - target, s, newton, bisect, next, next - t};
            srw_trace__iter_add(trace, &x);
        }
        int done = fabs(next - t) <= tol * fmax(next, tol);
        t = next;
        if (done) {
            rc = 0;
            break;
        }
    }
    *root = t;
    if (iterations != NULL)
        *iterations = it;
    return rc;
}

/* srw_pool__tau2's one implementation, inlined into its untraced and its
 * traced call (core/inline.h). */
SRW_CORE_INLINE void tau2_run(double *tau2, int *iterations, int *converged, const double *y, const double *v,
                              double *w, size_t k, double q_dl, srw_tau2_method m, int max_iter, double tol,
                              srw_trace_tau2 *tr)
{
    *iterations = 0;
    *converged = 1;
    *tau2 = 0.0;
    if (k < 2)
        return;
    double kd = (double)k;
    if (tr != NULL)
        tr->computed = 1, tr->method = m;
    switch (m) {
    case SRW_TAU2_DL: {
        /* tau2 = (Q - (k-1)) / (sum w - sum w^2 / sum w), truncated at 0. */
        double sw = 0.0, sw2 = 0.0;
        for (size_t i = 0; i < k; i++)
            sw += 1.0 / v[i], sw2 += 1.0 / (v[i] * v[i]);
        double c = sw - sw2 / sw, raw = (q_dl - (kd - 1.0)) / c;
        if (tr != NULL)
            tr->dl_sw = sw, tr->dl_sw2 = sw2, tr->dl_c = c, tr->raw = raw;
        *tau2 = fmax(0.0, raw);
        return;
    }
    case SRW_TAU2_HE: {
        double raw = tau2_he(y, v, k, tr);
        if (tr != NULL)
            tr->raw = raw;
        *tau2 = fmax(0.0, raw);
        return;
    }
    case SRW_TAU2_SJ: {
        /* Sidik-Jonkman: tau0 = sum (y - ybar)^2 / k,
         * tau2 = tau0 Q(tau0) / (k - 1). */
        double ybar = 0.0, t0 = 0.0;
        for (size_t i = 0; i < k; i++)
            ybar += y[i];
        ybar /= kd;
        for (size_t i = 0; i < k; i++)
            t0 += (y[i] - ybar) * (y[i] - ybar);
        double rss = t0;
        t0 /= kd;
        double q0 = srw_pool__genq(y, v, k, t0, NULL, NULL, NULL), raw = t0 * q0 / (kd - 1.0);
        if (tr != NULL)
            tr->ybar = ybar, tr->rss = rss, tr->sj_t0 = t0, tr->sj_q = q0, tr->raw = raw;
        *tau2 = fmax(0.0, raw);
        return;
    }
    case SRW_TAU2_PM: {
        /* Paule-Mandel: the tau2 where the generalised Q equals k - 1;
         * 0 when Q(0) < k - 1 (metafor rma.uni). */
        double target = kd - 1.0, q0 = srw_pool__genq(y, v, k, 0.0, NULL, NULL, NULL);
        if (tr != NULL)
            tr->q0 = q0, tr->target = target;
        if (q0 < target)
            return;
        double hi = 100.0, q_hi;
        while ((q_hi = srw_pool__genq(y, v, k, hi, NULL, NULL, NULL)) > target && hi < 1e12)
            hi *= 10.0;
        if (tr != NULL)
            tr->bracket_hi = hi;
        if (q_hi > target) {
            *converged = 0; /* no sign change even at 1e12 */
            *tau2 = hi;
            return;
        }
        if (q_root(tau2, iterations, y, v, w, k, target, 0.0, hi, max_iter, tol, tr ? &tr->iters : NULL) != 0)
            *converged = 0;
        *tau2 = fmax(0.0, *tau2);
        return;
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
    double he = tau2_he(y, v, k, tr);
    double t = fmax(0.0, he);
    if (tr != NULL)
        tr->start_raw = he;
    int it = 0;
    *converged = 0;
    while (it < max_iter) {
        it++;
        double parts[2] = {NAN, NAN};
        double adj = scoring_step(y, v, w, k, t, m, tr ? parts : NULL);
        srw_trace_iter x = {it, t, parts[0], parts[1], adj, 0, NAN, NAN};
        if (!isfinite(adj))
            adj = 0.0;
        if (t + adj < 0.0) {
            double adj0 = t > 0.0 ? scoring_step(y, v, w, k, 0.0, m, NULL) : adj;
            if (!(adj0 > 0.0)) {
                if (tr != NULL) {
                    tr->boundary = 1;
                    x.next = 0.0, x.change = -t;
                    srw_trace__iter_add(&tr->iters, &x);
                }
                t = 0.0;
                *converged = 1;
                break;
            }
            while (t + adj < 0.0)
                adj /= 2.0, x.halvings++;
        }
        double old = t;
        t += adj;
        if (tr != NULL) {
            x.next = t, x.change = t - old;
            srw_trace__iter_add(&tr->iters, &x);
        }
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
    if (*converged && t > 0.0 && (m == SRW_TAU2_ML || m == SRW_TAU2_REML)) {
        double drop = loglik_drop(y, v, k, t, m);
        if (tr != NULL)
            tr->ll_drop = drop, tr->ll0 = drop > 0.0;
        if (drop > 0.0)
            t = 0.0;
    }
    *tau2 = t;
}

void srw_pool__tau2(double *tau2, int *iterations, int *converged,
                    const double *y, const double *v, double *w, size_t k,
                    double q_dl, srw_tau2_method m, int max_iter, double tol,
                    srw_trace_tau2 *tr)
{
    if (tr != NULL)
        tau2_run(tau2, iterations, converged, y, v, w, k, q_dl, m, max_iter, tol, tr);
    else
        tau2_run(tau2, iterations, converged, y, v, w, k, q_dl, m, max_iter, tol, NULL);
}

SRW_CORE_INLINE int qprofile_run(double *lower, double *upper, const double *y, const double *v, double *w,
                                 size_t k, double tau2, double level, int max_iter, double tol,
                                 srw_trace_qprofile *tr)
{
    *lower = NAN;
    *upper = NAN;
    if (k < 2)
        return 0;
    double crit_l, crit_u;
    srw_pool__chisq_crit(&crit_l, &crit_u, level, (double)k - 1.0);
    /* metafor searches [0, max(100, 10 tau2)] and reports "> tmax" when a
     * bound lies beyond; srw widens the interval (x10) until it brackets
     * the bound, so the number reported is the bound itself. */
    double tmax = fmax(100.0, 10.0 * tau2);
    double q_min = srw_pool__genq(y, v, k, 0.0, NULL, NULL, NULL);
    double q_max = srw_pool__genq(y, v, k, tmax, NULL, NULL, NULL);
    for (int widen = 0; q_max > crit_l && widen < 30; widen++)
        q_max = srw_pool__genq(y, v, k, tmax *= 10.0, NULL, NULL, NULL);
    int rc = 0, r;
    srw_trace_bound lo_how = SRW_TRACE_BOUND_ROOT, up_how = SRW_TRACE_BOUND_ROOT;

    /* Lower bound: Q(tau2) = upper chi-square quantile. */
    double from = 0.0; /* where the search for the upper bound starts */
    if (q_max > crit_u) {
        *lower = tmax;
        lo_how = SRW_TRACE_BOUND_MAX;
    } else if (q_min < crit_u) {
        *lower = 0.0;
        lo_how = SRW_TRACE_BOUND_ZERO;
    } else {
        r = q_root(lower, NULL, y, v, w, k, crit_u, 0.0, tmax, max_iter, tol, tr ? &tr->lower_iters : NULL);
        if (r != 0)
            rc = r;
        else
            from = *lower; /* Q(lower) = crit_u > crit_l: left of the root */
    }
    /* Upper bound: Q(tau2) = lower chi-square quantile. */
    if (q_max > crit_u) {
        *upper = tmax;
        up_how = SRW_TRACE_BOUND_MAX;
    } else if (q_min < crit_l) {
        *lower = 0.0; /* metafor: both bounds at the boundary, "CI null" */
        *upper = 0.0;
        lo_how = up_how = SRW_TRACE_BOUND_ZERO;
    } else if (q_max > crit_l) {
        *upper = tmax; /* beyond the search interval (metafor: "> tmax") */
        up_how = SRW_TRACE_BOUND_MAX;
    } else {
        r = q_root(upper, NULL, y, v, w, k, crit_l, from, tmax, max_iter, tol, tr ? &tr->upper_iters : NULL);
        if (r != 0)
            rc = r;
    }
    if (tr != NULL) {
        tr->computed = 1;
        tr->crit_lower = crit_l, tr->crit_upper = crit_u;
        tr->q0 = q_min, tr->tmax = tmax, tr->qmax = q_max;
        tr->lower_how = lo_how, tr->upper_how = up_how;
    }
    return rc;
}

int srw_pool__tau2_qprofile(double *lower, double *upper, const double *y,
                            const double *v, double *w, size_t k, double tau2,
                            double level, int max_iter, double tol,
                            srw_trace_qprofile *tr)
{
    return tr != NULL ? qprofile_run(lower, upper, y, v, w, k, tau2, level, max_iter, tol, tr)
                      : qprofile_run(lower, upper, y, v, w, k, tau2, level, max_iter, tol, NULL);
}
