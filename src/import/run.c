/* srw_import_run: the inputs of `srw import` read, pushed into one
 * importer and written in one transaction (srw/import.h).  Every input but
 * the trial-record CSVs is read whole, and checked, before anything is
 * written; a trial-record CSV has its header checked first and its rows
 * read, checked and written as they go.  A RevMan input brings its
 * analysis settings and RevMan's stored results too, which attach to the
 * outcomes its records create. */
#include "import/revman.h"
#include "srw/csv.h"
#include "srw/input.h"
#include "srw/rm5.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Inputs at least this large are imported under a rollback journal, not
 * WAL (srw_store_begin_bulk): about 120,000 trial rows. */
#define BULK_BYTES ((off_t)16 << 20)

/* What the import holds of one input while it runs. */
typedef struct input {
    const char *path;
    char *data;            /* an input read once (a pipe, standard input), whole; NULL for a file */
    size_t len;
    const char *revman;    /* "rm5", "revman-csv", "revman-web"; NULL for srw's CSV */
    srw_trial_reader *rd;  /* a trial-record CSV, read as it goes */
    srw_record_set set;    /* any other file, read whole */
    srw_rm5_review review; /* a RevMan input (its records in set) */
    size_t streamed;       /* records rd has given */
} input;

static const char *revman_kind(const srw_import_input *in, const input *at)
{
    switch (in->kind) {
    case SRW_INPUT_RM5:
        return "rm5";
    case SRW_INPUT_REVMAN_CSV:
        return "revman-csv";
    case SRW_INPUT_REVMAN_WEB:
        return "revman-web";
    case SRW_INPUT_CSV:
        return NULL;
    case SRW_INPUT_DETECT:
        break;
    }
    return at->data != NULL ? srw_revman_detect_buffer(at->data, at->len) : srw_revman_detect(in->path);
}

static int read_revman(srw_rm5_review *r, const char *kind, const input *in, srw_error *err)
{
    if (in->data != NULL && strcmp(kind, "rm5") == 0)
        return srw_rm5_read_buffer(r, in->data, in->len, in->path, err);
    if (in->data != NULL && strcmp(kind, "revman-csv") == 0)
        return srw_revman_csv_read_buffer(r, in->data, in->len, in->path, err);
    if (in->data != NULL)
        return srw_revman_web_read_buffer(r, in->data, in->len, in->path, err);
    if (strcmp(kind, "rm5") == 0)
        return srw_rm5_read(r, in->path, err);
    if (strcmp(kind, "revman-csv") == 0)
        return srw_revman_csv_read(r, in->path, err);
    return srw_revman_web_read(r, in->path, err);
}

/* One input read (or opened, a trial-record CSV); a RevMan review's
 * records are moved into in->set. */
static int read_input(input *in, srw_error *err)
{
    if (in->revman != NULL) {
        int rc = read_revman(&in->review, in->revman, in, err);
        if (rc == 0) {
            in->set = in->review.set;
            memset(&in->review.set, 0, sizeof in->review.set);
        }
        return rc;
    }
    srw_file_kind kind;
    int rc = in->data != NULL ? srw_trial_reader_open_buffer(&in->rd, in->data, in->len, in->path, &kind, err)
                              : srw_trial_reader_open(&in->rd, in->path, &kind, err);
    if (rc == 0 && kind == SRW_FILE_TRIALS) {
        in->set.kind = SRW_FILE_TRIALS;
        return 0;
    }
    srw_trial_reader_free(in->rd);
    in->rd = NULL;
    if (rc != 0)
        return rc;
    return in->data != NULL ? srw_csv_read_review_buffer(&in->set, in->data, in->len, in->path, err)
                            : srw_csv_read_review(&in->set, in->path, err);
}

/* The importer locates an error by file, line and field (it does not see
 * the header); the file's reader knows the field's column. */
static void locate_column(srw_error *err, const input *ins, size_t n)
{
    for (size_t i = 0; i < n && err->column == 0 && err->field[0] != '\0'; i++) {
        if (strcmp(err->path, ins[i].path) != 0)
            continue;
        if (ins[i].rd != NULL)
            err->column = srw_trial_reader_column(ins[i].rd, err->field);
        else
            err->column = srw_record_set_column(&ins[i].set, err->field);
    }
}

/* Every input's items into the importer: uses first, then records (the
 * files read whole, then the streamed ones), then what is checked against
 * the outcomes the records create. */
static int push_all(srw_importer *imp, input *ins, size_t n, srw_error *err)
{
    srw_sink sink = srw_importer_sink(imp);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_USES, &sink, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_RECORDS, &sink, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (ins[i].rd != NULL)
            rc = srw_trial_reader_push(ins[i].rd, &sink, &ins[i].streamed, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_PUBLISHED, &sink, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_GRADE, &sink, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_OUTCOMES, &sink, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = srw_record_set_push(&ins[i].set, SRW_PUSH_CLAIMS, &sink, err);
    return rc;
}

/* The import itself, in the transaction the caller began. */
static int write_all(srw_store *s, input *ins, size_t n, const char *who, srw_import_stats *stats,
                     srw_error *err)
{
    /* The trail names the files read whole, then the streamed ones. */
    const char **paths = calloc(n ? 2 * n : 1, sizeof *paths);
    if (paths == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    size_t n_paths = 0;
    for (size_t i = 0; i < n; i++)
        if (ins[i].rd == NULL)
            paths[n_paths++] = ins[i].set.path;
    for (size_t i = 0; i < n; i++)
        if (ins[i].rd != NULL)
            paths[n_paths++] = ins[i].path;
    srw_importer *imp;
    int rc = srw_importer_open(&imp, s, paths, n_paths, who, "import", NULL, stats, err);
    if (rc == 0) {
        if ((rc = push_all(imp, ins, n, err)) != 0)
            srw_importer_abandon(imp); /* err keeps the first failure */
        else
            rc = srw_importer_finish(imp);
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        if (ins[i].revman != NULL &&
            ((rc = srw_store_revman_save(s, &ins[i].review, who, err)) != 0 ||
             (rc = srw_import__revman_unlisted(s, &ins[i].set, stats, err)) != 0 ||
             (rc = srw_import__revman_dropped(s, &ins[i].review, stats, err)) != 0 ||
             (rc = srw_import__revman_repeats(&ins[i].review, stats, err)) != 0))
            break;
    free(paths);
    return rc;
}

/* The summary of each input. */
static int summarise(srw_import_result *out, input *ins, size_t n, srw_error *err)
{
    if ((out->files = calloc(n ? n : 1, sizeof *out->files)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    out->n_files = n;
    for (size_t i = 0; i < n; i++) {
        srw_import_file *f = &out->files[i];
        const srw_record_set *set = &ins[i].set;
        f->path = ins[i].path;
        if (ins[i].revman != NULL) {
            const srw_rm5_review *r = &ins[i].review;
            f->format = r->format;
            if (r->title != NULL && (f->title = strdup(r->title)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            f->n_analyses = r->n_analyses;
            for (size_t a = 0; a < r->n_analyses; a++)
                f->n_stored += r->analyses[a].overall.present;
            f->n_records = set->n_records;
            f->n_rob = r->n_rob;
            continue;
        }
        f->kind = set->kind;
        f->n = set->kind == SRW_FILE_TRIALS      ? set->n_records + ins[i].streamed
               : set->kind == SRW_FILE_PUBLISHED ? set->n_published
               : set->kind == SRW_FILE_GRADE     ? set->n_grade
               : set->kind == SRW_FILE_OUTCOMES  ? set->n_outcomes
               : set->kind == SRW_FILE_CLAIMS    ? set->n_claims
                                                 : set->n_uses;
    }
    return 0;
}

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : 0;
}

int srw_import_run(const char *db, const srw_import_input *in, size_t n, const srw_import_options *opts,
                   srw_import_result *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    const char *who = opts != NULL ? opts->reviewer : NULL;
    srw_page_cache *pc = NULL;
    srw_store *s = NULL;
    input *ins = calloc(n ? n : 1, sizeof *ins);
    int rc = ins == NULL ? SRW_FAIL(err, SRW_ENOMEM, "out of memory") : 0;
    /* An input that can be read only once is read whole first: the sniff
     * for its kind and the parse then read the same bytes. */
    off_t bytes = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        ins[i].path = in[i].path;
        if (srw_input_is_stream(in[i].path))
            rc = srw_input_read_all(in[i].path, SRW_RM5_MAX_BYTES, &ins[i].data, &ins[i].len, err);
        bytes += ins[i].data != NULL ? (off_t)ins[i].len : file_size(in[i].path);
    }
    /* Before the store opens: SQLite takes its page cache at start. */
    if (rc == 0 && bytes >= BULK_BYTES)
        rc = srw_store_page_cache_new(&pc, err);
    if (rc == 0)
        rc = srw_store_open(&s, db, 0, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        ins[i].revman = revman_kind(&in[i], &ins[i]);
        rc = read_input(&ins[i], err);
    }
    if (rc == 0)
        rc = bytes >= BULK_BYTES ? srw_store_begin_bulk(s, err) : srw_store_begin(s, err);
    if (rc == 0) {
        if ((rc = write_all(s, ins, n, who, &out->stats, err)) != 0) {
            srw_store_rollback(s);
            locate_column(err, ins, n);
        } else {
            rc = srw_store_commit(s, err);
        }
    }
    if (rc == 0)
        rc = summarise(out, ins, n, err);
    /* The import is in: a failure to count it is not the import's. */
    srw_error ignored;
    if (rc == 0 && opts != NULL && opts->count)
        out->counted = srw_store_count(s, &out->counts, &ignored) == 0;
    for (size_t i = 0; ins != NULL && i < n; i++) {
        srw_trial_reader_free(ins[i].rd);
        srw_record_set_dispose(&ins[i].set);
        srw_rm5_review_dispose(&ins[i].review);
        free(ins[i].data);
    }
    free(ins);
    srw_store_close(s);
    srw_store_page_cache_free(pc);
    if (rc != 0)
        srw_import_result_dispose(out);
    return rc;
}

void srw_import_result_dispose(srw_import_result *r)
{
    if (r == NULL)
        return;
    srw_import_stats_dispose(&r->stats);
    for (size_t i = 0; i < r->n_files; i++)
        free(r->files[i].title);
    free(r->files);
    memset(r, 0, sizeof *r);
}
