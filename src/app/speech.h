/* speech.h - read aloud: the translators' recordings (catalog/recording.h)
 * and espeak-ng, played through SDL audio.
 *
 * Which voice reads which language is data: assets/speech-voices.txt
 * (LANG<TAB>VOICE), read once by speech_create.  A screen has a speaker
 * button when speech_has_voice() says so for its language or one of its
 * texts has a recording (kiosk.c).
 *
 * espeak-ng is started lazily.  speech_create only reads the table; the
 * first speech_has_voice, speech_synthesize or speech_say for a language
 * of the table initialises espeak-ng (once; in synchronous/retrieval mode:
 * synthesis to memory, no espeak-ng audio output), lists its voices (once per
 * speech object) and loads that one language's voice to check it, and
 * the answer is kept for the object's life.  Why: doing all of that for
 * every language in speech_create took about 5-6 ms of the kiosk's start
 * (measured: 4.8 ms median, up to 6), before a first screen, the language
 * picker, that never speaks.  The cost moves to the first use of each
 * language: about 3 ms for the first one (initialising, listing), 0.3 ms
 * for each further one (its dictionary).
 *
 * espeak-ng keeps its state in the process, not in an object, so only one
 * speech object may exist at a time: a second speech_create while one
 * exists returns NULL (logged).  espeak-ng is initialised at the first
 * use of the first speech object and stays initialised until the process
 * ends, because espeak-ng 1.51 cannot be initialised again after
 * espeak_Terminate (the second espeak_Terminate deadlocks); a speech object
 * created after speech_destroy reuses it.
 *
 * Call every function from one thread (the kiosk's UI thread).  speech_say
 * synthesises on a thread of its own; the functions that stop it
 * (speech_stop, speech_say, speech_synthesize, speech_destroy) wait for it
 * only as long as espeak-ng takes to finish one 60 ms piece of audio
 * (measured: speech_stop returns in well under 250 ms, see the tests). */
#ifndef SPORTELLO_APP_SPEECH_H
#define SPORTELLO_APP_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct speech speech;

/* Reads assets/speech-voices.txt via asset_path() from src/paths.h; does
 * not start espeak-ng (see above).  Lines of the table that are wrong are
 * logged here ("path:line: what is wrong") and skipped; for a language
 * listed twice the first line counts.  Whether a line's voice is installed
 * is found at the language's first use, and a missing one is logged then,
 * once, also as path:line.  NULL when the table cannot be read or another
 * speech object exists (logged): the kiosk then shows no speaker buttons.
 * espeak-ng failing to start is logged at the first use, once, and then
 * no language has a voice.  Free with speech_destroy. */
speech *speech_create(void);

/* True when `lang` has a voice in the table and espeak-ng has that voice
 * installed.  False for NULL `s` or `lang`.  The first call for a language
 * of the table starts espeak-ng if needed and loads that voice (a few ms,
 * see above; a read-aloud still being synthesised is stopped first, since
 * espeak-ng does one thing at a time); later calls answer at once.  A
 * language not in the table never starts espeak-ng. */
bool speech_has_voice(const speech *s, const char *lang);

/* True once this object has started espeak-ng (its first check of a
 * language's voice).  For tests of the lazy start. */
bool speech_started(const speech *s);

/* Synthesises `text` (UTF-8) in `lang` into 16-bit mono samples (malloc'd;
 * *rate = sample rate).  Returns false (logged) on failure.  Used by tests
 * and by speech_say.  The caller frees *samples.  Empty text succeeds with
 * *samples NULL and *count 0; ill-formed UTF-8 is read as if each bad
 * sequence were a space (logged once per text).  *rate is 0 while
 * espeak-ng has not started, which can only be when this fails: success
 * means `lang`'s voice was checked, so espeak-ng runs.  Stops a read-aloud
 * in progress first: espeak-ng synthesises one text at a time, and
 * speech_say's thread holds it for as long as its text plays. */
bool speech_synthesize(speech *s, const char *lang, const char *text, int16_t **samples,
                       size_t *count, int *rate);

/* Stops what is playing and starts reading `text`: synthesis then SDL audio
 * (SDL_OpenAudioDevice once, lazily, at espeak-ng's rate (22 050 Hz), with SDL_INIT_AUDIO
 * initialised here if needed; SDL_QueueAudio).  No audio device (headless, no sound card): logged
 * once, returns false, never crashes.  Returns false (logged) when `lang` has no voice; true for
 * empty text, which only stops.
 *
 * Synthesis runs on a thread (SDL_CreateThread) that queues each 60 ms piece
 * of audio as espeak-ng produces it.  Why a thread: espeak-ng is fast (10 s
 * of speech in about 20 ms here) but its time grows with the text, so a long
 * page, or a slow kiosk computer, would freeze the screen for a visible
 * while; with the thread the UI never waits and the voice starts after the
 * first piece rather than after the whole text.  The thread keeps at most
 * a few seconds of audio queued ahead of playback, so a long text does not
 * fill memory. */
bool speech_say(speech *s, const char *lang, const char *text);

/* One piece of what the speaker button reads: a translator's recording
 * (Ogg Vorbis bytes, catalog/recording.h), or else a text for espeak-ng. */
typedef struct speech_part {
    const char *text;               /* read by espeak-ng when there is no recording */
    const unsigned char *recording; /* or NULL */
    size_t recording_size;
} speech_part;

/* Stops what is playing and plays `parts` in order, on the thread of
 * speech_say: each recording decoded as it plays (its sample rate
 * converted to the device's by SDL_AudioStream), each text synthesised by
 * espeak-ng, when `lang` has a voice; without one its texts are left out
 * (not logged: Pashto and Tigrinya have recordings and no voice).  A
 * recording that turns out damaged is cut where it breaks (logged) and the
 * next part plays.  Everything is copied: the caller may free `parts` at
 * once.  False when nothing of it can be played (no recording and no
 * voice, no audio device: logged once). */
bool speech_say_parts(speech *s, const char *lang, const speech_part *parts, size_t count);

/* Stops synthesis and playback at once; nothing queued is played. */
void speech_stop(speech *s);

/* True while a text is being synthesised or its audio has not yet all been
 * handed to the sound device (the device's own buffer, some 50 ms, may
 * still be sounding when this turns false). */
bool speech_is_speaking(const speech *s);

/* Stops, closes the audio device and frees `s` (NULL is allowed). */
void speech_destroy(speech *s);

#endif
