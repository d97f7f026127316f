/* srw/effect.h - study-level effect sizes (pure functions, no I/O).
 *
 * Every effect is on the analysis scale of its measure (SRW_MEASURE_TABLE's
 * scale): natural log for the ratios OR, RR, PETO and ROM; raw for RD, MD,
 * SMD and generic.  Formulas and their sources are in the comments of
 * src/core/effect.c and in README "Methods".
 */
#ifndef SRW_EFFECT_H
#define SRW_EFFECT_H

#include "srw/data.h"
#include "srw/error.h"

/* How a measure's numbers read. */
typedef enum srw_measure_scale {
    SRW_SCALE_DIFFERENCE = 0, /* analysed and shown as they are (RD, MD, SMD) */
    SRW_SCALE_RATIO,          /* analysed on the natural log scale, shown exponentiated */
    SRW_SCALE_OWN             /* the records' own scale, shown as analysed (generic records) */
} srw_measure_scale;

/* The effect measures: one row each, and every list of measures srw shows
 * or reads (the enum below, --measure's choices, the CSV columns measure
 * and mid_measure, RevMan's names, the forest plot's title) comes from this
 * table (src/core/measure.c), so a measure cannot be known in one place and
 * missing in another.  The order is the order people are shown.
 *   name     as typed and shown ("PETO")
 *   type     the records it applies to
 *   scale    srw_measure_scale
 *   dflt     1 for the default measure of its type (srw_pool_options_resolve)
 *   label    its name in words as RevMan writes it, the forest plot's title
 *            ("Estimate" for generic records, whose measure srw knows not)
 *   revman   RevMan 5's EFFECT_MEASURE for it, NULL when RevMan has none
 *            that srw reproduces (RevMan's ROM is read as no srw measure,
 *            and generic data is GENERIC whatever RevMan calls it) */
#define SRW_MEASURE_TABLE(X)                                                                         \
    X(SRW_MEASURE_OR,      "OR",      DICHOTOMOUS, RATIO,      0, "Odds Ratio",           "OR")      \
    X(SRW_MEASURE_RR,      "RR",      DICHOTOMOUS, RATIO,      1, "Risk Ratio",           "RR")      \
    X(SRW_MEASURE_RD,      "RD",      DICHOTOMOUS, DIFFERENCE, 0, "Risk Difference",      "RD")      \
    X(SRW_MEASURE_PETO,    "PETO",    DICHOTOMOUS, RATIO,      0, "Peto Odds Ratio",      "PETO_OR") \
    X(SRW_MEASURE_MD,      "MD",      CONTINUOUS,  DIFFERENCE, 1, "Mean Difference",      "MD")      \
    X(SRW_MEASURE_SMD,     "SMD",     CONTINUOUS,  DIFFERENCE, 0, "Std. Mean Difference", "SMD")     \
    X(SRW_MEASURE_ROM,     "ROM",     CONTINUOUS,  RATIO,      0, "Ratio of Means",       NULL)      \
    X(SRW_MEASURE_GENERIC, "GENERIC", GENERIC,     OWN,        1, "Estimate",             NULL)

typedef enum srw_measure {
    SRW_MEASURE_DEFAULT = 0, /* resolve from the outcome type / profile */
#define SRW_X_MEASURE(id, name, type, scale, dflt, label, revman) id,
    SRW_MEASURE_TABLE(SRW_X_MEASURE)
#undef SRW_X_MEASURE
} srw_measure;

typedef enum srw_smd_method {
    SRW_SMD_HEDGES = 0, /* RevMan: J = 1 - 3/(4N - 9), SE per RevMan 5 */
    SRW_SMD_HEDGES_EXACT, /* metafor escalc("SMD"): gamma-function J */
    SRW_SMD_COHEN         /* no small-sample correction */
} srw_smd_method;

/* Zero cells in dichotomous data (doc/methods.md, "Zero cells").  The
 * continuity correction of a study with a zero cell (for OR and RR, and
 * for RD's variance): a constant added to every cell (0.5 by default), the
 * treatment-arm continuity correction of Sweeting, Sutton & Lambert (Stat
 * Med 2004;23:1351-1375), n1/N to each cell of the experimental arm and
 * n2/N to each of the control arm, or none (a zero cell then leaves the
 * study without an OR or RR).  A study with no events (or only events) in
 * both arms is excluded or included (with the correction).  DEFAULT, as
 * RevMan 5: the constant 0.5; double zeros excluded for OR, RR and PETO,
 * included for RD (whose RD is 0 from the counts). */
typedef enum srw_cc { SRW_CC_DEFAULT = 0, SRW_CC_CONSTANT, SRW_CC_TACC, SRW_CC_NONE } srw_cc;
typedef enum srw_double_zero {
    SRW_DOUBLE_ZERO_DEFAULT = 0,
    SRW_DOUBLE_ZERO_EXCLUDE,
    SRW_DOUBLE_ZERO_INCLUDE
} srw_double_zero;
typedef struct srw_zero_cells {
    srw_cc cc;
    double value;                /* the constant (> 0); 0 means 0.5 */
    srw_double_zero double_zero;
} srw_zero_cells;
/* The double-zero rule for measure m when z says DEFAULT (RD: include,
 * the others: exclude), else z's. */
srw_double_zero srw_zero_cells_double_zero(const srw_zero_cells *z, srw_measure m);

/* Which zero-cell correction a study needed (bit flags). */
enum {
    SRW_CORR_NONE = 0,
    SRW_CORR_HALF_ADDED = 1,   /* the continuity correction added to the cells (add_exp, add_ctl) */
    SRW_CORR_DOUBLE_ZERO = 2,  /* no events in either arm */
    SRW_CORR_ALL_EVENTS = 4    /* every participant had the event in both arms */
};

typedef struct srw_effect {
    double yi;          /* effect on the analysis scale (NAN if not estimable) */
    double vi;          /* its variance (NAN if not estimable) */
    int estimable;      /* 0 when the study cannot contribute */
    const char *reason; /* static text when not estimable, else NULL */
    int corrections;    /* SRW_CORR_* flags */
    double add_exp, add_ctl; /* the correction added to each cell of either arm; 0 when none */
} srw_effect;

/* --- the measure table --------------------------------------------------------
 * One row of SRW_MEASURE_TABLE, as srw_measures gives it. */
typedef struct srw_measure_info {
    srw_measure measure;
    const char *name;        /* "OR" */
    srw_outcome_type type;   /* the records it applies to */
    srw_measure_scale scale;
    int is_default;          /* the default of its type */
    const char *label;       /* "Odds Ratio" */
    const char *revman;      /* "OR", NULL when RevMan has none srw reproduces */
} srw_measure_info;

/* The table's rows in its order, *n of them (static). */
const srw_measure_info *srw_measures(size_t *n);
/* The row of m; NULL for SRW_MEASURE_DEFAULT or a value out of range. */
const srw_measure_info *srw_measure_info_of(srw_measure m);

/* m's name ("OR"); NULL for SRW_MEASURE_DEFAULT. */
const char *srw_measure_name(srw_measure m);
/* The measure named s (exactly: case counts); SRW_MEASURE_DEFAULT when the
 * table has no such name or s is NULL. */
srw_measure srw_measure_parse(const char *s);
/* 1 when m is analysed on the log scale and shown exponentiated. */
int srw_measure_is_ratio(srw_measure m);
/* Is measure m valid for records of type t? */
int srw_measure_fits_type(srw_measure m, srw_outcome_type t);
/* 1 when m is a measure of arm-level data (dichotomous or continuous): the
 * measures a published result or a MID can be stated in. */
int srw_measure_is_arm_level(srw_measure m);
/* The default measure of records of type t (RR, MD, GENERIC);
 * SRW_MEASURE_DEFAULT when t is no type. */
srw_measure srw_measure_default(srw_outcome_type t);
/* m in words as RevMan writes it ("Std. Mean Difference"), the forest
 * plot's title; NULL for SRW_MEASURE_DEFAULT. */
const char *srw_measure_label(srw_measure m);
/* The row whose RevMan EFFECT_MEASURE is s ("PETO_OR"), exactly; NULL when
 * none is (HR, RATE_RATIO, ROM: RevMan's, not measures srw reproduces). */
const srw_measure_info *srw_measure_from_revman(const char *s);

/* The names of the measures for records of type t, in the table's order,
 * ", " between them and `last` before the last: "OR, RR, RD or PETO" for
 * dichotomous with " or "; SRW_TYPE_NONE lists every measure of arm-level
 * data.  For help texts and errors. */
void srw_measures_text(char *buf, size_t n, srw_outcome_type t, const char *last);
/* Every measure of arm-level data in the order the messages about published
 * results and MIDs have always named them, which doc/csv-format.md uses too:
 * "SMD, MD, RR, OR, RD, PETO" then `last` and "ROM".  The order is those
 * messages' own, kept so that they read as before; the names are the table's
 * (tests/unit/test_measure.c checks that both list the same measures). */
void srw_measures_text_published(char *buf, size_t n, const char *last);

const char *srw_smd_method_name(srw_smd_method m);
int srw_smd_method_parse(srw_smd_method *out, const char *s);

/* One study's effect.  Fails (SRW_EUSAGE) only when the measure does not fit
 * the type; a study that cannot be estimated is a result (estimable = 0),
 * not an error. */
int srw_effect_compute(srw_effect *out, const srw_study_row *row,
                       srw_outcome_type type, srw_measure measure,
                       srw_smd_method smd, srw_error *err);
/* The same with the zero-cell rule z (NULL: DEFAULT, as above). */
int srw_effect_compute_zero(srw_effect *out, const srw_study_row *row, srw_outcome_type type, srw_measure measure,
                            srw_smd_method smd, const srw_zero_cells *z, srw_error *err);

/* The numbers an effect's formula used, beside the effect itself (for
 * srw explain, srw/trace.h); NAN where a measure does not use them. */
typedef struct srw_effect_detail {
    /* Dichotomous: the cells of the 2x2 table the formula used, after the
     * 0.5 correction when one was added (RD: its variance's cells; RD itself
     * is a/n1 - c/n2 of the raw counts). */
    double a, b, c, d, n1, n2;
    double N;                       /* Peto and SMD: n1 + n2 */
    double o_minus_e, v_peto;       /* Peto: O - E and the hypergeometric variance V */
    double sd_pooled, d_cohen, j;   /* SMD: pooled SD s, d = (m1 - m2)/s, g = j d (j = 1 for Cohen's d) */
} srw_effect_detail;

/* srw_effect_compute_zero, also filling *detail (may be NULL: then exactly
 * srw_effect_compute_zero). */
int srw_effect_compute_detail(srw_effect *out, srw_effect_detail *detail, const srw_study_row *row,
                              srw_outcome_type type, srw_measure measure, srw_smd_method smd,
                              const srw_zero_cells *z, srw_error *err);

#endif
