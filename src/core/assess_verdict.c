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
#include "util/text.h"

const char *srw_mid_source_key(srw_mid_source s)
{
    switch (s) {
    case SRW_MID_USE:
        return "use";
    case SRW_MID_OUTCOME:
        return "outcome";
    case SRW_MID_DEFAULT:
        return "default";
    case SRW_MID_OUTCOME_SETTINGS:
        return "outcome_settings";
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

/* A threshold a user gave on measure mname's display scale (a ratio for
 * ratio measures) as a magnitude on the analysis scale; NAN when it does
 * not apply to measure m.  A ratio threshold counts on both sides (1.25
 * and 0.80): only GRADE's default differs by side. */
static double given_on(double v, const char *measure, srw_measure m)
{
    const char *mname = srw_measure_name(m);
    if (!(isfinite(v) && v > 0) || measure == NULL || mname == NULL || strcasecmp(measure, mname) != 0)
        return NAN;
    double t = srw_measure_is_ratio(m) ? fabs(log(v)) : v;
    return t > 0 && isfinite(t) ? t : NAN;
}

void srw_assess_choose_thresholds(srw_assess_mid *out, const srw_use_info *u, const char *outcome,
                                  const srw_outcome_data *d, srw_measure m, srw_direction dir)
{
    memset(out, 0, sizeof *out);
    const char *mname = srw_measure_name(m);
    const char *iwhy = NULL, *lwhy = NULL;
    srw_thresholds def;
    srw_thresholds_default(&def, m, &iwhy, &lwhy);
    srw_thresholds *t = &out->thresholds;
    *t = def;
    const srw_outcome_settings *os = srw_use_outcome_setting(u, outcome ? outcome : d ? d->outcome : NULL);
    double v;
    /* The important threshold. */
    if (os && !isnan(v = given_on(os->mid, os->mid_measure, m))) {
        srw_snprintf_utf8(out->text, sizeof out->text, "%s %g from the outcome's settings (%s)", mname, os->mid,
                 os->mid_source ? os->mid_source : "source not stated");
        t->important_down = t->important_up = v;
        out->source = SRW_MID_OUTCOME_SETTINGS;
    } else if (u && !isnan(v = given_on(u->mid, u->mid_measure, m))) {
        srw_snprintf_utf8(out->text, sizeof out->text, "%s %g from the use's settings (%s)", mname, u->mid,
                 u->mid_source ? u->mid_source : "source not stated");
        t->important_down = t->important_up = v;
        out->source = SRW_MID_USE;
    } else if (d && (m == SRW_MEASURE_MD || m == SRW_MEASURE_GENERIC) && isfinite(d->mid) && d->mid > 0) {
        /* Generic records are on their own scale, the scale of the
         * outcome's MID in natural units (a mean difference's points),
         * named by the outcome's unit when it has one. */
        if (d->unit)
            srw_snprintf_utf8(out->text, sizeof out->text, "%g in the outcome's unit (%s), from its records (%s)", d->mid,
                     d->unit, d->mid_source ? d->mid_source : "source not stated");
        else
            srw_snprintf_utf8(out->text, sizeof out->text, "%g in the outcome's natural units, from its records (%s)", d->mid,
                     d->mid_source ? d->mid_source : "source not stated");
        t->important_down = t->important_up = d->mid;
        out->source = SRW_MID_OUTCOME;
    } else {
        out->source = isnan(def.important_up) ? SRW_MID_NONE : SRW_MID_DEFAULT;
        srw_snprintf_utf8(out->text, sizeof out->text, "%s", iwhy ? iwhy : "no default; MID unknown");
    }
    /* The large threshold, the same way (no records' column holds one). */
    if (os && !isnan(v = given_on(os->large, os->mid_measure, m))) {
        srw_snprintf_utf8(out->large_text, sizeof out->large_text, "%s %g from the outcome's settings (%s)", mname,
                 os->large, os->large_source ? os->large_source : "source not stated");
        t->large_down = t->large_up = v;
        out->large_from = SRW_MID_OUTCOME_SETTINGS;
    } else if (u && !isnan(v = given_on(u->large, u->mid_measure, m))) {
        srw_snprintf_utf8(out->large_text, sizeof out->large_text, "%s %g from the use's settings (%s)", mname, u->large,
                 u->large_source ? u->large_source : "source not stated");
        t->large_down = t->large_up = v;
        out->large_from = SRW_MID_USE;
    } else {
        out->large_from = isnan(def.large_up) ? SRW_MID_NONE : SRW_MID_DEFAULT;
        srw_snprintf_utf8(out->large_text, sizeof out->large_text, "%s", lwhy ? lwhy : "no large-effect threshold");
    }
    srw_core__whole_words(out->text, sizeof out->text);
    srw_core__whole_words(out->large_text, sizeof out->large_text);
    int lower = dir == SRW_DIR_LOWER_IS_BETTER;
    out->value = lower ? t->important_down : t->important_up;
    out->harm = lower ? t->important_up : t->important_down;
}

void srw_assess_choose_mid(srw_assess_mid *out, const srw_use_info *u, const srw_outcome_data *d, srw_measure m)
{
    srw_assess_choose_thresholds(out, u, d ? d->outcome : NULL, d, m, d ? d->direction : SRW_DIR_UNSET);
}

static const char *name_from(char *buf, size_t n, const char *c, const char *intervention)
{
    const char *vs = c ? strstr(c, " vs ") : NULL;
    if (vs != NULL && vs > c)
        srw_snprintf_utf8(buf, n, "%.*s", (int)(vs - c), c);
    else if (intervention != NULL && *intervention)
        srw_snprintf_utf8(buf, n, "%s", intervention);
    else
        return NULL;
    return buf;
}

const char *srw_assess_intervention_name(char *buf, size_t n, const srw_outcome_data *d, const srw_use_info *use)
{
    if (n == 0)
        return NULL;
    const char *got = d ? name_from(buf, n, d->comparison, d->intervention) : NULL;
    if (got != NULL || use == NULL)
        return got;
    /* The whole words every comparison's intervention arm begins with. */
    size_t common = 0;
    for (size_t i = 0; i < use->n_comparisons; i++) {
        char arm[200];
        if (name_from(arm, sizeof arm, use->comparisons[i], use->comparisons[i]) == NULL)
            continue;
        if (common == 0 && got == NULL) {
            srw_snprintf_utf8(buf, n, "%s", arm);
            got = buf;
            common = strlen(buf);
            continue;
        }
        size_t k = 0;
        while (k < common && arm[k] == buf[k])
            k++;
        /* Only whole words: back to a word's start when either ends mid-word. */
        int boundary = (buf[k] == '\0' || buf[k] == ' ') && (arm[k] == '\0' || arm[k] == ' ');
        if (!boundary)
            while (k > 0 && buf[k - 1] != ' ')
                k--;
        common = k;
        while (common > 0 && buf[common - 1] == ' ')
            common--;
        buf[common] = '\0';
        if (common == 0)
            return NULL;
    }
    return got;
}

const srw_published *srw_assess_best_published(const srw_assess_published *pubs, size_t n)
{
    const srw_published *best = NULL;
    for (size_t i = 0; pubs != NULL && i < n; i++)
        /* A result that answers another question (its scope: observational
         * studies or active comparators pooled) is no basis for this one. */
        if (pubs[i].p->scope == NULL && (best == NULL || pubs[i].p->participants > best->participants))
            best = pubs[i].p;
    return best;
}

void srw_assess__verdict_of(srw_verdict_result *v, const srw_analysis *a, const srw_grade *g, int graded,
                            srw_direction dir, const srw_assess_mid *mid)
{
    srw_verdict_input in;
    memset(&in, 0, sizeof in);
    int wide = srw_pooled_judged_ci(&a->overall, &in.ci_lower, &in.ci_upper);
    in.estimate = a->overall.estimate;
    in.direction = dir;
    in.mid = mid->value;
    in.mid_harm = mid->harm;
    in.certainty = graded ? g->certainty : SRW_CERTAINTY_NONE;
    in.k = a->overall.k;
    srw_error e;
    srw_error_clear(&e);
    if (srw_verdict_decide(v, &in, &e) != 0) {
        memset(v, 0, sizeof *v);
        v->verdict = SRW_VERDICT_INSUFFICIENT;
        srw_snprintf_utf8(v->reason, sizeof v->reason, "Insufficient evidence: %s.", e.message);
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
    const char *name = p->version ? p->version : p->review;
    snprintf(buf, n, "%.*s", (int)srw_utf8_prefix(name, 120), name);
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
    srw_assess__verdict_of(&v->verdict, &o->analysis, &o->grade, o->graded, o->direction, &o->mid);
    v->size = srw_effect_size_of(p->estimate, &o->mid.thresholds);
    /* Generic records without both arm totals leave the count unknown:
     * said so, never "0 participants". */
    srw_core__appendf(v->basis_text, sizeof v->basis_text, "based on srw's own pooled analysis of %zu %s, ", p->k,
                      p->k == 1 ? "trial" : "trials");
    if (isfinite(srw_n))
        srw_core__appendf(v->basis_text, sizeof v->basis_text, "%.0f participants", srw_n);
    else
        srw_core__appendf(v->basis_text, sizeof v->basis_text, "participants unknown (records without arm totals)");
    if (best)
        srw_core__appendf(v->basis_text, sizeof v->basis_text,
                          " (at least as many participants as the largest published pooled result, %s, %ld "
                          "participants)",
                          rs, best->participants);
    else
        srw_core__appendf(v->basis_text, sizeof v->basis_text,
                          "; srw holds no published pooled result for this outcome");
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
    srw_direction dir = best->direction != SRW_DIR_UNSET ? best->direction : o->direction;
    srw_assess_choose_thresholds(&mid, use, o->outcome, NULL, m, dir);
    snprintf(v->mid_text, sizeof v->mid_text, "%s", mid.text);
    v->size = srw_effect_size_of(v->estimate, &mid.thresholds);
    srw_verdict_input in;
    memset(&in, 0, sizeof in);
    in.estimate = v->estimate;
    in.ci_lower = v->ci_lower;
    in.ci_upper = v->ci_upper;
    in.direction = dir;
    in.mid = mid.value;
    in.mid_harm = mid.harm;
    in.certainty = v->certainty;
    in.k = best->trials > 0 ? (size_t)best->trials : 0;
    srw_error e;
    srw_error_clear(&e);
    if (srw_verdict_decide(&v->verdict, &in, &e) != 0) {
        v->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
        srw_snprintf_utf8(v->verdict.reason, sizeof v->verdict.reason, "Insufficient evidence: %s.", e.message);
    }
    char trials[40] = "", parts[40] = "";
    if (best->trials >= 0)
        snprintf(trials, sizeof trials, ", %ld %s", best->trials, best->trials == 1 ? "trial" : "trials");
    if (best->participants >= 0)
        snprintf(parts, sizeof parts, ", %ld participants", best->participants);
    srw_snprintf_utf8(v->basis_text, sizeof v->basis_text,
             "based on the published pooled result of %s%s%s; srw holds trial data for %zu of them", rs, trials,
             parts, o->n_trials);
    srw_snprintf_utf8(v->certainty_source, sizeof v->certainty_source,
             "certainty as published by the review (%s), not srw's own GRADE assessment",
             best->certainty ? best->certainty : "not stated");
}

/* The statement of the basis, in the outcome's own words. */
static void statement_of(srw_assess_verdict *v, const srw_assessment *o)
{
    char name[200];
    const char *who = o->opts.intervention ? o->opts.intervention
                                           : srw_assess_intervention_name(name, sizeof name, o->data, o->use);
    srw_statement_text(v->statement, sizeof v->statement, v->basis == SRW_BASIS_NONE ? SRW_CERTAINTY_NONE
                       : v->certainty, v->size, v->estimate > 0.0, who, o->outcome);
}

/* Whether the primary outcome was pre-specified (GRADE and Cochrane MECIR
 * C14: outcomes chosen after seeing the results invite selective
 * reporting; the report says so when it was not). */
static void prespecification(srw_assess_verdict *v, const srw_use_info *use)
{
    v->prespecified = use != NULL && use->primary_source != NULL && *use->primary_source;
    if (v->prespecified)
        srw_snprintf_utf8(v->primary_note, sizeof v->primary_note, "pre-specified: %s", use->primary_source);
    else
        srw_snprintf_utf8(v->primary_note, sizeof v->primary_note,
                 "chosen by the reviewer, not pre-specified (no primary_source in the use settings)");
}

void srw_assess_decide(srw_assess_verdict *out, const srw_assessment *o, const srw_use_info *use)
{
    memset(out, 0, sizeof *out);
    out->k = -1;
    out->participants = NAN;
    out->estimate = out->ci_lower = out->ci_upper = NAN;
    out->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
    prespecification(out, use);
    if (o == NULL) {
        srw_snprintf_utf8(out->verdict.reason, sizeof out->verdict.reason,
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
        srw_snprintf_utf8(out->verdict.reason, sizeof out->verdict.reason,
                 "Insufficient evidence: no total. For the primary outcome %s, and there is no published pooled "
                 "result for it (srw analyse --total pools one).",
                 o->analysis.no_total);
        srw_snprintf_utf8(out->basis_text, sizeof out->basis_text, "no total: %s", o->analysis.no_total);
    } else {
        srw_snprintf_utf8(out->verdict.reason, sizeof out->verdict.reason,
                 "Insufficient evidence: no data. srw holds no trial data for the primary outcome and there is "
                 "no published pooled result for it.");
        snprintf(out->basis_text, sizeof out->basis_text, "no data: no trial data and no published pooled result");
    }
    statement_of(out, o);
}
