/* The streaming reader of trial-record files (include/srw/csv.h): one row
 * at a time, checked on its own (review_csv.c) and against the earlier rows
 * of the file (here).  srw_csv_read_review reads trial-record files through
 * it, so these cross-checks exist once. */
#include "srw/csv.h"
#include "srw/record.h"
#include "util/grow.h"
#include "io/review_read.h"
#include "util/label.h"
#include "util/strmap.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a later row of an outcome must agree with: its first row's type,
 * and each setting as first stated (a row may leave one blank that a
 * later row gives), with the line that stated it; and the outcome's
 * studies so far.  The studies are a small hash table per outcome, not one
 * table of (outcome, study) keys for the file: rows of one outcome usually
 * come together, and then every probe stays in the few cache lines of the
 * current outcome's table. */
typedef struct outcome_first {
    srw_outcome_type type;
    srw_direction direction;
    char *measure; /* owned copy; NULL until a row states one */
    double mid;
    int has_scale;
    double scale_min, scale_max;
    long line, direction_line, measure_line, mid_line, scale_line;
    /* Slot: the study's 32-bit hash above the index + 1 of its entry in
     * the reader's seen[]; 0 is empty.  Load at most 1/2. */
    uint64_t *slots;
    uint32_t cap, n;
} outcome_first;

/* A study seen in an outcome: the line to name when it comes again. */
typedef struct seen_study {
    const char *study; /* in the reader's text blocks */
    const char *arm;   /* likewise; NULL for a row without an arm */
    long line;
} seen_study;

/* A moderator's value as a study (and arm) first stated it. */
typedef struct mod_first {
    const char *value; /* in the reader's text blocks */
    long line;
} mod_first;

/* What a later row of a study must agree with: its year, randomised total
 * and risk-of-bias judgements as first stated, each with its line. */
typedef struct study_first {
    long randomised, year_line, randomised_line;
    long rob_line[SRW_ROB_N], support_line[SRW_ROB_N];
    const char *support[SRW_ROB_N]; /* in the reader's text blocks; NULL until stated */
    int year;
    unsigned char rob[SRW_ROB_N]; /* srw_rob_judgement values */
} study_first;

struct srw_trial_reader {
    srw_csv *csv;
    srw_io__review_header head;
    char *path;
    srw_file_kind kind;
    int state;           /* 0 reading, 1 at the end, < 0 the error that stopped it */
    srw_error err;       /* that error, given again by every later call */
    srw_strmap outcomes; /* "use\x1foutcome" -> index in outcome_of */
    srw_strmap studies;  /* study -> index in study_of */
    seen_study *seen;    /* every (outcome, study) so far, in file order */
    size_t n_seen, cap_seen;
    srw_texts texts; /* the study labels of seen[] */
    outcome_first *outcome_of;
    size_t n_outcomes, cap_outcomes;
    study_first *study_of;
    size_t n_studies, cap_studies;
    srw_strmap mods;   /* "study\x1farm\x1fname" -> index in mod_of */
    mod_first *mod_of;
    size_t n_mods, cap_mods;
    /* The previous row's outcome: rows of one outcome usually come
     * together, and then no key is built or hashed for the outcome. */
    int has_prev;
    size_t prev_outcome; /* index in outcome_of */
    char *prev_use, *prev_name;
    size_t cap_prev_use, cap_prev_name;
    char *key; /* reused for every key */
    size_t key_cap;
};

static int loc_fail(srw_error *err, const char *path, long line, long col, const char *field)
{
    srw_error_locate(err, path, line, col, field);
    return err->code;
}

/* a, the unit separator (a byte no label contains), then b. */
static int build_key(srw_trial_reader *tr, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (srw_reserve(&tr->key, &tr->key_cap, la + lb + 2) != 0)
        return -1;
    memcpy(tr->key, a, la);
    tr->key[la] = '\x1f';
    memcpy(tr->key + la + 1, b, lb + 1);
    return 0;
}

/* A later row of an outcome against what the earlier ones stated: one
 * type, direction, measure, MID and scale range.  A setting the row states
 * for the first time becomes the outcome's. */
static int same_outcome_settings(srw_trial_reader *tr, outcome_first *f, const srw_record *r)
{
    const srw_io__review_header *h = &tr->head;
    srw_error *err = &tr->err;
    if (f->type != r->type) {
        SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s on line %ld", r->outcome, r->use,
                 srw_outcome_type_name(r->type), srw_outcome_type_name(f->type), f->line);
        return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "type"), "type");
    }
    if (r->direction != SRW_DIR_UNSET) {
        if (f->direction == SRW_DIR_UNSET) {
            f->direction = r->direction;
            f->direction_line = r->line;
        } else if (f->direction != r->direction) {
            SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s on line %ld", r->outcome, r->use,
                     srw_direction_name(r->direction), srw_direction_name(f->direction), f->direction_line);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "direction"), "direction");
        }
    }
    if (r->measure != NULL) {
        if (f->measure == NULL) {
            if ((f->measure = strdup(r->measure)) == NULL)
                return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
            f->measure_line = r->line;
        } else if (strcmp(f->measure, r->measure) != 0) {
            SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' is analysed as %s here but %s on line %ld", r->outcome,
                     r->use, r->measure, f->measure, f->measure_line);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "measure"), "measure");
        }
    }
    if (!isnan(r->mid)) {
        if (isnan(f->mid)) {
            f->mid = r->mid;
            f->mid_line = r->line;
        } else if (f->mid != r->mid) {
            SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' has mid %g here but %g on line %ld", r->outcome,
                     r->use, r->mid, f->mid, f->mid_line);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "mid"), "mid");
        }
    }
    if (r->has_scale) {
        if (!f->has_scale) {
            f->has_scale = 1;
            f->scale_min = r->scale_min;
            f->scale_max = r->scale_max;
            f->scale_line = r->line;
        } else if (f->scale_min != r->scale_min || f->scale_max != r->scale_max) {
            SRW_FAIL(err, SRW_EDATA,
                     "outcome '%s' of '%s' has the scale range %g to %g here but %g to %g on line %ld", r->outcome,
                     r->use, r->scale_min, r->scale_max, f->scale_min, f->scale_max, f->scale_line);
            const char *field = f->scale_min != r->scale_min ? "scale_min" : "scale_max";
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, field), field);
        }
    }
    return 0;
}

/* A later row of a study against what the earlier ones stated: one year,
 * one randomised total, one judgement per risk-of-bias domain.  What the
 * row states for the first time becomes the study's. */
/* The support for a study's judgements: one text per domain, kept from the
 * row that first gives it (a row that leaves it blank says nothing). */
static int same_support(srw_trial_reader *tr, study_first *f, const srw_record *r)
{
    for (int d = 0; d < SRW_ROB_N; d++) {
        const char *v = r->rob_support[d];
        if (v == NULL)
            continue;
        if (f->support[d] == NULL) {
            if ((f->support[d] = srw_texts_keep(&tr->texts, v)) == NULL)
                return SRW_FAIL(&tr->err, SRW_ENOMEM, "out of memory");
            f->support_line[d] = r->line;
        } else if (strcmp(f->support[d], v) != 0) {
            const char *colname = srw_rob_support_column((srw_rob_domain)d);
            SRW_FAIL(&tr->err, SRW_EDATA,
                     "study '%s' has another support for its %s judgement here than on line %ld (one text per"
                     " study and domain)",
                     r->study, srw_rob_domain_label((srw_rob_domain)d), f->support_line[d]);
            return loc_fail(&tr->err, tr->path, r->line, srw_io__review_column(&tr->head, colname), colname);
        }
    }
    return 0;
}

static int same_study_settings(srw_trial_reader *tr, study_first *f, const srw_record *r)
{
    const srw_io__review_header *h = &tr->head;
    srw_error *err = &tr->err;
    if (r->year != 0) {
        if (f->year == 0) {
            f->year = r->year;
            f->year_line = r->line;
        } else if (f->year != r->year) {
            SRW_FAIL(err, SRW_EDATA, "study '%s' has year %d here but %d on line %ld", r->study, r->year,
                     f->year, f->year_line);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "year"), "year");
        }
    }
    if (r->randomised != 0) {
        if (f->randomised == 0) {
            f->randomised = r->randomised;
            f->randomised_line = r->line;
        } else if (f->randomised != r->randomised) {
            SRW_FAIL(err, SRW_EDATA, "study '%s' has %ld randomised here but %ld on line %ld (one number per study)",
                     r->study, r->randomised, f->randomised, f->randomised_line);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, "randomised"), "randomised");
        }
    }
    for (int d = 0; d < SRW_ROB_N; d++) {
        srw_rob_judgement fj = (srw_rob_judgement)f->rob[d];
        if (r->rob[d] == SRW_ROB_UNSET)
            continue;
        if (fj == SRW_ROB_UNSET) {
            f->rob[d] = (unsigned char)r->rob[d];
            f->rob_line[d] = r->line;
        } else if (fj != r->rob[d]) {
            const char *colname = srw_rob_domain_column((srw_rob_domain)d);
            SRW_FAIL(err, SRW_EDATA,
                     "study '%s' is judged %s here but %s on line %ld (one judgement per study and domain)",
                     r->study, srw_rob_judgement_name(r->rob[d]), srw_rob_judgement_name(fj), f->rob_line[d]);
            return loc_fail(err, tr->path, r->line, srw_io__review_column(h, colname), colname);
        }
    }
    return same_support(tr, f, r);
}

static int oom(srw_trial_reader *tr)
{
    return SRW_FAIL(&tr->err, SRW_ENOMEM, "out of memory");
}

/* The outcome of r: the previous row's, or found (or added) by its key.
 * *is_new tells whether r is the outcome's first row. */
static int find_outcome(srw_trial_reader *tr, const srw_record *r, size_t *index, int *is_new)
{
    *is_new = 0;
    if (tr->has_prev && strcmp(tr->prev_name, r->outcome) == 0 && strcmp(tr->prev_use, r->use) == 0) {
        *index = tr->prev_outcome;
        return 0;
    }
    if (build_key(tr, r->use, r->outcome) != 0)
        return oom(tr);
    /* Room first, so that a key in the map always has its entry. */
    if (srw_grow((void **)&tr->outcome_of, tr->n_outcomes, &tr->cap_outcomes, sizeof(outcome_first)) != 0)
        return oom(tr);
    size_t j;
    int added = srw_strmap_add(&tr->outcomes, tr->key, tr->n_outcomes, &j);
    if (added < 0)
        return oom(tr);
    if (added) {
        outcome_first *f = &tr->outcome_of[tr->n_outcomes];
        f->measure = NULL;
        if (r->measure != NULL && (f->measure = strdup(r->measure)) == NULL)
            return oom(tr);
        f->type = r->type;
        f->direction = r->direction;
        f->mid = r->mid;
        f->has_scale = r->has_scale;
        f->scale_min = r->scale_min;
        f->scale_max = r->scale_max;
        f->line = f->direction_line = f->measure_line = f->mid_line = f->scale_line = r->line;
        f->slots = NULL;
        f->cap = f->n = 0;
        j = tr->n_outcomes++;
        *is_new = 1;
    }
    if (srw_copy_into(&tr->prev_use, &tr->cap_prev_use, r->use) != 0 ||
        srw_copy_into(&tr->prev_name, &tr->cap_prev_name, r->outcome) != 0) {
        tr->has_prev = 0;
        return oom(tr);
    }
    tr->has_prev = 1;
    tr->prev_outcome = j;
    *index = j;
    return 0;
}

static int grow_slots(outcome_first *f)
{
    uint32_t cap = f->cap ? f->cap * 2 : 8;
    if (cap < f->cap)
        return -1;
    uint64_t *g = calloc(cap, sizeof *g);
    if (g == NULL)
        return -1;
    for (uint32_t i = 0; i < f->cap; i++) {
        if (f->slots[i] == 0)
            continue;
        uint32_t j = (uint32_t)(f->slots[i] >> 32) & (cap - 1);
        while (g[j] != 0)
            j = (j + 1) & (cap - 1);
        g[j] = f->slots[i];
    }
    free(f->slots);
    f->slots = g;
    f->cap = cap;
    return 0;
}

/* The folded label (util/label.h) in tr->key; -1 when out of memory. */
static int fold_into_key(srw_trial_reader *tr, const char *label)
{
    return srw_label_fold(label, &tr->key, &tr->key_cap) != NULL ? 0 : -1;
}

/* study in outcome f, first seen on line: 1 added, 0 already there (*also
 * the line where, *as the label there: the same, or one that differs only
 * in letter case or spacing), or a negative srw_status.  Labels are
 * matched folded (util/label.h): "Smith 2001" and "smith  2001" in one
 * outcome are one trial entered twice, not two trials to pool. */
static int same_arm(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* As above, the study's arm part of the key: 0 the same arm again, 2 a row
 * with an arm where the study has one without, or the other way. */
static int add_study(srw_trial_reader *tr, outcome_first *f, const char *study, const char *arm, long line,
                     long *also, const char **as)
{
    if ((((uint64_t)f->n + 1) * 2 > f->cap && grow_slots(f) != 0) || fold_into_key(tr, study) != 0)
        return oom(tr);
    if (tr->key[0] == '\0') {
        SRW_FAIL(&tr->err, SRW_EDATA,
                 "study label '%s' shows as nothing (only spaces or invisible characters): give the trial a label",
                 study);
        return loc_fail(&tr->err, tr->path, line, srw_io__review_column(&tr->head, "study"), "study");
    }
    uint32_t h = (uint32_t)(srw_strmap_hash(tr->key) >> 32);
    uint32_t i = h & (f->cap - 1);
    for (; f->slots[i] != 0; i = (i + 1) & (f->cap - 1)) {
        const seen_study *e = &tr->seen[(uint32_t)f->slots[i] - 1];
        if ((uint32_t)(f->slots[i] >> 32) == h && srw_label_fold_equal(e->study, study)) {
            *also = e->line;
            *as = e->study;
            if (same_arm(e->arm, arm))
                return 0;
            if ((e->arm == NULL) != (arm == NULL))
                return 2;
        }
    }
    if (tr->n_seen >= UINT32_MAX - 1)
        return SRW_FAIL(&tr->err, SRW_ENOMEM, "%s has too many rows to check for repeated studies", tr->path);
    if (srw_grow((void **)&tr->seen, tr->n_seen, &tr->cap_seen, sizeof(seen_study)) != 0)
        return oom(tr);
    seen_study *e = &tr->seen[tr->n_seen];
    if ((e->study = srw_texts_keep(&tr->texts, study)) == NULL ||
        (arm != NULL && (e->arm = srw_texts_keep(&tr->texts, arm)) == NULL))
        return oom(tr);
    if (arm == NULL)
        e->arm = NULL;
    e->line = line;
    f->slots[i] = (uint64_t)h << 32 | (uint64_t)(tr->n_seen + 1);
    tr->n_seen++;
    f->n++;
    return 1;
}

/* r's moderators against the earlier rows of its study and arm: one value
 * per study (and arm) and moderator, whichever outcome the row is of. */
static int same_moderators(srw_trial_reader *tr, const srw_record *r)
{
    for (size_t i = 0; i < r->n_mods; i++) {
        const srw_record_mod *m = &r->mods[i];
        size_t ls = strlen(r->study), la = r->arm ? strlen(r->arm) : 0, ln = strlen(m->name);
        if (srw_reserve(&tr->key, &tr->key_cap, ls + la + ln + 3) != 0)
            return oom(tr);
        memcpy(tr->key, r->study, ls);
        tr->key[ls] = '\x1f';
        memcpy(tr->key + ls + 1, r->arm ? r->arm : "", la);
        tr->key[ls + 1 + la] = '\x1f';
        memcpy(tr->key + ls + la + 2, m->name, ln + 1);
        if (srw_grow((void **)&tr->mod_of, tr->n_mods, &tr->cap_mods, sizeof *tr->mod_of) != 0)
            return oom(tr);
        size_t j;
        int added = srw_strmap_add(&tr->mods, tr->key, tr->n_mods, &j);
        if (added < 0)
            return oom(tr);
        if (added) {
            mod_first *f = &tr->mod_of[tr->n_mods++];
            if ((f->value = srw_texts_keep(&tr->texts, m->value)) == NULL)
                return oom(tr);
            f->line = r->line;
            continue;
        }
        const mod_first *f = &tr->mod_of[j];
        if (strcmp(f->value, m->value) == 0)
            continue;
        char col[80];
        snprintf(col, sizeof col, "mod_%s", m->name);
        SRW_FAIL(&tr->err, SRW_EDATA, "study '%s'%s%s%s has %s '%s' here but '%s' on line %ld (one value per study%s)",
                 r->study, r->arm ? ", arm '" : "", r->arm ? r->arm : "", r->arm ? "'," : "", col, m->value, f->value,
                 f->line, r->arm ? " and arm" : "");
        return loc_fail(&tr->err, tr->path, r->line, srw_io__review_column(&tr->head, col), col);
    }
    return 0;
}

/* r against the earlier rows: what they stated about its outcome, the same
 * study in the same outcome, what they stated about its study. */
static int cross_check(srw_trial_reader *tr, const srw_record *r)
{
    size_t outcome = 0, j;
    int is_new, added, rc;
    if ((rc = find_outcome(tr, r, &outcome, &is_new)) != 0)
        return rc;
    if (!is_new && (rc = same_outcome_settings(tr, &tr->outcome_of[outcome], r)) != 0)
        return rc;
    long also = 0;
    const char *as = NULL;
    if ((rc = add_study(tr, &tr->outcome_of[outcome], r->study, r->arm, r->line, &also, &as)) < 0)
        return rc;
    if (rc == 2) {
        SRW_FAIL(&tr->err, SRW_EDATA,
                 "study '%s' has a row %s an arm in outcome '%s' of '%s' and one %s on line %ld (give each of a "
                 "multi-arm study's rows its arm)",
                 r->study, r->arm ? "with" : "without", r->outcome, r->use, r->arm ? "without" : "with", also);
        return loc_fail(&tr->err, tr->path, r->line, srw_io__review_column(&tr->head, "arm"), "arm");
    }
    if (rc == 0) {
        if (strcmp(as, r->study) == 0 && r->arm != NULL)
            SRW_FAIL(&tr->err, SRW_EDATA,
                     "study '%s' has arm '%s' twice in outcome '%s' of '%s' (also on line %ld)", r->study, r->arm,
                     r->outcome, r->use, also);
        else if (strcmp(as, r->study) == 0)
            SRW_FAIL(&tr->err, SRW_EDATA, "study '%s' appears twice in outcome '%s' of '%s' (also on line %ld)",
                     r->study, r->outcome, r->use, also);
        else
            SRW_FAIL(&tr->err, SRW_EDATA,
                     "study '%s' in outcome '%s' of '%s' differs from '%s' on line %ld only in letter case or"
                     " spacing: the same trial twice? (give it one label)",
                     r->study, r->outcome, r->use, as, also);
        return loc_fail(&tr->err, tr->path, r->line, srw_io__review_column(&tr->head, "study"), "study");
    }
    if (r->n_mods > 0 && (rc = same_moderators(tr, r)) != 0)
        return rc;
    /* Only rows that say something about the study can conflict. */
    int says = r->year != 0 || r->randomised != 0;
    for (int d = 0; d < SRW_ROB_N; d++)
        says |= r->rob[d] != SRW_ROB_UNSET;
    if (!says)
        return 0;
    if (srw_grow((void **)&tr->study_of, tr->n_studies, &tr->cap_studies, sizeof(study_first)) != 0)
        return oom(tr);
    if ((added = srw_strmap_add(&tr->studies, r->study, tr->n_studies, &j)) < 0)
        return oom(tr);
    if (!added)
        return same_study_settings(tr, &tr->study_of[j], r);
    study_first *f = &tr->study_of[tr->n_studies++];
    f->year_line = f->randomised_line = r->line;
    f->randomised = r->randomised;
    f->year = r->year;
    for (int d = 0; d < SRW_ROB_N; d++) {
        f->rob[d] = (unsigned char)r->rob[d];
        f->rob_line[d] = r->line;
        f->support[d] = NULL;
    }
    return same_support(tr, f, r);
}

int srw_io__trial_reader_adopt(srw_trial_reader **out, srw_csv *csv, srw_io__review_header *h,
                               srw_file_kind kind, const char *path, srw_error *err)
{
    *out = NULL;
    srw_trial_reader *tr = calloc(1, sizeof *tr);
    char *p = strdup(path);
    if (tr == NULL || p == NULL) {
        free(tr);
        free(p);
        srw_io__review_header_dispose(h);
        srw_csv_free(csv);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory opening %s", path);
    }
    tr->csv = csv;
    tr->head = *h;
    tr->head.path = p;
    tr->path = p;
    tr->kind = kind;
    srw_error_clear(&tr->err);
    *out = tr;
    return 0;
}

/* The header of the file csv holds, then the reader over it. */
static int open_reader(srw_trial_reader **out, srw_csv *csv, const char *path, srw_file_kind *kind,
                       srw_error *err)
{
    srw_io__review_header h;
    srw_file_kind k;
    int rc = srw_io__review_header_read(&h, csv, path, &k, err);
    if (kind != NULL)
        *kind = k;
    if (rc != 0) {
        srw_io__review_header_dispose(&h);
        srw_csv_free(csv);
        return rc;
    }
    return srw_io__trial_reader_adopt(out, csv, &h, k, path, err);
}

int srw_trial_reader_open(srw_trial_reader **out, const char *path, srw_file_kind *kind, srw_error *err)
{
    srw_csv *csv = NULL;
    *out = NULL;
    if (kind != NULL)
        *kind = 0;
    int rc = srw_csv_open_file(&csv, path, err);
    return rc != 0 ? rc : open_reader(out, csv, path, kind, err);
}

int srw_trial_reader_open_buffer(srw_trial_reader **out, const char *data, size_t len, const char *name,
                                 srw_file_kind *kind, srw_error *err)
{
    srw_csv *csv = NULL;
    *out = NULL;
    if (kind != NULL)
        *kind = 0;
    if (name == NULL)
        name = "<input>";
    int rc = srw_csv_open_buffer(&csv, data, len, name, err);
    return rc != 0 ? rc : open_reader(out, csv, name, kind, err);
}

/* What cross_check keeps of the rows read (about 50 bytes a row). */
static void drop_checks(srw_trial_reader *tr)
{
    for (size_t i = 0; i < tr->n_outcomes; i++) {
        free(tr->outcome_of[i].measure);
        free(tr->outcome_of[i].slots);
    }
    free(tr->outcome_of);
    free(tr->study_of);
    free(tr->seen);
    free(tr->mod_of);
    tr->outcome_of = NULL;
    tr->study_of = NULL;
    tr->seen = NULL;
    tr->mod_of = NULL;
    tr->n_mods = tr->cap_mods = 0;
    srw_strmap_dispose(&tr->mods);
    tr->n_outcomes = tr->cap_outcomes = tr->n_studies = tr->cap_studies = tr->n_seen = tr->cap_seen = 0;
    tr->has_prev = 0;
    srw_texts_dispose(&tr->texts);
    srw_strmap_dispose(&tr->outcomes);
    srw_strmap_dispose(&tr->studies);
}

int srw_trial_reader_next(srw_trial_reader *tr, srw_record *rec, srw_error *err)
{
    srw_record_init(rec, 0);
    if (tr->kind != SRW_FILE_TRIALS)
        return SRW_FAIL(err, SRW_EUSAGE, "%s is not a trial-record file (read it with srw_csv_read_review)",
                        tr->path);
    if (tr->state == 0) {
        srw_csv_row row;
        int rc = srw_csv_next(tr->csv, &row, &tr->err);
        if (rc == 0) {
            /* The last row is checked: the memory goes back now, before the
             * importer's last steps (a million rows' worth of it, which the
             * index built at the end can reuse). */
            tr->state = 1;
            drop_checks(tr);
        } else if (rc < 0) {
            tr->state = rc;
        } else if ((rc = srw_io__review_record_read(&tr->head, &row, rec, &tr->err)) != 0 ||
                   (rc = cross_check(tr, rec)) != 0) {
            srw_record_dispose(rec);
            srw_record_init(rec, 0);
            tr->state = rc;
        } else {
            return 1;
        }
    }
    if (tr->state == 1)
        return 0;
    if (err != NULL)
        *err = tr->err;
    return tr->state;
}


int srw_trial_reader_push(srw_trial_reader *tr, const srw_sink *sink, size_t *count, srw_error *err)
{
    srw_record rec;
    int rc;
    while ((rc = srw_trial_reader_next(tr, &rec, err)) == 1) {
        (*count)++;
        if ((rc = sink->record(sink->ctx, tr->path, &rec, 1)) != 0)
            return rc;
    }
    return rc;
}

long srw_trial_reader_column(const srw_trial_reader *tr, const char *field)
{
    return srw_io__review_column(&tr->head, field);
}

void srw_trial_reader_free(srw_trial_reader *tr)
{
    if (tr == NULL)
        return;
    drop_checks(tr);
    free(tr->prev_use);
    free(tr->prev_name);
    free(tr->key);
    srw_io__review_header_dispose(&tr->head);
    srw_csv_free(tr->csv);
    free(tr->path);
    free(tr);
}
