/* verdict.c - the verdict for a use's primary outcome, from one table, and
 * srw's pooled result against a review's published one.
 *
 * The verdict (doc/methods.md, "The verdict") reads the primary outcome's
 * certainty and where its effect lies against the minimal important
 * difference (MID), as GRADE's minimally contextualised approach rates
 * them (Zeng et al., GRADE guidance 34, J Clin Epidemiol 2022;150:216):
 *   Supported      moderate or high certainty of an important benefit
 *                  (point estimate at least the MID) whose interval
 *                  excludes no effect;
 *   Not supported  moderate or high certainty that any benefit is smaller
 *                  than important: the interval excludes an important
 *                  benefit (this includes net harm);
 *   Insufficient   everything else: low or very low certainty, and an
 *                  interval that spans both no effect and an important
 *                  benefit, whatever the certainty.
 * The table is verdict_table below, one row per point and interval class,
 * one cell per certainty; tests/unit/test_verdict.c checks every cell.
 *
 * Choice, kept from the earlier rule: Supported also asks the interval to
 * exclude no effect.  Moderate certainty of an important benefit can come
 * with an interval that reaches no effect (one level down for crossing
 * the MID); a Cochrane reviewer would not call that supported.
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

const char *srw_point_class_key(srw_point_class p)
{
    switch (p) {
    case SRW_POINT_BENEFIT:
        return "benefit";
    case SRW_POINT_TRIVIAL:
        return "trivial";
    case SRW_POINT_HARM:
        return "harm";
    default:
        return NULL;
    }
}

const char *srw_ci_class_key(srw_ci_class c)
{
    switch (c) {
    case SRW_CI_BENEFIT:
        return "benefit";
    case SRW_CI_TRIVIAL_BENEFIT:
        return "trivial_benefit";
    case SRW_CI_NO_BENEFIT:
        return "no_benefit";
    case SRW_CI_SPANS:
        return "spans";
    default:
        return NULL;
    }
}

#define S_ SRW_VERDICT_SUPPORTED
#define N_ SRW_VERDICT_NOT_SUPPORTED
#define I_ SRW_VERDICT_INSUFFICIENT

/* One row per point class and interval class; cells by certainty: not
 * assessed, very low, low, moderate, high.  Rows that cannot occur (the
 * point estimate lies inside its interval) say so. */
static const struct verdict_row {
    srw_point_class point;
    srw_ci_class ci;
    srw_verdict cell[SRW_CERTAINTY_HIGH + 1];
    const char *why; /* of the moderate and high cells; low and below: certainty decides */
} verdict_table[] = {
    {SRW_POINT_BENEFIT, SRW_CI_BENEFIT, {I_, I_, I_, S_, S_},
     "an important benefit, with an interval that excludes no effect"},
    {SRW_POINT_BENEFIT, SRW_CI_SPANS, {I_, I_, I_, I_, I_},
     "the point estimate is an important benefit but the interval also includes no effect"},
    {SRW_POINT_BENEFIT, SRW_CI_TRIVIAL_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important benefit outside its own interval)"},
    {SRW_POINT_BENEFIT, SRW_CI_NO_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important benefit outside its own interval)"},
    {SRW_POINT_TRIVIAL, SRW_CI_TRIVIAL_BENEFIT, {I_, I_, I_, N_, N_},
     "a benefit smaller than important: the interval excludes no effect and an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_NO_BENEFIT, {I_, I_, I_, N_, N_},
     "little to no difference: the interval excludes an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_BENEFIT, {I_, I_, I_, I_, I_},
     "the point estimate is trivial but the interval includes an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_SPANS, {I_, I_, I_, I_, I_},
     "the interval spans both no effect and an important benefit"},
    {SRW_POINT_HARM, SRW_CI_NO_BENEFIT, {I_, I_, I_, N_, N_},
     "net harm: the interval excludes an important benefit"},
    {SRW_POINT_HARM, SRW_CI_SPANS, {I_, I_, I_, I_, I_},
     "the point estimate is an important harm but the interval also includes an important benefit"},
    {SRW_POINT_HARM, SRW_CI_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important harm outside its own interval)"},
    {SRW_POINT_HARM, SRW_CI_TRIVIAL_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important harm outside its own interval)"},
};

#undef S_
#undef N_
#undef I_

srw_verdict srw_verdict_cell(srw_point_class p, srw_ci_class ci, srw_certainty c, const char **reason)
{
    for (size_t i = 0; i < sizeof verdict_table / sizeof verdict_table[0]; i++) {
        const struct verdict_row *r = &verdict_table[i];
        if (r->point != p || r->ci != ci)
            continue;
        if (reason != NULL)
            *reason = r->why;
        return (unsigned)c <= SRW_CERTAINTY_HIGH ? r->cell[c] : SRW_VERDICT_INSUFFICIENT;
    }
    if (reason != NULL)
        *reason = "no such row";
    return SRW_VERDICT_INSUFFICIENT;
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

    /* Everything on the benefit scale: positive favours the intervention. */
    int lower = in->direction == SRW_DIR_LOWER_IS_BETTER;
    double sign = lower ? -1.0 : 1.0;
    double p = sign * in->estimate;
    double L = lower ? -in->ci_upper : in->ci_lower, U = lower ? -in->ci_lower : in->ci_upper;
    int have_mid = isfinite(in->mid);
    /* Without an MID the benefit threshold is no effect itself. */
    double m = have_mid ? in->mid : 0.0;
    double h = have_mid ? (isfinite(in->mid_harm) && in->mid_harm > 0.0 ? in->mid_harm : in->mid) : 0.0;
    out->favours_intervention = p > 0.0;
    out->ci_excludes_null = L > 0.0 || U < 0.0;
    out->reaches_mid = have_mid && p >= m;
    out->ci_excludes_mid = have_mid ? U < m : U <= 0.0;
    /* Without an MID an important benefit cannot be shown: the point is
     * "trivial" unless it lies on the harm side of no effect. */
    out->point = have_mid && p >= m ? SRW_POINT_BENEFIT : (have_mid ? p <= -h : p < 0.0) ? SRW_POINT_HARM
                                                                                          : SRW_POINT_TRIVIAL;
    if (!have_mid && out->point == SRW_POINT_HARM && !(U <= 0.0))
        out->point = SRW_POINT_TRIVIAL; /* the harm row needs an interval without benefit */
    if (out->ci_excludes_mid)
        out->ci = L > 0.0 ? SRW_CI_TRIVIAL_BENEFIT : SRW_CI_NO_BENEFIT;
    else
        out->ci = L > 0.0 ? SRW_CI_BENEFIT : SRW_CI_SPANS;
    out->classified = 1;
    out->benefit_point = p, out->benefit_lower = L, out->benefit_upper = U;
    out->benefit_mid = m, out->benefit_harm = h;
    out->direction = in->direction;
    for (int c = SRW_CERTAINTY_NONE; c <= SRW_CERTAINTY_HIGH; c++)
        out->row[c] = srw_verdict_cell(out->point, out->ci, (srw_certainty)c, NULL);
    const char *why = NULL;
    out->verdict = srw_verdict_cell(out->point, out->ci, in->certainty, &why);
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

    /* The decision: the table's row, and what decided the cell. */
    if (out->verdict == SRW_VERDICT_SUPPORTED)
        srw_core__appendf(r, cap, "Supported: %s certainty of %s.", cert, why);
    else if (out->verdict == SRW_VERDICT_NOT_SUPPORTED)
        srw_core__appendf(r, cap, "Not supported: %s certainty of %s (evidence of no important benefit).", cert,
                          why);
    else if (in->certainty < SRW_CERTAINTY_MODERATE)
        srw_core__appendf(r, cap, "Insufficient evidence: certainty is %s (a verdict needs moderate or high).",
                          cert);
    else if (!have_mid && out->point != SRW_POINT_HARM && !out->ci_excludes_mid)
        srw_core__appendf(r, cap,
                          "Insufficient evidence: without a minimal important difference an important "
                          "benefit can be neither confirmed nor ruled out.");
    else
        srw_core__appendf(r, cap, "Insufficient evidence: %s.", why);
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
