/* srw_report_write: build the model once, then write every file of the
 * report (srw_report_write_file), each document in every format chosen
 * (the table of formats, doc.h), into a new folder that then takes the
 * output folder's place (util/folder.h): no page of an earlier run is left
 * beside the new ones, and a run killed part way leaves the old report
 * whole.  See include/srw/report.h. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "report/content.h"
#include "report/summary.h"
#include "util/atomic.h"
#include "util/folder.h"

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
        if (!o->has_figures)
            continue;
        srw_buf_clear(&b);
        srw_report_forest_svg_sorted(&b, &o->as.analysis, o->as.pooled, o->as.order, o->name);
        rp_forest_name(name, sizeof name, u, o);
        rc = emit(w, name, &b);
        if (rc == 0 && o->has_funnel) {
            srw_buf_clear(&b);
            srw_report_funnel_svg(&b, &o->as.analysis, &o->as.sens, o->name);
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
        rp_use_section(&d, only);
        d.heading_shift = 0;
        rp_methods(&d, r);
    } else {
        /* The index is short: the verdicts, the claims and a paragraph per
         * use; each use's detail, and the methods, are on its page. */
        snprintf(name, sizeof name, "%s", index);
        doc_heading(&d, 1, NULL, "srw evidence report");
        doc_para(&d, "The verdict on each use's primary outcome, the claims checked against them, and a paragraph "
                     "per use. Each use's page holds the rest: the verdict's reason, the summary of findings, GRADE, "
                     "forest plots, published results beside srw's own, trials since the review, risk of bias, and "
                     "the methods.");
        rp_overview(&d, r);
        rp_claims(&d, r);
        doc_heading(&d, 2, "uses", "Use by use");
        for (size_t i = 0; i < r->n_uses; i++)
            rp_use_summary(&d, &r->uses[i]);
        rp_analysis_line(&d, r);
        rp_provenance(&d, r);
    }
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

/* The output folder may be replaced: it is new, empty, or an earlier
 * report (it holds manifest.json); anything else is not srw's to remove. */
static int replaceable(const char *out_dir, srw_error *err)
{
    struct stat sb;
    if (stat(out_dir, &sb) != 0)
        return errno == ENOENT ? 0 : SRW_FAIL(err, SRW_EIO, "cannot read %s: %s", out_dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return SRW_FAIL(err, SRW_EUSAGE, "%s exists and is not a folder: give --out a folder", out_dir);
    char manifest[4200];
    snprintf(manifest, sizeof manifest, "%s/manifest.json", out_dir);
    if (access(manifest, F_OK) == 0)
        return 0;
    DIR *d = opendir(out_dir);
    if (d == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot read %s: %s", out_dir, strerror(errno));
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty ? 0
                 : SRW_FAIL(err, SRW_EUSAGE,
                            "%s holds files and is not an srw report (no manifest.json): the report replaces"
                            " its folder, so give --out a new or empty folder",
                            out_dir);
}

void srw_report_written_dispose(srw_report_written *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->n_uses; i++) {
        free(w->uses[i].use);
        free(w->uses[i].page);
    }
    free(w->uses);
    free(w->index);
    memset(w, 0, sizeof *w);
}

/* Each use's page (in the first format written) and verdict, for the
 * caller's lines. */
static int list_written(srw_report_written *out, const rp_report *r, int formats, size_t n_files, srw_error *err)
{
    size_t n;
    /* The page to open: HTML when written, else the first format's. */
    const rp_format *f = rp_formats(&n), *first = NULL;
    for (size_t i = 0; i < n; i++)
        if ((formats & f[i].bit) && (first == NULL || f[i].bit == SRW_REPORT_HTML))
            first = &f[i];
    out->n_files = n_files;
    out->uses = calloc(r->n_uses ? r->n_uses : 1, sizeof *out->uses);
    size_t len = strlen("index.") + strlen(first ? first->ext : "") + 1;
    if (out->uses == NULL || (out->index = malloc(len)) == NULL)
        goto oom;
    snprintf(out->index, len, "index.%s", first ? first->ext : "");
    for (size_t i = 0; i < r->n_uses; i++) {
        const rp_use *u = &r->uses[i];
        srw_report_use_page *p = &out->uses[out->n_uses++];
        len = strlen(u->slug) + strlen(first ? first->ext : "") + 2;
        if ((p->use = strdup(u->name)) == NULL || (p->page = malloc(len)) == NULL)
            goto oom;
        snprintf(p->page, len, "%s.%s", u->slug, first ? first->ext : "");
        p->verdict = srw_verdict_name(u->v.verdict.verdict);
    }
    return 0;
oom:
    srw_report_written_dispose(out);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

static int write_all(writer *w, srw_store *s, const srw_report_options *o, srw_report_written *listed,
                     srw_error *err)
{
    rp_report r;
    int rc = rp_build(&r, s, o, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; rc == 0 && i < r.n_uses; i++) {
        rc = write_figures(w, &r.uses[i]);
        if (rc == 0)
            rc = write_docs(w, &r, &r.uses[i], o->formats);
        if (rc == 0 && o->progress)
            o->progress(o->progress_ctx, "writing", i + 1, r.n_uses);
    }
    if (rc == 0)
        rc = write_docs(w, &r, NULL, o->formats);
    if (rc == 0) {
        json_t *j = rp_summary_json(&r);
        rc = write_json(w, "summary.json", j);
        json_decref(j);
    }
    if (rc == 0) {
        json_t *j = rp_manifest_json(&r, w->files);
        rc = write_json(w, "manifest.json", j);
        json_decref(j);
    }
    if (rc == 0 && listed != NULL)
        rc = list_written(listed, &r, o->formats, json_array_size(w->files), err);
    rp_dispose(&r);
    return rc;
}

int srw_report_write(srw_store *s, const char *out_dir, const srw_report_options *o, srw_error *err)
{
    char tmp[4200];
    int rc = replaceable(out_dir, err);
    if (rc == 0)
        rc = srw_folder_new_beside(out_dir, tmp, sizeof tmp, err);
    if (rc != 0)
        return rc;
    writer w = {tmp, json_array(), err};
    srw_report_written listed = {0};
    rc = w.files == NULL ? SRW_FAIL(err, SRW_ENOMEM, "out of memory")
                         : write_all(&w, s, o, o->written ? &listed : NULL, err);
    json_decref(w.files);
    if (rc == 0)
        rc = srw_folder_swap(tmp, out_dir, err);
    else
        srw_folder_remove(tmp);
    if (rc == 0 && o->written != NULL)
        *o->written = listed;
    else
        srw_report_written_dispose(&listed);
    return rc;
}
