/* The CSV reader (RFC 4180) and the review-file reader with every rule of
 * the import format. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/record.h"
#include "io/csv_internal.h"

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
    {"missing required column", "study,use,type\n", 1, 1, NULL, "no 'outcome' column"},
    {"empty required field", HEAD "Foster 2001,,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n", 2, 2, "use", "required field is empty"},
    {"non-numeric", HEAD "A,u,o,dichotomous,one,2,1,2,,,,,,,,,,,s\n", 2, 5, "exp_events", "is not a number"},
    {"non-finite", HEAD "A,u,o,continuous,,2,,2,inf,1,1,1,,,,,,,s\n", 2, 9, "exp_mean", "is not a number"},
    {"overflow", HEAD "A,u,o,continuous,,2,,2,1e999,1,1,1,,,,,,,s\n", 2, 9, "exp_mean", "not a finite number"},
    {"underflow", HEAD "A,u,o,generic,,,,,,,,,0.3,1e-320,,,,,s\n", 2, 14, "se", "too close to zero to compute with"},
    {"count beyond 10^15", HEAD "A,u,o,dichotomous,1,1e15,1,2,,,,,,,,,,,s\n", 2, 6, "exp_total", "more than srw counts"},
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
    {"wrong field count", HEAD "A,u,o,dichotomous,1,2,1,2\n", 2, 9, NULL, "the row has 8 fields but the header has 19"},
    {"same study twice", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nA,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "appears twice"},
    {"same study, other case and spacing", HEAD "Smith 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nsmith  2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "differs from 'Smith 2001' on line 2 only in letter case or spacing"},
    {"same study, a no-break space at the end", HEAD "A 1\xc2\xa0,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nA 1,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, a no-break space", HEAD "Smith 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nSmith\xc2\xa0" "2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    /* Unicode (libunistring's NFKC case folding): letters beyond ASCII,
     * a thin space, sharp s against SS. */
    {"same study, non-ASCII case", HEAD "\xc3\x96zdemir 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n\xc3\xb6zdemir 2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, a thin space", HEAD "Smith 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nSmith\xe2\x80\x89" "2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, a soft hyphen", HEAD "Smith 2002,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nSmith 2002\xc2\xad,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, a zero-width space", HEAD "\xc3\x96zdemir 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n\xc3\x96zde\xe2\x80\x8bmir 2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, a line break", HEAD "Smith 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n\"Smith\n2001\",u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"same study, Turkish capital dotted I", HEAD "\xc3\x96zdemir 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n\xc3\x96ZDEM\xc4\xb0R 2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"a control character in a label", HEAD "A\x01" "B,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n", 2, 1, "study", "holds a control character (byte 0x01)"},
    {"a label of invisible characters", HEAD "\xe2\x80\x8b,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\n", 2, 1, "study", "shows as nothing"},
    {"same study, sharp s", HEAD "Stra\xc3\x9f" "e 2001,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nSTRASSE 2001,u,o,dichotomous,1,3,1,3,,,,,,,,,,,s\n", 3, 1, "study", "only in letter case or spacing"},
    {"two types for one outcome", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,,s\nB,u,o,generic,,,,,,,,,1,1,,,,,s\n", 3, 4, "type", "generic here but dichotomous on line 2"},
    {"two directions for one outcome", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,lower_is_better,,,,s\nB,u,o,dichotomous,1,2,1,2,,,,,,,higher_is_better,,,,s\n", 3, 15, "direction", "higher_is_better here but lower_is_better"},
    {"two rob judgements for one study", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,,low,s\nA,u,p,dichotomous,1,2,1,2,,,,,,,,,,high,s\n", 3, 18, "rob_sequence", "judged high here but low"},
    {"implausible year", HEAD "A,u,o,dichotomous,1,2,1,2,,,,,,,,,1850,,s\n", 2, 17, "year", "plausible"},
    {"no kind column", "foo,bar\n1,2\n", 1, 1, NULL, "names no 'study'"},
    {"empty file", "", 1, 1, NULL, "empty"},
    {"published: ci_lower above estimate", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,SMD,-0.07,0.1,0.21,s\n", 2, 6, "ci_lower", "above the estimate"},
    {"published: missing source", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,SMD,-0.07,-0.36,0.21,\n", 2, 8, "source", "required field is empty"},
    {"published: negative participants", "use,outcome,review,measure,estimate,ci_lower,ci_upper,participants,source\nu,o,r,SMD,-0.07,-0.36,0.21,-252,s\n", 2, 8, "participants", "non-negative whole number"},
    {"published: unknown measure", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,HR,0.7,0.5,0.9,s\n", 2, 4, "measure", "unknown measure 'HR'"},
    {"uses: use twice", "use,primary_outcome\nu,o\nu,p\n", 3, 1, "use", "appears twice"},
    {"uses: unknown mid_measure", "use,primary_outcome,mid,mid_measure\nu,o,0.5,XYZ\n", 2, 4, "mid_measure", "mid_measure 'XYZ' is not one of"},
    {"published: 30 February", "use,outcome,review,measure,estimate,ci_lower,ci_upper,search_date,source\nu,o,r,SMD,-0.07,-0.36,0.21,2023-02-30,s\n", 2, 8, "search_date", "'2023-02-30' is not a date"},
    {"published: month 13", "use,outcome,review,measure,estimate,ci_lower,ci_upper,search_date,source\nu,o,r,SMD,-0.07,-0.36,0.21,2023-13,s\n", 2, 8, "search_date", "'2023-13' is not a date"},
    {"published: unpadded date", "use,outcome,review,measure,estimate,ci_lower,ci_upper,search_date,source\nu,o,r,SMD,-0.07,-0.36,0.21,2023-1-5,s\n", 2, 8, "search_date", "'2023-1-5' is not a date"},
    {"published: RD beyond 1", "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,RD,1.5,1.2,3,s\n", 2, 7, "ci_upper", "a risk difference lies between -1 and 1"},
    {"published: fewer participants than trials", "use,outcome,review,measure,estimate,ci_lower,ci_upper,trials,participants,source\nu,o,r,SMD,-0.07,-0.36,0.21,5,3,s\n", 2, 9, "participants", "3 participants cannot make 5 trials"},
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


/* --- the streaming reader of trial-record files --- */

/* Writes data to a new temporary file; the caller unlinks path. */
static void write_temp(char *path, size_t size, const char *data, size_t len)
{
    snprintf(path, size, "/tmp/srw-csv-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void assert_same_string(const char *got, const char *want)
{
    if (want == NULL)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static void assert_same_number(double got, double want)
{
    if (isnan(want))
        assert_true(isnan(got));
    else
        assert_true(got == want);
}

static void assert_same_record(const srw_record *got, const srw_record *want)
{
    assert_int_equal(got->line, want->line);
    assert_same_string(got->study, want->study);
    assert_same_string(got->use, want->use);
    assert_same_string(got->outcome, want->outcome);
    assert_int_equal(got->type, want->type);
    const double g[] = {got->exp_events, got->exp_total, got->ctl_events, got->ctl_total, got->exp_mean,
                        got->exp_sd, got->ctl_mean, got->ctl_sd, got->estimate, got->se, got->mid};
    const double w[] = {want->exp_events, want->exp_total, want->ctl_events, want->ctl_total, want->exp_mean,
                        want->exp_sd, want->ctl_mean, want->ctl_sd, want->estimate, want->se, want->mid};
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        assert_same_number(g[i], w[i]);
    assert_int_equal(got->year, want->year);
    assert_int_equal(got->direction, want->direction);
    assert_same_string(got->measure, want->measure);
    assert_same_string(got->source, want->source);
    assert_same_string(got->notes, want->notes);
    for (int d = 0; d < SRW_ROB_N; d++)
        assert_int_equal(got->rob[d], want->rob[d]);
    assert_int_equal(got->randomised, want->randomised);
    assert_int_equal(got->has_scale, want->has_scale);
    if (want->has_scale)
        assert_true(got->scale_min == want->scale_min && got->scale_max == want->scale_max);
}

#define THEAD "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,exp_mean,exp_sd,ctl_mean,ctl_sd,estimate,se,direction,mid,year,rob_sequence,randomised,scale_min,scale_max,notes\n"

/* Three outcomes, not in one block each, a study in several outcomes,
 * quoted fields with commas and a newline. */
static const char multi_outcome_csv[] = THEAD
    "Foster 2001,low back pain,\"Relief >50%, 3 weeks\",dichotomous,11,15,4,16,,,,,,,higher_is_better,,2001,low,31,,,\n"
    "Brashear 1999,cervical dystonia,TWSTRS week 4,continuous,,73,,36,10.52,8.80,4.3,6.89,,,higher_is_better,8,1999,,,0,87,\n"
    "Jost 2005,low back pain,\"Relief >50%, 3 weeks\",dichotomous,5,20,2,19,,,,,,,higher_is_better,,2005,unclear,,,,\"two\nlines\"\n"
    "Lew 2008,neck pain,Pain,generic,,10,,14,,,,,-0.56,0.4235,lower_is_better,,2008,,,,,\n"
    "Foster 2001,low back pain,Function,continuous,,15,,16,3.1,1.2,2.0,1.4,,,,,2001,low,31,,,\n"
    "Truong 2005,cervical dystonia,TWSTRS week 4,continuous,,55,,25,8.2,7.0,1.1,6.5,,,,,,,,0,87,\n";

static void test_trial_reader__yields_the_records_of_read_review(void **state)
{
    (void)state;
    srw_record_set set;
    srw_error err;
    assert_int_equal(srw_csv_read_review_buffer(&set, multi_outcome_csv, strlen(multi_outcome_csv), "m.csv", &err),
                     0);
    assert_int_equal(set.n_records, 6);
    /* Over a buffer and over a file: the same records as the whole read. */
    char path[64];
    write_temp(path, sizeof path, multi_outcome_csv, strlen(multi_outcome_csv));
    for (int from_file = 0; from_file < 2; from_file++) {
        srw_trial_reader *rd = NULL;
        srw_file_kind kind = 0;
        if (from_file) {
            assert_int_equal(srw_trial_reader_open(&rd, path, &kind, &err), 0);
        } else {
            assert_int_equal(srw_trial_reader_open_buffer(&rd, multi_outcome_csv, strlen(multi_outcome_csv),
                                                          "m.csv", &kind, &err),
                             0);
        }
        assert_int_equal(kind, SRW_FILE_TRIALS);
        srw_record rec;
        size_t n = 0;
        int rc;
        while ((rc = srw_trial_reader_next(rd, &rec, &err)) == 1) {
            assert_true(n < set.n_records);
            assert_same_record(&rec, &set.records[n]);
            srw_record_dispose(&rec);
            n++;
        }
        assert_int_equal(rc, 0);
        assert_int_equal(n, 6);
        srw_trial_reader_free(rd);
    }
    unlink(path);
    /* The values themselves, so that two equally wrong readers cannot pass. */
    assert_string_equal(set.records[0].outcome, "Relief >50%, 3 weeks");
    assert_int_equal(set.records[2].line, 4);
    assert_string_equal(set.records[2].notes, "two\nlines");
    assert_int_equal(set.records[3].line, 6); /* the quoted newline counts */
    assert_true(set.records[1].has_scale && set.records[1].scale_max == 87);
    assert_int_equal(set.records[4].randomised, 31);
    assert_true(set.records[3].se == 0.4235);
    srw_record_set_dispose(&set);
}

static void test_trial_reader__cross_check_error_is_reported_mid_stream(void **state)
{
    (void)state;
    /* Line 5 repeats the study of line 3 in its outcome; line 6 breaks a
     * rule of its own, but the stream never gets there. */
    const char *csv = THEAD
        "A,u,o,dichotomous,1,10,2,10,,,,,,,,,2001,low,,,,\n"
        "B,u,o,dichotomous,3,10,2,10,,,,,,,,,2002,,,,,\n"
        "A,u,p,continuous,,10,,10,1,1,1,1,,,,,2001,low,,,,\n"
        "B,u,o,dichotomous,4,12,2,12,,,,,,,,,,,,,,\n"
        "C,u,o,dichotomous,31,30,2,10,,,,,,,,,,,,,,\n";
    srw_trial_reader *rd = NULL;
    srw_file_kind kind = 0;
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_trial_reader_open_buffer(&rd, csv, strlen(csv), "x.csv", &kind, &err), 0);
    assert_int_equal(srw_trial_reader_column(rd, "type"), 4);
    assert_int_equal(srw_trial_reader_column(rd, "rob_sequence"), 18);
    assert_int_equal(srw_trial_reader_column(rd, "unit"), 0); /* not in this header */
    srw_record rec;
    const long lines[] = {2, 3, 4};
    const char *studies[] = {"A", "B", "A"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(srw_trial_reader_next(rd, &rec, &err), 1);
        /* What came before the error is a valid record. */
        assert_int_equal(rec.line, lines[i]);
        assert_string_equal(rec.study, studies[i]);
        assert_int_equal(srw_record_validate(&rec, &err), 0);
        srw_record_dispose(&rec);
    }
    for (int again = 0; again < 2; again++) {
        srw_error_clear(&err);
        assert_int_equal(srw_trial_reader_next(rd, &rec, &err), SRW_EDATA);
        assert_null(rec.study);
        assert_string_equal(err.path, "x.csv");
        assert_int_equal(err.line, 5);
        assert_int_equal(err.column, 1);
        assert_string_equal(err.field, "study");
        assert_string_equal(err.message, "study 'B' appears twice in outcome 'o' of 'u' (also on line 3)");
    }
    srw_trial_reader_free(rd);
    /* The whole read reports the same first error. */
    srw_record_set set;
    srw_error whole;
    assert_int_equal(srw_csv_read_review_buffer(&set, csv, strlen(csv), "x.csv", &whole), SRW_EDATA);
    assert_int_equal(whole.line, 5);
    assert_string_equal(whole.message, err.message);
    assert_int_equal(set.n_records, 0);
}

/* A dichotomous row of THEAD: study, outcome, direction, mid, year,
 * rob_sequence, randomised. */
#define DROW(study, outcome, dir, mid, year, rob, n) \
    study ",u," outcome ",dichotomous,1,10,2,10,,,,,,," dir "," mid "," year "," rob "," n ",,,\n"

static void test_trial_reader__conflicts_name_the_earlier_line(void **state)
{
    (void)state;
    const struct {
        const char *rows;
        long line, column;
        const char *field, *message;
        int yielded;
    } cases[] = {
        {"A,u,o,dichotomous,1,10,2,10,,,,,,,,,,,,,,\nB,u,p,generic,,,,,,,,,0.1,0.2,,,,,,,,\n"
         "C,u,o,generic,,,,,,,,,0.1,0.2,,,,,,,,\n",
         4, 4, "type", "outcome 'o' of 'u' is generic here but dichotomous on line 2", 2},
        {"A,u,o,continuous,,10,,10,1,1,1,1,,,,,,,,0,10,\nB,u,o,continuous,,10,,10,1,1,1,1,,,,,,,,0,20,\n",
         3, 21, "scale_max", "outcome 'o' of 'u' has the scale range 0 to 20 here but 0 to 10 on line 2", 1},
        {"A,u,o,dichotomous,1,10,2,10,,,,,,,,,,,40,,,\nA,u,p,dichotomous,1,10,2,10,,,,,,,,,,,,,,\n"
         "A,v,q,dichotomous,1,10,2,10,,,,,,,,,,,41,,,\n",
         4, 19, "randomised", "study 'A' has 41 randomised here but 40 on line 2 (one number per study)", 2},
        /* A setting the first row leaves blank: a later row states it, and
         * the rows after that must agree with that row. */
        {DROW("A", "o", "", "", "", "", "") DROW("B", "o", "lower_is_better", "", "", "", "")
             DROW("C", "o", "higher_is_better", "", "", "", ""),
         4, 15, "direction", "outcome 'o' of 'u' is higher_is_better here but lower_is_better on line 3", 2},
        {DROW("A", "o", "", "", "", "", "") DROW("B", "o", "", "0.5", "", "", "") DROW("C", "o", "", "0.8", "", "", ""),
         4, 16, "mid", "outcome 'o' of 'u' has mid 0.8 here but 0.5 on line 3", 2},
        {DROW("A", "o", "", "", "", "", "40") DROW("A", "p", "", "", "2001", "", "")
             DROW("A", "q", "", "", "2002", "", ""),
         4, 17, "year", "study 'A' has year 2002 here but 2001 on line 3", 2},
        {DROW("A", "o", "", "", "2001", "", "") DROW("A", "p", "", "", "", "low", "")
             DROW("A", "q", "", "", "", "high", ""),
         4, 18, "rob_sequence", "study 'A' is judged high here but low on line 3 (one judgement per study and domain)", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[1024];
        snprintf(csv, sizeof csv, "%s%s", THEAD, cases[i].rows);
        srw_trial_reader *rd = NULL;
        srw_error err;
        srw_file_kind kind;
        assert_int_equal(srw_trial_reader_open_buffer(&rd, csv, strlen(csv), "c.csv", &kind, &err), 0);
        srw_record rec;
        int n = 0, rc;
        while ((rc = srw_trial_reader_next(rd, &rec, &err)) == 1) {
            n++;
            srw_record_dispose(&rec);
        }
        if (rc != SRW_EDATA || n != cases[i].yielded || err.line != cases[i].line ||
            err.column != cases[i].column || strcmp(err.field, cases[i].field) != 0 ||
            strcmp(err.message, cases[i].message) != 0)
            fail_msg("case %zu: rc %d after %d records at %ld:%ld %s: %s", i, rc, n, err.line, err.column,
                     err.field, err.message);
        srw_trial_reader_free(rd);
    }
}

static void test_trial_reader__other_kinds_and_header_errors(void **state)
{
    (void)state;
    const char *pub = "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,r,SMD,-0.07,-0.36,0.21,s\n";
    srw_trial_reader *rd = NULL;
    srw_file_kind kind = 0;
    srw_error err;
    srw_record rec;
    assert_int_equal(srw_trial_reader_open_buffer(&rd, pub, strlen(pub), "p.csv", &kind, &err), 0);
    assert_non_null(rd);
    assert_int_equal(kind, SRW_FILE_PUBLISHED);
    assert_int_equal(srw_trial_reader_next(rd, &rec, &err), SRW_EUSAGE);
    srw_trial_reader_free(rd);
    const char *uses = "use,primary_outcome\nu,o\n";
    assert_int_equal(srw_trial_reader_open_buffer(&rd, uses, strlen(uses), "u.csv", &kind, &err), 0);
    assert_int_equal(kind, SRW_FILE_USES);
    srw_trial_reader_free(rd);
    /* A header error: no reader, the message of the whole read. */
    const char *bad = "study,use,outcome,type,exp_evnts\n";
    rd = (srw_trial_reader *)&kind; /* must be reset */
    assert_int_equal(srw_trial_reader_open_buffer(&rd, bad, strlen(bad), "bad.csv", &kind, &err), SRW_EDATA);
    assert_null(rd);
    assert_int_equal(kind, SRW_FILE_TRIALS);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 5);
    assert_non_null(strstr(err.message, "unknown column 'exp_evnts'"));
    assert_int_equal(srw_trial_reader_open_buffer(&rd, "", 0, "e.csv", &kind, &err), SRW_EDATA);
    assert_null(rd);
    assert_int_equal(kind, 0);
    assert_non_null(strstr(err.message, "empty"));
    assert_int_equal(srw_trial_reader_open(&rd, "/nonexistent/x.csv", &kind, &err), SRW_EIO);
    assert_null(rd);
}

static void test_trial_reader__end_of_file_returns_zero_repeatedly(void **state)
{
    (void)state;
    const char *csv = THEAD "A,u,o,dichotomous,1,10,2,10,,,,,,,,,,,,,,\n\n";
    srw_trial_reader *rd = NULL;
    srw_file_kind kind;
    srw_error err;
    srw_record rec;
    assert_int_equal(srw_trial_reader_open_buffer(&rd, csv, strlen(csv), "t.csv", &kind, &err), 0);
    assert_int_equal(srw_trial_reader_next(rd, &rec, &err), 1);
    assert_true(rec.exp_events == 1 && rec.ctl_total == 10);
    srw_record_dispose(&rec);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(srw_trial_reader_next(rd, &rec, &err), 0);
        assert_null(rec.study);
        assert_null(rec.use);
    }
    srw_trial_reader_free(rd);
    /* A header and no rows: the end at once. */
    assert_int_equal(srw_trial_reader_open_buffer(&rd, THEAD, strlen(THEAD), "h.csv", &kind, &err), 0);
    assert_int_equal(srw_trial_reader_next(rd, &rec, &err), 0);
    assert_int_equal(srw_trial_reader_next(rd, &rec, &err), 0);
    srw_trial_reader_free(rd);
}

/* Reads path through a window of the given size (0: the usual one) and
 * data from memory: the same rows, lines and final result. */
static void assert_file_reads_as_buffer(const char *path, const char *data, size_t len, size_t window,
                                        long want_rows)
{
    srw_csv *f = NULL, *b = NULL;
    srw_error ef, eb;
    srw_error_clear(&ef);
    srw_error_clear(&eb);
    if (window)
        assert_int_equal(srw_io__csv_open_file_window(&f, path, window, &ef), 0);
    else
        assert_int_equal(srw_csv_open_file(&f, path, &ef), 0);
    assert_int_equal(srw_csv_open_buffer(&b, data, len, path, &eb), 0);
    srw_csv_row rf, rb;
    int cf, cb;
    long rows = 0;
    while ((cf = srw_csv_next(f, &rf, &ef)) == 1) {
        cb = srw_csv_next(b, &rb, &eb);
        if (cb != 1)
            fail_msg("window %zu: row %ld from the file, %d from the buffer", window, rows + 1, cb);
        if (rf.line != rb.line || rf.n != rb.n)
            fail_msg("window %zu: row %ld at line %ld with %zu fields, want line %ld with %zu", window, rows + 1,
                     rf.line, rf.n, rb.line, rb.n);
        for (size_t i = 0; i < rf.n; i++)
            assert_string_equal(rf.fields[i], rb.fields[i]);
        rows++;
    }
    cb = srw_csv_next(b, &rb, &eb);
    if (cf != cb)
        fail_msg("window %zu: %d after %ld rows, the buffer %d", window, cf, rows, cb);
    if (cf < 0) {
        assert_string_equal(ef.message, eb.message);
        assert_int_equal(ef.line, eb.line);
        assert_int_equal(ef.column, eb.column);
    }
    if (want_rows >= 0)
        assert_int_equal(rows, want_rows);
    srw_csv_free(f);
    srw_csv_free(b);
}

/* A file is read through a window, not whole: rows, quoted newlines, CR LF
 * pairs, "" escapes and UTF-8 sequences cut by the window's end must come
 * out as they do from the same bytes in memory; so must errors. */
static void test_csv__a_file_read_through_a_window_reads_as_the_buffer(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "\xEF\xBB\xBFstudy,use\r\nG\xC3\xB6" "bel 2006,\"a \"\"b\"\", c\"\r\n\r\n\"x\r\ny\",\xCF\x84\xC2\xB2\rlone,cr\n"
        "\xF0\x9F\x98\x80,\"\"\n,\n\"\",end",
        "a,b\nc,\"d\n",              /* a quoted field never closed */
        "a,b\nc,\"d\"\"\n\ne\"\r\n", /* a newline and a blank line inside quotes */
        "a,b\nc,\xC3\x28\n",         /* invalid UTF-8 */
        "a,b\nc,d\"e\n",             /* a quote inside an unquoted field */
        "a,b\n\"c\"x,d\n",           /* text after the closing quote */
        "a,b\r",                     /* a CR at the very end */
        "\xEF\xBB",                  /* a cut BOM is text */
        "",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[64];
        size_t len = strlen(cases[i]);
        write_temp(path, sizeof path, cases[i], len);
        for (size_t w = 0; w <= 9; w++)
            assert_file_reads_as_buffer(path, cases[i], len, w, i == 0 ? 7 : -1);
        assert_file_reads_as_buffer(path, cases[i], len, 64, -1);
        unlink(path);
    }
}

/* A file of several usual windows, and the trial reader over it against
 * the whole read. */
static void test_trial_reader__a_file_of_several_windows(void **state)
{
    (void)state;
    size_t cap = 4u << 20, len = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    len += (size_t)snprintf(data + len, cap - len, "\xEF\xBB\xBFstudy,use,outcome,type,exp_events,exp_total,"
                                                   "ctl_events,ctl_total,notes\r\n");
    const char *notes[] = {"plain", "\"quoted, with a comma\"", "\"two\r\nlines\"", "G\xC3\xB6" "bel \xCF\x84\xC2\xB2",
                           "\"say \"\"hi\"\"\""};
    for (int i = 0; i < 20000; i++) {
        len += (size_t)snprintf(data + len, cap - len, "Study %d,use %d,outcome %d,dichotomous,%d,%d,%d,%d,%s%s",
                                i, i % 7, i / 13, i % 40, 40 + i % 9, i % 30, 50, notes[i % 5],
                                i % 3 ? "\r\n" : "\n");
        if (i % 101 == 0)
            len += (size_t)snprintf(data + len, cap - len, "\r\n");
        assert_true(len + 400 < cap);
    }
    assert_true(len > 3 * ((size_t)1 << 18)); /* several windows of srw_csv_open_file */
    char path[64];
    write_temp(path, sizeof path, data, len);
    assert_file_reads_as_buffer(path, data, len, 0, 20001);
    assert_file_reads_as_buffer(path, data, len, 1000, 20001);
    srw_record_set set;
    srw_error err;
    assert_int_equal(srw_csv_read_review_buffer(&set, data, len, path, &err), 0);
    assert_int_equal(set.n_records, 20000);
    assert_string_equal(set.records[2].notes, "two\r\nlines");
    assert_string_equal(set.records[19999].study, "Study 19999");
    srw_trial_reader *rd = NULL;
    srw_file_kind kind;
    assert_int_equal(srw_trial_reader_open(&rd, path, &kind, &err), 0);
    srw_record rec;
    size_t n = 0;
    int rc;
    while ((rc = srw_trial_reader_next(rd, &rec, &err)) == 1) {
        assert_true(n < set.n_records);
        assert_same_record(&rec, &set.records[n++]);
        srw_record_dispose(&rec);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, set.n_records);
    srw_trial_reader_free(rd);
    srw_record_set_dispose(&set);
    unlink(path);
    free(data);
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
        cmocka_unit_test(test_trial_reader__yields_the_records_of_read_review),
        cmocka_unit_test(test_trial_reader__cross_check_error_is_reported_mid_stream),
        cmocka_unit_test(test_trial_reader__conflicts_name_the_earlier_line),
        cmocka_unit_test(test_trial_reader__other_kinds_and_header_errors),
        cmocka_unit_test(test_trial_reader__end_of_file_returns_zero_repeatedly),
        cmocka_unit_test(test_csv__a_file_read_through_a_window_reads_as_the_buffer),
        cmocka_unit_test(test_trial_reader__a_file_of_several_windows),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
