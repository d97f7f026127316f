/* srw verify: recompute every analysis that came with RevMan's stored results
 * under the revman5 profile and say, line by line, where srw and RevMan
 * agree.  No statistics here: the store loads, core assesses (the verb srw
 * analyse and srw report call, srw_assess_outcome), and srw_rm5_compare
 * (src/core/revman.c) compares. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/assess.h"
#include "srw/pool.h"
#include "srw/rm5.h"

typedef struct reasons {
    size_t n;
    const char *text[32];
    size_t count[32];
} reasons;

static void add_reason(reasons *r, const char *why)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->text[i], why) == 0) {
            r->count[i]++;
            return;
        }
    if (r->n < 32) {
        r->text[r->n] = why;
        r->count[r->n++] = 1;
    }
}

static double nat(int ratio, double v)
{
    return ratio ? exp(v) : v;
}

/* "0.90 [0.84, 0.96]  tau2 0.0000  Chi2 9.95 df 6  I2 40%  Z 3.29" */
static void line_of(char *buf, size_t n, double e, double lo, double hi, double tau2, double chi2, double df,
                    double i2, double z)
{
    char ci[96];
    srw_rm5_display(ci, sizeof ci, e, lo, hi);
    snprintf(buf, n, "%-24s tau2 %-7.4f Chi2 %-8.2f df %-3.0f I2 %3.0f%%  Z %.2f", ci, isnan(tau2) ? 0 : tau2,
             isnan(chi2) ? 0 : chi2, isnan(df) ? 0 : df, isnan(i2) ? 0 : i2, isnan(z) ? 0 : z);
}

static const char *short_name(char *buf, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len < n) {
        snprintf(buf, n, "%s", s);
    } else {
        /* cut on a UTF-8 character boundary */
        size_t cut = n - 4;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        snprintf(buf, n, "%.*s...", (int)cut, s);
    }
    return buf;
}

int cmd_verify(int argc, char **argv)
{
    const char *db = NULL, *tol_s = NULL;
    int verbose = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"tolerance", "REL", &tol_s, NULL, "relative tolerance (default 1e-9)"},
        {"verbose", NULL, NULL, &verbose, "list every number that differs, and per-study checks"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, "srw verify [--db PATH] [--tolerance 1e-9] [--verbose]", pos,
                              &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("verify takes no positional arguments (got '%s')", pos[0]);
    double tol = 1e-9;
    if (tol_s) {
        char *end = NULL;
        tol = strtod(tol_s, &end);
        if (end == tol_s || *end != '\0' || !(tol >= 0 && tol < 1))
            return cli_usage_error("--tolerance must be a number from 0 to 1 (got '%s')", tol_s);
    }
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_rm5_review rv;
    if (srw_store_revman_load(s, &rv, &err) != 0) {
        status = cli_fail(&err);
        srw_store_close(s);
        return status;
    }
    size_t agree = 0, differ = 0, nc = 0, none = 0;
    reasons why = {0};
    /* Every column headed, the row label's too (RevMan's result, then srw's),
     * with the widths the rows print. */
    char heads[80];
    snprintf(heads, sizeof heads, "%-24s %s", "effect [CI]", "heterogeneity / Z");
    printf("%-7s %-44s %-6s %-76s %s\n", "No.", "Analysis", "From", heads, "verdict");
    for (size_t i = 0; i < rv.n_analyses; i++) {
        const srw_rm5_analysis *a = &rv.analyses[i];
        char name[45], stored[160], mine[160];
        short_name(name, sizeof name, a->name ? a->name : a->outcome);
        const srw_rm5_pooled *w = &a->overall;
        line_of(stored, sizeof stored, w->effect, w->ci_lower, w->ci_upper, w->tau2, w->chi2, w->df, w->i2, w->z);
        srw_pool_options o;
        const char *reason = NULL;
        if (!srw_rm5_pool_options(&o, a, &reason)) {
            printf("%-7s %-44s %-6s %-76s not comparable (%s)\n", a->number, name, "RevMan",
                   w->present ? stored : "(not computed)", reason);
            add_reason(&why, reason);
            nc++;
            continue;
        }
        srw_outcome_data d;
        if (srw_store_load_outcome(s, a->use, a->outcome, &d, &err) != 0) {
            status = cli_fail(&err);
            goto done;
        }
        /* The verb analyse and report call, with RevMan's own settings. */
        srw_assess_options ao = SRW_ASSESS_OPTIONS_INIT;
        ao.pool = o;
        srw_assessment as;
        if (srw_assess_outcome(&as, &d, NULL, NULL, &ao, &err) != 0) {
            srw_outcome_data_dispose(&d);
            status = cli_fail(&err);
            goto done;
        }
        if (!as.analysed) {
            printf("%-7s %-44s %-6s %-76s DIFF (srw: %s)\n", a->number, name, "RevMan", stored,
                   d.set.k == 0 ? "no records to analyse" : as.analysis_error.message);
            differ++;
            srw_outcome_data_dispose(&d);
            srw_assessment_dispose(&as);
            continue;
        }
        const srw_analysis *x = &as.analysis;
        srw_rm5_check c;
        srw_rm5_compare(&c, a, x, tol);
        int r = srw_rm5_is_ratio(a);
        srw_totals totals = srw_rm5_totals(a);
        int no_total = totals == SRW_TOTALS_NONE || (totals == SRW_TOTALS_SUB && a->n_subgroups == 0);
        const srw_pooled *p = &x->overall;
        if (no_total) {
            snprintf(stored, sizeof stored, "no total (TOTALS=\"%s\")", a->totals ? a->totals : "");
            snprintf(mine, sizeof mine, "no total");
        } else if (totals == SRW_TOTALS_SUB) { /* RevMan's overall: the pool of the subtotals */
            const srw_subgroup_test *t = &x->subgroup_test;
            line_of(mine, sizeof mine, nat(r, t->estimate), nat(r, t->ci_lower), nat(r, t->ci_upper),
                    a->random ? p->tau2 : 0, p->Q, p->Q_df, p->I2, fabs(t->stat));
        } else if (w->estimable && !isnan(p->estimate)) {
            line_of(mine, sizeof mine, nat(r, p->estimate), nat(r, p->ci_lower), nat(r, p->ci_upper),
                    a->random ? p->tau2 : 0, p->Q, p->Q_df, p->I2, fabs(p->stat));
        } else {
            snprintf(mine, sizeof mine, "%s", isnan(p->estimate) ? "not estimable" : "estimable");
        }
        if (!no_total && w->present && !w->estimable)
            snprintf(stored, sizeof stored, "not estimable");
        printf("%-7s %-44s %-6s %-76s\n", a->number, name, "RevMan", stored);
        char prec[64] = "";
        if (a->decimals > 0)
            snprintf(prec, sizeof prec, ", to the %d decimals RevMan kept", a->decimals);
        if (c.verdict == SRW_RM5_AGREE) {
            printf("%-7s %-44s %-6s %-76s OK   max rel %.1e (%zu numbers%s)\n", "", "", "srw", mine, c.max_rel,
                   c.n_compared, prec);
            agree++;
        } else if (c.verdict == SRW_RM5_NO_TOTAL) {
            printf("%-7s %-44s %-6s %-76s no total (as in RevMan); studies agree, max rel %.1e (%zu numbers%s)\n",
                   "", "", "srw", mine, c.max_rel, c.n_compared, prec);
            none++;
        } else {
            printf("%-7s %-44s %-6s %-76s DIFF max rel %.1e (%zu of %zu numbers%s)\n", "", "", "srw", mine,
                   c.max_rel, c.n_diffs, c.n_compared, c.strings_equal ? "" : "; rounded display differs");
            for (size_t k = 0; k < c.n_diffs && k < SRW_RM5_MAX_DIFFS && (verbose || k < 4); k++)
                printf("        %s: RevMan %.17g, srw %.17g (rel %.2e)\n", c.diffs[k].what, c.diffs[k].stored,
                       c.diffs[k].computed, c.diffs[k].rel);
            differ++;
        }
        srw_outcome_data_dispose(&d);
        srw_assessment_dispose(&as);
    }
    /* One line: every analysis is counted once, in one of the four. */
    char n[48];
    printf("%s: %zu agree, %zu differ, %zu not comparable",
           cli_count(n, sizeof n, (long long)rv.n_analyses, "analysis", "analyses"), agree, differ, nc);
    for (size_t i = 0; i < why.n; i++)
        printf("%s%zu %s", i ? ", " : " (", why.count[i], why.text[i]);
    printf("%s, %zu no total\n", why.n ? ")" : "", none);
    status = differ ? CLI_DATA : CLI_OK;
done:
    srw_rm5_review_dispose(&rv);
    srw_store_close(s);
    return status;
}
