/* srw merge: another reviewer's database file into this one, never
 * overwriting (see srw/entry.h).  The other file is attached read-only
 * after srw_store_open has brought it to the current schema.  Risk of
 * bias of both tools: merge_rob. */
#include "store/entry_internal.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Record value columns compared and copied, in this order. */
#define REC_VALUES                                                                                           \
    "comparison, intervention, comparator, subgroup, exp_events, exp_total, ctl_events, ctl_total,"          \
    " exp_mean, exp_sd, ctl_mean, ctl_sd, estimate, se, source, notes, measured_as"
#define N_REC_VALUES 17

typedef struct merger {
    srw_store *s;
    srw_error *err;
    srw_merge_stats *stats;
    const char *who, *tag, *when;
    sqlite3_stmt *oid, *sid, *find_rec, *add_rec, *find_rob, *add_rob, *find_rob2, *add_rob2, *audit;
} merger;

/* "bob" + "@" + the other file's name without directory: the name a
 * conflicting extraction is kept under. */
static char *conflict_name(const char *reviewer, const char *tag)
{
    size_t n = strlen(reviewer) + strlen(tag) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s@%s", reviewer, tag);
    return p;
}

static int lookup_id(merger *m, sqlite3_stmt *st, sqlite3_int64 *id)
{
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(m->s, m->err, "cannot look up a study or outcome");
    return 0;
}

/* -1: none; 0: one with other values; 1: an identical one. */
static int find_same(merger *m, sqlite3_stmt *find, int *state)
{
    int rc = sqlite3_step(find);
    *state = rc == SQLITE_ROW ? sqlite3_column_int(find, 0) != 0 : -1;
    sqlite3_reset(find);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return srw_store_fail(m->s, m->err, "cannot compare extractions");
    return 0;
}

static int merge_record(merger *m, sqlite3_stmt *src)
{
    const char *use = (const char *)sqlite3_column_text(src, 0);
    const char *outcome = (const char *)sqlite3_column_text(src, 1);
    const char *study = (const char *)sqlite3_column_text(src, 2);
    const char *reviewer = (const char *)sqlite3_column_text(src, 3);
    const char *kind = (const char *)sqlite3_column_text(src, 4);
    sqlite3_int64 oid, sid;
    int rc, state;
    srw_bind_text(m->oid, 1, use);
    srw_bind_text(m->oid, 2, outcome);
    srw_bind_text(m->sid, 1, study);
    if ((rc = lookup_id(m, m->oid, &oid)) != 0 || (rc = lookup_id(m, m->sid, &sid)) != 0)
        return rc;
    if (oid < 0 || sid < 0)
        return SRW_FAIL(m->err, SRW_EDB, "the other file's record of '%s' / '%s' has no outcome or study",
                        study, outcome);
    char *renamed = NULL;
    const char *as = reviewer;
    for (int attempt = 0; attempt < 2; attempt++) {
        sqlite3_bind_int64(m->find_rec, 1, oid);
        sqlite3_bind_int64(m->find_rec, 2, sid);
        srw_bind_text(m->find_rec, 3, as);
        srw_bind_text(m->find_rec, 4, kind);
        for (int i = 0; i < N_REC_VALUES; i++)
            sqlite3_bind_value(m->find_rec, 5 + i, sqlite3_column_value(src, 5 + i));
        if ((rc = find_same(m, m->find_rec, &state)) != 0)
            goto done;
        if (state == 1) {
            m->stats->n_identical++;
            goto done;
        }
        if (state == -1)
            break;
        /* The same reviewer's extraction differs between the files. */
        if (attempt == 1 || strcmp(kind, "adjudicated") == 0) {
            m->stats->n_conflicts++; /* kept as it is here; the other stays in its file */
            goto done;
        }
        if ((renamed = conflict_name(reviewer, m->tag)) == NULL) {
            rc = SRW_FAIL(m->err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        as = renamed;
        m->stats->n_conflicts++;
    }
    sqlite3_stmt *a = m->add_rec;
    sqlite3_bind_int64(a, 1, oid);
    sqlite3_bind_int64(a, 2, sid);
    srw_bind_text(a, 3, as);
    srw_bind_text(a, 4, kind);
    for (int i = 0; i < N_REC_VALUES + 3; i++) /* values, reason, entered_by, entered_at */
        sqlite3_bind_value(a, 5 + i, sqlite3_column_value(src, 5 + i));
    if (renamed) /* entered_by is always the version's reviewer */
        srw_bind_text(a, 5 + N_REC_VALUES + 1, renamed);
    rc = sqlite3_step(a);
    sqlite3_reset(a);
    if (rc != SQLITE_DONE) {
        rc = srw_store_fail(m->s, m->err, "cannot copy a record");
        goto done;
    }
    rc = 0;
    m->stats->n_records++;
    if (renamed) {
        char why[600];
        snprintf(why, sizeof why, "merged from %s: differs from %s's extraction in this file, kept as %s",
                 m->tag, reviewer, renamed);
        srw_audit_row row = {m->when, m->who, "merge", use, outcome, study, renamed, "*", NULL, NULL, why};
        rc = srw_audit_write(m->s, m->audit, &row, m->err);
    }
done:
    free(renamed);
    return rc;
}

/* A risk-of-bias judgement of the other file: RoB 1's (a study's, columns
 * 0-9) or, with the use and outcome in columns 10 and 11, RoB 2's (a
 * result's); the same rules for both. */
static int merge_rob(merger *m, sqlite3_stmt *src)
{
    const char *study = (const char *)sqlite3_column_text(src, 0);
    const char *reviewer = (const char *)sqlite3_column_text(src, 2);
    const char *kind = (const char *)sqlite3_column_text(src, 3);
    int two = sqlite3_column_count(src) > 10;
    sqlite3_stmt *find = two ? m->find_rob2 : m->find_rob, *a = two ? m->add_rob2 : m->add_rob;
    sqlite3_int64 sid, oid = 0;
    int rc, state;
    srw_bind_text(m->sid, 1, study);
    if ((rc = lookup_id(m, m->sid, &sid)) != 0)
        return rc;
    if (two) {
        sqlite3_bind_value(m->oid, 1, sqlite3_column_value(src, 10));
        sqlite3_bind_value(m->oid, 2, sqlite3_column_value(src, 11));
        if ((rc = lookup_id(m, m->oid, &oid)) != 0)
            return rc;
        if (oid < 0 || sid < 0)
            return SRW_FAIL(m->err, SRW_EDB, "the other file's RoB 2 judgement of '%s' / '%s' has no outcome or study",
                            study, (const char *)sqlite3_column_text(src, 11));
    }
    char *renamed = NULL;
    const char *as = reviewer;
    for (int attempt = 0; attempt < 2; attempt++) {
        sqlite3_bind_int64(find, 1, sid);
        sqlite3_bind_value(find, 2, sqlite3_column_value(src, 1));
        srw_bind_text(find, 3, as);
        srw_bind_text(find, 4, kind);
        sqlite3_bind_value(find, 5, sqlite3_column_value(src, 4));
        sqlite3_bind_value(find, 6, sqlite3_column_value(src, 5));
        if (two)
            sqlite3_bind_int64(find, 7, oid);
        if ((rc = find_same(m, find, &state)) != 0)
            goto done;
        if (state == 1)
            goto done;
        if (state == -1)
            break;
        if (attempt == 1 || strcmp(kind, "adjudicated") == 0) {
            m->stats->n_conflicts++;
            goto done;
        }
        if ((renamed = conflict_name(reviewer, m->tag)) == NULL) {
            rc = SRW_FAIL(m->err, SRW_ENOMEM, "out of memory");
            goto done;
        }
        as = renamed;
        m->stats->n_conflicts++;
    }
    sqlite3_bind_int64(a, 1, sid);
    sqlite3_bind_value(a, 2, sqlite3_column_value(src, 1));
    srw_bind_text(a, 3, as);
    srw_bind_text(a, 4, kind);
    for (int i = 0; i < 6; i++) /* judgement, support, source, reason, entered_by, entered_at */
        sqlite3_bind_value(a, 5 + i, sqlite3_column_value(src, 4 + i));
    if (renamed)
        srw_bind_text(a, 9, renamed);
    if (two)
        sqlite3_bind_int64(a, 11, oid);
    rc = sqlite3_step(a);
    sqlite3_reset(a);
    rc = rc == SQLITE_DONE ? 0 : srw_store_fail(m->s, m->err, "cannot copy a risk-of-bias judgement");
    if (rc == 0)
        *(two ? &m->stats->n_rob2 : &m->stats->n_rob) += 1;
done:
    free(renamed);
    return rc;
}

/* Walk a query over the other file, calling fn per row. */
static int each_row(merger *m, const char *sql, int (*fn)(merger *, sqlite3_stmt *))
{
    sqlite3_stmt *st = NULL;
    int rc = srw_store_prepare(m->s, &st, sql, m->err), step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(m, st);
    if (rc == 0 && step != SQLITE_DONE)
        rc = srw_store_fail(m->s, m->err, "cannot read the other review database");
    sqlite3_finalize(st);
    return rc;
}

static int exec_count(merger *m, const char *sql, size_t *count)
{
    int rc = srw_store_exec(m->s, sql, m->err);
    if (rc == 0 && count)
        *count += (size_t)sqlite3_changes(m->s->db);
    return rc;
}

static int merge_all(merger *m)
{
    int rc;
    srw_merge_fill fill = {m->when, m->who, m->tag, m->audit};
    /* An outcome has one type and one direction in both files. */
    if ((rc = srw_store__merge_check(m->s, m->err)) != 0 ||
        (rc = srw_store__merge_copied(m->s, &fill, m->stats, m->err)) != 0)
        return rc;
    if ((rc = exec_count(
             m,
             "INSERT INTO uses (name, description, primary_outcome, mid, mid_measure, mid_source, notes, source,"
             " entered_by, entered_at, primary_source, large, large_source, search_date) SELECT name,"
             " description, primary_outcome, mid, mid_measure, mid_source, notes, source, entered_by, entered_at,"
             " primary_source, large, large_source, search_date FROM other.uses ou"
             " WHERE NOT EXISTS (SELECT 1 FROM uses u WHERE u.name = ou.name) ORDER BY ou.id",
             NULL)) != 0 ||
        (rc = exec_count(
             m,
             "INSERT INTO outcomes (use_id, name, type, direction, unit, mid, mid_source, measure,"
             " indirectness, indirectness_reason, entered_by, entered_at, scale_min, scale_max, indirectness_source)"
             " SELECT u.id, oo.name, oo.type,"
             " oo.direction, oo.unit, oo.mid, oo.mid_source, oo.measure, oo.indirectness,"
             " oo.indirectness_reason, oo.entered_by, oo.entered_at, oo.scale_min, oo.scale_max, oo.indirectness_source"
             " FROM other.outcomes oo"
             " JOIN other.uses ou ON ou.id = oo.use_id JOIN uses u ON u.name = ou.name"
             " WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.use_id = u.id AND o.name = oo.name)"
             " ORDER BY oo.id",
             NULL)) != 0 ||
        (rc = exec_count(
             m,
             "INSERT INTO studies (label, year, source, entered_by, entered_at, randomised) SELECT os.label,"
             " os.year, os.source, coalesce(os.entered_by, ob.who), coalesce(os.entered_at, ob.at),"
             " os.randomised FROM other.studies os LEFT JOIN other.audit ob ON ob.id = os.audit_id"
             " WHERE NOT EXISTS (SELECT 1 FROM studies s WHERE s.label = os.label) ORDER BY os.id",
             NULL)) != 0 ||
        /* Settings this file lacks; those it holds otherwise are listed. */
        (rc = srw_store__merge_settings(m->s, &fill, m->stats, m->err)) != 0 ||
        (rc = exec_count(
             m,
             "INSERT INTO published (use_id, outcome, review, version, search_date, measure, model,"
             " method, estimate, ci_lower, ci_upper, decimals, trials, participants, certainty, direction,"
             " source, notes, entered_by, entered_at, pooled_trials, scope) SELECT u.id, p.outcome, p.review,"
             " p.version, p.search_date, p.measure, p.model, p.method, p.estimate, p.ci_lower, p.ci_upper,"
             " p.decimals, p.trials, p.participants, p.certainty, p.direction, p.source, p.notes,"
             " p.entered_by, p.entered_at, p.pooled_trials, p.scope FROM other.published p JOIN other.uses ou ON ou.id = p.use_id"
             " JOIN uses u ON u.name = ou.name WHERE NOT EXISTS (SELECT 1 FROM published x"
             " WHERE x.use_id = u.id AND x.outcome = p.outcome AND x.review = p.review"
             " AND x.measure = p.measure) ORDER BY p.id",
             NULL)) != 0 ||
        /* Claims this file lacks (by use and words); one both hold with other
         * details is listed by the settings' check (merge_settings.c). */
        (rc = exec_count(
             m,
             "INSERT INTO claims (use_id, claim, asserts, outcome, source, notes, entered_by, entered_at)"
             " SELECT u.id, c.claim, c.asserts, c.outcome, c.source, c.notes, c.entered_by, c.entered_at"
             " FROM other.claims c JOIN other.uses ou ON ou.id = c.use_id JOIN uses u ON u.name = ou.name"
             " WHERE NOT EXISTS (SELECT 1 FROM claims x WHERE x.use_id = u.id AND x.claim = c.claim) ORDER BY c.id",
             NULL)) != 0)
        return rc;
    /* The other file's trail first, so that what it says happened there
     * precedes this merge's own entries. */
    if ((rc = exec_count(
             m,
             "INSERT INTO audit (at, who, action, use, outcome, study, reviewer, field, old_value,"
             " new_value, reason) SELECT at, who, action, use, outcome, study, reviewer, field,"
             " old_value, new_value, reason FROM other.audit_trail oa WHERE NOT EXISTS (SELECT 1 FROM audit_trail a"
             " WHERE a.at IS oa.at AND a.who IS oa.who AND a.action IS oa.action AND a.use IS oa.use"
             " AND a.outcome IS oa.outcome AND a.study IS oa.study AND a.reviewer IS oa.reviewer"
             " AND a.field IS oa.field AND a.old_value IS oa.old_value AND a.new_value IS oa.new_value"
             " AND a.reason IS oa.reason) ORDER BY oa.seq, oa.sub",
             &m->stats->n_audit)) != 0)
        return rc;
    if ((rc = each_row(
             m,
             "SELECT ou.name, oo.name, os.label, r.reviewer, r.kind, r.comparison, r.intervention,"
             " r.comparator, r.subgroup, r.exp_events, r.exp_total, r.ctl_events, r.ctl_total, r.exp_mean,"
             " r.exp_sd, r.ctl_mean, r.ctl_sd, r.estimate, r.se, r.source, r.notes, r.measured_as, r.reason,"
             " coalesce(r.entered_by, ob.who), coalesce(r.entered_at, ob.at) FROM other.records r"
             " JOIN other.outcomes oo ON oo.id = r.outcome_id JOIN other.uses ou ON ou.id = oo.use_id"
             " JOIN other.studies os ON os.id = r.study_id LEFT JOIN other.audit ob ON ob.id = r.audit_id"
             " ORDER BY r.id",
             merge_record)) != 0)
        return rc;
    if ((rc = each_row(
             m,
             "SELECT os.label, b.domain, b.reviewer, b.kind, b.judgement, b.support, b.source, b.reason,"
             " b.entered_by, b.entered_at FROM other.rob b JOIN other.studies os ON os.id = b.study_id"
             " ORDER BY b.id",
             merge_rob)) != 0 ||
        (rc = each_row(
             m,
             "SELECT os.label, b.domain, b.reviewer, b.kind, b.judgement, b.support, NULL, b.reason,"
             " b.entered_by, b.entered_at, ou.name, oo.name FROM other.rob2 b"
             " JOIN other.studies os ON os.id = b.study_id JOIN other.outcomes oo ON oo.id = b.outcome_id"
             " JOIN other.uses ou ON ou.id = oo.use_id ORDER BY b.id",
             merge_rob)) != 0)
        return rc;
    if ((rc = srw_store__merge_names_check(m->s, m->err)) != 0 ||
        (rc = srw_store__merge_trials_check(m->s, m->err)) != 0)
        return rc;
    return srw_store__merge_published_check(m->s, m->err);
}

static int merge_from(srw_store *s, char **copy_left, const char *other_path, const char *who,
                      srw_merge_stats *stats, srw_error *err);

/* The copy copy_of_other made, its journal files and its directory;
 * returns NULL (the copy's name is freed). */
static char *remove_copy(char *copy)
{
    if (copy == NULL)
        return NULL;
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[PATH_MAX + 16];
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", copy, suffix[i]);
        unlink(p);
    }
    *strrchr(copy, '/') = '\0';
    rmdir(copy);
    free(copy);
    return NULL;
}

/* The copies of merges killed before they could remove theirs: folders
 * srw-merge-PID-XXXXXX in tmp whose process is gone. */
static void remove_stale_copies(const char *tmp)
{
    DIR *d = opendir(tmp);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        long pid = 0;
        char rest[16];
        if (sscanf(e->d_name, "srw-merge-%ld-%15s", &pid, rest) != 2 || pid <= 0 || strlen(rest) != 6 ||
            pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s/other.db", tmp, e->d_name);
        char *copy = strdup(p);
        if (copy != NULL)
            remove_copy(copy);
    }
    if (d != NULL)
        closedir(d);
}

/* The schema version of the file db has open; -1 when it is not a
 * database srw can read. */
static int version_of(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* What the merge reads: a copy of the other file (*copy, in a directory
 * of its own under $TMPDIR, made from a read-only connection) brought to
 * this schema, so that a merge, refused or not, leaves the other file as
 * it was.  Opened with srw_store_open it would be migrated and switched to
 * WAL; attached as it is, a WAL it was left with would be checkpointed
 * into it when the merge ends. */
static int copy_of_other(const char *other_path, char **copy, srw_error *err)
{
    *copy = NULL;
    struct stat st;
    if (stat(other_path, &st) != 0)
        return SRW_FAIL(err, SRW_ENOTFOUND, "no review database at %s", other_path);
    sqlite3 *db = NULL;
    int v = sqlite3_open_v2(other_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK ? version_of(db) : -1;
    int rc = 0;
    if (v < 0)
        rc = SRW_FAIL(err, SRW_EDB, "%s is not an srw review database", other_path);
    else if (v > SRW_SCHEMA_VERSION)
        rc = SRW_FAIL(err, SRW_EDB, "%s has schema version %d, newer than this srw understands (%d): upgrade srw",
                      other_path, v, SRW_SCHEMA_VERSION);
    const char *tmp = getenv("TMPDIR");
    tmp = tmp && tmp[0] ? tmp : "/tmp";
    remove_stale_copies(tmp);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/srw-merge-%ld-XXXXXX", tmp, (long)getpid());
    if (rc == 0 && mkdtemp(dir) == NULL)
        rc = SRW_FAIL(err, SRW_EIO, "cannot make a directory for a copy of %s (in %s)", other_path, dir);
    size_t n = strlen(dir) + 16;
    if (rc == 0 && (*copy = malloc(n)) == NULL) {
        rmdir(dir);
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    if (rc == 0) {
        snprintf(*copy, n, "%s/other.db", dir);
        sqlite3_stmt *vac = NULL;
        if (sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &vac, NULL) != SQLITE_OK ||
            sqlite3_bind_text(vac, 1, *copy, -1, SQLITE_STATIC) != SQLITE_OK || sqlite3_step(vac) != SQLITE_DONE)
            rc = SRW_FAIL(err, SRW_EDB, "cannot copy %s to bring it to this schema: %s", other_path,
                          sqlite3_errmsg(db));
        sqlite3_finalize(vac);
    }
    sqlite3_close(db);
    srw_store *o = NULL;
    if (rc == 0 && v < SRW_SCHEMA_VERSION)
        rc = srw_store_open(&o, *copy, 0, err);
    srw_store_close(o);
    /* A rollback-journal file needs nothing beside it to be read, so that
     * once attached it can go (merge_from removes it at once). */
    if (rc == 0 && (sqlite3_open(*copy, &db) != SQLITE_OK ||
                    sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK))
        rc = SRW_FAIL(err, SRW_EDB, "cannot prepare a copy of %s: %s", other_path, sqlite3_errmsg(db));
    if (db != NULL)
        sqlite3_close(db);
    if (rc != 0) {
        remove_copy(*copy);
        *copy = NULL;
    }
    return rc;
}

int srw_store_merge(srw_store *s, const char *other_path, const char *who, srw_merge_stats *stats,
                    srw_error *err)
{
    memset(stats, 0, sizeof *stats);
    struct stat a, b;
    if (stat(s->path, &a) == 0 && stat(other_path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return SRW_FAIL(err, SRW_EUSAGE, "%s is this review database itself: nothing to merge", other_path);
    char *copy = NULL;
    int rc = copy_of_other(other_path, &copy, err);
    if (rc)
        return rc;
    rc = merge_from(s, &copy, other_path, who, stats, err);
    remove_copy(copy); /* when merge_from could not attach it */
    return rc;
}

static int merge_from(srw_store *s, char **copy_left, const char *other_path, const char *who,
                      srw_merge_stats *stats, srw_error *err)
{
    const char *attach_path = *copy_left;
    int rc;
    merger m;
    memset(&m, 0, sizeof m);
    m.s = s;
    m.err = err;
    m.stats = stats;
    m.who = who;
    char when[32];
    srw_utc_now(when, sizeof when);
    m.when = when;
    const char *base = strrchr(other_path, '/');
    m.tag = base ? base + 1 : other_path;
    sqlite3_stmt *att = NULL;
    if ((rc = srw_store_prepare(s, &att, "ATTACH DATABASE ?1 AS other", err)) != 0)
        return rc;
    srw_bind_text(att, 1, attach_path);
    rc = sqlite3_step(att);
    sqlite3_finalize(att);
    if (rc != SQLITE_DONE)
        return srw_store_fail(s, err, "cannot open the other review database");
    /* Attached, the copy is read through its open file: its name can go
     * now, so that a merge killed from here on leaves nothing behind. */
    *copy_left = remove_copy(*copy_left);
    if ((rc = srw_store_exec(s, "BEGIN IMMEDIATE", err)) != 0)
        goto detach;
    sqlite3_int64 changes_before = sqlite3_total_changes64(s->db);
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        {&m.oid, "SELECT o.id FROM main.outcomes o JOIN main.uses u ON u.id = o.use_id WHERE u.name = ?1 AND "
                 "o.name = ?2"},
        {&m.sid, "SELECT id FROM main.studies WHERE label = ?1"},
        {&m.find_rec, "SELECT comparison IS ?5 AND intervention IS ?6 AND comparator IS ?7 AND subgroup IS ?8"
                      " AND exp_events IS ?9 AND exp_total IS ?10 AND ctl_events IS ?11 AND ctl_total IS ?12"
                      " AND exp_mean IS ?13 AND exp_sd IS ?14 AND ctl_mean IS ?15 AND ctl_sd IS ?16"
                      " AND estimate IS ?17 AND se IS ?18 AND source IS ?19 AND notes IS ?20 AND measured_as IS ?21"
                      " FROM main.records WHERE outcome_id = ?1 AND study_id = ?2 AND kind = ?4"
                      " AND (kind = 'adjudicated' OR reviewer = ?3)"},
        {&m.add_rec,
         "INSERT INTO main.records (outcome_id, study_id, reviewer, kind, " REC_VALUES ", reason,"
         " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
         " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"},
        /* The support is part of a judgement: another text is another
         * version (a conflict), as another number is in a record. */
        {&m.find_rob, "SELECT judgement IS ?5 AND support IS ?6 FROM main.rob WHERE study_id = ?1 AND domain = ?2"
                      " AND kind = ?4 AND (kind = 'adjudicated' OR reviewer = ?3)"},
        {&m.add_rob,
         "INSERT INTO main.rob (study_id, domain, reviewer, kind, judgement, support, source, reason,"
         " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
        /* RoB 2: the same parameters, the result's outcome as ?7 (find) and
         * ?11 (add; RoB 2 has no source, ?7). */
        {&m.find_rob2, "SELECT judgement IS ?5 AND support IS ?6 FROM main.rob2 WHERE study_id = ?1 AND domain = ?2"
                       " AND kind = ?4 AND (kind = 'adjudicated' OR reviewer = ?3) AND outcome_id = ?7"},
        {&m.add_rob2,
         "INSERT INTO main.rob2 (study_id, domain, reviewer, kind, judgement, support, reason, entered_by,"
         " entered_at, outcome_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?10, ?11)"},
    };
    for (size_t i = 0; rc == 0 && i < sizeof q / sizeof q[0]; i++)
        rc = srw_store_prepare(s, q[i].st, q[i].sql, err);
    if (rc == 0)
        rc = srw_audit_prepare(s, &m.audit, err);
    if (rc == 0)
        rc = merge_all(&m);
    /* A merge that brought nothing writes nothing, not even its entry. */
    if (rc == 0 && sqlite3_total_changes64(s->db) != changes_before) {
        char what[400], rob2[64] = "";
        if (stats->n_rob2 > 0)
            snprintf(rob2, sizeof rob2, ", %zu RoB 2 judgements", stats->n_rob2);
        snprintf(what, sizeof what,
                 "%zu records, %zu risk-of-bias judgements%s, %zu trail entries copied; %zu identical, %zu "
                 "conflicts",
                 stats->n_records, stats->n_rob, rob2, stats->n_audit, stats->n_identical, stats->n_conflicts);
        srw_audit_row row = {when, who, "merge", NULL, NULL, NULL, NULL, NULL, NULL, what, other_path};
        rc = srw_audit_write(s, m.audit, &row, err);
    }
    sqlite3_stmt *all[] = {m.oid, m.sid, m.find_rec, m.add_rec, m.find_rob, m.add_rob, m.find_rob2, m.add_rob2, m.audit};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    if (rc == 0)
        rc = srw_store_exec(s, "COMMIT", err);
    if (rc != 0)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
detach:
    sqlite3_exec(s->db, "DETACH DATABASE other", NULL, NULL, NULL);
    return rc;
}
