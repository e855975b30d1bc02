/* pages.c - the screen model (pages.h): every catalogue read of the
 * kiosk's screens, every catalogue key, in one place. */
#define _GNU_SOURCE /* qsort_r (glibc; POSIX.1-2024) */
#include "pages.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "catalog/checked.h"
#include "catalog/facts.h"
#include "qr.h"
#include "text.h"
#include "ui_text.h"

const char *const pages_towns[PAGES_TOWN_COUNT] = {"mantova", "castiglione-delle-stiviere",
                                                   "suzzara", "other"};

const char *pages_town_name(const char *town)
{
    /* Place names are proper names: the same in every language. */
    if (strcmp(town, "mantova") == 0)
        return "Mantova";
    if (strcmp(town, "castiglione-delle-stiviere") == 0)
        return "Castiglione delle Stiviere";
    if (strcmp(town, "suzzara") == 0)
        return "Suzzara";
    return "";
}

bool pages_is_national_number(const catalog_service *s)
{
    return strcmp(s->category, PAGES_HELP_CATEGORY) == 0 && strcmp(s->town, "other") == 0 &&
           !s->address[0] && s->phone_count > 0;
}

/* ---- the arena: every string and array of a page -------------------- */

struct page_arena {
    struct page_arena *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

static void *arena_alloc(page *p, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    page_arena *a = p->arena;
    if (!a || a->size - a->used < n) {
        size_t size = n > 16384 ? n : 16384;
        page_arena *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL;
        fresh->next = a;
        fresh->used = 0;
        fresh->size = size;
        p->arena = a = fresh;
    }
    void *block = a->data + a->used;
    a->used += n;
    memset(block, 0, n);
    return block;
}

static const char *arena_strdup(page *p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = arena_alloc(p, n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

static const char *arena_printf(page *p, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static const char *arena_printf(page *p, const char *format, ...)
{
    char buffer[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return arena_strdup(p, buffer);
}

void page_free(page *p)
{
    if (!p)
        return;
    for (page_arena *a = p->arena, *next; a; a = next) {
        next = a->next;
        free(a);
    }
    free(p);
}

/* ---- catalogue keys: the only place they are written ---------------- */

static const char *key_of(page *p, const char *kind, const char *id, const char *field)
{
    return arena_printf(p, "%s:%s:%s", kind, id, field);
}

/* ---- texts ------------------------------------------------------------ */

/* A part of what the speaker reads, while the page is made (malloc'd;
 * copied into the page's arena at the end). */
typedef struct speak_part {
    char *text;
    size_t length, capacity;
    const char *key; /* recorded: the content's key (in the page's arena) */
} speak_part;

typedef struct builder {
    page *page;
    const pages_input *in;
    speak_part *speak;
    size_t speak_count, speak_capacity;
} builder;

/* Appends `text` and ".\n" (a pause) to `part`. */
static void speak_part_append(speak_part *part, const char *text)
{
    size_t n = strlen(text);
    if (part->length + n + 3 > part->capacity) {
        size_t capacity = (part->length + n + 3) * 2;
        char *bigger = realloc(part->text, capacity);
        if (!bigger)
            return;
        part->text = bigger;
        part->capacity = capacity;
    }
    memcpy(part->text + part->length, text, n);
    part->length += n;
    memcpy(part->text + part->length, ".\n", 3);
    part->length += 2;
}

/* Adds `text` to what the speaker reads: a part of its own when it has a
 * recording (`key`), else to the texts before it, which espeak-ng reads
 * in one go as before there were recordings. */
static void speak_add(builder *b, const char *text, const char *key)
{
    if (!text || !*text)
        return;
    speak_part *last = b->speak_count ? &b->speak[b->speak_count - 1] : NULL;
    if (key || !last || last->key) {
        if (!array_grow((void **)&b->speak, b->speak_count, &b->speak_capacity, sizeof *b->speak))
            return;
        last = &b->speak[b->speak_count++];
        *last = (speak_part){.key = key};
    }
    speak_part_append(last, text);
}

static void speak_append(builder *b, const char *text)
{
    speak_add(b, text, NULL);
}

/* What the speaker reads: a text in the visitor's language (a fallback
 * would be read with the wrong voice), by its translator's recording
 * where the catalogue has one. */
static void speak_text(builder *b, const page_text *t)
{
    if (strcmp(t->language, b->in->language) != 0)
        return;
    bool recorded = t->key && catalog_has_recording(b->in->catalog, t->key, b->in->language);
    speak_add(b, t->text, recorded ? arena_strdup(b->page, t->key) : NULL);
}

/* The parts gathered by speak_add, into the page's arena. */
static void speak_finish(builder *b)
{
    page *p = b->page;
    p->speak = b->speak_count ? arena_alloc(p, b->speak_count * sizeof *p->speak) : NULL;
    for (size_t i = 0; p->speak && i < b->speak_count; i++) {
        p->speak[p->speak_count++] =
            (page_speech){.text = arena_strdup(p, b->speak[i].text ? b->speak[i].text : ""),
                          .key = b->speak[i].key};
        p->speak_recorded |= b->speak[i].key != NULL;
    }
    for (size_t i = 0; i < b->speak_count; i++)
        free(b->speak[i].text);
    free(b->speak);
}

/* Spaces that must not become line breaks in content: inside a number
 * written in groups ("800 290 290", "0376 2051": a space between two
 * digits) and after an abbreviation that goes with the number after it
 * ("art. 18", "n. 199", "comma 12", "D.Lgs. 81/2008").  Each such space
 * becomes a no-break space (U+00A0, two bytes). */
static const char *keep_numbers_whole(page *p, const char *text)
{
    static const char *const before_number[] = {"art. ",   "n. ",   "comma ", "commi ",
                                                "D.Lgs. ", "Art. ", "c.p. ",  "p. "};
    size_t n = strlen(text);
    char *out = arena_alloc(p, 2 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool nbsp = false;
        if (text[i] == ' ' && i > 0 && i + 1 < n && text[i + 1] >= '0' && text[i + 1] <= '9') {
            if (text[i - 1] >= '0' && text[i - 1] <= '9')
                nbsp = true;
            for (size_t a = 0; !nbsp && a < sizeof before_number / sizeof *before_number; a++) {
                size_t len = strlen(before_number[a]);
                nbsp = i + 1 >= len && strncmp(text + i + 1 - len, before_number[a], len) == 0 &&
                       (i + 1 == len || text[i - len] == ' ' || text[i - len] == '(');
            }
        }
        if (nbsp) {
            out[o++] = (char)0xc2;
            out[o++] = (char)0xa0;
        } else {
            out[o++] = text[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* The content text of `key`: the translation, or the fallback in the
 * language it really is in; with the Italian when "show in Italian" is on
 * and the text is not Italian.  Spoken when it is in the visitor's
 * language and `speak`. */
static page_text content(builder *b, const char *key, bool speak)
{
    page_text t = {.key = key};
    snprintf(t.language, sizeof t.language, "it");
    if (!key || !b->in->catalog)
        return t;
    char *raw = catalog_text(b->in->catalog, key, b->in->language, t.language);
    if (!raw)
        return t;
    t.text = keep_numbers_whole(b->page, raw);
    free(raw);
    if (speak)
        speak_text(b, &t);
    if (b->in->show_italian && strcmp(t.language, "it") != 0) {
        char *italian = catalog_text(b->in->catalog, key, "it", NULL);
        if (italian && *italian)
            t.italian = keep_numbers_whole(b->page, italian);
        free(italian);
    }
    return t;
}

static page_text field(builder *b, const char *kind, const char *id, const char *name, bool speak)
{
    return content(b, key_of(b->page, kind, id, name), speak);
}

/* Whether the Italian source has the key with some text (optional
 * fields: a section is shown only when the agency wrote it). */
static bool has_text(builder *b, const char *key)
{
    char *probe = catalog_text(b->in->catalog, key, "it", NULL);
    bool present = probe && *probe;
    free(probe);
    return present;
}

/* The kiosk's own words, already formatted, with their msgid. */
static page_text ui(builder *b, const char *msgid, const char *text)
{
    page_text t = {.text = arena_strdup(b->page, text), .msgid = msgid};
    snprintf(t.language, sizeof t.language, "%s", b->page->language);
    return t;
}

/* Text that is the same in every language (an Italian address, a phone
 * number, an e-mail address), in the language it is written in. */
static page_text literal(builder *b, const char *text, const char *language)
{
    page_text t = {.text = arena_strdup(b->page, text)};
    snprintf(t.language, sizeof t.language, "%s", language);
    return t;
}

/* ---- opening hours ------------------------------------------------------ */

/* The town of a service outside the project's towns: the last part of its
 * address ("Via Grossi 30, Viadana", "Via X 1, 46019 Viadana"), without a
 * postcode; "" when it has no address (a national number). */
static const char *address_town(page *p, const char *address)
{
    const char *comma = strrchr(address, ',');
    if (!comma)
        return "";
    const char *town = comma + 1;
    while (*town == ' ')
        town++;
    size_t digits = strspn(town, "0123456789");
    if (digits == 5 && town[5] == ' ')
        town += 6;
    const char *copy = arena_strdup(p, town);
    return copy ? copy : "";
}

/* Whether the service is open now, after its town when `with_town` (a
 * list's row: "Mantova · Open now, closes at 18:00"). */
static page_text status_of(builder *b, const catalog_service *s, page_status *status,
                           bool with_town)
{
    const char *language = b->page->language;
    time_t now = (time_t)b->in->now;
    struct tm tm;
    localtime_r(&now, &tm);
    hours_status st = hours_status_at(s->hours, s->hours_count, (const char *const *)s->closures,
                                      s->closure_count, hours_now_from_tm(&tm));
    char out[256] = "", time_text[64], day[64];
    const char *msgid = NULL;
    *status = PAGE_STATUS_NONE;
    switch (st.state) {
    case HOURS_UNKNOWN:
        break;
    case HOURS_OPEN:
        if (st.minutes < 0) { /* open round the clock */
            msgid = N_("Open 24 hours a day");
            snprintf(out, sizeof out, "%s", _(msgid));
        } else {
            msgid = N_("Open now, closes at %s");
            locale_format_time(language, st.minutes, time_text, sizeof time_text);
            snprintf(out, sizeof out, _(msgid), time_text);
        }
        *status = PAGE_STATUS_OPEN;
        break;
    case HOURS_OPENS_LATER:
        msgid = N_("Closed now, opens at %s");
        locale_format_time(language, st.minutes, time_text, sizeof time_text);
        snprintf(out, sizeof out, _(msgid), time_text);
        *status = PAGE_STATUS_CLOSED;
        break;
    case HOURS_OPENS_ON:
        locale_format_time(language, st.minutes, time_text, sizeof time_text);
        locale_weekday_name(language, st.weekday, day, sizeof day);
        /* TRANSLATORS: %1$s is a weekday name, %2$s a time ("Monday", "8:30"). */
        msgid = N_("Closed now, opens %1$s at %2$s");
        snprintf(out, sizeof out, _(msgid), day, time_text);
        *status = PAGE_STATUS_CLOSED;
        break;
    case HOURS_CLOSED:
        msgid = N_("Closed");
        snprintf(out, sizeof out, "%s", _(msgid));
        *status = PAGE_STATUS_CLOSED;
        break;
    }
    const char *town = with_town ? pages_town_name(s->town) : "";
    if (with_town && !*town)
        town = address_town(b->page, s->address);
    char line[400];
    snprintf(line, sizeof line, "%s%s%s", town, *town && *out ? " \xc2\xb7 " : "", out);
    return ui(b, msgid, line);
}

static void hours_rows(builder *b, const catalog_service *s, page_service *ps)
{
    if (!s->hours_count)
        return;
    const char *language = b->page->language;
    for (int day = 1; day <= 7; day++) {
        char name[64], ranges[256] = "";
        locale_weekday_name(language, day, name, sizeof name);
        for (size_t i = 0; i < s->hours_count; i++) {
            if (s->hours[i].weekday != day)
                continue;
            char from[32], to[32];
            locale_format_time(language, s->hours[i].opens, from, sizeof from);
            locale_format_time(language, s->hours[i].closes, to, sizeof to);
            size_t used = strlen(ranges);
            /* Each range is isolated so "8:30-12:30" keeps its order in
             * right-to-left text. */
            snprintf(ranges + used, sizeof ranges - used,
                     "%s\xe2\x81\xa6%s\xe2\x80\x93%s\xe2\x81\xa9", used ? ", " : "", from, to);
        }
        page_hours_row *row = &ps->hours[ps->hours_count++];
        row->day = ui(b, NULL, name);
        row->ranges = ranges[0] ? ui(b, NULL, ranges)
                                /* TRANSLATORS: a day without opening hours, in a service's
                                 * hours table. */
                                : ui(b, NC_("hours table", "Closed"), C_("hours table", "Closed"));
    }
}

/* Where a visitor at this kiosk can ask: the information desk it stands
 * at, or on a tablet in a reception centre (CAS) the centre's operator
 * (site_config.h, `place`).  Both forms are msgids of their own. */
static const char *ask(const builder *b, const char *at_desk, const char *at_cas)
{
    return b->in->config && site_config_at_cas(b->in->config) ? at_cas : at_desk;
}

/* The calm line of a record that is an example (a service whose details no
 * source confirms yet; also the mark of its row in a list). */
static page_text example_line(builder *b)
{
    /* TRANSLATORS: on a service whose address, phone or hours are not yet
     * confirmed by a source; calm, not a warning.  "information desk":
     * the sportello informativo, the same words as elsewhere. */
    const char *desk = N_("Details to confirm: ask at the information desk");
    /* TRANSLATORS: the same on a tablet in a reception centre (CAS): "the
     * operator" is the centre's staff member a guest can ask. */
    const char *cas = N_("Details to confirm: ask the operator");
    const char *msgid = ask(b, desk, cas);
    return ui(b, msgid, _(msgid));
}

/* ---- one builder per screen ------------------------------------------- */

static void build_languages(builder *b)
{
    const site_config *c = b->in->config;
    page *p = b->page;
    p->languages.tiles =
        arena_alloc(p, (size_t)(c->language_count + 1) * sizeof *p->languages.tiles);
    if (!p->languages.tiles)
        return;
    for (int i = 0; i < c->language_count; i++) {
        const char *code = c->languages[i];
        if (b->in->catalog && !catalog_find_language(b->in->catalog, code))
            continue;
        page_language_tile *t = &p->languages.tiles[p->languages.count++];
        snprintf(t->code, sizeof t->code, "%s", code);
        char name[128];
        if (!locale_language_name(code, name, sizeof name))
            snprintf(name, sizeof name, "%s", code);
        t->name = arena_strdup(p, name);
        /* Under it the name the staff at the desk know it by (not under
         * Italiano itself). */
        char italian[128];
        t->italian = NULL;
        if (locale_language_name_in(code, "it", italian, sizeof italian) &&
            strcmp(italian, name) != 0)
            t->italian = arena_strdup(p, italian);
    }
}

static void build_home(builder *b)
{
    page *p = b->page;
    catalog *c = b->in->catalog;
    size_t n = catalog_category_count(c);
    p->home.tiles = arena_alloc(p, (n + 1) * sizeof *p->home.tiles);
    if (!p->home.tiles)
        return;
    for (size_t i = 0; i < n; i++) {
        const catalog_category *cat = catalog_category_at(c, i);
        /* The help category is Help now, the red button on every screen:
         * one way to help, not a tile that leads elsewhere. */
        if (strcmp(cat->id, PAGES_HELP_CATEGORY) == 0)
            continue;
        page_category_tile *t = &p->home.tiles[p->home.count++];
        t->id = cat->id;
        t->icon = cat->icon;
        t->name = field(b, "category", cat->id, "name", true);
    }
}

typedef struct listed {
    const catalog_service *service;
    page_text name; /* read once: sorted by, then shown */
    bool first;     /* a national number in the help category */
    bool own_town;
} listed;

/* The name a row sorts by: as shown, or its id when it has none. */
static const char *sort_name(const listed *l)
{
    return l->name.text ? l->name.text : l->service->id;
}

/* `collator` is the language's (NULL: byte order). */
static int compare_listed(const void *a, const void *b, void *collator)
{
    const listed *x = a, *y = b;
    if (x->first != y->first)
        return x->first ? -1 : 1;
    if (x->own_town != y->own_town)
        return x->own_town ? -1 : 1;
    if (collator)
        return locale_collate(collator, sort_name(x), sort_name(y));
    return strcmp(sort_name(x), sort_name(y));
}

static page_service_row service_row(builder *b, const catalog_service *s, page_text name)
{
    page_service_row row = {.id = s->id, .example = s->example, .name = name};
    speak_text(b, &name); /* in the order shown */
    row.agency = field(b, "agency", s->agency, "name", false);
    row.agency.italian = NULL; /* the agency's name once, in one language */
    row.where = status_of(b, s, &row.status, true);
    row.phone = s->phone_count ? s->phones[0] : NULL;
    return row;
}

static void build_category(builder *b, const char *id)
{
    page *p = b->page;
    catalog *c = b->in->catalog;
    p->category.title = field(b, "category", id, "name", true);
    p->category.title.italian = NULL;
    if (!p->category.title.text)
        p->category.title = literal(b, id, "it");
    size_t articles = catalog_article_count(c), services = catalog_service_count(c);
    p->category.articles = arena_alloc(p, (articles + 1) * sizeof *p->category.articles);
    p->category.services = arena_alloc(p, (services + 1) * sizeof *p->category.services);
    listed *list = calloc(services + 1, sizeof *list);
    if (!p->category.articles || !p->category.services || !list) {
        free(list);
        return;
    }
    for (size_t i = 0; i < articles; i++) {
        const catalog_article *a = catalog_article_at(c, i);
        if (strcmp(a->category, id) != 0)
            continue;
        page_article_row *row = &p->category.articles[p->category.article_count++];
        row->id = a->id;
        row->title = field(b, "article", a->id, "title", true);
        row->summary = field(b, "article", a->id, "summary", true);
    }
    /* Services: the national numbers first in the help category (as on the
     * Help screen), then the kiosk's own town, then by the language's
     * collation of the names as shown. */
    size_t count = 0;
    for (size_t i = 0; i < services; i++) {
        const catalog_service *s = catalog_service_at(c, i);
        if (strcmp(s->category, id) != 0)
            continue;
        page_text name = field(b, "service", s->id, "name", false);
        list[count++] = (listed){s, name, pages_is_national_number(s),
                                 strcmp(s->town, b->in->config->town) == 0};
    }
    qsort_r(list, count, sizeof *list, compare_listed, (void *)b->in->collator);
    p->category.example_mark = example_line(b);
    for (size_t i = 0; i < count; i++)
        p->category.services[p->category.service_count++] =
            service_row(b, list[i].service, list[i].name);
    free(list);
}

/* When the facts of a service or an article were last checked, as one
 * calm line in the visitor's language: "Checked March 2024" in `line`; or,
 * for facts read more than two years ago (CHECKED_CONFIRM_MONTHS), in
 * `confirm` with where to ask ("Checked March 2022: ask at the
 * information desk to confirm").  No date, no line.  The month and year are
 * ICU's, in the language's words and order (locale_info.h). */
static void checked_lines(builder *b, const char *checked, page_text *confirm, page_text *line)
{
    int year, month;
    if (!checked_parse(checked, &year, &month, NULL))
        return;
    char when[96], text[512];
    if (!locale_format_month_year(b->page->language, year, month, when, sizeof when))
        snprintf(when, sizeof when, "%s", checked);
    if (checked_age_months(checked, (time_t)b->in->now) > CHECKED_CONFIRM_MONTHS) {
        /* TRANSLATORS: %s is a month and year ("March 2022") or a year
         * ("2022"): when the facts on this screen were last checked.
         * "information desk": the sportello informativo. */
        const char *desk = N_("Checked %s: ask at the information desk to confirm");
        /* TRANSLATORS: the same on a tablet in a reception centre (CAS):
         * "the operator" is the centre's staff member a guest can ask. */
        const char *cas = N_("Checked %s: ask the operator to confirm");
        const char *msgid = ask(b, desk, cas);
        snprintf(text, sizeof text, _(msgid), when);
        *confirm = ui(b, msgid, text);
        speak_text(b, confirm);
        return;
    }
    /* TRANSLATORS: %s is a month and year ("March 2024") or a year
     * ("2024"): when the facts on this screen (a service, a guide) were
     * last checked.  One quiet line under the title. */
    const char *msgid = N_("Checked %s");
    snprintf(text, sizeof text, _(msgid), when);
    *line = ui(b, msgid, text);
}

/* The calm lines and the source line.  An example says its details are to
 * confirm and shows neither date nor source (what it has is not enough to
 * go on); other facts say when they were checked (checked_lines), and the
 * source line names where they were read, in its own words. */
static void confirm_and_source(builder *b, const catalog_service *s, page_service *ps)
{
    if (s->example) {
        ps->confirm = example_line(b);
        speak_text(b, &ps->confirm);
        return;
    }
    checked_lines(b, s->checked, &ps->confirm, &ps->checked);
    if (!s->source[0])
        return;
    /* TRANSLATORS: %s is where the facts were read (a web site, a
     * document or a law, in Italian). */
    const char *source = N_("Source: %s");
    /* The source isolated: an Italian title in guillemets keeps its order
     * in a right-to-left sentence. */
    char isolated[768], line[1024];
    snprintf(isolated, sizeof isolated, "\xe2\x81\xa8%s\xe2\x81\xa9", s->source);
    snprintf(line, sizeof line, _(source), isolated);
    ps->source = ui(b, source, line);
}

static void build_service(builder *b, const char *id, bool contact_only)
{
    page *p = b->page;
    catalog *c = b->in->catalog;
    const catalog_service *s = catalog_find_service(c, id);
    if (!s)
        return;
    page_service *ps = &p->service;
    ps->id = s->id;
    ps->title = field(b, "service", id, "name", true);
    ps->agency = field(b, "agency", s->agency, "name", !contact_only);
    ps->example = s->example;
    ps->phones = (const char **)s->phones;
    ps->phone_count = s->phone_count;
    ps->address = s->address[0] ? s->address : NULL;
    if (s->phone_count || s->address[0]) {
        /* The contact: the name in the reader's language, the agency's
         * Italian name (what the office answers to), phones, address. */
        char *name = catalog_field(c, "service", s->id, "name", b->in->language, NULL);
        char *organisation = catalog_field(c, "agency", s->agency, "name", "it", NULL);
        /* ps->phones: the very strings the screen draws (catalog_read
         * checked them: facts.h) */
        char *vcard =
            qr_vcard(name ? name : s->id, organisation, ps->phones, ps->phone_count, s->address);
        ps->contact = arena_strdup(p, vcard);
        free(vcard), free(name), free(organisation);
    }
    /* A helpline also dials from a QR code: the number the screen draws
     * first, as a tel: URI. */
    char dial[64];
    if (strcmp(s->category, PAGES_HELP_CATEGORY) == 0 && s->phone_count &&
        fact_phone_tel_uri(ps->phones[0], dial, sizeof dial))
        ps->dial = arena_strdup(p, dial);
    if (contact_only)
        return;
    static const struct {
        const char *field, *title;
    } sections[] = {
        {"what", N_("What it does")},
        {"for-whom", N_("Who it is for")},
        {"cost", N_("Cost")},
    };
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
        const char *key = key_of(p, "service", id, sections[i].field);
        if (!has_text(b, key))
            continue;
        page_section *section = &ps->sections[ps->section_count++];
        section->heading_msgid = sections[i].title;
        section->text = content(b, key, true);
    }
    /* Documents: one message per line, numbered from 1. */
    size_t documents = 0;
    while (documents < 64) {
        char name[32];
        snprintf(name, sizeof name, "documents:%zu", documents + 1);
        char *probe = catalog_text(c, key_of(p, "service", id, name), "it", NULL);
        bool present = probe != NULL;
        free(probe);
        if (!present)
            break;
        documents++;
    }
    ps->documents = documents ? arena_alloc(p, documents * sizeof *ps->documents) : NULL;
    for (size_t i = 0; ps->documents && i < documents; i++) {
        char name[32];
        snprintf(name, sizeof name, "documents:%zu", i + 1);
        ps->documents[ps->document_count++] = field(b, "service", id, name, true);
    }
    const char *directions = key_of(p, "service", id, "directions");
    if (has_text(b, directions))
        ps->directions = content(b, directions, true);
    ps->status = status_of(b, s, &ps->status_kind, false);
    speak_text(b, &ps->status);
    hours_rows(b, s, ps);
    const char *note = key_of(p, "service", id, "hours-note");
    if (has_text(b, note))
        ps->hours_note = content(b, note, true);
    if (s->language_count) {
        char spoken[512] = "";
        for (size_t i = 0; i < s->language_count; i++) {
            char name[96];
            if (!locale_language_name(s->languages[i], name, sizeof name))
                snprintf(name, sizeof name, "%s", s->languages[i]);
            size_t used = strlen(spoken);
            /* Each name isolated: its own direction inside the list. */
            snprintf(spoken + used, sizeof spoken - used, "%s\xe2\x81\xa8%s\xe2\x81\xa9",
                     used ? ", " : "", name);
        }
        ps->languages = ui(b, NULL, spoken);
    }
    const char *about = key_of(p, "agency", s->agency, "description");
    if (has_text(b, about))
        ps->agency_about = content(b, about, true);
    ps->email = s->email[0] ? s->email : NULL;
    ps->web = s->web[0] ? s->web : NULL;
    confirm_and_source(b, s, ps);
}

static void build_article(builder *b, const char *id)
{
    page *p = b->page;
    const catalog_article *a = catalog_find_article(b->in->catalog, id);
    if (!a)
        return;
    p->article.title = field(b, "article", id, "title", true);
    p->article.summary = field(b, "article", id, "summary", true);
    p->article.blocks = arena_alloc(p, (a->block_count + 1) * sizeof *p->article.blocks);
    if (!p->article.blocks)
        return;
    for (size_t i = 0; i < a->block_count; i++) {
        const catalog_block *block = &a->blocks[i];
        page_block *out = &p->article.blocks[p->article.count++];
        out->kind = strcmp(block->kind, "heading") == 0 ? PAGE_BLOCK_HEADING
                    : strcmp(block->kind, "item") == 0  ? PAGE_BLOCK_ITEM
                                                        : PAGE_BLOCK_PARAGRAPH;
        out->text = content(b, arena_strdup(p, block->key), true);
    }
    checked_lines(b, a->checked, &p->article.confirm, &p->article.checked);
}

/* Help now: the help category's services with a phone as numbers, large,
 * the national ones first; under them the category's guides and its other
 * services, as on a category's screen (the help category has no tile on
 * home: this is its one way in). */
static void build_help(builder *b)
{
    page *p = b->page;
    catalog *c = b->in->catalog;
    speak_append(b, C_("heading", "Help now"));
    build_category(b, PAGES_HELP_CATEGORY);
    size_t n = p->category.service_count, kept = 0;
    p->help.entries = arena_alloc(p, (n + 1) * sizeof *p->help.entries);
    if (!p->help.entries)
        return;
    for (size_t i = 0; i < n; i++) {
        page_service_row row = p->category.services[i];
        const catalog_service *s = catalog_find_service(c, row.id);
        if (!s || s->phone_count == 0) {
            p->category.services[kept++] = row;
            continue;
        }
        page_help_entry *e = &p->help.entries[p->help.count++];
        e->id = s->id;
        e->phones = (const char **)s->phones;
        e->phone_count = s->phone_count;
        e->name = row.name;
        const char *note = key_of(p, "service", s->id, "hours-note");
        if (has_text(b, note))
            e->facts = content(b, note, true);
        e->address = s->address;
    }
    p->category.service_count = kept;
}

/* "2026-12-06 10:00 UTC" of a time_t. */
static const char *utc_minute(page *p, long long seconds)
{
    time_t t = (time_t)seconds;
    struct tm tm;
    char text[32];
    if (seconds <= 0 || !gmtime_r(&t, &tm) ||
        !strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm))
        return "?";
    return arena_strdup(p, text);
}

/* The catalogue in service (version, build time, signer) and the last
 * refused update, for the operator. */
static void build_operator_catalogue(builder *b)
{
    page *p = b->page;
    const pages_input *in = b->in;
    const signed_key *signer = in->catalog ? catalog_signer(in->catalog) : NULL;
    p->operator.catalog_version = in->catalog ? catalog_version(in->catalog) : 0;
    p->operator.catalog_built = utc_minute(p, p->operator.catalog_version);
    p->operator.catalog_signer = signer ? arena_strdup(p, signer->name) : "";
    const update_refusal *r = in->refused;
    bool refused = r && r->when > 0;
    p->operator.refused_when = refused ? utc_minute(p, r->when) : "";
    p->operator.refused_file = refused ? arena_strdup(p, r->file) : "";
    p->operator.refused_why = refused ? arena_strdup(p, r->why) : "";
    if (in->operator_example == PAGES_OPERATOR_EXAMPLE_SIGNED_REFUSED) {
        p->operator.catalog_version = 1796553877;
        p->operator.catalog_built = utc_minute(p, p->operator.catalog_version);
        p->operator.catalog_signer = "mantova-office";
        p->operator.refused_when = utc_minute(p, 1796560000);
        p->operator.refused_file = "catalog.sqlite";
        p->operator.refused_why = "bad signature: the file is not what key mantova-office"
                                  " (032e16872780a75e) signed (changed or damaged)";
    } else if (in->operator_example == PAGES_OPERATOR_EXAMPLE_NO_CATALOGUE) {
        p->operator.catalog_version = 0;
    }
}

static void build_operator_health(builder *b)
{
    b->page->operator.health = b->in->health;
}

/* The chart: the catalogue's languages (those never shown an empty bar)
 * and any other language counted (one switched off since), by count. */
static void build_operator_visits(builder *b)
{
    page *p = b->page;
    const pages_input *in = b->in;
    enum { COUNTED_MAX = 64 };
    counters_language_count counted[COUNTED_MAX];
    int found = in->counters ? counters_recent_by_language(in->counters, (time_t)in->now,
                                                           PAGES_VISIT_DAYS, counted, COUNTED_MAX)
                             : 0;
    size_t n_counted = found > 0 ? (size_t)found : 0;
    size_t n_languages = p->operator.language_count;
    page_visits *visits = arena_alloc(p, (n_languages + n_counted + 1) * sizeof *visits);
    if (!visits)
        return;
    size_t n = 0;
    bool listed[COUNTED_MAX] = {false};
    for (size_t i = 0; i < n_languages; i++, n++) {
        const page_operator_language *l = &p->operator.languages[i];
        page_visits *v = &visits[n];
        snprintf(v->code, sizeof v->code, "%s", l->code);
        v->name = l->name;
        for (size_t c = 0; c < n_counted; c++)
            if (strcmp(counted[c].language, l->code) == 0) {
                v->count = counted[c].count;
                listed[c] = true;
            }
    }
    for (size_t c = 0; c < n_counted; c++)
        if (!listed[c]) {
            snprintf(visits[n].code, sizeof visits[n].code, "%.3s", counted[c].language);
            visits[n++].count = counted[c].count;
        }
    for (size_t i = n_languages; i < n; i++) {
        char name[96];
        if (!locale_language_name(visits[i].code, name, sizeof name))
            snprintf(name, sizeof name, "%s", visits[i].code);
        visits[i].name = arena_strdup(p, name);
    }
    /* The most shown first; the same count keeps the order above (an
     * insertion sort is stable, and there are a few dozen at most). */
    for (size_t i = 1; i < n; i++) {
        page_visits moving = visits[i];
        size_t j = i;
        for (; j > 0 && visits[j - 1].count < moving.count; j--)
            visits[j] = visits[j - 1];
        visits[j] = moving;
    }
    p->operator.visits = visits;
    p->operator.visit_count = n;
    p->operator.visits_most = n ? visits[0].count : 0;
}

static void build_operator(builder *b)
{
    page *p = b->page;
    const pages_input *in = b->in;
    p->operator.town = in->config->town;
    p->operator.idle_timeout = in->config->idle_timeout;
    p->operator.message = arena_strdup(p, in->message ? in->message : "");
    p->operator.message_msgid = in->message_msgid;
    size_t n = in->catalog ? catalog_language_count(in->catalog) : 0;
    p->operator.languages = arena_alloc(p, (n + 1) * sizeof *p->operator.languages);
    for (size_t i = 0; p->operator.languages && i<n; i++) {
        page_operator_language *l = &p->operator.languages[p->operator.language_count++];
        snprintf(l->code, sizeof l->code, "%s", catalog_language_at(in->catalog, i)->code);
        for (int j = 0; j < in->config->language_count; j++)
            l->on = l->on || strcmp(in->config->languages[j], l->code) == 0;
        char name[96];
        if (!locale_language_name(l->code, name, sizeof name))
            snprintf(name, sizeof name, "%s", l->code);
        l->name = arena_strdup(p, name);
    }
    char today[16];
    time_t now = (time_t)in->now;
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    p->operator.today = in->counters ? counters_total(in->counters, today) : 0L;
    p->operator.total = in->counters ? counters_total(in->counters, NULL) : 0L;
    p->operator.old_months = CHECKED_OLD_MONTHS;
    p->operator.old_facts = in->catalog
        ? catalog_count_older(in->catalog, CHECKED_OLD_MONTHS, (time_t)in->now)
        : 0;
    build_operator_catalogue(b);
    build_operator_health(b);
    build_operator_visits(b);
}

static void build_out_of_service(builder *b)
{
    page *p = b->page;
    const site_config *c = b->in->config;
    p->out_of_service.lines =
        arena_alloc(p, (size_t)(c->language_count + 1) * sizeof *p->out_of_service.lines);
    /* TRANSLATORS: the whole screen when the kiosk has no catalogue. */
    const char *desk = N_("Out of service. Please ask at the information desk.");
    /* TRANSLATORS: the same on a tablet in a reception centre (CAS): "the
     * operator" is the centre's staff member a guest can ask. */
    const char *cas = N_("Out of service. Please ask the operator.");
    const char *msgid = ask(b, desk, cas);
    for (int i = 0; p->out_of_service.lines && i < c->language_count; i++) {
        const char *code = c->languages[i];
        char text[512];
        ui_text_in(code, msgid, text, sizeof text);
        page_out_of_service_line *line = &p->out_of_service.lines[p->out_of_service.count++];
        snprintf(line->code, sizeof line->code, "%s", code);
        line->text = arena_strdup(p, text);
        line->msgid = msgid;
    }
    /* The numbers that need no catalogue (FACTS.md): emergency, the
     * anti-violence and the anti-trafficking helplines. */
    p->out_of_service.numbers = "\xe2\x98\x8e 112 \xc2\xb7 1522 \xc2\xb7 800\xc2\xa0"
                                "290\xc2\xa0"
                                "290";
}

/* The draft line says the translation has not been reviewed: a language
 * with no PO file ("missing") has no translation at all, its texts are all
 * the fallback's (each laid out as the language it is in), so there is no
 * draft to warn about; "unknown" is a PO file that does not say. */
/* ---- search ---------------------------------------------------------------- */

#define PAGES_SEARCH_RESULTS 30

static const char *category_icon(catalog *c, const char *id)
{
    for (size_t i = 0; i < catalog_category_count(c); i++)
        if (strcmp(catalog_category_at(c, i)->id, id) == 0)
            return catalog_category_at(c, i)->icon;
    return "article";
}

static void build_search(builder *b)
{
    page *p = b->page;
    const pages_input *in = b->in;
    catalog *c = in->catalog;
    p->search.query = arena_strdup(p, in->query ? in->query : "");
    p->search.composing = arena_strdup(p, in->composing ? in->composing : "");
    p->search.prompt =
        ui(b, N_("Type what you are looking for"), _("Type what you are looking for"));
    if (!in->keyboard_hidden && in->keyboards) {
        const keyboard_layout *own = keyboard_for(in->keyboards, in->language, false);
        const keyboard_layout *latin = keyboard_for(in->keyboards, in->language, true);
        p->search.keyboard = in->latin_keys ? latin : own;
        p->search.other = own == latin ? NULL : in->latin_keys ? own : latin;
        p->search.choices = keyboard_key_at(p->search.keyboard, in->key_choices);
        if (p->search.choices && p->search.choices->choice_count > 1)
            p->search.choices_at = arena_strdup(p, in->key_choices);
        else
            p->search.choices = NULL;
    }
    if (!p->search.query[0]) {
        build_home(b); /* the topics, until something is typed */
        return;
    }
    size_t n = 0;
    catalog_search_result *found = catalog_search(
        c, in->language, p->search.query,
        in->config && in->config->town[0] ? in->config->town : NULL, PAGES_SEARCH_RESULTS, &n);
    p->search.results = arena_alloc(p, (n + 1) * sizeof *p->search.results);
    for (size_t i = 0; p->search.results && i < n; i++) {
        const catalog_search_result *f = &found[i];
        page_search_result r = {.id = arena_strdup(p, f->id)};
        if (strcmp(f->kind, "service") == 0) {
            const catalog_service *s = catalog_find_service(c, f->id);
            r.action = ACTION_SERVICE;
            r.icon = s ? category_icon(c, s->category) : "article";
            r.kind = ui(b, N_("Service"), _("Service"));
        } else if (strcmp(f->kind, "article") == 0) {
            r.action = ACTION_ARTICLE;
            r.icon = "article";
            r.kind = ui(b, N_("Guide"), _("Guide"));
        } else if (strcmp(f->kind, "category") == 0) {
            r.action = ACTION_CATEGORY;
            r.icon = category_icon(c, f->id);
            r.kind = ui(b, N_("Topic"), _("Topic"));
        } else {
            continue; /* an agency has no screen of its own: its desks are found */
        }
        r.title = literal(b, f->title, in->language);
        /* Its catalogue key: the layout check and a translator's
         * screenshots point at the PO entry. */
        r.title.key = key_of(p, f->kind, f->id, r.action == ACTION_ARTICLE ? "title" : "name");
        r.match_count = f->match_count;
        r.matches = arena_alloc(p, (f->match_count + 1) * sizeof *r.matches);
        if (r.matches && f->match_count)
            memcpy(r.matches, f->matches, f->match_count * sizeof *r.matches);
        else
            r.match_count = 0;
        p->search.results[p->search.count++] = r;
    }
    catalog_search_free(found, n);
    if (p->search.count == 0) {
        p->search.nothing =
            ui(b, N_("Nothing found for these words. Try other words, or choose a topic."),
               _("Nothing found for these words. Try other words, or choose a topic."));
        build_home(b);
    }
}

char *pages_search_example(catalog *catalog, const char *language, bool topic)
{
    if (!catalog || !(topic ? catalog_category_count(catalog) : catalog_article_count(catalog)))
        return strdup("");
    char *title = topic ? catalog_field(catalog, "category", catalog_category_at(catalog, 0)->id,
                                        "name", language, NULL)
                        : catalog_field(catalog, "article", catalog_article_at(catalog, 0)->id,
                                        "title", language, NULL);
    if (!title)
        return strdup("");
    /* Its longest word (a preposition says little), in the language's own
     * letters when it has any (not an Italian gloss in brackets); Chinese,
     * written without spaces, its first two characters. */
    bool own_letters = false;
    for (const char *c = title; *c; c++)
        own_letters |= (unsigned char)*c >= 0x80;
    const char *best = title;
    size_t best_n = 0;
    for (const char *w = title; *w;) {
        size_t n = strcspn(w, " ,:;.()\"'");
        bool ascii = false;
        for (size_t i = 0; i < n; i++)
            ascii |= (unsigned char)w[i] < 0x80;
        if (n > best_n && !(own_letters && ascii)) {
            best = w;
            best_n = n;
        }
        w += n;
        w += strspn(w, " ,:;.()\"'");
    }
    if ((unsigned char)best[0] >= 0xe3 && (unsigned char)best[0] <= 0xe9 && best_n > 6)
        best_n = 6;
    char *word = strndup(best, best_n);
    free(title);
    return word ? word : strdup("");
}

static bool is_draft(const catalog_language *l)
{
    return strcmp(l->review, "draft") == 0 || strcmp(l->review, "unknown") == 0;
}

page *pages_build(const pages_input *in, kiosk_screen screen, const char *arg)
{
    page *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    builder b = {.page = p, .in = in};
    p->screen = screen;
    p->arg = arena_strdup(p, arg ? arg : "");
    bool staff = screen == SCREEN_PIN || screen == SCREEN_OPERATOR;
    /* The operator's screens are for the site's staff: Italian, left to
     * right, whatever the last visitor chose. */
    snprintf(p->language, sizeof p->language, "%s",
             staff || !in->language[0] ? "it" : in->language);
    p->rtl = !staff && screen != SCREEN_LANGUAGES && screen != SCREEN_OUT_OF_SERVICE &&
             in->language[0] && text_language_is_rtl(in->language);
    p->show_italian = in->show_italian;
    p->large_text = in->large_text && !staff;
    p->high_contrast = in->high_contrast && !staff;
    const catalog_language *l =
        in->catalog && in->language[0] ? catalog_find_language(in->catalog, in->language) : NULL;
    p->draft = !staff && l && is_draft(l);
    p->italian_toggle =
        strcmp(p->language, "it") != 0 && (screen == SCREEN_SERVICE || screen == SCREEN_ARTICLE);
    if (!in->catalog && !staff)
        screen = p->screen = SCREEN_OUT_OF_SERVICE;
    switch (screen) {
    case SCREEN_LANGUAGES:
        build_languages(&b);
        break;
    case SCREEN_HOME:
        build_home(&b);
        break;
    case SCREEN_CATEGORY:
        build_category(&b, p->arg);
        break;
    case SCREEN_SERVICE:
        build_service(&b, p->arg, false);
        break;
    case SCREEN_QR:
        build_service(&b, p->arg, true);
        break;
    case SCREEN_ARTICLE:
        build_article(&b, p->arg);
        break;
    case SCREEN_HELP:
        build_help(&b);
        break;
    case SCREEN_PIN:
        p->pin.digits = in->pin_digits;
        p->pin.message = arena_strdup(p, in->message ? in->message : "");
        p->pin.message_msgid = in->message_msgid;
        break;
    case SCREEN_OPERATOR:
        build_operator(&b);
        break;
    case SCREEN_OUT_OF_SERVICE:
        build_out_of_service(&b);
        break;
    case SCREEN_SEARCH:
        build_search(&b);
        break;
    case SCREEN_COUNT:
        break;
    }
    speak_finish(&b);
    return p;
}

bool pages_exists(catalog *catalog, kiosk_screen screen, const char *arg)
{
    if (!catalog)
        return false;
    if (screen == SCREEN_SERVICE || screen == SCREEN_QR)
        return catalog_find_service(catalog, arg) != NULL;
    if (screen == SCREEN_ARTICLE)
        return catalog_find_article(catalog, arg) != NULL;
    if (screen == SCREEN_CATEGORY) {
        for (size_t i = 0; i < catalog_category_count(catalog); i++)
            if (strcmp(catalog_category_at(catalog, i)->id, arg) == 0)
                return true;
        return false;
    }
    return true;
}

size_t pages_ids(catalog *catalog, kiosk_screen screen, const char **ids, size_t max)
{
    size_t n = 0;
    if (!catalog)
        return 0;
    if (screen == SCREEN_CATEGORY)
        for (size_t i = 0; i < catalog_category_count(catalog) && n < max; i++)
            ids[n++] = catalog_category_at(catalog, i)->id;
    if (screen == SCREEN_SERVICE || screen == SCREEN_QR)
        for (size_t i = 0; i < catalog_service_count(catalog) && n < max; i++) {
            const catalog_service *s = catalog_service_at(catalog, i);
            if (screen == SCREEN_SERVICE || s->phone_count || s->address[0])
                ids[n++] = s->id;
        }
    if (screen == SCREEN_ARTICLE)
        for (size_t i = 0; i < catalog_article_count(catalog) && n < max; i++)
            ids[n++] = catalog_article_at(catalog, i)->id;
    return n;
}
