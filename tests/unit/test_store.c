/* The review database: schema and migrations, opening, loading, listings,
 * and the bulk transaction's reference checks.  What an import writes is
 * tested in test_import.c. */
#include "store_fixture.h"

static void test_store__new_database_has_current_schema_version(void **state)
{
    fixture *f = *state;
    assert_int_equal(srw_store_schema_version(f->s), SRW_SCHEMA_VERSION);
    srw_store_counts c;
    srw_error err;
    assert_int_equal(srw_store_count(f->s, &c, &err), 0);
    assert_int_equal(c.uses + c.outcomes + c.studies + c.records + c.published, 0);
}

static void test_store__opening_a_missing_database_says_to_init(void **state)
{
    (void)state;
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, "/tmp/srw-no-such-dir/x.db", 0, &err), SRW_ENOTFOUND);
    assert_non_null(strstr(err.message, "srw init"));
    assert_null(s);
}

static void test_store__load_outcome_gives_rows_rob_and_settings(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, "low back pain", "Relief >50%, 3 weeks", &d, &err), 0);
    assert_int_equal(d.type, SRW_TYPE_DICHOTOMOUS);
    assert_int_equal(d.direction, SRW_DIR_HIGHER_IS_BETTER);
    assert_int_equal(d.set.k, 1);
    assert_string_equal(d.rows[0].study, "Foster 2001");
    assert_true(d.rows[0].exp_events == 11 && d.rows[0].ctl_total == 16);
    assert_int_equal(d.info[0].year, 2001);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    assert_int_equal(d.info[0].rob[SRW_ROB_ALLOCATION], SRW_ROB_UNSET);
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, "low back pain", "Nope", &d, &err), SRW_ENOTFOUND);
    assert_non_null(strstr(err.message, "Relief >50%, 3 weeks"));
    assert_int_equal(srw_store_load_outcome(f->s, "knee pain", "Nope", &d, &err), SRW_ENOTFOUND);
    assert_non_null(strstr(err.message, "low back pain"));
}

static void test_store__published_results_and_use_settings_round_trip(void **state)
{
    fixture *f = *state;
    const char *pub = "use,outcome,review,measure,model,estimate,ci_lower,ci_upper,trials,participants,certainty,"
                      "direction,source\n"
                      "neck pain,\"Pain, 4 weeks\",CD008626,SMD,random,-0.07,-0.36,0.21,5,252,high,lower_is_better,doi\n";
    const char *uses = "use,primary_outcome,mid,mid_measure,mid_source\nneck pain,\"Pain, 4 weeks\",0.5,SMD,default\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, pub, &st, &err), 0);
    assert_int_equal(st.n_published_new, 1);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, pub, &st, &err), 0);
    assert_int_equal(st.n_published_unchanged, 1);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, uses, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_published_list l;
    assert_int_equal(srw_store_load_published(f->s, "neck pain", NULL, &l, &err), 0);
    assert_int_equal(l.n, 1);
    assert_true(l.items[0].estimate == -0.07 && l.items[0].ci_lower == -0.36 && l.items[0].ci_upper == 0.21);
    assert_int_equal(l.items[0].trials, 5);
    assert_int_equal(l.items[0].participants, 252);
    assert_int_equal(l.items[0].decimals, 2);
    assert_string_equal(l.items[0].certainty, "high");
    srw_published_list_dispose(&l);
    srw_use_info u;
    assert_int_equal(srw_store_load_use(f->s, "neck pain", &u, &err), 0);
    assert_string_equal(u.primary_outcome, "Pain, 4 weeks");
    assert_true(u.mid == 0.5);
    srw_use_info_dispose(&u);
    srw_store_counts c;
    assert_int_equal(srw_store_count(f->s, &c, &err), 0);
    assert_int_equal(c.studies, 0); /* a published result is never a study */
}

static void test_store__list_gives_typed_tables(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_table t;
    assert_int_equal(srw_store_list(f->s, "records", &t, &err), 0);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.columns[0], "use");
    const srw_value *v = srw_table_cell(&t, 0, 5); /* exp_events */
    assert_int_equal(v->type, SRW_VALUE_INT);
    assert_int_equal(v->i, 11);
    srw_table_dispose(&t);
    assert_int_equal(srw_store_list(f->s, "bogus", &t, &err), SRW_EUSAGE);
}

/* An imported study stores no source of its own (the text was stored twice
 * per study): srw list studies gives its first record's. */
static void test_store__a_study_lists_its_first_records_source(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s,
                                 TRIAL_HEAD "A,u,o1,dichotomous,1,10,2,10,,,,paper A table 2\n"
                                            "A,u,o2,dichotomous,3,10,4,10,,,,paper A table 3\n",
                                 &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM studies WHERE source IS NULL"), 1);
    srw_table t;
    assert_int_equal(srw_store_list(f->s, "studies", &t, &err), 0);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(t.columns[4], "source");
    const srw_value *v = srw_table_cell(&t, 0, 4);
    assert_int_equal(v->type, SRW_VALUE_TEXT);
    assert_string_equal(v->text, "paper A table 2");
    srw_table_dispose(&t);
    /* A later import's row does not take its place. */
    assert_int_equal(import_text(f->s, TRIAL_HEAD "A,u,o3,dichotomous,5,10,6,10,,,,paper A table 4\n", &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_store_list(f->s, "studies", &t, &err), 0);
    assert_string_equal(srw_table_cell(&t, 0, 4)->text, "paper A table 2");
    srw_table_dispose(&t);
}

/* Replaces the fixture's database with a copy of tests/data/store/NAME. */
static void use_copy_of(fixture *f, const char *name)
{
    srw_store_close(f->s);
    f->s = NULL;
    char from[200], buf[8192];
    snprintf(from, sizeof from, "tests/data/store/%s", name);
    FILE *in = fopen(from, "rb"), *out = fopen(f->path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* One text of a one-row query (the caller frees it). */
static char *query_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0) != NULL)
        v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

/* Schema 8 keeps who entered an imported record or study, and when, in its
 * import's trail entry only.  A version 7 file (tests/data/store/README.md)
 * must say the same of every record after the migration as before. */
static void test_store__a_version_7_database_keeps_who_entered_what(void **state)
{
    fixture *f = *state;
    use_copy_of(f, "schema7.db");
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
    assert_int_equal(srw_test_query_int(raw, "PRAGMA user_version"), 7);
    char *before = query_text(raw, "SELECT group_concat(id || ' ' || reviewer || ' ' || entered_by || ' ' ||"
                                   " entered_at, '; ') FROM (SELECT * FROM records ORDER BY id)");
    long long trail = srw_test_query_int(raw, "SELECT (SELECT count(*) FROM audit) +"
                                              " (SELECT count(*) FROM records WHERE audit_id IS NOT NULL)");
    long long imported = srw_test_query_int(raw, "SELECT count(*) FROM records WHERE audit_id IS NOT NULL");
    sqlite3_close(raw);
    assert_non_null(before);
    assert_true(imported > 0 && imported < 4); /* the file holds both kinds of record */

    srw_error err;
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), 0);
    sqlite3 *db = f->s->db;
    assert_int_equal(srw_store_schema_version(f->s), SRW_SCHEMA_VERSION);
    char *after = query_text(db, "SELECT group_concat(id || ' ' || reviewer || ' ' || entered_by || ' ' ||"
                                 " entered_at, '; ') FROM (SELECT r.id, r.reviewer,"
                                 " coalesce(r.entered_by, b.who) AS entered_by,"
                                 " coalesce(r.entered_at, b.at) AS entered_at FROM records r"
                                 " LEFT JOIN audit b ON b.id = r.audit_id ORDER BY r.id)");
    assert_non_null(after);
    assert_string_equal(after, before);
    free(before);
    free(after);
    /* The copies are gone where the trail entry holds the same; the changed
     * record keeps its own. */
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM records WHERE entered_by IS NULL"), imported);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM records WHERE audit_id IS NULL"
                                            " AND entered_by = 'olga'"),
                     1);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM audit_trail"), trail);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM studies WHERE entered_by = 'olga'"), 1);
    /* Schema 9: the labels' uniqueness is an index that can be dropped. */
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'studies_label'"
                                            " AND sql LIKE 'CREATE UNIQUE INDEX%'"),
                     1);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'studies'"
                                            " AND name LIKE 'sqlite_autoindex%'"),
                     0);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO studies (label, entered_by, entered_at)"
                                      " SELECT label, 'x', 'x' FROM studies LIMIT 1", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_int_equal(srw_test_query_int(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(srw_test_query_int(db, "PRAGMA legacy_alter_table"), 0);
    /* The list gives who and when as before. */
    srw_table t;
    assert_int_equal(srw_store_list(f->s, "records", &t, &err), 0);
    assert_int_equal(t.n_rows, 4);
    assert_string_equal(t.columns[15], "entered_by");
    for (size_t i = 0; i < t.n_rows; i++) {
        assert_int_equal(srw_table_cell(&t, i, 15)->type, SRW_VALUE_TEXT);
        assert_int_equal(srw_table_cell(&t, i, 16)->type, SRW_VALUE_TEXT);
    }
    srw_table_dispose(&t);

    /* What an import adds now points at its entry instead. */
    srw_import_stats st;
    assert_int_equal(import_text(f->s, TRIAL_HEAD "B,u,o,dichotomous,1,10,2,10,,,,s\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM studies s JOIN audit b ON b.id = s.audit_id"
                                            " WHERE s.label = 'B' AND s.entered_by IS NULL AND s.entered_at IS NULL"),
                     1);
    assert_int_equal(srw_test_query_int(db, "SELECT count(*) FROM records r JOIN studies s ON s.id = r.study_id"
                                            " JOIN audit b ON b.id = r.audit_id WHERE s.label = 'B'"
                                            " AND r.entered_by IS NULL AND r.entered_at IS NULL"),
                     1);
}

/* Every row of a table, all columns quoted, in rowid order: what a
 * migration must keep. */
/* The quoted columns of table in db, '|'-joined, as a SQL expression. */
static char *table_columns(sqlite3 *db, const char *table)
{
    char sql[600];
    sqlite3_stmt *st = NULL;
    char cols[2000] = "";
    size_t len = 0;
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    while (sqlite3_step(st) == SQLITE_ROW && len < sizeof cols)
        len += (size_t)snprintf(cols + len, sizeof cols - len, "%squote(%s)", len ? " || '|' || " : "",
                                (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return strdup(cols);
}

/* Every row of table, the columns given (table_columns). */
static char *table_dump(sqlite3 *db, const char *table, const char *cols)
{
    char q[2600];
    snprintf(q, sizeof q, "SELECT group_concat(r, char(10)) FROM (SELECT %s AS r FROM %s ORDER BY rowid)", cols, table);
    return query_text(db, q);
}

/* Schema 10 adds the outcome settings (a table, and columns of uses, NULL
 * in the rows before), 11 RoB 2 (a table of its own, judged per result).
 * A version 9 file (tests/data/store/README.md: two reviewers' records and
 * RoB 1 judgements, a trail) keeps every row of every table, in the
 * columns it had, and takes RoB 2 judgements afterwards. */
static void test_store__a_version_9_database_keeps_its_data_and_gains_rob2(void **state)
{
    fixture *f = *state;
    use_copy_of(f, "schema9.db");
    static const char *const tables[] = {"uses", "outcomes", "studies", "records", "rob", "audit", "published",
                                         "grade_overrides", "review_settings"};
    enum { N_TABLES = sizeof tables / sizeof tables[0] };
    char *before[N_TABLES], *cols[N_TABLES];
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
    assert_int_equal(srw_test_query_int(raw, "PRAGMA user_version"), 9);
    assert_int_equal(srw_test_query_int(raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'rob2'"), 0);
    for (size_t i = 0; i < N_TABLES; i++) {
        cols[i] = table_columns(raw, tables[i]);
        assert_non_null(cols[i]);
        before[i] = table_dump(raw, tables[i], cols[i]);
    }
    assert_true(srw_test_query_int(raw, "SELECT count(DISTINCT reviewer) FROM rob") == 2);
    /* What the views rebuilt by 12 -> 13 give must not change (the trail's
     * view calls srw's SQL function). */
    assert_int_equal(srw_audit_register(raw), SQLITE_OK);
    long long analysed = srw_test_query_int(raw, "SELECT count(*) FROM analysed_records");
    long long awaiting = srw_test_query_int(raw, "SELECT count(*) FROM awaiting_records");
    char *trail = query_text(raw, "SELECT group_concat(coalesce(new_value, '-'), '|') FROM"
                                  " (SELECT new_value FROM audit_trail ORDER BY seq, sub)");
    sqlite3_close(raw);
    assert_non_null(before[3]);
    assert_non_null(before[4]);
    assert_true(analysed > 0);
    assert_non_null(trail);

    srw_error err;
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), 0);
    sqlite3 *db = f->s->db;
    assert_int_equal(srw_store_schema_version(f->s), SRW_SCHEMA_VERSION);
    for (size_t i = 0; i < N_TABLES; i++) {
        char *after = table_dump(db, tables[i], cols[i]);
        if ((before[i] == NULL) != (after == NULL) || (before[i] && strcmp(before[i], after) != 0))
            fail_msg("table %s changed in the migration", tables[i]);
        free(before[i]);
        free(cols[i]);
        free(after);
    }
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM uses WHERE primary_source IS NOT NULL"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcome_settings"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob2"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM analysed_rob2"), 0);
    /* 11 -> 12: the claims table, and the new columns empty on old rows */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM claims"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM published WHERE pooled_trials IS NOT NULL OR scope IS NOT NULL"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM uses WHERE search_date IS NOT NULL"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* 12 -> 13: every record a two-arm comparison (arm ''), no moderator,
     * the analysed and awaiting views and the trail as they were. */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records WHERE arm <> ''"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM moderators"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM analysed_records"), analysed);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM awaiting_records"), awaiting);
    char *trail_after = query_text(db, "SELECT group_concat(coalesce(new_value, '-'), '|') FROM"
                                       " (SELECT new_value FROM audit_trail ORDER BY seq, sub)");
    assert_non_null(trail_after);
    assert_string_equal(trail_after, trail);
    free(trail);
    free(trail_after);
    /* A study may now have one record per arm, but not an arm twice; a
     * moderator is one value per study, arm and name. */
    assert_int_equal(sqlite3_exec(db, "INSERT INTO records (outcome_id, study_id, reviewer, kind, arm, entered_by,"
                                      " entered_at) SELECT outcome_id, study_id, reviewer, kind, 'high dose', 't',"
                                      " 'now' FROM records ORDER BY id LIMIT 1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO records (outcome_id, study_id, reviewer, kind, arm, entered_by,"
                                      " entered_at) SELECT outcome_id, study_id, reviewer, kind, 'high dose', 't',"
                                      " 'now' FROM records ORDER BY id LIMIT 1",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO moderators (study_id, name, value, entered_by, entered_at)"
                                      " SELECT min(id), 'dose', '10', 't', 'now' FROM studies",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO moderators (study_id, name, value, entered_by, entered_at)"
                                      " SELECT min(id), 'dose', '20', 't', 'now' FROM studies",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(sqlite3_exec(db, "DELETE FROM records WHERE arm = 'high dose'; DELETE FROM moderators", NULL,
                                  NULL, NULL),
                     SQLITE_OK);

    /* A RoB 2 judgement of one of its results, read back with the record. */
    char *use = query_text(db, "SELECT u.name FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                               " JOIN uses u ON u.id = o.use_id WHERE r.reviewer = 'ivan' ORDER BY r.id LIMIT 1");
    char *outcome = query_text(db, "SELECT o.name FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                                   " WHERE r.reviewer = 'ivan' ORDER BY r.id LIMIT 1");
    char *study = query_text(db, "SELECT s.label FROM records r JOIN studies s ON s.id = r.study_id"
                                 " WHERE r.reviewer = 'ivan' ORDER BY r.id LIMIT 1");
    assert_non_null(use);
    assert_non_null(outcome);
    assert_non_null(study);
    srw_rob2_judgement set[SRW_ROB2_ITEMS] = {0}, now[SRW_ROB2_ITEMS];
    set[SRW_ROB2_MISSING] = SRW_ROB2_HIGH;
    assert_int_equal(srw_store_set_rob2(f->s, use, outcome, study, "ivan", set, "30% lost", now, &err), 0);
    assert_int_equal(now[SRW_ROB2_MISSING], SRW_ROB2_HIGH);
    srw_record r;
    assert_int_equal(srw_store_get_record(f->s, use, outcome, study, "ivan", &r, &err), 1);
    assert_int_equal(r.rob2[SRW_ROB2_MISSING], SRW_ROB2_HIGH);
    assert_string_equal(r.rob2_support[SRW_ROB2_MISSING], "30% lost");
    assert_int_equal(r.rob2[SRW_ROB2_OVERALL], SRW_ROB2_UNSET);
    srw_record_dispose(&r);
    /* The other reviewer's version of the same result has none. */
    assert_int_equal(srw_store_get_record(f->s, use, outcome, study, "olga", &r, &err), 1);
    assert_int_equal(r.rob2[SRW_ROB2_MISSING], SRW_ROB2_UNSET);
    srw_record_dispose(&r);
    free(use);
    free(outcome);
    free(study);
}

/* A version 7 file with a reference to nothing is not migrated (the
 * rebuild runs with foreign keys off and checks them before it commits). */
static void test_store__a_migration_that_would_leave_a_dangling_reference_changes_nothing(void **state)
{
    fixture *f = *state;
    use_copy_of(f, "schema7.db");
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "UPDATE records SET study_id = 99 WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    long n_before, n_after;
    char *before = srw_test_read_file(f->path, &n_before);
    srw_error err;
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), SRW_EDB);
    /* Byte for byte as it was (the switch to WAL used to come first). */
    char *after = srw_test_read_file(f->path, &n_after);
    assert_non_null(before);
    assert_non_null(after);
    assert_int_equal(n_before, n_after);
    assert_memory_equal(before, after, (size_t)n_before);
    free(before);
    free(after);
    assert_non_null(strstr(err.message, "points at no row of studies"));
    assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
    assert_int_equal(srw_test_query_int(raw, "PRAGMA user_version"), 7);
    assert_int_equal(srw_test_query_int(raw, "SELECT count(*) FROM records WHERE entered_by IS NULL"), 0);
    assert_int_equal(srw_test_query_int(raw, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v8'"), 0);
    sqlite3_close(raw);
}

static void test_store__shared_comparison_keeps_the_common_words(void **state)
{
    fixture *f = *state;
    const char *csv = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,comparison,source\n"
                      "Poewe 1998,cd,Dry mouth,dichotomous,13,54,1,20,Botulinum toxin A vs placebo,s\n"
                      "Brin 1999,cd,Dry mouth,dichotomous,17,39,1,38,Botulinum toxin B vs placebo,s\n"
                      "Brashear 1999,cd,Dry mouth,dichotomous,14,73,1,36,Botulinum toxin B vs placebo,s\n"
                      "Lew 1997,cd,Other,dichotomous,60,92,8,30,Botulinum toxin B vs placebo,s\n"
                      "Other 2000,cd,Other,dichotomous,6,9,8,30,Lidocaine vs saline,s\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, csv, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, "cd", "Dry mouth", &d, &err), 0);
    assert_string_equal(d.comparison, "Botulinum toxin vs placebo");
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, "cd", "Other", &d, &err), 0);
    assert_null(d.comparison); /* nothing in common: writers use neutral arm names */
    srw_outcome_data_dispose(&d);
}

/* A record pointing at the given outcome and study ids, written straight
 * into the table (around the importer): SQLite's status. */
static int insert_record_at(srw_store *s, int outcome_id, int study_id)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO records (outcome_id, study_id, reviewer, entered_by, entered_at)"
             " VALUES (%d, %d, 'x', 'x', 'x')",
             outcome_id, study_id);
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static void test_store__a_bulk_transaction_refuses_to_commit_a_dangling_reference(void **state)
{
    fixture *f = *state;
    srw_error err;
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(query_int(f->s, "PRAGMA foreign_keys"), 0); /* checked once, before commit */
    assert_int_equal(insert_record_at(f->s, 999, 999), SQLITE_OK);
    assert_int_equal(srw_store_commit(f->s, &err), SRW_EDB);
    assert_non_null(strstr(err.message, "a row of records"));
    assert_non_null(strstr(err.message, "nothing was written"));
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 0);
    assert_int_equal(query_int(f->s, "PRAGMA foreign_keys"), 1);
    assert_true(journal_is_wal(f->s));
    /* With studies and outcomes in place (ids without gaps), the range
     * check finds a record pointing past them. */
    srw_import_stats st;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(insert_record_at(f->s, 1, 2), SQLITE_OK);
    assert_int_equal(srw_store_commit(f->s, &err), SRW_EDB);
    assert_non_null(strstr(err.message, "pointing at no row of studies"));
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 2);
    /* Enforced again row by row outside a bulk transaction. */
    assert_int_not_equal(insert_record_at(f->s, 999, 999), SQLITE_OK);
}

/* What an import vouches for (the ranges of the ids it bound, srw_store__
 * bulk_vouch) stands in for reading its records back; a record written
 * after them, or with a gap before them, is read back, and a vouched id
 * outside the studies' range sends the check to every row. */
static void test_store__a_bulk_commit_checks_vouched_ranges_and_reads_the_rest(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    long long last = query_int(f->s, "SELECT max(id) FROM records");
    long long study = query_int(f->s, "SELECT max(id) FROM studies");
    long long outcome = query_int(f->s, "SELECT max(id) FROM outcomes");

    /* An honest vouch for a record pointing past the studies. */
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(insert_record_at(f->s, (int)outcome, (int)study + 5), SQLITE_OK);
    srw_store__bulk_vouch(f->s, last + 1, last + 1, outcome, outcome, study + 5, study + 5);
    assert_int_equal(srw_store_commit(f->s, &err), SRW_EDB);
    assert_non_null(strstr(err.message, "pointing at no row of studies"));

    /* A record after the vouched ones is read back. */
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(insert_record_at(f->s, (int)outcome, 1), SQLITE_OK);
    srw_store__bulk_vouch(f->s, last + 1, last + 1, outcome, outcome, 1, 1);
    assert_int_equal(insert_record_at(f->s, (int)outcome + 3, 1), SQLITE_OK);
    assert_int_equal(srw_store_commit(f->s, &err), SRW_EDB);
    assert_non_null(strstr(err.message, "pointing at no row of outcomes"));

    /* A vouch that does not start where the transaction's records do
     * covers nothing: the record before it is read back. */
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(insert_record_at(f->s, (int)outcome + 3, 1), SQLITE_OK);
    assert_int_equal(insert_record_at(f->s, (int)outcome, 1), SQLITE_OK);
    srw_store__bulk_vouch(f->s, last + 2, last + 2, outcome, outcome, 1, 1);
    assert_int_equal(srw_store_commit(f->s, &err), SRW_EDB);
    assert_int_equal(query_int(f->s, "SELECT max(id) FROM records"), last);

    /* What is vouched for and holds commits. */
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(insert_record_at(f->s, (int)outcome, 1), SQLITE_OK);
    srw_store__bulk_vouch(f->s, last + 1, last + 1, outcome, outcome, 1, 1);
    assert_int_equal(srw_store_commit(f->s, &err), 0);
    assert_int_equal(query_int(f->s, "SELECT max(id) FROM records"), last + 1);
}

/* srw's main turns SQLite's memory statistics off (a global lock on each
 * of SQLite's allocations, which analyse --all's threads contend for):
 * using a store then leaves them where they were. */
static void test_store__process_init_turns_memory_statistics_off(void **state)
{
    fixture *f = *state;
    srw_store_close(f->s);
    f->s = NULL;
    assert_int_equal(sqlite3_shutdown(), SQLITE_OK);
    srw_store_process_init();
    sqlite3_int64 before = sqlite3_memory_used();
    srw_error err;
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 0);
    assert_true(sqlite3_memory_used() == before);
}

/* The bulk import's page cache: SQLite takes its cache lines from it while
 * it is configured, refuses it while a database is open, and works on
 * without it once it is freed.  (No fixture: SQLite must be idle.) */
static void test_store__the_page_cache_is_used_and_given_back(void **state)
{
    fixture *f = *state;
    srw_store_close(f->s);
    f->s = NULL;
    assert_int_equal(sqlite3_shutdown(), SQLITE_OK);
    srw_page_cache *pc = NULL;
    srw_error err;
    assert_int_equal(srw_store_page_cache_new(&pc, &err), 0);
    assert_non_null(pc);
    sqlite3_int64 untracked = sqlite3_memory_used(); /* memory statistics are off during a bulk import */
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), 0);
    srw_page_cache *again = NULL;
    assert_int_equal(srw_store_page_cache_new(&again, &err), SRW_EUSAGE);
    assert_null(again);
    srw_import_stats st;
    assert_int_equal(stream_bulk(f->s, TRIAL_HEAD "A,u,o,dichotomous,1,10,2,10,,,,s\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    int used = 0, high = 0;
    assert_int_equal(sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &used, &high, 0), SQLITE_OK);
    assert_true(used > 0);
    assert_true(sqlite3_memory_used() == untracked);
    srw_store_close(f->s);
    srw_store_page_cache_free(pc);
    assert_int_equal(srw_store_open(&f->s, f->path, 0, &err), 0);
    assert_true(sqlite3_memory_used() == untracked); /* and stay off, as srw_store_process_init leaves them */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 1);
    assert_int_equal(sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &used, &high, 0), SQLITE_OK);
    assert_int_equal(used, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store__new_database_has_current_schema_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__process_init_turns_memory_statistics_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_bulk_commit_checks_vouched_ranges_and_reads_the_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_bulk_transaction_refuses_to_commit_a_dangling_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__opening_a_missing_database_says_to_init, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__load_outcome_gives_rows_rob_and_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__published_results_and_use_settings_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__list_gives_typed_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__shared_comparison_keeps_the_common_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__the_page_cache_is_used_and_given_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_study_lists_its_first_records_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_version_7_database_keeps_who_entered_what, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_version_9_database_keeps_its_data_and_gains_rob2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__a_migration_that_would_leave_a_dangling_reference_changes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
