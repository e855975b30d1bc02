/* kiosk.c - the kiosk's life: navigation, touch and mouse input with
 * inertial scrolling, the idle countdown and reset, the operator gesture
 * and PIN, counting. */
#include "kiosk_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ui_text.h"

#define COUNTDOWN_SECONDS 10.0
#define LONG_PRESS_SECONDS 1.2
#define CORNER_SEQUENCE_SECONDS 20.0
#define INERTIA_TIME_CONSTANT 0.35 /* seconds for the speed to fall to 1/e */

static const char *screen_names[] = {
    [SCREEN_LANGUAGES] = "languages", [SCREEN_HOME] = "home",
    [SCREEN_CATEGORY] = "category",   [SCREEN_SERVICE] = "service",
    [SCREEN_QR] = "qr",               [SCREEN_ARTICLE] = "article",
    [SCREEN_HELP] = "help",           [SCREEN_PIN] = "pin",
    [SCREEN_OPERATOR] = "operator",   [SCREEN_OUT_OF_SERVICE] = "out-of-service",
};

const char *kiosk_screen_name(kiosk_screen screen)
{
    return (size_t)screen < sizeof screen_names / sizeof *screen_names ? screen_names[screen]
                                                                       : "?";
}

kiosk_screen kiosk_current_screen(const kiosk *k) { return k->history[k->depth - 1].screen; }
const char *kiosk_current_arg(const kiosk *k) { return k->history[k->depth - 1].arg; }
const char *kiosk_screen_arg(const kiosk *k) { return kiosk_current_arg(k); }
const char *kiosk_language(const kiosk *k) { return k->language; }
float kiosk_scroll(const kiosk *k) { return k->view.scroll; }
bool kiosk_idle_countdown(const kiosk *k) { return k->countdown; }
bool kiosk_exit_requested(const kiosk *k) { return k->exit_requested; }
long kiosk_missing_glyph_texts(const kiosk *k) { return k->missing_texts; }

void kiosk_text_stats(const kiosk *k, atlas_stats *atlas, line_cache_stats *lines)
{
    *atlas = text_renderer_atlas_stats(k->text);
    *lines = text_renderer_line_cache_stats(k->text);
}

bool kiosk_animating(const kiosk *k)
{
    return k->countdown || fabsf(k->velocity) > 0 || k->dragging;
}

/* Opens the catalogue file anew.  When it cannot be opened but one is in
 * use (the file was deleted, or replaced by a broken one), that one stays:
 * its file is still open and complete, and a kiosk that works beats an
 * out-of-service screen. */
static void open_catalog(kiosk *k, double now)
{
    char why[sizeof k->catalog_error];
    catalog *fresh = catalog_open(k->catalog_path, why, sizeof why);
    if (fresh) {
        catalog_close(k->catalog);
        k->catalog = fresh;
        k->catalog_error[0] = '\0';
        return;
    }
    snprintf(k->catalog_error, sizeof k->catalog_error, "%s", why);
    /* One line per failed attempt; attempts are minutes apart. */
    if (k->catalog)
        log_message(LOG_ERROR, "kiosk", "new catalogue not loaded, the one in use stays: %s", why);
    else
        log_message(LOG_ERROR, "kiosk", "out of service: catalogue %s", why);
    k->catalog_retry_at = now + 60;
}

static void set_language(kiosk *k, const char *language)
{
    if (strcmp(k->language, language) == 0)
        return;
    snprintf(k->language, sizeof k->language, "%s", language);
    locale_collator_close(k->collator);
    k->collator = language[0] ? locale_collator_open(language) : NULL;
    ui_text_set_language(language[0] ? language : "it");
}

static void count_screen(kiosk *k)
{
    kiosk_screen screen = kiosk_current_screen(k);
    if (!k->counters || !k->language[0] || screen == SCREEN_PIN || screen == SCREEN_OPERATOR)
        return;
    counters_add(k->counters, kiosk_screen_name(screen), k->language, time(NULL));
}

/* Goes to a screen, keeping where we were for Back. */
static void go(kiosk *k, kiosk_screen screen, const char *arg)
{
    k->history[k->depth - 1].scroll = k->view.scroll;
    if (k->depth == KIOSK_HISTORY) {
        memmove(&k->history[1], &k->history[2], (KIOSK_HISTORY - 2) * sizeof *k->history);
        k->depth--;
    }
    kiosk_place *p = &k->history[k->depth++];
    p->screen = screen;
    snprintf(p->arg, sizeof p->arg, "%s", arg ? arg : "");
    p->scroll = 0;
    k->view.scroll = 0;
    k->velocity = 0;
    k->message[0] = '\0';
    k->dirty = true;
    count_screen(k);
}

static void back(kiosk *k)
{
    if (k->depth > 1) {
        k->depth--;
        k->view.scroll = k->history[k->depth - 1].scroll;
    } else {
        k->view.scroll = 0;
    }
    if (kiosk_current_screen(k) == SCREEN_LANGUAGES)
        set_language(k, "");
    k->velocity = 0;
    k->message[0] = '\0';
    k->dirty = true;
}

/* Back to the language picker with nothing of the last person kept. */
static void reset(kiosk *k, double now)
{
    if (k->catalog ? catalog_replaced(k->catalog) : now >= k->catalog_retry_at) {
        log_message(LOG_INFO, "kiosk", "loading the catalogue again");
        open_catalog(k, now);
    }
    set_language(k, "");
    k->show_italian = false;
    memset(k->history, 0, sizeof k->history);
    k->depth = 1;
    k->history[0].screen = SCREEN_LANGUAGES;
    memset(k->pin, 0, sizeof k->pin);
    k->message[0] = '\0';
    k->view.scroll = 0;
    k->velocity = 0;
    k->dragging = false;
    k->down = false;
    k->countdown = false;
    k->corner_step = 0;
    if (k->speech)
        speech_stop(k->speech);
    k->dirty = true;
}

kiosk *kiosk_create(SDL_Renderer *renderer, text_engine *engine, const kiosk_options *options,
                    double now)
{
    kiosk *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->renderer = renderer;
    k->engine = engine;
    k->options = *options;
    snprintf(k->catalog_path, sizeof k->catalog_path, "%s",
             options->catalog_path ? options->catalog_path : "");
    snprintf(k->config_path, sizeof k->config_path, "%s",
             options->config_path ? options->config_path : "");
    snprintf(k->counters_path, sizeof k->counters_path, "%s",
             options->counters_path ? options->counters_path : "");
    snprintf(k->export_dir, sizeof k->export_dir, "%s",
             options->export_dir ? options->export_dir : ".");
    k->text = text_renderer_create(renderer, 0);
    if (!k->text) {
        log_message(LOG_ERROR, "kiosk", "cannot make the glyph atlas: %s", SDL_GetError());
        free(k);
        return NULL;
    }
    view_init(&k->view);
    screens_load_icons(k);
    ui_text_init();
    site_config_defaults(&k->config);
    if (k->config_path[0])
        site_config_load(&k->config, k->config_path);
    if (k->counters_path[0])
        k->counters = counters_open(k->counters_path);
    if (options->speech)
        k->speech = speech_create();
    pin_guard_init(&k->guard);
    k->depth = 1;
    k->history[0].screen = SCREEN_LANGUAGES;
    open_catalog(k, now);
    k->last_input = now;
    k->last_tick = now;
    k->dirty = true;
    return k;
}

void kiosk_destroy(kiosk *k)
{
    if (!k)
        return;
    view_free(&k->view);
    text_renderer_destroy(k->text);
    catalog_close(k->catalog);
    counters_close(k->counters);
    speech_destroy(k->speech);
    locale_collator_close(k->collator);
    free(k->speak.data);
    free(k);
}

/* ---- operator actions ------------------------------------------------ */

static void operator_toggle_language(kiosk *k, const char *code)
{
    site_config *c = &k->config;
    for (int i = 0; i < c->language_count; i++) {
        if (strcmp(c->languages[i], code) == 0) {
            if (c->language_count == 1)
                return; /* at least one language stays on */
            memmove(&c->languages[i], &c->languages[i + 1],
                    (size_t)(c->language_count - i - 1) * sizeof c->languages[0]);
            c->language_count--;
            return;
        }
    }
    if (c->language_count < (int)(sizeof c->languages / sizeof c->languages[0])) {
        snprintf(c->languages[c->language_count], sizeof c->languages[0], "%.7s", code);
        c->language_count++;
    }
}

static void operator_export(kiosk *k)
{
    if (!k->counters) {
        snprintf(k->message, sizeof k->message, "%s", _("Nothing counted: the counts file is not open."));
        return;
    }
    char day[16], path[4200];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    snprintf(path, sizeof path, "%s/sportello-conteggi-%s.csv", k->export_dir, day);
    FILE *out = fopen(path, "w");
    int status = out ? counters_export_csv(k->counters, out) : -1;
    if (out && fclose(out) != 0)
        status = -1;
    if (status == 0)
        snprintf(k->message, sizeof k->message, _("Counts exported to %s"), path);
    else
        snprintf(k->message, sizeof k->message, _("Export failed: %s"), path);
    log_message(status == 0 ? LOG_INFO : LOG_ERROR, "kiosk", "%s", k->message);
}

static void pin_entered(kiosk *k, double now)
{
    if (!k->config.pin_hash[0]) {
        snprintf(k->message, sizeof k->message,
                 "%s",
                 _("No PIN is set: run sportello --set-pin on the kiosk's computer."));
        return;
    }
    int result = pin_guard_try(&k->guard, k->pin, k->config.pin_hash, now);
    memset(k->pin, 0, sizeof k->pin);
    if (result == 1) {
        k->depth--; /* the PIN pad is not kept in history */
        go(k, SCREEN_OPERATOR, NULL);
        log_message(LOG_INFO, "kiosk", "operator screen opened");
    } else if (result == 0) {
        double wait = pin_guard_wait(&k->guard, now);
        if (wait > 0)
            snprintf(k->message, sizeof k->message, _("Wrong PIN. Try again in %.0f seconds."),
                     ceil(wait));
        else
            snprintf(k->message, sizeof k->message, "%s", _("Wrong PIN."));
        log_message(LOG_WARNING, "kiosk", "wrong operator PIN");
    } else {
        snprintf(k->message, sizeof k->message, _("Too many attempts. Try again in %.0f seconds."),
                 ceil(pin_guard_wait(&k->guard, now)));
    }
}

static void leave_operator(kiosk *k)
{
    if (kiosk_current_screen(k) == SCREEN_OPERATOR && k->config_path[0] &&
        !site_config_save(&k->config, k->config_path))
        log_message(LOG_ERROR, "kiosk", "%s: settings not saved", k->config_path);
    memset(k->pin, 0, sizeof k->pin);
    back(k);
}

/* ---- taps ------------------------------------------------------------ */

static void activate(kiosk *k, const view_item *item, double now)
{
    char arg[64];
    snprintf(arg, sizeof arg, "%s", item->arg);
    switch ((kiosk_action)item->action) {
    case ACTION_NONE: break;
    case ACTION_LANGUAGE:
        set_language(k, arg);
        go(k, SCREEN_HOME, NULL);
        break;
    case ACTION_CATEGORY: go(k, SCREEN_CATEGORY, arg); break;
    case ACTION_SERVICE: go(k, SCREEN_SERVICE, arg); break;
    case ACTION_ARTICLE: go(k, SCREEN_ARTICLE, arg); break;
    case ACTION_QR: go(k, SCREEN_QR, arg); break;
    case ACTION_BACK: back(k); break;
    case ACTION_HOME:
        while (k->depth > 1 && kiosk_current_screen(k) != SCREEN_HOME)
            k->depth--;
        if (kiosk_current_screen(k) != SCREEN_HOME)
            go(k, SCREEN_HOME, NULL);
        k->view.scroll = 0;
        k->dirty = true;
        break;
    case ACTION_HELP:
        if (kiosk_current_screen(k) != SCREEN_HELP)
            go(k, SCREEN_HELP, NULL);
        break;
    case ACTION_LANGUAGES: reset(k, now); break;
    case ACTION_ITALIAN:
        k->show_italian = !k->show_italian;
        k->dirty = true;
        break;
    case ACTION_SPEAK:
        if (k->speech) {
            if (speech_is_speaking(k->speech))
                speech_stop(k->speech);
            else if (k->speak.length)
                speech_say(k->speech, k->language, k->speak.data);
        }
        break;
    case ACTION_STAY:
        k->countdown = false;
        k->dirty = true;
        break;
    case ACTION_PIN_DIGIT:
        if (strlen(k->pin) < 12)
            strcat(k->pin, arg);
        k->message[0] = '\0';
        k->dirty = true;
        break;
    case ACTION_PIN_DELETE:
        if (k->pin[0])
            k->pin[strlen(k->pin) - 1] = '\0';
        k->dirty = true;
        break;
    case ACTION_PIN_OK:
        pin_entered(k, now);
        k->dirty = true;
        break;
    case ACTION_CANCEL: leave_operator(k); break;
    case ACTION_OPERATOR_TOWN:
        snprintf(k->config.town, sizeof k->config.town, "%s", arg);
        k->dirty = true;
        break;
    case ACTION_OPERATOR_LANGUAGE:
        operator_toggle_language(k, arg);
        k->dirty = true;
        break;
    case ACTION_OPERATOR_IDLE_LESS:
    case ACTION_OPERATOR_IDLE_MORE: {
        int t = k->config.idle_timeout + (item->action == ACTION_OPERATOR_IDLE_MORE ? 30 : -30);
        k->config.idle_timeout = t < 30 ? 30 : t > 900 ? 900 : t;
        k->dirty = true;
        break;
    }
    case ACTION_OPERATOR_RELOAD:
        open_catalog(k, now);
        if (!k->catalog_error[0])
            snprintf(k->message, sizeof k->message, "%s", _("Catalogue loaded again."));
        else if (k->catalog)
            snprintf(k->message, sizeof k->message, "%s %s",
                     _("The new catalogue cannot be read; the one in use stays."),
                     k->catalog_error);
        else
            snprintf(k->message, sizeof k->message, "%s", k->catalog_error);
        k->dirty = true;
        break;
    case ACTION_OPERATOR_EXPORT:
        operator_export(k);
        k->dirty = true;
        break;
    case ACTION_OPERATOR_EXIT:
        if (k->config_path[0])
            site_config_save(&k->config, k->config_path);
        log_message(LOG_INFO, "kiosk", "operator exit");
        k->exit_requested = true;
        break;
    }
}

/* ---- the operator gesture: a long press on each corner in turn ------ */

static int corner_at(const kiosk *k, float x, float y)
{
    float zone = roundf(96 * k->scale);
    bool left = x < zone, right = x >= (float)k->width - zone;
    bool top = y < zone, bottom = y >= (float)k->height - zone;
    if (top && left)
        return 0;
    if (top && right)
        return 1;
    if (bottom && right)
        return 2;
    if (bottom && left)
        return 3;
    return -1;
}

/* Returns true when the press was part of the gesture (then it is not a
 * tap). */
static bool corner_press(kiosk *k, float x, float y, double held, double now)
{
    int corner = corner_at(k, x, y);
    if (corner < 0 || held < LONG_PRESS_SECONDS)
        return false;
    if (k->corner_step > 0 && now - k->corner_start > CORNER_SEQUENCE_SECONDS)
        k->corner_step = 0;
    if (corner == k->corner_step) {
        if (k->corner_step == 0)
            k->corner_start = now;
        k->corner_step++;
    } else {
        k->corner_step = corner == 0 ? 1 : 0;
        k->corner_start = now;
    }
    if (k->corner_step == 4) {
        k->corner_step = 0;
        if (kiosk_current_screen(k) != SCREEN_PIN && kiosk_current_screen(k) != SCREEN_OPERATOR) {
            memset(k->pin, 0, sizeof k->pin);
            go(k, SCREEN_PIN, NULL);
            log_message(LOG_INFO, "kiosk", "operator gesture: PIN requested");
        }
    }
    return true;
}

/* ---- pointer input (touch and mouse) ------------------------------- */

static float slop(const kiosk *k) { return 12 * k->scale; }

static void pointer_down(kiosk *k, float x, float y, double now)
{
    if (k->dirty)
        screens_build(k);
    k->down = true;
    k->dragging = false;
    k->down_x = x;
    k->down_y = y;
    k->last_y = y;
    k->down_time = now;
    k->last_move_time = now;
    k->down_scroll = k->view.scroll;
    k->velocity = 0;
    k->view.pressed = view_target_at(&k->view, x, y);
}

static void pointer_move(kiosk *k, float x, float y, double now)
{
    if (!k->down)
        return;
    if (!k->dragging && (fabsf(y - k->down_y) > slop(k) || fabsf(x - k->down_x) > slop(k))) {
        /* A drag that starts in the body scrolls it; a tap is cancelled. */
        k->dragging = k->down_y >= k->view.body_top && k->down_y < k->view.body_bottom;
        k->view.pressed = -1;
        if (!k->dragging)
            k->down = false;
    }
    if (!k->dragging)
        return;
    double dt = now - k->last_move_time;
    float dy = y - k->last_y;
    if (dt > 0) {
        /* Smoothed speed of the finger, for the fling on release. */
        float instant = (float)(-dy / dt);
        float weight = (float)(dt / (dt + 0.05));
        k->velocity = k->velocity * (1 - weight) + instant * weight;
    }
    k->last_y = y;
    k->last_move_time = now;
    view_scroll_to(&k->view, k->down_scroll - (y - k->down_y));
}

static void pointer_up(kiosk *k, float x, float y, double now)
{
    if (!k->down)
        return;
    k->down = false;
    int pressed = k->view.pressed;
    k->view.pressed = -1;
    if (k->dragging) {
        k->dragging = false;
        /* A finger that stopped before lifting does not fling. */
        if (now - k->last_move_time > 0.1)
            k->velocity = 0;
        return;
    }
    k->velocity = 0;
    if (corner_press(k, x, y, now - k->down_time, now))
        return;
    if (k->countdown) {
        /* Any touch during the countdown means "still here". */
        k->countdown = false;
        k->dirty = true;
        return;
    }
    int target = view_target_at(&k->view, x, y);
    if (target >= 0 && target == pressed)
        activate(k, &k->view.items[target], now);
}

static void window_point(const kiosk *k, const SDL_Event *e, float nx, float ny, float *x,
                         float *y)
{
    (void)e;
    *x = nx * (float)k->width;
    *y = ny * (float)k->height;
}

/* Mouse coordinates are in window units; the renderer may have more
 * pixels (high DPI). */
static void mouse_point(const kiosk *k, int mx, int my, float *x, float *y)
{
    SDL_Window *window = SDL_RenderGetWindow(k->renderer);
    int ww = k->width, wh = k->height;
    if (window)
        SDL_GetWindowSize(window, &ww, &wh);
    *x = (float)mx * (float)k->width / (float)(ww > 0 ? ww : 1);
    *y = (float)my * (float)k->height / (float)(wh > 0 ? wh : 1);
}

void kiosk_handle_event(kiosk *k, const SDL_Event *e, double now)
{
    float x, y;
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
        if (e->type == SDL_MOUSEMOTION ? e->motion.which == SDL_TOUCH_MOUSEID
                                       : e->button.which == SDL_TOUCH_MOUSEID)
            return; /* the finger events already said it */
        if (e->type == SDL_MOUSEMOTION) {
            if (!k->down)
                return;
            mouse_point(k, e->motion.x, e->motion.y, &x, &y);
            k->last_input = now;
            pointer_move(k, x, y, now);
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            mouse_point(k, e->button.x, e->button.y, &x, &y);
            k->last_input = now;
            if (e->type == SDL_MOUSEBUTTONDOWN)
                pointer_down(k, x, y, now);
            else
                pointer_up(k, x, y, now);
        }
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        window_point(k, e, e->tfinger.x, e->tfinger.y, &x, &y);
        k->last_input = now;
        if (e->type == SDL_FINGERDOWN) {
            if (k->finger_down)
                return; /* one finger at a time */
            k->finger_down = true;
            k->finger = e->tfinger.fingerId;
            pointer_down(k, x, y, now);
        } else if (k->finger_down && e->tfinger.fingerId == k->finger) {
            if (e->type == SDL_FINGERMOTION) {
                pointer_move(k, x, y, now);
            } else {
                k->finger_down = false;
                pointer_up(k, x, y, now);
            }
        }
        break;
    case SDL_MOUSEWHEEL:
        k->last_input = now;
        view_scroll_to(&k->view, k->view.scroll - (float)e->wheel.y * 60 * k->scale);
        break;
    case SDL_KEYDOWN: {
        k->last_input = now;
        if (k->countdown) {
            k->countdown = false;
            k->dirty = true;
        }
        SDL_Keycode key = e->key.keysym.sym;
        float page = k->view.body_bottom - k->view.body_top;
        if (key == SDLK_DOWN)
            view_scroll_to(&k->view, k->view.scroll + 60 * k->scale);
        else if (key == SDLK_UP)
            view_scroll_to(&k->view, k->view.scroll - 60 * k->scale);
        else if (key == SDLK_PAGEDOWN || key == SDLK_SPACE)
            view_scroll_to(&k->view, k->view.scroll + page * 0.9f);
        else if (key == SDLK_PAGEUP)
            view_scroll_to(&k->view, k->view.scroll - page * 0.9f);
        else if (key == SDLK_BACKSPACE || key == SDLK_AC_BACK)
            back(k);
        else if (!k->options.kiosk_mode && key == SDLK_ESCAPE)
            k->exit_requested = true;
        /* In kiosk mode nothing else: Escape, Alt+F4, Ctrl+Q do nothing. */
        break;
    }
    case SDL_QUIT:
        if (!k->options.kiosk_mode)
            k->exit_requested = true;
        else
            log_message(LOG_INFO, "kiosk", "request to close ignored (kiosk mode)");
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_EXPOSED)
            k->dirty = k->dirty || e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED;
        break;
    default:
        break;
    }
}

void kiosk_pump_events(kiosk *k, double now)
{
    SDL_Event event;
    while (SDL_PollEvent(&event))
        kiosk_handle_event(k, &event, now);
}

void kiosk_tick(kiosk *k, double now)
{
    double dt = now - k->last_tick;
    if (dt < 0)
        dt = 0;
    k->last_tick = now;
    if (!k->dragging && k->velocity != 0) {
        float before = k->view.scroll;
        view_scroll_to(&k->view, k->view.scroll + k->velocity * (float)dt);
        k->velocity *= (float)exp(-dt / INERTIA_TIME_CONSTANT);
        if (fabsf(k->velocity) < 20 * k->scale || k->view.scroll == before)
            k->velocity = 0;
    }
    /* Idle: nothing to reset on an untouched language picker. */
    bool at_rest = kiosk_current_screen(k) == SCREEN_LANGUAGES && k->depth == 1 &&
                   k->view.scroll == 0;
    if (!k->catalog && now >= k->catalog_retry_at && !k->down) {
        open_catalog(k, now);
        k->dirty = k->dirty || k->catalog != NULL;
    }
    if (k->down)
        k->last_input = now;
    if (at_rest && !k->countdown) {
        /* Nobody to reset: once per idle period, look for a new catalogue
         * (one stat, not one per frame). */
        if (now - k->last_input >= (double)k->config.idle_timeout) {
            if (k->catalog && catalog_replaced(k->catalog))
                reset(k, now);
            k->last_input = now;
        }
        return;
    }
    double idle = now - k->last_input;
    if (!k->countdown && idle >= (double)k->config.idle_timeout) {
        k->countdown = true;
        k->countdown_start = now;
        k->dirty = true;
    }
    if (k->countdown) {
        if (now - k->countdown_start >= COUNTDOWN_SECONDS) {
            log_message(LOG_DEBUG, "kiosk", "idle: back to the language picker");
            reset(k, now);
            k->last_input = now;
        } else if ((int)(now - k->countdown_start) != (int)(now - dt - k->countdown_start)) {
            k->dirty = true; /* the seconds left changed */
        }
    }
}

static void draw_scroll_bar(kiosk *k)
{
    float max = view_max_scroll(&k->view);
    if (max <= 0)
        return;
    float top = k->view.body_top, height = k->view.body_bottom - top;
    float thumb = height * height / (height + max);
    if (thumb < 40 * k->scale)
        thumb = 40 * k->scale;
    float y = top + (height - thumb) * (k->view.scroll / max);
    float w = 8 * k->scale;
    /* At the end side: right in left-to-right languages, left in RTL. */
    float x = k->view.rtl ? 4 * k->scale : (float)k->width - w - 4 * k->scale;
    SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(k->renderer, 0, 0, 0, 90);
    SDL_FRect r = {x, y, w, thumb};
    SDL_RenderFillRectF(k->renderer, &r);
}

void kiosk_draw(kiosk *k)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(k->renderer, &w, &h);
    if (w != k->width || h != k->height) {
        k->width = w > 0 ? w : 1;
        k->height = h > 0 ? h : 1;
        float sx = (float)k->width / 1280.0f, sy = (float)k->height / 800.0f;
        k->scale = sx < sy ? sx : sy;
        /* Touch targets at least 9 mm: the smallest target is 64 design
         * pixels. */
        float dpi = k->options.dpi > 0 ? k->options.dpi : 96;
        float minimum = 9.0f / 25.4f * dpi / 64.0f;
        if (k->scale < minimum)
            k->scale = minimum;
        k->dirty = true;
    }
    if (k->dirty) {
        float scroll = k->view.scroll;
        screens_build(k);
        view_scroll_to(&k->view, scroll);
        k->dirty = false;
    }
    SDL_SetRenderDrawColor(k->renderer, KIOSK_BACKGROUND.r, KIOSK_BACKGROUND.g,
                           KIOSK_BACKGROUND.b, 255);
    SDL_RenderClear(k->renderer);
    view_draw(&k->view, k->renderer, k->text);
    draw_scroll_bar(k);
}

/* ---- for screenshots and tests --------------------------------------- */

bool kiosk_find_target(const kiosk *k, kiosk_action action, const char *arg, float *x, float *y)
{
    int index = view_find(&k->view, action, arg);
    if (index < 0)
        return false;
    SDL_FRect r = view_screen_rect(&k->view, &k->view.items[index]);
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
    return true;
}

float kiosk_smallest_target(const kiosk *k)
{
    float smallest = 0;
    for (size_t i = 0; i < k->view.count; i++) {
        const view_item *item = &k->view.items[i];
        if (!item->action)
            continue;
        float side = item->rect.w < item->rect.h ? item->rect.w : item->rect.h;
        if (smallest == 0 || side < smallest)
            smallest = side;
    }
    return smallest;
}

bool kiosk_show(kiosk *k, const char *language, kiosk_screen screen, const char *arg, double now)
{
    reset(k, now);
    if (screen == SCREEN_OUT_OF_SERVICE || screen == SCREEN_LANGUAGES)
        return true;
    if (!k->catalog || (language[0] && !catalog_find_language(k->catalog, language)))
        return false;
    set_language(k, language);
    if (screen == SCREEN_PIN || screen == SCREEN_OPERATOR) {
        go(k, screen, NULL);
        return true;
    }
    go(k, SCREEN_HOME, NULL);
    if ((screen == SCREEN_SERVICE || screen == SCREEN_QR) && !catalog_find_service(k->catalog, arg))
        return false;
    if (screen == SCREEN_ARTICLE && !catalog_find_article(k->catalog, arg))
        return false;
    if (screen != SCREEN_HOME)
        go(k, screen, arg);
    return true;
}

size_t kiosk_ids(const kiosk *k, kiosk_screen screen, const char **ids, size_t max)
{
    size_t n = 0;
    if (!k->catalog)
        return 0;
    if (screen == SCREEN_CATEGORY)
        for (size_t i = 0; i < catalog_category_count(k->catalog) && n < max; i++)
            ids[n++] = catalog_category_at(k->catalog, i)->id;
    if (screen == SCREEN_SERVICE || screen == SCREEN_QR)
        for (size_t i = 0; i < catalog_service_count(k->catalog) && n < max; i++) {
            const catalog_service *s = catalog_service_at(k->catalog, i);
            if (screen == SCREEN_SERVICE || s->phone_count || s->address[0])
                ids[n++] = s->id;
        }
    if (screen == SCREEN_ARTICLE)
        for (size_t i = 0; i < catalog_article_count(k->catalog) && n < max; i++)
            ids[n++] = catalog_article_at(k->catalog, i)->id;
    return n;
}

size_t kiosk_languages(const kiosk *k, const char **codes, size_t max)
{
    size_t n = 0;
    for (int i = 0; i < k->config.language_count && n < max; i++)
        if (!k->catalog || catalog_find_language(k->catalog, k->config.languages[i]))
            codes[n++] = k->config.languages[i];
    return n;
}
