/* Reads the review's CSV files (trial records, published results, use
 * settings, GRADE judgements, outcome settings, claims) into an srw_record_set: see
 * include/srw/csv.h.  Rows are read by review_row.c; trial-record files
 * through the streaming reader of trial_stream.c, which holds their
 * cross-checks. */
#include "srw/csv.h"
#include "srw/decimal.h"
#include "srw/effect.h"
#include "srw/grade.h"
#include "srw/record.h"
#include "util/grow.h"
#include "io/review_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef srw_io__review_header reader;

static int loc_fail(srw_error *err, const char *path, long line, long col, const char *field)
{
    srw_error_locate(err, path, line, col, field);
    return err ? err->code : SRW_EDATA;
}

static long col_of(const reader *rd, const char *name)
{
    return srw_io__review_column(rd, name);
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
        if (!isnan(u->large) && (u->large <= 0 || u->mid_measure == NULL || u->large_source == NULL)) {
            SRW_FAIL(err, SRW_EDATA, "a large-effect threshold must be positive, on the scale of mid_measure, with "
                     "its source (large_source)");
            return loc_fail(err, rd->path, u->line, col_of(rd, "large"), "large");
        }
        /* The report reads the MID on this scale, or not at all. */
        if (u->mid_measure != NULL && !srw_measure_is_arm_level(srw_measure_parse(u->mid_measure))) {
            char names[64];
            srw_measures_text_published(names, sizeof names, ", ");
            SRW_FAIL(err, SRW_EDATA, "mid_measure '%s' is not one of %s", u->mid_measure, names);
            return loc_fail(err, rd->path, u->line, col_of(rd, "mid_measure"), "mid_measure");
        }
        if (u->search_date != NULL && !srw_search_date_valid(u->search_date)) {
            SRW_FAIL(err, SRW_EDATA, "'%s' is not a date as YYYY-MM-DD, YYYY-MM or YYYY (1900 to 2100)",
                     u->search_date);
            return loc_fail(err, rd->path, u->line, col_of(rd, "search_date"), "search_date");
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


/* A trial-record file, every row through the streaming reader. */
static int read_trials(srw_record_set *out, srw_trial_reader *tr, srw_error *err)
{
    size_t cap = 0;
    srw_record rec;
    int rc;
    while ((rc = srw_trial_reader_next(tr, &rec, err)) == 1) {
        if (srw_grow((void **)&out->records, out->n_records, &cap, sizeof(srw_record)) != 0) {
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
            if (srw_grow((void **)&out->published, out->n_published, &cap, sizeof(srw_published)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_published *p = &out->published[out->n_published++];
            srw_published_init(p, row.line);
            if ((rc = srw_io__review_row_read(rd, &row, p, err)) != 0)
                return rc;
            const char *dec_cols[] = {"estimate", "ci_lower", "ci_upper"};
            for (int d = 0; d < 3; d++) {
                long c = col_of(rd, dec_cols[d]);
                int n = c > 0 ? srw_decimals_of(row.fields[c - 1]) : 0;
                if (n > p->decimals)
                    p->decimals = n;
            }
            if ((rc = srw_published_validate(p, err)) != 0)
                return srw_io__review_rule_fail(rd, row.line, err);
        } else if (out->kind == SRW_FILE_GRADE) {
            if (srw_grow((void **)&out->grade, out->n_grade, &cap, sizeof(srw_grade_setting)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_grade_setting *g = &out->grade[out->n_grade++];
            memset(g, 0, sizeof *g);
            g->line = row.line;
            g->downgrade = -1;
            if ((rc = srw_io__review_row_read(rd, &row, g, err)) != 0)
                return rc;
            if ((rc = check_grade_setting(rd, out, g, err)) != 0)
                return rc;
        } else if (out->kind == SRW_FILE_CLAIMS) {
            if (srw_grow((void **)&out->claims, out->n_claims, &cap, sizeof(srw_claim)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_claim *c = &out->claims[out->n_claims++];
            srw_claim_init(c, row.line);
            if ((rc = srw_io__review_row_read(rd, &row, c, err)) != 0)
                return rc;
            if ((rc = srw_claim_validate(c, err)) != 0)
                return srw_io__review_rule_fail(rd, row.line, err);
            for (size_t j = 0; j + 1 < out->n_claims; j++)
                if (strcmp(out->claims[j].use, c->use) == 0 && strcmp(out->claims[j].claim, c->claim) == 0) {
                    rc = SRW_FAIL(err, SRW_EDATA, "the claim appears twice for use '%s' (also on line %ld)", c->use,
                                  out->claims[j].line);
                    return loc_fail(err, path, row.line, col_of(rd, "claim"), "claim");
                }
        } else if (out->kind == SRW_FILE_OUTCOMES) {
            if (srw_grow((void **)&out->outcomes, out->n_outcomes, &cap, sizeof(srw_outcome_settings)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_outcome_settings *o = &out->outcomes[out->n_outcomes++];
            srw_outcome_settings_init(o, row.line);
            if ((rc = srw_io__review_row_read(rd, &row, o, err)) != 0)
                return rc;
            if (o->use == NULL || o->outcome == NULL) {
                rc = SRW_FAIL(err, SRW_EDATA, "required field is empty");
                return loc_fail(err, path, row.line, col_of(rd, o->use == NULL ? "use" : "outcome"),
                                o->use == NULL ? "use" : "outcome");
            }
            if ((rc = srw_outcome_settings_validate(o, err)) != 0)
                return srw_io__review_rule_fail(rd, row.line, err);
            for (size_t j = 0; j + 1 < out->n_outcomes; j++)
                if (strcmp(out->outcomes[j].use, o->use) == 0 && strcmp(out->outcomes[j].outcome, o->outcome) == 0) {
                    rc = SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' appears twice (also on line %ld)", o->outcome,
                                  o->use, out->outcomes[j].line);
                    return loc_fail(err, path, row.line, col_of(rd, "outcome"), "outcome");
                }
        } else {
            if (srw_grow((void **)&out->uses, out->n_uses, &cap, sizeof(srw_use_settings)) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            srw_use_settings *u = &out->uses[out->n_uses++];
            srw_use_settings_init(u, row.line);
            if ((rc = srw_io__review_row_read(rd, &row, u, err)) != 0)
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
    if (rc == 0 && srw_io__review_keep_columns(out, &rd) != 0)
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
