/* srw edit / srw remove: change or withdraw a reviewer's record.  The audit
 * trail keeps every earlier value (srw history). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"

enum { MAX_FIELDS = 64 };

int cmd_edit(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *use = NULL, *outcome = NULL, *study = NULL, *reason = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "whose extraction to change " CLI_REVIEWER_DEFAULT},
        {"use", "U", &use, NULL, "the use"},
        {"outcome", "O", &outcome, NULL, "the outcome"},
        {"study", "S", &study, NULL, "the study label"},
        {"reason", "TEXT", &reason, NULL, "why (kept in the audit trail)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos,
        rc = cli_parse(argc, argv, opts,
                       "srw edit [--db PATH] [--reviewer NAME] --use U --outcome O --study S [--reason TEXT]"
                       " field=value ...\n  (field= clears an optional field of the record; a study's or an outcome's setting is changed, not cleared)",
                       pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (!use || !outcome || !study)
        return cli_usage_error("edit needs --use, --outcome and --study");
    if (n_pos == 0)
        return cli_usage_error("edit needs at least one field=value");
    if (n_pos > MAX_FIELDS)
        return cli_usage_error("too many fields");
    const char *fields[MAX_FIELDS], *values[MAX_FIELDS];
    for (int i = 0; i < n_pos; i++) {
        char *eq = strchr(pos[i], '=');
        if (eq == NULL || eq == pos[i])
            return cli_usage_error("'%s' is not field=value", pos[i]);
        *eq = '\0';
        int d = srw_rob_domain_parse(pos[i]);
        fields[i] = d >= 0 ? srw_rob_domain_column((srw_rob_domain)d) : pos[i];
        values[i] = eq + 1;
        if (!srw_record_is_column(fields[i]))
            return cli_usage_error(
                "unknown field '%s' (the fields are the import's columns: see `srw add --help`)", pos[i]);
    }
    const char *reviewer = cli_who(who);
    if (reviewer == NULL)
        return cli_no_reviewer();
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_record base;
    rc = srw_store_get_record(s, use, outcome, study, reviewer, &base, &err);
    if (rc == 0) {
        SRW_FAIL(&err, SRW_ENOTFOUND,
                 "%s has no record of '%s' for outcome '%s' of '%s' (enter it with srw add)", reviewer, study,
                 outcome, use);
        srw_record_dispose(&base);
        rc = SRW_ENOTFOUND;
    }
    if (rc < 0) {
        status = cli_fail(&err);
    } else {
        status = cli_write_record(s, &base, fields, values, (size_t)n_pos, reviewer, "edit", reason);
        srw_record_dispose(&base);
    }
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}

int cmd_remove(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *use = NULL, *outcome = NULL, *study = NULL, *reason = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "whose extraction to withdraw " CLI_REVIEWER_DEFAULT},
        {"use", "U", &use, NULL, "the use"},
        {"outcome", "O", &outcome, NULL, "the outcome"},
        {"study", "S", &study, NULL, "the study label"},
        {"reason", "TEXT", &reason, NULL, "why (required; kept in the audit trail)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos,
        rc = cli_parse(argc, argv, opts,
                       "srw remove [--db PATH] [--reviewer NAME] --use U --outcome O --study S --reason TEXT",
                       pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (!use || !outcome || !study)
        return cli_usage_error("remove needs --use, --outcome and --study");
    if (n_pos > 0)
        return cli_usage_error("remove takes no arguments (got '%s')", pos[0]);
    if (reason == NULL || reason[0] == '\0')
        return cli_usage_error("remove needs --reason TEXT (kept in the audit trail)");
    const char *reviewer = cli_who(who);
    if (reviewer == NULL)
        return cli_no_reviewer();
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    if (srw_store_remove_record(s, use, outcome, study, reviewer, reason, &err) != 0)
        status = cli_fail(&err);
    else
        printf("%s / %s / %s: %s's record removed (its values stay in srw history)\n", use, outcome, study,
               reviewer);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
