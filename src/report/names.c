/* The report's file names (model.h: rp_name_files).  A name keeps only
 * ASCII letters and digits (srw_report_slug), so "Neck Pain", "neck-pain"
 * and "NECK_PAIN!" share one, an all-Greek name and ".." keep nothing, and
 * "a" with outcome "b-c" meets "a-b" with outcome "c": each page and
 * figure would overwrite the other, and two links would lead to one page.
 * Here each stem is unique in the report: the first use (outcome) to take
 * a stem keeps it, later ones get "-2", "-3", ..., in the order they were
 * added to the review, so a re-run names every file the same. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/model.h"
#include "util/strmap.h"

/* name's slug in at most max characters, or fallback when the name has no
 * ASCII letter or digit (srw_report_slug would write "x"). */
static void stem_of(char *out, size_t max, const char *name, const char *fallback)
{
    int any = 0;
    for (const char *p = name; *p && !any; p++)
        any = (unsigned char)*p < 128 && isalnum((unsigned char)*p);
    if (any)
        srw_report_slug(out, max + 1, name);
    else
        snprintf(out, max + 1, "%s", fallback);
}

/* base, else base-2, base-3, ...: the first taken holds not, into out
 * (n bytes), and taken. */
static int unique(srw_strmap *taken, const char *base, char *out, size_t n)
{
    snprintf(out, n, "%s", base);
    for (unsigned k = 2; srw_strmap_get(taken, out, &(size_t){0}); k++)
        snprintf(out, n, "%s-%u", base, k);
    return srw_strmap_put(taken, out, 1);
}

static rp_use *use_named(rp_report *r, const char *name)
{
    for (size_t i = 0; i < r->n_uses; i++)
        if (strcmp(r->uses[i].name, name) == 0)
            return &r->uses[i];
    return NULL;
}

/* The outcomes of u in the order their stems are given: by id, then those
 * the store holds no trials for, in the page's order. */
static int outcome_stems(rp_use *u, srw_store *s, srw_strmap *figures, srw_error *err)
{
    srw_name_list by_id = {0};
    int rc = srw_store_outcome_names_by_id(s, u->name, &by_id, err);
    if (rc != 0)
        return rc;
    unsigned char *done = calloc(u->n_outcomes ? u->n_outcomes : 1, 1);
    if (done == NULL) {
        srw_name_list_dispose(&by_id);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t pass = 0; rc == 0 && pass <= by_id.n; pass++)
        for (size_t i = 0; rc == 0 && i < u->n_outcomes; i++) {
            rp_outcome *o = &u->outcomes[i];
            if (done[i] || (pass < by_id.n && strcmp(o->name, by_id.names[pass]) != 0))
                continue;
            char part[49], base[sizeof o->slug];
            stem_of(part, 48, o->name, "outcome");
            snprintf(base, sizeof base, "%s-%s", u->slug, part);
            done[i] = 1;
            if (unique(figures, base, o->slug, sizeof o->slug) != 0)
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
    free(done);
    srw_name_list_dispose(&by_id);
    return rc;
}

int rp_name_files(rp_report *r, srw_store *s, srw_error *err)
{
    srw_strmap pages = {0}, figures = {0};
    srw_name_list by_id = {0};
    /* Every use of the review takes its stem, in the report or not: a page
     * is named the same in a report of one use (--use) and of all. */
    int rc = srw_strmap_put(&pages, "index", 1) == 0 ? 0 : SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc == 0)
        rc = srw_store_use_names_by_id(s, &by_id, err);
    for (size_t i = 0; rc == 0 && i < by_id.n; i++) {
        rp_use *u = use_named(r, by_id.names[i]);
        char base[61], stem[sizeof u->slug];
        stem_of(base, 60, by_id.names[i], "use");
        if (unique(&pages, base, stem, sizeof stem) != 0)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        else if (u != NULL)
            memcpy(u->slug, stem, sizeof stem);
    }
    for (size_t i = 0; rc == 0 && i < by_id.n; i++) {
        rp_use *u = use_named(r, by_id.names[i]);
        if (u != NULL)
            rc = outcome_stems(u, s, &figures, err);
    }
    srw_name_list_dispose(&by_id);
    srw_strmap_dispose(&pages);
    srw_strmap_dispose(&figures);
    return rc;
}
