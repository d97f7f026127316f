/* Risk-of-bias figures in the style of robvis (McGuinness LA, Higgins JPT.
 * Res Synth Methods 2021;12:55-61), for RoB 1 (a row per study) and RoB 2
 * (a row per result, grouped by outcome):
 *   - the traffic-light plot: a coloured circle with a symbol per domain,
 *     the overall as the last column (srw/rob.h: each tool's own rule), a
 *     key of the domains and of the judgements;
 *   - the summary plot: per domain and overall, a bar of the share of rows
 *     judged low, unclear or some concerns, high, and not judged
 *     (unweighted: a use's studies belong to analyses with different
 *     weights).
 * robvis's colours ("cochrane" scheme); a judgement that is missing is a
 * grey circle without a symbol, and its own part of a bar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/svg_util.h"
#include "srw/rob.h"

enum { NOT_JUDGED = 0, LOW = 1, MIDDLE = 2, HIGH = 3 };

static const char *const fills[4] = {"#D9D9D9", "#02C100", "#E2DF07", "#BF0000"};

/* One tool's figure: its domains, the name of its middle judgement and the
 * rows' classes (n rows of n_dom + 1 classes, the overall last). */
typedef struct rob_view {
    const char *tool;           /* "RoB 1", "RoB 2" */
    int n_dom;
    const char *const *labels;  /* n_dom + 1, the overall last */
    const char *middle, *middle_glyph;
    size_t n;
    const char *const *rows;    /* row labels */
    const char *const *groups;  /* NULL, or each row's group (an outcome) */
    const unsigned char *cls;
} rob_view;

static const char *glyph(const rob_view *v, int c)
{
    return c == LOW ? "+" : c == MIDDLE ? v->middle_glyph : c == HIGH ? "\xc3\x97" /* U+00D7 */ : "";
}

static const char *judgement_name(const rob_view *v, int c)
{
    return c == LOW ? "Low" : c == MIDDLE ? v->middle : c == HIGH ? "High" : "Not judged";
}

static void dot(srw_buf *b, const rob_view *v, double cx, double cy, double r, int c)
{
    srw_buf_printf(b, "<circle class=\"rob-%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\">", 
                   c == LOW ? "low" : c == MIDDLE ? "middle" : c == HIGH ? "high" : "none", cx, cy, r, fills[c],
                   c == NOT_JUDGED ? "#AAAAAA" : "#555555");
    srw_buf_puts(b, "<title>");
    srw_buf_put_xml(b, judgement_name(v, c));
    srw_buf_puts(b, "</title></circle>");
    if (c != NOT_JUDGED)
        srw_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%.0f\" font-weight=\"bold\" "
                          "fill=\"%s\">%s</text>",
                       cx, cy + r * 0.45, r * 1.35, c == MIDDLE ? "#000000" : "#FFFFFF", glyph(v, c));
    srw_buf_puts(b, "\n");
}

/* s cut to at most max pixels (svg_text_width), with an ellipsis; at a
 * character's start, not inside one. */
static void fit(char *out, size_t n, const char *s, double max)
{
    snprintf(out, n, "%s", s);
    if (svg_text_width(out) <= max)
        return;
    size_t len = strlen(out);
    while (len > 0 && svg_text_width(out) + 7 > max) {
        do
            len--;
        while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80);
        out[len] = '\0';
    }
    snprintf(out + len, n - len, "\xe2\x80\xa6"); /* U+2026 */
}

#define MARGIN 12.0
#define COL 46.0  /* a domain's column */
#define ROW 30.0  /* a row */
#define LABEL_MAX 360.0

static int traffic_light(srw_buf *b, const rob_view *v)
{
    double lw = 120;
    for (size_t i = 0; i < v->n; i++) {
        double w = svg_text_width(v->rows[i]) + (v->groups ? 28 : 16);
        if (w > lw)
            lw = w;
    }
    if (lw > LABEL_MAX)
        lw = LABEL_MAX;
    size_t n_groups = 0;
    double group_w = 0;
    for (size_t i = 0; v->groups && i < v->n; i++)
        if (i == 0 || strcmp(v->groups[i], v->groups[i - 1]) != 0) {
            n_groups++;
            double w = svg_text_width(v->groups[i]) + 2 * MARGIN;
            if (w > group_w)
                group_w = w;
        }
    const int cols = v->n_dom + 1;
    const double top = 62, gx = MARGIN + lw, grid_w = cols * COL;
    double grid_h = (double)(v->n + n_groups) * ROW;
    double legend_y = top + grid_h + 30;
    double key_w = 0;
    for (int d = 0; d < v->n_dom; d++) {
        double w = svg_text_width(v->labels[d]) + 40;
        if (w > key_w)
            key_w = w;
    }
    double judge_x = MARGIN + key_w + 30;
    double w = gx + grid_w + MARGIN;
    if (judge_x + 170 > w)
        w = judge_x + 170;
    if (group_w > LABEL_MAX + grid_w + 2 * MARGIN)
        group_w = LABEL_MAX + grid_w + 2 * MARGIN;
    if (group_w > w)
        w = group_w;
    double h = legend_y + 22 + (v->n_dom > 4 ? v->n_dom : 4) * 20 + MARGIN;
    char title[80];
    snprintf(title, sizeof title, "Risk of bias (%s): traffic-light plot", v->tool);
    svg_open(b, w, h, title);
    /* the headings */
    svg_text(b, gx + v->n_dom * COL / 2, 22, "middle", "bold", "Risk of bias domains");
    srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"28\" x2=\"%.1f\" y2=\"28\" stroke=\"#333333\"/>\n", gx + 6,
                   gx + v->n_dom * COL - 6);
    svg_text(b, MARGIN, top - 12, "start", "bold", v->groups ? "Outcome / study" : "Study");
    for (int d = 0; d < cols; d++) {
        char code[16];
        snprintf(code, sizeof code, "D%d", d + 1);
        svg_text(b, gx + d * COL + COL / 2, top - 12, "middle", "bold", d == v->n_dom ? "Overall" : code);
    }
    /* the grid: a grey panel, a white line between rows and columns */
    srw_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#EDEDED\"/>\n", gx, top,
                   grid_w, grid_h);
    for (int d = 1; d < cols; d++)
        srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#FFFFFF\" stroke-width=\"%d\"/>\n",
                       gx + d * COL, top, gx + d * COL, top + grid_h, d == v->n_dom ? 4 : 1);
    double y = top;
    char label[512];
    for (size_t i = 0; i < v->n; i++) {
        if (v->groups && (i == 0 || strcmp(v->groups[i], v->groups[i - 1]) != 0)) {
            fit(label, sizeof label, v->groups[i], w - 2 * MARGIN);
            srw_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#FFFFFF\"/>\n", gx, y,
                           grid_w, ROW);
            svg_text(b, MARGIN, y + ROW / 2 + 5, "start", "bold", label);
            y += ROW;
        }
        if (i > 0)
            srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#FFFFFF\"/>\n", gx, y,
                           gx + grid_w, y);
        fit(label, sizeof label, v->rows[i], lw - (v->groups ? 28 : 16));
        svg_text(b, MARGIN + (v->groups ? 14 : 0), y + ROW / 2 + 5, "start", "normal", label);
        for (int d = 0; d < cols; d++)
            dot(b, v, gx + d * COL + COL / 2, y + ROW / 2, 11, v->cls[i * (size_t)cols + (size_t)d]);
        y += ROW;
    }
    /* the keys: the domains, and the judgements */
    svg_text(b, MARGIN, legend_y, "start", "bold", "Domains:");
    for (int d = 0; d < v->n_dom; d++) {
        char line[300];
        snprintf(line, sizeof line, "D%d: %s", d + 1, v->labels[d]);
        svg_text(b, MARGIN, legend_y + 20 * (d + 1), "start", "normal", line);
    }
    svg_text(b, judge_x, legend_y, "start", "bold", "Judgement");
    static const int order[4] = {HIGH, MIDDLE, LOW, NOT_JUDGED};
    for (int k = 0; k < 4; k++) {
        dot(b, v, judge_x + 9, legend_y + 20 * (k + 1) - 5, 8, order[k]);
        svg_text(b, judge_x + 24, legend_y + 20 * (k + 1), "start", "normal", judgement_name(v, order[k]));
    }
    svg_close(b);
    return b->oom ? SRW_ENOMEM : 0;
}

#define BAR_W 420.0

static int summary(srw_buf *b, const rob_view *v, const char *unit)
{
    const int cols = v->n_dom + 1;
    double lw = 0;
    for (int d = 0; d < cols; d++) {
        double w = svg_text_width(v->labels[d]) + 16;
        if (w > lw)
            lw = w;
    }
    const double top = 16, gx = MARGIN + lw, bar_h = 18;
    double axis_y = top + cols * ROW + 4, legend_y = axis_y + 40;
    double w = gx + BAR_W + 30, h = legend_y + 36;
    if (w < 560)
        w = 560;
    char title[80];
    snprintf(title, sizeof title, "Risk of bias (%s): summary plot", v->tool);
    svg_open(b, w, h, title);
    for (int t = 0; t <= 4; t++) {
        double x = gx + BAR_W * t / 4;
        char tick[8];
        snprintf(tick, sizeof tick, "%d%%", 25 * t);
        srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#CCCCCC\"/>\n", x, top, x,
                       axis_y);
        svg_text(b, x, axis_y + 16, "middle", "normal", tick);
    }
    for (int d = 0; d < cols; d++) {
        double y = top + d * ROW + (ROW - bar_h) / 2;
        svg_text(b, gx - 8, y + bar_h / 2 + 5, "end", d == v->n_dom ? "bold" : "normal", v->labels[d]);
        size_t count[4] = {0};
        for (size_t i = 0; i < v->n; i++)
            count[v->cls[i * (size_t)cols + (size_t)d]]++;
        static const int order[4] = {LOW, MIDDLE, HIGH, NOT_JUDGED};
        double x = gx;
        for (int k = 0; k < 4 && v->n > 0; k++) {
            int c = order[k];
            if (count[c] == 0)
                continue;
            double sw = BAR_W * (double)count[c] / (double)v->n;
            srw_buf_printf(b, "<rect class=\"rob-bar\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\""
                              " stroke=\"#FFFFFF\"><title>",
                           x, y, sw, bar_h, fills[c]);
            srw_buf_put_xml(b, v->labels[d]);
            srw_buf_printf(b, ": %s, %zu of %zu %s (%.0f%%)</title></rect>\n", judgement_name(v, c), count[c], v->n, unit,
                           100.0 * (double)count[c] / (double)v->n);
            x += sw;
        }
    }
    srw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n", gx, axis_y,
                   gx + BAR_W, axis_y);
    static const int key[4] = {LOW, MIDDLE, HIGH, NOT_JUDGED};
    double kx = MARGIN;
    for (int k = 0; k < 4; k++) {
        srw_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#888888\"/>\n", kx,
                       legend_y - 11, fills[key[k]]);
        /* robvis's words: "Low risk of bias", "Some concerns", ... */
        char text[64];
        if (key[k] == NOT_JUDGED || (key[k] == MIDDLE && v->middle_glyph[0] != '?'))
            snprintf(text, sizeof text, "%s", judgement_name(v, key[k]));
        else
            snprintf(text, sizeof text, "%s risk of bias", judgement_name(v, key[k]));
        svg_text(b, kx + 20, legend_y, "start", "normal", text);
        kx += 20 + svg_text_width(text) + 24;
    }
    char n_text[80];
    snprintf(n_text, sizeof n_text, "%zu %s, unweighted", v->n, unit);
    svg_text(b, MARGIN, legend_y + 22, "start", "normal", n_text);
    svg_close(b);
    return b->oom ? SRW_ENOMEM : 0;
}

/* --- RoB 1 ------------------------------------------------------------------- */

static int rob1_view(rob_view *v, size_t n, const char *const *studies, const srw_rob_judgement (*rob)[SRW_ROB_N])
{
    unsigned char *cls = malloc((n ? n : 1) * (SRW_ROB_N + 1));
    if (cls == NULL)
        return SRW_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const srw_rob_judgement o = srw_rob1_overall(rob[i], SRW_ROB1_KEY_ALL, NULL);
        for (int d = 0; d <= SRW_ROB_N; d++) {
            srw_rob_judgement j = d < SRW_ROB_N ? rob[i][d] : o;
            cls[i * (SRW_ROB_N + 1) + (size_t)d] = j == SRW_ROB_LOW ? LOW : j == SRW_ROB_UNCLEAR ? MIDDLE
                                                   : j == SRW_ROB_HIGH ? HIGH : NOT_JUDGED;
        }
    }
    static const char *const labels[SRW_ROB_N + 1] = {
#define SRW_X_ROB(id, col, label) label,
        SRW_ROB_TABLE(SRW_X_ROB)
#undef SRW_X_ROB
        "Overall risk of bias",
    };
    *v = (rob_view){"RoB 1", SRW_ROB_N, labels, "Unclear", "?", n, studies, NULL, cls};
    return 0;
}

int srw_report_rob_svg(srw_buf *out, size_t n, const char *const *studies, const srw_rob_judgement (*rob)[SRW_ROB_N])
{
    rob_view v;
    if (rob1_view(&v, n, studies, rob) != 0)
        return SRW_ENOMEM;
    int rc = traffic_light(out, &v);
    free((void *)v.cls);
    return rc;
}

int srw_report_rob_summary_svg(srw_buf *out, size_t n, const srw_rob_judgement (*rob)[SRW_ROB_N])
{
    rob_view v;
    if (rob1_view(&v, n, NULL, rob) != 0)
        return SRW_ENOMEM;
    int rc = summary(out, &v, n == 1 ? "study" : "studies");
    free((void *)v.cls);
    return rc;
}

/* --- RoB 2 ------------------------------------------------------------------- */

static int rob2_view(rob_view *v, size_t n, const char *const *outcomes, const char *const *studies,
                     const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS])
{
    unsigned char *cls = malloc((n ? n : 1) * SRW_ROB2_ITEMS);
    if (cls == NULL)
        return SRW_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < SRW_ROB2_ITEMS; d++) {
            /* The overall the result is taken at (srw_rob2_overall_used):
             * srw_rob2_judgement's values are the classes. */
            srw_rob2_judgement j = d < SRW_ROB2_N ? rob2[i][d] : srw_rob2_overall_used(rob2[i]);
            cls[i * SRW_ROB2_ITEMS + (size_t)d] = (unsigned char)j;
        }
    static const char *const labels[SRW_ROB2_ITEMS] = {
#define SRW_X_ROB2(id, col, label) label,
        SRW_ROB2_TABLE(SRW_X_ROB2)
#undef SRW_X_ROB2
        "Overall risk of bias",
    };
    *v = (rob_view){"RoB 2", SRW_ROB2_N, labels, "Some concerns", "\xe2\x88\x92" /* U+2212 */, n, studies, outcomes,
                    cls};
    return 0;
}

int srw_report_rob2_svg(srw_buf *out, size_t n, const char *const *outcomes, const char *const *studies,
                        const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS])
{
    rob_view v;
    if (rob2_view(&v, n, outcomes, studies, rob2) != 0)
        return SRW_ENOMEM;
    int rc = traffic_light(out, &v);
    free((void *)v.cls);
    return rc;
}

int srw_report_rob2_summary_svg(srw_buf *out, size_t n, const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS])
{
    rob_view v;
    if (rob2_view(&v, n, NULL, NULL, rob2) != 0)
        return SRW_ENOMEM;
    int rc = summary(out, &v, n == 1 ? "result" : "results");
    free((void *)v.cls);
    return rc;
}
