/* RevMan 5 files (.rm5) into an srw_rm5_review: see include/srw/rm5.h.
 *
 * Why libxml2's tree API: .rm5 files are a few MB at most, RevMan declares
 * ISO-8859-1 or UTF-8 and libxml2 converts either to UTF-8, and a broken
 * file must be rejected with the line and libxml2's reason before anything
 * is written.  Parsed with XML_PARSE_NONET and without entity substitution,
 * errors collected from the parser context (no global error handler). */
#include "srw/rm5.h"
#include "io/revman_value.h"
#include "io/xml_locate.h"
#include "util/grow.h"
#include "util/strmap.h"
#include "util/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

typedef struct study_ref {
    char *id, *label;
    const xmlNode *node;  /* its STUDY element, for messages */
    int year;
    srw_rob_judgement rob[SRW_ROB_N];
    unsigned char rob_rank[SRW_ROB_N]; /* 2 specific item, 1 combined item */
    unsigned char rob_conflict[SRW_ROB_N];
} study_ref;

typedef struct rd {
    const char *path;
    const char *base;      /* file name without directories, for sources */
    srw_error *err;
    srw_rm5_review *out;
    const char *data;      /* the file's bytes, where a message finds its column */
    size_t len;
    int utf8;              /* the file is UTF-8 (else a one-byte encoding) */
    const xmlNode *root;
    srw_strmap idx;        /* study ID -> index */
    study_ref *studies;
    size_t n_studies, cap_studies;
    size_t cap_records, cap_analyses, cap_rob, cap_other;
} rd;

/* --- small helpers ------------------------------------------------------ */


/* Fails with the message located at element n's start tag, or at its
 * attribute attr when given and present: file:line:column. */
static int vfail_at(rd *r, const xmlNode *n, const char *attr, const char *fmt, va_list ap)
{
    char msg[sizeof r->err->message];
    if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg) /* names in it: cut on a character */
        msg[srw_utf8_prefix(msg, sizeof msg - 1)] = '\0';
    SRW_FAIL(r->err, SRW_EDATA, "%s", msg);
    long line = n ? xmlGetLineNo(n) : 0, col = 0;
    srw_io__xml_locate(r->data, r->len, r->utf8, r->root, n, attr, &line, &col);
    srw_error_locate(r->err, r->path, line, col, NULL);
    return SRW_EDATA;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail_at(rd *r, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail_at(r, n, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail_attr(rd *r, const xmlNode *n, const char *attr, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail_at(r, n, attr, fmt, ap);
    va_end(ap);
    return rc;
}

static int oom(rd *r)
{
    return SRW_FAIL(r->err, SRW_ENOMEM, "out of memory");
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Copy of an attribute (NULL when absent), trimmed. */
static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (v == NULL)
        return NULL;
    const char *s = (const char *)v;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    xmlFree(v);
    return c;
}

static int prop_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = prop(n, name);
    int yes = v && strcmp(v, value) == 0;
    free(v);
    return yes;
}

/* Text of an element with runs of white space collapsed; NULL when empty. */
static char *text_of(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    if (v == NULL)
        return NULL;
    size_t len = strlen((const char *)v), o = 0;
    char *c = malloc(len + 1);
    if (c == NULL) {
        xmlFree(v);
        return NULL;
    }
    int space = 0;
    for (const char *p = (const char *)v; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = o > 0;
            continue;
        }
        if (space)
            c[o++] = ' ';
        space = 0;
        c[o++] = *p;
    }
    c[o] = '\0';
    xmlFree(v);
    if (o == 0) {
        free(c);
        return NULL;
    }
    return c;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

static char *child_text(const xmlNode *n, const char *name)
{
    const xmlNode *c = child(n, name);
    return c ? text_of(c) : NULL;
}

/* First element called name at any depth (document order). */
static const xmlNode *find(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, name))
            return c;
        const xmlNode *f = find(c, name);
        if (f)
            return f;
    }
    return NULL;
}

/* A numeric attribute by srw's one number parser (io/revman_value.h):
 * absent or empty -> NAN.  kind SRW_FIELD_NUMBER with java set reads one of
 * RevMan's computed results, which RevMan writes as Java's NaN or
 * Infinity when it could not compute them; data a user entered in RevMan
 * (java 0) is a number by the rules of srw's own CSV column. */
static int attr_number(rd *r, const xmlNode *n, const char *name, srw_field_kind kind, int java, double *out)
{
    *out = NAN;
    char *v = prop(n, name);
    if (v == NULL)
        return 0;
    srw_error e;
    int rc = srw_io__revman_number(out, v, kind, java, &e);
    if (rc == SRW_EDATA)
        rc = fail_attr(r, n, name, "%s %s: %s", (const char *)n->name, name, e.message);
    free(v);
    return rc;
}

/* One of RevMan's computed results. */
static int num(rd *r, const xmlNode *n, const char *name, double *out)
{
    return attr_number(r, n, name, SRW_FIELD_NUMBER, 1, out);
}

/* A number entered in RevMan: a count (events, totals) or a number. */
static int data(rd *r, const xmlNode *n, const char *name, srw_field_kind kind, double *out)
{
    return attr_number(r, n, name, kind, 0, out);
}

/* "STD-ISIS_x002d_2" -> "ISIS-2": RevMan writes characters that XML IDs
 * cannot hold as _xHHHH_ (UTF-16 code unit in hex), as .NET's XmlConvert. */
static char *decode_id(const char *id)
{
    if (strncmp(id, "STD-", 4) == 0)
        id += 4;
    size_t len = strlen(id);
    char *o = malloc(len * 3 + 1), *p = o;
    if (o == NULL)
        return NULL;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        if (id[i] == '_' && i + 7 <= len && id[i + 1] == 'x' && id[i + 6] == '_' &&
            sscanf(id + i + 2, "%4x", &cp) == 1 && isxdigit((unsigned char)id[i + 5]) && cp > 0 &&
            !(cp >= 0xD800 && cp <= 0xDFFF)) {
            if (cp < 0x80) {
                *p++ = (char)cp;
            } else if (cp < 0x800) {
                *p++ = (char)(0xC0 | (cp >> 6));
                *p++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *p++ = (char)(0xE0 | (cp >> 12));
                *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *p++ = (char)(0x80 | (cp & 0x3F));
            }
            i += 7;
        } else {
            *p++ = id[i++];
        }
    }
    *p = '\0';
    return o;
}

/* --- studies and risk of bias --------------------------------------------- */

static int read_studies(rd *r, const xmlNode *root)
{
    const xmlNode *inc = find(root, "INCLUDED_STUDIES");
    if (inc == NULL)
        return 0;
    for (const xmlNode *s = inc->children; s; s = s->next) {
        if (!is(s, "STUDY"))
            continue;
        char *id = prop(s, "ID");
        if (id == NULL || *id == '\0') {
            free(id);
            return fail_attr(r, s, "ID", "STUDY has no ID attribute");
        }
        size_t j;
        if (srw_strmap_get(&r->idx, id, &j)) {
            free(id);
            return fail_attr(r, s, "ID", "study ID '%s' appears twice among the included studies", r->studies[j].id);
        }
        if (srw_grow((void **)&r->studies, r->n_studies, &r->cap_studies, sizeof *r->studies) != 0) {
            free(id);
            return oom(r);
        }
        study_ref *st = &r->studies[r->n_studies];
        memset(st, 0, sizeof *st);
        st->id = id;
        st->node = s;
        r->n_studies++;
        char *name = prop(s, "NAME");
        if (name && *name) {
            st->label = name;
        } else {
            free(name);
            st->label = decode_id(id);
        }
        char *year = prop(s, "YEAR");
        srw_error e;
        int yrc = year ? srw_io__revman_year(&st->year, year, &e) : 0;
        free(year);
        if (yrc == SRW_EDATA)
            return fail_attr(r, s, "YEAR", "study '%s': YEAR: %s", st->label ? st->label : id, e.message);
        if (st->label == NULL || srw_strmap_put(&r->idx, id, r->n_studies - 1) != 0)
            return oom(r);
    }
    /* Labels must be unique: srw identifies a study by its label. */
    srw_strmap labels = {0};
    int rc = 0;
    for (size_t i = 0; i < r->n_studies && rc == 0; i++) {
        size_t j;
        if (srw_strmap_get(&labels, r->studies[i].label, &j))
            rc = fail_attr(r, r->studies[i].node, "NAME", "included studies '%s' and '%s' have the same name '%s'",
                           r->studies[j].id, r->studies[i].id, r->studies[i].label);
        else if (srw_strmap_put(&labels, r->studies[i].label, i) != 0)
            rc = oom(r);
    }
    srw_strmap_dispose(&labels);
    return rc;
}

static void judge(study_ref *st, srw_rob_domain d, int rank, srw_rob_judgement j)
{
    if (j == SRW_ROB_UNSET || rank < st->rob_rank[d])
        return;
    if (rank > st->rob_rank[d]) {
        st->rob[d] = j;
        st->rob_rank[d] = (unsigned char)rank;
        st->rob_conflict[d] = 0;
    } else if (st->rob[d] != j) {
        st->rob_conflict[d] = 1; /* groups judged differently: no single judgement */
    }
}

static int read_rob(rd *r, const xmlNode *root)
{
    const xmlNode *items = find(root, "QUALITY_ITEMS");
    if (items == NULL)
        return 0;
    srw_rm5_review *out = r->out;
    for (const xmlNode *it = items->children; it; it = it->next) {
        if (!is(it, "QUALITY_ITEM"))
            continue;
        char *name = child_text(it, "NAME");
        if (name == NULL)
            continue;
        srw_rob_domain doms[2];
        int rank = 0, nd = srw_rm5_rob_domains(name, doms, &rank);
        const xmlNode *data = child(it, "QUALITY_ITEM_DATA");
        for (const xmlNode *e = data ? data->children : NULL; e; e = e->next) {
            if (!is(e, "QUALITY_ITEM_DATA_ENTRY"))
                continue;
            char *sid = prop(e, "STUDY_ID");
            size_t j;
            if (sid == NULL || !srw_strmap_get(&r->idx, sid, &j)) {
                int rc = fail_attr(r, e, "STUDY_ID", "risk-of-bias entry names study '%s', which is not among the "
                                   "included studies", sid ? sid : "(none)");
                free(sid);
                free(name);
                return rc;
            }
            free(sid);
            if (srw_grow((void **)&out->rob, out->n_rob, &r->cap_rob, sizeof *out->rob) != 0) {
                free(name);
                return oom(r);
            }
            srw_rm5_rob *b = &out->rob[out->n_rob++];
            memset(b, 0, sizeof *b);
            b->study = strdup(r->studies[j].label);
            b->item = strdup(name);
            b->result = prop(e, "RESULT");
            const xmlNode *desc = child(e, "DESCRIPTION");
            b->support = desc ? text_of(desc) : NULL;
            char *gid = prop(e, "GROUP_ID");
            if (gid) {
                for (const xmlNode *g = data->children; g; g = g->next)
                    if (is(g, "QUALITY_ITEM_DATA_ENTRY_GROUP") && prop_is(g, "ID", gid))
                        b->group = child_text(g, "NAME");
                if (b->group == NULL)
                    b->group = strdup(gid);
                free(gid);
            }
            if (b->study == NULL || b->item == NULL) {
                free(name);
                return oom(r);
            }
            srw_rob_judgement jd = SRW_ROB_UNSET;
            if (b->result && strcmp(b->result, "YES") == 0)
                jd = SRW_ROB_LOW;
            else if (b->result && strcmp(b->result, "NO") == 0)
                jd = SRW_ROB_HIGH;
            else if (b->result && strcmp(b->result, "UNKNOWN") == 0)
                jd = SRW_ROB_UNCLEAR;
            for (int k = 0; k < nd; k++)
                judge(&r->studies[j], doms[k], rank, jd);
        }
        free(name);
    }
    return 0;
}

/* --- analyses -------------------------------------------------------------- */

static int read_pooled(rd *r, const xmlNode *n, srw_rm5_pooled *p)
{
    int rc;
    if ((rc = num(r, n, "EFFECT_SIZE", &p->effect)) || (rc = num(r, n, "CI_START", &p->ci_lower)) ||
        (rc = num(r, n, "CI_END", &p->ci_upper)) || (rc = num(r, n, "TAU2", &p->tau2)) ||
        (rc = num(r, n, "CHI2", &p->chi2)) || (rc = num(r, n, "DF", &p->df)) ||
        (rc = num(r, n, "P_CHI2", &p->p_chi2)) || (rc = num(r, n, "I2", &p->i2)) ||
        (rc = num(r, n, "Z", &p->z)) || (rc = num(r, n, "P_Z", &p->p_z)))
        return rc;
    p->present = !isnan(p->effect);
    p->estimable = prop_is(n, "ESTIMABLE", "YES");
    return 0;
}

static void init_record(srw_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->exp_events = rec->exp_total = rec->ctl_events = rec->ctl_total = NAN;
    rec->exp_mean = rec->exp_sd = rec->ctl_mean = rec->ctl_sd = NAN;
    rec->estimate = rec->se = rec->mid = NAN;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Footnotes inside a data row become the record's notes. */
static char *footnotes(const xmlNode *row)
{
    char *acc = NULL;
    for (const xmlNode *c = row->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *t = text_of(c);
        if (t == NULL)
            continue;
        size_t n = (acc ? strlen(acc) + 2 : 0) + strlen(t) + 1;
        char *m = malloc(n);
        if (m)
            snprintf(m, n, "%s%s%s", acc ? acc : "", acc ? "; " : "", t);
        free(acc);
        free(t);
        acc = m;
        if (acc == NULL)
            return NULL;
    }
    return acc;
}

/* The attribute of a data row that holds a record's field (a rule names
 * the field); NULL for one no attribute holds. */
static const char *field_attribute(const char *field, srw_rm5_data_type t)
{
    static const char *const map[][2] = {{"exp_events", "EVENTS_1"}, {"exp_total", "TOTAL_1"},
                                         {"ctl_events", "EVENTS_2"}, {"ctl_total", "TOTAL_2"},
                                         {"exp_mean", "MEAN_1"},     {"exp_sd", "SD_1"},
                                         {"ctl_mean", "MEAN_2"},     {"ctl_sd", "SD_2"}};
    if (strcmp(field, "estimate") == 0)
        return t == SRW_RM5_IPD ? "O_E" : "ESTIMATE";
    if (strcmp(field, "se") == 0)
        return t == SRW_RM5_IPD ? "VAR" : "SE";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(field, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static int read_row(rd *r, const xmlNode *row, srw_rm5_analysis *a, const char *subgroup, srw_strmap *seen)
{
    srw_rm5_review *out = r->out;
    char *sid = prop(row, "STUDY_ID");
    size_t j;
    if (sid == NULL || !srw_strmap_get(&r->idx, sid, &j)) {
        int rc = fail_attr(r, row, "STUDY_ID", "analysis %s: data row names study '%s', which is not among the "
                           "included studies", a->number, sid ? sid : "(no STUDY_ID)");
        free(sid);
        return rc;
    }
    free(sid);
    const study_ref *st = &r->studies[j];
    /* A study may sit in several subgroups of one analysis (RevMan splits a
     * trial's subpopulations, e.g. throat swab positive / negative), but
     * srw holds one record per study and outcome: the second and later
     * entries get the subgroup's number, "Chapple 1956 [1.4.2]".  A study
     * may also have two or more rows in one subgroup (two intervention arms
     * against one control, or a trial entered twice): they are its arms,
     * "row 1", "row 2", ... (srw/arms.h), pooled as RevMan pools them, each
     * row against its own control (the imported analysis's stored rule),
     * RevMan's stored result of each named "Dutta 1996 IND (row 2)" as srw
     * names the comparison; the review notes it for the import's warning (a
     * shared control arm counted twice). */
    char key[600], label[600], rkey[610], arm[32] = "";
    size_t rows = 0, first_sub = 0;
    const char *sub = subgroup ? subgroup : "";
    snprintf(key, sizeof key, "%s\x1f%.*s", st->id, (int)srw_utf8_prefix(sub, 500), sub);
    snprintf(rkey, sizeof rkey, "\x1e%s", key);
    (void)srw_strmap_get(seen, key, &rows);
    /* The subgroup (its number + 1) where the study first appeared. */
    if (!srw_strmap_get(seen, st->id, &first_sub))
        first_sub = a->n_subgroups + 1;
    size_t row_no = rows + 1;
    if (first_sub != a->n_subgroups + 1)
        snprintf(label, sizeof label, "%.*s [%s.%zu]", (int)srw_utf8_prefix(st->label, 500), st->label, a->number, a->n_subgroups);
    else /* a label cut on a character: the store holds UTF-8 */
        snprintf(label, sizeof label, "%.*s", (int)srw_utf8_prefix(st->label, 500), st->label);
    if (row_no > 1) {
        if (srw_rm5_note_repeat(out, a, label, subgroup, row_no) != 0)
            return oom(r);
        snprintf(arm, sizeof arm, "row %zu", row_no);
        /* The first row becomes "row 1", now that the study has another. */
        size_t first;
        if (row_no == 2 && a->data_type != SRW_RM5_OTHER && srw_strmap_get(seen, rkey, &first)) {
            srw_record *fr = &out->set.records[first >> 20];
            srw_rm5_study_result *fs = &a->studies[first & 0xFFFFF];
            char fl[640];
            snprintf(fl, sizeof fl, "%s (row 1)", label);
            free(fr->arm);
            free(fs->study);
            if ((fr->arm = strdup("row 1")) == NULL || (fs->study = strdup(fl)) == NULL)
                return oom(r);
        }
    }
    if (srw_strmap_put(seen, key, row_no) != 0 || srw_strmap_put(seen, st->id, first_sub) != 0)
        return oom(r);
    /* The comparison's name, as srw labels one arm of several. */
    char compared[640];
    if (row_no > 1)
        snprintf(compared, sizeof compared, "%s (%s)", label, arm);
    else
        snprintf(compared, sizeof compared, "%s", label);
    int rc;
    if (a->data_type == SRW_RM5_OTHER) {
        if (srw_grow((void **)&out->other, out->n_other, &r->cap_other, sizeof *out->other) != 0)
            return oom(r);
        srw_rm5_other *o = &out->other[out->n_other++];
        memset(o, 0, sizeof *o);
        o->use = strdup(a->use);
        o->outcome = strdup(a->outcome);
        o->study = strdup(compared); /* text, not analysed: one entry per row */
        o->text = text_of(row);
        return (o->use && o->outcome && o->study) ? 0 : oom(r);
    }
    /* RevMan's stored result for the study. */
    srw_rm5_study_result *sr = NULL;
    {
        size_t cap = a->n_studies; /* grown one at a time: analyses are small */
        srw_rm5_study_result *p = realloc(a->studies, (cap + 1) * sizeof *p);
        if (p == NULL)
            return oom(r);
        a->studies = p;
        sr = &a->studies[a->n_studies++];
        memset(sr, 0, sizeof *sr);
        sr->study = strdup(compared);
        sr->subgroup = dup_or_null(subgroup);
        if (sr->study == NULL || (subgroup && sr->subgroup == NULL))
            return oom(r);
        if ((rc = num(r, row, "EFFECT_SIZE", &sr->effect)) || (rc = num(r, row, "CI_START", &sr->ci_lower)) ||
            (rc = num(r, row, "CI_END", &sr->ci_upper)) || (rc = num(r, row, "SE", &sr->se)) ||
            (rc = num(r, row, "WEIGHT", &sr->weight)))
            return rc;
        sr->present = !isnan(sr->effect) || !isnan(sr->weight);
        sr->estimable = prop_is(row, "ESTIMABLE", "YES");
    }
    if (srw_grow((void **)&out->set.records, out->set.n_records, &r->cap_records, sizeof(srw_record)) != 0)
        return oom(r);
    srw_record *rec = &out->set.records[out->set.n_records++];
    init_record(rec);
    rec->line = xmlGetLineNo(row);
    /* Where the first row of a study went, for its arm (record << 20 |
     * study result: an analysis has far fewer than 2^20 rows). */
    if (row_no == 1 && srw_strmap_put(seen, rkey, (out->set.n_records - 1) << 20 | (a->n_studies - 1)) != 0)
        return oom(r);
    if (row_no > 1 && (rec->arm = strdup(arm)) == NULL)
        return oom(r);
    switch (a->data_type) {
    case SRW_RM5_DICH:
        rec->type = SRW_TYPE_DICHOTOMOUS;
        if ((rc = data(r, row, "EVENTS_1", SRW_FIELD_COUNT, &rec->exp_events)) ||
            (rc = data(r, row, "TOTAL_1", SRW_FIELD_COUNT, &rec->exp_total)) ||
            (rc = data(r, row, "EVENTS_2", SRW_FIELD_COUNT, &rec->ctl_events)) ||
            (rc = data(r, row, "TOTAL_2", SRW_FIELD_COUNT, &rec->ctl_total)))
            return rc;
        break;
    case SRW_RM5_CONT:
        rec->type = SRW_TYPE_CONTINUOUS;
        if ((rc = data(r, row, "MEAN_1", SRW_FIELD_NUMBER, &rec->exp_mean)) ||
            (rc = data(r, row, "SD_1", SRW_FIELD_NUMBER, &rec->exp_sd)) ||
            (rc = data(r, row, "TOTAL_1", SRW_FIELD_COUNT, &rec->exp_total)) ||
            (rc = data(r, row, "MEAN_2", SRW_FIELD_NUMBER, &rec->ctl_mean)) ||
            (rc = data(r, row, "SD_2", SRW_FIELD_NUMBER, &rec->ctl_sd)) ||
            (rc = data(r, row, "TOTAL_2", SRW_FIELD_COUNT, &rec->ctl_total)))
            return rc;
        break;
    case SRW_RM5_IV: {
        rec->type = SRW_TYPE_GENERIC;
        /* The entered estimate is ESTIMATE: on the natural-log scale when
         * the analysis has LOG_DATA="YES" (a hazard ratio's ln HR), as it
         * was typed.  EFFECT_SIZE is the value RevMan displays (the ratio
         * itself) and LOG_EFFECT_SIZE its base-10 logarithm: CD003188's HR
         * 1.5853 has ESTIMATE 0.4608 = ln 1.5853 and LOG_EFFECT_SIZE
         * 0.2001 = log10 1.5853.  A file without ESTIMATE (older RevMan)
         * gives ln EFFECT_SIZE, or LOG_EFFECT_SIZE x ln 10. */
        int ratio = srw_rm5_is_ratio(a);
        if ((rc = data(r, row, "ESTIMATE", SRW_FIELD_NUMBER, &rec->estimate)) ||
            (rc = data(r, row, "SE", SRW_FIELD_NUMBER, &rec->se)))
            return rc;
        if (isnan(rec->estimate)) {
            double shown = NAN, log10_shown = NAN;
            if ((rc = num(r, row, "EFFECT_SIZE", &shown)) || (rc = num(r, row, "LOG_EFFECT_SIZE", &log10_shown)))
                return rc;
            if (!ratio)
                rec->estimate = shown;
            else if (shown > 0 && isfinite(shown))
                rec->estimate = log(shown);
            else if (isfinite(log10_shown))
                rec->estimate = log10_shown * log(10.0);
        }
        break;
    }
    case SRW_RM5_IPD: {
        /* Peto's one-step estimate from O - E and its variance V:
         * log OR = (O - E) / V, var = 1 / V (Yusuf et al. 1985). */
        double oe, v;
        rec->type = SRW_TYPE_GENERIC;
        if ((rc = data(r, row, "O_E", SRW_FIELD_NUMBER, &oe)) || (rc = data(r, row, "VAR", SRW_FIELD_NUMBER, &v)))
            return rc;
        if (!(v > 0) || isnan(oe))
            return fail_attr(r, row, isnan(oe) ? "O_E" : "VAR", "analysis %s: study '%s' needs O_E and a positive VAR",
                             a->number, st->label);
        rec->estimate = oe / v;
        rec->se = 1.0 / sqrt(v);
        break;
    }
    default:
        break;
    }
    rec->study = strdup(label);
    rec->use = strdup(a->use);
    rec->outcome = strdup(a->outcome);
    rec->year = st->year;
    rec->comparison = strdup(a->use);
    rec->intervention = dup_or_null(a->group_label_1);
    rec->comparator = dup_or_null(a->group_label_2);
    rec->subgroup = dup_or_null(subgroup);
    char src[512];
    snprintf(src, sizeof src, "%s (RevMan %s), analysis %s", r->base,
             out->revman_version ? out->revman_version : "5", a->number);
    rec->source = strdup(src);
    rec->notes = footnotes(row);
    for (int d = 0; d < SRW_ROB_N; d++)
        rec->rob[d] = st->rob_conflict[d] ? SRW_ROB_UNSET : st->rob[d];
    rec->rob_source = strdup("RevMan risk-of-bias table");
    if (!rec->study || !rec->use || !rec->outcome || !rec->comparison || !rec->source || !rec->rob_source)
        return oom(r);
    if ((rc = srw_record_validate(rec, r->err)) != 0) {
        char msg[sizeof r->err->message], field[sizeof r->err->field];
        snprintf(msg, sizeof msg, "%s", r->err->message);
        snprintf(field, sizeof field, "%s", r->err->field);
        return fail_attr(r, row, field_attribute(field, a->data_type), "analysis %s, study '%s': %s%s%s", a->number,
                         st->label, field[0] ? field : "", field[0] ? ": " : "", msg);
    }
    return 0;
}

/* A confidence level (CI_STUDY, CI_TOTAL): absent -> NAN. */
static int level(rd *r, const xmlNode *n, const char *name, double *out)
{
    *out = NAN;
    char *v = prop(n, name);
    if (v == NULL)
        return 0;
    srw_error e;
    int rc = srw_io__revman_level(out, v, &e);
    if (rc == SRW_EDATA)
        rc = fail_attr(r, n, name, "%s %s: %s", (const char *)n->name, name, e.message);
    free(v);
    return rc;
}

/* DICH_OUTCOME -> SRW_RM5_DICH, ... ; 0 for an unknown *_OUTCOME. */
static srw_rm5_data_type outcome_kind(const char *tag)
{
    static const char *const tags[] = {NULL, "DICH_OUTCOME", "CONT_OUTCOME", "IV_OUTCOME", "IPD_OUTCOME",
                                       "OTHER_OUTCOME"};
    for (int t = SRW_RM5_DICH; t <= SRW_RM5_OTHER; t++)
        if (strcmp(tag, tags[t]) == 0)
            return (srw_rm5_data_type)t;
    return (srw_rm5_data_type)0;
}

static int read_analysis(rd *r, const xmlNode *o, const char *use, const char *cmp_no)
{
    srw_rm5_review *out = r->out;
    srw_rm5_data_type kind = outcome_kind((const char *)o->name);
    if (kind == 0)
        return fail_at(r, o, "unknown outcome type <%s> (RevMan 5 has DICH, CONT, IV, IPD and OTHER outcomes)",
                       (const char *)o->name);
    if (srw_grow((void **)&out->analyses, out->n_analyses, &r->cap_analyses, sizeof *out->analyses) != 0)
        return oom(r);
    srw_rm5_analysis *a = &out->analyses[out->n_analyses++];
    memset(a, 0, sizeof *a);
    a->line = xmlGetLineNo(o);
    a->data_type = kind;
    a->q_sub = a->df_sub = a->p_sub = a->i2_sub = NAN;
    char *no = prop(o, "NO");
    char num_buf[64];
    snprintf(num_buf, sizeof num_buf, "%s.%s", cmp_no, no ? no : "?");
    free(no);
    a->number = strdup(num_buf);
    a->name = child_text(o, "NAME");
    if (a->name == NULL)
        a->name = strdup("(unnamed)");
    a->revman_id = prop(o, "ID");
    a->use = strdup(use);
    size_t len = strlen(num_buf) + strlen(a->name ? a->name : "") + 2;
    a->outcome = malloc(len);
    if (!a->number || !a->name || !a->use || !a->outcome)
        return oom(r);
    snprintf(a->outcome, len, "%s %s", num_buf, a->name);
    a->revman_measure = prop(o, "EFFECT_MEASURE");
    a->method = prop(o, "METHOD");
    a->random = prop_is(o, "RANDOM", "YES");
    a->swap_events = prop_is(o, "SWAP_EVENTS", "YES");
    a->subgroup_test = prop_is(o, "SUBGROUP_TEST", "YES");
    a->has_subgroups = prop_is(o, "SUBGROUPS", "YES");
    a->log_data = prop_is(o, "LOG_DATA", "YES");
    a->totals = prop(o, "TOTALS");
    a->group_label_1 = child_text(o, "GROUP_LABEL_1");
    a->group_label_2 = child_text(o, "GROUP_LABEL_2");
    a->graph_label_1 = child_text(o, "GRAPH_LABEL_1");
    a->graph_label_2 = child_text(o, "GRAPH_LABEL_2");
    if (srw_rm5_set_measure(a) != 0)
        return oom(r);
    int rc;
    if ((rc = level(r, o, "CI_STUDY", &a->ci_study)) || (rc = level(r, o, "CI_TOTAL", &a->ci_total)) ||
        (rc = read_pooled(r, o, &a->overall)) || (rc = num(r, o, "Q", &a->q_sub)) ||
        (rc = num(r, o, "P_Q", &a->p_sub)) || (rc = num(r, o, "I2_Q", &a->i2_sub)))
        return rc;
    srw_strmap seen = {0};
    const char *row_tag = NULL, *sub_tag = NULL;
    static const char *const rows[] = {NULL, "DICH_DATA", "CONT_DATA", "IV_DATA", "IPD_DATA", "OTHER_DATA"};
    static const char *const subs[] = {NULL, "DICH_SUBGROUP", "CONT_SUBGROUP", "IV_SUBGROUP", "IPD_SUBGROUP",
                                       "OTHER_SUBGROUP"};
    row_tag = rows[kind];
    sub_tag = subs[kind];
    for (const xmlNode *c = o->children; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, row_tag)) {
            rc = read_row(r, c, a, NULL, &seen);
        } else if (is(c, sub_tag)) {
            srw_rm5_subgroup *g = realloc(a->subgroups, (a->n_subgroups + 1) * sizeof *g);
            if (g == NULL) {
                rc = oom(r);
                break;
            }
            a->subgroups = g;
            g = &a->subgroups[a->n_subgroups++];
            memset(g, 0, sizeof *g);
            g->name = child_text(c, "NAME");
            if (g->name == NULL) {
                char *sno = prop(c, "NO");
                char b[80];
                snprintf(b, sizeof b, "Subgroup %s", sno ? sno : "?");
                free(sno);
                g->name = strdup(b);
            }
            if (g->name == NULL) {
                rc = oom(r);
                break;
            }
            if ((rc = read_pooled(r, c, &g->pooled)) != 0)
                break;
            for (const xmlNode *d = c->children; d && rc == 0; d = d->next)
                if (is(d, row_tag))
                    rc = read_row(r, d, a, g->name, &seen);
                else if (d->type == XML_ELEMENT_NODE && ends_with((const char *)d->name, "_DATA"))
                    rc = fail_at(r, d, "analysis %s: <%s> inside a %s", a->number, (const char *)d->name, sub_tag);
        } else if (ends_with((const char *)c->name, "_DATA") || ends_with((const char *)c->name, "_SUBGROUP")) {
            rc = fail_at(r, c, "analysis %s: <%s> inside a <%s>", a->number, (const char *)c->name,
                         (const char *)o->name);
        }
    }
    srw_strmap_dispose(&seen);
    a->subgroup_test_present = a->n_subgroups > 1 && !isnan(a->q_sub);
    if (a->subgroup_test_present)
        a->df_sub = (double)a->n_subgroups - 1;
    return rc;
}

static int read_analyses(rd *r, const xmlNode *root)
{
    const xmlNode *ad = find(root, "ANALYSES_AND_DATA");
    if (ad == NULL)
        return 0;
    srw_strmap outcomes = {0};
    int rc = 0;
    for (const xmlNode *c = ad->children; c && rc == 0; c = c->next) {
        if (!is(c, "COMPARISON"))
            continue;
        char *name = child_text(c, "NAME");
        char *no = prop(c, "NO");
        if (name == NULL || no == NULL) {
            rc = fail_at(r, c, "COMPARISON without %s", name == NULL ? "a NAME" : "a NO attribute");
        } else {
            for (const xmlNode *o = c->children; o && rc == 0; o = o->next) {
                if (o->type != XML_ELEMENT_NODE || !ends_with((const char *)o->name, "_OUTCOME"))
                    continue;
                rc = read_analysis(r, o, name, no);
                if (rc == 0) {
                    const srw_rm5_analysis *a = &r->out->analyses[r->out->n_analyses - 1];
                    size_t klen = strlen(a->use) + strlen(a->outcome) + 2, j;
                    char *key = malloc(klen);
                    if (key == NULL) {
                        rc = oom(r);
                        break;
                    }
                    snprintf(key, klen, "%s\x1f%s", a->use, a->outcome);
                    if (srw_strmap_get(&outcomes, key, &j))
                        rc = fail_at(r, o, "analysis %s appears twice in comparison '%s'", a->number, a->use);
                    else if (srw_strmap_put(&outcomes, key, 1) != 0)
                        rc = oom(r);
                    free(key);
                }
            }
        }
        free(name);
        free(no);
    }
    srw_strmap_dispose(&outcomes);
    return rc;
}

/* --- entry points ---------------------------------------------------------- */

/* The first element (document order) deeper than max levels below and
 * including root, or NULL. */
static const xmlNode *deeper_than(const xmlNode *root, int max)
{
    const xmlNode *c = root;
    int depth = 1;
    while (c != NULL) {
        if (depth > max)
            return c;
        const xmlNode *next = NULL;
        for (const xmlNode *d = c->children; d && next == NULL; d = d->next)
            if (d->type == XML_ELEMENT_NODE)
                next = d;
        if (next != NULL) {
            depth++;
            c = next;
            continue;
        }
        for (; c != NULL && c != root; c = c->parent, depth--) {
            for (const xmlNode *s = c->next; s && next == NULL; s = s->next)
                if (s->type == XML_ELEMENT_NODE)
                    next = s;
            if (next != NULL)
                break;
        }
        c = next;
    }
    return NULL;
}

/* Elements nested deeper than srw reads: at element n, or at line:col. */
static int too_deep(rd *r, const xmlNode *n, long line, long col)
{
    static const char msg[] = "elements nested more than %d deep, srw's limit for a RevMan file (RevMan's own "
                              "files nest about 10): is this a RevMan 5 file?";
    if (n != NULL)
        return fail_at(r, n, msg, SRW_RM5_MAX_DEPTH);
    SRW_FAIL(r->err, SRW_EDATA, msg, SRW_RM5_MAX_DEPTH);
    srw_error_locate(r->err, r->path, line, col, NULL);
    return SRW_EDATA;
}

static int parse_doc(rd *r, const char *data, size_t len)
{
    if (len > (size_t)2147483647)
        return SRW_FAIL(r->err, SRW_EDATA, "%s is too large for a RevMan file", r->path);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return oom(r);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, r->path, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = 0;
    if (doc == NULL || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[300] = "not well-formed XML";
        long line = 0, col = 0;
        if (e && e->message && strncmp(e->message, "Excessive depth in document", 27) == 0) {
            /* libxml2's own limit, met before srw's below could be: the
             * same message, where libxml2 stopped. */
            rc = too_deep(r, NULL, e->line, e->int2);
            goto done;
        }
        if (e && e->message) {
            srw_snprintf_utf8(msg, sizeof msg, "%s", e->message);
            msg[strcspn(msg, "\n")] = '\0'; /* libxml2 adds the bytes on a second line */
            if (strstr(msg, "not proper UTF-8"))
                srw_snprintf_utf8(msg + strlen(msg), sizeof msg - strlen(msg),
                                  " (the encoding the file declares does not match its bytes)");
            size_t n = strlen(msg);
            while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
                msg[--n] = '\0';
            line = e->line;
            col = e->int2;
        }
        rc = SRW_FAIL(r->err, SRW_EDATA, "not a readable RevMan file: %s", msg);
        srw_error_locate(r->err, r->path, line, col, NULL);
        goto done;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    r->root = root;
    r->data = data;
    r->len = len;
    r->utf8 = doc->encoding == NULL || strcasecmp((const char *)doc->encoding, "UTF-8") == 0;
    if (doc->encoding != NULL && (strstr((const char *)doc->encoding, "16") || strstr((const char *)doc->encoding, "32") ||
                                  strncasecmp((const char *)doc->encoding, "UCS", 3) == 0))
        r->data = NULL; /* not one byte per ASCII character: no column is found in its bytes */
    if (root == NULL || !is(root, "COCHRANE_REVIEW")) {
        rc = fail_at(r, root, "not a RevMan 5 file: the root element is <%s>, not <COCHRANE_REVIEW>",
                     root ? (const char *)root->name : "(none)");
        goto done;
    }
    const xmlNode *deep = deeper_than(root, SRW_RM5_MAX_DEPTH);
    if (deep != NULL) {
        rc = too_deep(r, deep, 0, 0);
        goto done;
    }
    srw_rm5_review *out = r->out;
    out->revman_version = prop(root, "REVMAN_SUB_VERSION");
    const xmlNode *cover = find(root, "COVER_SHEET");
    out->title = cover ? child_text(cover, "TITLE") : NULL;
    if ((rc = read_studies(r, root)) != 0 || (rc = read_rob(r, root)) != 0 || (rc = read_analyses(r, root)) != 0)
        goto done;
done:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

int srw_rm5_read_buffer(srw_rm5_review *out, const char *data, size_t len, const char *name, srw_error *err)
{
    memset(out, 0, sizeof *out);
    out->format = "rm5";
    rd r;
    srw_error local;
    memset(&r, 0, sizeof r);
    r.path = name;
    r.err = err ? err : &local;
    r.out = out;
    const char *slash = strrchr(name, '/');
    r.base = slash ? slash + 1 : name;
    int rc = 0;
    out->path = strdup(name);
    out->set.path = strdup(name);
    out->set.kind = SRW_FILE_TRIALS;
    if (out->path == NULL || out->set.path == NULL)
        rc = oom(&r);
    else
        rc = parse_doc(&r, data, len);
    for (size_t i = 0; i < r.n_studies; i++) {
        free(r.studies[i].id);
        free(r.studies[i].label);
    }
    free(r.studies);
    srw_strmap_dispose(&r.idx);
    if (rc != 0)
        srw_rm5_review_dispose(out);
    return rc;
}

int srw_rm5_read(srw_rm5_review *out, const char *path, srw_error *err)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return SRW_FAIL(err, SRW_EDATA, "%s is a directory, not a RevMan 5 file (.rm5)", path);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (len == cap) {
            if (cap >= SRW_RM5_MAX_BYTES) {
                rc = SRW_FAIL(err, SRW_EDATA, "%s is larger than %zu MB, too large for a RevMan file", path,
                              SRW_RM5_MAX_BYTES >> 20);
                goto done;
            }
            cap = cap ? cap * 2 : 1 << 16;
            char *p = realloc(buf, cap);
            if (p == NULL) {
                rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
                goto done;
            }
            buf = p;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f))
                rc = SRW_FAIL(err, SRW_EIO, "cannot read %s: %s", path, strerror(errno));
            break;
        }
    }
    if (rc == 0)
        rc = srw_rm5_read_buffer(out, buf, len, path, err);
done:
    fclose(f);
    free(buf);
    return rc;
}
