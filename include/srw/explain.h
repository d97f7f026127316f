/* srw/explain.h - `srw explain`: one outcome's analysis walked through step
 * by step with its actual numbers, for students: each study's effect and
 * variance with the numbers put into the formula, the weights, the pooled
 * estimate, Q, tau^2 (its estimator's formula, or its iterations), the
 * intervals, I^2 and H^2, GRADE's domains with the numbers they looked at,
 * the statement and the verdict, each step with its source.
 *
 * Every number comes from the assessment (srw_assess_outcome, the verb
 * `srw analyse` calls) and the trace its analysis filled (srw/trace.h):
 * this module lays them out and decides nothing.  Text, Markdown, or a
 * self-contained HTML page (formulas in HTML with sub- and superscripts,
 * styles inline, no script and no network).
 *
 * In the text form each result a reader may check is one line,
 *   "  -> LABEL: formula = numbers = VALUE"
 * (the arrow is U+2192), with stable labels ("pooled estimate", "tau²",
 * "study 3 SE", ...), the value after the last " = " and numbers printed
 * to 5 significant digits: tests/cli/explain.sh reads them back against
 * `srw analyse --json`.
 */
#ifndef SRW_EXPLAIN_H
#define SRW_EXPLAIN_H

#include "srw/assess.h"
#include "srw/report.h"
#include "srw/trace.h"

typedef enum srw_explain_format {
    SRW_EXPLAIN_TEXT = 0,
    SRW_EXPLAIN_MD,
    SRW_EXPLAIN_HTML
} srw_explain_format;

/* "text", "md", "html"; NULL out of range. */
const char *srw_explain_format_name(srw_explain_format f);
/* 0 and *out set, or -1 when s names no format. */
int srw_explain_format_parse(srw_explain_format *out, const char *s);
/* "text, md or html", for help and errors. */
const char *srw_explain_formats_text(void);

/* What the explanation was asked for, shown at its head (may be NULL):
 * the command line that reproduces it. */
typedef struct srw_explain_request {
    const char *use, *outcome;
    const char *options; /* the analysis options given, as typed ("--tau2 DL --ci wald"), or NULL */
} srw_explain_request;

/* Lay out the explanation of assessment a, whose analysis was traced into
 * t (a->analysed with t->filled; an assessment without an analysis, an
 * outcome held only as published results, is explained from its verdict),
 * into out in format f.  d: the outcome's data as loaded (its rows give the
 * numbers put into each formula), NULL without trials.  Returns 0, or
 * SRW_ENOMEM when out ran out of memory. */
int srw_report_explain(srw_buf *out, const srw_assessment *a, const srw_trace *t, const srw_outcome_data *d,
                       const srw_explain_request *req, srw_explain_format f);

#endif
