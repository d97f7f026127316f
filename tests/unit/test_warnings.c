/* Data-entry warnings (src/core/record.c srw_record_check_warnings) and the
 * rules of the fields they read (srw_record_validate): constructed records
 * and contexts, each rule at its boundary; then the context the store fills
 * from the database during an import (src/import/, and src/store/entry.c for an entry). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/entry.h"
#include "srw/record.h"
#include "srw/store.h"

/* A valid continuous record: 16 per arm. */
static srw_record cont(void)
{
    srw_record r;
    memset(&r, 0, sizeof r);
    r.study = (char *)"S 2001";
    r.use = (char *)"u";
    r.outcome = (char *)"o";
    r.type = SRW_TYPE_CONTINUOUS;
    r.exp_events = r.ctl_events = r.estimate = r.se = r.mid = NAN;
    r.exp_mean = 5, r.exp_sd = 12, r.exp_total = 16;
    r.ctl_mean = 6, r.ctl_sd = 12, r.ctl_total = 16;
    r.scale_min = r.scale_max = NAN;
    return r;
}

static int warn(const srw_record *r, const srw_record_context *c, char *buf, size_t n)
{
    return srw_record_check_warnings(r, c, buf, n);
}

static void test_warnings__sd_like_se_at_its_boundaries(void **state)
{
    (void)state;
    srw_record r = cont();
    srw_record_context c;
    srw_record_context_init(&c);
    char w[600];
    c.typical_sd = 12; /* a third: 4; SD x sqrt(16) within 6 of 12 */
    r.exp_sd = 3.75;   /* x4 = 15: flagged */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    assert_non_null(strstr(w, "exp_sd: 3.75 looks like a standard error (SD x sqrt(16) = 15"));
    r.exp_sd = 4; /* not under a third */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    assert_string_equal(w, "");
    r.exp_sd = 1.5; /* x4 = 6: exactly 50% off, still flagged */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    r.exp_sd = 1.25; /* x4 = 5: more than 50% off */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    r.exp_sd = 0.119; /* under a hundredth, no SE either: flagged as implausible */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    assert_string_equal(w, "exp_sd: 0.119 is under a hundredth of the outcome's typical SD 12 (units? a decimal point?)");
    r.exp_sd = 1e-150;
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    r.exp_sd = 0.121; /* just above a hundredth */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    c.typical_sd = NAN; /* unknown: no SD warning */
    r.exp_sd = 3;
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
}

static void test_warnings__arm_totals_against_the_randomised_total(void **state)
{
    (void)state;
    srw_record r = cont();
    srw_record_context c;
    srw_record_context_init(&c);
    char w[600];
    c.randomised = 32;
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    c.randomised = 33;
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    assert_string_equal(w, "exp_total + ctl_total: 16 + 16 = 32 differs from the 33 randomised in the study");
    c.randomised = 31; /* more analysed than randomised: flagged too */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    /* Any type with both totals; none when a total is missing. */
    srw_record d;
    memset(&d, 0, sizeof d);
    d.type = SRW_TYPE_DICHOTOMOUS;
    d.exp_events = 2, d.exp_total = 10, d.ctl_events = 1, d.ctl_total = 12;
    d.exp_mean = d.exp_sd = d.ctl_mean = d.ctl_sd = d.estimate = d.se = d.mid = NAN;
    assert_int_equal(warn(&d, &c, w, sizeof w), 1);
    assert_non_null(strstr(w, "10 + 12 = 22 differs from the 31 randomised"));
    d.type = SRW_TYPE_GENERIC;
    d.ctl_total = NAN;
    assert_int_equal(warn(&d, &c, w, sizeof w), 0);
    c.randomised = NAN;
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
}

static void test_warnings__mean_outside_the_declared_scale(void **state)
{
    (void)state;
    srw_record r = cont();
    srw_record_context c;
    srw_record_context_init(&c);
    char w[600];
    c.scale_min = 0, c.scale_max = 10;
    r.exp_mean = 10, r.ctl_mean = 0; /* the ends belong to the scale */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    r.exp_mean = 10.5;
    r.ctl_mean = -0.5;
    assert_int_equal(warn(&r, &c, w, sizeof w), 2);
    assert_string_equal(w, "exp_mean: 10.5 is outside the outcome's scale range 0 to 10; "
                           "ctl_mean: -0.5 is outside the outcome's scale range 0 to 10");
    /* A change score lies within plus or minus the scale's width. */
    r.measured_as = (char *)"change";
    r.exp_mean = -10, r.ctl_mean = 10;
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    r.exp_mean = -10.5;
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    assert_string_equal(w, "exp_mean: -10.5 is outside the range of a change score, -10 to 10, on the outcome's"
                           " scale 0 to 10");
    c.scale_min = c.scale_max = NAN; /* no declared scale */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
}

static void test_warnings__change_scores_mixed_with_final_values(void **state)
{
    (void)state;
    srw_record r = cont();
    srw_record_context c;
    srw_record_context_init(&c);
    char w[600];
    c.n_change = 1, c.n_final = 2;
    r.measured_as = (char *)"change"; /* the minority: flagged */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    assert_string_equal(w, "measured_as: change, but the outcome mixes change scores (1 study) with final values"
                           " (2 studies)");
    r.measured_as = (char *)"final"; /* the majority: not flagged */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    c.n_change = 2; /* as many of each: both kinds flagged */
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    r.measured_as = (char *)"change";
    assert_int_equal(warn(&r, &c, w, sizeof w), 1);
    c.n_final = 0; /* no mix */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
    c.n_final = 5;
    r.measured_as = NULL; /* not stated: nothing to say */
    assert_int_equal(warn(&r, &c, w, sizeof w), 0);
}

static void test_warnings__all_rules_together_and_a_short_buffer(void **state)
{
    (void)state;
    srw_record r = cont();
    srw_record_context c;
    srw_record_context_init(&c);
    c.typical_sd = 12, c.randomised = 40, c.scale_min = 0, c.scale_max = 4, c.n_change = 3, c.n_final = 1;
    r.exp_sd = 3, r.measured_as = (char *)"final";
    char w[600], small[8];
    assert_int_equal(warn(&r, &c, w, sizeof w), 5); /* SD, totals, two means, mix */
    assert_int_equal(warn(&r, &c, small, sizeof small), 5);
    assert_int_equal(strlen(small), 7); /* truncated, terminated */
    assert_int_equal(warn(&r, &c, NULL, 0), 5);
    assert_int_equal(warn(&r, NULL, w, sizeof w), 0);
}

static void test_warnings__fields_rules(void **state)
{
    (void)state;
    srw_error err;
    srw_record r = cont();
    assert_int_equal(srw_record_validate(&r, &err), 0);
    r.measured_as = (char *)"chnage";
    assert_int_equal(srw_record_validate(&r, &err), SRW_EDATA);
    assert_string_equal(err.field, "measured_as");
    r.measured_as = (char *)"change";
    r.has_scale = 1, r.scale_min = 10, r.scale_max = 10;
    assert_int_equal(srw_record_validate(&r, &err), SRW_EDATA);
    assert_string_equal(err.field, "scale_min");
    assert_non_null(strstr(err.message, "scale_min 10 must be below scale_max 10"));
    r.scale_min = NAN;
    assert_int_equal(srw_record_validate(&r, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "both scale_min and scale_max"));
    r.scale_min = 0;
    assert_int_equal(srw_record_validate(&r, &err), 0);
    r.randomised = -1;
    assert_int_equal(srw_record_validate(&r, &err), SRW_EDATA);
    assert_string_equal(err.field, "randomised");
    r.randomised = 32;
    assert_int_equal(srw_record_validate(&r, &err), 0);
    /* Means only: no scale or measured_as on a dichotomous record. */
    srw_record d = r;
    d.type = SRW_TYPE_DICHOTOMOUS;
    d.exp_events = 1, d.ctl_events = 2;
    d.exp_mean = d.exp_sd = d.ctl_mean = d.ctl_sd = NAN;
    assert_int_equal(srw_record_validate(&d, &err), SRW_EDATA);
    assert_string_equal(err.field, "scale_min");
    d.has_scale = 0;
    assert_int_equal(srw_record_validate(&d, &err), SRW_EDATA);
    assert_string_equal(err.field, "measured_as");
    d.measured_as = NULL;
    assert_int_equal(srw_record_validate(&d, &err), 0);
}

static void test_warnings__reader_locates_bad_values(void **state)
{
    (void)state;
    static const char head[] = "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,"
                               "randomised,scale_min,scale_max,measured_as\n";
    const struct {
        const char *row, *want;
        long col;
    } cases[] = {
        {"A,u,o,continuous,1,1,5,2,1,5,10,0,4,chnage\n", "'chnage' is not change or final", 14},
        {"A,u,o,continuous,1,1,5,2,1,5,10,4,4,final\n", "scale_min 4 must be below scale_max 4", 12},
        {"A,u,o,continuous,1,1,5,2,1,5,10,,4,final\n", "both scale_min and scale_max", 12},
        {"A,u,o,continuous,1,1,5,2,1,5,0,0,4,final\n", "'0' is not a whole number of at least 1", 11},
        {"A,u,o,continuous,1,1,5,2,1,5,10,0,4,final\nA,u,p,continuous,1,1,5,2,1,5,11,0,4,final\n",
         "study 'A' has 11 randomised here but 10 on line 2", 11},
        {"A,u,o,continuous,1,1,5,2,1,5,10,0,4,final\nB,u,o,continuous,1,1,5,2,1,5,10,0,5,final\n",
         "has the scale range 0 to 5 here but 0 to 4 on line 2", 13},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[400];
        snprintf(buf, sizeof buf, "%s%s", head, cases[i].row);
        srw_record_set set;
        srw_error err;
        srw_error_clear(&err);
        assert_int_equal(srw_csv_read_review_buffer(&set, buf, strlen(buf), "t.csv", &err), SRW_EDATA);
        if (strstr(err.message, cases[i].want) == NULL)
            fail_msg("case %zu: got '%s'", i, err.message);
        assert_int_equal(err.column, cases[i].col);
    }
}

/* A review database in a new temporary directory (dir and path are the
 * caller's buffers: "/tmp/srw-warn-XXXXXX" and 64 bytes). */
static srw_store *temp_store_open(char *dir, char *path)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, 64, "%s/review.db", dir);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, path, 1, &err), 0);
    return s;
}

static void temp_store_close(srw_store *s, const char *dir, const char *path)
{
    srw_store_close(s);
    char p[96];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* The context comes from the database, batch included: one import with
 * each situation, then srw_store_record_warnings sees the same. */
static void test_warnings__import_fills_the_context_from_the_batch(void **state)
{
    (void)state;
    char dir[] = "/tmp/srw-warn-XXXXXX", path[64];
    srw_store *s = temp_store_open(dir, path);
    srw_error err;
    static const char csv[] =
        "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,randomised,scale_min,"
        "scale_max,measured_as\n"
        "A 2001,u,o,continuous,4,2,20,5,2,20,45,0,10,final\n"
        "B 2002,u,o,continuous,11.5,2,25,5,2,25,,0,10,final\n"
        "C 2003,u,o,continuous,-1,2,30,-0.5,2,30,60,0,10,change\n";
    srw_record_set set;
    assert_int_equal(srw_csv_read_review_buffer(&set, csv, strlen(csv), "w.csv", &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, &set, 1, "tester", "import", NULL, &st, &err), 0);
    const char *want[] = {
        "warning: u / o / A 2001: exp_total + ctl_total: 20 + 20 = 40 differs from the 45 randomised",
        "warning: u / o / B 2002: exp_mean: 11.5 is outside the outcome's scale range 0 to 10",
        "warning: u / o / C 2003: measured_as: change, but the outcome mixes change scores (1 study) with final"
        " values (2 studies)",
    };
    assert_int_equal(st.n_changes, 3);
    for (size_t i = 0; i < 3; i++)
        if (strncmp(st.changes[i], want[i], strlen(want[i])) != 0)
            fail_msg("change %zu: '%s'", i, st.changes[i]);
    srw_import_stats_dispose(&st);
    char w[1000];
    assert_int_equal(srw_store_record_warnings(s, "u", "o", "C 2003", "tester", w, sizeof w, &err), 0);
    assert_string_equal(w, "measured_as: change, but the outcome mixes change scores (1 study) with final values"
                           " (2 studies)");
    assert_int_equal(srw_store_record_warnings(s, "u", "o", "B 2002", NULL, w, sizeof w, &err), 0);
    assert_string_equal(w, "exp_mean: 11.5 is outside the outcome's scale range 0 to 10");
    /* Read back as entered. */
    srw_record r;
    assert_int_equal(srw_store_get_record(s, "u", "o", "A 2001", "tester", &r, &err), 1);
    assert_int_equal(r.randomised, 45);
    assert_true(r.has_scale);
    assert_true(r.scale_min == 0 && r.scale_max == 10);
    assert_string_equal(r.measured_as, "final");
    srw_record_dispose(&r);
    srw_record_set_dispose(&set);
    temp_store_close(s, dir, path);
}

/* The warnings of an outcome the import creates are worked out from its
 * run of rows (src/import/warnings.c), or read back when the outcome
 * comes back after its run: both give the same warnings. */
static void import_warnings(const char *csv, const char *const *want, size_t n_want)
{
    char dir[] = "/tmp/srw-warn-XXXXXX", path[64];
    srw_store *s = temp_store_open(dir, path);
    srw_error err;
    srw_record_set set;
    assert_int_equal(srw_csv_read_review_buffer(&set, csv, strlen(csv), "w.csv", &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, &set, 1, "tester", "import", NULL, &st, &err), 0);
    assert_int_equal(st.n_changes, n_want);
    for (size_t i = 0; i < n_want; i++)
        if (strcmp(st.changes[i], want[i]) != 0)
            fail_msg("change %zu: '%s', want '%s'", i, st.changes[i], want[i]);
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&set);
    temp_store_close(s, dir, path);
}

static void test_warnings__a_run_of_rows_and_a_read_back_agree(void **state)
{
    (void)state;
    static const char head[] =
        "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,scale_min,scale_max,measured_as\n";
    static const char a[] = "A 2001,u,o,continuous,4,2,20,5,2,20,0,10,final\n",
                      b[] = "B 2002,u,o,continuous,11.5,2,25,5,2,25,0,10,final\n",
                      c[] = "C 2003,u,o,continuous,-1,2,30,-0.5,2,30,0,10,change\n",
                      e[] = "E 2004,u,o,continuous,5,0.3,100,5,2.5,100,0,10,final\n",
                      d[] = "D 2005,u,p,continuous,5,2,20,5,2,20,,,\n";
    const char *want[] = {
        "warning: u / o / B 2002: exp_mean: 11.5 is outside the outcome's scale range 0 to 10",
        "warning: u / o / C 2003: measured_as: change, but the outcome mixes change scores (1 study) with final"
        " values (3 studies)",
        "warning: u / o / E 2004: exp_sd: 0.3 looks like a standard error (SD x sqrt(100) = 3 is close to the "
        "outcome's typical SD 2)",
    };
    char csv[1024];
    snprintf(csv, sizeof csv, "%s%s%s%s%s%s", head, a, b, c, e, d); /* o's rows together */
    import_warnings(csv, want, 3);
    snprintf(csv, sizeof csv, "%s%s%s%s%s%s", head, a, d, b, c, e); /* o comes back after p */
    import_warnings(csv, want, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_warnings__sd_like_se_at_its_boundaries),
        cmocka_unit_test(test_warnings__arm_totals_against_the_randomised_total),
        cmocka_unit_test(test_warnings__mean_outside_the_declared_scale),
        cmocka_unit_test(test_warnings__change_scores_mixed_with_final_values),
        cmocka_unit_test(test_warnings__all_rules_together_and_a_short_buffer),
        cmocka_unit_test(test_warnings__fields_rules),
        cmocka_unit_test(test_warnings__reader_locates_bad_values),
        cmocka_unit_test(test_warnings__import_fills_the_context_from_the_batch),
        cmocka_unit_test(test_warnings__a_run_of_rows_and_a_read_back_agree),
    };
    return cmocka_run_group_tests_name("warnings", tests, NULL, NULL);
}
