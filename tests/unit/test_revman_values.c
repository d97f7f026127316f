/* The values of RevMan's files (src/io/revman_value.c) as the three RevMan
 * readers read them: one number parser and one set of rules with srw's own
 * CSV (issue 22, item 6).  Each case is a real file of the test data with
 * one value changed: tests/data/rm5/mini.rm5 for RevMan 5 files, a RevMan 5
 * "Data and analyses" export as RevMan writes it (Fleiss 1993's first
 * analysis), and tests/data/rm5/web-fleiss for RevMan Web's package.  Every
 * refusal names file:line:column, the column of the value. */
#include "testutil.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/rm5.h"

#define DATA "tests/data/rm5/"

/* The whole of path as a string (the caller frees it). */
static char *read_text(const char *path)
{
    long n = 0;
    char *raw = srw_test_read_file(path, &n);
    assert_non_null(raw);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    memcpy(s, raw, (size_t)n);
    s[n] = '\0';
    free(raw);
    return s;
}

/* text with the first `from` replaced by `to` (which must be there). */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (at == NULL)
        fail_msg("'%s' is not in the test file", from);
    size_t a = (size_t)(at - text), n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%.*s%s%s", (int)a, text, to, at + strlen(from));
    return s;
}

/* --- RevMan 5 files ------------------------------------------------------------- */

/* mini.rm5 with one attribute changed: 0 or the reader's status, err filled. */
static int rm5_with(srw_rm5_review *r, const char *from, const char *to, srw_error *err)
{
    char *text = read_text(DATA "mini.rm5");
    char *changed = replaced(text, from, to);
    srw_error_clear(err);
    int rc = srw_rm5_read_buffer(r, changed, strlen(changed), "mini.rm5", err);
    free(text);
    free(changed);
    return rc;
}

typedef struct bad_value {
    const char *from, *to;
    long line, column; /* of the attribute: its name's first character */
    const char *message;
} bad_value;

static void test_revman_values__rm5_refuses_what_srws_csv_refuses(void **state)
{
    (void)state;
    static const bad_value cases[] = {
        /* a year too large for one was stored as no year */
        {"YEAR=\"1974\"", "YEAR=\"99999999999\"", 5, 55,
         "study 'MRC-1': YEAR: '99999999999' is not a non-negative whole number"},
        {"YEAR=\"1974\"", "YEAR=\"1850\"", 5, 55,
         "study 'MRC-1': YEAR: year 1850 is not a plausible publication year (1900-2100)"},
        {"YEAR=\"1974\"", "YEAR=\"in press\"", 5, 55,
         "study 'MRC-1': YEAR: 'in press' is not a year (RevMan's study year: 1974, or with its month, 2007 Oct)"},
        /* hex was read as 49 */
        {"EVENTS_1=\"49\"", "EVENTS_1=\"0x31\"", 25, 12, "DICH_DATA EVENTS_1: '0x31' is not a number"},
        /* a negative confidence level was stored */
        {"CI_TOTAL=\"95\" DF", "CI_TOTAL=\"-5\" DF", 22, 59,
         "DICH_OUTCOME CI_TOTAL: confidence level -5 is not between 0 and 100 (exclusive)"},
        {"CI_STUDY=\"95\"", "CI_STUDY=\"100\"", 22, 45,
         "DICH_OUTCOME CI_STUDY: confidence level 100 is not between 0 and 100 (exclusive)"},
        /* an underflow was "not a number" */
        {"VAR=\"26.3047509016457\"", "VAR=\"1e-320\"", 37, 62,
         "IPD_DATA VAR: '1e-320' is too close to zero to compute with (below 1e-307)"},
        /* NaN entered as data was read as missing ("needs exp_events") */
        {"EVENTS_1=\"49\"", "EVENTS_1=\"NaN\"", 25, 12, "DICH_DATA EVENTS_1: 'NaN' is not a number"},
        {"TOTAL_2=\"624\"", "TOTAL_2=\"Infinity\"", 25, 81, "DICH_DATA TOTAL_2: 'Infinity' is not a number"},
        {"SE=\"0.1972198088133556\"", "SE=\"1e999\"", 33, 81, "IV_DATA SE: '1e999' is not a finite number"},
        /* RevMan's own spellings are for its computed results only, as Java writes them */
        {"CHI2=\"\"", "CHI2=\"nan\"", 22, 15, "DICH_OUTCOME CHI2: 'nan' is not a number"},
        /* the record's rules, at the attribute that breaks one */
        {"EVENTS_1=\"49\"", "EVENTS_1=\"700\"", 25, 12,
         "analysis 1.1, study 'MRC-1': exp_events: 700 events exceed exp_total 615"},
        {"EVENTS_1=\"49\"", "EVENTS_1=\"4.5\"", 25, 12,
         "analysis 1.1, study 'MRC-1': exp_events: 4.5 is not a non-negative whole number of events"},
        {"O_E=\"-8.57869249394673\"", "O_E=\"\"", 37, 11,
         "analysis 1.3: study 'MRC-1' needs O_E and a positive VAR"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_rm5_review r;
        srw_error err;
        int rc = rm5_with(&r, cases[i].from, cases[i].to, &err);
        if (rc != SRW_EDATA)
            fail_msg("%s: read (%d), want refused", cases[i].to, rc);
        assert_string_equal(err.message, cases[i].message);
        assert_string_equal(err.path, "mini.rm5");
        if (err.line != cases[i].line || err.column != cases[i].column)
            fail_msg("%s: at %ld:%ld, want %ld:%ld", cases[i].to, err.line, err.column, cases[i].line,
                     cases[i].column);
        assert_int_equal(r.n_analyses, 0);
    }
}

/* The refusals' words are the CSV reader's for the same value. */
static void test_revman_values__rm5_and_csv_say_the_same(void **state)
{
    (void)state;
    static const struct {
        const char *rm5_from, *rm5_to, *csv_value;
    } cases[] = {
        {"EVENTS_1=\"49\"", "EVENTS_1=\"0x31\"", "0x31"},
        {"EVENTS_1=\"49\"", "EVENTS_1=\"NaN\"", "NaN"},
        {"EVENTS_1=\"49\"", "EVENTS_1=\"1e999\"", "1e999"},
        {"EVENTS_1=\"49\"", "EVENTS_1=\"1e-320\"", "1e-320"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_rm5_review r;
        srw_error e1, e2;
        assert_int_equal(rm5_with(&r, cases[i].rm5_from, cases[i].rm5_to, &e1), SRW_EDATA);
        char csv[256];
        snprintf(csv, sizeof csv, "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source\n"
                                  "A,u,o,dichotomous,%s,615,67,624,s\n",
                 cases[i].csv_value);
        srw_record_set set;
        srw_error_clear(&e2);
        assert_int_equal(srw_csv_read_review_buffer(&set, csv, strlen(csv), "t.csv", &e2), SRW_EDATA);
        assert_string_equal(e2.field, "exp_events");
        const char *rule = strstr(e1.message, ": ") + 2; /* after "DICH_DATA EVENTS_1: " */
        assert_string_equal(rule, e2.message);
    }
}

static void test_revman_values__rm5_takes_revmans_own_forms(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to;
        int year; /* MRC-1's */
    } cases[] = {
        {"YEAR=\"1974\"", "YEAR=\"2007 Oct\"", 2007},    /* as in CD013210 */
        {"YEAR=\"1974\"", "YEAR=\"October 2006\"", 2006}, /* was read as no year */
        {"YEAR=\"1974\"", "YEAR=\"\"", 0},
        {"YEAR=\"1974\"", "YEAR=\" 1974 \"", 1974},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_rm5_review r;
        srw_error err;
        if (rm5_with(&r, cases[i].from, cases[i].to, &err) != 0)
            fail_msg("%s: %s", cases[i].to, err.message);
        assert_string_equal(r.set.records[0].study, "MRC-1");
        assert_int_equal(r.set.records[0].year, cases[i].year);
        srw_rm5_review_dispose(&r);
    }
    /* RevMan writes NaN and -Infinity for results it could not compute. */
    srw_rm5_review r;
    srw_error err;
    if (rm5_with(&r, "CHI2=\"\" CI_END=\"\"", "CHI2=\"NaN\" CI_END=\"-Infinity\"", &err) != 0)
        fail_msg("%s", err.message);
    assert_true(isnan(r.analyses[0].overall.chi2));
    assert_true(isinf(r.analyses[0].overall.ci_upper) && r.analyses[0].overall.ci_upper < 0);
    srw_rm5_review_dispose(&r);
}

/* --- RevMan 5's CSV export ------------------------------------------------------------ */

/* Fleiss 1993's first analysis and two of its studies as RevMan 5 exports
 * them (../shared/fixtures/revman/Fleiss1993_CR.csv, its columns cut to the
 * ones srw reads). */
static const char export_csv[] =
    "Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,Statistical Method,Effect Measure,"
    "Analysis Model,Events 1,Mean 1,SD 1,Total 1,Events 2,Mean 2,SD 2,Total 2,Effect Estimate,SE,CI Start,CI End,"
    "Weight,Year of study\n"
    "1,0,0,Examples from Fleiss (1993),,,,,,,,,,,,,,,,,,\n"
    "1,1,0,Aspirin for Preventing Death after Myocardial Infarction,DIC,MH,OR,Fixed,2128,,,14186,2286,,,13817,"
    "0.89686556,,0.8405144,0.95699471,100,\n"
    "1,1,0,MRC-1,,,,,49,0,0,615,67,0,0,624,0.71971415,0.19721981,0.48897453,1.05933628,3.17649,1974\n"
    "1,1,0,CDP,,,,,44,0,0,758,64,0,0,771,0.6807598,0.20289717,0.4573909,1.01321191,3.10168911,1976\n";

static void test_revman_values__revman_csv_refuses_what_srws_csv_refuses(void **state)
{
    (void)state;
    static const bad_value cases[] = {
        {",1974\n", ",99999999999\n", 4, 22, "Year of study: '99999999999' is not a non-negative whole number"},
        {",1974\n", ",1850\n", 4, 22, "Year of study: year 1850 is not a plausible publication year (1900-2100)"},
        {"MRC-1,,,,,49,", "MRC-1,,,,,0x31,", 4, 9, "Events 1: '0x31' is not a number"},
        {"MRC-1,,,,,49,", "MRC-1,,,,,NaN,", 4, 9, "Events 1: 'NaN' is not a number"},
        {"0.71971415,0.19721981", "0.71971415,1e-320", 4, 18,
         "SE: '1e-320' is too close to zero to compute with (below 1e-307)"},
        {"MRC-1,,,,,49,", "MRC-1,,,,,700,", 4, 9,
         "analysis 1.1, study 'MRC-1': exp_events: 700 events exceed exp_total 615"},
        {"MRC-1,,,,,49,0,0,615,", "MRC-1,,,,,49,0,0,,", 4, 12,
         "analysis 1.1, study 'MRC-1': exp_total: a dichotomous record needs exp_total"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = replaced(export_csv, cases[i].from, cases[i].to);
        srw_rm5_review r;
        srw_error err;
        srw_error_clear(&err);
        int rc = srw_revman_csv_read_buffer(&r, text, strlen(text), "export.csv", &err);
        free(text);
        if (rc != SRW_EDATA)
            fail_msg("%s: read (%d), want refused", cases[i].to, rc);
        assert_string_equal(err.message, cases[i].message);
        if (err.line != cases[i].line || err.column != cases[i].column)
            fail_msg("%s: at %ld:%ld, want %ld:%ld", cases[i].to, err.line, err.column, cases[i].line,
                     cases[i].column);
    }
    srw_rm5_review r;
    srw_error err;
    char *text = replaced(export_csv, ",1974\n", ",2007 Oct\n");
    if (srw_revman_csv_read_buffer(&r, text, strlen(text), "export.csv", &err) != 0)
        fail_msg("%s", err.message);
    free(text);
    assert_int_equal(r.set.records[0].year, 2007);
    srw_rm5_review_dispose(&r);
}

/* --- RevMan Web's package ----------------------------------------------------------- */

#define WEB "921923100913455418"

/* tests/data/rm5/web-fleiss copied into dir, one value of one file changed. */
static void web_copy(const char *dir, const char *file, const char *from, const char *to)
{
    static const char *const files[] = {WEB "-data-rows.csv", WEB "-overall-estimates-and-settings.csv",
                                        WEB "-risk-of-bias.csv", WEB "-subgroup-estimates.csv"};
    for (size_t i = 0; i < 4; i++) {
        char src[256], dst[512];
        snprintf(src, sizeof src, DATA "web-fleiss/%s", files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        char *text = read_text(src);
        char *out = strcmp(files[i], file) == 0 ? replaced(text, from, to) : strdup(text);
        FILE *f = fopen(dst, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(out, 1, strlen(out), f), strlen(out));
        assert_int_equal(fclose(f), 0);
        free(out);
        free(text);
    }
}

static void test_revman_values__revman_web_refuses_what_srws_csv_refuses(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        bad_value v;
    } cases[] = {
        {WEB "-data-rows.csv",
         {",AMIS,1980,", ",AMIS,99999999999,", 2, 7, "Study year: '99999999999' is not a non-negative whole number"}},
        {WEB "-data-rows.csv", {",246,2267,", ",0x31,2267,", 2, 12, "Experimental cases: '0x31' is not a number"}},
        {WEB "-data-rows.csv", {",246,2267,", ",NaN,2267,", 2, 12, "Experimental cases: 'NaN' is not a number"}},
        {WEB "-data-rows.csv",
         {",2257,0.0,0.0,", ",2257,0.0,1e-320,", 2, 19,
          "Variance: '1e-320' is too close to zero to compute with (below 1e-307)"}},
        {WEB "-overall-estimates-and-settings.csv",
         {"false,95%,95%,2128", "false,95%,-5%,2128", 2, 26,
          "Estimate CI: confidence level -5 is not between 0 and 100 (exclusive)"}},
        {WEB "-overall-estimates-and-settings.csv",
         {"false,95%,95%,2128", "false,0x5f,95%,2128", 2, 25, "Study CI: '0x5f' is not a number"}},
        {WEB "-data-rows.csv",
         {",246,2267,", ",2468,2267,", 2, 12,
          "analysis 1.1, study 'AMIS': exp_events: 2468 events exceed exp_total 2267"}},
    };
    char dir[] = "/tmp/srw-test-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        web_copy(dir, cases[i].file, cases[i].v.from, cases[i].v.to);
        srw_rm5_review r;
        srw_error err;
        srw_error_clear(&err);
        int rc = srw_revman_web_read(&r, dir, &err);
        if (rc != SRW_EDATA)
            fail_msg("%s: read (%d), want refused", cases[i].v.to, rc);
        assert_string_equal(err.message, cases[i].v.message);
        assert_non_null(strstr(err.path, cases[i].file));
        if (err.line != cases[i].v.line || err.column != cases[i].v.column)
            fail_msg("%s: at %ld:%ld, want %ld:%ld", cases[i].v.to, err.line, err.column, cases[i].v.line,
                     cases[i].v.column);
    }
    web_copy(dir, WEB "-data-rows.csv", ",AMIS,1980,", ",AMIS,October 1980,");
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_web_read(&r, dir, &err) != 0)
        fail_msg("%s", err.message);
    assert_string_equal(r.set.records[0].study, "AMIS");
    assert_int_equal(r.set.records[0].year, 1980);
    srw_rm5_review_dispose(&r);
    static const char *const files[] = {WEB "-data-rows.csv", WEB "-overall-estimates-and-settings.csv",
                                        WEB "-risk-of-bias.csv", WEB "-subgroup-estimates.csv"};
    for (size_t i = 0; i < 4; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revman_values__rm5_refuses_what_srws_csv_refuses),
        cmocka_unit_test(test_revman_values__rm5_and_csv_say_the_same),
        cmocka_unit_test(test_revman_values__rm5_takes_revmans_own_forms),
        cmocka_unit_test(test_revman_values__revman_csv_refuses_what_srws_csv_refuses),
        cmocka_unit_test(test_revman_values__revman_web_refuses_what_srws_csv_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
