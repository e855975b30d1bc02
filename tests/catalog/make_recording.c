/* make_recording - writes a short Ogg Vorbis file, a stand-in for a
 * translator's recording in the tests (the real recordings are the
 * translators' work): a tone, through Debian's libvorbisenc.
 *
 *   make_recording OUTPUT SECONDS [RATE [CHANNELS]]
 *
 * SECONDS may be a fraction; RATE defaults to 22050, CHANNELS to 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <vorbis/vorbisenc.h>

static int write_pages(FILE *out, ogg_stream_state *stream, int flush)
{
    ogg_page page;
    while (flush ? ogg_stream_flush(stream, &page) : ogg_stream_pageout(stream, &page)) {
        if (fwrite(page.header, 1, (size_t)page.header_len, out) != (size_t)page.header_len ||
            fwrite(page.body, 1, (size_t)page.body_len, out) != (size_t)page.body_len)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: make_recording OUTPUT SECONDS [RATE [CHANNELS]]\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    long rate = argc > 3 ? atol(argv[3]) : 22050;
    int channels = argc > 4 ? atoi(argv[4]) : 1;
    FILE *out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    vorbis_info info;
    vorbis_info_init(&info);
    if (vorbis_encode_init_vbr(&info, channels, rate, 0.1f) != 0) {
        fprintf(stderr, "make_recording: libvorbisenc refuses %ld Hz, %d channels\n", rate,
                channels);
        return 1;
    }
    vorbis_comment comment;
    vorbis_comment_init(&comment);
    vorbis_comment_add_tag(&comment, "TITLE", "Sportello test recording (a tone)");
    vorbis_dsp_state dsp;
    vorbis_block block;
    vorbis_analysis_init(&dsp, &info);
    vorbis_block_init(&dsp, &block);
    ogg_stream_state stream;
    ogg_stream_init(&stream, 20261206);
    ogg_packet header, header_comment, header_code;
    vorbis_analysis_headerout(&dsp, &comment, &header, &header_comment, &header_code);
    ogg_stream_packetin(&stream, &header);
    ogg_stream_packetin(&stream, &header_comment);
    ogg_stream_packetin(&stream, &header_code);
    int status = write_pages(out, &stream, 1);

    long total = (long)(seconds * (double)rate), done = 0;
    while (status == 0) {
        long n = total - done > 1024 ? 1024 : total - done;
        if (n > 0) {
            float **buffer = vorbis_analysis_buffer(&dsp, (int)n);
            for (long i = 0; i < n; i++)
                for (int c = 0; c < channels; c++)
                    buffer[c][i] = 0.3f * (float)sin(2 * 3.14159265358979 * (440.0 + 110 * c) *
                                                     (double)(done + i) / (double)rate);
            done += n;
        }
        vorbis_analysis_wrote(&dsp, (int)n); /* 0: the end of the stream */
        while (vorbis_analysis_blockout(&dsp, &block) == 1) {
            vorbis_analysis(&block, NULL);
            vorbis_bitrate_addblock(&block);
            ogg_packet packet;
            while (vorbis_bitrate_flushpacket(&dsp, &packet)) {
                ogg_stream_packetin(&stream, &packet);
                if (write_pages(out, &stream, 0) != 0)
                    status = -1;
            }
        }
        if (n == 0)
            break;
    }
    if (status == 0)
        status = write_pages(out, &stream, 1);
    ogg_stream_clear(&stream);
    vorbis_block_clear(&block);
    vorbis_dsp_clear(&dsp);
    vorbis_comment_clear(&comment);
    vorbis_info_clear(&info);
    if (fclose(out) != 0 || status != 0) {
        fprintf(stderr, "make_recording: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
