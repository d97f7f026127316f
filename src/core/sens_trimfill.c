/* Trim-and-fill (Duval S, Tweedie R. Trim and fill: a simple funnel-plot-
 * based method of testing and adjusting for publication bias in
 * meta-analysis. Biometrics 2000;56:455-463), as metafor 3.8 trimfill()
 * does it, on the inverse-variance fit of the analysis's model:
 *
 * 1. The side the studies are missing on: given, or metafor's rule, from
 *    the meta-regression of the effects on their standard errors under the
 *    model (regfit.c): a negative slope puts them on the right, else left.
 *    Effects are negated when the side is right, so that the missing
 *    studies are always on the left, and sorted (ties keep their order).
 * 2. Iterate from k0 = 0: pool all but the k0 largest effects; rank
 *    |y_i - mu| over all k studies (ties by position), r_i signed by
 *    y_i - mu;
 *      L0 = (4 S_r - k(k + 1)) / (2k - 1), S_r the sum of positive ranks;
 *      R0 = k - (the largest rank of a negative deviation) - 1;
 *    k0 = max(0, round(estimator)) (R's round, half to even), until k0 no
 *    longer changes (at most 100 times).
 * 3. Fill: the k0 largest effects reflected about the last trimmed
 *    estimate, 2 mu - y_i, with the same variances (back on the original
 *    side), and pool the k + k0 studies under the analysis's model, CI
 *    method and level (metafor's filled fit takes a Wald test unless told;
 *    tests/ref/README.md says why srw keeps the analysis's). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/regfit.h"
#include "core/sens_internal.h"

#define TF_MAX_ITER 100

static void blank(srw_trim_fill *t, const char *note)
{
    free(t->filled_yi);
    memset(t, 0, sizeof *t);
    t->estimate = t->se = t->stat = t->stat_df = t->pvalue = t->ci_lower = t->ci_upper = t->tau2 = NAN;
    t->note = note;
}

/* The pooled estimate of y[0..n) under o (refit arrays of in). */
static double pool_mean(srw_sens__in *in, const double *y, const double *v, size_t n)
{
    for (size_t j = 0; j < n; j++)
        in->wk.y[j] = y[j], in->wk.v[j] = v[j];
    srw_pooled p;
    srw_pool__blank(&p);
    (void)srw_pool__fit(&p, &in->wk, n, &in->iv, 0, NULL);
    return p.estimate;
}

int srw_sens__trim_fill(srw_sensitivity *s, srw_sens__in *in, srw_tf_side side, srw_tf_estimator est,
                        srw_error *err)
{
    srw_trim_fill *t = &s->trim_fill;
    blank(t, NULL);
    t->estimator = est;
    size_t k = in->k;
    if (k < 3) {
        t->side = side;
        t->note = "trim-and-fill needs at least 3 studies";
        return 0;
    }
    if (side == SRW_TF_SIDE_AUTO) {
        double *sei = in->wk.y + k; /* the refit arrays hold 2k */
        for (size_t j = 0; j < k; j++)
            sei[j] = sqrt(in->v[j]);
        srw_core__regfit f;
        if (srw_core__regfit_run(&f, in->y, in->v, sei, k, &in->iv) != 0)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory for trim-and-fill");
        if (!isfinite(f.b[1])) {
            t->note = "trim-and-fill cannot tell the side from the funnel (every study has the same standard "
                      "error): give --side";
            return 0;
        }
        side = f.b[1] < 0.0 ? SRW_TF_SIDE_RIGHT : SRW_TF_SIDE_LEFT;
    }
    t->side = side;
    double sign = side == SRW_TF_SIDE_RIGHT ? -1.0 : 1.0;
    /* Sorted copies (y ascending after the flip), and the ranks. */
    size_t *ix = malloc(k * sizeof *ix);
    double *ys = malloc(4 * k * sizeof *ys);
    if (ix == NULL || ys == NULL) {
        free(ix);
        free(ys);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for trim-and-fill");
    }
    double *vs = ys + k, *dev = ys + 2 * k, *rank = ys + 3 * k;
    for (size_t j = 0; j < k; j++)
        ix[j] = j;
    /* Insertion sort: stable, and k is small. */
    for (size_t j = 1; j < k; j++) {
        size_t x = ix[j], m = j;
        while (m > 0 && sign * in->y[ix[m - 1]] > sign * in->y[x]) {
            ix[m] = ix[m - 1];
            m--;
        }
        ix[m] = x;
    }
    for (size_t j = 0; j < k; j++)
        ys[j] = sign * in->y[ix[j]], vs[j] = in->v[ix[j]];
    long k0 = 0, k0_prev = -1;
    double mu = NAN;
    int iter = 0, rc = 0;
    while (k0 != k0_prev) {
        if (++iter > TF_MAX_ITER) {
            t->note = "trim-and-fill did not converge in 100 iterations";
            goto done;
        }
        k0_prev = k0;
        if ((size_t)k0 >= k) {
            t->note = "trim-and-fill would trim every study";
            goto done;
        }
        mu = pool_mean(in, ys, vs, k - (size_t)k0);
        for (size_t j = 0; j < k; j++)
            dev[j] = ys[j] - mu;
        /* Ranks of |dev|, ties in order of position (R: ties.method = "first"). */
        for (size_t j = 0; j < k; j++) {
            double r = 1.0;
            for (size_t m = 0; m < k; m++)
                r += fabs(dev[m]) < fabs(dev[j]) || (fabs(dev[m]) == fabs(dev[j]) && m < j);
            rank[j] = r;
        }
        double kd = (double)k, k0d;
        if (est == SRW_TF_R0) {
            double maxneg = -1.0;
            for (size_t j = 0; j < k; j++)
                if (dev[j] < 0.0 && rank[j] > maxneg)
                    maxneg = rank[j];
            if (maxneg < 0.0) {
                t->note = "R0 is undefined: no study lies below the trimmed estimate";
                goto done;
            }
            k0d = kd - maxneg - 1.0;
        } else {
            double sr = 0.0;
            for (size_t j = 0; j < k; j++)
                if (dev[j] > 0.0)
                    sr += rank[j];
            k0d = (4.0 * sr - kd * (kd + 1.0)) / (2.0 * kd - 1.0);
        }
        k0d = nearbyint(k0d); /* half to even, as R's round() */
        k0 = k0d > 0.0 ? (long)k0d : 0;
    }
    t->k0 = (size_t)k0;
    /* The filled studies and the pool of all. */
    double *fy = malloc(2 * (k0 ? (size_t)k0 : 1) * sizeof *fy);
    if (fy == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory for trim-and-fill");
        goto done;
    }
    t->filled_yi = fy;
    t->filled_se = fy + (k0 ? (size_t)k0 : 1);
    t->n_filled = (size_t)k0;
    for (size_t j = 0; j < (size_t)k0; j++) {
        size_t src = k - (size_t)k0 + j;
        t->filled_yi[j] = sign * (2.0 * mu - ys[src]);
        t->filled_se[j] = sqrt(vs[src]);
    }
    for (size_t j = 0; j < k; j++)
        in->wk.y[j] = in->y[j], in->wk.v[j] = in->v[j];
    for (size_t j = 0; j < (size_t)k0; j++)
        in->wk.y[k + j] = t->filled_yi[j], in->wk.v[k + j] = vs[k - (size_t)k0 + j];
    srw_pooled p;
    srw_pool__blank(&p);
    (void)srw_pool__fit(&p, &in->wk, k + (size_t)k0, &in->iv, 0, NULL);
    t->estimate = p.estimate;
    t->se = p.se;
    t->stat = p.stat;
    t->stat_df = p.stat_df;
    t->pvalue = p.pvalue;
    t->ci_lower = p.ci_lower;
    t->ci_upper = p.ci_upper;
    t->tau2 = in->iv.model == SRW_MODEL_RANDOM ? p.tau2 : NAN;
    double lo, hi;
    srw_pooled_judged_ci(&p, &lo, &hi);
    t->cls = srw_sens_class_of(lo, hi);
    t->computed = 1;
done:
    free(ix);
    free(ys);
    return rc;
}
