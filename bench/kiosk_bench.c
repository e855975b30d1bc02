/* kiosk_bench - the kiosk's speed and memory, as figures and ratios from
 * one run (never a pass or fail):
 *
 *   1. start to first frame: `sportello` (windowed, quitting after its first
 *      frame) against minimal_sdl (window + renderer + one frame), medians
 *      of several runs; goal ratio <= 2;
 *   2. scrolling the longest article in ur, ar, ti and zh at 1280x800 on
 *      the software renderer, a finger dragging it down and up: frame time
 *      p50/p99 (goal p99 <= 8 ms) and the ratio to a frame that only clears
 *      and presents;
 *   3. peak RSS of `sportello --screenshots` over all languages (goal <=
 *      150 MB).
 *
 *   kiosk_bench SPORTELLO MINIMAL_SDL CATALOG */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "catalog_read.h"
#include "kiosk.h"
#include "log.h"
#include "paths.h"
#include "text.h"

#define RUNS 15

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *values, size_t n, double p)
{
    qsort(values, n, sizeof *values, compare_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return values[i < n ? i : n - 1];
}

/* Runs argv to completion; returns its wall time, and its peak RSS in KiB
 * through *rss. */
static double run(char *const argv[], long *rss)
{
    double start = now_seconds();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage usage;
    wait4(pid, &status, 0, &usage);
    double elapsed = now_seconds() - start;
    if (rss)
        *rss = usage.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fprintf(stderr, "kiosk_bench: %s exited with status %d\n", argv[0], status);
    return elapsed;
}

static void startup(const char *sportello, const char *minimal, const char *catalog)
{
    setenv("SPORTELLO_EXIT_AFTER_FIRST_FRAME", "1", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!getenv("DISPLAY"))
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    char *kiosk_argv[] = {(char *)sportello, "--windowed", "--catalog", (char *)catalog,
                          "--counters", "/tmp/sportello-bench-counters.sqlite", NULL};
    char *minimal_argv[] = {(char *)minimal, NULL};
    double kiosk[RUNS], reference[RUNS];
    for (int i = 0; i < RUNS; i++) {
        /* Alternate, so both see the same cache and load. */
        reference[i] = run(minimal_argv, NULL);
        kiosk[i] = run(kiosk_argv, NULL);
    }
    double k = percentile(kiosk, RUNS, 0.5), r = percentile(reference, RUNS, 0.5);
    printf("start to first frame (%s, median of %d): sportello %.1f ms, minimal SDL program "
           "%.1f ms: ratio %.2f (goal <= 2)\n",
           getenv("DISPLAY") ? "X11 window" : "offscreen video driver", RUNS, k * 1e3, r * 1e3,
           k / r);
    unsetenv("SPORTELLO_EXIT_AFTER_FIRST_FRAME");
    unlink("/tmp/sportello-bench-counters.sqlite");
}

static const char *longest_article(const char *catalog_path)
{
    static char id[64];
    char why[256];
    catalog *c = catalog_open(catalog_path, why, sizeof why);
    if (!c) {
        fprintf(stderr, "kiosk_bench: %s\n", why);
        exit(1);
    }
    size_t longest = 0;
    for (size_t i = 0; i < catalog_article_count(c); i++) {
        const catalog_article *a = catalog_article_at(c, i);
        size_t length = 0;
        for (size_t b = 0; b < a->block_count; b++) {
            char *text = catalog_text(c, a->blocks[b].key, "it", NULL);
            length += text ? strlen(text) : 0;
            free(text);
        }
        if (length > longest) {
            longest = length;
            snprintf(id, sizeof id, "%s", a->id);
        }
    }
    catalog_close(c);
    return id;
}

static SDL_Event finger(Uint32 type, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x / 1280;
    e.tfinger.y = y / 800;
    return e;
}

static void scrolling(const char *catalog_path)
{
    const char *article = longest_article(catalog_path);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32,
                                                          SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    char path[4096], *error = NULL;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    if (!engine || !renderer) {
        fprintf(stderr, "kiosk_bench: %s\n", error ? error : SDL_GetError());
        exit(1);
    }
    /* The reference: clear and present. */
    enum { FRAMES = 400 };
    double clear[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
        double t = now_seconds();
        SDL_SetRenderDrawColor(renderer, 244, 241, 234, 255);
        SDL_RenderClear(renderer);
        SDL_RenderPresent(renderer);
        clear[i] = now_seconds() - t;
    }
    double clear_p50 = percentile(clear, FRAMES, 0.5);
    printf("scrolling the longest article (%s), 1280x800, software renderer; clear+present "
           "p50 %.3f ms\n",
           article, clear_p50 * 1e3);
    const char *languages[] = {"ur", "ar", "ti", "zh"};
    for (size_t l = 0; l < 4; l++) {
        kiosk_options options = {.catalog_path = catalog_path, .kiosk_mode = true};
        kiosk *k = kiosk_create(renderer, engine, &options, 0);
        kiosk_show(k, languages[l], SCREEN_ARTICLE, article, 0);
        kiosk_draw(k); /* the screen is built when entered, not measured */
        double t0 = 1;
        double frames[FRAMES];
        float y = 700;
        float step = 12;
        SDL_Event e = finger(SDL_FINGERDOWN, 640, y);
        kiosk_handle_event(k, &e, t0);
        for (int i = 0; i < FRAMES; i++) {
            /* Down the page, then back up: 12 px a frame at 60 frames/s. */
            if (i == FRAMES / 2) {
                e = finger(SDL_FINGERUP, 640, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
                y = 100;
                step = -12;
                e = finger(SDL_FINGERDOWN, 640, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
            }
            y -= step;
            if (y < 100 || y > 700) {
                e = finger(SDL_FINGERUP, 640, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
                y = step > 0 ? 700 : 100;
                e = finger(SDL_FINGERDOWN, 640, y);
                kiosk_handle_event(k, &e, t0 + i / 60.0);
            }
            double t = now_seconds();
            e = finger(SDL_FINGERMOTION, 640, y);
            kiosk_handle_event(k, &e, t0 + (i + 1) / 60.0);
            kiosk_tick(k, t0 + (i + 1) / 60.0);
            kiosk_draw(k);
            SDL_RenderPresent(renderer);
            frames[i] = now_seconds() - t;
        }
        float reached = kiosk_scroll(k);
        double p50 = percentile(frames, FRAMES, 0.5), p99 = percentile(frames, FRAMES, 0.99);
        printf("  %s: frame p50 %.2f ms, p99 %.2f ms (goal p99 <= 8 ms); ratio to clear+present "
               "p50 %.1f, p99 %.1f (scrolled back to %.0f px)\n",
               languages[l], p50 * 1e3, p99 * 1e3, p50 / clear_p50, p99 / clear_p50, reached);
        kiosk_destroy(k);
    }
    text_engine_destroy(engine);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

static void screenshots_memory(const char *sportello, const char *catalog)
{
    char dir[] = "/tmp/sportello-bench-XXXXXX";
    if (!mkdtemp(dir))
        return;
    char *argv[] = {(char *)sportello, "--screenshots", dir, "--catalog", (char *)catalog, NULL};
    long rss = 0;
    double seconds = run(argv, &rss);
    printf("--screenshots of every screen in every language: %.1f s, peak RSS %.1f MB (goal <= "
           "150 MB)\n",
           seconds, (double)rss / 1024.0);
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    if (system(command) != 0)
        fprintf(stderr, "kiosk_bench: could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: kiosk_bench SPORTELLO MINIMAL_SDL CATALOG\n");
        return 2;
    }
    log_set_threshold(LOG_ERROR);
    startup(argv[1], argv[2], argv[3]);
    scrolling(argv[3]);
    screenshots_memory(argv[1], argv[3]);
    return 0;
}
