/* srw history: the audit trail (who, when, what: old and new value, why). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"

int cmd_history(int argc, char **argv)
{
    const char *db = NULL, *study = NULL;
    int json = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"study", "S", &study, NULL, "only this study's entries"},
        {"json", NULL, NULL, &json, "print JSON (an array of objects)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, "srw history [--db PATH] [--study S] [--json]", pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("history takes no arguments (got '%s')", pos[0]);
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_table t = {0};
    if (srw_store_history(s, study, &t, &err) != 0)
        status = cli_fail(&err);
    else
        cli_print_table(&t, json, 0);
    srw_table_dispose(&t);
    srw_store_close(s);
    return status;
}
