/* demo.c - see demo.h. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define MAX_LANGUAGES 32

typedef struct demo_line {
    char code[16];
    char *sentence;
    char name[128]; /* the language's name in itself, from ICU */
} demo_line;

struct demo {
    demo_line lines[MAX_LANGUAGES];
    int count;
};

static char *problem(const char *path, int line, const char *what)
{
    char text[512];
    snprintf(text, sizeof text, "%s:%d: %s", path, line, what);
    return strdup(text);
}

/* The language's own name for itself ("اردو" for ur), from ICU's locale
 * data; fa-AF is Dari ("دری"). */
static void native_name(const char *code, char *out, size_t size)
{
    UChar name[64];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uloc_getDisplayName(code, code, name, 64, &status);
    out[0] = '\0';
    if (U_SUCCESS(status)) {
        status = U_ZERO_ERROR;
        u_strToUTF8(out, (int32_t)size, NULL, name, length, &status);
        if (U_FAILURE(status))
            out[0] = '\0';
    }
    if (!out[0]) {
        size_t length = strnlen(code, size - 1);
        memmove(out, code, length);
        out[length] = '\0';
    }
}

/* The sentence, a space unless it ends in a full-width colon, and the phone
 * number isolated left to right with no-break spaces between its groups: it
 * reads "800 290 290" in Arabic as in Italian, and never wraps inside. */
static char *sentence_with_phone(const char *sentence, const char *phone)
{
    size_t length = strlen(phone);
    char *unbroken = malloc(length * 2 + 1), *out = unbroken;
    if (!unbroken)
        return NULL;
    for (const char *c = phone; *c; c++) {
        if (*c == ' ') {
            *out++ = '\xC2'; /* U+00A0 NO-BREAK SPACE */
            *out++ = '\xA0';
        } else {
            *out++ = *c;
        }
    }
    *out = '\0';
    size_t sentence_length = strlen(sentence);
    bool full_width =
        sentence_length >= 3 && strcmp(sentence + sentence_length - 3, "\xEF\xBC\x9A") == 0;
    char *result = malloc(sentence_length + 2);
    if (result)
        snprintf(result, sentence_length + 2, "%s%s", sentence, full_width ? "" : " ");
    if (result && !text_append_isolated(&result, unbroken, TEXT_DIRECTION_LTR)) {
        free(result);
        result = NULL;
    }
    free(unbroken);
    return result;
}

demo *demo_load(const char *path, char **error)
{
    *error = NULL;
    FILE *file = fopen(path, "r");
    if (!file) {
        *error = problem(path, 0, "cannot open");
        return NULL;
    }
    demo *d = calloc(1, sizeof *d);
    char text[4096];
    int number = 0;
    while (d && fgets(text, sizeof text, file)) {
        number++;
        text[strcspn(text, "\r\n")] = '\0';
        if (text[0] == '#' || text[0] == '\0')
            continue;
        char *tab = strchr(text, '\t');
        char *phone = tab ? strchr(tab + 1, '\t') : NULL;
        if (!tab || tab == text || tab - text >= 16 || !phone || phone == tab + 1 || !phone[1]) {
            *error = problem(path, number, "expected: language code, tab, sentence, tab, phone");
            break;
        }
        *phone++ = '\0';
        if (d->count == MAX_LANGUAGES) {
            *error = problem(path, number, "too many languages");
            break;
        }
        demo_line *line = &d->lines[d->count++];
        memcpy(line->code, text, (size_t)(tab - text));
        line->sentence = sentence_with_phone(tab + 1, phone);
        native_name(line->code, line->name, sizeof line->name);
    }
    fclose(file);
    if (!d || *error) {
        if (!*error)
            *error = problem(path, number, "out of memory");
        demo_free(d);
        return NULL;
    }
    return d;
}

void demo_free(demo *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->count; i++)
        free(d->lines[i].sentence);
    free(d);
}

/* Draws a paragraph and returns its height. */
static float draw_text(text_engine *engine, text_renderer *text, const char *utf8,
                       const text_params *params, float x, float y, SDL_Color color)
{
    text_layout *layout = text_layout_create(engine, utf8, strlen(utf8), params);
    float height = 0;
    if (layout) {
        text_renderer_draw(text, layout, x, y, color);
        height = text_layout_height(layout);
        text_layout_destroy(layout);
    }
    return height;
}

void demo_draw(const demo *d, SDL_Renderer *renderer, text_engine *engine, text_renderer *text,
               int width, int height)
{
    const SDL_Color ink = {20, 32, 48, 255}, muted = {70, 84, 100, 255};
    SDL_SetRenderDrawColor(renderer, 246, 244, 238, 255);
    SDL_RenderClear(renderer);
    SDL_SetRenderDrawColor(renderer, 22, 92, 125, 255);
    SDL_RenderFillRect(renderer, &(SDL_Rect){0, 0, width, 64});
    text_params title = text_params_default("it", width - 48, 30);
    title.weight = TEXT_WEIGHT_BOLD;
    draw_text(engine, text, "Sportello", &title, 24, 12, (SDL_Color){255, 255, 255, 255});
    int columns = 3, rows = (d->count + columns - 1) / columns;
    if (rows == 0)
        return;
    float cell_w = (float)(width - 48) / (float)columns;
    float cell_h = (float)(height - 88) / (float)rows;
    for (int i = 0; i < d->count; i++) {
        const demo_line *line = &d->lines[i];
        float x = 24 + (float)(i / rows) * cell_w, y = 80 + (float)(i % rows) * cell_h;
        SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
        SDL_RenderFillRectF(renderer, &(SDL_FRect){x + 4, y + 4, cell_w - 8, cell_h - 8});
        text_params name = text_params_default(line->code, (int)cell_w - 32, 22);
        name.weight = TEXT_WEIGHT_BOLD;
        name.max_lines = 1;
        text_params sentence = text_params_default(line->code, (int)cell_w - 32, 17);
        sentence.max_lines = 3;
        float below = draw_text(engine, text, line->name, &name, x + 16, y + 8, ink);
        draw_text(engine, text, line->sentence, &sentence, x + 16, y + 8 + below, muted);
    }
}
