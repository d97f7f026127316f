/* srw add: enter or change one reviewer's record of one study and outcome,
 * from field=value arguments or, on a terminal, field by field. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/csv.h"
#include "srw/entry.h"
#include "srw/import.h"

enum { MAX_FIELDS = 64 };

typedef struct answers {
    size_t n;
    const char *fields[MAX_FIELDS];
    const char *values[MAX_FIELDS];
    char *owned[MAX_FIELDS]; /* answers typed at the prompt */
} answers;

static void answers_dispose(answers *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->owned[i]);
    a->n = 0;
}

/* Set (or replace) one answer; value is owned when own is set. */
static int answers_set(answers *a, const char *field, const char *value, char *own)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->fields[i], field) == 0) {
            free(a->owned[i]);
            a->values[i] = value;
            a->owned[i] = own;
            return 0;
        }
    if (a->n == MAX_FIELDS)
        return -1;
    a->fields[a->n] = field;
    a->values[a->n] = value;
    a->owned[a->n] = own;
    a->n++;
    return 0;
}

/* field=value arguments; rob domains may drop their "rob_" prefix. */
static int split_fields(answers *a, int n_pos, char **pos)
{
    for (int i = 0; i < n_pos; i++) {
        char *eq = strchr(pos[i], '=');
        if (eq == NULL || eq == pos[i])
            return cli_usage_error("'%s' is not field=value", pos[i]);
        *eq = '\0';
        int d = srw_rob_domain_parse(pos[i]);
        const char *field = d >= 0 ? srw_rob_domain_column((srw_rob_domain)d) : pos[i];
        if (!srw_record_is_column(field))
            return cli_usage_error(
                "unknown field '%s' (the fields are the import's columns: see `srw add --help`)", pos[i]);
        if (answers_set(a, field, eq + 1, NULL) != 0)
            return cli_usage_error("too many fields");
    }
    return -1;
}

static const char *type_rules(srw_outcome_type t)
{
    switch (t) {
    case SRW_TYPE_DICHOTOMOUS:
        return "events and total per arm: whole numbers, events <= total, total >= 1";
    case SRW_TYPE_CONTINUOUS:
        return "mean, SD and total per arm: SD >= 0 (not 0 with more than one participant), total >= 1";
    case SRW_TYPE_GENERIC:
        return "estimate and SE on the analysis scale: SE > 0; arm totals optional";
    default:
        return "dichotomous, continuous or generic";
    }
}

/* The columns asked for with outcome type t, in their order (srw_column.ask):
 * the ones the type needs (required = 1), or the others it may give. */
static size_t asked(const srw_column **out, srw_outcome_type t, int required)
{
    size_t n_cols, n = 0;
    const srw_column *cols = srw_record_columns(&n_cols);
    unsigned bit = SRW_TYPE_BIT(t);
    for (int rank = 1; rank <= (int)n_cols; rank++)
        for (size_t c = 0; c < n_cols; c++)
            if (cols[c].ask == rank && (cols[c].applies & bit) && ((cols[c].needs & bit) != 0) == required)
                out[n++] = &cols[c];
    return n;
}

/* Ask for one field until the answer passes the rules.  Returns 0, or
 * CLI_DATA when the input ends. */
static int ask(const srw_record *base, answers *a, const char *field, int required)
{
    char *current = NULL;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->fields[i], field) == 0 && a->values[i][0])
            current = strdup(a->values[i]);
    if (current == NULL)
        srw_record_field_text(base, field, &current, NULL);
    for (;;) {
        if (current)
            printf("%s%s [%s]: ", field, required ? "" : " (optional)", current);
        else
            printf("%s%s: ", field, required ? "" : " (optional)");
        fflush(stdout);
        char *line = NULL;
        size_t cap = 0;
        ssize_t n = getline(&line, &cap, stdin);
        if (n < 0) {
            free(line);
            free(current);
            fprintf(stderr, "srw: input ended before the record was complete; nothing written\n");
            return CLI_DATA;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0) {
            free(line);
            if (current || !required)
                break; /* keep what is there */
            printf("  %s is required for this outcome type\n", field);
            continue;
        }
        if (!required && strcmp(line, "-") == 0) {
            free(line);
            answers_set(a, field, "", NULL); /* clear an optional field */
            break;
        }
        /* Check the answer with everything answered so far before keeping it. */
        answers trial = *a;
        size_t i = 0;
        while (i < trial.n && strcmp(trial.fields[i], field) != 0)
            i++;
        if (i == trial.n) {
            if (trial.n == MAX_FIELDS) {
                free(line);
                break;
            }
            trial.fields[trial.n++] = field;
        }
        trial.values[i] = line;
        srw_error err;
        srw_error_clear(&err);
        if (srw_record_check_answers(base, trial.fields, trial.values, trial.n, &err) == 0) {
            answers_set(a, field, line, line);
            break;
        }
        char msg[700];
        srw_error_format(&err, msg, sizeof msg);
        printf("  not accepted: %s; try again\n", msg);
        free(line);
    }
    free(current);
    return 0;
}

static int prompt(const srw_record *base, answers *a)
{
    srw_outcome_type t = base->type;
    printf("%s / %s / %s\n", base->use, base->outcome, base->study);
    if (t == SRW_TYPE_NONE) {
        printf("A new outcome: its type is %s.\n", type_rules(t));
        int rc;
        while ((rc = ask(base, a, "type", 1)) == 0) {
            for (size_t i = 0; i < a->n; i++)
                if (strcmp(a->fields[i], "type") == 0)
                    t = srw_outcome_type_parse(a->values[i]);
            if (t != SRW_TYPE_NONE)
                break;
        }
        if (rc)
            return rc;
    }
    printf("Outcome type %s: %s.  Enter keeps the value in brackets, - clears an optional one.\n",
           srw_outcome_type_name(t), type_rules(t));
    const srw_column *cols[MAX_FIELDS];
    for (int required = 1; required >= 0; required--) {
        size_t n = asked(cols, t, required);
        for (size_t i = 0; i < n; i++) {
            int rc = ask(base, a, cols[i]->name, required);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* Shared by add and edit: base + answers, validated, written. */
int cli_write_record(srw_store *s, const srw_record *base, const char *const *fields,
                     const char *const *values, size_t n, const char *reviewer, const char *action,
                     const char *reason)
{
    srw_error err;
    srw_error_clear(&err);
    srw_record r;
    srw_import_stats st;
    memset(&st, 0, sizeof st);
    if (srw_record_apply_fields(&r, base, fields, values, n, &err) != 0)
        return cli_fail(&err);
    int status = CLI_OK;
    if (srw_import_put_record(s, &r, reviewer, action, reason, &st, &err) != 0)
        status = cli_fail(&err);
    else
        printf("%s / %s / %s: %s's record %s\n", r.use, r.outcome, r.study, reviewer,
               st.n_new       ? "added"
               : st.n_updated ? "changed"
                              : "unchanged");
    for (size_t i = 0; status == CLI_OK && i < st.n_changes; i++)
        printf("  %s\n", st.changes[i]);
    srw_import_stats_dispose(&st);
    srw_record_dispose(&r);
    return status;
}

int cmd_add(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *use = NULL, *outcome = NULL, *study = NULL;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"reviewer", "NAME", &who, NULL, "whose extraction this is " CLI_REVIEWER_DEFAULT},
        {"use", "U", &use, NULL, "the use (e.g. \"neck pain\")"},
        {"outcome", "O", &outcome, NULL, "the outcome"},
        {"study", "S", &study, NULL, "the study label (e.g. \"Foster 2001\")"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    char *pos[argc > 0 ? argc : 1];
    int n_pos,
        rc =
            cli_parse(argc, argv, opts,
                      "srw add [--db PATH] [--reviewer NAME] --use U --outcome O --study S [field=value ...]\n"
                      "  fields: the import's columns (type, exp_events, exp_total, ctl_events, ctl_total,\n"
                      "  exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, year, subgroup, comparison,\n"
                      "  intervention, comparator, direction, unit, mid, mid_source, source, notes,\n"
                      "  rob_* domains, rob_source, randomised, scale_min, scale_max, measured_as).  Without fields on a terminal, srw asks field by field.",
                      pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (!use || !outcome || !study)
        return cli_usage_error("add needs --use, --outcome and --study");
    answers a = {0};
    if ((rc = split_fields(&a, n_pos, pos)) >= 0)
        return rc;
    const char *reviewer = cli_who(who);
    if (reviewer == NULL)
        return cli_no_reviewer();
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 1, &names, &status);
    if (s == NULL) {
        answers_dispose(&a);
        return status;
    }
    srw_error err;
    srw_error_clear(&err);
    srw_record base;
    if (srw_store_get_record(s, use, outcome, study, reviewer, &base, &err) < 0) {
        status = cli_fail(&err);
        goto done_store;
    }
    /* Prompt only on a terminal: piped input never blocks on a question, it
     * fails on the first missing field instead. */
    if (n_pos == 0 && isatty(STDIN_FILENO) && (status = prompt(&base, &a)) != 0)
        goto done;
    status = cli_write_record(s, &base, a.fields, a.values, a.n, reviewer, "add", NULL);
done:
    srw_record_dispose(&base);
done_store:
    answers_dispose(&a);
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
