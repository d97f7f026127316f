/* The subcommands, one file each (cmd_<name>.c). */
#ifndef SRW_CLI_COMMANDS_H
#define SRW_CLI_COMMANDS_H

#include <stddef.h>

#include "srw/record.h"
#include "srw/store.h"

int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_analyse(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_rob(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_reconcile(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_simulate(int argc, char **argv);

/* Shared by add and edit (cmd_add.c): base with fields set, validated by the
 * import's rules, written as reviewer's extraction; prints what happened. */
int cli_write_record(srw_store *s, const srw_record *base, const char *const *fields, const char *const *values,
                     size_t n, const char *reviewer, const char *action, const char *reason);

#endif
