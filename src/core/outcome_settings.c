/* An outcome's settings in a use (srw/record.h, srw_outcome_settings): the
 * one column table that the reader, the importer, the store and the
 * exporter follow, and the rules of a row (doc/csv-format.md, "Outcome
 * settings"). */
#include "srw/record.h"
#include "srw/effect.h"
#include "srw/review.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define OS(f) offsetof(srw_outcome_settings, f)
#define COL(name, kind, f, required) {name, kind, OS(f), required, SRW_OWNER_OUTCOME, 0, 0, 0, 0}
static const srw_column columns[] = {
    COL("use", SRW_FIELD_TEXT, use, 1),
    COL("outcome", SRW_FIELD_TEXT, outcome, 1),
    COL("importance", SRW_FIELD_TEXT, importance, 1),
    COL("mid", SRW_FIELD_NUMBER, mid, 0),
    COL("mid_measure", SRW_FIELD_TEXT, mid_measure, 0),
    COL("mid_source", SRW_FIELD_TEXT, mid_source, 0),
    COL("large", SRW_FIELD_NUMBER, large, 0),
    COL("large_source", SRW_FIELD_TEXT, large_source, 0),
    COL("baseline_low", SRW_FIELD_NUMBER, baseline_low, 0),
    COL("baseline_high", SRW_FIELD_NUMBER, baseline_high, 0),
    COL("baseline_source", SRW_FIELD_TEXT, baseline_source, 0),
    COL("upgrade", SRW_FIELD_INT, upgrade, 0),
    COL("upgrade_reason", SRW_FIELD_TEXT, upgrade_reason, 0),
    COL("review_certainty", SRW_FIELD_TEXT, review_certainty, 0),
    COL("review_risk_of_bias", SRW_FIELD_INT, review_risk_of_bias, 0),
    COL("review_inconsistency", SRW_FIELD_INT, review_inconsistency, 0),
    COL("review_indirectness", SRW_FIELD_INT, review_indirectness, 0),
    COL("review_imprecision", SRW_FIELD_INT, review_imprecision, 0),
    COL("review_publication_bias", SRW_FIELD_INT, review_publication_bias, 0),
    COL("review_risk_of_bias_reason", SRW_FIELD_TEXT, review_risk_of_bias_reason, 0),
    COL("review_inconsistency_reason", SRW_FIELD_TEXT, review_inconsistency_reason, 0),
    COL("review_indirectness_reason", SRW_FIELD_TEXT, review_indirectness_reason, 0),
    COL("review_imprecision_reason", SRW_FIELD_TEXT, review_imprecision_reason, 0),
    COL("review_publication_bias_reason", SRW_FIELD_TEXT, review_publication_bias_reason, 0),
    COL("review_source", SRW_FIELD_TEXT, review_source, 0),
    COL("notes", SRW_FIELD_TEXT, notes, 0),
};

const srw_column *srw_outcome_settings_columns(size_t *n)
{
    *n = sizeof columns / sizeof columns[0];
    return columns;
}

void srw_outcome_settings_init(srw_outcome_settings *o, long line)
{
    memset(o, 0, sizeof *o);
    o->mid = o->large = o->baseline_low = o->baseline_high = NAN;
    o->upgrade = o->review_risk_of_bias = o->review_inconsistency = o->review_indirectness =
        o->review_imprecision = o->review_publication_bias = -1;
    o->line = line;
}

void srw_outcome_settings_dispose(srw_outcome_settings *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (columns[i].kind == SRW_FIELD_TEXT) {
            char **slot = (char **)((char *)o + columns[i].offset);
            free(*slot);
            *slot = NULL;
        }
}

int srw_outcome_settings_copy(srw_outcome_settings *out, const srw_outcome_settings *o)
{
    *out = *o;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (columns[i].kind == SRW_FIELD_TEXT) {
            char **slot = (char **)((char *)out + columns[i].offset);
            *slot = NULL;
        }
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
        if (columns[i].kind != SRW_FIELD_TEXT)
            continue;
        const char *from = *(char *const *)((const char *)o + columns[i].offset);
        char **slot = (char **)((char *)out + columns[i].offset);
        if (from != NULL && (*slot = strdup(from)) == NULL) {
            srw_outcome_settings_dispose(out);
            return -1;
        }
    }
    return 0;
}

const char *srw_importance_name(srw_importance i)
{
    switch (i) {
    case SRW_IMPORTANCE_CRITICAL:
        return "critical";
    case SRW_IMPORTANCE_IMPORTANT:
        return "important";
    case SRW_IMPORTANCE_NOT_IMPORTANT:
        return "not important";
    default:
        return NULL;
    }
}

srw_importance srw_importance_parse(const char *s)
{
    if (s == NULL)
        return SRW_IMPORTANCE_UNSET;
    for (int i = SRW_IMPORTANCE_CRITICAL; i <= SRW_IMPORTANCE_NOT_IMPORTANT; i++)
        if (strcmp(s, srw_importance_name((srw_importance)i)) == 0)
            return (srw_importance)i;
    return strcmp(s, "not_important") == 0 ? SRW_IMPORTANCE_NOT_IMPORTANT : SRW_IMPORTANCE_UNSET;
}

static int fail(srw_error *err, const char *field, const char *fmt, const char *a)
{
    SRW_FAIL(err, SRW_EDATA, fmt, a);
    srw_error_locate(err, NULL, 0, 0, field);
    return SRW_EDATA;
}

static int is_certainty(const char *s)
{
    static const char *const names[] = {"high", "moderate", "low", "very low"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

int srw_outcome_settings_validate(const srw_outcome_settings *o, srw_error *err)
{
    if (o->importance != NULL && srw_importance_parse(o->importance) == SRW_IMPORTANCE_UNSET)
        return fail(err, "importance", "'%s' is not critical, important or not important", o->importance);
    int have_mid = !isnan(o->mid), have_large = !isnan(o->large);
    if (have_mid && !(o->mid > 0))
        return fail(err, "mid", "the MID must be above 0%s", "");
    if (have_large && !(o->large > 0))
        return fail(err, "large", "the large-effect threshold must be above 0%s", "");
    if ((have_mid || have_large) && o->mid_measure == NULL)
        return fail(err, "mid_measure", "a threshold needs its scale: mid_measure (SMD MD RR OR RD PETO ROM%s)",
                    ", or generic");
    if (o->mid_measure != NULL) {
        srw_measure m = srw_measure_parse(o->mid_measure);
        if (m == SRW_MEASURE_DEFAULT)
            return fail(err, "mid_measure", "'%s' is not SMD, MD, RR, OR, RD, PETO, ROM or generic",
                        o->mid_measure);
        if (srw_measure_is_ratio(m) && ((have_mid && o->mid == 1.0) || (have_large && o->large == 1.0)))
            return fail(err, have_mid && o->mid == 1.0 ? "mid" : "large",
                        "a ratio threshold of 1 is no effect%s", "");
        if (have_mid && have_large) {
            double a = srw_measure_is_ratio(m) ? fabs(log(o->mid)) : o->mid;
            double b = srw_measure_is_ratio(m) ? fabs(log(o->large)) : o->large;
            if (!(b > a))
                return fail(err, "large", "a large effect must lie beyond the MID%s", "");
        }
    }
    if (have_mid && o->mid_source == NULL)
        return fail(err, "mid_source", "an MID needs its source (mid_source)%s", "");
    if (have_large && o->large_source == NULL)
        return fail(err, "large_source", "a large-effect threshold needs its source (large_source)%s", "");
    const double b[2] = {o->baseline_low, o->baseline_high};
    const char *bn[2] = {"baseline_low", "baseline_high"};
    for (int i = 0; i < 2; i++)
        if (!isnan(b[i]) && !(b[i] > 0 && b[i] < 1))
            return fail(err, bn[i], "a baseline risk is a proportion above 0 and below 1%s", "");
    if (!isnan(b[0]) && !isnan(b[1]) && !(b[0] < b[1]))
        return fail(err, "baseline_high", "baseline_high must be above baseline_low%s", "");
    if ((!isnan(b[0]) || !isnan(b[1])) && o->baseline_source == NULL)
        return fail(err, "baseline_source", "a baseline risk needs its source (baseline_source)%s", "");
    if (o->upgrade > 2)
        return fail(err, "upgrade", "rating up is 0, 1 or 2 levels%s", "");
    if (o->upgrade > 0 && o->upgrade_reason == NULL)
        return fail(err, "upgrade_reason",
                    "rating up is the reviewer's judgement and needs its reason (large effect, dose-response, "
                    "opposing plausible confounding)%s", "");
    const int rv[5] = {o->review_risk_of_bias, o->review_inconsistency, o->review_indirectness,
                       o->review_imprecision, o->review_publication_bias};
    const char *rn[5] = {"review_risk_of_bias", "review_inconsistency", "review_indirectness",
                         "review_imprecision", "review_publication_bias"};
    const char *rr[5] = {o->review_risk_of_bias_reason, o->review_inconsistency_reason,
                         o->review_indirectness_reason, o->review_imprecision_reason,
                         o->review_publication_bias_reason};
    int any_review = o->review_certainty != NULL;
    for (int i = 0; i < 5; i++)
        any_review |= rr[i] != NULL;
    for (int i = 0; i < 5; i++) {
        if (rv[i] > 2)
            return fail(err, rn[i], "a downgrade is 0, 1 or 2 levels%s", "");
        any_review |= rv[i] >= 0;
    }
    if (o->review_certainty != NULL && !is_certainty(o->review_certainty))
        return fail(err, "review_certainty", "'%s' is not high, moderate, low or very low", o->review_certainty);
    if (any_review && o->review_certainty == NULL)
        return fail(err, "review_certainty", "the review's judgement needs its certainty (review_certainty)%s", "");
    if (any_review && o->review_source == NULL)
        return fail(err, "review_source", "the review's judgement needs its source (review_source)%s", "");
    return 0;
}

const srw_outcome_settings *srw_use_outcome_setting(const srw_use_info *u, const char *outcome)
{
    for (size_t i = 0; u != NULL && outcome != NULL && i < u->n_outcome_settings; i++)
        if (u->outcome_settings[i].outcome && strcmp(u->outcome_settings[i].outcome, outcome) == 0)
            return &u->outcome_settings[i];
    return NULL;
}
