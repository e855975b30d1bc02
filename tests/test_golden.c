/* test_golden.c - a language's corpus paragraph drawn by the engine matches
 * the reviewed golden PNG in tests/golden/, within a tolerance.
 *
 *   test_golden FONT_TABLE CORPUS_DIR GOLDEN_DIR LANG
 *
 * With SPORTELLO_UPDATE_GOLDEN=1 in the environment it writes the golden file
 * instead (then look at it before committing it).  The tolerance absorbs
 * anti-aliasing differences between FreeType builds; a moved line break, a
 * wrong glyph or a reordered word changes far more pixels than it allows. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "log.h"
#include "pixels.h"
#include "png_io.h"
#include "text.h"
#include "text_render.h"

#define WIDTH 480
#define SIZE 22
#define MARGIN 10
/* A pixel differs when a channel moves by more than this... */
#define CHANNEL_TOLERANCE 64
/* ...and the image differs when more than this share of pixels do. */
#define PIXEL_SHARE_TOLERANCE 0.004

static char *first_paragraph(const char *corpus_dir, const char *language)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.txt", corpus_dir, language);
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length = getline(&line, &capacity, file);
    fclose(file);
    if (length <= 0) {
        free(line);
        return NULL;
    }
    line[strcspn(line, "\n")] = '\0';
    return line;
}

static SDL_Surface *draw(text_engine *engine, const char *language, const char *text)
{
    text_params params = text_params_default(language, WIDTH, SIZE);
    text_layout *layout = text_layout_create(engine, text, strlen(text), &params);
    if (!layout)
        return NULL;
    int height = (int)(text_layout_height(layout) + 0.99f) + 2 * MARGIN;
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, WIDTH + 2 * MARGIN, height, 32, SDL_PIXELFORMAT_ABGR8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    text_renderer *tr = text_renderer_create(renderer, 0);
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    text_renderer_draw(tr, layout, MARGIN, MARGIN, (SDL_Color){0, 0, 0, 255});
    SDL_RenderPresent(renderer);
    text_renderer_destroy(tr);
    SDL_DestroyRenderer(renderer);
    text_layout_destroy(layout);
    return surface;
}

static void compare(SDL_Surface *got, SDL_Surface *want, const char *language)
{
    CHECK(got->w == want->w && got->h == want->h, "%s: %dx%d drawn, golden is %dx%d", language,
          got->w, got->h, want->w, want->h);
    if (got->w != want->w || got->h != want->h)
        return;
    size_t differing = pixels_differing(got, want, CHANNEL_TOLERANCE);
    double share = (double)differing / ((double)got->w * got->h);
    printf("%s: %zu of %d pixels differ (%.3f%%, tolerance %.3f%%)\n", language, differing,
           got->w * got->h, share * 100, PIXEL_SHARE_TOLERANCE * 100);
    CHECK(share <= PIXEL_SHARE_TOLERANCE, "%s differs from its golden PNG", language);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_golden FONT_TABLE CORPUS_DIR GOLDEN_DIR LANG\n");
        return 2;
    }
    const char *language = argv[4];
    char *error = NULL;
    text_engine *engine = text_engine_create(argv[1], &error);
    char *text = first_paragraph(argv[2], language);
    CHECK(engine && text, "cannot start: %s", error ? error : "no corpus paragraph");
    if (!engine || !text)
        return 1;
    SDL_Surface *got = draw(engine, language, text);
    char golden[1024];
    snprintf(golden, sizeof golden, "%s/%s.png", argv[3], language);
    const char *update = getenv("SPORTELLO_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        CHECK(png_write_surface(golden, got, &error), "%s", error ? error : "");
        printf("wrote %s\n", golden);
    } else {
        SDL_Surface *want = png_read_surface(golden, &error);
        CHECK(want != NULL, "%s", error ? error : "");
        if (want) {
            compare(got, want, language);
            SDL_FreeSurface(want);
        }
        if (check_failures) {
            char seen[1100];
            snprintf(seen, sizeof seen, "%s-drawn.png", language);
            char *ignored = NULL;
            if (png_write_surface(seen, got, &ignored))
                printf("what was drawn: %s (in the test's working directory)\n", seen);
            free(ignored);
        }
    }
    free(error);
    SDL_FreeSurface(got);
    free(text);
    text_engine_destroy(engine);
    return check_failures ? 1 : 0;
}
