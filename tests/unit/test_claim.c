/* Claims (srw/claim.h): every class of the judgement (agree, partly
 * agree, disagree, cannot be judged) for verdict and direction claims, the
 * row's rules, and a claims file through import, the store, export and
 * import again. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srw/claim.h"
#include "srw/csv.h"
#include "srw/import.h"
#include "srw/store.h"

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("'%s' does not contain '%s'", (hay), (needle));           \
    } while (0)

static srw_claim claim_of(const char *asserts)
{
    srw_claim c;
    srw_claim_init(&c, 2);
    c.claim = (char *)"Botox works";
    c.use = (char *)"neck pain";
    c.asserts = (char *)asserts;
    c.source = (char *)"an article";
    return c;
}

/* srw's verdict on a basis: where its point and interval lie and how sure. */
static srw_assess_verdict verdict_of(srw_verdict v, int favours, int excludes_null, srw_point_class point,
                                     srw_certainty cert)
{
    srw_assess_verdict a;
    memset(&a, 0, sizeof a);
    a.basis = SRW_BASIS_SRW;
    a.certainty = cert;
    a.verdict.verdict = v;
    a.verdict.favours_intervention = favours;
    a.verdict.ci_excludes_null = excludes_null;
    a.verdict.classified = 1;
    a.verdict.point = point;
    snprintf(a.statement, sizeof a.statement, "Botulinum toxin results in something.");
    return a;
}

static srw_claim_agreement judged(const char *asserts, const srw_assess_verdict *v, srw_claim_judgement *j)
{
    srw_claim c = claim_of(asserts);
    srw_claim_judge(j, &c, v);
    assert_true(strlen(j->reason) > 10);
    return j->agreement;
}

static void test_claim__a_verdict_claim_in_every_class(void **state)
{
    (void)state;
    srw_claim_judgement j;
    srw_assess_verdict sup = verdict_of(SRW_VERDICT_SUPPORTED, 1, 1, SRW_POINT_BENEFIT, SRW_CERTAINTY_HIGH);
    srw_assess_verdict nsup = verdict_of(SRW_VERDICT_NOT_SUPPORTED, 0, 0, SRW_POINT_TRIVIAL, SRW_CERTAINTY_HIGH);
    /* Insufficient, but the whole interval is on the side of benefit (low certainty). */
    srw_assess_verdict low_fav = verdict_of(SRW_VERDICT_INSUFFICIENT, 1, 1, SRW_POINT_BENEFIT, SRW_CERTAINTY_LOW);
    /* Insufficient, the interval includes no effect. */
    srw_assess_verdict spans = verdict_of(SRW_VERDICT_INSUFFICIENT, 1, 0, SRW_POINT_TRIVIAL, SRW_CERTAINTY_MODERATE);

    assert_int_equal(judged("supported", &sup, &j), SRW_CLAIM_AGREE);
    assert_string_equal(j.evidence, "Supported (high certainty): Botulinum toxin results in something.");
    assert_int_equal(judged("not_supported", &nsup, &j), SRW_CLAIM_AGREE);
    assert_int_equal(judged("insufficient_evidence", &spans, &j), SRW_CLAIM_AGREE);

    assert_int_equal(judged("supported", &nsup, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("not_supported", &sup, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("insufficient_evidence", &sup, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("insufficient_evidence", &nsup, &j), SRW_CLAIM_DISAGREE);

    /* Against Insufficient evidence what the interval shows decides. */
    assert_int_equal(judged("supported", &low_fav, &j), SRW_CLAIM_PARTLY_AGREE);
    assert_int_equal(judged("supported", &spans, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("not_supported", &spans, &j), SRW_CLAIM_PARTLY_AGREE);
    assert_contains(j.reason, "not evidence of no benefit");
    assert_int_equal(judged("not_supported", &low_fav, &j), SRW_CLAIM_DISAGREE);
}

static void test_claim__a_direction_claim_in_every_class(void **state)
{
    (void)state;
    srw_claim_judgement j;
    srw_assess_verdict firm_benefit = verdict_of(SRW_VERDICT_SUPPORTED, 1, 1, SRW_POINT_BENEFIT, SRW_CERTAINTY_HIGH);
    srw_assess_verdict weak_benefit = verdict_of(SRW_VERDICT_INSUFFICIENT, 1, 1, SRW_POINT_BENEFIT, SRW_CERTAINTY_LOW);
    srw_assess_verdict firm_harm = verdict_of(SRW_VERDICT_NOT_SUPPORTED, 0, 1, SRW_POINT_HARM, SRW_CERTAINTY_MODERATE);
    srw_assess_verdict weak_harm = verdict_of(SRW_VERDICT_INSUFFICIENT, 0, 1, SRW_POINT_HARM, SRW_CERTAINTY_VERY_LOW);
    srw_assess_verdict trivial = verdict_of(SRW_VERDICT_NOT_SUPPORTED, 0, 0, SRW_POINT_TRIVIAL, SRW_CERTAINTY_HIGH);
    srw_assess_verdict spans = verdict_of(SRW_VERDICT_INSUFFICIENT, 1, 0, SRW_POINT_TRIVIAL, SRW_CERTAINTY_LOW);

    assert_int_equal(judged("benefit", &firm_benefit, &j), SRW_CLAIM_AGREE);
    assert_int_equal(judged("benefit", &weak_benefit, &j), SRW_CLAIM_PARTLY_AGREE);
    assert_int_equal(judged("benefit", &firm_harm, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("benefit", &trivial, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("benefit", &spans, &j), SRW_CLAIM_CANNOT_JUDGE);

    assert_int_equal(judged("harm", &firm_harm, &j), SRW_CLAIM_AGREE);
    assert_int_equal(judged("harm", &weak_harm, &j), SRW_CLAIM_PARTLY_AGREE);
    assert_int_equal(judged("harm", &firm_benefit, &j), SRW_CLAIM_DISAGREE);
    assert_int_equal(judged("harm", &spans, &j), SRW_CLAIM_CANNOT_JUDGE);

    assert_int_equal(judged("no_difference", &trivial, &j), SRW_CLAIM_AGREE);
    assert_int_equal(judged("no_difference", &spans, &j), SRW_CLAIM_PARTLY_AGREE);
    assert_int_equal(judged("no_difference", &weak_benefit, &j), SRW_CLAIM_DISAGREE);
}

static void test_claim__no_evidence_cannot_be_judged(void **state)
{
    (void)state;
    srw_claim_judgement j;
    srw_claim c = claim_of("supported");
    srw_claim_judge(&j, &c, NULL);
    assert_int_equal(j.agreement, SRW_CLAIM_CANNOT_JUDGE);
    assert_string_equal(srw_claim_agreement_name(j.agreement), "cannot be judged");
    assert_string_equal(srw_claim_agreement_key(j.agreement), "cannot_be_judged");
    srw_assess_verdict none;
    memset(&none, 0, sizeof none);
    snprintf(none.verdict.reason, sizeof none.verdict.reason, "no data");
    srw_claim_judge(&j, &c, &none);
    assert_int_equal(j.agreement, SRW_CLAIM_CANNOT_JUDGE);
    c.asserts = (char *)"maybe";
    srw_claim_judge(&j, &c, &none);
    assert_int_equal(j.agreement, SRW_CLAIM_CANNOT_JUDGE);
    assert_string_equal(srw_claim_agreement_name(SRW_CLAIM_PARTLY_AGREE), "partly agree");
}

static void test_claim__a_row_needs_its_source_and_a_known_assertion(void **state)
{
    (void)state;
    srw_error err;
    srw_claim c = claim_of("benefit");
    assert_int_equal(srw_claim_validate(&c, &err), 0);
    c.asserts = (char *)"works";
    assert_int_equal(srw_claim_validate(&c, &err), SRW_EDATA);
    assert_string_equal(err.field, "asserts");
    assert_contains(err.message, "not what a claim can assert");
    c = claim_of("benefit");
    c.source = NULL;
    assert_int_equal(srw_claim_validate(&c, &err), SRW_EDATA);
    assert_string_equal(err.field, "source");
    for (int a = SRW_ASSERTS_SUPPORTED; a <= SRW_ASSERTS_NO_DIFFERENCE; a++)
        assert_int_equal(srw_claim_asserts_parse(srw_claim_asserts_key((srw_claim_asserts)a)), a);
    assert_int_equal(srw_claim_asserts_parse("works"), SRW_ASSERTS_UNKNOWN);
}

static const char claims_csv[] =
    "claim,use,asserts,outcome,source,notes\n"
    "\"Botox is no better than saline, for neck pain\",neck pain,not_supported,,\"Persaud 2013, abstract\",\"quote\"\"d\"\n"
    "Cervical dystonia responds to Botox,cervical dystonia,benefit,\"TWSTRS total, week 4\",an article,\n";

static void test_claim__import_store_export_and_back(void **state)
{
    (void)state;
    char dir[64], db[128];
    snprintf(dir, sizeof dir, "/tmp/srw-claim-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/review.db", dir);
    srw_store *s = NULL;
    srw_error err;
    assert_int_equal(srw_store_open(&s, db, 1, &err), 0);
    srw_record_set set;
    assert_int_equal(srw_csv_read_review_buffer(&set, claims_csv, sizeof claims_csv - 1, "claims.csv", &err), 0);
    assert_int_equal(set.kind, SRW_FILE_CLAIMS);
    assert_int_equal(set.n_claims, 2);
    srw_import_stats st;
    assert_int_equal(srw_import_sets(s, &set, 1, "ann", "import", NULL, &st, &err), 0);
    assert_int_equal(st.n_claims_set, 2);
    srw_import_stats_dispose(&st);

    srw_claim *got = NULL;
    size_t n = 0;
    assert_int_equal(srw_store_load_claims(s, &got, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(got[0].claim, "Botox is no better than saline, for neck pain");
    assert_string_equal(got[0].notes, "quote\"d");
    assert_null(got[0].outcome);
    assert_string_equal(got[1].outcome, "TWSTRS total, week 4");
    for (size_t i = 0; i < n; i++)
        srw_claim_dispose(&got[i]);
    free(got);

    /* Export, and the export read back is the same claims: a re-import
     * changes nothing. */
    srw_table t;
    assert_int_equal(srw_store_export_table(s, "claims", &t, &err), 0);
    assert_int_equal(t.n_rows, 2);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(srw_csv_write_table(f, &t, &err), 0);
    fclose(f);
    srw_table_dispose(&t);
    srw_record_set back;
    assert_int_equal(srw_csv_read_review_buffer(&back, buf, len, "export.csv", &err), 0);
    assert_int_equal(back.n_claims, 2);
    assert_int_equal(srw_import_sets(s, &back, 1, "ann", "import", NULL, &st, &err), 0);
    assert_int_equal(st.n_claims_set, 0);
    assert_int_equal(st.n_changes, 0);
    srw_import_stats_dispose(&st);
    srw_record_set_dispose(&back);

    /* A changed assertion is listed. */
    free(set.claims[0].asserts);
    set.claims[0].asserts = strdup("no_difference");
    assert_int_equal(srw_import_sets(s, &set, 1, "ann", "import", NULL, &st, &err), 0);
    assert_int_equal(st.n_claims_set, 1);
    assert_true(st.n_changes >= 1);
    assert_contains(st.changes[0], "asserts not_supported -> no_difference");
    srw_import_stats_dispose(&st);

    free(buf);
    srw_record_set_dispose(&set);
    srw_store_close(s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_claim__a_bad_row_is_located(void **state)
{
    (void)state;
    static const char bad[] = "claim,use,asserts,source\nBotox works,neck pain,works,an article\n";
    srw_record_set set;
    srw_error err;
    assert_int_not_equal(srw_csv_read_review_buffer(&set, bad, sizeof bad - 1, "c.csv", &err), 0);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    static const char twice[] = "claim,use,asserts,source\nA,neck pain,benefit,x\nA,neck pain,harm,y\n";
    assert_int_not_equal(srw_csv_read_review_buffer(&set, twice, sizeof twice - 1, "c.csv", &err), 0);
    assert_int_equal(err.line, 3);
    assert_contains(err.message, "appears twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claim__a_verdict_claim_in_every_class),
        cmocka_unit_test(test_claim__a_direction_claim_in_every_class),
        cmocka_unit_test(test_claim__no_evidence_cannot_be_judged),
        cmocka_unit_test(test_claim__a_row_needs_its_source_and_a_known_assertion),
        cmocka_unit_test(test_claim__import_store_export_and_back),
        cmocka_unit_test(test_claim__a_bad_row_is_located),
    };
    return cmocka_run_group_tests_name("claim", tests, NULL, NULL);
}
