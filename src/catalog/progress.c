/* progress.c - see progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

typedef struct progress_state {
    bool on;
    size_t records, languages, languages_total, search, search_total;
    double drawn_at;
} progress_state;

static progress_state state;

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The line again; `now` forces it (a stage ends). */
static void draw(bool now)
{
    double t = seconds();
    if (!now && t - state.drawn_at < 0.1)
        return;
    state.drawn_at = t;
    fprintf(stderr, "\r%zu records read", state.records);
    if (state.languages_total)
        fprintf(stderr, " \xc2\xb7 %zu/%zu languages imported", state.languages,
                state.languages_total);
    if (state.search_total)
        fprintf(stderr, " \xc2\xb7 search index %zu/%zu texts", state.search, state.search_total);
    fputs("\033[K", stderr);
    fflush(stderr);
}

void progress_start(void)
{
    state = (progress_state){0};
    state.on = isatty(STDERR_FILENO) == 1;
    if (state.on)
        draw(true);
}

void progress_records(size_t count)
{
    if (!state.on)
        return;
    state.records += count;
    draw(false);
}

void progress_languages(size_t done, size_t total)
{
    if (!state.on)
        return;
    state.languages = done;
    state.languages_total = total;
    draw(done == total);
}

void progress_search(size_t done, size_t total)
{
    if (!state.on)
        return;
    state.search = done;
    state.search_total = total;
    draw(done == total);
}

void progress_finish(void)
{
    if (!state.on)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    state.on = false;
}
