/* The HTML writer of the report's document model (doc.h): one page with
 * its own style sheet, so that it reads and prints alike offline. */
#include "report/doc.h"

static const char css[] =
    "body{font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;"
    "max-width:1200px;margin:0 auto;padding:16px 24px;background:#fff}\n"
    "h1{font-size:26px;border-bottom:2px solid #1f5fa8;padding-bottom:4px}\n"
    "h2{font-size:22px;margin-top:36px;border-bottom:1px solid #ccc}\n"
    "h3{font-size:18px;margin-top:26px}h4{font-size:16px;margin-top:22px;color:#1f3f6a}\n"
    "table{border-collapse:collapse;margin:10px 0;font-size:13px;width:100%}\n"
    "th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eef2f7}\n"
    ".verdict{border-left:6px solid #888;background:#f6f6f6;padding:6px 14px;margin:12px 0}\n"
    ".verdict-supported{border-color:#00a651;background:#eefaf2}\n"
    ".verdict-not_supported{border-color:#ed1c24;background:#fdf0f0}\n"
    ".verdict-insufficient_evidence{border-color:#e0b000;background:#fffbe8}\n"
    ".verdict-line{font-size:17px}\n"
    "figure{margin:10px 0;overflow-x:auto}figure img{max-width:100%;height:auto}\n"
    "figcaption{font-size:13px;color:#444}\n"
    ".missing,.warning{color:#8a4b00}.settings{font-size:13px;color:#333}\n"
    "a{color:#1f5fa8;overflow-wrap:anywhere}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}a{color:#000;text-decoration:none}"
    "h2{page-break-before:always}h2:first-of-type{page-break-before:auto}"
    "figure,table,.verdict{page-break-inside:avoid}.page-link{display:none}}\n";

static void doc_start(rp_doc *d, const char *title)
{
    srw_buf_puts(d->b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    srw_buf_put_xml(d->b, title);
    srw_buf_puts(d->b, "</title>\n<style>\n");
    srw_buf_puts(d->b, css);
    srw_buf_puts(d->b, "</style>\n</head>\n<body>\n");
}

static void doc_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</body>\n</html>\n");
}

static void heading(rp_doc *d, int level, const char *id, const char *text)
{
    srw_buf_printf(d->b, "<h%d", level);
    if (id) {
        srw_buf_puts(d->b, " id=\"");
        srw_buf_put_xml(d->b, id);
        srw_buf_puts(d->b, "\"");
    }
    srw_buf_puts(d->b, ">");
    srw_buf_put_xml(d->b, text);
    srw_buf_printf(d->b, "</h%d>\n", level);
}

/* Classes are srw's own names, never user text. */
static void block_begin(rp_doc *d, const char *cls)
{
    srw_buf_printf(d->b, "<div class=\"%s\">\n", cls);
}

static void block_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</div>\n");
}

static void para_begin(rp_doc *d, const char *cls)
{
    if (cls)
        srw_buf_printf(d->b, "<p class=\"%s\">", cls);
    else
        srw_buf_puts(d->b, "<p>");
}

static void para_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</p>\n");
}

static void put_text(rp_doc *d, const char *s)
{
    srw_buf_put_xml(d->b, s);
}

static void bold_begin(rp_doc *d)
{
    srw_buf_puts(d->b, "<strong>");
}

static void bold_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</strong>");
}

static void put_link(rp_doc *d, const char *href, const char *s)
{
    srw_buf_puts(d->b, "<a href=\"");
    srw_buf_put_xml(d->b, href);
    srw_buf_puts(d->b, "\">");
    srw_buf_put_xml(d->b, s);
    srw_buf_puts(d->b, "</a>");
}

static void linked(rp_doc *d, const char *s)
{
    srw_buf_put_linked_html(d->b, s);
}

static void list_begin(rp_doc *d)
{
    srw_buf_puts(d->b, "<ul>\n");
}

static void item_begin(rp_doc *d)
{
    srw_buf_puts(d->b, "<li>");
}

static void item_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</li>\n");
}

static void list_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</ul>\n");
}

static void table_begin(rp_doc *d, const char *cls, size_t ncols, const char *const *headers)
{
    srw_buf_printf(d->b, "<table class=\"%s\">\n<thead><tr>", cls ? cls : "data");
    for (size_t i = 0; i < ncols; i++) {
        srw_buf_puts(d->b, "<th>");
        srw_buf_put_xml(d->b, headers[i]);
        srw_buf_puts(d->b, "</th>");
    }
    srw_buf_puts(d->b, "</tr></thead>\n<tbody>\n");
}

static void table_row(rp_doc *d, const char *const *cells)
{
    srw_buf_puts(d->b, "<tr>");
    for (int i = 0; i < d->ncols; i++) {
        srw_buf_puts(d->b, "<td>");
        srw_buf_put_xml(d->b, cells[i]);
        srw_buf_puts(d->b, "</td>");
    }
    srw_buf_puts(d->b, "</tr>\n");
}

static void table_end(rp_doc *d)
{
    srw_buf_puts(d->b, "</tbody></table>\n");
}

static void figure(rp_doc *d, const char *src, const char *caption)
{
    srw_buf_puts(d->b, "<figure><img src=\"");
    srw_buf_put_xml(d->b, src);
    srw_buf_puts(d->b, "\" alt=\"");
    srw_buf_put_xml(d->b, caption);
    srw_buf_puts(d->b, "\"><figcaption>");
    srw_buf_put_xml(d->b, caption);
    srw_buf_puts(d->b, "</figcaption></figure>\n");
}

const rp_writer rp_writer_html = {
    .open = doc_start,
    .close = doc_end,
    .heading = heading,
    .block_begin = block_begin,
    .block_end = block_end,
    .para_begin = para_begin,
    .para_end = para_end,
    .text = put_text,
    .bold_begin = bold_begin,
    .bold_end = bold_end,
    .link = put_link,
    .linked = linked,
    .list_begin = list_begin,
    .item_begin = item_begin,
    .item_end = item_end,
    .list_end = list_end,
    .table_begin = table_begin,
    .table_row = table_row,
    .table_end = table_end,
    .figure = figure,
};
