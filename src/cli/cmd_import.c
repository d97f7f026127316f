/* srw import: CSV files into the review database, all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/csv.h"
#include "srw/record.h"

int cmd_import(int argc, char **argv)
{
    const char *db = NULL, *who = NULL;
    int quiet = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "who enters the records (default $USER)"},
        {"quiet", NULL, NULL, &quiet, "print only errors"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts, "srw import [--db PATH] [--reviewer NAME] FILE.csv...", pos,
                              &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos == 0)
        return cli_usage_error("import needs at least one CSV file");
    int status;
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_record_set *sets = calloc((size_t)n_pos, sizeof *sets);
    srw_import_stats st;
    memset(&st, 0, sizeof st);
    if (sets == NULL) {
        SRW_FAIL(&err, SRW_ENOMEM, "out of memory");
        status = cli_fail(&err);
        goto done;
    }
    /* Read and check every file before writing anything. */
    for (int i = 0; i < n_pos; i++) {
        if (srw_csv_read_review(&sets[i], pos[i], &err) != 0) {
            status = cli_fail(&err);
            goto done;
        }
    }
    if (srw_store_import(s, sets, (size_t)n_pos, cli_who(who), &st, &err) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    if (!quiet) {
        for (int i = 0; i < n_pos; i++) {
            const srw_record_set *f = &sets[i];
            if (f->kind == SRW_FILE_TRIALS)
                printf("%s: %zu trial records\n", f->path, f->n_records);
            else if (f->kind == SRW_FILE_PUBLISHED)
                printf("%s: %zu published results\n", f->path, f->n_published);
            else
                printf("%s: decision settings of %zu uses\n", f->path, f->n_uses);
        }
        printf("records: %zu new, %zu updated, %zu unchanged; published results: %zu new, %zu updated, "
               "%zu unchanged\n",
               st.n_new, st.n_updated, st.n_unchanged, st.n_published_new, st.n_published_updated,
               st.n_published_unchanged);
        for (size_t i = 0; i < st.n_changes; i++)
            printf("  %s\n", st.changes[i]);
        srw_store_counts c;
        if (srw_store_count(s, &c, &err) == 0)
            printf("review: %ld uses, %ld outcomes, %ld studies, %ld records, %ld published results\n", c.uses,
                   c.outcomes, c.studies, c.records, c.published);
    }
    status = CLI_OK;
done:
    srw_import_stats_dispose(&st);
    if (sets)
        for (int i = 0; i < n_pos; i++)
            srw_record_set_dispose(&sets[i]);
    free(sets);
    srw_store_close(s);
    return status;
}
