/* A simulation study's summary as a table to read, CSV and JSON: see
 * include/srw/simreport.h. */
#include "srw/simreport.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "srw/decimal.h"
#include "srw/format.h"

static int finish(const srw_buf *out)
{
    return out->oom ? SRW_ENOMEM : 0;
}

static void setting(char *buf, size_t n, const srw_sim_result *r, const char *key)
{
    srw_sim_options_get(buf, n, &r->opts, key);
}

/* What was simulated, in two lines, from the settings' own texts. */
static void put_study(srw_buf *out, const srw_sim_result *r)
{
    const srw_sim_options *o = &r->opts;
    char effect[64], tau2[SRW_SIM_TEXT_MAX], n[64], risk[64], reps[32], seed[32];
    setting(effect, sizeof effect, r, "true-effect");
    setting(tau2, sizeof tau2, r, "true-tau2");
    setting(n, sizeof n, r, "n");
    setting(risk, sizeof risk, r, "baseline-risk");
    setting(reps, sizeof reps, r, "reps");
    setting(seed, sizeof seed, r, "seed");
    const char *m = srw_measure_name(o->measure);
    int binary = o->measure == SRW_MEASURE_RR || o->measure == SRW_MEASURE_OR;
    srw_buf_printf(out, "srw simulate: %s%s, true effect %s%s, true tau^2 %s\n", m, binary ? "" : " (arms with SD 1)",
                   effect, binary ? (o->measure == SRW_MEASURE_RR ? " (log RR)" : " (log OR)") : "", tau2);
    srw_buf_printf(out, "%s arm size %s", o->n_min == o->n_max ? "each" : "each study's", n);
    if (binary)
        srw_buf_printf(out, ", baseline risk %s", risk);
    srw_buf_printf(out, "; %s replications per scenario; seed %s\n", reps, seed);
}

/* A share as a percentage with one decimal ("-" when undefined). */
static void pct(char *buf, size_t n, double x)
{
    srw_format_num(buf, n, 100.0 * x, 1, SRW_FORMAT_TEXT);
}

int srw_report_sim_text(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows)
{
    put_study(out, r);
    srw_buf_puts(out, "Coverage: share of 95% CIs holding the true effect (Monte Carlo SE); PI: mean share of\n"
                      "true study effects inside the 95% prediction interval; width, bias and RMSE on the\n"
                      "analysis scale; nonconv: tau^2 estimator did not converge; no est: no pooled estimate.\n\n");
    srw_buf_printf(out, "%5s  %-8s %-10s %14s %7s %8s %8s %8s %10s %10s %8s %7s\n", "k", "tau2", "method",
                   "coverage %", "PI %", "width", "bias", "RMSE", "tau2 bias", "tau2 RMSE", "nonconv%", "no est%");
    size_t n = srw_sim_n_rows(r);
    for (size_t i = 0; i < n; i++) {
        const srw_sim_row *w = &rows[i];
        char tau2[64], method[32], cov[32], se[32], cs[72], pic[32], width[32], bias[32], rmse[32];
        char tb[32], tr[32], nc[32], ne[32];
        srw_number_text(w->tau2, tau2, sizeof tau2);
        srw_sim_method_name(method, sizeof method, w->method);
        pct(cov, sizeof cov, w->coverage);
        pct(se, sizeof se, w->coverage_se);
        snprintf(cs, sizeof cs, "%s (%s)", cov, se);
        pct(pic, sizeof pic, w->pi_coverage);
        srw_format_num(width, sizeof width, w->mean_width, 4, SRW_FORMAT_TEXT);
        srw_format_num(bias, sizeof bias, w->bias, 4, SRW_FORMAT_TEXT);
        srw_format_num(rmse, sizeof rmse, w->rmse, 4, SRW_FORMAT_TEXT);
        srw_format_num(tb, sizeof tb, w->tau2_bias, 4, SRW_FORMAT_TEXT);
        srw_format_num(tr, sizeof tr, w->tau2_rmse, 4, SRW_FORMAT_TEXT);
        pct(nc, sizeof nc, w->nonconverged);
        pct(ne, sizeof ne, w->no_estimate);
        srw_buf_printf(out, "%5u  %-8s %-10s %14s %7s %8s %8s %8s %10s %10s %8s %7s\n", w->k, tau2, method, cs, pic,
                       width, bias, rmse, tb, tr, nc, ne);
    }
    return finish(out);
}

/* The columns of CSV and JSON, in their order (simreport.h). */
enum { C_K, C_TAU2, C_METHOD, C_COV, C_PI, C_WIDTH, C_BIAS, C_RMSE, C_TBIAS, C_TRMSE, C_NC, C_SE, C_NE, C_REPS, C_N };
static const char *const columns[C_N] = {
    "k",         "true_tau2",    "method",      "coverage",    "pi_coverage", "mean_width", "bias",
    "rmse",      "tau2_bias",    "tau2_rmse",   "nonconverged", "coverage_se", "no_estimate", "reps",
};

/* Cell c of row w as text; *quote when it is a string.  "" when the
 * number is undefined. */
static void cell(char *buf, size_t n, const srw_sim_row *w, int c, int *quote)
{
    double v = NAN;
    *quote = 0;
    switch (c) {
    case C_K: snprintf(buf, n, "%u", w->k); return;
    case C_REPS: snprintf(buf, n, "%" PRIu64, w->reps); return;
    case C_METHOD: srw_sim_method_name(buf, n, w->method); *quote = 1; return;
    case C_TAU2: v = w->tau2; break;
    case C_COV: v = w->coverage; break;
    case C_PI: v = w->pi_coverage; break;
    case C_WIDTH: v = w->mean_width; break;
    case C_BIAS: v = w->bias; break;
    case C_RMSE: v = w->rmse; break;
    case C_TBIAS: v = w->tau2_bias; break;
    case C_TRMSE: v = w->tau2_rmse; break;
    case C_NC: v = w->nonconverged; break;
    case C_SE: v = w->coverage_se; break;
    case C_NE: v = w->no_estimate; break;
    default: break;
    }
    if (isfinite(v))
        srw_number_text(v == 0.0 ? 0.0 : v, buf, n);
    else if (n > 0)
        buf[0] = '\0';
}

int srw_report_sim_csv(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows)
{
    for (int c = 0; c < C_N; c++)
        srw_buf_printf(out, "%s%s", c ? "," : "", columns[c]);
    srw_buf_puts(out, "\n");
    size_t n = srw_sim_n_rows(r);
    char buf[64];
    int quote;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < C_N; c++) {
            cell(buf, sizeof buf, &rows[i], c, &quote);
            srw_buf_printf(out, "%s%s", c ? "," : "", buf); /* no value needs quoting */
        }
        srw_buf_puts(out, "\n");
    }
    return finish(out);
}

int srw_report_sim_json(srw_buf *out, const srw_sim_result *r, const srw_sim_row *rows)
{
    size_t n = srw_sim_n_rows(r);
    char buf[64];
    int quote;
    srw_buf_puts(out, "[");
    for (size_t i = 0; i < n; i++) {
        srw_buf_puts(out, i ? ",\n  {" : "\n  {");
        for (int c = 0; c < C_N; c++) {
            cell(buf, sizeof buf, &rows[i], c, &quote);
            const char *q = quote ? "\"" : "";
            srw_buf_printf(out, "%s\"%s\": %s%s%s", c ? ", " : "", columns[c], q, buf[0] ? buf : "null", q);
        }
        srw_buf_puts(out, "}");
    }
    srw_buf_puts(out, n ? "\n]\n" : "]\n");
    return finish(out);
}
