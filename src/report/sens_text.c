/* The sensitivity analyses as plain text for `srw analyse` (see
 * include/srw/analysis_text.h): tables in the analysis table's columns,
 * numbers through srw/format.h, states with their reasons. */
#include <math.h>
#include <string.h>

#include "srw/analysis_text.h"
#include "srw/format.h"

static void fits(FILE *f, const srw_assessment *as, const srw_sens_fit *x, size_t n, int cumulative)
{
    const srw_analysis *a = &as->analysis;
    int ratio = srw_measure_is_ratio(a->opts.measure);
    char head[80];
    snprintf(head, sizeof head, "%s [%.10g%% CI]", srw_measure_name(a->opts.measure), a->opts.level);
    /* "Tau²" and "I²" are a byte longer than they look: widths + 1. */
    if (cumulative)
        fprintf(f, "%-32s %4s  %-24s %-12s %9s %6s\n", "Study added", "k", head, "P", "Tau\xc2\xb2", "I\xc2\xb2");
    else
        fprintf(f, "%-32s %-24s %-12s %9s %6s\n", "Study left out", head, "P", "Tau\xc2\xb2", "I\xc2\xb2");
    for (size_t i = 0; i < n; i++) {
        const srw_sens_fit *r = &x[i];
        char k[16] = "", eff[96], p[40], t2[32], i2[32];
        if (cumulative)
            snprintf(k, sizeof k, "%4zu  ", r->k);
        if (!isfinite(r->estimate)) {
            fprintf(f, "%-32.32s %s%s\n", a->studies[r->study].study, k, r->note ? r->note : "not estimable");
            continue;
        }
        srw_format_effect_ci(eff, sizeof eff, r->estimate, r->ci_lower, r->ci_upper, ratio, SRW_FORMAT_TEXT);
        srw_format_p(p, sizeof p, r->pvalue, SRW_FORMAT_TEXT);
        srw_format_num(t2, sizeof t2, r->tau2, 4, SRW_FORMAT_TEXT);
        srw_format_num(i2, sizeof i2, r->I2, 0, SRW_FORMAT_TEXT);
        if (isfinite(r->I2))
            strcat(i2, "%");
        fprintf(f, "%-32.32s %s%-24s %-12s %8s %5s\n", a->studies[r->study].study, k, eff, p, t2, i2);
    }
}

static void influence(FILE *f, const srw_assessment *as)
{
    const srw_sensitivity *s = &as->sens;
    fprintf(f, "%-32s %8s %8s %7s %6s %9s %8s %6s %7s  %s\n", "Study", "rstudent", "dffits", "cook.d", "cov.r",
            "tau2.del", "QE.del", "hat", "weight", "influential");
    for (size_t i = 0; i < s->n_infl; i++) {
        const srw_sens_influence *r = &s->infl[i];
        const char *name = as->analysis.studies[r->study].study;
        if (r->note != NULL && !isfinite(r->rstudent)) {
            fprintf(f, "%-32.32s %s\n", name, r->note);
            continue;
        }
        char v[8][32];
        srw_format_num(v[0], sizeof v[0], r->rstudent, 2, SRW_FORMAT_TEXT);
        srw_format_num(v[1], sizeof v[1], r->dffits, 2, SRW_FORMAT_TEXT);
        srw_format_num(v[2], sizeof v[2], r->cook_d, 2, SRW_FORMAT_TEXT);
        srw_format_num(v[3], sizeof v[3], r->cov_r, 2, SRW_FORMAT_TEXT);
        srw_format_num(v[4], sizeof v[4], r->tau2_del, 4, SRW_FORMAT_TEXT);
        srw_format_num(v[5], sizeof v[5], r->QE_del, 2, SRW_FORMAT_TEXT);
        srw_format_num(v[6], sizeof v[6], r->hat, 3, SRW_FORMAT_TEXT);
        srw_format_num(v[7], sizeof v[7], r->weight, 1, SRW_FORMAT_TEXT);
        if (isfinite(r->weight))
            strcat(v[7], "%");
        fprintf(f, "%-32.32s %8s %8s %7s %6s %9s %8s %6s %7s  %s\n", name, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
                v[7], r->influential ? "yes" : "no");
    }
}

/* "t(11) = -0.78, P = 0.45" or "z = ..." */
static void stat_text(char *buf, size_t n, double stat, double df, double p)
{
    char st[32], pv[40];
    srw_format_num(st, sizeof st, stat, 2, SRW_FORMAT_TEXT);
    srw_format_p(pv, sizeof pv, p, SRW_FORMAT_TEXT);
    if (isfinite(df))
        snprintf(buf, n, "t(%.0f) = %s, %s", df, st, pv);
    else
        snprintf(buf, n, "z = %s, %s", st, pv);
}

static void small_study(FILE *f, const srw_assessment *as)
{
    const srw_sensitivity *s = &as->sens;
    int ratio = srw_measure_is_ratio(as->analysis.opts.measure);
    const char *m = srw_measure_name(as->analysis.opts.measure);
    char buf[160], eff[96];
    if (s->egger.computed) {
        stat_text(buf, sizeof buf, s->egger.stat, s->egger.df, s->egger.pvalue);
        srw_format_effect_ci(eff, sizeof eff, s->egger.limit_estimate, s->egger.limit_ci_lower,
                             s->egger.limit_ci_upper, ratio, SRW_FORMAT_TEXT);
        fprintf(f, "Egger's regression test (the analysis's model): %s; limit estimate (SE -> 0) %s %s\n", buf, m,
                eff);
    } else {
        fprintf(f, "Egger's regression test: not computed (%s)\n", s->egger.note);
    }
    if (s->begg.computed) {
        char tau[32], p[40];
        srw_format_num(tau, sizeof tau, s->begg.tau, 3, SRW_FORMAT_TEXT);
        srw_format_p(p, sizeof p, s->begg.pvalue, SRW_FORMAT_TEXT);
        fprintf(f, "Begg's rank correlation test: Kendall's tau = %s, %s (%s)\n", tau, p,
                s->begg.exact ? "exact" : "normal approximation, ties");
    } else {
        fprintf(f, "Begg's rank correlation test: not computed (%s)\n", s->begg.note);
    }
    const struct {
        const char *name;
        const srw_sens_test *t;
    } more[2] = {{"Peters' test", &s->peters}, {"Harbord's test", &s->harbord}};
    for (int i = 0; i < 2; i++) {
        if (more[i].t->computed) {
            stat_text(buf, sizeof buf, more[i].t->statistic, more[i].t->df, more[i].t->pvalue);
            fprintf(f, "%s: %s\n", more[i].name, buf);
        } else {
            fprintf(f, "%s: not computed (%s)\n", more[i].name, more[i].t->note);
        }
    }
}

static void trim_fill(FILE *f, const srw_assessment *as)
{
    const srw_trim_fill *t = &as->sens.trim_fill;
    int ratio = srw_measure_is_ratio(as->analysis.opts.measure);
    if (!t->computed) {
        fprintf(f, "Trim-and-fill (%s): not computed (%s)\n", srw_tf_estimator_name(t->estimator), t->note);
        return;
    }
    char eff[96], t2[32];
    srw_format_effect_ci(eff, sizeof eff, t->estimate, t->ci_lower, t->ci_upper, ratio, SRW_FORMAT_TEXT);
    srw_format_num(t2, sizeof t2, t->tau2, 4, SRW_FORMAT_TEXT);
    fprintf(f, "Trim-and-fill (%s, missing on the %s): %zu stud%s filled; %s %s", srw_tf_estimator_name(t->estimator),
            srw_tf_side_name(t->side), t->k0, t->k0 == 1 ? "y" : "ies", srw_measure_name(as->analysis.opts.measure),
            eff);
    if (isfinite(t->tau2))
        fprintf(f, "; Tau\xc2\xb2 = %s", t2);
    fputc('\n', f);
    for (size_t i = 0; i < t->n_filled; i++) {
        char e[32], se[32];
        srw_format_effect(e, sizeof e, t->filled_yi[i], ratio, SRW_FORMAT_TEXT);
        srw_format_num(se, sizeof se, t->filled_se[i], 3, SRW_FORMAT_TEXT);
        fprintf(f, "  filled study %zu: %s (SE %s on the analysis scale)\n", i + 1, e, se);
    }
}

int srw_report_sensitivity_text(FILE *f, const srw_assessment *as)
{
    const srw_sensitivity *s = &as->sens;
    if (!as->analysed || s->what == 0)
        return 0;
    if (s->note != NULL) {
        fprintf(f, "Sensitivity analyses: not run (%s)\n", s->note);
        return ferror(f) ? SRW_EIO : 0;
    }
    if (s->what & SRW_SENS_LEAVE_ONE_OUT) {
        fprintf(f, "\nLeave-one-out (each study left out in turn, the analysis's own settings)\n");
        fits(f, as, s->loo, s->n_loo, 0);
    }
    if (s->what & SRW_SENS_CUMULATIVE) {
        fprintf(f, "\nCumulative meta-analysis (studies added by %s)\n", srw_study_order_name(s->order));
        fits(f, as, s->cumul, s->n_cumul, 1);
    }
    if (s->what & SRW_SENS_INFLUENCE) {
        fprintf(f, "\nInfluence diagnostics (Viechtbauer & Cheung 2010; the inverse-variance model)\n");
        influence(f, as);
    }
    if (s->what & (SRW_SENS_SMALL_STUDY | SRW_SENS_TRIM_FILL))
        fputc('\n', f);
    if (s->what & SRW_SENS_SMALL_STUDY)
        small_study(f, as);
    if (s->what & SRW_SENS_TRIM_FILL)
        trim_fill(f, as);
    fprintf(f, "\nDoes it change the conclusion? %s\n", s->conclusion.sentence);
    return ferror(f) ? SRW_EIO : 0;
}
