/* Double extraction of risk of bias: where the reviewers' judgements
 * differ (not yet adjudicated) and Cohen's kappa per pair of reviewers,
 * for RoB 1 (items: a study's domains) and RoB 2 (items: a result's
 * domains and its overall), each tool on its own (srw/entry.h). */
#include "store/entry_internal.h"
#include "srw/agreement.h"

#include <stdlib.h>
#include <string.h>

/* One reviewer's judgement of one item; outcome "(risk of bias)" for RoB 1
 * (the differences table's outcome cell), the result's outcome for RoB 2. */
typedef struct item {
    char *outcome, *study, *domain, *reviewer, *judgement;
    int adjudicated;
} item;

typedef struct tool {
    const char *sql; /* outcome, study, domain, reviewer, judgement, adjudicated; by item, then reviewer */
    int (*category)(const char *judgement); /* 0..n_categories-1, -1 unknown */
    int n_categories;
} tool;

static int rob1_category(const char *j)
{
    srw_rob_judgement r = srw_rob_judgement_parse(j);
    return r == SRW_ROB_LOW ? 0 : r == SRW_ROB_HIGH ? 1 : r == SRW_ROB_UNCLEAR ? 2 : -1;
}

static int rob2_category(const char *j)
{
    return (int)srw_rob2_judgement_parse(j) - 1; /* low, some concerns, high: 0, 1, 2 */
}

static const tool rob1 = {
    "SELECT '(risk of bias)', s.label, b.domain, b.reviewer, b.judgement,"
    " EXISTS (SELECT 1 FROM rob a WHERE a.study_id = b.study_id AND a.domain = b.domain"
    "   AND a.kind = 'adjudicated')"
    " FROM rob b JOIN studies s ON s.id = b.study_id WHERE b.kind = 'extraction' AND b.study_id IN"
    " (SELECT r.study_id FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
    "  WHERE u.name = ?1) ORDER BY s.label, b.domain, b.reviewer",
    rob1_category, 3};

static const tool rob2 = {
    "SELECT o.name, s.label, b.domain, b.reviewer, b.judgement,"
    " EXISTS (SELECT 1 FROM rob2 a WHERE a.outcome_id = b.outcome_id AND a.study_id = b.study_id"
    "   AND a.domain = b.domain AND a.kind = 'adjudicated')"
    " FROM rob2 b JOIN outcomes o ON o.id = b.outcome_id JOIN uses u ON u.id = o.use_id"
    " JOIN studies s ON s.id = b.study_id WHERE b.kind = 'extraction' AND u.name = ?1"
    " ORDER BY o.name, s.label, b.domain, b.reviewer",
    rob2_category, 3};

static int same_item(const item *a, const item *b)
{
    return strcmp(a->outcome, b->outcome) == 0 && strcmp(a->study, b->study) == 0 && strcmp(a->domain, b->domain) == 0;
}

/* Kappa for every pair of reviewers over the items both judged. */
static int kappas(const tool *t, const item *items, size_t n, srw_kappa_pair **pairs, size_t *n_pairs,
                  srw_error *err)
{
    int rc = 0;
    int *ra = malloc((n ? n : 1) * sizeof *ra), *rb = malloc((n ? n : 1) * sizeof *rb);
    if (ra == NULL || rb == NULL)
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t a = 0; a < n && rc == 0; a++) {
        for (size_t b = 0; b < n && rc == 0; b++) {
            if (strcmp(items[a].reviewer, items[b].reviewer) >= 0)
                continue;
            int seen = 0;
            for (size_t p = 0; p < *n_pairs; p++)
                seen |= strcmp((*pairs)[p].reviewer_a, items[a].reviewer) == 0 &&
                        strcmp((*pairs)[p].reviewer_b, items[b].reviewer) == 0;
            if (seen)
                continue;
            size_t m = 0;
            for (size_t x = 0; x < n; x++) {
                if (strcmp(items[x].reviewer, items[a].reviewer) != 0)
                    continue;
                for (size_t y = 0; y < n; y++)
                    if (strcmp(items[y].reviewer, items[b].reviewer) == 0 && same_item(&items[x], &items[y])) {
                        ra[m] = t->category(items[x].judgement);
                        rb[m] = t->category(items[y].judgement);
                        m++;
                    }
            }
            if (m == 0)
                continue;
            srw_kappa_pair *pp = realloc(*pairs, (*n_pairs + 1) * sizeof *pp);
            if (pp == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                break;
            }
            *pairs = pp;
            srw_kappa_pair *k = &pp[(*n_pairs)++];
            memset(k, 0, sizeof *k);
            k->reviewer_a = strdup(items[a].reviewer);
            k->reviewer_b = strdup(items[b].reviewer);
            k->n = m;
            if (k->reviewer_a == NULL || k->reviewer_b == NULL)
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            else
                rc = srw_agreement_kappa(ra, rb, m, t->n_categories, &k->kappa, &k->agreement, err);
        }
    }
    free(ra);
    free(rb);
    return rc;
}

static int reconcile_tool(srw_store *s, const tool *t, const char *use, srw_table *differences,
                          size_t *n_differences, srw_kappa_pair **pairs, size_t *n_pairs, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, t->sql, err);
    if (rc)
        return rc;
    srw_bind_text(st, 1, use);
    /* Rows in memory: the data of one use is small (results x domains x
     * reviewers). */
    size_t n = 0, cap = 0;
    item *items = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            item *p = realloc(items, cap * sizeof *p);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto done;
            }
            items = p;
        }
        item *it = &items[n++];
        char **texts[] = {&it->outcome, &it->study, &it->domain, &it->reviewer, &it->judgement};
        int ok = 1;
        for (int c = 0; c < 5; c++)
            ok &= (*texts[c] = srw_column_text_dup(st, c)) != NULL;
        it->adjudicated = sqlite3_column_int(st, 5);
        if (!ok) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(s, err, "cannot read risk-of-bias judgements");
        goto done;
    }
    rc = 0;
    /* Differences, per item (the rows are sorted that way). */
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        int differ = 0;
        while (j < n && same_item(&items[j], &items[i])) {
            differ |= strcmp(items[j].judgement, items[i].judgement) != 0;
            j++;
        }
        if (differ) {
            (*n_differences)++;
            for (size_t k = i; k < j && rc == 0 && !items[i].adjudicated; k++) {
                const char *cells[] = {items[k].outcome, items[k].study, items[k].domain, items[k].reviewer,
                                       items[k].judgement};
                rc = srw_store__table_row(differences, cells, err);
            }
        }
        i = j;
    }
    if (rc == 0)
        rc = kappas(t, items, n, pairs, n_pairs, err);
done:
    for (size_t i = 0; i < n; i++) {
        item *it = &items[i];
        char *texts[] = {it->outcome, it->study, it->domain, it->reviewer, it->judgement};
        for (int c = 0; c < 5; c++)
            free(texts[c]);
    }
    free(items);
    sqlite3_finalize(st);
    return rc;
}

int srw_store__reconcile_rob(srw_store *s, const char *use, srw_reconcile_report *out, srw_error *err)
{
    int rc = reconcile_tool(s, &rob1, use, &out->differences, &out->n_rob_differences, &out->pairs, &out->n_pairs,
                            err);
    if (rc == 0)
        rc = reconcile_tool(s, &rob2, use, &out->differences, &out->n_rob2_differences, &out->rob2_pairs,
                            &out->n_rob2_pairs, err);
    return rc;
}
