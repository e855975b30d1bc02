/* system_service.h - the kiosk as a service of systemd (dist/): readiness,
 * the watchdog, and log lines in the journal with their level and module.
 *
 * Everything here does nothing when the kiosk was not started by systemd
 * (no NOTIFY_SOCKET, no WATCHDOG_USEC, standard error not the journal) or
 * was built without libsystemd.  The kiosk runs inside cage and
 * sportello-session, not as the unit's main process: it reads
 * WATCHDOG_USEC itself (sd_watchdog_enabled would refuse, WATCHDOG_PID
 * being cage's) and the unit says NotifyAccess=all. */
#ifndef SPORTELLO_SYSTEM_SERVICE_H
#define SPORTELLO_SYSTEM_SERVICE_H

#include <stdbool.h>

typedef struct system_service {
    bool ready_sent;
    double watchdog_interval; /* seconds between pings; 0: no watchdog */
    double next_ping;
} system_service;

/* Reads the environment; when standard error is the journal, log lines go
 * to it as entries with PRIORITY and SPORTELLO_MODULE fields. */
void system_service_start(system_service *s, double now);
/* After the first frame is on screen: READY=1 (once). */
void system_service_ready(system_service *s);
/* From the main loop: WATCHDOG=1 when one is due.  Returns the seconds
 * until the next one is due (a large number when there is no watchdog),
 * so the loop never sleeps past it. */
double system_service_ping(system_service *s, double now);

#endif
