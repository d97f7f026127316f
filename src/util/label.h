/* Study labels as srw matches them for "the same trial twice": Unicode
 * compatibility normalisation and case folding (NFKC_Casefold, by
 * libunistring: "Özdemir" and "özdemir", a no-break or thin space and a
 * space), less the characters that show as nothing (a soft hyphen, a
 * zero-width space), then a run of spaces, tabs or line breaks as one
 * space and none at either end.  "Smith 2001" and "smith  2001" fold alike.  A label of ASCII only
 * takes a short path with the same result.  Internal to srw (the reader,
 * the importer, merge). */
#ifndef SRW_UTIL_LABEL_H
#define SRW_UTIL_LABEL_H

#include <stddef.h>

/* label folded into *buf (grown as needed; *cap its size, the caller frees
 * it); *buf, or NULL when out of memory.  Bytes that are not UTF-8 stay as
 * they are (ASCII letters folded). */
char *srw_label_fold(const char *label, char **buf, size_t *cap);
/* 1 when a and b fold alike. */
int srw_label_fold_equal(const char *a, const char *b);

#endif
