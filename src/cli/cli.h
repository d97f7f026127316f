/* Shared pieces of srw's subcommands: option parsing, errors, output. */
#ifndef SRW_CLI_H
#define SRW_CLI_H

#include <stdio.h>

#include "srw/error.h"
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

/* "srw: message" on stderr for an srw_error; returns the exit status that
 * fits its code (CLI_USAGE for SRW_EUSAGE, else CLI_DATA). */
int cli_fail(const srw_error *err);
/* "srw: message" for a usage problem; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* --db, else $SRW_DB, else review.db */
const char *cli_db_path(const char *opt);
/* --reviewer, else $USER, else "unknown" */
const char *cli_who(const char *opt);

/* Open an existing review database (errors printed); NULL on failure. */
srw_store *cli_open_store(const char *db_opt, int *status);

/* Finish stdout: flush and report a write error (e.g. a full disk). */
int cli_finish_stdout(int status);

/* Print a table aligned as text, or as a JSON array of objects. */
int cli_print_table(const srw_table *t, int json);

#endif
