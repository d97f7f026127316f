/* srw: dispatch to a subcommand.  main only dispatches. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const cli_command commands[] = {
    {"init", cmd_init, "create (or migrate) a review database"},
    {"import", cmd_import, "import trial records, published results or use settings from CSV, or a RevMan review"},
    {"list", cmd_list, "show what the review holds: uses, outcomes, studies, records, published"},
    {"analyse", cmd_analyse, "meta-analyse one outcome, or every outcome (--all)"},
    {"explain", cmd_explain, "walk through one outcome's analysis, GRADE and verdict with its numbers"},
    {"verify", cmd_verify, "recompute analyses imported from RevMan and compare with RevMan's results"},
    {"report", cmd_report, "write the evidence report (verdicts, GRADE, forest plots)"},
    {"add", cmd_add, "enter or change one reviewer's record (field=value, or asked field by field)"},
    {"edit", cmd_edit, "change fields of a reviewer's record"},
    {"remove", cmd_remove, "withdraw a reviewer's record (--reason; kept in the history)"},
    {"rob", cmd_rob, "record a reviewer's risk-of-bias judgements of a study (RoB 1) or a result (RoB 2)"},
    {"export", cmd_export, "write the records in the import format (CSV) or as JSON"},
    {"history", cmd_history, "show the audit trail: who changed what, when and why"},
    {"reconcile", cmd_reconcile, "compare reviewers' extractions; adjudicate (--accept, --set)"},
    {"merge", cmd_merge, "bring another reviewer's database file in (never overwriting)"},
    {"simulate", cmd_simulate, "a Monte Carlo study of meta-analysis methods (coverage, bias, RMSE)"},
    {NULL, NULL, NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: srw COMMAND [options]   (srw COMMAND --help for its options)\n\ncommands:\n");
    for (const cli_command *c = commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fprintf(f, "\nEvery command on a review takes --db PATH (default: $SRW_DB, else review.db).\n"
               "Exit status: 0 success, 1 data error, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("srw %s\n", SRW_VERSION);
        return CLI_OK;
    }
    srw_store_process_init();
    for (const cli_command *c = commands; c->name; c++)
        if (strcmp(argv[1], c->name) == 0)
            return cli_finish_stdout(c->run(argc - 1, argv + 1));
    fprintf(stderr, "srw: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
