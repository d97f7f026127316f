/* srw import: CSV files and RevMan reviews into the review database, all or
 * nothing (srw_import_run, include/srw/import.h); this prints its summary. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/import.h"

static void print_file(const srw_import_file *f)
{
    static const char *const what[][2] = {[SRW_FILE_TRIALS] = {"trial record", "trial records"},
                                          [SRW_FILE_PUBLISHED] = {"published result", "published results"},
                                          [SRW_FILE_GRADE] = {"GRADE judgement (indirectness or override)",
                                                              "GRADE judgements (indirectness or overrides)"},
                                          [SRW_FILE_OUTCOMES] = {"outcome", "outcomes"},
                                          [SRW_FILE_CLAIMS] = {"claim", "claims"}};
    char a[64], b[64], c[64];
    if (f->format != NULL)
        printf("%s: RevMan review%s%s%s (%s): %s (%zu with RevMan's results), %s, %s\n", f->path,
               f->title ? " '" : "", f->title ? f->title : "", f->title ? "'" : "", f->format,
               cli_count(a, sizeof a, (long long)f->n_analyses, "analysis", "analyses"), f->n_stored,
               cli_count(b, sizeof b, (long long)f->n_records, "trial record", "trial records"),
               cli_count(c, sizeof c, (long long)f->n_rob, "risk-of-bias entry", "risk-of-bias entries"));
    else if (f->kind == SRW_FILE_USES)
        printf("%s: decision settings of %s\n", f->path, cli_count(a, sizeof a, (long long)f->n, "use", "uses"));
    else if (f->kind == SRW_FILE_OUTCOMES)
        printf("%s: settings of %s\n", f->path, cli_count(a, sizeof a, (long long)f->n, "outcome", "outcomes"));
    else
        printf("%s: %s\n", f->path, cli_count(a, sizeof a, (long long)f->n, what[f->kind][0], what[f->kind][1]));
}

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
    const srw_import_stats *st = &res.stats;
    const srw_store_counts *c = &res.counts;
    for (size_t i = 0; !quiet && i < res.n_files; i++)
        print_file(&res.files[i]);
    if (!quiet)
        printf("records: %zu new, %zu updated, %zu unchanged; published results: %zu new, %zu updated, "
               "%zu unchanged\n",
               st->n_new, st->n_updated, st->n_unchanged, st->n_published_new, st->n_published_updated,
               st->n_published_unchanged);
    for (size_t i = 0; !quiet && i < st->n_changes; i++)
        printf("  %s\n", st->changes[i]);
    if (res.counted) { /* asked for unless --quiet */
        char nu[48], no[48], ns[48], nr[48], np[48];
        printf("review: %s, %s, %s, %s, %s\n", cli_count(nu, sizeof nu, c->uses, "use", "uses"),
               cli_count(no, sizeof no, c->outcomes, "outcome", "outcomes"),
               cli_count(ns, sizeof ns, c->studies, "study", "studies"),
               cli_count(nr, sizeof nr, c->records, "record", "records"),
               cli_count(np, sizeof np, c->published, "published result", "published results"));
    }
    srw_import_result_dispose(&res);
    return CLI_OK;
}
