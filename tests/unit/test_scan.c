/* Reading outcomes (src/store/scan.c): the loader reads an outcome's
 * records from the table when every result has one extraction, and from
 * the analysed_records and awaiting_records views otherwise; these tests
 * hold both to the views' own rows (read here with SQL of their own), and
 * the one-pass scan of a whole review to srw_store_load_outcome, field by
 * field, on the shipped studies.  Runs from the repository root. */
#include "store_fixture.h"

#include "srw/entry.h"

static const char *const shipped[] = {
    "studies/botox-neck-pain.csv", "studies/botox-low-back-pain.csv", "studies/botox-cervical-dystonia.csv",
    "studies/botulinum-toxin-b-cervical-dystonia.csv", "studies/published.csv", "studies/uses.csv",
    "studies/grade.csv", "studies/claims.csv",
};

static void import_files(srw_store *s, const char *const *files, size_t n)
{
    srw_record_set sets[16];
    srw_error err;
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        if (srw_csv_read_review(&sets[i], files[i], &err) != 0)
            fail_msg("%s: %s", files[i], err.message);
    srw_import_stats st;
    int rc = srw_import_sets(s, sets, n, "test", "import", NULL, &st, &err);
    srw_import_stats_dispose(&st);
    for (size_t i = 0; i < n; i++)
        srw_record_set_dispose(&sets[i]);
    if (rc != 0)
        fail_msg("import: %s", err.message);
}

static void same_text(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
        fail_msg("%s: '%s' against '%s'", what, a ? a : "(null)", b ? b : "(null)");
}

static void same_number(double a, double b, const char *what)
{
    if (!(a == b || (isnan(a) && isnan(b))))
        fail_msg("%s: %.17g against %.17g", what, a, b);
}

/* Every field srw_store_load_outcome fills, equal in a and b. */
static void same_outcome(const srw_outcome_data *a, const srw_outcome_data *b)
{
    same_text(a->use, b->use, "use");
    same_text(a->outcome, b->outcome, "outcome");
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->direction, b->direction);
    same_text(a->unit, b->unit, "unit");
    same_number(a->mid, b->mid, "mid");
    same_text(a->mid_source, b->mid_source, "mid_source");
    same_text(a->measure, b->measure, "measure");
    assert_int_equal(a->indirectness, b->indirectness);
    same_text(a->indirectness_reason, b->indirectness_reason, "indirectness_reason");
    same_text(a->comparison, b->comparison, "comparison");
    same_text(a->intervention, b->intervention, "intervention");
    same_text(a->comparator, b->comparator, "comparator");
    assert_int_equal(a->set.type, b->set.type);
    assert_int_equal(a->set.k, b->set.k);
    assert_ptr_equal(a->set.rows, a->rows);
    for (size_t i = 0; i < a->set.k; i++) {
        const srw_study_row *x = &a->rows[i], *y = &b->rows[i];
        same_text(x->study, y->study, "study");
        same_text(x->subgroup, y->subgroup, "subgroup");
        const double xs[] = {x->exp_events, x->exp_total, x->ctl_events, x->ctl_total, x->exp_mean,
                             x->exp_sd,     x->ctl_mean,  x->ctl_sd,     x->estimate,  x->se};
        const double ys[] = {y->exp_events, y->exp_total, y->ctl_events, y->ctl_total, y->exp_mean,
                             y->exp_sd,     y->ctl_mean,  y->ctl_sd,     y->estimate,  y->se};
        for (int c = 0; c < 10; c++)
            same_number(xs[c], ys[c], x->study);
        assert_int_equal(a->info[i].year, b->info[i].year);
        same_text(a->info[i].source, b->info[i].source, "source");
        same_text(a->info[i].notes, b->info[i].notes, "notes");
        assert_memory_equal(a->info[i].rob, b->info[i].rob, sizeof a->info[i].rob);
        assert_memory_equal(a->info[i].rob2, b->info[i].rob2, sizeof a->info[i].rob2);
        same_text(a->info[i].arm, b->info[i].arm, "arm");
    }
    assert_int_equal(a->n_moderators, b->n_moderators);
    for (size_t m = 0; m < a->n_moderators; m++) {
        same_text(a->moderators[m], b->moderators[m], "moderator");
        for (size_t i = 0; i < a->set.k; i++)
            same_text(a->moderator_values[i * a->n_moderators + m], b->moderator_values[i * b->n_moderators + m],
                      "moderator value");
    }
    assert_int_equal(a->n_awaiting, b->n_awaiting);
    assert_int_equal(a->n_overrides, b->n_overrides);
    for (size_t i = 0; i < a->n_overrides; i++) {
        same_text(a->overrides[i].domain, b->overrides[i].domain, "override domain");
        assert_int_equal(a->overrides[i].downgrade, b->overrides[i].downgrade);
        same_text(a->overrides[i].reason, b->overrides[i].reason, "override reason");
    }
    assert_int_equal(a->stored.present, b->stored.present);
    assert_int_equal(a->stored.model, b->stored.model);
    assert_int_equal(a->stored.method, b->stored.method);
    assert_int_equal(a->stored.totals, b->stored.totals);
    same_text(a->stored.source, b->stored.source, "stored source");
}

/* The scan against srw_store_load_outcome and the name lists: the same
 * uses and outcomes in the same order, each loaded alike.  Returns the
 * outcomes seen. */
static size_t scan_matches_load(srw_store *s, const char *only)
{
    srw_error err;
    srw_store_scan *sc;
    assert_int_equal(srw_store_scan_open(&sc, s, only, &err), 0);
    srw_name_list uses = {0};
    assert_int_equal(srw_store_use_names(s, &uses, &err), 0);
    size_t u = 0, seen = 0;
    srw_use_info ui;
    srw_published_list pubs;
    int rc;
    while ((rc = srw_store_scan_use(sc, &ui, &pubs, &err)) == 1) {
        while (only != NULL && u < uses.n && strcmp(uses.names[u], only) != 0)
            u++;
        assert_true(u < uses.n);
        same_text(ui.name, uses.names[u], "use");
        srw_use_info want_ui;
        srw_published_list want_pubs;
        assert_int_equal(srw_store_load_use(s, uses.names[u], &want_ui, &err), 0);
        assert_int_equal(srw_store_load_published(s, uses.names[u], NULL, &want_pubs, &err), 0);
        same_text(ui.primary_outcome, want_ui.primary_outcome, "primary outcome");
        assert_int_equal(ui.n_comparisons, want_ui.n_comparisons);
        assert_int_equal(ui.n_outcome_settings, want_ui.n_outcome_settings);
        assert_int_equal(pubs.n, want_pubs.n);
        for (size_t i = 0; i < pubs.n; i++)
            same_number(pubs.items[i].estimate, want_pubs.items[i].estimate, "published estimate");
        srw_use_info_dispose(&want_ui);
        srw_published_list_dispose(&want_pubs);
        srw_name_list outs = {0};
        assert_int_equal(srw_store_outcome_names(s, uses.names[u], &outs, &err), 0);
        size_t o = 0;
        srw_outcome_data d;
        while ((rc = srw_store_scan_outcome(sc, &d, &err)) == 1) {
            assert_true(o < outs.n);
            srw_outcome_data want;
            assert_int_equal(srw_store_load_outcome(s, uses.names[u], outs.names[o], &want, &err), 0);
            same_outcome(&d, &want);
            srw_outcome_data_dispose(&want);
            srw_outcome_data_dispose(&d);
            o++;
            seen++;
        }
        assert_int_equal(rc, 0);
        assert_int_equal(o, outs.n);
        srw_name_list_dispose(&outs);
        srw_use_info_dispose(&ui);
        srw_published_list_dispose(&pubs);
        u++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(u, only ? u : uses.n);
    srw_name_list_dispose(&uses);
    srw_store_scan_free(sc);
    return seen;
}

static void test_scan__the_shipped_review_reads_as_outcome_by_outcome(void **state)
{
    fixture *f = *state;
    import_files(f->s, shipped, sizeof shipped / sizeof shipped[0]);
    size_t all = scan_matches_load(f->s, NULL);
    assert_true(all >= 25);
    assert_int_equal(all, (size_t)query_int(f->s, "SELECT count(*) FROM outcomes"));
    assert_int_equal(scan_matches_load(f->s, "low back pain"),
                     (size_t)query_int(f->s, "SELECT count(*) FROM outcomes o JOIN uses u ON u.id = o.use_id"
                                             " WHERE u.name = 'low back pain'"));
    /* An unknown use fails, naming the one it may mean. */
    srw_store_scan *sc;
    srw_error err;
    assert_int_equal(srw_store_scan_open(&sc, f->s, "knee pain", &err), SRW_ENOTFOUND);
    assert_null(sc);
    assert_non_null(strstr(err.message, "no use 'knee pain'"));
    assert_non_null(strstr(err.message, "'neck pain'"));
}

/* Each row's ten numbers are the record's own, read here with SQL of
 * their own (the loader reads only its outcome type's numbers: the rest
 * must be NULL, NaN, in every record); a scan that skips the records'
 * texts leaves source and notes NULL and reads the rest alike. */
static void test_scan__numbers_are_the_records_and_texts_may_be_skipped(void **state)
{
    fixture *f = *state;
    import_files(f->s, shipped, sizeof shipped / sizeof shipped[0]);
    static const char *const cols[] = {"exp_events", "exp_total", "ctl_events", "ctl_total", "exp_mean",
                                       "exp_sd",     "ctl_mean",  "ctl_sd",     "estimate",  "se"};
    char sql[600] = "SELECT";
    for (int c = 0; c < 10; c++)
        snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "%s r.%s", c ? "," : "", cols[c]);
    snprintf(sql + strlen(sql), sizeof sql - strlen(sql),
             ", r.source FROM analysed_records r JOIN studies s ON s.id = r.study_id JOIN outcomes o ON o.id ="
             " r.outcome_id JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2 AND s.label = ?3"
             " AND r.arm = coalesce(?4, '')");
    sqlite3_stmt *rec;
    assert_int_equal(sqlite3_prepare_v2(f->s->db, sql, -1, &rec, NULL), SQLITE_OK);
    srw_error err;
    srw_store_scan *sc;
    assert_int_equal(srw_store_scan_open(&sc, f->s, NULL, &err), 0);
    srw_store_scan_skip_texts(sc);
    int rc, types = 0;
    size_t rows = 0;
    while ((rc = srw_store_scan_use(sc, NULL, NULL, &err)) == 1) {
        srw_outcome_data d;
        while ((rc = srw_store_scan_outcome(sc, &d, &err)) == 1) {
            types |= 1 << d.type;
            srw_outcome_data want;
            assert_int_equal(srw_store_load_outcome(f->s, d.use, d.outcome, &want, &err), 0);
            assert_int_equal(d.set.k, want.set.k);
            for (size_t i = 0; i < d.set.k; i++) {
                const srw_study_row *x = &d.rows[i];
                sqlite3_reset(rec);
                sqlite3_bind_text(rec, 1, d.use, -1, SQLITE_STATIC);
                sqlite3_bind_text(rec, 2, d.outcome, -1, SQLITE_STATIC);
                sqlite3_bind_text(rec, 3, x->study, -1, SQLITE_STATIC);
                sqlite3_bind_text(rec, 4, d.info[i].arm, -1, SQLITE_STATIC);
                assert_int_equal(sqlite3_step(rec), SQLITE_ROW);
                const double got[] = {x->exp_events, x->exp_total, x->ctl_events, x->ctl_total, x->exp_mean,
                                      x->exp_sd,     x->ctl_mean,  x->ctl_sd,     x->estimate,  x->se};
                for (int c = 0; c < 10; c++)
                    same_number(got[c], sqlite3_column_type(rec, c) == SQLITE_NULL ? NAN
                                                                                   : sqlite3_column_double(rec, c),
                                cols[c]);
                assert_non_null(sqlite3_column_text(rec, 10)); /* every shipped record names its source */
                assert_null(d.info[i].source);
                assert_null(d.info[i].notes);
                same_text(want.info[i].source, (const char *)sqlite3_column_text(rec, 10), "source");
                same_text(x->study, want.rows[i].study, "study");
                assert_int_equal(d.info[i].year, want.info[i].year);
                rows++;
            }
            srw_outcome_data_dispose(&want);
            srw_outcome_data_dispose(&d);
        }
        if (rc < 0)
            break;
    }
    assert_int_equal(rc, 0);
    srw_store_scan_free(sc);
    sqlite3_finalize(rec);
    assert_true(rows >= 40);
    /* dichotomous, continuous and generic outcomes all met */
    assert_int_equal(types & 0xE, (1 << SRW_TYPE_DICHOTOMOUS) | (1 << SRW_TYPE_CONTINUOUS) | (1 << SRW_TYPE_GENERIC));
}

/* A study's several arms against one control (Linde 2015's trials) and
 * moderators (BCG's latitude and allocation) read alike both ways: arms in
 * order within a study, each row's moderator values. */
static void test_scan__arms_and_moderators_read_as_outcome_by_outcome(void **state)
{
    fixture *f = *state;
    static const char *const files[] = {"tests/data/import/multiarm.csv", "doc/example/bcg.csv"};
    import_files(f->s, files, 2);
    assert_int_equal(scan_matches_load(f->s, NULL), 2);
    srw_error err;
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, "depression in primary care", "Response, end of treatment", &d, &err), 0);
    assert_int_equal(d.set.k, 9);
    same_text(d.rows[2].study, "Doogan 1994", "study");
    same_text(d.info[2].arm, "SSRI", "arm");
    same_text(d.info[3].arm, "TCA", "arm");
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, "tuberculosis prevention", "Tuberculosis, during follow-up", &d, &err), 0);
    assert_true(d.n_moderators >= 1);
    srw_outcome_data_dispose(&d);
}

/* Shares of a scan (srw analyse --all on several threads): for 1 to 4
 * parts and runs of 1, 2 and 5 outcomes, every outcome comes in exactly
 * one part, at its number in the whole scan, the one its run falls to, with
 * the records the whole scan reads for it; after the scan every part
 * counts all the outcomes. */
static void test_scan__shares_deal_the_outcomes_in_runs(void **state)
{
    fixture *f = *state;
    import_files(f->s, shipped, sizeof shipped / sizeof shipped[0]);
    size_t n = (size_t)query_int(f->s, "SELECT count(*) FROM outcomes");
    srw_outcome_data *whole = calloc(n + 1, sizeof *whole); /* the last call clears one more */
    assert_non_null(whole);
    srw_error err;
    srw_store_scan *sc;
    int rc;
    size_t got = 0;
    assert_int_equal(srw_store_scan_open(&sc, f->s, NULL, &err), 0);
    while ((rc = srw_store_scan_use(sc, NULL, NULL, &err)) == 1)
        while ((rc = srw_store_scan_outcome(sc, &whole[got], &err)) == 1) {
            assert_true(got < n);
            assert_int_equal(srw_store_scan_position(sc), got + 1);
            got++;
        }
    assert_int_equal(rc, 0);
    assert_int_equal(got, n);
    srw_store_scan_free(sc);
    static const size_t chunks[] = {1, 2, 5};
    for (size_t parts = 1; parts <= 4; parts++)
        for (size_t c = 0; c < 3; c++) {
            char *seen = calloc(n, 1);
            assert_non_null(seen);
            for (size_t part = 0; part < parts; part++) {
                assert_int_equal(srw_store_scan_open(&sc, f->s, NULL, &err), 0);
                srw_store_scan_share(sc, part, parts, chunks[c]);
                size_t last = 0;
                while ((rc = srw_store_scan_use(sc, NULL, NULL, &err)) == 1) {
                    srw_outcome_data d;
                    while ((rc = srw_store_scan_outcome(sc, &d, &err)) == 1) {
                        size_t at = srw_store_scan_position(sc) - 1;
                        assert_true(at < n && (last == 0 || at >= last));
                        last = at + 1;
                        assert_int_equal((at / chunks[c]) % parts, part);
                        assert_int_equal(seen[at], 0);
                        seen[at] = 1;
                        same_outcome(&d, &whole[at]);
                        srw_outcome_data_dispose(&d);
                    }
                }
                assert_int_equal(rc, 0);
                assert_int_equal(srw_store_scan_position(sc), n);
                srw_store_scan_free(sc);
            }
            for (size_t i = 0; i < n; i++)
                assert_int_equal(seen[i], 1);
            free(seen);
        }
    for (size_t i = 0; i < n; i++)
        srw_outcome_data_dispose(&whole[i]);
    free(whole);
}

/* Holding writers out (the snapshot several readers share): a second
 * connection cannot hold them meanwhile, and says so at once rather than
 * wait; a reader opened meanwhile still reads; released, they may write. */
static void test_scan__writers_held_out_and_let_in(void **state)
{
    fixture *f = *state;
    import_files(f->s, shipped, sizeof shipped / sizeof shipped[0]);
    srw_store *other;
    srw_error err;
    assert_int_equal(srw_store_open(&other, f->path, 0, &err), 0);
    assert_int_equal(srw_store_hold_writers(f->s), 0);
    assert_int_equal(srw_store_hold_writers(other), -1);
    srw_store_scan *sc;
    assert_int_equal(srw_store_scan_open(&sc, other, NULL, &err), 0);
    srw_store_scan_free(sc);
    srw_store_rollback(f->s);
    assert_int_equal(srw_store_hold_writers(other), 0);
    srw_store_rollback(other);
    /* Not inside a transaction of the caller's own. */
    assert_int_equal(srw_store_begin(f->s, &err), 0);
    assert_int_equal(srw_store_hold_writers(f->s), -1);
    srw_store_rollback(f->s);
    srw_store_close(other);
}

/* Enter one record as reviewer through the same path as `srw add`. */
static void add(srw_store *s, const char *reviewer, const char *outcome, const char *study, const char *events)
{
    const char *fields[] = {"type", "exp_events", "exp_total", "ctl_events", "ctl_total", "year", "subgroup"};
    const char *values[] = {"dichotomous", events, "40", "9", "41", "2011", strchr(study, 'Z') ? "b" : NULL};
    srw_record base, r;
    srw_error err;
    int rc = srw_store_get_record(s, "u", outcome, study, reviewer, &base, &err);
    if (rc >= 0) {
        rc = srw_record_apply_fields(&r, &base, fields, values, values[6] ? 7 : 6, &err);
        srw_record_dispose(&base);
    }
    if (rc >= 0) {
        srw_import_stats st;
        rc = srw_import_put_record(s, &r, reviewer, "add", NULL, &st, &err);
        srw_import_stats_dispose(&st);
        srw_record_dispose(&r);
    }
    if (rc < 0)
        fail_msg("add %s %s: %s", reviewer, study, err.message);
}

/* An outcome as the views hold it, read here with SQL of the test's own:
 * "label:exp_events" of analysed_records in RevMan's order, joined by
 * spaces, and the count of awaiting_records. */
static void from_views(srw_store *s, const char *outcome, char *rows, size_t n, long long *awaiting)
{
    sqlite3_stmt *st;
    rows[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(s->db,
                                        "SELECT s.label, r.exp_events FROM analysed_records r"
                                        " JOIN studies s ON s.id = r.study_id JOIN outcomes o ON o.id = r.outcome_id"
                                        " WHERE o.name = ?1 ORDER BY coalesce(r.subgroup, ''), s.label",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, outcome, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t len = strlen(rows);
        snprintf(rows + len, n - len, "%s%s:%d", len ? " " : "", (const char *)sqlite3_column_text(st, 0),
                 sqlite3_column_int(st, 1));
    }
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(s->db,
                                        "SELECT count(*) FROM awaiting_records a JOIN outcomes o ON o.id = a.outcome_id"
                                        " WHERE o.name = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, outcome, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    *awaiting = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
}

/* Every outcome of use u, loaded and scanned, against the views. */
static void loader_matches_views(srw_store *s, size_t expect_outcomes)
{
    srw_error err;
    srw_name_list outs = {0};
    assert_int_equal(srw_store_outcome_names(s, "u", &outs, &err), 0);
    assert_int_equal(outs.n, expect_outcomes);
    for (size_t i = 0; i < outs.n; i++) {
        char want[400], got[400] = "";
        long long awaiting;
        from_views(s, outs.names[i], want, sizeof want, &awaiting);
        srw_outcome_data d;
        assert_int_equal(srw_store_load_outcome(s, "u", outs.names[i], &d, &err), 0);
        for (size_t r = 0; r < d.set.k; r++) {
            size_t len = strlen(got);
            snprintf(got + len, sizeof got - len, "%s%s:%d", len ? " " : "", d.rows[r].study,
                     (int)d.rows[r].exp_events);
        }
        if (strcmp(got, want) != 0)
            fail_msg("%s: loaded '%s', the view holds '%s'", outs.names[i], got, want);
        assert_int_equal((long long)d.n_awaiting, awaiting);
        srw_outcome_data_dispose(&d);
    }
    srw_name_list_dispose(&outs);
    assert_int_equal(scan_matches_load(s, "u"), expect_outcomes);
}

static void test_scan__records_read_from_the_table_are_those_the_views_analyse(void **state)
{
    fixture *f = *state;
    srw_error err;
    /* "one": every result one extraction (read from the table), in two
     * subgroups; "two": a result with two reviewers' extractions awaiting
     * a third; "adj": one adjudicated beside its two extractions and a
     * later third; "mixed": an adjudicated result and a lone extraction. */
    add(f->s, "alice", "one", "Beta 2011", "11");
    add(f->s, "alice", "one", "Alpha 2011", "12");
    add(f->s, "alice", "one", "Zeta 2011", "13");
    add(f->s, "alice", "two", "Alpha 2011", "14");
    add(f->s, "bob", "two", "Alpha 2011", "15");
    add(f->s, "alice", "two", "Beta 2011", "16");
    add(f->s, "alice", "adj", "Alpha 2011", "17");
    add(f->s, "bob", "adj", "Alpha 2011", "18");
    const char *ef[] = {"exp_events"}, *ev[] = {"19"};
    assert_int_equal(srw_import_adjudicate(f->s, "u", "adj", "Alpha 2011", "alice", ef, ev, 1, "carol", "table 2", &err),
                     0);
    add(f->s, "dave", "adj", "Alpha 2011", "20");
    add(f->s, "alice", "mixed", "Alpha 2011", "21");
    add(f->s, "bob", "mixed", "Alpha 2011", "22");
    assert_int_equal(srw_import_adjudicate(f->s, "u", "mixed", "Alpha 2011", "bob", NULL, NULL, 0, "carol", "ok", &err),
                     0);
    add(f->s, "alice", "mixed", "Beta 2011", "23");
    loader_matches_views(f->s, 4);
    char rows[400];
    long long awaiting;
    from_views(f->s, "one", rows, sizeof rows, &awaiting);
    assert_string_equal(rows, "Alpha 2011:12 Beta 2011:11 Zeta 2011:13"); /* subgroup "b" last */
    from_views(f->s, "two", rows, sizeof rows, &awaiting);
    assert_string_equal(rows, "Beta 2011:16");
    assert_int_equal(awaiting, 1);
    from_views(f->s, "adj", rows, sizeof rows, &awaiting);
    assert_string_equal(rows, "Alpha 2011:19");
    /* Single-reviewer extractions no longer enter: every lone one awaits. */
    assert_int_equal(srw_store_set_single_reviewer(f->s, 0, "carol", &err), 0);
    loader_matches_views(f->s, 4);
    from_views(f->s, "one", rows, sizeof rows, &awaiting);
    assert_string_equal(rows, "");
    assert_int_equal(awaiting, 3);
    from_views(f->s, "mixed", rows, sizeof rows, &awaiting);
    assert_string_equal(rows, "Alpha 2011:22");
    assert_int_equal(awaiting, 1);
}

static void test_scan__side_tables_reach_their_outcomes(void **state)
{
    fixture *f = *state;
    srw_error err;
    srw_import_stats st;
    /* RoB 1 of a study in two outcomes, RoB 2 of one result, a GRADE
     * override and a RevMan analysis's stored settings. */
    const char *csv =
        "study,use,outcome,type,exp_events,exp_total,ctl_events,ctl_total,direction,year,rob_sequence,"
        "rob2_overall,source\n"
        "A 2001,u,o1,dichotomous,3,30,6,31,lower_is_better,2001,high,,s\n"
        "B 2002,u,o1,dichotomous,4,30,7,29,lower_is_better,2002,,,s\n"
        "A 2001,u,o2,dichotomous,5,30,8,31,lower_is_better,2001,high,high,s\n"
        "C 2003,v,o1,dichotomous,5,30,8,31,lower_is_better,2003,low,,s\n";
    assert_int_equal(import_text(f->s, csv, &st, &err), 0);
    srw_import_stats_dispose(&st);
    assert_int_equal(import_text(f->s, "use,outcome,domain,downgrade,reason\nu,o2,imprecision,2,few events\n", &st,
                                 &err),
                     0);
    srw_import_stats_dispose(&st);
    assert_int_equal(sqlite3_exec(f->s->db,
                                  "INSERT INTO analysis_settings (outcome_id, source_format, source, number,"
                                  " data_type, model, method, totals, entered_by, entered_at)"
                                  " SELECT o.id, 'rm5', 'x/review.rm5', '1.2', 'DICH', 'fixed', 'MH', 'SUB', 't', 'now'"
                                  " FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE u.name = 'u' AND o.name = 'o1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(scan_matches_load(f->s, NULL), 3);
    srw_outcome_data d;
    assert_int_equal(srw_store_load_outcome(f->s, "u", "o1", &d, &err), 0);
    assert_int_equal(d.set.k, 2);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_HIGH);
    assert_int_equal(d.info[1].rob[SRW_ROB_SEQUENCE], SRW_ROB_UNSET);
    assert_int_equal(d.stored.present, 1);
    assert_string_equal(d.stored.source, "review.rm5, analysis 1.2");
    assert_int_equal(d.n_overrides, 0);
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, "u", "o2", &d, &err), 0);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_HIGH);
    assert_int_equal(d.info[0].rob2[SRW_ROB2_ITEMS - 1], SRW_ROB2_HIGH);
    assert_int_equal(d.n_overrides, 1);
    assert_string_equal(d.overrides[0].domain, "imprecision");
    assert_int_equal(d.stored.present, 0);
    srw_outcome_data_dispose(&d);
    assert_int_equal(srw_store_load_outcome(f->s, "v", "o1", &d, &err), 0);
    assert_int_equal(d.info[0].rob[SRW_ROB_SEQUENCE], SRW_ROB_LOW);
    assert_int_equal(d.stored.present, 0);
    srw_outcome_data_dispose(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scan__the_shipped_review_reads_as_outcome_by_outcome, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan__records_read_from_the_table_are_those_the_views_analyse, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scan__side_tables_reach_their_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan__arms_and_moderators_read_as_outcome_by_outcome, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan__numbers_are_the_records_and_texts_may_be_skipped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scan__shares_deal_the_outcomes_in_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan__writers_held_out_and_let_in, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
