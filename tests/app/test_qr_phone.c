/* test_qr_phone.c - the phone a visitor reads on the screen is the phone
 * their camera takes from the QR code (issue 17: a right-to-left override
 * made the screen show "112" while the QR code held TEL:211).
 *
 * The QR code is made as the kiosk makes it (qr_surface of the page's
 * contact), decoded by another program's reader (libzbar, Debian's
 * libzbar-dev), and its TEL lines compared with the phones the service
 * screen draws (page->service.phones, drawn one by one by
 * screens/service.c).
 *
 *   test_qr_phone CATALOG WORK_DIR TEST-NAME
 *
 * Without libzbar the test says so and skips (exit 77): tools/deps.sh
 * installs it with the other packages the tests need. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "../check.h"
#include "catalog/facts.h"
#include "catalog_read.h"
#include "pages.h"
#include "qr.h"

#ifdef HAVE_ZBAR
#include <zbar.h>

/* The text of the one QR code in `surface` (black on white, one pixel per
 * module), read by zbar from a grey image four times larger; NULL when
 * zbar finds none. */
static char *decode(SDL_Surface *surface)
{
    const int scale = 4;
    int side = surface->w * scale;
    unsigned char *grey = malloc((size_t)side * (size_t)side);
    if (!grey)
        return NULL;
    for (int y = 0; y < side; y++) {
        const Uint32 *row =
            (const Uint32 *)((const Uint8 *)surface->pixels + (size_t)(y / scale) * surface->pitch);
        for (int x = 0; x < side; x++)
            grey[(size_t)y * (size_t)side + (size_t)x] = (row[x / scale] & 0xff) ? 255 : 0;
    }
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    /* the bytes as encoded, without a guess at their character set */
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_t *image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, (unsigned)side, (unsigned)side);
    zbar_image_set_data(image, grey, (unsigned long)side * (unsigned long)side,
                        zbar_image_free_data);
    char *text = NULL;
    if (zbar_scan_image(scanner, image) > 0) {
        const zbar_symbol_t *symbol = zbar_image_first_symbol(image);
        if (symbol && zbar_symbol_get_type(symbol) == ZBAR_QRCODE) {
            unsigned length = zbar_symbol_get_data_length(symbol);
            text = malloc(length + 1);
            if (text) {
                memcpy(text, zbar_symbol_get_data(symbol), length);
                text[length] = '\0';
            }
        }
    }
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    return text;
}

/* The values of the vCard's TEL lines, in order, into tel[] (at most 8). */
static size_t tel_lines(const char *vcard, char tel[8][64])
{
    size_t count = 0;
    for (const char *line = vcard; line && *line && count < 8;) {
        const char *end = strstr(line, "\r\n");
        size_t length = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, "TEL", 3) == 0 && memchr(line, ':', length)) {
            const char *value = (const char *)memchr(line, ':', length) + 1;
            snprintf(tel[count++], 64, "%.*s", (int)(length - (size_t)(value - line)), value);
        }
        line = end ? end + 2 : NULL;
    }
    return count;
}

/* The service's page in `language`: the phones it draws and the QR code
 * it shows hold the same numbers, in the same order.  Returns how many
 * phones the page has. */
static size_t check_service(catalog *c, const char *id, const char *language)
{
    site_config config = {0};
    pages_input in = {.catalog = c, .config = &config, .language = language};
    page *p = pages_build(&in, SCREEN_SERVICE, id);
    CHECK(p != NULL, "pages_build(%s, %s)", id, language);
    if (!p)
        return 0;
    const page_service *s = &p->service;
    size_t phones = s->phone_count;
    if (s->contact) {
        int modules = 0;
        SDL_Surface *surface = qr_surface(s->contact, &modules);
        CHECK(surface != NULL, "%s [%s]: no QR code", id, language);
        char *decoded = surface ? decode(surface) : NULL;
        CHECK(!surface || decoded, "%s [%s]: zbar reads no QR code", id, language);
        if (decoded) {
            CHECK(strcmp(decoded, s->contact) == 0,
                  "%s [%s]: the QR code holds\n%s\nnot the page's contact\n%s", id, language,
                  decoded, s->contact);
            char tel[8][64];
            size_t count = tel_lines(decoded, tel);
            CHECK(count == phones, "%s [%s]: %zu TEL lines in the QR code, %zu phones drawn", id,
                  language, count, phones);
            for (size_t i = 0; i < count && i < phones; i++) {
                char dialled[256], shown[256]; /* invisible characters made visible */
                fact_quote(tel[i], 64, dialled, sizeof dialled);
                fact_quote(s->phones[i], 64, shown, sizeof shown);
                CHECK(strcmp(tel[i], s->phones[i]) == 0,
                      "%s [%s]: the QR code dials \"%s\", the screen shows \"%s\"", id, language,
                      dialled, shown);
            }
        }
        free(decoded);
        SDL_FreeSurface(surface);
    } else {
        CHECK(phones == 0, "%s [%s]: %zu phones drawn and no QR code", id, language, phones);
    }
    page_free(p);
    return phones;
}

/* Every service of the bundled catalogue with a phone, in Italian and in
 * the right-to-left languages (where an override would show). */
static void kiosk_qr_code_dials_the_phone_the_screen_shows(const char *path, const char *work)
{
    (void)work;
    char why[256] = "";
    catalog *c = catalog_open(path, why, sizeof why);
    CHECK(c != NULL, "%s: %s", path, why);
    if (!c)
        return;
    static const char *const languages[] = {"it", "ar", "ur", "fa", "ps", "zh"};
    size_t phones = 0;
    for (size_t i = 0; i < catalog_service_count(c); i++) {
        const catalog_service *s = catalog_service_at(c, i);
        for (size_t l = 0; s->phone_count && l < sizeof languages / sizeof *languages; l++)
            phones += check_service(c, s->id, languages[l]);
    }
    CHECK(phones >= 4 * 6, "only %zu phones looked at", phones);
    catalog_close(c);
}

/* The digits a tel: URI dials (after "tel:", a leading "+39" taken off
 * when the number after it is a landline or mobile, as it is written in
 * Italy), compared with the digits of the phone the screen draws. */
static bool dials_the_same(const char *uri, const char *shown)
{
    if (strncmp(uri, "tel:", 4) != 0)
        return false;
    const char *digits = uri + 4;
    if (strncmp(digits, "+39", 3) == 0 && shown[0] != '+')
        digits += 3;
    char plain[64];
    size_t n = 0;
    for (const char *c = shown; *c && n + 1 < sizeof plain; c++)
        if (*c != ' ')
            plain[n++] = *c;
    plain[n] = '\0';
    return strcmp(digits, plain) == 0;
}

/* Each helpline (a service of Help now with a phone) offers, beside its
 * vCard, a QR code that dials it: read back with zbar, it is a tel: URI of
 * the first phone the screen draws, in every language; a service that is
 * not a helpline has none. */
static void kiosk_helpline_qr_code_dials_its_number(const char *path, const char *work)
{
    (void)work;
    char why[256] = "";
    catalog *c = catalog_open(path, why, sizeof why);
    CHECK(c != NULL, "%s: %s", path, why);
    if (!c)
        return;
    static const char *const languages[] = {"it", "ar", "ur", "ti", "zh"};
    size_t helplines = 0, others = 0;
    for (size_t i = 0; i < catalog_service_count(c); i++) {
        const catalog_service *cs = catalog_service_at(c, i);
        bool helpline = strcmp(cs->category, PAGES_HELP_CATEGORY) == 0 && cs->phone_count > 0;
        for (size_t l = 0; l < sizeof languages / sizeof *languages; l++) {
            site_config config = {0};
            pages_input in = {.catalog = c, .config = &config, .language = languages[l]};
            page *p = pages_build(&in, SCREEN_SERVICE, cs->id);
            CHECK(p != NULL, "pages_build(%s, %s)", cs->id, languages[l]);
            if (!p)
                continue;
            const page_service *s = &p->service;
            if (!helpline) {
                CHECK(s->dial == NULL, "%s [%s] is no helpline and dials %s", cs->id, languages[l],
                      s->dial);
                others++;
                page_free(p);
                continue;
            }
            CHECK(s->dial != NULL, "helpline %s [%s]: no QR code that dials it", cs->id,
                  languages[l]);
            int modules = 0;
            SDL_Surface *surface = s->dial ? qr_surface(s->dial, &modules) : NULL;
            char *decoded = surface ? decode(surface) : NULL;
            CHECK(!s->dial || decoded, "helpline %s [%s]: zbar reads no QR code", cs->id,
                  languages[l]);
            if (decoded) {
                char shown[256];
                fact_quote(s->phones[0], 64, shown, sizeof shown);
                CHECK(strcmp(decoded, s->dial) == 0 && dials_the_same(decoded, s->phones[0]),
                      "helpline %s [%s]: the QR code dials \"%s\", the screen shows \"%s\"", cs->id,
                      languages[l], decoded, shown);
                if (l == 0)
                    printf("%s: %s -> %s\n", cs->id, s->phones[0], decoded);
                helplines++;
            }
            free(decoded);
            SDL_FreeSurface(surface);
            page_free(p);
        }
    }
    CHECK(helplines >= 3 * 5, "only %zu helpline codes read", helplines);
    CHECK(others > 0, "no other service looked at");
    catalog_close(c);
}

/* The tel: URI of a phone: +39 before a landline or a mobile, short and
 * green numbers as written; nothing for a number that is not dialable. */
static void kiosk_tel_uri_of_a_phone_only_for_a_dialable_number(const char *path, const char *work)
{
    (void)path, (void)work;
    static const struct {
        const char *phone, *uri;
    } good[] = {{"112", "tel:112"},
                {"1522", "tel:1522"},
                {"800 290 290", "tel:800290290"},
                {"0376 123456", "tel:+390376123456"},
                {"333 1234567", "tel:+393331234567"},
                {"+39 0376 123456", "tel:+390376123456"},
                {"+44 20 7946 0958", "tel:+442079460958"}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char uri[64];
        CHECK(fact_phone_tel_uri(good[i].phone, uri, sizeof uri) && strcmp(uri, good[i].uri) == 0,
              "\"%s\" dials \"%s\", expected \"%s\"", good[i].phone, uri, good[i].uri);
    }
    static const char *const bad[] = {
        "",
        "1\xe2\x80\x8b"
        "12", /* a zero width space */
        "\xe2\x80\xae"
        "211\xe2\x80\xac",                                 /* an override: shown 112 */
        "\xd9\xa1\xd9\xa1\xd9\xa2",                        /* Arabic-Indic digits */
        "11O",                                             /* a letter */
        "0376  123456",                                    /* two spaces */
        "tel:112",                                         /* already a URI */
        "12345678901234567890123456789012345678901234567", /* too long */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char uri[64] = "x", quoted[256];
        fact_quote(bad[i], 64, quoted, sizeof quoted);
        CHECK(!fact_phone_tel_uri(bad[i], uri, sizeof uri) && uri[0] == '\0', "\"%s\" gave \"%s\"",
              quoted, uri);
    }
    char small[8] = "x";
    CHECK(!fact_phone_tel_uri("0376 123456", small, sizeof small) && small[0] == '\0',
          "a small buffer holds \"%s\"", small);
    CHECK(!fact_phone_tel_uri(NULL, small, sizeof small) && small[0] == '\0', "NULL dials");
}

static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    bool ok = in && out;
    char buffer[65536];
    for (size_t n; ok && (n = fread(buffer, 1, sizeof buffer, in)) > 0;)
        ok = fwrite(buffer, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

/* A catalogue edited behind the builder's back (sqlite3): the 112 service's
 * number made "<RLO>211<PDF>" (shown as "112", dialled as 211), with a
 * zero width space, with a letter.  None is drawn, none is in the QR code;
 * a good number beside them still is, in both. */
static void kiosk_leaves_out_a_phone_that_is_not_dialable(const char *path, const char *work)
{
    char copy[1024];
    snprintf(copy, sizeof copy, "%s/edited-phones.sqlite", work);
    mkdir(work, 0700);
    CHECK(copy_file(path, copy), "cannot copy %s to %s", path, copy);
    sqlite3 *db = NULL;
    char *error = NULL;
    int rc = sqlite3_open(copy, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          "UPDATE phones SET number = '\xe2\x80\xae"
                          "211\xe2\x80\xac' "
                          "WHERE service = 'emergenza-112';"
                          "INSERT INTO phones VALUES ('emergenza-112', 2, '1\xe2\x80\x8b"
                          "12');"
                          "INSERT INTO phones VALUES ('emergenza-112', 3, '11O');"
                          "INSERT INTO phones VALUES ('emergenza-112', 4, '113');",
                          NULL, NULL, &error);
    CHECK(rc == SQLITE_OK, "editing %s: %s", copy, error ? error : sqlite3_errmsg(db));
    sqlite3_free(error);
    sqlite3_close(db);
    char why[256] = "";
    catalog *c = catalog_open(copy, why, sizeof why);
    CHECK(c != NULL, "%s: %s", copy, why);
    if (!c)
        return;
    const catalog_service *s = catalog_find_service(c, "emergenza-112");
    CHECK(s && s->phone_count == 1 && strcmp(s->phones[0], "113") == 0,
          "emergenza-112 keeps %zu phones, expected only 113", s ? s->phone_count : 0);
    CHECK(check_service(c, "emergenza-112", "ar") == 1, "emergenza-112 [ar]: not one phone");
    CHECK(check_service(c, "emergenza-112", "it") == 1, "emergenza-112 [it]: not one phone");
    catalog_close(c);
    remove(copy);
}
#endif

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_qr_phone CATALOG WORK_DIR TEST-NAME\n");
        return 2;
    }
#ifdef HAVE_ZBAR
    static const struct {
        const char *name;
        void (*run)(const char *, const char *);
    } tests[] = {
        {"kiosk_qr_code_dials_the_phone_the_screen_shows",
         kiosk_qr_code_dials_the_phone_the_screen_shows},
        {"kiosk_leaves_out_a_phone_that_is_not_dialable",
         kiosk_leaves_out_a_phone_that_is_not_dialable},
        {"kiosk_helpline_qr_code_dials_its_number_with_a_tel_uri_read_by_zbar",
         kiosk_helpline_qr_code_dials_its_number},
        {"kiosk_tel_uri_of_a_phone_only_for_a_dialable_number",
         kiosk_tel_uri_of_a_phone_only_for_a_dialable_number},
    };
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        if (strcmp(argv[3], tests[i].name) == 0) {
            tests[i].run(argv[1], argv[2]);
            return check_failures ? 1 : 0;
        }
    fprintf(stderr, "unknown test %s\n", argv[3]);
    return 2;
#else
    (void)check_failures;
    fprintf(stderr,
            "%s: skipped: libzbar is not installed (Debian package libzbar-dev; "
            "tools/deps.sh installs it)\n",
            argv[3]);
    return 77;
#endif
}
