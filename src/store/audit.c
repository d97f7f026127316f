/* The audit trail: append-only (the schema's triggers refuse UPDATE and
 * DELETE on it), one row per change: who, when, what (old and new), why. */
#include "srw/decimal.h"
#include "store/entry_internal.h"
#include "io/label.h"
#include "io/review_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void srw_utc_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Writes u in decimal at p (no NUL); returns the number of digits. */
static size_t put_digits(char *p, unsigned long long u)
{
    char tmp[24];
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (size_t i = 0; i < k; i++)
        p[i] = tmp[k - 1 - i];
    return k;
}

/* Every power of ten up to 10^15 is a double exactly. */
static const double pow10_exact[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The fast path of srw_format_number, for what a CSV mostly holds: whole
 * numbers below 10^15, and fractions m / 10^d (d >= 1) with at most 15
 * significant digits and no exponent in %g's output (|v| >= 1e-4).  Writes
 * what the slow path below writes, without printf and strtod; returns 0
 * (writing nothing) when v is not such a number.
 *
 * Why the output is the same: with at most 15 significant digits the
 * spacing of d-decimals (10^-d) exceeds 4 ulps of v, so at most one
 * d-decimal reads back to v, and it is then the correctly rounded one that
 * %.Pg prints (P = its significant digits).  The product v * 10^d is within
 * 0.07 of it, so rounding the product finds it, and (double)m / 10^d, a
 * quotient of two exact doubles rounded once, is exactly what strtod reads
 * from the text.  The smallest such d is the smallest P that round-trips. */
static int format_fast(double v, char *buf, size_t n)
{
    double a = fabs(v);
    if (n < 40 || a == 0 || !(a < 1e15))
        return 0; /* zero keeps its sign through printf ("-0") */
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    if (a == floor(a)) {
        p += put_digits(p, (unsigned long long)a);
        *p = '\0';
        return 1;
    }
    if (a < 1e-4)
        return 0;
    for (int d = 1; d <= 15; d++) {
        double scaled = a * pow10_exact[d];
        if (!(scaled < 1e15))
            return 0;
        double m = floor(scaled + 0.5);
        if (m / pow10_exact[d] != a)
            continue;
        unsigned long long um = (unsigned long long)m, scale = (unsigned long long)pow10_exact[d];
        p += put_digits(p, um / scale);
        *p++ = '.';
        unsigned long long frac = um % scale;
        char digits[24];
        size_t k = put_digits(digits, frac);
        for (size_t z = k; z < (size_t)d; z++)
            *p++ = '0';
        memcpy(p, digits, k);
        p[k] = '\0';
        return 1;
    }
    return 0;
}

void srw_format_number(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        if (n)
            buf[0] = '\0';
        return;
    }
    if (format_fast(v, buf, n))
        return;
    /* The shortest %g form that reads back to the same double, so that an
     * exported 8.8 stays "8.8" and round-trips exactly. */
    if (v == floor(v) && fabs(v) < 1e15) { /* whole numbers without an exponent: 10, not 1e+01 */
        snprintf(buf, n, "%.0f", v);
        return;
    }
    /* Most numbers typed into a CSV read back at 15 digits or fewer: find the
     * shortest by bisection below 15 (a handful of tries, not 17). */
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) == v) {
        int lo = 1, hi = 15; /* hi round-trips */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            snprintf(buf, n, "%.*g", mid, v);
            if (strtod(buf, NULL) == v)
                hi = mid;
            else
                lo = mid + 1;
        }
        snprintf(buf, n, "%.*g", hi, v);
        return;
    }
    for (int prec = 16; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

int srw_audit_prepare(srw_store *s, sqlite3_stmt **out, srw_error *err)
{
    return srw_store_prepare(
        s, out,
        "INSERT INTO audit (at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        err);
}

int srw_audit_write(srw_store *s, sqlite3_stmt *st, const srw_audit_row *row, srw_error *err)
{
    const char *v[] = {row->at,       row->who,   row->action,    row->use,       row->outcome, row->study,
                       row->reviewer, row->field, row->old_value, row->new_value, row->reason};
    for (int i = 0; i < 11; i++) /* the row's strings outlive the step below */
        srw_bind_text_static(st, i + 1, v[i]);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot write the audit trail");
}

/* Appends s (sl bytes) as snprintf(buf + len, n - len, "%s", s) would
 * (truncated, NUL-terminated while len < n); returns the untruncated length.
 * A record's description is built of these, not printf: an import of a
 * million rows writes a million descriptions. */
static size_t append(char *buf, size_t n, size_t len, const char *s, size_t sl)
{
    if (len < n) {
        size_t room = n - len - 1, c = sl < room ? sl : room;
        memcpy(buf + len, s, c);
        buf[len + c] = '\0';
    }
    return len + sl;
}

void srw_record_describe(const srw_record *r, char *buf, size_t n)
{
    static const char *const num_names[] = {"exp_events", "exp_total", "ctl_events", "ctl_total", "exp_mean",
                                            "exp_sd",     "ctl_mean",  "ctl_sd",     "estimate",  "se"};
    const double nums[] = {r->exp_events, r->exp_total, r->ctl_events, r->ctl_total, r->exp_mean,
                           r->exp_sd,     r->ctl_mean,  r->ctl_sd,     r->estimate,  r->se};
    static const char *const text_names[] = {"comparison", "intervention", "comparator", "subgroup",
                                             "source",     "notes",        "measured_as"};
    const char *texts[] = {r->comparison, r->intervention, r->comparator, r->subgroup,
                           r->source,     r->notes,        r->measured_as};
    size_t len = 0;
    char num[40];
    if (n == 0)
        return;
    buf[0] = '\0';
    if (r->type != SRW_TYPE_NONE) {
        const char *t = srw_outcome_type_name(r->type);
        len = append(buf, n, len, "type=", 5);
        len = append(buf, n, len, t, strlen(t));
    }
    /* "; name=value" per field the record has; the first without "; ". */
    for (int i = 0; i < 10 && len < n; i++) {
        if (isnan(nums[i]))
            continue;
        srw_format_number(nums[i], num, sizeof num);
        if (len)
            len = append(buf, n, len, "; ", 2);
        len = append(buf, n, len, num_names[i], strlen(num_names[i]));
        len = append(buf, n, len, "=", 1);
        len = append(buf, n, len, num, strlen(num));
    }
    for (int i = 0; i < 7 && len < n; i++)
        if (texts[i] != NULL) {
            if (len)
                len = append(buf, n, len, "; ", 2);
            len = append(buf, n, len, text_names[i], strlen(text_names[i]));
            len = append(buf, n, len, "=", 1);
            len = append(buf, n, len, texts[i], strlen(texts[i]));
        }
}

/* srw_record_text(type, exp_events, exp_total, ctl_events, ctl_total,
 * exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, comparison,
 * intervention, comparator, subgroup, source, notes, measured_as): the
 * record's description as srw_record_describe writes it, so that the trail
 * row the audit_imported view derives from a record reads exactly as the
 * row an import once wrote per record. */
static void record_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    srw_record r;
    double *nums[] = {&r.exp_events, &r.exp_total, &r.ctl_events, &r.ctl_total, &r.exp_mean,
                      &r.exp_sd,     &r.ctl_mean,  &r.ctl_sd,     &r.estimate,  &r.se};
    char **texts[] = {&r.comparison, &r.intervention, &r.comparator, &r.subgroup,
                      &r.source,     &r.notes,        &r.measured_as};
    char buf[1200];
    srw_store_init_record(&r);
    if (argc != 18)
        return;
    r.type = srw_outcome_type_parse((const char *)sqlite3_value_text(argv[0]));
    for (int i = 0; i < 10; i++)
        *nums[i] = sqlite3_value_type(argv[1 + i]) == SQLITE_NULL ? NAN : sqlite3_value_double(argv[1 + i]);
    /* Read-only views of SQLite's values, valid during this call. */
    for (int i = 0; i < 7; i++)
        *texts[i] = (char *)sqlite3_value_text(argv[11 + i]);
    srw_record_describe(&r, buf, sizeof buf);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* srw_label_fold(label): the label as srw matches trials (io/label.h). */
static void label_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *label = argc == 1 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
    if (label == NULL)
        return; /* NULL */
    char *buf = NULL;
    size_t cap = 0;
    const char *out = srw_io__label_fold(label, &buf, &cap);
    if (out == NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
    free(buf);
}

/* srw_decimal_text(value, decimals): a published number as text with the
 * decimals it was given (srw/decimal.h), so that an export reads back
 * the same value at the same precision. */
static void decimal_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc != 2 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return; /* NULL */
    char buf[512];
    int decimals = sqlite3_value_type(argv[1]) == SQLITE_NULL ? -1 : sqlite3_value_int(argv[1]);
    srw_decimal_text(sqlite3_value_double(argv[0]), decimals, buf, sizeof buf);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

int srw_audit_register(sqlite3 *db)
{
    int rc = sqlite3_create_function_v2(db, "srw_record_text", 18, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        record_text, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "srw_label_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        label_fold, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "srw_decimal_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        decimal_text, NULL, NULL, NULL);
    return rc;
}

int srw_store__audit_freeze(srw_store *s, sqlite3_stmt **st, sqlite3_int64 record_id, srw_error *err)
{
    int rc = srw_store_prepare_kept(
        s, st,
        "INSERT INTO audit (seq, sub, at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason) SELECT seq, sub, at, who, action, use, outcome, study, reviewer, field, old_value,"
        " new_value, reason FROM audit_imported WHERE sub = ?1",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(*st, 1, record_id);
    rc = sqlite3_step(*st);
    sqlite3_reset(*st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot write the audit trail");
    return 0;
}
