/* The sensitivity section of a use's primary outcome (content.h), written
 * once for both formats: core's sentence whether the analyses change the
 * conclusion, the leave-one-out table, the influence flags and, with 10
 * studies or more, the contour-enhanced funnel plot with Egger's, Begg's
 * and trim-and-fill's results.  Every number and judgement is core's
 * (srw_assessment.sens); this lays them out. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/content.h"
#include "srw/format.h"
#include "util/text.h"

static const char *class_text(int c)
{
    return c == SRW_SENS_INCLUDES ? "includes no effect" : c == SRW_SENS_NONE ? SRW_FORMAT_DASH : "one side of no effect";
}

static void loo_table(rp_doc *d, const rp_outcome *o)
{
    const srw_sensitivity *s = &o->as.sens;
    const srw_analysis *a = &o->as.analysis;
    int ratio = srw_measure_is_ratio(a->opts.measure);
    char head[80];
    snprintf(head, sizeof head, "%s (%.10g%% CI)", srw_measure_name(a->opts.measure), a->opts.level);
    const char *hdr[] = {"Study left out", head, "P", "Tau\xc2\xb2", "I\xc2\xb2", "Interval"};
    doc_table_begin(d, "leave-one-out", 6, hdr);
    for (size_t i = 0; i < s->n_loo; i++) {
        const srw_sens_fit *r = &s->loo[i];
        char eff[96], p[40], t2[32], i2[32], cls[80];
        srw_format_effect_to(eff, sizeof eff, r->estimate, r->ci_lower, r->ci_upper, ratio, SRW_FORMAT_PAGE);
        srw_format_p(p, sizeof p, r->pvalue, SRW_FORMAT_PAGE);
        srw_format_num(t2, sizeof t2, r->tau2, 4, SRW_FORMAT_PAGE);
        srw_format_num(i2, sizeof i2, r->I2, 0, SRW_FORMAT_PAGE);
        if (isfinite(r->I2))
            strcat(i2, "%");
        snprintf(cls, sizeof cls, "%s%s", class_text(r->cls),
                 r->cls != SRW_SENS_NONE && r->cls != s->conclusion.cls ? " (changes)" : "");
        const char *cells[6] = {a->studies[r->study].study, isfinite(r->estimate) ? eff : r->note, p, t2, i2, cls};
        doc_table_row(d, cells);
    }
    doc_table_end(d);
}

static void influence(rp_doc *d, const rp_outcome *o)
{
    const srw_sensitivity *s = &o->as.sens;
    const srw_analysis *a = &o->as.analysis;
    if (s->conclusion.n_influential == 0) {
        doc_para(d, "Influence (Viechtbauer & Cheung 2010): no study is flagged.");
        return;
    }
    doc_para(d, "Influence (Viechtbauer & Cheung 2010): the studies flagged, and the diagnostics that flag a study "
                "(|DFFITS| > 3\xe2\x88\x9a(1/(k\xe2\x88\x92" "1)), Cook's distance beyond the median of \xcf\x87\xc2\xb2(1), hat > 3/k, "
                "|DFBETAS| > 1).");
    const char *hdr[] = {"Study", "Studentized residual", "DFFITS", "Cook's D", "Hat", "Weight", "DFBETAS"};
    doc_table_begin(d, "influence", 7, hdr);
    for (size_t i = 0; i < s->n_infl; i++) {
        const srw_sens_influence *r = &s->infl[i];
        if (!r->influential)
            continue;
        char v[6][32];
        srw_format_num(v[0], sizeof v[0], r->rstudent, 2, SRW_FORMAT_PAGE);
        srw_format_num(v[1], sizeof v[1], r->dffits, 2, SRW_FORMAT_PAGE);
        srw_format_num(v[2], sizeof v[2], r->cook_d, 2, SRW_FORMAT_PAGE);
        srw_format_num(v[3], sizeof v[3], r->hat, 3, SRW_FORMAT_PAGE);
        srw_format_num(v[4], sizeof v[4], r->weight, 1, SRW_FORMAT_PAGE);
        strcat(v[4], "%");
        srw_format_num(v[5], sizeof v[5], r->dfbetas, 2, SRW_FORMAT_PAGE);
        const char *cells[7] = {a->studies[r->study].study, v[0], v[1], v[2], v[3], v[4], v[5]};
        doc_table_row(d, cells);
    }
    doc_table_end(d);
}

void rp_sensitivity_section(rp_doc *d, const rp_use *u, const rp_outcome *o)
{
    const srw_sensitivity *s = &o->as.sens;
    char id[160];
    (void)u; /* the outcome's stem holds the use's: unique on the page */
    snprintf(id, sizeof id, "%s-sensitivity", o->slug);
    doc_heading(d, 5, id, "Sensitivity analyses");
    doc_para_begin(d, s->conclusion.changes ? "warning" : NULL);
    doc_bold(d, "Does it change the conclusion? ");
    doc_text(d, s->conclusion.sentence);
    doc_para_end(d);
    if (s->note != NULL || s->k < 2)
        return;
    doc_para(d, "Leave-one-out: the analysis again without each study in turn, with its own settings.");
    loo_table(d, o);
    influence(d, o);
    if (o->has_funnel) {
        char file[200], cap[500];
        rp_funnel_name(file, sizeof file, u, o);
        srw_snprintf_utf8(cap, sizeof cap, "Contour-enhanced funnel plot: %s", o->name);
        doc_figure(d, file, cap);
    } else {
        doc_para_begin(d, NULL);
        doc_textf(d, "No funnel plot, Egger's or Begg's test or trim-and-fill: fewer than 10 studies (k = %zu) give "
                     "them too little power to judge by (Sterne et al., BMJ 2011;343:d4002).",
                  s->k);
        doc_para_end(d);
    }
}
