/* Step 1 of an explanation: each study's effect and variance, the formula
 * with the numbers put in (the cells and intermediate values the trace
 * recorded, srw_effect_detail), any zero-cell correction and why, the SE
 * and the study's interval.  Lays out; computes nothing. */
#include "report/explain_steps.h"

#include <math.h>
#include <stdio.h>

/* The measure's formula, with its notation, at the head of the step. */
static void formulas(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_pool_options *o = &c->an->opts;
    switch (o->measure) {
    case SRW_MEASURE_OR:
        ex_eq(x, "ln OR_i = ln((a·d) / (b·c)),   v_i = 1/a + 1/b + 1/c + 1/d");
        break;
    case SRW_MEASURE_RR:
        ex_eq(x, "ln RR_i = ln((a/n_1) / (c/n_2)),   v_i = 1/a − 1/n_1 + 1/c − 1/n_2");
        break;
    case SRW_MEASURE_RD:
        ex_eq(x, "RD_i = a/n_1 − c/n_2,   v_i = a·b/n_1^3 + c·d/n_2^3");
        break;
    case SRW_MEASURE_PETO:
        ex_eq(x, "O − E = a − n_1(a + c)/N,   V = n_1·n_2·(a + c)(b + d) / (N^2(N − 1)),   "
                 "ln OR_i = (O − E)/V,   v_i = 1/V");
        break;
    case SRW_MEASURE_MD:
        ex_eq(x, "MD_i = m_1 − m_2,   v_i = s_1^2/n_1 + s_2^2/n_2");
        break;
    case SRW_MEASURE_ROM:
        ex_eq(x, "ln ROM_i = ln(m_1/m_2),   v_i = s_1^2/(n_1·m_1^2) + s_2^2/(n_2·m_2^2)");
        break;
    case SRW_MEASURE_SMD:
        ex_eq(x, "s = √(((n_1 − 1)s_1^2 + (n_2 − 1)s_2^2) / (N − 2)),   d = (m_1 − m_2)/s,   g_i = J·d");
        if (o->smd == SRW_SMD_HEDGES)
            ex_eq(x, "J = 1 − 3/(4N − 9),   v_i = N/(n_1·n_2) + g_i^2/(2(N − 3.94))");
        else if (o->smd == SRW_SMD_HEDGES_EXACT)
            ex_eq(x, "J = Γ(m/2) / (√(m/2)·Γ((m − 1)/2)) with m = N − 2,   v_i = 1/n_1 + 1/n_2 + g_i^2/(2N)");
        else
            ex_eq(x, "J = 1 (Cohen's d),   v_i = 1/n_1 + 1/n_2 + d^2/(2N)");
        break;
    default:
        ex_eq(x, "y_i = the estimate as entered,   v_i = SE_i^2");
        break;
    }
    if (c->an->type == SRW_TYPE_DICHOTOMOUS)
        ex_para(x, "a and n_1 are the events and participants with the intervention, c and n_2 with the control; "
                   "b = n_1 − a and d = n_2 − c are those without the event%s.",
                o->measure == SRW_MEASURE_PETO ? ", N = n_1 + n_2" : "");
    else if (c->an->type == SRW_TYPE_CONTINUOUS)
        ex_para(x, "m, s and n are each arm's mean, SD and participants (1 the intervention, 2 the control)%s.",
                o->measure == SRW_MEASURE_SMD ? ", N = n_1 + n_2" : "");
}

static void source(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_pool_options *o = &c->an->opts;
    if (c->an->type == SRW_TYPE_DICHOTOMOUS)
        ex_source(x, "%s, \"Dichotomous data\"; %s, 6.4.1 (effect measures for dichotomous outcomes) and 10.4.4.1 "
                     "(studies with no events in one or more arms).",
                  EX_RM5, EX_HB);
    else if (o->measure == SRW_MEASURE_SMD && o->smd == SRW_SMD_HEDGES_EXACT)
        ex_source(x, "%s, escalc(\"SMD\"); Hedges LV. Distribution theory for Glass's estimator of effect size "
                     "and related estimators. J Educ Stat 1981;6:107-128 (the exact correction); %s, 6.5.1.2.",
                  EX_MF, EX_HB);
    else if (o->measure == SRW_MEASURE_ROM)
        ex_source(x, "%s, escalc(\"ROM\"); %s, 6.5.1.3 (the ratio of means).", EX_MF, EX_HB);
    else if (c->an->type == SRW_TYPE_CONTINUOUS)
        ex_source(x, "%s, \"Continuous data\"; %s, 6.5.1 (effect measures for continuous outcomes).", EX_RM5,
                  EX_HB);
    else
        ex_source(x, "%s, 10.3 (the generic inverse-variance approach): the effect and its SE as the record gives "
                     "them, on the analysis scale.",
                  EX_HB);
}

/* Why cells were changed or studies left out, once, when any was. */
static void zero_cells(ex_ctx *c)
{
    const srw_analysis *an = c->an;
    int half = 0, double_zero = 0;
    for (size_t i = 0; i < an->n_studies; i++) {
        half |= (an->studies[i].corrections & SRW_CORR_HALF_ADDED) != 0;
        double_zero |= (an->studies[i].corrections & (SRW_CORR_DOUBLE_ZERO | SRW_CORR_ALL_EVENTS)) != 0;
    }
    if (half)
        ex_para(c->x, "Zero cells: a study with a zero cell gets 0.5 added to each of its four cells (n_1 and n_2 "
                      "grow by 1), as RevMan does, so that its log ratio and variance are finite%s.",
                an->opts.measure == SRW_MEASURE_RD ? "; for the risk difference only the variance needs it, and RD "
                                                     "itself is taken from the counts as reported"
                                                   : "");
    if (double_zero && an->opts.measure != SRW_MEASURE_RD)
        ex_para(c->x, "A study with no events in either arm (or events in everyone) is not estimable for a ratio: it "
                      "says nothing about which arm does better, and is left out of the pool (metafor's drop00 "
                      "does the same).");
}

static void dichotomous(ex_ctx *c, size_t i, const srw_study_row *r)
{
    ex_doc *x = c->x;
    const srw_study_result *s = &c->an->studies[i];
    const srw_effect_detail *e = &c->t->studies[i].effect;
    double v = c->t->studies[i].v;
    char lab[64];
    ex_para(x, "a = %s of n_1 = %s with the intervention, c = %s of n_2 = %s with the control.",
            ex_g(x, r->exp_events), ex_g(x, r->exp_total), ex_g(x, r->ctl_events), ex_g(x, r->ctl_total));
    if (s->corrections & SRW_CORR_HALF_ADDED)
        ex_para(x, "A cell is zero: with 0.5 added, a = %s, b = %s, c = %s, d = %s, n_1 = %s, n_2 = %s.",
                ex_g(x, e->a), ex_g(x, e->b), ex_g(x, e->c), ex_g(x, e->d), ex_g(x, e->n1), ex_g(x, e->n2));
    if (!s->estimable)
        return;
    snprintf(lab, sizeof lab, "study %zu effect", i + 1);
    switch (c->an->opts.measure) {
    case SRW_MEASURE_OR:
        ex_res(x, lab, "ln OR_{%zu} = ln((%s × %s) / (%s × %s)) = %s%s", i + 1, ex_g(x, e->a), ex_g(x, e->d),
               ex_g(x, e->b), ex_g(x, e->c), ex_n(x, s->yi), ex_disp(c, s->yi));
        snprintf(lab, sizeof lab, "study %zu variance", i + 1);
        ex_res(x, lab, "v_{%zu} = 1/%s + 1/%s + 1/%s + 1/%s = %s", i + 1, ex_g(x, e->a), ex_g(x, e->b),
               ex_g(x, e->c), ex_g(x, e->d), ex_n(x, v));
        break;
    case SRW_MEASURE_RR:
        ex_res(x, lab, "ln RR_{%zu} = ln((%s/%s) / (%s/%s)) = %s%s", i + 1, ex_g(x, e->a), ex_g(x, e->n1),
               ex_g(x, e->c), ex_g(x, e->n2), ex_n(x, s->yi), ex_disp(c, s->yi));
        snprintf(lab, sizeof lab, "study %zu variance", i + 1);
        ex_res(x, lab, "v_{%zu} = 1/%s − 1/%s + 1/%s − 1/%s = %s", i + 1, ex_g(x, e->a), ex_g(x, e->n1),
               ex_g(x, e->c), ex_g(x, e->n2), ex_n(x, v));
        break;
    case SRW_MEASURE_RD:
        ex_res(x, lab, "RD_{%zu} = %s/%s − %s/%s = %s", i + 1, ex_g(x, r->exp_events), ex_g(x, r->exp_total),
               ex_g(x, r->ctl_events), ex_g(x, r->ctl_total), ex_n(x, s->yi));
        snprintf(lab, sizeof lab, "study %zu variance", i + 1);
        ex_res(x, lab, "v_{%zu} = %s × %s/%s^3 + %s × %s/%s^3 = %s", i + 1, ex_g(x, e->a), ex_g(x, e->b),
               ex_g(x, e->n1), ex_g(x, e->c), ex_g(x, e->d), ex_g(x, e->n2), ex_n(x, v));
        break;
    default: /* Peto */
        ex_eq(x, "O − E = %s − %s × (%s + %s)/%s = %s", ex_g(x, e->a), ex_g(x, e->n1), ex_g(x, e->a), ex_g(x, e->c),
              ex_g(x, e->N), ex_n(x, e->o_minus_e));
        ex_eq(x, "V = %s × %s × (%s + %s) × (%s + %s) / (%s^2 × (%s − 1)) = %s", ex_g(x, e->n1), ex_g(x, e->n2),
              ex_g(x, e->a), ex_g(x, e->c), ex_g(x, e->b), ex_g(x, e->d), ex_g(x, e->N), ex_g(x, e->N),
              ex_n(x, e->v_peto));
        ex_res(x, lab, "ln OR_{%zu} = (O − E)/V = %s/%s = %s%s", i + 1, ex_n(x, e->o_minus_e), ex_n(x, e->v_peto),
               ex_n(x, s->yi), ex_disp(c, s->yi));
        snprintf(lab, sizeof lab, "study %zu variance", i + 1);
        ex_res(x, lab, "v_{%zu} = 1/V = 1/%s = %s", i + 1, ex_n(x, e->v_peto), ex_n(x, v));
        break;
    }
}

static void continuous(ex_ctx *c, size_t i, const srw_study_row *r)
{
    ex_doc *x = c->x;
    const srw_pool_options *o = &c->an->opts;
    const srw_study_result *s = &c->an->studies[i];
    const srw_effect_detail *e = &c->t->studies[i].effect;
    double v = c->t->studies[i].v;
    char lab[64], vlab[64];
    ex_para(x, "m_1 = %s, s_1 = %s, n_1 = %s with the intervention; m_2 = %s, s_2 = %s, n_2 = %s with the control.",
            ex_g(x, r->exp_mean), ex_g(x, r->exp_sd), ex_g(x, r->exp_total), ex_g(x, r->ctl_mean), ex_g(x, r->ctl_sd),
            ex_g(x, r->ctl_total));
    if (!s->estimable)
        return;
    snprintf(lab, sizeof lab, "study %zu effect", i + 1);
    snprintf(vlab, sizeof vlab, "study %zu variance", i + 1);
    switch (o->measure) {
    case SRW_MEASURE_MD:
        ex_res(x, lab, "MD_{%zu} = %s − %s = %s", i + 1, ex_g(x, r->exp_mean), ex_gp(x, r->ctl_mean), ex_n(x, s->yi));
        ex_res(x, vlab, "v_{%zu} = %s^2/%s + %s^2/%s = %s", i + 1, ex_g(x, r->exp_sd), ex_g(x, r->exp_total),
               ex_g(x, r->ctl_sd), ex_g(x, r->ctl_total), ex_n(x, v));
        break;
    case SRW_MEASURE_ROM:
        ex_res(x, lab, "ln ROM_{%zu} = ln(%s/%s) = %s%s", i + 1, ex_g(x, r->exp_mean), ex_g(x, r->ctl_mean),
               ex_n(x, s->yi), ex_disp(c, s->yi));
        ex_res(x, vlab, "v_{%zu} = %s^2/(%s × %s^2) + %s^2/(%s × %s^2) = %s", i + 1, ex_g(x, r->exp_sd),
               ex_g(x, r->exp_total), ex_g(x, r->exp_mean), ex_g(x, r->ctl_sd), ex_g(x, r->ctl_total),
               ex_g(x, r->ctl_mean), ex_n(x, v));
        break;
    default: /* SMD */
        ex_eq(x, "s = √(((%s − 1) × %s^2 + (%s − 1) × %s^2) / (%s − 2)) = %s", ex_g(x, r->exp_total),
              ex_g(x, r->exp_sd), ex_g(x, r->ctl_total), ex_g(x, r->ctl_sd), ex_g(x, e->N), ex_n(x, e->sd_pooled));
        ex_eq(x, "d = (%s − %s)/%s = %s", ex_g(x, r->exp_mean), ex_gp(x, r->ctl_mean), ex_n(x, e->sd_pooled),
              ex_n(x, e->d_cohen));
        if (o->smd == SRW_SMD_HEDGES)
            ex_eq(x, "J = 1 − 3/(4 × %s − 9) = %s", ex_g(x, e->N), ex_n(x, e->j));
        else if (o->smd == SRW_SMD_HEDGES_EXACT)
            ex_eq(x, "J = Γ(m/2) / (√(m/2)·Γ((m − 1)/2)) with m = %s − 2: J = %s", ex_g(x, e->N), ex_n(x, e->j));
        ex_res(x, lab, "g_{%zu} = J·d = %s × %s = %s", i + 1, ex_n(x, e->j), ex_np(x, e->d_cohen), ex_n(x, s->yi));
        if (o->smd == SRW_SMD_HEDGES)
            ex_res(x, vlab, "v_{%zu} = %s/(%s × %s) + %s^2/(2 × (%s − 3.94)) = %s", i + 1, ex_g(x, e->N),
                   ex_g(x, r->exp_total), ex_g(x, r->ctl_total), ex_np(x, s->yi), ex_g(x, e->N), ex_n(x, v));
        else
            ex_res(x, vlab, "v_{%zu} = 1/%s + 1/%s + %s^2/(2 × %s) = %s", i + 1, ex_g(x, r->exp_total),
                   ex_g(x, r->ctl_total), ex_np(x, s->yi), ex_g(x, e->N), ex_n(x, v));
        break;
    }
}

static void generic(ex_ctx *c, size_t i, const srw_study_row *r)
{
    ex_doc *x = c->x;
    const srw_study_result *s = &c->an->studies[i];
    char lab[64];
    ex_para(x, "The record gives the estimate %s with SE %s.", ex_g(x, r->estimate), ex_g(x, r->se));
    if (!s->estimable)
        return;
    snprintf(lab, sizeof lab, "study %zu effect", i + 1);
    ex_res(x, lab, "y_{%zu} = %s", i + 1, ex_n(x, s->yi));
    snprintf(lab, sizeof lab, "study %zu variance", i + 1);
    ex_res(x, lab, "v_{%zu} = SE^2 = %s^2 = %s", i + 1, ex_g(x, r->se), ex_n(x, c->t->studies[i].v));
}

void ex_step_effects(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_analysis *an = c->an;
    ex_step(x, "Each study's effect and its variance");
    source(c);
    ex_para(x, "Each study's result is turned into an effect y_i on the analysis scale and its variance v_i, the "
               "square of its standard error. The smaller the variance, the more precise the study.");
    formulas(c);
    zero_cells(c);
    for (size_t i = 0; i < an->n_studies; i++) {
        const srw_study_result *s = &an->studies[i];
        const srw_study_row *r = ex_row_of(c, i);
        ex_sub(x, "Study %zu: %s", i + 1, ex_lit(x, s->study));
        if (r != NULL) {
            if (an->type == SRW_TYPE_DICHOTOMOUS)
                dichotomous(c, i, r);
            else if (an->type == SRW_TYPE_CONTINUOUS)
                continuous(c, i, r);
            else
                generic(c, i, r);
        }
        if (!s->estimable) {
            ex_para(x, "Not estimable: %s. It takes no part in the pool.",
                    ex_lit(x, s->reason ? s->reason : "no data"));
            continue;
        }
        char lab[64];
        snprintf(lab, sizeof lab, "study %zu SE", i + 1);
        ex_res(x, lab, "SE_{%zu} = √v_{%zu} = √%s = %s", i + 1, i + 1, ex_n(x, c->t->studies[i].v),
               ex_n(x, s->se));
        snprintf(lab, sizeof lab, "study %zu CI", i + 1);
        ex_res(x, lab, "y_{%zu} ± z·SE_{%zu} = %s ± %s × %s = %s to %s%s", i + 1, i + 1, ex_n(x, s->yi),
               ex_n(x, c->t->z), ex_n(x, s->se), ex_n(x, s->ci_lower), ex_n(x, s->ci_upper),
               ex_disp2(c, s->ci_lower, s->ci_upper));
    }
    ex_para(x, "z = %s is the standard normal quantile for a %s interval.", ex_n(x, c->t->z), c->level);
}
