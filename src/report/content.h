/* The report's content (internal to src/report): see content.c. */
#ifndef SRW_REPORT_CONTENT_H
#define SRW_REPORT_CONTENT_H

#include "report/doc.h"
#include "report/model.h"

void rp_overview(rp_doc *d, const rp_report *r);
/* The claims checked, one row each (nothing without claims). */
void rp_claims(rp_doc *d, const rp_report *r);
void rp_use_section(rp_doc *d, const rp_use *u, int link_page);
/* The use's risk-of-bias section (content_rob.c). */
void rp_rob_section(rp_doc *d, const rp_use *u);
void rp_methods(rp_doc *d, const rp_report *r);
/* The primary outcome's sensitivity analyses (content_sens.c). */
void rp_sensitivity_section(rp_doc *d, const rp_use *u, const rp_outcome *o);

#endif
