/* srw/grade.h - GRADE certainty, Egger's test, the verdict rule and the
 * comparison of srw's pooled result with a review's published result.
 * Pure functions over core results (no I/O).
 *
 * Scales: every threshold here is on the ANALYSIS scale of the analysis
 * (log for ratio measures).  "Benefit" is decided with the outcome's
 * direction: for lower_is_better a negative effect favours the
 * intervention; for higher_is_better a positive one.
 *
 * Ownership: results are plain structs with fixed-size text; nothing to free.
 */
#ifndef SRW_GRADE_H
#define SRW_GRADE_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"
#include "srw/pool.h"
#include "srw/record.h"

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
    char override_reason[300];
} srw_grade_step;

/* A reviewer's override of one domain. */
typedef struct srw_grade_override {
    srw_grade_domain domain;
    int downgrade;       /* 0..2 */
    const char *reason;
} srw_grade_override;

typedef struct srw_grade_input {
    const srw_analysis *analysis;            /* the outcome's analysis */
    const srw_rob_judgement (*rob)[SRW_ROB_N]; /* per study, aligned with analysis->studies; may be NULL */
    /* RoB 2 of each study's result for this outcome, aligned likewise; may
     * be NULL.  When any study that carries weight has one, the outcome's
     * risk of bias is judged with RoB 2, else with RoB 1 (grade_rob.c). */
    const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS];
    srw_direction direction;
    double mid;          /* minimal important difference, analysis scale, > 0 */
    int indirectness;    /* reviewer-entered downgrade 0..2 */
    const char *indirectness_reason;
    const srw_grade_override *overrides;
    size_t n_overrides;
} srw_grade_input;

typedef struct srw_egger {
    int computed;        /* 0 when k < 3 (or the regression is undefined: see note) */
    double intercept, se, t, df, pvalue; /* NAN when not computed */
    const char *note;    /* static text when not computed, else NULL */
} srw_egger;

typedef struct srw_grade {
    srw_certainty certainty;
    srw_grade_step steps[SRW_GRADE_N];
    srw_egger egger;
    double information_size; /* participants (continuous) or events (dichotomous) */
    double optimal_information_size; /* 400 participants or 300 events */
} srw_grade;

/* Egger's regression test: yi/se_i on 1/se_i, intercept t-test, k - 2 df
 * (Egger et al., BMJ 1997;315:629).  k < 3, all se equal, or a perfect fit
 * (zero residual variance) are results (computed = 0, note says why), not
 * errors.  Fails with SRW_EUSAGE on NULL arrays and SRW_EDATA on a
 * non-finite yi or an se that is not finite and > 0. */
int srw_egger_test(srw_egger *out, const double *yi, const double *se, size_t k, srw_error *err);

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

typedef struct srw_verdict_input {
    double estimate, ci_lower, ci_upper; /* analysis scale */
    srw_direction direction;
    double mid;                          /* analysis scale, > 0 */
    srw_certainty certainty;
    size_t k;                            /* studies behind the estimate (0 unknown) */
} srw_verdict_input;

typedef struct srw_verdict_result {
    srw_verdict verdict;
    int favours_intervention;            /* point estimate on the benefit side */
    int ci_excludes_null;
    int reaches_mid;                     /* point estimate at least the MID in benefit */
    int ci_excludes_mid;                 /* CI excludes an effect as large as the MID in benefit */
    char reason[600];
} srw_verdict_result;

/* The decision rule (doc/methods.md, "The verdict rule"):
 *  Supported: favours the intervention, CI excludes no effect, point
 *    estimate reaches the MID, certainty moderate or high.
 *  Not supported: certainty at least low and the CI excludes a benefit as
 *    large as the MID, or certainty moderate/high and the CI includes no effect.
 *  Insufficient evidence: anything else. */
int srw_verdict_decide(srw_verdict_result *out, const srw_verdict_input *in, srw_error *err);

/* srw's pooled result against a review's published one. */
typedef enum srw_published_status {
    SRW_PUBLISHED_NO_DATA = 0,   /* srw holds no trials for this outcome */
    SRW_PUBLISHED_REPRODUCED,    /* same estimate and CI at the published decimals */
    SRW_PUBLISHED_PARTIAL,       /* srw holds fewer trials than the review */
    SRW_PUBLISHED_DIFFERS        /* same number of trials, different numbers */
} srw_published_status;

const char *srw_published_status_name(srw_published_status s);

typedef struct srw_published_comparison {
    srw_published_status status;
    size_t srw_trials;
    long published_trials;
    double srw_estimate, srw_ci_lower, srw_ci_upper; /* display scale, like the published ones */
    char reason[400];
} srw_published_comparison;

/* a may be NULL (no trials).  Compares at p->decimals, the decimals the
 * review printed. */
int srw_published_compare(srw_published_comparison *out, const srw_published *p,
                          const srw_analysis *a, srw_error *err);

/* The MID to use when an outcome has none, on the analysis scale.
 * SMD: 0.5 (Cohen's moderate effect); OR, RR, PETO, ROM: log(1.25), GRADE's
 * default threshold of a 25% relative change (Guyatt et al., J Clin
 * Epidemiol 2011;64:1283, GRADE guidelines 6, imprecision).  MD, RD and
 * generic have no standard default: NAN, *is_default = 0.  is_default and
 * explanation may be NULL; the explanation is static text for the report. */
double srw_grade_default_mid(srw_measure m, int *is_default, const char **explanation);

#endif
