#!/usr/bin/env python3
"""The translators' recordings (po-content/audio/LANG/NAME.ogg) end to
end: generated Ogg Vorbis files (tests/catalog/make_recording.c, a tone
written through libvorbisenc: the real recordings are the translators'
work) put beside a copy of the catalogue tests' fixture
(build-cases/good), built with sportello-catalog, the file read with
Python's sqlite3; the kiosk's tests (tests/app/test_recordings.c) run on
the catalogue built here.

    test_recordings.py SPORTELLO_CATALOG MAKE_RECORDING BUILD_CASES LANGUAGES_TXT
                       TEST_RECORDINGS NAME

Each refused file must stop the build with exactly one line, "path: what
is wrong", exit 1, and leave the catalogue in service as it was."""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

from test_support import Checks, run_named_test

if len(sys.argv) != 7:
    sys.exit(__doc__)
TOOL, MAKE, CASES, LANGUAGES_TXT, KIOSK_TEST, NAME = sys.argv[1:7]
TOOL, MAKE, KIOSK_TEST = map(os.path.abspath, (TOOL, MAKE, KIOSK_TEST))
GOOD = os.path.join(CASES, "good")
check = Checks(NAME)


def run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, errors="replace",
                          timeout=120)


def make_recording(path, seconds, rate=22050, channels=1):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    result = subprocess.run([MAKE, path, str(seconds), str(rate), str(channels)],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"make_recording {path}: {result.stderr}")
    return path


class Fixture:
    """A copy of good/po with generated recordings, and a catalogue in service
    built from it."""

    def __init__(self, folder):
        self.folder = folder
        self.data = os.path.join(GOOD, "data")
        self.po = os.path.join(folder, "po")
        shutil.copytree(os.path.join(GOOD, "po"), self.po)
        self.audio = os.path.join(self.po, "audio")
        self.output = os.path.join(folder, "catalog.sqlite")
        make_recording(self.recording("ti", "category.diritti.name"), 1.0)
        make_recording(self.recording("ti", "article.caporalato.summary"), 2.0, 16000)
        make_recording(self.recording("ar", "service.questura-mantova-immigrazione.what"), 1.0,
                       44100, 2)

    def recording(self, language, name):
        return os.path.join(self.audio, language, name + ".ogg")

    def build(self, *more):
        return run("build", "--data", self.data, "--po", self.po, "--output", self.output,
                   "--languages", LANGUAGES_TXT, *more)

    def build_in_service(self):
        result = self.build()
        check(result.returncode == 0, f"the good build exits {result.returncode}: {result.stderr}")
        return digest(self.output)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def problems(result):
    """The problem lines of stderr (warnings and the count line left out)."""
    return [line for line in result.stderr.splitlines()
            if ": warning: " not in line and not line.startswith("sportello-catalog: ")]


def refused_in_one_line(fixture, result, path, message, before):
    """Exit 1, exactly one problem "path: message", the catalogue as it was."""
    check(result.returncode == 1, f"exit code {result.returncode}, expected 1")
    lines = problems(result)
    check(lines == [f"{path}: {message}"], f"problems {lines}, expected [{path}: {message}]")
    check(digest(fixture.output) == before, "the catalogue in service was changed")


# ---- the build ---------------------------------------------------------------


def catalog_build_stores_each_recording_for_its_key_and_language_in_the_signed_catalogue(work):
    fixture = Fixture(work)
    secret, public = os.path.join(work, "k.secret"), os.path.join(work, "k.pub")
    check(run("keygen", "--secret", secret, "--public", public).returncode == 0, "keygen")
    result = fixture.build("--sign", secret)
    check(result.returncode == 0, f"exit {result.returncode}: {result.stderr}")
    check(f"{fixture.output}: 3 recordings stored (" in result.stdout,
          f"the summary says 3 recordings stored: {result.stdout!r}")
    db = sqlite3.connect(f"file:{fixture.output}?mode=ro", uri=True)
    rows = {(k, l): (bytes(a), ms) for k, l, a, ms in
            db.execute("SELECT key, language, audio, milliseconds FROM recordings")}
    expected = {("category:diritti:name", "ti"): ("category.diritti.name", 1000),
                ("article:caporalato:summary", "ti"): ("article.caporalato.summary", 2000),
                ("service:questura-mantova-immigrazione:what", "ar"):
                    ("service.questura-mantova-immigrazione.what", 1000)}
    check(set(rows) == set(expected), f"recordings {sorted(rows)}")
    for (key, language), (name, ms) in expected.items():
        if (key, language) not in rows:
            continue
        with open(fixture.recording(language, name), "rb") as f:
            check(rows[(key, language)][0] == f.read(), f"{language} {key}: the file's bytes")
        check(rows[(key, language)][1] == ms, f"{language} {key}: {rows[(key, language)][1]} ms")
    db.close()
    verified = run("verify", "--public", public, fixture.output)
    check(verified.returncode == 0, f"the signed catalogue verifies: {verified.stderr}")
    # The signature covers the recordings: one byte of a blob changed is refused.
    with open(fixture.output, "rb") as f:
        data = bytearray(f.read())
    with open(fixture.recording("ti", "category.diritti.name"), "rb") as f:
        at = data.find(f.read()[200:260])
    check(at > 0, "the recording's bytes are in the file")
    data[at] ^= 0x01
    with open(fixture.output, "wb") as f:
        f.write(data)
    tampered = run("verify", "--public", public, fixture.output)
    check(tampered.returncode == 1, f"a changed recording is refused: {tampered.stdout}")


def catalog_build_leaves_out_a_recording_of_an_untranslated_text_and_says_so(work):
    fixture = Fixture(work)
    # Tigrinya has no translation of this text: its screen shows Italian.
    make_recording(fixture.recording("ti", "service.cpi-mantova.what"), 1.0)
    result = fixture.build()
    check(result.returncode == 0, f"exit {result.returncode}: {result.stderr}")
    check(f"{fixture.output}: recording not used: ti does not show its own current translation "
          "of service:cpi-mantova:what (untranslated, fuzzy or changed since)" in result.stdout,
          f"the build says which recording is not used: {result.stdout!r}")
    db = sqlite3.connect(f"file:{fixture.output}?mode=ro", uri=True)
    check(db.execute("SELECT count(*) FROM recordings WHERE key = 'service:cpi-mantova:what'")
          .fetchone() == (0,), "the unused recording is not stored")
    db.close()


def catalog_build_refuses_a_cut_or_damaged_ogg_in_one_line_and_keeps_catalogue(work):
    fixture = Fixture(work)
    before = fixture.build_in_service()
    path = fixture.recording("ti", "category.diritti.name")
    with open(path, "rb") as f:
        whole = f.read()
    # Cut in a page.
    with open(path, "wb") as f:
        f.write(whole[:len(whole) - 700])
    refused_in_one_line(fixture, fixture.build(), path,
                        "damaged: cut in the middle of a page (the file is incomplete)", before)
    # A byte changed in the sound: the page's checksum.
    damaged = bytearray(whole)
    damaged[len(whole) - 300] ^= 0x55
    with open(path, "wb") as f:
        f.write(damaged)
    refused_in_one_line(fixture, fixture.build(), path,
                        "damaged: a page of the file fails its checksum", before)
    # Two recordings joined into one file.
    with open(path, "wb") as f:
        f.write(whole + whole)
    refused_in_one_line(fixture, fixture.build(), path,
                        "data after the end of the recording's stream", before)
    # Empty.
    with open(path, "wb") as f:
        pass
    refused_in_one_line(fixture, fixture.build(), path,
                        'not an Ogg file (it does not start with "OggS")', before)


def catalog_build_refuses_a_file_that_is_not_ogg_renamed_dot_ogg(work):
    fixture = Fixture(work)
    before = fixture.build_in_service()
    path = fixture.recording("ti", "category.diritti.name")
    # A WAV header, as a recorder would write it, under the name of a recording.
    with open(path, "wb") as f:
        f.write(b"RIFF\x24\x08\x00\x00WAVEfmt " + bytes(2000))
    refused_in_one_line(fixture, fixture.build(), path,
                        'not an Ogg file (it does not start with "OggS")', before)
    # An Ogg page that carries no Vorbis: an Ogg header then nothing of Vorbis.
    with open(fixture.recording("ar", "service.questura-mantova-immigrazione.what"), "rb") as f:
        whole = f.read()
    page = bytearray(whole[:whole.index(b"OggS", 4)])
    page[28:35] = b"\x01opusxx"  # not the Vorbis identification header
    page[5] = 0x02 | 0x04        # begins and ends the stream
    page[22:26] = bytes(4)
    page[22:26] = ogg_crc(page).to_bytes(4, "little")
    with open(path, "wb") as f:
        f.write(page)
    refused_in_one_line(fixture, fixture.build(), path,
                        "not Ogg Vorbis (an Ogg file without a readable Vorbis stream)", before)


def ogg_crc(page):
    crc = 0
    for byte in page:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc


def catalog_build_refuses_a_recording_for_a_key_or_language_that_does_not_exist(work):
    fixture = Fixture(work)
    before = fixture.build_in_service()
    nobody = make_recording(fixture.recording("ti", "service.nobody.what"), 1.0)
    refused_in_one_line(fixture, fixture.build(), nobody,
                        "no text has this name (the key with '.' for ':'; "
                        "`sportello-catalog recordings --data DIR` lists the names)", before)
    os.remove(nobody)
    # The key written with ':' as in the PO file: refused the same way.
    colon = make_recording(fixture.recording("ti", "category:diritti:name"), 1.0)
    refused_in_one_line(fixture, fixture.build(), colon,
                        "no text has this name (the key with '.' for ':'; "
                        "`sportello-catalog recordings --data DIR` lists the names)", before)
    os.remove(colon)
    klingon = make_recording(fixture.recording("tlh", "category.diritti.name"), 1.0)
    refused_in_one_line(fixture, fixture.build(), os.path.dirname(klingon),
                        "'tlh' is not a language of languages.txt", before)
    shutil.rmtree(os.path.dirname(klingon))
    notes = os.path.join(fixture.audio, "ti", "notes.txt")
    with open(notes, "w") as f:
        f.write("to record\n")
    refused_in_one_line(fixture, fixture.build(), notes,
                        "not NAME.ogg: recordings are Ogg Vorbis files", before)


def catalog_build_refuses_a_recording_over_1mb_or_120_seconds(work):
    fixture = Fixture(work)
    before = fixture.build_in_service()
    path = fixture.recording("ti", "category.diritti.name")
    with open(path, "wb") as f:  # refused by its size, before it is read
        f.write(b"OggS" + bytes(50 * 1024 * 1024))
    refused_in_one_line(fixture, fixture.build(), path,
                        f"{50 * 1024 * 1024 + 4} bytes, larger than the 1 MB a recording may "
                        "have (record it shorter or at a lower quality)", before)
    make_recording(path, 121.0, 8000)  # small, but too long
    check(os.path.getsize(path) < 1024 * 1024, "the long recording is under 1 MB")
    refused_in_one_line(fixture, fixture.build(), path, "longer than 120 seconds", before)
    make_recording(path, 0.02)
    refused_in_one_line(fixture, fixture.build(), path,
                        "no sound (shorter than a tenth of a second)", before)


def catalog_build_refuses_a_recording_that_escapes_its_folder(work):
    fixture = Fixture(work)
    before = fixture.build_in_service()
    outside = make_recording(os.path.join(work, "outside.ogg"), 1.0)
    link = fixture.recording("ti", "category.lavoro.name")
    os.symlink(outside, link)
    refused_in_one_line(fixture, fixture.build(), link,
                        "a symbolic link: a recording must be a file in its language's folder",
                        before)
    os.remove(link)
    os.symlink(os.path.join(fixture.audio, "ar"), os.path.join(fixture.audio, "en"))
    refused_in_one_line(fixture, fixture.build(), os.path.join(fixture.audio, "en"),
                        "not a language's folder (recordings go in audio/LANG/NAME.ogg)", before)
    os.remove(os.path.join(fixture.audio, "en"))
    sub = os.path.join(fixture.audio, "ti", "more.ogg")
    os.makedirs(sub)
    refused_in_one_line(fixture, fixture.build(), sub,
                        "not a file: a language's folder holds only NAME.ogg files", before)


def catalog_recordings_lists_a_file_name_for_every_text(work):
    result = run("recordings", "--data", os.path.join(GOOD, "data"))
    check(result.returncode == 0, f"exit {result.returncode}: {result.stderr}")
    lines = result.stdout.splitlines()
    names = [line.split("\t")[0] for line in lines]
    check("category.diritti.name.ogg\tI tuoi diritti al lavoro" in lines,
          f"a category's name: {lines[:3]}")
    check("service.cpi-castiglione.documents.2.ogg\tPermesso di soggiorno" in lines,
          "a document of a service")
    blocks = [n for n in names if n.startswith("article.caporalato.") and "-" in n]
    check(len(blocks) >= 5 and blocks[0].startswith("article.caporalato.1-"),
          f"an article's blocks by place and hash: {blocks}")
    check(len(names) == len(set(names)), "every name once")
    # A name of the list is taken by the build.
    fixture = Fixture(work)
    make_recording(fixture.recording("en", blocks[0][:-4]), 1.0)
    built = fixture.build()
    check(built.returncode == 0 and "4 recordings stored" in built.stdout,
          f"the article block's recording is stored: {built.stdout!r} {built.stderr!r}")


# ---- the kiosk on a catalogue with recordings ------------------------------------


def kiosk_test(name):
    def run_kiosk(work):
        fixture = Fixture(work)
        fixture.build_in_service()
        result = subprocess.run([KIOSK_TEST, fixture.output, name], capture_output=True,
                                text=True, errors="replace", timeout=120)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        check(result.returncode == 0, f"{name} exits {result.returncode}")
    return run_kiosk


TESTS = {f.__name__: f for f in [
    catalog_build_stores_each_recording_for_its_key_and_language_in_the_signed_catalogue,
    catalog_build_leaves_out_a_recording_of_an_untranslated_text_and_says_so,
    catalog_build_refuses_a_cut_or_damaged_ogg_in_one_line_and_keeps_catalogue,
    catalog_build_refuses_a_file_that_is_not_ogg_renamed_dot_ogg,
    catalog_build_refuses_a_recording_for_a_key_or_language_that_does_not_exist,
    catalog_build_refuses_a_recording_over_1mb_or_120_seconds,
    catalog_build_refuses_a_recording_that_escapes_its_folder,
    catalog_recordings_lists_a_file_name_for_every_text,
]}
for kiosk_name in ["kiosk_reads_the_recording_where_present_and_espeak_for_the_other_texts",
                   "kiosk_speaker_shows_in_tigrinya_only_where_a_recording_exists",
                   "kiosk_reading_stops_at_navigation_and_at_the_idle_reset",
                   "kiosk_recording_without_audio_device_does_not_crash",
                   "kiosk_plays_the_tigrinya_recording_through_sdl_disk_audio"]:
    TESTS[kiosk_name] = kiosk_test(kiosk_name)

run_named_test(TESTS, NAME, check, "sportello-recordings-")
