/* Folded study labels: see label.h. */
#include "io/label.h"

/* The next byte of a folded label, 0 at its end. */
static unsigned char fold_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned char c = *s;
    if (c == '\0')
        return 0;
    if (c == ' ' || c == '\t' || (c == 0xC2 && s[1] == 0xA0)) {
        while (*s == ' ' || *s == '\t' || (*s == 0xC2 && s[1] == 0xA0))
            s += *s == 0xC2 ? 2 : 1;
        *p = s;
        return *s == '\0' ? 0 : ' '; /* spacing at the end is no part of the label */
    }
    *p = s + 1;
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Past spacing at the start of a label (the CSV reader trims spaces and
 * tabs, not a no-break space). */
static const unsigned char *fold_start(const char *label)
{
    const unsigned char *p = (const unsigned char *)label;
    while (*p == ' ' || *p == '\t' || (*p == 0xC2 && p[1] == 0xA0))
        p += *p == 0xC2 ? 2 : 1;
    return p;
}

size_t srw_io__label_fold(const char *label, char *out)
{
    size_t n = 0;
    const unsigned char *p = fold_start(label);
    for (unsigned char c; (c = fold_next(&p)) != 0;)
        out[n++] = (char)c;
    out[n] = '\0';
    return n;
}

int srw_io__label_fold_equal(const char *a, const char *b)
{
    const unsigned char *p = fold_start(a), *q = fold_start(b);
    unsigned char x, y;
    do {
        x = fold_next(&p);
        y = fold_next(&q);
    } while (x == y && x != 0);
    return x == y;
}
