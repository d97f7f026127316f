/* srw analyse's output and its pass over every outcome (--all), shared by
 * cmd_analyse.c and analyse_all.c. */
#ifndef SRW_CLI_ANALYSE_H
#define SRW_CLI_ANALYSE_H

#include <stdio.h>

#include "cli/cli.h"
#include "srw/analysis_json.h"
#include "srw/report.h"

/* Where analyses go: text to `text`, or JSON through the writer into buf.
 * With stream set, buf goes to stdout as it fills (memory stays flat);
 * else it is kept (one part of an --all pass done by another thread). */
typedef struct cli_analyse_out {
    int json, jsonl, stream;
    FILE *text;
    srw_buf buf;
    srw_json_writer w;
} cli_analyse_out;

/* One assessed outcome, printed as text or written as JSON (an element of
 * the array, or a line).  d NULL: srw holds no trials for it, only
 * published results. */
int cli_analyse_print(const srw_assessment *as, const srw_outcome_data *d, const char *use, const char *outcome,
                      cli_analyse_out *out, srw_error *err);

/* out's buffer to stdout: at once with all set, else once it holds 64 KiB. */
int cli_analyse_flush(cli_analyse_out *out, int all, srw_error *err);

/* Every outcome of every use (or of use), each assessed by the same code
 * as one outcome (cli_assess_data) and printed through out.  jobs > 1:
 * that many threads, each with its own connection to the review at path
 * (one snapshot for all, read while s holds the write lock a moment),
 * share the outcomes; the output is the same as with one. */
int cli_analyse_all(srw_store *s, const char *path, const char *use, const srw_pool_options *base,
                    const srw_assess_options *asked, unsigned jobs, cli_analyse_out *out, srw_error *err);

#endif
