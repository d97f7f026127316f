/* Small text helpers: see text.h. */
#include "util/text.h"

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
