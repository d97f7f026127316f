/* Read-only queries of the review database. */
#include "store/store_internal.h"
#include "store/entry_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_store_count(srw_store *s, srw_store_counts *out, srw_error *err)
{
    static const char *const sql =
        "SELECT (SELECT count(*) FROM uses), (SELECT count(*) FROM outcomes),"
        " (SELECT count(*) FROM studies), (SELECT count(*) FROM (SELECT DISTINCT outcome_id, study_id FROM records)),"
        " (SELECT count(*) FROM published)";
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = srw_store_fail(s, err, "cannot count the review's contents");
    } else {
        out->uses = sqlite3_column_int64(st, 0);
        out->outcomes = sqlite3_column_int64(st, 1);
        out->studies = sqlite3_column_int64(st, 2);
        out->records = sqlite3_column_int64(st, 3);
        out->published = sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    return rc;
}

/* 1 when sql returns no row (or fails: the caller then takes the general
 * path). */
static int query_empty(srw_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int empty = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return empty;
}

/* Run a query into a table (all of its columns, typed as SQLite gives them). */
static int fill_table(srw_store *s, sqlite3_stmt *st, srw_table *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nc = (size_t)sqlite3_column_count(st);
    out->columns = calloc(nc ? nc : 1, sizeof(char *));
    if (out->columns == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    out->n_cols = nc;
    for (size_t c = 0; c < nc; c++)
        if ((out->columns[c] = strdup(sqlite3_column_name(st, (int)c))) == NULL)
            goto oom;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_rows == cap) {
            cap = cap ? cap * 2 : 16;
            srw_value *v = realloc(out->cells, cap * nc * sizeof *v);
            if (v == NULL)
                goto oom;
            out->cells = v;
        }
        srw_value *row = &out->cells[out->n_rows * nc];
        memset(row, 0, nc * sizeof *row);
        out->n_rows++;
        for (size_t c = 0; c < nc; c++) {
            switch (sqlite3_column_type(st, (int)c)) {
            case SQLITE_INTEGER:
                row[c].type = SRW_VALUE_INT;
                row[c].i = sqlite3_column_int64(st, (int)c);
                break;
            case SQLITE_FLOAT:
                row[c].type = SRW_VALUE_REAL;
                row[c].r = sqlite3_column_double(st, (int)c);
                break;
            case SQLITE_NULL:
                break;
            default:
                row[c].type = SRW_VALUE_TEXT;
                if ((row[c].text = srw_column_text_dup(st, (int)c)) == NULL)
                    goto oom;
            }
        }
    }
    if (rc != SQLITE_DONE) {
        srw_table_dispose(out);
        return srw_store_fail(s, err, "cannot list");
    }
    return 0;
oom:
    srw_table_dispose(out);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

/* The extractions listing's last column: the record's warnings
 * (srw_record_check_warnings), or null. */
static int add_warnings(srw_store *s, srw_table *t, srw_error *err)
{
    size_t nc = t->n_cols + 1;
    char **cols = realloc(t->columns, nc * sizeof *cols);
    if (cols == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    t->columns = cols;
    if ((cols[nc - 1] = strdup("warnings")) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    srw_value *cells = calloc(t->n_rows ? t->n_rows * nc : 1, sizeof *cells);
    if (cells == NULL) {
        free(cols[nc - 1]);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t r = 0; r < t->n_rows; r++)
        memcpy(&cells[r * nc], &t->cells[r * t->n_cols], t->n_cols * sizeof *cells);
    free(t->cells);
    t->cells = cells;
    t->n_cols = nc;
    for (size_t r = 0; r < t->n_rows; r++) {
        srw_value *row = &cells[r * nc];
        const char *use = row[0].text, *outcome = row[1].text, *study = row[2].text;
        const char *reviewer = row[15].text, *kind = row[17].text;
        char w[1000];
        int rc = srw_store_record_warnings(s, use, outcome, study,
                                           kind && strcmp(kind, "adjudicated") == 0 ? NULL : reviewer, w, sizeof w,
                                           err);
        if (rc)
            return rc;
        if (w[0]) {
            row[nc - 1].type = SRW_VALUE_TEXT;
            if ((row[nc - 1].text = strdup(w)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
    }
    return 0;
}

/* Every row of sql into out. */
static int query_table(srw_store *s, const char *sql, srw_table *out, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc == 0)
        rc = fill_table(s, st, out, err);
    sqlite3_finalize(st);
    return rc;
}

int srw_store_export_table(srw_store *s, const char *what, srw_table *out, srw_error *err)
{
    static const struct {
        const char *what, *sql;
    } tables[] = {
        /* Estimates as the file gave them: with as many decimals (the
         * report shows a result to its own precision). */
        {"published",
         "SELECT u.name AS use, p.outcome, p.review, p.version, p.search_date, p.measure, p.model, p.method,"
         " srw_decimal_text(p.estimate, p.decimals) AS estimate, srw_decimal_text(p.ci_lower, p.decimals) AS ci_lower,"
         " srw_decimal_text(p.ci_upper, p.decimals) AS ci_upper,"
         " p.trials, p.participants, p.certainty, p.direction, p.source, p.notes, p.pooled_trials, p.scope"
         " FROM published p JOIN uses u ON u.id = p.use_id ORDER BY u.name, p.outcome, p.review, p.measure"},
        {"uses", "SELECT name AS use, primary_outcome, description, mid, mid_measure, mid_source, notes, source,"
                 " primary_source, large, large_source, search_date FROM uses WHERE primary_outcome IS NOT NULL"
                 " ORDER BY name"},
        /* The columns of srw_outcome_settings_columns(), in its order. */
        {"outcomes", "SELECT u.name AS use, o.outcome, o.importance, o.mid, o.mid_measure, o.mid_source, o.large,"
                     " o.large_source, o.baseline_low, o.baseline_high, o.baseline_source, o.upgrade,"
                     " o.upgrade_reason, o.review_certainty, o.review_risk_of_bias, o.review_inconsistency,"
                     " o.review_indirectness, o.review_imprecision, o.review_publication_bias, o.review_risk_of_bias_reason,"
                     " o.review_inconsistency_reason, o.review_indirectness_reason, o.review_imprecision_reason,"
                     " o.review_publication_bias_reason,"
                     " o.review_source, o.notes FROM outcome_settings o JOIN uses u ON u.id = o.use_id"
                     " ORDER BY u.name, o.outcome"},
        /* The columns of srw_claim_columns(), in its order and the order
         * the claims were entered. */
        {"claims", "SELECT c.claim, u.name AS use, c.asserts, c.outcome, c.source, c.notes FROM claims c"
                   " JOIN uses u ON u.id = c.use_id ORDER BY c.id"},
        /* Indirectness is kept on the outcome; 0 without a reason is the
         * default, not a judgement. */
        /* Of outcomes that hold records: an outcome left without any (srw
         * remove) is not in an export, and the import would refuse a
         * judgement of it. */
        {"grade", "SELECT u.name AS use, o.name AS outcome, g.domain, g.downgrade, g.reason, g.source"
                  " FROM grade_overrides g JOIN outcomes o ON o.id = g.outcome_id JOIN uses u ON u.id = o.use_id"
                  " WHERE EXISTS (SELECT 1 FROM records r WHERE r.outcome_id = o.id)"
                  " UNION ALL SELECT u.name, o.name, 'indirectness', o.indirectness, o.indirectness_reason,"
                  " o.indirectness_source"
                  " FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE o.indirectness_reason IS NOT NULL"
                  " AND EXISTS (SELECT 1 FROM records r WHERE r.outcome_id = o.id) ORDER BY 1, 2, 3"},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i].what, what) == 0)
            return query_table(s, tables[i].sql, out, err);
    return SRW_FAIL(err, SRW_EUSAGE, "cannot export '%s' (published, uses, outcomes, grade or claims)", what);
}

/* The SQL of srw_store_list(what), NULL when there is no such list.  A
 * review without RoB 1 judgements lists its studies without the
 * correlated subquery that would find none for each (the report's data
 * hash lists every study). */
static const char *list_sql(srw_store *s, const char *what)
{
    static const struct {
        const char *what, *sql;
    } lists[] = {
        /* Each use and outcome with the short id --use and --outcome take
         * (srw_store_find_use), and an imported analysis's number. */
        {"uses", "SELECT 'u' || u.id AS id, u.name AS use, u.primary_outcome, u.mid, u.mid_measure,"
                 " (SELECT count(*) FROM outcomes o WHERE o.use_id = u.id) AS outcomes,"
                 " (SELECT count(DISTINCT r.study_id) FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                 "   WHERE o.use_id = u.id) AS studies,"
                 " (SELECT count(*) FROM published p WHERE p.use_id = u.id) AS published"
                 " FROM uses u ORDER BY u.name"},
        {"outcomes", "SELECT 'o' || o.id AS id, u.name AS use, o.name AS outcome, o.type, o.direction, o.unit, o.mid,"
                     " (SELECT count(DISTINCT r.study_id) FROM records r WHERE r.outcome_id = o.id) AS studies,"
                     " a.number AS analysis"
                     " FROM outcomes o JOIN uses u ON u.id = o.use_id"
                     " LEFT JOIN analysis_settings a ON a.outcome_id = o.id ORDER BY u.name, o.name"},
        /* One pass over the records (grouped by study), not one per study:
         * records has no index on study_id.  A study an import added has
         * its first record's source. */
        /* studies_no_rob below is the same without RoB 1 judgements. */
        {"studies", "WITH per AS (SELECT study_id, count(DISTINCT outcome_id) AS n, min(id) AS first FROM records"
                    " GROUP BY study_id)"
                    " SELECT s.label AS study, s.year, coalesce(per.n, 0) AS records,"
                    " (SELECT group_concat(j, '') FROM (SELECT substr(judgement, 1, 1) AS j FROM analysed_rob"
                    "   WHERE study_id = s.id ORDER BY domain)) AS rob,"
                    " coalesce(s.source, fr.source) AS source FROM studies s LEFT JOIN per ON per.study_id = s.id"
                    " LEFT JOIN records fr ON fr.id = per.first ORDER BY s.label"},
        /* Uses, then outcomes, in their indexes' order (CROSS JOIN keeps
         * it): each outcome's records are sorted by themselves, not all
         * records at once (the report's data hash lists every one). */
        {"records", "SELECT u.name AS use, o.name AS outcome, s.label AS study, o.type, r.subgroup,"
                    " r.exp_events, r.exp_mean, r.exp_sd, r.exp_total, r.ctl_events, r.ctl_mean, r.ctl_sd,"
                    " r.ctl_total, r.estimate, r.se, coalesce(r.entered_by, b.who) AS entered_by,"
                    " coalesce(r.entered_at, b.at) AS entered_at, nullif(r.arm, '') AS arm"
                    " FROM uses u CROSS JOIN outcomes o ON o.use_id = u.id CROSS JOIN records r ON r.outcome_id = o.id"
                    " JOIN studies s ON s.id = r.study_id LEFT JOIN audit b ON b.id = r.audit_id"
                    " ORDER BY u.name, o.name, s.label, r.arm, r.kind, r.reviewer"},
        /* Every record version with its reviewer, whether it enters analyses
         * and its warnings (the last column, added by add_warnings). */
        {"extractions", "SELECT u.name AS use, o.name AS outcome, s.label AS study, o.type, r.subgroup,"
                        " r.exp_events, r.exp_mean, r.exp_sd, r.exp_total, r.ctl_events, r.ctl_mean, r.ctl_sd,"
                        " r.ctl_total, r.estimate, r.se, r.reviewer, coalesce(r.entered_at, b.at) AS entered_at, r.kind,"
                        " CASE WHEN r.id IN (SELECT id FROM analysed_records) THEN 'analysed'"
                        "  WHEN EXISTS (SELECT 1 FROM awaiting_records w WHERE w.outcome_id = r.outcome_id"
                        "   AND w.study_id = r.study_id AND w.arm = r.arm) THEN 'awaiting reconciliation'"
                        "  ELSE 'superseded' END AS status, r.reason, nullif(r.arm, '') AS arm"
                        " FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
                        " JOIN studies s ON s.id = r.study_id LEFT JOIN audit b ON b.id = r.audit_id"
                        " ORDER BY u.name, o.name, s.label, r.arm, r.kind, r.reviewer"},
        /* The RoB 2 judgements that enter analyses, per result (the
         * report's data hash covers them when there are any). */
        {"rob2", "SELECT u.name AS use, o.name AS outcome, s.label AS study, b.domain, b.judgement, b.support"
                 " FROM analysed_rob2 b JOIN outcomes o ON o.id = b.outcome_id JOIN uses u ON u.id = o.use_id"
                 " JOIN studies s ON s.id = b.study_id ORDER BY u.name, o.name, s.label, b.domain"},
        /* With the decimals the numbers were given with, which the report
         * shows them to (and so its data hash covers). */
        {"published", "SELECT u.name AS use, p.outcome, p.review, p.version, p.search_date, p.measure,"
                      " p.model, p.method, p.estimate, p.ci_lower, p.ci_upper, p.decimals, p.trials, p.participants,"
                      " p.certainty, p.direction, p.source, p.notes, p.pooled_trials, p.scope"
                      " FROM published p JOIN uses u ON u.id = p.use_id ORDER BY u.name, p.outcome, p.review, p.measure"},
        {"claims", "SELECT u.name AS use, c.claim, c.asserts, c.outcome, c.source, c.notes FROM claims c"
                   " JOIN uses u ON u.id = c.use_id ORDER BY u.name, c.claim"},
    };
    static const char studies_no_rob[] =
        "WITH per AS (SELECT study_id, count(*) AS n, min(first) AS first FROM (SELECT study_id, outcome_id,"
        " min(id) AS first FROM records GROUP BY study_id, outcome_id) GROUP BY study_id)"
        " SELECT s.label AS study, s.year, coalesce(per.n, 0) AS records, NULL AS rob,"
        " coalesce(s.source, fr.source) AS source FROM studies s LEFT JOIN per ON per.study_id = s.id"
        " LEFT JOIN records fr ON fr.id = per.first ORDER BY s.label";
    if (strcmp(what, "studies") == 0 && query_empty(s, "SELECT 1 FROM rob LIMIT 1"))
        return studies_no_rob;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (strcmp(lists[i].what, what) == 0)
            return lists[i].sql;
    return NULL;
}

static int unknown_list(const char *what, srw_error *err)
{
    return SRW_FAIL(err, SRW_EUSAGE,
                    "cannot list '%s' (uses, outcomes, studies, records, extractions, published, claims or rob2)",
                    what);
}

int srw_store_list(srw_store *s, const char *what, srw_table *out, srw_error *err)
{
    const char *sql = list_sql(s, what);
    if (sql == NULL)
        return unknown_list(what, err);
    int rc = query_table(s, sql, out, err);
    if (rc == 0 && strcmp(what, "extractions") == 0 && (rc = add_warnings(s, out, err)) != 0)
        srw_table_dispose(out);
    return rc;
}

int srw_store_list_each(srw_store *s, const char *what, srw_list_row each, void *ctx, srw_error *err)
{
    const char *sql = list_sql(s, what);
    if (sql == NULL || strcmp(what, "extractions") == 0)
        return unknown_list(what, err);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc)
        return rc;
    size_t nc = (size_t)sqlite3_column_count(st);
    const char *columns[64];
    srw_value row[64];
    if (nc > 64) {
        sqlite3_finalize(st);
        return SRW_FAIL(err, SRW_EUSAGE, "list '%s' has more than 64 columns", what);
    }
    for (size_t c = 0; c < nc; c++)
        columns[c] = sqlite3_column_name(st, (int)c);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t c = 0; c < nc; c++) {
            srw_value *v = &row[c];
            memset(v, 0, sizeof *v);
            switch (sqlite3_column_type(st, (int)c)) {
            case SQLITE_INTEGER:
                v->type = SRW_VALUE_INT;
                v->i = sqlite3_column_int64(st, (int)c);
                break;
            case SQLITE_FLOAT:
                v->type = SRW_VALUE_REAL;
                v->r = sqlite3_column_double(st, (int)c);
                break;
            case SQLITE_NULL:
                break;
            default: /* borrowed until the next step, as each() is told */
                v->type = SRW_VALUE_TEXT;
                v->text = (char *)sqlite3_column_text(st, (int)c);
            }
        }
        if ((rc = each(ctx, columns, row, nc)) != 0) {
            sqlite3_finalize(st);
            return rc;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot list");
    sqlite3_finalize(st);
    return rc;
}

void srw_name_list_dispose(srw_name_list *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    memset(l, 0, sizeof *l);
}

static int names(srw_store *s, const char *sql, const char *arg, srw_name_list *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc)
        return rc;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            char **n = realloc(out->names, cap * sizeof *n);
            if (n == NULL)
                goto oom;
            out->names = n;
        }
        if ((out->names[out->n] = srw_column_text_dup(st, 0)) == NULL)
            goto oom;
        out->n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        srw_name_list_dispose(out);
        return srw_store_fail(s, err, "cannot list names");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    srw_name_list_dispose(out);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

int srw_store_use_names(srw_store *s, srw_name_list *out, srw_error *err)
{
    return names(s, "SELECT name FROM uses ORDER BY name", NULL, out, err);
}

int srw_store_use_names_by_id(srw_store *s, srw_name_list *out, srw_error *err)
{
    return names(s, "SELECT name FROM uses ORDER BY id", NULL, out, err);
}

int srw_store_outcome_names_by_id(srw_store *s, const char *use, srw_name_list *out, srw_error *err)
{
    return names(s,
                 "SELECT o.name FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = ?1"
                 " ORDER BY o.id",
                 use, out, err);
}

int srw_store_outcome_names(srw_store *s, const char *use, srw_name_list *out, srw_error *err)
{
    return names(s,
                 "SELECT o.name FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = ?1"
                 " ORDER BY o.name",
                 use, out, err);
}

/* A query with at most one text parameter (NULL binds NULL) into a table;
 * for the entry files (src/store/entry_internal.h). */
int srw_store_query_table(srw_store *s, const char *sql, const char *arg, srw_table *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc == 0) {
        if (sqlite3_bind_parameter_count(st) >= 1)
            srw_bind_text(st, 1, arg);
        rc = fill_table(s, st, out, err);
    }
    sqlite3_finalize(st);
    return rc;
}
