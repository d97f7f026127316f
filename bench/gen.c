/* Generates a realistic regeneration workload for srw's benchmarks: many
 * outcomes, k from 3 to 30 studies each, mixed record types.  Synthetic on
 * purpose (a benchmark input, never shipped evidence); deterministic, so
 * every run measures the same work.
 *
 *   gen OUTCOMES [SEED] > workload.csv      (OUTCOMES outcomes, ~16 rows each)
 *   gen --rows N [SEED] > big.csv           (about N rows: the import benchmark)
 *   gen --rows N --pool P [SEED] > big.csv  (the same, trials shared within a use)
 *
 * By default every row is a trial of its own (the import's worst case: a
 * new study per row).  With --pool each of the 50 uses has P trials and
 * each outcome draws its k trials from them, as a review's trials report
 * several outcomes (P = 2500 and a million rows: each trial in about 8
 * outcomes). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 88172645463325252ULL;

static uint64_t next(void)
{
    /* xorshift64: fast, and the same stream on every machine */
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double unif(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

static double norm(void)
{
    double u = unif(), v = unif();
    return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static long between(long lo, long hi)
{
    return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

int main(int argc, char **argv)
{
    long outcomes = 2000, rows = -1, pool = 0;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--rows") == 0) {
        rows = atol(argv[2]);
        a = 3;
        if (argc > 4 && strcmp(argv[3], "--pool") == 0) {
            pool = atol(argv[4]);
            a = 5;
            if (pool < 30) {
                fprintf(stderr, "gen: --pool needs at least 30 trials (an outcome has up to 30)\n");
                return 2;
            }
        }
    } else if (argc > 1) {
        outcomes = atol(argv[1]);
        a = 2;
    }
    if (argc > a)
        state ^= (uint64_t)atoll(argv[a]) * 0x9E3779B97F4A7C15ULL;
    printf("study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,exp_mean,exp_sd,ctl_mean,ctl_sd,"
           "estimate,se,direction,source\n");
    long written = 0;
    for (long o = 0; rows < 0 ? o < outcomes : written < rows; o++) {
        int type = (int)(o % 3); /* dichotomous, continuous, generic */
        long k = between(3, 30);
        double mu = norm() * 0.4, tau = fabs(norm()) * 0.3;
        double base = 0.1 + 0.5 * unif();
        long drawn[30];
        for (long i = 0; i < k; i++) {
            long n1 = between(10, 300), n2 = between(10, 300);
            double theta = mu + tau * norm();
            if (pool > 0) { /* k distinct trials of the use's pool */
                long t, j;
                do {
                    t = between(0, pool - 1);
                    for (j = 0; j < i && drawn[j] != t; j++)
                        ;
                } while (j < i);
                drawn[i] = t;
                printf("Trial %ld-%ld,use %ld,outcome %ld,", o % 50, t, o % 50, o);
            } else {
                printf("Study %ld-%ld,use %ld,outcome %ld,", o, i, o % 50, o);
            }
            if (type == 0) {
                double p2 = base, p1 = p2 * exp(theta);
                if (p1 > 0.95)
                    p1 = 0.95;
                long e1 = 0, e2 = 0;
                for (long j = 0; j < n1; j++)
                    e1 += unif() < p1;
                for (long j = 0; j < n2; j++)
                    e2 += unif() < p2;
                printf("dichotomous,%ld,%ld,%ld,%ld,,,,,,,", e1, n1, e2, n2);
            } else if (type == 1) {
                double sd = 5 + 10 * unif();
                printf("continuous,,%ld,,%ld,%.3f,%.3f,%.3f,%.3f,,,", n1, n2, 50 + sd * theta + sd * norm() / sqrt((double)n1),
                       sd * (0.8 + 0.4 * unif()), 50 + sd * norm() / sqrt((double)n2), sd * (0.8 + 0.4 * unif()));
            } else {
                double se = sqrt(1.0 / n1 + 1.0 / n2) * (1 + unif());
                printf("generic,,%ld,,%ld,,,,,%.5f,%.5f,", n1, n2, theta + se * norm(), se);
            }
            printf("lower_is_better,synthetic benchmark workload (bench/gen.c)\n");
            written++;
        }
    }
    return 0;
}
