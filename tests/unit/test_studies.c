/* The shipped evidence base: the CSV files in studies/ import cleanly, the published
 * results the issue names are there with their sources, and Foster 2001's
 * numbers are exactly the trial report's, with the risk ratio checked
 * against a hand calculation.  Runs from the repository root. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/grade.h"
#include "srw/import.h"
#include "srw/pool.h"
#include "srw/store.h"

static const char *const files[] = {
    "studies/botox-neck-pain.csv", "studies/botox-low-back-pain.csv", "studies/botox-cervical-dystonia.csv",
    "studies/botulinum-toxin-b-cervical-dystonia.csv", "studies/published.csv", "studies/uses.csv",
    "studies/grade.csv", "studies/claims.csv",
};
#define N_FILES (sizeof files / sizeof files[0])

typedef struct fixture {
    char dir[64], path[128];
    srw_store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/srw-studies-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/review.db", f->dir);
    srw_error err;
    if (srw_store_open(&f->s, f->path, 1, &err) != 0)
        return -1;
    srw_record_set sets[N_FILES];
    memset(sets, 0, sizeof sets);
    for (size_t i = 0; i < N_FILES; i++)
        if (srw_csv_read_review(&sets[i], files[i], &err) != 0) {
            char buf[1024];
            srw_error_format(&err, buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
            return -1;
        }
    srw_import_stats st;
    int rc = srw_import_sets(f->s, sets, N_FILES, "test", "import", NULL, &st, &err);
    srw_import_stats_dispose(&st);
    for (size_t i = 0; i < N_FILES; i++)
        srw_record_set_dispose(&sets[i]);
    if (rc != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    srw_store_close(f->s);
    char p[160];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static const srw_published *find(const srw_published_list *l, const char *review_part, const char *measure)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->items[i].review, review_part) && strcmp(l->items[i].measure, measure) == 0)
            return &l->items[i];
    return NULL;
}

static void test_studies__neck_pain_published_result_is_cd008626(void **state)
{
    fixture *f = *state;
    srw_published_list l;
    srw_error err;
    assert_int_equal(srw_store_load_published(f->s, "neck pain", "Pain, 4 weeks", &l, &err), 0);
    const srw_published *p = find(&l, "CD008626", "SMD");
    assert_non_null(p);
    assert_true(p->estimate == -0.07 && p->ci_lower == -0.36 && p->ci_upper == 0.21);
    assert_int_equal(p->trials, 5);
    assert_int_equal(p->participants, 252);
    assert_string_equal(p->certainty, "high");
    assert_non_null(p->source);
    assert_true(strlen(p->source) > 10);
    srw_published_list_dispose(&l);
}

static void test_studies__dystonia_type_b_twstrs_result_is_cd004315(void **state)
{
    fixture *f = *state;
    srw_published_list l;
    srw_error err;
    assert_int_equal(srw_store_load_published(f->s, "cervical dystonia (botulinum toxin type B)",
                                              "TWSTRS total improvement from baseline, week 4", &l, &err),
                     0);
    const srw_published *p = find(&l, "CD004315", "MD");
    assert_non_null(p);
    assert_true(p->estimate == 6.78 && p->ci_lower == 4.54 && p->ci_upper == 9.01);
    assert_int_equal(p->trials, 3);
    assert_int_equal(p->participants, 316);
    assert_true(strlen(p->source) > 10);
    srw_published_list_dispose(&l);
}

/* CD008257 did not pool; the meta-analyses since pool observational
 * studies, active comparators or other conditions: each says so (scope),
 * so none can be compared with srw's trials or carry the verdict. */
static void test_studies__low_back_pain_pools_all_answer_another_question(void **state)
{
    fixture *f = *state;
    srw_published_list l;
    srw_error err;
    assert_int_equal(srw_store_load_published(f->s, "low back pain", NULL, &l, &err), 0);
    assert_int_equal(l.n, 4); /* Wagrees 2025: three results; Battista 2021: one */
    for (size_t i = 0; i < l.n; i++) {
        assert_non_null(l.items[i].scope);
        srw_published_comparison c;
        assert_int_equal(srw_published_compare(&c, &l.items[i], NULL, &err), 0);
        assert_int_equal(c.status, SRW_PUBLISHED_OTHER_QUESTION);
    }
    const srw_published *w = find(&l, "Wagrees", "RR");
    assert_non_null(w);
    assert_true(w->estimate == 4.82 && w->ci_lower == 3.00 && w->ci_upper == 7.76);
    srw_published_list_dispose(&l);
}

/* Cervical dystonia is two uses: type A (the Botox question) and type B;
 * every trial row names its toxin and product. */
static void test_studies__dystonia_trials_name_their_toxin(void **state)
{
    (void)state;
    srw_error err;
    const char *const by_type[][2] = {{"studies/botox-cervical-dystonia.csv", "type A"},
                                      {"studies/botulinum-toxin-b-cervical-dystonia.csv", "type B"}};
    for (size_t f = 0; f < 2; f++) {
        srw_record_set s;
        assert_int_equal(srw_csv_read_review(&s, by_type[f][0], &err), 0);
        assert_true(s.n_records > 0);
        for (size_t j = 0; j < s.n_records; j++) {
            const srw_record *r = &s.records[j];
            if (r->intervention == NULL || strstr(r->intervention, by_type[f][1]) == NULL)
                fail_msg("%s:%ld: the intervention does not name %s", by_type[f][0], r->line, by_type[f][1]);
            if (strstr(r->intervention, "(") == NULL) /* the product, in brackets */
                fail_msg("%s:%ld: the intervention names no product", by_type[f][0], r->line);
            assert_string_equal(r->use, f == 0 ? "cervical dystonia" : "cervical dystonia (botulinum toxin type B)");
        }
        srw_record_set_dispose(&s);
    }
}

static void expect_foster(srw_store *s, const char *outcome, double e1, double n1, double e2, double n2)
{
    srw_outcome_data d;
    srw_error err;
    assert_int_equal(srw_store_load_outcome(s, "low back pain", outcome, &d, &err), 0);
    size_t i = 0;
    while (i < d.set.k && strcmp(d.rows[i].study, "Foster 2001") != 0)
        i++;
    assert_true(i < d.set.k);
    assert_true(d.rows[i].exp_events == e1 && d.rows[i].exp_total == n1);
    assert_true(d.rows[i].ctl_events == e2 && d.rows[i].ctl_total == n2);
    assert_non_null(d.info[i].source);
    srw_outcome_data_dispose(&d);
}

static void test_studies__foster_2001_three_outcomes_are_exact(void **state)
{
    fixture *f = *state;
    expect_foster(f->s, ">50% pain relief (VAS), 3 weeks", 11, 15, 4, 16);
    expect_foster(f->s, ">50% pain relief (VAS), 8 weeks", 9, 15, 2, 16);
    expect_foster(f->s, "Function improved (Oswestry Low Back Pain Questionnaire), 8 weeks", 10, 15, 3, 16);
}

static void test_studies__foster_2001_risk_ratio_matches_hand_calculation(void **state)
{
    fixture *f = *state;
    srw_outcome_data d;
    srw_error err;
    assert_int_equal(srw_store_load_outcome(f->s, "low back pain", ">50% pain relief (VAS), 3 weeks", &d, &err), 0);
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.measure = SRW_MEASURE_RR;
    o.model = SRW_MODEL_FIXED;
    o.method = SRW_METHOD_IV;
    o.ci = SRW_CI_WALD;
    srw_analysis a;
    assert_int_equal(srw_analysis_run(&a, &d.set, &o, &err), 0);
    /* By hand: RR = (11/15) / (4/16) = 176/60 = 44/15;
     * var(ln RR) = 1/11 - 1/15 + 1/4 - 1/16 = 4/165 + 3/16 = 559/2640;
     * 95% CI = exp(ln(44/15) -/+ 1.959963984540054 * sqrt(559/2640)). */
    const double rr = 44.0 / 15.0, se = sqrt(559.0 / 2640.0), z = 1.959963984540054;
    assert_int_equal(a.n_studies, 1);
    assert_rel(exp(a.studies[0].yi), rr, 1e-12);
    assert_rel(a.studies[0].se, se, 1e-12);
    assert_rel(exp(a.overall.estimate), rr, 1e-12);
    assert_rel(exp(a.overall.ci_lower), exp(log(rr) - z * se), 1e-9);
    assert_rel(exp(a.overall.ci_upper), exp(log(rr) + z * se), 1e-9);
    /* printed to two decimals: 2.93 [1.19, 7.23] */
    assert_rel(round(100 * exp(a.overall.ci_lower)) / 100, 1.19, 1e-12);
    assert_rel(round(100 * exp(a.overall.ci_upper)) / 100, 7.23, 1e-12);
    srw_analysis_dispose(&a);
    srw_outcome_data_dispose(&d);
}

static void test_studies__every_record_has_a_source(void **state)
{
    fixture *f = *state;
    srw_table t;
    srw_error err;
    assert_int_equal(srw_store_list(f->s, "published", &t, &err), 0);
    assert_true(t.n_rows >= 10);
    size_t src = 0;
    while (src < t.n_cols && strcmp(t.columns[src], "source") != 0)
        src++;
    assert_true(src < t.n_cols);
    for (size_t r = 0; r < t.n_rows; r++) {
        const srw_value *v = srw_table_cell(&t, r, src);
        assert_int_equal(v->type, SRW_VALUE_TEXT);
        assert_true(strlen(v->text) > 0);
    }
    srw_table_dispose(&t);
    for (size_t i = 0; i < 4; i++) {
        srw_record_set s;
        assert_int_equal(srw_csv_read_review(&s, files[i], &err), 0);
        for (size_t j = 0; j < s.n_records; j++) {
            if (s.records[j].source == NULL || s.records[j].source[0] == '\0')
                fail_msg("%s:%ld has no source", files[i], s.records[j].line);
        }
        srw_record_set_dispose(&s);
    }
    /* Every claim names the text that makes it. */
    srw_record_set cs;
    assert_int_equal(srw_csv_read_review(&cs, "studies/claims.csv", &err), 0);
    assert_int_equal(cs.kind, SRW_FILE_CLAIMS);
    assert_true(cs.n_claims >= 6);
    for (size_t j = 0; j < cs.n_claims; j++)
        if (cs.claims[j].source == NULL || strlen(cs.claims[j].source) < 10)
            fail_msg("studies/claims.csv:%ld has no source", cs.claims[j].line);
    srw_record_set_dispose(&cs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_studies__neck_pain_published_result_is_cd008626, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__dystonia_type_b_twstrs_result_is_cd004315, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__low_back_pain_pools_all_answer_another_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__dystonia_trials_name_their_toxin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__foster_2001_three_outcomes_are_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__foster_2001_risk_ratio_matches_hand_calculation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_studies__every_record_has_a_source, setup, teardown),
    };
    return cmocka_run_group_tests_name("studies", tests, NULL, NULL);
}
