/* srw reconcile: where two reviewers' extractions differ, agreement figures,
 * and the third reviewer's adjudication (--accept / --set). */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "srw/entry.h"
#include "srw/import.h"

static const char *cell(const srw_table *t, size_t r, size_t c)
{
    const srw_value *v = srw_table_cell(t, r, c);
    return v->type == SRW_VALUE_TEXT ? v->text : "";
}

static void print_text(const char *use, const srw_reconcile_report *rep)
{
    char n[48];
    printf("use '%s': %s extracted by two or more reviewers; %zu awaiting reconciliation"
           " (%zu of them identical), %zu adjudicated\n",
           use, cli_count(n, sizeof n, (long long)rep->n_items, "record", "records"), rep->n_awaiting,
           rep->n_agreeing, rep->n_items - rep->n_awaiting);
    const srw_table *t = &rep->differences;
    if (t->n_rows > 0)
        printf("\nDifferences awaiting reconciliation:\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        int new_item = r == 0 || strcmp(cell(t, r, 0), cell(t, r - 1, 0)) != 0 ||
                       strcmp(cell(t, r, 1), cell(t, r - 1, 1)) != 0;
        int new_field = new_item || strcmp(cell(t, r, 2), cell(t, r - 1, 2)) != 0;
        if (new_item)
            printf("%s / %s\n", cell(t, r, 0), cell(t, r, 1));
        if (new_field)
            printf("  %s: ", cell(t, r, 2));
        else
            printf(" | ");
        const char *v = cell(t, r, 4);
        printf("%s %s", cell(t, r, 3), v[0] ? v : "(missing)");
        int last = r + 1 == t->n_rows || strcmp(cell(t, r + 1, 2), cell(t, r, 2)) != 0 ||
                   strcmp(cell(t, r + 1, 1), cell(t, r, 1)) != 0 ||
                   strcmp(cell(t, r + 1, 0), cell(t, r, 0)) != 0;
        if (last)
            printf("\n");
    }
    if (rep->changed_since.n > 0)
        printf("\nChanged since adjudication (re-adjudicate with --accept or --set):\n");
    for (size_t i = 0; i < rep->changed_since.n; i++)
        printf("%s\n", rep->changed_since.names[i]);
    if (rep->n_fields > 0)
        printf("\nAgreement per field (records with two or more reviewers):\n");
    for (size_t i = 0; i < rep->n_fields; i++) {
        const srw_field_agreement *f = &rep->fields[i];
        printf("  %-14s %zu/%zu  %5.1f%%\n", f->field, f->agreed, f->compared,
               100.0 * (double)f->agreed / (double)f->compared);
    }
    if (rep->n_pairs > 0)
        printf("\nRisk of bias (%zu study-domain judgements differ), Cohen's kappa:\n",
               rep->n_rob_differences);
    for (size_t i = 0; i < rep->n_pairs; i++) {
        const srw_kappa_pair *k = &rep->pairs[i];
        char kap[32];
        if (isnan(k->kappa))
            snprintf(kap, sizeof kap, "undefined (one category only)");
        else
            snprintf(kap, sizeof kap, "%.2f", k->kappa);
        printf("  %s vs %s: %zu judgements, %.1f%% agree, kappa %s\n", k->reviewer_a, k->reviewer_b, k->n,
               100.0 * k->agreement, kap);
    }
    if (rep->n_rob2_pairs > 0)
        printf("\nRoB 2 (%zu result-domain judgements differ), Cohen's kappa:\n", rep->n_rob2_differences);
    for (size_t i = 0; i < rep->n_rob2_pairs; i++) {
        const srw_kappa_pair *k = &rep->rob2_pairs[i];
        char kap[32];
        if (isnan(k->kappa))
            snprintf(kap, sizeof kap, "undefined (one category only)");
        else
            snprintf(kap, sizeof kap, "%.2f", k->kappa);
        printf("  %s vs %s: %zu judgements, %.1f%% agree, kappa %s\n", k->reviewer_a, k->reviewer_b, k->n,
               100.0 * k->agreement, kap);
    }
}

static json_t *kappa_json(const srw_kappa_pair *pairs, size_t n)
{
    json_t *k = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "reviewer_a", json_string(pairs[i].reviewer_a));
        json_object_set_new(x, "reviewer_b", json_string(pairs[i].reviewer_b));
        json_object_set_new(x, "n", json_integer((json_int_t)pairs[i].n));
        json_object_set_new(x, "agreement", json_real(pairs[i].agreement));
        json_object_set_new(x, "kappa", isnan(pairs[i].kappa) ? json_null() : json_real(pairs[i].kappa));
        json_array_append_new(k, x);
    }
    return k;
}

static void print_json(const char *use, const srw_reconcile_report *rep)
{
    json_t *o = json_object();
    json_object_set_new(o, "use", json_string(use));
    json_object_set_new(o, "multi_reviewer_records", json_integer((json_int_t)rep->n_items));
    json_object_set_new(o, "awaiting", json_integer((json_int_t)rep->n_awaiting));
    json_object_set_new(o, "awaiting_identical", json_integer((json_int_t)rep->n_agreeing));
    json_t *d = json_array();
    const srw_table *t = &rep->differences;
    for (size_t r = 0; r < t->n_rows; r++) {
        json_t *row = json_object();
        for (size_t c = 0; c < t->n_cols; c++)
            json_object_set_new(row, t->columns[c], json_string(cell(t, r, c)));
        json_array_append_new(d, row);
    }
    json_object_set_new(o, "differences", d);
    json_t *f = json_array();
    for (size_t i = 0; i < rep->n_fields; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "field", json_string(rep->fields[i].field));
        json_object_set_new(x, "compared", json_integer((json_int_t)rep->fields[i].compared));
        json_object_set_new(x, "agreed", json_integer((json_int_t)rep->fields[i].agreed));
        json_object_set_new(
            x, "agreement_percent",
            json_real(100.0 * (double)rep->fields[i].agreed / (double)rep->fields[i].compared));
        json_array_append_new(f, x);
    }
    json_object_set_new(o, "fields", f);
    json_object_set_new(o, "rob_kappa", kappa_json(rep->pairs, rep->n_pairs));
    json_t *cs = json_array();
    for (size_t i = 0; i < rep->changed_since.n; i++)
        json_array_append_new(cs, json_string(rep->changed_since.names[i]));
    json_object_set_new(o, "changed_since_adjudication", cs);
    json_object_set_new(o, "rob_differences", json_integer((json_int_t)rep->n_rob_differences));
    json_object_set_new(o, "rob2_kappa", kappa_json(rep->rob2_pairs, rep->n_rob2_pairs));
    json_object_set_new(o, "rob2_differences", json_integer((json_int_t)rep->n_rob2_differences));
    json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    fputc('\n', stdout);
    json_decref(o);
}

int cmd_reconcile(int argc, char **argv)
{
    const char *db = NULL, *who = NULL, *use = NULL, *outcome = NULL, *study = NULL, *accept = NULL,
               *reason = NULL, *unused = NULL, *policy = NULL;
    int json = 0;
    const cli_opt opts[] = {
        {"db", "PATH", &db, NULL, "review database (default $SRW_DB or review.db)"},
        {"use", "U", &use, NULL, "the use"},
        {"json", NULL, NULL, &json, "print JSON"},
        {"study", "S", &study, NULL, "adjudicate this study's record (with --outcome) or risk of bias"},
        {"outcome", "O", &outcome, NULL, "the outcome of the record to adjudicate"},
        {"accept", "REVIEWER", &accept, NULL, "adjudicate: take this reviewer's extraction"},
        {"set", "FIELD=VALUE", &unused, NULL, "adjudicate: the decided value of a field (repeatable)"},
        {"reason", "TEXT", &reason, NULL, "why (required to adjudicate; kept in the audit trail)"},
        {"reviewer", "NAME", &who, NULL, "who adjudicates " CLI_REVIEWER_DEFAULT},
        {"single-reviewer", "allowed|not-allowed", &policy, NULL,
         "may a record extracted by one reviewer only enter analyses (default allowed)"},
        {NULL, NULL, NULL, NULL, NULL},
    };
    /* --set may repeat: take every one out before the common parser. */
    char *args[argc > 0 ? argc : 1];
    const char *fields[argc > 0 ? argc : 1], *values[argc > 0 ? argc : 1];
    int n_args = 0;
    size_t n_set = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--set") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--set=", 6) == 0)
            v = argv[i] + 6;
        if (v == NULL) {
            args[n_args++] = argv[i];
            continue;
        }
        char *eq = strchr(v, '=');
        if (eq == NULL || eq == v)
            return cli_usage_error("--set '%s' is not field=value", v);
        *eq = '\0';
        fields[n_set] = v;
        values[n_set++] = eq + 1;
        int d = srw_rob_domain_parse(v);
        if (d < 0 && !srw_record_is_column(v))
            return cli_usage_error("unknown field '%s'", v);
    }
    char *pos[argc > 0 ? argc : 1];
    int n_pos,
        rc = cli_parse(n_args, args, opts,
                       "srw reconcile [--db PATH] --use U [--json]\n"
                       "       srw reconcile [--db PATH] --use U --study S [--outcome O] --accept REVIEWER"
                       " [--set field=value ...] --reason TEXT [--reviewer NAME]\n"
                       "       srw reconcile [--db PATH] --single-reviewer allowed|not-allowed",
                       pos, &n_pos);
    if (rc >= 0)
        return rc;
    if (n_pos > 0)
        return cli_usage_error("reconcile takes no arguments (got '%s')", pos[0]);
    if (policy != NULL) {
        int allowed = strcasecmp(policy, "allowed") == 0;
        if (!allowed && strcasecmp(policy, "not-allowed") != 0)
            return cli_usage_error("--single-reviewer takes allowed or not-allowed");
        if (cli_who(who) == NULL)
            return cli_no_reviewer();
        int status;
        srw_store *s = cli_open_store(db, &status);
        if (s == NULL)
            return status;
        srw_error err;
        srw_error_clear(&err);
        if (srw_store_set_single_reviewer(s, allowed, cli_who(who), &err) != 0)
            status = cli_fail(&err);
        else
            printf("single-reviewer records %s\n", allowed ? "enter analyses" : "await adjudication");
        srw_store_close(s);
        if (status != CLI_OK || use == NULL)
            return status;
    }
    if (use == NULL)
        return cli_usage_error("reconcile needs --use");
    int adjudicate = accept != NULL || n_set > 0;
    if (adjudicate && study == NULL)
        return cli_usage_error("--accept and --set need --study (and --outcome for a record)");
    if (adjudicate && (reason == NULL || reason[0] == '\0'))
        return cli_usage_error("an adjudication needs --reason TEXT (kept in the audit trail)");
    if (!adjudicate && (study || outcome))
        return cli_usage_error("--study and --outcome go with --accept or --set");
    if (adjudicate && cli_who(who) == NULL)
        return cli_no_reviewer();
    int status;
    cli_names names;
    srw_store *s = cli_open_named(db, &use, &outcome, 0, &names, &status);
    if (s == NULL)
        return status;
    srw_error err;
    srw_error_clear(&err);
    srw_use_info ui;
    if (srw_store_load_use(s, use, &ui, &err) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    srw_use_info_dispose(&ui);
    if (adjudicate) {
        const char *adjudicator = cli_who(who);
        if (srw_import_adjudicate(s, use, outcome, study, accept, fields, values, n_set, adjudicator, reason,
                                 &err) != 0)
            status = cli_fail(&err);
        else
            printf("%s / %s: adjudicated by %s%s%s\n", outcome ? outcome : "risk of bias", study, adjudicator,
                   accept ? ", accepting " : "", accept ? accept : "");
        goto done;
    }
    srw_reconcile_report rep;
    if (srw_store_reconcile(s, use, &rep, &err) != 0) {
        status = cli_fail(&err);
        goto done;
    }
    if (json)
        print_json(use, &rep);
    else
        print_text(use, &rep);
    srw_reconcile_report_dispose(&rep);
done:
    cli_names_dispose(&names);
    srw_store_close(s);
    return status;
}
