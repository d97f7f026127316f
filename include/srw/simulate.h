/* srw/simulate.h - a Monte Carlo study of meta-analysis methods (core:
 * pure, no I/O).
 *
 * A study is a grid of scenarios, every number of studies k with every true
 * between-study variance tau^2, each replicated `reps` times.  A replication
 * draws k two-arm studies from the random-effects model (doc/methods.md,
 * "Simulation") and every method analyses the same studies with
 * srw_analysis_run, the function behind every other analysis of srw: what
 * the study measures is srw's own pooling, not a copy of it.
 *
 * Usage:
 *   srw_sim_options o = SRW_SIM_OPTIONS_INIT;      // then set fields
 *   srw_sim_result r;
 *   if (srw_sim_result_init(&r, &o, &err) == 0 &&
 *       srw_sim_run(&r, 1, 1, NULL, NULL, &err) == 0) {
 *       srw_sim_row rows[...];                     // srw_sim_n_rows(&r)
 *       srw_sim_summarise(rows, &r, &err);
 *   }
 *   srw_sim_result_dispose(&r);
 *
 * Determinism.  Replication i of the scenario (k, tau2) draws from its own
 * random stream, seeded from (seed, k, tau2, i) by srw_sim_stream_key, so it
 * is the same whichever other scenarios the grid holds and however the
 * work is split.  The replications of a scenario fall into blocks of
 * SRW_SIM_BLOCK; a block's sums are added in replication order, and the
 * blocks' sums in block order.  A shard (srw_sim_run's part p of n) computes
 * whole blocks, and merging the shards' blocks gives the very sums, bit for
 * bit, that one run computes: a sharded study prints the same bytes.
 *
 * Ownership: srw_sim_result owns its arrays (srw_sim_result_dispose, safe on
 * a zeroed or disposed result); options are copied into it.
 */
#ifndef SRW_SIMULATE_H
#define SRW_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "srw/effect.h"
#include "srw/error.h"
#include "srw/pool.h"

enum {
    SRW_SIM_MAX_K = 32,        /* values in the k list */
    SRW_SIM_MAX_TAU2 = 32,     /* values in the tau^2 list */
    SRW_SIM_MAX_METHODS = 16,  /* every tau^2 estimator with each CI: 14 */
    SRW_SIM_K_MAX = 1000,      /* largest number of studies */
    SRW_SIM_N_MAX = 1000000,   /* largest arm size */
    SRW_SIM_BLOCK = 1000       /* replications per block (the unit of a shard) */
};
#define SRW_SIM_REPS_MAX 1000000000ULL
/* The most block sums a study keeps (scenarios x blocks x methods): about
 * 300 MB.  Beyond it, fewer replications per run; shards merge. */
#define SRW_SIM_SUMS_MAX ((uint64_t)1 << 22)

/* A method: a tau^2 estimator with a kind of confidence interval, written
 * "REML-hksj" (the names of the choice tables, srw/pool.h). */
typedef struct srw_sim_method {
    srw_tau2_method tau2;
    srw_ci_method ci;
} srw_sim_method;

typedef struct srw_sim_options {
    srw_measure measure;          /* MD, SMD, RR or OR */
    size_t n_k;
    unsigned k[SRW_SIM_MAX_K];    /* numbers of studies, increasing */
    size_t n_tau2;
    double tau2[SRW_SIM_MAX_TAU2]; /* true tau^2 on the analysis scale, increasing */
    double effect;                /* true mean effect theta, analysis scale (log RR, log OR) */
    unsigned n_min, n_max;        /* each study's arm size, uniform on [n_min, n_max] */
    double baseline_risk;         /* control arms' risk (RR, OR) */
    uint64_t reps;                /* replications per scenario */
    uint64_t seed;
    size_t n_methods;
    srw_sim_method methods[SRW_SIM_MAX_METHODS];
} srw_sim_options;

/* MD; k 3, 5, 10, 20; tau^2 0, 0.05, 0.2; effect 0; arms of 20 to 200;
 * baseline risk 0.2; 1000 replications; seed 1; DL-wald and REML-hksj. */
#define SRW_SIM_OPTIONS_INIT                                                                       \
    { SRW_MEASURE_MD, 4, {3, 5, 10, 20}, 3, {0.0, 0.05, 0.2}, 0.0, 20, 200, 0.2, 1000, 1, 2,       \
      {{SRW_TAU2_DL, SRW_CI_WALD}, {SRW_TAU2_REML, SRW_CI_HKSJ}} }

/* The settings a study is made of, one row each, in the order help shows
 * them (src/core/simulate_options.c).  The key is the option's name
 * (`srw simulate --true-tau2`) and the partial file's; every parse, help
 * text and message about a setting comes from its row. */
typedef struct srw_sim_setting {
    const char *key;   /* "true-tau2" */
    const char *arg;   /* the value's name in help: "LIST" */
    const char *help;  /* what it sets, with its default */
    const char *must;  /* what a value must be: "--KEY must be <must> (got 'X')" */
} srw_sim_setting;

/* The table's rows, *n of them (static). */
const srw_sim_setting *srw_sim_settings(size_t *n);
/* Set the setting key of *o from its text (as typed: "3,5,10",
 * "REML-hksj", "20-200"): 0, or SRW_EUSAGE "--KEY must be ... (got
 * 'TEXT')" with *o untouched. */
int srw_sim_options_set(srw_sim_options *o, const char *key, const char *value, srw_error *err);
/* The setting key of *o as text that srw_sim_options_set reads back to the
 * same value, bit for bit (numbers in their shortest exact form); "" for a
 * key the table has not.  SRW_SIM_TEXT_MAX bytes hold any. */
void srw_sim_options_get(char *buf, size_t n, const srw_sim_options *o, const char *key);
#define SRW_SIM_TEXT_MAX 1536

/* 0, or SRW_EUSAGE with a message naming the setting (as an option,
 * "--k must ...") when o cannot be run: a measure other than MD, SMD, RR or
 * OR, k outside 2..SRW_SIM_K_MAX or not increasing, a negative or
 * decreasing tau^2, arm sizes outside 2..SRW_SIM_N_MAX, a baseline risk
 * outside (0, 1), no replications, a method twice, too many block sums. */
int srw_sim_options_check(const srw_sim_options *o, srw_error *err);

/* "REML-hksj" into buf; parse of the same, 0 or SRW_EUSAGE. */
void srw_sim_method_name(char *buf, size_t n, srw_sim_method m);
int srw_sim_method_parse(srw_sim_method *out, const char *s);

/* The sums of one block of replications for one method.  Counts are of
 * replications; the sums are over the replications that gave a pooled
 * estimate with a finite interval (`fitted`). */
typedef struct srw_sim_sums {
    uint32_t n;        /* replications run */
    uint32_t fitted;   /* with a pooled estimate and interval */
    uint32_t covered;  /* the CI holds theta */
    uint32_t nonconv;  /* the tau^2 estimator did not converge */
    uint32_t pi_n;     /* with a prediction interval (k >= 3 estimable) */
    double pi_cover;   /* sum of P(a new study's true effect lies in the PI) */
    double width;      /* sum of ci_upper - ci_lower */
    double err, err2;  /* sums of (estimate - theta) and its square */
    double t2err, t2err2; /* sums of (tau^2 estimate - tau^2) and its square */
} srw_sim_sums;

/* A study's results so far: the block sums of every scenario and method,
 * and which blocks are done.  Scenario s = (k index) * n_tau2 + (tau^2
 * index); unit u = s * n_blocks + block; sums[u * n_methods + m]. */
typedef struct srw_sim_result {
    srw_sim_options opts;
    size_t n_scenarios;
    uint64_t n_blocks;       /* per scenario: reps / SRW_SIM_BLOCK, rounded up */
    uint64_t n_units;        /* n_scenarios * n_blocks */
    unsigned char *done;     /* n_units flags */
    srw_sim_sums *sums;      /* n_units * n_methods */
} srw_sim_result;

/* An empty result for o (checked by srw_sim_options_check): 0,
 * SRW_EUSAGE or SRW_ENOMEM. */
int srw_sim_result_init(srw_sim_result *r, const srw_sim_options *o, srw_error *err);
void srw_sim_result_dispose(srw_sim_result *r);

/* The units of shard `part` of `parts` (1-based): unit u when
 * u % parts == part - 1, so that each part holds the same number of blocks
 * (give or take one) and every scenario's share of them. */
int srw_sim_unit_in_shard(uint64_t u, unsigned part, unsigned parts);

/* Called after each block with the replications done and to do in this
 * run; a non-zero return stops the run (SRW_EUSAGE, "stopped"). */
typedef int (*srw_sim_progress)(void *ctx, uint64_t done, uint64_t total);

/* Run the blocks of shard part/parts (1/1: all) into r.  Fails with
 * SRW_EUSAGE on a bad shard, SRW_ENOMEM; a replication that gives no
 * estimate is counted, not an error. */
int srw_sim_run(srw_sim_result *r, unsigned part, unsigned parts, srw_sim_progress progress, void *ctx,
                srw_error *err);

/* Replications in the blocks shard part/parts runs. */
uint64_t srw_sim_shard_reps(const srw_sim_result *r, unsigned part, unsigned parts);

/* Bring the done blocks of part into into: SRW_EDATA when the two studies'
 * options differ or a block is in both. */
int srw_sim_result_merge(srw_sim_result *into, const srw_sim_result *part, srw_error *err);

/* 1 when a and b describe the same study (every option equal, bit for bit). */
int srw_sim_options_equal(const srw_sim_options *a, const srw_sim_options *b);

/* Blocks not yet done. */
uint64_t srw_sim_missing(const srw_sim_result *r);

/* One scenario and method, summarised.  Shares and means are NAN when
 * nothing defines them (no fitted replication, no prediction interval). */
typedef struct srw_sim_row {
    unsigned k;
    double tau2;
    srw_sim_method method;
    uint64_t reps;          /* replications */
    double coverage;        /* share of fitted replications whose CI holds theta */
    double coverage_se;     /* its Monte Carlo SE, sqrt(c (1 - c) / fitted) */
    double pi_coverage;     /* mean P(new study's true effect in the PI) */
    double mean_width;      /* mean CI width, analysis scale */
    double bias, rmse;      /* of the pooled estimate */
    double tau2_bias, tau2_rmse;
    double nonconverged;    /* share of fitted replications */
    double no_estimate;     /* share of replications without a pooled estimate */
} srw_sim_row;

/* Rows a summary has: scenarios x methods. */
size_t srw_sim_n_rows(const srw_sim_result *r);

/* rows[s * n_methods + m] for every scenario and method, from the block
 * sums added in block order.  SRW_EDATA when a block is missing (a shard
 * not merged), naming the first. */
int srw_sim_summarise(srw_sim_row *rows, const srw_sim_result *r, srw_error *err);

/* The 64-bit key of replication rep of scenario (k, tau2): splitmix64's
 * finaliser (Steele, Lea & Flood 2014) over seed, k, the bits of tau2 and
 * rep in turn.  The replication's generator is seeded from it. */
uint64_t srw_sim_stream_key(uint64_t seed, unsigned k, double tau2, uint64_t rep);

/* One replication's studies, as srw_sim_run draws them (for tests and
 * teaching): k rows into rows (the caller's, k of them), of type
 * *type (dichotomous or continuous).  0 or SRW_ENOMEM. */
int srw_sim_draw(srw_study_row *rows, srw_outcome_type *type, const srw_sim_options *o, unsigned k,
                 double tau2, uint64_t rep, srw_error *err);

#endif
