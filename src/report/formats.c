/* The report's document formats, one table (doc.h): what --format takes,
 * its help and its errors, the files written and the manifest's list all
 * come from it.  See include/srw/report.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report/doc.h"

static const rp_format table[] = {
    {SRW_REPORT_MD, "md", "md", &rp_writer_md},
    {SRW_REPORT_HTML, "html", "html", &rp_writer_html},
};
#define N_FORMATS (sizeof table / sizeof table[0])

const rp_format *rp_formats(size_t *n)
{
    *n = N_FORMATS;
    return table;
}

int srw_report_formats_parse(int *out, const char *list)
{
    int f = 0;
    const char *s = list ? list : "";
    /* Names separated by commas, in any letter case; one comma may end the
     * list ("md,"). */
    while (*s) {
        size_t len = strcspn(s, ","), i = 0;
        while (i < N_FORMATS && !(strlen(table[i].name) == len && strncasecmp(s, table[i].name, len) == 0))
            i++;
        if (i == N_FORMATS)
            return SRW_EUSAGE;
        f |= table[i].bit;
        s += len;
        if (*s == ',')
            s++;
    }
    if (f == 0)
        return SRW_EUSAGE;
    if (out != NULL)
        *out = f;
    return 0;
}

void srw_report_formats_all(char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < N_FORMATS; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", i ? "," : "", table[i].name);
    }
}

void srw_report_formats_text(char *buf, size_t n)
{
    /* Each name alone, then all of them as one list: "md, html or md,html". */
    if (n == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < N_FORMATS; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", i ? ", " : "", table[i].name);
    }
    if (N_FORMATS > 1) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, " or ");
        used = strlen(buf);
        srw_report_formats_all(buf + used, n - used);
    }
}
