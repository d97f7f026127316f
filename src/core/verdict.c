/* verdict.c - the verdict rule for a use's primary outcome, and srw's pooled
 * result against a review's published one.
 *
 * Verdict (doc/methods.md, "The verdict rule"), analysis scale, "no effect" = 0, benefit side
 * from the outcome's direction (negative favours the intervention when
 * lower is better):
 *   Supported      favours the intervention, CI excludes no effect, point
 *                  estimate reaches the MID, certainty moderate or high.
 *   Not supported  certainty at least low and the CI excludes a benefit as
 *                  large as the MID, or certainty moderate/high and the CI
 *                  includes no effect.
 *   Insufficient   anything else.
 * The two first branches cannot both hold (reaching the MID puts the point
 * estimate, hence the CI, at or beyond the MID).  Comparisons: "excludes no
 * effect" and "excludes the MID" are strict (a bound equal to the value
 * includes it); "reaches the MID" is inclusive.
 *
 * Choice for an unknown MID (NAN): the point estimate cannot reach it, so
 * Supported is impossible; but a CI lying wholly on the no-benefit side of
 * no effect excludes a benefit of any positive size, so it still excludes
 * "an effect as large as the MID" and can give Not supported.
 */
#include "srw/grade.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include <strings.h>

const char *srw_verdict_name(srw_verdict v)
{
    switch (v) {
    case SRW_VERDICT_SUPPORTED:
        return "Supported";
    case SRW_VERDICT_NOT_SUPPORTED:
        return "Not supported";
    case SRW_VERDICT_INSUFFICIENT:
    default:
        return "Insufficient evidence";
    }
}

const char *srw_verdict_key(srw_verdict v)
{
    switch (v) {
    case SRW_VERDICT_SUPPORTED:
        return "supported";
    case SRW_VERDICT_NOT_SUPPORTED:
        return "not_supported";
    case SRW_VERDICT_INSUFFICIENT:
    default:
        return "insufficient_evidence";
    }
}

int srw_verdict_decide(srw_verdict_result *out, const srw_verdict_input *in, srw_error *err)
{
    if (out == NULL || in == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_verdict_decide: no input given");
    memset(out, 0, sizeof *out);
    if (in->direction != SRW_DIR_LOWER_IS_BETTER && in->direction != SRW_DIR_HIGHER_IS_BETTER)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the outcome has no direction: set lower_is_better or higher_is_better");
    if (!isnan(in->mid) && !(isfinite(in->mid) && in->mid > 0.0))
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the minimal important difference must be a positive number (got %g)", in->mid);

    char *r = out->reason;
    const size_t cap = sizeof out->reason;
    out->verdict = SRW_VERDICT_INSUFFICIENT;
    if (in->certainty == SRW_CERTAINTY_NONE) {
        srw_core__appendf(r, cap,
                          "Insufficient evidence: the certainty of the evidence was not assessed "
                          "(no trial data for this outcome).");
        return 0;
    }
    if (!isfinite(in->estimate) || !isfinite(in->ci_lower) || !isfinite(in->ci_upper)) {
        srw_core__appendf(r, cap,
                          "Insufficient evidence: there is no pooled estimate with a confidence interval.");
        return 0;
    }

    int lower = in->direction == SRW_DIR_LOWER_IS_BETTER;
    int have_mid = isfinite(in->mid);
    double benefit = lower ? -in->mid : in->mid; /* the MID on the benefit side */
    out->favours_intervention = lower ? in->estimate < 0.0 : in->estimate > 0.0;
    out->ci_excludes_null = in->ci_lower > 0.0 || in->ci_upper < 0.0;
    out->reaches_mid = have_mid && (lower ? in->estimate <= benefit : in->estimate >= benefit);
    if (have_mid)
        out->ci_excludes_mid = lower ? in->ci_lower > benefit : in->ci_upper < benefit;
    else
        out->ci_excludes_mid = lower ? in->ci_lower >= 0.0 : in->ci_upper <= 0.0;

    int moderate = in->certainty >= SRW_CERTAINTY_MODERATE;
    int low = in->certainty >= SRW_CERTAINTY_LOW;
    const char *cert = srw_certainty_name(in->certainty);

    /* The facts, in words. */
    srw_core__appendf(r, cap, "The pooled effect %s",
                      out->favours_intervention ? "favours the intervention"
                      : in->estimate == 0.0     ? "is exactly no effect"
                                                : "favours the comparator");
    if (in->k > 0)
        srw_core__appendf(r, cap, " (%zu %s)", in->k, in->k == 1 ? "study" : "studies");
    srw_core__appendf(r, cap, "; its confidence interval %s no effect",
                      out->ci_excludes_null ? "excludes" : "includes");
    if (have_mid)
        srw_core__appendf(r, cap,
                          ", the point estimate %s the minimal important difference, and the interval %s "
                          "a benefit as large as the minimal important difference",
                          out->reaches_mid ? "reaches" : "does not reach",
                          out->ci_excludes_mid ? "rules out" : "still includes");
    else
        srw_core__appendf(
            r, cap, "; no minimal important difference is set, so an important benefit cannot be confirmed");
    srw_core__appendf(r, cap, ". The certainty of the evidence is %s. ", cert);

    /* The decision, and which condition decided it. */
    if (out->favours_intervention && out->ci_excludes_null && out->reaches_mid && moderate) {
        out->verdict = SRW_VERDICT_SUPPORTED;
        srw_core__appendf(r, cap,
                          "Supported: the effect favours the intervention, the interval excludes no effect, "
                          "the point estimate reaches the minimal important difference and certainty is %s.",
                          cert);
    } else if (low && out->ci_excludes_mid) {
        out->verdict = SRW_VERDICT_NOT_SUPPORTED;
        srw_core__appendf(r, cap,
                          "Not supported: with %s certainty the interval rules out a benefit as large as "
                          "the minimal important difference (evidence of no important benefit).",
                          cert);
    } else if (moderate && !out->ci_excludes_null) {
        out->verdict = SRW_VERDICT_NOT_SUPPORTED;
        srw_core__appendf(r, cap, "Not supported: certainty is %s and the interval includes no effect.",
                          cert);
    } else if (!low) {
        srw_core__appendf(r, cap, "Insufficient evidence: certainty is %s.", cert);
    } else if (!moderate) {
        srw_core__appendf(r, cap,
                          "Insufficient evidence: certainty is low and the interval does not rule out "
                          "a benefit as large as the minimal important difference.");
    } else if (!have_mid) {
        srw_core__appendf(r, cap,
                          "Insufficient evidence: without a minimal important difference an important "
                          "benefit can be neither confirmed nor ruled out.");
    } else {
        srw_core__appendf(r, cap,
                          "Insufficient evidence: the interval excludes no effect but the point estimate "
                          "falls short of the minimal important difference, which the interval does not "
                          "rule out.");
    }
    return 0;
}

/* ------------------------------------------------------- published result */

const char *srw_published_status_name(srw_published_status s)
{
    switch (s) {
    case SRW_PUBLISHED_REPRODUCED:
        return "reproduced";
    case SRW_PUBLISHED_PARTIAL:
        return "partial";
    case SRW_PUBLISHED_DIFFERS:
        return "differs";
    case SRW_PUBLISHED_NO_DATA:
    default:
        return "no data";
    }
}

/* Round half away from zero at `decimals` and compare as integers, so that
 * 0.68 printed and 0.6837... computed agree at 2 decimals without float
 * noise deciding (llround rounds halves away from zero). */
/* x at `decimals` decimals, in exponent form from 1e15 on (a fixed text
 * would be digits a double does not hold). */
static void at_decimals(char *buf, size_t n, double x, int decimals)
{
    if (fabs(x) >= 1e15)
        snprintf(buf, n, "%.2e", x);
    else /* no "-0.00" for a value that rounds to zero */
        snprintf(buf, n, "%.*f", decimals, fabs(x) * pow(10.0, decimals) < 0.5 ? 0.0 : x);
}

static int same_at(double a, double b, int decimals)
{
    double scale = pow(10.0, decimals);
    double sa = a * scale, sb = b * scale;
    if (!isfinite(sa) || !isfinite(sb) || fabs(sa) > 9e15 || fabs(sb) > 9e15)
        return 0;
    return llround(sa) == llround(sb);
}

int srw_published_compare(srw_published_comparison *out, const srw_published *p, const srw_analysis *a,
                          srw_error *err)
{
    if (out == NULL || p == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_published_compare: no published result given");
    memset(out, 0, sizeof *out);
    out->published_trials = p->trials;
    out->srw_estimate = out->srw_ci_lower = out->srw_ci_upper = NAN;
    if (p->decimals < 0 || p->decimals > 10)
        return SRW_FAIL(err, SRW_EUSAGE, "the published result records %d decimals; expected 0 to 10",
                        p->decimals);
    char *r = out->reason;
    const size_t cap = sizeof out->reason;

    if (a == NULL || a->overall.k == 0) {
        out->status = SRW_PUBLISHED_NO_DATA;
        if (a != NULL && a->no_total != NULL)
            srw_core__appendf(r, cap, "srw has no total to compare: %s", a->no_total);
        else
            srw_core__appendf(r, cap, "srw holds no trial data for this outcome");
        return 0;
    }

    /* Trials are counted as reviews count them: every included study with
     * data, estimable or not (a double-zero trial is still a trial). */
    out->srw_trials = a->overall.k_total > a->overall.k ? a->overall.k_total : a->overall.k;
    int ratio = srw_measure_is_ratio(a->opts.measure);
    out->srw_estimate = ratio ? exp(a->overall.estimate) : a->overall.estimate;
    out->srw_ci_lower = ratio ? exp(a->overall.ci_lower) : a->overall.ci_lower;
    out->srw_ci_upper = ratio ? exp(a->overall.ci_upper) : a->overall.ci_upper;

    const char *our_measure = srw_measure_name(a->opts.measure);
    const char *our_model = srw_model_name(a->opts.model);
    int same_measure = our_measure && p->measure && strcasecmp(our_measure, p->measure) == 0;
    int same_model = p->model == NULL || (our_model && strcasecmp(our_model, p->model) == 0);
    int d = p->decimals;
    int same_numbers = same_at(out->srw_estimate, p->estimate, d) &&
                       same_at(out->srw_ci_lower, p->ci_lower, d) &&
                       same_at(out->srw_ci_upper, p->ci_upper, d);
    int known = p->trials > 0;
    long held = (long)out->srw_trials;

    /* The review's numbers as it gave them; srw's at its decimals, two at
     * least (RR 0.49 is not "RR 0"). */
    char ours[160], theirs[240], oe[48], ol[48], oh[48];
    int od = d < 2 ? 2 : d;
    at_decimals(oe, sizeof oe, out->srw_estimate, od);
    at_decimals(ol, sizeof ol, out->srw_ci_lower, od);
    at_decimals(oh, sizeof oh, out->srw_ci_upper, od);
    snprintf(ours, sizeof ours, "%s %s (%s to %s)", our_measure ? our_measure : "?", oe, ol, oh);
    srw_published_text(p, theirs, sizeof theirs);

    if (same_measure && same_model && same_numbers) {
        out->status = SRW_PUBLISHED_REPRODUCED;
        srw_core__appendf(r, cap, "reproduced: srw's %s matches the review's %s at %d decimals", ours, theirs,
                          d);
        if (known && held != p->trials)
            srw_core__appendf(r, cap, " (srw holds %ld trials, the review reports %ld)", held, p->trials);
        else if (!known)
            srw_core__appendf(r, cap, " (the review's trial count is not recorded)");
        return 0;
    }
    if (known && held < p->trials) {
        out->status = SRW_PUBLISHED_PARTIAL;
        srw_core__appendf(r, cap, "partial: srw holds %ld of %ld trials; srw's %s vs the review's %s", held,
                          p->trials, ours, theirs);
        if (!same_model)
            srw_core__appendf(r, cap, "; models differ (srw %s, review %s)", our_model ? our_model : "?",
                              p->model);
        return 0;
    }
    out->status = SRW_PUBLISHED_DIFFERS;
    srw_core__appendf(r, cap, "DIFFERS: srw's %s vs the review's %s", ours, theirs);
    if (!same_measure)
        srw_core__appendf(r, cap, "; different measure");
    if (!same_model)
        srw_core__appendf(r, cap, "; different model (srw %s, review %s)", our_model ? our_model : "?",
                          p->model);
    if (!known)
        srw_core__appendf(r, cap, "; the review's trial count is not recorded");
    else if (held > p->trials)
        srw_core__appendf(r, cap, "; srw holds more trials (%ld) than the review (%ld)", held, p->trials);
    else
        srw_core__appendf(r, cap, " with the same %ld trials", held);
    srw_core__appendf(r, cap, ": either an entry error or a finding");
    return 0;
}
