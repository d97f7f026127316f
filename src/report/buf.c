/* A growable string that records OOM once: see include/srw/report.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srw/report.h"

/* Room for n more bytes plus the NUL; sets oom (once) on failure. */
static int grow(srw_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (n > SRW_BUF_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SRW_BUF_MAX / 2 ? SRW_BUF_MAX : cap * 2;
    char *p = realloc(b->ptr, cap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->ptr = p;
    b->cap = cap;
    return 0;
}

void srw_buf_put(srw_buf *b, const char *s, size_t n)
{
    if (n == 0 || grow(b, n) != 0)
        return;
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void srw_buf_puts(srw_buf *b, const char *s)
{
    if (s != NULL)
        srw_buf_put(b, s, strlen(s));
}

void srw_buf_printf(srw_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        srw_buf_put(b, small, (size_t)n);
        return;
    }
    if (grow(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *srw_buf_room(srw_buf *b, size_t n)
{
    return grow(b, n) == 0 ? b->ptr + b->len : NULL;
}

void srw_buf_used(srw_buf *b, size_t n)
{
    b->len += n;
    b->ptr[b->len] = '\0';
}

const char *srw_buf_cstr(const srw_buf *b)
{
    return b->len ? b->ptr : "";
}

void srw_buf_clear(srw_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void srw_buf_dispose(srw_buf *b)
{
    if (b == NULL)
        return;
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
