/* srw_dtoa_g17 (src/util/dtoa.c) writes what snprintf's "%.17g" writes,
 * byte for byte: over values chosen at the edges of its exact range and
 * around powers of ten, over ties that round to even, and over millions of
 * doubles drawn from every part of the range. */
#include "testutil.h"

#include <float.h>
#include <string.h>

#include "util/dtoa.h"

/* jansson's form of a real (its dump.c: "%.17g", ".0" when there is
 * neither '.' nor 'e', the exponent without '+' and leading zeros),
 * written here from printf's text on its own. */
static void jansson_form(char *s)
{
    if (strchr(s, 'e') == NULL) {
        if (strchr(s, '.') == NULL)
            strcat(s, ".0");
        return;
    }
    char out[64], *o = out;
    const char *p = s;
    while (*p != 'e')
        *o++ = *p++;
    *o++ = *p++;
    if (*p == '-')
        *o++ = *p++;
    else if (*p == '+')
        p++;
    while (*p == '0' && p[1] != '\0')
        p++;
    strcpy(o, p);
    strcpy(s, out);
}

static void same_as_printf(double x)
{
    char got[SRW_DTOA_SIZE], want[64];
    size_t n = srw_dtoa_g17(got, x);
    snprintf(want, sizeof want, "%.17g", x);
    if (strcmp(got, want) != 0 || n != strlen(want))
        fail_msg("%a: srw_dtoa_g17 wrote '%s' (%zu), printf '%s'", x, got, n, want);
    if (!isfinite(x))
        return;
    n = srw_dtoa_json(got, x);
    jansson_form(want);
    if (strcmp(got, want) != 0 || n != strlen(want))
        fail_msg("%a: srw_dtoa_json wrote '%s' (%zu), jansson's form '%s'", x, got, n, want);
}

static void test_dtoa__chosen_values(void **state)
{
    (void)state;
    const double chosen[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 2.5, 1e-7, 9.5e-7, 1e-6, 1.0000000000000002e-6,
                             0.30000000000000004, 1.0 / 3, 2.0 / 3, 95.0, 100.0, 123456.789, 1e15, 1e16,
                             9999999999999998.0, 1e17, 1.5e17, 1e21, 1e22, 1e100, 1e-100, 1e-300,
                             DBL_MIN, DBL_MAX, DBL_EPSILON, 5e-324, 0.28768207245178090, 0.22314355131420976,
                             0.69314718055994529, 4.5035996273704955e15, 9.007199254740992e15,
                             7.2057594037927936e16, 1.4411518807585587e17, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof chosen / sizeof chosen[0]; i++) {
        same_as_printf(chosen[i]);
        same_as_printf(-chosen[i]);
    }
    /* Around every power of ten in and beyond the exact range, where the
     * first guess at the exponent is one short or the digits round up to
     * the next power. */
    for (int e = -12; e <= 20; e++) {
        double p = pow(10, e);
        double x = p;
        for (int k = 0; k < 40; k++) {
            same_as_printf(x);
            x = nextafter(x, 0);
        }
        x = p;
        for (int k = 0; k < 40; k++) {
            same_as_printf(x);
            x = nextafter(x, INFINITY);
        }
    }
}

/* x's exact decimal expansion has 18 significant digits, the last a 5:
 * "%.17g" must round it half to even. */
static int is_tie(double x)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%.80e", fabs(x)); /* exact: a double has at most 767 digits, these far fewer */
    char *e = strchr(buf, 'e');
    while (e > buf && e[-1] == '0')
        e--;
    size_t digits = (size_t)(e - buf) - 1; /* less the point */
    return digits == 18 && e[-1] == '5';
}

/* Doubles whose exact value ends 17 digits in on a 5: the 17th digit is
 * rounded to even, as glibc rounds (m / 2^s has s decimals; integers from
 * 2^57 end in ...5 at the 18th digit when halved enough). */
static void test_dtoa__ties_round_to_even(void **state)
{
    (void)state;
    size_t ties = 0;
    for (uint64_t m = 1; m < 200000; m += 61) {
        for (int s = 1; s <= 60; s++) {
            double x = ldexp((double)(m | (1ULL << 52)), -s);
            same_as_printf(x);
            ties += is_tie(x);
        }
    }
    /* Integers of 18 digits ending in 5 are exact ties at the 17th. */
    for (uint64_t v = 100000000000000005ULL; v < 100000000000000005ULL + 2000; v += 10) {
        double x = (double)v;
        same_as_printf(x);
    }
    for (int64_t v = 1; v < 4000; v++) {
        same_as_printf((double)v * 0.125 + 1e15);
        ties += is_tie((double)v * 0.125 + 1e15);
    }
    /* The test meets ties, not only values near them. */
    assert_true(ties > 1000);
}

static uint64_t next(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static void test_dtoa__millions_of_doubles(void **state)
{
    (void)state;
    uint64_t rng = 88172645463325252ULL;
    for (long i = 0; i < 1000000; i++) {
        uint64_t r = next(&rng);
        double x;
        switch (i % 4) {
        case 0: /* any bit pattern: every exponent, NaN and infinities too */
            memcpy(&x, &r, sizeof x);
            break;
        case 1: /* the exact range and a little beyond, both signs */
            x = ldexp((double)(r >> 11), -(int)(next(&rng) % 130)) * ((r & 1) ? -1 : 1);
            break;
        case 2: /* ratios of counts, as effect sizes are */
            x = (double)(r % 100000) / (double)(1 + next(&rng) % 1000);
            break;
        default: /* logs and exponentials of ratios, as the JSON holds them */
            x = log((double)(1 + r % 1000) / (double)(1 + next(&rng) % 1000));
        }
        same_as_printf(x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dtoa__chosen_values),
        cmocka_unit_test(test_dtoa__ties_round_to_even),
        cmocka_unit_test(test_dtoa__millions_of_doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
