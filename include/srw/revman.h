/* srw/revman.h - RevMan's model of a review, as srw holds it: analyses with
 * their settings and RevMan's stored results, risk-of-bias entries, and
 * `srw verify`'s comparison of those results with srw's (core: no I/O).
 * The readers of RevMan's files are in srw/rm5.h, the store's writing and
 * loading of them in srw/store.h.
 *
 * Mapping:
 *   RevMan comparison  -> srw use (its name)
 *   RevMan analysis    -> srw outcome "N.M Name" (comparison and outcome
 *                         numbers keep names unique), with its settings
 *   RevMan subgroup    -> the record's subgroup
 *   study              -> label = the STUDY NAME attribute, else its ID with
 *                         the "STD-" prefix removed and _xHHHH_ escapes decoded
 *   group 1 / group 2  -> experimental / control arm
 *   DICH, CONT         -> dichotomous, continuous
 *   IV (generic)       -> generic: the entered estimate and SE
 *   IPD (O-E and V)    -> generic: log Peto OR = (O-E)/V, SE = 1/sqrt(V)
 *                         (Yusuf et al. 1985; Cochrane Handbook 10.4.4.2)
 *   OTHER              -> kept as text rows (srw_rm5_other), not analysed
 *   QUALITY_ITEMS      -> RoB 1 judgements (YES low, NO high, UNKNOWN
 *                         unclear) with the support text
 *
 * Ownership: an srw_rm5_review owns every string and array it holds;
 * srw_rm5_review_dispose frees it (safe on a zeroed or disposed struct).
 * Arguments are borrowed.
 */
#ifndef SRW_REVMAN_H
#define SRW_REVMAN_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"
#include "srw/pool.h"
#include "srw/record.h"

typedef enum srw_rm5_data_type {
    SRW_RM5_DICH = 1,
    SRW_RM5_CONT,
    SRW_RM5_IV,
    SRW_RM5_IPD,
    SRW_RM5_OTHER
} srw_rm5_data_type;

/* "DICH", "CONT", "IV", "IPD", "OTHER"; NULL for others. */
const char *srw_rm5_data_type_name(srw_rm5_data_type t);
srw_rm5_data_type srw_rm5_data_type_parse(const char *s); /* 0 when unknown */

/* A pooled result as RevMan stored it.  Effects and CIs on RevMan's display
 * scale (natural scale for ratio measures); NAN where RevMan left the
 * attribute empty. */
typedef struct srw_rm5_pooled {
    int present;      /* RevMan stored an effect (computed the analysis) */
    int estimable;
    double effect, ci_lower, ci_upper;
    double tau2, chi2, df, p_chi2, i2, z, p_z;
} srw_rm5_pooled;

typedef struct srw_rm5_subgroup {
    char *name;
    srw_rm5_pooled pooled;
} srw_rm5_subgroup;

typedef struct srw_rm5_study_result {
    char *study;      /* srw label */
    char *subgroup;   /* NULL when the analysis has none */
    int present, estimable;
    double effect, ci_lower, ci_upper, se, weight;
} srw_rm5_study_result;

/* One RevMan analysis: settings and stored results. */
typedef struct srw_rm5_analysis {
    char *use, *outcome;     /* srw names */
    char *revman_id;         /* "CMP-001.01" (or the CSV's numbers) */
    char *number;            /* "1.1" */
    char *name;              /* RevMan's analysis name */
    srw_rm5_data_type data_type;
    char *revman_measure;    /* EFFECT_MEASURE as RevMan wrote it ("OR", "PETO_OR") */
    char *measure;           /* srw measure name ("OR", "PETO", "GENERIC"), NULL if none fits */
    char *method;            /* "MH", "IV", "PETO" */
    int random;              /* 1 random effects, 0 fixed */
    double ci_study, ci_total; /* confidence levels, percent */
    int swap_events, subgroup_test, has_subgroups;
    char *totals;            /* "YES", "NO", "SUB" */
    int log_data;            /* IV: entered on the log scale */
    char *group_label_1, *group_label_2, *graph_label_1, *graph_label_2;
    srw_rm5_pooled overall;
    size_t n_subgroups;
    srw_rm5_subgroup *subgroups;
    int subgroup_test_present;
    double q_sub, df_sub, p_sub, i2_sub;
    size_t n_studies;
    srw_rm5_study_result *studies;
    /* Decimals RevMan rounded the stored numbers to (CSV export: 8, RevMan
     * Web: 6); 0 = full precision (.rm5). */
    int decimals;
    long line;               /* where the analysis starts in its file */
} srw_rm5_analysis;

/* A risk-of-bias entry as RevMan holds it. */
typedef struct srw_rm5_rob {
    char *study, *item, *result, *support, *group;
} srw_rm5_rob;

/* A row of an OTHER outcome (free text), kept as data. */
typedef struct srw_rm5_other {
    char *use, *outcome, *study, *text;
} srw_rm5_other;

/* A study with two or more data rows in one subgroup of one analysis (two
 * intervention arms against one control, or a trial entered twice).
 * RevMan pools every row as given and so does srw, each row a record of its
 * own ("Dutta 1996 IND", "Dutta 1996 IND (row 2)"); the import warns that a
 * shared control arm is then counted twice (Cochrane Handbook 23.3.4). */
typedef struct srw_rm5_repeat {
    char *number;            /* the analysis, "1.1" */
    char *use, *outcome;     /* srw names of the analysis */
    char *study;             /* the label of its first row */
    char *subgroup;          /* NULL without subgroups */
    size_t rows;             /* how many rows it has there (2 or more) */
} srw_rm5_repeat;

typedef struct srw_rm5_review {
    char *path, *title, *revman_version;
    const char *format;      /* static: "rm5", "revman-csv", "revman-web", "store" */
    srw_record_set set;      /* trial records, as an import takes them (srw/import.h) */
    size_t n_analyses;
    srw_rm5_analysis *analyses;
    size_t n_rob;
    srw_rm5_rob *rob;
    size_t n_other;
    srw_rm5_other *other;
    size_t n_repeats;
    srw_rm5_repeat *repeats;
} srw_rm5_review;

/* The RoB 1 domains a RevMan risk-of-bias item judges, from its name
 * ("Random sequence generation (selection bias)", "Adequate sequence
 * generation?", "Blinding of outcome assessment ..."): returns how many
 * (0 when none fits, 2 for the combined "Blinding" item, which judges
 * performance and detection bias together) and *rank, 2 for a specific
 * item and 1 for the combined one (a specific item wins). */
int srw_rm5_rob_domains(const char *item, srw_rob_domain d[2], int *rank);

void srw_rm5_review_dispose(srw_rm5_review *r);

/* Note that the study labelled study has its row number row (2, 3, ...) in
 * subgroup (NULL: none) of analysis a: a reader's call, for the import's
 * warning (r->repeats).  0, or -1 out of memory. */
int srw_rm5_note_repeat(srw_rm5_review *r, const srw_rm5_analysis *a, const char *study, const char *subgroup,
                        size_t row);
void srw_rm5_analysis_dispose(srw_rm5_analysis *a);

/* srw's measure name for an analysis from RevMan's (a->revman_measure;
 * "GENERIC" for generic inverse-variance and O-E data; left NULL when srw
 * has no equivalent, which verify reports as not comparable).  Shared by
 * the .rm5 reader and the RevMan CSV / Web readers.  0, or -1 out of memory. */
int srw_rm5_set_measure(srw_rm5_analysis *a);

/* --- verification (src/core/revman.c) ------------------------------------- */
typedef enum srw_rm5_verdict {
    SRW_RM5_AGREE = 1,
    SRW_RM5_DIFFER,
    SRW_RM5_NOT_COMPARABLE,
    SRW_RM5_NO_TOTAL      /* RevMan reports no total, nor does srw; the studies agree */
} srw_rm5_verdict;

#define SRW_RM5_MAX_DIFFS 16

/* One compared number. */
typedef struct srw_rm5_diff {
    char what[96];        /* "overall effect", "subgroup 'X' I2", "study 'Y' weight" */
    double stored, computed, rel;
} srw_rm5_diff;

typedef struct srw_rm5_check {
    srw_rm5_verdict verdict;
    const char *reason;   /* static; why not comparable */
    double max_rel;       /* largest relative error over the compared numbers */
    size_t n_compared;
    size_t n_diffs;       /* beyond tolerance (first SRW_RM5_MAX_DIFFS kept) */
    srw_rm5_diff diffs[SRW_RM5_MAX_DIFFS];
    int strings_equal;    /* display-rounded strings agree */
} srw_rm5_check;

/* The totals analysis a reports (TOTALS: "YES" or none ALL, "SUB", "NO");
 * _parse from TOTALS's text. */
srw_totals srw_rm5_totals(const srw_rm5_analysis *a);
srw_totals srw_rm5_totals_parse(const char *totals);

/* Options for srw_analysis_run that reproduce analysis a under profile
 * revman5 (measure, model, method, level = CI_TOTAL; totals ALL, so that
 * every number RevMan stored is computed).  Returns 1 when srw
 * can reproduce it and RevMan stored results to compare with (overall or,
 * with TOTALS="SUB", per subgroup), 0 with *reason (static) when not. */
int srw_rm5_pool_options(srw_pool_options *out, const srw_rm5_analysis *a, const char **reason);

/* Compare RevMan's stored results with srw's: pooled effect, CI, tau2 (random
 * effects), Chi2, df, I2, |Z| overall and per subgroup, the subgroup test and
 * each study's effect, CI and weight, as the analysis's totals show them
 * (computed is srw's analysis with totals ALL):
 *   TOTALS="SUB" with subgroups: the overall effect, CI and Z are the
 *     inverse-variance pool of the subgroup results (computed's
 *     subgroup_test), its heterogeneity all the studies' (computed's
 *     overall), each weight the study's within its subgroup;
 *   TOTALS="SUB" without subgroups, or "NO": no total (nor subtotals with
 *     "NO") and no weights, which RevMan stores as not estimable and 0: the
 *     studies' effects and CIs are compared, and the verdict is
 *     SRW_RM5_NO_TOTAL when they agree.
 * A number agrees when
 *   |computed - stored| <= tol * |stored|  or  <= half a unit of the last
 * decimal RevMan kept (a->decimals), with both 0 agreeing exactly.
 * Effects are compared on RevMan's display scale. */
void srw_rm5_compare(srw_rm5_check *out, const srw_rm5_analysis *a, const srw_analysis *computed,
                     double tol);

/* Does RevMan show analysis a on the natural scale of a ratio (OR, RR,
 * Peto OR, HR...), i.e. is srw's analysis-scale result exp()'d to compare? */
int srw_rm5_is_ratio(const srw_rm5_analysis *a);

/* RevMan's display of a pooled result, e.g. "0.90 [0.84, 0.96]" (2 decimals),
 * for comparing display-rounded strings. */
void srw_rm5_display(char *buf, size_t size, double effect, double lo, double hi);

#endif
