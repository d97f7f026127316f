/* srw/analysis_json.h - one analysis as JSON (jansson), the single code
 * path behind `srw analyse --json` and the numbers in the report's
 * summary.json.
 *
 * Contract: keys use, outcome, measure, model, method, tau2_method,
 * ci_method, profile, corrections, studies[] (study, estimate, se, ci_lower,
 * ci_upper, weight, estimable) and pooled (k, estimate, se, ci_lower,
 * ci_upper, pvalue, tau2, tau2_ci_lower, tau2_ci_upper, I2, I2_tau2, H2, Q,
 * Q_df, Q_pvalue, pi_lower, pi_upper, converged).  Effects on the analysis
 * scale (natural log for ratios), with exponentiated copies under *_exp
 * keys for ratio measures.  Undefined values are null, never NaN.
 *
 * Ownership: returns a new reference (json_decref it), NULL on OOM.
 */
#ifndef SRW_ANALYSIS_JSON_H
#define SRW_ANALYSIS_JSON_H

#include <jansson.h>

#include "srw/assess.h"
#include "srw/grade.h"
#include "srw/pool.h"
#include "srw/store.h"

/* A finite number, or JSON null. */
json_t *srw_json_number(double x);

/* d may be NULL (then use/outcome and arm data are left out). */
json_t *srw_report_analysis_json(const srw_analysis *a, const srw_outcome_data *d);

/* A review's published result and its comparison with srw's own analysis
 * (srw_published_compare): the "published" entries of `srw analyse --json`
 * and of the report. */
json_t *srw_report_published_json(const srw_published *p, const srw_published_comparison *c);

/* A GRADE assessment: certainty and, per domain key, computed, downgrade,
 * assessable, overridden, reason (and override_reason): the report's
 * summary.json and `srw analyse --json`. */
json_t *srw_report_grade_json(const srw_grade *g);

/* Adds to j what core's assessment decided beyond the analysis: primary,
 * mid (value on the analysis scale, source, text; null when not analysed),
 * grade (null with grade_note saying why when not graded) and, for a
 * primary outcome, the use's verdict, verdict_text, verdict_reason, basis
 * ("srw", "published" or null), basis_text and certainty_source. */
void srw_report_assessment_json(json_t *j, const srw_assessment *a);

/* The meta-regression the assessment made (or why not) as j's key
 * "meta_regression"; nothing when none was asked for. */
void srw_report_metareg_json(json_t *j, const srw_assessment *a);

/* Adds to j what the assessment's sensitivity analyses found, each key
 * only when it ran (srw_assess_options.sens.what): leave_one_out (one
 * object per estimable study: study, estimate, se, statistic,
 * statistic_df, pvalue, ci_lower, ci_upper, Q, Q_pvalue, tau2, I2,
 * I2_tau2, H2, note), cumulative (the same with k, one per step, in
 * cumulative_order), influence (study, rstudent, dffits, cook_d, cov_r,
 * tau2_del, QE_del, hat, weight, dfbetas, influential, note), small_study
 * (egger, begg, peters, harbord), trim_fill (k0, side, estimator, estimate,
 * se, ci_lower, ci_upper, tau2, filled[], note) and
 * sensitivity_conclusion (changes, text); with a forest order, sort and
 * forest_order (indices into studies).  Effects have _exp twins for ratio
 * measures. */
void srw_report_sensitivity_json(json_t *j, const srw_assessment *a);

/* The pooled block alone (also used per subgroup). */
json_t *srw_report_pooled_json(const srw_pooled *p, int ratio);

#endif
