/* verdict.c - the verdict for a use's primary outcome, from one table, and
 * srw's pooled result against a review's published one.
 *
 * The verdict (doc/methods.md, "The verdict") reads the primary outcome's
 * certainty and where its effect lies against the minimal important
 * difference (MID), as GRADE's minimally contextualised approach rates
 * them (Zeng et al., GRADE guidance 34, J Clin Epidemiol 2022;150:216):
 *   Supported      moderate or high certainty of an important benefit
 *                  (point estimate at least the MID) whose interval
 *                  lies wholly on the side of benefit;
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

#include <ctype.h>
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
     "an important benefit, with the whole interval on the side of benefit"},
    {SRW_POINT_BENEFIT, SRW_CI_SPANS, {I_, I_, I_, I_, I_},
     "the point estimate is an important benefit but the interval also includes no effect"},
    {SRW_POINT_BENEFIT, SRW_CI_TRIVIAL_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important benefit outside its own interval)"},
    {SRW_POINT_BENEFIT, SRW_CI_NO_BENEFIT, {I_, I_, I_, I_, I_},
     "cannot occur (an important benefit outside its own interval)"},
    {SRW_POINT_TRIVIAL, SRW_CI_TRIVIAL_BENEFIT, {I_, I_, I_, N_, N_},
     "a benefit smaller than important: the whole interval lies between no effect and an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_NO_BENEFIT, {I_, I_, I_, N_, N_},
     "little to no difference: the interval rules out an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_BENEFIT, {I_, I_, I_, I_, I_},
     "the point estimate is trivial but the interval includes an important benefit"},
    {SRW_POINT_TRIVIAL, SRW_CI_SPANS, {I_, I_, I_, I_, I_},
     "the interval spans both no effect and an important benefit"},
    {SRW_POINT_HARM, SRW_CI_NO_BENEFIT, {I_, I_, I_, N_, N_},
     "net harm: the interval rules out an important benefit"},
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

    /* The facts, in words, then the decision: each condition once.  What
     * decides the cell (the table's row, the certainty or the missing
     * MID) is said in the decision; the facts say the rest. */
    enum { BY_ROW, BY_CERTAINTY, BY_NO_MID } by =
        out->verdict != SRW_VERDICT_INSUFFICIENT           ? BY_ROW
        : in->certainty < SRW_CERTAINTY_MODERATE           ? BY_CERTAINTY
        : !have_mid && out->point != SRW_POINT_HARM && !out->ci_excludes_mid ? BY_NO_MID
                                                           : BY_ROW;
    srw_core__appendf(r, cap, "The pooled effect %s",
                      out->favours_intervention ? "favours the intervention"
                      : in->estimate == 0.0     ? "is exactly no effect"
                                                : "favours the comparator");
    if (in->k > 0)
        srw_core__appendf(r, cap, " (%zu %s)", in->k, in->k == 1 ? "study" : "studies");
    srw_core__appendf(r, cap, "; its confidence interval %s",
                      !out->ci_excludes_null          ? "includes no effect"
                      : out->favours_intervention     ? "lies wholly on the intervention's side of no effect"
                                                      : "lies wholly on the comparator's side of no effect");
    if (have_mid && by == BY_CERTAINTY)
        srw_core__appendf(r, cap,
                          "; the point estimate %s the minimal important difference, and the interval %s "
                          "a benefit as large as it",
                          out->reaches_mid ? "reaches" : "does not reach",
                          out->ci_excludes_mid ? "rules out" : "still includes");
    else if (!have_mid && by == BY_CERTAINTY)
        srw_core__appendf(r, cap, "; no minimal important difference is set");
    srw_core__appendf(r, cap, ". ");

    if (out->verdict == SRW_VERDICT_SUPPORTED)
        srw_core__appendf(r, cap, "Supported: %s certainty of %s.", cert, why);
    else if (out->verdict == SRW_VERDICT_NOT_SUPPORTED)
        srw_core__appendf(r, cap, "Not supported: %s certainty of %s (evidence of no important benefit).", cert,
                          why);
    else if (by == BY_CERTAINTY)
        srw_core__appendf(r, cap, "Insufficient evidence: certainty is %s, and a verdict needs moderate or high.",
                          cert);
    else if (by == BY_NO_MID)
        srw_core__appendf(r, cap,
                          "Insufficient evidence: at %s certainty, without a minimal important difference an "
                          "important benefit can be neither confirmed nor ruled out.", cert);
    else
        srw_core__appendf(r, cap, "Insufficient evidence: at %s certainty, %s.", cert, why);
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
    case SRW_PUBLISHED_OTHER_QUESTION:
        return "answers another question";
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

/* A trial label without the spaces and letter case a list may write it
 * with ("Truong  2010" is "truong 2010"): the review's list is typed by
 * hand, srw's labels come from the records. */
static void label_key(char *out, size_t n, const char *s, size_t len)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < n)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
}

/* The next ';'-separated label of *list into key (empty labels skipped);
 * 0 at the end. */
static int next_label(const char **list, char *key, size_t n)
{
    while (**list != '\0') {
        const char *start = *list, *end = strchr(start, ';');
        if (end == NULL)
            end = start + strlen(start);
        *list = *end ? end + 1 : end;
        label_key(key, n, start, (size_t)(end - start));
        if (key[0] != '\0')
            return 1;
    }
    return 0;
}

static int srw_holds(const srw_analysis *a, const char *key)
{
    char k[256];
    for (size_t i = 0; i < a->n_studies; i++) {
        label_key(k, sizeof k, a->studies[i].study, strlen(a->studies[i].study));
        if (strcmp(k, key) == 0)
            return 1;
    }
    return 0;
}

static int listed(const char *list, const char *study)
{
    char k[256], key[256];
    label_key(k, sizeof k, study, strlen(study));
    while (next_label(&list, key, sizeof key))
        if (strcmp(k, key) == 0)
            return 1;
    return 0;
}

/* The trial sets (p->pooled_trials against the trials of a): counts into
 * out, and the labels missing on either side into missing and extra. */
static void compare_sets(srw_published_comparison *out, const srw_published *p, const srw_analysis *a,
                         char *missing, size_t nm, char *extra, size_t ne)
{
    const char *list = p->pooled_trials;
    char key[256];
    missing[0] = extra[0] = '\0';
    while (next_label(&list, key, sizeof key)) {
        out->listed++;
        if (a != NULL && srw_holds(a, key))
            out->listed_held++;
        else
            srw_core__appendf(missing, nm, "%s%s", missing[0] ? ", " : "", key);
    }
    for (size_t i = 0; a != NULL && i < a->n_studies; i++)
        if (!listed(p->pooled_trials, a->studies[i].study)) {
            out->unlisted_held++;
            srw_core__appendf(extra, ne, "%s%s", extra[0] ? ", " : "", a->studies[i].study);
        }
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
    int have = a != NULL && a->overall.k > 0;
    char missing[300] = "", extra[300] = "";
    if (p->pooled_trials != NULL)
        compare_sets(out, p, have ? a : NULL, missing, sizeof missing, extra, sizeof extra);

    /* A pool of other designs or comparators is another question: its
     * numbers differing from srw's is no finding. */
    if (p->scope != NULL) {
        out->status = SRW_PUBLISHED_OTHER_QUESTION;
        srw_core__appendf(r, cap, "%s", p->scope);
        if (!have)
            srw_core__appendf(r, cap, " (srw holds no trial data for this outcome)");
        else if (p->pooled_trials != NULL)
            srw_core__appendf(r, cap, " (srw holds %zu of the %zu trials it lists)", out->listed_held, out->listed);
        return 0;
    }
    if (!have) {
        out->status = SRW_PUBLISHED_NO_DATA;
        if (a != NULL && a->no_total != NULL)
            srw_core__appendf(r, cap, "srw has no total to compare: %s", a->no_total);
        else
            srw_core__appendf(r, cap, "srw holds no trial data for this outcome");
        if (p->pooled_trials != NULL)
            srw_core__appendf(r, cap, " (the review lists %zu trial%s: %s)", out->listed, out->listed == 1 ? "" : "s",
                              missing);
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

    if (p->pooled_trials != NULL) {
        /* The review names its trials: the sets decide, not the counts. */
        int same_set = out->unlisted_held == 0 && out->listed_held == out->listed;
        if (same_set && same_measure && same_model && same_numbers) {
            out->status = SRW_PUBLISHED_REPRODUCED;
            srw_core__appendf(r, cap, "srw's %s matches the review's %s at %d decimals, from the same %zu"
                              " trial%s", ours, theirs, d, out->listed, out->listed == 1 ? "" : "s");
            return 0;
        }
        if (out->unlisted_held == 0 && out->listed_held < out->listed) {
            out->status = SRW_PUBLISHED_PARTIAL;
            srw_core__appendf(r, cap, "srw holds %zu of the %zu trials the review lists (not held: %s);"
                              " srw's %s vs the review's %s", out->listed_held, out->listed, missing, ours, theirs);
            return 0;
        }
        out->status = SRW_PUBLISHED_DIFFERS;
        if (out->unlisted_held > 0)
            srw_core__appendf(r, cap, "other trials: srw holds %s, which the review does not list (it"
                              " lists %zu, srw holds %zu of them); srw's %s vs the review's %s", extra, out->listed,
                              out->listed_held, ours, theirs);
        else
            srw_core__appendf(r, cap, "srw's %s vs the review's %s from the same %zu trial%s%s%s: either an"
                              " entry error or a finding", ours, theirs, out->listed, out->listed == 1 ? "" : "s",
                              same_measure ? "" : "; different measure", same_model ? "" : "; different model");
        return 0;
    }

    if (same_measure && same_model && same_numbers) {
        out->status = SRW_PUBLISHED_REPRODUCED;
        srw_core__appendf(r, cap, "srw's %s matches the review's %s at %d decimals", ours, theirs,
                          d);
        if (known && held != p->trials)
            srw_core__appendf(r, cap, " (srw holds %ld trial%s, the review reports %ld)", held, held == 1 ? "" : "s",
                              p->trials);
        else if (!known)
            srw_core__appendf(r, cap, " (the review's trial count is not recorded)");
        return 0;
    }
    if (known && held < p->trials) {
        out->status = SRW_PUBLISHED_PARTIAL;
        srw_core__appendf(r, cap, "srw holds %ld of %ld trials; srw's %s vs the review's %s", held,
                          p->trials, ours, theirs);
        if (!same_model)
            srw_core__appendf(r, cap, "; models differ (srw %s, review %s)", our_model ? our_model : "?",
                              p->model);
        return 0;
    }
    out->status = SRW_PUBLISHED_DIFFERS;
    srw_core__appendf(r, cap, "srw's %s vs the review's %s", ours, theirs);
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
        srw_core__appendf(r, cap, " with the same %ld trial%s", held, held == 1 ? "" : "s");
    srw_core__appendf(r, cap, ": either an entry error or a finding");
    return 0;
}
