/* Numbers as people wrote them (src/core/decimal.c): the decimals a text
 * gives, and a number written back with them, for the export and the
 * report.  Expected texts are what a reader of the input would write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srw/decimal.h"

static void test_decimal__places_count_the_exponent(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int places;
    } cases[] = {
        {"0.80", 2},   {"-0.07", 2},  {"12", 0},       {"2.5e-3", 4},  {"15e-2", 2},
        {"1.5E-1", 2}, {"1.0e21", 0}, {"1e-30", 17},   {"0e-99999", 17}, {"3.", 0},
        {"0.123456789012345678", 17},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(srw_decimals_of(cases[i].text), cases[i].places);
}

static void test_decimal__text_with_the_decimals_given(void **state)
{
    (void)state;
    static const struct {
        double v;
        int decimals;
        const char *text;
    } cases[] = {
        {0.8, 2, "0.80"},
        {0.002, 3, "0.002"},
        {0.3, 17, "0.30000000000000000"}, /* not 0.29999999999999999 */
        {0.8, 17, "0.80000000000000000"}, /* not 0.80000000000000004 */
        {1e-30, 17, "1e-30"},             /* not seventeen zeros */
        {-1e-5, 5, "-0.00001"},           /* fixed where it shows the same digits */
        {1.23e-5, 7, "0.0000123"},
        {0.0025, 5, "0.00250"},
        {1.5e20, 0, "1.5e+20"},
        {10, 0, "10"},
        {0.15, 2, "0.15"},
        {2.5, -1, "2.5"}, /* no decimals known: the shortest text */
        {1e300, 17, "1e+300"},      /* not 300 digits of binary expansion */
        {3.802e27, 1, "3.802e+27"}, /* nor 3801999999999999823470133248.0 */
        {1e20, 2, "1e+20"},
        {0.68, 0, "0.68"},          /* fewer decimals than the number has: nothing lost */
        {-0.0, 2, "0.00"},          /* as SQLite stores it */
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srw_decimal_text(cases[i].v, cases[i].decimals, buf, sizeof buf);
        assert_string_equal(buf, cases[i].text);
        /* Every text reads back as the number, with its decimals. */
        assert_true(strtod(buf, NULL) == cases[i].v);
        if (cases[i].decimals >= 0 && fabs(cases[i].v) < 1e15 && cases[i].decimals >= srw_decimals_of(buf))
            assert_int_equal(srw_decimals_of(buf), cases[i].decimals);
    }
    srw_decimal_text(NAN, 2, buf, sizeof buf);
    assert_string_equal(buf, "");
}

static void test_decimal__shortest_text_reads_back(void **state)
{
    (void)state;
    char buf[64];
    const double vs[] = {0.1, 1.0 / 3, 123456789012345.0, 1e15, -2.2250738585072014e-308, 5e-324, 1.7976931348623157e308};
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        srw_number_text(vs[i], buf, sizeof buf);
        assert_true(strtod(buf, NULL) == vs[i]);
    }
    srw_number_text(0.1, buf, sizeof buf);
    assert_string_equal(buf, "0.1");
    srw_number_text(123456789012345.0, buf, sizeof buf);
    assert_string_equal(buf, "123456789012345"); /* whole, without an exponent */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal__places_count_the_exponent),
        cmocka_unit_test(test_decimal__text_with_the_decimals_given),
        cmocka_unit_test(test_decimal__shortest_text_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
