/* The risk-of-bias figures (src/report/svg_rob.c) and the report's
 * risk-of-bias section (content_rob.c): well-formed SVG with a circle per
 * judgement and the overall column, bars whose parts count the rows, and a
 * report that draws each tool's figures only where its judgements are. */
#include "testutil.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/report.h"
#include "srw/store.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Parsed by libxml2 without an error: a browser can draw it. */
static void assert_well_formed(const srw_buf *b)
{
    xmlDocPtr doc = xmlReadMemory(b->ptr, (int)b->len, "figure.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    if (doc == NULL)
        fail_msg("not well-formed XML:\n%s", b->ptr);
    xmlFreeDoc(doc);
}

#define assert_has(b, text)                                                                                        \
    do {                                                                                                           \
        if (strstr((b).ptr, (text)) == NULL)                                                                      \
            fail_msg("the figure lacks \"%s\"", (text));                                                           \
    } while (0)

static void test_report_rob__rob1_traffic_light_has_every_judgement_and_the_overall(void **state)
{
    (void)state;
    const char *studies[] = {"Ames 2001", "Bell & <Co> 2004", "Cole 2008"};
    srw_rob_judgement rob[3][SRW_ROB_N] = {
        {SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_LOW},
        {SRW_ROB_LOW, SRW_ROB_HIGH, SRW_ROB_UNCLEAR},
        {SRW_ROB_UNSET},
    };
    srw_buf b = SRW_BUF_INIT;
    assert_int_equal(srw_report_rob_svg(&b, 3, studies, (const srw_rob_judgement(*)[SRW_ROB_N])rob), 0);
    assert_well_formed(&b);
    assert_has(b, "<title>Risk of bias (RoB 1): traffic-light plot</title>");
    assert_has(b, ">Bell &amp; &lt;Co&gt; 2004<");
    assert_has(b, ">Overall<");
    assert_has(b, ">D7: Other bias<");
    /* Three rows of seven domains and the overall, and the key's four. */
    assert_int_equal(count(b.ptr, "<circle"), 3 * 8 + 4);
    /* Ames: eight low (its overall too), Bell: low, high, unclear, four
     * unjudged, overall high; Cole: nothing at all. */
    assert_int_equal(count(b.ptr, "class=\"rob-low\""), 8 + 1 + 1);
    assert_int_equal(count(b.ptr, "class=\"rob-high\""), 2 + 1);
    assert_int_equal(count(b.ptr, "class=\"rob-middle\""), 1 + 1);
    assert_int_equal(count(b.ptr, "class=\"rob-none\""), 4 + 8 + 1);
    assert_has(b, ">Unclear<");
    srw_buf_dispose(&b);
}

static void test_report_rob__rob1_summary_bars_count_the_studies(void **state)
{
    (void)state;
    srw_rob_judgement rob[2][SRW_ROB_N] = {{SRW_ROB_LOW, SRW_ROB_HIGH}, {SRW_ROB_UNCLEAR, SRW_ROB_HIGH}};
    srw_buf b = SRW_BUF_INIT;
    assert_int_equal(srw_report_rob_summary_svg(&b, 2, (const srw_rob_judgement(*)[SRW_ROB_N])rob), 0);
    assert_well_formed(&b);
    assert_has(b, "<title>Risk of bias (RoB 1): summary plot</title>");
    assert_has(b, "<title>Random sequence generation: Low, 1 of 2 studies (50%)</title>");
    assert_has(b, "<title>Random sequence generation: Unclear, 1 of 2 studies (50%)</title>");
    assert_has(b, "<title>Allocation concealment: High, 2 of 2 studies (100%)</title>");
    assert_has(b, "<title>Other bias: Not judged, 2 of 2 studies (100%)</title>");
    assert_has(b, "<title>Overall risk of bias: High, 2 of 2 studies (100%)</title>");
    /* A bar's parts: sequence 2, allocation 1, five unjudged domains 1
     * each, the overall 1. */
    assert_int_equal(count(b.ptr, "class=\"rob-bar\""), 2 + 1 + 5 + 1);
    assert_has(b, ">Unclear risk of bias<");
    assert_has(b, ">2 studies, unweighted<");
    srw_buf_dispose(&b);
}

static void test_report_rob__rob2_figures_group_results_by_outcome(void **state)
{
    (void)state;
    const char *outcomes[] = {"Pain, week 4", "Pain, week 4", "Adverse events"};
    const char *studies[] = {"Ames 2001", "Bell 2004", "Ames 2001"};
    srw_rob2_judgement rob2[3][SRW_ROB2_ITEMS] = {
        {SRW_ROB2_LOW, SRW_ROB2_LOW, SRW_ROB2_LOW, SRW_ROB2_LOW, SRW_ROB2_LOW},
        {SRW_ROB2_SOME_CONCERNS, SRW_ROB2_SOME_CONCERNS, SRW_ROB2_LOW, SRW_ROB2_LOW, SRW_ROB2_LOW, SRW_ROB2_HIGH},
        {SRW_ROB2_LOW, SRW_ROB2_UNSET, SRW_ROB2_UNSET, SRW_ROB2_UNSET, SRW_ROB2_UNSET, SRW_ROB2_LOW},
    };
    srw_buf b = SRW_BUF_INIT;
    const srw_rob2_judgement(*r)[SRW_ROB2_ITEMS] = (const srw_rob2_judgement(*)[SRW_ROB2_ITEMS])rob2;
    assert_int_equal(srw_report_rob2_svg(&b, 3, outcomes, studies, r), 0);
    assert_well_formed(&b);
    assert_has(b, "<title>Risk of bias (RoB 2): traffic-light plot</title>");
    assert_int_equal(count(b.ptr, ">Pain, week 4<"), 1); /* one heading per outcome */
    assert_int_equal(count(b.ptr, ">Adverse events<"), 1);
    assert_has(b, ">Outcome / study<");
    assert_has(b, ">D5: Bias in selection of the reported result<");
    assert_int_equal(count(b.ptr, "<circle"), 3 * 6 + 4);
    /* The overall column: low (the algorithm's), high (the reviewer's,
     * over two concerns), some concerns (a given low, but four domains not
     * judged: the more severe). */
    assert_int_equal(count(b.ptr, "class=\"rob-high\""), 1 + 1);
    assert_int_equal(count(b.ptr, "class=\"rob-middle\""), 2 + 1 + 1);
    assert_has(b, ">Some concerns<");
    assert_has(b, "\xe2\x88\x92</text>"); /* the some-concerns symbol */
    srw_buf_dispose(&b);
    b = (srw_buf)SRW_BUF_INIT;
    assert_int_equal(srw_report_rob2_summary_svg(&b, 3, r), 0);
    assert_well_formed(&b);
    assert_has(b, "<title>Overall risk of bias: Some concerns, 1 of 3 results (33%)</title>");
    assert_has(b, "<title>Bias due to missing outcome data: Not judged, 1 of 3 results (33%)</title>");
    assert_has(b, ">3 results, unweighted<");
    srw_buf_dispose(&b);
}

/* --- the report ---------------------------------------------------------------- */

static const char trials_csv[] =
    "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source,rob_sequence,rob_allocation,"
    "rob2_randomisation,rob2_missing,rob2_overall\n"
    "Ames 2001,migraine,Headache days,dichotomous,40,200,100,200,test data,low,unclear,,,\n"
    "Bell 2004,migraine,Headache days,dichotomous,45,210,98,205,test data,high,low,,,\n"
    "Ames 2001,migraine,Nausea,dichotomous,4,200,10,200,test data,low,unclear,low,high,high\n"
    "Bell 2004,migraine,Nausea,dichotomous,5,210,9,205,test data,high,low,,,\n"
    "Cole 2008,tremor,Tremor response,dichotomous,5,20,4,20,test data,,,,,\n";

static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rm_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* The file as a string (srw_test_read_file gives its bytes, unterminated). */
static char *slurp(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    long n = 0;
    char *bytes = srw_test_read_file(path, &n);
    char *text = bytes ? realloc(bytes, (size_t)n + 1) : NULL;
    if (bytes != NULL && text == NULL)
        free(bytes);
    if (text != NULL)
        text[n] = '\0';
    return text;
}

static void test_report_rob__the_report_draws_each_tools_figures_where_they_are(void **state)
{
    (void)state;
    char root[64], db[128], out[128];
    snprintf(root, sizeof root, "/tmp/srw-report-rob-XXXXXX");
    assert_non_null(mkdtemp(root));
    snprintf(db, sizeof db, "%s/review.db", root);
    snprintf(out, sizeof out, "%s/out", root);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, db, 1, &err), 0);
    srw_record_set set;
    assert_int_equal(srw_csv_read_review_buffer(&set, trials_csv, strlen(trials_csv), "t.csv", &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, &set, 1, "test", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&set);
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    assert_int_equal(srw_report_write(s, out, &o, &err), 0);
    srw_store_close(s);
    static const char *const drawn[] = {"migraine-rob.svg", "migraine-rob-summary.svg", "migraine-rob2.svg",
                                        "migraine-rob2-summary.svg"};
    for (size_t i = 0; i < 4; i++) {
        char *svg = slurp(out, drawn[i]);
        if (svg == NULL)
            fail_msg("%s not written", drawn[i]);
        free(svg);
    }
    /* tremor holds no judgement: no figure, and the section says so. */
    char *none = slurp(out, "tremor-rob.svg");
    assert_null(none);
    none = slurp(out, "tremor-rob2.svg");
    assert_null(none);
    /* RoB 2 rows: Nausea only (the outcome with a RoB 2 judgement), both
     * its studies. */
    char *rob2 = slurp(out, "migraine-rob2.svg");
    assert_int_equal(count(rob2, ">Nausea<"), 1);
    assert_int_equal(count(rob2, ">Headache days<"), 0);
    assert_int_equal(count(rob2, ">Bell 2004<"), 1);
    free(rob2);
    char *md = slurp(out, "migraine.md");
    assert_non_null(md);
    assert_non_null(strstr(md, "![RoB 1 traffic-light plot"));
    assert_non_null(strstr(md, "(migraine-rob2-summary.svg)"));
    assert_non_null(strstr(md, "Table 8.7.a"));
    assert_non_null(strstr(md, "Sterne JAC et al. BMJ 2019;366:l4898"));
    /* GRADE: Headache days with RoB 1, Nausea with RoB 2, each named. */
    assert_non_null(strstr(md, "risk of bias (RoB 1)"));
    assert_non_null(strstr(md, "(RoB 2, per result)"));
    free(md);
    md = slurp(out, "tremor.md");
    assert_non_null(strstr(md, "No risk-of-bias judgements are recorded for this use's studies"));
    free(md);
    rm_tree(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_rob__rob1_traffic_light_has_every_judgement_and_the_overall),
        cmocka_unit_test(test_report_rob__rob1_summary_bars_count_the_studies),
        cmocka_unit_test(test_report_rob__rob2_figures_group_results_by_outcome),
        cmocka_unit_test(test_report_rob__the_report_draws_each_tools_figures_where_they_are),
    };
    return cmocka_run_group_tests_name("report_rob", tests, NULL, NULL);
}
