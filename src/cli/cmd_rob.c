/* srw rob: a reviewer's risk-of-bias judgements of one study (Cochrane
 * RoB 1 domains, with or without the rob_ prefix), with the support text. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"

int cmd_rob(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *study = NULL, *support = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "whose judgements these are (default $USER)"},
        {"study", "S", &study, NULL, "the study label"},
        {"support", "TEXT", &support, NULL, "support for the judgements (quote from the report, page; \"\" clears it)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw rob [--db PATH] --reviewer NAME --study S domain=low|high|unclear ...\n"
                              "  [--support TEXT]   domains: sequence, allocation, blinding_participants,\n"
                              "  blinding_assessors, incomplete, selective, other (rob_ prefix optional)",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (study == NULL)
        return cli_usage_error("rob needs --study");
    if (n_pos == 0)
        return cli_usage_error("rob needs at least one domain=low|high|unclear");
    srw_rob_judgement rob[SRW_ROB_N] = {SRW_ROB_UNSET};
    for (int i = 0; i < n_pos; i++) {
        char *eq = strchr(pos[i], '=');
        if (eq == NULL)
            return cli_usage_error("'%s' is not domain=judgement", pos[i]);
        *eq = '\0';
        int d = srw_rob_domain_parse(pos[i]);
        if (d < 0)
            return cli_usage_error(
                "unknown risk-of-bias domain '%s' (sequence, allocation, blinding_participants, "
                "blinding_assessors, incomplete, selective, other)",
                pos[i]);
        if (rob[d] != SRW_ROB_UNSET) /* the import refuses a repeated column too */
            return cli_usage_error("%s is judged twice in one command", pos[i]);
        rob[d] = srw_rob_judgement_parse(eq + 1);
        if (rob[d] == SRW_ROB_UNSET)
            return cli_usage_error("%s: '%s' is not low, high or unclear", pos[i], eq + 1);
    }
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    const char *reviewer = cli_who(who);
    if (srw_store_set_rob(s, study, reviewer, rob, support, &err) != 0)
        status = cli_fail(&err);
    else
        for (int d = 0; d < SRW_ROB_N; d++)
            if (rob[d] != SRW_ROB_UNSET)
                printf("%s: %s: %s (%s)\n", study, srw_rob_domain_label((srw_rob_domain)d),
                       srw_rob_judgement_name(rob[d]), reviewer);
    srw_store_close(s);
    return status;
}
