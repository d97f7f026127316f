/* Times one outcome's analysis with every sensitivity analysis (leave-one-
 * out, cumulative, influence, the small-study tests, trim-and-fill): reads
 * the trial records of one outcome (bench/lau1992.csv: the first 30 trials
 * of Lau et al. 1992), then runs srw_analysis_run and srw_sensitivity_run
 * (SRW_SENS_ALL) ROUNDS times under the cochrane profile (RR, REML, HKSJ),
 * and each analysis alone.  Prints figures; asserts nothing.
 *   build/bench_sens bench/lau1992.csv [ROUNDS]      (ROUNDS default 2000) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srw/csv.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/sensitivity.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Microseconds per outcome of `rounds` runs of the analysis and the
 * sensitivity analyses `what` (0: the analysis alone); checksum keeps the
 * work from being optimised away. */
static double time_runs(const srw_study_set *set, const int *years, int what, int rounds, double *checksum)
{
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    srw_sens_options so = SRW_SENS_OPTIONS_INIT;
    so.what = what;
    srw_error err;
    double t0 = seconds();
    for (int r = 0; r < rounds; r++) {
        srw_analysis a;
        if (srw_analysis_run(&a, set, &o, &err) != 0) {
            fprintf(stderr, "bench_sens: %s\n", err.message);
            exit(1);
        }
        if (what != 0) {
            srw_sensitivity s;
            if (srw_sensitivity_run(&s, &a, set, years, &so, &err) != 0) {
                fprintf(stderr, "bench_sens: %s\n", err.message);
                exit(1);
            }
            *checksum += s.n_loo ? s.loo[0].estimate : 0.0;
            *checksum += isfinite(s.trim_fill.estimate) ? s.trim_fill.estimate : 0.0;
            srw_sensitivity_dispose(&s);
        }
        *checksum += a.overall.estimate;
        srw_analysis_dispose(&a);
    }
    return 1e6 * (seconds() - t0) / rounds;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_sens OUTCOME.csv [ROUNDS]\n");
        return 2;
    }
    srw_record_set rs;
    srw_error err;
    if (srw_csv_read_review(&rs, argv[1], &err) != 0) {
        fprintf(stderr, "bench_sens: %s\n", err.message);
        return 1;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 2000;
    if (rounds < 1)
        rounds = 1;
    size_t k = rs.n_records;
    srw_study_row *rows = calloc(k ? k : 1, sizeof *rows);
    int *years = calloc(k ? k : 1, sizeof *years);
    if (rows == NULL || years == NULL) {
        fprintf(stderr, "bench_sens: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < k; i++) {
        const srw_record *r = &rs.records[i];
        rows[i] = (srw_study_row){r->study, NULL, r->exp_events, r->exp_total, r->ctl_events, r->ctl_total,
                                  r->exp_mean, r->exp_sd, r->ctl_mean, r->ctl_sd, r->estimate, r->se};
        years[i] = r->year;
    }
    srw_study_set set = {rs.records[0].type, k, rows};
    double checksum = 0.0;
    (void)time_runs(&set, years, SRW_SENS_ALL, rounds / 10 + 1, &checksum); /* warm-up */
    double all = time_runs(&set, years, SRW_SENS_ALL, rounds, &checksum);
    double base = time_runs(&set, years, 0, rounds, &checksum);
    static const struct {
        int bit;
        const char *name;
    } parts[] = {{SRW_SENS_LEAVE_ONE_OUT, "leave-one-out"},
                 {SRW_SENS_CUMULATIVE, "cumulative"},
                 {SRW_SENS_INFLUENCE, "influence"},
                 {SRW_SENS_SMALL_STUDY, "small-study tests"},
                 {SRW_SENS_TRIM_FILL, "trim-and-fill"}};
    printf("srw: one outcome of %zu studies (RR, REML, HKSJ), the analysis and every sensitivity analysis: %.1f us "
           "per outcome (%d rounds; checksum %.6g)\n",
           k, all, rounds, checksum);
    printf("srw:   the analysis alone %.1f us", base);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        printf("; %s %.1f us", parts[i].name, time_runs(&set, years, parts[i].bit, rounds, &checksum) - base);
    printf("\n");
    printf("SRW_US_PER_OUTCOME=%.3f\n", all);
    free(rows);
    free(years);
    srw_record_set_dispose(&rs);
    return 0;
}
