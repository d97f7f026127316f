/* srw/report.h - the evidence report: verdict per use, summary of findings,
 * GRADE, forest / funnel / risk-of-bias figures, published results beside
 * srw's own, the living update and the methods, as Markdown, HTML, SVG and
 * JSON (`srw report`).
 *
 * Every number and decision comes from core's assessment, the verb `srw
 * analyse` and `srw verify` call too (srw_assess_outcome, srw/assess.h), and
 * the JSON of srw_report_analysis_json; this module only gathers its inputs
 * from the store and lays the results out.  Output is deterministic: the same data and
 * srw version give byte-identical files (no timestamps; the data's SHA-256
 * is in reports/manifest.json).
 *
 * Ownership: srw_buf owns its bytes (srw_buf_dispose, safe on a zeroed or
 * disposed buffer); every other argument is borrowed.
 */
#ifndef SRW_REPORT_H
#define SRW_REPORT_H

#include <stddef.h>

#include "srw/error.h"
#include "srw/grade.h"
#include "srw/pool.h"
#include "srw/record.h"
#include "srw/sensitivity.h"
#include "srw/store.h"

/* ------------------------------------------------------------- buffer */

/* A growable string that records running out of memory once: appends after
 * a failed allocation are no-ops and the caller checks `oom` at the end
 * (libgit2 git_str).  ptr is NUL-terminated whenever len > 0. */
typedef struct srw_buf {
    char *ptr;
    size_t len, cap;
    int oom;
} srw_buf;

#define SRW_BUF_INIT { NULL, 0, 0, 0 }
/* Bytes a buffer may hold; beyond this it reports oom (no unbounded growth). */
#define SRW_BUF_MAX ((size_t)1 << 30)

void srw_buf_put(srw_buf *b, const char *s, size_t n);
void srw_buf_puts(srw_buf *b, const char *s);
void srw_buf_printf(srw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Room for n more bytes at the end (writers that build text byte by byte,
 * such as the JSON writer): a pointer to write at most n bytes to, then
 * srw_buf_used(b, bytes written); NULL after running out of memory. */
char *srw_buf_room(srw_buf *b, size_t n);
void srw_buf_used(srw_buf *b, size_t n);
/* The text so far ("" when empty; never NULL). */
const char *srw_buf_cstr(const srw_buf *b);
void srw_buf_clear(srw_buf *b); /* keeps the allocation and the oom flag */
void srw_buf_dispose(srw_buf *b);

/* ----------------------------------------------------------- escaping */

/* Text for HTML or SVG (element text and quoted attributes): & < > " ' are
 * escaped; NULL appends nothing. */
void srw_buf_put_xml(srw_buf *b, const char *s);
/* Escaped as srw_buf_put_xml, with http(s):// URLs and doi:10.x/y turned into
 * links (the link text and href escaped as well). */
void srw_buf_put_linked_html(srw_buf *b, const char *s);
/* Text for a Markdown table cell or paragraph: Markdown punctuation is
 * backslash-escaped ('&', '<' and '>' only where CommonMark would read a
 * character reference, a tag or a block quote), http(s):// addresses
 * become autolinks (<https://...>, as they are but '|' as %7C), line
 * breaks become spaces. */
void srw_buf_put_md(srw_buf *b, const char *s);
/* A GRADE domain's reason as every writer shows it: the reason, with the
 * reviewer's own text whole where core's reason holds only its start
 * (srw_grade_step.entered_reason). */
void srw_report_grade_reason(srw_buf *b, const srw_grade_step *st);
/* A file-name slug: lower-case ASCII letters and digits, runs of anything
 * else as one '-', at most n - 1 (and at most 60) characters; "x" if empty. */
void srw_report_slug(char *out, size_t n, const char *s);

/* ----------------------------------------------------------- figures */

/* The RevMan-style forest plot of one analysis.  d gives the arm data and
 * risk-of-bias judgements (rows aligned with a->studies) and the direction
 * that decides which side "favours" the intervention; d may be NULL (then
 * no arm columns, no dots, labels "Lower"/"Higher").  Appends to out;
 * returns 0 or SRW_ENOMEM. */
int srw_report_forest_svg(srw_buf *out, const srw_analysis *a, const srw_outcome_data *d,
                          const char *title);
/* The same with the study rows in order (a->n_studies indices from
 * srw_study_order_sort, subgroups kept together); NULL: as stored. */
int srw_report_forest_svg_sorted(srw_buf *out, const srw_analysis *a, const srw_outcome_data *d, const size_t *order,
                                 const char *title);
/* Contour-enhanced funnel plot (Peters et al., J Clin Epidemiol
 * 2008;61:991-996): each estimable study's effect against its standard
 * error, shaded where a study's own two-sided p-value would be above 0.10,
 * 0.05 to 0.10, 0.01 to 0.05 and below 0.01, with the pooled estimate and
 * its pseudo 95% limits; with s (may be NULL) the studies trim-and-fill
 * adds, as open circles, and a line each for Egger's and Begg's tests and
 * trim-and-fill, where they ran. */
int srw_report_funnel_svg(srw_buf *out, const srw_analysis *a, const srw_sensitivity *s, const char *title);
/* Risk-of-bias figures in the style of robvis (src/report/svg_rob.c).
 * RoB 1 traffic-light plot: a row per study, a coloured judgement with its
 * symbol per domain and the study's overall (srw/rob.h) as the last
 * column; summary plot: per domain and overall, the share of the n studies
 * judged low, unclear, high and not judged. */
int srw_report_rob_svg(srw_buf *out, size_t n, const char *const *studies,
                       const srw_rob_judgement (*rob)[SRW_ROB_N]);
int srw_report_rob_summary_svg(srw_buf *out, size_t n, const srw_rob_judgement (*rob)[SRW_ROB_N]);
/* RoB 2: the same figures over results, a row per study under its outcome
 * (rows grouped by outcomes[i]), the overall the result is taken at. */
int srw_report_rob2_svg(srw_buf *out, size_t n, const char *const *outcomes, const char *const *studies,
                        const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS]);
int srw_report_rob2_summary_svg(srw_buf *out, size_t n, const srw_rob2_judgement (*rob2)[SRW_ROB2_ITEMS]);

/* ------------------------------------------------------------ report */

/* The document formats, one table (src/report/formats.c) that gives each
 * its name (as --format takes it and manifest.json lists it), its files'
 * extension and its writer (src/report/doc_<name>.c); --format's parse,
 * help and errors come from it.  A format is a bit of
 * srw_report_options.formats; adding one is its bit here, its row in the
 * table and its writer file. */
enum {
    SRW_REPORT_MD = 1,
    SRW_REPORT_HTML = 2,
    SRW_REPORT_ALL_FORMATS = SRW_REPORT_MD | SRW_REPORT_HTML
};

/* The formats named in list ("md,html": names separated by commas, one
 * comma may end it) as bits in *out: 0, or SRW_EUSAGE (*out untouched)
 * when a name is no format or the list names none. */
int srw_report_formats_parse(int *out, const char *list);
/* What --format takes, for help and errors: "md, html or md,html". */
void srw_report_formats_text(char *buf, size_t n);
/* Every format as one list, the default: "md,html". */
void srw_report_formats_all(char *buf, size_t n);

/* How far the report has got: stage "assessing" (done of total outcomes
 * assessed), then "writing" (done of total uses whose pages and figures
 * are written; the index and JSON files last).  For a progress bar; the
 * report draws nothing itself. */
typedef void (*srw_report_progress)(void *ctx, const char *stage, size_t done, size_t total);
/* What srw_report_write wrote, for the lines srw report prints: each use's
 * page (its HTML file when written, else the first format's) and
 * verdict, in the report's order, and how many files in all.  Owned by
 * the caller; srw_report_written_dispose frees it (safe on a zeroed one). */
typedef struct srw_report_use_page {
    char *use, *page;
    const char *verdict; /* srw_verdict_name (static) */
} srw_report_use_page;
typedef struct srw_report_written {
    size_t n_uses, n_files;
    srw_report_use_page *uses;
    char *index;         /* the index page's file name */
} srw_report_written;
void srw_report_written_dispose(srw_report_written *w);

/* The largest report (in outcomes) drawn whole by default: a Cochrane
 * review's size (CD008625 has 74 analyses). */
#define SRW_REPORT_ALL_FIGURES_UPTO 200
#define SRW_REPORT_ALL_FIGURES_UPTO_TEXT "200"

typedef struct srw_report_options {
    /* Pooling options of every analysis, as `srw analyse` takes them
     * (profile cochrane by default; a DEFAULT measure is the outcome's
     * stored one, else its type's default). */
    srw_pool_options pool;
    int formats;          /* SRW_REPORT_* bits */
    const char *use;      /* one use only, or NULL for all */
    srw_study_order sort; /* the forest plots' rows (--sort); DATA: the data's order */
    /* When not NULL, filled with what was written once the report is in
     * place (on failure it stays empty). */
    srw_report_written *written;
    /* Forest and funnel plots of every analysed outcome.  By default every
     * analysed outcome's too when the report covers at most
     * SRW_REPORT_ALL_FIGURES_UPTO outcomes; in a larger report only each
     * use's primary outcome's and those the outcome settings rate critical
     * (which the verdict and its robustness read). */
    int all_figures;
    srw_report_progress progress; /* NULL: none */
    void *progress_ctx;
} srw_report_options;

#define SRW_REPORT_OPTIONS_INIT { SRW_POOL_OPTIONS_INIT, SRW_REPORT_ALL_FORMATS, NULL, SRW_ORDER_DATA, NULL, 0, NULL, NULL }

/* SHA-256 (lower-case hex) of the canonical content of the review: the
 * uses, outcomes, studies with their risk of bias, records and published
 * results, in a fixed order, without who entered them or when. */
int srw_report_data_sha256(char hex[65], srw_store *s, srw_error *err);

/* Write buf to dir/name atomically (src/util/atomic.h: name.tmp, fclose
 * checked, rename; the temporary is removed on failure).  SRW_ENOMEM when
 * buf->oom. */
int srw_report_write_file(const char *dir, const char *name, const srw_buf *buf, srw_error *err);

/* Write the whole report into out_dir (created with its missing parents):
 * the report is written into a new folder beside it, which then takes
 * out_dir's place whole, so out_dir holds exactly this run's files (with
 * o->use, a report of that use alone; with o->formats, those formats only)
 * and never a page of an earlier run.  index.<ext>
 * per format of o->formats (index.md, index.html), summary.json,
 * manifest.json and per use <use>.<ext> per format, for the outcomes with
 * figures (o->all_figures) <use>-<outcome>-forest.svg and -funnel.svg
 * (k >= 10) and, for a use with
 * RoB 1 judgements, <use>-rob.svg and <use>-rob-summary.svg, with RoB 2
 * judgements <use>-rob2.svg and <use>-rob2-summary.svg.
 * Fails with SRW_ENOTFOUND when o->use names no use. */
int srw_report_write(srw_store *s, const char *out_dir, const srw_report_options *o, srw_error *err);

#endif
