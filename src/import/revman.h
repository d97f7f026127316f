/* What a RevMan import warns of beside its records (revman.c); internal
 * to src/import. */
#ifndef SRW_IMPORT_REVMAN_H
#define SRW_IMPORT_REVMAN_H

#include "srw/import.h"
#include "srw/revman.h"

/* The trials the database held before the import (stats->last_record_before)
 * for an analysis of set (a RevMan file's records) that the file does not
 * list: a study the review dropped since an earlier import, or one entered
 * by hand.  Each is a warning line appended to stats->changes. */
int srw_import__revman_unlisted(srw_store *s, const srw_record_set *set, srw_import_stats *stats, srw_error *err);
/* The analyses an earlier import of the same file (r->path) brought that
 * r no longer has (dropped or renamed since), and whose outcomes still hold
 * records: a warning line each. */
int srw_import__revman_dropped(srw_store *s, const srw_rm5_review *r, srw_import_stats *stats, srw_error *err);
/* A study with two or more data rows in one subgroup of one analysis
 * (r->repeats): imported and pooled as RevMan pools them, with a warning
 * line each that a control arm the rows share is counted twice. */
int srw_import__revman_repeats(const srw_rm5_review *r, srw_import_stats *stats, srw_error *err);

#endif
