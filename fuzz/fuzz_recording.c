/* fuzz_recording.c - libFuzzer target for a translator's recording
 * (src/catalog/recording.c): the builder's whole check
 * (recording_check: the Ogg page walk, CRCs, decoding to the end,
 * limits), and the kiosk's decoding as it plays (recording_open and
 * recording_read), which does not walk the pages first.
 *
 * Input: the file's bytes.  Checked besides memory safety: a recording
 * the check accepts lasts 0.1 to 120 seconds, and the kiosk's decoding of
 * it gives the same number of samples the check counted. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/recording.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[256];
    long milliseconds = 0;
    bool accepted = recording_check(data, size, &milliseconds, why, sizeof why);
    if (accepted && (milliseconds < 100 || milliseconds > RECORDING_MAX_SECONDS * 1000)) {
        fprintf(stderr, "accepted a recording of %ld ms\n", milliseconds);
        abort();
    }
    recording_decoder *d = recording_open(data, size, why, sizeof why);
    if (!d) {
        if (accepted) {
            fprintf(stderr, "the check accepted what the kiosk cannot open: %s\n", why);
            abort();
        }
        return 0;
    }
    int16_t samples[1000];
    long got, total = 0;
    while ((got = recording_read(d, samples, sizeof samples / sizeof *samples, why, sizeof why)) >
           0)
        total += got;
    int rate = recording_rate(d);
    recording_close(d);
    if (accepted && (got < 0 || total * 1000 / rate != milliseconds)) {
        fprintf(stderr, "the kiosk decodes %ld samples (%s), the check %ld ms\n", total,
                got < 0 ? why : "whole", milliseconds);
        abort();
    }
    return 0;
}
