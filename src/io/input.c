/* What an input holds, by its content (srw_revman_detect: include/srw/rm5.h),
 * and an input that can be read only once, read whole (include/srw/input.h). */
#include "srw/input.h"
#include "srw/rm5.h"

#include <errno.h>
#include <stdlib.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *srw_revman_detect_buffer(const char *data, size_t n)
{
    char head[512];
    if (n > sizeof head - 1)
        n = sizeof head - 1;
    memcpy(head, data, n);
    head[n] = '\0';
    const char *p = head;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "<?xml", 5) == 0 || strncmp(p, "<COCHRANE_REVIEW", 16) == 0)
        return strstr(head, "<COCHRANE_REVIEW") || strncmp(p, "<?xml", 5) == 0 ? "rm5" : NULL;
    if (strncmp(p, "Comparison Number,Outcome Number,", 33) == 0)
        return "revman-csv";
    if (n >= 2 && (unsigned char)head[0] == 'P' && (unsigned char)head[1] == 'K')
        return "revman-web"; /* a zip: RevMan Web's package or its data zip */
    return NULL;
}

const char *srw_revman_detect(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return NULL;
    if (S_ISDIR(sb.st_mode))
        return "revman-web";
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char head[512];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return srw_revman_detect_buffer(head, n);
}

int srw_input_is_stream(const char *path)
{
    struct stat sb;
    if (strcmp(path, SRW_INPUT_STDIN) == 0)
        return 1;
    return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode);
}

int srw_input_read_all(const char *path, size_t max, char **out, size_t *n, srw_error *err)
{
    *out = NULL;
    *n = 0;
    int is_stdin = strcmp(path, SRW_INPUT_STDIN) == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    int rc = buf == NULL ? SRW_FAIL(err, SRW_ENOMEM, "out of memory") : 0;
    while (rc == 0) {
        if (len == cap) {
            if (cap >= max) {
                rc = SRW_FAIL(err, SRW_EDATA, "%s is larger than %zu MiB", is_stdin ? "standard input" : path,
                              max >> 20);
                break;
            }
            cap = cap * 2 > max ? max : cap * 2;
            char *b = realloc(buf, cap + 1);
            if (b == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                break;
            }
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                rc = SRW_FAIL(err, SRW_EIO, "cannot read %s", is_stdin ? "standard input" : path);
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    buf[len] = '\0';
    *out = buf;
    *n = len;
    return 0;
}
