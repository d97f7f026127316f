/* The one rule set for records (import and entry alike): see
 * include/srw/record.h.  Pure: no I/O. */
#include "srw/record.h"
#include "srw/decimal.h"
#include "srw/effect.h"
#include "srw/rob.h"
#include "util/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const certainties[] = {"high", "moderate", "low", "very low", NULL};

static int in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static const char *const rob_columns[SRW_ROB_N] = {
#define SRW_X_ROB(id, col, label) col,
    SRW_ROB_TABLE(SRW_X_ROB)
#undef SRW_X_ROB
};
static const char *const rob_labels[SRW_ROB_N] = {
#define SRW_X_ROB(id, col, label) label,
    SRW_ROB_TABLE(SRW_X_ROB)
#undef SRW_X_ROB
};

const char *srw_rob_domain_column(srw_rob_domain d)
{
    return (unsigned)d < SRW_ROB_N ? rob_columns[d] : NULL;
}

static const char *const rob_support_columns[SRW_ROB_N] = {
#define SRW_X_ROB(id, col, label) col "_support",
    SRW_ROB_TABLE(SRW_X_ROB)
#undef SRW_X_ROB
};

const char *srw_rob_support_column(srw_rob_domain d)
{
    return (unsigned)d < SRW_ROB_N ? rob_support_columns[d] : NULL;
}

const char *srw_rob_domain_label(srw_rob_domain d)
{
    return (unsigned)d < SRW_ROB_N ? rob_labels[d] : NULL;
}

const char *srw_rob_judgement_name(srw_rob_judgement j)
{
    switch (j) {
    case SRW_ROB_LOW:
        return "low";
    case SRW_ROB_HIGH:
        return "high";
    case SRW_ROB_UNCLEAR:
        return "unclear";
    default:
        return NULL;
    }
}

srw_rob_judgement srw_rob_judgement_parse(const char *s)
{
    if (s == NULL)
        return SRW_ROB_UNSET;
    if (strcmp(s, "low") == 0)
        return SRW_ROB_LOW;
    if (strcmp(s, "high") == 0)
        return SRW_ROB_HIGH;
    if (strcmp(s, "unclear") == 0)
        return SRW_ROB_UNCLEAR;
    return SRW_ROB_UNSET;
}

static int is_count(double x)
{
    return isfinite(x) && x >= 0 && x == floor(x) && x < 1e15;
}

/* A rule broken in one field. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int bad(srw_error *err, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg) /* a value quoted whole, or cut on a character */
        msg[srw_utf8_prefix(msg, sizeof msg - 1)] = '\0';
    va_end(ap);
    SRW_FAIL(err, SRW_EDATA, "%s", msg);
    srw_error_locate(err, NULL, 0, 0, field);
    return SRW_EDATA;
}

static int need(srw_error *err, const char *field, double v, const char *type)
{
    if (isnan(v)) {
        SRW_FAIL(err, SRW_EDATA, "a %s record needs %s", type, field);
        srw_error_locate(err, NULL, 0, 0, field);
        return SRW_EDATA;
    }
    return 0;
}

static int forbid(srw_error *err, const char *field, double v, const char *type)
{
    if (!isnan(v)) {
        SRW_FAIL(err, SRW_EDATA,
                 "a %s record has no %s (leave it empty, or change type)", type, field);
        srw_error_locate(err, NULL, 0, 0, field);
        return SRW_EDATA;
    }
    return 0;
}

static int check_total(srw_error *err, const char *field, double n)
{
    if (isfinite(n) && n >= 1e15 && n == floor(n))
        return bad(err, field, "%g participants is more than srw counts (below 10^15)", n);
    if (!is_count(n))
        return bad(err, field, "%g is not a whole number of participants", n);
    if (n < 1)
        return bad(err, field, "total must be at least 1 (got %g)", n);
    return 0;
}

static int check_dich(const srw_record *r, srw_error *err)
{
    const char *t = "dichotomous";
    int rc;
    if ((rc = need(err, "exp_events", r->exp_events, t)) || (rc = need(err, "exp_total", r->exp_total, t)) ||
        (rc = need(err, "ctl_events", r->ctl_events, t)) || (rc = need(err, "ctl_total", r->ctl_total, t)))
        return rc;
    if ((rc = forbid(err, "exp_mean", r->exp_mean, t)) || (rc = forbid(err, "exp_sd", r->exp_sd, t)) ||
        (rc = forbid(err, "ctl_mean", r->ctl_mean, t)) || (rc = forbid(err, "ctl_sd", r->ctl_sd, t)) ||
        (rc = forbid(err, "estimate", r->estimate, t)) || (rc = forbid(err, "se", r->se, t)))
        return rc;
    if (!is_count(r->exp_events))
        return bad(err, "exp_events", "%g is not a non-negative whole number of events", r->exp_events);
    if (!is_count(r->ctl_events))
        return bad(err, "ctl_events", "%g is not a non-negative whole number of events", r->ctl_events);
    if ((rc = check_total(err, "exp_total", r->exp_total)) || (rc = check_total(err, "ctl_total", r->ctl_total)))
        return rc;
    if (r->exp_events > r->exp_total)
        return bad(err, "exp_events", "%g events exceed exp_total %g", r->exp_events, r->exp_total);
    if (r->ctl_events > r->ctl_total)
        return bad(err, "ctl_events", "%g events exceed ctl_total %g", r->ctl_events, r->ctl_total);
    return 0;
}

static int check_arm(srw_error *err, const char *mean_f, const char *sd_f, const char *n_f,
                     double mean, double sd, double n)
{
    int rc;
    if (!isfinite(mean))
        return bad(err, mean_f, "mean must be a finite number (got %g)", mean);
    if (!isfinite(sd) || sd < 0)
        return bad(err, sd_f, "SD must be a finite number >= 0 (got %g)", sd);
    if ((rc = check_total(err, n_f, n)))
        return rc;
    if (sd == 0 && n > 1)
        return bad(err, sd_f, "SD is 0 with %g participants: an SD of exactly 0 is not possible for a real sample", n);
    return 0;
}

static int check_cont(const srw_record *r, srw_error *err)
{
    const char *t = "continuous";
    int rc;
    if ((rc = need(err, "exp_mean", r->exp_mean, t)) || (rc = need(err, "exp_sd", r->exp_sd, t)) ||
        (rc = need(err, "exp_total", r->exp_total, t)) || (rc = need(err, "ctl_mean", r->ctl_mean, t)) ||
        (rc = need(err, "ctl_sd", r->ctl_sd, t)) || (rc = need(err, "ctl_total", r->ctl_total, t)))
        return rc;
    if ((rc = forbid(err, "exp_events", r->exp_events, t)) || (rc = forbid(err, "ctl_events", r->ctl_events, t)) ||
        (rc = forbid(err, "estimate", r->estimate, t)) || (rc = forbid(err, "se", r->se, t)))
        return rc;
    if ((rc = check_arm(err, "exp_mean", "exp_sd", "exp_total", r->exp_mean, r->exp_sd, r->exp_total)))
        return rc;
    return check_arm(err, "ctl_mean", "ctl_sd", "ctl_total", r->ctl_mean, r->ctl_sd, r->ctl_total);
}

static int check_generic(const srw_record *r, srw_error *err)
{
    const char *t = "generic";
    int rc;
    if ((rc = need(err, "estimate", r->estimate, t)) || (rc = need(err, "se", r->se, t)))
        return rc;
    if ((rc = forbid(err, "exp_events", r->exp_events, t)) || (rc = forbid(err, "ctl_events", r->ctl_events, t)) ||
        (rc = forbid(err, "exp_mean", r->exp_mean, t)) || (rc = forbid(err, "exp_sd", r->exp_sd, t)) ||
        (rc = forbid(err, "ctl_mean", r->ctl_mean, t)) || (rc = forbid(err, "ctl_sd", r->ctl_sd, t)))
        return rc;
    if (!isfinite(r->estimate))
        return bad(err, "estimate", "estimate must be a finite number (got %g)", r->estimate);
    if (!isfinite(r->se) || r->se <= 0)
        return bad(err, "se", "se must be a finite number > 0 (got %g)", r->se);
    if (!isnan(r->exp_total) && (rc = check_total(err, "exp_total", r->exp_total)))
        return rc;
    if (!isnan(r->ctl_total) && (rc = check_total(err, "ctl_total", r->ctl_total)))
        return rc;
    return 0;
}

static int empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* The fields the warnings read: the study's randomised total, the outcome's
 * declared scale range, change score or final value. */
static int check_extras(const srw_record *r, srw_error *err)
{
    if (r->randomised < 0 || r->randomised > 1000000000L)
        return bad(err, "randomised", "the number randomised must be a whole number of at least 1 (got %ld)",
                   r->randomised);
    if (r->has_scale) {
        if (isnan(r->scale_min) || isnan(r->scale_max))
            return bad(err, isnan(r->scale_min) ? "scale_min" : "scale_max",
                       "a scale range needs both scale_min and scale_max (or neither)");
        if (!isfinite(r->scale_min) || !isfinite(r->scale_max))
            return bad(err, !isfinite(r->scale_min) ? "scale_min" : "scale_max",
                       "the scale range must be finite numbers");
        if (r->scale_min >= r->scale_max)
            return bad(err, "scale_min", "scale_min %g must be below scale_max %g", r->scale_min, r->scale_max);
        if (r->type == SRW_TYPE_DICHOTOMOUS || r->type == SRW_TYPE_GENERIC)
            return bad(err, "scale_min", "a scale range is declared for continuous outcomes (means), not %s ones",
                       r->type == SRW_TYPE_GENERIC ? "generic" : srw_outcome_type_name(r->type));
    }
    if (r->measured_as != NULL) {
        if (strcmp(r->measured_as, "change") != 0 && strcmp(r->measured_as, "final") != 0)
            return bad(err, "measured_as", "'%s' is not change or final", r->measured_as);
        if (r->type == SRW_TYPE_DICHOTOMOUS || r->type == SRW_TYPE_GENERIC)
            return bad(err, "measured_as", "measured_as is for continuous records (means), not %s ones",
                       r->type == SRW_TYPE_GENERIC ? "generic" : srw_outcome_type_name(r->type));
    }
    return 0;
}

/* 1 (and err) when v holds a control character other than a tab or a line
 * break: a name shown in every output, where one is an encoding accident. */
static int control_char(const char *field, const char *v, srw_error *err)
{
    for (const unsigned char *c = (const unsigned char *)v; *c; c++)
        if ((*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') || *c == 0x7f) {
            bad(err, field, "%s '%s' holds a control character (byte 0x%02x)", field, v, *c);
            return 1;
        }
    return 0;
}

int srw_record_year_check(int year, srw_error *err)
{
    if (year != 0 && (year < 1900 || year > 2100))
        return bad(err, "year", "year %d is not a plausible publication year (1900-2100)", year);
    return 0;
}

int srw_record_validate(const srw_record *r, srw_error *err)
{
    static const struct {
        const char *name;
        size_t off;
    } required[] = {
        {"study", offsetof(srw_record, study)},
        {"use", offsetof(srw_record, use)},
        {"outcome", offsetof(srw_record, outcome)},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *v = *(char *const *)(const void *)((const char *)r + required[i].off);
        if (empty(v)) {
            SRW_FAIL(err, SRW_EDATA, "required field is empty");
            srw_error_locate(err, NULL, 0, 0, required[i].name);
            return SRW_EDATA;
        }
        if (control_char(required[i].name, v, err))
            return SRW_EDATA;
    }
    if (srw_record_year_check(r->year, err) != 0)
        return SRW_EDATA;
    for (int d = 0; d < SRW_ROB_N; d++)
        if (r->rob_support[d] != NULL && r->rob[d] == SRW_ROB_UNSET)
            return bad(err, rob_support_columns[d], "support for a judgement that the row does not give: fill in %s",
                       rob_columns[d]);
    for (int d = 0; d < SRW_ROB2_N; d++)
        if (r->rob2_support[d] != NULL && r->rob2[d] == SRW_ROB2_UNSET)
            return bad(err, srw_rob2_support_column(d), "support for a judgement that the row does not give: fill in %s",
                       srw_rob2_item_column(d));
    for (int i = 0; i < SRW_ROB2_ITEMS; i++)
        if ((unsigned)r->rob2[i] > SRW_ROB2_HIGH)
            return bad(err, srw_rob2_item_column(i), "not a RoB 2 judgement: low, some_concerns or high");
    if (r->measure != NULL && r->type != SRW_TYPE_NONE) { /* no type: that error comes first */
        if (!srw_measure_fits_type(srw_measure_parse(r->measure), r->type)) {
            char fits[64];
            srw_measures_text(fits, sizeof fits, r->type, " or ");
            return bad(err, "measure", "'%s' is not an effect measure for %s records (%s)", r->measure,
                       r->type == SRW_TYPE_GENERIC ? "generic" : srw_outcome_type_name(r->type),
                       r->type != SRW_TYPE_GENERIC ? fits
                                                   : "generic records are pooled on their own scale: leave it empty");
        }
    }
    if (!isnan(r->mid) && (!isfinite(r->mid) || r->mid <= 0))
        return bad(err, "mid", "the minimal important difference must be a positive number (got %g)", r->mid);
    int rc = check_extras(r, err);
    if (rc)
        return rc;
    switch (r->type) {
    case SRW_TYPE_DICHOTOMOUS:
        return check_dich(r, err);
    case SRW_TYPE_CONTINUOUS:
        return check_cont(r, err);
    case SRW_TYPE_GENERIC:
        return check_generic(r, err);
    default:
        SRW_FAIL(err, SRW_EDATA, "type must be dichotomous, continuous or generic");
        srw_error_locate(err, NULL, 0, 0, "type");
        return SRW_EDATA;
    }
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a real day of a year from 1900 to 2100:
 * the report orders published results by this text. */
static int calendar_date(const char *s)
{
    int len = (int)strlen(s);
    if (len != 4 && len != 7 && len != 10)
        return 0;
    for (int i = 0; i < len; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = len > 4 ? atoi(s + 5) : 1;
    if (y < 1900 || y > 2100 || m < 1 || m > 12)
        return 0;
    if (len < 10)
        return 1;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = atoi(s + 8), leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

int srw_published_validate(const srw_published *p, srw_error *err)
{
    static const struct {
        const char *name;
        size_t off;
    } required[] = {
        {"use", offsetof(srw_published, use)},
        {"outcome", offsetof(srw_published, outcome)},
        {"review", offsetof(srw_published, review)},
        {"measure", offsetof(srw_published, measure)},
        {"source", offsetof(srw_published, source)},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *v = *(char *const *)(const void *)((const char *)p + required[i].off);
        if (empty(v)) {
            SRW_FAIL(err, SRW_EDATA, "required field is empty");
            srw_error_locate(err, NULL, 0, 0, required[i].name);
            return SRW_EDATA;
        }
        if (control_char(required[i].name, v, err))
            return SRW_EDATA;
    }
    srw_measure m = srw_measure_parse(p->measure);
    if (!srw_measure_is_arm_level(m)) {
        char names[64];
        srw_measures_text_published(names, sizeof names, " or ");
        SRW_FAIL(err, SRW_EDATA, "unknown measure '%s' (use %s)", p->measure, names);
        srw_error_locate(err, NULL, 0, 0, "measure");
        return SRW_EDATA;
    }
    if (isnan(p->estimate))
        return bad(err, "estimate", "a published result needs its estimate");
    if (isnan(p->ci_lower) || isnan(p->ci_upper))
        return bad(err, isnan(p->ci_lower) ? "ci_lower" : "ci_upper",
                   "a published result needs its confidence interval");
    int ratio = srw_measure_is_ratio(m);
    if (ratio && p->estimate <= 0)
        return bad(err, "estimate", "a ratio must be positive on the display scale (got %g)", p->estimate);
    if (ratio && p->ci_lower <= 0)
        return bad(err, "ci_lower", "a ratio's CI must be positive on the display scale (got %g)", p->ci_lower);
    if (p->ci_lower > p->estimate)
        return bad(err, "ci_lower", "ci_lower %g is above the estimate %g", p->ci_lower, p->estimate);
    if (p->ci_upper < p->estimate)
        return bad(err, "ci_upper", "ci_upper %g is below the estimate %g", p->ci_upper, p->estimate);
    if (m == SRW_MEASURE_RD && (p->ci_lower < -1.0 || p->ci_upper > 1.0))
        return bad(err, p->ci_lower < -1.0 ? "ci_lower" : "ci_upper",
                   "a risk difference lies between -1 and 1 (got %g to %g)", p->ci_lower, p->ci_upper);
    if (p->trials != -1 && p->trials < 1)
        return bad(err, "trials", "number of trials must be at least 1 (got %ld)", p->trials);
    if (p->participants != -1 && p->participants < 1)
        return bad(err, "participants", "number of participants must be at least 1 (got %ld)",
                   p->participants);
    if (p->trials != -1 && p->participants != -1 && p->participants < p->trials)
        return bad(err, "participants", "%ld participants cannot make %ld trials", p->participants, p->trials);
    if (p->search_date != NULL && !calendar_date(p->search_date))
        return bad(err, "search_date", "'%s' is not a date as YYYY-MM-DD, YYYY-MM or YYYY (1900 to 2100)",
                   p->search_date);
    if (p->certainty != NULL && !in_list(p->certainty, certainties)) {
        SRW_FAIL(err, SRW_EDATA, "certainty '%s' is not one of high, moderate, low, very low", p->certainty);
        srw_error_locate(err, NULL, 0, 0, "certainty");
        return SRW_EDATA;
    }
    if (p->model != NULL && strcmp(p->model, "random") != 0 && strcmp(p->model, "fixed") != 0) {
        SRW_FAIL(err, SRW_EDATA, "model '%s' is not random or fixed", p->model);
        srw_error_locate(err, NULL, 0, 0, "model");
        return SRW_EDATA;
    }
    return 0;
}

void srw_record_dispose(srw_record *r)
{
    if (r == NULL)
        return;
    char **s[] = {&r->study, &r->use, &r->outcome, &r->comparison, &r->intervention,
                  &r->comparator, &r->subgroup, &r->unit, &r->mid_source, &r->source,
                  &r->notes, &r->rob_source, &r->measure, &r->measured_as, &r->arm};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        free(*s[i]);
        *s[i] = NULL;
    }
    for (int d = 0; d < SRW_ROB_N; d++) {
        free(r->rob_support[d]);
        r->rob_support[d] = NULL;
    }
    for (int d = 0; d < SRW_ROB2_N; d++) {
        free(r->rob2_support[d]);
        r->rob2_support[d] = NULL;
    }
    for (size_t i = 0; i < r->n_mods; i++) {
        free(r->mods[i].name);
        free(r->mods[i].value);
    }
    free(r->mods);
    r->mods = NULL;
    r->n_mods = 0;
}

int srw_search_date_valid(const char *s)
{
    return s != NULL && calendar_date(s);
}

void srw_published_text(const srw_published *p, char *buf, size_t n)
{
    char e[64], l[64], h[64];
    srw_decimal_text(p->estimate, p->decimals, e, sizeof e);
    srw_decimal_text(p->ci_lower, p->decimals, l, sizeof l);
    srw_decimal_text(p->ci_upper, p->decimals, h, sizeof h);
    snprintf(buf, n, "%s %s (%s to %s)", p->measure ? p->measure : "?", e, l, h);
}

void srw_published_dispose(srw_published *p)
{
    if (p == NULL)
        return;
    char **s[] = {&p->use, &p->outcome, &p->review, &p->version, &p->search_date,
                  &p->measure, &p->model, &p->method, &p->certainty, &p->source, &p->notes,
                  &p->pooled_trials, &p->scope};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        free(*s[i]);
        *s[i] = NULL;
    }
}

void srw_use_settings_dispose(srw_use_settings *u)
{
    if (u == NULL)
        return;
    char **s[] = {&u->use,   &u->primary_outcome, &u->description,    &u->mid_measure, &u->mid_source,
                  &u->notes, &u->source,          &u->primary_source, &u->large_source, &u->search_date};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        free(*s[i]);
        *s[i] = NULL;
    }
}

void srw_grade_setting_dispose(srw_grade_setting *g)
{
    if (g == NULL)
        return;
    char **s[] = {&g->use, &g->outcome, &g->domain, &g->reason, &g->source};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        free(*s[i]);
        *s[i] = NULL;
    }
}

int srw_grade_domain_key_valid(const char *text)
{
    static const char *const keys[] = {"risk_of_bias", "inconsistency", "indirectness", "imprecision",
                                       "publication_bias", NULL};
    return text != NULL && in_list(text, keys);
}

void srw_record_set_dispose(srw_record_set *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_records; i++)
        srw_record_dispose(&s->records[i]);
    for (size_t i = 0; i < s->n_published; i++)
        srw_published_dispose(&s->published[i]);
    for (size_t i = 0; i < s->n_uses; i++)
        srw_use_settings_dispose(&s->uses[i]);
    free(s->records);
    free(s->published);
    for (size_t i = 0; i < s->n_grade; i++)
        srw_grade_setting_dispose(&s->grade[i]);
    free(s->grade);
    for (size_t i = 0; i < s->n_outcomes; i++)
        srw_outcome_settings_dispose(&s->outcomes[i]);
    free(s->outcomes);
    for (size_t i = 0; i < s->n_claims; i++)
        srw_claim_dispose(&s->claims[i]);
    free(s->claims);
    free(s->uses);
    free(s->path);
    for (size_t i = 0; i < s->n_columns; i++)
        free(s->columns[i]);
    free(s->columns);
    memset(s, 0, sizeof *s);
}

long srw_record_set_column(const srw_record_set *set, const char *field)
{
    for (size_t i = 0; field != NULL && i < set->n_columns; i++)
        if (set->columns[i] != NULL && strcmp(set->columns[i], field) == 0)
            return (long)i + 1;
    return 0;
}

void srw_record_context_init(srw_record_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->typical_sd = ctx->randomised = ctx->scale_min = ctx->scale_max = NAN;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void say(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len >= n)
        return;
    if (*len > 0) {
        int k = snprintf(buf + *len, n - *len, "; ");
        *len += k > 0 ? (size_t)k : 0;
        if (*len >= n)
            return;
    }
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (k > 0 && (size_t)k >= n - *len) /* full: the trail keeps whole characters */
        buf[*len + srw_utf8_prefix(buf + *len, n - *len - 1)] = '\0';
    *len += k > 0 ? (size_t)k : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double srw_record_typical_sd(double *sds, size_t k)
{
    if (k == 0)
        return NAN;
    /* The median: robust to the one SD being checked (which is among them). */
    qsort(sds, k, sizeof *sds, cmp_double);
    return k % 2 ? sds[k / 2] : (sds[k / 2 - 1] + sds[k / 2]) / 2;
}

/* Warnings: entered, but flagged (srw list, the report, at entry).
 *
 * An SE reported as an SD is the commonest extraction slip for continuous
 * outcomes; SD = SE x sqrt(N) (Cochrane Handbook for Systematic Reviews of
 * Interventions, version 6.4, section 6.5.2.2).  So an arm's SD is flagged
 * when it is under a third of the outcome's typical SD (the median arm SD of
 * the outcome's other studies) while SD x sqrt(N) lies within 50% of it;
 * one under a hundredth of it is flagged anyway (a slip of units or of a
 * decimal point, which would take nearly all the weight).
 *
 * Arm totals that differ from the number randomised are either participants
 * lost to the analysis (attrition, not intention to treat) or a slip: the
 * arm totals are the numbers analysed, so srw only says it.
 * A mean outside the declared range of its scale cannot be right.  Change
 * scores and final values may be combined for an MD but not for an SMD
 * (Handbook section 10.5.2), and a mix in one outcome is often unintended:
 * the records of the minority kind are flagged (both kinds when they are as
 * many), so the odd ones out are the ones to check. */
int srw_record_check_warnings(const srw_record *r, const srw_record_context *ctx, char *buf, size_t n)
{
    int count = 0;
    size_t len = 0;
    if (n)
        buf[0] = '\0';
    else
        len = 1; /* nothing can be written */
    if (ctx == NULL)
        return 0;
    if (r->type == SRW_TYPE_CONTINUOUS && ctx->typical_sd > 0) {
        const struct {
            const char *field;
            double sd, total;
        } arms[] = {{"exp_sd", r->exp_sd, r->exp_total}, {"ctl_sd", r->ctl_sd, r->ctl_total}};
        for (int i = 0; i < 2; i++) {
            double sd = arms[i].sd, total = arms[i].total, t = ctx->typical_sd;
            if (!(sd > 0) || !(total >= 1))
                continue;
            double as_se = sd * sqrt(total);
            if (sd < t / 3 && fabs(as_se - t) <= 0.5 * t) {
                count++;
                say(buf, n, &len,
                    "%s: %g looks like a standard error (SD x sqrt(%g) = %.3g is close to the"
                    " outcome's typical SD %.3g)",
                    arms[i].field, sd, total, as_se, t);
            } else if (sd < t / 100) {
                /* Not an SE either, and it would take nearly all the weight. */
                count++;
                say(buf, n, &len,
                    "%s: %g is under a hundredth of the outcome's typical SD %.3g (units? a decimal point?)",
                    arms[i].field, sd, t);
            }
        }
    }
    if (ctx->randomised >= 1 && r->exp_total >= 1 && r->ctl_total >= 1 &&
        r->exp_total + r->ctl_total != ctx->randomised) {
        count++;
        say(buf, n, &len, "exp_total + ctl_total: %g + %g = %g differs from the %g randomised in the study",
            r->exp_total, r->ctl_total, r->exp_total + r->ctl_total, ctx->randomised);
    }
    if (r->type == SRW_TYPE_CONTINUOUS && isfinite(ctx->scale_min) && isfinite(ctx->scale_max) &&
        ctx->scale_min < ctx->scale_max) {
        /* A change score on a scale from a to b lies between -(b - a) and b - a. */
        int change = r->measured_as != NULL && strcmp(r->measured_as, "change") == 0;
        double width = ctx->scale_max - ctx->scale_min;
        double lo = change ? -width : ctx->scale_min, hi = change ? width : ctx->scale_max;
        const struct {
            const char *field;
            double mean;
        } means[] = {{"exp_mean", r->exp_mean}, {"ctl_mean", r->ctl_mean}};
        for (int i = 0; i < 2; i++) {
            double m = means[i].mean;
            if (!isfinite(m) || (m >= lo && m <= hi))
                continue;
            count++;
            if (change)
                say(buf, n, &len, "%s: %g is outside the range of a change score, %g to %g, on the outcome's"
                    " scale %g to %g", means[i].field, m, lo, hi, ctx->scale_min, ctx->scale_max);
            else
                say(buf, n, &len, "%s: %g is outside the outcome's scale range %g to %g", means[i].field, m,
                    ctx->scale_min, ctx->scale_max);
        }
    }
    if (r->type == SRW_TYPE_CONTINUOUS && r->measured_as != NULL && ctx->n_change > 0 && ctx->n_final > 0) {
        int change = strcmp(r->measured_as, "change") == 0;
        long mine = change ? ctx->n_change : ctx->n_final, other = change ? ctx->n_final : ctx->n_change;
        if (mine <= other) {
            count++;
            say(buf, n, &len,
                "measured_as: %s, but the outcome mixes change scores (%ld %s) with final values (%ld %s)",
                r->measured_as, ctx->n_change, ctx->n_change == 1 ? "study" : "studies", ctx->n_final,
                ctx->n_final == 1 ? "study" : "studies");
        }
    }
    char why[600];
    if (srw_rob2_overall_check(r->rob2, why, sizeof why)) {
        count++;
        say(buf, n, &len, "%s", why);
    }
    return count;
}

void srw_record_init(srw_record *r, long line)
{
    memset(r, 0, sizeof *r);
    r->exp_events = r->exp_total = r->ctl_events = r->ctl_total = NAN;
    r->exp_mean = r->exp_sd = r->ctl_mean = r->ctl_sd = NAN;
    r->estimate = r->se = r->mid = NAN;
    r->scale_min = r->scale_max = NAN;
    r->line = line;
}

void srw_published_init(srw_published *p, long line)
{
    memset(p, 0, sizeof *p);
    p->estimate = p->ci_lower = p->ci_upper = NAN;
    p->trials = p->participants = -1;
    p->line = line;
}

void srw_use_settings_init(srw_use_settings *u, long line)
{
    memset(u, 0, sizeof *u);
    u->mid = u->large = NAN;
    u->line = line;
}

const char *srw_published_misfit(srw_outcome_type type, const char *direction, const char *measure,
                                 const char *published_direction)
{
    /* A generic outcome is on whatever scale its published result is. */
    if (type != SRW_TYPE_GENERIC && !srw_measure_fits_type(srw_measure_parse(measure), type))
        return "measure";
    if (direction != NULL && published_direction != NULL && strcmp(direction, published_direction) != 0)
        return "direction";
    return NULL;
}
