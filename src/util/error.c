/* Error struct helpers: see include/srw/error.h. */
#include "srw/error.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *srw_status_name(int code)
{
    switch (code) {
#define SRW_X_CASE(name, value, text)                                          \
    case value:                                                                \
        return text;
        SRW_STATUS_TABLE(SRW_X_CASE)
#undef SRW_X_CASE
    default:
        return "unknown error";
    }
}

void srw_error_clear(srw_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
}

int srw_error_set_at(srw_error *err, int code, const char *src_file,
                     int src_line, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    srw_error_clear(err);
    err->code = code;
    err->src_file = src_file;
    err->src_line = src_line;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* A message names what the user gave, which a cut must not split mid-character. */
    if (n >= (int)sizeof err->message)
        err->message[srw_utf8_prefix(err->message, sizeof err->message - 1)] = '\0';
    return code;
}

void srw_error_locate(srw_error *err, const char *path, long line, long column,
                      const char *field)
{
    if (err == NULL)
        return;
    if (path != NULL)
        srw_snprintf_utf8(err->path, sizeof err->path, "%s", path);
    if (line > 0)
        err->line = line;
    if (column > 0)
        err->column = column;
    if (field != NULL)
        srw_snprintf_utf8(err->field, sizeof err->field, "%s", field);
}

int srw_error_format(const srw_error *err, char *buf, size_t size)
{
    if (err == NULL)
        return snprintf(buf, size, "unknown error");
    char loc[320] = "";
    size_t n = 0;
    if (err->path[0] != '\0') {
        n += (size_t)snprintf(loc + n, sizeof loc - n, "%s:", err->path);
        if (err->line > 0 && n < sizeof loc)
            n += (size_t)snprintf(loc + n, sizeof loc - n, "%ld:", err->line);
        if (err->column > 0 && n < sizeof loc)
            n += (size_t)snprintf(loc + n, sizeof loc - n, "%ld:", err->column);
        if (n < sizeof loc)
            snprintf(loc + n, sizeof loc - n, " ");
    }
    if (err->field[0] != '\0')
        return srw_snprintf_utf8(buf, size, "%s%s: %s", loc, err->field, err->message);
    return srw_snprintf_utf8(buf, size, "%s%s", loc, err->message);
}
