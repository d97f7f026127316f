/* srw analyse: meta-analyse one outcome, or all of them. No statistics
 * here: options are parsed, the store loads, core assesses (the verb the
 * report calls: srw_assess_outcome), report prints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/analysis_json.h"
#include "srw/analysis_text.h"
#include "srw/assess.h"
#include "srw/format.h"
#include "srw/grade.h"
#include "srw/pool.h"
#include "util/text.h"

/* A review's published results beside srw's own, as core compared them. */
static void print_published(const srw_assessment *as)
{
    for (size_t i = 0; i < as->n_published; i++) {
        const srw_published *p = as->published[i].p;
        const srw_published_comparison *c = &as->published[i].cmp;
        char est[32], lo[32], hi[32];
        srw_format_num(est, sizeof est, p->estimate, p->decimals, SRW_FORMAT_TEXT);
        srw_format_num(lo, sizeof lo, p->ci_lower, p->decimals, SRW_FORMAT_TEXT);
        srw_format_num(hi, sizeof hi, p->ci_upper, p->decimals, SRW_FORMAT_TEXT);
        char trials[32], people[32];
        srw_format_count(trials, sizeof trials, p->trials >= 0 ? (double)p->trials : NAN, SRW_FORMAT_TEXT);
        srw_format_count(people, sizeof people, p->participants >= 0 ? (double)p->participants : NAN,
                         SRW_FORMAT_TEXT);
        printf("Published: %s %s %s [%s, %s], %s trials, %s participants, certainty %s (%s)\n",
               p->version ? p->version : p->review, p->measure, est, lo, hi, trials, people,
               p->certainty ? p->certainty : "not stated", p->model ? p->model : "model not stated");
        printf("  %s: %s\n", srw_published_status_name(c->status), c->reason);
    }
}

static void add_published_json(json_t *j, const srw_assessment *as)
{
    json_t *arr = json_array();
    json_object_set_new(j, "published", arr);
    for (size_t i = 0; i < as->n_published; i++)
        json_array_append_new(arr, srw_report_published_json(as->published[i].p, &as->published[i].cmp));
}

/* An outcome held only as published results: show them, say srw has no
 * trial data; not an error. */
static int published_only(const srw_assessment *as, const char *use, const char *outcome, json_t *out_json)
{
    if (out_json) {
        json_t *j = json_object();
        if (j == NULL)
            return SRW_ENOMEM;
        json_object_set_new(j, "use", json_string(use));
        json_object_set_new(j, "outcome", json_string(outcome));
        json_object_set_new(j, "studies", json_array());
        json_object_set_new(j, "pooled", json_null());
        json_object_set_new(j, "note", json_string("srw holds no trial data for this outcome"));
        add_published_json(j, as);
        srw_report_assessment_json(j, as);
        json_array_append_new(out_json, j);
    } else {
        printf("%s: %s\nsrw holds no trial data for this outcome.\n", use, outcome);
        print_published(as);
        srw_report_assessment_text(stdout, as);
        fputc('\n', stdout);
    }
    return 0;
}

/* Analyse one outcome through core's assessment (the report's verb, loaded
 * and assessed by cli_assess_one as srw explain does); prints text, or
 * appends to the JSON array.  An outcome srw holds no trials for is shown
 * with its published results when it has some; an unknown one stays
 * SRW_ENOTFOUND. */
static int analyse_one(srw_store *s, const char *use, const char *outcome, const srw_pool_options *base,
                       const srw_assess_options *asked, int all_outcomes, json_t *out_json, srw_error *err)
{
    cli_assessed o;
    int rc = cli_assess_one(&o, s, use, outcome, base, asked, all_outcomes, err);
    if (rc != 0)
        goto done;
    const srw_assessment *as = &o.as;
    if (!o.loaded) {
        rc = published_only(as, use, outcome, out_json);
        if (rc == SRW_ENOMEM)
            SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    if (out_json) {
        json_t *j = srw_report_analysis_json(&as->analysis, as->pooled);
        if (j == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        json_object_set_new(j, "awaiting_reconciliation", json_integer((json_int_t)o.d.n_awaiting));
        add_published_json(j, as);
        srw_report_assessment_json(j, as);
        srw_report_sensitivity_json(j, as);
        srw_report_metareg_json(j, as);
        json_array_append_new(out_json, j);
    } else {
        srw_report_analysis_text_sorted(stdout, &as->analysis, as->pooled, as->order);
        srw_report_metareg_text(stdout, as);
        if (o.d.n_awaiting)
            printf("Awaiting reconciliation: %zu stud%s with two reviewers' extractions and no adjudication "
                   "(not in this analysis; see srw reconcile)\n",
                   o.d.n_awaiting, o.d.n_awaiting == 1 ? "y" : "ies");
        print_published(as);
        srw_report_assessment_text(stdout, as);
        srw_report_sensitivity_text(stdout, as);
        fputc('\n', stdout);
    }
done:
    cli_assessed_dispose(&o);
    return rc;
}

int cmd_analyse(int argc, char **argv)
{
    const char *db = NULL, *use = NULL, *outcome = NULL, *subgroup = NULL;
    int all = 0, json = 0;
    cli_analysis_args aa = {0};
    cli_sens_args sa = {0};
    cli_opt opts[10 + CLI_ANALYSIS_N_OPTS + CLI_SENS_N_OPTS];
    const char *moderators[argc > 0 ? argc : 1];
    size_t n_moderators = 0, n = 0;
    opts[n++] = (cli_opt){"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"};
    opts[n++] = (cli_opt){"use", "USE", &use, NULL, "the use (indication), e.g. 'neck pain'"};
    opts[n++] = (cli_opt){"outcome", "OUTCOME", &outcome, NULL, "the outcome within the use"};
    opts[n++] = (cli_opt){"all", NULL, NULL, &all, "every outcome of every use (or of --use)"};
    n += cli_analysis_opts(opts + n, &aa);
    opts[n++] = (cli_opt){"subgroup", "NAME", &subgroup, NULL,
                          "the subgroups: the records' subgroup (default), a moderator (mod_NAME) or year"};
    /* Repeatable: taken from argv before the table parses the rest. */
    const char *unused = NULL;
    opts[n++] = (cli_opt){"moderator", "NAME", &unused, NULL,
                          "meta-regression on a moderator (mod_NAME column, or year); repeat for several"};
    n += cli_sens_opts(opts + n, &sa);
    opts[n++] = (cli_opt){"json", NULL, NULL, &json, "print JSON (an object, or an array with --all)"};
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_take_repeated(&argc, argv, "moderator", moderators, &n_moderators);
    if (rc >= 0)
        return rc;
    rc = cli_parse(argc, argv, opts,
                              "srw analyse [--db PATH] (--use USE --outcome OUTCOME | --all) [options] [--json]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("analyse takes no positional arguments (got '%s')", pos[0]);
    if (!all && (use == NULL || outcome == NULL))
        return cli_usage_error("analyse needs --use and --outcome, or --all");
    if (all && outcome != NULL)
        return cli_usage_error("--all and --outcome do not go together");
    srw_error err;
    srw_error_clear(&err);
    srw_pool_options base;
    if (cli_analysis_options(&base, &aa, &err) != 0)
        return cli_fail(&err);
    srw_assess_options asked = SRW_ASSESS_OPTIONS_INIT;
    asked.subgroup_by = subgroup;
    asked.moderators = moderators;
    asked.n_moderators = n_moderators;
    if (cli_sens_options(&asked.sens, &sa, &err) != 0)
        return cli_fail(&err);
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    cli_names names;
    if ((status = cli_find_names(s, &use, &outcome, 0, &names)) != CLI_OK) {
        srw_store_close(s);
        return status;
    }
    json_t *arr = json ? json_array() : NULL;
    if (!all) {
        rc = analyse_one(s, use, outcome, &base, &asked, 0, arr, &err);
        if (rc == 0 && arr) {
            json_t *one = json_incref(json_array_get(arr, 0));
            json_decref(arr);
            arr = one;
        }
    } else {
        srw_name_list uses = {0};
        rc = use ? 0 : srw_store_use_names(s, &uses, &err);
        size_t n_uses = use ? 1 : uses.n;
        for (size_t u = 0; rc == 0 && u < n_uses; u++) {
            const char *un = use ? use : uses.names[u];
            srw_name_list outs = {0};
            rc = srw_store_outcome_names(s, un, &outs, &err);
            for (size_t i = 0; rc == 0 && i < outs.n; i++)
                rc = analyse_one(s, un, outs.names[i], &base, &asked, 1, arr, &err);
            srw_name_list_dispose(&outs);
        }
        srw_name_list_dispose(&uses);
    }
    if (rc != 0) {
        status = cli_fail(&err);
    } else if (arr) {
        json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
        fputc('\n', stdout);
    }
    json_decref(arr);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
