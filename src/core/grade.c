/* grade.c - GRADE certainty of evidence computed from an analysis, each
 * domain with the numbers that decided it.
 *
 * Certainty starts high (randomised trials) and loses one level per
 * downgrade, floor very low (Guyatt et al., BMJ 2008;336:924; GRADE
 * Handbook, section 5).  The domain rules are srw's operationalisation
 * (doc/methods.md, "GRADE, as srw computes it"); where they needed a choice, the comment at the rule
 * says which and why.  Everything is on the analysis scale: "no effect" is 0.
 */
#include "srw/grade.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/grade_internal.h"
#include "core/text.h"
#include "util/text.h"

/* ------------------------------------------------------------------ names */

const char *srw_certainty_name(srw_certainty c)
{
    switch (c) {
    case SRW_CERTAINTY_VERY_LOW:
        return "very low";
    case SRW_CERTAINTY_LOW:
        return "low";
    case SRW_CERTAINTY_MODERATE:
        return "moderate";
    case SRW_CERTAINTY_HIGH:
        return "high";
    case SRW_CERTAINTY_NONE:
    default:
        return "not assessed";
    }
}

srw_certainty srw_certainty_parse(const char *s)
{
    if (s == NULL)
        return SRW_CERTAINTY_NONE;
    for (int c = SRW_CERTAINTY_VERY_LOW; c <= SRW_CERTAINTY_HIGH; c++)
        if (strcmp(s, srw_certainty_name((srw_certainty)c)) == 0)
            return (srw_certainty)c;
    if (strcmp(s, "very_low") == 0)
        return SRW_CERTAINTY_VERY_LOW;
    return SRW_CERTAINTY_NONE;
}

static const char *const domain_names[SRW_GRADE_N] = {
    [SRW_GRADE_RISK_OF_BIAS] = "risk of bias",         [SRW_GRADE_INCONSISTENCY] = "inconsistency",
    [SRW_GRADE_INDIRECTNESS] = "indirectness",         [SRW_GRADE_IMPRECISION] = "imprecision",
    [SRW_GRADE_PUBLICATION_BIAS] = "publication bias",
};
static const char *const domain_keys[SRW_GRADE_N] = {
    [SRW_GRADE_RISK_OF_BIAS] = "risk_of_bias",         [SRW_GRADE_INCONSISTENCY] = "inconsistency",
    [SRW_GRADE_INDIRECTNESS] = "indirectness",         [SRW_GRADE_IMPRECISION] = "imprecision",
    [SRW_GRADE_PUBLICATION_BIAS] = "publication_bias",
};

const char *srw_grade_domain_name(srw_grade_domain d)
{
    return (unsigned)d < SRW_GRADE_N ? domain_names[d] : NULL;
}

const char *srw_grade_domain_key(srw_grade_domain d)
{
    return (unsigned)d < SRW_GRADE_N ? domain_keys[d] : NULL;
}

double srw_grade_default_mid(srw_measure m, int *is_default, const char **explanation)
{
    /* The threshold of an important increase (srw_thresholds_default);
     * the verb's MID takes the side of the outcome's benefit. */
    srw_thresholds t;
    const char *why = NULL;
    srw_thresholds_default(&t, m, &why, NULL);
    if (is_default != NULL)
        *is_default = !isnan(t.important_up);
    if (explanation != NULL)
        *explanation = why ? why : "no default; MID unknown";
    return t.important_up;
}

/* ------------------------------------------------------------------- text */

static void set_step(srw_grade_step *s, int assessable, int downgrade)
{
    s->assessable = assessable;
    s->computed = downgrade;
    s->downgrade = downgrade;
}

/* Risk of bias: grade_rob.c. */

/* ---------------------------------------------------------- inconsistency */

/* -1 when I^2 >= 50% and the prediction interval includes no effect, -2
 * when I^2 >= 75% with study estimates on both sides of no effect.
 * Choice: with k < 3 (or a fixed-effect model) no prediction interval is
 * computed; then I^2 >= 50% alone gives -1 (the between-study spread cannot
 * be shown to spare the conclusion), and the reason says the interval was
 * not available.  "Includes no effect" counts a bound equal to 0. */
static void assess_inconsistency(srw_grade_step *s, const srw_analysis *a, srw_trace *tr)
{
    const srw_pooled *o = &a->overall;
    if (o->k <= 1) {
        set_step(s, 0, 0);
        snprintf(s->reason, sizeof s->reason, "not applicable: single study");
        return;
    }
    if (!isfinite(o->I2)) {
        set_step(s, 0, 0);
        snprintf(s->reason, sizeof s->reason, "not assessable: I\xc2\xb2 not available");
        return;
    }
    int below = 0, above = 0;
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *st = &a->studies[i];
        if (!st->estimable || !isfinite(st->yi))
            continue;
        below |= st->yi < 0.0;
        above |= st->yi > 0.0;
    }
    int both = below && above;
    if (tr != NULL)
        tr->grade.both_sides = both;
    int have_pi = isfinite(o->pi_lower) && isfinite(o->pi_upper);
    int pi_null = have_pi && o->pi_lower <= 0.0 && o->pi_upper >= 0.0;
    const char *pi_text = !have_pi  ? "no prediction interval (fewer than 3 studies or a fixed-effect model)"
                          : pi_null ? "the prediction interval includes no effect"
                                    : "the prediction interval lies wholly on one side of no effect";
    const char *dir_text =
        both ? "study estimates on both sides of no effect" : "study estimates all on one side of no effect";
    char i2[16];
    srw_i2_text(i2, sizeof i2, o->I2); /* as every output writes it */
    if (o->I2 >= 75.0 && both) {
        set_step(s, 1, 2);
        snprintf(s->reason, sizeof s->reason, "I\xc2\xb2 = %s (at least 75%%) with %s", i2, dir_text);
    } else if (o->I2 >= 50.0 && (pi_null || !have_pi)) {
        set_step(s, 1, 1);
        snprintf(s->reason, sizeof s->reason, "I\xc2\xb2 = %s (at least 50%%) and %s", i2, pi_text);
    } else if (o->I2 >= 50.0) {
        set_step(s, 1, 0);
        snprintf(s->reason, sizeof s->reason, "I\xc2\xb2 = %s but %s", i2, pi_text);
    } else {
        set_step(s, 1, 0);
        snprintf(s->reason, sizeof s->reason, "I\xc2\xb2 = %s (below 50%%)", i2);
    }
}

/* ------------------------------------------------------------ imprecision */

/* GRADE's minimally contextualised approach (Zeng et al., GRADE guidance
 * 34, J Clin Epidemiol 2022;150:216; Guyatt et al., Core GRADE 2, BMJ
 * 2025;389:e081904): the confidence interval is judged against the
 * thresholds of an important effect on either side of no effect (the MID
 * of a benefit and of a harm), not against no effect: -1 when it crosses
 * one of them, -2 when it crosses both (it spans an important benefit and
 * an important harm).  An interval of trivial effects only (RR 0.94 to 1.09
 * against 0.75 and 1.25) is precise.  When the interval crosses no
 * threshold, the optimal information size (400 participants for continuous
 * outcomes, 300 events for dichotomous; GRADE guidelines 6, Guyatt et al.,
 * J Clin Epidemiol 2011;64:1283) decides: -1 below it (a narrow interval
 * from few participants is fragile).  Generic records count participants
 * when their arm totals are given.  An unknown MID (NAN) leaves no effect
 * as the only threshold (GRADE's "null" threshold): -1 when the interval
 * includes it. */
static void assess_imprecision(srw_grade_step *s, srw_grade *out, const srw_grade_input *in)
{
    const srw_analysis *a = in->analysis;
    const srw_pooled *o = &a->overall;
    /* An HKSJ interval narrower than the Wald one (studies more alike than
     * their SEs say; a point when identical) would make a handful of small
     * trials precise: judged on the wider of the two (srw_pooled). */
    double lo, hi;
    int modified = srw_pooled_judged_ci(o, &lo, &hi);
    if (!isfinite(lo) || !isfinite(hi)) {
        set_step(s, 0, 0);
        snprintf(s->reason, sizeof s->reason, "not assessable: no confidence interval");
        return;
    }
    int have_mid = isfinite(in->mid);
    int lower = in->direction == SRW_DIR_LOWER_IS_BETTER;
    double harm = isfinite(in->mid_harm) && in->mid_harm > 0.0 ? in->mid_harm : in->mid;
    /* The thresholds below and above no effect. */
    double down = have_mid ? -(lower ? in->mid : harm) : 0.0;
    double up = have_mid ? (lower ? harm : in->mid) : 0.0;
    int cross_down = lo <= down && hi >= down;
    int cross_up = have_mid && lo <= up && hi >= up;
    int crossings = cross_down + cross_up;
    if (in->trace != NULL) {
        srw_trace_grade *tg = &in->trace->grade;
        tg->ci_lower = lo, tg->ci_upper = hi, tg->ci_wide = modified, tg->have_mid = have_mid;
        tg->thr_down = down, tg->thr_up = up, tg->cross_down = cross_down, tg->cross_up = cross_up;
    }

    const char *unit = "participants";
    double size = srw_pooled_participants(o), ois = 400.0;
    if (a->type == SRW_TYPE_DICHOTOMOUS) {
        unit = "events";
        size = o->exp_events + o->ctl_events;
        ois = 300.0;
    }
    int have_size = isfinite(size) && size > 0.0;
    out->information_size = have_size ? size : NAN;
    out->optimal_information_size = have_size ? ois : NAN;
    int below = have_size && size < ois;

    int dg = crossings > 0 ? crossings : (below ? 1 : 0);
    set_step(s, 1, dg > 2 ? 2 : dg);

    /* The thresholds are shown on the display scale (ratios for log measures). */
    int ratio = srw_measure_is_ratio(a->opts.measure);
    if (have_mid) {
        const char *b_side = lower ? "reduction" : "increase", *h_side = lower ? "increase" : "reduction";
        double tb = lower ? down : up, th = lower ? up : down;
        int cb = lower ? cross_down : cross_up, ch = lower ? cross_up : cross_down;
        srw_snprintf_utf8(s->reason, sizeof s->reason,
                 "the confidence interval %s the threshold of an important benefit (%s %s%.4g) and %s that of an "
                 "important harm (%s %s%.4g)",
                 cb ? "crosses" : "does not cross", b_side, ratio ? "ratio " : "", ratio ? exp(tb) : tb,
                 ch ? "crosses" : "does not cross", h_side, ratio ? "ratio " : "", ratio ? exp(th) : th);
    } else {
        srw_snprintf_utf8(s->reason, sizeof s->reason,
                 "the confidence interval %s (no minimal important difference: judged on no effect)",
                 cross_down ? "includes no effect" : "lies wholly on one side of no effect");
    }
    if (modified)
        srw_core__appendf(s->reason, sizeof s->reason,
                          " (judged on the Wald interval: the HKSJ one, variance factor %.2f, is narrower)",
                          o->hksj_factor);
    if (have_size)
        srw_core__appendf(s->reason, sizeof s->reason, "; %.0f %s, %s the optimal information size of %.0f%s",
                          size, unit, below ? "below" : "at least", ois,
                          crossings > 0 && below ? " (not counted again: the interval already crosses a threshold)"
                                                 : "");
    else
        srw_core__appendf(s->reason, sizeof s->reason, "; %s unknown, optimal information size not applied",
                          unit);
}

/* ------------------------------------------------------- publication bias */

/* -1 when k >= 10 and Egger's test gives p < 0.10 (Sterne et al., BMJ
 * 2011;343:d4002: fewer than 10 studies give the test too little power). */
static int assess_publication(srw_grade_step *s, srw_grade *out, const srw_analysis *a, srw_trace *tr,
                              srw_error *err)
{
    size_t k = 0, n = a->n_studies;
    int rc = 0;
    double *y = malloc((n + 1) * sizeof *y), *e = malloc((n + 1) * sizeof *e);
    if (y == NULL || e == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory for Egger's test (%zu studies)", n);
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const srw_study_result *st = &a->studies[i];
        if (!st->estimable || !isfinite(st->yi) || !isfinite(st->se) || !(st->se > 0.0))
            continue;
        y[k] = st->yi;
        e[k] = st->se;
        k++;
    }
    if (tr != NULL)
        tr->grade.egger_k = k;
    /* Egger's own least-squares form, whatever the analysis's model: its
     * residual variance absorbs heterogeneity, which the meta-regression
     * form under a fixed-effect model does not (dat.bcg: p = 0.19 against
     * 1.6e-6), and it is the test the guidance behind this rule studied.
     * The sensitivity analyses report metafor's regtest() beside it. */
    rc = srw_egger_test(&out->egger, y, e, k, NULL, err);
    if (rc != 0)
        goto cleanup;
    if (k < 10) {
        set_step(s, 0, 0);
        srw_snprintf_utf8(s->reason, sizeof s->reason,
                 "not assessable: fewer than 10 studies (k = %zu), too few for Egger's test", k);
    } else if (!out->egger.computed) {
        set_step(s, 0, 0);
        srw_snprintf_utf8(s->reason, sizeof s->reason, "not assessable: %s", out->egger.note);
    } else {
        int dg = out->egger.pvalue < 0.10;
        set_step(s, 1, dg);
        snprintf(s->reason, sizeof s->reason, "Egger's test (least squares) p = %.3g (%s 0.10; intercept %.3g, k = %zu)",
                 out->egger.pvalue, dg ? "below" : "not below", out->egger.intercept, k);
    }
cleanup:
    free(y);
    free(e);
    return rc;
}

/* ----------------------------------------------------------------- assess */

int srw_grade_assess(srw_grade *out, const srw_grade_input *in, srw_error *err)
{
    if (out == NULL || in == NULL || in->analysis == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_grade_assess: no analysis given");
    memset(out, 0, sizeof *out);
    out->information_size = out->optimal_information_size = NAN;
    out->egger.intercept = out->egger.se = out->egger.stat = out->egger.df = out->egger.pvalue = NAN;
    out->egger.limit_estimate = out->egger.limit_ci_lower = out->egger.limit_ci_upper = NAN;

    if (!isnan(in->mid) && !(isfinite(in->mid) && in->mid > 0.0))
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the minimal important difference must be a positive number (got %g)", in->mid);
    if (!isnan(in->mid) && in->direction != SRW_DIR_LOWER_IS_BETTER &&
        in->direction != SRW_DIR_HIGHER_IS_BETTER)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the outcome has no direction: set lower_is_better or higher_is_better "
                        "so the minimal important difference has a side");
    if (in->indirectness < 0 || in->indirectness > 2)
        return SRW_FAIL(err, SRW_EUSAGE, "indirectness downgrade must be 0, 1 or 2 (got %d)",
                        in->indirectness);
    if (in->upgrade < 0 || in->upgrade > 2)
        return SRW_FAIL(err, SRW_EUSAGE, "rating up must be 0, 1 or 2 levels (got %d)", in->upgrade);
    if (in->n_overrides > 0 && in->overrides == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_grade_assess: overrides counted but not given");
    int seen[SRW_GRADE_N] = {0};
    for (size_t i = 0; i < in->n_overrides; i++) {
        const srw_grade_override *ov = &in->overrides[i];
        if ((unsigned)ov->domain >= SRW_GRADE_N)
            return SRW_FAIL(err, SRW_EUSAGE, "GRADE override %zu names no domain (%d)", i + 1,
                            (int)ov->domain);
        if (ov->downgrade < 0 || ov->downgrade > 2)
            return SRW_FAIL(err, SRW_EUSAGE, "GRADE override of %s must downgrade 0, 1 or 2 (got %d)",
                            domain_names[ov->domain], ov->downgrade);
        if (seen[ov->domain]++)
            return SRW_FAIL(err, SRW_EUSAGE, "GRADE domain %s is overridden twice", domain_names[ov->domain]);
    }

    const srw_analysis *a = in->analysis;
    if (a->overall.k == 0) {
        /* Nothing pooled: no study with data, or a review that reports no
         * total (GRADE rates a pooled result). */
        const char *why = a->no_total != NULL ? a->no_total : "no study with data";
        out->certainty = SRW_CERTAINTY_NONE;
        for (int d = 0; d < SRW_GRADE_N; d++)
            srw_snprintf_utf8(out->steps[d].reason, sizeof out->steps[d].reason, "not assessable: %s", why);
        out->egger.note = why;
        return 0;
    }

    if (in->trace != NULL) {
        memset(&in->trace->grade, 0, sizeof in->trace->grade);
        in->trace->grade.filled = 1;
        in->trace->grade.ci_lower = in->trace->grade.ci_upper = NAN;
    }
    srw_grade__rob(&out->steps[SRW_GRADE_RISK_OF_BIAS], in);
    assess_inconsistency(&out->steps[SRW_GRADE_INCONSISTENCY], a, in->trace);
    assess_imprecision(&out->steps[SRW_GRADE_IMPRECISION], out, in);
    int rc = assess_publication(&out->steps[SRW_GRADE_PUBLICATION_BIAS], out, a, in->trace, err);
    if (rc != 0)
        return rc;

    srw_grade_step *ind = &out->steps[SRW_GRADE_INDIRECTNESS];
    set_step(ind, 1, in->indirectness);
    if (in->indirectness == 0 && in->indirectness_reason == NULL)
        snprintf(ind->reason, sizeof ind->reason, "none entered");
    else
        srw_snprintf_utf8(ind->reason, sizeof ind->reason, SRW_GRADE_ENTERED "%s",
                 in->indirectness_reason ? in->indirectness_reason : "no reason given");
    ind->entered_reason = in->indirectness_reason;
    ind->source = in->indirectness_source;

    for (size_t i = 0; i < in->n_overrides; i++) {
        const srw_grade_override *ov = &in->overrides[i];
        srw_grade_step *s = &out->steps[ov->domain];
        s->downgrade = ov->downgrade;
        s->overridden = 1;
        s->override_reason = ov->reason ? ov->reason : "no reason given";
        s->source = ov->source;
    }

    int level = SRW_CERTAINTY_HIGH;
    for (int d = 0; d < SRW_GRADE_N; d++)
        level -= out->steps[d].downgrade;
    /* Rating up only as the reviewer's judgement, after the downgrades
     * (GRADE guidelines 9: a body of evidence rated down is seldom rated
     * up, so the reason must say why); never above high. */
    if (in->upgrade > 0) {
        out->upgrade = in->upgrade;
        out->upgrade_reason = in->upgrade_reason ? in->upgrade_reason : "no reason given";
        level += in->upgrade;
        if (level > SRW_CERTAINTY_HIGH)
            level = SRW_CERTAINTY_HIGH;
    }
    out->certainty = level < SRW_CERTAINTY_VERY_LOW ? SRW_CERTAINTY_VERY_LOW : (srw_certainty)level;
    return 0;
}
