/* The decisions of an assessment that rest on more than one number: which
 * MID applies, which published result counts, the verdict on srw's own
 * analysis, and which of the two a use's verdict rests on
 * (doc/methods.md, "The verdict rule").  See include/srw/assess.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/assess_internal.h"
#include "core/text.h"

const char *srw_mid_source_key(srw_mid_source s)
{
    switch (s) {
    case SRW_MID_USE:
        return "use";
    case SRW_MID_OUTCOME:
        return "outcome";
    case SRW_MID_DEFAULT:
        return "default";
    case SRW_MID_NONE:
    default:
        return "none";
    }
}

const char *srw_basis_key(srw_basis b)
{
    switch (b) {
    case SRW_BASIS_SRW:
        return "srw";
    case SRW_BASIS_PUBLISHED:
        return "published";
    default:
        return NULL;
    }
}

/* The use's MID is given on the display scale of its measure (a ratio for
 * ratio measures), so only an analysis on that measure can use it. */
void srw_assess_choose_mid(srw_assess_mid *out, const srw_use_info *u, const srw_outcome_data *d, srw_measure m)
{
    memset(out, 0, sizeof *out);
    int ratio = srw_measure_is_ratio(m);
    const char *mname = srw_measure_name(m);
    if (u && isfinite(u->mid) && u->mid > 0 && u->mid_measure && mname && strcasecmp(u->mid_measure, mname) == 0) {
        double v = ratio ? fabs(log(u->mid)) : u->mid;
        if (v > 0 && isfinite(v)) {
            snprintf(out->text, sizeof out->text, "%s %g from the use's settings (%s)", mname, u->mid,
                     u->mid_source ? u->mid_source : "source not stated");
            out->value = v;
            out->source = SRW_MID_USE;
            return;
        }
    }
    if (d && m == SRW_MEASURE_MD && isfinite(d->mid) && d->mid > 0) {
        /* The unit is left out and its space kept: the committed reports
         * read "8  in the outcome's natural units" (byte for byte). */
        snprintf(out->text, sizeof out->text, "%g%s in the outcome's natural units, from its records (%s)", d->mid,
                 d->unit ? " " : "", d->mid_source ? d->mid_source : "source not stated");
        out->value = d->mid;
        out->source = SRW_MID_OUTCOME;
        return;
    }
    const char *why = NULL;
    int is_default = 0;
    out->value = srw_grade_default_mid(m, &is_default, &why);
    out->source = is_default ? SRW_MID_DEFAULT : SRW_MID_NONE;
    snprintf(out->text, sizeof out->text, "%s", why ? why : "no MID");
}

const srw_published *srw_assess_best_published(const srw_assess_published *pubs, size_t n)
{
    const srw_published *best = NULL;
    for (size_t i = 0; pubs != NULL && i < n; i++)
        if (best == NULL || pubs[i].p->participants > best->participants)
            best = pubs[i].p;
    return best;
}

void srw_assess__verdict_of(srw_verdict_result *v, const srw_analysis *a, const srw_grade *g, int graded,
                            srw_direction dir, double mid)
{
    srw_verdict_input in;
    memset(&in, 0, sizeof in);
    int wide = srw_pooled_judged_ci(&a->overall, &in.ci_lower, &in.ci_upper);
    in.estimate = a->overall.estimate;
    in.direction = dir;
    in.mid = mid;
    in.certainty = graded ? g->certainty : SRW_CERTAINTY_NONE;
    in.k = a->overall.k;
    srw_error e;
    srw_error_clear(&e);
    if (srw_verdict_decide(v, &in, &e) != 0) {
        memset(v, 0, sizeof *v);
        v->verdict = SRW_VERDICT_INSUFFICIENT;
        snprintf(v->reason, sizeof v->reason, "Insufficient evidence: %s.", e.message);
    } else if (wide) {
        srw_core__appendf(v->reason, sizeof v->reason,
                          " Judged on the Wald interval: the HKSJ one (variance factor %.2f) is narrower.",
                          a->overall.hksj_factor);
    }
}

/* "Cochrane CD008626" when the review cites a Cochrane review number. */
static void review_short(char *buf, size_t n, const srw_published *p)
{
    const char *srcs[] = {p->version, p->review, p->source};
    for (size_t i = 0; i < 3; i++) {
        const char *c = srcs[i] ? strstr(srcs[i], "CD0") : NULL;
        if (c) {
            size_t len = 2;
            while (isdigit((unsigned char)c[len]))
                len++;
            snprintf(buf, n, "Cochrane %.*s", (int)len, c);
            return;
        }
    }
    snprintf(buf, n, "%.120s", p->version ? p->version : p->review);
}

static void on_srw(srw_assess_verdict *v, const srw_assessment *o, const srw_published *best, const char *rs,
                   double srw_n)
{
    const srw_pooled *p = &o->analysis.overall;
    v->basis = SRW_BASIS_SRW;
    v->ratio = srw_measure_is_ratio(o->analysis.opts.measure);
    v->measure = srw_measure_name(o->analysis.opts.measure);
    v->estimate = p->estimate;
    v->ci_lower = p->ci_lower;
    v->ci_upper = p->ci_upper;
    v->k = (long)p->k;
    v->participants = srw_n;
    v->certainty = o->graded ? o->grade.certainty : SRW_CERTAINTY_NONE;
    srw_assess__verdict_of(&v->verdict, &o->analysis, &o->grade, o->graded, o->direction, o->mid.value);
    srw_core__appendf(v->basis_text, sizeof v->basis_text,
                      "based on srw's own pooled analysis of %zu %s, %.0f participants", p->k,
                      p->k == 1 ? "trial" : "trials", isfinite(srw_n) ? srw_n : 0.0);
    if (best)
        srw_core__appendf(v->basis_text, sizeof v->basis_text,
                          " (at least as many participants as the largest published pooled result, %s, %ld "
                          "participants)",
                          rs, best->participants);
    else
        srw_core__appendf(v->basis_text, sizeof v->basis_text,
                          "; no published pooled result exists for this outcome");
    snprintf(v->certainty_source, sizeof v->certainty_source, "srw's own GRADE assessment");
    snprintf(v->mid_text, sizeof v->mid_text, "%s", o->mid.text);
}

/* The published result as published: its estimate, interval and certainty;
 * the MID for its measure from the use's settings or the default. */
static void on_published(srw_assess_verdict *v, const srw_assessment *o, const srw_use_info *use,
                         const srw_published *best, const char *rs)
{
    v->basis = SRW_BASIS_PUBLISHED;
    srw_measure m = srw_measure_parse(best->measure);
    v->ratio = srw_measure_is_ratio(m);
    v->measure = best->measure;
    v->estimate = v->ratio ? log(best->estimate) : best->estimate;
    v->ci_lower = v->ratio ? log(best->ci_lower) : best->ci_lower;
    v->ci_upper = v->ratio ? log(best->ci_upper) : best->ci_upper;
    v->k = best->trials;
    v->participants = best->participants >= 0 ? (double)best->participants : NAN;
    v->certainty = srw_certainty_parse(best->certainty);
    srw_assess_mid mid;
    srw_assess_choose_mid(&mid, use, NULL, m);
    snprintf(v->mid_text, sizeof v->mid_text, "%s", mid.text);
    srw_verdict_input in;
    memset(&in, 0, sizeof in);
    in.estimate = v->estimate;
    in.ci_lower = v->ci_lower;
    in.ci_upper = v->ci_upper;
    in.direction = best->direction != SRW_DIR_UNSET ? best->direction : o->direction;
    in.mid = mid.value;
    in.certainty = v->certainty;
    in.k = best->trials > 0 ? (size_t)best->trials : 0;
    srw_error e;
    srw_error_clear(&e);
    if (srw_verdict_decide(&v->verdict, &in, &e) != 0) {
        v->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
        snprintf(v->verdict.reason, sizeof v->verdict.reason, "Insufficient evidence: %s.", e.message);
    }
    char trials[40] = "", parts[40] = "";
    if (best->trials >= 0)
        snprintf(trials, sizeof trials, ", %ld %s", best->trials, best->trials == 1 ? "trial" : "trials");
    if (best->participants >= 0)
        snprintf(parts, sizeof parts, ", %ld participants", best->participants);
    snprintf(v->basis_text, sizeof v->basis_text,
             "based on the published pooled result of %s%s%s; srw holds trial data for %zu of them", rs, trials,
             parts, o->n_trials);
    snprintf(v->certainty_source, sizeof v->certainty_source,
             "certainty as published by the review (%s), not srw's own GRADE assessment",
             best->certainty ? best->certainty : "not stated");
}

void srw_assess_decide(srw_assess_verdict *out, const srw_assessment *o, const srw_use_info *use)
{
    memset(out, 0, sizeof *out);
    out->k = -1;
    out->participants = NAN;
    out->estimate = out->ci_lower = out->ci_upper = NAN;
    out->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
    if (o == NULL) {
        snprintf(out->verdict.reason, sizeof out->verdict.reason,
                 "Insufficient evidence: no data. The use names no primary outcome (studies/uses.csv).");
        snprintf(out->basis_text, sizeof out->basis_text, "no primary outcome is set for this use");
        return;
    }
    const srw_published *best = srw_assess_best_published(o->published, o->n_published);
    out->basis_pub = best;
    int pooled = o->analysed && o->analysis.overall.k > 0;
    double srw_n = pooled ? srw_pooled_participants(&o->analysis.overall) : NAN;
    char rs[160] = "";
    if (best)
        review_short(rs, sizeof rs, best);
    /* srw's own analysis unless a published one pooled more participants. */
    if (pooled && (best == NULL || (isfinite(srw_n) && srw_n >= (double)best->participants)))
        on_srw(out, o, best, rs, srw_n);
    else if (best != NULL)
        on_published(out, o, use, best, rs);
    else if (o->analysed && o->analysis.no_total != NULL) {
        snprintf(out->verdict.reason, sizeof out->verdict.reason,
                 "Insufficient evidence: no total. For the primary outcome %s, and there is no published pooled "
                 "result for it (srw analyse --total pools one).",
                 o->analysis.no_total);
        snprintf(out->basis_text, sizeof out->basis_text, "no total: %s", o->analysis.no_total);
    } else {
        snprintf(out->verdict.reason, sizeof out->verdict.reason,
                 "Insufficient evidence: no data. srw holds no trial data for the primary outcome and there is "
                 "no published pooled result for it.");
        snprintf(out->basis_text, sizeof out->basis_text, "no data: no trial data and no published pooled result");
    }
}
