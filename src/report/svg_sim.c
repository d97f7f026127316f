/* The chart of a simulation study: coverage of the 95% CI against the
 * number of studies k, one line per method, one panel per true tau^2 (the
 * panels share their y axis so they compare at a glance), with the nominal
 * 95% drawn dashed.  The k values sit at even steps, labelled, so that
 * k = 3, 5, 10, 20 spread over the panel. */
#include "srw/simreport.h"

#include <math.h>
#include <stdio.h>

#include "report/svg_util.h"
#include "srw/decimal.h"

#define PANEL_W 250.0
#define PANEL_H 190.0
#define GAP 40.0
#define LEFT 60.0
#define TOP 56.0
#define PAD 16.0 /* between the frame and the first and last k */
#define PER_ROW 3

/* Okabe & Ito's colours, told apart with colour-blindness too; methods
 * past the eighth repeat them dashed. */
static const char *const colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                      "#E69F00", "#56B4E9", "#000000", "#999999"};
#define N_COLOURS (sizeof colours / sizeof colours[0])

static const char *dash_of(size_t m)
{
    return m >= N_COLOURS ? " stroke-dasharray=\"6,3\"" : "";
}

/* The y axis: from a multiple of 0.05 below the lowest coverage (at most
 * 0.90, so that the 95% line never sits at the bottom) up to 1. */
static double y_floor(const srw_sim_row *rows, size_t n)
{
    double lo = 0.90;
    for (size_t i = 0; i < n; i++)
        if (isfinite(rows[i].coverage) && rows[i].coverage < lo)
            lo = rows[i].coverage;
    lo = floor((lo - 0.005) * 20.0) / 20.0;
    return lo < 0.0 ? 0.0 : lo;
}

static void put_panel(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows, size_t t, double x0,
                      double y0, double ylo)
{
    const srw_sim_options *o = &r->opts;
    char buf[96], num[64];
    double span = o->n_k > 1 ? (PANEL_W - 2 * PAD) / (double)(o->n_k - 1) : 0.0;
#define PX(i) (x0 + (o->n_k > 1 ? PAD + (double)(i) * span : PANEL_W / 2.0))
#define PY(c) (y0 + (1.0 - (c)) / (1.0 - ylo) * PANEL_H)
    srw_number_text(o->tau2[t], num, sizeof num);
    snprintf(buf, sizeof buf, "\xcf\x84\xc2\xb2 = %s", num); /* tau squared */
    svg_text(out, x0 + PANEL_W / 2.0, y0 - 8.0, "middle", "bold", buf);
    srw_buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#000000\"/>\n",
                   x0, y0, PANEL_W, PANEL_H);
    double step = 1.0 - ylo > 0.3 ? 0.1 : 0.05;
    for (double c = 1.0; c >= ylo - 1e-9; c -= step) {
        srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n", x0, PY(c),
                       x0 + PANEL_W, PY(c));
        snprintf(buf, sizeof buf, "%.2f", fabs(c) < 1e-9 ? 0.0 : c);
        svg_text(out, x0 - 5.0, PY(c) + 4.0, "end", "normal", buf);
    }
    srw_buf_printf(out,
                   "<line class=\"nominal\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
                   "stroke-dasharray=\"5,4\"/>\n",
                   x0, PY(0.95), x0 + PANEL_W, PY(0.95));
    for (size_t i = 0; i < o->n_k; i++) {
        snprintf(buf, sizeof buf, "%u", o->k[i]);
        svg_text(out, PX(i), y0 + PANEL_H + 16.0, "middle", "normal", buf);
    }
    svg_text(out, x0 + PANEL_W / 2.0, y0 + PANEL_H + 32.0, "middle", "normal", "k (studies)");
    for (size_t m = 0; m < o->n_methods; m++) {
        const char *col = colours[m % N_COLOURS];
        /* A line through the defined points, broken where one is not. */
        int open = 0;
        for (size_t i = 0; i < o->n_k; i++) {
            double c = rows[((i * o->n_tau2) + t) * o->n_methods + m].coverage;
            if (!isfinite(c)) {
                if (open)
                    srw_buf_printf(out, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", col, dash_of(m));
                open = 0;
                continue;
            }
            srw_buf_printf(out, open ? " %.1f,%.1f" : "<polyline class=\"method\" points=\"%.1f,%.1f", PX(i), PY(c));
            open = 1;
        }
        if (open)
            srw_buf_printf(out, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", col, dash_of(m));
        for (size_t i = 0; i < o->n_k; i++) {
            double c = rows[((i * o->n_tau2) + t) * o->n_methods + m].coverage;
            if (isfinite(c))
                srw_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", PX(i), PY(c), col);
        }
    }
#undef PX
#undef PY
}

int srw_report_sim_svg(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows)
{
    const srw_sim_options *o = &r->opts;
    size_t n_rows = srw_sim_n_rows(r);
    size_t cols = o->n_tau2 < PER_ROW ? o->n_tau2 : PER_ROW, lines = (o->n_tau2 + PER_ROW - 1) / PER_ROW;
    double band = PANEL_H + 70.0; /* a panel with its title and k labels */
    double legend_y = TOP + (double)lines * band;
    double w = LEFT + (double)cols * (PANEL_W + GAP), h = legend_y + 22.0 * (double)o->n_methods + 20.0;
    if (w < 420.0)
        w = 420.0;
    char title[160], reps[32];
    srw_sim_options_get(reps, sizeof reps, o, "reps");
    snprintf(title, sizeof title, "Coverage of the 95%% CI by number of studies (%s, %s replications per scenario)",
             srw_measure_name(o->measure), reps);
    svg_open(out, w, h, title);
    svg_text(out, LEFT, 22.0, "start", "bold", title);
    double ylo = y_floor(rows, n_rows);
    for (size_t t = 0; t < o->n_tau2; t++)
        put_panel(out, r, rows, t, LEFT + (double)(t % PER_ROW) * (PANEL_W + GAP),
                  TOP + (double)(t / PER_ROW) * band, ylo);
    char name[32];
    for (size_t m = 0; m < o->n_methods; m++) {
        double y = legend_y + 22.0 * (double)m;
        srw_buf_printf(out,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                       LEFT, y, LEFT + 30.0, y, colours[m % N_COLOURS], dash_of(m));
        srw_sim_method_name(name, sizeof name, o->methods[m]);
        svg_text(out, LEFT + 38.0, y + 4.0, "start", "normal", name);
    }
    srw_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" stroke-dasharray=\"5,4\"/>\n",
                   LEFT + 200.0, legend_y, LEFT + 230.0, legend_y);
    svg_text(out, LEFT + 238.0, legend_y + 4.0, "start", "normal", "nominal 95%");
    svg_close(out);
    return out->oom ? SRW_ENOMEM : 0;
}
