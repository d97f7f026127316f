/* srw/rm5.h - RevMan interoperability: RevMan 5 files (.rm5), RevMan 5's
 * "Data and analyses" CSV export and RevMan Web's data package; the stored
 * analysis settings and RevMan's own results; `srw verify`'s comparison.
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
 * Ownership: a reader fills a caller-provided srw_rm5_review that owns every
 * string and array; srw_rm5_review_dispose frees it (safe on a zeroed or
 * disposed struct).  On failure the review is left empty and err names
 * path:line:column and the rule broken.  Arguments are borrowed.
 */
#ifndef SRW_RM5_H
#define SRW_RM5_H

#include <stddef.h>

#include "srw/data.h"
#include "srw/error.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/store.h"

/* Largest RevMan file or CSV srw reads (untrusted input is capped). */
#define SRW_RM5_MAX_BYTES ((size_t)256 << 20)

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

typedef struct srw_rm5_review {
    char *path, *title, *revman_version;
    const char *format;      /* static: "rm5", "revman-csv", "revman-web", "store" */
    srw_record_set set;      /* trial records, as srw_store_import takes them */
    size_t n_analyses;
    srw_rm5_analysis *analyses;
    size_t n_rob;
    srw_rm5_rob *rob;
    size_t n_other;
    srw_rm5_other *other;
} srw_rm5_review;

/* The RoB 1 domains a RevMan risk-of-bias item judges, from its name
 * ("Random sequence generation (selection bias)", "Adequate sequence
 * generation?", "Blinding of outcome assessment ..."): returns how many
 * (0 when none fits, 2 for the combined "Blinding" item, which judges
 * performance and detection bias together) and *rank, 2 for a specific
 * item and 1 for the combined one (a specific item wins). */
int srw_rm5_rob_domains(const char *item, srw_rob_domain d[2], int *rank);

void srw_rm5_review_dispose(srw_rm5_review *r);
void srw_rm5_analysis_dispose(srw_rm5_analysis *a);

/* RevMan 5 file (ISO-8859-1 or UTF-8 XML; parsed by libxml2, without
 * network access or entity expansion). */
int srw_rm5_read(srw_rm5_review *out, const char *path, srw_error *err);
int srw_rm5_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                        srw_error *err);

/* RevMan 5 "Data and analyses" CSV export (columns "Comparison Number", ...). */
int srw_revman_csv_read(srw_rm5_review *out, const char *path, srw_error *err);
int srw_revman_csv_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err);

/* RevMan Web data package: *-overall-estimates-and-settings.csv,
 * *-data-rows.csv and, when present, *-subgroup-estimates.csv and
 * *-risk-of-bias.csv.  path is any of
 *   the .zip RevMan Web exports (a folder with x-files/x-data.zip inside),
 *   the inner x-data.zip itself (the CSVs under x-analysis-data/ and
 *     x-study-data/), or
 *   a directory holding the CSVs (searched up to four levels down).
 * Zips are read in memory with libzip (src/io/zip.h): no temporary files.
 * At most one zip inside the one given is opened; at most 10000 entries and
 * 64 MiB unpacked per entry read (a zip bomb is refused).  A corrupt or
 * truncated zip, or one without the CSVs, fails with SRW_EDATA naming the
 * archive ("a.zip!b-data.zip" for the inner one) and the reason; a file that
 * is neither zip nor directory with SRW_EUSAGE.  Messages about a CSV name
 * it as "a.zip!b-data.zip!dir/x-data-rows.csv:line:column". */
int srw_revman_web_read(srw_rm5_review *out, const char *path, srw_error *err);

/* The same from a zip (outer package or data zip) held in memory; name is
 * used in messages. */
int srw_revman_web_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err);

/* What kind of RevMan input a path is, by content (src/io/rm5_verify.c): "rm5", "revman-csv",
 * "revman-web" or NULL (not RevMan). */
const char *srw_revman_detect(const char *path);

/* srw's measure name for an analysis from RevMan's (a->revman_measure;
 * "GENERIC" for generic inverse-variance and O-E data; left NULL when srw
 * has no equivalent, which verify reports as not comparable).  Shared by
 * the .rm5 reader and the RevMan CSV / Web readers.  0, or -1 out of memory. */
int srw_rm5_set_measure(srw_rm5_analysis *a);

/* --- the store (src/store/revman.c) ---------------------------------------
 * Settings and stored results go to analysis_settings, revman_results,
 * revman_subgroup_results, revman_study_results and revman_rob; the measure
 * also to outcomes.measure so `srw analyse` uses it.  Call after
 * srw_store_import of r->set (the outcomes must exist), between the same
 * srw_store_begin and srw_store_commit, so that the whole import is one
 * transaction (alone, it is a transaction of its own). */
int srw_store_revman_save(srw_store *s, const srw_rm5_review *r, const char *entered_by,
                          srw_error *err);

/* The trials the database held before the import (stats->last_record_before)
 * for an analysis of set (a RevMan file's records, as imported) that the
 * file does not list: a study the review dropped since an earlier import,
 * or one entered by hand.  An import only
 * adds and updates, so these stay, and are pooled; each is a warning line
 * appended to stats->changes ("warning: FILE: U / O / S is stored but not
 * in this file ..."). */
int srw_store_revman_unlisted(srw_store *s, const srw_record_set *set, srw_import_stats *stats, srw_error *err);

/* The analyses an earlier import of the same file (r->path) brought that
 * r no longer has (dropped or renamed since), and whose outcomes still hold
 * records: they stay, and are pooled; each is a warning line appended to
 * stats->changes ("warning: FILE: analysis 1.2, U / O, was imported from
 * this file before ..."). */
int srw_store_revman_dropped(srw_store *s, const srw_rm5_review *r, srw_import_stats *stats, srw_error *err);

/* Every stored analysis (settings and results), in RevMan's order; fills
 * out->analyses only (format "store"). */
int srw_store_revman_load(srw_store *s, srw_rm5_review *out, srw_error *err);

/* --- verification (src/io/rm5_verify.c) ------------------------------------------ */
typedef enum srw_rm5_verdict {
    SRW_RM5_AGREE = 1,
    SRW_RM5_DIFFER,
    SRW_RM5_NOT_COMPARABLE
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

/* Options for srw_analysis_run that reproduce analysis a under profile
 * revman5 (measure, model, method, level = CI_TOTAL).  Returns 1 when srw
 * can reproduce it and RevMan stored results to compare with (overall or,
 * with TOTALS="SUB", per subgroup), 0 with *reason (static) when not. */
int srw_rm5_pool_options(srw_pool_options *out, const srw_rm5_analysis *a, const char **reason);

/* Compare RevMan's stored results with srw's: pooled effect, CI, tau2 (random
 * effects), Chi2, df, I2, |Z| overall and per subgroup, the subgroup test and
 * each study's effect, CI and weight.  A number agrees when
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
