#!/usr/bin/env python3
"""The shipped PO files (po/*.po, po-content/*.po) and the two templates
(po/sportello.pot, po-content/sportello-content.pot) as the standard tools
see them.  One test per name:

  test_po_tools.py SOURCE_ROOT NAME
  test_po_tools.py SOURCE_ROOT --findings   (pofilter's findings, to review)

po_files_are_canonical_for_msgcat_and_pass_msgfmt_check
    `msgcat FILE` prints FILE byte for byte (GNU gettext's wrapping, which
    msgmerge and xgettext also write); `msgfmt -c` (--check-format,
    --check-header, --check-domain) says nothing about any PO file, and
    `msgfmt --check-format --check-domain` nothing about the templates
    (--check-header is left out there: a template's header holds xgettext's
    placeholders, "nplurals=INTEGER" and "FULL NAME <EMAIL@ADDRESS>", which
    msginit replaces and msgfmt -c calls errors by design).  Every header
    has a POT-Creation-Date, each PO file the one of its template (it was
    merged with the template in place); X-Sportello-Review is in every PO
    header and in no template.

po_files_pass_translate_toolkit_pofilter_numbers_and_placeholders
    translate-toolkit's pofilter, with --language of each file, runs the
    tests in POFILTER_TESTS (numbers, placeholders, markup and whatever else
    must come through a translation unchanged; the tests left out and why
    are listed there).  Every finding must be in pofilter-accepted.txt (a
    reviewed false positive, tied to the exact translation), and every
    entry of that list must still be found.

po_files_round_trip_through_translate_toolkit
    translate-toolkit reads each file and writes it again: both readings
    give the same messages (context, source, plural, translations, flags,
    comments, references, previous msgids), GNU msgcat reads the same
    catalogue from the copy as from the file, and pocount counts the
    translated, fuzzy and untranslated messages msgfmt --statistics counts.

The last two need translate-toolkit (Debian package translate-toolkit,
installed by tools/deps.sh); without it they exit 77 (skipped) and say why.
If the running Python cannot import it, the interpreter named by the
pofilter script is tried.
"""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# pofilter tests run, each a property a translation must keep whatever the
# language:
#   numbers            the same numbers (phone numbers, article numbers, hours)
#   printf             the same C format directives (%s, %1$s, %d, %.0f)
#   pythonbraceformat  the same {name} placeholders
#   variables          the same variables of the configured kinds
#   xmltags            the same markup tags
#   urls, emails       addresses copied, not translated
#   escapes, newlines, tabs, startwhitespace, endwhitespace
#                      the same escapes and line structure, no added spaces
#   nplurals           as many plural forms as the language's Plural-Forms
# Left out, because they judge a language's writing rather than what must
# survive translation, and flag correct translations by the hundred:
#   brackets, startpunc, endpunc, puncspacing, doublequoting, singlequoting,
#   sentencecount: Chinese full-width （）：。, Arabic-script ، ؟ ۔, Tigrinya
#   ። ፣ ፦ and the kiosk's own style (Italian office names kept and glossed in
#   brackets: "Servizio Sanitario Nazionale (National Health Service)");
#   startcaps, simplecaps, acronyms: scripts without case, glosses of
#   acronyms (ATS, CPI, ISEE); doublewords, unchanged, long, short:
#   reduplication, Italian names that stay Italian, scripts of other widths;
#   spellcheck, validchars, musttranslatewords, notranslatewords: need
#   per-language configuration the project does not have;
#   accelerators, functions, options, filepaths, kdecomments, credits,
#   compendiumconflicts, purepunc: desktop-software conventions that
#   these texts do not use; untranslated, blank, isfuzzy, isreview,
#   hassuggestion: progress, reported by `sportello-catalog stats` instead.
POFILTER_TESTS = ["numbers", "printf", "pythonbraceformat", "variables", "xmltags", "urls",
                  "emails", "escapes", "newlines", "tabs", "startwhitespace", "endwhitespace",
                  "nplurals"]

HERE = os.path.dirname(os.path.abspath(__file__))
ACCEPTED = os.path.join(HERE, "pofilter-accepted.txt")


def shipped(root):
    """(path relative to root, language or None) of every shipped file."""
    files = []
    for folder, template in (("po", "sportello.pot"), ("po-content", "sportello-content.pot")):
        for path in sorted(glob.glob(os.path.join(root, folder, "*.po"))):
            files.append((os.path.relpath(path, root), os.path.basename(path)[:-3]))
        files.append((os.path.join(folder, template), None))
    return files


def run(command, **kw):
    return subprocess.run(command, capture_output=True, **kw)


def header_fields(path):
    """The header entry's fields, from msgcat's unwrapped output."""
    text = run(["msgcat", "--no-wrap", path], text=True, check=True).stdout
    header = text.split("\n\n", 1)[0]
    fields = {}
    for line in header.split("\n"):
        match = re.fullmatch(r'"([A-Za-z-]+): (.*)\\n"', line)
        if match:
            fields[match.group(1)] = match.group(2)
    return fields


def po_files_are_canonical_for_msgcat_and_pass_msgfmt_check(root, failures):
    for tool in ("msgcat", "msgfmt"):
        if not shutil.which(tool):
            failures.append(f"{tool} (gettext) is not installed")
            return
    dates = {}
    for name, language in shipped(root):
        path = os.path.join(root, name)
        with open(path, "rb") as f:
            original = f.read()
        result = run(["msgcat", path])
        if result.returncode != 0 or result.stderr:
            failures.append(f"{name}: msgcat exits {result.returncode}: "
                            f"{result.stderr.decode(errors='replace')}")
        elif result.stdout != original:
            written = result.stdout.decode(errors="replace").split("\n")
            lines = original.decode(errors="replace").split("\n")
            first = next((i for i, (a, b) in enumerate(zip(lines, written)) if a != b),
                         min(len(lines), len(written)))
            failures.append(f"{name}:{first + 1}: not as msgcat writes it "
                            f"(run `msgcat -o FILE FILE`, or the update targets)")
        checks = (["-c"] if language else ["--check-format", "--check-domain"])
        result = run(["msgfmt", *checks, "-o", os.devnull, path], text=True)
        if result.returncode != 0 or result.stderr:
            failures.append(f"msgfmt {' '.join(checks)} {name} exits {result.returncode}:\n"
                            f"{result.stderr}")
        fields = header_fields(path)
        if "POT-Creation-Date" not in fields:
            failures.append(f"{name}: the header has no POT-Creation-Date")
        dates.setdefault(os.path.dirname(name), {})[language] = fields.get("POT-Creation-Date")
        if language and fields.get("X-Sportello-Review") not in ("draft", "reviewed"):
            failures.append(f"{name}: X-Sportello-Review is {fields.get('X-Sportello-Review')!r}")
        if not language and "X-Sportello-Review" in fields:
            failures.append(f"{name}: a template has a review status (X-Sportello-Review)")
    for folder, by_language in dates.items():
        template = by_language.pop(None)
        for language, date in by_language.items():
            if date != template:
                failures.append(f"{folder}/{language}.po: POT-Creation-Date {date} is not the "
                                f"template's {template}: merge it (the update targets)")


def translate_toolkit():
    """The translate-toolkit modules, or the reason they cannot be had."""
    if not shutil.which("pofilter") or not shutil.which("pocount"):
        return None, "translate-toolkit is not installed (no pofilter or pocount on PATH)"
    try:
        from translate.storage import po  # noqa: F401
        return po, None
    except ImportError:
        return None, f"{sys.executable} cannot import translate (translate-toolkit)"


def message_of(unit):
    """What a unit says, apart from wrapping."""
    def strings(value):
        return [str(s) for s in value.strings] if hasattr(value, "strings") else [str(value or "")]
    return (unit.getcontext() or "", strings(unit.source), strings(unit.target),
            bool(unit.isfuzzy()), bool(unit.isobsolete()), bool(unit.isheader()),
            tuple(unit.getlocations()), unit.getnotes("developer"), unit.getnotes("translator"),
            tuple(unit.typecomments), tuple(getattr(unit, "prev_msgid", [])),
            tuple(getattr(unit, "prev_msgctxt", [])))


def pofilter_findings(root, po, work):
    """{(file, test, key, translation digest): message} of every finding."""
    findings = {}
    for name, language in shipped(root):
        output = os.path.join(work, name.replace("/", "_"))
        command = ["pofilter", "--progress=none", "--errorlevel=exception"]
        if language:
            command.append(f"--language={language}")
        command += [f"--test={t}" for t in POFILTER_TESTS]
        # -i/-o always: with two free arguments the second is the output
        result = run(command + ["-i", os.path.join(root, name), "-o", output], text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pofilter on {name} exits {result.returncode}: {result.stderr}")
        if not os.path.exists(output):
            continue
        with open(output, "rb") as f:
            store = po.pofile(f)
        for unit in store.units:
            if unit.isheader():
                continue
            key = unit.getcontext() or str(unit.source)
            digest = hashlib.sha256(str(unit.target).encode()).hexdigest()[:12]
            for test, message in unit.geterrors().items():
                findings[(name, test, key, digest)] = message
    return findings


def read_accepted():
    accepted = {}
    with open(ACCEPTED, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4:
                raise ValueError(f"{ACCEPTED}:{number}: not FILE<TAB>TEST<TAB>KEY<TAB>DIGEST")
            accepted[tuple(fields)] = number
    return accepted


def po_files_pass_translate_toolkit_pofilter_numbers_and_placeholders(root, failures):
    po, reason = translate_toolkit()
    if not po:
        return reason
    with tempfile.TemporaryDirectory() as work:
        findings = pofilter_findings(root, po, work)
    accepted = read_accepted()
    for (name, test, key, digest), message in sorted(findings.items()):
        if (name, test, key, digest) not in accepted:
            failures.append(f"{name}: pofilter {test}: {message}: {key!r} "
                            f"(translation digest {digest})")
    for entry, number in sorted(accepted.items(), key=lambda e: e[1]):
        if entry not in findings:
            failures.append(f"{ACCEPTED}:{number}: no longer found (translation or message "
                            f"changed, or fixed): review it and remove the line")
    if not failures:
        print(f"pofilter {','.join(POFILTER_TESTS)}: {len(findings)} findings, "
              f"each a reviewed false positive of {os.path.basename(ACCEPTED)}")


def po_files_round_trip_through_translate_toolkit(root, failures):
    po, reason = translate_toolkit()
    if not po:
        return reason
    with tempfile.TemporaryDirectory() as work:
        for name, language in shipped(root):
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                store = po.pofile(f)
            copy = os.path.join(work, os.path.basename(name))
            with open(copy, "wb") as f:
                f.write(bytes(store))
            with open(copy, "rb") as f:
                again = po.pofile(f)
            first = [message_of(u) for u in store.units]
            second = [message_of(u) for u in again.units]
            if first != second:
                where = next((i for i, (a, b) in enumerate(zip(first, second)) if a != b),
                             min(len(first), len(second)))
                failures.append(f"{name}: message {where} read back differently: "
                                f"{first[where:where + 1]} != {second[where:where + 1]}")
            gnu = [run(["msgcat", "--no-wrap", p], text=True).stdout for p in (path, copy)]
            if gnu[0] != gnu[1] or not gnu[0]:
                failures.append(f"{name}: msgcat reads another catalogue from "
                                f"translate-toolkit's copy")
            # the same counts from both toolkits
            counted = run(["pocount", "--csv", path], text=True).stdout.strip().split("\n")[-1]
            fields = [f.strip() for f in counted.split(",")]
            statistics = run(["msgfmt", "--statistics", "-o", os.devnull, path],
                             text=True).stderr
            gnu_counts = [0, 0, 0]
            for number, what in re.findall(r"(\d+) (translated|fuzzy|untranslated)", statistics):
                gnu_counts[["translated", "fuzzy", "untranslated"].index(what)] = int(number)
            try:
                tt_counts = [int(fields[1]), int(fields[4]), int(fields[6])]
            except (IndexError, ValueError):
                tt_counts = fields
            if tt_counts != gnu_counts:
                failures.append(f"{name}: pocount counts translated/fuzzy/untranslated "
                                f"{tt_counts}, msgfmt --statistics {gnu_counts}")


TESTS = {f.__name__: f for f in (
    po_files_are_canonical_for_msgcat_and_pass_msgfmt_check,
    po_files_pass_translate_toolkit_pofilter_numbers_and_placeholders,
    po_files_round_trip_through_translate_toolkit,
)}


def reexec_with_translate_toolkit():
    """Runs this script again under the Python that pofilter uses when the
    current one has no translate-toolkit (a Python of its own on PATH)."""
    try:
        import translate.storage.po  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("SPORTELLO_PO_TOOLS_REEXEC"):
        return
    pofilter = shutil.which("pofilter")
    if not pofilter:
        return
    with open(pofilter, "rb") as f:
        first = f.readline().decode(errors="replace")
    if not first.startswith("#!"):
        return
    interpreter = first[2:].strip().split()
    if not interpreter or not os.path.isabs(interpreter[0]):
        return
    check = run(interpreter + ["-c", "import translate.storage.po"])
    if check.returncode == 0:
        os.environ["SPORTELLO_PO_TOOLS_REEXEC"] = "1"
        os.execv(interpreter[0], interpreter + [os.path.abspath(__file__)] + sys.argv[1:])


def print_findings(root):
    """Every finding, one line in the form of pofilter-accepted.txt, with
    pofilter's message, the source and the translation below it: for a
    reviewer, who copies a line into the list only when it is no error."""
    po, reason = translate_toolkit()
    if not po:
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as work:
        findings = pofilter_findings(root, po, work)
    for entry, message in sorted(findings.items()):
        print("\t".join(entry))
        print(f"#   {message}")


def main():
    if len(sys.argv) == 3 and sys.argv[2] == "--findings":
        reexec_with_translate_toolkit()
        print_findings(sys.argv[1])
        return
    if len(sys.argv) != 3 or sys.argv[2] not in TESTS:
        sys.exit(f"usage: {sys.argv[0]} SOURCE_ROOT {'|'.join(TESTS)}|--findings")
    root, name = sys.argv[1], sys.argv[2]
    if name != "po_files_are_canonical_for_msgcat_and_pass_msgfmt_check":
        reexec_with_translate_toolkit()
    failures = []
    skipped = TESTS[name](root, failures)
    if skipped:
        print(f"SKIP {name}: {skipped}")
        sys.exit(SKIP)
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        sys.exit(1)
    print(f"ok {name}: {len(shipped(root))} files")


if __name__ == "__main__":
    main()
