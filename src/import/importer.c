/* One import: the sink its readers push into, its entry and rows in the
 * audit trail, and its beginning and end (srw/import.h). */
#include "import/importer.h"
#include "util/grow.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An import under way: the importer, and the records pushed into it, kept
 * until the rows that refer to them are written (the store's queue binds
 * their strings without copying; IMPORT_BATCH + 1 slots hold the queue and
 * the previous record). */
struct srw_importer {
    importer im;
    srw_record ring[IMPORT_BATCH + 1];
    size_t n_added;
};

static int add_line(importer *im, const char *line)
{
    if (srw_lines_add(&im->stats->changes, &im->stats->n_changes, line) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    return 0;
}

int srw_import__add_change(importer *im, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return add_line(im, line);
}

/* The trail's entry for this import (who, when, what, why, and the files
 * its records came from), written before its first change, which it
 * heads; the records it adds point at it. */
int srw_import__batch_entry(importer *im)
{
    if (im->batch_id != 0)
        return 0;
    char files[2048];
    size_t len = 0;
    files[0] = '\0';
    for (size_t f = 0; f < im->n_paths; f++)
        if (im->paths[f] != NULL && len < sizeof files)
            len += (size_t)snprintf(files + len, sizeof files - len, "%s%s", len ? ", " : "", im->paths[f]);
    srw_audit_row a = {im->when, im->who, im->action, NULL,          NULL, NULL,
                       im->who,  NULL,    NULL,       len ? files : NULL, im->reason};
    return srw_writer_trail(im->w, &a, &im->batch_id, im->err);
}

int srw_import__trail(importer *im, const char *use, const char *outcome, const char *study, const char *field,
                      const char *old_value, const char *new_value)
{
    int rc = srw_import__batch_entry(im);
    if (rc)
        return rc;
    srw_audit_row a = {im->when, im->who, im->action, use, outcome, study, im->who,
                       field, old_value, new_value, im->reason};
    return srw_writer_trail(im->w, &a, NULL, im->err);
}

int srw_import__setting_changed(importer *im, const char *use, const char *outcome, const char *study,
                                const char *field, const char *old_value, const char *new_value, const char *fmt,
                                ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    int rc = add_line(im, line);
    return rc != 0 ? rc : srw_import__trail(im, use, outcome, study, field, old_value, new_value);
}

int srw_import__setting_added(importer *im, const char *use, const char *outcome, const char *field,
                              const char *new_value)
{
    return srw_import__trail(im, use, outcome, NULL, field, NULL, new_value);
}

int srw_import__located(importer *im, const char *path, long line, const char *field)
{
    srw_error_locate(im->err, path, line, 0, field);
    return SRW_EDATA;
}

int srw_import__use_id(importer *im, const char *path, long line, const char *name, srw_id *id)
{
    int rc = srw_writer_use_find(im->w, name, id, im->err);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if ((rc = srw_import__new_name(im, 0, NULL, name, path, line, NULL)) != 0)
        return rc;
    return srw_writer_use_add(im->w, name, im->who, im->when, id, im->err);
}

/* --- the sink ------------------------------------------------------------------ */

static int sink_use(void *ctx, const char *path, const srw_use_settings *u)
{
    return srw_import__use(&((srw_importer *)ctx)->im, path, u);
}

static int sink_record(void *ctx, const char *path, srw_record *r, int reader_checked)
{
    srw_importer *imp = ctx;
    srw_record *slot = &imp->ring[imp->n_added++ % (IMPORT_BATCH + 1)];
    srw_record_dispose(slot);
    *slot = *r;
    memset(r, 0, sizeof *r);
    return srw_import__record(&imp->im, path, slot, reader_checked);
}

static int sink_published(void *ctx, const char *path, const srw_published *p)
{
    importer *im = &((srw_importer *)ctx)->im;
    int rc = srw_import__published(im, path, p);
    if (rc)
        srw_error_locate(im->err, path, p->line, 0, NULL);
    return rc;
}

static int sink_grade(void *ctx, const char *path, const srw_grade_setting *g)
{
    return srw_import__grade(&((srw_importer *)ctx)->im, path, g);
}

static int sink_outcome(void *ctx, const char *path, const srw_outcome_settings *o)
{
    return srw_import__outcome_settings(&((srw_importer *)ctx)->im, path, o);
}

static int sink_claim(void *ctx, const char *path, const srw_claim *c)
{
    return srw_import__claim(&((srw_importer *)ctx)->im, path, c);
}

srw_sink srw_importer_sink(srw_importer *imp)
{
    srw_sink s = {imp, sink_use, sink_record, sink_published, sink_grade, sink_outcome, sink_claim};
    return s;
}

/* --- beginning and end ------------------------------------------------------------ */

static void importer_free(srw_importer *imp)
{
    importer *im = &imp->im;
    srw_writer_free(im->w);
    free(im->file_path);
    free(im->folded);
    free(im->fold_tmp);
    srw_strmap_dispose(&im->trials);
    srw_strmap_dispose(&im->names);
    srw_texts_dispose(&im->name_texts);
    free(im->name_key);
    free(im->name_fold);
    free(im->last_use);
    free(im->last_outcome);
    srw_import__runs_dispose(&im->runs);
    free(im->named);
    srw_import__outcomes_dispose(im);
    srw_strmap_dispose(&im->uses_set);
    srw_strmap_dispose(&im->grades_set);
    srw_strmap_dispose(&im->outcomes_set);
    srw_strmap_dispose(&im->claims_set);
    srw_strmap_dispose(&im->mods_set);
    srw_strmap_dispose(&im->pubs_seen);
    free(im->pub_at);
    srw_strmap_dispose(&im->study_ids);
    for (size_t i = 0; i < IMPORT_BATCH + 1; i++)
        srw_record_dispose(&imp->ring[i]);
    free(imp);
}

int srw_importer_open(srw_importer **out, srw_store *s, const char *const *paths, size_t n_paths,
                      const char *who, const char *action, const char *reason, srw_import_stats *stats,
                      srw_error *err)
{
    memset(stats, 0, sizeof *stats);
    *out = NULL;
    srw_importer *imp = calloc(1, sizeof *imp);
    if (imp == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    importer *im = &imp->im;
    im->s = s;
    im->who = who && who[0] ? who : "unknown";
    im->action = action;
    im->reason = reason;
    im->stats = stats;
    im->paths = paths;
    im->n_paths = n_paths;
    im->err = err;
    srw_utc_now(im->when, sizeof im->when);
    int rc = srw_store_savepoint(s, err);
    if (rc) {
        free(imp);
        return rc;
    }
    if ((rc = srw_writer_open(&im->w, s, &im->before, err)) != 0) {
        srw_store_release(s, rc, NULL);
        importer_free(imp);
        return rc;
    }
    stats->last_record_before = im->before.max_record;
    *out = imp;
    return 0;
}

/* Ends the import's savepoint: released when rc is 0, else rolled back. */
static int importer_end(srw_importer *imp, int rc)
{
    srw_store *s = imp->im.s;
    srw_error *err = imp->im.err;
    srw_import_stats *stats = imp->im.stats;
    importer_free(imp);
    if (rc == 0)
        rc = srw_store_release(s, 0, err);
    else
        srw_store_release(s, rc, NULL);
    if (rc)
        srw_import_stats_dispose(stats);
    return rc;
}

int srw_importer_finish(srw_importer *imp)
{
    importer *im = &imp->im;
    int rc = srw_writer_flush(im->w, im->err);
    if (rc == 0)
        rc = srw_import__check_warnings(im);
    /* Nothing reads the study map after the warnings: its memory (60 MB
     * for a million studies) is the label index's sort's to reuse. */
    srw_strmap_dispose(&im->study_ids);
    if (rc == 0)
        rc = srw_writer_labels_build(im->w, im->err);
    return importer_end(imp, rc);
}

void srw_importer_abandon(srw_importer *imp)
{
    if (imp != NULL)
        importer_end(imp, SRW_EDATA);
}

int srw_import_sets(srw_store *s, const srw_record_set *sets, size_t n_sets, const char *who, const char *action,
                    const char *reason, srw_import_stats *stats, srw_error *err)
{
    const char **paths = calloc(n_sets ? n_sets : 1, sizeof *paths);
    if (paths == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t f = 0; f < n_sets; f++)
        paths[f] = sets[f].path;
    srw_importer *imp;
    int rc = srw_importer_open(&imp, s, paths, n_sets, who, action, reason, stats, err);
    if (rc == 0) {
        srw_sink sink = srw_importer_sink(imp);
        /* Uses first, then records, then what is checked against the
         * outcomes the records create. */
        for (int kind = SRW_PUSH_USES; kind <= SRW_PUSH_CLAIMS && rc == 0; kind++)
            for (size_t f = 0; f < n_sets && rc == 0; f++)
                rc = srw_record_set_push(&sets[f], (srw_push_kind)kind, &sink, err);
        if (rc == 0)
            rc = srw_importer_finish(imp);
        else
            srw_importer_abandon(imp);
    }
    free(paths);
    return rc;
}

void srw_import_stats_dispose(srw_import_stats *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->n_changes; i++)
        free(st->changes[i]);
    free(st->changes);
    memset(st, 0, sizeof *st);
}
