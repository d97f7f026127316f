/* srw/pool.h - meta-analysis: fixed and random effects, heterogeneity,
 * prediction intervals and subgroups (pure functions over arrays, GSL).
 *
 * Usage:
 *   srw_pool_options o = SRW_POOL_OPTIONS_INIT;   // profile cochrane
 *   o.profile = SRW_PROFILE_REVMAN5;               // optional overrides
 *   srw_analysis a;
 *   if (srw_analysis_run(&a, &set, &o, &err) == 0) { ...; }
 *   srw_analysis_dispose(&a);
 *
 * Undefined numbers (e.g. tau^2 CI when k = 1, a prediction interval when
 * k < 3) are NAN in the structs; every writer turns them into null / "-".
 * Ownership: srw_analysis owns its arrays; srw_analysis_dispose frees them
 * (safe on a zeroed or already disposed struct).  Borrowed strings from the
 * input srw_study_set (study and subgroup labels) are copied.
 */
#ifndef SRW_POOL_H
#define SRW_POOL_H

#include "srw/data.h"
#include "srw/effect.h"
#include "srw/error.h"

typedef enum srw_profile {
    SRW_PROFILE_COCHRANE = 0, /* random effects, REML, HKSJ, prediction interval */
    SRW_PROFILE_REVMAN5       /* RevMan 5 exactly: MH / DL, Wald */
} srw_profile;

typedef enum srw_model { SRW_MODEL_DEFAULT = 0, SRW_MODEL_FIXED, SRW_MODEL_RANDOM } srw_model;
typedef enum srw_method {
    SRW_METHOD_DEFAULT = 0,
    SRW_METHOD_IV,
    SRW_METHOD_MH,
    SRW_METHOD_PETO
} srw_method;
typedef enum srw_tau2_method {
    SRW_TAU2_DEFAULT = 0,
    SRW_TAU2_DL,
    SRW_TAU2_REML,
    SRW_TAU2_PM,
    SRW_TAU2_ML,
    SRW_TAU2_SJ,
    SRW_TAU2_HE,
    SRW_TAU2_EB
} srw_tau2_method;
typedef enum srw_ci_method { SRW_CI_DEFAULT = 0, SRW_CI_WALD, SRW_CI_HKSJ } srw_ci_method;
/* Which totals an analysis reports, as RevMan's TOTALS setting says.  A
 * review may pool subgroups but not across them ("subtotals only"), or pool
 * nothing (the studies alone); srw then shows no total, as RevMan does.
 * DEFAULT: ALL (the stored setting of an imported analysis, in srw analyse
 * and srw report, unless --total asks for one). */
typedef enum srw_totals {
    SRW_TOTALS_DEFAULT = 0,
    SRW_TOTALS_ALL,       /* the total and each subgroup's subtotal (TOTALS="YES") */
    SRW_TOTALS_SUB,       /* subtotals only (TOTALS="SUB"): no total; with no subgroups, nothing pooled */
    SRW_TOTALS_NONE       /* no totals (TOTALS="NO"): neither total nor subtotals */
} srw_totals;

/* A study with several intervention arms against one control in one
 * outcome (records with an `arm`): its arms combined into one experimental
 * group (Cochrane Handbook Table 6.5.a), one comparison per arm with the
 * shared control's participants (and events) divided between them
 * (Handbook 23.3.4), or each arm against the whole control as RevMan 5
 * pools a study's data rows (a unit-of-analysis error: what an imported
 * RevMan analysis stores, so that srw reproduces it).  DEFAULT: the
 * imported analysis's, else COMBINE.  (srw/arms.h) */
typedef enum srw_multi_arm {
    SRW_MULTI_ARM_DEFAULT = 0,
    SRW_MULTI_ARM_COMBINE,
    SRW_MULTI_ARM_SPLIT,
    SRW_MULTI_ARM_SEPARATE
} srw_multi_arm;

typedef struct srw_pool_options {
    srw_profile profile;
    srw_measure measure;     /* DEFAULT: RR (dichotomous), MD (continuous), GENERIC */
    srw_smd_method smd;
    srw_model model;         /* DEFAULT: from profile */
    srw_method method;       /* DEFAULT: from profile and measure */
    srw_tau2_method tau2;    /* DEFAULT: from profile */
    srw_ci_method ci;        /* DEFAULT: from profile */
    double level;            /* confidence level in percent, e.g. 95 */
    int max_iter;            /* iterative estimators and Q-profile */
    double tol;              /* convergence tolerance on tau^2 */
    srw_totals totals;       /* DEFAULT: ALL */
    /* Zero cells of dichotomous data (srw/effect.h): the continuity
     * correction (DEFAULT: CONSTANT), its constant (0: 0.5), and double
     * zeros (DEFAULT: RD include, else exclude). */
    srw_cc cc;
    double cc_value;
    srw_double_zero double_zero;
    srw_multi_arm multi_arm; /* DEFAULT: COMBINE */
} srw_pool_options;

#define SRW_POOL_OPTIONS_INIT                                                  \
    { SRW_PROFILE_COCHRANE, SRW_MEASURE_DEFAULT, SRW_SMD_HEDGES,               \
      SRW_MODEL_DEFAULT,   SRW_METHOD_DEFAULT,  SRW_TAU2_DEFAULT,              \
      SRW_CI_DEFAULT,      95.0,                1000,                          \
      1e-10,               SRW_TOTALS_DEFAULT,  SRW_CC_DEFAULT,                \
      0.0,                 SRW_DOUBLE_ZERO_DEFAULT, SRW_MULTI_ARM_DEFAULT }

/* 1 when level (percent) is a confidence level srw computes with: strictly
 * between 0 and 100.  The rule of --level and of a level a file gives. */
int srw_pool_level_valid(double level);

/* Fill every DEFAULT field of *opts from its profile, the outcome type and
 * the measure.  Fails with SRW_EUSAGE on combinations that make no sense
 * (MH with MD, PETO method without the PETO measure, ...). */
int srw_pool_options_resolve(srw_pool_options *opts, srw_outcome_type type,
                             srw_error *err);

/* The lists a user picks pooling settings from.  One table each (in
 * src/core/options.c) gives every name, its parse, and the text that offers
 * the list in help and in errors, so that `srw analyse`, `srw report` and
 * any later command accept and offer the same names.  The measures' list
 * is made from the measure table (SRW_MEASURE_TABLE, srw/effect.h). */
typedef enum srw_choice_list {
    SRW_CHOICES_PROFILE = 0,
    SRW_CHOICES_MEASURE,
    SRW_CHOICES_SMD,
    SRW_CHOICES_MODEL,
    SRW_CHOICES_METHOD,
    SRW_CHOICES_TAU2,
    SRW_CHOICES_CI,
    SRW_CHOICES_CC,          /* "0.5" (a constant: srw_pool_options_choose takes any in (0, 1]), tacc, none */
    SRW_CHOICES_DOUBLE_ZERO,
    SRW_CHOICES_MULTI_ARM,
    SRW_CHOICES_N
} srw_choice_list;

typedef struct srw_choice {
    int value;          /* the enum value: srw_profile, srw_measure, ... */
    const char *name;   /* as typed and shown, e.g. "REML" */
    const char *note;   /* shown after the name in help text, or NULL */
    int hidden;         /* accepted but not offered (measure GENERIC) */
} srw_choice;

typedef struct srw_choices {
    const char *key;          /* "tau2": the option's name and the setting's */
    const srw_choice *items;  /* static */
    size_t n;
    const char *note;         /* after the whole list in help text, or NULL */
} srw_choices;

/* The table of list l (static); NULL when l is out of range. */
const srw_choices *srw_choices_of(srw_choice_list l);
/* The value named s (exactly, case counts), or -1 when c has none. */
int srw_choices_value(const srw_choices *c, const char *s);
/* The name of value v, or NULL. */
const char *srw_choices_name(const srw_choices *c, int v);
/* The offered names for people, "DL, REML, PM, ML, SJ, HE or EB"; with_notes
 * adds each note in parentheses and the list's own note at the end:
 * "hedges (RevMan, default), hedges-exact (metafor) or cohen". */
void srw_choices_text(char *buf, size_t n, const srw_choices *c, int with_notes);
/* Set the field of *o that list l chooses to the value named name; 0, or
 * SRW_EUSAGE (o untouched) when the list has no such name. */
int srw_pool_options_choose(srw_pool_options *o, srw_choice_list l, const char *name);

/* Names and parsers per enum, over the same tables. */
const char *srw_profile_name(srw_profile p);
int srw_profile_parse(srw_profile *out, const char *s);
const char *srw_model_name(srw_model m);
int srw_model_parse(srw_model *out, const char *s);
const char *srw_method_name(srw_method m);
int srw_method_parse(srw_method *out, const char *s);
const char *srw_tau2_method_name(srw_tau2_method m);
int srw_tau2_method_parse(srw_tau2_method *out, const char *s);
const char *srw_ci_method_name(srw_ci_method m);
const char *srw_double_zero_name(srw_double_zero d); /* "exclude", "include" */
const char *srw_multi_arm_name(srw_multi_arm m);     /* "combine", "split", "separate" */
/* The zero-cell rule of resolved options as text: "0.5" (the constant as
 * given), "tacc" or "none" (--cc's names). */
void srw_cc_text(char *buf, size_t n, const srw_pool_options *o);
/* In words, for outputs: "0.5 added to each cell of a study with a zero
 * cell; studies without events (or with only events) in both arms
 * excluded". */
void srw_zero_cells_words(char *buf, size_t n, const srw_pool_options *o);
/* o's zero-cell rule as srw/effect.h takes it. */
srw_zero_cells srw_pool_zero_cells(const srw_pool_options *o);
/* "total and subtotals", "subtotals only", "no totals" (DEFAULT as ALL). */
const char *srw_totals_text(srw_totals t);
/* 1 when outputs under o's profile show a prediction interval and the
 * tau-squared interval; 0 under revman5, as RevMan 5 shows neither (they
 * are still computed: GRADE's inconsistency reads the prediction interval). */
int srw_pool_shows_pi(const srw_pool_options *o);
/* I-squared as every output writes it, RevMan's way ("92%"): a whole
 * percent, except a value that would round up to GRADE's 50% or 75%
 * thresholds, written to one decimal ("74.6%") so that it is not read as
 * reaching them; "-" when not finite. */
void srw_i2_text(char *buf, size_t n, double i2);
/* The note of a random-effects pool of fewer than 3 studies, which has no
 * prediction interval: writers that say so on a line of their own, or show
 * no prediction interval (srw_pool_shows_pi), leave this note out. */
extern const char srw_pool_note_pi[];
int srw_ci_method_parse(srw_ci_method *out, const char *s);

typedef struct srw_study_result {
    char *study;        /* owned copy */
    char *subgroup;     /* owned copy or NULL */
    double yi, se;      /* analysis scale; NAN when not estimable */
    double ci_lower, ci_upper;
    double weight;      /* percent of the total weight under the model (0..100); with
                         * subtotals only, of its subgroup's (as RevMan shows); NAN
                         * when nothing is pooled (no totals) */
    double weight_subgroup; /* percent of its subgroup's weight; NAN without subgroup */
    int estimable;
    const char *reason; /* static; NULL when estimable */
    int corrections;    /* SRW_CORR_* */
} srw_study_result;

typedef struct srw_pooled {
    size_t k;            /* estimable studies that entered the pool */
    size_t k_total;      /* all studies, estimable or not */
    double estimate, se, ci_lower, ci_upper;
    double stat;         /* z (Wald) or t (HKSJ) */
    double stat_df;      /* NAN for z, k - 1 for t */
    double pvalue;
    double tau2, tau2_ci_lower, tau2_ci_upper, tau;
    double I2;           /* percent, Higgins-Thompson from Q */
    double I2_tau2;      /* percent, tau2 / (tau2 + s2) */
    double H2;
    double Q, Q_df, Q_pvalue;
    double pi_lower, pi_upper; /* NAN when not computed (fixed, k < 3) */
    /* HKSJ's variance factor q = Q_gen / (k - 1): the HKSJ variance is q
     * times the model's.  Below 1 (studies more alike than their SEs say;
     * 0 when identical) the HKSJ interval is narrower than the Wald one, as
     * narrow as a point.  NAN without HKSJ. */
    double hksj_factor;
    /* The wider of the HKSJ interval and the Wald one at the same tau^2
     * (IQWiG's General Methods 6.0; R meta's adhoc.hakn.ci = "ci"): what
     * verdicts and GRADE judge when hksj_factor < 1, where HKSJ can be the
     * narrower (otherwise ci_lower and ci_upper, which it then equals). */
    double ci_lower_wide, ci_upper_wide;
    int converged;       /* 0 when an iterative estimator did not converge */
    int iterations;
    const char *note;    /* static text, e.g. "heterogeneity not applicable (k = 1)", or srw_pool_note_pi */
    /* Totals over all studies (including non-estimable): participants and,
     * for dichotomous records, events. */
    double exp_total, ctl_total, exp_events, ctl_events;
} srw_pooled;

/* 1 when p's HKSJ interval is narrower than its Wald one, so that verdicts
 * and GRADE judge ci_lower_wide and ci_upper_wide instead. */
int srw_pooled_hksj_narrower(const srw_pooled *p);

/* The interval verdicts and GRADE judge, in *lo and *hi: the wider one
 * (ci_lower_wide, ci_upper_wide) when srw_pooled_hksj_narrower, else the
 * model's.  Returns 1 when it is the wider one. */
int srw_pooled_judged_ci(const srw_pooled *p, double *lo, double *hi);

/* Participants behind p (both arms, every study, estimable or not); NAN
 * when unknown (a generic record without both arm totals) or none. */
double srw_pooled_participants(const srw_pooled *p);

typedef struct srw_subgroup_result {
    char *name;          /* owned */
    srw_pooled pooled;   /* pooled within the subgroup, its own tau^2 */
} srw_subgroup_result;

typedef struct srw_subgroup_test {
    int present;         /* 1 when there are two or more subgroups */
    double Q, df, pvalue, I2;
    /* The inverse-variance pool of the subgroups' own results (each
     * subgroup's estimate and SE under the model), which Q is centred on:
     * what RevMan stores as the overall result of an analysis with
     * subtotals only.  Wald CI and z at the analysis's level; NAN without
     * a subgroup estimate. */
    double estimate, se, ci_lower, ci_upper, stat, pvalue_estimate;
} srw_subgroup_test;

/* Text of every correction applied, e.g. "0.5 added to all cells of
 * Study X (zero cell)"; owned strings. */
typedef struct srw_analysis {
    srw_pool_options opts;   /* resolved options actually used */
    srw_outcome_type type;
    size_t n_studies;
    srw_study_result *studies;
    srw_pooled overall;
    size_t n_subgroups;
    srw_subgroup_result *subgroups;
    srw_subgroup_test subgroup_test;
    /* Why the analysis reports no total (static text), NULL when it has
     * one: overall then holds no pooled result (k 0, its note this text),
     * as do the subgroups when there are no subtotals either. */
    const char *no_total;
    size_t n_corrections;
    char **corrections;
} srw_analysis;

/* Run one analysis.  Fails only on usage errors (measure does not fit the
 * type), SRW_ENOMEM, or an empty set; numerical edge cases (k = 1, zero
 * cells, tau^2 at the boundary, non-convergence) are reported in the
 * result, never as NaN in a finite field that writers show as a number. */
int srw_analysis_run(srw_analysis *out, const srw_study_set *in,
                     const srw_pool_options *opts, srw_error *err);

void srw_analysis_dispose(srw_analysis *a);

#endif
