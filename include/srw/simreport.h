/* srw/simreport.h - a simulation study's summary laid out (srw simulate):
 * a table to read, CSV, JSON, and an SVG chart of coverage against k.
 * Every number comes from srw_sim_summarise (srw/simulate.h); these only
 * lay the rows out, and the same result gives the same bytes.
 *
 * Columns of CSV and JSON, in order: k, true_tau2, method, coverage,
 * pi_coverage, mean_width, bias, rmse, tau2_bias, tau2_rmse, nonconverged,
 * then coverage_se, no_estimate and reps (srw_sim_row's fields).  Numbers
 * are written in their shortest exact form; an undefined one is null in
 * JSON and empty in CSV.
 */
#ifndef SRW_SIMREPORT_H
#define SRW_SIMREPORT_H

#include "srw/report.h"
#include "srw/simulate.h"

/* Each appends to out and returns 0, or SRW_ENOMEM when out ran out. */
int srw_report_sim_text(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows);
int srw_report_sim_csv(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows);
int srw_report_sim_json(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows);
/* Coverage of the CI against k, one line per method, a panel per true
 * tau^2, with the 95% level drawn as a reference line. */
int srw_report_sim_svg(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows);

#endif
