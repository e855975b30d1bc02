/* speech.c - see speech.h.
 *
 * espeak-ng runs in synchronous mode: espeak_ng_Synthesize returns when the
 * whole text is done and hands each piece of audio (60 ms, espeak-ng's
 * default buffer) to receive_samples on the calling thread.  A piece goes
 * either to memory (speech_synthesize) or to the SDL audio queue
 * (speech_say's thread).  espeak-ng's own audio output is never used, so
 * audio has one path, SDL's, which the kiosk already initialises and which
 * tests can point at the dummy or disk driver.
 *
 * Lazy start: speech_create only reads the voice table.  espeak-ng is
 * initialised, its voices listed, and a language's voice loaded to check
 * that it works, at the first speech_has_voice / speech_synthesize /
 * speech_say for that language (check_voice); the answer is kept in the
 * table entry.  Doing all of it at create time cost the kiosk about 5-6 ms
 * of its start (measured on the 2-core build machine: speech_create 4.8 ms
 * median, up to 6 ms: initialising, espeak_ListVoices reading every voice
 * file, and loading the dictionary of each of the 12 listed languages),
 * before a first screen, the language picker, that never speaks.  Now
 * speech_create takes 0.04 ms; the first language checked about 3 ms, each
 * further one about 0.3 ms. */
#include "speech.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <unicode/utf8.h>

#include "catalog/recording.h"
#include "log.h"
#include "paths.h"

#define SPEECH_TABLE "speech-voices.txt"
#define SPEECH_LANG_MAX 16
#define SPEECH_VOICE_MAX 64

/* SDL device buffer in sample frames: 1024 at 22 050 Hz is 46 ms, short
 * enough that speech_stop is heard at once and speech_is_speaking follows
 * playback closely, long enough not to underrun on a busy kiosk. */
#define SPEECH_DEVICE_FRAMES 1024

/* The device's rate when it opens before espeak-ng has started (a page of
 * recordings in a language without a voice): espeak-ng's own, so that it
 * never has to open again. */
#define SPEECH_DEFAULT_RATE 22050

/* How far synthesis may run ahead of playback.  espeak-ng synthesises 400
 * to 1100 times faster than it speaks (measured on the 2-core build
 * machine: 10 s of Italian in 21 ms, 9 s of Arabic in 8 ms); without a
 * bound a long text would be queued whole, 44 KB per second of speech. */
#define SPEECH_AHEAD_SECONDS 4

_Static_assert(sizeof(short) == sizeof(int16_t), "espeak-ng's samples are 16-bit");

/* espeak-ng keeps its state in the process, so these two mirror it: the
 * one speech object that may exist, and whether espeak-ng is initialised
 * (its sample rate; 0 before).  espeak_sample_rate is touched only by the
 * thread that holds speech_object_exists, under that object's espeak_lock. */
static atomic_flag speech_object_exists = ATOMIC_FLAG_INIT;
static int espeak_sample_rate;

/* Whether espeak-ng has a table entry's voice: asked at the entry's first
 * use, not at speech_create (see the top of this file). */
typedef enum voice_state { VOICE_UNCHECKED, VOICE_INSTALLED, VOICE_MISSING } voice_state;

typedef struct voice_entry {
    char lang[SPEECH_LANG_MAX];
    char voice[SPEECH_VOICE_MAX];
    int line;          /* in the table, for the log when the voice is missing */
    voice_state state; /* set by check_voice, on the caller's thread */
} voice_entry;

/* One voice of espeak_ListVoices, copied: espeak-ng frees its list at the
 * next espeak_ListVoices, which anyone in the process may call. */
typedef struct listed_voice {
    char *name;
    char *file; /* espeak-ng's identifier, e.g. "roa/it" */
} listed_voice;

struct speech {
    voice_entry *voices; /* every well-formed line, first line per language */
    size_t voice_count;
    char *table_path; /* for "path:line" when a voice is found missing */

    /* Set by start_speech at first use, under espeak_lock, before any
     * speech_say thread exists. */
    bool started;
    bool start_failed; /* espeak-ng would not start: logged, not retried */
    listed_voice *installed;
    size_t installed_count;
    int sample_rate; /* 0 until started */

    SDL_mutex *espeak_lock;               /* one synthesis at a time */
    char current_voice[SPEECH_VOICE_MAX]; /* loaded in espeak-ng; under espeak_lock */

    bool audio_subsystem;   /* SDL_INIT_AUDIO taken by speech_say */
    bool audio_unavailable; /* opening failed once: logged, not retried */
    SDL_AudioDeviceID device;
    int device_rate; /* what is queued: 16-bit mono samples at this rate */

    SDL_Thread *worker; /* speech_say's synthesis, joined by speech_stop */
    atomic_bool worker_running;
    atomic_bool cancel;
};

/* Where one synthesis puts its samples: memory, or an audio device. */
typedef struct sample_sink {
    speech *s;
    SDL_AudioDeviceID device; /* 0: keep in memory */
    int16_t *samples;
    size_t count, capacity;
    bool failed;
} sample_sink;

/* One part of a say_job: a copy of a recording's bytes, or of a text. */
typedef struct job_part {
    char *text;
    unsigned char *recording;
    size_t recording_size;
} job_part;

/* What speech_say's thread reads: its own copies, the caller's may go. */
typedef struct say_job {
    speech *s;
    char voice[SPEECH_VOICE_MAX]; /* "" when the language has none */
    job_part *parts;
    size_t count;
} say_job;

/* ---- the voice table ---- */

static bool valid_lang(const char *lang, size_t length)
{
    if (length < 2 || length >= SPEECH_LANG_MAX)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = lang[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return false;
    }
    return true;
}

/* The table entry for `lang`, checked or not.  s->voices points to
 * memory the object owns, so a const speech still has mutable entries. */
static voice_entry *find_voice(const speech *s, const char *lang)
{
    if (!s || !lang)
        return NULL;
    for (size_t i = 0; i < s->voice_count; i++)
        if (strcmp(s->voices[i].lang, lang) == 0)
            return &s->voices[i];
    return NULL;
}

/* Reads one "LANG<TAB>VOICE" line; problems are logged as path:line. */
static void read_table_line(speech *s, const char *path, int number, char *line)
{
    size_t lang_length = strcspn(line, " \t");
    char *voice = line + lang_length;
    voice += strspn(voice, " \t");
    size_t voice_length = strlen(voice);
    while (voice_length > 0 && (voice[voice_length - 1] == ' ' || voice[voice_length - 1] == '\t'))
        voice[--voice_length] = '\0';
    line[lang_length] = '\0';

    if (!valid_lang(line, lang_length)) {
        log_message(LOG_WARNING, "speech", "%s:%d: '%s' is not a language code", path, number,
                    line);
        return;
    }
    if (voice_length == 0) {
        log_message(LOG_WARNING, "speech", "%s:%d: no voice for '%s' (LANG<TAB>VOICE)", path,
                    number, line);
        return;
    }
    if (voice_length >= SPEECH_VOICE_MAX) {
        log_message(LOG_WARNING, "speech", "%s:%d: voice name longer than %d bytes", path, number,
                    SPEECH_VOICE_MAX - 1);
        return;
    }
    if (find_voice(s, line)) {
        log_message(LOG_WARNING, "speech", "%s:%d: language '%s' listed twice", path, number, line);
        return;
    }
    voice_entry *bigger = realloc(s->voices, (s->voice_count + 1) * sizeof *bigger);
    if (!bigger) {
        log_message(LOG_ERROR, "speech", "%s:%d: out of memory", path, number);
        return;
    }
    s->voices = bigger;
    voice_entry *entry = &s->voices[s->voice_count++];
    snprintf(entry->lang, sizeof entry->lang, "%s", line);
    snprintf(entry->voice, sizeof entry->voice, "%s", voice);
    entry->line = number;
    entry->state = VOICE_UNCHECKED;
}

static bool read_voice_table(speech *s, const char *path)
{
    FILE *file = fopen(path, "r");
    if (!file) {
        log_message(LOG_ERROR, "speech", "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    int number = 0;
    while ((length = getline(&line, &size, file)) >= 0) {
        number++;
        line[strcspn(line, "\r\n")] = '\0';
        char *first = line + strspn(line, " \t");
        if (*first == '#' || *first == '\0')
            continue;
        read_table_line(s, path, number, first);
    }
    bool read_error = ferror(file);
    free(line);
    fclose(file);
    if (read_error) {
        log_message(LOG_ERROR, "speech", "%s: read error", path);
        return false;
    }
    return true;
}

/* ---- synthesis ---- */

/* A copy of `text` with each ill-formed UTF-8 sequence (ICU's U8_NEXT,
 * maximal subparts) replaced by a space, so espeak-ng only ever sees
 * well-formed text.  NULL (logged) when out of memory or too long. */
static char *well_formed_copy(const char *text)
{
    size_t length = strlen(text);
    if (length > INT32_MAX) {
        log_message(LOG_ERROR, "speech", "text of %zu bytes is too long to read aloud", length);
        return NULL;
    }
    char *copy = malloc(length + 1);
    if (!copy) {
        log_message(LOG_ERROR, "speech", "out of memory for a text of %zu bytes", length);
        return NULL;
    }
    int32_t in = 0, out = 0, bad = 0;
    while (in < (int32_t)length) {
        int32_t start = in;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, in, (int32_t)length, c);
        if (c < 0) {
            copy[out++] = ' ';
            bad++;
        } else {
            memcpy(copy + out, text + start, (size_t)(in - start));
            out += in - start;
        }
    }
    copy[out] = '\0';
    if (bad > 0)
        log_message(LOG_WARNING, "speech", "%d ill-formed UTF-8 sequence(s) read as spaces", bad);
    return copy;
}

static bool keep_samples(sample_sink *sink, const short *wav, size_t count)
{
    if (count > SIZE_MAX / sizeof *sink->samples - sink->count)
        return false;
    size_t needed = sink->count + count;
    if (needed > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 16384;
        while (capacity < needed && capacity <= SIZE_MAX / sizeof *sink->samples / 2)
            capacity *= 2;
        if (capacity < needed)
            capacity = needed;
        int16_t *bigger = realloc(sink->samples, capacity * sizeof *bigger);
        if (!bigger)
            return false;
        sink->samples = bigger;
        sink->capacity = capacity;
    }
    memcpy(sink->samples + sink->count, wav, count * sizeof *wav);
    sink->count = needed;
    return true;
}

/* Queues samples for playback, first waiting while more than
 * SPEECH_AHEAD_SECONDS are queued.  False to stop synthesis. */
static bool queue_samples(sample_sink *sink, const short *wav, size_t count)
{
    speech *s = sink->s;
    Uint32 ahead = (Uint32)s->device_rate * SPEECH_AHEAD_SECONDS * sizeof(int16_t);
    while (SDL_GetQueuedAudioSize(sink->device) > ahead) {
        if (atomic_load(&s->cancel))
            return false;
        SDL_Delay(10);
    }
    if (atomic_load(&s->cancel))
        return false;
    if (SDL_QueueAudio(sink->device, wav, (Uint32)(count * sizeof *wav)) != 0) {
        log_message(LOG_ERROR, "speech", "cannot queue audio: %s", SDL_GetError());
        sink->failed = true;
        return false;
    }
    return true;
}

/* espeak-ng's synthesis callback: 0 goes on, 1 stops synthesis.  The sink
 * comes as the user data of every event (espeak_ng_Synthesize's last
 * argument); the list ends with espeakEVENT_LIST_TERMINATED. */
static int receive_samples(short *wav, int count, espeak_EVENT *events)
{
    sample_sink *sink = NULL;
    for (const espeak_EVENT *event = events; event && !sink; event++) {
        sink = event->user_data;
        if (event->type == espeakEVENT_LIST_TERMINATED)
            break;
    }
    if (!sink) {
        log_message(LOG_ERROR, "speech", "espeak-ng gave audio without its destination");
        return 1;
    }
    if (!wav || count <= 0)
        return 0;
    if (sink->device)
        return queue_samples(sink, wav, (size_t)count) ? 0 : 1;
    if (!keep_samples(sink, wav, (size_t)count)) {
        log_message(LOG_ERROR, "speech", "out of memory after %zu samples", sink->count);
        sink->failed = true;
        return 1;
    }
    return 0;
}

/* Synthesises well-formed `text` with `voice` into `sink`.  The caller
 * holds espeak_lock. */
static bool synthesize_locked(speech *s, const char *voice, const char *text, sample_sink *sink)
{
    espeak_ng_STATUS status = ENS_OK;
    if (strcmp(s->current_voice, voice) != 0) {
        status = espeak_ng_SetVoiceByName(voice);
        if (status != ENS_OK) {
            char message[256];
            espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
            log_message(LOG_ERROR, "speech", "cannot load voice '%s': %s", voice, message);
            s->current_voice[0] = '\0';
            return false;
        }
        snprintf(s->current_voice, sizeof s->current_voice, "%s", voice);
    }
    /* Plain text: no espeakSSML or espeakPHONEMES, so '<' and "[[" in
     * content are read, never obeyed. */
    status = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                  NULL, sink);
    if (status != ENS_OK && status != ENS_SPEECH_STOPPED) {
        char message[256];
        espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
        log_message(LOG_ERROR, "speech", "synthesis failed: %s", message);
        return false;
    }
    return !sink->failed;
}

/* ---- starting espeak-ng and checking voices, at first use ---- */

/* Initialises espeak-ng once per process (see speech.h for why never
 * twice).  Through the espeak_ng_* calls rather than espeak_Initialize,
 * which prints a failure to standard error and exits the process unless
 * told not to. */
static bool start_espeak(void)
{
    if (espeak_sample_rate > 0)
        return true;
    char message[256];
    espeak_ng_InitializePath(NULL);
    espeak_ng_ERROR_CONTEXT context = NULL;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status != ENS_OK) {
        espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
        espeak_ng_ClearErrorContext(&context);
        log_message(LOG_ERROR, "speech", "espeak-ng cannot start: %s", message);
        return false;
    }
    status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
    if (status != ENS_OK) {
        espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
        log_message(LOG_ERROR, "speech", "espeak-ng output cannot start: %s", message);
        return false;
    }
    int rate = espeak_ng_GetSampleRate();
    if (rate <= 0) {
        log_message(LOG_ERROR, "speech", "espeak-ng reports sample rate %d", rate);
        return false;
    }
    espeak_sample_rate = rate;
    return true;
}

static void free_installed(speech *s)
{
    for (size_t i = 0; i < s->installed_count; i++) {
        free(s->installed[i].name);
        free(s->installed[i].file);
    }
    free(s->installed);
    s->installed = NULL;
    s->installed_count = 0;
}

/* Copies espeak_ListVoices(NULL), which reads every voice file (some 2 ms
 * here): once per object, not once per language checked. */
static bool list_installed(speech *s)
{
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    size_t count = 0;
    while (voices && voices[count])
        count++;
    s->installed = calloc(count ? count : 1, sizeof *s->installed);
    if (!s->installed) {
        log_message(LOG_ERROR, "speech", "out of memory");
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        listed_voice *copy = &s->installed[s->installed_count++];
        copy->name = voices[i]->name ? strdup(voices[i]->name) : NULL;
        copy->file = voices[i]->identifier ? strdup(voices[i]->identifier) : NULL;
        if ((voices[i]->name && !copy->name) || (voices[i]->identifier && !copy->file)) {
            log_message(LOG_ERROR, "speech", "out of memory");
            free_installed(s);
            return false;
        }
    }
    return true;
}

/* Starts espeak-ng for this object: initialised (once per process), its
 * synthesis callback set, its voices listed.  A failure is logged once;
 * then no language has a voice.  The caller holds espeak_lock. */
static bool start_speech(speech *s)
{
    if (s->started)
        return true;
    if (s->start_failed)
        return false;
    Uint64 begin = SDL_GetPerformanceCounter();
    if (!start_espeak() || !list_installed(s)) {
        log_message(LOG_WARNING, "speech", "no read-aloud in any language");
        s->start_failed = true;
        return false;
    }
    espeak_SetSynthCallback(receive_samples);
    s->sample_rate = espeak_sample_rate;
    s->started = true;
    double ms =
        1e3 * (double)(SDL_GetPerformanceCounter() - begin) / (double)SDL_GetPerformanceFrequency();
    log_message(LOG_INFO, "speech", "espeak-ng started at %d Hz, %zu voices installed (%.1f ms)",
                s->sample_rate, s->installed_count, ms);
    return true;
}

/* True when espeak-ng lists `voice` (by its name, its file or its file's
 * path, without any "+variant") and can load it.  Leaves it loaded. */
static bool voice_is_installed(const speech *s, const char *voice)
{
    char base[SPEECH_VOICE_MAX];
    snprintf(base, sizeof base, "%.*s", (int)strcspn(voice, "+"), voice);
    bool listed = false;
    for (size_t i = 0; i < s->installed_count && !listed; i++) {
        const char *name = s->installed[i].name;
        const char *file = s->installed[i].file;
        const char *slash = file ? strrchr(file, '/') : NULL;
        listed = (name && strcasecmp(name, base) == 0) || (file && strcasecmp(file, base) == 0) ||
                 (slash && strcasecmp(slash + 1, base) == 0);
    }
    return listed && espeak_ng_SetVoiceByName(voice) == ENS_OK;
}

/* Whether `entry`'s voice is installed: the first time, starts espeak-ng
 * if needed and loads the voice (a few ms, its dictionary); then the kept
 * answer.  A missing voice is logged once, as path:line.  espeak-ng does one
 * thing at a time, so a read-aloud still synthesising (only possible when
 * a caller checks another language while one is read) is stopped first
 * rather than waited for, which could take as long as its text plays. */
static bool check_voice(speech *s, voice_entry *entry)
{
    if (entry->state != VOICE_UNCHECKED)
        return entry->state == VOICE_INSTALLED;
    if (s->start_failed)
        return false;
    /* say_thread unlocks espeak_lock before it clears worker_running. */
    if (atomic_load(&s->worker_running))
        speech_stop(s);
    SDL_LockMutex(s->espeak_lock);
    if (start_speech(s)) {
        bool installed = voice_is_installed(s, entry->voice);
        entry->state = installed ? VOICE_INSTALLED : VOICE_MISSING;
        /* The check loaded the voice, or failed to and left who knows what. */
        snprintf(s->current_voice, sizeof s->current_voice, "%s", installed ? entry->voice : "");
        if (!installed)
            log_message(LOG_WARNING, "speech",
                        "%s:%d: espeak-ng has no voice '%s' for '%s': no read-aloud in it",
                        s->table_path, entry->line, entry->voice, entry->lang);
    }
    SDL_UnlockMutex(s->espeak_lock);
    return entry->state == VOICE_INSTALLED;
}

/* The entry whose voice reads `lang`, checked, or NULL, logged: a caller
 * asked for speech in a language with no voice. */
static const voice_entry *voice_for(speech *s, const char *lang)
{
    voice_entry *entry = find_voice(s, lang);
    if (!entry || !check_voice(s, entry)) {
        log_message(LOG_WARNING, "speech", "no voice for language '%s'", lang ? lang : "(null)");
        return NULL;
    }
    return entry;
}

bool speech_has_voice(const speech *s, const char *lang)
{
    voice_entry *entry = find_voice(s, lang);
    /* The first answer for a language is worked out here, so the object
     * changes (check_voice).  It was made by speech_create with calloc, so
     * it is never a const object and casting the const away is defined. */
    return entry && check_voice((speech *)s, entry);
}

bool speech_started(const speech *s)
{
    return s && s->started;
}

bool speech_synthesize(speech *s, const char *lang, const char *text, int16_t **samples,
                       size_t *count, int *rate)
{
    if (samples)
        *samples = NULL;
    if (count)
        *count = 0;
    if (rate)
        *rate = s ? s->sample_rate : 0;
    if (!s || !text || !samples || !count || !rate) {
        log_message(LOG_ERROR, "speech", "speech_synthesize: missing argument");
        return false;
    }
    const voice_entry *entry = voice_for(s, lang);
    if (!entry)
        return false;
    *rate = s->sample_rate; /* known now: the check started espeak-ng */
    if (text[0] == '\0')
        return true;
    char *copy = well_formed_copy(text);
    if (!copy)
        return false;
    /* A read-aloud in progress would hold espeak-ng for as long as it plays. */
    speech_stop(s);
    sample_sink sink = {.s = s};
    SDL_LockMutex(s->espeak_lock);
    bool ok = synthesize_locked(s, entry->voice, copy, &sink);
    SDL_UnlockMutex(s->espeak_lock);
    free(copy);
    if (!ok) {
        free(sink.samples);
        return false;
    }
    *samples = sink.samples;
    *count = sink.count;
    return true;
}

/* ---- playing ---- */

/* Opens the audio device the first time; after one failure (logged) it
 * stays off, so a kiosk without sound logs one line, not one per tap. */
static bool open_audio(speech *s)
{
    /* Opened before espeak-ng started, at another rate than its own. */
    if (s->device && s->sample_rate && s->device_rate != s->sample_rate) {
        SDL_CloseAudioDevice(s->device);
        s->device = 0;
    }
    if (s->device)
        return true;
    if (s->audio_unavailable)
        return false;
    if (!s->audio_subsystem) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            log_message(LOG_WARNING, "speech", "no audio (%s): read-aloud is off", SDL_GetError());
            s->audio_unavailable = true;
            return false;
        }
        s->audio_subsystem = true;
    }
    SDL_AudioSpec want = {0}, have;
    want.freq = s->sample_rate ? s->sample_rate : SPEECH_DEFAULT_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = SPEECH_DEVICE_FRAMES;
    /* No allowed changes: SDL converts espeak-ng's format to the device's. */
    s->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!s->device) {
        log_message(LOG_WARNING, "speech", "cannot open an audio device (%s): read-aloud is off",
                    SDL_GetError());
        s->audio_unavailable = true;
        return false;
    }
    s->device_rate = want.freq;
    log_message(LOG_INFO, "speech", "audio through %s at %d Hz", SDL_GetCurrentAudioDriver(),
                have.freq);
    SDL_PauseAudioDevice(s->device, 0);
    return true;
}

/* Plays a recording: decoded piece by piece, converted to the device's
 * rate, queued as espeak-ng's pieces are (queue_samples: at most
 * SPEECH_AHEAD_SECONDS ahead, and cancelled by speech_stop).  A damaged
 * recording plays up to where it breaks (the build refuses such a file,
 * so this is only a catalogue changed since). */
static bool play_recording(sample_sink *sink, const unsigned char *bytes, size_t size)
{
    char why[160];
    recording_decoder *d = recording_open(bytes, size, why, sizeof why);
    if (!d) {
        log_message(LOG_WARNING, "speech", "a recording cannot be played: %s", why);
        return true;
    }
    SDL_AudioStream *stream = SDL_NewAudioStream(AUDIO_S16SYS, 1, recording_rate(d), AUDIO_S16SYS,
                                                 1, sink->s->device_rate);
    if (!stream) {
        log_message(LOG_ERROR, "speech", "cannot convert a recording: %s", SDL_GetError());
        recording_close(d);
        return true;
    }
    int16_t decoded[4096], converted[4096];
    bool going = true, ended = false;
    while (going && !ended) {
        long got = recording_read(d, decoded, sizeof decoded / sizeof *decoded, why, sizeof why);
        if (got < 0)
            log_message(LOG_WARNING, "speech", "a recording stops early: %s", why);
        if (got > 0) {
            going = SDL_AudioStreamPut(stream, decoded, (int)(got * 2)) == 0;
        } else {
            SDL_AudioStreamFlush(stream); /* the end: what the converter holds */
            ended = true;
        }
        int ready;
        while (going && (ready = SDL_AudioStreamGet(stream, converted, sizeof converted)) > 0)
            going = queue_samples(sink, converted, (size_t)ready / 2);
    }
    SDL_FreeAudioStream(stream);
    recording_close(d);
    return going;
}

static void free_job(say_job *job)
{
    for (size_t i = 0; job && i < job->count; i++) {
        free(job->parts[i].text);
        free(job->parts[i].recording);
    }
    if (job)
        free(job->parts);
    free(job);
}

static int say_thread(void *data)
{
    say_job *job = data;
    speech *s = job->s;
    sample_sink sink = {.s = s, .device = s->device};
    bool ok = true;
    for (size_t i = 0; ok && i < job->count && !atomic_load(&s->cancel); i++) {
        const job_part *part = &job->parts[i];
        if (part->recording) {
            ok = play_recording(&sink, part->recording, part->recording_size);
        } else if (job->voice[0] && part->text && part->text[0]) {
            SDL_LockMutex(s->espeak_lock);
            ok = synthesize_locked(s, job->voice, part->text, &sink);
            SDL_UnlockMutex(s->espeak_lock);
        }
    }
    free_job(job);
    atomic_store(&s->worker_running, false);
    return ok ? 0 : 1;
}

void speech_stop(speech *s)
{
    if (!s)
        return;
    if (s->worker) {
        atomic_store(&s->cancel, true);
        SDL_WaitThread(s->worker, NULL);
        s->worker = NULL;
        atomic_store(&s->cancel, false);
    }
    if (s->device)
        SDL_ClearQueuedAudio(s->device);
}

/* The job's copy of `parts`: texts only when there is a voice (made well
 * formed), recordings always.  NULL (logged) when out of memory. */
static say_job *make_job(speech *s, const voice_entry *voice, const speech_part *parts,
                         size_t count)
{
    say_job *job = calloc(1, sizeof *job);
    if (job)
        job->parts = calloc(count ? count : 1, sizeof *job->parts);
    if (!job || !job->parts) {
        log_message(LOG_ERROR, "speech", "out of memory");
        free(job);
        return NULL;
    }
    job->s = s;
    snprintf(job->voice, sizeof job->voice, "%s", voice ? voice->voice : "");
    for (size_t i = 0; i < count; i++) {
        job_part *part = &job->parts[job->count];
        if (parts[i].recording && parts[i].recording_size) {
            part->recording = malloc(parts[i].recording_size);
            if (!part->recording) {
                log_message(LOG_ERROR, "speech", "out of memory");
                free_job(job);
                return NULL;
            }
            memcpy(part->recording, parts[i].recording, parts[i].recording_size);
            part->recording_size = parts[i].recording_size;
            job->count++;
        } else if (voice && parts[i].text && parts[i].text[0]) {
            part->text = well_formed_copy(parts[i].text);
            if (!part->text) {
                free_job(job);
                return NULL;
            }
            job->count++;
        }
    }
    return job;
}

/* Starts speech_say's thread on `job` (which it frees). */
static bool start_job(speech *s, say_job *job)
{
    atomic_store(&s->worker_running, true);
    s->worker = SDL_CreateThread(say_thread, "speech", job);
    if (!s->worker) {
        log_message(LOG_ERROR, "speech", "cannot start the speech thread: %s", SDL_GetError());
        atomic_store(&s->worker_running, false);
        free_job(job);
        return false;
    }
    return true;
}

bool speech_say(speech *s, const char *lang, const char *text)
{
    if (!s)
        return false;
    speech_stop(s);
    if (!text) {
        log_message(LOG_ERROR, "speech", "speech_say: no text");
        return false;
    }
    const voice_entry *entry = voice_for(s, lang);
    if (!entry)
        return false;
    if (text[0] == '\0')
        return true;
    if (!open_audio(s))
        return false;
    speech_part part = {.text = text};
    say_job *job = make_job(s, entry, &part, 1);
    return job && start_job(s, job);
}

bool speech_say_parts(speech *s, const char *lang, const speech_part *parts, size_t count)
{
    if (!s)
        return false;
    speech_stop(s);
    bool texts = false, recordings = false;
    for (size_t i = 0; parts && i < count; i++) {
        recordings |= parts[i].recording && parts[i].recording_size;
        texts |= !parts[i].recording && parts[i].text && parts[i].text[0];
    }
    /* A language without a voice is asked quietly: its recordings play. */
    voice_entry *entry = texts ? find_voice(s, lang) : NULL;
    if (entry && !check_voice(s, entry))
        entry = NULL;
    if (!recordings && !entry)
        return false;
    if (!open_audio(s))
        return false;
    say_job *job = make_job(s, entry, parts, count);
    return job && start_job(s, job);
}

bool speech_is_speaking(const speech *s)
{
    if (!s)
        return false;
    if (atomic_load(&s->worker_running))
        return true;
    return s->device && SDL_GetQueuedAudioSize(s->device) > 0;
}

/* ---- life cycle ---- */

speech *speech_create(void)
{
    if (atomic_flag_test_and_set(&speech_object_exists)) {
        log_message(LOG_ERROR, "speech",
                    "a speech object exists already; espeak-ng allows one per process");
        return NULL;
    }
    speech *s = calloc(1, sizeof *s);
    if (!s) {
        log_message(LOG_ERROR, "speech", "out of memory");
        atomic_flag_clear(&speech_object_exists);
        return NULL;
    }
    atomic_init(&s->worker_running, false);
    atomic_init(&s->cancel, false);
    s->espeak_lock = SDL_CreateMutex();
    if (!s->espeak_lock) {
        log_message(LOG_ERROR, "speech", "cannot create a mutex: %s", SDL_GetError());
        speech_destroy(s);
        return NULL;
    }
    char path[4096];
    asset_path(SPEECH_TABLE, path, sizeof path);
    s->table_path = strdup(path);
    if (!s->table_path) {
        log_message(LOG_ERROR, "speech", "out of memory");
        speech_destroy(s);
        return NULL;
    }
    if (!read_voice_table(s, path)) {
        speech_destroy(s);
        return NULL;
    }
    char languages[SPEECH_LANG_MAX * 32] = "";
    for (size_t i = 0; i < s->voice_count; i++) {
        size_t used = strlen(languages);
        snprintf(languages + used, sizeof languages - used, "%s%s", i ? " " : "",
                 s->voices[i].lang);
    }
    log_message(LOG_INFO, "speech",
                "read-aloud listed in %zu language(s): %s (espeak-ng starts at first use)",
                s->voice_count, languages);
    return s;
}

void speech_destroy(speech *s)
{
    if (!s)
        return;
    speech_stop(s);
    if (s->device)
        SDL_CloseAudioDevice(s->device);
    if (s->audio_subsystem)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    if (s->espeak_lock)
        SDL_DestroyMutex(s->espeak_lock);
    free_installed(s);
    free(s->table_path);
    free(s->voices);
    free(s);
    atomic_flag_clear(&speech_object_exists);
}
