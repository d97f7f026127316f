/* srw report: write the evidence report.  Options only (the analysis ones
 * shared with srw analyse, cli.h): the report module builds and writes
 * everything (include/srw/report.h); this file draws its progress bar. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/report.h"

/* The progress bar on stderr, when stderr is a terminal and the report has
 * taken more than a second: a short report shows nothing. */
typedef struct progress {
    double start, last;
    int drawn;
} progress;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void draw_progress(void *ctx, const char *stage, size_t done, size_t total)
{
    progress *p = ctx;
    double t = now();
    /* At most ten redraws a second, none in the first second. */
    if (t - p->start < 1.0 || (t - p->last < 0.1 && done < total))
        return;
    p->last = t;
    p->drawn = 1;
    enum { W = 30 };
    double f = total ? (double)done / (double)total : 1.0;
    char bar[W + 1];
    for (int i = 0; i < W; i++)
        bar[i] = i < (int)(f * W) ? '#' : '.';
    bar[W] = '\0';
    fprintf(stderr, "\r[%s] %3.0f%%  %s %zu of %zu %s\033[K", bar, 100.0 * f, stage, done, total,
            stage[0] == 'a' ? "outcomes" : "uses");
    fflush(stderr);
}

int cmd_report(int argc, char **argv)
{
    const char *db = NULL, *out = NULL, *use = NULL, *format = NULL;
    int all_figures = 0;
    cli_analysis_args aa = {0};
    cli_sens_args sa = {0};
    cli_opt opts[7 + CLI_ANALYSIS_N_OPTS];
    size_t n = 0;
    opts[n++] = (cli_opt){"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"};
    opts[n++] = (cli_opt){"out", "DIR", &out, NULL,
                          "output folder, made with its parents (default reports); the run's report replaces it "
                          "whole"};
    opts[n++] = (cli_opt){"use", "USE", &use, NULL, "a report of this use alone (name, id or start, as srw analyse)"};
    /* The formats' names from the report's table of formats. */
    char formats[120], all[60], format_help[200], usage[200];
    srw_report_formats_text(formats, sizeof formats);
    srw_report_formats_all(all, sizeof all);
    snprintf(format_help, sizeof format_help, "%s (default %s)", formats, all);
    snprintf(usage, sizeof usage, "srw report [--db PATH] [--out DIR] [--use USE] [--format %s] [--all-figures] [options]",
             all);
    opts[n++] = (cli_opt){"format", "LIST", &format, NULL, format_help};
    opts[n++] = (cli_opt){"all-figures", NULL, NULL, &all_figures,
                          "forest and funnel plots of every outcome (default: every outcome's up to "
                          SRW_REPORT_ALL_FIGURES_UPTO_TEXT " outcomes, else each use's primary outcome's and those "
                          "rated critical)"};
    n += cli_analysis_opts(opts + n, &aa);
    opts[n++] = cli_sens_opt(&sa, SRW_SENS_CHOICES_SORT);
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, usage, pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("report takes no positional arguments (got '%s')", pos[0]);
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    o.use = use;
    o.all_figures = all_figures;
    progress pr = {now(), 0.0, 0};
    if (isatty(STDERR_FILENO)) {
        o.progress = draw_progress;
        o.progress_ctx = &pr;
    }
    srw_error err;
    srw_error_clear(&err);
    /* The same options, parsed by the same code, as srw analyse: the report
     * and analyse agree when given the same settings. */
    if (cli_analysis_options(&o.pool, &aa, &err) != 0)
        return cli_fail(&err);
    srw_sens_options sens;
    if (cli_sens_options(&sens, &sa, &err) != 0)
        return cli_fail(&err);
    o.sort = sens.sort;
    if (format && srw_report_formats_parse(&o.formats, format) != 0)
        return cli_usage_error("--format must be %s (got '%s')", formats, format);
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &o.use, NULL, 0, &names, &status);
    if (s == NULL)
        return status;
    /* One line per use written, then the index: what to open. */
    srw_report_written w = {0};
    const char *dir = out ? out : "reports";
    o.written = &w;
    rc = srw_report_write(s, dir, &o, &err);
    if (pr.drawn) /* the bar's line ends before anything else is said */
        fputs("\r\033[K", stderr);
    if (rc != 0) {
        status = cli_fail(&err);
    } else {
        const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
        for (size_t i = 0; i < w.n_uses; i++)
            printf("%s%s%s: %s: %s\n", dir, sep, w.uses[i].page, w.uses[i].use, w.uses[i].verdict);
        printf("%s%s%s: the index of %zu use%s (%zu files in %s)\n", dir, sep, w.index, w.n_uses,
               w.n_uses == 1 ? "" : "s", w.n_files, dir);
    }
    srw_report_written_dispose(&w);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
