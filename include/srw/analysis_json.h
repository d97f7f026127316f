/* srw/analysis_json.h - one analysis as JSON, the single code path behind
 * `srw analyse --json` and the numbers in the report's summary.json.
 *
 * Contract: keys use, outcome, measure, model, method, tau2_method,
 * ci_method, profile, corrections, studies[] (study, estimate, se, ci_lower,
 * ci_upper, weight, estimable) and pooled (k, estimate, se, ci_lower,
 * ci_upper, pvalue, tau2, tau2_ci_lower, tau2_ci_upper, I2, I2_tau2, H2, Q,
 * Q_df, Q_pvalue, pi_lower, pi_upper, converged).  Effects on the analysis
 * scale (natural log for ratios), with exponentiated copies under *_exp
 * keys for ratio measures.  Undefined values are null, never NaN.
 *
 * Ownership: the writer borrows its buffer; functions returning json_t
 * return a new reference (json_decref it), NULL on OOM.
 */
#ifndef SRW_ANALYSIS_JSON_H
#define SRW_ANALYSIS_JSON_H

#include <jansson.h>

#include "srw/assess.h"
#include "srw/grade.h"
#include "srw/pool.h"
#include "srw/report.h"
#include "srw/store.h"

/* ------------------------------------------------------- the writer */

/* JSON text appended to a buffer as it is written (`srw analyse --all`
 * writes each outcome as it is done): jansson's layout with JSON_INDENT(2)
 * | JSON_REAL_PRECISION(17), byte for byte (srw's JSON had it when it was
 * built as a tree first), or one line with JSON_COMPACT's (`--jsonl`).
 * A key is given inside an object and NULL elsewhere; reals that are not
 * finite and NULL texts are written as null.  Nesting deeper than
 * SRW_JSON_MAX_DEPTH, or closing what is not open, sets out->oom. */
#define SRW_JSON_MAX_DEPTH 32
typedef struct srw_json_writer {
    srw_buf *out;               /* borrowed */
    int compact;
    int depth;
    unsigned count[SRW_JSON_MAX_DEPTH]; /* values written in each open container */
} srw_json_writer;

void srw_json_writer_init(srw_json_writer *w, srw_buf *out, int compact);
void srw_json_begin_object(srw_json_writer *w, const char *key);
void srw_json_end_object(srw_json_writer *w);
void srw_json_begin_array(srw_json_writer *w, const char *key);
void srw_json_end_array(srw_json_writer *w);
void srw_json_real(srw_json_writer *w, const char *key, double x);
void srw_json_int(srw_json_writer *w, const char *key, long long v);
void srw_json_text(srw_json_writer *w, const char *key, const char *s);
void srw_json_bool(srw_json_writer *w, const char *key, int v);
void srw_json_null(srw_json_writer *w, const char *key);
/* A jansson value (its objects' keys in their order), in the writer's
 * layout: the sensitivity analyses and the meta-regression, built as
 * values, go into the streamed outcome this way. */
void srw_json_value(srw_json_writer *w, const char *key, const json_t *v);

/* ------------------------------------------------------- the layouts */

/* `srw analyse --json`'s object for one outcome: its analysis (when d
 * holds trials; else the published results alone with a note that srw
 * holds no trial data), its published results with srw's comparison and
 * core's assessment (below).  key as for the writer. */
void srw_report_outcome_write(srw_json_writer *w, const char *key, const srw_assessment *a,
                              const srw_outcome_data *d, const char *use, const char *outcome);

/* The members of an analysis object (d may be NULL: then use/outcome and
 * arm data are left out), written into the object open in w. */
void srw_report_analysis_write(srw_json_writer *w, const srw_analysis *a, const srw_outcome_data *d);

/* A GRADE assessment as the value of key: certainty and, per domain key,
 * computed, downgrade, assessable, overridden, reason (and
 * override_reason). */
void srw_report_grade_write(srw_json_writer *w, const char *key, const srw_grade *g);

/* The members core's assessment adds beyond the analysis: primary, mid
 * (value on the analysis scale, source, text; null when not analysed),
 * grade (null with grade_note saying why when not graded), statement,
 * effect size, importance, thresholds and, for a primary outcome, the
 * use's verdict, verdict_text, verdict_reason, basis ("srw", "published"
 * or null), basis_text and certainty_source. */
void srw_report_assessment_write(srw_json_writer *w, const srw_assessment *a);

/* ---------------------------------------- the same, as jansson values */

/* For the report's summary.json, which is built as a tree: the text the
 * writer gives, read back (so the numbers are the same doubles).  New
 * references; NULL when out of memory. */

/* A finite number, or JSON null. */
json_t *srw_json_number(double x);
/* d may be NULL (then use/outcome and arm data are left out). */
json_t *srw_report_analysis_json(const srw_analysis *a, const srw_outcome_data *d);
json_t *srw_report_grade_json(const srw_grade *g);

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
 * measures.  srw_report_outcome_write writes the same keys. */
void srw_report_sensitivity_json(json_t *j, const srw_assessment *a);

#endif
