/* sportello - the kiosk.  Until its screens exist it shows the demo screen
 * of every language; with no display it draws that screen into a PNG file
 * and prints the file's path.
 *
 *   sportello [--demo-png PATH] [--windowed]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "demo.h"
#include "log.h"
#include "paths.h"
#include "png_io.h"
#include "text.h"
#include "text_render.h"

#define SCREEN_WIDTH 1280
#define SCREEN_HEIGHT 800

static int render_png(const char *path, const demo *d, text_engine *engine)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_WIDTH, SCREEN_HEIGHT, 32,
                                                          SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    text_renderer *text = renderer ? text_renderer_create(renderer, 0) : NULL;
    int status = 1;
    if (text) {
        demo_draw(d, renderer, engine, text, SCREEN_WIDTH, SCREEN_HEIGHT);
        SDL_RenderPresent(renderer);
        char *error;
        if (png_write_surface(path, surface, &error)) {
            printf("%s\n", path);
            status = 0;
        } else {
            log_message(LOG_ERROR, "main", "%s", error);
            free(error);
        }
    } else {
        log_message(LOG_ERROR, "main", "cannot draw offscreen: %s", SDL_GetError());
    }
    text_renderer_destroy(text);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return status;
}

static int run_window(const demo *d, text_engine *engine, bool windowed)
{
    Uint32 flags = windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Window *window =
        SDL_CreateWindow("Sportello", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, SCREEN_WIDTH,
                         SCREEN_HEIGHT, flags);
    SDL_Renderer *renderer = window ? SDL_CreateRenderer(window, -1, 0) : NULL;
    text_renderer *text = renderer ? text_renderer_create(renderer, 0) : NULL;
    if (!text) {
        log_message(LOG_ERROR, "main", "cannot open the window: %s", SDL_GetError());
        return 1;
    }
    bool running = true;
    while (running) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            /* The demo is not the kiosk yet: it may be closed. */
            if (event.type == SDL_QUIT ||
                (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE))
                running = false;
        }
        int width, height;
        SDL_GetRendererOutputSize(renderer, &width, &height);
        demo_draw(d, renderer, engine, text, width, height);
        SDL_RenderPresent(renderer);
        SDL_Delay(30);
    }
    text_renderer_destroy(text);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    return 0;
}

static bool has_display(void)
{
    const char *names[] = {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *value = getenv(names[i]);
        if (value && *value)
            return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    const char *png = NULL;
    bool windowed = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--demo-png") == 0 && i + 1 < argc)
            png = argv[++i];
        else if (strcmp(argv[i], "--windowed") == 0)
            windowed = true;
        else {
            fprintf(stderr, "usage: sportello [--demo-png PATH] [--windowed]\n");
            return 2;
        }
    }
    char path[4096];
    char *error;
    text_engine *engine = text_engine_create(asset_path("fonts.txt", path, sizeof path), &error);
    demo *d = engine ? demo_load(asset_path("demo.txt", path, sizeof path), &error) : NULL;
    if (!d) {
        log_message(LOG_ERROR, "main", "%s", error);
        free(error);
        text_engine_destroy(engine);
        return 1;
    }
    int status;
    if (!png && has_display() && SDL_Init(SDL_INIT_VIDEO) == 0) {
        status = run_window(d, engine, windowed);
        SDL_Quit();
    } else {
        if (!png)
            log_message(LOG_INFO, "main", "no display: drawing the demo screen into a PNG");
        status = render_png(png ? png : "sportello-demo.png", d, engine);
    }
    demo_free(d);
    text_engine_destroy(engine);
    return status;
}
