/* What the sensitivity analyses share (internal to src/core, sens_*.c):
 * the analysis's estimable studies as arrays, and work space for refits
 * through srw_pool__fit. */
#ifndef SRW_CORE_SENS_INTERNAL_H
#define SRW_CORE_SENS_INTERNAL_H

#include "core/pool_internal.h"
#include "srw/sensitivity.h"

typedef struct srw_sens__in {
    const srw_analysis *a;
    const srw_study_set *set;
    const int *years;
    size_t k;              /* estimable studies */
    size_t *idx;           /* k: the analysis's index of the j-th estimable study */
    double *y, *v;         /* k: effects and variances (analysis scale) */
    srw_pool__table *t;    /* k: 2x2 tables, for Mantel-Haenszel and Peto refits */
    srw_pool_options iv;   /* the analysis's options with the inverse-variance method */
    srw_pool__work wk;     /* refit arrays for up to 2k studies */
    /* The leave-one-out refits, kept when the analysis is inverse-variance:
     * they are then the influence diagnostics' deletion fits too (k
     * entries; have_loo 0 until leave-one-out ran). */
    srw_pooled *loo_pool;
    int have_loo;
} srw_sens__in;

/* A refit's numbers from a pooled result p of model o. */
void srw_sens__fit_from(srw_sens_fit *f, const srw_pooled *p, const srw_pool_options *o);

/* Each analysis fills its part of s from in; 0 or SRW_ENOMEM. */
int srw_sens__leave_one_out(srw_sensitivity *s, srw_sens__in *in, srw_error *err);
int srw_sens__cumulative(srw_sensitivity *s, srw_sens__in *in, srw_study_order order, srw_error *err);
int srw_sens__influence(srw_sensitivity *s, srw_sens__in *in, srw_error *err);
int srw_sens__small_study(srw_sensitivity *s, srw_sens__in *in, srw_error *err);
int srw_sens__trim_fill(srw_sensitivity *s, srw_sens__in *in, srw_tf_side side, srw_tf_estimator est,
                        srw_error *err);

#endif
