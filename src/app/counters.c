/* counters.c - see counters.h.
 *
 * Journal: WAL with synchronous=NORMAL.  The kiosk may lose power at any
 * moment; SQLite keeps a WAL database consistent through that (a commit is
 * whole or absent), and with NORMAL a commit is one append to the -wal file
 * with no fsync, while the rollback journal needs synchronous=FULL (several
 * fsyncs per tap, tens of milliseconds on an SD card, in the UI thread) to be
 * just as safe.  What power loss can cost us is the last few taps since the
 * last checkpoint: acceptable for statistics, and far cheaper than stalling
 * the screen or wearing the card out.  See https://sqlite.org/wal.html.
 *
 * A write never waits more than BUSY_TIMEOUT_MS for a lock.  Taps that could
 * not be written wait in a small in-memory table and go with the next write;
 * after an error that a fresh connection may cure (a read-only file, which
 * SQLite opens read-only for good) the connection is reopened on the next
 * try.  SQLite gives the -wal and -shm files the mode of the database file,
 * so whoever makes a read-only counters file writable again must chmod those
 * too. */
#include "counters.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "language_code.h"
#include "log.h"

enum {
    BUSY_TIMEOUT_MS = 40,
    PENDING_MAX = 256,
    SCREEN_MAX = 32,
    DAY_LENGTH = 10, /* YYYY-MM-DD */
    WARNING_INTERVAL_S = 600,
};

static const char schema_version[] = "1"; /* also in `schema` below */

/* WITHOUT ROWID: the table keeps no insertion order, so not even the order
 * in which screens were first shown on a day can be read back. */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS counts(day TEXT NOT NULL, screen TEXT NOT NULL,"
    "  language TEXT NOT NULL, count INTEGER NOT NULL CHECK (count >= 0),"
    "  PRIMARY KEY (day, screen, language)) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');";

typedef struct pending_count {
    char day[DAY_LENGTH + 1];
    char screen[SCREEN_MAX + 1];
    char language[LANGUAGE_CODE_MAX + 1];
    long count;
} pending_count;

struct counters {
    sqlite3 *db; /* NULL after an error that a new connection may cure */
    char *path;
    pending_count pending[PENDING_MAX];
    int pending_used;
    long dropped;            /* taps lost because the pending table was full */
    bool failing;            /* the last write failed */
    time_t last_warning;     /* `now` of the last failure logged */
    long unlogged_failures;  /* failed writes since that line */
    long failures_in_streak; /* failed writes since the last success */
};

/* ---- ids ----------------------------------------------------------------- */

static bool is_lower(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool screen_is_valid(const char *screen)
{
    if (!screen || !is_lower(screen[0]))
        return false;
    size_t length = 0;
    for (const char *p = screen; *p; p++, length++)
        if (length >= SCREEN_MAX || !(is_lower(*p) || is_digit(*p) || *p == '-' || *p == '_'))
            return false;
    return true;
}

static bool day_is_valid(const char *day)
{
    static const char pattern[] = "dddd-dd-dd";
    for (size_t i = 0; i < DAY_LENGTH; i++) {
        if (day[i] == '\0')
            return false;
        if (pattern[i] == 'd' ? !is_digit(day[i]) : day[i] != pattern[i])
            return false;
    }
    return day[DAY_LENGTH] == '\0';
}

/* ---- connection ------------------------------------------------------------ */

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* The tables of the file: which of ours exist, and whether there are others. */
static int read_tables(sqlite3 *db, bool *has_meta, bool *has_counts, bool *has_other)
{
    *has_meta = *has_counts = *has_other = false;
    sqlite3_stmt *statement;
    int rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1,
                                &statement, NULL);
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(statement, 0);
        if (name && strcmp(name, "meta") == 0)
            *has_meta = true;
        else if (name && strcmp(name, "counts") == 0)
            *has_counts = true;
        else
            *has_other = true;
    }
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLITE_OK when meta says our schema version; `why` says what else. */
static int check_version(sqlite3 *db, char *why, size_t why_size)
{
    sqlite3_stmt *statement;
    int rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'", -1,
                                &statement, NULL);
    if (rc != SQLITE_OK) {
        snprintf(why, why_size, "%s", sqlite3_errmsg(db));
        return rc;
    }
    rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        const char *value = (const char *)sqlite3_column_text(statement, 0);
        if (value && strcmp(value, schema_version) == 0)
            rc = SQLITE_OK;
        else {
            snprintf(why, why_size, "schema version %.20s, expected %s", value ? value : "(null)",
                     schema_version);
            rc = SQLITE_MISMATCH;
        }
    } else if (rc == SQLITE_DONE) {
        snprintf(why, why_size, "no schema version");
        rc = SQLITE_MISMATCH;
    } else
        snprintf(why, why_size, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return rc;
}

/* Opens `path` as a counters file: SQLITE_OK and *out set, or an error code
 * and `why`.  Logs nothing: the callers decide how often to tell. */
static int connect(const char *path, sqlite3 **out, char *why, size_t why_size)
{
    *out = NULL;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(why, why_size, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    bool has_meta, has_counts, has_other;
    rc = read_tables(db, &has_meta, &has_counts, &has_other);
    if (rc != SQLITE_OK)
        snprintf(why, why_size, "%s", sqlite3_errmsg(db));
    else if (has_other || has_meta != has_counts) {
        /* Never write into someone else's database (a wrong path in the
         * configuration must not touch the catalogue). */
        snprintf(why, why_size, "not a counters file (it has other tables)");
        rc = SQLITE_MISMATCH;
    } else if (!has_meta) {
        rc = exec(db, "BEGIN IMMEDIATE");
        if (rc == SQLITE_OK)
            rc = exec(db, schema);
        if (rc == SQLITE_OK)
            rc = exec(db, "COMMIT");
        if (rc != SQLITE_OK) {
            snprintf(why, why_size, "cannot create the tables: %s", sqlite3_errmsg(db));
            if (!sqlite3_get_autocommit(db))
                exec(db, "ROLLBACK");
        }
    } else
        rc = check_version(db, why, why_size);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return rc;
    }
    /* Both only fail on a read-only file, where they do not matter. */
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = NORMAL");
    *out = db;
    return SQLITE_OK;
}

static void disconnect(counters *c)
{
    if (c->db && sqlite3_close(c->db) != SQLITE_OK)
        log_message(LOG_WARNING, "counters", "%s: closing: %s", c->path, sqlite3_errmsg(c->db));
    c->db = NULL;
}

/* ---- writing ---------------------------------------------------------------- */

/* Writes every pending count in one transaction.  SQLITE_OK and an empty
 * table, or an error code and `why` with the table kept. */
static int write_pending(counters *c, char *why, size_t why_size)
{
    if (c->db && sqlite3_db_readonly(c->db, "main") == 1)
        disconnect(c); /* the file may have become writable since */
    if (!c->db) {
        int rc = connect(c->path, &c->db, why, why_size);
        if (rc != SQLITE_OK)
            return rc;
    }
    sqlite3 *db = c->db;
    sqlite3_stmt *statement = NULL;
    int rc = exec(db, "BEGIN IMMEDIATE");
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            db,
            "INSERT INTO counts(day, screen, language, count) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(day, screen, language)"
            " DO UPDATE SET count = count + excluded.count",
            -1, &statement, NULL);
    for (int i = 0; rc == SQLITE_OK && i < c->pending_used; i++) {
        const pending_count *p = &c->pending[i];
        sqlite3_bind_text(statement, 1, p->day, -1, SQLITE_STATIC);
        sqlite3_bind_text(statement, 2, p->screen, -1, SQLITE_STATIC);
        sqlite3_bind_text(statement, 3, p->language, -1, SQLITE_STATIC);
        sqlite3_bind_int64(statement, 4, p->count);
        rc = sqlite3_step(statement);
        rc = rc == SQLITE_DONE ? sqlite3_reset(statement) : rc;
    }
    sqlite3_finalize(statement);
    if (rc == SQLITE_OK)
        rc = exec(db, "COMMIT");
    if (rc == SQLITE_OK) {
        c->pending_used = 0;
        return SQLITE_OK;
    }
    snprintf(why, why_size, "%s", sqlite3_errmsg(db));
    if (!sqlite3_get_autocommit(db))
        exec(db, "ROLLBACK");
    int primary = rc & 0xff;
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN)
        disconnect(c);
    return rc;
}

/* One tap into the pending table; false when it is full. */
static bool add_pending(counters *c, const char *day, const char *screen, const char *language)
{
    for (int i = 0; i < c->pending_used; i++) {
        pending_count *p = &c->pending[i];
        if (strcmp(p->day, day) == 0 && strcmp(p->screen, screen) == 0 &&
            strcmp(p->language, language) == 0) {
            p->count++;
            return true;
        }
    }
    if (c->pending_used == PENDING_MAX)
        return false;
    pending_count *p = &c->pending[c->pending_used++];
    memcpy(p->day, day, sizeof p->day);
    snprintf(p->screen, sizeof p->screen, "%s", screen);
    snprintf(p->language, sizeof p->language, "%s", language);
    p->count = 1;
    return true;
}

static long pending_taps(const counters *c)
{
    long taps = 0;
    for (int i = 0; i < c->pending_used; i++)
        taps += c->pending[i].count;
    return taps;
}

/* A failed write: one line on the first failure, then at most one every
 * WARNING_INTERVAL_S seconds of `now`, so a full disk does not turn every
 * tap into a log line. */
static void report_failure(counters *c, const char *why, time_t now)
{
    c->failures_in_streak++;
    bool due = !c->failing || now < c->last_warning || now - c->last_warning >= WARNING_INTERVAL_S;
    c->failing = true;
    if (!due) {
        c->unlogged_failures++;
        return;
    }
    log_message(LOG_WARNING, "counters",
                "%s: cannot save counts: %s; %ld taps wait in memory, %ld dropped"
                " (%ld more failures not logged); will retry",
                c->path, why, pending_taps(c), c->dropped, c->unlogged_failures);
    c->last_warning = now;
    c->unlogged_failures = 0;
}

static void report_success(counters *c)
{
    if (!c->failing)
        return;
    log_message(LOG_INFO, "counters",
                "%s: counts saved again after %ld failed writes (%ld taps were dropped)", c->path,
                c->failures_in_streak, c->dropped);
    c->failing = false;
    c->failures_in_streak = 0;
    c->unlogged_failures = 0;
    c->dropped = 0;
}

/* ---- public ------------------------------------------------------------------ */

counters *counters_open(const char *path)
{
    if (!path || !*path) {
        log_message(LOG_ERROR, "counters", "no file name for the counters: not counting");
        return NULL;
    }
    counters *c = calloc(1, sizeof *c);
    char *copy = malloc(strlen(path) + 1);
    if (!c || !copy) {
        log_message(LOG_ERROR, "counters", "%s: out of memory: not counting", path);
        free(c);
        free(copy);
        return NULL;
    }
    strcpy(copy, path);
    c->path = copy;
    tzset(); /* localtime_r need not do it (POSIX) */
    char why[256];
    if (connect(path, &c->db, why, sizeof why) != SQLITE_OK) {
        log_message(LOG_ERROR, "counters", "%s: %s: not counting", path, why);
        free(c->path);
        free(c);
        return NULL;
    }
    if (sqlite3_db_readonly(c->db, "main") == 1)
        log_message(LOG_WARNING, "counters",
                    "%s: the file is read-only: counts wait in memory until it can be written",
                    path);
    return c;
}

void counters_add(counters *c, const char *screen, const char *language, time_t now)
{
    if (!c)
        return;
    if (!screen_is_valid(screen) || !language_code_is_valid(language)) {
        log_message(LOG_WARNING, "counters",
                    "not counted: \"%.40s\" / \"%.10s\" is not a screen id"
                    " and a language code",
                    screen ? screen : "(null)", language ? language : "(null)");
        return;
    }
    struct tm local;
    char day[DAY_LENGTH + 1];
    if (!localtime_r(&now, &local) || strftime(day, sizeof day, "%Y-%m-%d", &local) != DAY_LENGTH ||
        !day_is_valid(day)) {
        log_message(LOG_WARNING, "counters", "not counted: time %lld has no local day",
                    (long long)now);
        return;
    }
    if (!add_pending(c, day, screen, language))
        c->dropped++;
    char why[256];
    if (write_pending(c, why, sizeof why) == SQLITE_OK)
        report_success(c);
    else
        report_failure(c, why, now);
}

void counters_add_search(counters *c, const char *language, bool found, time_t now)
{
    counters_add(c, COUNTERS_SEARCH, language, now);
    if (!found)
        counters_add(c, COUNTERS_SEARCH_EMPTY, language, now);
}

/* The connection for reading, reopened if an error closed it. */
static sqlite3 *reading_connection(counters *c, const char *what)
{
    char why[256];
    if (!c->db && connect(c->path, &c->db, why, sizeof why) != SQLITE_OK) {
        log_message(LOG_ERROR, "counters", "%s: %s: %s", c->path, what, why);
        return NULL;
    }
    return c->db;
}

/* RFC 4180: a field with a comma, quote or line end goes in quotes.  Ids
 * never need it, but the file may have been edited by hand. */
static void write_csv_field(FILE *out, const char *text, const char *after)
{
    if (!text)
        text = "";
    if (strpbrk(text, ",\"\r\n")) {
        fputc('"', out);
        for (const char *p = text; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else
        fputs(text, out);
    fputs(after, out);
}

int counters_export_csv(counters *c, FILE *out)
{
    if (!c || !out) {
        log_message(LOG_ERROR, "counters", "export: no counters or no output");
        return -1;
    }
    sqlite3 *db = reading_connection(c, "export");
    if (!db)
        return -1;
    sqlite3_stmt *statement;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT day, screen, language, count FROM counts"
                                " ORDER BY day, screen, language",
                                -1, &statement, NULL);
    if (rc != SQLITE_OK) {
        log_message(LOG_ERROR, "counters", "%s: export: %s", c->path, sqlite3_errmsg(db));
        return -1;
    }
    fputs("day,screen,language,count\n", out);
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int column = 0; column < 3; column++)
            write_csv_field(out, (const char *)sqlite3_column_text(statement, column), ",");
        fprintf(out, "%lld\n", (long long)sqlite3_column_int64(statement, 3));
    }
    int result = 0;
    if (rc != SQLITE_DONE) {
        log_message(LOG_ERROR, "counters", "%s: export: %s", c->path, sqlite3_errmsg(db));
        result = -1;
    }
    sqlite3_finalize(statement);
    if (fflush(out) != 0 || ferror(out)) {
        log_message(LOG_ERROR, "counters", "%s: export: cannot write the CSV", c->path);
        result = -1;
    }
    return result;
}

long counters_total(counters *c, const char *day)
{
    if (!c)
        return -1;
    if (day && !day_is_valid(day)) {
        log_message(LOG_WARNING, "counters", "total: \"%.20s\" is not a day YYYY-MM-DD", day);
        return -1;
    }
    sqlite3 *db = reading_connection(c, "total");
    if (!db)
        return -1;
    sqlite3_stmt *statement;
    int rc = sqlite3_prepare_v2(db,
                                day ? "SELECT coalesce(sum(count), 0) FROM counts WHERE day = ?"
                                    : "SELECT coalesce(sum(count), 0) FROM counts",
                                -1, &statement, NULL);
    if (rc == SQLITE_OK && day)
        rc = sqlite3_bind_text(statement, 1, day, -1, SQLITE_STATIC);
    long total = -1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW)
        total = (long)sqlite3_column_int64(statement, 0);
    else
        log_message(LOG_ERROR, "counters", "%s: total: %s", c->path, sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return total;
}

/* The local day of `now` moved by `offset` days, as YYYY-MM-DD (at noon,
 * so that a change of summer time never skips or repeats a day). */
static bool local_day(time_t now, int offset, char day[DAY_LENGTH + 1])
{
    struct tm local;
    if (!localtime_r(&now, &local))
        return false;
    local.tm_mday += offset;
    local.tm_hour = 12;
    local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;
    time_t moved = mktime(&local);
    return moved != (time_t)-1 && localtime_r(&moved, &local) &&
           strftime(day, DAY_LENGTH + 1, "%Y-%m-%d", &local) == DAY_LENGTH && day_is_valid(day);
}

int counters_recent_by_language(counters *c, time_t now, int days, counters_language_count *out,
                                size_t max)
{
    if (!c || (!out && max) || days < 1 || days > 3660)
        return -1;
    char first[DAY_LENGTH + 1], last[DAY_LENGTH + 1];
    if (!local_day(now, 0, last) || !local_day(now, -(days - 1), first)) {
        log_message(LOG_WARNING, "counters", "recent: time %lld has no local day", (long long)now);
        return -1;
    }
    sqlite3 *db = reading_connection(c, "recent");
    if (!db)
        return -1;
    sqlite3_stmt *statement;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT language, sum(count) FROM counts WHERE day BETWEEN ? AND ?"
                                " GROUP BY language ORDER BY 2 DESC, 1",
                                -1, &statement, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(statement, 1, first, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(statement, 2, last, -1, SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        log_message(LOG_ERROR, "counters", "%s: recent: %s", c->path, sqlite3_errmsg(db));
        sqlite3_finalize(statement);
        return -1;
    }
    size_t n = 0;
    while (n < max && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const char *language = (const char *)sqlite3_column_text(statement, 0);
        sqlite3_int64 count = sqlite3_column_int64(statement, 1);
        if (!language_code_is_valid(language) || count <= 0)
            continue;
        snprintf(out[n].language, sizeof out[n].language, "%s", language);
        out[n].count = count > LONG_MAX ? LONG_MAX : (long)count;
        n++;
    }
    if (n < max && rc != SQLITE_DONE) {
        log_message(LOG_ERROR, "counters", "%s: recent: %s", c->path, sqlite3_errmsg(db));
        sqlite3_finalize(statement);
        return -1;
    }
    sqlite3_finalize(statement);
    return (int)n;
}

void counters_close(counters *c)
{
    if (!c)
        return;
    if (c->pending_used > 0) {
        char why[256];
        if (write_pending(c, why, sizeof why) != SQLITE_OK)
            log_message(LOG_WARNING, "counters", "%s: closing: %ld taps could not be saved: %s",
                        c->path, pending_taps(c), why);
    }
    disconnect(c);
    free(c->path);
    free(c);
}
