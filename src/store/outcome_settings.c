/* Each outcome's settings in a use (srw_outcome_settings): read and written
 * column by column from the one table srw_outcome_settings_columns(), whose
 * names are the table's (the migration to schema 10 creates it). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/writer_internal.h"

/* "c1, c2, ..." of the column table, into buf. */
static void column_list(char *buf, size_t n, const char *prefix, int placeholders)
{
    size_t nc, len = 0;
    const srw_column *c = srw_outcome_settings_columns(&nc);
    buf[0] = '\0';
    for (size_t i = 2; i < nc && len < n; i++) /* use and outcome are the key */
        len += (size_t)snprintf(buf + len, n - len, "%s%s%s", i > 2 ? ", " : "", placeholders ? "?" : prefix,
                                placeholders ? "" : c[i].name);
}

static int bind_column(sqlite3_stmt *st, int at, const srw_column *c, const srw_outcome_settings *o)
{
    const char *slot = (const char *)o + c->offset;
    switch (c->kind) {
    case SRW_FIELD_TEXT: {
        const char *v;
        memcpy(&v, slot, sizeof v);
        return srw_bind_text(st, at, v);
    }
    case SRW_FIELD_NUMBER: {
        double v;
        memcpy(&v, slot, sizeof v);
        return srw_bind_real(st, at, v);
    }
    default: {
        int v;
        memcpy(&v, slot, sizeof v);
        return v < 0 ? sqlite3_bind_null(st, at) : sqlite3_bind_int(st, at, v);
    }
    }
}

static int read_column(sqlite3_stmt *st, int at, const srw_column *c, srw_outcome_settings *o)
{
    char *slot = (char *)o + c->offset;
    switch (c->kind) {
    case SRW_FIELD_TEXT: {
        char *v = NULL;
        if (sqlite3_column_type(st, at) != SQLITE_NULL && (v = srw_column_text_dup(st, at)) == NULL)
            return -1;
        memcpy(slot, &v, sizeof v);
        return 0;
    }
    case SRW_FIELD_NUMBER: {
        double v = srw_column_real(st, at);
        memcpy(slot, &v, sizeof v);
        return 0;
    }
    default: {
        int v = sqlite3_column_type(st, at) == SQLITE_NULL ? -1 : sqlite3_column_int(st, at);
        memcpy(slot, &v, sizeof v);
        return 0;
    }
    }
}

/* The rows of statement st (use, outcome, then the column table's other
 * columns) into a new array. */
static int read_rows(srw_store *s, sqlite3_stmt *st, srw_outcome_settings **out, size_t *n, srw_error *err)
{
    size_t nc, cap = 0;
    const srw_column *c = srw_outcome_settings_columns(&nc);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            srw_outcome_settings *p = realloc(*out, cap * sizeof *p);
            if (p == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            *out = p;
        }
        srw_outcome_settings *o = &(*out)[(*n)++];
        srw_outcome_settings_init(o, 0);
        for (size_t i = 0; i < nc; i++)
            if (read_column(st, (int)i, &c[i], o) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot read outcome settings");
}

int srw_store__outcome_settings_load(srw_store *s, sqlite3_stmt **kept, sqlite3_int64 use,
                                     srw_outcome_settings **out, size_t *n, srw_error *err)
{
    *out = NULL;
    *n = 0;
    int rc = 0;
    if (*kept == NULL) {
        char cols[1200], sql[1600];
        column_list(cols, sizeof cols, "o.", 0);
        snprintf(sql, sizeof sql,
                 "SELECT u.name, o.outcome, %s FROM outcome_settings o JOIN uses u ON u.id = o.use_id"
                 " WHERE o.use_id = ?1 ORDER BY o.outcome",
                 cols);
        rc = srw_store_prepare(s, kept, sql, err);
    }
    if (rc)
        return rc;
    sqlite3_stmt *st = *kept;
    sqlite3_bind_int64(st, 1, use);
    rc = read_rows(s, st, out, n, err);
    sqlite3_reset(st);
    return rc;
}

int srw_writer_outcome_settings_get(srw_writer *w, srw_id use, const char *outcome, srw_outcome_settings *out,
                                    srw_error *err)
{
    srw_outcome_settings_init(out, 0);
    char cols[1200], sql[1600];
    column_list(cols, sizeof cols, "o.", 0);
    snprintf(sql, sizeof sql,
             "SELECT u.name, o.outcome, %s FROM outcome_settings o JOIN uses u ON u.id = o.use_id"
             " WHERE o.use_id = ?1 AND o.outcome = ?2",
             cols);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, use);
    sqlite3_bind_text(st, 2, outcome, -1, SQLITE_TRANSIENT);
    srw_outcome_settings *rows = NULL;
    size_t n = 0;
    rc = read_rows(w->s, st, &rows, &n, err);
    sqlite3_finalize(st);
    if (rc == 0 && n == 1) {
        *out = rows[0];
        rc = 1;
    } else {
        for (size_t i = 0; i < n; i++)
            srw_outcome_settings_dispose(&rows[i]);
    }
    free(rows);
    return rc;
}

int srw_writer_outcome_settings_put(srw_writer *w, srw_id use, const srw_outcome_settings *o, const char *who,
                                    const char *when, srw_error *err)
{
    size_t nc;
    const srw_column *c = srw_outcome_settings_columns(&nc);
    char cols[1200], marks[400], sql[1800];
    column_list(cols, sizeof cols, "", 0);
    column_list(marks, sizeof marks, "", 1);
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO outcome_settings (use_id, outcome, %s, entered_by, entered_at)"
             " VALUES (?, ?, %s, ?, ?)",
             cols, marks);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, use);
    srw_bind_text(st, 2, o->outcome);
    int at = 3;
    for (size_t i = 2; i < nc; i++)
        bind_column(st, at++, &c[i], o);
    srw_bind_text(st, at++, who);
    srw_bind_text(st, at, when);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : srw_store_fail(w->s, err, "cannot write an outcome's settings");
    sqlite3_finalize(st);
    return rc;
}
