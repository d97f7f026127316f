/* Pool options: names, parsing and resolution of profile defaults.
 * See include/srw/pool.h.
 *
 * Profiles (README "Methods"):
 *   revman5  - RevMan 5: fixed effect unless --model random is given (RevMan's
 *              own default for a new analysis); Mantel-Haenszel for
 *              dichotomous OR/RR/RD, Peto for the Peto OR, inverse variance
 *              otherwise; DerSimonian-Laird; Wald intervals.
 *   cochrane - current Cochrane Handbook guidance (chapter 10.10.4): random
 *              effects, REML, Hartung-Knapp-Sidik-Jonkman intervals and a
 *              prediction interval; with --model fixed, MH for OR/RR/RD and
 *              Peto for the Peto OR (as metafor rma.mh / rma.peto), Wald.
 */
#include "srw/pool.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"

/* One table per list of choices (README "Methods"): every name, its parse
 * and the text that offers the list (help, errors) come from it, so a name
 * cannot be accepted in one place and missing from the list in another.
 * The order is the order people are shown. */
#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

static const srw_choice profile_items[] = {
    {SRW_PROFILE_COCHRANE, "cochrane", "default: REML, HKSJ, PI", 0},
    {SRW_PROFILE_REVMAN5, "revman5", "RevMan 5 exactly", 0},
};
/* The measure table's rows (srw/effect.h), in its order.  GENERIC is the
 * records' own scale: taken from generic records, never a choice to offer
 * for arm-level data. */
static const srw_choice measure_items[] = {
#define SRW_X_MEASURE(id, name, type, scale, dflt, label, revman)                                          \
    {id, name, NULL, SRW_TYPE_##type == SRW_TYPE_GENERIC},
    SRW_MEASURE_TABLE(SRW_X_MEASURE)
#undef SRW_X_MEASURE
};
static const srw_choice smd_items[] = {
    {SRW_SMD_HEDGES, "hedges", "RevMan, default", 0},
    {SRW_SMD_HEDGES_EXACT, "hedges-exact", "metafor", 0},
    {SRW_SMD_COHEN, "cohen", NULL, 0},
};
static const srw_choice model_items[] = {
    {SRW_MODEL_FIXED, "fixed", NULL, 0},
    {SRW_MODEL_RANDOM, "random", NULL, 0},
};
static const srw_choice method_items[] = {
    {SRW_METHOD_IV, "IV", NULL, 0},
    {SRW_METHOD_MH, "MH", NULL, 0},
    {SRW_METHOD_PETO, "PETO", NULL, 0},
};
static const srw_choice tau2_items[] = {
    {SRW_TAU2_DL, "DL", NULL, 0}, {SRW_TAU2_REML, "REML", NULL, 0}, {SRW_TAU2_PM, "PM", NULL, 0},
    {SRW_TAU2_ML, "ML", NULL, 0}, {SRW_TAU2_SJ, "SJ", NULL, 0},     {SRW_TAU2_HE, "HE", NULL, 0},
    {SRW_TAU2_EB, "EB", NULL, 0},
};
static const srw_choice ci_items[] = {
    {SRW_CI_WALD, "wald", NULL, 0},
    {SRW_CI_HKSJ, "hksj", NULL, 0},
};

/* --cc: a constant is any number in (0, 1] (srw_pool_options_choose);
 * "0.5" is the one offered. */
static const srw_choice cc_items[] = {
    {SRW_CC_CONSTANT, "0.5", "default; or another constant", 0},
    {SRW_CC_TACC, "tacc", "treatment-arm, Sweeting 2004", 0},
    {SRW_CC_NONE, "none", NULL, 0},
};
static const srw_choice double_zero_items[] = {
    {SRW_DOUBLE_ZERO_EXCLUDE, "exclude", "default, RD: include", 0},
    {SRW_DOUBLE_ZERO_INCLUDE, "include", NULL, 0},
};
static const srw_choice multi_arm_items[] = {
    {SRW_MULTI_ARM_COMBINE, "combine", "default", 0},
    {SRW_MULTI_ARM_SPLIT, "split", NULL, 0},
    {SRW_MULTI_ARM_SEPARATE, "separate", "as RevMan 5: the control counted per arm", 0},
};

static const srw_choices lists[SRW_CHOICES_N] = {
    [SRW_CHOICES_PROFILE] = {"profile", profile_items, COUNT(profile_items), NULL},
    [SRW_CHOICES_MEASURE] = {"measure", measure_items, COUNT(measure_items), NULL},
    [SRW_CHOICES_SMD] = {"smd", smd_items, COUNT(smd_items), NULL},
    [SRW_CHOICES_MODEL] = {"model", model_items, COUNT(model_items), NULL},
    [SRW_CHOICES_METHOD] = {"method", method_items, COUNT(method_items), "fixed-effect method"},
    [SRW_CHOICES_TAU2] = {"tau2", tau2_items, COUNT(tau2_items), NULL},
    [SRW_CHOICES_CI] = {"ci", ci_items, COUNT(ci_items), NULL},
    [SRW_CHOICES_CC] = {"cc", cc_items, COUNT(cc_items), "continuity correction of a zero cell"},
    [SRW_CHOICES_DOUBLE_ZERO] = {"double-zero", double_zero_items, COUNT(double_zero_items),
                                 "studies without events in both arms"},
    [SRW_CHOICES_MULTI_ARM] = {"multi-arm", multi_arm_items, COUNT(multi_arm_items),
                               "several intervention arms against one control"},
};

const srw_choices *srw_choices_of(srw_choice_list l)
{
    return (unsigned)l < SRW_CHOICES_N ? &lists[l] : NULL;
}

const char *srw_choices_name(const srw_choices *c, int value)
{
    for (size_t i = 0; c != NULL && i < c->n; i++)
        if (c->items[i].value == value)
            return c->items[i].name;
    return NULL;
}

/* Any letter case: people type --tau2 reml and --model Random, and no two
 * names of a list differ only in case. */
int srw_choices_value(const srw_choices *c, const char *s)
{
    for (size_t i = 0; c != NULL && s != NULL && i < c->n; i++)
        if (strcasecmp(s, c->items[i].name) == 0)
            return c->items[i].value;
    return -1;
}

void srw_choices_text(char *buf, size_t n, const srw_choices *c, int with_notes)
{
    if (n == 0)
        return;
    buf[0] = '\0';
    if (c == NULL)
        return;
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += !c->items[i].hidden;
    for (size_t i = 0; i < c->n; i++) {
        const srw_choice *it = &c->items[i];
        if (it->hidden)
            continue;
        const char *sep = shown == 0 ? "" : shown + 1 == total ? " or " : ", ";
        srw_core__appendf(buf, n, "%s%s", sep, it->name);
        if (with_notes && it->note != NULL)
            srw_core__appendf(buf, n, " (%s)", it->note);
        shown++;
    }
    if (with_notes && c->note != NULL)
        srw_core__appendf(buf, n, " (%s)", c->note);
}

/* A constant correction as typed: a number in (0, 1]. */
static int cc_constant(const char *s, double *out)
{
    char *end = NULL;
    if (s == NULL || *s == '\0')
        return 0;
    double x = strtod(s, &end);
    if (*end != '\0' || !(x > 0.0 && x <= 1.0))
        return 0;
    *out = x;
    return 1;
}

int srw_pool_options_choose(srw_pool_options *o, srw_choice_list l, const char *name)
{
    int v = srw_choices_value(srw_choices_of(l), name);
    double x = 0.0;
    if (l == SRW_CHOICES_CC && v < 0 && cc_constant(name, &x))
        v = SRW_CC_CONSTANT;
    if (v < 0 || o == NULL)
        return SRW_EUSAGE;
    if (l == SRW_CHOICES_CC)
        o->cc_value = v == SRW_CC_CONSTANT ? (x > 0.0 ? x : 0.5) : 0.0;
    switch (l) {
    case SRW_CHOICES_PROFILE: o->profile = (srw_profile)v; break;
    case SRW_CHOICES_MEASURE: o->measure = (srw_measure)v; break;
    case SRW_CHOICES_SMD: o->smd = (srw_smd_method)v; break;
    case SRW_CHOICES_MODEL: o->model = (srw_model)v; break;
    case SRW_CHOICES_METHOD: o->method = (srw_method)v; break;
    case SRW_CHOICES_TAU2: o->tau2 = (srw_tau2_method)v; break;
    case SRW_CHOICES_CI: o->ci = (srw_ci_method)v; break;
    case SRW_CHOICES_CC: o->cc = (srw_cc)v; break;
    case SRW_CHOICES_DOUBLE_ZERO: o->double_zero = (srw_double_zero)v; break;
    case SRW_CHOICES_MULTI_ARM: o->multi_arm = (srw_multi_arm)v; break;
    default: return SRW_EUSAGE;
    }
    return 0;
}

/* The per-enum names and parsers every caller knows, over the tables. */
static const char *name_in(srw_choice_list l, int v)
{
    return srw_choices_name(&lists[l], v);
}

/* 0 and *out set when s names a value of list l; SRW_EUSAGE (out untouched)
 * when not. */
static int parse_in(srw_choice_list l, const char *s, int *v)
{
    *v = srw_choices_value(&lists[l], s);
    return *v < 0 ? SRW_EUSAGE : 0;
}

#define PARSER(fn, type, list)                                                                     \
    int fn(type *out, const char *s)                                                               \
    {                                                                                              \
        int v;                                                                                     \
        if (parse_in(list, s, &v) != 0)                                                            \
            return SRW_EUSAGE;                                                                     \
        if (out != NULL)                                                                           \
            *out = (type)v;                                                                        \
        return 0;                                                                                  \
    }
PARSER(srw_profile_parse, srw_profile, SRW_CHOICES_PROFILE)
PARSER(srw_smd_method_parse, srw_smd_method, SRW_CHOICES_SMD)
PARSER(srw_model_parse, srw_model, SRW_CHOICES_MODEL)
PARSER(srw_method_parse, srw_method, SRW_CHOICES_METHOD)
PARSER(srw_tau2_method_parse, srw_tau2_method, SRW_CHOICES_TAU2)
PARSER(srw_ci_method_parse, srw_ci_method, SRW_CHOICES_CI)
#undef PARSER

/* srw_measure_name and srw_measure_parse read the measure table itself
 * (src/core/measure.c), as this list does. */
const char *srw_profile_name(srw_profile p) { return name_in(SRW_CHOICES_PROFILE, (int)p); }
const char *srw_smd_method_name(srw_smd_method m) { return name_in(SRW_CHOICES_SMD, (int)m); }
const char *srw_model_name(srw_model m) { return name_in(SRW_CHOICES_MODEL, (int)m); }
const char *srw_method_name(srw_method m) { return name_in(SRW_CHOICES_METHOD, (int)m); }
const char *srw_tau2_method_name(srw_tau2_method m) { return name_in(SRW_CHOICES_TAU2, (int)m); }
const char *srw_ci_method_name(srw_ci_method m) { return name_in(SRW_CHOICES_CI, (int)m); }

const char *srw_double_zero_name(srw_double_zero d) { return name_in(SRW_CHOICES_DOUBLE_ZERO, (int)d); }
const char *srw_multi_arm_name(srw_multi_arm m) { return name_in(SRW_CHOICES_MULTI_ARM, (int)m); }

srw_zero_cells srw_pool_zero_cells(const srw_pool_options *o)
{
    srw_zero_cells z = {o->cc, o->cc_value, o->double_zero};
    return z;
}

void srw_cc_text(char *buf, size_t n, const srw_pool_options *o)
{
    if (o->cc == SRW_CC_CONSTANT || o->cc == SRW_CC_DEFAULT)
        snprintf(buf, n, "%g", o->cc_value > 0.0 ? o->cc_value : 0.5);
    else
        snprintf(buf, n, "%s", name_in(SRW_CHOICES_CC, (int)o->cc));
}

void srw_zero_cells_words(char *buf, size_t n, const srw_pool_options *o)
{
    char c[32];
    srw_cc_text(c, sizeof c, o);
    srw_zero_cells z = srw_pool_zero_cells(o);
    int include = srw_zero_cells_double_zero(&z, o->measure) == SRW_DOUBLE_ZERO_INCLUDE;
    const char *cells = o->cc == SRW_CC_NONE ? "no continuity correction of a zero cell"
                        : o->cc == SRW_CC_TACC ? "the treatment-arm continuity correction (Sweeting 2004) added to "
                                                 "the cells of a study with a zero cell"
                                               : NULL;
    if (cells != NULL)
        snprintf(buf, n, "%s; studies without events (or with only events) in both arms %s", cells,
                 include ? "included" : "excluded");
    else
        snprintf(buf, n, "%s added to each cell of a study with a zero cell; studies without events (or with only "
                         "events) in both arms %s", c, include ? "included" : "excluded");
}

void srw_i2_text(char *buf, size_t n, double i2)
{
    if (!isfinite(i2))
        snprintf(buf, n, "-");
    else if ((i2 >= 49.5 && i2 < 50.0) || (i2 >= 74.5 && i2 < 75.0))
        snprintf(buf, n, "%.1f%%", i2);
    else
        snprintf(buf, n, "%.0f%%", i2);
}

int srw_pool_shows_pi(const srw_pool_options *o)
{
    return o != NULL && o->profile != SRW_PROFILE_REVMAN5;
}

const char *srw_totals_text(srw_totals t)
{
    return t == SRW_TOTALS_SUB ? "subtotals only" : t == SRW_TOTALS_NONE ? "no totals" : "total and subtotals";
}

int srw_pool_level_valid(double level)
{
    return level > 0.0 && level < 100.0;
}

int srw_pool_options_resolve(srw_pool_options *o, srw_outcome_type type,
                             srw_error *err)
{
    if (o == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "no pool options given");
    if (srw_profile_name(o->profile) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown profile %d", (int)o->profile);
    if (srw_outcome_type_name(type) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "the outcome has no data type");
    int rm5 = (o->profile == SRW_PROFILE_REVMAN5);

    if (o->measure == SRW_MEASURE_DEFAULT)
        o->measure = srw_measure_default(type);
    if (!srw_measure_fits_type(o->measure, type)) {
        char dich[64], cont[64];
        srw_measures_text(dich, sizeof dich, SRW_TYPE_DICHOTOMOUS, " or ");
        srw_measures_text(cont, sizeof cont, SRW_TYPE_CONTINUOUS, " or ");
        return SRW_FAIL(err, SRW_EUSAGE,
                        "measure %s does not fit %s data (use %s for dichotomous, %s for continuous data)",
                        srw_measure_name(o->measure) ? srw_measure_name(o->measure) : "?",
                        srw_outcome_type_name(type), dich, cont);
    }
    if (srw_smd_method_name(o->smd) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown SMD method %d", (int)o->smd);
    if (!srw_pool_level_valid(o->level))
        return SRW_FAIL(err, SRW_EUSAGE,
                        "confidence level %g is not between 0 and 100 (exclusive)",
                        o->level);
    if (o->max_iter < 1)
        return SRW_FAIL(err, SRW_EUSAGE, "max_iter must be at least 1, not %d",
                        o->max_iter);
    if (!(o->tol > 0.0) || !isfinite(o->tol))
        return SRW_FAIL(err, SRW_EUSAGE, "tolerance must be positive, not %g", o->tol);

    if (o->model == SRW_MODEL_DEFAULT)
        o->model = rm5 ? SRW_MODEL_FIXED : SRW_MODEL_RANDOM;
    if (srw_model_name(o->model) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown model %d", (int)o->model);

    int mh_measure = (o->measure == SRW_MEASURE_OR || o->measure == SRW_MEASURE_RR ||
                      o->measure == SRW_MEASURE_RD);
    if (o->method == SRW_METHOD_DEFAULT) {
        if (o->measure == SRW_MEASURE_PETO && (rm5 || o->model == SRW_MODEL_FIXED))
            o->method = SRW_METHOD_PETO;
        else if (mh_measure && (rm5 || o->model == SRW_MODEL_FIXED))
            o->method = SRW_METHOD_MH;
        else
            o->method = SRW_METHOD_IV;
    }
    if (srw_method_name(o->method) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown method %d", (int)o->method);
    if (o->method == SRW_METHOD_MH && !mh_measure)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "method MH needs measure OR, RR or RD, not %s",
                        srw_measure_name(o->measure));
    if (o->method == SRW_METHOD_PETO && o->measure != SRW_MEASURE_PETO)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "method PETO needs measure PETO, not %s",
                        srw_measure_name(o->measure));

    if (o->tau2 == SRW_TAU2_DEFAULT)
        o->tau2 = rm5 ? SRW_TAU2_DL : SRW_TAU2_REML;
    if (srw_tau2_method_name(o->tau2) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown tau^2 estimator %d", (int)o->tau2);

    if (o->ci == SRW_CI_DEFAULT)
        o->ci = (!rm5 && o->model == SRW_MODEL_RANDOM) ? SRW_CI_HKSJ : SRW_CI_WALD;
    if (srw_ci_method_name(o->ci) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown CI method %d", (int)o->ci);
    if (o->totals == SRW_TOTALS_DEFAULT)
        o->totals = SRW_TOTALS_ALL;
    if (o->totals != SRW_TOTALS_ALL && o->totals != SRW_TOTALS_SUB && o->totals != SRW_TOTALS_NONE)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown totals setting %d", (int)o->totals);
    if (o->cc == SRW_CC_DEFAULT)
        o->cc = SRW_CC_CONSTANT;
    if (srw_choices_name(&lists[SRW_CHOICES_CC], (int)o->cc) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown continuity correction %d", (int)o->cc);
    if (o->cc == SRW_CC_CONSTANT && !(o->cc_value > 0.0))
        o->cc_value = 0.5;
    if (o->cc != SRW_CC_CONSTANT)
        o->cc_value = 0.0;
    if (!(o->cc_value >= 0.0 && o->cc_value <= 1.0))
        return SRW_FAIL(err, SRW_EUSAGE, "the continuity correction must be a number in (0, 1], not %g", o->cc_value);
    if (o->double_zero == SRW_DOUBLE_ZERO_DEFAULT) {
        srw_zero_cells z = srw_pool_zero_cells(o);
        o->double_zero = srw_zero_cells_double_zero(&z, o->measure);
    }
    if (srw_double_zero_name(o->double_zero) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown double-zero rule %d", (int)o->double_zero);
    if (o->multi_arm == SRW_MULTI_ARM_DEFAULT)
        o->multi_arm = SRW_MULTI_ARM_COMBINE;
    if (srw_multi_arm_name(o->multi_arm) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown multi-arm rule %d", (int)o->multi_arm);
    if (o->ci == SRW_CI_HKSJ && o->model == SRW_MODEL_FIXED &&
        o->method != SRW_METHOD_IV)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the HKSJ interval needs inverse-variance weights: use "
                        "--method IV or --model random with --ci hksj");
    return 0;
}
