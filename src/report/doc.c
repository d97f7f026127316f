/* Markdown and HTML emitters of the report's document model (doc.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report/doc.h"

void doc_heading(rp_doc *d, int level, const char *id, const char *text)
{
    int l = level + d->heading_shift;
    if (l > 6)
        l = 6;
    if (d->html) {
        srw_buf_printf(d->b, "<h%d", l);
        if (id) {
            srw_buf_puts(d->b, " id=\"");
            srw_buf_put_xml(d->b, id);
            srw_buf_puts(d->b, "\"");
        }
        srw_buf_puts(d->b, ">");
        srw_buf_put_xml(d->b, text);
        srw_buf_printf(d->b, "</h%d>\n", l);
    } else {
        for (int i = 0; i < l; i++)
            srw_buf_puts(d->b, "#");
        srw_buf_puts(d->b, " ");
        srw_buf_put_md(d->b, text);
        srw_buf_puts(d->b, "\n\n");
    }
}

void doc_para_begin(rp_doc *d, const char *cls)
{
    if (!d->html)
        return;
    if (cls)
        srw_buf_printf(d->b, "<p class=\"%s\">", cls);
    else
        srw_buf_puts(d->b, "<p>");
}

void doc_para_end(rp_doc *d)
{
    srw_buf_puts(d->b, d->html ? "</p>\n" : "\n\n");
}

void doc_text(rp_doc *d, const char *text)
{
    if (d->html)
        srw_buf_put_xml(d->b, text);
    else
        srw_buf_put_md(d->b, text);
}

void doc_textf(rp_doc *d, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    doc_text(d, buf);
}

void doc_bold(rp_doc *d, const char *text)
{
    /* Markdown closes emphasis only after a non-space character, so a
     * trailing space goes after the closing "**". */
    size_t n = strlen(text), trail = 0;
    while (trail < n && text[n - 1 - trail] == ' ')
        trail++;
    char core[1024];
    snprintf(core, sizeof core, "%.*s", (int)(n - trail), text);
    srw_buf_puts(d->b, d->html ? "<strong>" : "**");
    doc_text(d, core);
    srw_buf_puts(d->b, d->html ? "</strong>" : "**");
    if (trail)
        doc_text(d, " ");
}

void doc_link(rp_doc *d, const char *href, const char *text)
{
    if (d->html) {
        srw_buf_puts(d->b, "<a href=\"");
        srw_buf_put_xml(d->b, href);
        srw_buf_puts(d->b, "\">");
        srw_buf_put_xml(d->b, text);
        srw_buf_puts(d->b, "</a>");
    } else {
        srw_buf_puts(d->b, "[");
        srw_buf_put_md(d->b, text);
        srw_buf_puts(d->b, "](");
        srw_buf_puts(d->b, href); /* hrefs are srw's own file names or slugs */
        srw_buf_puts(d->b, ")");
    }
}

void doc_linked(rp_doc *d, const char *text)
{
    if (d->html)
        srw_buf_put_linked_html(d->b, text);
    else
        srw_buf_put_md(d->b, text); /* Markdown renderers link bare URLs themselves */
}

void doc_para(rp_doc *d, const char *text)
{
    doc_para_begin(d, NULL);
    doc_text(d, text);
    doc_para_end(d);
}

void doc_list_begin(rp_doc *d)
{
    if (d->html)
        srw_buf_puts(d->b, "<ul>\n");
}

void doc_item_begin(rp_doc *d)
{
    srw_buf_puts(d->b, d->html ? "<li>" : "- ");
}

void doc_item_end(rp_doc *d)
{
    srw_buf_puts(d->b, d->html ? "</li>\n" : "\n");
}

void doc_list_end(rp_doc *d)
{
    srw_buf_puts(d->b, d->html ? "</ul>\n" : "\n");
}

void doc_table_begin(rp_doc *d, const char *cls, size_t ncols, const char *const *headers)
{
    d->ncols = (int)ncols;
    if (d->html) {
        srw_buf_printf(d->b, "<table class=\"%s\">\n<thead><tr>", cls ? cls : "data");
        for (size_t i = 0; i < ncols; i++) {
            srw_buf_puts(d->b, "<th>");
            srw_buf_put_xml(d->b, headers[i]);
            srw_buf_puts(d->b, "</th>");
        }
        srw_buf_puts(d->b, "</tr></thead>\n<tbody>\n");
    } else {
        srw_buf_puts(d->b, "|");
        for (size_t i = 0; i < ncols; i++) {
            srw_buf_puts(d->b, " ");
            srw_buf_put_md(d->b, headers[i]);
            srw_buf_puts(d->b, " |");
        }
        srw_buf_puts(d->b, "\n|");
        for (size_t i = 0; i < ncols; i++)
            srw_buf_puts(d->b, " --- |");
        srw_buf_puts(d->b, "\n");
    }
}

void doc_table_row(rp_doc *d, const char *const *cells)
{
    srw_buf_puts(d->b, d->html ? "<tr>" : "|");
    for (int i = 0; i < d->ncols; i++) {
        if (d->html) {
            srw_buf_puts(d->b, "<td>");
            srw_buf_put_xml(d->b, cells[i]);
            srw_buf_puts(d->b, "</td>");
        } else {
            srw_buf_puts(d->b, " ");
            srw_buf_put_md(d->b, cells[i]);
            srw_buf_puts(d->b, " |");
        }
    }
    srw_buf_puts(d->b, d->html ? "</tr>\n" : "\n");
}

void doc_table_end(rp_doc *d)
{
    srw_buf_puts(d->b, d->html ? "</tbody></table>\n" : "\n");
}

void doc_figure(rp_doc *d, const char *src, const char *caption)
{
    if (d->html) {
        srw_buf_puts(d->b, "<figure><img src=\"");
        srw_buf_put_xml(d->b, src);
        srw_buf_puts(d->b, "\" alt=\"");
        srw_buf_put_xml(d->b, caption);
        srw_buf_puts(d->b, "\"><figcaption>");
        srw_buf_put_xml(d->b, caption);
        srw_buf_puts(d->b, "</figcaption></figure>\n");
    } else {
        srw_buf_puts(d->b, "![");
        srw_buf_put_md(d->b, caption);
        srw_buf_puts(d->b, "](");
        srw_buf_puts(d->b, src);
        srw_buf_puts(d->b, ")\n\n");
    }
}
