/* The effect measures, one table (SRW_MEASURE_TABLE in include/srw/effect.h)
 * and everything read from it: names, parsing, scale, the type each fits,
 * the type's default, RevMan's names and the lists that help and errors
 * show. */
#include "srw/effect.h"

#include <string.h>

#include "core/text.h"

static const srw_measure_info table[] = {
#define SRW_X_MEASURE(id, name, type, scale, dflt, label, revman)                                          \
    {id, name, SRW_TYPE_##type, SRW_SCALE_##scale, dflt, label, revman},
    SRW_MEASURE_TABLE(SRW_X_MEASURE)
#undef SRW_X_MEASURE
};
#define N_MEASURES (sizeof table / sizeof table[0])

/* The enum is generated from the same table, in its order, from 1. */
_Static_assert(SRW_MEASURE_OR == 1 && SRW_MEASURE_GENERIC == N_MEASURES,
               "srw_measure follows SRW_MEASURE_TABLE");

const srw_measure_info *srw_measures(size_t *n)
{
    if (n != NULL)
        *n = N_MEASURES;
    return table;
}

const srw_measure_info *srw_measure_info_of(srw_measure m)
{
    return m >= 1 && (size_t)m <= N_MEASURES ? &table[m - 1] : NULL;
}

const char *srw_measure_name(srw_measure m)
{
    const srw_measure_info *i = srw_measure_info_of(m);
    return i ? i->name : NULL;
}

srw_measure srw_measure_parse(const char *s)
{
    for (size_t i = 0; s != NULL && i < N_MEASURES; i++)
        if (strcmp(s, table[i].name) == 0)
            return table[i].measure;
    return SRW_MEASURE_DEFAULT;
}

int srw_measure_is_ratio(srw_measure m)
{
    const srw_measure_info *i = srw_measure_info_of(m);
    return i != NULL && i->scale == SRW_SCALE_RATIO;
}

int srw_measure_fits_type(srw_measure m, srw_outcome_type t)
{
    const srw_measure_info *i = srw_measure_info_of(m);
    return i != NULL && t != SRW_TYPE_NONE && i->type == t;
}

int srw_measure_is_arm_level(srw_measure m)
{
    return srw_measure_fits_type(m, SRW_TYPE_DICHOTOMOUS) || srw_measure_fits_type(m, SRW_TYPE_CONTINUOUS);
}

srw_measure srw_measure_default(srw_outcome_type t)
{
    for (size_t i = 0; t != SRW_TYPE_NONE && i < N_MEASURES; i++)
        if (table[i].type == t && table[i].is_default)
            return table[i].measure;
    return SRW_MEASURE_DEFAULT;
}

const char *srw_measure_label(srw_measure m)
{
    const srw_measure_info *i = srw_measure_info_of(m);
    return i ? i->label : NULL;
}

const srw_measure_info *srw_measure_from_revman(const char *s)
{
    for (size_t i = 0; s != NULL && i < N_MEASURES; i++)
        if (table[i].revman != NULL && strcmp(s, table[i].revman) == 0)
            return &table[i];
    return NULL;
}

/* names[0..k) joined by ", " with `last` before the last. */
static void join(char *buf, size_t n, const char *const *names, size_t k, const char *last)
{
    if (n == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++)
        srw_core__appendf(buf, n, "%s%s", i == 0 ? "" : i + 1 == k ? last : ", ", names[i]);
}

void srw_measures_text(char *buf, size_t n, srw_outcome_type t, const char *last)
{
    const char *names[N_MEASURES];
    size_t k = 0;
    for (size_t i = 0; i < N_MEASURES; i++)
        if (t == SRW_TYPE_NONE ? srw_measure_is_arm_level(table[i].measure) : table[i].type == t)
            names[k++] = table[i].name;
    join(buf, n, names, k, last);
}

void srw_measures_text_published(char *buf, size_t n, const char *last)
{
    /* The messages' own order (see effect.h); the names come from the table. */
    static const srw_measure order[] = {SRW_MEASURE_SMD, SRW_MEASURE_MD, SRW_MEASURE_RR,  SRW_MEASURE_OR,
                                        SRW_MEASURE_RD,  SRW_MEASURE_PETO, SRW_MEASURE_ROM};
    const char *names[sizeof order / sizeof order[0]];
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        names[i] = srw_measure_name(order[i]);
    join(buf, n, names, sizeof order / sizeof order[0], last);
}
