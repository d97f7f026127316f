/* srw/rob.h - the overall risk of bias of a study (Cochrane RoB 1) or of a
 * result (RoB 2) from its domain judgements, by each tool's own rule, and
 * the check of a RoB 2 overall a reviewer gives (pure; core).
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
 *
 * RoB 2 (Sterne JAC, Savovic J, Page MJ, et al. RoB 2: a revised tool for
 * assessing risk of bias in randomised trials. BMJ 2019;366:l4898, the
 * overall risk-of-bias judgement; doc/methods.md says how its wording was
 * checked): low when the result is judged at low risk of bias for
 * all domains; some concerns when it raises some concerns in at least one
 * domain but is not at high risk in any; high when it is at high risk in at
 * least one domain, or has some concerns in multiple domains "in a way that
 * substantially lowers confidence in the result".  That last step is the
 * reviewer's judgement, which no algorithm makes: srw_rob2_overall gives
 * any high, high; all five low, low; otherwise some concerns (an unjudged
 * domain is not low).  A reviewer's rob2_overall of high over some concerns
 * only is that judgement, and stands; a given overall that contradicts the
 * algorithm's fixed parts (low beside a domain that is not low, some
 * concerns beside a high domain or beside five low ones, high beside five
 * low ones) is a warning (srw_rob2_overall_check).
 */
#ifndef SRW_ROB_H
#define SRW_ROB_H

#include <stddef.h>

#include "srw/record.h"

/* Key domains: one bit per srw_rob_domain. */
#define SRW_ROB1_KEY(d) (1u << (d))
#define SRW_ROB1_KEY_ALL ((1u << SRW_ROB_N) - 1u)

/* The study's overall RoB 1 judgement over the key domains in key: HIGH,
 * LOW or UNCLEAR; UNSET when no domain at all is judged.  *not_judged (may
 * be NULL) gets how many key domains have no judgement. */
srw_rob_judgement srw_rob1_overall(const srw_rob_judgement rob[SRW_ROB_N], unsigned key, int *not_judged);

/* The algorithm's overall over the five domains: HIGH when any is high, LOW
 * when all five are low, otherwise SOME_CONCERNS; UNSET when none is
 * judged. */
srw_rob2_judgement srw_rob2_overall(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS]);

/* The overall a result is taken at (GRADE, the figures): the given one
 * when no domain is judged, the algorithm's when none is given, else the
 * more severe of the two (a given high over some concerns stands, and a
 * given overall that contradicts the domains never makes a result look
 * better than they do).  UNSET when nothing is judged. */
srw_rob2_judgement srw_rob2_overall_used(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS]);

/* 1 when a given overall contradicts the algorithm's fixed parts, with why
 * in buf ("rob2_overall: low, but rob2_missing is high (the RoB 2 algorithm
 * gives high)"); 0 (buf "") when it does not, or when there is no given
 * overall or no domain judged. */
int srw_rob2_overall_check(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS], char *buf, size_t n);

#endif
