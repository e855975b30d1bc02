/* sportello-text - lay out (and draw) one paragraph, for tests and
 * translators.
 *
 *   sportello-text --lang L --width PX --size PX [-o out.png] [--breaks]
 *                  [--align start|center|end] [--bold] [--max-lines N]
 *                  [--fonts TABLE]
 *
 * The paragraph is read from standard input, byte for byte.  --breaks prints
 * the byte offset at which each line starts, one per line (the first is 0);
 * -o writes the paragraph drawn black on white as a PNG. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "log.h"
#include "paths.h"
#include "png_io.h"
#include "text.h"
#include "text_render.h"

#define MARGIN 8

typedef struct options {
    const char *language, *output, *fonts;
    int width, max_lines;
    float size;
    bool breaks;
    text_align align;
    text_weight weight;
} options;

static void usage(void)
{
    fprintf(stderr, "usage: sportello-text --lang L --width PX --size PX [-o out.png] "
                    "[--breaks] [--align start|center|end] [--bold] [--max-lines N] "
                    "[--fonts TABLE] < paragraph.txt\n");
}

static bool parse_number(const char *text, double minimum, double *value)
{
    char *end;
    errno = 0;
    *value = strtod(text, &end);
    return errno == 0 && end != text && *end == '\0' && *value >= minimum;
}

static bool parse_options(int argc, char **argv, options *o)
{
    *o =
        (options){.width = -2, .size = 0, .align = TEXT_ALIGN_START, .weight = TEXT_WEIGHT_REGULAR};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        double number;
        if (strcmp(arg, "--breaks") == 0) {
            o->breaks = true;
            continue;
        }
        if (strcmp(arg, "--bold") == 0) {
            o->weight = TEXT_WEIGHT_BOLD;
            continue;
        }
        if (!value) {
            fprintf(stderr, "sportello-text: %s needs a value\n", arg);
            return false;
        }
        i++;
        if (strcmp(arg, "--lang") == 0)
            o->language = value;
        else if (strcmp(arg, "-o") == 0)
            o->output = value;
        else if (strcmp(arg, "--fonts") == 0)
            o->fonts = value;
        else if (strcmp(arg, "--width") == 0 && parse_number(value, -1, &number))
            o->width = (int)number;
        else if (strcmp(arg, "--size") == 0 && parse_number(value, 1, &number))
            o->size = (float)number;
        else if (strcmp(arg, "--max-lines") == 0 && parse_number(value, 0, &number))
            o->max_lines = (int)number;
        else if (strcmp(arg, "--align") == 0 && strcmp(value, "start") == 0)
            o->align = TEXT_ALIGN_START;
        else if (strcmp(arg, "--align") == 0 && strcmp(value, "center") == 0)
            o->align = TEXT_ALIGN_CENTER;
        else if (strcmp(arg, "--align") == 0 && strcmp(value, "end") == 0)
            o->align = TEXT_ALIGN_END;
        else {
            fprintf(stderr, "sportello-text: bad option or value: %s %s\n", arg, value);
            return false;
        }
    }
    if (!o->language || o->width < -1 || o->size <= 0) {
        fprintf(stderr, "sportello-text: --lang, --width and --size are required\n");
        return false;
    }
    return true;
}

static char *read_all(FILE *file, size_t *length)
{
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity);
    while (data) {
        used += fread(data + used, 1, capacity - used, file);
        if (used < capacity)
            break;
        char *bigger = realloc(data, capacity * 2);
        if (!bigger) {
            free(data);
            return NULL;
        }
        data = bigger;
        capacity *= 2;
    }
    *length = used;
    return data;
}

static int write_png(const options *o, const text_layout *layout)
{
    float box = o->width >= 0 ? (float)o->width : text_layout_width(layout);
    int width = (int)box + 2 * MARGIN,
        height = (int)(text_layout_height(layout) + 0.99f) + 2 * MARGIN;
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    text_renderer *tr = renderer ? text_renderer_create(renderer, 0) : NULL;
    if (!tr) {
        fprintf(stderr, "sportello-text: cannot draw: %s\n", SDL_GetError());
        return 1;
    }
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    text_renderer_draw(tr, layout, MARGIN, MARGIN, (SDL_Color){0, 0, 0, 255});
    SDL_RenderPresent(renderer);
    char *error;
    int status = 0;
    if (!png_write_surface(o->output, surface, &error)) {
        fprintf(stderr, "sportello-text: %s\n", error);
        free(error);
        status = 1;
    }
    text_renderer_destroy(tr);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return status;
}

int main(int argc, char **argv)
{
    options o;
    if (!parse_options(argc, argv, &o)) {
        usage();
        return 2;
    }
    size_t length;
    char *text = read_all(stdin, &length);
    if (!text) {
        fprintf(stderr, "sportello-text: out of memory\n");
        return 1;
    }
    char table[4096];
    char *error;
    text_engine *engine = text_engine_create(
        o.fonts ? o.fonts : asset_path("fonts.txt", table, sizeof table), &error);
    if (!engine) {
        fprintf(stderr, "sportello-text: %s\n", error);
        free(error);
        free(text);
        return 1;
    }
    text_params params = text_params_default(o.language, o.width, o.size);
    params.align = o.align;
    params.weight = o.weight;
    params.max_lines = o.max_lines;
    text_layout *layout = text_layout_create(engine, text, length, &params);
    int status = layout ? 0 : 1;
    if (layout && o.breaks)
        for (size_t i = 0; i < text_layout_line_count(layout); i++)
            printf("%zu\n", text_layout_line(layout, i)->start);
    if (layout && o.output)
        status = write_png(&o, layout);
    text_layout_destroy(layout);
    text_engine_destroy(engine);
    free(text);
    return status;
}
