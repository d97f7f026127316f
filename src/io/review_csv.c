/* Reads the review's CSV files (trial records, published results, use
 * settings) into an srw_record_set: see include/srw/csv.h.  Trial-record
 * files are read through the streaming reader of trial_stream.c, which
 * holds their cross-checks. */
#include "srw/decimal.h"
#include "srw/csv.h"
#include "srw/effect.h"
#include "srw/record.h"
#include "io/grow.h"
#include "io/review_read.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { F_STR, F_NUM, F_INT, F_LONG, F_POS, F_TYPE, F_DIR, F_ROB } field_kind;

typedef struct srw_io__column_spec {
    const char *name;
    field_kind kind;
    size_t offset;
    int required; /* the header must have it */
} column_spec;

#define REC(f) offsetof(srw_record, f)
static const column_spec trial_columns[] = {
    {"study", F_STR, REC(study), 1},
    {"use", F_STR, REC(use), 1},
    {"outcome", F_STR, REC(outcome), 1},
    {"type", F_TYPE, REC(type), 1},
    {"exp_events", F_NUM, REC(exp_events), 0},
    {"exp_total", F_NUM, REC(exp_total), 0},
    {"ctl_events", F_NUM, REC(ctl_events), 0},
    {"ctl_total", F_NUM, REC(ctl_total), 0},
    {"exp_mean", F_NUM, REC(exp_mean), 0},
    {"exp_sd", F_NUM, REC(exp_sd), 0},
    {"ctl_mean", F_NUM, REC(ctl_mean), 0},
    {"ctl_sd", F_NUM, REC(ctl_sd), 0},
    {"estimate", F_NUM, REC(estimate), 0},
    {"se", F_NUM, REC(se), 0},
    {"year", F_INT, REC(year), 0},
    {"comparison", F_STR, REC(comparison), 0},
    {"intervention", F_STR, REC(intervention), 0},
    {"comparator", F_STR, REC(comparator), 0},
    {"subgroup", F_STR, REC(subgroup), 0},
    {"direction", F_DIR, REC(direction), 0},
    {"unit", F_STR, REC(unit), 0},
    {"measure", F_STR, REC(measure), 0},
    {"mid", F_NUM, REC(mid), 0},
    {"mid_source", F_STR, REC(mid_source), 0},
    {"source", F_STR, REC(source), 0},
    {"notes", F_STR, REC(notes), 0},
    {"rob_sequence", F_ROB, REC(rob) + SRW_ROB_SEQUENCE * sizeof(srw_rob_judgement), 0},
    {"rob_allocation", F_ROB, REC(rob) + SRW_ROB_ALLOCATION * sizeof(srw_rob_judgement), 0},
    {"rob_blinding_participants", F_ROB,
     REC(rob) + SRW_ROB_BLINDING_PARTICIPANTS * sizeof(srw_rob_judgement), 0},
    {"rob_blinding_assessors", F_ROB,
     REC(rob) + SRW_ROB_BLINDING_ASSESSORS * sizeof(srw_rob_judgement), 0},
    {"rob_incomplete", F_ROB, REC(rob) + SRW_ROB_INCOMPLETE * sizeof(srw_rob_judgement), 0},
    {"rob_selective", F_ROB, REC(rob) + SRW_ROB_SELECTIVE * sizeof(srw_rob_judgement), 0},
    {"rob_other", F_ROB, REC(rob) + SRW_ROB_OTHER * sizeof(srw_rob_judgement), 0},
    {"rob_sequence_support", F_STR, REC(rob_support) + SRW_ROB_SEQUENCE * sizeof(char *), 0},
    {"rob_allocation_support", F_STR, REC(rob_support) + SRW_ROB_ALLOCATION * sizeof(char *), 0},
    {"rob_blinding_participants_support", F_STR, REC(rob_support) + SRW_ROB_BLINDING_PARTICIPANTS * sizeof(char *), 0},
    {"rob_blinding_assessors_support", F_STR, REC(rob_support) + SRW_ROB_BLINDING_ASSESSORS * sizeof(char *), 0},
    {"rob_incomplete_support", F_STR, REC(rob_support) + SRW_ROB_INCOMPLETE * sizeof(char *), 0},
    {"rob_selective_support", F_STR, REC(rob_support) + SRW_ROB_SELECTIVE * sizeof(char *), 0},
    {"rob_other_support", F_STR, REC(rob_support) + SRW_ROB_OTHER * sizeof(char *), 0},
    {"rob_source", F_STR, REC(rob_source), 0},
    {"randomised", F_POS, REC(randomised), 0},
    {"scale_min", F_NUM, REC(scale_min), 0},
    {"scale_max", F_NUM, REC(scale_max), 0},
    {"measured_as", F_STR, REC(measured_as), 0},
    {NULL, F_STR, 0, 0},
};

#define PUB(f) offsetof(srw_published, f)
static const column_spec published_columns[] = {
    {"use", F_STR, PUB(use), 1},
    {"outcome", F_STR, PUB(outcome), 1},
    {"review", F_STR, PUB(review), 1},
    {"version", F_STR, PUB(version), 0},
    {"search_date", F_STR, PUB(search_date), 0},
    {"measure", F_STR, PUB(measure), 1},
    {"model", F_STR, PUB(model), 0},
    {"method", F_STR, PUB(method), 0},
    {"estimate", F_NUM, PUB(estimate), 1},
    {"ci_lower", F_NUM, PUB(ci_lower), 1},
    {"ci_upper", F_NUM, PUB(ci_upper), 1},
    {"trials", F_LONG, PUB(trials), 0},
    {"participants", F_LONG, PUB(participants), 0},
    {"certainty", F_STR, PUB(certainty), 0},
    {"direction", F_DIR, PUB(direction), 0},
    {"source", F_STR, PUB(source), 1},
    {"notes", F_STR, PUB(notes), 0},
    {NULL, F_STR, 0, 0},
};

#define GRD(f) offsetof(srw_grade_setting, f)
static const column_spec grade_columns[] = {
    {"use", F_STR, GRD(use), 1},
    {"outcome", F_STR, GRD(outcome), 1},
    {"domain", F_STR, GRD(domain), 1},
    {"downgrade", F_INT, GRD(downgrade), 1},
    {"reason", F_STR, GRD(reason), 1},
    {NULL, F_STR, 0, 0},
};

#define USE(f) offsetof(srw_use_settings, f)
static const column_spec use_columns[] = {
    {"use", F_STR, USE(use), 1},
    {"primary_outcome", F_STR, USE(primary_outcome), 1},
    {"description", F_STR, USE(description), 0},
    {"mid", F_NUM, USE(mid), 0},
    {"mid_measure", F_STR, USE(mid_measure), 0},
    {"mid_source", F_STR, USE(mid_source), 0},
    {"notes", F_STR, USE(notes), 0},
    {"source", F_STR, USE(source), 0},
    {NULL, F_STR, 0, 0},
};

typedef srw_io__review_header reader;

static int loc_fail(srw_error *err, const char *path, long line, long col, const char *field)
{
    srw_error_locate(err, path, line, col, field);
    return err ? err->code : SRW_EDATA;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Every power of ten up to 10^22 is a double exactly. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The common case of parse_number, a plain decimal ("-12.345"): at most 15
 * significant digits and 22 decimals.  Then m and 10^k are exact doubles
 * and m / 10^k is rounded once, to the double nearest the decimal, which
 * is what strtod returns (Clinger's fast path).  0 when it does not apply. */
static int parse_plain_decimal(const char *s, double *out)
{
    const char *p = s;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    unsigned long long m = 0;
    int digits = 0, significant = 0, decimals = 0, point = 0;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
            if (m == 0 && *p == '0') {
                if (point)
                    decimals++;
                continue; /* a leading zero adds no significant digit */
            }
            if (++significant > 15)
                return 0;
            m = m * 10 + (unsigned long long)(*p - '0');
            decimals += point;
        } else if (*p == '.' && !point) {
            point = 1;
        } else {
            break;
        }
    }
    if (*p != '\0' || digits == 0 || decimals > 22)
        return 0;
    double v = (double)m / pow10_exact[decimals];
    *out = neg ? -v : v;
    return 1;
}

/* Strict decimal number: digits, sign, point, exponent; nothing else. */
static int parse_number(const char *s, double *out)
{
    if (*s == '\0')
        return -1;
    if (parse_plain_decimal(s, out))
        return 0;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != '-' && *p != '+' && *p != 'e' && *p != 'E')
            return -1;
    errno = 0;
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        return -1;
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return -2;
    if (errno == ERANGE) /* underflow: below 1e-307 */
        return -3;
    *out = v;
    return 0;
}

static int set_field(void *obj, const column_spec *c, char *text, srw_error *err)
{
    char *slot = (char *)obj + c->offset;
    if (*text == '\0')
        return 0; /* many fields of a row are empty: no need to trim them */
    text = trim(text);
    if (*text == '\0')
        return 0; /* missing: the struct's default (NULL / NAN / 0 / UNSET) stays */
    double v = 0;
    int rc;
    switch (c->kind) {
    case F_STR: {
        char *dup = strdup(text);
        if (dup == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        memcpy(slot, &dup, sizeof dup);
        return 0;
    }
    case F_NUM:
    case F_INT:
    case F_LONG:
    case F_POS:
        rc = parse_number(text, &v);
        if (rc == -1)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not a number", text);
        if (rc == -2)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not a finite number", text);
        if (rc == -3)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is too close to zero to compute with (below 1e-307)", text);
        if (c->kind == F_NUM) {
            memcpy(slot, &v, sizeof v);
            return 0;
        }
        if (c->kind == F_POS && (v != floor(v) || v < 1 || v > 1e9))
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not a whole number of at least 1", text);
        if (v != floor(v) || v < 0 || v > 1e9)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not a non-negative whole number", text);
        if (c->kind == F_INT) {
            int iv = (int)v;
            memcpy(slot, &iv, sizeof iv);
        } else {
            long lv = (long)v;
            memcpy(slot, &lv, sizeof lv);
        }
        return 0;
    case F_TYPE: {
        srw_outcome_type t = srw_outcome_type_parse(text);
        if (t == SRW_TYPE_NONE)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not dichotomous, continuous or generic", text);
        memcpy(slot, &t, sizeof t);
        return 0;
    }
    case F_DIR: {
        srw_direction d = srw_direction_parse(text);
        if (d == SRW_DIR_UNSET)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not lower_is_better or higher_is_better", text);
        memcpy(slot, &d, sizeof d);
        return 0;
    }
    case F_ROB: {
        srw_rob_judgement j = srw_rob_judgement_parse(text);
        if (j == SRW_ROB_UNSET)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not low, high or unclear", text);
        memcpy(slot, &j, sizeof j);
        return 0;
    }
    }
    return 0;
}

static int read_header(reader *rd, const srw_csv_row *row, srw_error *err)
{
    rd->n_header = row->n;
    rd->col_of_spec = malloc(rd->n_spec * sizeof(int));
    rd->spec_of_col = malloc(row->n * sizeof(int));
    if (rd->col_of_spec == NULL || rd->spec_of_col == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t s = 0; s < rd->n_spec; s++)
        rd->col_of_spec[s] = -1;
    for (size_t c = 0; c < row->n; c++) {
        const char *name = trim(row->fields[c]);
        size_t s = 0;
        while (s < rd->n_spec && strcmp(rd->spec[s].name, name) != 0)
            s++;
        if (s == rd->n_spec) {
            SRW_FAIL(err, SRW_EDATA, "unknown column '%s' (a typo? see README, 'The CSV format')", name);
            return loc_fail(err, rd->path, row->line, (long)c + 1, NULL);
        }
        if (rd->col_of_spec[s] != -1) {
            SRW_FAIL(err, SRW_EDATA, "column '%s' appears twice in the header", name);
            return loc_fail(err, rd->path, row->line, (long)c + 1, NULL);
        }
        rd->col_of_spec[s] = (int)c;
        rd->spec_of_col[c] = (int)s;
    }
    for (size_t s = 0; s < rd->n_spec; s++) {
        if (rd->spec[s].required && rd->col_of_spec[s] == -1) {
            SRW_FAIL(err, SRW_EDATA, "the header has no '%s' column, which is required", rd->spec[s].name);
            return loc_fail(err, rd->path, row->line, 0, NULL);
        }
    }
    return 0;
}

/* Parse one data row into obj; checks field count and each field's syntax. */
static int read_row(const reader *rd, const srw_csv_row *row, void *obj, srw_error *err)
{
    if (row->n != rd->n_header) {
        SRW_FAIL(err, SRW_EDATA, "the row has %zu fields but the header has %zu", row->n, rd->n_header);
        return loc_fail(err, rd->path, row->line, 0, NULL);
    }
    for (size_t c = 0; c < row->n; c++) {
        const column_spec *spec = &rd->spec[rd->spec_of_col[c]];
        int rc = set_field(obj, spec, row->fields[c], err);
        if (rc != 0)
            return loc_fail(err, rd->path, row->line, (long)c + 1, spec->name);
    }
    return 0;
}

/* A rule from srw/record.h broke: add the location, column from the field. */
static int rule_fail(const reader *rd, long line, srw_error *err)
{
    long col = 0;
    if (err != NULL && err->field[0] != '\0') {
        for (size_t s = 0; s < rd->n_spec; s++)
            if (strcmp(rd->spec[s].name, err->field) == 0 && rd->col_of_spec[s] >= 0)
                col = rd->col_of_spec[s] + 1;
        if (col == 0 && err->code == SRW_EDATA && strstr(err->message, "needs") != NULL) {
            size_t len = strlen(err->message);
            snprintf(err->message + len, sizeof err->message - len, ", but the header has no '%.60s' column",
                     err->field);
        }
    }
    return loc_fail(err, rd->path, line, col, NULL);
}

static long col_of(const reader *rd, const char *name)
{
    for (size_t s = 0; s < rd->n_spec; s++)
        if (strcmp(rd->spec[s].name, name) == 0)
            return rd->col_of_spec[s] + 1;
    return 0;
}

void srw_io__record_init(srw_record *r, long line)
{
    memset(r, 0, sizeof *r);
    r->exp_events = r->exp_total = r->ctl_events = r->ctl_total = NAN;
    r->exp_mean = r->exp_sd = r->ctl_mean = r->ctl_sd = NAN;
    r->estimate = r->se = r->mid = NAN;
    r->scale_min = r->scale_max = NAN;
    r->line = line;
}

static void init_published(srw_published *p, long line)
{
    memset(p, 0, sizeof *p);
    p->estimate = p->ci_lower = p->ci_upper = NAN;
    p->trials = p->participants = -1;
    p->line = line;
}

static void init_use(srw_use_settings *u, long line)
{
    memset(u, 0, sizeof *u);
    u->mid = NAN;
    u->line = line;
}

/* One GRADE judgement: a known domain, 0 to 2 levels, a reason, once per
 * outcome and domain. */
static int check_grade_setting(const reader *rd, const srw_record_set *set, const srw_grade_setting *g,
                               srw_error *err)
{
    const char *required[] = {"use", "outcome", "domain", "reason"};
    const char *values[] = {g->use, g->outcome, g->domain, g->reason};
    for (int i = 0; i < 4; i++)
        if (values[i] == NULL) {
            SRW_FAIL(err, SRW_EDATA, "required field is empty%s",
                     i == 3 ? " (every GRADE judgement needs its reason)" : "");
            return loc_fail(err, rd->path, g->line, col_of(rd, required[i]), required[i]);
        }
    if (!srw_grade_domain_key_valid(g->domain)) {
        SRW_FAIL(err, SRW_EDATA,
                 "'%s' is not a GRADE domain (risk_of_bias, inconsistency, indirectness, imprecision, "
                 "publication_bias)",
                 g->domain);
        return loc_fail(err, rd->path, g->line, col_of(rd, "domain"), "domain");
    }
    if (g->downgrade == -1) {
        SRW_FAIL(err, SRW_EDATA, "required field is empty");
        return loc_fail(err, rd->path, g->line, col_of(rd, "downgrade"), "downgrade");
    }
    if (g->downgrade < 0 || g->downgrade > 2) {
        SRW_FAIL(err, SRW_EDATA, "a downgrade is 0, 1 or 2 levels (got %d)", g->downgrade);
        return loc_fail(err, rd->path, g->line, col_of(rd, "downgrade"), "downgrade");
    }
    for (size_t j = 0; j + 1 < set->n_grade; j++) {
        const srw_grade_setting *o = &set->grade[j];
        if (strcmp(o->use, g->use) == 0 && strcmp(o->outcome, g->outcome) == 0 &&
            strcmp(o->domain, g->domain) == 0) {
            SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' has a judgement of %s already on line %ld", g->outcome,
                     g->use, g->domain, o->line);
            return loc_fail(err, rd->path, g->line, col_of(rd, "domain"), "domain");
        }
    }
    return 0;
}

static int cross_check_uses(const reader *rd, const srw_record_set *set, srw_error *err)
{
    for (size_t i = 0; i < set->n_uses; i++) {
        const srw_use_settings *u = &set->uses[i];
        if (!isnan(u->mid) && u->mid <= 0) {
            SRW_FAIL(err, SRW_EDATA, "the minimal important difference must be positive (got %g)", u->mid);
            return loc_fail(err, rd->path, u->line, col_of(rd, "mid"), "mid");
        }
        /* The report reads the MID on this scale, or not at all. */
        srw_measure m = srw_measure_parse(u->mid_measure);
        if (u->mid_measure != NULL && (m == SRW_MEASURE_DEFAULT || m == SRW_MEASURE_GENERIC)) {
            SRW_FAIL(err, SRW_EDATA, "mid_measure '%s' is not one of SMD, MD, RR, OR, RD, PETO, ROM", u->mid_measure);
            return loc_fail(err, rd->path, u->line, col_of(rd, "mid_measure"), "mid_measure");
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(set->uses[j].use, u->use) == 0) {
                SRW_FAIL(err, SRW_EDATA, "use '%s' appears twice (also on line %ld)", u->use, set->uses[j].line);
                return loc_fail(err, rd->path, u->line, col_of(rd, "use"), "use");
            }
        }
    }
    return 0;
}


int srw_io__review_header_read(srw_io__review_header *h, srw_csv *csv, const char *path,
                               srw_file_kind *kind, srw_error *err)
{
    memset(h, 0, sizeof *h);
    h->path = path;
    *kind = 0;
    srw_csv_row row;
    int rc = srw_csv_next(csv, &row, err);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        rc = SRW_FAIL(err, SRW_EDATA, "the file is empty (a header row is required)");
        srw_error_locate(err, path, 1, 0, NULL);
        return rc;
    }
    srw_file_kind k = 0;
    for (size_t c = 0; c < row.n; c++) {
        const char *name = trim(row.fields[c]);
        if (strcmp(name, "study") == 0)
            k = SRW_FILE_TRIALS;
        else if (strcmp(name, "review") == 0 && k == 0)
            k = SRW_FILE_PUBLISHED;
        else if (strcmp(name, "primary_outcome") == 0 && k == 0)
            k = SRW_FILE_USES;
        else if (strcmp(name, "domain") == 0 && k == 0)
            k = SRW_FILE_GRADE;
    }
    if (k == 0) {
        rc = SRW_FAIL(err, SRW_EDATA,
                      "the header names no 'study' (trial records), 'review' (published results), "
                      "'primary_outcome' (use settings) or 'domain' (GRADE judgements) column");
        srw_error_locate(err, path, row.line, 0, NULL);
        return rc;
    }
    *kind = k;
    h->spec = k == SRW_FILE_TRIALS      ? trial_columns
              : k == SRW_FILE_PUBLISHED ? published_columns
              : k == SRW_FILE_GRADE     ? grade_columns
                                        : use_columns;
    while (h->spec[h->n_spec].name != NULL)
        h->n_spec++;
    return read_header(h, &row, err);
}

void srw_io__review_header_dispose(srw_io__review_header *h)
{
    if (h == NULL)
        return;
    free(h->col_of_spec);
    free(h->spec_of_col);
    h->col_of_spec = h->spec_of_col = NULL;
}

int srw_io__review_record_read(const srw_io__review_header *h, const srw_csv_row *row, srw_record *r,
                               srw_error *err)
{
    srw_io__record_init(r, row->line);
    int rc = read_row(h, row, r, err);
    if (rc != 0)
        return rc;
    r->has_scale = !isnan(r->scale_min) || !isnan(r->scale_max);
    if (srw_record_validate(r, err) != 0)
        return rule_fail(h, row->line, err);
    return 0;
}

long srw_io__review_column(const srw_io__review_header *h, const char *name)
{
    return col_of(h, name);
}

/* A trial-record file, every row through the streaming reader. */
static int read_trials(srw_record_set *out, srw_trial_reader *tr, srw_error *err)
{
    size_t cap = 0;
    srw_record rec;
    int rc;
    while ((rc = srw_trial_reader_next(tr, &rec, err)) == 1) {
        if (srw_io__grow((void **)&out->records, out->n_records, &cap, sizeof(srw_record)) != 0) {
            srw_record_dispose(&rec);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        out->records[out->n_records++] = rec;
    }
    return rc;
}

/* The rows of a file of the other kinds, whose header rd has read. */
static int read_rows(srw_record_set *out, srw_csv *csv, const reader *rd, srw_error *err)
{
    const char *path = rd->path;
    srw_csv_row row;
    size_t cap = 0;
    int rc;
    while ((rc = srw_csv_next(csv, &row, err)) == 1) {
        if (out->kind == SRW_FILE_PUBLISHED) {
            if (srw_io__grow((void **)&out->published, out->n_published, &cap, sizeof(srw_published)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_published *p = &out->published[out->n_published++];
            init_published(p, row.line);
            if ((rc = read_row(rd, &row, p, err)) != 0)
                return rc;
            const char *dec_cols[] = {"estimate", "ci_lower", "ci_upper"};
            for (int d = 0; d < 3; d++) {
                long c = col_of(rd, dec_cols[d]);
                int n = c > 0 ? srw_decimals_of(row.fields[c - 1]) : 0;
                if (n > p->decimals)
                    p->decimals = n;
            }
            if ((rc = srw_published_validate(p, err)) != 0)
                return rule_fail(rd, row.line, err);
        } else if (out->kind == SRW_FILE_GRADE) {
            if (srw_io__grow((void **)&out->grade, out->n_grade, &cap, sizeof(srw_grade_setting)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_grade_setting *g = &out->grade[out->n_grade++];
            memset(g, 0, sizeof *g);
            g->line = row.line;
            g->downgrade = -1;
            if ((rc = read_row(rd, &row, g, err)) != 0)
                return rc;
            if ((rc = check_grade_setting(rd, out, g, err)) != 0)
                return rc;
        } else {
            if (srw_io__grow((void **)&out->uses, out->n_uses, &cap, sizeof(srw_use_settings)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_use_settings *u = &out->uses[out->n_uses++];
            init_use(u, row.line);
            if ((rc = read_row(rd, &row, u, err)) != 0)
                return rc;
            if (u->use == NULL || u->primary_outcome == NULL) {
                rc = SRW_FAIL(err, SRW_EDATA, "required field is empty");
                return loc_fail(err, path, row.line, col_of(rd, u->use == NULL ? "use" : "primary_outcome"),
                                u->use == NULL ? "use" : "primary_outcome");
            }
        }
    }
    if (rc < 0)
        return rc;
    return out->kind == SRW_FILE_USES ? cross_check_uses(rd, out, err) : 0;
}

/* The header's names, for errors found after reading (the importer's). */
static int keep_columns(srw_record_set *out, const reader *rd)
{
    if (rd->n_header == 0)
        return 0;
    if ((out->columns = calloc(rd->n_header, sizeof *out->columns)) == NULL)
        return -1;
    out->n_columns = rd->n_header;
    for (size_t c = 0; c < rd->n_header; c++) {
        int k = rd->spec_of_col[c];
        if (k >= 0 && (out->columns[c] = strdup(rd->spec[k].name)) == NULL)
            return -1;
    }
    return 0;
}

/* Reads the file csv holds into out, and frees csv. */
static int read_review(srw_record_set *out, srw_csv *csv, const char *path, srw_error *err)
{
    reader rd;
    srw_file_kind kind;
    int rc;
    memset(out, 0, sizeof *out);
    if ((out->path = strdup(path)) == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        srw_csv_free(csv);
        goto done;
    }
    rc = srw_io__review_header_read(&rd, csv, path, &kind, err);
    out->kind = kind;
    if (rc == 0 && keep_columns(out, &rd) != 0)
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (rc == 0 && kind == SRW_FILE_TRIALS) {
        srw_trial_reader *tr = NULL;
        rc = srw_io__trial_reader_adopt(&tr, csv, &rd, kind, path, err);
        if (rc == 0)
            rc = read_trials(out, tr, err);
        srw_trial_reader_free(tr);
        goto done;
    }
    if (rc == 0)
        rc = read_rows(out, csv, &rd, err);
    srw_io__review_header_dispose(&rd);
    srw_csv_free(csv);
done:
    if (rc != 0)
        srw_record_set_dispose(out);
    return rc < 0 ? rc : 0;
}

int srw_csv_read_review(srw_record_set *out, const char *path, srw_error *err)
{
    srw_csv *csv = NULL;
    memset(out, 0, sizeof *out);
    int rc = srw_csv_open_file(&csv, path, err);
    return rc != 0 ? rc : read_review(out, csv, path, err);
}

int srw_csv_read_review_buffer(srw_record_set *out, const char *data, size_t len,
                               const char *name, srw_error *err)
{
    srw_csv *csv = NULL;
    memset(out, 0, sizeof *out);
    int rc = srw_csv_open_buffer(&csv, data, len, name, err);
    return rc != 0 ? rc : read_review(out, csv, name, err);
}
