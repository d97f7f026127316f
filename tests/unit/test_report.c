/* Unit tests of the report module (src/report): escaping, number
 * formatting, the forest plot SVG, byte-identical regeneration and the
 * verdict in summary.json for constructed data. */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/format.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/report.h"
#include "srw/sensitivity.h"
#include "srw/store.h"

#define DASH "\xe2\x80\x93"

/* ------------------------------------------------------------- escaping */

static void test_report__xml_escapes_script_tags(void **state)
{
    (void)state;
    srw_buf b = SRW_BUF_INIT;
    srw_buf_put_xml(&b, "<script>alert(1)</script> & \"q\" 'a'");
    assert_string_equal(srw_buf_cstr(&b),
                        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;");
    assert_false(b.oom);
    srw_buf_dispose(&b);
}

static void test_report__links_stay_escaped(void **state)
{
    (void)state;
    srw_buf b = SRW_BUF_INIT;
    srw_buf_put_linked_html(&b, "See https://example.org/a?x=1&y=2. Also doi:10.1000/xyz and "
                                "https://evil.example/\"onmouseover=\"alert(1)");
    const char *s = srw_buf_cstr(&b);
    assert_non_null(strstr(s, "<a href=\"https://example.org/a?x=1&amp;y=2\">https://example.org/a?x=1&amp;y=2</a>. "));
    assert_non_null(strstr(s, "<a href=\"https://doi.org/10.1000/xyz\">doi:10.1000/xyz</a>"));
    /* the quote ends the URL and is escaped, so no attribute can be injected */
    assert_null(strstr(s, "\"onmouseover"));
    assert_non_null(strstr(s, "&quot;onmouseover=&quot;alert(1)"));
    srw_buf_dispose(&b);
}

static void test_report__markdown_escapes_tables_and_html(void **state)
{
    (void)state;
    srw_buf b = SRW_BUF_INIT;
    srw_buf_put_md(&b, "a|b *c* <script>\nx");
    assert_string_equal(srw_buf_cstr(&b), "a\\|b \\*c\\* \\<script> x");
    /* '&', '<' and '>' as they are where they mean nothing to Markdown:
     * the page reads as plain text too. */
    srw_buf_clear(&b);
    srw_buf_put_md(&b, "Viechtbauer & Cheung; p < 0.05; >50% relief; a > b; </p>; <!--; &amp; &#38; &#x26; &x; &1;");
    assert_string_equal(srw_buf_cstr(&b),
                        "Viechtbauer & Cheung; p < 0.05; >50% relief; a > b; \\</p>; \\<!--; \\&amp; \\&\\#38; "
                        "\\&\\#x26; \\&x; &1;");
    srw_buf_clear(&b);
    srw_buf_put_md(&b, " >50% pain relief");
    assert_string_equal(srw_buf_cstr(&b), " \\>50% pain relief");
    /* Web addresses as autolinks, their characters as they are. */
    srw_buf_clear(&b);
    srw_buf_put_md(&b, "Table 5: https://x.org/a?b=1&c=highwire_tables*|x. See doi:10.1/a_b; ahttp://no");
    assert_string_equal(srw_buf_cstr(&b), "Table 5: <https://x.org/a?b=1&c=highwire_tables*%7Cx>. See doi:10.1/a\\_b; "
                                          "ahttp://no");
    srw_buf_dispose(&b);
}

static void test_report__slug_is_safe_for_file_names(void **state)
{
    (void)state;
    char s[64];
    srw_report_slug(s, sizeof s, "Pain, 4 weeks (../etc/passwd)");
    assert_string_equal(s, "pain-4-weeks-etc-passwd");
    srw_report_slug(s, sizeof s, "***");
    assert_string_equal(s, "x");
    char shortn[24]; /* cut at a word boundary, not mid-word */
    srw_report_slug(shortn, sizeof shortn, "Participants with any adverse event");
    assert_string_equal(shortn, "participants-with-any");
}

/* ------------------------------------------------------------- numbers */

/* A huge value keeps its magnitude in a table cell (1e308 was printed as
 * the first digits of its 309, cut to "10000000000000000109790"). */
static void test_report__huge_numbers_keep_their_magnitude(void **state)
{
    (void)state;
    char buf[32], ci[96];
    srw_format_num(buf, sizeof buf, 1e308, 2, SRW_FORMAT_TEXT);
    assert_string_equal(buf, "1.00e+308");
    srw_format_num(buf, sizeof buf, -2.5e15, 2, SRW_FORMAT_TEXT);
    assert_string_equal(buf, "-2.50e+15");
    /* a published 1.5e20, given without decimals: not 2e+20 */
    srw_format_num(buf, sizeof buf, 1.5e20, 0, SRW_FORMAT_TEXT);
    assert_string_equal(buf, "1.50e+20");
    srw_format_num(buf, sizeof buf, 999999999999999.0, 0, SRW_FORMAT_TEXT); /* below 1e15: as before */
    assert_string_equal(buf, "999999999999999");
    srw_format_effect_ci(ci, sizeof ci, 1e200, 9e199, 1.1e200, 0, SRW_FORMAT_TEXT);
    assert_string_equal(ci, "1.00e+200 [9.00e+199, 1.10e+200]");
}

static void test_report__numbers_never_print_nan(void **state)
{
    (void)state;
    char b[96];
    srw_format_num(b, sizeof b, NAN, 2, SRW_FORMAT_PAGE);
    assert_string_equal(b, DASH);
    srw_format_num(b, sizeof b, INFINITY, 2, SRW_FORMAT_PAGE);
    assert_string_equal(b, DASH);
    srw_format_num(b, sizeof b, -0.0001, 2, SRW_FORMAT_PAGE);
    assert_string_equal(b, "0.00");
    /* RevMan style: "0.68 [0.59, 0.80]" from the log scale */
    srw_format_effect_ci(b, sizeof b, log(0.68), log(0.59), log(0.80), 1, SRW_FORMAT_PAGE);
    assert_string_equal(b, "0.68 [0.59, 0.80]");
    srw_format_effect_to(b, sizeof b, -0.07, -0.36, 0.21, 0, SRW_FORMAT_PAGE);
    assert_string_equal(b, "-0.07 (-0.36 to 0.21)");
    srw_format_effect_ci(b, sizeof b, NAN, NAN, NAN, 1, SRW_FORMAT_PAGE);
    assert_string_equal(b, DASH);
    srw_format_effect_ci(b, sizeof b, 1000.0, 999.0, 1001.0, 1, SRW_FORMAT_PAGE); /* exp overflows */
    assert_string_equal(b, DASH);
}

/* The two styles of srw/format.h write a defined number alike and differ
 * only in what stands for an undefined one: "-" in text, "–" on a page,
 * where an interval with an undefined end is left out. */
static void test_report__number_styles_differ_only_when_undefined(void **state)
{
    (void)state;
    const srw_format_style styles[] = {SRW_FORMAT_TEXT, SRW_FORMAT_PAGE};
    char b[2][96];
    for (int s = 0; s < 2; s++)
        srw_format_num(b[s], sizeof b[s], -0.235, 2, styles[s]);
    assert_string_equal(b[0], b[1]);
    assert_string_equal(b[0], "-0.23"); /* -0.235 is -0.23499999999999999 */
    for (int s = 0; s < 2; s++)
        srw_format_count(b[s], sizeof b[s], 1234.0, styles[s]);
    assert_string_equal(b[0], b[1]);
    for (int s = 0; s < 2; s++)
        srw_format_p(b[s], sizeof b[s], 0.0004, styles[s]);
    assert_string_equal(b[0], "P = 0.0004");
    assert_string_equal(b[0], b[1]);
    for (int s = 0; s < 2; s++)
        srw_format_given(b[s], sizeof b[s], 0.8, 2, styles[s]);
    assert_string_equal(b[0], "0.80");
    assert_string_equal(b[0], b[1]);
    for (int s = 0; s < 2; s++)
        srw_format_effect_to(b[s], sizeof b[s], log(0.68), log(0.59), log(0.80), 1, styles[s]);
    assert_string_equal(b[0], "0.68 (0.59 to 0.80)");
    assert_string_equal(b[0], b[1]);

    assert_string_equal(srw_format_missing(SRW_FORMAT_TEXT), "-");
    assert_string_equal(srw_format_missing(SRW_FORMAT_PAGE), DASH);
    srw_format_count(b[0], sizeof b[0], NAN, SRW_FORMAT_TEXT);
    assert_string_equal(b[0], "-");
    srw_format_given(b[0], sizeof b[0], INFINITY, 2, SRW_FORMAT_PAGE);
    assert_string_equal(b[0], DASH);
    srw_format_p(b[0], sizeof b[0], NAN, SRW_FORMAT_TEXT);
    assert_string_equal(b[0], "P = -");
    srw_format_p(b[1], sizeof b[1], NAN, SRW_FORMAT_PAGE);
    assert_string_equal(b[1], "P = " DASH);
    /* An interval whose upper end overflows exp(): every part in text, the
     * estimate alone on a page. */
    srw_format_effect_ci(b[0], sizeof b[0], log(0.68), log(0.59), 1000.0, 1, SRW_FORMAT_TEXT);
    assert_string_equal(b[0], "0.68 [0.59, -]");
    srw_format_effect_ci(b[1], sizeof b[1], log(0.68), log(0.59), 1000.0, 1, SRW_FORMAT_PAGE);
    assert_string_equal(b[1], "0.68");
}

/* ---------------------------------------------------------- forest plot */

static const srw_study_row rows3[] = {
    {.study = "<script>alert(1)</script>", .exp_events = 12, .exp_total = 50, .ctl_events = 24, .ctl_total = 51},
    {.study = "Brown 2003", .exp_events = 7, .exp_total = 40, .ctl_events = 15, .ctl_total = 38},
    {.study = "Chan 2010", .exp_events = 0, .exp_total = 20, .ctl_events = 0, .ctl_total = 21},
};

static void forest_for(srw_buf *b, srw_direction dir)
{
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 3, rows3};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = SRW_PROFILE_REVMAN5;
    srw_analysis a;
    srw_error err;
    memset(&a, 0, sizeof a);
    assert_int_equal(srw_analysis_run(&a, &set, &o, &err), 0);
    srw_study_info info[3];
    memset(info, 0, sizeof info);
    info[0].rob[SRW_ROB_SEQUENCE] = SRW_ROB_LOW;
    info[1].rob[SRW_ROB_ALLOCATION] = SRW_ROB_HIGH;
    srw_study_row r[3];
    memcpy(r, rows3, sizeof r);
    srw_outcome_data d;
    memset(&d, 0, sizeof d);
    d.type = SRW_TYPE_DICHOTOMOUS;
    d.direction = dir;
    d.comparison = (char *)"Toxin vs Placebo";
    d.set = set;
    d.rows = r;
    d.info = info;
    assert_int_equal(srw_report_forest_svg(b, &a, &d, "Pain <b>"), 0);
    srw_analysis_dispose(&a);
}

/* The rows in the order given: Brown 2003 before the first study. */
static void test_report__forest_rows_follow_the_sort(void **state)
{
    (void)state;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 3, rows3};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    srw_error err;
    assert_int_equal(srw_analysis_run(&a, &set, &o, &err), 0);
    const size_t order[3] = {1, 0, 2};
    srw_buf b = SRW_BUF_INIT;
    assert_int_equal(srw_report_forest_svg_sorted(&b, &a, NULL, order, "sorted"), 0);
    const char *s = srw_buf_cstr(&b), *brown = strstr(s, ">Brown 2003<"), *first = strstr(s, "&lt;script&gt;");
    assert_non_null(brown);
    assert_non_null(first);
    assert_true(brown < first);
    srw_buf_dispose(&b);
    srw_analysis_dispose(&a);
}

/* The contour-enhanced funnel: the bands and the studies always; the
 * tests' lines only with the sensitivity analyses, their states in words. */
static void test_report__funnel_has_contours_and_the_tests_states(void **state)
{
    (void)state;
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, 3, rows3};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_analysis a;
    srw_error err;
    assert_int_equal(srw_analysis_run(&a, &set, &o, &err), 0);
    srw_buf b = SRW_BUF_INIT;
    assert_int_equal(srw_report_funnel_svg(&b, &a, NULL, "no tests"), 0);
    const char *s = srw_buf_cstr(&b);
    assert_non_null(strstr(s, "class=\"contour\""));
    assert_non_null(strstr(s, "p &lt; 0.01"));
    assert_non_null(strstr(s, "<title>Brown 2003</title>"));
    assert_null(strstr(s, "Egger"));
    srw_sens_options so = SRW_SENS_OPTIONS_INIT;
    so.what = SRW_SENS_SMALL_STUDY | SRW_SENS_TRIM_FILL;
    srw_sensitivity sens;
    assert_int_equal(srw_sensitivity_run(&sens, &a, &set, NULL, &so, &err), 0);
    srw_buf_clear(&b);
    assert_int_equal(srw_report_funnel_svg(&b, &a, &sens, "two studies"), 0);
    s = srw_buf_cstr(&b);
    assert_non_null(strstr(s, "not computed (Egger&#39;s test needs at least 3 studies)"));
    assert_non_null(strstr(s, "Trim-and-fill: not computed (trim-and-fill needs at least 3 studies)"));
    assert_null(strstr(s, "class=\"filled\""));
    assert_null(strstr(s, "nan"));
    srw_sensitivity_dispose(&sens);
    srw_buf_dispose(&b);
    srw_analysis_dispose(&a);
}

/* The text of the first <text> after marker with the given anchor. */
static void favours_side(const char *svg, const char *anchor, char *out, size_t n)
{
    const char *g = strstr(svg, "<g class=\"favours\">");
    assert_non_null(g);
    char pat[64];
    snprintf(pat, sizeof pat, "text-anchor=\"%s\">", anchor);
    const char *t = strstr(g, pat);
    assert_non_null(t);
    t += strlen(pat);
    const char *e = strstr(t, "</text>");
    snprintf(out, n, "%.*s", (int)(e - t), t);
}

static void test_report__forest_has_rows_diamond_and_favours(void **state)
{
    (void)state;
    srw_buf b = SRW_BUF_INIT;
    char left[128], right[128];
    forest_for(&b, SRW_DIR_LOWER_IS_BETTER);
    const char *s = srw_buf_cstr(&b);
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_null(strstr(s, "<script"));
    assert_non_null(strstr(s, "<title>Pain &lt;b&gt;</title>"));
    assert_non_null(strstr(s, ">Brown 2003</text>"));
    assert_non_null(strstr(s, ">Not estimable</text>")); /* the double-zero study */
    assert_non_null(strstr(s, "class=\"diamond\""));
    assert_non_null(strstr(s, ">Total (95% CI)</text>"));
    assert_non_null(strstr(s, "Heterogeneity: Chi\xc2\xb2 = "));
    assert_non_null(strstr(s, "Test for overall effect: Z = "));
    assert_non_null(strstr(s, ">Risk Ratio</text>"));
    assert_non_null(strstr(s, "fill=\"#00a651\"")); /* a low-risk RoB dot */
    assert_null(strstr(s, "nan"));
    assert_null(strstr(s, "inf\""));
    /* lower is better: benefit (the intervention) on the left */
    favours_side(s, "end", left, sizeof left);
    favours_side(s, "start", right, sizeof right);
    assert_string_equal(left, "Favours Toxin");
    assert_string_equal(right, "Favours Placebo");
    srw_buf_clear(&b);
    forest_for(&b, SRW_DIR_HIGHER_IS_BETTER);
    favours_side(srw_buf_cstr(&b), "end", left, sizeof left);
    favours_side(srw_buf_cstr(&b), "start", right, sizeof right);
    assert_string_equal(left, "Favours Placebo");
    assert_string_equal(right, "Favours Toxin");
    srw_buf_dispose(&b);
}

/* ------------------------------------------------------ whole report */

static const char trials_csv[] =
    "study,year,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,source,"
    "rob_sequence,rob_allocation,rob_blinding_participants,rob_blinding_assessors,rob_incomplete,rob_selective,rob_other\n"
    "Ames 2001,2001,migraine,Headache days,dichotomous,40,200,100,200,lower_is_better,https://example.org/ames,low,low,low,low,low,low,low\n"
    "Bell 2004,2004,migraine,Headache days,dichotomous,45,210,98,205,lower_is_better,Bell table 2,low,low,low,low,low,low,low\n"
    "Cole 2008,2008,migraine,Headache days,dichotomous,38,190,95,195,lower_is_better,Cole fig 1,low,low,low,low,low,low,low\n"
    "Dunn 2015,2015,migraine,Headache days,dichotomous,42,205,101,200,lower_is_better,Dunn 2015,low,low,low,low,low,low,low\n"
    "<script>alert(1)</script>,2003,tremor,Tremor response,dichotomous,5,20,4,20,higher_is_better,made-up test row,,,,,,,\n";
static const char published_csv[] =
    "use,outcome,review,version,search_date,measure,model,method,estimate,ci_lower,ci_upper,trials,participants,"
    "certainty,direction,source,notes\n"
    "migraine,Headache days,Test review CD0999999,CD0999999,2010-05,RR,random,,0.45,0.38,0.53,3,1195,high,"
    "lower_is_better,test,\n"
    "tremor,Tremor response,Other review,v1,2009,RR,random,,1.02,0.95,1.10,9,3000,high,higher_is_better,test,\n";
static const char uses_csv[] =
    "use,primary_outcome,description,mid,mid_measure,mid_source,notes\n"
    "migraine,Headache days,Test use,,,,\n"
    "tremor,Tremor response,Test use,,,,\n"
    "empty use,Nothing measured,No data at all,,,,\n";

static void import_buf(srw_store *s, const char *data, const char *name)
{
    srw_record_set set;
    srw_error err;
    memset(&set, 0, sizeof set);
    if (srw_csv_read_review_buffer(&set, data, strlen(data), name, &err) != 0)
        fail_msg("%s: %s", name, err.message);
    srw_import_stats st;
    memset(&st, 0, sizeof st);
    if (srw_import_sets(s, &set, 1, "test", "import", NULL, &st, &err) != 0)
        fail_msg("import %s: %s", name, err.message);
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&set);
}

static srw_store *make_db(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/review.db", dir);
    srw_store *s = NULL;
    srw_error err;
    if (srw_store_open(&s, path, 1, &err) != 0)
        fail_msg("open: %s", err.message);
    import_buf(s, uses_csv, "uses.csv");
    import_buf(s, trials_csv, "trials.csv");
    import_buf(s, published_csv, "published.csv");
    return s;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, f);
    p[*len] = '\0';
    fclose(f);
    return p;
}

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

typedef struct fixture {
    char root[64];
    char out1[128], out2[128];
    srw_store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->root, sizeof f->root, "/tmp/srw-report-XXXXXX");
    if (mkdtemp(f->root) == NULL)
        return -1;
    snprintf(f->out1, sizeof f->out1, "%s/a", f->root);
    snprintf(f->out2, sizeof f->out2, "%s/b", f->root);
    f->s = make_db(f->root);
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    srw_error err;
    if (srw_report_write(f->s, f->out1, &o, &err) != 0 || srw_report_write(f->s, f->out2, &o, &err) != 0) {
        fprintf(stderr, "report: %s\n", err.message);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f == NULL) /* setup failed before it made one */
        return 0;
    srw_store_close(f->s);
    rm_tree(f->root);
    free(f);
    return 0;
}

static void test_report__regeneration_is_byte_identical(void **state)
{
    fixture *f = *state;
    size_t n1, n2;
    char *m = slurp(f->out1, "manifest.json", &n1);
    assert_non_null(m);
    json_error_t je;
    json_t *j = json_loads(m, 0, &je);
    assert_non_null(j);
    json_t *files = json_object_get(j, "files");
    assert_true(json_array_size(files) >= 6);
    size_t i;
    json_t *v;
    json_array_foreach(files, i, v) {
        const char *name = json_string_value(v);
        char *a = slurp(f->out1, name, &n1), *b = slurp(f->out2, name, &n2);
        assert_non_null(a);
        assert_non_null(b);
        if (n1 != n2 || memcmp(a, b, n1) != 0)
            fail_msg("%s differs between two runs", name);
        free(a);
        free(b);
    }
    char *m2 = slurp(f->out2, "manifest.json", &n2);
    assert_string_equal(m, m2);
    assert_int_equal(strlen(json_string_value(json_object_get(j, "input_sha256"))), 64);
    json_decref(j);
    free(m);
    free(m2);
}

static json_t *use_entry(json_t *summary, const char *use)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(summary, "uses"), i, u) {
        if (strcmp(json_string_value(json_object_get(u, "use")), use) == 0)
            return u;
    }
    fail_msg("use %s not in summary.json", use);
    return NULL;
}

static void test_report__summary_json_verdicts(void **state)
{
    fixture *f = *state;
    size_t n;
    char *s = slurp(f->out1, "summary.json", &n);
    assert_non_null(s);
    assert_null(strstr(s, "NaN"));
    json_error_t je;
    json_t *j = json_loads(s, 0, &je);
    assert_non_null(j);
    /* migraine: srw holds 4 trials, 1605 participants > the review's 1195:
     * srw's own analysis, a large benefit (RR about 0.43) at high certainty */
    json_t *u = use_entry(j, "migraine");
    assert_string_equal(json_string_value(json_object_get(u, "basis")), "srw");
    assert_string_equal(json_string_value(json_object_get(u, "verdict")), "supported");
    assert_int_equal(json_integer_value(json_object_get(u, "k")), 4);
    assert_rel(json_number_value(json_object_get(u, "participants")), 1605, 1e-12);
    double est = json_number_value(json_object_get(u, "estimate"));
    assert_true(est > 0.35 && est < 0.55);
    assert_non_null(json_object_get(json_object_get(u, "grade"), "domains"));
    /* tremor: the review's 3000 participants outweigh srw's 40 */
    u = use_entry(j, "tremor");
    assert_string_equal(json_string_value(json_object_get(u, "basis")), "published");
    assert_rel(json_number_value(json_object_get(u, "estimate")), 1.02, 1e-12);
    assert_string_equal(json_string_value(json_object_get(u, "verdict")), "not_supported");
    assert_non_null(strstr(json_string_value(json_object_get(u, "basis_text")), "srw holds trial data for 1 of them"));
    /* no data at all */
    u = use_entry(j, "empty use");
    assert_string_equal(json_string_value(json_object_get(u, "verdict")), "insufficient_evidence");
    assert_true(json_is_null(json_object_get(u, "basis")));
    assert_true(json_is_null(json_object_get(u, "estimate")));
    assert_non_null(strstr(json_string_value(json_object_get(u, "reason")), "no data"));
    json_decref(j);
    free(s);
}

/* Three identical trials: HKSJ's interval shrinks to a point (variance
 * factor 0), which by itself made the verdict "Supported" at high
 * certainty although the Wald test gives P = 0.13.  The verdict and GRADE
 * judge the wider of it and the Wald interval, -1.00 [-2.31, 0.31]. */
static void test_report__identical_trials_do_not_make_a_point_interval_verdict(void **state)
{
    (void)state;
    char root[64];
    snprintf(root, sizeof root, "/tmp/srw-report-XXXXXX");
    assert_non_null(mkdtemp(root));
    char path[128], out[128];
    snprintf(path, sizeof path, "%s/review.db", root);
    snprintf(out, sizeof out, "%s/out", root);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, path, 1, &err), 0);
    import_buf(s, "use,primary_outcome\nu,pain\n", "uses.csv");
    char trials[1024] = "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,direction,mid,"
                        "rob_sequence,rob_allocation,rob_blinding_participants,rob_blinding_assessors,rob_incomplete,"
                        "rob_selective,rob_other,source\n";
    for (int i = 1; i <= 3; i++)
        snprintf(trials + strlen(trials), sizeof trials - strlen(trials),
                 "I%d,u,pain,continuous,4,10,150,5,10,150,lower_is_better,0.5,low,low,low,low,low,low,low,s\n", i);
    import_buf(s, trials, "trials.csv");
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    assert_int_equal(srw_report_write(s, out, &o, &err), 0);
    size_t n;
    char *text = slurp(out, "summary.json", &n);
    assert_non_null(text);
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    assert_non_null(j);
    json_t *u = use_entry(j, "u");
    assert_string_equal(json_string_value(json_object_get(u, "verdict")), "insufficient_evidence");
    assert_non_null(strstr(json_string_value(json_object_get(u, "reason")), "Judged on the Wald interval: the HKSJ one (variance factor 0.00) is narrower."));
    json_decref(j);
    free(text);
    srw_store_close(s);
    rm_tree(root);
}

static void test_report__html_escapes_study_names_and_has_verdicts(void **state)
{
    fixture *f = *state;
    size_t n;
    /* The index: the verdicts and a paragraph per use linking its page,
     * none of the page's detail (issue 21). */
    char *h = slurp(f->out1, "index.html", &n);
    assert_non_null(h);
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "<table class=\"verdicts\">"));
    assert_non_null(strstr(h, "@media print"));
    assert_non_null(strstr(h, "<a href=\"migraine.html\">Its page</a>"));
    assert_null(strstr(h, "-forest.svg"));
    assert_null(strstr(h, "Summary of findings"));
    free(h);
    /* The use's page holds it. */
    h = slurp(f->out1, "migraine.html", &n);
    assert_non_null(h);
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "<a href=\"https://example.org/ames\">"));
    assert_non_null(strstr(h, "migraine-headache-days-forest.svg"));
    /* Dunn 2015 is after the review's 2010 search: the living update names it */
    assert_non_null(strstr(h, "dated after 2010 (Dunn 2015)"));
    free(h);
    h = slurp(f->out1, "tremor.html", &n);
    assert_non_null(h);
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(h);
    char *md = slurp(f->out1, "index.md", &n);
    assert_non_null(md);
    assert_null(strstr(md, "<script"));
    assert_non_null(strstr(md, "[Its page](migraine.md)"));
    free(md);
}

int main(void)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_report__xml_escapes_script_tags),
        cmocka_unit_test(test_report__forest_rows_follow_the_sort),
        cmocka_unit_test(test_report__funnel_has_contours_and_the_tests_states),
        cmocka_unit_test(test_report__links_stay_escaped),
        cmocka_unit_test(test_report__markdown_escapes_tables_and_html),
        cmocka_unit_test(test_report__slug_is_safe_for_file_names),
        cmocka_unit_test(test_report__numbers_never_print_nan),
        cmocka_unit_test(test_report__number_styles_differ_only_when_undefined),
        cmocka_unit_test(test_report__forest_has_rows_diamond_and_favours),
    };
    const struct CMUnitTest whole[] = {
        cmocka_unit_test(test_report__regeneration_is_byte_identical),
        cmocka_unit_test(test_report__summary_json_verdicts),
        cmocka_unit_test(test_report__huge_numbers_keep_their_magnitude),
        cmocka_unit_test(test_report__identical_trials_do_not_make_a_point_interval_verdict),
        cmocka_unit_test(test_report__html_escapes_study_names_and_has_verdicts),
    };
    int failed = cmocka_run_group_tests_name("report", unit, NULL, NULL);
    failed += cmocka_run_group_tests_name("report_files", whole, setup, teardown);
    return failed ? 1 : 0;
}
