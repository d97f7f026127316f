/* Atomic file output: write name.tmp, check fclose, rename into place,
 * unlink the temporary on any failure (redis rdb.c, ReadStat convert). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "srw/report.h"

int srw_report_write_file(const char *dir, const char *name, const srw_buf *buf, srw_error *err)
{
    char path[4096], tmp[4112];
    if (buf->oom)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory while building %s", name);
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return SRW_FAIL(err, SRW_EUSAGE, "output path too long: %s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    const char *op = "open";
    FILE *f = fopen(tmp, "wb");
    if (f == NULL)
        goto fail;
    op = "write";
    if (buf->len > 0 && fwrite(buf->ptr, 1, buf->len, f) != buf->len) {
        int e = errno;
        fclose(f);
        errno = e;
        goto fail;
    }
    op = "close";
    if (fclose(f) != 0)
        goto fail;
    op = "rename";
    if (rename(tmp, path) != 0)
        goto fail;
    return 0;
fail:;
    int e = errno;
    remove(tmp);
    return SRW_FAIL(err, SRW_EIO, "cannot %s %s: %s", op, strcmp(op, "rename") == 0 ? path : tmp, strerror(e));
}
