/* The CSV reader (RFC 4180) and the review-file reader with every rule of
 * the import format. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "srw/csv.h"
#include "srw/record.h"

static void read_rows(const char *data, size_t n_expected, const char *const *expected, long *lines)
{
    srw_csv *r = NULL;
    srw_error err;
    assert_int_equal(srw_csv_open_buffer(&r, data, strlen(data), "t.csv", &err), 0);
    srw_csv_row row;
    size_t field = 0;
    int rec = 0, rc;
    while ((rc = srw_csv_next(r, &row, &err)) == 1) {
        if (lines)
            assert_int_equal(row.line, lines[rec]);
        for (size_t i = 0; i < row.n; i++) {
            assert_true(field < n_expected);
            assert_string_equal(row.fields[i], expected[field]);
            field++;
        }
        rec++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(field, n_expected);
    srw_csv_free(r);
}

static void test_csv__quoted_fields_with_commas_quotes_and_newlines(void **state)
{
    (void)state;
    const char *want[] = {"a", "b,c", "say \"hi\"", "line1\nline2", "x", ""};
    long lines[] = {1, 2};
    read_rows("a,\"b,c\",\"say \"\"hi\"\"\"\n\"line1\nline2\",x,\n", 6, want, lines);
}

static void test_csv__crlf_bom_and_missing_final_newline(void **state)
{
    (void)state;
    const char *want[] = {"study", "use", "Foster 2001", "low back pain"};
    read_rows("\xEF\xBB\xBFstudy,use\r\nFoster 2001,low back pain", 4, want, NULL);
}

static void test_csv__utf8_text_is_kept(void **state)
{
    (void)state;
    const char *want[] = {"G\xC3\xB6" "bel 2006", "\xCF\x84\xC2\xB2"};
    read_rows("G\xC3\xB6" "bel 2006,\xCF\x84\xC2\xB2\n", 2, want, NULL);
}

static void expect_csv_error(const char *data, long line, const char *needle)
{
    srw_csv *r = NULL;
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_csv_open_buffer(&r, data, strlen(data), "t.csv", &err), 0);
    srw_csv_row row;
    int rc;
    while ((rc = srw_csv_next(r, &row, &err)) == 1)
        ;
    assert_int_equal(rc, SRW_EDATA);
    assert_int_equal(err.line, line);
    if (strstr(err.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err.message, needle);
    srw_csv_free(r);
}

static void test_csv__malformed_input_is_rejected_with_its_line(void **state)
{
    (void)state;
    expect_csv_error("a,b\nc,\"d\n", 2, "not closed");
    expect_csv_error("a,b\nc,d\"e\n", 2, "quote inside an unquoted field");
    expect_csv_error("a,b\n\"c\"x,d\n", 2, "after the closing quote");
    expect_csv_error("a,b\nc,\xC3\x28\n", 2, "invalid UTF-8");
    expect_csv_error("a,b\nc,\xED\xA0\x80\n", 2, "invalid UTF-8"); /* a UTF-16 surrogate */
    const char nul[] = {'a', ',', 'b', '\n', 'c', '\0', 'd', '\n'};
    srw_csv *r = NULL;
    srw_error err;
    assert_int_equal(srw_csv_open_buffer(&r, nul, sizeof nul, "t.csv", &err), 0);
    srw_csv_row row;
    assert_int_equal(srw_csv_next(r, &row, &err), 1);
    assert_int_equal(srw_csv_next(r, &row, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "NUL"));
    srw_csv_free(r);
}

#define HEAD "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,exp_mean,exp_sd,ctl_mean,ctl_sd,estimate,se,direction,mid,year,rob_sequence,source\n"

static void test_review__reads_all_three_record_types(void **state)
{
    (void)state;
    const char *csv = HEAD
        "Foster 2001,low back pain,\"Relief >50%, 3 weeks\",dichotomous,11,15,4,16,,,,,,,higher_is_better,,2001,low,\"Neurology 2001;56:1290, abstract\"\n"
        "Brashear 1999,cervical dystonia,TWSTRS week 4,continuous,,73,,36,10.52,8.80,4.3,6.89,,,higher_is_better,8,1999,,x\n"
        "Lew 2008,neck pain,Pain,generic,,10,,14,,,,,-0.56,0.4235,lower_is_better,,2008,unclear,y\n";
    srw_record_set s;
    srw_error err;
    assert_int_equal(srw_csv_read_review_buffer(&s, csv, strlen(csv), "t.csv", &err), 0);
    assert_int_equal(s.kind, SRW_FILE_TRIALS);
    assert_int_equal(s.n_records, 3);
    const srw_record *f = &s.records[0];
    assert_string_equal(f->outcome, "Relief >50%, 3 weeks");
    assert_int_equal(f->type, SRW_TYPE_DICHOTOMOUS);
    assert_true(f->exp_events == 11 && f->exp_total == 15 && f->ctl_events == 4 && f->ctl_total == 16);
    assert_int_equal(f->rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    assert_int_equal(f->year, 2001);
    assert_int_equal(f->line, 2);
    assert_true(s.records[1].exp_sd == 8.80 && s.records[1].ctl_total == 36);
    assert_true(isnan(s.records[1].exp_events));
    assert_true(s.records[2].estimate == -0.56 && s.records[2].se == 0.4235);
    assert_int_equal(s.records[2].direction, SRW_DIR_LOWER_IS_BETTER);
    srw_record_set_dispose(&s);
}

typedef struct bad_case {
    const char *label;
    const char *csv;
    long line, column;
    const char *field;
    const char *needle;
} bad_case;

static const bad_case bad_cases[] = {
    {"unknown column", "study,use,outcome,type,exp_evnts\n", 1, 5, NULL, "unknown column 'exp_evnts'"},
    {"duplicate column", "study,use,outcome,type,use\n", 1, 5, NULL, "appears twice"},
    {"missing required column", "study,use,type\n", 1, 0, NULL, "no 'outcome' column"},
    {"empty required field", HEAD "Foster 2001,,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n", 2, 2, "use", "required field is empty"},
    {"non-numeric", HEAD "A,u,o,dichotomous,one,2,1,2,,,,,,,,,,,s\n", 2, 5, "exp_events", "is not a number"},
    {"non-finite", HEAD "A,u,o,continuous,,2,,2,inf,1,1,1,,,,,,,s\n", 2, 9, "exp_mean", "is not a number"},
    {"overflow", HEAD "A,u,o,continuous,,2,,2,1e999,1,1,1,,,,,,,s\n", 2, 9, "exp_mean", "not a finite number"},
    {"negative count", HEAD "A,u,o,dichotomous,-1,2,1,2,,,,,,,,,,,s\n", 2, 5, "exp_events", "non-negative"},
    {"fractional count", HEAD "A,u,o,dichotomous,1.5,2,1,2,,,,,,,,,,,s\n", 2, 5, "exp_events", "non-negative"},
    {"events exceed total", HEAD "A,u,o,dichotomous,31,30,1,2,,,,,,,,,,,s\n", 2, 5, "exp_events", "31 events exceed exp_total 30"},
    {"control events exceed total", HEAD "A,u,o,dichotomous,1,30,3,2,,,,,,,,,,,s\n", 2, 7, "ctl_events", "3 events exceed ctl_total 2"},
    {"total below one", HEAD "A,u,o,dichotomous,0,0,1,2,,,,,,,,,,,s\n", 2, 6, "exp_total", "at least 1"},
    {"negative SD", HEAD "A,u,o,continuous,,5,,5,1,-2,1,1,,,,,,,s\n", 2, 10, "exp_sd", "SD must be"},
    {"zero SD with n > 1", HEAD "A,u,o,continuous,,5,,5,1,1,1,0,,,,,,,s\n", 2, 12, "ctl_sd", "SD is 0"},
    {"se zero", HEAD "A,u,o,generic,,,,,,,,,0.3,0,,,,,s\n", 2, 14, "se", "se must be"},
    {"se negative", HEAD "A,u,o,generic,,,,,,,,,0.3,-1,,,,,s\n", 2, 14, "se", "se must be"},
    {"missing type-specific field", HEAD "A,u,o,dichotomous,1,2,,2,,,,,,,,,,,s\n", 2, 7, "ctl_events", "needs ctl_events"},
    {"field of another type", HEAD "A,u,o,dichotomous,1,2,1,2,3,,,,,,,,,,s\n", 2, 9, "exp_mean", "has no exp_mean"},
    {"unknown type", HEAD "A,u,o,binary,1,2,1,2,,,,,,,,,,,s\n", 2, 4, "type", "is not dichotomous"},
    {"unknown direction", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,up,,,,s\n", 2, 15, "direction", "lower_is_better"},
    {"unknown rob", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,maybe,s\n", 2, 18, "rob_sequence", "low, high or unclear"},
    {"wrong field count", HEAD "A,u,o,dichotomous,1,2,1,2\n", 2, 0, NULL, "the row has 8 fields but the header has 19"},
    {"same study twice", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nA,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "appears twice"},
    {"two types for one outcome", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nB,u,o,generic,,,,,,,,,1,1,,,,,s\n", 3, 4, "type", "generic here but dichotomous on line 2"},
    {"two directions for one outcome", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,lower_is_better,,,,s\nB,u,o,dichotomous,1,2,1,2,,,,,,,higher_is_better,,,,s\n", 3, 15, "direction", "higher_is_better here but lower_is_better"},
    {"two rob judgements for one study", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,low,s\nA,u,p,dichotomous,1,2,1,2,,,,,,,,,,high,s\n", 3, 18, "rob_sequence", "judged high here but low"},
    {"implausible year", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,1850,,s\n", 2, 17, "year", "plausible"},
    {"no kind column", "foo,bar\n1,2\n", 1, 0, NULL, "names no 'study'"},
    {"empty file", "", 1, 0, NULL, "empty"},
    {"published: ci_lower above estimate", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,SMD,-0.07,0.1,0.21,s\n", 2, 6, "ci_lower", "above the estimate"},
    {"published: missing source", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,SMD,-0.07,-0.36,0.21,\n", 2, 8, "source", "required field is empty"},
    {"published: negative participants", "use,outcome,review,measure,estimate,ci_lower,ci_upper,participants,source\nu,o,r,SMD,-0.07,-0.36,0.21,-252,s\n", 2, 8, "participants", "non-negative whole number"},
    {"published: unknown measure", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,HR,0.7,0.5,0.9,s\n", 2, 4, "measure", "unknown measure 'HR'"},
    {"uses: use twice", "use,primary_outcome\nu,o\nu,p\n", 3, 1, "use", "appears twice"},
};

static void test_review__every_bad_input_rule_names_line_column_and_field(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        srw_record_set s;
        srw_error err;
        srw_error_clear(&err);
        int rc = srw_csv_read_review_buffer(&s, c->csv, strlen(c->csv), "bad.csv", &err);
        if (rc != SRW_EDATA)
            fail_msg("%s: rc %d, want SRW_EDATA", c->label, rc);
        if (strstr(err.message, c->needle) == NULL)
            fail_msg("%s: message '%s' lacks '%s'", c->label, err.message, c->needle);
        if (err.line != c->line || err.column != c->column)
            fail_msg("%s: at %ld:%ld, want %ld:%ld (%s)", c->label, err.line, err.column, c->line, c->column,
                     err.message);
        if (c->field && strcmp(err.field, c->field) != 0)
            fail_msg("%s: field '%s', want '%s'", c->label, err.field, c->field);
        assert_string_equal(err.path, "bad.csv");
        assert_int_equal(s.n_records + s.n_published + s.n_uses, 0);
        char buf[1024];
        srw_error_format(&err, buf, sizeof buf);
        assert_true(strncmp(buf, "bad.csv:", 8) == 0);
    }
}

static void test_review__published_and_use_files_are_recognised(void **state)
{
    (void)state;
    const char *pub = "use,outcome,review,version,measure,model,estimate,ci_lower,ci_upper,trials,participants,"
                      "certainty,direction,source\n"
                      "neck pain,\"Pain, 4 weeks\",CD008626,pub2,SMD,random,-0.07,-0.36,0.21,5,252,high,"
                      "lower_is_better,doi\n"
                      "cervical dystonia,Dry mouth,CD004315,pub3,RR,,7.65,2.75,21.32,4,438,high,,doi\n";
    srw_record_set s;
    srw_error err;
    assert_int_equal(srw_csv_read_review_buffer(&s, pub, strlen(pub), "p.csv", &err), 0);
    assert_int_equal(s.kind, SRW_FILE_PUBLISHED);
    assert_int_equal(s.n_published, 2);
    assert_true(s.published[0].estimate == -0.07 && s.published[0].ci_upper == 0.21);
    assert_int_equal(s.published[0].trials, 5);
    assert_int_equal(s.published[0].participants, 252);
    assert_int_equal(s.published[0].decimals, 2);
    assert_null(s.published[1].model);
    srw_record_set_dispose(&s);
    const char *uses = "use,primary_outcome,mid,mid_measure,mid_source\nneck pain,\"Pain, 4 weeks\",0.5,SMD,default\n";
    assert_int_equal(srw_csv_read_review_buffer(&s, uses, strlen(uses), "u.csv", &err), 0);
    assert_int_equal(s.kind, SRW_FILE_USES);
    assert_int_equal(s.n_uses, 1);
    assert_string_equal(s.uses[0].primary_outcome, "Pain, 4 weeks");
    assert_true(s.uses[0].mid == 0.5);
    srw_record_set_dispose(&s);
}

static void test_review__missing_file_is_an_io_error(void **state)
{
    (void)state;
    srw_record_set s;
    srw_error err;
    assert_int_equal(srw_csv_read_review(&s, "/nonexistent/x.csv", &err), SRW_EIO);
    assert_non_null(strstr(err.message, "cannot open"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv__quoted_fields_with_commas_quotes_and_newlines),
        cmocka_unit_test(test_csv__crlf_bom_and_missing_final_newline),
        cmocka_unit_test(test_csv__utf8_text_is_kept),
        cmocka_unit_test(test_csv__malformed_input_is_rejected_with_its_line),
        cmocka_unit_test(test_review__reads_all_three_record_types),
        cmocka_unit_test(test_review__every_bad_input_rule_names_line_column_and_field),
        cmocka_unit_test(test_review__published_and_use_files_are_recognised),
        cmocka_unit_test(test_review__missing_file_is_an_io_error),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
