/* Use and outcome names as people type them: the names the import checks
 * new ones against (srw_store_each_name), see srw/store.h. */
#include "store/store_internal.h"
#include "util/grow.h"
#include "util/label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srw_store_each_name(srw_store *s,
                        int (*each)(void *ctx, long long use_id, const char *use, const char *outcome),
                        void *ctx, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT id, name, NULL FROM uses"
                               " UNION ALL SELECT use_id, NULL, name FROM outcomes"
                               " UNION ALL SELECT DISTINCT use_id, NULL, outcome FROM published"
                               " UNION ALL SELECT id, NULL, primary_outcome FROM uses WHERE primary_outcome IS NOT NULL",
                               err);
    if (rc != 0)
        return rc;
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = each(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                  (const char *)sqlite3_column_text(st, 2));
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot read the uses' and outcomes' names");
    sqlite3_finalize(st);
    return rc;
}

/* One row of sql (two names that fold alike, and the use of outcomes)
 * as the error; 0 when none. */
static int folded_pair(srw_store *s, const char *sql, int outcomes, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, sql, err);
    if (rc)
        return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 0), *b = (const char *)sqlite3_column_text(st, 1);
        if (outcomes)
            rc = SRW_FAIL(err, SRW_EDATA,
                          "after the merge, use '%s' would hold outcomes '%s' and '%s', which differ only in letter"
                          " case or spacing: the same outcome twice (give it one name in both files); nothing was"
                          " merged",
                          (const char *)sqlite3_column_text(st, 2), a, b);
        else
            rc = SRW_FAIL(err, SRW_EDATA,
                          "after the merge, the review would hold uses '%s' and '%s', which differ only in letter"
                          " case or spacing: the same use twice (give it one name in both files); nothing was"
                          " merged",
                          a, b);
        srw_error_locate(err, NULL, 0, 0, outcomes ? "outcome" : "use");
    } else {
        rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot compare the names");
    }
    sqlite3_finalize(st);
    return rc;
}

int srw_store__merge_names_check(srw_store *s, srw_error *err)
{
    /* Grouped by the folded name (a sort), not a join of every pair. */
    int rc = folded_pair(s,
                         "SELECT min(name), max(name) FROM uses GROUP BY srw_label_fold(name)"
                         " HAVING count(*) > 1 LIMIT 1",
                         0, err);
    if (rc == 0)
        rc = folded_pair(s,
                         "SELECT min(o.name), max(o.name), u.name FROM outcomes o JOIN uses u ON u.id = o.use_id"
                         " GROUP BY o.use_id, srw_label_fold(o.name) HAVING count(*) > 1 LIMIT 1",
                         1, err);
    return rc;
}

/* --- --use and --outcome as people type them ------------------------------------- */

/* A use, or an outcome of one use, that a given name may mean. */
typedef struct cand {
    long long id;   /* 0: an outcome only published results name */
    char *name, *fold;
    char *number;   /* RevMan's analysis number, or NULL */
    const char *bare; /* fold without the number RevMan's names begin with ("1.2 dmft": "dmft") */
} cand;

typedef struct cands {
    cand *items;
    size_t n;
} cands;

static void cands_dispose(cands *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].name);
        free(c->items[i].fold);
        free(c->items[i].number);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

static char *fold_dup(const char *s)
{
    char *buf = NULL;
    size_t cap = 0;
    const char *f = srw_label_fold(s, &buf, &cap);
    char *out = f ? strdup(f) : NULL;
    free(buf);
    return out;
}

/* The uses (use NULL), or the outcomes of use: by id, then those only
 * published results name, by name. */
static int load_cands(srw_store *s, const char *use, cands *out, srw_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(
        s, &st,
        use == NULL ? "SELECT id, name, NULL FROM uses ORDER BY id"
                    : "SELECT id, name, number FROM (SELECT o.id AS id, o.name AS name, a.number AS number"
                      " FROM outcomes o JOIN uses u ON u.id = o.use_id"
                      " LEFT JOIN analysis_settings a ON a.outcome_id = o.id WHERE u.name = ?1"
                      " UNION SELECT 0, p.outcome, NULL FROM published p JOIN uses u ON u.id = p.use_id"
                      " WHERE u.name = ?1 AND NOT EXISTS (SELECT 1 FROM outcomes x WHERE x.use_id = u.id"
                      " AND x.name = p.outcome)) ORDER BY id = 0, id, name",
        err);
    if (rc)
        return rc;
    if (use != NULL)
        sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (srw_grow((void **)&out->items, out->n, &cap, sizeof *out->items) != 0)
            goto oom;
        cand *c = &out->items[out->n];
        memset(c, 0, sizeof *c);
        out->n++;
        c->id = sqlite3_column_int64(st, 0);
        if ((c->name = srw_column_text_dup(st, 1)) == NULL || (c->fold = fold_dup(c->name)) == NULL)
            goto oom;
        if (sqlite3_column_type(st, 2) != SQLITE_NULL && (c->number = srw_column_text_dup(st, 2)) == NULL)
            goto oom;
        size_t k = c->number ? strlen(c->number) : 0;
        c->bare = k > 0 && strncmp(c->fold, c->number, k) == 0 && c->fold[k] == ' ' ? c->fold + k + 1 : c->fold;
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        cands_dispose(out);
        return srw_store_fail(s, err, use ? "cannot list the use's outcomes" : "cannot list the uses");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    cands_dispose(out);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

/* "'name' (u3)": a candidate as messages show it. */
static void cand_text(char *buf, size_t n, const cand *c, int outcome)
{
    if (c->id == 0)
        snprintf(buf, n, "'%s'", c->name);
    else if (c->number != NULL)
        snprintf(buf, n, "'%s' (%c%lld, analysis %s)", c->name, outcome ? 'o' : 'u', c->id, c->number);
    else
        snprintf(buf, n, "'%s' (%c%lld)", c->name, outcome ? 'o' : 'u', c->id);
}

/* Appends the candidates picked (pick[i] set) to buf as whole names,
 * "a, b or c", as many as fit in n bytes with room for "and N more" and
 * tail: a list is never cut in the middle of a name. */
static void append_names(char *buf, size_t n, const cands *c, const unsigned char *pick, int outcome,
                         const char *tail)
{
    const char *more_hint = pick != NULL ? "" : outcome ? " (`srw list outcomes`)" : " (`srw list uses`)";
    size_t total = 0, shown = 0, len = strlen(buf);
    for (size_t i = 0; i < c->n; i++)
        total += pick == NULL || pick[i];
    char one[700], more[96];
    for (size_t i = 0; i < c->n; i++) {
        if (pick != NULL && !pick[i])
            continue;
        cand_text(one, sizeof one, &c->items[i], outcome);
        const char *sep = shown == 0 ? "" : shown + 1 == total ? " or " : ", ";
        size_t left = total - shown - 1;
        /* room kept for what must follow: "and N more" unless this is the last */
        snprintf(more, sizeof more, ", and %zu more%s", left + 1, more_hint);
        size_t need = strlen(sep) + strlen(one) + (left ? strlen(more) : 0) + strlen(tail) + 1;
        if (len + need > n)
            break;
        len += (size_t)snprintf(buf + len, n - len, "%s%s", sep, one);
        shown++;
    }
    if (shown < total)
        len += (size_t)snprintf(buf + len, n - len, "%sand %zu more%s", shown ? ", " : "", total - shown, more_hint);
    snprintf(buf + len, n - len, "%s", tail);
}

/* Edit distance of a and the first lb bytes of b, a swap of two
 * neighbours one edit ("dmtf" is 1 from "dmft": optimal string alignment),
 * at most 255 bytes of each compared. */
static size_t distance_n(const char *a, const char *b, size_t lb)
{
    size_t la = strlen(a);
    la = la > 255 ? 255 : la;
    lb = lb > 255 ? 255 : lb;
    size_t rows[3][256], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* How far given (folded) is from a name (folded): the whole name, or a
 * stretch as long as given from the start of one of its words, whichever is
 * nearer ("asprin" is 2 from "aspirin for preventing death", "exampels
 * from fleiss" 2 from "examples from fleiss (1993)"). */
static size_t distance(const char *given, const char *name)
{
    size_t lg = strlen(given), best = distance_n(given, name, strlen(name));
    for (const char *w = name; *w; w++) {
        if (w != name && w[-1] != ' ')
            continue;
        size_t left = strlen(w), d = distance_n(given, w, left < lg ? left : lg);
        if (d < best)
            best = d;
    }
    return best;
}

/* The message for a name that means none of c: what it may have meant
 * (names that hold it, else names a few typing slips away), else every
 * name, whole names only. */
static int unknown(const cands *c, const char *use, const char *given, srw_error *err)
{
    int outcome = use != NULL;
    char msg[sizeof err->message];
    const char *hint = outcome ? " (`srw list outcomes` shows each with its id)" : " (`srw list uses` shows each with its id)";
    if (outcome)
        snprintf(msg, sizeof msg, "no outcome '%.120s' in use '%.120s'", given, use);
    else
        snprintf(msg, sizeof msg, "no use '%.120s' in the review", given);
    char *g = fold_dup(given);
    unsigned char *pick = calloc(c->n ? c->n : 1, 1);
    size_t n_pick = 0;
    if (g == NULL || pick == NULL) {
        free(g);
        free(pick);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    if (g[0] != '\0')
        for (size_t i = 0; i < c->n; i++)
            n_pick += pick[i] = strstr(c->items[i].fold, g) != NULL;
    if (n_pick == 0) {
        /* a slip in about every third character at most */
        size_t best = (size_t)-1, limit = strlen(g) / 3;
        for (size_t i = 0; i < c->n; i++) {
            size_t d = distance(g, c->items[i].fold);
            if (d <= limit && d < best)
                best = d;
        }
        for (size_t i = 0; best != (size_t)-1 && i < c->n; i++)
            n_pick += pick[i] = distance(g, c->items[i].fold) == best;
    }
    size_t len = strlen(msg);
    if (n_pick > 0) {
        snprintf(msg + len, sizeof msg - len, "; did you mean ");
        append_names(msg, sizeof msg, c, pick, outcome, "?");
        len = strlen(msg);
        snprintf(msg + len, sizeof msg - len, "%s", hint);
    } else if (c->n > 0) {
        snprintf(msg + len, sizeof msg - len, " (%s: ", outcome ? "outcomes" : "uses");
        append_names(msg, sizeof msg, c, NULL, outcome, ")");
    } else {
        snprintf(msg + len, sizeof msg - len, outcome ? " (the use has no outcomes)" : " (the review has no uses)");
    }
    free(g);
    free(pick);
    return SRW_FAIL(err, SRW_ENOTFOUND, "%s", msg);
}

/* "u12" or "o12" (any letter case): the id, else 0. */
static long long short_id(const char *given, char letter)
{
    if (given[0] != letter && given[0] != letter - 'a' + 'A')
        return 0;
    char *end = NULL;
    if (given[1] < '1' || given[1] > '9')
        return 0;
    long long id = strtoll(given + 1, &end, 10);
    return *end == '\0' ? id : 0;
}

/* What given means among c (see srw/store.h), into *out. */
static int resolve(srw_store *s, const cands *c, const char *use, const char *given, int prefix, char **out,
                   srw_error *err)
{
    int outcome = use != NULL;
    const cand *hit = NULL;
    for (size_t i = 0; hit == NULL && i < c->n; i++)
        if (strcmp(c->items[i].name, given) == 0)
            hit = &c->items[i];
    char *g = hit ? NULL : fold_dup(given);
    if (!hit && g == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    for (size_t i = 0; !hit && i < c->n; i++)
        if (strcmp(c->items[i].fold, g) == 0)
            hit = &c->items[i];
    /* "DMFT" for RevMan's "1.2 DMFT": the name without its number, when one
     * outcome only is so called */
    size_t n_bare = 0, bare_at = 0;
    for (size_t i = 0; !hit && i < c->n; i++)
        if (c->items[i].bare != c->items[i].fold && strcmp(c->items[i].bare, g) == 0)
            n_bare++, bare_at = i;
    if (!hit && n_bare == 1)
        hit = &c->items[bare_at];
    long long id = hit ? 0 : short_id(given, outcome ? 'o' : 'u');
    for (size_t i = 0; !hit && id > 0 && i < c->n; i++)
        if (c->items[i].id == id)
            hit = &c->items[i];
    if (!hit && id > 0 && outcome) {
        /* an outcome's id, of another use: say whose */
        sqlite3_stmt *st = NULL;
        if (srw_store_prepare(s, &st, "SELECT u.name FROM outcomes o JOIN uses u ON u.id = o.use_id WHERE o.id = ?1",
                              err) == 0) {
            sqlite3_bind_int64(st, 1, id);
            int found = sqlite3_step(st) == SQLITE_ROW;
            if (found)
                SRW_FAIL(err, SRW_ENOTFOUND, "outcome %s is an outcome of use '%.200s', not of '%.200s'", given,
                         (const char *)sqlite3_column_text(st, 0), use);
            sqlite3_finalize(st);
            if (found) {
                free(g);
                return SRW_ENOTFOUND;
            }
        }
    }
    for (size_t i = 0; !hit && outcome && i < c->n; i++)
        if (c->items[i].number != NULL && strcmp(c->items[i].number, given) == 0)
            hit = &c->items[i];
    if (!hit && prefix && g[0] != '\0') {
        unsigned char *pick = calloc(c->n ? c->n : 1, 1);
        size_t n_pick = 0, last = 0;
        if (pick == NULL) {
            free(g);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < c->n; i++)
            if ((pick[i] = strncmp(c->items[i].fold, g, strlen(g)) == 0 ||
                           strncmp(c->items[i].bare, g, strlen(g)) == 0) != 0)
                n_pick++, last = i;
        if (n_pick == 1) {
            hit = &c->items[last];
        } else if (n_pick > 1) {
            char msg[sizeof err->message];
            snprintf(msg, sizeof msg, "'%.100s' is the start of %zu %s: ", given, n_pick, outcome ? "outcomes" : "uses");
            append_names(msg, sizeof msg, c, pick, outcome, "; give more of the name, or its id");
            free(pick);
            free(g);
            return SRW_FAIL(err, SRW_EUSAGE, "%s", msg);
        }
        free(pick);
    }
    free(g);
    if (!hit)
        return unknown(c, use, given, err);
    if ((*out = strdup(hit->name)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 0;
}

int srw_store_find_use(srw_store *s, const char *given, int prefix, char **out, srw_error *err)
{
    cands c;
    *out = NULL;
    int rc = load_cands(s, NULL, &c, err);
    if (rc == 0)
        rc = resolve(s, &c, NULL, given ? given : "", prefix, out, err);
    cands_dispose(&c);
    return rc;
}

int srw_store_find_outcome(srw_store *s, const char *use, const char *given, int prefix, char **out,
                           srw_error *err)
{
    cands c;
    *out = NULL;
    int rc = load_cands(s, use, &c, err);
    if (rc == 0)
        rc = resolve(s, &c, use, given ? given : "", prefix, out, err);
    cands_dispose(&c);
    return rc;
}

int srw_store__unknown_name(srw_store *s, const char *use, const char *given, srw_error *err)
{
    cands c;
    int rc = load_cands(s, use, &c, err);
    if (rc == 0)
        rc = unknown(&c, use, given, err);
    cands_dispose(&c);
    return rc;
}
