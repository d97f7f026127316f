/* Between-study variance estimators and the Q-profile CI for tau^2.
 *
 * Sources:
 *   DerSimonian & Laird (1986); RevMan 5 statistical algorithms (Deeks &
 *   Higgins 2010) for DL with Q centred on the MH estimate.
 *   Viechtbauer W (2005), Bias and efficiency of meta-analytic variance
 *   estimators in the random-effects model, JEBS 30:261-293 (HE, ML, REML,
 *   EB, Fisher scoring).
 *   Paule & Mandel (1982); Sidik & Jonkman (2005).
 *   Viechtbauer W (2007), Confidence intervals for the amount of
 *   heterogeneity in meta-analysis, Stat Med 26:37-52 (Q-profile).
 *   metafor 3.8 rma.uni / confint.rma.uni: same starting values (HE for the
 *   Fisher-scoring estimators), step halving at the 0 boundary, truncation
 *   at 0 and the conventions for a CI at the boundary.  The roots of the
 *   generalised Q (PM, Q-profile) by safeguarded Newton (q_root) rather
 *   than metafor's uniroot: same roots, to the same relative tolerance.
 *
 * For the intercept-only model, with w = 1/(v + tau2), mu = sum(w y)/sum(w)
 * and r = y - mu:  y'Py = sum(w r^2), y'PPy = sum((w r)^2),
 * tr(P) = sum(w) - sum(w^2)/sum(w),
 * tr(PP) = sum(w^2) - 2 sum(w^3)/sum(w) + (sum(w^2)/sum(w))^2.
 */
#include "pool_internal.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

double srw_pool__genq(const double *y, const double *v, size_t k, double tau2,
                      double *mu_out, double *sumw_out)
{
    double sw = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / (v[i] + tau2);
        sw += w;
        swy += w * y[i];
    }
    double mu = swy / sw, q = 0.0;
    for (size_t i = 0; i < k; i++) {
        double r = y[i] - mu;
        q += r * r / (v[i] + tau2);
    }
    if (mu_out != NULL)
        *mu_out = mu;
    if (sumw_out != NULL)
        *sumw_out = sw;
    return q;
}

/* Q(tau2) as srw_pool__genq, and its slope: dQ/dtau2 = -sum w_i^2 r_i^2
 * (the term through mu vanishes because mu minimises Q), returned as
 * *neg_slope = sum w_i^2 r_i^2 >= 0.  w: scratch for the k weights, so that
 * the second pass need not divide again. */
static double genq_slope(const double *y, const double *v, double *w,
                         size_t k, double tau2, double *neg_slope)
{
    double sw = 0.0, swy = 0.0;
    for (size_t i = 0; i < k; i++) {
        w[i] = 1.0 / (v[i] + tau2);
        sw += w[i];
        swy += w[i] * y[i];
    }
    double mu = swy / sw, q = 0.0, d = 0.0;
    for (size_t i = 0; i < k; i++) {
        double wr2 = w[i] * (y[i] - mu) * (y[i] - mu);
        q += wr2;
        d += w[i] * wr2;
    }
    *neg_slope = d;
    return q;
}

/* Hedges (HE) / method of moments on unweighted residuals:
 * (sum (y - ybar)^2 - (k-1)/k sum v) / (k - 1), not truncated. */
static double tau2_he(const double *y, const double *v, size_t k)
{
    double ybar = 0.0, sv = 0.0, rss = 0.0;
    for (size_t i = 0; i < k; i++)
        ybar += y[i], sv += v[i];
    ybar /= (double)k;
    for (size_t i = 0; i < k; i++)
        rss += (y[i] - ybar) * (y[i] - ybar);
    return (rss - sv * ((double)k - 1.0) / (double)k) / ((double)k - 1.0);
}

/* One Fisher-scoring step of ML, REML or EB at tau2 (metafor rma.uni);
 * for ML and REML also Newton's step on the score into *newton (NAN where
 * the score's own slope says the likelihood is not concave there).  Fisher
 * scoring converges only linearly, slowly when tau^2 is small against the
 * v_i (lau1992 RR, REML: 50 steps); Newton's steps converge quadratically
 * to the same root of the score.  With u = w r (r = y - mu):
 *   REML score  y'PPy - tr P,   slope tr(PP) - 2 y'PPPy
 *   ML   score  y'PPy - tr W,   slope tr(WW) - 2 y'PPPy
 * (Viechtbauer 2005), y'PPPy = sum w u^2 - (sum w u)^2 / sum w.
 * Two passes: the weight sums (which give mu), then the residual sums; w is
 * scratch for the k weights, so that the second pass need not divide. */
static double scoring_step(const double *y, const double *v, double *w,
                           size_t k, double tau2, srw_tau2_method m, double *newton)
{
    *newton = NAN;
    double sw1 = 0.0, sw2 = 0.0, sw3 = 0.0, swy = 0.0, rpy = 0.0, rppy = 0.0;
    double swu = 0.0, swuu = 0.0;
    for (size_t i = 0; i < k; i++) {
        double wi = w[i] = 1.0 / (v[i] + tau2);
        sw1 += wi, sw2 += wi * wi, sw3 += wi * wi * wi;
        swy += wi * y[i];
    }
    double mu = swy / sw1;
    for (size_t i = 0; i < k; i++) {
        double r = y[i] - mu, u = w[i] * r;
        rpy += u * r;
        rppy += u * u;
        swu += w[i] * u;
        swuu += w[i] * u * u;
    }
    double kd = (double)k, score, fisher, slope;
    double rpppy = swuu - swu * swu / sw1;
    switch (m) {
    case SRW_TAU2_ML:
        score = rppy - sw1;
        fisher = sw2;
        slope = 2.0 * rpppy - sw2;
        break;
    case SRW_TAU2_REML: {
        double trp = sw1 - sw2 / sw1;
        double trpp = sw2 - 2.0 * sw3 / sw1 + (sw2 / sw1) * (sw2 / sw1);
        score = rppy - trp;
        fisher = trpp;
        slope = 2.0 * rpppy - trpp;
        break;
    }
    default: /* EB (Morris 1983) */
        return (rpy * kd / (kd - 1.0) - kd) / sw1;
    }
    if (slope > 0.0)
        *newton = score / slope;
    return score / fisher;
}

/* ll(0) - ll(tau2) for ML or REML: the log-likelihood without its constant
 * is (Viechtbauer 2005) ML -1/2 [sum log(v + tau2) + Q(tau2)], REML adds
 * -1/2 log sum w.  The log-determinant difference
 * sum log(v + tau2) - sum log v = log prod (1 + tau2 / v) is taken as one
 * log of a product that frexp keeps in range (mantissa in [0.5, 1), the
 * exponents summed), rather than as 2k logs. */
static double loglik_drop(const double *y, const double *v, size_t k,
                          double tau2, srw_tau2_method m)
{
    double sw0, swt;
    double q0 = srw_pool__genq(y, v, k, 0.0, NULL, &sw0);
    double qt = srw_pool__genq(y, v, k, tau2, NULL, &swt);
    double prod = 1.0;
    int exp2 = 0;
    for (size_t i = 0; i < k; i++) {
        int e;
        prod = frexp(prod * (1.0 + tau2 / v[i]), &e);
        exp2 += e;
    }
    double logdet = log(prod) + (double)exp2 * 0.69314718055994530942; /* ln 2 */
    double drop = 0.5 * (logdet + qt - q0);
    return m == SRW_TAU2_REML ? drop + 0.5 * log(swt / sw0) : drop;
}

/* The tau2 in [lo, hi] where Q(tau2) = target, given Q(lo) >= target >
 * Q(hi) (Q decreases in tau2).  Newton's method on 1/Q(tau2) - 1/target,
 * safeguarded by bisection: each evaluated point narrows the bracket, and a
 * step that would leave it bisects instead.  1/Q rather than Q because Q
 * falls off like 1/(v + tau2) (with equal v_i, 1/Q is exactly linear in
 * tau2): Newton on Q itself, convex and decreasing, approaches a distant
 * root from the left only by doubling v + tau2 per step.  The step is
 * dtau2 = (Q - target) Q / (target S) with S = -dQ/dtau2.  Stops when a step
 * is within tol relative to tau2 (tol^2 absolute near 0, as the Brent search
 * it replaces); after max_iter steps returns SRW_ENUMERIC with *root the
 * last point. */
static int q_root(double *root, int *iterations, const double *y,
                  const double *v, double *w, size_t k, double target,
                  double lo, double hi, int max_iter, double tol)
{
    double t = lo;
    int it = 0, rc = SRW_ENUMERIC;
    for (;;) {
        double s, q = genq_slope(y, v, w, k, t, &s);
        if (q > target) {
            lo = t;
        } else if (q < target) {
            hi = t;
        } else {
            rc = 0;
            break;
        }
        if (it >= max_iter)
            break;
        it++;
        double next = t + (q - target) * q / (target * s);
        if (!(next > lo && next < hi)) /* also catches s = 0 (NaN / inf) */
            next = 0.5 * (lo + hi);
        int done = fabs(next - t) <= tol * fmax(next, tol);
        t = next;
        if (done) {
            rc = 0;
            break;
        }
    }
    *root = t;
    if (iterations != NULL)
        *iterations = it;
    return rc;
}

void srw_pool__tau2(double *tau2, int *iterations, int *converged,
                    const double *y, const double *v, double *w, size_t k,
                    double q_dl, srw_tau2_method m, int max_iter, double tol)
{
    *iterations = 0;
    *converged = 1;
    *tau2 = 0.0;
    if (k < 2)
        return;
    double kd = (double)k;
    switch (m) {
    case SRW_TAU2_DL: {
        /* tau2 = (Q - (k-1)) / (sum w - sum w^2 / sum w), truncated at 0. */
        double sw = 0.0, sw2 = 0.0;
        for (size_t i = 0; i < k; i++)
            sw += 1.0 / v[i], sw2 += 1.0 / (v[i] * v[i]);
        *tau2 = fmax(0.0, (q_dl - (kd - 1.0)) / (sw - sw2 / sw));
        return;
    }
    case SRW_TAU2_HE:
        *tau2 = fmax(0.0, tau2_he(y, v, k));
        return;
    case SRW_TAU2_SJ: {
        /* Sidik-Jonkman: tau0 = sum (y - ybar)^2 / k,
         * tau2 = tau0 Q(tau0) / (k - 1). */
        double ybar = 0.0, t0 = 0.0;
        for (size_t i = 0; i < k; i++)
            ybar += y[i];
        ybar /= kd;
        for (size_t i = 0; i < k; i++)
            t0 += (y[i] - ybar) * (y[i] - ybar);
        t0 /= kd;
        *tau2 = fmax(0.0, t0 * srw_pool__genq(y, v, k, t0, NULL, NULL) / (kd - 1.0));
        return;
    }
    case SRW_TAU2_PM: {
        /* Paule-Mandel: the tau2 where the generalised Q equals k - 1;
         * 0 when Q(0) < k - 1 (metafor rma.uni). */
        double target = kd - 1.0;
        if (srw_pool__genq(y, v, k, 0.0, NULL, NULL) < target)
            return;
        double hi = 100.0, q_hi;
        while ((q_hi = srw_pool__genq(y, v, k, hi, NULL, NULL)) > target && hi < 1e12)
            hi *= 10.0;
        if (q_hi > target) {
            *converged = 0; /* no sign change even at 1e12 */
            *tau2 = hi;
            return;
        }
        if (q_root(tau2, iterations, y, v, w, k, target, 0.0, hi, max_iter, tol) != 0)
            *converged = 0;
        *tau2 = fmax(0.0, *tau2);
        return;
    }
    default:
        break;
    }

    /* ML, REML, EB: Fisher scoring from the (truncated) HE estimate, each
     * step halved until tau2 stays >= 0 (metafor rma.uni).  Two departures
     * that make the result the exact maximiser rather than metafor's
     * stopping point: when a step would cross 0 and the score at 0 points
     * below 0, the maximum is the boundary and tau2 = 0 exactly (metafor
     * creeps towards 0 by halving); and convergence is judged relative to
     * tau2 (|change| <= tol max(tau2, tol)), since near 0 Fisher scoring
     * converges only linearly. */
    double t = fmax(0.0, tau2_he(y, v, k));
    int it = 0;
    /* Newton's step is taken where it goes the same way as Fisher's, at
     * most 10 times as far, and stays inside (lo, hi): the points where the
     * score was seen positive (the root above) and negative (below), so that
     * it cannot run off where the score is flat. */
    double lo = 0.0, hi = INFINITY, newton;
    *converged = 0;
    while (it < max_iter) {
        it++;
        double adj = scoring_step(y, v, w, k, t, m, &newton);
        if (!isfinite(adj))
            adj = 0.0;
        if (adj > 0.0 && t > lo)
            lo = t;
        else if (adj < 0.0 && t < hi)
            hi = t;
        if (isfinite(newton) && (newton > 0.0) == (adj > 0.0) && fabs(newton) <= 10.0 * fabs(adj) &&
            t + newton > lo && t + newton < hi)
            adj = newton;
        if (t + adj < 0.0) {
            double adj0 = t > 0.0 ? scoring_step(y, v, w, k, 0.0, m, &newton) : adj;
            if (!(adj0 > 0.0)) {
                t = 0.0;
                *converged = 1;
                break;
            }
            while (t + adj < 0.0)
                adj /= 2.0;
        }
        double old = t;
        t += adj;
        if (fabs(t - old) <= tol * fmax(t, tol)) {
            *converged = 1;
            break;
        }
    }
    *iterations = it;
    t = fmax(0.0, t);
    /* metafor's ll0check for ML and REML: if the likelihood at tau2 = 0 is
     * higher than at the scoring result, the scoring found a local maximum
     * and tau2 = 0 is reported. */
    if (*converged && t > 0.0 && (m == SRW_TAU2_ML || m == SRW_TAU2_REML) &&
        loglik_drop(y, v, k, t, m) > 0.0)
        t = 0.0;
    *tau2 = t;
}

/* Chi-square quantiles at the 95% level (the level of every profile and of
 * nearly every analysis), df = 1..100: {gsl_cdf_chisq_Pinv(alpha / 2, df),
 * gsl_cdf_chisq_Qinv(alpha / 2, df)} with alpha = 1 - 95 / 100 computed as
 * below, printed with %.17g so that they read back as GSL's own bits.  Each
 * GSL call inverts the incomplete gamma function iteratively (~1.5 us, more
 * than the rest of a typical analysis); other levels and df still call it. */
static const double chisq95[][2] = {
    {0.00098206911717525986, 5.0238861873148863}, /* df 1 */
    {0.050635615968579795, 7.3777589082278707}, /* df 2 */
    {0.21579528262389813, 9.3484036044961432}, /* df 3 */
    {0.48441855708793041, 11.143286781877793}, /* df 4 */
    {0.83121161348666284, 12.832501994030027}, /* df 5 */
    {1.2373442457912041, 14.449375335447913}, /* df 6 */
    {1.6898691806773556, 16.012764274629319}, /* df 7 */
    {2.1797307472526501, 17.53454613948465}, /* df 8 */
    {2.7003894999803593, 19.022767798641631}, /* df 9 */
    {3.2469727802368444, 20.483177350807384}, /* df 10 */
    {3.8157482522361037, 21.920049261021195}, /* df 11 */
    {4.4037885069817051, 23.336664158645331}, /* df 12 */
    {5.0087505118103355, 24.735604884931533}, /* df 13 */
    {5.628726103039738, 26.118948045037353}, /* df 14 */
    {6.2621377950432544, 27.488392863442964}, /* df 15 */
    {6.9076643534970064, 28.845350723404742}, /* df 16 */
    {7.5641864495775755, 30.191009121639794}, /* df 17 */
    {8.2307461947566765, 31.526378440386605}, /* df 18 */
    {8.9065164819879801, 32.852326861729686}, /* df 19 */
    {9.5907773922648687, 34.169606902838339}, /* df 20 */
    {10.282897782522863, 35.47887590572725}, /* df 21 */
    {10.982320734473676, 36.780712084035549}, /* df 22 */
    {11.68855192245244, 38.075627250355808}, /* df 23 */
    {12.401150217444435, 39.364077026603908}, /* df 24 */
    {13.119720024937786, 40.646469120275192}, /* df 25 */
    {13.843904982007606, 41.923170096353914}, /* df 26 */
    {14.573382730821706, 43.194510966156031}, /* df 27 */
    {15.307860552601198, 44.460791836317753}, /* df 28 */
    {16.047071695364885, 45.72228580417454}, /* df 29 */
    {16.790772265566627, 46.979242243671159}, /* df 30 */
    {17.538738581475489, 48.231889594451957}, /* df 31 */
    {18.290764907283048, 49.480437742971688}, /* df 32 */
    {19.046661503175116, 50.725080066281222}, /* df 33 */
    {19.806252939214577, 51.965995195121913}, /* df 34 */
    {20.569376630744966, 53.203348542056489}, /* df 35 */
    {21.335881560799056, 54.437293631813212}, /* df 36 */
    {22.105627161169515, 55.6679732642611}, /* df 37 */
    {22.878482328733465, 56.895520535055979}, /* df 38 */
    {23.654324557593025, 58.120059734686265}, /* df 39 */
    {24.433039170807891, 59.341707143171199}, /* df 40 */
    {25.214518638112512, 60.560571734843755}, /* df 41 */
    {25.998661968152376, 61.776755805349197}, /* df 42 */
    {26.785374165536329, 62.990355531101976}, /* df 43 */
    {27.574565744459221, 64.20146146988678}, /* df 44 */
    {28.366152291859851, 65.410159009999575}, /* df 45 */
    {29.160054074089366, 66.616528774250483}, /* df 46 */
    {29.956195681912092, 67.820646984252463}, /* df 47 */
    {30.754505709372928, 69.022585789666081}, /* df 48 */
    {31.55491646266713, 70.222413566434525}, /* df 49 */
    {32.357363695658655, 71.420195187506422}, /* df 50 */
    {33.161786369126936, 72.61599226908578}, /* df 51 */
    {33.96812643119268, 73.809863395060745}, /* df 52 */
    {34.776328616690627, 75.001864321928608}, /* df 53 */
    {35.586340263529543, 76.192048166250046}, /* df 54 */
    {36.398111144315308, 77.380465576419141}, /* df 55 */
    {37.211593311715056, 78.567164890324193}, /* df 56 */
    {38.026740956217438, 79.752192280290373}, /* df 57 */
    {38.843510275095873, 80.935591886536386}, /* df 58 */
    {39.661859351515659, 82.117405940238299}, /* df 59 */
    {40.481748042841829, 83.297674877173193}, /* df 60 */
    {41.303137877306483, 84.476437442809072}, /* df 61 */
    {42.125991958283706, 85.653730789615338}, /* df 62 */
    {42.950274875499026, 86.829590567286118}, /* df 63 */
    {43.775952622569129, 88.004051006497519}, /* df 64 */
    {44.602992520329281, 89.177144996756169}, /* df 65 */
    {45.431363145459677, 90.348904158840938}, /* df 66 */
    {46.261034263970039, 91.519358912289533}, /* df 67 */
    {47.091976769144544, 92.688538538338577}, /* df 68 */
    {47.924162623586895, 93.856471238685387}, /* df 69 */
    {48.757564805039522, 95.023184190406184}, /* df 70 */
    {49.592157255680632, 96.188703597333202}, /* df 71 */
    {50.427914834630457, 97.353054738166122}, /* df 72 */
    {51.264813273421829, 98.516262011567804}, /* df 73 */
    {52.102829134212058, 99.678348978472371}, /* df 74 */
    {52.941939770532855, 100.83933840181336}, /* df 75 */
    {53.782123290392292, 101.99925228386167}, /* df 76 */
    {54.623358521559041, 103.15811190134659}, /* df 77 */
    {55.46562497887296, 104.31593783851922}, /* df 78 */
    {56.308902833439667, 105.47275001830305}, /* df 79 */
    {57.15317288357793, 106.6285677316657}, /* df 80 */
    {57.998416527399435, 107.78340966533452}, /* df 81 */
    {58.844615736910562, 108.93729392796817}, /* df 82 */
    {59.691753033533836, 110.09023807488876}, /* df 83 */
    {60.539811464955399, 111.24225913146982}, /* df 84 */
    {61.388774583211536, 112.39337361526813}, /* df 85 */
    {62.238626423934377, 113.54359755698131}, /* df 86 */
    {63.089351486682595, 114.69294652030608}, /* df 87 */
    {63.940934716288666, 115.84143562076727}, /* df 88 */
    {64.793361485159082, 116.9890795435814}, /* df 89 */
    {65.646617576468927, 118.13589256061549}, /* df 90 */
    {66.500689168195976, 119.28188854649565}, /* df 91 */
    {67.355562817943749, 120.42708099391763}, /* df 92 */
    {68.211225448506397, 121.57148302820679}, /* df 93 */
    {69.067664334131521, 122.71510742117199}, /* df 94 */
    {69.924867087440276, 123.85796660429506}, /* df 95 */
    {70.782821646966482, 125.00007268129391}, /* df 96 */
    {71.64151626527962, 126.14143744009596}, /* df 97 */
    {72.50093949765828, 127.28207236425453}, /* df 98 */
    {73.361080191283676, 128.42198864384031}, /* df 99 */
    {74.221927474923731, 129.56119718583659}, /* df 100 */
};

static void chisq_crit(double *lo, double *hi, double level, double df)
{
    double alpha = 1.0 - level / 100.0;
    size_t n = sizeof chisq95 / sizeof chisq95[0];
    if (level == 95.0 && df >= 1.0 && df <= (double)n && df == floor(df)) {
        *lo = chisq95[(size_t)df - 1][0];
        *hi = chisq95[(size_t)df - 1][1];
        return;
    }
    *lo = gsl_cdf_chisq_Pinv(alpha / 2.0, df);
    *hi = gsl_cdf_chisq_Qinv(alpha / 2.0, df);
}

int srw_pool__tau2_qprofile(double *lower, double *upper, const double *y,
                            const double *v, double *w, size_t k, double tau2,
                            double level, int max_iter, double tol)
{
    *lower = NAN;
    *upper = NAN;
    if (k < 2)
        return 0;
    double crit_l, crit_u;
    chisq_crit(&crit_l, &crit_u, level, (double)k - 1.0);
    /* metafor searches [0, max(100, 10 tau2)] and reports "> tmax" when a
     * bound lies beyond; srw widens the interval (x10) until it brackets
     * the bound, so the number reported is the bound itself. */
    double tmax = fmax(100.0, 10.0 * tau2);
    double q_min = srw_pool__genq(y, v, k, 0.0, NULL, NULL);
    double q_max = srw_pool__genq(y, v, k, tmax, NULL, NULL);
    for (int widen = 0; q_max > crit_l && widen < 30; widen++)
        q_max = srw_pool__genq(y, v, k, tmax *= 10.0, NULL, NULL);
    int rc = 0, r;

    /* Lower bound: Q(tau2) = upper chi-square quantile. */
    double from = 0.0; /* where the search for the upper bound starts */
    if (q_max > crit_u) {
        *lower = tmax;
    } else if (q_min < crit_u) {
        *lower = 0.0;
    } else {
        r = q_root(lower, NULL, y, v, w, k, crit_u, 0.0, tmax, max_iter, tol);
        if (r != 0)
            rc = r;
        else
            from = *lower; /* Q(lower) = crit_u > crit_l: left of the root */
    }
    /* Upper bound: Q(tau2) = lower chi-square quantile. */
    if (q_max > crit_u) {
        *upper = tmax;
    } else if (q_min < crit_l) {
        *lower = 0.0; /* metafor: both bounds at the boundary, "CI null" */
        *upper = 0.0;
    } else if (q_max > crit_l) {
        *upper = tmax; /* beyond the search interval (metafor: "> tmax") */
    } else {
        r = q_root(upper, NULL, y, v, w, k, crit_l, from, tmax, max_iter, tol);
        if (r != 0)
            rc = r;
    }
    return rc;
}
