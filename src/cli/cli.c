/* Shared pieces of the subcommands: see cli.h. */
#include "cli/cli.h"
#include "srw/decimal.h"
#include "util/text.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void print_usage(FILE *f, const char *usage, const cli_opt *opts)
{
    fprintf(f, "usage: %s\n", usage);
    if (opts[0].name != NULL)
        fprintf(f, "\noptions:\n");
    for (const cli_opt *o = opts; o->name != NULL; o++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-24s %s\n", left, o->help);
    }
}

int cli_parse(int argc, char **argv, const cli_opt *opts, const char *usage, char **pos, int *n_pos)
{
    *n_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                pos[(*n_pos)++] = argv[i];
            break;
        }
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            pos[(*n_pos)++] = argv[i];
            continue;
        }
        if (strcmp(a, "--help") == 0) {
            print_usage(stdout, usage, opts);
            return CLI_OK;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const cli_opt *o = opts;
        while (o->name != NULL && !(strlen(o->name) == len && strncmp(o->name, name, len) == 0))
            o++;
        if (o->name == NULL) {
            fprintf(stderr, "srw: unknown option '%.*s'\n", (int)len + 2, a);
            print_usage(stderr, usage, opts);
            return CLI_USAGE;
        }
        if (o->arg == NULL) {
            if (eq != NULL)
                return cli_usage_error("option --%s takes no value", o->name);
            *o->flag = 1;
            continue;
        }
        char *v;
        if (eq != NULL) {
            v = argv[i] + (eq + 1 - a);
        } else {
            if (i + 1 >= argc)
                return cli_usage_error("option --%s needs a value (%s)", o->name, o->arg);
            v = argv[++i];
        }
        /* Names are trimmed as the CSV reader trims its fields, so that
         * "Foster 2001 " finds the record the import stored as "Foster 2001"
         * (argv's strings are the program's to change). */
        if (strcmp(o->name, "use") == 0 || strcmp(o->name, "outcome") == 0 || strcmp(o->name, "study") == 0) {
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = strlen(v);
            while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
                v[--n] = '\0';
        }
        *o->value = v;
    }
    return -1;
}

int cli_take_repeated(int *argc, char **argv, const char *name, const char **out, size_t *n)
{
    size_t len = strlen(name);
    int w = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { /* positional from here: kept as they are */
            while (i < *argc)
                argv[w++] = argv[i++];
            break;
        }
        if (strncmp(a, "--", 2) == 0 && strncmp(a + 2, name, len) == 0 && (a[2 + len] == '\0' || a[2 + len] == '=')) {
            if (a[2 + len] == '=') {
                out[(*n)++] = a + 3 + len;
            } else if (i + 1 < *argc) {
                out[(*n)++] = argv[++i];
            } else {
                return cli_usage_error("option --%s needs a value", name);
            }
            continue;
        }
        argv[w++] = argv[i];
    }
    *argc = w;
    return -1;
}

int cli_fail(const srw_error *err)
{
    char buf[1024];
    srw_error_format(err, buf, sizeof buf);
    fprintf(stderr, "srw: %s\n", buf);
    return err->code == SRW_EUSAGE ? CLI_USAGE : CLI_DATA;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("srw: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_USAGE;
}

/* The argument's name in help ("--tau2 T"), per list. */
static const char *const choice_arg[SRW_CHOICES_N] = {
    [SRW_CHOICES_PROFILE] = "P", [SRW_CHOICES_MEASURE] = "M", [SRW_CHOICES_SMD] = "S", [SRW_CHOICES_MODEL] = "M",
    [SRW_CHOICES_METHOD] = "M",  [SRW_CHOICES_TAU2] = "T",    [SRW_CHOICES_CI] = "C",
    [SRW_CHOICES_CC] = "CC",     [SRW_CHOICES_DOUBLE_ZERO] = "D", [SRW_CHOICES_MULTI_ARM] = "A",
};

size_t cli_analysis_opts(cli_opt *opts, cli_analysis_args *a)
{
    size_t n = 0;
    for (int l = 0; l < SRW_CHOICES_N; l++) {
        const srw_choices *c = srw_choices_of((srw_choice_list)l);
        srw_choices_text(a->help[l], sizeof a->help[l], c, 1);
        opts[n++] = (cli_opt){c->key, choice_arg[l], &a->choice[l], NULL, a->help[l]};
    }
    opts[n++] = (cli_opt){"level", "L", &a->level, NULL, "confidence level in percent (default 95)"};
    opts[n++] = (cli_opt){"max-iter", "N", &a->max_iter, NULL,
                          "iteration limit of iterative tau2 estimators (default 1000)"};
    opts[n++] = (cli_opt){"total", NULL, NULL, &a->total,
                          "pool a total where an imported review reports none (subtotals only, no totals)"};
    return n;
}

int cli_analysis_given(const cli_analysis_args *a)
{
    for (int l = 0; l < SRW_CHOICES_N; l++)
        if (a->choice[l] != NULL)
            return 1;
    return a->level != NULL || a->max_iter != NULL || a->total;
}

int cli_analysis_options(srw_pool_options *out, const cli_analysis_args *a, srw_error *err)
{
    srw_pool_options init = SRW_POOL_OPTIONS_INIT;
    *out = init;
    for (int l = 0; l < SRW_CHOICES_N; l++) {
        const char *v = a->choice[l];
        if (v == NULL || srw_pool_options_choose(out, (srw_choice_list)l, v) == 0)
            continue;
        const srw_choices *c = srw_choices_of((srw_choice_list)l);
        char names[200];
        srw_choices_text(names, sizeof names, c, 0);
        if (l == SRW_CHOICES_CC) /* a constant is any number in (0, 1] */
            return SRW_FAIL(err, SRW_EUSAGE, "--cc must be a constant in (0, 1] such as 0.5, tacc or none (got '%s')", v);
        return SRW_FAIL(err, SRW_EUSAGE, "--%s must be %s (got '%s')", c->key, names, v);
    }
    if (a->level) {
        /* srw's one number parser, as every file's numbers ("0x50" is no level) */
        double l = 0;
        if (srw_number_parse(&l, a->level, NULL) != 0 || !srw_pool_level_valid(l))
            return SRW_FAIL(err, SRW_EUSAGE, "--level must be a percentage between 0 and 100 (got '%s')",
                            a->level);
        out->level = l;
    }
    if (a->total)
        out->totals = SRW_TOTALS_ALL;
    if (a->max_iter) {
        long n;
        if (cli_whole_number(a->max_iter, 1, 1000000, &n) != 0)
            return SRW_FAIL(err, SRW_EUSAGE, "--max-iter must be a whole number from 1 to 1000000");
        out->max_iter = (int)n;
    }
    return 0;
}

int cli_whole_number(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    long n = strtol(s, &end, 10);
    if (end == s || *end != '\0' || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

unsigned cli_cpus(unsigned most)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (unsigned long)n > most ? most : (unsigned)n;
}

const char *cli_db_path(const char *opt)
{
    if (opt != NULL && opt[0] != '\0')
        return opt;
    const char *env = getenv("SRW_DB");
    return env != NULL && env[0] != '\0' ? env : "review.db";
}

const char *cli_who(const char *opt)
{
    if (opt != NULL && opt[0] != '\0')
        return opt;
    const char *r = getenv("SRW_REVIEWER");
    if (r != NULL && r[0] != '\0')
        return r;
    const char *u = getenv("USER");
    return u != NULL && u[0] != '\0' ? u : NULL;
}

int cli_no_reviewer(void)
{
    return cli_usage_error("who is the reviewer? give --reviewer NAME, or set SRW_REVIEWER (export "
                           "SRW_REVIEWER=NAME); $USER is not set either");
}

int cli_find_names(srw_store *s, const char **use, const char **outcome, int new_ok, cli_names *keep)
{
    srw_error err;
    srw_error_clear(&err);
    keep->use = keep->outcome = NULL;
    if (use == NULL || *use == NULL)
        return CLI_OK;
    int rc = srw_store_find_use(s, *use, !new_ok, &keep->use, &err);
    if (rc == SRW_ENOTFOUND && new_ok)
        return CLI_OK; /* a new use, and so a new outcome */
    if (rc != 0)
        return cli_fail(&err);
    *use = keep->use;
    if (outcome == NULL || *outcome == NULL)
        return CLI_OK;
    rc = srw_store_find_outcome(s, *use, *outcome, !new_ok, &keep->outcome, &err);
    if (rc == SRW_ENOTFOUND && new_ok)
        return CLI_OK;
    if (rc != 0) {
        /* the caller disposes of keep only when this succeeds */
        int status = cli_fail(&err);
        cli_names_dispose(keep);
        return status;
    }
    *outcome = keep->outcome;
    return CLI_OK;
}

void cli_names_dispose(cli_names *keep)
{
    if (keep == NULL)
        return;
    free(keep->use);
    free(keep->outcome);
    keep->use = keep->outcome = NULL;
}

srw_store *cli_open_store(const char *db_opt, int *status)
{
    srw_error err;
    srw_error_clear(&err);
    srw_store *s = NULL;
    if (srw_store_open(&s, cli_db_path(db_opt), 0, &err) != 0) {
        *status = cli_fail(&err);
        return NULL;
    }
    *status = CLI_OK;
    return s;
}

srw_store *cli_open_named(const char *db_opt, const char **use, const char **outcome, int new_ok, cli_names *keep,
                          int *status)
{
    srw_store *s = cli_open_store(db_opt, status);
    if (s == NULL)
        return NULL;
    if ((*status = cli_find_names(s, use, outcome, new_ok, keep)) != CLI_OK) {
        srw_store_close(s);
        return NULL;
    }
    return s;
}

const char *cli_count(char *buf, size_t n, long long k, const char *one, const char *many)
{
    snprintf(buf, n, "%lld %s", k, k == 1 ? one : many);
    return buf;
}

int cli_finish_stdout(int status)
{
    /* A command that failed has said why (a write that failed among
     * others): one message per failure. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && status == CLI_OK) {
        fprintf(stderr, "srw: error writing the output\n");
        return CLI_DATA;
    }
    return status;
}

static json_t *value_json(const srw_value *v)
{
    switch (v->type) {
    case SRW_VALUE_INT:
        return json_integer(v->i);
    case SRW_VALUE_REAL:
        return isfinite(v->r) ? json_real(v->r) : json_null();
    case SRW_VALUE_TEXT:
        return json_string(v->text);
    default:
        return json_null();
    }
}

static void value_text(const srw_value *v, char *buf, size_t n)
{
    switch (v->type) {
    case SRW_VALUE_INT:
        snprintf(buf, n, "%lld", v->i);
        break;
    case SRW_VALUE_REAL:
        snprintf(buf, n, "%.6g", v->r);
        break;
    case SRW_VALUE_TEXT:
        srw_snprintf_utf8(buf, n, "%s", v->text);
        /* A table for people: a line break or an escape in a text (a
         * support quote) would break its rows; --json keeps the text. */
        for (char *p = buf; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = ' ';
        break;
    default:
        snprintf(buf, n, "-");
    }
}

/* Display width of UTF-8 text: one column per code point (good enough for
 * the Latin text of study labels). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* A column people read a name from and type it back (never cut). */
static int name_column(const char *c)
{
    static const char *const names[] = {"id", "use", "outcome", "study", "primary_outcome", "claim", "analysis"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(c, names[i]) == 0)
            return 1;
    return 0;
}

int cli_print_table(const srw_table *t, int json, int wide)
{
    if (json) {
        json_t *arr = json_array();
        for (size_t r = 0; r < t->n_rows; r++) {
            json_t *o = json_object();
            for (size_t c = 0; c < t->n_cols; c++)
                json_object_set_new(o, t->columns[c], value_json(srw_table_cell(t, r, c)));
            json_array_append_new(arr, o);
        }
        /* Listings show what people typed: 15 significant digits print -0.07
         * as -0.07 and give back every decimal number of up to 15 digits. */
        json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        fputc('\n', stdout);
        json_decref(arr);
        return 0;
    }
    enum { MAXW = 60 };
    size_t *w = calloc(t->n_cols ? t->n_cols : 1, sizeof *w), *cap = calloc(t->n_cols ? t->n_cols : 1, sizeof *cap);
    if (w == NULL || cap == NULL) {
        free(w);
        free(cap);
        return -1;
    }
    char buf[4096];
    for (size_t c = 0; c < t->n_cols; c++) {
        w[c] = width(t->columns[c]);
        cap[c] = wide || name_column(t->columns[c]) ? sizeof buf : MAXW;
    }
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            value_text(srw_table_cell(t, r, c), buf, sizeof buf);
            size_t x = width(buf);
            if (x > w[c])
                w[c] = x > cap[c] ? cap[c] : x;
        }
    for (size_t r = 0; r <= t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            if (r == 0)
                snprintf(buf, sizeof buf, "%s", t->columns[c]);
            else
                value_text(srw_table_cell(t, r - 1, c), buf, sizeof buf);
            size_t x = width(buf);
            if (x > cap[c]) { /* cut long text (sources) at a character boundary */
                size_t keep = 0, seen = 0;
                while (buf[keep] && seen < MAXW - 3) {
                    keep++;
                    while (((unsigned char)buf[keep] & 0xC0) == 0x80)
                        keep++;
                    seen++;
                }
                snprintf(buf + keep, sizeof buf - keep, "...");
                x = MAXW;
            }
            int last = c + 1 == t->n_cols;
            fputs(buf, stdout);
            if (!last)
                for (size_t p = x; p < w[c] + 2; p++)
                    fputc(' ', stdout);
        }
        fputc('\n', stdout);
    }
    free(w);
    free(cap);
    return 0;
}
