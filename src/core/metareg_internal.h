/* Internals of the meta-regression (src/core/metareg.c, metareg_fit.c):
 * weighted least squares over a k x p design, and the tau^2 estimators of
 * the mixed-effects model.  Not part of the public API (srw_mr__ names). */
#ifndef SRW_CORE_METAREG_INTERNAL_H
#define SRW_CORE_METAREG_INTERNAL_H

#include <stddef.h>

#include "srw/pool.h"

/* Scratch for one design: X is k x p, row-major (owned by the caller);
 * the arrays are sized for it by srw_mr__work_init. */
typedef struct srw_mr__work {
    size_t k, p;
    const double *X, *y, *v;
    double *w, *r;          /* k: weights, residuals */
    double *A, *b;          /* p x p: (X'WX)^-1; p: the coefficients */
    double *M, *N;          /* p x p scratch */
    double *t, *u;          /* p scratch */
} srw_mr__work;

/* 0, or -1 out of memory (then nothing to free). */
int srw_mr__work_init(srw_mr__work *wk, const double *X, const double *y, const double *v, size_t k, size_t p);
void srw_mr__work_dispose(srw_mr__work *wk);

/* The weighted least-squares fit at weights 1 / (v + tau2) (every weight
 * 1 when tau2 < 0: ordinary least squares): wk->w, A = (X'WX)^-1, b and
 * the residuals r = y - Xb; *logdet (may be NULL) gets log det(X'WX).
 * Returns y'Py = sum w r^2, or NAN when X'WX is not positive definite. */
double srw_mr__wls(srw_mr__work *wk, double tau2, double *logdet);

/* After srw_mr__wls: tr(P) with P = W - WX(X'WX)^-1X'W. */
double srw_mr__trace_p(srw_mr__work *wk);

/* Residual tau^2 of the mixed-effects model by estimator m (metafor 3.8
 * rma.uni: DL, HE, SJ, PM, ML, REML, EB), truncated at 0; iterations and
 * convergence as srw_pool__tau2 reports them. */
void srw_mr__tau2(srw_mr__work *wk, srw_tau2_method m, int max_iter, double tol, double *tau2, int *iterations,
                  int *converged);

#endif
