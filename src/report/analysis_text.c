/* One analysis as RevMan-style text: see include/srw/analysis_text.h. */
#include "srw/analysis_text.h"
#include "srw/format.h"
#include "util/text.h"

#include <math.h>
#include <string.h>

static void arm_text(char *buf, size_t n, const srw_study_row *r, srw_outcome_type t, int exp_arm)
{
    char a[24], b[24], c[24];
    if (t == SRW_TYPE_DICHOTOMOUS) {
        srw_format_count(a, sizeof a, exp_arm ? r->exp_events : r->ctl_events, SRW_FORMAT_TEXT);
        srw_format_count(b, sizeof b, exp_arm ? r->exp_total : r->ctl_total, SRW_FORMAT_TEXT);
        snprintf(buf, n, "%s/%s", a, b);
    } else if (t == SRW_TYPE_CONTINUOUS) {
        srw_format_num(a, sizeof a, exp_arm ? r->exp_mean : r->ctl_mean, 2, SRW_FORMAT_TEXT);
        srw_format_num(b, sizeof b, exp_arm ? r->exp_sd : r->ctl_sd, 2, SRW_FORMAT_TEXT);
        srw_format_count(c, sizeof c, exp_arm ? r->exp_total : r->ctl_total, SRW_FORMAT_TEXT);
        snprintf(buf, n, "%s (%s) %s", a, b, c);
    } else {
        srw_format_count(buf, n, exp_arm ? r->exp_total : r->ctl_total, SRW_FORMAT_TEXT);
    }
}

static void pooled_lines(FILE *f, const srw_pooled *p, const srw_analysis *a, const char *label)
{
    int ratio = srw_measure_is_ratio(a->opts.measure);
    char eff[96], w[32], buf[64];
    srw_format_effect_ci(eff, sizeof eff, p->estimate, p->ci_lower, p->ci_upper, ratio, SRW_FORMAT_TEXT);
    char ne[32], nc[32];
    srw_format_count(ne, sizeof ne, p->exp_total, SRW_FORMAT_TEXT);
    srw_format_count(nc, sizeof nc, p->ctl_total, SRW_FORMAT_TEXT);
    snprintf(w, sizeof w, "%s", "");
    /* A pool without an estimate (no estimable study, an MH pool without
     * events in an arm) is a state with its reason, not a row of dashes. */
    int estimable = p->k > 0 && isfinite(p->estimate);
    fprintf(f, "%-32s %-20s %-20s %7s  %s\n", label, ne, nc, w, estimable ? eff : "Not estimable");
    if (a->type == SRW_TYPE_DICHOTOMOUS) {
        srw_format_count(ne, sizeof ne, p->exp_events, SRW_FORMAT_TEXT);
        srw_format_count(nc, sizeof nc, p->ctl_events, SRW_FORMAT_TEXT);
        fprintf(f, "%-32s %-20s %-20s\n", "Total events", ne, nc);
    }
    if (!estimable) {
        fprintf(f, "  %s\n", p->note ? p->note : "no estimable studies: nothing to pool");
        return;
    }
    /* The prediction interval's note is its line below (none under revman5). */
    if (p->note && p->note != srw_pool_note_pi)
        fprintf(f, "  %s\n", p->note);
    int shows_pi = srw_pool_shows_pi(&a->opts);
    if (p->k >= 2) {
        char q[32], t2[32], i2[32];
        srw_format_num(q, sizeof q, p->Q, 2, SRW_FORMAT_TEXT);
        srw_format_num(t2, sizeof t2, p->tau2, 4, SRW_FORMAT_TEXT);
        srw_i2_text(i2, sizeof i2, p->I2);
        srw_format_p(buf, sizeof buf, p->Q_pvalue, SRW_FORMAT_TEXT);
        if (a->opts.model == SRW_MODEL_RANDOM && !shows_pi) {
            fprintf(f, "Heterogeneity: Tau\xc2\xb2 = %s; Chi\xc2\xb2 = %s, df = %.0f (%s); I\xc2\xb2 = %s\n", t2, q, p->Q_df,
                    buf, i2);
        } else if (a->opts.model == SRW_MODEL_RANDOM) {
            char lo[32], hi[32];
            srw_format_num(lo, sizeof lo, p->tau2_ci_lower, 4, SRW_FORMAT_TEXT);
            srw_format_num(hi, sizeof hi, p->tau2_ci_upper, 4, SRW_FORMAT_TEXT);
            fprintf(f, "Heterogeneity: Tau\xc2\xb2 = %s [%s, %s]; Chi\xc2\xb2 = %s, df = %.0f (%s); I\xc2\xb2 = %s\n",
                    t2, lo, hi, q, p->Q_df, buf, i2);
        } else {
            fprintf(f, "Heterogeneity: Chi\xc2\xb2 = %s, df = %.0f (%s); I\xc2\xb2 = %s\n", q, p->Q_df, buf, i2);
        }
    }
    if (p->k >= 1) {
        char st[32];
        srw_format_num(st, sizeof st, fabs(p->stat), 2, SRW_FORMAT_TEXT);
        srw_format_p(buf, sizeof buf, p->pvalue, SRW_FORMAT_TEXT);
        if (isfinite(p->stat_df))
            fprintf(f, "Test for overall effect: t(%.0f) = %s (%s)\n", p->stat_df, st, buf);
        else
            fprintf(f, "Test for overall effect: Z = %s (%s)\n", st, buf);
    }
    if (srw_pooled_hksj_narrower(p)) {
        char wide[96], q[32];
        srw_format_effect_ci(wide, sizeof wide, p->estimate, p->ci_lower_wide, p->ci_upper_wide, ratio,
                             SRW_FORMAT_TEXT);
        srw_format_num(q, sizeof q, p->hksj_factor, 2, SRW_FORMAT_TEXT);
        fprintf(f, "HKSJ variance factor %s: this interval is narrower than the Wald one, %s, which GRADE and"
                   " the verdict judge\n", q, wide);
    }
    if (!shows_pi) {
        /* RevMan 5 shows no prediction interval */
    } else if (isfinite(p->pi_lower) && isfinite(p->pi_upper)) {
        char lo[32], hi[32];
        srw_format_effect(lo, sizeof lo, p->pi_lower, ratio, SRW_FORMAT_TEXT);
        srw_format_effect(hi, sizeof hi, p->pi_upper, ratio, SRW_FORMAT_TEXT);
        fprintf(f, "Prediction interval: [%s, %s]\n", lo, hi);
    } else if (a->opts.model == SRW_MODEL_RANDOM && p->k > 0 && p->k < 3) {
        fprintf(f, "Prediction interval: not computed (needs at least 3 studies)\n");
    }
    if (!p->converged)
        fprintf(f, "WARNING: the tau\xc2\xb2 estimator did not converge after %d iterations; last value shown\n",
                p->iterations);
}

int srw_report_analysis_text(FILE *f, const srw_analysis *a, const srw_outcome_data *d)
{
    return srw_report_analysis_text_sorted(f, a, d, NULL);
}

int srw_report_analysis_text_sorted(FILE *f, const srw_analysis *a, const srw_outcome_data *d, const size_t *order)
{
    const srw_pool_options *o = &a->opts;
    int ratio = srw_measure_is_ratio(o->measure);
    char level[40];
    snprintf(level, sizeof level, "%.10g%%", o->level); /* 99.99999999, not "100" */
    if (d)
        fprintf(f, "%s: %s\n", d->use, d->outcome);
    if (d && d->stored.present)
        fprintf(f, "The review's analysis (%s): %s effect%s%s, %s; used unless options say otherwise\n",
                d->stored.source ? d->stored.source : "imported", srw_model_name(d->stored.model),
                d->stored.method != SRW_METHOD_DEFAULT ? ", " : "",
                d->stored.method != SRW_METHOD_DEFAULT ? srw_method_name(d->stored.method) : "",
                srw_totals_text(d->stored.totals));
    fprintf(f, "Profile %s: %s, %s effect%s%s%s%s, %s CI, %s level\n", srw_profile_name(o->profile),
            srw_measure_name(o->measure), srw_model_name(o->model),
            o->model == SRW_MODEL_FIXED ? " (" : " (tau\xc2\xb2 ",
            o->model == SRW_MODEL_FIXED ? srw_method_name(o->method) : srw_tau2_method_name(o->tau2), ")",
            o->measure == SRW_MEASURE_SMD ? (o->smd == SRW_SMD_HEDGES ? ", Hedges' g (RevMan)"
                                             : o->smd == SRW_SMD_COHEN ? ", Cohen's d" : ", Hedges' g (exact)")
                                          : "",
            srw_ci_method_name(o->ci), level);
    if (a->type == SRW_TYPE_DICHOTOMOUS) {
        char zc[300];
        srw_zero_cells_words(zc, sizeof zc, o);
        fprintf(f, "Zero cells: %s\n", zc);
    }
    const char *arm1 = "Experimental", *arm2 = "Control";
    char head[160];
    snprintf(head, sizeof head, "%s [%s CI]", srw_measure_name(o->measure), level);
    fprintf(f, "%-32s %-20s %-20s %7s  %s\n", "Study or subgroup", arm1, arm2, "Weight", head);
    const char *current = NULL;
    size_t sg = 0;
    for (size_t r = 0; r <= a->n_studies; r++) {
        /* The r-th row shown: study i (the sort keeps subgroups together). */
        size_t i = r < a->n_studies && order != NULL ? order[r] : r;
        const srw_study_result *s = r < a->n_studies ? &a->studies[i] : NULL;
        const char *sub = s ? s->subgroup : NULL;
        int change = a->n_subgroups > 0 && (s == NULL || current == NULL || sub == NULL || strcmp(current, sub) != 0);
        if (change && current != NULL && sg < a->n_subgroups) {
            char label[64];
            snprintf(label, sizeof label, "Subtotal (%s CI)", level);
            if (a->no_total != NULL && a->opts.totals == SRW_TOTALS_NONE)
                fprintf(f, "%-32s no subtotal: %s\n", "Subtotal", a->no_total);
            else
                pooled_lines(f, &a->subgroups[sg].pooled, a, label);
            fputc('\n', f);
            sg++;
        }
        if (s == NULL)
            break;
        if (change && sub != NULL) {
            fprintf(f, "%s\n", sub);
            current = sub;
        }
        char e1[128] = "", e2[128] = "", w[32], eff[96];
        if (d && i < d->set.k) {
            arm_text(e1, sizeof e1, &d->rows[i], d->type, 1);
            arm_text(e2, sizeof e2, &d->rows[i], d->type, 0);
        }
        if (s->estimable) {
            srw_format_num(w, sizeof w, s->weight, 1, SRW_FORMAT_TEXT);
            if (isfinite(s->weight)) /* no weight when nothing is pooled */
                strcat(w, "%");
            srw_format_effect_ci(eff, sizeof eff, s->yi, s->ci_lower, s->ci_upper, ratio, SRW_FORMAT_TEXT);
        } else {
            snprintf(w, sizeof w, "0.0%%");
            srw_snprintf_utf8(eff, sizeof eff, "Not estimable (%s)", s->reason ? s->reason : "no data");
        }
        fprintf(f, "%-32.32s %-20s %-20s %7s  %s\n", s->study, e1, e2, w, eff);
    }
    fputc('\n', f);
    char label[64];
    snprintf(label, sizeof label, "Total (%s CI)", level);
    if (a->no_total != NULL)
        fprintf(f, "%-32s no total: %s (--total pools one)\n", "Total", a->no_total);
    else
        pooled_lines(f, &a->overall, a, label);
    if (a->subgroup_test.present) {
        char q[32], i2[32], p[64];
        srw_format_num(q, sizeof q, a->subgroup_test.Q, 2, SRW_FORMAT_TEXT);
        srw_i2_text(i2, sizeof i2, a->subgroup_test.I2);
        srw_format_p(p, sizeof p, a->subgroup_test.pvalue, SRW_FORMAT_TEXT);
        fprintf(f, "Test for subgroup differences: Chi\xc2\xb2 = %s, df = %.0f (%s), I\xc2\xb2 = %s\n", q,
                a->subgroup_test.df, p, i2);
    }
    for (size_t i = 0; i < a->n_corrections; i++)
        fprintf(f, "Correction: %s\n", a->corrections[i]);
    return ferror(f) ? SRW_EIO : 0;
}

int srw_report_assessment_text(FILE *f, const srw_assessment *a)
{
    if (a->graded)
        fprintf(f, "GRADE: %s certainty%s. %s\n", srw_certainty_name(a->grade.certainty),
                a->grade.upgrade > 0 ? " (rated up by the reviewer)" : "", a->statement);
    else if (a->statement[0])
        fprintf(f, "Statement: %s\n", a->statement);
    if (a->review.present)
        fprintf(f, "The review's GRADE: %s\n", a->review.text);
    if (a->decided)
        fprintf(f, "Verdict: %s. Primary outcome %s.\n", srw_verdict_name(a->verdict.verdict.verdict),
                a->verdict.primary_note);
    return ferror(f) ? SRW_EIO : 0;
}
