/* RFC 4180 reader: see include/srw/csv.h for the contract. */
#include "srw/csv.h"
#include "io/csv_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A file is read through a window of this size (grown for a longer row),
 * not whole: a million-row file would otherwise sit in memory, page by
 * page, while only its current row is wanted. */
#define WINDOW_BYTES ((size_t)1 << 18)

/* Internal result of the row parsers: the row runs past the window and the
 * file has more; refill and parse the row again from its start. */
#define NEED_MORE 2

struct srw_csv {
    char *owned;       /* the window, when reading a file */
    const char *data;  /* input: the whole buffer, or the file's window */
    size_t len, pos;
    FILE *file;        /* NULL when parsing a caller's buffer */
    int eof;           /* data ends the input (always set for a buffer) */
    size_t cap;        /* size of the window */
    size_t total;      /* bytes read from the file so far */
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

/* A field starts at offset of the row storage. */
static int add_field(srw_csv *r, size_t offset)
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
    r->offsets[r->n_fields++] = offset;
    return 0;
}

static int field_begin(srw_csv *r)
{
    return add_field(r, r->buf_len);
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
    r->eof = 1;
    r->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3; /* UTF-8 BOM written by spreadsheet programs */
    *out = r;
    return 0;
}

/* Keep the bytes from keep on (the row being parsed), move them to the
 * front of the window and read more after them.  The window doubles when
 * the kept part fills half of it, so that a long row (a quoted field of
 * many lines) is parsed again only a logarithmic number of times. */
static int refill(srw_csv *r, size_t keep, srw_error *err)
{
    size_t kept = r->len - keep;
    if (kept > r->cap / 2) {
        size_t cap = r->cap * 2;
        char *w = realloc(r->owned, cap);
        if (w == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory reading %s", r->name);
        r->owned = w;
        r->cap = cap;
    }
    memmove(r->owned, r->owned + keep, kept);
    r->data = r->owned;
    r->len = kept;
    r->pos -= keep;
    size_t want = r->cap - r->len;
    size_t n = fread(r->owned + r->len, 1, want, r->file);
    r->len += n;
    r->total += n;
    if (n < want) { /* fread stops short only at the end or on an error */
        if (ferror(r->file))
            return SRW_FAIL(err, SRW_EIO, "cannot read %s", r->name);
        r->eof = 1;
    }
    if (r->total > SRW_CSV_MAX_BYTES)
        return SRW_FAIL(err, SRW_EDATA, "%s is larger than 2 GiB", r->name);
    return 0;
}

int srw_csv_open_file(srw_csv **out, const char *path, srw_error *err)
{
    return srw_io__csv_open_file_window(out, path, WINDOW_BYTES, err);
}

int srw_io__csv_open_file_window(srw_csv **out, const char *path, size_t window, srw_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f); /* fopen opens a directory; reading it fails with no word a user can act on */
        return SRW_FAIL(err, SRW_EDATA, "%s is a directory, not a CSV file: to import the CSV files in it, name "
                        "them (srw import %s/*.csv)", path, path);
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SRW_CSV_MAX_BYTES) {
        fclose(f);
        return SRW_FAIL(err, SRW_EDATA, "%s is larger than 2 GiB", path);
    }
    /* The window is the only buffer: stdio's own would add a copy. */
    setvbuf(f, NULL, _IONBF, 0);
    srw_csv *r = NULL;
    int rc = srw_csv_open_buffer(&r, NULL, 0, path, err);
    if (rc != 0) {
        fclose(f);
        return rc;
    }
    r->file = f;
    r->eof = 0;
    r->cap = window > 0 ? window : 1;
    if ((r->owned = malloc(r->cap)) == NULL) {
        srw_csv_free(r);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory reading %s", path);
    }
    r->data = r->owned;
    while (!r->eof && r->len < 3)
        if ((rc = refill(r, 0, err)) != 0) {
            srw_csv_free(r);
            return rc;
        }
    if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    *out = r;
    return 0;
}

/* The common row: no quote, no NUL, nothing above ASCII before its line
 * end.  Such a row means what the general loop of srw_csv_next would make
 * of it, fields split at every comma, so it is scanned once (noting its
 * commas), copied at once and split in place.  1 when read, 0 when the row
 * needs the general loop, NEED_MORE when its end is not in the window yet
 * (in both cases nothing consumed), -1 out of memory. */
static int plain_row(srw_csv *r)
{
    const unsigned char *d = (const unsigned char *)r->data + r->pos;
    size_t avail = r->len - r->pos, n = 0;
    r->n_fields = 0;
    if (add_field(r, 0) != 0)
        return -1;
    for (;; n++) {
        if (n == avail) {
            if (!r->eof)
                return NEED_MORE;
            break;
        }
        unsigned char x = d[n];
        /* '-' to DEL, most of the bytes of a row, mean nothing here. */
        if ((unsigned char)(x - '-') < 0x80 - '-')
            continue;
        if (x == ',') {
            if (r->n_fields < r->cap_fields)
                r->offsets[r->n_fields++] = n + 1;
            else if (add_field(r, n + 1) != 0)
                return -1;
            continue;
        }
        if (x == '\n' || x == '\r') {
            /* A CR at the window's end may be the first half of a CR LF. */
            if (x == '\r' && n + 1 == avail && !r->eof)
                return NEED_MORE;
            break;
        }
        if (x == '"' || x == 0 || x >= 0x80)
            return 0;
    }
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
    memcpy(r->buf, d, n);
    r->buf[n] = '\0';
    for (size_t i = 1; i < r->n_fields; i++)
        r->buf[r->offsets[i] - 1] = '\0';
    r->buf_len = n + 1;
    size_t end = r->pos + n;
    if (end < r->len) { /* LF, CR LF or a lone CR ends the row, as below */
        if (r->data[end] == '\r' && end + 1 < r->len && r->data[end + 1] == '\n')
            end++;
        end++;
        r->line++;
    }
    r->pos = end;
    return 1;
}

/* One record from r->pos into the row storage: 1, NEED_MORE (the record
 * runs past the window of a file that has more: the caller refills and
 * parses it again from its start), or a negative srw_status.  Reaching the
 * window's end undoes whatever the record's parse decided so far, so only
 * the decisions that end it early need the bytes after the window: a CR
 * (CR LF?), a UTF-8 sequence (complete?). */
static int parse_row(srw_csv *r, srw_error *err)
{
    const char *d = r->data;
    long start_line = r->line;
    r->buf_len = 0;
    int plain = plain_row(r);
    if (plain < 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if (plain)
        return plain;
    r->n_fields = 0;
    if (field_begin(r) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    int quoted = 0, after_quote = 0, at_field_start = 1;
    for (;;) {
        if (r->pos >= r->len) {
            if (!r->eof)
                return NEED_MORE;
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
                if (c == '\r' && r->pos + 1 >= r->len && !r->eof)
                    return NEED_MORE;
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
        if (r->len - r->pos < 4 && !r->eof)
            return NEED_MORE; /* a UTF-8 sequence may be cut by the window */
        size_t n = utf8_len((const unsigned char *)d + r->pos, r->len - r->pos);
        if (n == 0)
            return fail_at(r, err, r->line, "invalid UTF-8 (save the file as UTF-8)");
        if (buf_put(r, d + r->pos, n) != 0)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        r->pos += n;
    }
    if (field_end(r) != 0)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 1;
}

int srw_csv_next(srw_csv *r, srw_csv_row *row, srw_error *err)
{
    for (;;) {
        const char *d = r->data;
        /* a line with nothing on it is not a record */
        while (r->pos < r->len && (d[r->pos] == '\n' || d[r->pos] == '\r')) {
            if (d[r->pos] == '\n')
                r->line++;
            r->pos++;
        }
        if (r->pos >= r->len) {
            if (r->eof)
                return 0;
            int rc = refill(r, r->pos, err);
            if (rc != 0)
                return rc;
            continue;
        }
        size_t start = r->pos;
        long start_line = r->line;
        int rc = parse_row(r, err);
        if (rc == NEED_MORE) {
            r->pos = start;
            r->line = start_line;
            if ((rc = refill(r, start, err)) != 0)
                return rc;
            continue;
        }
        if (rc < 0)
            return rc;
        for (size_t i = 0; i < r->n_fields; i++)
            r->fields[i] = r->buf + r->offsets[i];
        row->n = r->n_fields;
        row->fields = r->fields;
        row->line = start_line;
        return 1;
    }
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
    if (r->file != NULL)
        fclose(r->file);
    free(r);
}
