/* The forest plot, laid out like RevMan 5's (columns: study, experimental
 * and control arm data, weight, effect [95% CI], the plot, risk-of-bias
 * dots; then totals, heterogeneity, the test for the overall effect and for
 * subgroup differences).  Layout only: every number is from srw_analysis. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/svg_util.h"
#include "srw/format.h"
#include "util/text.h"

#define ROW 20.0
#define PLOT_W 260.0       /* the plot's width, at least */
#define DECADE_W 60.0      /* a ratio axis gives each factor of ten this much, at least */
#define COL_W 52.0
#define DOT_R 6.0
#define DOT_STEP 15.0

typedef struct layout {
    const srw_analysis *a;
    const srw_outcome_data *d;
    int ratio, ncols, show_rob;
    double x_study, x_exp, x_ctl, x_weight, x_effect, x_plot, x_rob, width;
    double lim;           /* the axis covers [-lim, lim] on the analysis scale */
    double plot_w;        /* the plot's width: PLOT_W, more for a wide ratio axis */
    double ticks[9];
    int n_ticks;
    srw_buf *b;
    double y;
    const size_t *order;  /* the rows' order (--sort), NULL: the studies' */
} layout;

/* The study shown in row i. */
static size_t row_study(const layout *L, size_t i)
{
    return L->order != NULL ? L->order[i] : i;
}

/* The measure in words, as RevMan titles its forest plots (the measure
 * table's label; "Estimate" for generic records). */
static const char *measure_title(srw_measure m)
{
    const char *label = srw_measure_label(m);
    return label ? label : "Estimate";
}

/* RevMan's header ("M-H, Random, 95% CI"), naming the tau-squared
 * estimator and the interval where they are not RevMan's (DerSimonian-Laird,
 * Wald): "IV, Random, REML, HKSJ, 95% CI".  A reader of the plot alone
 * would otherwise take REML and Hartung-Knapp for RevMan's methods. */
static void method_line(char *buf, size_t n, const srw_pool_options *o)
{
    const char *m = o->method == SRW_METHOD_MH ? "M-H" : o->method == SRW_METHOD_PETO ? "Peto" : "IV";
    int random = o->model != SRW_MODEL_FIXED;
    size_t len = (size_t)snprintf(buf, n, "%s, %s", m, random ? "Random" : "Fixed");
    if (random && o->tau2 != SRW_TAU2_DL && len < n)
        len += (size_t)snprintf(buf + len, n - len, ", %s", srw_tau2_method_name(o->tau2));
    if (o->ci == SRW_CI_HKSJ && len < n)
        len += (size_t)snprintf(buf + len, n - len, ", HKSJ");
    if (len < n)
        snprintf(buf + len, n - len, ", %.0f%% CI", o->level);
}

/* x of an analysis-scale value, clipped to the axis (an interval that runs
 * past it gets an arrow: arrow_ends). */
static double xpos(const layout *L, double v)
{
    if (v < -L->lim)
        v = -L->lim;
    if (v > L->lim)
        v = L->lim;
    return L->x_plot + L->plot_w / 2 + v / L->lim * (L->plot_w / 2 - 10);
}

/* An arrowhead at each end of [lo, hi] that runs past the axis, as RevMan
 * draws one, its base on the axis's end and its point beyond: the line (or
 * diamond) stops at the axis, and without the arrow
 * [-13.91, 11.50] on a -5 to 5 axis would look like [-5, 5]. */
static void arrow_ends(const layout *L, double lo, double hi, double c)
{
    if (lo < -L->lim) {
        double x = xpos(L, lo);
        srw_buf_printf(L->b, "<path class=\"arrow\" d=\"M %.1f,%.1f L %.1f,%.1f L %.1f,%.1f Z\" fill=\"#000000\"/>\n",
                       x - 7, c, x, c - 4, x, c + 4);
    }
    if (hi > L->lim) {
        double x = xpos(L, hi);
        srw_buf_printf(L->b, "<path class=\"arrow\" d=\"M %.1f,%.1f L %.1f,%.1f L %.1f,%.1f Z\" fill=\"#000000\"/>\n",
                       x + 7, c, x, c - 4, x, c + 4);
    }
}

static void widen(double *r, double v)
{
    if (isfinite(v) && fabs(v) > *r)
        *r = fabs(v);
}

/* Symmetric axis with RevMan-like ticks. */
static void choose_axis(layout *L)
{
    const srw_analysis *a = L->a;
    double r = 0;
    for (size_t i = 0; i < a->n_studies; i++)
        if (a->studies[i].estimable) {
            widen(&r, a->studies[i].ci_lower);
            widen(&r, a->studies[i].ci_upper);
        }
    widen(&r, a->overall.ci_lower);
    widen(&r, a->overall.ci_upper);
    widen(&r, a->overall.pi_lower);
    widen(&r, a->overall.pi_upper);
    if (L->ratio) {
        static const struct { double lim; int n; double t[7]; } sets[] = {
            {2, 5, {0.5, 0.7, 1, 1.5, 2}},       {5, 5, {0.2, 0.5, 1, 2, 5}},
            {10, 7, {0.1, 0.2, 0.5, 1, 2, 5, 10}}, {20, 5, {0.05, 0.2, 1, 5, 20}},
            {50, 5, {0.02, 0.1, 1, 10, 50}},     {100, 5, {0.01, 0.1, 1, 10, 100}},
            {1000, 7, {0.001, 0.01, 0.1, 1, 10, 100, 1000}},
        };
        size_t i = 0;
        while (i + 1 < sizeof sets / sizeof sets[0] && log(sets[i].lim) < r)
            i++;
        L->lim = log(sets[i].lim);
        L->n_ticks = sets[i].n;
        for (int t = 0; t < sets[i].n; t++)
            L->ticks[t] = log(sets[i].t[t]);
        /* Each factor of ten gets DECADE_W at least: 0.001 to 1000 in the
         * 240 pixels of a 0.5 to 2 axis puts its labels on top of each
         * other. */
        double decades = 2 * L->lim / log(10.0);
        if (decades * DECADE_W + 20 > L->plot_w)
            L->plot_w = decades * DECADE_W + 20;
        return;
    }
    if (!(r > 0))
        r = 1;
    double p = pow(10, floor(log10(r))), m = p;
    if (m < r)
        m = 2 * p;
    if (m < r)
        m = 5 * p;
    if (m < r)
        m = 10 * p;
    L->lim = m;
    L->n_ticks = 5;
    for (int t = 0; t < 5; t++)
        L->ticks[t] = -m + t * m / 2;
}

static void num_or_dash(char *buf, size_t n, double x)
{
    if (!isfinite(x))
        snprintf(buf, n, "%s", srw_format_missing(SRW_FORMAT_PAGE));
    else
        snprintf(buf, n, "%.6g", x);
}

/* The arm columns of one row (or of a total row when r is NULL). */
static void arm_cells(layout *L, const srw_study_row *r, const srw_pooled *tot, int bold)
{
    char v[6][40];
    const char *w = bold ? "bold" : "normal";
    int t = L->a->type;
    for (int i = 0; i < 6; i++)
        v[i][0] = '\0';
    if (r != NULL && t == SRW_TYPE_DICHOTOMOUS) {
        num_or_dash(v[0], 40, r->exp_events);
        num_or_dash(v[1], 40, r->exp_total);
        num_or_dash(v[3], 40, r->ctl_events);
        num_or_dash(v[4], 40, r->ctl_total);
    } else if (r != NULL && t == SRW_TYPE_CONTINUOUS) {
        num_or_dash(v[0], 40, r->exp_mean);
        num_or_dash(v[1], 40, r->exp_sd);
        num_or_dash(v[2], 40, r->exp_total);
        num_or_dash(v[3], 40, r->ctl_mean);
        num_or_dash(v[4], 40, r->ctl_sd);
        num_or_dash(v[5], 40, r->ctl_total);
    } else if (r != NULL) {
        num_or_dash(v[0], 40, r->estimate);
        num_or_dash(v[1], 40, r->se);
        num_or_dash(v[2], 40, r->exp_total);
        num_or_dash(v[5], 40, r->ctl_total);
    } else if (tot != NULL) {
        int ti = t == SRW_TYPE_DICHOTOMOUS ? 1 : 2;
        srw_format_count(v[ti], 40, tot->exp_total, SRW_FORMAT_TEXT);
        srw_format_count(v[ti + 3], 40, tot->ctl_total, SRW_FORMAT_TEXT);
        if (!isfinite(tot->exp_total) || tot->exp_total <= 0)
            v[ti][0] = '\0';
        if (!isfinite(tot->ctl_total) || tot->ctl_total <= 0)
            v[ti + 3][0] = '\0';
    }
    for (int i = 0; i < L->ncols; i++) {
        if (v[i][0])
            svg_text(L->b, L->x_exp + (i + 1) * COL_W - 4, L->y, "end", w, v[i]);
        if (v[3 + i][0])
            svg_text(L->b, L->x_ctl + (i + 1) * COL_W - 4, L->y, "end", w, v[3 + i]);
    }
}

static void diamond(layout *L, const srw_pooled *p)
{
    if (!isfinite(p->estimate) || !isfinite(p->ci_lower) || !isfinite(p->ci_upper))
        return;
    double c = L->y - 5;
    srw_buf_printf(L->b, "<polygon class=\"diamond\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#000000\"/>\n",
                   xpos(L, p->ci_lower), c, xpos(L, p->estimate), c - 6, xpos(L, p->ci_upper), c,
                   xpos(L, p->estimate), c + 6);
    arrow_ends(L, p->ci_lower, p->ci_upper, c);
}

static void pooled_row(layout *L, const char *label, const srw_pooled *p, int show_weight)
{
    char e[96];
    svg_text(L->b, L->x_study, L->y, "start", "bold", label);
    arm_cells(L, NULL, p, 1);
    if (show_weight)
        svg_text(L->b, L->x_weight + 50, L->y, "end", "bold", "100.0%");
    if (p->k == 0)
        snprintf(e, sizeof e, "Not estimable");
    else
        srw_format_effect_ci(e, sizeof e, p->estimate, p->ci_lower, p->ci_upper, L->ratio, SRW_FORMAT_PAGE);
    svg_text(L->b, L->x_effect + 4, L->y, "start", "bold", e);
    diamond(L, p);
    L->y += ROW;
}

/* A total (or subtotal) the analysis does not report: the reason, no
 * diamond. */
static void no_total_row(layout *L, const char *label, const char *why)
{
    char buf[200];
    svg_text(L->b, L->x_study, L->y, "start", "bold", label);
    srw_snprintf_utf8(buf, sizeof buf, "Not pooled: %s", why);
    svg_text(L->b, L->x_exp, L->y, "start", "normal", buf);
    L->y += ROW;
}

static void events_row(layout *L, const srw_pooled *p)
{
    if (L->a->type != SRW_TYPE_DICHOTOMOUS)
        return;
    char v[40];
    svg_text(L->b, L->x_study, L->y, "start", "normal", "Total events");
    srw_format_count(v, sizeof v, p->exp_events, SRW_FORMAT_TEXT);
    svg_text(L->b, L->x_exp + COL_W - 4, L->y, "end", "normal", v);
    srw_format_count(v, sizeof v, p->ctl_events, SRW_FORMAT_TEXT);
    svg_text(L->b, L->x_ctl + COL_W - 4, L->y, "end", "normal", v);
    L->y += ROW;
}

static void pi_row(layout *L, const srw_pooled *p)
{
    if (!isfinite(p->pi_lower) || !isfinite(p->pi_upper) || !srw_pool_shows_pi(&L->a->opts))
        return;
    char lo[32], hi[32], t[80];
    srw_format_effect(lo, sizeof lo, p->pi_lower, L->ratio, SRW_FORMAT_PAGE);
    srw_format_effect(hi, sizeof hi, p->pi_upper, L->ratio, SRW_FORMAT_PAGE);
    snprintf(t, sizeof t, "[%s, %s]", lo, hi);
    svg_text(L->b, L->x_study, L->y, "start", "normal", "Prediction interval");
    svg_text(L->b, L->x_effect + 4, L->y, "start", "normal", t);
    double c = L->y - 5, x0 = xpos(L, p->pi_lower), x1 = xpos(L, p->pi_upper);
    srw_buf_printf(L->b, "<g class=\"pi\" stroke=\"#000000\" stroke-width=\"2\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
                   x0, c, x1, c, x0, c - 4, x0, c + 4, x1, c - 4, x1, c + 4);
    arrow_ends(L, p->pi_lower, p->pi_upper, c);
    L->y += ROW;
}

static void het_rows(layout *L, const srw_pooled *p)
{
    char buf[300], q[40], pv[40], t2[40];
    if (p->k < 2 || !isfinite(p->Q)) {
        svg_text(L->b, L->x_study, L->y, "start", "normal", "Heterogeneity: Not applicable");
    } else {
        srw_format_num(q, sizeof q, p->Q, 2, SRW_FORMAT_TEXT);
        srw_format_p(pv, sizeof pv, p->Q_pvalue, SRW_FORMAT_TEXT);
        char i2[16];
        srw_i2_text(i2, sizeof i2, isfinite(p->I2) ? p->I2 : 0.0);
        if (L->a->opts.model == SRW_MODEL_RANDOM) {
            srw_format_num(t2, sizeof t2, p->tau2, 2, SRW_FORMAT_TEXT);
            snprintf(buf, sizeof buf, "Heterogeneity: Tau\xc2\xb2 = %s; Chi\xc2\xb2 = %s, df = %.0f (%s); I\xc2\xb2 = %s",
                     t2, q, p->Q_df, pv, i2);
        } else {
            snprintf(buf, sizeof buf, "Heterogeneity: Chi\xc2\xb2 = %s, df = %.0f (%s); I\xc2\xb2 = %s", q, p->Q_df, pv,
                     i2);
        }
        svg_text(L->b, L->x_study, L->y, "start", "normal", buf);
    }
    L->y += ROW;
    if (p->k == 0 || !isfinite(p->stat)) {
        svg_text(L->b, L->x_study, L->y, "start", "normal", "Test for overall effect: Not applicable");
    } else {
        char z[40];
        srw_format_num(z, sizeof z, fabs(p->stat), 2, SRW_FORMAT_TEXT);
        srw_format_p(pv, sizeof pv, p->pvalue, SRW_FORMAT_TEXT);
        if (isfinite(p->stat_df))
            snprintf(buf, sizeof buf, "Test for overall effect: t = %s, df = %.0f (%s)", z, p->stat_df, pv);
        else
            snprintf(buf, sizeof buf, "Test for overall effect: Z = %s (%s)", z, pv);
        svg_text(L->b, L->x_study, L->y, "start", "normal", buf);
    }
    L->y += ROW;
}

static void study_row(layout *L, size_t i)
{
    const srw_study_result *s = &L->a->studies[i];
    const srw_study_row *r = L->d && i < L->d->set.k ? &L->d->rows[i] : NULL;
    char e[96], w[32];
    svg_text(L->b, L->x_study, L->y, "start", "normal", s->study);
    if (r)
        arm_cells(L, r, NULL, 0);
    if (s->estimable) {
        if (isfinite(s->weight))
            snprintf(w, sizeof w, "%.1f%%", s->weight);
        else /* nothing pooled: no weight */
            snprintf(w, sizeof w, "%s", srw_format_missing(SRW_FORMAT_PAGE));
        svg_text(L->b, L->x_weight + 50, L->y, "end", "normal", w);
        srw_format_effect_ci(e, sizeof e, s->yi, s->ci_lower, s->ci_upper, L->ratio, SRW_FORMAT_PAGE);
        svg_text(L->b, L->x_effect + 4, L->y, "start", "normal", e);
        double c = L->y - 5;
        srw_buf_printf(L->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                       xpos(L, s->ci_lower), c, xpos(L, s->ci_upper), c);
        arrow_ends(L, s->ci_lower, s->ci_upper, c);
        double side = 4 + 12 * sqrt((isfinite(s->weight) ? s->weight : 0) / 100.0);
        if (fabs(s->yi) <= L->lim)
            srw_buf_printf(L->b, "<rect class=\"study\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                           xpos(L, s->yi) - side / 2, c - side / 2, side, side,
                           L->a->type == SRW_TYPE_DICHOTOMOUS ? "#1f5fa8" : "#2e8b57");
    } else {
        svg_text(L->b, L->x_effect + 4, L->y, "start", "normal", "Not estimable");
    }
    if (L->show_rob && L->d)
        for (int k = 0; k < SRW_ROB_N; k++)
            svg_rob_dot(L->b, L->x_rob + DOT_R + k * DOT_STEP, L->y - 5, DOT_R, L->d->info[i].rob[k]);
    L->y += ROW;
}

static int in_group(const srw_study_result *s, const char *name)
{
    return name ? (s->subgroup && strcmp(s->subgroup, name) == 0) : (s->subgroup == NULL || !*s->subgroup);
}

static void header(layout *L, const char *arm_exp, const char *arm_ctl)
{
    static const char *dich[] = {"Events", "Total"}, *cont[] = {"Mean", "SD", "Total"},
                      *gen[] = {"Estimate", "SE", "Total"};
    const char **cols = L->a->type == SRW_TYPE_DICHOTOMOUS ? dich : L->a->type == SRW_TYPE_CONTINUOUS ? cont : gen;
    char m[80];
    method_line(m, sizeof m, &L->a->opts);
    double y1 = 20, y2 = 40;
    if (L->ncols > 0) {
        svg_text(L->b, L->x_exp + L->ncols * COL_W / 2, y1, "middle", "bold", arm_exp);
        svg_text(L->b, L->x_ctl + L->ncols * COL_W / 2, y1, "middle", "bold", arm_ctl);
    }
    svg_text(L->b, L->x_study, y2, "start", "bold", "Study or Subgroup");
    for (int i = 0; i < L->ncols; i++) {
        const char *c = L->a->type == SRW_TYPE_GENERIC && i == 2 ? "" : cols[i];
        svg_text(L->b, L->x_exp + (i + 1) * COL_W - 4, y2, "end", "bold", L->a->type == SRW_TYPE_GENERIC && i == 2 ? "Total" : c);
        svg_text(L->b, L->x_ctl + (i + 1) * COL_W - 4, y2, "end", "bold", L->a->type == SRW_TYPE_GENERIC ? (i == 2 ? "Total" : "") : c);
    }
    svg_text(L->b, L->x_weight + 50, y2, "end", "bold", "Weight");
    svg_text(L->b, L->x_effect + 4, y1, "start", "bold", measure_title(L->a->opts.measure));
    svg_text(L->b, L->x_effect + 4, y2, "start", "bold", m);
    svg_text(L->b, L->x_plot + L->plot_w / 2, y1, "middle", "bold", measure_title(L->a->opts.measure));
    svg_text(L->b, L->x_plot + L->plot_w / 2, y2, "middle", "bold", m);
    if (L->show_rob) {
        svg_text(L->b, L->x_rob + 3 * DOT_STEP + DOT_R, y1, "middle", "bold", "Risk of Bias");
        for (int k = 0; k < SRW_ROB_N; k++) {
            char c[2] = {(char)('A' + k), '\0'};
            svg_text(L->b, L->x_rob + DOT_R + k * DOT_STEP, y2, "middle", "bold", c);
        }
    }
    srw_buf_printf(L->b, "<line x1=\"%.1f\" y1=\"46\" x2=\"%.1f\" y2=\"46\" stroke=\"#000000\"/>\n", L->x_study, L->width - 10);
}

/* "Botulinum toxin A vs saline placebo" -> "Botulinum toxin A", "saline placebo". */
static void arm_names(const srw_outcome_data *d, char *exp_name, char *ctl_name, size_t n)
{
    snprintf(exp_name, n, "Intervention");
    snprintf(ctl_name, n, "Control");
    if (d == NULL)
        return;
    const char *c = d->comparison, *vs = c ? strstr(c, " vs ") : NULL;
    if (vs) {
        srw_snprintf_utf8(exp_name, n, "%.*s", (int)(vs - c), c);
        srw_snprintf_utf8(ctl_name, n, "%s", vs + 4);
        if (strncmp(ctl_name, "vs. ", 4) == 0)
            memmove(ctl_name, ctl_name + 4, strlen(ctl_name + 4) + 1);
    } else {
        if (d->intervention && strlen(d->intervention) < 28)
            srw_snprintf_utf8(exp_name, n, "%s", d->intervention);
        if (d->comparator && strlen(d->comparator) < 28)
            srw_snprintf_utf8(ctl_name, n, "%s", d->comparator);
    }
}

static void axis(layout *L, const char *exp_name, const char *ctl_name)
{
    srw_buf *b = L->b;
    double top = 50, y = L->y - 8;
    double x0 = xpos(L, 0);
    srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", x0, top, x0, y);
    srw_buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                   xpos(L, L->ticks[0]), y, xpos(L, L->ticks[L->n_ticks - 1]), y);
    for (int t = 0; t < L->n_ticks; t++) {
        char lab[32];
        double v = L->ratio ? exp(L->ticks[t]) : L->ticks[t];
        snprintf(lab, sizeof lab, "%g", fabs(v) < 1e-12 ? 0.0 : v);
        double x = xpos(L, L->ticks[t]);
        srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", x, y, x, y + 5);
        svg_text(b, x, y + 18, "middle", "normal", lab);
    }
    /* Which side favours the intervention depends on the outcome's
     * direction: lower_is_better puts benefit on the left. */
    char left[160], right[160];
    srw_direction dir = L->d ? L->d->direction : SRW_DIR_UNSET;
    if (dir == SRW_DIR_LOWER_IS_BETTER) {
        srw_snprintf_utf8(left, sizeof left, "Favours %s", exp_name);
        srw_snprintf_utf8(right, sizeof right, "Favours %s", ctl_name);
    } else if (dir == SRW_DIR_HIGHER_IS_BETTER) {
        srw_snprintf_utf8(left, sizeof left, "Favours %s", ctl_name);
        srw_snprintf_utf8(right, sizeof right, "Favours %s", exp_name);
    } else {
        srw_snprintf_utf8(left, sizeof left, "Lower with %s", exp_name);
        srw_snprintf_utf8(right, sizeof right, "Higher with %s", exp_name);
    }
    srw_buf_puts(b, "<g class=\"favours\">\n");
    svg_text(b, x0 - 6, y + 36, "end", "normal", left);
    svg_text(b, x0 + 6, y + 36, "start", "normal", right);
    srw_buf_puts(b, "</g>\n");
}

int srw_report_forest_svg(srw_buf *out, const srw_analysis *a, const srw_outcome_data *d, const char *title)
{
    return srw_report_forest_svg_sorted(out, a, d, NULL, title);
}

int srw_report_forest_svg_sorted(srw_buf *out, const srw_analysis *a, const srw_outcome_data *d, const size_t *order,
                                 const char *title)
{
    layout L;
    memset(&L, 0, sizeof L);
    L.a = a;
    L.d = d;
    L.order = order;
    srw_buf body = SRW_BUF_INIT;
    L.b = &body;
    L.ratio = srw_measure_is_ratio(a->opts.measure);
    L.ncols = d == NULL ? 0 : a->type == SRW_TYPE_DICHOTOMOUS ? 2 : 3;
    for (size_t i = 0; d && i < d->set.k && i < a->n_studies; i++)
        for (int k = 0; k < SRW_ROB_N; k++)
            if (d->info[i].rob[k] != SRW_ROB_UNSET)
                L.show_rob = 1;
    double sw = 150;
    for (size_t i = 0; i < a->n_studies; i++) {
        double w = svg_text_width(a->studies[i].study) + 16;
        if (w > sw)
            sw = w;
    }
    for (size_t i = 0; i < a->n_subgroups; i++) {
        double w = svg_text_width(a->subgroups[i].name) + 16;
        if (w > sw)
            sw = w;
    }
    if (sw > 340)
        sw = 340;
    L.x_study = 10;
    L.x_exp = L.x_study + sw;
    L.x_ctl = L.x_exp + L.ncols * COL_W + 14;
    L.x_weight = L.x_ctl + L.ncols * COL_W + 6;
    L.x_effect = L.x_weight + 56;
    /* the effect column as wide as its header's methods ("IV, Random, REML,
     * HKSJ, 95% CI"), which would otherwise run into the plot's */
    char methods[80];
    method_line(methods, sizeof methods, &a->opts);
    double ew = svg_text_width(methods) * 1.1 + 16;
    L.x_plot = L.x_effect + (ew > 170 ? ew : 170);
    L.plot_w = PLOT_W;
    choose_axis(&L);
    L.x_rob = L.x_plot + L.plot_w + 14;
    L.width = L.x_rob + (L.show_rob ? SRW_ROB_N * DOT_STEP + 10 : 0);
    char en[120], cn[120];
    arm_names(d, en, cn, sizeof en);
    /* room for the longer "Favours ..." label right of the line of no effect */
    double fav = svg_text_width(strlen(en) > strlen(cn) ? en : cn) + svg_text_width("Favours ") + 20;
    if (xpos(&L, 0) + fav > L.width)
        L.width = xpos(&L, 0) + fav;

    header(&L, en, cn);
    L.y = 66;
    int no_subtotals = a->no_total != NULL && a->opts.totals == SRW_TOTALS_NONE;
    if (a->n_subgroups > 0) {
        for (size_t g = 0; g <= a->n_subgroups; g++) {
            const char *name = g < a->n_subgroups ? a->subgroups[g].name : NULL;
            size_t n = 0;
            for (size_t i = 0; i < a->n_studies; i++)
                n += in_group(&a->studies[i], name);
            if (n == 0)
                continue;
            if (name)
                svg_text(L.b, L.x_study, L.y, "start", "bold", name), L.y += ROW;
            for (size_t i = 0; i < a->n_studies; i++)
                if (in_group(&a->studies[row_study(&L, i)], name))
                    study_row(&L, row_study(&L, i));
            if (name && no_subtotals) {
                no_total_row(&L, "Subtotal", a->no_total);
            } else if (name) {
                const srw_pooled *p = &a->subgroups[g].pooled;
                pooled_row(&L, "Subtotal (95% CI)", p, 0);
                events_row(&L, p);
                het_rows(&L, p);
            }
            L.y += ROW / 2;
        }
    } else {
        for (size_t i = 0; i < a->n_studies; i++)
            study_row(&L, row_study(&L, i));
        L.y += ROW / 2;
    }
    char tl[40];
    snprintf(tl, sizeof tl, "Total (%.0f%% CI)", a->opts.level);
    if (a->no_total != NULL) { /* the studies, no diamond: as the review shows them */
        no_total_row(&L, "Total", a->no_total);
    } else {
        pooled_row(&L, tl, &a->overall, 1);
        pi_row(&L, &a->overall);
        events_row(&L, &a->overall);
        het_rows(&L, &a->overall);
    }
    if (a->n_subgroups > 0 && !no_subtotals) {
        char buf[200], pv[40], q[40];
        const srw_subgroup_test *t = &a->subgroup_test;
        if (t->present && isfinite(t->Q)) {
            srw_format_num(q, sizeof q, t->Q, 2, SRW_FORMAT_TEXT);
            srw_format_p(pv, sizeof pv, t->pvalue, SRW_FORMAT_TEXT);
            char i2[16];
            srw_i2_text(i2, sizeof i2, isfinite(t->I2) ? t->I2 : 0.0);
            snprintf(buf, sizeof buf, "Test for subgroup differences: Chi\xc2\xb2 = %s, df = %.0f (%s), I\xc2\xb2 = %s", q,
                     t->df, pv, i2);
        } else {
            snprintf(buf, sizeof buf, "Test for subgroup differences: Not applicable");
        }
        svg_text(L.b, L.x_study, L.y, "start", "normal", buf);
        L.y += ROW;
    }
    L.y += 4;
    axis(&L, en, cn);
    L.y += 52;
    if (L.show_rob) {
        svg_text(L.b, L.x_study, L.y, "start", "bold", "Risk of bias legend");
        L.y += ROW;
        for (int k = 0; k < SRW_ROB_N; k++) {
            char lab[120];
            snprintf(lab, sizeof lab, "(%c) %s", 'A' + k, srw_rob_domain_label((srw_rob_domain)k));
            svg_text(L.b, L.x_study, L.y, "start", "normal", lab);
            L.y += ROW;
        }
        /* What each dot says, the empty circle too: a domain no one judged,
         * which the risk-of-bias rating counts as unclear. */
        static const struct {
            srw_rob_judgement j;
            const char *text;
        } keys[] = {{SRW_ROB_LOW, "Low risk of bias"},
                    {SRW_ROB_UNCLEAR, "Unclear risk of bias"},
                    {SRW_ROB_HIGH, "High risk of bias"},
                    {SRW_ROB_UNSET, "Not judged (counted as unclear)"}};
        double x = L.x_study;
        srw_buf_puts(L.b, "<g class=\"rob-key\">\n");
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            svg_rob_dot(L.b, x + DOT_R, L.y - 5, DOT_R, keys[k].j);
            svg_text(L.b, x + 2 * DOT_R + 6, L.y, "start", "normal", keys[k].text);
            x += 2 * DOT_R + 6 + svg_text_width(keys[k].text) + 18;
        }
        srw_buf_puts(L.b, "</g>\n");
        L.y += ROW;
        if (x > L.width)
            L.width = x;
    }
    /* The height is known only now: write the frame around the body. */
    svg_open(out, L.width, L.y, title);
    srw_buf_put(out, srw_buf_cstr(&body), body.len);
    svg_close(out);
    if (body.oom)
        out->oom = 1;
    srw_buf_dispose(&body);
    return out->oom ? SRW_ENOMEM : 0;
}
