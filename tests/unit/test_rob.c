/* The overall risk of bias from domain judgements (srw/rob.h): RoB 1 by the
 * Cochrane Handbook 5.1's Table 8.7.a over the key domains.  Every class of
 * combination is named below, and then every one of the 4^7 combinations
 * is checked against the table's three sentences, written out again here
 * as the Handbook words them. */
#include "testutil.h"

#include <string.h>

#include "srw/rob.h"

#define L SRW_ROB_LOW
#define U SRW_ROB_UNCLEAR
#define H SRW_ROB_HIGH
#define N SRW_ROB_UNSET

static srw_rob_judgement rob1(const srw_rob_judgement r[SRW_ROB_N], int *missing)
{
    return srw_rob1_overall(r, SRW_ROB1_KEY_ALL, missing);
}

static void test_rob__rob1_each_class(void **state)
{
    (void)state;
    int missing = -1;
    const srw_rob_judgement all_low[SRW_ROB_N] = {L, L, L, L, L, L, L};
    assert_int_equal(rob1(all_low, &missing), L);
    assert_int_equal(missing, 0);
    const srw_rob_judgement one_unclear[SRW_ROB_N] = {L, L, L, U, L, L, L};
    assert_int_equal(rob1(one_unclear, &missing), U);
    const srw_rob_judgement one_high[SRW_ROB_N] = {L, L, L, L, L, L, H};
    assert_int_equal(rob1(one_high, &missing), H);
    const srw_rob_judgement high_and_unclear[SRW_ROB_N] = {U, U, H, U, U, U, U};
    assert_int_equal(rob1(high_and_unclear, &missing), H);
    /* The case: low on 2 of 7, the rest unjudged, is unclear. */
    const srw_rob_judgement two_low[SRW_ROB_N] = {L, L, N, N, N, N, N};
    assert_int_equal(rob1(two_low, &missing), U);
    assert_int_equal(missing, 5);
    /* A high domain among unjudged ones is high all the same. */
    const srw_rob_judgement high_alone[SRW_ROB_N] = {N, N, N, H, N, N, N};
    assert_int_equal(rob1(high_alone, &missing), H);
    assert_int_equal(missing, 6);
    /* Nothing judged: no overall (its users count it as unclear). */
    const srw_rob_judgement none[SRW_ROB_N] = {N, N, N, N, N, N, N};
    assert_int_equal(rob1(none, &missing), N);
    assert_int_equal(missing, 7);
    assert_int_equal(srw_rob1_overall(two_low, SRW_ROB1_KEY_ALL, NULL), U);
}

/* Key domains other than all seven: a domain that is not key decides
 * nothing, high or unjudged. */
static void test_rob__rob1_only_key_domains_decide(void **state)
{
    (void)state;
    unsigned key = SRW_ROB1_KEY(SRW_ROB_SEQUENCE) | SRW_ROB1_KEY(SRW_ROB_ALLOCATION);
    int missing = -1;
    const srw_rob_judgement other_high[SRW_ROB_N] = {L, L, N, N, N, N, H};
    assert_int_equal(srw_rob1_overall(other_high, key, &missing), L);
    assert_int_equal(missing, 0);
    const srw_rob_judgement key_unjudged[SRW_ROB_N] = {L, N, L, L, L, L, L};
    assert_int_equal(srw_rob1_overall(key_unjudged, key, &missing), U);
    assert_int_equal(missing, 1);
    /* Judged only outside the key domains: the key ones are unjudged. */
    const srw_rob_judgement outside[SRW_ROB_N] = {N, N, L, L, L, L, L};
    assert_int_equal(srw_rob1_overall(outside, key, &missing), U);
    assert_int_equal(missing, 2);
}

/* All 4^7 combinations against Table 8.7.a read literally (all seven
 * domains key; an unjudged domain is unclear): "high risk of bias for one or
 * more key domains"; "low risk of bias for all key domains"; "unclear risk
 * of bias for one or more key domains" otherwise. */
static void test_rob__rob1_every_combination(void **state)
{
    (void)state;
    const srw_rob_judgement values[4] = {N, L, U, H};
    size_t counts[4] = {0};
    for (unsigned code = 0; code < 1u << (2 * SRW_ROB_N); code++) {
        srw_rob_judgement r[SRW_ROB_N];
        int n_high = 0, n_low = 0, n_set = 0;
        for (int d = 0; d < SRW_ROB_N; d++) {
            r[d] = values[(code >> (2 * d)) & 3u];
            n_high += r[d] == H;
            n_low += r[d] == L;
            n_set += r[d] != N;
        }
        srw_rob_judgement want = n_set == 0 ? N : n_high > 0 ? H : n_low == SRW_ROB_N ? L : U;
        int missing;
        srw_rob_judgement got = rob1(r, &missing);
        if (got != want)
            fail_msg("combination %u: got %d, want %d", code, (int)got, (int)want);
        assert_int_equal(missing, SRW_ROB_N - n_set);
        counts[got]++;
    }
    /* The classes' sizes: 1 with nothing judged, 1 all low, 4^7 - 3^7 with a
     * high, and the rest unclear. */
    assert_int_equal(counts[N], 1);
    assert_int_equal(counts[L], 1);
    assert_int_equal(counts[H], 16384 - 2187);
    assert_int_equal(counts[U], 2187 - 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rob__rob1_each_class),
        cmocka_unit_test(test_rob__rob1_only_key_domains_decide),
        cmocka_unit_test(test_rob__rob1_every_combination),
    };
    return cmocka_run_group_tests_name("rob", tests, NULL, NULL);
}
