/* Funnel plot: each estimable study's effect (x) against its standard error
 * (y, zero at the top), with pseudo 95% confidence limits est +/- 1.96 SE
 * around the pooled estimate (Sterne & Egger, J Clin Epidemiol
 * 2001;54:1046) and Egger's regression test (computed by core). */
#include <math.h>
#include <stdio.h>

#include "report/svg_util.h"
#include "srw/format.h"

#define W 520.0
#define H 400.0
#define L0 70.0
#define T0 40.0
#define PW 420.0
#define PH 280.0

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about n ticks
 * over range (Heckbert, Graphics Gems 1990, "Nice numbers for graph labels"). */
static double nice_step(double range, int n)
{
    double raw = range / n, mag = pow(10.0, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* Ratio measures are drawn on the log scale but labelled as ratios: ticks at
 * the usual ratios that fall inside the axis. */
static const double ratio_ticks[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100};

int srw_report_funnel_svg(srw_buf *out, const srw_analysis *a, const srw_egger *e, const char *title)
{
    int ratio = srw_measure_is_ratio(a->opts.measure);
    double est = a->overall.estimate, se_max = 0, xr = 0;
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *s = &a->studies[i];
        if (s->estimable && isfinite(s->se) && s->se > se_max)
            se_max = s->se;
    }
    if (!(se_max > 0))
        se_max = 1;
    se_max *= 1.1;
    if (!isfinite(est))
        est = 0;
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *s = &a->studies[i];
        if (s->estimable && isfinite(s->yi) && fabs(s->yi - est) > xr)
            xr = fabs(s->yi - est);
    }
    if (1.96 * se_max > xr)
        xr = 1.96 * se_max;
    xr *= 1.05;
    double xmin = est - xr, xmax = est + xr;
#define X(v) (L0 + ((v) - xmin) / (xmax - xmin) * PW)
#define Y(s) (T0 + (s) / se_max * PH)
    svg_open(out, W, H, title);
    srw_buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#000000\"/>\n", L0, T0, PW, PH);
    /* pseudo 95% limits and the pooled estimate */
    srw_buf_printf(out, "<polyline class=\"limits\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#555555\" stroke-dasharray=\"5,4\"/>\n",
                   X(est - 1.96 * se_max), Y(se_max), X(est), Y(0), X(est + 1.96 * se_max), Y(se_max));
    srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", X(est), Y(0), X(est), Y(se_max));
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *s = &a->studies[i];
        if (!s->estimable || !isfinite(s->yi) || !isfinite(s->se))
            continue;
        srw_buf_printf(out, "<circle class=\"study\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f5fa8\"><title>", X(s->yi), Y(s->se));
        srw_buf_put_xml(out, s->study);
        srw_buf_puts(out, "</title></circle>\n");
    }
    /* axes: round-numbered ticks */
    char lab[32];
    int n_x = 0;
    if (ratio) {
        for (size_t t = 0; t < sizeof ratio_ticks / sizeof ratio_ticks[0]; t++) {
            double v = log(ratio_ticks[t]);
            if (v < xmin || v > xmax)
                continue;
            srw_format_num(lab, sizeof lab, ratio_ticks[t], ratio_ticks[t] < 0.1 ? 2 : ratio_ticks[t] < 1 ? 1 : 0,
                           SRW_FORMAT_PAGE);
            srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", X(v), T0 + PH, X(v), T0 + PH + 5);
            svg_text(out, X(v), T0 + PH + 20, "middle", "normal", lab);
            n_x++;
        }
    }
    if (n_x < 2) {
        double step = nice_step(xmax - xmin, 4);
        int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
        for (double v = ceil(xmin / step) * step; v <= xmax + 1e-12; v += step) {
            if (ratio) /* a narrow ratio axis: label the ratios themselves */
                srw_format_num(lab, sizeof lab, exp(v), 2, SRW_FORMAT_PAGE);
            else
                srw_format_num(lab, sizeof lab, fabs(v) < step / 2 ? 0 : v, dec, SRW_FORMAT_PAGE);
            srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", X(v), T0 + PH, X(v), T0 + PH + 5);
            svg_text(out, X(v), T0 + PH + 20, "middle", "normal", lab);
        }
    }
    double sstep = nice_step(se_max, 4);
    int sdec = sstep >= 1 ? 0 : (int)ceil(-log10(sstep) - 1e-9);
    for (double sv = 0; sv <= se_max + 1e-12; sv += sstep) {
        srw_format_num(lab, sizeof lab, sv, sdec, SRW_FORMAT_PAGE);
        srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", L0 - 5, Y(sv), L0, Y(sv));
        svg_text(out, L0 - 8, Y(sv) + 4, "end", "normal", lab);
    }
    char xl[80];
    snprintf(xl, sizeof xl, "%s%s", srw_measure_name(a->opts.measure), ratio ? " (log scale)" : "");
    svg_text(out, L0 + PW / 2, T0 + PH + 40, "middle", "bold", xl);
    srw_buf_printf(out, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" transform=\"rotate(-90 18 %.1f)\">SE</text>\n",
                   T0 + PH / 2, T0 + PH / 2);
    char eg[200];
    if (e && e->computed) {
        char b0[32], p[32];
        srw_format_num(b0, sizeof b0, e->intercept, 2, SRW_FORMAT_TEXT);
        srw_format_p(p, sizeof p, e->pvalue, SRW_FORMAT_TEXT);
        snprintf(eg, sizeof eg, "Egger's test: intercept %s, t = %.2f, df = %.0f (%s)", b0, e->stat, e->df, p);
    } else {
        snprintf(eg, sizeof eg, "Egger's test: not computed (%s)", e && e->note ? e->note : "not available");
    }
    svg_text(out, L0, 24, "start", "normal", eg);
    svg_close(out);
#undef X
#undef Y
    return out->oom ? SRW_ENOMEM : 0;
}
