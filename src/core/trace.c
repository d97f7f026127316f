/* The explanation's trace (srw/trace.h): its lifetime and the one growing
 * list it holds.  What goes into it is recorded where it is computed
 * (effect.c, mh.c, pool.c, tau2.c, grade.c, grade_rob.c). */
#include "srw/trace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool_internal.h"

void srw_trace_init(srw_trace *t)
{
    if (t != NULL)
        memset(t, 0, sizeof *t);
}

static void iters_dispose(srw_trace_iters *it)
{
    free(it->items);
    memset(it, 0, sizeof *it);
}

void srw_trace_dispose(srw_trace *t)
{
    if (t == NULL)
        return;
    free(t->studies);
    iters_dispose(&t->tau2.iters);
    iters_dispose(&t->qp.lower_iters);
    iters_dispose(&t->qp.upper_iters);
    memset(t, 0, sizeof *t);
}

int srw_trace_complete(const srw_trace *t)
{
    return t != NULL && !t->tau2.iters.nomem && !t->qp.lower_iters.nomem && !t->qp.upper_iters.nomem;
}

void srw_trace__iter_add(srw_trace_iters *it, const srw_trace_iter *x)
{
    if (it == NULL || it->nomem)
        return;
    if (it->n == it->cap) {
        size_t cap = it->cap ? 2 * it->cap : 16;
        srw_trace_iter *p = realloc(it->items, cap * sizeof *p);
        if (p == NULL) {
            it->nomem = 1;
            return;
        }
        it->items = p;
        it->cap = cap;
    }
    it->items[it->n++] = *x;
}

/* A trace ready for an analysis of k studies, its numbers undefined until
 * recorded: 0 or SRW_ENOMEM. */
int srw_trace__start(srw_trace *t, size_t k, size_t **pos)
{
    srw_trace_dispose(t);
    t->studies = calloc(k, sizeof *t->studies);
    *pos = calloc(k, sizeof **pos);
    if (t->studies == NULL || *pos == NULL)
        return SRW_ENOMEM;
    t->n_studies = k;
    for (size_t i = 0; i < k; i++) {
        srw_trace_study *s = &t->studies[i];
        s->v = s->w_fixed = s->w_iv = s->q_term = s->w_model = NAN;
    }
    t->z = t->sum_w = t->sum_w2 = t->sum_wy = t->fe = t->fe_var = NAN;
    t->weight_total = t->sum_w_model = t->sum_wy_model = t->se_model = t->q_gen = t->crit = t->half_t = t->half_z = NAN;
    t->pi_crit = t->pi_var = t->s2 = NAN;
    t->tau2.raw = t->tau2.start_raw = t->tau2.ll_drop = NAN;
    return 0;
}
