/* png_io.c - see png_io.h.  Uses libpng's simplified API (1.6). */
#include "png_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

static char *describe(const char *path, const char *problem)
{
    size_t length = strlen(path) + strlen(problem) + 3;
    char *text = malloc(length);
    if (text)
        snprintf(text, length, "%s: %s", path, problem);
    return text;
}

bool png_write_surface(const char *path, SDL_Surface *surface, char **error)
{
    *error = NULL;
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ABGR8888, 0);
    if (!rgba) {
        *error = describe(path, SDL_GetError());
        return false;
    }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)rgba->w;
    image.height = (png_uint_32)rgba->h;
    image.format = PNG_FORMAT_RGBA;
    size_t length = strlen(path) + 5;
    char *temporary = malloc(length);
    bool ok = false;
    if (temporary) {
        snprintf(temporary, length, "%s.tmp", path);
        SDL_LockSurface(rgba);
        ok = png_image_write_to_file(&image, temporary, 0, rgba->pixels, rgba->pitch, NULL);
        SDL_UnlockSurface(rgba);
        if (!ok)
            *error = describe(path, image.message);
        else if (rename(temporary, path) != 0) {
            *error = describe(path, "cannot rename the new file into place");
            ok = false;
        }
        if (!ok)
            remove(temporary);
        free(temporary);
    } else {
        *error = describe(path, "out of memory");
    }
    png_image_free(&image);
    SDL_FreeSurface(rgba);
    return ok;
}

SDL_Surface *png_read_surface(const char *path, char **error)
{
    *error = NULL;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path)) {
        *error = describe(path, image.message);
        return NULL;
    }
    image.format = PNG_FORMAT_RGBA;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, (int)image.width, (int)image.height,
                                                          32, SDL_PIXELFORMAT_ABGR8888);
    if (!surface) {
        *error = describe(path, SDL_GetError());
        png_image_free(&image);
        return NULL;
    }
    if (!png_image_finish_read(&image, NULL, surface->pixels, surface->pitch, NULL)) {
        *error = describe(path, image.message);
        SDL_FreeSurface(surface);
        return NULL;
    }
    return surface;
}
