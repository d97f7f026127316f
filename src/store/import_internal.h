/* Internals of the import shared by src/store/import.c (writing),
 * src/store/import_settings.c (what rows say about their outcome and
 * study) and src/store/import_warnings.c (the warnings of what was
 * written). */
#ifndef SRW_STORE_IMPORT_INTERNAL_H
#define SRW_STORE_IMPORT_INTERNAL_H

#include <sqlite3.h>

#include "util/strmap.h"
#include "srw/record.h"
#include "srw/store.h"

/* Rows per multi-row INSERT: SQLite's per-statement work (step, reset, the
 * statement's transaction bookkeeping) is spread over this many rows. */
#define IMPORT_BATCH 32

/* A row of an outcome the import creates, as its warnings need it. */
typedef struct run_row {
    double exp_total, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd;
    const char *measured_as; /* "change", "final" (static) or NULL */
    size_t study;            /* offset of its label in the run's text */
} run_row;

/* The run of rows of an outcome this import creates (see
 * import_warnings.c): its continuous rows, and the warnings worked out
 * from them when the run ends. */
typedef struct outcome_runs {
    int open;
    sqlite3_int64 oid;
    srw_outcome_type type;
    int has_scale;
    double scale_min, scale_max;
    run_row *rows;
    size_t n_rows, cap_rows;
    char *text; /* use, outcome, then the rows' study labels, NUL-separated */
    size_t text_len, text_cap;
    srw_strmap ended;          /* outcomes whose run ended ("%lld" of the id) */
    int split;                 /* an outcome came back after its run ended */
    char **lines;              /* the warnings, in the rows' order */
    size_t n_lines, cap_lines;
} outcome_runs;

/* An outcome the import names, and what its rows have stated about it so
 * far, in any of the import's files (import_settings.c). */
typedef struct import_outcome {
    sqlite3_int64 id, use_id;
    int is_new;      /* the import created it */
    unsigned stated; /* which settings a row has stated (SET_* bits) */
    srw_outcome_type type;
    srw_direction direction;
    double mid, scale_min, scale_max;
    char *measure, *unit, *mid_source; /* owned */
    /* The same trial under two labels (srw_import__same_trial): the file
     * whose rows the reader checked, while the import created the outcome
     * and no other file has rows for it; then whether im->trials holds the
     * outcome's trials. */
    int first_file, trials_loaded;
} import_outcome;

typedef struct importer {
    srw_store *s;
    const char *who;          /* the reviewer whose extraction this is */
    const char *action;       /* audit trail: "import", "add", "edit" */
    const char *reason;       /* audit trail: why (NULL for an import) */
    char when[32];
    srw_import_stats *stats;
    srw_error *err;
    srw_strmap use_ids, study_ids;
    srw_strmap uses_set; /* uses given decision settings by this import */
    srw_strmap grades_set; /* "outcome id\x1fdomain" judged by this import */
    srw_strmap pubs_seen; /* published results of this import -> index in pub_at */
    struct published_at {
        const char *path;
        long line;
    } *pub_at;
    size_t n_pub_at, cap_pub_at;
    srw_strmap outcome_index; /* "use id\x1foutcome" -> index in outcomes */
    char *file_path;          /* the file of the latest row, and its number (from 1) */
    int file_no;
    char *folded;             /* "outcome id\x1f" and a folded study label (util/label.h) */
    size_t folded_cap;
    char *fold_tmp;           /* the folded label alone */
    size_t fold_tmp_cap;
    srw_strmap trials;        /* the same -> study id, for the outcomes loaded */
    import_outcome *outcomes;
    size_t n_outcomes, cap_outcomes;
    sqlite3_stmt *find_use, *add_use, *find_outcome, *add_outcome, *add_study, *upsert_study,
        *find_record, *add_record, *set_record, *find_rob, *set_rob, *set_use,
        *find_pub, *add_pub, *set_pub, *fill_outcome, *add_rob, *audit, *find_outcome_by_name,
        *set_indirectness, *set_override, *fill_study, *any_randomised, *outcome_settings, *study_settings,
        *use_settings, *grade_stored, *outcome_of_pub, *pub_of_outcome;
    /* New records, written IMPORT_BATCH to a statement (see
     * queue_new_record); the rest of the importer flushes them before it
     * reads records, so that every statement sees what the rows before it
     * wrote. */
    sqlite3_stmt *add_records, *freeze, *label_of, *outcome_trials, *find_study;
    /* With studies_label dropped (label_index_later), a study the map
     * lacks is new:
     * the importer gives its id (the last given in last_study_id) and
     * writes it with the next IMPORT_BATCH - 1 (add_studies), before the
     * records that point at it and before anything reads studies. */
    sqlite3_stmt *add_studies, *add_study_one;
    struct queued_study {
        const char *label; /* study_ids' copy */
        int year;
        long randomised;
    } queued_studies[IMPORT_BATCH];
    size_t n_queued_studies;
    sqlite3_int64 last_study_id;
    struct pending_record {
        const char *path; /* the record's file (for an error), NULL when none */
        const srw_record *r;
        sqlite3_int64 oid, sid;
    } *pending;
    /* The trail's one entry for the records this import adds (0 until the
     * first), which each of them points at (records.audit_id). */
    sqlite3_int64 batch_id;
    /* The records the import named that were already stored (updated or
     * unchanged), and the largest record id before it: what the warnings
     * read back. */
    sqlite3_int64 *named, max_id_before, max_outcome_before;
    sqlite3_int64 max_study_before; /* studies above it were created by this import */
    int had_published;              /* the database held published results before the import */
    int label_index_deferrable;     /* a bulk import into a small database: see srw_import__defer_labels */
    int label_index_later;          /* studies_label dropped, built when the import ends */
    outcome_runs runs;
    size_t n_named, cap_named;
    const srw_record_set *sets;
    size_t n_sets;
    const char *const *paths; /* files whose records are streamed (srw_import_add) */
    size_t n_paths;
    size_t n_pending;
    /* The previous record's use and outcome (copies: a streamed record's
     * slot is reused, possibly by the very next row), and their ids. */
    char *last_use, *last_outcome;
    size_t cap_last_use, cap_last_outcome;
    sqlite3_int64 last_uid;
    size_t last_outcome_index; /* in outcomes */
} importer;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int srw_import__add_change(importer *im, const char *fmt, ...);
/* A change to what the review keeps beside the records (a study's year, an
 * outcome's MID, a use's settings, a published result, a GRADE judgement):
 * its line for the user (fmt) and its row in the audit trail (field, old
 * and new, NULL when there was or is none), under the import's entry. */
#if defined(__GNUC__)
__attribute__((format(printf, 8, 9)))
#endif
int srw_import__setting_changed(importer *im, const char *use, const char *outcome, const char *study,
                                const char *field, const char *old_value, const char *new_value, const char *fmt,
                                ...);
/* Why a published result (measure, direction) does not fit the outcome srw
 * holds (type, direction): "measure", "direction", or NULL when it fits. */
const char *srw_import__published_misfit(srw_outcome_type type, const char *direction, const char *measure,
                                         const char *published_direction);
/* err located at path:line, field; returns SRW_EDATA. */
int srw_import__located(importer *im, const char *path, long line, const char *field);
/* r's outcome in use uid: found or created, r checked against what the
 * import's earlier rows and the database say about it; *index in
 * im->outcomes. */
int srw_import__outcome(importer *im, const char *path, const srw_record *r, sqlite3_int64 uid, size_t *index);
/* A later row of outcome index (see srw_import__outcome). */
int srw_import__outcome_row(importer *im, const char *path, const srw_record *r, size_t index);
void srw_import__outcomes_dispose(importer *im);
/* Writes the queued new records (before a look-up that must see them). */
int srw_import__flush(importer *im);
/* After the import's first new study, in a bulk import into a small
 * database: the study map takes every stored label, the label index goes
 * until the import ends, and new studies are queued. */
int srw_import__defer_labels(importer *im);
/* Writes the queued new studies (label_index_later). */
int srw_import__flush_studies(importer *im);
/* The label of study sid into buf (n bytes). */
int srw_import__study_label(importer *im, sqlite3_int64 sid, char *buf, size_t n);
/* r (in outcome index, study sid) against the outcome's other trials: one
 * whose label differs from r's only in letter case or spacing (util/label.h)
 * is the same trial entered twice, an error, whether it is stored, in an
 * earlier file of the import, or another reviewer's.  The reader checks
 * the rows of one file (reader_checked: r is such a row); this checks
 * across files and against the database. */
int srw_import__same_trial(importer *im, const char *path, const srw_record *r, size_t index, sqlite3_int64 sid,
                           int reader_checked);
/* The trail's entry for this import, written once, before its first
 * change; the records and studies it adds point at it (im->batch_id). */
int srw_import__batch_entry(importer *im);
/* r's study: found or created, its year and randomised total checked and
 * filled in. */
int srw_import__study(importer *im, const char *path, const srw_record *r, sqlite3_int64 *id);
/* What the import's rows have stated of a study, in the bits above its id
 * in study_ids' values: a later file that states otherwise conflicts, even
 * when the study was stored before the import. */
#define STUDY_ID_MASK (((size_t)1 << 46) - 1)
#define STUDY_STATED_YEAR ((size_t)1 << 46)
#define STUDY_STATED_RANDOMISED ((size_t)1 << 47)
#define STUDY_STATED_ROB(d) ((size_t)1 << (48 + (d)))     /* a judgement, bits 48 to 54 */
#define STUDY_STATED_SUPPORT(d) ((size_t)1 << (55 + (d))) /* its support, bits 55 to 61 */
size_t srw_import__study_stated(const importer *im, const char *study);
int srw_import__study_state(importer *im, const char *study, size_t flags);
/* Each record the import writes, with its outcome's id, whether the import
 * created that outcome, and whether it differs from the previous record's. */
int srw_import__run_row(importer *im, const srw_record *r, sqlite3_int64 oid, int is_new, int changed);
/* The warnings of every record the import named (stats->changes). */
int srw_import__check_warnings(importer *im);
void srw_import__runs_dispose(outcome_runs *g);

#endif
