/* Number formatting for people: see include/srw/format.h. */
#include "srw/format.h"

#include <math.h>
#include <stdio.h>

void srw_format_num(char *buf, size_t n, double x, int decimals)
{
    if (!isfinite(x)) {
        snprintf(buf, n, "-");
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

void srw_format_p(char *buf, size_t n, double p)
{
    if (!isfinite(p))
        snprintf(buf, n, "P = -");
    else if (p < 0.00001)
        snprintf(buf, n, "P < 0.00001");
    else if (p < 0.001)
        snprintf(buf, n, "P = %.4f", p);
    else if (p < 0.01)
        snprintf(buf, n, "P = %.3f", p);
    else
        snprintf(buf, n, "P = %.2f", p);
}

void srw_format_effect(char *buf, size_t n, double x, int ratio)
{
    srw_format_num(buf, n, ratio && isfinite(x) ? exp(x) : x, 2);
}

void srw_format_effect_ci(char *buf, size_t n, double est, double lo, double hi, int ratio)
{
    char e[32], l[32], h[32];
    srw_format_effect(e, sizeof e, est, ratio);
    srw_format_effect(l, sizeof l, lo, ratio);
    srw_format_effect(h, sizeof h, hi, ratio);
    snprintf(buf, n, "%s [%s, %s]", e, l, h);
}

void srw_format_count(char *buf, size_t n, double x)
{
    if (!isfinite(x))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.0f", x);
}
