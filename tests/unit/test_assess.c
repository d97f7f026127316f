/* The assessment verb (src/core/assess.c, assess_verdict.c): each rule it
 * owns, on small inputs built here, and on the shipped studies the same
 * analysis, GRADE, MID and verdict as the report (summary.json) shows, since
 * `srw report`, `srw analyse` and `srw verify` all call it.
 *
 * The rules' expected outcomes follow from their statement in README
 * ("Verdict", "GRADE"): which MID applies, which published result counts,
 * which basis a verdict rests on.  Numbers are never hard-coded: an
 * analysis the verb runs is compared with srw_analysis_run on the same rows,
 * and the shipped studies' verdicts with what studies/uses.csv documents. */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/analysis_json.h"
#include "srw/import.h"
#include "srw/assess.h"
#include "srw/csv.h"
#include "srw/report.h"
#include "srw/store.h"

/* ------------------------------------------------------------- fixtures */

/* A generic outcome of k studies (estimate and SE on the analysis scale),
 * lower is better, with study years; the arrays are the test's. */
typedef struct fixture {
    srw_outcome_data d;
    srw_study_row rows[8];
    srw_study_info info[8];
    char names[8][32];
} fixture;

static void fixture_init(fixture *f, const char *outcome, size_t k, const double *y, const double *se,
                         const int *years)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < k; i++) {
        snprintf(f->names[i], sizeof f->names[i], "Trial %c %d", (char)('A' + i), years ? years[i] : 2000);
        f->rows[i].study = f->names[i];
        f->rows[i].estimate = y[i];
        f->rows[i].se = se[i];
        f->rows[i].exp_total = f->rows[i].ctl_total = NAN;
        f->info[i].year = years ? years[i] : 2000;
        for (int r = 0; r < SRW_ROB_N; r++)
            f->info[i].rob[r] = SRW_ROB_LOW;
    }
    f->d.use = (char *)"u";
    f->d.outcome = (char *)outcome;
    f->d.type = SRW_TYPE_GENERIC;
    f->d.direction = SRW_DIR_LOWER_IS_BETTER;
    f->d.mid = NAN;
    f->d.set.type = SRW_TYPE_GENERIC;
    f->d.set.k = k;
    f->d.set.rows = f->rows;
    f->d.rows = f->rows;
    f->d.info = f->info;
}

static srw_published published(const char *outcome, const char *measure, double est, double lo, double hi,
                               long trials, long participants, const char *search_date)
{
    srw_published p;
    memset(&p, 0, sizeof p);
    p.use = (char *)"u";
    p.outcome = (char *)outcome;
    p.review = (char *)"Review CD012345";
    p.measure = (char *)measure;
    p.estimate = est;
    p.ci_lower = lo;
    p.ci_upper = hi;
    p.decimals = 2;
    p.trials = trials;
    p.participants = participants;
    p.certainty = (char *)"moderate";
    p.search_date = (char *)search_date;
    return p;
}

/* ------------------------------------------------------------------ MID */

/* The use's MID applies only to analyses on its own measure; an MD
 * analysis takes the outcome's own MID; anything else GRADE's default, or
 * none where the measure has no default. */
static void test_assess__mid_comes_from_the_use_the_outcome_or_the_default(void **state)
{
    (void)state;
    srw_use_info u;
    memset(&u, 0, sizeof u);
    u.mid = 0.5;
    u.mid_measure = (char *)"SMD";
    u.mid_source = (char *)"Cohen";
    srw_assess_mid m;
    srw_assess_choose_mid(&m, &u, NULL, SRW_MEASURE_SMD);
    assert_int_equal(m.source, SRW_MID_USE);
    assert_true(m.value == 0.5);
    assert_string_equal(m.text, "SMD 0.5 from the use's settings (Cohen)");

    srw_assess_choose_mid(&m, &u, NULL, SRW_MEASURE_RR); /* the use's SMD MID says nothing of a ratio */
    assert_int_equal(m.source, SRW_MID_DEFAULT);
    assert_true(m.value == log(1.25));
    assert_string_equal(srw_mid_source_key(m.source), "default");

    u.mid = 0.8; /* a ratio MID on the display scale: its log, either side */
    u.mid_measure = (char *)"rr";
    srw_assess_choose_mid(&m, &u, NULL, SRW_MEASURE_RR);
    assert_int_equal(m.source, SRW_MID_USE);
    assert_true(m.value == fabs(log(0.8)));

    fixture f;
    double y[1] = {1.0}, se[1] = {0.5};
    fixture_init(&f, "o", 1, y, se, NULL);
    f.d.mid = 8;
    f.d.mid_source = (char *)"Dashtipour 2019";
    srw_assess_choose_mid(&m, &u, &f.d, SRW_MEASURE_MD);
    assert_int_equal(m.source, SRW_MID_OUTCOME);
    assert_true(m.value == 8);
    assert_non_null(strstr(m.text, "in the outcome's natural units, from its records (Dashtipour 2019)"));

    srw_assess_choose_mid(&m, NULL, NULL, SRW_MEASURE_MD);
    assert_int_equal(m.source, SRW_MID_NONE);
    assert_true(isnan(m.value));
    assert_string_equal(srw_mid_source_key(m.source), "none");
}

/* --------------------------------------------------- published results */

/* The published result with most participants counts, the first of
 * equals; an unknown count (-1) never wins over a known one. */
static void test_assess__best_published_has_most_participants(void **state)
{
    (void)state;
    srw_published p[4] = {
        published("o", "RR", 0.8, 0.6, 1.1, 3, -1, NULL),
        published("o", "RR", 0.7, 0.5, 0.9, 5, 410, NULL),
        published("o", "OR", 0.6, 0.4, 0.9, 5, 410, NULL),
        published("o", "RR", 0.9, 0.7, 1.2, 2, 120, NULL),
    };
    srw_assess_published ap[4];
    memset(ap, 0, sizeof ap);
    for (int i = 0; i < 4; i++)
        ap[i].p = &p[i];
    assert_ptr_equal(srw_assess_best_published(ap, 4), &p[1]);
    assert_ptr_equal(srw_assess_best_published(ap, 1), &p[0]);
    assert_null(srw_assess_best_published(ap, 0));
}

/* --------------------------------------------------------------- verb */

/* Only the outcome's own published results are compared (in the list's
 * order); an analysis that cannot run is a state with its error, and the
 * comparisons say srw holds no data. */
static void test_assess__an_analysis_that_cannot_run_is_a_state(void **state)
{
    (void)state;
    fixture f;
    double y[2] = {-0.3, -0.1}, se[2] = {0.2, 0.25};
    fixture_init(&f, "o", 2, y, se, NULL);
    srw_published p[3] = {
        published("o", "MD", -0.2, -0.5, 0.1, 2, 100, NULL),
        published("other", "MD", -0.2, -0.5, 0.1, 2, 100, NULL),
        published("o", "SMD", -0.3, -0.6, 0.0, 2, 90, NULL),
    };
    srw_published_list pubs = {3, p};
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool.measure = SRW_MEASURE_RR; /* does not fit generic records */
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    assert_false(a.analysed);
    assert_int_equal(a.analysis_error.code, SRW_EUSAGE);
    assert_non_null(strstr(a.analysis_error.message, "does not fit generic data"));
    assert_false(a.graded);
    assert_int_equal(a.n_published, 2);
    assert_ptr_equal(a.published[0].p, &p[0]);
    assert_ptr_equal(a.published[1].p, &p[2]);
    assert_int_equal(a.published[0].cmp.status, SRW_PUBLISHED_NO_DATA);
    assert_false(a.decided);
    srw_assessment_dispose(&a);
    srw_assessment_dispose(&a); /* twice, and on a zeroed struct: safe */

    /* no trial data at all: the outcome is named by the options */
    o.outcome = "o";
    o.primary = 1;
    assert_int_equal(srw_assess_outcome(&a, NULL, NULL, &pubs, &o, &err), 0);
    assert_false(a.analysed);
    assert_string_equal(a.analysis_error.message, "srw holds no trial data for this outcome");
    assert_true(a.decided);
    assert_int_equal(a.verdict.basis, SRW_BASIS_PUBLISHED); /* the largest published result */
    assert_ptr_equal(a.verdict.basis_pub, &p[0]);
    srw_assessment_dispose(&a);
    o.outcome = NULL;
    assert_int_equal(srw_assess_outcome(&a, NULL, NULL, &pubs, &o, &err), SRW_EUSAGE);
}

/* The verdict rests on srw's own analysis when it has at least as many
 * participants as the largest published result, else on that result, else
 * on nothing; with no primary outcome there is no data. */
static void test_assess__verdict_basis_weighs_participants(void **state)
{
    (void)state;
    fixture f;
    double y[3] = {-0.45, -0.30, -0.52}, se[3] = {0.21, 0.18, 0.26};
    fixture_init(&f, "o", 3, y, se, NULL);
    srw_published p[1] = {published("o", "MD", -0.2, -0.5, 0.1, 3, 240, NULL)};
    srw_published_list pubs = {1, p};
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    srw_assessment a;
    srw_error err;
    /* Generic records carry no participants: srw cannot show it has as
     * many as the review, so the published result counts. */
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    assert_true(a.analysed);
    assert_int_equal(a.verdict.basis, SRW_BASIS_PUBLISHED);
    srw_assessment_dispose(&a);

    /* Arm-level data: 3 trials of 2 x 40, 240 participants in all. */
    f.d.type = f.d.set.type = SRW_TYPE_CONTINUOUS;
    for (size_t i = 0; i < 3; i++) {
        f.rows[i].exp_mean = 3.1 - 0.4 * (double)i;
        f.rows[i].ctl_mean = 3.6 - 0.3 * (double)i;
        f.rows[i].exp_sd = 1.2 + 0.1 * (double)i;
        f.rows[i].ctl_sd = 1.3;
        f.rows[i].exp_total = f.rows[i].ctl_total = 40;
    }
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    assert_true(a.analysed);
    assert_int_equal(a.verdict.basis, SRW_BASIS_SRW); /* 240 >= 240 */
    assert_string_equal(srw_basis_key(a.verdict.basis), "srw");
    assert_non_null(strstr(a.verdict.basis_text, "based on srw's own pooled analysis of 3 trials, 240 participants"));
    assert_true(a.verdict.estimate == a.analysis.overall.estimate);
    assert_true(a.verdict.participants == 240);
    srw_assessment_dispose(&a);

    p[0].participants = 241;
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    assert_int_equal(a.verdict.basis, SRW_BASIS_PUBLISHED);
    assert_true(a.verdict.estimate == -0.2);
    assert_int_equal(a.verdict.certainty, SRW_CERTAINTY_MODERATE); /* as published */
    assert_non_null(strstr(a.verdict.basis_text, "Cochrane CD012345, 3 trials, 241 participants; srw holds trial data for 3"));
    srw_assessment_dispose(&a);

    srw_published_list none = {0, NULL};
    assert_int_equal(srw_assess_outcome(&a, NULL, NULL, &none, &(srw_assess_options){o.pool, 1, "o", NULL, NULL, NULL, 0, NULL, SRW_SENS_OPTIONS_INIT}, &err), 0);
    assert_int_equal(a.verdict.basis, SRW_BASIS_NONE);
    assert_null(srw_basis_key(a.verdict.basis));
    assert_int_equal(a.verdict.verdict.verdict, SRW_VERDICT_INSUFFICIENT);
    srw_assessment_dispose(&a);

    srw_assess_verdict v;
    srw_assess_decide(&v, NULL, NULL);
    assert_int_equal(v.verdict.verdict, SRW_VERDICT_INSUFFICIENT);
    assert_string_equal(v.basis_text, "no primary outcome is set for this use");
}

/* When the HKSJ interval is narrower than the Wald one (studies more alike
 * than their SEs say), GRADE and the verdict judge the wider one and say
 * so: the same interval in both. */
static void test_assess__verdict_and_grade_judge_the_wider_interval(void **state)
{
    (void)state;
    fixture f;
    double y[4] = {-0.402, -0.398, -0.401, -0.399}, se[4] = {0.19, 0.23, 0.21, 0.17};
    fixture_init(&f, "o", 4, y, se, NULL);
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    srw_use_info u;
    memset(&u, 0, sizeof u);
    u.mid = 0.2;
    u.mid_measure = (char *)"GENERIC";
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &f.d, &u, NULL, &o, &err), 0);
    const srw_pooled *p = &a.analysis.overall;
    assert_true(p->hksj_factor < 1);
    double lo, hi;
    assert_true(srw_pooled_judged_ci(p, &lo, &hi));
    assert_true(lo == p->ci_lower_wide && hi == p->ci_upper_wide);
    assert_true(hi - lo > p->ci_upper - p->ci_lower);
    assert_int_equal(a.mid.source, SRW_MID_USE);
    assert_non_null(strstr(a.grade.steps[SRW_GRADE_IMPRECISION].reason, "judged on the Wald interval"));
    assert_non_null(strstr(a.verdict.verdict.reason, "Judged on the Wald interval: the HKSJ one"));
    srw_assessment_dispose(&a);
}

/* Trials dated after the latest review's search leave the analysis
 * "without them", which is srw_analysis_run on the older rows; for a primary
 * outcome both verdicts are given.  An outcome's own dated review comes
 * before the use's. */
/* The living update's one sentence, branch by branch, from assessments
 * filled by hand (what srw_assess_outcome would leave in them). */
static void test_assess__living_sentence_says_whether_the_verdict_would_change(void **state)
{
    (void)state;
    srw_assessment p, o;
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    p.outcome = "Pain, 4 weeks";
    o.outcome = "Responders, week 5";
    p.decided = 1;
    p.verdict.verdict.verdict = SRW_VERDICT_NOT_SUPPORTED;
    const srw_assessment *as[2] = {&p, &o};
    char buf[1600];
    /* No search date anywhere. */
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_non_null(strstr(buf, "No search date of this use's review is recorded"));
    /* Dated, nothing after it. */
    p.living.search_date = o.living.search_date = "2010-09-20";
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_string_equal(buf, "No trial srw holds is dated after the review's search (2010-09-20), so nothing since the "
                             "review changes the verdict (Not supported).");
    /* A new trial of another outcome only. */
    o.living.n_new = 1;
    snprintf(o.living.new_studies, sizeof o.living.new_studies, "Benecke 2011");
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_non_null(strstr(buf, "No trial since the review's search (2010-09-20) reports the primary outcome"));
    assert_non_null(strstr(buf, "(Responders, week 5: Benecke 2011)"));
    /* New trials of the primary outcome that change srw's verdict. */
    p.living.n_new = 1;
    snprintf(p.living.new_studies, sizeof p.living.new_studies, "Smith 2015");
    p.living.verdicts = 1;
    p.living.with_v.verdict = SRW_VERDICT_SUPPORTED;
    p.living.without_v.verdict = SRW_VERDICT_INSUFFICIENT;
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_string_equal(buf, "The trials since the review's search (Smith 2015) change the verdict: Supported with them, "
                             "Insufficient evidence without them.");
    p.living.without_v.verdict = SRW_VERDICT_SUPPORTED;
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_non_null(strstr(buf, "do not change the verdict"));
    /* All of the primary outcome's trials are new. */
    p.living.verdicts = 0;
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_non_null(strstr(buf, "rests on them alone"));
    /* No primary outcome. */
    p.decided = 0;
    srw_assess_living_sentence(buf, sizeof buf, as, 2);
    assert_non_null(strstr(buf, "names no primary outcome"));
}

static void test_assess__living_update_leaves_out_trials_after_the_search(void **state)
{
    (void)state;
    fixture f;
    double y[4] = {-0.45, -0.30, -0.52, 0.05}, se[4] = {0.21, 0.18, 0.26, 0.15};
    int years[4] = {2004, 2008, 2011, 2019};
    fixture_init(&f, "o", 4, y, se, years);
    srw_published p[2] = {
        published("other", "MD", -0.2, -0.5, 0.1, 2, 10, "2016-03"),
        published("o", "MD", -0.3, -0.5, -0.1, 2, 10, "2009-05"),
    };
    srw_published_list pubs = {2, p};
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.primary = 1;
    srw_assessment a;
    srw_error err;
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    const srw_assess_living *L = &a.living;
    assert_true(L->present);
    assert_ptr_equal(L->review, &p[1]);
    assert_false(L->use_level);
    assert_int_equal(L->search_year, 2009);
    assert_int_equal(L->n_new, 2);
    assert_string_equal(L->new_studies, "Trial C 2011, Trial D 2019");
    assert_true(L->has_without);
    assert_true(L->verdicts);
    srw_study_set older = {SRW_TYPE_GENERIC, 2, f.rows};
    srw_analysis want;
    assert_int_equal(srw_analysis_run(&want, &older, &a.analysis.opts, &err), 0);
    assert_true(L->without.overall.estimate == want.overall.estimate);
    assert_true(L->without.overall.ci_upper == want.overall.ci_upper);
    srw_analysis_dispose(&want);
    srw_assessment_dispose(&a);

    /* without a dated review of its own, the use's latest one dates it */
    p[1].search_date = NULL;
    assert_int_equal(srw_assess_outcome(&a, &f.d, NULL, &pubs, &o, &err), 0);
    assert_ptr_equal(a.living.review, &p[0]);
    assert_true(a.living.use_level);
    assert_int_equal(a.living.n_new, 1);
    srw_assessment_dispose(&a);
}

/* ------------------------------------------------- the shipped studies */

static const char *const files[] = {
    "studies/botox-neck-pain.csv", "studies/botox-low-back-pain.csv", "studies/botox-cervical-dystonia.csv",
    "studies/botulinum-toxin-b-cervical-dystonia.csv", "studies/published.csv", "studies/uses.csv",
    "studies/grade.csv", "studies/claims.csv",
};
#define N_FILES (sizeof files / sizeof files[0])

static srw_store *open_shipped(char *dir, size_t n)
{
    snprintf(dir, n, "/tmp/srw-assess-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char db[128];
    snprintf(db, sizeof db, "%s/review.db", dir);
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
    return s;
}

static void remove_dir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void assert_same_text(const char *got, const char *want, const char *what)
{
    if (got == NULL || want == NULL) {
        if (got != want)
            fail_msg("%s: null on one side only", what);
        return;
    }
    if (strcmp(got, want) != 0)
        fail_msg("%s:\n  verb   %s\n  report %s", what, got, want);
}

/* Every use's verdict, reason, basis, certainty, MID, GRADE and pooled
 * numbers in the report's summary.json are what the verb gives for its
 * primary outcome, and the verdicts are those studies/uses.csv documents. */
static void test_assess__verb_gives_the_reports_verdicts_on_the_shipped_studies(void **state)
{
    (void)state;
    char dir[64], out[128], path[192];
    srw_store *s = open_shipped(dir, sizeof dir);
    snprintf(out, sizeof out, "%s/out", dir);
    srw_report_options ro = SRW_REPORT_OPTIONS_INIT;
    srw_error err;
    assert_int_equal(srw_report_write(s, out, &ro, &err), 0);
    snprintf(path, sizeof path, "%s/summary.json", out);
    json_error_t jerr;
    json_t *summary = json_load_file(path, 0, &jerr);
    assert_non_null(summary);
    json_t *uses = json_object_get(summary, "uses");
    assert_int_equal(json_array_size(uses), 4);
    static const struct {
        const char *use, *verdict, *basis;
    } documented[] = {
        {"cervical dystonia", "insufficient_evidence", "srw"},
        {"cervical dystonia (botulinum toxin type B)", "insufficient_evidence", "published"},
        {"low back pain", "insufficient_evidence", "srw"},
        {"neck pain", "not_supported", "published"},
    };
    for (size_t i = 0; i < json_array_size(uses); i++) {
        json_t *ju = json_array_get(uses, i);
        const char *use = str_of(ju, "use");
        srw_use_info ui;
        srw_published_list pubs;
        srw_outcome_data d;
        assert_int_equal(srw_store_load_use(s, use, &ui, &err), 0);
        assert_int_equal(srw_store_load_published(s, use, NULL, &pubs, &err), 0);
        int loaded = srw_store_load_outcome(s, use, ui.primary_outcome, &d, &err) == 0;
        srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
        o.primary = 1;
        o.outcome = ui.primary_outcome;
        srw_assessment a;
        assert_int_equal(srw_assess_outcome(&a, loaded ? &d : NULL, &ui, &pubs, &o, &err), 0);
        const srw_assess_verdict *v = &a.verdict;

        assert_string_equal(use, documented[i].use);
        assert_string_equal(srw_verdict_key(v->verdict.verdict), documented[i].verdict);
        assert_string_equal(srw_basis_key(v->basis), documented[i].basis);
        assert_same_text(srw_verdict_key(v->verdict.verdict), str_of(ju, "verdict"), "verdict");
        assert_same_text(v->verdict.reason, str_of(ju, "reason"), "reason");
        assert_same_text(srw_basis_key(v->basis), str_of(ju, "basis"), "basis");
        assert_same_text(v->basis_text, str_of(ju, "basis_text"), "basis_text");
        assert_same_text(v->certainty_source, str_of(ju, "certainty_source"), "certainty_source");
        assert_same_text(v->mid_text[0] ? v->mid_text : NULL, str_of(ju, "mid"), "mid");
        json_t *grade = json_object_get(ju, "grade");
        if (v->basis == SRW_BASIS_SRW) {
            assert_true(a.graded);
            json_t *mine = srw_report_grade_json(&a.grade);
            assert_true(json_equal(mine, grade));
            json_decref(mine);
        }
        json_t *analysis = json_object_get(ju, "srw_analysis");
        if (a.analysed) {
            json_t *mine = srw_report_analysis_json(&a.analysis, &d);
            assert_true(json_equal(json_object_get(mine, "pooled"), json_object_get(analysis, "pooled")));
            json_decref(mine);
        } else {
            assert_true(json_is_null(analysis));
        }
        srw_assessment_dispose(&a);
        if (loaded)
            srw_outcome_data_dispose(&d);
        srw_published_list_dispose(&pubs);
        srw_use_info_dispose(&ui);
    }
    json_decref(summary);
    srw_store_close(s);
    remove_dir(dir);
}

/* srw report given --model fixed --tau2 DL (as srw report takes them from
 * the command line) analyses with them: the primary outcome's pooled
 * numbers are the verb's with the same options, other than the default
 * run's, and the report names the settings. */
static void test_assess__report_options_reach_every_analysis(void **state)
{
    (void)state;
    char dir[64], out[128], path[192];
    srw_store *s = open_shipped(dir, sizeof dir);
    /* A primary outcome with three trials, so fixed and random differ. */
    const char *use = "cervical dystonia", *outcome = "Dysphagia (adverse event), during follow-up";
    srw_record_set set;
    char csv[160];
    snprintf(csv, sizeof csv, "%s/u.csv", dir);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fprintf(f, "use,primary_outcome,source\n%s,\"%s\",test\n", use, outcome);
    fclose(f);
    srw_error err;
    assert_int_equal(srw_csv_read_review(&set, csv, &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, &set, 1, "test", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&set);

    srw_report_options ro = SRW_REPORT_OPTIONS_INIT;
    ro.pool.model = SRW_MODEL_FIXED;
    ro.pool.tau2 = SRW_TAU2_DL;
    ro.formats = SRW_REPORT_MD;
    snprintf(out, sizeof out, "%s/out", dir);
    assert_int_equal(srw_report_write(s, out, &ro, &err), 0);

    srw_outcome_data d;
    srw_use_info ui;
    srw_published_list pubs;
    assert_int_equal(srw_store_load_outcome(s, use, outcome, &d, &err), 0);
    assert_int_equal(srw_store_load_use(s, use, &ui, &err), 0);
    assert_int_equal(srw_store_load_published(s, use, NULL, &pubs, &err), 0);
    assert_true(d.set.k >= 2);
    srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
    o.pool = ro.pool;
    o.primary = 1;
    srw_assessment fixed, dflt;
    assert_int_equal(srw_assess_outcome(&fixed, &d, &ui, &pubs, &o, &err), 0);
    o.pool = (srw_pool_options)SRW_POOL_OPTIONS_INIT;
    assert_int_equal(srw_assess_outcome(&dflt, &d, &ui, &pubs, &o, &err), 0);
    assert_int_equal(fixed.analysis.opts.model, SRW_MODEL_FIXED);
    assert_true(fixed.analysis.overall.estimate != dflt.analysis.overall.estimate);

    snprintf(path, sizeof path, "%s/summary.json", out);
    json_error_t jerr;
    json_t *summary = json_load_file(path, 0, &jerr);
    assert_non_null(summary);
    json_t *ju = json_array_get(json_object_get(summary, "uses"), 0);
    assert_string_equal(str_of(ju, "use"), use);
    json_t *theirs = json_object_get(json_object_get(ju, "srw_analysis"), "pooled");
    json_t *mine = srw_report_analysis_json(&fixed.analysis, &d);
    assert_true(json_equal(json_object_get(mine, "pooled"), theirs));
    assert_string_equal(str_of(json_object_get(ju, "srw_analysis"), "model"), "fixed");
    json_decref(mine);
    json_decref(summary);

    long n;
    snprintf(path, sizeof path, "%s/cervical-dystonia.md", out);
    char *md = srw_test_read_file(path, &n);
    assert_non_null(md);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    memcpy(text, md, (size_t)n);
    text[n] = '\0';
    assert_non_null(strstr(text, "Settings given for this report over the profile's defaults: model = fixed; tau2 = DL."));
    assert_non_null(strstr(text, "Settings: profile = cochrane; measure = RR; model = fixed; method = MH; ci = wald"));
    free(text);
    free(md);

    srw_assessment_dispose(&fixed);
    srw_assessment_dispose(&dflt);
    srw_outcome_data_dispose(&d);
    srw_use_info_dispose(&ui);
    srw_published_list_dispose(&pubs);
    srw_store_close(s);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assess__mid_comes_from_the_use_the_outcome_or_the_default),
        cmocka_unit_test(test_assess__best_published_has_most_participants),
        cmocka_unit_test(test_assess__an_analysis_that_cannot_run_is_a_state),
        cmocka_unit_test(test_assess__verdict_basis_weighs_participants),
        cmocka_unit_test(test_assess__verdict_and_grade_judge_the_wider_interval),
        cmocka_unit_test(test_assess__living_update_leaves_out_trials_after_the_search),
        cmocka_unit_test(test_assess__living_sentence_says_whether_the_verdict_would_change),
        cmocka_unit_test(test_assess__verb_gives_the_reports_verdicts_on_the_shipped_studies),
        cmocka_unit_test(test_assess__report_options_reach_every_analysis),
    };
    return cmocka_run_group_tests_name("assess", tests, NULL, NULL);
}
