/* The small-study tests of one analysis (funnel-plot asymmetry):
 *
 * Egger: regression of the effects on their standard errors under the
 *   analysis's model (srw_egger_test, egger.c; metafor regtest()).
 * Begg & Mazumdar (Biometrics 1994;50:1088-1101; metafor ranktest()):
 *   Kendall's tau between the standardised deviates
 *   y*_i = (y_i - mu_FE) / sqrt(v_i - 1/sum(1/v)) and the variances v_i,
 *   mu_FE the inverse-variance fixed-effect estimate; the p-value from
 *   Kendall's exact null distribution when no value is tied (R's
 *   cor.test(exact = TRUE)) and k <= 170, else the normal approximation of
 *   S with the ties' correction of its variance.
 * Peters (Peters JL et al., JAMA 2006;295:676-680), for dichotomous
 *   outcomes: the regression of the effects on 1/n, n the study's
 *   participants, under the analysis's model (metafor regtest(predictor =
 *   "ninv")).
 * Harbord (Harbord RM, Egger M, Sterne JAC, Stat Med 2006;25:3443-3457),
 *   for odds ratios: Egger's least-squares regression on the efficient
 *   score Z = a - n1 m1 / N and its variance V = n1 n2 m1 (N - m1) /
 *   (N^2 (N - 1)) of each 2x2 table: Z/sqrt(V) on sqrt(V), the
 *   intercept's t test on k - 2 df; tables with V = 0 (no event or only
 *   events) carry no information and are left out. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "core/regfit.h"
#include "core/sens_internal.h"

#define SRW_BEGG_EXACT_MAX 170

double srw_kendall_exact_p(double q, size_t n)
{
    if (n < 2)
        return NAN;
    /* The number of concordant pairs among n untied observations under
     * independence is distributed as the inversions of a random
     * permutation: the convolution of uniforms on {0..m-1}, m = 1..n.
     * Each step divides by m, so the array holds probabilities. */
    size_t N = n * (n - 1) / 2;
    double *p = calloc(N + 1, sizeof *p), *c = calloc(N + 2, sizeof *c);
    if (p == NULL || c == NULL) {
        free(p);
        free(c);
        return NAN;
    }
    p[0] = 1.0;
    size_t top = 0; /* highest count reachable so far */
    for (size_t m = 2; m <= n; m++) {
        c[0] = 0.0;
        for (size_t j = 0; j <= top; j++)
            c[j + 1] = c[j] + p[j];
        size_t ntop = top + m - 1;
        for (size_t j = 0; j <= ntop; j++) {
            size_t lo = j >= m - 1 ? j - (m - 1) : 0, hi = j < top ? j : top;
            p[j] = lo <= hi ? (c[hi + 1] - c[lo]) / (double)m : 0.0;
        }
        top = ntop;
    }
    /* R: q > n(n-1)/4 takes the upper tail P(T >= q), which by symmetry
     * is P(T <= N - q); else the lower tail P(T <= q). */
    double half = (double)N / 2.0;
    long qq = (long)q;
    if (q > half)
        qq = (long)N - qq;
    double tail = 0.0;
    for (long j = 0; j <= qq && j <= (long)N; j++)
        tail += p[j];
    free(p);
    free(c);
    double pv = 2.0 * tail;
    return pv > 1.0 ? 1.0 : pv;
}

/* Ties among x: sum over groups of t(t-1), t(t-1)(2t+5), t(t-1)(t-2). */
static void ties(const double *x, size_t n, double *t1, double *t2, double *t3)
{
    *t1 = *t2 = *t3 = 0.0;
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = x[j] != x[i];
        if (!first)
            continue;
        double t = 0.0;
        for (size_t j = i; j < n; j++)
            t += x[j] == x[i];
        *t1 += t * (t - 1.0);
        *t2 += t * (t - 1.0) * (2.0 * t + 5.0);
        *t3 += t * (t - 1.0) * (t - 2.0);
    }
}

int srw_begg_test(srw_begg *out, const double *yi, const double *vi, size_t k, srw_error *err)
{
    if (out == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_begg_test: no result struct");
    out->computed = 0;
    out->tau = out->pvalue = NAN;
    out->exact = 0;
    out->note = NULL;
    for (size_t i = 0; i < k; i++)
        if (!isfinite(yi[i]) || !(vi[i] > 0.0) || !isfinite(vi[i]))
            return SRW_FAIL(err, SRW_EDATA, "Begg's test: study %zu has no finite effect and positive variance",
                            i + 1);
    if (k < 3) {
        out->note = "Begg's test needs at least 3 studies";
        return 0;
    }
    double *ys = malloc(k * sizeof *ys);
    if (ys == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for Begg's test");
    double sw = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++)
        sw += 1.0 / vi[i], swy += yi[i] / vi[i];
    double mu = swy / sw, vb = 1.0 / sw;
    for (size_t i = 0; i < k; i++)
        ys[i] = (yi[i] - mu) / sqrt(vi[i] - vb);
    /* Kendall's tau-b (R's cor(method = "kendall")). */
    double s = 0.0, nx = 0.0, ny = 0.0, n0 = (double)k * ((double)k - 1.0) / 2.0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            double dx = ys[i] - ys[j], dy = vi[i] - vi[j];
            double sx = (dx > 0) - (dx < 0), sy = (dy > 0) - (dy < 0);
            s += sx * sy;
            nx += sx != 0.0;
            ny += sy != 0.0;
        }
    double tx1, tx2, tx3, ty1, ty2, ty3;
    ties(ys, k, &tx1, &tx2, &tx3);
    ties(vi, k, &ty1, &ty2, &ty3);
    free(ys);
    if (!(nx > 0.0) || !(ny > 0.0)) {
        out->note = "Begg's test is undefined: the standardised effects or the variances are all equal";
        return 0;
    }
    double tau = s / sqrt(nx * ny);
    out->tau = tau;
    double n = (double)k;
    /* Exact up to 170 studies: R's exact distribution divides by n!,
     * which overflows beyond (metafor's p-value is then meaningless), and
     * the recursion's cost grows as k^3; the normal approximation is
     * close there. */
    if (tx1 == 0.0 && ty1 == 0.0 && k <= SRW_BEGG_EXACT_MAX) {
        out->exact = 1;
        out->pvalue = srw_kendall_exact_p(nearbyint((tau + 1.0) * n * (n - 1.0) / 4.0), k);
    } else {
        /* R's cor.test: S from tau-b, its variance with the ties'
         * correction (Kendall 1970), no continuity correction. */
        double S = tau * sqrt((n0 - tx1 / 2.0) * (n0 - ty1 / 2.0));
        double var = (n * (n - 1.0) * (2.0 * n + 5.0) - tx2 - ty2) / 18.0 + tx1 * ty1 / (2.0 * n * (n - 1.0)) +
                     tx3 * ty3 / (9.0 * n * (n - 1.0) * (n - 2.0));
        out->pvalue = 2.0 * gsl_cdf_ugaussian_Q(fabs(S / sqrt(var)));
    }
    if (!isfinite(out->pvalue)) {
        out->note = "Begg's test: no p-value (out of memory for the exact distribution)";
        out->tau = NAN;
        return 0;
    }
    out->computed = 1;
    return 0;
}

static void test_blank(srw_sens_test *t, const char *note)
{
    t->computed = 0;
    t->statistic = t->df = t->pvalue = NAN;
    t->note = note;
}

/* Peters: the regression on 1/n under the analysis's model. */
static int peters(srw_sens_test *t, srw_sens__in *in, srw_error *err)
{
    if (in->set->type != SRW_TYPE_DICHOTOMOUS) {
        test_blank(t, "Peters' test is for dichotomous outcomes");
        return 0;
    }
    if (in->k < 3) {
        test_blank(t, "Peters' test needs at least 3 studies");
        return 0;
    }
    double *x = in->wk.y + in->k; /* the refit arrays hold 2k */
    for (size_t j = 0; j < in->k; j++) {
        const srw_study_row *r = &in->set->rows[in->idx[j]];
        x[j] = 1.0 / (r->exp_total + r->ctl_total);
    }
    srw_core__regfit f;
    if (srw_core__regfit_run(&f, in->y, in->v, x, in->k, &in->iv) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for Peters' test");
    if (!f.fitted) {
        test_blank(t, f.why == SRW_REGFIT_CONSTANT ? "Peters' test is undefined: every study has the same size"
                                                   : "Peters' test is undefined: the studies lie exactly on a line");
        return 0;
    }
    t->computed = 1;
    t->statistic = f.stat[1];
    t->df = f.df;
    t->pvalue = f.pvalue[1];
    t->note = NULL;
    return 0;
}

static int harbord(srw_sens_test *t, srw_sens__in *in, srw_error *err)
{
    srw_measure m = in->a->opts.measure;
    if (in->set->type != SRW_TYPE_DICHOTOMOUS || (m != SRW_MEASURE_OR && m != SRW_MEASURE_PETO)) {
        test_blank(t, "Harbord's test is for odds ratios");
        return 0;
    }
    size_t n_all = in->set->k, k = 0;
    double *y = malloc(2 * (n_all ? n_all : 1) * sizeof *y);
    if (y == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for Harbord's test");
    double *se = y + n_all;
    for (size_t i = 0; i < n_all; i++) {
        const srw_study_row *r = &in->set->rows[i];
        double n1 = r->exp_total, n2 = r->ctl_total, N = n1 + n2, m1 = r->exp_events + r->ctl_events;
        double V = n1 * n2 * m1 * (N - m1) / (N * N * (N - 1.0));
        if (!(V > 0.0) || !isfinite(V))
            continue;
        double Z = r->exp_events - n1 * m1 / N;
        /* Egger's regression of Z/sqrt(V) on sqrt(V) is the one of y/se on
         * 1/se with y = Z/V and se = 1/sqrt(V). */
        y[k] = Z / V;
        se[k] = 1.0 / sqrt(V);
        k++;
    }
    srw_egger e;
    int rc = srw_egger_test(&e, y, se, k, NULL, err);
    free(y);
    if (rc != 0)
        return rc;
    if (!e.computed) {
        test_blank(t, k < 3 ? "Harbord's test needs at least 3 studies with events"
                            : "Harbord's test is undefined: the studies lie exactly on a line");
        return 0;
    }
    t->computed = 1;
    t->statistic = e.stat;
    t->df = e.df;
    t->pvalue = e.pvalue;
    t->note = NULL;
    return 0;
}

int srw_sens__small_study(srw_sensitivity *s, srw_sens__in *in, srw_error *err)
{
    double *se = malloc((in->k ? in->k : 1) * sizeof *se);
    if (se == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the small-study tests");
    for (size_t j = 0; j < in->k; j++)
        se[j] = sqrt(in->v[j]);
    int rc = srw_egger_test(&s->egger, in->y, se, in->k, &in->iv, err);
    free(se);
    if (rc == 0)
        rc = srw_begg_test(&s->begg, in->y, in->v, in->k, err);
    if (rc != 0)
        return rc;
    if ((rc = peters(&s->peters, in, err)) != 0)
        return rc;
    return harbord(&s->harbord, in, err);
}
