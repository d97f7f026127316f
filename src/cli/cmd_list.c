/* srw list: what the review holds, as aligned text or JSON. */
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/commands.h"

int cmd_list(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, wide = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"json", NULL, NULL, &json, "print JSON (an array of objects)"},
        {"wide", NULL, NULL, &wide, "show long texts (sources, notes) whole; names are always whole"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw list [--db PATH] [--json] [--wide] "
                              "[uses|outcomes|studies|records|extractions|published|claims|rob2]\n"
                              "  uses and outcomes show each one's id (u3, o12), which --use and --outcome take,\n"
                              "  and an imported RevMan analysis's number (1.1)",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 1)
        return cli_usage_error("list takes one of uses, outcomes, studies, records, extractions, published, claims, rob2");
    /* What to list in any letter case, as every option value. */
    char what[16] = "uses";
    if (n_pos == 1) {
        size_t n = strlen(pos[0]);
        if (n >= sizeof what)
            n = sizeof what - 1;
        for (size_t i = 0; i < n; i++)
            what[i] = pos[0][i] >= 'A' && pos[0][i] <= 'Z' ? (char)(pos[0][i] + 32) : pos[0][i];
        what[n] = '\0';
        if (strcasecmp(what, pos[0]) != 0) /* longer than any list's name: say it as given */
            return cli_usage_error("cannot list '%s' (uses, outcomes, studies, records, extractions, published, "
                                   "claims or rob2)",
                                   pos[0]);
    }
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_table t = {0};
    if (srw_store_list(s, what, &t, &err) != 0)
        status = cli_fail(&err);
    else
        cli_print_table(&t, json, wide);
    srw_table_dispose(&t);
    srw_store_close(s);
    return status;
}
