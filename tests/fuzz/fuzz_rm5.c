/* libFuzzer harness: a RevMan 5 file (XML, libxml2 without network or
 * entities), as srw import --rm5 reads one. */
#include <stddef.h>
#include <stdint.h>

#include "srw/rm5.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srw_rm5_review r;
    srw_error err;
    if (srw_rm5_read_buffer(&r, (const char *)data, size, "fuzz.rm5", &err) == 0)
        srw_rm5_review_dispose(&r);
    return 0;
}
