/* srw/effect.h - study-level effect sizes (pure functions, no I/O).
 *
 * Every effect is on the analysis scale: natural log for OR, RR, PETO and
 * ROM; raw for RD, MD, SMD and generic.  Formulas and their sources are in
 * the comments of src/core/effect.c and in README "Methods".
 */
#ifndef SRW_EFFECT_H
#define SRW_EFFECT_H

#include "srw/data.h"
#include "srw/error.h"

typedef enum srw_measure {
    SRW_MEASURE_DEFAULT = 0, /* resolve from the outcome type / profile */
    SRW_MEASURE_OR,
    SRW_MEASURE_RR,
    SRW_MEASURE_RD,
    SRW_MEASURE_PETO, /* Peto odds ratio */
    SRW_MEASURE_MD,
    SRW_MEASURE_SMD,
    SRW_MEASURE_ROM,    /* ratio of means */
    SRW_MEASURE_GENERIC /* the records' own scale (generic records) */
} srw_measure;

typedef enum srw_smd_method {
    SRW_SMD_HEDGES = 0, /* RevMan: J = 1 - 3/(4N - 9), SE per RevMan 5 */
    SRW_SMD_HEDGES_EXACT, /* metafor escalc("SMD"): gamma-function J */
    SRW_SMD_COHEN         /* no small-sample correction */
} srw_smd_method;

/* Which zero-cell correction a study needed (bit flags). */
enum {
    SRW_CORR_NONE = 0,
    SRW_CORR_HALF_ADDED = 1,   /* 0.5 added to all four cells */
    SRW_CORR_DOUBLE_ZERO = 2,  /* no events in either arm */
    SRW_CORR_ALL_EVENTS = 4    /* every participant had the event in both arms */
};

typedef struct srw_effect {
    double yi;          /* effect on the analysis scale (NAN if not estimable) */
    double vi;          /* its variance (NAN if not estimable) */
    int estimable;      /* 0 when the study cannot contribute */
    const char *reason; /* static text when not estimable, else NULL */
    int corrections;    /* SRW_CORR_* flags */
} srw_effect;

/* Canonical names ("OR", "RR", ...; the tables of every list of choices,
 * srw/pool.h), parse returns SRW_MEASURE_DEFAULT on unknown text.  srw_measure_is_ratio: analysed on the log scale. */
const char *srw_measure_name(srw_measure m);
srw_measure srw_measure_parse(const char *s);
int srw_measure_is_ratio(srw_measure m);
const char *srw_smd_method_name(srw_smd_method m);
int srw_smd_method_parse(srw_smd_method *out, const char *s);

/* Is measure m valid for records of type t? */
int srw_measure_fits_type(srw_measure m, srw_outcome_type t);

/* One study's effect.  Fails (SRW_EUSAGE) only when the measure does not fit
 * the type; a study that cannot be estimated is a result (estimable = 0),
 * not an error. */
int srw_effect_compute(srw_effect *out, const srw_study_row *row,
                       srw_outcome_type type, srw_measure measure,
                       srw_smd_method smd, srw_error *err);

#endif
