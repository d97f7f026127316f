/* The weighted regression of effects on one study-level predictor under
 * the analysis's model: metafor's rma.uni(yi, vi, mods = ~ x, method =,
 * test =), fitted by the meta-regression's code (metareg_internal.h), for
 * the small-study tests (Egger's regression on the standard
 * error, Peters' on 1/n) and trim-and-fill's choice of side.  Internal to
 * src/core (sens_*.c, egger.c).  With x NULL it fits the intercept alone,
 * which srw_pool__fit does for the analyses themselves: tests check that
 * the two agree.
 *
 * tau^2 by the analysis's estimator, generalised to a model with a
 * predictor as metafor 3.8 does (Viechtbauer 2005; Raudenbush 2009): with
 * W = diag(1/(v + tau^2)) and P = W - W X (X'WX)^-1 X'W,
 *   DL   (y'P0y - (k-p)) / tr(P0), P0 at tau^2 = 0, truncated at 0;
 *   HE   (RSS_ols - tr(P_ols V)) / (k-p), truncated at 0;
 *   SJ   t0 y'Py / (k-p), P at t0 = sum (y - ybar)^2 / k;
 *   PM   the tau^2 where y'Py = k - p (0 when y'P0y < k - p);
 *   ML, REML, EB: Fisher scoring from HE (truncated), steps
 *        (y'PPy - tr W)/tr(WW), (y'PPy - tr P)/tr(PP), (k/(k-p) y'Py - k)/tr W,
 *        with srw's tau2.c rules at the boundary and metafor's ll0 check.
 * Tests: z, or with --ci hksj metafor's "knha": vb = s2w (X'WX)^-1 with
 * s2w = y'Py / (k - p), t on k - p df.  QE = y'P0y on k - p df. */
#ifndef SRW_CORE_REGFIT_H
#define SRW_CORE_REGFIT_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/pool.h"

/* Why a regression was not fitted. */
enum { SRW_REGFIT_OK = 0, SRW_REGFIT_TOO_FEW, SRW_REGFIT_CONSTANT, SRW_REGFIT_EXACT };

typedef struct srw_core__regfit {
    int fitted;          /* 0: note says why */
    int why;             /* SRW_REGFIT_* */
    size_t p;            /* 1 (intercept) or 2 (intercept and x) */
    double b[2], se[2], stat[2], pvalue[2], ci_lower[2], ci_upper[2];
    double df;           /* k - p for knha, NAN for z */
    double tau2, s2w;
    double QE, QE_df, QE_pvalue;
    int converged;
    const char *note;
} srw_core__regfit;

/* Fit y (k effects, variances v) on x (k values, or NULL) under o (resolved
 * pooling options: model, tau^2 estimator, CI method, level, max_iter,
 * tol).  0, or SRW_ENOMEM; k too small (k < p + 1), a predictor that does
 * not vary, or a fit without residual variation are states (fitted 0,
 * note). */
int srw_core__regfit_run(srw_core__regfit *out, const double *y, const double *v, const double *x, size_t k,
                         const srw_pool_options *o);

#endif
