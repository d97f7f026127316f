/* Numbers for people reading a report: srw/format.h's rules (RevMan's
 * decimals), with "–" for anything undefined so NaN and inf never reach a
 * page.  See include/srw/report.h. */
#include <math.h>
#include <stdio.h>

#include "srw/decimal.h"
#include "srw/format.h"
#include "srw/report.h"

#define DASH "\xe2\x80\x93" /* U+2013 EN DASH */

void srw_report_num(char *buf, size_t n, double x, int decimals)
{
    if (!isfinite(x))
        snprintf(buf, n, DASH);
    else
        srw_format_num(buf, n, x, decimals);
}

void srw_report_given(char *buf, size_t n, double x, int decimals)
{
    if (!isfinite(x))
        snprintf(buf, n, DASH);
    else
        srw_decimal_text(x, decimals, buf, n);
}

void srw_report_effect(char *buf, size_t n, double x, int ratio)
{
    if (!isfinite(x) || (ratio && !isfinite(exp(x))))
        snprintf(buf, n, DASH);
    else
        srw_format_effect(buf, n, x, ratio);
}

static int defined(double est, double lo, double hi, int ratio)
{
    if (!isfinite(est) || !isfinite(lo) || !isfinite(hi))
        return 0;
    return !ratio || (isfinite(exp(lo)) && isfinite(exp(hi)));
}

void srw_report_effect_ci(char *buf, size_t n, double est, double lo, double hi, int ratio)
{
    if (!defined(est, lo, hi, ratio)) {
        srw_report_effect(buf, n, est, ratio);
        return;
    }
    srw_format_effect_ci(buf, n, est, lo, hi, ratio);
}

void srw_report_effect_to(char *buf, size_t n, double est, double lo, double hi, int ratio)
{
    if (!defined(est, lo, hi, ratio)) {
        srw_report_effect(buf, n, est, ratio);
        return;
    }
    char e[32], l[32], h[32];
    srw_format_effect(e, sizeof e, est, ratio);
    srw_format_effect(l, sizeof l, lo, ratio);
    srw_format_effect(h, sizeof h, hi, ratio);
    snprintf(buf, n, "%s (%s to %s)", e, l, h);
}
