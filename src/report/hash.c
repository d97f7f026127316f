/* SHA-256 of the review's canonical content for the report's manifest:
 * the rows of srw_store_list for uses, outcomes, studies (with their
 * risk-of-bias summary), records, published results, claims and RoB 2 judgements, each list in the
 * store's fixed order, cells serialised with their type, and the columns
 * that say who entered a record and when left out, so that importing the
 * same studies/ gives the same hash.  SHA-256 from nettle. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "srw/report.h"

static void feed(struct sha256_ctx *c, const char *s, size_t n)
{
    sha256_update(c, n, (const uint8_t *)s);
}

static void feed_cell(struct sha256_ctx *c, const srw_value *v)
{
    char buf[64];
    switch (v->type) {
    case SRW_VALUE_INT:
        snprintf(buf, sizeof buf, "i%lld", v->i);
        break;
    case SRW_VALUE_REAL:
        snprintf(buf, sizeof buf, "r%.17g", v->r);
        break;
    case SRW_VALUE_TEXT: {
        size_t n = strlen(v->text);
        snprintf(buf, sizeof buf, "t%zu:", n);
        feed(c, buf, strlen(buf));
        feed(c, v->text, n);
        feed(c, "\x1f", 1);
        return;
    }
    default:
        snprintf(buf, sizeof buf, "n");
    }
    feed(c, buf, strlen(buf));
    feed(c, "\x1f", 1);
}

int srw_report_data_sha256(char hex[65], srw_store *s, srw_error *err)
{
    /* rob2 last, and only when the review holds RoB 2 judgements: the
     * hash of a review without any is what it was before RoB 2. */
    static const char *lists[] = {"uses", "outcomes", "studies", "records", "published", "claims", "rob2"};
    struct sha256_ctx c;
    sha256_init(&c);
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        srw_table t = {0};
        int rc = srw_store_list(s, lists[l], &t, err);
        if (rc != 0)
            return rc;
        if (strcmp(lists[l], "rob2") == 0 && t.n_rows == 0) {
            srw_table_dispose(&t);
            continue;
        }
        feed(&c, lists[l], strlen(lists[l]) + 1);
        for (size_t r = 0; r < t.n_rows; r++) {
            for (size_t col = 0; col < t.n_cols; col++) {
                const char *name = t.columns[col];
                if (strcmp(name, "entered_by") == 0 || strcmp(name, "entered_at") == 0)
                    continue;
                feed(&c, name, strlen(name) + 1);
                feed_cell(&c, srw_table_cell(&t, r, col));
            }
            feed(&c, "\x1e", 1);
        }
        srw_table_dispose(&t);
    }
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return 0;
}
