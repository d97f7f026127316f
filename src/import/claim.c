/* A claim (srw_claim, a claims file row): new, changed (one line and one
 * trail row per column that changed, as outcome settings do) or
 * unchanged.  The columns are compared through the one column table
 * (srw_claim_columns).  A claim is keyed by its use and its words: a
 * reworded claim is a new one. */
#include "import/importer.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *column_value(const srw_column *c, const srw_claim *cl)
{
    return *(char *const *)((const char *)cl + c->offset);
}

static int changes(importer *im, const srw_claim *old, const srw_claim *c)
{
    size_t nc;
    const srw_column *cols = srw_claim_columns(&nc);
    int rc = 0;
    for (size_t i = 0; i < nc && rc == 0; i++) {
        const char *was = column_value(&cols[i], old), *now = column_value(&cols[i], c);
        if (srw_same_text(was, now))
            continue;
        if ((was == NULL || strlen(was) <= 40) && (now == NULL || strlen(now) <= 40))
            rc = srw_import__setting_changed(im, c->use, c->outcome, NULL, cols[i].name, was, now,
                                             "claim of '%s' (\"%.*s\"): %s %s -> %s", c->use, (int)srw_utf8_prefix(c->claim, 60), c->claim,
                                             cols[i].name, was ? was : "(none)", now ? now : "(none)");
        else
            rc = srw_import__setting_changed(im, c->use, c->outcome, NULL, cols[i].name, was, now,
                                             "claim of '%s' (\"%.*s\"): %s %s", c->use, (int)srw_utf8_prefix(c->claim, 60), c->claim, cols[i].name,
                                             now == NULL ? "removed" : was == NULL ? "added" : "changed");
    }
    return rc;
}

/* A new claim: one trail row with what it says. */
static int added(importer *im, const srw_claim *c)
{
    size_t nc, len = 0;
    const srw_column *cols = srw_claim_columns(&nc);
    char v[1500] = "";
    for (size_t i = 0; i < nc && len < sizeof v; i++) {
        const char *t = column_value(&cols[i], c);
        if (t != NULL && strcmp(cols[i].name, "use") != 0)
            len += (size_t)snprintf(v + len, sizeof v - len, "%s%s=%s", len ? "; " : "", cols[i].name, t);
    }
    return srw_import__setting_added(im, c->use, c->outcome, "claim", v);
}

int srw_import__claim(importer *im, const char *path, const srw_claim *c)
{
    size_t len = strlen(c->use) + strlen(c->claim) + 2;
    char *key = malloc(len);
    if (key == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    snprintf(key, len, "%s\x1f%s", c->use, c->claim);
    size_t seen;
    int rc = 0;
    if (srw_strmap_get(&im->claims_set, key, &seen)) {
        SRW_FAIL(im->err, SRW_EDATA, "the claim \"%.*s\" of '%s' is in an earlier file of this import too", (int)srw_utf8_prefix(c->claim, 80), c->claim,
                 c->use);
        rc = srw_import__located(im, path, c->line, "claim");
    } else if (srw_strmap_put(&im->claims_set, key, 1) != 0) {
        rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    }
    free(key);
    if (rc)
        return rc;
    srw_id uid;
    if ((rc = srw_import__use_id(im, path, c->line, c->use, &uid)) != 0)
        return rc;
    srw_claim old;
    int had = srw_writer_claim_get(im->w, uid, c->claim, &old, im->err);
    if (had < 0)
        return had;
    size_t lines_before = im->stats->n_changes;
    rc = had ? changes(im, &old, c) : added(im, c);
    srw_claim_dispose(&old);
    if (rc || (had && im->stats->n_changes == lines_before))
        return rc;
    im->stats->n_claims_set++;
    return srw_writer_claim_put(im->w, had, uid, c, im->who, im->when, im->err);
}
