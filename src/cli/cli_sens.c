/* The sensitivity options of srw analyse (and --sort, which srw report
 * shares): their rows, help and errors from core's choice tables
 * (srw/sensitivity.h).  See cli.h. */
#include <stdio.h>

#include "cli/cli.h"

static const char *const arg_of[SRW_SENS_CHOICES_N] = {
    [SRW_SENS_CHOICES_SORT] = "BY", [SRW_SENS_CHOICES_ORDER] = "BY", [SRW_SENS_CHOICES_SIDE] = "S",
    [SRW_SENS_CHOICES_ESTIMATOR] = "E"};

cli_opt cli_sens_opt(cli_sens_args *a, srw_sens_choice_list l)
{
    const srw_choices *c = srw_sens_choices_of(l);
    srw_choices_text(a->help[l], sizeof a->help[l], c, 1);
    return (cli_opt){c->key, arg_of[l], &a->choice[l], NULL, a->help[l]};
}

size_t cli_sens_opts(cli_opt *opts, cli_sens_args *a)
{
    size_t n = 0;
    opts[n++] = cli_sens_opt(a, SRW_SENS_CHOICES_SORT);
    opts[n++] = (cli_opt){"leave-one-out", NULL, NULL, &a->flag[0], "each study left out in turn (metafor leave1out)"};
    opts[n++] = (cli_opt){"cumulative", NULL, NULL, &a->flag[1], "studies added one at a time (metafor cumul)"};
    opts[n++] = cli_sens_opt(a, SRW_SENS_CHOICES_ORDER);
    opts[n++] = (cli_opt){"influence", NULL, NULL, &a->flag[2],
                          "influence diagnostics and flags (Viechtbauer & Cheung 2010)"};
    opts[n++] = (cli_opt){"small-study", NULL, NULL, &a->flag[3],
                          "Egger's, Begg's, Peters' (dichotomous) and Harbord's (OR) tests"};
    opts[n++] = (cli_opt){"trim-fill", NULL, NULL, &a->flag[4], "trim-and-fill (Duval & Tweedie 2000)"};
    opts[n++] = cli_sens_opt(a, SRW_SENS_CHOICES_SIDE);
    opts[n++] = cli_sens_opt(a, SRW_SENS_CHOICES_ESTIMATOR);
    opts[n++] = (cli_opt){"sensitivity", NULL, NULL, &a->flag[5], "all five sensitivity analyses above"};
    return n;
}

int cli_sens_options(srw_sens_options *out, const cli_sens_args *a, srw_error *err)
{
    srw_sens_options init = SRW_SENS_OPTIONS_INIT;
    *out = init;
    for (int l = 0; l < SRW_SENS_CHOICES_N; l++) {
        const char *v = a->choice[l];
        if (v == NULL || srw_sens_options_choose(out, (srw_sens_choice_list)l, v) == 0)
            continue;
        const srw_choices *c = srw_sens_choices_of((srw_sens_choice_list)l);
        char names[200];
        srw_choices_text(names, sizeof names, c, 0);
        return SRW_FAIL(err, SRW_EUSAGE, "--%s must be %s (got '%s')", c->key, names, v);
    }
    static const int bits[5] = {SRW_SENS_LEAVE_ONE_OUT, SRW_SENS_CUMULATIVE, SRW_SENS_INFLUENCE,
                                SRW_SENS_SMALL_STUDY, SRW_SENS_TRIM_FILL};
    for (int i = 0; i < 5; i++)
        if (a->flag[i] || a->flag[5])
            out->what |= bits[i];
    /* An option of an analysis not asked for would be silently ignored. */
    if (a->choice[SRW_SENS_CHOICES_ORDER] != NULL && !(out->what & SRW_SENS_CUMULATIVE))
        return SRW_FAIL(err, SRW_EUSAGE, "--order orders the cumulative meta-analysis: give --cumulative too");
    if ((a->choice[SRW_SENS_CHOICES_SIDE] != NULL || a->choice[SRW_SENS_CHOICES_ESTIMATOR] != NULL) &&
        !(out->what & SRW_SENS_TRIM_FILL))
        return SRW_FAIL(err, SRW_EUSAGE, "--%s is an option of trim-and-fill: give --trim-fill too",
                        a->choice[SRW_SENS_CHOICES_SIDE] != NULL ? "side" : "estimator");
    return 0;
}
