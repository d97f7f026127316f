/* RevMan interoperability (src/io/rm5.c, src/io/revman_csv.c,
 * src/store/revman.c): the readers on RevMan's own files, every malformed
 * input rejected with its line, the stored settings and results, and the
 * comparison `srw verify` makes.
 *
 * Reference values are RevMan's: the numbers it stored in
 * ../shared/fixtures/revman/ (antibiotics-for-sore-throat.rm5, RevMan 5.2.11;
 * Fleiss1993.rm5; Fleiss1993_CR.csv, its CSV export) and in RevMan Web's data
 * package (tests/data/rm5/web-fleiss, copied from Fleiss1993.zip, and
 * Fleiss1993.zip itself, read in memory).  The
 * fixtures live outside the repository: tests that need them look in
 * $SRW_REVMAN_FIXTURES, ../shared/fixtures/revman, then
 * /work/shared/fixtures/revman, and are skipped (saying so) when absent. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/arms.h"
#include "srw/effect.h"
#include "srw/import.h"
#include "srw/pool.h"
#include "srw/rm5.h"
#include "srw/store.h"

#define DATA "tests/data/rm5/"

static const char *fixture(char *buf, size_t n, const char *name)
{
    const char *dirs[] = {getenv("SRW_REVMAN_FIXTURES"), "../shared/fixtures/revman", "/work/shared/fixtures/revman"};
    for (size_t i = 0; i < 3; i++) {
        if (dirs[i] == NULL)
            continue;
        snprintf(buf, n, "%s/%s", dirs[i], name);
        if (access(buf, R_OK) == 0)
            return buf;
    }
    return NULL;
}

#define NEED_FIXTURE(var, name)                                                                              \
    char var##_buf[512];                                                                                     \
    const char *var = fixture(var##_buf, sizeof var##_buf, name);                                            \
    if (var == NULL) {                                                                                       \
        print_message("fixture %s not found: skipped\n", name);                                              \
        skip();                                                                                              \
    }

static const srw_rm5_analysis *by_number(const srw_rm5_review *r, const char *no)
{
    for (size_t i = 0; i < r->n_analyses; i++)
        if (strcmp(r->analyses[i].number, no) == 0)
            return &r->analyses[i];
    fail_msg("no analysis %s", no);
    return NULL;
}

/* The record of study (and arm: NULL for a study with one row) in an
 * outcome. */
static const srw_record *record_of(const srw_rm5_review *r, const char *outcome, const char *study, const char *arm)
{
    for (size_t i = 0; i < r->set.n_records; i++) {
        const srw_record *x = &r->set.records[i];
        if (strcmp(x->outcome, outcome) == 0 && strcmp(x->study, study) == 0 &&
            (arm == NULL ? x->arm == NULL : x->arm != NULL && strcmp(x->arm, arm) == 0))
            return x;
    }
    fail_msg("no record of '%s'%s%s in '%s'", study, arm ? ", arm " : "", arm ? arm : "", outcome);
    return NULL;
}

/* Recompute analysis a from the review's own records and compare: a
 * study's several rows (its arms) pooled as RevMan pools them, each
 * against its own control (srw/arms.h), as srw verify does. */
static void recompute(const srw_rm5_review *r, const srw_rm5_analysis *a, srw_rm5_check *c, double tol)
{
    srw_study_row *rows = calloc(r->set.n_records, sizeof *rows);
    srw_study_info *info = calloc(r->set.n_records, sizeof *info);
    assert_non_null(rows);
    assert_non_null(info);
    size_t k = 0;
    srw_outcome_type type = SRW_TYPE_NONE;
    for (size_t i = 0; i < r->set.n_records; i++) {
        const srw_record *x = &r->set.records[i];
        if (strcmp(x->use, a->use) != 0 || strcmp(x->outcome, a->outcome) != 0)
            continue;
        type = x->type;
        rows[k] = (srw_study_row){x->study, x->subgroup, x->exp_events, x->exp_total, x->ctl_events, x->ctl_total,
                                  x->exp_mean, x->exp_sd, x->ctl_mean, x->ctl_sd, x->estimate, x->se};
        info[k].arm = x->arm; /* borrowed: only the arrays are freed */
        k++;
    }
    srw_outcome_data d, p;
    memset(&d, 0, sizeof d);
    memset(&p, 0, sizeof p);
    d.type = type;
    d.rows = rows;
    d.info = info;
    d.set = (srw_study_set){type, k, rows};
    srw_error err;
    const srw_outcome_data *pooled = &d;
    if (srw_arms_needed(&d, NULL)) {
        if (srw_arms_prepare(&p, &d, SRW_MULTI_ARM_SEPARATE, NULL, &err) != 0)
            fail_msg("%s: %s", a->number, err.message);
        pooled = &p;
    }
    srw_pool_options o;
    const char *why = NULL;
    assert_true(srw_rm5_pool_options(&o, a, &why));
    srw_analysis x;
    if (srw_analysis_run(&x, &pooled->set, &o, &err) != 0)
        fail_msg("%s: %s", a->number, err.message);
    srw_rm5_compare(c, a, &x, tol);
    if (c->verdict != SRW_RM5_AGREE)
        for (size_t i = 0; i < c->n_diffs && i < SRW_RM5_MAX_DIFFS; i++)
            print_message("%s %s: RevMan %.17g srw %.17g\n", a->number, c->diffs[i].what, c->diffs[i].stored,
                          c->diffs[i].computed);
    srw_analysis_dispose(&x);
    srw_outcome_data_dispose(&p);
    free(rows);
    free(info);
}

/* Every analysis of a real review recomputed from its own records against
 * RevMan's stored results: counted as srw verify counts them. */
typedef struct verdicts {
    size_t agree, differ, not_comparable, no_total;
} verdicts;

static verdicts verify_review(const srw_rm5_review *r)
{
    verdicts v = {0, 0, 0, 0};
    for (size_t i = 0; i < r->n_analyses; i++) {
        const srw_rm5_analysis *a = &r->analyses[i];
        srw_pool_options o;
        const char *why = NULL;
        if (!srw_rm5_pool_options(&o, a, &why)) {
            v.not_comparable++;
            continue;
        }
        srw_rm5_check c;
        recompute(r, a, &c, 1e-9);
        assert_true(c.n_compared > 0);
        if (c.verdict == SRW_RM5_AGREE)
            v.agree++;
        else if (c.verdict == SRW_RM5_NO_TOTAL)
            v.no_total++;
        else
            v.differ++, print_message("%s: analysis %s differs\n", r->path, a->number);
    }
    return v;
}

/* --- RevMan 5 files ------------------------------------------------------------ */

static void test_rm5__fleiss_studies_settings_and_stored_results(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "Fleiss1993.rm5");
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_string_equal(r.format, "rm5");
    assert_string_equal(r.title, "Examples from Fleiss 1993");
    assert_int_equal(r.n_analyses, 2);
    assert_int_equal(r.set.n_records, 12);
    const srw_rm5_analysis *a = by_number(&r, "1.1");
    assert_string_equal(a->use, "Examples from Fleiss (1993)");
    assert_string_equal(a->outcome, "1.1 Aspirin for Preventing Death after Myocardial Infarction");
    assert_string_equal(a->measure, "OR");
    assert_string_equal(a->method, "MH");
    assert_int_equal(a->random, 0);
    assert_rel(a->ci_total, 95, 0);
    assert_true(a->overall.present);
    assert_rel(a->overall.effect, 0.8968655609130709, 0);
    assert_rel(a->overall.chi2, 9.946055983220074, 0);
    assert_rel(a->overall.i2, 39.67458045558399, 0);
    assert_int_equal(a->n_studies, 7);
    /* STD-ISIS_x002d_2 is NAME="ISIS-2"; the arm of group 1 is aspirin. */
    const srw_record *isis = record_of(&r, a->outcome, "ISIS-2", NULL);
    assert_int_equal(isis->year, 1988);
    assert_rel(isis->exp_events, 1570, 0);
    assert_rel(isis->exp_total, 8587, 0);
    assert_rel(isis->ctl_events, 1720, 0);
    assert_rel(isis->ctl_total, 8600, 0);
    assert_string_equal(isis->intervention, "Aspirin");
    assert_string_equal(isis->comparator, "Control");
    /* The continuous analysis RevMan left uncomputed: SMD, no results. */
    const srw_rm5_analysis *b = by_number(&r, "1.2");
    assert_string_equal(b->measure, "SMD");
    assert_false(b->overall.present);
    const char *why = NULL;
    srw_pool_options o;
    assert_false(srw_rm5_pool_options(&o, b, &why));
    assert_string_equal(why, "RevMan left the results empty");
    srw_rm5_check c;
    recompute(&r, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_AGREE);
    assert_true(c.strings_equal);
    srw_rm5_review_dispose(&r);
}

/* Every analysis RevMan 5.2.11 computed in the sore-throat review (MH RR,
 * random effects, zero cells, double-zero studies, subgroups) agrees to a
 * relative 1e-9 in effect, CI, tau2, Chi2, I2, Z, per subgroup and study. */
static void test_rm5__sore_throat_every_analysis_agrees_with_revman(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "antibiotics-for-sore-throat.rm5");
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(r.n_analyses, 21);
    assert_int_equal(r.set.n_records, 217);
    size_t agree = 0;
    for (size_t i = 0; i < r.n_analyses; i++) {
        srw_rm5_check c;
        recompute(&r, &r.analyses[i], &c, 1e-9);
        assert_true(c.n_compared > 0);
        agree += c.verdict == SRW_RM5_AGREE;
    }
    assert_int_equal(agree, 21);
    /* 1.4: three subgroups; Chapple 1956 sits in two of them. */
    const srw_rm5_analysis *a = by_number(&r, "1.4");
    assert_int_equal(a->n_subgroups, 3);
    assert_string_equal(a->subgroups[1].name, "Symptom of sore throat on day 3: GABHS-negative throat swab");
    const srw_record *ch = record_of(&r, a->outcome, "Chapple 1956 [1.4.2]", NULL);
    assert_string_equal(ch->subgroup, a->subgroups[1].name);
    /* Risk of bias: Chapple 1956 randomised by bottle (RESULT="YES"), Brink
     * 1951 by Air Force serial number (UNKNOWN); Bennike 1951 allocated
     * alternately (NO). */
    const char *day3 = by_number(&r, "1.1")->outcome;
    assert_int_equal(record_of(&r, day3, "Chapple 1956", NULL)->rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    assert_int_equal(record_of(&r, day3, "Brink 1951", NULL)->rob[SRW_ROB_SEQUENCE], SRW_ROB_UNCLEAR);
    int found = 0;
    for (size_t i = 0; i < r.n_rob; i++)
        if (strcmp(r.rob[i].study, "Bennike 1951") == 0 && strstr(r.rob[i].item, "sequence") &&
            strcmp(r.rob[i].support, "Participants allocated to alternate conditions on alternate days") == 0)
            found = 1;
    assert_true(found);
    srw_rm5_review_dispose(&r);
}

/* A number off by more than the tolerance is a DIFF naming it. */
static void test_rm5__compare_names_the_number_that_differs(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "Fleiss1993.rm5");
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    srw_rm5_analysis *a = &r.analyses[0];
    a->overall.chi2 *= 1 + 2e-9;
    srw_rm5_check c;
    recompute(&r, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_DIFFER);
    assert_int_equal(c.n_diffs, 1);
    assert_string_equal(c.diffs[0].what, "overall Chi2");
    assert_rel(c.diffs[0].rel, 2e-9, 1e-3);
    recompute(&r, a, &c, 1e-8);
    assert_int_equal(c.verdict, SRW_RM5_AGREE);
    srw_rm5_review_dispose(&r);
}

static void test_rm5__mini_maps_every_outcome_type(void **state)
{
    (void)state;
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, DATA "mini.rm5", &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(r.n_analyses, 4);
    assert_int_equal(r.set.n_records, 5); /* 2 DICH + 1 IV + 2 IPD; OTHER kept apart */
    const srw_rm5_analysis *d = by_number(&r, "1.1");
    assert_int_equal(d->data_type, SRW_RM5_DICH);
    assert_int_equal(d->n_subgroups, 2);
    /* NAME="" -> the decoded ID; the Latin-1 name arrives as UTF-8. */
    const srw_record *mrc = record_of(&r, "1.1 Death", "MRC-1", NULL);
    assert_string_equal(mrc->subgroup, "Early trials");
    assert_string_equal(mrc->notes, "Deaths at 1 year");
    assert_int_equal(mrc->rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    const srw_record *cdp = record_of(&r, "1.1 Death", "CDP M\xC3\xBCller", NULL);
    assert_int_equal(cdp->rob[SRW_ROB_SEQUENCE], SRW_ROB_UNCLEAR);
    assert_int_equal(cdp->rob[SRW_ROB_BLINDING_PARTICIPANTS], SRW_ROB_HIGH);
    assert_int_equal(cdp->rob[SRW_ROB_BLINDING_ASSESSORS], SRW_ROB_HIGH);
    /* IV on the log scale, a row without ESTIMATE (as older RevMan wrote
     * it): the natural log of EFFECT_SIZE, RevMan's OR 0.7197, which is
     * MRC-1's own 2x2 table's ln OR; LOG_EFFECT_SIZE (-0.1428) is its
     * base-10 log, not the analysis scale. */
    const srw_rm5_analysis *iv = by_number(&r, "1.2");
    assert_string_equal(iv->measure, "GENERIC");
    assert_string_equal(iv->revman_measure, "OR");
    assert_true(srw_rm5_is_ratio(iv));
    const srw_record *g = record_of(&r, iv->outcome, "MRC-1", NULL);
    assert_int_equal(g->type, SRW_TYPE_GENERIC);
    assert_rel(g->estimate, log(0.7197141500975687), 1e-15);
    assert_rel(g->estimate / log(10.0), -0.1428399586868553, 1e-14);
    srw_study_row mrc_or = {"MRC-1", NULL, 49, 615, 67, 624, NAN, NAN, NAN, NAN, NAN, NAN};
    srw_effect eo;
    assert_int_equal(srw_effect_compute(&eo, &mrc_or, SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_OR, SRW_SMD_HEDGES, &err), 0);
    assert_rel(g->estimate, eo.yi, 1e-12);
    assert_rel(g->se, 0.1972198088133556, 0);
    /* IPD: (O - E) / V is Peto's log odds ratio of the same 2x2 table. */
    const srw_record *p = record_of(&r, by_number(&r, "1.3")->outcome, "MRC-1", NULL);
    srw_study_row row = {"MRC-1", NULL, 49, 615, 67, 624, NAN, NAN, NAN, NAN, NAN, NAN};
    srw_effect e;
    assert_int_equal(srw_effect_compute(&e, &row, SRW_TYPE_DICHOTOMOUS, SRW_MEASURE_PETO, SRW_SMD_HEDGES, &err), 0);
    assert_rel(p->estimate, e.yi, 1e-12);
    assert_rel(p->se * p->se, e.vi, 1e-12);
    /* OTHER: text kept as data. */
    assert_int_equal(r.n_other, 1);
    assert_string_equal(r.other[0].text, "Gastrointestinal symptoms reported");
    assert_string_equal(r.other[0].study, "CDP M\xC3\xBCller");
    srw_rm5_review_dispose(&r);
}

/* Cochrane CD008625 (cholera), the Cochrane Library's statistical-data
 * export: generic inverse variance on the log scale without
 * EFFECT_MEASURE, and studies with two or three data rows in one subgroup
 * (two arms against one control), which RevMan pools as given. */
static void test_rm5__cholera_log_scale_and_repeated_rows(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "CD008625StatsDataOnly.rm5");
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(r.n_analyses, 74);
    assert_int_equal(r.set.n_records, 689);
    /* 1.2 Stool volume: ESTIMATE is ln(ratio of means) as entered,
     * EFFECT_SIZE the ratio, LOG_EFFECT_SIZE its base-10 log. */
    const srw_rm5_analysis *iv = by_number(&r, "1.2");
    assert_int_equal(iv->data_type, SRW_RM5_IV);
    assert_null(iv->revman_measure);
    assert_true(iv->log_data);
    assert_true(srw_rm5_is_ratio(iv));
    const srw_record *b = record_of(&r, iv->outcome, "Bhattacharya 1990 IND", NULL);
    assert_rel(b->estimate, -0.59776, 0);
    assert_rel(b->se, 0.197952, 0);
    assert_rel(exp(b->estimate), 0.5500423520461402, 1e-5); /* RevMan's EFFECT_SIZE, from the rounded ESTIMATE */
    /* 1.1: Dutta 1996 IND has two rows in subgroup Norfloxacin: both kept,
     * as the study's arms "row 1" and "row 2"; RevMan's stored result for
     * each row carries the label srw gives the comparison. */
    const srw_rm5_analysis *a = by_number(&r, "1.1");
    const srw_record *d1 = record_of(&r, a->outcome, "Dutta 1996 IND", "row 1");
    const srw_record *d2 = record_of(&r, a->outcome, "Dutta 1996 IND", "row 2");
    assert_string_equal(d1->subgroup, "Norfloxacin");
    assert_string_equal(d2->subgroup, "Norfloxacin");
    assert_rel(d1->exp_total, 26, 0);
    assert_rel(d2->exp_total, 28, 0);
    /* One control arm (mean 55.0, SD 24.0), its 19 participants split 9
     * and 10 between the rows, as the Handbook (23.3.4) suggests. */
    assert_rel(d1->ctl_mean, d2->ctl_mean, 0);
    assert_rel(d1->ctl_total + d2->ctl_total, 19, 0);
    int stored = 0;
    for (size_t i = 0; i < a->n_studies; i++)
        stored += strcmp(a->studies[i].study, "Dutta 1996 IND (row 2)") == 0;
    assert_int_equal(stored, 1);
    /* Noted for the import's warning: once per study, subgroup and
     * analysis, with the number of rows (Islam 1987 BGD has three). */
    const srw_rm5_repeat *dutta = NULL, *islam = NULL;
    for (size_t i = 0; i < r.n_repeats; i++) {
        const srw_rm5_repeat *p = &r.repeats[i];
        if (strcmp(p->number, "1.1") == 0 && strcmp(p->study, "Dutta 1996 IND") == 0)
            dutta = p;
        if (strcmp(p->number, "1.1") == 0 && strcmp(p->study, "Islam 1987 BGD") == 0)
            islam = p;
    }
    assert_non_null(dutta);
    assert_string_equal(dutta->subgroup, "Norfloxacin");
    assert_string_equal(dutta->outcome, a->outcome);
    assert_int_equal(dutta->rows, 2);
    assert_non_null(islam);
    assert_int_equal(islam->rows, 3);
    record_of(&r, a->outcome, "Islam 1987 BGD", "row 3");
    srw_rm5_review_dispose(&r);
}

/* Cochrane CD008625 (cholera) as the Cochrane Library publishes it: every
 * analysis RevMan computed agrees, the two it reports no total for (7.4:
 * TOTALS="SUB" without subgroups; 15.5: TOTALS="NO") are "no total". */
static void test_rm5__cholera_every_analysis_agrees_or_has_no_total(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "CD008625StatsDataOnly.rm5");
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    verdicts v = verify_review(&r);
    assert_int_equal(v.agree, 72);
    assert_int_equal(v.no_total, 2);
    assert_int_equal(v.differ, 0);
    assert_int_equal(v.not_comparable, 0);
    /* 3.2, subtotals only: RevMan's overall is the inverse-variance pool of
     * the three subgroups' random-effects results (0.346 [0.263, 0.455]),
     * its weights sum to 100 within each subgroup. */
    const srw_rm5_analysis *a = by_number(&r, "3.2");
    assert_int_equal(srw_rm5_totals(a), SRW_TOTALS_SUB);
    double w = 0;
    for (size_t i = 0; i < a->n_studies; i++)
        w += a->studies[i].weight;
    assert_rel(w, 300, 1e-12);
    srw_rm5_check c;
    recompute(&r, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_AGREE);
    /* A number of that pool off by 2e-9 is named as such. */
    srw_rm5_analysis b = *a;
    b.overall.effect *= 1 + 2e-9;
    recompute(&r, &b, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_DIFFER);
    assert_string_equal(c.diffs[0].what, "overall (pool of the subtotals) effect");
    /* 15.5, no totals: the studies agree, nothing pooled is compared. */
    a = by_number(&r, "15.5");
    assert_int_equal(srw_rm5_totals(a), SRW_TOTALS_NONE);
    recompute(&r, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_NO_TOTAL);
    assert_int_equal(c.n_compared, 8); /* two studies: effect, CI lower and upper, and being estimable */
    srw_rm5_review_dispose(&r);
}

/* Public Cochrane files beyond the fixtures (tests/data/rm5/README.md says
 * where each comes from), held to the same result: every analysis RevMan
 * computed agrees, every total it did not compute is "no total". */
static void test_rm5__public_cochrane_files_agree_with_revman(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t analyses, agree, no_total;
    } files[] = {
        {"CD003188StatsDataOnly.rm5", 19, 19, 0}, /* generic IV hazard ratios on the log scale */
        {"CD004976StatsDataOnly.rm5", 19, 19, 0},
        {"CD007419StatsDataOnly.rm5", 1, 1, 0},   /* generic IV, not on the log scale */
        {"CD007868StatsDataOnly.rm5", 41, 22, 19}, /* no totals; subtotals only (MD); two rows */
        {"CD010590StatsDataOnly.rm5", 11, 11, 0}, /* subtotals only, random effects */
        {"CD012692StatsDataOnly.rm5", 11, 11, 0}, /* subtotals only */
        {"CD013210StatsDataOnly.rm5", 68, 55, 13}, /* subtotals only without subgroups: no total */
        {"CD013437StatsDataOnly.rm5", 11, 11, 0},
    };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[256];
        snprintf(path, sizeof path, DATA "%s", files[f].file);
        srw_rm5_review r;
        srw_error err;
        if (srw_rm5_read(&r, path, &err) != 0)
            fail_msg("%s: %s", path, err.message);
        assert_int_equal(r.n_analyses, files[f].analyses);
        verdicts v = verify_review(&r);
        if (v.agree != files[f].agree || v.no_total != files[f].no_total || v.differ != 0 || v.not_comparable != 0)
            fail_msg("%s: %zu agree, %zu differ, %zu not comparable, %zu no total (want %zu agree, %zu no total)",
                     files[f].file, v.agree, v.differ, v.not_comparable, v.no_total, files[f].agree,
                     files[f].no_total);
        srw_rm5_review_dispose(&r);
    }
}

/* Each located at line:column: libxml2's for a file it cannot parse (the
 * character it stopped at), the start tag's '<' or the attribute's name
 * for srw's own rules. */
typedef struct bad_case {
    const char *file;
    long line, column;
    const char *expected;
} bad_case;

static const bad_case bad_cases[] = {
    {.file = "truncated.rm5", .line = 31, .column = 41, .expected = "not a readable RevMan file: Premature end of data"},
    {.file = "wrong_encoding.rm5", .line = 6, .column = 50, .expected = "Input is not proper UTF-8"},
    {.file = "unknown_outcome.rm5", .line = 40, .column = 1, .expected = "unknown outcome type <SURV_OUTCOME>"},
    {.file = "missing_study.rm5", .line = 28, .column = 40,
     .expected = "analysis 1.1: data row names study 'STD-Elwood', which is not among the included studies"},
    {.file = "bad_number.rm5", .line = 28, .column = 12, .expected = "DICH_DATA EVENTS_1: '4x4' is not a number"},
    {.file = "not_revman.rm5", .line = 2, .column = 1, .expected = "not a RevMan 5 file: the root element is <html>"},
};

static void test_rm5__malformed_files_fail_with_line_and_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, DATA "%s", bad_cases[i].file);
        srw_rm5_review r;
        srw_error err;
        srw_error_clear(&err);
        assert_int_equal(srw_rm5_read(&r, path, &err), SRW_EDATA);
        if (strstr(err.message, bad_cases[i].expected) == NULL)
            fail_msg("%s: message '%s' lacks '%s'", bad_cases[i].file, err.message, bad_cases[i].expected);
        assert_int_equal(err.line, bad_cases[i].line);
        assert_int_equal(err.column, bad_cases[i].column);
        assert_string_equal(err.path, path);
        assert_int_equal(r.n_analyses, 0); /* nothing half-read is handed out */
        assert_null(r.set.records);
    }
}

/* --- RevMan 5 CSV export and RevMan Web ------------------------------------------ */

static void test_rm5__revman_csv_export_agrees_to_its_8_decimals(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "Fleiss1993_CR.csv");
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_csv_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(r.n_analyses, 2);
    assert_int_equal(r.set.n_records, 12);
    const srw_rm5_analysis *b = by_number(&r, "1.2");
    assert_int_equal(b->data_type, SRW_RM5_CONT);
    assert_string_equal(b->measure, "MD");
    assert_string_equal(b->method, "IV");
    assert_int_equal(b->decimals, 8);
    assert_rel(b->overall.effect, -0.70938839, 0);
    const srw_record *fl = record_of(&r, b->outcome, "Florell", NULL);
    assert_rel(fl->exp_mean, 4.9, 0);
    assert_rel(fl->ctl_sd, 2.3, 0);
    assert_rel(fl->ctl_total, 50, 0);
    assert_int_equal(fl->year, 1971);
    for (size_t i = 0; i < r.n_analyses; i++) {
        srw_rm5_check c;
        recompute(&r, &r.analyses[i], &c, 1e-9);
        assert_int_equal(c.verdict, SRW_RM5_AGREE);
    }
    srw_rm5_review_dispose(&r);
}

static void test_rm5__revman_csv_rejects_rows_out_of_place(void **state)
{
    (void)state;
    static const char head[] = "Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,Statistical Method,"
                               "Effect Measure,Analysis Model,Events 1,Total 1,Events 2,Total 2\n";
    char buf[1024];
    srw_rm5_review r;
    srw_error err;
    snprintf(buf, sizeof buf, "%s1,0,0,Aspirin,,,,,,,,\n1,1,0,MRC-1,,,,,49,615,67,624\n", head);
    assert_int_equal(srw_revman_csv_read_buffer(&r, buf, strlen(buf), "x.csv", &err), SRW_EDATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "before that analysis's own row"));
    snprintf(buf, sizeof buf, "%s1,0,0,Aspirin,,,,,,,,\n1,1,0,Death,SURV,MH,OR,Fixed,,,,\n", head);
    assert_int_equal(srw_revman_csv_read_buffer(&r, buf, strlen(buf), "x.csv", &err), SRW_EDATA);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 5);
    assert_non_null(strstr(err.message, "unknown data type 'SURV'"));
    snprintf(buf, sizeof buf, "%s1,0,0,Aspirin,,,,,,,,\n1,1,0,Death,DIC,MH,OR,Fixed,,,,\n1,1,0,MRC-1,,,,,68,615,67,6\n",
             head);
    assert_int_equal(srw_revman_csv_read_buffer(&r, buf, strlen(buf), "x.csv", &err), SRW_EDATA);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.message, "analysis 1.1, study 'MRC-1'"));
}

/* The CSV export's rows of one study twice in an analysis are kept, as the
 * .rm5 reader keeps them: "(row 2)", noted for the import's warning. */
static void test_rm5__revman_csv_keeps_a_second_row(void **state)
{
    (void)state;
    static const char head[] = "Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,Statistical Method,"
                               "Effect Measure,Analysis Model,Events 1,Total 1,Events 2,Total 2\n";
    char buf[1024];
    srw_rm5_review r;
    srw_error err;
    snprintf(buf, sizeof buf,
             "%s1,0,0,Aspirin,,,,,,,,\n1,1,0,Death,DIC,MH,OR,Fixed,,,,\n1,1,0,MRC-1,,,,,49,615,67,624\n"
             "1,1,0,MRC-1,,,,,44,758,64,771\n",
             head);
    if (srw_revman_csv_read_buffer(&r, buf, strlen(buf), "x.csv", &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(r.set.n_records, 2);
    assert_string_equal(r.set.records[0].study, "MRC-1");
    assert_string_equal(r.set.records[1].study, "MRC-1 (row 2)");
    assert_string_equal(r.analyses[0].studies[1].study, "MRC-1 (row 2)");
    assert_int_equal(r.n_repeats, 1);
    assert_string_equal(r.repeats[0].study, "MRC-1");
    assert_null(r.repeats[0].subgroup);
    assert_int_equal(r.repeats[0].rows, 2);
    srw_rm5_review_dispose(&r);
}

static void test_rm5__revman_web_package_agrees_to_its_6_decimals(void **state)
{
    (void)state;
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_web_read(&r, DATA "web-fleiss", &err) != 0)
        fail_msg("%s", err.message);
    assert_string_equal(r.format, "revman-web");
    assert_int_equal(r.n_analyses, 2);
    assert_int_equal(r.set.n_records, 12);
    const srw_rm5_analysis *a = by_number(&r, "1.1");
    assert_string_equal(a->measure, "OR");
    assert_string_equal(a->method, "MH");
    assert_int_equal(a->decimals, 6);
    assert_string_equal(a->group_label_1 ? a->group_label_1 : "", "");
    srw_rm5_check c;
    recompute(&r, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_AGREE);
    /* RevMan Web writes 0, 0, 0 for the SMD analysis it did not compute. */
    assert_false(by_number(&r, "1.2")->overall.present);
    assert_int_equal(r.n_rob, 12);
    assert_string_equal(r.rob[0].result, "Not applicable");
    srw_rm5_review_dispose(&r);
    /* Neither zip nor directory: the message says what to give. */
    assert_int_equal(srw_revman_web_read(&r, DATA "mini.rm5", &err), SRW_EUSAGE);
    assert_non_null(strstr(err.message, "is neither a zip nor a directory"));
    assert_int_equal(r.n_analyses, 0);
}

/* Two reads of one package agree in every analysis, result and record. */
static void assert_same_package(const srw_rm5_review *x, const srw_rm5_review *y)
{
    assert_int_equal(x->n_analyses, y->n_analyses);
    assert_int_equal(x->set.n_records, y->set.n_records);
    assert_int_equal(x->n_rob, y->n_rob);
    for (size_t i = 0; i < x->n_analyses; i++) {
        const srw_rm5_analysis *a = &x->analyses[i], *b = &y->analyses[i];
        assert_string_equal(a->outcome, b->outcome);
        assert_int_equal(a->decimals, b->decimals);
        assert_int_equal(a->n_studies, b->n_studies);
        assert_int_equal(a->n_subgroups, b->n_subgroups);
        assert_rel(a->overall.effect, b->overall.effect, 0);
        assert_rel(a->overall.chi2, b->overall.chi2, 0);
        for (size_t k = 0; k < a->n_studies; k++)
            assert_rel(a->studies[k].weight, b->studies[k].weight, 0);
    }
    for (size_t i = 0; i < x->set.n_records; i++) {
        const srw_record *a = &x->set.records[i], *b = &y->set.records[i];
        assert_string_equal(a->study, b->study);
        assert_rel(a->exp_events, b->exp_events, 0);
        assert_rel(a->ctl_total, b->ctl_total, 0);
        for (int d = 0; d < SRW_ROB_N; d++)
            assert_int_equal(a->rob[d], b->rob[d]);
    }
    for (size_t i = 0; i < x->n_rob; i++)
        assert_string_equal(x->rob[i].result, y->rob[i].result);
}

/* tests/data/rm5/web-fleiss.zip (the package's layout) and
 * web-fleiss-data.zip (its inner data zip) hold web-fleiss/'s CSVs: read in
 * memory, they give what the directory gives. */
static void test_rm5__revman_web_zip_reads_as_the_directory(void **state)
{
    (void)state;
    srw_rm5_review dir, z;
    srw_error err;
    if (srw_revman_web_read(&dir, DATA "web-fleiss", &err) != 0)
        fail_msg("%s", err.message);
    const char *zips[] = {DATA "web-fleiss.zip", DATA "web-fleiss-data.zip"};
    for (size_t i = 0; i < 2; i++) {
        if (srw_revman_web_read(&z, zips[i], &err) != 0)
            fail_msg("%s: %s", zips[i], err.message);
        assert_string_equal(z.format, "revman-web");
        assert_string_equal(z.path, zips[i]);
        assert_same_package(&dir, &z);
        srw_rm5_check c;
        recompute(&z, by_number(&z, "1.1"), &c, 1e-9);
        assert_int_equal(c.verdict, SRW_RM5_AGREE);
        const char *base = strrchr(zips[i], '/') + 1;
        assert_true(strncmp(z.set.records[0].source, base, strlen(base)) == 0);
        srw_rm5_review_dispose(&z);
    }
    srw_rm5_review_dispose(&dir);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 16, f);
    assert_true(*len > 0 && *len < (1 << 16));
    fclose(f);
    return buf;
}

/* RevMan Web's own export (Fleiss1993.zip: a folder with the article PDF,
 * forest-plot SVGs and 921923100913455418-files/921923100913455418-data.zip),
 * from its path and from memory. */
static void test_rm5__revman_web_fixture_zip_agrees_with_revman(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "Fleiss1993.zip");
    srw_rm5_review dir, z;
    srw_error err;
    if (srw_revman_web_read(&dir, DATA "web-fleiss", &err) != 0)
        fail_msg("%s", err.message);
    if (srw_revman_web_read(&z, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(z.n_analyses, 2);
    assert_int_equal(z.set.n_records, 12);
    assert_int_equal(z.n_rob, 12);
    assert_same_package(&dir, &z);
    const srw_rm5_analysis *a = by_number(&z, "1.1");
    assert_int_equal(a->decimals, 6);
    srw_rm5_check c;
    recompute(&z, a, &c, 1e-9);
    assert_int_equal(c.verdict, SRW_RM5_AGREE);
    assert_false(by_number(&z, "1.2")->overall.present);
    srw_rm5_review_dispose(&z);
    size_t len;
    char *buf = slurp(path, &len);
    if (srw_revman_web_read_buffer(&z, buf, len, "Fleiss1993.zip", &err) != 0)
        fail_msg("%s", err.message);
    assert_same_package(&dir, &z);
    srw_rm5_review_dispose(&z);
    free(buf);
    srw_rm5_review_dispose(&dir);
}

static void web_fails(const char *path, int code, const char *where, const char *why)
{
    srw_rm5_review r;
    srw_error err;
    int rc = srw_revman_web_read(&r, path, &err);
    if (rc != code)
        fail_msg("%s: got %d (%s), want %d", path, rc, rc ? err.message : "read", code);
    if (strcmp(err.path, where) != 0)
        fail_msg("%s: error names '%s', want '%s'", path, err.path, where);
    if (strstr(err.message, why) == NULL)
        fail_msg("%s: '%s' does not say '%s'", path, err.message, why);
    assert_int_equal(r.n_analyses, 0);
    assert_int_equal(r.set.n_records, 0);
}

/* Broken packages (tests/data/rm5/README.md says how each was made): the
 * archive named, the reason given, nothing read. */
static void test_rm5__revman_web_bad_zips_fail_with_name_and_reason(void **state)
{
    (void)state;
    web_fails(DATA "truncated.zip", SRW_EDATA, DATA "truncated.zip", "not a readable zip archive");
    web_fails(DATA "no-data.zip", SRW_EDATA, DATA "no-data.zip",
              "no RevMan Web data package in this zip (neither CSV nor a *-data.zip)");
    web_fails(DATA "nested.zip", SRW_EDATA,
              DATA "nested.zip!web-fleiss/921923100913455418-files/921923100913455418-data.zip",
              "921923100913455418-data.zip is a data zip inside a data zip");
    web_fails(DATA "bomb.zip", SRW_EDATA, DATA "bomb.zip",
              "entry 921923100913455418-data-rows.csv would unpack to 68157440 bytes, more than srw's limit of "
              "64 MiB (a zip bomb?)");
    web_fails(DATA "bad-number-data.zip", SRW_EDATA,
              DATA "bad-number-data.zip!921923100913455418-analysis-data/921923100913455418-data-rows.csv",
              "Experimental cases: '2x6' is not a number");
    srw_rm5_review r;
    srw_error err;
    assert_int_equal(srw_revman_web_read(&r, DATA "bad-number-data.zip", &err), SRW_EDATA);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 12);

    /* In memory: every cut of the data zip, and a damaged deflate stream
     * (the CRC or zlib catches it), fail cleanly. */
    size_t len;
    char *buf = slurp(DATA "web-fleiss-data.zip", &len);
    for (size_t cut = 0; cut < len; cut += 7) {
        if (srw_revman_web_read_buffer(&r, buf, cut, "cut.zip", &err) == 0)
            fail_msg("a data zip cut to %zu of %zu bytes was read", cut, len);
        assert_int_equal(r.n_analyses, 0);
    }
    /* The first entry's data starts after its 30-byte local header, name
     * and extra field. */
    size_t start = 30 + (size_t)((unsigned char)buf[26] | (unsigned char)buf[27] << 8) +
                   (size_t)((unsigned char)buf[28] | (unsigned char)buf[29] << 8);
    buf[start + 40] ^= 0x55;
    assert_int_equal(srw_revman_web_read_buffer(&r, buf, len, "damaged.zip", &err), SRW_EDATA);
    assert_string_equal(err.path, "damaged.zip");
    assert_non_null(strstr(err.message, "the archive is corrupt"));
    assert_int_equal(r.n_analyses, 0);
    free(buf);
}

static void test_rm5__detects_revman_inputs_by_content(void **state)
{
    (void)state;
    assert_string_equal(srw_revman_detect(DATA "mini.rm5"), "rm5");
    assert_string_equal(srw_revman_detect(DATA "web-fleiss"), "revman-web");
    assert_string_equal(srw_revman_detect(DATA "web-fleiss.zip"), "revman-web");
    assert_null(srw_revman_detect("tests/data/import/good.csv"));
    assert_null(srw_revman_detect(DATA "no-such-file"));
}

/* RevMan's item names (RoB 1 as in RevMan 5.0 and 5.2, from the fixtures). */
static void test_rm5__rob_items_map_to_rob1_domains(void **state)
{
    (void)state;
    static const struct {
        const char *item;
        int n, rank;
        srw_rob_domain d0, d1;
    } cases[] = {
        {"Adequate sequence generation?", 1, 2, SRW_ROB_SEQUENCE, 0},
        {"Random sequence generation (selection bias)", 1, 2, SRW_ROB_SEQUENCE, 0},
        {"Allocation concealment?", 1, 2, SRW_ROB_ALLOCATION, 0},
        {"Allocation concealment (selection bias)", 1, 2, SRW_ROB_ALLOCATION, 0},
        {"Blinding?", 2, 1, SRW_ROB_BLINDING_PARTICIPANTS, SRW_ROB_BLINDING_ASSESSORS},
        {"Blinding (performance bias and detection bias)", 2, 1, SRW_ROB_BLINDING_PARTICIPANTS,
         SRW_ROB_BLINDING_ASSESSORS},
        {"Blinding of participants and personnel (performance bias)", 1, 2, SRW_ROB_BLINDING_PARTICIPANTS, 0},
        {"Blinding of outcome assessment (detection bias)", 1, 2, SRW_ROB_BLINDING_ASSESSORS, 0},
        {"Incomplete outcome data addressed?", 1, 2, SRW_ROB_INCOMPLETE, 0},
        {"Incomplete outcome data (attrition bias)", 1, 2, SRW_ROB_INCOMPLETE, 0},
        {"Free of selective reporting?", 1, 2, SRW_ROB_SELECTIVE, 0},
        {"Selective reporting (reporting bias)", 1, 2, SRW_ROB_SELECTIVE, 0},
        {"Free of other bias?", 1, 2, SRW_ROB_OTHER, 0},
        {"Other bias", 1, 2, SRW_ROB_OTHER, 0},
        {"Funding source", 0, 2, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_rob_domain d[2];
        int rank = 0, n = srw_rm5_rob_domains(cases[i].item, d, &rank);
        if (n != cases[i].n)
            fail_msg("'%s': %d domains, want %d", cases[i].item, n, cases[i].n);
        if (n > 0) {
            assert_int_equal(rank, cases[i].rank);
            assert_int_equal(d[0], cases[i].d0);
        }
        if (n > 1)
            assert_int_equal(d[1], cases[i].d1);
    }
}

/* --- the store ------------------------------------------------------------------- */

static void test_rm5__store_keeps_settings_and_results(void **state)
{
    (void)state;
    NEED_FIXTURE(path, "Fleiss1993.rm5");
    char dir[] = "/tmp/srw-rm5-XXXXXX", db[128];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/review.db", dir);
    srw_store *s = NULL;
    srw_error err;
    srw_rm5_review r, back;
    srw_import_stats st;
    assert_int_equal(srw_store_open(&s, db, 1, &err), 0);
    if (srw_rm5_read(&r, path, &err) != 0)
        fail_msg("%s", err.message);
    if (srw_import_sets(s, &r.set, 1, "tester", "import", NULL, &st, &err) != 0 || srw_store_revman_save(s, &r, "tester", &err) != 0)
        fail_msg("%s", err.message);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_store_revman_load(s, &back, &err), 0);
    assert_int_equal(back.n_analyses, 2);
    for (size_t i = 0; i < 2; i++) {
        const srw_rm5_analysis *x = &r.analyses[i], *y = &back.analyses[i];
        assert_string_equal(x->outcome, y->outcome);
        assert_string_equal(x->measure, y->measure);
        assert_int_equal(x->random, y->random);
        assert_int_equal(x->overall.present, y->overall.present);
        assert_int_equal(x->n_studies, y->n_studies);
        assert_true(srw_test_rel_ok(y->overall.effect, x->overall.effect, 0));
        assert_true(srw_test_rel_ok(y->overall.z, x->overall.z, 0));
        for (size_t k = 0; k < x->n_studies; k++) {
            assert_string_equal(x->studies[k].study, y->studies[k].study);
            assert_true(srw_test_rel_ok(y->studies[k].weight, x->studies[k].weight, 0));
        }
    }
    /* The measure reaches outcomes.measure, which `srw analyse` uses. */
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(s, r.analyses[0].use, r.analyses[0].outcome, &d, &err), 0);
    assert_string_equal(d.measure, "OR");
    assert_int_equal(d.set.k, 7);
    srw_outcome_data_dispose(&d);
    srw_rm5_review_dispose(&back);
    srw_rm5_review_dispose(&r);
    srw_store_close(s);
    char p[200];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rm5__fleiss_studies_settings_and_stored_results),
        cmocka_unit_test(test_rm5__sore_throat_every_analysis_agrees_with_revman),
        cmocka_unit_test(test_rm5__compare_names_the_number_that_differs),
        cmocka_unit_test(test_rm5__mini_maps_every_outcome_type),
        cmocka_unit_test(test_rm5__cholera_log_scale_and_repeated_rows),
        cmocka_unit_test(test_rm5__cholera_every_analysis_agrees_or_has_no_total),
        cmocka_unit_test(test_rm5__public_cochrane_files_agree_with_revman),
        cmocka_unit_test(test_rm5__malformed_files_fail_with_line_and_reason),
        cmocka_unit_test(test_rm5__revman_csv_export_agrees_to_its_8_decimals),
        cmocka_unit_test(test_rm5__revman_csv_rejects_rows_out_of_place),
        cmocka_unit_test(test_rm5__revman_csv_keeps_a_second_row),
        cmocka_unit_test(test_rm5__revman_web_package_agrees_to_its_6_decimals),
        cmocka_unit_test(test_rm5__revman_web_zip_reads_as_the_directory),
        cmocka_unit_test(test_rm5__revman_web_fixture_zip_agrees_with_revman),
        cmocka_unit_test(test_rm5__revman_web_bad_zips_fail_with_name_and_reason),
        cmocka_unit_test(test_rm5__detects_revman_inputs_by_content),
        cmocka_unit_test(test_rm5__rob_items_map_to_rob1_domains),
        cmocka_unit_test(test_rm5__store_keeps_settings_and_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
