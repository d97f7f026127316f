/* GRADE's risk-of-bias domain for one outcome (srw/grade.h), with the
 * tool the review used for it: RoB 2 when any of the outcome's studies
 * carries a RoB 2 judgement of its result, else RoB 1 (doc/methods.md).
 * Each study's class is its overall by the tool's own rule (srw/rob.h); a
 * study without a judgement of the tool in use counts as unclear (RoB 1) or
 * some concerns (RoB 2), which is no reassurance either, and is named. */
#include "core/grade_internal.h"
#include "core/text.h"
#include "srw/rob.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { ROB_LOW, ROB_MIDDLE, ROB_NONE, ROB_HIGH }; /* ROB_MIDDLE: unclear or some concerns */

static int usable(const srw_study_result *s)
{
    return s->estimable && isfinite(s->weight) && s->weight > 0.0;
}

/* word (n bytes) holds w, cut to fit (the words below fit). */
static void set_word(char *word, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (m >= n)
        m = n - 1;
    memcpy(word, w, m);
    word[m] = '\0';
}

/* dst holds what srw_snprintf_utf8(dst, n, "%s%s %s", a, b, c) writes
 * (a list item, many per reason: without printf); returns its length. */
static size_t join_item(char *dst, size_t n, const char *a, const char *b, const char *c)
{
    const char *parts[] = {a, b, " ", c};
    size_t len = 0;
    for (int k = 0; k < 4; k++) {
        size_t m = strlen(parts[k]);
        if (len + m > n - 1) { /* cut as srw_snprintf_utf8 cuts: on a whole character */
            memcpy(dst + len, parts[k], n - 1 - len);
            dst[n - 1] = '\0';
            len = srw_utf8_prefix(dst, n - 1);
            dst[len] = '\0';
            return len;
        }
        memcpy(dst + len, parts[k], m);
        len += m;
    }
    dst[len] = '\0';
    return len;
}

/* Study i's class under RoB 1 (its overall over the key domains, all
 * seven) and how it reads; a study unclear only for unjudged domains says
 * how many. */
static int rob1_class(const srw_grade_input *in, size_t i, char *word, size_t n)
{
    const srw_rob_judgement *r = in->rob ? in->rob[i] : NULL;
    int not_judged = 0, any_unclear = 0;
    srw_rob_judgement o = r ? srw_rob1_overall(r, SRW_ROB1_KEY_ALL, &not_judged) : SRW_ROB_UNSET;
    for (int d = 0; r != NULL && d < SRW_ROB_N; d++)
        any_unclear |= r[d] == SRW_ROB_UNCLEAR;
    switch (o) {
    case SRW_ROB_HIGH:
        set_word(word, n, "high");
        return ROB_HIGH;
    case SRW_ROB_LOW:
        set_word(word, n, "low");
        return ROB_LOW;
    case SRW_ROB_UNCLEAR:
        if (any_unclear)
            set_word(word, n, "unclear");
        else
            snprintf(word, n, "unclear (%d of %d domains not judged)", not_judged, SRW_ROB_N);
        return ROB_MIDDLE;
    default:
        set_word(word, n, "unclear (no judgement)");
        return ROB_NONE;
    }
}

/* Study i's class under RoB 2: the overall its result is taken at (the
 * given one and the algorithm's, the more severe: srw_rob2_overall_used). */
static int rob2_class(const srw_grade_input *in, size_t i, char *word, size_t n)
{
    switch (in->rob2 ? srw_rob2_overall_used(in->rob2[i]) : SRW_ROB2_UNSET) {
    case SRW_ROB2_HIGH:
        set_word(word, n, "high");
        return ROB_HIGH;
    case SRW_ROB2_LOW:
        set_word(word, n, "low");
        return ROB_LOW;
    case SRW_ROB2_SOME_CONCERNS:
        set_word(word, n, "some concerns");
        return ROB_MIDDLE;
    default:
        set_word(word, n, "some concerns (no judgement)");
        return ROB_NONE;
    }
}

/* 1 when any study that carries weight has a RoB 2 judgement. */
static int uses_rob2(const srw_grade_input *in)
{
    const srw_analysis *a = in->analysis;
    for (size_t i = 0; in->rob2 != NULL && i < a->n_studies; i++)
        for (int k = 0; usable(&a->studies[i]) && k < SRW_ROB2_ITEMS; k++)
            if (in->rob2[i][k] != SRW_ROB2_UNSET)
                return 1;
    return 0;
}

/* -1 when studies at high or unclear risk (RoB 2: high or some concerns)
 * carry more than half of the weight, -2 when high-risk studies alone do.
 * Weights are the analysis's percentages, renormalised over the studies
 * that carry weight so that the shares add to 100 whatever the rounding of
 * the inputs. */
void srw_grade__rob(srw_grade_step *s, const srw_grade_input *in)
{
    const srw_analysis *a = in->analysis;
    int two = uses_rob2(in);
    int (*class_of)(const srw_grade_input *, size_t, char *, size_t) = two ? rob2_class : rob1_class;
    const char *middle = two ? "at high risk of bias or with some concerns (RoB 2, per result)"
                             : "at high or unclear risk of bias (RoB 1)";
    double total = 0.0, high = 0.0, unclear = 0.0;
    int none_judged = 0;
    char word[64];
    /* For an explanation: each study's class, aligned with the analysis. */
    srw_trace *tr = in->trace != NULL && in->trace->n_studies == a->n_studies ? in->trace : NULL;
    static const srw_trace_rob traced[] = {[ROB_LOW] = SRW_TRACE_ROB_LOW, [ROB_MIDDLE] = SRW_TRACE_ROB_MIDDLE,
                                           [ROB_NONE] = SRW_TRACE_ROB_NONE, [ROB_HIGH] = SRW_TRACE_ROB_HIGH};
    for (size_t i = 0; i < a->n_studies; i++) {
        if (!usable(&a->studies[i]))
            continue;
        int c = class_of(in, i, word, sizeof word);
        if (tr != NULL)
            tr->studies[i].rob = traced[c];
        double w = a->studies[i].weight;
        total += w;
        if (c == ROB_HIGH)
            high += w;
        else if (c != ROB_LOW)
            unclear += w;
        if (c == ROB_NONE)
            none_judged++;
    }
    s->assessable = s->computed = s->downgrade = 0;
    if (!(total > 0.0)) {
        snprintf(s->reason, sizeof s->reason, "not assessable: no study carries weight");
        return;
    }
    high = 100.0 * high / total;
    unclear = 100.0 * unclear / total;
    if (in->trace != NULL) {
        in->trace->grade.rob_tool = two ? 2 : 1;
        in->trace->grade.rob_total = total;
        in->trace->grade.rob_high = high, in->trace->grade.rob_middle = unclear;
    }
    int dg = high > 50.0 ? 2 : (high + unclear > 50.0 ? 1 : 0);
    s->assessable = 1;
    s->computed = s->downgrade = dg;
    if (dg == 2)
        snprintf(s->reason, sizeof s->reason,
                 "studies at high risk of bias (%s) alone carry %.1f%% of the weight, more than half",
                 two ? "RoB 2, per result" : "RoB 1", high);
    else
        snprintf(s->reason, sizeof s->reason, "studies %s carry %.1f%% of the weight, %s half (high risk alone %.1f%%)",
                 middle, high + unclear, dg ? "more than" : "not more than", high);
    if (none_judged > 0 && two)
        srw_core__appendf(s->reason, sizeof s->reason,
                          "; %d %s no RoB 2 judgement of this outcome, counted as some concerns", none_judged,
                          none_judged == 1 ? "study has" : "studies have");
    else if (none_judged > 0)
        srw_core__appendf(s->reason, sizeof s->reason, "; %d %s no judgement, counted as unclear", none_judged,
                          none_judged == 1 ? "study has" : "studies have");

    /* The per-study list, as long as it fits; the rest is counted. */
    const size_t cap = sizeof s->reason, tail = 24;
    size_t listed = 0, n_usable = 0, len = strlen(s->reason);
    for (size_t i = 0; i < a->n_studies; i++)
        n_usable += usable(&a->studies[i]);
    for (size_t i = 0; i < a->n_studies; i++) {
        if (!usable(&a->studies[i]))
            continue;
        char item[200];
        class_of(in, i, word, sizeof word);
        size_t n = join_item(item, sizeof item, listed ? ", " : ". By study: ",
                             a->studies[i].study ? a->studies[i].study : "unnamed study", word);
        if (len + n + tail >= cap)
            break;
        memcpy(s->reason + len, item, n + 1);
        len += n;
        listed++;
    }
    if (listed < n_usable)
        srw_core__appendf(s->reason, cap, "%s%zu more", listed ? " and " : ". By study: ", n_usable - listed);
}

int srw_rob_study_high(const srw_rob_judgement rob[], const srw_rob2_judgement rob2[])
{
    /* The result's RoB 2 overall where it has one, else the study's RoB 1
     * overall (each by its tool's rule, srw/rob.h). */
    srw_rob2_judgement o2 = rob2 != NULL ? srw_rob2_overall_used(rob2) : SRW_ROB2_UNSET;
    if (o2 != SRW_ROB2_UNSET)
        return o2 == SRW_ROB2_HIGH;
    return rob != NULL && srw_rob1_overall(rob, SRW_ROB1_KEY_ALL, NULL) == SRW_ROB_HIGH;
}
