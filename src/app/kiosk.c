/* kiosk.c - the kiosk's life: the catalogue in service, navigation, what
 * a tap does, the idle reset, the operator's settings, counting; and the
 * frame: the page of the current screen (pages.c), laid out by its screen
 * (screens/) at the window's shape, drawn by the view.
 *
 * The person's state is the session (session.h); taps, drags and the
 * corner gesture come from input.h; the idle clock from idle.h. */
#include "kiosk.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "catalog_read.h"
#include "catalog_versions.h"
#include "counters.h"
#include "health.h"
#include "icons.h"
#include "idle.h"
#include "input.h"
#include "keyboard.h"
#include "locale_info.h"
#include "log.h"
#include "pages.h"
#include "pin.h"
#include "session.h"
#include "site_config.h"
#include "speech.h"
#include "ui_text.h"
#include "updates.h"

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
    /* The catalogue files as they were when last opened: the installed one
     * and the one accepted from the update folder (files_changed). */
    struct stat files[2];
    bool files_exist[2];
    updates *updates; /* NULL: no update folder or no state folder */
    /* The operator's health panel (page_health): when this kiosk started
     * (the `now` of kiosk_create), its restarts since the computer's boot,
     * and the last catalogue refused at a start or reload (kept when a
     * later one loads; the update folder's are updates_last_refusal). */
    double started;
    bool counting_starts; /* kiosk_options.starts_path given: a kiosk in service */
    long restarts;
    update_refusal refused;
    counters *counters;
    speech *speech;
    locale_collator *collator; /* of the session's language */
    pin_guard guard;
    icon_table icons;
    keyboard_set keyboards; /* the search screen's (assets/keyboards/) */

    session session;
    input input;
    idle_clock idle;

    /* The current screen. */
    page *page;
    view view;
    screen_shape shape;
    bool page_dirty; /* make the page again (and the view) */
    bool view_dirty; /* lay the page out again (size, countdown) */
    bool scroll_bar;
    char highlight[256]; /* a string whose boxes are outlined (--only) */
    /* What the last frame drawn showed: the main loop draws nothing at all
     * when nothing changed (kiosk_wants_frame), and a frame asked for
     * anyway (a window exposed) is one copy of `frame`, the last one kept
     * as a texture. */
    SDL_Texture *frame;
    bool frame_kept; /* `frame` holds the last frame drawn */
    bool frame_valid, exposed;
    float frame_scroll;
    int frame_pressed, frame_seconds;
    double last_tick;
    bool exit_requested;
    long missing_texts;
};

const char *kiosk_screen_name(kiosk_screen screen)
{
    return screen_def_of(screen)->name;
}
kiosk_screen kiosk_current_screen(const kiosk *k)
{
    return session_screen(&k->session);
}
const char *kiosk_screen_arg(const kiosk *k)
{
    return session_arg(&k->session);
}
const char *kiosk_language(const kiosk *k)
{
    return k->session.language;
}
const char *kiosk_search_query(const kiosk *k)
{
    return k->session.query;
}
float kiosk_scroll(const kiosk *k)
{
    return k->view.scroll;
}
bool kiosk_idle_countdown(const kiosk *k)
{
    return k->idle.countdown;
}
bool kiosk_exit_requested(const kiosk *k)
{
    return k->exit_requested;
}
long kiosk_missing_glyph_texts(const kiosk *k)
{
    return k->missing_texts;
}
screen_shape kiosk_shape(const kiosk *k)
{
    return k->shape;
}
const view *kiosk_view(const kiosk *k)
{
    return &k->view;
}
void kiosk_set_scroll(kiosk *k, float scroll)
{
    view_scroll_to(&k->view, scroll);
}
bool kiosk_large_text(const kiosk *k)
{
    return k->session.large_text;
}

void kiosk_set_large_text(kiosk *k, bool on)
{
    if (k->session.large_text != on) {
        k->session.large_text = on;
        k->page_dirty = true;
    }
}

bool kiosk_high_contrast(const kiosk *k)
{
    return k->session.high_contrast;
}

void kiosk_set_high_contrast(kiosk *k, bool on)
{
    if (k->session.high_contrast != on) {
        k->session.high_contrast = on;
        k->page_dirty = true;
    }
}

void kiosk_set_highlight(kiosk *k, const char *id)
{
    snprintf(k->highlight, sizeof k->highlight, "%s", id ? id : "");
    k->view_dirty = true;
}

void kiosk_set_scroll_bar(kiosk *k, bool shown)
{
    k->scroll_bar = shown;
    k->frame_kept = false;
}

void kiosk_text_stats(const kiosk *k, atlas_stats *atlas, line_cache_stats *lines)
{
    *atlas = text_renderer_atlas_stats(k->text);
    *lines = text_renderer_line_cache_stats(k->text);
}

bool kiosk_animating(const kiosk *k)
{
    return k->idle.countdown || fabsf(k->input.velocity) > 0 || k->input.dragging;
}

double kiosk_seconds_to_wake(const kiosk *k, double now)
{
    if (fabsf(k->input.velocity) > 0 || k->input.dragging)
        return 0;
    double wake;
    if (k->idle.countdown) {
        /* Just past the next whole second, when the number shown changes
         * (idle_seconds_left) or the countdown ends. */
        double elapsed = now - k->idle.countdown_start;
        wake = floor(elapsed) + 1 - elapsed + 0.001;
    } else {
        wake = k->idle.last_input + (double)k->config.idle_timeout - now;
    }
    if (!k->catalog && k->catalog_retry_at - now < wake)
        wake = k->catalog_retry_at - now;
    return wake > 0 ? wake : 0;
}

/* ---- the catalogue in service ------------------------------------------- */

/* Two files may hold a catalogue: the one installed with the kiosk
 * (options.catalog_path, maybe read-only) and the one accepted from the
 * update folder, in the state folder (updates.h).  The newer of those that
 * are trusted is put in service.  When neither can be opened but one is in
 * use (the file was deleted, or replaced by a broken one), that one stays:
 * it is in memory and complete, and a kiosk that works beats an
 * out-of-service screen. */
static void format_version(long long version, char *out, size_t size)
{
    time_t t = (time_t)version;
    struct tm tm;
    if (version < 0 || !gmtime_r(&t, &tm) || !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, size, "?");
}

/* The highest version accepted from `c`'s signer: remembered in the state
 * folder, or the catalogue in use's when that is higher. */
static long long accepted_floor(const kiosk *k, const catalog *c)
{
    char hex[17];
    signed_key_id_hex(catalog_signer(c)->id, hex);
    long long floor = catalog_versions_get(k->options.versions_path, hex);
    if (k->catalog && catalog_signer(k->catalog) && catalog_version(k->catalog) > floor)
        floor = catalog_version(k->catalog);
    return floor;
}

static void remember_version(const kiosk *k, const catalog *c)
{
    char hex[17];
    signed_key_id_hex(catalog_signer(c)->id, hex);
    catalog_versions_put(k->options.versions_path, hex, catalog_version(c));
}

/* The sentence of a rollback refused: `c` (from `path`) is older than `floor`. */
static void say_older(const char *path, const catalog *c, long long floor, char *why,
                      size_t why_size)
{
    char built[32], accepted[32];
    format_version(catalog_version(c), built, sizeof built);
    format_version(floor, accepted, sizeof accepted);
    snprintf(why, why_size,
             "%.200s: older than the one accepted (rollback): version %lld (built %s),"
             " version %lld (built %s) accepted",
             path, catalog_version(c), built, floor, accepted);
}

/* Refuses `c` (NULL, why) when it is older than the catalogue in use or
 * than the highest version remembered for its key; else remembers it. */
static catalog *not_older(kiosk *k, catalog *c, char *why, size_t why_size)
{
    long long floor = accepted_floor(k, c);
    if (catalog_version(c) < floor) {
        say_older(catalog_path_of(c), c, floor, why, why_size);
        catalog_close(c);
        return NULL;
    }
    remember_version(k, c);
    return c;
}

/* The keys the site trusts (kiosk_options): their count, 0 with why when
 * none can be read, -1 when none is named (catalogues not verified). */
static int trusted_keys(const kiosk *k, signed_key keys[SIGNED_KEYS_MAX], char *why,
                        size_t why_size)
{
    const char *list = k->config.trusted_keys[0]        ? k->config.trusted_keys
                       : k->options.default_trusted_key ? k->options.default_trusted_key
                                                        : "";
    if (!list[0])
        return -1;
    char reason[512];
    size_t count = signed_keys_read(list, keys, reason, sizeof reason);
    if (count == 0)
        snprintf(why, why_size, "refused: no trusted key can be read (%.200s)", reason);
    return (int)count;
}

/* The file at `path` opened as the trust rules say (kiosk_options), its
 * version not yet compared. */
static catalog *open_verified(kiosk *k, const char *path, bool allow_unsigned, char *why,
                              size_t why_size)
{
    signed_key keys[SIGNED_KEYS_MAX];
    char reason[400];
    int count = trusted_keys(k, keys, reason, sizeof reason);
    if (count < 0)
        return catalog_open(path, why, why_size);
    if (count == 0) {
        snprintf(why, why_size, "%.200s: %.300s", path, reason);
        return NULL;
    }
    return catalog_open_trusted(path, keys, (size_t)count, allow_unsigned, why, why_size);
}

/* The state folder's catalogue, or NULL when the kiosk takes no updates. */
static const char *accepted_path(const kiosk *k)
{
    return k->updates ? updates_catalog_path(k->updates) : NULL;
}

/* Remembers how the catalogue files are now (before they are opened: a
 * change after it is seen at the next look). */
static void note_files(kiosk *k)
{
    const char *paths[2] = {k->catalog_path, accepted_path(k)};
    for (int i = 0; i < 2; i++)
        k->files_exist[i] = paths[i] && stat(paths[i], &k->files[i]) == 0;
}

/* True when either catalogue file is not as it was when last opened
 * (replaced by a new build or an update, deleted, put back). */
static bool files_changed(const kiosk *k)
{
    const char *paths[2] = {k->catalog_path, accepted_path(k)};
    for (int i = 0; i < 2; i++) {
        struct stat now;
        bool exists = paths[i] && stat(paths[i], &now) == 0;
        if (exists != k->files_exist[i] || (exists && !same_file_state(&now, &k->files[i])))
            return true;
    }
    return false;
}

/* The catalogue to put in service: the newer of the installed one and the
 * one accepted from the update folder, trusted and not older than the one
 * accepted; NULL with why. */
static catalog *open_trusted(kiosk *k, char *why, size_t why_size)
{
    catalog *installed =
        open_verified(k, k->catalog_path, k->options.allow_unsigned, why, why_size);
    const char *path = accepted_path(k);
    struct stat st;
    if (path && stat(path, &st) == 0) {
        char reason[512];
        catalog *update = open_verified(k, path, false, reason, sizeof reason);
        if (!update)
            log_message(LOG_ERROR, "kiosk", "the accepted update cannot be used: %s", reason);
        else if (!installed)
            log_message(LOG_WARNING, "kiosk", "the installed catalogue cannot be used: %s", why);
        if (update && (!installed || catalog_version(update) > catalog_version(installed))) {
            catalog_close(installed);
            installed = update;
        } else {
            catalog_close(update);
        }
    }
    catalog *c = installed;
    if (!c)
        return NULL;
    if (!catalog_signer(c)) {
        if (k->options.default_trusted_key || k->config.trusted_keys[0])
            log_message(LOG_WARNING, "kiosk", "%s: not signed: shown for a preview only",
                        catalog_path_of(c));
        return c;
    }
    return not_older(k, c, why, why_size);
}

/* Keeps `why` (which starts with the catalogue's path) as the last
 * catalogue refused, for the operator's screen. */
static void refused_here(kiosk *k, const char *why)
{
    const char *slash = strrchr(k->catalog_path, '/');
    const char *name = slash ? slash + 1 : k->catalog_path;
    size_t length = strlen(k->catalog_path);
    if (strncmp(why, k->catalog_path, length) == 0 && strncmp(why + length, ": ", 2) == 0)
        why += length + 2;
    k->refused.when = (long long)time(NULL);
    snprintf(k->refused.file, sizeof k->refused.file, "%s", name);
    snprintf(k->refused.why, sizeof k->refused.why, "%.399s", why);
}

/* The newer of the last refusals at a start or reload and from the update
 * folder, or NULL. */
static const update_refusal *last_refusal(const kiosk *k)
{
    const update_refusal *folder = updates_last_refusal(k->updates);
    if (folder && folder->when > 0 && folder->when >= k->refused.when)
        return folder;
    return k->refused.when > 0 ? &k->refused : NULL;
}

static void open_catalog(kiosk *k, double now)
{
    char why[sizeof k->catalog_error];
    note_files(k);
    catalog *fresh = open_trusted(k, why, sizeof why);
    if (fresh) {
        bool changed = !k->catalog || catalog_version(k->catalog) != catalog_version(fresh) ||
                       strcmp(catalog_path_of(k->catalog), catalog_path_of(fresh)) != 0;
        catalog_close(k->catalog);
        k->catalog = fresh;
        k->catalog_error[0] = '\0';
        k->page_dirty = true;
        if (changed && catalog_signer(fresh)) {
            char built[32];
            format_version(catalog_version(fresh), built, sizeof built);
            log_message(LOG_INFO, "kiosk",
                        "catalogue in service: %s, version %lld (built %s), signed by %s",
                        catalog_path_of(fresh), catalog_version(fresh), built,
                        catalog_signer(fresh)->name);
        }
        return;
    }
    snprintf(k->catalog_error, sizeof k->catalog_error, "%s", why);
    refused_here(k, why);
    /* One line per failed attempt; attempts are minutes apart. */
    if (k->catalog)
        log_message(LOG_ERROR, "kiosk", "new catalogue not loaded, the one in use stays: %s", why);
    else
        log_message(LOG_ERROR, "kiosk", "out of service: catalogue %s", why);
    k->catalog_retry_at = now + 60;
}

/* ---- updates from the update folder (updates.h) ----------------------- */

/* Whoever was in front of the kiosk is gone: the untouched language picker. */
static bool at_rest(const kiosk *k)
{
    return kiosk_current_screen(k) == SCREEN_LANGUAGES && k->session.depth == 1 &&
           k->view.scroll == 0;
}

/* The copy `temporary` of the update folder's file `name`: verified, its
 * version compared; put in place (true), passed over when it is the
 * catalogue already accepted, or refused (recorded, one log line). */
static bool take_update(kiosk *k, const char *name, const char *temporary, const struct stat *st)
{
    char why[512] = "", reason[480];
    signed_key keys[SIGNED_KEYS_MAX];
    catalog *c = NULL;
    if (trusted_keys(k, keys, reason, sizeof reason) <= 0)
        snprintf(why, sizeof why, "%.200s: updates must be signed and %.260s", temporary,
                 reason[0] ? reason : "no trusted key is named");
    else
        c = open_verified(k, temporary, false, why, sizeof why);
    if (c) {
        long long floor = accepted_floor(k, c);
        if (catalog_version(c) < floor) {
            say_older(temporary, c, floor, why, sizeof why);
        } else if (catalog_version(c) == floor) {
            log_message(LOG_INFO, "updates", "%s: version %lld, the one accepted already", name,
                        catalog_version(c));
            catalog_close(c);
            unlink(temporary);
            return false;
        } else if (updates_install(k->updates, temporary)) {
            char built[32];
            format_version(catalog_version(c), built, sizeof built);
            remember_version(k, c);
            log_message(LOG_INFO, "updates",
                        "%s: accepted, version %lld (built %s), signed by %s: in service at the"
                        " next idle reset",
                        name, catalog_version(c), built, catalog_signer(c)->name);
            catalog_close(c);
            return true;
        } else {
            catalog_close(c);
            return false; /* logged; tried again when the file changes */
        }
        catalog_close(c);
    }
    /* The reason names the copy: say the update folder's name instead. */
    size_t length = strlen(temporary);
    const char *rest = strncmp(why, temporary, length) == 0 ? why + length : NULL;
    if (rest)
        snprintf(reason, sizeof reason, "%s%s", name, rest);
    else
        snprintf(reason, sizeof reason, "%s", why);
    log_message(LOG_ERROR, "updates", "update refused, the catalogue in use stays: %s", reason);
    updates_refuse(k->updates, name, st, rest && rest[0] == ':' ? rest + 2 : reason,
                   (long long)time(NULL));
    unlink(temporary);
    k->page_dirty = true; /* the operator's screen shows it */
    return false;
}

static void reset(kiosk *k, double now);

/* Looks at what arrived in the update folder: each new file is copied
 * into the state folder, verified there and put in place, for the next
 * idle reset (at once when nobody is at the kiosk). */
static void check_updates(kiosk *k, double now)
{
    if (!updates_wanted(k->updates))
        return;
    char path[1400], name[256], temporary[1200], why[1600];
    struct stat st;
    bool installed = false;
    while (updates_next(k->updates, path, sizeof path, name, sizeof name, &st)) {
        if (!updates_copy_in(k->updates, path, &st, temporary, sizeof temporary, why, sizeof why)) {
            log_message(LOG_WARNING, "updates", "%s: looked at again when it changes", why);
            updates_forget(k->updates, name);
            continue;
        }
        installed = take_update(k, name, temporary, &st) || installed;
    }
    if (installed && at_rest(k) && !k->input.down)
        reset(k, now);
}

/* ---- navigation ---------------------------------------------------------- */

static void set_language(kiosk *k, const char *language)
{
    if (strcmp(k->session.language, language) == 0)
        return;
    session_set_language(&k->session, language);
    locale_collator_close(k->collator);
    k->collator = language[0] ? locale_collator_open(language) : NULL;
}

static void count_screen(kiosk *k)
{
    const screen_def *def = screen_def_of(session_screen(&k->session));
    if (k->counters && k->session.language[0] && def->counted)
        counters_add(k->counters, def->name, k->session.language, time(NULL));
}

static void rebuild(kiosk *k);

/* A search is counted once, when the visitor leaves its query (opens a
 * result, goes back, home, to Help now, or the idle reset): whether it
 * found something, and nothing of what was typed (counters.h). */
static void leave_search(kiosk *k)
{
    session *s = &k->session;
    if (session_screen(s) != SCREEN_SEARCH || !s->search_pending || !s->query[0])
        return;
    if (k->page_dirty || !k->page || k->page->screen != SCREEN_SEARCH)
        rebuild(k);
    bool found = k->page && k->page->screen == SCREEN_SEARCH && k->page->search.count > 0;
    if (k->counters && s->language[0])
        counters_add_search(k->counters, s->language, found, time(NULL));
    s->search_pending = false;
}

/* A new screen: what was being read aloud belongs to the last one. */
static void changed(kiosk *k, float scroll)
{
    if (k->speech)
        speech_stop(k->speech);
    k->view.scroll = scroll;
    input_reset(&k->input);
    k->page_dirty = true;
}

/* Goes to a screen, keeping where we were for Back. */
static void go(kiosk *k, kiosk_screen screen, const char *arg)
{
    leave_search(k);
    session_go(&k->session, screen, arg, k->view.scroll);
    changed(k, 0);
    count_screen(k);
}

static void back(kiosk *k)
{
    leave_search(k);
    float scroll = session_back(&k->session);
    if (!k->session.language[0])
        set_language(k, "");
    changed(k, scroll);
}

/* Back to the language picker with nothing of the last person kept. */
static void reset(kiosk *k, double now)
{
    updates_rewatch(k->updates);
    if (k->catalog ? files_changed(k) : now >= k->catalog_retry_at) {
        log_message(LOG_INFO, "kiosk", "loading the catalogue again");
        open_catalog(k, now);
    }
    leave_search(k);
    set_language(k, "");
    session_reset(&k->session); /* the query too */
    idle_start(&k->idle, now);
    changed(k, 0); /* stops reading aloud too */
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
    icons_load(&k->icons);
    keyboard_set_load(&k->keyboards);
    ui_text_init();
    site_config_defaults(&k->config);
    if (k->config_path[0])
        site_config_load(&k->config, k->config_path);
    if (k->counters_path[0])
        k->counters = counters_open(k->counters_path);
    if (options->state_dir && options->state_dir[0] && k->config.update_folder[0])
        k->updates = updates_open(k->config.update_folder, options->state_dir);
    if (options->speech)
        k->speech = speech_create();
    k->started = now;
    k->counting_starts = options->starts_path != NULL;
    char boot_id[HEALTH_BOOT_ID_SIZE];
    if (!options->starts_path)
        k->restarts = 0;
    else if (!health_boot_id(HEALTH_BOOT_ID_PATH, boot_id)) {
        k->restarts = -1;
        log_message(LOG_WARNING, "kiosk", "%s: cannot be read: restarts not counted",
                    HEALTH_BOOT_ID_PATH);
    } else {
        k->restarts = health_count_start(options->starts_path, boot_id);
        log_message(LOG_INFO, "kiosk", "started; %ld restarts since the computer started",
                    k->restarts);
    }
    pin_guard_init(&k->guard);
    session_reset(&k->session);
    input_reset(&k->input);
    idle_start(&k->idle, now);
    open_catalog(k, now);
    k->last_tick = now;
    k->scroll_bar = true;
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer, &w, &h);
    k->shape = screen_shape_for(w, h, options->dpi);
    k->page_dirty = true;
    return k;
}

void kiosk_destroy(kiosk *k)
{
    if (!k)
        return;
    view_free(&k->view);
    page_free(k->page);
    if (k->frame)
        SDL_DestroyTexture(k->frame);
    text_renderer_destroy(k->text);
    catalog_close(k->catalog);
    updates_close(k->updates);
    counters_close(k->counters);
    speech_destroy(k->speech);
    locale_collator_close(k->collator);
    free(k);
}

/* ---- the screen: page, then layout ------------------------------------ */

/* The language of the kiosk's own words on a screen: the visitor's,
 * Italian before one is chosen and on the operator's screens.  Set once
 * per screen, before its page is made. */
static const char *words_language(const kiosk *k, kiosk_screen screen)
{
    return screen_def_of(screen)->staff || !k->session.language[0] ? "it" : k->session.language;
}

/* The search screen's query for `arg` of kiosk_show and kiosk_list_slots:
 * none, the language's example ("example": a guide's word; "example-topic":
 * a topic's), or the text itself. */
static void search_query_of(kiosk *k, const char *language, const char *arg, char *out, size_t size)
{
    if (arg && (strcmp(arg, "example") == 0 || strcmp(arg, "example-topic") == 0)) {
        char *example =
            pages_search_example(k->catalog, language, strcmp(arg, "example-topic") == 0);
        snprintf(out, size, "%s", example ? example : "");
        free(example);
    } else {
        snprintf(out, size, "%s", arg ? arg : "");
    }
}

static page *make_page(kiosk *k, const char *language, kiosk_screen screen, const char *arg,
                       const kiosk_slot_state *state, const char *query)
{
    pages_input in = {.catalog = k->catalog,
                      .config = &k->config,
                      .counters = k->counters,
                      .collator = k->collator,
                      .language = language,
                      .show_italian = state->show_italian,
                      .large_text = state->large_text,
                      .high_contrast = state->high_contrast,
                      .message = k->session.message,
                      .message_msgid = k->session.message_msgid,
                      .pin_digits = strlen(k->session.pin),
                      .now = state->now ? state->now : (long long)time(NULL),
                      /* Only a kiosk in service has run for a while: the
                       * screenshots' and listings' clocks jump (to draw the
                       * idle countdown), so theirs say 0. */
                      .health = {.uptime = k->counting_starts
                                               ? (long)(fmax(k->last_tick, k->started) - k->started)
                                               : 0,
                                 .restarts = k->restarts},
                      .query = query ? query : k->session.query,
                      .composing = query ? "" : k->session.composing,
                      .keyboards = &k->keyboards,
                      .latin_keys = !query && k->session.latin_keys,
                      .keyboard_hidden = !query && k->session.keyboard_hidden,
                      .key_choices = query ? NULL : k->session.key_choices,
                      .refused = last_refusal(k),
                      .operator_example = state->operator_example};
    site_config config;
    if (state->place) { /* the slots' listing, as at another place */
        config = k->config;
        snprintf(config.place, sizeof config.place, "%s", state->place);
        in.config = &config;
    }
    char message[sizeof k->session.message];
    if (state->message_msgid) { /* a message of its own (the slots' listing) */
        snprintf(message, sizeof message, "%s", _(state->message_msgid));
        in.message = message;
        in.message_msgid = state->message_msgid;
    }
    return pages_build(&in, screen, arg);
}

/* The speaker button shows where the page has a translator's recording or
 * the language an espeak-ng voice (so Pashto and Tigrinya, which have no
 * voice, get it where they have recordings).  speech_has_voice is asked
 * only for a screen with a speaker button: its first answer starts
 * espeak-ng (about 3 ms, speech.h), which the language picker, in Italian
 * but without a speaker button, must not cost the kiosk's start. */
static screen_ctx context(kiosk *k, view *v, screen_shape shape, const page *p)
{
    return (screen_ctx){.view = v,
                        .engine = k->engine,
                        .renderer = k->renderer,
                        .icons = &k->icons,
                        .shape = shape,
                        .large_text = p->large_text,
                        .speech = k->speech && p->language[0] &&
                                  (screen_def_of(p->screen)->bar & BAR_SPEAK) &&
                                  (p->speak_recorded || speech_has_voice(k->speech, p->language))};
}

static void rebuild(kiosk *k)
{
    kiosk_screen screen = session_screen(&k->session);
    if (k->page_dirty || !k->page) {
        ui_text_set_language(words_language(k, screen));
        kiosk_slot_state state = {.large_text = k->session.large_text,
                                  .show_italian = k->session.show_italian,
                                  .high_contrast = k->session.high_contrast};
        page *fresh =
            make_page(k, k->session.language, screen, session_arg(&k->session), &state, NULL);
        if (fresh) {
            page_free(k->page);
            k->page = fresh;
        }
        k->page_dirty = false;
    }
    if (!k->page)
        return;
    ui_text_set_language(words_language(k, k->page->screen));
    float scroll = k->view.scroll;
    screen_ctx ctx = context(k, &k->view, k->shape, k->page);
    ctx.highlight = k->highlight[0] ? k->highlight : NULL;
    ctx.countdown = k->idle.countdown;
    ctx.countdown_seconds = idle_seconds_left(&k->idle, k->last_tick);
    screen_build(&ctx, k->page);
    k->missing_texts += ctx.missing_texts;
    view_scroll_to(&k->view, scroll);
    k->view_dirty = false;
}

static bool dirty(const kiosk *k)
{
    return k->page_dirty || k->view_dirty || !k->page;
}

bool kiosk_list_slots(kiosk *k, const char *language, kiosk_screen screen, const char *arg,
                      int width, int height, float dpi, const kiosk_slot_state *state,
                      screen_slot_sink sink, void *user)
{
    if (screen != SCREEN_OUT_OF_SERVICE && screen != SCREEN_LANGUAGES &&
        (!k->catalog || !catalog_find_language(k->catalog, language) ||
         !pages_exists(k->catalog, screen, arg)))
        return false;
    char before[16];
    snprintf(before, sizeof before, "%s", ui_text_language());
    locale_collator *collator = locale_collator_open(language);
    locale_collator *kept = k->collator;
    k->collator = collator;
    const char *visitor = screen == SCREEN_LANGUAGES ? "" : language;
    ui_text_set_language(screen_def_of(screen)->staff || !visitor[0] ? "it" : visitor);
    char query[SESSION_QUERY_BYTES + 1];
    search_query_of(k, visitor, screen == SCREEN_SEARCH ? arg : NULL, query, sizeof query);
    page *p = make_page(k, visitor, screen, screen == SCREEN_SEARCH ? NULL : arg, state, query);
    k->collator = kept;
    locale_collator_close(collator);
    if (!p) {
        ui_text_set_language(before);
        return false;
    }
    view v;
    view_init(&v);
    screen_ctx ctx =
        context(k, &v, screen_shape_for(width, height, dpi > 0 ? dpi : k->options.dpi), p);
    ctx.renderer = NULL; /* no textures: only the texts matter */
    /* The idle countdown's slots come with the home screen's (it can be
     * over any screen; its texts are the same). */
    ctx.countdown = screen == SCREEN_HOME;
    ctx.countdown_seconds = (int)IDLE_COUNTDOWN_SECONDS;
    ctx.slot_sink = sink;
    ctx.slot_user = user;
    screen_build(&ctx, p);
    view_free(&v);
    page_free(p);
    ui_text_set_language(before);
    return true;
}

/* ---- operator actions ------------------------------------------------ */

/* Every message the PIN pad and the operator's screen can show, each its
 * msgid: the actions say them, the translators' layout check and slot
 * comments lay each out in its slot (kiosk_staff_messages). */
enum {
    SAY_NOT_COUNTED,
    SAY_EXPORTED,
    SAY_EXPORT_FAILED,
    SAY_RELOADED,
    SAY_RELOAD_FAILED,
    SAY_NO_PIN,
    SAY_WRONG_PIN_WAIT,
    SAY_WRONG_PIN,
    SAY_TOO_MANY,
    SAY_COUNT
};
static const kiosk_staff_message staff_messages[SAY_COUNT] = {
    [SAY_NOT_COUNTED] = {N_("Nothing counted: the counts file is not open."), SCREEN_OPERATOR},
    [SAY_EXPORTED] =
        {/* TRANSLATORS: %s is the file's path. */
         N_("Counts exported to %s"), SCREEN_OPERATOR},
    [SAY_EXPORT_FAILED] =
        {/* TRANSLATORS: %s is the file's path. */
         N_("Export failed: %s"), SCREEN_OPERATOR},
    [SAY_RELOADED] = {N_("Catalogue loaded again."), SCREEN_OPERATOR},
    [SAY_RELOAD_FAILED] =
        {/* TRANSLATORS: followed by the reason, in English, for the
            technician. */
         N_("The new catalogue cannot be read; the one in use stays."), SCREEN_OPERATOR},
    [SAY_NO_PIN] = {N_("No PIN is set: run sportello --set-pin on the kiosk's computer."),
                    SCREEN_PIN},
    [SAY_WRONG_PIN_WAIT] = {N_("Wrong PIN. Try again in %.0f seconds."), SCREEN_PIN},
    [SAY_WRONG_PIN] = {N_("Wrong PIN."), SCREEN_PIN},
    [SAY_TOO_MANY] = {N_("Too many attempts. Try again in %.0f seconds."), SCREEN_PIN},
};

const kiosk_staff_message *kiosk_staff_messages(size_t *count)
{
    *count = SAY_COUNT;
    return staff_messages;
}

/* The message `which` (its translation, formatted with the arguments). */
static void say(session *s, int which, ...)
{
    const char *msgid = staff_messages[which].msgid;
    char text[sizeof s->message];
    va_list args;
    va_start(args, which);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(text, sizeof text, _(msgid), args); /* msgfmt --check-format checks each */
#pragma GCC diagnostic pop
    va_end(args);
    session_message(s, msgid, "%s", text);
}

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
    session *s = &k->session;
    if (!k->counters) {
        say(s, SAY_NOT_COUNTED);
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
        say(s, SAY_EXPORTED, path);
    else
        say(s, SAY_EXPORT_FAILED, path);
    log_message(status == 0 ? LOG_INFO : LOG_ERROR, "kiosk", "%s", s->message);
}

static void operator_reload(kiosk *k, double now)
{
    open_catalog(k, now);
    if (!k->catalog_error[0])
        say(&k->session, SAY_RELOADED);
    else if (k->catalog)
        session_message(&k->session, staff_messages[SAY_RELOAD_FAILED].msgid, "%s %s",
                        _(staff_messages[SAY_RELOAD_FAILED].msgid), k->catalog_error);
    else
        session_message(&k->session, NULL, "%s", k->catalog_error);
}

static void pin_entered(kiosk *k, double now)
{
    session *s = &k->session;
    if (!k->config.pin_hash[0]) {
        say(s, SAY_NO_PIN);
        return;
    }
    int result = pin_guard_try(&k->guard, s->pin, k->config.pin_hash, now);
    session_pin_clear(s);
    if (result == 1) {
        session_replace(s, SCREEN_OPERATOR, NULL); /* the PIN pad is not kept in history */
        changed(k, 0);
        log_message(LOG_INFO, "kiosk", "operator screen opened");
    } else if (result == 0) {
        double wait = pin_guard_wait(&k->guard, now);
        if (wait > 0)
            say(s, SAY_WRONG_PIN_WAIT, ceil(wait));
        else
            say(s, SAY_WRONG_PIN);
        log_message(LOG_WARNING, "kiosk", "wrong operator PIN");
    } else {
        say(s, SAY_TOO_MANY, ceil(pin_guard_wait(&k->guard, now)));
    }
}

static void leave_operator(kiosk *k)
{
    if (kiosk_current_screen(k) == SCREEN_OPERATOR && k->config_path[0] &&
        !site_config_save(&k->config, k->config_path))
        log_message(LOG_ERROR, "kiosk", "%s: settings not saved", k->config_path);
    session_pin_clear(&k->session);
    back(k);
}

/* ---- read aloud ------------------------------------------------------- */

/* What each part of `p` is read with: its recording's bytes (malloc'd)
 * where it has one, its text otherwise. */
static void speech_parts_of(kiosk *k, const page *p, const char *language, speech_part *parts)
{
    for (size_t i = 0; i < p->speak_count; i++) {
        parts[i] = (speech_part){.text = p->speak[i].text};
        if (p->speak[i].key)
            parts[i].recording =
                catalog_recording(k->catalog, p->speak[i].key, language, &parts[i].recording_size);
    }
}

/* The page read aloud: each text by its translator's recording where the
 * catalogue has one, by espeak-ng otherwise (speech_say_parts). */
static void read_aloud(kiosk *k, const page *p, const char *language)
{
    if (p->speak_count == 0)
        return;
    speech_part *parts = calloc(p->speak_count, sizeof *parts);
    if (!parts)
        return;
    speech_parts_of(k, p, language, parts);
    speech_say_parts(k->speech, language, parts, p->speak_count);
    for (size_t i = 0; i < p->speak_count; i++)
        free((void *)parts[i].recording);
    free(parts);
}

/* ---- taps ------------------------------------------------------------ */

static void activate(kiosk *k, const view_item *item, double now)
{
    char arg[64];
    snprintf(arg, sizeof arg, "%s", item->arg);
    session *s = &k->session;
    switch ((kiosk_action)item->action) {
    case ACTION_NONE:
        return;
    case ACTION_LANGUAGE:
        set_language(k, arg);
        go(k, SCREEN_HOME, NULL);
        return;
    case ACTION_CATEGORY:
        go(k, SCREEN_CATEGORY, arg);
        return;
    case ACTION_SERVICE:
        go(k, SCREEN_SERVICE, arg);
        return;
    case ACTION_ARTICLE:
        go(k, SCREEN_ARTICLE, arg);
        return;
    case ACTION_QR:
        go(k, SCREEN_QR, arg);
        return;
    case ACTION_BACK:
        back(k);
        return;
    case ACTION_HOME:
        leave_search(k);
        session_home(s, k->view.scroll);
        changed(k, 0);
        return;
    case ACTION_HELP:
        if (kiosk_current_screen(k) != SCREEN_HELP)
            go(k, SCREEN_HELP, NULL);
        return;
    case ACTION_SEARCH:
        if (kiosk_current_screen(k) != SCREEN_SEARCH) {
            s->key_choices[0] = '\0';
            go(k, SCREEN_SEARCH, NULL);
        }
        return;
    case ACTION_KEY:
        session_query_type(s, arg);
        s->key_choices[0] = '\0';
        break;
    case ACTION_KEY_CHOICES:
        snprintf(s->key_choices, sizeof s->key_choices, "%s", arg);
        break;
    case ACTION_KEY_ERASE:
        session_query_erase(s);
        break;
    case ACTION_KEY_SWITCH:
        s->latin_keys = !s->latin_keys;
        s->key_choices[0] = '\0';
        break;
    case ACTION_KEY_KEYBOARD:
        s->keyboard_hidden = !s->keyboard_hidden;
        s->key_choices[0] = '\0';
        break;
    case ACTION_LANGUAGES:
        reset(k, now);
        return;
    case ACTION_ITALIAN:
        s->show_italian = !s->show_italian;
        break;
    case ACTION_TEXT_SIZE:
        s->large_text = !s->large_text;
        break;
    case ACTION_CONTRAST:
        s->high_contrast = !s->high_contrast;
        break;
    case ACTION_SPEAK:
        if (k->speech) {
            if (speech_is_speaking(k->speech))
                speech_stop(k->speech);
            else if (k->page)
                read_aloud(k, k->page, s->language);
        }
        return;
    case ACTION_STAY:
        idle_stay(&k->idle, now);
        k->view_dirty = true;
        return;
    case ACTION_PIN_DIGIT:
        session_pin_digit(s, arg);
        break;
    case ACTION_PIN_DELETE:
        session_pin_delete(s);
        break;
    case ACTION_PIN_OK:
        pin_entered(k, now);
        break;
    case ACTION_CANCEL:
        leave_operator(k);
        return;
    case ACTION_OPERATOR_TOWN:
        snprintf(k->config.town, sizeof k->config.town, "%s", arg);
        break;
    case ACTION_OPERATOR_LANGUAGE:
        operator_toggle_language(k, arg);
        break;
    case ACTION_OPERATOR_IDLE_LESS:
    case ACTION_OPERATOR_IDLE_MORE: {
        int t = k->config.idle_timeout + (item->action == ACTION_OPERATOR_IDLE_MORE ? 30 : -30);
        k->config.idle_timeout = t < 30 ? 30 : t > 900 ? 900 : t;
        break;
    }
    case ACTION_OPERATOR_RELOAD:
        operator_reload(k, now);
        break;
    case ACTION_OPERATOR_EXPORT:
        operator_export(k);
        break;
    case ACTION_OPERATOR_EXIT:
        if (k->config_path[0])
            site_config_save(&k->config, k->config_path);
        log_message(LOG_INFO, "kiosk", "operator exit");
        k->exit_requested = true;
        return;
    }
    k->page_dirty = true; /* the same screen shows something new */
}

/* ---- input -------------------------------------------------------------- */

static float px_of(const kiosk *k, float units)
{
    return roundf(units * k->shape.scale);
}

static void pointer_down(kiosk *k, float x, float y, double now)
{
    if (dirty(k))
        rebuild(k);
    input_down(&k->input, &k->view, x, y, now);
}

static void pointer_up(kiosk *k, float x, float y, double now)
{
    input_release r = input_up(&k->input, &k->view, x, y, now, px_of(k, 96));
    switch (r.kind) {
    case INPUT_NONE:
    case INPUT_CORNER:
        return;
    case INPUT_GESTURE:
        if (kiosk_current_screen(k) != SCREEN_PIN && kiosk_current_screen(k) != SCREEN_OPERATOR) {
            session_pin_clear(&k->session);
            go(k, SCREEN_PIN, NULL);
            log_message(LOG_INFO, "kiosk", "operator gesture: PIN requested");
        }
        return;
    case INPUT_TAP:
        if (k->idle.countdown) {
            /* Any touch during the countdown means "still here". */
            idle_stay(&k->idle, now);
            k->view_dirty = true;
        } else if (r.target >= 0) {
            activate(k, &k->view.items[r.target], now);
        }
        return;
    }
}

/* Mouse coordinates are in window units; the renderer may have more
 * pixels (high DPI). */
static void mouse_point(const kiosk *k, int mx, int my, float *x, float *y)
{
    SDL_Window *window = SDL_RenderGetWindow(k->renderer);
    int ww = k->shape.width, wh = k->shape.height;
    if (window)
        SDL_GetWindowSize(window, &ww, &wh);
    *x = (float)mx * (float)k->shape.width / (float)(ww > 0 ? ww : 1);
    *y = (float)my * (float)k->shape.height / (float)(wh > 0 ? wh : 1);
}

/* A hardware keyboard on the search screen: Backspace erases (an input
 * method composing handles its own), Enter opens the first result, space
 * is typed (SDL_TEXTINPUT), not a page down. */
static bool search_key(kiosk *k, SDL_Keycode key)
{
    session *s = &k->session;
    if (key == SDLK_BACKSPACE) {
        if (!s->composing[0]) {
            session_query_erase(s);
            k->page_dirty = true;
        }
        return true;
    }
    if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
        if (k->page_dirty || !k->page)
            rebuild(k);
        if (k->page && k->page->screen == SCREEN_SEARCH && k->page->search.count) {
            const page_search_result *r = &k->page->search.results[0];
            char id[64];
            snprintf(id, sizeof id, "%s", r->id);
            go(k,
               r->action == ACTION_SERVICE   ? SCREEN_SERVICE
               : r->action == ACTION_ARTICLE ? SCREEN_ARTICLE
                                             : SCREEN_CATEGORY,
               id);
        }
        return true;
    }
    return key == SDLK_SPACE;
}

/* Text from a hardware keyboard or an input method, on the search screen. */
static void text_input(kiosk *k, const SDL_Event *e)
{
    session *s = &k->session;
    if (kiosk_current_screen(k) != SCREEN_SEARCH)
        return;
    if (e->type == SDL_TEXTINPUT) {
        session_query_type(s, e->text.text);
        s->composing[0] = '\0';
    } else {
        snprintf(s->composing, sizeof s->composing, "%s", e->edit.text);
    }
    s->key_choices[0] = '\0';
    k->page_dirty = true;
}

static void key_down(kiosk *k, SDL_Keycode key, double now)
{
    if (k->idle.countdown) {
        idle_stay(&k->idle, now);
        k->view_dirty = true;
    }
    float page = k->view.body_bottom - k->view.body_top, line = px_of(k, 60);
    if (kiosk_current_screen(k) == SCREEN_SEARCH && search_key(k, key))
        return;
    if (key == SDLK_DOWN)
        view_scroll_to(&k->view, k->view.scroll + line);
    else if (key == SDLK_UP)
        view_scroll_to(&k->view, k->view.scroll - line);
    else if (key == SDLK_PAGEDOWN || key == SDLK_SPACE)
        view_scroll_to(&k->view, k->view.scroll + page * 0.9f);
    else if (key == SDLK_PAGEUP)
        view_scroll_to(&k->view, k->view.scroll - page * 0.9f);
    else if (key == SDLK_BACKSPACE || key == SDLK_AC_BACK)
        back(k);
    else if (!k->options.kiosk_mode && key == SDLK_ESCAPE)
        k->exit_requested = true;
    /* In kiosk mode nothing else: Escape, Alt+F4, Ctrl+Q do nothing. */
}

void kiosk_handle_event(kiosk *k, const SDL_Event *e, double now)
{
    float x, y;
    input *in = &k->input;
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
        if (e->type == SDL_MOUSEMOTION ? e->motion.which == SDL_TOUCH_MOUSEID
                                       : e->button.which == SDL_TOUCH_MOUSEID)
            return; /* the finger events already said it */
        if (e->type == SDL_MOUSEMOTION) {
            if (!in->down)
                return;
            mouse_point(k, e->motion.x, e->motion.y, &x, &y);
            idle_touched(&k->idle, now);
            input_move(in, &k->view, x, y, now, px_of(k, 12));
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            mouse_point(k, e->button.x, e->button.y, &x, &y);
            idle_touched(&k->idle, now);
            if (e->type == SDL_MOUSEBUTTONDOWN)
                pointer_down(k, x, y, now);
            else
                pointer_up(k, x, y, now);
        }
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        x = e->tfinger.x * (float)k->shape.width;
        y = e->tfinger.y * (float)k->shape.height;
        idle_touched(&k->idle, now);
        if (e->type == SDL_FINGERDOWN) {
            if (in->finger_down)
                return; /* one finger at a time */
            pointer_down(k, x, y, now);
            in->finger_down = true;
            in->finger = e->tfinger.fingerId;
        } else if (in->finger_down && e->tfinger.fingerId == in->finger) {
            if (e->type == SDL_FINGERMOTION) {
                input_move(in, &k->view, x, y, now, px_of(k, 12));
            } else {
                in->finger_down = false;
                pointer_up(k, x, y, now);
            }
        }
        break;
    case SDL_MOUSEWHEEL:
        idle_touched(&k->idle, now);
        view_scroll_to(&k->view, k->view.scroll - (float)e->wheel.y * px_of(k, 60));
        break;
    case SDL_KEYDOWN:
        idle_touched(&k->idle, now);
        key_down(k, e->key.keysym.sym, now);
        break;
    case SDL_TEXTINPUT:
    case SDL_TEXTEDITING:
        idle_touched(&k->idle, now);
        text_input(k, e);
        break;
    case SDL_QUIT:
        if (!k->options.kiosk_mode)
            k->exit_requested = true;
        else
            log_message(LOG_INFO, "kiosk", "request to close ignored (kiosk mode)");
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        k->frame_kept = false; /* the kept frame's pixels are gone */
        k->exposed = true;
        break;
    case SDL_WINDOWEVENT:
        /* A new size or a rotation: kiosk_draw reads the renderer's size. */
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            k->view_dirty = true;
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
            e->window.event == SDL_WINDOWEVENT_SHOWN || e->window.event == SDL_WINDOWEVENT_RESTORED)
            k->exposed = true; /* the compositor lost our pixels */
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
    input_fling(&k->input, &k->view, dt, px_of(k, 20));
    if (!k->catalog && now >= k->catalog_retry_at && !k->input.down)
        open_catalog(k, now);
    if (k->input.down)
        idle_touched(&k->idle, now);
    check_updates(k, now);
    /* Nobody to reset on an untouched language picker. */
    int shown = idle_seconds_left(&k->idle, now - dt);
    switch (idle_tick(&k->idle, now, (double)k->config.idle_timeout, at_rest(k))) {
    case IDLE_NOTHING:
        break;
    case IDLE_RESTING:
        /* Once per idle period, look for a new catalogue (one stat, not
         * one per frame). */
        if (k->catalog && files_changed(k))
            reset(k, now);
        break;
    case IDLE_COUNTDOWN:
        k->view_dirty = true;
        break;
    case IDLE_SECOND:
        if (idle_seconds_left(&k->idle, now) != shown)
            k->view_dirty = true; /* the seconds left changed */
        break;
    case IDLE_RESET:
        log_message(LOG_DEBUG, "kiosk", "idle: back to the language picker");
        reset(k, now);
        break;
    }
}

static void draw_scroll_bar(kiosk *k)
{
    float max = view_max_scroll(&k->view);
    if (max <= 0 || !k->scroll_bar)
        return;
    float top = k->view.body_top, height = k->view.body_bottom - top;
    float thumb = height * height / (height + max);
    if (thumb < px_of(k, 40))
        thumb = px_of(k, 40);
    float y = top + (height - thumb) * (k->view.scroll / max);
    float w = px_of(k, 8);
    /* At the end side: right in left-to-right languages, left in RTL. */
    float x = k->view.rtl ? px_of(k, 4) : (float)k->shape.width - w - px_of(k, 4);
    SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(k->renderer, 0, 0, 0, 90);
    SDL_FRect r = {x, y, w, thumb};
    SDL_RenderFillRectF(k->renderer, &r);
}

/* What the frame shows besides the view: when these are as they were, the
 * last frame drawn is still right. */
static bool frame_current(const kiosk *k)
{
    return k->frame_valid && !dirty(k) && k->view.scroll == k->frame_scroll &&
           k->view.pressed == k->frame_pressed &&
           (!k->idle.countdown || idle_seconds_left(&k->idle, k->last_tick) == k->frame_seconds);
}

bool kiosk_wants_frame(const kiosk *k)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(k->renderer, &w, &h);
    return k->exposed || w != k->shape.width || h != k->shape.height || !frame_current(k) ||
           kiosk_animating(k);
}

static void draw_view(kiosk *k)
{
    SDL_Color ground = k->view.background; /* the screen's theme's */
    SDL_SetRenderDrawColor(k->renderer, ground.r, ground.g, ground.b, 255);
    SDL_RenderClear(k->renderer);
    view_draw(&k->view, k->renderer, k->text);
    draw_scroll_bar(k);
}

/* The frame texture, the size of the output (made again when that
 * changes); NULL when the renderer has no render targets or no memory. */
static SDL_Texture *frame_texture(kiosk *k)
{
    int w = 0, h = 0;
    if (k->frame && SDL_QueryTexture(k->frame, NULL, NULL, &w, &h) == 0 && w == k->shape.width &&
        h == k->shape.height)
        return k->frame;
    if (k->frame)
        SDL_DestroyTexture(k->frame);
    k->frame = NULL;
    k->frame_kept = false;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(k->renderer, &info) != 0 || !(info.flags & SDL_RENDERER_TARGETTEXTURE))
        return NULL;
    k->frame = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                 k->shape.width, k->shape.height);
    if (k->frame) /* opaque: copied, not blended */
        SDL_SetTextureBlendMode(k->frame, SDL_BLENDMODE_NONE);
    return k->frame;
}

void kiosk_draw(kiosk *k)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(k->renderer, &w, &h);
    if (w != k->shape.width || h != k->shape.height) {
        k->shape = screen_shape_for(w, h, k->options.dpi);
        k->view_dirty = true;
        k->frame_valid = false;
    }
    k->exposed = false;
    /* The same picture asked for again (a window exposed): one copy of the
     * kept frame.  A picture asked for a second time is drawn into the
     * frame texture and kept; the first time, and while the screen moves,
     * it goes straight to the output (no texture at start-up, where a
     * render target costs ~10 ms on a GL driver, and no extra copy a
     * frame while scrolling). */
    bool again = frame_current(k);
    if (again && k->frame && k->frame_kept) {
        SDL_RenderCopy(k->renderer, k->frame, NULL, NULL);
        return;
    }
    SDL_Texture *frame = again && !k->input.down && !kiosk_animating(k) ? frame_texture(k) : NULL;
    if (dirty(k))
        rebuild(k);
    SDL_Texture *target = SDL_GetRenderTarget(k->renderer);
    if (frame && SDL_SetRenderTarget(k->renderer, frame) != 0)
        frame = NULL;
    draw_view(k);
    if (frame) {
        SDL_SetRenderTarget(k->renderer, target);
        SDL_RenderCopy(k->renderer, frame, NULL, NULL);
    }
    k->frame_kept = frame != NULL;
    k->frame_valid = true;
    k->frame_scroll = k->view.scroll;
    k->frame_pressed = k->view.pressed;
    k->frame_seconds = idle_seconds_left(&k->idle, k->last_tick);
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
    if (screen == SCREEN_SEARCH) {
        search_query_of(k, language, arg, k->session.query, sizeof k->session.query);
        go(k, SCREEN_SEARCH, NULL);
        return true;
    }
    if (screen != SCREEN_HOME && screen != SCREEN_HELP && !pages_exists(k->catalog, screen, arg))
        return false;
    if (screen != SCREEN_HOME)
        go(k, screen, arg);
    return true;
}

bool kiosk_reading_aloud(const kiosk *k)
{
    return k && speech_is_speaking(k->speech);
}

size_t kiosk_ids(const kiosk *k, kiosk_screen screen, const char **ids, size_t max)
{
    return pages_ids(k->catalog, screen, ids, max);
}

size_t kiosk_languages(const kiosk *k, const char **codes, size_t max)
{
    size_t n = 0;
    for (int i = 0; i < k->config.language_count && n < max; i++)
        if (!k->catalog || catalog_find_language(k->catalog, k->config.languages[i]))
            codes[n++] = k->config.languages[i];
    return n;
}
