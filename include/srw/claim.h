/* srw/claim.h - a claim a text makes about a use (srw/record.h, srw_claim)
 * judged against srw's assessment of that use: agree, partly agree,
 * disagree or cannot be judged, with what srw's evidence says and the
 * reason in one sentence (doc/methods.md, "Claims").  Core: pure, no I/O. */
#ifndef SRW_CLAIM_H
#define SRW_CLAIM_H

#include "srw/assess.h"
#include "srw/record.h"

/* What a claim asserts: a verdict of srw's three, or a direction of
 * effect on the outcome's benefit scale. */
typedef enum srw_claim_asserts {
    SRW_ASSERTS_UNKNOWN = 0,
    SRW_ASSERTS_SUPPORTED,
    SRW_ASSERTS_NOT_SUPPORTED,
    SRW_ASSERTS_INSUFFICIENT,
    SRW_ASSERTS_BENEFIT,
    SRW_ASSERTS_HARM,
    SRW_ASSERTS_NO_DIFFERENCE
} srw_claim_asserts;

/* "supported", "not_supported", "insufficient_evidence", "benefit", "harm",
 * "no_difference"; UNKNOWN for anything else. */
srw_claim_asserts srw_claim_asserts_parse(const char *s);
/* The key above; NULL for UNKNOWN. */
const char *srw_claim_asserts_key(srw_claim_asserts a);
/* In words: "the verdict Supported", "a benefit", "no difference", ... */
const char *srw_claim_asserts_text(srw_claim_asserts a);

typedef enum srw_claim_agreement {
    SRW_CLAIM_CANNOT_JUDGE = 0,
    SRW_CLAIM_AGREE,
    SRW_CLAIM_PARTLY_AGREE,
    SRW_CLAIM_DISAGREE
} srw_claim_agreement;

/* "agree", "partly agree", "disagree", "cannot be judged". */
const char *srw_claim_agreement_name(srw_claim_agreement a);
/* "agree", "partly_agree", "disagree", "cannot_be_judged" (JSON). */
const char *srw_claim_agreement_key(srw_claim_agreement a);

typedef struct srw_claim_judgement {
    srw_claim_agreement agreement;
    char evidence[700]; /* what srw's evidence says: verdict, certainty, statement */
    char reason[500];   /* why the agreement, one sentence */
} srw_claim_judgement;

/* Judge c against v, the verdict srw's assessment gives the outcome the
 * claim is about (the use's primary outcome's, srw_assess_decide, when c
 * names none); v NULL when srw holds no such use or outcome.  A verdict
 * claim is read against srw's verdict; a direction claim against where the
 * estimate and its interval lie (a direction srw shows with moderate or
 * high certainty agrees, with low or very low certainty partly agrees).
 * Every branch is in doc/methods.md, "Claims".  Always fills out. */
void srw_claim_judge(srw_claim_judgement *out, const srw_claim *c, const srw_assess_verdict *v);

#endif
