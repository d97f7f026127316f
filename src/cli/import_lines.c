/* What srw import prints (cli.h: cli_import_print): a line per file, the
 * changes, and the review's counts, each count with its noun ("1 use",
 * "2 uses"). */
#include "cli/cli.h"

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

void cli_import_print(const srw_import_result *res, int quiet)
{
    const srw_import_stats *st = &res->stats;
    for (size_t i = 0; !quiet && i < res->n_files; i++)
        print_file(&res->files[i]);
    if (!quiet)
        printf("records: %zu new, %zu updated, %zu unchanged; published results: %zu new, %zu updated, "
               "%zu unchanged\n",
               st->n_new, st->n_updated, st->n_unchanged, st->n_published_new, st->n_published_updated,
               st->n_published_unchanged);
    for (size_t i = 0; !quiet && i < st->n_changes; i++)
        printf("  %s\n", st->changes[i]);
    if (res->counted) { /* asked for unless --quiet */
        const srw_store_counts *c = &res->counts;
        char nu[48], no[48], ns[48], nr[48], np[48];
        printf("review: %s, %s, %s, %s, %s\n", cli_count(nu, sizeof nu, c->uses, "use", "uses"),
               cli_count(no, sizeof no, c->outcomes, "outcome", "outcomes"),
               cli_count(ns, sizeof ns, c->studies, "study", "studies"),
               cli_count(nr, sizeof nr, c->records, "record", "records"),
               cli_count(np, sizeof np, c->published, "published result", "published results"));
    }
}
