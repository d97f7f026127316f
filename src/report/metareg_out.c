/* A meta-regression as text and as JSON (srw analyse): the fit core made
 * (srw/metareg.h), or the state it could not be made in, laid out. */
#include "srw/analysis_json.h"
#include "srw/analysis_text.h"
#include "srw/format.h"

#include <math.h>
#include <string.h>

static const char *test_name(const srw_metareg *m)
{
    return m->knha ? "knha" : "z";
}

static void json_num(json_t *o, const char *key, double x)
{
    json_object_set_new(o, key, srw_json_number(x));
}

void srw_report_metareg_json(json_t *j, const srw_assessment *a)
{
    if (!a->regressed && a->metareg_error.code == 0)
        return;
    json_t *mr = json_object(), *names = json_array();
    for (size_t i = 0; i < a->opts.n_moderators; i++)
        json_array_append_new(names, json_string(a->opts.moderators[i]));
    json_object_set_new(mr, "moderators", names);
    if (!a->regressed) {
        json_object_set_new(mr, "state", json_string("no_moderator"));
        json_object_set_new(mr, "reason", json_string(a->metareg_error.message));
        json_object_set_new(j, "meta_regression", mr);
        return;
    }
    const srw_metareg *m = &a->metareg;
    int ratio = srw_measure_is_ratio(a->analysis.opts.measure);
    json_object_set_new(mr, "state", json_string(srw_metareg_state_key(m->state)));
    json_object_set_new(mr, "reason", m->state == SRW_METAREG_OK ? json_null() : json_string(m->reason));
    json_object_set_new(mr, "model", json_string(srw_model_name(m->model)));
    json_object_set_new(mr, "tau2_method",
                        m->model == SRW_MODEL_RANDOM ? json_string(srw_tau2_method_name(m->tau2_method)) : json_null());
    json_object_set_new(mr, "test", json_string(test_name(m)));
    json_object_set_new(mr, "level", json_real(m->level));
    json_object_set_new(mr, "k", json_integer((json_int_t)m->k));
    json_object_set_new(mr, "k_missing", json_integer((json_int_t)m->k_missing));
    json_object_set_new(mr, "missing", m->k_missing ? json_string(m->missing) : json_null());
    json_t *coefs = json_array();
    for (size_t i = 0; i < m->p && m->coefs != NULL; i++) {
        const srw_metareg_coef *c = &m->coefs[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(c->name));
        json_num(o, "estimate", c->estimate);
        json_num(o, "se", c->se);
        json_num(o, "statistic", c->statistic);
        json_num(o, "df", c->df);
        json_num(o, "pvalue", c->pvalue);
        json_num(o, "ci_lower", c->ci_lower);
        json_num(o, "ci_upper", c->ci_upper);
        if (ratio) { /* the intercept a ratio at 0, a slope a ratio per unit */
            json_num(o, "estimate_exp", isfinite(c->estimate) ? exp(c->estimate) : NAN);
            json_num(o, "ci_lower_exp", isfinite(c->ci_lower) ? exp(c->ci_lower) : NAN);
            json_num(o, "ci_upper_exp", isfinite(c->ci_upper) ? exp(c->ci_upper) : NAN);
        }
        json_array_append_new(coefs, o);
    }
    json_object_set_new(mr, "coefficients", coefs);
    json_num(mr, "QM", m->QM);
    json_num(mr, "QM_df", m->QM_df);
    json_num(mr, "QM_df2", m->QM_df2);
    json_num(mr, "QM_pvalue", m->QM_pvalue);
    json_num(mr, "QE", m->QE);
    json_num(mr, "QE_df", m->QE_df);
    json_num(mr, "QE_pvalue", m->QE_pvalue);
    json_num(mr, "tau2", m->tau2);
    json_num(mr, "I2", m->I2);
    json_num(mr, "H2", m->H2);
    json_num(mr, "R2", m->R2);
    json_object_set_new(mr, "converged", json_boolean(m->converged));
    json_object_set_new(mr, "note", m->note ? json_string(m->note) : json_null());
    json_object_set_new(j, "meta_regression", mr);
}

int srw_report_metareg_text(FILE *f, const srw_assessment *a)
{
    if (!a->regressed && a->metareg_error.code == 0)
        return 0;
    char names[400] = "";
    for (size_t i = 0; i < a->opts.n_moderators; i++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", a->opts.moderators[i]);
    }
    fputc('\n', f);
    if (!a->regressed) {
        fprintf(f, "Meta-regression on %s: not fitted: %s\n", names, a->metareg_error.message);
        return ferror(f) ? SRW_EIO : 0;
    }
    const srw_metareg *m = &a->metareg;
    if (m->state != SRW_METAREG_OK) {
        fprintf(f, "Meta-regression on %s: not fitted: %s\n", names, m->reason);
        return ferror(f) ? SRW_EIO : 0;
    }
    const srw_pool_options *o = &a->analysis.opts;
    int ratio = srw_measure_is_ratio(o->measure);
    char level[40], df[32] = "", head[200];
    snprintf(level, sizeof level, "%.10g%%", m->level);
    if (m->knha)
        snprintf(df, sizeof df, "t(%.0f)", m->QE_df);
    fprintf(f, "Meta-regression of %s%s on %s: %s effect%s%s%s, %s tests, %zu studies", ratio ? "log " : "",
            srw_measure_name(o->measure), names, srw_model_name(m->model),
            m->model == SRW_MODEL_RANDOM ? " (tau\xc2\xb2 " : "",
            m->model == SRW_MODEL_RANDOM ? srw_tau2_method_name(m->tau2_method) : "",
            m->model == SRW_MODEL_RANDOM ? ")" : "", m->knha ? "Knapp-Hartung t and F" : "z and chi\xc2\xb2", m->k);
    if (m->k_missing)
        fprintf(f, " (%zu without a value left out: %s)", m->k_missing, m->missing);
    fputc('\n', f);
    snprintf(head, sizeof head, "%-28s %10s %9s %8s %9s  %s [%s CI]", "Coefficient", "Estimate", "SE",
             m->knha ? df : "z", "P", ratio ? "Ratio" : "Estimate", level);
    fprintf(f, "%s\n", head);
    for (size_t i = 0; i < m->p; i++) {
        const srw_metareg_coef *c = &m->coefs[i];
        char est[32], se[32], st[32], p[48], ci[96];
        srw_format_num(est, sizeof est, c->estimate, 4, SRW_FORMAT_TEXT);
        srw_format_num(se, sizeof se, c->se, 4, SRW_FORMAT_TEXT);
        srw_format_num(st, sizeof st, c->statistic, 2, SRW_FORMAT_TEXT);
        srw_format_p(p, sizeof p, c->pvalue, SRW_FORMAT_TEXT);
        const char *pv = strncmp(p, "P = ", 4) == 0 ? p + 4 : p; /* the column says P */
        srw_format_effect_ci(ci, sizeof ci, c->estimate, c->ci_lower, c->ci_upper, ratio, SRW_FORMAT_TEXT);
        fprintf(f, "%-28.28s %10s %9s %8s %9s  %s\n", c->name, est, se, st, pv, ci);
    }
    char qm[32], p[48], qe[32], pe[48], t2[32], i2[32], h2[32], r2[32];
    srw_format_num(qm, sizeof qm, m->QM, 2, SRW_FORMAT_TEXT);
    srw_format_p(p, sizeof p, m->QM_pvalue, SRW_FORMAT_TEXT);
    if (m->knha)
        fprintf(f, "Test of moderators: F(%.0f, %.0f) = %s (%s)\n", m->QM_df, m->QM_df2, qm, p);
    else
        fprintf(f, "Test of moderators: Chi\xc2\xb2 = %s, df = %.0f (%s)\n", qm, m->QM_df, p);
    srw_format_num(qe, sizeof qe, m->QE, 2, SRW_FORMAT_TEXT);
    srw_format_p(pe, sizeof pe, m->QE_pvalue, SRW_FORMAT_TEXT);
    srw_format_num(t2, sizeof t2, m->tau2, 4, SRW_FORMAT_TEXT);
    srw_format_num(i2, sizeof i2, m->I2, 0, SRW_FORMAT_TEXT);
    srw_format_num(h2, sizeof h2, m->H2, 2, SRW_FORMAT_TEXT);
    srw_format_num(r2, sizeof r2, m->R2, 0, SRW_FORMAT_TEXT);
    fprintf(f, "Residual heterogeneity: QE = %s, df = %.0f (%s); Tau\xc2\xb2 = %s; I\xc2\xb2 = %s%%; H\xc2\xb2 = %s", qe,
            m->QE_df, pe, t2, i2, h2);
    if (m->model == SRW_MODEL_RANDOM || isfinite(m->R2))
        fprintf(f, "; R\xc2\xb2 = %s%s", r2, isfinite(m->R2) ? "%" : "");
    fputc('\n', f);
    if (m->note != NULL)
        fprintf(f, "  %s\n", m->note);
    return ferror(f) ? SRW_EIO : 0;
}
