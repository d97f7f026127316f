/* Small text helpers: see text.h. */
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int srw_same_text(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

int srw_lines_add(char ***lines, size_t *n, const char *line)
{
    char **k = realloc(*lines, (*n + 1) * sizeof *k);
    if (k == NULL)
        return -1;
    *lines = k;
    if ((k[*n] = strdup(line)) == NULL)
        return -1;
    (*n)++;
    return 0;
}

void srw_utc_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The bytes of the UTF-8 sequence a lead byte starts (1 for a byte that
 * starts none, so that a stray byte is kept whole rather than dropped). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 1) : c >= 0xC2 ? 2 : 1;
}

size_t srw_utf8_prefix(const char *s, size_t max)
{
    size_t i = 0;
    while (s[i] != '\0') {
        size_t k = seq_len((unsigned char)s[i]), j = 1;
        while (j < k && ((unsigned char)s[i + j] & 0xC0) == 0x80)
            j++;
        if (j < k && s[i + j] == '\0')
            break; /* s itself ends inside a character (a cut made before): drop it */
        if (j < k) /* a stray byte in the middle: a character of its own */
            k = 1;
        if (i + k > max)
            break;
        i += k;
    }
    return i;
}

int srw_snprintf_utf8(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    if (len >= 0 && n > 0 && (size_t)len >= n)
        buf[srw_utf8_prefix(buf, n - 1)] = '\0';
    return len;
}
