/* srw/trace.h - the explanation of one analysis as data: what the one
 * implementation computed on the way to its results, step by step, so that
 * `srw explain` can show a student every number with the numbers that went
 * into it.
 *
 * A trace is filled by the code that computes, when a caller hands it one:
 * srw_analysis_run_traced (study effects, weights, sums, Q, the tau^2
 * estimator with each iteration, the Q-profile interval, the confidence
 * and prediction intervals) and srw_grade_assess through
 * srw_grade_input.trace (the numbers each GRADE domain looked at); the
 * assessment verb fills both when srw_assess_options.trace is set.  Nothing
 * in a trace is computed twice: it records the operands and intermediate
 * results of the computation that produced the analysis, and without a
 * trace (NULL) the computation is the same, at no cost.  Numbers the
 * analysis itself holds (srw_pooled, srw_study_result, srw_grade) are not
 * repeated here: a reader takes them from there.
 *
 *   srw_trace t;
 *   srw_trace_init(&t);
 *   srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
 *   o.trace = &t;
 *   if (srw_assess_outcome(&a, &d, &use, &pubs, &o, &err) == 0 && t.filled) ...
 *   srw_trace_dispose(&t);
 *
 * Only the overall pool is traced (subgroups are pooled the same way, each
 * on its own).  Undefined numbers are NAN.  Ownership: a trace owns its
 * arrays; srw_trace_dispose frees them (safe on a zeroed, initialised or
 * disposed trace).  A trace is refilled from scratch by each traced run.
 */
#ifndef SRW_TRACE_H
#define SRW_TRACE_H

#include <stddef.h>

#include "srw/effect.h"
#include "srw/pool.h"

/* One step of an iterative search for tau^2.
 *   Fisher scoring (ML, REML, EB; Viechtbauer 2005): score and info are the
 *   numerator and denominator of the step, step = score / info;
 *   root search (PM, the Q-profile bounds; safeguarded Newton on 1/Q):
 *   score = Q(tau2) - target, info = -dQ/dtau2, step = Newton's step. */
typedef struct srw_trace_iter {
    int step;            /* 1, 2, ... */
    double tau2;         /* tau^2 at the start of the step */
    double score, info;  /* see above */
    double step_size;    /* the step proposed (score / info, or Newton's) */
    int halvings;        /* Fisher: times halved to keep tau^2 >= 0; root: 1 when it bisected instead */
    double next;         /* tau^2 after the step */
    double change;       /* next - tau2: convergence asks |change| <= tol max(next, tol) */
} srw_trace_iter;

typedef struct srw_trace_iters {
    srw_trace_iter *items;
    size_t n, cap;
    int nomem;           /* an iteration could not be recorded */
} srw_trace_iters;

/* Where a Q-profile bound came from. */
typedef enum srw_trace_bound {
    SRW_TRACE_BOUND_ROOT = 0,   /* the root of Q(tau2) = quantile */
    SRW_TRACE_BOUND_ZERO,       /* 0: Q(0) is already below the quantile */
    SRW_TRACE_BOUND_MAX         /* the search interval's end: Q is above the quantile there */
} srw_trace_bound;

/* A study's class in GRADE's risk-of-bias domain (grade_rob.c). */
typedef enum srw_trace_rob {
    SRW_TRACE_ROB_NO_WEIGHT = 0, /* not estimable or no weight: not counted */
    SRW_TRACE_ROB_LOW,
    SRW_TRACE_ROB_MIDDLE,        /* unclear (RoB 1) or some concerns (RoB 2) */
    SRW_TRACE_ROB_NONE,          /* no judgement: counted as unclear / some concerns */
    SRW_TRACE_ROB_HIGH
} srw_trace_rob;

typedef struct srw_trace_study {
    srw_effect_detail effect; /* what the effect's formula used (srw_effect_compute_detail) */
    double v;            /* the effect's variance as computed (its SE is sqrt(v)); NAN not estimable */
    double w_fixed;      /* weight in the fixed-effect fit of the chosen method: 1/v (IV), MH weight, Peto's V */
    double w_iv;         /* 1/v, the inverse-variance weight Q and DL use */
    double q_term;       /* (y - mu_F)^2 / v: the study's part of Q */
    double w_model;      /* weight under the model: w_fixed, or 1/(v + tau^2) for random effects */
    int mh_corrected;    /* its 0.5-corrected cells entered the MH sums (revman5 profile) */
    srw_trace_rob rob;   /* GRADE's risk-of-bias class */
} srw_trace_study;

typedef struct srw_trace_tau2 {
    int computed;        /* random effects with k >= 2 */
    srw_tau2_method method;
    double raw;          /* the closed forms (DL, HE, SJ) before truncation at 0 */
    double dl_sw, dl_sw2, dl_c; /* DL: sum w, sum w^2 (w = 1/v) and C = sum w - sum w^2 / sum w */
    double ybar, rss, sum_v; /* HE, SJ: unweighted mean, sum (y - ybar)^2; HE: sum v */
    double sj_t0, sj_q;  /* SJ: tau0^2 = rss / k and Q(tau0^2) */
    double q0, target, bracket_hi; /* PM: Q(0), k - 1 and the search interval's end */
    double start_raw;    /* ML, REML, EB: the HE estimate they start from, before truncation */
    int boundary;        /* stopped at 0: a step would cross 0 and the score at 0 points below it */
    double ll_drop;      /* ML, REML: ll(0) - ll(tau^2) of metafor's ll0check, NAN unchecked */
    int ll0;             /* ... > 0: tau^2 replaced by 0 */
    srw_trace_iters iters;
} srw_trace_tau2;

typedef struct srw_trace_qprofile {
    int computed;
    double crit_lower, crit_upper; /* chi-square(k - 1) quantiles at alpha/2 and 1 - alpha/2 */
    double q0;           /* Q(0) */
    double tmax, qmax;   /* the search interval's end and Q there */
    srw_trace_bound lower_how, upper_how;
    srw_trace_iters lower_iters, upper_iters;
} srw_trace_qprofile;

/* GRADE: the numbers each computed domain looked at (grade.c, grade_rob.c). */
typedef struct srw_trace_grade {
    int filled;
    int rob_tool;        /* 1 RoB 1, 2 RoB 2; 0 when no study carries weight */
    double rob_total;    /* weight (%) of the studies that carry weight */
    double rob_high, rob_middle; /* their shares (%), renormalised to rob_total */
    int both_sides;      /* inconsistency: study estimates on both sides of no effect */
    double ci_lower, ci_upper; /* imprecision: the interval judged */
    int ci_wide;         /* ... the Wald one, the HKSJ one being narrower */
    int have_mid;
    double thr_down, thr_up; /* the thresholds below and above no effect (signed; 0 without a MID) */
    int cross_down, cross_up;
    size_t egger_k;      /* publication bias: studies in Egger's test */
} srw_trace_grade;

typedef struct srw_trace {
    int filled;          /* a traced analysis ran */
    size_t n_studies;    /* = the analysis's n_studies; studies[i] is its studies[i] */
    srw_trace_study *studies;
    double z;            /* the normal quantile at the level */
    /* The fixed-effect fit of the chosen method, and Q centred on it. */
    double sum_w, sum_w2, sum_wy; /* over w = 1/v (the IV sums; DL's C) */
    double fe, fe_var;
    /* MH sums: OR R, S, sum P R, sum (P S + Q R), sum Q S; RR sum a n2/N,
     * sum c n1/N, sum (n1 n2 (a+c) - a c N)/N^2; RD sum (a n2 - c n1)/N,
     * sum n1 n2/N, then Greenland-Robins' variance sum or Sato's P and Q.
     * Peto: sum (O - E), sum V. */
    double mh[5];
    int mh_gr;           /* RD: Greenland-Robins variance (revman5), else Sato-Greenland-Robins */
    srw_trace_tau2 tau2;
    srw_trace_qprofile qp;
    /* The model's fit: the sums of the model's weights and of w y (random
     * effects: w = 1/(v + tau^2)), and the Wald SE from the weights. */
    double sum_w_model, sum_wy_model, se_model;
    double weight_total; /* the sum of the model's weights each study's percentage is of */
    /* HKSJ: generalised Q at tau^2, and the halves of the two intervals
     * whose wider one GRADE and the verdict judge. */
    double q_gen;
    double crit;         /* the CI's quantile: z, or t on k - 1 df */
    double half_t, half_z;
    /* Prediction interval: t on k - 2 df, tau^2 + SE^2 */
    double pi_crit, pi_var;
    double s2;           /* the typical within-study variance (I^2 from tau^2, H^2) */
    srw_trace_grade grade;
} srw_trace;

void srw_trace_init(srw_trace *t);
void srw_trace_dispose(srw_trace *t);
/* 1 when every step was recorded (no iteration lost to a failed allocation). */
int srw_trace_complete(const srw_trace *t);

/* srw_analysis_run, recording into trace (may be NULL: then exactly
 * srw_analysis_run).  The results are the same bits with or without a
 * trace.  Fails as srw_analysis_run, and with SRW_ENOMEM when the trace's
 * study array cannot be allocated. */
int srw_analysis_run_traced(srw_analysis *out, const srw_study_set *in, const srw_pool_options *opts,
                            srw_trace *trace, srw_error *err);

#endif
