/* The third reviewer's risk-of-bias judgements: RoB 1 of a study, RoB 2
 * of a result, one rule for both (srw/entry.h): each item's judgement is
 * the one set, else the accepted reviewer's, else the one every reviewer
 * gives; its support the one set, else the accepted reviewer's when their
 * judgement is the one adopted, else the one every reviewer gives with one
 * judgement.  Inside the caller's transaction (srw_import_adjudicate). */
#include "store/entry_internal.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What differs between the tools: the items, their names, the values, and
 * the statements over their table (?1 study label, ?2 item; RoB 2 adds ?8
 * use and ?9 outcome).  was: the adjudicated judgement and support; read:
 * each reviewer's (reviewer, judgement, support); write: the upsert (?3
 * adjudicator, ?4 judgement, ?5 support, ?6 reason, ?7 when). */
typedef struct rob_tool {
    int n_items;
    const char *(*column)(int item);
    const char *(*support)(int item); /* NULL for an item without */
    int (*parse)(const char *field);  /* a --set field's item, -1 */
    int (*valid)(const char *judgement);
    const char *values, *noun; /* "low|high|unclear"; "risk-of-bias" */
    const char *was, *read, *write;
} rob_tool;

static const char *rob1_column(int d)
{
    return srw_rob_domain_column((srw_rob_domain)d);
}

static const char *rob1_support(int d)
{
    return srw_rob_support_column((srw_rob_domain)d);
}

static int rob1_valid(const char *j)
{
    return srw_rob_judgement_parse(j) != SRW_ROB_UNSET;
}

static int rob2_parse(const char *field)
{
    return strncmp(field, "rob2_", 5) == 0 ? srw_rob2_item_parse(field) : -1;
}

static int rob2_valid(const char *j)
{
    return srw_rob2_judgement_parse(j) != SRW_ROB2_UNSET;
}

static const rob_tool rob1 = {
    SRW_ROB_N, rob1_column, rob1_support, srw_rob_domain_parse, rob1_valid, "low|high|unclear", "risk-of-bias",
    "SELECT b.judgement, b.support FROM rob b JOIN studies s ON s.id = b.study_id"
    " WHERE s.label = ?1 AND b.domain = ?2 AND b.kind = 'adjudicated'",
    "SELECT b.reviewer, b.judgement, b.support FROM rob b JOIN studies s"
    " ON s.id = b.study_id WHERE s.label = ?1 AND b.domain = ?2 AND b.kind = 'extraction'"
    " ORDER BY b.reviewer",
    "INSERT INTO rob (study_id, domain, reviewer, kind, judgement, support, reason,"
    " entered_by, entered_at) SELECT id, ?2, ?3, 'adjudicated', ?4, ?5, ?6, ?3, ?7"
    " FROM studies WHERE label = ?1 ON CONFLICT (study_id, domain) WHERE kind = 'adjudicated'"
    " DO UPDATE SET reviewer = excluded.reviewer, judgement = excluded.judgement,"
    " support = excluded.support, reason = excluded.reason,"
    " entered_by = excluded.entered_by, entered_at = excluded.entered_at"};

#define ROB2_RESULT                                                                                          \
    " FROM rob2 b JOIN studies s ON s.id = b.study_id JOIN outcomes o ON o.id = b.outcome_id"             \
    " JOIN uses u ON u.id = o.use_id WHERE s.label = ?1 AND b.domain = ?2 AND u.name = ?8 AND o.name = ?9"

static const rob_tool rob2 = {
    SRW_ROB2_ITEMS, srw_rob2_item_column, srw_rob2_support_column, rob2_parse, rob2_valid,
    "low|some_concerns|high", "RoB 2",
    "SELECT b.judgement, b.support" ROB2_RESULT " AND b.kind = 'adjudicated'",
    "SELECT b.reviewer, b.judgement, b.support" ROB2_RESULT " AND b.kind = 'extraction' ORDER BY b.reviewer",
    "INSERT INTO rob2 (outcome_id, study_id, domain, reviewer, kind, judgement, support, reason,"
    " entered_by, entered_at) SELECT o.id, s.id, ?2, ?3, 'adjudicated', ?4, ?5, ?6, ?3, ?7"
    " FROM outcomes o JOIN uses u ON u.id = o.use_id, studies s WHERE s.label = ?1 AND u.name = ?8"
    " AND o.name = ?9 ON CONFLICT (outcome_id, study_id, domain) WHERE kind = 'adjudicated'"
    " DO UPDATE SET reviewer = excluded.reviewer, judgement = excluded.judgement,"
    " support = excluded.support, reason = excluded.reason,"
    " entered_by = excluded.entered_by, entered_at = excluded.entered_at"};

/* One adjudication: what it is of, by whom, why, and its statements. */
typedef struct adjudication {
    const rob_tool *t;
    srw_store *s;
    const char *use, *outcome, *study; /* use and outcome NULL for RoB 1 */
    const char *adjudicator, *reason;
    char when[32];
    sqlite3_stmt *was, *read, *write, *audit;
} adjudication;

static void bind_key(const adjudication *a, sqlite3_stmt *st, const char *item)
{
    srw_bind_text(st, 1, a->study);
    srw_bind_text(st, 2, item);
    if (a->use != NULL) {
        srw_bind_text(st, 8, a->use);
        srw_bind_text(st, 9, a->outcome);
    }
}

/* Writes one item's judgement and support, with its trail rows: the
 * judgement, and the support when it changed (also when cleared), each
 * naming what it replaces. */
static int write_item(adjudication *a, const char *item, const char *support_column, const char *judgement,
                      const char *support, srw_error *err)
{
    bind_key(a, a->was, item);
    char *old_j = NULL, *old_sup = NULL;
    if (sqlite3_step(a->was) == SQLITE_ROW) {
        old_j = srw_column_text_dup(a->was, 0);
        old_sup = srw_column_text_dup(a->was, 1);
    }
    sqlite3_reset(a->was);
    int rc = 0;
    bind_key(a, a->write, item);
    srw_bind_text(a->write, 3, a->adjudicator);
    srw_bind_text(a->write, 4, judgement);
    srw_bind_text(a->write, 5, support);
    srw_bind_text(a->write, 6, a->reason);
    srw_bind_text(a->write, 7, a->when);
    if (sqlite3_step(a->write) != SQLITE_DONE || sqlite3_changes(a->s->db) == 0)
        rc = srw_store_fail(a->s, err, "cannot write an adjudicated judgement");
    sqlite3_reset(a->write);
    srw_audit_row j = {a->when,        a->adjudicator, "adjudicate", a->use,    a->outcome, a->study,
                       a->adjudicator, item,           old_j,        judgement, a->reason};
    if (rc == 0)
        rc = srw_audit_write(a->s, a->audit, &j, err);
    srw_audit_row b = {a->when,        a->adjudicator, "adjudicate", a->use,  a->outcome, a->study,
                       a->adjudicator, support_column, old_sup,      support, a->reason};
    if (rc == 0 && support_column != NULL && !srw_same_text(old_sup, support))
        rc = srw_audit_write(a->s, a->audit, &b, err);
    free(old_j);
    free(old_sup);
    return rc;
}

static int is_set(const char *const *fields, size_t n, const char *f)
{
    for (size_t i = 0; f != NULL && i < n; i++)
        if (strcmp(fields[i], f) == 0)
            return 1;
    return 0;
}

/* Every item (only those set when only_set): decided and written.  quiet:
 * an accepted reviewer without judgements, or nothing to adjudicate, is
 * not an error (RoB 2 adjudicated with its record). */
static int adjudicate_items(adjudication *a, const char *accept, const char *const *fields,
                            const char *const *values, size_t n, int only_set, int quiet, srw_error *err)
{
    const rob_tool *t = a->t;
    int rc = 0, written = 0, accepted_any = 0;
    for (int d = 0; d < t->n_items && rc == 0; d++) {
        const char *dom = t->column(d), *sup_col = t->support(d);
        if (only_set && !is_set(fields, n, dom) && !is_set(fields, n, sup_col))
            continue;
        const char *chosen = NULL, *sup_set = NULL;
        char *accepted = NULL, *support = NULL, *first = NULL, *sup_first = NULL;
        int differ = 0, any = 0, sup_given = 0, sup_differ = 0;
        for (size_t i = 0; i < n; i++) {
            if (t->parse(fields[i]) == d)
                chosen = values[i];
            if (sup_col != NULL && strcmp(fields[i], sup_col) == 0) {
                sup_given = 1;
                sup_set = values[i][0] ? values[i] : NULL; /* empty: none */
            }
        }
        bind_key(a, a->read, dom);
        while (sqlite3_step(a->read) == SQLITE_ROW) {
            const char *who = (const char *)sqlite3_column_text(a->read, 0);
            const char *j = (const char *)sqlite3_column_text(a->read, 1);
            const char *sp = (const char *)sqlite3_column_text(a->read, 2);
            if (first == NULL) {
                first = strdup(j);
                sup_first = sp ? strdup(sp) : NULL;
            } else {
                differ |= strcmp(first, j) != 0;
                sup_differ |= !srw_same_text(sp, sup_first);
            }
            any = 1;
            if (accept && strcmp(who, accept) == 0) {
                accepted = strdup(j);
                support = srw_column_text_dup(a->read, 2);
            }
        }
        sqlite3_reset(a->read);
        accepted_any |= accepted != NULL;
        if (chosen == NULL)
            chosen = accepted ? accepted : (!differ ? first : NULL);
        /* The accepted reviewer's support goes with their judgement only:
         * a judgement set otherwise has none of theirs. */
        if (accepted != NULL && chosen != NULL && strcmp(chosen, accepted) != 0) {
            free(support);
            support = NULL;
        }
        if (sup_given) {
            free(support);
            support = sup_set ? strdup(sup_set) : NULL;
        } else if (accepted == NULL && !sup_differ && sup_first != NULL && chosen != NULL && !differ) {
            support = strdup(sup_first); /* every reviewer gives it, with one judgement */
        }
        if (chosen == NULL && !differ && sup_given)
            rc = SRW_FAIL(err, SRW_EDATA, "%s: no judgement of %s of '%s' to support: --set %s=%s", sup_col, dom,
                          a->study, dom, t->values);
        if (rc == 0 && chosen == NULL && differ)
            rc = SRW_FAIL(err, SRW_EDATA,
                          "the reviewers judge %s of '%s'%s%s differently: give --accept REVIEWER or --set %s=%s",
                          dom, a->study, a->outcome ? " for " : "", a->outcome ? a->outcome : "", dom, t->values);
        else if (rc == 0 && chosen != NULL && !t->valid(chosen))
            rc = SRW_FAIL(err, SRW_EDATA, "%s: '%s' is not %s", dom, chosen, t->values);
        if (rc == 0 && chosen != NULL && (any || is_set(fields, n, dom))) {
            rc = write_item(a, dom, sup_col, chosen, support, err);
            written++;
        }
        free(accepted);
        free(support);
        free(first);
        free(sup_first);
    }
    if (rc == 0 && accept != NULL && !accepted_any && !quiet)
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "%s has no %s judgement of '%s' to accept", accept, t->noun, a->study);
    if (rc == 0 && written == 0 && !quiet)
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "no %s judgements of '%s'%s%s to adjudicate", t->noun, a->study,
                      a->outcome ? " for " : "", a->outcome ? a->outcome : "");
    return rc;
}

static int adjudicate(const rob_tool *t, srw_store *s, const char *use, const char *outcome, const char *study,
                      const char *accept, const char *const *fields, const char *const *values, size_t n,
                      int only_set, int quiet, const char *adjudicator, const char *reason, srw_error *err)
{
    adjudication a = {t, s, use, outcome, study, adjudicator, reason, "", NULL, NULL, NULL, NULL};
    srw_utc_now(a.when, sizeof a.when);
    int rc = srw_audit_prepare(s, &a.audit, err);
    if (rc == 0)
        rc = srw_store_prepare(s, &a.was, t->was, err);
    if (rc == 0)
        rc = srw_store_prepare(s, &a.read, t->read, err);
    if (rc == 0)
        rc = srw_store_prepare(s, &a.write, t->write, err);
    if (rc == 0)
        rc = adjudicate_items(&a, accept, fields, values, n, only_set, quiet, err);
    sqlite3_finalize(a.read);
    sqlite3_finalize(a.write);
    sqlite3_finalize(a.was);
    sqlite3_finalize(a.audit);
    return rc;
}

int srw_store_adjudicate_rob(srw_store *s, const char *study, const char *accept, const char *const *fields,
                             const char *const *values, size_t n, int only_set, const char *adjudicator,
                             const char *reason, srw_error *err)
{
    return adjudicate(&rob1, s, NULL, NULL, study, accept, fields, values, n, only_set, 0, adjudicator, reason,
                      err);
}

int srw_store_adjudicate_rob2(srw_store *s, const char *use, const char *outcome, const char *study,
                              const char *accept, const char *const *fields, const char *const *values, size_t n,
                              int with_record, const char *adjudicator, const char *reason, srw_error *err)
{
    /* Alone, an adjudication decides the items set; with its record, every
     * item the reviewers judged (as the record's every field). */
    return adjudicate(&rob2, s, use, outcome, study, accept, fields, values, n, !with_record, with_record,
                      adjudicator, reason, err);
}
