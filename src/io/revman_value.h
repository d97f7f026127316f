/* Internal to src/io (not public): the values of RevMan's files as the
 * three RevMan readers (rm5.c, revman_csv.c for RevMan 5's CSV export and
 * RevMan Web's package) read them.  Every number goes through srw's one
 * parser and a field kind's rules (srw_number_parse, srw_field_number:
 * core), so that a RevMan file and srw's CSV agree on what a number is;
 * what is RevMan's own (Java's spellings of its computed results, a year
 * with a month, a level with a percent sign) is here.  Each returns 0, or
 * SRW_EDATA with the message; the caller adds the location. */
#ifndef SRW_IO_REVMAN_VALUE_H
#define SRW_IO_REVMAN_VALUE_H

#include "srw/error.h"
#include "srw/record.h"

/* A number entered in RevMan (events, totals, means, SDs, estimates, O-E,
 * variances) or computed by it, by the kind's rules: empty -> NAN.  With
 * java set, RevMan 5's spellings of a result it could not compute, "NaN",
 * "Infinity" and "-Infinity", are NAN and the infinities: only .rm5's
 * computed results (never data a user entered) may take them. */
int srw_io__revman_number(double *out, const char *text, srw_field_kind kind, int java, srw_error *err);

/* A study's year as RevMan holds it, free text in RevMan's form: "1974",
 * or with a month, "2007 Oct", "October 2006" (a four-digit year among
 * words).  Empty -> 0.  A number is read as srw's year column reads one;
 * the year then has srw's rule (srw_record_year_check). */
int srw_io__revman_year(int *out, const char *text, srw_error *err);

/* A confidence level in percent, "95" or "95%" (RevMan Web): empty -> NAN;
 * otherwise strictly between 0 and 100, the rule of srw's own level
 * (srw_pool_level_valid). */
int srw_io__revman_level(double *out, const char *text, srw_error *err);

#endif
