/* srw explain: one outcome's analysis walked through with its numbers. No
 * statistics here: the outcome is loaded and assessed as `srw analyse`
 * does (cli_assess_one), with a trace the analysis fills (srw/trace.h);
 * the report module lays it out (srw/explain.h); the text goes to stdout
 * or, with --out, to a file written atomically. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/explain.h"
#include "util/atomic.h"

/* The database and the analysis options as given, for the command that
 * reproduces the analysis ("--db r.db --tau2 DL --ci wald"). */
static void options_text(char *buf, size_t n, const char *db, const cli_analysis_args *aa)
{
    size_t at = 0;
    buf[0] = '\0';
    if (db != NULL)
        at += (size_t)snprintf(buf, n, "--db '%s'", db);
    for (int l = 0; l < SRW_CHOICES_N; l++)
        if (aa->choice[l] != NULL && at < n)
            at += (size_t)snprintf(buf + at, n - at, "%s--%s %s", at ? " " : "",
                                   srw_choices_of((srw_choice_list)l)->key, aa->choice[l]);
    if (aa->level != NULL && at < n)
        at += (size_t)snprintf(buf + at, n - at, "%s--level %s", at ? " " : "", aa->level);
    if (aa->max_iter != NULL && at < n)
        snprintf(buf + at, n - at, "%s--max-iter %s", at ? " " : "", aa->max_iter);
}

int cmd_explain(int argc, char **argv)
{
    const char *db = NULL, *use = NULL, *outcome = NULL, *format = NULL, *out = NULL;
    cli_analysis_args aa = {0};
    cli_opt opts[8 + CLI_ANALYSIS_N_OPTS];
    size_t n = 0;
    char format_help[120];
    snprintf(format_help, sizeof format_help, "%s (default text)", srw_explain_formats_text());
    opts[n++] = (cli_opt){"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"};
    opts[n++] = (cli_opt){"use", "USE", &use, NULL, "the use (indication), e.g. 'low back pain'"};
    opts[n++] = (cli_opt){"outcome", "OUTCOME", &outcome, NULL, "the outcome within the use"};
    n += cli_analysis_opts(opts + n, &aa);
    opts[n++] = (cli_opt){"format", "F", &format, NULL, format_help};
    opts[n++] = (cli_opt){"out", "FILE", &out, NULL, "write to FILE (atomically) instead of standard output"};
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw explain [--db PATH] --use USE --outcome OUTCOME [analysis options] "
                              "[--format text|md|html] [--out FILE]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("explain takes no positional arguments (got '%s')", pos[0]);
    if (use == NULL || outcome == NULL)
        return cli_usage_error("explain needs --use and --outcome");
    srw_explain_format f = SRW_EXPLAIN_TEXT;
    if (format != NULL && srw_explain_format_parse(&f, format) != 0)
        return cli_usage_error("--format must be %s (got '%s')", srw_explain_formats_text(), format);
    if (out != NULL && *out == '\0')
        return cli_usage_error("--out needs a file name");
    srw_error err;
    srw_error_clear(&err);
    srw_pool_options base;
    if (cli_analysis_options(&base, &aa, &err) != 0)
        return cli_fail(&err);
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    srw_trace trace;
    srw_trace_init(&trace);
    cli_assessed o;
    srw_buf buf = SRW_BUF_INIT;
    srw_assess_options asked = SRW_ASSESS_OPTIONS_INIT;
    asked.trace = &trace;
    rc = cli_assess_one(&o, s, use, outcome, &base, &asked, 0, &err);
    if (rc == 0) {
        char given[400];
        options_text(given, sizeof given, db, &aa);
        srw_explain_request req = {use, outcome, given};
        rc = srw_report_explain(&buf, &o.as, &trace, o.loaded ? &o.d : NULL, &req, f);
        if (rc != 0)
            SRW_FAIL(&err, rc, "out of memory writing the explanation");
    }
    if (rc == 0 && out != NULL) {
        rc = srw_atomic_write(out, buf.ptr ? buf.ptr : "", buf.len, &err);
    } else if (rc == 0) {
        fwrite(buf.ptr ? buf.ptr : "", 1, buf.len, stdout);
    }
    status = rc == 0 ? CLI_OK : cli_fail(&err);
    srw_buf_dispose(&buf);
    cli_assessed_dispose(&o);
    srw_trace_dispose(&trace);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
