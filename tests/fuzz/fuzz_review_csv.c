/* libFuzzer harness: any of srw's CSV kinds read whole (published results,
 * use settings, outcome settings, GRADE judgements, trial records), as
 * srw import reads every file but a trial-record one. */
#include <stddef.h>
#include <stdint.h>

#include "srw/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srw_record_set set;
    srw_error err;
    if (srw_csv_read_review_buffer(&set, (const char *)data, size, "fuzz.csv", &err) == 0)
        srw_record_set_dispose(&set);
    return 0;
}
