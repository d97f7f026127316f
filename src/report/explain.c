/* `srw explain`: the walk-through of one outcome's analysis (see
 * include/srw/explain.h).  This file lays out the head and orders the
 * steps (explain_steps.h); the steps lay out what the assessment and its
 * trace hold. */
#include "report/explain_steps.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The formats, one table: names for --format, its help and its errors. */
static const char *const formats[] = {[SRW_EXPLAIN_TEXT] = "text", [SRW_EXPLAIN_MD] = "md",
                                      [SRW_EXPLAIN_HTML] = "html"};

const char *srw_explain_format_name(srw_explain_format f)
{
    return (unsigned)f < sizeof formats / sizeof formats[0] ? formats[f] : NULL;
}

int srw_explain_format_parse(srw_explain_format *out, const char *s)
{
    for (size_t i = 0; s != NULL && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i]) == 0) {
            *out = (srw_explain_format)i;
            return 0;
        }
    return -1;
}

const char *srw_explain_formats_text(void)
{
    return "text, md or html";
}

const srw_study_row *ex_row_of(const ex_ctx *c, size_t i)
{
    return c->d != NULL && i < c->d->set.k ? &c->d->set.rows[i] : NULL;
}

const char *ex_disp(ex_ctx *c, double v)
{
    if (!c->ratio || !isfinite(v))
        return "";
    char *s = c->x->lit[c->x->lit_at];
    c->x->lit_at = (c->x->lit_at + 1) % (int)(sizeof c->x->lit / sizeof c->x->lit[0]);
    snprintf(s, sizeof c->x->lit[0], "  (%s %s)", c->m, ex_n(c->x, exp(v)));
    return s;
}

const char *ex_disp2(ex_ctx *c, double lo, double hi)
{
    if (!c->ratio || !isfinite(lo) || !isfinite(hi))
        return "";
    char *s = c->x->lit[c->x->lit_at];
    c->x->lit_at = (c->x->lit_at + 1) % (int)(sizeof c->x->lit / sizeof c->x->lit[0]);
    snprintf(s, sizeof c->x->lit[0], "  (%s %s to %s)", c->m, ex_n(c->x, exp(lo)), ex_n(c->x, exp(hi)));
    return s;
}

static void head(ex_ctx *c, const srw_explain_request *req)
{
    ex_doc *x = c->x;
    const srw_assessment *a = c->a;
    const char *use = req && req->use ? req->use : c->d ? c->d->use : "";
    ex_para(x, "How srw reaches each number of this outcome's analysis, GRADE assessment and verdict, step by step. "
               "Every number is the one srw analyse computes (the same library call, the assessment of "
               "srw\\_assess\\_outcome); the working shows the numbers that went into it, rounded to %d significant "
               "digits for reading. The computation carries them unrounded, so redoing a line by hand from the "
               "rounded numbers can differ in the last digit.",
            EX_SIG);
    ex_para(x, "Reproduce it: srw analyse --use '%s' --outcome '%s'%s%s --json", ex_lit(x, use),
            ex_lit(x, a->outcome), req && req->options && *req->options ? " " : "",
            req && req->options ? ex_lit(x, req->options) : "");
    if (c->an == NULL)
        return;
    const srw_pool_options *o = &c->an->opts;
    const char *smd = o->measure != SRW_MEASURE_SMD ? ""
                      : o->smd == SRW_SMD_HEDGES    ? " (Hedges' g as RevMan computes it)"
                      : o->smd == SRW_SMD_COHEN     ? " (Cohen's d)"
                                                    : " (Hedges' g with the exact correction)";
    if (o->model == SRW_MODEL_RANDOM)
        ex_para(x, "Settings: profile %s; measure %s, %s%s; random effects, τ^2 by %s; %s confidence interval; "
                   "level %s.",
                srw_profile_name(o->profile), c->m, srw_measure_label(o->measure), smd, srw_tau2_method_name(o->tau2),
                o->ci == SRW_CI_HKSJ ? "Hartung-Knapp-Sidik-Jonkman (HKSJ)" : "Wald", c->level);
    else
        ex_para(x, "Settings: profile %s; measure %s, %s%s; fixed effect by %s; %s confidence interval; level %s.",
                srw_profile_name(o->profile), c->m, srw_measure_label(o->measure), smd,
                o->method == SRW_METHOD_MH ? "Mantel-Haenszel" : o->method == SRW_METHOD_PETO ? "Peto"
                                                                                            : "inverse variance",
                o->ci == SRW_CI_HKSJ ? "Hartung-Knapp-Sidik-Jonkman (HKSJ)" : "Wald", c->level);
    if (c->ratio)
        ex_para(x, "A %s is analysed on the natural log scale (its interval is symmetric there) and shown "
                   "exponentiated: each number below is on the log scale, with the %s itself in parentheses.",
                srw_measure_label(o->measure), c->m);
}

int srw_report_explain(srw_buf *out, const srw_assessment *a, const srw_trace *t, const srw_outcome_data *d,
                       const srw_explain_request *req, srw_explain_format f)
{
    ex_doc x;
    ex_init(&x, out, f);
    ex_ctx c;
    memset(&c, 0, sizeof c);
    c.x = &x;
    c.a = a;
    c.t = t;
    c.d = d;
    int analysed = a->analysed && t != NULL && t->filled && t->n_studies == a->analysis.n_studies;
    c.an = analysed ? &a->analysis : NULL;
    if (analysed) {
        c.ratio = srw_measure_is_ratio(a->analysis.opts.measure);
        c.m = srw_measure_name(a->analysis.opts.measure);
        snprintf(c.level, sizeof c.level, "%.10g%%", a->analysis.opts.level);
    }
    char title[800];
    snprintf(title, sizeof title, "srw explain: %s / %s", req && req->use ? req->use : d ? d->use : "",
             a->outcome);
    ex_begin(&x, title);
    head(&c, req);
    if (analysed) {
        const srw_pooled *p = &a->analysis.overall;
        ex_step_effects(&c);
        if (p->k > 0 && isfinite(p->estimate)) {
            ex_step_fixed(&c);
            ex_step_q(&c);
            if (a->analysis.opts.model == SRW_MODEL_RANDOM && p->k > 1)
                ex_step_tau2(&c);
            ex_step_pooled(&c);
            ex_step_ci(&c);
            ex_step_pi(&c);
            ex_step_heterogeneity(&c);
        } else {
            ex_step(&x, "The pooled estimate");
            ex_para(&x, "%s.", p->note ? p->note : "no pooled estimate");
        }
        ex_step_grade(&c);
    } else {
        ex_step(&x, "The data");
        ex_para(&x, "%s: there is no analysis to walk through, and the verdict below rests on what the review "
                    "published.",
                ex_lit(&x, a->analysis_error.message[0] ? a->analysis_error.message
                                                        : "srw holds no trial data for this outcome"));
    }
    ex_step_verdict(&c);
    ex_end(&x);
    return ex_finish(&x);
}
