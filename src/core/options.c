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
#include <string.h>

/* One name table per enum; two helpers do the lookups both ways. */
typedef struct name_pair {
    int value;
    const char *name;
} name_pair;

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

static const name_pair profiles[] = {{SRW_PROFILE_COCHRANE, "cochrane"},
                                     {SRW_PROFILE_REVMAN5, "revman5"}};
static const name_pair models[] = {{SRW_MODEL_FIXED, "fixed"}, {SRW_MODEL_RANDOM, "random"}};
static const name_pair methods[] = {
    {SRW_METHOD_IV, "IV"}, {SRW_METHOD_MH, "MH"}, {SRW_METHOD_PETO, "PETO"}};
static const name_pair tau2s[] = {{SRW_TAU2_DL, "DL"}, {SRW_TAU2_REML, "REML"},
                                  {SRW_TAU2_PM, "PM"}, {SRW_TAU2_ML, "ML"},
                                  {SRW_TAU2_SJ, "SJ"}, {SRW_TAU2_HE, "HE"},
                                  {SRW_TAU2_EB, "EB"}};
static const name_pair cis[] = {{SRW_CI_WALD, "wald"}, {SRW_CI_HKSJ, "hksj"}};

static const char *name_of(const name_pair *t, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value == v)
            return t[i].name;
    return NULL;
}

/* The value named s, or -1 when s names none (out untouched then). */
static int value_of(const name_pair *t, size_t n, const char *s)
{
    for (size_t i = 0; s != NULL && i < n; i++)
        if (strcmp(s, t[i].name) == 0)
            return t[i].value;
    return -1;
}

const char *srw_profile_name(srw_profile p) { return name_of(profiles, COUNT(profiles), (int)p); }
const char *srw_model_name(srw_model m) { return name_of(models, COUNT(models), (int)m); }
const char *srw_method_name(srw_method m) { return name_of(methods, COUNT(methods), (int)m); }
const char *srw_tau2_method_name(srw_tau2_method m) { return name_of(tau2s, COUNT(tau2s), (int)m); }
const char *srw_ci_method_name(srw_ci_method m) { return name_of(cis, COUNT(cis), (int)m); }

int srw_profile_parse(srw_profile *out, const char *s)
{
    int v = value_of(profiles, COUNT(profiles), s);
    if (v < 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = (srw_profile)v;
    return 0;
}

int srw_model_parse(srw_model *out, const char *s)
{
    int v = value_of(models, COUNT(models), s);
    if (v < 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = (srw_model)v;
    return 0;
}

int srw_method_parse(srw_method *out, const char *s)
{
    int v = value_of(methods, COUNT(methods), s);
    if (v < 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = (srw_method)v;
    return 0;
}

int srw_tau2_method_parse(srw_tau2_method *out, const char *s)
{
    int v = value_of(tau2s, COUNT(tau2s), s);
    if (v < 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = (srw_tau2_method)v;
    return 0;
}

int srw_ci_method_parse(srw_ci_method *out, const char *s)
{
    int v = value_of(cis, COUNT(cis), s);
    if (v < 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = (srw_ci_method)v;
    return 0;
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
        o->measure = type == SRW_TYPE_DICHOTOMOUS   ? SRW_MEASURE_RR
                     : type == SRW_TYPE_CONTINUOUS ? SRW_MEASURE_MD
                                                   : SRW_MEASURE_GENERIC;
    if (!srw_measure_fits_type(o->measure, type))
        return SRW_FAIL(err, SRW_EUSAGE,
                        "measure %s does not fit %s data (use OR, RR, RD or PETO "
                        "for dichotomous, MD, SMD or ROM for continuous data)",
                        srw_measure_name(o->measure) ? srw_measure_name(o->measure) : "?",
                        srw_outcome_type_name(type));
    if (srw_smd_method_name(o->smd) == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "unknown SMD method %d", (int)o->smd);
    if (!(o->level > 0.0 && o->level < 100.0))
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
    if (o->ci == SRW_CI_HKSJ && o->model == SRW_MODEL_FIXED &&
        o->method != SRW_METHOD_IV)
        return SRW_FAIL(err, SRW_EUSAGE,
                        "the HKSJ interval needs inverse-variance weights: use "
                        "--method IV or --model random with --ci hksj");
    return 0;
}
