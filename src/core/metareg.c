/* Meta-regression: the design from the moderators, the states a fit cannot
 * be made in, and the fit's tests (include/srw/metareg.h).
 *
 * Sources (doc/methods.md, "Meta-regression"):
 *   Thompson SG, Higgins JPT (2002), How should meta-regression analyses be
 *   undertaken and interpreted? Stat Med 21:1559-1573.
 *   Viechtbauer W (2010), Conducting meta-analyses in R with the metafor
 *   package, J Stat Softw 36(3); metafor 3.8 rma.uni, whose results the
 *   tests hold srw to: b = (X'WX)^-1 X'Wy with W = diag(1/(v + tau2)),
 *   Var(b) = (X'WX)^-1, Wald z tests and QM = b' Var(b)^-1 b over the
 *   moderators' coefficients (chi-square on m df); with test = "knha"
 *   (Knapp & Hartung 2003, Stat Med 22:2693-2710) Var(b) is multiplied by
 *   s^2 = sum w (y - Xb)^2 / (k - p), t on k - p df and F = QM / m on
 *   (m, k - p) df.  QE = y'Py at W = diag(1/v) on k - p df; I^2 =
 *   tau2 / (tau2 + vt), H^2 = tau2 / vt + 1 with vt = (k - p) / tr(P) (the
 *   fixed-effect model: I^2 = (QE - (k - p)) / QE, H^2 = QE / (k - p));
 *   R^2 = (tau2_0 - tau2) / tau2_0 (Raudenbush 2009), tau2_0 of the
 *   intercept-only model, 0 when tau2_0 = 0; a fixed-effect model's R^2 is
 *   the adjusted R^2 of the weighted least-squares fit.
 *   Redundant columns are found as R's lm() finds them (a column whose
 *   residual after the earlier ones is below 1e-7 of its norm); metafor
 *   drops them with a warning, srw reports the design as collinear.
 */
#include "srw/metareg.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "core/metareg_internal.h"
#include "core/text.h"

const char *srw_metareg_state_key(srw_metareg_state s)
{
    switch (s) {
    case SRW_METAREG_OK: return "ok";
    case SRW_METAREG_ONE_LEVEL: return "one_level";
    case SRW_METAREG_COLLINEAR: return "collinear";
    case SRW_METAREG_TOO_FEW: return "too_few_studies";
    case SRW_METAREG_NOT_NUMERIC: return "not_numeric";
    }
    return "ok";
}

void srw_metareg_dispose(srw_metareg *m)
{
    if (m == NULL)
        return;
    free(m->coefs);
    memset(m, 0, sizeof *m);
}

/* A whole moderator value as a finite number. */
static int as_number(const char *s, double *out)
{
    char *end = NULL;
    if (s == NULL || *s == '\0')
        return 0;
    double x = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(x))
        return 0;
    *out = x;
    return 1;
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One moderator of the design: continuous (one column) or categorical
 * (its levels in byte order, the first the reference). */
typedef struct term {
    const srw_moderator *mod;
    int categorical;
    size_t n_levels;
    const char **levels; /* borrowed from the values */
} term;

static void no_fit(srw_metareg *out, srw_metareg_state s, const char *fmt, const char *a, const char *b,
                   size_t x, size_t y)
{
    out->state = s;
    snprintf(out->reason, sizeof out->reason, fmt, a, b, x, y);
}

/* The names of the moderators, "ablat, year". */
static void names_of(char *buf, size_t n, const srw_metareg_input *in)
{
    buf[0] = '\0';
    for (size_t j = 0; j < in->n_moderators; j++)
        srw_core__appendf(buf, n, "%s%s", j ? ", " : "", in->moderators[j].name);
}

/* Which studies enter (every moderator has a value), whether each
 * moderator is numbers or text, and its levels; a state when the model
 * cannot be built.  0 or SRW_ENOMEM. */
static int build_terms(srw_metareg *out, const srw_metareg_input *in, term *terms, int *use, size_t *k_used,
                       srw_error *err)
{
    size_t k = in->k;
    for (size_t j = 0; j < in->n_moderators; j++) {
        const srw_moderator *m = &in->moderators[j];
        size_t n_num = 0, n_text = 0, first_text = k;
        for (size_t i = 0; i < k; i++) {
            double x;
            if (m->values[i] == NULL)
                continue;
            if (as_number(m->values[i], &x)) {
                n_num++;
            } else {
                n_text++;
                first_text = first_text < k ? first_text : i;
            }
        }
        if (n_num > 0 && n_text > 0) {
            char what[300];
            snprintf(what, sizeof what, "'%s' (%.100s)", m->values[first_text], in->labels[first_text]);
            no_fit(out, SRW_METAREG_NOT_NUMERIC,
                   "moderator '%s' mixes numbers and text: %s is not a number, but %zu of its values are "
                   "(a numeric moderator needs a number for every study)",
                   m->name, what, n_num, 0);
            return 0;
        }
        terms[j].mod = m;
        terms[j].categorical = n_text > 0;
    }
    size_t n = 0, n_missing = 0;
    for (size_t i = 0; i < k; i++) {
        use[i] = 1;
        for (size_t j = 0; j < in->n_moderators; j++)
            use[i] &= in->moderators[j].values[i] != NULL;
        if (use[i]) {
            n++;
        } else {
            srw_core__appendf(out->missing, sizeof out->missing, "%s%s", n_missing ? ", " : "", in->labels[i]);
            n_missing++;
        }
    }
    out->k_missing = n_missing;
    *k_used = n;
    for (size_t j = 0; j < in->n_moderators; j++) {
        term *t = &terms[j];
        const char *const *v = t->mod->values;
        t->levels = calloc(n ? n : 1, sizeof *t->levels);
        if (t->levels == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        size_t m = 0;
        for (size_t i = 0; i < k; i++)
            if (use[i])
                t->levels[m++] = v[i];
        if (t->categorical) {
            qsort(t->levels, m, sizeof *t->levels, cmp_text);
            size_t u = 0;
            for (size_t i = 0; i < m; i++)
                if (u == 0 || strcmp(t->levels[u - 1], t->levels[i]) != 0)
                    t->levels[u++] = t->levels[i];
            t->n_levels = u;
        } else {
            double x0 = 0.0, x;
            size_t u = m > 0 ? 1 : 0;
            if (m > 0)
                as_number(t->levels[0], &x0);
            for (size_t i = 1; i < m && u == 1; i++)
                if (as_number(t->levels[i], &x) && x != x0)
                    u = 2;
            t->n_levels = u;
        }
        if (n > 0 && t->n_levels < 2) {
            no_fit(out, SRW_METAREG_ONE_LEVEL,
                   "moderator '%s' takes one value ('%s') in the %zu studies with a value for every moderator: it "
                   "cannot explain differences between them",
                   t->mod->name, t->levels[0], n, 0);
            return 0;
        }
    }
    return 0;
}

/* The design matrix (n x p, row-major, intercept first) and the
 * coefficients' names. */
static void fill_design(double *X, srw_metareg_coef *coefs, const term *terms, size_t n_terms,
                        const srw_metareg_input *in, const int *use, size_t p)
{
    snprintf(coefs[0].name, sizeof coefs[0].name, "intercept");
    size_t col = 1;
    for (size_t j = 0; j < n_terms; j++) {
        const term *t = &terms[j];
        if (t->categorical)
            for (size_t l = 1; l < t->n_levels; l++)
                snprintf(coefs[col + l - 1].name, sizeof coefs[0].name, "%s = %s", t->mod->name, t->levels[l]);
        else
            snprintf(coefs[col].name, sizeof coefs[0].name, "%s", t->mod->name);
        size_t row = 0;
        for (size_t i = 0; i < in->k; i++) {
            if (!use[i])
                continue;
            double *xi = X + row * p;
            xi[0] = 1.0;
            const char *v = t->mod->values[i];
            if (t->categorical) {
                for (size_t l = 1; l < t->n_levels; l++)
                    xi[col + l - 1] = strcmp(v, t->levels[l]) == 0 ? 1.0 : 0.0;
            } else {
                as_number(v, &xi[col]);
            }
            row++;
        }
        col += t->categorical ? t->n_levels - 1 : 1;
    }
}

/* The first column of X (n x p) that the earlier ones span, as R's lm()
 * finds it: Gram-Schmidt in order, a column whose residual norm is below
 * 1e-7 of its own norm.  p when none; -1 out of memory. */
static long redundant_column(const double *X, size_t n, size_t p)
{
    double *Q = malloc(n * p * sizeof *Q);
    if (Q == NULL)
        return -1;
    size_t kept = 0;
    long found = (long)p;
    for (size_t j = 0; j < p && found == (long)p; j++) {
        double *q = Q + kept * n, norm0 = 0.0, norm = 0.0;
        for (size_t i = 0; i < n; i++) {
            q[i] = X[i * p + j];
            norm0 += q[i] * q[i];
        }
        for (int pass = 0; pass < 2; pass++) /* twice, for orthogonality in floating point */
            for (size_t c = 0; c < kept; c++) {
                const double *e = Q + c * n;
                double d = 0.0;
                for (size_t i = 0; i < n; i++)
                    d += e[i] * q[i];
                for (size_t i = 0; i < n; i++)
                    q[i] -= d * e[i];
            }
        for (size_t i = 0; i < n; i++)
            norm += q[i] * q[i];
        if (!(sqrt(norm) > 1e-7 * sqrt(norm0))) {
            found = (long)j;
            break;
        }
        for (size_t i = 0; i < n; i++)
            q[i] /= sqrt(norm);
        kept++;
    }
    free(Q);
    return found;
}

static double tcrit(double level, double df)
{
    return gsl_cdf_tdist_Pinv(0.5 + level / 200.0, df);
}

/* The coefficients' tests and the omnibus test of the moderators at the
 * fit wk holds (A = (X'WX)^-1, b) with variance factor s2w. */
static void tests(srw_metareg *out, const srw_mr__work *wk, double s2w, double *sub, double *lsub)
{
    size_t p = wk->p, m = p - 1;
    double kp = (double)wk->k - (double)p;
    double crit = out->knha ? tcrit(out->level, kp) : gsl_cdf_ugaussian_Pinv(0.5 + out->level / 200.0);
    for (size_t a = 0; a < p; a++) {
        srw_metareg_coef *c = &out->coefs[a];
        c->estimate = wk->b[a];
        c->se = sqrt(s2w * wk->A[a * p + a]);
        c->df = out->knha ? kp : NAN;
        c->statistic = c->se > 0.0 ? c->estimate / c->se : NAN;
        c->pvalue = !isfinite(c->statistic)       ? NAN
                    : out->knha ? 2.0 * gsl_cdf_tdist_Q(fabs(c->statistic), kp)
                               : 2.0 * gsl_cdf_ugaussian_Q(fabs(c->statistic));
        c->ci_lower = c->estimate - crit * c->se;
        c->ci_upper = c->estimate + crit * c->se;
    }
    /* QM = b' V^-1 b over the moderators' block of V = s2w A, by its
     * Cholesky factor (lsub: m x m). */
    out->QM_df = (double)m;
    out->QM_df2 = out->knha ? kp : NAN;
    out->QM = out->QM_pvalue = NAN;
    if (!(s2w > 0.0))
        return;
    for (size_t a = 0; a < m; a++)
        for (size_t c = 0; c < m; c++)
            sub[a * m + c] = s2w * wk->A[(a + 1) * p + (c + 1)];
    memset(lsub, 0, m * m * sizeof *lsub);
    for (size_t j = 0; j < m; j++) {
        double d = sub[j * m + j];
        for (size_t c = 0; c < j; c++)
            d -= lsub[j * m + c] * lsub[j * m + c];
        if (!(d > 0.0))
            return;
        lsub[j * m + j] = sqrt(d);
        for (size_t i = j + 1; i < m; i++) {
            double s = sub[i * m + j];
            for (size_t c = 0; c < j; c++)
                s -= lsub[i * m + c] * lsub[j * m + c];
            lsub[i * m + j] = s / lsub[j * m + j];
        }
    }
    double qm = 0.0; /* |L^-1 b|^2, forward substitution */
    for (size_t i = 0; i < m; i++) {
        double s = wk->b[i + 1];
        for (size_t c = 0; c < i; c++)
            s -= lsub[i * m + c] * sub[c]; /* sub[0..m) reused for z: the block is read no more */
        double z = s / lsub[i * m + i];
        sub[i] = z;
        qm += z * z;
    }
    if (out->knha) {
        out->QM = qm / (double)m;
        out->QM_pvalue = gsl_cdf_fdist_Q(out->QM, (double)m, kp);
    } else {
        out->QM = qm;
        out->QM_pvalue = gsl_cdf_chisq_Q(qm, (double)m);
    }
}

/* Heterogeneity: QE (fixed-effect weights), I^2, H^2. */
static void heterogeneity(srw_metareg *out, srw_mr__work *wk)
{
    double kp = (double)wk->k - (double)wk->p;
    out->QE_df = kp;
    if (kp < 1.0) { /* metafor: no residual df, QE = 0 with p = 1, I^2 = 0, H^2 = 1 */
        out->QE = 0.0;
        out->QE_pvalue = 1.0;
        out->I2 = 0.0;
        out->H2 = 1.0;
        return;
    }
    out->QE = fmax(0.0, srw_mr__wls(wk, 0.0, NULL));
    out->QE_pvalue = gsl_cdf_chisq_Q(out->QE, kp);
    double vt = kp / srw_mr__trace_p(wk);
    if (out->model == SRW_MODEL_FIXED) {
        out->I2 = out->QE > 0.0 ? fmax(0.0, 100.0 * (out->QE - kp) / out->QE) : 0.0;
        out->H2 = out->QE / kp;
    } else {
        out->I2 = 100.0 * out->tau2 / (vt + out->tau2);
        out->H2 = out->tau2 / vt + 1.0;
    }
}

/* R^2 of a fixed-effect model: the adjusted R^2 of the weighted
 * least-squares fit (R's summary.lm, as metafor takes it), wk at tau2 0. */
static double r2_fixed(srw_mr__work *wk)
{
    size_t k = wk->k;
    double sw = 0.0, swy = 0.0, tss = 0.0, rss = srw_mr__wls(wk, 0.0, NULL);
    double ybar = 0.0, var = 0.0;
    for (size_t i = 0; i < k; i++)
        ybar += wk->y[i];
    ybar /= (double)k;
    for (size_t i = 0; i < k; i++)
        var += (wk->y[i] - ybar) * (wk->y[i] - ybar);
    if (var == 0.0)
        return 0.0;
    for (size_t i = 0; i < k; i++)
        sw += wk->w[i], swy += wk->w[i] * wk->y[i];
    for (size_t i = 0; i < k; i++)
        tss += wk->w[i] * (wk->y[i] - swy / sw) * (wk->y[i] - swy / sw);
    double rdf = (double)k - (double)wk->p;
    if (rdf < 1.0 || !(tss > 0.0))
        return NAN;
    double r2 = 1.0 - rss / tss;
    return fmax(0.0, 100.0 * (1.0 - (1.0 - r2) * ((double)k - 1.0) / rdf));
}

/* The fit of the design X (n x p) to the studies used. */
static int fit(srw_metareg *out, const double *X, const double *y, const double *v, size_t n, size_t p,
               const srw_pool_options *o, srw_error *err)
{
    srw_mr__work wk, w0;
    double *one = malloc(n * sizeof *one), *sub = malloc(2 * p * p * sizeof *sub + sizeof *sub);
    if (one == NULL || sub == NULL || srw_mr__work_init(&wk, X, y, v, n, p) != 0) {
        free(one);
        free(sub);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    int rc = 0;
    out->converged = 1;
    out->tau2 = 0.0;
    if (out->model == SRW_MODEL_RANDOM)
        srw_mr__tau2(&wk, o->tau2, o->max_iter, o->tol, &out->tau2, &out->iterations, &out->converged);
    double q = srw_mr__wls(&wk, out->tau2, NULL);
    if (isnan(q)) {
        out->state = SRW_METAREG_COLLINEAR;
        snprintf(out->reason, sizeof out->reason, "the moderators' design has no unique fit at the weights of the fit");
        goto done;
    }
    double s2w = 1.0;
    if (out->knha) {
        double kp = (double)n - (double)p;
        s2w = q <= DBL_EPSILON ? 0.0 : q / kp;
        if (s2w == 0.0)
            out->note = "the residuals are 0 at the weights of the fit: the Knapp-Hartung variance is 0 and "
                        "nothing is tested";
    }
    tests(out, &wk, s2w, sub, sub + p * p);
    if (!out->converged)
        out->note = "the tau\xc2\xb2 estimator did not converge: its last value is reported";
    heterogeneity(out, &wk);
    /* R^2: against the intercept-only model of the same studies. */
    if (out->model == SRW_MODEL_FIXED) {
        out->R2 = r2_fixed(&wk);
    } else {
        for (size_t i = 0; i < n; i++)
            one[i] = 1.0;
        if (srw_mr__work_init(&w0, one, y, v, n, 1) != 0) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        double t0 = 0.0;
        int it0, conv0;
        srw_mr__tau2(&w0, o->tau2, o->max_iter, o->tol, &t0, &it0, &conv0);
        srw_mr__work_dispose(&w0);
        out->R2 = !conv0 ? NAN : t0 == 0.0 ? 0.0 : fmax(0.0, 100.0 * (t0 - out->tau2) / t0);
    }
done:
    srw_mr__work_dispose(&wk);
    free(one);
    free(sub);
    return rc;
}

int srw_metareg_run(srw_metareg *out, const srw_metareg_input *in, const srw_pool_options *opts, srw_error *err)
{
    gsl_set_error_handler_off();
    if (out == NULL || in == NULL || opts == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_metareg_run: NULL argument");
    memset(out, 0, sizeof *out);
    if (in->n_moderators == 0)
        return SRW_FAIL(err, SRW_EUSAGE, "meta-regression needs at least one moderator");
    out->model = opts->model == SRW_MODEL_FIXED ? SRW_MODEL_FIXED : SRW_MODEL_RANDOM;
    out->tau2_method = opts->tau2;
    out->knha = opts->ci == SRW_CI_HKSJ;
    out->level = opts->level;
    out->QM = out->QM_df = out->QM_df2 = out->QM_pvalue = NAN;
    out->QE = out->QE_df = out->QE_pvalue = NAN;
    out->tau2 = out->I2 = out->H2 = out->R2 = NAN;
    size_t k = in->k, n = 0;
    term *terms = calloc(in->n_moderators, sizeof *terms);
    int *use = calloc(k ? k : 1, sizeof *use);
    double *X = NULL, *y = NULL, *v = NULL;
    int rc = 0;
    if (terms == NULL || use == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = build_terms(out, in, terms, use, &n, err)) != 0 || out->state != SRW_METAREG_OK)
        goto done;
    size_t p = 1;
    for (size_t j = 0; j < in->n_moderators; j++)
        p += terms[j].categorical ? terms[j].n_levels - 1 : 1;
    out->k = n;
    out->p = p;
    char names[300];
    names_of(names, sizeof names, in);
    size_t need = p + (out->model == SRW_MODEL_RANDOM || out->knha ? 1 : 0);
    if (n < need) {
        char what[160];
        snprintf(what, sizeof what, "%zu coefficient%s%s", p, p == 1 ? "" : "s",
                 out->model == SRW_MODEL_RANDOM ? " and tau\xc2\xb2" : " and the residual variance");
        out->state = SRW_METAREG_TOO_FEW;
        snprintf(out->reason, sizeof out->reason,
                 "meta-regression on %.250s needs at least %zu studies (%.60s), but %zu %s an effect and a value for every "
                 "moderator",
                 names, need, what, n, n == 1 ? "has" : "have");
        goto done;
    }
    if ((out->coefs = calloc(p, sizeof *out->coefs)) == NULL || (X = calloc(n * p, sizeof *X)) == NULL ||
        (y = malloc(n * sizeof *y)) == NULL || (v = malloc(n * sizeof *v)) == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    fill_design(X, out->coefs, terms, in->n_moderators, in, use, p);
    for (size_t i = 0, r = 0; i < k; i++)
        if (use[i]) {
            y[r] = in->yi[i];
            v[r++] = in->vi[i];
        }
    long red = redundant_column(X, n, p);
    if (red < 0) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    if (red < (long)p) {
        out->state = SRW_METAREG_COLLINEAR;
        snprintf(out->reason, sizeof out->reason,
                 "the moderators are collinear in the %zu studies fitted: '%s' is %s the columns before it "
                 "(no unique fit; leave a moderator out)",
                 n, out->coefs[red].name, red == 0 ? "zero in" : "a combination of");
        goto done;
    }
    rc = fit(out, X, y, v, n, p, opts, err);
done:
    for (size_t j = 0; terms != NULL && j < in->n_moderators; j++)
        free(terms[j].levels);
    free(terms);
    free(use);
    free(X);
    free(y);
    free(v);
    if (rc != 0 || out->state != SRW_METAREG_OK) {
        free(out->coefs);
        out->coefs = NULL;
        if (rc == 0)
            out->p = 0;
    }
    return rc;
}
