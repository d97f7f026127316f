/* The explanation's document as text, Markdown or HTML: see
 * explain_doc.h.  Lays out what the steps write; computes nothing. */
#include "report/explain_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WRAP = 100 }; /* text paragraphs wrap here */

void ex_init(ex_doc *x, srw_buf *b, srw_explain_format f)
{
    memset(x, 0, sizeof *x);
    x->b = b;
    x->f = f;
}

static void table_clear(ex_doc *x)
{
    for (size_t i = 0; i < x->n_cells; i++)
        free(x->cells[i]);
    free(x->cells);
    x->cells = NULL;
    x->n_cells = 0;
    x->cols = 0;
}

int ex_finish(ex_doc *x)
{
    table_clear(x);
    for (size_t i = 0; i < x->n_lits; i++)
        free(x->lits[i]);
    free(x->lits);
    x->lits = NULL;
    x->n_lits = 0;
    return x->nomem || x->b->oom ? SRW_ENOMEM : 0;
}

static void vrender(ex_doc *x, srw_buf *o, const char *fmt, va_list ap)
{
    srw_buf m = SRW_BUF_INIT;
    va_list cp;
    va_copy(cp, ap);
    int len = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *tmp = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (tmp == NULL) {
        x->nomem = 1;
        return;
    }
    vsnprintf(tmp, (size_t)len + 1, fmt, ap);
    ex_render(&m, tmp, x->f);
    free(tmp);
    if (m.oom)
        x->nomem = 1;
    else if (m.len > 0)
        srw_buf_put(o, m.ptr, m.len);
    srw_buf_dispose(&m);
}

/* Text wrapped at WRAP columns, each line indented. */
static void put_wrapped(srw_buf *o, const char *s, const char *indent)
{
    size_t ind = strlen(indent), col = 0;
    int first = 1;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (n == 0)
            break;
        size_t w = ex_width(s, n);
        if (first || col + 1 + w > WRAP) {
            if (!first)
                srw_buf_puts(o, "\n");
            srw_buf_puts(o, indent);
            col = ind;
        } else {
            srw_buf_puts(o, " ");
            col++;
        }
        srw_buf_put(o, s, n);
        col += w;
        first = 0;
        s += n;
    }
    srw_buf_puts(o, "\n");
}

/* A line of rendered text for Markdown, escaped. */
static void put_md(srw_buf *o, const srw_buf *line)
{
    if (line->len > 0)
        srw_buf_put_md(o, line->ptr);
}

/* --------------------------------------------------------------- blocks */

static const char style[] =
    "body{font-family:Georgia,'DejaVu Serif',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#111}"
    "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}"
    "h3{font-size:1rem;margin-bottom:.2rem}"
    ".src{font-size:.85rem;color:#555}"
    ".eq{font-family:'DejaVu Serif',Georgia,serif;margin:.3rem 0 .3rem 2rem}"
    ".res{margin:.3rem 0 .3rem 2rem}.res .lab{font-weight:bold}.res .val{font-weight:bold}"
    "table{border-collapse:collapse;margin:.5rem 0 .5rem 2rem;font-size:.9rem}"
    "td,th{border:1px solid #ccc;padding:.15rem .5rem;text-align:right}th{background:#f3f3f3}"
    "td:first-child,th:first-child{text-align:left}"
    "sub,sup{font-size:.75em}";

void ex_begin(ex_doc *x, const char *title)
{
    srw_buf *o = x->b;
    switch (x->f) {
    case SRW_EXPLAIN_HTML:
        srw_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        srw_buf_put_xml(o, title);
        srw_buf_printf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
        srw_buf_put_xml(o, title);
        srw_buf_puts(o, "</h1>\n");
        break;
    case SRW_EXPLAIN_MD:
        srw_buf_puts(o, "# ");
        srw_buf_put_md(o, title);
        srw_buf_puts(o, "\n\n");
        break;
    default:
        srw_buf_printf(o, "%s\n", title);
        break;
    }
}

void ex_end(ex_doc *x)
{
    if (x->f == SRW_EXPLAIN_HTML)
        srw_buf_puts(x->b, "</body>\n</html>\n");
}

void ex_step(ex_doc *x, const char *title)
{
    x->step++;
    srw_buf *o = x->b;
    switch (x->f) {
    case SRW_EXPLAIN_HTML:
        srw_buf_printf(o, "<h2 id=\"step-%d\">Step %d. ", x->step, x->step);
        srw_buf_put_xml(o, title);
        srw_buf_puts(o, "</h2>\n");
        break;
    case SRW_EXPLAIN_MD:
        srw_buf_printf(o, "## Step %d. ", x->step);
        srw_buf_put_md(o, title);
        srw_buf_puts(o, "\n\n");
        break;
    default:
        srw_buf_printf(o, "\nStep %d. %s\n", x->step, title);
        break;
    }
}

/* A block of markup fmt: rendered, then laid out by kind. */
enum kind { K_SUB, K_SOURCE, K_PARA, K_EQ, K_RES };

static void block(ex_doc *x, enum kind k, const char *label, const char *fmt, va_list ap)
{
    srw_buf line = SRW_BUF_INIT;
    if (k == K_SOURCE) { /* plain text */
        va_list cp;
        va_copy(cp, ap);
        int len = vsnprintf(NULL, 0, fmt, cp);
        va_end(cp);
        char *tmp = len >= 0 ? malloc((size_t)len + 1) : NULL;
        if (tmp == NULL) {
            x->nomem = 1;
        } else {
            va_copy(cp, ap);
            vsnprintf(tmp, (size_t)len + 1, fmt, cp);
            va_end(cp);
            if (x->f == SRW_EXPLAIN_HTML)
                srw_buf_put_xml(&line, tmp);
            else
                srw_buf_puts(&line, tmp);
            free(tmp);
        }
    } else {
        vrender(x, &line, fmt, ap);
    }
    const char *text = line.len ? line.ptr : "";
    srw_buf *o = x->b;
    switch (x->f) {
    case SRW_EXPLAIN_HTML:
        switch (k) {
        case K_SUB: srw_buf_printf(o, "<h3>%s</h3>\n", text); break;
        case K_SOURCE: srw_buf_printf(o, "<p class=\"src\">Source: %s</p>\n", text); break;
        case K_PARA: srw_buf_printf(o, "<p>%s</p>\n", text); break;
        case K_EQ: srw_buf_printf(o, "<div class=\"eq\">%s</div>\n", text); break;
        case K_RES: {
            /* The value, after the last " = ", in bold. */
            const char *eq = NULL;
            for (const char *p = strstr(text, " = "); p; p = strstr(p + 1, " = "))
                eq = p;
            srw_buf_puts(o, "<p class=\"res\">&#8594; <span class=\"lab\">");
            srw_buf_put_xml(o, label);
            srw_buf_puts(o, "</span>: ");
            if (eq) {
                srw_buf_put(o, text, (size_t)(eq - text) + 3);
                const char *end = strstr(eq + 3, "  ");
                size_t vn = end ? (size_t)(end - eq - 3) : strlen(eq + 3);
                srw_buf_puts(o, "<span class=\"val\">");
                srw_buf_put(o, eq + 3, vn);
                srw_buf_puts(o, "</span>");
                srw_buf_puts(o, eq + 3 + vn);
            } else {
                srw_buf_puts(o, text);
            }
            srw_buf_puts(o, "</p>\n");
            break;
        }
        }
        break;
    case SRW_EXPLAIN_MD:
        switch (k) {
        case K_SUB: srw_buf_puts(o, "### "); put_md(o, &line); srw_buf_puts(o, "\n\n"); break;
        case K_SOURCE: srw_buf_puts(o, "*Source:* "); put_md(o, &line); srw_buf_puts(o, "\n\n"); break;
        case K_PARA: put_md(o, &line); srw_buf_puts(o, "\n\n"); break;
        case K_EQ: srw_buf_printf(o, "    %s\n\n", text); break; /* a code block: no escaping */
        case K_RES:
            srw_buf_puts(o, "- **");
            srw_buf_put_md(o, label);
            srw_buf_puts(o, "**: ");
            put_md(o, &line);
            srw_buf_puts(o, "\n\n");
            break;
        }
        break;
    default:
        switch (k) {
        case K_SUB: srw_buf_printf(o, "\n  %s\n", text); break;
        case K_SOURCE: {
            srw_buf src = SRW_BUF_INIT;
            srw_buf_printf(&src, "Source: %s", text);
            put_wrapped(o, src.len ? src.ptr : "", "  ");
            if (src.oom)
                x->nomem = 1;
            srw_buf_dispose(&src);
            break;
        }
        case K_PARA: put_wrapped(o, text, "  "); break;
        case K_EQ: srw_buf_printf(o, "    %s\n", text); break;
        case K_RES: srw_buf_printf(o, "  \u2192 %s: %s\n", label, text); break;
        }
        break;
    }
    if (line.oom)
        x->nomem = 1;
    srw_buf_dispose(&line);
}

#define BLOCK(kind, label)                                                                                   \
    va_list ap;                                                                                              \
    va_start(ap, fmt);                                                                                       \
    block(x, kind, label, fmt, ap);                                                                          \
    va_end(ap)

void ex_sub(ex_doc *x, const char *fmt, ...)
{
    BLOCK(K_SUB, NULL);
}

void ex_source(ex_doc *x, const char *fmt, ...)
{
    BLOCK(K_SOURCE, NULL);
}

void ex_para(ex_doc *x, const char *fmt, ...)
{
    BLOCK(K_PARA, NULL);
}

void ex_eq(ex_doc *x, const char *fmt, ...)
{
    BLOCK(K_EQ, NULL);
}

void ex_res(ex_doc *x, const char *label, const char *fmt, ...)
{
    BLOCK(K_RES, label);
}

/* --------------------------------------------------------------- tables */

static void add_cell(ex_doc *x, const char *markup)
{
    srw_buf c = SRW_BUF_INIT;
    ex_render(&c, markup ? markup : "", x->f);
    char *s = c.oom ? NULL : strdup(c.len ? c.ptr : "");
    srw_buf_dispose(&c);
    char **cells = s ? realloc(x->cells, (x->n_cells + 1) * sizeof *cells) : NULL;
    if (cells == NULL) {
        free(s);
        x->nomem = 1;
        return;
    }
    x->cells = cells;
    x->cells[x->n_cells++] = s;
}

void ex_table(ex_doc *x, int cols, const char *const *head)
{
    table_clear(x);
    x->cols = cols;
    for (int i = 0; i < cols; i++)
        add_cell(x, head[i]);
}

void ex_row(ex_doc *x, const char *const *cells)
{
    for (int i = 0; i < x->cols; i++)
        add_cell(x, cells[i]);
}

void ex_table_end(ex_doc *x)
{
    srw_buf *o = x->b;
    size_t cols = (size_t)x->cols, rows = cols ? x->n_cells / cols : 0;
    if (x->nomem || rows == 0) {
        table_clear(x);
        return;
    }
    if (x->f == SRW_EXPLAIN_HTML) {
        srw_buf_puts(o, "<table>\n");
        for (size_t r = 0; r < rows; r++) {
            srw_buf_puts(o, "<tr>");
            for (size_t c = 0; c < cols; c++)
                srw_buf_printf(o, r ? "<td>%s</td>" : "<th>%s</th>", x->cells[r * cols + c]);
            srw_buf_puts(o, "</tr>\n");
        }
        srw_buf_puts(o, "</table>\n");
    } else if (x->f == SRW_EXPLAIN_MD) {
        for (size_t r = 0; r < rows; r++) {
            srw_buf_puts(o, "|");
            for (size_t c = 0; c < cols; c++) {
                srw_buf_puts(o, " ");
                srw_buf_put_md(o, x->cells[r * cols + c]);
                srw_buf_puts(o, " |");
            }
            srw_buf_puts(o, "\n");
            if (r == 0) {
                srw_buf_puts(o, "|");
                for (size_t c = 0; c < cols; c++)
                    srw_buf_puts(o, c ? " ---: |" : " --- |");
                srw_buf_puts(o, "\n");
            }
        }
        srw_buf_puts(o, "\n");
    } else {
        size_t w[16] = {0};
        for (size_t i = 0; i < x->n_cells; i++) {
            size_t c = i % cols, n = ex_width(x->cells[i], strlen(x->cells[i]));
            if (c < 16 && n > w[c])
                w[c] = n;
        }
        for (size_t r = 0; r < rows; r++) {
            srw_buf_puts(o, "    ");
            for (size_t c = 0; c < cols; c++) {
                const char *s = x->cells[r * cols + c];
                size_t n = ex_width(s, strlen(s)), pad = c < 16 && w[c] > n ? w[c] - n : 0;
                /* The first column left-aligned, numbers right-aligned. */
                if (c == 0) {
                    srw_buf_puts(o, s);
                    for (size_t p = 0; p < pad; p++)
                        srw_buf_puts(o, " ");
                } else {
                    srw_buf_puts(o, "  ");
                    for (size_t p = 0; p < pad; p++)
                        srw_buf_puts(o, " ");
                    srw_buf_puts(o, s);
                }
            }
            srw_buf_puts(o, "\n");
        }
    }
    table_clear(x);
}
