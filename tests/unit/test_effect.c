/* Study-level effect sizes (src/core/effect.c).
 *
 * Reference values are metafor 3.8.1 escalc() output, printed with
 *   Rscript -e 'library(metafor); x <- escalc(...); cat(sprintf("%.17g %.17g\n", x$yi, x$vi))'
 * (the escalc call is given above each case), and RevMan 5's stored
 * per-study results in ../shared/fixtures/revman/antibiotics-for-sore-throat.rm5.
 */
#include <string.h>

#include "testutil.h"

#include "srw/effect.h"

#define TOL 1e-12

typedef struct effect_case {
    const char *label;
    srw_outcome_type type;
    srw_measure measure;
    srw_smd_method smd;
    srw_study_row row;
    double yi, vi;
    int corrections;
} effect_case;

#define DICH(a, n1, c, n2) {.exp_events = a, .exp_total = n1, .ctl_events = c, .ctl_total = n2}
#define CONT(m1, s1, n1, m2, s2, n2)                                           \
    {.exp_mean = m1, .exp_sd = s1, .exp_total = n1,                            \
     .ctl_mean = m2, .ctl_sd = s2, .ctl_total = n2}

static const effect_case cases[] = {
    /* escalc("OR", ai=12, n1i=47, ci=21, n2i=51) */
    {.label = "OR", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_OR,
     .row = DICH(12, 47, 21, 51), .yi = -0.71376646776268116, .vi = 0.19285714285714284},
    /* escalc("RR", ai=12, n1i=47, ci=21, n2i=51) */
    {.label = "RR", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_RR,
     .row = DICH(12, 47, 21, 51), .yi = -0.47793775692115548, .vi = 0.090067942070445189},
    /* escalc("RD", ai=12, n1i=47, ci=21, n2i=51) */
    {.label = "RD", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_RD,
     .row = DICH(12, 47, 21, 51), .yi = -0.15644555694618273, .vi = 0.0087946509729826348},
    /* escalc("RD", ai=0, n1i=47, ci=3, n2i=51, addyi=FALSE): RD from the raw
     * counts, variance from the 0.5-corrected cells. */
    {.label = "RD zero cell", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_RD,
     .row = DICH(0, 47, 3, 51), .yi = -0.058823529411764705, .vi = 0.0014220103826213988,
     .corrections = SRW_CORR_HALF_ADDED},
    /* escalc("OR", ai=0, n1i=47, ci=3, n2i=51) (0.5 added to every cell) */
    {.label = "OR zero cell", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_OR,
     .row = DICH(0, 47, 3, 51), .yi = -1.925076062152471, .vi = 2.3273854739942639,
     .corrections = SRW_CORR_HALF_ADDED},
    /* escalc("PETO", ai=12, n1i=47, ci=21, n2i=51) */
    {.label = "PETO", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_PETO,
     .row = DICH(12, 47, 21, 51), .yi = -0.69332002999086861, .vi = 0.18118763450428033},
    /* escalc("PETO", ai=0, n1i=47, ci=3, n2i=51, to="none"): Peto needs no
     * correction. */
    {.label = "PETO zero cell", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_PETO,
     .row = DICH(0, 47, 3, 51), .yi = -1.9620227038183697, .vi = 1.363675354426952},
    /* escalc("MD", m1i=5.38, sd1i=2.13, n1i=23, m2i=6.91, sd2i=2.74, n2i=25) */
    {.label = "MD", .type = SRW_TYPE_CONTINUOUS, .measure = SRW_MEASURE_MD,
     .row = CONT(5.38, 2.13, 23, 6.91, 2.74, 25), .yi = -1.5300000000000002,
     .vi = 0.49756052173913046},
    /* escalc("SMD", m1i=5.38, sd1i=2.13, n1i=23, m2i=6.91, sd2i=2.74, n2i=25) */
    {.label = "SMD hedges-exact", .type = SRW_TYPE_CONTINUOUS, .measure = SRW_MEASURE_SMD,
     .smd = SRW_SMD_HEDGES_EXACT, .row = CONT(5.38, 2.13, 23, 6.91, 2.74, 25),
     .yi = -0.60997301370349344, .vi = 0.08735395959296649},
    /* escalc("ROM", m1i=5.38, sd1i=2.13, n1i=23, m2i=6.91, sd2i=2.74, n2i=25) */
    {.label = "ROM", .type = SRW_TYPE_CONTINUOUS, .measure = SRW_MEASURE_ROM,
     .row = CONT(5.38, 2.13, 23, 6.91, 2.74, 25), .yi = -0.25028126360588548,
     .vi = 0.013104354316017036},
    /* RevMan's g and Cohen's d have no escalc equivalent; R by hand from the
     * RevMan 5 statistical algorithms formulas:
     *   Rscript -e 'n1<-23;n2<-25;N<-n1+n2; s<-sqrt(((n1-1)*2.13^2+(n2-1)*2.74^2)/(N-2));
     *     d<-(5.38-6.91)/s; g<-d*(1-3/(4*N-9)); cat(sprintf("%.17g %.17g %.17g %.17g\n",
     *     d, 1/n1+1/n2+d^2/(2*N), g, N/(n1*n2)+g^2/(2*(N-3.94))))'
     *   -0.62014868778581422 0.087484348317090926 -0.60998231585489926 0.087700666970969066 */
    {.label = "SMD hedges (RevMan)", .type = SRW_TYPE_CONTINUOUS, .measure = SRW_MEASURE_SMD,
     .smd = SRW_SMD_HEDGES, .row = CONT(5.38, 2.13, 23, 6.91, 2.74, 25),
     .yi = -0.60998231585489926, .vi = 0.087700666970969066},
    {.label = "SMD cohen", .type = SRW_TYPE_CONTINUOUS, .measure = SRW_MEASURE_SMD,
     .smd = SRW_SMD_COHEN, .row = CONT(5.38, 2.13, 23, 6.91, 2.74, 25),
     .yi = -0.62014868778581422, .vi = 0.087484348317090926},
    /* antibiotics-for-sore-throat.rm5, CMP-004.01, Chamovitz 1954 (0/257 vs
     * 2/109): RevMan EFFECT_SIZE 0.08527131782945736, SE 1.5450026284498168. */
    {.label = "RR zero cell (RevMan)", .type = SRW_TYPE_DICHOTOMOUS, .measure = SRW_MEASURE_RR,
     .row = DICH(0, 257, 2, 109), .yi = -2.4619171315633017 /* log(0.08527131782945736) */,
     .vi = 2.3870331219168426, .corrections = SRW_CORR_HALF_ADDED},
    /* Generic: the record's own estimate and SE. */
    {.label = "generic", .type = SRW_TYPE_GENERIC, .measure = SRW_MEASURE_GENERIC,
     .row = {.estimate = -0.385, .se = 0.2125}, .yi = -0.385, .vi = 0.2125 * 0.2125},
};

static void test_effect__matches_references(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const effect_case *c = &cases[i];
        srw_effect e;
        srw_error err;
        if (srw_effect_compute(&e, &c->row, c->type, c->measure, c->smd, &err) != 0)
            fail_msg("%s: %s", c->label, err.message);
        if (!e.estimable)
            fail_msg("%s: not estimable (%s)", c->label, e.reason);
        assert_rel(e.yi, c->yi, TOL);
        assert_rel(e.vi, c->vi, TOL);
        assert_int_equal(e.corrections, c->corrections);
        assert_null(e.reason);
    }
}

static void test_effect__revman_zero_cell_rr_ci(void **state)
{
    (void)state;
    srw_study_row r = DICH(0, 257, 2, 109);
    srw_effect e;
    assert_int_equal(srw_effect_compute(&e, &r, SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_RR,
                                        SRW_SMD_HEDGES, NULL), 0);
    assert_rel(exp(e.yi), 0.08527131782945736, 1e-12);
    assert_rel(sqrt(e.vi), 1.5450026284498168, 1e-12);
}

typedef struct bad_case {
    const char *label;
    srw_outcome_type type;
    srw_measure measure;
    srw_study_row row;
    int corrections;
} bad_case;

static const bad_case not_estimable[] = {
    {"OR double zero", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_OR, DICH(0, 40, 0, 42), SRW_CORR_DOUBLE_ZERO},
    {"RR double zero", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_RR, DICH(0, 40, 0, 42), SRW_CORR_DOUBLE_ZERO},
    {"PETO double zero", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_PETO, DICH(0, 40, 0, 42), SRW_CORR_DOUBLE_ZERO},
    {"OR all events", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_OR, DICH(40, 40, 42, 42), SRW_CORR_ALL_EVENTS},
    {"events exceed total", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_RR, DICH(31, 30, 2, 30), 0},
    {"negative events", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_RR, DICH(-1, 30, 2, 30), 0},
    {"empty arm", SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_OR, DICH(0, 0, 2, 30), 0},
    /* SD 0 with total 1 is valid input but has no variance. */
    {"MD zero variance", SRW_TYPE_CONTINUOUS, SRW_MEASURE_MD, CONT(4.5, 0, 1, 3.5, 0, 1), 0},
    {"SMD zero SD", SRW_TYPE_CONTINUOUS, SRW_MEASURE_SMD, CONT(4.5, 0, 12, 3.5, 0, 14), 0},
    {"SMD too small", SRW_TYPE_CONTINUOUS, SRW_MEASURE_SMD, CONT(4.5, 1, 1, 3.5, 1, 2), 0},
    {"ROM negative mean", SRW_TYPE_CONTINUOUS, SRW_MEASURE_ROM, CONT(-4.5, 1, 10, 3.5, 1, 12), 0},
    {"MD missing SD", SRW_TYPE_CONTINUOUS, SRW_MEASURE_MD, CONT(4.5, NAN, 10, 3.5, 1, 12), 0},
    {"generic SE 0", SRW_TYPE_GENERIC, SRW_MEASURE_GENERIC, {.estimate = 0.4, .se = 0.0}, 0},
    {"generic missing", SRW_TYPE_GENERIC, SRW_MEASURE_GENERIC, {.estimate = NAN, .se = 0.1}, 0},
};

static void test_effect__edge_cases_are_not_estimable_with_a_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof not_estimable / sizeof not_estimable[0]; i++) {
        const bad_case *c = &not_estimable[i];
        srw_effect e;
        srw_error err;
        if (srw_effect_compute(&e, &c->row, c->type, c->measure, SRW_SMD_HEDGES, &err) != 0)
            fail_msg("%s: %s", c->label, err.message);
        if (e.estimable)
            fail_msg("%s: estimable, yi %g vi %g", c->label, e.yi, e.vi);
        assert_non_null(e.reason);
        assert_true(isnan(e.yi) && isnan(e.vi));
        assert_int_equal(e.corrections, c->corrections);
    }
}

/* A double-zero study has RD 0 (raw counts) and a positive variance. */
static void test_effect__rd_keeps_double_zero(void **state)
{
    (void)state;
    srw_study_row r = DICH(0, 40, 0, 42);
    srw_effect e;
    assert_int_equal(srw_effect_compute(&e, &r, SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_RD,
                                        SRW_SMD_HEDGES, NULL), 0);
    assert_true(e.estimable);
    assert_rel(e.yi, 0.0, 0.0);
    /* 0.5*40.5/41^3 + 0.5*42.5/43^3 */
    assert_rel(e.vi, 0.5 * 40.5 / (41.0 * 41.0 * 41.0) + 0.5 * 42.5 / (43.0 * 43.0 * 43.0), 1e-14);
    assert_int_equal(e.corrections, SRW_CORR_HALF_ADDED | SRW_CORR_DOUBLE_ZERO);
}

static void test_effect__measure_must_fit_type(void **state)
{
    (void)state;
    srw_study_row r = DICH(3, 20, 5, 21);
    srw_effect e;
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_effect_compute(&e, &r, SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_MD,
                                        SRW_SMD_HEDGES, &err), SRW_EUSAGE);
    assert_int_equal(err.code, SRW_EUSAGE);
    assert_non_null(strstr(err.message, "MD"));
    assert_int_equal(srw_effect_compute(&e, &r, SRW_TYPE_CONTINUOUS, SRW_MEASURE_OR,
                                        SRW_SMD_HEDGES, NULL), SRW_EUSAGE);
    assert_int_equal(srw_effect_compute(&e, &r, SRW_TYPE_GENERIC, SRW_MEASURE_DEFAULT,
                                        SRW_SMD_HEDGES, NULL), SRW_EUSAGE);
    assert_true(srw_measure_fits_type(SRW_MEASURE_PETO, SRW_TYPE_DICHOTOMOUS));
    assert_true(srw_measure_fits_type(SRW_MEASURE_ROM, SRW_TYPE_CONTINUOUS));
    assert_true(srw_measure_fits_type(SRW_MEASURE_GENERIC, SRW_TYPE_GENERIC));
    assert_false(srw_measure_fits_type(SRW_MEASURE_SMD, SRW_TYPE_DICHOTOMOUS));
    assert_false(srw_measure_fits_type(SRW_MEASURE_RR, SRW_TYPE_NONE));
}

static void test_effect__names_round_trip(void **state)
{
    (void)state;
    for (int m = SRW_MEASURE_OR; m <= SRW_MEASURE_GENERIC; m++) {
        const char *name = srw_measure_name((srw_measure)m);
        assert_non_null(name);
        assert_int_equal(srw_measure_parse(name), m);
    }
    assert_null(srw_measure_name(SRW_MEASURE_DEFAULT));
    assert_int_equal(srw_measure_parse("odds"), SRW_MEASURE_DEFAULT);
    assert_int_equal(srw_measure_parse(NULL), SRW_MEASURE_DEFAULT);
    assert_true(srw_measure_is_ratio(SRW_MEASURE_OR));
    assert_true(srw_measure_is_ratio(SRW_MEASURE_ROM));
    assert_false(srw_measure_is_ratio(SRW_MEASURE_RD));
    assert_false(srw_measure_is_ratio(SRW_MEASURE_SMD));

    const srw_smd_method all[] = {SRW_SMD_HEDGES, SRW_SMD_HEDGES_EXACT, SRW_SMD_COHEN};
    for (size_t i = 0; i < 3; i++) {
        srw_smd_method got = (srw_smd_method)-1;
        assert_int_equal(srw_smd_method_parse(&got, srw_smd_method_name(all[i])), 0);
        assert_int_equal(got, all[i]);
    }
    assert_string_equal(srw_smd_method_name(SRW_SMD_HEDGES), "hedges");
    assert_string_equal(srw_smd_method_name(SRW_SMD_HEDGES_EXACT), "hedges-exact");
    srw_smd_method untouched = SRW_SMD_COHEN;
    assert_int_equal(srw_smd_method_parse(&untouched, "glass"), SRW_EUSAGE);
    assert_int_equal(untouched, SRW_SMD_COHEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_effect__matches_references),
        cmocka_unit_test(test_effect__revman_zero_cell_rr_ci),
        cmocka_unit_test(test_effect__edge_cases_are_not_estimable_with_a_reason),
        cmocka_unit_test(test_effect__rd_keeps_double_zero),
        cmocka_unit_test(test_effect__measure_must_fit_type),
        cmocka_unit_test(test_effect__names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
