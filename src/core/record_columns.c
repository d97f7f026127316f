/* The columns of a trial record (srw/record.h): one table, and what follows
 * from it (a field as text, a record's description). */
#include "srw/record.h"
#include "srw/decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC(f) offsetof(srw_record, f)
#define ROB(d) (REC(rob) + (d) * sizeof(srw_rob_judgement))
#define SUPPORT(d) (REC(rob_support) + (d) * sizeof(char *))
#define ROB2(i) (REC(rob2) + (i) * sizeof(srw_rob2_judgement))
#define SUPPORT2(d) (REC(rob2_support) + (d) * sizeof(char *))
#define D SRW_TYPE_BIT(SRW_TYPE_DICHOTOMOUS)
#define C SRW_TYPE_BIT(SRW_TYPE_CONTINUOUS)
#define G SRW_TYPE_BIT(SRW_TYPE_GENERIC)
#define ALL SRW_TYPES_ALL
#define T SRW_FIELD_TEXT
#define N SRW_FIELD_NUMBER
#define R SRW_OWNER_RECORD
#define S SRW_OWNER_STUDY
#define O SRW_OWNER_OUTCOME
#define RS SRW_OWNER_RESULT
#define J2 SRW_FIELD_ROB2

/* In export order.  ask: `srw add` asks the fields its outcome type needs,
 * then the optional ones it applies to, each in this order (so a
 * continuous record is asked mean, SD, total per arm, a dichotomous one
 * events, total). */
static const srw_column columns[] = {
    /* name, kind, offset, required, owner, value, needs, applies, ask */
    {"study", T, REC(study), 1, R, 0, 0, ALL, 0},
    {"year", SRW_FIELD_INT, REC(year), 0, S, 0, 0, ALL, 11},
    {"use", T, REC(use), 1, R, 0, 0, ALL, 0},
    {"outcome", T, REC(outcome), 1, R, 0, 0, ALL, 0},
    {"type", SRW_FIELD_TYPE, REC(type), 1, O, 0, 0, ALL, 0},
    {"comparison", T, REC(comparison), 0, R, 1, 0, ALL, 14},
    {"intervention", T, REC(intervention), 0, R, 1, 0, ALL, 15},
    {"comparator", T, REC(comparator), 0, R, 1, 0, ALL, 16},
    {"subgroup", T, REC(subgroup), 0, R, 1, 0, ALL, 13},
    {"exp_events", SRW_FIELD_COUNT, REC(exp_events), 0, R, 1, D, D, 1},
    {"exp_total", SRW_FIELD_COUNT, REC(exp_total), 0, R, 1, D | C, ALL, 4},
    {"ctl_events", SRW_FIELD_COUNT, REC(ctl_events), 0, R, 1, D, D, 5},
    {"ctl_total", SRW_FIELD_COUNT, REC(ctl_total), 0, R, 1, D | C, ALL, 8},
    {"exp_mean", N, REC(exp_mean), 0, R, 1, C, C, 2},
    {"exp_sd", N, REC(exp_sd), 0, R, 1, C, C, 3},
    {"ctl_mean", N, REC(ctl_mean), 0, R, 1, C, C, 6},
    {"ctl_sd", N, REC(ctl_sd), 0, R, 1, C, C, 7},
    {"estimate", N, REC(estimate), 0, R, 1, G, G, 9},
    {"se", N, REC(se), 0, R, 1, G, G, 10},
    {"direction", SRW_FIELD_DIRECTION, REC(direction), 0, O, 0, 0, ALL, 17},
    {"unit", T, REC(unit), 0, O, 0, 0, ALL, 18},
    {"measure", T, REC(measure), 0, O, 0, 0, ALL, 0},
    {"mid", N, REC(mid), 0, O, 0, 0, ALL, 19},
    {"mid_source", T, REC(mid_source), 0, O, 0, 0, ALL, 0},
    {"source", T, REC(source), 0, R, 1, 0, ALL, 23},
    {"notes", T, REC(notes), 0, R, 1, 0, ALL, 24},
    {"rob_sequence", SRW_FIELD_ROB, ROB(SRW_ROB_SEQUENCE), 0, S, 0, 0, ALL, 0},
    {"rob_allocation", SRW_FIELD_ROB, ROB(SRW_ROB_ALLOCATION), 0, S, 0, 0, ALL, 0},
    {"rob_blinding_participants", SRW_FIELD_ROB, ROB(SRW_ROB_BLINDING_PARTICIPANTS), 0, S, 0, 0, ALL, 0},
    {"rob_blinding_assessors", SRW_FIELD_ROB, ROB(SRW_ROB_BLINDING_ASSESSORS), 0, S, 0, 0, ALL, 0},
    {"rob_incomplete", SRW_FIELD_ROB, ROB(SRW_ROB_INCOMPLETE), 0, S, 0, 0, ALL, 0},
    {"rob_selective", SRW_FIELD_ROB, ROB(SRW_ROB_SELECTIVE), 0, S, 0, 0, ALL, 0},
    {"rob_other", SRW_FIELD_ROB, ROB(SRW_ROB_OTHER), 0, S, 0, 0, ALL, 0},
    {"rob_sequence_support", T, SUPPORT(SRW_ROB_SEQUENCE), 0, S, 0, 0, ALL, 0},
    {"rob_allocation_support", T, SUPPORT(SRW_ROB_ALLOCATION), 0, S, 0, 0, ALL, 0},
    {"rob_blinding_participants_support", T, SUPPORT(SRW_ROB_BLINDING_PARTICIPANTS), 0, S, 0, 0, ALL, 0},
    {"rob_blinding_assessors_support", T, SUPPORT(SRW_ROB_BLINDING_ASSESSORS), 0, S, 0, 0, ALL, 0},
    {"rob_incomplete_support", T, SUPPORT(SRW_ROB_INCOMPLETE), 0, S, 0, 0, ALL, 0},
    {"rob_selective_support", T, SUPPORT(SRW_ROB_SELECTIVE), 0, S, 0, 0, ALL, 0},
    {"rob_other_support", T, SUPPORT(SRW_ROB_OTHER), 0, S, 0, 0, ALL, 0},
    {"rob_source", T, REC(rob_source), 0, S, 0, 0, ALL, 0},
    {"randomised", SRW_FIELD_POSITIVE, REC(randomised), 0, S, 0, 0, ALL, 12},
    {"scale_min", N, REC(scale_min), 0, O, 0, 0, C, 20},
    {"scale_max", N, REC(scale_max), 0, O, 0, 0, C, 21},
    {"measured_as", T, REC(measured_as), 0, R, 1, 0, C, 22},
    {"rob2_randomisation", J2, ROB2(SRW_ROB2_RANDOMISATION), 0, RS, 0, 0, ALL, 0},
    {"rob2_deviations", J2, ROB2(SRW_ROB2_DEVIATIONS), 0, RS, 0, 0, ALL, 0},
    {"rob2_missing", J2, ROB2(SRW_ROB2_MISSING), 0, RS, 0, 0, ALL, 0},
    {"rob2_measurement", J2, ROB2(SRW_ROB2_MEASUREMENT), 0, RS, 0, 0, ALL, 0},
    {"rob2_selection", J2, ROB2(SRW_ROB2_SELECTION), 0, RS, 0, 0, ALL, 0},
    {"rob2_overall", J2, ROB2(SRW_ROB2_OVERALL), 0, RS, 0, 0, ALL, 0},
    {"rob2_randomisation_support", T, SUPPORT2(SRW_ROB2_RANDOMISATION), 0, RS, 0, 0, ALL, 0},
    {"rob2_deviations_support", T, SUPPORT2(SRW_ROB2_DEVIATIONS), 0, RS, 0, 0, ALL, 0},
    {"rob2_missing_support", T, SUPPORT2(SRW_ROB2_MISSING), 0, RS, 0, 0, ALL, 0},
    {"rob2_measurement_support", T, SUPPORT2(SRW_ROB2_MEASUREMENT), 0, RS, 0, 0, ALL, 0},
    {"rob2_selection_support", T, SUPPORT2(SRW_ROB2_SELECTION), 0, RS, 0, 0, ALL, 0},
    /* Last, so that files exported before it keep their columns' places. */
    {"arm", T, REC(arm), 0, R, 1, 0, ALL, 0},
};

const srw_column *srw_record_columns(size_t *n)
{
    *n = sizeof columns / sizeof columns[0];
    return columns;
}

const srw_column *srw_record_column(const char *name)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (strcmp(columns[i].name, name) == 0)
            return &columns[i];
    return NULL;
}

int srw_record_is_column(const char *name)
{
    return srw_record_column(name) != NULL;
}

srw_column_owner srw_record_column_owner(const char *name)
{
    const srw_column *c = srw_record_column(name);
    return c != NULL ? c->owner : SRW_OWNER_RECORD;
}

/* The field's text into num (numbers) or as a pointer into r; NULL when
 * the record lacks it. */
static const char *field_text(const srw_record *r, const srw_column *c, char *num, size_t n)
{
    const char *slot = (const char *)r + c->offset;
    double v;
    int iv;
    long lv;
    switch (c->kind) {
    case SRW_FIELD_TEXT: {
        const char *t;
        memcpy(&t, slot, sizeof t);
        return t;
    }
    case SRW_FIELD_NUMBER:
    case SRW_FIELD_COUNT:
        memcpy(&v, slot, sizeof v);
        /* A scale range is read only when the record has one (a zeroed
         * record holds 0 there). */
        if ((c->offset == REC(scale_min) || c->offset == REC(scale_max)) && !r->has_scale)
            return NULL;
        srw_number_text(v, num, n);
        return num[0] ? num : NULL;
    case SRW_FIELD_INT:
        memcpy(&iv, slot, sizeof iv);
        if (iv == 0)
            return NULL;
        snprintf(num, n, "%d", iv);
        return num;
    case SRW_FIELD_LONG:
    case SRW_FIELD_POSITIVE:
        memcpy(&lv, slot, sizeof lv);
        if (lv == 0)
            return NULL;
        snprintf(num, n, "%ld", lv);
        return num;
    case SRW_FIELD_TYPE:
        return srw_outcome_type_name(r->type);
    case SRW_FIELD_DIRECTION:
        return srw_direction_name(r->direction);
    case SRW_FIELD_ROB: {
        srw_rob_judgement j;
        memcpy(&j, slot, sizeof j);
        return srw_rob_judgement_name(j);
    }
    case SRW_FIELD_ROB2: {
        srw_rob2_judgement j;
        memcpy(&j, slot, sizeof j);
        return srw_rob2_judgement_name(j);
    }
    }
    return NULL;
}

int srw_record_field_text(const srw_record *r, const char *column, char **out, srw_error *err)
{
    *out = NULL;
    const srw_column *c = srw_record_column(column);
    if (c == NULL) {
        SRW_FAIL(err, SRW_EUSAGE, "unknown field '%s'", column);
        srw_error_locate(err, NULL, 0, 0, column);
        return SRW_EUSAGE;
    }
    char num[40] = "";
    const char *text = field_text(r, c, num, sizeof num);
    if (text != NULL && (*out = strdup(text)) == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    return 0;
}

/* s (sl bytes) appended at len, cut to fit n; returns len + sl.  A
 * record's description is built of these, not printf: the trail describes
 * every record an import added when it is read. */
static size_t append(char *buf, size_t n, size_t len, const char *s, size_t sl)
{
    if (len < n) {
        size_t room = n - len - 1, c = sl < room ? sl : room;
        memcpy(buf + len, s, c);
        buf[len + c] = '\0';
    }
    return len + sl;
}

void srw_record_describe(const srw_record *r, char *buf, size_t n)
{
    size_t len = 0;
    char num[40];
    if (n == 0)
        return;
    buf[0] = '\0';
    if (r->type != SRW_TYPE_NONE) {
        const char *t = srw_outcome_type_name(r->type);
        len = append(buf, n, len, "type=", 5);
        len = append(buf, n, len, t, strlen(t));
    }
    /* "; name=value" per value the record has, numbers first; the first
     * without "; ". */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof columns / sizeof columns[0] && len < n; i++) {
            const srw_column *c = &columns[i];
            if (!c->value || (c->kind == SRW_FIELD_NUMBER || c->kind == SRW_FIELD_COUNT) != (pass == 0))
                continue;
            const char *v = field_text(r, c, num, sizeof num);
            if (v == NULL)
                continue;
            size_t nl = strlen(c->name);
            if (len)
                len = append(buf, n, len, "; ", 2);
            len = append(buf, n, len, c->name, nl);
            len = append(buf, n, len, "=", 1);
            len = append(buf, n, len, v, strlen(v));
        }
}

int srw_record_moderator_column(const char *column)
{
    if (column == NULL || strncmp(column, "mod_", 4) != 0 || column[4] == '\0' || strlen(column) > 64)
        return 0;
    for (const char *p = column + 4; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

int srw_record_add_mod(srw_record *r, const char *name, const char *value)
{
    srw_record_mod *m = realloc(r->mods, (r->n_mods + 1) * sizeof *m);
    if (m == NULL)
        return -1;
    r->mods = m;
    m[r->n_mods].name = strdup(name);
    m[r->n_mods].value = strdup(value);
    if (m[r->n_mods].name == NULL || m[r->n_mods].value == NULL) {
        free(m[r->n_mods].name);
        free(m[r->n_mods].value);
        return -1;
    }
    r->n_mods++;
    return 0;
}

const char *srw_record_mod_value(const srw_record *r, const char *name)
{
    for (size_t i = 0; i < r->n_mods; i++)
        if (strcmp(r->mods[i].name, name) == 0)
            return r->mods[i].value;
    return NULL;
}

int srw_record_copy(srw_record *out, const srw_record *r)
{
    *out = *r;
    out->n_mods = 0;
    out->mods = NULL;
    int rc = 0;
    /* Every string of a record is one of its text columns. */
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
        if (columns[i].kind != SRW_FIELD_TEXT)
            continue;
        char **slot = (char **)(void *)((char *)out + columns[i].offset);
        if (*slot != NULL && (*slot = strdup(*slot)) == NULL)
            rc = -1;
    }
    if (rc != 0) {
        /* Free the copies made, not the strings still r's. */
        for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
            if (columns[i].kind != SRW_FIELD_TEXT)
                continue;
            char **mine = (char **)(void *)((char *)out + columns[i].offset);
            char *const *theirs = (char *const *)(const void *)((const char *)r + columns[i].offset);
            if (*mine != *theirs)
                free(*mine);
        }
        srw_record_init(out, 0);
        return rc;
    }
    for (size_t i = 0; i < r->n_mods; i++)
        if (srw_record_add_mod(out, r->mods[i].name, r->mods[i].value) != 0) {
            srw_record_dispose(out);
            srw_record_init(out, 0);
            return -1;
        }
    return rc;
}

int srw_record_set_push(const srw_record_set *set, srw_push_kind kind, const srw_sink *sink, srw_error *err)
{
    int rc = 0;
    switch (kind) {
    case SRW_PUSH_USES:
        for (size_t i = 0; rc == 0 && i < set->n_uses; i++)
            rc = sink->use(sink->ctx, set->path, &set->uses[i]);
        break;
    case SRW_PUSH_RECORDS:
        for (size_t i = 0; rc == 0 && i < set->n_records; i++) {
            srw_record copy;
            if (srw_record_copy(&copy, &set->records[i]) != 0)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            rc = sink->record(sink->ctx, set->path, &copy, 0);
        }
        break;
    case SRW_PUSH_PUBLISHED:
        for (size_t i = 0; rc == 0 && i < set->n_published; i++)
            rc = sink->published(sink->ctx, set->path, &set->published[i]);
        break;
    case SRW_PUSH_GRADE:
        for (size_t i = 0; rc == 0 && i < set->n_grade; i++)
            rc = sink->grade(sink->ctx, set->path, &set->grade[i]);
        break;
    case SRW_PUSH_OUTCOMES:
        for (size_t i = 0; rc == 0 && sink->outcome != NULL && i < set->n_outcomes; i++)
            rc = sink->outcome(sink->ctx, set->path, &set->outcomes[i]);
        break;
    case SRW_PUSH_CLAIMS:
        for (size_t i = 0; rc == 0 && sink->claim != NULL && i < set->n_claims; i++)
            rc = sink->claim(sink->ctx, set->path, &set->claims[i]);
        break;
    }
    return rc;
}
