/* test_grade.c - GRADE rules, Egger's test, the verdict rule and the
 * published-result comparison (src/core/grade.c, egger.c, verdict.c).
 *
 * The GRADE and verdict rules are tested at their boundaries on analyses
 * built by hand (srw_analysis is plain data), so these tests do not depend
 * on the pooling engine.  Egger's test is checked against R's metafor; the
 * exact commands and their output are next to the values.
 */
#include "testutil.h"

#include <string.h>

#include "srw/assess.h"
#include "srw/grade.h"
#include "util/text.h"

#define N_MAX 40

/* ------------------------------------------------------------- fixtures */

typedef struct fixture {
    srw_study_result s[N_MAX];
    srw_rob_judgement rob[N_MAX][SRW_ROB_N];
    srw_analysis a;
    srw_grade_input in;
} fixture;

static const char *const names[] = {
    "Foster 2001", "Brin 2004",   "Chen 2006",   "Dutta 2008",  "Evers 2009",
    "Farrow 2011", "Gomez 2012",  "Hale 2013",   "Ito 2014",    "Jansen 2015",
    "Kaur 2016",   "Lund 2017",   "Moreau 2018", "Nakamura 2019", "Okafor 2020",
};

static void set_rob(fixture *f, size_t i, srw_rob_judgement j)
{
    for (int d = 0; d < SRW_ROB_N; d++)
        f->rob[i][d] = j;
}

/* A precise, consistent, low-risk analysis of k studies (SMD, lower is
 * better, MID 0.5, 1000 participants): GRADE high.  Each test then moves
 * one thing across one boundary. */
static void base(fixture *f, size_t k)
{
    /* Small scatter so that the effects are no exact function of the SEs. */
    static const double wobble[7] = {0.0137, -0.0421, 0.0295, -0.0083, 0.0512, -0.0266, 0.0048};
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < k; i++) {
        f->s[i].study = (char *)names[i % (sizeof names / sizeof names[0])];
        f->s[i].yi = -0.712 + wobble[i % 7];
        f->s[i].se = 0.153 + 0.011 * (double)i;
        f->s[i].ci_lower = f->s[i].yi - 1.96 * f->s[i].se;
        f->s[i].ci_upper = f->s[i].yi + 1.96 * f->s[i].se;
        f->s[i].weight = 100.0 / (double)k;
        f->s[i].estimable = 1;
        set_rob(f, i, SRW_ROB_LOW);
    }
    f->a.opts.measure = SRW_MEASURE_SMD;
    f->a.opts.model = SRW_MODEL_RANDOM;
    f->a.type = SRW_TYPE_CONTINUOUS;
    f->a.n_studies = k;
    f->a.studies = f->s;
    srw_pooled *o = &f->a.overall;
    o->k = o->k_total = k;
    o->estimate = -0.683;
    o->ci_lower = -0.842;
    o->ci_upper = -0.557;
    o->hksj_factor = o->ci_lower_wide = o->ci_upper_wide = NAN; /* no HKSJ, as a Wald analysis leaves them */
    o->I2 = 12.5;
    o->pi_lower = k >= 3 ? -0.911 : NAN;
    o->pi_upper = k >= 3 ? -0.455 : NAN;
    o->exp_total = 503;
    o->ctl_total = 497;
    o->exp_events = o->ctl_events = NAN;
    f->in.analysis = &f->a;
    f->in.rob = (const srw_rob_judgement(*)[SRW_ROB_N])f->rob;
    f->in.direction = SRW_DIR_LOWER_IS_BETTER;
    f->in.mid = 0.5;
}

static srw_grade assess_ok(const fixture *f)
{
    srw_grade g;
    srw_error err;
    srw_error_clear(&err);
    int rc = srw_grade_assess(&g, &f->in, &err);
    if (rc != 0)
        fail_msg("srw_grade_assess failed: %s", err.message);
    return g;
}

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("\"%s\" does not contain \"%s\"", (hay), (needle));       \
    } while (0)

#define STEP(g, d) ((g).steps[SRW_GRADE_##d])

/* An HKSJ interval narrower than the Wald one (variance factor < 1) is not
 * what imprecision judges: the wider of it and the Wald one is, here
 * crossing no effect where the HKSJ one does not. */
static void test_grade__imprecision_judges_the_modified_interval(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_pooled *o = &f.a.overall;
    o->hksj_factor = 0.2; /* the Wald interval, wider, crosses */
    o->ci_lower_wide = -1.35;
    o->ci_upper_wide = 0.04;
    srw_grade g = assess_ok(&f);
    /* The Wald interval crosses the benefit threshold (-0.5), not the harm
     * one (+0.5): one level (GRADE guidance 34; no effect is no threshold). */
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "judged on the Wald interval: the HKSJ one, variance factor 0.20, is narrower");
    o->hksj_factor = 1.4; /* at least 1: HKSJ's own interval */
    g = assess_ok(&f);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
}

static void test_grade__base_analysis_is_high_certainty(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_grade g = assess_ok(&f);
    for (int d = 0; d < SRW_GRADE_N; d++)
        assert_int_equal(g.steps[d].downgrade, 0);
    assert_int_equal(g.certainty, SRW_CERTAINTY_HIGH);
    assert_string_equal(srw_certainty_name(g.certainty), "high");
    assert_string_equal(STEP(g, INDIRECTNESS).reason, "none entered");
}

/* ----------------------------------------------------------- risk of bias */

static void three_study_rob(fixture *f)
{
    base(f, 3);
    f->s[0].weight = 27.6; /* Foster 2001 low */
    f->s[1].weight = 30.1;
    f->s[2].weight = 42.3;
    set_rob(f, 0, SRW_ROB_LOW);
    set_rob(f, 1, SRW_ROB_LOW);
    f->rob[1][SRW_ROB_BLINDING_ASSESSORS] = SRW_ROB_HIGH; /* one high domain: high */
    set_rob(f, 2, SRW_ROB_LOW);
    f->rob[2][SRW_ROB_ALLOCATION] = SRW_ROB_UNCLEAR;      /* one unclear: unclear */
}

static void test_grade__rob_high_and_unclear_over_half_weight_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).computed, 1);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
    assert_int_equal(STEP(g, RISK_OF_BIAS).assessable, 1);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "72.4% of the weight");
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Foster 2001 low");
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Brin 2004 high");
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Chen 2006 unclear");
    assert_int_equal(g.certainty, SRW_CERTAINTY_MODERATE);
}

static void test_grade__rob_high_and_unclear_exactly_half_weight_does_not_downgrade(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f);
    f.s[0].weight = 50.0;
    f.s[1].weight = 20.0;
    f.s[2].weight = 30.0;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 0);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "50.0% of the weight, not more than half");
}

static void test_grade__rob_high_alone_over_half_weight_downgrades_two(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f);
    f.s[0].weight = 20.0;
    f.s[1].weight = 50.1; /* high */
    f.s[2].weight = 29.9;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 2);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "high risk of bias (RoB 1) alone carry 50.1%");
    assert_int_equal(g.certainty, SRW_CERTAINTY_LOW);
}

static void test_grade__rob_high_alone_exactly_half_weight_does_not_downgrade_two(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f);
    f.s[0].weight = 50.0;
    f.s[1].weight = 50.0; /* high: exactly half, not more */
    f.s[2].weight = 0.0;  /* carries no weight: not counted */
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 0);
    set_rob(&f, 0, SRW_ROB_UNCLEAR);
    g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
}

static void test_grade__rob_without_judgements_counts_as_unclear_and_says_so(void **state)
{
    (void)state;
    fixture f;
    base(&f, 3);
    f.in.rob = NULL;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "100.0% of the weight");
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "3 studies have no judgement, counted as unclear");

    /* A study with every domain unset is unclear; so is one low domain
     * among unset ones (Handbook 5.1, Table 8.7.a: low only when every key
     * domain is low, and all seven are key), which says why; every domain
     * low is low. */
    base(&f, 2);
    f.s[0].weight = 60.0;
    f.s[1].weight = 40.0;
    set_rob(&f, 0, SRW_ROB_UNSET);
    g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Foster 2001 unclear (no judgement)");
    f.rob[0][SRW_ROB_SEQUENCE] = SRW_ROB_LOW;
    g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Foster 2001 unclear (6 of 7 domains not judged)");
    assert_null(strstr(STEP(g, RISK_OF_BIAS).reason, "no judgement"));
    set_rob(&f, 0, SRW_ROB_LOW);
    g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 0);
    assert_contains(STEP(g, RISK_OF_BIAS).reason, "Foster 2001 low");
}

static void test_grade__rob_reason_with_many_studies_fits_and_counts_the_rest(void **state)
{
    (void)state;
    fixture f;
    base(&f, N_MAX);
    f.in.rob = NULL;
    srw_grade g = assess_ok(&f);
    const char *r = STEP(g, RISK_OF_BIAS).reason;
    assert_true(strlen(r) < sizeof STEP(g, RISK_OF_BIAS).reason - 1);
    assert_contains(r, "more");
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);
}

/* A name too long for a list item is cut on a whole character, as
 * srw_snprintf_utf8 cuts "%s%s %s" (the writer the list used before). */
static void test_grade__rob_reason_cuts_a_long_name_on_a_character(void **state)
{
    (void)state;
    fixture f;
    base(&f, 2);
    char name[400] = "";
    for (int i = 0; i < 150; i++)
        strcat(name, i % 3 ? "\xc3\xa9" : "x"); /* 1- and 2-byte characters */
    f.s[0].study = name;
    set_rob(&f, 0, SRW_ROB_HIGH);
    srw_grade g = assess_ok(&f);
    char item[200], want[300];
    srw_snprintf_utf8(item, sizeof item, "%s%s %s", ". By study: ", name, "high");
    assert_true(strlen(item) < 199 && strlen(item) > 190);
    snprintf(want, sizeof want, "%s, Brin 2004 low", item); /* the next item follows whole */
    assert_contains(STEP(g, RISK_OF_BIAS).reason, want);
}

/* ---------------------------------------------------------- inconsistency */

static void heterogeneous(fixture *f, double I2, int both_directions, int pi_crosses)
{
    base(f, 5);
    f->a.overall.I2 = I2;
    if (both_directions)
        f->s[4].yi = 0.214;
    f->a.overall.pi_lower = -1.31;
    f->a.overall.pi_upper = pi_crosses ? 0.087 : -0.052;
}

static void test_grade__inconsistency_i2_below_50_does_not_downgrade(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 49.9, 1, 1);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 0);
    assert_contains(STEP(g, INCONSISTENCY).reason, "49.9%");
}

static void test_grade__inconsistency_i2_50_with_prediction_interval_crossing_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 50.0, 1, 1);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 1);
    assert_contains(STEP(g, INCONSISTENCY).reason, "prediction interval includes no effect");
}

static void test_grade__inconsistency_i2_50_with_prediction_interval_not_crossing_does_not_downgrade(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 62.3, 0, 0);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 0);
    assert_contains(STEP(g, INCONSISTENCY).reason, "prediction interval lies wholly on one side of no effect");
}

static void test_grade__inconsistency_i2_75_with_effects_both_ways_downgrades_two(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 75.0, 1, 1);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 2);
    assert_contains(STEP(g, INCONSISTENCY).reason, "both sides of no effect");
}

static void test_grade__inconsistency_i2_75_all_one_side_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 81.6, 0, 1);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 1);
    heterogeneous(&f, 74.9, 1, 1);
    g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 1);
}

static void test_grade__inconsistency_single_study_is_not_applicable(void **state)
{
    (void)state;
    fixture f;
    base(&f, 1);
    f.a.overall.I2 = NAN;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).assessable, 0);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 0);
    assert_contains(STEP(g, INCONSISTENCY).reason, "single study");
}

static void test_grade__inconsistency_two_studies_without_prediction_interval_downgrade_one_at_i2_50(void **state)
{
    (void)state;
    fixture f;
    base(&f, 2);
    f.a.overall.I2 = 58.1;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 1);
    assert_contains(STEP(g, INCONSISTENCY).reason, "no prediction interval");
}

/* ------------------------------------------------------------ imprecision */

static srw_grade imprecision_case(fixture *f, double lo, double hi)
{
    f->a.overall.ci_lower = lo;
    f->a.overall.ci_upper = hi;
    return assess_ok(f);
}

static void test_grade__imprecision_ci_crossing_nothing_does_not_downgrade(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_grade g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_rel(g.information_size, 1000.0, 1e-12);
    assert_rel(g.optimal_information_size, 400.0, 1e-12);
}

/* Objection 1 of issue 18: an interval of trivial effects only (inside
 * -0.5..+0.5) is precise even though it includes no effect; under the
 * minimally contextualised approach no effect is not a threshold when an
 * MID is known.  Before, this interval lost one level. */
static void test_grade__imprecision_ci_of_trivial_effects_across_no_effect_is_precise(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_grade g = imprecision_case(&f, -0.412, 0.031);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_contains(STEP(g, IMPRECISION).reason, "does not cross the threshold of an important benefit");
    /* A bound exactly at a threshold touches it: crossing. */
    g = imprecision_case(&f, -0.5, 0.031);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
}

static void test_grade__imprecision_ci_crossing_the_mid_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_grade g = imprecision_case(&f, -0.934, -0.311);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "crosses the threshold of an important benefit");
    /* Reaching no effect as well adds nothing: it is no threshold. */
    g = imprecision_case(&f, -0.734, 0.121);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
}

static void test_grade__imprecision_ci_crossing_both_downgrades_two(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    /* Both thresholds: an important benefit and an important harm. */
    srw_grade g = imprecision_case(&f, -0.734, 0.612);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 2);
    assert_contains(STEP(g, IMPRECISION).reason, "crosses that of an important harm");
}

static void test_grade__imprecision_mid_side_follows_the_direction(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    /* Higher is better: +0.5 is the benefit MID, and (0.311, 0.934) crosses it. */
    f.in.direction = SRW_DIR_HIGHER_IS_BETTER;
    srw_grade g = imprecision_case(&f, 0.311, 0.934);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    /* Lower is better: the same interval crosses +0.5, now the threshold
     * of an important harm, which counts the same (before, only the
     * benefit side was judged). */
    f.in.direction = SRW_DIR_LOWER_IS_BETTER;
    g = imprecision_case(&f, 0.311, 0.934);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "does not cross the threshold of an important benefit");
    /* An important harm wholly beyond +0.5 is precise. */
    g = imprecision_case(&f, 0.511, 0.934);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    /* A harm threshold of its own (GRADE's RR 0.75 / 1.25 differ by side). */
    f.in.mid_harm = 0.3;
    g = imprecision_case(&f, 0.311, 0.934);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
}

static void test_grade__imprecision_below_optimal_information_size_alone_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.a.overall.exp_total = 200;
    f.a.overall.ctl_total = 199;
    srw_grade g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "399 participants, below the optimal information size of 400");
    f.a.overall.ctl_total = 200;
    g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
}

/* The optimal information size decides only when the interval crosses no
 * threshold (Zeng et al., GRADE guidance 34): a crossing already carries
 * the imprecision.  Before, it added a level to a crossing. */
static void test_grade__imprecision_below_optimal_information_size_counts_only_without_a_crossing(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.a.overall.exp_total = 121;
    f.a.overall.ctl_total = 118;
    srw_grade g = imprecision_case(&f, -0.412, 0.031);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "239 participants, below the optimal information size of 400");
    g = imprecision_case(&f, -0.734, 0.121); /* one crossing, below the OIS: 1 */
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "not counted again");
    g = imprecision_case(&f, -0.734, 0.612); /* both crossings: 2 */
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 2);
}

static void test_grade__imprecision_dichotomous_counts_events_against_300(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.a.type = SRW_TYPE_DICHOTOMOUS;
    f.a.opts.measure = SRW_MEASURE_RR;
    f.in.mid = log(1.25);
    f.a.overall.exp_events = 131;
    f.a.overall.ctl_events = 168; /* 299 events in 1000 participants */
    srw_grade g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
    assert_contains(STEP(g, IMPRECISION).reason, "299 events, below the optimal information size of 300");
    f.a.overall.ctl_events = 169;
    g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_rel(g.information_size, 300.0, 1e-12);
}

static void test_grade__imprecision_generic_without_totals_skips_information_size(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.a.type = SRW_TYPE_GENERIC;
    f.a.opts.measure = SRW_MEASURE_GENERIC;
    f.a.overall.exp_total = f.a.overall.ctl_total = NAN;
    srw_grade g = imprecision_case(&f, -0.842, -0.557);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_contains(STEP(g, IMPRECISION).reason, "participants unknown");
    assert_true(isnan(g.information_size));
}

static void test_grade__imprecision_unknown_mid_judges_no_effect_only(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.in.mid = NAN;
    f.in.direction = SRW_DIR_UNSET; /* allowed without a MID */
    srw_grade g = imprecision_case(&f, -0.934, -0.311);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_contains(STEP(g, IMPRECISION).reason, "no minimal important difference: judged on no effect");
    g = imprecision_case(&f, -0.734, 0.121);
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 1);
}

/* ---------------------------------------------------------------- Egger */

/* metafor's dat.bcg, log risk ratios, as computed by
 *   Rscript -e 'library(metafor);
 *     dat <- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg);
 *     for (i in seq_len(nrow(dat))) cat(sprintf("%.17g, %.17g\n", dat$yi[i], dat$vi[i]));
 *     res <- regtest(rma(yi, vi, data=dat, method="FE"), model="lm", predictor="sei");
 *     print(res); print(summary(res$fit)$coefficients)'
 * (R 4.2.2, metafor 3.8-1).  Output:
 *   Test for Funnel Plot Asymmetry: t = -1.4013, df = 11, p = 0.1887
 *              Estimate Std. Error    t value Pr(>|t|)
 *   Xintrcpt -0.1909286  0.2200849 -0.8675225 0.404184
 *   Xsei     -2.1120421  1.5072213 -1.4012820 0.188707
 * and at %.17g: Xsei estimate -2.1120421208932956, SE 1.5072213283570077,
 * t -1.4012820022893326, p 0.18870699508197877.  In this weighted
 * regression the coefficient of sei is Egger's intercept (the same numbers
 * come from summary(lm(I(yi/sqrt(vi)) ~ I(1/sqrt(vi))))). */
static const double bcg_yi[13] = {
    -0.88931133392020545, -1.5853886572014306, -1.3480731482996933, -1.4415511900213054,
    -0.21754732221129558, -0.78611558581886398, -1.6208982235983918, 0.011952333523840508,
    -0.4694176487381494,  -1.3713448034727844, -0.33935882833839059, 0.44591340057137874,
    -0.017313948216879815,
};
static const double bcg_vi[13] = {
    0.32558476500396133,  0.19458112139814385, 0.41536796536796539,  0.020010031902247573,
    0.051210172169630863, 0.0069056184559087574, 0.22301724757231517, 0.0039615792978177295,
    0.056434210463248966, 0.07302479361302891, 0.01241221397155972,  0.53250584520015276,
    0.071404659683986293,
};

static void test_egger__bcg_log_risk_ratios_match_metafor_regtest(void **state)
{
    (void)state;
    double se[13];
    for (int i = 0; i < 13; i++)
        se[i] = sqrt(bcg_vi[i]);
    srw_egger e;
    srw_error err;
    assert_int_equal(srw_egger_test(&e, bcg_yi, se, 13, NULL, &err), 0);
    assert_int_equal(e.computed, 1);
    assert_null(e.note);
    assert_rel(e.intercept, -2.1120421208932956, 1e-6);
    assert_rel(e.se, 1.5072213283570077, 1e-6);
    assert_rel(e.stat, -1.4012820022893326, 1e-6);
    assert_rel(e.df, 11.0, 1e-12);
    assert_rel(e.pvalue, 0.18870699508197877, 1e-6);
}

/* Ten constructed studies, asymmetric (small studies larger effects) and
 * scattered, with metafor's answers:
 *   Rscript -e 'library(metafor);
 *     yi <- c(-0.213, -0.347, -0.291, -0.502, -0.468, -0.655, -0.589, -0.781, -0.874, -0.952);
 *     yi2 <- c(-0.213, -0.447, -0.091, -0.302, -0.568, -0.055, -0.389, -0.781, 0.174, -0.352);
 *     sei <- c(0.081, 0.112, 0.137, 0.169, 0.194, 0.226, 0.258, 0.291, 0.327, 0.365);
 *     for (y in list(yi, yi2)) { res <- regtest(rma(y, sei=sei, method="FE"), model="lm", predictor="sei");
 *       cat(sprintf("b %.17g se %.17g t %.17g p %.17g df %d\n", coef(summary(res$fit))[2,1],
 *           coef(summary(res$fit))[2,2], res$zval, res$pval, res$dfs)) }'
 * Output:
 *   b -2.5686261914604063 se 0.22509465337269244 t -11.411315875226476 p 3.1424528152675477e-06 df 8
 *   b -0.3602138421178816 se 0.8899636673712048 t -0.40475117729456256 p 0.69626676744090399 df 8 */
static const double k10_asym[10] = {-0.213, -0.347, -0.291, -0.502, -0.468,
                                    -0.655, -0.589, -0.781, -0.874, -0.952};
static const double k10_sym[10] = {-0.213, -0.447, -0.091, -0.302, -0.568,
                                   -0.055, -0.389, -0.781, 0.174,  -0.352};
static const double k10_se[10] = {0.081, 0.112, 0.137, 0.169, 0.194,
                                  0.226, 0.258, 0.291, 0.327, 0.365};

static void test_egger__constructed_sets_match_metafor_regtest(void **state)
{
    (void)state;
    srw_egger e;
    assert_int_equal(srw_egger_test(&e, k10_asym, k10_se, 10, NULL, NULL), 0);
    assert_rel(e.intercept, -2.5686261914604063, 1e-6);
    assert_rel(e.se, 0.22509465337269244, 1e-6);
    assert_rel(e.stat, -11.411315875226476, 1e-6);
    assert_rel(e.pvalue, 3.1424528152675477e-06, 1e-6);
    assert_int_equal(srw_egger_test(&e, k10_sym, k10_se, 10, NULL, NULL), 0);
    assert_rel(e.intercept, -0.3602138421178816, 1e-6);
    assert_rel(e.se, 0.8899636673712048, 1e-6);
    assert_rel(e.pvalue, 0.69626676744090399, 1e-6);
}

static void test_egger__fewer_than_three_studies_is_not_computed(void **state)
{
    (void)state;
    srw_egger e;
    assert_int_equal(srw_egger_test(&e, k10_asym, k10_se, 2, NULL, NULL), 0);
    assert_int_equal(e.computed, 0);
    assert_true(isnan(e.pvalue));
    assert_non_null(e.note);
}

static void test_egger__equal_standard_errors_is_not_computed(void **state)
{
    (void)state;
    const double se[4] = {0.21, 0.21, 0.21, 0.21};
    srw_egger e;
    assert_int_equal(srw_egger_test(&e, k10_asym, se, 4, NULL, NULL), 0);
    assert_int_equal(e.computed, 0);
    assert_contains(e.note, "same standard error");
}

static void test_egger__non_positive_standard_error_is_a_data_error(void **state)
{
    (void)state;
    const double se[3] = {0.21, 0.0, 0.33};
    srw_egger e;
    srw_error err;
    assert_int_equal(srw_egger_test(&e, k10_asym, se, 3, NULL, &err), SRW_EDATA);
    assert_contains(err.message, "study 2");
}

/* The whole chain on real trials: srw's own pooling of dat.bcg (Colditz
 * GA et al., JAMA 1994;271:698; counts as in metafor's dat.bcg: TB cases /
 * participants, vaccinated vs not), then GRADE.  Egger's test must equal the
 * metafor output above, so the grade picks the analysis's yi and SE; the
 * fixed-effect RR is metafor's
 *   rma(yi, vi, data=dat, method="FE"): exp(b) 0.65032361961948193,
 *   CI 0.60069902608576387 to 0.70404777079595726, I^2 92.117346854562058. */
static const srw_study_row bcg_rows[13] = {
    {.study = "Aronson 1948", .exp_events = 4, .exp_total = 123, .ctl_events = 11, .ctl_total = 139},
    {.study = "Ferguson & Simes 1949", .exp_events = 6, .exp_total = 306, .ctl_events = 29, .ctl_total = 303},
    {.study = "Rosenthal et al 1960", .exp_events = 3, .exp_total = 231, .ctl_events = 11, .ctl_total = 220},
    {.study = "Hart & Sutherland 1977", .exp_events = 62, .exp_total = 13598, .ctl_events = 248, .ctl_total = 12867},
    {.study = "Frimodt-Moller et al 1973", .exp_events = 33, .exp_total = 5069, .ctl_events = 47, .ctl_total = 5808},
    {.study = "Stein & Aronson 1953", .exp_events = 180, .exp_total = 1541, .ctl_events = 372, .ctl_total = 1451},
    {.study = "Vandiviere et al 1973", .exp_events = 8, .exp_total = 2545, .ctl_events = 10, .ctl_total = 629},
    {.study = "TPT Madras 1980", .exp_events = 505, .exp_total = 88391, .ctl_events = 499, .ctl_total = 88391},
    {.study = "Coetzee & Berjak 1968", .exp_events = 29, .exp_total = 7499, .ctl_events = 45, .ctl_total = 7277},
    {.study = "Rosenthal et al 1961", .exp_events = 17, .exp_total = 1716, .ctl_events = 65, .ctl_total = 1665},
    {.study = "Comstock et al 1974", .exp_events = 186, .exp_total = 50634, .ctl_events = 141, .ctl_total = 27338},
    {.study = "Comstock & Webster 1969", .exp_events = 5, .exp_total = 2498, .ctl_events = 3, .ctl_total = 2341},
    {.study = "Comstock et al 1976", .exp_events = 27, .exp_total = 16913, .ctl_events = 29, .ctl_total = 17854},
};

static void test_grade__bcg_pooled_by_srw_gives_metafor_egger_and_grade(void **state)
{
    (void)state;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 13, bcg_rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.measure = SRW_MEASURE_RR;
    o.model = SRW_MODEL_FIXED;
    o.method = SRW_METHOD_IV;
    srw_analysis a;
    srw_error err;
    memset(&a, 0, sizeof a);
    if (srw_analysis_run(&a, &set, &o, &err) != 0)
        fail_msg("srw_analysis_run failed: %s", err.message);
    srw_grade_input in = {0};
    in.analysis = &a;
    in.direction = SRW_DIR_LOWER_IS_BETTER;
    in.mid = log(1.25);
    srw_grade g;
    int rc = srw_grade_assess(&g, &in, &err);
    srw_published p;
    memset(&p, 0, sizeof p);
    p.measure = (char *)"RR";
    p.model = (char *)"fixed";
    p.estimate = 0.65;
    p.ci_lower = 0.60;
    p.ci_upper = 0.70;
    p.decimals = 2;
    p.trials = 13;
    srw_published_comparison c;
    int rc2 = srw_published_compare(&c, &p, &a, &err);
    srw_analysis_dispose(&a);
    assert_int_equal(rc, 0);
    assert_int_equal(g.egger.computed, 1);
    assert_rel(g.egger.intercept, -2.1120421208932956, 1e-6);
    assert_rel(g.egger.pvalue, 0.18870699508197877, 1e-6);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).assessable, 1);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).downgrade, 0);
    assert_int_equal(STEP(g, INCONSISTENCY).downgrade, 2); /* I^2 92%, two trials above 0 */
    /* I² as every output writes it (srw_i2_text): a whole percent */
    assert_contains(STEP(g, INCONSISTENCY).reason, "I\xc2\xb2 = 92% (at least 75%)");
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 1);  /* no judgements entered */
    assert_int_equal(STEP(g, IMPRECISION).downgrade, 0);
    assert_int_equal(g.certainty, SRW_CERTAINTY_VERY_LOW);
    assert_int_equal(rc2, 0);
    assert_int_equal(c.status, SRW_PUBLISHED_REPRODUCED);
    assert_rel(c.srw_estimate, 0.65032361961948193, 1e-6);
    assert_rel(c.srw_ci_lower, 0.60069902608576387, 1e-6);
    assert_rel(c.srw_ci_upper, 0.70404777079595726, 1e-6);
}

/* ------------------------------------------------------- publication bias */

static void egger_analysis(fixture *f, const double *yi, size_t k)
{
    base(f, k);
    for (size_t i = 0; i < k; i++) {
        f->s[i].yi = yi[i];
        f->s[i].se = k10_se[i];
    }
}

static void test_grade__publication_bias_with_9_studies_is_not_assessable(void **state)
{
    (void)state;
    fixture f;
    egger_analysis(&f, k10_asym, 9);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).assessable, 0);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).downgrade, 0);
    assert_contains(STEP(g, PUBLICATION_BIAS).reason, "fewer than 10 studies (k = 9)");
    assert_int_equal(g.egger.computed, 1); /* still reported */
}

static void test_grade__publication_bias_with_10_studies_and_egger_below_010_downgrades_one(void **state)
{
    (void)state;
    fixture f;
    egger_analysis(&f, k10_asym, 10);
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).assessable, 1);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).downgrade, 1);
    assert_rel(g.egger.pvalue, 3.1424528152675477e-06, 1e-6);
    assert_contains(STEP(g, PUBLICATION_BIAS).reason, "Egger's test (least squares) p = 3.14e-06");
    assert_int_equal(g.certainty, SRW_CERTAINTY_MODERATE);

    egger_analysis(&f, k10_sym, 10);
    g = assess_ok(&f);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).assessable, 1);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).downgrade, 0);
}

/* -------------------------------------------- indirectness, overrides, floor */

static void test_grade__indirectness_is_reviewer_entered(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.in.indirectness = 1;
    f.in.indirectness_reason = "trials enrolled adults only";
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, INDIRECTNESS).downgrade, 1);
    assert_string_equal(STEP(g, INDIRECTNESS).reason, "reviewer-entered: trials enrolled adults only");
    assert_ptr_equal(STEP(g, INDIRECTNESS).entered_reason, f.in.indirectness_reason);
    assert_null(STEP(g, INDIRECTNESS).source);
    assert_int_equal(g.certainty, SRW_CERTAINTY_MODERATE);
    /* Its source, when the reviewer gave one, goes with it. */
    f.in.indirectness_source = "Review A, section 5";
    g = assess_ok(&f);
    assert_ptr_equal(STEP(g, INDIRECTNESS).source, f.in.indirectness_source);
    /* None entered: nothing to quote. */
    base(&f, 4);
    g = assess_ok(&f);
    assert_string_equal(STEP(g, INDIRECTNESS).reason, "none entered");
    assert_null(STEP(g, INDIRECTNESS).entered_reason);
    assert_null(STEP(g, INDIRECTNESS).source);
}

/* A reviewer's reason is kept whole, however long (the shipped low back
 * pain overrides run to 700 characters with their sources). */
static void test_grade__a_long_override_reason_is_kept_whole(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f);
    char reason[3001];
    for (size_t i = 0; i < sizeof reason - 1; i++)
        reason[i] = "judged low by the review, "[i % 26];
    reason[sizeof reason - 1] = '\0';
    const srw_grade_override ov[] = {{SRW_GRADE_RISK_OF_BIAS, 0, reason, "Review A, table 3"}};
    f.in.overrides = ov;
    f.in.n_overrides = 1;
    f.in.upgrade = 1;
    f.in.upgrade_reason = reason;
    srw_grade g = assess_ok(&f);
    assert_string_equal(STEP(g, RISK_OF_BIAS).source, "Review A, table 3"); /* the override's source with it */
    assert_null(STEP(g, IMPRECISION).source);
    assert_int_equal(strlen(STEP(g, RISK_OF_BIAS).override_reason), 3000);
    assert_string_equal(STEP(g, RISK_OF_BIAS).override_reason, reason);
    assert_string_equal(g.upgrade_reason, reason);
}

static void test_grade__override_replaces_downgrade_and_keeps_computed(void **state)
{
    (void)state;
    fixture f;
    three_study_rob(&f); /* risk of bias computes -1 */
    const srw_grade_override ov[] = {
        {SRW_GRADE_RISK_OF_BIAS, 0, "unclear allocation judged unimportant for an objective outcome", NULL},
        {SRW_GRADE_PUBLICATION_BIAS, 1, "industry-funded trials only", NULL},
    };
    f.in.overrides = ov;
    f.in.n_overrides = 2;
    srw_grade g = assess_ok(&f);
    assert_int_equal(STEP(g, RISK_OF_BIAS).computed, 1);
    assert_int_equal(STEP(g, RISK_OF_BIAS).downgrade, 0);
    assert_int_equal(STEP(g, RISK_OF_BIAS).overridden, 1);
    assert_string_equal(STEP(g, RISK_OF_BIAS).override_reason,
                        "unclear allocation judged unimportant for an objective outcome");
    assert_int_equal(STEP(g, PUBLICATION_BIAS).computed, 0);
    assert_int_equal(STEP(g, PUBLICATION_BIAS).downgrade, 1);
    assert_int_equal(STEP(g, INCONSISTENCY).overridden, 0);
    assert_int_equal(g.certainty, SRW_CERTAINTY_MODERATE);
}

static void test_grade__bad_overrides_and_inputs_are_usage_errors(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    srw_grade g;
    srw_error err;
    const srw_grade_override twice[] = {{SRW_GRADE_IMPRECISION, 1, "a", NULL}, {SRW_GRADE_IMPRECISION, 0, "b", NULL}};
    f.in.overrides = twice;
    f.in.n_overrides = 2;
    assert_int_equal(srw_grade_assess(&g, &f.in, &err), SRW_EUSAGE);
    assert_contains(err.message, "imprecision is overridden twice");
    const srw_grade_override three[] = {{SRW_GRADE_IMPRECISION, 3, "c", NULL}};
    f.in.overrides = three;
    f.in.n_overrides = 1;
    assert_int_equal(srw_grade_assess(&g, &f.in, &err), SRW_EUSAGE);
    f.in.n_overrides = 0;
    f.in.mid = -0.5;
    assert_int_equal(srw_grade_assess(&g, &f.in, &err), SRW_EUSAGE);
    f.in.mid = 0.5;
    f.in.direction = SRW_DIR_UNSET;
    assert_int_equal(srw_grade_assess(&g, &f.in, &err), SRW_EUSAGE);
    assert_contains(err.message, "no direction");
    f.in.direction = SRW_DIR_LOWER_IS_BETTER;
    f.in.indirectness = 3;
    assert_int_equal(srw_grade_assess(&g, &f.in, &err), SRW_EUSAGE);
    assert_int_equal(srw_grade_assess(&g, NULL, &err), SRW_EUSAGE);
}

static void test_grade__certainty_floors_at_very_low(void **state)
{
    (void)state;
    fixture f;
    heterogeneous(&f, 88.2, 1, 1);   /* -2 */
    f.in.rob = NULL;                 /* -1 */
    f.a.overall.ci_lower = -0.734;   /* -2 */
    f.a.overall.ci_upper = 0.121;
    f.in.indirectness = 1;           /* -1: six levels in all */
    srw_grade g = assess_ok(&f);
    assert_int_equal(g.certainty, SRW_CERTAINTY_VERY_LOW);
    assert_string_equal(srw_certainty_name(g.certainty), "very low");
}

static void test_grade__no_studies_is_not_assessed(void **state)
{
    (void)state;
    fixture f;
    base(&f, 0);
    srw_grade g = assess_ok(&f);
    assert_int_equal(g.certainty, SRW_CERTAINTY_NONE);
    assert_int_equal(STEP(g, IMPRECISION).assessable, 0);
}

static void test_grade__names_round_trip(void **state)
{
    (void)state;
    for (int c = SRW_CERTAINTY_VERY_LOW; c <= SRW_CERTAINTY_HIGH; c++)
        assert_int_equal(srw_certainty_parse(srw_certainty_name((srw_certainty)c)), c);
    assert_int_equal(srw_certainty_parse("excellent"), SRW_CERTAINTY_NONE);
    assert_string_equal(srw_grade_domain_key(SRW_GRADE_PUBLICATION_BIAS), "publication_bias");
    assert_string_equal(srw_grade_domain_name(SRW_GRADE_RISK_OF_BIAS), "risk of bias");
    assert_null(srw_grade_domain_name(SRW_GRADE_N));
}

static void test_grade__default_mid_per_measure(void **state)
{
    (void)state;
    int is_default = -1;
    const char *why = NULL;
    /* SMD: Cohen's small effect, 0.2 (moderate 0.5 and large 0.8 are the
     * other thresholds; before, 0.5 was the MID). */
    assert_rel(srw_grade_default_mid(SRW_MEASURE_SMD, &is_default, &why), 0.2, 1e-15);
    assert_int_equal(is_default, 1);
    assert_contains(why, "Cohen");
    assert_rel(srw_grade_default_mid(SRW_MEASURE_RR, &is_default, &why), 0.22314355131420976, 1e-15);
    assert_contains(why, "25%");
    assert_contains(why, "0.75 or 1.25");
    assert_rel(srw_grade_default_mid(SRW_MEASURE_PETO, NULL, NULL), log(1.25), 1e-15);
    assert_true(isnan(srw_grade_default_mid(SRW_MEASURE_MD, &is_default, &why)));
    assert_int_equal(is_default, 0);
    assert_string_equal(why, "no default; MID unknown");
    assert_true(isnan(srw_grade_default_mid(SRW_MEASURE_RD, &is_default, NULL)));
}

/* ---------------------------------------------------------------- verdict */

/* The same case in both directions: the higher-is-better version mirrors
 * estimate and interval around no effect. */
static srw_verdict_result decide(srw_direction dir, double est, double lo, double hi, double mid,
                                 srw_certainty c)
{
    srw_verdict_input in = {0};
    in.direction = dir;
    if (dir == SRW_DIR_HIGHER_IS_BETTER) {
        in.estimate = -est;
        in.ci_lower = -hi;
        in.ci_upper = -lo;
    } else {
        in.estimate = est;
        in.ci_lower = lo;
        in.ci_upper = hi;
    }
    in.mid = mid;
    in.certainty = c;
    in.k = 6;
    srw_verdict_result r;
    srw_error err;
    if (srw_verdict_decide(&r, &in, &err) != 0)
        fail_msg("srw_verdict_decide failed: %s", err.message);
    assert_true(strlen(r.reason) > 0);
    return r;
}

static const srw_direction both_dirs[2] = {SRW_DIR_LOWER_IS_BETTER, SRW_DIR_HIGHER_IS_BETTER};

static void test_verdict__supported_needs_benefit_ci_clear_of_null_mid_reached_and_moderate(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], -0.683, -0.842, -0.157, 0.5, SRW_CERTAINTY_MODERATE);
        assert_int_equal(r.verdict, SRW_VERDICT_SUPPORTED);
        assert_true(r.favours_intervention && r.ci_excludes_null && r.reaches_mid && !r.ci_excludes_mid);
        assert_contains(r.reason, "Supported:");
        /* The point estimate exactly at the MID reaches it. */
        r = decide(both_dirs[i], -0.5, -0.842, -0.157, 0.5, SRW_CERTAINTY_HIGH);
        assert_int_equal(r.verdict, SRW_VERDICT_SUPPORTED);
        /* Low certainty cannot support. */
        r = decide(both_dirs[i], -0.683, -0.842, -0.157, 0.5, SRW_CERTAINTY_LOW);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_contains(r.reason, "certainty is low");
    }
}

/* Not supported needs moderate or high certainty now (the verdict table);
 * before, low certainty with an interval excluding the MID was enough. */
static void test_verdict__ci_excluding_the_mid_needs_moderate_certainty(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], -0.112, -0.341, 0.117, 0.5, SRW_CERTAINTY_MODERATE);
        assert_int_equal(r.verdict, SRW_VERDICT_NOT_SUPPORTED);
        assert_true(r.ci_excludes_mid);
        assert_contains(r.reason, "the interval rules out an important benefit");
        r = decide(both_dirs[i], -0.112, -0.341, 0.117, 0.5, SRW_CERTAINTY_LOW);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_contains(r.reason, "certainty is low");
        /* A bound exactly at the MID does not exclude it. */
        r = decide(both_dirs[i], -0.112, -0.5, 0.117, 0.5, SRW_CERTAINTY_HIGH);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_false(r.ci_excludes_mid);
        /* Very low certainty decides nothing. */
        r = decide(both_dirs[i], -0.112, -0.341, 0.117, 0.5, SRW_CERTAINTY_VERY_LOW);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_contains(r.reason, "certainty is very low");
    }
}

/* Objection 1 of issue 18: an interval that spans no effect and an
 * important benefit is absence of evidence, not evidence of absence,
 * whatever the certainty.  Before, moderate certainty made it Not
 * supported. */
static void test_verdict__ci_spanning_no_effect_and_an_important_benefit_is_insufficient(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], -0.31, -0.72, 0.05, 0.5, SRW_CERTAINTY_MODERATE);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_false(r.ci_excludes_null);
        assert_int_equal(r.ci, SRW_CI_SPANS);
        assert_contains(r.reason, "spans both no effect and an important benefit");
        /* The same with low certainty: insufficient. */
        r = decide(both_dirs[i], -0.31, -0.72, 0.05, 0.5, SRW_CERTAINTY_LOW);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
    }
}

static void test_verdict__benefit_short_of_the_mid_not_ruled_out_is_insufficient(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], -0.38, -0.61, -0.15, 0.5, SRW_CERTAINTY_HIGH);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_true(r.favours_intervention && r.ci_excludes_null);
        assert_false(r.reaches_mid);
        assert_contains(r.reason, "the point estimate is trivial but the interval includes an important benefit");
    }
}

static void test_verdict__harm_clear_of_null_is_not_supported(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], 0.27, 0.08, 0.46, 0.5, SRW_CERTAINTY_MODERATE);
        assert_int_equal(r.verdict, SRW_VERDICT_NOT_SUPPORTED);
        assert_false(r.favours_intervention);
        assert_contains(r.reason, "favours the comparator");
    }
}

static void test_verdict__unknown_mid_cannot_support_but_can_rule_out(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        srw_verdict_result r = decide(both_dirs[i], -0.683, -0.842, -0.157, NAN, SRW_CERTAINTY_HIGH);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        assert_contains(r.reason, "without a minimal important difference");
        /* Low certainty rules out nothing any more; moderate does. */
        r = decide(both_dirs[i], 0.27, 0.08, 0.46, NAN, SRW_CERTAINTY_LOW);
        assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
        r = decide(both_dirs[i], 0.27, 0.08, 0.46, NAN, SRW_CERTAINTY_MODERATE);
        assert_int_equal(r.verdict, SRW_VERDICT_NOT_SUPPORTED);
    }
}

static void test_verdict__no_certainty_or_no_direction(void **state)
{
    (void)state;
    srw_verdict_result r = decide(SRW_DIR_LOWER_IS_BETTER, -0.683, -0.842, -0.557, 0.5, SRW_CERTAINTY_NONE);
    assert_int_equal(r.verdict, SRW_VERDICT_INSUFFICIENT);
    assert_string_equal(srw_verdict_name(r.verdict), "Insufficient evidence");
    assert_string_equal(srw_verdict_key(SRW_VERDICT_NOT_SUPPORTED), "not_supported");

    srw_verdict_input in = {0};
    in.estimate = -0.683;
    in.ci_lower = -0.842;
    in.ci_upper = -0.557;
    in.mid = 0.5;
    in.certainty = SRW_CERTAINTY_HIGH;
    srw_error err;
    assert_int_equal(srw_verdict_decide(&r, &in, &err), SRW_EUSAGE);
    assert_contains(err.message, "the outcome has no direction");
    in.direction = SRW_DIR_LOWER_IS_BETTER;
    in.mid = 0.0;
    assert_int_equal(srw_verdict_decide(&r, &in, &err), SRW_EUSAGE);
}

/* ------------------------------------------------------ published result */

static void rr_analysis(fixture *f, size_t k)
{
    base(f, k);
    f->a.type = SRW_TYPE_DICHOTOMOUS;
    f->a.opts.measure = SRW_MEASURE_RR;
    f->a.opts.model = SRW_MODEL_RANDOM;
    f->a.overall.estimate = log(0.6837765472337998);
    f->a.overall.ci_lower = log(0.5704);
    f->a.overall.ci_upper = log(0.8197);
}

static srw_published rr_published(long trials)
{
    srw_published p;
    memset(&p, 0, sizeof p);
    p.measure = (char *)"RR";
    p.model = (char *)"random";
    p.estimate = 0.68;
    p.ci_lower = 0.57;
    p.ci_upper = 0.82;
    p.decimals = 2;
    p.trials = trials;
    p.participants = -1;
    return p;
}

static srw_published_comparison compare_ok(const srw_published *p, const srw_analysis *a)
{
    srw_published_comparison c;
    srw_error err;
    if (srw_published_compare(&c, p, a, &err) != 0)
        fail_msg("srw_published_compare failed: %s", err.message);
    return c;
}

static void test_published__same_numbers_at_the_printed_decimals_are_reproduced(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 6);
    srw_published p = rr_published(6);
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_REPRODUCED);
    assert_rel(c.srw_estimate, 0.6837765472337998, 1e-12);
    assert_int_equal(c.srw_trials, 6);
    assert_string_equal(srw_published_status_name(c.status), "reproduced");
    assert_contains(c.reason, "RR 0.68 (0.57 to 0.82)");
    /* No model stated: not compared. */
    p.model = NULL;
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_REPRODUCED);
}

static void test_published__rounding_is_half_away_from_zero(void **state)
{
    (void)state;
    fixture f;
    base(&f, 4);
    f.a.opts.measure = SRW_MEASURE_MD;
    f.a.overall.estimate = -0.125; /* exact in binary: -12.5 hundredths */
    f.a.overall.ci_lower = -0.375;
    f.a.overall.ci_upper = 0.125;
    srw_published p = rr_published(4);
    p.measure = (char *)"MD";
    p.estimate = -0.13;
    p.ci_lower = -0.38;
    p.ci_upper = 0.13;
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_REPRODUCED);
    p.estimate = -0.12;
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_DIFFERS);
}

static void test_published__fewer_trials_than_the_review_is_partial(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 4);
    f.a.overall.estimate = log(0.7412);
    srw_published p = rr_published(6);
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_PARTIAL);
    assert_contains(c.reason, "srw holds 4 of 6 trials");
}

static void test_published__same_trials_different_numbers_or_measure_differs(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 6);
    f.a.overall.estimate = log(0.7412);
    srw_published p = rr_published(6);
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "srw's RR 0.74 (0.57 to 0.82) vs the review's RR 0.68");
    assert_contains(c.reason, "either an entry error or a finding");

    rr_analysis(&f, 6);
    p.measure = (char *)"OR";
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "different measure");

    p = rr_published(6);
    p.model = (char *)"fixed";
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "different model");
}

/* With the review's list of pooled trials the sets decide: srw's 3 trials
 * are "Foster 2001", "Brin 2004", "Chen 2006". */
static void test_published__the_review_lists_its_trials_and_the_sets_decide(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 3);
    /* The same three (case and spacing of the list ignored), same numbers:
     * reproduced, even though the review's count says 6. */
    srw_published p = rr_published(6);
    p.pooled_trials = (char *)"foster  2001; Brin 2004 ;Chen 2006";
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_REPRODUCED);
    assert_contains(c.reason, "from the same 3 trials");
    assert_int_equal(c.listed, 3);
    assert_int_equal(c.listed_held, 3);
    /* The same three, other numbers: differs. */
    f.a.overall.estimate = log(0.7412);
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "from the same 3 trials");
    /* The review lists a fourth srw lacks: partial, k of n, whatever the
     * count column says (it says 2 here). */
    p = rr_published(2);
    p.pooled_trials = (char *)"Foster 2001; Brin 2004; Chen 2006; Dutta 2008";
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_PARTIAL);
    assert_contains(c.reason, "srw holds 3 of the 4 trials the review lists (not held: dutta 2008)");
    /* srw holds one the list lacks: differs, other trials (same count). */
    p = rr_published(3);
    p.pooled_trials = (char *)"Foster 2001; Brin 2004; Dutta 2008";
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "other trials: srw holds Chen 2006, which the review does not list");
    assert_int_equal(c.unlisted_held, 1);
    /* No trials in srw: no data, with the list. */
    c = compare_ok(&p, NULL);
    assert_int_equal(c.status, SRW_PUBLISHED_NO_DATA);
    assert_contains(c.reason, "the review lists 3 trials");
}

/* A result with a scope answers another question: never "differs", with or
 * without srw's trials, and never the verdict's basis. */
static void test_published__a_scope_answers_another_question(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 3);
    f.a.overall.estimate = log(3.1);
    srw_published p = rr_published(9);
    p.scope = (char *)"pools 2 observational studies and active comparators";
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_OTHER_QUESTION);
    assert_string_equal(srw_published_status_name(c.status), "answers another question");
    assert_contains(c.reason, "pools 2 observational studies and active comparators");
    c = compare_ok(&p, NULL);
    assert_int_equal(c.status, SRW_PUBLISHED_OTHER_QUESTION);
    assert_contains(c.reason, "srw holds no trial data");
    /* Without its scope the same numbers differ (the status of today). */
    p.scope = NULL;
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_PARTIAL);
    rr_analysis(&f, 9);
    f.a.overall.estimate = log(3.1);
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_DIFFERS);
    /* The verdict's basis skips it. */
    srw_published scoped = rr_published(9), plain = rr_published(3);
    scoped.participants = 900;
    scoped.scope = (char *)"observational studies";
    plain.participants = 100;
    srw_assess_published ap[2] = {{&scoped, 0, {0}}, {&plain, 0, {0}}};
    assert_ptr_equal(srw_assess_best_published(ap, 2), &plain);
    assert_null(srw_assess_best_published(ap, 1));
}

static void test_published__unknown_trial_count_differs_with_a_note(void **state)
{
    (void)state;
    fixture f;
    rr_analysis(&f, 3);
    srw_published p = rr_published(-1);
    assert_int_equal(compare_ok(&p, &f.a).status, SRW_PUBLISHED_REPRODUCED);
    f.a.overall.estimate = log(0.7412);
    srw_published_comparison c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_DIFFERS);
    assert_contains(c.reason, "the review's trial count is not recorded");
}

static void test_published__no_trials_is_no_data(void **state)
{
    (void)state;
    srw_published p = rr_published(6);
    srw_published_comparison c = compare_ok(&p, NULL);
    assert_int_equal(c.status, SRW_PUBLISHED_NO_DATA);
    assert_string_equal(c.reason, "srw holds no trial data for this outcome");
    fixture f;
    rr_analysis(&f, 0);
    c = compare_ok(&p, &f.a);
    assert_int_equal(c.status, SRW_PUBLISHED_NO_DATA);
    assert_true(isnan(c.srw_estimate));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grade__base_analysis_is_high_certainty),
        cmocka_unit_test(test_grade__imprecision_judges_the_modified_interval),
        cmocka_unit_test(test_grade__rob_high_and_unclear_over_half_weight_downgrades_one),
        cmocka_unit_test(test_grade__rob_high_and_unclear_exactly_half_weight_does_not_downgrade),
        cmocka_unit_test(test_grade__rob_high_alone_over_half_weight_downgrades_two),
        cmocka_unit_test(test_grade__rob_high_alone_exactly_half_weight_does_not_downgrade_two),
        cmocka_unit_test(test_grade__rob_without_judgements_counts_as_unclear_and_says_so),
        cmocka_unit_test(test_grade__rob_reason_with_many_studies_fits_and_counts_the_rest),
        cmocka_unit_test(test_grade__rob_reason_cuts_a_long_name_on_a_character),
        cmocka_unit_test(test_grade__inconsistency_i2_below_50_does_not_downgrade),
        cmocka_unit_test(test_grade__inconsistency_i2_50_with_prediction_interval_crossing_downgrades_one),
        cmocka_unit_test(test_grade__inconsistency_i2_50_with_prediction_interval_not_crossing_does_not_downgrade),
        cmocka_unit_test(test_grade__inconsistency_i2_75_with_effects_both_ways_downgrades_two),
        cmocka_unit_test(test_grade__inconsistency_i2_75_all_one_side_downgrades_one),
        cmocka_unit_test(test_grade__inconsistency_single_study_is_not_applicable),
        cmocka_unit_test(test_grade__inconsistency_two_studies_without_prediction_interval_downgrade_one_at_i2_50),
        cmocka_unit_test(test_grade__imprecision_ci_crossing_nothing_does_not_downgrade),
        cmocka_unit_test(test_grade__imprecision_ci_of_trivial_effects_across_no_effect_is_precise),
        cmocka_unit_test(test_grade__imprecision_ci_crossing_the_mid_downgrades_one),
        cmocka_unit_test(test_grade__imprecision_ci_crossing_both_downgrades_two),
        cmocka_unit_test(test_grade__imprecision_mid_side_follows_the_direction),
        cmocka_unit_test(test_grade__imprecision_below_optimal_information_size_alone_downgrades_one),
        cmocka_unit_test(test_grade__imprecision_below_optimal_information_size_counts_only_without_a_crossing),
        cmocka_unit_test(test_grade__imprecision_dichotomous_counts_events_against_300),
        cmocka_unit_test(test_grade__imprecision_generic_without_totals_skips_information_size),
        cmocka_unit_test(test_grade__imprecision_unknown_mid_judges_no_effect_only),
        cmocka_unit_test(test_egger__bcg_log_risk_ratios_match_metafor_regtest),
        cmocka_unit_test(test_egger__constructed_sets_match_metafor_regtest),
        cmocka_unit_test(test_egger__fewer_than_three_studies_is_not_computed),
        cmocka_unit_test(test_egger__equal_standard_errors_is_not_computed),
        cmocka_unit_test(test_egger__non_positive_standard_error_is_a_data_error),
        cmocka_unit_test(test_grade__bcg_pooled_by_srw_gives_metafor_egger_and_grade),
        cmocka_unit_test(test_grade__publication_bias_with_9_studies_is_not_assessable),
        cmocka_unit_test(test_grade__publication_bias_with_10_studies_and_egger_below_010_downgrades_one),
        cmocka_unit_test(test_grade__indirectness_is_reviewer_entered),
        cmocka_unit_test(test_grade__override_replaces_downgrade_and_keeps_computed),
        cmocka_unit_test(test_grade__a_long_override_reason_is_kept_whole),
        cmocka_unit_test(test_grade__bad_overrides_and_inputs_are_usage_errors),
        cmocka_unit_test(test_grade__certainty_floors_at_very_low),
        cmocka_unit_test(test_grade__no_studies_is_not_assessed),
        cmocka_unit_test(test_grade__names_round_trip),
        cmocka_unit_test(test_grade__default_mid_per_measure),
        cmocka_unit_test(test_verdict__supported_needs_benefit_ci_clear_of_null_mid_reached_and_moderate),
        cmocka_unit_test(test_verdict__ci_excluding_the_mid_needs_moderate_certainty),
        cmocka_unit_test(test_verdict__ci_spanning_no_effect_and_an_important_benefit_is_insufficient),
        cmocka_unit_test(test_verdict__benefit_short_of_the_mid_not_ruled_out_is_insufficient),
        cmocka_unit_test(test_verdict__harm_clear_of_null_is_not_supported),
        cmocka_unit_test(test_verdict__unknown_mid_cannot_support_but_can_rule_out),
        cmocka_unit_test(test_verdict__no_certainty_or_no_direction),
        cmocka_unit_test(test_published__same_numbers_at_the_printed_decimals_are_reproduced),
        cmocka_unit_test(test_published__rounding_is_half_away_from_zero),
        cmocka_unit_test(test_published__fewer_trials_than_the_review_is_partial),
        cmocka_unit_test(test_published__same_trials_different_numbers_or_measure_differs),
        cmocka_unit_test(test_published__unknown_trial_count_differs_with_a_note),
        cmocka_unit_test(test_published__the_review_lists_its_trials_and_the_sets_decide),
        cmocka_unit_test(test_published__a_scope_answers_another_question),
        cmocka_unit_test(test_published__no_trials_is_no_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
