/* The one number parser (src/core/number.c): what every reader of srw takes
 * as a number, and a field kind's rules.  The expected doubles are what the
 * decimal texts denote (C's strtod, correctly rounded, for the texts it
 * reads); the refusals are the texts strtod alone would take as numbers
 * although no file means them as one (hex, inf, nan, spaces). */
#include "testutil.h"

#include <float.h>
#include <string.h>

#include "srw/decimal.h"
#include "srw/record.h"

static void test_number__decimal_texts_read_as_strtod_reads_them(void **state)
{
    (void)state;
    static const char *const ok[] = {"0",      "-0",   "12",     "-12.345", "+.5",  "5.",     "1e5",
                                     "1.5E-3", "2e+2", "0.1",    "1e-300",  "1e308", "123456789012345678901",
                                     "0.000000000000000000000000001", "9007199254740993"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = NAN;
        srw_error err;
        if (srw_number_parse(&v, ok[i], &err) != 0)
            fail_msg("'%s' refused: %s", ok[i], err.message);
        assert_true(v == strtod(ok[i], NULL)); /* the same double, bit for bit */
    }
}

static void test_number__refuses_what_only_strtod_would_take(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"0x31", "'0x31' is not a number"},   /* hex: strtod reads 49 */
        {"0X1p3", "'0X1p3' is not a number"}, /* hex float: 8 */
        {"NaN", "'NaN' is not a number"},
        {"nan", "'nan' is not a number"},
        {"inf", "'inf' is not a number"},
        {"-Infinity", "'-Infinity' is not a number"},
        {" 5", "' 5' is not a number"}, /* the caller trims; a space inside is no number */
        {"5 ", "'5 ' is not a number"},
        {"1,5", "'1,5' is not a number"},
        {"", "'' is not a number"},
        {".", "'.' is not a number"},
        {"-", "'-' is not a number"},
        {"1e", "'1e' is not a number"},
        {"1e+", "'1e+' is not a number"},
        {"--1", "'--1' is not a number"},
        {"1.2.3", "'1.2.3' is not a number"},
        {"1e999", "'1e999' is not a finite number"},
        {"-1e400", "'-1e400' is not a finite number"},
        {"1e-320", "'1e-320' is too close to zero to compute with (below 1e-307)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 42;
        srw_error err;
        srw_error_clear(&err);
        assert_int_equal(srw_number_parse(&v, bad[i].text, &err), SRW_EDATA);
        assert_string_equal(err.message, bad[i].message);
        assert_true(v == 42); /* nothing written on failure */
    }
}

static void test_number__long_text_is_quoted_cut_on_a_character(void **state)
{
    (void)state;
    /* 30 two-byte characters and more: the message quotes 60 bytes at most,
     * cut between characters, and says it was cut. */
    char text[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(text, "\xC3\xA9");
    srw_error err;
    double v;
    assert_int_equal(srw_number_parse(&v, text, &err), SRW_EDATA);
    char want[200];
    snprintf(want, sizeof want, "'%.60s...' is not a number", text);
    assert_string_equal(err.message, want);
    text[0] = 'x'; /* an odd split: 'x', then a stray continuation byte, then pairs */
    assert_int_equal(srw_number_parse(&v, text, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "...' is not a number"));
}

static void test_number__field_kinds_have_their_rules(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        srw_field_kind kind;
        double want; /* NAN: refused with message */
        const char *message;
    } cases[] = {
        {"2.5", SRW_FIELD_NUMBER, 2.5, NULL},
        {"-3", SRW_FIELD_NUMBER, -3, NULL},
        {"4.5", SRW_FIELD_COUNT, 4.5, NULL}, /* a count's rules need its record (srw_record_validate) */
        {"1974", SRW_FIELD_INT, 1974, NULL},
        {"0", SRW_FIELD_LONG, 0, NULL},
        {"1e3", SRW_FIELD_LONG, 1000, NULL},
        {"99999999999", SRW_FIELD_INT, NAN, "'99999999999' is not a non-negative whole number"},
        {"-5", SRW_FIELD_LONG, NAN, "'-5' is not a non-negative whole number"},
        {"2.5", SRW_FIELD_INT, NAN, "'2.5' is not a non-negative whole number"},
        {"0", SRW_FIELD_POSITIVE, NAN, "'0' is not a whole number of at least 1"},
        {"12", SRW_FIELD_POSITIVE, 12, NULL},
        {"0x31", SRW_FIELD_COUNT, NAN, "'0x31' is not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = NAN;
        srw_error err;
        srw_error_clear(&err);
        int rc = srw_field_number(&v, cases[i].text, cases[i].kind, &err);
        if (cases[i].message == NULL) {
            if (rc != 0)
                fail_msg("'%s' refused: %s", cases[i].text, err.message);
            assert_rel(v, cases[i].want, 0);
        } else {
            assert_int_equal(rc, SRW_EDATA);
            assert_string_equal(err.message, cases[i].message);
        }
    }
}

static void test_number__year_rule_is_one_for_every_reader(void **state)
{
    (void)state;
    srw_error err;
    assert_int_equal(srw_record_year_check(0, &err), 0);
    assert_int_equal(srw_record_year_check(1900, &err), 0);
    assert_int_equal(srw_record_year_check(2100, &err), 0);
    assert_int_equal(srw_record_year_check(1899, &err), SRW_EDATA);
    assert_string_equal(err.field, "year");
    assert_string_equal(err.message, "year 1899 is not a plausible publication year (1900-2100)");
    assert_int_equal(srw_record_year_check(2101, &err), SRW_EDATA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number__decimal_texts_read_as_strtod_reads_them),
        cmocka_unit_test(test_number__refuses_what_only_strtod_would_take),
        cmocka_unit_test(test_number__long_text_is_quoted_cut_on_a_character),
        cmocka_unit_test(test_number__field_kinds_have_their_rules),
        cmocka_unit_test(test_number__year_rule_is_one_for_every_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
