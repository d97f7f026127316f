/* The last steps of an explanation: GRADE's domains with the rule and the
 * numbers each looked at (srw_trace_grade), the certainty, GRADE guideline
 * 26's statement, and the verdict read from its table.  Lays out what the
 * assessment decided; decides nothing. */
#include "report/explain_steps.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A threshold or bound on the display scale of the analysis. */
static const char *shown(ex_ctx *c, double v)
{
    return ex_n(c->x, c->ratio ? exp(v) : v);
}

static void domain_result(ex_ctx *c, srw_grade_domain d, const char *label)
{
    const srw_grade_step *s = &c->a->grade.steps[d];
    srw_buf reason = SRW_BUF_INIT;
    srw_report_grade_reason(&reason, s);
    ex_para(c->x, "srw's reason: %s.", ex_lit(c->x, reason.oom ? s->reason : srw_buf_cstr(&reason)));
    srw_buf_dispose(&reason);
    if (s->overridden)
        ex_para(c->x, "The reviewer overrode the computed %d with %d: %s.", s->computed, s->downgrade,
                ex_lit(c->x, s->override_reason));
    if (s->source != NULL)
        ex_para(c->x, "The reviewer's source: %s.", ex_lit(c->x, s->source));
    ex_res(c->x, label, "%s; levels down = %d", s->assessable ? "assessed" : "not assessable", s->downgrade);
}

static const char *rob_word(srw_trace_rob r, int tool)
{
    switch (r) {
    case SRW_TRACE_ROB_LOW: return "low";
    case SRW_TRACE_ROB_HIGH: return "high";
    case SRW_TRACE_ROB_MIDDLE: return tool == 2 ? "some concerns" : "unclear";
    case SRW_TRACE_ROB_NONE: return tool == 2 ? "no judgement (counted as some concerns)"
                                              : "no judgement (counted as unclear)";
    default: return "carries no weight";
    }
}

static void risk_of_bias(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace_grade *g = &c->t->grade;
    ex_sub(x, "Risk of bias");
    ex_source(x, "Guyatt GH et al. GRADE guidelines 4: rating the quality of evidence, study limitations (risk of "
                 "bias). J Clin Epidemiol 2011;64:407-415; each study's overall: RoB 1 by the Cochrane Handbook "
                 "5.1.0 (2011), 8.7, Table 8.7.a, RoB 2 by Sterne JAC et al. BMJ 2019;366:l4898 (doc/methods.md, "
                 "\"Risk of bias: the overall judgement\").");
    ex_para(x, "Rule: −2 when studies at high risk of bias alone carry more than half of the weight; −1 when "
               "studies at high or %s risk do. Each study counts at its overall judgement by the tool's own rule.",
            g->rob_tool == 2 ? "some-concerns" : "unclear");
    const char *head[] = {"Study", "weight (%)", g->rob_tool == 2 ? "RoB 2 overall" : "RoB 1 overall"};
    ex_table(x, 3, head);
    for (size_t i = 0; i < c->an->n_studies; i++) {
        if (c->t->studies[i].rob == SRW_TRACE_ROB_NO_WEIGHT)
            continue;
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        const char *row[] = {name, ex_n(x, c->an->studies[i].weight), rob_word(c->t->studies[i].rob, g->rob_tool)};
        ex_row(x, row);
    }
    ex_table_end(x);
    if (g->rob_tool != 0)
        ex_eq(x, "weight at high risk alone: %s%%,   at %s: %s%%   (of the studies that carry weight)",
              ex_n(x, g->rob_high), g->rob_tool == 2 ? "some concerns or no judgement" : "unclear or no judgement",
              ex_n(x, g->rob_middle));
    domain_result(c, SRW_GRADE_RISK_OF_BIAS, "risk of bias downgrade");
}

static void inconsistency(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_pooled *p = &c->an->overall;
    ex_sub(x, "Inconsistency");
    ex_source(x, "Guyatt GH et al. GRADE guidelines 7: rating the quality of evidence, inconsistency. J Clin "
                 "Epidemiol 2011;64:1294-1302; %s.",
              EX_HT);
    ex_para(x, "Rule: −2 when I^2 ≥ 75%% with study estimates on both sides of no effect; −1 when I^2 ≥ 50%% and the "
               "prediction interval includes no effect, or there is none; not applicable with one study.");
    if (p->k > 1)
        ex_eq(x, "I^2 = %s%%,   study estimates on both sides of no effect: %s,   prediction interval: %s to %s%s",
              ex_n(x, p->I2), c->t->grade.both_sides ? "yes" : "no", ex_n(x, p->pi_lower), ex_n(x, p->pi_upper),
              ex_disp2(c, p->pi_lower, p->pi_upper));
    domain_result(c, SRW_GRADE_INCONSISTENCY, "inconsistency downgrade");
}

static void imprecision(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace_grade *g = &c->t->grade;
    const srw_grade *gr = &c->a->grade;
    ex_sub(x, "Imprecision");
    ex_source(x, "Zeng L et al. GRADE guidance 34. J Clin Epidemiol 2022;150:216-224; Hultcrantz M et al. GRADE "
                 "guidelines 17. J Clin Epidemiol 2017;87:4-13; optimal information size: Guyatt GH et al. GRADE "
                 "guidelines 6. J Clin Epidemiol 2011;64:1283-1293.");
    ex_para(x, "Rule (GRADE's minimally contextualised approach): the confidence interval is set against the "
               "thresholds of an important effect on either side of no effect; −1 when it crosses one, −2 when it "
               "crosses both; when it crosses neither, −1 if the information is below the optimal information size "
               "(300 events, or 400 participants).");
    ex_para(x, "The thresholds: %s.", ex_lit(x, c->a->mid.text));
    if (g->have_mid)
        ex_eq(x, "interval judged: %s to %s%s,   thresholds: %s below and %s above no effect,   crosses: %s, %s",
              shown(c, g->ci_lower), shown(c, g->ci_upper), g->ci_wide ? " (the Wald one: HKSJ's is narrower)" : "",
              shown(c, g->thr_down), shown(c, g->thr_up), g->cross_down ? "the one below" : "not the one below",
              g->cross_up ? "the one above" : "not the one above");
    else
        ex_eq(x, "interval judged: %s to %s,   no minimal important difference: judged against no effect alone",
              shown(c, g->ci_lower), shown(c, g->ci_upper));
    if (isfinite(gr->information_size))
        ex_eq(x, "information: %s against the optimal information size of %s", ex_g(x, gr->information_size),
              ex_g(x, gr->optimal_information_size));
    domain_result(c, SRW_GRADE_IMPRECISION, "imprecision downgrade");
}

static void publication(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_egger *e = &c->a->grade.egger;
    ex_sub(x, "Publication bias");
    ex_source(x, "Sterne JAC et al. BMJ 2011;343:d4002 (tests need 10 studies or more); Egger M et al. BMJ "
                 "1997;315:629-634.");
    ex_para(x, "Rule: with 10 studies or more, −1 when Egger's test (least squares) gives P < 0.10; with fewer, "
               "not assessable.");
    if (e->computed)
        ex_eq(x, "k = %zu,   Egger's intercept %s (SE %s), t = %s on %s df, P = %s", c->t->grade.egger_k,
              ex_n(x, e->intercept), ex_n(x, e->se), ex_n(x, e->stat), ex_g(x, e->df), ex_n(x, e->pvalue));
    else
        ex_eq(x, "k = %zu", c->t->grade.egger_k);
    domain_result(c, SRW_GRADE_PUBLICATION_BIAS, "publication bias downgrade");
}

void ex_step_grade(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_assessment *a = c->a;
    ex_step(x, "GRADE: the certainty of the evidence");
    ex_source(x, "Guyatt GH et al. GRADE: an emerging consensus on rating quality of evidence and strength of "
                 "recommendations. BMJ 2008;336:924-926; %s, chapter 14; doc/methods.md, \"GRADE, as srw computes "
                 "it\".",
              EX_HB);
    if (!a->graded || !c->t->grade.filled) {
        ex_para(x, "Not assessed: %s.", ex_lit(x, a->grade_error[0] ? a->grade_error : "no analysis to grade"));
        return;
    }
    ex_para(x, "Evidence from randomised trials starts at high certainty and goes down one level for each serious "
               "concern (two for a very serious one) in five domains, to very low at the floor. srw computes risk "
               "of bias, inconsistency, imprecision and publication bias from the analysis; indirectness is the "
               "reviewer's judgement.");
    risk_of_bias(c);
    inconsistency(c);
    ex_sub(x, "Indirectness");
    ex_para(x, "Entered by the reviewer, not computed.");
    domain_result(c, SRW_GRADE_INDIRECTNESS, "indirectness downgrade");
    imprecision(c);
    publication(c);
    int down = 0;
    for (int d = 0; d < SRW_GRADE_N; d++)
        down += a->grade.steps[d].downgrade;
    if (a->grade.upgrade > 0)
        ex_para(x, "Rated up %d level(s) by the reviewer: %s.", a->grade.upgrade, ex_lit(x, a->grade.upgrade_reason));
    ex_res(x, "certainty", "high, %d level(s) down%s%s (the floor is very low) = %s", down,
           a->grade.upgrade > 0 ? ", rated up " : "", a->grade.upgrade > 0 ? ex_g(x, a->grade.upgrade) : "",
           srw_certainty_name(a->grade.certainty));
}

/* ------------------------------------------------------------ verdict */

static const char *point_words(srw_point_class p)
{
    switch (p) {
    case SRW_POINT_BENEFIT: return "an important benefit (at least the MID)";
    case SRW_POINT_HARM: return "an important harm (at least the harm threshold)";
    default: return "trivial (between the thresholds)";
    }
}

static const char *ci_words(srw_ci_class k)
{
    switch (k) {
    case SRW_CI_BENEFIT: return "wholly on the side of benefit, reaching an important benefit";
    case SRW_CI_TRIVIAL_BENEFIT: return "wholly between no effect and an important benefit";
    case SRW_CI_NO_BENEFIT: return "rules out an important benefit";
    default: return "spans no effect and an important benefit";
    }
}

static void statement(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_assessment *a = c->a;
    ex_step(x, "The statement");
    ex_source(x, "Santesso N et al. GRADE guidelines 26: informative statements to communicate the findings of "
                 "systematic reviews of interventions. J Clin Epidemiol 2020;119:126-135, Table 2; thresholds as "
                 "doc/methods.md, \"Thresholds\".");
    ex_para(x, "GRADE's statement joins the certainty (high: \"results in\", moderate: \"likely results in\", low: "
               "\"may result in\", very low: \"the evidence is very uncertain\") with the size of the effect "
               "against the thresholds: below the minimal important difference it is trivial (\"little to no "
               "difference\").");
    if (c->an != NULL) {
        const srw_thresholds *t = &a->mid.thresholds;
        double est = a->analysis.overall.estimate;
        int up = est > 0.0;
        double imp = up ? t->important_up : t->important_down, mod = up ? t->moderate_up : t->moderate_down;
        double lg = up ? t->large_up : t->large_down;
        ex_eq(x, "estimate %s%s, an %s;   its size against the thresholds on that side: important %s%s,   "
                 "moderate %s%s,   large %s%s",
              ex_n(x, est), ex_disp(c, est), up ? "increase" : "reduction", ex_n(x, imp), ex_disp(c, up ? imp : -imp),
              ex_n(x, mod), ex_disp(c, up ? mod : -mod), ex_n(x, lg), ex_disp(c, up ? lg : -lg));
        ex_para(x, "(Thresholds as magnitudes on the analysis scale, \"-\" where none is set; a threshold "
                   "reached counts.)");
    }
    ex_res(x, "effect size", "the size against the thresholds = %s", srw_effect_size_key(a->size));
    ex_res(x, "statement", "%s", ex_lit(x, a->statement));
}

void ex_step_verdict(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_assessment *a = c->a;
    const srw_assess_verdict *v = &a->verdict;
    statement(c);
    ex_step(x, a->decided ? "The verdict" : "The verdict this outcome would give as the use's primary outcome");
    ex_source(x, "doc/methods.md, \"The verdict\" (the table in src/core/verdict.c); Zeng L et al. GRADE guidance "
                 "34. J Clin Epidemiol 2022;150:216-224.");
    ex_para(x, "Basis: %s.", ex_lit(x, v->basis_text));
    if (v->basis != SRW_BASIS_NONE)
        ex_para(x, "Certainty: %s (%s). Minimal important difference: %s.", srw_certainty_name(v->certainty),
                ex_lit(x, v->certainty_source), ex_lit(x, v->mid_text));
    const srw_verdict_result *r = &v->verdict;
    /* A published result's numbers as the review gave them (a difference
     * is taken as it is; a ratio's log is computed). */
    const char *(*num)(ex_doc *, double) = v->basis == SRW_BASIS_PUBLISHED && !v->ratio ? ex_g : ex_n;
    if (v->basis == SRW_BASIS_PUBLISHED)
        ex_eq(x, "published: %s %s (%s to %s)%s", ex_lit(x, v->measure ? v->measure : ""),
              ex_g(x, v->ratio ? exp(v->estimate) : v->estimate), ex_g(x, v->ratio ? exp(v->ci_lower) : v->ci_lower),
              ex_g(x, v->ratio ? exp(v->ci_upper) : v->ci_upper), v->ratio ? ", judged on the log scale" : "");
    if (r->classified) {
        ex_para(x, "On the benefit scale (positive favours the intervention%s), the point, the interval and the "
                   "thresholds:",
                r->direction == SRW_DIR_LOWER_IS_BETTER ? "; lower is better here, so the signs are flipped" : "");
        ex_eq(x, "point %s,   interval %s to %s,   important benefit at %s,   important harm at −%s",
              num(x, r->benefit_point), num(x, r->benefit_lower), num(x, r->benefit_upper),
              num(x, r->benefit_mid), num(x, r->benefit_harm));
        ex_eq(x, "the point is %s;   the interval %s", point_words(r->point), ci_words(r->ci));
        ex_para(x, "The verdict table's row for this point and interval, by certainty:");
        static const char *const head[] = {"not assessed", "very low", "low", "moderate", "high"};
        ex_table(x, 5, head);
        const char *row[5];
        for (int k = 0; k <= SRW_CERTAINTY_HIGH; k++)
            row[k] = srw_verdict_name(r->row[k]);
        ex_row(x, row);
        ex_table_end(x);
    }
    ex_para(x, "%s", ex_lit(x, r->reason));
    ex_res(x, a->decided ? "verdict" : "verdict as primary", "the cell at %s certainty = %s",
           srw_certainty_name(v->certainty), srw_verdict_name(r->verdict));
    if (a->decided)
        ex_para(x, "Primary outcome: %s.", ex_lit(x, v->primary_note));
}
