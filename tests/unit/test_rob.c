/* The overall risk of bias from domain judgements (srw/rob.h): RoB 1 by the
 * Cochrane Handbook 5.1's Table 8.7.a over the key domains, RoB 2 by its
 * algorithm (Sterne et al. BMJ 2019;366:l4898), and the check of a RoB 2
 * overall a reviewer gives.  Every class of combination is named below, and
 * then every combination (4^7 for RoB 1, 4^6 for RoB 2 with its given
 * overall) is checked against the rules' sentences, written out again here
 * as the sources word them. */
#include "testutil.h"

#include <string.h>

#include "srw/grade.h"
#include "srw/rob.h"

#define L SRW_ROB_LOW
#define U SRW_ROB_UNCLEAR
#define H SRW_ROB_HIGH
#define N SRW_ROB_UNSET

static srw_rob_judgement rob1(const srw_rob_judgement r[SRW_ROB_N], int *missing)
{
    return srw_rob1_overall(r, SRW_ROB1_KEY_ALL, missing);
}

static void test_rob__rob1_each_class(void **state)
{
    (void)state;
    int missing = -1;
    const srw_rob_judgement all_low[SRW_ROB_N] = {L, L, L, L, L, L, L};
    assert_int_equal(rob1(all_low, &missing), L);
    assert_int_equal(missing, 0);
    const srw_rob_judgement one_unclear[SRW_ROB_N] = {L, L, L, U, L, L, L};
    assert_int_equal(rob1(one_unclear, &missing), U);
    const srw_rob_judgement one_high[SRW_ROB_N] = {L, L, L, L, L, L, H};
    assert_int_equal(rob1(one_high, &missing), H);
    const srw_rob_judgement high_and_unclear[SRW_ROB_N] = {U, U, H, U, U, U, U};
    assert_int_equal(rob1(high_and_unclear, &missing), H);
    /* The case: low on 2 of 7, the rest unjudged, is unclear. */
    const srw_rob_judgement two_low[SRW_ROB_N] = {L, L, N, N, N, N, N};
    assert_int_equal(rob1(two_low, &missing), U);
    assert_int_equal(missing, 5);
    /* A high domain among unjudged ones is high all the same. */
    const srw_rob_judgement high_alone[SRW_ROB_N] = {N, N, N, H, N, N, N};
    assert_int_equal(rob1(high_alone, &missing), H);
    assert_int_equal(missing, 6);
    /* Nothing judged: no overall (its users count it as unclear). */
    const srw_rob_judgement none[SRW_ROB_N] = {N, N, N, N, N, N, N};
    assert_int_equal(rob1(none, &missing), N);
    assert_int_equal(missing, 7);
    assert_int_equal(srw_rob1_overall(two_low, SRW_ROB1_KEY_ALL, NULL), U);
}

/* Key domains other than all seven: a domain that is not key decides
 * nothing, high or unjudged. */
static void test_rob__rob1_only_key_domains_decide(void **state)
{
    (void)state;
    unsigned key = SRW_ROB1_KEY(SRW_ROB_SEQUENCE) | SRW_ROB1_KEY(SRW_ROB_ALLOCATION);
    int missing = -1;
    const srw_rob_judgement other_high[SRW_ROB_N] = {L, L, N, N, N, N, H};
    assert_int_equal(srw_rob1_overall(other_high, key, &missing), L);
    assert_int_equal(missing, 0);
    const srw_rob_judgement key_unjudged[SRW_ROB_N] = {L, N, L, L, L, L, L};
    assert_int_equal(srw_rob1_overall(key_unjudged, key, &missing), U);
    assert_int_equal(missing, 1);
    /* Judged only outside the key domains: the key ones are unjudged. */
    const srw_rob_judgement outside[SRW_ROB_N] = {N, N, L, L, L, L, L};
    assert_int_equal(srw_rob1_overall(outside, key, &missing), U);
    assert_int_equal(missing, 2);
}

/* All 4^7 combinations against Table 8.7.a read literally (all seven
 * domains key; an unjudged domain is unclear): "high risk of bias for one or
 * more key domains"; "low risk of bias for all key domains"; "unclear risk
 * of bias for one or more key domains" otherwise. */
static void test_rob__rob1_every_combination(void **state)
{
    (void)state;
    const srw_rob_judgement values[4] = {N, L, U, H};
    size_t counts[4] = {0};
    for (unsigned code = 0; code < 1u << (2 * SRW_ROB_N); code++) {
        srw_rob_judgement r[SRW_ROB_N];
        int n_high = 0, n_low = 0, n_set = 0;
        for (int d = 0; d < SRW_ROB_N; d++) {
            r[d] = values[(code >> (2 * d)) & 3u];
            n_high += r[d] == H;
            n_low += r[d] == L;
            n_set += r[d] != N;
        }
        srw_rob_judgement want = n_set == 0 ? N : n_high > 0 ? H : n_low == SRW_ROB_N ? L : U;
        int missing;
        srw_rob_judgement got = rob1(r, &missing);
        if (got != want)
            fail_msg("combination %u: got %d, want %d", code, (int)got, (int)want);
        assert_int_equal(missing, SRW_ROB_N - n_set);
        counts[got]++;
    }
    /* The classes' sizes: 1 with nothing judged, 1 all low, 4^7 - 3^7 with a
     * high, and the rest unclear. */
    assert_int_equal(counts[N], 1);
    assert_int_equal(counts[L], 1);
    assert_int_equal(counts[H], 16384 - 2187);
    assert_int_equal(counts[U], 2187 - 2);
}

/* ------------------------------------------------------------------ RoB 2 */

#define l SRW_ROB2_LOW
#define sc SRW_ROB2_SOME_CONCERNS
#define h SRW_ROB2_HIGH
#define n SRW_ROB2_UNSET

static void test_rob__rob2_each_class(void **state)
{
    (void)state;
    const srw_rob2_judgement all_low[SRW_ROB2_ITEMS] = {l, l, l, l, l, n};
    assert_int_equal(srw_rob2_overall(all_low), l);
    const srw_rob2_judgement one_concern[SRW_ROB2_ITEMS] = {l, sc, l, l, l, n};
    assert_int_equal(srw_rob2_overall(one_concern), sc);
    /* Multiple concerns: the algorithm says some concerns; high is the
     * reviewer's call. */
    const srw_rob2_judgement many_concerns[SRW_ROB2_ITEMS] = {sc, sc, sc, sc, sc, n};
    assert_int_equal(srw_rob2_overall(many_concerns), sc);
    const srw_rob2_judgement one_high[SRW_ROB2_ITEMS] = {l, l, l, l, h, n};
    assert_int_equal(srw_rob2_overall(one_high), h);
    const srw_rob2_judgement high_and_concerns[SRW_ROB2_ITEMS] = {sc, h, sc, l, l, n};
    assert_int_equal(srw_rob2_overall(high_and_concerns), h);
    /* An unjudged domain is not low. */
    const srw_rob2_judgement four_low[SRW_ROB2_ITEMS] = {l, l, l, l, n, n};
    assert_int_equal(srw_rob2_overall(four_low), sc);
    const srw_rob2_judgement high_alone[SRW_ROB2_ITEMS] = {n, n, h, n, n, n};
    assert_int_equal(srw_rob2_overall(high_alone), h);
    const srw_rob2_judgement none[SRW_ROB2_ITEMS] = {n, n, n, n, n, h};
    assert_int_equal(srw_rob2_overall(none), n); /* the given overall is not a domain */
}

/* The given overall against the domains: every class of agreement and
 * contradiction, with the message naming the domains that contradict. */
static void test_rob__rob2_given_overall_checked(void **state)
{
    (void)state;
    char why[400];
    struct {
        srw_rob2_judgement r[SRW_ROB2_ITEMS];
        int warns;
        srw_rob2_judgement used;
        const char *says;
    } cases[] = {
        /* agrees with the algorithm */
        {{l, l, l, l, l, l}, 0, l, ""},
        {{l, sc, l, l, l, sc}, 0, sc, ""},
        {{h, sc, l, l, l, h}, 0, h, ""},
        /* high over some concerns: the reviewer's judgement the tool allows */
        {{sc, sc, l, l, l, h}, 0, h, ""},
        {{l, sc, l, l, l, h}, 0, h, ""},
        /* low beside a domain that is not low */
        {{l, l, h, l, l, l}, 1, h, "rob2_overall: low, but rob2_missing is high (the RoB 2 algorithm gives high)"},
        {{l, sc, l, l, l, l}, 1, sc,
         "rob2_overall: low, but rob2_deviations has some concerns (the RoB 2 algorithm gives some concerns)"},
        {{l, l, l, n, l, l}, 1, sc,
         "rob2_overall: low, but rob2_measurement is not judged (the RoB 2 algorithm gives some concerns)"},
        /* some concerns beside a high domain, or beside five low ones */
        {{sc, n, l, l, h, sc}, 1, h,
         "rob2_overall: some_concerns, but rob2_selection is high (the RoB 2 algorithm gives high)"},
        {{l, l, l, l, l, sc}, 1, sc,
         "rob2_overall: some_concerns, but every domain is low (the RoB 2 algorithm gives low)"},
        /* high beside five low ones */
        {{l, l, l, l, l, h}, 1, h, "rob2_overall: high, but every domain is low (the RoB 2 algorithm gives low)"},
        /* nothing to check: no overall given, or no domain judged */
        {{l, l, h, l, l, n}, 0, h, ""},
        {{n, n, n, n, n, l}, 0, l, ""},
        {{n, n, n, n, n, n}, 0, n, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int w = srw_rob2_overall_check(cases[i].r, why, sizeof why);
        if (w != cases[i].warns || strcmp(why, cases[i].says) != 0)
            fail_msg("case %zu: warns %d '%s', want %d '%s'", i, w, why, cases[i].warns, cases[i].says);
        assert_int_equal(srw_rob2_overall_used(cases[i].r), cases[i].used);
    }
    /* A buffer too small is cut, not overrun. */
    char tiny[8];
    assert_int_equal(srw_rob2_overall_check(cases[5].r, tiny, sizeof tiny), 1);
    assert_int_equal(strlen(tiny), sizeof tiny - 1);
}

/* All 4^6 combinations of the five domains and the given overall, against
 * the RoB 2 rule as Sterne et al. word it: low "for all domains"; high "in
 * at least one domain"; some concerns otherwise (the multiple-concerns step
 * left to the reviewer); and the check: a given overall warns exactly when
 * it is low and a domain is not, some concerns and a domain is high or all
 * five are low, or high and all five are low. */
static void test_rob__rob2_every_combination(void **state)
{
    (void)state;
    const srw_rob2_judgement values[4] = {n, l, sc, h};
    size_t counts[4] = {0}, warnings = 0;
    for (unsigned code = 0; code < 1u << (2 * SRW_ROB2_ITEMS); code++) {
        srw_rob2_judgement r[SRW_ROB2_ITEMS];
        int n_high = 0, n_low = 0, n_set = 0;
        for (int i = 0; i < SRW_ROB2_ITEMS; i++) {
            r[i] = values[(code >> (2 * i)) & 3u];
            if (i == SRW_ROB2_OVERALL)
                continue;
            n_high += r[i] == h;
            n_low += r[i] == l;
            n_set += r[i] != n;
        }
        srw_rob2_judgement want = n_set == 0 ? n : n_high > 0 ? h : n_low == SRW_ROB2_N ? l : sc;
        srw_rob2_judgement got = srw_rob2_overall(r);
        if (got != want)
            fail_msg("combination %u: got %d, want %d", code, (int)got, (int)want);
        counts[got]++;
        srw_rob2_judgement g = r[SRW_ROB2_OVERALL];
        int all_low = n_low == SRW_ROB2_N;
        int want_warn = n_set > 0 && ((g == l && !all_low) || (g == sc && (n_high > 0 || all_low)) ||
                                      (g == h && all_low));
        char why[400];
        int warn = srw_rob2_overall_check(r, why, sizeof why);
        if (warn != want_warn)
            fail_msg("combination %u: check %d, want %d (%s)", code, warn, want_warn, why);
        warnings += (size_t)warn;
        /* The overall used is never milder than the domains' or the given one. */
        srw_rob2_judgement used = srw_rob2_overall_used(r);
        assert_true(used >= got && used >= g);
        assert_true(used == got || used == g);
    }
    /* Per given overall (4 of them): 1 with nothing judged, 1 all low, 4^5 -
     * 3^5 with a high, the rest some concerns. */
    assert_int_equal(counts[n], 4);
    assert_int_equal(counts[l], 4);
    assert_int_equal(counts[h], 4 * (1024 - 243));
    assert_int_equal(counts[sc], 4 * (243 - 2));
    /* low warns unless all five are low: 1023 - 1; some concerns warns with
     * a high or all low: 781 + 1; high warns when all low: 1. */
    assert_int_equal(warnings, (1023 - 1) + (781 + 1) + 1);
}

/* ------------------------------------------- GRADE's risk of bias, by tool */

#define K 3

typedef struct grade_fixture {
    srw_study_result s[K];
    srw_analysis a;
    srw_rob_judgement rob[K][SRW_ROB_N];
    srw_rob2_judgement rob2[K][SRW_ROB2_ITEMS];
    srw_grade_input in;
} grade_fixture;

/* Three studies of one outcome, weights 20, 30 and 50 (an analysis built
 * by hand: only the weights and names matter here), every RoB 1 domain low
 * and no RoB 2 judgement. */
static void grade_base(grade_fixture *f)
{
    static const char *const names[K] = {"Ames 2020", "Bose 2021", "Cruz 2022"};
    static const double weights[K] = {20.0, 30.0, 50.0};
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < K; i++) {
        f->s[i].study = (char *)names[i];
        f->s[i].yi = -0.5;
        f->s[i].se = 0.2;
        f->s[i].weight = weights[i];
        f->s[i].estimable = 1;
        for (int d = 0; d < SRW_ROB_N; d++)
            f->rob[i][d] = L;
    }
    f->a.opts.measure = SRW_MEASURE_SMD;
    f->a.type = SRW_TYPE_CONTINUOUS;
    f->a.n_studies = K;
    f->a.studies = f->s;
    f->a.overall.k = f->a.overall.k_total = K;
    f->a.overall.estimate = -0.5;
    f->a.overall.ci_lower = -0.7;
    f->a.overall.ci_upper = -0.3;
    f->a.overall.I2 = 0.0;
    f->a.overall.pi_lower = f->a.overall.pi_upper = NAN;
    f->a.overall.hksj_factor = f->a.overall.ci_lower_wide = f->a.overall.ci_upper_wide = NAN;
    f->a.overall.exp_total = f->a.overall.ctl_total = 500;
    f->a.overall.exp_events = f->a.overall.ctl_events = NAN;
    f->in.analysis = &f->a;
    f->in.rob = (const srw_rob_judgement(*)[SRW_ROB_N])f->rob;
    f->in.rob2 = (const srw_rob2_judgement(*)[SRW_ROB2_ITEMS])f->rob2;
    f->in.direction = SRW_DIR_LOWER_IS_BETTER;
    f->in.mid = NAN;
}

static srw_grade_step rob_step(const grade_fixture *f)
{
    srw_grade g;
    srw_error err;
    if (srw_grade_assess(&g, &f->in, &err) != 0)
        fail_msg("srw_grade_assess: %s", err.message);
    return g.steps[SRW_GRADE_RISK_OF_BIAS];
}

#define assert_says(step, text)                                                                            \
    do {                                                                                                   \
        if (strstr((step).reason, (text)) == NULL)                                                         \
            fail_msg("\"%s\" does not say \"%s\"", (step).reason, (text));                              \
    } while (0)

/* Without RoB 2 judgements the outcome is judged with RoB 1, and says so. */
static void test_rob__grade_uses_rob1_without_rob2_and_names_it(void **state)
{
    (void)state;
    grade_fixture f;
    grade_base(&f);
    srw_grade_step st = rob_step(&f);
    assert_int_equal(st.downgrade, 0);
    assert_says(st, "studies at high or unclear risk of bias (RoB 1) carry 0.0% of the weight");
    f.rob[2][SRW_ROB_OTHER] = N; /* Cruz (50%): low on six of seven, one unjudged: unclear */
    assert_int_equal(rob_step(&f).downgrade, 0); /* half, not more */
    f.rob[1][SRW_ROB_SELECTIVE] = N; /* Bose (30%) too: 80% */
    st = rob_step(&f);
    assert_int_equal(st.downgrade, 1);
    assert_says(st, "Cruz 2022 unclear (1 of 7 domains not judged)");
    f.in.rob2 = NULL; /* no RoB 2 array at all: the same */
    assert_int_equal(rob_step(&f).downgrade, 1);
}

/* One RoB 2 judgement of a study's result makes it the outcome's tool:
 * each study is classed by its RoB 2 overall, those without one count as
 * some concerns and are named, whatever their RoB 1 says. */
static void test_rob__grade_uses_rob2_when_the_outcome_has_it(void **state)
{
    (void)state;
    grade_fixture f;
    grade_base(&f);
    /* Cruz (50%): all five domains low, no given overall: low.  Ames and
     * Bose: no RoB 2 judgement, low by RoB 1: some concerns now, 50% of the
     * weight, not more than half. */
    for (int d = 0; d < SRW_ROB2_N; d++)
        f.rob2[2][d] = l;
    srw_grade_step st = rob_step(&f);
    assert_int_equal(st.downgrade, 0);
    assert_says(st, "studies at high risk of bias or with some concerns (RoB 2, per result) carry 50.0% of the weight, "
                    "not more than half (high risk alone 0.0%)");
    assert_says(st, "2 studies have no RoB 2 judgement of this outcome, counted as some concerns");
    assert_says(st, "Ames 2020 some concerns (no judgement), Bose 2021 some concerns (no judgement), Cruz 2022 low");
    /* Cruz's missing-data domain high: 50% high, 100% high or concerns. */
    f.rob2[2][SRW_ROB2_MISSING] = h;
    st = rob_step(&f);
    assert_int_equal(st.downgrade, 1);
    assert_says(st, "carry 100.0% of the weight, more than half (high risk alone 50.0%)");
    /* Bose's overall given high over two concerns: the reviewer's call,
     * taken (80% high: -2). */
    f.rob2[1][SRW_ROB2_RANDOMISATION] = sc;
    f.rob2[1][SRW_ROB2_DEVIATIONS] = sc;
    f.rob2[1][SRW_ROB2_OVERALL] = h;
    st = rob_step(&f);
    assert_int_equal(st.downgrade, 2);
    assert_says(st, "studies at high risk of bias (RoB 2, per result) alone carry 80.0% of the weight");
    /* A given low that contradicts a high domain does not make the result
     * look better than its domains: Cruz stays high. */
    f.rob2[2][SRW_ROB2_OVERALL] = l;
    assert_int_equal(rob_step(&f).downgrade, 2);
    /* Only a given overall, no domain: the given one. */
    memset(f.rob2, 0, sizeof f.rob2);
    f.rob2[0][SRW_ROB2_OVERALL] = sc;
    f.rob2[1][SRW_ROB2_OVERALL] = l;
    f.rob2[2][SRW_ROB2_OVERALL] = l;
    st = rob_step(&f);
    assert_int_equal(st.downgrade, 0);
    assert_says(st, "Ames 2020 some concerns, Bose 2021 low, Cruz 2022 low");
}

/* A study that carries no weight decides neither the tool nor the share. */
static void test_rob__grade_rob2_of_a_weightless_study_decides_nothing(void **state)
{
    (void)state;
    grade_fixture f;
    grade_base(&f);
    f.s[0].weight = 0.0;
    f.rob2[0][SRW_ROB2_OVERALL] = h;
    srw_grade_step st = rob_step(&f);
    assert_says(st, "(RoB 1)");
    assert_int_equal(st.downgrade, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rob__rob1_each_class),
        cmocka_unit_test(test_rob__rob1_only_key_domains_decide),
        cmocka_unit_test(test_rob__rob1_every_combination),
        cmocka_unit_test(test_rob__rob2_each_class),
        cmocka_unit_test(test_rob__rob2_given_overall_checked),
        cmocka_unit_test(test_rob__rob2_every_combination),
        cmocka_unit_test(test_rob__grade_uses_rob1_without_rob2_and_names_it),
        cmocka_unit_test(test_rob__grade_uses_rob2_when_the_outcome_has_it),
        cmocka_unit_test(test_rob__grade_rob2_of_a_weightless_study_decides_nothing),
    };
    return cmocka_run_group_tests_name("rob", tests, NULL, NULL);
}
