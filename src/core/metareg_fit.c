/* Weighted least squares over a moderator design and the residual tau^2
 * estimators of the mixed-effects meta-regression model.
 *
 * Sources:
 *   Viechtbauer W (2005), JEBS 30:261-293, and metafor 3.8 rma.uni (its
 *   code is the reference the tests hold srw to): with W = diag(1/(v +
 *   tau2)) and P = W - WX(X'WX)^-1X'W,
 *     DL   (y'Py - (k - p)) / tr(P) at tau2 = 0 (DerSimonian & Laird 1986,
 *          Raudenbush 2009 for the regression form);
 *     HE   (y'P0y - tr(P0 V)) / (k - p), P0 = I - X(X'X)^-1X' (ordinary
 *          least squares);
 *     SJ   tau0 y'Py / (k - p) at tau0 = sum (y - ybar)^2 / k (Sidik &
 *          Jonkman 2005; metafor's start uses the plain mean, not the
 *          regression);
 *     PM   the tau2 where y'Py = k - p (Paule & Mandel 1982); 0 when y'Py
 *          < k - p already at 0;
 *     ML   Fisher scoring: tau2 += (y'PPy - tr(W)) / tr(WW);
 *     REML tau2 += (y'PPy - tr(P)) / tr(PP);
 *     EB   tau2 += (y'Py k / (k - p) - k) / tr(W) (Morris 1983);
 *   ML, REML and EB start from HE truncated at 0 and halve a step that
 *   would cross 0; ML and REML then check the likelihood at 0 (metafor's
 *   ll0check).  As for the intercept-only estimators (src/core/tau2.c),
 *   convergence is judged relative to tau2 and a boundary maximum is 0
 *   exactly.
 *
 * P is never formed (k x k): with A = (X'WX)^-1 and r = y - Xb,
 *   y'Py = sum w r^2,  y'PPy = sum (w r)^2,
 *   tr(P) = sum w - tr(A X'W^2X),
 *   tr(PP) = sum w^2 - 2 tr(A X'W^3X) + tr((A X'W^2X)^2),
 *   tr(P0 V) = sum v - tr((X'X)^-1 X'VX).
 */
#include "core/metareg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int srw_mr__work_init(srw_mr__work *wk, const double *X, const double *y, const double *v, size_t k, size_t p)
{
    memset(wk, 0, sizeof *wk);
    wk->k = k, wk->p = p, wk->X = X, wk->y = y, wk->v = v;
    wk->w = calloc(2 * k + 3 * p * p + 3 * p + 1, sizeof(double));
    if (wk->w == NULL)
        return -1;
    wk->r = wk->w + k;
    wk->A = wk->r + k;
    wk->M = wk->A + p * p;
    wk->N = wk->M + p * p;
    wk->b = wk->N + p * p;
    wk->t = wk->b + p;
    wk->u = wk->t + p;
    return 0;
}

void srw_mr__work_dispose(srw_mr__work *wk)
{
    free(wk->w);
    memset(wk, 0, sizeof *wk);
}

/* M (p x p, symmetric positive definite) inverted in place by its
 * Cholesky factor; *logdet gets log det M.  -1 when M is not positive
 * definite (a pivot that is not positive or a vanishing one relative to
 * its diagonal entry). */
static int spd_invert(double *M, double *L, double *t, size_t p, double *logdet)
{
    double ld = 0.0;
    memset(L, 0, p * p * sizeof *L);
    for (size_t j = 0; j < p; j++) {
        double d = M[j * p + j];
        for (size_t c = 0; c < j; c++)
            d -= L[j * p + c] * L[j * p + c];
        if (!(d > 1e-13 * M[j * p + j]) || !(d > 0.0))
            return -1;
        double ljj = sqrt(d);
        L[j * p + j] = ljj;
        ld += 2.0 * log(ljj);
        for (size_t i = j + 1; i < p; i++) {
            double s = M[i * p + j];
            for (size_t c = 0; c < j; c++)
                s -= L[i * p + c] * L[j * p + c];
            L[i * p + j] = s / ljj;
        }
    }
    /* M is read no more: solve L L' x = e_j column by column into it. */
    for (size_t j = 0; j < p; j++) {
        double *x = M; /* column j of the inverse goes to M[., j] after the solves */
        for (size_t i = 0; i < p; i++) { /* L t = e_j */
            double s = i == j ? 1.0 : 0.0;
            for (size_t c = 0; c < i; c++)
                s -= L[i * p + c] * t[c];
            t[i] = s / L[i * p + i];
        }
        for (size_t ii = p; ii-- > 0;) { /* L' x = t */
            double s = t[ii];
            for (size_t c = ii + 1; c < p; c++)
                s -= L[c * p + ii] * x[c * p + j];
            x[ii * p + j] = s / L[ii * p + ii];
        }
    }
    if (logdet != NULL)
        *logdet = ld;
    return 0;
}

/* out = X' diag(d) X (p x p). */
static void cross(double *out, const srw_mr__work *wk, const double *d, int power)
{
    size_t k = wk->k, p = wk->p;
    memset(out, 0, p * p * sizeof *out);
    for (size_t i = 0; i < k; i++) {
        double di = power == 0 ? 1.0 : power == 1 ? d[i] : power == 2 ? d[i] * d[i] : d[i] * d[i] * d[i];
        const double *xi = wk->X + i * p;
        for (size_t a = 0; a < p; a++)
            for (size_t c = 0; c <= a; c++)
                out[a * p + c] += di * xi[a] * xi[c];
    }
    for (size_t a = 0; a < p; a++)
        for (size_t c = a + 1; c < p; c++)
            out[a * p + c] = out[c * p + a];
}

/* tr(A B) for p x p A and symmetric B. */
static double trace_prod(const double *A, const double *B, size_t p)
{
    double t = 0.0;
    for (size_t i = 0; i < p * p; i++)
        t += A[i] * B[i];
    return t;
}

double srw_mr__wls(srw_mr__work *wk, double tau2, double *logdet)
{
    size_t k = wk->k, p = wk->p;
    for (size_t i = 0; i < k; i++)
        wk->w[i] = tau2 < 0.0 ? 1.0 : 1.0 / (wk->v[i] + tau2);
    cross(wk->A, wk, wk->w, 1);
    if (spd_invert(wk->A, wk->M, wk->t, p, logdet) != 0)
        return NAN;
    /* b = A X'Wy */
    double *xwy = wk->u;
    memset(xwy, 0, p * sizeof *xwy);
    for (size_t i = 0; i < k; i++)
        for (size_t a = 0; a < p; a++)
            xwy[a] += wk->X[i * p + a] * wk->w[i] * wk->y[i];
    for (size_t a = 0; a < p; a++) {
        double s = 0.0;
        for (size_t c = 0; c < p; c++)
            s += wk->A[a * p + c] * xwy[c];
        wk->b[a] = s;
    }
    double q = 0.0;
    for (size_t i = 0; i < k; i++) {
        double f = 0.0;
        for (size_t a = 0; a < p; a++)
            f += wk->X[i * p + a] * wk->b[a];
        wk->r[i] = wk->y[i] - f;
        q += wk->w[i] * wk->r[i] * wk->r[i];
    }
    return q;
}

double srw_mr__trace_p(srw_mr__work *wk)
{
    double sw = 0.0;
    for (size_t i = 0; i < wk->k; i++)
        sw += wk->w[i];
    cross(wk->M, wk, wk->w, 2);
    return sw - trace_prod(wk->A, wk->M, wk->p);
}

/* tr(PP) after srw_mr__wls. */
static double trace_pp(srw_mr__work *wk)
{
    size_t p = wk->p;
    double sw2 = 0.0;
    for (size_t i = 0; i < wk->k; i++)
        sw2 += wk->w[i] * wk->w[i];
    cross(wk->M, wk, wk->w, 3);
    double t3 = trace_prod(wk->A, wk->M, p);
    cross(wk->M, wk, wk->w, 2);
    /* N = A M; tr(N N) */
    for (size_t a = 0; a < p; a++)
        for (size_t c = 0; c < p; c++) {
            double s = 0.0;
            for (size_t e = 0; e < p; e++)
                s += wk->A[a * p + e] * wk->M[e * p + c];
            wk->N[a * p + c] = s;
        }
    double t22 = 0.0;
    for (size_t a = 0; a < p; a++)
        for (size_t c = 0; c < p; c++)
            t22 += wk->N[a * p + c] * wk->N[c * p + a];
    return sw2 - 2.0 * t3 + t22;
}

/* Hedges' estimator, not truncated (the start of the scoring methods). */
static double tau2_he(srw_mr__work *wk)
{
    size_t k = wk->k, p = wk->p;
    double rss = srw_mr__wls(wk, -1.0, NULL); /* ordinary least squares: A = (X'X)^-1 */
    double sv = 0.0;
    for (size_t i = 0; i < k; i++)
        sv += wk->v[i];
    cross(wk->M, wk, wk->v, 1);
    double tr_pv = sv - trace_prod(wk->A, wk->M, p);
    return (rss - tr_pv) / ((double)k - (double)p);
}

/* One Fisher-scoring step at tau2. */
static double scoring_step(srw_mr__work *wk, double tau2, srw_tau2_method m)
{
    double kd = (double)wk->k, pd = (double)wk->p;
    double ypy = srw_mr__wls(wk, tau2, NULL);
    double sw = 0.0, sw2 = 0.0, ypp = 0.0;
    for (size_t i = 0; i < wk->k; i++) {
        double wr = wk->w[i] * wk->r[i];
        sw += wk->w[i], sw2 += wk->w[i] * wk->w[i], ypp += wr * wr;
    }
    switch (m) {
    case SRW_TAU2_ML:
        return (ypp - sw) / sw2;
    case SRW_TAU2_REML: {
        double trpp = trace_pp(wk);
        double trp = srw_mr__trace_p(wk);
        return (ypp - trp) / trpp;
    }
    default: /* EB */
        return (ypy * kd / (kd - pd) - kd) / sw;
    }
}

/* Log-likelihood (ML or REML, without constants) at tau2. */
static double loglik(srw_mr__work *wk, double tau2, srw_tau2_method m)
{
    double logdet = 0.0, slog = 0.0;
    double rss = srw_mr__wls(wk, tau2, &logdet);
    for (size_t i = 0; i < wk->k; i++)
        slog += log(wk->v[i] + tau2);
    double ll = -0.5 * slog - 0.5 * rss;
    return m == SRW_TAU2_REML ? ll - 0.5 * logdet : ll;
}

/* Paule-Mandel: the root of y'P(t)y = target, bracketed in [lo, hi] with
 * Q(lo) >= target > Q(hi); Newton on 1/Q (as src/core/tau2.c's q_root:
 * dQ/dt = -y'PPy), safeguarded by bisection. */
static int pm_root(srw_mr__work *wk, double target, double lo, double hi, int max_iter, double tol, double *root,
                   int *iterations)
{
    double t = lo;
    int it = 0, rc = -1;
    for (;;) {
        double q = srw_mr__wls(wk, t, NULL), s = 0.0;
        for (size_t i = 0; i < wk->k; i++)
            s += wk->w[i] * wk->r[i] * wk->w[i] * wk->r[i];
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
        double next = t + (q - target) * q / (target * s);
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        int done = fabs(next - t) <= tol * fmax(next, tol);
        t = next;
        if (done) {
            rc = 0;
            break;
        }
    }
    *root = t;
    *iterations = it;
    return rc;
}

void srw_mr__tau2(srw_mr__work *wk, srw_tau2_method m, int max_iter, double tol, double *tau2, int *iterations,
                  int *converged)
{
    double kd = (double)wk->k, pd = (double)wk->p;
    *iterations = 0;
    *converged = 1;
    *tau2 = 0.0;
    switch (m) {
    case SRW_TAU2_DL: {
        double q = srw_mr__wls(wk, 0.0, NULL);
        *tau2 = fmax(0.0, (q - (kd - pd)) / srw_mr__trace_p(wk));
        return;
    }
    case SRW_TAU2_HE:
        *tau2 = fmax(0.0, tau2_he(wk));
        return;
    case SRW_TAU2_SJ: {
        double ybar = 0.0, t0 = 0.0;
        for (size_t i = 0; i < wk->k; i++)
            ybar += wk->y[i];
        ybar /= kd;
        for (size_t i = 0; i < wk->k; i++)
            t0 += (wk->y[i] - ybar) * (wk->y[i] - ybar);
        t0 /= kd;
        *tau2 = fmax(0.0, t0 * srw_mr__wls(wk, t0, NULL) / (kd - pd));
        return;
    }
    case SRW_TAU2_PM: {
        double target = kd - pd;
        if (srw_mr__wls(wk, 0.0, NULL) < target)
            return;
        double hi = 100.0, q_hi;
        while ((q_hi = srw_mr__wls(wk, hi, NULL)) > target && hi < 1e12)
            hi *= 10.0;
        if (q_hi > target) {
            *converged = 0;
            *tau2 = hi;
            return;
        }
        if (pm_root(wk, target, 0.0, hi, max_iter, tol, tau2, iterations) != 0)
            *converged = 0;
        *tau2 = fmax(0.0, *tau2);
        return;
    }
    default:
        break;
    }
    /* ML, REML, EB: Fisher scoring from HE truncated at 0. */
    double t = fmax(0.0, tau2_he(wk));
    int it = 0;
    *converged = 0;
    while (it < max_iter) {
        it++;
        double adj = scoring_step(wk, t, m);
        if (!isfinite(adj))
            adj = 0.0;
        if (t + adj < 0.0) {
            double adj0 = t > 0.0 ? scoring_step(wk, 0.0, m) : adj;
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
    /* metafor's ll0check: a higher likelihood at 0 than at the scoring
     * result means the scoring found a local maximum. */
    if (*converged && t > 0.0 && (m == SRW_TAU2_ML || m == SRW_TAU2_REML) && loglik(wk, 0.0, m) > loglik(wk, t, m))
        t = 0.0;
    *tau2 = t;
}
