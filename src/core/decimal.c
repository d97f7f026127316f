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

void srw_number_text(double v, char *buf, size_t n)
{
    buf[0] = '\0';
    if (isnan(v))
        return;
    if (v == floor(v) && fabs(v) < 1e15) { /* whole numbers without an exponent: 10, not 1e+01 */
        snprintf(buf, n, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
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

