/* Leave-one-out and cumulative meta-analysis: the analysis refitted
 * without each study in turn (metafor leave1out()), and with its studies
 * added one at a time in an order (cumul(); Lau et al., N Engl J Med
 * 1992;327:248).  Each refit is srw_pool__fit with the analysis's own
 * options (model, method, tau^2 estimator, CI method, level), the code
 * that pooled the analysis, so a refit of every study is the analysis. */
#include <math.h>
#include <stdlib.h>

#include "core/sens_internal.h"

void srw_sens__fit_from(srw_sens_fit *f, const srw_pooled *p, const srw_pool_options *o)
{
    int random = o->model == SRW_MODEL_RANDOM;
    f->k = p->k;
    f->estimate = p->estimate;
    f->se = p->se;
    f->stat = p->stat;
    f->stat_df = p->stat_df;
    f->pvalue = p->pvalue;
    f->ci_lower = p->ci_lower;
    f->ci_upper = p->ci_upper;
    f->Q = p->Q;
    f->Q_pvalue = p->Q_pvalue;
    /* A fixed-effect fit has no tau^2 (metafor leaves it out). */
    f->tau2 = random ? p->tau2 : NAN;
    f->I2 = p->I2;
    f->I2_tau2 = random && p->k > 1 ? p->I2_tau2 : NAN;
    f->H2 = p->H2;
    double lo, hi;
    srw_pooled_judged_ci(p, &lo, &hi);
    f->cls = srw_sens_class_of(lo, hi);
    f->note = p->note;
}

static void blank_fit(srw_sens_fit *f, size_t study, const char *note)
{
    f->study = study;
    f->k = 0;
    f->estimate = f->se = f->stat = f->stat_df = f->pvalue = f->ci_lower = f->ci_upper = NAN;
    f->Q = f->Q_pvalue = f->tau2 = f->I2 = f->I2_tau2 = f->H2 = NAN;
    f->cls = SRW_SENS_NONE;
    f->note = note;
}

/* Copy estimable study j of in into the refit arrays at position at. */
static void put(srw_sens__in *in, size_t at, size_t j)
{
    in->wk.y[at] = in->y[j];
    in->wk.v[at] = in->v[j];
    in->wk.t[at] = in->t[j];
}

/* keep: where to keep the pooled result too, or NULL. */
static void refit(srw_sens_fit *f, srw_sens__in *in, size_t n, srw_pooled *keep)
{
    srw_pooled p;
    srw_pool__blank(&p);
    (void)srw_pool__fit(&p, &in->wk, n, &in->a->opts, 0, NULL); /* a failed pool is its note */
    srw_sens__fit_from(f, &p, &in->a->opts);
    if (keep != NULL)
        *keep = p;
}

int srw_sens__leave_one_out(srw_sensitivity *s, srw_sens__in *in, srw_error *err)
{
    size_t k = in->k;
    s->loo = calloc(k ? k : 1, sizeof *s->loo);
    if (s->loo == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the leave-one-out analysis");
    s->n_loo = k;
    for (size_t i = 0; i < k; i++) {
        if (k == 1) {
            blank_fit(&s->loo[i], in->idx[i], "leaving out the only study leaves nothing to pool");
            continue;
        }
        size_t n = 0;
        for (size_t j = 0; j < k; j++)
            if (j != i)
                put(in, n++, j);
        /* An inverse-variance analysis's refit is also influence's. */
        refit(&s->loo[i], in, n, in->a->opts.method == SRW_METHOD_IV ? &in->loo_pool[i] : NULL);
        s->loo[i].study = in->idx[i];
    }
    in->have_loo = k > 1 && in->a->opts.method == SRW_METHOD_IV;
    return 0;
}

int srw_sens__cumulative(srw_sensitivity *s, srw_sens__in *in, srw_study_order order, srw_error *err)
{
    size_t k = in->k, n_all = in->a->n_studies;
    if (order == SRW_ORDER_DATA)
        order = SRW_ORDER_YEAR;
    s->order = order;
    s->cumul = calloc(k ? k : 1, sizeof *s->cumul);
    size_t *perm = malloc((n_all ? n_all : 1) * sizeof *perm);
    size_t *pos = malloc((n_all ? n_all : 1) * sizeof *pos); /* analysis index -> estimable index */
    if (s->cumul == NULL || perm == NULL || pos == NULL) {
        free(perm);
        free(pos);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory for the cumulative meta-analysis");
    }
    for (size_t j = 0; j < n_all; j++)
        pos[j] = (size_t)-1;
    for (size_t j = 0; j < k; j++)
        pos[in->idx[j]] = j;
    srw_study_order_sort(perm, in->a, in->years, order);
    size_t n = 0;
    for (size_t r = 0; r < n_all; r++) {
        size_t j = pos[perm[r]];
        if (j == (size_t)-1) /* not estimable: adds no step */
            continue;
        put(in, n, j);
        n++;
        refit(&s->cumul[n - 1], in, n, NULL);
        s->cumul[n - 1].study = perm[r];
    }
    s->n_cumul = n;
    free(perm);
    free(pos);
    return 0;
}
