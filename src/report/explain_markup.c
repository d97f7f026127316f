/* The explanation's formula markup and numbers (see explain_doc.h): the
 * ring of number texts, the escaping of text from the data, and the
 * rendering of sub- and superscripts per format. */
#include "report/explain_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srw/decimal.h"
#include "srw/format.h"

static char *ring(ex_doc *x)
{
    char *s = x->ring[x->ring_at];
    x->ring_at = (x->ring_at + 1) % (int)(sizeof x->ring / sizeof x->ring[0]);
    return s;
}

const char *ex_n(ex_doc *x, double v)
{
    char *s = ring(x);
    srw_format_sig(s, sizeof x->ring[0], v, EX_SIG, SRW_FORMAT_TEXT);
    return s;
}

const char *ex_np(ex_doc *x, double v)
{
    if (!(v < 0.0))
        return ex_n(x, v);
    char tmp[64];
    srw_format_sig(tmp, sizeof tmp, v, EX_SIG, SRW_FORMAT_TEXT);
    char *s = ring(x);
    snprintf(s, sizeof x->ring[0], "(%.60s)", tmp);
    return s;
}

const char *ex_g(ex_doc *x, double v)
{
    char *s = ring(x);
    if (v != v)
        snprintf(s, sizeof x->ring[0], "-");
    else
        srw_number_text(v, s, sizeof x->ring[0]);
    return s;
}

const char *ex_gp(ex_doc *x, double v)
{
    if (!(v < 0.0))
        return ex_g(x, v);
    char tmp[64];
    srw_number_text(v, tmp, sizeof tmp);
    char *s = ring(x);
    snprintf(s, sizeof x->ring[0], "(%.60s)", tmp);
    return s;
}

const char *ex_lit(ex_doc *x, const char *s)
{
    /* Whole, however long: a reviewer's reason or source is never cut. */
    size_t len = s != NULL ? strlen(s) : 0;
    char *out = malloc(2 * len + 1);
    char **grown = out != NULL ? realloc(x->lits, (x->n_lits + 1) * sizeof *grown) : NULL;
    if (grown == NULL) {
        free(out);
        x->nomem = 1;
        return "";
    }
    x->lits = grown;
    x->lits[x->n_lits++] = out;
    size_t n = 0;
    for (; s != NULL && *s; s++) {
        if (strchr("_^\\{}", *s))
            out[n++] = '\\';
        out[n++] = *s;
    }
    out[n] = '\0';
    return out;
}

/* ------------------------------------------------------------- markup */

/* Unicode's sub- and superscript of c, or NULL. */
static const char *sub_of(char c)
{
    static const char *const digits[] = {"\u2080", "\u2081", "\u2082", "\u2083", "\u2084",
                                         "\u2085", "\u2086", "\u2087", "\u2088", "\u2089"};
    if (c >= '0' && c <= '9')
        return digits[c - '0'];
    switch (c) {
    case '+': return "\u208a";
    case '-': return "\u208b";
    case '=': return "\u208c";
    case '(': return "\u208d";
    case ')': return "\u208e";
    case 'a': return "\u2090";
    case 'e': return "\u2091";
    case 'o': return "\u2092";
    case 'x': return "\u2093";
    case 'h': return "\u2095";
    case 'k': return "\u2096";
    case 'l': return "\u2097";
    case 'm': return "\u2098";
    case 'n': return "\u2099";
    case 'p': return "\u209a";
    case 's': return "\u209b";
    case 't': return "\u209c";
    case 'i': return "\u1d62";
    case 'j': return "\u2c7c";
    case 'r': return "\u1d63";
    case 'u': return "\u1d64";
    case 'v': return "\u1d65";
    default: return NULL;
    }
}

static const char *sup_of(char c)
{
    static const char *const digits[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                         "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    if (c >= '0' && c <= '9')
        return digits[c - '0'];
    switch (c) {
    case '+': return "\u207a";
    case '-': return "\u207b";
    case '=': return "\u207c";
    case '(': return "\u207d";
    case ')': return "\u207e";
    case 'n': return "\u207f";
    case 'i': return "\u2071";
    default: return NULL;
    }
}

/* Plain text of a run, for the format: HTML escaped, else as it is
 * (Markdown escapes whole lines later). */
static void put_run(srw_buf *o, const char *s, size_t n, srw_explain_format f)
{
    if (f == SRW_EXPLAIN_HTML) {
        char tmp[1024];
        while (n > 0) {
            size_t m = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
            memcpy(tmp, s, m);
            tmp[m] = '\0';
            srw_buf_put_xml(o, tmp);
            s += m, n -= m;
        }
    } else {
        srw_buf_put(o, s, n);
    }
}

/* The markup s rendered for format f into o. */
void ex_render(srw_buf *o, const char *s, srw_explain_format f)
{
    while (*s) {
        if (*s == '\\' && s[1]) {
            put_run(o, s + 1, 1, f);
            s += 2;
            continue;
        }
        if ((*s == '_' || *s == '^') && s[1]) {
            int up = *s == '^';
            const char *body = s + 1;
            size_t n = 1;
            if (*body == '{') {
                body++;
                const char *end = strchr(body, '}');
                n = end ? (size_t)(end - body) : strlen(body);
                s = body + n + (end ? 1 : 0);
            } else {
                /* One character: a UTF-8 sequence whole (a Greek letter). */
                while (((unsigned char)body[n] & 0xC0) == 0x80)
                    n++;
                s = body + n;
            }
            if (f == SRW_EXPLAIN_HTML) {
                srw_buf_puts(o, up ? "<sup>" : "<sub>");
                put_run(o, body, n, f);
                srw_buf_puts(o, up ? "</sup>" : "</sub>");
                continue;
            }
            int all = 1;
            for (size_t i = 0; i < n && all; i++)
                all = (up ? sup_of(body[i]) : sub_of(body[i])) != NULL;
            if (all) {
                for (size_t i = 0; i < n; i++)
                    srw_buf_puts(o, up ? sup_of(body[i]) : sub_of(body[i]));
            } else {
                /* A word as it is (SE_HKSJ); anything else, an operator
                 * (U+2000 to U+2FFF: − ·) or a space in it, in parentheses. */
                int word = 1;
                for (size_t i = 0; i < n && word; i++) {
                    unsigned char ch = (unsigned char)body[i];
                    word = ch >= 0x80 ? ch != 0xE2
                                      : (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
                }
                srw_buf_puts(o, up ? "^" : "_");
                if (!word)
                    srw_buf_puts(o, "(");
                srw_buf_put(o, body, n);
                if (!word)
                    srw_buf_puts(o, ")");
            }
            continue;
        }
        size_t n = strcspn(s, "\\_^");
        if (n == 0)
            n = 1;
        put_run(o, s, n, f);
        s += n;
    }
}

/* Display width of UTF-8 text: one column per code point. */
size_t ex_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}
