/* Internal declarations of the simulation engine (src/core/simulate*.c).
 * Not part of the public API. */
#ifndef SRW_SIMULATE_INTERNAL_H
#define SRW_SIMULATE_INTERNAL_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "srw/simulate.h"

/* A GSL generator of srw's own type (xoshiro256**, see simulate_gen.c);
 * NULL when out of memory.  Freed with gsl_rng_free. */
gsl_rng *srw_sim__rng_alloc(void);

/* Seed r (from srw_sim__rng_alloc) with a 64-bit key, all of its bits. */
void srw_sim__rng_seed(gsl_rng *r, uint64_t key);

/* The generator's state set to s as it is (for tests against the
 * reference outputs of xoshiro256**). */
void srw_sim__rng_set_state(gsl_rng *r, const uint64_t s[4]);

/* Draw one replication's k studies from r into rows (k of them): the
 * random-effects model of doc/methods.md, "Simulation". */
void srw_sim__draw(srw_study_row *rows, const srw_sim_options *o, unsigned k, double tau2, gsl_rng *r);

/* The outcome type of o's measure's data. */
srw_outcome_type srw_sim__type(const srw_sim_options *o);

#endif
