/* recording.c - see recording.h.
 *
 * libvorbisfile reads through callbacks over the bytes in memory
 * (ov_open_callbacks), never a file of its own.  Its own checks: every
 * page's CRC (libogg drops a page whose CRC is wrong, and ov_read then
 * reports a hole), the Vorbis headers (ov_open fails).  What it does not
 * check, and recording_check adds: that the Ogg pages cover the file from
 * the first byte to the last and that the stream's last page says it is
 * the last (a file cut inside or after a page would otherwise play as a
 * shorter recording, without a word), and that there is one stream. */
#include "recording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vorbis/vorbisfile.h>

struct recording_decoder {
    OggVorbis_File file;
    const unsigned char *bytes;
    size_t size, position;
    int channels, rate;
    long long decoded; /* samples per channel so far */
};

static void say(char *why, size_t why_size, const char *what)
{
    if (why && why_size)
        snprintf(why, why_size, "%s", what);
}

/* ---- the callbacks: the bytes in memory as a file ---- */

static size_t memory_read(void *out, size_t size, size_t count, void *source)
{
    recording_decoder *d = source;
    size_t wanted = size * count, left = d->size - d->position;
    if (size == 0 || wanted / size != count)
        return 0;
    if (wanted > left)
        wanted = left - left % size;
    memcpy(out, d->bytes + d->position, wanted);
    d->position += wanted;
    return wanted / size;
}

static int memory_seek(void *source, ogg_int64_t offset, int whence)
{
    recording_decoder *d = source;
    long long base = whence == SEEK_SET   ? 0
                     : whence == SEEK_CUR ? (long long)d->position
                     : whence == SEEK_END ? (long long)d->size
                                          : -1;
    if (base < 0 || offset < -base || offset > (long long)d->size - base)
        return -1;
    d->position = (size_t)(base + offset);
    return 0;
}

static long memory_tell(void *source)
{
    return (long)((recording_decoder *)source)->position;
}

/* ---- decoding ---- */

recording_decoder *recording_open(const unsigned char *bytes, size_t size, char *why,
                                  size_t why_size)
{
    if (!bytes || size < 4 || memcmp(bytes, "OggS", 4) != 0) {
        say(why, why_size, "not an Ogg file (it does not start with \"OggS\")");
        return NULL;
    }
    if (size > RECORDING_MAX_BYTES) {
        say(why, why_size, "larger than 1 MB");
        return NULL;
    }
    recording_decoder *d = calloc(1, sizeof *d);
    if (!d) {
        say(why, why_size, "out of memory");
        return NULL;
    }
    d->bytes = bytes;
    d->size = size;
    ov_callbacks callbacks = {memory_read, memory_seek, NULL, memory_tell};
    if (ov_open_callbacks(d, &d->file, NULL, 0, callbacks) != 0) {
        say(why, why_size, "not Ogg Vorbis (an Ogg file without a readable Vorbis stream)");
        free(d);
        return NULL;
    }
    const vorbis_info *info = ov_info(&d->file, -1);
    const char *problem = NULL;
    if (ov_streams(&d->file) != 1)
        problem = "more than one Ogg stream in the file (save it as one recording)";
    else if (!info || info->channels < 1 || info->channels > 2)
        problem = "not mono or stereo";
    else if (info->rate < RECORDING_MIN_RATE || info->rate > RECORDING_MAX_RATE)
        problem = "sample rate outside 8000 to 48000 Hz";
    if (problem) {
        say(why, why_size, problem);
        recording_close(d);
        return NULL;
    }
    d->channels = info->channels;
    d->rate = (int)info->rate;
    return d;
}

int recording_rate(const recording_decoder *d)
{
    return d ? d->rate : 0;
}

long recording_read(recording_decoder *d, int16_t *out, size_t max, char *why, size_t why_size)
{
    if (!d || !out || max == 0)
        return 0;
    int16_t frames[4096];
    size_t room = sizeof frames / sizeof *frames / (size_t)d->channels;
    if (room > max)
        room = max;
    for (;;) {
        int stream = 0;
        long got = ov_read(&d->file, (char *)frames, (int)(room * (size_t)d->channels * 2), 0, 2, 1,
                           &stream);
        if (got == OV_HOLE || got == OV_EBADLINK || got < 0) {
            say(why, why_size, "damaged: part of the sound is missing or corrupt");
            return -1;
        }
        if (got == 0)
            return 0;
        if (stream != 0) {
            say(why, why_size, "more than one Ogg stream in the file (save it as one recording)");
            return -1;
        }
        long count = got / 2 / d->channels;
        d->decoded += count;
        if (d->decoded > (long long)d->rate * RECORDING_MAX_SECONDS) {
            say(why, why_size, "longer than 120 seconds");
            return -1;
        }
        for (long i = 0; i < count; i++)
            out[i] = d->channels == 1
                         ? frames[i]
                         : (int16_t)(((int)frames[2 * i] + (int)frames[2 * i + 1]) / 2);
        if (count > 0)
            return count;
    }
}

void recording_close(recording_decoder *d)
{
    if (!d)
        return;
    ov_clear(&d->file);
    free(d);
}

/* ---- the builder's check ---- */

static unsigned long read_u32le(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 |
           (unsigned long)p[3] << 24;
}

/* The CRC of an Ogg page (RFC 3533: polynomial 0x04c11db7, not reflected,
 * initial value 0, over the page with its CRC field read as zeros). */
static unsigned long page_crc(const unsigned char *page, size_t length)
{
    uint32_t crc = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = i >= 22 && i < 26 ? 0 : page[i];
        crc ^= (uint32_t)byte << 24;
        for (int bit = 0; bit < 8; bit++)
            crc = crc & 0x80000000u ? (crc << 1) ^ 0x04c11db7u : crc << 1;
    }
    return crc;
}

/* The Ogg pages (RFC 3533) from the first byte to the last: each "OggS"
 * with version 0 and its CRC right, the first beginning the stream, the
 * last ending it, one serial number, nothing between or after them.
 * libogg checks CRCs too, but drops a bad page without a word: a file
 * with a damaged page would play as a shorter recording. */
static bool pages_cover_file(const unsigned char *bytes, size_t size, char *why, size_t why_size)
{
    size_t at = 0;
    unsigned long serial = 0;
    int last_flags = 0;
    for (size_t page = 0; at < size; page++) {
        if (size - at < 27 || memcmp(bytes + at, "OggS", 4) != 0 || bytes[at + 4] != 0) {
            say(why, why_size,
                page == 0 ? "not an Ogg file (it does not start with \"OggS\")"
                          : "damaged: bytes that are not an Ogg page (cut or joined file?)");
            return false;
        }
        int flags = bytes[at + 5];
        unsigned long page_serial = read_u32le(bytes + at + 14);
        size_t segments = bytes[at + 26];
        if (page == 0 && !(flags & 0x02)) {
            say(why, why_size, "damaged: the first page does not begin a stream");
            return false;
        }
        if (page == 0)
            serial = page_serial;
        else if (page_serial != serial) {
            say(why, why_size, "more than one Ogg stream in the file (save it as one recording)");
            return false;
        }
        if (last_flags & 0x04) {
            say(why, why_size, "data after the end of the recording's stream");
            return false;
        }
        if (size - at - 27 < segments) {
            say(why, why_size, "damaged: cut in the middle of a page (the file is incomplete)");
            return false;
        }
        size_t body = 0;
        for (size_t i = 0; i < segments; i++)
            body += bytes[at + 27 + i];
        if (size - at - 27 - segments < body) {
            say(why, why_size, "damaged: cut in the middle of a page (the file is incomplete)");
            return false;
        }
        if (page_crc(bytes + at, 27 + segments + body) != read_u32le(bytes + at + 22)) {
            say(why, why_size, "damaged: a page of the file fails its checksum");
            return false;
        }
        at += 27 + segments + body;
        last_flags = flags;
    }
    if (!(last_flags & 0x04)) {
        say(why, why_size, "damaged: the stream has no end (the file is incomplete)");
        return false;
    }
    return true;
}

bool recording_check(const unsigned char *bytes, size_t size, long *milliseconds, char *why,
                     size_t why_size)
{
    if (milliseconds)
        *milliseconds = 0;
    if (size > RECORDING_MAX_BYTES) {
        char line[96];
        snprintf(line, sizeof line, "%zu bytes, larger than the 1 MB a recording may have", size);
        say(why, why_size, line);
        return false;
    }
    if (!bytes || size < 4 || memcmp(bytes, "OggS", 4) != 0) {
        say(why, why_size, "not an Ogg file (it does not start with \"OggS\")");
        return false;
    }
    if (!pages_cover_file(bytes, size, why, why_size))
        return false;
    recording_decoder *d = recording_open(bytes, size, why, why_size);
    if (!d)
        return false;
    int16_t samples[4096];
    long got;
    while ((got = recording_read(d, samples, sizeof samples / sizeof *samples, why, why_size)) > 0)
        ;
    long long total = d->decoded;
    int rate = d->rate;
    recording_close(d);
    if (got < 0)
        return false;
    if (total < rate / 10) {
        say(why, why_size, "no sound (shorter than a tenth of a second)");
        return false;
    }
    if (milliseconds)
        *milliseconds = (long)(total * 1000 / rate);
    return true;
}
