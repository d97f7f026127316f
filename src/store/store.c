/* Opening the review database, its schema and forward migrations. */
#include "store/store_internal.h"
#include "util/text.h"
#include "store/entry_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* How long a writer waits for another to finish (README: "a second
 * writer waits up to 5 s"). */
#define BUSY_TIMEOUT_MS 5000

/* Migration i takes the schema from user_version i to i + 1.  Append only:
 * a released migration is never edited. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE uses ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  description TEXT, primary_outcome TEXT,"
    "  mid REAL, mid_measure TEXT, mid_source TEXT, notes TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE TABLE outcomes ("
    "  id INTEGER PRIMARY KEY,"
    "  use_id INTEGER NOT NULL REFERENCES uses(id),"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK (type IN ('dichotomous','continuous','generic')),"
    "  direction TEXT CHECK (direction IN ('lower_is_better','higher_is_better')),"
    "  unit TEXT, mid REAL, mid_source TEXT,"
    "  measure TEXT,"
    "  indirectness INTEGER NOT NULL DEFAULT 0 CHECK (indirectness BETWEEN 0 AND 2),"
    "  indirectness_reason TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  UNIQUE (use_id, name));"
    "CREATE TABLE studies ("
    "  id INTEGER PRIMARY KEY,"
    "  label TEXT NOT NULL UNIQUE,"
    "  year INTEGER, source TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE TABLE records ("
    "  id INTEGER PRIMARY KEY,"
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  comparison TEXT, intervention TEXT, comparator TEXT, subgroup TEXT,"
    "  exp_events INTEGER, exp_total INTEGER, ctl_events INTEGER, ctl_total INTEGER,"
    "  exp_mean REAL, exp_sd REAL, ctl_mean REAL, ctl_sd REAL,"
    "  estimate REAL, se REAL,"
    "  source TEXT, notes TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  UNIQUE (outcome_id, study_id));"
    "CREATE TABLE rob ("
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  domain TEXT NOT NULL,"
    "  judgement TEXT NOT NULL CHECK (judgement IN ('low','high','unclear')),"
    "  support TEXT, source TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  PRIMARY KEY (study_id, domain));"
    "CREATE TABLE published ("
    "  id INTEGER PRIMARY KEY,"
    "  use_id INTEGER NOT NULL REFERENCES uses(id),"
    "  outcome TEXT NOT NULL, review TEXT NOT NULL, version TEXT, search_date TEXT,"
    "  measure TEXT NOT NULL, model TEXT, method TEXT,"
    "  estimate REAL NOT NULL, ci_lower REAL NOT NULL, ci_upper REAL NOT NULL, decimals INTEGER,"
    "  trials INTEGER, participants INTEGER, certainty TEXT, direction TEXT,"
    "  source TEXT NOT NULL, notes TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  UNIQUE (use_id, outcome, review, measure));"
    "CREATE TABLE grade_overrides ("
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    "  domain TEXT NOT NULL, downgrade INTEGER NOT NULL CHECK (downgrade BETWEEN 0 AND 2),"
    "  reason TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  PRIMARY KEY (outcome_id, domain));",
    /* 1 -> 2: double data extraction and the audit trail (src/store/entry.c).
     * Every record and risk-of-bias version carries its reviewer; two
     * reviewers' extractions sit side by side (kind 'extraction', one per
     * reviewer), the third reviewer's decision is kind 'adjudicated' (one per
     * study and outcome).  Existing rows become their importer's extraction
     * (reviewer = entered_by) and get an audit entry. */
    "CREATE TABLE records_v2 ("
    "  id INTEGER PRIMARY KEY,"
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  reviewer TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'extraction' CHECK (kind IN ('extraction','adjudicated')),"
    "  comparison TEXT, intervention TEXT, comparator TEXT, subgroup TEXT,"
    "  exp_events INTEGER, exp_total INTEGER, ctl_events INTEGER, ctl_total INTEGER,"
    "  exp_mean REAL, exp_sd REAL, ctl_mean REAL, ctl_sd REAL,"
    "  estimate REAL, se REAL,"
    "  source TEXT, notes TEXT, reason TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "INSERT INTO records_v2 (id, outcome_id, study_id, reviewer, kind, comparison, intervention, comparator,"
    "  subgroup, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se,"
    "  source, notes, entered_by, entered_at)"
    "  SELECT id, outcome_id, study_id, entered_by, 'extraction', comparison, intervention, comparator,"
    "  subgroup, exp_events, exp_total, ctl_events, ctl_total, exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se,"
    "  source, notes, entered_by, entered_at FROM records;"
    "DROP TABLE records;"
    "ALTER TABLE records_v2 RENAME TO records;"
    "CREATE UNIQUE INDEX records_extraction ON records (outcome_id, study_id, reviewer) WHERE kind = 'extraction';"
    "CREATE UNIQUE INDEX records_adjudicated ON records (outcome_id, study_id) WHERE kind = 'adjudicated';"
    "CREATE TABLE rob_v2 ("
    "  id INTEGER PRIMARY KEY,"
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  domain TEXT NOT NULL,"
    "  reviewer TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'extraction' CHECK (kind IN ('extraction','adjudicated')),"
    "  judgement TEXT NOT NULL CHECK (judgement IN ('low','high','unclear')),"
    "  support TEXT, source TEXT, reason TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "INSERT INTO rob_v2 (study_id, domain, reviewer, kind, judgement, support, source, entered_by, entered_at)"
    "  SELECT study_id, domain, entered_by, 'extraction', judgement, support, source, entered_by, entered_at FROM rob;"
    "DROP TABLE rob;"
    "ALTER TABLE rob_v2 RENAME TO rob;"
    "CREATE UNIQUE INDEX rob_extraction ON rob (study_id, domain, reviewer) WHERE kind = 'extraction';"
    "CREATE UNIQUE INDEX rob_adjudicated ON rob (study_id, domain) WHERE kind = 'adjudicated';",
    /* 2 -> 3: the rest of double data extraction (split from 1 -> 2 only to
     * keep each string under C's 4095-character limit for literals). */
    "CREATE INDEX records_outcome_study ON records (outcome_id, study_id);"
    "CREATE INDEX rob_study_domain ON rob (study_id, domain);"
    "CREATE TABLE review_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* What enters analyses: the adjudicated version, else the one reviewer's
     * extraction when only one exists and the review allows single-reviewer
     * records (the default). */
    "CREATE VIEW analysed_records AS SELECT r.* FROM records r WHERE r.kind = 'adjudicated'"
    "  OR (NOT EXISTS (SELECT 1 FROM records a WHERE a.outcome_id = r.outcome_id AND a.study_id = r.study_id"
    "        AND a.kind = 'adjudicated')"
    "      AND (SELECT count(*) FROM records x WHERE x.outcome_id = r.outcome_id AND x.study_id = r.study_id"
    "        AND x.kind = 'extraction') = 1"
    "      AND coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') = 'allowed');"
    "CREATE VIEW awaiting_records AS SELECT outcome_id, study_id, count(*) AS reviewers FROM records r"
    "  WHERE kind = 'extraction' AND NOT EXISTS (SELECT 1 FROM records a WHERE a.outcome_id = r.outcome_id"
    "    AND a.study_id = r.study_id AND a.kind = 'adjudicated')"
    "  GROUP BY outcome_id, study_id HAVING count(*) >= 2"
    "    OR coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') <> 'allowed';"
    "CREATE VIEW analysed_rob AS SELECT b.* FROM rob b WHERE b.kind = 'adjudicated'"
    "  OR (NOT EXISTS (SELECT 1 FROM rob a WHERE a.study_id = b.study_id AND a.domain = b.domain"
    "        AND a.kind = 'adjudicated')"
    "      AND (SELECT count(*) FROM rob x WHERE x.study_id = b.study_id AND x.domain = b.domain"
    "        AND x.kind = 'extraction') = 1"
    "      AND coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') = 'allowed');"
    /* Append-only: who, when, what (old and new value), why. */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,"
    "  use TEXT, outcome TEXT, study TEXT, reviewer TEXT,"
    "  field TEXT, old_value TEXT, new_value TEXT, reason TEXT);"
    "CREATE INDEX audit_study ON audit (study);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "INSERT INTO audit (at, who, action, use, outcome, study, reviewer, field, new_value, reason)"
    "  SELECT r.entered_at, r.entered_by, 'import', u.name, o.name, s.label, r.reviewer, '*',"
    "  'exp_events=' || coalesce(r.exp_events, '') || '; exp_total=' || coalesce(r.exp_total, '')"
    "  || '; ctl_events=' || coalesce(r.ctl_events, '') || '; ctl_total=' || coalesce(r.ctl_total, '')"
    "  || '; exp_mean=' || coalesce(r.exp_mean, '') || '; exp_sd=' || coalesce(r.exp_sd, '')"
    "  || '; ctl_mean=' || coalesce(r.ctl_mean, '') || '; ctl_sd=' || coalesce(r.ctl_sd, '')"
    "  || '; estimate=' || coalesce(r.estimate, '') || '; se=' || coalesce(r.se, ''),"
    "  'entered before the audit trail existed (schema version 1)'"
    "  FROM records r JOIN outcomes o ON o.id = r.outcome_id JOIN uses u ON u.id = o.use_id"
    "  JOIN studies s ON s.id = r.study_id ORDER BY r.id;",
    /* 3 -> 4: RevMan interoperability (src/store/revman.c): an outcome's
     * analysis settings, and the results RevMan stored for it (overall, per
     * subgroup, per study) so that `srw verify` can compare; RevMan's
     * risk-of-bias items verbatim, with their support text. */
    "CREATE TABLE analysis_settings ("
    "  outcome_id INTEGER PRIMARY KEY REFERENCES outcomes(id),"
    "  source_format TEXT NOT NULL, source TEXT, revman_id TEXT, number TEXT, name TEXT,"
    "  data_type TEXT NOT NULL CHECK (data_type IN ('DICH','CONT','IV','IPD','OTHER')),"
    "  revman_measure TEXT, measure TEXT, method TEXT,"
    "  model TEXT NOT NULL CHECK (model IN ('fixed','random')),"
    "  ci_study REAL, ci_total REAL, swap_events INTEGER NOT NULL DEFAULT 0, totals TEXT,"
    "  subgroup_test INTEGER NOT NULL DEFAULT 0, subgroups INTEGER NOT NULL DEFAULT 0,"
    "  log_data INTEGER NOT NULL DEFAULT 0,"
    "  group_label_1 TEXT, group_label_2 TEXT, graph_label_1 TEXT, graph_label_2 TEXT,"
    "  sort_order INTEGER, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE TABLE revman_results ("
    "  outcome_id INTEGER PRIMARY KEY REFERENCES outcomes(id),"
    "  present INTEGER NOT NULL, estimable INTEGER NOT NULL,"
    "  effect REAL, ci_lower REAL, ci_upper REAL, tau2 REAL, chi2 REAL, df REAL, p_chi2 REAL,"
    "  i2 REAL, z REAL, p_z REAL,"
    "  q_sub REAL, df_sub REAL, p_sub REAL, i2_sub REAL,"
    "  decimals INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE revman_subgroup_results ("
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id), number INTEGER NOT NULL, name TEXT NOT NULL,"
    "  present INTEGER NOT NULL, estimable INTEGER NOT NULL,"
    "  effect REAL, ci_lower REAL, ci_upper REAL, tau2 REAL, chi2 REAL, df REAL, p_chi2 REAL,"
    "  i2 REAL, z REAL, p_z REAL,"
    "  PRIMARY KEY (outcome_id, number));"
    "CREATE TABLE revman_study_results ("
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id), number INTEGER NOT NULL,"
    "  study TEXT NOT NULL, subgroup TEXT, present INTEGER NOT NULL, estimable INTEGER NOT NULL,"
    "  effect REAL, ci_lower REAL, ci_upper REAL, se REAL, weight REAL,"
    "  PRIMARY KEY (outcome_id, number));"
    "CREATE TABLE revman_rob ("
    "  id INTEGER PRIMARY KEY, study TEXT NOT NULL, item TEXT NOT NULL, grp TEXT,"
    "  result TEXT, support TEXT, source TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX revman_rob_key ON revman_rob (study, item, coalesce(grp, ''));"
    "CREATE TABLE revman_other ("
    "  id INTEGER PRIMARY KEY, use TEXT NOT NULL, outcome TEXT NOT NULL, study TEXT NOT NULL, text TEXT,"
    "  source TEXT, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  UNIQUE (use, outcome, study));",
    /* 4 -> 5: what the data-entry warnings read (srw_record_check_warnings):
     * the study's randomised total, the outcome's declared scale range,
     * whether a continuous record is a change score or a final value. */
    "ALTER TABLE studies ADD COLUMN randomised INTEGER;"
    "ALTER TABLE outcomes ADD COLUMN scale_min REAL;"
    "ALTER TABLE outcomes ADD COLUMN scale_max REAL;"
    "ALTER TABLE records ADD COLUMN measured_as TEXT;",
    /* 5 -> 6: where a use's decision settings come from (studies/uses.csv
     * `source`), as every other shipped row says. */
    "ALTER TABLE uses ADD COLUMN source TEXT;",
    /* 6 -> 7: an import writes one audit entry, not one per record (a
     * million-row import wrote 240 MB of trail repeating the records).  A
     * record the import adds points at that entry (records.audit_id); the
     * trail's row for it is derived from the record (audit_imported) until
     * the record first changes, when that row is written into the trail
     * (srw_store__audit_freeze) before the change, in the place it would
     * have had (seq, sub).  One index serves both the extraction key and
     * look-ups by outcome, where there were two. */
    "ALTER TABLE audit ADD COLUMN seq INTEGER;"
    "ALTER TABLE audit ADD COLUMN sub INTEGER;"
    "ALTER TABLE records ADD COLUMN audit_id INTEGER;"
    "DROP INDEX records_outcome_study;"
    "DROP INDEX records_extraction;"
    "CREATE UNIQUE INDEX records_key ON records (outcome_id, study_id, reviewer, kind);"
    "CREATE VIEW audit_imported AS SELECT b.id AS seq, r.id AS sub, b.at AS at, b.who AS who,"
    "  b.action AS action, u.name AS use, o.name AS outcome, s.label AS study, r.reviewer AS reviewer,"
    "  '*' AS field, NULL AS old_value,"
    "  srw_record_text(o.type, r.exp_events, r.exp_total, r.ctl_events, r.ctl_total, r.exp_mean, r.exp_sd,"
    "    r.ctl_mean, r.ctl_sd, r.estimate, r.se, r.comparison, r.intervention, r.comparator, r.subgroup,"
    "    r.source, r.notes, r.measured_as) AS new_value, b.reason AS reason"
    "  FROM records r JOIN audit b ON b.id = r.audit_id JOIN outcomes o ON o.id = r.outcome_id"
    "  JOIN uses u ON u.id = o.use_id JOIN studies s ON s.id = r.study_id;"
    "CREATE VIEW audit_trail AS SELECT coalesce(seq, id) AS seq, coalesce(sub, 0) AS sub, at, who, action,"
    "  use, outcome, study, reviewer, field, old_value, new_value, reason FROM audit"
    "  UNION ALL SELECT * FROM audit_imported;",
    /* 7 -> 8: who entered a record or study an import added, and when, is
     * its import's trail entry (audit_id: who, at), not a copy on every row
     * (54 MB of a million-row import).  entered_by and entered_at are NULL
     * exactly there; readers take coalesce(entered_by, audit.who).  Studies
     * gain audit_id.  SQLite cannot drop NOT NULL, so both tables are
     * rebuilt (migrate turns foreign keys off around this and checks them
     * before it commits; the legacy rename leaves the views naming the
     * tables as they are). */
    "PRAGMA legacy_alter_table = ON;"
    "CREATE TABLE records_v8 ("
    "  id INTEGER PRIMARY KEY,"
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  reviewer TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'extraction' CHECK (kind IN ('extraction','adjudicated')),"
    "  comparison TEXT, intervention TEXT, comparator TEXT, subgroup TEXT,"
    "  exp_events INTEGER, exp_total INTEGER, ctl_events INTEGER, ctl_total INTEGER,"
    "  exp_mean REAL, exp_sd REAL, ctl_mean REAL, ctl_sd REAL,"
    "  estimate REAL, se REAL,"
    "  source TEXT, notes TEXT, reason TEXT,"
    "  entered_by TEXT, entered_at TEXT, measured_as TEXT, audit_id INTEGER,"
    "  CHECK ((entered_by IS NULL) = (entered_at IS NULL) AND (entered_by IS NOT NULL OR audit_id IS NOT NULL)));"
    "INSERT INTO records_v8 SELECT r.id, r.outcome_id, r.study_id, r.reviewer, r.kind, r.comparison,"
    "  r.intervention, r.comparator, r.subgroup, r.exp_events, r.exp_total, r.ctl_events, r.ctl_total,"
    "  r.exp_mean, r.exp_sd, r.ctl_mean, r.ctl_sd, r.estimate, r.se, r.source, r.notes, r.reason,"
    "  CASE WHEN b.who IS r.entered_by AND b.at IS r.entered_at THEN NULL ELSE r.entered_by END,"
    "  CASE WHEN b.who IS r.entered_by AND b.at IS r.entered_at THEN NULL ELSE r.entered_at END,"
    "  r.measured_as, r.audit_id FROM records r LEFT JOIN audit b ON b.id = r.audit_id ORDER BY r.id;"
    "DROP TABLE records;"
    "ALTER TABLE records_v8 RENAME TO records;"
    "CREATE UNIQUE INDEX records_adjudicated ON records (outcome_id, study_id) WHERE kind = 'adjudicated';"
    "CREATE UNIQUE INDEX records_key ON records (outcome_id, study_id, reviewer, kind);"
    "CREATE TABLE studies_v8 ("
    "  id INTEGER PRIMARY KEY,"
    "  label TEXT NOT NULL UNIQUE,"
    "  year INTEGER, source TEXT,"
    "  entered_by TEXT, entered_at TEXT, randomised INTEGER, audit_id INTEGER,"
    "  CHECK ((entered_by IS NULL) = (entered_at IS NULL) AND (entered_by IS NOT NULL OR audit_id IS NOT NULL)));"
    "INSERT INTO studies_v8 (id, label, year, source, entered_by, entered_at, randomised)"
    "  SELECT id, label, year, source, entered_by, entered_at, randomised FROM studies ORDER BY id;"
    "DROP TABLE studies;"
    "ALTER TABLE studies_v8 RENAME TO studies;"
    "PRAGMA legacy_alter_table = OFF;",
    /* 8 -> 9: a study's label is unique through an index of its own
     * (studies_label) instead of the table's UNIQUE constraint, whose index
     * cannot be dropped.  A bulk import into a database without studies
     * drops it and builds it once at the end (srw_import__label_index):
     * a million labels inserted one by one in no order cost about a second
     * more than a sort.  The table is rebuilt as in 7 -> 8. */
    "PRAGMA legacy_alter_table = ON;"
    "CREATE TABLE studies_v9 ("
    "  id INTEGER PRIMARY KEY,"
    "  label TEXT NOT NULL,"
    "  year INTEGER, source TEXT,"
    "  entered_by TEXT, entered_at TEXT, randomised INTEGER, audit_id INTEGER,"
    "  CHECK ((entered_by IS NULL) = (entered_at IS NULL) AND (entered_by IS NOT NULL OR audit_id IS NOT NULL)));"
    "INSERT INTO studies_v9 SELECT id, label, year, source, entered_by, entered_at, randomised, audit_id"
    "  FROM studies ORDER BY id;"
    "DROP TABLE studies;"
    "ALTER TABLE studies_v9 RENAME TO studies;"
    "CREATE UNIQUE INDEX studies_label ON studies (label);"
    "PRAGMA legacy_alter_table = OFF;",
    /* 9 -> 10: a use's primary outcome's
     * pre-specification and its large-effect threshold, and each outcome's
     * settings (an outcome settings file: importance, thresholds with
     * their sources, baseline risks, rating up, the review's own GRADE);
     * the columns are srw_outcome_settings_columns(), by name. */
    "ALTER TABLE uses ADD COLUMN primary_source TEXT;"
    "ALTER TABLE uses ADD COLUMN large REAL;"
    "ALTER TABLE uses ADD COLUMN large_source TEXT;"
    "CREATE TABLE outcome_settings ("
    "  use_id INTEGER NOT NULL REFERENCES uses(id),"
    "  outcome TEXT NOT NULL,"
    "  importance TEXT CHECK (importance IN ('critical','important','not important')),"
    "  mid REAL, mid_measure TEXT, mid_source TEXT, large REAL, large_source TEXT,"
    "  baseline_low REAL, baseline_high REAL, baseline_source TEXT,"
    "  upgrade INTEGER CHECK (upgrade BETWEEN 0 AND 2), upgrade_reason TEXT,"
    "  review_certainty TEXT, review_risk_of_bias INTEGER, review_inconsistency INTEGER,"
    "  review_indirectness INTEGER, review_imprecision INTEGER, review_publication_bias INTEGER,"
    "  review_risk_of_bias_reason TEXT, review_inconsistency_reason TEXT, review_indirectness_reason TEXT,"
    "  review_imprecision_reason TEXT, review_publication_bias_reason TEXT, review_source TEXT, notes TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  PRIMARY KEY (use_id, outcome));",
    /* 10 -> 11: Cochrane RoB 2 (src/store/rob2.c), judged per result (a
     * study's outcome), not per study as RoB 1 is: one row per outcome,
     * study, domain and version, the five domains and the given overall
     * ('rob2_overall', which has no support).  Each reviewer's extraction
     * and one adjudicated version side by side, as in rob; analysed_rob2
     * picks what enters analyses as analysed_rob does.  A new table only:
     * nothing existing changes. */
    "CREATE TABLE rob2 ("
    "  id INTEGER PRIMARY KEY,"
    "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  domain TEXT NOT NULL CHECK (domain IN ('rob2_randomisation','rob2_deviations','rob2_missing',"
    "    'rob2_measurement','rob2_selection','rob2_overall')),"
    "  reviewer TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'extraction' CHECK (kind IN ('extraction','adjudicated')),"
    "  judgement TEXT NOT NULL CHECK (judgement IN ('low','some_concerns','high')),"
    "  support TEXT CHECK (support IS NULL OR domain <> 'rob2_overall'), reason TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX rob2_extraction ON rob2 (outcome_id, study_id, domain, reviewer) WHERE kind = 'extraction';"
    "CREATE UNIQUE INDEX rob2_adjudicated ON rob2 (outcome_id, study_id, domain) WHERE kind = 'adjudicated';"
    "CREATE VIEW analysed_rob2 AS SELECT b.* FROM rob2 b WHERE b.kind = 'adjudicated'"
    "  OR (NOT EXISTS (SELECT 1 FROM rob2 a WHERE a.outcome_id = b.outcome_id AND a.study_id = b.study_id"
    "        AND a.domain = b.domain AND a.kind = 'adjudicated')"
    "      AND (SELECT count(*) FROM rob2 x WHERE x.outcome_id = b.outcome_id AND x.study_id = b.study_id"
    "        AND x.domain = b.domain AND x.kind = 'extraction') = 1"
    "      AND coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') = 'allowed');",
    /* 11 -> 12: a published result's list of the trials the review
     * pooled and the question it answers when that is another
     * (observational studies or active comparators pooled); the search
     * date of the review a use's question rests on (the living update
     * when no published result is dated); the claims a text makes about a
     * use (studies/claims.csv), each with what it asserts and its source. */
    "ALTER TABLE published ADD COLUMN pooled_trials TEXT;"
    "ALTER TABLE uses ADD COLUMN search_date TEXT;"
    "ALTER TABLE published ADD COLUMN scope TEXT;"
    "CREATE TABLE claims ("
    "  id INTEGER PRIMARY KEY,"
    "  use_id INTEGER NOT NULL REFERENCES uses(id),"
    "  claim TEXT NOT NULL,"
    "  asserts TEXT NOT NULL CHECK (asserts IN ('supported','not_supported','insufficient_evidence',"
    "    'benefit','harm','no_difference')),"
    "  outcome TEXT, source TEXT NOT NULL, notes TEXT,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  UNIQUE (use_id, claim));",
    /* 12 -> 13: multi-arm trials and moderators (issue 24).  A record's arm
     * ('' for a two-arm comparison) is part of its key: a study has one
     * record per intervention arm against one control in an outcome, so the
     * key indexes and the views that pick what enters analyses (and what
     * awaits reconciliation) compare arms too; the trail's description of
     * an imported record names its arm (srw_record_text takes it).  A
     * study's moderators (the record CSV's mod_<name> columns, srw/metareg.h)
     * are one value per study, arm and name, as given. */
    "ALTER TABLE records ADD COLUMN arm TEXT NOT NULL DEFAULT '';"
    "DROP INDEX records_key;"
    "DROP INDEX records_adjudicated;"
    "CREATE UNIQUE INDEX records_key ON records (outcome_id, study_id, reviewer, kind, arm);"
    "CREATE UNIQUE INDEX records_adjudicated ON records (outcome_id, study_id, arm) WHERE kind = 'adjudicated';"
    "DROP VIEW analysed_records;"
    "CREATE VIEW analysed_records AS SELECT r.* FROM records r WHERE r.kind = 'adjudicated'"
    "  OR (NOT EXISTS (SELECT 1 FROM records a WHERE a.outcome_id = r.outcome_id AND a.study_id = r.study_id"
    "        AND a.arm = r.arm AND a.kind = 'adjudicated')"
    "      AND (SELECT count(*) FROM records x WHERE x.outcome_id = r.outcome_id AND x.study_id = r.study_id"
    "        AND x.arm = r.arm AND x.kind = 'extraction') = 1"
    "      AND coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') = 'allowed');"
    "DROP VIEW awaiting_records;"
    "CREATE VIEW awaiting_records AS SELECT outcome_id, study_id, arm, count(*) AS reviewers FROM records r"
    "  WHERE kind = 'extraction' AND NOT EXISTS (SELECT 1 FROM records a WHERE a.outcome_id = r.outcome_id"
    "    AND a.study_id = r.study_id AND a.arm = r.arm AND a.kind = 'adjudicated')"
    "  GROUP BY outcome_id, study_id, arm HAVING count(*) >= 2"
    "    OR coalesce((SELECT value FROM review_settings WHERE key = 'single_reviewer'), 'allowed') <> 'allowed';"
    "DROP VIEW audit_trail;"
    "DROP VIEW audit_imported;"
    "CREATE VIEW audit_imported AS SELECT b.id AS seq, r.id AS sub, b.at AS at, b.who AS who,"
    "  b.action AS action, u.name AS use, o.name AS outcome, s.label AS study, r.reviewer AS reviewer,"
    "  '*' AS field, NULL AS old_value,"
    "  srw_record_text(o.type, r.exp_events, r.exp_total, r.ctl_events, r.ctl_total, r.exp_mean, r.exp_sd,"
    "    r.ctl_mean, r.ctl_sd, r.estimate, r.se, r.comparison, r.intervention, r.comparator, r.subgroup,"
    "    r.source, r.notes, r.measured_as, nullif(r.arm, '')) AS new_value, b.reason AS reason"
    "  FROM records r JOIN audit b ON b.id = r.audit_id JOIN outcomes o ON o.id = r.outcome_id"
    "  JOIN uses u ON u.id = o.use_id JOIN studies s ON s.id = r.study_id;"
    "CREATE VIEW audit_trail AS SELECT coalesce(seq, id) AS seq, coalesce(sub, 0) AS sub, at, who, action,"
    "  use, outcome, study, reviewer, field, old_value, new_value, reason FROM audit"
    "  UNION ALL SELECT * FROM audit_imported;"
    "CREATE TABLE moderators ("
    "  study_id INTEGER NOT NULL REFERENCES studies(id),"
    "  arm TEXT NOT NULL DEFAULT '',"
    "  name TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,"
    "  PRIMARY KEY (study_id, arm, name));",
    /* 13 -> 14: the source of a reviewer's GRADE judgement (studies/grade.csv's
     * source column): of the indirectness entered on an outcome, and of an
     * override. */
    "ALTER TABLE outcomes ADD COLUMN indirectness_source TEXT; ALTER TABLE grade_overrides ADD COLUMN source TEXT;",
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

int srw_store_fail(srw_store *s, srw_error *err, const char *what)
{
    return SRW_FAIL(err, SRW_EDB, "%s: %s (database %s)", what,
                    s && s->db ? sqlite3_errmsg(s->db) : "no database", s && s->path ? s->path : "?");
}

int srw_store__add_line(char ***lines, size_t *n, const char *line, srw_error *err)
{
    return srw_lines_add(lines, n, line) == 0 ? 0 : SRW_FAIL(err, SRW_ENOMEM, "out of memory");
}

int srw_store_prepare(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return srw_store_fail(s, err, "cannot prepare a query");
    return 0;
}

int srw_store_prepare_kept(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err)
{
    return *st != NULL ? 0 : srw_store_prepare(s, st, sql, err);
}

int srw_store__kept(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err)
{
    if (*st == NULL)
        return srw_store_prepare(s, st, sql, err);
    sqlite3_reset(*st);
    sqlite3_clear_bindings(*st);
    return 0;
}

int srw_store_exec(srw_store *s, const char *sql, srw_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = SRW_FAIL(err, SRW_EDB, "%s (database %s)", msg ? msg : "error", s->path);
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

/* 1 when the journal mode is now mode ("delete", "wal"). */
static int set_journal_mode(srw_store *s, const char *mode)
{
    char sql[64];
    sqlite3_stmt *st = NULL;
    int ok = 0;
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *now = (const char *)sqlite3_column_text(st, 0);
        ok = now != NULL && strcmp(now, mode) == 0;
    }
    sqlite3_finalize(st);
    return ok;
}

int srw_store_begin(srw_store *s, srw_error *err)
{
    return srw_store_exec(s, "BEGIN IMMEDIATE", err);
}

int srw_store_hold_writers(srw_store *s)
{
    /* Not waiting: with another writer at work, the caller reads alone. */
    sqlite3_busy_timeout(s->db, 0);
    int rc = sqlite3_get_autocommit(s->db) ? sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) : SQLITE_MISUSE;
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    return rc == SQLITE_OK ? 0 : -1;
}

/* A large import mostly appends pages to the database, and checks each
 * reference it writes as it goes.  Two things are done once instead:
 *
 * Journal: in WAL mode each page is written twice (to the log, then by the
 * checkpoint, in frames that do not line up with the file's pages); under
 * a rollback journal a page past the database's old end needs no journal
 * copy, so it is written once, and a crash still leaves the database as it
 * was.  The switch needs the database to itself: when another connection
 * has it open, the import runs in WAL mode.  The transaction's end goes
 * back to WAL, so that readers never wait on a writer outside large
 * imports.  (Each switch counts as a change in the file's header, so a
 * failed bulk import leaves the data as it was but not the header's change
 * counter.)
 *
 * Foreign keys: enforced row by row, they cost two look-ups per record
 * (half of SQLite's time in a million-row import); the transaction instead
 * checks the references once before it commits (check_references), and
 * refuses to commit if any points at nothing. */
int srw_store_begin_bulk(srw_store *s, srw_error *err)
{
    s->rollback_journal = set_journal_mode(s, "delete");
    int rc = srw_store_exec(s, "PRAGMA foreign_keys = OFF", err);
    if (rc == 0) {
        s->fk_deferred = 1;
        rc = srw_store_exec(s, "BEGIN IMMEDIATE", err);
    }
    sqlite3_stmt *st = NULL;
    if (rc == 0 && (rc = srw_store_prepare(s, &st, "SELECT coalesce(max(id), 0) FROM records", err)) == 0) {
        s->bulk_last_record = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc)
        srw_store_rollback(s);
    return rc;
}

void srw_store__bulk_vouch(srw_store *s, sqlite3_int64 first, sqlite3_int64 last, sqlite3_int64 min_oid,
                           sqlite3_int64 max_oid, sqlite3_int64 min_sid, sqlite3_int64 max_sid)
{
    if (!s->fk_deferred || s->vouch_broken)
        return;
    if (first != (s->vouched_last ? s->vouched_last : s->bulk_last_record) + 1 || last < first) {
        s->vouch_broken = 1;
        return;
    }
    sqlite3_int64 lo[2] = {min_oid, min_sid}, hi[2] = {max_oid, max_sid};
    for (int i = 0; i < 2; i++) {
        if (s->vouched_last == 0 || lo[i] < s->vouched_min[i])
            s->vouched_min[i] = lo[i];
        if (s->vouched_last == 0 || hi[i] > s->vouched_max[i])
            s->vouched_max[i] = hi[i];
    }
    s->vouched_last = last;
}

static void end_bulk(srw_store *s)
{
    s->vouched_last = 0;
    s->vouch_broken = 0;
    if (s->rollback_journal)
        set_journal_mode(s, "wal");
    if (s->fk_deferred)
        sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    s->rollback_journal = 0;
    s->fk_deferred = 0;
}

/* PRAGMA foreign_key_check over sql ("PRAGMA foreign_key_check(t)"). */
static int fk_check(srw_store *s, const char *sql, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    if (srw_store_prepare(s, &st, sql, err) != 0)
        return SRW_EDB;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = SRW_FAIL(err, SRW_EDB,
                      "the import would leave a row of %s (rowid %lld) pointing at no row of %s; nothing was "
                      "written (a bug in srw: please report it)",
                      (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
                      (const char *)sqlite3_column_text(st, 2));
    else
        rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot check the database's references");
    sqlite3_finalize(st);
    return rc;
}

/* The references the transaction left, checked at once (see above).
 * Every table but records is small: PRAGMA foreign_key_check.  The
 * records a bulk import adds are a million look-ups in random order there
 * (a second, where they are spread over a review's trials), so they are
 * checked by range instead, which is exact while studies and outcomes have
 * no gaps in their ids (srw never deletes either): a record added since
 * srw_store_begin_bulk must point inside both ranges.  With gaps, the
 * whole check runs. */
static int check_references(srw_store *s, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(s, &st, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'records'"
                                       " AND name NOT LIKE 'sqlite_%'", err);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        char sql[200];
        snprintf(sql, sizeof sql, "PRAGMA foreign_key_check(\"%s\")", (const char *)sqlite3_column_text(st, 0));
        rc = fk_check(s, sql, err);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if ((rc = srw_store_prepare(
             s, &st,
             "SELECT coalesce((SELECT count(*) FROM studies) = (SELECT max(id) - min(id) + 1 FROM studies), 0)"
             " AND coalesce((SELECT count(*) FROM outcomes) = (SELECT max(id) - min(id) + 1 FROM outcomes), 0),"
             " (SELECT count(*) FROM records WHERE id > ?1"
             "  AND (study_id NOT BETWEEN (SELECT min(id) FROM studies) AND (SELECT max(id) FROM studies)"
             "   OR outcome_id NOT BETWEEN (SELECT min(id) FROM outcomes) AND (SELECT max(id) FROM outcomes))),"
             " (SELECT min(id) FROM outcomes), (SELECT max(id) FROM outcomes),"
             " (SELECT min(id) FROM studies), (SELECT max(id) FROM studies)",
             err)) != 0)
        return rc;
    /* The records the import vouched for are checked by their ranges
     * below; any after them, row by row. */
    int vouched = !s->vouch_broken && s->vouched_last > 0;
    sqlite3_bind_int64(st, 1, vouched ? s->vouched_last : s->bulk_last_record);
    int dense = 0;
    long long outside = 0;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dense = sqlite3_column_int(st, 0);
        outside = sqlite3_column_int64(st, 1);
        for (int i = 0; vouched && i < 2; i++)
            if (s->vouched_min[i] < sqlite3_column_int64(st, 2 + 2 * i) ||
                s->vouched_max[i] > sqlite3_column_int64(st, 3 + 2 * i))
                outside++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return srw_store_fail(s, err, "cannot check the database's references");
    if (!dense || outside > 0)
        return fk_check(s, "PRAGMA foreign_key_check(records)", err);
    return 0;
}

int srw_store_commit(srw_store *s, srw_error *err)
{
    int rc = s->fk_deferred ? check_references(s, err) : 0;
    if (rc == 0)
        rc = srw_store_exec(s, "COMMIT", err);
    if (rc)
        srw_store_rollback(s);
    else
        end_bulk(s);
    return rc;
}

void srw_store_rollback(srw_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    end_bulk(s);
}

int srw_store_savepoint(srw_store *s, srw_error *err)
{
    int outermost = sqlite3_get_autocommit(s->db);
    /* A write of its own begins as a writer's transaction: SQLite applies
     * the busy timeout to taking the write lock only when the transaction
     * starts with it.  A deferred one (a bare SAVEPOINT) reads first and
     * then fails at once, "database is locked", when another command holds
     * the lock for a moment. */
    int rc = outermost ? srw_store_exec(s, "BEGIN IMMEDIATE", err) : 0;
    if (rc == 0 && (rc = srw_store_exec(s, "SAVEPOINT srw_write", err)) != 0 && outermost)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (rc == 0 && s->write_depth++ == 0)
        s->write_outermost = outermost;
    return rc;
}

int srw_store_release(srw_store *s, int rc, srw_error *err)
{
    int outermost = --s->write_depth == 0 && s->write_outermost;
    if (rc == 0 && (rc = srw_store_exec(s, "RELEASE srw_write", err)) == 0 &&
        (!outermost || (rc = srw_store_exec(s, "COMMIT", err)) == 0))
        return 0;
    sqlite3_exec(s->db, "ROLLBACK TO srw_write", NULL, NULL, NULL);
    /* Released, the emptied savepoint would commit an empty transaction,
     * which in WAL mode still writes the file's header (its change
     * counter): a refused write would leave the file changed.  Where the
     * savepoint is the transaction, it ends in a rollback instead. */
    sqlite3_exec(s->db, outermost ? "ROLLBACK" : "RELEASE srw_write", NULL, NULL, NULL);
    return rc;
}

int srw_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int srw_bind_text_static(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

int srw_bind_real(sqlite3_stmt *st, int i, double v)
{
    return isnan(v) ? sqlite3_bind_null(st, i) : sqlite3_bind_double(st, i, v);
}

int srw_bind_count(sqlite3_stmt *st, int i, double v)
{
    return (isnan(v) || v < 0) ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

char *srw_column_text_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

double srw_column_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

int srw_store_schema_version(srw_store *s)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* After the migrations, before their commit: every reference points at a
 * row (PRAGMA foreign_key_check over the whole database). */
static int migrated_references_ok(srw_store *s, srw_error *err)
{
    sqlite3_stmt *st = NULL;
    if (srw_store_prepare(s, &st, "PRAGMA foreign_key_check", err) != 0)
        return SRW_EDB;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = SRW_FAIL(err, SRW_EDB,
                      "%s: a row of %s (rowid %lld) points at no row of %s; the schema was not upgraded and the "
                      "file is unchanged",
                      s->path, (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
                      (const char *)sqlite3_column_text(st, 2));
    else
        rc = rc == SQLITE_DONE ? 0 : srw_store_fail(s, err, "cannot check the database's references");
    sqlite3_finalize(st);
    return rc;
}

static int migrate(srw_store *s, srw_error *err)
{
    int v = srw_store_schema_version(s);
    if (v < 0)
        return srw_store_fail(s, err, "cannot read the schema version");
    if ((size_t)v > N_MIGRATIONS)
        return SRW_FAIL(err, SRW_EDB,
                        "%s has schema version %d, newer than this srw understands (%d): upgrade srw",
                        s->path, v, (int)N_MIGRATIONS);
    if ((size_t)v == N_MIGRATIONS)
        return 0;
    /* A migration that rebuilds a table others point at drops it first:
     * with foreign keys on, that would delete what points at it.  They are
     * off for the migrations (the pragma is a no-op inside a transaction)
     * and checked all at once before the commit. */
    int rc = srw_store_exec(s, "PRAGMA foreign_keys = OFF", err);
    if (rc == 0)
        rc = srw_store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc)
        goto on;
    for (size_t i = (size_t)v; i < N_MIGRATIONS; i++) {
        if ((rc = srw_store_exec(s, migrations[i], err)) != 0)
            goto fail;
    }
    if ((rc = migrated_references_ok(s, err)) != 0)
        goto fail;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", (int)N_MIGRATIONS);
    if ((rc = srw_store_exec(s, pragma, err)) != 0 || (rc = srw_store_exec(s, "COMMIT", err)) != 0)
        goto fail;
    return srw_store_exec(s, "PRAGMA foreign_keys = ON", err);
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
on:
    sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

int srw_store_open(srw_store **out, const char *path, int create, srw_error *err)
{
    *out = NULL;
    struct stat sb;
    if (!create && stat(path, &sb) != 0)
        return SRW_FAIL(err, SRW_ENOTFOUND,
                        "no review database at %s (create one with `srw init --db %s`)", path, path);
    srw_store *s = calloc(1, sizeof *s);
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    int rc;
    /* One connection, one thread: no need for SQLite's per-call mutexes. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = srw_store_fail(s, err, "cannot open the review database");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (srw_audit_register(s->db) != SQLITE_OK) {
        rc = srw_store_fail(s, err, "cannot register srw's SQL functions");
        goto fail;
    }
    /* Not a database at all (e.g. a CSV given to --db): say so plainly. */
    if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
        rc = SRW_FAIL(err, SRW_EDB, "%s is not an srw review database (%s)", path, sqlite3_errmsg(s->db));
        goto fail;
    }
    if ((rc = srw_store_exec(s, "PRAGMA foreign_keys = ON", err)) != 0)
        goto fail;
    /* Before the switch to WAL, which writes the header: a file whose
     * migration is refused stays byte for byte as it was. */
    if ((rc = migrate(s, err)) != 0)
        goto fail;
    /* WAL: readers (a report) never block the writer (an import). */
    if ((rc = srw_store_exec(s, "PRAGMA journal_mode = WAL", err)) != 0)
        goto fail;
    if ((rc = srw_store_exec(s, "PRAGMA synchronous = NORMAL", err)) != 0)
        goto fail;
    /* An import is one transaction: with SQLite's default 2 MB page cache a
     * large one spills pages to the WAL long before it commits.  This is a
     * ceiling, not an allocation, but a page once touched stays mapped: a
     * million-row import filled 256 MB and spent about a second in page
     * faults doing so, where 64 MB spills (to the database file, under a
     * bulk import's rollback journal) cost less than the faults. */
    if ((rc = srw_store_exec(s, "PRAGMA cache_size = -65536", err)) != 0)
        goto fail;
    /* Statement journals (a multi-row INSERT keeps one, to undo itself
     * alone on failure) stay in memory instead of spilling to a temporary
     * file past 64 KiB: a large import runs tens of thousands of them.  The
     * database and its WAL are untouched by this setting. */
    if ((rc = srw_store_exec(s, "PRAGMA temp_store = MEMORY", err)) != 0)
        goto fail;
    *out = s;
    return 0;
fail:
    srw_store_close(s);
    return rc;
}

void srw_store_close(srw_store *s)
{
    if (s == NULL)
        return;
    sqlite3_finalize(s->typical_sd);
    sqlite3_finalize(s->outcome_scale);
    srw_store__outcome_loader_free(s->outcome_loader);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}
