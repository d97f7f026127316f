/* The steps of an explanation (not public): explain_effect.c (each study's
 * effect), explain_pool.c (weights, the fixed-effect fit, Q, tau^2),
 * explain_interval.c (the pooled estimate, its interval and test, the
 * prediction interval, I^2 and H^2) and explain_grade.c (GRADE, the
 * statement, the verdict).  Each lays out what the assessment and its
 * trace hold; none computes a number the analysis did not. */
#ifndef SRW_REPORT_EXPLAIN_STEPS_H
#define SRW_REPORT_EXPLAIN_STEPS_H

#include "report/explain_doc.h"

/* The sources every step cites, written once (doc/methods.md's). */
#define EX_RM5 "Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5 (2010)"
#define EX_HB "Cochrane Handbook for Systematic Reviews of Interventions, version 6.4"
#define EX_MF "metafor 3.8 (Viechtbauer W, J Stat Softw 2010;36(3))"
#define EX_V2005 "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ Behav Stat 2005;30:261-293"
#define EX_V2007 "Viechtbauer W. Confidence intervals for the amount of heterogeneity in meta-analysis. Stat Med 2007;26:37-52"
#define EX_DL "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials 1986;7:177-188"
#define EX_HT "Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Stat Med 2002;21:1539-1558"

typedef struct ex_ctx {
    ex_doc *x;
    const srw_assessment *a;
    const srw_analysis *an;    /* &a->analysis when analysed, else NULL */
    const srw_trace *t;
    const srw_outcome_data *d; /* may be NULL */
    int ratio;                 /* the measure is analysed on the log scale */
    const char *m;             /* the measure's name, "RR" */
    char level[40];            /* "95%" */
} ex_ctx;

/* The data row of analysis study i, NULL when the data are not at hand. */
const srw_study_row *ex_row_of(const ex_ctx *c, size_t i);
/* The display scale of an analysis-scale number: "  (RR 2.9333)", or "" for
 * a difference measure. */
const char *ex_disp(ex_ctx *c, double v);
/* The same for an interval: "  (RR 1.1903 to 7.2286)". */
const char *ex_disp2(ex_ctx *c, double lo, double hi);

void ex_step_effects(ex_ctx *c);
void ex_step_fixed(ex_ctx *c);
void ex_step_q(ex_ctx *c);
void ex_step_tau2(ex_ctx *c);
void ex_step_pooled(ex_ctx *c);
void ex_step_ci(ex_ctx *c);
void ex_step_pi(ex_ctx *c);
void ex_step_heterogeneity(ex_ctx *c);
void ex_step_grade(ex_ctx *c);
void ex_step_verdict(ex_ctx *c);

#endif
