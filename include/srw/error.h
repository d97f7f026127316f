/* srw/error.h - the error struct every fallible srw function fills.
 *
 * Contract: a function that can fail returns 0 on success or a negative
 * srw_status code, and when it fails it fills the caller's srw_error (which
 * may be NULL when the caller does not care).  Messages are written for the
 * user ("exp_events: 31 events exceed exp_total 30"), never for the program.
 * No global "last error": the struct is the only channel.
 */
#ifndef SRW_ERROR_H
#define SRW_ERROR_H

#include <stddef.h>

/* One table so codes and their names cannot drift apart. */
#define SRW_STATUS_TABLE(X)                                                    \
    X(SRW_OK, 0, "ok")                                                         \
    X(SRW_EUSAGE, -1, "usage error")                                           \
    X(SRW_EDATA, -2, "data error")                                             \
    X(SRW_EIO, -3, "input/output error")                                       \
    X(SRW_ENOMEM, -4, "out of memory")                                         \
    X(SRW_EDB, -5, "database error")                                           \
    X(SRW_ENUMERIC, -6, "numerical error")                                     \
    X(SRW_ENOTFOUND, -7, "not found")

typedef enum srw_status {
#define SRW_X_ENUM(name, value, text) name = value,
    SRW_STATUS_TABLE(SRW_X_ENUM)
#undef SRW_X_ENUM
} srw_status;

typedef struct srw_error {
    int code;            /* an srw_status */
    char message[512];   /* what is wrong and what to do, in the user's terms */
    char path[256];      /* input file, or "" */
    long line;           /* 1-based input line, or 0 */
    long column;         /* 1-based input column, or 0 */
    char field[64];      /* column / field name, or "" */
    const char *src_file; /* where in srw it was raised (for debugging) */
    int src_line;
} srw_error;

/* Name of a status code ("data error"); never NULL. */
const char *srw_status_name(int code);

/* Reset to "no error". Safe on NULL. */
void srw_error_clear(srw_error *err);

/* Fill err (if not NULL) and return code, so callers can write
 * `return SRW_FAIL(err, SRW_EDATA, "...", ...);`.  Use the macro below. */
int srw_error_set_at(srw_error *err, int code, const char *src_file,
                     int src_line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#define SRW_FAIL(err, code, ...)                                               \
    srw_error_set_at((err), (code), __FILE__, __LINE__, __VA_ARGS__)

/* Attach an input location to an error already set (path may be NULL;
 * line/column 0 mean unknown; field may be NULL). */
void srw_error_locate(srw_error *err, const char *path, long line, long column,
                      const char *field);

/* "path:line:column: field: message" with the parts that are known.
 * Returns the number of characters written (as snprintf). */
int srw_error_format(const srw_error *err, char *buf, size_t size);

#endif
