/* The audit trail: append-only (the schema's triggers refuse UPDATE and
 * DELETE on it), one row per change: who, when, what (old and new), why. */
#include "store/entry_internal.h"

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

void srw_format_number(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        if (n)
            buf[0] = '\0';
        return;
    }
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
    if (r->type != SRW_TYPE_NONE)
        len += (size_t)snprintf(buf, n, "type=%s", srw_outcome_type_name(r->type));
    for (int i = 0; i < 10 && len < n; i++) {
        if (isnan(nums[i]))
            continue;
        srw_format_number(nums[i], num, sizeof num);
        len += (size_t)snprintf(buf + len, n - len, "%s%s=%s", len ? "; " : "", num_names[i], num);
    }
    for (int i = 0; i < 7 && len < n; i++)
        if (texts[i] != NULL)
            len += (size_t)snprintf(buf + len, n - len, "%s%s=%s", len ? "; " : "", text_names[i], texts[i]);
}
