/* What a path holds (srw_revman_detect) and `srw verify`'s comparison of
 * RevMan's stored results with srw's (srw_rm5_pool_options,
 * srw_rm5_compare): see include/srw/rm5.h.  No statistics here: srw's
 * numbers come from core (srw_analysis_run); this file only compares. */
#include "srw/rm5.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* --- what a path holds ------------------------------------------------------ */

const char *srw_revman_detect(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return NULL;
    if (S_ISDIR(sb.st_mode))
        return "revman-web";
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char head[512];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    const char *p = head;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "<?xml", 5) == 0 || strncmp(p, "<COCHRANE_REVIEW", 16) == 0)
        return strstr(head, "<COCHRANE_REVIEW") || strncmp(p, "<?xml", 5) == 0 ? "rm5" : NULL;
    if (strncmp(p, "Comparison Number,Outcome Number,", 33) == 0)
        return "revman-csv";
    if (n >= 2 && (unsigned char)head[0] == 'P' && (unsigned char)head[1] == 'K')
        return "revman-web"; /* a zip: RevMan Web's package or its data zip */
    return NULL;
}

/* --- verification ------------------------------------------------------------ */

int srw_rm5_is_ratio(const srw_rm5_analysis *a)
{
    static const char *const ratios[] = {"OR", "RR", "PETO_OR", "HR", "RATE_RATIO", "ROM"};
    if (a->measure && strcmp(a->measure, "GENERIC") != 0)
        return srw_measure_is_ratio(srw_measure_parse(a->measure));
    for (size_t i = 0; a->revman_measure && i < sizeof ratios / sizeof ratios[0]; i++)
        if (strcmp(a->revman_measure, ratios[i]) == 0)
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

void srw_rm5_compare(srw_rm5_check *out, const srw_rm5_analysis *a, const srw_analysis *x, double tol)
{
    memset(out, 0, sizeof *out);
    cmp k = {out, tol, a->decimals > 0 ? 0.5 * pow(10.0, -a->decimals) : 0};
    int ratio = srw_rm5_is_ratio(a);
    same_pooled(&k, "overall", &a->overall, &x->overall, ratio, a->random);
    char what[96];
    for (size_t g = 0; g < a->n_subgroups; g++) {
        const srw_rm5_subgroup *w = &a->subgroups[g];
        const srw_subgroup_result *m = NULL;
        for (size_t j = 0; j < x->n_subgroups; j++)
            if (x->subgroups[j].name && strcmp(x->subgroups[j].name, w->name) == 0)
                m = &x->subgroups[j];
        snprintf(what, sizeof what, "subgroup '%.60s'", w->name);
        if (m == NULL) {
            if (w->pooled.present) {
                out->n_compared++;
                note_diff(&k, what, NAN, NAN, INFINITY);
            }
            continue;
        }
        same_pooled(&k, what, &w->pooled, &m->pooled, ratio, a->random);
    }
    if (a->subgroup_test_present && a->n_subgroups > 1 && x->subgroup_test.present) {
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
        snprintf(what, sizeof what, "study '%.60s'", w->study);
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
        snprintf(what, sizeof what, "study '%.60s' effect", w->study);
        same(&k, what, w->effect, nat(ratio, m->yi));
        if (same_level) {
            snprintf(what, sizeof what, "study '%.60s' CI lower", w->study);
            same(&k, what, w->ci_lower, nat(ratio, m->ci_lower));
            snprintf(what, sizeof what, "study '%.60s' CI upper", w->study);
            same(&k, what, w->ci_upper, nat(ratio, m->ci_upper));
        }
        snprintf(what, sizeof what, "study '%.60s' weight", w->study);
        same(&k, what, w->weight, m->weight);
    }
    /* The display-rounded line RevMan prints, from both sets of numbers. */
    const srw_rm5_pooled *w = &a->overall;
    const srw_pooled *p = &x->overall;
    out->strings_equal = 1;
    if (w->present && w->estimable) {
        char s1[256], s2[256];
        int one = w->df == 0 && isnan(p->Q);
        display_line(s1, sizeof s1, w->effect, w->ci_lower, w->ci_upper, one ? 0 : w->chi2, one ? 0 : w->df,
                     one ? 0 : w->i2, w->z, a->random ? w->tau2 : 0);
        display_line(s2, sizeof s2, nat(ratio, p->estimate), nat(ratio, p->ci_lower), nat(ratio, p->ci_upper),
                     one ? 0 : p->Q, one ? 0 : p->Q_df, one ? 0 : p->I2, fabs(p->stat), a->random ? p->tau2 : 0);
        out->strings_equal = strcmp(s1, s2) == 0;
    }
    out->verdict = (out->n_diffs == 0 && out->strings_equal) ? SRW_RM5_AGREE : SRW_RM5_DIFFER;
}
