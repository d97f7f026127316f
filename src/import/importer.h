/* Internals of one import (not public), shared by src/import/'s files:
 * importer.c (the trail, the sink, open and finish), record.c (a trial
 * record: its use, outcome, study, risk of bias and values), rob2.c (its
 * RoB 2 judgements), settings.c
 * (what rows say about their outcome and study), labels.c (one trial under
 * two labels), extras.c (published results, use settings, GRADE
 * judgements) and warnings.c.  How each thing is written is the store's
 * (store/writer.h); what is written, and what the trail and the change
 * list say, is decided here. */
#ifndef SRW_IMPORT_IMPORTER_H
#define SRW_IMPORT_IMPORTER_H

#include "srw/import.h"
#include "store/writer.h"
#include "util/strmap.h"

/* A continuous row of an outcome the import creates, as its warnings need it. */
typedef struct run_row {
    double exp_total, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd;
    const char *measured_as; /* "change", "final" (static) or NULL */
    size_t study;            /* offset of its label in the run's text */
} run_row;

/* The run of rows of an outcome this import creates (see warnings.c): its
 * continuous rows, and the warnings worked out from them when the run ends. */
typedef struct outcome_runs {
    int open;
    srw_id oid;
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
 * far, in any of the import's files (settings.c). */
typedef struct import_outcome {
    srw_id id, use_id;
    int is_new;      /* the import created it */
    unsigned stated; /* which settings a row has stated (SET_* bits) */
    srw_outcome_type type;
    srw_direction direction;
    double mid, scale_min, scale_max;
    char *measure, *unit, *mid_source; /* owned */
    /* The same trial under two labels (labels.c): the file whose rows the
     * reader checked, while the import created the outcome and no other
     * file has rows for it; then whether im->trials holds the outcome's
     * trials. */
    int first_file, trials_loaded;
} import_outcome;

typedef struct importer {
    srw_store *s;
    srw_writer *w;
    srw_writer_before before; /* what the database held */
    const char *who;          /* the reviewer whose extraction this is */
    const char *action;       /* audit trail: "import", "add", "edit" */
    const char *reason;       /* audit trail: why (NULL for an import) */
    char when[32];
    srw_import_stats *stats;
    srw_error *err;
    /* The files of the import, for its trail entry. */
    const char *const *paths;
    size_t n_paths;
    /* The trail's one entry for this import (0 until its first change),
     * which the records and studies it adds point at. */
    srw_id batch_id;
    srw_strmap study_ids; /* label -> id, with what rows stated above STUDY_ID_MASK */
    srw_strmap uses_set;  /* uses given decision settings by this import */
    srw_strmap grades_set; /* "outcome id\x1fdomain" judged by this import */
    srw_strmap outcomes_set; /* "use\x1foutcome" given settings by this import */
    srw_strmap claims_set;   /* "use\x1fclaim" of this import's claims */
    srw_strmap mods_set;     /* "study id\x1farm\x1fname" of the moderators this import stated */
    srw_strmap pubs_seen; /* published results of this import -> index in pub_at */
    struct published_at {
        const char *path;
        long line;
    } *pub_at;
    size_t n_pub_at, cap_pub_at;
    srw_strmap outcome_index; /* "use id\x1foutcome" -> index in outcomes */
    import_outcome *outcomes;
    size_t n_outcomes, cap_outcomes;
    char *file_path;          /* the file of the latest row, and its number (from 1) */
    int file_no;
    char *folded;             /* "outcome id\x1f" and a folded study label (util/label.h) */
    size_t folded_cap;
    char *fold_tmp;           /* the folded label alone */
    size_t fold_tmp_cap;
    srw_strmap trials;        /* the same -> study id, for the outcomes loaded */
    /* Use and outcome names folded (names.c) -> the spelling the review
     * holds (a copy in name_texts), loaded at the first new name. */
    srw_strmap names;
    srw_texts name_texts;
    int names_loaded;
    char *name_key, *name_fold;
    size_t name_key_cap, name_fold_cap;
    /* The records the import named that were already stored (updated or
     * unchanged): what the warnings read back. */
    srw_id *named;
    size_t n_named, cap_named;
    outcome_runs runs;
    /* The previous record's use and outcome (copies: a streamed record's
     * slot is reused, possibly by the very next row), and their ids. */
    char *last_use, *last_outcome;
    size_t cap_last_use, cap_last_outcome;
    srw_id last_uid;
    size_t last_outcome_index; /* in outcomes */
} importer;

/* --- importer.c ------------------------------------------------------------------ */
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
/* What an import adds beside the records (a published result, a use's
 * first decision settings, a GRADE judgement): a row of the trail, old
 * value none. */
int srw_import__setting_added(importer *im, const char *use, const char *outcome, const char *field,
                              const char *new_value);
/* A row of the trail under the import's entry (written first if need be). */
int srw_import__trail(importer *im, const char *use, const char *outcome, const char *study, const char *field,
                      const char *old_value, const char *new_value);
/* The trail's entry for this import, written once, before its first
 * change; the records and studies it adds point at it (im->batch_id). */
int srw_import__batch_entry(importer *im);
/* err located at path:line, field; returns SRW_EDATA. */
int srw_import__located(importer *im, const char *path, long line, const char *field);
/* A use's id, the use added when new (and not the spelling of one the
 * review holds: names.c); path and line locate an error. */
int srw_import__use_id(importer *im, const char *path, long line, const char *name, srw_id *id);

/* --- record.c ------------------------------------------------------------------- */
/* reader_checked: r comes from a trial reader, which checked the rows of
 * its file for one trial twice in an outcome. */
int srw_import__record(importer *im, const char *path, const srw_record *r, int reader_checked);

/* --- moderator.c ---------------------------------------------------------------- */
/* r's moderators (mod_<name> columns) of its study sid and arm: new ones
 * written, changed ones listed and in the trail; a value that differs
 * from what an earlier file of this import stated is an error. */
int srw_import__moderators(importer *im, const char *path, const srw_record *r, srw_id sid);

/* --- rob2.c --------------------------------------------------------------------- */
/* r's RoB 2 judgements of its result (outcome oid, study sid), the
 * reviewer's: written, listed and in the trail as RoB 1's are; a given
 * overall that contradicts the domains is a warning. */
int srw_import__rob2(importer *im, const srw_record *r, srw_id oid, srw_id sid);

/* --- settings.c ----------------------------------------------------------------- */
/* r's outcome in use uid: found or created, r checked against what the
 * import's earlier rows and the database say about it; *index in
 * im->outcomes. */
int srw_import__outcome(importer *im, const char *path, const srw_record *r, srw_id uid, size_t *index);
/* A later row of outcome index (see srw_import__outcome). */
int srw_import__outcome_row(importer *im, const char *path, const srw_record *r, size_t index);
void srw_import__outcomes_dispose(importer *im);
/* r's study: found or created, its year and randomised total checked and
 * filled in. */
int srw_import__study(importer *im, const char *path, const srw_record *r, srw_id *id);
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

/* --- labels.c ------------------------------------------------------------------- */
/* r (in outcome index, study sid) against the outcome's other trials: one
 * whose label differs from r's only in letter case or spacing
 * (util/label.h) is the same trial entered twice, an error, whether it is
 * stored, in an earlier file of the import, or another reviewer's.  The
 * reader checks the rows of one file (reader_checked: r is such a row);
 * this checks across files and against the database. */
int srw_import__same_trial(importer *im, const char *path, const srw_record *r, size_t index, srw_id sid,
                           int reader_checked);

/* --- names.c -------------------------------------------------------------------- */
/* name, new to the review as a use (uid 0) or as an outcome of use uid
 * (named use): an error located at path:line, field (NULL: "use" or
 * "outcome"), when it differs only in
 * letter case or spacing (util/label.h) from one the review holds or this
 * import added, the same use or outcome entered twice; otherwise kept for
 * the next check. */
int srw_import__new_name(importer *im, srw_id uid, const char *use, const char *name, const char *path, long line,
                         const char *field);

/* --- extras.c ------------------------------------------------------------------- */
int srw_import__published(importer *im, const char *path, const srw_published *p);
int srw_import__use(importer *im, const char *path, const srw_use_settings *u);
int srw_import__grade(importer *im, const char *path, const srw_grade_setting *g);
/* An outcome's settings (src/import/outcome_settings.c). */
int srw_import__outcome_settings(importer *im, const char *path, const srw_outcome_settings *o);
/* A claim (src/import/claim.c). */
int srw_import__claim(importer *im, const char *path, const srw_claim *c);

/* --- warnings.c ----------------------------------------------------------------- */
/* Each record the import writes, with its outcome's id, whether the import
 * created that outcome, and whether it differs from the previous record's. */
int srw_import__run_row(importer *im, const srw_record *r, srw_id oid, int is_new, int changed);
/* The warnings of every record the import named (stats->changes). */
int srw_import__check_warnings(importer *im);
void srw_import__runs_dispose(outcome_runs *g);

#endif
