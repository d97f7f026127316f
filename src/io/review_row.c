/* A row of the review's CSV files as srw reads it, whichever way the file is
 * read (whole: review_csv.c; a row at a time: trial_stream.c): the columns
 * of each kind of file, the header, each field's syntax, and a trial
 * record's rules (srw_record_validate), located file:line:column. */
#include "srw/csv.h"
#include "srw/effect.h"
#include "srw/record.h"
#include "util/grow.h"
#include "io/review_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of the other kinds of file (trial records: srw_record_columns). */
#define COL(name, kind, offset, required) {name, kind, offset, required, SRW_OWNER_RECORD, 0, 0, 0, 0}

#define PUB(f) offsetof(srw_published, f)
static const srw_column published_columns[] = {
    COL("use", SRW_FIELD_TEXT, PUB(use), 1),
    COL("outcome", SRW_FIELD_TEXT, PUB(outcome), 1),
    COL("review", SRW_FIELD_TEXT, PUB(review), 1),
    COL("version", SRW_FIELD_TEXT, PUB(version), 0),
    COL("search_date", SRW_FIELD_TEXT, PUB(search_date), 0),
    COL("measure", SRW_FIELD_TEXT, PUB(measure), 1),
    COL("model", SRW_FIELD_TEXT, PUB(model), 0),
    COL("method", SRW_FIELD_TEXT, PUB(method), 0),
    COL("estimate", SRW_FIELD_NUMBER, PUB(estimate), 1),
    COL("ci_lower", SRW_FIELD_NUMBER, PUB(ci_lower), 1),
    COL("ci_upper", SRW_FIELD_NUMBER, PUB(ci_upper), 1),
    COL("trials", SRW_FIELD_LONG, PUB(trials), 0),
    COL("participants", SRW_FIELD_LONG, PUB(participants), 0),
    COL("certainty", SRW_FIELD_TEXT, PUB(certainty), 0),
    COL("direction", SRW_FIELD_DIRECTION, PUB(direction), 0),
    COL("source", SRW_FIELD_TEXT, PUB(source), 1),
    COL("notes", SRW_FIELD_TEXT, PUB(notes), 0),
    COL("pooled_trials", SRW_FIELD_TEXT, PUB(pooled_trials), 0),
    COL("scope", SRW_FIELD_TEXT, PUB(scope), 0),
};

#define GRD(f) offsetof(srw_grade_setting, f)
static const srw_column grade_columns[] = {
    COL("use", SRW_FIELD_TEXT, GRD(use), 1),
    COL("outcome", SRW_FIELD_TEXT, GRD(outcome), 1),
    COL("domain", SRW_FIELD_TEXT, GRD(domain), 1),
    COL("downgrade", SRW_FIELD_INT, GRD(downgrade), 1),
    COL("reason", SRW_FIELD_TEXT, GRD(reason), 1),
    COL("source", SRW_FIELD_TEXT, GRD(source), 0),
};

#define USE(f) offsetof(srw_use_settings, f)
static const srw_column use_columns[] = {
    COL("use", SRW_FIELD_TEXT, USE(use), 1),
    COL("primary_outcome", SRW_FIELD_TEXT, USE(primary_outcome), 1),
    COL("description", SRW_FIELD_TEXT, USE(description), 0),
    COL("mid", SRW_FIELD_NUMBER, USE(mid), 0),
    COL("mid_measure", SRW_FIELD_TEXT, USE(mid_measure), 0),
    COL("mid_source", SRW_FIELD_TEXT, USE(mid_source), 0),
    COL("notes", SRW_FIELD_TEXT, USE(notes), 0),
    COL("source", SRW_FIELD_TEXT, USE(source), 0),
    COL("primary_source", SRW_FIELD_TEXT, USE(primary_source), 0),
    COL("large", SRW_FIELD_NUMBER, USE(large), 0),
    COL("large_source", SRW_FIELD_TEXT, USE(large_source), 0),
    COL("search_date", SRW_FIELD_TEXT, USE(search_date), 0),
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

static int set_field(void *obj, const srw_column *c, char *text, srw_error *err)
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
    case SRW_FIELD_TEXT: {
        char *dup = strdup(text);
        if (dup == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        memcpy(slot, &dup, sizeof dup);
        return 0;
    }
    case SRW_FIELD_NUMBER:
    case SRW_FIELD_COUNT:
    case SRW_FIELD_INT:
    case SRW_FIELD_LONG:
    case SRW_FIELD_POSITIVE:
        if ((rc = srw_field_number(&v, text, c->kind, err)) != 0)
            return rc;
        if (c->kind == SRW_FIELD_NUMBER || c->kind == SRW_FIELD_COUNT) {
            memcpy(slot, &v, sizeof v);
        } else if (c->kind == SRW_FIELD_INT) {
            int iv = (int)v;
            memcpy(slot, &iv, sizeof iv);
        } else {
            long lv = (long)v;
            memcpy(slot, &lv, sizeof lv);
        }
        return 0;
    case SRW_FIELD_TYPE: {
        srw_outcome_type t = srw_outcome_type_parse(text);
        if (t == SRW_TYPE_NONE)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not dichotomous, continuous or generic", text);
        memcpy(slot, &t, sizeof t);
        return 0;
    }
    case SRW_FIELD_DIRECTION: {
        srw_direction d = srw_direction_parse(text);
        if (d == SRW_DIR_UNSET)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not lower_is_better or higher_is_better", text);
        memcpy(slot, &d, sizeof d);
        return 0;
    }
    case SRW_FIELD_ROB: {
        srw_rob_judgement j = srw_rob_judgement_parse(text);
        if (j == SRW_ROB_UNSET)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not low, high or unclear", text);
        memcpy(slot, &j, sizeof j);
        return 0;
    }
    case SRW_FIELD_ROB2: {
        srw_rob2_judgement j = srw_rob2_judgement_parse(text);
        if (j == SRW_ROB2_UNSET)
            return SRW_FAIL(err, SRW_EDATA, "'%s' is not low, some_concerns or high (RoB 2)", text);
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
    size_t n_trial_spec;
    int trials = rd->spec == srw_record_columns(&n_trial_spec);
    for (size_t c = 0; c < row->n; c++) {
        const char *name = trim(row->fields[c]);
        size_t s = 0;
        while (s < rd->n_spec && strcmp(rd->spec[s].name, name) != 0)
            s++;
        if (s == rd->n_spec && trials && strncmp(name, "mod_", 4) == 0) {
            /* A moderator (srw/metareg.h): one column per name. */
            if (!srw_record_moderator_column(name)) {
                SRW_FAIL(err, SRW_EDATA,
                         "column '%s': a moderator column is mod_ and a name of letters, digits and '_' (at most 60)",
                         name);
                return loc_fail(err, rd->path, row->line, (long)c + 1, NULL);
            }
            if (rd->mod_of_col == NULL && (rd->mod_of_col = calloc(row->n, sizeof *rd->mod_of_col)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            for (size_t e = 0; e < c; e++)
                if (rd->mod_of_col[e] != NULL && strcmp(rd->mod_of_col[e], name + 4) == 0) {
                    SRW_FAIL(err, SRW_EDATA, "column '%s' appears twice in the header", name);
                    return loc_fail(err, rd->path, row->line, (long)c + 1, NULL);
                }
            if ((rd->mod_of_col[c] = strdup(name + 4)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            rd->spec_of_col[c] = -1;
            continue;
        }
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
            return loc_fail(err, rd->path, row->line, 1, NULL); /* no column holds it: the header's start */
        }
    }
    return 0;
}

/* Parse one data row into obj; checks field count and each field's syntax. */
static int read_row(const reader *rd, const srw_csv_row *row, void *obj, srw_error *err)
{
    if (row->n != rd->n_header) {
        SRW_FAIL(err, SRW_EDATA, "the row has %zu fields but the header has %zu", row->n, rd->n_header);
        /* where the row and the header part: the first missing or extra field */
        return loc_fail(err, rd->path, row->line, (long)(row->n < rd->n_header ? row->n : rd->n_header) + 1, NULL);
    }
    for (size_t c = 0; c < row->n; c++) {
        if (rd->spec_of_col[c] < 0) { /* a moderator: kept as text (numbers or words) */
            char *v = trim(row->fields[c]);
            if (*v != '\0' && srw_record_add_mod(obj, rd->mod_of_col[c], v) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            continue;
        }
        const srw_column *spec = &rd->spec[rd->spec_of_col[c]];
        int rc = set_field(obj, spec, row->fields[c], err);
        if (rc != 0)
            return loc_fail(err, rd->path, row->line, (long)c + 1, spec->name);
    }
    return 0;
}

static long col_of(const reader *rd, const char *name)
{
    for (size_t s = 0; s < rd->n_spec; s++)
        if (strcmp(rd->spec[s].name, name) == 0)
            return rd->col_of_spec[s] + 1;
    for (size_t c = 0; rd->mod_of_col != NULL && strncmp(name, "mod_", 4) == 0 && c < rd->n_header; c++)
        if (rd->mod_of_col[c] != NULL && strcmp(rd->mod_of_col[c], name + 4) == 0)
            return (long)c + 1;
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
    /* A field no column holds (a type's required field the header lacks):
     * the type, which asks for it, or else the row's start. */
    if (col == 0)
        col = col_of(rd, "type");
    return loc_fail(err, rd->path, line, col > 0 ? col : 1, NULL);
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
        srw_error_locate(err, path, 1, 1, NULL);
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
        else if (strcmp(name, "importance") == 0 && k == 0)
            k = SRW_FILE_OUTCOMES;
        else if (strcmp(name, "claim") == 0 && k == 0)
            k = SRW_FILE_CLAIMS;
    }
    if (k == 0) {
        rc = SRW_FAIL(err, SRW_EDATA,
                      "the header names no 'study' (trial records), 'review' (published results), "
                      "'primary_outcome' (use settings), 'domain' (GRADE judgements), 'importance' (outcome settings) or "
                      "'claim' (claims) column");
        srw_error_locate(err, path, row.line, 1, NULL);
        return rc;
    }
    *kind = k;
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
    if (k == SRW_FILE_TRIALS)
        h->spec = srw_record_columns(&h->n_spec);
    else if (k == SRW_FILE_PUBLISHED)
        h->spec = published_columns, h->n_spec = N_OF(published_columns);
    else if (k == SRW_FILE_GRADE)
        h->spec = grade_columns, h->n_spec = N_OF(grade_columns);
    else if (k == SRW_FILE_OUTCOMES)
        h->spec = srw_outcome_settings_columns(&h->n_spec);
    else if (k == SRW_FILE_CLAIMS)
        h->spec = srw_claim_columns(&h->n_spec);
    else
        h->spec = use_columns, h->n_spec = N_OF(use_columns);
#undef N_OF
    return read_header(h, &row, err);
}

void srw_io__review_header_dispose(srw_io__review_header *h)
{
    if (h == NULL)
        return;
    free(h->col_of_spec);
    free(h->spec_of_col);
    h->col_of_spec = h->spec_of_col = NULL;
    for (size_t c = 0; h->mod_of_col != NULL && c < h->n_header; c++)
        free(h->mod_of_col[c]);
    free(h->mod_of_col);
    h->mod_of_col = NULL;
}

int srw_io__review_record_read(const srw_io__review_header *h, const srw_csv_row *row, srw_record *r,
                               srw_error *err)
{
    srw_record_init(r, row->line);
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

int srw_io__review_row_read(const srw_io__review_header *h, const srw_csv_row *row, void *obj, srw_error *err)
{
    return read_row(h, row, obj, err);
}

int srw_io__review_rule_fail(const srw_io__review_header *h, long line, srw_error *err)
{
    return rule_fail(h, line, err);
}

/* The header's names, for errors found after reading (the importer's). */
int srw_io__review_keep_columns(srw_record_set *out, const srw_io__review_header *rd)
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
        if (k < 0 && rd->mod_of_col != NULL && rd->mod_of_col[c] != NULL) {
            size_t n = strlen(rd->mod_of_col[c]) + 5;
            if ((out->columns[c] = malloc(n)) == NULL)
                return -1;
            snprintf(out->columns[c], n, "mod_%s", rd->mod_of_col[c]);
        }
    }
    return 0;
}
