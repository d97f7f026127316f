/* The report's content (internal to src/report): see content.c. */
#ifndef SRW_REPORT_CONTENT_H
#define SRW_REPORT_CONTENT_H

#include "report/doc.h"
#include "report/model.h"

void rp_overview(rp_doc *d, const rp_report *r);
/* The claims checked, one row each (nothing without claims). */
void rp_claims(rp_doc *d, const rp_report *r);
/* A use's page: the verdict, the summary of findings, robustness, every
 * outcome's analysis, GRADE and figures, published results, the living
 * update and risk of bias. */
void rp_use_section(rp_doc *d, const rp_use *u);
/* A use on the index: one paragraph, its verdict on the primary outcome
 * and GRADE's statement, with a link to its page (format's extension). */
void rp_use_summary(rp_doc *d, const rp_use *u);
/* The use's risk-of-bias section (content_rob.c). */
void rp_rob_section(rp_doc *d, const rp_use *u);
void rp_methods(rp_doc *d, const rp_report *r);
/* The primary outcome's sensitivity analyses (content_sens.c). */
void rp_sensitivity_section(rp_doc *d, const rp_use *u, const rp_outcome *o);
/* One paragraph: the profile and the settings given over its defaults
 * (the index's; a page's are in rp_methods). */
void rp_analysis_line(rp_doc *d, const rp_report *r);
/* One paragraph: srw's version and the data's SHA-256 (also in rp_methods). */
void rp_provenance(rp_doc *d, const rp_report *r);

#endif
