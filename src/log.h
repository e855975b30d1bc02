/* log.h - the one place Sportello writes diagnostics.
 *
 * Every module reports through log_message() instead of printing: the kiosk
 * sends lines to standard error with a level and a module name, and tests can
 * install a sink to count and inspect what was logged.  This is the only
 * global state in the program (see STYLE.md). */
#ifndef SPORTELLO_LOG_H
#define SPORTELLO_LOG_H

#include <stdarg.h>

typedef enum log_level {
    LOG_DEBUG = 0,
    LOG_INFO = 1,
    LOG_WARNING = 2,
    LOG_ERROR = 3,
} log_level;

/* A sink receives every message at or above the threshold.  `module` is a
 * short static name ("text", "font"); `message` has no trailing newline. */
typedef void (*log_sink)(log_level level, const char *module, const char *message, void *user);

/* Formats and delivers one message.  Never fails; long messages are cut. */
void log_message(log_level level, const char *module, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Installs `sink` (NULL restores the default: standard error). */
void log_set_sink(log_sink sink, void *user);

/* Messages below `level` are dropped.  The default is LOG_INFO, or LOG_DEBUG
 * when the environment variable SPORTELLO_DEBUG is set. */
void log_set_threshold(log_level level);

#endif
