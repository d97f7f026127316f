/* The orders of studies (a forest plot's --sort, a cumulative analysis's
 * --order) and the choice lists of the sensitivity options: see
 * include/srw/sensitivity.h. */
#include "srw/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

static const srw_choice sort_items[] = {
    {SRW_ORDER_EFFECT, "effect", "smallest first", 0},
    {SRW_ORDER_WEIGHT, "weight", "heaviest first", 0},
    {SRW_ORDER_YEAR, "year", "oldest first", 0},
    {SRW_ORDER_LABEL, "label", NULL, 0},
};
static const srw_choice order_items[] = {
    {SRW_ORDER_YEAR, "year", "default", 0},
    {SRW_ORDER_LABEL, "label", NULL, 0},
    {SRW_ORDER_EFFECT, "effect", "smallest first", 0},
    {SRW_ORDER_PRECISION, "precision", "most precise first", 0},
};
static const srw_choice side_items[] = {
    {SRW_TF_SIDE_LEFT, "left", NULL, 0},
    {SRW_TF_SIDE_RIGHT, "right", NULL, 0},
};
static const srw_choice estimator_items[] = {
    {SRW_TF_L0, "L0", "default", 0},
    {SRW_TF_R0, "R0", NULL, 0},
};

static const srw_choices lists[SRW_SENS_CHOICES_N] = {
    [SRW_SENS_CHOICES_SORT] = {"sort", sort_items, COUNT(sort_items), "the forest plot's rows"},
    [SRW_SENS_CHOICES_ORDER] = {"order", order_items, COUNT(order_items), "of the cumulative meta-analysis"},
    [SRW_SENS_CHOICES_SIDE] = {"side", side_items, COUNT(side_items), "of the missing studies; default from the funnel"},
    [SRW_SENS_CHOICES_ESTIMATOR] = {"estimator", estimator_items, COUNT(estimator_items), "of trim-and-fill"},
};

const srw_choices *srw_sens_choices_of(srw_sens_choice_list l)
{
    return (unsigned)l < SRW_SENS_CHOICES_N ? &lists[l] : NULL;
}

int srw_sens_options_choose(srw_sens_options *o, srw_sens_choice_list l, const char *name)
{
    int v = srw_choices_value(srw_sens_choices_of(l), name);
    if (v < 0)
        return SRW_EUSAGE;
    switch (l) {
    case SRW_SENS_CHOICES_SORT:
        o->sort = (srw_study_order)v;
        break;
    case SRW_SENS_CHOICES_ORDER:
        o->order = (srw_study_order)v;
        break;
    case SRW_SENS_CHOICES_SIDE:
        o->side = (srw_tf_side)v;
        break;
    default:
        o->estimator = (srw_tf_estimator)v;
        break;
    }
    return 0;
}

const char *srw_study_order_name(srw_study_order o)
{
    static const char *const names[] = {"data", "year", "label", "effect", "precision", "weight"};
    return (unsigned)o < COUNT(names) ? names[o] : NULL;
}

const char *srw_tf_side_name(srw_tf_side s)
{
    return s == SRW_TF_SIDE_LEFT ? "left" : s == SRW_TF_SIDE_RIGHT ? "right" : "auto";
}

const char *srw_tf_estimator_name(srw_tf_estimator e)
{
    return e == SRW_TF_R0 ? "R0" : "L0";
}

/* A stable merge sort of perm by cmp: n is small (studies of one
 * outcome), and stability keeps ties in the data's order, as R's order()
 * does (the references rely on it). */
typedef struct order_ctx {
    const srw_analysis *a;
    const int *years;
    srw_study_order key;
    const size_t *group; /* subgroup rank of each study */
} order_ctx;

/* < 0 when study i goes before study j. */
static int cmp(const order_ctx *c, size_t i, size_t j)
{
    if (c->group[i] != c->group[j])
        return c->group[i] < c->group[j] ? -1 : 1;
    const srw_study_result *si = &c->a->studies[i], *sj = &c->a->studies[j];
    switch (c->key) {
    case SRW_ORDER_YEAR: {
        /* Unknown years (0) last, as R's order() puts NA last. */
        int yi = c->years ? c->years[i] : 0, yj = c->years ? c->years[j] : 0;
        if ((yi > 0) != (yj > 0))
            return yi > 0 ? -1 : 1;
        return (yi > yj) - (yi < yj);
    }
    case SRW_ORDER_LABEL:
        return strcmp(si->study ? si->study : "", sj->study ? sj->study : "");
    case SRW_ORDER_EFFECT:
    case SRW_ORDER_PRECISION:
    case SRW_ORDER_WEIGHT: {
        double a = c->key == SRW_ORDER_EFFECT ? si->yi : c->key == SRW_ORDER_PRECISION ? si->se : -si->weight;
        double b = c->key == SRW_ORDER_EFFECT ? sj->yi : c->key == SRW_ORDER_PRECISION ? sj->se : -sj->weight;
        int fa = si->estimable && isfinite(a), fb = sj->estimable && isfinite(b);
        if (fa != fb)
            return fa ? -1 : 1;
        if (!fa)
            return 0;
        return (a > b) - (a < b);
    }
    default:
        return 0;
    }
}

static void merge_sort(size_t *p, size_t *tmp, size_t n, const order_ctx *c)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(p, tmp, h, c);
    merge_sort(p + h, tmp, n - h, c);
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n)
        tmp[o++] = cmp(c, p[j], p[i]) < 0 ? p[j++] : p[i++];
    while (i < h)
        tmp[o++] = p[i++];
    while (j < n)
        tmp[o++] = p[j++];
    memcpy(p, tmp, n * sizeof *p);
}

void srw_study_order_sort(size_t *perm, const srw_analysis *a, const int *years, srw_study_order key)
{
    size_t n = a->n_studies;
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    if (key == SRW_ORDER_DATA || n < 2)
        return;
    size_t *work = malloc(2 * n * sizeof *work);
    if (work == NULL) /* the data's order is still an order */
        return;
    size_t *group = work + n;
    /* Subgroups in their order of first appearance (the analysis's), so
     * that a sorted plot keeps each subgroup's rows together. */
    for (size_t i = 0; i < n; i++) {
        group[i] = 0;
        const char *sg = a->studies[i].subgroup;
        for (size_t g = 0; sg != NULL && g < a->n_subgroups; g++)
            if (strcmp(a->subgroups[g].name, sg) == 0) {
                group[i] = g + 1;
                break;
            }
    }
    order_ctx c = {a, years, key, group};
    merge_sort(perm, work, n, &c);
    free(work);
}
