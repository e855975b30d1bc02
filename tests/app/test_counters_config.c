/* test_counters_config.c - tests of the usage counters, the site
 * configuration file and the operator PIN (src/app/counters.c,
 * site_config.c, pin.c).  One test per name given as argv[1]; each works in
 * a fresh temporary folder and removes it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "../check.h"
#include "counters.h"
#include "file_read.h"
#include "health.h"
#include "log.h"
#include "pin.h"
#include "site_config.h"

/* ---- helpers ------------------------------------------------------------------ */

enum { CAPTURED_MAX = 64 };

/* What was logged since the last capture_reset(). */
typedef struct captured {
    int count;
    int warnings; /* warnings and errors */
    char lines[CAPTURED_MAX][1100];
} captured;

static captured logged;

static void capture_sink(log_level level, const char *module, const char *message, void *user)
{
    captured *c = user;
    if (level >= LOG_WARNING)
        c->warnings++;
    if (c->count < CAPTURED_MAX)
        snprintf(c->lines[c->count], sizeof c->lines[0], "%s: %s", module, message);
    c->count++;
}

static void capture_reset(void)
{
    memset(&logged, 0, sizeof logged);
}

static bool logged_containing(const char *text)
{
    for (int i = 0; i < logged.count && i < CAPTURED_MAX; i++)
        if (strstr(logged.lines[i], text))
            return true;
    return false;
}

static void print_logged(void)
{
    for (int i = 0; i < logged.count && i < CAPTURED_MAX; i++)
        fprintf(stderr, "  logged: %s\n", logged.lines[i]);
}

/* A fresh folder under `parent` (NULL: $TMPDIR, else /tmp). */
static char *make_folder(const char *parent)
{
    static char folder[4096];
    if (!parent)
        parent = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(folder, sizeof folder, "%s/sportello-app-XXXXXX", parent);
    if (!mkdtemp(folder)) {
        fprintf(stderr, "mkdtemp %s: %s\n", folder, strerror(errno));
        exit(1);
    }
    return folder;
}

/* Removes a folder of plain files (the tests make no subfolders). */
static void remove_folder(const char *folder)
{
    chmod(folder, 0700);
    DIR *dir = opendir(folder);
    if (dir) {
        struct dirent *entry;
        while ((entry = readdir(dir))) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
                continue;
            char path[4400];
            snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
            unlink(path);
        }
        closedir(dir);
    }
    if (rmdir(folder) != 0)
        fprintf(stderr, "cannot remove %s: %s\n", folder, strerror(errno));
}

/* The names in `folder` other than . and .., joined by spaces in sorted order. */
static void list_folder(const char *folder, char *out, size_t size)
{
    struct dirent **entries;
    int n = scandir(folder, &entries, NULL, alphasort);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            if (out[0])
                strncat(out, " ", size - strlen(out) - 1);
            strncat(out, name, size - strlen(out) - 1);
        }
        free(entries[i]);
    }
    if (n >= 0)
        free(entries);
}

static bool write_whole_file(const char *path, const char *text, size_t length)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return false;
    bool ok = fwrite(text, 1, length, file) == length;
    return fclose(file) == 0 && ok;
}

static char *export_csv(counters *c, int *result)
{
    char *text = NULL;
    size_t size = 0;
    FILE *memory = open_memstream(&text, &size);
    *result = counters_export_csv(c, memory);
    fclose(memory);
    return text;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Central European time as a POSIX TZ rule: no tzdata needed. */
static void use_italian_time(void)
{
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
}

/* 2024-06-10 10:00, 2024-06-11 00:30 and 2024-06-11 14:00 in Italy (CEST). */
static const time_t june_10_morning = 1718006400;
static const time_t june_11_after_midnight = 1718058600;
static const time_t june_11_afternoon = 1718107200;

/* ---- counters ----------------------------------------------------------------- */

/* Counters in a new folder (*folder, for remove_folder), their file's path
 * in `path`; NULL, checked and the folder removed, when they cannot be
 * opened. */
static counters *open_fresh_counters(char **folder, char *path, size_t size)
{
    *folder = make_folder(NULL);
    snprintf(path, size, "%s/counters.sqlite", *folder);
    counters *c = counters_open(path);
    CHECK(c != NULL, "counters_open %s", path);
    if (!c)
        remove_folder(*folder);
    return c;
}

static void test_count_and_export(void)
{
    use_italian_time();
    char *folder, path[4200];
    counters *c = open_fresh_counters(&folder, path, sizeof path);
    if (!c)
        return;
    /* Out of order on purpose: the export sorts. */
    counters_add(c, "service", "ar", june_10_morning);
    counters_add(c, "rights-work", "uk", june_11_afternoon);
    counters_add(c, "home", "it", june_10_morning);
    counters_add(c, "home", "it", june_10_morning + 3600);
    counters_add(c, "home", "ar", june_10_morning);
    /* 22:30 UTC on the 10th is already the 11th in Mantova. */
    counters_add(c, "home", "it", june_11_after_midnight);
    const char *expected = "day,screen,language,count\n"
                           "2024-06-10,home,ar,1\n"
                           "2024-06-10,home,it,2\n"
                           "2024-06-10,service,ar,1\n"
                           "2024-06-11,home,it,1\n"
                           "2024-06-11,rights-work,uk,1\n";
    int result;
    char *csv = export_csv(c, &result);
    CHECK(result == 0, "export returned %d", result);
    CHECK(csv && strcmp(csv, expected) == 0, "CSV:\n%s\nexpected:\n%s", csv, expected);
    free(csv);
    CHECK(counters_total(c, NULL) == 6, "total %ld", counters_total(c, NULL));
    CHECK(counters_total(c, "2024-06-10") == 4, "10 June %ld", counters_total(c, "2024-06-10"));
    CHECK(counters_total(c, "2024-06-11") == 2, "11 June %ld", counters_total(c, "2024-06-11"));
    CHECK(counters_total(c, "2024-06-12") == 0, "12 June %ld", counters_total(c, "2024-06-12"));
    CHECK(counters_total(c, "10/06/2024") == -1, "a malformed day is refused");
    counters_close(c);

    /* The counts are in the file, not only in memory. */
    c = counters_open(path);
    CHECK(c != NULL, "reopen %s", path);
    counters_add(c, "home", "ar", june_10_morning);
    csv = export_csv(c, &result);
    const char *after = "day,screen,language,count\n"
                        "2024-06-10,home,ar,2\n"
                        "2024-06-10,home,it,2\n"
                        "2024-06-10,service,ar,1\n"
                        "2024-06-11,home,it,1\n"
                        "2024-06-11,rights-work,uk,1\n";
    CHECK(result == 0 && csv && strcmp(csv, after) == 0, "CSV after reopening:\n%s", csv);
    free(csv);
    counters_close(c);
    remove_folder(folder);
}

/* Searches: how many, and how many found nothing, per language and day;
 * the API takes no query, and the file holds nothing else. */
static void test_count_searches(void)
{
    use_italian_time();
    char *folder, path[4200];
    counters *c = open_fresh_counters(&folder, path, sizeof path);
    if (!c)
        return;
    counters_add_search(c, "ar", true, june_10_morning);
    counters_add_search(c, "ar", false, june_10_morning + 60);
    counters_add_search(c, "ar", false, june_10_morning + 120);
    counters_add_search(c, "zh", true, june_10_morning);
    counters_add_search(c, "it", false, june_11_afternoon);
    counters_add(c, "home", "ar", june_10_morning);
    const char *expected = "day,screen,language,count\n"
                           "2024-06-10,home,ar,1\n"
                           "2024-06-10,search,ar,3\n"
                           "2024-06-10,search,zh,1\n"
                           "2024-06-10,search-empty,ar,2\n"
                           "2024-06-11,search,it,1\n"
                           "2024-06-11,search-empty,it,1\n";
    int result;
    char *csv = export_csv(c, &result);
    CHECK(result == 0 && csv && strcmp(csv, expected) == 0, "CSV:\n%s\nexpected:\n%s", csv,
          expected);
    free(csv);
    counters_close(c);
    remove_folder(folder);
}

/* The operator's chart: screens shown per language over the last 30 days
 * (the day of `now` and the 29 before it, in local time), every screen
 * summed, the most shown first; older and later days, and a language that
 * is not a code (the file edited by hand), are left out. */
static void test_recent_by_language(void)
{
    use_italian_time();
    char *folder, path[4200];
    counters *c = open_fresh_counters(&folder, path, sizeof path);
    if (!c)
        return;
    const time_t day = 24 * 3600, now = june_11_afternoon; /* 2024-06-11 */
    counters_add(c, "home", "ar", now);
    counters_add(c, "service", "ar", now - day);
    counters_add_search(c, "ar", false, now - 2 * day); /* search and search-empty */
    counters_add(c, "home", "uk", now - 29 * day);      /* 13 May: the first of the 30 days */
    counters_add(c, "article", "uk", now - 10 * day);
    counters_add(c, "home", "zh", now);
    counters_add(c, "home", "zh", now - 30 * day); /* 12 May: one day too old */
    counters_add(c, "home", "bn", now - 31 * day); /* older still: not shown at all */
    counters_add(c, "home", "ti", now + day);      /* tomorrow (a clock set back) */
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK, "open %s", path);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO counts VALUES ('2024-06-11', 'home', 'x;1', 5),"
                       " ('2024-06-11', 'home', 'ENG', 7)",
                       NULL, NULL, NULL) == SQLITE_OK,
          "rows edited by hand: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    counters_language_count got[8];
    int n = counters_recent_by_language(c, now, 30, got, 8);
    char listed[256] = "";
    for (int i = 0; i < n; i++)
        snprintf(listed + strlen(listed), sizeof listed - strlen(listed), "%s%s=%ld", i ? " " : "",
                 got[i].language, got[i].count);
    CHECK(n == 3 && strcmp(listed, "ar=4 uk=2 zh=1") == 0, "30 days: %d: %s", n, listed);
    /* One day: today only; a short array takes the most shown. */
    n = counters_recent_by_language(c, now, 1, got, 8);
    CHECK(n == 2 && strcmp(got[0].language, "ar") == 0 && got[0].count == 1 &&
              strcmp(got[1].language, "zh") == 0,
          "today: %d languages", n);
    n = counters_recent_by_language(c, now, 30, got, 1);
    CHECK(n == 1 && strcmp(got[0].language, "ar") == 0, "one slot: %d", n);
    CHECK(counters_recent_by_language(c, now, 0, got, 8) == -1, "0 days refused");
    CHECK(counters_recent_by_language(NULL, now, 30, got, 8) == -1, "no counters");
    counters_close(c);
    remove_folder(folder);
}

/* Every (type, name) of sqlite_master, "type name" joined by ", ". */
static void schema_objects(sqlite3 *db, char *out, size_t size)
{
    out[0] = '\0';
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_master ORDER BY type, name", -1,
                           &statement, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        char item[200];
        snprintf(item, sizeof item, "%s%s %s", out[0] ? ", " : "",
                 (const char *)sqlite3_column_text(statement, 0),
                 (const char *)sqlite3_column_text(statement, 1));
        strncat(out, item, size - strlen(out) - 1);
    }
    sqlite3_finalize(statement);
}

/* The text of every row of `sql`, columns joined by ',' and rows by ';'. */
static void query_rows(sqlite3 *db, const char *sql, char *out, size_t size)
{
    out[0] = '\0';
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK) {
        snprintf(out, size, "error: %s", sqlite3_errmsg(db));
        return;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
        if (out[0])
            strncat(out, ";", size - strlen(out) - 1);
        for (int i = 0; i < sqlite3_column_count(statement); i++) {
            const char *text = (const char *)sqlite3_column_text(statement, i);
            if (i > 0)
                strncat(out, ",", size - strlen(out) - 1);
            strncat(out, text ? text : "NULL", size - strlen(out) - 1);
        }
    }
    sqlite3_finalize(statement);
}

static void test_no_other_table_or_column(void)
{
    use_italian_time();
    char *folder = make_folder(NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/counters.sqlite", folder);
    counters *c = counters_open(path);
    CHECK(c != NULL, "counters_open");
    counters_add(c, "home", "it", june_10_morning);
    counters_add(c, "home", "it", june_10_morning + 60);
    counters_add(c, "service", "fa", june_11_afternoon);
    counters_close(c);

    char names[200];
    list_folder(folder, names, sizeof names);
    CHECK(strcmp(names, "counters.sqlite") == 0, "files left after closing: %s", names);

    sqlite3 *db;
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "open");
    char text[2000];
    /* No index, trigger or view, and no rowid table (no autoindex either). */
    schema_objects(db, text, sizeof text);
    CHECK(strcmp(text, "table counts, table meta") == 0, "schema: %s", text);
    query_rows(db, "SELECT name, type, pk FROM pragma_table_info('counts') ORDER BY cid", text,
               sizeof text);
    CHECK(strcmp(text, "day,TEXT,1;screen,TEXT,2;language,TEXT,3;count,INTEGER,0") == 0,
          "counts columns: %s", text);
    query_rows(db, "SELECT name FROM pragma_table_info('meta') ORDER BY cid", text, sizeof text);
    CHECK(strcmp(text, "key;value") == 0, "meta columns: %s", text);
    query_rows(db, "SELECT key, value FROM meta", text, sizeof text);
    CHECK(strcmp(text, "schema_version,1") == 0, "meta rows: %s", text);
    query_rows(db, "SELECT * FROM counts", text, sizeof text);
    CHECK(strcmp(text, "2024-06-10,home,it,2;2024-06-11,service,fa,1") == 0, "counts: %s", text);
    /* WITHOUT ROWID: there is no insertion order to read back. */
    query_rows(db, "SELECT rowid FROM counts", text, sizeof text);
    CHECK(strncmp(text, "error:", 6) == 0, "counts has a rowid: %s", text);
    sqlite3_close(db);
    remove_folder(folder);
}

static void test_refuse_foreign_file(void)
{
    char *folder = make_folder(NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/other.sqlite", folder);
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK, "create");
    CHECK(sqlite3_exec(db, "CREATE TABLE services(id TEXT); INSERT INTO services VALUES ('x')",
                       NULL, NULL, NULL) == SQLITE_OK,
          "fill");
    sqlite3_close(db);
    capture_reset();
    counters *c = counters_open(path);
    CHECK(c == NULL, "a database with other tables is refused");
    CHECK(logged.count == 1 && logged_containing("not a counters file"), "one log line");
    print_logged();
    counters_close(c);
    sqlite3_open(path, &db);
    char text[400];
    schema_objects(db, text, sizeof text);
    CHECK(strcmp(text, "table services") == 0, "the file was changed: %s", text);
    query_rows(db, "PRAGMA journal_mode", text, sizeof text);
    CHECK(strcmp(text, "delete") == 0, "its journal mode was changed: %s", text);
    sqlite3_close(db);

    /* A newer schema version is not ours either. */
    snprintf(path, sizeof path, "%s/newer.sqlite", folder);
    c = counters_open(path);
    counters_close(c);
    sqlite3_open(path, &db);
    sqlite3_exec(db, "UPDATE meta SET value = '2'", NULL, NULL, NULL);
    sqlite3_close(db);
    capture_reset();
    CHECK(counters_open(path) == NULL, "schema version 2 is refused");
    CHECK(logged_containing("schema version 2"), "the version is named");

    /* Nor is a file that is no database at all. */
    snprintf(path, sizeof path, "%s/text.sqlite", folder);
    const char *text_file = "day,screen,language,count\n2024-06-10,home,it,1\n";
    write_whole_file(path, text_file, strlen(text_file));
    capture_reset();
    CHECK(counters_open(path) == NULL, "a text file is refused");
    CHECK(logged.count == 1, "one log line, %d", logged.count);
    char *after = file_read_all(path, &(size_t){0});
    CHECK(after && strcmp(after, text_file) == 0, "the text file was changed");
    free(after);
    remove_folder(folder);
}

static void test_reject_non_ids(void)
{
    use_italian_time();
    char *folder = make_folder(NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/counters.sqlite", folder);
    counters *c = counters_open(path);
    CHECK(c != NULL, "counters_open");
    const char *bad_screens[] = {"",
                                 "Home",
                                 "home page",
                                 "home;drop table counts",
                                 "1home",
                                 "home\n",
                                 "caf\xC3\xA9",
                                 "-home",
                                 "home.list",
                                 "abcdefghijklmnopqrstuvwxyz0123456" /* 33 */,
                                 NULL};
    const char *bad_languages[] = {"", "e", "english", "EN", "a1", "zh-hant", "ar ", NULL};
    size_t screens = sizeof bad_screens / sizeof bad_screens[0];
    size_t languages = sizeof bad_languages / sizeof bad_languages[0];
    capture_reset();
    for (size_t i = 0; i < screens; i++)
        counters_add(c, bad_screens[i], "it", june_10_morning);
    for (size_t i = 0; i < languages; i++)
        counters_add(c, "home", bad_languages[i], june_10_morning);
    CHECK(logged.warnings == (int)(screens + languages), "%d warnings for %zu bad ids",
          logged.warnings, screens + languages);
    CHECK(counters_total(c, NULL) == 0, "bad ids were counted: %ld", counters_total(c, NULL));
    capture_reset();
    counters_add(c, "abcdefghijklmnopqrstuvwxyz012345" /* 32 */, "it", june_10_morning);
    counters_add(c, "service_2", "und", june_10_morning);
    counters_add(c, "home", "ar", june_10_morning);
    CHECK(logged.warnings == 0, "good ids were refused");
    print_logged();
    CHECK(counters_total(c, NULL) == 3, "total %ld", counters_total(c, NULL));
    counters_add(NULL, "home", "it", june_10_morning); /* no counters: nothing */
    counters_close(c);
    remove_folder(folder);
}

/* Taps while the file cannot be written: logged once, kept, and written
 * when the file can be written again.  `block` makes writing fail, `unblock`
 * undoes it. */
typedef void (*blocker)(const char *path, bool block);

static void chmod_blocker(const char *path, bool block)
{
    /* SQLite gives the -wal and -shm files the mode of the database file,
     * so an operator making it writable again must do the same for them. */
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char name[4300];
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        if (chmod(name, block ? 0444 : 0644) != 0 && i == 0)
            fprintf(stderr, "chmod %s: %s\n", name, strerror(errno));
    }
}

static void file_size_blocker(const char *path, bool block)
{
    (void)path;
    struct rlimit limit;
    getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = block ? 1 : limit.rlim_max;
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
        fprintf(stderr, "setrlimit: %s\n", strerror(errno));
}

/* `reopen`: whether the counters are opened again after blocking (a
 * read-only file is seen at open time; a size limit only when writing). */
static void survive_blocked_writes(const char *folder, blocker block, bool reopen)
{
    use_italian_time();
    char path[4200];
    snprintf(path, sizeof path, "%s/counters.sqlite", folder);
    counters *c = counters_open(path);
    CHECK(c != NULL, "counters_open");
    if (!c)
        return;
    counters_add(c, "home", "it", june_10_morning);
    if (reopen)
        counters_close(c);

    block(path, true);
    capture_reset();
    if (reopen)
        c = counters_open(path);
    bool opened = c != NULL;
    /* Twenty taps within a minute: one line in the log, not twenty. */
    for (int i = 0; opened && i < 20; i++)
        counters_add(c, i % 2 ? "home" : "service", "ar", june_10_morning + 60 + i);
    captured while_blocked = logged;
    long total_blocked = opened ? counters_total(c, NULL) : -2;
    block(path, false);
    /* Report only now: with a size limit, even stderr may not grow. */
    CHECK(opened, "counters_open on the blocked file gave NULL");
    if (!opened) {
        print_logged();
        return;
    }
    logged = while_blocked;
    int expected_warnings = reopen ? 2 : 1; /* a read-only file is also told at open */
    CHECK(logged.warnings == expected_warnings, "%d warnings for 20 failed taps, expected %d",
          logged.warnings, expected_warnings);
    CHECK(logged_containing("cannot save counts"), "the failure is logged");
    print_logged();
    CHECK(total_blocked == 1, "total while blocked %ld, expected 1", total_blocked);

    capture_reset();
    counters_add(c, "home", "it", june_10_morning + 3600);
    CHECK(logged_containing("saved again"), "the recovery is logged");
    CHECK(counters_total(c, NULL) == 22, "total %ld, expected 22 (no tap lost)",
          counters_total(c, NULL));
    counters_close(c);
    c = counters_open(path);
    CHECK(counters_total(c, NULL) == 22, "total after reopening %ld", counters_total(c, NULL));
    counters_close(c);
}

/* As root, modes are ignored: run the read-only part as "nobody" in a child. */
static void test_unwritable_file(void)
{
    signal(SIGXFSZ, SIG_IGN);
    if (geteuid() != 0) {
        char *folder = make_folder(NULL);
        survive_blocked_writes(folder, chmod_blocker, true);
        remove_folder(folder);
        return;
    }
    const uid_t nobody = 65534;
    char *folder = make_folder("/tmp"); /* reachable by nobody */
    if (chown(folder, nobody, nobody) != 0) {
        fprintf(stderr, "chown %s: %s\n", folder, strerror(errno));
        check_failures++;
    }
    fflush(stderr);
    pid_t child = fork();
    if (child == 0) {
        if (setgid(nobody) != 0 || setuid(nobody) != 0)
            _exit(77);
        survive_blocked_writes(folder, chmod_blocker, true);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    CHECK(child > 0 && waitpid(child, &status, 0) == child, "fork/wait");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        fprintf(stderr, "cannot become nobody: read-only part skipped, file size limit instead\n");
        survive_blocked_writes(folder, file_size_blocker, false);
    } else
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the part run as nobody failed");
    remove_folder(folder);
}

static void test_file_size_limit(void)
{
    /* The kiosk ignores SIGXFSZ (main.c): a write past the limit then fails
     * with EFBIG instead of killing the process. */
    signal(SIGXFSZ, SIG_IGN);
    char *folder = make_folder(NULL);
    survive_blocked_writes(folder, file_size_blocker, false);
    remove_folder(folder);
}

static void test_locked_database(void)
{
    use_italian_time();
    char *folder, path[4200];
    counters *c = open_fresh_counters(&folder, path, sizeof path);
    if (!c)
        return;
    counters_add(c, "home", "it", june_10_morning);

    sqlite3 *other;
    CHECK(sqlite3_open(path, &other) == SQLITE_OK, "second connection");
    CHECK(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK,
          "exclusive lock: %s", sqlite3_errmsg(other));
    capture_reset();
    double start = seconds_now();
    counters_add(c, "home", "it", june_10_morning + 10);
    double elapsed = seconds_now() - start;
    CHECK(elapsed < 1.0, "counters_add waited %.3f s for the lock", elapsed);
    CHECK(logged.warnings == 1 && logged_containing("locked"), "the lock is logged");
    print_logged();
    fprintf(stderr, "counters_add under a lock returned after %.3f s\n", elapsed);
    sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(other);

    counters_add(c, "home", "it", june_10_morning + 20);
    CHECK(counters_total(c, "2024-06-10") == 3, "total %ld, expected 3",
          counters_total(c, "2024-06-10"));
    counters_close(c);
    remove_folder(folder);
}

/* ---- site configuration ---------------------------------------------------------- */

static const char *const all_languages[] = {"it", "en", "fr", "ar", "ur", "fa", "ps",
                                            "pa", "bn", "ti", "zh", "ro", "sq", "uk"};

static void check_defaults(const site_config *c)
{
    CHECK(strcmp(c->town, "mantova") == 0, "town %s", c->town);
    CHECK(c->language_count == 14, "%d languages", c->language_count);
    for (int i = 0; i < 14 && i < c->language_count; i++)
        CHECK(strcmp(c->languages[i], all_languages[i]) == 0, "language %d is %s, not %s", i,
              c->languages[i], all_languages[i]);
    CHECK(c->idle_timeout == 90, "idle_timeout %d", c->idle_timeout);
    CHECK(c->pin_hash[0] == '\0', "a PIN by default: %s", c->pin_hash);
    CHECK(strcmp(c->place, "desk") == 0 && !site_config_at_cas(c), "place %s", c->place);
}

static void test_config_missing_file(void)
{
    char *folder = make_folder(NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/sportello.conf", folder);
    site_config c;
    memset(&c, 0x5a, sizeof c);
    site_config_defaults(&c);
    check_defaults(&c);
    memset(&c, 0x5a, sizeof c);
    capture_reset();
    CHECK(site_config_load(&c, path), "a missing file is not an error");
    CHECK(logged.warnings == 0, "a missing file is no warning");
    check_defaults(&c);
    /* A file that exists but cannot be read is an error, with defaults. */
    CHECK(!site_config_load(&c, folder), "a folder is no configuration file");
    check_defaults(&c);
    remove_folder(folder);
}

/* Loads `text` from a file and checks that exactly the lines in `lines`
 * (ending with 0) were reported, in order, each as `path:line: `. */
static bool load_text(const char *folder, const char *text, size_t length, const int *lines,
                      site_config *c)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/sportello.conf", folder);
    write_whole_file(path, text, length);
    capture_reset();
    bool ok = site_config_load(c, path);
    int expected = 0;
    while (lines[expected])
        expected++;
    CHECK(logged.warnings == expected, "%d problems, expected %d", logged.warnings, expected);
    for (int i = 0; i < expected && i < logged.count; i++) {
        char prefix[4300];
        snprintf(prefix, sizeof prefix, "config: %s:%d: ", path, lines[i]);
        CHECK(strncmp(logged.lines[i], prefix, strlen(prefix)) == 0, "\"%s\" is not at line %d",
              logged.lines[i], lines[i]);
    }
    if (logged.warnings != expected)
        print_logged();
    return ok;
}

static void test_config_bad_lines(void)
{
    char *folder = make_folder(NULL);
    const char *text = "# Sportello site configuration\n"
                       "town = rome\n"
                       "languages = ar it fr     # a good line\n"
                       "idle_timeout = 10\n"
                       "\n"
                       "colour = blue\n"
                       "this line has no equals sign\n"
                       "pin = not-a-hash\n"
                       "languages = it en\n"
                       "   # only a comment\n"
                       "idle_timeout = 120\n";
    site_config c;
    const int lines[] = {2, 4, 6, 7, 8, 9, 11, 0};
    CHECK(!load_text(folder, text, strlen(text), lines, &c), "bad lines make load return false");
    CHECK(strcmp(c.town, "mantova") == 0, "town %s", c.town);
    CHECK(c.language_count == 3 && strcmp(c.languages[0], "ar") == 0 &&
              strcmp(c.languages[1], "it") == 0 && strcmp(c.languages[2], "fr") == 0,
          "the good languages line was not applied");
    CHECK(c.idle_timeout == 90, "idle_timeout %d", c.idle_timeout);
    CHECK(c.pin_hash[0] == '\0', "pin %s", c.pin_hash);

    /* One bad line each, always on line 2, the rest keeping defaults. */
    const char *single[] = {
        "languages = it EN\n",
        "languages = it it\n",
        "languages =\n",
        "languages = it english\n",
        "languages = it engl\n",
        "idle_timeout = 901\n",
        "idle_timeout = -30\n",
        "idle_timeout = 90s\n",
        "town =\n",
        "town = Mantova\n",
        "pin = $1$abcdefgh$0123456789abcdefghijkl\n", /* MD5: obsolete */
        "pin = $y$j9T$\"quoted\"\n",
        "= 90\n",
    };
    const int line_two[] = {2, 0};
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++) {
        char file[300];
        snprintf(file, sizeof file, "town = suzzara\n%s", single[i]);
        bool ok = load_text(folder, file, strlen(file), line_two, &c);
        CHECK(!ok, "accepted: %s", single[i]);
        CHECK(strcmp(c.town, "suzzara") == 0, "the good line 1 was lost with %s", single[i]);
        CHECK(c.language_count == 14 && c.idle_timeout == 90 && !c.pin_hash[0],
              "a default changed with %s", single[i]);
    }

    /* A line over 1000 bytes and a NUL byte: reported, the next line read. */
    char file[3000];
    memset(file, 'x', sizeof file);
    memcpy(file, "town = other\n# ", 15);
    static const char tail[] = "\nidle_timeout = 45\nlanguages = it\0 en\nfoo\n";
    memcpy(file + 1500, tail, sizeof tail - 1);
    const int long_lines[] = {2, 4, 5, 0};
    CHECK(!load_text(folder, file, 1500 + sizeof tail - 1, long_lines, &c),
          "long and NUL lines accepted");
    CHECK(strcmp(c.town, "other") == 0 && c.idle_timeout == 45 && c.language_count == 14,
          "the good lines around were not applied");

    /* An endless file (a wrong path) is cut, not read for ever. */
    capture_reset();
    CHECK(!site_config_load(&c, "/dev/zero"), "/dev/zero gave no problem");
    CHECK(logged.warnings == 1 && logged_containing("/dev/zero:1: the file is longer"),
          "one problem for /dev/zero");
    check_defaults(&c);

    /* The example of the documentation, with a BOM and Windows line ends, is fine. */
    char hash[128];
    CHECK(pin_hash("1234", hash, sizeof hash), "pin_hash");
    snprintf(file, sizeof file,
             "\xEF\xBB\xBF# Sportello site configuration\r\n"
             "town = castiglione-delle-stiviere   # mantova | castiglione-delle-stiviere\r\n"
             "languages = it en fr ar ur fa ps pa bn ti zh ro sq uk   # picker order\r\n"
             "idle_timeout = 900           # seconds, 30..900\r\n"
             "pin = %s    # crypt(3) hash\r\n",
             hash);
    const int none[] = {0};
    CHECK(load_text(folder, file, strlen(file), none, &c), "a good file gave problems");
    CHECK(strcmp(c.town, "castiglione-delle-stiviere") == 0, "town %s", c.town);
    CHECK(c.idle_timeout == 900 && c.language_count == 14, "values not applied");
    CHECK(strcmp(c.pin_hash, hash) == 0, "pin %s", c.pin_hash);
    remove_folder(folder);
}

static void check_same_config(const site_config *a, const site_config *b)
{
    CHECK(strcmp(a->town, b->town) == 0, "town %s / %s", a->town, b->town);
    CHECK(a->language_count == b->language_count, "languages %d / %d", a->language_count,
          b->language_count);
    for (int i = 0; i < a->language_count && i < b->language_count; i++)
        CHECK(strcmp(a->languages[i], b->languages[i]) == 0, "language %d", i);
    CHECK(a->idle_timeout == b->idle_timeout, "idle %d / %d", a->idle_timeout, b->idle_timeout);
    CHECK(strcmp(a->pin_hash, b->pin_hash) == 0, "pin %s / %s", a->pin_hash, b->pin_hash);
}

static void test_config_save(void)
{
    signal(SIGXFSZ, SIG_IGN);
    char *folder = make_folder(NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/sportello.conf", folder);
    CHECK(write_whole_file(path, "town = other\n", 13), "old file");
    chmod(path, 0644);

    site_config saved;
    site_config_defaults(&saved);
    snprintf(saved.town, sizeof saved.town, "suzzara");
    saved.language_count = 3;
    snprintf(saved.languages[0], sizeof saved.languages[0], "ar");
    snprintf(saved.languages[1], sizeof saved.languages[1], "it");
    snprintf(saved.languages[2], sizeof saved.languages[2], "uk");
    saved.idle_timeout = 300;
    CHECK(pin_hash("24680", saved.pin_hash, sizeof saved.pin_hash), "pin_hash");
    CHECK(site_config_save(&saved, path), "save");
    struct stat status;
    CHECK(stat(path, &status) == 0 && (status.st_mode & 0777) == 0600, "mode %o",
          (unsigned)(status.st_mode & 0777));
    char names[400];
    list_folder(folder, names, sizeof names);
    CHECK(strcmp(names, "sportello.conf") == 0, "files: %s", names);
    site_config loaded;
    capture_reset();
    CHECK(site_config_load(&loaded, path), "the saved file has problems");
    print_logged();
    check_same_config(&saved, &loaded);
    CHECK(pin_verify("24680", loaded.pin_hash), "the PIN no longer verifies");
    char *before = file_read_all(path, &(size_t){0});
    CHECK(before && strstr(before, "town = suzzara") && strstr(before, "languages = ar it uk"),
          "not readable:\n%s", before);

    /* A configuration that would not load back is not written. */
    site_config bad = saved;
    snprintf(bad.town, sizeof bad.town, "rome");
    CHECK(!site_config_save(&bad, path), "an unknown town was saved");
    bad = saved;
    snprintf(bad.languages[2], sizeof bad.languages[2], "it");
    CHECK(!site_config_save(&bad, path), "a repeated language was saved");

    /* A write that fails half-way (file size limit) leaves the old file. */
    site_config other = saved;
    snprintf(other.town, sizeof other.town, "castiglione-delle-stiviere");
    file_size_blocker(path, true);
    bool written = site_config_save(&other, path);
    file_size_blocker(path, false);
    CHECK(!written, "save under a 1-byte file size limit succeeded");
    char *after = file_read_all(path, &(size_t){0});
    CHECK(before && after && strcmp(before, after) == 0, "the old file changed:\n%s", after);
    list_folder(folder, names, sizeof names);
    CHECK(strcmp(names, "sportello.conf") == 0, "a temporary file was left: %s", names);
    free(before);
    free(after);

    /* No folder to write in: false, logged. */
    char nowhere[4300];
    snprintf(nowhere, sizeof nowhere, "%s/missing/sportello.conf", folder);
    capture_reset();
    CHECK(!site_config_save(&saved, nowhere), "saved into a missing folder");
    CHECK(logged.warnings == 1, "the failure is logged");
    remove_folder(folder);
}

/* place = cas: a tablet in a reception centre (the visitor is told to ask
 * the operator); a bad value is one problem at its line and keeps "desk";
 * saved and read back. */
static void test_config_place(void)
{
    char *folder = make_folder(NULL);
    site_config c;
    const int none[] = {0};
    const char *cas = "town = suzzara\nplace = cas   # a CAS tablet\n";
    CHECK(load_text(folder, cas, strlen(cas), none, &c), "place = cas refused");
    CHECK(strcmp(c.place, "cas") == 0 && site_config_at_cas(&c), "place %s", c.place);
    const char *desk = "place = desk\n";
    CHECK(load_text(folder, desk, strlen(desk), none, &c) && !site_config_at_cas(&c),
          "place = desk: %s", c.place);
    const char *bad[] = {"place = CAS\n",      "place = tablet\n",      "place =\n",
                         "place = cas desk\n", "place = cas\xc2\xa0\n", "place = caserma\n"};
    const int line_two[] = {2, 0};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char file[200];
        snprintf(file, sizeof file, "town = suzzara\n%s", bad[i]);
        CHECK(!load_text(folder, file, strlen(file), line_two, &c), "accepted: %s", bad[i]);
        CHECK(logged_containing(":2: place \""), "no problem about place for %s", bad[i]);
        CHECK(strcmp(c.place, "desk") == 0 && strcmp(c.town, "suzzara") == 0,
              "%s gave place %s, town %s", bad[i], c.place, c.town);
    }
    const char *twice = "place = cas\nplace = desk\n";
    CHECK(!load_text(folder, twice, strlen(twice), line_two, &c) && site_config_at_cas(&c),
          "a repeated place: %s", c.place);
    char path[4200];
    snprintf(path, sizeof path, "%s/site.conf", folder);
    site_config_defaults(&c);
    snprintf(c.place, sizeof c.place, "cas");
    CHECK(site_config_save(&c, path), "saved");
    site_config back;
    CHECK(site_config_load(&back, path) && site_config_at_cas(&back), "read back: %s", back.place);
    snprintf(c.place, sizeof c.place, "hall");
    CHECK(!site_config_save(&c, path), "an unknown place was saved");
    remove_folder(folder);
}

/* trusted_keys: key files (absolute paths) and NAME:BASE64 keys; a
 * malformed entry is a problem at its line and keeps the default (empty:
 * the kiosk's own key); a good list is saved and read back. */
static void test_config_trusted_keys(void)
{
    char *folder = make_folder(NULL);
    const char *key = "tuuaF8Rr93JSnX1lxj7K3s05lvMK8QNan5F+rPuCWiY=";
    const char *bad[] = {
        "trusted_keys = agency.pub\n",                  /* a relative path */
        "trusted_keys = office:not-base64\n",           /* not a key */
        "trusted_keys = office:dHV1YUY4UnI5M0pTblgx\n", /* base64 of 15 bytes */
        "trusted_keys = bad name!:AAAA\n",              /* a name with a space and ! */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "town = suzzara\n%s", bad[i]);
        site_config c;
        const int lines[] = {2, 0};
        CHECK(!load_text(folder, text, strlen(text), lines, &c), "%s was accepted", bad[i]);
        CHECK(c.trusted_keys[0] == '\0', "%s: trusted_keys \"%s\"", bad[i], c.trusted_keys);
    }
    char text[512], path[4200];
    snprintf(text, sizeof text, "trusted_keys = /etc/sportello/agency.pub office:%s\n", key);
    site_config c;
    const int none[] = {0};
    CHECK(load_text(folder, text, strlen(text), none, &c), "a good list was refused");
    snprintf(path, sizeof path, "%s/saved.conf", folder);
    CHECK(site_config_save(&c, path), "save");
    site_config loaded;
    CHECK(site_config_load(&loaded, path), "load");
    char expected[256];
    snprintf(expected, sizeof expected, "/etc/sportello/agency.pub office:%s", key);
    CHECK(strcmp(loaded.trusted_keys, expected) == 0, "read back \"%s\"", loaded.trusted_keys);
    remove_folder(folder);
}

/* update_folder: an absolute folder path, printable, without "." or ".."
 * parts; empty switches updates off; the default is under /var/lib. */
static void test_config_update_folder(void)
{
    char *folder = make_folder(NULL);
    site_config c;
    site_config_defaults(&c);
    CHECK(strcmp(c.update_folder, "/var/lib/sportello/incoming") == 0, "default \"%s\"",
          c.update_folder);
    char huge[1200];
    memset(huge, 'a', sizeof huge);
    huge[0] = '/';
    huge[sizeof huge - 1] = '\0';
    char long_line[1300];
    snprintf(long_line, sizeof long_line, "update_folder = %.970s\n", huge);
    const char *bad[] = {
        "update_folder = incoming\n",                     /* relative */
        "update_folder = /var/lib/sportello/../../etc\n", /* a ".." part */
        "update_folder = /var/lib/./incoming\n",          /* a "." part */
        "update_folder = /\n",                            /* the root */
        "update_folder = /srv/incoming/\n",               /* a trailing slash */
        "update_folder = /srv/in\x01"
        "coming\n",                      /* a control character */
        "update_folder = /srv/in\x7f\n", /* DEL */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1400];
        snprintf(text, sizeof text, "town = suzzara\n%s", bad[i]);
        const int lines[] = {2, 0};
        CHECK(!load_text(folder, text, strlen(text), lines, &c), "%s was accepted", bad[i]);
        CHECK(strcmp(c.update_folder, "/var/lib/sportello/incoming") == 0,
              "%s: update_folder \"%s\" (the default kept wanted)", bad[i], c.update_folder);
    }
    const int none[] = {0};
    CHECK(load_text(folder, long_line, strlen(long_line), none, &c) &&
              strlen(c.update_folder) == 970,
          "a 970-byte path was refused");
    const char *empty = "update_folder =\n";
    CHECK(load_text(folder, empty, strlen(empty), none, &c) && c.update_folder[0] == '\0',
          "empty (no updates) was refused");
    const char *good = "update_folder = /srv/sportello/.sync/incoming  # Syncthing\n";
    CHECK(load_text(folder, good, strlen(good), none, &c), "a good path was refused");
    char path[4200];
    snprintf(path, sizeof path, "%s/saved.conf", folder);
    CHECK(site_config_save(&c, path), "save");
    site_config loaded;
    CHECK(site_config_load(&loaded, path) &&
              strcmp(loaded.update_folder, "/srv/sportello/.sync/incoming") == 0,
          "read back \"%s\"", loaded.update_folder);
    snprintf(c.update_folder, sizeof c.update_folder, "relative/path");
    CHECK(!site_config_save(&c, path), "a relative update_folder was saved");
    remove_folder(folder);
}

/* ---- PIN -------------------------------------------------------------------------------- */

static void test_pin_hash(void)
{
    char first[128], second[128];
    CHECK(pin_hash("1234", first, sizeof first), "pin_hash");
    CHECK(pin_hash("1234", second, sizeof second), "pin_hash");
    CHECK(strcmp(first, second) != 0, "two hashes of one PIN are equal: no salt");
    CHECK(strncmp(first, "$y$", 3) == 0 || strncmp(first, "$6$", 3) == 0, "method: %s", first);
    CHECK(!strstr(first, "1234"), "the PIN is in its hash");
    CHECK(pin_verify("1234", first) && pin_verify("1234", second), "the right PIN fails");
    CHECK(!pin_verify("1235", first), "a wrong PIN verifies");
    CHECK(!pin_verify("12345", first), "a longer PIN verifies");
    CHECK(!pin_verify("123", first), "a shorter PIN verifies");

    char cut[128];
    snprintf(cut, sizeof cut, "%.*s", (int)strlen(first) - 1, first);
    const char *malformed[] = {"",   cut,   "$y$zz",         "garbage",
                               "*0", "$6$", "abJnggxhB/yWI", "$1$abcdefgh$0123456789abcdefghijkl"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
        CHECK(!pin_verify("1234", malformed[i]), "hash \"%s\" verifies", malformed[i]);
    CHECK(!pin_verify("1234", NULL), "a NULL hash verifies");

    char small[20];
    CHECK(!pin_hash("1234", small, sizeof small), "a hash fits in 20 bytes?");
    CHECK(small[0] == '\0', "a failed pin_hash leaves a partial hash");
}

static void test_pin_rejects_bad_pins(void)
{
    const char *bad[] = {"",
                         "1",
                         "123",
                         "12a4",
                         " 1234",
                         "1234 ",
                         "1234567890123",
                         "\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4" /* Arabic-Indic 1234 */,
                         "-1234",
                         "+1234",
                         NULL};
    char hash[128];
    capture_reset();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        strcpy(hash, "unchanged");
        CHECK(!pin_hash(bad[i], hash, sizeof hash), "PIN \"%s\" hashed", bad[i] ? bad[i] : "NULL");
        CHECK(hash[0] == '\0', "a refused PIN left \"%s\"", hash);
    }
    CHECK(logged.warnings == (int)(sizeof bad / sizeof bad[0]), "%d warnings", logged.warnings);
    CHECK(pin_hash("0000", hash, sizeof hash) && pin_verify("0000", hash), "4 digits");
    CHECK(!pin_verify("000", hash) && !pin_verify("0000 ", hash) && !pin_verify(NULL, hash),
          "a malformed PIN verifies");
    CHECK(pin_hash("123456789012", hash, sizeof hash) && pin_verify("123456789012", hash),
          "12 digits");
}

static void test_pin_guard(void)
{
    char hash[128];
    CHECK(pin_hash("2580", hash, sizeof hash), "pin_hash");
    pin_guard g;
    pin_guard_init(&g);
    CHECK(pin_guard_wait(&g, 0) == 0, "a new guard waits");
    /* Three wrong PINs are free. */
    CHECK(pin_guard_try(&g, "1111", hash, 0) == 0, "wrong 1");
    CHECK(pin_guard_wait(&g, 1) == 0, "wait after 1 failure: %g", pin_guard_wait(&g, 1));
    CHECK(pin_guard_try(&g, "1111", hash, 1) == 0, "wrong 2");
    CHECK(pin_guard_try(&g, "1111", hash, 2) == 0, "wrong 3");
    /* Then 30 s, and a refused try is refused even with the right PIN. */
    CHECK(pin_guard_wait(&g, 3) == 29, "wait %g, expected 29", pin_guard_wait(&g, 3));
    CHECK(pin_guard_try(&g, "2580", hash, 3) == -1, "the 4th try at t=3 was not refused");
    CHECK(pin_guard_try(&g, "2580", hash, 31.9) == -1, "the 4th try at t=31.9 was not refused");
    CHECK(pin_guard_wait(&g, 32) == 0, "still waiting at t=32");
    /* Each further failure doubles the wait, up to 900 s. */
    double t = 33;
    const double waits[] = {60, 120, 240, 480, 900, 900, 900};
    for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++) {
        CHECK(pin_guard_try(&g, "9999", hash, t) == 0, "wrong try at t=%g", t);
        CHECK(pin_guard_wait(&g, t) == waits[i], "wait %g after failure %zu, expected %g",
              pin_guard_wait(&g, t), i + 4, waits[i]);
        CHECK(pin_guard_try(&g, "9999", hash, t + waits[i] - 0.5) == -1, "not refused at %g",
              t + waits[i] - 0.5);
        t += waits[i];
    }
    /* The right PIN resets: three free failures again. */
    CHECK(pin_guard_try(&g, "2580", hash, t) == 1, "the right PIN at t=%g", t);
    CHECK(g.failures == 0 && pin_guard_wait(&g, t) == 0, "not reset");
    CHECK(pin_guard_try(&g, "1111", hash, t + 1) == 0, "wrong after reset");
    CHECK(pin_guard_try(&g, "1111", hash, t + 2) == 0, "wrong after reset");
    CHECK(pin_guard_wait(&g, t + 3) == 0, "waiting after 2 failures");
    CHECK(pin_guard_try(&g, "1111", hash, t + 3) == 0, "wrong after reset");
    CHECK(pin_guard_wait(&g, t + 3) == 30, "wait %g after 3 new failures",
          pin_guard_wait(&g, t + 3));
    /* No PIN set: nobody gets in. */
    pin_guard_init(&g);
    CHECK(pin_guard_try(&g, "2580", "", 0) == 0, "an empty hash lets in");
}

/* ---- health: restarts since boot ---------------------------------------------- */

static const char boot_a[] = "0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69";
static const char boot_b[] = "7d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6";

/* The starts file's text ("" when it cannot be read). */
static void read_text(const char *path, char *out, size_t size)
{
    size_t length = 0;
    char *text = file_read_all(path, &length);
    snprintf(out, size, "%s", text ? text : "");
    free(text);
}

/* Two starts under one boot id: the second is one restart, and the file
 * says "BOOT_ID 2", written beside and renamed (no other file is left). */
static void test_health_restarts_same_boot(void)
{
    char *folder = make_folder(NULL);
    char path[4200], text[256], expected[256];
    snprintf(path, sizeof path, "%s/starts", folder);
    CHECK(health_count_start(path, boot_a) == 0, "the first start is no restart");
    CHECK(health_count_start(path, boot_a) == 1, "the second start under one boot id: 1 restart");
    read_text(path, text, sizeof text);
    snprintf(expected, sizeof expected, "%s 2\n", boot_a);
    CHECK(strcmp(text, expected) == 0, "file: \"%s\"", text);
    CHECK(health_count_start(path, boot_a) == 2, "the third: 2 restarts");
    char listing[256];
    list_folder(folder, listing, sizeof listing);
    CHECK(strcmp(listing, "starts") == 0, "files left: %s", listing);
    /* The boot id as Linux gives it: one line. */
    char id_path[4200], id[HEALTH_BOOT_ID_SIZE];
    snprintf(id_path, sizeof id_path, "%s/boot_id", folder);
    snprintf(text, sizeof text, "%s\n", boot_b);
    CHECK(write_whole_file(id_path, text, strlen(text)), "write %s", id_path);
    CHECK(health_boot_id(id_path, id) && strcmp(id, boot_b) == 0, "boot id read: %s", id);
    remove_folder(folder);
}

/* A new boot id (the computer started again) counts from 0 again. */
static void test_health_new_boot_resets(void)
{
    char *folder = make_folder(NULL);
    char path[4200], text[256], expected[256];
    snprintf(path, sizeof path, "%s/starts", folder);
    health_count_start(path, boot_a);
    health_count_start(path, boot_a);
    CHECK(health_count_start(path, boot_a) == 2, "2 restarts under the first boot");
    CHECK(health_count_start(path, boot_b) == 0, "a new boot: no restart");
    read_text(path, text, sizeof text);
    snprintf(expected, sizeof expected, "%s 1\n", boot_b);
    CHECK(strcmp(text, expected) == 0, "file: \"%s\"", text);
    CHECK(health_count_start(path, boot_b) == 1, "then 1 restart");
    remove_folder(folder);
}

/* Hostile starts files count from 0 again (logged); a bad boot id or
 * none gives "not known" (-1) and writes nothing; a folder that cannot be
 * written still gives the number (logged). */
static void test_health_bad_files(void)
{
    char *folder = make_folder(NULL);
    char path[4200], text[512];
    snprintf(path, sizeof path, "%s/starts", folder);
#define BYTES(text)                                                                                \
    {                                                                                              \
        text, sizeof text - 1                                                                      \
    }
    static const struct {
        const char *text;
        size_t length;
    } bad[] = {BYTES(""),
               BYTES("garbage\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 -4\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 0\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 99999999999999999999\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 3"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 3\nmore\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69\0003\n"),
               BYTES("0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69 3\0\n"),
               BYTES("0F6C5A3E-2B1D-4C8E-9A7F-1E2D3C4B5A69 3\n"),
               BYTES("\xff\xfe\x00\x01")};
#undef BYTES
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(write_whole_file(path, bad[i].text, bad[i].length), "write case %zu", i);
        capture_reset();
        long restarts = health_count_start(path, boot_a);
        CHECK(restarts == 0, "case %zu: %ld restarts", i, restarts);
        CHECK(logged.warnings == 1 && logged_containing("counting starts again"),
              "case %zu: logged once", i);
        CHECK(health_count_start(path, boot_a) == 1, "case %zu: counting again", i);
    }
    const char *bad_ids[] = {NULL,
                             "",
                             "0f6c5a3e",
                             "0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69\n",
                             "../../../../etc/passwd-0000-0000-000000000",
                             "0f6c5a3e 2b1d 4c8e 9a7f 1e2d3c4b5a69"};
    unlink(path);
    for (size_t i = 0; i < sizeof bad_ids / sizeof *bad_ids; i++)
        CHECK(health_count_start(path, bad_ids[i]) == -1, "bad boot id %zu refused", i);
    CHECK(access(path, F_OK) != 0, "a bad boot id wrote the file");
    CHECK(health_count_start(NULL, boot_a) == -1, "no path");
    /* Boot id files that are not one. */
    char id_path[4200], id[HEALTH_BOOT_ID_SIZE];
    snprintf(id_path, sizeof id_path, "%s/boot_id", folder);
    const char *bad_files[] = {"", "0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a69\n\n",
                               "0f6c5a3e-2b1d-4c8e-9a7f-1e2d3c4b5a6\n", "x"};
    for (size_t i = 0; i < sizeof bad_files / sizeof *bad_files; i++) {
        write_whole_file(id_path, bad_files[i], strlen(bad_files[i]));
        CHECK(!health_boot_id(id_path, id) && id[0] == '\0', "boot id file %zu refused", i);
    }
    CHECK(!health_boot_id("/nonexistent/boot_id", id), "a missing boot id file");
    /* A folder that cannot be written (not as root: root writes anyway). */
    if (geteuid() != 0) {
        health_count_start(path, boot_a);
        chmod(folder, 0500);
        capture_reset();
        CHECK(health_count_start(path, boot_a) == 1, "read-only folder: the number all the same");
        CHECK(logged_containing("not recorded"), "read-only folder logged");
        chmod(folder, 0700);
    }
    read_text(path, text, sizeof text);
    (void)text;
    remove_folder(folder);
}

/* ---- main ------------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEST-NAME\n", argv[0]);
        return 2;
    }
    static const struct {
        const char *name;
        void (*run)(void);
    } tests[] = {
        {"counters_count_screen_language_day_and_export_csv", test_count_and_export},
        {"counters_store_no_other_table_or_column", test_no_other_table_or_column},
        {"counters_count_searches_and_empty_searches_per_language_and_day", test_count_searches},
        {"counters_recent_days_per_language_sum_screens_and_skip_older_days",
         test_recent_by_language},
        {"counters_refuse_a_file_that_is_not_theirs", test_refuse_foreign_file},
        {"counters_reject_non_id_strings", test_reject_non_ids},
        {"counters_survive_unwritable_file_and_retry", test_unwritable_file},
        {"counters_survive_file_size_limit", test_file_size_limit},
        {"counters_survive_locked_database", test_locked_database},
        {"site_config_missing_file_gives_defaults", test_config_missing_file},
        {"site_config_bad_lines_are_reported_with_line_numbers", test_config_bad_lines},
        {"site_config_save_is_atomic_and_private", test_config_save},
        {"site_config_trusted_keys_are_key_files_or_named_base64_keys", test_config_trusted_keys},
        {"site_config_update_folder_is_an_absolute_folder_path_or_empty",
         test_config_update_folder},
        {"health_two_starts_under_one_boot_id_are_one_restart", test_health_restarts_same_boot},
        {"health_a_new_boot_id_counts_restarts_from_zero_again", test_health_new_boot_resets},
        {"health_bad_starts_files_count_again_bad_boot_ids_are_unknown", test_health_bad_files},
        {"site_config_place_cas_is_read_and_a_bad_value_is_logged_at_its_line_keeping_desk",
         test_config_place},
        {"pin_hash_is_salted_and_verifies", test_pin_hash},
        {"pin_rejects_non_digit_and_short_pins", test_pin_rejects_bad_pins},
        {"pin_guard_backs_off_after_three_failures_and_resets", test_pin_guard},
    };
    log_set_sink(capture_sink, &logged);
    log_set_threshold(LOG_INFO);
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (strcmp(argv[1], tests[i].name) == 0) {
            tests[i].run();
            return check_failures ? 1 : 0;
        }
    fprintf(stderr, "unknown test %s\n", argv[1]);
    return 2;
}
