/* The one reader of numbers (srw/decimal.h) and the rules of a field's
 * kind (srw/record.h): every reader of srw's CSV files, of RevMan files and
 * of RevMan's CSV exports, and `srw add`, reads a number here, so that one
 * text is one number (or one message) whichever file holds it. */
#include "srw/decimal.h"
#include "srw/record.h"
#include "util/text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every power of ten up to 10^22 is a double exactly. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The common case, a plain decimal ("-12.345"): at most 15 significant
 * digits and 22 decimals.  Then m and 10^k are exact doubles and m / 10^k
 * is rounded once, to the double nearest the decimal, which is what strtod
 * returns (Clinger's fast path).  0 when it does not apply. */
static int plain_decimal(const char *s, double *out)
{
    const char *p = s;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    unsigned long long m = 0;
    int digits = 0, significant = 0, decimals = 0, point = 0;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
            if (m == 0 && *p == '0') {
                if (point)
                    decimals++;
                continue; /* a leading zero adds no significant digit */
            }
            if (++significant > 15)
                return 0;
            m = m * 10 + (unsigned long long)(*p - '0');
            decimals += point;
        } else if (*p == '.' && !point) {
            point = 1;
        } else {
            break;
        }
    }
    if (*p != '\0' || digits == 0 || decimals > 22)
        return 0;
    double v = (double)m / pow10_exact[decimals];
    *out = neg ? -v : v;
    return 1;
}

/* Decimal syntax only: [sign] digits [. digits] [e|E [sign] digits], with
 * a digit before or after the point.  strtod alone would also take hex
 * ("0x31" as 49), "inf", "nan", "infinity" and leading spaces, which no
 * file srw reads means as a number. */
static int decimal_syntax(const char *p)
{
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* Fails with "'TEXT' WHAT": the text quoted to at most 60 bytes, cut on a
 * character (measured only here: the numbers that parse never pay for it). */
static int fail_quoting(srw_error *err, const char *text, const char *what)
{
    int q = (int)srw_utf8_prefix(text, 60);
    return SRW_FAIL(err, SRW_EDATA, "'%.*s%s' %s", q, text, text[q] ? "..." : "", what);
}

int srw_number_parse(double *out, const char *text, srw_error *err)
{
    if (plain_decimal(text, out))
        return 0;
    if (!decimal_syntax(text))
        return fail_quoting(err, text, "is not a number");
    errno = 0;
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == text || *end != '\0') /* cannot happen after decimal_syntax; kept as a guard */
        return fail_quoting(err, text, "is not a number");
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return fail_quoting(err, text, "is not a finite number");
    /* Underflow: a nonzero number below the smallest normal double (about
     * 2.2e-308) loses digits, and every formula then divides by it. */
    if (errno == ERANGE)
        return fail_quoting(err, text, "is too close to zero to compute with (below 1e-307)");
    *out = v;
    return 0;
}

int srw_field_number(double *out, const char *text, srw_field_kind kind, srw_error *err)
{
    double v = 0;
    int rc = srw_number_parse(&v, text, err);
    if (rc != 0)
        return rc;
    switch (kind) {
    case SRW_FIELD_POSITIVE:
        if (v != floor(v) || v < 1 || v > 1e9)
            return fail_quoting(err, text, "is not a whole number of at least 1");
        break;
    case SRW_FIELD_INT:
    case SRW_FIELD_LONG:
        /* 1e9 bounds what an int and a long hold alike. */
        if (v != floor(v) || v < 0 || v > 1e9)
            return fail_quoting(err, text, "is not a non-negative whole number");
        break;
    default: /* a NUMBER, or a COUNT (whole and in range: srw_record_validate, which names the arm) */
        break;
    }
    *out = v;
    return 0;
}
