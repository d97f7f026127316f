/* The report's risk-of-bias section (content.h), written once for both
 * formats. */
#include <stdio.h>

#include "report/content.h"

/* The risk-of-bias section: for each tool the use's judgements hold, how a
 * study's (a result's) overall is reached and from what source, and the
 * robvis-style figures. */
void rp_rob_section(rp_doc *d, const rp_use *u)
{
    char f[100];
    doc_heading(d, 3, NULL, "Risk of bias");
    if (!u->any_rob && u->n_rob2 == 0) {
        doc_para(d, "No risk-of-bias judgements are recorded for this use's studies (rob_* columns are empty), so "
                    "GRADE's risk-of-bias domain is judged on missing information.");
        return;
    }
    doc_para(d, "GRADE's risk-of-bias domain judges each outcome with the tool its judgements come from: RoB 2 when "
                "any of its studies has a RoB 2 judgement of its result, else RoB 1. A study without a judgement of "
                "that tool counts as unclear (RoB 1) or some concerns (RoB 2).");
    if (u->any_rob) {
        doc_para_begin(d, NULL);
        doc_bold(d, "RoB 1 (per study). ");
        doc_text(d, "A study's overall risk of bias is high when any domain is judged high, low when all seven are "
                    "low, and unclear otherwise; a domain not judged counts as unclear. This is the Cochrane "
                    "Handbook's summary assessment (version 5.1, section 8.7, Table 8.7.a: low for all key "
                    "domains, unclear or high for one or more) with all seven domains taken as key, since srw holds "
                    "no review-specific choice of key domains.");
        doc_para_end(d);
        rp_rob_name(f, sizeof f, u, "rob");
        doc_figure(d, f, "RoB 1 traffic-light plot: review authors' judgements about each risk of bias domain for "
                         "each study, and the study's overall");
        rp_rob_name(f, sizeof f, u, "rob-summary");
        doc_figure(d, f, "RoB 1 summary plot: the share of studies judged low, unclear, high or not judged in each "
                         "domain, unweighted");
    }
    if (u->n_rob2 > 0) {
        doc_para_begin(d, NULL);
        doc_bold(d, "RoB 2 (per result). ");
        doc_text(d, "RoB 2 (Sterne JAC et al. BMJ 2019;366:l4898) judges each study's result for an outcome in five "
                    "domains. A result's overall is low when all five are low, high when any is high, and some "
                    "concerns otherwise (a domain not judged is not low); RoB 2 also lets the reviewer judge several "
                    "domains with some concerns to be high overall, and a reviewer's overall of high is taken as "
                    "given. A given overall that contradicts the domains is flagged with the outcome's data "
                    "warnings, and the result is taken at the more severe of the two.");
        doc_para_end(d);
        rp_rob_name(f, sizeof f, u, "rob2");
        doc_figure(d, f, "RoB 2 traffic-light plot: review authors' judgements about each domain for each result, by "
                         "outcome, and the result's overall");
        rp_rob_name(f, sizeof f, u, "rob2-summary");
        doc_figure(d, f, "RoB 2 summary plot: the share of results judged low, with some concerns, high or not judged "
                         "in each domain, unweighted");
    }
}
