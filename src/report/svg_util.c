/* Shared SVG pieces: see svg_util.h. */
#include <string.h>

#include "report/svg_util.h"

void svg_text(srw_buf *b, double x, double y, const char *anchor, const char *weight, const char *s)
{
    srw_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x, y, anchor);
    if (strcmp(weight, "normal") != 0)
        srw_buf_printf(b, " font-weight=\"%s\"", weight);
    srw_buf_puts(b, ">");
    srw_buf_put_xml(b, s);
    srw_buf_puts(b, "</text>\n");
}

void svg_open(srw_buf *b, double w, double h, const char *title)
{
    srw_buf_printf(b,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 %.0f %.0f\" "
                   "width=\"%.0f\" height=\"%.0f\" font-family=\"" SVG_FONT "\" font-size=\"%d\">\n",
                   w, h, w, h, SVG_FS);
    srw_buf_puts(b, "<title>");
    srw_buf_put_xml(b, title);
    srw_buf_puts(b, "</title>\n");
    srw_buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
}

void svg_close(srw_buf *b)
{
    srw_buf_puts(b, "</svg>\n");
}

double svg_text_width(const char *s)
{
    double w = 0;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) == 0x80)
            continue; /* UTF-8 continuation byte */
        w += (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' ? 9.0 : (c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l') ? 4.0 : 7.0;
    }
    return w;
}

const char *svg_rob_fill(srw_rob_judgement j)
{
    switch (j) {
    case SRW_ROB_LOW: return "#00a651";
    case SRW_ROB_HIGH: return "#ed1c24";
    case SRW_ROB_UNCLEAR: return "#ffd400";
    default: return "#ffffff";
    }
}

const char *svg_rob_glyph(srw_rob_judgement j)
{
    switch (j) {
    case SRW_ROB_LOW: return "+";
    case SRW_ROB_HIGH: return "\xe2\x88\x92"; /* U+2212 MINUS SIGN */
    case SRW_ROB_UNCLEAR: return "?";
    default: return "";
    }
}

void svg_rob_dot(srw_buf *b, double cx, double cy, double r, srw_rob_judgement j)
{
    srw_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>", cx, cy, r,
                   svg_rob_fill(j), j == SRW_ROB_UNSET ? "#999999" : "#333333");
    if (j != SRW_ROB_UNSET)
        srw_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%.0f\" "
                          "font-weight=\"bold\" fill=\"%s\">%s</text>",
                       cx, cy + r * 0.6, r * 1.6, j == SRW_ROB_UNCLEAR ? "#000000" : "#ffffff", svg_rob_glyph(j));
    srw_buf_puts(b, "\n");
}
