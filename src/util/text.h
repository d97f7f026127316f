/* Small text helpers any layer may use (not public). */
#ifndef SRW_UTIL_TEXT_H
#define SRW_UTIL_TEXT_H

#include <stddef.h>

/* 1 when a and b are the same text or both NULL (a stored value and a new
 * one, either possibly absent). */
int srw_same_text(const char *a, const char *b);

/* A copy of line appended to *lines (*n of them): 0, or -1 out of memory. */
int srw_lines_add(char ***lines, size_t *n, const char *line);

/* The length in bytes of s's longest prefix of at most max bytes that ends
 * on a whole UTF-8 character: a text cut there ("%.*s") is still UTF-8.
 * srw's texts are UTF-8 (the readers check or convert it); a byte that is
 * not part of a sequence counts as a character of its own. */
size_t srw_utf8_prefix(const char *s, size_t max);

/* Formats as snprintf into buf (size n > 0); when the text does not fit,
 * it is cut at the last whole UTF-8 character that fits rather than in the
 * middle of one (a name cut mid-character is invalid UTF-8 in every page
 * and file it reaches).  Returns the length of the whole text, as
 * snprintf. */
int srw_snprintf_utf8(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The current UTC time as ISO 8601 ("2026-11-25T18:20:00Z"). */
void srw_utc_now(char *buf, size_t n);

#endif
