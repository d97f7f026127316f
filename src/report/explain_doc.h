/* The explanation's document (not public): headings, paragraphs, formulas,
 * result lines and tables written once by the steps (explain_*.c) and laid
 * out as text, Markdown or HTML here.
 *
 * Formulas and paragraphs are written in a small markup: x_i or x_{ij} a
 * subscript, x^2 or x^{k-1} a superscript, and a backslash before a
 * character takes it literally (ex_lit escapes text from the data).  Text
 * and Markdown show sub- and superscripts with Unicode's where every
 * character has one (w_i as wᵢ, τ^2 as τ²) and as _(...) or ^(...)
 * otherwise; HTML with <sub> and <sup>.
 *
 * Numbers go in through ex_n (5 significant digits, srw_format_sig) and
 * ex_g (a number of the data as given), which return texts from a ring in
 * the document: a call's texts live for the next 47 calls, enough for any
 * one line. */
#ifndef SRW_REPORT_EXPLAIN_DOC_H
#define SRW_REPORT_EXPLAIN_DOC_H

#include <stddef.h>

#include "srw/explain.h"

#define EX_SIG 5 /* significant digits of every computed number */

typedef struct ex_doc {
    srw_buf *b;
    srw_explain_format f;
    int step;                  /* the last step's number */
    char ring[48][64];         /* ex_n, ex_g */
    int ring_at;
    char lit[8][1200];         /* ex_disp and short labels */
    int lit_at;
    char **lits;               /* ex_lit's texts, whole, freed by ex_finish */
    size_t n_lits;
    /* The table being built (rows kept until ex_table_end lays them out). */
    int cols;
    size_t n_cells;
    char **cells;              /* rendered, row after row */
    int nomem;
} ex_doc;

void ex_init(ex_doc *x, srw_buf *b, srw_explain_format f);
/* Frees the table's cells; returns SRW_ENOMEM when anything could not be
 * written, else 0. */
int ex_finish(ex_doc *x);

const char *ex_n(ex_doc *x, double v);  /* a computed number, 5 significant digits */
const char *ex_np(ex_doc *x, double v); /* the same, in parentheses when negative */
const char *ex_g(ex_doc *x, double v);  /* a number of the data, as given (shortest exact text) */
const char *ex_gp(ex_doc *x, double v); /* the same, in parentheses when negative */
const char *ex_lit(ex_doc *x, const char *s); /* text of the data, escaped for the markup */

/* The markup s rendered for format f into o, and the display width of n
 * bytes of UTF-8 (code points) (explain_markup.c). */
void ex_render(srw_buf *o, const char *s, srw_explain_format f);
size_t ex_width(const char *s, size_t n);

/* The page's start and end (HTML's head and style; text's title). */
void ex_begin(ex_doc *x, const char *title);
void ex_end(ex_doc *x);

/* "Step N. title": the next step's heading. */
void ex_step(ex_doc *x, const char *title);
/* A heading within a step (a study, a domain). */
void ex_sub(ex_doc *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* "Source: ..." (plain text). */
void ex_source(ex_doc *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A paragraph (markup). */
void ex_para(ex_doc *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A displayed formula or a line of working (markup). */
void ex_eq(ex_doc *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A result: "-> label: working" with a stable label (plain) and the value
 * after the working's last " = " (markup).  A note may follow the value
 * after two spaces, in parentheses, without " = ". */
void ex_res(ex_doc *x, const char *label, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A table of cols columns: the header's cells, then rows of markup cells,
 * laid out at ex_table_end. */
void ex_table(ex_doc *x, int cols, const char *const *head);
void ex_row(ex_doc *x, const char *const *cells);
void ex_table_end(ex_doc *x);

#endif
