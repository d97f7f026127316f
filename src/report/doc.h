/* A tiny document model with two emitters, Markdown and HTML, so the
 * report's content is written once (content.c) and laid out per format
 * (internal to src/report).  Every text argument is user text and is
 * escaped by the emitter. */
#ifndef SRW_REPORT_DOC_H
#define SRW_REPORT_DOC_H

#include "srw/report.h"

typedef struct rp_doc {
    srw_buf *b;
    int html;
    int heading_shift; /* added to every heading level */
    int ncols;
} rp_doc;

void doc_heading(rp_doc *d, int level, const char *id, const char *text);
void doc_para_begin(rp_doc *d, const char *cls);
void doc_para_end(rp_doc *d);
void doc_text(rp_doc *d, const char *text);
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
