/* Reviewer data entry (src/store/entry.c, reconcile.c, merge.c, audit.c,
 * src/io/export_csv.c): double extraction, adjudication, the audit trail,
 * export round trips, merging two files, migrating a version 1 database. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/csv.h"
#include "srw/import.h"
#include "srw/decimal.h"
#include "srw/agreement.h"
#include "srw/entry.h"
#include "srw/store.h"
#include "store/entry_internal.h"

typedef struct fixture {
    char dir[64];
    char path[128];
    srw_store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/srw-entry-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/review.db", f->dir);
    srw_error err;
    if (srw_store_open(&f->s, f->path, 1, &err) != 0)
        return -1;
    *state = f;
    return 0;
}

static void remove_db(const char *path)
{
    char p[200];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static int teardown(void **state)
{
    fixture *f = *state;
    srw_store_close(f->s);
    remove_db(f->path);
    char p[200];
    snprintf(p, sizeof p, "%s/other.db", f->dir);
    remove_db(p);
    snprintf(p, sizeof p, "%s/other2.db", f->dir);
    remove_db(p);
    snprintf(p, sizeof p, "%s/other3.db", f->dir);
    remove_db(p);
    snprintf(p, sizeof p, "%s/other4.db", f->dir);
    remove_db(p);
    snprintf(p, sizeof p, "%s/v1.db", f->dir);
    remove_db(p);
    rmdir(f->dir);
    free(f);
    return 0;
}

static const char *const U = "low back pain", *const O = "Relief >50%, 3 weeks";

/* Enter one record as reviewer through the same path as `srw add`. */
static int add(srw_store *s, const char *reviewer, const char *study, const char *const *fields,
               const char *const *values, size_t n, srw_error *err)
{
    srw_record base, r;
    int rc = srw_store_get_record(s, U, O, study, reviewer, &base, err);
    if (rc < 0)
        return rc;
    rc = srw_record_apply_fields(&r, &base, fields, values, n, err);
    srw_record_dispose(&base);
    if (rc)
        return rc;
    srw_import_stats st;
    rc = srw_import_put_record(s, &r, reviewer, "add", NULL, &st, err);
    srw_import_stats_dispose(&st);
    srw_record_dispose(&r);
    return rc;
}

static const char *const dich_fields[] = {"type",       "exp_events", "exp_total",
                                          "ctl_events", "ctl_total",  "year"};

static void add_foster(srw_store *s, const char *reviewer, const char *exp_events)
{
    const char *values[] = {"dichotomous", exp_events, "15", "4", "16", "2001"};
    srw_error err;
    int rc = add(s, reviewer, "Foster 2001", dich_fields, values, 6, &err);
    if (rc)
        fail_msg("add: %s (%s)", err.message, err.field);
}

/* --- Cohen's kappa ------------------------------------------------------------ */
static void test_entry__kappa_matches_the_worked_example(void **state)
{
    (void)state;
    /* The worked example of Wikipedia's "Cohen's kappa" article: 50
     * proposals, A yes/B yes 20, yes/no 5, no/yes 10, no/no 15:
     * p_o = 0.7, p_e = 0.5, kappa = 0.4. */
    int a[50], b[50];
    size_t n = 0;
    for (int i = 0; i < 20; i++, n++)
        a[n] = 0, b[n] = 0;
    for (int i = 0; i < 5; i++, n++)
        a[n] = 0, b[n] = 1;
    for (int i = 0; i < 10; i++, n++)
        a[n] = 1, b[n] = 0;
    for (int i = 0; i < 15; i++, n++)
        a[n] = 1, b[n] = 1;
    double k, po;
    srw_error err;
    assert_int_equal(srw_agreement_kappa(a, b, n, 2, &k, &po, &err), 0);
    assert_rel(po, 0.7, 1e-12);
    assert_rel(k, 0.4, 1e-12);
    /* Both raters use one category only: p_e = 1, kappa undefined. */
    int same[3] = {2, 2, 2};
    assert_int_equal(srw_agreement_kappa(same, same, 3, 3, &k, &po, &err), 0);
    assert_true(isnan(k));
    assert_rel(po, 1.0, 1e-12);
    assert_int_equal(srw_agreement_kappa(a, b, 0, 2, &k, &po, &err), SRW_ENUMERIC);
    int bad[1] = {7};
    assert_int_equal(srw_agreement_kappa(bad, bad, 1, 3, &k, &po, &err), SRW_EDATA);
}

/* --- fields ------------------------------------------------------------------- */
static void test_entry__fields_are_parsed_and_checked_by_the_import_rules(void **state)
{
    (void)state;
    srw_record r;
    srw_error err;
    const char *f1[] = {"study",  "use",       "outcome",  "type",   "exp_mean",
                        "exp_sd", "exp_total", "ctl_mean", "ctl_sd", "ctl_total"};
    const char *v1[] = {"Brashear 1999",
                        "cervical dystonia",
                        "TWSTRS",
                        "continuous",
                        "10.52",
                        "8.80",
                        "73",
                        "4.3",
                        "6.89",
                        "36"};
    assert_int_equal(srw_record_apply_fields(&r, NULL, f1, v1, 10, &err), 0);
    assert_true(r.exp_sd == 8.8 && r.ctl_total == 36);
    char *t = NULL;
    assert_int_equal(srw_record_field_text(&r, "exp_sd", &t, &err), 0);
    assert_string_equal(t, "8.8");
    free(t);
    /* Clearing a required field breaks the rule that needs it. */
    const char *f2[] = {"ctl_sd"}, *v2[] = {""};
    srw_record r2;
    assert_int_equal(srw_record_apply_fields(&r2, &r, f2, v2, 1, &err), SRW_EDATA);
    assert_string_equal(err.field, "ctl_sd");
    assert_int_equal(err.line, 0);
    assert_string_equal(err.path, "");
    const char *f3[] = {"exp_sd"}, *v3[] = {"-1"};
    assert_int_equal(srw_record_apply_fields(&r2, &r, f3, v3, 1, &err), SRW_EDATA);
    assert_string_equal(err.field, "exp_sd");
    const char *f4[] = {"exp_sdd"}, *v4[] = {"1"};
    assert_int_equal(srw_record_apply_fields(&r2, &r, f4, v4, 1, &err), SRW_EUSAGE);
    assert_non_null(strstr(err.message, "unknown field 'exp_sdd'"));
    /* An entry's key is not a field (it copied the record under the new
     * key, the old one kept). */
    const char *keys[] = {"study", "use", "outcome"};
    for (int i = 0; i < 3; i++) {
        const char *v5[] = {"Other"};
        assert_int_equal(srw_record_apply_fields(&r2, &r, &keys[i], v5, 1, &err), SRW_EUSAGE);
        assert_string_equal(err.field, keys[i]);
        assert_non_null(strstr(err.message, "names the record"));
    }
    srw_record_dispose(&r);
    /* Answers so far: a required field not yet answered is no error, a
     * rule broken by the answers given is. */
    srw_record base;
    memset(&base, 0, sizeof base);
    base.exp_events = base.exp_total = base.ctl_events = base.ctl_total = NAN;
    base.exp_mean = base.exp_sd = base.ctl_mean = base.ctl_sd = base.estimate = base.se = base.mid = NAN;
    const char *f5[] = {"type", "exp_events"}, *v5[] = {"dichotomous", "31"};
    assert_int_equal(srw_record_check_answers(&base, f5, v5, 2, &err), 0);
    const char *f6[] = {"type", "exp_events", "exp_total"}, *v6[] = {"dichotomous", "31", "30"};
    assert_int_equal(srw_record_check_answers(&base, f6, v6, 3, &err), SRW_EDATA);
    assert_string_equal(err.field, "exp_events");
    const char *v7[] = {"dichotomous", "3.5"};
    assert_int_equal(srw_record_check_answers(&base, f5, v7, 2, &err), SRW_EDATA);
    assert_string_equal(err.field, "exp_events");
}

/* --- double extraction ----------------------------------------------------------- */
static void test_entry__two_reviewers_await_reconciliation_until_adjudicated(void **state)
{
    fixture *f = *state;
    srw_error err;
    add_foster(f->s, "alice", "11");
    srw_outcome_data d;
    /* One reviewer: enters analyses (single-reviewer records allowed). */
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 1);
    assert_int_equal(d.n_awaiting, 0);
    srw_outcome_data_dispose(&d);
    add_foster(f->s, "bob", "12");
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 0);
    assert_int_equal(d.n_awaiting, 1);
    srw_outcome_data_dispose(&d);
    /* Both extractions kept side by side. */
    srw_record r;
    assert_int_equal(srw_store_get_record(f->s, U, O, "Foster 2001", "alice", &r, &err), 1);
    assert_true(r.exp_events == 11);
    srw_record_dispose(&r);
    assert_int_equal(srw_store_get_record(f->s, U, O, "Foster 2001", "bob", &r, &err), 1);
    assert_true(r.exp_events == 12);
    srw_record_dispose(&r);

    srw_reconcile_report rep;
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.n_items, 1);
    assert_int_equal(rep.n_awaiting, 1);
    assert_int_equal(rep.differences.n_rows, 2); /* exp_events: alice, bob */
    assert_string_equal(srw_table_cell(&rep.differences, 0, 2)->text, "exp_events");
    assert_string_equal(srw_table_cell(&rep.differences, 1, 4)->text, "12");
    size_t agreed = 0, compared = 0;
    for (size_t i = 0; i < rep.n_fields; i++) {
        agreed += rep.fields[i].agreed;
        compared += rep.fields[i].compared;
    }
    assert_int_equal(compared, 4);
    assert_int_equal(agreed, 3);
    srw_reconcile_report_dispose(&rep);

    /* Without --accept, every differing field must be decided. */
    const char *sf[] = {"notes"}, *sv[] = {"checked"};
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "Foster 2001", NULL, sf, sv, 1, "carol", "x", &err),
                     SRW_EDATA);
    assert_string_equal(err.field, "exp_events");
    assert_int_equal(
        srw_import_adjudicate(f->s, U, O, "Foster 2001", "alice", NULL, NULL, 0, "carol", NULL, &err),
        SRW_EUSAGE);
    /* A study's or outcome's setting is not an extraction's: refused, not
     * validated and then dropped as it was. */
    const char *yf[] = {"exp_events", "year"}, *yv[] = {"10", "2010"};
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "Foster 2001", "alice", yf, yv, 2, "carol", "x", &err),
                     SRW_EUSAGE);
    assert_non_null(strstr(err.message, "--set year: year belongs to the study"));
    const char *mf[] = {"mid"}, *mv[] = {"0.9"};
    assert_int_equal(srw_import_adjudicate(f->s, U, O, "Foster 2001", "alice", mf, mv, 1, "carol", "x", &err),
                     SRW_EUSAGE);
    assert_non_null(strstr(err.message, "belongs to the outcome"));
    const char *ef[] = {"exp_events"}, *ev[] = {"10"};
    assert_int_equal(
        srw_import_adjudicate(f->s, U, O, "Foster 2001", "alice", ef, ev, 1, "carol", "table 2 says 10", &err),
        0);
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 1);
    assert_int_equal(d.n_awaiting, 0);
    assert_true(d.rows[0].exp_events == 10 && d.rows[0].ctl_total == 16);
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.n_awaiting, 0);
    assert_int_equal(rep.differences.n_rows, 0);
    assert_int_equal(rep.changed_since.n, 0);
    srw_reconcile_report_dispose(&rep);
    /* A third reviewer's extraction after the adjudication (its trail row
     * derived from the record, audit_imported): the decision may be stale. */
    add_foster(f->s, "dave", "13");
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.changed_since.n, 1);
    assert_non_null(strstr(rep.changed_since.names[0], "Foster 2001"));
    srw_reconcile_report_dispose(&rep);
}

static void test_entry__rob_judgements_are_per_reviewer_with_kappa(void **state)
{
    fixture *f = *state;
    srw_error err;
    add_foster(f->s, "alice", "11");
    srw_rob_judgement a[SRW_ROB_N] = {SRW_ROB_LOW, SRW_ROB_UNCLEAR, SRW_ROB_HIGH};
    srw_rob_judgement b[SRW_ROB_N] = {SRW_ROB_LOW, SRW_ROB_LOW, SRW_ROB_HIGH};
    assert_int_equal(srw_store_set_rob(f->s, "Foster 2001", "alice", a, "p. 1291", &err), 0);
    assert_int_equal(srw_store_set_rob(f->s, "Foster 2001", "bob", b, NULL, &err), 0);
    assert_int_equal(srw_store_set_rob(f->s, "Nobody 1999", "bob", b, NULL, &err), SRW_ENOTFOUND);
    srw_reconcile_report rep;
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.n_pairs, 1);
    assert_int_equal(rep.pairs[0].n, 3);
    /* a = (low, unclear, high), b = (low, low, high): p_o = 2/3,
     * p_e = (1/3)(2/3) + (1/3)(1/3) + (1/3)(0) = 1/3, kappa = 0.5 */
    assert_rel(rep.pairs[0].agreement, 2.0 / 3.0, 1e-12);
    assert_rel(rep.pairs[0].kappa, 0.5, 1e-12);
    assert_int_equal(rep.n_rob_differences, 1);
    srw_reconcile_report_dispose(&rep);
    /* Two reviewers' judgements enter analyses once adjudicated. */
    const char *rf[] = {"rob_sequence"}, *rv[] = {"low"};
    assert_int_equal(srw_import_adjudicate(f->s, U, NULL, "Foster 2001", NULL, rf, rv, 1, "carol", "x", &err),
                     SRW_EDATA); /* allocation differs and is not decided */
    assert_non_null(strstr(err.message, "rob_allocation"));
    assert_int_equal(srw_import_adjudicate(f->s, U, NULL, "Foster 2001", "alice", NULL, NULL, 0, "carol",
                                          "concealment not described", &err),
                     0);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, U, O, &d, &err), 0);
    assert_int_equal(d.info[0].rob[SRW_ROB_ALLOCATION], SRW_ROB_UNCLEAR);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    srw_outcome_data_dispose(&d);
}

/* --- the audit trail ------------------------------------------------------------- */
static void test_entry__edits_and_removals_keep_earlier_values_in_the_trail(void **state)
{
    fixture *f = *state;
    srw_error err;
    add_foster(f->s, "alice", "11");
    add_foster(f->s, "alice", "9");
    assert_int_equal(srw_store_remove_record(f->s, U, O, "Foster 2001", "alice", NULL, &err), SRW_EUSAGE);
    assert_int_equal(srw_store_remove_record(f->s, U, O, "Foster 2001", "alice", "duplicate", &err), 0);
    assert_int_equal(srw_store_remove_record(f->s, U, O, "Foster 2001", "alice", "again", &err),
                     SRW_ENOTFOUND);
    srw_table t;
    assert_int_equal(srw_store_history(f->s, "Foster 2001", &t, &err), 0);
    assert_int_equal(t.n_rows, 3); /* add, change of exp_events, removal */
    assert_string_equal(srw_table_cell(&t, 1, 2)->text, "add");
    assert_string_equal(srw_table_cell(&t, 1, 7)->text, "exp_events");
    assert_string_equal(srw_table_cell(&t, 1, 8)->text, "11");
    assert_string_equal(srw_table_cell(&t, 1, 9)->text, "9");
    assert_string_equal(srw_table_cell(&t, 2, 2)->text, "remove");
    assert_non_null(strstr(srw_table_cell(&t, 2, 8)->text, "exp_events=9; exp_total=15"));
    assert_string_equal(srw_table_cell(&t, 2, 10)->text, "duplicate");
    srw_table_dispose(&t);
    /* Append-only: the schema refuses to change or delete the trail. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET old_value = 'x'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* An import writes one trail entry, however many records it adds; each
 * record's own row is derived from the record until the record changes,
 * and then kept with the values it was imported with, in its place. */
static int import_csv(srw_store *s, const char *csv, srw_import_stats *st, srw_error *err)
{
    srw_record_set set;
    int rc = srw_csv_read_review_buffer(&set, csv, strlen(csv), "t.csv", err);
    if (rc == 0)
        rc = srw_import_sets(s, &set, 1, "alice", "import", NULL, st, err);
    if (rc)
        print_error("import: %s (%s line %ld)\n", err->message, err->field, err->line);
    srw_record_set_dispose(&set);
    return rc;
}


static void test_entry__an_import_is_one_trail_entry_and_keeps_imported_values(void **state)
{
    fixture *f = *state;
    srw_error err;
    srw_import_stats st;
    const char *head = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total\n";
    char csv[512];
    snprintf(csv, sizeof csv, "%sFoster 2001,%s,\"%s\",dichotomous,11,15,4,16\nA 1999,%s,\"%s\",dichotomous,3,20,5,21\n"
             "B 2000,%s,\"%s\",dichotomous,7,30,9,29\n", head, U, O, U, O, U, O);
    assert_int_equal(import_csv(f->s, csv, &st, &err), 0);
    assert_int_equal(st.n_new, 3);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit"), 1); /* the import's entry only */
    srw_table t;
    assert_int_equal(srw_store_history(f->s, "Foster 2001", &t, &err), 0);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(srw_table_cell(&t, 0, 2)->text, "import");
    assert_string_equal(srw_table_cell(&t, 0, 6)->text, "alice");
    assert_string_equal(srw_table_cell(&t, 0, 9)->text,
                        "type=dichotomous; exp_events=11; exp_total=15; ctl_events=4; ctl_total=16");
    srw_table_dispose(&t);
    /* The same file with Foster's events corrected: the trail keeps 11. */
    snprintf(csv, sizeof csv, "%sFoster 2001,%s,\"%s\",dichotomous,12,15,4,16\n", head, U, O);
    assert_int_equal(import_csv(f->s, csv, &st, &err), 0);
    assert_int_equal(st.n_updated, 1);
    srw_import_stats_dispose(&st);
    /* first entry, second entry, Foster's imported row kept, the change */
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit"), 4);
    assert_int_equal(srw_store_history(f->s, "Foster 2001", &t, &err), 0);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(srw_table_cell(&t, 0, 9)->text,
                        "type=dichotomous; exp_events=11; exp_total=15; ctl_events=4; ctl_total=16");
    assert_string_equal(srw_table_cell(&t, 1, 7)->text, "exp_events");
    assert_string_equal(srw_table_cell(&t, 1, 8)->text, "11");
    assert_string_equal(srw_table_cell(&t, 1, 9)->text, "12");
    srw_table_dispose(&t);
    /* The whole trail: each entry heads the rows of the records it added. */
    assert_int_equal(srw_store_history(f->s, NULL, &t, &err), 0);
    assert_int_equal(t.n_rows, 6);
    assert_null(srw_table_cell(&t, 0, 5)->text); /* the first import's entry: no study */
    assert_string_equal(srw_table_cell(&t, 0, 9)->text, "t.csv");
    assert_string_equal(srw_table_cell(&t, 1, 5)->text, "Foster 2001");
    assert_string_equal(srw_table_cell(&t, 2, 5)->text, "A 1999");
    assert_string_equal(srw_table_cell(&t, 3, 5)->text, "B 2000");
    assert_null(srw_table_cell(&t, 4, 5)->text); /* the second import's entry */
    assert_string_equal(srw_table_cell(&t, 5, 7)->text, "exp_events");
    srw_table_dispose(&t);
}

/* --- export ---------------------------------------------------------------------- */
static void test_entry__export_then_import_gives_the_same_records(void **state)
{
    fixture *f = *state;
    srw_error err;
    const char *csv = "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,exp_mean,exp_sd,ctl_"
                      "mean,ctl_sd,estimate,"
                      "se,year,direction,subgroup,unit,mid,mid_source,rob_sequence,rob_source,source,notes,measure\n"
                      "Foster 2001,low back pain,\"Relief >50%, 3 "
                      "weeks\",dichotomous,11,15,4,16,,,,,,,2001,higher_is_better,,,,,"
                      "low,\"p. 1291, \"\"random\"\"\",\"Neurology 2001;56(10):1290-3\",\"two\nlines\",OR\n"
                      "Brashear 1999,cervical dystonia,\"TWSTRS total, week "
                      "4\",continuous,,73,,36,10.52,8.80,4.3,6.89,,,1999,"
                      "higher_is_better,BoNT-B,TWSTRS points,8,Dashtipour 2016,,,test data,,SMD\n"
                      "Lew 2008,neck pain,\"Pain, "
                      "intermediate\",generic,,10,,14,,,,,-0.56,0.4235,2008,lower_is_better,,,,,,,"
                      "test data,,\n";
    srw_record_set in;
    assert_int_equal(srw_csv_read_review_buffer(&in, csv, strlen(csv), "t.csv", &err), 0);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(f->s, &in, 1, "tester", "import", NULL, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_record_set out;
    size_t awaiting = 9;
    assert_int_equal(srw_store_export(f->s, NULL, &out, &awaiting, &err), 0);
    assert_int_equal(out.n_records, 3);
    assert_int_equal(awaiting, 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(srw_csv_write_records(mem, out.records, out.n_records, &err), 0);
    fclose(mem);
    srw_record_set back;
    assert_int_equal(srw_csv_read_review_buffer(&back, buf, len, "export.csv", &err), 0);
    assert_int_equal(back.n_records, 3);
    /* The outcome's measure decides its analysis (SMD, not the default MD):
     * it comes back too. */
    for (size_t j = 0; j < back.n_records; j++)
        if (strcmp(back.records[j].study, "Brashear 1999") == 0)
            assert_string_equal(back.records[j].measure ? back.records[j].measure : "(none)", "SMD");
    /* Every field of every record, as text, is what was imported. */
    for (size_t i = 0; i < in.n_records; i++) {
        size_t j = 0;
        while (j < back.n_records && strcmp(back.records[j].study, in.records[i].study) != 0)
            j++;
        assert_true(j < back.n_records);
        size_t n_cols;
        const srw_column *cols = srw_record_columns(&n_cols);
        for (size_t c = 0; c < n_cols; c++) {
            char *a = NULL, *b = NULL;
            assert_int_equal(srw_record_field_text(&in.records[i], cols[c].name, &a, &err), 0);
            assert_int_equal(srw_record_field_text(&back.records[j], cols[c].name, &b, &err), 0);
            if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
                fail_msg("%s, %s: imported '%s', exported '%s'", in.records[i].study, cols[c].name,
                         a ? a : "(none)", b ? b : "(none)");
            free(a);
            free(b);
        }
    }
    free(buf);
    srw_record_set_dispose(&in);
    srw_record_set_dispose(&out);
    srw_record_set_dispose(&back);
}

/* --- merge ----------------------------------------------------------------------- */
static void test_entry__merge_brings_the_other_reviewer_in_without_overwriting(void **state)
{
    fixture *f = *state;
    srw_error err;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
    srw_store *o = NULL;
    assert_int_equal(srw_store_open(&o, other_path, 1, &err), 0);
    add_foster(f->s, "alice", "11");
    add_foster(o, "bob", "12");
    add_foster(o, "alice", "13"); /* alice's own extraction differs between the files */
    srw_store_close(o);
    srw_merge_stats ms;
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_records, 2); /* bob's, and alice's kept as alice@other.db */
    assert_int_equal(ms.n_conflicts, 1);
    srw_record r;
    assert_int_equal(srw_store_get_record(f->s, U, O, "Foster 2001", "alice", &r, &err), 1);
    assert_true(r.exp_events == 11); /* never overwritten */
    srw_record_dispose(&r);
    assert_int_equal(srw_store_get_record(f->s, U, O, "Foster 2001", "alice@other.db", &r, &err), 1);
    assert_true(r.exp_events == 13);
    srw_record_dispose(&r);
    srw_reconcile_report rep;
    assert_int_equal(srw_store_reconcile(f->s, U, &rep, &err), 0);
    assert_int_equal(rep.differences.n_rows, 3); /* exp_events of three extractions */
    srw_reconcile_report_dispose(&rep);
    /* Merging again adds nothing. */
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_records, 0);
    assert_int_equal(ms.n_identical, 2); /* bob's, and alice's as alice@other.db */
    assert_int_equal(srw_store_merge(f->s, "/tmp/srw-no-such-dir/x.db", "tester", &ms, &err), SRW_ENOTFOUND);
    srw_merge_stats_dispose(&ms);
}

/* Settings (study, outcome, use) and GRADE judgements: the other file's
 * fill what this one lacks, different ones stay as they are here and are
 * listed (they used to be dropped with "0 conflicts"), and opposite
 * directions refuse the merge, as different types do. */
static void test_entry__merge_fills_lists_and_refuses_settings(void **state)
{
    fixture *f = *state;
    srw_error err;
    srw_import_stats st;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
#define MHEAD "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,year,randomised,direction,mid\n"
    assert_int_equal(import_csv(f->s, MHEAD "S1,u,c,continuous,1,2,10,2,2,10,2000,20,lower_is_better,1\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store *o = NULL;
    assert_int_equal(srw_store_open(&o, other_path, 1, &err), 0);
    assert_int_equal(import_csv(o, MHEAD "S1,u,c,continuous,1,2,10,2,2,10,2005,,lower_is_better,3\n"
                                      "S2,u,c,continuous,1,2,10,2,2,10,2006,,,\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_csv(o, "use,outcome,domain,downgrade,reason,source\nu,c,indirectness,1,older patients,"
                                   "trial A table 1\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    srw_merge_stats ms;
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_kept, 2);
    assert_string_equal(ms.kept[0], "outcome 'c' of 'u': mid 1 here, 3 in the other file");
    assert_string_equal(ms.kept[1], "study 'S1': year 2000 here, 2005 in the other file");
    /* What this file lacked: listed and in the trail. */
    assert_int_equal(ms.n_filled, 1);
    assert_string_equal(ms.filled[0], "outcome 'c' of 'u': indirectness 1: older patients");
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit WHERE action = 'merge' AND use = 'u'"
                                                  " AND outcome = 'c' AND field = 'indirectness' AND old_value IS NULL"
                                                  " AND new_value = '1: older patients'"
                                                  " AND reason = 'merged from other.db, which this file lacked'"),
                     1);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM studies WHERE label = 'S1' AND year = 2000"
                                                  " AND randomised = 20"), 1);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT year FROM studies WHERE label = 'S2'"), 2006);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT indirectness FROM outcomes WHERE name = 'c'"), 1);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM outcomes WHERE name = 'c'"
                                                  " AND indirectness_source = 'trial A table 1'"), 1); /* with its source */
    /* Opposite directions: an error, and nothing merged. */
    char other2[200];
    snprintf(other2, sizeof other2, "%s/other2.db", f->dir);
    assert_int_equal(srw_store_open(&o, other2, 1, &err), 0);
    assert_int_equal(import_csv(o, MHEAD "S3,u,c,continuous,1,2,10,2,2,10,,,higher_is_better,\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    assert_int_equal(srw_store_merge(f->s, other2, "tester", &ms, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "is lower_is_better here but higher_is_better in the other file"));
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM studies WHERE label = 'S3'"), 0);
#undef MHEAD
}

/* The other file's label for a trial this file holds in the same outcome,
 * differing only in case or spacing: merged, the outcome would pool the
 * trial twice.  Refused, nothing merged; another outcome's variant is a
 * study of its own, as in an import.  A file merged into itself is a usage
 * error (it used to fail with "database is locked"). */
static void test_entry__merge_refuses_one_trial_under_two_labels_and_itself(void **state)
{
    fixture *f = *state;
    srw_error err;
    srw_import_stats st;
    srw_merge_stats ms;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
#define MHEAD "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total\n"
    assert_int_equal(import_csv(f->s, MHEAD "Smith 2001,u,o,dichotomous,1,10,2,10\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store *o = NULL;
    assert_int_equal(srw_store_open(&o, other_path, 1, &err), 0);
    assert_int_equal(import_csv(o, MHEAD "smith\xc2\xa0" "2001,u,o,dichotomous,1,10,2,10\n"
                                      "SMITH 2001,u,p,dichotomous,3,10,4,10\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), SRW_EDATA);
    srw_merge_stats_dispose(&ms);
    assert_string_equal(err.message, "study 'smith\xc2\xa0" "2001' of the other file differs only in letter case or"
                                     " spacing from 'Smith 2001' here, both in outcome 'o' of 'u': the same trial"
                                     " under two labels (give it one label in both files); nothing was merged");
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT (SELECT count(*) FROM studies) + (SELECT count(*) FROM"
                                                  " records) + (SELECT count(*) FROM outcomes)"),
                     3);
    /* Only the other outcome's variant: merged as a study of its own. */
    assert_int_equal(srw_store_open(&o, other_path, 0, &err), 0);
    assert_int_equal(sqlite3_exec(o->db, "DELETE FROM records WHERE outcome_id = (SELECT id FROM outcomes"
                                         " WHERE name = 'o')", NULL, NULL, NULL),
                     SQLITE_OK);
    srw_store_close(o);
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM studies WHERE label = 'SMITH 2001'"), 1);
    /* A published result of the other file that does not fit the outcome
     * here (an RR for a continuous outcome, the opposite direction). */
    char other3[200];
    snprintf(other3, sizeof other3, "%s/other3.db", f->dir);
    assert_int_equal(import_csv(f->s, "study,use,outcome,type,exp_mean,exp_sd,exp_total,ctl_mean,ctl_sd,ctl_total,"
                                      "direction\nA,u,c,continuous,1,2,10,2,2,10,lower_is_better\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    const char *pubs[] = {"use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nu,c,R,RR,0.8,0.6,1.1,s\n",
                          "use,outcome,review,measure,estimate,ci_lower,ci_upper,direction,source\n"
                          "u,c,R,MD,-1,-2,0,higher_is_better,s\n"};
    const char *want[] = {"outcome 'c' of 'u' would have a published RR result (R), not a measure of a continuous"
                          " outcome; nothing was merged",
                          "outcome 'c' of 'u' would be lower_is_better but higher_is_better in its published result"
                          " (R); nothing was merged"};
    for (int i = 0; i < 2; i++) {
        unlink(other3);
        assert_int_equal(srw_store_open(&o, other3, 1, &err), 0);
        assert_int_equal(import_csv(o, pubs[i], &st, &err), 0);
        srw_import_stats_dispose(&st);
        srw_store_close(o);
        assert_int_equal(srw_store_merge(f->s, other3, "tester", &ms, &err), SRW_EDATA);
        srw_merge_stats_dispose(&ms);
        assert_string_equal(err.message, want[i]);
        assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM published"), 0);
    }
    /* A file that holds both labels in one outcome itself (made before
     * the checks): the merged state is checked, not only the pairs across
     * the two files. */
    char other4[200];
    snprintf(other4, sizeof other4, "%s/other4.db", f->dir);
    assert_int_equal(srw_store_open(&o, other4, 1, &err), 0);
    assert_int_equal(import_csv(o, "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total\n"
                                   "\xc3\x96zdemir 2001,u,q,dichotomous,1,10,2,10\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(sqlite3_exec(o->db,
                                  "INSERT INTO studies (label, entered_by, entered_at) VALUES ('\xc3\xb6zdemir 2001',"
                                  " 'x', 't'); INSERT INTO records (outcome_id, study_id, reviewer, entered_by,"
                                  " entered_at, exp_events, exp_total, ctl_events, ctl_total) SELECT outcome_id,"
                                  " (SELECT max(id) FROM studies), 'x', 'x', 't', 1, 10, 2, 10 FROM records",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    srw_store_close(o);
    long long before = srw_test_query_int(f->s->db, "SELECT count(*) FROM records");
    assert_int_equal(srw_store_merge(f->s, other4, "tester", &ms, &err), SRW_EDATA);
    srw_merge_stats_dispose(&ms);
    assert_non_null(strstr(err.message, "after the merge, outcome 'q' of 'u' would hold"));
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM records"), before);
    /* Itself, under its own name or another path to it. */
    assert_int_equal(srw_store_merge(f->s, f->path, "tester", &ms, &err), SRW_EUSAGE);
    srw_merge_stats_dispose(&ms);
    assert_non_null(strstr(err.message, "is this review database itself: nothing to merge"));
#undef MHEAD
}


/* A file of an older schema is merged from a migrated copy: the merge,
 * refused or not, leaves it byte for byte as it was (it used to be
 * migrated in place, and switched to WAL, even when the merge was refused). */
static void test_entry__merge_leaves_an_older_other_file_as_it_was(void **state)
{
    fixture *f = *state;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
    long n = 0, n2 = 0;
    char *orig = srw_test_read_file("tests/data/store/schema7.db", &n);
    assert_non_null(orig);
    FILE *out = fopen(other_path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(orig, 1, (size_t)n, out), (size_t)n);
    assert_int_equal(fclose(out), 0);
    srw_error err;
    srw_import_stats st;
    srw_merge_stats ms;
    /* Refused: this file labels the trial otherwise in the same outcome. */
    assert_int_equal(import_csv(f->s, "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total\n"
                                      "foster  2001,low back pain,\">50% pain relief (VAS), 3 weeks\",dichotomous,11,15,4,16\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), SRW_EDATA);
    srw_merge_stats_dispose(&ms);
    char *now = srw_test_read_file(other_path, &n2);
    assert_non_null(now);
    assert_int_equal(n2, n);
    assert_memory_equal(now, orig, (size_t)n);
    free(now);
    /* Merged: the same. */
    assert_int_equal(sqlite3_exec(f->s->db, "DELETE FROM records; DELETE FROM studies", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_records, 4);
    srw_merge_stats_dispose(&ms);
    now = srw_test_read_file(other_path, &n2);
    assert_non_null(now);
    assert_int_equal(n2, n);
    assert_memory_equal(now, orig, (size_t)n);
    free(now);
    free(orig);
    /* Its who and when came through the copy's migration. */
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM records WHERE entered_by IS NULL"), 0);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(DISTINCT reviewer) FROM records"), 2);
}

/* A use's decision settings and a published result that the merge copies
 * whole (they decide verdicts) are listed and in the trail; merging the
 * same file again brings nothing and writes nothing. */
static void test_entry__merge_lists_what_it_copies_and_a_second_merge_writes_nothing(void **state)
{
    fixture *f = *state;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
    srw_store *o = NULL;
    srw_error err;
    srw_import_stats st;
    assert_int_equal(srw_store_open(&o, other_path, 1, &err), 0);
    assert_int_equal(import_csv(o, "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total\nA,v,o,dichotomous,1,10,2,10\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_csv(o, "use,primary_outcome,mid,mid_measure,source\nv,o,0.8,RR,protocol\nw,o,,,\n", &st,
                                &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_csv(o, "use,outcome,review,measure,estimate,ci_lower,ci_upper,source\nv,o,R,RR,0.8,0.6,1.1,doc\n",
                                &st, &err),
                     0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    srw_merge_stats ms;
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_filled, 3);
    assert_string_equal(ms.filled[0], "use 'v': decision settings primary_outcome=o; mid=0.8 RR; source=protocol");
    assert_string_equal(ms.filled[1], "use 'w': decision settings primary_outcome=o"); /* no MID: none said */
    assert_string_equal(ms.filled[2], "outcome 'o' of 'v': published result (RR, R) estimate 0.8 [0.6, 1.1]; source doc");
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM uses WHERE name = 'v' AND source = 'protocol'"),
                     1);
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit WHERE action = 'merge' AND use = 'v'"
                                                  " AND field IN ('decision settings', 'published result (RR, R)')"),
                     2);
    long long rows = srw_test_query_int(f->s->db, "SELECT count(*) FROM audit");
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_records + ms.n_filled, 0);
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM audit"), rows);
    /* The other file with a write left in its WAL (as a process that
     * ended without closing it leaves one): merged, and the file itself
     * not written (it was attached, and checkpointed into when the merge
     * ended). */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(other_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA wal_autocheckpoint = 0; UPDATE uses SET notes = 'later' WHERE name = 'v'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK); /* the update stays in the WAL */
    long n = 0, n2 = 0;
    char *before = srw_test_read_file(other_path, &n);
    assert_non_null(before);
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    srw_merge_stats_dispose(&ms);
    char *after = srw_test_read_file(other_path, &n2);
    assert_non_null(after);
    assert_int_equal(n2, n);
    assert_memory_equal(after, before, (size_t)n);
    free(before);
    free(after);
}

/* A published result and a use's settings both files hold with other
 * values than estimate and interval (certainty, participants, source, a
 * MID here and none there) are listed as kept; only the estimate and a few
 * use settings were compared. */
static void test_entry__merge_lists_every_difference_it_keeps(void **state)
{
    fixture *f = *state;
    char other_path[200];
    snprintf(other_path, sizeof other_path, "%s/other.db", f->dir);
    srw_error err;
    srw_import_stats st;
    const char *pub = "use,outcome,review,measure,estimate,ci_lower,ci_upper,source,certainty,participants,trials\n";
    char a[300], b[300];
    snprintf(a, sizeof a, "%su,o,R,MD,0.15,0.1,0.2,srcA,high,500,5\n", pub);
    snprintf(b, sizeof b, "%su,o,R,MD,0.15,0.1,0.2,srcB,very low,50,5\n", pub);
    assert_int_equal(import_csv(f->s, "use,primary_outcome,source\nu,o,usesrcA\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_csv(f->s, a, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store *o = NULL;
    assert_int_equal(srw_store_open(&o, other_path, 1, &err), 0);
    assert_int_equal(import_csv(o, "use,primary_outcome,source,mid,mid_measure\nu,o,usesrcB,0.5,MD\n", &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_csv(o, b, &st, &err), 0);
    srw_import_stats_dispose(&st);
    srw_store_close(o);
    srw_merge_stats ms;
    assert_int_equal(srw_store_merge(f->s, other_path, "tester", &ms, &err), 0);
    assert_int_equal(ms.n_kept, 3);
    assert_string_equal(ms.kept[0], "use 'u': source usesrcA here, usesrcB in the other file");
    assert_string_equal(ms.kept[1], "use 'u': mid (none) here, 0.5 in the other file");
    assert_string_equal(ms.kept[2], "published result u / o / R (MD): participants, certainty, source differ here and"
                                    " in the other file (kept as here)");
    srw_merge_stats_dispose(&ms);
    assert_int_equal(srw_test_query_int(f->s->db, "SELECT count(*) FROM published WHERE certainty = 'high'"), 1);
}

/* --- migration from schema version 1 ------------------------------------------ */
/* A version 1 database as srw 0.1 wrote it (src/store/store.c migration 0). */
static const char *const v1_schema =
    "CREATE TABLE uses (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, primary_outcome "
    "TEXT,"
    " mid REAL, mid_measure TEXT, mid_source TEXT, notes TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT "
    "NULL);"
    "CREATE TABLE outcomes (id INTEGER PRIMARY KEY, use_id INTEGER NOT NULL REFERENCES uses(id), name TEXT "
    "NOT NULL,"
    " type TEXT NOT NULL CHECK (type IN ('dichotomous','continuous','generic')),"
    " direction TEXT CHECK (direction IN ('lower_is_better','higher_is_better')), unit TEXT, mid REAL,"
    " mid_source TEXT, measure TEXT,"
    " indirectness INTEGER NOT NULL DEFAULT 0 CHECK (indirectness BETWEEN 0 AND 2), indirectness_reason TEXT,"
    " entered_by TEXT NOT NULL, entered_at TEXT NOT NULL, UNIQUE (use_id, name));"
    "CREATE TABLE studies (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, year INTEGER, source TEXT,"
    " entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE TABLE records (id INTEGER PRIMARY KEY, outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    " study_id INTEGER NOT NULL REFERENCES studies(id), comparison TEXT, intervention TEXT, comparator TEXT,"
    " subgroup TEXT, exp_events INTEGER, exp_total INTEGER, ctl_events INTEGER, ctl_total INTEGER, exp_mean "
    "REAL,"
    " exp_sd REAL, ctl_mean REAL, ctl_sd REAL, estimate REAL, se REAL, source TEXT, notes TEXT,"
    " entered_by TEXT NOT NULL, entered_at TEXT NOT NULL, UNIQUE (outcome_id, study_id));"
    "CREATE TABLE rob (study_id INTEGER NOT NULL REFERENCES studies(id), domain TEXT NOT NULL,"
    " judgement TEXT NOT NULL CHECK (judgement IN ('low','high','unclear')), support TEXT, source TEXT,"
    " entered_by TEXT NOT NULL, entered_at TEXT NOT NULL, PRIMARY KEY (study_id, domain));"
    "CREATE TABLE published (id INTEGER PRIMARY KEY, use_id INTEGER NOT NULL REFERENCES uses(id),"
    " outcome TEXT NOT NULL, review TEXT NOT NULL, version TEXT, search_date TEXT, measure TEXT NOT NULL,"
    " model TEXT, method TEXT, estimate REAL NOT NULL, ci_lower REAL NOT NULL, ci_upper REAL NOT NULL,"
    " decimals INTEGER, trials INTEGER, participants INTEGER, certainty TEXT, direction TEXT,"
    " source TEXT NOT NULL, notes TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    " UNIQUE (use_id, outcome, review, measure));"
    "CREATE TABLE grade_overrides (outcome_id INTEGER NOT NULL REFERENCES outcomes(id), domain TEXT NOT NULL,"
    " downgrade INTEGER NOT NULL CHECK (downgrade BETWEEN 0 AND 2), reason TEXT NOT NULL,"
    " entered_by TEXT NOT NULL, entered_at TEXT NOT NULL, PRIMARY KEY (outcome_id, domain));"
    "INSERT INTO uses VALUES (1, 'low back pain', NULL, NULL, NULL, NULL, NULL, NULL, 'olga', "
    "'2026-01-02T03:04:05Z');"
    "INSERT INTO outcomes VALUES (1, 1, 'Relief >50%, 3 weeks', 'dichotomous', 'higher_is_better', NULL, "
    "NULL,"
    " NULL, NULL, 0, NULL, 'olga', '2026-01-02T03:04:05Z');"
    "INSERT INTO studies VALUES (1, 'Foster 2001', 2001, 'Neurology 2001', 'olga', '2026-01-02T03:04:05Z');"
    "INSERT INTO records (outcome_id, study_id, exp_events, exp_total, ctl_events, ctl_total, source, "
    "entered_by,"
    " entered_at) VALUES (1, 1, 11, 15, 4, 16, 'Neurology 2001', 'olga', '2026-01-02T03:04:05Z');"
    "INSERT INTO rob VALUES (1, 'rob_sequence', 'low', NULL, 'p. 1291', 'olga', '2026-01-02T03:04:05Z');"
    "PRAGMA user_version = 1;";

static void test_entry__a_version_1_database_migrates_without_losing_records(void **state)
{
    fixture *f = *state;
    char path[200];
    snprintf(path, sizeof path, "%s/v1.db", f->dir);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, v1_schema, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, path, 0, &err), 0);
    assert_int_equal(srw_store_schema_version(s), SRW_SCHEMA_VERSION);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(s, U, O, &d, &err), 0);
    assert_int_equal(d.set.k, 1);
    assert_true(d.rows[0].exp_events == 11 && d.rows[0].ctl_total == 16);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    srw_outcome_data_dispose(&d);
    /* The record is its importer's extraction, and the trail says so. */
    srw_record r;
    assert_int_equal(srw_store_get_record(s, U, O, "Foster 2001", "olga", &r, &err), 1);
    assert_int_equal(r.rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    srw_record_dispose(&r);
    srw_table t;
    assert_int_equal(srw_store_history(s, "Foster 2001", &t, &err), 0);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(srw_table_cell(&t, 0, 1)->text, "olga");
    assert_non_null(strstr(srw_table_cell(&t, 0, 9)->text, "exp_events=11"));
    srw_table_dispose(&t);
    srw_store_close(s);
}

/* The definition srw_number_text implements: whole numbers below 10^15
 * as %.0f, anything else as the %.Pg with the smallest P that strtod reads
 * back to the same double.  The reference tries every P (no shortcut). */
static void shortest_by_definition(double v, char *buf, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, n, "%.0f", v);
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

static void test_entry__numbers_in_the_trail_are_the_shortest_form_that_reads_back(void **state)
{
    (void)state;
    char got[40], want[40];
    /* Written out: what a reviewer typed stays as typed. */
    const struct {
        double v;
        const char *text;
    } fixed[] = {{8.8, "8.8"},   {10, "10"},           {-12.5, "-12.5"},  {0.05, "0.05"},
                 {2.675, "2.675"}, {1e-4, "0.0001"},   {1e-5, "1e-05"},   {0.1 + 0.2, "0.30000000000000004"},
                 {-0.0, "-0"},   {123456789.125, "123456789.125"}, {1e15, "1e+15"}};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        srw_number_text(fixed[i].v, got, sizeof got);
        assert_string_equal(got, fixed[i].text);
    }
    /* Decimals as a CSV holds them (1 to 15 significant digits, up to 9
     * places), halves, and arbitrary doubles, against the definition. */
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 50000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        if (i % 3 == 0)
            v = (double)(x % 1000000000000000ULL) / pow(10, (double)((x >> 60) % 10));
        else if (i % 3 == 1)
            v = ldexp((double)(x >> 11), -(int)(x % 70)) * (x & 1 ? -1 : 1);
        else
            v = (double)(long long)(x % 20000000) / 1000.0 - 10000.0;
        srw_number_text(v, got, sizeof got);
        shortest_by_definition(v, want, sizeof want);
        if (strcmp(got, want) != 0)
            fail_msg("%.17g: wrote %s, the shortest round trip is %s", v, got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entry__kappa_matches_the_worked_example),
        cmocka_unit_test(test_entry__fields_are_parsed_and_checked_by_the_import_rules),
        cmocka_unit_test(test_entry__numbers_in_the_trail_are_the_shortest_form_that_reads_back),
        cmocka_unit_test_setup_teardown(test_entry__two_reviewers_await_reconciliation_until_adjudicated,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__rob_judgements_are_per_reviewer_with_kappa, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_entry__edits_and_removals_keep_earlier_values_in_the_trail,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__export_then_import_gives_the_same_records, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_fills_lists_and_refuses_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_refuses_one_trial_under_two_labels_and_itself, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_leaves_an_older_other_file_as_it_was, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_lists_every_difference_it_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_lists_what_it_copies_and_a_second_merge_writes_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__merge_brings_the_other_reviewer_in_without_overwriting,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry__an_import_is_one_trail_entry_and_keeps_imported_values, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_entry__a_version_1_database_migrates_without_losing_records,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("entry", tests, NULL, NULL);
}
