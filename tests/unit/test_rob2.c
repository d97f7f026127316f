/* RoB 2 judgements in the store (schema 11, src/store/rob2.c) and through
 * the import (src/import/rob2.c): read and written with the record they
 * judge, exported and imported back, listed and audited as RoB 1's are,
 * each reviewer's own; a given overall that contradicts the domains is a
 * warning. */
#include "store_fixture.h"

#include "srw/entry.h"
#include "srw/rob.h"

#define HEAD                                                                                                      \
    "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,source,rob2_randomisation,rob2_deviations," \
    "rob2_missing,rob2_measurement,rob2_selection,rob2_overall,rob2_missing_support\n"

static const char *const U = "u", *const O = "o";

static int import_as(srw_store *s, const char *who, const char *csv, srw_import_stats *st, srw_error *err)
{
    srw_record_set set;
    int rc = srw_csv_read_review_buffer(&set, csv, strlen(csv), "t.csv", err);
    if (rc)
        return rc;
    rc = srw_import_sets(s, &set, 1, who, "import", NULL, st, err);
    srw_record_set_dispose(&set);
    return rc;
}

/* 1 when one of the import's change lines contains text. */
static int said(const srw_import_stats *st, const char *text)
{
    for (size_t i = 0; i < st->n_changes; i++)
        if (strstr(st->changes[i], text) != NULL)
            return 1;
    return 0;
}

static void imported(fixture *f, const char *who, const char *csv, srw_import_stats *st)
{
    srw_error err;
    if (import_as(f->s, who, csv, st, &err) != 0)
        fail_msg("import: %s (%s line %ld)", err.message, err.field, err.line);
}

static void test_rob2__export_then_import_gives_the_same_judgements(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana",
             HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,some_concerns,high,low,low,high,\"30% lost, \"\"not ITT\"\"\"\n"
                  "B 2002,u,o,dichotomous,4,12,6,11,s,,,,,,some_concerns,\n"
                  "C 2003,u,o,dichotomous,1,9,2,9,s,,,,,,,\n",
             &st);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2"), 7);
    srw_error err;
    srw_record_set out;
    assert_int_equal(srw_store_export(f->s, NULL, &out, NULL, &err), 0);
    assert_int_equal(out.n_records, 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(srw_csv_write_records(mem, out.records, out.n_records, &err), 0);
    fclose(mem);
    srw_record_set back;
    assert_int_equal(srw_csv_read_review_buffer(&back, buf, len, "export.csv", &err), 0);
    assert_int_equal(back.n_records, 3);
    const srw_record *a = &back.records[0], *b = &back.records[1], *c = &back.records[2];
    assert_string_equal(a->study, "A 2001");
    const srw_rob2_judgement want[SRW_ROB2_ITEMS] = {SRW_ROB2_LOW, SRW_ROB2_SOME_CONCERNS, SRW_ROB2_HIGH,
                                                     SRW_ROB2_LOW, SRW_ROB2_LOW,           SRW_ROB2_HIGH};
    assert_memory_equal(a->rob2, want, sizeof want);
    assert_string_equal(a->rob2_support[SRW_ROB2_MISSING], "30% lost, \"not ITT\"");
    assert_null(a->rob2_support[SRW_ROB2_RANDOMISATION]);
    assert_int_equal(b->rob2[SRW_ROB2_OVERALL], SRW_ROB2_SOME_CONCERNS);
    assert_int_equal(b->rob2[SRW_ROB2_MISSING], SRW_ROB2_UNSET);
    for (int i = 0; i < SRW_ROB2_ITEMS; i++)
        assert_int_equal(c->rob2[i], SRW_ROB2_UNSET);
    /* The exported file imported into a new database gives the same rows. */
    fixture g;
    snprintf(g.dir, sizeof g.dir, "%s", f->dir);
    snprintf(g.path, sizeof g.path, "%s/second.db", f->dir);
    assert_int_equal(srw_store_open(&g.s, g.path, 1, &err), 0);
    assert_int_equal(srw_import_sets(g.s, &back, 1, "ana", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    const char *q = "SELECT group_concat(x, ';') FROM (SELECT s.label || ' ' || b.domain || ' ' || b.judgement || ' '"
                    " || coalesce(b.support, '-') AS x FROM rob2 b JOIN studies s ON s.id = b.study_id"
                    " ORDER BY s.label, b.domain)";
    sqlite3_stmt *x = NULL, *y = NULL;
    assert_int_equal(sqlite3_prepare_v2(f->s->db, q, -1, &x, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(g.s->db, q, -1, &y, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(x), SQLITE_ROW);
    assert_int_equal(sqlite3_step(y), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(x, 0), (const char *)sqlite3_column_text(y, 0));
    sqlite3_finalize(x);
    sqlite3_finalize(y);
    /* And the same JSON. */
    char *js = NULL;
    mem = open_memstream(&js, &len);
    assert_int_equal(srw_json_write_records(mem, out.records, out.n_records, &err), 0);
    fclose(mem);
    assert_non_null(strstr(js, "\"rob2_missing\": \"high\""));
    assert_non_null(strstr(js, "\"rob2_overall\": \"some_concerns\""));
    free(js);
    srw_store_close(g.s);
    char p[200];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", g.path, suffix[i]);
        unlink(p);
    }
    free(buf);
    srw_record_set_dispose(&out);
    srw_record_set_dispose(&back);
}

/* A re-import lists each judgement it changes and writes the trail as RoB
 * 1's: the judgement and its support, each a field of its own, with the
 * outcome named; a blank keeps what is stored. */
static void test_rob2__a_reimport_lists_and_audits_each_change(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,low,high,low,low,high,attrition\n", &st);
    srw_import_stats_dispose(&st);
    /* The same again: nothing. */
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,low,high,low,low,high,attrition\n", &st);
    assert_int_equal(st.n_changes, 0);
    srw_import_stats_dispose(&st);
    /* Missing data now low with another support; the rest left blank. */
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,,,low,,,low,reanalysed\n", &st);
    assert_true(said(&st, "RoB 2 of u / o / A 2001, Bias due to missing outcome data: high -> low"));
    assert_true(said(&st, "RoB 2 of u / o / A 2001, Bias due to missing outcome data: support changed"));
    assert_true(said(&st, "RoB 2 of u / o / A 2001, Overall risk of bias: high -> low"));
    assert_false(said(&st, "warning"));
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE judgement = 'low'"), 6);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field = 'rob2_missing' AND old_value = 'high'"
                                     " AND new_value = 'low' AND outcome = 'o' AND study = 'A 2001'"
                                     " AND reviewer = 'ana'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field = 'rob2_missing_support'"
                                     " AND old_value = 'attrition' AND new_value = 'reanalysed'"),
                     1);
    /* Another reviewer's judgements stand beside ana's. */
    imported(f, "ben", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,high,,,,,high,\n", &st);
    assert_int_equal(st.n_changes, 0);
    srw_import_stats_dispose(&st);
    srw_error err;
    srw_record r;
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", "ana", &r, &err), 1);
    assert_int_equal(r.rob2[SRW_ROB2_RANDOMISATION], SRW_ROB2_LOW);
    assert_string_equal(r.rob2_support[SRW_ROB2_MISSING], "reanalysed");
    srw_record_dispose(&r);
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", "ben", &r, &err), 1);
    assert_int_equal(r.rob2[SRW_ROB2_RANDOMISATION], SRW_ROB2_HIGH);
    assert_int_equal(r.rob2[SRW_ROB2_MISSING], SRW_ROB2_UNSET);
    srw_record_dispose(&r);
}

/* A value outside the three, a support without its judgement: refused with
 * file, line, column and field, nothing written. */
static void test_rob2__bad_values_are_refused_where_they_stand(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_as(f->s, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,unclear,,,,,,\n", &st, &err),
                     SRW_EDATA);
    assert_string_equal(err.field, "rob2_randomisation");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 10);
    assert_non_null(strstr(err.message, "low, some_concerns or high"));
    assert_int_equal(import_as(f->s, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,,,,,,,attrition\n", &st, &err),
                     SRW_EDATA);
    assert_string_equal(err.field, "rob2_missing_support");
    assert_non_null(strstr(err.message, "fill in rob2_missing"));
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 0);
}

/* The overall's check at import: a contradiction of the algorithm's fixed
 * parts is a warning (the row is imported); high over some concerns only is
 * the reviewer's judgement and says nothing. */
static void test_rob2__a_contradicting_overall_is_imported_with_a_warning(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana",
             HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,low,high,low,low,low,\n"
                  "B 2002,u,o,dichotomous,3,10,5,10,s,low,some_concerns,some_concerns,low,low,high,\n"
                  "C 2003,u,o,dichotomous,3,10,5,10,s,low,low,low,low,low,some_concerns,\n",
             &st);
    assert_true(said(&st, "warning: u / o / A 2001: rob2_overall: low, but rob2_missing is high"
                          " (the RoB 2 algorithm gives high)"));
    assert_false(said(&st, "B 2002"));
    assert_true(said(&st, "warning: u / o / C 2003: rob2_overall: some_concerns, but every domain is low"));
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE domain = 'rob2_overall'"), 3);
    /* srw list extractions shows it too, from the stored judgements. */
    srw_table t;
    srw_error err;
    assert_int_equal(srw_store_list(f->s, "extractions", &t, &err), 0);
    assert_int_equal(t.n_rows, 3);
    const srw_value *w = srw_table_cell(&t, 0, t.n_cols - 1);
    assert_int_equal(w->type, SRW_VALUE_TEXT);
    assert_non_null(strstr(w->text, "rob2_overall: low, but rob2_missing is high"));
    assert_int_equal(srw_table_cell(&t, 1, t.n_cols - 1)->type, SRW_VALUE_NULL);
    srw_table_dispose(&t);
}

/* srw rob --tool rob2: judgements of a result that exists, the trail, the
 * support kept or cleared, and what the reviewer holds afterwards. */
static void test_rob2__set_judges_a_result_and_audits_it(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,,,,,,,\n", &st);
    srw_import_stats_dispose(&st);
    srw_error err;
    srw_rob2_judgement set[SRW_ROB2_ITEMS] = {0}, now[SRW_ROB2_ITEMS];
    set[SRW_ROB2_DEVIATIONS] = SRW_ROB2_SOME_CONCERNS;
    set[SRW_ROB2_OVERALL] = SRW_ROB2_LOW;
    assert_int_equal(srw_store_set_rob2(f->s, U, O, "A 2001", "ben", set, "open label", now, &err), 0);
    assert_int_equal(now[SRW_ROB2_DEVIATIONS], SRW_ROB2_SOME_CONCERNS);
    assert_int_equal(now[SRW_ROB2_OVERALL], SRW_ROB2_LOW);
    char why[300];
    assert_int_equal(srw_rob2_overall_check(now, why, sizeof why), 1);
    /* The overall has no support. */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE support = 'open label'"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'rob' AND outcome = 'o'"
                                     " AND field LIKE 'rob2_%'"),
                     3); /* deviations, its support, the overall */
    /* Without a support the judgement keeps its own; "" clears it. */
    set[SRW_ROB2_OVERALL] = SRW_ROB2_UNSET;
    set[SRW_ROB2_DEVIATIONS] = SRW_ROB2_HIGH;
    assert_int_equal(srw_store_set_rob2(f->s, U, O, "A 2001", "ben", set, NULL, now, &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE judgement = 'high' AND support = 'open label'"),
                     1);
    assert_int_equal(now[SRW_ROB2_OVERALL], SRW_ROB2_LOW); /* as held */
    assert_int_equal(srw_store_set_rob2(f->s, U, O, "A 2001", "ben", set, "", now, &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE support IS NOT NULL"), 0);
    /* A result with no record, an unknown outcome or study: refused. */
    assert_int_equal(srw_store_set_rob2(f->s, U, "nope", "A 2001", "ben", set, NULL, NULL, &err), SRW_ENOTFOUND);
    assert_non_null(strstr(err.message, "no outcome 'nope'"));
    assert_int_equal(srw_store_set_rob2(f->s, U, O, "Z 1999", "ben", set, NULL, NULL, &err), SRW_ENOTFOUND);
    imported(f, "ana", HEAD "B 2002,u,o2,dichotomous,3,10,5,10,s,,,,,,,\n", &st);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_store_set_rob2(f->s, U, "o2", "A 2001", "ben", set, NULL, NULL, &err), SRW_ENOTFOUND);
    assert_non_null(strstr(err.message, "RoB 2 judges a result"));
    /* The record as srw add sees it carries them; a blank does not clear
     * one (as for RoB 1). */
    srw_record base, r;
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", "ben", &base, &err), 0); /* no record of ben's */
    srw_record_dispose(&base);
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", "ana", &base, &err), 1);
    const char *fields[] = {"rob2_selection"}, *values[] = {"high"}, *blank[] = {""};
    assert_int_equal(srw_record_apply_fields(&r, &base, fields, values, 1, &err), 0);
    assert_int_equal(srw_import_put_record(f->s, &r, "ana", "edit", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_record_dispose(&r);
    srw_record_dispose(&base);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ana' AND domain = 'rob2_selection'"
                                     " AND judgement = 'high'"),
                     1);
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", "ana", &base, &err), 1);
    assert_int_equal(srw_record_apply_fields(&r, &base, fields, blank, 1, &err), SRW_EUSAGE);
    assert_non_null(strstr(err.message, "srw rob --tool rob2"));
    srw_record_dispose(&base);
}

/* srw remove withdraws the reviewer's RoB 2 judgements of the result with
 * the record (the trail keeps each), not another reviewer's. */
static void test_rob2__a_removed_record_takes_its_judgements_along(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,,high,,,high,attrition\n", &st);
    srw_import_stats_dispose(&st);
    imported(f, "ben", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,,,,,low,\n", &st);
    srw_import_stats_dispose(&st);
    srw_error err;
    assert_int_equal(srw_store_remove_record(f->s, U, O, "A 2001", "ana", "duplicate publication", &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ana'"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ben'"), 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'remove' AND reviewer = 'ana'"
                                     " AND field LIKE 'rob2_%' AND new_value IS NULL"
                                     " AND reason = 'duplicate publication'"),
                     4); /* randomisation, missing, its support, the overall */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'remove' AND field = 'rob2_missing'"
                                     " AND old_value = 'high'"),
                     1);
}

/* The outcome's analysis data carries each study's RoB 2 judgements of
 * that outcome, not of another. */
static void test_rob2__an_outcome_loads_its_own_results_judgements(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana",
             HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,,,,,,\n"
                  "A 2001,u,o2,dichotomous,3,10,5,10,s,high,,,,,high,\n",
             &st);
    srw_import_stats_dispose(&st);
    srw_error err;
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_RANDOMISATION], SRW_ROB2_LOW);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_OVERALL], SRW_ROB2_UNSET);
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, U, "o2", &d, &err), 0);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_RANDOMISATION], SRW_ROB2_HIGH);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_OVERALL], SRW_ROB2_HIGH);
    srw_outcome_data_dispose(&d);
    srw_table t;
    assert_int_equal(srw_store_list(f->s, "rob2", &t, &err), 0);
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(t.columns[3], "domain");
    srw_table_dispose(&t);
}

/* Two reviewers' RoB 2 judgements of the results of a use: differences
 * awaiting adjudication per result and domain, Cohen's kappa per pair over
 * the items both judged (RoB 1's beside it, on its own). */
static void test_rob2__reconcile_compares_each_result_with_kappa(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    /* ana: A (low, low, high, -, -, high), B (low, -, -, -, -, low);
     * ben: A (low, sc, high, -, -, high), B (high, -, -, -, -, low). */
    imported(f, "ana",
             HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,low,high,,,high,\n"
                  "B 2002,u,o,dichotomous,4,12,6,11,s,low,,,,,low,\n",
             &st);
    srw_import_stats_dispose(&st);
    imported(f, "ben",
             HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,some_concerns,high,,,high,\n"
                  "B 2002,u,o,dichotomous,4,12,6,11,s,high,,,,,low,\n",
             &st);
    srw_import_stats_dispose(&st);
    srw_error err;
    srw_reconcile_report rep;
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.n_pairs, 0); /* no RoB 1 judgement */
    assert_int_equal(rep.n_rob2_pairs, 1);
    assert_string_equal(rep.rob2_pairs[0].reviewer_a, "ana");
    assert_int_equal(rep.rob2_pairs[0].n, 6);
    /* ana (l, l, h, h, l, l), ben (l, sc, h, h, h, l) over 6 items:
     * p_o = 4/6; ana's margins low 4/6, high 2/6; ben's low 2/6, sc 1/6,
     * high 3/6: p_e = (4/6)(2/6) + 0 + (2/6)(3/6) = 14/36;
     * kappa = (24/36 - 14/36) / (22/36) = 10/22. */
    assert_rel(rep.rob2_pairs[0].agreement, 4.0 / 6.0, 1e-12);
    assert_rel(rep.rob2_pairs[0].kappa, 10.0 / 22.0, 1e-12);
    assert_int_equal(rep.n_rob2_differences, 2);
    /* The records agree; the differences are the two judgements, each
     * reviewer's row under the result's outcome. */
    size_t rows = 0;
    for (size_t r = 0; r < rep.differences.n_rows; r++) {
        const srw_value *field = srw_table_cell(&rep.differences, r, 2);
        if (strncmp(field->text, "rob2_", 5) != 0)
            continue;
        assert_string_equal(srw_table_cell(&rep.differences, r, 0)->text, "o");
        rows++;
    }
    assert_int_equal(rows, 4);
    srw_reconcile_report_dispose(&rep);
}

/* The third reviewer decides a result's RoB 2: the items set alone; or,
 * accepting a reviewer's record, every item, theirs where they differ; the
 * decision enters analyses and is in the trail. */
static void test_rob2__adjudication_decides_the_results_judgements(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,low,high,low,low,high,lost 30%\n", &st);
    srw_import_stats_dispose(&st);
    imported(f, "ben", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,high,low,low,low,low,high,complete\n", &st);
    srw_import_stats_dispose(&st);
    srw_error err;
    /* Nothing enters analyses until decided: two reviewers' judgements. */
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 0); /* the record awaits reconciliation too */
    srw_outcome_data_dispose(&d);
    /* RoB 2 needs the outcome. */
    const char *f1[] = {"rob2_missing"}, *v1[] = {"high"};
    assert_int_equal(srw_import_adjudicate(f->s, U, NULL, "A 2001", NULL, f1, v1, 1, "carol", "x", &err),
                     SRW_EUSAGE);
    assert_non_null(strstr(err.message, "needs --outcome"));
    /* A value of the other tool: refused, nothing written. */
    const char *bad[] = {"unclear"};
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "A 2001", NULL, f1, bad, 1, "carol", "x", &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "low|some_concerns|high"));
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE kind = 'adjudicated'"), 0);
    /* The item set alone; its support is the one set. */
    const char *f2[] = {"rob2_missing", "rob2_missing_support"}, *v2[] = {"high", "30% lost, table 1"};
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "A 2001", NULL, f2, v2, 2, "carol", "checked", &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE kind = 'adjudicated'"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'adjudicate' AND outcome = 'o'"
                                     " AND field = 'rob2_missing' AND old_value IS NULL AND new_value = 'high'"),
                     1);
    /* Accepting ben's record takes ben's judgements where the two differ,
     * the shared ones where they agree; the item decided before is decided
     * again (ben's), as the record is. */
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "A 2001", "ben", NULL, NULL, 0, "carol", "ben right", &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE kind = 'adjudicated'"), 6);
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 1);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_RANDOMISATION], SRW_ROB2_HIGH);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_MISSING], SRW_ROB2_LOW);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_OVERALL], SRW_ROB2_HIGH);
    srw_outcome_data_dispose(&d);
    srw_record r;
    assert_int_equal(srw_store_get_record(f->s, U, O, "A 2001", NULL, &r, &err), 1);
    assert_string_equal(r.rob2_support[SRW_ROB2_MISSING], "complete");
    srw_record_dispose(&r);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'adjudicate'"
                                     " AND field = 'rob2_missing' AND old_value = 'high' AND new_value = 'low'"),
                     1);
    /* Reconciled: no difference awaits. */
    srw_reconcile_report rep;
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.differences.n_rows, 0);
    assert_int_equal(rep.n_rob2_differences, 2); /* the items that differ, decided */
    srw_reconcile_report_dispose(&rep);
}

/* Merging another reviewer's file brings its RoB 2 judgements; another
 * judgement (or another support) of the same reviewer is kept as a version
 * of its own, never overwriting; a second merge brings nothing. */
static void test_rob2__merge_keeps_a_conflict_as_another_version(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    imported(f, "ana", HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,low,,,,,low,\n", &st);
    srw_import_stats_dispose(&st);
    char other[200];
    snprintf(other, sizeof other, "%s/other.db", f->dir);
    srw_store *o = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&o, other, 1, &err), 0);
    const char *csv_ben = HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,some_concerns,,,,,,\n";
    const char *csv_ana = HEAD "A 2001,u,o,dichotomous,3,10,5,10,s,high,,,,,low,\n";
    assert_int_equal(import_as(o, "ben", csv_ben, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_as(o, "ana", csv_ana, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    srw_merge_stats ms;
    assert_int_equal(srw_store_merge(f->s, other, "tester", &ms, &err), 0);
    /* ben's one; ana's overall identical (nothing); ana's randomisation
     * differs: kept as ana@other.db. */
    assert_int_equal(ms.n_rob2, 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ana' AND judgement = 'low'"), 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ana@other.db'"
                                     " AND domain = 'rob2_randomisation' AND judgement = 'high'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2 WHERE reviewer = 'ben'"), 1);
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_store_merge(f->s, other, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_rob2, 0);
    srw_merge_stats_dispose(&ms);
    char p[240];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", other, suffix[i]);
        unlink(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rob2__export_then_import_gives_the_same_judgements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__a_reimport_lists_and_audits_each_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__bad_values_are_refused_where_they_stand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__a_contradicting_overall_is_imported_with_a_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rob2__set_judges_a_result_and_audits_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__a_removed_record_takes_its_judgements_along, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__an_outcome_loads_its_own_results_judgements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__reconcile_compares_each_result_with_kappa, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__adjudication_decides_the_results_judgements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rob2__merge_keeps_a_conflict_as_another_version, setup, teardown),
    };
    return cmocka_run_group_tests_name("rob2", tests, NULL, NULL);
}
