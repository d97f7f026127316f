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
#include "import/importer.h"
#include "util/grow.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The warnings of one record read back; the outcome's context is read
 * when the outcome differs from the previous record's. */
typedef struct read_back_state {
    importer *im;
    srw_id last_oid;
    srw_record_context ctx;
} read_back_state;

static int warn_row(void *arg, const srw_warned *row)
{
    read_back_state *b = arg;
    importer *im = b->im;
    char w[1000];
    int rc;
    if (row->outcome != b->last_oid && (rc = srw_writer_outcome_context(im->w, &row->r, &b->ctx, im->err)) != 0)
        return rc;
    b->last_oid = row->outcome;
    b->ctx.randomised = row->randomised;
    if (srw_record_check_warnings(&row->r, &b->ctx, w, sizeof w) == 0)
        return 0;
    char study[512];
    if ((rc = srw_writer_study_label(im->w, row->study, study, sizeof study, im->err)) != 0)
        return rc;
    return srw_import__add_change(im, "warning: %s / %s / %s: %s", row->r.use, row->r.outcome, study, w);
}

/* The records the import named that were stored before it (updated or
 * unchanged), and those it added to outcomes that existed before it (all
 * that it added, when !runs_done), read back from the database: the
 * context (the outcome's typical SD, scale, change/final mix; the study's
 * randomised total) is read inside this transaction, so it includes the
 * whole import. */
static int read_back(importer *im, int any_randomised, int runs_done)
{
    read_back_state b;
    b.im = im;
    b.last_oid = 0;
    srw_record_context_init(&b.ctx);
    int rc = 0;
    for (size_t i = 0; i < im->n_named && rc == 0; i++) {
        srw_warned row;
        rc = srw_writer_warned_one(im->w, im->named[i], any_randomised, &row, im->err);
        rc = rc == 1 ? warn_row(&b, &row) : rc;
    }
    /* No outcome before the import: the runs checked every record it
     * added, and reading them back (a million in a large import) would find
     * none to check. */
    if (rc || (runs_done && im->before.max_outcome == 0))
        return rc;
    /* The records of outcomes the import created were checked by their
     * runs, unless the runs could not be used. */
    return srw_writer_warned_added(im->w, im->before.max_record, runs_done ? im->before.max_outcome : INT64_MAX,
                                   any_randomised, warn_row, &b, im->err);
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

int srw_import__run_row(importer *im, const srw_record *r, srw_id oid, int is_new, int changed)
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
    int any_randomised = srw_writer_any_randomised(im->w, im->err);
    if (any_randomised < 0)
        return any_randomised;
    int runs_done = !any_randomised && !g->split;
    for (size_t i = 0; runs_done && i < g->n_lines; i++) {
        int rc = srw_import__add_change(im, "%s", g->lines[i]);
        if (rc)
            return rc;
    }
    return read_back(im, any_randomised, runs_done);
}
