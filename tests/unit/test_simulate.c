/* The simulation engine (src/core/simulate*.c): determinism, shards that
 * merge into the whole run bit for bit, the generators' effects, the
 * settings' rules, and the known behaviour of DerSimonian-Laird and HKSJ
 * intervals against the literature, each within its Monte Carlo error.
 * The partial files and the layouts: test_simpart.c. */
#include <string.h>

#include "testutil.h"

#include "core/simulate_internal.h"
#include "srw/effect.h"
#include "srw/simulate.h"

static srw_sim_options opts_of(const char *const *kv)
{
    srw_sim_options o = SRW_SIM_OPTIONS_INIT;
    srw_error err;
    for (; kv[0] != NULL; kv += 2)
        if (srw_sim_options_set(&o, kv[0], kv[1], &err) != 0)
            fail_msg("%s %s: %s", kv[0], kv[1], err.message);
    return o;
}

/* A whole run of o into *r (the caller disposes of it). */
static void run_all(srw_sim_result *r, const srw_sim_options *o)
{
    srw_error err;
    if (srw_sim_result_init(r, o, &err) != 0 || srw_sim_run(r, 1, 1, NULL, NULL, &err) != 0)
        fail_msg("%s", err.message);
}

/* The summary rows of a finished run (the caller frees them). */
static srw_sim_row *summary(const srw_sim_result *r)
{
    srw_error err;
    srw_sim_row *rows = calloc(srw_sim_n_rows(r), sizeof *rows);
    assert_non_null(rows);
    if (srw_sim_summarise(rows, r, &err) != 0)
        fail_msg("%s", err.message);
    return rows;
}

static int same_sums(const srw_sim_result *a, const srw_sim_result *b)
{
    return a->n_units == b->n_units && a->opts.n_methods == b->opts.n_methods &&
           memcmp(a->sums, b->sums, (size_t)(a->n_units * a->opts.n_methods) * sizeof *a->sums) == 0 &&
           memcmp(a->done, b->done, (size_t)a->n_units) == 0;
}

/* The row of k, tau2 and method m (index in the options' list). */
static const srw_sim_row *row_of(const srw_sim_row *rows, const srw_sim_result *r, unsigned k, double tau2,
                                 size_t m)
{
    for (size_t i = 0; i < srw_sim_n_rows(r); i++)
        if (rows[i].k == k && rows[i].tau2 == tau2 && rows[i].method.tau2 == r->opts.methods[m].tau2 &&
            rows[i].method.ci == r->opts.methods[m].ci)
            return &rows[i];
    fail_msg("no row for k = %u, tau2 = %g", k, tau2);
    return NULL;
}

/* The generator is xoshiro256** seeded by splitmix64, checked against the
 * reference outputs: splitmix64 from state 0 gives e220a8397b1dcdaf,
 * 6e789e6aa1b965f4, 06c45d188009454f, f88bb8a8724c81ec (Vigna's
 * splitmix64.c, Java's SplittableRandom); xoshiro256** from the state
 * {1, 2, 3, 4} gives 11520 and then 0 (the algorithm by hand:
 * rotl(2 * 5, 7) * 9 = 11520; the second step leaves s[1] = 0). */
static void test_simulate__generator_is_xoshiro256ss_seeded_by_splitmix64(void **state)
{
    (void)state;
    gsl_rng *r = srw_sim__rng_alloc();
    assert_non_null(r);
    uint64_t s[4] = {1, 2, 3, 4};
    srw_sim__rng_set_state(r, s);
    assert_int_equal(gsl_rng_get(r), 0); /* 11520 >> 32 */
    srw_sim__rng_set_state(r, s);
    assert_true(gsl_rng_uniform(r) == (double)(11520u >> 11) * 0x1.0p-53);
    assert_true(gsl_rng_uniform(r) == 0.0);
    srw_sim__rng_seed(r, 0);
    const uint64_t *st = gsl_rng_state(r);
    assert_true(st[0] == 0xe220a8397b1dcdafULL && st[1] == 0x6e789e6aa1b965f4ULL);
    assert_true(st[2] == 0x06c45d188009454fULL && st[3] == 0xf88bb8a8724c81ecULL);
    gsl_rng_free(r);
    /* Neighbouring replications, seeds and scenarios get unrelated keys. */
    uint64_t k0 = srw_sim_stream_key(1, 5, 0.1, 0);
    assert_true(k0 != srw_sim_stream_key(1, 5, 0.1, 1));
    assert_true(k0 != srw_sim_stream_key(2, 5, 0.1, 0));
    assert_true(k0 != srw_sim_stream_key(1, 6, 0.1, 0));
    assert_true(k0 != srw_sim_stream_key(1, 5, 0.2, 0));
    assert_true(srw_sim_stream_key(1, 5, 0.0, 3) == srw_sim_stream_key(1, 5, -0.0, 3));
}

static void test_simulate__same_seed_same_sums_other_seed_others(void **state)
{
    (void)state;
    const char *kv[] = {"k", "3,7", "true-tau2", "0,0.1", "reps", "300", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result a, b, c;
    run_all(&a, &o);
    run_all(&b, &o);
    assert_true(same_sums(&a, &b));
    o.seed = 2;
    run_all(&c, &o);
    assert_false(same_sums(&a, &c));
    srw_sim_result_dispose(&a);
    srw_sim_result_dispose(&b);
    srw_sim_result_dispose(&c);
}

/* A scenario's numbers do not depend on the grid around it: its streams
 * are keyed by its k and tau^2, not by its place. */
static void test_simulate__a_scenario_is_the_same_in_any_grid(void **state)
{
    (void)state;
    const char *one[] = {"k", "5", "true-tau2", "0.1", "reps", "400", NULL};
    const char *grid[] = {"k", "3,5,8", "true-tau2", "0,0.1", "reps", "400", NULL};
    srw_sim_options o1 = opts_of(one), o2 = opts_of(grid);
    srw_sim_result a, b;
    run_all(&a, &o1);
    run_all(&b, &o2);
    srw_sim_row *ra = summary(&a), *rb = summary(&b);
    for (size_t m = 0; m < 2; m++) {
        const srw_sim_row *x = row_of(ra, &a, 5, 0.1, m), *y = row_of(rb, &b, 5, 0.1, m);
        assert_memory_equal(&x->coverage, &y->coverage, sizeof(double));
        assert_memory_equal(&x->rmse, &y->rmse, sizeof(double));
        assert_memory_equal(&x->tau2_rmse, &y->tau2_rmse, sizeof(double));
    }
    free(ra);
    free(rb);
    srw_sim_result_dispose(&a);
    srw_sim_result_dispose(&b);
}

/* Three shards merged in another order give the whole run's block sums
 * bit for bit, and so its summary.  2,500 replications make three blocks
 * per scenario, the last one short. */
static void test_simulate__shards_merge_into_the_whole_run_bit_for_bit(void **state)
{
    (void)state;
    const char *kv[] = {"measure", "OR", "k", "3,6", "true-tau2", "0,0.2", "reps", "2500", "n", "10-60",
                        "methods", "DL-wald,REML-hksj,PM-hksj", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result whole, merged, part[3];
    srw_error err;
    run_all(&whole, &o);
    assert_int_equal(srw_sim_result_init(&merged, &o, &err), 0);
    uint64_t reps = 0;
    for (unsigned p = 1; p <= 3; p++) {
        assert_int_equal(srw_sim_result_init(&part[p - 1], &o, &err), 0);
        assert_int_equal(srw_sim_run(&part[p - 1], p, 3, NULL, NULL, &err), 0);
        assert_true(srw_sim_missing(&part[p - 1]) > 0);
        reps += srw_sim_shard_reps(&part[p - 1], p, 3);
    }
    assert_true(reps == 4 * 2500);
    for (int p = 2; p >= 0; p--) {
        assert_int_equal(srw_sim_result_merge(&merged, &part[p], &err), 0);
        /* a block twice is refused */
        assert_int_equal(srw_sim_result_merge(&merged, &part[p], &err), SRW_EDATA);
        assert_non_null(strstr(err.message, "is in two parts"));
    }
    assert_int_equal(srw_sim_missing(&merged), 0);
    assert_true(same_sums(&whole, &merged));
    srw_sim_row *a = summary(&whole), *b = summary(&merged);
    assert_memory_equal(a, b, srw_sim_n_rows(&whole) * sizeof *a);
    free(a);
    free(b);
    /* A part of another study does not merge. */
    srw_sim_result other;
    o.seed = 9;
    assert_int_equal(srw_sim_result_init(&other, &o, &err), 0);
    assert_int_equal(srw_sim_result_merge(&merged, &other, &err), SRW_EDATA);
    assert_string_equal(err.message, "the parts are of different studies: --seed 1 in one, 9 in the other");
    srw_sim_result_dispose(&other);
    for (int p = 0; p < 3; p++)
        srw_sim_result_dispose(&part[p]);
    srw_sim_result_dispose(&whole);
    srw_sim_result_dispose(&merged);
}

/* A part that does not finish the study: the summary names what is
 * missing instead of printing numbers of part of the replications. */
static void test_simulate__a_study_with_a_part_missing_has_no_summary(void **state)
{
    (void)state;
    const char *kv[] = {"k", "3", "true-tau2", "0", "reps", "2001", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result r;
    srw_error err;
    assert_int_equal(srw_sim_result_init(&r, &o, &err), 0);
    assert_int_equal(srw_sim_run(&r, 2, 2, NULL, NULL, &err), 0);
    assert_int_equal(srw_sim_missing(&r), 2);
    srw_sim_row rows[2];
    assert_int_equal(srw_sim_summarise(rows, &r, &err), SRW_EDATA);
    assert_string_equal(err.message, "block 1 of scenario 1 (k = 3) has not been run: 2 of 3 blocks are missing "
                                     "(a part not merged?)");
    assert_int_equal(srw_sim_run(&r, 3, 2, NULL, NULL, &err), SRW_EUSAGE);
    srw_sim_result_dispose(&r);
}

/* Each replication is what srw_analysis_run makes of srw_sim_draw's
 * studies: the engine pools with srw's own analysis, nothing of its own. */
static void test_simulate__a_replication_is_srw_analysis_run_of_the_drawn_studies(void **state)
{
    (void)state;
    const char *kv[] = {"measure", "SMD", "k", "4", "true-tau2", "0.1", "true-effect", "0.3", "reps", "1",
                        "methods", "REML-hksj", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result r;
    run_all(&r, &o);
    srw_study_row rows[4];
    srw_outcome_type type;
    srw_error err;
    assert_int_equal(srw_sim_draw(rows, &type, &o, 4, 0.1, 0, &err), 0);
    assert_int_equal(type, SRW_TYPE_CONTINUOUS);
    srw_study_set set = {type, 4, rows};
    srw_pool_options po = SRW_POOL_OPTIONS_INIT;
    po.measure = SRW_MEASURE_SMD;
    po.model = SRW_MODEL_RANDOM;
    po.tau2 = SRW_TAU2_REML;
    po.ci = SRW_CI_HKSJ;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &set, &po, &err), 0);
    const srw_sim_sums *s = &r.sums[0];
    assert_int_equal(s->n, 1);
    assert_int_equal(s->fitted, 1);
    assert_int_equal(s->covered, a.overall.ci_lower <= 0.3 && 0.3 <= a.overall.ci_upper);
    assert_true(s->err == a.overall.estimate - 0.3);
    assert_true(s->width == a.overall.ci_upper - a.overall.ci_lower);
    assert_true(s->t2err == a.overall.tau2 - 0.1);
    assert_int_equal(s->pi_n, 1);
    srw_analysis_dispose(&a);
    srw_sim_result_dispose(&r);
}

/* Each measure's generator centres the studies' effects on the true effect
 * and spreads their true effects by tau^2: over 3,000 studies the mean
 * observed effect is theta within 4 Monte Carlo SEs, and their variance is
 * tau^2 plus the mean within-study variance within 15%. */
static void check_generator(const char *measure, const char *effect, const char *n, double tol_extra)
{
    const char *kv[] = {"measure", measure, "true-effect", effect, "n", n, NULL};
    srw_sim_options o = opts_of(kv);
    enum { K = 30, REPS = 100 };
    double tau2 = 0.05, theta = o.effect, sy = 0, syy = 0, sv = 0;
    size_t m = 0;
    srw_study_row rows[K];
    srw_outcome_type type;
    srw_error err;
    for (uint64_t rep = 0; rep < REPS; rep++) {
        assert_int_equal(srw_sim_draw(rows, &type, &o, K, tau2, rep, &err), 0);
        for (int i = 0; i < K; i++) {
            srw_effect e;
            assert_int_equal(srw_effect_compute(&e, &rows[i], type, o.measure, SRW_SMD_HEDGES, &err), 0);
            assert_true(e.estimable);
            sy += e.yi, syy += e.yi * e.yi, sv += e.vi, m++;
        }
    }
    double mean = sy / (double)m, var = (syy - sy * sy / (double)m) / (double)(m - 1), vbar = sv / (double)m;
    double se = sqrt(var / (double)m);
    if (fabs(mean - theta) > 4.0 * se + tol_extra)
        fail_msg("%s: mean effect %.5f, want %.5f (4 SE = %.5f)", measure, mean, theta, 4.0 * se);
    if (fabs(var - (tau2 + vbar)) > 0.15 * (tau2 + vbar))
        fail_msg("%s: variance of the effects %.5f, want tau2 + mean v = %.5f", measure, var, tau2 + vbar);
}

static void test_simulate__each_measure_draws_the_true_effect(void **state)
{
    (void)state;
    check_generator("MD", "0.4", "20-200", 0.0);
    /* Hedges' g is unbiased up to O(1/N^2): nothing to allow at N >= 40. */
    check_generator("SMD", "0.4", "20-200", 0.0);
    /* Large arms: the log ratios' small-sample bias is negligible. */
    check_generator("OR", "0.4", "20000", 0.0);
    check_generator("RR", "-0.3", "20000", 0.0);
}

/* IntHout, Ioannidis & Borm (BMC Med Res Methodol 2014;14:25): with few
 * studies and substantial heterogeneity the DerSimonian-Laird estimate with
 * a Wald interval covers clearly below 95%, while HKSJ keeps close to it
 * (with trials of equal size).  Five trials of 100 per arm, tau^2 0.06 and
 * 0.25 (I^2 about 75% and 93%); 6,000 replications: "clearly below" is
 * below 93% by more than three binomial SEs, "close" within three SEs of
 * 95%. */
static void test_simulate__dl_wald_undercovers_and_hksj_holds_with_five_studies(void **state)
{
    (void)state;
    const char *kv[] = {"k", "5", "true-tau2", "0.06,0.25", "n", "100", "reps", "6000", "methods",
                        "DL-wald,REML-hksj", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result r;
    run_all(&r, &o);
    srw_sim_row *rows = summary(&r);
    for (int t = 0; t < 2; t++) {
        const srw_sim_row *dl = row_of(rows, &r, 5, o.tau2[t], 0), *hk = row_of(rows, &r, 5, o.tau2[t], 1);
        double se95 = sqrt(0.95 * 0.05 / 6000.0);
        if (!(dl->coverage + 3.0 * dl->coverage_se < 0.93))
            fail_msg("tau2 %g: DL-wald covers %.4f (SE %.4f), not clearly below 95%%", o.tau2[t], dl->coverage,
                     dl->coverage_se);
        if (fabs(hk->coverage - 0.95) > 3.0 * se95)
            fail_msg("tau2 %g: REML-hksj covers %.4f, not within 3 SE (%.4f) of 95%%", o.tau2[t], hk->coverage,
                     3.0 * se95);
        assert_true(hk->mean_width > dl->mean_width);
        assert_true(dl->nonconverged == 0.0 && dl->no_estimate == 0.0);
    }
    free(rows);
    srw_sim_result_dispose(&r);
}

/* Friedrich, Adhikari & Beyene (BMC Med Res Methodol 2008;8:32), Table 3
 * (normal data, equal arms): random-effects MD, 10,000 meta-analyses per
 * cell, coverage in whole percent.  Arms of 100, tau = 0.5 SD: k = 5, 10,
 * 30 cover 88, 92, 94%; tau = 0: 96, 96, 96%.  srw's DL-wald on the same
 * design must agree within the table's rounding (0.5 points) and 2.58
 * combined Monte Carlo SEs (theirs and ours). */
static void test_simulate__dl_wald_reproduces_friedrich_2008_table_3(void **state)
{
    (void)state;
    const char *kv[] = {"k", "5,10,30", "true-tau2", "0,0.25", "n", "100", "reps", "5000", "methods", "DL-wald",
                        NULL};
    static const struct {
        unsigned k;
        double tau2, pct;
    } table[] = {{5, 0.25, 88}, {10, 0.25, 92}, {30, 0.25, 94}, {5, 0, 96}, {10, 0, 96}, {30, 0, 96}};
    srw_sim_options o = opts_of(kv);
    srw_sim_result r;
    run_all(&r, &o);
    srw_sim_row *rows = summary(&r);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const srw_sim_row *w = row_of(rows, &r, table[i].k, table[i].tau2, 0);
        double p = table[i].pct / 100.0, se_pub = sqrt(p * (1 - p) / 10000.0);
        double tol = 0.005 + 2.58 * sqrt(se_pub * se_pub + w->coverage_se * w->coverage_se);
        if (fabs(w->coverage - p) > tol)
            fail_msg("k %u, tau2 %g: srw covers %.4f, Friedrich et al. %.2f (tolerance %.4f)", table[i].k,
                     table[i].tau2, w->coverage, p, tol);
    }
    free(rows);
    srw_sim_result_dispose(&r);
}

static void expect_bad(const char *key, const char *value, const char *message)
{
    srw_sim_options o = SRW_SIM_OPTIONS_INIT, before = o;
    srw_error err;
    assert_int_equal(srw_sim_options_set(&o, key, value, &err), SRW_EUSAGE);
    if (message != NULL)
        assert_string_equal(err.message, message);
    else if (strncmp(err.message, "--", 2) != 0 || strstr(err.message, " must be ") == NULL)
        fail_msg("%s %s: %s", key, value, err.message);
    assert_true(srw_sim_options_equal(&o, &before));
}

static void test_simulate__settings_are_checked_and_read_back(void **state)
{
    (void)state;
    expect_bad("k", "5,3", "--k must be whole numbers from 2 to 1000, comma-separated, increasing, at most 32 "
                           "(got '5,3')");
    expect_bad("k", "1", NULL);
    expect_bad("k", "", NULL);
    expect_bad("k", "3,,5", NULL);
    expect_bad("k", "3,5,", NULL);
    expect_bad("k", "1001", NULL);
    expect_bad("k", "x", NULL);
    expect_bad("true-tau2", "-0.1", NULL);
    expect_bad("true-tau2", "0.1,0.1", NULL);
    expect_bad("true-tau2", "nan", NULL);
    expect_bad("true-effect", "inf", NULL);
    expect_bad("n", "1-5", NULL);
    expect_bad("n", "30-20", NULL);
    expect_bad("n", "20-", NULL);
    expect_bad("baseline-risk", "0", NULL);
    expect_bad("baseline-risk", "1", NULL);
    expect_bad("reps", "0", NULL);
    expect_bad("reps", "1000000001", NULL);
    expect_bad("seed", "-1", NULL);
    expect_bad("seed", "18446744073709551616", NULL);
    expect_bad("measure", "RD", "--measure must be MD, SMD, RR or OR (got 'RD')");
    expect_bad("methods", "DL-wald,DL-wald", NULL);
    expect_bad("methods", "REML", NULL);
    expect_bad("methods", "reml_hksj",
               "--methods must be comma-separated TAU2-CI pairs, each once, at most 16, TAU2 one of DL, REML, PM, "
               "ML, SJ, HE or EB, CI wald or hksj (e.g. REML-hksj) (got 'reml_hksj')");
    /* Names in any letter case (issue 21), each once whatever its case. */
    expect_bad("methods", "REML-hksj,reml-HKSJ", NULL);
    {
        srw_sim_options o = SRW_SIM_OPTIONS_INIT;
        srw_error err;
        char text[SRW_SIM_TEXT_MAX];
        assert_int_equal(srw_sim_options_set(&o, "methods", "reml-HKSJ,dl-Wald", &err), 0);
        assert_int_equal(srw_sim_options_set(&o, "measure", "rr", &err), 0);
        assert_int_equal(o.measure, SRW_MEASURE_RR);
        srw_sim_options_get(text, sizeof text, &o, "methods");
        assert_string_equal(text, "REML-hksj,DL-wald");
    }

    /* Every setting's text reads back to the same value, bit for bit. */
    const char *kv[] = {"measure", "RR", "k", "2,4,1000", "true-tau2", "0,0.1,0.30000000000000004",
                        "true-effect", "-0.2231435513142097", "n", "7", "baseline-risk", "0.05", "seed",
                        "18446744073709551615", "methods", "SJ-wald,EB-hksj", NULL};
    srw_sim_options o = opts_of(kv), back = SRW_SIM_OPTIONS_INIT;
    srw_error err;
    size_t n;
    const srw_sim_setting *set = srw_sim_settings(&n);
    char text[SRW_SIM_TEXT_MAX];
    for (size_t i = 0; i < n; i++) {
        srw_sim_options_get(text, sizeof text, &o, set[i].key);
        assert_int_equal(srw_sim_options_set(&back, set[i].key, text, &err), 0);
    }
    assert_true(srw_sim_options_equal(&o, &back));
    srw_sim_options_get(text, sizeof text, &o, "true-tau2");
    assert_string_equal(text, "0,0.1,0.30000000000000004");
    assert_int_equal(srw_sim_options_check(&o, &err), 0);

    /* The block sums a study keeps are bounded. */
    const char *big[] = {"reps", "1000000000", NULL};
    o = opts_of(big);
    assert_int_equal(srw_sim_options_check(&o, &err), SRW_EUSAGE);
    assert_non_null(strstr(err.message, "--reps 1000000000 with 12 scenarios and 2 methods"));
    o = (srw_sim_options)SRW_SIM_OPTIONS_INIT;
    o.n_k = 0;
    assert_int_equal(srw_sim_options_check(&o, &err), SRW_EUSAGE);
    assert_string_equal(err.message, "--k must be whole numbers from 2 to 1000, comma-separated, increasing, at "
                                     "most 32 (got '')");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simulate__generator_is_xoshiro256ss_seeded_by_splitmix64),
        cmocka_unit_test(test_simulate__same_seed_same_sums_other_seed_others),
        cmocka_unit_test(test_simulate__a_scenario_is_the_same_in_any_grid),
        cmocka_unit_test(test_simulate__shards_merge_into_the_whole_run_bit_for_bit),
        cmocka_unit_test(test_simulate__a_study_with_a_part_missing_has_no_summary),
        cmocka_unit_test(test_simulate__a_replication_is_srw_analysis_run_of_the_drawn_studies),
        cmocka_unit_test(test_simulate__each_measure_draws_the_true_effect),
        cmocka_unit_test(test_simulate__dl_wald_undercovers_and_hksj_holds_with_five_studies),
        cmocka_unit_test(test_simulate__dl_wald_reproduces_friedrich_2008_table_3),
        cmocka_unit_test(test_simulate__settings_are_checked_and_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
