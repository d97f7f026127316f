/* The explanation's layout (src/report/explain*.c): numbers to 5
 * significant digits (srw_format_sig), the formula markup in each format
 * (Unicode sub- and superscripts in text and Markdown, <sub> and <sup> in
 * HTML, text of the data shown as it is, never read as markup), and the
 * issue's example, Foster 2001's risk ratio (11/15 vs 4/16, the shipped
 * low-back-pain trial), laid out from the assessment and its trace.  That
 * every number is analyse's is tests/cli/explain.sh's to show. */
#include "testutil.h"

#include <string.h>

#include "srw/assess.h"
#include "srw/explain.h"
#include "srw/format.h"

static void test_explain__significant_digits(void **state)
{
    (void)state;
    char b[64];
    srw_format_sig(b, sizeof b, 559.0 / 2640.0, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "0.21174");
    srw_format_sig(b, sizeof b, 12345.678, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "12346");
    srw_format_sig(b, sizeof b, -1.0 / 3.0, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "-0.33333");
    srw_format_sig(b, sizeof b, 3.14159e-7, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "3.1416e-07");
    srw_format_sig(b, sizeof b, 2.0, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "2.0000");
    srw_format_sig(b, sizeof b, 0.0, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "0");
    srw_format_sig(b, sizeof b, NAN, 5, SRW_FORMAT_TEXT);
    assert_string_equal(b, "-");
}

/* Foster 2001 under a study label with markup characters in it. */
static char *explain(srw_explain_format f, const char *label)
{
    srw_study_row r;
    memset(&r, 0, sizeof r);
    r.study = label;
    r.exp_events = 11, r.exp_total = 15, r.ctl_events = 4, r.ctl_total = 16;
    r.exp_mean = r.exp_sd = r.ctl_mean = r.ctl_sd = r.estimate = r.se = NAN;
    srw_study_info info;
    memset(&info, 0, sizeof info);
    srw_outcome_data d;
    memset(&d, 0, sizeof d);
    d.use = (char *)"low back pain", d.outcome = (char *)">50% pain relief (VAS), 3 weeks";
    d.type = d.set.type = SRW_TYPE_DICHOTOMOUS;
    d.direction = SRW_DIR_HIGHER_IS_BETTER;
    d.mid = NAN;
    d.set.k = 1, d.set.rows = &r, d.rows = &r, d.info = &info;
    srw_trace t;
    srw_trace_init(&t);
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    o.trace = &t;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &d, NULL, NULL, &o, &err), 0);
    srw_buf b = SRW_BUF_INIT;
    srw_explain_request req = {"low back pain", d.outcome, "--measure RR"};
    assert_int_equal(srw_report_explain(&b, &a, &t, &d, &req, f), 0);
    char *s = strdup(b.ptr);
    srw_buf_dispose(&b);
    srw_assessment_dispose(&a);
    srw_trace_dispose(&t);
    return s;
}

static void test_explain__foster_2001_in_each_format(void **state)
{
    (void)state;
    char *s = explain(SRW_EXPLAIN_TEXT, "Foster_2001^x");
    assert_non_null(strstr(s, "  Study 1: Foster_2001^x\n"));
    assert_non_null(strstr(s, "  a = 11 of n\u2081 = 15 with the intervention, c = 4 of n\u2082 = 16 with the control.\n"));
    assert_non_null(strstr(s, "  \u2192 study 1 effect: ln RR\u2081 = ln((11/15) / (4/16)) = 1.0761  (RR 2.9333)\n"));
    assert_non_null(strstr(s, "  \u2192 study 1 variance: v\u2081 = 1/11 \u2212 1/15 + 1/4 \u2212 1/16 = 0.21174\n"));
    assert_non_null(strstr(s, "--measure RR --json"));
    assert_non_null(strstr(s, "\u2192 verdict: the cell at low certainty = Insufficient evidence\n"));
    assert_null(strstr(s, "nan"));
    free(s);

    s = explain(SRW_EXPLAIN_MD, "Foster_2001^x");
    assert_non_null(strstr(s, "### Study 1: Foster\\_2001^x\n"));
    assert_non_null(strstr(s, "- **study 1 effect**: ln RR\u2081 = ln((11/15) / (4/16)) = 1.0761  (RR 2.9333)\n"));
    assert_non_null(strstr(s, "## Step 1. Each study's effect and its variance\n"));
    free(s);

    s = explain(SRW_EXPLAIN_HTML, "Foster_2001 <&>");
    assert_non_null(strstr(s, "<h3>Study 1: Foster_2001 &lt;&amp;&gt;</h3>"));
    assert_non_null(strstr(s, "ln RR<sub>1</sub> = ln((11/15) / (4/16)) = <span class=\"val\">1.0761</span>  (RR 2.9333)"));
    assert_non_null(strstr(s, "n<sub>1</sub>"));
    assert_non_null(strstr(s, "</html>\n"));
    assert_null(strstr(s, "<script"));
    free(s);
}

static void test_explain__formats(void **state)
{
    (void)state;
    srw_explain_format f;
    assert_int_equal(srw_explain_format_parse(&f, "html"), 0);
    assert_int_equal(f, SRW_EXPLAIN_HTML);
    assert_int_equal(srw_explain_format_parse(&f, "pdf"), -1);
    assert_string_equal(srw_explain_format_name(SRW_EXPLAIN_MD), "md");
    assert_null(srw_explain_format_name((srw_explain_format)7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain__significant_digits),
        cmocka_unit_test(test_explain__foster_2001_in_each_format),
        cmocka_unit_test(test_explain__formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
