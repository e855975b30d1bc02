/* speech.h - read aloud with espeak-ng, played through SDL audio.
 *
 * Which voice reads which language is data: assets/speech-voices.txt
 * (LANG<TAB>VOICE), read once by speech_create.  A language has a speaker
 * button only when speech_has_voice() says so.
 *
 * espeak-ng keeps its state in the process, not in an object, so only one
 * speech object may exist at a time: a second speech_create while one
 * exists returns NULL (logged).  espeak-ng is initialised by the first
 * speech_create and stays initialised until the process ends, because
 * espeak-ng 1.51 cannot be initialised again after espeak_Terminate (the
 * second espeak_Terminate deadlocks); a speech object created after
 * speech_destroy reuses it.
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

/* Initialises espeak-ng in synchronous/retrieval mode (synthesis to memory,
 * no espeak audio output) and reads assets/speech-voices.txt via
 * asset_path() from src/paths.h.  Lines of the table that are wrong
 * ("path:line: what is wrong") or name a voice that is not installed are
 * logged and skipped.  NULL when espeak-ng cannot start, the table cannot
 * be read, or another speech object exists (all logged): the kiosk then
 * shows no speaker buttons.  Free with speech_destroy. */
speech *speech_create(void);

/* True when `lang` has a voice in the table and espeak-ng has that voice
 * installed.  False for NULL `s` or `lang`. */
bool speech_has_voice(const speech *s, const char *lang);

/* Synthesises `text` (UTF-8) in `lang` into 16-bit mono samples (malloc'd;
 * *rate = sample rate).  Returns false (logged) on failure.  Used by tests
 * and by speech_say.  The caller frees *samples.  Empty text succeeds with
 * *samples NULL and *count 0; ill-formed UTF-8 is read as if each bad
 * sequence were a space (logged once per text).  Stops a read-aloud in
 * progress first: espeak-ng synthesises one text at a time, and speech_say's
 * thread holds it for as long as its text plays. */
bool speech_synthesize(speech *s, const char *lang, const char *text, int16_t **samples,
                       size_t *count, int *rate);

/* Stops what is playing and starts reading `text`: synthesis then SDL audio
 * (SDL_OpenAudioDevice once, lazily, with SDL_INIT_AUDIO initialised here if
 * needed; SDL_QueueAudio).  No audio device (headless, no sound card):
 * logged once, returns false, never crashes.  Returns false (logged) when
 * `lang` has no voice; true for empty text, which only stops.
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

/* Stops synthesis and playback at once; nothing queued is played. */
void speech_stop(speech *s);

/* True while a text is being synthesised or its audio has not yet all been
 * handed to the sound device (the device's own buffer, some 50 ms, may
 * still be sounding when this turns false). */
bool speech_is_speaking(const speech *s);

/* Stops, closes the audio device and frees `s` (NULL is allowed). */
void speech_destroy(speech *s);

#endif
