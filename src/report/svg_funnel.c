/* Contour-enhanced funnel plot (Peters JL, Sutton AJ, Jones DR, Abrams KR,
 * Rushton L. Contour-enhanced meta-analysis funnel plots help distinguish
 * publication bias from other causes of asymmetry. J Clin Epidemiol
 * 2008;61:991-996): each estimable study's effect (x) against its standard
 * error (y, zero at the top) over bands of the significance a study at
 * that point would have on its own (|effect| / SE beyond 1.645, 1.96 and
 * 2.576: p 0.10, 0.05, 0.01), with the pooled estimate and its pseudo 95%
 * limits (Sterne & Egger, J Clin Epidemiol 2001;54:1046), the studies
 * trim-and-fill adds (open circles), and Egger's, Begg's and trim-and-fill's
 * results as core computed them.  It lays out; it decides nothing. */
#include <math.h>
#include <stdio.h>

#include "report/svg_util.h"
#include "srw/format.h"
#include "util/text.h"

#define W 600.0
#define L0 70.0
#define T0 40.0
#define PW 460.0
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

/* The contours: the z of each band's edge, and its shade. */
static const double contour_z[3] = {2.5758293035489, 1.9599639845401, 1.6448536269515};
static const char *const band_fill[4] = {"#8c8c8c", "#b5b5b5", "#dcdcdc", "#ffffff"};
static const char *const band_label[4] = {"p < 0.01", "0.01 < p < 0.05", "0.05 < p < 0.10", "p > 0.10"};

typedef struct frame {
    double xmin, xmax, se_max;
} frame;

static double X(const frame *f, double v)
{
    return L0 + (v - f->xmin) / (f->xmax - f->xmin) * PW;
}

static double Y(const frame *f, double s)
{
    return T0 + s / f->se_max * PH;
}

static void widen(double *lo, double *hi, double v)
{
    if (isfinite(v)) {
        if (v < *lo)
            *lo = v;
        if (v > *hi)
            *hi = v;
    }
}

static void ticks(srw_buf *out, const frame *f, int ratio)
{
    char lab[32];
    int n_x = 0;
    if (ratio) {
        for (size_t t = 0; t < sizeof ratio_ticks / sizeof ratio_ticks[0]; t++) {
            double v = log(ratio_ticks[t]);
            if (v < f->xmin || v > f->xmax)
                continue;
            srw_format_num(lab, sizeof lab, ratio_ticks[t], ratio_ticks[t] < 0.1 ? 2 : ratio_ticks[t] < 1 ? 1 : 0,
                           SRW_FORMAT_PAGE);
            srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                           X(f, v), T0 + PH, X(f, v), T0 + PH + 5);
            svg_text(out, X(f, v), T0 + PH + 20, "middle", "normal", lab);
            n_x++;
        }
    }
    if (n_x < 2) {
        double step = nice_step(f->xmax - f->xmin, 4);
        int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
        for (double v = ceil(f->xmin / step) * step; v <= f->xmax + 1e-12; v += step) {
            if (ratio) /* a narrow ratio axis: label the ratios themselves */
                srw_format_num(lab, sizeof lab, exp(v), 2, SRW_FORMAT_PAGE);
            else
                srw_format_num(lab, sizeof lab, fabs(v) < step / 2 ? 0 : v, dec, SRW_FORMAT_PAGE);
            srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                           X(f, v), T0 + PH, X(f, v), T0 + PH + 5);
            svg_text(out, X(f, v), T0 + PH + 20, "middle", "normal", lab);
        }
    }
    double sstep = nice_step(f->se_max, 4);
    int sdec = sstep >= 1 ? 0 : (int)ceil(-log10(sstep) - 1e-9);
    for (double sv = 0; sv <= f->se_max + 1e-12; sv += sstep) {
        srw_format_num(lab, sizeof lab, sv, sdec, SRW_FORMAT_PAGE);
        srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", L0 - 5,
                       Y(f, sv), L0, Y(f, sv));
        svg_text(out, L0 - 8, Y(f, sv) + 4, "end", "normal", lab);
    }
}

/* "t(11) = -0.78, P = 0.45" or "z = ..., P = ..." */
static void stat_text(char *buf, size_t n, double stat, double df, double p)
{
    char st[32], pv[40];
    srw_format_num(st, sizeof st, stat, 2, SRW_FORMAT_PAGE);
    srw_format_p(pv, sizeof pv, p, SRW_FORMAT_PAGE);
    if (isfinite(df))
        snprintf(buf, n, "t(%.0f) = %s, %s", df, st, pv);
    else
        snprintf(buf, n, "z = %s, %s", st, pv);
}

/* The lines under the plot: each test that ran, with its result or state. */
static double results(srw_buf *out, const srw_analysis *a, const srw_sensitivity *s, double y)
{
    char line[400], st[160];
    int ratio = srw_measure_is_ratio(a->opts.measure);
    if (s == NULL)
        return y;
    if (s->what & SRW_SENS_SMALL_STUDY) {
        if (s->egger.computed) {
            stat_text(st, sizeof st, s->egger.stat, s->egger.df, s->egger.pvalue);
            snprintf(line, sizeof line, "Egger's regression test: %s", st);
        } else {
            snprintf(line, sizeof line, "Egger's regression test: not computed (%s)", s->egger.note);
        }
        svg_text(out, L0, y, "start", "normal", line);
        y += 18;
        if (s->begg.computed) {
            char tau[32], pv[40];
            srw_format_num(tau, sizeof tau, s->begg.tau, 2, SRW_FORMAT_PAGE);
            srw_format_p(pv, sizeof pv, s->begg.pvalue, SRW_FORMAT_PAGE);
            snprintf(line, sizeof line, "Begg's rank correlation test: Kendall's tau = %s, %s", tau, pv);
        } else {
            snprintf(line, sizeof line, "Begg's rank correlation test: not computed (%s)", s->begg.note);
        }
        svg_text(out, L0, y, "start", "normal", line);
        y += 18;
    }
    if (s->what & SRW_SENS_TRIM_FILL) {
        const srw_trim_fill *t = &s->trim_fill;
        if (t->computed) {
            char eff[96];
            srw_format_effect_ci(eff, sizeof eff, t->estimate, t->ci_lower, t->ci_upper, ratio, SRW_FORMAT_PAGE);
            snprintf(line, sizeof line, "Trim-and-fill (%s): %zu stud%s filled on the %s; %s %s",
                     srw_tf_estimator_name(t->estimator), t->k0, t->k0 == 1 ? "y" : "ies", srw_tf_side_name(t->side),
                     srw_measure_name(a->opts.measure), eff);
        } else {
            snprintf(line, sizeof line, "Trim-and-fill: not computed (%s)", t->note);
        }
        svg_text(out, L0, y, "start", "normal", line);
        y += 18;
    }
    return y;
}

int srw_report_funnel_svg(srw_buf *out, const srw_analysis *a, const srw_sensitivity *s, const char *title)
{
    int ratio = srw_measure_is_ratio(a->opts.measure);
    const srw_trim_fill *tf = s != NULL && (s->what & SRW_SENS_TRIM_FILL) && s->trim_fill.computed ? &s->trim_fill
                                                                                                    : NULL;
    double est = a->overall.estimate, se_max = 0, lo = 0, hi = 0;
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *st = &a->studies[i];
        if (st->estimable && isfinite(st->se) && st->se > se_max)
            se_max = st->se;
    }
    for (size_t i = 0; tf != NULL && i < tf->n_filled; i++)
        if (isfinite(tf->filled_se[i]) && tf->filled_se[i] > se_max)
            se_max = tf->filled_se[i];
    if (!(se_max > 0))
        se_max = 1;
    se_max *= 1.1;
    if (!isfinite(est))
        est = 0;
    /* The axis holds every point, the pooled estimate's pseudo limits and
     * the outermost contour at the bottom, so the bands need no clipping. */
    for (size_t i = 0; i < a->n_studies; i++)
        if (a->studies[i].estimable)
            widen(&lo, &hi, a->studies[i].yi);
    for (size_t i = 0; tf != NULL && i < tf->n_filled; i++)
        widen(&lo, &hi, tf->filled_yi[i]);
    widen(&lo, &hi, est - 1.96 * se_max);
    widen(&lo, &hi, est + 1.96 * se_max);
    widen(&lo, &hi, -contour_z[0] * se_max);
    widen(&lo, &hi, contour_z[0] * se_max);
    double pad = 0.05 * (hi - lo);
    frame f = {lo - pad, hi + pad, se_max};
    double legend_y = T0 + PH + 62;
    int n_lines = s == NULL ? 0 : ((s->what & SRW_SENS_SMALL_STUDY) ? 2 : 0) + ((s->what & SRW_SENS_TRIM_FILL) ? 1 : 0);
    svg_open(out, W, legend_y + 30 + 18.0 * n_lines + 10, title);
    /* The bands, outermost first, each drawn over the last. */
    srw_buf_printf(out, "<rect class=\"contour\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", L0,
                   T0, PW, PH, band_fill[0]);
    for (int c = 0; c < 3; c++) {
        double z = contour_z[c];
        srw_buf_printf(out,
                       "<polygon class=\"contour\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" stroke=\"none\"/>\n",
                       X(&f, 0), Y(&f, 0), X(&f, z * se_max), Y(&f, se_max), X(&f, -z * se_max), Y(&f, se_max),
                       band_fill[c + 1]);
    }
    srw_buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#000000\"/>\n",
                   L0, T0, PW, PH);
    /* pseudo 95% limits around the pooled estimate, and the estimate */
    srw_buf_printf(out,
                   "<polyline class=\"limits\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#333333\" "
                   "stroke-dasharray=\"5,4\"/>\n",
                   X(&f, est - 1.96 * se_max), Y(&f, se_max), X(&f, est), Y(&f, 0), X(&f, est + 1.96 * se_max),
                   Y(&f, se_max));
    srw_buf_printf(out, "<line class=\"pooled\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                   X(&f, est), Y(&f, 0), X(&f, est), Y(&f, se_max));
    for (size_t i = 0; i < a->n_studies; i++) {
        const srw_study_result *st = &a->studies[i];
        if (!st->estimable || !isfinite(st->yi) || !isfinite(st->se))
            continue;
        srw_buf_printf(out, "<circle class=\"study\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f5fa8\"><title>",
                       X(&f, st->yi), Y(&f, st->se));
        srw_buf_put_xml(out, st->study);
        srw_buf_puts(out, "</title></circle>\n");
    }
    for (size_t i = 0; tf != NULL && i < tf->n_filled; i++)
        srw_buf_printf(out,
                       "<circle class=\"filled\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"#1f5fa8\" "
                       "stroke-width=\"1.5\"><title>filled by trim-and-fill</title></circle>\n",
                       X(&f, tf->filled_yi[i]), Y(&f, tf->filled_se[i]));
    ticks(out, &f, ratio);
    char xl[80];
    snprintf(xl, sizeof xl, "%s%s", srw_measure_name(a->opts.measure), ratio ? " (log scale)" : "");
    svg_text(out, L0 + PW / 2, T0 + PH + 40, "middle", "bold", xl);
    srw_buf_printf(out,
                   "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" transform=\"rotate(-90 18 "
                   "%.1f)\">SE</text>\n",
                   T0 + PH / 2, T0 + PH / 2);
    svg_text(out, L0, 24, "start", "bold", "Contour-enhanced funnel plot");
    /* The legend: the bands (a study's own p-value there), then the marks. */
    double x = L0;
    for (int b = 3; b >= 0; b--) {
        srw_buf_printf(out,
                       "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#000000\" "
                       "stroke-width=\"0.5\"/>\n",
                       x, legend_y - 10, band_fill[b]);
        svg_text(out, x + 16, legend_y, "start", "normal", band_label[b]);
        x += 16 + svg_text_width(band_label[b]) + 14;
    }
    srw_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f5fa8\"/>\n", L0 + 4, legend_y + 14);
    svg_text(out, L0 + 14, legend_y + 18, "start", "normal", "study");
    if (tf != NULL && tf->n_filled > 0) {
        srw_buf_printf(out,
                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"/>\n",
                       L0 + 74, legend_y + 14);
        svg_text(out, L0 + 84, legend_y + 18, "start", "normal", "filled by trim-and-fill");
    }
    results(out, a, s, legend_y + 44);
    svg_close(out);
    return out->oom ? SRW_ENOMEM : 0;
}
