/* srw/arms.h - the rows an outcome's analysis pools, from the rows its
 * records give: a study with several intervention arms against one
 * control (records with an `arm`) combined into one comparison, split into
 * one comparison per arm, or pooled row by row as RevMan 5 pools them; and
 * the subgrouping variable chosen (the records' subgroup, a moderator or
 * the year).  Pure: core, no I/O.
 *
 * Formulas and sources (doc/methods.md, "Multi-arm trials"):
 *   combine  Cochrane Handbook (v6.4) Table 6.5.a: events and totals
 *            summed; N = N1 + N2, M = (N1 M1 + N2 M2) / N,
 *            SD = sqrt(((N1 - 1) SD1^2 + (N2 - 1) SD2^2
 *                 + N1 N2 / N (M1 - M2)^2) / (N - 1)), arm by arm;
 *   split    Handbook 23.3.4: each arm against the control, whose
 *            participants (and events) are divided equally between the
 *            comparisons (its mean and SD kept);
 *   separate each arm against the whole control, as RevMan 5 pools a
 *            study's rows (the control counted once per arm: a
 *            unit-of-analysis error, kept to reproduce a review).
 * Arms in different subgroups are compared with the control separately
 * even when combining (the control divided between the subgroups).
 */
#ifndef SRW_ARMS_H
#define SRW_ARMS_H

#include "srw/error.h"
#include "srw/review.h"

/* 1 when d's rows need preparing: some row has an arm, or subgroup_by
 * names another variable than the records' subgroup. */
int srw_arms_needed(const srw_outcome_data *d, const char *subgroup_by);

/* The rows to pool, into out (a deep copy of in's outcome-level fields,
 * owned; srw_outcome_data_dispose it): in's rows with their arms resolved
 * by mode (DEFAULT: COMBINE), each row's subgroup the value of subgroup_by
 * (NULL or "subgroup": the records' own; else a moderator, or "year"), in
 * the order the store loads rows (subgroup, then study).  A row's info,
 * moderator values and label follow it: a comparison of one arm is
 * labelled "Study (arm)", several arms combined keep the study's label.
 * out->notes says what was done.  A study whose arms cannot be combined or
 * split (their control groups differ, or generic estimates) is pooled row
 * by row, as given, with a note.  Fails with SRW_EUSAGE when subgroup_by
 * names no variable of in (the message lists them), or SRW_ENOMEM. */
int srw_arms_prepare(srw_outcome_data *out, const srw_outcome_data *in, srw_multi_arm mode, const char *subgroup_by,
                     srw_error *err);

#endif
