/* The simulation engine: the grid of scenarios, the replications of a
 * shard analysed by each method with srw_analysis_run, block sums, merging
 * and the summary.  See include/srw/simulate.h; the generating model and
 * what each statistic means are in doc/methods.md, "Simulation".
 *
 * Why blocks.  Floating-point addition is not associative, so a sum over a
 * million replications depends on the order it is taken in.  Each block's
 * sums are taken in replication order, and the summary adds the blocks'
 * sums in block order; a shard computes whole blocks, so the sharded and
 * the unsharded study add the same numbers in the same order.  Means and
 * root mean squares need only the sums of x and x^2 (the statistics are
 * means, not variances, so Welford's update would buy nothing here); the
 * counts are integers.
 */
#include "srw/simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "simulate_internal.h"

int srw_sim_result_init(srw_sim_result *r, const srw_sim_options *o, srw_error *err)
{
    if (r == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_sim_result_init: NULL result");
    memset(r, 0, sizeof *r);
    int rc = srw_sim_options_check(o, err);
    if (rc != 0)
        return rc;
    r->opts = *o;
    r->n_scenarios = o->n_k * o->n_tau2;
    r->n_blocks = (o->reps + SRW_SIM_BLOCK - 1) / SRW_SIM_BLOCK;
    r->n_units = (uint64_t)r->n_scenarios * r->n_blocks;
    /* srw_sim_options_check bounds n_units * n_methods by SRW_SIM_SUMS_MAX. */
    r->done = calloc((size_t)r->n_units, 1);
    r->sums = calloc((size_t)(r->n_units * o->n_methods), sizeof *r->sums);
    if (r->done == NULL || r->sums == NULL) {
        srw_sim_result_dispose(r);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory (the study's block sums)");
    }
    return 0;
}

void srw_sim_result_dispose(srw_sim_result *r)
{
    if (r == NULL)
        return;
    free(r->done);
    free(r->sums);
    memset(r, 0, sizeof *r);
}

int srw_sim_unit_in_shard(uint64_t u, unsigned part, unsigned parts)
{
    return parts > 0 && u % parts == (uint64_t)(part - 1);
}

/* Replications in block b of a scenario. */
static uint64_t block_reps(const srw_sim_result *r, uint64_t b)
{
    uint64_t first = b * SRW_SIM_BLOCK, left = r->opts.reps - first;
    return left < SRW_SIM_BLOCK ? left : SRW_SIM_BLOCK;
}

uint64_t srw_sim_shard_reps(const srw_sim_result *r, unsigned part, unsigned parts)
{
    uint64_t n = 0;
    for (uint64_t u = 0; u < r->n_units; u++)
        if (srw_sim_unit_in_shard(u, part, parts))
            n += block_reps(r, u % r->n_blocks);
    return n;
}

uint64_t srw_sim_missing(const srw_sim_result *r)
{
    uint64_t n = 0;
    for (uint64_t u = 0; u < r->n_units; u++)
        n += !r->done[u];
    return n;
}

/* P(lo <= X <= hi) for a new study's true effect X ~ N(theta, tau^2): the
 * share of the true effects' distribution the prediction interval covers
 * (with tau^2 = 0, whether it holds theta). */
static double pi_cover(double lo, double hi, double theta, double tau2)
{
    if (!(tau2 > 0.0))
        return lo <= theta && theta <= hi ? 1.0 : 0.0;
    double tau = sqrt(tau2);
    return gsl_cdf_ugaussian_P((hi - theta) / tau) - gsl_cdf_ugaussian_P((lo - theta) / tau);
}

/* One method's analysis of one replication, into its block's sums. */
static int analyse(srw_sim_sums *s, const srw_study_set *set, const srw_pool_options *po, double theta,
                   double tau2, srw_error *err)
{
    srw_analysis a;
    int rc = srw_analysis_run(&a, set, po, err);
    s->n++;
    if (rc == SRW_ENOMEM)
        return rc;
    if (rc != 0) { /* the options were checked: counted as no estimate */
        srw_error_clear(err);
        return 0;
    }
    const srw_pooled *p = &a.overall;
    if (isfinite(p->estimate) && isfinite(p->ci_lower) && isfinite(p->ci_upper)) {
        double e = p->estimate - theta, t = p->tau2 - tau2;
        s->fitted++;
        s->covered += p->ci_lower <= theta && theta <= p->ci_upper;
        s->nonconv += !p->converged;
        s->width += p->ci_upper - p->ci_lower;
        s->err += e;
        s->err2 += e * e;
        s->t2err += t;
        s->t2err2 += t * t;
        if (isfinite(p->pi_lower) && isfinite(p->pi_upper)) {
            s->pi_n++;
            s->pi_cover += pi_cover(p->pi_lower, p->pi_upper, theta, tau2);
        }
    }
    srw_analysis_dispose(&a);
    return 0;
}

/* The pooling options of method m: srw's own profile, random effects, the
 * method's tau^2 estimator and interval (inverse-variance weights, Hedges'
 * g as RevMan for the SMD: the defaults of srw analyse). */
static srw_pool_options pool_options(const srw_sim_options *o, srw_sim_method m)
{
    srw_pool_options po = SRW_POOL_OPTIONS_INIT;
    po.measure = o->measure;
    po.model = SRW_MODEL_RANDOM;
    po.tau2 = m.tau2;
    po.ci = m.ci;
    return po;
}

int srw_sim_run(srw_sim_result *r, unsigned part, unsigned parts, srw_sim_progress progress, void *ctx,
                srw_error *err)
{
    if (r == NULL || r->done == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_sim_run: no study");
    if (parts < 1 || part < 1 || part > parts)
        return SRW_FAIL(err, SRW_EUSAGE, "shard %u of %u: the part must be from 1 to the number of parts",
                        part, parts);
    gsl_set_error_handler_off();
    const srw_sim_options *o = &r->opts;
    srw_pool_options po[SRW_SIM_MAX_METHODS];
    for (size_t m = 0; m < o->n_methods; m++)
        po[m] = pool_options(o, o->methods[m]);
    unsigned kmax = o->k[o->n_k - 1];
    srw_study_row *rows = calloc(kmax, sizeof *rows);
    gsl_rng *rng = srw_sim__rng_alloc();
    int rc = 0;
    if (rows == NULL || rng == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory (a replication's studies)");
        goto done;
    }
    uint64_t total = srw_sim_shard_reps(r, part, parts), finished = 0;
    srw_outcome_type type = srw_sim__type(o);
    for (uint64_t u = 0; u < r->n_units; u++) {
        if (!srw_sim_unit_in_shard(u, part, parts))
            continue;
        uint64_t s = u / r->n_blocks, b = u % r->n_blocks;
        unsigned k = o->k[s / o->n_tau2];
        double tau2 = o->tau2[s % o->n_tau2];
        srw_sim_sums *sums = &r->sums[u * o->n_methods];
        memset(sums, 0, o->n_methods * sizeof *sums);
        srw_study_set set = {type, k, rows};
        uint64_t first = b * SRW_SIM_BLOCK, n = block_reps(r, b);
        for (uint64_t rep = first; rep < first + n; rep++) {
            srw_sim__rng_seed(rng, srw_sim_stream_key(o->seed, k, tau2, rep));
            srw_sim__draw(rows, o, k, tau2, rng);
            for (size_t m = 0; m < o->n_methods; m++)
                if ((rc = analyse(&sums[m], &set, &po[m], o->effect, tau2, err)) != 0)
                    goto done;
        }
        r->done[u] = 1;
        finished += n;
        if (progress != NULL && progress(ctx, finished, total) != 0) {
            rc = SRW_FAIL(err, SRW_EUSAGE, "stopped after %llu of %llu replications",
                          (unsigned long long)finished, (unsigned long long)total);
            goto done;
        }
    }
done:
    free(rows);
    if (rng != NULL)
        gsl_rng_free(rng);
    return rc;
}

int srw_sim_result_merge(srw_sim_result *into, const srw_sim_result *part, srw_error *err)
{
    if (!srw_sim_options_equal(&into->opts, &part->opts)) {
        /* Name the first setting that differs, as the user typed it. */
        size_t n_set;
        const srw_sim_setting *set = srw_sim_settings(&n_set);
        char a[SRW_SIM_TEXT_MAX], b[SRW_SIM_TEXT_MAX];
        for (size_t i = 0; i < n_set; i++) {
            srw_sim_options_get(a, sizeof a, &into->opts, set[i].key);
            srw_sim_options_get(b, sizeof b, &part->opts, set[i].key);
            if (strcmp(a, b) != 0)
                return SRW_FAIL(err, SRW_EDATA, "the parts are of different studies: --%s %.200s in one, %.200s in the other",
                                set[i].key, a, b);
        }
        return SRW_FAIL(err, SRW_EDATA, "the parts are of different studies");
    }
    size_t nm = into->opts.n_methods;
    for (uint64_t u = 0; u < part->n_units; u++) {
        if (!part->done[u])
            continue;
        if (into->done[u])
            return SRW_FAIL(err, SRW_EDATA, "block %llu of scenario %llu is in two parts",
                            (unsigned long long)(u % into->n_blocks + 1),
                            (unsigned long long)(u / into->n_blocks + 1));
        memcpy(&into->sums[u * nm], &part->sums[u * nm], nm * sizeof *into->sums);
        into->done[u] = 1;
    }
    return 0;
}

size_t srw_sim_n_rows(const srw_sim_result *r)
{
    return r->n_scenarios * r->opts.n_methods;
}

/* x / n, NAN when n is 0. */
static double share(double x, uint64_t n)
{
    return n > 0 ? x / (double)n : NAN;
}

int srw_sim_summarise(srw_sim_row *rows, const srw_sim_result *r, srw_error *err)
{
    const srw_sim_options *o = &r->opts;
    for (uint64_t u = 0; u < r->n_units; u++)
        if (!r->done[u])
            return SRW_FAIL(err, SRW_EDATA,
                            "block %llu of scenario %llu (k = %u) has not been run: %llu of %llu blocks "
                            "are missing (a part not merged?)",
                            (unsigned long long)(u % r->n_blocks + 1), (unsigned long long)(u / r->n_blocks + 1),
                            o->k[u / r->n_blocks / o->n_tau2], (unsigned long long)srw_sim_missing(r),
                            (unsigned long long)r->n_units);
    for (size_t s = 0; s < r->n_scenarios; s++) {
        for (size_t m = 0; m < o->n_methods; m++) {
            uint64_t n = 0, fitted = 0, covered = 0, nonconv = 0, pi_n = 0;
            double pic = 0, width = 0, e = 0, e2 = 0, t = 0, t2 = 0;
            for (uint64_t b = 0; b < r->n_blocks; b++) { /* in block order: see the top */
                const srw_sim_sums *x = &r->sums[(s * r->n_blocks + b) * o->n_methods + m];
                n += x->n, fitted += x->fitted, covered += x->covered;
                nonconv += x->nonconv, pi_n += x->pi_n;
                pic += x->pi_cover, width += x->width;
                e += x->err, e2 += x->err2, t += x->t2err, t2 += x->t2err2;
            }
            srw_sim_row *row = &rows[s * o->n_methods + m];
            row->k = o->k[s / o->n_tau2];
            row->tau2 = o->tau2[s % o->n_tau2];
            row->method = o->methods[m];
            row->reps = n;
            row->coverage = share((double)covered, fitted);
            row->coverage_se = sqrt(row->coverage * (1.0 - row->coverage) / (double)fitted);
            row->pi_coverage = share(pic, pi_n);
            row->mean_width = share(width, fitted);
            row->bias = share(e, fitted);
            row->rmse = sqrt(share(e2, fitted));
            row->tau2_bias = share(t, fitted);
            row->tau2_rmse = sqrt(share(t2, fitted));
            row->nonconverged = share((double)nonconv, fitted);
            row->no_estimate = share((double)(n - fitted), n);
        }
    }
    return 0;
}
