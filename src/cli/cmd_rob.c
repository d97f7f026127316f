/* srw rob: a reviewer's risk-of-bias judgements, with their support text.
 * --tool rob1 (the default): of a study, Cochrane RoB 1 domains; --tool
 * rob2: of a result (--use, --outcome and the study), the five RoB 2
 * domains and the overall, with the check of a given overall. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"
#include "srw/rob.h"

#define ROB1_DOMAINS "sequence, allocation, blinding_participants, blinding_assessors, incomplete, selective, other"
#define ROB2_ITEMS "randomisation, deviations, missing, measurement, selection, overall"

static int rob1(const char *db, const char *reviewer, const char *study, const char *support, char **pos,
                int n_pos)
{
    srw_rob_judgement rob[SRW_ROB_N] = {SRW_ROB_UNSET};
    for (int i = 0; i < n_pos; i++) {
        char *eq = strchr(pos[i], '=');
        *eq = '\0';
        int d = srw_rob_domain_parse(pos[i]);
        if (d < 0)
            return cli_usage_error("unknown risk-of-bias domain '%s' (" ROB1_DOMAINS ")", pos[i]);
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

static int rob2(const char *db, const char *reviewer, const char *use, const char *outcome, const char *study,
                const char *support, char **pos, int n_pos)
{
    srw_rob2_judgement rob[SRW_ROB2_ITEMS] = {SRW_ROB2_UNSET}, now[SRW_ROB2_ITEMS];
    for (int i = 0; i < n_pos; i++) {
        char *eq = strchr(pos[i], '=');
        *eq = '\0';
        int d = srw_rob2_item_parse(pos[i]);
        if (d < 0)
            return cli_usage_error("unknown RoB 2 domain '%s' (" ROB2_ITEMS ")", pos[i]);
        if (rob[d] != SRW_ROB2_UNSET)
            return cli_usage_error("%s is judged twice in one command", pos[i]);
        rob[d] = srw_rob2_judgement_parse(eq + 1);
        if (rob[d] == SRW_ROB2_UNSET)
            return cli_usage_error("%s: '%s' is not low, some_concerns or high", pos[i], eq + 1);
    }
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    if (srw_store_set_rob2(s, use, outcome, study, reviewer, rob, support, now, &err) != 0) {
        status = cli_fail(&err);
    } else {
        for (int d = 0; d < SRW_ROB2_ITEMS; d++)
            if (rob[d] != SRW_ROB2_UNSET)
                printf("%s / %s: %s: %s (%s)\n", outcome, study, srw_rob2_item_label(d),
                       srw_rob2_judgement_name(rob[d]), reviewer);
        /* Said as an import says it; the judgements are kept. */
        char why[600];
        if (srw_rob2_overall_check(now, why, sizeof why))
            printf("  warning: %s / %s / %s: %s\n", use, outcome, study, why);
    }
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}

int cmd_rob(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *study = NULL, *support = NULL, *tool = NULL, *use = NULL,
               *outcome = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "whose judgements these are " CLI_REVIEWER_DEFAULT},
        {"tool", "rob1|rob2", &tool, NULL, "Cochrane RoB 1 (of a study; the default) or RoB 2 (of a result)"},
        {"use", "U", &use, NULL, "RoB 2: the use of the outcome"},
        {"outcome", "O", &outcome, NULL, "RoB 2: the outcome whose result is judged"},
        {"study", "S", &study, NULL, "the study label (or give it as an argument)"},
        {"support", "TEXT", &support, NULL,
         "support for the judgements (quote from the report, page; \"\" clears it; not for a RoB 2 overall)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw rob [--db PATH] [--reviewer NAME] --study S domain=low|high|unclear ...\n"
                              "       srw rob --tool rob2 --use U --outcome O [--study] S domain=low|some_concerns|high ...\n"
                              "  [--support TEXT]   RoB 1 domains: " ROB1_DOMAINS " (rob_ prefix optional);\n"
                              "  RoB 2: " ROB2_ITEMS " (rob2_ prefix optional)",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    int is_rob2 = tool != NULL && strcasecmp(tool, "rob2") == 0;
    if (tool != NULL && !is_rob2 && strcasecmp(tool, "rob1") != 0)
        return cli_usage_error("--tool takes rob1 or rob2 (got '%s')", tool);
    /* The study may stand alone among the judgements. */
    int n_j = 0;
    for (int i = 0; i < n_pos; i++) {
        if (strchr(pos[i], '=') != NULL) {
            pos[n_j++] = pos[i];
        } else if (study == NULL) {
            study = pos[i];
        } else {
            return cli_usage_error("'%s' is not domain=judgement", pos[i]);
        }
    }
    if (study == NULL)
        return cli_usage_error("rob needs the study (--study S)");
    if (n_j == 0)
        return cli_usage_error(is_rob2 ? "rob needs at least one domain=low|some_concerns|high"
                                       : "rob needs at least one domain=low|high|unclear");
    if (!is_rob2 && (use != NULL || outcome != NULL))
        return cli_usage_error("RoB 1 judges a study, not a result: --use and --outcome go with --tool rob2");
    if (is_rob2 && (use == NULL || outcome == NULL))
        return cli_usage_error("RoB 2 judges a result: --tool rob2 needs --use and --outcome");
    const char *reviewer = cli_who(who);
    if (reviewer == NULL)
        return cli_no_reviewer();
    return is_rob2 ? rob2(db, reviewer, use, outcome, study, support, pos, n_j)
                   : rob1(db, reviewer, study, support, pos, n_j);
}
