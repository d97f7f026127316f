/* srw/metareg.h - meta-regression: the study effects of an analysis
 * regressed on study-level moderators (mixed-effects, or fixed-effect with
 * --model fixed), as metafor's rma(yi, vi, mods = ~ ..., method =, test =)
 * fits it (pure functions over arrays, no I/O).
 *
 *   srw_metareg m;
 *   if (srw_metareg_run(&m, &in, &opts, &err) == 0) {
 *       if (m.state == SRW_METAREG_OK) ... else ... m.reason ...
 *   }
 *   srw_metareg_dispose(&m);
 *
 * A moderator is given as text per study (what the record CSV's mod_<name>
 * column held, or a study's year): numbers make a continuous moderator,
 * text a categorical one, dummy-coded against its first level in byte
 * order (R's sort() in the C locale).  A study without a value for a
 * moderator of the model is left out of the fit, as metafor leaves out
 * rows with NA.  What a fit cannot be made from (one level, a collinear
 * design, too few studies for the parameters, text in a numeric
 * moderator) is a state of the result with its reason, never a failure.
 *
 * Formulas and sources: doc/methods.md, "Meta-regression".
 * Ownership: srw_metareg owns its coefficient array (one _dispose, safe on
 * a zeroed or disposed struct); inputs are borrowed for the call.
 */
#ifndef SRW_METAREG_H
#define SRW_METAREG_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/pool.h"

/* One moderator: its name (as the user asked for it, without "mod_") and
 * its value per study of the input, as text; NULL where a study has none. */
typedef struct srw_moderator {
    const char *name;
    const char *const *values;
} srw_moderator;

/* The fit's input: k studies' effects on the analysis scale with their
 * sampling variances (estimable studies only: vi > 0), their labels (for
 * the reasons), and the moderators of the model. */
typedef struct srw_metareg_input {
    size_t k;
    const double *yi, *vi;
    const char *const *labels;
    size_t n_moderators;
    const srw_moderator *moderators;
} srw_metareg_input;

typedef enum srw_metareg_state {
    SRW_METAREG_OK = 0,
    SRW_METAREG_ONE_LEVEL,   /* a moderator takes one value in the studies fitted */
    SRW_METAREG_COLLINEAR,   /* a column of the design is a combination of the others */
    SRW_METAREG_TOO_FEW,     /* fewer studies than the model has parameters (+ 1 for tau^2) */
    SRW_METAREG_NOT_NUMERIC  /* a moderator mixes numbers and text */
} srw_metareg_state;

/* "ok", "one_level", "collinear", "too_few_studies", "not_numeric" (JSON). */
const char *srw_metareg_state_key(srw_metareg_state s);

typedef struct srw_metareg_coef {
    char name[128];          /* "intercept", "ablat", "alloc = random" */
    double estimate, se;
    double statistic, df;    /* z (df NAN) or t on k - p df (test "knha") */
    double pvalue, ci_lower, ci_upper;
} srw_metareg_coef;

typedef struct srw_metareg {
    srw_metareg_state state;
    char reason[512];        /* why there is no fit; "" when OK */
    srw_model model;         /* FIXED (metafor method "EE") or RANDOM */
    srw_tau2_method tau2_method;
    int knha;                /* t and F tests (--ci hksj), else z and chi-square */
    double level;
    size_t k;                /* studies in the fit */
    size_t k_missing;        /* studies left out: no value for a moderator */
    char missing[400];       /* their labels, ", " between them */
    size_t p;                /* coefficients, the intercept first */
    srw_metareg_coef *coefs;
    /* The omnibus test of the moderators (every coefficient but the
     * intercept): chi-square on QM_df, or F on (QM_df, QM_df2) with knha
     * (QM_df2 NAN otherwise). */
    double QM, QM_df, QM_df2, QM_pvalue;
    /* The test for residual heterogeneity (fixed-effect weights). */
    double QE, QE_df, QE_pvalue;
    /* Residual tau^2 (0 for a fixed-effect model), I^2 (%), H^2, and R^2
     * (%), the heterogeneity the moderators account for: (tau2_0 - tau2) /
     * tau2_0 against the intercept-only fit of the same studies with the
     * same estimator (NAN when tau2_0 = 0 under metafor's rule: then 0);
     * for a fixed-effect model the adjusted R^2 of the weighted least
     * squares fit.  NAN when undefined. */
    double tau2, I2, H2, R2;
    int converged, iterations;
    const char *note;        /* static: a remark on the fit (non-convergence, a zero KH factor), or NULL */
} srw_metareg;

/* Fit the model.  opts must be resolved (srw_pool_options_resolve): its
 * model, tau2 estimator, CI method (HKSJ: metafor test "knha"), level,
 * max_iter and tol are used.  Fails only with SRW_EUSAGE (no moderator, a
 * NULL argument) or SRW_ENOMEM; a model that cannot be fitted is a state. */
int srw_metareg_run(srw_metareg *out, const srw_metareg_input *in, const srw_pool_options *opts, srw_error *err);
void srw_metareg_dispose(srw_metareg *m);

#endif
