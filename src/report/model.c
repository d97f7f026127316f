/* Builds the report's model (model.h) from the store: one analysis, GRADE
 * assessment and published comparison per outcome, the verdict and its
 * basis per use, the living update.  All statistics come from core. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/model.h"
#include "srw/entry.h"

const char rp_decision_rule[] =
    "Supported: the pooled effect favours the intervention, its confidence interval excludes no "
    "effect, the point estimate reaches the minimal important difference (MID) and the certainty of "
    "the evidence (GRADE) is moderate or high. Not supported: certainty at least low and the "
    "confidence interval excludes a benefit as large as the MID, or certainty moderate or high and "
    "the interval includes no effect. Insufficient evidence: anything else, including no data. "
    "The verdict rests on srw's own pooled analysis of the primary outcome when it includes at least "
    "as many participants as the largest published pooled result for that outcome; otherwise on that "
    "published result (its estimate, confidence interval and certainty as published). Published "
    "results are never pooled with trials and never counted as studies.";

static char *dup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

double rp_participants(const srw_pooled *p)
{
    double n = 0;
    if (isfinite(p->exp_total))
        n += p->exp_total;
    if (isfinite(p->ctl_total))
        n += p->ctl_total;
    return n > 0 ? n : NAN;
}

void rp_forest_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o)
{
    snprintf(buf, n, "%s-%s-forest.svg", u->slug, o->slug);
}

void rp_funnel_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o)
{
    snprintf(buf, n, "%s-%s-funnel.svg", u->slug, o->slug);
}

void rp_rob_name(char *buf, size_t n, const rp_use *u)
{
    snprintf(buf, n, "%s-rob.svg", u->slug);
}

size_t rp_settings(const srw_pool_options *o, const char *names[], char values[][64], size_t max)
{
    size_t n = 0;
#define SET(name, ...)                                                                             \
    do {                                                                                           \
        if (n < max) {                                                                             \
            names[n] = name;                                                                       \
            snprintf(values[n], 64, __VA_ARGS__);                                                  \
            n++;                                                                                   \
        }                                                                                          \
    } while (0)
    SET("profile", "%s", srw_profile_name(o->profile));
    SET("measure", "%s", srw_measure_name(o->measure));
    if (o->measure == SRW_MEASURE_SMD)
        SET("smd", "%s", srw_smd_method_name(o->smd));
    SET("model", "%s", srw_model_name(o->model));
    SET("method", "%s", srw_method_name(o->method));
    if (o->model == SRW_MODEL_RANDOM)
        SET("tau2", "%s", srw_tau2_method_name(o->tau2));
    SET("ci", "%s", srw_ci_method_name(o->ci));
    SET("level", "%g%%", o->level);
#undef SET
    return n;
}

size_t rp_given_settings(const srw_pool_options *o, const char *names[], char values[][64], size_t max)
{
    const srw_pool_options init = SRW_POOL_OPTIONS_INIT;
    size_t n = 0;
#define SET(name, ...)                                                                             \
    do {                                                                                           \
        if (n < max) {                                                                             \
            names[n] = name;                                                                       \
            snprintf(values[n], 64, __VA_ARGS__);                                                  \
            n++;                                                                                   \
        }                                                                                          \
    } while (0)
    if (o->measure != init.measure)
        SET("measure", "%s", srw_measure_name(o->measure));
    if (o->smd != init.smd)
        SET("smd", "%s", srw_smd_method_name(o->smd));
    if (o->model != init.model)
        SET("model", "%s", srw_model_name(o->model));
    if (o->method != init.method)
        SET("method", "%s", srw_method_name(o->method));
    if (o->tau2 != init.tau2)
        SET("tau2", "%s", srw_tau2_method_name(o->tau2));
    if (o->ci != init.ci)
        SET("ci", "%s", srw_ci_method_name(o->ci));
    if (o->level != init.level)
        SET("level", "%g%%", o->level);
    if (o->max_iter != init.max_iter)
        SET("max-iter", "%d", o->max_iter);
#undef SET
    return n;
}

/* ------------------------------------------------------------------ MID */

/* The MID on the analysis scale of measure m, and where it came from. */
static double choose_mid(char *text, size_t n, const srw_use_info *u, const srw_outcome_data *d, srw_measure m)
{
    int ratio = srw_measure_is_ratio(m);
    const char *mname = srw_measure_name(m);
    if (u && isfinite(u->mid) && u->mid > 0 && u->mid_measure && mname && strcasecmp(u->mid_measure, mname) == 0) {
        double v = ratio ? fabs(log(u->mid)) : u->mid;
        if (v > 0 && isfinite(v)) {
            snprintf(text, n, "%s %g from the use's settings (%s)", mname, u->mid,
                     u->mid_source ? u->mid_source : "source not stated");
            return v;
        }
    }
    if (d && m == SRW_MEASURE_MD && isfinite(d->mid) && d->mid > 0) {
        snprintf(text, n, "%g%s%s in the outcome's natural units, from its records (%s)", d->mid, d->unit ? " " : "",
                 "", d->mid_source ? d->mid_source : "source not stated");
        return d->mid;
    }
    const char *why = NULL;
    double v = srw_grade_default_mid(m, NULL, &why);
    snprintf(text, n, "%s", why ? why : "no MID");
    return v;
}

/* --------------------------------------------------------------- outcome */

static void rob_rows(srw_rob_judgement (*rob)[SRW_ROB_N], const srw_outcome_data *d, const size_t *idx, size_t k)
{
    for (size_t i = 0; i < k; i++)
        memcpy(rob[i], d->info[idx ? idx[i] : i].rob, sizeof rob[i]);
}

static int grade_one(srw_grade *g, const srw_analysis *a, const srw_outcome_data *d, const size_t *idx,
                     double mid, char *errbuf, size_t errn, srw_error *err)
{
    size_t k = a->n_studies;
    srw_rob_judgement(*rob)[SRW_ROB_N] = calloc(k ? k : 1, sizeof *rob);
    if (rob == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    rob_rows(rob, d, idx, k);
    srw_grade_input in;
    memset(&in, 0, sizeof in);
    in.analysis = a;
    in.rob = (const srw_rob_judgement(*)[SRW_ROB_N])rob;
    in.direction = d->direction;
    in.mid = d->direction == SRW_DIR_UNSET ? NAN : mid;
    in.indirectness = d->indirectness;
    in.indirectness_reason = d->indirectness_reason;
    /* The reviewer's overrides, stored by domain key. */
    srw_grade_override ov[SRW_GRADE_N];
    size_t n_ov = 0;
    for (size_t i = 0; i < d->n_overrides && n_ov < SRW_GRADE_N; i++)
        for (int k2 = 0; k2 < SRW_GRADE_N; k2++)
            if (strcmp(d->overrides[i].domain, srw_grade_domain_key((srw_grade_domain)k2)) == 0) {
                ov[n_ov].domain = (srw_grade_domain)k2;
                ov[n_ov].downgrade = d->overrides[i].downgrade;
                ov[n_ov].reason = d->overrides[i].reason;
                n_ov++;
            }
    in.overrides = ov;
    in.n_overrides = n_ov;
    srw_error e;
    srw_error_clear(&e);
    int rc = srw_grade_assess(g, &in, &e);
    free(rob);
    if (rc != 0) {
        if (rc == SRW_ENOMEM)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        snprintf(errbuf, errn, "%s", e.message);
        return 1; /* not assessed: reported, not fatal */
    }
    return 0;
}

static int year_of(const char *date)
{
    if (date == NULL || strlen(date) < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)date[i]))
            return 0;
    return atoi(date);
}

static int analyse_outcome(rp_outcome *o, const srw_use_info *u, const srw_report_options *ro, srw_error *err)
{
    srw_pool_options opts = ro->pool;
    if (opts.measure == SRW_MEASURE_DEFAULT && o->d.measure != NULL)
        opts.measure = srw_measure_parse(o->d.measure);
    srw_error e;
    srw_error_clear(&e);
    if (o->d.set.k == 0) {
        snprintf(o->analysis_error, sizeof o->analysis_error, "srw holds no trial data for this outcome");
        return 0;
    }
    int rc = srw_analysis_run(&o->a, &o->d.set, &opts, &e);
    if (rc == SRW_ENOMEM)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc != 0) {
        snprintf(o->analysis_error, sizeof o->analysis_error, "%s", e.message);
        return 0;
    }
    o->analysed = 1;
    o->mid = choose_mid(o->mid_text, sizeof o->mid_text, u, &o->d, o->a.opts.measure);
    rc = grade_one(&o->g, &o->a, &o->d, NULL, o->mid, o->grade_error, sizeof o->grade_error, err);
    if (rc < 0)
        return rc;
    o->graded = rc == 0;
    o->has_funnel = o->a.overall.k >= 10;
    return 0;
}

static void verdict_from(srw_verdict_result *v, const srw_analysis *a, const srw_grade *g, int graded,
                         srw_direction dir, double mid)
{
    srw_verdict_input in;
    memset(&in, 0, sizeof in);
    /* The interval GRADE judges too (srw_pooled: ci_lower_wide). */
    int modified = srw_pooled_hksj_narrower(&a->overall);
    in.estimate = a->overall.estimate;
    in.ci_lower = modified ? a->overall.ci_lower_wide : a->overall.ci_lower;
    in.ci_upper = modified ? a->overall.ci_upper_wide : a->overall.ci_upper;
    in.direction = dir;
    in.mid = mid;
    in.certainty = graded ? g->certainty : SRW_CERTAINTY_NONE;
    in.k = a->overall.k;
    srw_error e;
    srw_error_clear(&e);
    if (srw_verdict_decide(v, &in, &e) != 0) {
        memset(v, 0, sizeof *v);
        v->verdict = SRW_VERDICT_INSUFFICIENT;
        snprintf(v->reason, sizeof v->reason, "Insufficient evidence: %s.", e.message);
    } else if (modified) {
        size_t len = strlen(v->reason);
        snprintf(v->reason + len, sizeof v->reason - len,
                 " Judged on the Wald interval: the HKSJ one (variance factor %.2f) is narrower.",
                 a->overall.hksj_factor);
    }
}

/* The published result with the latest search date among n (NULL if none
 * has a date). */
static const srw_published *latest_search(const srw_published *const *p, size_t n)
{
    const srw_published *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (year_of(p[i]->search_date) > 0 && (best == NULL || strcmp(p[i]->search_date, best->search_date) > 0))
            best = p[i];
    return best;
}

/* Trials after the latest review's search date, and srw without them.  The
 * review is the outcome's own when it has a dated published result, else the
 * use's latest-searched review: a trial published after the search belongs in
 * "since the review" even when it reports an outcome the review did not pool. */
static int living(rp_outcome *o, const srw_published *use_review, srw_error *err)
{
    rp_living *L = &o->living;
    const srw_published *own[64];
    size_t n_own = 0;
    for (size_t i = 0; i < o->n_pub && n_own < 64; i++)
        own[n_own++] = o->pub[i].p;
    L->review = latest_search(own, n_own);
    L->use_level = L->review == NULL && use_review != NULL;
    if (L->review == NULL)
        L->review = use_review;
    if (L->review != NULL)
        L->search_year = year_of(L->review->search_date);
    if (L->review == NULL || !o->analysed)
        return 0;
    L->present = 1;
    size_t k = o->d.set.k, n_old = 0;
    size_t *idx = calloc(k ? k : 1, sizeof *idx);
    srw_study_row *rows = calloc(k ? k : 1, sizeof *rows);
    int rc = 0;
    if (idx == NULL || rows == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        if (o->d.info[i].year > L->search_year) {
            size_t len = strlen(L->new_studies);
            snprintf(L->new_studies + len, sizeof L->new_studies - len, "%s%s", L->n_new ? ", " : "", o->d.rows[i].study);
            L->n_new++;
        } else {
            idx[n_old] = i;
            rows[n_old++] = o->d.rows[i];
        }
    }
    if (L->n_new == 0 || n_old == 0)
        goto done;
    srw_study_set set = {o->d.set.type, n_old, rows};
    srw_error e;
    srw_error_clear(&e);
    rc = srw_analysis_run(&L->without, &set, &o->a.opts, &e);
    if (rc == SRW_ENOMEM) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    L->has_without = rc == 0;
    rc = 0;
    if (L->has_without && o->is_primary) {
        srw_grade g;
        char gerr[512] = "";
        int gr = grade_one(&g, &L->without, &o->d, idx, o->mid, gerr, sizeof gerr, err);
        if (gr < 0) {
            rc = gr;
            goto done;
        }
        verdict_from(&L->with_v, &o->a, &o->g, o->graded, o->d.direction, o->mid);
        verdict_from(&L->without_v, &L->without, &g, gr == 0, o->d.direction, o->mid);
        L->verdicts = 1;
    }
done:
    free(idx);
    free(rows);
    return rc;
}

/* ------------------------------------------------------------------- use */

/* "Cochrane CD008626" when the review cites a Cochrane review number. */
static void review_short(char *buf, size_t n, const srw_published *p)
{
    const char *srcs[] = {p->version, p->review, p->source};
    for (size_t i = 0; i < 3; i++) {
        const char *c = srcs[i] ? strstr(srcs[i], "CD0") : NULL;
        if (c) {
            size_t len = 2;
            while (isdigit((unsigned char)c[len]))
                len++;
            snprintf(buf, n, "Cochrane %.*s", (int)len, c);
            return;
        }
    }
    snprintf(buf, n, "%.120s", p->version ? p->version : p->review);
}

static void decide(rp_use *u)
{
    u->k = -1;
    u->participants = NAN;
    u->estimate = u->ci_lower = u->ci_upper = NAN;
    u->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
    if (u->primary < 0) {
        snprintf(u->verdict.reason, sizeof u->verdict.reason,
                 "Insufficient evidence: no data. The use names no primary outcome (studies/uses.csv).");
        snprintf(u->basis_text, sizeof u->basis_text, "no primary outcome is set for this use");
        return;
    }
    rp_outcome *o = &u->outcomes[u->primary];
    const srw_published *best = NULL;
    for (size_t i = 0; i < o->n_pub; i++)
        if (best == NULL || o->pub[i].p->participants > best->participants)
            best = o->pub[i].p;
    u->basis_pub = best;
    double srw_n = o->analysed && o->a.overall.k > 0 ? rp_participants(&o->a.overall) : NAN;
    size_t srw_trials = o->loaded ? o->d.set.k : 0;
    char rs[160] = "";
    if (best)
        review_short(rs, sizeof rs, best);
    if (o->analysed && o->a.overall.k > 0 && (best == NULL || (isfinite(srw_n) && srw_n >= (double)best->participants))) {
        u->basis = RP_BASIS_SRW;
        const srw_pooled *p = &o->a.overall;
        u->ratio = srw_measure_is_ratio(o->a.opts.measure);
        u->measure = srw_measure_name(o->a.opts.measure);
        u->estimate = p->estimate;
        u->ci_lower = p->ci_lower;
        u->ci_upper = p->ci_upper;
        u->k = (long)p->k;
        u->participants = srw_n;
        u->certainty = o->graded ? o->g.certainty : SRW_CERTAINTY_NONE;
        verdict_from(&u->verdict, &o->a, &o->g, o->graded, o->d.direction, o->mid);
        int len = snprintf(u->basis_text, sizeof u->basis_text,
                           "based on srw's own pooled analysis of %zu %s, %.0f participants", p->k,
                           p->k == 1 ? "trial" : "trials", isfinite(srw_n) ? srw_n : 0.0);
        if (best && len > 0 && (size_t)len < sizeof u->basis_text)
            snprintf(u->basis_text + len, sizeof u->basis_text - (size_t)len,
                     " (at least as many participants as the largest published pooled result, %s, %ld participants)",
                     rs, best->participants);
        else if (len > 0 && (size_t)len < sizeof u->basis_text)
            snprintf(u->basis_text + len, sizeof u->basis_text - (size_t)len,
                     "; no published pooled result exists for this outcome");
        snprintf(u->certainty_source, sizeof u->certainty_source, "srw's own GRADE assessment");
        snprintf(u->mid_text, sizeof u->mid_text, "%s", o->mid_text);
        return;
    }
    if (best != NULL) {
        u->basis = RP_BASIS_PUBLISHED;
        srw_measure m = srw_measure_parse(best->measure);
        u->ratio = srw_measure_is_ratio(m);
        u->measure = best->measure;
        double lg = u->ratio ? log(best->estimate) : best->estimate;
        double ll = u->ratio ? log(best->ci_lower) : best->ci_lower;
        double lu = u->ratio ? log(best->ci_upper) : best->ci_upper;
        u->estimate = lg;
        u->ci_lower = ll;
        u->ci_upper = lu;
        u->k = best->trials;
        u->participants = best->participants >= 0 ? (double)best->participants : NAN;
        u->certainty = srw_certainty_parse(best->certainty);
        srw_direction dir = best->direction != SRW_DIR_UNSET ? best->direction : o->loaded ? o->d.direction : SRW_DIR_UNSET;
        double mid = choose_mid(u->mid_text, sizeof u->mid_text, &u->info, NULL, m);
        srw_verdict_input in;
        memset(&in, 0, sizeof in);
        in.estimate = lg;
        in.ci_lower = ll;
        in.ci_upper = lu;
        in.direction = dir;
        in.mid = mid;
        in.certainty = u->certainty;
        in.k = best->trials > 0 ? (size_t)best->trials : 0;
        srw_error e;
        srw_error_clear(&e);
        if (srw_verdict_decide(&u->verdict, &in, &e) != 0) {
            u->verdict.verdict = SRW_VERDICT_INSUFFICIENT;
            snprintf(u->verdict.reason, sizeof u->verdict.reason, "Insufficient evidence: %s.", e.message);
        }
        char trials[40] = "", parts[40] = "";
        if (best->trials >= 0)
            snprintf(trials, sizeof trials, ", %ld %s", best->trials, best->trials == 1 ? "trial" : "trials");
        if (best->participants >= 0)
            snprintf(parts, sizeof parts, ", %ld participants", best->participants);
        snprintf(u->basis_text, sizeof u->basis_text,
                 "based on the published pooled result of %s%s%s; srw holds trial data for %zu of them", rs, trials,
                 parts, srw_trials);
        snprintf(u->certainty_source, sizeof u->certainty_source,
                 "certainty as published by the review (%s), not srw's own GRADE assessment", best->certainty ? best->certainty : "not stated");
        return;
    }
    snprintf(u->verdict.reason, sizeof u->verdict.reason,
             "Insufficient evidence: no data. srw holds no trial data for the primary outcome and there is no "
             "published pooled result for it.");
    snprintf(u->basis_text, sizeof u->basis_text, "no data: no trial data and no published pooled result");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_name(char ***names, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*names)[i], s) == 0)
            return 0;
    char **p = realloc(*names, (*n + 1) * sizeof *p);
    if (p == NULL)
        return -1;
    *names = p;
    if ((p[*n] = dup(s)) == NULL)
        return -1;
    (*n)++;
    return 0;
}

static int rob_summary(rp_use *u)
{
    size_t cap = 0;
    for (size_t i = 0; i < u->n_outcomes; i++)
        if (u->outcomes[i].loaded)
            cap += u->outcomes[i].d.set.k;
    u->rob_studies = calloc(cap ? cap : 1, sizeof *u->rob_studies);
    u->rob = calloc(cap ? cap : 1, sizeof *u->rob);
    if (u->rob_studies == NULL || u->rob == NULL)
        return -1;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        for (size_t r = 0; o->loaded && r < o->d.set.k; r++) {
            const char *name = o->d.rows[r].study;
            size_t j = 0;
            while (j < u->n_rob && strcmp(u->rob_studies[j], name) != 0)
                j++;
            if (j == u->n_rob) {
                u->rob_studies[u->n_rob] = name;
                memcpy(u->rob[u->n_rob], o->d.info[r].rob, sizeof u->rob[0]);
                u->n_rob++;
            }
            for (int k = 0; k < SRW_ROB_N; k++)
                if (o->d.info[r].rob[k] != SRW_ROB_UNSET)
                    u->any_rob = 1;
        }
    }
    /* sort by study label (insertion sort keeps it dependency-free) */
    for (size_t i = 1; i < u->n_rob; i++)
        for (size_t j = i; j > 0 && strcmp(u->rob_studies[j - 1], u->rob_studies[j]) > 0; j--) {
            const char *t = u->rob_studies[j];
            u->rob_studies[j] = u->rob_studies[j - 1];
            u->rob_studies[j - 1] = t;
            srw_rob_judgement tmp[SRW_ROB_N];
            memcpy(tmp, u->rob[j], sizeof tmp);
            memcpy(u->rob[j], u->rob[j - 1], sizeof tmp);
            memcpy(u->rob[j - 1], tmp, sizeof tmp);
        }
    return 0;
}

/* The warnings srw list shows, for the versions that enter the analysis. */
static int outcome_warnings(rp_outcome *o, srw_store *s, const char *use, srw_error *err)
{
    for (size_t i = 0; i < o->d.set.k; i++) {
        const char *study = o->d.rows[i].study;
        char w[1000];
        int rc = srw_store_record_warnings(s, use, o->name, study, NULL, w, sizeof w, err);
        if (rc < 0)
            return rc;
        if (w[0] == '\0')
            continue;
        size_t len = strlen(study) + strlen(w) + 3;
        char **p = realloc(o->warnings, (o->n_warnings + 1) * sizeof *p);
        if (p == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        o->warnings = p;
        if ((p[o->n_warnings] = malloc(len)) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        snprintf(p[o->n_warnings++], len, "%s: %s", study, w);
    }
    return 0;
}

static int build_use(rp_use *u, srw_store *s, const char *name, const srw_report_options *ro, srw_error *err)
{
    srw_name_list stored = {0};
    char **names = NULL;
    size_t n = 0;
    int rc;
    u->primary = -1;
    if ((u->name = dup(name)) == NULL)
        goto oom;
    srw_report_slug(u->slug, sizeof u->slug, name);
    if ((rc = srw_store_load_use(s, name, &u->info, err)) != 0)
        goto done;
    if ((rc = srw_store_load_published(s, name, NULL, &u->published, err)) != 0)
        goto done;
    if ((rc = srw_store_outcome_names(s, name, &stored, err)) != 0)
        goto done;
    for (size_t i = 0; i < stored.n; i++)
        if (add_name(&names, &n, stored.names[i]) != 0)
            goto oom;
    for (size_t i = 0; i < u->published.n; i++)
        if (add_name(&names, &n, u->published.items[i].outcome) != 0)
            goto oom;
    if (u->info.primary_outcome && add_name(&names, &n, u->info.primary_outcome) != 0)
        goto oom;
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    u->outcomes = calloc(n ? n : 1, sizeof *u->outcomes);
    if (u->outcomes == NULL)
        goto oom;
    /* primary first, then by name */
    size_t at = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if (names[i] == NULL)
                continue;
            int is_p = u->info.primary_outcome && strcmp(names[i], u->info.primary_outcome) == 0;
            if ((pass == 0) != is_p)
                continue;
            rp_outcome *o = &u->outcomes[at];
            o->name = names[i];
            names[i] = NULL;
            o->is_primary = is_p;
            o->mid = NAN;
            if (is_p)
                u->primary = (int)at;
            at++;
        }
    u->n_outcomes = at;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        rp_outcome *o = &u->outcomes[i];
        /* slug, unique within the use */
        char base[64];
        srw_report_slug(base, 48, o->name);
        snprintf(o->slug, sizeof o->slug, "%.48s", base);
        for (int dupn = 2;; dupn++) {
            size_t j = 0;
            while (j < i && strcmp(u->outcomes[j].slug, o->slug) != 0)
                j++;
            if (j == i)
                break;
            snprintf(o->slug, sizeof o->slug, "%.48s-%d", base, dupn);
        }
        int in_store = 0;
        for (size_t j = 0; j < stored.n; j++)
            in_store |= strcmp(stored.names[j], o->name) == 0;
        if (in_store) {
            if ((rc = srw_store_load_outcome(s, name, o->name, &o->d, err)) != 0)
                goto done;
            o->loaded = 1;
            if ((rc = outcome_warnings(o, s, name, err)) != 0)
                goto done;
            if ((rc = analyse_outcome(o, &u->info, ro, err)) != 0)
                goto done;
        } else {
            snprintf(o->analysis_error, sizeof o->analysis_error, "srw holds no trial data for this outcome");
        }
        for (size_t j = 0; j < u->published.n; j++)
            o->n_pub += strcmp(u->published.items[j].outcome, o->name) == 0;
        o->pub = calloc(o->n_pub ? o->n_pub : 1, sizeof *o->pub);
        if (o->pub == NULL)
            goto oom;
        size_t pi = 0;
        for (size_t j = 0; j < u->published.n; j++) {
            if (strcmp(u->published.items[j].outcome, o->name) != 0)
                continue;
            rp_published *rp = &o->pub[pi++];
            rp->p = &u->published.items[j];
            srw_error e;
            srw_error_clear(&e);
            rp->compared = srw_published_compare(&rp->cmp, rp->p, o->analysed ? &o->a : NULL, &e) == 0;
            if (!rp->compared)
                snprintf(rp->cmp.reason, sizeof rp->cmp.reason, "%.390s", e.message);
        }
    }
    {
        /* the use's latest-searched review, for outcomes it did not pool */
        const srw_published **all = calloc(u->published.n ? u->published.n : 1, sizeof *all);
        if (all == NULL)
            goto oom;
        for (size_t j = 0; j < u->published.n; j++)
            all[j] = &u->published.items[j];
        const srw_published *use_review = latest_search(all, u->published.n);
        free(all);
        for (size_t i = 0; i < u->n_outcomes; i++)
            if ((rc = living(&u->outcomes[i], use_review, err)) != 0)
                goto done;
    }
    decide(u);
    if (rob_summary(u) != 0)
        goto oom;
    rc = 0;
    goto done;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
done:
    for (size_t i = 0; i < n; i++)
        free(names ? names[i] : NULL);
    free(names);
    srw_name_list_dispose(&stored);
    return rc;
}

int rp_build(rp_report *out, srw_store *s, const srw_report_options *o, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->opts = *o;
    srw_name_list uses = {0};
    int rc = srw_report_data_sha256(out->sha256, s, err);
    if (rc == 0)
        rc = srw_store_use_names(s, &uses, err);
    if (rc != 0)
        goto done;
    size_t n = uses.n;
    if (o->use != NULL) {
        size_t i = 0;
        while (i < uses.n && strcmp(uses.names[i], o->use) != 0)
            i++;
        if (i == uses.n) {
            rc = SRW_FAIL(err, SRW_ENOTFOUND, "no use '%s' in the review (run `srw list uses`)", o->use);
            goto done;
        }
        n = 1;
    }
    out->uses = calloc(n ? n : 1, sizeof *out->uses);
    if (out->uses == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < uses.n && rc == 0; i++) {
        if (o->use != NULL && strcmp(uses.names[i], o->use) != 0)
            continue;
        rc = build_use(&out->uses[out->n_uses++], s, uses.names[i], o, err);
    }
done:
    srw_name_list_dispose(&uses);
    if (rc != 0)
        rp_dispose(out);
    return rc;
}

void rp_dispose(rp_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n_uses; i++) {
        rp_use *u = &r->uses[i];
        for (size_t j = 0; j < u->n_outcomes; j++) {
            rp_outcome *o = &u->outcomes[j];
            free(o->name);
            srw_outcome_data_dispose(&o->d);
            srw_analysis_dispose(&o->a);
            srw_analysis_dispose(&o->living.without);
            free(o->pub);
            for (size_t k = 0; k < o->n_warnings; k++)
                free(o->warnings[k]);
            free(o->warnings);
        }
        free(u->outcomes);
        free(u->name);
        srw_use_info_dispose(&u->info);
        srw_published_list_dispose(&u->published);
        free(u->rob_studies);
        free(u->rob);
    }
    free(r->uses);
    memset(r, 0, sizeof *r);
}
