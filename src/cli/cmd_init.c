/* srw init: create or migrate a review database. */
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_init(int argc, char **argv)
{
    const char *db = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database to create (default $SRW_DB or review.db)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, "srw init [--db PATH]", pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("init takes no arguments (got '%s')", pos[0]);
    srw_error err;
    srw_error_clear(&err);
    srw_store *s = NULL;
    const char *path = cli_db_path(db);
    if (srw_store_open(&s, path, 1, &err) != 0)
        return cli_fail(&err);
    printf("review database %s ready (schema version %d)\n", path, srw_store_schema_version(s));
    srw_store_close(s);
    return CLI_OK;
}
