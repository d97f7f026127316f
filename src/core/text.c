/* Internal text helper of core: see text.h. */
#include "core/text.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void srw_core__whole_words(char *buf, size_t cap)
{
    static const char ell[] = "\xe2\x80\xa6";
    size_t len = strlen(buf);
    if (cap < sizeof ell + 1 || len + 1 < cap)
        return;
    size_t cut = cap - sizeof ell;
    while (cut > 0 && buf[cut] != ' ')
        cut--;
    while (cut > 0 && strchr(" ,;:(", buf[cut - 1]) != NULL)
        cut--;
    memcpy(buf + cut, ell, sizeof ell);
}

void srw_core__appendf(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    /* Full: end on a whole character (the text holds names, UTF-8). */
    if (n >= 0 && (size_t)n >= cap - len)
        buf[len + srw_utf8_prefix(buf + len, cap - len - 1)] = '\0';
}
