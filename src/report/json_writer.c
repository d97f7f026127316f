/* JSON written as it goes: see include/srw/analysis_json.h.  The layout is
 * jansson's (json_dumps with JSON_INDENT(2) | JSON_REAL_PRECISION(17), or
 * JSON_COMPACT), which srw's JSON had before it was written this way:
 * reals as "%.17g" with ".0" added to a whole number and the exponent
 * without '+' or leading zeros, strings escaped as jansson escapes them. */
#include "srw/analysis_json.h"
#include "util/dtoa.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void srw_json_writer_init(srw_json_writer *w, srw_buf *out, int compact)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->compact = compact;
}

/* The longest text put_string may write for s: each byte as \u00XX. */
static size_t escaped_max(size_t n)
{
    return 6 * n + 2;
}

/* Any byte of the 8 in w that JSON must escape: below 0x20, '"' or '\\'
 * (bytes from 0x80, UTF-8, pass).  The tests of "Bit Twiddling Hacks"
 * (Anderson, hasless and haszero): exact for whether one exists. */
static int word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs ? 1 : 0;
}

/* The bytes s[0..n) for 0 < n <= 8 in a word, the rest spaces (which
 * need no escape): loads of fixed size, overlapping, and no call (a key
 * is mostly this). */
static uint64_t short_word(const char *s, size_t n)
{
    uint64_t w = 0x2020202020202020ULL;
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        /* bytes 0..3 and n-4..n-1: both in, each at its own place or a
         * repeat of one that is; which bytes a word holds, not where, is
         * what the test reads */
        return (uint64_t)lo | (uint64_t)hi << 32;
    }
    for (size_t i = 0; i < n; i++)
        w = (w & ~((uint64_t)0xFF << (8 * i))) | (uint64_t)(unsigned char)s[i] << (8 * i);
    return w;
}

/* memcpy(p, s, n), for keys: up to 16 bytes in two loads and two stores
 * of fixed size (overlapping), no call. */
static void copy_short(char *p, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(p, &a, 8);
        memcpy(p + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(p, &a, 4);
        memcpy(p + n - 4, &b, 4);
    } else {
        memcpy(p, s, n);
    }
}

/* Whether s (n bytes) holds no byte JSON must escape: a word at a time,
 * the last few bytes in a word of their own. */
static int needs_no_escape(const char *s, size_t n)
{
    uint64_t w;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        memcpy(&w, s + j, 8);
        if (word_needs_escape(w))
            return 0;
    }
    if (j == n)
        return 1;
    if (n >= 8) { /* the last eight bytes, overlapping the words before */
        memcpy(&w, s + n - 8, 8);
        return !word_needs_escape(w);
    }
    return !word_needs_escape(short_word(s, n));
}

/* s (n bytes) quoted and escaped as jansson escapes: '"', '\\' and
 * control characters; other bytes (UTF-8) as they are.  p has
 * escaped_max(n) room; returns the end. */
static char *put_string(char *p, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    *p++ = '"';
    if (needs_no_escape(s, n)) { /* keys and most texts */
        memcpy(p, s, n);
        p[n] = '"';
        return p + n + 1;
    }
    size_t i = 0;
    for (;;) {
        /* The run of bytes that go as they are: eight at a time, then one. */
        size_t j = i;
        uint64_t w;
        while (j + 8 <= n && (memcpy(&w, s + j, 8), !word_needs_escape(w)))
            j += 8;
        while (j < n && (unsigned char)s[j] >= 0x20 && s[j] != '"' && s[j] != '\\')
            j++;
        memcpy(p, s + i, j - i);
        p += j - i;
        if (j == n)
            break;
        unsigned char c = (unsigned char)s[j];
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default:
            memcpy(p, "u00", 3);
            p[3] = hex[c >> 4];
            p[4] = hex[c & 15];
            p += 5;
        }
        i = j + 1;
    }
    *p++ = '"';
    return p;
}

/* What comes before a value: the separator from the value before, the
 * indentation and, inside an object, the key; with room for a value of
 * up to n bytes after it.  Returns where the value goes (NULL after
 * running out of memory); end_value(w, end of the value) closes it.  This
 * runs for every value: the buffer's room is tested inline, and a key
 * with nothing to escape (srw's keys) is copied whole. */
static char *begin_value(srw_json_writer *w, const char *key, size_t n)
{
    size_t klen = key ? strlen(key) : 0;
    int plain = key == NULL || needs_no_escape(key, klen);
    size_t need = 2 + 2 * (size_t)w->depth + (key ? (plain ? klen : escaped_max(klen)) + 4 : 0) + n;
    srw_buf *b = w->out;
    /* The buffer's own room when it has it (srw_buf_room's test, inline). */
    char *p = !b->oom && b->cap - b->len > need ? b->ptr + b->len : srw_buf_room(b, need);
    if (p == NULL)
        return NULL;
    if (w->depth > 0) {
        if (w->count[w->depth - 1]++ > 0)
            *p++ = ',';
        if (!w->compact) {
            *p++ = '\n';
            for (int d = 0; d < w->depth; d++, p += 2)
                p[0] = p[1] = ' ';
        }
    }
    if (key != NULL) {
        if (plain) {
            *p++ = '"';
            copy_short(p, key, klen);
            p += klen;
            *p++ = '"';
        } else {
            p = put_string(p, key, klen);
        }
        *p++ = ':';
        if (!w->compact)
            *p++ = ' ';
    }
    return p;
}

static void end_value(srw_json_writer *w, char *end)
{
    srw_buf *b = w->out;
    b->len = (size_t)(end - b->ptr);
    *end = '\0';
}

/* A value's text v (n bytes, or a string to quote when quote is set). */
static void put_value(srw_json_writer *w, const char *key, const char *v, size_t n, int quote)
{
    char *p = begin_value(w, key, quote ? escaped_max(n) : n);
    if (p == NULL)
        return;
    if (quote) {
        p = put_string(p, v, n);
    } else {
        memcpy(p, v, n);
        p += n;
    }
    end_value(w, p);
}

static void open_container(srw_json_writer *w, const char *key, const char *bracket)
{
    put_value(w, key, bracket, 1, 0);
    if (w->depth == SRW_JSON_MAX_DEPTH) {
        w->out->oom = 1; /* deeper than any layout of srw's: a bug, reported as a failed write */
        return;
    }
    w->count[w->depth++] = 0;
}

static void close_container(srw_json_writer *w, const char *bracket)
{
    if (w->depth == 0) {
        w->out->oom = 1;
        return;
    }
    w->depth--;
    char *start = srw_buf_room(w->out, 2 + 2 * (size_t)w->depth), *p = start;
    if (p == NULL)
        return;
    if (w->count[w->depth] > 0 && !w->compact) {
        *p++ = '\n';
        memset(p, ' ', 2 * (size_t)w->depth);
        p += 2 * w->depth;
    }
    *p++ = *bracket;
    srw_buf_used(w->out, (size_t)(p - start));
}

void srw_json_begin_object(srw_json_writer *w, const char *key)
{
    open_container(w, key, "{");
}

void srw_json_end_object(srw_json_writer *w)
{
    close_container(w, "}");
}

void srw_json_begin_array(srw_json_writer *w, const char *key)
{
    open_container(w, key, "[");
}

void srw_json_end_array(srw_json_writer *w)
{
    close_container(w, "]");
}

void srw_json_null(srw_json_writer *w, const char *key)
{
    put_value(w, key, "null", 4, 0);
}

void srw_json_real(srw_json_writer *w, const char *key, double x)
{
    if (!isfinite(x)) {
        srw_json_null(w, key);
        return;
    }
    /* Written in place, with room for the longest (SRW_DTOA_SIZE and
     * ".0"), in jansson's form: srw_dtoa_json. */
    char *num = begin_value(w, key, SRW_DTOA_SIZE + 2), *p = num;
    if (num == NULL)
        return;
    /* A whole number below 2^53 (counts, totals, zero) is its digits and
     * ".0", as srw_dtoa_json writes it. */
    if (fabs(x) < 9007199254740992.0 && x == (double)(int64_t)x) {
        char digits[20], *d = digits + sizeof digits;
        uint64_t u = (uint64_t)(int64_t)fabs(x);
        do
            *--d = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        if (signbit(x))
            *p++ = '-';
        size_t nd = (size_t)(digits + sizeof digits - d);
        memcpy(p, d, nd);
        memcpy(p + nd, ".0", 2);
        end_value(w, p + nd + 2);
        return;
    }
    size_t n = srw_dtoa_json(num, x);
    end_value(w, num + n);
}

void srw_json_int(srw_json_writer *w, const char *key, long long v)
{
    char num[24];
    char *p = num + sizeof num;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    put_value(w, key, p, (size_t)(num + sizeof num - p), 0);
}

void srw_json_text(srw_json_writer *w, const char *key, const char *s)
{
    if (s == NULL) {
        srw_json_null(w, key);
        return;
    }
    put_value(w, key, s, strlen(s), 1);
}

void srw_json_bool(srw_json_writer *w, const char *key, int v)
{
    put_value(w, key, v ? "true" : "false", v ? 4 : 5, 0);
}

void srw_json_value(srw_json_writer *w, const char *key, const json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        srw_json_begin_object(w, key);
        json_object_foreach((json_t *)v, k, x)
            srw_json_value(w, k, x);
        srw_json_end_object(w);
        break;
    case JSON_ARRAY:
        srw_json_begin_array(w, key);
        json_array_foreach(v, i, x)
            srw_json_value(w, NULL, x);
        srw_json_end_array(w);
        break;
    case JSON_STRING:
        srw_json_text(w, key, json_string_value(v));
        break;
    case JSON_INTEGER:
        srw_json_int(w, key, (long long)json_integer_value(v));
        break;
    case JSON_REAL:
        srw_json_real(w, key, json_real_value(v));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        srw_json_bool(w, key, json_is_true(v));
        break;
    default:
        srw_json_null(w, key);
    }
}
