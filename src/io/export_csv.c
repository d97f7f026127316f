/* Trial records as text: CSV and JSON writers of the trial-record columns
 * (srw_record_columns), and field=value entry parsed by the import's own
 * reader (see srw/csv.h). */
#include "srw/decimal.h"
#include "srw/csv.h"
#include "io/review_read.h"
#include "util/text.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_csv_field(FILE *f, const char *v)
{
    if (v == NULL)
        return;
    if (strpbrk(v, ",\"\r\n") == NULL) {
        fputs(v, f);
        return;
    }
    fputc('"', f);
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void put_header(FILE *f)
{
    size_t n;
    const srw_column *cols = srw_record_columns(&n);
    for (size_t c = 0; c < n; c++)
        fprintf(f, "%s%s", c ? "," : "", cols[c].name);
    fputc('\n', f);
}

/* One row's fields, without the line's end; values[c], when values is
 * given and values[c] is not NULL, replaces the record's field c ("" clears
 * it). */
static int put_fields(FILE *f, const srw_record *r, const char *const *values, srw_error *err)
{
    size_t n;
    const srw_column *cols = srw_record_columns(&n);
    for (size_t c = 0; c < n; c++) {
        if (c)
            fputc(',', f);
        if (values != NULL && values[c] != NULL) {
            put_csv_field(f, values[c]);
            continue;
        }
        char *t = NULL;
        int rc = r ? srw_record_field_text(r, cols[c].name, &t, err) : 0;
        if (rc)
            return rc;
        put_csv_field(f, t);
        free(t);
    }
    return 0;
}

/* One row, as put_fields, and its line's end. */
static int put_row(FILE *f, const srw_record *r, const char *const *values, srw_error *err)
{
    int rc = put_fields(f, r, values, err);
    if (rc == 0)
        fputc('\n', f);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The moderators' names of recs, each once, sorted (borrowed from recs);
 * *out NULL when none.  -1 out of memory. */
static int moderator_names(const srw_record *recs, size_t n, const char ***out, size_t *n_out)
{
    size_t total = 0, u = 0;
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < n; i++)
        total += recs[i].n_mods;
    if (total == 0)
        return 0;
    const char **names = malloc(total * sizeof *names);
    if (names == NULL)
        return -1;
    for (size_t i = 0, k = 0; i < n; i++)
        for (size_t m = 0; m < recs[i].n_mods; m++)
            names[k++] = recs[i].mods[m].name;
    qsort(names, total, sizeof *names, cmp_name);
    for (size_t i = 0; i < total; i++)
        if (u == 0 || strcmp(names[u - 1], names[i]) != 0)
            names[u++] = names[i];
    *out = names;
    *n_out = u;
    return 0;
}

int srw_csv_write_records(FILE *f, const srw_record *recs, size_t n, srw_error *err)
{
    const char **mods;
    size_t n_mods;
    if (moderator_names(recs, n, &mods, &n_mods) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    /* The table's columns, then one mod_<name> column per moderator. */
    size_t n_cols;
    const srw_column *cols = srw_record_columns(&n_cols);
    for (size_t c = 0; c < n_cols; c++)
        fprintf(f, "%s%s", c ? "," : "", cols[c].name);
    for (size_t m = 0; m < n_mods; m++)
        fprintf(f, ",mod_%s", mods[m]);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        int rc = put_fields(f, &recs[i], NULL, err);
        if (rc) {
            free(mods);
            return rc;
        }
        for (size_t m = 0; m < n_mods; m++) {
            fputc(',', f);
            put_csv_field(f, srw_record_mod_value(&recs[i], mods[m]));
        }
        fputc('\n', f);
    }
    free(mods);
    if (ferror(f))
        return SRW_FAIL(err, SRW_EIO, "cannot write the CSV output");
    return 0;
}

int srw_csv_write_table(FILE *f, const srw_table *t, srw_error *err)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c)
            fputc(',', f);
        put_csv_field(f, t->columns[c]);
    }
    fputc('\n', f);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            const srw_value *v = &t->cells[r * t->n_cols + c];
            char num[40] = "";
            if (c)
                fputc(',', f);
            if (v->type == SRW_VALUE_TEXT)
                put_csv_field(f, v->text);
            else if (v->type == SRW_VALUE_INT)
                fprintf(f, "%lld", v->i);
            else if (v->type == SRW_VALUE_REAL) {
                srw_number_text(v->r, num, sizeof num);
                fputs(num, f);
            }
        }
        fputc('\n', f);
    }
    if (ferror(f))
        return SRW_FAIL(err, SRW_EIO, "cannot write the CSV output");
    return 0;
}

int srw_json_write_records(FILE *f, const srw_record *recs, size_t n, srw_error *err)
{
    json_t *arr = json_array();
    if (arr == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    size_t n_cols;
    const srw_column *cols = srw_record_columns(&n_cols);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(arr, o) != 0) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        for (size_t c = 0; rc == 0 && c < n_cols; c++) {
            const char *col = cols[c].name;
            srw_field_kind kind = cols[c].kind;
            char *t = NULL;
            if ((rc = srw_record_field_text(&recs[i], col, &t, err)) != 0)
                break;
            json_t *v = NULL;
            if (t == NULL)
                v = json_null();
            else if (kind == SRW_FIELD_COUNT || kind == SRW_FIELD_INT || kind == SRW_FIELD_LONG ||
                     kind == SRW_FIELD_POSITIVE)
                v = json_integer((json_int_t)strtoll(t, NULL, 10));
            else if (kind == SRW_FIELD_NUMBER)
                v = json_real(strtod(t, NULL));
            else
                v = json_string(t);
            free(t);
            if (v == NULL || json_object_set_new(o, col, v) != 0)
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        /* The record's moderators, as given (numbers and words alike). */
        for (size_t m = 0; rc == 0 && m < recs[i].n_mods; m++) {
            char key[80];
            snprintf(key, sizeof key, "mod_%s", recs[i].mods[m].name);
            if (json_object_set_new(o, key, json_string(recs[i].mods[m].value)) != 0)
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
    }
    if (rc == 0) {
        if (json_dumpf(arr, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) != 0 ||
            fputc('\n', f) == EOF || ferror(f))
            rc = SRW_FAIL(err, SRW_EIO, "cannot write the JSON output");
    }
    json_decref(arr);
    return rc;
}

/* Values that pass every rule, for required fields not yet answered, so that
 * only the answers given can break a rule (the prompt checks each answer). */
static const char *stand_in(srw_outcome_type t, const char *col)
{
    static const struct {
        srw_outcome_type type;
        const char *col, *value;
    } v[] = {
        {SRW_TYPE_DICHOTOMOUS, "exp_events", "0"},
        {SRW_TYPE_DICHOTOMOUS, "ctl_events", "0"},
        {SRW_TYPE_DICHOTOMOUS, "exp_total", "1000000000"},
        {SRW_TYPE_DICHOTOMOUS, "ctl_total", "1000000000"},
        {SRW_TYPE_CONTINUOUS, "exp_mean", "0"},
        {SRW_TYPE_CONTINUOUS, "ctl_mean", "0"},
        {SRW_TYPE_CONTINUOUS, "exp_sd", "1"},
        {SRW_TYPE_CONTINUOUS, "ctl_sd", "1"},
        {SRW_TYPE_CONTINUOUS, "exp_total", "1000000000"},
        {SRW_TYPE_CONTINUOUS, "ctl_total", "1000000000"},
        {SRW_TYPE_GENERIC, "estimate", "0"},
        {SRW_TYPE_GENERIC, "se", "1"},
        {SRW_TYPE_NONE, "study", "-"},
        {SRW_TYPE_NONE, "use", "-"},
        {SRW_TYPE_NONE, "outcome", "-"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if ((v[i].type == t || v[i].type == SRW_TYPE_NONE) && strcmp(v[i].col, col) == 0)
            return v[i].value;
    return NULL;
}

static int apply(srw_record *out, const srw_record *base, const char *const *fields,
                 const char *const *values, size_t n, int partial, srw_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n_cols;
    const srw_column *cols = srw_record_columns(&n_cols);
    const char **over = calloc(n_cols, sizeof *over);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    srw_record_set set;
    memset(&set, 0, sizeof set);
    int rc = 0;
    if (over == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        while (c < n_cols && strcmp(cols[c].name, fields[i]) != 0)
            c++;
        if (c == n_cols) {
            rc = SRW_FAIL(err, SRW_EUSAGE,
                          "unknown field '%s' (the fields are the import's columns: "
                          "type, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd, ctl_mean, "
                          "ctl_sd, estimate, se, year, subgroup, source, notes, ...)",
                          fields[i]);
            goto cleanup;
        }
        /* The key names the record base is (an entry's); given as a field,
         * it made a copy under the new key and left the old record, pooled
         * twice.  Without a base the fields are the whole record, key too. */
        if (base != NULL &&
            (strcmp(fields[i], "study") == 0 || strcmp(fields[i], "use") == 0 || strcmp(fields[i], "outcome") == 0)) {
            rc = SRW_FAIL(err, SRW_EUSAGE,
                          "the %s names the record (--%s) and is not one of its fields; to move a record, "
                          "remove it (srw remove) and add it under the other %s",
                          fields[i], fields[i], fields[i]);
            srw_error_locate(err, NULL, 0, 0, fields[i]);
            goto cleanup;
        }
        over[c] = values[i];
    }
    /* A study's year, total and risk of bias and an outcome's settings are
     * one value for every reviewer: a blank in an entry means "not stated"
     * (as in an import), so "year=" would leave the year as it is while
     * saying nothing.  Refused instead, when there is a value to clear. */
    for (size_t c = 0; base != NULL && c < n_cols; c++) {
        const char *col = cols[c].name;
        srw_column_owner owner = cols[c].owner;
        /* A blank type is the record's rule to report (type is required). */
        if (owner == SRW_OWNER_RECORD || strcmp(col, "type") == 0 || over[c] == NULL ||
            over[c][strspn(over[c], " \t")] != '\0')
            continue; /* not given, or a value ("  " is blank, as the reader trims it) */
        int study = owner == SRW_OWNER_STUDY;
        char *now = NULL;
        if ((rc = srw_record_field_text(base, col, &now, err)) != 0)
            goto cleanup;
        if (now != NULL && (strncmp(col, "rob_", 4) == 0 || owner == SRW_OWNER_RESULT)) {
            /* Risk of bias is each reviewer's own, but a blank says nothing
             * of it, as in an import. */
            rc = SRW_FAIL(err, SRW_EUSAGE,
                          "a blank does not clear %s (%.*s%s): a blank means not stated, as in an import; give"
                          " another value to change it (srw rob%s)",
                          col, (int)srw_utf8_prefix(now, 60), now, strlen(now) > 60 ? "..." : "", owner == SRW_OWNER_RESULT ? " --tool rob2" : "");
            srw_error_locate(err, NULL, 0, 0, col);
            free(now);
            goto cleanup;
        }
        if (now != NULL) {
            rc = SRW_FAIL(err, SRW_EUSAGE,
                          "a blank does not clear the %s's %s (%s): it is kept for every reviewer; give"
                          " another value to change it",
                          study ? "study" : "outcome", col, now);
            srw_error_locate(err, NULL, 0, 0, col);
            free(now);
            goto cleanup;
        }
    }
    if (partial) {
        srw_outcome_type t = base ? base->type : SRW_TYPE_NONE;
        for (size_t c = 0; c < n_cols; c++)
            if (cols[c].kind == SRW_FIELD_TYPE && over[c] != NULL)
                t = srw_outcome_type_parse(over[c]);
        if (t == SRW_TYPE_NONE)
            goto cleanup; /* nothing to check against yet (a bad type is checked below when given) */
        for (size_t c = 0; c < n_cols; c++) {
            const char *si = stand_in(t, cols[c].name);
            if (si == NULL || (over[c] != NULL && over[c][0] != '\0'))
                continue;
            char *t0 = NULL;
            if (over[c] == NULL && base &&
                (rc = srw_record_field_text(base, cols[c].name, &t0, err)) != 0)
                goto cleanup;
            if (t0 == NULL)
                over[c] = si;
            free(t0);
        }
    }
    if ((mem = open_memstream(&buf, &len)) == NULL) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto cleanup;
    }
    put_header(mem);
    if ((rc = put_row(mem, base, over, err)) != 0)
        goto cleanup;
    if (fclose(mem) != 0) {
        mem = NULL;
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto cleanup;
    }
    mem = NULL;
    /* The import's reader: the same syntax checks and srw_record_validate. */
    if ((rc = srw_csv_read_review_buffer(&set, buf, len, "entry", err)) != 0) {
        if (err) {
            err->path[0] = '\0';
            err->line = err->column = 0;
        }
        goto cleanup;
    }
    if (set.n_records != 1) {
        rc = SRW_FAIL(err, SRW_EDATA, "the fields do not make one record");
        goto cleanup;
    }
    *out = set.records[0];
    out->line = 0;
    set.n_records = 0; /* moved into out */
cleanup:
    if (mem)
        fclose(mem);
    free(buf);
    free(over);
    srw_record_set_dispose(&set);
    return rc;
}

int srw_record_apply_fields(srw_record *out, const srw_record *base, const char *const *fields,
                            const char *const *values, size_t n, srw_error *err)
{
    return apply(out, base, fields, values, n, 0, err);
}

int srw_record_check_answers(const srw_record *base, const char *const *fields, const char *const *values,
                             size_t n, srw_error *err)
{
    srw_record tmp;
    int rc = apply(&tmp, base, fields, values, n, 1, err);
    srw_record_dispose(&tmp);
    return rc;
}
