/* srw_report_write: build the model once, then write every file of the
 * report atomically.  See include/srw/report.h. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report/content.h"
#include "report/summary.h"

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
    ".missing{color:#8a4b00}.settings{font-size:13px;color:#333}\n"
    "a{color:#1f5fa8;overflow-wrap:anywhere}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}a{color:#000;text-decoration:none}"
    "h2{page-break-before:always}h2:first-of-type{page-break-before:auto}"
    "figure,table,.verdict{page-break-inside:avoid}.page-link{display:none}}\n";

static void html_open(srw_buf *b, const char *title)
{
    srw_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    srw_buf_put_xml(b, title);
    srw_buf_puts(b, "</title>\n<style>\n");
    srw_buf_puts(b, css);
    srw_buf_puts(b, "</style>\n</head>\n<body>\n");
}

static void html_close(srw_buf *b)
{
    srw_buf_puts(b, "</body>\n</html>\n");
}

typedef struct writer {
    const char *dir;
    json_t *files;
    srw_error *err;
} writer;

static int emit(writer *w, const char *name, const srw_buf *b)
{
    int rc = srw_report_write_file(w->dir, name, b, w->err);
    if (rc == 0)
        json_array_append_new(w->files, json_string(name));
    return rc;
}

static int write_figures(writer *w, const rp_use *u)
{
    srw_buf b = SRW_BUF_INIT;
    char name[200];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        if (!o->as.analysed)
            continue;
        srw_buf_clear(&b);
        srw_report_forest_svg(&b, &o->as.analysis, &o->d, o->name);
        rp_forest_name(name, sizeof name, u, o);
        rc = emit(w, name, &b);
        if (rc == 0 && o->has_funnel) {
            srw_buf_clear(&b);
            srw_report_funnel_svg(&b, &o->as.analysis, o->as.graded ? &o->as.grade.egger : NULL, o->name);
            rp_funnel_name(name, sizeof name, u, o);
            rc = emit(w, name, &b);
        }
    }
    /* The risk-of-bias figures of each tool the use's judgements hold. */
    const srw_rob_judgement(*rob)[SRW_ROB_N] = (const srw_rob_judgement(*)[SRW_ROB_N])u->rob;
    const srw_rob2_judgement(*rob2)[SRW_ROB2_ITEMS] = (const srw_rob2_judgement(*)[SRW_ROB2_ITEMS])u->rob2;
    for (int f = 0; f < 4 && rc == 0; f++) {
        static const char *const figures[4] = {"rob", "rob-summary", "rob2", "rob2-summary"};
        if (f < 2 ? !u->any_rob : u->n_rob2 == 0)
            continue;
        srw_buf_clear(&b);
        int drawn = f == 0   ? srw_report_rob_svg(&b, u->n_rob, u->rob_studies, rob)
                    : f == 1 ? srw_report_rob_summary_svg(&b, u->n_rob, rob)
                    : f == 2 ? srw_report_rob2_svg(&b, u->n_rob2, u->rob2_outcomes, u->rob2_studies, rob2)
                             : srw_report_rob2_summary_svg(&b, u->n_rob2, rob2);
        rp_rob_name(name, sizeof name, u, figures[f]);
        rc = drawn != 0 ? SRW_FAIL(w->err, SRW_ENOMEM, "out of memory") : emit(w, name, &b);
    }
    srw_buf_dispose(&b);
    return rc;
}

/* One document (index or a use page) in one format. */
static int write_doc(writer *w, const rp_report *r, const rp_use *only, int html)
{
    srw_buf b = SRW_BUF_INIT;
    rp_doc d = {&b, html, 0, 0};
    char name[120];
    const char *title = only ? only->name : "srw evidence report";
    if (html)
        html_open(&b, title);
    if (only) {
        snprintf(name, sizeof name, "%s.%s", only->slug, html ? "html" : "md");
        d.heading_shift = -1;
        doc_para_begin(&d, "page-link");
        doc_link(&d, html ? "index.html" : "index.md", "All uses");
        doc_para_end(&d);
        rp_use_section(&d, only, 0);
        d.heading_shift = 0;
    } else {
        snprintf(name, sizeof name, "index.%s", html ? "html" : "md");
        doc_heading(&d, 1, NULL, "srw evidence report: botulinum toxin, use by use");
        doc_para(&d, "For each use: the verdict on its primary outcome first, in plain words, then the summary of "
                     "findings, GRADE, forest plots, published results beside srw's own, trials since the review, "
                     "and the methods.");
        rp_overview(&d, r);
        for (size_t i = 0; i < r->n_uses; i++)
            rp_use_section(&d, &r->uses[i], 1);
    }
    rp_methods(&d, r);
    if (html)
        html_close(&b);
    int rc = emit(w, name, &b);
    srw_buf_dispose(&b);
    return rc;
}

static int write_json(writer *w, const char *name, json_t *j)
{
    srw_buf b = SRW_BUF_INIT;
    if (j == NULL)
        return SRW_FAIL(w->err, SRW_ENOMEM, "out of memory");
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    if (s == NULL)
        return SRW_FAIL(w->err, SRW_ENOMEM, "out of memory");
    srw_buf_puts(&b, s);
    srw_buf_puts(&b, "\n");
    free(s);
    int rc = emit(w, name, &b);
    srw_buf_dispose(&b);
    return rc;
}

int srw_report_write(srw_store *s, const char *out_dir, const srw_report_options *o, srw_error *err)
{
    rp_report r;
    writer w = {out_dir, json_array(), err};
    if (w.files == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        json_decref(w.files);
        return SRW_FAIL(err, SRW_EIO, "cannot create %s: %s", out_dir, strerror(e));
    }
    int rc = rp_build(&r, s, o, err);
    if (rc != 0) {
        json_decref(w.files);
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < r.n_uses; i++) {
        rc = write_figures(&w, &r.uses[i]);
        if (rc == 0 && (o->formats & SRW_REPORT_MD))
            rc = write_doc(&w, &r, &r.uses[i], 0);
        if (rc == 0 && (o->formats & SRW_REPORT_HTML))
            rc = write_doc(&w, &r, &r.uses[i], 1);
    }
    if (rc == 0 && (o->formats & SRW_REPORT_MD))
        rc = write_doc(&w, &r, NULL, 0);
    if (rc == 0 && (o->formats & SRW_REPORT_HTML))
        rc = write_doc(&w, &r, NULL, 1);
    if (rc == 0) {
        json_t *j = rp_summary_json(&r);
        rc = write_json(&w, "summary.json", j);
        json_decref(j);
    }
    if (rc == 0) {
        json_t *j = rp_manifest_json(&r, w.files);
        rc = write_json(&w, "manifest.json", j);
        json_decref(j);
    }
    json_decref(w.files);
    rp_dispose(&r);
    return rc;
}
