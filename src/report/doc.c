/* The document model's functions (doc.h): each hands its element to the
 * format's writer (doc_md.c, doc_html.c); what every format shares is here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"

#define W(d) ((d)->format->writer)

void doc_open(rp_doc *d, const char *title)
{
    W(d)->open(d, title);
}

void doc_close(rp_doc *d)
{
    W(d)->close(d);
}

void doc_heading(rp_doc *d, int level, const char *id, const char *text)
{
    int l = level + d->heading_shift;
    W(d)->heading(d, l > 6 ? 6 : l, id, text);
}

void doc_block_begin(rp_doc *d, const char *cls)
{
    W(d)->block_begin(d, cls);
}

void doc_block_end(rp_doc *d)
{
    W(d)->block_end(d);
}

void doc_para_begin(rp_doc *d, const char *cls)
{
    W(d)->para_begin(d, cls);
}

void doc_para_end(rp_doc *d)
{
    W(d)->para_end(d);
}

void doc_text(rp_doc *d, const char *text)
{
    W(d)->text(d, text);
}

void doc_textf(rp_doc *d, const char *fmt, ...)
{
    /* Sized to the text: a reviewer's reason is never cut. */
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (buf == NULL) {
        d->b->oom = 1; /* the page is not written (srw_buf's rule) */
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)len + 1, fmt, ap);
    va_end(ap);
    doc_text(d, buf);
    free(buf);
}

char *doc_strf(rp_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s == NULL) {
        d->b->oom = 1;
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void doc_bold(rp_doc *d, const char *text)
{
    /* Markdown closes emphasis only after a non-space character, so a
     * trailing space goes after the closing mark (in every format, so
     * that they read alike). */
    size_t n = strlen(text), trail = 0;
    while (trail < n && text[n - 1 - trail] == ' ')
        trail++;
    char *core = strndup(text, n - trail); /* whole: a name in bold is never cut */
    if (core == NULL) {
        d->b->oom = 1;
        return;
    }
    W(d)->bold_begin(d);
    doc_text(d, core);
    W(d)->bold_end(d);
    free(core);
    if (trail)
        doc_text(d, " ");
}

void doc_link(rp_doc *d, const char *href, const char *text)
{
    W(d)->link(d, href, text);
}

void doc_linked(rp_doc *d, const char *text)
{
    W(d)->linked(d, text);
}

void doc_para(rp_doc *d, const char *text)
{
    doc_para_begin(d, NULL);
    doc_text(d, text);
    doc_para_end(d);
}

void doc_list_begin(rp_doc *d)
{
    W(d)->list_begin(d);
}

void doc_item_begin(rp_doc *d)
{
    W(d)->item_begin(d);
}

void doc_item_end(rp_doc *d)
{
    W(d)->item_end(d);
}

void doc_list_end(rp_doc *d)
{
    W(d)->list_end(d);
}

void doc_table_begin(rp_doc *d, const char *cls, size_t ncols, const char *const *headers)
{
    d->ncols = (int)ncols;
    W(d)->table_begin(d, cls, ncols, headers);
}

void doc_table_row(rp_doc *d, const char *const *cells)
{
    W(d)->table_row(d, cells);
}

void doc_table_end(rp_doc *d)
{
    W(d)->table_end(d);
}

void doc_figure(rp_doc *d, const char *src, const char *caption)
{
    W(d)->figure(d, src, caption);
}
