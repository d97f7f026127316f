/* The forest plot's geometry (issue 21): an interval that runs past the
 * axis ends in an arrow at the axis's end, a wide ratio axis gets room
 * (a factor of ten takes 60 pixels at least), the legend says what an empty
 * risk-of-bias circle is, the header names the tau-squared estimator and
 * the interval, and the revman5 profile shows no prediction interval and no
 * tau-squared interval, as RevMan 5 shows neither.  On the shipped evidence
 * (studies/): dry mouth under botulinum toxin type B, whose two trials give
 * a pooled interval of 0.04 to 2790.60 (Hartung-Knapp on one degree of
 * freedom), past the 0.001 to 1000 axis; dry mouth under type A, whose
 * trial's risk of bias is partly unjudged; withdrawals under type A, whose
 * trials give a prediction interval. */
#include "testutil.h"
#include "studies_fixture.h"

#include "srw/analysis_text.h"
#include "srw/pool.h"
#include "srw/report.h"

static const char use_b[] = "cervical dystonia (botulinum toxin type B)";
static const char use_a[] = "cervical dystonia";
static const char dry_mouth[] = "Dry mouth (adverse event), during follow-up";
static const char withdrawals[] = "Withdrawals (any reason), during follow-up";

/* The forest plot of use's outcome under profile (and model random) into b. */
static void forest_of(srw_buf *b, srw_store *s, const char *use, const char *outcome, srw_profile profile,
                      srw_analysis *a, srw_outcome_data *d)
{
    srw_error err;
    assert_int_equal(srw_store_load_outcome(s, use, outcome, d, &err), 0);
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = profile;
    o.model = SRW_MODEL_RANDOM;
    memset(a, 0, sizeof *a);
    assert_int_equal(srw_analysis_run(a, &d->set, &o, &err), 0);
    assert_int_equal(srw_report_forest_svg(b, a, d, outcome), 0);
}

/* The number after attr=" in the first element of class cls. */
static double attr_of(const char *svg, const char *cls, const char *attr)
{
    char pat[64];
    snprintf(pat, sizeof pat, "class=\"%s\"", cls);
    const char *e = strstr(svg, pat);
    assert_non_null(e);
    snprintf(pat, sizeof pat, " %s=\"", attr);
    const char *v = strstr(e, pat);
    assert_non_null(v);
    return strtod(v + strlen(pat), NULL);
}

static void test_forest__an_interval_past_the_axis_ends_in_an_arrow(void **state)
{
    studies_fixture *f = *state;
    srw_buf b = SRW_BUF_INIT;
    srw_analysis a;
    srw_outcome_data d;
    forest_of(&b, f->s, use_b, dry_mouth, SRW_PROFILE_COCHRANE, &a, &d);
    const char *svg = srw_buf_cstr(&b);
    /* the pooled interval, 0.04 to 2790.60, past the axis's 1000: the
     * diamond's right end */
    assert_true(exp(a.overall.ci_upper) > 1000 && exp(a.overall.ci_lower) > 0.001);
    assert_non_null(strstr(svg, ">10.75 [0.04, 2790.60]</text>"));
    double axis_right = attr_of(svg, "axis", "x2");
    const char *arrow = strstr(svg, "<path class=\"arrow\" d=\"M ");
    assert_non_null(arrow);
    /* its base on the axis's right end, its point right of it */
    double tip = strtod(arrow + strlen("<path class=\"arrow\" d=\"M "), NULL);
    const char *l = strstr(arrow, " L ");
    assert_non_null(l);
    assert_rel(strtod(l + 3, NULL), axis_right, 1e-9);
    assert_true(tip > axis_right);
    /* one arrow only: the lower end, 0.04, is on the axis */
    assert_null(strstr(arrow + strlen("<path class=\"arrow\""), "class=\"arrow\""));
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_dispose(&b);
}

static void test_forest__a_wide_ratio_axis_gets_room(void **state)
{
    studies_fixture *f = *state;
    srw_buf b = SRW_BUF_INIT;
    srw_analysis a;
    srw_outcome_data d;
    forest_of(&b, f->s, use_b, dry_mouth, SRW_PROFILE_COCHRANE, &a, &d);
    const char *svg = srw_buf_cstr(&b);
    /* 0.001 to 1000: six factors of ten, 60 pixels each at least */
    double width = attr_of(svg, "axis", "x2") - attr_of(svg, "axis", "x1");
    if (!(width >= 6 * 60.0 - 0.1)) /* coordinates are written to 0.1 pixel */
        fail_msg("the 0.001 to 1000 axis is %.1f pixels wide, want 360 at least", width);
    const char *ticks[] = {">0.001<", ">0.01<", ">0.1<", ">1<", ">10<", ">100<", ">1000<"};
    for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++)
        assert_non_null(strstr(svg, ticks[i]));
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_dispose(&b);
}

static void test_forest__the_legend_explains_empty_circles(void **state)
{
    studies_fixture *f = *state;
    srw_buf b = SRW_BUF_INIT;
    srw_analysis a;
    srw_outcome_data d;
    forest_of(&b, f->s, use_a, dry_mouth, SRW_PROFILE_COCHRANE, &a, &d);
    const char *svg = srw_buf_cstr(&b);
    /* some domains unjudged: empty (grey-edged) circles among the dots */
    int unset = 0;
    for (size_t i = 0; i < d.set.k; i++)
        for (int k = 0; k < SRW_ROB_N; k++)
            unset |= d.info[i].rob[k] == SRW_ROB_UNSET;
    assert_true(unset);
    const char *key = strstr(svg, "<g class=\"rob-key\">");
    assert_non_null(key);
    const char *empty = strstr(key, "stroke=\"#999999\"/>");
    assert_non_null(empty);
    assert_non_null(strstr(empty, ">Not judged (counted as unclear)</text>"));
    assert_non_null(strstr(key, ">Low risk of bias</text>"));
    assert_non_null(strstr(key, ">High risk of bias</text>"));
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_dispose(&b);
}

static void test_forest__the_header_names_estimator_and_interval(void **state)
{
    studies_fixture *f = *state;
    srw_buf b = SRW_BUF_INIT;
    srw_analysis a;
    srw_outcome_data d;
    forest_of(&b, f->s, use_b, dry_mouth, SRW_PROFILE_COCHRANE, &a, &d);
    assert_non_null(strstr(srw_buf_cstr(&b), ">IV, Random, REML, HKSJ, 95% CI</text>"));
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_clear(&b);
    /* RevMan 5's own methods are RevMan's header */
    forest_of(&b, f->s, use_b, dry_mouth, SRW_PROFILE_REVMAN5, &a, &d);
    assert_non_null(strstr(srw_buf_cstr(&b), ">M-H, Random, 95% CI</text>"));
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_dispose(&b);
}

static void test_forest__revman5_shows_no_prediction_interval(void **state)
{
    studies_fixture *f = *state;
    srw_buf b = SRW_BUF_INIT;
    srw_analysis a;
    srw_outcome_data d;
    forest_of(&b, f->s, use_a, withdrawals, SRW_PROFILE_REVMAN5, &a, &d);
    /* computed (GRADE reads it) but not shown */
    assert_true(isfinite(a.overall.pi_upper) && isfinite(a.overall.tau2_ci_upper));
    const char *svg = srw_buf_cstr(&b);
    assert_null(strstr(svg, "Prediction interval"));
    assert_null(strstr(svg, "class=\"pi\""));
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    assert_int_equal(srw_report_analysis_text(mem, &a, &d), 0);
    fclose(mem);
    assert_null(strstr(text, "Prediction interval"));
    /* "Tau² = 0.1234; Chi² ...": no interval before the semicolon */
    const char *t = strstr(text, "Heterogeneity: Tau\xc2\xb2 = ");
    assert_non_null(t);
    const char *semi = strchr(t, ';'), *bracket = strchr(t, '[');
    assert_true(semi != NULL && (bracket == NULL || bracket > semi));
    free(text);
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    /* the cochrane profile shows both */
    srw_buf_clear(&b);
    forest_of(&b, f->s, use_a, withdrawals, SRW_PROFILE_COCHRANE, &a, &d);
    assert_non_null(strstr(srw_buf_cstr(&b), ">Prediction interval</text>"));
    text = NULL;
    mem = open_memstream(&text, &len);
    assert_int_equal(srw_report_analysis_text(mem, &a, &d), 0);
    fclose(mem);
    assert_non_null(strstr(text, "Prediction interval: ["));
    free(text);
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
    srw_buf_dispose(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forest__an_interval_past_the_axis_ends_in_an_arrow),
        cmocka_unit_test(test_forest__a_wide_ratio_axis_gets_room),
        cmocka_unit_test(test_forest__the_legend_explains_empty_circles),
        cmocka_unit_test(test_forest__the_header_names_estimator_and_interval),
        cmocka_unit_test(test_forest__revman5_shows_no_prediction_interval),
    };
    return cmocka_run_group_tests(tests, studies_setup, studies_teardown);
}
