#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/seeds/ from the project's own files: the
data-case folders and data/ (data parser), the PO test cases and the start of
each po-content file (PO import), lines of tests/corpus in every language
(text engine), and typical and hostile queries (search).  Run from the
top of the source tree; the result is committed."""
import glob
import os
import shutil
import struct

ROOT = "fuzz/seeds"


def put(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def data_parser():
    # selector byte (fuzz_data_parser.c): 0 categories, 1 agency, 2 article
    paths = sorted(glob.glob("tests/catalog/data-cases/*/**", recursive=True))
    paths += sorted(glob.glob("data/**", recursive=True))
    for path in paths:
        if not os.path.isfile(path):
            continue
        if path.endswith("categories.yaml"):
            selector = 0
        elif path.endswith(".yaml"):
            selector = 1
        elif path.endswith(".md") and "/articles/" in path:
            selector = 2
        else:
            continue
        with open(path, "rb") as f:
            data = f.read()
        if len(data) <= 20000:
            put("data_parser", path.replace("/", "_"), bytes([selector]) + data)


def po_import():
    languages = ["ar", "zh", "uk", "ro", "ur", "ti", "pa", "fr"]  # fuzz_po_import.c

    def selector(code):
        return languages.index(code) if code in languages else 0

    for path in sorted(glob.glob("tests/catalog/po-cases/*/*.po")):
        if not os.path.isfile(path):
            continue
        code = os.path.basename(path)[:-3]
        with open(path, "rb") as f:
            put("po_import", path.split("/")[-2] + "_" + os.path.basename(path),
                bytes([selector(code)]) + f.read())
    # the header and the first messages of each real PO file
    for path in sorted(glob.glob("po-content/*.po")):
        code = os.path.basename(path)[:-3]
        with open(path, "rb") as f:
            blocks = f.read().split(b"\n\n")
        put("po_import", "po-content_" + code + ".po",
            bytes([selector(code)]) + b"\n\n".join(blocks[:12]) + b"\n")


def text_engine():
    # language, width (2 bytes little-endian), style, paragraph
    order = ["it", "en", "fr", "ro", "sq", "uk", "ar", "ur", "fa", "ps", "ti", "pa", "bn",
             "zh", "und"]
    widths = [300, 120, 640, 0xFFFF, 40, 900]
    styles = [0x00, 0x01, 0x22, 0x0B, 0x81, 0x10]
    for path in sorted(glob.glob("tests/corpus/*.txt")):
        code = os.path.basename(path)[:-4]
        with open(path, "rb") as f:
            lines = [l for l in f.read().split(b"\n") if l.strip() and not l.startswith(b"#")]
        for i, line in enumerate(lines[:6]):
            put("text_engine", f"{code}-{i}",
                bytes([order.index(code)]) + struct.pack("<H", widths[i]) + bytes([styles[i]])
                + line[:2000])
    mixed = [
        "العمال (lavoro) 800 290 290 \u200f".encode(),
        "\u2067abc\u2069\u202edef".encode(),
        "\u0301\u0301\u0301".encode(),
        b"\xff\xfe\xc0\x80abc\xed\xa0\x80",
        "a\tb\r\nc\u2028d\u2029e".encode(),
        "\U0001F600\u200d\u2764\ufe0f 中文 ትግርኛ ਪੰਜਾਬੀ বাংলা".encode(),
    ]
    for i, paragraph in enumerate(mixed):
        put("text_engine", f"mixed-{i}",
            bytes([i * 3 % 15]) + struct.pack("<H", [200, 1, 0xFFFF, 50, 333, 80][i])
            + bytes([i * 37 % 256]) + paragraph)


def search_query():
    queries = [
        "caporalato", "permesso di soggiorno", "Questura", "busta paga", "lavoro nero",
        "800 290 290", "112", "العُمّال", "العمال", "عمل", "کار", "ملازمت", "劳务", "工资",
        "合同", "робота", "дозвіл", "muncă", "punë", "travail", "work permit", "ਕੰਮ", "কাজ",
        "ስራሕ", '"', '""', "*", "^", "NEAR(a b)", "a AND b OR NOT c", "text:foo",
        "{text italian}:x", "-x", "+", "caporal*", "  ", "\u200f", "\x00x", "(((((",
        "Permesso, soggiorno; lavoro!", "a" * 300, "ــــ", "\ufdfa", "①②③", "\U0001F600",
    ]
    for i, query in enumerate(queries):
        put("search_query", f"q{i:02d}", bytes([i % 14]) + query.encode())


shutil.rmtree(ROOT, ignore_errors=True)
data_parser()
po_import()
text_engine()
search_query()
for target in sorted(os.listdir(ROOT)):
    print(target, len(os.listdir(os.path.join(ROOT, target))))
