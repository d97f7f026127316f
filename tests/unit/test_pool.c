/* Pooling edge cases and option handling (src/core/pool.c, tau2.c, mh.c,
 * options.c).  Agreement with metafor over whole data sets is in
 * test_metafor.c and with RevMan's stored results in test_revman5.c; this
 * file covers the states those do not: k = 1, nothing estimable, zero
 * variance, tau^2 on the boundary, non-convergence, HKSJ with k = 2,
 * subgroups, option resolution and invalid combinations.
 *
 * Reference values: metafor 3.8.1, from
 *   Rscript -e '<commands quoted above each case>'
 * with  ctl <- list(threshold=1e-13, tol=1e-13, maxiter=100000)  and
 * values printed by  f <- function(...) cat(sprintf("%.17g", c(...)))
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "srw/pool.h"

#define TOL 1e-9

static srw_study_row generic_row(const char *study, const char *subgroup,
                                 double y, double v)
{
    srw_study_row r;
    memset(&r, 0, sizeof r);
    r.study = study;
    r.subgroup = subgroup;
    r.estimate = y;
    r.se = sqrt(v);
    return r;
}

static int all_finite_or_documented(const srw_pooled *p)
{
    /* Fields a writer prints as numbers once k >= 3 under a random model. */
    const double f[] = {p->estimate, p->se, p->ci_lower, p->ci_upper, p->stat,
                        p->pvalue, p->tau2, p->tau, p->tau2_ci_lower,
                        p->tau2_ci_upper, p->I2, p->I2_tau2, p->H2, p->Q,
                        p->Q_df, p->Q_pvalue, p->pi_lower, p->pi_upper};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (!isfinite(f[i]))
            return 0;
    return 1;
}

/* yA <- c(0.212, 0.234, 0.219, 0.196); vA <- c(0.0412, 0.0533, 0.0317, 0.0621)
 * r <- rma(yA, vA, method="REML", test="knha", control=ctl)
 * f(r$tau2, r$beta, r$se, r$ci.lb, r$ci.ub, r$pval, r$QE, r$QEp)
 *   0 0.21614555996812268 0.0069631589671665696 0.19398568043996031
 *   0.23830543949628505 7.3456547835305382e-05 0.013190362917269096
 *   0.99959868441921762
 * confint(r, control=list(tol=1e-13))$random[1,]  ->  0 0 0 (signs "<" "<")
 * rz <- rma(yA, vA, method="REML", test="z", control=ctl)
 * h <- qt(.975, 2)*sqrt(rz$tau2 + rz$se^2); f(rz$se, rz$beta - h, rz$beta + h)
 *   0.10501191178879604 -0.23568422894615032 0.66797534888239563 */
static void test_pool__homogeneous_data_puts_tau2_on_the_boundary(void **state)
{
    (void)state;
    const double y[] = {0.212, 0.234, 0.219, 0.196}, v[] = {0.0412, 0.0533, 0.0317, 0.0621};
    srw_study_row rows[4];
    for (size_t i = 0; i < 4; i++)
        rows[i] = generic_row("s", NULL, y[i], v[i]);
    srw_study_set set = {SRW_TYPE_GENERIC, 4, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT; /* cochrane: REML + HKSJ */
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    const srw_pooled *p = &a.overall;
    assert_true(all_finite_or_documented(p));
    assert_rel(p->tau2, 0.0, 0.0);
    assert_rel(p->tau, 0.0, 0.0);
    assert_true(p->converged);
    assert_rel(p->estimate, 0.21614555996812268, TOL);
    assert_rel(p->se, 0.0069631589671665696, TOL);
    assert_rel(p->ci_lower, 0.19398568043996031, TOL);
    assert_rel(p->ci_upper, 0.23830543949628505, TOL);
    assert_rel(p->pvalue, 7.3456547835305382e-05, TOL);
    assert_rel(p->stat_df, 3.0, 0.0);
    assert_rel(p->Q, 0.013190362917269096, TOL);
    assert_rel(p->Q_pvalue, 0.99959868441921762, TOL);
    assert_rel(p->I2, 0.0, 0.0);
    assert_rel(p->I2_tau2, 0.0, 0.0);
    assert_rel(p->H2, 1.0, TOL);
    assert_rel(p->tau2_ci_lower, 0.0, 0.0);
    assert_rel(p->tau2_ci_upper, 0.0, 0.0);
    assert_rel(p->pi_lower, -0.23568422894615032, TOL);
    assert_rel(p->pi_upper, 0.66797534888239563, TOL);
    /* The HKSJ interval above is far narrower than the Wald one (rz): its
     * variance factor q = (r$se / rz$se)^2 is below 1.  Verdicts and GRADE
     * judge the wider of the two (IQWiG; R meta's adhoc.hakn.ci = "ci"),
     * here rz's: beta +- qnorm(.975) * rz$se, qnorm(.975) =
     * 1.959963984540054 (from the values above). */
    const double q = (0.0069631589671665696 / 0.10501191178879604) * (0.0069631589671665696 / 0.10501191178879604);
    const double h = 1.959963984540054 * 0.10501191178879604;
    assert_rel(p->hksj_factor, q, TOL);
    assert_rel(p->ci_lower_wide, 0.21614555996812268 - h, TOL);
    assert_rel(p->ci_upper_wide, 0.21614555996812268 + h, TOL);

    /* Every estimator but SJ lands on 0, without NaN anywhere; SJ is
     * positive by construction:
     *   for (m in c("DL","REML","PM","ML","SJ","HE","EB"))
     *     cat(m, sprintf("%.17g", rma(yA, vA, method=m)$tau2), "\n")
     *   -> 0 for all but SJ 8.1809651287106857e-07 */
    for (int m = SRW_TAU2_DL; m <= SRW_TAU2_EB; m++) {
        srw_analysis b;
        o.tau2 = (srw_tau2_method)m;
        assert_int_equal(srw_analysis_run(&b, &set, &o, NULL), 0);
        if (!all_finite_or_documented(&b.overall))
            fail_msg("tau2 method %s: a NaN field", srw_tau2_method_name(o.tau2));
        assert_rel(b.overall.tau2, m == SRW_TAU2_SJ ? 8.1809651287106857e-07 : 0.0,
                   m == SRW_TAU2_SJ ? TOL : 0.0);
        srw_analysis_dispose(&b);
    }
    srw_analysis_dispose(&a);
}

/* rma(0.37, 0.052, method="REML"): f(r$beta, r$se, r$ci.lb, r$ci.ub, r$pval)
 *   0.37 0.22803508501982761 -0.07694055385039128 0.81694055385039133
 *   0.10468406709113381 */
static void test_pool__single_study_is_reported_without_heterogeneity(void **state)
{
    (void)state;
    srw_study_row r = generic_row("Solo 2011", NULL, 0.37, 0.052);
    srw_study_set set = {SRW_TYPE_GENERIC, 1, &r};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    const srw_pooled *p = &a.overall;
    assert_int_equal(p->k, 1);
    assert_string_equal(p->note, "heterogeneity not applicable (k = 1)");
    assert_rel(p->estimate, 0.37, TOL);
    assert_rel(p->se, 0.22803508501982761, TOL);
    assert_rel(p->ci_lower, -0.07694055385039128, TOL);
    assert_rel(p->ci_upper, 0.81694055385039133, TOL);
    assert_rel(p->pvalue, 0.10468406709113381, TOL);
    assert_true(isnan(p->stat_df)); /* no t on 0 df: Wald */
    assert_rel(p->tau2, 0.0, 0.0);
    assert_true(isnan(p->Q) && isnan(p->I2) && isnan(p->H2) && isnan(p->I2_tau2));
    assert_true(isnan(p->tau2_ci_lower) && isnan(p->pi_lower));
    assert_rel(a.studies[0].weight, 100.0, 0.0);
    srw_analysis_dispose(&a);
}

static void test_pool__all_double_zero_gives_no_estimate_and_no_error(void **state)
{
    (void)state;
    srw_study_row rows[2];
    memset(rows, 0, sizeof rows);
    rows[0].study = "Alpha 1990";
    rows[0].exp_total = 48, rows[0].ctl_total = 51;
    rows[1].study = "Beta 1994";
    rows[1].exp_total = 112, rows[1].ctl_total = 109;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 2, rows};
    for (int prof = 0; prof < 2; prof++) {
        srw_pool_options o = SRW_POOL_OPTIONS_INIT;
        o.profile = prof ? SRW_PROFILE_REVMAN5 : SRW_PROFILE_COCHRANE;
        srw_analysis a;
        assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
        assert_int_equal(a.overall.k, 0);
        assert_int_equal(a.overall.k_total, 2);
        assert_true(isnan(a.overall.estimate));
        assert_non_null(a.overall.note);
        assert_rel(a.overall.exp_total, 160.0, 0.0);
        assert_rel(a.overall.ctl_events, 0.0, 0.0);
        for (size_t i = 0; i < 2; i++) {
            assert_false(a.studies[i].estimable);
            assert_string_equal(a.studies[i].reason, "no events in either arm");
            assert_rel(a.studies[i].weight, 0.0, 0.0);
            assert_int_equal(a.studies[i].corrections, SRW_CORR_DOUBLE_ZERO);
        }
        assert_int_equal(a.n_corrections, 2);
        assert_non_null(strstr(a.corrections[0], "Alpha 1990"));
        assert_non_null(strstr(a.corrections[1], "not estimable"));
        srw_analysis_dispose(&a);
    }
}

static void test_pool__zero_variance_study_is_left_out(void **state)
{
    (void)state;
    srw_study_row rows[3];
    memset(rows, 0, sizeof rows);
    const double m1[] = {12.4, 11.0, 15.2}, m2[] = {14.1, 12.5, 15.2};
    const double s1[] = {3.1, 2.7, 0.0}, s2[] = {3.4, 2.9, 0.0};
    const double n1[] = {30, 41, 1}, n2[] = {28, 39, 1};
    for (size_t i = 0; i < 3; i++) {
        rows[i].study = i == 2 ? "Single 2009" : "s";
        rows[i].exp_mean = m1[i], rows[i].ctl_mean = m2[i];
        rows[i].exp_sd = s1[i], rows[i].ctl_sd = s2[i];
        rows[i].exp_total = n1[i], rows[i].ctl_total = n2[i];
    }
    srw_study_set set = {SRW_TYPE_CONTINUOUS, 3, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.model = SRW_MODEL_FIXED;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    assert_int_equal(a.overall.k, 2);
    assert_int_equal(a.overall.k_total, 3);
    assert_false(a.studies[2].estimable);
    assert_non_null(strstr(a.studies[2].reason, "zero variance"));
    assert_rel(a.studies[2].weight, 0.0, 0.0);
    assert_rel(a.studies[0].weight + a.studies[1].weight, 100.0, 1e-12);
    assert_true(isfinite(a.overall.estimate) && isfinite(a.overall.se));
    assert_rel(a.overall.exp_total, 72.0, 0.0);
    srw_analysis_dispose(&a);
}

static void test_pool__non_convergence_is_reported_with_the_last_value(void **state)
{
    (void)state;
    const double y[] = {-0.45, -0.31, -0.62, -0.12, 0.05, 0.21, -0.08};
    const double v[] = {0.031, 0.052, 0.044, 0.027, 0.061, 0.038, 0.049};
    srw_study_row rows[7];
    for (size_t i = 0; i < 7; i++)
        rows[i] = generic_row("s", NULL, y[i], v[i]);
    srw_study_set set = {SRW_TYPE_GENERIC, 7, rows};
    const srw_tau2_method iterative[] = {SRW_TAU2_REML, SRW_TAU2_ML, SRW_TAU2_EB, SRW_TAU2_PM};
    for (size_t m = 0; m < 4; m++) {
        srw_pool_options o = SRW_POOL_OPTIONS_INIT;
        o.tau2 = iterative[m];
        o.max_iter = 1;
        srw_analysis a;
        assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
        if (a.overall.converged)
            fail_msg("%s converged in one iteration", srw_tau2_method_name(o.tau2));
        assert_int_equal(a.overall.iterations, 1);
        assert_true(isfinite(a.overall.tau2) && a.overall.tau2 > 0.0);
        assert_true(all_finite_or_documented(&a.overall));
        assert_non_null(strstr(a.overall.note, "did not converge"));
        srw_analysis_dispose(&a);
    }
}

/* yB <- c(-0.352, 0.118); vB <- c(0.0241, 0.0372)
 * r <- rma(yB, vB, method="REML", test="knha", control=ctl)
 * f(r$tau2, r$beta, r$se, r$ci.lb, r$ci.ub, r$zval, r$pval, r$QE)
 *   0.079800000000000065 -0.13093617021276596 0.23458640872778802
 *   -3.1116391078320014 2.8497667674064697 -0.55815752891593617
 *   0.67590667254622816 3.6035889070146814 */
static void test_pool__hksj_with_two_studies_uses_t_on_one_df(void **state)
{
    (void)state;
    srw_study_row rows[2] = {generic_row("a", NULL, -0.352, 0.0241),
                             generic_row("b", NULL, 0.118, 0.0372)};
    srw_study_set set = {SRW_TYPE_GENERIC, 2, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    const srw_pooled *p = &a.overall;
    assert_int_equal(a.opts.ci, SRW_CI_HKSJ);
    assert_rel(p->tau2, 0.079800000000000065, TOL);
    assert_rel(p->estimate, -0.13093617021276596, TOL);
    assert_rel(p->se, 0.23458640872778802, TOL);
    assert_rel(p->ci_lower, -3.1116391078320014, TOL);
    assert_rel(p->ci_upper, 2.8497667674064697, TOL);
    assert_rel(p->stat, -0.55815752891593617, TOL);
    assert_rel(p->stat_df, 1.0, 0.0);
    assert_rel(p->pvalue, 0.67590667254622816, TOL);
    assert_rel(p->Q, 3.6035889070146814, TOL);
    assert_true(isnan(p->pi_lower) && isnan(p->pi_upper));
    assert_string_equal(p->note, "prediction interval needs at least 3 studies");
    /* Q = 3.6 on 1 df: the factor is at least 1, and the modified interval
     * is HKSJ's own. */
    assert_true(p->hksj_factor >= 1.0);
    assert_true(p->ci_lower_wide == p->ci_lower && p->ci_upper_wide == p->ci_upper);
    srw_analysis_dispose(&a);
    /* Without HKSJ there is no factor, and decisions use the Wald interval. */
    o.ci = SRW_CI_WALD;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    assert_true(isnan(a.overall.hksj_factor));
    assert_true(a.overall.ci_lower_wide == a.overall.ci_lower && a.overall.ci_upper_wide == a.overall.ci_upper);
    srw_analysis_dispose(&a);
}

/* yC <- c(-0.45,-0.31,-0.62,-0.12, 0.05, 0.21, -0.08)
 * vC <- c(0.031,0.052,0.044,0.027,0.061,0.038,0.049); g <- c(1,1,1,1,2,2,2)
 * ra <- rma(yC[g==1], vC[g==1], method="REML", test="knha", control=ctl)
 * rb <- rma(yC[g==2], vC[g==2], method="REML", test="knha", control=ctl)
 * f(ra$beta, ra$se, ra$tau2)
 *   -0.35845109473929471 0.10845099311037851 0.014205148355629714
 * f(rb$beta, rb$se, rb$tau2)   0.074675686985632581 0.088116427981366777 0
 * rt <- rma(c(ra$beta, rb$beta), sei=c(ra$se, rb$se), method="EE"); f(rt$QE, rt$QEp)
 *   9.6075811411978904 0.0019377571529192162
 * ro <- rma(yC, vC, method="REML", test="knha", control=ctl); f(ro$beta, ro$se, ro$tau2)
 *   -0.193367583532874 0.10926038027882758 0.042804290343407866 */
static void test_pool__subgroups_each_get_their_own_tau2_and_a_test(void **state)
{
    (void)state;
    const double y[] = {-0.45, -0.31, 0.05, -0.62, 0.21, -0.12, -0.08};
    const double v[] = {0.031, 0.052, 0.061, 0.044, 0.038, 0.027, 0.049};
    const char *g[] = {"adults", "adults", "children", "adults", "children", "adults", "children"};
    srw_study_row rows[7];
    for (size_t i = 0; i < 7; i++)
        rows[i] = generic_row("s", g[i], y[i], v[i]);
    srw_study_set set = {SRW_TYPE_GENERIC, 7, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    assert_int_equal(a.n_subgroups, 2);
    assert_string_equal(a.subgroups[0].name, "adults");
    assert_string_equal(a.subgroups[1].name, "children");
    const srw_pooled *pa = &a.subgroups[0].pooled, *pb = &a.subgroups[1].pooled;
    assert_int_equal(pa->k, 4);
    assert_int_equal(pb->k, 3);
    assert_rel(pa->estimate, -0.35845109473929471, TOL);
    assert_rel(pa->se, 0.10845099311037851, TOL);
    assert_rel(pa->tau2, 0.014205148355629714, 1e-8);
    assert_rel(pb->estimate, 0.074675686985632581, TOL);
    assert_rel(pb->se, 0.088116427981366777, TOL);
    assert_rel(pb->tau2, 0.0, 0.0);
    assert_true(a.subgroup_test.present);
    assert_rel(a.subgroup_test.Q, 9.6075811411978904, TOL);
    assert_rel(a.subgroup_test.df, 1.0, 0.0);
    assert_rel(a.subgroup_test.pvalue, 0.0019377571529192162, TOL);
    assert_rel(a.subgroup_test.I2, 100.0 * (9.6075811411978904 - 1.0) / 9.6075811411978904, TOL);
    /* The overall pool ignores the subgroups. */
    assert_int_equal(a.overall.k, 7);
    assert_rel(a.overall.estimate, -0.193367583532874, TOL);
    assert_rel(a.overall.se, 0.10926038027882758, TOL);
    assert_rel(a.overall.tau2, 0.042804290343407866, 1e-8);
    assert_string_equal(a.studies[2].subgroup, "children");
    srw_analysis_dispose(&a);
}

static void test_pool__one_subgroup_has_no_test(void **state)
{
    (void)state;
    srw_study_row rows[2] = {generic_row("a", "only", -0.352, 0.0241),
                             generic_row("b", "", 0.118, 0.0372)};
    srw_study_set set = {SRW_TYPE_GENERIC, 2, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    assert_int_equal(a.n_subgroups, 1);
    assert_false(a.subgroup_test.present);
    assert_true(isnan(a.subgroup_test.Q));
    assert_null(a.studies[1].subgroup);
    srw_analysis_dispose(&a);
}

static void test_pool__profiles_resolve_their_defaults(void **state)
{
    (void)state;
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    assert_int_equal(srw_pool_options_resolve(&o, SRW_TYPE_DICHOTOMOUS, NULL), 0);
    assert_int_equal(o.measure, SRW_MEASURE_RR);
    assert_int_equal(o.model, SRW_MODEL_RANDOM);
    assert_int_equal(o.method, SRW_METHOD_IV);
    assert_int_equal(o.tau2, SRW_TAU2_REML);
    assert_int_equal(o.ci, SRW_CI_HKSJ);

    srw_pool_options f = SRW_POOL_OPTIONS_INIT;
    f.model = SRW_MODEL_FIXED;
    f.measure = SRW_MEASURE_OR;
    assert_int_equal(srw_pool_options_resolve(&f, SRW_TYPE_DICHOTOMOUS, NULL), 0);
    assert_int_equal(f.method, SRW_METHOD_MH);
    assert_int_equal(f.ci, SRW_CI_WALD);

    srw_pool_options pe = SRW_POOL_OPTIONS_INIT;
    pe.model = SRW_MODEL_FIXED;
    pe.measure = SRW_MEASURE_PETO;
    assert_int_equal(srw_pool_options_resolve(&pe, SRW_TYPE_DICHOTOMOUS, NULL), 0);
    assert_int_equal(pe.method, SRW_METHOD_PETO);

    srw_pool_options r = SRW_POOL_OPTIONS_INIT;
    r.profile = SRW_PROFILE_REVMAN5;
    assert_int_equal(srw_pool_options_resolve(&r, SRW_TYPE_DICHOTOMOUS, NULL), 0);
    assert_int_equal(r.model, SRW_MODEL_FIXED);
    assert_int_equal(r.method, SRW_METHOD_MH);
    assert_int_equal(r.tau2, SRW_TAU2_DL);
    assert_int_equal(r.ci, SRW_CI_WALD);

    srw_pool_options rr = SRW_POOL_OPTIONS_INIT;
    rr.profile = SRW_PROFILE_REVMAN5;
    rr.model = SRW_MODEL_RANDOM;
    assert_int_equal(srw_pool_options_resolve(&rr, SRW_TYPE_CONTINUOUS, NULL), 0);
    assert_int_equal(rr.measure, SRW_MEASURE_MD);
    assert_int_equal(rr.method, SRW_METHOD_IV);
    assert_int_equal(rr.ci, SRW_CI_WALD);

    srw_pool_options gen = SRW_POOL_OPTIONS_INIT;
    gen.tau2 = SRW_TAU2_PM; /* explicit options win */
    gen.ci = SRW_CI_WALD;
    assert_int_equal(srw_pool_options_resolve(&gen, SRW_TYPE_GENERIC, NULL), 0);
    assert_int_equal(gen.measure, SRW_MEASURE_GENERIC);
    assert_int_equal(gen.tau2, SRW_TAU2_PM);
    assert_int_equal(gen.ci, SRW_CI_WALD);
}

typedef struct bad_opts {
    const char *label;
    srw_outcome_type type;
    srw_pool_options o;
} bad_opts;

static void test_pool__invalid_combinations_are_usage_errors(void **state)
{
    (void)state;
    bad_opts cases[] = {
        {"MH with MD", SRW_TYPE_CONTINUOUS, SRW_POOL_OPTIONS_INIT},
        {"PETO method with OR", SRW_TYPE_DICHOTOMOUS, SRW_POOL_OPTIONS_INIT},
        {"MH with PETO measure", SRW_TYPE_DICHOTOMOUS, SRW_POOL_OPTIONS_INIT},
        {"OR for continuous", SRW_TYPE_CONTINUOUS, SRW_POOL_OPTIONS_INIT},
        {"SMD for generic", SRW_TYPE_GENERIC, SRW_POOL_OPTIONS_INIT},
        {"level 100", SRW_TYPE_GENERIC, SRW_POOL_OPTIONS_INIT},
        {"max_iter 0", SRW_TYPE_GENERIC, SRW_POOL_OPTIONS_INIT},
        {"HKSJ with fixed MH", SRW_TYPE_DICHOTOMOUS, SRW_POOL_OPTIONS_INIT},
        {"untyped data", SRW_TYPE_NONE, SRW_POOL_OPTIONS_INIT},
        {"unknown profile", SRW_TYPE_GENERIC, SRW_POOL_OPTIONS_INIT},
    };
    cases[0].o.method = SRW_METHOD_MH;
    cases[1].o.method = SRW_METHOD_PETO, cases[1].o.measure = SRW_MEASURE_OR;
    cases[2].o.method = SRW_METHOD_MH, cases[2].o.measure = SRW_MEASURE_PETO;
    cases[3].o.measure = SRW_MEASURE_OR;
    cases[4].o.measure = SRW_MEASURE_SMD;
    cases[5].o.level = 100.0;
    cases[6].o.max_iter = 0;
    cases[7].o.model = SRW_MODEL_FIXED, cases[7].o.ci = SRW_CI_HKSJ;
    cases[9].o.profile = (srw_profile)7;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_error err;
        srw_error_clear(&err);
        if (srw_pool_options_resolve(&cases[i].o, cases[i].type, &err) != SRW_EUSAGE)
            fail_msg("%s: accepted", cases[i].label);
        assert_int_equal(err.code, SRW_EUSAGE);
        assert_true(err.message[0] != '\0');
    }
}

static void test_pool__run_rejects_bad_input(void **state)
{
    (void)state;
    srw_study_row r = generic_row("a", NULL, 0.2, 0.01);
    srw_study_set empty = {SRW_TYPE_GENERIC, 0, &r};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    srw_error err;
    assert_int_equal(srw_analysis_run(&a, &empty, &o, &err), SRW_EDATA);
    assert_int_equal(a.n_studies, 0);
    srw_study_set one = {SRW_TYPE_CONTINUOUS, 1, &r};
    o.method = SRW_METHOD_MH;
    assert_int_equal(srw_analysis_run(&a, &one, &o, &err), SRW_EUSAGE);
    assert_non_null(strstr(err.message, "MH"));
    assert_null(a.studies);
    srw_analysis_dispose(&a); /* safe on a failed run */
    srw_analysis_dispose(&a);
    srw_analysis_dispose(NULL);
}

static void test_pool__option_names_round_trip(void **state)
{
    (void)state;
    for (int p = SRW_PROFILE_COCHRANE; p <= SRW_PROFILE_REVMAN5; p++) {
        srw_profile got;
        assert_int_equal(srw_profile_parse(&got, srw_profile_name((srw_profile)p)), 0);
        assert_int_equal(got, p);
    }
    for (int m = SRW_MODEL_FIXED; m <= SRW_MODEL_RANDOM; m++) {
        srw_model got;
        assert_int_equal(srw_model_parse(&got, srw_model_name((srw_model)m)), 0);
        assert_int_equal(got, m);
    }
    for (int m = SRW_METHOD_IV; m <= SRW_METHOD_PETO; m++) {
        srw_method got;
        assert_int_equal(srw_method_parse(&got, srw_method_name((srw_method)m)), 0);
        assert_int_equal(got, m);
    }
    for (int m = SRW_TAU2_DL; m <= SRW_TAU2_EB; m++) {
        srw_tau2_method got;
        assert_int_equal(srw_tau2_method_parse(&got, srw_tau2_method_name((srw_tau2_method)m)), 0);
        assert_int_equal(got, m);
    }
    for (int m = SRW_CI_WALD; m <= SRW_CI_HKSJ; m++) {
        srw_ci_method got;
        assert_int_equal(srw_ci_method_parse(&got, srw_ci_method_name((srw_ci_method)m)), 0);
        assert_int_equal(got, m);
    }
    assert_string_equal(srw_profile_name(SRW_PROFILE_REVMAN5), "revman5");
    assert_string_equal(srw_tau2_method_name(SRW_TAU2_REML), "REML");
    assert_string_equal(srw_ci_method_name(SRW_CI_HKSJ), "hksj");
    assert_null(srw_model_name(SRW_MODEL_DEFAULT));
    srw_model keep = SRW_MODEL_FIXED;
    assert_int_equal(srw_model_parse(&keep, "mixed"), SRW_EUSAGE);
    assert_int_equal(keep, SRW_MODEL_FIXED);
    assert_int_equal(srw_tau2_method_parse(NULL, NULL), SRW_EUSAGE);
}

/* One table per list: the text that offers it is its names in order,
 * each listed name parses back to its value through the table and through
 * the enum's own parser, and srw_pool_options_choose sets the one field. */
static void test_pool__choice_tables_give_names_parse_and_text(void **state)
{
    (void)state;
    char buf[200];
    srw_choices_text(buf, sizeof buf, srw_choices_of(SRW_CHOICES_TAU2), 0);
    assert_string_equal(buf, "DL, REML, PM, ML, SJ, HE or EB");
    srw_choices_text(buf, sizeof buf, srw_choices_of(SRW_CHOICES_MEASURE), 0);
    assert_string_equal(buf, "OR, RR, RD, PETO, MD, SMD or ROM"); /* GENERIC accepted, not offered */
    srw_choices_text(buf, sizeof buf, srw_choices_of(SRW_CHOICES_SMD), 1);
    assert_string_equal(buf, "hedges (RevMan, default), hedges-exact (metafor) or cohen");
    srw_choices_text(buf, sizeof buf, srw_choices_of(SRW_CHOICES_METHOD), 1);
    assert_string_equal(buf, "IV, MH or PETO (fixed-effect method)");
    srw_choices_text(buf, sizeof buf, srw_choices_of(SRW_CHOICES_CI), 0);
    assert_string_equal(buf, "wald or hksj");
    assert_null(srw_choices_of(SRW_CHOICES_N));
    for (int l = 0; l < SRW_CHOICES_N; l++) {
        const srw_choices *c = srw_choices_of((srw_choice_list)l);
        assert_non_null(c);
        for (size_t i = 0; i < c->n; i++) {
            assert_int_equal(srw_choices_value(c, c->items[i].name), c->items[i].value);
            assert_string_equal(srw_choices_name(c, c->items[i].value), c->items[i].name);
            srw_pool_options o = SRW_POOL_OPTIONS_INIT;
            assert_int_equal(srw_pool_options_choose(&o, (srw_choice_list)l, c->items[i].name), 0);
            /* any letter case (issue 21: --tau2 reml, --model Random) */
            char other[64];
            size_t k = 0;
            for (; c->items[i].name[k] && k + 1 < sizeof other; k++) {
                char ch = c->items[i].name[k];
                other[k] = ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
            }
            other[k] = '\0';
            assert_int_equal(srw_choices_value(c, other), c->items[i].value);
        }
        assert_int_equal(srw_choices_value(c, "Remll"), -1);
    }
    assert_int_equal(srw_choices_value(srw_choices_of(SRW_CHOICES_TAU2), "Reml"), SRW_TAU2_REML);
    srw_pool_options o = SRW_POOL_OPTIONS_INIT, before = o;
    assert_int_equal(srw_pool_options_choose(&o, SRW_CHOICES_TAU2, "DL"), 0);
    assert_int_equal(o.tau2, SRW_TAU2_DL);
    assert_int_equal(o.model, before.model);
    assert_int_equal(srw_pool_options_choose(&o, SRW_CHOICES_MEASURE, "GENERIC"), 0);
    assert_int_equal(o.measure, SRW_MEASURE_GENERIC);
    assert_int_equal(srw_pool_options_choose(&o, SRW_CHOICES_MODEL, "mixed"), SRW_EUSAGE);
    assert_int_equal(o.model, before.model);
    assert_int_equal(srw_measure_parse("SMD"), SRW_MEASURE_SMD);
    srw_smd_method smd = SRW_SMD_COHEN;
    assert_int_equal(srw_smd_method_parse(&smd, "hedges-exact"), 0);
    assert_int_equal(smd, SRW_SMD_HEDGES_EXACT);
}

/* Every correction is listed in words, naming the study. */
static void test_pool__corrections_are_listed(void **state)
{
    (void)state;
    srw_study_row rows[2];
    memset(rows, 0, sizeof rows);
    rows[0].study = "Zero 1988";
    rows[0].exp_events = 0, rows[0].exp_total = 34, rows[0].ctl_events = 4, rows[0].ctl_total = 31;
    rows[1].study = "Full 1991";
    rows[1].exp_events = 7, rows[1].exp_total = 52, rows[1].ctl_events = 12, rows[1].ctl_total = 49;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 2, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = SRW_PROFILE_REVMAN5;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &o, NULL), 0);
    assert_int_equal(a.n_corrections, 1);
    assert_non_null(strstr(a.corrections[0], "Zero 1988"));
    assert_non_null(strstr(a.corrections[0], "Mantel-Haenszel"));
    assert_int_equal(a.studies[0].corrections, SRW_CORR_HALF_ADDED);
    srw_analysis_dispose(&a);
}

/* The totals a review reports (srw_pool_options.totals, RevMan's TOTALS),
 * on CD008625's analysis 15.5 (cholera, clinical failure, MH OR, fixed):
 * Rabbani 1991 BGD 10/31 vs 5/26 (long duration 72 hours), Butler 1993
 * 8/48 vs 11/46 (96 hours), two subgroups of one study each. */
static void run_totals(srw_analysis *a, srw_totals totals, int with_subgroups)
{
    srw_study_row rows[2];
    memset(rows, 0, sizeof rows);
    rows[0] = (srw_study_row){"Rabbani 1991 BGD", with_subgroups ? "72 hours" : NULL, 10, 31, 5, 26,
                              NAN, NAN, NAN, NAN, NAN, NAN};
    rows[1] = (srw_study_row){"Butler 1993 Multi-Center", with_subgroups ? "96 hours" : NULL, 8, 48, 11, 46,
                              NAN, NAN, NAN, NAN, NAN, NAN};
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 2, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = SRW_PROFILE_REVMAN5;
    o.measure = SRW_MEASURE_OR;
    o.totals = totals;
    srw_error err;
    if (srw_analysis_run(a, &set, &o, &err) != 0)
        fail_msg("%s", err.message);
}

static void test_pool__totals_the_review_reports(void **state)
{
    (void)state;
    srw_analysis all, sub, none, bare;
    run_totals(&all, SRW_TOTALS_DEFAULT, 1);
    assert_int_equal(all.opts.totals, SRW_TOTALS_ALL);
    assert_null(all.no_total);
    assert_int_equal(all.overall.k, 2);
    assert_rel(all.studies[0].weight + all.studies[1].weight, 100, 1e-12);
    assert_rel(all.studies[0].weight_subgroup, 100, 0);
    /* The subgroups' inverse-variance pool, which the test is centred on:
     * one study each, so the pool of the two studies' ln ORs. */
    double w0 = 1 / (all.studies[0].se * all.studies[0].se), w1 = 1 / (all.studies[1].se * all.studies[1].se);
    double mu = (w0 * all.studies[0].yi + w1 * all.studies[1].yi) / (w0 + w1);
    assert_rel(all.subgroup_test.estimate, mu, 1e-12);
    assert_rel(all.subgroup_test.se, sqrt(1 / (w0 + w1)), 1e-12);
    assert_rel(all.subgroup_test.stat, mu / sqrt(1 / (w0 + w1)), 1e-12);

    /* Subtotals only: weights within each subgroup, no total. */
    run_totals(&sub, SRW_TOTALS_SUB, 1);
    assert_string_equal(sub.no_total, "the review reports subgroup totals only, no overall total");
    assert_int_equal(sub.overall.k, 0);
    assert_int_equal(sub.overall.k_total, 2);
    assert_true(isnan(sub.overall.estimate) && isnan(sub.overall.Q));
    assert_string_equal(sub.overall.note, sub.no_total);
    assert_rel(sub.overall.exp_total, 79, 0); /* the studies' participants stay facts */
    assert_rel(sub.studies[0].weight, 100, 0);
    assert_rel(sub.studies[1].weight, 100, 0);
    assert_int_equal(sub.subgroups[0].pooled.k, 1);
    assert_true(sub.subgroup_test.present);
    assert_rel(sub.subgroup_test.Q, all.subgroup_test.Q, 0);

    /* No totals: no subtotals, no test, no weights either. */
    run_totals(&none, SRW_TOTALS_NONE, 1);
    assert_string_equal(none.no_total, "the review reports no totals for this analysis, nor subtotals");
    assert_int_equal(none.overall.k, 0);
    assert_int_equal(none.subgroups[1].pooled.k, 0);
    assert_false(none.subgroup_test.present);
    assert_true(isnan(none.studies[0].weight) && isnan(none.subgroup_test.estimate));
    assert_true(none.studies[0].estimable);
    assert_rel(none.studies[0].yi, all.studies[0].yi, 0);

    /* Subtotals only without subgroups: nothing to total (CD008625 7.4). */
    run_totals(&bare, SRW_TOTALS_SUB, 0);
    assert_string_equal(bare.no_total, "the review reports no total for this analysis");
    assert_true(isnan(bare.studies[1].weight));
    srw_analysis_dispose(&all);
    srw_analysis_dispose(&sub);
    srw_analysis_dispose(&none);
    srw_analysis_dispose(&bare);
}

/* I-squared is written one way everywhere (issue 21: "0%" in one place,
 * "0.0%" in another): a whole percent, one decimal only where rounding
 * would reach GRADE's 50% or 75%. */
static void test_pool__i2_is_written_one_way(void **state)
{
    (void)state;
    static const struct {
        double i2;
        const char *want;
    } cases[] = {{0.0, "0%"}, {92.13, "92%"}, {49.4, "49%"}, {49.6, "49.6%"}, {50.0, "50%"},
                 {74.6, "74.6%"}, {74.4, "74%"}, {75.0, "75%"}, {100.0, "100%"}, {NAN, "-"}};
    char buf[16];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_i2_text(buf, sizeof buf, cases[i].i2);
        assert_string_equal(buf, cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool__i2_is_written_one_way),
        cmocka_unit_test(test_pool__homogeneous_data_puts_tau2_on_the_boundary),
        cmocka_unit_test(test_pool__single_study_is_reported_without_heterogeneity),
        cmocka_unit_test(test_pool__all_double_zero_gives_no_estimate_and_no_error),
        cmocka_unit_test(test_pool__zero_variance_study_is_left_out),
        cmocka_unit_test(test_pool__non_convergence_is_reported_with_the_last_value),
        cmocka_unit_test(test_pool__hksj_with_two_studies_uses_t_on_one_df),
        cmocka_unit_test(test_pool__subgroups_each_get_their_own_tau2_and_a_test),
        cmocka_unit_test(test_pool__one_subgroup_has_no_test),
        cmocka_unit_test(test_pool__profiles_resolve_their_defaults),
        cmocka_unit_test(test_pool__invalid_combinations_are_usage_errors),
        cmocka_unit_test(test_pool__run_rejects_bad_input),
        cmocka_unit_test(test_pool__option_names_round_trip),
        cmocka_unit_test(test_pool__choice_tables_give_names_parse_and_text),
        cmocka_unit_test(test_pool__corrections_are_listed),
        cmocka_unit_test(test_pool__totals_the_review_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
