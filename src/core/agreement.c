/* Agreement between two raters: see include/srw/agreement.h.  Pure: the
 * store gathers the paired ratings, core computes the statistic. */
#include "srw/agreement.h"

#include <math.h>
#include <stdlib.h>

int srw_agreement_kappa(const int *a, const int *b, size_t n, int n_categories, double *kappa, double *p_o,
                        srw_error *err)
{
    if (n == 0 || n_categories < 1)
        return SRW_FAIL(err, SRW_ENUMERIC, "kappa needs at least one pair of ratings");
    double *pa = calloc((size_t)n_categories * 2, sizeof *pa);
    if (pa == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    double *pb = pa + n_categories;
    size_t agree = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i] < 0 || a[i] >= n_categories || b[i] < 0 || b[i] >= n_categories) {
            free(pa);
            return SRW_FAIL(err, SRW_EDATA, "rating %zu is outside the %d categories", i + 1, n_categories);
        }
        pa[a[i]] += 1.0 / (double)n;
        pb[b[i]] += 1.0 / (double)n;
        agree += a[i] == b[i];
    }
    double po = (double)agree / (double)n, pe = 0;
    for (int k = 0; k < n_categories; k++)
        pe += pa[k] * pb[k];
    free(pa);
    /* p_e = 1 only when both raters put every item in the same single
     * category: kappa is 0/0, undefined, reported as such. */
    *kappa = fabs(1 - pe) < 1e-12 ? NAN : (po - pe) / (1 - pe);
    if (p_o)
        *p_o = po;
    return 0;
}
