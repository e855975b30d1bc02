/* qr.c - vCard text and its QR code. */
#include "qr.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "log.h"

typedef struct buffer {
    char *data;
    size_t length, capacity;
    bool failed;
} buffer;

static void put(buffer *b, const char *text, size_t length)
{
    if (b->failed)
        return;
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = (b->length + length + 1) * 2;
        char *bigger = realloc(b->data, capacity);
        if (!bigger) {
            b->failed = true;
            return;
        }
        b->data = bigger;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, length);
    b->length += length;
    b->data[b->length] = '\0';
}

static void put_string(buffer *b, const char *text) { put(b, text, strlen(text)); }

/* A property value: backslash, comma, semicolon escaped; line breaks as \n. */
static void put_value(buffer *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        /* Bidi controls (LRM, RLM, embeddings, isolates: U+200E-200F,
         * U+202A-202E, U+2066-2069) are for the screen, not a contact. */
        const unsigned char *u = (const unsigned char *)p;
        if (u[0] == 0xe2 && ((u[1] == 0x80 && (u[2] == 0x8e || u[2] == 0x8f ||
                                               (u[2] >= 0xaa && u[2] <= 0xae))) ||
                             (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9))) {
            p += 2;
            continue;
        }
        if (*p == '\\' || *p == ',' || *p == ';') {
            char escaped[2] = {'\\', *p};
            put(b, escaped, 2);
        } else if (*p == '\n') {
            put_string(b, "\\n");
        } else if (*p != '\r') {
            put(b, p, 1);
        }
    }
}

char *qr_vcard(const char *name, const char *organisation, const char *const *phones,
               size_t phone_count, const char *address)
{
    buffer b = {0};
    put_string(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:");
    put_value(&b, name);
    put_string(&b, ";;;;\r\nFN:");
    put_value(&b, name);
    put_string(&b, "\r\n");
    if (organisation && *organisation) {
        put_string(&b, "ORG:");
        put_value(&b, organisation);
        put_string(&b, "\r\n");
    }
    for (size_t i = 0; i < phone_count; i++) {
        put_string(&b, "TEL;TYPE=WORK,VOICE:");
        put_value(&b, phones[i]);
        put_string(&b, "\r\n");
    }
    if (address && *address) {
        /* The whole address as the street part: it is written as one line
         * in the data, and a phone shows it as it is. */
        put_string(&b, "ADR;TYPE=WORK:;;");
        put_value(&b, address);
        put_string(&b, ";;;;\r\n");
    }
    put_string(&b, "END:VCARD\r\n");
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

SDL_Surface *qr_surface(const char *text, int *modules)
{
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code) {
        log_message(LOG_WARNING, "qr", "cannot encode %zu bytes as a QR code", strlen(text));
        return NULL;
    }
    const int quiet = 4;
    int side = code->width + 2 * quiet;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32,
                                                          SDL_PIXELFORMAT_ARGB8888);
    if (!surface) {
        log_message(LOG_WARNING, "qr", "%s", SDL_GetError());
        QRcode_free(code);
        return NULL;
    }
    for (int y = 0; y < side; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)surface->pixels + (size_t)y * (size_t)surface->pitch);
        for (int x = 0; x < side; x++) {
            int mx = x - quiet, my = y - quiet;
            bool dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
                        (code->data[my * code->width + mx] & 1);
            row[x] = dark ? 0xff000000u : 0xffffffffu;
        }
    }
    QRcode_free(code);
    *modules = side;
    return surface;
}
