/* The sensitivity analyses of an assessment as JSON (srw analyse --json,
 * the report's summary.json): see include/srw/analysis_json.h.  Keys as
 * issue 24's table names them; values on the analysis scale with _exp
 * twins for ratio measures; a number that does not exist is null, with the
 * note that says why. */
#include <math.h>
#include <stdio.h>

#include "srw/analysis_json.h"

static json_t *expo(double x)
{
    return srw_json_number(isfinite(x) ? exp(x) : NAN);
}

static json_t *note_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void num(json_t *o, const char *key, double x)
{
    json_object_set_new(o, key, srw_json_number(x));
}

/* key and, for a ratio, key_exp. */
static void effect(json_t *o, const char *key, double x, int ratio)
{
    num(o, key, x);
    if (ratio) {
        char k[64];
        snprintf(k, sizeof k, "%s_exp", key);
        json_object_set_new(o, k, expo(x));
    }
}

static json_t *fit_json(const srw_sens_fit *f, const srw_analysis *a, int with_k)
{
    int ratio = srw_measure_is_ratio(a->opts.measure);
    json_t *o = json_object();
    json_object_set_new(o, "study", json_string(a->studies[f->study].study));
    if (with_k)
        json_object_set_new(o, "k", json_integer((json_int_t)f->k));
    effect(o, "estimate", f->estimate, ratio);
    num(o, "se", f->se);
    num(o, "statistic", f->stat);
    num(o, "statistic_df", f->stat_df);
    num(o, "pvalue", f->pvalue);
    effect(o, "ci_lower", f->ci_lower, ratio);
    effect(o, "ci_upper", f->ci_upper, ratio);
    num(o, "Q", f->Q);
    num(o, "Q_pvalue", f->Q_pvalue);
    num(o, "tau2", f->tau2);
    num(o, "I2", f->I2);
    num(o, "I2_tau2", f->I2_tau2);
    num(o, "H2", f->H2);
    json_object_set_new(o, "note", note_or_null(f->note));
    return o;
}

static json_t *test_json(const srw_sens_test *t)
{
    json_t *o = json_object();
    num(o, "statistic", t->statistic);
    num(o, "df", t->df);
    num(o, "pvalue", t->pvalue);
    json_object_set_new(o, "note", note_or_null(t->note));
    return o;
}

static json_t *small_study_json(const srw_sensitivity *s, int ratio)
{
    json_t *o = json_object(), *e = json_object(), *b = json_object();
    const srw_egger *eg = &s->egger;
    num(e, "statistic", eg->stat);
    num(e, "df", eg->df);
    num(e, "pvalue", eg->pvalue);
    effect(e, "limit_estimate", eg->limit_estimate, ratio);
    effect(e, "limit_ci_lower", eg->limit_ci_lower, ratio);
    effect(e, "limit_ci_upper", eg->limit_ci_upper, ratio);
    num(e, "coefficient", eg->intercept); /* of the standard error: Egger's intercept */
    num(e, "coefficient_se", eg->se);
    json_object_set_new(e, "note", note_or_null(eg->note));
    json_object_set_new(o, "egger", e);
    num(b, "tau", s->begg.tau);
    num(b, "pvalue", s->begg.pvalue);
    json_object_set_new(b, "exact", s->begg.computed ? json_boolean(s->begg.exact) : json_null());
    json_object_set_new(b, "note", note_or_null(s->begg.note));
    json_object_set_new(o, "begg", b);
    json_object_set_new(o, "peters", test_json(&s->peters));
    json_object_set_new(o, "harbord", test_json(&s->harbord));
    return o;
}

static json_t *trim_fill_json(const srw_trim_fill *t, int ratio)
{
    json_t *o = json_object();
    json_object_set_new(o, "k0", t->computed ? json_integer((json_int_t)t->k0) : json_null());
    json_object_set_new(o, "side", t->side == SRW_TF_SIDE_AUTO ? json_null() : json_string(srw_tf_side_name(t->side)));
    json_object_set_new(o, "estimator", json_string(srw_tf_estimator_name(t->estimator)));
    effect(o, "estimate", t->estimate, ratio);
    num(o, "se", t->se);
    num(o, "statistic", t->stat);
    num(o, "statistic_df", t->stat_df);
    num(o, "pvalue", t->pvalue);
    effect(o, "ci_lower", t->ci_lower, ratio);
    effect(o, "ci_upper", t->ci_upper, ratio);
    num(o, "tau2", t->tau2);
    json_t *f = json_array();
    for (size_t i = 0; i < t->n_filled; i++) {
        json_t *x = json_object();
        effect(x, "estimate", t->filled_yi[i], ratio);
        num(x, "se", t->filled_se[i]);
        json_array_append_new(f, x);
    }
    json_object_set_new(o, "filled", f);
    json_object_set_new(o, "note", note_or_null(t->note));
    return o;
}

void srw_report_sensitivity_json(json_t *j, const srw_assessment *as)
{
    const srw_analysis *a = &as->analysis;
    if (as->order != NULL) {
        json_t *ord = json_array();
        for (size_t i = 0; i < a->n_studies; i++)
            json_array_append_new(ord, json_integer((json_int_t)as->order[i]));
        json_object_set_new(j, "sort", json_string(srw_study_order_name(as->opts.sens.sort)));
        json_object_set_new(j, "forest_order", ord);
    }
    const srw_sensitivity *s = &as->sens;
    if (!as->analysed || s->what == 0)
        return;
    int ratio = srw_measure_is_ratio(a->opts.measure);
    if (s->what & SRW_SENS_LEAVE_ONE_OUT) {
        json_t *arr = json_array();
        for (size_t i = 0; i < s->n_loo; i++)
            json_array_append_new(arr, fit_json(&s->loo[i], a, 0));
        json_object_set_new(j, "leave_one_out", arr);
    }
    if (s->what & SRW_SENS_CUMULATIVE) {
        json_t *arr = json_array();
        for (size_t i = 0; i < s->n_cumul; i++)
            json_array_append_new(arr, fit_json(&s->cumul[i], a, 1));
        json_object_set_new(j, "cumulative", arr);
        json_object_set_new(j, "cumulative_order", json_string(srw_study_order_name(s->order)));
    }
    if (s->what & SRW_SENS_INFLUENCE) {
        json_t *arr = json_array();
        for (size_t i = 0; i < s->n_infl; i++) {
            const srw_sens_influence *r = &s->infl[i];
            json_t *o = json_object();
            json_object_set_new(o, "study", json_string(a->studies[r->study].study));
            num(o, "rstudent", r->rstudent);
            num(o, "dffits", r->dffits);
            num(o, "cook_d", r->cook_d);
            num(o, "cov_r", r->cov_r);
            num(o, "tau2_del", r->tau2_del);
            num(o, "QE_del", r->QE_del);
            num(o, "hat", r->hat);
            num(o, "weight", r->weight);
            num(o, "dfbetas", r->dfbetas);
            json_object_set_new(o, "influential", json_boolean(r->influential));
            json_object_set_new(o, "note", note_or_null(r->note));
            json_array_append_new(arr, o);
        }
        json_object_set_new(j, "influence", arr);
    }
    if (s->what & SRW_SENS_SMALL_STUDY)
        json_object_set_new(j, "small_study", small_study_json(s, ratio));
    if (s->what & SRW_SENS_TRIM_FILL)
        json_object_set_new(j, "trim_fill", trim_fill_json(&s->trim_fill, ratio));
    json_t *c = json_object();
    json_object_set_new(c, "changes", s->conclusion.judged ? json_boolean(s->conclusion.changes) : json_null());
    json_object_set_new(c, "text", json_string(s->conclusion.sentence));
    if (s->note)
        json_object_set_new(c, "note", json_string(s->note));
    json_object_set_new(j, "sensitivity_conclusion", c);
}
