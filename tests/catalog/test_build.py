#!/usr/bin/env python3
"""sportello-catalog end to end: the built binary on small data and PO
folders (tests/catalog/build-cases), its SQLite file read with Python's
sqlite3 module (which has FTS5), one named test per run:

    test_build.py SPORTELLO_CATALOG BUILD_CASES LANGUAGES_TXT TEST_NAME

build-cases/good/ is a data folder (2 agencies, 3 services, 1 article) and
the PO files of en, ar, ur, bn, pa, ti, zh, some messages translated, some
fuzzy, some untranslated; build-cases/check/ a PO file with translators'
mistakes.  Everything a test changes or generates (a 50 MB file, a cut PO)
is written in a temporary folder ($TMPDIR, else /dev/shm, else /tmp).

Problems are compared whole, "path:line: message", as the tool prints
them; line numbers in fixtures are found by searching the fixture, so that
editing a fixture does not silently move what a test looks at."""
import glob
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata

from test_support import Checks, run_named_test

if len(sys.argv) != 5:
    sys.exit(__doc__)
TOOL, CASES, LANGUAGES_TXT, NAME = sys.argv[1:5]
TOOL = os.path.abspath(TOOL)
GOOD = os.path.join(CASES, "good")
check = Checks(NAME)


# ---- helpers ----------------------------------------------------------------



def run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, errors="replace",
                          timeout=60)


def build(data, po, output, languages=LANGUAGES_TXT):
    return run("build", "--data", data, "--po", po, "--output", output,
               "--languages", languages)


def copy_good(folder):
    """Copies good/data and good/po into folder; returns their paths."""
    data, po = os.path.join(folder, "data"), os.path.join(folder, "po")
    shutil.copytree(os.path.join(GOOD, "data"), data)
    shutil.copytree(os.path.join(GOOD, "po"), po)
    return data, po


def build_good(folder):
    """Builds good/ into folder/out/catalog.sqlite; returns its path.  Its
    fuzzy messages are warnings, nothing else is printed."""
    os.makedirs(os.path.join(folder, "out"), exist_ok=True)
    output = os.path.join(folder, "out", "catalog.sqlite")
    result = build(os.path.join(GOOD, "data"), os.path.join(GOOD, "po"), output)
    check(result.returncode == 0, f"good build exits {result.returncode}: {result.stderr}")
    check(not problems_of(result), f"good build printed problems: {result.stderr}")
    check(all(" warning: fuzzy: " in w or " warning: no PO file: " in w
              for w in warnings_of(result)),
          f"good build printed other warnings: {warnings_of(result)}")
    return output


def output_of(result):
    """(problems, warnings): the "path:line: ..." and "path:line: warning:
    ..." lines of stderr, checking the closing count line."""
    lines = result.stderr.splitlines()
    if not lines:
        return [], []
    count = re.fullmatch(r"sportello-catalog: (?:(\d+) problems?)?(?:, )?(?:(\d+) warnings?)?",
                         lines[-1])
    if check(count and (count.group(1) or count.group(2)),
             f"stderr does not end with the problem count: {lines[-1]!r}"):
        lines = lines[:-1]
    warnings = [l for l in lines if re.match(r"[^:]+(:\d+)?: warning: ", l)]
    problems = [l for l in lines if l not in warnings]
    if count:
        check(int(count.group(1) or 0) == len(problems),
              f"count line says {count.group(1)} problems, {len(problems)} printed")
        check(int(count.group(2) or 0) == len(warnings),
              f"count line says {count.group(2)} warnings, {len(warnings)} printed")
    return problems, warnings


def problems_of(result):
    return output_of(result)[0]


def warnings_of(result):
    return output_of(result)[1]


def check_problems(result, expected, what):
    """Exit code 1 and exactly the expected problems (order aside)."""
    check(result.returncode == 1, f"{what}: exit code {result.returncode}, expected 1")
    got = problems_of(result)
    for line in got:
        check(re.match(r"[^:]+(:\d+)?: \S", line), f"{what}: not 'path:line: ...': {line!r}")
    missing = [p for p in expected if p not in got]
    extra = [p for p in got if p not in expected]
    check(not missing and not extra and len(got) == len(expected),
          f"{what}: problems differ\n  missing: {missing}\n  extra: {extra}")


def msgid_line(po_file, key):
    """Line (from 1) of the msgid of the message whose msgctxt is key (an
    article's block: whose msgctxt and msgid are key, "msgctxt\x04msgid")."""
    with open(po_file, encoding="utf-8") as f:
        lines = f.read().split("\n")
    context, _, msgid = key.partition("\x04")
    for number, line in enumerate(lines, 1):
        if line == f'msgctxt "{context}"' and (
                not msgid or po_string(lines, number)[0] == msgid):
            return number + 1
    raise AssertionError(f"no msgctxt {key!r} in {po_file}")


def line_of(path, text):
    """Line (from 1) of the first line of path containing text."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if text in line:
                return number
    raise AssertionError(f"no {text!r} in {path}")


def replace_in(path, old, new, count=1):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check(text.count(old) >= 1, f"fixture {path} has no {old!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, count))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def po_string(lines, i):
    """The string of a keyword line and its continuation lines."""
    parts = [lines[i][lines[i].index('"'):]]
    while i + 1 < len(lines) and lines[i + 1].startswith('"'):
        i += 1
        parts.append(lines[i])
    text = "".join(p.strip()[1:-1] for p in parts)
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text), i


def is_block_context(context):
    """An article's block: msgctxt "article:ID" or "article:ID#2"."""
    return re.fullmatch(r"article:[a-z0-9-]+(#[2-9]\d*)?", context) is not None


# The blocks of good/data/articles/caporalato.md, in order.
CAPORALATO = [
    "Perché è un reato? Lo dice l'art. 603-bis del codice penale, riscritto dalla "
    "legge 29 ottobre 2016 n. 199.",
    "Chi ti può aiutare",
    "Il Numero Verde Antitratta 800 290 290: gratuito, anonimo, 24 ore su 24.",
    "In pericolo, chiama il 112.",
    "Il Numero Verde Antitratta è descritto sul sito www.pariopportunita.gov.it.",
]


def block(n):
    """The key of block n (from 1) of the fixture's article, as gettext keys
    a message with a context: "article:caporalato\x04" and its text."""
    return "article:caporalato\x04" + CAPORALATO[n - 1]


def parse_po(path):
    """A fixture's messages: key -> dict(msgid, msgstr, fuzzy), the key as
    the catalogue's (the msgctxt; an article's block "msgctxt\x04msgid").
    Enough for the fixtures of build-cases (no plurals, no obsolete
    entries)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    messages, current, fuzzy = {}, {}, False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            current = {"key": po_string(lines, i)[0], "fuzzy": fuzzy}
        elif line.startswith("msgid "):
            current["msgid"], i = po_string(lines, i)
        elif line.startswith("msgstr "):
            current["msgstr"], i = po_string(lines, i)
            if "key" in current:
                if is_block_context(current["key"]):
                    current["key"] += "\x04" + current["msgid"]
                messages[current["key"]] = current
            current, fuzzy = {}, False
        i += 1
    return messages


def read_languages(path):
    """[(code, chain)] of assets/languages.txt, chains ending with it."""
    languages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#")[0].split()
            if not words:
                continue
            chain = []
            for word in words[1:]:
                chain.append(word)
                if word == "it":
                    break
            if words[0] != "it" and "it" not in chain:
                chain.append("it")
            languages.append((words[0], [] if words[0] == "it" else chain))
    return languages


# src/catalog/fold.h, written again here as the test's own reading of it:
# what is removed, and which letters become which.
FOLD_REMOVED = set("\u0670\u0640\u200c\u200d\u200e\u200f\u061c\u0a3c\u093c\u09bc") | {
    chr(c) for c in range(0x064B, 0x0660)}
FOLD_LETTERS = {
    **dict.fromkeys("\u0623\u0625\u0622\u0671\u0672\u0673", "\u0627"),
    **dict.fromkeys("\u0629\u06c3\u06c1\u06be\u06d5\u06c0\u06c2", "\u0647"),
    **dict.fromkeys("\u0649\u06cc\u06d2\u06d3\u0626", "\u064a"),
    "\u06a9": "\u0643", "\u0624": "\u0648",
    "\u0a36": "\u0a38", "\u0a59": "\u0a16", "\u0a5a": "\u0a17", "\u0a5b": "\u0a1c",
    "\u0a5e": "\u0a2b", "\u0a33": "\u0a32",
    "\u09dc": "\u09a1", "\u09dd": "\u09a2", "\u09df": "\u09af",
    **{chr(0x0958 + i): c for i, c in enumerate("\u0915\u0916\u0917\u091c\u0921\u0922\u092b\u092f")},
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
}
for start, to, count in [(0x1210, 0x1200, 8), (0x1280, 0x1200, 8), (0x1220, 0x1230, 8),
                         (0x12D0, 0x12A0, 7), (0x1340, 0x1338, 8), (0x1250, 0x1240, 7),
                         (0x1258, 0x1248, 6), (0x12B8, 0x12A8, 7), (0x12C0, 0x12B0, 6)]:
    FOLD_LETTERS.update({chr(start + i): chr(to + i) for i in range(count)})


def fold(text):
    """src/catalog/fold.h: harakat, tatweel, ZWNJ/ZWJ, direction marks and
    nuktas removed; Arabic-script, Indic and Ethiopic letters folded, before
    indexing, and from queries the same way (no Chinese here)."""
    return "".join(FOLD_LETTERS.get(c, c) for c in text if c not in FOLD_REMOVED)


def bare(word):
    """src/catalog/fold.h: an Arabic word without its prefixes."""
    def strip(word, prefix, left):
        return word[len(prefix):] if word.startswith(prefix) and len(word) - len(prefix) >= left \
            else None
    word = strip(word, "\u0648", 3) or word
    for prefix, left in [("\u0628\u0627\u0644", 2), ("\u0643\u0627\u0644", 2),
                         ("\u0641\u0627\u0644", 2), ("\u0644\u0644", 2), ("\u0627\u0644", 2),
                         ("\u0628", 3), ("\u0644", 3)]:
        stripped = strip(word, prefix, left)
        if stripped:
            return stripped
    return word


def search(db, language, query):
    """Records of search_LANG matching the folded query, as a phrase."""
    phrase = '"' + fold(query).replace('"', '""') + '"'
    return {row[0] for row in db.execute(
        f"SELECT record FROM search_{language} WHERE search_{language} MATCH ?", (phrase,))}


def search_raw(db, language, query):
    phrase = '"' + query.replace('"', '""') + '"'
    return {row[0] for row in db.execute(
        f"SELECT record FROM search_{language} WHERE search_{language} MATCH ?", (phrase,))}


def token_words(text):
    """Words as docs/catalog.md's tokenizer cuts them: runs of letters,
    numbers, private use and combining marks (categories L* N* Co M*)."""
    words, word = [], ""
    for c in text:
        category = unicodedata.category(c)
        if category[0] in "LNM" or category == "Co":
            word += c
        elif word:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    return words


def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return db


GOOD_LANGUAGES = ["en", "ar", "ur", "bn", "pa", "ti", "zh"]
RECORDS = {
    "category:permesso", "category:lavoro", "category:diritti",
    "agency:centri-impiego-mantova", "agency:questura-mantova",
    "service:cpi-mantova", "service:cpi-castiglione",
    "service:questura-mantova-immigrazione", "article:caporalato",
}
# Every translatable field of good/data, in data order (categories, agency
# files sorted by name, articles), with the file and line of its Italian text.
UNITS = [
    ("category:permesso:name", "categories.yaml:3"),
    ("category:lavoro:name", "categories.yaml:6"),
    ("category:diritti:name", "categories.yaml:9"),
    ("agency:centri-impiego-mantova:name", "agencies/centri-impiego-mantova.yaml:2"),
    ("agency:centri-impiego-mantova:description", "agencies/centri-impiego-mantova.yaml:3"),
    ("service:cpi-mantova:name", "agencies/centri-impiego-mantova.yaml:9"),
    ("service:cpi-mantova:what", "agencies/centri-impiego-mantova.yaml:11"),
    ("service:cpi-mantova:for-whom", "agencies/centri-impiego-mantova.yaml:12"),
    ("service:cpi-castiglione:name", "agencies/centri-impiego-mantova.yaml:18"),
    ("service:cpi-castiglione:what", "agencies/centri-impiego-mantova.yaml:20"),
    ("service:cpi-castiglione:for-whom", "agencies/centri-impiego-mantova.yaml:21"),
    ("service:cpi-castiglione:documents:1", "agencies/centri-impiego-mantova.yaml:23"),
    ("service:cpi-castiglione:documents:2", "agencies/centri-impiego-mantova.yaml:24"),
    ("service:cpi-castiglione:cost", "agencies/centri-impiego-mantova.yaml:25"),
    ("service:cpi-castiglione:hours-note", "agencies/centri-impiego-mantova.yaml:35"),
    ("agency:questura-mantova:name", "agencies/questura-mantova.yaml:2"),
    ("agency:questura-mantova:description", "agencies/questura-mantova.yaml:3"),
    ("service:questura-mantova-immigrazione:name", "agencies/questura-mantova.yaml:10"),
    ("service:questura-mantova-immigrazione:what", "agencies/questura-mantova.yaml:12"),
    ("service:questura-mantova-immigrazione:for-whom", "agencies/questura-mantova.yaml:13"),
    ("service:questura-mantova-immigrazione:hours-note", "agencies/questura-mantova.yaml:17"),
    ("article:caporalato:title", "articles/caporalato.md:4"),
    ("article:caporalato:summary", "articles/caporalato.md:5"),
    (block(1), "articles/caporalato.md:8"),
    (block(2), "articles/caporalato.md:11"),
    (block(3), "articles/caporalato.md:13"),
    (block(4), "articles/caporalato.md:14"),
    (block(5), "articles/caporalato.md:16"),
]
ITALIAN = {
    "agency:questura-mantova:description":
        "La Questura è l'ufficio della Polizia di Stato. Si trova nella città di "
        "Mantova, in Piazza Sordello.",
    "service:cpi-castiglione:hours-note": "Orari di esempio. La sede nel 2024 stava cambiando.",
    "service:cpi-castiglione:cost": "Gratuito.",
    "category:permesso:name": "Permesso di soggiorno",
    block(1): CAPORALATO[0],
    block(3): CAPORALATO[2],
}
AR_PLURAL_FORMS = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
                   "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
ARABIC_SUMMARY = "مَنْ يُجَنِّدُكَ أَوْ يُشَغِّلُكَ بِاسْتِغْلَالِكَ يَرْتَكِبُ جَرِيمَةً."


def expect_catalogue_in_service(output, before, what):
    """The catalogue is byte for byte the old one, nothing left beside it."""
    check(digest(output) == before, f"{what}: the catalogue in service changed")
    left = sorted(os.listdir(os.path.dirname(output)))
    check(left == ["catalog.sqlite"], f"{what}: files beside the catalogue: {left}")
    check(not glob.glob(output + ".new-*"), f"{what}: a temporary FILE.new-* is left")


# ---- the tests --------------------------------------------------------------


def catalog_build_writes_catalogue_from_data_and_po(folder):
    output = build_good(folder)
    check(os.stat(output).st_mode & 0o044 == 0o044,
          f"catalogue mode {oct(os.stat(output).st_mode)}: the kiosk's user cannot read it")
    check(not glob.glob(output + ".new-*"), "a temporary FILE.new-* is left")
    db = connect(output)
    q = lambda sql, *args: db.execute(sql, args).fetchall()

    check(q("PRAGMA integrity_check") == [("ok",)], "integrity_check")
    check(q("PRAGMA foreign_key_check") == [], "foreign_key_check")
    meta = dict(q("SELECT key, value FROM meta"))
    check(meta.get("schema_version") == "4", f"schema_version {meta.get('schema_version')}")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta.get("built_at", "")),
          f"built_at {meta.get('built_at')!r}")

    # languages: every line of languages.txt, in order, with its chain
    languages = read_languages(LANGUAGES_TXT)
    rows = q("SELECT code, position, review, fallback FROM languages ORDER BY position")
    check([r[0] for r in rows] == [code for code, _ in languages],
          f"languages {[r[0] for r in rows]}")
    check([r[1] for r in rows] == list(range(len(languages))), "language positions")
    chains = {code: " ".join(chain) for code, chain in languages}
    for code, _, review, fallback in rows:
        check(fallback == chains[code], f"{code} fallback {fallback!r}, expected {chains[code]!r}")
        if code == "it":
            check(review == "source", f"it review {review}")
        elif code in GOOD_LANGUAGES:
            want = "reviewed" if code == "zh" else "draft"
            check(review == want, f"{code} review {review}, expected {want} (PO header)")
    check(chains["ur"] == "en it" and chains["ro"] == "it",
          f"languages.txt no longer has the chains this test relies on: {chains}")

    check(q("SELECT id, position, icon FROM categories ORDER BY position") ==
          [("permesso", 0, "document"), ("lavoro", 1, "work"), ("diritti", 2, "rights")],
          f"categories {q('SELECT * FROM categories')}")
    agencies = q("SELECT id, example, checked FROM agencies ORDER BY id")
    check(agencies == [("centri-impiego-mantova", 0, "2024-02"), ("questura-mantova", 0, "2026")],
          f"agencies {agencies}")
    services = [(i, a, c, t, address or "", e, s, d) for i, a, c, t, address, e, s, d in
                q("SELECT id, agency, category, town, address, example, source, checked"
                  " FROM services ORDER BY position")]
    check(services == [
        ("cpi-mantova", "centri-impiego-mantova", "lavoro", "mantova",
         "Via Don Maraglio 4, Mantova", 0, "notizie di conoscimilano.it e mantovauno.it",
         "2022-01"),
        # no address (not known), an example, its own source
        ("cpi-castiglione", "centri-impiego-mantova", "lavoro", "castiglione-delle-stiviere",
         "", 1, "vocedimantova.it", "2024-02"),
        # source and checked from its agency
        ("questura-mantova-immigrazione", "questura-mantova", "permesso", "mantova",
         "Piazza Sordello 46, 46100 Mantova", 0,
         "questure.poliziadistato.it, pagine della Questura di Mantova (pagina senza data)",
         "2026"),
    ], f"services {services}")
    check(q("SELECT latitude, longitude, email, web FROM services WHERE id = 'cpi-mantova'") ==
          [(None, None, None, None)], "optional fields left out are NULL")
    check([r[0] for r in q("SELECT number FROM phones WHERE service ="
                           " 'questura-mantova-immigrazione'")] == ["0376 2051"],
          f"phones {q('SELECT * FROM phones')}")
    check(q("SELECT count(*) FROM phones") == [(1,)], "one phone number in all")
    check(sorted(q("SELECT service, language FROM service_languages")) ==
          [("cpi-castiglione", "en"), ("cpi-castiglione", "it")],
          f"service_languages {q('SELECT * FROM service_languages')}")
    check(sorted(q("SELECT service, weekday, opens, closes FROM hours")) == [
        ("cpi-castiglione", 1, 9 * 60, 12 * 60 + 30),
        ("cpi-castiglione", 3, 9 * 60, 12 * 60 + 30),
        ("cpi-castiglione", 4, 14 * 60, 16 * 60)], f"hours {q('SELECT * FROM hours')}")
    check(q("SELECT service, date FROM closures") == [("cpi-castiglione", "2026-12-25")],
          f"closures {q('SELECT * FROM closures')}")
    check(q("SELECT id, category, checked FROM articles") == [("caporalato", "diritti", "2026-03")],
          f"articles {q('SELECT * FROM articles')}")
    check(q("SELECT article, position, kind, key FROM article_blocks ORDER BY position") == [
        ("caporalato", 1, "paragraph", block(1)),
        ("caporalato", 2, "heading", block(2)),
        ("caporalato", 3, "item", block(3)),
        ("caporalato", 4, "item", block(4)),
        ("caporalato", 5, "paragraph", block(5))],
        f"article_blocks {q('SELECT * FROM article_blocks')}")

    # texts: one row per unit and language
    keys = [key for key, _ in UNITS]
    check(q("SELECT count(*) FROM texts") == [(len(keys) * len(languages),)],
          f"{q('SELECT count(*) FROM texts')[0][0]} texts, expected "
          f"{len(keys)} units x {len(languages)} languages")
    for code, _ in languages:
        got = sorted(r[0] for r in q("SELECT key FROM texts WHERE language = ?", code))
        check(got == sorted(keys), f"{code}: keys {set(got) ^ set(keys)} differ")
    italian = dict(q("SELECT key, text FROM texts WHERE language = 'it'"))
    for key, text in ITALIAN.items():
        check(italian.get(key) == text, f"Italian {key}: {italian.get(key)!r}")
    check(q("SELECT DISTINCT status, shown FROM texts WHERE language = 'it'") == [("source", "it")],
          "Italian rows are status source, shown it")

    texts = {(k, l): (t, s, w) for k, l, t, s, w in
             q("SELECT key, language, text, status, shown FROM texts")}
    en_of = lambda key: parse_po(os.path.join(GOOD, "po", "en.po"))[key]["msgstr"]
    explicit = [
        # a translation is shown
        ("service:questura-mantova-immigrazione:name", "ur", ("امیگریشن آفس", "translated", "ur")),
        ("article:caporalato:summary", "ar", (ARABIC_SUMMARY, "translated", "ar")),
        ("category:diritti:name", "ti", ("ኣብ ስራሕ ዘለኩም መሰላት", "translated", "ti")),
        ("category:permesso:name", "zh", ("居留许可", "translated", "zh")),
        # untranslated in ur: English when en has it, else Italian
        ("service:questura-mantova-immigrazione:what", "ur",
         ("Deals with residence permits.", "untranslated", "en")),
        ("service:cpi-castiglione:cost", "ur", ("Gratuito.", "untranslated", "it")),
        ("service:cpi-castiglione:cost", "en", ("Gratuito.", "untranslated", "it")),
        # a fuzzy translation is not shown, neither in its language nor as a fallback
        ("service:cpi-castiglione:hours-note", "en",
         (ITALIAN["service:cpi-castiglione:hours-note"], "fuzzy", "it")),
        ("service:cpi-castiglione:hours-note", "ur",
         (ITALIAN["service:cpi-castiglione:hours-note"], "untranslated", "it")),
        ("article:caporalato:title", "zh", ("Caporalato is a crime", "fuzzy", "en")),
        ("article:caporalato:title", "ur", ("Caporalato is a crime", "fuzzy", "en")),
        (block(2), "bn", ("Who can help you", "fuzzy", "en")),
        # a translation of an older Italian text is as good as fuzzy
        ("agency:questura-mantova:description", "en",
         (ITALIAN["agency:questura-mantova:description"], "fuzzy", "it")),
        ("agency:questura-mantova:description", "ar",
         (ITALIAN["agency:questura-mantova:description"], "untranslated", "it")),
        # languages without a PO file follow their chain; ro's ends at Italian
        ("category:permesso:name", "fr", ("Residence permit", "untranslated", "en")),
        ("category:permesso:name", "ro", ("Permesso di soggiorno", "untranslated", "it")),
        (block(3), "uk", (en_of(block(3)), "untranslated", "en")),
    ]
    for key, language, want in explicit:
        check(texts.get((key, language)) == want,
              f"texts[{key}, {language}] = {texts.get((key, language))}, expected {want}")

    # every row, from the PO files and languages.txt as docs/catalog.md says
    po = {code: parse_po(os.path.join(GOOD, "po", code + ".po")) for code in GOOD_LANGUAGES}

    def shown_translation(code, key):
        m = po.get(code, {}).get(key)
        ok = m and m["msgstr"] and not m["fuzzy"] and m["msgid"] == italian[key]
        return m["msgstr"] if ok else None

    wrong = []
    for code, chain in languages:
        for key in keys:
            if code == "it":
                want = (italian[key], "source", "it")
            elif shown_translation(code, key):
                want = (shown_translation(code, key), "translated", code)
            else:
                own = po.get(code, {}).get(key)
                status = "fuzzy" if own and own["msgstr"] and (
                    own["fuzzy"] or own["msgid"] != italian[key]) else "untranslated"
                want = (italian[key], status, "it")
                for other in chain:
                    if other == "it":
                        break
                    if shown_translation(other, key):
                        want = (shown_translation(other, key), status, other)
                        break
            if texts.get((key, code)) != want:
                wrong.append(f"{key} {code}: {texts.get((key, code))} != {want}")
    check(not wrong, f"{len(wrong)} texts rows differ from the spec:\n    " + "\n    ".join(wrong[:20]))
    counts = dict(q("SELECT status, count(*) FROM texts GROUP BY status"))
    check(all(counts.get(s, 0) > 0 for s in ("source", "translated", "fuzzy", "untranslated")),
          f"the fixture no longer exercises every status: {counts}")

    # one search table per language, one row per record
    tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name LIKE 'search\\_%' ESCAPE '\\' AND sql LIKE '%fts5%'")}
    check(tables == {f"search_{code}" for code, _ in languages}, f"search tables {sorted(tables)}")
    for code, _ in languages:
        records = [r[0] for r in q(f"SELECT record FROM search_{code}")]
        check(sorted(records) == sorted(RECORDS), f"search_{code} records {sorted(records)}")
    db.close()


def check_refused(folder, output, before, data, po, expected, what):
    result = build(data, po, output)
    check_problems(result, expected, what)
    check(result.stdout == "", f"{what}: stdout {result.stdout!r}")
    expect_catalogue_in_service(output, before, what)


def catalog_build_keeps_catalogue_in_service_on_bad_data(folder):
    output = build_good(folder)
    before = digest(output)

    # (a) hours 25:00
    data, po = copy_good(os.path.join(folder, "hours"))
    agency = os.path.join(data, "agencies", "centri-impiego-mantova.yaml")
    line = line_of(agency, 'to: "12:30"')
    replace_in(agency, 'to: "12:30"', 'to: "25:00"')
    check_refused(folder, output, before, data, po, [
        f"{agency}:{line}: time '25:00' is not valid: write HH:MM between 00:00 and 24:00"],
        "hours 25:00")

    # (b) a data file cut short inside a quoted phone number
    data, po = copy_good(os.path.join(folder, "cut"))
    agency = os.path.join(data, "agencies", "questura-mantova.yaml")
    with open(agency, encoding="utf-8") as f:
        text = f.read()
    with open(agency, "w", encoding="utf-8") as f:
        f.write(text[:text.index("    phones:")] + '    phones: ["0376')
    line = line_of(agency, '    phones: ["0376')
    result = build(data, po, output)
    check(result.returncode == 1, f"cut data file: exit {result.returncode}")
    got = problems_of(result)
    check(len(got) == 1 and got[0].startswith(f"{agency}:{line}: "),
          f"cut data file: problems {got}, expected one at line {line}")
    expect_catalogue_in_service(output, before, "cut data file")


def catalog_build_explains_yaml_mistakes_in_files_with_accents(folder):
    """The same YAML mistake gets the same explanation whether or not the
    Italian text before it has accents (è, à: two bytes in UTF-8, one
    character for libyaml's marks)."""
    original = os.path.join(GOOD, "data", "agencies", "questura-mantova.yaml")
    with open(original, encoding="utf-8") as f:
        accented = f.read()
    check("è" in accented and "città" in accented, "the fixture lost its accents")
    plain = accented.replace("è", "e").replace("à", "a")
    mistakes = [
        # cut short inside text in quotes, on its last line
        (lambda text: text[:text.index("    hours-note:")] + '    hours-note: "Telefono 03',
         "    hours-note:", "the file ends inside text in quotes (is the file cut short?)"),
        # text after a closing quote
        (lambda text: text.replace("what: Si occupa dei permessi di soggiorno.",
                                   'what: "Si occupa" dei permessi di soggiorno.'),
         "    what:", "text after a closing quote: put the whole value in quotes"),
    ]
    for number, (mistake, where, message) in enumerate(mistakes):
        for variant, text in [("plain", plain), ("accented", accented)]:
            data, po = copy_good(os.path.join(folder, f"{number}-{variant}"))
            agency = os.path.join(data, "agencies", "questura-mantova.yaml")
            with open(agency, "w", encoding="utf-8") as f:
                f.write(mistake(text))
            line = line_of(agency, where)
            result = build(data, po, os.path.join(folder, f"{number}-{variant}.sqlite"))
            check_problems(result, [f"{agency}:{line}: {message}"], f"{variant} file: {message}")


def catalog_build_keeps_catalogue_in_service_on_bad_po(folder):
    output = build_good(folder)
    before = digest(output)

    # (b) a translation changed a phone number
    data, po = copy_good(os.path.join(folder, "phone"))
    en = os.path.join(po, "en.po")
    replace_in(en, 'msgstr "Telephone 0376 2051."', 'msgstr "Telephone 0376 2015."')
    line = msgid_line(en, "service:questura-mantova-immigrazione:hours-note")
    check_refused(folder, output, before, data, po, [
        f'{en}:{line}: number "0376 2051" of the source is missing or changed'],
        "phone number changed")

    # (c) Arabic with two plural forms
    data, po = copy_good(os.path.join(folder, "plural"))
    ar = os.path.join(po, "ar.po")
    line = line_of(ar, '"Plural-Forms: ')
    with open(ar, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r'"Plural-Forms: [^"]*"', r'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', text)
    with open(ar, "w", encoding="utf-8") as f:
        f.write(text)
    check_refused(folder, output, before, data, po, [
        f"{ar}:{line}: Plural-Forms has nplurals=2 but CLDR gives ar 6 plural forms for whole "
        f'numbers: write "Plural-Forms: {AR_PLURAL_FORMS}" (assets/plural-forms.txt)'],
        "Arabic nplurals=2")

    # (c2) Arabic without Plural-Forms: the value to write, from assets/plural-forms.txt
    data, po = copy_good(os.path.join(folder, "no-plural"))
    ar = os.path.join(po, "ar.po")
    with open(ar, encoding="utf-8") as f:
        text = f.read()
    with open(ar, "w", encoding="utf-8") as f:
        f.write(re.sub(r'"Plural-Forms: [^"]*"\n', "", text))
    header = line_of(ar, 'msgid ""')
    check_refused(folder, output, before, data, po, [
        f"{ar}:{header}: the header has no Plural-Forms: add "
        f'"Plural-Forms: {AR_PLURAL_FORMS}" (assets/plural-forms.txt)'], "Arabic without Plural-Forms")

    # (d) a PO file cut in the middle of a message
    data, po = copy_good(os.path.join(folder, "cut"))
    zh = os.path.join(po, "zh.po")
    with open(zh, encoding="utf-8") as f:
        text = f.read()
    cut = text.index('msgstr "居留') + len('msgstr "居留')
    with open(zh, "w", encoding="utf-8") as f:
        f.write(text[:cut])
    line = text[:cut].count("\n") + 1
    check_refused(folder, output, before, data, po, [
        f"{zh}:{line}: end-of-file within string"], "PO cut in a message")


def catalog_build_refuses_changed_article_number(folder):
    """603-bis -> 603-ter and 199 -> 19 in a translation stop the build at
    the msgid's line; digits regrouped with a no-break space do not."""
    output = build_good(folder)
    before = digest(output)
    data, po = copy_good(os.path.join(folder, "article"))
    en = os.path.join(po, "en.po")
    replace_in(en, "Article 603-bis of the Criminal Code says so, as rewritten by Law no. 199",
               "Article 603-ter of the Criminal Code says so, as rewritten by Law no. 19")
    line = msgid_line(en, block(1))
    check_refused(folder, output, before, data, po, [
        f'{en}:{line}: number "603-bis" of the source is missing or changed',
        f'{en}:{line}: number "199" of the source is missing or changed'],
        "article number changed")
    data, po = copy_good(os.path.join(folder, "grouped"))
    en = os.path.join(po, "en.po")
    replace_in(en, 'msgstr "The Anti-Trafficking Helpline 800 290 290',
               'msgstr "The Anti-Trafficking Helpline 800\u00a0290290')
    grouped = os.path.join(folder, "grouped.sqlite")
    result = build(data, po, grouped)
    check(result.returncode == 0 and not problems_of(result),
          f"digits grouped otherwise: exit {result.returncode}, {problems_of(result)}")
    if result.returncode == 0:
        db = connect(grouped)
        shown = db.execute("SELECT text FROM texts WHERE key = ? AND language = 'en'",
                           (block(3),)).fetchone()
        db.close()
        check(shown and "800\u00a0290290" in shown[0], f"the regrouped translation is shown: {shown}")


def catalog_build_warns_fuzzy_at_its_line_and_builds(folder):
    """A message marked fuzzy in a copy of good/: the build prints it as a
    warning at its msgid's line, writes the catalogue (exit 0) without it
    (en's chain is Italian only), and `check` lists it the same way."""
    data, po = copy_good(folder)
    en = os.path.join(po, "en.po")
    key = "service:questura-mantova-immigrazione:name"
    replace_in(en, f'msgctxt "{key}"', f'#, fuzzy\nmsgctxt "{key}"')
    warning = (f"{en}:{msgid_line(en, key)}: warning: fuzzy: not shown until a translator checks "
               "it and removes the fuzzy flag (the kiosk shows the language's fallback)")
    output = os.path.join(folder, "catalog.sqlite")
    result = build(data, po, output)
    check(result.returncode == 0, f"build exits {result.returncode}: {result.stderr}")
    check(not problems_of(result), f"problems: {problems_of(result)}")
    check(warning in warnings_of(result), f"no {warning!r} in {warnings_of(result)}")
    check(result.stderr.splitlines()[-1:] ==
          [f"sportello-catalog: {len(warnings_of(result))} warnings"],
          f"last line {result.stderr.splitlines()[-1:]}")
    if result.returncode == 0:
        db = connect(output)
        row = db.execute("SELECT t.text, t.status, t.shown FROM texts t WHERE key = ? AND"
                         " language = 'en'", (key,)).fetchone()
        italian = db.execute("SELECT text FROM texts WHERE key = ? AND language = 'it'",
                             (key,)).fetchone()
        db.close()
        check(row == (italian[0], "fuzzy", "it"), f"en {key}: {row}, expected the Italian")
    result = run("check", "--po", po)
    check(warning in warnings_of(result), f"check: no {warning!r} in {warnings_of(result)}")


def catalog_build_names_wrong_encoding_in_one_line(folder):
    """fr.po saved as UTF-16 by a Windows editor, ar.po as Windows-1252
    would be hundreds of libgettextpo errors: one line each, and the
    catalogue in service stays."""
    output = build_good(folder)
    before = digest(output)
    data, po = copy_good(os.path.join(folder, "encodings"))
    en, ur = os.path.join(po, "en.po"), os.path.join(po, "ur.po")
    with open(en, encoding="utf-8") as f:
        text = f.read()
    with open(en, "wb") as f:
        f.write(text.encode("utf-16"))  # with its BOM, little endian here
    with open(ur, encoding="utf-8") as f:
        text = f.read()
    with open(ur, "wb") as f:  # Urdu has no Windows-1252: "?", but the Italian è and à have
        f.write(text.encode("cp1252", errors="replace"))
    with open(ur, "rb") as f:
        raw = f.read()
    first = next(i for i, b in enumerate(raw) if b >= 0x80)
    line, byte = raw[:first].count(b"\n") + 1, raw[first]
    advice = "save it as UTF-8 without BOM (a text editor's Save As, encoding \"UTF-8\")"
    check_refused(folder, output, before, data, po, [
        f"{en}:1: the file is UTF-16 (little endian, with BOM); {advice}, or: iconv -f UTF-16 -t UTF-8",
        f"{ur}:{line}: the file is not UTF-8 (byte 0x{byte:02X} here: Windows-1252 or ISO-8859-1?); "
        f"convert it: iconv -f WINDOWS-1252 -t UTF-8, or {advice}"], "wrong encodings")


def catalog_build_warns_glossary_term_and_builds(folder):
    """A glossary that agrees "stay permit" for "permesso di soggiorno": the
    en messages saying "residence permit" are warnings at their msgid's
    lines; the build still writes the catalogue (exit 0)."""
    data, po = copy_good(folder)
    os.makedirs(os.path.join(po, "glossary"))
    glossary = os.path.join(po, "glossary", "en.tsv")
    with open(glossary, "w", encoding="utf-8") as f:
        f.write("# test\npermesso di soggiorno\tstay permit\tnot what en.po says\n")
    en = os.path.join(po, "en.po")
    keys = [k for k, m in parse_po(en).items() if "permesso di soggiorno" in m["msgid"].lower()
            and m["msgstr"] and not m["fuzzy"]]
    check(keys, "the fixture has no translated 'permesso di soggiorno'")
    result = build(data, po, os.path.join(folder, "catalog.sqlite"))
    check(result.returncode == 0, f"build exits {result.returncode}: {result.stderr}")
    got = [w for w in warnings_of(result) if "glossary" in w]
    want = [f'{en}:{msgid_line(en, k)}: warning: glossary: "permesso di soggiorno" is '
            f'"stay permit" ({glossary}:2), not in the translation' for k in keys]
    check(sorted(got) == sorted(want), f"glossary warnings {got}, expected {want}")


def catalog_build_reports_every_error_not_only_the_first(folder):
    output = build_good(folder)
    before = digest(output)
    data, po = copy_good(os.path.join(folder, "errors"))
    centri = os.path.join(data, "agencies", "centri-impiego-mantova.yaml")
    questura = os.path.join(data, "agencies", "questura-mantova.yaml")
    en, ar = os.path.join(po, "en.po"), os.path.join(po, "ar.po")
    hours_line = line_of(centri, 'to: "12:30"')
    replace_in(centri, 'to: "12:30"', 'to: "25:00"')
    town_line = line_of(questura, "town: mantova")
    replace_in(questura, "town: mantova", "town: Mantova")
    replace_in(en, 'msgstr "Telephone 0376 2051."', 'msgstr "Telephone 0376 2015."')
    replace_in(ar, 'msgstr "في حالة الخطر، اتصل بالرقم 112."', 'msgstr "في حالة الخطر، اتصل بالرقم 113."')
    expected = [
        f"{centri}:{hours_line}: time '25:00' is not valid: write HH:MM between 00:00 and 24:00",
        f"{questura}:{town_line}: town 'Mantova' is not one of: mantova, "
        "castiglione-delle-stiviere, suzzara, other",
        f'{en}:{msgid_line(en, "service:questura-mantova-immigrazione:hours-note")}: number '
        '"0376 2051" of the source is missing or changed',
        f'{ar}:{msgid_line(ar, block(4))}: number "112" of the source is '
        "missing or changed",
    ]
    check_refused(folder, output, before, data, po, expected, "errors in 2 data files and 2 POs")


def catalog_build_refuses_50mb_data_file(folder):
    output = build_good(folder)
    before = digest(output)
    data, po = copy_good(os.path.join(folder, "big"))
    big = os.path.join(data, "agencies", "archivio.yaml")
    size = 50 * 1024 * 1024
    line = ("  Testo di un file sbagliato, copiato qui mille volte per errore. " * 4 + "\n").encode()
    with open(big, "wb") as f:
        f.write(b"id: archivio\nname: Archivio\ndescription: >-\n")
        while f.tell() + len(line) <= size:
            f.write(line)
        f.write(b" " * (size - f.tell()))
    check(os.path.getsize(big) == size, f"the big file is {os.path.getsize(big)} bytes")
    start = time.monotonic()
    result = build(data, po, output)
    seconds = time.monotonic() - start
    check_problems(result, [
        f"{big}: file too large (50.0 MB): a data file may be at most 10 MB"], "50 MB data file")
    check(seconds < 2.0, f"refusing a 50 MB file took {seconds:.1f} s: it should not be read")
    expect_catalogue_in_service(output, before, "50 MB data file")


def catalog_search_folds_arabic_harakat(folder):
    db = connect(build_good(folder))
    service, article, category = ("service:questura-mantova-immigrazione", "article:caporalato",
                                  "category:permesso")
    # the kiosk shows the text as the translator wrote it, harakat included
    shown = db.execute("SELECT text FROM texts WHERE key = 'article:caporalato:summary'"
                       " AND language = 'ar'").fetchone()
    check(shown == (ARABIC_SUMMARY,), f"ar summary shown as {shown}")
    # query with harakat or tatweel, text without: "مكتب الهجرة"
    for query in ["الهِجْرَة", "الهـجرة", "الْهِجْرَةُ", "مَكْتَبُ الهِجْرَةِ"]:
        check(service in search(db, "ar", query), f"{query!r} does not find {service}")
    # query without, text with harakat (the summary) or tatweel ("تصريـح")
    for query in ["جريمة", "يرتكب", "باستغلالك", "يجندك"]:
        check(article in search(db, "ar", query), f"{query!r} does not find {article}")
    check(category in search(db, "ar", "تصريح"), "تصريح does not find the text with a tatweel")
    # the category, and its service (a service's category name is indexed with it)
    check(search(db, "ar", "تصريح") == {category, service},
          f"تصريح finds {search(db, 'ar', 'تصريح')}")
    # both written with marks, differently
    check(article in search(db, "ar", "جَرِيمَة"), "جَرِيمَة does not find جَرِيمَةً")
    # the marks are token characters (M*): without the fold they would not match
    check(search_raw(db, "ar", "الهِجْرَة") == set(),
          "the unfolded query matched: this test no longer shows the fold")
    # what is indexed is folded, in every table and both columns
    marks = re.compile("[\u064b-\u065f\u0670\u0640]")
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search\\_%'"
                               " ESCAPE '\\' AND sql LIKE '%fts5%'"):
        for row in db.execute(f"SELECT record, title, summary, body, latin_title, latin_text,"
                              f" italian FROM {table}"):
            check(not any(marks.search(text) for text in row[1:]),
                  f"{table} {row[0]}: harakat or tatweel indexed")
    db.close()


def catalog_search_folds_italian_accents(folder):
    output = build_good(folder)
    db = connect(output)
    for language in ["it", "en", "ar", "zh"]:
        for query in ["perche", "perché", "PERCHÉ", "Perche"]:
            check(search(db, language, query) == {"article:caporalato"},
                  f"search_{language} {query!r}: {search(db, language, query)}")
        for query in ["citta", "città", "CITTA"]:
            check(search(db, language, query) == {"agency:questura-mantova"},
                  f"search_{language} {query!r}: {search(db, language, query)}")
        check(search(db, language, "identita") == {"service:cpi-castiglione"},
              f"search_{language} 'identita': {search(db, language, 'identita')}")
    # the kiosk shows the accents
    text = db.execute("SELECT text FROM texts WHERE key = ? AND language = 'it'",
                      (block(1),)).fetchone()[0]
    check(text.startswith("Perché è un reato?"), f"Italian shown as {text!r}")
    db.close()

    # the same text written decomposed (e + U+0300), as some editors save it
    data, po = copy_good(os.path.join(folder, "nfd"))
    questura = os.path.join(data, "agencies", "questura-mantova.yaml")
    replace_in(questura, "città", unicodedata.normalize("NFD", "città"))
    nfd_output = os.path.join(folder, "nfd.sqlite")
    result = build(data, po, nfd_output)
    check(result.returncode == 0, f"NFD data: exit {result.returncode}: {result.stderr}")
    if result.returncode == 0:
        db = connect(nfd_output)
        for query in ["citta", "città"]:
            check(search(db, "it", query) == {"agency:questura-mantova"},
                  f"NFD text: {query!r} finds {search(db, 'it', query)}")
        db.close()


def catalog_search_finds_agency_by_italian_name_from_every_language(folder):
    db = connect(build_good(folder))
    service = "service:questura-mantova-immigrazione"
    # the service's own texts never name the Questura, in any language: only
    # its agency's Italian name can find it
    own = [t for (t,) in db.execute("SELECT text FROM texts WHERE key LIKE ?", (service + ":%",))]
    check(own and not any("questura" in t.lower() for t in own),
          "the service's own texts name the Questura: this test would prove nothing")
    languages = [code for (code,) in db.execute("SELECT code FROM languages ORDER BY position")]
    check(len(languages) == len(read_languages(LANGUAGES_TXT)), f"languages {languages}")
    for language in languages:
        found = search(db, language, "Questura")
        check(found == {service, "agency:questura-mantova"},
              f"search_{language} 'Questura' finds {sorted(found)}")
        found = search(db, language, "Questura di Mantova")
        check(service in found, f"search_{language} 'Questura di Mantova' finds {sorted(found)}")
        found = search(db, language, "Impiego")
        check({"service:cpi-mantova", "service:cpi-castiglione"} <= found and service not in found,
              f"search_{language} 'Impiego' finds {sorted(found)}")
    db.close()


def catalog_search_keeps_words_whole_in_bn_pa_ti_ar(folder):
    db = connect(build_good(folder))
    scripts = {
        "bn": ("\u0980", "\u09ff"), "pa": ("\u0a00", "\u0a7f"),
        "ti": ("\u1200", "\u139f"), "ar": ("\u0600", "\u06ff"),
    }
    whole = {
        "bn": ["শ্রমিক", "কর্মক্ষেত্রে", "অধিকার", "ক্যাপোরালাতো", "নিয়োগ", "শোষণ"],
        "pa": ["ਸ਼ੋਸ਼ਣ", "ਕਰਵਾਉਂਦਾ", "ਤੁਹਾਨੂੰ", "ਰੁਜ਼ਗਾਰ", "ਕੇਂਦਰ", "ਜਾਂ"],
        "ti": ["ዝምልምለካ", "ብምብዝባዝ", "ዘስርሓካ", "ይፍጽም", "መሰላት"],
        "ar": ["يجندك", "باستغلالك", "جريمة", "تصريح", "بتصاريح", "الإقامة", "حقوقك"],
    }
    pieces = {
        "bn": ["শ", "রম", "ক", "কর", "ম", "ি", "্"],
        "pa": ["ਸ", "ਣ", "ਰੁ", "ਗਾਰ", "ਕਰ", "ਂ"],
        "ti": ["ይፍጽም።", "ዝ"],
        "ar": ["ي", "جريم", "ة"],
    }
    for language, (low, high) in scripts.items():
        db.execute(f"CREATE VIRTUAL TABLE temp.vocab_{language} USING "
                   f"fts5vocab(main, search_{language}, 'col')")
        tokens = {term for (term,) in db.execute(
            f"SELECT term FROM temp.vocab_{language} WHERE col IN ('title', 'summary', 'body')")}
        in_script = lambda word: any(low <= c <= high for c in word)
        expected = set()
        for (text,) in db.execute("SELECT text FROM texts WHERE language = ?", (language,)):
            expected.update(w for w in token_words(fold(text)) if in_script(w))
            if language == "ar":  # the words without their prefixes too (fold.h)
                expected.update(bare(w) for w in token_words(fold(text)) if in_script(w))
        got = {t for t in tokens if in_script(t)}
        check(got == expected, f"search_{language}: tokens not whole words:\n"
              f"    not words: {sorted(got - expected)}\n    words lost: {sorted(expected - got)}")
        for word in whole[language]:
            check(fold(word) in tokens, f"search_{language}: {word} is not one token")
            check(search(db, language, fold(word)), f"search_{language}: {word} finds nothing")
        for piece in pieces[language]:
            check(piece not in tokens, f"search_{language}: {piece!r} is a token")
    # a fuzzy translation is not shown, so not searchable either
    check(search(db, "bn", "সাহায্য") == set(), "bn: the fuzzy translation of block 2 is indexed")
    check(search(db, "bn", "শ্রমিক") == {"article:caporalato"},
          f"bn: শ্রমিক finds {search(db, 'bn', 'শ্রমিক')}")
    check(search(db, "pa", "ਸ਼ੋਸ਼ਣ") == {"article:caporalato"},
          f"pa: ਸ਼ੋਸ਼ਣ finds {search(db, 'pa', 'ਸ਼ੋਸ਼ਣ')}")
    check(search(db, "ti", "ይፍጽም") == {"article:caporalato"},
          f"ti: ይፍጽም finds {search(db, 'ti', 'ይፍጽም')}")
    db.close()


def catalog_stats_counts_each_language(folder):
    po = os.path.join(GOOD, "po")
    result = run("stats", "--po", po, "--languages", LANGUAGES_TXT)
    check(result.returncode == 0, f"stats exits {result.returncode}: {result.stderr}")
    check(result.stderr == "", f"stats stderr {result.stderr!r}")
    lines = result.stdout.splitlines()
    check(lines and lines[0].split() ==
          ["lang", "translated", "fuzzy", "untranslated", "words-left", "done", "review"],
          f"stats header {lines[:1]}")
    rows = {}
    for line in lines[1:]:
        fields = line.split()
        if check(len(fields) == 7, f"stats line {line!r}"):
            rows[fields[0]] = fields[1:]
    check(list(rows)[:len(GOOD_LANGUAGES)] == sorted(GOOD_LANGUAGES), f"stats languages {list(rows)}")
    # by hand: en has 28 messages, a fuzzy one of 9 words and an untranslated one of 1
    check(rows.get("en") == ["26", "1", "1", "10", "92.9%", "draft"], f"en: {rows.get('en')}")
    check(rows.get("zh", [""])[-1] == "reviewed", f"zh review {rows.get('zh')}")
    # every language from its PO file
    for code in GOOD_LANGUAGES:
        messages = parse_po(os.path.join(po, code + ".po")).values()
        translated = sum(1 for m in messages if m["msgstr"] and not m["fuzzy"])
        fuzzy = sum(1 for m in messages if m["msgstr"] and m["fuzzy"])
        untranslated = sum(1 for m in messages if not m["msgstr"])
        left = sum(len(m["msgid"].split()) for m in messages if not m["msgstr"] or m["fuzzy"])
        done = f"{100.0 * translated / len(messages):.1f}%"
        review = "reviewed" if code == "zh" else "draft"
        want = [str(translated), str(fuzzy), str(untranslated), str(left), done, review]
        check(rows.get(code) == want, f"stats {code}: {rows.get(code)}, expected {want}")
        check(translated + fuzzy + untranslated == len(UNITS), f"{code}: fixture lost messages")


def months_ago(months, day=False):
    """The month `months` before this one (local time, as the tool's
    clock), "YYYY-MM", or "YYYY-MM-01" with `day`."""
    now = time.localtime()
    index = now.tm_year * 12 + now.tm_mon - 1 - months
    text = f"{index // 12:04d}-{index % 12 + 1:02d}"
    return text + "-01" if day else text


def old_facts(stdout):
    """stats' old facts: {agency or "articles": [(date, kind, id)]} and its
    count line."""
    groups, current, count = {}, None, None
    for line in stdout.splitlines():
        item = re.fullmatch(r"  (\S+) +(service|article) (\S+)(?: \(.*\))?", line)
        head = re.fullmatch(r"(\S+)(?: \((.+)\))?", line)
        if item and current is not None:
            groups[current].append(item.groups())
        elif re.fullmatch(r"\d+ of \d+ services and articles checked more than \d+ months? ago",
                          line):
            count = line
        elif head and not line.startswith("checked more than"):
            current = head.group(1)
            groups[current] = []
    return groups, count


def catalog_stats_lists_facts_older_than_18_months_per_agency_and_honours_older_than(folder):
    """`stats --data` lists, per agency, the services (and after them the
    articles) checked more than 18 months ago, with their dates; a service
    without its own date has its agency's.  --older-than MONTHS changes the
    age; a bad MONTHS, or --older-than without --data, is refused with a
    usage line and prints nothing else."""
    data, po = copy_good(folder)
    dates = {"cpi-mantova": months_ago(30), "cpi-castiglione": months_ago(10, day=True),
             "questura-mantova": months_ago(0), "caporalato": months_ago(20)}
    path = os.path.join(data, "agencies", "centri-impiego-mantova.yaml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(- id: cpi-mantova\n(?:    .*\n)*?    checked: ).*",
                  lambda m: m.group(1) + dates["cpi-mantova"], text)
    text = re.sub(r"(- id: cpi-castiglione\n(?:    .*\n)*?    checked: ).*",
                  lambda m: m.group(1) + dates["cpi-castiglione"], text)
    open(path, "w", encoding="utf-8").write(text)
    path = os.path.join(data, "agencies", "questura-mantova.yaml")
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(
        re.sub(r"(?m)^checked: .*", "checked: " + dates["questura-mantova"], text))
    path = os.path.join(data, "articles", "caporalato.md")
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(
        re.sub(r"(?m)^checked: .*", "checked: " + dates["caporalato"], text))

    def stats(*args):
        result = run("stats", "--data", data, *args)
        check(result.returncode == 0 and result.stderr == "",
              f"stats {args} exits {result.returncode}: {result.stderr}")
        return old_facts(result.stdout)

    cpi_file = os.path.join(data, "agencies", "centri-impiego-mantova.yaml")
    groups, count = stats()
    check(groups == {"centri-impiego-mantova": [(dates["cpi-mantova"], "service", "cpi-mantova")],
                     "articles": [(dates["caporalato"], "article", "caporalato")]},
          f"18 months: {groups}")
    check(count == "2 of 4 services and articles checked more than 18 months ago",
          f"18 months: {count}")
    result = run("stats", "--data", data)
    check(f"centri-impiego-mantova ({cpi_file})" in result.stdout.splitlines(),
          f"the agency's file is named: {result.stdout}")
    groups, count = stats("--older-than", "24")
    check(groups == {"centri-impiego-mantova": [(dates["cpi-mantova"], "service", "cpi-mantova")]},
          f"24 months: {groups}")
    check(count.startswith("1 of 4 "), f"24 months: {count}")
    groups, count = stats("--older-than", "6")
    check(groups.get("centri-impiego-mantova") ==
          [(dates["cpi-mantova"], "service", "cpi-mantova"),
           (dates["cpi-castiglione"], "service", "cpi-castiglione")] and
          groups.get("articles") == [(dates["caporalato"], "article", "caporalato")] and
          "questura-mantova" not in groups, f"6 months: {groups}")
    check(count.startswith("3 of 4 "), f"6 months: {count}")
    groups, count = stats("--older-than", "0")
    check("questura-mantova" not in groups and count.startswith("3 of 4 "),
          f"0 months: this month is not older: {groups} {count}")
    # With --po: the languages' table, then the old facts.
    result = run("stats", "--po", po, "--languages", LANGUAGES_TXT, "--data", data)
    lines = result.stdout.splitlines()
    check(result.returncode == 0 and lines and lines[0].split()[0] == "lang" and
          "checked more than 18 months ago:" in lines, f"stats --po --data: {result.stdout}")
    for bad in ["abc", "-1", "1201", "", "18x", "99999", "1e3", " 18", "0x12", "\u0661\u0668"]:
        result = run("stats", "--data", data, "--older-than", bad)
        check(result.returncode == 2 and result.stdout == "" and
              f"--older-than '{bad}'" in result.stderr and "usage: " in result.stderr,
              f"--older-than {bad!r}: exit {result.returncode}, {result.stdout!r} {result.stderr!r}")
    result = run("stats", "--po", po, "--older-than", "12")
    check(result.returncode == 2 and result.stdout == "" and "needs --data" in result.stderr and
          "usage: " in result.stderr, f"--older-than without --data: {result.stderr!r}")


def catalog_stats_lists_language_without_po_as_missing(folder):
    """A language of languages.txt with no PO file has nothing translated
    and no draft: stats lists it, after the PO files, as "missing" with no
    counts; and the catalogue's languages table says "missing" too."""
    data, po = copy_good(folder)
    os.remove(os.path.join(po, "ti.po"))
    result = run("stats", "--po", po, "--languages", LANGUAGES_TXT)
    check(result.returncode == 0 and result.stderr == "",
          f"stats exits {result.returncode}: {result.stderr}")
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    with_po = sorted(set(GOOD_LANGUAGES) - {"ti"})
    without = [code for code, _ in read_languages(LANGUAGES_TXT)
               if code != "it" and code not in with_po]
    check([r[0] for r in rows] == with_po + without,
          f"stats languages {[r[0] for r in rows]}, expected {with_po + without}")
    for row in rows:
        if row[0] in without:
            check(row[1:] == ["-", "-", "-", "-", "-", "missing"], f"stats {row}")
        else:
            check(row[-1] in ("draft", "reviewed"), f"stats {row}")
    output = os.path.join(folder, "catalog.sqlite")
    result = build(data, po, output)
    check(result.returncode == 0, f"build without ti.po: {result.stderr}")
    if result.returncode == 0:
        db = connect(output)
        review = dict(db.execute("SELECT code, review FROM languages"))
        db.close()
        check(review.get("ti") == "missing" and review.get("fr") == "missing" and
              review.get("en") == "draft", f"languages.review {review}")


def catalog_check_reports_translator_problems(folder):
    po = os.path.join(CASES, "check", "po")
    en = os.path.join(po, "en.po")
    line = lambda key: msgid_line(en, key)
    problems = [
        f"{en}:{line('service:cpi-castiglione:documents:2')}: identical to the Italian text: "
        "copied rather than translated? (an office name may stay in Italian)",
        f"{en}:{line('service:questura-mantova-immigrazione:name')}: leading white space \" \" "
        "differs from the source's \"\"",
        f"{en}:{line(block(2))}: trailing white space \" \" differs from the "
        "source's \"\"",
        f"{en}:{line(block(5))}: URL \"www.pariopportunita.gov.it\" of the "
        "source is missing or changed",
    ]
    result = run("check", "--po", po)
    check_problems(result, problems, "check without data")
    out_of_date = (f"{en}:{line('agency:questura-mantova:description')}: out of date: the Italian "
                   "text changed, run the content-po-update target")
    result = run("check", "--po", po, "--data", os.path.join(GOOD, "data"))
    check_problems(result, problems + [out_of_date], "check with data")
    # in line order, as a translator reads the file
    got = problems_of(result)
    numbers = [int(p[len(en) + 1:].split(":")[0]) for p in got if p.startswith(en + ":")]
    check(numbers == sorted(numbers), f"check problems not in line order: {numbers}")
    # the good fixture: only its translation of an older Italian text
    good_en = os.path.join(GOOD, "po", "en.po")
    result = run("check", "--po", os.path.join(GOOD, "po"), "--data", os.path.join(GOOD, "data"))
    check_problems(result, [
        f"{good_en}:{msgid_line(good_en, 'agency:questura-mantova:description')}: out of date: "
        "the Italian text changed, run the content-po-update target"], "check of good/")


def catalog_pot_has_context_comment_and_reference(folder):
    data = os.path.join(GOOD, "data")
    pot = os.path.join(folder, "sportello-content.pot")
    result = run("pot", "--data", data, "--output", pot)
    check(result.returncode == 0 and result.stderr == "",
          f"pot exits {result.returncode}: {result.stderr}")
    if not os.path.exists(pot):
        return
    check(not glob.glob(pot + ".new*"), "a temporary template is left")
    with open(pot, encoding="utf-8") as f:
        text = f.read()
    check('"POT-Creation-Date: ' in text and "charset=UTF-8" in text,
          "template header lacks POT-Creation-Date or the charset")
    check("X-Sportello-Review" not in text,
          "the template has a review status: it belongs in each PO file's header")
    # regenerated from the same data at another date (SOURCE_DATE_EPOCH, read
    # by the tool) it is left as it is, its POT-Creation-Date included
    os.utime(pot, (0, 0))
    result = subprocess.run([TOOL, "pot", "--data", data, "--output", pot], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    with open(pot, encoding="utf-8") as f:
        check(result.returncode == 0 and f.read() == text and os.stat(pot).st_mtime == 0,
              "the template from unchanged data was rewritten")
    check(not glob.glob(pot + ".new*"), "a temporary template is left")
    entries = [e for e in text.split("\n\n") if "msgctxt" in e]
    got = []
    key_pattern = (r"(category:[a-z0-9-]+:name|agency:[a-z0-9-]+:(name|description)|"
                   r"service:[a-z0-9-]+:(name|what|for-whom|documents:[1-9]\d*|cost|hours-note)|"
                   r"article:[a-z0-9-]+(:title|:summary|#[2-9]\d*|))")
    for entry in entries:
        lines = entry.strip("\n").split("\n")
        key = re.search(r'^msgctxt "(.*)"$', entry, re.M).group(1)
        if is_block_context(key):  # keyed by its text too, as the catalogue
            key += "\x04" + po_string(lines, next(
                i for i, l in enumerate(lines) if l.startswith("msgid ")))[0]
        comments = [l for l in lines if l.startswith("#. ") and len(l) > 10]
        references = [l[3:] for l in lines if l.startswith("#: ")]
        check(re.fullmatch(key_pattern, key.split("\x04")[0]),
              f"msgctxt {key!r} is not record:field")
        check(len(comments) == 1, f"{key}: '#.' comments {comments}")
        check(len(references) == 1, f"{key}: '#:' references {references}")
        got.append((key, references[0] if references else None))
        # the reference points at the Italian text, which is the msgid
        msgid = parse_po(pot)[key]["msgid"]
        if references:
            file, line = references[0].rsplit(":", 1)
            with open(os.path.join(data, file), encoding="utf-8") as f:
                source = f.read().split("\n")
            here = source[int(line) - 1] + " " + source[int(line)] if int(line) < len(source) \
                else source[int(line) - 1]
            first_words = " ".join(msgid.split()[:3])
            check(first_words in " ".join(here.split()),
                  f"{key}: {references[0]} does not hold {first_words!r}")
    check(got == UNITS, "template messages differ:\n    " +
          "\n    ".join(f"{g} != {w}" for g, w in zip(got, UNITS) if g != w) +
          (f"\n    {len(got)} messages, expected {len(UNITS)}" if len(got) != len(UNITS) else ""))
    # the msgids are the Italian texts the build writes
    db = connect(build_good(folder))
    italian = dict(db.execute("SELECT key, text FROM texts WHERE language = 'it'"))
    db.close()
    template = parse_po(pot)
    check({k: m["msgid"] for k, m in template.items()} == italian, "msgids differ from the catalogue")

    # a PO made from it: msgfmt -c accepts it, and so does the build
    made = os.path.join(folder, "made")
    os.makedirs(made)
    bn = os.path.join(made, "bn.po")
    text = text.replace('"Language: \\n"', '"Language: bn\\n"')
    text = text.replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n > 1);")
    # both messages whose Italian is "Permesso di soggiorno" (category, document)
    text = text.replace('msgid "Permesso di soggiorno"\nmsgstr ""',
                        'msgid "Permesso di soggiorno"\nmsgstr "বসবাসের অনুমতি"')
    with open(bn, "w", encoding="utf-8") as f:
        f.write(text)
    msgfmt = shutil.which("msgfmt")
    if check(msgfmt, "msgfmt (gettext) is not installed"):
        result = subprocess.run([msgfmt, "-c", "-o", os.devnull, bn], capture_output=True,
                                text=True)
        check(result.returncode == 0, f"msgfmt -c refuses a PO made from the template:\n"
              f"{result.stderr}")
    output = os.path.join(folder, "made.sqlite")
    result = build(data, made, output)
    check(result.returncode == 0, f"build with the made PO: {result.returncode} {result.stderr}")
    if result.returncode == 0:
        db = connect(output)
        rows = dict(db.execute("SELECT key, status FROM texts WHERE language = 'bn'"
                               " AND key LIKE '%:documents:2' OR language = 'bn'"
                               " AND key = 'category:permesso:name'"))
        check(rows == {"category:permesso:name": "translated",
                       "service:cpi-castiglione:documents:2": "translated"},
              f"bn statuses from the made PO: {rows}")
        db.close()


def catalog_build_survives_four_fallbacks_without_italian(folder):
    """languages.txt allows a code and four fallbacks; when none of the four
    is Italian, Italian is appended as a fifth.  Either the line is refused
    with one problem at its line, or the chain is kept whole: never memory
    past the chain (a fifth entry of a four-entry array)."""
    output = build_good(folder)
    before = digest(output)
    languages = os.path.join(folder, "languages.txt")
    with open(languages, "w", encoding="utf-8") as f:
        f.write("it\nen  it\nfr  en it\nro  it\nuk  ro fr en ur\nur  en it\n")
    data, po = os.path.join(GOOD, "data"), os.path.join(GOOD, "po")
    result = build(data, po, output, languages)
    got = problems_of(result)
    if result.returncode == 0:
        db = connect(output)
        chain = db.execute("SELECT fallback FROM languages WHERE code = 'uk'").fetchone()
        db.close()
        check(chain == ("ro fr en ur it",), f"uk chain {chain}")
    else:
        check(result.returncode == 1, f"exit code {result.returncode}")
        check(len(got) == 1 and got[0].startswith(f"{languages}:5: ") and "fallback" in got[0],
              f"{len(got)} problems, expected one at {languages}:5: {got[:5]}")
        expect_catalogue_in_service(output, before, "four fallbacks")


# ---- articles keyed by their text ------------------------------------------

def merge(data, po):
    """What `ninja content-po-update` does: a new template from data, merged
    into every PO file of po with msgmerge --previous."""
    msgmerge = shutil.which("msgmerge")
    if not check(msgmerge, "msgmerge (gettext) is not installed"):
        return
    pot = os.path.join(os.path.dirname(po), "sportello-content.pot")
    result = run("pot", "--data", data, "--output", pot)
    check(result.returncode == 0, f"pot exits {result.returncode}: {result.stderr}")
    for name in sorted(os.listdir(po)):
        if name.endswith(".po"):
            path = os.path.join(po, name)
            subprocess.run([msgmerge, "--quiet", "--previous", "--output-file", path, path, pot],
                           check=True, timeout=60)


def article_texts(output, language):
    """[(position, kind, key, text, status)] of the article's blocks."""
    db = connect(output)
    rows = db.execute("SELECT b.position, b.kind, b.key, t.text, t.status FROM article_blocks b"
                      " JOIN texts t ON t.key = b.key AND t.language = ?"
                      " WHERE b.article = 'caporalato' ORDER BY b.position",
                      (language,)).fetchall()
    db.close()
    return rows


def insert_in_body(data, text, before=None):
    """Writes text into the fixture's article: before the line `before`,
    else at the end."""
    article = os.path.join(data, "articles", "caporalato.md")
    with open(article, encoding="utf-8") as f:
        body = f.read()
    at = body.index(before) if before else len(body)
    with open(article, "w", encoding="utf-8") as f:
        f.write(body[:at] + text + body[at:])
    return article


def catalog_build_keeps_translations_when_a_paragraph_is_inserted_at_the_top(folder):
    """Data and one PO (en, every block translated); a paragraph inserted at
    the top of the article, the template merged as content-po-update does,
    and built: every other block keeps its translation (keyed by its text,
    not its position), the new one is untranslated, nothing fuzzy."""
    data, po = copy_good(folder)
    for name in os.listdir(po):
        if name != "en.po":
            os.remove(os.path.join(po, name))
    before = os.path.join(folder, "before.sqlite")
    result = build(data, po, before)
    check(result.returncode == 0, f"build before exits {result.returncode}: {result.stderr}")
    old = article_texts(before, "en")
    check([r[4] for r in old] == ["translated"] * 5, f"en blocks before: {old}")
    insert_in_body(data, "Un paragrafo nuovo, in cima all'articolo.\n\n", before="Perché è")
    merge(data, po)
    en = os.path.join(po, "en.po")
    with open(en, encoding="utf-8") as f:
        merged = f.read()
    check("#, fuzzy" not in merged.split('msgctxt "article:caporalato:summary"')[1],
          "a block became fuzzy")
    check("#~" not in merged, "a block became obsolete")
    after = os.path.join(folder, "after.sqlite")
    result = build(data, po, after)
    check(result.returncode == 0, f"build after exits {result.returncode}: {result.stderr}")
    new = article_texts(after, "en")
    check(len(new) == 6, f"{len(new)} blocks after the insertion, expected 6")
    if len(new) == 6:
        check(new[0][2:] == ("article:caporalato\x04Un paragrafo nuovo, in cima all'articolo.",
                             "Un paragrafo nuovo, in cima all'articolo.", "untranslated"),
              f"the new block: {new[0]}")
        for was, now in zip(old, new[1:]):
            check(now == (was[0] + 1,) + was[1:],
                  f"block {was[0]} moved to {now[0]}: {now}, expected its translation {was}")


def catalog_build_counts_fuzzy_when_a_paragraph_changes(folder):
    """A changed Italian paragraph: msgmerge marks its translation fuzzy in
    every language that had one (same msgctxt, similar msgid, the old one
    kept as #| msgid); the build warns at each and its summary line counts
    the fuzzy messages of each language."""
    data, po = copy_good(folder)
    output = os.path.join(folder, "catalog.sqlite")
    counts = lambda result: dict(
        (code, int(n)) for code, n in re.findall(r"(?:: |, )([a-z]{2,3}) (\d+)",
                                                 result.stdout.split("; ", 1)[-1]))
    result = build(data, po, output)
    check(result.returncode == 0, f"build before exits {result.returncode}: {result.stderr}")
    check(result.stdout.startswith(f"{output}: 28 translatable texts x "), result.stdout)
    old_counts = counts(result)
    check(old_counts == {"ar": 1, "bn": 1, "en": 1, "ur": 1, "zh": 1},
          f"fuzzy before: {result.stdout!r}")
    translated = [code for code in GOOD_LANGUAGES
                  if parse_po(os.path.join(po, code + ".po"))[block(4)]["msgstr"]]
    check(translated == ["en", "ar"], f"block 4 translated in {translated}")
    article = os.path.join(data, "articles", "caporalato.md")
    replace_in(article, "- In pericolo, chiama il 112.", "- In pericolo, chiama subito il 112.")
    merge(data, po)
    key = "article:caporalato\x04In pericolo, chiama subito il 112."
    result = build(data, po, output)
    check(result.returncode == 0, f"build after exits {result.returncode}: {result.stderr}")
    for code in GOOD_LANGUAGES:
        path = os.path.join(po, code + ".po")
        message = parse_po(path)[key]
        if code in translated:
            check(message["fuzzy"], f"{code}: the changed block is not fuzzy")
            warning = (f"{path}:{msgid_line(path, key)}: warning: fuzzy: not shown until a "
                       "translator checks it and removes the fuzzy flag (the kiosk shows the "
                       "language's fallback)")
            check(warning in warnings_of(result), f"no {warning!r}")
            with open(path, encoding="utf-8") as f:
                check('#| msgid "In pericolo, chiama il 112."' in f.read(),
                      f"{code}: the old msgid is not kept (#| msgid)")
        else:
            check(not message["msgstr"], f"{code}: the changed block got a translation")
    # the count is every fuzzy message of the language: en's third is the
    # fixture's translation of an older text of the Questura's description,
    # which the merge marks fuzzy too
    want = {code: n for code in GOOD_LANGUAGES
            if (n := sum(1 for m in parse_po(os.path.join(po, code + ".po")).values()
                         if m["fuzzy"] and m["msgstr"]))}
    check(want == {"ar": 2, "bn": 1, "en": 3, "ur": 1, "zh": 1}, f"fuzzy in the PO files: {want}")
    check(counts(result) == want, f"fuzzy after: {result.stdout!r}, expected {want}")
    check(result.stdout == f"{output}: 28 translatable texts x 14 languages; fuzzy (not shown "
          f"until a translator checks them): ar 2, bn 1, en 3, ur 1, zh 1\n",
          f"summary {result.stdout!r}")
    rows = dict((r[2], r[3:]) for r in article_texts(output, "en"))
    check(rows.get(key) == ("In pericolo, chiama subito il 112.", "fuzzy"),
          f"en shows {rows.get(key)} for the changed block, expected the Italian")


def catalog_build_translates_two_equal_paragraphs_of_an_article(folder):
    """Two blocks of one article with the same text: the second's msgctxt is
    "article:caporalato#2", so each has its own translation and both show.
    (msgmerge offers the first's translation as a fuzzy guess for the
    second; the translator writes its own and removes the flag.)"""
    data, po = copy_good(folder)
    insert_in_body(data, "\nIn pericolo, chiama il 112.\n")
    merge(data, po)
    pot = os.path.join(folder, "sportello-content.pot")
    with open(pot, encoding="utf-8") as f:
        check('msgctxt "article:caporalato#2"\nmsgid "In pericolo, chiama il 112."' in f.read(),
              "no message article:caporalato#2 in the template")
    en = os.path.join(po, "en.po")
    second = "article:caporalato#2\x04In pericolo, chiama il 112."
    check(second in parse_po(en), "the merged en.po lacks the second block")
    line = msgid_line(en, second)
    with open(en, encoding="utf-8") as f:
        lines = f.read().split("\n")
    check(lines[line - 1] == 'msgid "In pericolo, chiama il 112."' and
          lines[line] == 'msgstr "In danger, call 112."' and
          "#, fuzzy" in lines[line - 6:line - 2], f"en.po:{line}: {lines[line - 6:line + 1]}")
    lines[line] = 'msgstr "If you are in danger, call 112."'
    flag = lines.index("#, fuzzy", line - 6)
    del lines[flag:line - 2]  # the flag and the #| lines, as a translator does
    with open(en, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    output = os.path.join(folder, "catalog.sqlite")
    result = build(data, po, output)
    check(result.returncode == 0, f"build exits {result.returncode}: {result.stderr}")
    rows = article_texts(output, "en")
    check([r[1:] for r in rows[3:]] == [
        ("item", block(4), "In danger, call 112.", "translated"),
        ("paragraph", block(5), CAPORALATO[4].replace(
            "Il Numero Verde Antitratta è descritto sul sito",
            "The Anti-Trafficking Helpline is described on the website"), "translated"),
        ("paragraph", second, "If you are in danger, call 112.", "translated")],
        f"en blocks {rows}")


def catalog_build_refuses_raw_html_and_image_in_article_at_its_line(folder):
    """Raw HTML (a <script> block, an inline tag) and an image in an
    article's body: each refused at its data file's line with a sentence
    saying why; the catalogue in service stays."""
    output = build_good(folder)
    before = digest(output)
    data, po = copy_good(os.path.join(folder, "html"))
    article = insert_in_body(data, "\n<script>alert('x')</script>\n\nUn testo <b>importante</b>."
                             "\n\n![x](y.png)\n")
    html = ("in the article: the kiosk shows an article as plain text and would show what the "
            "tags hold as words (a script's code); write plain text without tags "
            "(data/README.md)")
    check_refused(folder, output, before, data, po, [
        f"{article}:{line_of(article, '<script>')}: raw HTML (<script>) {html}",
        f"{article}:{line_of(article, '<b>')}: raw HTML (<b>) {html}",
        f"{article}:{line_of(article, '![x]')}: an image (y.png) in the article: the kiosk "
        "shows an article as plain text, without images; describe it in words or remove it "
        "(data/README.md)"], "raw HTML and an image")


# ---- issue 17: inputs that cannot lie ---------------------------------------

RLO, PDF, ZWSP = "\u202e", "\u202c", "\u200b"


def catalog_build_refuses_hostile_phones_and_names_and_keeps_catalogue(folder):
    """Each mistake of issue 17 in a copy of good/, one at a time: refused
    at its file:line with one sentence (invisible characters shown by code
    point, never as themselves), exit 1, the catalogue in service byte for
    byte the old one."""
    output = build_good(folder)
    before = digest(output)
    cases = [
        ('phones: ["0376 2051"]', f'phones: ["{RLO}1502 6730{PDF}"]',
         "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in data files: it shows a text in "
         "another order than it is stored (a phone number 211 would read 112); remove it"),
        ('phones: ["0376 2051"]', 'phones: ["\\u202E1502 6730\\u202C"]',
         "U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape) is not allowed in data files: "
         "it shows a text in another order than it is stored (a phone number 211 would read "
         "112); remove it"),
        ('phones: ["0376 2051"]', 'phones: ["11O"]',
         "phone number '11O' has the letter 'O' at character 3: write only the digits 0-9 in "
         "groups separated by one space, with an optional leading +"),
        ('phones: ["0376 2051"]', 'phones: ["١١٢"]',
         "phone number '١١٢' is written with Arabic-Indic digits: write it with the ASCII "
         "digits 0-9, as it is dialled"),
        ('phones: ["0376 2051"]', 'phones: ["chiama 112"]',
         "phone number 'chiama 112' has the letter 'c' at character 1: write only the digits "
         "0-9 in groups separated by one space, with an optional leading +"),
        ('phones: ["0376 2051"]', f'phones: ["0376{ZWSP} 2051"]',
         "phone number '0376<U+200B> 2051' contains the invisible character U+200B ZERO WIDTH "
         "SPACE at character 5: write only the digits 0-9 in groups separated by one space, "
         "with an optional leading +"),
        ("name: Ufficio Immigrazione", f"name: Ufficio{ZWSP} Immigrazione",
         "name 'Ufficio<U+200B> Immigrazione' contains the invisible character U+200B ZERO "
         "WIDTH SPACE at character 8: remove it"),
        ("id: questura-mantova-immigrazione", f"id: questura-mantova{ZWSP}-immigrazione",
         "id 'questura-mantova<U+200B>-immigrazione' contains the invisible character U+200B "
         "ZERO WIDTH SPACE at character 17: remove it"),
    ]
    for n, (old, new, message) in enumerate(cases):
        data, po = copy_good(os.path.join(folder, f"case-{n}"))
        agency = os.path.join(data, "agencies", "questura-mantova.yaml")
        line = line_of(agency, old)
        replace_in(agency, old, new)
        result = build(data, po, output)
        check_problems(result, [f"{agency}:{line}: {message}"], new)
        check(not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]", result.stderr),
              f"{new}: a message carries an invisible character: {result.stderr!r}")
        expect_catalogue_in_service(output, before, new)


def make_french(po):
    """po/fr.po: a copy of en.po (the fixture has no French), told it is fr."""
    french = os.path.join(po, "fr.po")
    shutil.copy(os.path.join(po, "en.po"), french)
    replace_in(french, '"Language: en\\n"', '"Language: fr\\n"')
    return french


def catalog_build_refuses_balanced_override_in_a_french_title(folder):
    """Issue 17: a balanced override in a msgstr made the French title read
    "211 - ..." while it stores "112 - ...".  Refused at its line, written
    as such or as an escape of the PO string; an isolate around the number
    (what a translator may use) builds."""
    output = build_good(folder)
    before = digest(output)
    key = "service:questura-mantova-immigrazione:name"
    for n, (title, message) in enumerate([
            (f"{RLO}112{PDF} - Bureau de l'immigration",
             "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in PO files"),
            ("\\342\\200\\256112\\342\\200\\254 - Bureau de l'immigration",
             "U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape) is not allowed in PO "
             "files")]):
        data, po = copy_good(os.path.join(folder, f"case-{n}"))
        french = make_french(po)
        line = msgid_line(french, key)
        replace_in(french, 'msgstr "Immigration Office"', f'msgstr "{title}"')
        written = line_of(french, f'msgstr "{title}"')
        result = build(data, po, output)
        expected = (f"{french}:{written if n == 0 else line}: {message}: it shows a text in another"
                    " order than it is stored (\"112\" would read \"211\"); keep a number or a "
                    "name in order with an isolate, U+2066 ... U+2069, or with nothing")
        check_problems(result, [expected], title)
        expect_catalogue_in_service(output, before, title)
    data, po = copy_good(os.path.join(folder, "isolate"))
    french = make_french(po)
    replace_in(french, 'msgstr "Immigration Office"',
               'msgstr "\u2066112\u2069 - Bureau de l\'immigration"')
    result = build(data, po, output)
    check(result.returncode == 0, f"an isolate: exit {result.returncode}: {result.stderr}")


def listing(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder)
                  for d, _, files in os.walk(folder) for f in files)


def catalog_build_refuses_output_that_is_an_input(folder):
    """--output equal to, inside, or leading to an input file or folder:
    refused with one sentence before anything is written (every input file
    byte for byte, no new file anywhere)."""
    data, po = copy_good(os.path.join(folder, "work"))
    work = os.path.join(folder, "work")
    make_french(po)
    os.symlink(os.path.join("data", "agencies", "questura-mantova.yaml"),
               os.path.join(work, "link.sqlite"))
    os.symlink("data", os.path.join(work, "data-link"))
    before = {path: digest(os.path.join(work, path)) for path in listing(work)}
    agency = os.path.join("data", "agencies", "questura-mantova.yaml")
    elsewhere = "write the catalogue elsewhere (e.g. build/catalog.sqlite)"
    outside = "write the catalogue outside it (e.g. build/catalog.sqlite)"
    cases = [
        ("po/fr.po", f"--output po/fr.po is po/fr.po, a file this build reads: nothing was "
                     f"written; {elsewhere}"),
        (agency, f"--output {agency} is {agency}, a file this build reads: nothing was "
                 f"written; {elsewhere}"),
        ("link.sqlite", f"--output link.sqlite leads to {agency}, a file this build reads: "
                        f"nothing was written; {elsewhere}"),
        ("data/", "--output data/ is a folder: nothing was written; name the catalogue's "
                  "file, outside the folders this build reads (e.g. build/catalog.sqlite)"),
        ("data/catalog.sqlite", "--output data/catalog.sqlite is inside data, a folder this "
                                f"build reads: nothing was written; {outside}"),
        ("data-link/catalog.sqlite", "--output data-link/catalog.sqlite is inside data, a "
                                     f"folder this build reads: nothing was written; {outside}"),
        ("data/../po/../po/en.po", "--output data/../po/../po/en.po is po/en.po, a file this "
                                   f"build reads: nothing was written; {elsewhere}"),
    ]
    for output, message in cases:
        result = subprocess.run([TOOL, "build", "--data", "data", "--po", "po", "--output", output,
                                 "--languages", LANGUAGES_TXT], cwd=work, capture_output=True,
                                text=True, errors="replace", timeout=60)
        check_problems(result, [message], output)
        now = {path: digest(os.path.join(work, path)) for path in listing(work)}
        check(now == before, f"{output}: files changed or added: "
              f"{sorted(set(now.items()) ^ set(before.items()))}")
    result = run("pot", "--data", os.path.join(work, "data"),
                 "--output", os.path.join(work, agency))
    check_problems(result, [f"--output {os.path.join(work, agency)} is "
                            f"{os.path.join(work, agency)}, a file this build reads: nothing "
                            f"was written; {elsewhere}"], "pot --output a data file")
    check(digest(os.path.join(work, agency)) == before[agency], "pot replaced a data file")


# ---- issue 17: the build says what it left out -------------------------------

def catalog_build_says_which_languages_have_no_po_file(folder):
    """A language of languages.txt without a PO file: one warning line each,
    naming its fallback; the catalogue is built.  With no PO file at all,
    every language but Italian has its line."""
    languages = dict(read_languages(LANGUAGES_TXT))
    data, po = copy_good(folder)
    empty = os.path.join(folder, "empty-po")
    os.makedirs(empty)
    for what, po_dir, missing in [
            ("good/po", po, [code for code in languages if code != "it"
                             and code not in GOOD_LANGUAGES]),
            ("no PO file", empty, [code for code in languages if code != "it"])]:
        output = os.path.join(folder, "catalog.sqlite")
        result = build(data, po_dir, output)
        check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr}")
        lines = [w for w in warnings_of(result) if " warning: no PO file: " in w]
        expected = [f"{os.path.join(po_dir, code + '.po')}: warning: no PO file: {code} is shown "
                    f"entirely in its fallback ({', then '.join(languages[code])}) on every "
                    "screen" for code in languages if code in missing]
        check(lines == expected, f"{what}: {lines}\n  expected {expected}")
        check(len(missing) >= 6, f"{what}: only {missing} missing")
        check(result.stdout.startswith(f"{output}: 28 translatable texts x 14 languages"),
              f"{what}: summary {result.stdout!r}")


TESTS = {f.__name__: f for f in [
    catalog_build_writes_catalogue_from_data_and_po,
    catalog_build_keeps_catalogue_in_service_on_bad_data,
    catalog_build_keeps_catalogue_in_service_on_bad_po,
    catalog_build_explains_yaml_mistakes_in_files_with_accents,
    catalog_build_reports_every_error_not_only_the_first,
    catalog_build_warns_glossary_term_and_builds,
    catalog_build_names_wrong_encoding_in_one_line,
    catalog_build_warns_fuzzy_at_its_line_and_builds,
    catalog_build_refuses_changed_article_number,
    catalog_build_refuses_50mb_data_file,
    catalog_search_folds_arabic_harakat,
    catalog_search_folds_italian_accents,
    catalog_search_finds_agency_by_italian_name_from_every_language,
    catalog_search_keeps_words_whole_in_bn_pa_ti_ar,
    catalog_stats_counts_each_language,
    catalog_stats_lists_language_without_po_as_missing,
    catalog_stats_lists_facts_older_than_18_months_per_agency_and_honours_older_than,
    catalog_check_reports_translator_problems,
    catalog_pot_has_context_comment_and_reference,
    catalog_build_survives_four_fallbacks_without_italian,
    catalog_build_keeps_translations_when_a_paragraph_is_inserted_at_the_top,
    catalog_build_counts_fuzzy_when_a_paragraph_changes,
    catalog_build_translates_two_equal_paragraphs_of_an_article,
    catalog_build_refuses_raw_html_and_image_in_article_at_its_line,
    catalog_build_refuses_hostile_phones_and_names_and_keeps_catalogue,
    catalog_build_refuses_balanced_override_in_a_french_title,
    catalog_build_refuses_output_that_is_an_input,
    catalog_build_says_which_languages_have_no_po_file,
]}

run_named_test(TESTS, NAME, check, "sportello-build-")
