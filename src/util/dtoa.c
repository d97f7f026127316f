/* "%.17g" without printf for doubles from about 1e-7 to 1e17: see
 * util/dtoa.h.
 *
 * A finite x > 0 is m * 2^e exactly (m < 2^53, its bits).  Its 17
 * significant digits are round(x * 10^q) with q = 16 - floor(log10 x).
 * For q from 0 to 22, 10^q < 2^74 and m * 10^q < 2^127 is an exact
 * unsigned 128-bit product; shifting it right by -e bits leaves the
 * integer digits and an exact remainder, so rounding (to nearest, ties to
 * even, as glibc rounds in the default mode) is exact too.  Those digits
 * are then laid out by %g's rule (C11 7.21.6.1): exponent style when the
 * decimal exponent X < -4 or X >= 17, else fixed, trailing zeros and a
 * trailing point removed. */
#include "util/dtoa.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_u64[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL, 10000000000000000000ULL};

static u128 pow10_u128(int q)
{
    return q < 20 ? (u128)pow10_u64[q] : (u128)pow10_u64[19] * pow10_u64[q - 19];
}

/* The 17 digits of x = m * 2^-shift > 0 with decimal exponent e10 (x =
 * d1.d2...d17 * 10^e10): 1 and *digits, or 0 when out of the exact range. */
static int digits17(uint64_t m, int shift, int e10, uint64_t *digits)
{
    int q = 16 - e10;
    if (q < 0 || q > 22)
        return 0;
    u128 p = (u128)m * pow10_u128(q);
    uint64_t n;
    if (shift <= 0) {
        if (shift < -10)
            return 0;
        n = (uint64_t)(p << -shift); /* an integer: nothing to round */
    } else {
        if (shift > 126)
            return 0;
        u128 rem = p & (((u128)1 << shift) - 1), half = (u128)1 << (shift - 1);
        n = (uint64_t)(p >> shift);
        if (rem > half || (rem == half && (n & 1)))
            n++;
    }
    *digits = n;
    return 1;
}

/* printf's text in jansson's form (see srw_dtoa_json) in place; its new
 * length. */
static size_t jansson_form(char *buf, size_t n)
{
    char *e = memchr(buf, 'e', n);
    if (e == NULL) {
        if (memchr(buf, '.', n) == NULL) {
            memcpy(buf + n, ".0", 3);
            n += 2;
        }
        return n;
    }
    char *from = e + 1, *to = e + 1;
    if (*from == '-')
        *to++ = *from++;
    else if (*from == '+')
        from++;
    while (*from == '0' && from[1] != '\0')
        from++;
    memmove(to, from, strlen(from) + 1);
    return strlen(buf);
}

/* "%.17g", or with json set jansson's form of it. */
static size_t g17(char buf[SRW_DTOA_SIZE], double x, int json)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7FF);
    /* Zero, subnormals, infinities, NaN and numbers out of the range the
     * exact product covers: printf. */
    if (biased < 1003 || biased > 1079)
        goto by_printf;
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e2 = biased - 1023;         /* x = m * 2^(e2 - 52), 2^e2 <= |x| < 2^(e2+1) */
    int shift = 52 - e2;
    /* floor(log10 2^e2) (exact for |e2| < 1650), a first guess at the
     * decimal exponent that is right or one short: the digits say. */
    int e10 = (int)(((int64_t)e2 * 78913) >> 18);
    uint64_t n;
    if (!digits17(m, shift, e10, &n))
        goto by_printf;
    if (n >= pow10_u64[17] && !digits17(m, shift, ++e10, &n))
        goto by_printf;
    if (n >= pow10_u64[17]) { /* rounded up to the next power of ten */
        n /= 10;
        e10++;
    }
    /* The digits two at a time, in 32-bit halves (the divisions are
     * multiplications). */
    static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                   "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                   "8081828384858687888990919293949596979899";
    char d[40];
    uint32_t hi = (uint32_t)(n / 100000000U), lo = (uint32_t)(n % 100000000U);
    for (int i = 15; i >= 9; i -= 2) {
        memcpy(d + i, pairs + 2 * (lo % 100), 2);
        lo /= 100;
    }
    for (int i = 7; i >= 1; i -= 2) {
        memcpy(d + i, pairs + 2 * (hi % 100), 2);
        hi /= 100;
    }
    d[0] = (char)('0' + hi);
    int nd = 17;
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    /* The copies below are of a fixed size whatever part is kept (no
     * call; buf and d have room past it); p then moves by the kept part. */
    char *p = buf;
    if (bits >> 63)
        *p++ = '-';
    if (e10 < -4 || e10 >= 17) {
        *p++ = d[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, d + 1, 16);
            p += nd - 1;
        }
        int ex = e10 < 0 ? -e10 : e10;
        *p++ = 'e';
        if (e10 < 0 || !json)
            *p++ = e10 < 0 ? '-' : '+';
        if (ex >= 100)
            *p++ = (char)('0' + ex / 100);
        if (ex >= 10 || !json)
            *p++ = (char)('0' + ex / 10 % 10);
        *p++ = (char)('0' + ex % 10);
    } else if (e10 >= 0) {
        int ip = e10 + 1; /* digits before the point */
        memcpy(p, d, 17);
        p += ip;
        if (nd > ip) {
            *p++ = '.';
            memcpy(p, d + ip, 16); /* d has room past its 17 digits */
            p += nd - ip;
        } else if (json) {
            memcpy(p, ".0", 2);
            p += 2;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -e10 - 1; i++)
            *p++ = '0';
        memcpy(p, d, 17);
        p += nd;
    }
    *p = '\0';
    return (size_t)(p - buf);
by_printf:;
    size_t len = (size_t)snprintf(buf, SRW_DTOA_SIZE, "%.17g", x);
    return json ? jansson_form(buf, len) : len;
}

size_t srw_dtoa_g17(char buf[SRW_DTOA_SIZE], double x)
{
    return g17(buf, x, 0);
}

size_t srw_dtoa_json(char buf[SRW_DTOA_SIZE], double x)
{
    return g17(buf, x, 1);
}
