/* The report's content, written once for every format through doc.h:
 * the overview table, one section per use and the methods. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/content.h"
#include "srw/format.h"
#include "util/text.h"

/* "RR 0.49 (0.33 to 0.73)"; a generic estimate, on its records' own scale,
 * without a measure's name ("8.90 (3.60 to 14.20)", not "GENERIC 8.90"). */
static void est_text(char *buf, size_t n, const char *measure, double e, double l, double h, int ratio)
{
    char ci[96];
    srw_format_effect_to(ci, sizeof ci, e, l, h, ratio, SRW_FORMAT_PAGE);
    if (strcmp(ci, SRW_FORMAT_DASH) == 0)
        snprintf(buf, n, SRW_FORMAT_DASH);
    else if (measure == NULL || measure[0] == '\0' || strcmp(measure, srw_measure_name(SRW_MEASURE_GENERIC)) == 0)
        snprintf(buf, n, "%s", ci);
    else
        snprintf(buf, n, "%s %s", measure, ci);
}

/* A use's estimate: srw's own at two decimals, a published one as given. */
static void use_est_text(char *buf, size_t n, const rp_use *u)
{
    const srw_published *p = u->v.basis_pub;
    if (u->v.basis != SRW_BASIS_PUBLISHED || p == NULL) {
        est_text(buf, n, u->v.measure, u->v.estimate, u->v.ci_lower, u->v.ci_upper, u->v.ratio);
        return;
    }
    srw_published_text(p, buf, n);
}

void rp_claims(rp_doc *d, const rp_report *r)
{
    if (r->n_claims == 0)
        return;
    doc_heading(d, 2, "claims", "Claims checked");
    doc_para(d, "Each claim a text makes about a use, what srw's evidence for that use says (the verdict on the "
                "outcome the claim is about, the use's primary outcome unless the claim names another), and whether "
                "srw agrees, partly agrees, disagrees or cannot judge it, with the reason (doc/methods.md, "
                "\"Claims\").");
    static const char *hdr[] = {"Claim", "Use", "Asserts", "Source", "What srw's evidence says", "srw", "Reason"};
    doc_table_begin(d, "claims", 7, hdr);
    for (size_t i = 0; i < r->n_claims; i++) {
        const rp_claim *c = &r->claims[i];
        char *use = doc_strf(d, "%s%s%s%s", c->c.use, c->outcome ? " (" : "", c->outcome ? c->outcome : "",
                             c->outcome ? ")" : "");
        const char *cells[7] = {c->c.claim,
                                use ? use : "",
                                srw_claim_asserts_text(srw_claim_asserts_parse(c->c.asserts)),
                                c->c.source,
                                c->j.evidence,
                                srw_claim_agreement_name(c->j.agreement),
                                c->j.reason};
        doc_table_row(d, cells);
        free(use);
    }
    doc_table_end(d);
}

void rp_overview(rp_doc *d, const rp_report *r)
{
    static const char *hdr[] = {"Use", "Verdict", "Primary outcome", "Estimate (95% CI)", "Studies",
                                "Participants", "Certainty", "Basis"};
    doc_table_begin(d, "verdicts", 8, hdr);
    for (size_t i = 0; i < r->n_uses; i++) {
        const rp_use *u = &r->uses[i];
        char est[256], k[32], n[32];
        use_est_text(est, sizeof est, u);
        if (u->v.k >= 0)
            snprintf(k, sizeof k, "%ld", u->v.k);
        else
            snprintf(k, sizeof k, SRW_FORMAT_DASH);
        srw_format_num(n, sizeof n, u->v.participants, 0, SRW_FORMAT_PAGE);
        const char *cells[8] = {u->name,
                                srw_verdict_name(u->v.verdict.verdict),
                                u->info.primary_outcome ? u->info.primary_outcome : "(none set)",
                                est,
                                k,
                                n,
                                u->v.certainty != SRW_CERTAINTY_NONE ? srw_certainty_name(u->v.certainty) : "not assessed",
                                u->v.basis == SRW_BASIS_SRW ? "srw" : u->v.basis == SRW_BASIS_PUBLISHED ? "published" : "no data"};
        doc_table_row(d, cells);
    }
    doc_table_end(d);
}

static void verdict_block(rp_doc *d, const rp_use *u)
{
    char cls[64];
    snprintf(cls, sizeof cls, "verdict verdict-%s", srw_verdict_key(u->v.verdict.verdict));
    doc_block_begin(d, cls);
    doc_para_begin(d, "verdict-line");
    char verdict[64];
    snprintf(verdict, sizeof verdict, "Verdict: %s", srw_verdict_name(u->v.verdict.verdict));
    doc_bold(d, verdict);
    if (u->info.primary_outcome)
        doc_textf(d, " for the primary outcome \"%s\".", u->info.primary_outcome);
    doc_para_end(d);
    if (u->v.statement[0])
        doc_para(d, u->v.statement);
    doc_para(d, u->v.verdict.reason);
    if (u->info.primary_outcome) {
        doc_para_begin(d, u->v.prespecified ? NULL : "warning");
        doc_bold(d, "Primary outcome: ");
        doc_textf(d, "%s.", u->v.primary_note);
        doc_para_end(d);
    }
    doc_para_begin(d, NULL);
    doc_bold(d, "Basis: ");
    doc_textf(d, "%s.", u->v.basis_text);
    if (u->v.basis != SRW_BASIS_NONE) {
        char est[256], n[32];
        use_est_text(est, sizeof est, u);
        srw_format_num(n, sizeof n, u->v.participants, 0, SRW_FORMAT_PAGE);
        doc_textf(d, " Estimate %s; participants %s; certainty %s (%s).", est, n,
                  u->v.certainty != SRW_CERTAINTY_NONE ? srw_certainty_name(u->v.certainty) : "not assessed",
                  u->v.certainty_source);
    }
    if (u->v.mid_text[0]) {
        /* a text cut at a whole word ends in "…", which needs no full stop */
        size_t len = strlen(u->v.mid_text);
        int cut = len >= 3 && strcmp(u->v.mid_text + len - 3, "\xe2\x80\xa6") == 0;
        doc_textf(d, " Minimal important difference: %s%s", u->v.mid_text, cut ? "" : ".");
    }
    /* Why there is none: no review's result was imported for the use at
     * all, or the review's results imported leave this outcome out. */
    if (u->primary >= 0 && u->v.basis_pub == NULL && u->published.n == 0)
        doc_text(d, " No review's published result was imported for this use, so the verdict can rest only on "
                    "srw's own analysis.");
    else if (u->primary >= 0 && u->v.basis_pub == NULL)
        doc_text(d, " The published results imported for this use leave this outcome out (the review did not pool "
                    "it, or its pooled result is not in the public record srw reached: the use's notes say which), "
                    "so the verdict can rest only on srw's own analysis.");
    doc_para_end(d);
    doc_block_end(d);
}

/* How robust the verdict is: the statement of each critical outcome and
 * the verdict it would give as primary, the other profile, without the
 * studies at high risk of bias; one sentence says whether it stands. */
static void robustness_block(rp_doc *d, const rp_use *u)
{
    const srw_robustness *r = &u->robustness;
    if (!r->computed)
        return;
    doc_heading(d, 3, NULL, "How robust the verdict is");
    static const char *hdr[] = {"Critical outcome", "Certainty", "Statement (GRADE)", "Verdict as primary"};
    doc_table_begin(d, "robustness", 4, hdr);
    for (size_t i = 0; i < r->n_outcomes; i++) {
        const srw_robustness_outcome *o = &r->outcomes[i];
        char *name = doc_strf(d, "%s%s", o->outcome, o->is_primary ? " (primary)" : "");
        const char *cells[4] = {name ? name : "",
                                o->certainty != SRW_CERTAINTY_NONE ? srw_certainty_name(o->certainty) : "not assessed",
                                o->statement, srw_verdict_name(o->verdict)};
        doc_table_row(d, cells);
        free(name);
    }
    doc_table_end(d);
    doc_para_begin(d, NULL);
    if (r->profile_applies)
        doc_textf(d, "Under the %s profile: %s. ", r->other_profile, srw_verdict_name(r->profile_verdict));
    if (r->profile_applies && r->rob_applies)
        doc_textf(d, "Without the %zu %s at high risk of bias: %s. ", r->n_high_rob,
                  r->n_high_rob == 1 ? "study" : "studies", srw_verdict_name(r->rob_verdict));
    doc_bold(d, r->sentence);
    doc_para_end(d);
}

/* The reason before an override's is a sentence of its own. */
static void end_sentence(srw_buf *b)
{
    if (b->len > 0 && strchr(".!?", b->ptr[b->len - 1]) == NULL)
        srw_buf_puts(b, ".");
}

/* A domain's reason as the report shows it: srw's (or the reviewer's
 * entered one), then the reviewer's override after label, then where the
 * reviewer's judgement comes from. */
static void judgement_text(srw_buf *b, const srw_grade_step *st, const char *label)
{
    srw_report_grade_reason(b, st);
    if (st->overridden) {
        end_sentence(b);
        srw_buf_printf(b, " %s: %s", label, st->override_reason ? st->override_reason : "");
    }
    if (st->source != NULL) {
        end_sentence(b);
        srw_buf_printf(b, " Source: %s", st->source);
        end_sentence(b);
    }
}

static void sof_table(rp_doc *d, const rp_use *u)
{
    static const char *hdr[] = {"Outcome", "Participants (studies)", "Relative effect (95% CI)", "Risk with control",
                                "Risk with intervention", "Difference / effect (95% CI)", "Certainty (GRADE)",
                                "What happens (GRADE statement)"};
    doc_heading(d, 3, NULL, "Summary of findings");
    doc_table_begin(d, "sof", 8, hdr);
    int note = 0;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        rp_sof_row s;
        rp_sof(&s, o);
        char cert[160];
        size_t len = (size_t)snprintf(cert, sizeof cert, "%s", s.certainty);
        for (int k = 0; o->as.graded && k < SRW_GRADE_N; k++)
            if (o->as.grade.steps[k].downgrade > 0 && len < sizeof cert)
                len += (size_t)snprintf(cert + len, sizeof cert - len, " [%d]", ++note);
        /* The outcome's name whole: a cell is never cut (a cut split a
         * character of a long non-ASCII name). */
        char *name = doc_strf(d, "%s%s", o->name, o->is_primary ? " (primary)" : "");
        const char *cells[8] = {name ? name : "", s.participants, s.relative, s.risk_ctl, s.risk_int, s.absolute,
                                cert, o->as.statement};
        doc_table_row(d, cells);
        free(name);
        for (size_t b = 0; b < s.n_baselines; b++) {
            char *bn = doc_strf(d, "%s: at a %s", o->name, s.baselines[b].label);
            const char *bc[8] = {bn ? bn : "", "", "", s.baselines[b].risk_ctl, s.baselines[b].risk_int,
                                 s.baselines[b].absolute, "", ""};
            doc_table_row(d, bc);
            free(bn);
        }
    }
    doc_table_end(d);
    note = 0;
    doc_list_begin(d);
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        for (int k = 0; o->as.graded && k < SRW_GRADE_N; k++) {
            const srw_grade_step *st = &o->as.grade.steps[k];
            if (st->downgrade <= 0)
                continue;
            /* The reason starts a sentence here: its first letter in capitals. */
            srw_buf why = SRW_BUF_INIT;
            judgement_text(&why, st, "Reviewer override");
            if (why.len > 0 && why.ptr[0] >= 'a' && why.ptr[0] <= 'z')
                why.ptr[0] = (char)(why.ptr[0] - 'a' + 'A');
            doc_item_begin(d);
            doc_textf(d, "[%d] %s, %s: downgraded %d level%s. %s", ++note, o->name,
                      srw_grade_domain_name((srw_grade_domain)k), st->downgrade, st->downgrade == 1 ? "" : "s",
                      srw_buf_cstr(&why));
            doc_item_end(d);
            srw_buf_dispose(&why);
        }
    }
    doc_list_end(d);
    doc_para(d, "Risk with control: the pooled control-arm risk (sum of control events over sum of control "
                "participants), and a row of its own for each low or high baseline risk the outcome's settings give "
                "with their source; risk with intervention applies the pooled relative effect to it. The statement is "
                "GRADE's (Santesso et al., GRADE guidelines 26, J Clin Epidemiol 2020;119:126): the certainty word "
                "with the size of the effect against the outcome's thresholds. Certainty "
                "is srw's own GRADE assessment of the trials it holds; a row marked \"published\" is an outcome srw "
                "holds no trials for, showing the review's pooled result (the one with most participants) and its "
                "certainty as the review published it.");
}

static void grade_table(rp_doc *d, const rp_outcome *o)
{
    if (!o->as.graded) {
        doc_textf(d, "GRADE not assessed: %s.", o->as.analysed ? o->as.grade_error : o->as.analysis_error.message);
        return;
    }
    /* The review's own judgement, when entered, in a column beside srw's. */
    const srw_assess_review_grade *rv = &o->as.review;
    static const char *hdr[] = {"Domain", "Computed", "Applied", "Reason", "The review's judgement"};
    int ncol = rv->present ? 5 : 4;
    doc_table_begin(d, "grade", ncol, hdr);
    for (int k = 0; k < SRW_GRADE_N; k++) {
        const srw_grade_step *st = &o->as.grade.steps[k];
        char c[32], a[32];
        /* The reviewer's and the review's texts whole, however long. */
        srw_buf reason = SRW_BUF_INIT, theirs = SRW_BUF_INIT;
        snprintf(c, sizeof c, st->assessable ? "%s%d" : "not assessable", st->computed ? "-" : "", st->computed);
        snprintf(a, sizeof a, "%s%d", st->downgrade ? "-" : "", st->downgrade);
        judgement_text(&reason, st, "Override");
        if (rv->present && rv->downgrade[k] >= 0)
            srw_buf_printf(&theirs, "%s%d%s%s%s", rv->downgrade[k] ? "-" : "", rv->downgrade[k],
                           rv->reason[k] ? ": " : "", rv->reason[k] ? rv->reason[k] : "",
                           rv->differs[k] ? " (differs from srw's)" : "");
        else
            srw_buf_puts(&theirs, "not given");
        const char *cells[5] = {srw_grade_domain_name((srw_grade_domain)k), c, a, srw_buf_cstr(&reason),
                                srw_buf_cstr(&theirs)};
        doc_table_row(d, cells);
        srw_buf_dispose(&reason);
        srw_buf_dispose(&theirs);
    }
    doc_table_end(d);
    doc_para_begin(d, NULL);
    doc_textf(d, "Certainty: %s (starting high for randomised trials", srw_certainty_name(o->as.grade.certainty));
    if (o->as.grade.upgrade > 0)
        doc_textf(d, "; rated up %d level%s by the reviewer: %s", o->as.grade.upgrade,
                  o->as.grade.upgrade == 1 ? "" : "s", o->as.grade.upgrade_reason);
    doc_textf(d, "). Minimal important difference used: %s. Large effect: %s. %s", o->as.mid.text,
              o->as.mid.large_text, o->as.statement);
    doc_para_end(d);
    if (o->as.review.present) {
        const srw_assess_review_grade *r = &o->as.review;
        doc_para_begin(d, r->certainty_differs ? "warning" : NULL);
        doc_bold(d, "The review's GRADE beside srw's: ");
        doc_textf(d, "%s", r->text);
        doc_para_end(d);
    }
}

static void outcome_section(rp_doc *d, const rp_use *u, const rp_outcome *o)
{
    char title[400], file[200];
    srw_snprintf_utf8(title, sizeof title, "%s%s", o->name, o->is_primary ? " (primary outcome)" : "");
    (void)u; /* the outcome's stem holds the use's: unique on the page */
    doc_heading(d, 4, o->slug, title);
    if (!o->as.analysed) {
        doc_para_begin(d, "missing");
        doc_textf(d, "%s%s", o->as.analysis_error.message,
                  o->as.n_published ? "; the review's published result is shown under \"Published results\"." : ".");
        doc_para_end(d);
        return;
    }
    char cap[500];
    if (o->has_figures) {
        rp_forest_name(file, sizeof file, u, o);
        srw_snprintf_utf8(cap, sizeof cap, "Forest plot: %s", o->name);
        doc_figure(d, file, cap);
    } else {
        doc_para_begin(d, NULL);
        doc_textf(d, "No forest or funnel plot here: a report of more than %d outcomes draws them for the primary "
                     "outcome and the outcomes rated critical (srw report --all-figures draws every outcome's).",
                  SRW_REPORT_ALL_FIGURES_UPTO);
        doc_para_end(d);
    }
    if (o->n_warnings) {
        /* Entered, but flagged at entry (srw list extractions shows the same). */
        doc_para(d, "Warnings (data entered as reported, but worth checking against the source):");
        doc_list_begin(d);
        for (size_t i = 0; i < o->n_warnings; i++) {
            doc_item_begin(d);
            doc_text(d, o->warnings[i]);
            doc_item_end(d);
        }
        doc_list_end(d);
    }
    if (o->is_primary) {
        rp_sensitivity_section(d, u, o);
    } else if (o->has_funnel) {
        rp_funnel_name(file, sizeof file, u, o);
        srw_snprintf_utf8(cap, sizeof cap, "Contour-enhanced funnel plot: %s", o->name);
        doc_figure(d, file, cap);
    } else if (o->has_figures) {
        doc_para(d, "No funnel plot or Egger's test: fewer than 10 studies.");
    }
    doc_para_begin(d, NULL);
    doc_bold(d, "GRADE. ");
    doc_para_end(d);
    grade_table(d, o);
    const char *names[12];
    char values[12][64];
    size_t n = rp_settings(&o->as.analysis.opts, names, values, 12);
    doc_para_begin(d, "settings");
    doc_text(d, "Settings: ");
    for (size_t i = 0; i < n; i++)
        doc_textf(d, "%s%s = %s", i ? "; " : "", names[i], values[i]);
    doc_text(d, ".");
    const char *note = o->as.analysis.overall.note;
    if (note && !(note == srw_pool_note_pi && !srw_pool_shows_pi(&o->as.analysis.opts)))
        doc_textf(d, " Note: %s.", note);
    if (!o->as.analysis.overall.converged)
        doc_text(d, " The between-study variance estimator did not converge.");
    if (o->d.n_awaiting)
        doc_textf(d, " %zu stud%s await%s reconciliation of two reviewers' extractions and %s not in this analysis.",
                  o->d.n_awaiting, o->d.n_awaiting == 1 ? "y" : "ies", o->d.n_awaiting == 1 ? "s" : "",
                  o->d.n_awaiting == 1 ? "is" : "are");
    doc_para_end(d);
    if (o->as.analysis.n_corrections) {
        doc_para(d, "Corrections applied:");
        doc_list_begin(d);
        for (size_t i = 0; i < o->as.analysis.n_corrections; i++) {
            doc_item_begin(d);
            doc_text(d, o->as.analysis.corrections[i]);
            doc_item_end(d);
        }
        doc_list_end(d);
    }
    doc_para(d, "Sources:");
    doc_list_begin(d);
    for (size_t i = 0; i < o->d.set.k; i++) {
        doc_item_begin(d);
        doc_bold(d, o->d.rows[i].study);
        doc_text(d, ": ");
        if (o->d.info[i].source)
            doc_linked(d, o->d.info[i].source);
        else
            doc_text(d, "source not recorded");
        doc_item_end(d);
    }
    doc_list_end(d);
}

static void published_section(rp_doc *d, const rp_use *u)
{
    doc_heading(d, 3, NULL, "Published results beside srw's own");
    if (u->published.n == 0) {
        doc_para(d, "No review's published pooled result was imported for this use, so every number here is "
                    "srw's own.");
        return;
    }
    doc_para(d, "Published pooled results are shown for comparison only: they are never pooled with trials and "
                "never counted as studies.");
    static const char *hdr[] = {"Outcome", "Review", "Measure", "Published [95% CI]", "Trials / participants",
                                "Certainty (published)", "srw [95% CI]", "srw trials / participants", "Status",
                                "Reason"};
    doc_table_begin(d, "published", 10, hdr);
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        for (size_t j = 0; j < o->as.n_published; j++) {
            const srw_assess_published *rp = &o->as.published[j];
            const srw_published *p = rp->p;
            char pe[224], tp[80], se[128], stp[80], a[24], b[24];
            char fe[64], fl[64], fh[64];
            srw_format_given(fe, sizeof fe, p->estimate, p->decimals, SRW_FORMAT_PAGE);
            srw_format_given(fl, sizeof fl, p->ci_lower, p->decimals, SRW_FORMAT_PAGE);
            srw_format_given(fh, sizeof fh, p->ci_upper, p->decimals, SRW_FORMAT_PAGE);
            snprintf(pe, sizeof pe, "%s [%s, %s]", fe, fl, fh);
            if (p->trials >= 0)
                snprintf(a, sizeof a, "%ld", p->trials);
            else
                snprintf(a, sizeof a, SRW_FORMAT_DASH);
            if (p->participants >= 0)
                snprintf(b, sizeof b, "%ld", p->participants);
            else
                snprintf(b, sizeof b, SRW_FORMAT_DASH);
            snprintf(tp, sizeof tp, "%s / %s", a, b);
            if (o->as.analysed && o->as.analysis.overall.k > 0) {
                const srw_pooled *po = &o->as.analysis.overall;
                srw_format_effect_ci(se, sizeof se, po->estimate, po->ci_lower, po->ci_upper,
                                     srw_measure_is_ratio(o->as.analysis.opts.measure), SRW_FORMAT_PAGE);
                char n[32];
                srw_format_num(n, sizeof n, srw_pooled_participants(po), 0, SRW_FORMAT_PAGE);
                snprintf(stp, sizeof stp, "%zu / %s", o->as.analysis.overall.k, n);
                char m[160];
                snprintf(m, sizeof m, "%s %.100s", srw_measure_name(o->as.analysis.opts.measure), se);
                snprintf(se, sizeof se, "%.120s", m);
            } else {
                snprintf(se, sizeof se, "srw holds no trial data");
                snprintf(stp, sizeof stp, "0 / 0");
            }
            const char *cells[10] = {o->name,
                                     p->version ? p->version : p->review,
                                     p->measure,
                                     pe,
                                     tp,
                                     p->certainty ? p->certainty : "not stated",
                                     se,
                                     stp,
                                     rp->compared ? srw_published_status_name(rp->cmp.status) : "not compared",
                                     rp->cmp.reason};
            doc_table_row(d, cells);
        }
    }
    doc_table_end(d);
    doc_para(d, "Reviews cited:");
    doc_list_begin(d);
    for (size_t i = 0; i < u->published.n; i++) {
        const srw_published *p = &u->published.items[i];
        int seen = 0; /* one line per review and source */
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(u->published.items[j].review, p->review) == 0 &&
                   strcmp(u->published.items[j].source, p->source) == 0;
        if (seen)
            continue;
        doc_item_begin(d);
        doc_text(d, u->published.items[i].review);
        doc_text(d, ". ");
        doc_linked(d, u->published.items[i].source);
        doc_item_end(d);
    }
    doc_list_end(d);
}

static void living_section(rp_doc *d, const rp_use *u)
{
    doc_heading(d, 3, NULL, "Since the review (living update)");
    const srw_assess_living *latest = NULL;
    size_t checked = 0, with_new = 0;
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const srw_assess_living *L = &u->outcomes[i].as.living;
        if (!L->present)
            continue;
        checked++;
        with_new += L->n_new > 0;
        if (latest == NULL || strcmp(L->search_date, latest->search_date) > 0)
            latest = L;
    }
    /* Whether the evidence since the review would change the verdict, in
     * one sentence (core's), first. */
    doc_para_begin(d, NULL);
    doc_bold(d, "Would it change the verdict? ");
    doc_text(d, u->living);
    doc_para_end(d);
    if (latest == NULL)
        return;
    doc_para_begin(d, NULL);
    doc_textf(d, "Trials dated after the search of the latest review (%s, searched to %s) that srw holds, outcome by "
                 "outcome, with srw's pooled result with and without them.",
              latest->review_label, latest->search_date);
    doc_para_end(d);
    for (size_t i = 0; i < u->n_outcomes; i++) {
        const rp_outcome *o = &u->outcomes[i];
        const srw_assess_living *L = &o->as.living;
        if (!L->present || L->n_new == 0)
            continue;
        int ratio = srw_measure_is_ratio(o->as.analysis.opts.measure);
        doc_para_begin(d, NULL);
        doc_bold(d, o->name);
        char with[96], without[96];
        const srw_pooled *po = &o->as.analysis.overall;
        srw_format_effect_ci(with, sizeof with, po->estimate, po->ci_lower, po->ci_upper, ratio, SRW_FORMAT_PAGE);
        doc_textf(d, ": %zu trial%s dated after %d (%s). srw's pooled %s with them: %s (%zu stud%s)", L->n_new,
                  L->n_new == 1 ? "" : "s", L->search_year, L->new_studies, srw_measure_name(o->as.analysis.opts.measure), with,
                  o->as.analysis.overall.k, o->as.analysis.overall.k == 1 ? "y" : "ies");
        if (L->has_without) {
            const srw_pooled *wo = &L->without.overall;
            srw_format_effect_ci(without, sizeof without, wo->estimate, wo->ci_lower, wo->ci_upper, ratio,
                                 SRW_FORMAT_PAGE);
            doc_textf(d, "; without them: %s (%zu stud%s).", without, L->without.overall.k,
                      L->without.overall.k == 1 ? "y" : "ies");
        } else {
            doc_text(d, "; without them srw holds no trials for this outcome.");
        }
        if (L->verdicts)
            doc_textf(d, " Verdict from srw's own analysis with the new trials: %s; without them: %s (%s).",
                      srw_verdict_name(L->with_v.verdict), srw_verdict_name(L->without_v.verdict),
                      L->with_v.verdict == L->without_v.verdict ? "the new trials do not change it"
                                                                : "the new trials change it");
        else if (!o->is_primary)
            doc_text(d, " This is not the primary outcome, so the verdict does not rest on it.");
        doc_para_end(d);
    }
    doc_para_begin(d, NULL);
    if (with_new == 0)
        doc_textf(d, "None of the trials srw holds for the %zu outcome%s with trial data is dated after %s.", checked,
                  checked == 1 ? "" : "s", latest->search_date);
    else
        doc_textf(d, "The other %zu outcome%s with trial data hold no trial dated after the search.", checked - with_new,
                  checked - with_new == 1 ? "" : "s");
    doc_para_end(d);
}

void rp_use_summary(rp_doc *d, const rp_use *u)
{
    char href[100];
    snprintf(href, sizeof href, "%s.%s", u->slug, d->format->ext);
    doc_para_begin(d, "use-summary");
    doc_bold(d, u->name);
    doc_textf(d, ": %s", srw_verdict_name(u->v.verdict.verdict));
    if (u->info.primary_outcome)
        doc_textf(d, " for the primary outcome \"%s\".", u->info.primary_outcome);
    else
        doc_text(d, " (no primary outcome set).");
    if (u->v.statement[0])
        doc_textf(d, " %s", u->v.statement);
    size_t plots = 0;
    for (size_t i = 0; i < u->n_outcomes; i++)
        plots += u->outcomes[i].as.analysed;
    doc_text(d, " ");
    doc_link(d, href, "Its page");
    doc_textf(d, ": the verdict's reason, the summary of findings of %zu outcome%s, GRADE, %zu forest plot%s, "
                 "published results beside srw's own and risk of bias.",
              u->n_outcomes, u->n_outcomes == 1 ? "" : "s", plots, plots == 1 ? "" : "s");
    doc_para_end(d);
}

void rp_use_section(rp_doc *d, const rp_use *u)
{
    doc_heading(d, 2, u->slug, u->name);
    verdict_block(d, u);
    if (u->info.description)
        doc_para(d, u->info.description);
    if (u->info.source) {
        doc_para_begin(d, NULL);
        doc_bold(d, "Decision settings: ");
        doc_linked(d, u->info.source);
        doc_para_end(d);
    }
    sof_table(d, u);
    robustness_block(d, u);
    doc_heading(d, 3, NULL, "Analyses, GRADE and figures");
    for (size_t i = 0; i < u->n_outcomes; i++)
        outcome_section(d, u, &u->outcomes[i]);
    published_section(d, u);
    living_section(d, u);
    rp_rob_section(d, u);
}

/* " Settings given for this report over the profile's defaults: ..." */
static void given_settings(rp_doc *d, const rp_report *r)
{
    const char *names[14];
    char values[14][64];
    size_t n = rp_given_settings(&r->opts.pool, names, values, 14);
    for (size_t i = 0; i < n; i++)
        doc_textf(d, "%s%s = %s%s", i ? "; " : " Settings given for this report over the profile's defaults: ",
                  names[i], values[i], i + 1 == n ? "." : "");
}

void rp_analysis_line(rp_doc *d, const rp_report *r)
{
    doc_para_begin(d, NULL);
    doc_bold(d, "Analysis. ");
    doc_textf(d, "Profile %s (each use's page gives the methods and every analysis's settings).",
              srw_profile_name(r->opts.pool.profile));
    given_settings(d, r);
    doc_para_end(d);
}

void rp_methods(rp_doc *d, const rp_report *r)
{
    doc_heading(d, 2, "methods", "Methods and provenance");
    doc_para_begin(d, NULL);
    doc_bold(d, "Decision rule. ");
    doc_text(d, rp_decision_rule);
    doc_para_end(d);
    doc_para_begin(d, NULL);
    doc_bold(d, "Analysis. ");
    doc_textf(d, "Profile %s. Each outcome is analysed with the outcome's stored measure when set, else the "
                 "default for its type; the settings actually used are listed under each analysis. %s",
              srw_profile_name(r->opts.pool.profile),
              r->opts.pool.profile == SRW_PROFILE_REVMAN5
                  ? "RevMan 5 profile: Mantel-Haenszel / inverse variance with DerSimonian-Laird tau\xc2\xb2 and Wald intervals."
                  : "Cochrane profile: random effects, REML tau\xc2\xb2, Hartung-Knapp-Sidik-Jonkman intervals and a prediction interval.");
    given_settings(d, r);
    doc_para_end(d);
    doc_para_begin(d, NULL);
    doc_bold(d, "MID. ");
    doc_text(d, "The minimal important difference for srw's own analysis is the use's setting when its measure "
                "matches the analysis measure, else the outcome's MID in natural units (mean differences), else "
                "GRADE's default for the measure; each analysis names the one used.");
    doc_para_end(d);
    rp_provenance(d, r);
}

void rp_provenance(rp_doc *d, const rp_report *r)
{
    doc_para_begin(d, NULL);
    doc_bold(d, "Provenance. ");
    doc_textf(d, "srw %s; input data SHA-256 %s (the canonical content of the review database: uses, outcomes, "
                 "studies, risk of bias, records and published results, without entry timestamps). Each study's "
                 "source is listed under its analysis. Missing numbers are never filled in: an outcome without "
                 "trial data says so.",
              SRW_VERSION, r->sha256);
    doc_para_end(d);
}
