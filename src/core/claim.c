/* Claims (srw/claim.h, srw/record.h): the one column table of a claims
 * file, a row's rules, and the judgement of a claim against srw's
 * assessment of its use (doc/methods.md, "Claims"). */
#include "srw/claim.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/text.h"

#define CL(f) offsetof(srw_claim, f)
#define COL(name, f, required) {name, SRW_FIELD_TEXT, CL(f), required, SRW_OWNER_RECORD, 0, 0, 0, 0}
static const srw_column columns[] = {
    COL("claim", claim, 1),   COL("use", use, 1),       COL("asserts", asserts, 1),
    COL("outcome", outcome, 0), COL("source", source, 1), COL("notes", notes, 0),
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

const srw_column *srw_claim_columns(size_t *n)
{
    *n = N_COLUMNS;
    return columns;
}

void srw_claim_init(srw_claim *c, long line)
{
    memset(c, 0, sizeof *c);
    c->line = line;
}

void srw_claim_dispose(srw_claim *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < N_COLUMNS; i++) {
        char **slot = (char **)((char *)c + columns[i].offset);
        free(*slot);
        *slot = NULL;
    }
}

int srw_claim_copy(srw_claim *out, const srw_claim *c)
{
    srw_claim_init(out, c->line);
    for (size_t i = 0; i < N_COLUMNS; i++) {
        const char *v = *(char *const *)((const char *)c + columns[i].offset);
        char **slot = (char **)((char *)out + columns[i].offset);
        if (v != NULL && (*slot = strdup(v)) == NULL) {
            srw_claim_dispose(out);
            return -1;
        }
    }
    return 0;
}

static const struct {
    srw_claim_asserts a;
    const char *key, *text;
} asserts_table[] = {
    {SRW_ASSERTS_SUPPORTED, "supported", "the verdict Supported"},
    {SRW_ASSERTS_NOT_SUPPORTED, "not_supported", "the verdict Not supported"},
    {SRW_ASSERTS_INSUFFICIENT, "insufficient_evidence", "the verdict Insufficient evidence"},
    {SRW_ASSERTS_BENEFIT, "benefit", "a benefit"},
    {SRW_ASSERTS_HARM, "harm", "a harm"},
    {SRW_ASSERTS_NO_DIFFERENCE, "no_difference", "no difference"},
};
#define N_ASSERTS (sizeof asserts_table / sizeof asserts_table[0])

srw_claim_asserts srw_claim_asserts_parse(const char *s)
{
    for (size_t i = 0; s != NULL && i < N_ASSERTS; i++)
        if (strcmp(s, asserts_table[i].key) == 0)
            return asserts_table[i].a;
    return SRW_ASSERTS_UNKNOWN;
}

const char *srw_claim_asserts_key(srw_claim_asserts a)
{
    for (size_t i = 0; i < N_ASSERTS; i++)
        if (asserts_table[i].a == a)
            return asserts_table[i].key;
    return NULL;
}

const char *srw_claim_asserts_text(srw_claim_asserts a)
{
    for (size_t i = 0; i < N_ASSERTS; i++)
        if (asserts_table[i].a == a)
            return asserts_table[i].text;
    return "nothing srw can judge";
}

int srw_claim_validate(const srw_claim *c, srw_error *err)
{
    const char *required[] = {"claim", "use", "asserts", "source"};
    const char *values[] = {c->claim, c->use, c->asserts, c->source};
    for (int i = 0; i < 4; i++)
        if (values[i] == NULL) {
            SRW_FAIL(err, SRW_EDATA, "required field is empty%s",
                     i == 3 ? " (every claim needs the text that makes it)" : "");
            srw_error_locate(err, NULL, 0, 0, required[i]);
            return SRW_EDATA;
        }
    if (srw_claim_asserts_parse(c->asserts) == SRW_ASSERTS_UNKNOWN) {
        SRW_FAIL(err, SRW_EDATA,
                 "'%s' is not what a claim can assert: a verdict (supported, not_supported, insufficient_evidence) "
                 "or a direction (benefit, harm, no_difference)",
                 c->asserts);
        srw_error_locate(err, NULL, 0, 0, "asserts");
        return SRW_EDATA;
    }
    return 0;
}

const char *srw_claim_agreement_name(srw_claim_agreement a)
{
    switch (a) {
    case SRW_CLAIM_AGREE:
        return "agree";
    case SRW_CLAIM_PARTLY_AGREE:
        return "partly agree";
    case SRW_CLAIM_DISAGREE:
        return "disagree";
    case SRW_CLAIM_CANNOT_JUDGE:
    default:
        return "cannot be judged";
    }
}

const char *srw_claim_agreement_key(srw_claim_agreement a)
{
    switch (a) {
    case SRW_CLAIM_AGREE:
        return "agree";
    case SRW_CLAIM_PARTLY_AGREE:
        return "partly_agree";
    case SRW_CLAIM_DISAGREE:
        return "disagree";
    case SRW_CLAIM_CANNOT_JUDGE:
    default:
        return "cannot_be_judged";
    }
}

static void set(srw_claim_judgement *out, srw_claim_agreement a, const char *reason)
{
    out->agreement = a;
    srw_snprintf_utf8(out->reason, sizeof out->reason, "%s", reason);
}

/* A verdict claim against srw's verdict.  Where srw says Insufficient
 * evidence, what its interval shows still decides between partly agreeing
 * and disagreeing: a claim of benefit whose direction srw's evidence
 * shows (at too low a certainty) is half right; one of no benefit while the
 * whole interval lies on the intervention's side of no effect is not. */
static void judge_verdict(srw_claim_judgement *out, srw_claim_asserts a, const srw_assess_verdict *v)
{
    srw_verdict ours = v->verdict.verdict;
    int shown_benefit = v->verdict.favours_intervention && v->verdict.ci_excludes_null;
    srw_verdict theirs = a == SRW_ASSERTS_SUPPORTED       ? SRW_VERDICT_SUPPORTED
                         : a == SRW_ASSERTS_NOT_SUPPORTED ? SRW_VERDICT_NOT_SUPPORTED
                                                          : SRW_VERDICT_INSUFFICIENT;
    if (theirs == ours) {
        set(out, SRW_CLAIM_AGREE, "srw's verdict on the same outcome is the same.");
        return;
    }
    if (ours == SRW_VERDICT_INSUFFICIENT) {
        if (theirs == SRW_VERDICT_SUPPORTED)
            set(out, shown_benefit ? SRW_CLAIM_PARTLY_AGREE : SRW_CLAIM_DISAGREE,
                shown_benefit ? "srw's evidence favours the intervention, but not with the certainty or size a "
                                "verdict of Supported needs."
                              : "srw's evidence does not show a benefit: its interval includes no effect or favours "
                                "the control.");
        else
            set(out, shown_benefit ? SRW_CLAIM_DISAGREE : SRW_CLAIM_PARTLY_AGREE,
                shown_benefit ? "srw's evidence favours the intervention (its whole interval is on the side of benefit), though "
                                "at too low a certainty for a verdict."
                              : "srw's evidence shows no benefit but cannot rule out an important one: insufficient "
                                "evidence, not evidence of no benefit.");
        return;
    }
    if (theirs == SRW_VERDICT_INSUFFICIENT) {
        set(out, SRW_CLAIM_DISAGREE,
            ours == SRW_VERDICT_SUPPORTED
                ? "srw's evidence shows an important benefit with moderate or high certainty."
                : "srw's evidence shows with moderate or high certainty that any benefit is smaller than important.");
        return;
    }
    set(out, SRW_CLAIM_DISAGREE,
        ours == SRW_VERDICT_SUPPORTED
            ? "srw's evidence shows an important benefit with moderate or high certainty."
            : "srw's evidence shows with moderate or high certainty that any benefit is smaller than important.");
}

/* A direction claim against where srw's estimate and interval lie, on the
 * benefit scale of the outcome's direction. */
static void judge_direction(srw_claim_judgement *out, srw_claim_asserts a, const srw_assess_verdict *v)
{
    const srw_verdict_result *r = &v->verdict;
    int firm = v->certainty >= SRW_CERTAINTY_MODERATE;
    int shown_benefit = r->favours_intervention && r->ci_excludes_null;
    int shown_harm = !r->favours_intervention && r->ci_excludes_null;
    int little_or_none = r->verdict == SRW_VERDICT_NOT_SUPPORTED && r->classified && r->point == SRW_POINT_TRIVIAL;
    if (a == SRW_ASSERTS_BENEFIT || a == SRW_ASSERTS_HARM) {
        int agrees = a == SRW_ASSERTS_BENEFIT ? shown_benefit : shown_harm;
        int opposite = a == SRW_ASSERTS_BENEFIT ? shown_harm : shown_benefit;
        if (agrees)
            set(out, firm ? SRW_CLAIM_AGREE : SRW_CLAIM_PARTLY_AGREE,
                firm ? "srw's evidence shows the same direction with moderate or high certainty."
                     : "srw's evidence shows the same direction, but with low or very low certainty.");
        else if (opposite)
            set(out, SRW_CLAIM_DISAGREE, "srw's evidence shows the opposite direction: its whole interval lies "
                                         "on the other side of no effect.");
        else if (a == SRW_ASSERTS_BENEFIT && little_or_none)
            set(out, SRW_CLAIM_DISAGREE, "srw's evidence shows with moderate or high certainty little to no "
                                         "difference, no important benefit.");
        else
            set(out, SRW_CLAIM_CANNOT_JUDGE, "srw's interval includes no effect, so the direction of the effect is "
                                             "not established either way.");
        return;
    }
    if (little_or_none)
        set(out, SRW_CLAIM_AGREE, "srw's evidence shows little to no difference with moderate or high certainty.");
    else if (r->ci_excludes_null)
        set(out, SRW_CLAIM_DISAGREE, "srw's evidence shows a difference: its whole interval lies on one side of no effect.");
    else
        set(out, SRW_CLAIM_PARTLY_AGREE, "srw's evidence shows no difference but cannot rule out an important "
                                         "effect.");
}

void srw_claim_judge(srw_claim_judgement *out, const srw_claim *c, const srw_assess_verdict *v)
{
    memset(out, 0, sizeof *out);
    srw_claim_asserts a = srw_claim_asserts_parse(c != NULL ? c->asserts : NULL);
    if (a == SRW_ASSERTS_UNKNOWN) {
        snprintf(out->evidence, sizeof out->evidence, "-");
        set(out, SRW_CLAIM_CANNOT_JUDGE, "The claim asserts nothing srw can judge (no verdict or direction).");
        return;
    }
    if (v == NULL) {
        snprintf(out->evidence, sizeof out->evidence, "srw holds no evidence for this use or outcome.");
        set(out, SRW_CLAIM_CANNOT_JUDGE, "srw holds neither trials nor a published result for what the claim is "
                                         "about.");
        return;
    }
    if (v->basis == SRW_BASIS_NONE || !v->verdict.classified) {
        srw_snprintf_utf8(out->evidence, sizeof out->evidence, "%s: %s", srw_verdict_name(v->verdict.verdict),
                 v->verdict.reason);
        set(out, SRW_CLAIM_CANNOT_JUDGE, "srw holds no estimate for the outcome the claim is about.");
        return;
    }
    const char *cert = srw_certainty_name(v->certainty);
    srw_snprintf_utf8(out->evidence, sizeof out->evidence, "%s (%s certainty): %s", srw_verdict_name(v->verdict.verdict),
             cert ? cert : "not assessed", v->statement);
    if (a == SRW_ASSERTS_SUPPORTED || a == SRW_ASSERTS_NOT_SUPPORTED || a == SRW_ASSERTS_INSUFFICIENT)
        judge_verdict(out, a, v);
    else
        judge_direction(out, a, v);
}
