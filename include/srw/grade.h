/* srw/grade.h - GRADE certainty, Egger's test, the verdict rule and the
 * comparison of srw's pooled result with a review's published result.
 * Pure functions over core results (no I/O).
 *
 * Scales: every threshold here is on the ANALYSIS scale of the analysis
 * (log for ratio measures).  "Benefit" is decided with the outcome's
 * direction: for lower_is_better a negative effect favours the
 * intervention; for higher_is_better a positive one.
 *
 * Ownership: results are plain structs, nothing to free; their computed
 * texts are fixed-size, and the reviewer's texts (override and upgrade
 * reasons) are borrowed from the input, which must outlive the result.
 */
#ifndef SRW_GRADE_H
#define SRW_GRADE_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/trace.h"

typedef enum srw_certainty {
    SRW_CERTAINTY_NONE = 0, /* not assessed (no data) */
    SRW_CERTAINTY_VERY_LOW = 1,
    SRW_CERTAINTY_LOW = 2,
    SRW_CERTAINTY_MODERATE = 3,
    SRW_CERTAINTY_HIGH = 4
} srw_certainty;

const char *srw_certainty_name(srw_certainty c); /* "high", "very low", ... */
srw_certainty srw_certainty_parse(const char *s); /* NONE when unknown */

typedef enum srw_grade_domain {
    SRW_GRADE_RISK_OF_BIAS = 0,
    SRW_GRADE_INCONSISTENCY,
    SRW_GRADE_INDIRECTNESS,
    SRW_GRADE_IMPRECISION,
    SRW_GRADE_PUBLICATION_BIAS,
    SRW_GRADE_N
} srw_grade_domain;

const char *srw_grade_domain_name(srw_grade_domain d); /* "risk of bias", ... */
const char *srw_grade_domain_key(srw_grade_domain d);  /* "risk_of_bias", ... (JSON, overrides) */

typedef struct srw_grade_step {
    int computed;        /* downgrade computed from the data: 0, 1 or 2 */
    int downgrade;       /* the downgrade applied (= computed unless overridden) */
    int assessable;      /* 0 e.g. publication bias with k < 10 */
    int overridden;
    char reason[400];    /* why, with the number that triggered it */
    const char *override_reason; /* the reviewer's, whole: borrowed from the input's override; NULL if none */
    /* The reviewer's own text that reason quotes after SRW_GRADE_ENTERED
     * (indirectness), whole, where reason may hold only its start:
     * borrowed from the input; NULL if none.  Writers show it whole
     * (srw_report_grade_reason, srw/report.h). */
    const char *entered_reason;
    /* Where the reviewer's judgement (the entered indirectness, an
     * override) comes from: borrowed from the input; NULL if none. */
    const char *source;
} srw_grade_step;
/* What a reason quoting the reviewer's own text begins with. */
#define SRW_GRADE_ENTERED "reviewer-entered: "

/* A reviewer's override of one domain. */
typedef struct srw_grade_override {
    srw_grade_domain domain;
    int downgrade;       /* 0..2 */
    const char *reason;
    const char *source;  /* NULL if not given */
} srw_grade_override;

typedef struct srw_grade_input {
    const srw_analysis *analysis;            /* the outcome's analysis */
    const srw_rob_judgement (*rob)[SRW_ROB_N]; /* per study, aligned with analysis->studies; may be NULL */
    /* RoB 2 of each study's result for this outcome, aligned likewise; may
     * be NULL.  When any study that carries weight has one, the outcome's
     * risk of bias is judged with RoB 2, else with RoB 1 (grade_rob.c). */
    const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS];
    srw_direction direction;
    double mid;          /* minimal important difference, analysis scale, > 0: an important BENEFIT */
    /* The threshold of an important HARM (analysis scale, > 0 magnitude on
     * the other side of no effect); 0 or NAN: the same as mid.  GRADE's
     * default ratios differ by side (RR 0.75 and 1.25). */
    double mid_harm;
    /* Rating up (GRADE guidelines 9, Guyatt et al., J Clin Epidemiol
     * 2011;64:1311): never computed for randomised trials, only the
     * reviewer's judgement with its reason (levels 0..2 in all). */
    int upgrade;
    const char *upgrade_reason;
    int indirectness;    /* reviewer-entered downgrade 0..2 */
    const char *indirectness_reason;
    const char *indirectness_source; /* NULL if not given */
    const srw_grade_override *overrides;
    size_t n_overrides;
    /* For an explanation: the trace of this analysis (srw/trace.h), whose
     * grade part receives the numbers each domain looked at; NULL none. */
    srw_trace *trace;
} srw_grade_input;

typedef struct srw_egger {
    int computed;        /* 0 when k < 3 (or the regression is undefined: see note) */
    /* The asymmetry coefficient: in the weighted regression of the effects
     * on their standard errors, the coefficient of the standard error (the
     * intercept of Egger's regression of y/se on 1/se), its SE and its test:
     * stat is t on df degrees of freedom, or z (df NAN) under a Wald
     * model. */
    double intercept, se, stat, df, pvalue;
    /* The effect as the standard error goes to 0 (metafor's "limit
     * estimate"), with its confidence interval. */
    double limit_estimate, limit_ci_lower, limit_ci_upper;
    const char *note;    /* static text when not computed, else NULL */
} srw_egger;

typedef struct srw_grade {
    srw_certainty certainty;
    srw_grade_step steps[SRW_GRADE_N];
    int upgrade;         /* levels rated up (the reviewer's judgement) */
    const char *upgrade_reason; /* the reviewer's, whole: borrowed from the input; NULL if not rated up */
    srw_egger egger;
    double information_size; /* participants (continuous) or events (dichotomous) */
    double optimal_information_size; /* 400 participants or 300 events */
} srw_grade;

/* Egger's regression test (Egger et al., BMJ 1997;315:629).  model NULL:
 * Egger's own, the least-squares regression of yi/se_i on 1/se_i with a
 * t test of the intercept on k - 2 df (metafor regtest(model = "lm")).
 * model given (resolved pooling options): metafor's default regtest(),
 * the meta-regression of yi on se_i under the analysis's model (its tau^2
 * estimator, fixed effect as tau^2 = 0) with a z test, or a t test on
 * k - 2 df with --ci hksj (test = "knha").  k < 3, all se equal, or a
 * perfect fit are results (computed = 0, note says why), not errors.
 * Fails with SRW_EUSAGE on NULL arrays and SRW_EDATA on a non-finite yi
 * or an se that is not finite and > 0. */
int srw_egger_test(srw_egger *out, const double *yi, const double *se, size_t k, const srw_pool_options *model,
                   srw_error *err);

/* GRADE certainty for one outcome of randomised trials (starts high).
 * in->mid may be NAN (unknown): imprecision is then judged on "crosses no
 * effect" and the information size only.  Fails with SRW_EUSAGE when
 * analysis is NULL, mid is <= 0 or infinite, direction is unset while a MID
 * is given, indirectness or an override is outside 0..2, or a domain is
 * overridden twice.  An analysis with k = 0 gives certainty NONE. */
int srw_grade_assess(srw_grade *out, const srw_grade_input *in, srw_error *err);

typedef enum srw_verdict {
    SRW_VERDICT_INSUFFICIENT = 0,
    SRW_VERDICT_SUPPORTED = 1,
    SRW_VERDICT_NOT_SUPPORTED = 2
} srw_verdict;

const char *srw_verdict_name(srw_verdict v); /* "Supported", "Not supported", "Insufficient evidence" */
const char *srw_verdict_key(srw_verdict v);  /* "supported", "not_supported", "insufficient_evidence" */

/* ------------------------------------------------ thresholds and sizes */

/* The thresholds an outcome's effect is judged against (GRADE's minimally
 * contextualised approach: Hultcrantz et al., GRADE guidelines 17, J Clin
 * Epidemiol 2017;87:4; Zeng et al., GRADE guidance 34, J Clin Epidemiol
 * 2022;150:216).  Each is a magnitude (> 0) on the ANALYSIS scale, one for
 * effects below no effect (reductions: for ratios |ln r| of r < 1) and one
 * for effects above (increases), NAN when unknown:
 *   important  the minimal important difference (MID): the smallest effect
 *              that matters; below it an effect is trivial;
 *   moderate   an optional middle tier (SMD 0.5, Cohen): between important
 *              and moderate an effect is small ("slight");
 *   large      a large effect. */
typedef struct srw_thresholds {
    double important_down, important_up;
    double moderate_down, moderate_up;
    double large_down, large_up;
} srw_thresholds;

/* GRADE's and Cohen's defaults for measure m (NAN where none exists):
 * OR, RR, Peto OR, ROM: important 0.75 / 1.25 (a 25% relative reduction or
 * increase, GRADE guidelines 6, Guyatt et al., J Clin Epidemiol
 * 2011;64:1283), large 0.5 / 2 (GRADE guidelines 9, Guyatt et al., J Clin
 * Epidemiol 2011;64:1311: RR > 2 or < 0.5); SMD: 0.2 small (the MID),
 * 0.5 moderate, 0.8 large (Cohen J, Statistical power analysis for the
 * behavioral sciences, 2nd ed. 1988); MD, RD and generic: none.  The
 * explanations are static texts naming the source, NULL without one. */
void srw_thresholds_default(srw_thresholds *out, srw_measure m, const char **important_why,
                            const char **large_why);

/* The size of an effect against thresholds (GRADE guidelines 26, Santesso
 * et al., J Clin Epidemiol 2020;119:126, Table 2). */
typedef enum srw_effect_size {
    SRW_SIZE_UNKNOWN = 0,   /* no estimate, or no threshold to judge it by */
    SRW_SIZE_TRIVIAL,       /* below the MID: little to no difference */
    SRW_SIZE_SMALL,         /* at least the MID, below the moderate tier: slight */
    SRW_SIZE_MODERATE,      /* at least the MID (or the moderate tier), below large */
    SRW_SIZE_LARGE          /* at least the large threshold */
} srw_effect_size;

/* "unknown", "trivial", "small", "moderate", "large" (JSON). */
const char *srw_effect_size_key(srw_effect_size s);

/* The size of estimate (analysis scale) on its side of no effect; a
 * threshold reached counts (inclusive). */
srw_effect_size srw_effect_size_of(double estimate, const srw_thresholds *t);

/* GRADE guideline 26's informative statement (Santesso et al. 2020,
 * Table 2): the certainty word (high "results in", moderate "likely results
 * in", low "may result in", very low "The evidence is very uncertain about
 * the effect of") with the size and the direction of the effect, in the
 * outcome's own words, e.g. "Botulinum toxin likely results in little to no
 * difference in pain, 4 weeks."  increase: the estimate is above no effect.
 * intervention may be NULL ("The intervention").  Always fills buf. */
void srw_statement_text(char *buf, size_t n, srw_certainty c, srw_effect_size size, int increase,
                        const char *intervention, const char *outcome);

/* ------------------------------------------------------------ verdict */

/* Where the point estimate lies, on the benefit side of the outcome's
 * direction, against the MID (the benefit threshold) and the harm one. */
typedef enum srw_point_class {
    SRW_POINT_BENEFIT = 0,  /* an important benefit: at least the MID */
    SRW_POINT_TRIVIAL,      /* between the harm and the benefit thresholds */
    SRW_POINT_HARM,         /* an important harm */
    SRW_POINT_N
} srw_point_class;

/* What the confidence interval includes: no effect (0) and an important
 * benefit (the MID on the benefit side); bounds equal to a value include it. */
typedef enum srw_ci_class {
    SRW_CI_BENEFIT = 0,        /* excludes no effect, includes an important benefit */
    SRW_CI_TRIVIAL_BENEFIT,    /* excludes no effect and an important benefit */
    SRW_CI_NO_BENEFIT,         /* includes no effect, excludes an important benefit */
    SRW_CI_SPANS,              /* includes both no effect and an important benefit */
    SRW_CI_N
} srw_ci_class;

const char *srw_point_class_key(srw_point_class p); /* "benefit", "trivial", "harm" */
const char *srw_ci_class_key(srw_ci_class c);       /* "benefit", "trivial_benefit", "no_benefit", "spans" */

/* The verdict table (doc/methods.md, "The verdict"): one cell per point
 * class, interval class and certainty (NONE to HIGH); the reason is the
 * row's, static text.  Cells that cannot occur (an important benefit whose
 * interval excludes one) give Insufficient evidence and say so. */
srw_verdict srw_verdict_cell(srw_point_class p, srw_ci_class ci, srw_certainty c, const char **reason);

typedef struct srw_verdict_input {
    double estimate, ci_lower, ci_upper; /* analysis scale */
    srw_direction direction;
    double mid;                          /* analysis scale, > 0: an important benefit */
    double mid_harm;                     /* an important harm, > 0; 0 or NAN: mid */
    srw_certainty certainty;
    size_t k;                            /* studies behind the estimate (0 unknown) */
} srw_verdict_input;

typedef struct srw_verdict_result {
    srw_verdict verdict;
    int favours_intervention;            /* point estimate on the benefit side */
    int ci_excludes_null;
    int reaches_mid;                     /* point estimate at least the MID in benefit */
    int ci_excludes_mid;                 /* CI excludes an effect as large as the MID in benefit */
    int classified;                      /* point and ci below are set */
    srw_point_class point;
    srw_ci_class ci;
    /* What chose the cell, on the benefit scale (positive favours the
     * intervention: the estimate's sign flipped when lower is better): the
     * point, the interval, the MID and the harm threshold as magnitudes
     * (0 without a MID: no effect is then the benefit threshold); and the
     * table's row for this point and interval class, the verdict at each
     * certainty (not assessed to high), so that an explanation can show
     * what another certainty would give.  Set when classified. */
    double benefit_point, benefit_lower, benefit_upper, benefit_mid, benefit_harm;
    srw_direction direction;             /* the direction judged by (lower is better: signs flipped) */
    srw_verdict row[SRW_CERTAINTY_HIGH + 1];
    char reason[600];
} srw_verdict_result;

/* The verdict from the table (srw_verdict_cell), with the facts that chose
 * the cell in words.  Without an MID (NAN) the benefit threshold is no
 * effect itself: an important benefit cannot be shown, but an interval
 * wholly on the no-benefit side of no effect excludes any benefit.  Fails
 * with SRW_EUSAGE on an unset direction or an MID that is not > 0. */
int srw_verdict_decide(srw_verdict_result *out, const srw_verdict_input *in, srw_error *err);

/* 1 when a study's result is at high risk of bias overall, by the rule of
 * the tool it was judged with: its RoB 2 overall where it has one (the one
 * it is taken at, srw_rob2_overall_used), else its RoB 1 overall over the
 * key domains (srw/rob.h); else 0.  rob and rob2 may be NULL. */
int srw_rob_study_high(const srw_rob_judgement rob[], const srw_rob2_judgement rob2[]);

/* srw's pooled result against a review's published one. */
typedef enum srw_published_status {
    SRW_PUBLISHED_NO_DATA = 0,   /* srw holds no trials for this outcome */
    SRW_PUBLISHED_REPRODUCED,    /* same estimate and CI at the published decimals */
    SRW_PUBLISHED_PARTIAL,       /* srw holds fewer trials than the review */
    SRW_PUBLISHED_DIFFERS,       /* same number of trials, different numbers (or other trials) */
    /* The result answers another question than srw's (its scope: it pools
     * observational studies or active comparators): not compared. */
    SRW_PUBLISHED_OTHER_QUESTION
} srw_published_status;

const char *srw_published_status_name(srw_published_status s);

typedef struct srw_published_comparison {
    srw_published_status status;
    size_t srw_trials;
    long published_trials;
    double srw_estimate, srw_ci_lower, srw_ci_upper; /* display scale, like the published ones */
    /* With the review's list of pooled trials (p->pooled_trials): how many
     * it lists, how many of them srw holds, and how many trials srw holds
     * that it does not list; all 0 without a list. */
    size_t listed, listed_held, unlisted_held;
    char reason[700];
} srw_published_comparison;

/* a may be NULL (no trials).  Compares at p->decimals, the decimals the
 * review printed.  With p->scope set the result answers another question
 * (OTHER_QUESTION, never "differs").  With p->pooled_trials the trial sets
 * are compared (labels matched ignoring letter case and spacing): the same
 * set with the same numbers is reproduced; a subset of the list is partial
 * ("srw holds k of the n listed"); a trial srw holds that the list lacks
 * differs ("other trials").  Without a list, the trial counts decide as
 * before. */
int srw_published_compare(srw_published_comparison *out, const srw_published *p,
                          const srw_analysis *a, srw_error *err);

/* The default threshold of an important INCREASE for measure m, on the
 * analysis scale (srw_thresholds_default's important_up): SMD 0.2 (Cohen's
 * small effect); OR, RR, PETO, ROM: log(1.25), GRADE's 25% relative
 * increase (a reduction's default is 0.75: srw_thresholds_default).  MD, RD
 * and generic have no standard default: NAN, *is_default = 0.  is_default
 * and explanation may be NULL; the explanation is static text. */
double srw_grade_default_mid(srw_measure m, int *is_default, const char **explanation);

#endif
