/* RFC 4180 reader: see include/srw/csv.h for the contract. */
#include "srw/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct srw_csv {
    char *owned;       /* file contents when opened from a file */
    const char *data;  /* input */
    size_t len, pos;
    long line;         /* current physical line */
    char *name;
    /* current row storage: one buffer of NUL-terminated fields */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *offsets;
    char **fields;
    size_t n_fields, cap_fields;
};

/* Length of the valid UTF-8 sequence at s (max n bytes), or 0 if invalid.
 * Follows RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned int min;
    unsigned int cp;
    if ((c & 0xE0) == 0xC0) {
        len = 2; min = 0x80; cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3; min = 0x800; cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4; min = 0x10000; cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static int buf_put(srw_csv *r, const char *s, size_t n)
{
    if (r->buf_len + n + 1 > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 256;
        while (r->buf_len + n + 1 > cap)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (b == NULL)
            return -1;
        r->buf = b;
        r->buf_cap = cap;
    }
    memcpy(r->buf + r->buf_len, s, n);
    r->buf_len += n;
    return 0;
}

static int field_begin(srw_csv *r)
{
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 32;
        size_t *o = realloc(r->offsets, cap * sizeof *o);
        if (o == NULL)
            return -1;
        r->offsets = o;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (f == NULL)
            return -1;
        r->fields = f;
        r->cap_fields = cap;
    }
    r->offsets[r->n_fields++] = r->buf_len;
    return 0;
}

static int field_end(srw_csv *r)
{
    return buf_put(r, "", 1); /* the terminating NUL */
}

static int fail_at(srw_csv *r, srw_error *err, long line, const char *fmt)
{
    SRW_FAIL(err, SRW_EDATA, "%s", fmt);
    srw_error_locate(err, r->name, line, (long)r->n_fields, NULL);
    return SRW_EDATA;
}

int srw_csv_open_buffer(srw_csv **out, const char *data, size_t len,
                        const char *name, srw_error *err)
{
    *out = NULL;
    srw_csv *r = calloc(1, sizeof *r);
    if (r == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory opening %s", name);
    r->name = strdup(name ? name : "<input>");
    if (r->name == NULL) {
        free(r);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory opening %s", name);
    }
    r->data = data;
    r->len = len;
    r->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3; /* UTF-8 BOM written by spreadsheet programs */
    *out = r;
    return 0;
}

int srw_csv_open_file(srw_csv **out, const char *path, srw_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    char *data = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (cap - len < 65536) {
            if (cap > SRW_CSV_MAX_BYTES) {
                rc = SRW_FAIL(err, SRW_EDATA, "%s is larger than 2 GiB", path);
                goto cleanup;
            }
            cap = cap ? cap * 2 : 1 << 20;
            char *d = realloc(data, cap);
            if (d == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory reading %s", path);
                goto cleanup;
            }
            data = d;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        rc = SRW_FAIL(err, SRW_EIO, "cannot read %s", path);
        goto cleanup;
    }
    rc = srw_csv_open_buffer(out, data, len, path, err);
    if (rc == 0) {
        (*out)->owned = data;
        data = NULL;
    }
cleanup:
    free(data);
    fclose(f);
    return rc;
}

/* The common row: no quote, no NUL, nothing above ASCII before its line
 * end.  Such a row means what the general loop of srw_csv_next would make
 * of it, fields split at every comma, so it is copied and split in one
 * pass.  1 when read, 0 when the row needs the general loop (nothing
 * consumed), -1 out of memory. */
static int plain_row(srw_csv *r)
{
    const char *d = r->data;
    size_t start = r->pos, end = start;
    while (end < r->len) {
        unsigned char x = (unsigned char)d[end];
        if (x == '\n' || x == '\r')
            break;
        if (x == '"' || x == 0 || x >= 0x80)
            return 0;
        end++;
    }
    size_t n = end - start;
    if (n + 1 > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 256;
        while (n + 1 > cap)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (b == NULL)
            return -1;
        r->buf = b;
        r->buf_cap = cap;
    }
    if (field_begin(r) != 0)
        return -1;
    char *b = r->buf;
    for (size_t i = 0; i < n; i++) {
        char c = d[start + i];
        if (c == ',') {
            b[i] = '\0';
            r->buf_len = i + 1;
            if (field_begin(r) != 0)
                return -1;
        } else {
            b[i] = c;
        }
    }
    b[n] = '\0';
    r->buf_len = n + 1;
    if (end < r->len) { /* LF, CR LF or a lone CR ends the row, as below */
        if (d[end] == '\r' && end + 1 < r->len && d[end + 1] == '\n')
            end++;
        end++;
        r->line++;
    }
    r->pos = end;
    return 1;
}

int srw_csv_next(srw_csv *r, srw_csv_row *row, srw_error *err)
{
    const char *d = r->data;
    /* a line with nothing on it is not a record */
    while (r->pos < r->len && (d[r->pos] == '\n' || d[r->pos] == '\r')) {
        if (d[r->pos] == '\n')
            r->line++;
        r->pos++;
    }
    if (r->pos >= r->len)
        return 0;
    r->buf_len = 0;
    r->n_fields = 0;
    long start_line = r->line;
    int plain = plain_row(r);
    if (plain < 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (plain) {
        for (size_t i = 0; i < r->n_fields; i++)
            r->fields[i] = r->buf + r->offsets[i];
        row->n = r->n_fields;
        row->fields = r->fields;
        row->line = start_line;
        return 1;
    }
    if (field_begin(r) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    int quoted = 0, after_quote = 0, at_field_start = 1;
    for (;;) {
        if (r->pos >= r->len) {
            if (quoted)
                return fail_at(r, err, start_line,
                               "a quoted field is not closed before the end of the file");
            break;
        }
        unsigned char c = (unsigned char)d[r->pos];
        if (c == 0)
            return fail_at(r, err, r->line, "the file contains a NUL byte (not a text CSV file?)");
        if (quoted) {
            if (c == '"') {
                if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
                    if (buf_put(r, "\"", 1) != 0)
                        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                    r->pos += 2;
                    continue;
                }
                quoted = 0;
                after_quote = 1;
                r->pos++;
                continue;
            }
            if (c == '\n')
                r->line++;
        } else {
            if (c == ',') {
                if (field_end(r) != 0 || field_begin(r) != 0)
                    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                r->pos++;
                after_quote = 0;
                at_field_start = 1;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && r->pos + 1 < r->len && d[r->pos + 1] == '\n')
                    r->pos++;
                r->pos++;
                r->line++;
                break;
            }
            if (after_quote)
                return fail_at(r, err, r->line,
                               "text after the closing quote of a field (quote the whole field and double inner quotes)");
            if (c == '"') {
                if (!at_field_start)
                    return fail_at(r, err, r->line,
                                   "a quote inside an unquoted field (quote the whole field and double inner quotes)");
                quoted = 1;
                at_field_start = 0;
                r->pos++;
                continue;
            }
        }
        at_field_start = 0;
        /* Fast path: a run of plain ASCII with no character that means
         * anything to the parser is copied at once. */
        size_t run = r->pos;
        while (run < r->len) {
            unsigned char x = (unsigned char)d[run];
            if (x == 0 || x >= 0x80 || x == '"' || x == '\n' || x == '\r' || (!quoted && x == ','))
                break;
            run++;
        }
        if (run > r->pos) {
            if (buf_put(r, d + r->pos, run - r->pos) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            r->pos = run;
            continue;
        }
        size_t n = utf8_len((const unsigned char *)d + r->pos, r->len - r->pos);
        if (n == 0)
            return fail_at(r, err, r->line, "invalid UTF-8 (save the file as UTF-8)");
        if (buf_put(r, d + r->pos, n) != 0)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        r->pos += n;
    }
    if (field_end(r) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->n_fields; i++)
        r->fields[i] = r->buf + r->offsets[i];
    row->n = r->n_fields;
    row->fields = r->fields;
    row->line = start_line;
    return 1;
}

void srw_csv_free(srw_csv *r)
{
    if (r == NULL)
        return;
    free(r->owned);
    free(r->name);
    free(r->buf);
    free(r->offsets);
    free(r->fields);
    free(r);
}
