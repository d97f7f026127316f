/* Steps 2 to 4 of an explanation: the fixed-effect fit of the chosen
 * method (its weights and sums), Cochran's Q centred on it, and tau^2 by
 * the chosen estimator (its closed form, or its iterations) with the
 * Q-profile interval.  Lays out what the trace recorded; computes nothing. */
#include "report/explain_steps.h"

#include <math.h>
#include <stdio.h>

static int estimable(const ex_ctx *c, size_t i)
{
    return c->an->studies[i].estimable;
}

/* Inverse variance: the weights table and the two sums. */
static void iv(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    static const char *const head[] = {"Study", "y_i", "v_i", "w_i = 1/v_i"};
    ex_table(x, 4, head);
    for (size_t i = 0; i < c->an->n_studies; i++) {
        if (!estimable(c, i))
            continue;
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        const char *row[] = {name, ex_n(x, c->an->studies[i].yi), ex_n(x, t->studies[i].v),
                             ex_n(x, t->studies[i].w_iv)};
        ex_row(x, row);
    }
    ex_table_end(x);
    ex_eq(x, "Σw_i = %s,   Σw_i·y_i = %s", ex_n(x, t->sum_w), ex_n(x, t->sum_wy));
}

/* Mantel-Haenszel or Peto: each study's weight in the method, and the sums
 * its estimate and variance are made of. */
static void mh(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pool_options *o = &c->an->opts;
    int peto = o->method == SRW_METHOD_PETO;
    const char *wname = peto ? "V_i" : o->measure == SRW_MEASURE_OR ? "b_i·c_i/N_i"
                                     : o->measure == SRW_MEASURE_RR ? "c_i·n_{1i}/N_i"
                                                                    : "n_{1i}·n_{2i}/N_i";
    char wh[64];
    snprintf(wh, sizeof wh, "weight %s", wname);
    const char *head[] = {"Study", "a", "b", "c", "d", wh};
    ex_table(x, 6, head);
    for (size_t i = 0; i < c->an->n_studies; i++) {
        if (!estimable(c, i))
            continue;
        const srw_study_row *r = ex_row_of(c, i);
        const srw_effect_detail *e = &t->studies[i].effect;
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        /* The cells the sums took: the corrected ones under revman5, else
         * the counts as reported. */
        int corr = t->studies[i].mh_corrected || r == NULL;
        const char *row[] = {name,
                             ex_g(x, corr ? e->a : r->exp_events),
                             ex_g(x, corr ? e->b : r->exp_total - r->exp_events),
                             ex_g(x, corr ? e->c : r->ctl_events),
                             ex_g(x, corr ? e->d : r->ctl_total - r->ctl_events),
                             ex_n(x, t->studies[i].w_fixed)};
        ex_row(x, row);
    }
    ex_table_end(x);
    const double *s = t->mh;
    if (peto) {
        ex_res(x, "fixed-effect estimate", "ln OR_P = Σ(O − E)_i / ΣV_i = %s / %s = %s%s", ex_n(x, s[0]),
               ex_n(x, s[1]), ex_n(x, t->fe), ex_disp(c, t->fe));
        ex_eq(x, "Var(ln OR_P) = 1/ΣV_i = 1/%s = %s", ex_n(x, s[1]), ex_n(x, t->fe_var));
        return;
    }
    switch (o->measure) {
    case SRW_MEASURE_OR:
        ex_eq(x, "R = Σa_i·d_i/N_i = %s,   S = Σb_i·c_i/N_i = %s", ex_n(x, s[0]), ex_n(x, s[1]));
        ex_res(x, "fixed-effect estimate", "ln OR_{MH} = ln(R/S) = ln(%s / %s) = %s%s", ex_n(x, s[0]),
               ex_n(x, s[1]), ex_n(x, t->fe), ex_disp(c, t->fe));
        ex_para(x, "Its variance (Robins, Breslow & Greenland 1986), with P_i = (a_i + d_i)/N_i and Q_i = (b_i + "
                   "c_i)/N_i:");
        ex_eq(x, "Var = ½[ΣP_i·R_i/R^2 + Σ(P_i·S_i + Q_i·R_i)/(R·S) + ΣQ_i·S_i/S^2] = ½[%s/%s^2 + %s/(%s × %s) + "
                 "%s/%s^2] = %s",
              ex_n(x, s[2]), ex_n(x, s[0]), ex_n(x, s[3]), ex_n(x, s[0]), ex_n(x, s[1]), ex_n(x, s[4]),
              ex_n(x, s[1]), ex_n(x, t->fe_var));
        break;
    case SRW_MEASURE_RR:
        ex_eq(x, "R = Σa_i·n_{2i}/N_i = %s,   S = Σc_i·n_{1i}/N_i = %s", ex_n(x, s[0]), ex_n(x, s[1]));
        ex_res(x, "fixed-effect estimate", "ln RR_{MH} = ln(R/S) = ln(%s / %s) = %s%s", ex_n(x, s[0]),
               ex_n(x, s[1]), ex_n(x, t->fe), ex_disp(c, t->fe));
        ex_eq(x, "Var = Σ(n_{1i}·n_{2i}·(a_i + c_i) − a_i·c_i·N_i)/N_i^2 / (R·S) = %s / (%s × %s) = %s",
              ex_n(x, s[2]), ex_n(x, s[0]), ex_n(x, s[1]), ex_n(x, t->fe_var));
        break;
    default: /* RD */
        ex_eq(x, "Σ(a_i·n_{2i} − c_i·n_{1i})/N_i = %s,   W = Σn_{1i}·n_{2i}/N_i = %s", ex_n(x, s[0]),
              ex_n(x, s[1]));
        ex_res(x, "fixed-effect estimate", "RD_{MH} = %s / %s = %s", ex_n(x, s[0]), ex_n(x, s[1]), ex_n(x, t->fe));
        if (t->mh_gr)
            ex_eq(x, "Var (Greenland & Robins 1985, as RevMan 5) = Σ(a_i·b_i·n_{2i}^3 + c_i·d_i·n_{1i}^3)/(n_{1i}·"
                     "n_{2i}·N_i^2) / W^2 = %s / %s^2 = %s",
                  ex_n(x, s[2]), ex_n(x, s[1]), ex_n(x, t->fe_var));
        else
            ex_eq(x, "Var (Sato, Greenland & Robins 1989, as metafor) = (RD·P + Q)/W^2 with P = %s, Q = %s: "
                     "(%s × %s + %s)/%s^2 = %s",
                  ex_n(x, s[2]), ex_n(x, s[3]), ex_np(x, t->fe), ex_np(x, s[2]), ex_n(x, s[3]), ex_n(x, s[1]),
                  ex_n(x, t->fe_var));
        break;
    }
}

void ex_step_fixed(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pool_options *o = &c->an->opts;
    int random = o->model == SRW_MODEL_RANDOM && c->an->overall.k > 1;
    const char *method = o->method == SRW_METHOD_MH     ? "Mantel-Haenszel"
                         : o->method == SRW_METHOD_PETO ? "Peto"
                                                        : "inverse-variance";
    char title[120];
    snprintf(title, sizeof title, "The %s fixed-effect estimate", method);
    ex_step(x, title);
    if (o->method == SRW_METHOD_MH)
        ex_source(x, "%s, \"Mantel-Haenszel methods\"; %s, 10.4.1 (Mantel-Haenszel methods); Greenland S, Robins "
                     "JM 1985; Robins J, Breslow N, Greenland S 1986; Sato T, Greenland S, Robins JM 1989.",
                  EX_RM5, EX_HB);
    else if (o->method == SRW_METHOD_PETO)
        ex_source(x, "%s, \"Peto odds ratio\"; %s, 10.4.2 (the Peto odds ratio method).", EX_RM5, EX_HB);
    else
        ex_source(x, "%s, \"Inverse variance methods\"; %s, 10.3.1 (the inverse-variance fixed-effect method).",
                  EX_RM5, EX_HB);
    if (random)
        ex_para(x, "A random-effects analysis starts from the fixed-effect fit: Cochran's Q (next step) is centred "
                   "on it, as RevMan centres it on the estimate of the method chosen (here %s).",
                method);
    if (o->method == SRW_METHOD_IV) {
        ex_para(x, "Each study is weighted by its precision, w_i = 1/v_i, and the estimate is the weighted mean:");
        ex_eq(x, "μ_F = Σw_i·y_i / Σw_i,   Var(μ_F) = 1/Σw_i");
        iv(c);
        ex_res(x, "fixed-effect estimate", "μ_F = %s / %s = %s%s", ex_n(x, t->sum_wy), ex_n(x, t->sum_w),
               ex_n(x, t->fe), ex_disp(c, t->fe));
        ex_eq(x, "Var(μ_F) = 1/%s = %s", ex_n(x, t->sum_w), ex_n(x, t->fe_var));
    } else {
        ex_para(x, "%s weights each study's 2×2 table rather than its variance, which behaves better when events "
                   "are few.",
                method);
        mh(c);
        if (random)
            ex_para(x, "Q and DL still use the inverse-variance sums Σw_i = %s and Σw_i^2 = %s (w_i = 1/v_i).",
                    ex_n(x, t->sum_w), ex_n(x, t->sum_w2));
    }
}

void ex_step_q(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace *t = c->t;
    const srw_pooled *p = &c->an->overall;
    ex_step(x, "Cochran's Q: do the studies agree more than chance allows?");
    ex_source(x, "%s, \"Heterogeneity\"; %s, 10.10.2 (identifying and measuring heterogeneity).", EX_RM5, EX_HB);
    if (p->k < 2) {
        ex_para(x, "Not applicable: with one study there is nothing to compare it with (k = 1).");
        return;
    }
    ex_para(x, "Q adds up each study's squared distance from the fixed-effect estimate, in units of its own "
               "variance. If the studies estimate one common effect, Q follows a χ^2 distribution on k − 1 degrees "
               "of freedom, so Q much larger than k − 1 signals heterogeneity.");
    ex_eq(x, "Q = Σ(y_i − μ_F)^2 / v_i");
    static const char *const head[] = {"Study", "y_i", "(y_i − μ_F)^2/v_i"};
    ex_table(x, 3, head);
    for (size_t i = 0; i < c->an->n_studies; i++) {
        if (!estimable(c, i))
            continue;
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        const char *row[] = {name, ex_n(x, c->an->studies[i].yi), ex_n(x, t->studies[i].q_term)};
        ex_row(x, row);
    }
    ex_table_end(x);
    ex_para(x, "with μ_F = %s; Q is the column's sum:", ex_n(x, t->fe));
    ex_res(x, "Q", "Q = Σ(y_i − μ_F)^2/v_i = %s", ex_n(x, p->Q));
    ex_res(x, "Q df", "df = k − 1 = %zu − 1 = %s", p->k, ex_g(x, p->Q_df));
    ex_res(x, "Q p-value", "P(χ^2_{%s} ≥ %s) = %s", ex_g(x, p->Q_df), ex_n(x, p->Q), ex_n(x, p->Q_pvalue));
}

/* An iteration table: Fisher scoring or a root search. */
static void iterations(ex_ctx *c, const srw_trace_iters *it, int scoring)
{
    ex_doc *x = c->x;
    static const char *const fisher[] = {"Step", "τ^2", "score", "information", "score/information",
                                         "halved", "next τ^2", "change"};
    static const char *const root[] = {"Step", "τ^2", "Q(τ^2) − target", "−dQ/dτ^2", "Newton step",
                                       "bisected", "next τ^2", "change"};
    ex_table(x, 8, scoring ? fisher : root);
    for (size_t j = 0; j < it->n; j++) {
        const srw_trace_iter *s = &it->items[j];
        char step[16], halved[16];
        snprintf(step, sizeof step, "%d", s->step);
        if (scoring)
            snprintf(halved, sizeof halved, "%d", s->halvings);
        else
            snprintf(halved, sizeof halved, "%s", s->halvings ? "yes" : "no");
        const char *row[] = {step, ex_n(x, s->tau2), ex_n(x, s->score), ex_n(x, s->info), ex_n(x, s->step_size),
                             halved, ex_n(x, s->next), ex_n(x, s->change)};
        ex_row(x, row);
    }
    ex_table_end(x);
}

/* What tau^2 is, under every estimator's source. */
static void intro(ex_ctx *c)
{
    ex_para(c->x, "A random-effects model lets each study estimate its own true effect, spread around μ with "
                  "variance τ^2 (the between-study variance). τ^2 is estimated first; the pooled estimate then "
                  "weights each study by 1/(v_i + τ^2).");
}

static void estimator(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_trace_tau2 *tt = &c->t->tau2;
    const srw_pooled *p = &c->an->overall;
    const srw_pool_options *o = &c->an->opts;
    switch (o->tau2) {
    case SRW_TAU2_DL:
        ex_source(x, "%s; %s, \"Random effects\"; %s, 10.3.2 (random-effects methods).", EX_DL, EX_RM5, EX_HB);
        intro(c);
        ex_para(x, "DerSimonian and Laird's method of moments sets Q equal to its expectation:");
        ex_eq(x, "τ^2 = max(0, (Q − (k − 1)) / C),   C = Σw_i − Σw_i^2/Σw_i,   w_i = 1/v_i");
        ex_eq(x, "C = %s − %s/%s = %s", ex_n(x, tt->dl_sw), ex_n(x, tt->dl_sw2), ex_n(x, tt->dl_sw), ex_n(x, tt->dl_c));
        ex_res(x, "τ²", "max(0, (%s − %s)/%s) = max(0, %s) = %s", ex_n(x, p->Q), ex_g(x, p->Q_df), ex_n(x, tt->dl_c),
               ex_n(x, tt->raw), ex_n(x, p->tau2));
        return;
    case SRW_TAU2_HE:
        ex_source(x, "%s (the Hedges estimator).", EX_V2005);
        intro(c);
        ex_para(x, "Hedges' method of moments on the unweighted residuals:");
        ex_eq(x, "τ^2 = max(0, (Σ(y_i − ȳ)^2 − ((k − 1)/k)·Σv_i) / (k − 1)),   ȳ = Σy_i/k");
        ex_eq(x, "ȳ = %s,   Σ(y_i − ȳ)^2 = %s,   Σv_i = %s", ex_n(x, tt->ybar), ex_n(x, tt->rss), ex_n(x, tt->sum_v));
        ex_res(x, "τ²", "max(0, (%s − (%zu/%zu) × %s) / %zu) = max(0, %s) = %s", ex_n(x, tt->rss), p->k - 1, p->k,
               ex_n(x, tt->sum_v), p->k - 1, ex_n(x, tt->raw), ex_n(x, p->tau2));
        return;
    case SRW_TAU2_SJ:
        ex_source(x, "Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. J R Stat "
                     "Soc C 2005;54:367-384.");
        intro(c);
        ex_para(x, "Sidik and Jonkman start from the spread of the effects and rescale it by the generalised Q:");
        ex_eq(x, "τ_0^2 = Σ(y_i − ȳ)^2/k,   τ^2 = max(0, τ_0^2·Q(τ_0^2)/(k − 1)),   Q(τ^2) = Σ(y_i − μ(τ^2))^2/(v_i + τ^2)");
        ex_eq(x, "ȳ = %s,   τ_0^2 = %s/%zu = %s,   Q(τ_0^2) = %s", ex_n(x, tt->ybar), ex_n(x, tt->rss), p->k,
              ex_n(x, tt->sj_t0), ex_n(x, tt->sj_q));
        ex_res(x, "τ²", "max(0, %s × %s/%zu) = max(0, %s) = %s", ex_n(x, tt->sj_t0), ex_n(x, tt->sj_q), p->k - 1,
               ex_n(x, tt->raw), ex_n(x, p->tau2));
        return;
    case SRW_TAU2_PM:
        ex_source(x, "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand "
                     "1982;87:377-385; %s, rma.uni(method = \"PM\").",
                  EX_MF);
        intro(c);
        ex_para(x, "Paule and Mandel choose the τ^2 at which the generalised Q equals its expectation, k − 1:");
        ex_eq(x, "Q(τ^2) = Σ(y_i − μ(τ^2))^2/(v_i + τ^2) = k − 1,   μ(τ^2) = Σw_i·y_i/Σw_i,   w_i = 1/(v_i + τ^2)");
        ex_eq(x, "Q(0) = %s,   target k − 1 = %s", ex_n(x, tt->q0), ex_g(x, tt->target));
        if (tt->q0 < tt->target) {
            ex_para(x, "Q(0) is already below k − 1: no τ^2 ≥ 0 solves it.");
            ex_res(x, "iterations", "steps taken = %d", p->iterations);
            ex_res(x, "τ²", "τ^2 = %s", ex_n(x, p->tau2));
            return;
        } else {
            ex_para(x, "The root is found by Newton's method on 1/Q(τ^2) − 1/(k − 1) (step (Q − target)·Q/(target·S), "
                       "S = −dQ/dτ^2), kept inside the bracket [0, %s] by bisection; it stops when a step is within "
                       "%g of τ^2, relatively.",
                    ex_n(x, tt->bracket_hi), o->tol);
            iterations(c, &tt->iters, 0);
        }
        break;
    default: {
        const char *name = o->tau2 == SRW_TAU2_REML ? "restricted maximum likelihood (REML)"
                           : o->tau2 == SRW_TAU2_ML ? "maximum likelihood (ML)"
                                                    : "the empirical Bayes estimator (EB, Morris 1983)";
        ex_source(x, "%s (Fisher scoring); %s, rma.uni; %s, 10.10.4.4 (implementing random-effects "
                     "meta-analyses).",
                  EX_V2005, EX_MF, EX_HB);
        intro(c);
        ex_para(x, "τ^2 by %s has no closed form: Fisher scoring starts from the Hedges estimate and repeats "
                   "τ^2 ← τ^2 + score/information until the change is within %g of τ^2 (relatively). With w_i = "
                   "1/(v_i + τ^2), μ = Σw_i·y_i/Σw_i and r_i = y_i − μ:",
                name, o->tol);
        if (o->tau2 == SRW_TAU2_REML)
            ex_eq(x, "score = Σw_i^2·r_i^2 − tr P,   information = tr(PP),   tr P = Σw_i − Σw_i^2/Σw_i,   "
                     "tr(PP) = Σw_i^2 − 2Σw_i^3/Σw_i + (Σw_i^2/Σw_i)^2");
        else if (o->tau2 == SRW_TAU2_ML)
            ex_eq(x, "score = Σw_i^2·r_i^2 − Σw_i,   information = Σw_i^2");
        else
            ex_eq(x, "score = (k/(k − 1))·Σw_i·r_i^2 − k,   information = Σw_i");
        ex_para(x, "Start: the Hedges estimate %s, truncated at 0: %s. A step that would make τ^2 negative is "
                   "halved until it does not; when the score at 0 points below 0 the maximum is the boundary and "
                   "τ^2 = 0.",
                ex_n(x, tt->start_raw), ex_n(x, fmax(0.0, tt->start_raw)));
        iterations(c, &tt->iters, 1);
        if (tt->boundary)
            ex_para(x, "The last step would have crossed 0 with the score at 0 pointing below it: τ^2 = 0, the "
                       "boundary.");
        if (isfinite(tt->ll_drop))
            ex_para(x, "metafor's check of the likelihood at τ^2 = 0 (ll(0) − ll(τ^2) = %s): %s", ex_n(x, tt->ll_drop),
                    tt->ll0 ? "higher at 0, so the scoring found a local maximum and τ^2 = 0 is reported."
                            : "not higher at 0, the result stands.");
        break;
    }
    }
    ex_res(x, "iterations", "steps taken = %d", p->iterations);
    if (tt->ll0 || tt->boundary || tt->iters.n == 0)
        ex_res(x, "τ²", "τ^2 = %s", ex_n(x, p->tau2));
    else
        ex_res(x, "τ²", "τ^2 = the last step's next τ^2 = %s", ex_n(x, p->tau2));
}

void ex_step_tau2(ex_ctx *c)
{
    ex_doc *x = c->x;
    const srw_pooled *p = &c->an->overall;
    const srw_trace_qprofile *qp = &c->t->qp;
    char title[120];
    snprintf(title, sizeof title, "The between-study variance τ² (%s)", srw_tau2_method_name(c->an->opts.tau2));
    ex_step(x, title);
    estimator(c);
    ex_res(x, "τ", "τ = √τ^2 = √%s = %s", ex_n(x, p->tau2), ex_n(x, p->tau));
    if (!p->converged)
        ex_para(x, "The estimator did not converge within %d iterations: the last value is reported.",
                c->an->opts.max_iter);
    if (!qp->computed)
        return;
    ex_sub(x, "Its confidence interval (Q-profile)");
    ex_source(x, "%s; %s, confint(type = \"QP\").", EX_V2007, EX_MF);
    ex_para(x, "The interval holds the τ^2 at which the generalised Q(τ^2) reaches the χ^2_{k−1} quantiles: the "
               "lower bound solves Q(τ^2) = χ^2_{k−1, 1−α/2}, the upper Q(τ^2) = χ^2_{k−1, α/2}; Q(τ^2) falls as "
               "τ^2 grows.");
    ex_eq(x, "the χ^2 quantiles on %s df: upper %s, lower %s;   Q(0) = %s", ex_g(x, p->Q_df),
          ex_n(x, qp->crit_upper), ex_n(x, qp->crit_lower), ex_n(x, qp->q0));
    const char *how[] = {"the root", "0, Q(0) being below the quantile already", "the search's end"};
    ex_para(x, "Lower bound: %s%s; upper bound: %s%s.", how[qp->lower_how],
            qp->lower_how == SRW_TRACE_BOUND_ROOT ? " (table below)" : "", how[qp->upper_how],
            qp->upper_how == SRW_TRACE_BOUND_ROOT ? " (second table)" : "");
    if (qp->lower_how == SRW_TRACE_BOUND_ROOT && qp->lower_iters.n > 0)
        iterations(c, &qp->lower_iters, 0);
    if (qp->upper_how == SRW_TRACE_BOUND_ROOT && qp->upper_iters.n > 0)
        iterations(c, &qp->upper_iters, 0);
    ex_res(x, "τ² CI", "the bounds = %s to %s", ex_n(x, p->tau2_ci_lower), ex_n(x, p->tau2_ci_upper));
}
