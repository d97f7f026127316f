/* What srw merge does with what the review keeps beside the records: the
 * settings of uses, outcomes and studies, GRADE judgements.  The merge
 * never overwrites: a setting this file lacks is taken from the other file
 * (listed, srw_merge_stats.filled, and written to the trail), one both hold with different values stays as it is here and is listed
 * (srw_merge_stats.kept), and an outcome given another type or the
 * opposite direction (which reverses what "favours" means) is an error. */
#include "store/store_internal.h"
#include "store/entry_internal.h"
#include "srw/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Outcomes, uses and studies of both files, matched by name. */
#define OUTCOME_PAIRS                                                                                      \
    " FROM other.outcomes oo JOIN other.uses ou ON ou.id = oo.use_id JOIN uses u ON u.name = ou.name"     \
    " JOIN outcomes o ON o.use_id = u.id AND o.name = oo.name"
#define USE_PAIRS " FROM other.uses ou JOIN uses u ON u.name = ou.name"
#define STUDY_PAIRS " FROM other.studies os JOIN studies s ON s.label = os.label"

/* Settings both files hold with different values, one line each. */
static const char *const differences[] = {
    "SELECT printf('outcome ''%s'' of ''%s'': %s %s here, %s in the other file', name, use, f, a, b) FROM ("
    " SELECT o.name AS name, u.name AS use, 'unit' AS f, o.unit AS a, oo.unit AS b" OUTCOME_PAIRS
    " UNION ALL SELECT o.name, u.name, 'mid', printf('%.15g', o.mid), printf('%.15g', oo.mid)" OUTCOME_PAIRS
    " WHERE o.mid IS NOT NULL AND oo.mid IS NOT NULL"
    " UNION ALL SELECT o.name, u.name, 'mid_source', o.mid_source, oo.mid_source" OUTCOME_PAIRS
    " UNION ALL SELECT o.name, u.name, 'measure', o.measure, oo.measure" OUTCOME_PAIRS
    " UNION ALL SELECT o.name, u.name, 'scale', printf('%.15g to %.15g', o.scale_min, o.scale_max),"
    " printf('%.15g to %.15g', oo.scale_min, oo.scale_max)" OUTCOME_PAIRS
    " WHERE o.scale_min IS NOT NULL AND oo.scale_min IS NOT NULL"
    " UNION ALL SELECT o.name, u.name, 'indirectness', o.indirectness || ': ' || o.indirectness_reason,"
    " oo.indirectness || ': ' || oo.indirectness_reason" OUTCOME_PAIRS
    ") WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b"
    " UNION ALL SELECT printf('study ''%s'': %s %s here, %s in the other file', label, f, a, b) FROM ("
    " SELECT s.label AS label, 'year' AS f, s.year AS a, os.year AS b" STUDY_PAIRS
    " UNION ALL SELECT s.label, 'randomised', s.randomised, os.randomised" STUDY_PAIRS
    ") WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b"
    " UNION ALL SELECT printf('use ''%s'': %s %s here, %s in the other file', use, f, a, b) FROM ("
    " SELECT u.name AS use, 'primary_outcome' AS f, u.primary_outcome AS a, ou.primary_outcome AS b" USE_PAIRS
    " UNION ALL SELECT u.name, 'mid', printf('%.15g', u.mid), printf('%.15g', ou.mid)" USE_PAIRS
    " WHERE u.mid IS NOT NULL AND ou.mid IS NOT NULL"
    " UNION ALL SELECT u.name, 'mid_measure', u.mid_measure, ou.mid_measure" USE_PAIRS
    " UNION ALL SELECT u.name, 'mid_source', u.mid_source, ou.mid_source" USE_PAIRS
    " UNION ALL SELECT u.name, 'description', u.description, ou.description" USE_PAIRS
    " UNION ALL SELECT u.name, 'notes', u.notes, ou.notes" USE_PAIRS
    " UNION ALL SELECT u.name, 'source', u.source, ou.source" USE_PAIRS
    /* A MID here and none there (or the reverse) differs too; the fill
     * only takes settings of a use without any. */
    " UNION ALL SELECT u.name, 'mid', CASE WHEN u.mid IS NULL THEN '(none)' ELSE printf('%.15g', u.mid) END,"
    " CASE WHEN ou.mid IS NULL THEN '(none)' ELSE printf('%.15g', ou.mid) END" USE_PAIRS
    " WHERE (u.mid IS NULL) <> (ou.mid IS NULL) AND u.primary_outcome IS NOT NULL"
    ") WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b",
    "SELECT printf('GRADE %s of %s / %s: downgrade %d here, %d in the other file', g.domain,"
    " u.name, o.name, g.downgrade, og.downgrade) FROM other.grade_overrides og"
    " JOIN other.outcomes oo ON oo.id = og.outcome_id JOIN other.uses ou ON ou.id = oo.use_id"
    " JOIN uses u ON u.name = ou.name JOIN outcomes o ON o.use_id = u.id AND o.name = oo.name"
    " JOIN grade_overrides g ON g.outcome_id = o.id AND g.domain = og.domain"
    " WHERE g.downgrade <> og.downgrade OR g.reason <> og.reason"
    /* A published result both hold: every field that decides or shows it. */
    " UNION ALL SELECT printf('published result %s / %s / %s (%s): %s differ here and in the other file (kept"
    " as here)', u.name, p.outcome, p.review, p.measure, rtrim("
    " iif(p.estimate IS NOT op.estimate OR p.ci_lower IS NOT op.ci_lower OR p.ci_upper IS NOT op.ci_upper,"
    " 'estimate and interval, ', '') || iif(p.trials IS NOT op.trials, 'trials, ', '')"
    " || iif(p.participants IS NOT op.participants, 'participants, ', '')"
    " || iif(p.certainty IS NOT op.certainty, 'certainty, ', '') || iif(p.direction IS NOT op.direction,"
    " 'direction, ', '') || iif(p.decimals IS NOT op.decimals, 'decimals, ', '')"
    " || iif((p.version, p.search_date, p.model, p.method) IS NOT (op.version, op.search_date, op.model, op.method),"
    " 'version or methods, ', '') || iif(p.source IS NOT op.source, 'source, ', '')"
    " || iif(p.notes IS NOT op.notes, 'notes, ', '')"
    " || iif((p.pooled_trials, p.scope) IS NOT (op.pooled_trials, op.scope), 'pooled trials or scope, ', ''),"
    " ', ')) FROM other.published op"
    " JOIN other.uses ou ON ou.id = op.use_id JOIN uses u ON u.name = ou.name"
    " JOIN published p ON p.use_id = u.id AND p.outcome = op.outcome AND p.review = op.review"
    " AND p.measure = op.measure"
    " WHERE (p.estimate, p.ci_lower, p.ci_upper, p.trials, p.participants, p.certainty, p.direction, p.decimals,"
    " p.version, p.search_date, p.model, p.method, p.source, p.notes, p.pooled_trials, p.scope) IS NOT"
    " (op.estimate, op.ci_lower, op.ci_upper, op.trials, op.participants, op.certainty, op.direction,"
    " op.decimals, op.version, op.search_date, op.model, op.method, op.source, op.notes, op.pooled_trials,"
    " op.scope)"
    /* A claim both hold (same use and words) with other details. */
    " UNION ALL SELECT printf('claim of %s (\"%!.60s\"): asserts, outcome, source or notes differ here and in the"
    " other file (kept as here)', u.name, c.claim) FROM other.claims oc JOIN other.uses ou ON ou.id = oc.use_id"
    " JOIN uses u ON u.name = ou.name JOIN claims c ON c.use_id = u.id AND c.claim = oc.claim"
    " WHERE (c.asserts, c.outcome, c.source, c.notes) IS NOT (oc.asserts, oc.outcome, oc.source, oc.notes)",
};

/* What the fills below take from the other file, one row each: use,
 * outcome, study, field, value.  Read before they run. */
#define NUM(x) "CASE WHEN " x " IS NULL THEN NULL ELSE printf('%.15g', " x ") END"
static const char *const filled[] = {
    "SELECT use, outcome, NULL, f, b FROM ("
    " SELECT u.name AS use, o.name AS outcome, 'direction' AS f, o.direction AS a, oo.direction AS b" OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'unit', o.unit, oo.unit" OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'mid', " NUM("o.mid") ", " NUM("oo.mid") OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'mid_source', o.mid_source, oo.mid_source" OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'measure', o.measure, oo.measure" OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'scale_min', " NUM("o.scale_min") ", " NUM("oo.scale_min") OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'scale_max', " NUM("o.scale_max") ", " NUM("oo.scale_max") OUTCOME_PAIRS
    " UNION ALL SELECT u.name, o.name, 'indirectness', o.indirectness || ': ' || o.indirectness_reason,"
    " oo.indirectness || ': ' || oo.indirectness_reason" OUTCOME_PAIRS
    ") WHERE a IS NULL AND b IS NOT NULL"
    " UNION ALL SELECT NULL, NULL, label, f, b FROM ("
    " SELECT s.label AS label, 'year' AS f, s.year AS a, os.year AS b" STUDY_PAIRS
    " UNION ALL SELECT s.label, 'randomised', s.randomised, os.randomised" STUDY_PAIRS
    ") WHERE a IS NULL AND b IS NOT NULL",
    "SELECT use, NULL, NULL, f, b FROM ("
    " SELECT u.name AS use, 'description' AS f, u.description AS a, ou.description AS b" USE_PAIRS
    " UNION ALL SELECT u.name, 'primary_outcome', u.primary_outcome, ou.primary_outcome" USE_PAIRS
    " UNION ALL SELECT u.name, 'mid', " NUM("u.mid") ", " NUM("ou.mid") USE_PAIRS
    " UNION ALL SELECT u.name, 'mid_measure', u.mid_measure, ou.mid_measure" USE_PAIRS
    " UNION ALL SELECT u.name, 'mid_source', u.mid_source, ou.mid_source" USE_PAIRS
    " UNION ALL SELECT u.name, 'notes', u.notes, ou.notes" USE_PAIRS
    " UNION ALL SELECT u.name, 'source', u.source, ou.source" USE_PAIRS
    ") WHERE a IS NULL AND b IS NOT NULL AND (SELECT primary_outcome FROM uses WHERE name = use) IS NULL"
    " UNION ALL SELECT u.name, o.name, NULL, 'GRADE ' || og.domain, og.downgrade || ': ' || og.reason"
    " FROM other.grade_overrides og JOIN other.outcomes oo ON oo.id = og.outcome_id"
    " JOIN other.uses ou ON ou.id = oo.use_id JOIN uses u ON u.name = ou.name"
    " JOIN outcomes o ON o.use_id = u.id AND o.name = oo.name"
    " WHERE NOT EXISTS (SELECT 1 FROM grade_overrides g WHERE g.outcome_id = o.id AND g.domain = og.domain)",
    /* An outcome's settings (a row as a whole) where this file has none
     * (fills copies them); where both files have them, this file's stay. */
    "SELECT u.name, x.outcome, NULL, 'outcome settings', 'importance=' || coalesce(x.importance, '(none)')"
    " || coalesce('; mid=' || srw_decimal_text(x.mid, NULL) || ' ' || coalesce(x.mid_measure, ''), '')"
    " || coalesce('; review_certainty=' || x.review_certainty, '')"
    " FROM other.outcome_settings x JOIN other.uses ou ON ou.id = x.use_id JOIN uses u ON u.name = ou.name"
    " WHERE NOT EXISTS (SELECT 1 FROM outcome_settings y WHERE y.use_id = u.id AND y.outcome = x.outcome)",
};
#undef NUM

/* What the merge copies whole that decides verdicts: a use's decision
 * settings (a use this file lacks) and a published result; the same five
 * columns.  Read before the copies. */
static const char *const copied[] = {
    "SELECT ou.name, NULL, NULL, 'decision settings', 'primary_outcome=' || ou.primary_outcome"
    " || CASE WHEN ou.mid IS NULL THEN '' ELSE '; mid=' || srw_decimal_text(ou.mid, NULL) || ' ' || coalesce(ou.mid_measure, '') END"
    " || coalesce('; source=' || ou.source, '') FROM other.uses ou"
    " WHERE ou.primary_outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM uses u WHERE u.name = ou.name)"
    " ORDER BY ou.id",
    "SELECT ou.name, p.outcome, NULL, printf('published result (%s, %s)', p.measure, p.review),"
    " printf('estimate %s [%s, %s]', srw_decimal_text(p.estimate, p.decimals), srw_decimal_text(p.ci_lower, p.decimals),"
    " srw_decimal_text(p.ci_upper, p.decimals))"
    " || coalesce('; trials ' || p.trials, '') || coalesce('; source ' || p.source, '')"
    " FROM other.published p JOIN other.uses ou ON ou.id = p.use_id"
    " WHERE NOT EXISTS (SELECT 1 FROM published x JOIN uses u ON u.id = x.use_id WHERE u.name = ou.name"
    " AND x.outcome = p.outcome AND x.review = p.review AND x.measure = p.measure) ORDER BY p.id",
};

/* What this file lacks, from the other (the import's coalesce). */
static const char *const fills[] = {
    "UPDATE outcomes SET (direction, unit, mid, mid_source, measure, scale_min, scale_max) ="
    " (SELECT coalesce(outcomes.direction, oo.direction), coalesce(outcomes.unit, oo.unit),"
    " coalesce(outcomes.mid, oo.mid), coalesce(outcomes.mid_source, oo.mid_source),"
    " coalesce(outcomes.measure, oo.measure), coalesce(outcomes.scale_min, oo.scale_min),"
    " coalesce(outcomes.scale_max, oo.scale_max) FROM other.outcomes oo JOIN other.uses ou ON ou.id = oo.use_id"
    " JOIN uses u ON u.name = ou.name WHERE u.id = outcomes.use_id AND oo.name = outcomes.name)"
    /* Only where something is filled: an UPDATE that changes nothing still
     * writes the row (and a second merge of the same file would). */
    " WHERE EXISTS (SELECT 1 FROM other.outcomes oo JOIN other.uses ou ON ou.id = oo.use_id"
    " JOIN uses u ON u.name = ou.name WHERE u.id = outcomes.use_id AND oo.name = outcomes.name"
    " AND ((outcomes.direction IS NULL AND oo.direction IS NOT NULL) OR (outcomes.unit IS NULL AND oo.unit IS NOT NULL)"
    " OR (outcomes.mid IS NULL AND oo.mid IS NOT NULL) OR (outcomes.mid_source IS NULL AND oo.mid_source IS NOT NULL)"
    " OR (outcomes.measure IS NULL AND oo.measure IS NOT NULL)"
    " OR (outcomes.scale_min IS NULL AND oo.scale_min IS NOT NULL)"
    " OR (outcomes.scale_max IS NULL AND oo.scale_max IS NOT NULL)))",
    /* Indirectness 0 without a reason is the default, not a judgement. */
    "UPDATE outcomes SET (indirectness, indirectness_reason, indirectness_source) = (SELECT oo.indirectness,"
    " oo.indirectness_reason, oo.indirectness_source"
    " FROM other.outcomes oo JOIN other.uses ou ON ou.id = oo.use_id JOIN uses u ON u.name = ou.name"
    " WHERE u.id = outcomes.use_id AND oo.name = outcomes.name)"
    " WHERE indirectness_reason IS NULL AND EXISTS (SELECT 1 FROM other.outcomes oo JOIN other.uses ou"
    " ON ou.id = oo.use_id JOIN uses u ON u.name = ou.name WHERE u.id = outcomes.use_id"
    " AND oo.name = outcomes.name AND oo.indirectness_reason IS NOT NULL)",
    "UPDATE studies SET (year, randomised) = (SELECT coalesce(studies.year, os.year),"
    " coalesce(studies.randomised, os.randomised) FROM other.studies os WHERE os.label = studies.label)"
    " WHERE EXISTS (SELECT 1 FROM other.studies os WHERE os.label = studies.label"
    " AND ((studies.year IS NULL AND os.year IS NOT NULL) OR (studies.randomised IS NULL AND os.randomised IS NOT NULL)))",
    /* A use without a primary outcome has no decision settings yet: the
     * other file's, where this file has none (a description it has stays). */
    "UPDATE uses SET (description, primary_outcome, mid, mid_measure, mid_source, notes, source,"
    " primary_source, large, large_source, search_date) ="
    " (SELECT coalesce(uses.description, ou.description), ou.primary_outcome, coalesce(uses.mid, ou.mid),"
    " coalesce(uses.mid_measure, ou.mid_measure), coalesce(uses.mid_source, ou.mid_source),"
    " coalesce(uses.notes, ou.notes), coalesce(uses.source, ou.source),"
    " coalesce(uses.primary_source, ou.primary_source), coalesce(uses.large, ou.large),"
    " coalesce(uses.large_source, ou.large_source), coalesce(uses.search_date, ou.search_date)"
    " FROM other.uses ou WHERE ou.name = uses.name)"
    " WHERE primary_outcome IS NULL AND EXISTS (SELECT 1 FROM other.uses ou WHERE ou.name = uses.name"
    " AND ou.primary_outcome IS NOT NULL)",
    "INSERT INTO grade_overrides (outcome_id, domain, downgrade, reason, entered_by, entered_at, source)"
    " SELECT o.id, og.domain, og.downgrade, og.reason, og.entered_by, og.entered_at, og.source"
    " FROM other.grade_overrides og"
    " JOIN other.outcomes oo ON oo.id = og.outcome_id JOIN other.uses ou ON ou.id = oo.use_id"
    " JOIN uses u ON u.name = ou.name JOIN outcomes o ON o.use_id = u.id AND o.name = oo.name"
    " WHERE NOT EXISTS (SELECT 1 FROM grade_overrides g WHERE g.outcome_id = o.id AND g.domain = og.domain)",
    /* An outcome's settings (a row as a whole) where this file has none;
     * where both files have them, this file's stay. */
    "INSERT INTO outcome_settings (use_id, outcome, importance, mid, mid_measure, mid_source, large, large_source,"
    " baseline_low, baseline_high, baseline_source, upgrade, upgrade_reason, review_certainty,"
    " review_risk_of_bias, review_inconsistency, review_indirectness, review_imprecision,"
    " review_publication_bias, review_risk_of_bias_reason, review_inconsistency_reason,"
    " review_indirectness_reason, review_imprecision_reason, review_publication_bias_reason, review_source,"
    " notes, entered_by, entered_at)"
    " SELECT u.id, x.outcome, x.importance, x.mid, x.mid_measure, x.mid_source, x.large, x.large_source,"
    " x.baseline_low, x.baseline_high, x.baseline_source, x.upgrade, x.upgrade_reason, x.review_certainty,"
    " x.review_risk_of_bias, x.review_inconsistency, x.review_indirectness, x.review_imprecision,"
    " x.review_publication_bias, x.review_risk_of_bias_reason, x.review_inconsistency_reason,"
    " x.review_indirectness_reason, x.review_imprecision_reason, x.review_publication_bias_reason,"
    " x.review_source, x.notes, x.entered_by, x.entered_at"
    " FROM other.outcome_settings x JOIN other.uses ou ON ou.id = x.use_id JOIN uses u ON u.name = ou.name"
    " WHERE NOT EXISTS (SELECT 1 FROM outcome_settings y WHERE y.use_id = u.id AND y.outcome = x.outcome)",
};

/* One setting the merge takes from the other file: listed, and a row of
 * the trail (old value none). */
static int fill_line(srw_store *s, const srw_merge_fill *f, sqlite3_stmt *st, srw_merge_stats *stats,
                     srw_error *err)
{
    const char *use = (const char *)sqlite3_column_text(st, 0), *outcome = (const char *)sqlite3_column_text(st, 1),
               *study = (const char *)sqlite3_column_text(st, 2), *field = (const char *)sqlite3_column_text(st, 3),
               *value = (const char *)sqlite3_column_text(st, 4);
    char line[1200], why[600];
    if (study != NULL)
        snprintf(line, sizeof line, "study '%s': %s %s", study, field, value);
    else if (outcome != NULL)
        snprintf(line, sizeof line, "outcome '%s' of '%s': %s %s", outcome, use, field, value);
    else
        snprintf(line, sizeof line, "use '%s': %s %s", use, field, value);
    int rc = srw_store__add_line(&stats->filled, &stats->n_filled, line, err);
    if (rc)
        return rc;
    snprintf(why, sizeof why, "merged from %s, which this file lacked", f->from);
    srw_audit_row row = {f->when, f->who, "merge", use, outcome, study, NULL, field, NULL, value, why};
    return srw_audit_write(s, f->audit, &row, err);
}

/* A trial the other file labels differently from this one only in letter
 * case or spacing, in an outcome both hold: merged, the two labels would
 * be two studies, and the outcome would pool the trial twice (as an
 * import refuses, srw_import__same_trial). */
static int same_trial_check(srw_store *s, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(
        s, &st,
        "SELECT os.label, ms.label, o.name, u.name" OUTCOME_PAIRS
        " JOIN other.records orr ON orr.outcome_id = oo.id JOIN other.studies os ON os.id = orr.study_id"
        " JOIN records mr ON mr.outcome_id = o.id JOIN studies ms ON ms.id = mr.study_id"
        " WHERE ms.label <> os.label AND srw_label_fold(ms.label) = srw_label_fold(os.label) LIMIT 1",
        err);
    if (rc)
        return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SRW_FAIL(err, SRW_EDATA,
                      "study '%s' of the other file differs only in letter case or spacing from '%s' here, both in"
                      " outcome '%s' of '%s': the same trial under two labels (give it one label in both files);"
                      " nothing was merged",
                      (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                      (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
        srw_error_locate(err, NULL, 0, 0, "study");
    } else {
        rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot compare the two files' trials");
    }
    sqlite3_finalize(st);
    return rc;
}

int srw_store__merge_trials_check(srw_store *s, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(
        s, &st,
        "SELECT min(s.label), max(s.label), o.name, u.name FROM records r JOIN studies s ON s.id = r.study_id"
        " JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
        " GROUP BY r.outcome_id, srw_label_fold(s.label) HAVING count(DISTINCT s.id) > 1 LIMIT 1",
        err);
    if (rc)
        return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SRW_FAIL(err, SRW_EDATA,
                      "after the merge, outcome '%s' of '%s' would hold '%s' and '%s', which differ only in letter"
                      " case or spacing: the same trial under two labels (give it one label in the file that has"
                      " both); nothing was merged",
                      (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                      (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
        srw_error_locate(err, NULL, 0, 0, "study");
    } else {
        rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot compare the trials' labels");
    }
    sqlite3_finalize(st);
    return rc;
}

int srw_store__merge_published_check(srw_store *s, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st,
                               "SELECT u.name, p.outcome, p.review, p.measure, p.direction, o.type, o.direction"
                               " FROM published p JOIN uses u ON u.id = p.use_id"
                               " JOIN outcomes o ON o.use_id = p.use_id AND o.name = p.outcome ORDER BY p.id",
                               err);
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *use = (const char *)sqlite3_column_text(st, 0), *outcome = (const char *)sqlite3_column_text(st, 1),
                   *review = (const char *)sqlite3_column_text(st, 2), *m = (const char *)sqlite3_column_text(st, 3),
                   *pdir = (const char *)sqlite3_column_text(st, 4), *type = (const char *)sqlite3_column_text(st, 5),
                   *dir = (const char *)sqlite3_column_text(st, 6);
        const char *misfit = srw_published_misfit(srw_outcome_type_parse(type), dir, m, pdir);
        if (misfit == NULL)
            continue;
        if (strcmp(misfit, "measure") == 0)
            rc = SRW_FAIL(err, SRW_EDATA,
                          "outcome '%s' of '%s' would have a published %s result (%s), not a measure of a %s"
                          " outcome; nothing was merged",
                          outcome, use, m, review, type);
        else
            rc = SRW_FAIL(err, SRW_EDATA,
                          "outcome '%s' of '%s' would be %s but %s in its published result (%s); nothing was merged",
                          outcome, use, dir, pdir, review);
        srw_error_locate(err, NULL, 0, 0, misfit);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(s, err, "cannot check the published results");
    sqlite3_finalize(st);
    return rc;
}

int srw_store__merge_check(srw_store *s, srw_error *err)
{
    static const struct {
        const char *field, *sql, *advice;
    } checks[] = {
        {"type", "SELECT o.name, u.name, o.type, oo.type" OUTCOME_PAIRS " WHERE o.type <> oo.type", ""},
        {"direction", "SELECT o.name, u.name, o.direction, oo.direction" OUTCOME_PAIRS
                      " WHERE o.direction <> oo.direction",
         ": the two reviews disagree on which way is better, which srw does not settle for them (an outcome's"
         " direction, once stored, is not changed by an import or an edit)"},
    };
    int rc = same_trial_check(s, err);
    for (size_t i = 0; rc == 0 && i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st = NULL;
        if ((rc = srw_store_prepare(s, &st, checks[i].sql, err)) != 0)
            return rc;
        if (sqlite3_step(st) == SQLITE_ROW) {
            rc = SRW_FAIL(err, SRW_EDATA, "outcome '%s' of '%s' is %s here but %s in the other file%s",
                          (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                          (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                          checks[i].advice);
            srw_error_locate(err, NULL, 0, 0, checks[i].field);
        }
        sqlite3_finalize(st);
    }
    return rc;
}

/* Each row of the queries (use, outcome, study, field, value) listed and
 * written to the trail. */
static int fill_lines(srw_store *s, const srw_merge_fill *f, const char *const *sql, size_t n, srw_merge_stats *stats,
                      srw_error *err)
{
    int rc = 0, step = SQLITE_DONE;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sqlite3_stmt *st = NULL;
        if ((rc = srw_store_prepare(s, &st, sql[i], err)) != 0)
            break;
        while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
            rc = fill_line(s, f, st, stats, err);
        if (rc == 0 && step != SQLITE_DONE)
            rc = srw_store_fail(s, err, "cannot compare the two files");
        sqlite3_finalize(st);
    }
    return rc;
}

int srw_store__merge_copied(srw_store *s, const srw_merge_fill *f, srw_merge_stats *stats, srw_error *err)
{
    return fill_lines(s, f, copied, sizeof copied / sizeof copied[0], stats, err);
}

int srw_store__merge_settings(srw_store *s, const srw_merge_fill *f, srw_merge_stats *stats, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;
    /* Listed before the fills, which change nothing that both files hold. */
    int step = SQLITE_DONE;
    rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof differences / sizeof differences[0]; i++) {
        if ((rc = srw_store_prepare(s, &st, differences[i], err)) != 0)
            return rc;
        while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
            rc = srw_store__add_line(&stats->kept, &stats->n_kept, (const char *)sqlite3_column_text(st, 0), err);
        if (rc == 0 && step != SQLITE_DONE)
            rc = srw_store_fail(s, err, "cannot compare the two files' settings");
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc == 0)
        rc = fill_lines(s, f, filled, sizeof filled / sizeof filled[0], stats, err);
    for (size_t i = 0; rc == 0 && i < sizeof fills / sizeof fills[0]; i++)
        rc = srw_store_exec(s, fills[i], err);
    return rc;
}

void srw_merge_stats_dispose(srw_merge_stats *stats)
{
    if (stats == NULL)
        return;
    for (size_t i = 0; i < stats->n_kept; i++)
        free(stats->kept[i]);
    free(stats->kept);
    for (size_t i = 0; i < stats->n_filled; i++)
        free(stats->filled[i]);
    free(stats->filled);
    stats->kept = stats->filled = NULL;
    stats->n_kept = stats->n_filled = 0;
}
