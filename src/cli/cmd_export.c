/* srw export: the records in the import format (CSV) or as JSON, written
 * atomically (FILE.tmp, then rename). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"

static int write_file(const char *path, const srw_record_set *set, int json, srw_error *err)
{
    if (path == NULL)
        return 0;
    size_t n = strlen(path) + 5;
    char *tmp = malloc(n);
    if (tmp == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    snprintf(tmp, n, "%s.tmp", path);
    int rc = 0;
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(tmp, "w");
    if (f == NULL) {
        rc = SRW_FAIL(err, SRW_EIO, "cannot write %s", tmp);
        goto done;
    }
    rc = json ? srw_json_write_records(f, set->records, set->n_records, err)
              : srw_csv_write_records(f, set->records, set->n_records, err);
    if (f == stdout)
        goto done;
    if (fclose(f) != 0 && rc == 0)
        rc = SRW_FAIL(err, SRW_EIO, "cannot write %s", tmp);
    if (rc == 0 && rename(tmp, path) != 0)
        rc = SRW_FAIL(err, SRW_EIO, "cannot rename %s to %s", tmp, path);
    if (rc != 0)
        remove(tmp);
done:
    free(tmp);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *csv = NULL, *json = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL,
         "this reviewer's extractions (default: the records that enter analyses)"},
        {"csv", "FILE", &csv, NULL, "write CSV in the import format (- for standard output)"},
        {"json", "FILE", &json, NULL, "write JSON (- for standard output)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos,
        rc = cli_parse(argc, argv, opts, "srw export [--db PATH] [--reviewer NAME] --csv FILE | --json FILE",
                       pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("export takes no arguments (got '%s')", pos[0]);
    if (csv == NULL && json == NULL)
        return cli_usage_error("export needs --csv FILE or --json FILE");
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_record_set set;
    size_t awaiting = 0;
    if (srw_store_export(s, who, &set, &awaiting, &err) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    if ((csv && write_file(csv, &set, 0, &err) != 0) || (json && write_file(json, &set, 1, &err) != 0))
        status = cli_fail(&err);
    if (awaiting)
        fprintf(stderr, "srw: %zu records await reconciliation and are not exported (srw reconcile)\n",
                awaiting);
    srw_record_set_dispose(&set);
done:
    srw_store_close(s);
    return status;
}
