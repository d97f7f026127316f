/* Risk-of-bias summary (RevMan's "risk of bias summary"): one row per
 * study, one coloured judgement per Cochrane RoB 1 domain. */
#include <stdio.h>

#include "report/svg_util.h"

int srw_report_rob_svg(srw_buf *out, size_t n, const char *const *studies, const srw_rob_judgement (*rob)[SRW_ROB_N])
{
    double sw = 140;
    for (size_t i = 0; i < n; i++) {
        double w = svg_text_width(studies[i]) + 20;
        if (w > sw)
            sw = w;
    }
    if (sw > 340)
        sw = 340;
    const double step = 28, top = 240;
    double w = sw + SRW_ROB_N * step + 20, h = top + n * step + 50;
    if (w < 620)
        w = 620; /* room for the legend */
    svg_open(out, w, h, "Risk of bias summary");
    /* domain labels, rotated like RevMan's column headings */
    for (int k = 0; k < SRW_ROB_N; k++) {
        double x = sw + k * step + step / 2;
        srw_buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(-60 %.1f %.1f)\">", x + 4, top - 8, x + 4, top - 8);
        srw_buf_put_xml(out, srw_rob_domain_label((srw_rob_domain)k));
        srw_buf_puts(out, "</text>\n");
    }
    for (size_t i = 0; i < n; i++) {
        double y = top + i * step + step / 2;
        svg_text(out, 10, y + 4, "start", "normal", studies[i]);
        for (int k = 0; k < SRW_ROB_N; k++)
            svg_rob_dot(out, sw + k * step + step / 2, y, 10, rob[i][k]);
    }
    double ly = top + n * step + 30;
    static const srw_rob_judgement js[] = {SRW_ROB_LOW, SRW_ROB_UNCLEAR, SRW_ROB_HIGH, SRW_ROB_UNSET};
    static const char *names[] = {"Low risk of bias", "Unclear risk of bias", "High risk of bias", "Not assessed"};
    for (int j = 0; j < 4; j++) {
        svg_rob_dot(out, 20 + j * 150, ly - 4, 7, js[j]);
        svg_text(out, 32 + j * 150, ly, "start", "normal", names[j]);
    }
    svg_close(out);
    return out->oom ? SRW_ENOMEM : 0;
}
