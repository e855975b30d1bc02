/* pixels.h - how the golden-image tests compare a drawn surface with its
 * golden PNG: the pixels whose largest colour-channel difference exceeds a
 * tolerance (antialiasing may differ a little between FreeType builds). */
#ifndef SPORTELLO_PIXELS_H
#define SPORTELLO_PIXELS_H

#include <stdlib.h>

#include <SDL.h>

/* Both surfaces 4 bytes a pixel, in the same format and of the same size. */
static inline size_t pixels_differing(const SDL_Surface *got, const SDL_Surface *want,
                                      int channel_tolerance)
{
    size_t differing = 0;
    for (int y = 0; y < got->h; y++) {
        const Uint8 *a = (const Uint8 *)got->pixels + y * got->pitch;
        const Uint8 *b = (const Uint8 *)want->pixels + y * want->pitch;
        for (int x = 0; x < got->w * 4; x += 4) {
            int worst = 0;
            for (int c = 0; c < 3; c++) {
                int d = abs(a[x + c] - b[x + c]);
                worst = d > worst ? d : worst;
            }
            differing += worst > channel_tolerance;
        }
    }
    return differing;
}

#endif
