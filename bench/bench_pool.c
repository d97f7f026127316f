/* Times srw_analysis_run alone (no store, no JSON): reads the workload CSV,
 * groups rows by outcome, and pools every outcome with REML + HKSJ (which
 * also computes the prediction interval and the Q-profile CI for tau^2),
 * several rounds.  Prints figures; asserts nothing.
 *   build/bench_pool bench/out/workload.csv [ROUNDS]
 * (ROUNDS defaults to 5; more rounds give perf a longer pooling phase). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srw/csv.h"
#include "srw/pool.h"
#include "srw/record.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_pool WORKLOAD.csv [ROUNDS]\n");
        return 2;
    }
    srw_record_set set;
    srw_error err;
    if (srw_csv_read_review(&set, argv[1], &err) != 0) {
        fprintf(stderr, "bench_pool: %s\n", err.message);
        return 1;
    }
    srw_study_row *rows = calloc(set.n_records, sizeof *rows);
    size_t *start = calloc(set.n_records + 1, sizeof *start);
    srw_outcome_type *types = calloc(set.n_records, sizeof *types);
    size_t n_out = 0;
    for (size_t i = 0; i < set.n_records; i++) {
        const srw_record *r = &set.records[i];
        if (i == 0 || strcmp(r->outcome, set.records[i - 1].outcome) != 0) {
            start[n_out] = i;
            types[n_out++] = r->type;
        }
        rows[i] = (srw_study_row){r->study, NULL, r->exp_events, r->exp_total, r->ctl_events, r->ctl_total,
                                  r->exp_mean, r->exp_sd, r->ctl_mean, r->ctl_sd, r->estimate, r->se};
    }
    start[n_out] = set.n_records;
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.model = SRW_MODEL_RANDOM;
    o.tau2 = SRW_TAU2_REML;
    o.ci = SRW_CI_HKSJ;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1)
        rounds = 1;
    size_t done = 0, failed = 0;
    double checksum = 0;
    double t0 = seconds();
    for (int r = 0; r < rounds; r++) {
        for (size_t j = 0; j < n_out; j++) {
            srw_study_set s = {types[j], start[j + 1] - start[j], rows + start[j]};
            srw_analysis a;
            if (srw_analysis_run(&a, &s, &o, &err) != 0) {
                failed++;
                continue;
            }
            if (isfinite(a.overall.pi_upper))
                checksum += a.overall.pi_upper;
            srw_analysis_dispose(&a);
            done++;
        }
    }
    double t = seconds() - t0;
    printf("pooling only (srw_analysis_run, REML + HKSJ + PI + Q-profile): %zu meta-analyses in %.3f s = %.2f us each"
           " (%zu failed; checksum %.6g)\n",
           done, t, 1e6 * t / (double)(done ? done : 1), failed, checksum);
    free(rows);
    free(start);
    free(types);
    srw_record_set_dispose(&set);
    return 0;
}
