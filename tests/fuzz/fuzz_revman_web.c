/* libFuzzer harness: RevMan Web's data package as raw bytes (a zip, or a
 * zip holding the data zip), read in memory with libzip. */
#include <stddef.h>
#include <stdint.h>

#include "srw/rm5.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_web_read_buffer(&r, (const char *)data, size, "fuzz.zip", &err) == 0)
        srw_rm5_review_dispose(&r);
    return 0;
}
