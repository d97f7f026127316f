/* srw/assess.h - the assessment of one outcome: the one verb `srw analyse`,
 * `srw report` and `srw verify` call, so that they cannot disagree.
 *
 * For one outcome of one use it runs the analysis, chooses the thresholds
 * (the minimal important difference, MID, and a large effect, each with its
 * source), grades the certainty (GRADE, with reasons), states the finding
 * in GRADE guideline 26's words, compares srw's result with each published
 * one, re-runs the analysis without the trials dated after the latest
 * review's search (the living update), sets the review's own GRADE beside
 * srw's and decides the verdict the outcome would give as primary, with
 * its basis (srw's own analysis, or the published result with most
 * participants); for the use's primary outcome that verdict is the use's.
 * srw_assess_robustness then recomputes a use's verdict other ways.  Every rule here is decided once, in core; writers only
 * lay the results out.  Pure: no I/O, the store loads the inputs.
 *
 *   srw_assess_options o = SRW_ASSESS_OPTIONS_INIT;
 *   o.primary = 1;
 *   srw_assessment a;
 *   if (srw_assess_outcome(&a, &data, &use, &pubs, &o, &err) == 0) { ... }
 *   srw_assessment_dispose(&a);
 *
 * Ownership: an assessment owns its analyses and arrays and is released
 * with srw_assessment_dispose (safe on NULL, on a zeroed or disposed
 * struct).  It BORROWS its inputs: pointers to published results (and the
 * outcome's name) point into pubs and d, which must outlive it.  Plain
 * result structs (srw_assess_mid, srw_assess_verdict) own nothing.
 */
#ifndef SRW_ASSESS_H
#define SRW_ASSESS_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/grade.h"
#include "srw/metareg.h"
#include "srw/pool.h"
#include "srw/review.h"
#include "srw/sensitivity.h"
#include "srw/trace.h"

/* --------------------------------------------------------------- MID */

typedef enum srw_mid_source {
    SRW_MID_NONE = 0,   /* none: the measure has no default (MD, RD, generic) */
    SRW_MID_USE,        /* the use's decision setting, its measure matching */
    SRW_MID_OUTCOME,    /* the outcome's MID in natural units from its records (MD, generic) */
    SRW_MID_DEFAULT,    /* GRADE's or Cohen's default for the measure */
    SRW_MID_OUTCOME_SETTINGS /* the outcome's settings (outcome settings file), its measure matching */
} srw_mid_source;

/* "none", "use", "outcome", "default", "outcome_settings" (JSON). */
const char *srw_mid_source_key(srw_mid_source s);

typedef struct srw_assess_mid {
    double value;           /* analysis scale, > 0, on the outcome's BENEFIT side; NAN unknown */
    double harm;            /* the threshold of an important harm, likewise (NAN unknown) */
    srw_mid_source source;
    char text[400];         /* which MID and where it came from, for people */
    /* Every threshold the effect is judged against (srw_effect_size_of),
     * and where the large one came from ("" when there is none). */
    srw_thresholds thresholds;
    srw_mid_source large_from;
    char large_text[400];
} srw_assess_mid;

/* The thresholds for an analysis on measure m of outcome `outcome`, first
 * match wins: the outcome's settings (srw_use_outcome_setting) when their
 * mid_measure is m; the use's settings when their mid_measure is m; the
 * outcome's MID from its records (natural units: MD and generic records);
 * the default for m (srw_thresholds_default).  The large threshold the
 * same way, from `large`.  dir picks the benefit side of value.  use, d
 * and outcome may be NULL. */
void srw_assess_choose_thresholds(srw_assess_mid *out, const srw_use_info *use, const char *outcome,
                                  const srw_outcome_data *d, srw_measure m, srw_direction dir);

/* srw_assess_choose_thresholds with the outcome d names and its direction
 * (use and d may be NULL). */
void srw_assess_choose_mid(srw_assess_mid *out, const srw_use_info *use, const srw_outcome_data *d,
                           srw_measure m);

/* The intervention's name for statements: the comparison's text before
 * " vs ", else the intervention, of d; else the words the intervention
 * arms of all the use's comparisons share ("Botulinum toxin A vs saline"
 * and "Botulinum toxin B vs placebo": "Botulinum toxin"); NULL when none
 * names it; written into buf.  d and use may be NULL. */
const char *srw_assess_intervention_name(char *buf, size_t n, const srw_outcome_data *d, const srw_use_info *use);

/* ------------------------------------------------------ published results */

typedef struct srw_assess_published {
    const srw_published *p;        /* borrowed from the pubs given */
    int compared;                  /* srw_published_compare succeeded */
    srw_published_comparison cmp;  /* when not compared, cmp.reason says why */
} srw_assess_published;

/* The published result a verdict may rest on: the one with most
 * participants (the first of equals) among those without a scope (one
 * with a scope answers another question); NULL when there is none. */
const srw_published *srw_assess_best_published(const srw_assess_published *pubs, size_t n);

/* -------------------------------------------------------------- verdict */

typedef enum srw_basis {
    SRW_BASIS_NONE = 0,     /* no data: neither trials nor a published result */
    SRW_BASIS_SRW,          /* srw's own pooled analysis */
    SRW_BASIS_PUBLISHED     /* a review's published pooled result */
} srw_basis;

/* "srw", "published", or NULL for none (JSON). */
const char *srw_basis_key(srw_basis b);

/* A use's verdict and what it rests on. */
typedef struct srw_assess_verdict {
    srw_verdict_result verdict;
    srw_basis basis;
    /* The published result the verdict rests on, or the largest one srw's
     * own analysis was weighed against; NULL when there is none. */
    const srw_published *basis_pub;
    char basis_text[600];
    char certainty_source[300];
    char mid_text[400];     /* the MID the verdict used; "" without a basis */
    int ratio;              /* the estimate is on the log scale */
    const char *measure;    /* display name of the estimate's measure */
    double estimate, ci_lower, ci_upper; /* analysis scale; NAN without a basis */
    long k;                 /* studies behind the estimate, -1 unknown */
    double participants;    /* NAN unknown */
    srw_certainty certainty;
    /* GRADE guideline 26's statement of the basis (srw_statement_text) and
     * the size of its effect against the thresholds. */
    srw_effect_size size;
    char statement[600];
    /* The primary outcome's pre-specification (use->primary_source): 0 when
     * the reviewer chose it without a protocol or the review's methods. */
    int prespecified;
    char primary_note[1400];
} srw_assess_verdict;

typedef struct srw_assessment srw_assessment;

/* The verdict of a use from its primary outcome's assessment (NULL when
 * the use names no primary outcome) and the use's settings (may be NULL;
 * its MID serves a verdict on a published result).  It rests on srw's own
 * analysis when that includes at least as many participants as the largest
 * published pooled result of the outcome (primary->published), else on that
 * published result, else on nothing (Insufficient evidence).  Never fails:
 * an input the rule cannot judge gives Insufficient evidence with the
 * reason. */
void srw_assess_decide(srw_assess_verdict *out, const srw_assessment *primary, const srw_use_info *use);

/* ---------------------------------------------------------- living update */

/* Trials dated after a review's search, and srw's result without them. */
typedef struct srw_assess_living {
    int present;            /* a dated review exists and the outcome was analysed */
    const srw_published *review; /* the outcome's latest-searched, else the use's; borrowed; NULL
                                    when only the use's settings date the review */
    const char *search_date;     /* the review's search date (review's, else the use's); borrowed */
    const char *review_label;    /* the review's version or name, else "the use's review"; borrowed */
    int search_year;
    int use_level;          /* the review is the use's, not this outcome's */
    size_t n_new;
    char new_studies[400];  /* "Smith 2015, Lee 2019" */
    int has_without;        /* the analysis without the new trials ran */
    srw_analysis without;
    int verdicts;           /* both verdicts computed (primary outcome) */
    srw_verdict_result with_v, without_v;
} srw_assess_living;

/* One sentence for a use's living update: whether the trials srw holds
 * dated after the review's search would change the verdict (the primary
 * outcome's verdict with and without them), or that none reports the
 * primary outcome, or that none is dated after the search, or that no
 * search date is recorded.  as: the use's outcome assessments (NULL entries
 * skipped), the primary one with decided set.  Always fills buf. */
void srw_assess_living_sentence(char *buf, size_t n, const srw_assessment *const *as, size_t n_as);

/* ------------------------------------------------------------ the verb */

typedef struct srw_assess_options {
    /* Pooling options.  A DEFAULT measure is the outcome's stored one
     * (srw_outcome_data.measure), else its type's default. */
    srw_pool_options pool;
    int primary;            /* the use's primary outcome: decide the verdict */
    /* The outcome's name, needed when d is NULL (an outcome held only as
     * published results); else d->outcome is used. */
    const char *outcome;
    /* The intervention's name for statements, over what the records and
     * the use name (srw_assess_intervention_name); NULL: theirs. */
    const char *intervention;
    /* The variable that makes the subgroups: NULL or "subgroup" the
     * records' own, else a moderator ("dose" or "mod_dose") or "year"
     * (srw/arms.h); a name the outcome lacks makes the analysis fail with
     * SRW_EUSAGE as a state (analysis_error). */
    const char *subgroup_by;
    /* The moderators of a meta-regression (borrowed names; none: no
     * meta-regression), srw/metareg.h. */
    const char *const *moderators;
    size_t n_moderators;
    /* For an explanation (srw explain): the trace the outcome's analysis and
     * GRADE record their steps into (srw/trace.h); NULL none.  Only this
     * assessment's own analysis is traced, never the living update's or a
     * robustness re-run's: the copy the assessment keeps (opts) has none. */
    srw_trace *trace;
    /* The sensitivity analyses to run on the analysis (sens.what, none by
     * default) and the order of the forest plot's rows (sens.sort). */
    srw_sens_options sens;
} srw_assess_options;

#define SRW_ASSESS_OPTIONS_INIT { SRW_POOL_OPTIONS_INIT, 0, NULL, NULL, NULL, NULL, 0, NULL, SRW_SENS_OPTIONS_INIT }

/* The review's own GRADE judgement of the outcome (its outcome settings)
 * beside srw's computed one. */
typedef struct srw_assess_review_grade {
    int present;
    srw_certainty certainty;         /* the review's */
    int downgrade[SRW_GRADE_N];      /* the review's per domain, -1 not given */
    int differs[SRW_GRADE_N];        /* srw's applied downgrade differs from the review's */
    int certainty_differs;
    const char *reason[SRW_GRADE_N]; /* the review's per domain, NULL not given; borrowed */
    const char *source;              /* borrowed from the use's settings */
    char text[600];                  /* where they differ, in words */
} srw_assess_review_grade;

struct srw_assessment {
    const char *outcome;    /* borrowed (d->outcome or opts->outcome) */
    int primary;
    size_t n_trials;        /* trial records that enter (d->set.k), 0 without data */
    srw_direction direction;
    int analysed;           /* the analysis ran */
    srw_analysis analysis;
    srw_error analysis_error; /* why not analysed (code and message) */
    int graded;
    srw_grade grade;
    char grade_error[512];  /* why not graded */
    srw_assess_mid mid;     /* the MID GRADE and the verdict on srw's analysis use */
    size_t n_published;     /* the outcome's published results, in pubs' order */
    srw_assess_published *published;
    srw_assess_living living;
    int decided;            /* the outcome is the use's primary: verdict below is the use's */
    /* The verdict this outcome would give as the use's primary outcome, and
     * its basis and statement (every outcome: robustness reads it). */
    srw_assess_verdict verdict;
    /* GRADE guideline 26's statement of the outcome (= verdict.statement)
     * and the size of its effect. */
    srw_effect_size size;
    char statement[600];
    srw_importance importance;     /* from the outcome's settings */
    const srw_outcome_settings *settings; /* borrowed from use, NULL without */
    srw_assess_review_grade review;
    /* The rows the analysis pooled, aligned with analysis.studies: data's
     * own, or (arms combined or split, another subgrouping variable,
     * srw/arms.h) prepared (owned, on the heap so that the assessment may
     * be moved; pooled then points at it).  Writers lay per-study rows out
     * from pooled, never from data. */
    const srw_outcome_data *pooled;
    srw_outcome_data *prepared;
    /* The meta-regression asked for (opts.moderators): regressed when it
     * was attempted (metareg holds the fit or the state it could not be
     * made in), else metareg_error says why not (an unknown moderator:
     * SRW_EUSAGE). */
    int regressed;
    srw_metareg metareg;
    srw_error metareg_error;
    /* The sensitivity analyses opts.sens.what asked for (sens.what 0 when
     * none ran: not asked, or not analysed), and the order of the
     * analysis's studies for a forest plot (n_studies entries; NULL: the
     * data's order). */
    srw_sensitivity sens;
    size_t *order;
    /* What the assessment was made from (borrowed), so that robustness can
     * assess it again under other options. */
    const srw_outcome_data *data;
    const srw_use_info *use;
    const srw_published_list *pubs;
    srw_assess_options opts;
};

/* Assess one outcome.  d: its trial data as loaded, or NULL when srw holds
 * none; use: the use's settings, or NULL; pubs: the USE's published results
 * (every outcome: the latest-searched review of the use dates the living
 * update of outcomes it did not pool), or NULL.  An analysis that cannot
 * run (no trials, a measure that does not fit the data) or a GRADE that
 * cannot be assessed is a state of the result (analysed = 0 with
 * analysis_error, graded = 0 with grade_error), not a failure: every other
 * part is still filled.  Fails only with SRW_EUSAGE (no outcome named, no
 * options) or SRW_ENOMEM; *out is then disposed. */
int srw_assess_outcome(srw_assessment *out, const srw_outcome_data *d, const srw_use_info *use,
                       const srw_published_list *pubs, const srw_assess_options *opts, srw_error *err);

void srw_assessment_dispose(srw_assessment *a);

/* The trials behind a's analysis: its pooled comparisons, counting a study
 * whose arms make several comparisons (--multi-arm split, separate) once;
 * 0 when not analysed. */
size_t srw_assess_trials(const srw_assessment *a);

/* ------------------------------------------------------------ robustness */

/* One outcome rated critical: its statement and the verdict it would give
 * as the use's primary outcome. */
typedef struct srw_robustness_outcome {
    const char *outcome;            /* borrowed */
    int is_primary;
    srw_certainty certainty;
    char statement[600];
    srw_verdict verdict;
} srw_robustness_outcome;

/* How robust a use's verdict is (doc/methods.md, "How robust the verdict
 * is"): the verdict recomputed (a) with each other critical outcome as
 * primary, (b) under the other analysis profile, (c) without the studies
 * at high risk of bias; stands when none of them changes it. */
typedef struct srw_robustness {
    int computed;                   /* the use names a primary outcome */
    srw_verdict verdict;            /* the use's */
    size_t n_outcomes;              /* critical outcomes, the primary first */
    srw_robustness_outcome *outcomes;
    int profile_applies;            /* the verdict rests on srw's analysis */
    const char *other_profile;      /* "revman5" or "cochrane" */
    srw_verdict profile_verdict;
    int rob_applies;                /* studies at high risk were left out and some remain */
    size_t n_high_rob;              /* studies at high risk of bias in the primary analysis */
    srw_verdict rob_verdict;
    int stands;
    char sentence[800];
} srw_robustness;

/* The robustness of the verdict of a use whose assessments are *as[0..n)
 * (NULL entries skipped; primary: the one with decided set; none:
 * computed = 0).  Reassesses the
 * primary outcome from the data and options its assessment keeps.  Fails
 * only with SRW_ENOMEM. */
int srw_assess_robustness(srw_robustness *out, const srw_assessment *const *as, size_t n, srw_error *err);
void srw_robustness_dispose(srw_robustness *r);

#endif
