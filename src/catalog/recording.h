/* recording.h - a translator's recording of a text: an Ogg Vorbis file,
 * checked when the catalogue is built and decoded when the kiosk plays it.
 * The same code in both (libvorbisfile, Debian's libvorbis-dev), so a file
 * the build accepted is a file the kiosk can play.
 *
 * Everything works on bytes in memory: the builder reads the file whole
 * (at most RECORDING_MAX_BYTES), the kiosk has the catalogue's blob. */
#ifndef SPORTELLO_CATALOG_RECORDING_H
#define SPORTELLO_CATALOG_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits of one recording (po/README.md tells translators): a text of the
 * kiosk read aloud is seconds, an article's longest paragraph about a
 * minute; 1 MB holds two minutes at 64 kbit/s, more than speech needs. */
#define RECORDING_MAX_BYTES (1024 * 1024)
#define RECORDING_MAX_SECONDS 120
#define RECORDING_MIN_RATE 8000
#define RECORDING_MAX_RATE 48000

typedef struct recording_decoder recording_decoder;

/* Opens a recording for decoding: the bytes are borrowed and must outlive
 * the decoder.  NULL with `why` ("not an Ogg Vorbis file", ...) when the
 * bytes are not one Ogg Vorbis stream of 1 or 2 channels at
 * RECORDING_MIN_RATE..RECORDING_MAX_RATE. */
recording_decoder *recording_open(const unsigned char *bytes, size_t size, char *why,
                                  size_t why_size);

/* Samples per second of the decoded sound. */
int recording_rate(const recording_decoder *d);

/* Decodes up to `max` 16-bit mono samples into `out` (two channels are
 * mixed).  Returns how many, 0 at the end, -1 with `why` when the stream
 * is damaged (a page missing or corrupt) or runs past
 * RECORDING_MAX_SECONDS. */
long recording_read(recording_decoder *d, int16_t *out, size_t max, char *why, size_t why_size);

void recording_close(recording_decoder *d);

/* The builder's check of a whole file: at most RECORDING_MAX_BYTES, Ogg
 * pages from the first byte to the last with the stream's end marked (so a
 * cut file or bytes after the end are refused), then decoded to the end
 * without a hole, some sound, at most RECORDING_MAX_SECONDS.  True with
 * its length in milliseconds, else false with one line in `why`. */
bool recording_check(const unsigned char *bytes, size_t size, long *milliseconds, char *why,
                     size_t why_size);

#endif
