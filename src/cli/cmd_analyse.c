/* srw analyse: meta-analyse one outcome, or all of them. No statistics
 * here: options are parsed, the store loads, core assesses (the verb the
 * report calls: srw_assess_outcome), report prints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/analyse.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/analysis_json.h"
#include "srw/analysis_text.h"
#include "srw/assess.h"
#include "srw/format.h"
#include "srw/grade.h"
#include "srw/pool.h"

/* A review's published results beside srw's own, as core compared them. */
static void print_published(FILE *f, const srw_assessment *as)
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
        fprintf(f, "Published: %s %s %s [%s, %s], %s trials, %s participants, certainty %s (%s)\n",
                p->version ? p->version : p->review, p->measure, est, lo, hi, trials, people,
                p->certainty ? p->certainty : "not stated", p->model ? p->model : "model not stated");
        fprintf(f, "  %s: %s\n", srw_published_status_name(c->status), c->reason);
    }
}

/* The buffer goes out once it holds 64 KiB (a few outcomes; one write
 * each, not one per 4 KiB of stdio's buffer), and at the end. */
int cli_analyse_flush(cli_analyse_out *o, int all, srw_error *err)
{
    if (o->buf.oom)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (!o->stream || o->buf.len == 0 || (!all && o->buf.len < ((size_t)64 << 10)))
        return 0;
    if (fflush(stdout) != 0 || fwrite(o->buf.ptr, 1, o->buf.len, stdout) != o->buf.len)
        return SRW_FAIL(err, SRW_EIO, "error writing the output");
    srw_buf_clear(&o->buf);
    return 0;
}

/* An outcome held only as published results: show them, say srw has no
 * trial data; not an error. */
static void published_only(FILE *f, const srw_assessment *as, const char *use, const char *outcome)
{
    fprintf(f, "%s: %s\nsrw holds no trial data for this outcome.\n", use, outcome);
    print_published(f, as);
    srw_report_assessment_text(f, as);
    fputc('\n', f);
}

int cli_analyse_print(const srw_assessment *as, const srw_outcome_data *d, const char *use, const char *outcome,
                      cli_analyse_out *out, srw_error *err)
{
    if (out->json) {
        srw_report_outcome_write(&out->w, NULL, as, d, use, outcome);
        if (out->jsonl)
            srw_buf_put(&out->buf, "\n", 1);
        return cli_analyse_flush(out, 0, err);
    }
    FILE *f = out->text;
    if (d == NULL) {
        published_only(f, as, use, outcome);
        return 0;
    }
    srw_report_analysis_text_sorted(f, &as->analysis, as->pooled, as->order);
    srw_report_metareg_text(f, as);
    if (d->n_awaiting)
        fprintf(f,
                "Awaiting reconciliation: %zu stud%s with two reviewers' extractions and no adjudication "
                "(not in this analysis; see srw reconcile)\n",
                d->n_awaiting, d->n_awaiting == 1 ? "y" : "ies");
    print_published(f, as);
    srw_report_assessment_text(f, as);
    srw_report_sensitivity_text(f, as);
    fputc('\n', f);
    /* A run's memory stream (--all on several threads) may run out. */
    return f != stdout && ferror(f) ? SRW_FAIL(err, SRW_EIO, "error writing the output") : 0;
}

/* One outcome named on the command line, loaded and assessed as srw
 * explain does (cli_assess_one).  An outcome srw holds no trials for is
 * shown with its published results when it has some; an unknown one stays
 * SRW_ENOTFOUND. */
static int analyse_one(srw_store *s, const char *use, const char *outcome, const srw_pool_options *base,
                       const srw_assess_options *asked, cli_analyse_out *out, srw_error *err)
{
    cli_assessed o;
    int rc = cli_assess_one(&o, s, use, outcome, base, asked, 0, err);
    if (rc == 0)
        rc = cli_analyse_print(&o.as, o.loaded ? &o.d : NULL, use, outcome, out, err);
    cli_assessed_dispose(&o);
    return rc;
}

int cmd_analyse(int argc, char **argv)
{
    const char *db = NULL, *use = NULL, *outcome = NULL, *subgroup = NULL, *jobs = NULL;
    int all = 0, json = 0, jsonl = 0;
    cli_analysis_args aa = {0};
    cli_sens_args sa = {0};
    cli_opt opts[12 + CLI_ANALYSIS_N_OPTS + CLI_SENS_N_OPTS];
    const char *moderators[argc > 0 ? argc : 1];
    size_t n_moderators = 0, n = 0;
    opts[n++] = (cli_opt){"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"};
    opts[n++] = (cli_opt){"use", "USE", &use, NULL, "the use (indication), e.g. 'neck pain'"};
    opts[n++] = (cli_opt){"outcome", "OUTCOME", &outcome, NULL, "the outcome within the use"};
    opts[n++] = (cli_opt){"all", NULL, NULL, &all, "every outcome of every use (or of --use), each printed as it is done"};
    opts[n++] = (cli_opt){"jobs", "N", &jobs, NULL,
                          "with --all, outcomes analysed on N threads at once (default: the CPUs, at most 8)"};
    n += cli_analysis_opts(opts + n, &aa);
    opts[n++] = (cli_opt){"subgroup", "NAME", &subgroup, NULL,
                          "the subgroups: the records' subgroup (default), a moderator (mod_NAME) or year"};
    /* Repeatable: taken from argv before the table parses the rest. */
    const char *unused = NULL;
    opts[n++] = (cli_opt){"moderator", "NAME", &unused, NULL,
                          "meta-regression on a moderator (mod_NAME column, or year); repeat for several"};
    n += cli_sens_opts(opts + n, &sa);
    opts[n++] = (cli_opt){"json", NULL, NULL, &json, "print JSON (an object, or an array with --all)"};
    opts[n++] = (cli_opt){"jsonl", NULL, NULL, &jsonl, "print JSON Lines: one object per outcome, one line each"};
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_take_repeated(&argc, argv, "moderator", moderators, &n_moderators);
    if (rc >= 0)
        return rc;
    rc = cli_parse(argc, argv, opts,
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
    unsigned n_jobs = cli_cpus(8);
    if (jobs != NULL) {
        long j;
        if (cli_whole_number(jobs, 1, 64, &j) != 0)
            return cli_usage_error("--jobs must be a whole number from 1 to 64 (got '%s')", jobs);
        n_jobs = (unsigned)j;
    }
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
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    cli_analyse_out out = {.json = json || jsonl, .jsonl = jsonl, .stream = 1, .text = stdout, .buf = SRW_BUF_INIT};
    srw_json_writer_init(&out.w, &out.buf, jsonl);
    /* --all --json: one array, its elements written as they are done. */
    int array = all && json;
    if (array)
        srw_json_begin_array(&out.w, NULL);
    rc = all ? cli_analyse_all(s, cli_db_path(db), use, &base, &asked, n_jobs, &out, &err)
             : analyse_one(s, use, outcome, &base, &asked, &out, &err);
    if (rc == 0 && array)
        srw_json_end_array(&out.w);
    if (rc == 0 && json)
        srw_buf_put(&out.buf, "\n", 1);
    /* After a failure too: the outcomes done before it, on one thread or
     * several alike. */
    srw_error flush_err;
    int flushed = cli_analyse_flush(&out, 1, rc == 0 ? &err : &flush_err);
    if (rc == 0)
        rc = flushed;
    if (rc != 0)
        status = cli_fail(&err);
    srw_buf_dispose(&out.buf);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
