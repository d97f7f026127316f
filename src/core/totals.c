/* The totals an analysis reports (srw_pool_options.totals): RevMan's
 * TOTALS setting.  A review that pools subgroups but not across them
 * ("subtotals only") shows each study's weight within its subgroup and no
 * total; one with no totals shows the studies alone.  srw shows the same,
 * and says why: "no total" is a state of the analysis, never a number.
 *
 * Evidence (RevMan's stored results; doc/methods.md "Totals"): with
 * TOTALS="SUB" and subgroups RevMan stores study weights that sum to 100
 * within each subgroup (CD008625 3.2: WEIGHT="300.0" over three subgroups)
 * and an overall that is the inverse-variance pool of the subgroup results
 * (srw_subgroup_test's estimate); with TOTALS="SUB" and no subgroups, or
 * TOTALS="NO", it stores the total (and the subtotals) as not estimable and
 * every study's weight as 0 (CD008625 7.4, 15.5). */
#include "pool_internal.h"

#include <math.h>
#include <string.h>

static const char no_total_text[] = "the review reports no total for this analysis";
static const char subtotals_only_text[] = "the review reports subgroup totals only, no overall total";
static const char no_subtotal_text[] = "the review reports no totals for this analysis, nor subtotals";

/* p without a pooled result: its counts of studies, participants and events
 * stay (facts about the studies), every pooled number is NAN. */
static void unpooled(srw_pooled *p, const char *why)
{
    size_t k_total = p->k_total;
    double et = p->exp_total, ct = p->ctl_total, ee = p->exp_events, ce = p->ctl_events;
    memset(p, 0, sizeof *p);
    p->estimate = p->se = p->ci_lower = p->ci_upper = NAN;
    p->stat = p->stat_df = p->pvalue = NAN;
    p->tau2 = p->tau2_ci_lower = p->tau2_ci_upper = p->tau = NAN;
    p->I2 = p->I2_tau2 = p->H2 = NAN;
    p->Q = p->Q_df = p->Q_pvalue = NAN;
    p->pi_lower = p->pi_upper = NAN;
    p->hksj_factor = p->ci_lower_wide = p->ci_upper_wide = NAN;
    p->converged = 1;
    p->k_total = k_total;
    p->exp_total = et, p->ctl_total = ct, p->exp_events = ee, p->ctl_events = ce;
    p->note = why;
}

void srw_pool__apply_totals(srw_analysis *a)
{
    srw_totals t = a->opts.totals;
    if (t != SRW_TOTALS_SUB && t != SRW_TOTALS_NONE)
        return;
    if (t == SRW_TOTALS_SUB && a->n_subgroups > 0) {
        a->no_total = subtotals_only_text;
        unpooled(&a->overall, a->no_total);
        for (size_t i = 0; i < a->n_studies; i++)
            if (isfinite(a->studies[i].weight_subgroup))
                a->studies[i].weight = a->studies[i].weight_subgroup;
        return;
    }
    a->no_total = a->n_subgroups > 0 ? no_subtotal_text : no_total_text;
    unpooled(&a->overall, a->no_total);
    for (size_t i = 0; i < a->n_studies; i++)
        a->studies[i].weight = a->studies[i].weight_subgroup = NAN;
    for (size_t g = 0; g < a->n_subgroups; g++)
        unpooled(&a->subgroups[g].pooled, a->no_total);
    srw_subgroup_test *s = &a->subgroup_test;
    memset(s, 0, sizeof *s);
    s->Q = s->df = s->pvalue = s->I2 = NAN;
    s->estimate = s->se = s->ci_lower = s->ci_upper = s->stat = s->pvalue_estimate = NAN;
}
