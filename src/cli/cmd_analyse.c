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

/* A comparison core could not make (a published result with impossible
 * decimals) fails the command, as it always has. */
static int check_compared(const srw_assessment *as, srw_error *err)
{
    for (size_t i = 0; i < as->n_published; i++)
        if (!as->published[i].compared)
            return SRW_FAIL(err, SRW_EUSAGE, "%s", as->published[i].cmp.reason);
    return 0;
}

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

/* Where analyses go: text on stdout, or JSON through the writer, its
 * buffer written out after each outcome so that memory stays flat. */
typedef struct output {
    int json, jsonl;
    srw_buf buf;
    srw_json_writer w;
} output;

/* The buffer goes out once it holds 64 KiB (a few outcomes; one write
 * each, not one per 4 KiB of stdio's buffer), and at the end. */
static int flush_out(output *o, int all, srw_error *err)
{
    if (o->buf.oom)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (o->buf.len == 0 || (!all && o->buf.len < ((size_t)64 << 10)))
        return 0;
    if (fflush(stdout) != 0 || fwrite(o->buf.ptr, 1, o->buf.len, stdout) != o->buf.len)
        return SRW_FAIL(err, SRW_EIO, "error writing the output");
    srw_buf_clear(&o->buf);
    return 0;
}

/* An outcome held only as published results: show them, say srw has no
 * trial data; not an error. */
static void published_only(const srw_assessment *as, const char *use, const char *outcome)
{
    printf("%s: %s\nsrw holds no trial data for this outcome.\n", use, outcome);
    print_published(as);
    srw_report_assessment_text(stdout, as);
    fputc('\n', stdout);
}

/* Assess one outcome through core (the report's verb) and print it as
 * text, or append it to the JSON array.  d NULL: srw holds no trials for
 * it, only published results. */
static int assess_print(const srw_outcome_data *d, const srw_use_info *ui, const srw_published_list *pubs,
                        const char *use, const char *outcome, const srw_pool_options *base, output *out,
                        srw_error *err)
{
    srw_assessment as; /* srw_assess_outcome fills it first, whatever happens */
    srw_assess_options ao = SRW_ASSESS_OPTIONS_INIT;
    ao.pool = *base;
    ao.outcome = d ? d->outcome : outcome;
    ao.primary = ui->primary_outcome != NULL && strcmp(ui->primary_outcome, ao.outcome) == 0;
    int rc = srw_assess_outcome(&as, d, ui, pubs, &ao, err);
    if (rc != 0)
        goto done;
    if ((rc = check_compared(&as, err)) != 0)
        goto done;
    if (d != NULL && !as.analysed) {
        *err = as.analysis_error;
        snprintf(err->message, sizeof err->message, "%s / %s: %.400s", use, outcome, as.analysis_error.message);
        rc = err->code;
        goto done;
    }
    if (out->json) {
        srw_report_outcome_write(&out->w, NULL, &as, d, use, outcome);
        if (out->jsonl)
            srw_buf_put(&out->buf, "\n", 1);
        rc = flush_out(out, 0, err);
    } else if (d == NULL) {
        published_only(&as, use, outcome);
    } else {
        srw_report_analysis_text(stdout, &as.analysis, d);
        if (d->n_awaiting)
            printf("Awaiting reconciliation: %zu stud%s with two reviewers' extractions and no adjudication "
                   "(not in this analysis; see srw reconcile)\n",
                   d->n_awaiting, d->n_awaiting == 1 ? "y" : "ies");
        print_published(&as);
        srw_report_assessment_text(stdout, &as);
        fputc('\n', stdout);
    }
done:
    srw_assessment_dispose(&as);
    return rc;
}

/* No trial records to analyse: an error, saying whether some await a
 * third reviewer. */
static int nothing_to_analyse(const srw_outcome_data *d, srw_error *err)
{
    return d->n_awaiting ? SRW_FAIL(err, SRW_EDATA,
                                    "outcome '%s' of '%s' has no records to analyse: %zu await reconciliation "
                                    "(srw reconcile --use '%s')",
                                    d->outcome, d->use, d->n_awaiting, d->use)
                         : SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' has no trial records to analyse",
                                    d->outcome, d->use);
}

/* One outcome named on the command line.  An outcome srw holds no trials
 * for is shown with its published results when it has some; an unknown
 * one stays SRW_ENOTFOUND. */
static int analyse_one(srw_store *s, const char *use, const char *outcome, const srw_pool_options *base,
                       output *out, srw_error *err)
{
    srw_outcome_data d = {0};
    srw_use_info ui = {0};
    srw_published_list pubs = {0};
    srw_error lookup;
    int loaded = 1;
    int rc = srw_store_load_outcome(s, use, outcome, &d, err);
    if (rc == SRW_ENOTFOUND) {
        lookup = *err;
        loaded = 0;
        rc = 0;
    }
    if (rc)
        goto done;
    if (loaded && d.set.k == 0) {
        rc = nothing_to_analyse(&d, err);
        goto done;
    }
    /* The use's published results (of every outcome: the living update
     * dates by the use's latest review) and settings, as the report has. */
    if ((rc = srw_store_load_published(s, use, NULL, &pubs, err)) != 0)
        goto done;
    int has_pubs = 0;
    for (size_t i = 0; i < pubs.n; i++)
        has_pubs |= strcmp(pubs.items[i].outcome, outcome) == 0;
    if (!loaded && !has_pubs) {
        *err = lookup;
        rc = SRW_ENOTFOUND;
        goto done;
    }
    if ((rc = srw_store_load_use(s, use, &ui, err)) != 0)
        goto done;
    rc = assess_print(loaded ? &d : NULL, &ui, &pubs, use, outcome, base, out, err);
done:
    srw_published_list_dispose(&pubs);
    srw_use_info_dispose(&ui);
    srw_outcome_data_dispose(&d);
    return rc;
}

/* Every outcome of every use (or of one), in one pass over the store. */
static int analyse_all(srw_store *s, const char *use, const srw_pool_options *base, output *out,
                       srw_error *err)
{
    srw_store_scan *sc;
    int rc = srw_store_scan_open(&sc, s, use, err);
    if (rc != 0)
        return rc;
    srw_use_info ui;
    srw_published_list pubs;
    while (rc == 0 && (rc = srw_store_scan_use(sc, &ui, &pubs, err)) == 1) {
        srw_outcome_data d;
        while ((rc = srw_store_scan_outcome(sc, &d, err)) == 1) {
            rc = d.set.k == 0 ? nothing_to_analyse(&d, err)
                              : assess_print(&d, &ui, &pubs, d.use, d.outcome, base, out, err);
            srw_outcome_data_dispose(&d);
            if (rc != 0)
                break;
        }
        srw_published_list_dispose(&pubs);
        srw_use_info_dispose(&ui);
    }
    srw_store_scan_free(sc);
    return rc;
}

int cmd_analyse(int argc, char **argv)
{
    const char *db = NULL, *use = NULL, *outcome = NULL;
    int all = 0, json = 0, jsonl = 0;
    cli_analysis_args aa = {0};
    cli_opt opts[9 + CLI_ANALYSIS_N_OPTS];
    size_t n = 0;
    opts[n++] = (cli_opt){"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"};
    opts[n++] = (cli_opt){"use", "USE", &use, NULL, "the use (indication), e.g. 'neck pain'"};
    opts[n++] = (cli_opt){"outcome", "OUTCOME", &outcome, NULL, "the outcome within the use"};
    opts[n++] = (cli_opt){"all", NULL, NULL, &all, "every outcome of every use (or of --use), each printed as it is done"};
    n += cli_analysis_opts(opts + n, &aa);
    opts[n++] = (cli_opt){"json", NULL, NULL, &json, "print JSON (an object, or an array with --all)"};
    opts[n++] = (cli_opt){"jsonl", NULL, NULL, &jsonl, "print JSON Lines: one object per outcome, one line each"};
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw analyse [--db PATH] (--use USE --outcome OUTCOME | --all) [options] [--json | --jsonl]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("analyse takes no positional arguments (got '%s')", pos[0]);
    if (!all && (use == NULL || outcome == NULL))
        return cli_usage_error("analyse needs --use and --outcome, or --all");
    if (all && outcome != NULL)
        return cli_usage_error("--all and --outcome do not go together");
    if (json && jsonl)
        return cli_usage_error("--json and --jsonl do not go together");
    srw_error err;
    srw_error_clear(&err);
    srw_pool_options base;
    if (cli_analysis_options(&base, &aa, &err) != 0)
        return cli_fail(&err);
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    output out = {.json = json || jsonl, .jsonl = jsonl, .buf = SRW_BUF_INIT};
    srw_json_writer_init(&out.w, &out.buf, jsonl);
    /* --all --json: one array, its elements written as they are done. */
    int array = all && json;
    if (array)
        srw_json_begin_array(&out.w, NULL);
    rc = all ? analyse_all(s, use, &base, &out, &err) : analyse_one(s, use, outcome, &base, &out, &err);
    if (rc == 0 && array)
        srw_json_end_array(&out.w);
    if (rc == 0 && json)
        srw_buf_put(&out.buf, "\n", 1);
    if (rc == 0)
        rc = flush_out(&out, 1, &err);
    if (rc != 0)
        status = cli_fail(&err);
    srw_buf_dispose(&out.buf);
    srw_store_close(s);
    return status;
}
