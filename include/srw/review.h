/* srw/review.h - what the store loads about one outcome of one use (its
 * trial rows with their risk of bias and GRADE settings), a use's decision
 * settings and its published results: the plain data core's assessment
 * (srw/assess.h) takes and the store (srw/store.h) fills.
 *
 * Ownership: each struct owns its strings and arrays (heap copies) and is
 * released with its _dispose function, safe on NULL and on a zeroed or
 * already disposed struct.  Missing numbers are NAN, missing strings NULL.
 */
#ifndef SRW_REVIEW_H
#define SRW_REVIEW_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/pool.h"
#include "srw/record.h"

/* Everything core and the report need about one outcome of one use. */
typedef struct srw_study_info {
    int year;                 /* 0 unknown */
    char *arm;                /* the record's arm (several intervention arms against one control), NULL none */
    char *source;             /* the record's source */
    char *notes;
    srw_rob_judgement rob[SRW_ROB_N];     /* the study's RoB 1 judgements */
    srw_rob2_judgement rob2[SRW_ROB2_ITEMS]; /* this result's RoB 2 judgements, the given overall last */
} srw_study_info;

/* A reviewer's override of one computed GRADE domain (a grade CSV row). */
typedef struct srw_stored_override {
    char domain[24];          /* "risk_of_bias", "inconsistency", "imprecision", "publication_bias" */
    int downgrade;            /* 0..2 */
    char *reason;             /* owned */
    char *source;             /* owned; NULL if not given */
} srw_stored_override;

/* The analysis an imported review (a RevMan file) stored for the outcome:
 * srw analyse and srw report use its model, method and totals (its
 * measure is the outcome's measure) unless options say otherwise. */
typedef struct srw_stored_analysis {
    int present;              /* 1 when the review stored settings */
    srw_model model;          /* FIXED or RANDOM */
    srw_method method;        /* DEFAULT when the review names none srw has */
    srw_totals totals;        /* ALL, SUB or NONE */
    /* A study's several data rows pooled as RevMan pools them (SEPARATE:
     * RevMan has no other way) */
    srw_multi_arm multi_arm;
    char *source;             /* "FILE, analysis 1.1" */
} srw_stored_analysis;

typedef struct srw_outcome_data {
    char *use, *outcome;
    srw_outcome_type type;
    srw_direction direction;
    char *unit;
    double mid;               /* NAN unknown */
    char *mid_source;
    char *measure;            /* reviewer's stored measure choice, NULL default */
    int indirectness;         /* downgrade levels entered by the reviewer (0..2) */
    char *indirectness_reason;
    char *indirectness_source; /* where the reviewer's judgement comes from; NULL if not given */
    char *comparison, *intervention, *comparator; /* from the first record */
    srw_study_set set;        /* rows point into the arrays below */
    srw_study_row *rows;      /* owned; labels owned through strings below */
    srw_study_info *info;     /* one per row */
    char **strings;           /* owned label copies */
    size_t n_strings;
    /* Studies of this outcome left out of set because two or more reviewers'
     * extractions await reconciliation (`srw reconcile`).  set holds only
     * the records that enter analyses: the adjudicated version, or the one
     * reviewer's extraction when only one exists (single-reviewer records
     * are allowed by default). */
    size_t n_awaiting;
    size_t n_overrides;       /* reviewer overrides of computed GRADE domains */
    srw_stored_override *overrides;
    srw_stored_analysis stored; /* the imported review's analysis settings */
    /* The moderators of the outcome's studies (the record CSV's mod_<name>
     * columns): their names (without "mod_", sorted) and each row's value
     * as given, moderator_values[row * n_moderators + m], NULL where the
     * study (and arm) has none. */
    size_t n_moderators;
    char **moderators;
    char **moderator_values;
    /* What was done to the rows before they were pooled (arms combined or
     * split, srw/arms.h), one sentence each; owned. */
    size_t n_notes;
    char **notes;
} srw_outcome_data;
void srw_outcome_data_dispose(srw_outcome_data *d);
/* A deep copy of the outcome-level fields of d (names, settings, stored
 * analysis, overrides, moderator names) into out, with no rows: 0, or -1
 * out of memory (out then disposed). */
int srw_outcome_data_copy_head(srw_outcome_data *out, const srw_outcome_data *d);
/* The column of d's moderator named name ("dose" or "mod_dose"), or -1;
 * "year" is the studies' year when d has no moderator of that name
 * (SRW_MODERATOR_YEAR). */
#define SRW_MODERATOR_YEAR (-2)
long srw_outcome_moderator(const srw_outcome_data *d, const char *name);
/* The value of moderator column m (or SRW_MODERATOR_YEAR) of row i as
 * text, in buf for a year; NULL where the row has none. */
const char *srw_outcome_moderator_value(const srw_outcome_data *d, size_t i, long m, char *buf, size_t n);

/* GRADE's importance of an outcome for decision making (Guyatt et al.,
 * GRADE guidelines 2, J Clin Epidemiol 2011;64:395): critical, important
 * or not important; UNSET when the reviewer has not rated it. */
typedef enum srw_importance {
    SRW_IMPORTANCE_UNSET = 0,
    SRW_IMPORTANCE_CRITICAL,
    SRW_IMPORTANCE_IMPORTANT,
    SRW_IMPORTANCE_NOT_IMPORTANT
} srw_importance;

/* "critical", "important", "not important"; NULL for UNSET. */
const char *srw_importance_name(srw_importance i);
/* The names above ("not_important" too); UNSET when unknown. */
srw_importance srw_importance_parse(const char *s);

/* Decision settings of a use (NULL / NAN when not set). */
typedef struct srw_use_info {
    char *name, *description, *primary_outcome;
    double mid;
    char *mid_measure, *mid_source, *notes;
    char *source;             /* where the decision settings come from */
    /* Where the primary outcome was pre-specified (a protocol, the review's
     * methods); NULL: chosen by the reviewer, not pre-specified. */
    char *primary_source;
    double large;             /* a large effect on mid_measure's scale */
    char *large_source;
    char *search_date;        /* the use's review's search date (living update), NULL */
    /* The distinct comparisons (else interventions) the use's records
     * name: the statements of outcomes srw holds no trials for name the
     * words all of them share (srw_assess_intervention_name). */
    size_t n_comparisons;
    char **comparisons;
    size_t n_outcome_settings;
    srw_outcome_settings *outcome_settings; /* each outcome's, by name */
} srw_use_info;

/* The settings of one outcome of u, NULL when it has none. */
const srw_outcome_settings *srw_use_outcome_setting(const srw_use_info *u, const char *outcome);
void srw_use_info_dispose(srw_use_info *u);

/* Published results of one use (of all its outcomes, or of one). */
typedef struct srw_published_list {
    size_t n;
    srw_published *items;
} srw_published_list;
void srw_published_list_dispose(srw_published_list *l);

#endif
