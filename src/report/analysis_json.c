/* One analysis as JSON: see include/srw/analysis_json.h.  Every layout is
 * written once, through the writer (json_writer.c); summary.json's jansson
 * values are that text read back. */
#include "srw/analysis_json.h"

#include <math.h>

static double expo(double x)
{
    return isfinite(x) ? exp(x) : NAN;
}

static void pooled_write(srw_json_writer *w, const char *key, const srw_pooled *p, int ratio)
{
    srw_json_begin_object(w, key);
    srw_json_int(w, "k", (long long)p->k);
    srw_json_int(w, "k_total", (long long)p->k_total);
    srw_json_real(w, "estimate", p->estimate);
    srw_json_real(w, "se", p->se);
    srw_json_real(w, "ci_lower", p->ci_lower);
    srw_json_real(w, "ci_upper", p->ci_upper);
    if (ratio) {
        srw_json_real(w, "estimate_exp", expo(p->estimate));
        srw_json_real(w, "ci_lower_exp", expo(p->ci_lower));
        srw_json_real(w, "ci_upper_exp", expo(p->ci_upper));
    }
    srw_json_real(w, "statistic", p->stat);
    srw_json_real(w, "statistic_df", p->stat_df);
    srw_json_real(w, "pvalue", p->pvalue);
    srw_json_real(w, "tau2", p->tau2);
    srw_json_real(w, "tau2_ci_lower", p->tau2_ci_lower);
    srw_json_real(w, "tau2_ci_upper", p->tau2_ci_upper);
    srw_json_real(w, "tau", p->tau);
    srw_json_real(w, "I2", p->I2);
    srw_json_real(w, "I2_tau2", p->I2_tau2);
    srw_json_real(w, "H2", p->H2);
    srw_json_real(w, "Q", p->Q);
    srw_json_real(w, "Q_df", p->Q_df);
    srw_json_real(w, "Q_pvalue", p->Q_pvalue);
    srw_json_real(w, "pi_lower", p->pi_lower);
    srw_json_real(w, "pi_upper", p->pi_upper);
    if (ratio) {
        srw_json_real(w, "pi_lower_exp", expo(p->pi_lower));
        srw_json_real(w, "pi_upper_exp", expo(p->pi_upper));
    }
    srw_json_real(w, "hksj_factor", p->hksj_factor);
    srw_json_real(w, "ci_lower_wide", p->ci_lower_wide);
    srw_json_real(w, "ci_upper_wide", p->ci_upper_wide);
    if (ratio) {
        srw_json_real(w, "ci_lower_wide_exp", expo(p->ci_lower_wide));
        srw_json_real(w, "ci_upper_wide_exp", expo(p->ci_upper_wide));
    }
    srw_json_bool(w, "converged", p->converged);
    srw_json_int(w, "iterations", p->iterations);
    srw_json_text(w, "note", p->note);
    srw_json_real(w, "exp_total", p->exp_total);
    srw_json_real(w, "ctl_total", p->ctl_total);
    srw_json_real(w, "exp_events", p->exp_events);
    srw_json_real(w, "ctl_events", p->ctl_events);
    srw_json_end_object(w);
}

static void arm_write(srw_json_writer *w, const srw_study_row *r, srw_outcome_type t)
{
    srw_json_begin_object(w, "data");
    switch (t) {
    case SRW_TYPE_DICHOTOMOUS:
        srw_json_real(w, "exp_events", r->exp_events);
        srw_json_real(w, "exp_total", r->exp_total);
        srw_json_real(w, "ctl_events", r->ctl_events);
        srw_json_real(w, "ctl_total", r->ctl_total);
        break;
    case SRW_TYPE_CONTINUOUS:
        srw_json_real(w, "exp_mean", r->exp_mean);
        srw_json_real(w, "exp_sd", r->exp_sd);
        srw_json_real(w, "exp_total", r->exp_total);
        srw_json_real(w, "ctl_mean", r->ctl_mean);
        srw_json_real(w, "ctl_sd", r->ctl_sd);
        srw_json_real(w, "ctl_total", r->ctl_total);
        break;
    default:
        srw_json_real(w, "estimate", r->estimate);
        srw_json_real(w, "se", r->se);
        srw_json_real(w, "exp_total", r->exp_total);
        srw_json_real(w, "ctl_total", r->ctl_total);
    }
    srw_json_end_object(w);
}

void srw_report_analysis_write(srw_json_writer *w, const srw_analysis *a, const srw_outcome_data *d)
{
    const srw_pool_options *o = &a->opts;
    int ratio = srw_measure_is_ratio(o->measure);
    if (d != NULL) {
        srw_json_text(w, "use", d->use);
        srw_json_text(w, "outcome", d->outcome);
        srw_json_text(w, "direction", srw_direction_name(d->direction));
        srw_json_text(w, "unit", d->unit);
    }
    srw_json_text(w, "type", srw_outcome_type_name(a->type));
    srw_json_text(w, "measure", srw_measure_name(o->measure));
    srw_json_text(w, "scale", ratio ? "log" : "identity");
    if (o->measure == SRW_MEASURE_SMD)
        srw_json_text(w, "smd", srw_smd_method_name(o->smd));
    srw_json_text(w, "model", srw_model_name(o->model));
    srw_json_text(w, "method", srw_method_name(o->method));
    srw_json_text(w, "tau2_method", o->model == SRW_MODEL_RANDOM ? srw_tau2_method_name(o->tau2) : NULL);
    srw_json_text(w, "ci_method", srw_ci_method_name(o->ci));
    srw_json_real(w, "level", o->level);
    srw_json_text(w, "profile", srw_profile_name(o->profile));
    /* The zero-cell rule (--cc, --double-zero) and the multi-arm rule,
     * named whatever the data (they change nothing without zero cells or
     * arms). */
    char cc[32];
    srw_cc_text(cc, sizeof cc, o);
    srw_json_text(w, "cc", cc);
    srw_json_text(w, "double_zero", srw_double_zero_name(o->double_zero));
    srw_json_text(w, "multi_arm", srw_multi_arm_name(o->multi_arm));
    srw_json_begin_array(w, "corrections");
    for (size_t i = 0; i < a->n_corrections; i++)
        srw_json_text(w, NULL, a->corrections[i]);
    srw_json_end_array(w);
    srw_json_begin_array(w, "studies");
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *s = &a->studies[i];
        srw_json_begin_object(w, NULL);
        srw_json_text(w, "study", s->study);
        if (s->subgroup)
            srw_json_text(w, "subgroup", s->subgroup);
        if (d != NULL && i < d->set.k)
            arm_write(w, &d->rows[i], d->type);
        srw_json_real(w, "estimate", s->yi);
        srw_json_real(w, "se", s->se);
        srw_json_real(w, "ci_lower", s->ci_lower);
        srw_json_real(w, "ci_upper", s->ci_upper);
        if (ratio) {
            srw_json_real(w, "estimate_exp", expo(s->yi));
            srw_json_real(w, "ci_lower_exp", expo(s->ci_lower));
            srw_json_real(w, "ci_upper_exp", expo(s->ci_upper));
        }
        srw_json_real(w, "weight", s->weight);
        srw_json_bool(w, "estimable", s->estimable);
        srw_json_text(w, "reason", s->reason);
        srw_json_end_object(w);
    }
    srw_json_end_array(w);
    /* No total is a state: null, with the reason. */
    if (a->no_total)
        srw_json_null(w, "pooled");
    else
        pooled_write(w, "pooled", &a->overall, ratio);
    if (a->no_total)
        srw_json_text(w, "no_total_reason", a->no_total);
    if (o->totals != SRW_TOTALS_ALL) /* only when a review limits them: other output stays as it was */
        srw_json_text(w, "totals", srw_totals_text(o->totals));
    int no_subtotals = a->no_total != NULL && o->totals == SRW_TOTALS_NONE;
    if (a->n_subgroups > 0) {
        srw_json_begin_array(w, "subgroups");
        for (size_t i = 0; i < a->n_subgroups; i++) {
            srw_json_begin_object(w, NULL);
            srw_json_text(w, "name", a->subgroups[i].name);
            if (no_subtotals)
                srw_json_null(w, "pooled");
            else
                pooled_write(w, "pooled", &a->subgroups[i].pooled, ratio);
            srw_json_end_object(w);
        }
        srw_json_end_array(w);
        const srw_subgroup_test *t = &a->subgroup_test;
        srw_json_begin_object(w, "subgroup_test");
        srw_json_real(w, "Q", t->present ? t->Q : NAN);
        srw_json_real(w, "df", t->present ? t->df : NAN);
        srw_json_real(w, "pvalue", t->present ? t->pvalue : NAN);
        srw_json_real(w, "I2", t->present ? t->I2 : NAN);
        /* The inverse-variance pool of the subgroup results the test is
         * centred on (RevMan's stored overall with subtotals only). */
        srw_json_real(w, "estimate", t->estimate);
        srw_json_real(w, "se", t->se);
        srw_json_real(w, "ci_lower", t->ci_lower);
        srw_json_real(w, "ci_upper", t->ci_upper);
        if (ratio) {
            srw_json_real(w, "estimate_exp", expo(t->estimate));
            srw_json_real(w, "ci_lower_exp", expo(t->ci_lower));
            srw_json_real(w, "ci_upper_exp", expo(t->ci_upper));
        }
        srw_json_end_object(w);
    }
    if (d != NULL && d->stored.present) {
        srw_json_begin_object(w, "stored_analysis");
        srw_json_text(w, "source", d->stored.source);
        srw_json_text(w, "model", srw_model_name(d->stored.model));
        srw_json_text(w, "method", srw_method_name(d->stored.method));
        srw_json_text(w, "totals", srw_totals_text(d->stored.totals));
        srw_json_end_object(w);
    }
}

static void count_or_null(srw_json_writer *w, const char *key, long n)
{
    if (n >= 0)
        srw_json_int(w, key, n);
    else
        srw_json_null(w, key);
}

/* A review's published result and its comparison with srw's own analysis
 * (srw_published_compare). */
static void published_write(srw_json_writer *w, const srw_published *p, const srw_published_comparison *c)
{
    srw_json_begin_object(w, NULL);
    srw_json_text(w, "review", p->review);
    srw_json_text(w, "version", p->version);
    srw_json_text(w, "search_date", p->search_date);
    srw_json_text(w, "measure", p->measure);
    srw_json_text(w, "model", p->model);
    srw_json_text(w, "method", p->method);
    srw_json_real(w, "estimate", p->estimate);
    srw_json_real(w, "ci_lower", p->ci_lower);
    srw_json_real(w, "ci_upper", p->ci_upper);
    count_or_null(w, "trials", p->trials);
    count_or_null(w, "participants", p->participants);
    srw_json_text(w, "certainty", p->certainty);
    srw_json_text(w, "direction", srw_direction_name(p->direction));
    srw_json_text(w, "source", p->source);
    if (c != NULL) {
        srw_json_begin_object(w, "comparison");
        srw_json_text(w, "status", srw_published_status_name(c->status));
        srw_json_int(w, "srw_trials", (long long)c->srw_trials);
        srw_json_real(w, "srw_estimate", c->srw_estimate);
        srw_json_real(w, "srw_ci_lower", c->srw_ci_lower);
        srw_json_real(w, "srw_ci_upper", c->srw_ci_upper);
        srw_json_text(w, "reason", c->reason);
        srw_json_end_object(w);
    }
    srw_json_end_object(w);
}

void srw_report_grade_reason(srw_buf *b, const srw_grade_step *st)
{
    if (st->entered_reason != NULL)
        srw_buf_printf(b, SRW_GRADE_ENTERED "%s", st->entered_reason);
    else
        srw_buf_puts(b, st->reason);
}

void srw_report_grade_write(srw_json_writer *w, const char *key, const srw_grade *g)
{
    srw_json_begin_object(w, key);
    srw_json_text(w, "certainty", srw_certainty_name(g->certainty));
    srw_json_begin_object(w, "domains");
    for (int k = 0; k < SRW_GRADE_N; k++) {
        const srw_grade_step *st = &g->steps[k];
        srw_json_begin_object(w, srw_grade_domain_key((srw_grade_domain)k));
        srw_json_int(w, "computed", st->computed);
        srw_json_int(w, "downgrade", st->downgrade);
        srw_json_bool(w, "assessable", st->assessable);
        srw_json_bool(w, "overridden", st->overridden);
        srw_buf reason = SRW_BUF_INIT;
        srw_report_grade_reason(&reason, st);
        srw_json_text(w, "reason", reason.oom ? st->reason : srw_buf_cstr(&reason));
        srw_buf_dispose(&reason);
        if (st->overridden)
            srw_json_text(w, "override_reason", st->override_reason ? st->override_reason : "");
        if (st->source != NULL) /* where the reviewer's judgement comes from */
            srw_json_text(w, "source", st->source);
        srw_json_end_object(w);
    }
    srw_json_end_object(w);
    srw_json_end_object(w);
}

void srw_report_assessment_write(srw_json_writer *w, const srw_assessment *a)
{
    srw_json_bool(w, "primary", a->primary);
    if (a->analysed) {
        srw_json_begin_object(w, "mid");
        srw_json_real(w, "value", a->mid.value);
        srw_json_text(w, "source", srw_mid_source_key(a->mid.source));
        srw_json_text(w, "text", a->mid.text);
        srw_json_end_object(w);
    } else {
        srw_json_null(w, "mid");
    }
    if (a->graded)
        srw_report_grade_write(w, "grade", &a->grade);
    else
        srw_json_null(w, "grade");
    srw_json_text(w, "statement", a->statement[0] ? a->statement : NULL);
    srw_json_text(w, "effect_size", srw_effect_size_key(a->size));
    srw_json_text(w, "importance", srw_importance_name(a->importance));
    if (a->analysed) {
        /* Every threshold on the analysis scale, each with where it came from. */
        const srw_thresholds *t = &a->mid.thresholds;
        srw_json_begin_object(w, "thresholds");
        srw_json_real(w, "important_down", t->important_down);
        srw_json_real(w, "important_up", t->important_up);
        srw_json_real(w, "moderate_down", t->moderate_down);
        srw_json_real(w, "moderate_up", t->moderate_up);
        srw_json_real(w, "large_down", t->large_down);
        srw_json_real(w, "large_up", t->large_up);
        srw_json_text(w, "important_source", srw_mid_source_key(a->mid.source));
        srw_json_text(w, "important_text", a->mid.text);
        srw_json_text(w, "large_source", srw_mid_source_key(a->mid.large_from));
        srw_json_text(w, "large_text", a->mid.large_text);
        srw_json_end_object(w);
    }
    if (a->graded && a->grade.upgrade > 0) {
        srw_json_int(w, "upgrade", a->grade.upgrade);
        srw_json_text(w, "upgrade_reason", a->grade.upgrade_reason ? a->grade.upgrade_reason : "");
    }
    if (a->review.present) {
        const srw_assess_review_grade *r = &a->review;
        srw_json_begin_object(w, "review_grade");
        srw_json_text(w, "certainty", srw_certainty_name(r->certainty));
        srw_json_begin_object(w, "domains");
        for (int k = 0; k < SRW_GRADE_N; k++) {
            srw_json_begin_object(w, srw_grade_domain_key((srw_grade_domain)k));
            if (r->downgrade[k] >= 0)
                srw_json_int(w, "downgrade", r->downgrade[k]);
            else
                srw_json_null(w, "downgrade");
            srw_json_text(w, "reason", r->reason[k]);
            srw_json_bool(w, "differs", r->differs[k]);
            srw_json_end_object(w);
        }
        srw_json_end_object(w);
        srw_json_text(w, "source", r->source);
        srw_json_bool(w, "differs", r->certainty_differs);
        srw_json_text(w, "text", r->text);
        srw_json_end_object(w);
    }
    if (!a->graded)
        srw_json_text(w, "grade_note", a->analysed ? a->grade_error : a->analysis_error.message);
    if (!a->decided)
        return;
    const srw_assess_verdict *v = &a->verdict;
    srw_json_text(w, "verdict", srw_verdict_key(v->verdict.verdict));
    srw_json_text(w, "verdict_text", srw_verdict_name(v->verdict.verdict));
    srw_json_text(w, "verdict_reason", v->verdict.reason);
    srw_json_text(w, "basis", srw_basis_key(v->basis));
    srw_json_text(w, "basis_text", v->basis_text);
    srw_json_text(w, "certainty_source", v->certainty_source[0] ? v->certainty_source : NULL);
    srw_json_bool(w, "primary_prespecified", v->prespecified);
    srw_json_text(w, "primary_note", v->primary_note);
}

void srw_report_outcome_write(srw_json_writer *w, const char *key, const srw_assessment *a,
                              const srw_outcome_data *d, const char *use, const char *outcome)
{
    srw_json_begin_object(w, key);
    if (d != NULL) {
        /* The rows pooled: the records', or their arms resolved (srw/arms.h). */
        srw_report_analysis_write(w, &a->analysis, a->pooled ? a->pooled : d);
        srw_json_int(w, "awaiting_reconciliation", (long long)d->n_awaiting);
    } else {
        /* Held only as published results: shown, with srw's lack of trials. */
        srw_json_text(w, "use", use);
        srw_json_text(w, "outcome", outcome);
        srw_json_begin_array(w, "studies");
        srw_json_end_array(w);
        srw_json_null(w, "pooled");
        srw_json_text(w, "note", "srw holds no trial data for this outcome");
    }
    srw_json_begin_array(w, "published");
    for (size_t i = 0; i < a->n_published; i++)
        published_write(w, a->published[i].p, &a->published[i].cmp);
    srw_json_end_array(w);
    srw_report_assessment_write(w, a);
    /* The sensitivity analyses and the meta-regression, when asked for:
     * built as values (sens_json.c, metareg_out.c) and written here. */
    if (a->analysed && (a->sens.what != 0 || a->order != NULL || a->opts.n_moderators > 0)) {
        json_t *extra = json_object();
        if (extra == NULL) {
            w->out->oom = 1;
        } else {
            srw_report_sensitivity_json(extra, a);
            srw_report_metareg_json(extra, a);
            const char *k;
            json_t *v;
            json_object_foreach(extra, k, v)
                srw_json_value(w, k, v);
            json_decref(extra);
        }
    }
    srw_json_end_object(w);
}

/* ------------------------------------------------- as jansson values */

json_t *srw_json_number(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* What w wrote into b, read back; NULL when out of memory. */
static json_t *read_back(srw_buf *b)
{
    json_t *j = b->oom ? NULL : json_loadb(b->ptr, b->len, 0, NULL);
    srw_buf_dispose(b);
    return j;
}

json_t *srw_report_analysis_json(const srw_analysis *a, const srw_outcome_data *d)
{
    srw_buf b = SRW_BUF_INIT;
    srw_json_writer w;
    srw_json_writer_init(&w, &b, 1);
    srw_json_begin_object(&w, NULL);
    srw_report_analysis_write(&w, a, d);
    srw_json_end_object(&w);
    return read_back(&b);
}

json_t *srw_report_grade_json(const srw_grade *g)
{
    srw_buf b = SRW_BUF_INIT;
    srw_json_writer w;
    srw_json_writer_init(&w, &b, 1);
    srw_report_grade_write(&w, NULL, g);
    return read_back(&b);
}
