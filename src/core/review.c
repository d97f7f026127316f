/* Releasing the loaded review data: see include/srw/review.h.  Pure memory
 * functions, here so that core can take the types without the store. */
#include "srw/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srw_outcome_data_dispose(srw_outcome_data *d)
{
    if (d == NULL)
        return;
    char *own[] = {d->use,        d->outcome,    d->unit, d->mid_source, d->measure, d->indirectness_reason,
                   d->indirectness_source, d->comparison, d->intervention, d->comparator, d->stored.source};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        free(own[i]);
    for (size_t i = 0; i < d->n_strings; i++)
        free(d->strings[i]);
    if (d->info)
        for (size_t i = 0; i < d->set.k; i++) {
            free(d->info[i].source);
            free(d->info[i].notes);
            free(d->info[i].arm);
        }
    for (size_t i = 0; d->moderator_values != NULL && i < d->set.k * d->n_moderators; i++)
        free(d->moderator_values[i]);
    free(d->moderator_values);
    for (size_t i = 0; i < d->n_moderators; i++)
        free(d->moderators[i]);
    free(d->moderators);
    for (size_t i = 0; i < d->n_notes; i++)
        free(d->notes[i]);
    free(d->notes);
    for (size_t i = 0; i < d->n_overrides; i++) {
        free(d->overrides[i].reason);
        free(d->overrides[i].source);
    }
    free(d->overrides);
    free(d->strings);
    free(d->rows);
    free(d->info);
    memset(d, 0, sizeof *d);
}

static int dup_into(char **out, const char *s)
{
    *out = NULL;
    return s == NULL || (*out = strdup(s)) != NULL ? 0 : -1;
}

int srw_outcome_data_copy_head(srw_outcome_data *out, const srw_outcome_data *d)
{
    memset(out, 0, sizeof *out);
    out->type = d->type;
    out->direction = d->direction;
    out->mid = d->mid;
    out->indirectness = d->indirectness;
    out->n_awaiting = d->n_awaiting;
    out->stored = d->stored;
    out->set.type = d->set.type;
    int rc = dup_into(&out->use, d->use) | dup_into(&out->outcome, d->outcome) | dup_into(&out->unit, d->unit) |
             dup_into(&out->mid_source, d->mid_source) | dup_into(&out->measure, d->measure) |
             dup_into(&out->indirectness_reason, d->indirectness_reason) |
             dup_into(&out->indirectness_source, d->indirectness_source) |
             dup_into(&out->comparison, d->comparison) | dup_into(&out->intervention, d->intervention) |
             dup_into(&out->comparator, d->comparator) | dup_into(&out->stored.source, d->stored.source);
    if (rc == 0 && d->n_overrides > 0) {
        if ((out->overrides = calloc(d->n_overrides, sizeof *out->overrides)) == NULL)
            rc = -1;
        for (size_t i = 0; rc == 0 && i < d->n_overrides; i++, out->n_overrides++) {
            out->overrides[i] = d->overrides[i];
            rc = dup_into(&out->overrides[i].reason, d->overrides[i].reason) |
                 dup_into(&out->overrides[i].source, d->overrides[i].source);
        }
    }
    if (rc == 0 && d->n_moderators > 0) {
        if ((out->moderators = calloc(d->n_moderators, sizeof *out->moderators)) == NULL)
            rc = -1;
        for (size_t i = 0; rc == 0 && i < d->n_moderators; i++, out->n_moderators++)
            rc = dup_into(&out->moderators[i], d->moderators[i]);
    }
    if (rc != 0)
        srw_outcome_data_dispose(out);
    return rc;
}

long srw_outcome_moderator(const srw_outcome_data *d, const char *name)
{
    if (name == NULL)
        return -1;
    const char *bare = strncmp(name, "mod_", 4) == 0 ? name + 4 : name;
    for (size_t m = 0; d != NULL && m < d->n_moderators; m++)
        if (strcmp(d->moderators[m], bare) == 0)
            return (long)m;
    return strcmp(name, "year") == 0 ? SRW_MODERATOR_YEAR : -1;
}

const char *srw_outcome_moderator_value(const srw_outcome_data *d, size_t i, long m, char *buf, size_t n)
{
    if (m == SRW_MODERATOR_YEAR) {
        if (d->info == NULL || d->info[i].year == 0)
            return NULL;
        snprintf(buf, n, "%d", d->info[i].year);
        return buf;
    }
    if (m < 0 || (size_t)m >= d->n_moderators || d->moderator_values == NULL)
        return NULL;
    return d->moderator_values[i * d->n_moderators + (size_t)m];
}

void srw_use_info_dispose(srw_use_info *u)
{
    if (u == NULL)
        return;
    char *own[] = {u->name,  u->description, u->primary_outcome, u->mid_measure, u->mid_source,
                   u->notes, u->source,      u->primary_source,  u->large_source, u->search_date};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        free(own[i]);
    for (size_t i = 0; i < u->n_comparisons; i++)
        free(u->comparisons[i]);
    free(u->comparisons);
    for (size_t i = 0; i < u->n_outcome_settings; i++)
        srw_outcome_settings_dispose(&u->outcome_settings[i]);
    free(u->outcome_settings);
    memset(u, 0, sizeof *u);
}

void srw_published_list_dispose(srw_published_list *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n; i++)
        srw_published_dispose(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}
