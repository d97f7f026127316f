/* libFuzzer harness: a trial-record CSV read row by row (srw_trial_reader),
 * every record taken and freed, as srw import streams one. */
#include <stddef.h>
#include <stdint.h>

#include "srw/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srw_trial_reader *rd = NULL;
    srw_file_kind kind;
    srw_error err;
    if (srw_trial_reader_open_buffer(&rd, (const char *)data, size, "fuzz.csv", &kind, &err) == 0) {
        srw_record r;
        while (kind == SRW_FILE_TRIALS && srw_trial_reader_next(rd, &r, &err) == 1)
            srw_record_dispose(&r);
    }
    srw_trial_reader_free(rd);
    return 0;
}
