#!/usr/bin/env python3
"""Signed catalogues through sportello-catalog (keygen, build --sign,
verify; docs/design.md "Signed catalogues"), one named test per run:

    test_signing.py SPORTELLO_CATALOG BUILD_CASES LANGUAGES_TXT BUNDLED_CATALOG BUNDLED_KEY TEST_NAME

BUNDLED_CATALOG is the build's catalogue of data/ (it has the 112
service), signed with the build's development key, whose public half is
BUNDLED_KEY.  Tampered copies are edited with the sqlite3 program, as a
careless or hostile person would, in a temporary folder."""
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys

from test_support import Checks, run_named_test

if len(sys.argv) != 7:
    sys.exit(__doc__)
TOOL, CASES, LANGUAGES_TXT, BUNDLED, BUNDLED_KEY, NAME = sys.argv[1:7]
TOOL = os.path.abspath(TOOL)
GOOD = os.path.join(CASES, "good")
TRAILER = 96
check = Checks(NAME)


def run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, errors="replace",
                          timeout=60)


def sqlite(path, sql):
    """The sqlite3 program (Debian's sqlite3) on path."""
    result = subprocess.run(["sqlite3", path, sql], capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, f"sqlite3 {sql!r}: {result.stderr}")
    return result.stdout


def verify(path, key=BUNDLED_KEY):
    result = run("verify", "--public", key, path)
    print(f"$ sportello-catalog verify --public {os.path.basename(key)} {os.path.basename(path)}"
          f"\n{result.stdout}{result.stderr}exit {result.returncode}")
    return result


def refused(path, because, key=BUNDLED_KEY):
    """verify exits 1 with one line containing `because`."""
    result = verify(path, key)
    lines = result.stderr.strip().splitlines()
    check(result.returncode == 1, f"{path}: verify exits {result.returncode}")
    check(len(lines) == 1 and lines[0].startswith("sportello-catalog: refused: ")
          and because in lines[0], f"{path}: wanted one line saying {because!r}: {lines}")


def copy_bundled(folder, name):
    path = os.path.join(folder, name)
    shutil.copyfile(BUNDLED, path)
    return path


def keygen(folder, name):
    secret = os.path.join(folder, name + ".secret")
    public = os.path.join(folder, name + ".pub")
    result = run("keygen", "--secret", secret, "--public", public)
    check(result.returncode == 0, f"keygen {name}: {result.stderr}")
    return secret, public


def build_signed(folder, secret, output):
    return run("build", "--data", os.path.join(GOOD, "data"), "--po", os.path.join(GOOD, "po"),
               "--output", output, "--languages", LANGUAGES_TXT, "--sign", secret)


# ---- the tests --------------------------------------------------------------


def catalog_keygen_writes_a_private_secret_key_and_never_overwrites_it(folder):
    secret, public = keygen(folder, "agency")
    check(stat.S_IMODE(os.stat(secret).st_mode) == 0o600,
          f"secret key mode {oct(os.stat(secret).st_mode)}")
    with open(public) as f:
        lines = f.read().splitlines()
    check(lines[0] == "sportello catalogue public key: agency" and len(lines[1]) == 44,
          f"public key file {lines}")
    before = open(secret).read()
    again = run("keygen", "--secret", secret, "--public", public)
    check(again.returncode == 1 and "exists already" in again.stderr,
          f"a second keygen over the same files: exit {again.returncode} {again.stderr!r}")
    check(open(secret).read() == before, "the secret key was overwritten")
    kept = run("keygen", "--secret", secret, "--public", public, "--keep-existing")
    check(kept.returncode == 0 and open(secret).read() == before,
          f"--keep-existing: exit {kept.returncode} {kept.stderr!r}")
    # A public key that is not the secret key's half is no pair to keep.
    _, other_public = keygen(folder, "other")
    shutil.copyfile(other_public, public)
    mismatched = run("keygen", "--secret", secret, "--public", public, "--keep-existing")
    check(mismatched.returncode == 1 and open(secret).read() == before,
          f"--keep-existing on a mismatched pair: exit {mismatched.returncode}"
          f" {mismatched.stderr!r}")


def catalog_build_signed_verifies_with_its_key_and_sqlite_reads_it(folder):
    secret, public = keygen(folder, "agency")
    output = os.path.join(folder, "catalog.sqlite")
    result = build_signed(folder, secret, output)
    check(result.returncode == 0, f"signed build exits {result.returncode}: {result.stderr}")
    ok = verify(output, public)
    check(ok.returncode == 0 and "signed by agency" in ok.stdout and "integrity ok" in ok.stdout,
          f"verify: {ok.stdout!r} {ok.stderr!r}")
    with open(output, "rb") as f:
        data = f.read()
    check(data[-TRAILER:-TRAILER + 8] == b"SPSIGNED", "no trailer at the end of the file")
    # The signature is a trailer SQLite ignores: the file is still a database.
    db = sqlite3.connect("file:" + output + "?mode=ro", uri=True)
    check(db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], "sqlite reads it")
    db.close()
    check(not [n for n in os.listdir(folder) if ".new-" in n], "a temporary file is left")


def catalog_build_sign_with_unreadable_key_writes_nothing(folder):
    output = os.path.join(folder, "catalog.sqlite")
    result = build_signed(folder, os.path.join(folder, "no-such.secret"), output)
    check(result.returncode == 1 and "no-such.secret: cannot read" in result.stderr,
          f"exit {result.returncode}: {result.stderr!r}")
    check(not os.path.exists(output), "a catalogue was written")


def catalog_verify_refuses_unsigned_catalogue(folder):
    path = copy_bundled(folder, "unsigned.sqlite")
    os.truncate(path, os.path.getsize(path) - TRAILER)
    refused(path, "not signed")


def catalog_verify_refuses_catalogue_signed_by_another_key(folder):
    secret, public = keygen(folder, "stranger")
    output = os.path.join(folder, "catalog.sqlite")
    check(build_signed(folder, secret, output).returncode == 0, "build")
    refused(output, "not among the trusted keys")


def catalog_verify_refuses_112_changed_to_113_with_sqlite3(folder):
    path = copy_bundled(folder, "113.sqlite")
    check(sqlite(path, "SELECT number FROM phones WHERE service = 'emergenza-112'").strip()
          == "112", "the bundled catalogue has no 112 service")
    sqlite(path, "UPDATE phones SET number = '113' WHERE number = '112'")
    check(sqlite(path, "SELECT number FROM phones WHERE service = 'emergenza-112'").strip()
          == "113", "the edit did not happen")
    refused(path, "bad signature")


def catalog_verify_refuses_a_language_texts_deleted_with_sqlite3(folder):
    path = copy_bundled(folder, "no-arabic.sqlite")
    sqlite(path, "DELETE FROM texts WHERE language = 'ar'")
    check(sqlite(path, "SELECT count(*) FROM texts WHERE language = 'ar'").strip() == "0",
          "the edit did not happen")
    refused(path, "bad signature")


def catalog_verify_refuses_any_flipped_byte(folder):
    size = os.path.getsize(BUNDLED)
    sqlite_size = size - TRAILER
    seed = int(os.environ.get("SPORTELLO_FLIP_SEED", random.randrange(1 << 30)))
    print(f"seed {seed} (SPORTELLO_FLIP_SEED repeats it)")
    rng = random.Random(seed)
    offsets = {
        0: "the SQLite header's magic", 60: "the SQLite header", 4096 + 100: "a data page",
        sqlite_size // 2: "the middle of the data", sqlite_size - 1: "the last SQLite byte",
        sqlite_size: "the trailer's magic", sqlite_size + 8: "the trailer's format",
        sqlite_size + 16: "the key id", sqlite_size + 24: "the recorded size",
        sqlite_size + 32: "the signature's first byte", size - 1: "the signature's last byte",
    }
    for _ in range(6):
        offsets.setdefault(rng.randrange(size), "a random byte")
    for offset, what in sorted(offsets.items()):
        path = copy_bundled(folder, f"flip-{offset}.sqlite")
        with open(path, "r+b") as f:
            f.seek(offset)
            byte = f.read(1)[0]
            f.seek(offset)
            f.write(bytes([byte ^ (1 << rng.randrange(8))]))
        print(f"-- one bit flipped at byte {offset} ({what})")
        result = verify(path)
        check(result.returncode == 1 and result.stderr.startswith("sportello-catalog: refused: "),
              f"byte {offset} ({what}) flipped: exit {result.returncode} {result.stderr!r}")
        os.remove(path)


def catalog_verify_accepts_the_bundled_catalogue(folder):
    result = verify(BUNDLED)
    check(result.returncode == 0 and "signed by development" in result.stdout,
          f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")


TESTS = {t.__name__: t for t in [
    catalog_keygen_writes_a_private_secret_key_and_never_overwrites_it,
    catalog_build_signed_verifies_with_its_key_and_sqlite_reads_it,
    catalog_build_sign_with_unreadable_key_writes_nothing,
    catalog_verify_refuses_unsigned_catalogue,
    catalog_verify_refuses_catalogue_signed_by_another_key,
    catalog_verify_refuses_112_changed_to_113_with_sqlite3,
    catalog_verify_refuses_a_language_texts_deleted_with_sqlite3,
    catalog_verify_refuses_any_flipped_byte,
    catalog_verify_accepts_the_bundled_catalogue,
]}

run_named_test(TESTS, NAME, check, "sportello-signing-")
