/* fold.c - see fold.h. */
#include "fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

/* Length of the UTF-8 sequence at p (1 for a stray byte) and its code
 * point (the byte itself when ill-formed: the build has rejected such text
 * already, and a query is only compared, never shown). */
static size_t decode(const unsigned char *p, size_t left, uint32_t *c)
{
    int32_t i = 0;
    UChar32 code;
    U8_NEXT(p, i, (int32_t)(left > 8 ? 8 : left), code);
    if (code < 0) {
        *c = p[0];
        return 1;
    }
    *c = (uint32_t)code;
    return (size_t)i;
}

static size_t encode(uint32_t c, char *out)
{
    int32_t n = 0;
    UBool error = false;
    U8_APPEND((uint8_t *)out, n, 4, (UChar32)c, error);
    if (error) {
        out[0] = (char)(c & 0x7F);
        return 1;
    }
    return (size_t)n;
}

static bool is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

/* One Ethiopic series to another, order by order: [from, from + count). */
static const struct {
    uint16_t from, to, count;
} ethiopic_series[] = {
    {0x1210, 0x1200, 8}, /* ሐ -> ሀ */
    {0x1280, 0x1200, 8}, /* ኀ -> ሀ */
    {0x1220, 0x1230, 8}, /* ሠ -> ሰ */
    {0x12D0, 0x12A0, 7}, /* ዐ -> አ */
    {0x1340, 0x1338, 8}, /* ፀ -> ጸ */
    {0x1250, 0x1240, 7}, /* ቐ -> ቀ */
    {0x1258, 0x1248, 6}, /* ቘ ቚ-ቝ -> ቈ ቊ-ቍ */
    {0x12B8, 0x12A8, 7}, /* ኸ -> ከ */
    {0x12C0, 0x12B0, 6}, /* ዀ ዂ-ዅ -> ኰ ኲ-ኵ */
};

/* The folded form of c: itself, another character, or 0 (removed). */
static uint32_t fold_character(uint32_t c)
{
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || c == 0x200C || c == 0x200D ||
        c == 0x200E || c == 0x200F || c == 0x061C || c == 0x0A3C || c == 0x093C || c == 0x09BC)
        return 0;
    switch (c) {
    case 0x0623:
    case 0x0625:
    case 0x0622:
    case 0x0671:
    case 0x0672:
    case 0x0673:
        return 0x0627; /* alef */
    case 0x0629:
    case 0x06C3:
    case 0x06C1:
    case 0x06BE:
    case 0x06D5:
    case 0x06C0:
    case 0x06C2:
        return 0x0647; /* heh */
    case 0x0649:
    case 0x06CC:
    case 0x06D2:
    case 0x06D3:
    case 0x0626:
        return 0x064A; /* yeh */
    case 0x06A9:
        return 0x0643; /* kaf */
    case 0x0624:
        return 0x0648; /* waw */
    /* Gurmukhi letters with a nukta */
    case 0x0A36:
        return 0x0A38;
    case 0x0A59:
        return 0x0A16;
    case 0x0A5A:
        return 0x0A17;
    case 0x0A5B:
        return 0x0A1C;
    case 0x0A5E:
        return 0x0A2B;
    case 0x0A33:
        return 0x0A32;
    /* Bengali */
    case 0x09DC:
        return 0x09A1;
    case 0x09DD:
        return 0x09A2;
    case 0x09DF:
        return 0x09AF;
    default:
        break;
    }
    if (c >= 0x0958 && c <= 0x095F) { /* Devanagari क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ */
        static const uint16_t plain[] = {0x0915, 0x0916, 0x0917, 0x091C,
                                         0x0921, 0x0922, 0x092B, 0x092F};
        return plain[c - 0x0958];
    }
    if (c >= 0x0660 && c <= 0x0669)
        return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9)
        return '0' + (c - 0x06F0);
    if (c >= 0x1200 && c <= 0x137F)
        for (size_t i = 0; i < sizeof ethiopic_series / sizeof ethiopic_series[0]; i++)
            if (c >= ethiopic_series[i].from &&
                c < (uint32_t)ethiopic_series[i].from + ethiopic_series[i].count)
                return ethiopic_series[i].to + (c - ethiopic_series[i].from);
    return c;
}

/* ICU transliterators, opened on first use (ICU builds the Han ones from
 * its rules, a few tens of milliseconds) and kept: the builder calls them
 * for every record, the kiosk for every keystroke. */
enum { TRADITIONAL_SIMPLIFIED, HAN_LATIN, ANY_LATIN, TRANSLITERATOR_COUNT };
static UTransliterator *transliterators[TRANSLITERATOR_COUNT];
static bool transliterator_failed[TRANSLITERATOR_COUNT];

static UTransliterator *transliterator(int which)
{
    static const char *const ids[] = {"Traditional-Simplified", "Han-Latin; Latin-ASCII",
                                      "Any-Latin; Latin-ASCII"};
    if (!transliterators[which] && !transliterator_failed[which]) {
        UChar id[64];
        u_uastrcpy(id, ids[which]);
        UErrorCode error = U_ZERO_ERROR;
        transliterators[which] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &error);
        if (U_FAILURE(error)) {
            transliterators[which] = NULL;
            transliterator_failed[which] = true;
        }
    }
    return transliterators[which];
}

static void latin_cache_clear(void);

void search_fold_release(void)
{
    latin_cache_clear();
    for (int i = 0; i < TRANSLITERATOR_COUNT; i++) {
        if (transliterators[i])
            utrans_close(transliterators[i]);
        transliterators[i] = NULL;
    }
}

/* `utf8` through a transliterator: malloc'd UTF-8, or NULL. */
static char *transliterate(UTransliterator *t, const char *utf8)
{
    if (!t)
        return NULL;
    UErrorCode error = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8Lenient(NULL, 0, &length, utf8, -1, &error);
    error = U_ZERO_ERROR;
    /* Han-Latin makes a syllable and a space of each character (one UTF-16
     * unit): room for 8 per unit, grown if ICU asks for more */
    int32_t capacity = length * 8 + 16;
    UChar *text = malloc((size_t)capacity * sizeof *text);
    if (!text)
        return NULL;
    u_strFromUTF8Lenient(text, capacity, &length, utf8, -1, &error);
    int32_t limit = length;
    utrans_transUChars(t, text, &length, capacity, 0, &limit, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR) {
        free(text);
        return NULL;
    }
    char *out = NULL;
    int32_t bytes = 0;
    if (U_SUCCESS(error)) {
        u_strToUTF8(NULL, 0, &bytes, text, length, &error);
        error = U_ZERO_ERROR;
        out = malloc((size_t)bytes + 1);
        if (out)
            u_strToUTF8(out, bytes + 1, NULL, text, length, &error);
        if (out && U_FAILURE(error)) {
            free(out);
            out = NULL;
        }
    }
    free(text);
    return out;
}

static bool has_han(const char *utf8)
{
    const unsigned char *in = (const unsigned char *)utf8;
    size_t length = strlen(utf8);
    for (size_t i = 0; i < length;) {
        uint32_t c;
        i += decode(in + i, length - i, &c);
        if (is_han(c))
            return true;
    }
    return false;
}

char *search_fold(const char *utf8)
{
    char *simplified =
        has_han(utf8) ? transliterate(transliterator(TRADITIONAL_SIMPLIFIED), utf8) : NULL;
    if (simplified)
        utf8 = simplified;
    size_t length = strlen(utf8);
    /* a Han character (3 or 4 bytes) gains two spaces, nothing else grows:
     * at most doubled */
    char *out = malloc(length * 2 + 1);
    if (!out) {
        free(simplified);
        return NULL;
    }
    const unsigned char *in = (const unsigned char *)utf8;
    size_t n = 0;
    for (size_t i = 0; i < length;) {
        uint32_t c;
        size_t step = decode(in + i, length - i, &c);
        i += step;
        uint32_t folded = fold_character(c);
        if (folded == 0)
            continue;
        bool han = is_han(folded);
        if (han)
            out[n++] = ' ';
        if (folded == c)
            memcpy(out + n, in + i - step, step), n += step;
        else
            n += encode(folded, out + n);
        if (han)
            out[n++] = ' ';
    }
    out[n] = '\0';
    free(simplified);
    return out;
}

/* Whether the UTF-8 at p starts with `prefix` and leaves at least
 * `letters` characters of the word (which ends at `end`). */
static bool strip(const char *p, const char *end, const char *prefix, int letters)
{
    size_t length = strlen(prefix);
    if ((size_t)(end - p) < length || memcmp(p, prefix, length) != 0)
        return false;
    int left = 0;
    for (const unsigned char *q = (const unsigned char *)p + length; q < (const unsigned char *)end;
         q++)
        left += (*q & 0xC0) != 0x80;
    return left >= letters;
}

char *search_bare(const char *language, const char *folded)
{
    if (strcmp(language, "ar") != 0)
        return NULL;
    static const char *const articles[] = {"\u0628\u0627\u0644", "\u0643\u0627\u0644",
                                           "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"};
    static const char *const letters[] = {"\u0628", "\u0644"};
    static const char waw[] = "\u0648";
    size_t length = strlen(folded);
    char *out = malloc(length + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool changed = false;
    for (const char *p = folded; *p;) {
        /* a word: bytes up to an ASCII separator (Arabic letters are never
         * ASCII; punctuation between words is ASCII or passes through) */
        size_t span = strcspn(p, " \t\n.,;:!?()\"'-/");
        const char *end = p + span, *start = p;
        if (strip(start, end, waw, 3))
            start += strlen(waw);
        bool article = false;
        for (size_t i = 0; !article && i < sizeof articles / sizeof articles[0]; i++)
            if (strip(start, end, articles[i], 2)) {
                start += strlen(articles[i]);
                article = true;
            }
        for (size_t i = 0; !article && i < sizeof letters / sizeof letters[0]; i++)
            if (strip(start, end, letters[i], 3)) {
                start += strlen(letters[i]);
                article = true;
            }
        changed = changed || start != p;
        memcpy(out + n, start, (size_t)(end - start));
        n += (size_t)(end - start);
        p = end;
        size_t separators = strspn(p, " \t\n.,;:!?()\"'-/");
        memcpy(out + n, p, separators);
        n += separators;
        p += separators;
    }
    out[n] = '\0';
    if (!changed) {
        free(out);
        return NULL;
    }
    return out;
}

/* The languages with Latin letters in the index, by measurement
 * (bench/transliteration_bench.c, docs/design.md "Search"): not Arabic and
 * Urdu, whose ICU transliteration (a consonant skeleton: "alratb",
 * "tnkhwah") found none of the words people type. */
bool search_has_latin(const char *language)
{
    static const char *const with_latin[] = {"zh", "bn", "pa", "uk", "ti", "fa", "ps"};
    for (size_t i = 0; i < sizeof with_latin / sizeof with_latin[0]; i++)
        if (strcmp(language, with_latin[i]) == 0)
            return true;
    return false;
}

char *search_latin(const char *language, const char *utf8)
{
    return search_has_latin(language) ? search_transliterate(language, utf8) : NULL;
}

/* Runs of text already put into Latin letters, by transliterator and run:
 * the builder transliterates every text of a catalogue, whose words repeat
 * (measured with perf: the 10,000-service benchmark's build spent 40 % of
 * its time in ICU's transliterators without it, 22 % with it; Chinese
 * runs are whole clauses and rarely repeat).  Emptied whole when half
 * full. */
enum { LATIN_CACHE_SLOTS = 1 << 16 };
static struct latin_entry {
    char *key; /* the transliterator's number, then the run */
    char *value;
} latin_cache[LATIN_CACHE_SLOTS];
static size_t latin_cache_used;

static void latin_cache_clear(void)
{
    for (size_t i = 0; i < LATIN_CACHE_SLOTS; i++) {
        free(latin_cache[i].key), free(latin_cache[i].value);
        latin_cache[i] = (struct latin_entry){0};
    }
    latin_cache_used = 0;
}

/* ICU's Latin for a run of non-ASCII text, cleaned: Ethiopic's sixth order
 * comes out as schwa, which Latin-ASCII keeps: people write it "e"; the
 * marks of glottal stops and pharyngeals (ʾ ʿ, Ethiopic) and of syllable
 * breaks (', Bengali and Gurmukhi) are not typed, and would cut a word in
 * two.  Malloc'd, or NULL. */
static char *latin_of_run(int which, const char *run)
{
    char *latin = transliterate(transliterator(which), run);
    if (!latin)
        return NULL;
    char *out = latin;
    for (const char *p = latin; *p;) {
        const unsigned char *u = (const unsigned char *)p;
        if (u[0] == 0xC7 && u[1] == 0x9D)
            *out++ = 'e', p += 2;
        else if (u[0] == 0xCA && (u[1] == 0xBE || u[1] == 0xBF || u[1] == 0xBC || u[1] == 0xBB))
            p += 2;
        else if (u[0] == '\'')
            p++;
        else
            *out++ = *p++;
    }
    *out = '\0';
    return latin;
}

/* The same through the cache; the result belongs to the cache (valid
 * until the next call). */
static const char *cached_latin(int which, const char *run, size_t length)
{
    char key[512];
    if (length + 2 > sizeof key)
        return NULL;
    key[0] = (char)('0' + which);
    memcpy(key + 1, run, length);
    key[length + 1] = '\0';
    uint32_t hash = 2166136261u;
    for (size_t i = 0; key[i]; i++)
        hash = (hash ^ (unsigned char)key[i]) * 16777619u;
    size_t slot = hash & (LATIN_CACHE_SLOTS - 1);
    while (latin_cache[slot].key) {
        if (strcmp(latin_cache[slot].key, key) == 0)
            return latin_cache[slot].value;
        slot = (slot + 1) & (LATIN_CACHE_SLOTS - 1);
    }
    if (latin_cache_used >= LATIN_CACHE_SLOTS / 2) {
        latin_cache_clear();
        return cached_latin(which, run, length);
    }
    char *value = latin_of_run(which, key + 1);
    char *stored = strdup(key);
    if (!value || !stored) {
        free(value), free(stored);
        return NULL;
    }
    latin_cache[slot] = (struct latin_entry){stored, value};
    latin_cache_used++;
    return value;
}

char *search_transliterate(const char *language, const char *utf8)
{
    int which = strcmp(language, "zh") == 0 ? HAN_LATIN : ANY_LATIN;
    size_t length = strlen(utf8), capacity = length * 4 + 16, n = 0;
    bool changed = false;
    char *out = malloc(capacity);
    if (!out)
        return NULL;
    /* ASCII is Latin already: only each run of other characters goes
     * through ICU, with a space on each side */
    for (size_t i = 0; i < length;) {
        size_t run = 0;
        /* an apostrophe inside a word is part of it (Ukrainian "Здоров'я") */
        while (i + run < length &&
               ((unsigned char)utf8[i + run] >= 0x80 ||
                (run > 0 && utf8[i + run] == '\'' && (unsigned char)utf8[i + run + 1] >= 0x80)))
            run++;
        const char *latin = run ? cached_latin(which, utf8 + i, run) : NULL;
        size_t more = latin ? strlen(latin) + 2 : run ? run : 1;
        if (n + more + 1 > capacity) {
            capacity = (n + more + 1) * 2;
            char *bigger = realloc(out, capacity);
            if (!bigger) {
                free(out);
                return NULL;
            }
            out = bigger;
        }
        if (latin) {
            out[n++] = ' ';
            memcpy(out + n, latin, more - 2);
            n += more - 2;
            out[n++] = ' ';
            changed = true;
        } else if (run) {
            memcpy(out + n, utf8 + i, run);
            n += run;
        } else {
            out[n++] = utf8[i];
        }
        i += run ? run : 1;
    }
    out[n] = '\0';
    if (!changed) {
        free(out);
        return NULL; /* nothing to transliterate */
    }
    return out;
}

enum search_column search_field_column(const char *key)
{
    const char *colon = strrchr(key, ':');
    if (!colon || strchr(key, '\004'))
        return SEARCH_BODY;
    const char *field = colon + 1;
    if (strcmp(field, "name") == 0 || strcmp(field, "title") == 0)
        return SEARCH_TITLE;
    if (strcmp(field, "what") == 0 || strcmp(field, "summary") == 0 ||
        strcmp(field, "description") == 0)
        return SEARCH_SUMMARY;
    return SEARCH_BODY;
}

/* Whether a[0..na) is a prefix of b[0..nb). */
static bool is_prefix(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    return na <= nb && memcmp(a, b, na * sizeof *a) == 0;
}

int search_one_edit(const int32_t *w, size_t nw, const int32_t *t, size_t nt)
{
    size_t i = 0;
    while (i < nw && i < nt && w[i] == t[i])
        i++;
    if (i == nw)
        return 0;
    int found = 0;
    /* changed */
    if (i < nt && is_prefix(w + i + 1, nw - i - 1, t + i + 1, nt - i - 1))
        found = nw == nt ? 2 : 1;
    /* a letter too many in the word */
    if (found < 2 && is_prefix(w + i + 1, nw - i - 1, t + i, nt - i))
        found = nw == nt + 1 ? 2 : 1;
    /* a letter missing */
    if (found < 2 && i < nt && is_prefix(w + i, nw - i, t + i + 1, nt - i - 1))
        found = nw + 1 == nt ? 2 : 1;
    /* two swapped */
    if (found < 2 && i + 1 < nw && i + 1 < nt && w[i] == t[i + 1] && w[i + 1] == t[i] &&
        is_prefix(w + i + 2, nw - i - 2, t + i + 2, nt - i - 2))
        found = nw == nt ? 2 : 1;
    return found;
}
