/* RevMan's model of a review (include/srw/revman.h): data types and their
 * ownership, srw's names for RevMan's measures and risk-of-bias items, and
 * `srw verify`'s comparison of RevMan's stored results with srw's
 * (srw_rm5_pool_options, srw_rm5_compare).  No statistics here: srw's
 * numbers come from srw_analysis_run; this file only compares. */
#include "srw/revman.h"
#include "util/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
    [SRW_RM5_DICH] = "DICH", [SRW_RM5_CONT] = "CONT", [SRW_RM5_IV] = "IV",
    [SRW_RM5_IPD] = "IPD",   [SRW_RM5_OTHER] = "OTHER",
};

const char *srw_rm5_data_type_name(srw_rm5_data_type t)
{
    return (t >= SRW_RM5_DICH && t <= SRW_RM5_OTHER) ? type_names[t] : NULL;
}

srw_rm5_data_type srw_rm5_data_type_parse(const char *s)
{
    for (int t = SRW_RM5_DICH; s && t <= SRW_RM5_OTHER; t++)
        if (strcmp(s, type_names[t]) == 0)
            return (srw_rm5_data_type)t;
    return (srw_rm5_data_type)0;
}

/* RoB 1 domain(s) of a RevMan quality item, from its name; rank 2 for a
 * specific item, 1 for the combined "Blinding" item (which judges
 * performance and detection bias together). */
int srw_rm5_rob_domains(const char *name, srw_rob_domain d[2], int *rank)
{
    char low[200];
    size_t i = 0;
    for (; name[i] && i < sizeof low - 1; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[i] = '\0';
    *rank = 2;
    if (strstr(low, "sequence"))
        return d[0] = SRW_ROB_SEQUENCE, 1;
    if (strstr(low, "allocation"))
        return d[0] = SRW_ROB_ALLOCATION, 1;
    if (strstr(low, "blinding") || strstr(low, "performance bias") || strstr(low, "detection bias")) {
        int perf = strstr(low, "participants") || strstr(low, "performance");
        int det = strstr(low, "outcome assess") || strstr(low, "detection");
        if (perf && !det)
            return d[0] = SRW_ROB_BLINDING_PARTICIPANTS, 1;
        if (det && !perf)
            return d[0] = SRW_ROB_BLINDING_ASSESSORS, 1;
        *rank = 1;
        d[0] = SRW_ROB_BLINDING_PARTICIPANTS;
        d[1] = SRW_ROB_BLINDING_ASSESSORS;
        return 2;
    }
    if (strstr(low, "incomplete"))
        return d[0] = SRW_ROB_INCOMPLETE, 1;
    if (strstr(low, "selective"))
        return d[0] = SRW_ROB_SELECTIVE, 1;
    if (strstr(low, "other"))
        return d[0] = SRW_ROB_OTHER, 1;
    return 0;
}

/* --- analyses -------------------------------------------------------------- */

int srw_rm5_set_measure(srw_rm5_analysis *a)
{
    if (a->data_type == SRW_RM5_IV || a->data_type == SRW_RM5_IPD)
        return (a->measure = strdup(srw_measure_name(SRW_MEASURE_GENERIC))) ? 0 : -1;
    const srw_measure_info *m = srw_measure_from_revman(a->revman_measure);
    if (m != NULL)
        return (a->measure = strdup(m->name)) ? 0 : -1;
    return 0; /* no srw equivalent: kept, verify says not comparable */
}

/* --- verification ------------------------------------------------------------ */

int srw_rm5_is_ratio(const srw_rm5_analysis *a)
{
    /* RevMan's ratio measures that are not srw's (the table's ratios by their
     * RevMan names are, below). */
    static const char *const revman_only[] = {"HR", "RATE_RATIO", "ROM"};
    /* Generic inverse variance entered on the log scale is a ratio whether
     * or not RevMan names the measure: the Cochrane Library's exports
     * (CD003188, CD008625) carry LOG_DATA="YES" and no EFFECT_MEASURE, and
     * store the pooled ratio in EFFECT_SIZE. */
    if (a->data_type == SRW_RM5_IV && a->log_data)
        return 1;
    srw_measure m = srw_measure_parse(a->measure);
    if (a->measure && m != SRW_MEASURE_GENERIC)
        return srw_measure_is_ratio(m);
    const srw_measure_info *rm = srw_measure_from_revman(a->revman_measure);
    if (rm != NULL)
        return rm->scale == SRW_SCALE_RATIO;
    for (size_t i = 0; a->revman_measure && i < sizeof revman_only / sizeof revman_only[0]; i++)
        if (strcmp(a->revman_measure, revman_only[i]) == 0)
            return 1;
    return 0;
}

int srw_rm5_pool_options(srw_pool_options *out, const srw_rm5_analysis *a, const char **reason)
{
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    *out = o;
    *reason = NULL;
    if (a->data_type == SRW_RM5_OTHER)
        return *reason = "OTHER outcome, no statistics", 0;
    int stored = a->overall.present;
    for (size_t g = 0; g < a->n_subgroups; g++)
        stored |= a->subgroups[g].pooled.present;
    if (!stored)
        return *reason = "RevMan left the results empty", 0;
    if (a->measure == NULL)
        return *reason = "RevMan measure has no srw equivalent", 0;
    if (a->swap_events)
        return *reason = "SWAP_EVENTS: RevMan analysed non-events", 0;
    o.profile = SRW_PROFILE_REVMAN5;
    /* Every number RevMan stored, the total's too when it shows none
     * (srw_rm5_compare takes what the analysis's totals show). */
    o.totals = SRW_TOTALS_ALL;
    o.measure = srw_measure_parse(a->measure);
    o.model = a->random ? SRW_MODEL_RANDOM : SRW_MODEL_FIXED;
    o.smd = SRW_SMD_HEDGES;
    if (a->data_type == SRW_RM5_IV || a->data_type == SRW_RM5_IPD)
        o.method = SRW_METHOD_IV; /* Peto's O-E / V pooling is inverse variance on (O-E)/V */
    else if (a->method && srw_method_parse(&o.method, a->method) != 0)
        return *reason = "unknown RevMan METHOD", 0;
    if (!isnan(a->ci_total))
        o.level = a->ci_total;
    *out = o;
    return 1;
}

typedef struct cmp {
    srw_rm5_check *c;
    double tol, half_unit; /* half a unit of the last stored decimal, 0 for full precision */
} cmp;

static void note_diff(cmp *k, const char *what, double stored, double computed, double rel)
{
    srw_rm5_check *c = k->c;
    if (c->n_diffs < SRW_RM5_MAX_DIFFS) {
        srw_rm5_diff *d = &c->diffs[c->n_diffs];
        snprintf(d->what, sizeof d->what, "%s", what);
        d->stored = stored;
        d->computed = computed;
        d->rel = rel;
    }
    c->n_diffs++;
}

static void same(cmp *k, const char *what, double stored, double computed)
{
    if (isnan(stored))
        return; /* RevMan did not store it */
    k->c->n_compared++;
    if (stored == computed)
        return;
    double diff = fabs(computed - stored);
    double rel = stored != 0 ? diff / fabs(stored) : diff;
    if (isnan(computed))
        rel = INFINITY;
    if (rel > k->c->max_rel || isnan(rel))
        k->c->max_rel = rel;
    if (diff <= k->tol * fabs(stored) || (k->half_unit > 0 && diff <= k->half_unit * (1 + 1e-9)))
        return;
    note_diff(k, what, stored, computed, rel);
}

static double nat(int ratio, double x)
{
    return ratio ? exp(x) : x;
}

static void same_pooled(cmp *k, const char *prefix, const srw_rm5_pooled *w, const srw_pooled *p, int ratio,
                        int random)
{
    char what[96];
    if (!w->present)
        return;
    if (!w->estimable) {
        k->c->n_compared++;
        if (!isnan(p->estimate)) {
            snprintf(what, sizeof what, "%s: RevMan not estimable, srw estimable", prefix);
            note_diff(k, what, NAN, nat(ratio, p->estimate), INFINITY);
        }
        return;
    }
#define SAME(label, stored, computed)                                                                     \
    do {                                                                                                  \
        snprintf(what, sizeof what, "%s %s", prefix, label);                                              \
        same(k, what, stored, computed);                                                                  \
    } while (0)
    SAME("effect", w->effect, nat(ratio, p->estimate));
    SAME("CI lower", w->ci_lower, nat(ratio, p->ci_lower));
    SAME("CI upper", w->ci_upper, nat(ratio, p->ci_upper));
    SAME("Z", w->z, fabs(p->stat));
    if (w->df == 0 && isnan(p->Q))
        return; /* k = 1: RevMan stores 0s, srw says heterogeneity is not applicable */
    SAME("Chi2", w->chi2, p->Q);
    SAME("df", w->df, p->Q_df);
    SAME("I2", w->i2, p->I2);
    if (random || !isnan(p->tau2))
        SAME("tau2", w->tau2, random ? p->tau2 : (isnan(p->tau2) ? 0.0 : p->tau2));
#undef SAME
}

void srw_rm5_display(char *buf, size_t size, double effect, double lo, double hi)
{
    snprintf(buf, size, "%.2f [%.2f, %.2f]", effect, lo, hi);
}

/* RevMan's rounded display of a pooled line: effect [CI], Chi2, df, I2, Z, tau2. */
static void display_line(char *buf, size_t size, double effect, double lo, double hi, double chi2, double df,
                         double i2, double z, double tau2)
{
    char e[96];
    srw_rm5_display(e, sizeof e, effect, lo, hi);
    snprintf(buf, size, "%s Chi2=%.2f df=%.0f I2=%.0f%% Z=%.2f Tau2=%.2f", e, isnan(chi2) ? 0 : chi2,
             isnan(df) ? 0 : df, isnan(i2) ? 0 : i2, isnan(z) ? 0 : z, isnan(tau2) ? 0 : tau2);
}

srw_totals srw_rm5_totals_parse(const char *totals)
{
    if (totals != NULL && strcmp(totals, "NO") == 0)
        return SRW_TOTALS_NONE;
    if (totals != NULL && strcmp(totals, "SUB") == 0)
        return SRW_TOTALS_SUB;
    return SRW_TOTALS_ALL;
}

srw_totals srw_rm5_totals(const srw_rm5_analysis *a)
{
    return srw_rm5_totals_parse(a->totals);
}

/* RevMan's overall under "subtotals only" (TOTALS="SUB" with subgroups):
 * the effect, CI and Z of the inverse-variance pool of the subgroup results
 * (x's subgroup test's centre), the heterogeneity of all the studies
 * together (x's overall, when x reports a total). */
static void same_subtotals_pool(cmp *k, const srw_rm5_pooled *w, const srw_analysis *x, int ratio, int random)
{
    const srw_subgroup_test *t = &x->subgroup_test;
    srw_pooled p = x->overall;
    p.estimate = t->estimate;
    p.ci_lower = t->ci_lower;
    p.ci_upper = t->ci_upper;
    p.stat = t->stat;
    if (x->no_total != NULL) { /* the studies' heterogeneity was not computed */
        srw_rm5_pooled e = *w;
        e.chi2 = e.df = e.i2 = e.tau2 = NAN;
        p.Q = p.Q_df = p.I2 = p.tau2 = NAN;
        same_pooled(k, "overall (pool of the subtotals)", &e, &p, ratio, random);
        return;
    }
    same_pooled(k, "overall (pool of the subtotals)", w, &p, ratio, random);
}

void srw_rm5_compare(srw_rm5_check *out, const srw_rm5_analysis *a, const srw_analysis *x, double tol)
{
    memset(out, 0, sizeof *out);
    cmp k = {out, tol, a->decimals > 0 ? 0.5 * pow(10.0, -a->decimals) : 0};
    int ratio = srw_rm5_is_ratio(a);
    srw_totals totals = srw_rm5_totals(a);
    /* What RevMan shows: with subtotals only, weights within subgroups and
     * no total; with no subgroups to total, or no totals, the studies alone
     * (RevMan stores the total as not estimable and weights of 0). */
    int subtotals_only = totals == SRW_TOTALS_SUB && a->n_subgroups > 0;
    int no_total = totals == SRW_TOTALS_NONE || (totals == SRW_TOTALS_SUB && a->n_subgroups == 0);
    int no_subtotals = totals == SRW_TOTALS_NONE;
    if (subtotals_only)
        same_subtotals_pool(&k, &a->overall, x, ratio, a->random);
    else if (!no_total)
        same_pooled(&k, "overall", &a->overall, &x->overall, ratio, a->random);
    char what[96];
    for (size_t g = 0; g < a->n_subgroups && !no_subtotals; g++) {
        const srw_rm5_subgroup *w = &a->subgroups[g];
        const srw_subgroup_result *m = NULL;
        for (size_t j = 0; j < x->n_subgroups; j++)
            if (x->subgroups[j].name && strcmp(x->subgroups[j].name, w->name) == 0)
                m = &x->subgroups[j];
        snprintf(what, sizeof what, "subgroup '%.*s'", (int)srw_utf8_prefix(w->name, 60), w->name);
        if (m == NULL) {
            if (w->pooled.present) {
                out->n_compared++;
                note_diff(&k, what, NAN, NAN, INFINITY);
            }
            continue;
        }
        same_pooled(&k, what, &w->pooled, &m->pooled, ratio, a->random);
    }
    if (!no_subtotals && a->subgroup_test_present && a->n_subgroups > 1 && x->subgroup_test.present) {
        same(&k, "subgroup test Chi2", a->q_sub, x->subgroup_test.Q);
        same(&k, "subgroup test I2", a->i2_sub, x->subgroup_test.I2);
    }
    int same_level = isnan(a->ci_study) || isnan(a->ci_total) || a->ci_study == a->ci_total;
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_rm5_study_result *w = &a->studies[i];
        if (!w->present)
            continue;
        const srw_study_result *m = NULL;
        for (size_t j = 0; j < x->n_studies; j++)
            if (strcmp(x->studies[j].study, w->study) == 0)
                m = &x->studies[j];
        snprintf(what, sizeof what, "study '%.*s'", (int)srw_utf8_prefix(w->study, 60), w->study);
        out->n_compared++;
        if (m == NULL) {
            note_diff(&k, what, NAN, NAN, INFINITY);
            continue;
        }
        if (!w->estimable || !m->estimable) {
            if (w->estimable != m->estimable)
                note_diff(&k, what, w->estimable, m->estimable, INFINITY);
            continue;
        }
        snprintf(what, sizeof what, "study '%.*s' effect", (int)srw_utf8_prefix(w->study, 60), w->study);
        same(&k, what, w->effect, nat(ratio, m->yi));
        if (same_level) {
            snprintf(what, sizeof what, "study '%.*s' CI lower", (int)srw_utf8_prefix(w->study, 60), w->study);
            same(&k, what, w->ci_lower, nat(ratio, m->ci_lower));
            snprintf(what, sizeof what, "study '%.*s' CI upper", (int)srw_utf8_prefix(w->study, 60), w->study);
            same(&k, what, w->ci_upper, nat(ratio, m->ci_upper));
        }
        if (no_total)
            continue; /* RevMan stores 0: it pooled nothing */
        snprintf(what, sizeof what, "study '%.*s' weight", (int)srw_utf8_prefix(w->study, 60), w->study);
        same(&k, what, w->weight, subtotals_only ? m->weight_subgroup : m->weight);
    }
    /* The display-rounded line RevMan prints, from both sets of numbers. */
    const srw_rm5_pooled *w = &a->overall;
    srw_pooled p_shown = x->overall;
    if (subtotals_only) {
        p_shown.estimate = x->subgroup_test.estimate;
        p_shown.ci_lower = x->subgroup_test.ci_lower;
        p_shown.ci_upper = x->subgroup_test.ci_upper;
        p_shown.stat = x->subgroup_test.stat;
    }
    const srw_pooled *p = &p_shown;
    out->strings_equal = 1;
    if (!no_total && w->present && w->estimable && (!subtotals_only || x->no_total == NULL)) {
        char s1[256], s2[256];
        int one = w->df == 0 && isnan(p->Q);
        display_line(s1, sizeof s1, w->effect, w->ci_lower, w->ci_upper, one ? 0 : w->chi2, one ? 0 : w->df,
                     one ? 0 : w->i2, w->z, a->random ? w->tau2 : 0);
        display_line(s2, sizeof s2, nat(ratio, p->estimate), nat(ratio, p->ci_lower), nat(ratio, p->ci_upper),
                     one ? 0 : p->Q, one ? 0 : p->Q_df, one ? 0 : p->I2, fabs(p->stat), a->random ? p->tau2 : 0);
        out->strings_equal = strcmp(s1, s2) == 0;
    }
    out->verdict = (out->n_diffs == 0 && out->strings_equal) ? (no_total ? SRW_RM5_NO_TOTAL : SRW_RM5_AGREE)
                                                             : SRW_RM5_DIFFER;
}

/* --- ownership ----------------------------------------------------------- */

int srw_rm5_note_repeat(srw_rm5_review *r, const srw_rm5_analysis *a, const char *study, const char *subgroup,
                        size_t row)
{
    for (size_t i = r->n_repeats; i-- > 0;) {
        srw_rm5_repeat *p = &r->repeats[i];
        if (strcmp(p->number, a->number) == 0 && strcmp(p->use, a->use) == 0 && strcmp(p->study, study) == 0 &&
            srw_same_text(p->subgroup, subgroup)) {
            if (row > p->rows)
                p->rows = row;
            return 0;
        }
    }
    srw_rm5_repeat *p = realloc(r->repeats, (r->n_repeats + 1) * sizeof *p);
    if (p == NULL)
        return -1;
    r->repeats = p;
    p = &r->repeats[r->n_repeats++];
    memset(p, 0, sizeof *p);
    p->rows = row;
    p->number = strdup(a->number);
    p->use = strdup(a->use);
    p->outcome = strdup(a->outcome);
    p->study = strdup(study);
    p->subgroup = subgroup ? strdup(subgroup) : NULL;
    if (!p->number || !p->use || !p->outcome || !p->study || (subgroup && !p->subgroup))
        return -1;
    return 0;
}

void srw_rm5_analysis_dispose(srw_rm5_analysis *a)
{
    if (a == NULL)
        return;
    char *own[] = {a->use, a->outcome, a->revman_id, a->number, a->name, a->revman_measure, a->measure,
                   a->method, a->totals, a->group_label_1, a->group_label_2, a->graph_label_1, a->graph_label_2};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        free(own[i]);
    for (size_t i = 0; i < a->n_subgroups; i++)
        free(a->subgroups[i].name);
    free(a->subgroups);
    for (size_t i = 0; i < a->n_studies; i++) {
        free(a->studies[i].study);
        free(a->studies[i].subgroup);
    }
    free(a->studies);
    memset(a, 0, sizeof *a);
}

void srw_rm5_review_dispose(srw_rm5_review *r)
{
    if (r == NULL)
        return;
    free(r->path);
    free(r->title);
    free(r->revman_version);
    srw_record_set_dispose(&r->set);
    for (size_t i = 0; i < r->n_analyses; i++)
        srw_rm5_analysis_dispose(&r->analyses[i]);
    free(r->analyses);
    for (size_t i = 0; i < r->n_rob; i++) {
        free(r->rob[i].study);
        free(r->rob[i].item);
        free(r->rob[i].result);
        free(r->rob[i].support);
        free(r->rob[i].group);
    }
    free(r->rob);
    for (size_t i = 0; i < r->n_other; i++) {
        free(r->other[i].use);
        free(r->other[i].outcome);
        free(r->other[i].study);
        free(r->other[i].text);
    }
    free(r->other);
    for (size_t i = 0; i < r->n_repeats; i++) {
        free(r->repeats[i].number);
        free(r->repeats[i].use);
        free(r->repeats[i].outcome);
        free(r->repeats[i].study);
        free(r->repeats[i].subgroup);
    }
    free(r->repeats);
    memset(r, 0, sizeof *r);
}
