/* An outcome settings row (srw_outcome_settings): new, changed (one line
 * and one trail row per column that changed, as the use settings do) or
 * unchanged.  Every column is compared through the one column table
 * (srw_outcome_settings_columns), so a column added there is listed here
 * without more code.  A row is the outcome's settings as a whole: a column
 * it leaves empty clears the stored value. */
#include "import/importer.h"
#include "srw/decimal.h"
#include "util/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A column's value as text ("" when not given): the trail's and the change
 * line's. */
static void value_text(const srw_column *c, const srw_outcome_settings *o, char *buf, size_t n)
{
    const char *slot = (const char *)o + c->offset;
    buf[0] = '\0';
    if (c->kind == SRW_FIELD_TEXT) {
        const char *v;
        memcpy(&v, slot, sizeof v);
        if (v != NULL)
            snprintf(buf, n, "%s", v);
    } else if (c->kind == SRW_FIELD_NUMBER) {
        double v;
        memcpy(&v, slot, sizeof v);
        if (!isnan(v))
            srw_number_text(v, buf, n);
    } else {
        int v;
        memcpy(&v, slot, sizeof v);
        if (v >= 0)
            snprintf(buf, n, "%d", v);
    }
}

static int changes(importer *im, const srw_outcome_settings *old, const srw_outcome_settings *o)
{
    size_t nc;
    const srw_column *c = srw_outcome_settings_columns(&nc);
    int rc = 0;
    for (size_t i = 2; i < nc && rc == 0; i++) {
        char was[700], now[700];
        value_text(&c[i], old, was, sizeof was);
        value_text(&c[i], o, now, sizeof now);
        if (strcmp(was, now) == 0)
            continue;
        const char *ov = was[0] ? was : NULL, *nv = now[0] ? now : NULL;
        if (strlen(was) <= 40 && strlen(now) <= 40)
            rc = srw_import__setting_changed(im, o->use, o->outcome, NULL, c[i].name, ov, nv,
                                             "outcome '%s' of '%s': %s %s -> %s", o->outcome, o->use, c[i].name,
                                             ov ? ov : "(none)", nv ? nv : "(none)");
        else
            rc = srw_import__setting_changed(im, o->use, o->outcome, NULL, c[i].name, ov, nv,
                                             "outcome '%s' of '%s': %s %s", o->outcome, o->use, c[i].name,
                                             nv == NULL ? "removed" : ov == NULL ? "added" : "changed");
    }
    return rc;
}

/* A new outcome's settings: one trail row with what is set. */
static int added(importer *im, const srw_outcome_settings *o)
{
    size_t nc, len = 0;
    const srw_column *c = srw_outcome_settings_columns(&nc);
    char v[1200] = "";
    for (size_t i = 2; i < nc && len < sizeof v; i++) {
        char t[300];
        value_text(&c[i], o, t, sizeof t);
        if (t[0])
            len += (size_t)snprintf(v + len, sizeof v - len, "%s%s=%s", len ? "; " : "", c[i].name, t);
    }
    return srw_import__setting_added(im, o->use, o->outcome, "outcome settings", v);
}

int srw_import__outcome_settings(importer *im, const char *path, const srw_outcome_settings *o)
{
    size_t len = strlen(o->use) + strlen(o->outcome) + 2;
    char *key = malloc(len);
    if (key == NULL)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    snprintf(key, len, "%s\x1f%s", o->use, o->outcome);
    size_t seen;
    int rc = 0;
    if (srw_strmap_get(&im->outcomes_set, key, &seen)) {
        SRW_FAIL(im->err, SRW_EDATA, "outcome '%s' of '%s' has settings in an earlier file of this import too",
                 o->outcome, o->use);
        rc = srw_import__located(im, path, o->line, "outcome");
    } else if (srw_strmap_put(&im->outcomes_set, key, 1) != 0) {
        rc = SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    }
    free(key);
    if (rc)
        return rc;
    srw_id uid;
    if ((rc = srw_import__use_id(im, path, o->line, o->use, &uid)) != 0)
        return rc;
    srw_outcome_settings old;
    int had = srw_writer_outcome_settings_get(im->w, uid, o->outcome, &old, im->err);
    if (had < 0)
        return had;
    size_t lines_before = im->stats->n_changes;
    rc = had ? changes(im, &old, o) : added(im, o);
    srw_outcome_settings_dispose(&old);
    if (rc || (had && im->stats->n_changes == lines_before))
        return rc;
    im->stats->n_outcomes_set++;
    return srw_writer_outcome_settings_put(im->w, uid, o, im->who, im->when, im->err);
}
