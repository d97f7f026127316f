/* Study-level effect sizes: see include/srw/effect.h.
 *
 * Sources for the formulas below:
 *   [RM5]  Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5
 *          (2010), sections "Dichotomous data" and "Continuous data".
 *   [HB]   Cochrane Handbook for Systematic Reviews of Interventions,
 *          chapters 6 and 10.
 *   [MF]   metafor 3.8 documentation of escalc() (Viechtbauer 2010).
 *
 * Zero cells (RevMan's rules [RM5] by default; srw_zero_cells chooses
 * others): for OR and RR a study with a zero cell gets the continuity
 * correction added to all four cells (0.5 by default); a study with no
 * events (or only events) in both arms is not estimable for OR, RR and Peto
 * OR unless included.  RD is computed from the raw counts (a double-zero
 * study has RD 0) and only its variance uses the corrected cells.  The Peto
 * OR needs no correction (its variance is positive whenever some arm has an
 * event and a non-event).
 */
#include "srw/effect.h"

#include <math.h>
#include <string.h>

#include "core/inline.h"

/* The measures' names, scales and the types they fit: the measure table,
 * src/core/measure.c.  srw_smd_method_name and srw_smd_method_parse: the
 * SMD list of src/core/options.c. */

static void not_estimable(srw_effect *out, const char *reason)
{
    out->yi = NAN;
    out->vi = NAN;
    out->estimable = 0;
    out->reason = reason;
}

static int finite_nonneg(double x)
{
    return isfinite(x) && x >= 0.0;
}

srw_double_zero srw_zero_cells_double_zero(const srw_zero_cells *z, srw_measure m)
{
    if (z != NULL && z->double_zero != SRW_DOUBLE_ZERO_DEFAULT)
        return z->double_zero;
    return m == SRW_MEASURE_RD ? SRW_DOUBLE_ZERO_INCLUDE : SRW_DOUBLE_ZERO_EXCLUDE;
}

/* The correction of a study with a zero cell, per cell of each arm:
 * a constant (0.5 by default), or the treatment-arm continuity correction
 * of Sweeting, Sutton & Lambert (Stat Med 2004;23:1351-1375), each arm's
 * cells getting its share of the arms' participants, n1/N and n2/N (so that
 * the four corrections sum to 2, as four 0.5s do; R meta's incr = "TACC");
 * 0 for none. */
static void correction(const srw_zero_cells *z, double n1, double n2, double *add1, double *add2)
{
    srw_cc cc = z != NULL ? z->cc : SRW_CC_DEFAULT;
    if (cc == SRW_CC_NONE) {
        *add1 = *add2 = 0.0;
    } else if (cc == SRW_CC_TACC) {
        *add1 = n1 / (n1 + n2);
        *add2 = n2 / (n1 + n2);
    } else {
        *add1 = *add2 = z != NULL && z->value > 0.0 ? z->value : 0.5;
    }
}

/* The cells the formula used, for an explanation (dt may be NULL). */
SRW_CORE_INLINE void cells_used(srw_effect_detail *dt, double a, double b, double c, double d, double n1, double n2)
{
    if (dt == NULL)
        return;
    dt->a = a, dt->b = b, dt->c = c, dt->d = d, dt->n1 = n1, dt->n2 = n2;
}

/* Dichotomous effects.  a, b = events / non-events (experimental),
 * c, d = events / non-events (control).  dt (may be NULL) receives the
 * numbers the formula used. */
SRW_CORE_INLINE void dichotomous(srw_effect *out, srw_effect_detail *dt, const srw_study_row *r, srw_measure m,
                                 const srw_zero_cells *z)
{
    double a = r->exp_events, n1 = r->exp_total;
    double c = r->ctl_events, n2 = r->ctl_total;
    if (!finite_nonneg(a) || !finite_nonneg(c) || !isfinite(n1) ||
        !isfinite(n2) || a > n1 || c > n2) {
        not_estimable(out, "invalid counts");
        return;
    }
    if (n1 <= 0.0 || n2 <= 0.0) {
        not_estimable(out, "an arm has no participants");
        return;
    }
    double b = n1 - a, d = n2 - c;
    int zero = (a == 0.0 || b == 0.0 || c == 0.0 || d == 0.0);
    int none = (a == 0.0 && c == 0.0), all = (b == 0.0 && d == 0.0);
    if (none)
        out->corrections |= SRW_CORR_DOUBLE_ZERO;
    if (all)
        out->corrections |= SRW_CORR_ALL_EVENTS;
    int drop00 = (none || all) && srw_zero_cells_double_zero(z, m) == SRW_DOUBLE_ZERO_EXCLUDE;
    double add1, add2;
    correction(z, n1, n2, &add1, &add2);

    if (m == SRW_MEASURE_PETO) {
        /* [RM5] Peto: O - E and hypergeometric variance V; ln OR = (O-E)/V,
         * var = 1/V.  No correction; V is 0 without an event or without a
         * non-event in both arms, so such a study is never estimable. */
        double N = n1 + n2, xt = a + c, yt = b + d;
        double V = n1 * n2 * xt * yt / (N * N * (N - 1.0));
        cells_used(dt, a, b, c, d, n1, n2);
        if (dt != NULL)
            dt->N = N, dt->o_minus_e = a - n1 * xt / N, dt->v_peto = V;
        if (none || all || !(V > 0.0)) {
            not_estimable(out, none ? "no events in either arm"
                                    : "all participants had the event");
            return;
        }
        out->yi = (a - n1 * xt / N) / V;
        out->vi = 1.0 / V;
        return;
    }
    if (drop00) {
        cells_used(dt, a, b, c, d, n1, n2);
        not_estimable(out, none ? "no events in either arm" : "all participants had the event in both arms");
        return;
    }
    if (m == SRW_MEASURE_RD) {
        /* [RM5] RD = a/n1 - c/n2 from the raw counts; variance
         * a b / n1^3 + c d / n2^3, with the correction added to every cell
         * when a cell is zero (so that the variance is positive). */
        out->yi = a / n1 - c / n2;
        if (zero && (add1 > 0.0 || add2 > 0.0)) {
            a += add1, b += add1, c += add2, d += add2;
            n1 += 2.0 * add1, n2 += 2.0 * add2;
            out->corrections |= SRW_CORR_HALF_ADDED;
            out->add_exp = add1, out->add_ctl = add2;
        }
        cells_used(dt, a, b, c, d, n1, n2);
        out->vi = a * b / (n1 * n1 * n1) + c * d / (n2 * n2 * n2);
        if (!(out->vi > 0.0))
            not_estimable(out, "zero variance (a zero cell and no continuity correction)");
        return;
    }
    /* OR and RR: the correction added to every cell of a study with a zero
     * cell (metafor escalc(add, to = "only0")). */
    cells_used(dt, a, b, c, d, n1, n2);
    if (zero) {
        if (!(add1 > 0.0)) {
            not_estimable(out, none || all ? "no events in either arm, and no continuity correction"
                                           : "a zero cell and no continuity correction (--cc none)");
            return;
        }
        a += add1, b += add1, c += add2, d += add2;
        n1 += 2.0 * add1, n2 += 2.0 * add2;
        out->corrections |= SRW_CORR_HALF_ADDED;
        out->add_exp = add1, out->add_ctl = add2;
        cells_used(dt, a, b, c, d, n1, n2);
    }
    if (m == SRW_MEASURE_OR) {
        /* [RM5] ln OR = ln(a d / (b c)), var = 1/a + 1/b + 1/c + 1/d. */
        out->yi = log(a * d / (b * c));
        out->vi = 1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d;
    } else {
        /* [RM5] ln RR = ln((a/n1)/(c/n2)), var = 1/a - 1/n1 + 1/c - 1/n2. */
        out->yi = log((a / n1) / (c / n2));
        out->vi = 1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2;
    }
}

/* Exact small-sample correction c(m) = Gamma(m/2) / (sqrt(m/2)
 * Gamma((m-1)/2)), Hedges (1981); metafor's .cmicalc. */
static double cm_exact(double m)
{
    return exp(lgamma(m / 2.0) - 0.5 * log(m / 2.0) - lgamma((m - 1.0) / 2.0));
}

SRW_CORE_INLINE void continuous(srw_effect *out, srw_effect_detail *dt, const srw_study_row *r, srw_measure m,
                                srw_smd_method smd)
{
    double n1 = r->exp_total, n2 = r->ctl_total;
    double m1 = r->exp_mean, m2 = r->ctl_mean;
    double s1 = r->exp_sd, s2 = r->ctl_sd;
    if (!isfinite(n1) || !isfinite(n2) || !isfinite(m1) || !isfinite(m2) ||
        !finite_nonneg(s1) || !finite_nonneg(s2)) {
        not_estimable(out, "missing or invalid mean, SD or total");
        return;
    }
    if (n1 < 1.0 || n2 < 1.0) {
        not_estimable(out, "an arm has no participants");
        return;
    }
    double v;
    switch (m) {
    case SRW_MEASURE_MD:
        /* [RM5] MD = m1 - m2, var = s1^2/n1 + s2^2/n2. */
        v = s1 * s1 / n1 + s2 * s2 / n2;
        if (!(v > 0.0)) {
            not_estimable(out, "zero variance (both SDs are 0)");
            return;
        }
        out->yi = m1 - m2;
        out->vi = v;
        return;
    case SRW_MEASURE_ROM:
        /* [MF] ROM: ln(m1/m2), var = s1^2/(n1 m1^2) + s2^2/(n2 m2^2);
         * defined only for positive means. */
        if (!(m1 > 0.0) || !(m2 > 0.0)) {
            not_estimable(out, "ratio of means needs positive means");
            return;
        }
        v = s1 * s1 / (n1 * m1 * m1) + s2 * s2 / (n2 * m2 * m2);
        if (!(v > 0.0)) {
            not_estimable(out, "zero variance (both SDs are 0)");
            return;
        }
        out->yi = log(m1 / m2);
        out->vi = v;
        return;
    default:
        break;
    }
    /* SMD: pooled SD s = sqrt(((n1-1) s1^2 + (n2-1) s2^2) / (N-2)). */
    double N = n1 + n2;
    if (N < (smd == SRW_SMD_COHEN ? 3.0 : 4.0)) {
        not_estimable(out, "too few participants for a standardised mean difference");
        return;
    }
    double sp = sqrt(((n1 - 1.0) * s1 * s1 + (n2 - 1.0) * s2 * s2) / (N - 2.0));
    if (!(sp > 0.0)) {
        not_estimable(out, "zero variance (pooled SD is 0)");
        return;
    }
    double dd = (m1 - m2) / sp, g, j;
    if (dt != NULL)
        dt->N = N, dt->sd_pooled = sp, dt->d_cohen = dd, dt->j = 1.0;
    switch (smd) {
    case SRW_SMD_HEDGES:
        /* [RM5] Hedges' adjusted g: g = d (1 - 3/(4N - 9)),
         * SE^2 = N/(n1 n2) + g^2 / (2 (N - 3.94)). */
        j = 1.0 - 3.0 / (4.0 * N - 9.0);
        if (dt != NULL)
            dt->j = j;
        g = dd * j;
        out->yi = g;
        out->vi = N / (n1 * n2) + g * g / (2.0 * (N - 3.94));
        return;
    case SRW_SMD_HEDGES_EXACT:
        /* [MF] escalc("SMD"), vtype "LS": g = c(N-2) d,
         * var = 1/n1 + 1/n2 + g^2 / (2N). */
        j = cm_exact(N - 2.0);
        if (dt != NULL)
            dt->j = j;
        g = j * dd;
        out->yi = g;
        out->vi = 1.0 / n1 + 1.0 / n2 + g * g / (2.0 * N);
        return;
    default:
        /* Cohen's d, large-sample variance as for the LS form. */
        out->yi = dd;
        out->vi = 1.0 / n1 + 1.0 / n2 + dd * dd / (2.0 * N);
        return;
    }
}

/* The one implementation, inlined into both entries below (core/inline.h). */
SRW_CORE_INLINE int compute(srw_effect *out, srw_effect_detail *dt, const srw_study_row *row,
                            srw_outcome_type type, srw_measure measure, srw_smd_method smd,
                            const srw_zero_cells *z, srw_error *err)
{
    if (out == NULL || row == NULL)
        return SRW_FAIL(err, SRW_EUSAGE, "srw_effect_compute: NULL argument");
    if (!srw_measure_fits_type(measure, type))
        return SRW_FAIL(err, SRW_EUSAGE,
                        "measure %s does not fit %s records",
                        srw_measure_name(measure) ? srw_measure_name(measure) : "(none)",
                        srw_outcome_type_name(type) ? srw_outcome_type_name(type) : "untyped");
    out->yi = NAN;
    out->vi = NAN;
    out->estimable = 1;
    out->reason = NULL;
    out->corrections = SRW_CORR_NONE;
    out->add_exp = out->add_ctl = 0.0;
    if (dt != NULL) {
        dt->a = dt->b = dt->c = dt->d = dt->n1 = dt->n2 = NAN;
        dt->N = dt->o_minus_e = dt->v_peto = NAN;
        dt->sd_pooled = dt->d_cohen = dt->j = NAN;
    }
    switch (type) {
    case SRW_TYPE_DICHOTOMOUS:
        dichotomous(out, dt, row, measure, z);
        break;
    case SRW_TYPE_CONTINUOUS:
        continuous(out, dt, row, measure, smd);
        break;
    default:
        /* Generic inverse variance: estimate and SE on the analysis scale. */
        if (!isfinite(row->estimate) || !isfinite(row->se)) {
            not_estimable(out, "missing estimate or SE");
        } else if (!(row->se > 0.0)) {
            not_estimable(out, "zero variance (SE is 0)");
        } else {
            out->yi = row->estimate;
            out->vi = row->se * row->se;
        }
        break;
    }
    if (out->estimable && !(isfinite(out->yi) && isfinite(out->vi) && out->vi > 0.0))
        not_estimable(out, "effect or variance not finite");
    return 0;
}

int srw_effect_compute(srw_effect *out, const srw_study_row *row,
                       srw_outcome_type type, srw_measure measure,
                       srw_smd_method smd, srw_error *err)
{
    return compute(out, NULL, row, type, measure, smd, NULL, err);
}

int srw_effect_compute_zero(srw_effect *out, const srw_study_row *row, srw_outcome_type type, srw_measure measure,
                            srw_smd_method smd, const srw_zero_cells *z, srw_error *err)
{
    return compute(out, NULL, row, type, measure, smd, z, err);
}

int srw_effect_compute_detail(srw_effect *out, srw_effect_detail *dt, const srw_study_row *row,
                              srw_outcome_type type, srw_measure measure, srw_smd_method smd,
                              const srw_zero_cells *z, srw_error *err)
{
    return dt != NULL ? compute(out, dt, row, type, measure, smd, z, err)
                      : compute(out, NULL, row, type, measure, smd, z, err);
}
