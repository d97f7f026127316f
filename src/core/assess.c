/* srw_assess_outcome: one outcome's analysis, MID, GRADE, published
 * comparisons, living update and (primary outcome) verdict, each decided
 * once here for every output.  See include/srw/assess.h; the verdict's
 * rules are in assess_verdict.c. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assess_internal.h"
#include "core/text.h"
#include "srw/arms.h"
#include "util/text.h"

void srw_assessment_dispose(srw_assessment *a)
{
    if (a == NULL)
        return;
    srw_analysis_dispose(&a->analysis);
    srw_analysis_dispose(&a->living.without);
    srw_outcome_data_dispose(a->prepared);
    free(a->prepared);
    srw_metareg_dispose(&a->metareg);
    srw_sensitivity_dispose(&a->sens);
    free(a->order);
    free(a->published);
    memset(a, 0, sizeof *a);
}

/* GRADE of analysis a, whose studies are d's rows idx[0..] (all of d's rows
 * in order when idx is NULL).  1 with errbuf filled when the inputs cannot
 * be graded (a reported state), 0 graded, SRW_ENOMEM. */
static int grade_one(srw_grade *g, const srw_analysis *a, const srw_outcome_data *d, const size_t *idx,
                     const srw_assess_mid *mid, const srw_outcome_settings *os, srw_trace *trace, char *errbuf,
                     size_t errn, srw_error *err)
{
    size_t k = a->n_studies;
    srw_rob_judgement(*rob)[SRW_ROB_N] = calloc(k ? k : 1, sizeof *rob);
    srw_rob2_judgement(*rob2)[SRW_ROB2_ITEMS] = calloc(k ? k : 1, sizeof *rob2);
    if (rob == NULL || rob2 == NULL) {
        free(rob);
        free(rob2);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        memcpy(rob[i], d->info[idx ? idx[i] : i].rob, sizeof rob[i]);
        memcpy(rob2[i], d->info[idx ? idx[i] : i].rob2, sizeof rob2[i]);
    }
    srw_grade_input in;
    memset(&in, 0, sizeof in);
    in.analysis = a;
    in.rob = (const srw_rob_judgement(*)[SRW_ROB_N])rob;
    in.rob2 = (const srw_rob2_judgement(*)[SRW_ROB2_ITEMS])rob2;
    in.direction = d->direction;
    /* A MID without a direction has no side (srw_grade_assess refuses it);
     * without one, imprecision is judged on no effect only. */
    in.mid = d->direction == SRW_DIR_UNSET ? NAN : mid->value;
    in.mid_harm = d->direction == SRW_DIR_UNSET ? NAN : mid->harm;
    /* Rating up: the reviewer's judgement from the outcome's settings. */
    if (os != NULL && os->upgrade > 0) {
        in.upgrade = os->upgrade;
        in.upgrade_reason = os->upgrade_reason;
    }
    in.indirectness = d->indirectness;
    in.indirectness_reason = d->indirectness_reason;
    in.indirectness_source = d->indirectness_source;
    /* The reviewer's overrides, stored by domain key. */
    srw_grade_override ov[SRW_GRADE_N];
    size_t n_ov = 0;
    for (size_t i = 0; i < d->n_overrides && n_ov < SRW_GRADE_N; i++)
        for (int k2 = 0; k2 < SRW_GRADE_N; k2++)
            if (strcmp(d->overrides[i].domain, srw_grade_domain_key((srw_grade_domain)k2)) == 0) {
                ov[n_ov].domain = (srw_grade_domain)k2;
                ov[n_ov].downgrade = d->overrides[i].downgrade;
                ov[n_ov].reason = d->overrides[i].reason;
                ov[n_ov].source = d->overrides[i].source;
                n_ov++;
            }
    in.overrides = ov;
    in.n_overrides = n_ov;
    in.trace = trace;
    srw_error e;
    srw_error_clear(&e);
    int rc = srw_grade_assess(g, &in, &e);
    free(rob);
    free(rob2);
    if (rc == SRW_ENOMEM)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc != 0) {
        srw_snprintf_utf8(errbuf, errn, "%s", e.message);
        return 1;
    }
    return 0;
}

/* The sensitivity analyses and the forest plot's order the options ask
 * for, on the analysis just made; their states (k too small, no total)
 * are in o->sens, only running out of memory fails. */
static int sensitivity(srw_assessment *o, const srw_outcome_data *d, const srw_assess_options *opts,
                       srw_error *err)
{
    size_t k = d->set.k;
    int *years = NULL;
    if (opts->sens.what != 0 || opts->sens.sort != SRW_ORDER_DATA) {
        years = malloc((k ? k : 1) * sizeof *years);
        if (years == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        for (size_t i = 0; i < k; i++)
            years[i] = d->info != NULL ? d->info[i].year : 0;
    }
    int rc = 0;
    if (opts->sens.what != 0)
        rc = srw_sensitivity_run(&o->sens, &o->analysis, &d->set, years, &opts->sens, err);
    if (rc == 0 && opts->sens.sort != SRW_ORDER_DATA) {
        o->order = malloc((k ? k : 1) * sizeof *o->order);
        if (o->order == NULL)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        else
            srw_study_order_sort(o->order, &o->analysis, years, opts->sens.sort);
    }
    free(years);
    return rc;
}

static int analyse(srw_assessment *o, const srw_outcome_data *d, const srw_use_info *use,
                   const srw_assess_options *opts, srw_error *err)
{
    if (d == NULL || d->set.k == 0) {
        SRW_FAIL(&o->analysis_error, SRW_EDATA, "srw holds no trial data for this outcome");
        return 0;
    }
    srw_pool_options po = opts->pool;
    /* The reviewer's stored measure applies unless one was asked for. */
    if (po.measure == SRW_MEASURE_DEFAULT && d->measure != NULL)
        po.measure = srw_measure_parse(d->measure);
    /* So do an imported review's model, method (with its own measure) and
     * totals: srw analyses what the review analysed unless told otherwise. */
    const srw_stored_analysis *sa = &d->stored;
    if (sa->present) {
        if (po.model == SRW_MODEL_DEFAULT)
            po.model = sa->model;
        if (po.method == SRW_METHOD_DEFAULT && sa->method != SRW_METHOD_DEFAULT && d->measure != NULL &&
            po.measure == srw_measure_parse(d->measure))
            po.method = sa->method;
        if (po.totals == SRW_TOTALS_DEFAULT)
            po.totals = sa->totals;
        if (po.multi_arm == SRW_MULTI_ARM_DEFAULT)
            po.multi_arm = sa->multi_arm;
    }
    /* The rows to pool: a multi-arm study's arms resolved, the subgroups
     * by the variable asked for (srw/arms.h). */
    int rc;
    if (srw_arms_needed(d, opts->subgroup_by)) {
        if ((o->prepared = calloc(1, sizeof *o->prepared)) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        rc = srw_arms_prepare(o->prepared, d, po.multi_arm, opts->subgroup_by, &o->analysis_error);
        if (rc == SRW_ENOMEM)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        if (rc != 0)
            return 0;
        o->pooled = d = o->prepared;
    }
    rc = srw_analysis_run_traced(&o->analysis, &d->set, &po, opts->trace, &o->analysis_error);
    if (rc == SRW_ENOMEM)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc != 0)
        return 0;
    srw_error_clear(&o->analysis_error);
    o->analysed = 1;
    /* What was done to the rows is said where the corrections are. */
    for (size_t i = 0; i < d->n_notes; i++) {
        char **c = realloc(o->analysis.corrections, (o->analysis.n_corrections + 1) * sizeof *c);
        if (c == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        o->analysis.corrections = c;
        if ((c[o->analysis.n_corrections] = strdup(d->notes[i])) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        o->analysis.n_corrections++;
    }
    srw_assess_choose_thresholds(&o->mid, use, o->outcome, d, o->analysis.opts.measure, d->direction);
    rc = grade_one(&o->grade, &o->analysis, d, NULL, &o->mid, o->settings, opts->trace, o->grade_error,
                   sizeof o->grade_error, err);
    if (rc < 0)
        return rc;
    o->graded = rc == 0;
    if (opts->trace != NULL && !srw_trace_complete(opts->trace))
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory (the explanation's trace)");
    return sensitivity(o, d, opts, err);
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

/* The latest search date among pubs (NULL if none is dated); only the
 * outcome's when outcome is not NULL. */
static const srw_published *latest_search(const srw_published_list *pubs, const char *outcome)
{
    const srw_published *best = NULL;
    for (size_t i = 0; pubs != NULL && i < pubs->n; i++) {
        const srw_published *p = &pubs->items[i];
        if (outcome != NULL && strcmp(p->outcome, outcome) != 0)
            continue;
        if (p->scope != NULL) /* another question's review does not date this one's */
            continue;
        if (year_of(p->search_date) > 0 && (best == NULL || strcmp(p->search_date, best->search_date) > 0))
            best = p;
    }
    return best;
}

/* Trials after the latest review's search date, and srw without them.  The
 * review is the outcome's own when it has a dated published result, else the
 * use's latest-searched review: a trial published after the search belongs in
 * "since the review" even when it reports an outcome the review did not pool. */
static int living(srw_assessment *o, const srw_outcome_data *d, const srw_published_list *pubs, srw_error *err)
{
    srw_assess_living *L = &o->living;
    L->review = latest_search(pubs, o->outcome);
    if (L->review == NULL) {
        L->review = latest_search(pubs, NULL);
        L->use_level = L->review != NULL;
    }
    if (L->review != NULL) {
        L->search_date = L->review->search_date;
        L->review_label = L->review->version ? L->review->version : L->review->review;
    } else if (o->use != NULL && year_of(o->use->search_date) > 0) {
        /* No published result is dated: the use's settings date its review. */
        L->search_date = o->use->search_date;
        L->review_label = "the review the use rests on";
        L->use_level = 1;
    }
    if (L->search_date != NULL)
        L->search_year = year_of(L->search_date);
    if (L->search_date == NULL || !o->analysed)
        return 0;
    L->present = 1;
    size_t k = d->set.k, n_old = 0;
    size_t *idx = calloc(k ? k : 1, sizeof *idx);
    srw_study_row *rows = calloc(k ? k : 1, sizeof *rows);
    int rc = 0;
    if (idx == NULL || rows == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        if (d->info[i].year > L->search_year) {
            srw_core__appendf(L->new_studies, sizeof L->new_studies, "%s%s", L->n_new ? ", " : "", d->rows[i].study);
            L->n_new++;
        } else {
            idx[n_old] = i;
            rows[n_old++] = d->rows[i];
        }
    }
    if (L->n_new == 0 || n_old == 0)
        goto done;
    srw_study_set set = {d->set.type, n_old, rows};
    srw_error e;
    srw_error_clear(&e);
    rc = srw_analysis_run(&L->without, &set, &o->analysis.opts, &e);
    if (rc == SRW_ENOMEM) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    L->has_without = rc == 0;
    rc = 0;
    if (L->has_without && o->primary) {
        srw_grade g;
        char gerr[512] = "";
        int gr = grade_one(&g, &L->without, d, idx, &o->mid, o->settings, NULL, gerr, sizeof gerr, err);
        if (gr < 0) {
            rc = gr;
            goto done;
        }
        srw_assess__verdict_of(&L->with_v, &o->analysis, &o->grade, o->graded, o->direction, &o->mid);
        srw_assess__verdict_of(&L->without_v, &L->without, &g, gr == 0, o->direction, &o->mid);
        L->verdicts = 1;
    }
done:
    free(idx);
    free(rows);
    return rc;
}

static int compare_published(srw_assessment *o, const srw_published_list *pubs, srw_error *err)
{
    for (size_t j = 0; pubs != NULL && j < pubs->n; j++)
        o->n_published += strcmp(pubs->items[j].outcome, o->outcome) == 0;
    o->published = calloc(o->n_published ? o->n_published : 1, sizeof *o->published);
    if (o->published == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    size_t at = 0;
    for (size_t j = 0; pubs != NULL && j < pubs->n; j++) {
        if (strcmp(pubs->items[j].outcome, o->outcome) != 0)
            continue;
        srw_assess_published *ap = &o->published[at++];
        ap->p = &pubs->items[j];
        srw_error e;
        srw_error_clear(&e);
        ap->compared = srw_published_compare(&ap->cmp, ap->p, o->analysed ? &o->analysis : NULL, &e) == 0;
        if (!ap->compared)
            snprintf(ap->cmp.reason, sizeof ap->cmp.reason, "%.*s", (int)srw_utf8_prefix(e.message, 690), e.message);
    }
    return 0;
}

void srw_assess_living_sentence(char *buf, size_t n, const srw_assessment *const *as, size_t n_as)
{
    const srw_assessment *primary = NULL;
    const char *date = NULL;
    char others[400] = "";
    size_t n_others = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n_as; i++) {
        if (as[i] == NULL)
            continue;
        if (as[i]->decided)
            primary = as[i];
        if (date == NULL && as[i]->living.search_date != NULL)
            date = as[i]->living.search_date;
    }
    if (primary == NULL) {
        snprintf(buf, n, "The use names no primary outcome, so there is no verdict for new trials to change.");
        return;
    }
    const char *verdict = srw_verdict_name(primary->verdict.verdict.verdict);
    if (date == NULL) {
        snprintf(buf, n, "No search date of this use's review is recorded, so srw cannot tell which trials came after "
                         "it: the verdict (%s) is not checked against newer evidence.", verdict);
        return;
    }
    for (size_t i = 0; i < n_as; i++)
        if (as[i] != NULL && as[i] != primary && as[i]->living.n_new > 0) {
            srw_core__appendf(others, sizeof others, "%s%s: %s", n_others ? "; " : "", as[i]->outcome,
                              as[i]->living.new_studies);
            n_others++;
        }
    const srw_assess_living *L = &primary->living;
    if (L->n_new > 0 && L->verdicts) {
        snprintf(buf, n, "The trials since the review's search (%s) %s the verdict: %s with them, %s without them.",
                 L->new_studies, L->with_v.verdict == L->without_v.verdict ? "do not change" : "change",
                 srw_verdict_name(L->with_v.verdict), srw_verdict_name(L->without_v.verdict));
        return;
    }
    if (L->n_new > 0) {
        snprintf(buf, n, "Every trial srw holds for the primary outcome is dated after the review's search (%s): the "
                         "verdict (%s) rests on them alone.", L->new_studies, verdict);
        return;
    }
    if (n_others > 0)
        snprintf(buf, n, "No trial since the review's search (%s) reports the primary outcome, so the evidence since "
                         "the review does not change the verdict (%s); trials since the review report other outcomes "
                         "(%s).", date, verdict, others);
    else
        snprintf(buf, n, "No trial srw holds is dated after the review's search (%s), so nothing since the review "
                         "changes the verdict (%s).", date, verdict);
}

/* The meta-regression of the analysed studies on opts's moderators
 * (srw/metareg.h): a moderator the outcome lacks is SRW_EUSAGE in
 * metareg_error, a model that cannot be fitted a state of metareg. */
static int regress(srw_assessment *o, const srw_assess_options *opts, srw_error *err)
{
    const srw_outcome_data *d = o->pooled;
    const srw_analysis *a = &o->analysis;
    size_t nm = opts->n_moderators, k = a->n_studies, ke = 0;
    long *col = calloc(nm, sizeof *col);
    if (col == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t j = 0; j < nm; j++)
        if ((col[j] = srw_outcome_moderator(d, opts->moderators[j])) == -1) {
            char names[400] = "";
            for (size_t m = 0; m < d->n_moderators; m++)
                srw_core__appendf(names, sizeof names, "%s, ", d->moderators[m]);
            SRW_FAIL(&o->metareg_error, SRW_EUSAGE,
                     "--moderator %s: outcome '%s' has no such moderator (its studies have: %syear)",
                     opts->moderators[j], o->outcome, names);
            free(col);
            return 0;
        }
    for (size_t i = 0; i < k; i++)
        ke += a->studies[i].estimable;
    double *y = calloc(ke + 1, sizeof *y), *v = calloc(ke + 1, sizeof *v);
    const char **labels = calloc(ke + 1, sizeof *labels), **vals = calloc(nm * ke + 1, sizeof *vals);
    char(*years)[16] = calloc(ke + 1, sizeof *years);
    srw_moderator *mods = calloc(nm, sizeof *mods);
    int rc = 0;
    if (y == NULL || v == NULL || labels == NULL || vals == NULL || years == NULL || mods == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0, e = 0; i < k; i++) {
        const srw_study_result *s = &a->studies[i];
        if (!s->estimable)
            continue;
        y[e] = s->yi;
        v[e] = s->se * s->se;
        labels[e] = s->study;
        for (size_t j = 0; j < nm; j++)
            vals[j * ke + e] = srw_outcome_moderator_value(d, i, col[j], years[e], sizeof years[e]);
        e++;
    }
    for (size_t j = 0; j < nm; j++) {
        mods[j].name = opts->moderators[j];
        if (strncmp(mods[j].name, "mod_", 4) == 0)
            mods[j].name += 4;
        mods[j].values = vals + j * ke;
    }
    srw_metareg_input in = {ke, y, v, labels, nm, mods};
    rc = srw_metareg_run(&o->metareg, &in, &a->opts, &o->metareg_error);
    if (rc == SRW_ENOMEM)
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    else
        o->regressed = rc == 0, rc = 0;
done:
    free(col);
    free(y);
    free(v);
    free(labels);
    free(vals);
    free(years);
    free(mods);
    return rc;
}

size_t srw_assess_trials(const srw_assessment *a)
{
    if (!a->analysed)
        return 0;
    size_t k = a->analysis.overall.k_total;
    const srw_outcome_data *d = a->data;
    if (d == NULL || a->pooled == d)
        return k; /* no arms resolved: a comparison is a trial */
    /* The records' own rows: a multi-arm study's share its label. */
    size_t n = 0;
    for (size_t i = 0; i < d->set.k; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(d->rows[i].study, d->rows[j].study) == 0;
        n += !seen;
    }
    return n;
}

int srw_assess_outcome(srw_assessment *out, const srw_outcome_data *d, const srw_use_info *use,
                       const srw_published_list *pubs, const srw_assess_options *opts, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->mid.value = NAN;
    if (opts == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_assess_outcome: no options given");
    out->outcome = d != NULL ? d->outcome : opts->outcome;
    if (out->outcome == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_assess_outcome: no outcome named");
    out->primary = opts->primary != 0;
    out->n_trials = d != NULL ? d->set.k : 0;
    out->direction = d != NULL ? d->direction : SRW_DIR_UNSET;
    out->data = d;
    out->use = use;
    out->pubs = pubs;
    out->opts = *opts;
    out->opts.trace = NULL; /* robustness re-runs the assessment from opts: untraced */
    out->settings = srw_use_outcome_setting(use, out->outcome);
    out->importance = out->settings ? srw_importance_parse(out->settings->importance) : SRW_IMPORTANCE_UNSET;
    out->pooled = d;
    int rc = analyse(out, d, use, opts, err);
    if (rc == 0 && out->analysed && opts->n_moderators > 0)
        rc = regress(out, opts, err);
    if (rc == 0)
        rc = compare_published(out, pubs, err);
    if (rc == 0)
        rc = living(out, out->pooled, pubs, err);
    if (rc != 0) {
        srw_assessment_dispose(out);
        return rc;
    }
    /* Every outcome's basis and statement; the verdict is the use's only
     * for its primary outcome (decided). */
    srw_assess_decide(&out->verdict, out, use);
    out->decided = out->primary;
    /* The outcome's own statement is of srw's analysis and GRADE, what the
     * summary of findings shows; without trials, of the published result
     * (the verdict's basis).  The verdict's own statement is of its basis. */
    if (out->analysed && out->graded) {
        char name[200];
        const char *who =
            opts->intervention ? opts->intervention : srw_assess_intervention_name(name, sizeof name, d, use);
        out->size = srw_effect_size_of(out->analysis.overall.estimate, &out->mid.thresholds);
        srw_statement_text(out->statement, sizeof out->statement, out->grade.certainty, out->size,
                           out->analysis.overall.estimate > 0.0, who, out->outcome);
    } else {
        out->size = out->verdict.size;
        snprintf(out->statement, sizeof out->statement, "%s", out->verdict.statement);
    }
    srw_assess__review_grade(&out->review, out);
    return 0;
}
