/* statement.c - the thresholds an effect is judged against, the size of an
 * effect, and GRADE's informative statement of it.
 *
 * Thresholds: GRADE's minimally contextualised approach rates certainty
 * that an effect is important (beyond the MID) or trivial (short of it),
 * and judges imprecision by the confidence interval against the same
 * thresholds (Hultcrantz M et al. GRADE guidelines 17, J Clin Epidemiol
 * 2017;87:4-13; Zeng L et al. GRADE guidance 34, J Clin Epidemiol
 * 2022;150:216-224).  Statements: Santesso N et al. GRADE guidelines 26:
 * informative statements to communicate the findings of systematic reviews
 * of interventions, J Clin Epidemiol 2020;119:126-135, Table 2. */
#include "srw/grade.h"
#include "util/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void srw_thresholds_default(srw_thresholds *out, srw_measure m, const char **important_why,
                            const char **large_why)
{
    out->important_down = out->important_up = NAN;
    out->moderate_down = out->moderate_up = NAN;
    out->large_down = out->large_up = NAN;
    const char *iw = NULL, *lw = NULL;
    if (srw_measure_is_ratio(m)) {
        /* A relative reduction or increase of 25%: RR 0.75 and 1.25, not
         * symmetric on the log scale (GRADE guidelines 6). */
        out->important_down = -log(0.75);
        out->important_up = log(1.25);
        out->large_down = out->large_up = log(2.0);
        iw = "default: a 25% relative reduction or increase (ratio 0.75 or 1.25), GRADE's default threshold "
             "(Guyatt et al., GRADE guidelines 6, J Clin Epidemiol 2011;64:1283)";
        lw = "default: ratio below 0.5 or above 2, GRADE's large effect (Guyatt et al., GRADE guidelines 9, "
             "J Clin Epidemiol 2011;64:1311)";
    } else if (m == SRW_MEASURE_SMD) {
        out->important_down = out->important_up = 0.2;
        out->moderate_down = out->moderate_up = 0.5;
        out->large_down = out->large_up = 0.8;
        iw = "default: SMD 0.2, Cohen's small effect (Cohen J, Statistical power analysis for the behavioral "
             "sciences, 2nd ed. 1988; moderate 0.5)";
        lw = "default: SMD 0.8, Cohen's large effect (Cohen 1988)";
    }
    if (important_why != NULL)
        *important_why = iw;
    if (large_why != NULL)
        *large_why = lw;
}

const char *srw_effect_size_key(srw_effect_size s)
{
    switch (s) {
    case SRW_SIZE_TRIVIAL:
        return "trivial";
    case SRW_SIZE_SMALL:
        return "small";
    case SRW_SIZE_MODERATE:
        return "moderate";
    case SRW_SIZE_LARGE:
        return "large";
    case SRW_SIZE_UNKNOWN:
    default:
        return "unknown";
    }
}

srw_effect_size srw_effect_size_of(double estimate, const srw_thresholds *t)
{
    if (!isfinite(estimate) || t == NULL)
        return SRW_SIZE_UNKNOWN;
    int up = estimate > 0.0;
    double mag = fabs(estimate);
    double imp = up ? t->important_up : t->important_down;
    double mod = up ? t->moderate_up : t->moderate_down;
    double lg = up ? t->large_up : t->large_down;
    if (!(isfinite(imp) && imp > 0.0))
        return SRW_SIZE_UNKNOWN;
    if (mag < imp)
        return SRW_SIZE_TRIVIAL;
    if (isfinite(lg) && lg > imp && mag >= lg)
        return SRW_SIZE_LARGE;
    /* A moderate tier at or below the MID has no small tier beneath it
     * (a use whose MID is SMD 0.5 calls nothing below 0.5 important). */
    if (isfinite(mod) && mod > imp && mag < mod)
        return SRW_SIZE_SMALL;
    return SRW_SIZE_MODERATE;
}

/* The outcome inside a sentence: its first letter lower case unless the
 * word is an abbreviation ("TWSTRS total", "Pain, 4 weeks" -> "pain, 4
 * weeks"). */
static void outcome_words(char *buf, size_t n, const char *outcome)
{
    srw_snprintf_utf8(buf, n, "%s", outcome && *outcome ? outcome : "the outcome");
    if (isupper((unsigned char)buf[0]) && !isupper((unsigned char)buf[1]) && !isdigit((unsigned char)buf[1]))
        buf[0] = (char)tolower((unsigned char)buf[0]);
}

void srw_statement_text(char *buf, size_t n, srw_certainty c, srw_effect_size size, int increase,
                        const char *intervention, const char *outcome)
{
    char who[200], what[400];
    srw_snprintf_utf8(who, sizeof who, "%s", intervention && *intervention ? intervention : "The intervention");
    who[0] = (char)toupper((unsigned char)who[0]);
    outcome_words(what, sizeof what, outcome);
    if (c == SRW_CERTAINTY_NONE) {
        srw_snprintf_utf8(buf, n, "The effect of %s on %s was not assessed (no trial data).", intervention && *intervention
                 ? intervention : "the intervention", what);
        return;
    }
    if (c == SRW_CERTAINTY_VERY_LOW) {
        /* Table 2: one statement for any size at very low certainty. */
        srw_snprintf_utf8(buf, n, "The evidence is very uncertain about the effect of %s on %s.",
                 intervention && *intervention ? intervention : "the intervention", what);
        return;
    }
    const char *verb = c == SRW_CERTAINTY_HIGH ? "results in" : c == SRW_CERTAINTY_MODERATE ? "likely results in"
                                                                                            : "may result in";
    const char *dir = increase ? "increase" : "reduction";
    switch (size) {
    case SRW_SIZE_TRIVIAL:
        srw_snprintf_utf8(buf, n, "%s %s little to no difference in %s.", who, verb, what);
        break;
    case SRW_SIZE_SMALL:
        srw_snprintf_utf8(buf, n, "%s %s a slight %s in %s.", who, verb, dir, what);
        break;
    case SRW_SIZE_LARGE:
        srw_snprintf_utf8(buf, n, "%s %s a large %s in %s.", who, verb, dir, what);
        break;
    case SRW_SIZE_MODERATE:
        srw_snprintf_utf8(buf, n, "%s %s %s %s in %s.", who, verb, increase ? "an" : "a", dir, what);
        break;
    case SRW_SIZE_UNKNOWN:
    default:
        /* No threshold: the direction alone, and that size is not judged. */
        srw_snprintf_utf8(buf, n, "%s %s %s %s in %s (its size is not judged: no minimal important difference).", who,
                 verb, increase ? "an" : "a", dir, what);
        break;
    }
}
