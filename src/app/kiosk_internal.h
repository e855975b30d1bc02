/* kiosk_internal.h - the kiosk's state, shared by kiosk.c (input,
 * navigation, idle reset, operator) and screens.c (what each screen shows).
 * Not for other modules. */
#ifndef SPORTELLO_KIOSK_INTERNAL_H
#define SPORTELLO_KIOSK_INTERNAL_H

#include "catalog_read.h"
#include "counters.h"
#include "kiosk.h"
#include "locale_info.h"
#include "pin.h"
#include "site_config.h"
#include "speech.h"
#include "view.h"

#define KIOSK_HISTORY 16
#define KIOSK_MAX_ICONS 64

typedef struct kiosk_icon {
    char name[32];
    char utf8[5];
} kiosk_icon;

typedef struct kiosk_place {
    kiosk_screen screen;
    char arg[64];
    float scroll;
} kiosk_place;

typedef struct text_buffer {
    char *data;
    size_t length, capacity;
} text_buffer;

struct kiosk {
    SDL_Renderer *renderer;
    text_engine *engine;
    text_renderer *text;
    kiosk_options options;
    char catalog_path[4096], config_path[4096], counters_path[4096], export_dir[4096];

    site_config config;
    catalog *catalog;
    char catalog_error[512];
    double catalog_retry_at;
    counters *counters;
    speech *speech;
    locale_collator *collator;

    /* The person's state: all dropped at the idle reset. */
    char language[8];
    bool show_italian;
    kiosk_place history[KIOSK_HISTORY];
    int depth; /* history[depth - 1] is the current screen */
    char pin[16];
    char message[640]; /* a line for the PIN pad or operator screen */

    /* The current screen. */
    view view;
    bool dirty; /* rebuild before drawing */
    int width, height;
    float scale; /* design pixels (1280 x 800) to screen pixels */
    text_buffer speak; /* what the speaker button reads */
    kiosk_icon icons[KIOSK_MAX_ICONS]; /* assets/icons.txt */
    size_t icon_count;

    /* Input. */
    bool down;
    SDL_FingerID finger;
    bool finger_down;
    float down_x, down_y, last_y;
    double down_time, last_move_time;
    float down_scroll;
    bool dragging;
    float velocity; /* px/s of the body scroll */
    double last_tick;

    /* Idle and operator access. */
    double last_input;
    bool countdown;
    double countdown_start;
    int corner_step;
    double corner_start;
    pin_guard guard;
    bool exit_requested;
    long missing_texts;
};

/* screens.c */
extern const SDL_Color KIOSK_BACKGROUND;
void screens_build(kiosk *k);
void screens_load_icons(kiosk *k);
const char *kiosk_town_name(const char *town);

/* kiosk.c */
const char *kiosk_current_arg(const kiosk *k);

#endif
