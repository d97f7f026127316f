/* A trial record's RoB 2 judgements (the result's, each reviewer's own):
 * each item the row gives written when new or changed, with its change
 * line and its trail rows as RoB 1's are (record.c), a support the row
 * leaves blank kept; then the reviewer's overall checked against the
 * domains (srw/rob.h), a warning when it contradicts them. */
#include "import/importer.h"
#include "srw/rob.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One item: *held gets the judgement the reviewer holds after the row. */
static int write_item(importer *im, const srw_record *r, srw_id oid, srw_id sid, int i, srw_rob2_judgement *held)
{
    const char *item = srw_rob2_item_column(i), *label = srw_rob2_item_label(i);
    const char *sup_col = srw_rob2_support_column(i); /* NULL for the overall */
    char *old = NULL, *old_sup = NULL;
    int rc = srw_writer_rob2_get(im->w, oid, sid, item, im->who, &old, &old_sup, im->err);
    if (rc < 0)
        return rc;
    *held = srw_rob2_judgement_parse(old);
    rc = 0;
    if (r->rob2[i] != SRW_ROB2_UNSET) {
        const char *j = srw_rob2_judgement_name(r->rob2[i]);
        const char *sup = sup_col != NULL && r->rob2_support[i] != NULL ? r->rob2_support[i] : old_sup;
        int same = old != NULL && strcmp(old, j) == 0, same_sup = srw_same_text(old_sup, sup);
        if (old != NULL && !same)
            rc = srw_import__add_change(im, "RoB 2 of %s / %s / %s, %s: %s -> %s", r->use, r->outcome, r->study, label,
                                        old, j);
        if (rc == 0 && old_sup != NULL && !same_sup) /* a support filled in is not a change to list */
            rc = srw_import__add_change(im, "RoB 2 of %s / %s / %s, %s: support changed", r->use, r->outcome,
                                        r->study, label);
        /* The trail: the judgement, and its support, each as its own field. */
        if (rc == 0 && !same)
            rc = srw_import__trail(im, r->use, r->outcome, r->study, item, old, j);
        if (rc == 0 && !same_sup)
            rc = srw_import__trail(im, r->use, r->outcome, r->study, sup_col, old_sup, sup);
        if (rc == 0 && (!same || !same_sup))
            rc = srw_writer_rob2_put(im->w, old != NULL, oid, sid, item, j, im->who, im->when, sup, im->err);
        *held = r->rob2[i];
    }
    free(old);
    free(old_sup);
    return rc;
}

int srw_import__rob2(importer *im, const srw_record *r, srw_id oid, srw_id sid)
{
    int says = 0;
    for (int i = 0; i < SRW_ROB2_ITEMS; i++)
        says |= r->rob2[i] != SRW_ROB2_UNSET;
    if (!says) /* the support columns need their judgement (srw_record_validate) */
        return 0;
    srw_rob2_judgement held[SRW_ROB2_ITEMS];
    for (int i = 0; i < SRW_ROB2_ITEMS; i++) {
        int rc = write_item(im, r, oid, sid, i, &held[i]);
        if (rc)
            return rc;
    }
    char why[600];
    if (srw_rob2_overall_check(held, why, sizeof why))
        return srw_import__add_change(im, "warning: %s / %s / %s: %s", r->use, r->outcome, r->study, why);
    return 0;
}
