/* Folded study labels: see label.h. */
#include "util/label.h"
#include "util/grow.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>
#include <uninorm.h>

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* s[0..n) into *buf: letters A-Z in lower case when lower, a run of
 * spaces and tabs as one space, none at either end. */
static char *squeeze(const char *s, size_t n, int lower, char **buf, size_t *cap)
{
    if (srw_reserve(buf, cap, n + 1) != 0)
        return NULL;
    char *out = *buf;
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = 0;
        out[k++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[k] = '\0';
    return out;
}

char *srw_label_fold(const char *label, char **buf, size_t *cap)
{
    if (is_ascii(label))
        return squeeze(label, strlen(label), 1, buf, cap);
    size_t n = 0;
    errno = 0;
    uint8_t *f = u8_casefold((const uint8_t *)label, strlen(label), NULL, UNINORM_NFKC, NULL, &n);
    if (f == NULL) /* not UTF-8: its bytes as they are, ASCII letters folded */
        return errno == ENOMEM ? NULL : squeeze(label, strlen(label), 1, buf, cap);
    /* Characters that show as nothing (a soft hyphen, a zero-width space,
     * a byte-order mark), as pasted from a PDF or a web page, are left out. */
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        ucs4_t uc;
        int len = u8_mbtouc(&uc, f + i, n - i);
        /* Case folding without a language gives Turkish İ as i and a
         * combining dot above: the dot on an i is no difference. */
        int dot_on_i = uc == 0x0307 && k > 0 && f[k - 1] == 'i';
        if (!uc_is_property_default_ignorable_code_point(uc) && !dot_on_i) {
            memmove(f + k, f + i, (size_t)len);
            k += (size_t)len;
        }
        i += (size_t)len;
    }
    char *out = squeeze((const char *)f, k, 0, buf, cap);
    free(f);
    return out;
}

int srw_label_fold_equal(const char *a, const char *b)
{
    char *fa = NULL, *fb = NULL;
    size_t ca = 0, cb = 0;
    const char *x = srw_label_fold(a, &fa, &ca), *y = srw_label_fold(b, &fb, &cb);
    int same = x != NULL && y != NULL ? strcmp(x, y) == 0 : strcmp(a, b) == 0;
    free(fa);
    free(fb);
    return same;
}
