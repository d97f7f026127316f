/* srw list: what the review holds, as aligned text or JSON. */
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_list(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"json", NULL, NULL, &json, "print JSON (an array of objects)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw list [--db PATH] [--json] [uses|outcomes|studies|records|extractions|published|rob2]", pos,
                              &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 1)
        return cli_usage_error("list takes one of uses, outcomes, studies, records, extractions, published, rob2");
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_table t = {0};
    if (srw_store_list(s, n_pos ? pos[0] : "uses", &t, &err) != 0)
        status = cli_fail(&err);
    else
        cli_print_table(&t, json);
    srw_table_dispose(&t);
    srw_store_close(s);
    return status;
}
