/* One trial under two labels in one outcome (see import_internal.h,
 * srw_import__same_trial).  "Smith 2001" and "smith  2001" are two
 * studies to SQLite; pooled in one outcome they count one trial twice.
 * The reader catches that within a file.  Here: a second file's rows for
 * the outcome, an outcome the database already holds, another reviewer's
 * label. */
#include "store/import_internal.h"
#include "store/store_internal.h"
#include "util/grow.h"
#include "util/label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The number of path's file in this import (files come one after another). */
static int file_no(importer *im, const char *path)
{
    const char *p = path ? path : "";
    if (im->file_path == NULL || strcmp(p, im->file_path) != 0) {
        char *c = strdup(p);
        if (c == NULL)
            return -1;
        free(im->file_path);
        im->file_path = c;
        im->file_no++;
    }
    return im->file_no;
}

/* "oid\x1f" and label folded, in im->folded. */
static const char *fold(importer *im, sqlite3_int64 oid, const char *label)
{
    char head[32];
    int n = snprintf(head, sizeof head, "%lld\x1f", (long long)oid);
    const char *f = srw_label_fold(label, &im->fold_tmp, &im->fold_tmp_cap);
    if (f == NULL || srw_reserve(&im->folded, &im->folded_cap, (size_t)n + strlen(f) + 1) != 0)
        return NULL;
    memcpy(im->folded, head, (size_t)n);
    strcpy(im->folded + n, f);
    return im->folded;
}

/* o's trials as the database holds them (every reviewer's, and this
 * import's queued rows, written first), into im->trials. */
static int load_trials(importer *im, import_outcome *o)
{
    int rc = srw_import__flush(im);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = srw_store_prepare_kept(im->s, &im->outcome_trials,
                                     "SELECT DISTINCT s.id, s.label FROM records r JOIN studies s ON s.id = r.study_id"
                                     " WHERE r.outcome_id = ?1",
                                     im->err)) != 0)
        return rc;
    st = im->outcome_trials;
    sqlite3_bind_int64(st, 1, o->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = fold(im, o->id, (const char *)sqlite3_column_text(st, 1));
        size_t id = (size_t)sqlite3_column_int64(st, 0), had;
        if (k == NULL || srw_strmap_add(&im->trials, k, id, &had) < 0) {
            sqlite3_reset(st);
            return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(im->s, im->err, "cannot read an outcome's trials");
    o->trials_loaded = 1;
    return 0;
}

int srw_import__same_trial(importer *im, const char *path, const srw_record *r, size_t index, sqlite3_int64 sid,
                           int reader_checked)
{
    import_outcome *o = &im->outcomes[index];
    int f = file_no(im, path), rc;
    if (f < 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    if (!o->trials_loaded) {
        /* Rows of one file, read by a trial reader, for an outcome the
         * import created: the reader's check (a million-row import stays
         * on this path).  A RevMan file's or a set's rows are checked here. */
        if (reader_checked && o->is_new && (o->first_file == 0 || o->first_file == f)) {
            o->first_file = f;
            return 0;
        }
        if ((rc = load_trials(im, o)) != 0)
            return rc;
    }
    const char *k = fold(im, o->id, r->study);
    size_t other;
    if (k == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    if (im->fold_tmp[0] == '\0') {
        SRW_FAIL(im->err, SRW_EDATA,
                 "study label '%s' shows as nothing (only spaces or invisible characters): give the trial a label",
                 r->study);
        srw_error_locate(im->err, path, r->line, 0, "study");
        return SRW_EDATA;
    }
    rc = srw_strmap_add(&im->trials, k, (size_t)sid, &other);
    if (rc < 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    if (rc == 1 || (sqlite3_int64)other == sid)
        return 0;
    char label[512];
    if ((rc = srw_import__study_label(im, (sqlite3_int64)other, label, sizeof label)) != 0)
        return rc;
    SRW_FAIL(im->err, SRW_EDATA,
             "study '%s' in outcome '%s' of '%s' differs only in letter case or spacing from '%s', which the"
             " outcome already holds: the same trial twice? (give it one label)",
             r->study, r->outcome, r->use, label);
    srw_error_locate(im->err, path, r->line, 0, "study");
    return SRW_EDATA;
}
