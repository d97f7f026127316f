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
        char r[48], b[64], b2[64], c[48], a[64];
        cli_count(r, sizeof r, (long long)st.n_records, "record", "records");
        cli_count(b, sizeof b, (long long)st.n_rob, "risk-of-bias judgement", "risk-of-bias judgements");
        cli_count(b2, sizeof b2, (long long)st.n_rob2, "RoB 2 judgement", "RoB 2 judgements");
        cli_count(c, sizeof c, (long long)st.n_conflicts, "conflict", "conflicts");
        cli_count(a, sizeof a, (long long)st.n_audit, "audit trail entry", "audit trail entries");
        if (st.n_rob2 == 0)
            printf("%s: %s and %s merged, %zu already here, %s (see srw reconcile); %s copied\n", pos[0], r, b,
                   st.n_identical, c, a);
        else
            printf("%s: %s, %s and %s merged, %zu already here, %s (see srw reconcile); %s copied\n", pos[0], r, b,
                   b2, st.n_identical, c, a);
        if (st.n_filled == 1)
            printf("1 setting or result this file lacked is taken from %s:\n", pos[0]);
        else if (st.n_filled > 1)
            printf("%zu settings and results this file lacked are taken from %s:\n", st.n_filled, pos[0]);
        for (size_t i = 0; i < st.n_filled; i++)
            printf("  %s\n", st.filled[i]);
        if (st.n_kept == 1)
            printf("1 setting differs and is kept as it is here:\n");
        else if (st.n_kept > 1)
            printf("%zu settings differ and are kept as they are here:\n", st.n_kept);
        for (size_t i = 0; i < st.n_kept; i++)
            printf("  %s\n", st.kept[i]);
    }
    srw_merge_stats_dispose(&st);
    srw_store_close(s);
    return status;
}
