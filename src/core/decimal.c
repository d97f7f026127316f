/* Numbers as people wrote them: see srw/decimal.h. */
#include "srw/decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_decimals_of(const char *s)
{
    /* Digits after the point, less the exponent: 15e-2 and 1.5e-1 are
     * 0.15, two decimals; 1.0e21 none. */
    const char *p = s;
    while (*p && *p != '.' && *p != 'e' && *p != 'E')
        p++;
    long n = 0;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            n++;
    if (*p == 'e' || *p == 'E') {
        long e = strtol(p + 1, NULL, 10);
        n = e < -400 ? 400 : e > 400 ? 0 : n - e;
    }
    /* A double holds 17 significant digits at most: decimals beyond them
     * would print digits the number never had (0e-99999 asked for 400). */
    return n < 0 ? 0 : n > SRW_MAX_DECIMALS ? SRW_MAX_DECIMALS : (int)n;
}

/* Writes u in decimal at p (no NUL); returns the number of digits. */
static size_t put_digits(char *p, unsigned long long u)
{
    char tmp[24];
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (size_t i = 0; i < k; i++)
        p[i] = tmp[k - 1 - i];
    return k;
}

/* Every power of ten up to 10^15 is a double exactly. */
static const double pow10_exact[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The fast path of srw_number_text, for what a CSV mostly holds: whole
 * numbers below 10^15, and fractions m / 10^d (d >= 1) with at most 15
 * significant digits and no exponent in %g's output (|v| >= 1e-4).  Writes
 * what the slow path below writes, without printf and strtod; returns 0
 * (writing nothing) when v is not such a number.
 *
 * Why the output is the same: with at most 15 significant digits the
 * spacing of d-decimals (10^-d) exceeds 4 ulps of v, so at most one
 * d-decimal reads back to v, and it is then the correctly rounded one that
 * %.Pg prints (P = its significant digits).  The product v * 10^d is within
 * 0.07 of it, so rounding the product finds it, and (double)m / 10^d, a
 * quotient of two exact doubles rounded once, is exactly what strtod reads
 * from the text.  The smallest such d is the smallest P that round-trips. */
static int format_fast(double v, char *buf, size_t n)
{
    double a = fabs(v);
    if (n < 40 || a == 0 || !(a < 1e15))
        return 0; /* zero keeps its sign through printf ("-0") */
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    if (a == floor(a)) {
        p += put_digits(p, (unsigned long long)a);
        *p = '\0';
        return 1;
    }
    if (a < 1e-4)
        return 0;
    for (int d = 1; d <= 15; d++) {
        double scaled = a * pow10_exact[d];
        if (!(scaled < 1e15))
            return 0;
        double m = floor(scaled + 0.5);
        if (m / pow10_exact[d] != a)
            continue;
        unsigned long long um = (unsigned long long)m, scale = (unsigned long long)pow10_exact[d];
        p += put_digits(p, um / scale);
        *p++ = '.';
        unsigned long long frac = um % scale;
        char digits[24];
        size_t k = put_digits(digits, frac);
        for (size_t z = k; z < (size_t)d; z++)
            *p++ = '0';
        memcpy(p, digits, k);
        p[k] = '\0';
        return 1;
    }
    return 0;
}

void srw_number_text(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        if (n)
            buf[0] = '\0';
        return;
    }
    if (format_fast(v, buf, n))
        return;
    /* The shortest %g form that reads back to the same double, so that an
     * exported 8.8 stays "8.8" and round-trips exactly. */
    if (v == floor(v) && fabs(v) < 1e15) { /* whole numbers without an exponent: 10, not 1e+01 */
        snprintf(buf, n, "%.0f", v);
        return;
    }
    /* Most numbers typed into a CSV read back at 15 digits or fewer: find the
     * shortest by bisection below 15 (a handful of tries, not 17). */
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) == v) {
        int lo = 1, hi = 15; /* hi round-trips */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            snprintf(buf, n, "%.*g", mid, v);
            if (strtod(buf, NULL) == v)
                hi = mid;
            else
                lo = mid + 1;
        }
        snprintf(buf, n, "%.*g", hi, v);
        return;
    }
    for (int prec = 16; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* The significant digits of a number's text: "-0.00120" and "1.2e-03"
 * both give "12". */
static void digits_of(const char *s, char *d, size_t n)
{
    size_t k = 0;
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '0' && *s <= '9' && (k > 0 || *s != '0') && k + 1 < n)
            d[k++] = *s;
    while (k > 0 && d[k - 1] == '0')
        k--;
    d[k] = '\0';
}

void srw_decimal_text(double v, int decimals, char *buf, size_t n)
{
    if (v == 0)
        v = 0; /* -0 is stored, exported and shown as 0 */
    srw_number_text(v, buf, n);
    /* From 1e15 on, fixed notation prints digits a double does not hold
     * (3.802e27 with one decimal, 3801999999999999823470133248.0): the
     * shortest text, whatever the row's decimals. */
    if (decimals < 0 || isnan(v) || fabs(v) >= 1e15)
        return;
    if (strpbrk(buf, "eE") != NULL && fabs(v) < 1e15 && decimals <= SRW_MAX_DECIMALS) {
        /* Fixed notation reads easier ("-0.00001" for -1e-05) where it
         * shows the same digits and no others (1e-30 with 17 decimals
         * stays 1e-30). */
        char f[64], a[40], b[40];
        snprintf(f, sizeof f, "%.*f", decimals, v);
        digits_of(f, a, sizeof a);
        digits_of(buf, b, sizeof b);
        if (strtod(f, NULL) == v && strcmp(a, b) == 0 && srw_decimals_of(f) == decimals) {
            snprintf(buf, n, "%s", f);
            return;
        }
    }
    if (srw_decimals_of(buf) == decimals)
        return;
    char t[512];
    /* The shortest text with zeros added ("0.8" to "0.80"), so that no
     * digit is printed that the number was not given with ("0.3" with 17
     * decimals, not 0.29999999999999999). */
    size_t len = strlen(buf);
    int have = srw_decimals_of(buf);
    if (strpbrk(buf, "eE") == NULL && have < decimals && len + (size_t)(decimals - have) + 2 < sizeof t) {
        snprintf(t, sizeof t, "%s%s", buf, have == 0 ? "." : "");
        size_t k = strlen(t);
        for (int i = have; i < decimals; i++)
            t[k++] = '0';
        t[k] = '\0';
        if (strtod(t, NULL) == v && srw_decimals_of(t) == decimals) {
            snprintf(buf, n, "%s", t);
            return;
        }
    }
    snprintf(t, sizeof t, "%.*f", decimals, v); /* "0.80" */
    for (int k = 0; k <= 20 && (strtod(t, NULL) != v || srw_decimals_of(t) != decimals); k++)
        snprintf(t, sizeof t, "%.*e", k, v); /* "1.50e-01", two decimals as 0.15 has */
    if (strtod(t, NULL) == v && srw_decimals_of(t) == decimals)
        snprintf(buf, n, "%s", t);
}

