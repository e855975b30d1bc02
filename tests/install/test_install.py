#!/usr/bin/env python3
"""`meson install` stays whole: a copy of the source tree is configured with
a temporary --prefix, built, installed, and then the copy and its build
folder are removed; the installed `sportello --screenshots` must still draw
its screens, from the prefix alone, on the bundled catalogue it accepts as
signed by the development key installed beside it
(PREFIX/share/sportello/keys/development.pub): its log line
"catalog: PREFIX/share/sportello/catalog.sqlite: ..., signed by development"
and no refusal.

Only what `meson install` installs is built (the targets of `meson
introspect --installed`): no test, benchmark or reference program,
as the developer's build is configured.

usage: test_install.py SOURCE_DIR MESON"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

source, meson = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="sportello-install-")
copy, build, prefix = (os.path.join(work, d) for d in ("src", "build", "prefix"))
shots = os.path.join(work, "shots")
problems = []


def run(args, **kwargs):
    started = time.monotonic()
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    print(f"$ {' '.join(args)}  ({time.monotonic() - started:.0f} s, exit {result.returncode})")
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise SystemExit(f"failed: {' '.join(args)}")
    return result


def tracked_files(top):
    """The files of the source tree: git's tracked and new ones (not the
    ignored build folders), or every file outside build folders."""
    try:
        out = subprocess.run(["git", "-C", top, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, check=True).stdout
        return [p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for d, dirs, files in os.walk(top):
            rel = os.path.relpath(d, top)
            dirs[:] = [x for x in dirs if not (rel == "." and (x.startswith("build") or x.startswith(".")))]
            names += [os.path.normpath(os.path.join(rel, f)) for f in files]
        return names


try:
    for name in tracked_files(source):
        src = os.path.join(source, name)
        if not os.path.isfile(src):
            continue  # deleted in the work tree
        os.makedirs(os.path.dirname(os.path.join(copy, name)), exist_ok=True)
        shutil.copy2(src, os.path.join(copy, name))
    run([meson, "setup", build, copy, "--prefix", prefix])
    installed = run([meson, "introspect", "--installed", build]).stdout
    import json
    # What the build makes (configure_file's outputs exist already).
    targets = sorted({os.path.relpath(p, build) for p in json.loads(installed)
                      if p.startswith(build + os.sep) and not os.path.exists(p)})
    run(["ninja", "-C", build, "-j2"] + targets)
    run([meson, "install", "-C", build, "--no-rebuild", "--quiet"])
    shutil.rmtree(copy)
    shutil.rmtree(build)

    kiosk = os.path.join(prefix, "bin", "sportello")
    catalog = os.path.join(prefix, "share", "sportello", "catalog.sqlite")
    key = os.path.join(prefix, "share", "sportello", "keys", "development.pub")
    for path in (kiosk, catalog, key, os.path.join(prefix, "bin", "sportello-catalog"),
                 os.path.join(prefix, "lib", "systemd", "system", "sportello-kiosk.service"),
                 os.path.join(prefix, "libexec", "sportello", "sportello-session"),
                 os.path.join(prefix, "bin", "sportello-text"),
                 os.path.join(prefix, "share", "sportello", "assets", "fonts.txt")):
        if not os.path.exists(path):
            problems.append(f"not installed: {path}")

    # The kiosk session's unit and script name the prefix's programs.
    session = os.path.join(prefix, "libexec", "sportello", "sportello-session")
    unit = os.path.join(prefix, "lib", "systemd", "system", "sportello-kiosk.service")
    if os.path.exists(unit) and f"-- {session}\n" not in open(unit).read():
        problems.append(f"{unit} does not run {session}")
    if os.path.exists(session) and f"set -- {kiosk}\n" not in open(session).read():
        problems.append(f"{session} does not run {kiosk}")

    # Nothing of the developer's environment: no asset folder, no site
    # configuration, a home of its own.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SPORTELLO_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SDL_VIDEODRIVER="dummy", HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_STATE_HOME=os.path.join(work, "state"),
               SPORTELLO_CONFIG=os.path.join(work, "no-site.conf"))
    for language in ("it", "ar"):
        result = subprocess.run([kiosk, "--screenshots", shots, "--lang", language], env=env,
                                cwd=work, capture_output=True, text=True, timeout=600)
        print(result.stderr.strip())
        if result.returncode != 0:
            problems.append(f"--screenshots --lang {language}: exit {result.returncode}")
        # The catalogue's own line when it opened it verified; then no
        # refusal (the last screen, out of service, is drawn from a
        # kiosk given /nonexistent/catalog.sqlite on purpose).
        accepted = f"catalog: {catalog}: "
        if not any(line.startswith("sportello: info: " + accepted) and
                   line.endswith("signed by development") for line in result.stderr.splitlines()):
            problems.append(f"--lang {language}: no log line {accepted}... signed by development")
        for line in result.stderr.splitlines():
            if "/nonexistent/" in line:
                continue
            if any(w in line for w in ("not signed", "refused", "out of service", "error", "warning")):
                problems.append(f"--lang {language}: {line}")
        for screen in ("languages", "home", "help"):
            png = os.path.join(shots, f"{language}-{screen}.png")
            if not os.path.exists(png):
                problems.append(f"no {png}")
            else:
                with open(png, "rb") as f:
                    if f.read(8) != b"\x89PNG\r\n\x1a\n":
                        problems.append(f"{png}: not a PNG")
        count = len([n for n in os.listdir(shots) if n.startswith(language + "-")]) \
            if os.path.isdir(shots) else 0
        print(f"{language}: {count} screens drawn from {prefix}")
    verify = subprocess.run([os.path.join(prefix, "bin", "sportello-catalog"), "verify",
                             "--public", key, catalog], capture_output=True, text=True, env=env)
    print(verify.stdout.strip(), verify.stderr.strip())
    if verify.returncode != 0:
        problems.append(f"sportello-catalog verify: exit {verify.returncode}")
finally:
    shutil.rmtree(work, ignore_errors=True)

for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
