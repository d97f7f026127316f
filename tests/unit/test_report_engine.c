/* The report's numbers come from the engine `srw analyse` uses: for every
 * use whose verdict rests on srw's own analysis, the pooled block in
 * summary.json equals what the analyse code path (load, analyse,
 * srw_report_analysis_json) gives for the same outcome, number for number.
 * Runs on the shipped studies from the repository root. */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/analysis_json.h"
#include "srw/import.h"
#include "srw/csv.h"
#include "srw/pool.h"
#include "srw/report.h"
#include "srw/store.h"

static const char *const files[] = {
    "studies/botox-neck-pain.csv", "studies/botox-low-back-pain.csv", "studies/botox-cervical-dystonia.csv",
    "studies/published.csv",       "studies/uses.csv",
};
#define N_FILES (sizeof files / sizeof files[0])

static void compare_pooled(json_t *want, json_t *got, const char *what)
{
    const char *keys[] = {"k", "estimate", "se", "ci_lower", "ci_upper", "pvalue", "tau2", "tau2_ci_lower",
                          "tau2_ci_upper", "I2", "I2_tau2", "H2", "Q", "Q_df", "Q_pvalue", "pi_lower", "pi_upper"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *w = json_object_get(want, keys[i]), *g = json_object_get(got, keys[i]);
        if (w == NULL || g == NULL)
            fail_msg("%s: key %s missing", what, keys[i]);
        if (json_is_null(w) || json_is_null(g)) {
            if (!(json_is_null(w) && json_is_null(g)))
                fail_msg("%s: %s null on one side only", what, keys[i]);
            continue;
        }
        /* the same double, bit for bit: one code path */
        if (json_number_value(w) != json_number_value(g))
            fail_msg("%s: %s report %.17g, analyse %.17g", what, keys[i], json_number_value(g),
                     json_number_value(w));
    }
}

static void test_report__pooled_numbers_equal_srw_analyse(void **state)
{
    (void)state;
    char dir[64], db[128], out[128];
    snprintf(dir, sizeof dir, "/tmp/srw-engine-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/review.db", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, db, 1, &err), 0);
    srw_record_set sets[N_FILES];
    for (size_t i = 0; i < N_FILES; i++)
        assert_int_equal(srw_csv_read_review(&sets[i], files[i], &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, sets, N_FILES, "test", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    for (size_t i = 0; i < N_FILES; i++)
        srw_record_set_dispose(&sets[i]);
    srw_report_options ro = SRW_REPORT_OPTIONS_INIT;
    assert_int_equal(srw_report_write(s, out, &ro, &err), 0);

    char path[192];
    snprintf(path, sizeof path, "%s/summary.json", out);
    json_error_t jerr;
    json_t *summary = json_load_file(path, 0, &jerr);
    assert_non_null(summary);
    json_t *uses = json_object_get(summary, "uses");
    size_t checked = 0;
    for (size_t u = 0; u < json_array_size(uses); u++) {
        json_t *use = json_array_get(uses, u);
        json_t *mine = json_object_get(use, "srw_analysis");
        if (mine == NULL || json_is_null(mine))
            continue;
        const char *use_name = json_string_value(json_object_get(mine, "use"));
        const char *outcome = json_string_value(json_object_get(mine, "outcome"));
        assert_non_null(use_name);
        assert_non_null(outcome);
        /* the analyse code path, with the report's default options */
        srw_outcome_data d;
        assert_int_equal(srw_store_load_outcome(s, use_name, outcome, &d, &err), 0);
        srw_pool_options o = SRW_POOL_OPTIONS_INIT;
        if (d.measure)
            o.measure = srw_measure_parse(d.measure);
        srw_analysis a;
        assert_int_equal(srw_analysis_run(&a, &d.set, &o, &err), 0);
        json_t *j = srw_report_analysis_json(&a, &d);
        compare_pooled(json_object_get(j, "pooled"), json_object_get(mine, "pooled"), outcome);
        json_t *estimate = json_object_get(use, "estimate");
        if (srw_measure_is_ratio(a.opts.measure))
            assert_true(json_real_value(estimate) == exp(a.overall.estimate));
        else
            assert_true(json_real_value(estimate) == a.overall.estimate);
        json_decref(j);
        srw_analysis_dispose(&a);
        srw_outcome_data_dispose(&d);
        checked++;
    }
    assert_true(checked >= 1); /* low back pain rests on srw's own analysis */
    json_decref(summary);
    srw_store_close(s);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__pooled_numbers_equal_srw_analyse),
    };
    return cmocka_run_group_tests_name("report_engine", tests, NULL, NULL);
}
