/* srw/rob.h - the overall risk of bias of a study (Cochrane RoB 1) from its
 * domain judgements, by the Cochrane Handbook's rule (pure; core).
 *
 * RoB 1 (Higgins JPT, Altman DG, Sterne JAC, Cochrane Handbook 5.1, 2011,
 * section 8.7, Table 8.7.a, "Possible approach for summary assessments of
 * the risk of bias for each important outcome (across domains) within and
 * across studies"), within a study:
 *   low      low risk of bias for all key domains;
 *   unclear  unclear risk of bias for one or more key domains;
 *   high     high risk of bias for one or more key domains.
 * The Handbook leaves the key domains to the review (8.7: "A review author
 * will have to make judgements about which domains are most important in
 * the current review").  srw's default is all seven (SRW_ROB1_KEY_ALL): srw
 * holds no per-review choice, and any smaller set would call a study low
 * while a domain the review may well think important (blinding, for a
 * subjective outcome such as pain) is unclear or high.
 *
 * A key domain without a judgement is unclear: an unjudged domain is no
 * reassurance, so a study judged low on some domains and not at all on the
 * others is unclear, not low.  A study with no judgement at all has no
 * overall (UNSET), which its users count as unclear and name as such.
 */
#ifndef SRW_ROB_H
#define SRW_ROB_H

#include "srw/record.h"

/* Key domains: one bit per srw_rob_domain. */
#define SRW_ROB1_KEY(d) (1u << (d))
#define SRW_ROB1_KEY_ALL ((1u << SRW_ROB_N) - 1u)

/* The study's overall RoB 1 judgement over the key domains in key: HIGH,
 * LOW or UNCLEAR; UNSET when no domain at all is judged.  *not_judged (may
 * be NULL) gets how many key domains have no judgement. */
srw_rob_judgement srw_rob1_overall(const srw_rob_judgement rob[SRW_ROB_N], unsigned key, int *not_judged);

#endif
