/* One trial under two labels in one outcome (importer.h,
 * srw_import__same_trial).  "Smith 2001" and "smith  2001" are two studies
 * to SQLite; pooled in one outcome they count one trial twice.  The
 * reader catches that within a file.  Here: a second file's rows for the
 * outcome, an outcome the database already holds, another reviewer's
 * label. */
#include "import/importer.h"
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
static const char *fold(importer *im, srw_id oid, const char *label)
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

typedef struct trials_of {
    importer *im;
    srw_id oid;
} trials_of;

static int map_trial(void *ctx, srw_id study, const char *label)
{
    trials_of *t = ctx;
    const char *k = fold(t->im, t->oid, label);
    size_t had;
    if (k == NULL || srw_strmap_add(&t->im->trials, k, (size_t)study, &had) < 0)
        return SRW_FAIL(t->im->err, SRW_ENOMEM, "out of memory");
    return 0;
}

/* o's trials as the database holds them (every reviewer's, and this
 * import's queued rows), into im->trials. */
static int load_trials(importer *im, import_outcome *o)
{
    trials_of t = {im, o->id};
    int rc = srw_writer_outcome_trials(im->w, o->id, map_trial, &t, im->err);
    if (rc == 0)
        o->trials_loaded = 1;
    return rc;
}

int srw_import__same_trial(importer *im, const char *path, const srw_record *r, size_t index, srw_id sid,
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
    if (rc == 1 || (srw_id)other == sid)
        return 0;
    char label[512];
    if ((rc = srw_writer_study_label(im->w, (srw_id)other, label, sizeof label, im->err)) != 0)
        return rc;
    SRW_FAIL(im->err, SRW_EDATA,
             "study '%s' in outcome '%s' of '%s' differs only in letter case or spacing from '%s', which the"
             " outcome already holds: the same trial twice? (give it one label)",
             r->study, r->outcome, r->use, label);
    srw_error_locate(im->err, path, r->line, 0, "study");
    return SRW_EDATA;
}
