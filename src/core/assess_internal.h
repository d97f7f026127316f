/* Internals shared by src/core/assess.c and assess_verdict.c (not public). */
#ifndef SRW_CORE_ASSESS_INTERNAL_H
#define SRW_CORE_ASSESS_INTERNAL_H

#include "srw/assess.h"

/* The verdict on srw's own analysis a (graded g when graded), judged on
 * the interval srw_pooled_judged_ci gives; a rule the inputs cannot meet
 * (no direction) gives Insufficient evidence with the reason. */
void srw_assess__verdict_of(srw_verdict_result *v, const srw_analysis *a, const srw_grade *g, int graded,
                            srw_direction dir, const srw_assess_mid *mid);

/* The review's own GRADE judgement (a->settings) beside srw's (a->grade). */
void srw_assess__review_grade(srw_assess_review_grade *out, const srw_assessment *a);

#endif
