/* The partial result of a simulation study: writer and reader of the
 * format described in include/srw/simpart.h. */
#include "srw/simpart.h"
#include "util/text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "srw-simulate-part"

int srw_simpart_write(FILE *f, const srw_sim_result *r, unsigned part, unsigned parts, srw_error *err)
{
    const srw_sim_options *o = &r->opts;
    size_t n_set;
    const srw_sim_setting *set = srw_sim_settings(&n_set);
    char text[SRW_SIM_TEXT_MAX];
    fprintf(f, "%s %d\nsrw %s\n", MAGIC, SRW_SIMPART_VERSION, SRW_VERSION);
    for (size_t i = 0; i < n_set; i++) {
        srw_sim_options_get(text, sizeof text, o, set[i].key);
        fprintf(f, "%s %s\n", set[i].key, text);
    }
    fprintf(f, "block %d\nshard %u/%u\n", SRW_SIM_BLOCK, part, parts);
    uint64_t lines = 0;
    for (uint64_t u = 0; u < r->n_units; u++) {
        if (!r->done[u])
            continue;
        for (size_t m = 0; m < o->n_methods; m++) {
            const srw_sim_sums *s = &r->sums[u * o->n_methods + m];
            fprintf(f, "b %" PRIu64 " %zu %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %a %a %a %a %a %a\n",
                    u, m, s->n, s->fitted, s->covered, s->nonconv, s->pi_n, s->pi_cover, s->width, s->err,
                    s->err2, s->t2err, s->t2err2);
            lines++;
        }
    }
    fprintf(f, "end %" PRIu64 "\n", lines);
    if (ferror(f))
        return SRW_FAIL(err, SRW_EIO, "cannot write the partial result: %s", strerror(errno));
    return 0;
}

/* Reading state: the file, its current line and number. */
typedef struct reader {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    long no;
} reader;

/* The next line without its newline; NULL at the end. */
static char *next_line(reader *rd)
{
    ssize_t n = getline(&rd->line, &rd->cap, rd->f);
    if (n < 0)
        return NULL;
    rd->no++;
    if (n > 0 && rd->line[n - 1] == '\n')
        rd->line[--n] = '\0';
    return rd->line;
}

static int fail_at(reader *rd, srw_error *err, int code, const char *fmt, const char *detail)
{
    SRW_FAIL(err, code, fmt, detail);
    srw_error_locate(err, rd->path, rd->no, 0, NULL);
    return code;
}

/* "KEY VALUE": the value after key and one space, or NULL. */
static const char *value_of(const char *line, const char *key)
{
    size_t n = strlen(key);
    return strncmp(line, key, n) == 0 && line[n] == ' ' ? line + n + 1 : NULL;
}

static int parse_u64(const char **p, uint64_t *v)
{
    char *end;
    if (**p < '0' || **p > '9')
        return -1;
    errno = 0;
    unsigned long long x = strtoull(*p, &end, 10);
    if (errno != 0 || (*end != ' ' && *end != '\0'))
        return -1;
    *v = x;
    *p = *end == ' ' ? end + 1 : end;
    return 0;
}

static int parse_hex(const char **p, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(*p, &end);
    if (end == *p || errno == ERANGE || (*end != ' ' && *end != '\0'))
        return -1;
    *p = *end == ' ' ? end + 1 : end;
    return 0;
}

/* One "b ..." line into r: SRW_EDATA with the reason on a bad one. */
static int read_block(reader *rd, srw_sim_result *r, unsigned char *seen, unsigned part, unsigned parts,
                      srw_error *err)
{
    const char *p = rd->line + 2;
    uint64_t u, m, c[5];
    double d[6];
    int ok = parse_u64(&p, &u) == 0 && parse_u64(&p, &m) == 0;
    for (int i = 0; ok && i < 5; i++)
        ok = parse_u64(&p, &c[i]) == 0 && c[i] <= SRW_SIM_BLOCK;
    for (int i = 0; ok && i < 6; i++)
        ok = parse_hex(&p, &d[i]) == 0;
    if (!ok || *p != '\0')
        return fail_at(rd, err, SRW_EDATA, "a block line must be 'b UNIT METHOD' with 5 counts and 6 sums%s", "");
    if (u >= r->n_units || m >= r->opts.n_methods)
        return fail_at(rd, err, SRW_EDATA, "block or method out of the study's range%s", "");
    if (!srw_sim_unit_in_shard(u, part, parts))
        return fail_at(rd, err, SRW_EDATA, "block %s is not one of this part's blocks", rd->line + 2);
    uint64_t at = u * r->opts.n_methods + m;
    if (seen[at])
        return fail_at(rd, err, SRW_EDATA, "block %s is in the file twice", rd->line + 2);
    seen[at] = 1;
    srw_sim_sums *s = &r->sums[at];
    *s = (srw_sim_sums){(uint32_t)c[0], (uint32_t)c[1], (uint32_t)c[2], (uint32_t)c[3], (uint32_t)c[4],
                        d[0], d[1], d[2], d[3], d[4], d[5]};
    return 0;
}

/* The header: format, srw version, every setting, block size and shard. */
static int read_header(reader *rd, srw_sim_options *o, unsigned *part, unsigned *parts, srw_error *err)
{
    const char *v;
    char want[64];
    snprintf(want, sizeof want, "%s %d", MAGIC, SRW_SIMPART_VERSION);
    if (next_line(rd) == NULL || strcmp(rd->line, want) != 0)
        return fail_at(rd, err, SRW_EDATA,
                       "not a partial result of srw simulate (version 1: '%s' on its first line)", want);
    if (next_line(rd) == NULL || (v = value_of(rd->line, "srw")) == NULL)
        return fail_at(rd, err, SRW_EDATA, "the line 'srw VERSION' is missing%s", "");
    if (strcmp(v, SRW_VERSION) != 0) {
        char why[160];
        snprintf(why, sizeof why, "%.40s, not by this srw %s", v, SRW_VERSION);
        return fail_at(rd, err, SRW_EDATA,
                       "written by srw %s: run every part and the merge with one srw version", why);
    }
    size_t n_set;
    const srw_sim_setting *set = srw_sim_settings(&n_set);
    *o = (srw_sim_options)SRW_SIM_OPTIONS_INIT;
    for (size_t i = 0; i < n_set; i++) {
        if (next_line(rd) == NULL || (v = value_of(rd->line, set[i].key)) == NULL)
            return fail_at(rd, err, SRW_EDATA, "the setting '%s' is missing (the settings in their order)",
                           set[i].key);
        if (srw_sim_options_set(o, set[i].key, v, err) != 0) {
            srw_error_locate(err, rd->path, rd->no, 0, NULL);
            err->code = SRW_EDATA;
            return SRW_EDATA;
        }
    }
    snprintf(want, sizeof want, "block %d", SRW_SIM_BLOCK);
    if (next_line(rd) == NULL || strcmp(rd->line, want) != 0)
        return fail_at(rd, err, SRW_EDATA, "the line '%s' is missing (blocks of another size)", want);
    if (next_line(rd) == NULL || (v = value_of(rd->line, "shard")) == NULL ||
        sscanf(v, "%u/%u", part, parts) != 2 || *parts < 1 || *part < 1 || *part > *parts)
        return fail_at(rd, err, SRW_EDATA, "the line 'shard I/N' is missing or wrong%s", "");
    return 0;
}

int srw_simpart_read(srw_sim_result *out, unsigned *part_out, unsigned *parts_out, const char *path,
                     srw_error *err)
{
    memset(out, 0, sizeof *out);
    reader rd = {fopen(path, "r"), path, NULL, 0, 0};
    if (rd.f == NULL) {
        SRW_FAIL(err, SRW_EIO, "cannot open the partial result: %s", strerror(errno));
        srw_error_locate(err, path, 0, 0, NULL);
        return SRW_EIO;
    }
    srw_sim_options o;
    unsigned part = 0, parts = 0;
    unsigned char *seen = NULL;
    uint64_t lines = 0, want_end;
    int rc = read_header(&rd, &o, &part, &parts, err);
    if (rc == 0 && (rc = srw_sim_result_init(out, &o, err)) != 0) {
        srw_error_locate(err, path, rd.no, 0, NULL);
        if (rc == SRW_EUSAGE)
            err->code = rc = SRW_EDATA;
    }
    if (rc == 0 && (seen = calloc((size_t)(out->n_units * o.n_methods), 1)) == NULL)
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory (reading a partial result)");
    while (rc == 0) {
        if (next_line(&rd) == NULL) {
            rc = fail_at(&rd, err, SRW_EDATA, "the file ends before its 'end' line (cut short?)%s", "");
        } else if (strncmp(rd.line, "b ", 2) == 0) {
            rc = read_block(&rd, out, seen, part, parts, err);
            lines++;
        } else if (strncmp(rd.line, "end ", 4) == 0) {
            const char *p = rd.line + 4;
            if (parse_u64(&p, &want_end) != 0 || *p != '\0' || want_end != lines)
                rc = fail_at(&rd, err, SRW_EDATA, "the 'end' line does not count the block lines above%s", "");
            else if (next_line(&rd) != NULL)
                rc = fail_at(&rd, err, SRW_EDATA, "text after the 'end' line%s", "");
            break;
        } else {
            char shown[64]; /* the line's start, cut on a character */
            snprintf(shown, sizeof shown, "%.*s", (int)srw_utf8_prefix(rd.line, 60), rd.line);
            rc = fail_at(&rd, err, SRW_EDATA, "not a line of a partial result: '%s'", shown);
        }
    }
    /* A block is done when every method's sums are there. */
    for (uint64_t u = 0; rc == 0 && u < out->n_units; u++) {
        size_t have = 0;
        for (size_t m = 0; m < o.n_methods; m++)
            have += seen[u * o.n_methods + m];
        if (have != 0 && have != o.n_methods)
            rc = fail_at(&rd, err, SRW_EDATA, "a block lacks some methods' sums%s", "");
        out->done[u] = have != 0;
    }
    if (rc == 0 && ferror(rd.f))
        rc = fail_at(&rd, err, SRW_EIO, "cannot read the partial result%s", "");
    free(seen);
    free(rd.line);
    fclose(rd.f);
    if (rc != 0)
        srw_sim_result_dispose(out);
    else if (part_out != NULL && parts_out != NULL)
        *part_out = part, *parts_out = parts;
    return rc;
}
