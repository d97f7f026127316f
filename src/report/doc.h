/* A tiny document model, so the report's content is written once
 * (content.c) and laid out by each format's writer (internal to
 * src/report).  Every text argument is user text and is escaped by the
 * writer.
 *
 * The formats are one table (formats.c): each format's name, its files'
 * extension and its writer, one file per writer (doc_md.c, doc_html.c).
 * Adding a format is its bit in srw/report.h, its row in the table and its
 * writer file. */
#ifndef SRW_REPORT_DOC_H
#define SRW_REPORT_DOC_H

#include "srw/report.h"

typedef struct rp_doc rp_doc;

/* How one format lays out each element of the model (doc.c's functions of
 * the same names, below, say what each is). */
typedef struct rp_writer {
    void (*open)(rp_doc *d, const char *title);
    void (*close)(rp_doc *d);
    void (*heading)(rp_doc *d, int level, const char *id, const char *text);
    void (*block_begin)(rp_doc *d, const char *cls);
    void (*block_end)(rp_doc *d);
    void (*para_begin)(rp_doc *d, const char *cls);
    void (*para_end)(rp_doc *d);
    void (*text)(rp_doc *d, const char *text);
    void (*bold_begin)(rp_doc *d);
    void (*bold_end)(rp_doc *d);
    void (*link)(rp_doc *d, const char *href, const char *text);
    void (*linked)(rp_doc *d, const char *text);
    void (*list_begin)(rp_doc *d);
    void (*item_begin)(rp_doc *d);
    void (*item_end)(rp_doc *d);
    void (*list_end)(rp_doc *d);
    void (*table_begin)(rp_doc *d, const char *cls, size_t ncols, const char *const *headers);
    void (*table_row)(rp_doc *d, const char *const *cells);
    void (*table_end)(rp_doc *d);
    void (*figure)(rp_doc *d, const char *src, const char *caption);
} rp_writer;

/* One row of the format table. */
typedef struct rp_format {
    int bit;                 /* SRW_REPORT_MD: srw_report_options.formats */
    const char *name;        /* "md": as --format takes it and manifest.json lists it */
    const char *ext;         /* "md": index.md, <use>.md and the links between them */
    const rp_writer *writer;
} rp_format;

/* The table, in the order the files are written, *n rows (static). */
const rp_format *rp_formats(size_t *n);

/* The writers, one per file. */
extern const rp_writer rp_writer_md;   /* doc_md.c */
extern const rp_writer rp_writer_html; /* doc_html.c */

struct rp_doc {
    srw_buf *b;
    const rp_format *format;
    int heading_shift; /* added to every heading level */
    int ncols;         /* of the table being written */
};

/* The document's start and end (an HTML page's head and style). */
void doc_open(rp_doc *d, const char *title);
void doc_close(rp_doc *d);
void doc_heading(rp_doc *d, int level, const char *id, const char *text);
/* A block of paragraphs styled as cls (the verdict box); nothing in
 * Markdown. */
void doc_block_begin(rp_doc *d, const char *cls);
void doc_block_end(rp_doc *d);
void doc_para_begin(rp_doc *d, const char *cls);
void doc_para_end(rp_doc *d);
void doc_text(rp_doc *d, const char *text);
/* The formatted text whole, on the heap (the caller frees it): a table
 * cell holding a name, which is never cut.  NULL when out of memory, and
 * the document's buffer then says so (checked once at the end). */
char *doc_strf(rp_doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void doc_textf(rp_doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void doc_bold(rp_doc *d, const char *text);
void doc_link(rp_doc *d, const char *href, const char *text);
void doc_linked(rp_doc *d, const char *text); /* URLs inside become links */
void doc_para(rp_doc *d, const char *text);
void doc_list_begin(rp_doc *d);
void doc_item_begin(rp_doc *d);
void doc_item_end(rp_doc *d);
void doc_list_end(rp_doc *d);
void doc_table_begin(rp_doc *d, const char *cls, size_t ncols, const char *const *headers);
void doc_table_row(rp_doc *d, const char *const *cells);
void doc_table_end(rp_doc *d);
void doc_figure(rp_doc *d, const char *src, const char *caption);

#endif
