/* What kind of RevMan input a path holds, by its content (srw_revman_detect:
 * include/srw/rm5.h). */
#include "srw/rm5.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
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

