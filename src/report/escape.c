/* Escaping of user text for HTML, SVG and Markdown, and file-name slugs:
 * see include/srw/report.h.  Every string that came from a CSV file goes
 * through one of these before it reaches a report. */
#include <ctype.h>
#include <string.h>

#include "srw/report.h"

static void put_xml_n(srw_buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep == NULL)
            continue;
        srw_buf_put(b, s + start, i - start);
        srw_buf_puts(b, rep);
        start = i + 1;
    }
    srw_buf_put(b, s + start, n - start);
}

void srw_buf_put_xml(srw_buf *b, const char *s)
{
    if (s != NULL)
        put_xml_n(b, s, strlen(s));
}

/* Length of a link starting at s ("https://...", "http://...", "doi:10..."),
 * or 0.  Trailing punctuation that usually ends a sentence is left out. */
static size_t link_len(const char *s, int *is_doi)
{
    size_t skip = 0;
    *is_doi = 0;
    if (strncmp(s, "https://", 8) == 0)
        skip = 8;
    else if (strncmp(s, "http://", 7) == 0)
        skip = 7;
    else if (strncmp(s, "doi:10.", 7) == 0) {
        skip = 7;
        *is_doi = 1;
    } else
        return 0;
    size_t n = skip;
    while (s[n] && !isspace((unsigned char)s[n]) && s[n] != '"' && s[n] != '<' && s[n] != '>')
        n++;
    while (n > skip && strchr(".,;:)]'", s[n - 1]) != NULL)
        n--;
    return n > skip ? n : 0;
}

void srw_buf_put_linked_html(srw_buf *b, const char *s)
{
    if (s == NULL)
        return;
    size_t start = 0, i = 0;
    while (s[i]) {
        int doi;
        size_t n = (i == 0 || !isalnum((unsigned char)s[i - 1])) ? link_len(s + i, &doi) : 0;
        if (n == 0) {
            i++;
            continue;
        }
        put_xml_n(b, s + start, i - start);
        srw_buf_puts(b, "<a href=\"");
        if (doi) {
            srw_buf_puts(b, "https://doi.org/");
            put_xml_n(b, s + i + 4, n - 4);
        } else {
            put_xml_n(b, s + i, n);
        }
        srw_buf_puts(b, "\">");
        put_xml_n(b, s + i, n);
        srw_buf_puts(b, "</a>");
        i += n;
        start = i;
    }
    put_xml_n(b, s + start, i - start);
}

/* Whether s (just after an '&') would make a character reference in
 * CommonMark: a name, #digits or #x hex digits, then ';'. */
static int md_entity_follows(const char *s)
{
    size_t i = 0;
    if (s[0] == '#') {
        int hex = s[1] == 'x' || s[1] == 'X';
        i = hex ? 2 : 1;
        size_t from = i;
        while (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))
            i++;
        return i > from && s[i] == ';';
    }
    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[i]))
        i++;
    return s[i] == ';';
}

void srw_buf_put_md(srw_buf *b, const char *s)
{
    if (s == NULL)
        return;
    /* Markdown's own punctuation is backslash-escaped only where it would
     * mean something (so that the page reads as plain text too): '&' that
     * would start a character reference, '<' that would start a tag or an
     * autolink, '>' that would start a block quote. */
    size_t start = 0, i = 0, lead = strspn(s, " ");
    for (; s[i]; i++) {
        /* A web address as an autolink, <https://...>: Markdown leaves
         * its characters as they are ('_' escaped would end the link), and
         * a '|' is percent-encoded so that a table cell keeps it. */
        int doi;
        size_t n = (i == 0 || !isalnum((unsigned char)s[i - 1])) ? link_len(s + i, &doi) : 0;
        if (n > 0 && !doi) {
            srw_buf_put(b, s + start, i - start);
            srw_buf_puts(b, "<");
            for (size_t j = i; j < i + n; j++)
                if (s[j] == '|')
                    srw_buf_puts(b, "%7C");
                else
                    srw_buf_put(b, s + j, 1);
            srw_buf_puts(b, ">");
            i += n - 1;
            start = i + 1;
            continue;
        }
        const char *rep = NULL;
        char esc[3] = {'\\', s[i], '\0'};
        switch (s[i]) {
        case '&':
            if (md_entity_follows(s + i + 1))
                rep = esc;
            break;
        case '<': {
            unsigned char c = (unsigned char)s[i + 1];
            if (isalpha(c) || c == '/' || c == '!' || c == '?')
                rep = esc;
            break;
        }
        case '>':
            if (i == lead)
                rep = esc;
            break;
        case '\r': rep = ""; break;
        case '\n': rep = " "; break;
        case '|': case '*': case '_': case '`': case '[': case ']': case '\\': case '#':
            rep = esc;
            break;
        default: break;
        }
        if (rep == NULL)
            continue;
        srw_buf_put(b, s + start, i - start);
        srw_buf_puts(b, rep);
        start = i + 1;
    }
    srw_buf_put(b, s + start, i - start);
}

void srw_report_slug(char *out, size_t n, const char *s)
{
    if (n == 0)
        return;
    size_t cap = n - 1 < 60 ? n - 1 : 60, len = 0;
    int dash = 0;
    for (; s && *s && len < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) && c < 128) {
            if (dash && len > 0 && len + 1 < cap)
                out[len++] = '-';
            dash = 0;
            out[len++] = (char)tolower(c);
        } else {
            dash = 1;
        }
    }
    /* Cut short: end at a word boundary rather than mid-word. */
    if (s && *s && len == cap) {
        size_t cut = len;
        while (cut > 0 && out[cut - 1] != '-')
            cut--;
        if (cut > cap / 2)
            len = cut;
    }
    while (len > 0 && out[len - 1] == '-')
        len--;
    if (len == 0 && cap > 0)
        out[len++] = 'x';
    out[len] = '\0';
}
