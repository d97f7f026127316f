/* srw simulate: a Monte Carlo study of meta-analysis methods.  Options are
 * parsed here (the study's settings through core's table of them), core
 * runs the replications (srw/simulate.h), io reads and writes the parts of
 * a sharded study (srw/simpart.h), report lays the summary out
 * (srw/simreport.h); this file draws the progress bar and writes files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/simpart.h"
#include "srw/simreport.h"
#include "srw/simulate.h"
#include "util/atomic.h"

static const char usage[] =
    "srw simulate [--measure M] [--k LIST] [--true-tau2 LIST] ... [--format text|csv|json] [--out FILE]\n"
    "                    [--plot FILE.svg] [--shard I/N] [--quiet]\n"
    "       srw simulate --merge PART... [--format text|csv|json] [--out FILE] [--plot FILE.svg]\n\n"
    "A Monte Carlo study of meta-analysis methods: for every k and true tau^2, --reps meta-analyses of\n"
    "k simulated studies, each pooled by every method as srw analyse pools; prints per scenario and\n"
    "method the coverage of the CI and of the prediction interval, the mean CI width, the bias and\n"
    "RMSE of the estimate and of tau^2, and the share of fits that did not converge.  --shard I/N runs\n"
    "part I of N and writes a partial result; --merge combines the parts into the output of the whole\n"
    "run, byte for byte (doc/simulate.md).";

enum { F_TEXT, F_CSV, F_JSON };

/* The progress bar on stderr: redrawn at most ten times a second. */
typedef struct progress {
    double start, last;
    size_t methods;
} progress;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void clock_text(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static int draw_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress *p = ctx;
    double t = now(), el = t - p->start;
    if (done < total && t - p->last < 0.1)
        return 0;
    p->last = t;
    enum { W = 30 };
    double f = total ? (double)done / (double)total : 1.0;
    int fill = (int)(f * W);
    char bar[W + 1], left[32];
    for (int i = 0; i < W; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[W] = '\0';
    double rate = el > 0 ? (double)done * (double)p->methods / el : 0.0;
    clock_text(left, sizeof left, done < total && done > 0 ? el * (double)(total - done) / (double)done : el);
    fprintf(stderr, "\r[%s] %3.0f%%  %llu/%llu replications  %.0f meta-analyses/s  %s %s\033[K", bar, 100.0 * f,
            (unsigned long long)done, (unsigned long long)total, rate, left, done < total ? "left" : "taken");
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
    return 0;
}

/* "I/N" with 1 <= I <= N <= 1000000. */
static int parse_shard(unsigned *part, unsigned *parts, const char *s)
{
    char *end;
    unsigned long i = strtoul(s, &end, 10), n;
    if (end == s || *s < '0' || *s > '9' || *end != '/' || end[1] < '0' || end[1] > '9')
        return -1;
    const char *p = end + 1;
    n = strtoul(p, &end, 10);
    if (*end != '\0' || i < 1 || n > 1000000 || i > n)
        return -1;
    *part = (unsigned)i;
    *parts = (unsigned)n;
    return 0;
}

/* buf to path atomically, or to stdout when path is NULL. */
static int put_output(const char *path, const srw_buf *buf, srw_error *err)
{
    if (buf->oom)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory (the output)");
    if (path != NULL)
        return srw_atomic_write(path, srw_buf_cstr(buf), buf->len, err);
    fwrite(srw_buf_cstr(buf), 1, buf->len, stdout);
    return 0;
}

/* The parts' merge into *r: the first part's study, every other part's
 * blocks added to it.  The parts must be of one split (the same N), each
 * once, and all of them: a missing one is named with the command that
 * runs it. */
static int merge_parts(srw_sim_result *r, char **files, int n, srw_error *err)
{
    unsigned part, parts, first_parts = 0;
    int rc = 0;
    unsigned char *seen = NULL;
    const char **by = NULL;
    for (int i = 0; rc == 0 && i < n; i++) {
        srw_sim_result one, *into = i == 0 ? r : &one;
        if ((rc = srw_simpart_read(into, &part, &parts, files[i], err)) != 0)
            break;
        if (i == 0) {
            first_parts = parts;
            seen = calloc(parts, 1);
            by = calloc(parts, sizeof *by);
            if (seen == NULL || by == NULL)
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory (the parts)");
        } else if (parts != first_parts) {
            rc = SRW_FAIL(err, SRW_EDATA, "%s is part %u of %u, %s part %u of %u: merge the parts of one split",
                          files[i], part, parts, files[0], 1u, first_parts);
        } else if (seen[part - 1]) {
            rc = SRW_FAIL(err, SRW_EDATA, "%s and %s are both part %u of %u", by[part - 1], files[i], part, parts);
        } else if ((rc = srw_sim_result_merge(r, &one, err)) != 0) {
            srw_error_locate(err, files[i], 0, 0, NULL);
        }
        if (rc == 0) {
            seen[part - 1] = 1;
            by[part - 1] = files[i];
        }
        if (i > 0)
            srw_sim_result_dispose(&one);
    }
    for (unsigned p = 0; rc == 0 && p < first_parts; p++)
        if (!seen[p])
            rc = SRW_FAIL(err, SRW_EDATA, "part %u of %u is missing (srw simulate --shard %u/%u with the same options)",
                          p + 1, first_parts, p + 1, first_parts);
    free(seen);
    free(by);
    return rc;
}

/* The study's summary in the chosen format to --out (or stdout), and the
 * chart to --plot. */
static int write_summary(const srw_sim_result *r, int format, const char *out, const char *plot, srw_error *err)
{
    srw_sim_row *rows = calloc(srw_sim_n_rows(r), sizeof *rows);
    if (rows == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory (the summary)");
    srw_buf b = SRW_BUF_INIT;
    int rc = srw_sim_summarise(rows, r, err);
    if (rc == 0) {
        rc = format == F_CSV ? srw_report_sim_csv(&b, r, rows)
             : format == F_JSON ? srw_report_sim_json(&b, r, rows)
                                : srw_report_sim_text(&b, r, rows);
        rc = rc ? SRW_FAIL(err, rc, "out of memory (the output)") : put_output(out, &b, err);
    }
    if (rc == 0 && plot != NULL) {
        srw_buf_clear(&b);
        rc = srw_report_sim_svg(&b, r, rows);
        rc = rc ? SRW_FAIL(err, rc, "out of memory (the chart)") : put_output(plot, &b, err);
    }
    srw_buf_dispose(&b);
    free(rows);
    return rc;
}

/* A part's partial result to --out (atomically) or stdout. */
static int write_part(const srw_sim_result *r, unsigned part, unsigned parts, const char *out, srw_error *err)
{
    if (out == NULL)
        return srw_simpart_write(stdout, r, part, parts, err);
    srw_atomic a = {0};
    int rc = srw_atomic_open(&a, out, err);
    if (rc == 0 && (rc = srw_simpart_write(a.f, r, part, parts, err)) == 0)
        rc = srw_atomic_commit(&a, err);
    srw_atomic_dispose(&a);
    return rc;
}

int cmd_simulate(int argc, char **argv)
{
    size_t n_set;
    const srw_sim_setting *set = srw_sim_settings(&n_set);
    const char *given[16] = {0};
    const char *format = NULL, *out = NULL, *plot = NULL, *shard = NULL;
    int merge = 0, quiet = 0;
    cli_opt opts[16 + 7];
    size_t n = 0;
    for (size_t i = 0; i < n_set && i < 16; i++)
        opts[n++] = (cli_opt){set[i].key, set[i].arg, &given[i], NULL, set[i].help};
    opts[n++] = (cli_opt){"format", "F", &format, NULL, "text (default), csv or json"};
    opts[n++] = (cli_opt){"out", "FILE", &out, NULL, "write the summary (or the part) to FILE (default stdout)"};
    opts[n++] = (cli_opt){"plot", "FILE.svg", &plot, NULL, "also draw coverage against k (SVG)"};
    opts[n++] = (cli_opt){"shard", "I/N", &shard, NULL, "run part I of N and write a partial result"};
    opts[n++] = (cli_opt){"merge", NULL, NULL, &merge, "combine the partial results PART... into the summary"};
    opts[n++] = (cli_opt){"quiet", NULL, NULL, &quiet, "no progress bar (there is none unless stderr is a terminal)"};
    opts[n] = (cli_opt){NULL, NULL, NULL, NULL, NULL};
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (pos == NULL)
        return cli_usage_error("out of memory");
    int n_pos = 0, rc = cli_parse(argc, argv, opts, usage, pos, &n_pos);
    srw_error err;
    srw_error_clear(&err);
    srw_sim_result r = {0};
    unsigned part = 1, parts = 1;
    int fmt = F_TEXT;
    if (rc >= 0)
        goto done;
    rc = CLI_USAGE;
    if (format != NULL && strcasecmp(format, "text") != 0 && strcasecmp(format, "csv") != 0 &&
        strcasecmp(format, "json") != 0) {
        cli_usage_error("--format must be text, csv or json (got '%s')", format);
        goto done;
    }
    fmt = format == NULL || strcasecmp(format, "text") == 0 ? F_TEXT : strcasecmp(format, "csv") == 0 ? F_CSV : F_JSON;
    if (shard != NULL && parse_shard(&part, &parts, shard) != 0) {
        cli_usage_error("--shard must be I/N, part I of N with 1 <= I <= N <= 1000000 (got '%s')", shard);
        goto done;
    }
    if (merge) {
        for (size_t i = 0; i < n_set; i++)
            if (given[i] != NULL) {
                cli_usage_error("--%s comes from the parts with --merge (the settings they were run with)",
                                set[i].key);
                goto done;
            }
        if (shard != NULL || n_pos == 0) {
            cli_usage_error(shard ? "--shard and --merge do not go together: merge the parts once all have run"
                                  : "--merge needs the partial results to combine (srw simulate --merge PART...)");
            goto done;
        }
        rc = merge_parts(&r, pos, n_pos, &err) ? cli_fail(&err) : CLI_OK;
    } else {
        if (n_pos > 0) {
            cli_usage_error("srw simulate takes no file '%s' (to combine partial results: --merge)", pos[0]);
            goto done;
        }
        if (shard != NULL && (format != NULL || plot != NULL)) {
            cli_usage_error("--%s needs the whole study: give it to srw simulate --merge", format ? "format" : "plot");
            goto done;
        }
        srw_sim_options o = SRW_SIM_OPTIONS_INIT;
        for (size_t i = 0; i < n_set; i++)
            if (given[i] != NULL && srw_sim_options_set(&o, set[i].key, given[i], &err) != 0) {
                rc = cli_fail(&err);
                goto done;
            }
        for (size_t i = 0; i < n_set; i++)
            if (given[i] != NULL && strcmp(set[i].key, "baseline-risk") == 0 && o.measure != SRW_MEASURE_RR &&
                o.measure != SRW_MEASURE_OR) {
                cli_usage_error("--baseline-risk is for RR and OR: --measure %s draws no events",
                                srw_measure_name(o.measure));
                goto done;
            }
        progress pr = {now(), 0.0, o.n_methods};
        int bar = !quiet && isatty(STDERR_FILENO);
        if (srw_sim_result_init(&r, &o, &err) != 0 ||
            srw_sim_run(&r, part, parts, bar ? draw_progress : NULL, &pr, &err) != 0) {
            rc = cli_fail(&err);
            goto done;
        }
        rc = CLI_OK;
        if (shard != NULL) {
            rc = write_part(&r, part, parts, out, &err) ? cli_fail(&err) : CLI_OK;
            goto done;
        }
    }
    if (rc == CLI_OK && write_summary(&r, fmt, out, plot, &err) != 0)
        rc = cli_fail(&err);
done:
    srw_sim_result_dispose(&r);
    free(pos);
    return rc;
}
