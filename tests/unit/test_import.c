/* One import (src/import/): new, updated and unchanged records and what
 * the change list and the trail say of them, the all-or-nothing rule,
 * conflicts within and across files and with stored data, published
 * results, use settings and GRADE judgements, and the bulk path's queues
 * and label index. */
#include "store_fixture.h"

static void test_import__reimport_reports_unchanged_then_updated(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    assert_int_equal(st.n_new, 2);
    srw_import_stats_dispose(&st);
    long long trail = srw_test_query_int(f->s->db, "SELECT count(*) FROM audit");
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    assert_int_equal(st.n_new, 0);
    assert_int_equal(st.n_unchanged, 2);
    assert_int_equal(st.n_changes, 0);
    srw_import_stats_dispose(&st);
    /* Nothing changed, nothing written: not even the import's trail entry. */
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit"), trail);
    const char *changed = TRIAL_HEAD
        "Foster 2001,low back pain,\"Relief >50%, 3 weeks\",dichotomous,10,15,4,16,higher_is_better,2001,low,Neurology 2001\n";
    assert_int_equal(import_text(f->s, changed, &st, &err), 0);
    assert_int_equal(st.n_updated, 1);
    assert_int_equal(st.n_changes, 1);
    assert_non_null(strstr(st.changes[0], "exp_events 11 -> 10"));
    srw_import_stats_dispose(&st);
    srw_store_counts c;
    assert_int_equal(srw_store_count(f->s, &c, &err), 0);
    assert_int_equal(c.records, 2);
    assert_int_equal(c.studies, 1);
    assert_int_equal(c.outcomes, 2);
}

static void test_import__type_conflict_with_stored_outcome_writes_nothing(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    const char *bad = "study,use,outcome,type,estimate,se,source\n"
                      "New 2020,low back pain,New outcome,generic,0.5,0.2,s\n"
                      "Other 2019,low back pain,\"Relief >50%, 3 weeks\",generic,0.5,0.2,s\n";
    assert_int_equal(import_text(f->s, bad, &st, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "already in the database as dichotomous"));
    assert_int_equal(err.line, 3);
    srw_store_counts c;
    assert_int_equal(srw_store_count(f->s, &c, &err), 0);
    assert_int_equal(c.records, 2); /* the good first row was rolled back too */
    assert_int_equal(c.outcomes, 2);
    assert_int_equal(c.studies, 1);
}

static void test_import__a_bulk_import_streams_and_restores_wal_and_foreign_keys(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_true(journal_is_wal(f->s));
    assert_int_equal(stream_bulk(f->s, foster, &st, &err), 0);
    assert_int_equal(st.n_new, 2);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field IS NULL"), 1); /* the import's entry */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit_trail WHERE study = 'Foster 2001'"), 3);
    assert_true(journal_is_wal(f->s));
    assert_int_equal(query_int(f->s, "PRAGMA foreign_keys"), 1);
    /* A bad row late in the stream: the rows before it are not kept. */
    const char *bad = TRIAL_HEAD
        "A 2000,low back pain,\"Relief >50%, 3 weeks\",dichotomous,3,15,4,16,higher_is_better,2000,,s\n"
        "B 2002,low back pain,\"Relief >50%, 3 weeks\",dichotomous,31,30,4,16,higher_is_better,2002,,s\n";
    assert_int_equal(stream_bulk(f->s, bad, &st, &err), SRW_EDATA);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "exp_events");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), 2);
    assert_true(journal_is_wal(f->s));
    assert_int_equal(query_int(f->s, "PRAGMA foreign_keys"), 1);
}

/* A bulk import drops studies_label once it has added its first study and
 * builds it at the end (src/import/settings.c, srw_writer_labels_defer): the index is
 * back after a commit and after a failure, still refuses a second row of a
 * label, a study named by several rows is one row, a stored study is found
 * without the index, and an import that adds no study keeps the index. */
static void test_import__a_bulk_import_builds_the_label_index_at_the_end(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    const char *bad = TRIAL_HEAD
        "A 2000,low back pain,\"Relief >50%, 3 weeks\",dichotomous,3,15,4,16,higher_is_better,2000,,s\n"
        "B 2002,low back pain,\"Relief >50%, 3 weeks\",dichotomous,31,30,4,16,higher_is_better,2002,,s\n";
    assert_int_equal(stream_bulk(f->s, bad, &st, &err), SRW_EDATA);
    assert_int_equal(label_index_present(f->s), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 0);

    /* Under way, the index goes with the first study added. */
    const char *paths[] = {"big.csv"};
    srw_importer *imp = NULL;
    srw_trial_reader *rd = NULL;
    srw_file_kind kind;
    srw_record r;
    const char *one = TRIAL_HEAD "A 2000,low back pain,Relief,dichotomous,3,15,4,16,higher_is_better,2000,,s\n";
    assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
    assert_int_equal(srw_importer_open(&imp, f->s, paths, 1, "tester", "import", NULL, &st, &err), 0);
    assert_int_equal(label_index_present(f->s), 1);
    assert_int_equal(srw_trial_reader_open_buffer(&rd, one, strlen(one), "big.csv", &kind, &err), 0);
    assert_int_equal(srw_trial_reader_next(rd, &r, &err), 1);
    assert_int_equal(srw_importer_sink(imp).record(imp, "big.csv", &r, 1), 0);
    srw_trial_reader_free(rd);
    assert_int_equal(label_index_present(f->s), 0);
    srw_importer_abandon(imp);
    srw_store_rollback(f->s);
    assert_int_equal(label_index_present(f->s), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 0);

    const char *two_outcomes = TRIAL_HEAD
        "A 2000,low back pain,Relief,dichotomous,3,15,4,16,higher_is_better,2000,,s\n"
        "B 2002,low back pain,Relief,dichotomous,5,15,4,16,higher_is_better,2002,,s\n"
        "A 2000,low back pain,Function,dichotomous,6,15,4,16,higher_is_better,2000,,s\n"
        "B 2002,neck pain,Relief,dichotomous,7,15,4,16,higher_is_better,2002,,s\n";
    assert_int_equal(stream_bulk(f->s, two_outcomes, &st, &err), 0);
    assert_int_equal(st.n_new, 4);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 2);
    assert_int_equal(label_index_present(f->s), 1);
    assert_int_equal(sqlite3_exec(f->s->db, "INSERT INTO studies (label, entered_by, entered_at)"
                                            " VALUES ('A 2000', 'x', 'x')", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);

    /* Adding nothing, the index stays and the file is as it was. */
    long long version = query_int(f->s, "PRAGMA schema_version");
    assert_int_equal(stream_bulk(f->s, two_outcomes, &st, &err), 0);
    assert_int_equal(st.n_unchanged, 4);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "PRAGMA schema_version"), version);
    assert_int_equal(label_index_present(f->s), 1);

    /* Stored studies met after the first new one are found in the map:
     * one row each, their ids kept; the new ones follow. */
    const char *more = TRIAL_HEAD
        "C 2003,low back pain,Relief,dichotomous,3,15,4,16,higher_is_better,2003,,s\n"
        "A 2000,low back pain,Pain,dichotomous,3,15,4,16,higher_is_better,2000,,s\n"
        "D 2004,low back pain,Pain,dichotomous,3,15,4,16,higher_is_better,,,s\n"
        "B 2002,low back pain,Pain,dichotomous,3,15,4,16,higher_is_better,2002,,s\n";
    long long a_id = query_int(f->s, "SELECT id FROM studies WHERE label = 'A 2000'");
    assert_int_equal(stream_bulk(f->s, more, &st, &err), 0);
    assert_int_equal(st.n_new, 4);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 4);
    assert_int_equal(query_int(f->s, "SELECT id FROM studies WHERE label = 'A 2000'"), a_id);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records r JOIN studies s ON s.id = r.study_id"
                                     " WHERE s.label = 'A 2000'"),
                     3);
    assert_int_equal(query_int(f->s, "SELECT max(id) FROM studies"), 4);
    assert_int_equal(label_index_present(f->s), 1);
    /* A year that contradicts a stored study's, met after the drop. */
    const char *clash = TRIAL_HEAD
        "E 2005,low back pain,Relief,dichotomous,3,15,4,16,higher_is_better,2005,,s\n"
        "A 2000,low back pain,Other,dichotomous,3,15,4,16,higher_is_better,1999,,s\n";
    assert_int_equal(stream_bulk(f->s, clash, &st, &err), 0);
    assert_int_equal(query_int(f->s, "SELECT year FROM studies WHERE label = 'A 2000'"), 1999); /* a correction */
    srw_import_stats_dispose(&st);
}

/* How many times marker occurs in the database's bytes (file and WAL). */
static int file_count(const char *path, const char *marker)
{
    static const char *const suffix[] = {"", "-wal"};
    int n = 0;
    for (int i = 0; i < 2; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        FILE *in = fopen(p, "rb");
        if (in == NULL)
            continue;
        size_t m = strlen(marker), k = 0;
        int c;
        while ((c = fgetc(in)) != EOF) {
            k = (char)c == marker[k] ? k + 1 : ((char)c == marker[0] ? 1 : 0);
            if (k == m) {
                n++;
                k = 0;
            }
        }
        fclose(in);
    }
    return n;
}

/* The notes of two published results, long enough for overflow pages,
 * imported, then replaced by short ones in a bulk transaction or not: the
 * old text is as readable in the file afterwards (not at all, with
 * Debian's SQLite, which zeroes what a page gives up) either way.  With
 * secure_delete off during bulk imports it stayed behind. */
static void test_import__a_bulk_import_leaves_no_more_old_text_than_a_small_one(void **state)
{
    fixture *f = *state;
    static char old_csv[8000];
    size_t n = (size_t)snprintf(old_csv, sizeof old_csv, "use,outcome,review,measure,estimate,ci_lower,ci_upper,"
                                                         "source,notes\n");
    for (int i = 0; i < 2; i++) {
        n += (size_t)snprintf(old_csv + n, sizeof old_csv - n, "u,o%d,R,MD,1,0,2,s,OLDNOTE_", i);
        for (int k = 0; k < 3000; k++)
            old_csv[n++] = 'Q';
        old_csv[n++] = '\n';
    }
    old_csv[n] = '\0';
    const char *new_csv = "use,outcome,review,measure,estimate,ci_lower,ci_upper,source,notes\n"
                          "u,o0,R,MD,1,0,2,s,n\nu,o1,R,MD,1,0,2,s,n\n";
    int left[2];
    for (int bulk = 0; bulk < 2; bulk++) {
        srw_import_stats st;
        srw_error err;
        srw_store_close(f->s);
        f->s = NULL;
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            char p[600];
            snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
            unlink(p);
        }
        assert_int_equal(srw_store_open(&f->s, f->path, 1, &err), 0);
        assert_int_equal(import_text(f->s, old_csv, &st, &err), 0);
        srw_import_stats_dispose(&st);
        srw_record_set set;
        assert_int_equal(srw_csv_read_review_buffer(&set, new_csv, strlen(new_csv), "t.csv", &err), 0);
        if (bulk) {
            assert_int_equal(srw_store_begin_bulk(f->s, &err), 0);
            assert_int_equal(srw_import_sets(f->s, &set, 1, "tester", "import", NULL, &st, &err), 0);
            assert_int_equal(srw_store_commit(f->s, &err), 0);
        } else {
            assert_int_equal(srw_import_sets(f->s, &set, 1, "tester", "import", NULL, &st, &err), 0);
        }
        srw_record_set_dispose(&set);
        assert_int_equal(st.n_published_updated, 2);
        srw_import_stats_dispose(&st);
        assert_int_equal(sqlite3_wal_checkpoint_v2(f->s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), SQLITE_OK);
        left[bulk] = file_count(f->path, "OLDNOTE_");
    }
    assert_int_equal(left[1], left[0]);
}

/* A first bulk import queues its new studies and writes them 32 to a
 * statement with ids it gives (src/store/writer_bulk.c): the ids follow the rows'
 * order, each study keeps its year and total, and a later file that
 * contradicts a queued study's year is refused, one that fills a total is
 * not. */
static void test_import__a_first_bulk_import_writes_queued_studies_in_order(void **state)
{
    fixture *f = *state;
    enum { N = 70 }; /* two full statements and six one by one */
    static char a[N * 120 + 200];
    size_t n = (size_t)snprintf(a, sizeof a, "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,"
                                             "direction,year,randomised,source\n");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(a + n, sizeof a - n, "T%02d,neck pain,%s,dichotomous,%d,20,4,20,lower_is_better,%d,%s,s\n",
                              N - i, i % 2 ? "Pain" : "Function", 1 + i % 9, 1950 + i, i == 3 ? "" : "40");
    const char *clash = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,year,source\n"
                        "T67,neck pain,Relief,dichotomous,3,20,4,20,lower_is_better,1999,s\n";
    const char *fill = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,year,"
                       "randomised,source\n"
                       "T67,neck pain,Relief,dichotomous,3,20,4,20,lower_is_better,1953,41,s\n";
    srw_import_stats st;
    srw_error err;
    const char *files[] = {a, clash};
    assert_int_equal(stream_bulk_files(f->s, files, 2, &st, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "has year 1999 here but 1953"));
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 0);
    assert_int_equal(label_index_present(f->s), 1);

    files[1] = fill;
    assert_int_equal(stream_bulk_files(f->s, files, 2, &st, &err), 0);
    assert_int_equal(st.n_new, N + 1);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), N);
    /* Row i names T(N - i), id i + 1, year 1950 + i. */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies WHERE label = printf('T%02d', 71 - id)"
                                     " AND year = 1949 + id AND audit_id = (SELECT max(id) FROM audit)"),
                     N);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies WHERE randomised = 40"), N - 1);
    assert_int_equal(query_int(f->s, "SELECT randomised FROM studies WHERE label = 'T67'"), 41);
    /* Every record points at the study its row named. */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records r JOIN studies s ON s.id = r.study_id"
                                     " WHERE r.exp_events = 1 + (70 - CAST(substr(s.label, 2) AS INTEGER)) % 9"),
                     N);
    assert_int_equal(label_index_present(f->s), 1);
}

/* Records are written 32 to a statement whose parameters keep their
 * bindings from one batch to the next, and a NULL is bound only where a
 * value was (import.c, batch_text): rows of the three types in turn, with
 * notes on some, must each keep exactly their own values. */
static void test_import__batched_records_of_mixed_types_keep_their_own_values(void **state)
{
    fixture *f = *state;
    enum { N = 100 };
    static char csv[N * 160 + 300];
    size_t n = (size_t)snprintf(csv, sizeof csv,
                                "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,exp_mean,exp_sd,"
                                "ctl_mean,ctl_sd,estimate,se,direction,subgroup,notes,source\n");
    for (int i = 0; i < N; i++) {
        int t = (i * 7 / 3) % 3; /* types in an irregular turn */
        const char *sub = i % 5 == 0 ? "early" : "", *note = i % 4 == 1 ? "n" : "";
        if (t == 0)
            n += (size_t)snprintf(csv + n, sizeof csv - n,
                                  "S%d,u,dich,dichotomous,%d,30,5,30,,,,,,,lower_is_better,%s,%s,s\n", i, i % 20,
                                  sub, note);
        else if (t == 1)
            n += (size_t)snprintf(csv + n, sizeof csv - n,
                                  "S%d,u,cont,continuous,,30,,30,%d.5,2,3,2,,,lower_is_better,%s,%s,s\n", i, i, sub,
                                  note);
        else
            n += (size_t)snprintf(csv + n, sizeof csv - n, "S%d,u,gen,generic,,,,,,,,,0.%d,0.2,lower_is_better,%s,%s,s\n",
                                  i, i + 10, sub, note);
    }
    srw_import_stats st;
    srw_error err;
    assert_int_equal(stream_bulk(f->s, csv, &st, &err), 0);
    assert_int_equal(st.n_new, N);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), N);
    /* Each type's columns, and only those. */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records r JOIN outcomes o ON o.id = r.outcome_id WHERE"
                                     " CASE o.type WHEN 'dichotomous' THEN exp_events IS NULL OR exp_mean IS NOT NULL"
                                     "   OR estimate IS NOT NULL OR exp_events <> CAST(substr((SELECT label FROM studies WHERE id = r.study_id), 2) AS INTEGER) % 20"
                                     " WHEN 'continuous' THEN exp_mean IS NULL OR exp_events IS NOT NULL"
                                     "   OR estimate IS NOT NULL OR exp_mean <> CAST(substr((SELECT label FROM studies WHERE id = r.study_id), 2) AS INTEGER) + 0.5"
                                     " ELSE estimate IS NULL OR exp_total IS NOT NULL OR exp_mean IS NOT NULL END"
                                     " OR (subgroup IS NOT NULL) <> (CAST(substr((SELECT label FROM studies WHERE id = r.study_id), 2) AS INTEGER) % 5 = 0)"
                                     " OR (notes IS NOT NULL) <> (CAST(substr((SELECT label FROM studies WHERE id = r.study_id), 2) AS INTEGER) % 4 = 1)"
                                     " OR r.entered_by IS NOT NULL OR r.audit_id IS NULL OR r.reviewer <> 'tester'"),
                     0);
}

/* An importer keeps a streamed record only until IMPORT_BATCH + 1 more
 * have come: an outcome of exactly that many rows, then another outcome
 * (whose first record takes the slot of the first one's first), must still
 * be told apart. */
static void test_import__streamed_outcomes_of_any_length_stay_apart(void **state)
{
    fixture *f = *state;
    for (int len = 31; len <= 35; len++) {
        char csv[8192];
        size_t n = (size_t)snprintf(csv, sizeof csv, "%s", TRIAL_HEAD);
        for (int i = 0; i < len; i++)
            n += (size_t)snprintf(csv + n, sizeof csv - n, "S%d-%d,u%d,A,dichotomous,1,10,2,10,,,,s\n", len, i, len);
        n += (size_t)snprintf(csv + n, sizeof csv - n, "S%d-0,u%d,B,dichotomous,3,10,4,10,,,,s\n", len, len);
        srw_import_stats st;
        srw_error err;
        assert_int_equal(stream_bulk(f->s, csv, &st, &err), 0);
        assert_int_equal(st.n_new, len + 1);
        srw_import_stats_dispose(&st);
    }
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcomes"), 10);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                                     " WHERE o.name = 'B'"), 5);
}

/* Two files in one import (as `srw import a.csv b.csv`). */
static int import_two(srw_store *s, const char *a, const char *b, srw_import_stats *st, srw_error *err)
{
    srw_record_set sets[2];
    int rc = srw_csv_read_review_buffer(&sets[0], a, strlen(a), "a.csv", err);
    if (rc)
        return rc;
    if ((rc = srw_csv_read_review_buffer(&sets[1], b, strlen(b), "b.csv", err)) == 0) {
        rc = srw_import_sets(s, sets, 2, "tester", "import", NULL, st, err);
        srw_record_set_dispose(&sets[1]);
    }
    srw_record_set_dispose(&sets[0]);
    return rc;
}

#define SETTINGS_HEAD "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,mid,year,randomised,source\n"

/* A row may leave an outcome's or a study's setting blank that a later row
 * of the same file states: the later row's value is stored. */
static void test_import__a_setting_first_stated_on_a_later_row_is_kept(void **state)
{
    fixture *f = *state;
    const char *csv = SETTINGS_HEAD "A,u,o,dichotomous,1,10,2,10,,,,,s\n"
                                    "B,u,o,dichotomous,1,10,2,10,lower_is_better,,,,s\n"
                                    "C,u,o,dichotomous,1,10,2,10,,0.8,,,s\n"
                                    "A,u,p,dichotomous,1,10,2,10,,,2004,30,s\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, csv, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcomes WHERE name = 'o'"
                                     " AND direction = 'lower_is_better' AND mid = 0.8"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies WHERE label = 'A' AND year = 2004"
                                     " AND randomised = 30"), 1);
}

/* The reader checks each file; the import checks its files against each
 * other: one type, direction and MID per outcome, one year, total and
 * judgement per study.  A conflict is located and writes nothing. */
static void test_import__files_of_one_import_must_agree(void **state)
{
    fixture *f = *state;
    const char *first = SETTINGS_HEAD "A,u,o,dichotomous,1,10,2,10,lower_is_better,0.5,2004,30,s\n";
    const struct {
        const char *second;
        const char *field, *message;
    } cases[] = {
        {"study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,source\n"
         "B,u,o,continuous,1,1,10,2,1,10,s\n",
         "type", "outcome 'o' of 'u' is continuous here but dichotomous in an earlier file of this import (an outcome"
                 " has one type)"},
        {SETTINGS_HEAD "B,u,o,dichotomous,1,10,2,10,higher_is_better,,,,s\n", "direction",
         "outcome 'o' of 'u' is higher_is_better here but lower_is_better in an earlier file of this import"},
        {SETTINGS_HEAD "B,u,o,dichotomous,1,10,2,10,,0.7,,,s\n", "mid",
         "outcome 'o' of 'u' has mid 0.7 here but 0.5 in an earlier file of this import"},
        {SETTINGS_HEAD "A,u,p,dichotomous,1,10,2,10,,,2005,,s\n", "year",
         "study 'A' has year 2005 here but 2004 in an earlier file of this import"},
        {SETTINGS_HEAD "A,u,p,dichotomous,1,10,2,10,,,,31,s\n", "randomised",
         "study 'A' has 31 randomised here but 30 in an earlier file of this import (one number per study)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_import_stats st;
        srw_error err;
        int rc = import_two(f->s, first, cases[i].second, &st, &err);
        if (rc != SRW_EDATA || strcmp(err.path, "b.csv") != 0 || err.line != 2 ||
            strcmp(err.field, cases[i].field) != 0 || strcmp(err.message, cases[i].message) != 0)
            fail_msg("case %zu: rc %d at %s:%ld %s: %s", i, rc, err.path, err.line, err.field, err.message);
        assert_int_equal(query_int(f->s, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM studies)"
                                         " + (SELECT count(*) FROM outcomes)"), 0);
    }
    const char *rob1 = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,rob_sequence,source\n"
                       "A,u,o,dichotomous,1,10,2,10,low,s\n";
    const char *rob2 = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,rob_sequence,source\n"
                       "A,u,p,dichotomous,1,10,2,10,high,s\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_two(f->s, rob1, rob2, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "study 'A' is judged high here but low in an earlier file of this import (one"
                                     " judgement per study and domain)");
    assert_string_equal(err.field, "rob_sequence");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM rob"), 0);
    /* Files that agree, one stating what the other leaves blank. */
    const char *blank = SETTINGS_HEAD "B,u,o,dichotomous,1,10,2,10,,,,,s\nA,u,p,dichotomous,1,10,2,10,,,,,s\n";
    assert_int_equal(import_two(f->s, blank, first, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcomes WHERE name = 'o' AND direction = 'lower_is_better'"
                                     " AND mid = 0.5"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies WHERE year = 2004 AND randomised = 30"), 1);
}

/* A study stored before the import whose year or randomised total a file
 * corrects: the new value is stored and the change listed (it used to be
 * dropped without a word). */
static void test_import__a_corrected_study_year_or_total_is_stored_and_listed(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, SETTINGS_HEAD "A,u,o,dichotomous,1,10,2,10,,,2004,30,s\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, SETTINGS_HEAD "A,u,p,dichotomous,1,10,2,10,,,2005,31,s\n", &st, &err), 0);
    int year = 0, total = 0;
    for (size_t i = 0; i < st.n_changes; i++) {
        year |= strcmp(st.changes[i], "study 'A': year 2004 -> 2005") == 0;
        total |= strcmp(st.changes[i], "study 'A': randomised 30 -> 31") == 0;
    }
    srw_import_stats_dispose(&st);
    assert_true(year && total);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies WHERE year = 2005 AND randomised = 31"), 1);
    /* and the audit trail holds both changes */
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE study = 'A' AND (field, old_value, new_value)"
                                     " IN (VALUES ('year', '2004', '2005'), ('randomised', '30', '31'))"), 2);
    /* Two files of one import that correct it differently: a conflict, not
     * two changes with the last file winning. */
    assert_int_equal(import_two(f->s, SETTINGS_HEAD "A,u,q,dichotomous,1,10,2,10,,,2007,,s\n",
                                SETTINGS_HEAD "A,u,r,dichotomous,1,10,2,10,,,2008,,s\n", &st, &err),
                     SRW_EDATA);
    assert_string_equal(err.message, "study 'A' has year 2008 here but 2007 in an earlier file of this import");
    assert_int_equal(query_int(f->s, "SELECT year FROM studies WHERE label = 'A'"), 2005);
}

/* A uses file is the use's decision settings: re-imported without a
 * column, the stored value goes, and the import says so (it used to go
 * without a word, the MID that decides the verdict among them).  Two files
 * of one import setting one use is an error, as within one file. */
static void test_import__use_settings_changed_by_a_reimport_are_listed(void **state)
{
    fixture *f = *state;
    const char *full = "use,primary_outcome,description,mid,mid_measure\nu,o,long description,0.5,SMD\n";
    const char *bare = "use,primary_outcome\nu,o\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, full, &st, &err), 0);
    assert_int_equal(st.n_changes, 0); /* settings new to the use */
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, full, &st, &err), 0);
    assert_int_equal(st.n_changes, 0); /* the same settings */
    srw_import_stats_dispose(&st);
    assert_int_equal(import_two(f->s, bare, full, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "use 'u' has decision settings in an earlier file of this import too");
    assert_string_equal(err.path, "b.csv");
    assert_int_equal(err.line, 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM uses WHERE mid = 0.5"), 1);
    assert_int_equal(import_text(f->s, bare, &st, &err), 0);
    const char *want[] = {"use 'u': description 'long description' -> (none)", "use 'u': mid_measure 'SMD' -> (none)",
                          "use 'u': mid 0.5 -> (none)"};
    assert_int_equal(st.n_changes, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(st.changes[i], want[i]);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM uses WHERE mid IS NULL AND description IS NULL"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE use = 'u' AND field = 'mid'"
                                     " AND old_value = '0.5' AND new_value IS NULL"), 1);
}

/* One published result per use, outcome, review and measure in an import
 * (a second used to replace the first, counted as "updated"); a re-import
 * that changes one says which fields and how. */
static void test_import__a_published_result_twice_in_an_import_is_an_error(void **state)
{
    fixture *f = *state;
#define PUB_HEAD "use,outcome,review,measure,estimate,ci_lower,ci_upper,trials,source\n"
    const char *one = PUB_HEAD "u,o,R,SMD,-0.07,-0.36,0.21,5,s\n";
    const char *other = PUB_HEAD "u,o,R,SMD,-0.1,-0.36,0.21,,s\n";
    char twice[256];
    snprintf(twice, sizeof twice, "%su,o,R,SMD,-0.1,-0.36,0.21,,s\n", one);
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, twice, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "the published result of u / o / R (SMD) appears twice in this import (also t.csv:2)");
    assert_int_equal(err.line, 3);
    assert_int_equal(import_two(f->s, one, other, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "the published result of u / o / R (SMD) appears twice in this import (also a.csv:2)");
    assert_string_equal(err.path, "b.csv");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM published"), 0);
    assert_int_equal(import_text(f->s, one, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, other, &st, &err), 0);
    assert_int_equal(st.n_published_updated, 1);
    assert_int_equal(st.n_changes, 1);
    assert_string_equal(st.changes[0], "updated published result u / o / R (SMD): estimate -0.07 -> -0.1, trials 5 -> (none)");
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field = 'published result (SMD, R)'"
                                     " AND new_value = 'estimate -0.07 -> -0.1, trials 5 -> (none)'"), 1);
#undef PUB_HEAD
}

/* csv imported again: it changes nothing stored (change NULL), or the
 * one change it lists is change. */
static void reimport_lists(srw_store *s, const char *csv, const char *change)
{
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(s, csv, &st, &err), 0);
    assert_int_equal(st.n_changes, change ? 1 : 0);
    if (change)
        assert_string_equal(st.changes[0], change);
    srw_import_stats_dispose(&st);
}

/* One GRADE judgement per outcome and domain in an import, as in one file
 * (a second file's used to replace the first's without a word); a
 * re-import that changes a stored judgement says so. */
static void test_import__a_grade_judgement_changed_or_given_twice(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
#define GRADE_HEAD "use,outcome,domain,downgrade,reason\n"
    const char *one = GRADE_HEAD "low back pain,\"Relief >50%, 3 weeks\",imprecision,1,few events\n";
    const char *two = GRADE_HEAD "low back pain,\"Relief >50%, 3 weeks\",imprecision,2,very few events\n";
    char both[256];
    snprintf(both, sizeof both, "%s%s", one, two + strlen(GRADE_HEAD));
    assert_int_equal(import_text(f->s, both, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "outcome 'Relief >50%, 3 weeks' of 'low back pain' has a judgement of imprecision"
                                     " already on line 2");
    assert_int_equal(import_two(f->s, one, two, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "outcome 'Relief >50%, 3 weeks' of 'low back pain' has a judgement of imprecision"
                                     " in an earlier file of this import too");
    assert_string_equal(err.path, "b.csv");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM grade_overrides"), 0);
    reimport_lists(f->s, one, NULL);
    reimport_lists(f->s, two,
                   "GRADE imprecision of low back pain / Relief >50%, 3 weeks: downgrade 1 -> 2, reason changed");
    assert_int_equal(query_int(f->s, "SELECT downgrade FROM grade_overrides"), 2);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field = 'GRADE imprecision'"
                                     " AND old_value = 'downgrade 1: few events' AND new_value = 'downgrade 2: very few events'"), 1);
#undef GRADE_HEAD
}

/* A judgement's source (the optional source column) is stored with it, for
 * an override and for the indirectness entered on the outcome, read back
 * with the outcome, and a re-import that changes only the source says so. */
static void test_import__a_grade_judgement_keeps_its_source(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, foster, &st, &err), 0);
    srw_import_stats_dispose(&st);
    const char *head = "use,outcome,domain,downgrade,reason,source\n";
    char one[512], two[512];
    snprintf(one, sizeof one,
             "%slow back pain,\"Relief >50%%, 3 weeks\",imprecision,1,few events,Review A table 2\n"
             "low back pain,\"Relief >50%%, 3 weeks\",indirectness,1,older patients,Review A section 5\n",
             head);
    snprintf(two, sizeof two,
             "%slow back pain,\"Relief >50%%, 3 weeks\",imprecision,1,few events,Review B table 4\n", head);
    assert_int_equal(import_text(f->s, one, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, "low back pain", "Relief >50%, 3 weeks", &d, &err), 0);
    assert_int_equal(d.n_overrides, 1);
    assert_string_equal(d.overrides[0].source, "Review A table 2");
    assert_string_equal(d.indirectness_source, "Review A section 5");
    srw_outcome_data_dispose(&d);
    reimport_lists(f->s, one, NULL);
    reimport_lists(f->s, two,
                   "GRADE imprecision of low back pain / Relief >50%, 3 weeks: downgrade 1 -> 1, source changed");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM grade_overrides WHERE source = 'Review B table 4'"), 1);
}

/* An outcome keeps one unit (and one MID source): a row that words it
 * differently is imported, and the import says its wording is not kept. */
static void test_import__a_unit_the_outcome_does_not_keep_is_a_warning(void **state)
{
    fixture *f = *state;
    const char *csv = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,unit,mid_source,source\n"
                      "A,u,o,dichotomous,1,10,2,10,patients with dry mouth,,s\n"
                      "B,u,o,dichotomous,1,10,2,10,patients with dry mouth,x,s\n"
                      "C,u,o,dichotomous,1,10,2,10,patients reporting dry mouth,y,s\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, csv, &st, &err), 0);
    assert_int_equal(st.n_changes, 2);
    assert_string_equal(st.changes[0], "warning: u / o / C: unit 'patients reporting dry mouth' is not kept: the"
                                       " outcome's is 'patients with dry mouth' (one unit per outcome)");
    assert_string_equal(st.changes[1], "warning: u / o / C: mid_source 'y' is not kept: the outcome's is 'x'");
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcomes WHERE unit = 'patients with dry mouth'"
                                     " AND mid_source = 'x'"), 1);
}

/* A re-import that gives a stored outcome another measure (which decides
 * its analysis), unit or MID source replaces it, and says so. */
static void test_import__an_outcome_measure_replaced_by_a_reimport_is_listed(void **state)
{
    fixture *f = *state;
#define CONT_HEAD "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,measure,unit,source\n"
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_text(f->s, CONT_HEAD "A,u,c,continuous,1,1,10,2,1,10,MD,mm,s\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, CONT_HEAD "A,u,c,continuous,1,1,10,2,1,10,SMD,cm,s\n", &st, &err), 0);
    assert_int_equal(st.n_changes, 2);
    assert_string_equal(st.changes[0], "outcome 'c' of 'u': measure 'MD' -> 'SMD'");
    assert_string_equal(st.changes[1], "outcome 'c' of 'u': unit 'mm' -> 'cm'");
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM outcomes WHERE measure = 'SMD' AND unit = 'cm'"), 1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE outcome = 'c' AND (field, old_value, new_value)"
                                     " IN (VALUES ('measure', 'MD', 'SMD'), ('unit', 'mm', 'cm'))"), 2);
#undef CONT_HEAD
}

/* A published result of an outcome srw holds trials for must be one of its
 * measures and, when both say, have its direction (both were accepted; in
 * one import the check runs after the records, whatever the file order). */
static void test_import__a_published_result_must_fit_its_outcome(void **state)
{
    fixture *f = *state;
    const char *trials = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,source\n"
                         "A,u,o,dichotomous,1,10,2,10,lower_is_better,s\n";
    const char *md = "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,o,R,MD,-0.5,-1,0,s\n";
    const char *dir = "use,outcome,review,measure,estimate,ci_lower,ci_upper,direction,source\n"
                      "u,o,R,RR,0.5,0.3,0.9,higher_is_better,s\n";
    srw_import_stats st;
    srw_error err;
    assert_int_equal(import_two(f->s, md, trials, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "MD is not a measure of outcome 'o' of 'u', which is dichotomous");
    assert_string_equal(err.field, "measure");
    assert_string_equal(err.path, "a.csv");
    assert_int_equal(import_two(f->s, trials, dir, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "outcome 'o' of 'u' is lower_is_better, not higher_is_better");
    assert_string_equal(err.field, "direction");
    assert_int_equal(query_int(f->s, "SELECT (SELECT count(*) FROM published) + (SELECT count(*) FROM records)"), 0);
    /* The published result first, the trials in a later import: the same
     * checks, from the other side. */
    assert_int_equal(import_text(f->s, md, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, trials, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, "outcome 'o' of 'u' has a published MD result (R), not a measure of a"
                                     " dichotomous outcome");
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 0);
}

/* One trial under two labels that differ only in case or spacing, in one
 * outcome: across the files of an import, against the stored outcome,
 * between reviewers, through the streamed (bulk) path; nothing written.
 * In different outcomes the two labels stay two studies. */
static void test_import__one_trial_under_two_labels_in_an_outcome_is_refused(void **state)
{
    fixture *f = *state;
    const char *a = TRIAL_HEAD "Smith 2001,u,o,dichotomous,1,10,2,10,,,,s\nJones 2002,u,o,dichotomous,3,10,4,10,,,,s\n";
    const char *b = TRIAL_HEAD "Brown 2003,u,o,dichotomous,5,10,6,10,,,,s\nsmith  2001,u,o,dichotomous,1,10,2,10,,,,s\n";
    const char *want = "study 'smith  2001' in outcome 'o' of 'u' differs only in letter case or spacing from"
                       " 'Smith 2001', which the outcome already holds: the same trial twice? (give it one label)";
    srw_import_stats st;
    srw_error err;
    /* Two files of one import. */
    assert_int_equal(import_two(f->s, a, b, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, want);
    assert_string_equal(err.path, "b.csv");
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "study");
    assert_int_equal(query_int(f->s, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM studies)"), 0);
    /* Against the stored outcome, and through the bulk path. */
    assert_int_equal(import_text(f->s, a, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(stream_bulk(f->s, b, &st, &err), SRW_EDATA);
    assert_string_equal(err.message, want);
    assert_int_equal(err.line, 3);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 2);
    /* Another reviewer's label. */
    srw_record_set set;
    assert_int_equal(srw_csv_read_review_buffer(&set, b, strlen(b), "b.csv", &err), 0);
    assert_int_equal(srw_import_sets(f->s, &set, 1, "ivan", "import", NULL, &st, &err), SRW_EDATA);
    srw_record_set_dispose(&set);
    assert_string_equal(err.message, want);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM records"), 2);
    /* The same label again is the same study (an update); in another
     * outcome a variant is a study of its own, as before. */
    assert_int_equal(import_text(f->s, a, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, TRIAL_HEAD "SMITH 2001,u,p,dichotomous,1,10,2,10,,,,s\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 3);
}

/* What an import adds beside the records is in the trail too: its entry
 * names every file, and a published result, a use's first decision
 * settings and a new GRADE judgement each have a row (an import of only
 * published results left no trace at all). */
static void test_import__an_import_of_settings_and_published_results_is_in_the_trail(void **state)
{
    fixture *f = *state;
    srw_record_set sets[3];
    srw_error err;
    srw_import_stats st;
    const char *pub = "use,outcome,review,measure,estimate,ci_lower,ci_upper,trials,source\nu,o,R,RR,0.8,0.6,1.1,3,doc\n";
    const char *uses = "use,primary_outcome,mid,mid_measure,source\nu,o,0.5,SMD,why\n";
    assert_int_equal(srw_csv_read_review_buffer(&sets[0], pub, strlen(pub), "pub.csv", &err), 0);
    assert_int_equal(srw_import_sets(f->s, sets, 1, "tester", "import", NULL, &st, &err), 0);
    /* A use that only a published result names: imported, with a warning. */
    assert_int_equal(st.n_changes, 1);
    assert_string_equal(st.changes[0], "warning: pub.csv:2: use 'u' is new: no trial record or decision setting"
                                       " names it (check its spelling)");
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&sets[0]);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'import' AND field IS NULL"
                                     " AND new_value = 'pub.csv'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE use = 'u' AND outcome = 'o'"
                                     " AND field = 'published result (RR, R)' AND old_value IS NULL"
                                     " AND new_value = 'estimate 0.8 [0.6, 1.1]; trials 3; source doc'"),
                     1);
    const char *csv = TRIAL_HEAD "A,u,o,dichotomous,1,10,2,10,,,,s\n";
    const char *grade = "use,outcome,domain,downgrade,reason\nu,o,imprecision,1,few events\n";
    assert_int_equal(srw_csv_read_review_buffer(&sets[0], csv, strlen(csv), "t.csv", &err), 0);
    assert_int_equal(srw_csv_read_review_buffer(&sets[1], uses, strlen(uses), "uses.csv", &err), 0);
    assert_int_equal(srw_csv_read_review_buffer(&sets[2], grade, strlen(grade), "grade.csv", &err), 0);
    assert_int_equal(srw_import_sets(f->s, sets, 3, "tester", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    for (int i = 0; i < 3; i++)
        srw_record_set_dispose(&sets[i]);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE field IS NULL"
                                     " AND new_value = 't.csv, uses.csv, grade.csv'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE use = 'u' AND outcome IS NULL"
                                     " AND field = 'decision settings'"
                                     " AND new_value = 'primary_outcome=o; mid=0.5 SMD; source=why'"),
                     1);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE outcome = 'o' AND field = 'GRADE imprecision'"
                                     " AND old_value IS NULL AND new_value = 'downgrade 1: few events'"),
                     1);
    /* The same again changes nothing and writes nothing. */
    long long rows = query_int(f->s, "SELECT count(*) FROM audit");
    assert_int_equal(srw_csv_read_review_buffer(&sets[0], pub, strlen(pub), "pub.csv", &err), 0);
    assert_int_equal(srw_import_sets(f->s, sets, 1, "tester", "import", NULL, &st, &err), 0);
    assert_int_equal(st.n_changes, 0); /* the use is known now */
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&sets[0]);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);
    /* Use settings and a GRADE judgement given again, by someone else:
     * nothing written, and the stored ones keep who entered them (they
     * were rewritten under the new name). */
    assert_int_equal(srw_csv_read_review_buffer(&sets[0], uses, strlen(uses), "uses.csv", &err), 0);
    assert_int_equal(srw_csv_read_review_buffer(&sets[1], grade, strlen(grade), "grade.csv", &err), 0);
    assert_int_equal(srw_import_sets(f->s, sets, 2, "zed", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    for (int i = 0; i < 2; i++)
        srw_record_set_dispose(&sets[i]);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM uses WHERE entered_by = 'zed'"), 0);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM grade_overrides WHERE entered_by = 'zed'"), 0);
}

/* The rows of a set that no trial reader checked (a RevMan file's, srw
 * add's): one trial under two labels in a new outcome is refused there too
 * (a RevMan review listing 'Smith 2001' and 'smith  2001' was pooled
 * twice). */
static void test_import__a_set_not_read_by_the_trial_reader_is_checked_for_one_trial_twice(void **state)
{
    fixture *f = *state;
    srw_record recs[2];
    const char *labels[] = {"Smith 2001", "smith  2001"};
    for (int i = 0; i < 2; i++) {
        srw_record_init(&recs[i], 0);
        recs[i].study = strdup(labels[i]);
        recs[i].use = strdup("u");
        recs[i].outcome = strdup("1.1 Death");
        recs[i].source = strdup("review.rm5");
        recs[i].type = SRW_TYPE_DICHOTOMOUS;
        recs[i].exp_events = 10;
        recs[i].exp_total = 100;
        recs[i].ctl_events = 20;
        recs[i].ctl_total = 100;
        recs[i].line = 12 + i;
    }
    srw_record_set set;
    memset(&set, 0, sizeof set);
    set.kind = SRW_FILE_TRIALS;
    set.path = strdup("review.rm5");
    set.records = recs;
    set.n_records = 2;
    srw_import_stats st;
    srw_error err;
    assert_int_equal(srw_import_sets(f->s, &set, 1, "tester", "import", NULL, &st, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "study 'smith  2001' in outcome '1.1 Death' of 'u' differs only in letter"
                                        " case or spacing from 'Smith 2001'"));
    assert_int_equal(err.line, 13);
    assert_int_equal(query_int(f->s, "SELECT count(*) FROM studies"), 0);
    for (int i = 0; i < 2; i++)
        srw_record_dispose(&recs[i]);
    free(set.path);
}

/* A published number's decimals are those of its fixed-point form (15e-2
 * is 0.15: two), and a re-import that gives it to more or fewer decimals
 * is an update (the report shows and compares at that precision). */
static void test_import__a_published_results_decimals_count_its_exponent_and_are_updated(void **state)
{
    fixture *f = *state;
    srw_import_stats st;
    srw_error err;
    const char *head = "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\n";
    const struct {
        const char *row;
        int decimals;
    } cases[] = {{"u,o,R,MD,15e-2,-1,1,s\n", 2},   {"u,o,R,MD,1.5e-1,-1,1,s\n", 2}, {"u,o,R,MD,2.5e-7,-1,1,s\n", 8},
                 {"u,o,R,MD,1.0e21,-1,2e21,s\n", 0}, {"u,o,R,MD,0.150,-1,1,s\n", 3}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[200];
        snprintf(csv, sizeof csv, "%s%s", head, cases[i].row);
        assert_int_equal(import_text(f->s, csv, &st, &err), 0);
        if (i == 4) {
            assert_int_equal(st.n_published_updated, 1);
            assert_non_null(strstr(st.changes[0], "decimals 0 -> 3"));
        }
        srw_import_stats_dispose(&st);
        assert_int_equal(query_int(f->s, "SELECT decimals FROM published"), cases[i].decimals);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import__a_bulk_import_streams_and_restores_wal_and_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_bulk_import_builds_the_label_index_at_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_first_bulk_import_writes_queued_studies_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__batched_records_of_mixed_types_keep_their_own_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_bulk_import_leaves_no_more_old_text_than_a_small_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__streamed_outcomes_of_any_length_stay_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__reimport_reports_unchanged_then_updated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__type_conflict_with_stored_outcome_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_setting_first_stated_on_a_later_row_is_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__files_of_one_import_must_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_corrected_study_year_or_total_is_stored_and_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__use_settings_changed_by_a_reimport_are_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_published_result_twice_in_an_import_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_grade_judgement_changed_or_given_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_grade_judgement_keeps_its_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_unit_the_outcome_does_not_keep_is_a_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__an_outcome_measure_replaced_by_a_reimport_is_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__a_published_result_must_fit_its_outcome, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__one_trial_under_two_labels_in_an_outcome_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import__an_import_of_settings_and_published_results_is_in_the_trail, setup, teardown),
        cmocka_unit_test_setup_teardown( test_import__a_set_not_read_by_the_trial_reader_is_checked_for_one_trial_twice, setup, teardown),
        cmocka_unit_test_setup_teardown( test_import__a_published_results_decimals_count_its_exponent_and_are_updated, setup, teardown),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
