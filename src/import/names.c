/* Use and outcome names as study labels are (labels.c, util/label.h):
 * "Neck Pain" and "neck  pain" are one use to a reader, two to SQLite, and
 * a report of two uses that are one hides half the evidence of each.  A
 * name new to the review that folds like one it holds (a use; an outcome
 * of the same use, whether trials or only a published result name it) is
 * the same use or outcome spelt twice: an error, as a trial's second label
 * is, whether the first spelling is stored or earlier in the import.
 * Only new names are checked, so an import of rows the review knows costs
 * nothing here. */
#include "import/importer.h"
#include "util/grow.h"
#include "util/label.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* "\x1e" and the folded use name, or "<use id>\x1f" and the folded outcome
 * name, in im->name_key; NULL when out of memory. */
static const char *key_of(importer *im, srw_id uid, const char *name)
{
    char head[32];
    int n = uid == 0 ? snprintf(head, sizeof head, "\x1e") : snprintf(head, sizeof head, "%lld\x1f", (long long)uid);
    const char *f = srw_label_fold(name, &im->name_fold, &im->name_fold_cap);
    if (f == NULL || srw_reserve(&im->name_key, &im->name_key_cap, (size_t)n + strlen(f) + 1) != 0)
        return NULL;
    memcpy(im->name_key, head, (size_t)n);
    strcpy(im->name_key + n, f);
    return im->name_key;
}

/* Keeps name under its key unless a spelling is there already. */
static int keep(importer *im, srw_id uid, const char *name)
{
    const char *k = key_of(im, uid, name), *copy = k ? srw_texts_keep(&im->name_texts, name) : NULL;
    size_t had;
    return copy != NULL && srw_strmap_add(&im->names, k, (size_t)(uintptr_t)copy, &had) >= 0 ? 0 : -1;
}

static int keep_stored(void *ctx, long long use_id, const char *use, const char *outcome)
{
    importer *im = ctx;
    if (keep(im, use != NULL ? 0 : (srw_id)use_id, use != NULL ? use : outcome) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    return 0;
}

int srw_import__new_name(importer *im, srw_id uid, const char *use, const char *name, const char *path, long line,
                         const char *field)
{
    int rc;
    if (!im->names_loaded) {
        if ((rc = srw_store_each_name(im->s, keep_stored, im, im->err)) != 0)
            return rc;
        im->names_loaded = 1;
    }
    const char *k = key_of(im, uid, name), *what = uid == 0 ? "use" : "outcome";
    size_t v;
    if (k == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    if (im->name_fold[0] == '\0') {
        SRW_FAIL(im->err, SRW_EDATA, "%s name '%s' shows as nothing (only spaces or invisible characters): give it a name",
                 what, name);
        return srw_import__located(im, path, line, field ? field : what);
    }
    if (srw_strmap_get(&im->names, k, &v)) {
        const char *other = (const char *)(uintptr_t)v;
        if (strcmp(other, name) == 0)
            return 0;
        if (uid == 0)
            SRW_FAIL(im->err, SRW_EDATA,
                     "use '%s' differs only in letter case or spacing from '%s', which the review already holds:"
                     " the same use twice? (give it one name)",
                     name, other);
        else
            SRW_FAIL(im->err, SRW_EDATA,
                     "outcome '%s' of '%s' differs only in letter case or spacing from '%s', which the use already"
                     " holds: the same outcome twice? (give it one name)",
                     name, use, other);
        return srw_import__located(im, path, line, field ? field : what);
    }
    return keep(im, uid, name) == 0 ? 0 : SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
}
