/* The verdict table, GRADE's statements, the thresholds and the robustness
 * of a verdict (src/core/verdict.c, statement.c, assess_robust.c).
 *
 * The expected cells are doc/methods.md's verdict table, typed in here
 * independently of the code's table; each cell is reached through
 * srw_verdict_decide with numbers that put the point estimate and the
 * interval where the row says, in both directions of benefit.  Issue 18's
 * objection 1 runs through the whole verb (srw_assess_outcome): six large
 * trials at low risk of bias (19,200 participants, RR 1.01, interval inside
 * 0.94 to 1.09, MID 1.25) are high certainty of little to no difference,
 * Not supported; an interval spanning no effect and an important benefit is
 * Insufficient evidence. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srw/assess.h"
#include "srw/grade.h"

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("\"%s\" does not contain \"%s\"", (hay), (needle));       \
    } while (0)

/* ------------------------------------------------------- the table, cell by cell */

#define S SRW_VERDICT_SUPPORTED
#define N SRW_VERDICT_NOT_SUPPORTED
#define I SRW_VERDICT_INSUFFICIENT

/* doc/methods.md, "The verdict": rows that can occur, with an example on
 * the lower-is-better scale (MID 0.5: benefit below -0.5, harm above +0.5);
 * cells by certainty not assessed, very low, low, moderate, high. */
static const struct {
    srw_point_class point;
    srw_ci_class ci;
    double est, lo, hi;
    srw_verdict want[5];
} rows[] = {
    {SRW_POINT_BENEFIT, SRW_CI_BENEFIT, -0.70, -0.90, -0.20, {I, I, I, S, S}},
    {SRW_POINT_BENEFIT, SRW_CI_SPANS, -0.60, -1.20, 0.10, {I, I, I, I, I}},
    {SRW_POINT_TRIVIAL, SRW_CI_TRIVIAL_BENEFIT, -0.20, -0.40, -0.05, {I, I, I, N, N}},
    {SRW_POINT_TRIVIAL, SRW_CI_NO_BENEFIT, -0.05, -0.30, 0.20, {I, I, I, N, N}},
    {SRW_POINT_TRIVIAL, SRW_CI_BENEFIT, -0.30, -0.60, -0.10, {I, I, I, I, I}},
    {SRW_POINT_TRIVIAL, SRW_CI_SPANS, -0.10, -0.70, 0.50, {I, I, I, I, I}},
    {SRW_POINT_HARM, SRW_CI_NO_BENEFIT, 0.70, 0.20, 1.10, {I, I, I, N, N}},
    {SRW_POINT_HARM, SRW_CI_SPANS, 0.60, -0.60, 1.80, {I, I, I, I, I}},
};

static void test_verdict__every_cell_of_the_table(void **state)
{
    (void)state;
    const srw_direction dirs[2] = {SRW_DIR_LOWER_IS_BETTER, SRW_DIR_HIGHER_IS_BETTER};
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
        for (int c = SRW_CERTAINTY_NONE; c <= SRW_CERTAINTY_HIGH; c++)
            for (int d = 0; d < 2; d++) {
                srw_verdict_input in = {0};
                in.direction = dirs[d];
                /* Higher is better mirrors the example around no effect. */
                int up = dirs[d] == SRW_DIR_HIGHER_IS_BETTER;
                in.estimate = up ? -rows[r].est : rows[r].est;
                in.ci_lower = up ? -rows[r].hi : rows[r].lo;
                in.ci_upper = up ? -rows[r].lo : rows[r].hi;
                in.mid = 0.5;
                in.certainty = (srw_certainty)c;
                in.k = 3;
                srw_verdict_result v;
                srw_error err;
                assert_int_equal(srw_verdict_decide(&v, &in, &err), 0);
                if (v.verdict != rows[r].want[c])
                    fail_msg("row %zu (%s, %s), certainty %s, %s: got %s, want %s", r,
                             srw_point_class_key(rows[r].point), srw_ci_class_key(rows[r].ci),
                             srw_certainty_name((srw_certainty)c), up ? "higher is better" : "lower is better",
                             srw_verdict_name(v.verdict), srw_verdict_name(rows[r].want[c]));
                if (c != SRW_CERTAINTY_NONE) {
                    assert_true(v.classified);
                    assert_int_equal(v.point, rows[r].point);
                    assert_int_equal(v.ci, rows[r].ci);
                }
                /* The table itself says the same. */
                assert_int_equal(srw_verdict_cell(rows[r].point, rows[r].ci, (srw_certainty)c, NULL), rows[r].want[c]);
            }
}

/* The rows that cannot occur (the point estimate lies in its interval)
 * decide nothing and say why. */
static void test_verdict__impossible_rows_are_insufficient(void **state)
{
    (void)state;
    const struct {
        srw_point_class p;
        srw_ci_class ci;
    } never[] = {{SRW_POINT_BENEFIT, SRW_CI_TRIVIAL_BENEFIT},
                 {SRW_POINT_BENEFIT, SRW_CI_NO_BENEFIT},
                 {SRW_POINT_HARM, SRW_CI_BENEFIT},
                 {SRW_POINT_HARM, SRW_CI_TRIVIAL_BENEFIT}};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        for (int c = SRW_CERTAINTY_NONE; c <= SRW_CERTAINTY_HIGH; c++) {
            const char *why = NULL;
            assert_int_equal(srw_verdict_cell(never[i].p, never[i].ci, (srw_certainty)c, &why),
                             SRW_VERDICT_INSUFFICIENT);
            assert_contains(why, "cannot occur");
        }
}

/* Boundaries: reaching the MID is an important benefit; an interval bound
 * at the MID includes it; a bound at no effect includes it. */
static void test_verdict__bounds_at_a_threshold_include_it(void **state)
{
    (void)state;
    srw_verdict_input in = {0};
    in.direction = SRW_DIR_LOWER_IS_BETTER;
    in.mid = 0.5;
    in.certainty = SRW_CERTAINTY_HIGH;
    in.estimate = -0.5;
    in.ci_lower = -0.8;
    in.ci_upper = -0.2;
    srw_verdict_result v;
    srw_error err;
    assert_int_equal(srw_verdict_decide(&v, &in, &err), 0);
    assert_int_equal(v.point, SRW_POINT_BENEFIT);
    assert_int_equal(v.verdict, SRW_VERDICT_SUPPORTED);
    in.estimate = -0.2;
    in.ci_lower = -0.5; /* the MID itself: not excluded */
    in.ci_upper = 0.1;
    assert_int_equal(srw_verdict_decide(&v, &in, &err), 0);
    assert_int_equal(v.ci, SRW_CI_SPANS);
    assert_int_equal(v.verdict, SRW_VERDICT_INSUFFICIENT);
    in.ci_lower = -0.45;
    in.ci_upper = 0.0; /* no effect itself: included */
    assert_int_equal(srw_verdict_decide(&v, &in, &err), 0);
    assert_int_equal(v.ci, SRW_CI_NO_BENEFIT);
    assert_int_equal(v.verdict, SRW_VERDICT_NOT_SUPPORTED);
}

#undef S
#undef N
#undef I

/* --------------------------------------------- objection 1, through the verb */

typedef struct trials {
    srw_outcome_data d;
    srw_study_row rows[6];
    srw_study_info info[6];
    char names[6][32];
} trials;

static void trials_init(trials *t, size_t k, const double *exp_ev, const double *exp_n, const double *ctl_ev,
                        const double *ctl_n)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < k; i++) {
        snprintf(t->names[i], sizeof t->names[i], "Trial %zu", i + 1);
        t->rows[i].study = t->names[i];
        t->rows[i].exp_events = exp_ev[i];
        t->rows[i].exp_total = exp_n[i];
        t->rows[i].ctl_events = ctl_ev[i];
        t->rows[i].ctl_total = ctl_n[i];
        t->info[i].year = 2010;
        for (int r = 0; r < SRW_ROB_N; r++)
            t->info[i].rob[r] = SRW_ROB_LOW;
    }
    t->d.use = (char *)"u";
    t->d.outcome = (char *)"Death, 1 year";
    t->d.type = SRW_TYPE_DICHOTOMOUS;
    t->d.direction = SRW_DIR_LOWER_IS_BETTER;
    t->d.mid = NAN;
    t->d.comparison = (char *)"Drug X vs placebo";
    t->d.set.type = SRW_TYPE_DICHOTOMOUS;
    t->d.set.k = k;
    t->d.set.rows = t->rows;
    t->d.rows = t->rows;
    t->d.info = t->info;
}

static srw_use_info use_with_mid(double mid, const char *measure)
{
    srw_use_info u;
    memset(&u, 0, sizeof u);
    u.name = (char *)"u";
    u.primary_outcome = (char *)"Death, 1 year";
    u.mid = mid;
    u.mid_measure = (char *)measure;
    u.mid_source = (char *)"issue 18's example";
    u.large = NAN;
    return u;
}

/* Six trials of 3,200 (19,200 participants), 15% control risk, RR about
 * 1.01: the interval (Wald, RevMan 5's fixed-effect MH) lies inside 0.94 to
 * 1.09, all trivial effects against MID 1.25 (0.80 on the benefit side). */
static void test_verdict__objection_1_precise_trivial_effect_is_high_certainty_not_supported(void **state)
{
    (void)state;
    const double ee[6] = {241, 243, 242, 244, 240, 244}, n[6] = {1600, 1600, 1600, 1600, 1600, 1600};
    const double ce[6] = {240, 240, 240, 240, 240, 240};
    trials t;
    trials_init(&t, 6, ee, n, ce, n);
    srw_use_info u = use_with_mid(1.25, "RR");
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool.profile = SRW_PROFILE_REVMAN5;
    o.primary = 1;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &t.d, &u, NULL, &o, &err), 0);
    assert_true(a.analysed && a.graded);
    const srw_pooled *p = &a.analysis.overall;
    assert_rel(srw_pooled_participants(p), 19200.0, 1e-12);
    assert_true(exp(p->estimate) > 1.0 && exp(p->estimate) < 1.02);
    assert_true(exp(p->ci_lower) >= 0.94 && exp(p->ci_upper) <= 1.09);
    assert_int_equal(a.grade.steps[SRW_GRADE_IMPRECISION].downgrade, 0);
    assert_int_equal(a.grade.certainty, SRW_CERTAINTY_HIGH);
    assert_int_equal(a.size, SRW_SIZE_TRIVIAL);
    assert_string_equal(a.statement, "Drug X results in little to no difference in death, 1 year.");
    assert_int_equal(a.verdict.verdict.verdict, SRW_VERDICT_NOT_SUPPORTED);
    assert_int_equal(a.verdict.verdict.point, SRW_POINT_TRIVIAL);
    assert_int_equal(a.verdict.verdict.ci, SRW_CI_NO_BENEFIT);
    srw_assessment_dispose(&a);
}

/* Two small trials, RR about 0.85 with an interval from about 0.65 to
 * 1.1: it spans no effect and an important benefit (RR 0.80).  Moderate
 * certainty (one level for the crossing), Insufficient evidence: absence
 * of evidence is not evidence of absence. */
static void test_verdict__objection_1_interval_spanning_an_important_benefit_is_insufficient(void **state)
{
    (void)state;
    const double ee[2] = {85, 88}, n[2] = {600, 600}, ce[2] = {100, 104};
    trials t;
    trials_init(&t, 2, ee, n, ce, n);
    srw_use_info u = use_with_mid(1.25, "RR");
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool.profile = SRW_PROFILE_REVMAN5;
    o.primary = 1;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &t.d, &u, NULL, &o, &err), 0);
    const srw_pooled *p = &a.analysis.overall;
    assert_true(exp(p->ci_lower) < 0.8 && exp(p->ci_upper) > 1.0);
    assert_int_equal(a.grade.steps[SRW_GRADE_IMPRECISION].downgrade, 1);
    assert_int_equal(a.grade.certainty, SRW_CERTAINTY_MODERATE);
    assert_int_equal(a.verdict.verdict.ci, SRW_CI_SPANS);
    assert_int_equal(a.verdict.verdict.verdict, SRW_VERDICT_INSUFFICIENT);
    assert_contains(a.statement, "Drug X likely results in");
    srw_assessment_dispose(&a);
}

/* ------------------------------------------------------ generic records */

/* Objection 3: a generic record with arm totals and the outcome's MID in
 * natural units (Truong 2010 as shipped: MD 8.9, SE 2.705, 55 vs 61, MID 8
 * TWSTRS points) counts its participants and is judged against its MID:
 * the interval (3.6 to 14.2) crosses 8, and 116 participants are known. */
static void test_generic__totals_and_mid_enter_grade(void **state)
{
    (void)state;
    srw_study_row row = {0};
    row.study = "Truong 2010";
    row.estimate = 8.9;
    row.se = 2.705;
    row.exp_total = 55;
    row.ctl_total = 61;
    srw_study_info info = {0};
    for (int r = 0; r < SRW_ROB_N; r++)
        info.rob[r] = SRW_ROB_LOW;
    srw_outcome_data d;
    memset(&d, 0, sizeof d);
    d.use = (char *)"u";
    d.outcome = (char *)"TWSTRS total improvement, week 4";
    d.type = SRW_TYPE_GENERIC;
    d.direction = SRW_DIR_HIGHER_IS_BETTER;
    d.mid = 8;
    d.unit = (char *)"TWSTRS points";
    d.set.type = SRW_TYPE_GENERIC;
    d.set.k = 1;
    d.set.rows = &row;
    d.rows = &row;
    d.info = &info;
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &d, NULL, NULL, &o, &err), 0);
    assert_rel(srw_pooled_participants(&a.analysis.overall), 116.0, 1e-12);
    assert_int_equal(a.mid.source, SRW_MID_OUTCOME);
    assert_rel(a.mid.value, 8.0, 1e-15);
    assert_int_equal(a.grade.steps[SRW_GRADE_IMPRECISION].downgrade, 1);
    assert_contains(a.grade.steps[SRW_GRADE_IMPRECISION].reason, "116 participants");
    assert_int_equal(a.grade.certainty, SRW_CERTAINTY_MODERATE);
    assert_contains(a.verdict.basis_text, "1 trial, 116 participants");
    srw_assessment_dispose(&a);
    /* Without one arm's total the count is unknown, never 0. */
    row.ctl_total = NAN;
    assert_int_equal(srw_assess_outcome(&a, &d, NULL, NULL, &o, &err), 0);
    assert_true(isnan(srw_pooled_participants(&a.analysis.overall)));
    assert_contains(a.grade.steps[SRW_GRADE_IMPRECISION].reason, "participants unknown");
    assert_contains(a.verdict.basis_text, "participants unknown");
    srw_assessment_dispose(&a);
}

/* ------------------------------------------------------------- statements */

/* The intervention of a statement: the record's comparison, else the words
 * all the use's comparisons share (an outcome held only as published
 * results). */
static void test_statement__intervention_named_from_the_comparisons(void **state)
{
    (void)state;
    char *cmp[3] = {(char *)"Botulinum toxin A vs saline placebo", (char *)"Botulinum toxin B vs placebo",
                    (char *)"Botulinum toxins vs placebo"};
    srw_use_info u;
    memset(&u, 0, sizeof u);
    u.comparisons = cmp;
    u.n_comparisons = 2;
    char b[200];
    assert_string_equal(srw_assess_intervention_name(b, sizeof b, NULL, &u), "Botulinum toxin");
    u.n_comparisons = 3; /* "toxins" is another word: only "Botulinum" is shared */
    assert_string_equal(srw_assess_intervention_name(b, sizeof b, NULL, &u), "Botulinum");
    u.n_comparisons = 1;
    assert_string_equal(srw_assess_intervention_name(b, sizeof b, NULL, &u), "Botulinum toxin A");
    srw_outcome_data d;
    memset(&d, 0, sizeof d);
    d.intervention = (char *)"BoNT-A 200 U";
    assert_string_equal(srw_assess_intervention_name(b, sizeof b, &d, &u), "BoNT-A 200 U");
    d.comparison = (char *)"Drug X vs placebo";
    assert_string_equal(srw_assess_intervention_name(b, sizeof b, &d, &u), "Drug X");
    u.n_comparisons = 0;
    assert_null(srw_assess_intervention_name(b, sizeof b, NULL, &u));
}

static void test_statement__guideline_26_wording(void **state)
{
    (void)state;
    char b[300];
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_HIGH, SRW_SIZE_LARGE, 0, "botulinum toxin", "Pain, 4 weeks");
    assert_string_equal(b, "Botulinum toxin results in a large reduction in pain, 4 weeks.");
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_MODERATE, SRW_SIZE_MODERATE, 1, "Botulinum toxin", "Pain");
    assert_string_equal(b, "Botulinum toxin likely results in an increase in pain.");
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_LOW, SRW_SIZE_SMALL, 0, "Botulinum toxin", "Pain");
    assert_string_equal(b, "Botulinum toxin may result in a slight reduction in pain.");
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_MODERATE, SRW_SIZE_TRIVIAL, 0, "Botulinum toxin",
                       "Neck pain at 4 weeks");
    assert_string_equal(b, "Botulinum toxin likely results in little to no difference in neck pain at 4 weeks.");
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_VERY_LOW, SRW_SIZE_LARGE, 1, "botulinum toxin", "TWSTRS total");
    assert_string_equal(b, "The evidence is very uncertain about the effect of botulinum toxin on TWSTRS total.");
    srw_statement_text(b, sizeof b, SRW_CERTAINTY_HIGH, SRW_SIZE_UNKNOWN, 1, NULL, "Pain");
    assert_contains(b, "The intervention results in an increase in pain");
    assert_contains(b, "no minimal important difference");
}

static void test_thresholds__defaults_and_sizes(void **state)
{
    (void)state;
    srw_thresholds t;
    const char *iw = NULL, *lw = NULL;
    srw_thresholds_default(&t, SRW_MEASURE_RR, &iw, &lw);
    assert_rel(t.important_down, -log(0.75), 1e-15);
    assert_rel(t.important_up, log(1.25), 1e-15);
    assert_rel(t.large_up, log(2.0), 1e-15);
    assert_contains(iw, "GRADE guidelines 6");
    assert_contains(lw, "GRADE guidelines 9");
    /* RR 0.80 is a 20% reduction: trivial against GRADE's 0.75; 0.70 is
     * important; 0.50 large. */
    assert_int_equal(srw_effect_size_of(log(0.80), &t), SRW_SIZE_TRIVIAL);
    assert_int_equal(srw_effect_size_of(log(0.70), &t), SRW_SIZE_MODERATE);
    assert_int_equal(srw_effect_size_of(log(0.50), &t), SRW_SIZE_LARGE);
    assert_int_equal(srw_effect_size_of(log(1.25), &t), SRW_SIZE_MODERATE);
    srw_thresholds_default(&t, SRW_MEASURE_SMD, &iw, &lw);
    assert_contains(iw, "Cohen");
    assert_int_equal(srw_effect_size_of(0.1, &t), SRW_SIZE_TRIVIAL);
    assert_int_equal(srw_effect_size_of(-0.3, &t), SRW_SIZE_SMALL);
    assert_int_equal(srw_effect_size_of(0.6, &t), SRW_SIZE_MODERATE);
    assert_int_equal(srw_effect_size_of(-0.8, &t), SRW_SIZE_LARGE);
    /* A use's MID of 0.5 leaves no small tier below it. */
    t.important_down = t.important_up = 0.5;
    assert_int_equal(srw_effect_size_of(0.3, &t), SRW_SIZE_TRIVIAL);
    assert_int_equal(srw_effect_size_of(0.5, &t), SRW_SIZE_MODERATE);
    srw_thresholds_default(&t, SRW_MEASURE_MD, &iw, &lw);
    assert_null(iw);
    assert_int_equal(srw_effect_size_of(3.0, &t), SRW_SIZE_UNKNOWN);
}

/* The outcome's settings win over the use's, the use's over the records',
 * each with its source; a large threshold likewise. */
static void test_thresholds__chosen_from_the_settings_with_sources(void **state)
{
    (void)state;
    srw_outcome_settings os;
    srw_outcome_settings_init(&os, 0);
    os.outcome = (char *)"o";
    os.mid = 0.3;
    os.mid_measure = (char *)"SMD";
    os.mid_source = (char *)"a trial of anchors";
    os.large = 0.9;
    os.large_source = (char *)"the same";
    srw_use_info u = use_with_mid(0.5, "SMD");
    srw_assess_mid m;
    srw_assess_choose_thresholds(&m, &u, "o", NULL, SRW_MEASURE_SMD, SRW_DIR_HIGHER_IS_BETTER);
    assert_int_equal(m.source, SRW_MID_USE);
    assert_rel(m.value, 0.5, 1e-15);
    u.n_outcome_settings = 1;
    u.outcome_settings = &os;
    srw_assess_choose_thresholds(&m, &u, "o", NULL, SRW_MEASURE_SMD, SRW_DIR_HIGHER_IS_BETTER);
    assert_int_equal(m.source, SRW_MID_OUTCOME_SETTINGS);
    assert_rel(m.value, 0.3, 1e-15);
    assert_string_equal(m.text, "SMD 0.3 from the outcome's settings (a trial of anchors)");
    assert_int_equal(m.large_from, SRW_MID_OUTCOME_SETTINGS);
    assert_rel(m.thresholds.large_up, 0.9, 1e-15);
    /* Another measure: the defaults, by side for ratios. */
    srw_assess_choose_thresholds(&m, &u, "o", NULL, SRW_MEASURE_RR, SRW_DIR_LOWER_IS_BETTER);
    assert_int_equal(m.source, SRW_MID_DEFAULT);
    assert_rel(m.value, -log(0.75), 1e-15);
    assert_rel(m.harm, log(1.25), 1e-15);
}

/* ----------------------------------------------------------- robustness */

/* A use whose primary outcome supports, and a second critical outcome that
 * does not: the verdict does not stand, and the sentence says with which
 * outcome.  Without the study at high risk of bias the primary's verdict
 * changes too. */
static void test_robustness__other_critical_outcome_and_high_risk_studies(void **state)
{
    (void)state;
    /* Primary: three trials, a large reduction, one at high risk and carrying
     * the effect. */
    const double ee[3] = {20, 30, 10}, n[3] = {400, 400, 400}, ce[3] = {60, 70, 14};
    trials p;
    trials_init(&p, 3, ee, n, ce, n);
    for (int r = 0; r < SRW_ROB_N; r++)
        p.info[2].rob[r] = SRW_ROB_HIGH;
    /* Second critical outcome: little to no difference, precise. */
    const double ee2[6] = {241, 243, 242, 244, 240, 244}, n2[6] = {1600, 1600, 1600, 1600, 1600, 1600};
    const double ce2[6] = {240, 240, 240, 240, 240, 240};
    trials q;
    trials_init(&q, 6, ee2, n2, ce2, n2);
    q.d.outcome = (char *)"Stroke, 1 year";
    srw_outcome_settings os[2];
    srw_outcome_settings_init(&os[0], 0);
    srw_outcome_settings_init(&os[1], 0);
    os[0].outcome = (char *)"Death, 1 year";
    os[0].importance = (char *)"critical";
    os[1].outcome = (char *)"Stroke, 1 year";
    os[1].importance = (char *)"critical";
    srw_use_info u = use_with_mid(1.25, "RR");
    u.n_outcome_settings = 2;
    u.outcome_settings = os;
    u.primary_source = (char *)"protocol, PROSPERO CRD0000";
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool.profile = SRW_PROFILE_REVMAN5;
    o.primary = 1;
    srw_assessment a[2];
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a[0], &p.d, &u, NULL, &o, &err), 0);
    o.primary = 0;
    assert_int_equal(srw_assess_outcome(&a[1], &q.d, &u, NULL, &o, &err), 0);
    assert_int_equal(a[0].verdict.verdict.verdict, SRW_VERDICT_SUPPORTED);
    assert_true(a[0].verdict.prespecified);
    assert_int_equal(a[1].importance, SRW_IMPORTANCE_CRITICAL);
    const srw_assessment *all[2] = {&a[0], &a[1]};
    srw_robustness r;
    assert_int_equal(srw_assess_robustness(&r, all, 2, &err), 0);
    assert_true(r.computed);
    assert_int_equal(r.n_outcomes, 2);
    assert_true(r.outcomes[0].is_primary);
    assert_int_equal(r.outcomes[1].verdict, SRW_VERDICT_NOT_SUPPORTED);
    assert_int_equal(r.n_high_rob, 1);
    assert_true(r.profile_applies && r.rob_applies);
    assert_string_equal(r.other_profile, "cochrane");
    assert_false(r.stands);
    assert_contains(r.sentence, "does not stand");
    assert_contains(r.sentence, "with 'Stroke, 1 year' as primary it would be Not supported");
    srw_robustness_dispose(&r);
    srw_assessment_dispose(&a[0]);
    srw_assessment_dispose(&a[1]);
}

/* No primary outcome: nothing to make robust. */
static void test_robustness__without_a_primary_outcome(void **state)
{
    (void)state;
    srw_robustness r;
    srw_error err;
    assert_int_equal(srw_assess_robustness(&r, NULL, 0, &err), 0);
    assert_false(r.computed);
    srw_robustness_dispose(&r);
}

/* ------------------------------------------- the review's GRADE; rating up */

static void test_review_grade__differences_named_and_rating_up(void **state)
{
    (void)state;
    const double ee[2] = {85, 88}, n[2] = {600, 600}, ce[2] = {100, 104};
    trials t;
    trials_init(&t, 2, ee, n, ce, n);
    srw_outcome_settings os;
    srw_outcome_settings_init(&os, 0);
    os.outcome = (char *)"Death, 1 year";
    os.review_certainty = (char *)"high";
    os.review_imprecision = 0;
    os.review_risk_of_bias = 0;
    os.review_source = (char *)"CD000000, summary of findings";
    srw_use_info u = use_with_mid(1.25, "RR");
    u.n_outcome_settings = 1;
    u.outcome_settings = &os;
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool.profile = SRW_PROFILE_REVMAN5;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &t.d, &u, NULL, &o, &err), 0);
    assert_true(a.review.present);
    assert_true(a.review.certainty_differs);
    assert_true(a.review.differs[SRW_GRADE_IMPRECISION]);
    assert_false(a.review.differs[SRW_GRADE_RISK_OF_BIAS]);
    assert_contains(a.review.text, "srw: moderate; the review: high (CD000000, summary of findings)");
    assert_contains(a.review.text, "imprecision (srw -1, the review -0)");
    assert_false(a.verdict.prespecified);
    assert_contains(a.verdict.primary_note, "not pre-specified");
    srw_assessment_dispose(&a);
    /* Rating up is the reviewer's judgement, with its reason. */
    os.upgrade = 1;
    os.upgrade_reason = (char *)"large effect (GRADE guidelines 9)";
    assert_int_equal(srw_assess_outcome(&a, &t.d, &u, NULL, &o, &err), 0);
    assert_int_equal(a.grade.upgrade, 1);
    assert_int_equal(a.grade.certainty, SRW_CERTAINTY_HIGH);
    assert_string_equal(a.grade.upgrade_reason, "large effect (GRADE guidelines 9)");
    srw_assessment_dispose(&a);
}

/* ------------------------------------------------------ outcome settings rules */

static void test_outcome_settings__rules(void **state)
{
    (void)state;
    srw_outcome_settings o;
    srw_error err;
    srw_outcome_settings_init(&o, 2);
    o.use = (char *)"u";
    o.outcome = (char *)"o";
    o.importance = (char *)"critical";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), 0);
    o.importance = (char *)"vital";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "importance");
    o.importance = (char *)"not important";
    o.mid = 1.25;
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "mid_measure");
    o.mid_measure = (char *)"RR";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "mid_source");
    o.mid_source = (char *)"GRADE";
    o.large = 1.1; /* inside the MID */
    o.large_source = (char *)"GRADE";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "large");
    o.large = 2.0;
    o.baseline_low = 0.2;
    o.baseline_high = 0.1;
    o.baseline_source = (char *)"registry";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "baseline_high");
    o.baseline_high = 0.4;
    o.upgrade = 1;
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "upgrade_reason");
    o.upgrade_reason = (char *)"dose-response";
    o.review_imprecision = 1;
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "review_certainty");
    o.review_certainty = (char *)"moderate";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), SRW_EDATA);
    assert_string_equal(err.field, "review_source");
    o.review_source = (char *)"CD000000";
    assert_int_equal(srw_outcome_settings_validate(&o, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdict__every_cell_of_the_table),
        cmocka_unit_test(test_verdict__impossible_rows_are_insufficient),
        cmocka_unit_test(test_verdict__bounds_at_a_threshold_include_it),
        cmocka_unit_test(test_verdict__objection_1_precise_trivial_effect_is_high_certainty_not_supported),
        cmocka_unit_test(test_verdict__objection_1_interval_spanning_an_important_benefit_is_insufficient),
        cmocka_unit_test(test_generic__totals_and_mid_enter_grade),
        cmocka_unit_test(test_statement__guideline_26_wording),
        cmocka_unit_test(test_statement__intervention_named_from_the_comparisons),
        cmocka_unit_test(test_thresholds__defaults_and_sizes),
        cmocka_unit_test(test_thresholds__chosen_from_the_settings_with_sources),
        cmocka_unit_test(test_robustness__other_critical_outcome_and_high_risk_studies),
        cmocka_unit_test(test_robustness__without_a_primary_outcome),
        cmocka_unit_test(test_review_grade__differences_named_and_rating_up),
        cmocka_unit_test(test_outcome_settings__rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
