/* The measure table (src/core/measure.c, SRW_MEASURE_TABLE in srw/effect.h)
 * and what is read from it: every row agrees with itself (a name that
 * parses back, one default per type), with the code that computes the
 * effects (a ratio is what effect.c puts on the log scale), with the other
 * lists made from it (--measure's choices, RevMan's names, the manual's and
 * doc/csv-format.md's lists), and the texts of help and errors read as
 * users have always read them (tests/cli compares whole messages; these
 * pin the lists inside them). */
#include <string.h>

#include "testutil.h"

#include "srw/effect.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/revman.h"

static void test_measure__rows_follow_the_enum_and_parse_back(void **state)
{
    (void)state;
    size_t n = 0;
    const srw_measure_info *t = srw_measures(&n);
    assert_int_equal(n, SRW_MEASURE_GENERIC); /* every measure, DEFAULT aside */
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].measure, (srw_measure)(i + 1));
        assert_ptr_equal(srw_measure_info_of(t[i].measure), &t[i]);
        assert_int_equal(srw_measure_parse(t[i].name), t[i].measure);
        assert_string_equal(srw_measure_name(t[i].measure), t[i].name);
        assert_non_null(t[i].label);
        assert_string_equal(srw_measure_label(t[i].measure), t[i].label);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(t[i].name, t[j].name);
            assert_string_not_equal(t[i].label, t[j].label);
        }
    }
    assert_null(srw_measure_info_of(SRW_MEASURE_DEFAULT));
    assert_null(srw_measure_info_of((srw_measure)(n + 1)));
    assert_null(srw_measure_name(SRW_MEASURE_DEFAULT));
    assert_int_equal(srw_measure_parse("rr"), SRW_MEASURE_DEFAULT); /* case counts */
    assert_int_equal(srw_measure_parse(NULL), SRW_MEASURE_DEFAULT);
}

static void test_measure__one_default_per_type(void **state)
{
    (void)state;
    const srw_outcome_type types[] = {SRW_TYPE_DICHOTOMOUS, SRW_TYPE_CONTINUOUS, SRW_TYPE_GENERIC};
    const srw_measure want[] = {SRW_MEASURE_RR, SRW_MEASURE_MD, SRW_MEASURE_GENERIC};
    size_t n = 0;
    const srw_measure_info *t = srw_measures(&n);
    for (size_t k = 0; k < 3; k++) {
        int defaults = 0;
        for (size_t i = 0; i < n; i++)
            defaults += t[i].type == types[k] && t[i].is_default;
        assert_int_equal(defaults, 1);
        assert_int_equal(srw_measure_default(types[k]), want[k]);
        assert_true(srw_measure_fits_type(want[k], types[k]));
        /* The pool options resolve a DEFAULT measure to it. */
        srw_pool_options o = SRW_POOL_OPTIONS_INIT;
        assert_int_equal(srw_pool_options_resolve(&o, types[k], NULL), 0);
        assert_int_equal(o.measure, want[k]);
    }
    assert_int_equal(srw_measure_default(SRW_TYPE_NONE), SRW_MEASURE_DEFAULT);
}

static void test_measure__fits_exactly_its_own_type(void **state)
{
    (void)state;
    const srw_outcome_type types[] = {SRW_TYPE_NONE, SRW_TYPE_DICHOTOMOUS, SRW_TYPE_CONTINUOUS,
                                      SRW_TYPE_GENERIC};
    size_t n = 0;
    const srw_measure_info *t = srw_measures(&n);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < 4; k++)
            assert_int_equal(srw_measure_fits_type(t[i].measure, types[k]),
                             types[k] != SRW_TYPE_NONE && t[i].type == types[k]);
        assert_int_equal(srw_measure_is_arm_level(t[i].measure), t[i].type != SRW_TYPE_GENERIC);
    }
    assert_false(srw_measure_fits_type(SRW_MEASURE_DEFAULT, SRW_TYPE_DICHOTOMOUS));
}

/* The ratio measures are exactly those effect.c computes on the log scale:
 * each measure's effect for one study against the number worked by hand
 * on the natural scale (RR 0.2 / 0.1 = 2, OR (20·90)/(80·10) = 2.25, RD
 * 0.1, MD 12.5 - 10 = 2.5, ROM 12.5 / 10 = 1.25).  The Peto OR has no such
 * closed form: (O - E) / V = (20 - 15) / 6.0301507... = 0.82917, whose
 * exp(), 2.2913, is the Peto odds ratio (Yusuf et al. 1985). */
static void test_measure__ratios_are_the_log_scale_ones(void **state)
{
    (void)state;
    const srw_study_row dich = {.exp_events = 20, .exp_total = 100, .ctl_events = 10, .ctl_total = 100};
    const srw_study_row cont = {.exp_mean = 12.5, .exp_sd = 3, .exp_total = 40,
                                .ctl_mean = 10, .ctl_sd = 3, .ctl_total = 40};
    /* V = n1 n2 m (N - m) / (N^2 (N - 1)) with n1 = n2 = 100, m = 30, N = 200. */
    double peto_v = 100.0 * 100.0 * 30.0 * 170.0 / (200.0 * 200.0 * 199.0);
    const struct {
        srw_measure m;
        const srw_study_row *row;
        srw_outcome_type type;
        double natural; /* the effect as people read it */
    } cases[] = {
        {SRW_MEASURE_OR, &dich, SRW_TYPE_DICHOTOMOUS, 2.25},
        {SRW_MEASURE_RR, &dich, SRW_TYPE_DICHOTOMOUS, 2.0},
        {SRW_MEASURE_RD, &dich, SRW_TYPE_DICHOTOMOUS, 0.1},
        {SRW_MEASURE_PETO, &dich, SRW_TYPE_DICHOTOMOUS, exp(5.0 / peto_v)},
        {SRW_MEASURE_MD, &cont, SRW_TYPE_CONTINUOUS, 2.5},
        {SRW_MEASURE_ROM, &cont, SRW_TYPE_CONTINUOUS, 1.25},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_effect e;
        assert_int_equal(srw_effect_compute(&e, cases[i].row, cases[i].type, cases[i].m, SRW_SMD_HEDGES, NULL),
                         0);
        int ratio = srw_measure_is_ratio(cases[i].m);
        assert_int_equal(ratio, srw_measure_info_of(cases[i].m)->scale == SRW_SCALE_RATIO);
        assert_rel(ratio ? exp(e.yi) : e.yi, cases[i].natural, 1e-12);
    }
    /* SMD is a difference (of standardised means), generic records keep
     * their own scale: neither is exponentiated. */
    assert_int_equal(srw_measure_info_of(SRW_MEASURE_SMD)->scale, SRW_SCALE_DIFFERENCE);
    assert_int_equal(srw_measure_info_of(SRW_MEASURE_GENERIC)->scale, SRW_SCALE_OWN);
    assert_false(srw_measure_is_ratio(SRW_MEASURE_GENERIC));
    assert_false(srw_measure_is_ratio(SRW_MEASURE_DEFAULT));
}

static void test_measure__lists_read_as_the_messages_do(void **state)
{
    (void)state;
    char buf[128];
    srw_measures_text(buf, sizeof buf, SRW_TYPE_DICHOTOMOUS, " or ");
    assert_string_equal(buf, "OR, RR, RD or PETO");
    srw_measures_text(buf, sizeof buf, SRW_TYPE_CONTINUOUS, " or ");
    assert_string_equal(buf, "MD, SMD or ROM");
    srw_measures_text(buf, sizeof buf, SRW_TYPE_NONE, " or ");
    assert_string_equal(buf, "OR, RR, RD, PETO, MD, SMD or ROM");
    srw_measures_text(buf, sizeof buf, SRW_TYPE_GENERIC, " or ");
    assert_string_equal(buf, "GENERIC");
    /* --measure offers the same names (GENERIC accepted, not offered). */
    const srw_choices *c = srw_choices_of(SRW_CHOICES_MEASURE);
    char offered[128];
    srw_choices_text(offered, sizeof offered, c, 1);
    srw_measures_text(buf, sizeof buf, SRW_TYPE_NONE, " or ");
    assert_string_equal(offered, buf);
    size_t n = 0;
    const srw_measure_info *t = srw_measures(&n);
    assert_int_equal(c->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(c->items[i].value, t[i].measure);
        assert_string_equal(c->items[i].name, t[i].name);
        assert_int_equal(c->items[i].hidden, t[i].type == SRW_TYPE_GENERIC);
    }
}

/* The messages about published results and MIDs keep an order of their own
 * (srw_measures_text_published): it must name the same measures as the
 * table, each once. */
static void test_measure__published_order_names_the_same_measures(void **state)
{
    (void)state;
    char buf[128];
    srw_measures_text_published(buf, sizeof buf, " or ");
    assert_string_equal(buf, "SMD, MD, RR, OR, RD, PETO or ROM");
    srw_measures_text_published(buf, sizeof buf, ", ");
    assert_string_equal(buf, "SMD, MD, RR, OR, RD, PETO, ROM");
    size_t n = 0, listed = 0;
    const srw_measure_info *t = srw_measures(&n);
    for (char *tok = strtok(buf, ", "); tok != NULL; tok = strtok(NULL, ", ")) {
        srw_measure m = srw_measure_parse(tok);
        assert_true(srw_measure_is_arm_level(m));
        listed++;
    }
    size_t arm_level = 0;
    for (size_t i = 0; i < n; i++)
        arm_level += srw_measure_is_arm_level(t[i].measure);
    assert_int_equal(listed, arm_level);

    /* A published result takes every one of them, and not GENERIC, with
     * the message the list makes. */
    for (size_t i = 0; i < n; i++) {
        srw_published p;
        srw_published_init(&p, 2);
        p.use = (char *)"u";
        p.outcome = (char *)"o";
        p.review = (char *)"r";
        p.source = (char *)"s";
        p.measure = (char *)t[i].name;
        p.estimate = 0.5; /* fits every measure: positive, and a risk difference */
        p.ci_lower = 0.2;
        p.ci_upper = 0.9;
        srw_error err;
        srw_error_clear(&err);
        int rc = srw_published_validate(&p, &err);
        if (t[i].type == SRW_TYPE_GENERIC) {
            assert_int_equal(rc, SRW_EDATA);
            assert_string_equal(err.message, "unknown measure 'GENERIC' (use SMD, MD, RR, OR, RD, PETO or ROM)");
        } else {
            assert_int_equal(rc, 0);
        }
    }
}

static void test_measure__revman_names_map_both_ways(void **state)
{
    (void)state;
    size_t n = 0;
    const srw_measure_info *t = srw_measures(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].revman == NULL)
            continue;
        assert_ptr_equal(srw_measure_from_revman(t[i].revman), &t[i]);
        srw_rm5_analysis a;
        memset(&a, 0, sizeof a);
        a.data_type = SRW_RM5_DICH;
        a.revman_measure = (char *)t[i].revman;
        assert_int_equal(srw_rm5_set_measure(&a), 0);
        assert_non_null(a.measure);
        assert_string_equal(a.measure, t[i].name);
        assert_int_equal(srw_rm5_is_ratio(&a), t[i].scale == SRW_SCALE_RATIO);
        free(a.measure);
    }
    assert_int_equal(srw_measure_from_revman("PETO_OR")->measure, SRW_MEASURE_PETO);
    assert_null(srw_measure_from_revman("PETO")); /* srw's name, not RevMan's */
    assert_null(srw_measure_from_revman("HR"));
    assert_null(srw_measure_from_revman(NULL));
    /* RevMan's ratios that srw does not reproduce are still shown as ratios. */
    const char *const revman_only[] = {"HR", "RATE_RATIO", "ROM"};
    for (size_t i = 0; i < 3; i++) {
        srw_rm5_analysis a;
        memset(&a, 0, sizeof a);
        a.data_type = SRW_RM5_CONT;
        a.revman_measure = (char *)revman_only[i];
        assert_int_equal(srw_rm5_set_measure(&a), 0);
        assert_null(a.measure);
        assert_true(srw_rm5_is_ratio(&a));
    }
}

/* The file's text (heap, caller frees); NULL when it cannot be read. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            char *grown = realloc(buf, cap);
            if (grown == NULL)
                break;
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    if (buf != NULL)
        buf[n] = '\0';
    return buf;
}

/* The names of the measures of type t (SRW_TYPE_NONE: arm-level), in the
 * table's order, joined by sep. */
static void joined(char *buf, size_t n, srw_outcome_type t, const char *sep)
{
    size_t k = 0;
    const srw_measure_info *m = srw_measures(&k);
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++)
        if (t == SRW_TYPE_NONE ? srw_measure_is_arm_level(m[i].measure) : m[i].type == t)
            snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? sep : "", m[i].name);
}

/* The manual and the CSV format's description list the measures as the
 * table does (run from the repository's root, as make check runs it). */
static void test_measure__documents_list_the_table(void **state)
{
    (void)state;
    char *man = read_text("doc/srw.1"), *csv = read_text("doc/csv-format.md");
    assert_non_null(man);
    assert_non_null(csv);
    char want[256], list[96];
    joined(list, sizeof list, SRW_TYPE_NONE, "|");
    snprintf(want, sizeof want, "\\-\\-measure\\fR %s,", list);
    assert_non_null(strstr(man, want));
    joined(list, sizeof list, SRW_TYPE_DICHOTOMOUS, " ");
    snprintf(want, sizeof want, "`%s` (dichotomous)", list);
    assert_non_null(strstr(csv, want));
    joined(list, sizeof list, SRW_TYPE_CONTINUOUS, " ");
    snprintf(want, sizeof want, "`%s` (continuous)", list);
    assert_non_null(strstr(csv, want));
    /* The published results' and MIDs' columns, in their messages' order. */
    srw_measures_text_published(list, sizeof list, ", ");
    for (char *c = strstr(list, ", "); c != NULL; c = strstr(c, ", "))
        memmove(c, c + 1, strlen(c + 1) + 1);
    snprintf(want, sizeof want, "| `measure` | yes | `%s` |", list);
    assert_non_null(strstr(csv, want));
    snprintf(want, sizeof want, "| `mid_measure` | no | the scale of `mid`: `%s`", list);
    assert_non_null(strstr(csv, want));
    free(man);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure__rows_follow_the_enum_and_parse_back),
        cmocka_unit_test(test_measure__one_default_per_type),
        cmocka_unit_test(test_measure__fits_exactly_its_own_type),
        cmocka_unit_test(test_measure__ratios_are_the_log_scale_ones),
        cmocka_unit_test(test_measure__lists_read_as_the_messages_do),
        cmocka_unit_test(test_measure__published_order_names_the_same_measures),
        cmocka_unit_test(test_measure__revman_names_map_both_ways),
        cmocka_unit_test(test_measure__documents_list_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
