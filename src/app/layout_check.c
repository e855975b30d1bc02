/* layout_check.c - the translators' layout check (layout_check.h). */
#include "layout_check.h"

#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <libintl.h>

#include "array.h"
#include "catalog_read.h"
#include "folder.h"
#include "kiosk.h"
#include "log.h"
#include "pages.h"
#include "po.h"
#include "ui_text.h"

/* Slots that cut on purpose: a summary in a list, whose whole text is on
 * the article's own screen.  Reported only when the cut hides the end of
 * the first sentence. */
static const char *const cut_on_purpose[] = {"category.article-summary"};

typedef struct checker {
    const char *language;
    int width, height;
    bool large_text;   /* the visitor's large text (about 1.4x) */
    const char *place; /* site_config's place ("cas"), or NULL: the default */
    const po_set *content, *ui;
    char **lines; /* problems, "file:line: ..." */
    size_t count, capacity;
    size_t slots; /* laid out */
} checker;

static const po_language *po_language_of(const po_set *set, const char *code)
{
    for (size_t i = 0; set && i < set->count; i++)
        if (strcmp(set->languages[i].language, code) == 0)
            return &set->languages[i];
    return NULL;
}

/* A path under the current folder without it ("po-content/ur.po"), as a
 * translator's editor and the terminal's links expect. */
static const char *relative(const char *path)
{
    char cwd[4096];
    size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (n && strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

/* Where the string is: "po-content/ur.po:920: category:lavoro:name" or
 * "po/ur.po:75: Help now"; a text from no PO file (an address, a phone,
 * the Italian source): "LANG: SLOT \"text\"". */
static void where_of(const checker *c, const screen_slot *slot, char *out, size_t size)
{
    const char *id = slot->key ? slot->key : slot->msgid;
    const po_language *po = po_language_of(slot->key ? c->content : c->ui, slot->language);
    const translation *t = id && po ? po_find(po, id) : NULL;
    /* "context\004msgid" (a message with a context) as "msgid [context]". */
    char shown[320];
    const char *separator = id ? strchr(id, '\004') : NULL;
    if (separator && slot->key) {
        /* An article's block: its msgctxt, then the start of its text. */
        int length = (int)strlen(separator + 1), cut = length > 60 ? 60 : length;
        while (cut > 0 && cut < length && ((unsigned char)separator[1 + cut] & 0xC0) == 0x80)
            cut--;
        snprintf(shown, sizeof shown, "%.*s \"%.*s%s\"", (int)(separator - id), id, cut,
                 separator + 1, cut < length ? "..." : "");
    } else if (separator)
        snprintf(shown, sizeof shown, "%s [%.*s]", separator + 1, (int)(separator - id), id);
    else
        snprintf(shown, sizeof shown, "%s", id ? id : "");
    if (t)
        snprintf(out, size, "%s:%d: %s", relative(po->path), t->line, shown);
    else if (id)
        snprintf(out, size, "%s: %s", slot->language, shown);
    else
        snprintf(out, size, "%s: \"%.60s\"", slot->language, slot->text);
}

/* One problem; `shape`: at which window shape (and in which slot) it
 * shows, for problems that depend on it. */
static void add(checker *c, const char *where, const char *problem, const screen_slot *slot,
                bool shape)
{
    char line[1024];
    if (shape)
        snprintf(line, sizeof line, "%s: %s at %dx%d%s [%s]", where, problem, c->width, c->height,
                 c->large_text ? " in large text" : "", slot->slot);
    else
        snprintf(line, sizeof line, "%s: %s", where, problem);
    if (!array_grow((void **)&c->lines, c->count, &c->capacity, sizeof *c->lines))
        return;
    char *copy = strdup(line);
    if (copy)
        c->lines[c->count++] = copy;
}

/* Bytes up to the end of the first sentence (its full stop included), or
 * the whole text when it has one sentence. */
static size_t first_sentence(const char *text)
{
    static const char *const stops[] = {". ",           "? ",       "! ",       "\xe3\x80\x82",
                                        "\xe1\x8d\xa2", "\xdb\x94", "\xd8\x9f", "\xe0\xa5\xa4"};
    size_t end = strlen(text);
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        const char *at = strstr(text, stops[i]);
        size_t stop_len = stops[i][1] == ' ' ? 1 : strlen(stops[i]);
        if (at && (size_t)(at - text) + stop_len < end)
            end = (size_t)(at - text) + stop_len;
    }
    return end;
}

static bool cuts_on_purpose(const char *slot)
{
    for (size_t i = 0; i < sizeof cut_on_purpose / sizeof *cut_on_purpose; i++)
        if (strcmp(slot, cut_on_purpose[i]) == 0)
            return true;
    return false;
}

static void check_slot(const screen_slot *slot, void *user)
{
    checker *c = user;
    /* The out-of-service screen says its sentence in every language at
     * once: each is checked with its own language. */
    if (strcmp(slot->screen, "out-of-service") == 0 && strcmp(slot->language, c->language) != 0)
        return;
    c->slots++;
    char where[512], problem[256];
    where_of(c, slot, where, sizeof where);
    if (slot->missing_glyph) {
        snprintf(problem, sizeof problem,
                 "lacks a glyph for U+%04X: no font of assets/fonts.txt has it for %s",
                 slot->missing_glyph, slot->language);
        add(c, where, problem, slot, false);
    }
    if (slot->room > 0 && slot->height > slot->room) {
        snprintf(problem, sizeof problem, "overflows its button by %.0f px",
                 slot->height - slot->room);
        add(c, where, problem, slot, true);
    }
    if (slot->cut) {
        if (!cuts_on_purpose(slot->slot))
            snprintf(problem, sizeof problem, "cut to %d line%s (needs %d)", slot->max_lines,
                     slot->max_lines == 1 ? "" : "s", slot->needed_lines);
        else if (slot->shown_bytes < first_sentence(slot->text))
            snprintf(problem, sizeof problem,
                     "cut to %d lines before its first sentence ends (needs %d)", slot->max_lines,
                     slot->needed_lines);
        else
            return;
        add(c, where, problem, slot, true);
    }
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool layout_each_screen(kiosk *k, bool staff, layout_screen_fn fn, void *user)
{
    static const kiosk_screen plain[] = {SCREEN_HOME, SCREEN_HELP, SCREEN_OUT_OF_SERVICE};
    static const kiosk_screen staff_screens[] = {SCREEN_LANGUAGES, SCREEN_PIN, SCREEN_OPERATOR};
    static const kiosk_screen with_ids[] = {SCREEN_CATEGORY, SCREEN_SERVICE, SCREEN_QR,
                                            SCREEN_ARTICLE};
    bool ok = true;
    for (size_t s = 0; s < sizeof plain / sizeof *plain; s++)
        ok = fn(plain[s], "", user) && ok;
    /* Search: the topics under an empty query, the language's example
     * queries with their results (a guide's word, a topic's), and a query
     * that finds nothing. */
    static const char *const searches[] = {"", "example", "example-topic", "qxqxqxqx"};
    for (size_t s = 0; s < sizeof searches / sizeof *searches; s++)
        ok = fn(SCREEN_SEARCH, searches[s], user) && ok;
    for (size_t s = 0; staff && s < sizeof staff_screens / sizeof *staff_screens; s++)
        fn(staff_screens[s], "", user);
    for (size_t s = 0; s < sizeof with_ids / sizeof *with_ids; s++) {
        const char *ids[1024];
        size_t n = kiosk_ids(k, with_ids[s], ids, 1024);
        for (size_t i = 0; i < n; i++) {
            /* A copy: showing a screen may open the catalogue anew. */
            char id[64];
            snprintf(id, sizeof id, "%s", ids[i]);
            fn(with_ids[s], id, user);
        }
    }
    return ok;
}

/* One screen's slots, for the checker or the describer. */
typedef struct listing {
    kiosk *k;
    const char *language;
    int width, height;
    kiosk_slot_state state;
    screen_slot_sink sink;
    void *user;
} listing;

static bool list_screen(kiosk_screen screen, const char *arg, void *user)
{
    const listing *l = user;
    return kiosk_list_slots(l->k, l->language, screen, arg[0] ? arg : NULL, l->width, l->height, 0,
                            &l->state, l->sink, l->user);
}

/* Every screen that shows the language's strings, at one shape.  The
 * picker and the operator's screens are in Italian (and the picker's names
 * in their own languages): once, with Italian. */
static bool check_shape(kiosk *k, checker *c)
{
    kiosk_slot_state state = {.large_text = c->large_text, .place = c->place};
    listing l = {k, c->language, c->width, c->height, state, check_slot, c};
    return layout_each_screen(k, strcmp(c->language, "it") == 0, list_screen, &l);
}

/* A kiosk that only lays screens out, on a tiny software surface. */
typedef struct layout_kiosk {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    kiosk *kiosk;
} layout_kiosk;

static kiosk *layout_kiosk_open(layout_kiosk *lk, text_engine *engine, const char *catalog_path)
{
    lk->surface = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_ARGB8888);
    lk->renderer = lk->surface ? SDL_CreateSoftwareRenderer(lk->surface) : NULL;
    kiosk_options ko = {.catalog_path = catalog_path, .kiosk_mode = false};
    lk->kiosk = lk->renderer ? kiosk_create(lk->renderer, engine, &ko, 0) : NULL;
    return lk->kiosk;
}

static void layout_kiosk_close(layout_kiosk *lk)
{
    kiosk_destroy(lk->kiosk);
    if (lk->renderer)
        SDL_DestroyRenderer(lk->renderer);
    SDL_FreeSurface(lk->surface);
}

int layout_check_run(text_engine *engine, const layout_check_options *o, FILE *out)
{
    char why[512];
    catalog *cat = catalog_open(o->catalog_path, why, sizeof why);
    if (!cat) {
        fprintf(stderr, "sportello: %s: %s\n", o->catalog_path, why);
        return -1;
    }
    if (o->language && !catalog_find_language(cat, o->language)) {
        fprintf(stderr, "sportello: %s: no language %s in the catalogue\n", o->catalog_path,
                o->language);
        catalog_close(cat);
        return -1;
    }
    /* A kiosk to lay the screens out; it draws nothing. */
    layout_kiosk lk = {0};
    kiosk *k = layout_kiosk_open(&lk, engine, o->catalog_path);
    problem_list problems = {0}; /* the PO files' own problems are `check`'s business */
    po_set *content = o->po_content_dir ? po_set_read(o->po_content_dir, &problems) : NULL;
    po_set *ui = o->po_dir ? po_set_read_ui(o->po_dir, NULL, &problems) : NULL;
    problems_free(&problems);
    if (o->locale_dir) {
        bindtextdomain(UI_DOMAIN, o->locale_dir);
        bind_textdomain_codeset(UI_DOMAIN, "UTF-8");
    }
    checker c = {.content = content, .ui = ui};
    bool ok = k != NULL;
    for (size_t l = 0; ok && l < catalog_language_count(cat); l++) {
        c.language = catalog_language_at(cat, l)->code;
        if (o->language && strcmp(o->language, c.language) != 0)
            continue;
        /* Every shape, again in large text, and again as a tablet in a
         * reception centre ("ask the operator": its own sentences). */
        for (size_t s = 0; ok && s < 3 * SCREEN_SHAPE_COUNT; s++) {
            c.width = screen_supported_shapes[s % SCREEN_SHAPE_COUNT][0];
            c.height = screen_supported_shapes[s % SCREEN_SHAPE_COUNT][1];
            c.large_text = s / SCREEN_SHAPE_COUNT == 1;
            c.place = s / SCREEN_SHAPE_COUNT == 2 ? "cas" : NULL;
            ok = check_shape(k, &c);
        }
    }
    if (!ok)
        fprintf(stderr, "sportello: cannot lay the screens out: %s\n",
                k ? "a screen failed" : SDL_GetError());
    else
        fprintf(stderr,
                "sportello: %zu texts laid out in their slots at %zu shapes, in large text and as "
                "in a reception centre\n",
                c.slots, (size_t)SCREEN_SHAPE_COUNT);
    if (c.count > 1)
        qsort(c.lines, c.count, sizeof *c.lines, compare_lines);
    size_t shown = 0;
    for (size_t i = 0; i < c.count; i++)
        if (i == 0 || strcmp(c.lines[i], c.lines[i - 1]) != 0) {
            fprintf(out, "%s\n", c.lines[i]);
            shown++;
        }
    for (size_t i = 0; i < c.count; i++)
        free(c.lines[i]);
    free(c.lines);
    po_set_free(content);
    po_set_free(ui);
    layout_kiosk_close(&lk);
    catalog_close(cat);
    return ok ? (int)shown : -1;
}

/* ---- from the translators' working files ----------------------------------- */

extern char **environ;

/* Runs argv (found on PATH when it has no '/'), its output on stderr (the
 * check's standard output holds only problems), waits; true on exit 0. */
static bool run(char *const argv[])
{
    pid_t pid;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, 2, 1);
    int spawned = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        fprintf(stderr, "sportello: cannot run %s: %s\n", argv[0], strerror(errno));
        return false;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool layout_check_prepare(const char *work, const char *catalog_tool, const char *data_dir,
                          const char *po_content_dir, const char *po_dir, layout_check_options *o)
{
    static char catalog_path[4096], locale_dir[4096];
    if (po_content_dir) {
        snprintf(catalog_path, sizeof catalog_path, "%s/catalog.sqlite", work);
        char *argv[] = {(char *)catalog_tool, "build",      "--data",
                        (char *)data_dir,     "--po",       (char *)po_content_dir,
                        "--output",           catalog_path, NULL};
        if (!run(argv))
            return false; /* the builder said what, at file:line */
        o->catalog_path = catalog_path;
    }
    if (po_dir) {
        /* Each LANG.po compiled as gettext will read it. */
        size_t count;
        char **names = folder_names(po_dir, ".po", &count);
        if (!names) {
            fprintf(stderr, "sportello: %s: %s\n", po_dir, strerror(errno));
            return false;
        }
        snprintf(locale_dir, sizeof locale_dir, "%s/locale", work);
        mkdir(locale_dir, 0700);
        bool ok = true;
        for (size_t i = 0; ok && i < count; i++) {
            size_t n = strlen(names[i]);
            if (n > 40)
                continue;
            char code[48], path[4608], po[8192], mo[8192];
            snprintf(code, sizeof code, "%.*s", (int)(n - 3), names[i]);
            snprintf(path, sizeof path, "%s/%s", locale_dir, code);
            mkdir(path, 0700);
            snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", locale_dir, code);
            mkdir(path, 0700);
            snprintf(mo, sizeof mo, "%s/" UI_DOMAIN ".mo", path);
            snprintf(po, sizeof po, "%s/%s", po_dir, names[i]);
            char *argv[] = {"msgfmt", "--check-format", "-o", mo, po, NULL};
            ok = run(argv);
        }
        folder_names_free(names, count);
        if (!ok)
            return false;
        o->locale_dir = locale_dir;
    }
    return true;
}

/* Removes what layout_check_prepare made in `work`, and `work`. */
void layout_check_clean(const char *work)
{
    char path[4608];
    snprintf(path, sizeof path, "%s/catalog.sqlite", work);
    unlink(path);
    snprintf(path, sizeof path, "%s/locale", work);
    size_t count;
    char **names = folder_names(path, NULL, &count);
    for (size_t i = 0; i < count; i++) {
        char file[8192];
        snprintf(file, sizeof file, "%s/%s/LC_MESSAGES/" UI_DOMAIN ".mo", path, names[i]);
        unlink(file);
        snprintf(file, sizeof file, "%s/%s/LC_MESSAGES", path, names[i]);
        rmdir(file);
        snprintf(file, sizeof file, "%s/%s", path, names[i]);
        rmdir(file);
    }
    folder_names_free(names, count);
    rmdir(path);
    rmdir(work);
}

/* ---- where each string is: the PO files' comments ---------------------------- */

typedef struct place {
    char *id;          /* a content key's pattern ("service:*:name") or a msgid */
    const char *where; /* "a tile of the home screen" */
    int max_lines;     /* 0: no limit */
    int characters;    /* about how many a line holds, the fewest seen */
} place;

typedef struct describer {
    place *places;
    size_t count, capacity;
} describer;

/* service:questura:name -> service:*:name; an article's block,
 * "article:x\004its text" or "article:x#2\004its text" -> article:* (its
 * msgctxt's pattern). */
static void pattern_of(const char *key, char *out, size_t size)
{
    size_t o = 0;
    int part = 0;
    if (strncmp(key, "article:", 8) == 0 && strchr(key, '\004')) {
        snprintf(out, size, "article:*");
        return;
    }
    for (const char *p = key; *p && o + 2 < size;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        bool number = n > 0 && strspn(p, "0123456789") == n;
        if (part == 1 || number) {
            out[o++] = '*';
        } else {
            size_t copy = n < size - o - 2 ? n : size - o - 2;
            memcpy(out + o, p, copy);
            o += copy;
        }
        if (!end)
            break;
        out[o++] = ':';
        p = end + 1;
        part++;
    }
    out[o] = '\0';
}

static void describe_slot(const screen_slot *slot, void *user)
{
    describer *d = user;
    const char *where = screen_slot_place(slot->slot);
    if (!where || (!slot->key && !slot->msgid))
        return;
    char id[256];
    if (slot->key)
        pattern_of(slot->key, id, sizeof id);
    else
        snprintf(id, sizeof id, "%s", slot->msgid);
    /* About how many characters a line holds: half an em each, a Latin
     * average (a script with wider letters holds fewer). */
    int characters = (int)(slot->width / (0.5f * slot->size));
    for (size_t i = 0; i < d->count; i++) {
        place *p = &d->places[i];
        if (strcmp(p->id, id) == 0 && strcmp(p->where, where) == 0) {
            p->characters = characters < p->characters ? characters : p->characters;
            return;
        }
    }
    if (!array_grow((void **)&d->places, d->count, &d->capacity, sizeof *d->places))
        return;
    place p = {strdup(id), where, slot->max_lines, characters};
    if (p.id)
        d->places[d->count++] = p;
}

static int compare_places(const void *a, const void *b)
{
    const place *x = a, *y = b;
    int order = strcmp(x->id, y->id);
    return order ? order : strcmp(x->where, y->where);
}

/* The screens a state changes: the clock, those with opening hours; the
 * Italian toggle, the visitor's; a message, the one that shows it. */
typedef struct describing {
    listing each;
    kiosk_screen only; /* SCREEN_COUNT: every screen */
} describing;

static bool describe_screen(kiosk_screen screen, const char *arg, void *user)
{
    describing *d = user;
    bool hours = screen == SCREEN_SERVICE || screen == SCREEN_CATEGORY;
    if (d->only != SCREEN_COUNT && d->only != screen && !(d->only == SCREEN_SERVICE && hours))
        return true;
    return list_screen(screen, arg, &d->each);
}

/* Monday 7 December 2026 at `hour`, local time: a fixed clock, so that the
 * opening-hours messages the specimen shows do not depend on the day. */
static long long monday_at(int hour)
{
    struct tm tm = {
        .tm_year = 2026 - 1900, .tm_mon = 11, .tm_mday = 7, .tm_hour = hour, .tm_isdst = -1};
    return (long long)mktime(&tm);
}

static void describe_catalog(text_engine *engine, const char *catalog_path, describer *d)
{
    layout_kiosk lk = {0};
    kiosk *k = layout_kiosk_open(&lk, engine, catalog_path);
    /* Every supported shape (bar labels show only on wider screens), in
     * Italian and in a language shown with the "Show in Italian" toggle and
     * the draft line; a line's characters are the fewest seen.  The clock
     * before, in and after opening hours; the toggle on; each message of
     * the PIN pad and the operator's screen. */
    describing states[32];
    size_t count = 0;
    states[count++] = (describing){.each.state = {.now = monday_at(10)}, .only = SCREEN_COUNT};
    states[count++] = (describing){.each.state = {.now = monday_at(3)}, .only = SCREEN_SERVICE};
    states[count++] = (describing){.each.state = {.now = monday_at(20)}, .only = SCREEN_SERVICE};
    states[count++] = (describing){.each.state = {.now = monday_at(10), .show_italian = true},
                                   .only = SCREEN_COUNT};
    /* On a tablet in a reception centre: "ask the operator". */
    states[count++] =
        (describing){.each.state = {.now = monday_at(10), .place = "cas"}, .only = SCREEN_COUNT};
    /* The operator's catalogue lines: signed, an update refused; none. */
    states[count++] =
        (describing){.each.state = {.operator_example = PAGES_OPERATOR_EXAMPLE_SIGNED_REFUSED},
                     .only = SCREEN_OPERATOR};
    states[count++] =
        (describing){.each.state = {.operator_example = PAGES_OPERATOR_EXAMPLE_NO_CATALOGUE},
                     .only = SCREEN_OPERATOR};
    size_t messages;
    const kiosk_staff_message *m = kiosk_staff_messages(&messages);
    for (size_t i = 0; i < messages && count < sizeof states / sizeof *states; i++)
        states[count++] =
            (describing){.each.state = {.message_msgid = m[i].msgid}, .only = m[i].screen};
    static const char *const languages[] = {"it", "en"};
    for (size_t l = 0; k && l < sizeof languages / sizeof *languages; l++)
        for (size_t s = 0; s < SCREEN_SHAPE_COUNT; s++)
            for (size_t i = 0; i < count; i++) {
                describing each = states[i];
                each.each.k = k;
                each.each.language = languages[l];
                each.each.width = screen_supported_shapes[s][0];
                each.each.height = screen_supported_shapes[s][1];
                each.each.sink = describe_slot;
                each.each.user = d;
                layout_each_screen(k, true, describe_screen, &each);
            }
    layout_kiosk_close(&lk);
}

int layout_describe_slots(text_engine *engine, const char *const *catalogs, size_t count, FILE *out)
{
    describer d = {0};
    for (size_t c = 0; c < count; c++) {
        /* A catalogue that cannot be read would describe the out-of-service
         * screen alone, and the comments of every other string would go. */
        char why[512];
        catalog *cat = catalog_open(catalogs[c], why, sizeof why);
        if (!cat) {
            fprintf(stderr, "sportello: %s\n", why);
            for (size_t i = 0; i < d.count; i++)
                free(d.places[i].id);
            free(d.places);
            return -1;
        }
        catalog_close(cat);
        describe_catalog(engine, catalogs[c], &d);
    }
    if (d.count > 1)
        qsort(d.places, d.count, sizeof *d.places, compare_places);
    /* One line a string: ID TAB "Shown: place (limit); place (limit)". */
    for (size_t i = 0; i < d.count; i++) {
        const place *p = &d.places[i];
        bool first = i == 0 || strcmp(p->id, d.places[i - 1].id) != 0;
        bool last = i + 1 == d.count || strcmp(p->id, d.places[i + 1].id) != 0;
        if (first)
            fprintf(out, "%s\tShown: ", p->id);
        else
            fprintf(out, "; ");
        if (p->max_lines > 0)
            fprintf(out, "%s (at most %d line%s of about %d characters)", p->where, p->max_lines,
                    p->max_lines == 1 ? "" : "s", p->characters);
        else
            fprintf(out, "%s (lines of about %d characters)", p->where, p->characters);
        if (last)
            fprintf(out, "\n");
    }
    for (size_t i = 0; i < d.count; i++)
        free(d.places[i].id);
    free(d.places);
    return d.count > 0 ? 0 : -1;
}
