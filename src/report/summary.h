/* summary.json and manifest.json (internal to src/report). */
#ifndef SRW_REPORT_SUMMARY_H
#define SRW_REPORT_SUMMARY_H

#include <jansson.h>

#include "report/model.h"

json_t *rp_summary_json(const rp_report *r);
/* files: the JSON array of file names written */
json_t *rp_manifest_json(const rp_report *r, const json_t *files);

#endif
