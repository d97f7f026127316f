/* The report's model: everything the writers (Markdown, HTML, JSON) show,
 * gathered once from the store and assessed by core (srw_assess_outcome,
 * the verb srw analyse and srw verify call too; internal to src/report).
 * The writers only lay it out, so the three formats cannot disagree. */
#ifndef SRW_REPORT_MODEL_H
#define SRW_REPORT_MODEL_H

#include "srw/assess.h"
#include "srw/claim.h"
#include "srw/grade.h"
#include "srw/pool.h"
#include "srw/report.h"
#include "srw/store.h"

/* One outcome: what the store holds of it and core's assessment of it. */
typedef struct rp_outcome {
    char *name;
    /* Its figures' file-name stem, "<use's stem>-<outcome>", unique in the
     * report (rp_build; also the outcome's anchor on a page). */
    char slug[136];
    int is_primary;
    int loaded;                   /* trial records exist */
    srw_outcome_data d;
    srw_assessment as;            /* srw_assess_outcome: analysis, GRADE, MID, published, living */
    /* Its forest plot (and funnel plot, has_funnel, k >= 10) is drawn: the
     * primary outcome's, those rated critical, or every one with
     * --all-figures (srw_report_options.all_figures). */
    int has_figures, has_funnel;
    /* Data-entry warnings of the analysed records (srw_record_check_warnings),
     * "Study: field: text; ...", in the order of the studies. */
    size_t n_warnings;
    char **warnings;
} rp_outcome;

typedef struct rp_use {
    char *name;
    /* Its page's file-name stem, unique among the review's uses and never
     * "index" (rp_build), also the prefix of its figures' names. */
    char slug[72];
    srw_use_info info;
    srw_published_list published;
    size_t n_outcomes;
    rp_outcome *outcomes;         /* the primary outcome first, then by name */
    int primary;                  /* index, -1 when the use names none */
    srw_assess_verdict v;         /* the verdict and its basis (srw_assess_decide) */
    srw_robustness robustness;    /* srw_assess_robustness over the outcomes' assessments */
    char living[1600];            /* srw_assess_living_sentence: would the evidence since change the verdict */
    /* RoB 1 figures: distinct studies of the use */
    size_t n_rob;
    const char **rob_studies;
    srw_rob_judgement (*rob)[SRW_ROB_N];
    int any_rob;
    /* RoB 2 figures: the results of the outcomes that hold a RoB 2
     * judgement (every study of such an outcome, the outcomes in the use's
     * order); none when n_rob2 is 0 */
    size_t n_rob2;
    const char **rob2_outcomes, **rob2_studies;
    srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS];
} rp_use;

/* A claim (studies/claims.csv) and core's judgement of it against the
 * assessment of its use (srw_claim_judge). */
typedef struct rp_claim {
    srw_claim c;
    const char *outcome;          /* the outcome judged: the claim's, else the use's primary; NULL none */
    const rp_use *use;            /* NULL when the report holds no such use */
    srw_claim_judgement j;
} rp_claim;

typedef struct rp_report {
    srw_report_options opts;
    char sha256[65];
    size_t n_uses;
    rp_use *uses;
    size_t n_claims;
    rp_claim *claims;
} rp_report;

/* rp_build's progress: outcomes assessed of the total to assess. */
typedef struct rp_build_state {
    const srw_report_options *opts;
    size_t done, total;
} rp_build_state;

int rp_build(rp_report *out, srw_store *s, const srw_report_options *o, srw_error *err);
void rp_dispose(rp_report *r);

/* A summary-of-findings row at a baseline risk the review gives. */
typedef struct rp_sof_baseline {
    char label[300];        /* "low baseline risk (source)" */
    char risk_ctl[64], risk_int[64];
    char absolute[256];
} rp_sof_baseline;

/* Shared text for the writers. */
typedef struct rp_sof_row {
    char participants[160]; /* "252 (5 RCTs)" */
    char relative[256];     /* "RR 0.68 (0.59 to 0.80)" or "–" */
    char risk_ctl[64];      /* "250 per 1000" */
    char risk_int[64];
    char absolute[512];     /* "80 fewer per 1000 (from 102 fewer to 50 fewer)" or "MD 2.30 higher (…)" */
    char certainty[64];
    size_t n_baselines;     /* the outcome's low / high baseline risks */
    rp_sof_baseline baselines[2];
} rp_sof_row;
void rp_sof(rp_sof_row *out, const rp_outcome *o);

/* File names: "<use>-<outcome>-forest.svg" etc.  Each use's and outcome's
 * stem is its name as srw_report_slug writes it ("use" or "outcome" when
 * that keeps nothing), with "-2", "-3", ... when an earlier use (or outcome)
 * took it: uses in the order they were added to the review (their ids),
 * outcomes likewise, then those only published results name, by name.  So
 * no page or figure overwrites another, and a re-run gives the same names. */
int rp_name_files(rp_report *r, srw_store *s, srw_error *err); /* src/report/names.c */
void rp_forest_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o);
void rp_funnel_name(char *buf, size_t n, const rp_use *u, const rp_outcome *o);
/* "<use>-<figure>.svg": figure "rob", "rob-summary", "rob2", "rob2-summary". */
void rp_rob_name(char *buf, size_t n, const rp_use *u, const char *figure);
/* The settings actually used, as "name: value" pairs in a fixed order. */
size_t rp_settings(const srw_pool_options *o, const char *names[], char values[][64], size_t max);
/* The options the report was given over its profile's defaults (srw
 * report --model ...), as "name: value" pairs; none for a default run. */
size_t rp_given_settings(const srw_pool_options *o, const char *names[], char values[][64], size_t max);
/* The decision rule, for the methods section. */
extern const char rp_decision_rule[];

#endif
