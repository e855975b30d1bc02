/* kiosk.h - the kiosk application: navigation, input, idle reset,
 * operator access; it asks pages.h for what a screen shows and the
 * screens (screens/screen.h) to lay it out, at the window's shape.
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

#include "screen_ids.h"
#include "screens/screen.h"
#include "text.h"
#include "text_render.h"
#include "view.h"

typedef struct kiosk_options {
    const char *catalog_path;
    /* Signed catalogues (docs/kiosk.md): the keys named by the site
     * configuration's trusted_keys, else this one (a key file or
     * NAME:BASE64; main.c gives the key installed with the kiosk).  With a
     * key named, only a catalogue signed by a trusted key, not older than
     * the one accepted and whole (integrity_check) is loaded.  With none
     * (tests, benchmarks that configure none) catalogues are not verified. */
    const char *default_trusted_key;
    /* Developer previews (--screenshots, --check-layout): an unsigned
     * catalogue is shown (logged); a signed one is verified all the same. */
    bool allow_unsigned;
    /* Where the highest accepted version of each key is remembered
     * (catalog_versions.h); NULL: only while the kiosk runs. */
    const char *versions_path;
    /* The kiosk's state folder: with the site configuration's update_folder
     * the kiosk takes catalogues from that folder (updates.h), keeps the
     * one accepted and the last refused here; NULL: no updates. */
    const char *state_dir;
    /* Where the kiosk's starts since the computer's boot are counted
     * (health.h), for the operator's screen; NULL: this start is not
     * counted and none are shown. */
    const char *starts_path;
    const char *config_path;   /* site configuration (site_config.h) */
    const char *counters_path; /* NULL: nothing is counted */
    const char *export_dir;    /* where the operator's CSV export goes */
    bool kiosk_mode;           /* fullscreen rules: no close, no Escape */
    float dpi;                 /* of the display; 0: unknown (96 assumed) */
    bool speech;               /* read aloud: recordings, espeak-ng */
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
/* Draws the current frame (the caller presents it).  An unchanged screen
 * is one copy of the last frame, kept as a texture where the renderer has
 * render targets. */
void kiosk_draw(kiosk *k);
/* True when the last frame drawn is no longer what the screen should
 * show (a new screen, a scroll, a press, the countdown's seconds, a
 * window exposed or resized): the main loop draws and presents only then,
 * and a kiosk at rest draws nothing. */
bool kiosk_wants_frame(const kiosk *k);
/* True after the operator chose Exit. */
bool kiosk_exit_requested(const kiosk *k);
/* True while something moves (inertia, countdown): the main loop may sleep
 * longer otherwise. */
bool kiosk_animating(const kiosk *k);
/* Seconds until time alone changes something (the idle countdown starts,
 * shows another second or resets; a catalogue retry; 0 while scrolling
 * moves): the main loop waits for events that long and no longer, and a
 * kiosk at rest wakes only for that. */
double kiosk_seconds_to_wake(const kiosk *k, double now);

/* For --screenshots and tests. */
kiosk_screen kiosk_current_screen(const kiosk *k);
/* True while the speaker button's reading (a recording or espeak-ng) is
 * still being played; it stops at every new screen and at the idle reset. */
bool kiosk_reading_aloud(const kiosk *k);
const char *kiosk_screen_name(kiosk_screen screen);
const char *kiosk_language(const kiosk *k);   /* "" on the language picker */
const char *kiosk_screen_arg(const kiosk *k); /* category, service or article id, or "" */
float kiosk_scroll(const kiosk *k);
/* The search screen's query as typed so far ("" when none). */
const char *kiosk_search_query(const kiosk *k);
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

/* The shape the kiosk lays its screens out at (the renderer's output size
 * and the display's DPI), as of the last kiosk_draw. */
screen_shape kiosk_shape(const kiosk *k);
/* The items of the current screen (tests check them for overlaps). */
const view *kiosk_view(const kiosk *k);
/* Scrolls the body (clamped); for screenshots of the whole height. */
void kiosk_set_scroll(kiosk *k, float scroll);
/* Large text on or off, as the visitor's pictogram button does (tests,
 * screenshots); the idle reset turns it off. */
void kiosk_set_large_text(kiosk *k, bool on);
/* High contrast (black on white, dark fills; reset with the session). */
void kiosk_set_high_contrast(kiosk *k, bool on);
bool kiosk_high_contrast(const kiosk *k);
bool kiosk_large_text(const kiosk *k);
/* Outlines, in red, every box where the string with this catalogue key or
 * msgid is laid out (NULL: none): a translator's --only screenshots. */
void kiosk_set_highlight(kiosk *k, const char *id);
/* Draw the scroll bar or not (a screenshot of the whole height has none). */
void kiosk_set_scroll_bar(kiosk *k, bool shown);

/* The state a screen's slots are laid out in (kiosk_list_slots): the
 * visitor's toggles, the PIN pad's or operator's message (a msgid of
 * kiosk_staff_messages, shown as its translation), and the clock (open
 * now). */
typedef struct kiosk_slot_state {
    bool large_text, show_italian, high_contrast;
    const char *message_msgid; /* NULL: none */
    long long now;             /* time_t; 0: now */
    /* The operator's catalogue and update lines with examples (pages.h:
     * PAGES_OPERATOR_EXAMPLE_*), so every variant is laid out; 0: as they are. */
    int operator_example;
    const char *place;         /* site_config's place ("cas"); NULL: the kiosk's own */
} kiosk_slot_state;

/* Every text slot `screen` (with `arg`) lays out in `state` (the home
 * screen with the idle countdown's too) in `language` in a window of
 * `width` x `height` pixels at `dpi` (0: the kiosk's): each is given to
 * `sink` with its box width and line limit (screen.h).  The kiosk's own
 * screen is not touched.  False when the screen or its record does not
 * exist. */
bool kiosk_list_slots(kiosk *k, const char *language, kiosk_screen screen, const char *arg,
                      int width, int height, float dpi, const kiosk_slot_state *state,
                      screen_slot_sink sink, void *user);

/* The messages the PIN pad and the operator's screen can show. */
typedef struct kiosk_staff_message {
    const char *msgid;
    kiosk_screen screen; /* SCREEN_PIN or SCREEN_OPERATOR */
} kiosk_staff_message;
const kiosk_staff_message *kiosk_staff_messages(size_t *count);

#endif
