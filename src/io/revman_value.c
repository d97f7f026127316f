/* The values of RevMan's files: see revman_value.h. */
#include "io/revman_value.h"

#include "srw/decimal.h"
#include "srw/pool.h"
#include "util/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int srw_io__revman_number(double *out, const char *text, srw_field_kind kind, int java, srw_error *err)
{
    *out = NAN;
    if (*text == '\0')
        return 0; /* RevMan leaves what it did not compute, or was not entered, empty */
    if (java && strcmp(text, "NaN") == 0)
        return 0;
    if (java && (strcmp(text, "Infinity") == 0 || strcmp(text, "-Infinity") == 0)) {
        *out = *text == '-' ? -INFINITY : INFINITY;
        return 0;
    }
    return srw_field_number(out, text, kind, err);
}

int srw_io__revman_year(int *out, const char *text, srw_error *err)
{
    *out = 0;
    if (*text == '\0')
        return 0;
    double v;
    int rc;
    int words = 0;
    for (const char *p = text; *p; p++)
        words |= isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80;
    if (!words) {
        if ((rc = srw_field_number(&v, text, SRW_FIELD_INT, err)) != 0)
            return rc;
    } else {
        /* Words around one run of four digits: RevMan's month and year
         * ("März 2001" too: a byte of a UTF-8 letter counts as a letter). */
        const char *digits = NULL;
        int runs = 0, len = 0;
        for (const char *p = text; *p; p++) {
            if (isdigit((unsigned char)*p)) {
                if (p == text || !isdigit((unsigned char)p[-1]))
                    runs++, digits = p, len = 0;
                len++;
            } else if (!isalpha((unsigned char)*p) && (unsigned char)*p < 0x80 && *p != ' ' && *p != '.' &&
                       *p != ',' && *p != '-') {
                runs = -1;
                break;
            }
        }
        if (runs != 1 || len != 4) {
            int q = (int)srw_utf8_prefix(text, 60);
            return SRW_FAIL(err, SRW_EDATA, "'%.*s%s' is not a year (RevMan's study year: 1974, or with its month, "
                            "2007 Oct)", q, text, text[q] ? "..." : "");
        }
        v = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
    }
    if ((rc = srw_record_year_check((int)v, err)) != 0)
        return rc;
    *out = (int)v;
    return 0;
}

int srw_io__revman_level(double *out, const char *text, srw_error *err)
{
    *out = NAN;
    if (*text == '\0')
        return 0;
    char num[64];
    size_t n = strlen(text);
    if (n > 1 && n < sizeof num && text[n - 1] == '%') { /* RevMan Web writes "95%" */
        memcpy(num, text, n - 1);
        num[n - 1] = '\0';
        text = num;
    }
    double v;
    int rc = srw_number_parse(&v, text, err);
    if (rc != 0)
        return rc;
    if (!srw_pool_level_valid(v))
        return SRW_FAIL(err, SRW_EDATA, "confidence level %s is not between 0 and 100 (exclusive)", text);
    *out = v;
    return 0;
}
