/* Steps 5 to 8 of an explanation: the model's weights and the pooled
 * estimate, its confidence interval and test (Wald, or HKSJ with its
 * variance factor and t quantile), the prediction interval, and I^2 and
 * H^2.  Lays out what the analysis and its trace hold; computes nothing. */
#include "report/explain_steps.h"

#include <math.h>
#include <stdio.h>

static int random_model(const ex_ctx *c)
{
    return c->an->opts.model == SRW_MODEL_RANDOM && c->an->overall.k > 1;
}

void ex_step_pooled(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_analysis *an = c->an;
    const srw_pooled *p = &an->overall;
    int random = random_model(c);
    ex_step(x, random ? "The random-effects weights and the pooled estimate" : "The pooled estimate and its weights");
    if (random) {
        ex_source(x, "%s; %s, 10.3.2 (random-effects methods); %s.", EX_DL, EX_HB, EX_RM5);
        ex_para(x, "Each study is weighted by the inverse of its variance plus τ^2: the larger τ^2, the more "
                   "equal the weights.");
        ex_eq(x, "w*_i = 1/(v_i + τ^2),   μ = Σw*_i·y_i / Σw*_i,   SE_{Wald}(μ) = √(1/Σw*_i)");
    } else if (an->opts.model == SRW_MODEL_RANDOM) {
        ex_source(x, "%s, 10.3.2 (random-effects methods).", EX_HB);
        ex_para(x, "With one study there is no between-study variance to estimate: the pooled estimate is the "
                   "fixed-effect one.");
    } else {
        ex_source(x, "%s; %s, 10.3.1 (the fixed-effect method), 10.4.1 and 10.4.2 (Mantel-Haenszel, Peto).",
                  EX_RM5, EX_HB);
        ex_para(x, "Under the fixed-effect model the pooled estimate is the fixed-effect estimate of the chosen "
                   "method, and each study's weight is its weight in that method.");
    }
    static const char *const head[] = {"Study", "v_i", "weight", "weight (%)"};
    ex_table(x, 4, head);
    for (size_t i = 0; i < an->n_studies; i++) {
        if (!an->studies[i].estimable)
            continue;
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        const char *row[] = {name, ex_n(x, t->studies[i].v), ex_n(x, t->studies[i].w_model),
                             ex_n(x, an->studies[i].weight)};
        ex_row(x, row);
    }
    ex_table_end(x);
    for (size_t i = 0; i < an->n_studies; i++) {
        if (!an->studies[i].estimable)
            continue;
        char lab[64];
        snprintf(lab, sizeof lab, "study %zu weight", i + 1);
        ex_res(x, lab, "100 × %s / %s = %s", ex_n(x, t->studies[i].w_model), ex_n(x, t->weight_total),
               ex_n(x, an->studies[i].weight));
    }
    if (random) {
        ex_res(x, "pooled estimate", "μ = Σw*_i·y_i / Σw*_i = %s / %s = %s%s", ex_n(x, t->sum_wy_model),
               ex_n(x, t->sum_w_model), ex_n(x, p->estimate), ex_disp(c, p->estimate));
        ex_res(x, "Wald SE", "√(1/Σw*_i) = √(1/%s) = %s", ex_n(x, t->sum_w_model), ex_n(x, t->se_model));
    } else {
        ex_res(x, "pooled estimate", "μ = μ_F = %s%s", ex_n(x, p->estimate), ex_disp(c, p->estimate));
        ex_res(x, "Wald SE", "√Var(μ_F) = √%s = %s", ex_n(x, t->fe_var), ex_n(x, t->se_model));
    }
    if (an->n_subgroups > 0 && an->subgroup_test.present)
        ex_para(x, "The outcome has %zu subgroups; each is pooled the same way on its own, with its own τ^2 (not "
                   "walked through here). The test for subgroup differences gives Q = %s on %s df (P = %s).",
                an->n_subgroups, ex_n(x, an->subgroup_test.Q), ex_g(x, an->subgroup_test.df),
                ex_n(x, an->subgroup_test.pvalue));
}

void ex_step_ci(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pooled *p = &c->an->overall;
    int hksj = c->an->opts.ci == SRW_CI_HKSJ && p->k > 1;
    ex_step(x, hksj ? "The confidence interval and test (Hartung-Knapp-Sidik-Jonkman)"
                    : "The confidence interval and test (Wald)");
    if (!hksj) {
        ex_source(x, "%s; %s, 10.3.", EX_RM5, EX_HB);
        if (c->an->opts.ci == SRW_CI_HKSJ)
            ex_para(x, "HKSJ needs a t distribution on k − 1 degrees of freedom; with one study there is none, "
                       "and the Wald interval is used.");
        ex_para(x, "The estimate is taken as normal around the true effect: the interval is μ ± z·SE and the test "
                   "is Z = μ/SE.");
        ex_res(x, "pooled SE", "SE = %s", ex_n(x, p->se));
        ex_res(x, "CI", "μ ± z·SE = %s ± %s × %s = %s to %s%s", ex_n(x, p->estimate), ex_n(x, t->crit),
               ex_n(x, p->se), ex_n(x, p->ci_lower), ex_n(x, p->ci_upper), ex_disp2(c, p->ci_lower, p->ci_upper));
        ex_res(x, "test statistic", "Z = μ/SE = %s/%s = %s", ex_n(x, p->estimate), ex_n(x, p->se), ex_n(x, p->stat));
        ex_res(x, "p-value", "2·(1 − Φ(|Z|)) = %s", ex_n(x, p->pvalue));
        return;
    }
    ex_source(x, "Hartung J, Knapp G. On tests of the overall treatment effect in meta-analysis with normally "
                 "distributed responses. Stat Med 2001;20:1771-1782; Sidik K, Jonkman JN. A simple confidence "
                 "interval for meta-analysis. Stat Med 2002;21:3153-3159; IntHout J, Ioannidis JPA, Borm GF. BMC "
                 "Med Res Methodol 2014;14:25; %s, 10.10.4.4.",
              EX_HB);
    ex_para(x, "HKSJ rescales the variance of μ by how far the studies actually scatter around it (the "
               "generalised Q over its degrees of freedom) and uses a t distribution on k − 1 degrees of freedom "
               "instead of the normal, which keeps the interval honest when there are few studies.");
    ex_eq(x, "q = Q_{gen}/(k − 1),   Q_{gen} = Σw*_i(y_i − μ)^2,   SE_{HKSJ} = √(q/Σw*_i)");
    ex_res(x, "generalised Q", "Q_{gen} = %s", ex_n(x, t->q_gen));
    ex_res(x, "HKSJ factor", "q = %s/%s = %s", ex_n(x, t->q_gen), ex_g(x, p->stat_df), ex_n(x, p->hksj_factor));
    ex_res(x, "pooled SE", "SE_{HKSJ} = √(%s/%s) = %s", ex_n(x, p->hksj_factor), ex_n(x, t->sum_w_model),
           ex_n(x, p->se));
    ex_res(x, "t quantile", "t_{%s, %s} = %s", ex_g(x, p->stat_df), c->level, ex_n(x, t->crit));
    ex_res(x, "CI", "μ ± t·SE_{HKSJ} = %s ± %s × %s = %s to %s%s", ex_n(x, p->estimate), ex_n(x, t->crit),
           ex_n(x, p->se), ex_n(x, p->ci_lower), ex_n(x, p->ci_upper), ex_disp2(c, p->ci_lower, p->ci_upper));
    ex_res(x, "test statistic", "t = μ/SE_{HKSJ} = %s/%s = %s", ex_n(x, p->estimate), ex_n(x, p->se),
           ex_n(x, p->stat));
    ex_res(x, "p-value", "2·P(T_{%s} > |t|) = %s", ex_g(x, p->stat_df), ex_n(x, p->pvalue));
    ex_para(x, "When q < 1 (studies more alike than their SEs say) the HKSJ interval can be narrower than the "
               "Wald one; GRADE and the verdict then judge the wider of the two at the same τ^2 (IQWiG General "
               "Methods 6.0; Jackson D et al. Stat Med 2017;36:3923):");
    ex_res(x, "judged CI", "μ ± max(t·SE_{HKSJ}, z·SE_{Wald}) = %s ± max(%s, %s × %s) = %s to %s%s",
           ex_n(x, p->estimate), ex_n(x, t->half_t), ex_n(x, t->z), ex_n(x, t->se_model), ex_n(x, p->ci_lower_wide),
           ex_n(x, p->ci_upper_wide), ex_disp2(c, p->ci_lower_wide, p->ci_upper_wide));
}

void ex_step_pi(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pooled *p = &c->an->overall;
    ex_step(x, "The prediction interval");
    ex_source(x, "Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of random-effects meta-analysis. "
                 "J R Stat Soc A 2009;172:137-159; %s, 10.10.4.3.",
              EX_HB);
    ex_para(x, "Where the true effect of a new study like these would lie: it adds τ^2 to the uncertainty of μ, "
               "and takes t on k − 2 degrees of freedom (τ^2 was estimated too).");
    if (c->an->opts.model != SRW_MODEL_RANDOM) {
        ex_para(x, "None: a fixed-effect model assumes one common effect, with no spread between studies.");
        return;
    }
    if (p->k < 3) {
        ex_para(x, "None: it needs at least 3 studies, for t on k − 2 degrees of freedom, and here k = %zu. A "
                   "single trial, or two, says nothing about how much true effects vary between settings.",
                p->k);
        return;
    }
    ex_eq(x, "μ ± t_{k−2}·√(τ^2 + SE_{Wald}^2)   (the Wald SE, also under HKSJ)");
    ex_eq(x, "t_{%zu, %s} = %s,   τ^2 + SE^2 = %s + %s^2 = %s", p->k - 2, c->level, ex_n(x, t->pi_crit),
          ex_n(x, p->tau2), ex_n(x, t->se_model), ex_n(x, t->pi_var));
    ex_res(x, "prediction interval", "%s ± %s × √%s = %s to %s%s", ex_n(x, p->estimate), ex_n(x, t->pi_crit),
           ex_n(x, t->pi_var), ex_n(x, p->pi_lower), ex_n(x, p->pi_upper), ex_disp2(c, p->pi_lower, p->pi_upper));
}

void ex_step_heterogeneity(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pooled *p = &c->an->overall;
    ex_step(x, "How much of the variation is heterogeneity: I² and H²");
    ex_source(x, "%s; %s, 10.10.2; %s, rma.uni.", EX_HT, EX_HB, EX_MF);
    if (p->k < 2) {
        ex_para(x, "Not applicable with one study.");
        return;
    }
    ex_para(x, "I^2 is the share of the variation across studies that is due to heterogeneity rather than chance.");
    ex_res(x, "I²", "max(0, (Q − df)/Q) × 100 = max(0, (%s − %s)/%s) × 100 = %s", ex_n(x, p->Q), ex_g(x, p->Q_df),
           ex_n(x, p->Q), ex_n(x, p->I2));
    ex_para(x, "The same share from τ^2, with the typical within-study variance s^2 = (k − 1)Σw_i / ((Σw_i)^2 − "
               "Σw_i^2), w_i = 1/v_i (equal to the Q-based I^2 only for DL):");
    ex_eq(x, "s^2 = %s × %s / (%s^2 − %s) = %s", ex_g(x, p->Q_df), ex_n(x, t->sum_w), ex_n(x, t->sum_w),
          ex_n(x, t->sum_w2), ex_n(x, t->s2));
    ex_res(x, "I² from τ²", "100 × τ^2/(τ^2 + s^2) = 100 × %s/(%s + %s) = %s", ex_n(x, p->tau2), ex_n(x, p->tau2),
           ex_n(x, t->s2), ex_n(x, p->I2_tau2));
    if (c->an->opts.model == SRW_MODEL_RANDOM)
        ex_res(x, "H²", "(τ^2 + s^2)/s^2 = (%s + %s)/%s = %s", ex_n(x, p->tau2), ex_n(x, t->s2), ex_n(x, t->s2),
               ex_n(x, p->H2));
    else
        ex_res(x, "H²", "Q/df = %s/%s = %s", ex_n(x, p->Q), ex_g(x, p->Q_df), ex_n(x, p->H2));
}
