/* srw/sensitivity.h - the analyst's sensitivity analyses of one outcome:
 * leave-one-out, cumulative meta-analysis, influence diagnostics, the
 * small-study tests (Egger, Begg, Peters, Harbord), trim-and-fill, the
 * order of a forest plot's rows, and whether any of them changes the
 * conclusion.  Pure functions over an analysis and its study set (GSL);
 * srw_assess_outcome runs them when its options ask (srw/assess.h).
 * Formulas and sources: doc/methods.md, "Sensitivity analyses".
 *
 * Every number agrees with R's metafor 3.8 (leave1out, cumul, influence,
 * regtest, ranktest, trimfill; tests/ref/sensitivity_ref.R).  Values are on
 * the analysis scale (natural log for ratios).  A number that does not
 * exist (k too small, a test that cannot be computed) is NAN with a note
 * saying why: a reported state, never an error.
 *
 *   srw_sens_options so = SRW_SENS_OPTIONS_INIT;
 *   so.what = SRW_SENS_ALL;
 *   srw_sensitivity s;
 *   if (srw_sensitivity_run(&s, &analysis, &set, years, &so, &err) == 0) { ... }
 *   srw_sensitivity_dispose(&s);
 *
 * Ownership: srw_sensitivity owns its arrays (srw_sensitivity_dispose, safe
 * on a zeroed or disposed struct); notes are static text.  Rows refer to
 * studies by their index in the analysis (a->studies[i]).
 */
#ifndef SRW_SENSITIVITY_H
#define SRW_SENSITIVITY_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/grade.h"
#include "srw/pool.h"

/* ------------------------------------------------------------ choices */

/* The order of a forest plot's rows (--sort) and of a cumulative
 * meta-analysis (--order).  DATA: as the studies were given. */
typedef enum srw_study_order {
    SRW_ORDER_DATA = 0,
    SRW_ORDER_YEAR,      /* oldest first; studies without a year last */
    SRW_ORDER_LABEL,     /* by the study's label, byte order */
    SRW_ORDER_EFFECT,    /* smallest effect (analysis scale) first */
    SRW_ORDER_PRECISION, /* most precise (smallest SE) first */
    SRW_ORDER_WEIGHT     /* heaviest first */
} srw_study_order;

/* Trim-and-fill's side (Duval & Tweedie 2000): where studies are missing.
 * AUTO: metafor's rule, from the sign of the slope of the effects on
 * their standard errors (a positive slope: missing on the left). */
typedef enum srw_tf_side { SRW_TF_SIDE_AUTO = 0, SRW_TF_SIDE_LEFT, SRW_TF_SIDE_RIGHT } srw_tf_side;
typedef enum srw_tf_estimator { SRW_TF_L0 = 0, SRW_TF_R0 } srw_tf_estimator;

/* The analyses to run, bits of srw_sens_options.what. */
enum {
    SRW_SENS_LEAVE_ONE_OUT = 1,
    SRW_SENS_CUMULATIVE = 2,
    SRW_SENS_INFLUENCE = 4,
    SRW_SENS_SMALL_STUDY = 8,
    SRW_SENS_TRIM_FILL = 16,
    SRW_SENS_ALL = 31
};

typedef struct srw_sens_options {
    int what;                    /* SRW_SENS_* bits; 0 runs nothing */
    srw_study_order order;       /* of the cumulative analysis: DATA means YEAR */
    srw_tf_side side;
    srw_tf_estimator estimator;
    srw_study_order sort;        /* of the forest plot's rows: DATA keeps the data's */
} srw_sens_options;

#define SRW_SENS_OPTIONS_INIT { 0, SRW_ORDER_YEAR, SRW_TF_SIDE_AUTO, SRW_TF_L0, SRW_ORDER_DATA }

/* The lists a user picks from, as srw/pool.h's choice tables (same
 * struct, same helpers: srw_choices_value, srw_choices_name,
 * srw_choices_text), so that `srw analyse` and `srw report` accept, offer
 * and refuse them alike. */
typedef enum srw_sens_choice_list {
    SRW_SENS_CHOICES_SORT = 0, /* --sort: effect, weight, year, label */
    SRW_SENS_CHOICES_ORDER,    /* --order: year, label, effect, precision */
    SRW_SENS_CHOICES_SIDE,     /* --side: left, right */
    SRW_SENS_CHOICES_ESTIMATOR,/* --estimator: L0, R0 */
    SRW_SENS_CHOICES_N
} srw_sens_choice_list;

/* The table of list l (static); NULL when out of range. */
const srw_choices *srw_sens_choices_of(srw_sens_choice_list l);
/* Set the field of *o that list l chooses to the value named name; 0, or
 * SRW_EUSAGE (o untouched) when the list has no such name. */
int srw_sens_options_choose(srw_sens_options *o, srw_sens_choice_list l, const char *name);
/* "year", "effect", ...; "data" for DATA. */
const char *srw_study_order_name(srw_study_order o);
const char *srw_tf_side_name(srw_tf_side s);          /* "left", "right", "auto" */
const char *srw_tf_estimator_name(srw_tf_estimator e); /* "L0", "R0" */

/* The order of a's studies for key (a stable sort, ties in the data's
 * order), written into perm (a->n_studies entries): perm[j] is the study
 * shown j-th.  With subgroups, the studies stay within their subgroup (the
 * subgroups in their order of first appearance) and are sorted there.
 * Studies that are not estimable go last under EFFECT, PRECISION and
 * WEIGHT.  years: the studies' years (0 unknown), or NULL. */
void srw_study_order_sort(size_t *perm, const srw_analysis *a, const int *years, srw_study_order key);

/* ------------------------------------------------------------ results */

/* One refit: the analysis without one study (leave-one-out) or with the
 * studies up to one (cumulative).  Same model, method, tau^2 estimator, CI
 * method and level as the analysis. */
typedef struct srw_sens_fit {
    size_t study;         /* index in the analysis: the study left out, or added */
    size_t k;             /* studies in the refit */
    double estimate, se, stat, stat_df, pvalue, ci_lower, ci_upper;
    double Q, Q_pvalue, tau2;
    double I2;            /* Higgins-Thompson, from Q (as the analysis's I2) */
    double I2_tau2;       /* tau^2 / (tau^2 + s^2): metafor's I2 of a random-effects fit */
    double H2;
    int cls;              /* where the interval lies: srw_sens_class */
    const char *note;     /* static, or NULL */
} srw_sens_fit;

/* Influence diagnostics of one study (Viechtbauer & Cheung 2010; metafor
 * influence.rma.uni), of the inverse-variance model of the analysis. */
typedef struct srw_sens_influence {
    size_t study;
    double rstudent, dffits, cook_d, cov_r, tau2_del, QE_del, hat, weight, dfbetas;
    int influential;      /* metafor's rule (doc/methods.md) */
    const char *note;
} srw_sens_influence;

/* A test's result: statistic (z or t), df (NAN for z), pvalue. */
typedef struct srw_sens_test {
    int computed;
    double statistic, df, pvalue;
    const char *note;     /* why not computed, or NULL */
} srw_sens_test;

/* Begg & Mazumdar's rank correlation test (metafor ranktest). */
typedef struct srw_begg {
    int computed;
    double tau, pvalue;
    int exact;            /* the exact null distribution (no ties), else normal */
    const char *note;
} srw_begg;

typedef struct srw_trim_fill {
    int computed;
    size_t k0;            /* studies filled */
    srw_tf_side side;     /* the side used (never AUTO once computed) */
    srw_tf_estimator estimator;
    double estimate, se, stat, stat_df, pvalue, ci_lower, ci_upper, tau2;
    int cls;
    size_t n_filled;
    double *filled_yi, *filled_se; /* n_filled each, owned */
    const char *note;
} srw_trim_fill;

/* Where an interval lies relative to no effect (0 on the analysis scale). */
typedef enum srw_sens_class {
    SRW_SENS_NONE = 0,     /* no interval */
    SRW_SENS_BELOW = 1,    /* entirely below no effect */
    SRW_SENS_INCLUDES = 2, /* includes no effect */
    SRW_SENS_ABOVE = 3     /* entirely above */
} srw_sens_class;

/* Whether the sensitivity analyses change the analysis's conclusion
 * (srw_sensitivity_judge; doc/methods.md, "Does it change the
 * conclusion?"). */
typedef struct srw_sens_conclusion {
    int judged;            /* the analysis has a pooled interval */
    int cls;               /* the analysis's: srw_sens_class */
    int loo_changes;       /* leaving out some study moves the interval across no effect */
    int tf_changes;        /* trim-and-fill's interval lies elsewhere (k >= 10 only) */
    int asymmetry;         /* Egger's or Begg's p < 0.10 (k >= 10 only) */
    size_t n_influential;
    int changes;           /* loo_changes or tf_changes */
    char sentence[1600];   /* in words, for people */
} srw_sens_conclusion;

typedef struct srw_sensitivity {
    int what;              /* the analyses run: SRW_SENS_* bits */
    size_t k;              /* estimable studies of the analysis */
    size_t n_loo;
    srw_sens_fit *loo;     /* one per estimable study, in the data's order */
    srw_study_order order;
    size_t n_cumul;
    srw_sens_fit *cumul;   /* one per estimable study, in the order asked */
    size_t n_infl;
    srw_sens_influence *infl;
    srw_egger egger;       /* regtest(): the model of the analysis */
    srw_begg begg;
    srw_sens_test peters;  /* dichotomous only; else computed 0 with a note */
    srw_sens_test harbord; /* OR (and Peto's OR) only */
    srw_trim_fill trim_fill;
    srw_sens_conclusion conclusion;
    const char *note;      /* why nothing ran (no total, no pooled result), or NULL */
} srw_sensitivity;

/* Run the analyses o->what asks for on analysis a, whose studies are in's
 * rows (in order; a = srw_analysis_run(in, ...)).  years: in's studies'
 * years (0 unknown), or NULL (then a cumulative analysis by year is in the
 * data's order).  Always fills *out (a state with a note when the analysis
 * has no pooled total); fails only with SRW_EUSAGE (NULL arguments) or
 * SRW_ENOMEM, *out then disposed. */
int srw_sensitivity_run(srw_sensitivity *out, const srw_analysis *a, const srw_study_set *in, const int *years,
                        const srw_sens_options *o, srw_error *err);

/* Fill s->conclusion from the analyses in s and the analysis a (called
 * by srw_sensitivity_run; a writer only reads the result). */
void srw_sensitivity_judge(srw_sensitivity *s, const srw_analysis *a);

void srw_sensitivity_dispose(srw_sensitivity *s);

/* The class of the interval [lo, hi] (srw_sens_class). */
int srw_sens_class_of(double lo, double hi);

/* Begg & Mazumdar's test on k effects yi with variances vi (metafor
 * ranktest: Kendall's tau between the standardised deviates from the
 * fixed-effect estimate and the variances; the exact p-value without ties
 * and with at most 170 studies, else the normal approximation with the
 * ties' correction).  k < 3 is a
 * state.  Fails with SRW_EDATA on a non-finite yi or a vi that is not > 0. */
int srw_begg_test(srw_begg *out, const double *yi, const double *vi, size_t k, srw_error *err);

/* Two-sided p-value of Kendall's statistic: the probability of at most q
 * (or at least q) concordant pairs among n untied pairs under
 * independence, doubled (R's cor.test, exact = TRUE).  NAN for n < 2. */
double srw_kendall_exact_p(double q, size_t n);

#endif
