/* Study labels as srw matches them for "the same trial twice": letters in
 * lower case (ASCII), a tab or a no-break space (UTF-8 C2 A0) as a space,
 * a run of spaces as one, none at either end.  "Smith 2001" and
 * "smith  2001" fold alike.  Internal to srw (the reader and the
 * importer). */
#ifndef SRW_IO_LABEL_H
#define SRW_IO_LABEL_H

#include <stddef.h>

/* label folded into out, which holds strlen(label) + 1 bytes; its length. */
size_t srw_io__label_fold(const char *label, char *out);
/* 1 when a and b fold alike. */
int srw_io__label_fold_equal(const char *a, const char *b);

#endif
