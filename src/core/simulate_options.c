/* The settings of a simulation study: one table gives each setting's key
 * (the option's name), help and rule; parsing from text, the text that
 * reads back, and the checks all work from it.  See include/srw/simulate.h.
 */
#include "srw/simulate.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "srw/decimal.h"

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

enum { S_MEASURE, S_K, S_EFFECT, S_TAU2, S_N, S_RISK, S_REPS, S_SEED, S_METHODS, S_COUNT };

static const srw_sim_setting settings[S_COUNT] = {
    [S_MEASURE] = {"measure", "M", "effect measure: MD, SMD (arms with SD 1), RR or OR (default MD)",
                   "MD, SMD, RR or OR"},
    [S_K] = {"k", "LIST", "numbers of studies per meta-analysis (default 3,5,10,20)",
             "whole numbers from 2 to 1000, comma-separated, increasing, at most 32"},
    [S_EFFECT] = {"true-effect", "X",
                  "true mean effect on the analysis scale: log RR or log OR for ratios (default 0)",
                  "a number from -100 to 100"},
    [S_TAU2] = {"true-tau2", "LIST", "true between-study variances, analysis scale (default 0,0.05,0.2)",
                "numbers from 0 to 100, comma-separated, increasing, at most 32"},
    [S_N] = {"n", "A-B", "each study's arm size, drawn from A to B; or one size N (default 20-200)",
             "an arm size N or a range A-B of whole numbers from 2 to 1000000"},
    [S_RISK] = {"baseline-risk", "P", "control arms' risk for RR and OR (default 0.2)",
                "a risk between 0 and 1 (exclusive)"},
    [S_REPS] = {"reps", "N", "replications per scenario (default 1000)",
                "a whole number from 1 to 1000000000"},
    [S_SEED] = {"seed", "S", "random seed (default 1)", "a whole number from 0 to 18446744073709551615"},
    [S_METHODS] = {"methods", "LIST",
                   "a tau2 estimator and a CI per method, TAU2-CI with the names of srw analyse's --tau2 and --ci "
                   "(default DL-wald,REML-hksj)",
                   "comma-separated TAU2-CI pairs, each once, at most 16"},
};

const srw_sim_setting *srw_sim_settings(size_t *n)
{
    if (n != NULL)
        *n = S_COUNT;
    return settings;
}

static int key_index(const char *key)
{
    for (int i = 0; key != NULL && i < S_COUNT; i++)
        if (strcmp(key, settings[i].key) == 0)
            return i;
    return -1;
}

/* "--KEY must be MUST (got 'VALUE')"; a method's names from the choice
 * tables of --tau2 and --ci (srw/pool.h). */
static int bad(srw_error *err, int i, const char *value)
{
    char names[256] = "";
    if (i == S_METHODS) {
        char tau2[128], ci[64];
        srw_choices_text(tau2, sizeof tau2, srw_choices_of(SRW_CHOICES_TAU2), 0);
        srw_choices_text(ci, sizeof ci, srw_choices_of(SRW_CHOICES_CI), 0);
        snprintf(names, sizeof names, ", TAU2 one of %s, CI %s (e.g. REML-hksj)", tau2, ci);
    }
    return SRW_FAIL(err, SRW_EUSAGE, "--%s must be %s%s (got '%s')", settings[i].key, settings[i].must, names,
                    value);
}

void srw_sim_method_name(char *buf, size_t n, srw_sim_method m)
{
    const char *t = srw_tau2_method_name(m.tau2), *c = srw_ci_method_name(m.ci);
    snprintf(buf, n, "%s-%s", t ? t : "?", c ? c : "?");
}

int srw_sim_method_parse(srw_sim_method *out, const char *s)
{
    const char *dash = s != NULL ? strchr(s, '-') : NULL;
    char tau[16];
    if (dash == NULL || (size_t)(dash - s) >= sizeof tau)
        return SRW_EUSAGE;
    memcpy(tau, s, (size_t)(dash - s));
    tau[dash - s] = '\0';
    srw_sim_method m;
    if (srw_tau2_method_parse(&m.tau2, tau) != 0 || srw_ci_method_parse(&m.ci, dash + 1) != 0)
        return SRW_EUSAGE;
    *out = m;
    return 0;
}

/* A whole number in [lo, hi], all of s (decimal digits only). */
static int parse_whole(uint64_t *out, const char *s, size_t len, uint64_t lo, uint64_t hi)
{
    if (len == 0 || len > 20)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* A finite number in [lo, hi], all of s[0..len) (no spaces, no hex, no
 * inf or nan); -0 reads as 0, so that a value has one text and one key. */
static int parse_real(double *out, const char *s, size_t len, double lo, double hi)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (strchr("0123456789+-.eE", buf[i]) == NULL)
            return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(buf, &end);
    if (end != buf + len || errno == ERANGE || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v == 0.0 ? 0.0 : v;
    return 0;
}

/* Items of a comma-separated list, in turn: *s at the item, its length;
 * 0 at the end. */
static size_t next_item(const char **s, const char **item)
{
    if (**s == '\0')
        return 0;
    *item = *s;
    const char *comma = strchr(*s, ',');
    size_t len = comma ? (size_t)(comma - *s) : strlen(*s);
    *s += len + (comma != NULL);
    return len == 0 ? (size_t)-1 : len;
}

static int set_k(srw_sim_options *o, const char *v)
{
    unsigned k[SRW_SIM_MAX_K];
    size_t n = 0, len;
    const char *p = v, *item;
    while ((len = next_item(&p, &item)) != 0) {
        uint64_t x;
        if (len == (size_t)-1 || n == SRW_SIM_MAX_K || parse_whole(&x, item, len, 2, SRW_SIM_K_MAX) != 0 ||
            (n > 0 && x <= k[n - 1]))
            return -1;
        k[n++] = (unsigned)x;
    }
    if (n == 0 || v[strlen(v) - 1] == ',')
        return -1;
    memcpy(o->k, k, sizeof k);
    o->n_k = n;
    return 0;
}

static int set_tau2(srw_sim_options *o, const char *v)
{
    double t[SRW_SIM_MAX_TAU2];
    size_t n = 0, len;
    const char *p = v, *item;
    while ((len = next_item(&p, &item)) != 0) {
        if (len == (size_t)-1 || n == SRW_SIM_MAX_TAU2 || parse_real(&t[n], item, len, 0.0, 100.0) != 0 ||
            (n > 0 && t[n] <= t[n - 1]))
            return -1;
        n++;
    }
    if (n == 0 || v[strlen(v) - 1] == ',')
        return -1;
    memcpy(o->tau2, t, sizeof t);
    o->n_tau2 = n;
    return 0;
}

static int set_methods(srw_sim_options *o, const char *v)
{
    srw_sim_method m[SRW_SIM_MAX_METHODS];
    size_t n = 0, len;
    const char *p = v, *item;
    while ((len = next_item(&p, &item)) != 0) {
        char name[32];
        if (len == (size_t)-1 || len >= sizeof name || n == SRW_SIM_MAX_METHODS)
            return -1;
        memcpy(name, item, len);
        name[len] = '\0';
        if (srw_sim_method_parse(&m[n], name) != 0)
            return -1;
        for (size_t j = 0; j < n; j++)
            if (m[j].tau2 == m[n].tau2 && m[j].ci == m[n].ci)
                return -1;
        n++;
    }
    if (n == 0 || v[strlen(v) - 1] == ',')
        return -1;
    memcpy(o->methods, m, sizeof m);
    o->n_methods = n;
    return 0;
}

static int set_n(srw_sim_options *o, const char *v)
{
    const char *dash = strchr(v, '-');
    uint64_t a, b;
    if (dash == NULL) {
        if (parse_whole(&a, v, strlen(v), 2, SRW_SIM_N_MAX) != 0)
            return -1;
        b = a;
    } else if (parse_whole(&a, v, (size_t)(dash - v), 2, SRW_SIM_N_MAX) != 0 ||
               parse_whole(&b, dash + 1, strlen(dash + 1), a, SRW_SIM_N_MAX) != 0) {
        return -1;
    }
    o->n_min = (unsigned)a;
    o->n_max = (unsigned)b;
    return 0;
}

int srw_sim_options_set(srw_sim_options *o, const char *key, const char *value, srw_error *err)
{
    int i = key_index(key);
    if (i < 0)
        return SRW_FAIL(err, SRW_EUSAGE, "no simulation setting is called '%s'", key ? key : "");
    if (value == NULL)
        value = "";
    srw_sim_options t = *o;
    int rc = -1;
    uint64_t u;
    switch (i) {
    case S_MEASURE: {
        /* The option's list of measures, in any letter case (--measure rr). */
        int m = srw_choices_value(srw_choices_of(SRW_CHOICES_MEASURE), value);
        if (m == SRW_MEASURE_MD || m == SRW_MEASURE_SMD || m == SRW_MEASURE_RR || m == SRW_MEASURE_OR)
            t.measure = (srw_measure)m, rc = 0;
        break;
    }
    case S_K: rc = set_k(&t, value); break;
    case S_EFFECT: rc = parse_real(&t.effect, value, strlen(value), -100.0, 100.0); break;
    case S_TAU2: rc = set_tau2(&t, value); break;
    case S_N: rc = set_n(&t, value); break;
    case S_RISK:
        rc = parse_real(&t.baseline_risk, value, strlen(value), 0.0, 1.0);
        if (rc == 0 && !(t.baseline_risk > 0.0 && t.baseline_risk < 1.0))
            rc = -1;
        break;
    case S_REPS:
        if ((rc = parse_whole(&u, value, strlen(value), 1, SRW_SIM_REPS_MAX)) == 0)
            t.reps = u;
        break;
    case S_SEED:
        if ((rc = parse_whole(&u, value, strlen(value), 0, UINT64_MAX)) == 0)
            t.seed = u;
        break;
    case S_METHODS: rc = set_methods(&t, value); break;
    default: break;
    }
    if (rc != 0)
        return bad(err, i, value);
    *o = t;
    return 0;
}

static void put_number(char *buf, size_t n, double v)
{
    char num[64];
    srw_number_text(v, num, sizeof num);
    srw_core__appendf(buf, n, "%s", num);
}

void srw_sim_options_get(char *buf, size_t n, const srw_sim_options *o, const char *key)
{
    if (n == 0)
        return;
    buf[0] = '\0';
    char name[32];
    switch (key_index(key)) {
    case S_MEASURE: srw_core__appendf(buf, n, "%s", srw_measure_name(o->measure) ? srw_measure_name(o->measure) : "?"); break;
    case S_K:
        for (size_t i = 0; i < o->n_k && i < SRW_SIM_MAX_K; i++)
            srw_core__appendf(buf, n, "%s%u", i ? "," : "", o->k[i]);
        break;
    case S_EFFECT: put_number(buf, n, o->effect); break;
    case S_TAU2:
        for (size_t i = 0; i < o->n_tau2 && i < SRW_SIM_MAX_TAU2; i++) {
            srw_core__appendf(buf, n, "%s", i ? "," : "");
            put_number(buf, n, o->tau2[i]);
        }
        break;
    case S_N:
        if (o->n_min == o->n_max)
            srw_core__appendf(buf, n, "%u", o->n_min);
        else
            srw_core__appendf(buf, n, "%u-%u", o->n_min, o->n_max);
        break;
    case S_RISK: put_number(buf, n, o->baseline_risk); break;
    case S_REPS: srw_core__appendf(buf, n, "%" PRIu64, o->reps); break;
    case S_SEED: srw_core__appendf(buf, n, "%" PRIu64, o->seed); break;
    case S_METHODS:
        for (size_t i = 0; i < o->n_methods && i < SRW_SIM_MAX_METHODS; i++) {
            srw_sim_method_name(name, sizeof name, o->methods[i]);
            srw_core__appendf(buf, n, "%s%s", i ? "," : "", name);
        }
        break;
    default: break;
    }
}

int srw_sim_options_check(const srw_sim_options *o, srw_error *err)
{
    if (o == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "no simulation options given");
    /* Each setting must read back from its own text: the text is what the
     * parser checks (and what a partial file holds). */
    char text[SRW_SIM_TEXT_MAX];
    for (int i = 0; i < S_COUNT; i++) {
        srw_sim_options t = *o;
        srw_sim_options_get(text, sizeof text, o, settings[i].key);
        int bounded = (i != S_K || (o->n_k >= 1 && o->n_k <= SRW_SIM_MAX_K)) &&
                      (i != S_TAU2 || (o->n_tau2 >= 1 && o->n_tau2 <= SRW_SIM_MAX_TAU2)) &&
                      (i != S_METHODS || (o->n_methods >= 1 && o->n_methods <= SRW_SIM_MAX_METHODS));
        if (!bounded || srw_sim_options_set(&t, settings[i].key, text, err) != 0 ||
            !srw_sim_options_equal(&t, o))
            return bad(err, i, text);
    }
    /* Scenarios x blocks x methods block sums are kept (see simulate.h). */
    uint64_t blocks = (o->reps + SRW_SIM_BLOCK - 1) / SRW_SIM_BLOCK;
    uint64_t sums = (uint64_t)o->n_k * o->n_tau2 * blocks * o->n_methods;
    if (sums > SRW_SIM_SUMS_MAX)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "--reps %" PRIu64 " with %zu scenarios and %zu methods makes %" PRIu64
                        " blocks of sums to keep, more than %" PRIu64
                        ": run fewer replications, or fewer scenarios or methods at a time",
                        o->reps, o->n_k * o->n_tau2, o->n_methods, sums, (uint64_t)SRW_SIM_SUMS_MAX);
    return 0;
}

int srw_sim_options_equal(const srw_sim_options *a, const srw_sim_options *b)
{
    if (a->measure != b->measure || a->n_k != b->n_k || a->n_tau2 != b->n_tau2 || a->n_min != b->n_min ||
        a->n_max != b->n_max || a->reps != b->reps || a->seed != b->seed || a->n_methods != b->n_methods ||
        memcmp(&a->effect, &b->effect, sizeof a->effect) != 0 ||
        memcmp(&a->baseline_risk, &b->baseline_risk, sizeof a->baseline_risk) != 0)
        return 0;
    for (size_t i = 0; i < a->n_k && i < SRW_SIM_MAX_K; i++)
        if (a->k[i] != b->k[i])
            return 0;
    for (size_t i = 0; i < a->n_tau2 && i < SRW_SIM_MAX_TAU2; i++)
        if (memcmp(&a->tau2[i], &b->tau2[i], sizeof a->tau2[i]) != 0)
            return 0;
    for (size_t i = 0; i < a->n_methods && i < SRW_SIM_MAX_METHODS; i++)
        if (a->methods[i].tau2 != b->methods[i].tau2 || a->methods[i].ci != b->methods[i].ci)
            return 0;
    return 1;
}
