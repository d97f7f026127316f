/* Internal to core's GRADE (not public): the domains computed in files of
 * their own. */
#ifndef SRW_CORE_GRADE_INTERNAL_H
#define SRW_CORE_GRADE_INTERNAL_H

#include "srw/grade.h"

/* Risk of bias (grade_rob.c): fills s (assessable, computed = downgrade,
 * reason) from in's analysis and its studies' RoB 1 or RoB 2 judgements. */
void srw_grade__rob(srw_grade_step *s, const srw_grade_input *in);

#endif
