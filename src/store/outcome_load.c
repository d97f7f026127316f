/* Loading outcomes for core: one (srw_store_load_outcome) or every outcome
 * of a review in one pass (srw_store_scan_*, src/store/scan.c: srw analyse
 * --all and srw report), through this one loader, so that the two cannot
 * differ.
 *
 * Where the time went (callgrind, 10,000 outcomes): compiling SQL again for
 * every outcome, then SQLite's per-row work: the analysed_records view's two
 * correlated subqueries cost more than reading the row itself, and the
 * ORDER BY a sort per outcome.  So the loader keeps its statements, reads
 * an outcome's records from the table when every result has one version
 * (below), sorts them itself, and skips the side tables (risk of bias,
 * RoB 2, GRADE overrides, stored analyses) the review holds nothing in. */
#include "store/outcome_load.h"
#include "util/grow.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The records' columns read by read_versions, from the table or the view:
 * the same eleven, then the numbers the outcome's type has.  The others
 * are NULL in every record (srw_record_validate forbids them), and not
 * reading them is most of a row's cost in SQLite: a column costs about as
 * much as a row's lookup. */
#define VERSION_HEAD "SELECT r.study_id, r.kind, s.label, r.subgroup, s.year, "
#define VERSION_TEXTS "r.source, r.notes"
#define VERSION_TAIL ", r.comparison, r.intervention, r.comparator, r.arm"
#define VERSION_FROM " r JOIN studies s ON s.id = r.study_id WHERE r.outcome_id = ?1"
#define N_HEAD 11

#define NUM(f) offsetof(srw_study_row, f)
/* By type (layout_of): the number columns and the srw_study_row field each
 * goes to. */
static const struct {
    const char *columns;
    int n;
    size_t at[10];
} layouts[LOADER_LAYOUTS] = {
    {", r.exp_events, r.exp_total, r.ctl_events, r.ctl_total FROM ",
     4,
     {NUM(exp_events), NUM(exp_total), NUM(ctl_events), NUM(ctl_total)}},
    {", r.exp_mean, r.exp_sd, r.exp_total, r.ctl_mean, r.ctl_sd, r.ctl_total FROM ",
     6,
     {NUM(exp_mean), NUM(exp_sd), NUM(exp_total), NUM(ctl_mean), NUM(ctl_sd), NUM(ctl_total)}},
    {", r.estimate, r.se, r.exp_total, r.ctl_total FROM ", 4, {NUM(estimate), NUM(se), NUM(exp_total), NUM(ctl_total)}},
    /* an outcome of no known type: every number, as the record holds it */
    {", r.exp_events, r.exp_total, r.ctl_events, r.ctl_total, r.exp_mean, r.exp_sd, r.ctl_mean, r.ctl_sd,"
     " r.estimate, r.se FROM ",
     10,
     {NUM(exp_events), NUM(exp_total), NUM(ctl_events), NUM(ctl_total), NUM(exp_mean), NUM(exp_sd), NUM(ctl_mean),
      NUM(ctl_sd), NUM(estimate), NUM(se)}}};
#undef NUM

static int layout_of(srw_outcome_type t)
{
    return t == SRW_TYPE_DICHOTOMOUS ? 0 : t == SRW_TYPE_CONTINUOUS ? 1 : t == SRW_TYPE_GENERIC ? 2 : 3;
}

/* The kept statement reading an outcome's versions in layout from the
 * records table or the analysed_records view. */
static int versions_stmt(loader *L, int layout, int view, sqlite3_stmt **out, srw_error *err)
{
    sqlite3_stmt **kept = view ? &L->analysed[layout] : &L->versions[layout];
    char sql[512] = "";
    if (*kept == NULL) /* else srw_store__kept resets it */
        snprintf(sql, sizeof sql, "%s%s%s%s%s%s", VERSION_HEAD, L->no_texts ? "NULL, NULL" : VERSION_TEXTS,
                 VERSION_TAIL, layouts[layout].columns, view ? "analysed_records" : "records", VERSION_FROM);
    int rc = srw_store__kept(L->s, kept, sql, err);
    *out = *kept;
    return rc;
}

int srw_store__loader_init(loader *L, srw_store *s, srw_error *err)
{
    memset(L, 0, sizeof *L);
    L->s = s;
    return srw_store__loader_refresh(L, err);
}

int srw_store__loader_refresh(loader *L, srw_error *err)
{
    /* single_ok is the analysed_records view's own condition on
     * single-reviewer extractions (src/store/store.c). */
    int rc = srw_store__kept(
        L->s, &L->flags,
        "SELECT coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') = 'allowed',"
        " EXISTS (SELECT 1 FROM rob), EXISTS (SELECT 1 FROM rob2), EXISTS (SELECT 1 FROM grade_overrides),"
        " EXISTS (SELECT 1 FROM analysis_settings), EXISTS (SELECT 1 FROM moderators)",
        err);
    if (rc)
        return rc;
    if (sqlite3_step(L->flags) != SQLITE_ROW) {
        rc = srw_store_fail(L->s, err, "cannot read the review's settings");
    } else {
        L->single_ok = sqlite3_column_int(L->flags, 0);
        L->any_rob = sqlite3_column_int(L->flags, 1);
        L->any_rob2 = sqlite3_column_int(L->flags, 2);
        L->any_overrides = sqlite3_column_int(L->flags, 3);
        L->any_stored = sqlite3_column_int(L->flags, 4);
        L->any_moderators = sqlite3_column_int(L->flags, 5);
    }
    sqlite3_reset(L->flags);
    return rc;
}

void srw_store__loader_dispose(loader *L)
{
    sqlite3_stmt *all[] = {L->awaiting, L->rob,  L->rob2,      L->overrides, L->stored,
                           L->flags,    L->head, L->mod_names, L->mod_value};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    for (int i = 0; i < LOADER_LAYOUTS; i++) {
        sqlite3_finalize(L->versions[i]);
        sqlite3_finalize(L->analysed[i]);
    }
    free(L->rob_map);
    free(L->v);
    memset(L, 0, sizeof *L);
}

static void version_free(version *v)
{
    free(v->label);
    free(v->subgroup);
    free(v->arm);
    for (int c = 0; c < 3; c++)
        free(v->cmp[c]);
    free(v->info.source);
    free(v->info.notes);
}

/* The rows of st (VERSION_HEAD to VERSION_TAIL, then layout's numbers)
 * into L->v: the number read, or negative. */
static long read_versions(loader *L, sqlite3_stmt *st, int layout, srw_error *err)
{
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (srw_grow((void **)&L->v, n, &L->cap_v, sizeof *L->v) != 0)
            goto oom;
        version *v = &L->v[n];
        memset(v, 0, sizeof *v);
        n++;
        v->study = sqlite3_column_int64(st, 0);
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        v->extraction = kind != NULL && strcmp(kind, "extraction") == 0;
        if ((v->label = srw_column_text_dup(st, 2)) == NULL)
            goto oom;
        v->subgroup = srw_column_text_dup(st, 3);
        v->info.year = sqlite3_column_int(st, 4);
        v->info.source = srw_column_text_dup(st, 5);
        v->info.notes = srw_column_text_dup(st, 6);
        for (int c = 0; c < 3; c++)
            v->cmp[c] = srw_column_text_dup(st, 7 + c);
        const char *arm = (const char *)sqlite3_column_text(st, 10);
        if (arm != NULL && arm[0] != '\0' && (v->arm = strdup(arm)) == NULL)
            goto oom;
        v->row.exp_events = v->row.exp_total = v->row.ctl_events = v->row.ctl_total = NAN;
        v->row.exp_mean = v->row.exp_sd = v->row.ctl_mean = v->row.ctl_sd = v->row.estimate = v->row.se = NAN;
        for (int c = 0; c < layouts[layout].n; c++)
            *(double *)((char *)&v->row + layouts[layout].at[c]) = srw_column_real(st, N_HEAD + c);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < n; i++)
            version_free(&L->v[i]);
        return srw_store_fail(L->s, err, "cannot load an outcome's records");
    }
    return (long)n;
oom:
    sqlite3_reset(st);
    for (size_t i = 0; i < n; i++)
        version_free(&L->v[i]);
    return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

static const char *arm_of(const version *v)
{
    return v->arm ? v->arm : "";
}

static int cmp_study(const void *a, const void *b)
{
    sqlite3_int64 x = ((const version *)a)->study, y = ((const version *)b)->study;
    return x != y ? (x > y) - (x < y) : strcmp(arm_of(a), arm_of(b));
}

/* Every version an extraction and no study (and arm) twice: each result has one
 * version.  Then, with single-reviewer extractions allowed, the
 * analysed_records view holds exactly these rows and awaiting_records none
 * of them (src/store/store.c defines both; tests/unit/test_scan.c holds the
 * scan to them); otherwise the loader reads the views.  Sorts by study. */
static int one_version_each(version *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i].extraction)
            return 0;
    qsort(v, n, sizeof *v, cmp_study);
    for (size_t i = 1; i < n; i++)
        if (v[i].study == v[i - 1].study && strcmp(arm_of(&v[i]), arm_of(&v[i - 1])) == 0)
            return 0;
    return 1;
}

/* RevMan sorts study IDs within subgroups: by subgroup (none first, as ''),
 * then label, then a study's arms; strcmp orders UTF-8 as SQLite's BINARY
 * collation does. */
static int cmp_row(const void *a, const void *b)
{
    const version *x = a, *y = b;
    int c = strcmp(x->subgroup ? x->subgroup : "", y->subgroup ? y->subgroup : "");
    if (c == 0)
        c = strcmp(x->label, y->label);
    return c ? c : strcmp(arm_of(x), arm_of(y));
}

/* "Botulinum toxin A vs placebo" and "Botulinum toxin B vs placebo" share
 * "Botulinum toxin vs placebo": the words both arms' names begin with, when
 * the comparators agree.  Otherwise *cmp becomes NULL. */
static void common_comparison(char **cmp, const char *other)
{
    const char *a = *cmp, *va = strstr(a, " vs "), *vb = strstr(other, " vs ");
    size_t word_end = 0;
    if (va != NULL && vb != NULL && strcmp(va, vb) == 0) {
        size_t la = (size_t)(va - a), lb = (size_t)(vb - other), n = la < lb ? la : lb, i = 0;
        for (; i < n && a[i] == other[i]; i++)
            if (a[i] == ' ')
                word_end = i;
        /* one name is the other's first words ("Botulinum toxin" in
         * "Botulinum toxin B"), or both are the same */
        if (i == n && (la == lb || (la > n ? a[n] : other[n]) == ' '))
            word_end = n;
    }
    char *joined = NULL;
    if (word_end > 0 && (joined = malloc(word_end + strlen(va) + 1)) != NULL) {
        memcpy(joined, a, word_end);
        strcpy(joined + word_end, va);
    }
    free(*cmp);
    *cmp = joined;
}

/* The outcome's comparison is the one every record shares, taken in the
 * rows' order; when records differ (type A and type B toxins in one
 * outcome) there is none, and writers fall back to neutral arm names. */
static void shared_comparison(srw_outcome_data *out, version *v, size_t n)
{
    char **shared[] = {&out->comparison, &out->intervention, &out->comparator};
    for (int c = 0; c < 3; c++) {
        *shared[c] = n > 0 ? v[0].cmp[c] : NULL;
        if (n > 0)
            v[0].cmp[c] = NULL;
    }
    for (size_t i = 1; i < n; i++)
        for (int c = 0; c < 3; c++) {
            const char *x = v[i].cmp[c];
            if (*shared[c] != NULL && (x == NULL || strcmp(*shared[c], x) != 0)) {
                if (c == 0 && x != NULL)
                    common_comparison(shared[c], x);
                else {
                    free(*shared[c]);
                    *shared[c] = NULL;
                }
            }
        }
}

/* The sorted versions become out's rows (their strings move to out). */
static int take_rows(srw_outcome_data *out, version *v, size_t n)
{
    size_t cap = n ? n : 1;
    out->rows = calloc(cap, sizeof *out->rows);
    out->info = calloc(cap, sizeof *out->info);
    out->strings = calloc(2 * cap, sizeof *out->strings);
    if (!out->rows || !out->info || !out->strings)
        return -1;
    shared_comparison(out, v, n);
    for (size_t i = 0; i < n; i++) {
        out->rows[i] = v[i].row;
        out->info[i] = v[i].info;
        out->rows[i].study = out->strings[out->n_strings++] = v[i].label;
        if (v[i].subgroup)
            out->rows[i].subgroup = out->strings[out->n_strings++] = v[i].subgroup;
        out->info[i].arm = v[i].arm;
        v[i].label = v[i].subgroup = v[i].arm = NULL;
        v[i].info.source = v[i].info.notes = NULL;
        for (int c = 0; c < 3; c++) {
            free(v[i].cmp[c]);
            v[i].cmp[c] = NULL;
        }
        out->set.k = i + 1;
    }
    out->set.type = out->type;
    out->set.rows = out->rows;
    return 0;
}

static int cmp_rob(const void *a, const void *b)
{
    sqlite3_int64 x = ((const rob_entry *)a)->study, y = ((const rob_entry *)b)->study;
    return (x > y) - (x < y);
}

/* RoB 1 judgements (analysed_rob) of the studies of use_or_outcome's
 * records into L->rob_map, sorted by study. */
int srw_store__load_rob(loader *L, sqlite3_int64 id, srw_error *err)
{
    L->n_rob = 0;
    if (!L->any_rob)
        return 0;
    int rc = srw_store__kept(L->s, &L->rob,
                             L->rob_of_use
                                 ? "SELECT b.study_id, b.domain, b.judgement FROM analysed_rob b WHERE b.study_id IN"
                                   " (SELECT r.study_id FROM records r JOIN outcomes o ON o.id = r.outcome_id"
                                   "  WHERE o.use_id = ?1) ORDER BY b.study_id"
                                 : "SELECT b.study_id, b.domain, b.judgement FROM analysed_rob b WHERE b.study_id IN"
                                   " (SELECT r.study_id FROM records r WHERE r.outcome_id = ?1) ORDER BY b.study_id",
                             err);
    if (rc)
        return rc;
    sqlite3_stmt *st = L->rob;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 study = sqlite3_column_int64(st, 0);
        if (L->n_rob == 0 || L->rob_map[L->n_rob - 1].study != study) {
            if (srw_grow((void **)&L->rob_map, L->n_rob, &L->cap_rob, sizeof *L->rob_map) != 0) {
                sqlite3_reset(st);
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            }
            memset(&L->rob_map[L->n_rob], 0, sizeof *L->rob_map);
            L->rob_map[L->n_rob++].study = study;
        }
        const char *dom = (const char *)sqlite3_column_text(st, 1);
        srw_rob_judgement j = srw_rob_judgement_parse((const char *)sqlite3_column_text(st, 2));
        for (int d = 0; dom != NULL && d < SRW_ROB_N; d++)
            if (strcmp(srw_rob_domain_column((srw_rob_domain)d), dom) == 0)
                L->rob_map[L->n_rob - 1].rob[d] = j;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : srw_store_fail(L->s, err, "cannot load risk-of-bias judgements");
}

/* The side tables of one outcome: RoB 1 (from L->rob_map), RoB 2, records
 * awaiting reconciliation, GRADE overrides and the stored analysis. */
static int load_side(loader *L, sqlite3_int64 oid, const sqlite3_int64 *study, int one_each,
                     srw_outcome_data *out, srw_error *err)
{
    size_t k = out->set.k;
    int rc;
    for (size_t i = 0; L->n_rob > 0 && i < k; i++) {
        rob_entry key = {.study = study[i]};
        const rob_entry *e = bsearch(&key, L->rob_map, L->n_rob, sizeof key, cmp_rob);
        if (e != NULL)
            memcpy(out->info[i].rob, e->rob, sizeof e->rob);
    }
    if (L->any_rob2) {
        if ((rc = srw_store__kept(L->s, &L->rob2,
                                  "SELECT b.study_id, b.domain, b.judgement FROM analysed_rob2 b WHERE b.outcome_id = ?1",
                                  err)) != 0)
            return rc;
        sqlite3_bind_int64(L->rob2, 1, oid);
        while ((rc = sqlite3_step(L->rob2)) == SQLITE_ROW) {
            sqlite3_int64 sid = sqlite3_column_int64(L->rob2, 0);
            int item = srw_rob2_item_parse((const char *)sqlite3_column_text(L->rob2, 1));
            srw_rob2_judgement j = srw_rob2_judgement_parse((const char *)sqlite3_column_text(L->rob2, 2));
            for (size_t i = 0; item >= 0 && i < k; i++)
                if (study[i] == sid)
                    out->info[i].rob2[item] = j;
        }
        sqlite3_reset(L->rob2);
        if (rc != SQLITE_DONE)
            return srw_store_fail(L->s, err, "cannot load RoB 2 judgements");
    }
    /* Studies whose extractions still wait for a third reviewer's decision
     * (two or more reviewers, no adjudication): not in the rows above. */
    if (!one_each) {
        if ((rc = srw_store__kept(L->s, &L->awaiting, "SELECT count(*) FROM awaiting_records WHERE outcome_id = ?1",
                                  err)) != 0)
            return rc;
        sqlite3_bind_int64(L->awaiting, 1, oid);
        rc = sqlite3_step(L->awaiting);
        if (rc == SQLITE_ROW)
            out->n_awaiting = (size_t)sqlite3_column_int64(L->awaiting, 0);
        sqlite3_reset(L->awaiting);
        if (rc != SQLITE_ROW)
            return srw_store_fail(L->s, err, "cannot count records awaiting reconciliation");
    }
    if (L->any_overrides) {
        if ((rc = srw_store__kept(L->s, &L->overrides,
                                  "SELECT domain, downgrade, reason, source FROM grade_overrides WHERE outcome_id = ?1"
                                  " ORDER BY domain",
                                  err)) != 0)
            return rc;
        sqlite3_stmt *st = L->overrides;
        sqlite3_bind_int64(st, 1, oid);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            srw_stored_override *o = realloc(out->overrides, (out->n_overrides + 1) * sizeof *o);
            if (o == NULL) {
                sqlite3_reset(st);
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            }
            out->overrides = o;
            o = &o[out->n_overrides];
            snprintf(o->domain, sizeof o->domain, "%s", (const char *)sqlite3_column_text(st, 0));
            o->downgrade = sqlite3_column_int(st, 1);
            o->reason = srw_column_text_dup(st, 2);
            o->source = srw_column_text_dup(st, 3);
            out->n_overrides++;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return srw_store_fail(L->s, err, "cannot load GRADE overrides");
    }
    return L->any_stored ? srw_store__load_stored(L->s, &L->stored, oid, &out->stored, err) : 0;
}

/* The moderators of the outcome's studies (and arms): their names, sorted,
 * and each row's value.  A study's value without an arm serves each of its
 * arms that has none of its own. */
static int load_moderators(loader *L, sqlite3_int64 oid, const sqlite3_int64 *study, srw_outcome_data *out,
                           srw_error *err)
{
    if (!L->any_moderators)
        return 0;
    int rc = srw_store__kept(L->s, &L->mod_names,
                             "SELECT DISTINCT m.name FROM moderators m WHERE m.study_id IN"
                             " (SELECT study_id FROM analysed_records WHERE outcome_id = ?1) ORDER BY m.name",
                             err);
    if (rc)
        return rc;
    sqlite3_stmt *st = L->mod_names;
    sqlite3_bind_int64(st, 1, oid);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char **p = realloc(out->moderators, (out->n_moderators + 1) * sizeof *p);
        if (p == NULL || (p[out->n_moderators] = srw_column_text_dup(st, 0)) == NULL) {
            if (p != NULL)
                out->moderators = p;
            sqlite3_reset(st);
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        }
        out->moderators = p;
        out->n_moderators++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return srw_store_fail(L->s, err, "cannot load moderators");
    if (out->n_moderators == 0 || out->set.k == 0)
        return 0;
    size_t k = out->set.k, n = out->n_moderators;
    if ((out->moderator_values = calloc(k * n, sizeof *out->moderator_values)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    if ((rc = srw_store__kept(L->s, &L->mod_value,
                              "SELECT value FROM moderators WHERE study_id = ?1 AND name = ?2 AND arm IN (?3, '')"
                              " ORDER BY arm = '' LIMIT 1",
                              err)) != 0)
        return rc;
    st = L->mod_value;
    for (size_t i = 0; i < k; i++)
        for (size_t m = 0; m < n; m++) {
            sqlite3_bind_int64(st, 1, study[i]);
            sqlite3_bind_text(st, 2, out->moderators[m], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, out->info[i].arm ? out->info[i].arm : "", -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            int oom = rc == SQLITE_ROW && (out->moderator_values[i * n + m] = srw_column_text_dup(st, 0)) == NULL;
            sqlite3_reset(st);
            if (oom)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return srw_store_fail(L->s, err, "cannot load moderators");
        }
    return 0;
}

int srw_store__fill_head(srw_outcome_data *out, sqlite3_stmt *st, const char *use)
{
    out->use = strdup(use);
    out->outcome = srw_column_text_dup(st, 1);
    out->type = srw_outcome_type_parse((const char *)sqlite3_column_text(st, 2));
    out->direction = srw_direction_parse((const char *)sqlite3_column_text(st, 3));
    out->unit = srw_column_text_dup(st, 4);
    out->mid = srw_column_real(st, 5);
    out->mid_source = srw_column_text_dup(st, 6);
    out->measure = srw_column_text_dup(st, 7);
    out->indirectness = sqlite3_column_int(st, 8);
    out->indirectness_reason = srw_column_text_dup(st, 9);
    out->indirectness_source = srw_column_text_dup(st, 10);
    return out->use == NULL || out->outcome == NULL ? -1 : 0;
}

/* Everything below the outcome's row: its analysed records in RevMan's
 * order and the side tables.  out's head is filled; disposed on failure. */
int srw_store__load_body(loader *L, sqlite3_int64 oid, srw_outcome_data *out, srw_error *err)
{
    L->one_each = 0;
    sqlite3_int64 *study = NULL;
    int layout = layout_of(out->type);
    sqlite3_stmt *st;
    int rc = versions_stmt(L, layout, 0, &st, err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(st, 1, oid);
    long n = read_versions(L, st, layout, err);
    if (n < 0) {
        rc = (int)n;
        goto fail;
    }
    int one_each = L->one_each = L->single_ok && one_version_each(L->v, (size_t)n);
    if (!one_each) {
        for (long i = 0; i < n; i++)
            version_free(&L->v[i]);
        if ((rc = versions_stmt(L, layout, 1, &st, err)) != 0)
            goto fail;
        sqlite3_bind_int64(st, 1, oid);
        if ((n = read_versions(L, st, layout, err)) < 0) {
            rc = (int)n;
            goto fail;
        }
    }
    qsort(L->v, (size_t)n, sizeof *L->v, cmp_row);
    if ((study = malloc(((size_t)n + 1) * sizeof *study)) == NULL)
        goto oom_versions;
    for (long i = 0; i < n; i++)
        study[i] = L->v[i].study;
    if (take_rows(out, L->v, (size_t)n) != 0)
        goto oom_versions;
    if ((rc = load_side(L, oid, study, one_each, out, err)) != 0 ||
        (rc = load_moderators(L, oid, study, out, err)) != 0)
        goto fail;
    free(study);
    return 0;
oom_versions:
    for (long i = 0; i < n; i++)
        version_free(&L->v[i]);
    rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
fail:
    free(study);
    srw_outcome_data_dispose(out);
    return rc;
}

void srw_store__outcome_loader_free(loader *L)
{
    if (L == NULL)
        return;
    srw_store__loader_dispose(L);
    free(L);
}

/* One outcome through the loader the store keeps (its statements stay
 * prepared from call to call: srw verify loads every analysis so); what
 * the review holds is read again each time, as writes may come between. */
int srw_store_load_outcome(srw_store *s, const char *use, const char *outcome, srw_outcome_data *out,
                           srw_error *err)
{
    memset(out, 0, sizeof *out);
    loader *L = s->outcome_loader;
    if (L == NULL) {
        if ((L = calloc(1, sizeof *L)) == NULL)
            return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        L->s = s;
        s->outcome_loader = L;
    }
    int rc = srw_store__loader_refresh(L, err);
    if (rc == 0)
        rc = srw_store__kept(s, &L->head,
                             OUTCOME_COLUMNS " JOIN uses u ON u.id = o.use_id WHERE u.name = ?1 AND o.name = ?2", err);
    if (rc)
        return rc;
    sqlite3_stmt *st = L->head;
    sqlite3_bind_text(st, 1, use, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, outcome, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return srw_store_fail(s, err, "cannot load an outcome");
        srw_name_list l = {0};
        int known_use = 0;
        if (srw_store_use_names(s, &l, NULL) == 0)
            for (size_t i = 0; i < l.n; i++)
                known_use |= strcmp(l.names[i], use) == 0;
        srw_name_list_dispose(&l);
        return known_use ? srw_store__not_found(s, err, "outcome", outcome, use)
                         : srw_store__not_found(s, err, "use", use, NULL);
    }
    sqlite3_int64 oid = sqlite3_column_int64(st, 0);
    int filled = srw_store__fill_head(out, st, use);
    sqlite3_reset(st);
    if (filled != 0) {
        srw_outcome_data_dispose(out);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    if ((rc = srw_store__load_rob(L, oid, err)) != 0) {
        srw_outcome_data_dispose(out);
        return rc;
    }
    return srw_store__load_body(L, oid, out, err);
}
