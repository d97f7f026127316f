/* Summary-of-findings cells (GRADEpro layout) for one outcome.  Absolute
 * effects for dichotomous outcomes apply the pooled relative effect to the
 * pooled control-arm risk (sum of control events / sum of control
 * participants), as GRADEpro does (Cochrane Handbook 6.3, section 14.1.5):
 * RR: risk_int = RR * risk_ctl; OR: odds conversion; RD: risk_ctl + RD. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/model.h"
#include "srw/format.h"
#include "util/text.h"

/* text into dst (n bytes), cut after its last whole word that fits, with
 * "…", when it does not fit whole: a cell never ends mid-word ("week 0
 * minus w"). */
static void whole_words(char *dst, size_t n, const char *text)
{
    if (n == 0)
        return;
    if (strlen(text) < n) {
        memcpy(dst, text, strlen(text) + 1);
        return;
    }
    static const char ell[] = "\xe2\x80\xa6";
    size_t room = n > sizeof ell ? n - sizeof ell : 0, cut = room;
    while (cut > 0 && text[cut] != ' ')
        cut--;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';'))
        cut--;
    memcpy(dst, text, cut);
    memcpy(dst + cut, ell, sizeof ell);
}

static double apply(srw_measure m, double y, double rc)
{
    double r;
    switch (m) {
    case SRW_MEASURE_RR: r = exp(y) * rc; break;
    case SRW_MEASURE_OR:
    case SRW_MEASURE_PETO: r = exp(y) * rc / (1 - rc + exp(y) * rc); break;
    case SRW_MEASURE_RD: r = rc + y; break;
    default: return NAN;
    }
    return r < 0 ? 0 : r > 1 ? 1 : r;
}

/* "80 fewer" / "12 more" per 1000 */
static void per1000(char *buf, size_t n, double diff)
{
    double v = round(diff * 1000);
    snprintf(buf, n, "%.0f %s", fabs(v), v > 0 ? "more" : "fewer");
}

static void signed_word(char *buf, size_t n, double v, int decimals)
{
    char x[40];
    srw_format_num(x, sizeof x, fabs(v), decimals, SRW_FORMAT_PAGE);
    snprintf(buf, n, "%s %s", x, v > 0 ? "higher" : "lower");
}

static const char *symbols(srw_certainty c)
{
    switch (c) {
    case SRW_CERTAINTY_HIGH: return "\xe2\x8a\x95\xe2\x8a\x95\xe2\x8a\x95\xe2\x8a\x95 High";
    case SRW_CERTAINTY_MODERATE: return "\xe2\x8a\x95\xe2\x8a\x95\xe2\x8a\x95\xe2\x97\xaf Moderate";
    case SRW_CERTAINTY_LOW: return "\xe2\x8a\x95\xe2\x8a\x95\xe2\x97\xaf\xe2\x97\xaf Low";
    case SRW_CERTAINTY_VERY_LOW: return "\xe2\x8a\x95\xe2\x97\xaf\xe2\x97\xaf\xe2\x97\xaf Very low";
    default: return "Not assessed";
    }
}

/* An outcome srw holds no trials for: the published result with the most
 * participants, labelled as the review's, so the table still answers. */
static void published_row(rp_sof_row *out, const rp_outcome *o)
{
    const srw_published *best = srw_assess_best_published(o->as.published, o->as.n_published);
    if (best == NULL) {
        snprintf(out->participants, sizeof out->participants, "srw holds no trial data");
        snprintf(out->certainty, sizeof out->certainty, "Not assessed");
        return;
    }
    char n[32] = SRW_FORMAT_DASH, k[32] = "?";
    if (best->participants >= 0)
        snprintf(n, sizeof n, "%ld", best->participants);
    if (best->trials >= 0)
        snprintf(k, sizeof k, "%ld", best->trials);
    char name[64];
    whole_words(name, sizeof name, best->version ? best->version : best->review);
    snprintf(out->participants, sizeof out->participants, "%s (%s %s), published: %s", n, k,
             best->trials == 1 ? "RCT" : "RCTs", name);
    char given[240];
    srw_published_text(best, given, sizeof given);
    if (srw_measure_is_ratio(srw_measure_parse(best->measure)))
        snprintf(out->relative, sizeof out->relative, "%s", given);
    else
        snprintf(out->absolute, sizeof out->absolute, "%s, as published", given);
    srw_certainty c = srw_certainty_parse(best->certainty);
    snprintf(out->certainty, sizeof out->certainty, "%s%s", symbols(c),
             c != SRW_CERTAINTY_NONE ? " (as published)" : "");
}

/* The risks and the absolute effect at control risk rc. */
static void at_risk(char risk_ctl[64], char risk_int[64], char *absolute, size_t n, srw_measure m,
                    const srw_pooled *p, double rc)
{
    double ri = apply(m, p->estimate, rc), lo = apply(m, p->ci_lower, rc), hi = apply(m, p->ci_upper, rc);
    snprintf(risk_ctl, 64, "%.0f per 1000", round(rc * 1000));
    snprintf(risk_int, 64, "%.0f per 1000", round(ri * 1000));
    char d[40], dl[40], dh[40];
    per1000(d, sizeof d, ri - rc);
    if (isfinite(lo) && isfinite(hi)) {
        per1000(dl, sizeof dl, lo - rc);
        per1000(dh, sizeof dh, hi - rc);
        snprintf(absolute, n, "%s per 1000 (from %s to %s)", d, dl, dh);
    } else {
        snprintf(absolute, n, "%s per 1000", d);
    }
}

void rp_sof(rp_sof_row *out, const rp_outcome *o)
{
    memset(out, 0, sizeof *out);
    snprintf(out->relative, sizeof out->relative, SRW_FORMAT_DASH);
    snprintf(out->risk_ctl, sizeof out->risk_ctl, SRW_FORMAT_DASH);
    snprintf(out->risk_int, sizeof out->risk_int, SRW_FORMAT_DASH);
    snprintf(out->absolute, sizeof out->absolute, SRW_FORMAT_DASH);
    if (!o->as.analysed) {
        published_row(out, o);
        return;
    }
    const srw_analysis *a = &o->as.analysis;
    const srw_pooled *p = &a->overall;
    srw_measure m = a->opts.measure;
    int ratio = srw_measure_is_ratio(m);
    double n = srw_pooled_participants(p);
    char np[32];
    srw_format_num(np, sizeof np, n, 0, SRW_FORMAT_PAGE);
    size_t trials = srw_assess_trials(&o->as); /* a multi-arm study's comparisons count once */
    snprintf(out->participants, sizeof out->participants, "%s (%zu %s)", np, trials, trials == 1 ? "RCT" : "RCTs");
    snprintf(out->certainty, sizeof out->certainty, "%s", symbols(o->as.graded ? o->as.grade.certainty : SRW_CERTAINTY_NONE));
    char eci[96];
    srw_format_effect_to(eci, sizeof eci, p->estimate, p->ci_lower, p->ci_upper, ratio, SRW_FORMAT_PAGE);
    if (p->k == 0 || !isfinite(p->estimate))
        return;
    if (ratio)
        snprintf(out->relative, sizeof out->relative, "%s %s", srw_measure_name(m), eci);
    if (a->type == SRW_TYPE_DICHOTOMOUS && (ratio || m == SRW_MEASURE_RD) && p->ctl_total > 0 &&
        isfinite(p->ctl_events)) {
        double rc = p->ctl_events / p->ctl_total;
        if (!(rc > 0) && m != SRW_MEASURE_RD) {
            snprintf(out->risk_ctl, sizeof out->risk_ctl, "0 per 1000");
            snprintf(out->absolute, sizeof out->absolute,
                     "not estimable: no events in the control arms, so a relative effect gives no absolute one");
            return;
        }
        at_risk(out->risk_ctl, out->risk_int, out->absolute, sizeof out->absolute, m, p, rc);
        if (m == SRW_MEASURE_RD)
            snprintf(out->relative, sizeof out->relative, SRW_FORMAT_DASH);
        /* The review's low and high baseline risks, each its own row as
         * GRADEpro shows them (Cochrane Handbook 14.1.5.1). */
        const srw_outcome_settings *os = o->as.settings;
        const double base[2] = {os ? os->baseline_low : NAN, os ? os->baseline_high : NAN};
        const char *names[2] = {"low", "high"};
        for (int b = 0; b < 2; b++) {
            if (isnan(base[b]))
                continue;
            rp_sof_baseline *r = &out->baselines[out->n_baselines++];
            const char *src = os->baseline_source ? os->baseline_source : "source not stated";
            srw_snprintf_utf8(r->label, sizeof r->label, "%s baseline risk (%.*s)", names[b], (int)srw_utf8_prefix(src, 200), src);
            at_risk(r->risk_ctl, r->risk_int, r->absolute, sizeof r->absolute, m, p, base[b]);
        }
        return;
    }
    if (!ratio) {
        char e[48], l[48], h[48];
        signed_word(e, sizeof e, p->estimate, 2);
        signed_word(l, sizeof l, p->ci_lower, 2);
        signed_word(h, sizeof h, p->ci_upper, 2);
        /* A generic record's estimate is in the outcome's own unit too. */
        const char *unit = (m == SRW_MEASURE_MD || m == SRW_MEASURE_GENERIC) && o->d.unit ? o->d.unit : NULL;
        size_t len = (size_t)snprintf(out->absolute, sizeof out->absolute, "%s %s (%s to %s)%s",
                                      m == SRW_MEASURE_GENERIC ? "Effect" : srw_measure_name(m), e, l, h,
                                      unit ? "; units: " : "");
        if (unit && len < sizeof out->absolute)
            whole_words(out->absolute + len, sizeof out->absolute - len, unit);
    }
}
