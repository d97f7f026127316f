/* The overall risk of bias from domain judgements (srw/rob.h): the rules
 * and their sources are there. */
#include "srw/rob.h"

srw_rob_judgement srw_rob1_overall(const srw_rob_judgement rob[SRW_ROB_N], unsigned key, int *not_judged)
{
    int any = 0, high = 0, unclear = 0, missing = 0;
    for (int d = 0; d < SRW_ROB_N; d++) {
        any |= rob[d] != SRW_ROB_UNSET;
        if (!(key & SRW_ROB1_KEY(d)))
            continue;
        high |= rob[d] == SRW_ROB_HIGH;
        unclear |= rob[d] == SRW_ROB_UNCLEAR;
        missing += rob[d] == SRW_ROB_UNSET;
    }
    if (not_judged != NULL)
        *not_judged = missing;
    if (!any)
        return SRW_ROB_UNSET;
    if (high)
        return SRW_ROB_HIGH;
    return unclear || missing ? SRW_ROB_UNCLEAR : SRW_ROB_LOW;
}
