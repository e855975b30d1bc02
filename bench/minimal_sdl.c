/* minimal_sdl - the reference for the kiosk's start-up time: open a window
 * and a renderer, clear, present one frame, quit.  Nothing else.
 *
 *   minimal_sdl --wait   the reference for the kiosk at rest: the same
 *                        frame, then waiting for events (SDL_WaitEvent)
 *                        until SDL_QUIT, drawing nothing. */
#include <SDL.h>
#include <string.h>

int main(int argc, char **argv)
{
    int wait = argc > 1 && strcmp(argv[1], "--wait") == 0;
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return 1;
    SDL_Window *window =
        SDL_CreateWindow("minimal", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800, 0);
    SDL_Renderer *renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!renderer)
        return 1;
    SDL_SetRenderDrawColor(renderer, 244, 241, 234, 255);
    SDL_RenderClear(renderer);
    SDL_RenderPresent(renderer);
    SDL_Event event;
    while (wait && SDL_WaitEvent(&event) && event.type != SDL_QUIT) {
    }
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
