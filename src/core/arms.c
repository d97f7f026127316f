/* The rows an analysis pools: multi-arm studies combined, split or kept
 * row by row, and the subgrouping variable chosen (include/srw/arms.h,
 * where the formulas and their sources are). */
#include "srw/arms.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int srw_arms_needed(const srw_outcome_data *d, const char *subgroup_by)
{
    if (subgroup_by != NULL && strcmp(subgroup_by, "subgroup") != 0)
        return 1;
    for (size_t i = 0; d != NULL && d->info != NULL && i < d->set.k; i++)
        if (d->info[i].arm != NULL && d->info[i].arm[0] != '\0')
            return 1;
    return 0;
}

/* One input row as the preparation sees it. */
typedef struct item {
    size_t row;
    const char *label, *sg, *arm; /* sg: the subgroup it falls in, NULL none */
} item;

static int cmp_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_item(const void *x, const void *y)
{
    const item *a = x, *b = y;
    int c = strcmp(a->label, b->label);
    if (c == 0)
        c = cmp_text(a->sg, b->sg);
    if (c == 0)
        c = cmp_text(a->arm, b->arm);
    return c != 0 ? c : (a->row > b->row) - (a->row < b->row);
}

/* One output row: the group of input items it pools (items[first ..
 * first + n) of one study, the arms together) and its control's divisor. */
typedef struct group {
    size_t first, n;
    double divisor;
    const char *sg;
    char *label; /* owned until moved into the output */
} group;

static int cmp_group(const void *x, const void *y)
{
    const group *a = x, *b = y;
    int c = cmp_text(a->sg, b->sg);
    return c != 0 ? c : strcmp(a->label, b->label);
}

static int same_control(const srw_study_row *a, const srw_study_row *b, srw_outcome_type t)
{
#define SAME(f) ((isnan(a->f) && isnan(b->f)) || a->f == b->f)
    if (t == SRW_TYPE_DICHOTOMOUS)
        return SAME(ctl_events) && SAME(ctl_total);
    return SAME(ctl_mean) && SAME(ctl_sd) && SAME(ctl_total);
#undef SAME
}

/* Handbook Table 6.5.a: two groups' N, mean and SD as one. */
static void combine_means(double *n1, double *m1, double *s1, double n2, double m2, double s2)
{
    double n = *n1 + n2, m = (*n1 * *m1 + n2 * m2) / n;
    double v = ((*n1 - 1.0) * *s1 * *s1 + (n2 - 1.0) * s2 * s2 + *n1 * n2 / n * (*m1 - m2) * (*m1 - m2)) / (n - 1.0);
    *n1 = n, *m1 = m, *s1 = sqrt(v);
}

/* The items' arms into buf, sep between them and last before the last:
 * "a, b and c" (", ", " and "), "a + b + c" (" + ", " + "). */
static void arm_list(char *buf, size_t n, const item *it, size_t k, const char *sep, const char *last)
{
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++)
        srw_core__appendf(buf, n, "%s%s", i == 0 ? "" : i + 1 == k ? last : sep, it[i].arm ? it[i].arm : "-");
}

static int add_note(srw_outcome_data *out, const char *text)
{
    char **p = realloc(out->notes, (out->n_notes + 1) * sizeof *p);
    if (p == NULL)
        return -1;
    out->notes = p;
    if ((p[out->n_notes] = strdup(text)) == NULL)
        return -1;
    out->n_notes++;
    return 0;
}

/* The groups of one study's items it[0..k): how its arms are pooled,
 * appended to g (room for k), and a note when it has several arms. */
static int study_groups(srw_outcome_data *out, const srw_outcome_data *in, const item *it, size_t first, size_t k,
                        srw_multi_arm mode, group *g, size_t *n_g)
{
    const item *s = it + first;
    int arms = 0;
    for (size_t i = 0; i < k; i++)
        arms |= s[i].arm != NULL && s[i].arm[0] != '\0';
    size_t g0 = *n_g;
    if (!arms || k == 1) {
        for (size_t i = 0; i < k; i++)
            g[(*n_g)++] = (group){first + i, 1, 1.0, s[i].sg, NULL};
        return 0;
    }
    char why[300] = "", list[600], note[1400];
    int ok = in->type != SRW_TYPE_GENERIC;
    for (size_t i = 1; ok && i < k; i++)
        ok = same_control(&in->rows[s[0].row], &in->rows[s[i].row], in->type);
    if (mode != SRW_MULTI_ARM_SEPARATE && !ok)
        snprintf(why, sizeof why, "%s",
                 in->type == SRW_TYPE_GENERIC ? "its arms' generic estimates cannot be combined or split (the shared "
                                                "control is inside each estimate)"
                                              : "its arms give different control groups, so they cannot be "
                                                "combined or split");
    srw_multi_arm m = why[0] ? SRW_MULTI_ARM_SEPARATE : mode;
    if (m == SRW_MULTI_ARM_COMBINE) {
        for (size_t i = 0; i < k;) { /* one group per subgroup the arms fall in */
            size_t j = i + 1;
            while (j < k && cmp_text(s[j].sg, s[i].sg) == 0)
                j++;
            g[(*n_g)++] = (group){first + i, j - i, 1.0, s[i].sg, NULL};
            i = j;
        }
    } else {
        for (size_t i = 0; i < k; i++)
            g[(*n_g)++] = (group){first + i, 1, 1.0, s[i].sg, NULL};
    }
    size_t n = *n_g - g0;
    for (size_t i = g0; i < *n_g && m != SRW_MULTI_ARM_SEPARATE; i++)
        g[i].divisor = (double)n;
    arm_list(list, sizeof list, s, k, ", ", " and ");
    const char *label = s[0].label;
    if (m == SRW_MULTI_ARM_COMBINE && n == 1)
        snprintf(note, sizeof note, "%s: arms %s combined into one intervention group (Cochrane Handbook Table 6.5.a)",
                 label, list);
    else if (m == SRW_MULTI_ARM_COMBINE)
        snprintf(note, sizeof note,
                 "%s: arms %s combined within each subgroup; the %zu subgroups' comparisons share the control, "
                 "its participants%s divided between them (Cochrane Handbook 23.3.4)",
                 label, list, n, in->type == SRW_TYPE_DICHOTOMOUS ? " and events" : "");
    else if (m == SRW_MULTI_ARM_SPLIT)
        snprintf(note, sizeof note,
                 "%s: arms %s each compared with the control, its participants%s divided between the %zu "
                 "comparisons (Cochrane Handbook 23.3.4)",
                 label, list, in->type == SRW_TYPE_DICHOTOMOUS ? " and events" : "", n);
    else
        snprintf(note, sizeof note,
                 "%s: arms %s each pooled as given%s%s, as RevMan 5 pools a study's rows: a control they share is "
                 "counted %zu times (a unit-of-analysis error, Cochrane Handbook 23.3.4%s)",
                 label, list, why[0] ? ": " : "", why, n,
                 why[0] ? "" : "; --multi-arm combine or split avoids it");
    return add_note(out, note);
}

/* The group's label: the study's, or "Study (arm)", "Study (a + b)" when
 * the study's arms make several comparisons. */
static char *group_label(const group *gr, const item *it, int several)
{
    char buf[1200], list[800];
    if (!several || it[gr->first].arm == NULL || it[gr->first].arm[0] == '\0')
        return strdup(it[gr->first].label);
    arm_list(list, sizeof list, it + gr->first, gr->n, " + ", " + ");
    snprintf(buf, sizeof buf, "%s (%s)", it[gr->first].label, list);
    return strdup(buf);
}

/* The pooled row of a group. */
static srw_study_row group_row(const srw_outcome_data *in, const item *it, const group *gr)
{
    srw_study_row r = in->rows[it[gr->first].row];
    for (size_t i = 1; i < gr->n; i++) {
        const srw_study_row *x = &in->rows[it[gr->first + i].row];
        if (in->type == SRW_TYPE_DICHOTOMOUS) {
            r.exp_events += x->exp_events;
            r.exp_total += x->exp_total;
        } else {
            combine_means(&r.exp_total, &r.exp_mean, &r.exp_sd, x->exp_total, x->exp_mean, x->exp_sd);
        }
    }
    if (gr->divisor > 1.0) {
        r.ctl_total /= gr->divisor;
        if (in->type == SRW_TYPE_DICHOTOMOUS)
            r.ctl_events /= gr->divisor;
    }
    return r;
}

/* The subgroup value of each row: the records' subgroup, or variable m. */
static int subgroups_of(item *it, const srw_outcome_data *in, long m, int own, char (*years)[16])
{
    for (size_t i = 0; i < in->set.k; i++) {
        it[i].row = i;
        it[i].label = in->rows[i].study ? in->rows[i].study : "";
        it[i].arm = in->info ? in->info[i].arm : NULL;
        if (own) {
            const char *sg = in->rows[i].subgroup;
            it[i].sg = sg != NULL && sg[0] != '\0' ? sg : NULL;
        } else {
            it[i].sg = srw_outcome_moderator_value(in, i, m, years[i], sizeof years[i]);
        }
    }
    return 0;
}

/* The output's arrays for n rows. */
static int alloc_rows(srw_outcome_data *out, size_t n)
{
    size_t c = n ? n : 1;
    out->rows = calloc(c, sizeof *out->rows);
    out->info = calloc(c, sizeof *out->info);
    out->strings = calloc(2 * c, sizeof *out->strings);
    if (out->n_moderators > 0)
        out->moderator_values = calloc(c * out->n_moderators, sizeof *out->moderator_values);
    return out->rows && out->info && out->strings && (out->n_moderators == 0 || out->moderator_values) ? 0 : -1;
}

/* Output row j from group gr: its row, label, subgroup, info and
 * moderator values. */
static int fill_row(srw_outcome_data *out, size_t j, const srw_outcome_data *in, const item *it, group *gr)
{
    static const srw_study_info none;
    const srw_study_info *src = in->info != NULL ? &in->info[it[gr->first].row] : &none;
    srw_study_info *dst = &out->info[j];
    out->rows[j] = group_row(in, it, gr);
    out->rows[j].study = out->strings[out->n_strings++] = gr->label;
    gr->label = NULL;
    out->rows[j].subgroup = NULL;
    if (gr->sg != NULL) {
        char *sg = strdup(gr->sg);
        if (sg == NULL)
            return -1;
        out->rows[j].subgroup = out->strings[out->n_strings++] = sg;
    }
    *dst = *src;
    dst->source = dst->notes = dst->arm = NULL;
    out->set.k = j + 1; /* so that dispose frees what this row holds */
    char arms[800];
    arm_list(arms, sizeof arms, it + gr->first, gr->n, " + ", " + ");
    if ((src->source && !(dst->source = strdup(src->source))) || (src->notes && !(dst->notes = strdup(src->notes))) ||
        (it[gr->first].arm && it[gr->first].arm[0] && !(dst->arm = strdup(arms))))
        return -1;
    for (size_t m = 0; m < out->n_moderators; m++) {
        const char *v = in->moderator_values[it[gr->first].row * in->n_moderators + m];
        for (size_t i = 1; v != NULL && i < gr->n; i++) {
            const char *w = in->moderator_values[it[gr->first + i].row * in->n_moderators + m];
            if (w == NULL || strcmp(v, w) != 0)
                v = NULL; /* the arms combined differ: no one value */
        }
        if (v != NULL && (out->moderator_values[j * out->n_moderators + m] = strdup(v)) == NULL)
            return -1;
    }
    return 0;
}

static int unknown_variable(const srw_outcome_data *in, const char *by, srw_error *err)
{
    char names[400] = "subgroup, year";
    for (size_t m = 0; m < in->n_moderators; m++)
        srw_core__appendf(names, sizeof names, ", %s", in->moderators[m]);
    return SRW_FAIL(err, SRW_EUSAGE, "--subgroup %s: outcome '%s' of '%s' has no such variable (it has: %s)", by,
                    in->outcome ? in->outcome : "?", in->use ? in->use : "?", names);
}

int srw_arms_prepare(srw_outcome_data *out, const srw_outcome_data *in, srw_multi_arm mode, const char *subgroup_by,
                     srw_error *err)
{
    memset(out, 0, sizeof *out);
    int own = subgroup_by == NULL || strcmp(subgroup_by, "subgroup") == 0;
    long var = own ? -1 : srw_outcome_moderator(in, subgroup_by);
    if (!own && var == -1)
        return unknown_variable(in, subgroup_by, err);
    if (mode == SRW_MULTI_ARM_DEFAULT)
        mode = SRW_MULTI_ARM_COMBINE;
    size_t k = in->set.k, n_g = 0;
    item *it = calloc(k ? k : 1, sizeof *it);
    group *g = calloc(k ? k : 1, sizeof *g);
    char(*years)[16] = calloc(k ? k : 1, sizeof *years);
    int rc = 0;
    if (it == NULL || g == NULL || years == NULL || srw_outcome_data_copy_head(out, in) != 0) {
        rc = -1;
        goto done;
    }
    subgroups_of(it, in, var, own, years);
    qsort(it, k, sizeof *it, cmp_item);
    for (size_t i = 0; rc == 0 && i < k;) {
        size_t j = i + 1, g0 = n_g;
        while (j < k && strcmp(it[j].label, it[i].label) == 0)
            j++;
        rc = study_groups(out, in, it, i, j - i, mode, g, &n_g);
        for (size_t x = g0; rc == 0 && x < n_g; x++)
            if ((g[x].label = group_label(&g[x], it, n_g - g0 > 1)) == NULL)
                rc = -1;
        i = j;
    }
    if (rc != 0)
        goto done;
    qsort(g, n_g, sizeof *g, cmp_group); /* as the store loads rows: subgroup, then label */
    if (alloc_rows(out, n_g) != 0) {
        rc = -1;
        goto done;
    }
    for (size_t j = 0; rc == 0 && j < n_g; j++)
        rc = fill_row(out, j, in, it, &g[j]);
    out->set.type = in->set.type;
    out->set.k = n_g;
    out->set.rows = out->rows;
done:
    for (size_t x = 0; g != NULL && x < n_g; x++)
        free(g[x].label);
    free(it);
    free(g);
    free(years);
    if (rc != 0) {
        srw_outcome_data_dispose(out);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    return 0;
}
