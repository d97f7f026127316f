/* Where an element or attribute stands in an XML file: see xml_locate.h. */
#include "io/xml_locate.h"

#include <string.h>

/* The element's 0-based place among root's elements in document order;
 * -1 when n is not under root.  Entity references are not entered: their
 * content is not in the file's bytes where they stand. */
static long doc_index(const xmlNode *root, const xmlNode *n)
{
    long k = 0;
    const xmlNode *c = root;
    while (c != NULL) {
        if (c == n)
            return k;
        k++;
        const xmlNode *next = NULL;
        for (const xmlNode *d = c->children; d && next == NULL; d = d->next)
            if (d->type == XML_ELEMENT_NODE)
                next = d;
        /* no element child: the next element sibling of c or of its nearest ancestor */
        for (const xmlNode *up = c; next == NULL && up != NULL && up != root->parent; up = up->parent) {
            if (up == root)
                return -1;
            for (const xmlNode *s = up->next; s && next == NULL; s = s->next)
                if (s->type == XML_ELEMENT_NODE)
                    next = s;
        }
        c = next;
    }
    return -1;
}

/* The offset just past the first occurrence of end at or after p, or len. */
static size_t skip_past(const char *d, size_t len, size_t p, const char *end)
{
    size_t m = strlen(end);
    for (; p + m <= len; p++)
        if (memcmp(d + p, end, m) == 0)
            return p + m;
    return len;
}

/* The offset just past the '>' of a tag or declaration starting at p,
 * stepping over quoted values (which may hold '>') and a DOCTYPE's
 * bracketed internal subset. */
static size_t skip_tag(const char *d, size_t len, size_t p)
{
    int depth = 0;
    char quote = 0;
    for (p++; p < len; p++) {
        char c = d[p];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']' && depth > 0) {
            depth--;
        } else if (c == '>' && depth == 0) {
            return p + 1;
        }
    }
    return len;
}

/* The offset of the k-th start tag's '<' (0-based), or len. */
static size_t start_tag(const char *d, size_t len, long k)
{
    size_t p = 0;
    while (p < len) {
        const char *lt = memchr(d + p, '<', len - p);
        if (lt == NULL)
            return len;
        p = (size_t)(lt - d);
        if (len - p >= 4 && memcmp(d + p, "<!--", 4) == 0)
            p = skip_past(d, len, p + 4, "-->");
        else if (len - p >= 9 && memcmp(d + p, "<![CDATA[", 9) == 0)
            p = skip_past(d, len, p + 9, "]]>");
        else if (len - p >= 2 && d[p + 1] == '?')
            p = skip_past(d, len, p + 2, "?>");
        else if (len - p >= 2 && (d[p + 1] == '!' || d[p + 1] == '/'))
            p = skip_tag(d, len, p);
        else if (k-- == 0)
            return p;
        else
            p = skip_tag(d, len, p);
    }
    return len;
}

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of attribute attr's name in the start tag at p, or p. */
static size_t attribute(const char *d, size_t len, size_t p, const char *attr)
{
    size_t q = p + 1, m = strlen(attr);
    while (q < len && !space(d[q]) && d[q] != '>' && d[q] != '/')
        q++;
    for (;;) {
        while (q < len && space(d[q]))
            q++;
        if (q >= len || d[q] == '>' || d[q] == '/')
            return p;
        size_t name = q;
        while (q < len && !space(d[q]) && d[q] != '=' && d[q] != '>')
            q++;
        if (q - name == m && memcmp(d + name, attr, m) == 0)
            return name;
        while (q < len && space(d[q]))
            q++;
        if (q >= len || d[q] != '=')
            return p;
        for (q++; q < len && space(d[q]); q++)
            ;
        if (q >= len || (d[q] != '"' && d[q] != '\''))
            return p;
        const char *close = memchr(d + q + 1, d[q], len - q - 1);
        if (close == NULL)
            return p;
        q = (size_t)(close - d) + 1;
    }
}

void srw_io__xml_locate(const char *data, size_t len, int utf8, const xmlNode *root, const xmlNode *n,
                        const char *attr, long *line, long *col)
{
    if (data == NULL || root == NULL || n == NULL)
        return;
    long k = doc_index(root, n);
    if (k < 0)
        return;
    size_t at = start_tag(data, len, k);
    if (at >= len)
        return;
    if (attr != NULL)
        at = attribute(data, len, at, attr);
    /* Lines end at LF, CR LF or a lone CR, as XML reads them; a UTF-8 byte
     * order mark is not a character of the first line. */
    size_t p = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    long ln = 1, c = 1;
    for (; p < at; p++) {
        unsigned char b = (unsigned char)data[p];
        if (b == '\n' || (b == '\r' && (p + 1 >= len || data[p + 1] != '\n'))) {
            ln++;
            c = 1;
        } else if (b != '\r' && !(utf8 && (b & 0xC0) == 0x80)) {
            c++;
        }
    }
    *line = ln;
    *col = c;
}
