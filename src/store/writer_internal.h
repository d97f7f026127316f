/* The writer's state, shared by writer.c (the statements) and
 * writer_bulk.c (the queues and the label index).  Not public. */
#ifndef SRW_STORE_WRITER_INTERNAL_H
#define SRW_STORE_WRITER_INTERNAL_H

#include <sqlite3.h>

#include "store/store_internal.h"
#include "store/writer.h"
#include "util/strmap.h"

struct srw_writer {
    srw_store *s;
    srw_strmap use_ids; /* name -> id, of the uses looked up or added */
    sqlite3_stmt *find_use, *add_use, *use_settings, *set_use, *find_outcome, *find_outcome_by_name,
        *add_outcome, *outcome_settings, *fill_outcome, *pub_of_outcome, *outcome_trials, *find_study,
        *add_study, *upsert_study, *study_settings, *fill_study, *label_of, *any_randomised, *find_record,
        *add_record, *add_records, *set_record, *find_rob, *set_rob, *add_rob, *find_pub, *add_pub, *set_pub,
        *grade_stored, *set_indirectness, *set_override, *audit, *freeze, *add_studies, *add_study_one,
        *warned_one, *warned_added, *find_moderator, *put_moderator;
    /* RoB 2's look-up and writes (rob2.c), prepared on first use: most
     * imports have no RoB 2 judgement. */
    sqlite3_stmt *find_rob2, *set_rob2, *add_rob2;
    /* New records, written IMPORT_BATCH to a statement; every look-up that
     * must see them flushes first. */
    struct pending_record {
        const char *path; /* the record's file (for an error), NULL when none */
        const srw_record *r;
        const char *reviewer;
        srw_id oid, sid, audit;
    } pending[IMPORT_BATCH];
    size_t n_pending;
    /* With studies_label dropped (label_index_later), new studies get
     * their ids here (the last given in last_study_id) and are written
     * IMPORT_BATCH to a statement, before the records that point at them
     * and before anything reads studies. */
    struct queued_study {
        const char *label;
        int year;
        long randomised;
        srw_id audit;
    } queued[IMPORT_BATCH];
    size_t n_queued;
    srw_id last_study_id;
    int label_index_deferrable; /* a bulk import into a small database */
    int label_index_later;      /* studies_label dropped, built at the end */
};

/* writer_bulk.c: the statements of the queues (srw_writer_open). */
int srw_writer__prepare_batches(srw_writer *w, srw_error *err);
/* step a statement that returns no row, and reset it. */
int srw_writer__done(srw_writer *w, sqlite3_stmt *st, const char *what, srw_error *err);

#endif
