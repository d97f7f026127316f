/* A whole review in one pass (srw_store_scan_*, srw/store.h): the uses in
 * name order, each with its settings and published results, then its
 * outcomes through the loader srw_store_load_outcome uses
 * (src/store/outcome_load.c). */
#include "store/entry_internal.h"
#include "store/outcome_load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page cache of a pass, in KiB (srw_store_scan_open says why 8 MB). */
#define SCAN_CACHE_KIB 8192
#define TEXT_OF(x) #x
#define TEXT(x) TEXT_OF(x)

struct srw_store_scan {
    srw_store *s;
    loader L;
    srw_store_use_stmts uk;
    sqlite3_stmt *uses, *outcomes;
    char *use;                      /* the current use's name */
    int in_use;                     /* outcomes is stepping through the current use */
    int txn;                        /* the scan's read transaction is open */
    int small_cache;                /* the page cache is set small for the pass */
    sqlite3_int64 oid;              /* the last outcome read, 0 before the first */
    size_t pos;                     /* outcomes passed so far, whole scan */
    size_t part, parts, chunk;      /* the share read (srw_store_scan_share) */
    sqlite3_stmt *warn_table, *warn_view, *warn_rob2;
};

int srw_store_scan_open(srw_store_scan **out, srw_store *s, const char *use, srw_error *err)
{
    *out = NULL;
    srw_store_scan *sc = calloc(1, sizeof *sc);
    if (sc == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    sc->s = s;
    /* One snapshot for the whole pass (an import committing meanwhile is
     * seen by the next run, not half-way), and no lock taken per statement. */
    int rc = 0;
    if (sqlite3_get_autocommit(s->db)) {
        rc = srw_store_exec(s, "BEGIN", err);
        sc->txn = rc == 0;
    }
    /* Memory flat in the review's size: SQLite's page cache (64 MB for
     * imports) would fill with the whole file.  8 MB, not less: outcomes
     * go by name, their records by import order, and with 2 MB the pages
     * neighbouring outcomes share were read from the file again (10,000
     * outcomes: 0.5 s of system time against 0.08 s). */
    if (rc == 0 && (rc = srw_store_exec(s, "PRAGMA cache_size = -" TEXT(SCAN_CACHE_KIB), err)) == 0)
        sc->small_cache = 1;
    if (rc == 0)
        rc = srw_store__loader_init(&sc->L, s, err);
    sc->L.rob_of_use = 1;
    if (rc == 0)
        rc = srw_store_prepare(s, &sc->uses,
                               use ? "SELECT id, name FROM uses WHERE name = ?1" : "SELECT id, name FROM uses ORDER BY name",
                               err);
    if (rc == 0 && use != NULL) {
        sqlite3_bind_text(sc->uses, 1, use, -1, SQLITE_TRANSIENT);
        /* An unknown use fails here, naming the uses there are. */
        int found = sqlite3_step(sc->uses);
        sqlite3_reset(sc->uses);
        if (found == SQLITE_DONE)
            rc = srw_store__not_found(s, err, "use", use, NULL);
        else if (found != SQLITE_ROW)
            rc = srw_store_fail(s, err, "cannot list the uses");
    }
    if (rc == 0)
        rc = srw_store_prepare(s, &sc->outcomes, OUTCOME_COLUMNS " WHERE o.use_id = ?1 ORDER BY o.name", err);
    if (rc != 0) {
        srw_store_scan_free(sc);
        return rc;
    }
    *out = sc;
    return 0;
}

int srw_store_scan_use(srw_store_scan *sc, srw_use_info *ui, srw_published_list *pubs, srw_error *err)
{
    if (ui)
        memset(ui, 0, sizeof *ui);
    if (pubs)
        memset(pubs, 0, sizeof *pubs);
    sqlite3_reset(sc->outcomes);
    sc->in_use = 0;
    free(sc->use);
    sc->use = NULL;
    int rc = sqlite3_step(sc->uses);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return srw_store_fail(sc->s, err, "cannot list the uses");
    sqlite3_int64 id = sqlite3_column_int64(sc->uses, 0);
    if ((sc->use = srw_column_text_dup(sc->uses, 1)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (ui && (rc = srw_store__load_use(sc->s, &sc->uk, sc->use, ui, err)) != 0)
        return rc;
    if (pubs && (rc = srw_store__load_published(sc->s, &sc->uk.published, sc->use, NULL, pubs, err)) != 0)
        goto fail;
    if ((rc = srw_store__load_rob(&sc->L, id, err)) != 0)
        goto fail;
    sqlite3_clear_bindings(sc->outcomes);
    sqlite3_bind_int64(sc->outcomes, 1, id);
    sc->in_use = 1;
    return 1;
fail:
    if (ui)
        srw_use_info_dispose(ui);
    if (pubs)
        srw_published_list_dispose(pubs);
    return rc;
}

int srw_store_scan_outcome(srw_store_scan *sc, srw_outcome_data *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    if (!sc->in_use)
        return 0;
    int rc;
    for (;;) {
        rc = sqlite3_step(sc->outcomes);
        if (rc == SQLITE_DONE) {
            sc->in_use = 0;
            return 0;
        }
        if (rc != SQLITE_ROW)
            return srw_store_fail(sc->s, err, "cannot list a use's outcomes");
        /* Another share's outcome is passed by without reading its records. */
        size_t pos = sc->pos++;
        if (sc->parts <= 1 || (pos / sc->chunk) % sc->parts == sc->part)
            break;
    }
    sqlite3_int64 oid = sc->oid = sqlite3_column_int64(sc->outcomes, 0);
    if (srw_store__fill_head(out, sc->outcomes, sc->use) != 0) {
        srw_outcome_data_dispose(out);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    rc = srw_store__load_body(&sc->L, oid, out, err);
    return rc == 0 ? 1 : rc;
}

void srw_store_scan_share(srw_store_scan *sc, size_t part, size_t parts, size_t chunk)
{
    sc->part = part;
    sc->parts = parts;
    sc->chunk = chunk ? chunk : 1;
    /* The pass's page cache shared out, so that memory stays what one
     * reader takes (a part's runs of outcomes are as local as one
     * reader's); 2 MB at least. */
    if (parts > 1) {
        size_t kib = SCAN_CACHE_KIB / parts;
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = -%zu", kib < 2048 ? (size_t)2048 : kib);
        sqlite3_exec(sc->s->db, sql, NULL, NULL, NULL);
    }
}

void srw_store_scan_skip_texts(srw_store_scan *sc)
{
    sc->L.no_texts = 1;
}

size_t srw_store_scan_position(const srw_store_scan *sc)
{
    return sc->pos;
}

void srw_store_scan_free(srw_store_scan *sc)
{
    if (sc == NULL)
        return;
    srw_store__loader_dispose(&sc->L);
    srw_store__use_stmts_finalize(&sc->uk);
    sqlite3_finalize(sc->uses);
    sqlite3_finalize(sc->outcomes);
    sqlite3_finalize(sc->warn_table);
    sqlite3_finalize(sc->warn_view);
    sqlite3_finalize(sc->warn_rob2);
    if (sc->txn) /* read only: nothing to keep or lose */
        sqlite3_exec(sc->s->db, "COMMIT", NULL, NULL, NULL);
    if (sc->small_cache) /* as srw_store_open sets it */
        sqlite3_exec(sc->s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    free(sc->use);
    free(sc);
}

int srw_store_scan_warnings(srw_store_scan *sc, const srw_outcome_data *d, char **out, srw_error *err)
{
    for (size_t i = 0; i < d->set.k; i++)
        out[i] = NULL;
    if (sc->oid == 0 || d->set.k == 0)
        return 0;
    /* The versions that enter the analysis, whole, from where the loader
     * read them. */
    sqlite3_stmt **kept = sc->L.one_each ? &sc->warn_table : &sc->warn_view;
    int rc = srw_store__kept(sc->s, kept,
                             sc->L.one_each ? RECORD_SELECT("records") " WHERE r.outcome_id = ?1"
                                            : RECORD_SELECT("analysed_records") " WHERE r.outcome_id = ?1",
                             err);
    if (rc)
        return rc;
    sqlite3_stmt *st = *kept;
    sqlite3_bind_int64(st, 1, sc->oid);
    srw_record_context outcome_ctx;
    int have_ctx = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srw_record r;
        if (srw_store_fill_record(st, &r) != 0) {
            srw_record_dispose(&r);
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        sqlite3_int64 sid = sqlite3_column_int64(st, 25);
        int failed = 0;
        /* As srw_store_record_warnings reads them: the result's RoB 2, the
         * outcome's context (once), the study's randomised total. */
        if (sc->L.any_rob2 && (rc = srw_store_fill_rob2(sc->s, &sc->warn_rob2, sc->oid, sid, NULL, &r, err)) != 0)
            failed = 1;
        if (!failed && !have_ctx) {
            if ((rc = srw_store_outcome_context(sc->s, &r, &outcome_ctx, err)) != 0)
                failed = 1;
            have_ctx = 1;
        }
        char buf[1000];
        size_t i = 0;
        while (!failed && i < d->set.k && strcmp(d->rows[i].study, r.study) != 0)
            i++;
        if (!failed && i < d->set.k) {
            srw_record_context ctx = outcome_ctx;
            ctx.randomised = sqlite3_column_type(st, 28) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 28);
            srw_record_check_warnings(&r, &ctx, buf, sizeof buf);
            if (buf[0] != '\0' && out[i] == NULL && (out[i] = strdup(buf)) == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                failed = 1;
            }
        }
        srw_record_dispose(&r);
        if (failed)
            goto done;
    }
    rc = rc == SQLITE_DONE ? 0 : srw_store_fail(sc->s, err, "cannot read an outcome's records");
done:
    sqlite3_reset(st);
    if (rc != 0)
        for (size_t i = 0; i < d->set.k; i++) {
            free(out[i]);
            out[i] = NULL;
        }
    return rc;
}
