/* srw/data.h - the plain data that flows from the store into core.
 *
 * Ownership: every pointer in these structs is borrowed; whoever built the
 * arrays (the store, a test) owns and frees them.  Core never keeps them.
 */
#ifndef SRW_DATA_H
#define SRW_DATA_H

#include <stddef.h>

typedef enum srw_outcome_type {
    SRW_TYPE_NONE = 0,
    SRW_TYPE_DICHOTOMOUS = 1, /* events and total per arm */
    SRW_TYPE_CONTINUOUS = 2,  /* mean, SD and total per arm */
    SRW_TYPE_GENERIC = 3      /* estimate and SE on the analysis scale */
} srw_outcome_type;

typedef enum srw_direction {
    SRW_DIR_UNSET = 0,
    SRW_DIR_LOWER_IS_BETTER = 1,
    SRW_DIR_HIGHER_IS_BETTER = 2
} srw_direction;

/* One study's record for one outcome.  Experimental arm = the intervention
 * (e.g. botulinum toxin), control arm = the comparator (e.g. saline).
 * Only the fields of the outcome's type are meaningful. */
typedef struct srw_study_row {
    const char *study;    /* label, e.g. "Foster 2001" */
    const char *subgroup; /* NULL or "" when none */
    double exp_events, exp_total, ctl_events, ctl_total; /* dichotomous */
    double exp_mean, exp_sd, ctl_mean, ctl_sd;           /* continuous (+ totals) */
    double estimate, se;                                 /* generic */
} srw_study_row;

typedef struct srw_study_set {
    srw_outcome_type type;
    size_t k;                  /* number of rows */
    const srw_study_row *rows; /* k rows, borrowed */
} srw_study_set;

/* "dichotomous" / "continuous" / "generic"; NULL for none. */
const char *srw_outcome_type_name(srw_outcome_type t);
/* Parse the names above; returns SRW_TYPE_NONE when unknown. */
srw_outcome_type srw_outcome_type_parse(const char *s);
const char *srw_direction_name(srw_direction d);
srw_direction srw_direction_parse(const char *s);

#endif
