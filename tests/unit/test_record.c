/* The trial-record columns (src/core/record_columns.c): the one table the
 * reader, the exporter, the trail, `srw add` and doc/csv-format.md follow,
 * and what is built on it (a deep copy, a record's description, a set
 * pushed into a sink). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "srw/record.h"

/* The table of doc/csv-format.md's "Trial records" section: one row per
 * column, "| `name` | required | meaning |". */
typedef struct doc_row {
    char name[64];
    char required[160];
} doc_row;

static size_t documented_section(doc_row *rows, size_t max, const char *section)
{
    FILE *f = fopen("doc/csv-format.md", "r");
    if (f == NULL)
        fail_msg("doc/csv-format.md cannot be read (run the tests from the repository's root)");
    char line[2048];
    size_t n = 0;
    int in_section = 0, in_table = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "## ", 3) == 0) {
            in_section = strcmp(line, section) == 0;
            continue;
        }
        if (!in_section)
            continue;
        if (strncmp(line, "| `", 3) != 0) {
            if (in_table)
                break; /* the table ended */
            continue;
        }
        in_table = 1;
        char *name = line + 3, *tick = strchr(name, '`');
        char *cell = tick ? strstr(tick, "| ") : NULL;
        char *end = cell ? strstr(cell + 2, " |") : NULL;
        if (tick == NULL || cell == NULL || end == NULL || n == max)
            fail_msg("doc/csv-format.md: a malformed row: %s", line);
        *tick = '\0';
        *end = '\0';
        if (strlen(name) >= sizeof rows[n].name || strlen(cell + 2) >= sizeof rows[n].required)
            fail_msg("doc/csv-format.md: a cell too long for the test: %s", name);
        memcpy(rows[n].name, name, strlen(name) + 1);
        memcpy(rows[n].required, cell + 2, strlen(cell + 2) + 1);
        n++;
    }
    fclose(f);
    return n;
}

static size_t documented_columns(doc_row *rows, size_t max)
{
    return documented_section(rows, max, "## Trial records\n");
}

/* Which types a documented "required" cell says need the column: the
 * type names before any ';' ("dichotomous, continuous; optional for
 * generic"), none for "yes" or "no ...". */
static unsigned documented_needs(const char *cell)
{
    if (strncmp(cell, "yes", 3) == 0 || strncmp(cell, "no", 2) == 0)
        return 0;
    char head[160];
    snprintf(head, sizeof head, "%s", cell);
    char *semi = strchr(head, ';');
    if (semi)
        *semi = '\0';
    unsigned bits = 0;
    const srw_outcome_type types[] = {SRW_TYPE_DICHOTOMOUS, SRW_TYPE_CONTINUOUS, SRW_TYPE_GENERIC};
    for (int i = 0; i < 3; i++)
        if (strstr(head, srw_outcome_type_name(types[i])) != NULL)
            bits |= SRW_TYPE_BIT(types[i]);
    return bits;
}

static void test_record__the_documented_columns_are_the_table(void **state)
{
    (void)state;
    doc_row rows[100];
    size_t n_doc = documented_columns(rows, 100), n;
    const srw_column *cols = srw_record_columns(&n);
    assert_true(n_doc > 0);
    size_t n_patterns = 0;
    for (size_t i = 0; i < n_doc; i++) {
        /* The moderator columns are a pattern, not rows of the table: the
         * documented pattern is the rule srw_record_moderator_column reads. */
        if (strcmp(rows[i].name, "mod_<name>") == 0) {
            assert_true(srw_record_moderator_column("mod_dose"));
            assert_true(srw_record_moderator_column("mod_Latitude_2"));
            assert_false(srw_record_moderator_column("mod_"));
            assert_false(srw_record_moderator_column("mod_dose mg"));
            assert_false(srw_record_moderator_column("dose"));
            assert_null(srw_record_column("mod_dose"));
            n_patterns++;
            continue;
        }
        const srw_column *c = srw_record_column(rows[i].name);
        if (c == NULL)
            fail_msg("doc/csv-format.md documents '%s', which srw does not read", rows[i].name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(rows[i].name, rows[j].name) == 0)
                fail_msg("doc/csv-format.md documents '%s' twice", rows[i].name);
        if ((strncmp(rows[i].required, "yes", 3) == 0) != c->required)
            fail_msg("'%s': documented as required '%s', the table says %s", rows[i].name, rows[i].required,
                     c->required ? "required" : "not required");
        if (documented_needs(rows[i].required) != c->needs)
            fail_msg("'%s': documented as needed by '%s', the table differs", rows[i].name, rows[i].required);
    }
    for (size_t c = 0; c < n; c++) {
        size_t i = 0;
        while (i < n_doc && strcmp(rows[i].name, cols[c].name) != 0)
            i++;
        if (i == n_doc)
            fail_msg("srw reads '%s', which doc/csv-format.md does not document", cols[c].name);
    }
    assert_int_equal(n_patterns, 1);
    assert_int_equal(n_doc, n + n_patterns);
}

/* The outcome settings columns (srw_outcome_settings_columns) are the
 * table of doc/csv-format.md's "Outcome settings" section, in its order,
 * with the same required ones. */
static void test_record__the_documented_outcome_settings_are_the_table(void **state)
{
    (void)state;
    doc_row rows[60];
    size_t n_doc = documented_section(rows, 60, "## Outcome settings (optional, e.g. `studies/outcomes.csv`)\n"), n;
    const srw_column *cols = srw_outcome_settings_columns(&n);
    assert_int_equal(n_doc, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rows[i].name, cols[i].name);
        if ((strncmp(rows[i].required, "yes", 3) == 0) != cols[i].required)
            fail_msg("'%s': documented as required '%s', the table says %s", rows[i].name, rows[i].required,
                     cols[i].required ? "required" : "not required");
    }
}

/* The claims columns (srw_claim_columns) are the table of
 * doc/csv-format.md's "Claims" section, in its order, with the same
 * required ones. */
static void test_record__the_documented_claims_are_the_table(void **state)
{
    (void)state;
    doc_row rows[20];
    size_t n_doc = documented_section(rows, 20, "## Claims (e.g. `studies/claims.csv`)\n"), n;
    const srw_column *cols = srw_claim_columns(&n);
    assert_int_equal(n_doc, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rows[i].name, cols[i].name);
        if ((strncmp(rows[i].required, "yes", 3) == 0) != cols[i].required)
            fail_msg("'%s': documented as required '%s', the table says %s", rows[i].name, rows[i].required,
                     cols[i].required ? "required" : "not required");
    }
}

/* Every text column is a string of its own in the copy. */
static void test_record__a_copy_owns_every_string(void **state)
{
    (void)state;
    srw_record r, c;
    srw_record_init(&r, 7);
    r.study = strdup("Foster 2001");
    r.use = strdup("low back pain");
    r.outcome = strdup("Relief");
    r.rob_support[SRW_ROB_OTHER] = strdup("page 3");
    r.measured_as = strdup("change");
    r.exp_events = 11;
    assert_int_equal(srw_record_copy(&c, &r), 0);
    assert_ptr_not_equal(c.study, r.study);
    assert_ptr_not_equal(c.rob_support[SRW_ROB_OTHER], r.rob_support[SRW_ROB_OTHER]);
    assert_string_equal(c.rob_support[SRW_ROB_OTHER], "page 3");
    assert_string_equal(c.measured_as, "change");
    assert_null(c.notes);
    assert_rel(c.exp_events, 11, 0);
    assert_int_equal(c.line, 7);
    srw_record_dispose(&r);
    assert_string_equal(c.study, "Foster 2001"); /* still there */
    srw_record_dispose(&c);
}

/* The trail's description: the type, then numbers, then texts, each in
 * the table's order, only those the record has. */
static void test_record__a_description_lists_numbers_before_texts(void **state)
{
    (void)state;
    srw_record r;
    srw_record_init(&r, 0);
    r.type = SRW_TYPE_DICHOTOMOUS;
    r.exp_events = 11;
    r.exp_total = 15;
    r.ctl_events = 4;
    r.ctl_total = 16;
    r.comparison = (char *)"BoNT-A vs saline";
    r.notes = (char *)"Table 2";
    r.year = 2001; /* the study's, not the record's own */
    char buf[300];
    srw_record_describe(&r, buf, sizeof buf);
    assert_string_equal(buf, "type=dichotomous; exp_events=11; exp_total=15; ctl_events=4; ctl_total=16;"
                             " comparison=BoNT-A vs saline; notes=Table 2");
    char small[20];
    srw_record_describe(&r, small, sizeof small);
    assert_string_equal(small, "type=dichotomous; e"); /* cut, still a string */
}

typedef struct collected {
    size_t n_uses, n_records;
    char order[16];
} collected;

static int got_use(void *ctx, const char *path, const srw_use_settings *u)
{
    collected *c = ctx;
    assert_string_equal(path, "f.csv");
    assert_string_equal(u->use, "neck pain");
    c->order[strlen(c->order)] = 'u';
    c->n_uses++;
    return 0;
}

static int got_record(void *ctx, const char *path, srw_record *r, int checked)
{
    collected *c = ctx;
    assert_string_equal(path, "f.csv");
    assert_false(checked); /* a set's records were not checked by a trial reader */
    c->order[strlen(c->order)] = 'r';
    c->n_records++;
    int refuse = strcmp(r->study, "B") == 0;
    srw_record_dispose(r); /* the sink takes it */
    return refuse ? SRW_EDATA : 0;
}

static void test_record__a_set_pushes_its_items_in_order_and_stops_at_a_refusal(void **state)
{
    (void)state;
    srw_record recs[3];
    const char *names[] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
        srw_record_init(&recs[i], i + 2);
        recs[i].study = (char *)names[i];
    }
    srw_use_settings u;
    srw_use_settings_init(&u, 2);
    u.use = (char *)"neck pain";
    srw_record_set set;
    memset(&set, 0, sizeof set);
    set.path = (char *)"f.csv";
    set.records = recs;
    set.n_records = 3;
    set.uses = &u;
    set.n_uses = 1;
    collected c;
    memset(&c, 0, sizeof c);
    srw_sink sink = {&c, got_use, got_record, NULL, NULL, NULL, NULL};
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_record_set_push(&set, SRW_PUSH_USES, &sink, &err), 0);
    assert_int_equal(srw_record_set_push(&set, SRW_PUSH_RECORDS, &sink, &err), SRW_EDATA);
    assert_string_equal(c.order, "urr"); /* stopped at B */
    assert_string_equal(recs[0].study, "A"); /* the set's own records stay */
    assert_int_equal(srw_record_set_push(&set, SRW_PUSH_PUBLISHED, &sink, &err), 0); /* none */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record__the_documented_columns_are_the_table),
        cmocka_unit_test(test_record__the_documented_outcome_settings_are_the_table),
        cmocka_unit_test(test_record__the_documented_claims_are_the_table),
        cmocka_unit_test(test_record__a_copy_owns_every_string),
        cmocka_unit_test(test_record__a_description_lists_numbers_before_texts),
        cmocka_unit_test(test_record__a_set_pushes_its_items_in_order_and_stops_at_a_refusal),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
