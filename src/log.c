/* log.c - see log.h. */
#include "log.h"

#include <stdio.h>
#include <stdlib.h>

static log_sink current_sink;
static void *current_user;
static int threshold = -1;

static const char *level_name(log_level level)
{
    switch (level) {
    case LOG_DEBUG:
        return "debug";
    case LOG_INFO:
        return "info";
    case LOG_WARNING:
        return "warning";
    case LOG_ERROR:
        return "error";
    }
    return "?";
}

void log_set_sink(log_sink sink, void *user)
{
    current_sink = sink;
    current_user = user;
}

void log_set_threshold(log_level level)
{
    threshold = (int)level;
}

void log_message(log_level level, const char *module, const char *format, ...)
{
    if (threshold < 0)
        threshold = getenv("SPORTELLO_DEBUG") ? LOG_DEBUG : LOG_INFO;
    if ((int)level < threshold)
        return;
    char text[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (current_sink) {
        current_sink(level, module, text, current_user);
        return;
    }
    fprintf(stderr, "sportello: %s: %s: %s\n", level_name(level), module, text);
}
