/* One analysis as JSON: see include/srw/analysis_json.h. */
#include "srw/analysis_json.h"

#include <math.h>

json_t *srw_json_number(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *expo(double x)
{
    return srw_json_number(isfinite(x) ? exp(x) : NAN);
}

json_t *srw_report_pooled_json(const srw_pooled *p, int ratio)
{
    json_t *o = json_object();
    json_object_set_new(o, "k", json_integer((json_int_t)p->k));
    json_object_set_new(o, "k_total", json_integer((json_int_t)p->k_total));
    json_object_set_new(o, "estimate", srw_json_number(p->estimate));
    json_object_set_new(o, "se", srw_json_number(p->se));
    json_object_set_new(o, "ci_lower", srw_json_number(p->ci_lower));
    json_object_set_new(o, "ci_upper", srw_json_number(p->ci_upper));
    if (ratio) {
        json_object_set_new(o, "estimate_exp", expo(p->estimate));
        json_object_set_new(o, "ci_lower_exp", expo(p->ci_lower));
        json_object_set_new(o, "ci_upper_exp", expo(p->ci_upper));
    }
    json_object_set_new(o, "statistic", srw_json_number(p->stat));
    json_object_set_new(o, "statistic_df", srw_json_number(p->stat_df));
    json_object_set_new(o, "pvalue", srw_json_number(p->pvalue));
    json_object_set_new(o, "tau2", srw_json_number(p->tau2));
    json_object_set_new(o, "tau2_ci_lower", srw_json_number(p->tau2_ci_lower));
    json_object_set_new(o, "tau2_ci_upper", srw_json_number(p->tau2_ci_upper));
    json_object_set_new(o, "tau", srw_json_number(p->tau));
    json_object_set_new(o, "I2", srw_json_number(p->I2));
    json_object_set_new(o, "I2_tau2", srw_json_number(p->I2_tau2));
    json_object_set_new(o, "H2", srw_json_number(p->H2));
    json_object_set_new(o, "Q", srw_json_number(p->Q));
    json_object_set_new(o, "Q_df", srw_json_number(p->Q_df));
    json_object_set_new(o, "Q_pvalue", srw_json_number(p->Q_pvalue));
    json_object_set_new(o, "pi_lower", srw_json_number(p->pi_lower));
    json_object_set_new(o, "pi_upper", srw_json_number(p->pi_upper));
    if (ratio) {
        json_object_set_new(o, "pi_lower_exp", expo(p->pi_lower));
        json_object_set_new(o, "pi_upper_exp", expo(p->pi_upper));
    }
    json_object_set_new(o, "hksj_factor", srw_json_number(p->hksj_factor));
    json_object_set_new(o, "ci_lower_wide", srw_json_number(p->ci_lower_wide));
    json_object_set_new(o, "ci_upper_wide", srw_json_number(p->ci_upper_wide));
    if (ratio) {
        json_object_set_new(o, "ci_lower_wide_exp", expo(p->ci_lower_wide));
        json_object_set_new(o, "ci_upper_wide_exp", expo(p->ci_upper_wide));
    }
    json_object_set_new(o, "converged", json_boolean(p->converged));
    json_object_set_new(o, "iterations", json_integer(p->iterations));
    json_object_set_new(o, "note", text_or_null(p->note));
    json_object_set_new(o, "exp_total", srw_json_number(p->exp_total));
    json_object_set_new(o, "ctl_total", srw_json_number(p->ctl_total));
    json_object_set_new(o, "exp_events", srw_json_number(p->exp_events));
    json_object_set_new(o, "ctl_events", srw_json_number(p->ctl_events));
    return o;
}

static json_t *arm_json(const srw_study_row *r, srw_outcome_type t)
{
    json_t *o = json_object();
    switch (t) {
    case SRW_TYPE_DICHOTOMOUS:
        json_object_set_new(o, "exp_events", srw_json_number(r->exp_events));
        json_object_set_new(o, "exp_total", srw_json_number(r->exp_total));
        json_object_set_new(o, "ctl_events", srw_json_number(r->ctl_events));
        json_object_set_new(o, "ctl_total", srw_json_number(r->ctl_total));
        break;
    case SRW_TYPE_CONTINUOUS:
        json_object_set_new(o, "exp_mean", srw_json_number(r->exp_mean));
        json_object_set_new(o, "exp_sd", srw_json_number(r->exp_sd));
        json_object_set_new(o, "exp_total", srw_json_number(r->exp_total));
        json_object_set_new(o, "ctl_mean", srw_json_number(r->ctl_mean));
        json_object_set_new(o, "ctl_sd", srw_json_number(r->ctl_sd));
        json_object_set_new(o, "ctl_total", srw_json_number(r->ctl_total));
        break;
    default:
        json_object_set_new(o, "estimate", srw_json_number(r->estimate));
        json_object_set_new(o, "se", srw_json_number(r->se));
        json_object_set_new(o, "exp_total", srw_json_number(r->exp_total));
        json_object_set_new(o, "ctl_total", srw_json_number(r->ctl_total));
    }
    return o;
}

json_t *srw_report_analysis_json(const srw_analysis *a, const srw_outcome_data *d)
{
    const srw_pool_options *o = &a->opts;
    int ratio = srw_measure_is_ratio(o->measure);
    json_t *j = json_object();
    if (j == NULL)
        return NULL;
    if (d != NULL) {
        json_object_set_new(j, "use", json_string(d->use));
        json_object_set_new(j, "outcome", json_string(d->outcome));
        json_object_set_new(j, "direction", text_or_null(srw_direction_name(d->direction)));
        json_object_set_new(j, "unit", text_or_null(d->unit));
    }
    json_object_set_new(j, "type", text_or_null(srw_outcome_type_name(a->type)));
    json_object_set_new(j, "measure", text_or_null(srw_measure_name(o->measure)));
    json_object_set_new(j, "scale", json_string(ratio ? "log" : "identity"));
    if (o->measure == SRW_MEASURE_SMD)
        json_object_set_new(j, "smd", text_or_null(srw_smd_method_name(o->smd)));
    json_object_set_new(j, "model", text_or_null(srw_model_name(o->model)));
    json_object_set_new(j, "method", text_or_null(srw_method_name(o->method)));
    json_object_set_new(j, "tau2_method",
                        o->model == SRW_MODEL_RANDOM ? text_or_null(srw_tau2_method_name(o->tau2)) : json_null());
    json_object_set_new(j, "ci_method", text_or_null(srw_ci_method_name(o->ci)));
    json_object_set_new(j, "level", json_real(o->level));
    json_object_set_new(j, "profile", text_or_null(srw_profile_name(o->profile)));
    /* The zero-cell rule (--cc, --double-zero) and the multi-arm rule,
     * named whatever the data (they change nothing without zero cells or
     * arms). */
    char cc[32];
    srw_cc_text(cc, sizeof cc, o);
    json_object_set_new(j, "cc", json_string(cc));
    json_object_set_new(j, "double_zero", text_or_null(srw_double_zero_name(o->double_zero)));
    json_object_set_new(j, "multi_arm", text_or_null(srw_multi_arm_name(o->multi_arm)));
    json_t *corr = json_array();
    for (size_t i = 0; i < a->n_corrections; i++)
        json_array_append_new(corr, json_string(a->corrections[i]));
    json_object_set_new(j, "corrections", corr);
    json_t *studies = json_array();
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *s = &a->studies[i];
        json_t *st = json_object();
        json_object_set_new(st, "study", json_string(s->study));
        if (s->subgroup)
            json_object_set_new(st, "subgroup", json_string(s->subgroup));
        if (d != NULL && i < d->set.k)
            json_object_set_new(st, "data", arm_json(&d->rows[i], d->type));
        json_object_set_new(st, "estimate", srw_json_number(s->yi));
        json_object_set_new(st, "se", srw_json_number(s->se));
        json_object_set_new(st, "ci_lower", srw_json_number(s->ci_lower));
        json_object_set_new(st, "ci_upper", srw_json_number(s->ci_upper));
        if (ratio) {
            json_object_set_new(st, "estimate_exp", expo(s->yi));
            json_object_set_new(st, "ci_lower_exp", expo(s->ci_lower));
            json_object_set_new(st, "ci_upper_exp", expo(s->ci_upper));
        }
        json_object_set_new(st, "weight", srw_json_number(s->weight));
        json_object_set_new(st, "estimable", json_boolean(s->estimable));
        json_object_set_new(st, "reason", text_or_null(s->reason));
        json_array_append_new(studies, st);
    }
    json_object_set_new(j, "studies", studies);
    /* No total is a state: null, with the reason. */
    json_object_set_new(j, "pooled", a->no_total ? json_null() : srw_report_pooled_json(&a->overall, ratio));
    if (a->no_total)
        json_object_set_new(j, "no_total_reason", json_string(a->no_total));
    if (o->totals != SRW_TOTALS_ALL) /* only when a review limits them: other output stays as it was */
        json_object_set_new(j, "totals", json_string(srw_totals_text(o->totals)));
    int no_subtotals = a->no_total != NULL && o->totals == SRW_TOTALS_NONE;
    if (a->n_subgroups > 0) {
        json_t *subs = json_array();
        for (size_t i = 0; i < a->n_subgroups; i++) {
            json_t *sg = json_object();
            json_object_set_new(sg, "name", json_string(a->subgroups[i].name));
            json_object_set_new(sg, "pooled",
                                no_subtotals ? json_null() : srw_report_pooled_json(&a->subgroups[i].pooled, ratio));
            json_array_append_new(subs, sg);
        }
        json_object_set_new(j, "subgroups", subs);
        const srw_subgroup_test *t = &a->subgroup_test;
        json_t *test = json_object();
        json_object_set_new(test, "Q", srw_json_number(t->present ? t->Q : NAN));
        json_object_set_new(test, "df", srw_json_number(t->present ? t->df : NAN));
        json_object_set_new(test, "pvalue", srw_json_number(t->present ? t->pvalue : NAN));
        json_object_set_new(test, "I2", srw_json_number(t->present ? t->I2 : NAN));
        /* The inverse-variance pool of the subgroup results the test is
         * centred on (RevMan's stored overall with subtotals only). */
        json_object_set_new(test, "estimate", srw_json_number(t->estimate));
        json_object_set_new(test, "se", srw_json_number(t->se));
        json_object_set_new(test, "ci_lower", srw_json_number(t->ci_lower));
        json_object_set_new(test, "ci_upper", srw_json_number(t->ci_upper));
        if (ratio) {
            json_object_set_new(test, "estimate_exp", expo(t->estimate));
            json_object_set_new(test, "ci_lower_exp", expo(t->ci_lower));
            json_object_set_new(test, "ci_upper_exp", expo(t->ci_upper));
        }
        json_object_set_new(j, "subgroup_test", test);
    }
    if (d != NULL && d->stored.present) {
        json_t *st = json_object();
        json_object_set_new(st, "source", text_or_null(d->stored.source));
        json_object_set_new(st, "model", text_or_null(srw_model_name(d->stored.model)));
        json_object_set_new(st, "method", text_or_null(srw_method_name(d->stored.method)));
        json_object_set_new(st, "totals", json_string(srw_totals_text(d->stored.totals)));
        json_object_set_new(j, "stored_analysis", st);
    }
    return j;
}

static json_t *count_or_null(long n)
{
    return n >= 0 ? json_integer(n) : json_null();
}

json_t *srw_report_published_json(const srw_published *p, const srw_published_comparison *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "review", text_or_null(p->review));
    json_object_set_new(o, "version", text_or_null(p->version));
    json_object_set_new(o, "search_date", text_or_null(p->search_date));
    json_object_set_new(o, "measure", text_or_null(p->measure));
    json_object_set_new(o, "model", text_or_null(p->model));
    json_object_set_new(o, "method", text_or_null(p->method));
    json_object_set_new(o, "estimate", srw_json_number(p->estimate));
    json_object_set_new(o, "ci_lower", srw_json_number(p->ci_lower));
    json_object_set_new(o, "ci_upper", srw_json_number(p->ci_upper));
    json_object_set_new(o, "trials", count_or_null(p->trials));
    json_object_set_new(o, "participants", count_or_null(p->participants));
    json_object_set_new(o, "certainty", text_or_null(p->certainty));
    json_object_set_new(o, "direction", text_or_null(srw_direction_name(p->direction)));
    json_object_set_new(o, "source", text_or_null(p->source));
    if (c != NULL) {
        json_t *cmp = json_object();
        json_object_set_new(cmp, "status", text_or_null(srw_published_status_name(c->status)));
        json_object_set_new(cmp, "srw_trials", json_integer((json_int_t)c->srw_trials));
        json_object_set_new(cmp, "srw_estimate", srw_json_number(c->srw_estimate));
        json_object_set_new(cmp, "srw_ci_lower", srw_json_number(c->srw_ci_lower));
        json_object_set_new(cmp, "srw_ci_upper", srw_json_number(c->srw_ci_upper));
        json_object_set_new(cmp, "reason", json_string(c->reason));
        json_object_set_new(o, "comparison", cmp);
    }
    return o;
}

json_t *srw_report_grade_json(const srw_grade *g)
{
    json_t *j = json_object();
    json_object_set_new(j, "certainty", json_string(srw_certainty_name(g->certainty)));
    json_t *doms = json_object();
    for (int k = 0; k < SRW_GRADE_N; k++) {
        const srw_grade_step *st = &g->steps[k];
        json_t *s = json_object();
        json_object_set_new(s, "computed", json_integer(st->computed));
        json_object_set_new(s, "downgrade", json_integer(st->downgrade));
        json_object_set_new(s, "assessable", json_boolean(st->assessable));
        json_object_set_new(s, "overridden", json_boolean(st->overridden));
        json_object_set_new(s, "reason", json_string(st->reason));
        if (st->overridden)
            json_object_set_new(s, "override_reason", json_string(st->override_reason ? st->override_reason : ""));
        json_object_set_new(doms, srw_grade_domain_key((srw_grade_domain)k), s);
    }
    json_object_set_new(j, "domains", doms);
    return j;
}

void srw_report_assessment_json(json_t *j, const srw_assessment *a)
{
    json_object_set_new(j, "primary", json_boolean(a->primary));
    if (a->analysed) {
        json_t *mid = json_object();
        json_object_set_new(mid, "value", srw_json_number(a->mid.value));
        json_object_set_new(mid, "source", json_string(srw_mid_source_key(a->mid.source)));
        json_object_set_new(mid, "text", json_string(a->mid.text));
        json_object_set_new(j, "mid", mid);
    } else {
        json_object_set_new(j, "mid", json_null());
    }
    json_object_set_new(j, "grade", a->graded ? srw_report_grade_json(&a->grade) : json_null());
    json_object_set_new(j, "statement", a->statement[0] ? json_string(a->statement) : json_null());
    json_object_set_new(j, "effect_size", json_string(srw_effect_size_key(a->size)));
    json_object_set_new(j, "importance", text_or_null(srw_importance_name(a->importance)));
    if (a->analysed) {
        /* Every threshold on the analysis scale, each with where it came from. */
        const srw_thresholds *t = &a->mid.thresholds;
        json_t *th = json_object();
        json_object_set_new(th, "important_down", srw_json_number(t->important_down));
        json_object_set_new(th, "important_up", srw_json_number(t->important_up));
        json_object_set_new(th, "moderate_down", srw_json_number(t->moderate_down));
        json_object_set_new(th, "moderate_up", srw_json_number(t->moderate_up));
        json_object_set_new(th, "large_down", srw_json_number(t->large_down));
        json_object_set_new(th, "large_up", srw_json_number(t->large_up));
        json_object_set_new(th, "important_source", json_string(srw_mid_source_key(a->mid.source)));
        json_object_set_new(th, "important_text", json_string(a->mid.text));
        json_object_set_new(th, "large_source", json_string(srw_mid_source_key(a->mid.large_from)));
        json_object_set_new(th, "large_text", json_string(a->mid.large_text));
        json_object_set_new(j, "thresholds", th);
    }
    if (a->graded && a->grade.upgrade > 0) {
        json_object_set_new(j, "upgrade", json_integer(a->grade.upgrade));
        json_object_set_new(j, "upgrade_reason", json_string(a->grade.upgrade_reason ? a->grade.upgrade_reason : ""));
    }
    if (a->review.present) {
        const srw_assess_review_grade *r = &a->review;
        json_t *rv = json_object(), *doms = json_object();
        json_object_set_new(rv, "certainty", json_string(srw_certainty_name(r->certainty)));
        for (int k = 0; k < SRW_GRADE_N; k++) {
            json_t *dj = json_object();
            json_object_set_new(dj, "downgrade", r->downgrade[k] >= 0 ? json_integer(r->downgrade[k]) : json_null());
            json_object_set_new(dj, "reason", text_or_null(r->reason[k]));
            json_object_set_new(dj, "differs", json_boolean(r->differs[k]));
            json_object_set_new(doms, srw_grade_domain_key((srw_grade_domain)k), dj);
        }
        json_object_set_new(rv, "domains", doms);
        json_object_set_new(rv, "source", text_or_null(r->source));
        json_object_set_new(rv, "differs", json_boolean(r->certainty_differs));
        json_object_set_new(rv, "text", json_string(r->text));
        json_object_set_new(j, "review_grade", rv);
    }
    if (!a->graded)
        json_object_set_new(j, "grade_note",
                            json_string(a->analysed ? a->grade_error : a->analysis_error.message));
    if (!a->decided)
        return;
    const srw_assess_verdict *v = &a->verdict;
    json_object_set_new(j, "verdict", json_string(srw_verdict_key(v->verdict.verdict)));
    json_object_set_new(j, "verdict_text", json_string(srw_verdict_name(v->verdict.verdict)));
    json_object_set_new(j, "verdict_reason", json_string(v->verdict.reason));
    json_object_set_new(j, "basis", text_or_null(srw_basis_key(v->basis)));
    json_object_set_new(j, "basis_text", json_string(v->basis_text));
    json_object_set_new(j, "certainty_source", v->certainty_source[0] ? json_string(v->certainty_source) : json_null());
    json_object_set_new(j, "primary_prespecified", json_boolean(v->prespecified));
    json_object_set_new(j, "primary_note", json_string(v->primary_note));
}
