/* RevMan's CSV outputs into an srw_rm5_review (include/srw/rm5.h):
 *   RevMan 5 "Data and analyses" export: one file, one row per comparison,
 *     analysis, subgroup and study, told apart by the Outcome / Subgroup
 *     Number columns and whether "Data Type" is filled;
 *   RevMan Web data package: files ending -overall-estimates-and-settings.csv
 *     (one row per analysis), -subgroup-estimates.csv, -data-rows.csv (one per
 *     study and analysis) and -risk-of-bias.csv.
 * RevMan rounds these numbers (8 decimals in the RevMan 5 export, 6 in
 * RevMan Web); the decimals seen are kept per analysis so `srw verify`
 * compares at the precision RevMan kept. */
#include "srw/csv.h"
#include "srw/effect.h"
#include "srw/rm5.h"
#include "io/revman_value.h"
#include "util/grow.h"
#include "util/strmap.h"
#include "io/zip.h"
#include "util/text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct ctx {
    const char *path;     /* the file being read, for messages */
    const char *base;
    srw_error *err;
    srw_rm5_review *out;
    size_t cap_records, cap_analyses, cap_rob;
    srw_strmap seen;      /* analysis index + study -> 1 (duplicates) */
} ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(ctx *c, long line, long col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    SRW_FAIL(c->err, SRW_EDATA, "%s", msg);
    srw_error_locate(c->err, c->path, line, col, NULL);
    return SRW_EDATA;
}

static int oom(ctx *c)
{
    return SRW_FAIL(c->err, SRW_ENOMEM, "out of memory");
}


/* Column index of a header name (exact, after trimming), -1 if absent. */
static int col(const srw_csv_row *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->fields[i], name) == 0)
            return (int)i;
    return -1;
}

static const char *fld(const srw_csv_row *r, int c)
{
    return (c >= 0 && (size_t)c < r->n) ? r->fields[c] : "";
}

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    int n = 0;
    for (const char *p = dot ? dot + 1 : ""; *p >= '0' && *p <= '9'; p++)
        n++;
    return n;
}

/* Field c of row r with the spaces around it cut off (in place: the row
 * is the reader's until the next). */
static const char *trimmed(const srw_csv_row *r, int c)
{
    if (c < 0 || (size_t)c >= r->n)
        return "";
    char *s = r->fields[c];
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    return s;
}

/* Number in column c, by srw's one number parser (io/revman_value.h):
 * empty -> NAN; keeps the most decimals in *dec. */
static int num(ctx *c, const srw_csv_row *r, int k, const char *name, double *out, int *dec)
{
    const char *s = trimmed(r, k);
    srw_error e;
    if (srw_io__revman_number(out, s, SRW_FIELD_NUMBER, 0, &e) != 0)
        return fail(c, r->line, k + 1, "%s: %s", name, e.message);
    if (dec && decimals_of(s) > *dec)
        *dec = decimals_of(s);
    return 0;
}

/* A study's year in column k (io/revman_value.h): empty -> 0. */
static int year(ctx *c, const srw_csv_row *r, int k, const char *name, int *out)
{
    srw_error e;
    if (srw_io__revman_year(out, trimmed(r, k), &e) != 0)
        return fail(c, r->line, k + 1, "%s: %s", name, e.message);
    return 0;
}

static char *dup_nonempty(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s ? strdup(s) : NULL;
}

static srw_rm5_analysis *new_analysis(ctx *c, const char *cmp_no, const char *out_no, const char *use,
                                      const char *name, long line)
{
    srw_rm5_review *o = c->out;
    if (srw_grow((void **)&o->analyses, o->n_analyses, &c->cap_analyses, sizeof *o->analyses) != 0)
        return NULL;
    srw_rm5_analysis *a = &o->analyses[o->n_analyses++];
    memset(a, 0, sizeof *a);
    a->q_sub = a->df_sub = a->p_sub = a->i2_sub = NAN;
    a->ci_study = a->ci_total = 95;
    a->line = line;
    char nb[64];
    snprintf(nb, sizeof nb, "%s.%s", cmp_no, out_no);
    a->number = strdup(nb);
    a->name = strdup(*name ? name : "(unnamed)");
    a->use = strdup(*use ? use : "(unnamed comparison)");
    size_t len = strlen(nb) + strlen(a->name ? a->name : "") + 2;
    a->outcome = malloc(len);
    char id[80];
    snprintf(id, sizeof id, "%s %s", o->format, nb);
    a->revman_id = strdup(id);
    if (!a->number || !a->name || !a->use || !a->outcome || !a->revman_id)
        return NULL;
    snprintf(a->outcome, len, "%s %s", nb, a->name);
    return a;
}

/* RevMan's spellings of measures and methods, in both exports: a measure
 * as RevMan's EFFECT_MEASURE ("PETO_OR").  The measure table gives each
 * measure's EFFECT_MEASURE and its name in words; the exports' other
 * spellings, and RevMan's hazard ratio (not a measure of srw's), are here. */
static const char *canon_measure(const char *s)
{
    static const struct {
        const char *in, *out;
    } other[] = {{"Peto OR", "PETO_OR"},
                 {"Standardized Mean Difference", "SMD"},
                 {"Standardised Mean Difference", "SMD"},
                 {"HR", "HR"},
                 {"Hazard Ratio", "HR"}};
    size_t n;
    const srw_measure_info *m = srw_measures(&n);
    for (size_t i = 0; i < n; i++)
        if (m[i].revman != NULL && (strcasecmp(s, m[i].revman) == 0 || strcasecmp(s, m[i].label) == 0))
            return m[i].revman;
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (strcasecmp(s, other[i].in) == 0)
            return other[i].out;
    return s;
}

static const char *canon_method(const char *s)
{
    if (strcasecmp(s, "MH") == 0 || strcasecmp(s, "M-H") == 0 || strcasecmp(s, "Mantel-Haenszel") == 0)
        return "MH";
    if (strcasecmp(s, "IV") == 0 || strcasecmp(s, "Inverse Variance") == 0)
        return "IV";
    if (strcasecmp(s, "Peto") == 0)
        return "PETO";
    return s;
}

static srw_rm5_data_type canon_type(const char *s)
{
    static const struct {
        const char *in;
        srw_rm5_data_type t;
    } map[] = {{"DIC", SRW_RM5_DICH}, {"DICH", SRW_RM5_DICH}, {"Dichotomous", SRW_RM5_DICH},
               {"CON", SRW_RM5_CONT}, {"CONT", SRW_RM5_CONT}, {"Continuous", SRW_RM5_CONT},
               {"IV", SRW_RM5_IV}, {"GIV", SRW_RM5_IV}, {"Generic inverse variance", SRW_RM5_IV},
               {"Generic Inverse Variance", SRW_RM5_IV}, {"IPD", SRW_RM5_IPD}, {"OE", SRW_RM5_IPD},
               {"O-E", SRW_RM5_IPD}, {"O-E and Variance", SRW_RM5_IPD}, {"OTH", SRW_RM5_OTHER},
               {"OTHER", SRW_RM5_OTHER}, {"Other data", SRW_RM5_OTHER}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(s, map[i].in) == 0)
            return map[i].t;
    return (srw_rm5_data_type)0;
}

static int init_analysis_settings(ctx *c, srw_rm5_analysis *a, const char *type, const char *method,
                                  const char *measure, const char *model, long line, long type_col)
{
    a->data_type = canon_type(type);
    if (a->data_type == 0)
        return fail(c, line, type_col, "analysis %s: unknown data type '%.40s' (dichotomous, continuous, generic "
                                       "inverse variance, O-E and variance or other)", a->number, type);
    a->method = dup_nonempty(canon_method(method));
    a->revman_measure = dup_nonempty(canon_measure(measure));
    a->random = strncasecmp(model, "Random", 6) == 0;
    a->totals = strdup("YES");
    if (a->totals == NULL || srw_rm5_set_measure(a) != 0)
        return oom(c);
    return 0;
}

/* The columns of a study row that hold a record's fields (0-based, -1
 * when the file has none), so that a rule's message names its column. */
enum { F_E1, F_N1, F_M1, F_SD1, F_E2, F_N2, F_M2, F_SD2, F_EST, F_SE, F_OE, F_VAR, F_NAME, F_N };

/* One study row: a trial record plus RevMan's stored result for it. */
typedef struct study_row {
    const char *label, *subgroup, *notes;
    int year;
    double e1, n1, m1, sd1, e2, n2, m2, sd2, giv, giv_se, oe, var;
    double effect, se, lo, hi, weight;
    int col[F_N];
} study_row;

/* The 1-based column of the record field a rule names (the study's name
 * when no column holds it). */
static long field_col(const study_row *s, const char *field, srw_rm5_data_type t)
{
    static const struct {
        const char *field;
        int f;
    } map[] = {{"exp_events", F_E1}, {"exp_total", F_N1}, {"exp_mean", F_M1}, {"exp_sd", F_SD1},
               {"ctl_events", F_E2}, {"ctl_total", F_N2}, {"ctl_mean", F_M2}, {"ctl_sd", F_SD2},
               {"estimate", F_EST},  {"se", F_SE}};
    int f = F_NAME;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(field, map[i].field) == 0)
            f = map[i].f;
    if (t == SRW_RM5_IPD && (f == F_EST || f == F_SE))
        f = f == F_EST ? F_OE : F_VAR;
    if (s->col[f] < 0)
        f = F_NAME;
    return s->col[f] + 1;
}

static int add_study(ctx *c, srw_rm5_analysis *a, size_t ai, const study_row *s, long line)
{
    srw_rm5_review *o = c->out;
    /* As the .rm5 reader labels them (src/io/rm5.c read_row): a study in a
     * second subgroup of the analysis gets the subgroup's number, "Chapple
     * 1956 [1.4.2]"; a second row in one subgroup its order, "Dutta 1996 IND
     * (row 2)", and the review notes it for the import's warning. */
    size_t sub_no = 0; /* the subgroup's number, 0 without */
    for (size_t g = 0; s->subgroup != NULL && g < a->n_subgroups; g++)
        if (strcmp(a->subgroups[g].name, s->subgroup) == 0)
            sub_no = g + 1;
    char key[700], label[600];
    size_t rows = 0, first_sub = 0;
    int cut = (int)srw_utf8_prefix(s->label, 500); /* a label cut on a character: the store holds UTF-8 */
    snprintf(key, sizeof key, "%zu\x1f%.*s\x1f%zu", ai, cut, s->label, sub_no);
    (void)srw_strmap_get(&c->seen, key, &rows);
    char study_key[600];
    snprintf(study_key, sizeof study_key, "%zu\x1f%.*s", ai, cut, s->label);
    if (!srw_strmap_get(&c->seen, study_key, &first_sub))
        first_sub = sub_no + 1;
    if (first_sub != sub_no + 1)
        snprintf(label, sizeof label, "%.*s [%s.%zu]", cut, s->label, a->number, sub_no);
    else
        snprintf(label, sizeof label, "%.*s", cut, s->label);
    if (rows > 0) {
        if (srw_rm5_note_repeat(o, a, label, s->subgroup, rows + 1) != 0)
            return oom(c);
        size_t len = strlen(label);
        snprintf(label + len, sizeof label - len, " (row %zu)", rows + 1);
    }
    if (srw_strmap_put(&c->seen, key, rows + 1) != 0 || srw_strmap_put(&c->seen, study_key, first_sub) != 0)
        return oom(c);
    srw_rm5_study_result *p = realloc(a->studies, (a->n_studies + 1) * sizeof *p);
    if (p == NULL)
        return oom(c);
    a->studies = p;
    p = &a->studies[a->n_studies++];
    memset(p, 0, sizeof *p);
    p->study = strdup(label);
    p->subgroup = s->subgroup ? strdup(s->subgroup) : NULL;
    p->effect = s->effect;
    p->ci_lower = s->lo;
    p->ci_upper = s->hi;
    p->se = s->se;
    p->weight = s->weight;
    /* RevMan writes 0s for a study it could not estimate (and for all of an
     * analysis it did not compute). */
    p->present = !isnan(s->effect) && !(s->effect == 0 && s->lo == 0 && s->hi == 0 && a->overall.present == 0);
    p->estimable = !(s->weight == 0 && s->effect == 0 && s->lo == 0 && s->hi == 0);
    if (p->study == NULL)
        return oom(c);
    if (a->data_type == SRW_RM5_OTHER)
        return 0;
    if (srw_grow((void **)&o->set.records, o->set.n_records, &c->cap_records, sizeof(srw_record)) != 0)
        return oom(c);
    srw_record *r = &o->set.records[o->set.n_records++];
    memset(r, 0, sizeof *r);
    r->exp_events = r->exp_total = r->ctl_events = r->ctl_total = NAN;
    r->exp_mean = r->exp_sd = r->ctl_mean = r->ctl_sd = NAN;
    r->estimate = r->se = r->mid = NAN;
    r->line = line;
    switch (a->data_type) {
    case SRW_RM5_DICH:
        r->type = SRW_TYPE_DICHOTOMOUS;
        r->exp_events = s->e1, r->exp_total = s->n1, r->ctl_events = s->e2, r->ctl_total = s->n2;
        break;
    case SRW_RM5_CONT:
        r->type = SRW_TYPE_CONTINUOUS;
        r->exp_mean = s->m1, r->exp_sd = s->sd1, r->exp_total = s->n1;
        r->ctl_mean = s->m2, r->ctl_sd = s->sd2, r->ctl_total = s->n2;
        break;
    case SRW_RM5_IV:
        r->type = SRW_TYPE_GENERIC;
        r->estimate = s->giv, r->se = s->giv_se;
        break;
    default: /* IPD: Peto's log OR = (O - E)/V, SE = 1/sqrt(V) (Yusuf et al. 1985) */
        r->type = SRW_TYPE_GENERIC;
        if (!(s->var > 0) || isnan(s->oe))
            return fail(c, line, field_col(s, isnan(s->oe) ? "estimate" : "se", a->data_type),
                        "analysis %s: study '%s' needs O-E and a positive variance", a->number, s->label);
        r->estimate = s->oe / s->var, r->se = 1 / sqrt(s->var);
        break;
    }
    r->study = strdup(label);
    r->use = strdup(a->use);
    r->outcome = strdup(a->outcome);
    r->comparison = strdup(a->use);
    r->intervention = a->group_label_1 ? strdup(a->group_label_1) : NULL;
    r->comparator = a->group_label_2 ? strdup(a->group_label_2) : NULL;
    r->subgroup = s->subgroup ? strdup(s->subgroup) : NULL;
    r->notes = s->notes && *s->notes ? strdup(s->notes) : NULL;
    r->year = s->year; /* read by srw_io__revman_year, which checked it */
    char src[512];
    snprintf(src, sizeof src, "%s (%s), analysis %s", c->base, o->format, a->number);
    r->source = strdup(src);
    if (!r->study || !r->use || !r->outcome || !r->comparison || !r->source)
        return oom(c);
    if (srw_record_validate(r, c->err) != 0) {
        char msg[sizeof c->err->message + sizeof c->err->field + 4];
        snprintf(msg, sizeof msg, "%s%s%s", c->err->field[0] ? c->err->field : "", c->err->field[0] ? ": " : "",
                 c->err->message);
        return fail(c, line, field_col(s, c->err->field, a->data_type), "analysis %s, study '%s': %s", a->number,
                    s->label, msg);
    }
    return 0;
}

static int begin(ctx *c, srw_rm5_review *out, const char *path, const char *format, srw_error *err,
                 srw_error *local)
{
    memset(out, 0, sizeof *out);
    memset(c, 0, sizeof *c);
    c->path = path;
    c->err = err ? err : local;
    c->out = out;
    const char *slash = strrchr(path, '/');
    c->base = slash ? slash + 1 : path;
    out->format = format;
    out->path = strdup(path);
    out->set.path = strdup(path);
    out->set.kind = SRW_FILE_TRIALS;
    return (out->path && out->set.path) ? 0 : oom(c);
}

static int finish(ctx *c, int rc)
{
    srw_strmap_dispose(&c->seen);
    if (rc != 0)
        srw_rm5_review_dispose(c->out);
    return rc;
}

/* --- RevMan 5 "Data and analyses" export --------------------------------------- */

enum { C_CMP, C_OUT, C_SUB, C_NAME, C_TYPE, C_METHOD, C_MEASURE, C_MODEL, C_E1, C_M1, C_SD1, C_N1, C_E2, C_M2,
       C_SD2, C_N2, C_EST, C_SE, C_LO, C_HI, C_W, C_Q, C_PQ, C_I2, C_TAU2, C_Z, C_PZ, C_QINT, C_PQINT, C_I2INT,
       C_DF, C_GL1, C_GL2, C_YEAR, C_NCOL };
static const char *const csv_cols[C_NCOL] = {
    "Comparison Number", "Outcome Number", "Subgroup Number", "Name", "Data Type", "Statistical Method",
    "Effect Measure", "Analysis Model", "Events 1", "Mean 1", "SD 1", "Total 1", "Events 2", "Mean 2", "SD 2",
    "Total 2", "Effect Estimate", "SE", "CI Start", "CI End", "Weight", "Q", "P(Q)", "I\xC2\xB2(Q)",
    "Tau\xC2\xB2", "Z", "P(Z)", "Qint", "P(Qint)", "I\xC2\xB2(Qint)", "df", "Group Label 1", "Group Label 2",
    "Year of study"};

/* Pooled numbers of an analysis or subgroup row. */
static int csv_pooled(ctx *c, const srw_csv_row *r, const int *k, srw_rm5_pooled *p, int *dec)
{
    int rc;
    if ((rc = num(c, r, k[C_EST], "Effect Estimate", &p->effect, dec)) ||
        (rc = num(c, r, k[C_LO], "CI Start", &p->ci_lower, dec)) ||
        (rc = num(c, r, k[C_HI], "CI End", &p->ci_upper, dec)) || (rc = num(c, r, k[C_Q], "Q", &p->chi2, dec)) ||
        (rc = num(c, r, k[C_PQ], "P(Q)", &p->p_chi2, dec)) || (rc = num(c, r, k[C_I2], "I2(Q)", &p->i2, dec)) ||
        (rc = num(c, r, k[C_TAU2], "Tau2", &p->tau2, dec)) || (rc = num(c, r, k[C_Z], "Z", &p->z, dec)) ||
        (rc = num(c, r, k[C_PZ], "P(Z)", &p->p_z, dec)) || (rc = num(c, r, k[C_DF], "df", &p->df, dec)))
        return rc;
    p->present = !isnan(p->effect);
    p->estimable = p->present && !(p->effect == 0 && p->ci_lower == 0 && p->ci_upper == 0);
    return 0;
}

static int read_csv_rows(ctx *c, srw_csv *csv)
{
    srw_csv_row row;
    srw_error *err = c->err;
    int rc = srw_csv_next(csv, &row, err);
    if (rc <= 0)
        return rc < 0 ? rc : fail(c, 1, 1, "the file is empty (RevMan's header row is required)");
    int k[C_NCOL];
    for (int i = 0; i < C_NCOL; i++) {
        k[i] = col(&row, csv_cols[i]);
        if (k[i] < 0 && i <= C_NAME)
            return fail(c, row.line, 1, "not a RevMan \"Data and analyses\" CSV: no '%s' column", csv_cols[i]);
    }
    char *cmp_name = NULL, *sub_name = NULL;
    char cmp_no[32] = "", last_sub[32] = "";
    srw_rm5_analysis *a = NULL;
    size_t ai = 0;
    while ((rc = srw_csv_next(csv, &row, err)) == 1) {
        const char *cn = fld(&row, k[C_CMP]), *on = fld(&row, k[C_OUT]), *sn = fld(&row, k[C_SUB]);
        const char *name = fld(&row, k[C_NAME]);
        if (strcmp(on, "0") == 0) { /* a comparison */
            free(cmp_name);
            cmp_name = strdup(name);
            snprintf(cmp_no, sizeof cmp_no, "%s", cn);
            a = NULL;
            if (cmp_name == NULL)
                return oom(c);
            continue;
        }
        if (strcmp(cn, cmp_no) != 0) {
            rc = fail(c, row.line, k[C_CMP] + 1, "row of comparison %s before that comparison's own row", cn);
            break;
        }
        if (*fld(&row, k[C_TYPE]) != '\0') { /* an analysis */
            a = new_analysis(c, cn, on, cmp_name ? cmp_name : "", name, row.line);
            if (a == NULL) {
                rc = oom(c);
                break;
            }
            ai = c->out->n_analyses - 1;
            a->group_label_1 = dup_nonempty(fld(&row, k[C_GL1]));
            a->group_label_2 = dup_nonempty(fld(&row, k[C_GL2]));
            if ((rc = init_analysis_settings(c, a, fld(&row, k[C_TYPE]), fld(&row, k[C_METHOD]),
                                             fld(&row, k[C_MEASURE]), fld(&row, k[C_MODEL]), row.line,
                                             k[C_TYPE] + 1)) != 0 ||
                (rc = csv_pooled(c, &row, k, &a->overall, &a->decimals)) != 0 ||
                (rc = num(c, &row, k[C_QINT], "Qint", &a->q_sub, &a->decimals)) != 0 ||
                (rc = num(c, &row, k[C_PQINT], "P(Qint)", &a->p_sub, &a->decimals)) != 0 ||
                (rc = num(c, &row, k[C_I2INT], "I2(Qint)", &a->i2_sub, &a->decimals)) != 0)
                break;
            snprintf(last_sub, sizeof last_sub, "0");
            free(sub_name);
            sub_name = NULL;
            continue;
        }
        if (a == NULL || strcmp(on, strrchr(a->number, '.') + 1) != 0) {
            rc = fail(c, row.line, k[C_OUT] + 1, "study row of analysis %s.%s before that analysis's own row", cn,
                      on);
            break;
        }
        if (strcmp(sn, "0") != 0 && strcmp(sn, last_sub) != 0) { /* first row of a subgroup: its totals */
            snprintf(last_sub, sizeof last_sub, "%s", sn);
            srw_rm5_subgroup *g = realloc(a->subgroups, (a->n_subgroups + 1) * sizeof *g);
            if (g == NULL) {
                rc = oom(c);
                break;
            }
            a->subgroups = g;
            g = &a->subgroups[a->n_subgroups++];
            memset(g, 0, sizeof *g);
            a->has_subgroups = 1;
            free(sub_name);
            sub_name = strdup(name);
            g->name = strdup(name);
            if (g->name == NULL || sub_name == NULL || (rc = csv_pooled(c, &row, k, &g->pooled, &a->decimals)) != 0) {
                rc = rc ? rc : oom(c);
                break;
            }
            continue;
        }
        study_row s;
        memset(&s, 0, sizeof s);
        s.label = name;
        s.subgroup = strcmp(sn, "0") != 0 ? sub_name : NULL;
        static const int cols[F_N] = {C_E1, C_N1, C_M1, C_SD1, C_E2, C_N2, C_M2, C_SD2, C_EST, C_SE, -1, -1, C_NAME};
        for (int f = 0; f < F_N; f++)
            s.col[f] = cols[f] >= 0 ? k[cols[f]] : -1;
        int dec = 0;
        if ((rc = year(c, &row, k[C_YEAR], "Year of study", &s.year)) != 0)
            break;
        if ((rc = num(c, &row, k[C_E1], "Events 1", &s.e1, NULL)) || (rc = num(c, &row, k[C_N1], "Total 1", &s.n1, NULL)) ||
            (rc = num(c, &row, k[C_M1], "Mean 1", &s.m1, NULL)) || (rc = num(c, &row, k[C_SD1], "SD 1", &s.sd1, NULL)) ||
            (rc = num(c, &row, k[C_E2], "Events 2", &s.e2, NULL)) || (rc = num(c, &row, k[C_N2], "Total 2", &s.n2, NULL)) ||
            (rc = num(c, &row, k[C_M2], "Mean 2", &s.m2, NULL)) || (rc = num(c, &row, k[C_SD2], "SD 2", &s.sd2, NULL)) ||
            (rc = num(c, &row, k[C_EST], "Effect Estimate", &s.effect, &dec)) ||
            (rc = num(c, &row, k[C_SE], "SE", &s.se, &dec)) || (rc = num(c, &row, k[C_LO], "CI Start", &s.lo, &dec)) ||
            (rc = num(c, &row, k[C_HI], "CI End", &s.hi, &dec)) || (rc = num(c, &row, k[C_W], "Weight", &s.weight, &dec)))
            break;
        /* The export has no generic-inverse-variance or O-E columns of its
         * own: RevMan puts the entered estimate and SE in Effect Estimate / SE. */
        s.giv = s.effect, s.giv_se = s.se;
        if (*name == '\0') {
            rc = fail(c, row.line, k[C_NAME] + 1, "analysis %s: a study row without a study name", a->number);
            break;
        }
        if (dec > a->decimals)
            a->decimals = dec;
        if ((rc = add_study(c, a, ai, &s, row.line)) != 0)
            break;
    }
    free(cmp_name);
    free(sub_name);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < c->out->n_analyses; i++) {
        srw_rm5_analysis *x = &c->out->analyses[i];
        x->subgroup_test_present = x->n_subgroups > 1 && !isnan(x->q_sub);
        if (x->subgroup_test_present)
            x->df_sub = (double)x->n_subgroups - 1;
        if (x->data_type == SRW_RM5_IV && x->revman_measure)
            x->log_data = 1;
    }
    return 0;
}

int srw_revman_csv_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err)
{
    ctx c;
    srw_error local;
    int rc = begin(&c, out, name, "revman-csv", err, &local);
    srw_csv *csv = NULL;
    if (rc == 0)
        rc = srw_csv_open_buffer(&csv, data, len, name, c.err);
    if (rc == 0)
        rc = read_csv_rows(&c, csv);
    srw_csv_free(csv);
    return finish(&c, rc);
}

int srw_revman_csv_read(srw_rm5_review *out, const char *path, srw_error *err)
{
    ctx c;
    srw_error local;
    int rc = begin(&c, out, path, "revman-csv", err, &local);
    srw_csv *csv = NULL;
    if (rc == 0)
        rc = srw_csv_open_file(&csv, path, c.err);
    if (rc == 0)
        rc = read_csv_rows(&c, csv);
    srw_csv_free(csv);
    return finish(&c, rc);
}

/* --- RevMan Web data package ---------------------------------------------------- */

/* The package's CSV files, each in memory with the name messages give it (a
 * path, or "package.zip!x-data.zip!dir/x-data-rows.csv"): a directory and a
 * zip both fill this, and one parser reads it. */
typedef struct web_part {
    char *name, *data;
    size_t len, index; /* index: the entry, in a zip */
} web_part;

typedef struct web_parts {
    web_part overall, subgroups, rows, rob;
} web_parts;

static void web_parts_dispose(web_parts *f)
{
    web_part *p[] = {&f->overall, &f->subgroups, &f->rows, &f->rob};
    for (size_t i = 0; i < 4; i++) {
        free(p[i]->name);
        free(p[i]->data);
        memset(p[i], 0, sizeof *p[i]);
    }
}

static int ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The part a file of this name is, NULL if none or already found (the first
 * found wins). */
static web_part *web_slot(web_parts *f, const char *name)
{
    web_part *p = ends(name, "-overall-estimates-and-settings.csv") ? &f->overall
                  : ends(name, "-subgroup-estimates.csv")           ? &f->subgroups
                  : ends(name, "-data-rows.csv")                    ? &f->rows
                  : ends(name, "-risk-of-bias.csv")                 ? &f->rob
                                                                    : NULL;
    return p && p->name == NULL ? p : NULL;
}

static char *join3(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, sep, b);
    return s;
}

/* Find the package's CSV files up to depth levels below dir. */
static int find_files(web_parts *f, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = join3(dir, "/", e->d_name);
        if (p == NULL) {
            rc = -2;
            break;
        }
        struct stat sb;
        web_part *slot = NULL;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (depth > 0)
                rc = find_files(f, p, depth - 1) == -2 ? -2 : 0;
        } else {
            slot = web_slot(f, p);
        }
        if (slot) {
            slot->name = p;
            p = NULL;
        }
        free(p);
    }
    closedir(d);
    return rc;
}

/* A whole file into memory (at most SRW_RM5_MAX_BYTES). */
static int slurp(web_part *p, srw_error *err)
{
    FILE *fp = fopen(p->name, "rb");
    if (fp == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", p->name, strerror(errno));
    size_t cap = 0;
    int rc = 0;
    for (;;) {
        if (cap - p->len < 65536) {
            if (cap > SRW_RM5_MAX_BYTES) {
                rc = SRW_FAIL(err, SRW_EDATA, "%s is larger than %zu MiB", p->name, SRW_RM5_MAX_BYTES >> 20);
                break;
            }
            cap = cap ? cap * 2 : 1 << 16;
            char *d = realloc(p->data, cap);
            if (d == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory reading %s", p->name);
                break;
            }
            p->data = d;
        }
        size_t n = fread(p->data + p->len, 1, cap - p->len, fp);
        p->len += n;
        if (n == 0)
            break;
    }
    if (rc == 0 && ferror(fp))
        rc = SRW_FAIL(err, SRW_EIO, "cannot read %s", p->name);
    fclose(fp);
    return rc;
}

static int web_from_dir(web_parts *f, const char *dir, srw_error *err)
{
    int rc = find_files(f, dir, 4);
    if (rc != 0)
        return rc == -2 ? SRW_FAIL(err, SRW_ENOMEM, "out of memory")
                        : SRW_FAIL(err, SRW_EIO, "cannot read the directory %s", dir);
    if (f->overall.name == NULL || f->rows.name == NULL)
        return SRW_FAIL(err, SRW_EDATA,
                        "%s is a directory, and no RevMan Web data package (no *-overall-estimates-and-settings.csv "
                        "and *-data-rows.csv up to four levels down): to import the CSV files in it, name them "
                        "(srw import %s/*.csv)",
                        dir, dir);
    web_part *p[] = {&f->overall, &f->subgroups, &f->rows, &f->rob};
    for (size_t i = 0; rc == 0 && i < 4; i++)
        if (p[i]->name)
            rc = slurp(p[i], err);
    return rc;
}

static int zip_fail(srw_error *err, const srw_zip *z, const char *what)
{
    SRW_FAIL(err, SRW_EDATA, "%s", what);
    srw_error_locate(err, srw_io__zip_label(z), 0, 0, NULL);
    return SRW_EDATA;
}

/* The CSVs of the archive z, or of the one *-data.zip inside it: RevMan
 * Web's export is a zip holding a folder with x-files/x-data.zip, which
 * holds the CSVs.  level counts the zips opened inside the one given; one
 * is as deep as RevMan nests them, and a deeper chain is refused rather
 * than followed (each level multiplies what an archive can unpack to). */
static int web_from_zip(web_parts *f, srw_zip *z, int level, srw_error *err)
{
    size_t n = srw_io__zip_count(z), inner = 0, n_inner = 0;
    char msg[600];
    for (size_t i = 0; i < n; i++) {
        const char *name = srw_io__zip_name(z, i);
        if (name == NULL || *name == '\0' || ends(name, "/"))
            continue;
        web_part *slot = web_slot(f, name);
        if (slot) {
            if ((slot->name = join3(srw_io__zip_label(z), "!", name)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            slot->index = i;
        } else if (ends(name, "-data.zip")) {
            if (n_inner++ == 0)
                inner = i;
        }
    }
    if (f->overall.name && f->rows.name) {
        web_part *p[] = {&f->overall, &f->subgroups, &f->rows, &f->rob};
        for (size_t i = 0; i < 4; i++)
            if (p[i]->name) {
                int rc = srw_io__zip_read(z, p[i]->index, &p[i]->data, &p[i]->len, err);
                if (rc != 0)
                    return rc;
            }
        return 0;
    }
    if (n_inner == 0 || f->overall.name || f->rows.name) {
        snprintf(msg, sizeof msg, "no RevMan Web data package in this zip (%s): it needs "
                 "*-overall-estimates-and-settings.csv and *-data-rows.csv, or the *-data.zip holding them",
                 f->overall.name ? "no *-data-rows.csv" : f->rows.name ? "no *-overall-estimates-and-settings.csv"
                                                                      : "neither CSV nor a *-data.zip");
        return zip_fail(err, z, msg);
    }
    const char *iname = srw_io__zip_name(z, inner);
    if (n_inner > 1) {
        snprintf(msg, sizeof msg, "%zu *-data.zip files inside (the first is %.200s): srw reads a package of one "
                 "review; give the data zip to read", n_inner, iname);
        return zip_fail(err, z, msg);
    }
    if (level >= 1) {
        snprintf(msg, sizeof msg, "%.200s is a data zip inside a data zip: srw opens one zip inside the package, "
                 "not a deeper chain (RevMan Web does not nest them)", iname);
        return zip_fail(err, z, msg);
    }
    /* A CSV lying beside the data zip is not the package's: start over inside. */
    web_parts_dispose(f);
    char *data = NULL, *label = join3(srw_io__zip_label(z), "!", iname);
    size_t len = 0;
    srw_zip *in = NULL;
    int rc = label ? srw_io__zip_read(z, inner, &data, &len, err) : SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc == 0)
        rc = srw_io__zip_open_owned(&in, data, len, label, err);
    if (rc == 0)
        rc = web_from_zip(f, in, level + 1, err);
    srw_io__zip_free(in);
    free(label);
    return rc;
}

/* A confidence level in column k ("95%"): empty -> RevMan Web's 95. */
static int level(ctx *c, const srw_csv_row *r, int k, const char *name, double *out)
{
    srw_error e;
    if (srw_io__revman_level(out, trimmed(r, k), &e) != 0)
        return fail(c, r->line, k + 1, "%s: %s", name, e.message);
    if (isnan(*out))
        *out = 95;
    return 0;
}

static int is_true(const char *s)
{
    return strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0;
}

typedef struct web_cols {
    int k[24];
} web_cols;

static int need(ctx *c, const srw_csv_row *h, const char *const *names, int n, int *k)
{
    for (int i = 0; i < n; i++) {
        k[i] = col(h, names[i]);
        if (k[i] < 0)
            return fail(c, h->line, 1, "no '%s' column (is this a RevMan Web data package?)", names[i]);
    }
    return 0;
}

static int web_pooled(ctx *c, const srw_csv_row *r, const int *k, srw_rm5_pooled *p, int *dec)
{
    /* k: Mean, CI start, CI end, Tau2, Chi2, df, P, I2, Z, P(Z) */
    double *v[] = {&p->effect, &p->ci_lower, &p->ci_upper, &p->tau2, &p->chi2, &p->df, &p->p_chi2, &p->i2,
                   &p->z, &p->p_z};
    for (int i = 0; i < 10; i++) {
        int rc = num(c, r, k[i], "estimate", v[i], dec);
        if (rc)
            return rc;
    }
    /* RevMan Web writes 0, 0, 0 for an analysis it did not compute. */
    p->present = !isnan(p->effect) && !(p->effect == 0 && p->ci_lower == 0 && p->ci_upper == 0);
    p->estimable = p->present;
    return 0;
}

static const char *const pooled_names[10] = {
    "Mean", "CI start", "CI end", "Heterogeneity Tau\xC2\xB2", "Heterogeneity Chi\xC2\xB2", "Heterogeneity df",
    "Heterogeneity P", "Heterogeneity I\xC2\xB2", "Effect Z", "Effect P"};

static int web_overall(ctx *c, srw_csv *csv, srw_strmap *idx)
{
    static const char *const names[] = {"Analysis group", "Analysis number", "Analysis name", "Analysis group name",
                                        "Data type", "Log-scale data", "Experimental group label",
                                        "Control group label", "Statistical method", "Effect measure",
                                        "Analysis model", "Swap event and non-event", "Study CI", "Estimate CI",
                                        "Subgroup Chi\xC2\xB2", "Subgroup df", "Subgroup P", "Subgroup I\xC2\xB2",
                                        "Test for subgroup differences", "Overall estimates"};
    srw_csv_row row;
    int k[20], pk[10], rc = srw_csv_next(csv, &row, c->err);
    if (rc <= 0)
        return rc < 0 ? rc : fail(c, 1, 1, "the file is empty");
    if ((rc = need(c, &row, names, 20, k)) != 0 || (rc = need(c, &row, pooled_names, 10, pk)) != 0)
        return rc;
    int k_sub = col(&row, "Subgroup estimates"); /* optional: RevMan Web's subtotals switch */
    while ((rc = srw_csv_next(csv, &row, c->err)) == 1) {
        srw_rm5_analysis *a = new_analysis(c, fld(&row, k[0]), fld(&row, k[1]), fld(&row, k[3]), fld(&row, k[2]),
                                           row.line);
        if (a == NULL)
            return oom(c);
        a->log_data = is_true(fld(&row, k[5]));
        a->group_label_1 = dup_nonempty(fld(&row, k[6]));
        a->group_label_2 = dup_nonempty(fld(&row, k[7]));
        a->swap_events = is_true(fld(&row, k[11]));
        if ((rc = level(c, &row, k[12], "Study CI", &a->ci_study)) != 0 ||
            (rc = level(c, &row, k[13], "Estimate CI", &a->ci_total)) != 0)
            return rc;
        a->subgroup_test = is_true(fld(&row, k[18]));
        if ((rc = init_analysis_settings(c, a, fld(&row, k[4]), fld(&row, k[8]), fld(&row, k[9]), fld(&row, k[10]),
                                         row.line, k[4] + 1)) != 0 ||
            (rc = web_pooled(c, &row, pk, &a->overall, &a->decimals)) != 0 ||
            (rc = num(c, &row, k[14], "Subgroup Chi2", &a->q_sub, &a->decimals)) != 0 ||
            (rc = num(c, &row, k[15], "Subgroup df", &a->df_sub, &a->decimals)) != 0 ||
            (rc = num(c, &row, k[16], "Subgroup P", &a->p_sub, &a->decimals)) != 0 ||
            (rc = num(c, &row, k[17], "Subgroup I2", &a->i2_sub, &a->decimals)) != 0)
            return rc;
        /* RevMan Web's two switches as RevMan 5's TOTALS: overall estimates
         * ("YES"), subgroup estimates alone ("SUB"), neither ("NO"). */
        free(a->totals);
        a->totals = strdup(is_true(fld(&row, k[19]))                       ? "YES"
                           : k_sub >= 0 && is_true(fld(&row, k_sub))        ? "SUB"
                                                                            : "NO");
        char key[80];
        snprintf(key, sizeof key, "%.30s\x1f%.30s", fld(&row, k[0]), fld(&row, k[1]));
        size_t j;
        if (srw_strmap_get(idx, key, &j))
            return fail(c, row.line, k[1] + 1, "analysis %s appears twice", a->number);
        if (a->totals == NULL || srw_strmap_put(idx, key, c->out->n_analyses - 1) != 0)
            return oom(c);
    }
    return rc;
}

static srw_rm5_analysis *web_find(ctx *c, const srw_strmap *idx, const srw_csv_row *row, int kg, int kn,
                                  size_t *ai)
{
    char key[80];
    snprintf(key, sizeof key, "%.30s\x1f%.30s", fld(row, kg), fld(row, kn));
    if (!srw_strmap_get(idx, key, ai)) {
        fail(c, row->line, kn + 1, "analysis %s.%s is not in the overall-estimates-and-settings file", fld(row, kg),
             fld(row, kn));
        return NULL;
    }
    return &c->out->analyses[*ai];
}

static int web_subgroups(ctx *c, srw_csv *csv, const srw_strmap *idx)
{
    static const char *const names[] = {"Analysis group", "Analysis number", "Subgroup"};
    srw_csv_row row;
    int k[3], pk[10], rc = srw_csv_next(csv, &row, c->err);
    if (rc <= 0)
        return rc;
    if ((rc = need(c, &row, names, 3, k)) != 0 || (rc = need(c, &row, pooled_names, 10, pk)) != 0)
        return rc;
    while ((rc = srw_csv_next(csv, &row, c->err)) == 1) {
        size_t ai;
        srw_rm5_analysis *a = web_find(c, idx, &row, k[0], k[1], &ai);
        if (a == NULL)
            return SRW_EDATA;
        srw_rm5_subgroup *g = realloc(a->subgroups, (a->n_subgroups + 1) * sizeof *g);
        if (g == NULL)
            return oom(c);
        a->subgroups = g;
        g = &a->subgroups[a->n_subgroups++];
        memset(g, 0, sizeof *g);
        a->has_subgroups = 1;
        if ((g->name = strdup(fld(&row, k[2]))) == NULL)
            return oom(c);
        if ((rc = web_pooled(c, &row, pk, &g->pooled, &a->decimals)) != 0)
            return rc;
    }
    return rc;
}

static int web_rows(ctx *c, srw_csv *csv, const srw_strmap *idx)
{
    static const char *const names[] = {"Analysis group", "Analysis number", "Subgroup", "Study", "Study year",
                                        "GIV Mean", "GIV SE", "Experimental mean", "Experimental SD",
                                        "Experimental cases", "Experimental N", "Control mean", "Control SD",
                                        "Control cases", "Control N", "O-E", "Variance", "Weight", "Mean",
                                        "CI start", "CI end", "Footnotes"};
    srw_csv_row row;
    int k[22], rc = srw_csv_next(csv, &row, c->err);
    if (rc <= 0)
        return rc < 0 ? rc : fail(c, 1, 1, "the file is empty");
    if ((rc = need(c, &row, names, 22, k)) != 0)
        return rc;
    while ((rc = srw_csv_next(csv, &row, c->err)) == 1) {
        size_t ai;
        srw_rm5_analysis *a = web_find(c, idx, &row, k[0], k[1], &ai);
        if (a == NULL)
            return SRW_EDATA;
        study_row s;
        memset(&s, 0, sizeof s);
        s.label = fld(&row, k[3]);
        s.subgroup = *fld(&row, k[2]) ? fld(&row, k[2]) : NULL;
        if ((rc = year(c, &row, k[4], "Study year", &s.year)) != 0)
            return rc;
        static const int cols[F_N] = {9, 10, 7, 8, 13, 14, 11, 12, 5, 6, 15, 16, 3};
        for (int f = 0; f < F_N; f++)
            s.col[f] = k[cols[f]];
        s.notes = fld(&row, k[21]);
        s.se = NAN;
        double *v[] = {&s.giv, &s.giv_se, &s.m1, &s.sd1, &s.e1, &s.n1, &s.m2, &s.sd2, &s.e2, &s.n2, &s.oe, &s.var};
        for (int i = 0; i < 12; i++)
            if ((rc = num(c, &row, k[5 + i], names[5 + i], v[i], NULL)) != 0)
                return rc;
        if ((rc = num(c, &row, k[17], "Weight", &s.weight, &a->decimals)) || (rc = num(c, &row, k[18], "Mean", &s.effect, &a->decimals)) ||
            (rc = num(c, &row, k[19], "CI start", &s.lo, &a->decimals)) || (rc = num(c, &row, k[20], "CI end", &s.hi, &a->decimals)))
            return rc;
        if (*s.label == '\0')
            return fail(c, row.line, k[3] + 1, "a data row without a study name");
        if (s.subgroup) { /* the subgroup must be one of the analysis's */
            int known = 0;
            for (size_t g = 0; g < a->n_subgroups; g++)
                known |= strcmp(a->subgroups[g].name, s.subgroup) == 0;
            if (!known && a->n_subgroups > 0)
                return fail(c, row.line, k[2] + 1, "analysis %s has no subgroup '%s'", a->number, s.subgroup);
        }
        if ((rc = add_study(c, a, ai, &s, row.line)) != 0)
            return rc;
    }
    return rc;
}

static int web_rob(ctx *c, srw_csv *csv)
{
    srw_csv_row row;
    int rc = srw_csv_next(csv, &row, c->err);
    if (rc <= 0)
        return rc;
    int ks = col(&row, "Study");
    if (ks < 0)
        return fail(c, row.line, 1, "no 'Study' column");
    /* "Domain (judgement): X" with its "Domain (support): X" */
    size_t nh = row.n;
    char **items = calloc(nh, sizeof *items);
    int *support = calloc(nh, sizeof *support);
    if (items == NULL || support == NULL) {
        free(items);
        free(support);
        return oom(c);
    }
    static const char jp[] = "Domain (judgement): ", sp[] = "Domain (support): ";
    for (size_t i = 0; i < nh; i++) {
        support[i] = -1;
        if (strncmp(row.fields[i], jp, sizeof jp - 1) == 0) {
            items[i] = strdup(row.fields[i] + sizeof jp - 1);
            for (size_t j = 0; j < nh && items[i]; j++)
                if (strncmp(row.fields[j], sp, sizeof sp - 1) == 0 &&
                    strcmp(row.fields[j] + sizeof sp - 1, items[i]) == 0)
                    support[i] = (int)j;
        }
    }
    srw_rm5_review *o = c->out;
    while (rc >= 0 && (rc = srw_csv_next(csv, &row, c->err)) == 1) {
        for (size_t i = 0; i < nh && rc >= 0; i++) {
            if (items[i] == NULL || *fld(&row, (int)i) == '\0')
                continue;
            if (srw_grow((void **)&o->rob, o->n_rob, &c->cap_rob, sizeof *o->rob) != 0) {
                rc = oom(c);
                break;
            }
            srw_rm5_rob *b = &o->rob[o->n_rob++];
            memset(b, 0, sizeof *b);
            const char *j = fld(&row, (int)i);
            const char *res = strcasecmp(j, "Low risk") == 0 ? "YES" : strcasecmp(j, "High risk") == 0 ? "NO"
                              : strcasecmp(j, "Unclear risk") == 0 ? "UNKNOWN" : j;
            b->study = strdup(fld(&row, ks));
            b->item = strdup(items[i]);
            b->result = strdup(res);
            b->support = support[i] >= 0 ? dup_nonempty(fld(&row, support[i])) : NULL;
            if (!b->study || !b->item || !b->result)
                rc = oom(c);
        }
    }
    for (size_t i = 0; i < nh; i++)
        free(items[i]);
    free(items);
    free(support);
    return rc;
}


/* RevMan Web's judgements onto the trial records (YES low, NO high, UNKNOWN
 * unclear; "Not applicable" and other values stay unset).  A specific item
 * wins over the combined blinding item; two different judgements of one
 * study and domain leave it unset. */
static void web_apply_rob(srw_rm5_review *o)
{
    for (size_t i = 0; i < o->set.n_records; i++) {
        srw_record *r = &o->set.records[i];
        int rank[SRW_ROB_N] = {0}, conflict[SRW_ROB_N] = {0};
        for (size_t b = 0; b < o->n_rob; b++) {
            const srw_rm5_rob *x = &o->rob[b];
            if (strcmp(x->study, r->study) != 0)
                continue;
            srw_rob_judgement j = strcmp(x->result, "YES") == 0       ? SRW_ROB_LOW
                                  : strcmp(x->result, "NO") == 0      ? SRW_ROB_HIGH
                                  : strcmp(x->result, "UNKNOWN") == 0 ? SRW_ROB_UNCLEAR
                                                                      : SRW_ROB_UNSET;
            srw_rob_domain d[2];
            int rk = 0, nd = j == SRW_ROB_UNSET ? 0 : srw_rm5_rob_domains(x->item, d, &rk);
            for (int k = 0; k < nd; k++) {
                if (rk > rank[d[k]]) {
                    r->rob[d[k]] = j;
                    rank[d[k]] = rk;
                    conflict[d[k]] = 0;
                } else if (rk == rank[d[k]] && r->rob[d[k]] != j) {
                    conflict[d[k]] = 1;
                }
            }
        }
        int any = 0;
        for (int d = 0; d < SRW_ROB_N; d++) {
            if (conflict[d])
                r->rob[d] = SRW_ROB_UNSET;
            any |= r->rob[d] != SRW_ROB_UNSET;
        }
        if (any && r->rob_source == NULL)
            r->rob_source = strdup("RevMan Web risk-of-bias table");
    }
}

static int read_part(ctx *c, const web_part *p, int (*fn)(ctx *, srw_csv *, srw_strmap *), srw_strmap *idx)
{
    if (p->name == NULL)
        return 0;
    srw_csv *csv = NULL;
    c->path = p->name;
    int rc = srw_csv_open_buffer(&csv, p->data, p->len, p->name, c->err);
    if (rc == 0)
        rc = fn(c, csv, idx);
    srw_csv_free(csv);
    return rc < 0 ? rc : 0;
}

static int web_subgroups_m(ctx *c, srw_csv *csv, srw_strmap *idx)
{
    return web_subgroups(c, csv, idx);
}

static int web_rows_m(ctx *c, srw_csv *csv, srw_strmap *idx)
{
    return web_rows(c, csv, idx);
}

static int web_rob_m(ctx *c, srw_csv *csv, srw_strmap *idx)
{
    (void)idx;
    return web_rob(c, csv);
}

/* The one parser of the package, whatever it came from. */
static int web_parse(ctx *c, const web_parts *f)
{
    srw_strmap idx = {0};
    int rc = read_part(c, &f->overall, web_overall, &idx);
    if (rc == 0)
        rc = read_part(c, &f->subgroups, web_subgroups_m, &idx);
    if (rc == 0)
        rc = read_part(c, &f->rows, web_rows_m, &idx);
    if (rc == 0)
        rc = read_part(c, &f->rob, web_rob_m, &idx);
    if (rc == 0)
        web_apply_rob(c->out);
    for (size_t i = 0; rc == 0 && i < c->out->n_analyses; i++) {
        srw_rm5_analysis *a = &c->out->analyses[i];
        a->subgroup_test_present = a->n_subgroups > 1 && !isnan(a->q_sub) && a->subgroup_test;
    }
    srw_strmap_dispose(&idx);
    return rc;
}

int srw_revman_web_read(srw_rm5_review *out, const char *path, srw_error *err)
{
    ctx c;
    srw_error local;
    web_parts f;
    memset(&f, 0, sizeof f);
    int rc = begin(&c, out, path, "revman-web", err, &local);
    struct stat sb;
    if (rc == 0 && stat(path, &sb) != 0) {
        rc = SRW_FAIL(c.err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    } else if (rc == 0 && S_ISDIR(sb.st_mode)) {
        rc = web_from_dir(&f, path, c.err);
    } else if (rc == 0 && srw_io__zip_is_zip(path)) {
        srw_zip *z = NULL;
        rc = srw_io__zip_open_file(&z, path, c.err);
        if (rc == 0)
            rc = web_from_zip(&f, z, 0, c.err);
        srw_io__zip_free(z);
    } else if (rc == 0) {
        rc = SRW_FAIL(c.err, SRW_EUSAGE,
                      "%s is neither a zip nor a directory: give RevMan Web's data package (the .zip RevMan Web "
                      "exports, the *-data.zip inside it, or a directory holding its CSV files)",
                      path);
    }
    if (rc == 0)
        rc = web_parse(&c, &f);
    c.path = path;
    web_parts_dispose(&f);
    return finish(&c, rc);
}

int srw_revman_web_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name,
                               srw_error *err)
{
    ctx c;
    srw_error local;
    web_parts f;
    memset(&f, 0, sizeof f);
    int rc = begin(&c, out, name, "revman-web", err, &local);
    char *copy = rc == 0 ? malloc(len ? len : 1) : NULL;
    srw_zip *z = NULL;
    if (rc == 0 && copy == NULL)
        rc = oom(&c);
    if (rc == 0) {
        memcpy(copy, data, len);
        rc = srw_io__zip_open_owned(&z, copy, len, name, c.err);
    }
    if (rc == 0)
        rc = web_from_zip(&f, z, 0, c.err);
    srw_io__zip_free(z);
    if (rc == 0)
        rc = web_parse(&c, &f);
    web_parts_dispose(&f);
    return finish(&c, rc);
}
