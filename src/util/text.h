/* Small text helpers any layer may use (not public). */
#ifndef SRW_UTIL_TEXT_H
#define SRW_UTIL_TEXT_H

#include <stddef.h>

/* 1 when a and b are the same text or both NULL (a stored value and a new
 * one, either possibly absent). */
int srw_same_text(const char *a, const char *b);

/* A copy of line appended to *lines (*n of them): 0, or -1 out of memory. */
int srw_lines_add(char ***lines, size_t *n, const char *line);

/* The current UTC time as ISO 8601 ("2026-11-25T18:20:00Z"). */
void srw_utc_now(char *buf, size_t n);

#endif
