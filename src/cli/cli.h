/* Shared pieces of srw's subcommands: option parsing, errors, output. */
#ifndef SRW_CLI_H
#define SRW_CLI_H

#include <stdio.h>

#include "srw/assess.h"
#include "srw/error.h"
#include "srw/import.h"
#include "srw/pool.h"
#include "srw/sensitivity.h"
#include "srw/store.h"

/* Exit statuses: 0 success, 1 data error, 2 usage error. */
enum { CLI_OK = 0, CLI_DATA = 1, CLI_USAGE = 2 };

typedef struct cli_opt {
    const char *name;   /* without the leading "--" */
    const char *arg;    /* NULL for a flag, else the argument's name for --help */
    const char **value; /* where an argument goes (last one wins) */
    int *flag;          /* set to 1 when a flag is given */
    const char *help;
} cli_opt;

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* Parse argv[1..] of a subcommand.  Positional arguments are collected in
 * order into pos (which must hold argc entries).  Returns -1 to continue,
 * or an exit status (CLI_OK after --help, CLI_USAGE on a bad option). */
int cli_parse(int argc, char **argv, const cli_opt *opts, const char *usage, char **pos, int *n_pos);

/* A repeatable option (--moderator A --moderator B): every value of
 * --name (or --name=V) taken out of argv[1..*argc) into out (room for
 * *argc), *n counting them, the rest kept in order for cli_parse (whose
 * table still lists the option, for --help).  Returns -1 to continue, or
 * CLI_USAGE when the last one has no value. */
int cli_take_repeated(int *argc, char **argv, const char *name, const char **out, size_t *n);

/* "srw: message" on stderr for an srw_error; returns the exit status that
 * fits its code (CLI_USAGE for SRW_EUSAGE, else CLI_DATA). */
int cli_fail(const srw_error *err);
/* "srw: message" for a usage problem; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The analysis options `srw analyse` and `srw report` share: --profile,
 * --measure, --smd, --model, --method, --tau2, --ci (one per list of core's
 * choice tables, srw/pool.h), --level, --max-iter and --total.  Their help text and
 * their errors ("--tau2 must be DL, REML, PM, ML, SJ, HE or EB (got 'X')")
 * are generated from the tables. */
typedef struct cli_analysis_args {
    const char *choice[SRW_CHOICES_N]; /* as given, NULL when not */
    const char *level, *max_iter;
    int total;                         /* --total: pool a total the review does not report */
    char help[SRW_CHOICES_N][200];
} cli_analysis_args;

enum { CLI_ANALYSIS_N_OPTS = SRW_CHOICES_N + 3 };

/* Write the options' rows (CLI_ANALYSIS_N_OPTS of them) into opts; they
 * point into *a, which must outlive cli_parse.  Returns the rows written. */
size_t cli_analysis_opts(cli_opt *opts, cli_analysis_args *a);
/* SRW_POOL_OPTIONS_INIT with the options given; SRW_EUSAGE with a message
 * naming the option on a value it does not take. */
int cli_analysis_options(srw_pool_options *out, const cli_analysis_args *a, srw_error *err);
/* 1 when any analysis option was given. */
int cli_analysis_given(const cli_analysis_args *a);

/* The sensitivity options of srw analyse (cli_sens.c): --sort (the forest
 * plot's rows, which srw report takes too: cli_sens_opt), --leave-one-out,
 * --cumulative [--order], --influence, --small-study, --trim-fill [--side]
 * [--estimator] and --sensitivity (all five); names, help and errors from
 * core's choice tables. */
typedef struct cli_sens_args {
    const char *choice[SRW_SENS_CHOICES_N];
    int flag[6];
    char help[SRW_SENS_CHOICES_N][200];
} cli_sens_args;

enum { CLI_SENS_N_OPTS = 10 };

/* The row of one choice list's option, pointing into *a. */
cli_opt cli_sens_opt(cli_sens_args *a, srw_sens_choice_list l);
/* Every row (CLI_SENS_N_OPTS of them) into opts; returns the rows written. */
size_t cli_sens_opts(cli_opt *opts, cli_sens_args *a);
/* SRW_SENS_OPTIONS_INIT with the options given; SRW_EUSAGE naming the
 * option on a value it does not take, or on --order, --side or --estimator
 * without the analysis they belong to. */
int cli_sens_options(srw_sens_options *out, const cli_sens_args *a, srw_error *err);

/* One outcome of one use, loaded and assessed as `srw analyse` shows it
 * (assess_one.c): its data (loaded = 0 when srw holds no trials of it, only
 * published results), the use's settings and published results, and the
 * assessment (srw_assess_outcome with the pooling options base over the
 * rest of asked (NULL: the defaults): the sensitivity analyses, forest
 * order, subgroup variable, moderators and trace it names).  Fails with the
 * error analyse prints: an outcome it does not know (SRW_ENOTFOUND), no
 * records to analyse, a measure that does not fit, a published result core
 * cannot compare, and unless all_outcomes a subgroup variable or moderator
 * the outcome lacks (SRW_EUSAGE).  The caller disposes *o whatever it returns. */
typedef struct cli_assessed {
    int loaded;
    srw_outcome_data d;
    srw_use_info ui;
    srw_published_list pubs;
    srw_assessment as;
} cli_assessed;

int cli_assess_one(cli_assessed *o, srw_store *s, const char *use, const char *outcome,
                   const srw_pool_options *base, const srw_assess_options *asked, int all_outcomes, srw_error *err);
void cli_assessed_dispose(cli_assessed *o);
/* The assessment alone, of data already loaded (d NULL: only published
 * results; srw analyse --all's scan gives them), with the same options and
 * the same errors as cli_assess_one.  The caller disposes *as whatever it
 * returns. */
int cli_assess_data(srw_assessment *as, const srw_outcome_data *d, const srw_use_info *ui,
                    const srw_published_list *pubs, const char *use, const char *outcome,
                    const srw_pool_options *base, const srw_assess_options *asked, int all_outcomes, srw_error *err);

/* --db, else $SRW_DB, else review.db */
const char *cli_db_path(const char *opt);
/* s as a whole number from lo to hi into *out: 0, or -1 when it is not. */
int cli_whole_number(const char *s, long lo, long hi, long *out);
/* The processors online, 1 to most. */
unsigned cli_cpus(unsigned most);
/* Who is the reviewer, one rule for every command that records one:
 * --reviewer, else $SRW_REVIEWER, else $USER; NULL when none is set, and
 * the command refuses (cli_no_reviewer) rather than record "unknown" (a
 * record of "unknown" could not be edited by its real reviewer). */
const char *cli_who(const char *opt);
/* "srw: who is the reviewer? ..." with the fix; returns CLI_USAGE. */
int cli_no_reviewer(void);
/* The rule, for --help: "(default $SRW_REVIEWER, else $USER)". */
#define CLI_REVIEWER_DEFAULT "(default $SRW_REVIEWER, else $USER)"

/* --use and --outcome as people type them, the same for every command
 * (srw_store_find_use and _outcome: any letter case or spacing, the short
 * id srw list shows, RevMan's analysis number, the start of one name):
 * *use and *outcome (either pointer, or what it points at, may be NULL)
 * become the stored names, owned by keep (cli_names_dispose).  new_ok
 * (srw add, which may add a use or an outcome): no name is taken from its
 * start, and a name that means none stays as given.  CLI_OK, or the error
 * printed and its exit status (keep then holds nothing). */
typedef struct cli_names {
    char *use, *outcome;
} cli_names;
int cli_find_names(srw_store *s, const char **use, const char **outcome, int new_ok, cli_names *keep);
/* cli_open_store, then cli_find_names: the store with the names found, or
 * NULL with *status the exit status (the error printed, the store closed). */
srw_store *cli_open_named(const char *db_opt, const char **use, const char **outcome, int new_ok, cli_names *keep,
                          int *status);
void cli_names_dispose(cli_names *keep);

/* Open an existing review database (errors printed); NULL on failure. */
srw_store *cli_open_store(const char *db_opt, int *status);

/* What srw import prints of its result (src/cli/import_lines.c): a line
 * per file and the changes unless quiet, then the review's counts. */
void cli_import_print(const srw_import_result *res, int quiet);

/* "1 use", "2 uses": k and the word it takes, into buf; returns buf. */
const char *cli_count(char *buf, size_t n, long long k, const char *one, const char *many);

/* Finish stdout: flush and report a write error (e.g. a full disk), unless
 * the command failed already (it has said why). */
int cli_finish_stdout(int status);

/* Print a table aligned as text, or as a JSON array of objects.  Names
 * (ids, uses, outcomes, studies, claims) are shown whole: they are what
 * people type back; other text over 60 characters (a source) is cut with
 * "..." unless wide. */
int cli_print_table(const srw_table *t, int json, int wide);

#endif
