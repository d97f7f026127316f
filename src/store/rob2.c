/* Cochrane RoB 2 judgements (schema 11, table rob2): one per outcome,
 * study, item (five domains and the overall) and version, beside the
 * record as RoB 1's rob rows are beside the study.  Read into a record,
 * written by an import (the writer's look-up and write) and by `srw rob
 * --tool rob2`, with the trail rows an import writes. */
#include "store/entry_internal.h"
#include "store/writer_internal.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_store_fill_rob2(srw_store *s, sqlite3_stmt **st, sqlite3_int64 outcome_id, sqlite3_int64 study_id,
                        const char *reviewer, srw_record *r, srw_error *err)
{
    int rc = srw_store_prepare_kept(
        s, st,
        reviewer ? "SELECT domain, judgement, support FROM rob2 WHERE outcome_id = ?1 AND study_id = ?2"
                   " AND reviewer = ?3 AND kind = 'extraction'"
                 : "SELECT domain, judgement, support FROM analysed_rob2 WHERE outcome_id = ?1 AND study_id = ?2",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(*st, 1, outcome_id);
    sqlite3_bind_int64(*st, 2, study_id);
    if (reviewer)
        srw_bind_text(*st, 3, reviewer);
    while ((rc = sqlite3_step(*st)) == SQLITE_ROW) {
        int i = srw_rob2_item_parse((const char *)sqlite3_column_text(*st, 0));
        if (i < 0)
            continue;
        r->rob2[i] = srw_rob2_judgement_parse((const char *)sqlite3_column_text(*st, 1));
        if (i < SRW_ROB2_N) {
            free(r->rob2_support[i]);
            r->rob2_support[i] = srw_column_text_dup(*st, 2);
        }
    }
    sqlite3_reset(*st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot read RoB 2 judgements");
}

/* --- the import's writes (store/writer.h) ----------------------------------------- */

int srw_writer_rob2_get(srw_writer *w, srw_id outcome, srw_id study, const char *item, const char *reviewer,
                        char **judgement, char **support, srw_error *err)
{
    *judgement = *support = NULL;
    int rc = srw_store_prepare_kept(w->s, &w->find_rob2,
                                    "SELECT judgement, support FROM rob2 WHERE outcome_id = ?1 AND study_id = ?2"
                                    " AND domain = ?3 AND reviewer = ?4 AND kind = 'extraction'",
                                    err);
    if (rc)
        return rc;
    sqlite3_stmt *f = w->find_rob2;
    sqlite3_bind_int64(f, 1, outcome);
    sqlite3_bind_int64(f, 2, study);
    sqlite3_bind_text(f, 3, item, -1, SQLITE_STATIC);
    sqlite3_bind_text(f, 4, reviewer, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        *judgement = srw_column_text_dup(f, 0);
        *support = srw_column_text_dup(f, 1);
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(w->s, err, "cannot read a RoB 2 judgement");
    return rc == SQLITE_ROW;
}

int srw_writer_rob2_put(srw_writer *w, int exists, srw_id outcome, srw_id study, const char *item,
                        const char *judgement, const char *reviewer, const char *when, const char *support,
                        srw_error *err)
{
    sqlite3_stmt **st = exists ? &w->set_rob2 : &w->add_rob2;
    int rc = srw_store_prepare_kept(
        w->s, st,
        exists ? "UPDATE rob2 SET judgement = ?4, support = ?5, entered_by = ?6, entered_at = ?7"
                 " WHERE outcome_id = ?1 AND study_id = ?2 AND domain = ?3 AND reviewer = ?6 AND kind = 'extraction'"
               : "INSERT INTO rob2 (outcome_id, study_id, domain, judgement, support, reviewer, kind, entered_by,"
                 " entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'extraction', ?6, ?7)",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(*st, 1, outcome);
    sqlite3_bind_int64(*st, 2, study);
    sqlite3_bind_text(*st, 3, item, -1, SQLITE_STATIC);
    sqlite3_bind_text(*st, 4, judgement, -1, SQLITE_STATIC);
    srw_bind_text(*st, 5, support);
    srw_bind_text(*st, 6, reviewer);
    srw_bind_text(*st, 7, when);
    return srw_writer__done(w, *st, "cannot write a RoB 2 judgement", err);
}

/* --- srw remove ----------------------------------------------------------------- */

int srw_store__rob2_remove(srw_store *s, sqlite3_int64 outcome_id, sqlite3_int64 study_id, const srw_record *held,
                           const srw_audit_row *row, sqlite3_stmt *audit, srw_error *err)
{
    sqlite3_stmt *del = NULL;
    int rc = srw_store_prepare(s, &del,
                               "DELETE FROM rob2 WHERE outcome_id = ?1 AND study_id = ?2 AND reviewer = ?3"
                               " AND kind = 'extraction'",
                               err);
    if (rc)
        return rc;
    sqlite3_bind_int64(del, 1, outcome_id);
    sqlite3_bind_int64(del, 2, study_id);
    srw_bind_text(del, 3, row->reviewer);
    if (sqlite3_step(del) != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot remove RoB 2 judgements");
    sqlite3_finalize(del);
    for (int i = 0; i < SRW_ROB2_ITEMS && rc == 0; i++) {
        srw_audit_row a = *row;
        a.field = srw_rob2_item_column(i);
        a.old_value = srw_rob2_judgement_name(held->rob2[i]);
        if (a.old_value != NULL)
            rc = srw_audit_write(s, audit, &a, err);
        a.field = srw_rob2_support_column(i);
        a.old_value = i < SRW_ROB2_N ? held->rob2_support[i] : NULL;
        if (rc == 0 && a.old_value != NULL)
            rc = srw_audit_write(s, audit, &a, err);
    }
    return rc;
}

/* --- srw rob --tool rob2 -------------------------------------------------------- */

/* The outcome's and the study's ids, and whether any reviewer holds a
 * record of the study for the outcome (a RoB 2 judgement is of a result). */
static int result_ids(srw_store *s, const char *use, const char *outcome, const char *study, sqlite3_int64 *oid,
                      sqlite3_int64 *sid, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT (SELECT o.id FROM outcomes o JOIN uses u ON u.id = o.use_id"
                               "  WHERE u.name = ?1 AND o.name = ?2), (SELECT id FROM studies WHERE label = ?3)",
                               err);
    if (rc)
        return rc;
    srw_bind_text(st, 1, use);
    srw_bind_text(st, 2, outcome);
    srw_bind_text(st, 3, study);
    int found = sqlite3_step(st) == SQLITE_ROW;
    int has_o = found && sqlite3_column_type(st, 0) != SQLITE_NULL;
    int has_s = found && sqlite3_column_type(st, 1) != SQLITE_NULL;
    *oid = has_o ? sqlite3_column_int64(st, 0) : 0;
    *sid = has_s ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_finalize(st);
    if (!has_o)
        return SRW_FAIL(err, SRW_ENOTFOUND, "no outcome '%s' of use '%s' in the review", outcome, use);
    if (!has_s)
        return SRW_FAIL(err, SRW_ENOTFOUND, "no study '%s' in the review (enter one of its records first)", study);
    if ((rc = srw_store_prepare(s, &st, "SELECT EXISTS (SELECT 1 FROM records WHERE outcome_id = ?1 AND study_id = ?2)",
                                err)) != 0)
        return rc;
    sqlite3_bind_int64(st, 1, *oid);
    sqlite3_bind_int64(st, 2, *sid);
    int has_r = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!has_r)
        return SRW_FAIL(err, SRW_ENOTFOUND,
                        "'%s' has no record for outcome '%s' of '%s': RoB 2 judges a result (enter the record first)",
                        study, outcome, use);
    return 0;
}

int srw_store_set_rob2(srw_store *s, const char *use, const char *outcome, const char *study, const char *reviewer,
                       const srw_rob2_judgement rob2[SRW_ROB2_ITEMS], const char *support,
                       srw_rob2_judgement now[SRW_ROB2_ITEMS], srw_error *err)
{
    sqlite3_stmt *find = NULL, *upd = NULL, *add = NULL, *audit = NULL;
    srw_record held; /* what the reviewer holds: the judgements and supports */
    srw_record_init(&held, 0);
    char when[32];
    srw_utc_now(when, sizeof when);
    int rc = srw_store_begin(s, err);
    if (rc)
        return rc;
    sqlite3_int64 oid = 0, sid = 0;
    if ((rc = result_ids(s, use, outcome, study, &oid, &sid, err)) != 0 ||
        (rc = srw_store_prepare(s, &find,
                                "SELECT domain, judgement, support FROM rob2 WHERE outcome_id = ?1 AND study_id = ?2"
                                " AND reviewer = ?3 AND kind = 'extraction'",
                                err)) != 0 ||
        (rc = srw_store_prepare(s, &upd,
                                "UPDATE rob2 SET judgement = ?5, support = ?6, entered_by = ?4, entered_at = ?7"
                                " WHERE outcome_id = ?1 AND study_id = ?2 AND domain = ?3 AND reviewer = ?4"
                                " AND kind = 'extraction'",
                                err)) != 0 ||
        (rc = srw_store_prepare(s, &add,
                                "INSERT INTO rob2 (outcome_id, study_id, domain, reviewer, kind, judgement, support,"
                                " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, 'extraction', ?5, ?6, ?4, ?7)",
                                err)) != 0 ||
        (rc = srw_audit_prepare(s, &audit, err)) != 0)
        goto done;
    sqlite3_bind_int64(find, 1, oid);
    sqlite3_bind_int64(find, 2, sid);
    srw_bind_text(find, 3, reviewer);
    while (sqlite3_step(find) == SQLITE_ROW) {
        int i = srw_rob2_item_parse((const char *)sqlite3_column_text(find, 0));
        if (i < 0)
            continue;
        held.rob2[i] = srw_rob2_judgement_parse((const char *)sqlite3_column_text(find, 1));
        if (i < SRW_ROB2_N)
            held.rob2_support[i] = srw_column_text_dup(find, 2);
    }
    for (int i = 0; i < SRW_ROB2_ITEMS && rc == 0; i++) {
        if (rob2[i] == SRW_ROB2_UNSET)
            continue;
        const char *item = srw_rob2_item_column(i), *j = srw_rob2_judgement_name(rob2[i]);
        const char *old = srw_rob2_judgement_name(held.rob2[i]);
        const char *old_sup = i < SRW_ROB2_N ? held.rob2_support[i] : NULL;
        /* Without --support a judgement keeps its support; "" clears it;
         * the overall has none. */
        const char *sup = i == SRW_ROB2_OVERALL ? NULL : support == NULL ? old_sup : support[0] ? support : NULL;
        int same_j = old != NULL && strcmp(old, j) == 0, same_sup = srw_same_text(old_sup, sup);
        if (same_j && same_sup)
            continue;
        sqlite3_stmt *w = old != NULL ? upd : add;
        sqlite3_bind_int64(w, 1, oid);
        sqlite3_bind_int64(w, 2, sid);
        srw_bind_text(w, 3, item);
        srw_bind_text(w, 4, reviewer);
        srw_bind_text(w, 5, j);
        srw_bind_text(w, 6, sup);
        srw_bind_text(w, 7, when);
        if (sqlite3_step(w) != SQLITE_DONE)
            rc = srw_store_fail(s, err, "cannot write a RoB 2 judgement");
        sqlite3_reset(w);
        /* The trail as an import writes it: the judgement and its support,
         * each a field of its own. */
        srw_audit_row a = {when, reviewer, "rob", use, outcome, study, reviewer, item, old, j, NULL};
        if (rc == 0 && !same_j)
            rc = srw_audit_write(s, audit, &a, err);
        srw_audit_row b = {when,     reviewer, "rob", use, outcome, study, reviewer, srw_rob2_support_column(i),
                           old_sup, sup,      NULL};
        if (rc == 0 && !same_sup)
            rc = srw_audit_write(s, audit, &b, err);
        held.rob2[i] = rob2[i];
    }
    if (now != NULL)
        memcpy(now, held.rob2, sizeof held.rob2);
done:
    srw_record_dispose(&held);
    sqlite3_finalize(find);
    sqlite3_finalize(upd);
    sqlite3_finalize(add);
    sqlite3_finalize(audit);
    if (rc == 0)
        return srw_store_commit(s, err);
    srw_store_rollback(s);
    return rc;
}
