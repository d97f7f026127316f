/* srw/agreement.h - agreement between two reviewers' judgements (core,
 * pure; used by `srw reconcile` for the risk-of-bias judgements). */
#ifndef SRW_AGREEMENT_H
#define SRW_AGREEMENT_H

#include <stddef.h>

#include "srw/error.h"

/* Cohen's kappa (Cohen 1960, Educ Psychol Meas 20:37-46):
 * kappa = (p_o - p_e) / (1 - p_e), p_e = sum_k p_a(k) p_b(k), over n paired
 * ratings a[i], b[i] in 0..n_categories-1.  *kappa is NAN when p_e = 1 (both
 * raters used one category only); *p_o may be NULL. */
int srw_agreement_kappa(const int *a, const int *b, size_t n, int n_categories, double *kappa, double *p_o,
                        srw_error *err);

#endif
