/* Numbers as people wrote them: how many decimals a number was given
 * with, and a number written back with them.  A published result keeps its
 * decimals (srw_published.decimals); the export writes it, and the report
 * shows it (srw_format_given, srw/format.h), as it was given.  Exact texts
 * that read back, in core for the store and the export; numbers rounded
 * for reading are srw/format.h's. */
#ifndef SRW_DECIMAL_H
#define SRW_DECIMAL_H

#include <stddef.h>

#include "srw/error.h"

/* A double holds 17 significant digits at most. */
#define SRW_MAX_DECIMALS 17

/* The one reader of a number in a file: decimal digits with an optional
 * sign, point and exponent, nothing else (no hex, no "inf" or "nan", no
 * spaces: the caller trims).  0 and *out, or SRW_EDATA with the message
 * every reader gives ("'0x31' is not a number", "'1e999' is not a finite
 * number", "'1e-320' is too close to zero to compute with (below
 * 1e-307)"); the caller adds the file, line, column and field.  Rules of a
 * field's kind (whole, at least 1): srw_field_number (srw/record.h). */
int srw_number_parse(double *out, const char *text, srw_error *err);

/* Decimals printed in a number, as in fixed notation ("-0.07" -> 2,
 * "2.5e-3" -> 4, "15e-2" -> 2; at most SRW_MAX_DECIMALS), so that srw can
 * compare its own result with a published one at the precision the review
 * printed. */
int srw_decimals_of(const char *text);

/* The shortest text that reads back as v ("" for NAN; whole numbers below
 * 1e15 without an exponent).  64 bytes hold any. */
void srw_number_text(double v, char *buf, size_t n);

/* v as text that reads back as v with `decimals` decimals
 * (srw_decimals_of): "0.80" for 0.8 with 2, "0.002" for 0.002 with 3,
 * "1e-30" for 1e-30 with 17; the shortest text when decimals < 0.  No
 * digit is printed that the number was not given with.  64 bytes hold
 * any. */
void srw_decimal_text(double v, int decimals, char *buf, size_t n);

#endif
