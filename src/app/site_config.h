/* site_config.h - the site's configuration file: a small text file an
 * operator can read and edit, one `key = value` per line, `#` starts a
 * comment:
 *
 *     # Sportello site configuration
 *     town = mantova          # mantova | castiglione-delle-stiviere | suzzara | other
 *     languages = it en fr ar ur fa ps pa bn ti zh ro sq uk   # picker order
 *     place = desk            # desk | cas: where a visitor is told to ask
 *     idle_timeout = 90       # seconds, 30..900
 *     pin = $y$...            # crypt(3) hash of the operator PIN; empty = no operator access
 *     trusted_keys = /etc/sportello/agency.pub office:BASE64...
 *                             # keys whose signed catalogues are loaded; empty = the
 *                             # key installed with the kiosk (docs/kiosk.md)
 *     update_folder = /var/lib/sportello/incoming
 *                             # where new catalogues arrive (absolute path);
 *                             # empty = no updates (docs/kiosk.md, "Updates")
 *
 * A bad line never stops the kiosk: it is logged as `path:line: problem`
 * and its key keeps the default. */
#ifndef SPORTELLO_SITE_CONFIG_H
#define SPORTELLO_SITE_CONFIG_H

#include <stdbool.h>

#define SITE_CONFIG_UPDATE_FOLDER "/var/lib/sportello/incoming"

typedef struct site_config {
    char town[64];
    /* Where the kiosk stands: "desk", an information desk (a visitor is
     * told "ask at the information desk"), or "cas", a tablet in a
     * reception centre ("ask the operator"). */
    char place[8];
    char languages[32][8]; /* codes of 2-3 letters a-z, picker order, no repeats */
    int language_count;    /* 1..32 */
    int idle_timeout;      /* seconds, 30..900 */
    char pin_hash[256];    /* crypt(3) hash (see pin.h); "" = no operator access */
    /* Public keys trusted to sign catalogues: absolute paths of key files
     * and NAME:BASE64, separated by spaces (signed.h); "" = the kiosk's
     * default key (kiosk_options). */
    char trusted_keys[1024];
    /* The folder watched for new catalogues (updates.h): an absolute path
     * without "." or ".." parts or control characters; "" = none. */
    char update_folder[1024];
} site_config;

/* Town "mantova", place "desk", all 14 languages in the order above,
 * 90 s, no PIN, the default trusted key, updates from
 * SITE_CONFIG_UPDATE_FOLDER. */
void site_config_defaults(site_config *c);

/* Whether the kiosk is a tablet in a reception centre (place = cas). */
bool site_config_at_cas(const site_config *c);

/* Reads `path`. Missing file: defaults, returns true. A bad line: logged as
 * `path:line: problem`, that key keeps its default, returns false (the kiosk
 * still starts).  Unknown and repeated keys, lines over 1000 bytes, a file
 * over 64 KB (the rest is ignored) and a file that cannot be read are
 * problems too. */
bool site_config_load(site_config *c, const char *path);

/* Writes atomically (temp file in the same directory, fsync, rename; 0600
 * since it holds the PIN hash). Returns false (logged) on failure or on a
 * configuration that would not load back; the old file is then untouched. */
bool site_config_save(const site_config *c, const char *path);

#endif
