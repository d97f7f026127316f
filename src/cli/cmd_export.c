/* srw export: the records in the import format (CSV) or as JSON, and the
 * published results, use settings, GRADE judgements, outcome settings and
 * claims in theirs, each file written atomically (util/atomic.h: a
 * temporary of its own, then rename), or straight to a pipe, a terminal or
 * "-" (standard output). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/csv.h"
#include "srw/entry.h"
#include "util/atomic.h"

/* What one output file holds: the records (CSV or JSON) or a table. */
typedef struct output {
    const srw_record_set *set;
    int json;
    const srw_table *table;
} output;

static int write_output(FILE *f, const output *o, srw_error *err)
{
    if (o->table != NULL)
        return srw_csv_write_table(f, o->table, err);
    return o->json ? srw_json_write_records(f, o->set->records, o->set->n_records, err)
                   : srw_csv_write_records(f, o->set->records, o->set->n_records, err);
}

static int write_file(const char *path, const output *o, srw_error *err)
{
    if (path == NULL)
        return 0;
    if (strcmp(path, "-") == 0)
        return write_output(stdout, o, err);
    srw_atomic a;
    int rc = srw_atomic_open(&a, path, err);
    if (rc == 0) {
        rc = write_output(a.f, o, err);
        if (rc == 0)
            rc = srw_atomic_commit(&a, err);
        else
            srw_atomic_abort(&a); /* the writer's error stands */
    }
    /* srw export's own words for a failed step, as it has always put them. */
    if (rc != 0 && a.step != NULL) {
        if (strcmp(a.step, "rename") == 0)
            rc = SRW_FAIL(err, SRW_EIO, "cannot rename %s to %s", a.tmp, a.path);
        else
            rc = SRW_FAIL(err, SRW_EIO, "cannot write %s", a.tmp ? a.tmp : a.path);
    }
    srw_atomic_dispose(&a);
    return rc;
}

/* The published results, use settings or GRADE judgements into path. */
static int write_table(srw_store *s, const char *what, const char *path, srw_error *err)
{
    if (path == NULL)
        return 0;
    srw_table t;
    int rc = srw_store_export_table(s, what, &t, err);
    if (rc)
        return rc;
    output o = {NULL, 0, &t};
    rc = write_file(path, &o, err);
    srw_table_dispose(&t);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *csv = NULL, *json = NULL, *published = NULL, *uses = NULL, *grade = NULL,
               *outcomes = NULL, *claims = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL,
         "this reviewer's extractions (default: the records that enter analyses)"},
        {"csv", "FILE", &csv, NULL, "write the trial records as CSV in the import format (- for standard output)"},
        {"json", "FILE", &json, NULL, "write the trial records as JSON (- for standard output)"},
        {"published", "FILE", &published, NULL, "write the published results as CSV in the import format"},
        {"uses", "FILE", &uses, NULL, "write the uses' decision settings as CSV in the import format"},
        {"grade", "FILE", &grade, NULL, "write the GRADE judgements as CSV in the import format"},
        {"outcomes", "FILE", &outcomes, NULL, "write the outcome settings as CSV in the import format"},
        {"claims", "FILE", &claims, NULL, "write the claims as CSV in the import format"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos, rc = cli_parse(argc, argv, opts,
                              "srw export [--db PATH] [--reviewer NAME] [--csv FILE] [--json FILE] [--published FILE]"
                              " [--uses FILE] [--grade FILE] [--outcomes FILE] [--claims FILE]",
                              pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("export takes no arguments (got '%s')", pos[0]);
    if (csv == NULL && json == NULL && published == NULL && uses == NULL && grade == NULL && outcomes == NULL &&
        claims == NULL)
        return cli_usage_error("export needs --csv FILE, --json FILE, --published FILE, --uses FILE, --grade FILE,"
                               " --outcomes FILE or --claims FILE");
    int stdout_used = 0;
    const char *const outs[] = {csv, json, published, uses, grade, outcomes, claims};
    for (int i = 0; i < 7; i++)
        if (outs[i] != NULL && strcmp(outs[i], "-") == 0 && stdout_used++)
            return cli_usage_error("export writes one file to standard output (-), not two");
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
    output records = {&set, 0, NULL}, records_json = {&set, 1, NULL};
    if (write_file(csv, &records, &err) != 0 || write_file(json, &records_json, &err) != 0 ||
        write_table(s, "published", published, &err) != 0 || write_table(s, "uses", uses, &err) != 0 ||
        write_table(s, "grade", grade, &err) != 0 || write_table(s, "outcomes", outcomes, &err) != 0 ||
        write_table(s, "claims", claims, &err) != 0)
        status = cli_fail(&err);
    if (awaiting)
        fprintf(stderr, "srw: %zu record%s reconciliation and %s not exported (srw reconcile)\n", awaiting,
                awaiting == 1 ? " awaits" : "s await", awaiting == 1 ? "is" : "are");
    srw_record_set_dispose(&set);
done:
    srw_store_close(s);
    return status;
}
