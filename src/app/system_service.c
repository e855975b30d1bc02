/* system_service.c - see system_service.h. */
#include "system_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "log.h"

#ifdef SPORTELLO_HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

/* sd-journal.h brings syslog.h, whose LOG_DEBUG, LOG_INFO and LOG_WARNING
 * macros hide log.h's levels of the same names: keep syslog's values under
 * other names, and give log.h its names back. */
enum {
    SYSLOG_DEBUG = LOG_DEBUG,
    SYSLOG_INFO = LOG_INFO,
    SYSLOG_WARNING = LOG_WARNING,
    SYSLOG_ERR = LOG_ERR,
    SYSLOG_NOTICE = LOG_NOTICE,
};
#undef LOG_DEBUG
#undef LOG_INFO
#undef LOG_WARNING

/* JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected; it is
 * ours only while standard error is still that stream. */
static bool stderr_is_journal(void)
{
    const char *value = getenv("JOURNAL_STREAM");
    unsigned long long device, inode;
    struct stat st;
    if (!value || sscanf(value, "%llu:%llu", &device, &inode) != 2 || fstat(2, &st) != 0)
        return false;
    return (unsigned long long)st.st_dev == device && (unsigned long long)st.st_ino == inode;
}

static void journal_sink(log_level level, const char *module, const char *message, void *user)
{
    (void)user;
    static const int priorities[] = {
        [LOG_DEBUG] = SYSLOG_DEBUG,
        [LOG_INFO] = SYSLOG_INFO,
        [LOG_WARNING] = SYSLOG_WARNING,
        [LOG_ERROR] = SYSLOG_ERR,
    };
    int priority = (int)level >= 0 && (int)level <= LOG_ERROR ? priorities[level] : SYSLOG_NOTICE;
    sd_journal_send("MESSAGE=%s: %s", module, message, "PRIORITY=%d", priority,
                    "SPORTELLO_MODULE=%s", module, "SYSLOG_IDENTIFIER=sportello", NULL);
}

static void notify(const char *state)
{
    sd_notify(0, state);
}
#else
static bool stderr_is_journal(void)
{
    return false;
}

static void journal_sink(log_level level, const char *module, const char *message, void *user)
{
    (void)level, (void)module, (void)message, (void)user;
}

static void notify(const char *state)
{
    (void)state;
}
#endif

void system_service_start(system_service *s, double now)
{
    *s = (system_service){0};
    if (stderr_is_journal())
        log_set_sink(journal_sink, NULL);
    const char *usec = getenv("WATCHDOG_USEC");
    const char *socket = getenv("NOTIFY_SOCKET");
    char *end = NULL;
    double value = usec ? strtod(usec, &end) : 0;
    if (socket && *socket && end && *end == '\0' && value > 0) {
        /* Twice per period, as sd_watchdog_enabled(3) advises. */
        s->watchdog_interval = value / 1e6 / 2;
        s->next_ping = now;
        log_message(LOG_INFO, "service", "watchdog: a ping every %.1f s", s->watchdog_interval);
    }
}

void system_service_ready(system_service *s)
{
    if (s->ready_sent)
        return;
    s->ready_sent = true;
    notify("READY=1\nSTATUS=showing the kiosk");
}

double system_service_ping(system_service *s, double now)
{
    if (s->watchdog_interval <= 0)
        return 1e9;
    if (now >= s->next_ping) {
        notify("WATCHDOG=1");
        s->next_ping = now + s->watchdog_interval;
    }
    return s->next_ping - now;
}
