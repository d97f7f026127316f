/* srw import: CSV files and RevMan reviews into the review database, all or
 * nothing.  A RevMan input (--rm5, --revman-csv, --revman-web, or a
 * positional file whose content is RevMan's, a zip being RevMan Web's
 * package) brings its analysis settings and RevMan's stored results too (see
 * include/srw/rm5.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/csv.h"
#include "srw/record.h"
#include "srw/rm5.h"

static int read_revman(srw_rm5_review *r, const char *kind, const char *path, srw_error *err)
{
    if (strcmp(kind, "rm5") == 0)
        return srw_rm5_read(r, path, err);
    if (strcmp(kind, "revman-csv") == 0)
        return srw_revman_csv_read(r, path, err);
    return srw_revman_web_read(r, path, err);
}

/* Inputs at least this large are imported under a rollback journal, not
 * WAL (srw_store_begin_bulk): about 120,000 trial rows. */
#define BULK_BYTES ((off_t)16 << 20)

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : 0;
}

/* The importer locates an error by file, line and field (it does not see
 * the header); the file's reader knows the field's column. */
static void locate_column(srw_error *err, srw_trial_reader **rd, const srw_record_set *sets, const char **paths,
                          size_t n)
{
    for (size_t i = 0; i < n && err->column == 0 && err->field[0] != '\0'; i++) {
        if (strcmp(err->path, paths[i]) != 0)
            continue;
        if (rd[i] != NULL)
            err->column = srw_trial_reader_column(rd[i], err->field);
        else
            err->column = srw_record_set_column(&sets[i], err->field);
    }
}

/* Every record of each trial-record file, read as it goes, into imp. */
static int stream_records(srw_import *imp, srw_trial_reader **rd, const char **paths, size_t *counts, size_t n,
                          srw_error *err)
{
    srw_record rec;
    for (size_t i = 0; i < n; i++) {
        if (rd[i] == NULL)
            continue;
        int rc;
        while ((rc = srw_trial_reader_next(rd[i], &rec, err)) == 1) {
            counts[i]++;
            if ((rc = srw_import_add(imp, paths[i], &rec)) != 0)
                return rc;
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void print_revman(const srw_rm5_review *r)
{
    size_t stored = 0;
    for (size_t i = 0; i < r->n_analyses; i++)
        stored += r->analyses[i].overall.present;
    printf("%s: RevMan review%s%s%s (%s): %zu analyses (%zu with RevMan's results), %zu trial records, "
           "%zu risk-of-bias entries\n",
           r->path, r->title ? " '" : "", r->title ? r->title : "", r->title ? "'" : "", r->format, r->n_analyses,
           stored, r->set.n_records, r->n_rob);
}

int cmd_import(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *rm5 = NULL, *rcsv = NULL, *rweb = NULL;
    int quiet = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "who enters the records (default $USER)"},
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
    /* Every input with its kind: NULL for srw's own CSV, else a RevMan kind. */
    size_t n_in = (size_t)n_pos + (rm5 != NULL) + (rcsv != NULL) + (rweb != NULL);
    const char *paths[n_in], *kinds[n_in];
    size_t n = 0;
    if (rm5)
        paths[n] = rm5, kinds[n++] = "rm5";
    if (rcsv)
        paths[n] = rcsv, kinds[n++] = "revman-csv";
    if (rweb)
        paths[n] = rweb, kinds[n++] = "revman-web";
    for (int i = 0; i < n_pos; i++)
        paths[n] = pos[i], kinds[n++] = srw_revman_detect(pos[i]);
    int status;
    srw_error err;
    srw_error_clear(&err);
    off_t input = 0;
    for (size_t i = 0; i < n_in; i++)
        input += file_size(paths[i]);
    /* Before the store opens: SQLite takes its page cache at start. */
    srw_page_cache *pc = NULL;
    if (input >= BULK_BYTES && srw_store_page_cache_new(&pc, &err) != 0)
        return cli_fail(&err);
    srw_store *s = cli_open_store(db, &status);
    if (s == NULL) {
        srw_store_page_cache_free(pc);
        return status;
    }
    srw_record_set *sets = calloc(n_in, sizeof *sets);
    srw_rm5_review *revs = calloc(n_in, sizeof *revs);
    srw_trial_reader **rd = calloc(n_in, sizeof *rd);
    size_t *counts = calloc(n_in, sizeof *counts);
    const char **streamed = calloc(n_in, sizeof *streamed);
    size_t n_streamed = 0;
    srw_import *imp;
    srw_import_stats st;
    memset(&st, 0, sizeof st);
    if (sets == NULL || revs == NULL || rd == NULL || counts == NULL || streamed == NULL) {
        SRW_FAIL(&err, SRW_ENOMEM, "out of memory");
        status = cli_fail(&err);
        goto done;
    }
    /* Read every file but the trial-record CSVs whole, checking it before
     * anything is written; a RevMan review's trial records are moved into
     * sets[i] so one transaction imports all.  A trial-record CSV has its
     * header checked here and its rows read, checked and written as they
     * go (the transaction is rolled back at the first bad row). */
    for (size_t i = 0; i < n_in; i++) {
        int r;
        if (kinds[i] == NULL) {
            srw_file_kind kind;
            if ((r = srw_trial_reader_open(&rd[i], paths[i], &kind, &err)) == 0 && kind == SRW_FILE_TRIALS) {
                sets[i].kind = SRW_FILE_TRIALS;
                streamed[n_streamed++] = paths[i];
                continue;
            }
            srw_trial_reader_free(rd[i]);
            rd[i] = NULL;
            if (r == 0)
                r = srw_csv_read_review(&sets[i], paths[i], &err);
        } else {
            r = read_revman(&revs[i], kinds[i], paths[i], &err);
        }
        if (r != 0) {
            status = cli_fail(&err);
            goto done;
        }
        if (kinds[i]) {
            sets[i] = revs[i].set;
            memset(&revs[i].set, 0, sizeof revs[i].set);
        }
    }
    /* One transaction for the whole import: the records, then RevMan's
     * settings and results, which attach to the outcomes just written. */
    if ((input >= BULK_BYTES ? srw_store_begin_bulk(s, &err) : srw_store_begin(s, &err)) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    int r = srw_store_import_open(s, sets, n_in, streamed, n_streamed, cli_who(who), &st, &imp, &err);
    if (r == 0) {
        if ((r = stream_records(imp, rd, paths, counts, n_in, &err)) != 0)
            srw_import_abandon(imp); /* err keeps the first failure */
        else
            r = srw_import_finish(imp);
    }
    if (r != 0) {
        srw_store_rollback(s);
        locate_column(&err, rd, sets, paths, n_in);
        status = cli_fail(&err);
        goto done;
    }
    for (size_t i = 0; i < n_in; i++) {
        if (kinds[i] && (srw_store_revman_save(s, &revs[i], cli_who(who), &err) != 0 ||
                         srw_store_revman_unlisted(s, &sets[i], &st, &err) != 0 ||
                         srw_store_revman_dropped(s, &revs[i], &st, &err) != 0)) {
            srw_store_rollback(s);
            status = cli_fail(&err);
            goto done;
        }
    }
    if (srw_store_commit(s, &err) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    if (!quiet) {
        for (size_t i = 0; i < n_in; i++) {
            const srw_record_set *f = &sets[i];
            if (kinds[i]) {
                revs[i].set.n_records = f->n_records; /* for the count printed */
                print_revman(&revs[i]);
                revs[i].set.n_records = 0;
            } else if (f->kind == SRW_FILE_TRIALS)
                printf("%s: %zu trial records\n", paths[i], f->n_records + counts[i]);
            else if (f->kind == SRW_FILE_PUBLISHED)
                printf("%s: %zu published results\n", f->path, f->n_published);
            else if (f->kind == SRW_FILE_GRADE)
                printf("%s: %zu GRADE judgements (indirectness or overrides)\n", f->path, f->n_grade);
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
        for (size_t i = 0; i < n_in; i++)
            srw_record_set_dispose(&sets[i]);
    if (revs)
        for (size_t i = 0; i < n_in; i++)
            srw_rm5_review_dispose(&revs[i]);
    if (rd)
        for (size_t i = 0; i < n_in; i++)
            srw_trial_reader_free(rd[i]);
    free(rd);
    free(counts);
    free(streamed);
    free(sets);
    free(revs);
    srw_store_close(s);
    srw_store_page_cache_free(pc);
    return status;
}
