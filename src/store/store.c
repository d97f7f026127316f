/* Opening the review database, its schema and forward migrations. */
#include "store/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

int srw_store_fail(srw_store *s, srw_error *err, const char *what)
{
    return SRW_FAIL(err, SRW_EDB, "%s: %s (database %s)", what,
                    s && s->db ? sqlite3_errmsg(s->db) : "no database", s && s->path ? s->path : "?");
}

int srw_store_prepare(srw_store *s, sqlite3_stmt **st, const char *sql, srw_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return srw_store_fail(s, err, "cannot prepare a query");
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

int srw_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
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
    int rc = srw_store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    for (size_t i = (size_t)v; i < N_MIGRATIONS; i++) {
        if ((rc = srw_store_exec(s, migrations[i], err)) != 0)
            goto fail;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", (int)N_MIGRATIONS);
    if ((rc = srw_store_exec(s, pragma, err)) != 0 || (rc = srw_store_exec(s, "COMMIT", err)) != 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
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
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = srw_store_fail(s, err, "cannot open the review database");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* Not a database at all (e.g. a CSV given to --db): say so plainly. */
    if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
        rc = SRW_FAIL(err, SRW_EDB, "%s is not an srw review database (%s)", path, sqlite3_errmsg(s->db));
        goto fail;
    }
    if ((rc = srw_store_exec(s, "PRAGMA foreign_keys = ON", err)) != 0)
        goto fail;
    /* WAL: readers (a report) never block the writer (an import). */
    if ((rc = srw_store_exec(s, "PRAGMA journal_mode = WAL", err)) != 0)
        goto fail;
    if ((rc = srw_store_exec(s, "PRAGMA synchronous = NORMAL", err)) != 0)
        goto fail;
    if ((rc = migrate(s, err)) != 0)
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
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}
