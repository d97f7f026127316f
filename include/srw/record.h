/* srw/record.h - the records a review holds, the one rule set that
 * validates them (every reader, srw add and srw edit use it), the table of
 * a trial record's columns, and the sink readers push records into.
 *
 * Three kinds of record:
 *   srw_record     one study's arm-level result for one outcome of one use
 *   srw_published  a review's published pooled result (never pooled with
 *                  trials, never counted as a study)
 *   srw_use_settings  decision settings of a use (primary outcome, MID)
 *
 * Ownership: all strings are owned by the record (heap copies); a set owns
 * its records; srw_*_set_dispose frees everything and is safe on a zeroed
 * set.  Missing numbers are NAN, missing strings NULL.
 */
#ifndef SRW_RECORD_H
#define SRW_RECORD_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"

/* Cochrane risk-of-bias tool (RoB 1) domains, in the order of the tool. */
#define SRW_ROB_TABLE(X)                                                       \
    X(SRW_ROB_SEQUENCE, "rob_sequence", "Random sequence generation")         \
    X(SRW_ROB_ALLOCATION, "rob_allocation", "Allocation concealment")         \
    X(SRW_ROB_BLINDING_PARTICIPANTS, "rob_blinding_participants",             \
      "Blinding of participants and personnel")                              \
    X(SRW_ROB_BLINDING_ASSESSORS, "rob_blinding_assessors",                   \
      "Blinding of outcome assessment")                                      \
    X(SRW_ROB_INCOMPLETE, "rob_incomplete", "Incomplete outcome data")        \
    X(SRW_ROB_SELECTIVE, "rob_selective", "Selective reporting")              \
    X(SRW_ROB_OTHER, "rob_other", "Other bias")

typedef enum srw_rob_domain {
#define SRW_X_ROB(id, col, label) id,
    SRW_ROB_TABLE(SRW_X_ROB)
#undef SRW_X_ROB
    SRW_ROB_N
} srw_rob_domain;

typedef enum srw_rob_judgement {
    SRW_ROB_UNSET = 0,
    SRW_ROB_LOW = 1,
    SRW_ROB_HIGH = 2,
    SRW_ROB_UNCLEAR = 3
} srw_rob_judgement;

const char *srw_rob_domain_column(srw_rob_domain d); /* "rob_sequence" */
const char *srw_rob_domain_label(srw_rob_domain d);  /* "Random sequence generation" */
const char *srw_rob_support_column(srw_rob_domain d); /* "rob_sequence_support" */
const char *srw_rob_judgement_name(srw_rob_judgement j); /* "low", NULL for unset */
srw_rob_judgement srw_rob_judgement_parse(const char *s); /* UNSET when unknown */

/* Cochrane RoB 2 (Sterne JAC et al. BMJ 2019;366:l4898), judged per result
 * (one study's outcome), not per study: the five domains in the order of
 * the tool, then the overall judgement, in one array of SRW_ROB2_ITEMS.  The
 * overall's rule and the check of a given overall: srw/rob.h. */
#define SRW_ROB2_TABLE(X)                                                      \
    X(SRW_ROB2_RANDOMISATION, "rob2_randomisation",                           \
      "Bias arising from the randomisation process")                          \
    X(SRW_ROB2_DEVIATIONS, "rob2_deviations",                                 \
      "Bias due to deviations from intended interventions")                   \
    X(SRW_ROB2_MISSING, "rob2_missing", "Bias due to missing outcome data")   \
    X(SRW_ROB2_MEASUREMENT, "rob2_measurement",                               \
      "Bias in measurement of the outcome")                                   \
    X(SRW_ROB2_SELECTION, "rob2_selection",                                   \
      "Bias in selection of the reported result")

typedef enum srw_rob2_domain {
#define SRW_X_ROB2(id, col, label) id,
    SRW_ROB2_TABLE(SRW_X_ROB2)
#undef SRW_X_ROB2
    SRW_ROB2_N
} srw_rob2_domain;
#define SRW_ROB2_OVERALL SRW_ROB2_N      /* the overall judgement's item */
#define SRW_ROB2_ITEMS (SRW_ROB2_N + 1) /* the five domains and the overall */

/* In order of severity (the overall's rule compares them). */
typedef enum srw_rob2_judgement {
    SRW_ROB2_UNSET = 0,
    SRW_ROB2_LOW = 1,
    SRW_ROB2_SOME_CONCERNS = 2,
    SRW_ROB2_HIGH = 3
} srw_rob2_judgement;

const char *srw_rob2_item_column(int item);   /* "rob2_randomisation" ... "rob2_overall"; NULL outside */
const char *srw_rob2_item_label(int item);    /* "Bias due to missing outcome data", "Overall risk of bias" */
const char *srw_rob2_support_column(int item); /* "rob2_missing_support"; NULL for the overall */
const char *srw_rob2_judgement_name(srw_rob2_judgement j); /* "low", "some_concerns", "high"; NULL unset */
const char *srw_rob2_judgement_words(srw_rob2_judgement j); /* "low", "some concerns", "high", "not judged" */
srw_rob2_judgement srw_rob2_judgement_parse(const char *s); /* UNSET when unknown */
/* "rob2_missing" or "missing" (and "overall") -> the item; -1 when unknown. */
int srw_rob2_item_parse(const char *name);

/* A moderator's value on a trial record (a mod_<name> column of the record
 * CSV): the name without "mod_", the value as given (a number or a word);
 * one value per study and arm (srw/metareg.h reads them). */
typedef struct srw_record_mod {
    char *name, *value;
} srw_record_mod;

typedef struct srw_record {
    char *study, *use, *outcome;
    /* One intervention arm of a study with several against one control in
     * the outcome ("low dose"); NULL for a two-arm comparison.  Part of a
     * record's key: a study has one record per arm. */
    char *arm;
    srw_outcome_type type;
    double exp_events, exp_total, ctl_events, ctl_total; /* NAN when absent */
    double exp_mean, exp_sd, ctl_mean, ctl_sd;
    double estimate, se;
    int year;                 /* 0 when absent */
    char *comparison, *intervention, *comparator, *subgroup;
    srw_direction direction;  /* UNSET when absent */
    char *unit;
    char *measure;            /* the reviewer's effect measure for the outcome, e.g. "SMD"; NULL default */
    double mid;               /* NAN when absent */
    char *mid_source;
    char *source, *notes;
    srw_rob_judgement rob[SRW_ROB_N];
    char *rob_support[SRW_ROB_N]; /* the support for each judgement (a quote, a page); NULL when absent */
    char *rob_source;
    srw_rob2_judgement rob2[SRW_ROB2_ITEMS]; /* the result's RoB 2 judgements, the overall last */
    char *rob2_support[SRW_ROB2_N];          /* each domain's support; NULL when absent */
    long randomised;          /* the study's number randomised (>= 1); 0 when absent */
    /* The outcome's declared scale range: read only when has_scale is set
     * (so that a zeroed record has none); both ends or neither, min < max. */
    int has_scale;
    double scale_min, scale_max;
    char *measured_as;        /* "change" or "final" (continuous records only); NULL when absent */
    size_t n_mods;            /* moderators given on the row (owned) */
    srw_record_mod *mods;
    long line;                /* input line, 0 when not from a file */
} srw_record;

/* 1 when column is a moderator column: "mod_" and a name of ASCII letters,
 * digits and '_' (at most 60). */
int srw_record_moderator_column(const char *column);
/* A moderator value added to r (copies of name, without "mod_", and
 * value): 0, or -1 out of memory. */
int srw_record_add_mod(srw_record *r, const char *name, const char *value);
/* r's value of moderator name (without "mod_"), NULL when none. */
const char *srw_record_mod_value(const srw_record *r, const char *name);

typedef struct srw_published {
    char *use, *outcome, *review, *version, *search_date;
    char *measure;            /* "SMD", "RR", ... (validated) */
    char *model, *method;     /* NULL when not stated */
    double estimate, ci_lower, ci_upper; /* display scale */
    int decimals;                        /* most decimals printed in estimate/CI */
    long trials, participants;           /* -1 when absent */
    char *certainty;          /* "high" ... "very low", NULL when absent */
    srw_direction direction;
    char *source, *notes;
    /* The trials the review pooled for this result, labels separated by
     * ';' as srw's records name them (NULL: not listed), and what makes the
     * result answer another question than srw's (observational studies or
     * active comparators in the pool: NULL when it answers the same). */
    char *pooled_trials, *scope;
    long line;
} srw_published;

typedef struct srw_use_settings {
    char *use, *primary_outcome, *description;
    double mid;               /* NAN when absent */
    char *mid_measure, *mid_source, *notes;
    char *source;             /* where the settings come from */
    char *primary_source;     /* where the primary outcome was pre-specified */
    double large;             /* a large effect on mid_measure's scale, NAN when absent */
    char *large_source;
    /* The latest search date of the review the use's question rests on
     * (YYYY, YYYY-MM or YYYY-MM-DD): it dates the living update when no
     * published result of the use is dated. */
    char *search_date;
    long line;
} srw_use_settings;

/* A reviewer's GRADE judgement for one outcome: the indirectness downgrade
 * (which srw cannot compute), or an override of a computed domain, always
 * with its reason. */
typedef struct srw_grade_setting {
    char *use, *outcome;
    char *domain;   /* risk_of_bias, inconsistency, indirectness, imprecision, publication_bias */
    int downgrade;  /* 0, 1 or 2 */
    char *reason;
    char *source;   /* where the judgement comes from (publication, table); NULL if not given */
    long line;
} srw_grade_setting;

/* One outcome's settings in a use (an outcome settings file row, e.g.
 * studies/outcomes.csv; doc/csv-format.md): GRADE's importance of the
 * outcome, its own thresholds of an important and a large effect with
 * their sources, the baseline risks the summary of findings shows, a
 * reviewer's rating up, and the review's own GRADE judgement.  The columns
 * are srw_outcome_settings_columns(); ints are -1 and numbers NAN when not
 * given. */
typedef struct srw_outcome_settings {
    char *use, *outcome;
    char *importance;        /* critical, important, not important */
    double mid;              /* on mid_measure's scale (a ratio as a ratio) */
    char *mid_measure, *mid_source;
    double large;            /* on mid_measure's scale */
    char *large_source;
    double baseline_low, baseline_high; /* risks, 0 < r < 1 */
    char *baseline_source;
    int upgrade;             /* levels rated up, the reviewer's judgement (0..2) */
    char *upgrade_reason;
    char *review_certainty;  /* the review's published certainty */
    int review_risk_of_bias, review_inconsistency, review_indirectness, review_imprecision,
        review_publication_bias; /* the review's downgrades (0..2) */
    /* The review's reason for each domain's judgement (its footnotes). */
    char *review_risk_of_bias_reason, *review_inconsistency_reason, *review_indirectness_reason,
        *review_imprecision_reason, *review_publication_bias_reason;
    char *review_source;     /* where the review's judgement stands */
    char *notes;
    long line;
} srw_outcome_settings;

void srw_outcome_settings_init(srw_outcome_settings *o, long line);
void srw_outcome_settings_dispose(srw_outcome_settings *o);
/* A deep copy: 0, or -1 out of memory (out then disposed). */
int srw_outcome_settings_copy(srw_outcome_settings *out, const srw_outcome_settings *o);
/* The rules of one row (doc/csv-format.md, "Outcome settings"): a value
 * out of its range, a setting without its source.  err->field names the
 * column. */
int srw_outcome_settings_validate(const srw_outcome_settings *o, srw_error *err);

/* A claim a text makes about a use (a claims file row, e.g.
 * studies/claims.csv; doc/csv-format.md, "Claims"): the claim in words,
 * what it asserts (a verdict: supported, not_supported,
 * insufficient_evidence; or a direction of effect: benefit, harm,
 * no_difference), the outcome it is about (NULL: the use's primary
 * outcome) and where the claim is made.  srw judges it against the use's
 * assessment (srw/claim.h).  The columns are srw_claim_columns(). */
typedef struct srw_claim {
    char *claim, *use, *asserts, *outcome, *source, *notes;
    long line;
} srw_claim;

void srw_claim_init(srw_claim *c, long line);
void srw_claim_dispose(srw_claim *c);
/* A deep copy: 0, or -1 out of memory (out then disposed). */
int srw_claim_copy(srw_claim *out, const srw_claim *c);
/* The rules of one row: claim, use, asserts and source given, asserts one
 * of its six values.  err->field names the column. */
int srw_claim_validate(const srw_claim *c, srw_error *err);

typedef enum srw_file_kind {
    SRW_FILE_TRIALS = 1,
    SRW_FILE_PUBLISHED = 2,
    SRW_FILE_USES = 3,
    SRW_FILE_GRADE = 4,
    SRW_FILE_OUTCOMES = 5,
    SRW_FILE_CLAIMS = 6
} srw_file_kind;

/* What one CSV file held, of whichever kind its header says. */
typedef struct srw_record_set {
    srw_file_kind kind;
    char *path;
    size_t n_records;
    srw_record *records;
    size_t n_published;
    srw_published *published;
    size_t n_uses;
    srw_use_settings *uses;
    size_t n_grade;
    srw_grade_setting *grade;
    size_t n_outcomes;
    srw_outcome_settings *outcomes;
    size_t n_claims;
    srw_claim *claims;
    /* The header's column names in file order (what an error about a field
     * names as its column); owned. */
    char **columns;
    size_t n_columns;
} srw_record_set;
/* The 1-based column of field in set's file, 0 when it has none. */
long srw_record_set_column(const srw_record_set *set, const char *field);

/* --- the sink -----------------------------------------------------------------
 * Where a reader's items go: the import (srw_importer_sink, srw/import.h),
 * or a test's collection.  record takes r's strings, also when it fails
 * (r is left zeroed);
 * checked says the reader has checked r's file for one trial twice in an
 * outcome.  The others borrow their item for the call.  Each returns 0, or
 * a negative srw_status that stops the reader and is its result. */
typedef struct srw_sink {
    void *ctx;
    int (*use)(void *ctx, const char *path, const srw_use_settings *u);
    int (*record)(void *ctx, const char *path, srw_record *r, int checked);
    int (*published)(void *ctx, const char *path, const srw_published *p);
    int (*grade)(void *ctx, const char *path, const srw_grade_setting *g);
    int (*outcome)(void *ctx, const char *path, const srw_outcome_settings *o);
    int (*claim)(void *ctx, const char *path, const srw_claim *c); /* may be NULL */
} srw_sink;

typedef enum srw_push_kind {
    SRW_PUSH_USES = 0,
    SRW_PUSH_RECORDS,
    SRW_PUSH_PUBLISHED,
    SRW_PUSH_GRADE,
    SRW_PUSH_OUTCOMES,
    SRW_PUSH_CLAIMS
} srw_push_kind;
/* The set's items of one kind into sink, in order, its path as theirs
 * (records as copies: the set stays the caller's).  0, the sink's failure,
 * or SRW_ENOMEM. */
int srw_record_set_push(const srw_record_set *set, srw_push_kind kind, const srw_sink *sink, srw_error *err);
/* A deep copy of r into out: 0, or -1 out of memory (out then empty). */
int srw_record_copy(srw_record *out, const srw_record *r);

/* --- columns ----------------------------------------------------------------
 * The columns of a trial record, in one table (src/core/record_columns.c)
 * that the CSV reader, the exporter, the audit trail, `srw add`'s questions
 * and doc/csv-format.md's column table all follow (a test compares the
 * document with it).  The reader's tables of the other kinds of file use
 * the same struct. */
typedef enum srw_field_kind {
    SRW_FIELD_TEXT = 0,
    SRW_FIELD_NUMBER,    /* double, NAN when empty */
    SRW_FIELD_COUNT,     /* double holding a count (whole: srw_record_validate) */
    SRW_FIELD_INT,       /* int: a whole number >= 0 (a year) */
    SRW_FIELD_LONG,      /* long: a whole number >= 0 (a count) */
    SRW_FIELD_POSITIVE,  /* long: a whole number >= 1 (randomised) */
    SRW_FIELD_TYPE,      /* srw_outcome_type */
    SRW_FIELD_DIRECTION, /* srw_direction */
    SRW_FIELD_ROB,       /* srw_rob_judgement */
    SRW_FIELD_ROB2       /* srw_rob2_judgement */
} srw_field_kind;

/* A number in a field of this kind, by the one parser (srw_number_parse)
 * and the kind's rule: INT and LONG whole numbers from 0 to 1e9, POSITIVE
 * from 1; NUMBER and COUNT any finite number (a count's rules need the
 * record: srw_record_validate).  0 and *out, or SRW_EDATA with the message
 * every reader gives; the caller adds the location and field. */
int srw_field_number(double *out, const char *text, srw_field_kind kind, srw_error *err);

/* Whose a column's value is: a reviewer's record, or the study's or the
 * outcome's, one value for every reviewer (an entry cannot clear those, and
 * an adjudication does not decide them; rob_* are the study's, each
 * reviewer's own); or the result's (rob2_*: one value per study and
 * outcome, each reviewer's own, kept beside the record like rob_* beside the
 * study: a blank says nothing of it, and an adjudication decides it). */
typedef enum srw_column_owner {
    SRW_OWNER_RECORD = 0,
    SRW_OWNER_STUDY,
    SRW_OWNER_OUTCOME,
    SRW_OWNER_RESULT
} srw_column_owner;

/* Bits of an outcome type, for the types a column applies to. */
#define SRW_TYPE_BIT(t) (1u << (t))
#define SRW_TYPES_ALL (SRW_TYPE_BIT(SRW_TYPE_DICHOTOMOUS) | SRW_TYPE_BIT(SRW_TYPE_CONTINUOUS) | SRW_TYPE_BIT(SRW_TYPE_GENERIC))

typedef struct srw_column {
    const char *name;
    srw_field_kind kind;
    size_t offset;         /* of the field in the struct a row fills */
    int required;          /* a file's header must have the column */
    /* Trial records only: */
    srw_column_owner owner;
    int value;             /* one of an extraction's own values, which the
                              trail describes and a re-import compares
                              (numbers first, then texts) */
    unsigned needs;        /* types whose records must give it (SRW_TYPE_BIT) */
    unsigned applies;      /* types whose records may give it */
    int ask;               /* `srw add` asks for it in this order (0: never) */
} srw_column;

/* The trial-record columns in the order srw exports them; n of them. */
const srw_column *srw_record_columns(size_t *n);
/* The outcome settings columns (srw_outcome_settings), in the order srw
 * exports them: the reader, the importer's change lines, the store and the
 * exporter follow this one table. */
const srw_column *srw_outcome_settings_columns(size_t *n);
/* The columns of a claims file (src/core/claim.c). */
const srw_column *srw_claim_columns(size_t *n);
/* The column named name, or NULL. */
const srw_column *srw_record_column(const char *name);
/* 1 when name is one of the trial-record columns. */
int srw_record_is_column(const char *name);
/* Whose the column's value is (SRW_OWNER_RECORD for an unknown name). */
srw_column_owner srw_record_column_owner(const char *name);
/* The text of one field as the CSV export writes it; NULL when the record
 * lacks it (heap copy, caller frees; *out NULL on a missing field).
 * SRW_EUSAGE for an unknown column. */
int srw_record_field_text(const srw_record *r, const char *column, char **out, srw_error *err);
/* "type=dichotomous; exp_events=11; exp_total=15; ..." for every value the
 * record has (the trail's description of an extraction). */
void srw_record_describe(const srw_record *r, char *buf, size_t n);

/* The rule of a study's year, one for every reader: 0 (not given) or
 * 1900-2100.  0, or SRW_EDATA with err->field "year". */
int srw_record_year_check(int year, srw_error *err);

/* The per-record rules (types, counts, ranges).  Fills err with the field
 * that breaks a rule; the caller adds file and line. */
int srw_record_validate(const srw_record *r, srw_error *err);
int srw_published_validate(const srw_published *p, srw_error *err);
/* 1 when s is a real date as YYYY-MM-DD, YYYY-MM or YYYY, 1900 to 2100 (a
 * search date). */
int srw_search_date_valid(const char *s);
/* Why a published result (its measure and direction) does not fit an
 * outcome of this type and direction: "measure", "direction", or NULL when
 * it fits (a generic outcome takes any measure; an unstated direction any). */
const char *srw_published_misfit(srw_outcome_type type, const char *direction, const char *measure,
                                 const char *published_direction);
/* "RR 3 (1 to 5)": the measure and the three numbers as they were given
 * (srw_decimal_text with p->decimals), for every place that shows one. */
void srw_published_text(const srw_published *p, char *buf, size_t n);

/* Warnings (entry, import, srw list, the report): entered, but flagged.
 * The context is what the rest of the review says about a record (filled
 * from the database by the store; NAN / 0 when unknown):
 *   typical_sd   median arm SD of the outcome's studies (SD that looks like an SE)
 *   randomised   the study's randomised total (arm totals that differ from it)
 *   scale_min/max the outcome's declared scale range (a mean outside it)
 *   n_change, n_final  how many of the outcome's studies are measured as
 *                change scores / final values (mixed: the minority kind is
 *                flagged, both kinds when they are as many)
 * and, from the record itself, a given rob2_overall that contradicts its
 * RoB 2 domains (srw_rob2_overall_check, srw/rob.h). */
typedef struct srw_record_context {
    double typical_sd;
    double randomised;
    double scale_min, scale_max;
    long n_change, n_final;
} srw_record_context;
/* A context that knows nothing (every number NAN, counts 0). */
void srw_record_context_init(srw_record_context *ctx);
/* The outcome's typical SD for the SD-looks-like-an-SE rule: the median of
 * the k arm SDs given (sorted in place); NAN when k = 0. */
double srw_record_typical_sd(double *sds, size_t k);
/* Number of warnings (0 none); buf gets them as "field: text; ...". */
int srw_record_check_warnings(const srw_record *r, const srw_record_context *ctx, char *buf, size_t n);

/* An empty record, published result or use setting: every string NULL,
 * every number NAN (counts of a published result -1), line as given. */
void srw_record_init(srw_record *r, long line);
void srw_published_init(srw_published *p, long line);
void srw_use_settings_init(srw_use_settings *u, long line);
void srw_record_dispose(srw_record *r);
void srw_published_dispose(srw_published *p);
void srw_use_settings_dispose(srw_use_settings *u);
void srw_grade_setting_dispose(srw_grade_setting *g);
/* Is text one of the GRADE domain keys above? */
int srw_grade_domain_key_valid(const char *text);
void srw_record_set_dispose(srw_record_set *s);

#endif
