/* Releasing the loaded review data: see include/srw/review.h.  Pure memory
 * functions, here so that core can take the types without the store. */
#include "srw/review.h"

#include <stdlib.h>
#include <string.h>

void srw_outcome_data_dispose(srw_outcome_data *d)
{
    if (d == NULL)
        return;
    char *own[] = {d->use, d->outcome, d->unit, d->mid_source, d->measure, d->indirectness_reason,
                   d->comparison, d->intervention, d->comparator, d->stored.source};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        free(own[i]);
    for (size_t i = 0; i < d->n_strings; i++)
        free(d->strings[i]);
    if (d->info)
        for (size_t i = 0; i < d->set.k; i++) {
            free(d->info[i].source);
            free(d->info[i].notes);
        }
    for (size_t i = 0; i < d->n_overrides; i++)
        free(d->overrides[i].reason);
    free(d->overrides);
    free(d->strings);
    free(d->rows);
    free(d->info);
    memset(d, 0, sizeof *d);
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
