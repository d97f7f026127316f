/* srw report: write the evidence report.  Options only: the report module
 * builds and writes everything (include/srw/report.h). */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/report.h"

/* "md,html" -> SRW_REPORT_MD | SRW_REPORT_HTML; 0 on an unknown format. */
static int parse_formats(const char *s)
{
    int f = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        if (n == 2 && strncmp(s, "md", 2) == 0)
            f |= SRW_REPORT_MD;
        else if (n == 4 && strncmp(s, "html", 4) == 0)
            f |= SRW_REPORT_HTML;
        else
            return 0;
        s += n;
        if (*s == ',')
            s++;
    }
    return f;
}

int cmd_report(int argc, char **argv)
{
    const char *db = NULL, *out = NULL, *use = NULL, *profile = NULL, *format = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"out", "DIR", &out, NULL, "output directory (default reports)"},
        {"use", "USE", &use, NULL, "report one use only"},
        {"profile", "P", &profile, NULL, "cochrane (default) or revman5"},
        {"format", "LIST", &format, NULL, "md, html or md,html (default md,html)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw report [--db PATH] [--out DIR] [--use USE] [--profile revman5|cochrane] "
                              "[--format md,html]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("report takes no positional arguments (got '%s')", pos[0]);
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    o.use = use;
    if (profile && srw_profile_parse(&o.profile, profile) != 0)
        return cli_usage_error("--profile must be revman5 or cochrane (got '%s')", profile);
    if (format && (o.formats = parse_formats(format)) == 0)
        return cli_usage_error("--format must be md, html or md,html (got '%s')", format);
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    if (srw_report_write(s, out ? out : "reports", &o, &err) != 0)
        status = cli_fail(&err);
    srw_store_close(s);
    return status;
}
