/* One outcome loaded and assessed as `srw analyse` shows it: the store
 * loads, core assesses (srw_assess_outcome, the verb the report calls).
 * `srw analyse` and `srw explain` both call this, so that an explanation is
 * of the very assessment analyse prints.  See cli.h. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void cli_assessed_dispose(cli_assessed *o)
{
    if (o == NULL)
        return;
    srw_assessment_dispose(&o->as);
    srw_published_list_dispose(&o->pubs);
    srw_use_info_dispose(&o->ui);
    srw_outcome_data_dispose(&o->d);
    memset(o, 0, sizeof *o);
}

int cli_assess_data(srw_assessment *as, const srw_outcome_data *d, const srw_use_info *ui,
                    const srw_published_list *pubs, const char *use, const char *outcome,
                    const srw_pool_options *base, const srw_assess_options *asked, int all_outcomes, srw_error *err)
{
    memset(as, 0, sizeof *as);
    if (d != NULL && d->set.k == 0)
        return d->n_awaiting ? SRW_FAIL(err, SRW_EDATA,
                                        "outcome '%s' of '%s' has no records to analyse: %zu await reconciliation "
                                        "(srw reconcile --use '%s')",
                                        outcome, use, d->n_awaiting, use)
                             : SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' has no trial records to analyse",
                                        outcome, use);
    srw_assess_options ao = SRW_ASSESS_OPTIONS_INIT;
    if (asked != NULL)
        ao = *asked;
    ao.pool = *base;
    ao.outcome = d != NULL ? d->outcome : outcome;
    ao.primary = ui->primary_outcome != NULL && strcmp(ui->primary_outcome, ao.outcome) == 0;
    int rc = srw_assess_outcome(as, d, ui, pubs, &ao, err);
    if (rc != 0)
        return rc;
    /* A comparison core could not make (a published result with impossible
     * decimals) fails the command, as it always has. */
    for (size_t i = 0; i < as->n_published; i++)
        if (!as->published[i].compared)
            return SRW_FAIL(err, SRW_EUSAGE, "%s", as->published[i].cmp.reason);
    /* A moderator or subgroup variable one outcome lacks is a usage error
     * of the command (a typo); with --all, a state of that outcome. */
    if (!all_outcomes && d != NULL && !as->analysed && as->analysis_error.code == SRW_EUSAGE) {
        *err = as->analysis_error;
        return SRW_EUSAGE;
    }
    if (!all_outcomes && as->analysed && !as->regressed && as->metareg_error.code == SRW_EUSAGE) {
        *err = as->metareg_error;
        return SRW_EUSAGE;
    }
    if (d != NULL && !as->analysed) {
        *err = as->analysis_error;
        snprintf(err->message, sizeof err->message, "%s / %s: %.400s", use, outcome, as->analysis_error.message);
        return err->code;
    }
    return 0;
}

int cli_assess_one(cli_assessed *o, srw_store *s, const char *use, const char *outcome,
                   const srw_pool_options *base, const srw_assess_options *asked, int all_outcomes, srw_error *err)
{
    memset(o, 0, sizeof *o);
    srw_error lookup;
    o->loaded = 1;
    int rc = srw_store_load_outcome(s, use, outcome, &o->d, err);
    if (rc == SRW_ENOTFOUND) {
        lookup = *err;
        o->loaded = 0;
        rc = 0;
    }
    if (rc)
        return rc;
    if (o->loaded && o->d.set.k == 0)
        return cli_assess_data(&o->as, &o->d, &o->ui, &o->pubs, use, outcome, base, asked, all_outcomes, err);
    /* The use's published results (of every outcome: the living update
     * dates by the use's latest review) and settings, as the report has. */
    if ((rc = srw_store_load_published(s, use, NULL, &o->pubs, err)) != 0)
        return rc;
    int has_pubs = 0;
    for (size_t i = 0; i < o->pubs.n; i++)
        has_pubs |= strcmp(o->pubs.items[i].outcome, outcome) == 0;
    if (!o->loaded && !has_pubs) {
        *err = lookup;
        return SRW_ENOTFOUND;
    }
    if ((rc = srw_store_load_use(s, use, &o->ui, err)) != 0)
        return rc;
    return cli_assess_data(&o->as, o->loaded ? &o->d : NULL, &o->ui, &o->pubs, use, outcome, base, asked,
                           all_outcomes, err);
}
