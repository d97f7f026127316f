/* Claims (srw_claim, studies/claims.csv): read and written column by
 * column from the one table srw_claim_columns(), whose names are the
 * claims table's (the migration to schema 12 creates it); every column is
 * text.  A claim is keyed by its use and its words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/writer_internal.h"

/* The columns but use, as "c.claim, c.asserts, ..." (prefix "c."), names
 * or placeholders. */
static void column_list(char *buf, size_t n, const char *prefix, int placeholders)
{
    size_t nc, len = 0, k = 0;
    const srw_column *c = srw_claim_columns(&nc);
    buf[0] = '\0';
    for (size_t i = 0; i < nc && len < n; i++) {
        if (strcmp(c[i].name, "use") == 0) /* the use is the key, by id */
            continue;
        len += (size_t)snprintf(buf + len, n - len, "%s%s%s", k++ ? ", " : "", placeholders ? "?" : prefix,
                                placeholders ? "" : c[i].name);
    }
}

/* Rows of st (use name, then the columns of column_list) into *out. */
static int read_rows(srw_store *s, sqlite3_stmt *st, srw_claim **out, size_t *n, srw_error *err)
{
    size_t nc, cap = 0;
    const srw_column *c = srw_claim_columns(&nc);
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            srw_claim *grown = realloc(*out, cap * sizeof *grown);
            if (grown == NULL)
                goto oom;
            *out = grown;
        }
        srw_claim *cl = &(*out)[(*n)++];
        srw_claim_init(cl, 0);
        if (sqlite3_column_type(st, 0) != SQLITE_NULL && (cl->use = srw_column_text_dup(st, 0)) == NULL)
            goto oom;
        int at = 1;
        for (size_t i = 0; i < nc; i++) {
            if (strcmp(c[i].name, "use") == 0)
                continue;
            char **slot = (char **)((char *)cl + c[i].offset);
            if (sqlite3_column_type(st, at) != SQLITE_NULL && (*slot = srw_column_text_dup(st, at)) == NULL)
                goto oom;
            at++;
        }
    }
    if (rc == SQLITE_DONE)
        return 0;
    rc = srw_store_fail(s, err, "cannot read the claims");
    goto fail;
oom:
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
fail:
    for (size_t i = 0; i < *n; i++)
        srw_claim_dispose(&(*out)[i]);
    free(*out);
    *out = NULL;
    *n = 0;
    return rc;
}

int srw_store_load_claims(srw_store *s, srw_claim **out, size_t *n, srw_error *err)
{
    char cols[400], sql[800];
    column_list(cols, sizeof cols, "c.", 0);
    snprintf(sql, sizeof sql, "SELECT u.name, %s FROM claims c JOIN uses u ON u.id = c.use_id ORDER BY c.id", cols);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc == 0)
        rc = read_rows(s, st, out, n, err);
    sqlite3_finalize(st);
    return rc;
}

int srw_writer_claim_get(srw_writer *w, srw_id use, const char *claim, srw_claim *out, srw_error *err)
{
    srw_claim_init(out, 0);
    char cols[400], sql[800];
    column_list(cols, sizeof cols, "c.", 0);
    snprintf(sql, sizeof sql,
             "SELECT u.name, %s FROM claims c JOIN uses u ON u.id = c.use_id WHERE c.use_id = ?1 AND c.claim = ?2",
             cols);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, use);
    sqlite3_bind_text(st, 2, claim, -1, SQLITE_TRANSIENT);
    srw_claim *rows = NULL;
    size_t n = 0;
    rc = read_rows(w->s, st, &rows, &n, err);
    sqlite3_finalize(st);
    if (rc == 0 && n == 1) {
        *out = rows[0];
        rc = 1;
    } else {
        for (size_t i = 0; i < n; i++)
            srw_claim_dispose(&rows[i]);
    }
    free(rows);
    return rc;
}

int srw_writer_claim_put(srw_writer *w, int exists, srw_id use, const srw_claim *c, const char *who,
                         const char *when, srw_error *err)
{
    size_t nc;
    const srw_column *cols = srw_claim_columns(&nc);
    char names[400], marks[100], sql[900];
    column_list(names, sizeof names, "", 0);
    column_list(marks, sizeof marks, "", 1);
    /* An update keeps the row (and its place in the report's order). */
    if (exists)
        snprintf(sql, sizeof sql,
                 "UPDATE claims SET (%s, entered_by, entered_at) = (%s, ?, ?) WHERE use_id = ? AND claim = ?", names,
                 marks);
    else
        snprintf(sql, sizeof sql, "INSERT INTO claims (%s, entered_by, entered_at, use_id) VALUES (%s, ?, ?, ?)",
                 names, marks);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(w->s, &st, sql, err);
    if (rc)
        return rc;
    int at = 1;
    for (size_t i = 0; i < nc; i++) {
        if (strcmp(cols[i].name, "use") == 0)
            continue;
        srw_bind_text(st, at++, *(char *const *)((const char *)c + cols[i].offset));
    }
    srw_bind_text(st, at++, who);
    srw_bind_text(st, at++, when);
    sqlite3_bind_int64(st, at++, use);
    if (exists)
        srw_bind_text(st, at, c->claim);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : srw_store_fail(w->s, err, "cannot write a claim");
    sqlite3_finalize(st);
    return rc;
}
