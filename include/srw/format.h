/* srw/format.h - how numbers are shown to people (text, Markdown, HTML,
 * SVG), in one place so every output prints them alike.  Never prints NaN
 * or inf: undefined values print as "-" (ASCII) so tables stay aligned.
 */
#ifndef SRW_FORMAT_H
#define SRW_FORMAT_H

#include <stddef.h>

/* RevMan's P value style: "P < 0.00001", else "P = 0.003" / "P = 0.04". */
void srw_format_p(char *buf, size_t n, double p);
/* A number with d decimals, "-" when not finite. */
void srw_format_num(char *buf, size_t n, double x, int decimals);
/* An effect on the display scale from the analysis scale (exp for ratio),
 * with 2 decimals: "0.68". */
void srw_format_effect(char *buf, size_t n, double analysis_scale, int ratio);
/* "0.68 [0.59, 0.80]" from analysis-scale estimate and limits. */
void srw_format_effect_ci(char *buf, size_t n, double est, double lo, double hi, int ratio);
/* A count ("11") or "-" when missing. */
void srw_format_count(char *buf, size_t n, double x);

#endif
