/* srw merge: bring another reviewer's database file in, never overwriting;
 * differences show in srw reconcile. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"

int cmd_merge(int argc, char **argv)
{
    const char *db = NULL, *who = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database to merge into (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "who merges, for the audit trail " CLI_REVIEWER_DEFAULT},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, "srw merge [--db PATH] OTHER.db", pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos != 1)
        return cli_usage_error("merge needs exactly one other review database");
    const char *merger = cli_who(who);
    if (merger == NULL)
        return cli_no_reviewer();
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_merge_stats st;
    if (srw_store_merge(s, pos[0], merger, &st, &err) != 0) {
        status = cli_fail(&err);
    } else {
        if (st.n_rob2 == 0)
            printf("%s: %zu records and %zu risk-of-bias judgements merged, %zu already here, %zu conflicts"
                   " (see srw reconcile); %zu audit trail entries copied\n",
                   pos[0], st.n_records, st.n_rob, st.n_identical, st.n_conflicts, st.n_audit);
        else
            printf("%s: %zu records, %zu risk-of-bias judgements and %zu RoB 2 judgements merged, %zu already here,"
                   " %zu conflicts (see srw reconcile); %zu audit trail entries copied\n",
                   pos[0], st.n_records, st.n_rob, st.n_rob2, st.n_identical, st.n_conflicts, st.n_audit);
        if (st.n_filled > 0)
            printf("%zu settings and results this file lacked are taken from %s:\n", st.n_filled, pos[0]);
        for (size_t i = 0; i < st.n_filled; i++)
            printf("  %s\n", st.filled[i]);
        if (st.n_kept > 0)
            printf("%zu settings differ and are kept as they are here:\n", st.n_kept);
        for (size_t i = 0; i < st.n_kept; i++)
            printf("  %s\n", st.kept[i]);
    }
    srw_merge_stats_dispose(&st);
    srw_store_close(s);
    return status;
}
