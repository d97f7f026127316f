/* The Markdown writer of the report's document model (doc.h): GitHub
 * Markdown, which shows no styles, so blocks and paragraph classes write
 * nothing of their own. */
#include "report/doc.h"

static void doc_start(rp_doc *d, const char *title)
{
    (void)d, (void)title; /* the first heading is the title */
}

static void doc_end(rp_doc *d)
{
    (void)d;
}

static void heading(rp_doc *d, int level, const char *id, const char *text)
{
    (void)id; /* renderers make their own anchors from the text */
    for (int i = 0; i < level; i++)
        srw_buf_puts(d->b, "#");
    srw_buf_puts(d->b, " ");
    srw_buf_put_md(d->b, text);
    srw_buf_puts(d->b, "\n\n");
}

static void nothing_cls(rp_doc *d, const char *cls)
{
    (void)d, (void)cls;
}

static void nothing(rp_doc *d)
{
    (void)d;
}

static void para_end(rp_doc *d)
{
    srw_buf_puts(d->b, "\n\n");
}

static void put_text(rp_doc *d, const char *s)
{
    srw_buf_put_md(d->b, s);
}

static void bold(rp_doc *d)
{
    srw_buf_puts(d->b, "**");
}

static void put_link(rp_doc *d, const char *href, const char *s)
{
    srw_buf_puts(d->b, "[");
    srw_buf_put_md(d->b, s);
    srw_buf_puts(d->b, "](");
    srw_buf_puts(d->b, href); /* hrefs are srw's own file names or slugs */
    srw_buf_puts(d->b, ")");
}

static void linked(rp_doc *d, const char *s)
{
    srw_buf_put_md(d->b, s); /* Markdown renderers link bare URLs themselves */
}

static void item_begin(rp_doc *d)
{
    srw_buf_puts(d->b, "- ");
}

static void line_end(rp_doc *d)
{
    srw_buf_puts(d->b, "\n");
}

static void table_begin(rp_doc *d, const char *cls, size_t ncols, const char *const *headers)
{
    (void)cls;
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

static void table_row(rp_doc *d, const char *const *cells)
{
    srw_buf_puts(d->b, "|");
    for (int i = 0; i < d->ncols; i++) {
        srw_buf_puts(d->b, " ");
        srw_buf_put_md(d->b, cells[i]);
        srw_buf_puts(d->b, " |");
    }
    srw_buf_puts(d->b, "\n");
}

static void figure(rp_doc *d, const char *src, const char *caption)
{
    srw_buf_puts(d->b, "![");
    srw_buf_put_md(d->b, caption);
    srw_buf_puts(d->b, "](");
    srw_buf_puts(d->b, src);
    srw_buf_puts(d->b, ")\n\n");
}

const rp_writer rp_writer_md = {
    .open = doc_start,
    .close = doc_end,
    .heading = heading,
    .block_begin = nothing_cls,
    .block_end = nothing,
    .para_begin = nothing_cls,
    .para_end = para_end,
    .text = put_text,
    .bold_begin = bold,
    .bold_end = bold,
    .link = put_link,
    .linked = linked,
    .list_begin = nothing,
    .item_begin = item_begin,
    .item_end = line_end,
    .list_end = line_end,
    .table_begin = table_begin,
    .table_row = table_row,
    .table_end = line_end,
    .figure = figure,
};
