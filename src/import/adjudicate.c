/* srw reconcile's adjudication: the third reviewer's version of a study's
 * record (accept's extraction, fields set on top, checked by the import's
 * own parser and rules), of the study's RoB 1 judgements and of the
 * result's RoB 2 judgements, in one transaction. */
#include "srw/csv.h"
#include "srw/entry.h"
#include "srw/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* d when field is a domain's support column (rob_sequence_support), else -1. */
static int support_domain(const char *field)
{
    for (int d = 0; d < SRW_ROB_N; d++)
        if (strcmp(field, srw_rob_support_column((srw_rob_domain)d)) == 0)
            return d;
    return -1;
}

static int is_set(const char *const *fields, size_t n, const char *f)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i], f) == 0)
            return 1;
    return 0;
}

/* Without accept, every value the reviewers disagree on must be set. */
static int all_differences_set(const srw_name_list *revs, const srw_record *recs, const char *const *fields,
                               size_t n, srw_error *err)
{
    size_t n_cols;
    const srw_column *cols = srw_record_columns(&n_cols);
    int rc = 0;
    for (size_t f = 0; f < n_cols && rc == 0; f++) {
        const char *field = cols[f].name;
        if (!cols[f].value || is_set(fields, n, field))
            continue;
        char *a = NULL, *b = NULL;
        for (size_t i = 1; i < revs->n && rc == 0; i++) {
            srw_record_field_text(&recs[0], field, &a, NULL);
            srw_record_field_text(&recs[i], field, &b, NULL);
            if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
                rc = SRW_FAIL(err, SRW_EDATA,
                              "the reviewers differ on %s (%s: %s, %s: %s): give --accept REVIEWER or --set %s=VALUE",
                              field, revs->names[0], a ? a : "missing", revs->names[i], b ? b : "missing", field);
                srw_error_locate(err, NULL, 0, 0, field);
            }
            free(a);
            free(b);
            a = b = NULL;
        }
    }
    return rc;
}

static int adjudicate_record(srw_store *s, const char *use, const char *outcome, const char *study,
                             const char *accept, const char *const *fields, const char *const *values, size_t n,
                             const char *adjudicator, const char *reason, srw_error *err)
{
    srw_name_list revs = {0};
    srw_record *recs = NULL, result;
    srw_record_init(&result, 0);
    size_t base = 0;
    int rc = srw_store_extractions(s, use, outcome, study, &revs, &recs, err);
    if (rc)
        return rc;
    if (revs.n == 0) {
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "no extraction of '%s' for outcome '%s' of '%s' to adjudicate", study,
                      outcome, use);
        goto done;
    }
    for (size_t i = 0; accept && i < revs.n; i++)
        if (strcmp(accept, revs.names[i]) == 0)
            base = i + 1;
    if (accept && base == 0) {
        char known[300] = "";
        size_t len = 0;
        for (size_t i = 0; i < revs.n && len < sizeof known; i++)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "", revs.names[i]);
        rc = SRW_FAIL(err, SRW_ENOTFOUND, "%s has no extraction of '%s' for '%s' (reviewers: %s)", accept, study,
                      outcome, known);
        goto done;
    }
    if (!accept) {
        if ((rc = all_differences_set(&revs, recs, fields, n, err)) != 0)
            goto done;
        base = 1;
    }
    /* The import's parser and rules check the adjudicated record too. */
    if ((rc = srw_record_apply_fields(&result, &recs[base - 1], fields, values, n, err)) != 0)
        goto done;
    char why[300];
    if (accept)
        snprintf(why, sizeof why, "accepted %s's extraction%s", accept, n ? " with fields set" : "");
    else
        snprintf(why, sizeof why, "fields set by the adjudicator");
    rc = srw_store_put_adjudicated(s, use, outcome, study, &result, adjudicator, why, reason, err);
done:
    for (size_t i = 0; recs != NULL && i < revs.n; i++)
        srw_record_dispose(&recs[i]);
    free(recs);
    srw_name_list_dispose(&revs);
    srw_record_dispose(&result);
    return rc;
}

int srw_import_adjudicate(srw_store *s, const char *use, const char *outcome, const char *study,
                          const char *accept, const char *const *fields, const char *const *values, size_t n,
                          const char *adjudicator, const char *reason, srw_error *err)
{
    if (reason == NULL || reason[0] == '\0')
        return SRW_FAIL(err, SRW_EUSAGE, "an adjudication needs its reason (--reason TEXT)");
    if (accept == NULL && n == 0)
        return SRW_FAIL(err, SRW_EUSAGE, "say what to adjudicate: --accept REVIEWER and/or --set field=value");
    /* An adjudicated record holds the record's fields; a study's year and
     * total and an outcome's settings are one value for all reviewers, which
     * the adjudication would have validated and then not written. */
    for (size_t i = 0; i < n; i++) {
        srw_column_owner owner = srw_record_column_owner(fields[i]);
        if (owner != SRW_OWNER_RECORD && owner != SRW_OWNER_RESULT && srw_rob_domain_parse(fields[i]) < 0 &&
            support_domain(fields[i]) < 0) /* rob_*, rob2_*: adjudicated below */
            return SRW_FAIL(err, SRW_EUSAGE,
                            "--set %s: %s belongs to the %s, one value for every reviewer, not to an"
                            " extraction; change it with srw edit (or a re-import), then adjudicate",
                            fields[i], fields[i], owner == SRW_OWNER_STUDY ? "study" : "outcome");
    }
    /* rob_* fields go to the study's judgements, rob2_* to the result's,
     * the others to the record. */
    const char **rf = calloc(n + 1, sizeof *rf), **rv = calloc(n + 1, sizeof *rv);
    const char **bf = calloc(n + 1, sizeof *bf), **bv = calloc(n + 1, sizeof *bv);
    const char **cf = calloc(n + 1, sizeof *cf), **cv = calloc(n + 1, sizeof *cv);
    size_t nr = 0, nb = 0, nc = 0;
    int rc = 0;
    if (!rf || !rv || !bf || !bv || !cf || !cv) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (srw_record_column_owner(fields[i]) == SRW_OWNER_RESULT) {
            cf[nc] = fields[i];
            cv[nc++] = values[i];
        } else if (srw_rob_domain_parse(fields[i]) >= 0) {
            bf[nb] = srw_rob_domain_column((srw_rob_domain)srw_rob_domain_parse(fields[i]));
            bv[nb++] = values[i];
        } else if (support_domain(fields[i]) >= 0) {
            bf[nb] = fields[i];
            bv[nb++] = values[i];
        } else {
            rf[nr] = fields[i];
            rv[nr++] = values[i];
        }
    }
    if (outcome == NULL && nc > 0) {
        rc = SRW_FAIL(err, SRW_EUSAGE, "setting %s needs --outcome: RoB 2 judges a result, not a study", cf[0]);
        goto done;
    }
    if ((rc = srw_store_begin(s, err)) != 0)
        goto done;
    if (outcome != NULL && (accept != NULL || nr > 0))
        rc = adjudicate_record(s, use, outcome, study, accept, rf, rv, nr, adjudicator, reason, err);
    else if (outcome == NULL && nr > 0)
        rc = SRW_FAIL(err, SRW_EUSAGE, "setting %s needs --outcome (without it, only rob_* judgements)", rf[0]);
    /* The result's RoB 2 with its record (accepted with it), or the items
     * set on their own. */
    if (rc == 0 && outcome != NULL && (accept != NULL || nc > 0))
        rc = srw_store_adjudicate_rob2(s, use, outcome, study, accept, cf, cv, nc, accept != NULL, adjudicator, reason,
                                       err);
    if (rc == 0 && (outcome == NULL || nb > 0))
        rc = srw_store_adjudicate_rob(s, study, outcome == NULL ? accept : NULL, bf, bv, nb, outcome != NULL,
                                      adjudicator, reason, err);
    if (rc == 0)
        rc = srw_store_commit(s, err);
    else
        srw_store_rollback(s);
done:
    free(rf);
    free(rv);
    free(bf);
    free(bv);
    free(cf);
    free(cv);
    return rc;
}
