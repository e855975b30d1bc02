/* fuzz_text_engine.c - libFuzzer target for the text engine: any bytes as
 * a paragraph, in any of the kiosk's languages, at any box width, laid out
 * (bidi, itemization, fallback, HarfBuzz, line breaking, ellipsis) and
 * drawn into a software surface by each of the three drawing paths.
 *
 * Input: language (1 byte), width (2 bytes, little-endian; 0xFFFF is
 * unlimited), style (1 byte: weight, alignment, direction, line limit,
 * size), then the paragraph - any bytes, ill-formed UTF-8 included.
 * Checked besides memory safety: every line's byte range lies inside the
 * paragraph and lines follow each other in order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

#include "log.h"
#include "text.h"
#include "text_render.h"

static const char *const languages[] = {"it", "en", "fr", "ro", "sq", "uk", "ar", "ur",
                                        "fa", "ps", "ti", "pa", "bn", "zh", "und"};
#define LANGUAGE_COUNT (sizeof languages / sizeof languages[0])

static text_engine *engine;
static SDL_Surface *surface;
static SDL_Renderer *renderer;
static text_renderer *drawer;

static void quiet(log_level level, const char *module, const char *message, void *user)
{
    (void)level, (void)module, (void)message, (void)user;
}

static void finish(void)
{
    text_renderer_destroy(drawer);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    text_engine_destroy(engine);
    SDL_Quit();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    log_set_sink(quiet, NULL);
    char *error = NULL;
    engine = text_engine_create(SPORTELLO_SOURCE_DIR "/assets/fonts.txt", &error);
    surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 400, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    /* a small atlas, so that eviction runs often */
    drawer = renderer ? text_renderer_create(renderer, 256) : NULL;
    if (!engine || !drawer) {
        fprintf(stderr, "cannot start: %s %s\n", error ? error : "", SDL_GetError());
        abort();
    }
    text_renderer_set_line_cache(drawer, 1 << 20);
    atexit(finish);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    text_params params = text_params_default(languages[data[0] % LANGUAGE_COUNT], 0, 20);
    int width = data[1] | data[2] << 8;
    params.width = width == 0xFFFF ? TEXT_WIDTH_UNLIMITED : width % 1200;
    uint8_t style = data[3];
    params.weight = style & 1 ? TEXT_WEIGHT_BOLD : TEXT_WEIGHT_REGULAR;
    params.align = (text_align)((style >> 1) % 3);
    params.direction = (text_direction)((style >> 3) % 3);
    params.max_lines = (style >> 5) & 3;
    params.size = style & 0x80 ? 9.5f : 22.0f;
    const char *text = (const char *)data + 4;
    size_t length = size - 4;

    text_layout *layout = text_layout_create(engine, text, length, &params);
    if (!layout)
        return 0;
    size_t previous_end = 0;
    for (size_t i = 0; i < text_layout_line_count(layout); i++) {
        const text_line *line = text_layout_line(layout, i);
        if (line->start > line->end || line->end > length || line->start < previous_end)
            abort();
        previous_end = line->end;
    }
    SDL_Color ink = {20, 20, 20, 255}, card = {250, 248, 240, 255};
    float x = (float)(data[1] % 7) - 3.0f + (float)(data[2] % 4) * 0.25f;
    text_renderer_draw(drawer, layout, x, 10, ink);
    text_renderer_draw_on(drawer, layout, x, 10, ink, card);
    SDL_Rect box = {0, 0, 640, 400};
    text_renderer_draw_card(drawer, layout, x, (float)(data[3] % 32) - 16, ink, box, card);
    text_layout_destroy(layout);
    return 0;
}
