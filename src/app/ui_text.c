/* ui_text.c - gettext for the kiosk's own strings, switched at run time. */
#include "ui_text.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "paths.h"

static bool has_translations(const char *directory)
{
    /* Any LANG/LC_MESSAGES/sportello.mo will do; Italian is always built. */
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/it/LC_MESSAGES/" UI_DOMAIN ".mo", directory);
    return stat(path, &st) == 0;
}

bool ui_text_init(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        log_message(LOG_WARNING, "ui", "no C.UTF-8 locale: translations may not show");
    const char *candidates[] = {getenv("SPORTELLO_LOCALEDIR"),
                                paths_from_build_tree() ? SPORTELLO_BUILD_LOCALEDIR : NULL,
                                SPORTELLO_LOCALEDIR};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        if (candidates[i] && *candidates[i] && has_translations(candidates[i])) {
            bindtextdomain(UI_DOMAIN, candidates[i]);
            bind_textdomain_codeset(UI_DOMAIN, "UTF-8");
            log_message(LOG_DEBUG, "ui", "translations from %s", candidates[i]);
            return true;
        }
    }
    log_message(LOG_WARNING, "ui", "no translations of the kiosk's strings found: English only");
    return false;
}

/* GNU gettext's counter of loaded catalogues (glibc and libintl export
 * it): raising it makes gettext forget the translations it has looked up,
 * the documented way to switch languages in a running program (gettext
 * manual, "Being a gettext grok").  Setting the same locale again is not
 * enough: glibc keeps its cache then. */
extern int _nl_msg_cat_cntr;

void ui_text_set_language(const char *language)
{
    const char *current = getenv("LANGUAGE");
    if (current && strcmp(current, language) == 0)
        return;
    setenv("LANGUAGE", language, 1);
    ++_nl_msg_cat_cntr;
}

const char *ui_text_language(void)
{
    const char *current = getenv("LANGUAGE");
    return current ? current : "";
}

void ui_text_in(const char *language, const char *msgid, char *out, size_t size)
{
    char before[64];
    snprintf(before, sizeof before, "%s", ui_text_language());
    ui_text_set_language(language);
    snprintf(out, size, "%s", _(msgid));
    ui_text_set_language(before);
}

const char *ui_text_pgettext(const char *key, const char *msgid)
{
    const char *translated = dgettext(UI_DOMAIN, key);
    return translated == key ? msgid : translated;
}
