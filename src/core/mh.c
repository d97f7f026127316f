/* Mantel-Haenszel and Peto fixed-effect pools over 2x2 tables.
 *
 * Sources: Deeks JJ, Higgins JPT, Statistical algorithms in Review Manager 5
 * (2010) [RM5]; Robins, Breslow & Greenland (1986) for the MH OR variance;
 * Greenland & Robins (1985) for the MH RR and RD variances; Sato, Greenland
 * & Robins (1989) for the RD variance metafor's rma.mh uses.
 */
#include "pool_internal.h"

#include <math.h>

int srw_pool__mh(double *est, double *var, double *w, const srw_pool__table *t,
                 size_t k, srw_measure m, int revman, double sums[5])
{
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
    int rd_gr = revman;
    for (size_t i = 0; i < k; i++) {
        /* RevMan's OR and RR sums take the corrected cells (its stored
         * results for the sore-throat review's zero-cell studies); its RD
         * takes the counts (below). */
        int corr = revman && m != SRW_MEASURE_RD;
        double a = t[i].a + (corr ? t[i].add_e : 0.0), b = t[i].b + (corr ? t[i].add_e : 0.0);
        double c = t[i].c + (corr ? t[i].add_c : 0.0), d = t[i].d + (corr ? t[i].add_c : 0.0);
        double n1 = a + b, n2 = c + d, N = n1 + n2;
        double wi = 0.0;
        if (m == SRW_MEASURE_OR) {
            /* [RM5] OR_MH = sum(a d / N) / sum(b c / N); RBG variance
             * 1/2 [sum(P R)/R^2 + sum(P S + Q R)/(R S) + sum(Q S)/S^2]
             * with P = (a+d)/N, Q = (b+c)/N. */
            double R = a * d / N, S = b * c / N;
            double P = (a + d) / N, Q = (b + c) / N;
            s1 += R, s2 += S;
            s3 += P * R, s4 += P * S + Q * R, s5 += Q * S;
            wi = S;
        } else if (m == SRW_MEASURE_RR) {
            /* [RM5] RR_MH = sum(a n2/N) / sum(c n1/N); variance
             * sum((n1 n2 (a+c) - a c N)/N^2) / (R S). */
            s1 += a * n2 / N, s2 += c * n1 / N;
            s3 += (n1 * n2 * (a + c) - a * c * N) / (N * N);
            wi = c * n1 / N;
        } else {
            /* [RM5] RD_MH = sum((a n2 - c n1)/N) / sum(n1 n2 / N). */
            double W = n1 * n2 / N;
            s1 += (a * n2 - c * n1) / N, s2 += W;
            if (rd_gr) {
                /* Greenland-Robins: sum((a b n2^3 + c d n1^3)/(n1 n2 N^2)) / W^2.
                 * RevMan: the estimate and W from the counts, this sum
                 * from the 0.5-corrected cells of a zero-cell study (its
                 * stored results for CD008625's analyses 1.3, 8.3, 12.3
                 * and 14.3 agree to 1e-15; with corrected W, or corrected
                 * cells everywhere, they do not). */
                double ca = a + t[i].add_e, cb = b + t[i].add_e, cc = c + t[i].add_c, cd = d + t[i].add_c;
                double cn1 = ca + cb, cn2 = cc + cd, cN = cn1 + cn2;
                s3 += (ca * cb * cn2 * cn2 * cn2 + cc * cd * cn1 * cn1 * cn1) /
                      (cn1 * cn2 * cN * cN);
            } else {
                /* Sato-Greenland-Robins, as metafor rma.mh:
                 * (RD P + Q) / W^2, P = sum(c (n1/N)^2 - a (n2/N)^2 +
                 * (n1/N)(n2/N)(n2 - n1)/2), Q = sum(a (n2-c)/N + c (n1-a)/N)/2 */
                s3 += c * (n1 / N) * (n1 / N) - a * (n2 / N) * (n2 / N) +
                      (n1 / N) * (n2 / N) * (n2 - n1) / 2.0;
                s4 += (a * (n2 - c) / N + c * (n1 - a) / N) / 2.0;
            }
            wi = W;
        }
        if (w != NULL)
            w[i] = wi;
    }
    if (sums != NULL) /* for an explanation (srw/trace.h) */
        sums[0] = s1, sums[1] = s2, sums[2] = s3, sums[3] = s4, sums[4] = s5;
    if (m == SRW_MEASURE_OR) {
        if (!(s1 > 0.0) || !(s2 > 0.0))
            return SRW_ENUMERIC;
        *est = log(s1 / s2);
        *var = 0.5 * (s3 / (s1 * s1) + s4 / (s1 * s2) + s5 / (s2 * s2));
    } else if (m == SRW_MEASURE_RR) {
        if (!(s1 > 0.0) || !(s2 > 0.0))
            return SRW_ENUMERIC;
        *est = log(s1 / s2);
        *var = s3 / (s1 * s2);
    } else if (m == SRW_MEASURE_RD) {
        if (!(s2 > 0.0))
            return SRW_ENUMERIC;
        *est = s1 / s2;
        *var = rd_gr ? s3 / (s2 * s2) : (*est * s3 + s4) / (s2 * s2);
    } else {
        return SRW_ENUMERIC;
    }
    return (isfinite(*est) && isfinite(*var) && *var > 0.0) ? 0 : SRW_ENUMERIC;
}

int srw_pool__peto(double *est, double *var, double *w,
                   const srw_pool__table *t, size_t k, double sums[5])
{
    /* [RM5] O - E = a - n1 (a+c)/N, V = n1 n2 (a+c)(b+d) / (N^2 (N-1)). */
    double soe = 0.0, sv = 0.0;
    for (size_t i = 0; i < k; i++) {
        double a = t[i].a, b = t[i].b, c = t[i].c, d = t[i].d;
        double n1 = a + b, n2 = c + d, N = n1 + n2;
        double V = N > 1.0 ? n1 * n2 * (a + c) * (b + d) / (N * N * (N - 1.0)) : 0.0;
        if (V > 0.0)
            soe += a - n1 * (a + c) / N;
        sv += V;
        if (w != NULL)
            w[i] = V;
    }
    if (sums != NULL)
        sums[0] = soe, sums[1] = sv, sums[2] = sums[3] = sums[4] = 0.0;
    if (!(sv > 0.0))
        return SRW_ENUMERIC;
    *est = soe / sv;
    *var = 1.0 / sv;
    return 0;
}
