/* srw_report_write: build the model once, then write every file of the
 * report atomically (srw_report_write_file), each document in every format
 * chosen (the table of formats, doc.h).  See include/srw/report.h. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report/content.h"
#include "report/summary.h"
#include "util/atomic.h"

int srw_report_write_file(const char *dir, const char *name, const srw_buf *buf, srw_error *err)
{
    char path[4096];
    if (buf->oom)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory while building %s", name);
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return SRW_FAIL(err, SRW_EUSAGE, "output path too long: %s/%s", dir, name);
    return srw_atomic_write(path, buf->ptr, buf->len, err);
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
    if (rc == 0 && u->any_rob) {
        srw_buf_clear(&b);
        srw_report_rob_svg(&b, u->n_rob, u->rob_studies, (const srw_rob_judgement(*)[SRW_ROB_N])u->rob);
        rp_rob_name(name, sizeof name, u);
        rc = emit(w, name, &b);
    }
    srw_buf_dispose(&b);
    return rc;
}

/* One document (index or a use page) in format f. */
static int write_doc(writer *w, const rp_report *r, const rp_use *only, const rp_format *f)
{
    srw_buf b = SRW_BUF_INIT;
    rp_doc d = {&b, f, 0, 0};
    char name[120], index[40];
    const char *title = only ? only->name : "srw evidence report";
    snprintf(index, sizeof index, "index.%s", f->ext);
    doc_open(&d, title);
    if (only) {
        snprintf(name, sizeof name, "%s.%s", only->slug, f->ext);
        d.heading_shift = -1;
        doc_para_begin(&d, "page-link");
        doc_link(&d, index, "All uses");
        doc_para_end(&d);
        rp_use_section(&d, only, 0);
        d.heading_shift = 0;
    } else {
        snprintf(name, sizeof name, "%s", index);
        doc_heading(&d, 1, NULL, "srw evidence report: botulinum toxin, use by use");
        doc_para(&d, "For each use: the verdict on its primary outcome first, in plain words, then the summary of "
                     "findings, GRADE, forest plots, published results beside srw's own, trials since the review, "
                     "and the methods.");
        rp_claims(&d, r);
        rp_overview(&d, r);
        for (size_t i = 0; i < r->n_uses; i++)
            rp_use_section(&d, &r->uses[i], 1);
    }
    rp_methods(&d, r);
    doc_close(&d);
    int rc = emit(w, name, &b);
    srw_buf_dispose(&b);
    return rc;
}

/* Every format chosen, in the table's order, of one document. */
static int write_docs(writer *w, const rp_report *r, const rp_use *only, int formats)
{
    size_t n;
    const rp_format *f = rp_formats(&n);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (formats & f[i].bit)
            rc = write_doc(w, r, only, &f[i]);
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
        if (rc == 0)
            rc = write_docs(&w, &r, &r.uses[i], o->formats);
    }
    if (rc == 0)
        rc = write_docs(&w, &r, NULL, o->formats);
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
