/* srw/format.h - numbers as people read them: the one module that every
 * output shows numbers with (srw analyse's text, the report's pages and
 * figures, summary-of-findings rows), so that each rule is stated once
 * (src/report/format.c).  Never prints NaN or inf.
 *
 * An undefined number (NaN, an infinity, a ratio whose exp() overflows)
 * shows as the mark of the output's style:
 *   SRW_FORMAT_TEXT  "-": plain text, ASCII, so a terminal's columns stay
 *                    aligned; an interval shows every part ("0.68 [-, -]")
 *   SRW_FORMAT_PAGE  "–" (U+2013 EN DASH), as typeset tables show a blank:
 *                    report pages and figures; an interval with an
 *                    undefined end is left out (the estimate alone, "0.68")
 *
 * Numbers as they were given are core's (srw/decimal.h): the shortest
 * text that reads back, and a number with the decimals it was given.
 * They are exact, not rounded for reading, and the store, the export and
 * core's own texts (srw_published_text) need them, which a report module
 * cannot serve (core includes nothing above it); srw_format_given shows
 * one here with its style's mark.
 */
#ifndef SRW_FORMAT_H
#define SRW_FORMAT_H

#include <stddef.h>

typedef enum srw_format_style {
    SRW_FORMAT_TEXT = 0,
    SRW_FORMAT_PAGE
} srw_format_style;

/* The en dash, for page texts that say "undefined" without a number. */
#define SRW_FORMAT_DASH "\xe2\x80\x93"

/* The mark of an undefined number in style s: "-" or "–". */
const char *srw_format_missing(srw_format_style s);

/* A number with d decimals: "0.68"; from 1e15 on in exponent form with two
 * decimals at least ("1.50e+20"), and "0.00", never "-0.00", for a value
 * that rounds to zero. */
void srw_format_num(char *buf, size_t n, double x, int decimals, srw_format_style s);
/* A computed number with `sig` significant digits, as an explanation
 * shows each step (srw explain): "0.21174", "1.0761", "12.346"; fixed
 * point from 1e-4 to below 1e15, else exponent form ("3.1416e-07"); 0 as
 * "0".  The value printed is x rounded, never another computation. */
void srw_format_sig(char *buf, size_t n, double x, int sig, srw_format_style s);
/* A count ("11"). */
void srw_format_count(char *buf, size_t n, double x, srw_format_style s);
/* RevMan's P value style: "P < 0.00001", else "P = 0.0004" / "P = 0.003" /
 * "P = 0.04". */
void srw_format_p(char *buf, size_t n, double p, srw_format_style s);
/* A published number as it was given (srw_decimal_text with its decimals):
 * no digit it was not given with, none of its own lost.  64 bytes hold
 * any. */
void srw_format_given(char *buf, size_t n, double x, int decimals, srw_format_style s);
/* An effect on the display scale from the analysis scale (exp for a
 * ratio), with 2 decimals: "0.68". */
void srw_format_effect(char *buf, size_t n, double analysis_scale, int ratio, srw_format_style s);
/* "0.68 [0.59, 0.80]" (RevMan) from the analysis-scale estimate and limits. */
void srw_format_effect_ci(char *buf, size_t n, double est, double lo, double hi, int ratio,
                          srw_format_style s);
/* "0.68 (0.59 to 0.80)" (GRADEpro). */
void srw_format_effect_to(char *buf, size_t n, double est, double lo, double hi, int ratio,
                          srw_format_style s);

#endif
