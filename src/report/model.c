/* Gathers the report's model (model.h): loads each use's outcomes, settings
 * and published results from the store and has core assess each outcome
 * (srw_assess_outcome: analysis, GRADE, MID, published comparisons, living
 * update, the primary outcome's verdict and basis).  Nothing is decided
 * here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/model.h"
#include "srw/entry.h"
#include "util/grow.h"
#include "util/strmap.h"

const char rp_decision_rule[] =
    "The verdict reads the primary outcome's GRADE certainty and where its effect lies against the minimal "
    "important difference (MID), GRADE's minimally contextualised approach (Zeng et al., GRADE guidance 34, "
    "J Clin Epidemiol 2022;150:216). Supported: moderate or high certainty of an important benefit (the point "
    "estimate reaches the MID) whose whole confidence interval lies on the side of benefit. Not supported: "
    "moderate or high "
    "certainty that any benefit is smaller than important: the interval excludes an important benefit (this "
    "includes little to no difference and net harm). Insufficient evidence: everything else, including low or "
    "very low certainty, an interval that spans both no effect and an important benefit, and no data. "
    "Imprecision is judged against the same thresholds (an interval of trivial effects only is precise). "
    "Each outcome's statement is GRADE's (Santesso et al., GRADE guidelines 26, J Clin Epidemiol 2020;119:126). "
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

void rp_forest_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o)
{
    (void)u; /* the outcome's stem holds the use's */
    snprintf(buf, n, "%s-forest.svg", o->slug);
}

void rp_funnel_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o)
{
    (void)u;
    snprintf(buf, n, "%s-funnel.svg", o->slug);
}

void rp_rob_name(char *buf, size_t n, const rp_use *u, const char *figure)
{
    snprintf(buf, n, "%s-%s.svg", u->slug, figure);
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
    /* The zero-cell rule, where cells can be zero; the multi-arm rule. */
    if (srw_measure_fits_type(o->measure, SRW_TYPE_DICHOTOMOUS)) {
        char cc[32];
        srw_cc_text(cc, sizeof cc, o);
        SET("cc", "%s", cc);
        SET("double-zero", "%s", srw_double_zero_name(o->double_zero));
    }
    SET("multi-arm", "%s", srw_multi_arm_name(o->multi_arm));
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
    if (o->totals != init.totals)
        SET("total", "%s", srw_totals_text(o->totals));
    if (o->cc != init.cc || o->cc_value != init.cc_value) {
        char cc[32];
        srw_cc_text(cc, sizeof cc, o);
        SET("cc", "%s", cc);
    }
    if (o->double_zero != init.double_zero)
        SET("double-zero", "%s", srw_double_zero_name(o->double_zero));
    if (o->multi_arm != init.multi_arm)
        SET("multi-arm", "%s", srw_multi_arm_name(o->multi_arm));
#undef SET
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The use's distinct studies with their RoB 1 judgements, by label (the
 * first outcome's row of each study gives them: a study's judgements are
 * the study's, the same in every outcome). */
static int rob_summary(rp_use *u)
{
    size_t cap = 0;
    for (size_t i = 0; i < u->n_outcomes; i++)
        if (u->outcomes[i].loaded)
            cap += u->outcomes[i].d.set.k;
    u->rob_studies = calloc(cap ? cap : 1, sizeof *u->rob_studies);
    u->rob = calloc(cap ? cap : 1, sizeof *u->rob);
    const srw_rob_judgement **first = calloc(cap ? cap : 1, sizeof *first);
    srw_strmap seen = {0};
    int rc = u->rob_studies == NULL || u->rob == NULL || first == NULL ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        for (size_t r = 0; rc == 0 && o->loaded && r < o->d.set.k; r++) {
            const char *name = o->d.rows[r].study;
            size_t at;
            int added = srw_strmap_add(&seen, name, u->n_rob, &at);
            if (added < 0)
                rc = -1;
            else if (added) {
                u->rob_studies[u->n_rob] = name;
                first[u->n_rob++] = o->d.info[r].rob;
            }
            for (int k = 0; k < SRW_ROB_N; k++)
                if (o->d.info[r].rob[k] != SRW_ROB_UNSET)
                    u->any_rob = 1;
        }
    }
    if (rc == 0) {
        /* by label; the labels are distinct */
        const char **sorted = u->rob_studies;
        qsort(sorted, u->n_rob, sizeof *sorted, cmp_str);
        for (size_t j = 0; j < u->n_rob; j++) {
            size_t at = 0;
            srw_strmap_get(&seen, sorted[j], &at);
            memcpy(u->rob[j], first[at], sizeof u->rob[0]);
        }
    }
    srw_strmap_dispose(&seen);
    free(first);
    return rc;
}

/* The results RoB 2 judges: every study of each outcome where any has a
 * RoB 2 judgement (GRADE judges such an outcome with RoB 2), in the use's
 * order of outcomes and the outcome's order of studies. */
static int rob2_summary(rp_use *u)
{
    size_t cap = 0;
    for (size_t i = 0; i < u->n_outcomes; i++)
        if (u->outcomes[i].loaded)
            cap += u->outcomes[i].d.set.k;
    u->rob2_outcomes = calloc(cap ? cap : 1, sizeof *u->rob2_outcomes);
    u->rob2_studies = calloc(cap ? cap : 1, sizeof *u->rob2_studies);
    u->rob2 = calloc(cap ? cap : 1, sizeof *u->rob2);
    if (u->rob2_outcomes == NULL || u->rob2_studies == NULL || u->rob2 == NULL)
        return -1;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        int any = 0;
        for (size_t r = 0; o->loaded && r < o->d.set.k; r++)
            for (int k = 0; k < SRW_ROB2_ITEMS; k++)
                any |= o->d.info[r].rob2[k] != SRW_ROB2_UNSET;
        for (size_t r = 0; any && r < o->d.set.k; r++) {
            u->rob2_outcomes[u->n_rob2] = o->name;
            u->rob2_studies[u->n_rob2] = o->d.rows[r].study;
            memcpy(u->rob2[u->n_rob2], o->d.info[r].rob2, sizeof u->rob2[0]);
            u->n_rob2++;
        }
    }
    return 0;
}

/* The warnings srw list shows, for the versions that enter the analysis
 * ("Study: field: text; ..."), in the order of the studies. */
static int outcome_warnings(rp_outcome *o, srw_store_scan *sc, srw_error *err)
{
    size_t k = o->d.set.k;
    char **w = calloc(k ? k : 1, sizeof *w);
    if (w == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    int rc = srw_store_scan_warnings(sc, &o->d, w, err);
    for (size_t i = 0; rc == 0 && i < k; i++) {
        if (w[i] == NULL)
            continue;
        const char *study = o->d.rows[i].study;
        size_t len = strlen(study) + strlen(w[i]) + 3;
        char **p = realloc(o->warnings, (o->n_warnings + 1) * sizeof *p);
        if (p == NULL || (p[o->n_warnings] = malloc(len)) == NULL) {
            if (p)
                o->warnings = p;
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        o->warnings = p;
        snprintf(p[o->n_warnings++], len, "%s: %s", study, w[i]);
    }
    for (size_t i = 0; i < k; i++)
        free(w[i]);
    free(w);
    return rc;
}

/* Progress through the stage "assessing": one more outcome done. */
static void assessed(rp_build_state *b)
{
    b->done++;
    if (b->opts->progress)
        b->opts->progress(b->opts->progress_ctx, "assessing", b->done, b->total);
}

/* The use the scan is at: its outcomes (the stored ones, those with only
 * published results and the primary outcome), each assessed by core. */
static int build_use(rp_use *u, srw_store_scan *sc, rp_build_state *bs, srw_error *err)
{
    const srw_report_options *ro = bs->opts;
    char **names = NULL;
    rp_outcome *stored = NULL;
    size_t n = 0, n_stored = 0, cap_stored = 0, cap_names = 0;
    srw_strmap known = {0};
    int rc;
    u->primary = -1;
    /* The stored outcomes, in name order, each with its warnings. */
    for (;;) {
        if (srw_grow((void **)&stored, n_stored, &cap_stored, sizeof *stored) != 0)
            goto oom;
        rp_outcome *o = &stored[n_stored];
        memset(o, 0, sizeof *o);
        if ((rc = srw_store_scan_outcome(sc, &o->d, err)) <= 0)
            break;
        n_stored++;
        o->loaded = 1;
        if ((rc = outcome_warnings(o, sc, err)) != 0)
            goto done;
    }
    if (rc < 0)
        goto done;
    /* Every name once: the stored ones, the published results' and the
     * primary outcome. */
    for (size_t i = 0; i < n_stored + u->published.n + 1; i++) {
        const char *name = i < n_stored ? stored[i].d.outcome
                           : i < n_stored + u->published.n ? u->published.items[i - n_stored].outcome
                                                            : u->info.primary_outcome;
        size_t at;
        int added = name ? srw_strmap_add(&known, name, i, &at) : 0;
        if (added < 0)
            goto oom;
        if (!added)
            continue;
        if (srw_grow((void **)&names, n, &cap_names, sizeof *names) != 0 || (names[n] = dup(name)) == NULL)
            goto oom;
        n++;
    }
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
            if (is_p)
                u->primary = (int)at;
            at++;
        }
    u->n_outcomes = at;
    size_t si = 0; /* the stored outcomes, in the names' order */
    for (size_t i = 0; i < u->n_outcomes; i++) {
        rp_outcome *o = &u->outcomes[i];
        /* The stored outcome of this name: the scan gave them in name
         * order, the order of names after the primary. */
        size_t j = o->is_primary ? 0 : si;
        while (j < n_stored && (stored[j].d.outcome == NULL || strcmp(stored[j].d.outcome, o->name) != 0))
            j++;
        if (j < n_stored) {
            o->d = stored[j].d;
            o->loaded = 1;
            o->warnings = stored[j].warnings;
            o->n_warnings = stored[j].n_warnings;
            memset(&stored[j], 0, sizeof stored[j]);
            if (!o->is_primary)
                si = j + 1;
        }
    }
    const srw_assessment **all = calloc(u->n_outcomes ? u->n_outcomes : 1, sizeof *all);
    if (all == NULL)
        goto oom;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        rp_outcome *o = &u->outcomes[i];
        srw_assess_options ao = SRW_ASSESS_OPTIONS_INIT;
        ao.pool = ro->pool;
        ao.primary = o->is_primary;
        ao.outcome = o->name;
        /* The primary outcome's sensitivity section holds every analysis;
         * another outcome's funnel plot (10 studies or more) its tests. */
        ao.sens.what = o->is_primary                       ? SRW_SENS_ALL
                       : o->loaded && o->d.set.k >= 10     ? SRW_SENS_SMALL_STUDY | SRW_SENS_TRIM_FILL
                                                           : 0;
        ao.sens.sort = ro->sort;
        if ((rc = srw_assess_outcome(&o->as, o->loaded ? &o->d : NULL, &u->info, &u->published, &ao, err)) != 0) {
            free(all);
            goto done;
        }
        /* Figures of every outcome in a review of the size Cochrane's are
         * (RevMan draws a forest plot per analysis); past that, of what a
         * reader decides on: the primary outcome and those rated critical,
         * unless every outcome's is asked for. */
        o->has_figures = o->as.analysed && (ro->all_figures || bs->total <= SRW_REPORT_ALL_FIGURES_UPTO ||
                                            o->is_primary || o->as.importance == SRW_IMPORTANCE_CRITICAL);
        o->has_funnel = o->has_figures && o->as.analysis.overall.k >= 10;
        all[i] = &o->as;
        if (o->loaded)
            assessed(bs);
    }
    if (u->primary >= 0)
        u->v = u->outcomes[u->primary].as.verdict;
    else
        srw_assess_decide(&u->v, NULL, &u->info);
    rc = srw_assess_robustness(&u->robustness, all, u->n_outcomes, err);
    srw_assess_living_sentence(u->living, sizeof u->living, all, u->n_outcomes);
    free(all);
    if (rc != 0)
        goto done;
    if (rob_summary(u) != 0 || rob2_summary(u) != 0)
        goto oom;
    rc = 0;
    goto done;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
done:
    for (size_t i = 0; i < n; i++)
        free(names ? names[i] : NULL);
    free(names);
    for (size_t i = 0; i < n_stored; i++) {
        srw_outcome_data_dispose(&stored[i].d);
        for (size_t k = 0; k < stored[i].n_warnings; k++)
            free(stored[i].warnings[k]);
        free(stored[i].warnings);
    }
    free(stored);
    srw_strmap_dispose(&known);
    return rc;
}

/* The verdict a claim is judged against: that of the outcome it names (as
 * if it were the primary: every assessment keeps one), else the use's. */
static const srw_assess_verdict *claim_basis(const rp_use *u, const srw_claim *c, const char **outcome)
{
    *outcome = NULL;
    if (c->outcome == NULL) {
        *outcome = u->info.primary_outcome;
        return u->primary >= 0 ? &u->v : NULL;
    }
    for (size_t i = 0; i < u->n_outcomes; i++)
        if (strcmp(u->outcomes[i].name, c->outcome) == 0) {
            *outcome = u->outcomes[i].name;
            return &u->outcomes[i].as.verdict;
        }
    return NULL;
}

/* The claims the store holds of the uses in the report, each judged. */
static int build_claims(rp_report *out, srw_store *s, const srw_report_options *o, srw_error *err)
{
    srw_claim *all = NULL;
    size_t n = 0;
    int rc = srw_store_load_claims(s, &all, &n, err);
    if (rc != 0)
        return rc;
    out->claims = calloc(n ? n : 1, sizeof *out->claims);
    if (out->claims == NULL) {
        for (size_t i = 0; i < n; i++)
            srw_claim_dispose(&all[i]);
        free(all);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (o->use != NULL && strcmp(all[i].use, o->use) != 0) {
            srw_claim_dispose(&all[i]);
            continue;
        }
        rp_claim *rc_ = &out->claims[out->n_claims++];
        rc_->c = all[i];
        const srw_assess_verdict *v = NULL;
        for (size_t u = 0; u < out->n_uses && rc_->use == NULL; u++)
            if (strcmp(out->uses[u].name, rc_->c.use) == 0)
                rc_->use = &out->uses[u];
        if (rc_->use != NULL)
            v = claim_basis(rc_->use, &rc_->c, &rc_->outcome);
        srw_claim_judge(&rc_->j, &rc_->c, v);
    }
    free(all);
    return 0;
}

int rp_build(rp_report *out, srw_store *s, const srw_report_options *o, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->opts = *o;
    srw_name_list uses = {0};
    srw_store_scan *sc = NULL;
    rp_build_state bs = {o, 0, 0};
    size_t cap = 0;
    int rc = srw_report_data_sha256(out->sha256, s, err);
    if (rc == 0)
        rc = srw_store_use_names(s, &uses, err);
    if (rc != 0)
        goto done;
    if (o->use != NULL) {
        size_t i = 0;
        while (i < uses.n && strcmp(uses.names[i], o->use) != 0)
            i++;
        if (i == uses.n) {
            rc = SRW_FAIL(err, SRW_ENOTFOUND, "no use '%s' in the review (run `srw list uses`)", o->use);
            goto done;
        }
        srw_name_list outs = {0};
        if ((rc = srw_store_outcome_names(s, o->use, &outs, err)) != 0)
            goto done;
        bs.total = outs.n;
        srw_name_list_dispose(&outs);
    } else {
        srw_store_counts counts;
        if ((rc = srw_store_count(s, &counts, err)) != 0)
            goto done;
        bs.total = (size_t)counts.outcomes;
    }
    if ((rc = srw_store_scan_open(&sc, s, o->use, err)) != 0)
        goto done;
    for (;;) {
        if (srw_grow((void **)&out->uses, out->n_uses, &cap, sizeof *out->uses) != 0) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        rp_use *u = &out->uses[out->n_uses];
        memset(u, 0, sizeof *u);
        if ((rc = srw_store_scan_use(sc, &u->info, &u->published, err)) <= 0)
            break;
        out->n_uses++;
        if ((u->name = dup(u->info.name)) == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        if ((rc = build_use(u, sc, &bs, err)) != 0)
            break;
    }
    if (rc == 0)
        rc = rp_name_files(out, s, err);
    if (rc == 0)
        rc = build_claims(out, s, o, err);
done:
    srw_store_scan_free(sc);
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
            srw_assessment_dispose(&o->as);
            srw_outcome_data_dispose(&o->d);
            for (size_t k = 0; k < o->n_warnings; k++)
                free(o->warnings[k]);
            free(o->warnings);
        }
        free(u->outcomes);
        srw_robustness_dispose(&u->robustness);
        free(u->name);
        srw_use_info_dispose(&u->info);
        srw_published_list_dispose(&u->published);
        free(u->rob_studies);
        free(u->rob);
        free(u->rob2_outcomes);
        free(u->rob2_studies);
        free(u->rob2);
    }
    free(r->uses);
    for (size_t i = 0; i < r->n_claims; i++)
        srw_claim_dispose(&r->claims[i].c);
    free(r->claims);
    memset(r, 0, sizeof *r);
}
