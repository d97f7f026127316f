/* The loader of one outcome's data, shared by srw_store_load_outcome and
 * the scan of a whole review (internal to src/store: outcome_load.c,
 * scan.c). */
#ifndef SRW_STORE_OUTCOME_LOAD_H
#define SRW_STORE_OUTCOME_LOAD_H

#include "store/store_internal.h"

/* One study's RoB 1 judgements, by study id. */
typedef struct rob_entry {
    sqlite3_int64 study;
    srw_rob_judgement rob[SRW_ROB_N];
} rob_entry;

/* A record as read, before it takes its place in the sorted rows. */
typedef struct version {
    sqlite3_int64 study;
    int extraction;                 /* kind = 'extraction' */
    char *label, *subgroup;         /* moved to out->strings when kept */
    char *cmp[3];                   /* comparison, intervention, comparator */
    char *arm;                      /* the record's arm, NULL for none ('') */
    srw_study_row row;
    srw_study_info info;
} version;

/* The column lists of an outcome's versions, one per type (and one for
 * none): outcome_load.c. */
#define LOADER_LAYOUTS 4

typedef struct loader {
    srw_store *s;
    sqlite3_stmt *versions[LOADER_LAYOUTS], *analysed[LOADER_LAYOUTS]; /* from the table, the view */
    sqlite3_stmt *awaiting, *rob, *rob2, *overrides, *stored, *flags, *head;
    sqlite3_stmt *mod_names, *mod_value;
    /* What the review holds at all, read once: a side table without a row
     * is never queried, and single-reviewer extractions may enter. */
    int single_ok, any_rob, any_rob2, any_overrides, any_stored, any_moderators;
    int rob_of_use;                 /* rob_map holds the current use's studies (a scan) */
    int no_texts;                   /* records' source and notes left NULL (set before the first load) */
    rob_entry *rob_map;
    size_t n_rob, cap_rob;
    int one_each;                   /* the last outcome loaded was read from the table */
    version *v;                     /* scratch, reused from outcome to outcome */
    size_t cap_v;
} loader;

/* What the review holds at all (read once), and the kept statements. */
int srw_store__loader_init(loader *L, srw_store *s, srw_error *err);
/* What the review holds, read again (between writes). */
int srw_store__loader_refresh(loader *L, srw_error *err);
void srw_store__loader_dispose(loader *L);
/* RoB 1 judgements of the studies of a use (L->rob_of_use) or an outcome
 * (id) into L->rob_map, for srw_store__load_body. */
int srw_store__load_rob(loader *L, sqlite3_int64 id, srw_error *err);

/* An outcome's row (id, name, type, direction, unit, mid, mid_source,
 * measure, indirectness, indirectness_reason, indirectness_source) of use
 * into out. */
#define OUTCOME_COLUMNS                                                                                   \
    "SELECT o.id, o.name, o.type, o.direction, o.unit, o.mid, o.mid_source, o.measure, o.indirectness," \
    " o.indirectness_reason, o.indirectness_source FROM outcomes o"
int srw_store__fill_head(srw_outcome_data *out, sqlite3_stmt *st, const char *use);
/* Everything below the outcome's row: its analysed records in RevMan's
 * order and the side tables; out's head is filled, and it is disposed on
 * failure.  Sets L->one_each. */
int srw_store__load_body(loader *L, sqlite3_int64 oid, srw_outcome_data *out, srw_error *err);

#endif
