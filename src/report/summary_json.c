/* summary.json and manifest.json.  Numbers of the primary outcome's
 * analysis come from srw_report_analysis_json, the code path of
 * `srw analyse --json`. */
#include <math.h>

#include "report/doc.h"
#include "report/summary.h"
#include "srw/analysis_json.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *display(double x, int ratio)
{
    return srw_json_number(ratio && isfinite(x) ? exp(x) : x);
}

static json_t *robustness_json(const srw_robustness *r)
{
    if (!r->computed)
        return json_null();
    json_t *j = json_object(), *outs = json_array();
    json_object_set_new(j, "stands", json_boolean(r->stands));
    json_object_set_new(j, "sentence", json_string(r->sentence));
    for (size_t i = 0; i < r->n_outcomes; i++) {
        const srw_robustness_outcome *o = &r->outcomes[i];
        json_t *oj = json_object();
        json_object_set_new(oj, "outcome", json_string(o->outcome));
        json_object_set_new(oj, "primary", json_boolean(o->is_primary));
        json_object_set_new(oj, "certainty",
                            o->certainty != SRW_CERTAINTY_NONE ? json_string(srw_certainty_name(o->certainty)) : json_null());
        json_object_set_new(oj, "statement", json_string(o->statement));
        json_object_set_new(oj, "verdict", json_string(srw_verdict_key(o->verdict)));
        json_array_append_new(outs, oj);
    }
    json_object_set_new(j, "critical_outcomes", outs);
    json_t *pj = json_null(), *rj = json_null();
    if (r->profile_applies) {
        pj = json_object();
        json_object_set_new(pj, "profile", json_string(r->other_profile));
        json_object_set_new(pj, "verdict", json_string(srw_verdict_key(r->profile_verdict)));
        rj = json_object();
        json_object_set_new(rj, "studies_at_high_risk", json_integer((json_int_t)r->n_high_rob));
        json_object_set_new(rj, "verdict", json_string(srw_verdict_key(r->rob_verdict)));
    }
    json_object_set_new(j, "other_profile", pj);
    json_object_set_new(j, "without_high_risk_of_bias", rj);
    return j;
}

static json_t *use_json(const rp_use *u)
{
    json_t *j = json_object();
    json_object_set_new(j, "use", json_string(u->name));
    json_object_set_new(j, "verdict", json_string(srw_verdict_key(u->v.verdict.verdict)));
    json_object_set_new(j, "verdict_text", json_string(srw_verdict_name(u->v.verdict.verdict)));
    json_object_set_new(j, "reason", json_string(u->v.verdict.reason));
    json_object_set_new(j, "primary_outcome", str_or_null(u->info.primary_outcome));
    json_object_set_new(j, "basis", u->v.basis == SRW_BASIS_SRW         ? json_string("srw")
                                    : u->v.basis == SRW_BASIS_PUBLISHED ? json_string("published")
                                                                     : json_null());
    json_object_set_new(j, "basis_text", json_string(u->v.basis_text));
    json_object_set_new(j, "measure", str_or_null(u->v.basis != SRW_BASIS_NONE ? u->v.measure : NULL));
    json_object_set_new(j, "scale", json_string("display"));
    json_object_set_new(j, "estimate", display(u->v.estimate, u->v.ratio));
    json_object_set_new(j, "ci_lower", display(u->v.ci_lower, u->v.ratio));
    json_object_set_new(j, "ci_upper", display(u->v.ci_upper, u->v.ratio));
    json_object_set_new(j, "k", u->v.k >= 0 ? json_integer(u->v.k) : json_null());
    json_object_set_new(j, "participants", srw_json_number(u->v.participants));
    json_object_set_new(j, "certainty", u->v.certainty != SRW_CERTAINTY_NONE ? json_string(srw_certainty_name(u->v.certainty)) : json_null());
    json_object_set_new(j, "certainty_source", str_or_null(u->v.certainty_source[0] ? u->v.certainty_source : NULL));
    json_object_set_new(j, "mid", str_or_null(u->v.mid_text[0] ? u->v.mid_text : NULL));
    json_object_set_new(j, "statement", str_or_null(u->v.statement[0] ? u->v.statement : NULL));
    json_object_set_new(j, "effect_size", json_string(srw_effect_size_key(u->v.size)));
    json_object_set_new(j, "primary_prespecified", json_boolean(u->v.prespecified));
    json_object_set_new(j, "primary_note", json_string(u->v.primary_note));
    json_object_set_new(j, "living_update", json_string(u->living));
    json_object_set_new(j, "robustness", robustness_json(&u->robustness));
    json_t *grade = json_null(), *analysis = json_null();
    if (u->primary >= 0) {
        const rp_outcome *o = &u->outcomes[u->primary];
        if (o->as.graded && u->v.basis == SRW_BASIS_SRW) {
            json_decref(grade);
            grade = srw_report_grade_json(&o->as.grade);
        }
        if (o->as.analysed) {
            json_decref(analysis);
            analysis = srw_report_analysis_json(&o->as.analysis, o->as.pooled);
            if (analysis == NULL)
                analysis = json_null();
            else
                srw_report_sensitivity_json(analysis, &o->as);
        }
    }
    json_object_set_new(j, "grade", grade);
    json_object_set_new(j, "srw_analysis", analysis);
    if (u->v.basis_pub) {
        const srw_published *p = u->v.basis_pub;
        json_t *pj = json_object();
        json_object_set_new(pj, "review", json_string(p->review));
        json_object_set_new(pj, "version", str_or_null(p->version));
        json_object_set_new(pj, "measure", json_string(p->measure));
        json_object_set_new(pj, "estimate", srw_json_number(p->estimate));
        json_object_set_new(pj, "ci_lower", srw_json_number(p->ci_lower));
        json_object_set_new(pj, "ci_upper", srw_json_number(p->ci_upper));
        json_object_set_new(pj, "trials", p->trials >= 0 ? json_integer(p->trials) : json_null());
        json_object_set_new(pj, "participants", p->participants >= 0 ? json_integer(p->participants) : json_null());
        json_object_set_new(pj, "certainty", str_or_null(p->certainty));
        json_object_set_new(j, "published", pj);
    } else {
        json_object_set_new(j, "published", json_null());
    }
    return j;
}

/* The claims checked, as the report's index shows them. */
static json_t *claims_json(const rp_report *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_claims; i++) {
        const rp_claim *c = &r->claims[i];
        json_t *cj = json_object();
        json_object_set_new(cj, "claim", json_string(c->c.claim));
        json_object_set_new(cj, "use", json_string(c->c.use));
        json_object_set_new(cj, "asserts", json_string(c->c.asserts));
        json_object_set_new(cj, "outcome", str_or_null(c->outcome));
        json_object_set_new(cj, "source", json_string(c->c.source));
        json_object_set_new(cj, "evidence", json_string(c->j.evidence));
        json_object_set_new(cj, "agreement", json_string(srw_claim_agreement_key(c->j.agreement)));
        json_object_set_new(cj, "reason", json_string(c->j.reason));
        json_array_append_new(arr, cj);
    }
    return arr;
}

json_t *rp_summary_json(const rp_report *r)
{
    json_t *arr = json_array();
    if (arr == NULL)
        return NULL;
    for (size_t i = 0; i < r->n_uses; i++)
        json_array_append_new(arr, use_json(&r->uses[i]));
    json_t *j = json_object();
    json_object_set_new(j, "srw_version", json_string(SRW_VERSION));
    json_object_set_new(j, "profile", json_string(srw_profile_name(r->opts.pool.profile)));
    json_object_set_new(j, "uses", arr);
    json_object_set_new(j, "claims", claims_json(r));
    return j;
}

json_t *rp_manifest_json(const rp_report *r, const json_t *files)
{
    json_t *j = json_object();
    if (j == NULL)
        return NULL;
    json_object_set_new(j, "srw_version", json_string(SRW_VERSION));
    json_object_set_new(j, "profile", json_string(srw_profile_name(r->opts.pool.profile)));
    json_object_set_new(j, "use_filter", str_or_null(r->opts.use));
    const char *given_names[14];
    char given_values[14][64];
    size_t n_given = rp_given_settings(&r->opts.pool, given_names, given_values, 14);
    if (n_given > 0) { /* only when given: a default run's manifest is as it was */
        json_t *given = json_object();
        for (size_t m = 0; m < n_given; m++)
            json_object_set_new(given, given_names[m], json_string(given_values[m]));
        json_object_set_new(j, "options", given);
    }
    json_t *fmts = json_array();
    size_t n_formats;
    const rp_format *f = rp_formats(&n_formats);
    for (size_t i = 0; i < n_formats; i++)
        if (r->opts.formats & f[i].bit)
            json_array_append_new(fmts, json_string(f[i].name));
    json_object_set_new(j, "formats", fmts);
    json_object_set_new(j, "input_sha256", json_string(r->sha256));
    json_t *settings = json_array();
    for (size_t i = 0; i < r->n_uses; i++)
        for (size_t k = 0; k < r->uses[i].n_outcomes; k++) {
            const rp_outcome *o = &r->uses[i].outcomes[k];
            if (!o->as.analysed)
                continue;
            const char *names[12];
            char values[12][64];
            size_t n = rp_settings(&o->as.analysis.opts, names, values, 12);
            json_t *s = json_object();
            json_object_set_new(s, "use", json_string(r->uses[i].name));
            json_object_set_new(s, "outcome", json_string(o->name));
            for (size_t m = 0; m < n; m++)
                json_object_set_new(s, names[m], json_string(values[m]));
            json_object_set_new(s, "mid", json_string(o->as.mid.text));
            json_array_append_new(settings, s);
        }
    json_object_set_new(j, "settings", settings);
    json_object_set_new(j, "files", json_deep_copy(files));
    return j;
}
