/* Numbers as people read them: see include/srw/format.h. */
#include "srw/format.h"

#include <math.h>
#include <stdio.h>

#include "srw/decimal.h"

const char *srw_format_missing(srw_format_style s)
{
    return s == SRW_FORMAT_PAGE ? SRW_FORMAT_DASH : "-";
}

void srw_format_num(char *buf, size_t n, double x, int decimals, srw_format_style s)
{
    if (!isfinite(x)) {
        snprintf(buf, n, "%s", srw_format_missing(s));
        return;
    }
    /* Beyond 15 digits a fixed-point number no longer fits a column (and a
     * short buffer would cut it to the wrong magnitude): exponent form. */
    if (fabs(x) >= 1e15) {
        /* Two decimals at least: 1.5e20 to none would read 2e+20. */
        snprintf(buf, n, "%.*e", decimals < 2 ? 2 : decimals, x);
        return;
    }
    /* avoid "-0.00" for a value that rounds to zero */
    double scale = pow(10.0, decimals);
    if (fabs(x) * scale < 0.5)
        x = 0.0;
    snprintf(buf, n, "%.*f", decimals, x);
}

void srw_format_sig(char *buf, size_t n, double x, int sig, srw_format_style s)
{
    if (sig < 1)
        sig = 1;
    if (!isfinite(x)) {
        snprintf(buf, n, "%s", srw_format_missing(s));
        return;
    }
    if (x == 0.0) {
        snprintf(buf, n, "0");
        return;
    }
    double mag = fabs(x);
    if (mag < 1e-4 || mag >= 1e15) {
        snprintf(buf, n, "%.*e", sig - 1, x);
        return;
    }
    int decimals = sig - 1 - (int)floor(log10(mag));
    snprintf(buf, n, "%.*f", decimals > 0 ? decimals : 0, x);
}

void srw_format_count(char *buf, size_t n, double x, srw_format_style s)
{
    if (!isfinite(x))
        snprintf(buf, n, "%s", srw_format_missing(s));
    else if (x != floor(x)) /* a control arm's share, split between comparisons (srw/arms.h) */
        snprintf(buf, n, "%.4g", x);
    else
        snprintf(buf, n, "%.0f", x);
}

void srw_format_p(char *buf, size_t n, double p, srw_format_style s)
{
    if (!isfinite(p))
        snprintf(buf, n, "P = %s", srw_format_missing(s));
    else if (p < 0.00001)
        snprintf(buf, n, "P < 0.00001");
    else if (p < 0.001)
        snprintf(buf, n, "P = %.4f", p);
    else if (p < 0.01)
        snprintf(buf, n, "P = %.3f", p);
    else
        snprintf(buf, n, "P = %.2f", p);
}

void srw_format_given(char *buf, size_t n, double x, int decimals, srw_format_style s)
{
    if (!isfinite(x))
        snprintf(buf, n, "%s", srw_format_missing(s));
    else
        srw_decimal_text(x, decimals, buf, n);
}

void srw_format_effect(char *buf, size_t n, double x, int ratio, srw_format_style s)
{
    if (!isfinite(x) || (ratio && !isfinite(exp(x))))
        snprintf(buf, n, "%s", srw_format_missing(s));
    else
        srw_format_num(buf, n, ratio ? exp(x) : x, 2, s);
}

/* est and its limits on the display scale, as RevMan writes them ("0.68
 * [0.59, 0.80]") or, with `to`, as GRADEpro does ("0.68 (0.59 to 0.80)"). */
static void interval(char *buf, size_t n, int to, double est, double lo, double hi, int ratio,
                     srw_format_style s)
{
    int defined = isfinite(est) && isfinite(lo) && isfinite(hi) &&
                  (!ratio || (isfinite(exp(lo)) && isfinite(exp(hi))));
    if (s == SRW_FORMAT_PAGE && !defined) {
        srw_format_effect(buf, n, est, ratio, s);
        return;
    }
    char e[32], l[32], h[32];
    srw_format_effect(e, sizeof e, est, ratio, s);
    srw_format_effect(l, sizeof l, lo, ratio, s);
    srw_format_effect(h, sizeof h, hi, ratio, s);
    if (to)
        snprintf(buf, n, "%s (%s to %s)", e, l, h);
    else
        snprintf(buf, n, "%s [%s, %s]", e, l, h);
}

void srw_format_effect_ci(char *buf, size_t n, double est, double lo, double hi, int ratio,
                          srw_format_style s)
{
    interval(buf, n, 0, est, lo, hi, ratio, s);
}

void srw_format_effect_to(char *buf, size_t n, double est, double lo, double hi, int ratio,
                          srw_format_style s)
{
    interval(buf, n, 1, est, lo, hi, ratio, s);
}
