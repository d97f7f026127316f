/* The overall risk of bias from domain judgements (srw/rob.h): the rules
 * and their sources are there. */
#include "srw/rob.h"

#include <stdio.h>
#include <string.h>

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

/* ------------------------------------------------------------------ RoB 2 */

static const char *const rob2_columns[SRW_ROB2_ITEMS] = {
#define SRW_X_ROB2(id, col, label) col,
    SRW_ROB2_TABLE(SRW_X_ROB2)
#undef SRW_X_ROB2
    "rob2_overall",
};
static const char *const rob2_labels[SRW_ROB2_ITEMS] = {
#define SRW_X_ROB2(id, col, label) label,
    SRW_ROB2_TABLE(SRW_X_ROB2)
#undef SRW_X_ROB2
    "Overall risk of bias",
};
static const char *const rob2_support_columns[SRW_ROB2_N] = {
#define SRW_X_ROB2(id, col, label) col "_support",
    SRW_ROB2_TABLE(SRW_X_ROB2)
#undef SRW_X_ROB2
};

const char *srw_rob2_item_column(int item)
{
    return item >= 0 && item < SRW_ROB2_ITEMS ? rob2_columns[item] : NULL;
}

const char *srw_rob2_item_label(int item)
{
    return item >= 0 && item < SRW_ROB2_ITEMS ? rob2_labels[item] : NULL;
}

const char *srw_rob2_support_column(int item)
{
    return item >= 0 && item < SRW_ROB2_N ? rob2_support_columns[item] : NULL;
}

int srw_rob2_item_parse(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < SRW_ROB2_ITEMS; i++)
        if (strcmp(rob2_columns[i], name) == 0 || strcmp(rob2_columns[i] + 5, name) == 0) /* "rob2_" optional */
            return i;
    return -1;
}

const char *srw_rob2_judgement_name(srw_rob2_judgement j)
{
    switch (j) {
    case SRW_ROB2_LOW:
        return "low";
    case SRW_ROB2_SOME_CONCERNS:
        return "some_concerns";
    case SRW_ROB2_HIGH:
        return "high";
    default:
        return NULL;
    }
}

const char *srw_rob2_judgement_words(srw_rob2_judgement j)
{
    return j == SRW_ROB2_SOME_CONCERNS ? "some concerns" : j == SRW_ROB2_UNSET ? "not judged" : srw_rob2_judgement_name(j);
}

srw_rob2_judgement srw_rob2_judgement_parse(const char *s)
{
    for (int j = SRW_ROB2_LOW; s != NULL && j <= SRW_ROB2_HIGH; j++)
        if (strcmp(s, srw_rob2_judgement_name((srw_rob2_judgement)j)) == 0)
            return (srw_rob2_judgement)j;
    return SRW_ROB2_UNSET;
}

srw_rob2_judgement srw_rob2_overall(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS])
{
    int any = 0, high = 0, all_low = 1;
    for (int d = 0; d < SRW_ROB2_N; d++) {
        any |= rob2[d] != SRW_ROB2_UNSET;
        high |= rob2[d] == SRW_ROB2_HIGH;
        all_low &= rob2[d] == SRW_ROB2_LOW;
    }
    if (!any)
        return SRW_ROB2_UNSET;
    return high ? SRW_ROB2_HIGH : all_low ? SRW_ROB2_LOW : SRW_ROB2_SOME_CONCERNS;
}

srw_rob2_judgement srw_rob2_overall_used(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS])
{
    srw_rob2_judgement given = rob2[SRW_ROB2_OVERALL], computed = srw_rob2_overall(rob2);
    /* UNSET is 0 and the judgements rise with severity: the larger one. */
    return given > computed ? given : computed;
}

int srw_rob2_overall_check(const srw_rob2_judgement rob2[SRW_ROB2_ITEMS], char *buf, size_t n)
{
    if (n > 0)
        buf[0] = '\0';
    srw_rob2_judgement given = rob2[SRW_ROB2_OVERALL], computed = srw_rob2_overall(rob2);
    if (given == SRW_ROB2_UNSET || computed == SRW_ROB2_UNSET)
        return 0;
    /* The domains that make the given overall wrong: for low, those not
     * low; for some concerns, the high ones; none when all five are low
     * (then some concerns or high contradicts "all low: low"). */
    srw_rob2_judgement worse_than = given == SRW_ROB2_LOW ? SRW_ROB2_LOW : SRW_ROB2_SOME_CONCERNS;
    int contradicts = computed == SRW_ROB2_LOW ? given != SRW_ROB2_LOW
                      : given == SRW_ROB2_HIGH ? 0
                                               : computed > given;
    if (!contradicts)
        return 0;
    size_t len = (size_t)snprintf(buf, n, "rob2_overall: %s, but ", srw_rob2_judgement_name(given));
    if (computed == SRW_ROB2_LOW) {
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "every domain is low");
    } else {
        int listed = 0;
        for (int d = 0; d < SRW_ROB2_N && len < n; d++) {
            int unjudged = rob2[d] == SRW_ROB2_UNSET;
            if (unjudged ? given != SRW_ROB2_LOW : rob2[d] <= worse_than)
                continue; /* an unjudged domain speaks against low only */
            const char *verb = rob2[d] == SRW_ROB2_SOME_CONCERNS ? "has" : "is";
            len += (size_t)snprintf(buf + len, n - len, "%s%s %s %s", listed++ ? ", " : "", rob2_columns[d], verb,
                                    srw_rob2_judgement_words(rob2[d]));
        }
    }
    if (len < n)
        snprintf(buf + len, n - len, " (the RoB 2 algorithm gives %s)", srw_rob2_judgement_words(computed));
    return 1;
}
