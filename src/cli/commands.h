/* The subcommands, one file each (cmd_<name>.c). */
#ifndef SRW_CLI_COMMANDS_H
#define SRW_CLI_COMMANDS_H

int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_analyse(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
