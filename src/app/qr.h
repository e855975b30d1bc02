/* qr.h - a service's contact as a QR code a phone can take away offline.
 *
 * The code holds a vCard 3.0 (name, organisation, phones, address), which
 * the camera apps of Android and iOS offer to save as a contact; no
 * network is involved.  Made with libqrencode. */
#ifndef SPORTELLO_QR_H
#define SPORTELLO_QR_H

#include <stddef.h>

#include <SDL.h>

/* The vCard text (malloc'd; NULL when out of memory).  `name` is the name
 * in the reader's language, `organisation` the agency's Italian name;
 * `address` may be NULL or empty.  Special characters are escaped as
 * vCard 3.0 asks (\ , ; and newlines). */
char *qr_vcard(const char *name, const char *organisation, const char *const *phones,
               size_t phone_count, const char *address);

/* The QR code of `text` (error correction M, 8-bit), black on white, one
 * pixel per module with a quiet zone of 4 modules.  *modules receives the
 * side in pixels.  NULL (logged) on failure. */
SDL_Surface *qr_surface(const char *text, int *modules);

#endif
