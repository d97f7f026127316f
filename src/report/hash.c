/* SHA-256 of the review's canonical content for the report's manifest:
 * the rows of srw_store_list for uses, outcomes, studies (with their
 * risk-of-bias summary), records, published results, claims and RoB 2 judgements, each list in the
 * store's fixed order, cells serialised with their type, and the columns
 * that say who entered a record and when left out, so that importing the
 * same studies/ gives the same hash.  SHA-256 from nettle. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srw/report.h"
#include "util/dtoa.h"

/* A row's bytes are gathered here and hashed in one call: nettle's
 * sha256_update costs more per call than per byte of a short cell. */
typedef struct hashing {
    struct sha256_ctx *c;
    const char *list;
    int started;        /* the list's name is fed (before its first row) */
    int named;          /* name_len holds the columns' */
    size_t name_len[64]; /* each column's name with its NUL, 0 when left out */
    char buf[4096];
    size_t len;
} hashing;

static void flush(hashing *h)
{
    sha256_update(h->c, h->len, (const uint8_t *)h->buf);
    h->len = 0;
}

static void feed(hashing *h, const char *s, size_t n)
{
    if (h->len + n > sizeof h->buf) {
        flush(h);
        if (n > sizeof h->buf) {
            sha256_update(h->c, n, (const uint8_t *)s);
            return;
        }
    }
    memcpy(h->buf + h->len, s, n);
    h->len += n;
}

/* n's decimal digits at the end of digits[24]; returns where they start. */
static char *decimal(char digits[24], unsigned long long u)
{
    char *d = digits + 24;
    do
        *--d = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    return d;
}

/* A cell as the hash has always read it: i<integer>, r<%.17g>, t<len>:<text>
 * or n, each followed by 0x1f.  srw_dtoa_g17 writes %.17g's text without
 * printf (util/dtoa.h); a review's hash reads every record. */
static void feed_cell(hashing *h, const srw_value *v)
{
    char buf[64], digits[24], *d;
    size_t n;
    switch (v->type) {
    case SRW_VALUE_INT:
        d = decimal(digits, v->i < 0 ? 0ULL - (unsigned long long)v->i : (unsigned long long)v->i);
        if (v->i < 0)
            *--d = '-';
        buf[0] = 'i';
        n = (size_t)(digits + sizeof digits - d);
        memcpy(buf + 1, d, n);
        n++;
        break;
    case SRW_VALUE_REAL:
        buf[0] = 'r';
        n = srw_dtoa_g17(buf + 1, v->r) + 1;
        break;
    case SRW_VALUE_TEXT: {
        size_t len = strlen(v->text);
        d = decimal(digits, len);
        buf[0] = 't';
        n = (size_t)(digits + sizeof digits - d);
        memcpy(buf + 1, d, n);
        buf[n + 1] = ':';
        feed(h, buf, n + 2);
        feed(h, v->text, len);
        feed(h, "\x1f", 1);
        return;
    }
    default:
        buf[0] = 'n';
        n = 1;
    }
    buf[n++] = '\x1f';
    feed(h, buf, n);
}

/* One row: each column's name and cell, the who-and-when columns left
 * out, then 0x1e. */
static int feed_row(void *ctx, const char *const *columns, const srw_value *row, size_t n_cols)
{
    hashing *h = ctx;
    if (!h->started) {
        feed(h, h->list, strlen(h->list) + 1);
        h->started = 1;
    }
    for (size_t col = 0; !h->named && col < n_cols && col < 64; col++)
        h->name_len[col] = strcmp(columns[col], "entered_by") == 0 || strcmp(columns[col], "entered_at") == 0
                               ? 0
                               : strlen(columns[col]) + 1;
    h->named = 1;
    for (size_t col = 0; col < n_cols && col < 64; col++) {
        if (h->name_len[col] == 0)
            continue;
        feed(h, columns[col], h->name_len[col]);
        feed_cell(h, &row[col]);
    }
    feed(h, "\x1e", 1);
    return 0;
}

int srw_report_data_sha256(char hex[65], srw_store *s, srw_error *err)
{
    /* rob2 last, and only when the review holds RoB 2 judgements: the
     * hash of a review without any is what it was before RoB 2.  Every
     * other list's name is fed even when it has no row. */
    static const char *lists[] = {"uses", "outcomes", "studies", "records", "published", "claims", "rob2"};
    struct sha256_ctx c;
    sha256_init(&c);
    hashing *h = calloc(1, sizeof *h);
    if (h == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    h->c = &c;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        h->list = lists[l];
        h->started = strcmp(lists[l], "rob2") != 0;
        h->named = 0;
        if (h->started)
            feed(h, lists[l], strlen(lists[l]) + 1);
        int rc = srw_store_list_each(s, lists[l], feed_row, h, err);
        if (rc != 0) {
            free(h);
            return rc;
        }
    }
    flush(h);
    free(h);
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return 0;
}
