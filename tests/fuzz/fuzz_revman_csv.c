/* libFuzzer harness: RevMan 5's "Data and analyses" CSV export. */
#include <stddef.h>
#include <stdint.h>

#include "srw/rm5.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_csv_read_buffer(&r, (const char *)data, size, "fuzz.csv", &err) == 0)
        srw_rm5_review_dispose(&r);
    return 0;
}
