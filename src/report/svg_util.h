/* Small shared pieces of the SVG writers (internal to src/report). */
#ifndef SRW_REPORT_SVG_UTIL_H
#define SRW_REPORT_SVG_UTIL_H

#include "srw/report.h"

#define SVG_FONT "Arial, Helvetica, sans-serif"
#define SVG_FS 13

/* <text> at (x, y), anchor "start" / "middle" / "end", weight "normal" /
 * "bold", escaped content. */
void svg_text(srw_buf *b, double x, double y, const char *anchor, const char *weight, const char *s);
void svg_open(srw_buf *b, double w, double h, const char *title);
void svg_close(srw_buf *b);
/* Approximate width in pixels of s at SVG_FS (Arial averages ~0.55 em). */
double svg_text_width(const char *s);
/* Colour and glyph of a risk-of-bias judgement. */
const char *svg_rob_fill(srw_rob_judgement j);
const char *svg_rob_glyph(srw_rob_judgement j);
void svg_rob_dot(srw_buf *b, double cx, double cy, double r, srw_rob_judgement j);

#endif
