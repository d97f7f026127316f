/* How robust a use's verdict is, and the review's own GRADE judgement
 * beside srw's (doc/methods.md, "How robust the verdict is" and "The
 * review's GRADE beside srw's").  See include/srw/assess.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assess_internal.h"
#include "core/text.h"
#include "util/text.h"

void srw_assess__review_grade(srw_assess_review_grade *out, const srw_assessment *a)
{
    memset(out, 0, sizeof *out);
    const srw_outcome_settings *os = a->settings;
    if (os == NULL || os->review_certainty == NULL)
        return;
    out->present = 1;
    out->certainty = srw_certainty_parse(os->review_certainty);
    const int given[SRW_GRADE_N] = {
        [SRW_GRADE_RISK_OF_BIAS] = os->review_risk_of_bias, [SRW_GRADE_INCONSISTENCY] = os->review_inconsistency,
        [SRW_GRADE_INDIRECTNESS] = os->review_indirectness, [SRW_GRADE_IMPRECISION] = os->review_imprecision,
        [SRW_GRADE_PUBLICATION_BIAS] = os->review_publication_bias,
    };
    memcpy(out->downgrade, given, sizeof given);
    const char *reasons[SRW_GRADE_N] = {
        [SRW_GRADE_RISK_OF_BIAS] = os->review_risk_of_bias_reason,
        [SRW_GRADE_INCONSISTENCY] = os->review_inconsistency_reason,
        [SRW_GRADE_INDIRECTNESS] = os->review_indirectness_reason,
        [SRW_GRADE_IMPRECISION] = os->review_imprecision_reason,
        [SRW_GRADE_PUBLICATION_BIAS] = os->review_publication_bias_reason,
    };
    memcpy(out->reason, reasons, sizeof reasons);
    out->source = os->review_source;
    char *t = out->text;
    const size_t cap = sizeof out->text;
    if (!a->graded) {
        srw_core__appendf(t, cap, "srw has no GRADE assessment of its own for this outcome; the review's certainty "
                          "is %s (%s).", srw_certainty_name(out->certainty), out->source);
        return;
    }
    out->certainty_differs = out->certainty != a->grade.certainty;
    size_t n_diff = 0;
    for (int d = 0; d < SRW_GRADE_N; d++)
        n_diff += out->differs[d] = given[d] >= 0 && given[d] != a->grade.steps[d].downgrade;
    srw_core__appendf(t, cap, "srw: %s; the review: %s (%s)", srw_certainty_name(a->grade.certainty),
                      srw_certainty_name(out->certainty), out->source);
    if (!out->certainty_differs && n_diff == 0) {
        srw_core__appendf(t, cap, ". They agree in certainty and in every domain the review rated.");
        return;
    }
    srw_core__appendf(t, cap, ". They differ%s", n_diff ? " in " : " in certainty only");
    size_t listed = 0;
    for (int d = 0; d < SRW_GRADE_N; d++)
        if (out->differs[d])
            srw_core__appendf(t, cap, "%s%s (srw -%d, the review -%d)", listed++ ? ", " : "",
                              srw_grade_domain_name((srw_grade_domain)d), a->grade.steps[d].downgrade, given[d]);
    if (a->grade.upgrade > 0)
        srw_core__appendf(t, cap, "; srw rates up %d (the reviewer's judgement)", a->grade.upgrade);
    srw_core__appendf(t, cap, ".");
}

void srw_robustness_dispose(srw_robustness *r)
{
    if (r == NULL)
        return;
    free(r->outcomes);
    memset(r, 0, sizeof *r);
}

/* The primary outcome assessed again with options o, or with only the rows
 * keep[] (NULL: all); its verdict in *v. */
static int reassess(srw_verdict *v, const srw_assessment *p, const srw_assess_options *o, const int *keep,
                    srw_error *err)
{
    const srw_outcome_data *d = p->data;
    srw_outcome_data sub;
    srw_study_row *rows = NULL;
    srw_study_info *info = NULL;
    char **mods = NULL;
    if (keep != NULL) {
        /* A shallow copy: its strings stay the original's. */
        sub = *d;
        size_t k = d->set.k, n = 0, m = d->moderator_values != NULL ? d->n_moderators : 0;
        rows = calloc(k ? k : 1, sizeof *rows);
        info = calloc(k ? k : 1, sizeof *info);
        mods = calloc(k * m + 1, sizeof *mods);
        if (rows == NULL || info == NULL || mods == NULL) {
            free(rows);
            free(info);
            free(mods);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < k; i++)
            if (keep[i]) {
                for (size_t j = 0; j < m; j++) /* the moderators follow their rows (a --subgroup may read them) */
                    mods[n * m + j] = d->moderator_values[i * m + j];
                rows[n] = d->rows[i];
                info[n++] = d->info[i];
            }
        sub.rows = rows;
        sub.info = info;
        sub.moderator_values = m ? mods : NULL;
        sub.set.rows = rows;
        sub.set.k = n;
        d = &sub;
    }
    /* The verdict is all that is read: no meta-regression, no sensitivity
     * analyses, no forest order. */
    srw_assess_options ro = *o;
    ro.n_moderators = 0;
    ro.moderators = NULL;
    srw_sens_options none = SRW_SENS_OPTIONS_INIT;
    ro.sens = none;
    srw_assessment alt;
    int rc = srw_assess_outcome(&alt, d, p->use, p->pubs, &ro, err);
    if (rc == 0) {
        *v = alt.verdict.verdict.verdict;
        srw_assessment_dispose(&alt);
    }
    free(rows);
    free(info);
    free(mods);
    return rc;
}

static void clause(char *buf, size_t n, int *count, const char *text)
{
    srw_core__appendf(buf, n, "%s%s", *count ? "; " : "", text);
    (*count)++;
}

int srw_assess_robustness(srw_robustness *out, const srw_assessment *const *as, size_t n, srw_error *err)
{
    memset(out, 0, sizeof *out);
    const srw_assessment *p = NULL;
    for (size_t i = 0; i < n && p == NULL; i++)
        if (as[i] != NULL && as[i]->decided)
            p = as[i];
    if (p == NULL) {
        snprintf(out->sentence, sizeof out->sentence, "No robustness: the use names no primary outcome.");
        return 0;
    }
    out->computed = 1;
    out->verdict = p->verdict.verdict.verdict;
    out->outcomes = calloc(n ? n : 1, sizeof *out->outcomes);
    if (out->outcomes == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    /* (a) The primary outcome first, then every other critical one. */
    char same[400] = "", changed[600] = "";
    int n_same = 0, n_changed = 0, other_critical = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const srw_assessment *a = as[i];
            int is_p = a == p;
            if (a == NULL)
                continue;
            if ((pass == 0) != is_p || (!is_p && a->importance != SRW_IMPORTANCE_CRITICAL))
                continue;
            srw_robustness_outcome *r = &out->outcomes[out->n_outcomes++];
            r->outcome = a->outcome;
            r->is_primary = is_p;
            r->certainty = a->verdict.certainty;
            r->verdict = a->verdict.verdict.verdict;
            snprintf(r->statement, sizeof r->statement, "%s", a->statement);
            if (is_p)
                continue;
            other_critical++;
            if (r->verdict != out->verdict) {
                char c[300];
                snprintf(c, sizeof c, "with '%.*s' as primary it would be %s", (int)srw_utf8_prefix(a->outcome, 120), a->outcome,
                         srw_verdict_name(r->verdict));
                clause(changed, sizeof changed, &n_changed, c);
            }
        }
    if (other_critical > 0 && n_changed == 0) {
        char c[120];
        snprintf(c, sizeof c, "with %s other critical outcome%s as primary", other_critical == 1 ? "the" : "each",
                 other_critical == 1 ? "" : "");
        clause(same, sizeof same, &n_same, c);
    }
    /* (b) and (c) change srw's own analysis only. */
    int on_srw = p->verdict.basis == SRW_BASIS_SRW && p->data != NULL;
    if (on_srw) {
        srw_assess_options o = p->opts;
        srw_profile other = p->opts.pool.profile == SRW_PROFILE_REVMAN5 ? SRW_PROFILE_COCHRANE : SRW_PROFILE_REVMAN5;
        srw_pool_options init = SRW_POOL_OPTIONS_INIT;
        init.profile = other;
        init.measure = p->opts.pool.measure;
        init.smd = p->opts.pool.smd;
        init.level = p->opts.pool.level;
        o.pool = init;
        int rc = reassess(&out->profile_verdict, p, &o, NULL, err);
        if (rc != 0)
            return rc;
        out->profile_applies = 1;
        out->other_profile = srw_profile_name(other);
        char c[200];
        snprintf(c, sizeof c, "under the %s profile%s%s", out->other_profile,
                 out->profile_verdict != out->verdict ? " it would be " : "",
                 out->profile_verdict != out->verdict ? srw_verdict_name(out->profile_verdict) : "");
        if (out->profile_verdict != out->verdict)
            clause(changed, sizeof changed, &n_changed, c);
        else
            clause(same, sizeof same, &n_same, c);

        size_t k = p->data->set.k;
        int *keep = calloc(k ? k : 1, sizeof *keep);
        if (keep == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        for (size_t i = 0; i < k; i++) {
            /* The risk-of-bias rule GRADE's domain uses, one call. */
            keep[i] = !srw_rob_study_high(p->data->info[i].rob, p->data->info[i].rob2);
            out->n_high_rob += !keep[i];
        }
        if (out->n_high_rob > 0 && out->n_high_rob < k) {
            rc = reassess(&out->rob_verdict, p, &p->opts, keep, err);
            if (rc != 0) {
                free(keep);
                return rc;
            }
        } else {
            out->rob_verdict = out->n_high_rob ? SRW_VERDICT_INSUFFICIENT : out->verdict;
        }
        free(keep);
        out->rob_applies = out->n_high_rob > 0;
        if (!out->rob_applies)
            snprintf(c, sizeof c, "no study is at high risk of bias");
        else if (out->n_high_rob == k)
            snprintf(c, sizeof c, "without the studies at high risk of bias no study would remain (Insufficient "
                     "evidence)");
        else
            snprintf(c, sizeof c, "without the %zu %s at high risk of bias%s%s", out->n_high_rob,
                     out->n_high_rob == 1 ? "study" : "studies",
                     out->rob_verdict != out->verdict ? " it would be " : "",
                     out->rob_verdict != out->verdict ? srw_verdict_name(out->rob_verdict) : "");
        if (out->rob_verdict != out->verdict)
            clause(changed, sizeof changed, &n_changed, c);
        else
            clause(same, sizeof same, &n_same, c);
    }
    out->stands = n_changed == 0;
    char *s = out->sentence;
    const size_t cap = sizeof out->sentence;
    srw_core__appendf(s, cap, "The verdict (%s) %s", srw_verdict_name(out->verdict),
                      out->stands ? "stands" : "does not stand");
    if (n_changed)
        srw_core__appendf(s, cap, ": %s", changed);
    if (n_same)
        srw_core__appendf(s, cap, "%s it is the same %s", n_changed ? "; otherwise" : ":", same);
    if (!on_srw)
        srw_core__appendf(s, cap, "%s it rests on a published result, which no analysis profile or risk-of-bias "
                          "subset of srw's changes", n_same || n_changed ? ";" : ":");
    if (other_critical == 0)
        srw_core__appendf(s, cap, "; no other outcome is rated critical");
    srw_core__appendf(s, cap, ".");
    return 0;
}
