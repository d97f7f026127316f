/* A double as printf's "%.17g" writes it, fast (not public).
 *
 * glibc's printf converts through multi-precision arithmetic and took
 * most of `srw analyse --all --json`'s output time (callgrind): a
 * meta-analysis writes some 200 numbers at 17 significant digits.  For
 * most doubles the 17 digits come exactly from one 128-bit product here;
 * the rest go to snprintf.  Either way the text is snprintf's, byte for
 * byte (tests/unit/test_dtoa.c compares them over millions of doubles). */
#ifndef SRW_UTIL_DTOA_H
#define SRW_UTIL_DTOA_H

#include <stddef.h>

/* Room srw_dtoa_g17 needs: "-1.2345678901234567e-308" and the NUL, and
 * room past them (it copies digits in blocks of fixed size). */
#define SRW_DTOA_SIZE 40

/* x as snprintf(buf, SRW_DTOA_SIZE, "%.17g", x) writes it; returns its
 * length.  Any double, NaN and infinities included. */
size_t srw_dtoa_g17(char buf[SRW_DTOA_SIZE], double x);
/* x as jansson writes a real at JSON_REAL_PRECISION(17): "%.17g" with
 * ".0" added when it has neither a '.' nor an 'e', and the exponent
 * without '+' or leading zeros; finite x only (JSON has no others). */
size_t srw_dtoa_json(char buf[SRW_DTOA_SIZE], double x);

#endif
