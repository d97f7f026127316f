/* Internal declarations shared by src/core/pool.c, tau2.c, mh.c and the
 * sensitivity analyses (sens_*.c), which refit subsets of an analysis.
 * Not part of the public API: names carry a double underscore
 * (srw_pool__...), after libgit2's semi-private convention. */
#ifndef SRW_POOL_INTERNAL_H
#define SRW_POOL_INTERNAL_H

#include <stddef.h>

#include "srw/effect.h"
#include "srw/pool.h"
#include "srw/trace.h"

/* Generalised Q of Viechtbauer (2007): Q(tau2) = sum w_i (y_i - mu)^2 with
 * w_i = 1/(v_i + tau2) and mu the weighted mean (sum w y / sum w).  mu_out,
 * sumw_out and sumwy_out may be NULL. */
double srw_pool__genq(const double *y, const double *v, size_t k, double tau2,
                      double *mu_out, double *sumw_out, double *sumwy_out);

/* Between-study variance by method m on k estimates y with variances v.
 * q_dl is the Q statistic DL uses (centred on the chosen fixed-effect
 * estimate: RevMan centres it on the MH estimate).  Iterative methods stop
 * when |change| <= tol max(tau2, tol); after max_iter iterations, or when
 * PM's root cannot be bracketed, *converged = 0 and *tau2 is the last value
 * tried.  w: scratch for k doubles (overwritten). */
void srw_pool__tau2(double *tau2, int *iterations, int *converged,
                    const double *y, const double *v, double *w, size_t k,
                    double q_dl, srw_tau2_method m, int max_iter, double tol,
                    srw_trace_tau2 *tr);

/* Q-profile confidence interval for tau^2 (Viechtbauer 2007; metafor
 * confint.rma.uni, type "QP"): the tau^2 values where the generalised Q
 * equals the chi-square quantiles on k - 1 df, truncated at 0.  tau2 is the
 * point estimate (sets the upper end of the search interval as metafor:
 * max(100, 10 tau2)).  level in percent; w: scratch for k doubles.  Returns
 * 0, or SRW_ENUMERIC when a bound's search did not converge in max_iter
 * steps (that bound is then the last point tried). */
int srw_pool__tau2_qprofile(double *lower, double *upper, const double *y,
                            const double *v, double *w, size_t k, double tau2,
                            double level, int max_iter, double tol,
                            srw_trace_qprofile *tr);

/* Two-sided t quantile on df at level (percent), and the chi-square
 * quantiles at alpha/2 (*lo) and 1 - alpha/2 (*hi) on df (quantile.c:
 * tabulated at 95% for df 1..100, else GSL). */
double srw_pool__tcrit(double level, double df);
void srw_pool__chisq_crit(double *lo, double *hi, double level, double df);

/* One 2x2 table: a, b = events / non-events experimental, c, d = control,
 * as counted; add_e, add_c the continuity correction RevMan adds to every
 * cell of either arm of a zero-cell study (0.5 each by default), 0 when
 * none applies. */
typedef struct srw_pool__table {
    double a, b, c, d;
    double add_e, add_c;
} srw_pool__table;

/* Work arrays for one fit (each sized to the whole set), the normal
 * critical value at the analysis's level (computed once) and, when
 * tracing, the study (row) of each estimable study j (else NULL). */
typedef struct srw_pool__work {
    double *y, *v, *w;
    double *scratch; /* for the tau^2 estimators */
    srw_pool__table *t;
    double zc;
    size_t *pos;
} srw_pool__work;

/* The 2x2 table of a row for the MH / Peto sums, with the correction
 * RevMan applies there to a zero-cell study when corrected (srw_pool__mh
 * says where); metafor rma.mh and the cochrane profile use the raw counts. */
srw_pool__table srw_pool__table_of(const srw_study_row *r, const srw_effect *e, int corrected);

/* The normal critical value at level (percent). */
double srw_pool__zcrit(double level);

/* Every field of p NAN or 0 (no pool), converged. */
void srw_pool__blank(srw_pooled *p);

/* Pool k estimable studies: wk->y, wk->v and, unless o->method is IV,
 * wk->t (o resolved).  Fills p's estimate, interval, test, tau^2 (with its
 * Q-profile CI when tau2_ci), heterogeneity and prediction interval, and
 * p->k; leaves p's counts of participants and events as they are (the
 * caller blanks p first with srw_pool__blank).  wk->w receives each
 * study's weight under the model.  tr: the trace (NULL none; then wk->pos
 * may be NULL).  Returns 0, or 1 when nothing could be pooled (p->note
 * says why). */
int srw_pool__fit(srw_pooled *p, srw_pool__work *wk, size_t k, const srw_pool_options *o, int tau2_ci,
                  srw_trace *tr);

/* The tracing helpers: each takes NULL (no trace) and does nothing then.
 * tr: the trace (srw/trace.h), the last argument of the functions above;
 * sums: the MH or Peto sums (srw_trace.mh), may be NULL.  A recording that
 * cannot allocate marks the list (nomem) and drops the step. */
void srw_trace__iter_add(srw_trace_iters *it, const srw_trace_iter *x);
/* Empty t and make it ready for an analysis of k studies, its numbers NAN
 * until recorded; *pos: a k-array for pool.c's index of the studies
 * (the caller frees it).  0 or SRW_ENOMEM. */
int srw_trace__start(srw_trace *t, size_t k, size_t **pos);

/* Mantel-Haenszel fixed-effect pool of OR, RR or RD (Deeks & Higgins,
 * RevMan 5 statistical algorithms; metafor rma.mh).  Writes the pooled
 * estimate on the analysis scale, its variance, and per-table MH weights
 * into w (k entries, may be NULL).  revman: RevMan 5's rules, 0: metafor's.
 * RevMan adds each table's add to its cells in the OR and RR sums; for the
 * RD it takes the estimate and the weights from the counts and uses the
 * corrected cells only in the Greenland-Robins variance (metafor: the
 * counts throughout, Sato-Greenland-Robins variance).  Returns 0 or
 * SRW_ENUMERIC when the estimate is undefined (e.g. no events at all). */
int srw_pool__mh(double *est, double *var, double *w, const srw_pool__table *t,
                 size_t k, srw_measure m, int revman, double sums[5]);

/* Peto fixed-effect pool: ln OR = sum(O - E) / sum(V), var = 1 / sum(V);
 * per-table weights V into w (may be NULL). */
int srw_pool__peto(double *est, double *var, double *w,
                   const srw_pool__table *t, size_t k, double sums[5]);

/* What the analysis reports of its totals (a->opts.totals, resolved): with
 * subtotals only, each study's weight is its weight in its subgroup and
 * there is no total; with no totals, no subtotals either and no weights
 * (src/core/totals.c). */
void srw_pool__apply_totals(srw_analysis *a);

#endif
