/* What a RevMan import says beside its records: trials the database holds
 * for the file's analyses that the file no longer lists, and analyses an
 * earlier import of the same file brought that it no longer has.  An
 * import only adds and updates, so these stay, and are pooled: the user is
 * told. */
#include "import/revman.h"
#include "util/grow.h"
#include "util/strmap.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "use\x1foutcome" or "use\x1foutcome\x1fstudy" into *buf. */
static const char *key_of(char **buf, size_t *cap, const char *use, const char *outcome, const char *study)
{
    size_t n = strlen(use) + strlen(outcome) + (study ? strlen(study) : 0) + 3;
    if (srw_reserve(buf, cap, n) != 0)
        return NULL;
    snprintf(*buf, n, "%s\x1f%s%s%s", use, outcome, study ? "\x1f" : "", study ? study : "");
    return *buf;
}

static int add_line(srw_import_stats *stats, const char *line, srw_error *err)
{
    return srw_lines_add(&stats->changes, &stats->n_changes, line) == 0 ? 0 : SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

int srw_import__revman_unlisted(srw_store *s, const srw_record_set *set, srw_import_stats *stats, srw_error *err)
{
    srw_strmap listed, outcomes;
    memset(&listed, 0, sizeof listed);
    memset(&outcomes, 0, sizeof outcomes);
    char *buf = NULL;
    size_t cap = 0, v;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < set->n_records; i++) {
        const srw_record *r = &set->records[i];
        const char *k = key_of(&buf, &cap, r->use, r->outcome, r->study);
        if (k == NULL || srw_strmap_put(&listed, k, 1) != 0)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == 0 && i < set->n_records; i++) {
        const srw_record *r = &set->records[i];
        const char *k = key_of(&buf, &cap, r->use, r->outcome, NULL);
        if (k == NULL) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        if (srw_strmap_get(&outcomes, k, &v))
            continue; /* this analysis is done */
        if (srw_strmap_put(&outcomes, k, 1) != 0) {
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            break;
        }
        /* Stored before this import: a trial another file of the import
         * adds is not one the review dropped. */
        srw_name_list labels;
        if ((rc = srw_store_trials_before(s, r->use, r->outcome, stats->last_record_before, &labels, err)) != 0)
            break;
        for (size_t j = 0; rc == 0 && j < labels.n; j++) {
            const char *sk = key_of(&buf, &cap, r->use, r->outcome, labels.names[j]);
            if (sk == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                break;
            }
            if (srw_strmap_get(&listed, sk, &v))
                continue;
            char line[1400];
            snprintf(line, sizeof line,
                     "warning: %s: %s / %s / %s is stored but not in this file, and is pooled (srw remove it if"
                     " the review dropped the study)",
                     set->path ? set->path : "-", r->use, r->outcome, labels.names[j]);
            rc = add_line(stats, line, err);
        }
        srw_name_list_dispose(&labels);
    }
    srw_strmap_dispose(&listed);
    srw_strmap_dispose(&outcomes);
    free(buf);
    return rc;
}

typedef struct dropped {
    const srw_rm5_review *r;
    srw_strmap here, uses;
    char *buf;
    size_t cap;
    srw_import_stats *stats;
    srw_error *err;
} dropped;

static int dropped_one(void *ctx, const char *use, const char *outcome, const char *number)
{
    dropped *d = ctx;
    size_t v;
    const char *k = key_of(&d->buf, &d->cap, use, outcome, NULL);
    if (k == NULL)
        return SRW_FAIL(d->err, SRW_ENOMEM, "out of memory");
    /* A stored analysis of another use came from another review that had a
     * file of the same name. */
    if (srw_strmap_get(&d->here, k, &v) || !srw_strmap_get(&d->uses, use, &v))
        return 0;
    char line[1400];
    snprintf(line, sizeof line,
             "warning: %s: analysis %s, %s / %s, was imported from this file before but is not in it now; its"
             " records are kept and pooled (srw remove them if the review dropped or renamed the analysis)",
             d->r->path, number ? number : "?", use, outcome);
    return add_line(d->stats, line, d->err);
}

int srw_import__revman_dropped(srw_store *s, const srw_rm5_review *r, srw_import_stats *stats, srw_error *err)
{
    if (r->path == NULL)
        return 0;
    dropped d;
    memset(&d, 0, sizeof d);
    d.r = r;
    d.stats = stats;
    d.err = err;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->n_analyses; i++) {
        const char *k = key_of(&d.buf, &d.cap, r->analyses[i].use, r->analyses[i].outcome, NULL);
        if (k == NULL || srw_strmap_put(&d.here, k, 1) != 0 || srw_strmap_put(&d.uses, r->analyses[i].use, 1) != 0)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = srw_store_revman_analyses_from(s, r->path, dropped_one, &d, err);
    srw_strmap_dispose(&d.here);
    srw_strmap_dispose(&d.uses);
    free(d.buf);
    return rc;
}

int srw_import__revman_repeats(const srw_rm5_review *r, srw_import_stats *stats, srw_error *err)
{
    for (size_t i = 0; i < r->n_repeats; i++) {
        const srw_rm5_repeat *p = &r->repeats[i];
        char sub[400] = "", rows[600] = "", line[2000];
        if (p->subgroup != NULL)
            snprintf(sub, sizeof sub, " in subgroup '%.*s'", (int)srw_utf8_prefix(p->subgroup, 300), p->subgroup);
        /* The rows are the study's arms "row 1", "row 2", ...
         * (src/io/rm5.c). */
        snprintf(rows, sizeof rows, "'row 1'");
        for (size_t k = 2; k <= p->rows && k <= 4; k++) {
            size_t n = strlen(rows);
            snprintf(rows + n, sizeof rows - n, "%s'row %zu'", k == p->rows ? " and " : ", ", k);
        }
        if (p->rows > 4) {
            size_t n = strlen(rows);
            snprintf(rows + n, sizeof rows - n, " ... 'row %zu'", p->rows);
        }
        char times[32] = "twice";
        if (p->rows > 2)
            snprintf(times, sizeof times, "%zu times", p->rows);
        snprintf(line, sizeof line,
                 "warning: %s: analysis %s, %s / %s: study '%s' has %zu data rows%s, imported as its arms %s and"
                 " pooled as RevMan pools them: a control arm they share is counted %s unless its participants"
                 " were split between them (a unit-of-analysis error, Cochrane Handbook 23.3.4; srw analyse"
                 " --multi-arm combine or split avoids it)",
                 r->path ? r->path : "-", p->number, p->use, p->outcome, p->study, p->rows, sub, rows, times);
        if (add_line(stats, line, err) != 0)
            return SRW_ENOMEM;
    }
    return 0;
}
