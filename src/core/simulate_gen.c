/* The simulation's random numbers and data: a generator for GSL, the key
 * of each replication's stream, and the studies a replication draws.
 *
 * The generator.  GSL's distributions (gsl_ran_*) draw from any gsl_rng
 * type, and srw gives them one of its own: xoshiro256** (Blackman & Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 2021;
 * period 2^256 - 1, passes BigCrush), its 256-bit state filled from a
 * 64-bit key by splitmix64 as its authors advise.  Each replication seeds
 * its own stream, which GSL's own generators make slow or narrow: mt19937
 * fills 624 words per seed (about 10 us here, as much as the replication's
 * two analyses), and gsl_rng_set takes an unsigned long that mt19937 and
 * taus2 cut to 32 bits, so that among a million streams some hundred pairs
 * would be the same stream.  Seeding xoshiro256** costs four splitmix64
 * steps, and two replications share a stream only if their 64-bit keys
 * collide.
 *
 * The key (srw_sim_stream_key) mixes the seed, k, the bits of tau^2 and the
 * replication's index with splitmix64's finaliser (Steele, Lea & Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014; the
 * constants of Vigna's splitmix64.c), one value at a time, so that nearby
 * indices and seeds give unrelated streams.
 */
#include "simulate_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

typedef struct xoshiro {
    uint64_t s[4];
} xoshiro;

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiro_next(xoshiro *x)
{
    uint64_t *s = x->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* splitmix64's output function of a state advanced by the golden gamma. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void xoshiro_seed(xoshiro *x, uint64_t key)
{
    /* Four outputs of one splitmix64 stream are never all 0 (its output
     * function is a bijection), as xoshiro's state must not be. */
    for (int i = 0; i < 4; i++)
        x->s[i] = splitmix64(&key);
}

static void rng_set(void *state, unsigned long seed)
{
    xoshiro_seed(state, (uint64_t)seed);
}

/* The high 32 bits (the best of xoshiro's output): GSL's integer draws
 * (the ziggurat's, gsl_rng_uniform_int) then see a full 32-bit range. */
static unsigned long rng_get(void *state)
{
    return (unsigned long)(xoshiro_next(state) >> 32);
}

/* 53 random bits: every double in [0, 1) that is a multiple of 2^-53. */
static double rng_get_double(void *state)
{
    return (double)(xoshiro_next(state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "srw-xoshiro256**", 0xffffffffUL, 0, sizeof(xoshiro), rng_set, rng_get, rng_get_double,
};

gsl_rng *srw_sim__rng_alloc(void)
{
    return gsl_rng_alloc(&xoshiro_type);
}

void srw_sim__rng_seed(gsl_rng *r, uint64_t key)
{
    xoshiro_seed(gsl_rng_state(r), key);
}

void srw_sim__rng_set_state(gsl_rng *r, const uint64_t s[4])
{
    xoshiro *x = gsl_rng_state(r);
    memcpy(x->s, s, sizeof x->s);
}

uint64_t srw_sim_stream_key(uint64_t seed, unsigned k, double tau2, uint64_t rep)
{
    uint64_t bits, x = seed;
    double t = tau2 + 0.0; /* -0 and 0 are one scenario */
    memcpy(&bits, &t, sizeof bits);
    uint64_t h = splitmix64(&x);
    x = h ^ (uint64_t)k;
    h = splitmix64(&x);
    x = h ^ bits;
    h = splitmix64(&x);
    x = h ^ rep;
    return splitmix64(&x);
}

srw_outcome_type srw_sim__type(const srw_sim_options *o)
{
    return o->measure == SRW_MEASURE_RR || o->measure == SRW_MEASURE_OR ? SRW_TYPE_DICHOTOMOUS
                                                                        : SRW_TYPE_CONTINUOUS;
}

/* The generating model (doc/methods.md, "Simulation"), per study in this
 * order of draws: the arm size n (both arms, 1:1 allocation), the study's
 * true effect theta_i ~ N(theta, tau^2), then the arms.  Continuous: both
 * arms normal with SD 1, the control mean 0 and the experimental mean
 * theta_i, so that the true MD and SMD are both theta_i; each arm's mean
 * and SD are drawn from their sampling distributions, mean ~ N(mu, 1/n)
 * and (n - 1) s^2 ~ chi^2(n - 1), independent (as n participants would give
 * them, with n draws fewer).  Binary: control events ~ Bin(n, p0) with p0
 * the baseline risk, experimental events ~ Bin(n, p1) with
 * logit p1 = logit p0 + theta_i (OR) or p1 = min(1, p0 exp(theta_i)) (RR). */
void srw_sim__draw(srw_study_row *rows, const srw_sim_options *o, unsigned k, double tau2, gsl_rng *r)
{
    double tau = sqrt(tau2), p0 = o->baseline_risk;
    double logit0 = log(p0 / (1.0 - p0));
    unsigned span = o->n_max - o->n_min;
    int binary = srw_sim__type(o) == SRW_TYPE_DICHOTOMOUS;
    for (unsigned i = 0; i < k; i++) {
        unsigned n = o->n_min + (span ? (unsigned)gsl_rng_uniform_int(r, (unsigned long)span + 1) : 0);
        double theta = o->effect + (tau > 0.0 ? tau * gsl_ran_gaussian_ziggurat(r, 1.0) : 0.0);
        srw_study_row *row = &rows[i];
        memset(row, 0, sizeof *row);
        row->exp_total = row->ctl_total = n;
        if (binary) {
            double p1 = o->measure == SRW_MEASURE_OR ? 1.0 / (1.0 + exp(-(logit0 + theta)))
                                                     : fmin(1.0, p0 * exp(theta));
            row->ctl_events = gsl_ran_binomial(r, p0, n);
            row->exp_events = gsl_ran_binomial(r, p1, n);
        } else {
            double se = 1.0 / sqrt((double)n), df = (double)n - 1.0;
            row->ctl_mean = se * gsl_ran_gaussian_ziggurat(r, 1.0);
            row->exp_mean = theta + se * gsl_ran_gaussian_ziggurat(r, 1.0);
            row->ctl_sd = sqrt(gsl_ran_chisq(r, df) / df);
            row->exp_sd = sqrt(gsl_ran_chisq(r, df) / df);
        }
    }
}

int srw_sim_draw(srw_study_row *rows, srw_outcome_type *type, const srw_sim_options *o, unsigned k,
                 double tau2, uint64_t rep, srw_error *err)
{
    gsl_rng *r = srw_sim__rng_alloc();
    if (r == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory (a random number generator)");
    srw_sim__rng_seed(r, srw_sim_stream_key(o->seed, k, tau2, rep));
    srw_sim__draw(rows, o, k, tau2, r);
    *type = srw_sim__type(o);
    gsl_rng_free(r);
    return 0;
}
