/* A trial record's moderators (its mod_<name> columns): one value per
 * study, arm and name, kept beside the study as its year is (importer.h,
 * srw_import__moderators). */
#include "import/importer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "sid\x1farm\x1fname" into buf; NULL when it does not fit. */
static const char *key_of(char *buf, size_t n, srw_id sid, const char *arm, const char *name)
{
    int w = snprintf(buf, n, "%lld\x1f%s\x1f%s", (long long)sid, arm ? arm : "", name);
    return w > 0 && (size_t)w < n ? buf : NULL;
}

int srw_import__moderators(importer *im, const char *path, const srw_record *r, srw_id sid)
{
    for (size_t i = 0; i < r->n_mods; i++) {
        const srw_record_mod *m = &r->mods[i];
        char key[600], col[80];
        snprintf(col, sizeof col, "mod_%s", m->name);
        if (key_of(key, sizeof key, sid, r->arm, m->name) == NULL) {
            SRW_FAIL(im->err, SRW_EDATA, "arm '%.100s' is too long", r->arm ? r->arm : "");
            return srw_import__located(im, path, r->line, "arm");
        }
        char *old = NULL;
        int rc = srw_writer_moderator_get(im->w, sid, r->arm, m->name, &old, im->err);
        if (rc < 0)
            return rc;
        int same = old != NULL && strcmp(old, m->value) == 0;
        int stated = srw_strmap_get(&im->mods_set, key, NULL);
        int ours = sid > im->before.max_study;
        rc = 0;
        if (old != NULL && !same && (ours || stated)) {
            /* An earlier row of this import said otherwise. */
            SRW_FAIL(im->err, SRW_EDATA,
                     "study '%s'%s%s%s has %s '%s' here but '%s' in an earlier file of this import (one value per "
                     "study%s)",
                     r->study, r->arm ? ", arm '" : "", r->arm ? r->arm : "", r->arm ? "'," : "", col, m->value, old,
                     r->arm ? " and arm" : "");
            rc = srw_import__located(im, path, r->line, col);
        } else if (old != NULL && !same) {
            rc = srw_import__setting_changed(im, NULL, NULL, r->study, col, old, m->value, "study '%s'%s%s%s: %s %s -> %s",
                                             r->study, r->arm ? " (arm " : "", r->arm ? r->arm : "",
                                             r->arm ? ")" : "", col, old, m->value);
        } else if (old == NULL && !ours) {
            /* A study stored before the import gains a value: the trail
             * says so (a new study's values come with its import's entry). */
            rc = srw_import__trail(im, NULL, NULL, r->study, col, NULL, m->value);
        }
        if (rc == 0 && !same)
            rc = srw_writer_moderator_put(im->w, sid, r->arm, m->name, m->value, im->who, im->when, im->err);
        free(old);
        if (rc == 0 && !stated && srw_strmap_put(&im->mods_set, key, 1) != 0)
            rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
        if (rc != 0)
            return rc;
    }
    return 0;
}
