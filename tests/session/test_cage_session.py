#!/usr/bin/env python3
"""The kiosk session of dist/ as a site runs it: cage (wlroots' headless
backend, pixman renderer), as an unprivileged user, running
dist/sportello-session, which runs the kiosk; SDL on Wayland (cage
starts Xwayland too).  The test stands in for systemd: it gives the session a
NOTIFY_SOCKET and a WATCHDOG_USEC and reads what the kiosk sends.

  picker  kiosk_in_cage_shows_the_whole_language_picker_at_the_output_size:
          READY=1 after the first frame, watchdog pings, and a grim
          screenshot of the output the size of the output, equal to the
          picker that `sportello --screenshots --size WxH` draws.
  restart kiosk_in_cage_killed_with_sigkill_comes_back_within_5_s: SIGKILL to the
          kiosk; sportello-session starts it again, and the new kiosk's
          READY=1 (its first frame on screen) comes within 5 s.

cage is run with its output turned 180 degrees (-r -r): unturned, cage
scans the kiosk's full-screen buffer out directly, and on the headless
backend of wlroots 0.15 the screencopy grim uses then reads back black
(docs/kiosk.md, "A kiosk session").  With SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR=1
in the environment (overriding the kiosk's own hint) the picker test fails:
the screen is black, the bug the issue reported.

usage: test_cage_session.py picker|restart SESSION KIOSK OUT_DIR
Exits 77 (skipped) when cage, grim or Xwayland is missing."""
import os
import pwd
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

which, session, kiosk, out = sys.argv[1], *(os.path.abspath(a) for a in sys.argv[2:5])
TEST_USER = "sportello-test"
problems = []

missing = [p for p in ("cage", "grim", "Xwayland") if not shutil.which(p)]
if missing:
    print(f"SKIP: {', '.join(missing)} not installed (Debian packages cage, grim, "
          "xwayland: tools/deps.sh installs them as root)")
    sys.exit(77)


def user_prefix():
    """The command prefix that runs as an unprivileged user, and its ids."""
    if os.getuid() != 0:
        return [], os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", TEST_USER], check=True)
        entry = pwd.getpwnam(TEST_USER)
    return (["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups"],
            entry.pw_uid, entry.pw_gid)


def read_ppm(data):
    """(width, height, RGB bytes) of grim's binary PPM."""
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P6" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1:at + 1 + width * height * 3]


def read_png_rgb(path):
    """(width, height, RGB bytes) of an 8-bit RGB or RGBA PNG (src/png_io.c's)."""
    with open(path, "rb") as f:
        data = f.read()
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour = header
    assert depth == 8 and colour in (2, 6), header
    n = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * n
    rgb, prev = bytearray(), bytearray(stride)
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - n] if i >= n else 0
            b, c = prev[i], (prev[i - n] if i >= n else 0)
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = row
        for x in range(width):
            rgb += row[x * n:x * n + 3]
    return width, height, bytes(rgb)


class Session:
    def __init__(self):
        self.prefix, uid, gid = user_prefix()
        self.work = tempfile.mkdtemp(prefix="sportello-cage-")
        os.chmod(self.work, 0o755)
        self.runtime = os.path.join(self.work, "runtime")
        self.home = os.path.join(self.work, "home")
        for d in (self.runtime, self.home):
            os.mkdir(d, 0o700)
            os.chown(d, uid, gid)
        # The service manager's notification socket, as systemd gives it.
        self.notify_path = os.path.join(self.work, "notify")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.notify_path)
        os.chmod(self.notify_path, 0o777)
        self.messages = []  # (time, message)
        self.log_path = os.path.join(self.work, "session.log")
        env = {"PATH": "/usr/bin:/bin", "HOME": self.home, "XDG_RUNTIME_DIR": self.runtime,
               "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
               "WLR_LIBINPUT_NO_DEVICES": "1", "SDL_VIDEODRIVER": "wayland",
               "NOTIFY_SOCKET": self.notify_path, "WATCHDOG_USEC": "2000000",
               "SPORTELLO_RESTART_DELAY": "0.2", "LANG": "C.UTF-8"}
        self.log = open(self.log_path, "wb")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            self.prefix + ["env", "-i"] + [f"{k}={v}" for k, v in env.items()]
            + ["cage", "-r", "-r", "--", session, kiosk],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def receive(self, until, want):
        """Notifications until `want(message)` is true or `until` passes."""
        while time.monotonic() < until:
            self.notify.settimeout(max(0.01, until - time.monotonic()))
            try:
                message = self.notify.recv(4096).decode()
            except socket.timeout:
                break
            self.messages.append((time.monotonic(), message))
            if want(message):
                return True
        return False

    def grim(self):
        result = subprocess.run(self.prefix + ["env", f"XDG_RUNTIME_DIR={self.runtime}",
                                               "WAYLAND_DISPLAY=wayland-0", "grim", "-t", "ppm", "-"],
                                capture_output=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"grim: {result.stderr.decode()!r}")
        return read_ppm(result.stdout)

    def grim_png(self, path):
        subprocess.run(self.prefix + ["env", f"XDG_RUNTIME_DIR={self.runtime}",
                                      "WAYLAND_DISPLAY=wayland-0", "grim", "-"],
                       stdout=open(path, "wb"), timeout=30, check=True)

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()
        self.notify.close()
        shutil.rmtree(self.work, ignore_errors=True)


def kiosk_pids(text):
    return [int(line.rsplit("pid ", 1)[1].rstrip(")"))
            for line in text.splitlines() if line.startswith("sportello-session: kiosk started")]


s = Session()
try:
    if not s.receive(s.started + 60, lambda m: "READY=1" in m):
        raise RuntimeError("no READY=1 from the kiosk within 60 s")
    print(f"READY=1 {s.messages[-1][0] - s.started:.2f} s after cage started")
    if which == "picker":
        s.receive(time.monotonic() + 5, lambda m: False)
        pings = [t for t, m in s.messages if "WATCHDOG=1" in m]
        print(f"{len(pings)} watchdog pings in the first seconds (WATCHDOG_USEC=2000000)")
        if len(pings) < 2:
            problems.append(f"{len(pings)} watchdog pings, not one a second")
        width, height, shot = s.grim()
        logged = [line for line in s.log_text().splitlines() if "kiosk mode," in line]
        print(logged[-1] if logged else "no renderer line")
        if not logged or not logged[-1].endswith(f"{width}x{height} pixels"):
            problems.append(f"the kiosk does not say it draws {width}x{height}, the output's size")
        reference_dir = os.path.join(out, "cage-reference")
        shutil.rmtree(reference_dir, ignore_errors=True)
        subprocess.run([kiosk, "--screenshots", reference_dir, "--lang", "it", "--size",
                        f"{width}x{height}"], check=True, capture_output=True,
                       env=dict(os.environ, SDL_VIDEODRIVER="dummy"))
        rw, rh, want = read_png_rgb(os.path.join(reference_dir, "it-languages.png"))
        os.makedirs(out, exist_ok=True)
        s.grim_png(os.path.join(out, "cage-picker.png"))
        if (rw, rh) != (width, height):
            problems.append(f"reference {rw}x{rh}, screen {width}x{height}")
        else:
            differ = sum(1 for i in range(0, len(want), 3)
                         if max(abs(shot[i + c] - want[i + c]) for c in range(3)) > 8)
            total = width * height
            print(f"grim: {width}x{height}; {differ} of {total} pixels differ from "
                  f"`sportello --screenshots --size {width}x{height}` it-languages.png "
                  f"(a grim PNG: {out}/cage-picker.png)")
            if differ > total // 1000:
                problems.append(f"{differ} pixels differ from the picker drawn offscreen")
    else:
        pids = kiosk_pids(s.log_text())
        if not pids:
            raise RuntimeError("sportello-session did not say which kiosk it started")
        killed = time.monotonic()
        os.kill(pids[-1], signal.SIGKILL)
        print(f"SIGKILL to the kiosk, pid {pids[-1]}")
        back = s.receive(killed + 30, lambda m: "READY=1" in m)
        after = s.messages[-1][0] - killed if back else None
        new = [p for p in kiosk_pids(s.log_text()) if p != pids[-1]]
        if not back or not new:
            problems.append("the kiosk did not come back within 30 s")
        else:
            print(f"a new kiosk (pid {new[-1]}) drew its first frame {after:.2f} s after SIGKILL")
            if after > 5:
                problems.append(f"back after {after:.2f} s, more than 5 s")
            width, height, shot = s.grim()
            if shot.count(0) == len(shot):
                problems.append("the screen is black after the restart")
except Exception as error:  # noqa: BLE001 - any failure is the test's
    problems.append(str(error))
finally:
    text = s.log_text()
    s.close()
print("\n".join(line for line in text.splitlines() if "xcb error" not in line)[-4000:])
for p in problems:
    print("check failed:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
