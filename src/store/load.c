/* Loading a use's settings and published results for core and the report
 * (types and their _dispose: srw/review.h, src/core/review.c); one
 * outcome's data is loaded by src/store/scan.c.  Each takes the slots of
 * statements a caller keeps across calls (srw_store__kept), so that a
 * whole review's reading prepares them once. */
#include "store/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Say what exists when a name is unknown, so the user can correct it
 * (what it may have meant, else the names, whole: names.c). */
int srw_store__not_found(srw_store *s, srw_error *err, const char *what, const char *name, const char *use)
{
    (void)what;
    int rc = srw_store__unknown_name(s, use, name, err);
    return rc == SRW_ENOMEM ? rc : SRW_ENOTFOUND;
}

int srw_store__load_use(srw_store *s, srw_store_use_stmts *k, const char *use, srw_use_info *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->mid = out->large = NAN;
    sqlite3_stmt *st;
    int rc = srw_store__kept(s, &k->use,
                               "SELECT name, description, primary_outcome, mid, mid_measure, mid_source, notes, source,"
                               " primary_source, large, large_source, id, search_date FROM uses WHERE name = ?1",
                               err);
    if (rc)
        return rc;
    st = k->use;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->name = srw_column_text_dup(st, 0);
        out->description = srw_column_text_dup(st, 1);
        out->primary_outcome = srw_column_text_dup(st, 2);
        out->mid = srw_column_real(st, 3);
        out->mid_measure = srw_column_text_dup(st, 4);
        out->mid_source = srw_column_text_dup(st, 5);
        out->notes = srw_column_text_dup(st, 6);
        out->source = srw_column_text_dup(st, 7);
        out->primary_source = srw_column_text_dup(st, 8);
        out->large = srw_column_real(st, 9);
        out->large_source = srw_column_text_dup(st, 10);
        out->search_date = srw_column_text_dup(st, 12);
        sqlite3_int64 id = sqlite3_column_int64(st, 11);
        sqlite3_reset(st);
        /* The comparisons the use's records name: the intervention of
         * statements on outcomes without trials (core takes their words
         * in common). */
        rc = srw_store__kept(s, &k->comparisons,
                               "SELECT DISTINCT coalesce(r.comparison, r.intervention) AS c FROM analysed_records r"
                               " JOIN outcomes o ON o.id = r.outcome_id WHERE o.use_id = ?1 AND c IS NOT NULL"
                               " ORDER BY c",
                               err);
        if (rc)
            return rc;
        st = k->comparisons;
        sqlite3_bind_int64(st, 1, id);
        while (sqlite3_step(st) == SQLITE_ROW) {
            char **p = realloc(out->comparisons, (out->n_comparisons + 1) * sizeof *p);
            if (p == NULL || (p[out->n_comparisons] = srw_column_text_dup(st, 0)) == NULL) {
                if (p != NULL)
                    out->comparisons = p;
                sqlite3_reset(st);
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            }
            out->comparisons = p;
            out->n_comparisons++;
        }
        sqlite3_reset(st);
        return srw_store__outcome_settings_load(s, &k->settings, id, &out->outcome_settings,
                                                &out->n_outcome_settings, err);
    } else if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        rc = srw_store__not_found(s, err, "use", use, NULL);
    } else {
        rc = srw_store_fail(s, err, "cannot load a use");
        sqlite3_reset(st);
    }
    return rc;
}

int srw_store_load_use(srw_store *s, const char *use, srw_use_info *out, srw_error *err)
{
    srw_store_use_stmts k = {0};
    int rc = srw_store__load_use(s, &k, use, out, err);
    srw_store__use_stmts_finalize(&k);
    return rc;
}

void srw_store__use_stmts_finalize(srw_store_use_stmts *k)
{
    sqlite3_finalize(k->use);
    sqlite3_finalize(k->comparisons);
    sqlite3_finalize(k->settings);
    sqlite3_finalize(k->published);
    memset(k, 0, sizeof *k);
}

int srw_store__load_published(srw_store *s, sqlite3_stmt **kept, const char *use, const char *outcome,
                               srw_published_list *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = srw_store__kept(s, kept,
                               "SELECT u.name, p.outcome, p.review, p.version, p.search_date, p.measure, p.model,"
                               " p.method, p.estimate, p.ci_lower, p.ci_upper, p.trials, p.participants,"
                                " p.certainty, p.direction, p.source, p.notes, p.decimals, p.pooled_trials, p.scope FROM published p"
                               " JOIN uses u ON u.id = p.use_id WHERE u.name = ?1"
                               " AND (?2 IS NULL OR p.outcome = ?2) ORDER BY p.outcome, p.review, p.measure",
                               err);
    if (rc)
        return rc;
    st = *kept;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    srw_bind_text(st, 2, outcome);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            srw_published *p = realloc(out->items, cap * sizeof *p);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto fail;
            }
            out->items = p;
        }
        srw_published *p = &out->items[out->n++];
        memset(p, 0, sizeof *p);
        p->use = srw_column_text_dup(st, 0);
        p->outcome = srw_column_text_dup(st, 1);
        p->review = srw_column_text_dup(st, 2);
        p->version = srw_column_text_dup(st, 3);
        p->search_date = srw_column_text_dup(st, 4);
        p->measure = srw_column_text_dup(st, 5);
        p->model = srw_column_text_dup(st, 6);
        p->method = srw_column_text_dup(st, 7);
        p->estimate = srw_column_real(st, 8);
        p->ci_lower = srw_column_real(st, 9);
        p->ci_upper = srw_column_real(st, 10);
        p->trials = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 11);
        p->participants = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 12);
        p->certainty = srw_column_text_dup(st, 13);
        p->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 14));
        p->source = srw_column_text_dup(st, 15);
        p->notes = srw_column_text_dup(st, 16);
        p->decimals = sqlite3_column_int(st, 17);
        p->pooled_trials = srw_column_text_dup(st, 18);
        p->scope = srw_column_text_dup(st, 19);
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot load published results");
        goto fail;
    }
    sqlite3_reset(st);
    return 0;
fail:
    sqlite3_reset(st);
    srw_published_list_dispose(out);
    return rc;
}

int srw_store_load_published(srw_store *s, const char *use, const char *outcome, srw_published_list *out,
                             srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store__load_published(s, &st, use, outcome, out, err);
    sqlite3_finalize(st);
    return rc;
}
