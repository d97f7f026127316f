/* srw import: CSV files and RevMan reviews into the review database, all or
 * nothing (srw_import_run, include/srw/import.h); this prints its summary. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/import.h"

int cmd_import(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *rm5 = NULL, *rcsv = NULL, *rweb = NULL;
    int quiet = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "who enters the records " CLI_REVIEWER_DEFAULT},
        {"rm5", "FILE", &rm5, NULL, "a RevMan 5 review (.rm5)"},
        {"revman-csv", "FILE", &rcsv, NULL, "RevMan 5's \"Data and analyses\" CSV export"},
        {"revman-web", "ZIP|DIR", &rweb, NULL,
         "RevMan Web's data package: the .zip it exports, the *-data.zip inside it, or a directory of its CSVs"},
        {"quiet", NULL, NULL, &quiet, "print only errors"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw import [--db PATH] [--reviewer NAME] [--rm5 FILE] [--revman-csv FILE] "
                              "[--revman-web ZIP|DIR] [FILE...]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos == 0 && !rm5 && !rcsv && !rweb)
        return cli_usage_error("import needs at least one CSV file");
    srw_import_input in[n_pos + 3];
    size_t n = 0;
    const char *named[] = {rm5, rcsv, rweb};
    const srw_input_kind kinds[] = {SRW_INPUT_RM5, SRW_INPUT_REVMAN_CSV, SRW_INPUT_REVMAN_WEB};
    for (int i = 0; i < 3; i++)
        if (named[i] != NULL)
            in[n++] = (srw_import_input){named[i], kinds[i]};
    for (int i = 0; i < n_pos; i++)
        in[n++] = (srw_import_input){pos[i], SRW_INPUT_DETECT};
    srw_import_options o = SRW_IMPORT_OPTIONS_INIT;
    if ((o.reviewer = cli_who(who)) == NULL)
        return cli_no_reviewer();
    o.count = !quiet;
    srw_import_result res;
    srw_error err;
    srw_error_clear(&err);
    if (srw_import_run(cli_db_path(db), in, n, &o, &res, &err) != 0)
        return cli_fail(&err);
    cli_import_print(&res, quiet);
    srw_import_result_dispose(&res);
    return CLI_OK;
}
