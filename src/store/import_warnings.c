/* The warnings of an import (srw_record_check_warnings): entered, but
 * said, for every record the import named (new, updated or unchanged), as
 * the database holds it at the end of the import.
 *
 * Most records of a large import belong to outcomes the import creates,
 * and a file's rows come grouped by outcome.  Such an outcome's records
 * are then exactly its run of rows, so its context (the median SD, the
 * scale, the change/final mix) is worked out from the run when the run
 * ends, without reading anything back.  That holds unless the outcome comes
 * back after its run ended (then every record is read back, as below) or a
 * study states a randomised total, which a later row may give (likewise).
 * Everything else is read back from the database at the end. */
#include "util/grow.h"
#include "store/entry_internal.h"
#include "store/import_internal.h"
#include "store/store_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The study's randomised total only when some study states one (?2), and
 * its label only for a record that warns (study_label): most records of a
 * large import need neither, and a look-up per row costs. */
#define WARNED_SELECT                                                                                        \
    "SELECT u.name, o.name, r.study_id, o.type, r.exp_total, r.ctl_total, r.exp_mean, r.exp_sd, r.ctl_mean," \
    " r.ctl_sd, r.measured_as, r.outcome_id,"                                                                 \
    " CASE WHEN ?2 THEN (SELECT randomised FROM studies WHERE id = r.study_id) END"                          \
    " FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"

/* r views the row (its strings are SQLite's, valid until the next step). */
static void fill_warned(sqlite3_stmt *st, srw_record *r)
{
    srw_record_init(r, 0);
    r->use = (char *)sqlite3_column_text(st, 0);
    r->outcome = (char *)sqlite3_column_text(st, 1);
    r->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 3));
    double *nums[] = {&r->exp_total, &r->ctl_total, &r->exp_mean, &r->exp_sd, &r->ctl_mean, &r->ctl_sd};
    for (int i = 0; i < 6; i++)
        *nums[i] = srw_column_real(st, 4 + i);
    r->measured_as = (char *)sqlite3_column_text(st, 10);
}

/* The warnings of one record read back by WARNED_SELECT; the outcome's
 * context is read when the outcome differs from the previous record's. */
int srw_import__study_label(importer *im, sqlite3_int64 sid, char *buf, size_t n)
{
    int rc = srw_import__flush_studies(im); /* sid may be queued */
    if (rc == 0)
        rc = srw_store_prepare_kept(im->s, &im->label_of, "SELECT label FROM studies WHERE id = ?1", im->err);
    if (rc)
        return rc;
    sqlite3_bind_int64(im->label_of, 1, sid);
    rc = sqlite3_step(im->label_of);
    snprintf(buf, n, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(im->label_of, 0) : "?");
    sqlite3_reset(im->label_of);
    return rc == SQLITE_ROW ? 0 : srw_store_fail(im->s, im->err, "cannot read a study");
}

static int warn_row(importer *im, sqlite3_stmt *st, sqlite3_int64 *last_oid, srw_record_context *ctx)
{
    srw_record r;
    char w[1000];
    int rc;
    fill_warned(st, &r);
    sqlite3_int64 oid = sqlite3_column_int64(st, 11);
    if (oid != *last_oid && (rc = srw_store_outcome_context(im->s, &r, ctx, im->err)) != 0)
        return rc;
    *last_oid = oid;
    ctx->randomised = srw_column_real(st, 12);
    if (srw_record_check_warnings(&r, ctx, w, sizeof w) == 0)
        return 0;
    char study[512];
    if ((rc = srw_import__study_label(im, sqlite3_column_int64(st, 2), study, sizeof study)) != 0)
        return rc;
    return srw_import__add_change(im, "warning: %s / %s / %s: %s", r.use, r.outcome, study, w);
}

/* The records the import named that were stored before it (updated or
 * unchanged), and those it added to outcomes that existed before it (all
 * that it added, when !runs_done), read back from the database: the
 * context (the outcome's typical SD, scale, change/final mix; the study's
 * randomised total) is read inside this transaction, so it includes the
 * whole import.  Only continuous records can warn, unless some study
 * states its randomised total; only they have an SD, which rules the
 * others out before the join. */
static int read_back(importer *im, int any_randomised, int runs_done)
{
    int rc = 0;
    srw_record_context ctx;
    srw_record_context_init(&ctx);
    sqlite3_int64 last_oid = 0;
    sqlite3_stmt *one = NULL, *added = NULL;
    if ((rc = srw_store_prepare(im->s, &one, WARNED_SELECT " WHERE r.id = ?1", im->err)) != 0 ||
        (rc = srw_store_prepare(im->s, &added,
                                WARNED_SELECT " WHERE r.id > ?1 AND (r.exp_sd IS NOT NULL OR ?2)"
                                              " AND (o.type = 'continuous' OR ?2) AND r.outcome_id <= ?3"
                                              " ORDER BY r.id",
                                im->err)) != 0)
        goto done;
    sqlite3_bind_int(one, 2, any_randomised);
    for (size_t i = 0; i < im->n_named && rc == 0; i++) {
        sqlite3_bind_int64(one, 1, im->named[i]);
        if ((rc = sqlite3_step(one)) == SQLITE_ROW)
            rc = warn_row(im, one, &last_oid, &ctx);
        else
            rc = rc == SQLITE_DONE ? 0 : srw_store_fail(im->s, im->err, "cannot read a record back");
        sqlite3_reset(one);
    }
    /* No outcome before the import: the runs checked every record it
     * added, and reading them back (a million in a large import) would find
     * none to check. */
    if (rc || (runs_done && im->max_outcome_before == 0))
        goto done;
    sqlite3_bind_int64(added, 1, im->max_id_before);
    sqlite3_bind_int(added, 2, any_randomised);
    /* The records of outcomes the import created were checked by their
     * runs, unless the runs could not be used. */
    sqlite3_bind_int64(added, 3, runs_done ? im->max_outcome_before : INT64_MAX);
    while ((rc = sqlite3_step(added)) == SQLITE_ROW)
        if ((rc = warn_row(im, added, &last_oid, &ctx)) != 0)
            goto done;
    rc = rc == SQLITE_DONE ? 0 : srw_store_fail(im->s, im->err, "cannot read the records back");
done:
    sqlite3_finalize(one);
    sqlite3_finalize(added);
    return rc;
}


/* Appends s (and its NUL) to the run's text; its offset, or -1. */
static long run_text(outcome_runs *g, const char *s)
{
    size_t n = strlen(s) + 1;
    if (srw_reserve(&g->text, &g->text_cap, g->text_len + n) != 0)
        return -1;
    memcpy(g->text + g->text_len, s, n);
    g->text_len += n;
    return (long)(g->text_len - n);
}

static int run_line(outcome_runs *g, const char *line)
{
    if (srw_grow((void **)&g->lines, g->n_lines, &g->cap_lines, sizeof *g->lines) != 0)
        return -1;
    if ((g->lines[g->n_lines] = strdup(line)) == NULL)
        return -1;
    g->n_lines++;
    return 0;
}

/* The run ends: its records' warnings, with the context its rows give
 * (what srw_store_outcome_context would read for an outcome holding just
 * them). */
static int end_run(outcome_runs *g)
{
    if (!g->open)
        return 0;
    g->open = 0;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)g->oid);
    if (srw_strmap_put(&g->ended, key, 1) != 0)
        return -1;
    if (g->n_rows == 0)
        return 0;
    srw_record_context ctx;
    srw_record_context_init(&ctx);
    double *sds = malloc(2 * g->n_rows * sizeof *sds);
    if (sds == NULL)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < g->n_rows; i++) {
        const run_row *w = &g->rows[i];
        if (w->exp_sd > 0)
            sds[k++] = w->exp_sd;
        if (w->ctl_sd > 0)
            sds[k++] = w->ctl_sd;
        if (w->measured_as != NULL)
            (*w->measured_as == 'c' ? &ctx.n_change : &ctx.n_final)[0]++;
    }
    ctx.typical_sd = srw_record_typical_sd(sds, k);
    free(sds);
    if (g->has_scale) {
        ctx.scale_min = g->scale_min;
        ctx.scale_max = g->scale_max;
    }
    const char *use = g->text, *outcome = g->text + strlen(g->text) + 1;
    for (size_t i = 0; i < g->n_rows; i++) {
        const run_row *w = &g->rows[i];
        srw_record r;
        char buf[1000], line[2048];
        srw_record_init(&r, 0);
        r.type = SRW_TYPE_CONTINUOUS;
        r.exp_total = w->exp_total;
        r.ctl_total = w->ctl_total;
        r.exp_mean = w->exp_mean;
        r.exp_sd = w->exp_sd;
        r.ctl_mean = w->ctl_mean;
        r.ctl_sd = w->ctl_sd;
        r.measured_as = (char *)w->measured_as; /* read only */
        if (srw_record_check_warnings(&r, &ctx, buf, sizeof buf) == 0)
            continue;
        snprintf(line, sizeof line, "warning: %s / %s / %s: %s", use, outcome, g->text + w->study, buf);
        if (run_line(g, line) != 0)
            return -1;
    }
    return 0;
}

int srw_import__run_row(importer *im, const srw_record *r, sqlite3_int64 oid, int is_new, int changed)
{
    outcome_runs *g = &im->runs;
    if (changed) {
        if (end_run(g) != 0)
            goto oom;
        char key[32];
        size_t v;
        snprintf(key, sizeof key, "%lld", (long long)oid);
        if (!is_new || g->split)
            return 0;
        if (srw_strmap_get(&g->ended, key, &v)) {
            g->split = 1; /* back after its run: read everything back */
            return 0;
        }
        g->open = 1;
        g->oid = oid;
        g->type = r->type;
        g->has_scale = r->has_scale;
        g->scale_min = r->scale_min;
        g->scale_max = r->scale_max;
        g->n_rows = 0;
        g->text_len = 0;
        if (run_text(g, r->use) < 0 || run_text(g, r->outcome) < 0)
            goto oom;
    }
    if (!g->open || g->type != SRW_TYPE_CONTINUOUS)
        return 0;
    if (!g->has_scale && r->has_scale) { /* stated first on a later row */
        g->has_scale = 1;
        g->scale_min = r->scale_min;
        g->scale_max = r->scale_max;
    }
    if (srw_grow((void **)&g->rows, g->n_rows, &g->cap_rows, sizeof *g->rows) != 0)
        goto oom;
    long at = run_text(g, r->study);
    if (at < 0)
        goto oom;
    run_row *w = &g->rows[g->n_rows++];
    w->exp_total = r->exp_total;
    w->ctl_total = r->ctl_total;
    w->exp_mean = r->exp_mean;
    w->exp_sd = r->exp_sd;
    w->ctl_mean = r->ctl_mean;
    w->ctl_sd = r->ctl_sd;
    w->measured_as = r->measured_as == NULL               ? NULL
                     : strcmp(r->measured_as, "change") == 0 ? "change"
                     : strcmp(r->measured_as, "final") == 0  ? "final"
                                                             : NULL;
    w->study = (size_t)at;
    return 0;
oom:
    return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
}

void srw_import__runs_dispose(outcome_runs *g)
{
    free(g->rows);
    free(g->text);
    for (size_t i = 0; i < g->n_lines; i++)
        free(g->lines[i]);
    free(g->lines);
    srw_strmap_dispose(&g->ended);
    memset(g, 0, sizeof *g);
}

int srw_import__check_warnings(importer *im)
{
    outcome_runs *g = &im->runs;
    if (end_run(g) != 0)
        return SRW_FAIL(im->err, SRW_ENOMEM, "out of memory");
    int any_randomised = 0;
    if (sqlite3_step(im->any_randomised) == SQLITE_ROW)
        any_randomised = sqlite3_column_int(im->any_randomised, 0);
    sqlite3_reset(im->any_randomised);
    int runs_done = !any_randomised && !g->split;
    for (size_t i = 0; runs_done && i < g->n_lines; i++) {
        int rc = srw_import__add_change(im, "%s", g->lines[i]);
        if (rc)
            return rc;
    }
    return read_back(im, any_randomised, runs_done);
}
