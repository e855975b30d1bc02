/* demo.h - the screen `sportello` shows until the kiosk's screens exist:
 * every language's name in its own script and one sentence in it, all
 * through the text engine. */
#ifndef SPORTELLO_DEMO_H
#define SPORTELLO_DEMO_H

#include <stdbool.h>

#include <SDL.h>

#include "text.h"
#include "text_render.h"

typedef struct demo demo;

/* Reads the sentences (assets/demo.txt: "code<TAB>sentence" lines).  NULL
 * with a malloc'd "path:line: problem" in *error. */
demo *demo_load(const char *path, char **error);
void demo_free(demo *demo);

/* Draws the whole screen, width x height pixels. */
void demo_draw(const demo *demo, SDL_Renderer *renderer, text_engine *engine, text_renderer *text,
               int width, int height);

#endif
