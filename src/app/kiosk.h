/* kiosk.h - the kiosk application: screens, navigation, input, idle reset,
 * operator access.
 *
 * The kiosk draws on any SDL_Renderer (a window, or a software renderer on
 * a surface for --screenshots and tests) and takes SDL events.  Time is
 * always passed in (seconds, monotonic), so tests can drive a whole
 * journey, idle timeout included, without waiting.
 *
 * What it keeps about the person in front of it: the language, the screens
 * they went through (for Back), the scroll position, the "show in Italian"
 * toggle and digits typed on the PIN pad.  All of it is dropped at the
 * idle reset.  What it stores: one count per screen x language x day
 * (counters.h). */
#ifndef SPORTELLO_KIOSK_H
#define SPORTELLO_KIOSK_H

#include <stdbool.h>

#include <SDL.h>

#include "text.h"
#include "text_render.h"

typedef enum kiosk_screen {
    SCREEN_LANGUAGES,
    SCREEN_HOME,
    SCREEN_CATEGORY,
    SCREEN_SERVICE,
    SCREEN_QR,
    SCREEN_ARTICLE,
    SCREEN_HELP,
    SCREEN_PIN,
    SCREEN_OPERATOR,
    SCREEN_OUT_OF_SERVICE,
} kiosk_screen;

/* What a tap on a target does (view_item.action). */
typedef enum kiosk_action {
    ACTION_NONE,
    ACTION_LANGUAGE, /* arg: language code */
    ACTION_CATEGORY, /* arg: category id */
    ACTION_SERVICE,  /* arg: service id */
    ACTION_ARTICLE,  /* arg: article id */
    ACTION_QR,       /* arg: service id */
    ACTION_BACK,
    ACTION_HOME,
    ACTION_HELP,
    ACTION_LANGUAGES,
    ACTION_ITALIAN, /* toggle "show in Italian" */
    ACTION_SPEAK,
    ACTION_STAY, /* the idle countdown: "I am still here" */
    ACTION_PIN_DIGIT, /* arg: "0".."9" */
    ACTION_PIN_DELETE,
    ACTION_PIN_OK,
    ACTION_CANCEL, /* leave the PIN pad or the operator screen */
    ACTION_OPERATOR_TOWN, /* arg: town */
    ACTION_OPERATOR_LANGUAGE, /* arg: code: on/off */
    ACTION_OPERATOR_IDLE_LESS,
    ACTION_OPERATOR_IDLE_MORE,
    ACTION_OPERATOR_RELOAD,
    ACTION_OPERATOR_EXPORT,
    ACTION_OPERATOR_EXIT,
} kiosk_action;

typedef struct kiosk_options {
    const char *catalog_path;
    const char *config_path;   /* site configuration (site_config.h) */
    const char *counters_path; /* NULL: nothing is counted */
    const char *export_dir;    /* where the operator's CSV export goes */
    bool kiosk_mode;           /* fullscreen rules: no close, no Escape */
    float dpi;                 /* of the display; 0: unknown (96 assumed) */
    bool speech;               /* try espeak-ng */
} kiosk_options;

typedef struct kiosk kiosk;

/* NULL only when the text renderer cannot be made (logged); a missing
 * catalogue gives a kiosk on its out-of-service screen. */
kiosk *kiosk_create(SDL_Renderer *renderer, text_engine *engine, const kiosk_options *options,
                    double now);
void kiosk_destroy(kiosk *k);

/* One event (mouse, finger, key, window). */
void kiosk_handle_event(kiosk *k, const SDL_Event *event, double now);
/* Takes every pending SDL event (SDL_PollEvent). */
void kiosk_pump_events(kiosk *k, double now);
/* Advances time: scrolling inertia, the idle countdown and reset. */
void kiosk_tick(kiosk *k, double now);
/* Draws the current frame (the caller presents it). */
void kiosk_draw(kiosk *k);
/* True after the operator chose Exit. */
bool kiosk_exit_requested(const kiosk *k);
/* True while something moves (inertia, countdown): the main loop may sleep
 * longer otherwise. */
bool kiosk_animating(const kiosk *k);

/* For --screenshots and tests. */
kiosk_screen kiosk_current_screen(const kiosk *k);
const char *kiosk_screen_name(kiosk_screen screen);
const char *kiosk_language(const kiosk *k); /* "" on the language picker */
const char *kiosk_screen_arg(const kiosk *k); /* category, service or article id, or "" */
float kiosk_scroll(const kiosk *k);
bool kiosk_idle_countdown(const kiosk *k);
/* The centre of the first target with this action (and arg when not NULL),
 * on screen; false when the current screen has none. */
bool kiosk_find_target(const kiosk *k, kiosk_action action, const char *arg, float *x, float *y);
/* The smallest side of any target on screen, in pixels. */
float kiosk_smallest_target(const kiosk *k);
/* Goes straight to a screen in a language (screenshots); false when the
 * screen or its argument does not exist. */
bool kiosk_show(kiosk *k, const char *language, kiosk_screen screen, const char *arg, double now);
/* Ids of the categories, services and articles, for --screenshots. */
size_t kiosk_ids(const kiosk *k, kiosk_screen screen, const char **ids, size_t max);
/* The language codes the picker shows (from the site configuration). */
size_t kiosk_languages(const kiosk *k, const char **codes, size_t max);
/* The glyph atlas and the retained-line cache of the kiosk's text renderer
 * (the soak test checks they stay bounded). */
void kiosk_text_stats(const kiosk *k, atlas_stats *atlas, line_cache_stats *lines);
/* Count of text lines laid out whose glyphs no font has, since start. */
long kiosk_missing_glyph_texts(const kiosk *k);

#endif
