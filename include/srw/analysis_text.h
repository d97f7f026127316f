/* srw/analysis_text.h - one analysis as a plain-text table laid out like
 * RevMan's analysis view: a row per study with arm data, weight and effect
 * [CI] on the display scale, then the pooled rows, heterogeneity and the
 * test for the overall effect. */
#ifndef SRW_ANALYSIS_TEXT_H
#define SRW_ANALYSIS_TEXT_H

#include <stdio.h>

#include "srw/assess.h"
#include "srw/pool.h"
#include "srw/store.h"

/* Returns 0, or SRW_EIO when writing fails. */
int srw_report_analysis_text(FILE *f, const srw_analysis *a, const srw_outcome_data *d);
/* The same with the study rows in order (a->n_studies indices, from
 * srw_study_order_sort, which keeps subgroups together); NULL: as stored. */
int srw_report_analysis_text_sorted(FILE *f, const srw_analysis *a, const srw_outcome_data *d, const size_t *order);

/* The sensitivity analyses the assessment ran (srw_assess_options.sens):
 * leave-one-out and cumulative tables, influence diagnostics, the
 * small-study tests, trim-and-fill and the sentence whether they change
 * the conclusion; nothing when none ran.  0 or SRW_EIO. */
int srw_report_sensitivity_text(FILE *f, const srw_assessment *a);

/* The assessment's GRADE certainty and GRADE guideline 26 statement, the
 * review's own GRADE beside it, and for the use's primary outcome the
 * verdict with the primary outcome's pre-specification; 0 or SRW_EIO. */
int srw_report_assessment_text(FILE *f, const srw_assessment *a);

/* The meta-regression the assessment made: its coefficients, the test of
 * the moderators and the residual heterogeneity, or why it could not be
 * fitted; nothing when none was asked for.  0 or SRW_EIO. */
int srw_report_metareg_text(FILE *f, const srw_assessment *a);

#endif
