/* The explanation's trace (srw/trace.h): an analysis run with a trace gives
 * the same bits as one without, and every step the trace records is what
 * the analysis's numbers were made of: the effect's inputs give its effect
 * and variance, the recorded sums give the pooled estimate, the Q terms Q,
 * the last iteration tau^2, the recorded quantiles the intervals.  Run over
 * the real data sets of tests/unit/ref_metafor.h (metafor's bcg,
 * nielweise2007 with zero cells and a double zero, hahn2001, lau1992,
 * hine1989 with tau^2 at 0, normand1999, gibson2002 whose ML likelihood is
 * bimodal, curtis1998), every measure that fits, every tau^2 estimator,
 * Wald and HKSJ, and the fixed-effect methods.  Equality is exact: the
 * trace holds the operands of the one computation, and the checks below
 * combine them with the same operations in the same order. */
#include "testutil.h"

#include <string.h>

#include "srw/assess.h"
#include "srw/trace.h"

#include "ref_metafor.h"

static const srw_tau2_method tau2s[] = {SRW_TAU2_DL, SRW_TAU2_REML, SRW_TAU2_PM, SRW_TAU2_ML,
                                        SRW_TAU2_SJ, SRW_TAU2_HE,   SRW_TAU2_EB};

static void build_rows(const ref_dataset *d, srw_study_row *rows)
{
    for (int i = 0; i < d->k; i++) {
        srw_study_row *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->study = d->labels[i];
        r->estimate = r->se = NAN;
        if (d->type == 1) {
            r->exp_events = d->ai[i], r->exp_total = d->n1i[i];
            r->ctl_events = d->ci[i], r->ctl_total = d->n2i[i];
            r->exp_mean = r->exp_sd = r->ctl_mean = r->ctl_sd = NAN;
        } else {
            r->exp_mean = d->m1i[i], r->exp_sd = d->sd1i[i], r->exp_total = d->n1i[i];
            r->ctl_mean = d->m2i[i], r->ctl_sd = d->sd2i[i], r->ctl_total = d->n2i[i];
            r->exp_events = r->ctl_events = NAN;
        }
    }
}

/* Two doubles with the same bits (NaN included). */
static int same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

#define SAME(what, a, b)                                                                                     \
    do {                                                                                                     \
        if (!same((a), (b)))                                                                                 \
            fail_msg("%s: %s: %.17g (traced) vs %.17g", label, what, (double)(a), (double)(b));             \
    } while (0)
#define HOLDS(what, cond)                                                                                    \
    do {                                                                                                     \
        if (!(cond))                                                                                         \
            fail_msg("%s: %s", label, what);                                                                 \
    } while (0)

static void same_pooled(const char *label, const srw_pooled *t, const srw_pooled *u)
{
    const double *a[] = {&t->estimate, &t->se,       &t->ci_lower, &t->ci_upper,      &t->stat,
                         &t->stat_df,  &t->pvalue,   &t->tau2,     &t->tau2_ci_lower, &t->tau2_ci_upper,
                         &t->tau,      &t->I2,       &t->I2_tau2,  &t->H2,            &t->Q,
                         &t->Q_df,     &t->Q_pvalue, &t->pi_lower, &t->pi_upper,      &t->hksj_factor,
                         &t->ci_lower_wide, &t->ci_upper_wide};
    for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
        const double *b = (const double *)((const char *)u + ((const char *)a[i] - (const char *)t));
        SAME("a pooled number", *a[i], *b);
    }
    HOLDS("k", t->k == u->k);
    HOLDS("iterations", t->iterations == u->iterations && t->converged == u->converged);
    HOLDS("note", t->note == u->note);
}

/* What the trace says the effect of study i was made of. */
static void check_effect(const char *label, const srw_analysis *a, const srw_trace *tr, size_t i)
{
    const srw_study_result *s = &a->studies[i];
    const srw_effect_detail *e = &tr->studies[i].effect;
    SAME("SE = sqrt(v)", s->se, sqrt(tr->studies[i].v));
    switch (a->opts.measure) {
    case SRW_MEASURE_OR:
        SAME("ln OR from its cells", s->yi, log(e->a * e->d / (e->b * e->c)));
        SAME("SE of ln OR from its cells", s->se, sqrt(1.0 / e->a + 1.0 / e->b + 1.0 / e->c + 1.0 / e->d));
        break;
    case SRW_MEASURE_RR:
        SAME("ln RR from its cells", s->yi, log((e->a / e->n1) / (e->c / e->n2)));
        SAME("SE of ln RR", s->se, sqrt(1.0 / e->a - 1.0 / e->n1 + 1.0 / e->c - 1.0 / e->n2));
        break;
    case SRW_MEASURE_RD:
        SAME("SE of RD from its cells",
             s->se, sqrt(e->a * e->b / (e->n1 * e->n1 * e->n1) + e->c * e->d / (e->n2 * e->n2 * e->n2)));
        break;
    case SRW_MEASURE_PETO:
        SAME("Peto ln OR", s->yi, e->o_minus_e / e->v_peto);
        SAME("Peto SE", s->se, sqrt(1.0 / e->v_peto));
        break;
    case SRW_MEASURE_SMD:
        SAME("g = J d", s->yi, e->d_cohen * e->j);
        break;
    default:
        break;
    }
}

static void check_trace(const char *label, const srw_analysis *a, const srw_trace *tr)
{
    const srw_pooled *p = &a->overall;
    HOLDS("filled", tr->filled && tr->n_studies == a->n_studies && srw_trace_complete(tr));
    double total = 0.0, q = 0.0;
    for (size_t i = 0; i < a->n_studies; i++) {
        if (!a->studies[i].estimable)
            continue;
        check_effect(label, a, tr, i);
        total += tr->studies[i].w_model;
        q += tr->studies[i].q_term;
        SAME("w_iv = 1/v", tr->studies[i].w_iv, 1.0 / tr->studies[i].v);
    }
    if (p->k == 0 || !isfinite(p->estimate))
        return;
    for (size_t i = 0; i < a->n_studies; i++)
        if (a->studies[i].estimable)
            SAME("weight %", a->studies[i].weight, 100.0 * tr->studies[i].w_model / tr->weight_total);
    SAME("the weights' total", tr->weight_total, total);
    if (p->k >= 2)
        SAME("Q = sum of its terms", p->Q, q);
    if (a->opts.method == SRW_METHOD_IV)
        SAME("IV estimate = sum wy / sum w", tr->fe, tr->sum_wy / tr->sum_w);
    int random = a->opts.model == SRW_MODEL_RANDOM && p->k > 1;
    if (!random) {
        SAME("fixed-effect estimate", p->estimate, tr->fe);
    } else {
        const srw_trace_tau2 *t = &tr->tau2;
        HOLDS("tau2 traced", t->computed && t->method == a->opts.tau2);
        switch (t->method) {
        case SRW_TAU2_DL:
            SAME("DL C", t->dl_c, t->dl_sw - t->dl_sw2 / t->dl_sw);
            SAME("DL raw", t->raw, (p->Q - (double)(p->k - 1)) / t->dl_c);
            SAME("DL tau2", p->tau2, fmax(0.0, t->raw));
            break;
        case SRW_TAU2_HE:
            SAME("HE raw", t->raw,
                 (t->rss - t->sum_v * ((double)p->k - 1.0) / (double)p->k) / ((double)p->k - 1.0));
            SAME("HE tau2", p->tau2, fmax(0.0, t->raw));
            break;
        case SRW_TAU2_SJ:
            SAME("SJ tau0", t->sj_t0, t->rss / (double)p->k);
            SAME("SJ raw", t->raw, t->sj_t0 * t->sj_q / ((double)p->k - 1.0));
            SAME("SJ tau2", p->tau2, fmax(0.0, t->raw));
            break;
        case SRW_TAU2_PM:
            if (t->q0 < t->target) {
                HOLDS("PM at 0 without iterations", p->tau2 == 0.0 && t->iters.n == 0);
                break;
            }
            HOLDS("PM iterations", t->iters.n == (size_t)p->iterations && t->iters.n > 0);
            SAME("PM root", p->tau2, t->iters.items[t->iters.n - 1].next);
            break;
        default: {
            HOLDS("scoring iterations", t->iters.n == (size_t)p->iterations && t->iters.n > 0);
            const srw_trace_iter *last = &t->iters.items[t->iters.n - 1];
            for (size_t j = 0; j < t->iters.n; j++) {
                const srw_trace_iter *x = &t->iters.items[j];
                HOLDS("steps numbered", x->step == (int)j + 1);
                HOLDS("steps chain", j == 0 || same(x->tau2, t->iters.items[j - 1].next));
                SAME("step = score / information", x->step_size, x->score / x->info);
            }
            SAME("the start", t->iters.items[0].tau2, fmax(0.0, t->start_raw));
            if (t->ll0)
                HOLDS("ll0check sets 0", p->tau2 == 0.0 && t->ll_drop > 0.0);
            else
                SAME("tau2 = the last step's", p->tau2, last->next);
            break;
        }
        }
        SAME("model SE", tr->se_model, sqrt(1.0 / tr->sum_w_model));
        SAME("mu = sum wy / sum w", p->estimate, tr->sum_wy_model / tr->sum_w_model);
        if (p->k >= 2)
            SAME("I2 from tau2", p->I2_tau2, 100.0 * p->tau2 / (p->tau2 + tr->s2));
        if (p->k >= 3) {
            SAME("PI lower", p->pi_lower, p->estimate - tr->pi_crit * sqrt(tr->pi_var));
            SAME("PI var", tr->pi_var, p->tau2 + tr->se_model * tr->se_model);
        }
        const srw_trace_qprofile *qp = &tr->qp;
        HOLDS("Q-profile traced", qp->computed);
        if (qp->lower_how == SRW_TRACE_BOUND_ROOT && qp->lower_iters.n > 0)
            SAME("QP lower", p->tau2_ci_lower, qp->lower_iters.items[qp->lower_iters.n - 1].next);
        if (qp->upper_how == SRW_TRACE_BOUND_ROOT && qp->upper_iters.n > 0)
            SAME("QP upper", p->tau2_ci_upper, qp->upper_iters.items[qp->upper_iters.n - 1].next);
        if (qp->lower_how == SRW_TRACE_BOUND_ZERO)
            HOLDS("QP lower at 0", p->tau2_ci_lower == 0.0);
    }
    if (a->opts.ci == SRW_CI_HKSJ && p->k > 1) {
        double df = (double)p->k - 1.0;
        SAME("HKSJ SE", p->se, sqrt(tr->q_gen / (df * tr->sum_w_model)));
        SAME("HKSJ factor", p->hksj_factor, tr->q_gen / df);
        SAME("HKSJ lower", p->ci_lower, p->estimate - tr->crit * p->se);
        SAME("wide half", p->ci_upper_wide, p->estimate + fmax(tr->half_t, tr->half_z));
    } else {
        SAME("Wald quantile", tr->crit, tr->z);
        SAME("Wald lower", p->ci_lower, p->estimate - tr->z * p->se);
    }
}

/* One analysis of data set d with o, traced and not. */
static void one(const ref_dataset *d, const srw_study_row *rows, const srw_pool_options *o, const char *label)
{
    srw_study_set set = {d->type == 1 ? SRW_TYPE_DICHOTOMOUS : SRW_TYPE_CONTINUOUS, (size_t)d->k,
                         (srw_study_row *)rows};
    srw_analysis plain, traced;
    srw_error err;
    srw_trace tr;
    srw_trace_init(&tr);
    int rc1 = srw_analysis_run(&plain, &set, o, &err);
    int rc2 = srw_analysis_run_traced(&traced, &set, o, &tr, &err);
    HOLDS("same status", rc1 == rc2);
    if (rc1 == 0) {
        same_pooled(label, &traced.overall, &plain.overall);
        for (size_t i = 0; i < plain.n_studies; i++) {
            SAME("study effect", traced.studies[i].yi, plain.studies[i].yi);
            SAME("study SE", traced.studies[i].se, plain.studies[i].se);
            SAME("study weight", traced.studies[i].weight, plain.studies[i].weight);
        }
        check_trace(label, &traced, &tr);
        srw_analysis_dispose(&plain);
        srw_analysis_dispose(&traced);
    }
    srw_trace_dispose(&tr);
}

static void test_trace__same_bits_and_every_step_adds_up(void **state)
{
    (void)state;
    static const srw_measure dich[] = {SRW_MEASURE_OR, SRW_MEASURE_RR, SRW_MEASURE_RD, SRW_MEASURE_PETO};
    static const srw_measure cont[] = {SRW_MEASURE_MD, SRW_MEASURE_SMD, SRW_MEASURE_ROM};
    size_t runs = 0;
    for (size_t di = 0; di < sizeof ref_datasets / sizeof ref_datasets[0]; di++) {
        const ref_dataset *d = &ref_datasets[di];
        srw_study_row *rows = calloc((size_t)d->k, sizeof *rows);
        assert_non_null(rows);
        build_rows(d, rows);
        const srw_measure *ms = d->type == 1 ? dich : cont;
        size_t nm = d->type == 1 ? 4 : 3;
        for (size_t mi = 0; mi < nm; mi++) {
            for (int prof = 0; prof < 2; prof++) {
                char label[160];
                srw_pool_options o = SRW_POOL_OPTIONS_INIT;
                o.profile = prof ? SRW_PROFILE_REVMAN5 : SRW_PROFILE_COCHRANE;
                o.measure = ms[mi];
                for (size_t ti = 0; ti < sizeof tau2s / sizeof tau2s[0]; ti++)
                    for (int ci = 0; ci < 2; ci++) {
                        o.model = SRW_MODEL_RANDOM;
                        o.method = SRW_METHOD_DEFAULT;
                        o.tau2 = tau2s[ti];
                        o.ci = ci ? SRW_CI_HKSJ : SRW_CI_WALD;
                        snprintf(label, sizeof label, "%s/%s/%s/%s/%s", d->name, srw_measure_name(o.measure),
                                 srw_tau2_method_name(o.tau2), srw_ci_method_name(o.ci), srw_profile_name(o.profile));
                        one(d, rows, &o, label);
                        runs++;
                    }
                /* Fixed effect with the profile's method (MH, Peto or IV). */
                o.model = SRW_MODEL_FIXED;
                o.tau2 = SRW_TAU2_DEFAULT;
                o.ci = SRW_CI_WALD;
                o.method = ms[mi] == SRW_MEASURE_PETO ? SRW_METHOD_PETO
                           : d->type == 1             ? SRW_METHOD_MH
                                                      : SRW_METHOD_IV;
                snprintf(label, sizeof label, "%s/%s/fixed/%s/%s", d->name, srw_measure_name(o.measure),
                         srw_method_name(o.method), srw_profile_name(o.profile));
                one(d, rows, &o, label);
                runs++;
            }
        }
        free(rows);
    }
    assert_true(runs > 400);
}

/* Foster 2001 (studies/botox-low-back-pain.csv, >50% pain relief at 3
 * weeks): 11/15 vs 4/16, the example of the issue.  The trace holds the
 * counts as they were (no zero cell), and the risk ratio is the hand
 * calculation (11/15)/(4/16) = 44/15 that tests/unit/test_studies.c checks. */
static void test_trace__foster_2001_risk_ratio(void **state)
{
    (void)state;
    srw_study_row r;
    memset(&r, 0, sizeof r);
    r.study = "Foster 2001";
    r.exp_events = 11, r.exp_total = 15, r.ctl_events = 4, r.ctl_total = 16;
    r.exp_mean = r.exp_sd = r.ctl_mean = r.ctl_sd = r.estimate = r.se = NAN;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 1, &r};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.measure = SRW_MEASURE_RR;
    srw_analysis a;
    srw_trace tr;
    srw_error err;
    srw_trace_init(&tr);
    assert_int_equal(srw_analysis_run_traced(&a, &set, &o, &tr, &err), 0);
    const srw_effect_detail *e = &tr.studies[0].effect;
    assert_true(e->a == 11 && e->n1 == 15 && e->c == 4 && e->n2 == 16 && e->b == 4 && e->d == 12);
    assert_rel(exp(a.studies[0].yi), 44.0 / 15.0, 1e-14);
    assert_rel(a.studies[0].se * a.studies[0].se, 1.0 / 11 - 1.0 / 15 + 1.0 / 4 - 1.0 / 16, 1e-14);
    assert_false(tr.tau2.computed); /* k = 1: no tau^2 */
    assert_false(tr.qp.computed);
    srw_analysis_dispose(&a);
    srw_trace_dispose(&tr);
}

/* A zero cell: the cells the formula used are the corrected ones, and RD's
 * effect stays the raw counts' while its variance takes the corrected. */
static void test_trace__zero_cells_are_the_corrected_ones(void **state)
{
    (void)state;
    srw_study_row r[2];
    memset(r, 0, sizeof r);
    r[0].study = "A", r[1].study = "B";
    r[0].exp_events = 0, r[0].exp_total = 20, r[0].ctl_events = 5, r[0].ctl_total = 20;
    r[1].exp_events = 3, r[1].exp_total = 30, r[1].ctl_events = 6, r[1].ctl_total = 30;
    for (int i = 0; i < 2; i++)
        r[i].exp_mean = r[i].exp_sd = r[i].ctl_mean = r[i].ctl_sd = r[i].estimate = r[i].se = NAN;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 2, r};
    srw_analysis a;
    srw_trace tr;
    srw_error err;
    srw_trace_init(&tr);
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.measure = SRW_MEASURE_OR;
    assert_int_equal(srw_analysis_run_traced(&a, &set, &o, &tr, &err), 0);
    const srw_effect_detail *e = &tr.studies[0].effect;
    assert_true(e->a == 0.5 && e->b == 20.5 && e->c == 5.5 && e->d == 15.5 && e->n1 == 21 && e->n2 == 21);
    assert_true(a.studies[0].corrections & SRW_CORR_HALF_ADDED);
    srw_analysis_dispose(&a);
    o.measure = SRW_MEASURE_RD;
    assert_int_equal(srw_analysis_run_traced(&a, &set, &o, &tr, &err), 0);
    e = &tr.studies[0].effect;
    assert_true(a.studies[0].yi == 0.0 / 20 - 5.0 / 20);
    assert_true(e->a == 0.5 && e->n1 == 21);
    srw_analysis_dispose(&a);
    srw_trace_dispose(&tr);
}

/* Through the assessment verb: GRADE's domains record what they looked
 * at, the verdict what chose its cell, and the copy the assessment keeps
 * of its options has no trace (robustness re-runs are not traced). */
static void test_trace__grade_and_verdict_through_the_verb(void **state)
{
    (void)state;
    srw_study_row rows[3];
    srw_study_info info[3];
    const char *names[3] = {"Trial A", "Trial B", "Trial C"};
    const double y[3] = {-0.5, -0.2, 0.1}, se[3] = {0.2, 0.25, 0.3};
    memset(rows, 0, sizeof rows);
    memset(info, 0, sizeof info);
    for (int i = 0; i < 3; i++) {
        rows[i].study = names[i];
        rows[i].estimate = y[i], rows[i].se = se[i];
        rows[i].exp_total = rows[i].ctl_total = 50;
        info[i].year = 2000;
        for (int d = 0; d < SRW_ROB_N; d++)
            info[i].rob[d] = i == 0 ? SRW_ROB_HIGH : SRW_ROB_LOW;
    }
    srw_outcome_data d;
    memset(&d, 0, sizeof d);
    d.use = (char *)"u", d.outcome = (char *)"o";
    d.type = d.set.type = SRW_TYPE_GENERIC;
    d.direction = SRW_DIR_LOWER_IS_BETTER;
    d.mid = 0.3, d.mid_source = (char *)"test";
    d.set.k = 3, d.set.rows = rows, d.rows = rows, d.info = info;
    srw_trace tr;
    srw_trace_init(&tr);
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    o.trace = &tr;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &d, NULL, NULL, &o, &err), 0);
    assert_null(a.opts.trace);
    assert_true(a.analysed && a.graded && tr.filled && tr.grade.filled);
    const srw_trace_grade *g = &tr.grade;
    assert_int_equal(g->rob_tool, 1);
    assert_true(tr.studies[0].rob == SRW_TRACE_ROB_HIGH && tr.studies[1].rob == SRW_TRACE_ROB_LOW);
    assert_rel(g->rob_high, 100.0 * a.analysis.studies[0].weight / g->rob_total, 1e-12);
    char share[32];
    snprintf(share, sizeof share, "%.1f%%", g->rob_high);
    assert_non_null(strstr(a.grade.steps[SRW_GRADE_RISK_OF_BIAS].reason, share));
    assert_true(g->have_mid && g->thr_down == -0.3 && g->thr_up == 0.3);
    double lo, hi;
    srw_pooled_judged_ci(&a.analysis.overall, &lo, &hi);
    assert_true(g->ci_lower == lo && g->ci_upper == hi);
    assert_int_equal(g->cross_down, lo <= -0.3 && hi >= -0.3);
    assert_int_equal(g->egger_k, 3);
    const srw_verdict_result *v = &a.verdict.verdict;
    assert_true(v->classified);
    assert_true(v->benefit_point == -a.analysis.overall.estimate); /* lower is better: sign flipped */
    assert_true(v->benefit_mid == 0.3);
    assert_int_equal(v->row[a.grade.certainty], v->verdict);
    srw_assessment_dispose(&a);
    srw_trace_dispose(&tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trace__same_bits_and_every_step_adds_up),
        cmocka_unit_test(test_trace__foster_2001_risk_ratio),
        cmocka_unit_test(test_trace__zero_cells_are_the_corrected_ones),
        cmocka_unit_test(test_trace__grade_and_verdict_through_the_verb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
