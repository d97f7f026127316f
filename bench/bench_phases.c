/* Where `srw analyse --all --json`'s time goes: the same pass over a review
 * database (srw_store_scan), done three times, each doing more of what the
 * command does: reading the outcomes only; reading and assessing each
 * (srw_assess_outcome: REML + Hartung-Knapp, the prediction interval, the
 * Q-profile CI of tau^2, GRADE, the verdict); reading, assessing and writing
 * its JSON into memory (the writer the command uses; nothing reaches a
 * file).  The differences are each part's share.  CPU time of this
 * process, the least of three passes each (the VM's speed drifts within a
 * run); prints figures, asserts nothing.
 *   build/bench_phases REVIEW.db */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "srw/analysis_json.h"
#include "srw/assess.h"
#include "srw/store.h"

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* One pass doing `parts` of read (1), assess (2), JSON (3); outcomes done. */
static long pass(srw_store *s, int parts, size_t *bytes, srw_error *err)
{
    srw_store_scan *sc;
    if (srw_store_scan_open(&sc, s, NULL, err) != 0)
        return -1;
    srw_buf b = SRW_BUF_INIT;
    srw_json_writer w;
    srw_json_writer_init(&w, &b, 0);
    srw_use_info ui;
    srw_published_list pubs;
    long n = 0;
    int rc;
    *bytes = 0;
    while ((rc = srw_store_scan_use(sc, &ui, &pubs, err)) == 1) {
        srw_outcome_data d;
        while ((rc = srw_store_scan_outcome(sc, &d, err)) == 1) {
            n++;
            if (parts >= 2) {
                srw_assessment as;
                srw_assess_options ao = SRW_ASSESS_OPTIONS_INIT;
                ao.pool.model = SRW_MODEL_RANDOM;
                ao.pool.tau2 = SRW_TAU2_REML;
                ao.pool.ci = SRW_CI_HKSJ;
                ao.outcome = d.outcome;
                ao.primary = ui.primary_outcome != NULL && strcmp(ui.primary_outcome, d.outcome) == 0;
                if (srw_assess_outcome(&as, &d, &ui, &pubs, &ao, err) == 0 && parts >= 3) {
                    srw_report_outcome_write(&w, NULL, &as, &d, d.use, d.outcome);
                    *bytes += b.len;
                    srw_buf_clear(&b);
                }
                srw_assessment_dispose(&as);
            }
            srw_outcome_data_dispose(&d);
        }
        srw_use_info_dispose(&ui);
        srw_published_list_dispose(&pubs);
        if (rc < 0)
            break;
    }
    srw_buf_dispose(&b);
    srw_store_scan_free(sc);
    return rc < 0 ? -1 : n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_phases REVIEW.db\n");
        return 2;
    }
    srw_store *s;
    srw_error err;
    if (srw_store_open(&s, argv[1], 0, &err) != 0) {
        fprintf(stderr, "bench_phases: %s\n", err.message);
        return 1;
    }
    static const char *const what[] = {"", "read", "read + assess", "read + assess + JSON"};
    double t[4] = {0};
    /* The phases in turn, three rounds, so that a slow spell of the
     * machine's falls on every phase alike. */
    long n = 0;
    size_t bytes = 0;
    for (int round = 0; round < 3; round++)
        for (int parts = 1; parts <= 3; parts++) {
            double t0 = cpu_seconds();
            n = pass(s, parts, &bytes, &err);
            double dt = cpu_seconds() - t0;
            if (n < 0) {
                fprintf(stderr, "bench_phases: %s\n", err.message);
                srw_store_close(s);
                return 1;
            }
            if (round == 0 || dt < t[parts])
                t[parts] = dt;
        }
    for (int parts = 1; parts <= 3; parts++)
        printf("phases: %-22s %ld outcomes in %.3f s CPU (%zu bytes of JSON)\n", what[parts], n, t[parts],
               parts == 3 ? bytes : (size_t)0);
    printf("phases: shares of analyse --all --json's CPU before writing: read %.0f%%, assess %.0f%%, JSON %.0f%%\n",
           100 * t[1] / t[3], 100 * (t[2] - t[1]) / t[3], 100 * (t[3] - t[2]) / t[3]);
    srw_store_close(s);
    return 0;
}
